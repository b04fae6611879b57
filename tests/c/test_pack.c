/* Unit tests for pack.c: packages built, read back and verified in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack.h"
#include "paper.h"
#include "test.h"

static int setup(struct tk_paper **p, struct tk_pubkey *pk, struct tk_seckey *sk)
{
	struct tk_error err = {0};
	char base[512], path[600];

	snprintf(base, sizeof base, "%s/pk", test_tmpdir());
	snprintf(path, sizeof path, "%s.key", base);
	return tk_paper_load("tests/data/papers/mini-paper.xml", p, NULL, &err) == TK_OK &&
	       tk_sign_keygen(base, NULL, 1, pk, &err) == TK_OK &&
	       tk_sign_read_sec(path, NULL, sk, &err) == TK_OK;
}

TEST(pack_round_trip_and_reproducible)
{
	struct tk_paper *p = NULL;
	struct tk_pubkey pk;
	struct tk_seckey sk;
	struct tk_error err = {0};
	struct tk_buf pdf = TK_BUF_INIT, a = TK_BUF_INIT, b = TK_BUF_INIT, sa = TK_BUF_INIT,
		      sb = TK_BUF_INIT;
	struct tk_unpack_file *files = NULL;
	char *tc = NULL;
	int n = 0, rc;

	CHECK(setup(&p, &pk, &sk));
	tk_buf_puts(&pdf, "%PDF-1.5 not really a PDF, but bytes to carry");
	rc = tk_pack_build(p, TK_PACK_PAPER, &pdf, TK_PACK_ZIP, &sk, &a, &sa, &err);
	if (rc == TK_OK)
		rc = tk_pack_build(p, TK_PACK_PAPER, &pdf, TK_PACK_ZIP, &sk, &b, &sb, &err);
	tk_sign_wipe(&sk);
	tk_paper_free(p);
	CHECK_INT(rc, TK_OK);
	CHECK(a.len == b.len && !memcmp(a.s, b.s, a.len));
	rc = tk_pack_verify(a.s, a.len, sa.s, sa.len, &pk, NULL, &tc, &files, &n, &err);
	CHECK_INT(rc, TK_OK);
	CHECK_INT(n, 4);
	CHECK(tc && strstr(tc, "content:paper") != NULL);
	free(tc);
	tk_unpack_free(files, n);
	a.s[a.len / 2] ^= 1;
	CHECK_INT(tk_pack_verify(a.s, a.len, sa.s, sa.len, &pk, NULL, NULL, NULL, NULL, &err),
		  TK_FAIL);
	tk_buf_free(&pdf);
	tk_buf_free(&a);
	tk_buf_free(&b);
	tk_buf_free(&sa);
	tk_buf_free(&sb);
}

TEST(pack_read_enforces_limits)
{
	struct tk_paper *p = NULL;
	struct tk_pubkey pk;
	struct tk_seckey sk;
	struct tk_error err = {0};
	struct tk_buf pdf = TK_BUF_INIT, a = TK_BUF_INIT, sa = TK_BUF_INIT;
	struct tk_unpack_limits few = {2, (size_t)1 << 20, (size_t)1 << 20, 200.0};
	struct tk_unpack_limits small = {100, 100, (size_t)1 << 20, 200.0};
	struct tk_unpack_file *files = NULL;
	int n = 0, rc;

	CHECK(setup(&p, &pk, &sk));
	tk_buf_puts(&pdf, "%PDF-1.5 bytes");
	rc = tk_pack_build(p, TK_PACK_KEY, &pdf, TK_PACK_TGZ, &sk, &a, &sa, &err);
	tk_sign_wipe(&sk);
	tk_paper_free(p);
	CHECK_INT(rc, TK_OK);
	CHECK_INT(tk_pack_read(a.s, a.len, NULL, &files, &n, &err), TK_OK);
	CHECK_INT(n, 3);
	tk_unpack_free(files, n);
	CHECK_INT(tk_pack_read(a.s, a.len, &few, &files, &n, &err), TK_FAIL);
	CHECK(strstr(err.msg, "too many entries") != NULL);
	CHECK_INT(tk_pack_read(a.s, a.len, &small, &files, &n, &err), TK_FAIL);
	CHECK(strstr(err.msg, "size limit") != NULL);
	CHECK(files == NULL && n == 0);
	CHECK_INT(tk_pack_read("not an archive", 14, NULL, &files, &n, &err), TK_FAIL);
	tk_buf_free(&pdf);
	tk_buf_free(&a);
	tk_buf_free(&sa);
}

/*
 * Every single byte of a package, and of its signature past the
 * untrusted comment, matters: flip each in turn and verify must fail.
 */
TEST(pack_any_flipped_byte_fails)
{
	struct tk_paper *p = NULL;
	struct tk_pubkey pk;
	struct tk_seckey sk;
	struct tk_error err = {0};
	struct tk_buf pdf = TK_BUF_INIT, a = TK_BUF_INIT, sa = TK_BUF_INIT;
	/* under valgrind (TIKU_UNIT_QUICK) every 13th byte: the sweep stays honest */
	size_t i, from, step = getenv("TIKU_UNIT_QUICK") ? 13 : 1;
	int rc;

	CHECK(setup(&p, &pk, &sk));
	tk_buf_puts(&pdf, "%PDF-1.5 a small stand-in for the key's print");
	rc = tk_pack_build(p, TK_PACK_KEY, &pdf, TK_PACK_ZIP, &sk, &a, &sa, &err);
	tk_sign_wipe(&sk);
	tk_paper_free(p);
	CHECK_INT(rc, TK_OK);
	CHECK_INT(tk_pack_verify(a.s, a.len, sa.s, sa.len, &pk, NULL, NULL, NULL, NULL, &err), TK_OK);
	for (i = 0; i < a.len; i += step) {
		a.s[i] ^= 0x01;
		rc = tk_pack_verify(a.s, a.len, sa.s, sa.len, &pk, NULL, NULL, NULL, NULL, &err);
		a.s[i] ^= 0x01;
		if (rc == TK_OK)
			fprintf(stderr, "  package byte %zu flipped, still verified\n", i);
		CHECK(rc != TK_OK);
	}
	from = (size_t)(strchr(sa.s, '\n') - sa.s) + 1;   /* the untrusted comment is not signed */
	for (i = from; i < sa.len; i += step) {
		if (sa.s[i] == '\n')
			continue;
		sa.s[i] ^= 0x01;
		rc = tk_pack_verify(a.s, a.len, sa.s, sa.len, &pk, NULL, NULL, NULL, NULL, &err);
		sa.s[i] ^= 0x01;
		if (rc == TK_OK)
			fprintf(stderr, "  signature byte %zu flipped, still verified\n", i);
		CHECK(rc != TK_OK);
	}
	tk_buf_free(&pdf);
	tk_buf_free(&a);
	tk_buf_free(&sa);
}
