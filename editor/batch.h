/*
 * batch.h -- official papers for an exam batch (统考批次): parallel
 * forms (A/B/C卷) drawn from one blueprint and seed, the exposure of
 * items on committed batches, per-candidate papers (千人千卷) and the
 * audit of every paper generated.
 *
 * Lifecycle of a batch: tk_batch_new() -> tk_batch_generate() (again as
 * often as wanted: nothing counts until commit) -> tk_batch_commit(),
 * which records the exposure that later batches' blueprints honour.
 * Batch operations are transactions of their own but not undoable: an
 * exam centre's exposure history and audit only grow.
 */
#ifndef TK_BATCH_H
#define TK_BATCH_H

#include <stdint.h>

#include "bank.h"
#include "diag.h"
#include "paper.h"
#include "util.h"

/* Create batch id for the blueprint at path (kept in the bank). */
int tk_batch_new(struct tk_bank *b, const char *id, const char *name,
		 const char *blueprint_path, uint64_t seed, struct tk_error *err);

/*
 * Draw the blueprint's number of forms (A, B, ...), each valid, sharing
 * within the blueprint's limit, their mean difficulties within 0.1;
 * items on committed batches excluded or limited as the blueprint's
 * exposure rule says.  Replaces forms drawn before; refuses a committed
 * batch.  TK_FAIL with why when the bank cannot.
 */
int tk_batch_generate(struct tk_bank *b, const char *id, struct tk_diags *why,
		      struct tk_error *err);

/* One candidate of a roster. */
struct tk_candidate {
	const char *admission;  /* 准考证号 */
	const char *name;       /* 姓名 */
	const char *site;       /* 考点 */
	int line;               /* its line in the roster file, 0 if none */
};

/*
 * tk_batch_generate, writing what the run makes before the bank commits
 * anything, so that a run whose outputs fail changes nothing: forms_fn
 * (may be NULL) gets the new forms; then, as tk_batch_candidates does,
 * fn gets the papers of the nv candidates v and, when fn is not NULL, a
 * final call with c, p and key NULL in which the caller completes its
 * outputs.  An error either returns stops the run and rolls back.
 */
int tk_batch_generate_out(struct tk_bank *b, const char *id,
			  int (*forms_fn)(void *ud, struct tk_paper *const *forms, int n,
					  struct tk_error *err),
			  const struct tk_candidate *v, int nv,
			  int (*fn)(void *ud, const struct tk_candidate *c,
				    const struct tk_paper *p, const struct tk_buf *key,
				    struct tk_error *err),
			  void *ud, struct tk_diags *why, struct tk_error *err);

/* Record the forms' items as exposed; the batch cannot change after. */
int tk_batch_commit(struct tk_bank *b, const char *id, struct tk_error *err);

/* Call fn for every batch of the bank, oldest first: its id, state
 * ("new", "generated", "committed"), number of forms and name (its id when
 * it was made without one).  A non-zero return from fn stops the walk. */
int tk_batch_list(struct tk_bank *b,
		  int (*fn)(void *ud, const char *id, const char *state, int forms,
			    const char *name),
		  void *ud, struct tk_error *err);

/* The batch's forms, in order; *out (caller frees each with
   tk_paper_free, and the array with free) has *n papers. */
int tk_batch_forms(struct tk_bank *b, const char *id, struct tk_paper ***out,
		   int *n, struct tk_error *err);

/*
 * The papers of candidates: each one of the batch's forms, chosen and
 * then shuffled (items within sections, options within items) from the
 * batch seed and the admission number alone, so that regenerating one
 * gives the same bytes whatever the roster around it.  fn gets each
 * paper and its answer key as CSV (题号,试题编号,答案,分值); an error it
 * returns stops the run.  After the last candidate fn is called once
 * more with c, p and key NULL, so that a caller writing asynchronously
 * can finish and report.  Every paper is recorded in the audit, in one
 * transaction that commits only when every call succeeded.
 */
int tk_batch_candidates(struct tk_bank *b, const char *id,
			const struct tk_candidate *v, int nv,
			int (*fn)(void *ud, const struct tk_candidate *c,
				  const struct tk_paper *p, const struct tk_buf *key,
				  struct tk_error *err),
			void *ud, struct tk_error *err);

/*
 * Read a roster CSV (columns 准考证号 or admission, 姓名 or name, 考点 or
 * site, each required and no other; UTF-8 or GB18030; quoted fields as
 * the CSV import reads them).  Every row needs all three, an admission
 * number that can name a file (tk_roster_admission_ok) and not seen
 * before.  *v and the strings it points to live in *store (caller frees
 * *v and *store).  Errors name the file and line.
 */
int tk_roster_read(const char *path, struct tk_candidate **v, int *n,
		   char **store, struct tk_error *err);

/* Can admission number a name files (ADMISSION.xml)?  ASCII letters,
   digits, '-', '_' and '.', not first, at most 64. */
int tk_roster_admission_ok(const char *a);

/* The state of a batch, printed for `tiku batch show`: with its forms
   and a summary of the audit, or (full) with every paper generated. */
int tk_batch_show(struct tk_bank *b, const char *id, int full, struct tk_buf *out,
		  struct tk_error *err);

#endif
