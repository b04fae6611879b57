/*
 * assemble.h -- drawing a paper (组卷) that meets a blueprint exactly:
 * points per weight-table area as the table says, counts and points per
 * section, the difficulty target, allowed statuses, no enemies together,
 * no item twice; the items' expected time within the duration; the
 * exposure rule; parallel forms within an overlap limit and the forms'
 * difficulty tolerance.
 *
 * Official and practice: a paper drawn for a batch (opts.batch set: the
 * forms of `tiku batch generate`) is official; every other paper --
 * `tiku assemble`, Lua bank:assemble, course practice, the composer's
 * papers -- is practice, and never takes an item on a committed official
 * form unless its blueprint says <practice official-items="allow"/>.
 * The blueprint's exposure rule (tk_blueprint_exposure_allows) holds for
 * both.  The assembler asks the bank for the exposure itself: no caller
 * passes a list, so no route can forget it.  A blueprint that says
 * purpose="practice" is never drawn for a batch (TK_EINPUT).
 *
 * Practice exposure is the caller's choice, not a rule of the
 * blueprint: opts.avoid and opts.avoid_since keep out the items of
 * given papers and of the practice papers printed since a date.
 *
 * Randomness comes only from the seed: the same bank, blueprint and seed
 * give the same paper.  Every eligible item has a chance, and none is
 * favoured by where it sits in the bank: candidates are ordered by id and
 * drawn with a seeded generator.
 *
 * When the constraints cannot be met the result is TK_FAIL, with a
 * diagnosis in why that names what binds; no paper is made.
 */
#ifndef TK_ASSEMBLE_H
#define TK_ASSEMBLE_H

#include <stdint.h>

#include "bank.h"
#include "blueprint.h"
#include "paper.h"

struct tk_assemble_opts {
	uint64_t seed;
	const char *form;               /* "A", "B", ... or NULL */
	const char *batch;              /* an official form of it, or NULL: practice */
	/* forms of the same batch drawn before: the new one shares at most
	   the blueprint's max-shared with each, and keeps its mean
	   difficulty within the blueprint's forms tolerance of the first's */
	struct tk_paper *const *previous;
	int nprevious;
	/* items kept out besides the blueprint's rules: those on these
	   papers (last week's practice), and those on every practice paper
	   printed on or after avoid_since (YYYY-MM-DD; NULL: none), as the
	   bank's practice log has them (exposure.h) */
	struct tk_paper *const *avoid;
	int navoid;
	const char *avoid_since;
};

/* A seed from the operating system, for when none is given. */
uint64_t tk_assemble_seed(void);

/*
 * Draw a paper for bp (resolved against s) from bank b.  *out is the
 * caller's (tk_paper_free).
 */
int tk_assemble(struct tk_bank *b, const struct tk_standard *s,
		const struct tk_blueprint *bp, const struct tk_assemble_opts *o,
		struct tk_paper **out, struct tk_diags *why, struct tk_error *err);

/*
 * Draw the n parallel forms of a batch jointly: form k ("A" + k) from
 * seed o->seed + k, each within the overlap and difficulty limits of the
 * forms before it.  When a form cannot be found after the ones drawn,
 * the whole set is drawn again from the next seeds (o->seed + k + n *
 * round), a fixed number of rounds: the same batch seed gives the same
 * forms.  When no round succeeds, why names the short section x area
 * cells.  out[0..n) are the caller's (tk_paper_free); n at most 26.
 */
int tk_assemble_forms(struct tk_bank *b, const struct tk_standard *s,
		      const struct tk_blueprint *bp, const struct tk_assemble_opts *o, int n,
		      struct tk_paper **out, struct tk_diags *why, struct tk_error *err);

/* The seeded generator the assembler uses, for shuffles elsewhere. */
struct tk_rng {
	uint64_t s[4];
};
void tk_rng_seed(struct tk_rng *r, uint64_t seed);
uint64_t tk_rng_next(struct tk_rng *r);
/* Uniform in [0, n), n > 0, without modulo bias. */
uint64_t tk_rng_below(struct tk_rng *r, uint64_t n);

#endif
