/*
 * table.h -- the item table layout of Chinese exam systems, one item a
 * row under a header naming the columns (题型, 题干, 选项A..选项F, 答案,
 * 解析, 难度, 知识点/代码, 分值, and optionally 编号, 等级, 类别, 状态,
 * 用时, 关键词, 作者), in both directions: records from any source (CSV
 * text, a sheet of an Excel workbook) become items, and items become the
 * cells the sheet exports write, so that what is exported imports back.
 */
#ifndef TK_TABLE_H
#define TK_TABLE_H

#include "importer.h"

/* The columns, in the order the exports write them. */
enum {
	TK_COL_ID, TK_COL_TYPE, TK_COL_STEM, TK_COL_OPT, TK_COL_OPT_F = TK_COL_OPT + 5,
	TK_COL_ANSWER, TK_COL_EXPL, TK_COL_DIFF, TK_COL_CODES, TK_COL_POINTS,
	TK_COL_LEVEL, TK_COL_KIND, TK_COL_STATUS, TK_COL_TIME, TK_COL_KEYWORDS,
	TK_COL_AUTHOR, TK_COL_N
};

/* The header a column is written with ("题型"); the column a header names
   (any of the names import takes, "：" and full-width letters allowed), or -1. */
const char *tk_table_header(int col);
int tk_table_column(const char *header);

/* ---- reading ---------------------------------------------------------- */

/* Flags of tk_table_new. */
#define TK_TABLE_SHEET 0x1      /* rows of a sheet: messages name them by
				   their where alone (no line), columns by
				   letter (A, B, ... AA) */

/*
 * A reader of the layout: the first record that is not blank is the
 * header, each later one an item.  Items go to set, problems to d (bad
 * rows as errors with where and line).  prefix starts the ids made for
 * rows without 编号 (tk_import_make_id).  Free with tk_table_free.
 */
struct tk_table;
struct tk_table *tk_table_new(const char *name, int flags, const char *prefix,
			      const struct tk_import_defaults *def, struct tk_itemset *set,
			      struct tk_diags *d);

/*
 * The next record: its n fields, trimmed (read during the call only),
 * where messages call it ("row 7", "Sheet1 row 7"), the line it starts on
 * (0 for a sheet) and the line its item keeps (a sheet's row number).
 * Returns TK_OK (a bad row is in d), TK_EINPUT when the header was bad
 * (read no more) or TK_EINTERNAL.
 */
int tk_table_add(struct tk_table *t, char *const *f, int n, const char *where, int line,
		 int item_line);

/* Is every field of the record empty? */
int tk_table_blank(char *const *f, int n);

/* The end of the records: an error when there was no header or no item. */
void tk_table_end(struct tk_table *t);
void tk_table_free(struct tk_table *t);

/* ---- writing ---------------------------------------------------------- */

/*
 * The cells of it in the layout: cells[col] (caller frees each with
 * free()), "" where the item has nothing, rich text as plain text (one
 * line a paragraph, gaps as ____).  What the cells cannot carry, so that
 * the row would not import back as the same item -- an image, a table,
 * formatting, a rubric, statistics, a keyword holding a separator -- is
 * a warning in d naming the item (d may be NULL).  s is the item's
 * standard (levels are written by name).  0 when out of memory.
 */
int tk_table_cells(const struct tk_item *it, const struct tk_standard *s,
		   char *cells[TK_COL_N], struct tk_diags *d);

/*
 * What a row of the layout cannot say, taken from the current version
 * of the same item: a rich field whose text is the same keeps its
 * markup (images, tables, emphasis), and the rubric, statistics and
 * enemies, which have no column, are kept.  Applies when it and cur
 * are of one type.  0 when out of memory.
 */
int tk_table_keep(struct tk_item *it, const struct tk_item *cur);

#endif
