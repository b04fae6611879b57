/* fuzz_moodle.c -- Moodle XML questions as items. */
#include "fuzz.h"
#include "moodlexml.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_standard();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_rows(tk_moodlexml_parse, NULL, "fuzz.xml", data, size);
	return 0;
}
