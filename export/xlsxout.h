/*
 * xlsxout.h -- a sheet of items (sheet.h) as an Excel workbook (.xlsx,
 * SpreadsheetML): one worksheet, its header row bold and frozen, columns
 * sized to their content and wrapping text, text columns formatted as
 * text (so that Excel leaves 1/2 and 001 alone when a teacher types
 * them), 难度, 分值 and 用时 as numbers.  The package is written with
 * tk_pack_archive: the same sheet gives the same bytes.
 *
 * (export/xlsx.c; not xlsx.h, the name of the reader in editor/import.)
 */
#ifndef TK_XLSXOUT_H
#define TK_XLSXOUT_H

#include "sheet.h"

/* The worksheet's name in the workbooks tiku writes. */
#define TK_XLSXOUT_SHEET "题库"

/*
 * Append the workbook of sh to out.  A cell longer than Excel shows
 * (32,767 characters) is written whole and a warning in d (may be NULL)
 * names its item.
 */
int tk_xlsxout_write(const struct tk_sheet *sh, struct tk_buf *out, struct tk_diags *d,
		     struct tk_error *err);

#endif
