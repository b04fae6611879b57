/*
 * xlsx.h -- items from an Excel workbook (.xlsx, SpreadsheetML, as Excel,
 * WPS and LibreOffice write it), one sheet in the table layout of the CSV
 * import (table.h).
 *
 * Cells are read as Excel shows them: shared and inline strings (rich
 * text runs joined), numbers in the shortest form that is the same number
 * (2, not 2.0; 0.1, not 0.1000000000000000055), booleans as TRUE and
 * FALSE, errors as their text (#N/A).  Cell references may skip columns
 * and rows.  A merged cell spanning rows gives its value to each row
 * (a 题型 merged down a block of items); above the header, a row that is
 * one merged cell across columns is a title and skipped; a header cell
 * merged across columns ("选项" over A, B, C, D in the row below) names
 * each column by both rows ("选项A").
 *
 * The archive is read through tk_unpack and every part with tk_xml_parse
 * (no network, no DTD, no entities): a workbook is outside input.
 */
#ifndef TK_XLSX_H
#define TK_XLSX_H

#include "importer.h"

/*
 * Read the sheet called sheet (NULL: the first) of the workbook data
 * (len bytes) into set; name is the file, for messages, which call rows
 * as "Sheet1 row 7".  Items keep their row number as their line.  The
 * sheet's name goes to *used (caller frees; may be NULL on failure).
 * Same contract as tk_csv_parse otherwise: TK_EINPUT when the workbook
 * cannot be read (not a zip, no workbook, no such sheet: err says why,
 * naming the sheets there are) or any row was bad (each in diags).
 */
int tk_xlsx_parse(const char *data, size_t len, const char *name, const char *sheet,
		  const struct tk_import_defaults *def, struct tk_itemset *set, char **used,
		  struct tk_diags *diags, struct tk_error *err);

#endif
