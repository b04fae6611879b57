/*
 * diag.h -- a list of diagnostics (errors, warnings) found in the user's
 * input, each with the file and line it points at.
 *
 * Where one failure is enough a function fills a struct tk_error; where a
 * user wants to see every problem at once (lint, an import that reports
 * every bad row) it appends to a struct tk_diags instead.
 */
#ifndef TK_DIAG_H
#define TK_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum { TK_DIAG_ERROR, TK_DIAG_WARNING };

/* What a diagnostic's line counts: lines of text, or the paragraphs of a
   Word document (which has no lines a user can find). */
enum { TK_DIAG_LINE, TK_DIAG_PARAGRAPH };

struct tk_diag {
	int severity;
	char *file;   /* may be NULL */
	int line;     /* 0 when no line applies */
	int unit;     /* TK_DIAG_LINE or TK_DIAG_PARAGRAPH */
	char *msg;
};

struct tk_diags {
	struct tk_diag *v;
	size_t n, cap;
	size_t nerrors, nwarnings;
	int oom;      /* set when an append failed; the list is then incomplete */
};

#define TK_DIAGS_INIT {NULL, 0, 0, 0, 0, 0}

void tk_diags_add(struct tk_diags *d, int severity, const char *file,
		  int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Sort by file, then line, keeping insertion order for ties. */
void tk_diags_sort(struct tk_diags *d);
/* The entries from index from on that name file count in unit. */
void tk_diags_set_unit(struct tk_diags *d, size_t from, const char *file, int unit);
/* Print as "file:line: error: msg" ("file: paragraph N: error: msg"),
   one per line. */
void tk_diags_print(const struct tk_diags *d, FILE *f);
/* Move every entry of src to the end of dst; src is left empty. */
void tk_diags_move(struct tk_diags *dst, struct tk_diags *src);
void tk_diags_free(struct tk_diags *d);

#endif
