/* fuzz_blueprint.c -- the blueprint reader, resolved against a standard. */
#include "blueprint.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_standard();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_blueprint *bp = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	if (tk_blueprint_parse((const char *)data, size, "fuzz.xml", &bp, &d, &err) == TK_OK) {
		tk_blueprint_resolve(bp, fuzz_standard(), &d, &err);
		tk_blueprint_free(bp);
	}
	tk_diags_free(&d);
	return 0;
}
