/* fuzz_minisig.c -- the .minisig reader: a signature text checked
   against fixed data and a fixed public key (tests/fuzz/keys). */
#include "fuzz.h"
#include "sign.h"

static struct tk_pubkey pk;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct tk_error err = {0};

	(void)argc;
	(void)argv;
	if (tk_sign_init(&err) != TK_OK ||
	    tk_sign_read_pub("tests/fuzz/keys/minisign.pub", &pk, &err) != TK_OK)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_error err = {0};
	char *trusted = NULL;

	tk_sign_verify(&pk, "tiku fuzz", 9, (const char *)data, size, "fuzz.minisig", &trusted,
		       &err);
	free(trusted);
	return 0;
}
