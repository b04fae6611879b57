/* fuzz_text.c -- the plain-text layout teachers paste from Word. */
#include "fuzz.h"
#include "importer.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_standard();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_rows(tk_text_parse, "五级", "fuzz.txt", data, size);
	return 0;
}
