/* xlsxout.c -- a sheet of items as an Excel workbook (SpreadsheetML). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "pack.h"
#include "xlsxout.h"

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL  "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG  "http://schemas.openxmlformats.org/package/2006/relationships"
#define CT      "application/vnd.openxmlformats-officedocument.spreadsheetml."
#define EXCEL_CELL_MAX 32767    /* characters a cell of Excel shows */

/* Styles (cellXfs): the header, text cells, number cells. */
enum { XF_DEFAULT, XF_HEADER, XF_TEXT, XF_NUMBER };

/* Column widths, in characters of the default font (a Chinese one is two). */
static int width(int col)
{
	switch (col) {
	case TK_COL_ID: return 18;
	case TK_COL_TYPE: return 9;
	case TK_COL_STEM: return 60;
	case TK_COL_ANSWER: return 14;
	case TK_COL_EXPL: return 40;
	case TK_COL_CODES: return 14;
	case TK_COL_KEYWORDS: return 16;
	case TK_COL_LEVEL: case TK_COL_STATUS: case TK_COL_AUTHOR: return 10;
	case TK_COL_DIFF: case TK_COL_POINTS: case TK_COL_TIME: case TK_COL_KIND: return 7;
	default: return col >= TK_COL_OPT && col <= TK_COL_OPT_F ? 24 : 10;
	}
}

static int numeric_col(int col)
{
	return col == TK_COL_DIFF || col == TK_COL_POINTS || col == TK_COL_TIME;
}

/* A plain decimal number ("2", "0.5"), which may go in as a number cell. */
static int plain_number(const char *s)
{
	const char *p = s;
	int digits = 0;

	if (*p == '-')
		p++;
	if (*p == '0' && p[1] >= '0' && p[1] <= '9')
		return 0;               /* "007" is text */
	while (*p >= '0' && *p <= '9') {
		p++;
		digits++;
	}
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9') {
			p++;
			digits++;
		}
	}
	return *p == '\0' && digits > 0 && digits <= 15;
}

/* "A", "B", ... "T": the letters of a column. */
static void col_letters(int col, char out[4])
{
	if (col < 26) {
		out[0] = (char)('A' + col);
		out[1] = '\0';
	} else {
		out[0] = (char)('A' + col / 26 - 1);
		out[1] = (char)('A' + col % 26);
		out[2] = '\0';
	}
}

/*
 * Text for a <t>: XML-escaped, and what XML 1.0 cannot hold (control
 * characters) or Excel would decode (a literal "_x0041_") written as
 * SpreadsheetML's _xHHHH_ escapes.
 */
static void put_text(struct tk_buf *b, const char *s)
{
	const char *p;

	for (p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '_' && p[1] == 'x' && strspn(p + 2, "0123456789abcdefABCDEF") >= 4 &&
		    p[6] == '_')
			tk_buf_puts(b, "_x005F_");
		else if (c < 0x20 && c != '\n' && c != '\t')
			tk_buf_printf(b, "_x%04X_", c);
		else if (c == '<')
			tk_buf_puts(b, "&lt;");
		else if (c == '>')
			tk_buf_puts(b, "&gt;");
		else if (c == '&')
			tk_buf_puts(b, "&amp;");
		else
			tk_buf_putc(b, (char)c);
	}
}

/* Characters (code points) of UTF-8 text. */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* ---- shared strings, each once, in the order first met ------------------ */

