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

/* A field name ("答案") and what the reader makes of it. */
struct tk_text_name {
	const char *name;
	int field;
};

/*
 * "答案：A", "【答案】A": the value of the field at s, or NULL; *field is
 * which of names[0..n) it is.  A name not followed by its colon makes
 * the line no field at all.
 */
const char *tk_text_field(const char *s, const struct tk_text_name *names, size_t n,
			  int *field);

#endif
