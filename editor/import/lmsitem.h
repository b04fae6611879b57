/*
 * lmsitem.h -- what the readers of LMS question formats (Moodle XML,
 * GIFT, QTI) share: a question's parts as the reader found them, its tags
 * read as tiku's own exports write them (codes, keywords, tiku-*), the
 * level from the category path, the id, and the items they make, checked
 * by the items schema.  Private to the importers.
 */
#ifndef TK_LMSITEM_H
#define TK_LMSITEM_H

#include "importer.h"

struct tk_lmsitem {
	/* the reader's: the type, the item's XML fragments, points */
	const char *type;       /* "single", ... */
	struct tk_buf stem, options, answer, rubric, explanation, materials;
	int points;             /* tenths */
	/* from the tags (tk_lmsitem_tag) and the defaults */
	struct tk_buf marks;    /* <code> and <keyword> elements */
	int ncodes, difficulty, time;
	const char *kind;
	const char *open_type;  /* an essay's type, from a tiku-type-* tag */
	/* what is wrong (no item is made) and what was not kept */
	struct tk_buf why, lost;
};

/* Start q: one point, difficulty 3, the defaults' kind. */
void tk_lmsitem_init(struct tk_lmsitem *q, const struct tk_import_defaults *def);
void tk_lmsitem_free(struct tk_lmsitem *q);

/* One tag: a code (1.1.1, B2.1), tiku-difficulty-N, tiku-time-S,
   tiku-kind-K, tiku-type-T, or else a keyword. */
void tk_lmsitem_tag(struct tk_lmsitem *q, const char *tag);

/* Say once that something of the question is not kept. */
void tk_lmsitem_lost(struct tk_lmsitem *q, const char *what);

/* Text as XML text (for fragments built by a reader). */
void tk_lmsitem_escape(struct tk_buf *b, const char *s);

/* Tenths of a point from "2.0000000", or -1 when not 0..9999 points. */
int tk_lmsitem_tenths(const char *s);

/*
 * The items a reader made from one file, checked against the items
 * schema in chunks of a thousand, each as one document, each on a thread
 * of its own while the reader goes on (one check per item cost more than
 * all the rest of reading a bank of 100,000).  Start it zeroed
 * (TK_LMSBATCH_INIT); tk_lmsitem_check frees what it holds.
 */
struct tk_lmsbatch_item {
	size_t at, len;         /* its <item> element in its chunk's document */
	char *name, *title;     /* for messages: the file, the question */
	int line;
};
struct tk_lmschunk;             /* a chunk being checked (lmsitem.c) */
struct tk_lmsbatch {
	struct tk_buf xml;      /* the chunk being made: an items document but its end */
	struct tk_lmsbatch_item *v;
	size_t n, cap;
	size_t first;           /* the chunk's first item in v */
	struct tk_lmschunk **chunks;
	size_t nchunks;
	int oom;
};
#define TK_LMSBATCH_INIT {TK_BUF_INIT, NULL, 0, 0, 0, NULL, 0, 0}

/*
 * Make the item and add it to batch: the level from the first part of
 * the category path that names a level of def->std (else def->level),
 * the id from idnumber, else title, when either is an id, else made from
 * the content with prefix; a question without a code tag is an untagged
 * draft.  Every problem found here (no level) goes to q->why, and then
 * nothing is added; what the items schema refuses is found by
 * tk_lmsitem_check.  Messages name the question title, else idnumber, at
 * name:line.
 */
void tk_lmsitem_make(struct tk_lmsitem *q, const struct tk_import_defaults *def,
		     const char *category, const char *idnumber, const char *title,
		     const char *prefix, const char *name, int line, struct tk_lmsbatch *batch);

/*
 * Wait for the batch's checks and add its items to set in the order they
 * were made, each named by its file and line; the items of a chunk the
 * schema refuses are checked one by one: each that is refused is an
 * error in d ("question 'T': ..."), not added.  Returns how many were
 * refused (-1: out of memory).  The batch is emptied.
 */
int tk_lmsitem_check(struct tk_lmsbatch *batch, const struct tk_import_defaults *def,
		     struct tk_itemset *set, struct tk_diags *d);

/*
 * Report the question (title, at name:line) to d: an error with q->why,
 * or a warning with q->lost.  1 when it was an error.
 */
int tk_lmsitem_report(const struct tk_lmsitem *q, struct tk_diags *d, const char *name,
		      int line, const char *title);

#endif
