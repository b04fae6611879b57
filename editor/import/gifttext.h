/*
 * gifttext.h -- reading GIFT, the plain-text question format of Moodle
 * and other tools: multiple choice (= for the right answer, or weights
 * for several), true/false, short answer (at its place in the text: a
 * fill item's gap, else below it) and essays become items; $CATEGORY:
 * gives the level as Moodle XML's categories do; the [id:] and [tag:]
 * comments before a question give its id, codes, keywords and tiku's
 * own fields; [html] text goes through htmlin.h, other text is plain.
 * A question tiku has no form for (numerical, matching) is an error
 * naming its line; per-answer feedback, which items do not hold, is said.
 */
#ifndef TK_GIFTTEXT_H
#define TK_GIFTTEXT_H

#include "importer.h"

/* Same contract as tk_csv_parse; data is UTF-8. */
int tk_gifttext_parse(const char *data, size_t len, const char *name,
		      const struct tk_import_defaults *def, struct tk_itemset *set,
		      struct tk_diags *diags, struct tk_error *err);

#endif
