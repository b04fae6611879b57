/* fuzz_roster.c -- rosters, read with the CSV reader's records. */
#include "fuzz.h"
#include "importer.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) { (void)argc; (void)argv; return 0; }

static int row(void *ud, char *const *f, int n, int line, struct tk_error *err)
{
	size_t *total = ud;
	int i;

	(void)line;
	(void)err;
	for (i = 0; i < n; i++)
		*total += strlen(f[i]);
	return TK_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_error err = {0};
	size_t total = 0;

	tk_csv_records((const char *)data, size, "fuzz.csv", row, &total, &err);
	return 0;
}
