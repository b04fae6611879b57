/* fuzz_moodle.c -- Moodle XML questions as items. */
#include "fuzz.h"
#include "item.h"
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
	struct tk_import_defaults def;
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	fuzz_defaults(&def);
	tk_moodlexml_parse((const char *)data, size, "fuzz.xml", &def, &set, &d, &err);
	tk_itemset_free(&set);
	tk_diags_free(&d);
	return 0;
}
