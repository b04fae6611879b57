/*
 * text.h -- the lexical conventions of the plain-text item layout
 * (text.c), shared with the item form (form.c), which is read by the
 * same rules.  The reader itself, tk_text_parse, is in importer.h.
 */
#ifndef TK_TEXT_H
#define TK_TEXT_H

#include <stddef.h>

/* Is there a space at s (blank, tab or the ideographic space U+3000)?
   If so its length in bytes goes to *k. */
int tk_text_is_space(const char *s, size_t *k);

/* s past any spaces. */
const char *tk_text_skip_space(const char *s);

/* The length of a number-ending mark at s: . ． 、 ) ）, or 0. */
size_t tk_text_num_mark(const char *s);

#endif
