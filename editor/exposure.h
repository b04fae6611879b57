/*
 * exposure.h -- practice exposure: which items learners have seen on the
 * practice papers printed for them, kept apart from the official
 * exposure of committed exam batches (bank.h), and which items a new
 * paper keeps out because of it.
 *
 * A practice paper is one whose blueprint says purpose="practice"; when
 * it is printed (tiku render, Lua bank:render) its items are logged
 * with the class and the date it was for.  A new paper may avoid the
 * items of named papers (tiku assemble --avoid) and of every practice
 * paper printed since a date (--avoid-since): the assembler asks here,
 * so that every route that draws means the same by it.
 */
#ifndef TK_EXPOSURE_H
#define TK_EXPOSURE_H

#include "bank.h"
#include "paper.h"

/*
 * The ids to keep out: the items of papers[0..n) and, when since is not
 * NULL, of every practice paper printed on or after since (YYYY-MM-DD;
 * TK_EUSAGE for anything else).  *ids is sorted (strcmp) without
 * repeats; the caller frees each and the array.
 */
int tk_exposure_avoid(struct tk_bank *b, struct tk_paper *const *papers, int n,
		      const char *since, char ***ids, int *nids, struct tk_error *err);

/* Is id among ids[0..n) (as tk_exposure_avoid gives them)? */
int tk_exposure_has(char *const *ids, int n, const char *id);

/*
 * Log, inside the open command, that practice paper p was printed for
 * class klass (NULL: none named) on date (YYYY-MM-DD; NULL: today).  An
 * official paper is not practice exposure: nothing is logged (*added 0).
 * *added is 1 when this print is new (a paper printed for the same class
 * on the same date is logged once).  TK_EUSAGE for a bad date.
 */
int tk_exposure_log_print(struct tk_bank *b, const struct tk_paper *p, const char *klass,
			  const char *date, int *added, struct tk_error *err);

/*
 * Log the practice papers among papers[0..n) as printed, opening a
 * command of b's for it ("render") that the caller ends once the printed
 * files are in place: tk_bank_commit() (the log and the files go
 * together), or tk_bank_rollback() when writing them failed.  No
 * practice paper among them: nothing is opened (tk_bank_in_command()
 * says).  *logged counts the new prints.  On failure no command is open.
 */
int tk_exposure_print_begin(struct tk_bank *b, struct tk_paper *const *papers, int n,
			    const char *klass, const char *date, int *logged,
			    struct tk_error *err);

#endif
