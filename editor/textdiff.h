/*
 * textdiff.h -- what changed between two texts, character by character.
 *
 * Chinese has no spaces between words, so a diff by words or lines says
 * nothing useful about a changed stem: this one compares UTF-8 characters
 * (Myers' O(ND) shortest edit script).  A byte that is not UTF-8 counts
 * as one character of its own.  Deterministic: the same texts always give
 * the same runs.
 */
#ifndef TK_TEXTDIFF_H
#define TK_TEXTDIFF_H

#include <stddef.h>

#include "util.h"

enum { TK_DIFF_SAME, TK_DIFF_DEL, TK_DIFF_ADD };

/* A run of characters: bytes [off, off + len) of a (SAME, DEL) or b (ADD). */
struct tk_diff_run {
	int op;
	size_t off, len;
};

/*
 * The edit from a to b as runs in order: a's text is the SAME and DEL
 * runs, b's the SAME and ADD runs.  Where a stretch changes, its DEL run
 * comes before its ADD run.  Beyond TK_TEXTDIFF_MAXD edits in the part
 * that differs, that part is one DEL and one ADD (the work and memory
 * stay bounded for any input).
 */
#define TK_TEXTDIFF_MAXD 1024

struct tk_textdiff {
	struct tk_diff_run *v;
	size_t n;
	size_t changed;         /* characters deleted plus added */
};

/* Fill d (the caller's; free with tk_textdiff_free).  TK_EINTERNAL when out of memory. */
int tk_textdiff(const char *a, size_t alen, const char *b, size_t blen,
		struct tk_textdiff *d);
/* Accepts a zeroed or freed d. */
void tk_textdiff_free(struct tk_textdiff *d);

/*
 * Append b's text with the changes from a marked: deleted text as
 * [-删-], added text as {+增+}; with colour, in red and green for a
 * terminal (ANSI) instead.  0 when out of memory.
 */
int tk_textdiff_mark(const char *a, const char *b, int colour, struct tk_buf *out);

#endif
