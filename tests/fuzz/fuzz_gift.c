/* fuzz_gift.c -- GIFT questions as items. */
#include "fuzz.h"
#include "gifttext.h"
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

	char *text = fuzz_string(data, size);   /* import hands readers a string */

	fuzz_defaults(&def);
	tk_gifttext_parse(text, size, "fuzz.gift", &def, &set, &d, &err);
	free(text);
	tk_itemset_free(&set);
	tk_diags_free(&d);
	return 0;
}
