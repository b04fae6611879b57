/* fuzz_htmlin.c -- other tools' HTML as an item's rich text; what comes
   out must be a fragment the items schema reads. */
#include "fuzz.h"
#include "htmlin.h"
#include "item.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) { (void)argc; (void)argv; return 0; }

static int gap(void *ud, const char *name, const char *cls)
{
	(void)ud;
	(void)name;
	return strstr(cls, "gap") != NULL;
}

static const char *image(void *ud, const char *src)
{
	(void)ud;
	return strchr(src, ':') || src[0] == '/' ? NULL : "a.png";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_htmlin_opts o = {image, gap, NULL, 0};
	struct tk_buf out = TK_BUF_INIT, doc = TK_BUF_INIT, lost = TK_BUF_INIT;
	struct tk_itemset set = {0};
	struct tk_error err = {0};
	char *html = fuzz_string(data, size);

	o.inline_only = size && data[0] & 1;
	tk_htmlin_fragment(html, &o, &out, &lost);
	/* the fragment, as a stem, is one the items reader takes */
	tk_buf_puts(&doc, "<items xmlns=\"urn:tiku:items:1\" standard=\"s\"><item id=\"x\" "
		    "type=\"short\" level=\"l\" kind=\"theory\" points=\"1\" difficulty=\"3\">"
		    "<code>1</code><stem>");
	tk_buf_add(&doc, out.s ? out.s : "", out.len);
	tk_buf_puts(&doc, "</stem></item></items>");
	if (out.len && tk_items_parse(doc.s, doc.len, "fuzz", &set, NULL, &err) != TK_OK)
		abort();
	tk_itemset_free(&set);
	tk_buf_free(&out);
	tk_buf_free(&doc);
	tk_buf_free(&lost);
	free(html);
	return 0;
}
