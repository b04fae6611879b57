/* fuzz_standard.c -- the standard XML reader (schema/standard.rng). */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) { (void)argc; (void)argv; return 0; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_standard *s = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	if (tk_standard_parse((const char *)data, size, "fuzz.xml", &s, &d, &err) == TK_OK)
		tk_standard_free(s);
	tk_diags_free(&d);
	return 0;
}
