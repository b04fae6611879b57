/*
 * gift.h -- items as GIFT, the plain-text question format Moodle and
 * other tools import (docs.moodle.org, "GIFT format").
 *
 * Each item becomes one question in [html] text, filed with $CATEGORY:
 * lines as Moodle files them (standard/level/function), its id and codes
 * and keywords in the [id:] and [tag:] comments Moodle reads: choice
 * items with = and ~ answers (weights for multiple choice), true/false
 * as {TRUE}/{FALSE}, a fill item with one blank as a short answer at its
 * gap, open items as essays, the explanation as general feedback.
 * Every character GIFT reserves is escaped.
 */
#ifndef TK_GIFT_H
#define TK_GIFT_H

#include "itemfmt.h"

/*
 * Append the GIFT text of items[0..n) to out.  What GIFT cannot carry is
 * a warning in o->diags naming the item: points, a rubric or reference
 * answer, images (GIFT text cannot hold files), all-or-nothing marking
 * of multiple choice; a fill item with several blanks has no GIFT
 * question and is left out, with a warning.
 */
int tk_gift_write(struct tk_buf *out, struct tk_item *const *items, size_t n,
		  const struct tk_itemfmt_opts *o, struct tk_error *err);

#endif
