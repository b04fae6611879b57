/*
 * fuzz_xlsx.c -- the Excel workbook reader.  An input that is a zip is
 * read as a workbook; any other is a worksheet's XML and, after a NUL,
 * its shared strings, packed into a workbook here, so that mutations
 * reach the cells, merges and strings rather than die in the deflate
 * stream.
 */
#include "fuzz.h"
#include "pack.h"
#include "xlsx.h"

#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG "http://schemas.openxmlformats.org/package/2006/relationships"

static const char *const fixed[][2] = {
	{"_rels/.rels", "<Relationships xmlns=\"" PKG "\"><Relationship Id=\"rId1\" Type=\""
	 REL "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
	{"xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
	 "2006/main\" xmlns:r=\"" REL "\"><sheets><sheet name=\"题库\" sheetId=\"1\" r:id=\"rId1\"/>"
	 "<sheet name=\"补充\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>"},
	{"xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"" PKG "\"><Relationship Id=\"rId1\" "
	 "Type=\"" REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
	 "Type=\"" REL "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"},
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_standard();
	return 0;
}

static void put(struct tk_unpack_file *f, const char *name, const void *data, size_t len)
{
	f->name = strdup(name);
	f->data = malloc(len + 1);
	if (f->name == NULL || f->data == NULL)
		abort();
	memcpy(f->data, data, len);
	f->data[len] = '\0';
	f->len = len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_import_defaults def;
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_buf book = TK_BUF_INIT;
	char *used = NULL;
	const char *in = (const char *)data;
	size_t len = size;
	int i;

	if (size < 2 || memcmp(data, "PK", 2)) {
		struct tk_unpack_file files[5];
		const uint8_t *nul = memchr(data, '\0', size);
		size_t n1 = nul ? (size_t)(nul - data) : size;
		for (i = 0; i < 3; i++)
			put(&files[i], fixed[i][0], fixed[i][1], strlen(fixed[i][1]));
		put(&files[3], "xl/worksheets/sheet1.xml", data, n1);
		put(&files[4], "xl/sharedStrings.xml", nul ? nul + 1 : data, nul ? size - n1 - 1 : 0);
		if (tk_pack_archive(files, 5, TK_PACK_ZIP, &book, &err) != TK_OK)
			abort();
		for (i = 0; i < 5; i++) {
			free(files[i].name);
			free(files[i].data);
		}
		in = book.s;
		len = book.len;
	}
	fuzz_defaults(&def);
	def.level = "五级";
	/* the first sheet, or one by name (a miss lists the sheets) */
	tk_xlsx_parse(in, len, "fuzz.xlsx", size % 3 == 0 ? "补充" : size % 3 == 1 ? NULL : "x",
		      &def, &set, &used, &d, &err);
	free(used);
	tk_buf_free(&book);
	tk_itemset_free(&set);
	tk_diags_free(&d);
	return 0;
}
