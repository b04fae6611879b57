/* fuzz_manifest.c -- package verification past the signatures: the input
   is a package's manifest.xml, signed with the fuzz key and packed with
   the file it names, so that tk_pack_verify reads it as from a centre. */
#include "fuzz.h"
#include "pack.h"
#include "sign.h"

static struct tk_pubkey pk;
static struct tk_seckey sk;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct tk_error err = {0};

	(void)argc;
	(void)argv;
	if (tk_sign_init(&err) != TK_OK ||
	    tk_sign_read_pub("tests/fuzz/keys/minisign.pub", &pk, &err) != TK_OK ||
	    tk_sign_read_sec("tests/fuzz/keys/minisign.key", NULL, &sk, &err) != TK_OK)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_buf msig = TK_BUF_INIT, pkg = TK_BUF_INIT, sig = TK_BUF_INIT;
	struct tk_unpack_file f[3], *files = NULL;
	struct tk_error err = {0};
	char *trusted = NULL;
	int n = 0;

	if (tk_sign_data(&sk, data, size, "fuzz", "fuzz", 0, &msig, &err) != TK_OK)
		goto out;
	f[0].name = "manifest.xml";
	f[0].data = (unsigned char *)data;
	f[0].len = size;
	f[1].name = "manifest.xml.minisig";
	f[1].data = (unsigned char *)msig.s;
	f[1].len = msig.len;
	f[2].name = "paper.xml";
	f[2].data = (unsigned char *)"<paper/>";
	f[2].len = 8;
	if (tk_pack_archive(f, 3, TK_PACK_ZIP, &pkg, &err) != TK_OK ||
	    tk_sign_data(&sk, pkg.s, pkg.len, "fuzz", "fuzz", 0, &sig, &err) != TK_OK)
		goto out;
	if (tk_pack_verify(pkg.s, pkg.len, sig.s, sig.len, &pk, NULL, &trusted, &files, &n,
			   &err) == TK_OK)
		tk_unpack_free(files, n);
	free(trusted);
out:
	tk_buf_free(&msig);
	tk_buf_free(&pkg);
	tk_buf_free(&sig);
	return 0;
}
