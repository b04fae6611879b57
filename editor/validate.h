/*
 * validate.h -- checking papers against the bank and the standard,
 * independently of how they were assembled.
 *
 * Everything is recomputed: each item's area from its first code and the
 * standard's weight table, points per area against the table, counts and
 * points per section, the total, the duration against the standard's
 * minimum, levels, kinds and statuses in the bank, enemies, duplicates,
 * and the overlap between forms of one batch.  This module shares no code
 * with the assembler beyond reading the bank and the standard's model
 * (which area a code counts in is the standard's one definition,
 * tk_standard_code_area), so that one bug cannot hide the other.
 */
#ifndef TK_VALIDATE_H
#define TK_VALIDATE_H

#include "bank.h"
#include "paper.h"

/* One line of the report: what was checked, what it should be, what it is. */
struct tk_vrow {
	char paper[96];         /* the paper's id (or "A/B" for overlap) */
	char what[24];          /* area, section, total, duration, ... */
	char name[128];
	char want[64], got[64];      /* cut to fit */
	int ok;
};

struct tk_vreport {
	struct tk_vrow *rows;
	int n;
	int failures;           /* rows not ok */
	struct tk_diags problems;   /* details: which items, which pairs */
};

/*
 * Validate papers (one, or the forms of a batch) against bank b and the
 * standard s they name.  The report is filled either way; the result is
 * TK_OK when every check holds, TK_FAIL when any fails, or another error
 * when the inputs could not be read.  Free the report with
 * tk_vreport_free().
 */
int tk_validate(struct tk_bank *b, const struct tk_standard *s,
		struct tk_paper *const *papers, int n, struct tk_vreport *rep,
		struct tk_error *err);

void tk_vreport_free(struct tk_vreport *rep);

#endif
