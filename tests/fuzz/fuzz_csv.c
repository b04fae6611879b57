/* fuzz_csv.c -- the CSV item reader, in either encoding (UTF-8 or
   GB18030, detected as import detects it). */
#include "fuzz.h"
#include "importer.h"
#include "item.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_standard();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_import_defaults def;
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	char *utf8 = NULL;
	size_t len;

	fuzz_defaults(&def);
	if (tk_to_utf8((const char *)data, size, NULL, "fuzz.csv", &utf8, &len, &err) == TK_OK)
		tk_csv_parse(utf8, len, "fuzz.csv", &def, &set, &d, &err);
	free(utf8);
	tk_itemset_free(&set);
	tk_diags_free(&d);
	return 0;
}
