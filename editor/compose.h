/*
 * compose.h -- papers teachers build by hand (组卷 by hand): a paper kept
 * in the bank, made to a blueprint, changed item by item.  Every change
 * is a command of the bank (journaled, undoable); the paper can be
 * checked at any step by the validator, and a swap can be chosen among
 * the items that keep the paper within its blueprint.
 */
#ifndef TK_COMPOSE_H
#define TK_COMPOSE_H

#include "bank.h"
#include "paper.h"

/* A new, empty paper to the blueprint at path. */
int tk_compose_new(struct tk_bank *b, const char *id, const char *blueprint_path,
		   const char *title, struct tk_error *err);

/*
 * Add items (each to the section of its type), remove them, or put one
 * in another's place, as one command.  An item that does not fit the
 * blueprint (level, kind, status, type, points) or is on the paper
 * already is refused, naming why.
 */
int tk_compose_add(struct tk_bank *b, const char *id, char *const *items, int n,
		   struct tk_error *err);
int tk_compose_remove(struct tk_bank *b, const char *id, char *const *items, int n,
		      struct tk_error *err);
int tk_compose_swap(struct tk_bank *b, const char *id, const char *old,
		    const char *new_item, struct tk_error *err);

/* Remove the paper. */
int tk_compose_delete(struct tk_bank *b, const char *id, struct tk_error *err);

/* The paper as a struct tk_paper, for validation and export (caller frees). */
int tk_compose_paper(struct tk_bank *b, const char *id, struct tk_paper **out,
		     struct tk_error *err);

/*
 * Items that can take old's place and keep the paper within its
 * blueprint: the same weight-table area, section and points, an allowed
 * status, not on the paper, no enemy of an item on it; and, as the
 * assembler avoids them (exposure.h), none of the items of avoid[0..navoid)
 * nor of the practice papers printed since `since` (YYYY-MM-DD; NULL:
 * none).  *ids (caller frees each and the array) in id order.
 */
int tk_compose_suggest(struct tk_bank *b, const char *id, const char *old,
		       struct tk_paper *const *avoid, int navoid, const char *since,
		       char ***ids, int *n, struct tk_error *err);

#endif
