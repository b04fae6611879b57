/*
 * pdfcat.h -- join PDFs that cairo wrote into one, their pages in order.
 *
 * One cairo surface draws on one thread, so a long print run (a batch's
 * candidates) is drawn in parts on several threads, each part a whole
 * PDF with its own fonts, and the parts are joined here.  Only the shape
 * cairo writes is read: a classic cross-reference table, a trailer
 * naming the catalog and the document information, a catalog naming
 * nothing but the page tree, one flat page tree.  Anything else is
 * refused (TK_EINTERNAL), never guessed at: the parts are this
 * program's own output.  The same parts give the same bytes.
 */
#ifndef TK_PDFCAT_H
#define TK_PDFCAT_H

#include <stddef.h>

#include "tiku.h"
#include "util.h"

/*
 * tk_pdfcat_new starts a joined PDF appended to out (caller-owned, must
 * live until tk_pdfcat_finish); tk_pdfcat_add copies one part's objects
 * to it (the part's bytes may be freed after); tk_pdfcat_finish writes
 * the page tree, the catalog, the first part's document information and
 * the cross-reference table.  tk_pdfcat_free releases the joiner, also
 * after an error.  At least one part must be added.
 */
struct tk_pdfcat;
int tk_pdfcat_new(struct tk_buf *out, struct tk_pdfcat **c, struct tk_error *err);
int tk_pdfcat_add(struct tk_pdfcat *c, const char *pdf, size_t len, struct tk_error *err);
int tk_pdfcat_finish(struct tk_pdfcat *c, struct tk_error *err);
void tk_pdfcat_free(struct tk_pdfcat *c);

#endif
