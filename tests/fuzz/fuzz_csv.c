/* fuzz_csv.c -- the CSV item reader, in either encoding (UTF-8 or
   GB18030, detected as import detects it). */
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
	fuzz_rows(tk_csv_parse, NULL, "fuzz.csv", data, size);
	return 0;
}
