/* fuzz_gift.c -- GIFT questions as items. */
#include "fuzz.h"
#include "gifttext.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_standard();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_rows(tk_gifttext_parse, NULL, "fuzz.gift", data, size);
	return 0;
}
