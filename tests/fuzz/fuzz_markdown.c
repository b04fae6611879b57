/* fuzz_markdown.c -- lesson bodies (CommonMark with GFM tables, 话术
   dialogues, call-outs) and their checks. */
#include "fuzz.h"
#include "markdown.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) { (void)argc; (void)argv; return 0; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_md_doc *doc = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	/* a tree comes out whenever the text could be read, errors or not */
	tk_md_parse((const char *)data, size, "fuzz.md", &doc, &d, &err);
	if (doc) {
		struct tk_buf b = TK_BUF_INIT;
		tk_md_plain(doc->root, &b);
		tk_md_check(doc, "tests/data/course", "tests/data/course", &d);
		tk_buf_free(&b);
		tk_md_free(doc);
	}
	tk_diags_free(&d);
	return 0;
}
