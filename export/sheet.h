/*
 * sheet.h -- items as a sheet in the layout of the CSV and Excel import
 * (table.h): a header row, then a row per item with its 编号, so that a
 * sheet edited in Excel or WPS imports back as new versions of the same
 * items, and an unedited one changes nothing.  Both sheet writers use it:
 * CSV (here) and the Excel workbook (xlsxout.h).
 *
 * What the layout cannot carry (images, tables, formatting, a rubric,
 * statistics) is a warning per item in the writer's diags, never
 * dropped silently.
 */
#ifndef TK_SHEET_H
#define TK_SHEET_H

#include "itemfmt.h"
#include "table.h"

/* The cells: nrows rows of TK_COL_N, row 0 the header. */
struct tk_sheet {
	char **cells;
	size_t nrows;
};

/*
 * The sheet of items[0..n), in that order, levels named as o->standard
 * names them; every loss a warning in o->diags.  Free with
 * tk_sheet_free (which accepts a zeroed sheet).
 */
int tk_sheet_build(struct tk_item *const *items, size_t n, const struct tk_itemfmt_opts *o,
		   struct tk_sheet *sh, struct tk_error *err);
void tk_sheet_free(struct tk_sheet *sh);

/* The text of a cell ("" when empty); valid while sh is. */
const char *tk_sheet_cell(const struct tk_sheet *sh, size_t row, int col);

/*
 * The sheet as CSV (RFC 4180, CRLF line ends, fields quoted where they
 * must be), appended to out.  encoding as import's --encoding takes it:
 * NULL or "utf-8" for UTF-8 with a BOM (by which Excel knows it), or
 * "gb18030" ("gbk", "gb2312", "cp936") for GB18030, what older Excel in
 * China reads without asking.  TK_EUSAGE for another encoding.
 */
int tk_sheet_csv(const struct tk_sheet *sh, const char *encoding, struct tk_buf *out,
		 struct tk_error *err);

#endif
