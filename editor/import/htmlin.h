/*
 * htmlin.h -- HTML from other tools (Moodle question text, QTI's XHTML)
 * turned into an item's rich text: the closed set of elements the items
 * schema knows (p, lists, tables, b, i, u, sub, sup, br, img, gap), the
 * rest kept as its text; of an image its src, alt and width in pixels.
 * Nothing of the HTML passes through as markup.
 */
#ifndef TK_HTMLIN_H
#define TK_HTMLIN_H

#include "util.h"

/*
 * What a caller decides during a conversion.  image: the file name to
 * keep for an image whose src is src (a name inside the items' folder),
 * or NULL to drop it (its alt text is kept).  gap: nonzero when element
 * name with class cls is a gap of a fill item.  Both may be NULL.
 */
struct tk_htmlin_opts {
	const char *(*image)(void *ud, const char *src);
	int (*gap)(void *ud, const char *name, const char *cls);
	void *ud;
	int inline_only;        /* blocks flattened: lines joined by <br/> */
};

/*
 * Append the item fragment for html (UTF-8, well-formed or not) to out:
 * inline content alone when the HTML has no block, else blocks only
 * (stray text in a <p>).  lost, when not NULL, gets a "; "-separated
 * note of what was dropped (scripts, links' targets, images refused).
 */
void tk_htmlin_fragment(const char *html, const struct tk_htmlin_opts *o,
			struct tk_buf *out, struct tk_buf *lost);

#endif
