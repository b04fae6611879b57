/*
 * practice.h -- what a course gives its learners to answer: each
 * lesson's practice (fixed items, or a seeded draw from the bank), each
 * module test and the mock exam (papers assembled from their
 * blueprints), and the items themselves as the bank holds them now.
 *
 * This is where the wall between official papers and practice stands for
 * courses: no item on a committed official batch is drawn, accepted by
 * id or assembled into a test, whoever asks (bundles, the handbook, Lua).
 *
 * The same course, bank and seeds give the same practice.
 *
 * Lifecycle: tk_practice_resolve() -> read fields -> tk_practice_free().
 */
#ifndef TK_PRACTICE_H
#define TK_PRACTICE_H

#include <stdint.h>

#include "bank.h"
#include "course.h"
#include "diag.h"
#include "item.h"
#include "paper.h"
#include "standard.h"
#include "tiku.h"

enum { TK_TEST_MODULE, TK_TEST_EXAM };

/* A module test or the mock exam. */
struct tk_practice_test {
	int kind;               /* TK_TEST_* */
	int module;             /* its module (TK_TEST_MODULE), else -1 */
	char *id;               /* "test-MODULE" or "exam" */
	struct tk_paper *paper; /* assembled; sections, duration, title */
};

struct tk_practice_set {
	char **ids;             /* the lesson's items, in the order given or drawn */
	int n;
	uint64_t seed;          /* a draw's seed, as given or made; 0: fixed items */
};

struct tk_practice {
	struct tk_practice_set *lessons;        /* one per lesson of the course */
	int nlessons;
	struct tk_practice_test *tests;         /* module tests in module order, then the exam */
	int ntests;
	struct tk_item **items; /* every item above, once, ordered by id */
	int nitems;
	/* over the ids and versions of items: which state of the bank this is */
	char bank_digest[65];
};

/*
 * Draw and assemble the practice of course c (whose standard is s) from
 * bank b.  A fixed item that is missing, not approved, of another
 * standard or level, or on a committed official batch, a draw the bank
 * cannot fill, or a blueprint that cannot be read or met is an error
 * with the course file and line (TK_EINPUT), all of them in d (may be
 * NULL).  A draw without a seed takes one from the course and lesson
 * ids.  *out is the caller's (tk_practice_free).
 */
int tk_practice_resolve(const struct tk_course *c, const struct tk_standard *s,
			struct tk_bank *b, struct tk_practice **out, struct tk_diags *d,
			struct tk_error *err);

/* The item called id, or NULL. */
const struct tk_item *tk_practice_item(const struct tk_practice *p, const char *id);

/* Free practice; accepts NULL. */
void tk_practice_free(struct tk_practice *p);

#endif
