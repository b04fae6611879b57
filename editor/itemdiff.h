/*
 * itemdiff.h -- what changed between two versions of an item, field by
 * field, as people read the fields (plain text; a fill answer as people
 * write it, never the storage syntax), for `tiku diff`, `history`, `log`
 * and the one line an edit prints.
 */
#ifndef TK_ITEMDIFF_H
#define TK_ITEMDIFF_H

#include "item.h"
#include "util.h"

struct tk_field_change {
	char *field;            /* "status", "stem", "option B", "codes", "rubric 2" */
	char *before, *after;   /* as people read them; "" when the field was absent */
	int text;               /* running text: worth a diff by character */
	int list;               /* codes, keywords, enemies: space-separated */
};

struct tk_itemdiff {
	struct tk_field_change *v;
	size_t n;
};

/*
 * The fields that differ from a to b, in the order of the item form
 * (a NULL: every field b has, as added).  d is the caller's, freed with
 * tk_itemdiff_free().  TK_EINTERNAL when out of memory.
 */
int tk_itemdiff(const struct tk_item *a, const struct tk_item *b, struct tk_itemdiff *d);
/* Accepts a zeroed or freed d. */
void tk_itemdiff_free(struct tk_itemdiff *d);

/*
 * One line for d: "difficulty 3 → 4; status draft → review; codes +1.1.7;
 * stem changed" (a text too long for a line is only named).  Appends to
 * out; 0 when out of memory.
 */
int tk_itemdiff_summary(const struct tk_itemdiff *d, struct tk_buf *out);

/*
 * The answer as people write it: choice letters ("AC"), 正确/错误, a fill
 * answer by tk_item_blanks_text, else the text of the fragment.  The
 * caller frees it; NULL when out of memory ("" when there is none).
 */
char *tk_itemdiff_answer(const struct tk_item *it);

#endif
