/* fuzz_items.c -- the items XML reader (schema/items.rng), and the
   canonical XML of what it accepts. */
#include "fuzz.h"
#include "item.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) { (void)argc; (void)argv; return 0; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	size_t i;

	if (tk_items_parse((const char *)data, size, "fuzz.xml", &set, &d, &err) == TK_OK)
		for (i = 0; i < set.n; i++) {
			struct tk_buf b = TK_BUF_INIT;
			tk_item_xml(set.items[i], TK_ITEM_XML_VERSION, &b);
			tk_buf_free(&b);
		}
	tk_itemset_free(&set);
	tk_diags_free(&d);
	return 0;
}
