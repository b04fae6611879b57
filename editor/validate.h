/*
 * validate.h -- checking papers against the bank, the standard and the
 * blueprint, independently of how they were assembled.
 *
 * Nothing the paper claims about itself is trusted: the rules come from
 * the blueprint the paper was drawn from (found by the digest the paper
 * records, or named by the caller), each item is the bank's version the
 * paper names, read again.  Recomputed: counts and points per section,
 * points per weight-table area within the blueprint's tolerance (which
 * area a code counts in is the standard's one definition,
 * tk_standard_code_area), the total, the duration against the blueprint
 * and the standard's minimum, the items' expected time against the
 * duration, levels, kinds and statuses, enemies, duplicates, exposure on
 * committed batches, items edited in the paper file or in the bank since,
 * a per-candidate paper against its form, and the overlap between forms.
 * This module shares no code with the assembler beyond reading the bank,
 * the standard and the blueprint, so that one bug cannot hide the other.
 */
#ifndef TK_VALIDATE_H
#define TK_VALIDATE_H

#include "bank.h"
#include "blueprint.h"
#include "paper.h"

/* One line of the report: what was checked, what it should be, what it is.
   `what` names the rule (section, area, status, exposure, ...). */
struct tk_vrow {
	char paper[96];         /* the paper's id (or "forms" for overlap) */
	char what[24];          /* the rule */
	char name[128];
	char want[64], got[64];      /* cut to fit */
	int ok;
};

struct tk_vreport {
	struct tk_vrow *rows;
	int n;
	int failures;           /* rows not ok */
	struct tk_diags problems;   /* details: which items, which pairs; each
				       message starts with its rule */
};

/*
 * Validate papers (one, or the forms of a batch) against bank b, the
 * standard s they name and blueprint bp, or, when bp is NULL, the
 * blueprint each paper was drawn from (tk_validate_find_blueprint; a
 * paper whose blueprint is not found fails).  The report is filled either
 * way; the result is TK_OK when every check holds, TK_FAIL when any
 * fails, or another error when the inputs could not be read.  Free the
 * report with tk_vreport_free().
 */
int tk_validate(struct tk_bank *b, const struct tk_standard *s,
		const struct tk_blueprint *bp, struct tk_paper *const *papers, int n,
		struct tk_vreport *rep, struct tk_error *err);

/*
 * The blueprint paper p was drawn from, by the digest it records: the
 * file its blueprint-file attribute names when that file still has the
 * digest, else the bank's copy (a batch's or a composed paper's).  *bp is
 * resolved against s and the caller's (tk_blueprint_free); NULL, with
 * TK_OK, when there is none.  TK_EINPUT when the one found does not read.
 */
int tk_validate_find_blueprint(struct tk_bank *b, const struct tk_standard *s,
			       const struct tk_paper *p, struct tk_blueprint **bp,
			       struct tk_error *err);

/*
 * Check the answer key of per-candidate paper p (CSV as tiku batch papers
 * writes it: 题号,试题编号,答案,分值; name for messages) question by
 * question against the paper, adding a "key" row and its problems to rep
 * (after tk_validate, whose items' answers it thereby extends to the key).
 * TK_OK when it matches, TK_FAIL when not.
 */
int tk_validate_key(const struct tk_paper *p, const char *csv, const char *name,
		    struct tk_vreport *rep);

void tk_vreport_free(struct tk_vreport *rep);

#endif
