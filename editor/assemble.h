/*
 * assemble.h -- drawing a paper (组卷) that meets a blueprint exactly:
 * points per weight-table area as the table says, counts and points per
 * section, the difficulty target, allowed statuses, no enemies together,
 * no item twice; parallel forms within an overlap limit.
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
	const char *batch;              /* or NULL */
	/* forms of the same batch drawn before: the new one shares at most
	   the blueprint's max-shared with each, and aims at their mean
	   difficulty (within 0.1) */
	struct tk_paper *const *previous;
	int nprevious;
	/* ids not eligible (exposure), sorted with strcmp; may be NULL */
	char *const *excluded;
	int nexcluded;
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

/* The seeded generator the assembler uses, for shuffles elsewhere. */
struct tk_rng {
	uint64_t s[4];
};
void tk_rng_seed(struct tk_rng *r, uint64_t seed);
uint64_t tk_rng_next(struct tk_rng *r);
/* Uniform in [0, n), n > 0, without modulo bias. */
uint64_t tk_rng_below(struct tk_rng *r, uint64_t n);

#endif