struct strings {
	const char **v;         /* the sheet's, by index */
	size_t n, cap;
	size_t *slot;           /* hash -> index + 1, 0 free */
	size_t nslot;
	size_t uses;
};

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static int strings_grow(struct strings *t)
{
	size_t n = t->nslot ? t->nslot * 2 : 1024, i;
	size_t *slot = calloc(n, sizeof *slot);

	if (slot == NULL)
		return 0;
	for (i = 0; i < t->n; i++) {
		size_t h = hash(t->v[i]) & (n - 1);
		while (slot[h])
			h = (h + 1) & (n - 1);
		slot[h] = i + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = n;
	return 1;
}

/* The index of s, added when new; -1 when out of memory. */
static long strings_index(struct strings *t, const char *s)
{
	size_t h;

	t->uses++;
	if ((t->n + 1) * 2 > t->nslot && !strings_grow(t))
		return -1;
	for (h = hash(s) & (t->nslot - 1); t->slot[h]; h = (h + 1) & (t->nslot - 1))
		if (!strcmp(t->v[t->slot[h] - 1], s))
			return (long)(t->slot[h] - 1);
	if (t->n == t->cap) {
		const char **v = realloc(t->v, (t->cap = t->cap ? t->cap * 2 : 256) * sizeof *v);
		if (v == NULL)
			return -1;
		t->v = v;
	}
	t->v[t->n] = s;
	t->slot[h] = ++t->n;
	return (long)(t->n - 1);
}

/* ---- the parts ----------------------------------------------------------- */

static void xml_head(struct tk_buf *b)
{
	tk_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
}

static int worksheet(const struct tk_sheet *sh, struct strings *ss, struct tk_buf *b,
		     struct tk_diags *d)
{
	char last[4], ref[4];
	size_t r;
	int c;

	col_letters(TK_COL_N - 1, last);
	xml_head(b);
	tk_buf_puts(b, "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">");
	tk_buf_printf(b, "<dimension ref=\"A1:%s%zu\"/>", last, sh->nrows);
	/* the header stays in view while the rows scroll under it */
	tk_buf_puts(b, "<sheetViews><sheetView workbookViewId=\"0\">"
		       "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
		       "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
		       "</sheetView></sheetViews>");
	tk_buf_puts(b, "<sheetFormatPr defaultRowHeight=\"15\"/><cols>");
	for (c = 0; c < TK_COL_N; c++)
		tk_buf_printf(b, "<col min=\"%d\" max=\"%d\" width=\"%d\" style=\"%d\" customWidth=\"1\"/>",
			      c + 1, c + 1, width(c), numeric_col(c) ? XF_NUMBER : XF_TEXT);
	tk_buf_puts(b, "</cols><sheetData>");
	for (r = 0; r < sh->nrows; r++) {
		tk_buf_printf(b, "<row r=\"%zu\">", r + 1);
		for (c = 0; c < TK_COL_N; c++) {
			const char *s = tk_sheet_cell(sh, r, c);
			long k;
			if (!*s)
				continue;
			col_letters(c, ref);
			if (r > 0 && numeric_col(c) && plain_number(s)) {
				tk_buf_printf(b, "<c r=\"%s%zu\" s=\"%d\"><v>%s</v></c>", ref, r + 1,
					      XF_NUMBER, s);
				continue;
			}
			if ((k = strings_index(ss, s)) < 0)
				return 0;
			tk_buf_printf(b, "<c r=\"%s%zu\" s=\"%d\" t=\"s\"><v>%ld</v></c>", ref, r + 1,
				      r ? XF_TEXT : XF_HEADER, k);
			if (r > 0 && chars(s) > EXCEL_CELL_MAX)
				tk_diags_add(d, TK_DIAG_WARNING, tk_sheet_cell(sh, r, TK_COL_ID), 0,
					     _("%s has %zu characters: Excel shows a cell's first %d "
					       "(LibreOffice and WPS show all)"),
					     tk_sheet_cell(sh, 0, c), chars(s), EXCEL_CELL_MAX);
		}
		tk_buf_puts(b, "</row>");
	}
	tk_buf_puts(b, "</sheetData>"
		       "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" "
		       "header=\"0.3\" footer=\"0.3\"/></worksheet>\n");
	return 1;
}

static void shared_strings(const struct strings *ss, struct tk_buf *b)
{
	size_t i;

	xml_head(b);
	tk_buf_printf(b, "<sst xmlns=\"" NS_MAIN "\" count=\"%zu\" uniqueCount=\"%zu\">",
		      ss->uses, ss->n);
	for (i = 0; i < ss->n; i++) {
		const char *s = ss->v[i];
		size_t n = strlen(s);
		/* spaces at an end, or a line end, are kept only when asked */
		int keep = n && (s[0] == ' ' || s[n - 1] == ' ' || strchr(s, '\n') ||
				 strchr(s, '\t'));
		tk_buf_puts(b, keep ? "<si><t xml:space=\"preserve\">" : "<si><t>");
		put_text(b, s);
		tk_buf_puts(b, "</t></si>");
	}
	tk_buf_puts(b, "</sst>\n");
}

static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/xl/workbook.xml\" ContentType=\"" CT "sheet.main+xml\"/>"
	"<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"" CT "worksheet+xml\"/>"
	"<Override PartName=\"/xl/styles.xml\" ContentType=\"" CT "styles+xml\"/>"
	"<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"" CT "sharedStrings+xml\"/>"
	"</Types>\n";

static const char package_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"" NS_PKG "\">"
	"<Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\" Target=\"xl/workbook.xml\"/>"
	"</Relationships>\n";

static const char workbook_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"" NS_PKG "\">"
	"<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" NS_REL "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"</Relationships>\n";

static const char workbook[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
	"<bookViews><workbookView/></bookViews>"
	"<sheets><sheet name=\"" TK_XLSXOUT_SHEET "\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
	"</workbook>\n";

/* Fonts: the default and the header's bold; number format 49 is Text (@). */
static const char styles[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<styleSheet xmlns=\"" NS_MAIN "\">"
	"<fonts count=\"2\">"
	"<font><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font>"
	"<font><b/><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font>"
	"</fonts>"
	"<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill>"
	"<fill><patternFill patternType=\"gray125\"/></fill>"
	"<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFD9E1F2\"/><bgColor indexed=\"64\"/>"
	"</patternFill></fill></fills>"
	"<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
	"</cellStyleXfs>"
	"<cellXfs count=\"4\">"
	"<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
	"<xf numFmtId=\"49\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" "
	"applyFont=\"1\" applyFill=\"1\" applyAlignment=\"1\"><alignment vertical=\"center\" "
	"wrapText=\"1\"/></xf>"
	"<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" "
	"applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>"
	"<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
	"applyAlignment=\"1\"><alignment vertical=\"top\"/></xf>"
	"</cellXfs>"
	"<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
	"</styleSheet>\n";

/* One file of the package: a copy of its bytes; 0 when out of memory. */
static int put(struct tk_unpack_file *f, const char *name, const char *data, size_t len)
{
	f->name = strdup(name);
	f->data = malloc(len + 1);
	f->len = len;
	if (f->name == NULL || f->data == NULL)
		return 0;
	memcpy(f->data, data, len);
	f->data[len] = '\0';
	return 1;
}

int tk_xlsxout_write(const struct tk_sheet *sh, struct tk_buf *out, struct tk_diags *d,
		     struct tk_error *err)
{
	struct tk_unpack_file files[7];
	struct tk_buf ws = TK_BUF_INIT, sst = TK_BUF_INIT;
	struct strings ss;
	struct tk_diags none = TK_DIAGS_INIT;
	int n = 0, ok, rc;

	memset(files, 0, sizeof files);
	memset(&ss, 0, sizeof ss);
	ok = worksheet(sh, &ss, &ws, d ? d : &none);
	if (ok)
		shared_strings(&ss, &sst);
	ok = ok && !ws.oom && !sst.oom &&
	     put(&files[n++], "[Content_Types].xml", content_types, sizeof content_types - 1) &&
	     put(&files[n++], "_rels/.rels", package_rels, sizeof package_rels - 1) &&
	     put(&files[n++], "xl/workbook.xml", workbook, sizeof workbook - 1) &&
	     put(&files[n++], "xl/_rels/workbook.xml.rels", workbook_rels, sizeof workbook_rels - 1) &&
	     put(&files[n++], "xl/styles.xml", styles, sizeof styles - 1) &&
	     put(&files[n++], "xl/sharedStrings.xml", sst.s, sst.len) &&
	     put(&files[n++], "xl/worksheets/sheet1.xml", ws.s, ws.len);
	if (ok)
		rc = tk_pack_archive(files, n, TK_PACK_ZIP, out, err);
	else
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	while (n > 0) {
		n--;
		free(files[n].name);
		free(files[n].data);
	}
	free(ss.v);
	free(ss.slot);
	tk_buf_free(&ws);
	tk_buf_free(&sst);
	tk_diags_free(&none);
	return rc;
}
