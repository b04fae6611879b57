/* fuzz_paper.c -- the paper XML reader (schema/paper.rng). */
#include "fuzz.h"
#include "paper.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) { (void)argc; (void)argv; return 0; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_paper *p = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	if (tk_paper_parse((const char *)data, size, "fuzz.xml", &p, &d, &err) == TK_OK) {
		tk_paper_count(p);
		tk_paper_points(p);
		tk_paper_free(p);
	}
	tk_diags_free(&d);
	return 0;
}
