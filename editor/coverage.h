/*
 * coverage.h -- what a bank can supply against a standard's weight table:
 * per area, the points a paper needs and the points the bank's eligible
 * items give; per requirement code, items by type and status.  Codes with
 * no items are the gaps authors look for.
 */
#ifndef TK_COVERAGE_H
#define TK_COVERAGE_H

#include "bank.h"
#include "item.h"
#include "standard.h"

struct tk_cov_count {
	int items;
	int by_type[TK_NTYPES];
	int by_status[TK_NSTATUS];
	int points;             /* tenths, eligible items only */
};

struct tk_cov_area {
	int area;               /* index in the weight table */
	int weight;             /* percent */
	int need;               /* tenths of points a paper needs */
	struct tk_cov_count n;
};

struct tk_cov_code {
	const struct tk_req *req;   /* points into the standard */
	int area;               /* -1: no assessed area covers it */
	struct tk_cov_count n;
};

struct tk_coverage {
	int level, kind;
	int paper_points;       /* the paper size the needs are for */
	int eligible;           /* status counted as supply */
	int has_table;          /* the standard has a weight table of this kind */
	struct tk_cov_area *areas;
	int nareas;
	struct tk_cov_code *codes;
	int ncodes;
	struct tk_cov_count unmapped;   /* items whose first code counts nowhere */
	int gaps;               /* codes without items */
	int short_areas;        /* areas whose supply is below need */
};

/*
 * Compute coverage of level/kind for a paper of paper_points points,
 * counting items of status eligible as supply.  *out is the caller's
 * (tk_coverage_free).  The result points into s: free it first.
 */
int tk_coverage_compute(struct tk_bank *b, const struct tk_standard *s,
			int level, int kind, int paper_points, int eligible,
			struct tk_coverage **out, struct tk_error *err);
void tk_coverage_free(struct tk_coverage *c);

#endif
