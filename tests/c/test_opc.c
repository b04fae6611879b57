/* test_opc.c -- part names inside Word and Excel packages. */
#include <stdlib.h>

#include "opc.h"
#include "test.h"

static int resolves(const char *from, const char *target, const char *want)
{
	char *got = tk_opc_resolve(from, target);
	int ok = want ? got && !strcmp(got, want) : got == NULL;

	if (!ok)
		fprintf(stderr, "  %s + %s: got %s, want %s\n", from, target,
			got ? got : "NULL", want ? want : "NULL");
	free(got);
	return ok;
}

TEST(opc_resolve_targets_from_their_part)
{
	CHECK(resolves("word/document.xml", "media/image1.png", "word/media/image1.png"));
	CHECK(resolves("xl/workbook.xml", "worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"));
	CHECK(resolves("word/", "numbering.xml", "word/numbering.xml"));
	CHECK(resolves("", "word/document.xml", "word/document.xml"));
	CHECK(resolves("xl/workbook.xml", "/xl/sharedStrings.xml", "xl/sharedStrings.xml"));
	CHECK(resolves("xl/worksheets/sheet1.xml", "../drawings/./d1.xml", "xl/drawings/d1.xml"));
	CHECK(resolves("word/document.xml", "../../etc/passwd", NULL));
	CHECK(resolves("document.xml", "../x", NULL));
}

TEST(opc_rels_name)
{
	char *a = tk_opc_rels_name("word/document.xml"), *b = tk_opc_rels_name("x.xml");

	CHECK(a && b);
	CHECK_STR(a, "word/_rels/document.xml.rels");
	CHECK_STR(b, "_rels/x.xml.rels");
	free(a);
	free(b);
}
