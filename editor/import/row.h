/*
 * row.h -- the part of the readers of rows (the table layout of CSV and
 * Excel, the text layout) they share: one row's fields, as found, become
 * a checked tk_item (or a diagnostic naming the row).  Private to the
 * importers.
 */
#ifndef TK_ROW_H
#define TK_ROW_H

#include "importer.h"

/*
 * The fields of one item as a reader found them, trimmed, not yet
 * checked.  NULL: the input has no such field; "": it is empty.
 */
struct tk_import_row {
	char where[64];         /* "row 7", "Sheet1 row 7": what messages call it */
	int line;               /* the first line of the row; 0 for a sheet's row */
	int item_line;          /* the line the item keeps, when line is 0 (its row) */
	int type;               /* TK_SINGLE.., or -1 to read type_text */
	const char *type_text;
	const char *id, *stem, *opt[6], *answer, *explanation, *difficulty,
		   *codes, *points, *level, *kind, *status, *time, *keywords,
		   *author;
	const char *problems;   /* found by the reader, "; " separated, or NULL */
	/* markup the text fields hold by reference: TK_ROW_OBJ, the index
	   in decimal, TK_ROW_OBJ stands for objs[index] (a <table> or an
	   <img>), which a line holding nothing else gives as a block */
	char *const *objs;
	int nobjs;
};

/* The byte that marks an object in a row's text (never in XML text). */
#define TK_ROW_OBJ '\x1e'

int tk_import_row_defaults(const struct tk_import_defaults *def,
			   struct tk_error *err);
int tk_import_row_item(const struct tk_import_row *r, const char *prefix,
		       const char *name, const struct tk_import_defaults *def,
		       struct tk_itemset *set, size_t first, struct tk_diags *d);
int tk_import_row_finish(int rc, struct tk_diags *mine, struct tk_diags *diags,
			 struct tk_error *err);

/* s cut to fit size bytes (with "…"), for quoting input in messages. */
const char *tk_import_clip(const char *s, char *buf, size_t size);
/* Append a problem to a "; "-separated list. */
void tk_import_problem(struct tk_buf *why, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* s with full-width ASCII folded to half-width; caller frees. */
char *tk_import_fold_width(const char *s);

#endif
