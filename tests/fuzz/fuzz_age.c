/* fuzz_age.c -- the age reader: a sealed file decrypted with a fixed
   identity (tests/fuzz/keys). */
#include "fuzz.h"
#include "seal.h"
#include "sign.h"

static unsigned char sk[32];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct tk_error err = {0};

	(void)argc;
	(void)argv;
	if (tk_sign_init(&err) != TK_OK ||
	    tk_seal_read_identity("tests/fuzz/keys/age.key", sk, &err) != TK_OK)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_buf out = TK_BUF_INIT;
	struct tk_error err = {0};

	tk_seal_is_age(data, size);
	tk_seal_decrypt(sk, data, size, &out, &err);
	tk_buf_free(&out);
	return 0;
}
