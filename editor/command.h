/*
 * command.h -- the changes people make to a bank, one command each.
 *
 * Every function here runs as one command of the bank (bank.h): one
 * transaction, journaled, undoable.  When the caller already has a
 * command open (a Lua script's batch), the change joins it instead.  The
 * changed item is checked against its standard before anything is
 * stored: lint errors refuse the change, with the problems in diags, and
 * leave the bank as it was; so does a hook that vetoes.
 */
#ifndef TK_COMMAND_H
#define TK_COMMAND_H

#include "bank.h"
#include "diag.h"
#include "item.h"
#include "suggest.h"

/*
 * Every change reads what it changes after its command opened, under the
 * bank's write lock, so that concurrent writers (other processes) never
 * start from the same state and lose each other's changes; a writer
 * waits for the lock as long as tk_bank_open() allows.
 */

/* Add a new item or replace an item with it->id (a new version). */
int tk_cmd_save(struct tk_bank *b, struct tk_item *it, struct tk_diags *d,
		struct tk_error *err);

/*
 * The same for an item the caller read earlier, at version base, and
 * changed (an editor form, a script): when the bank's item is no longer
 * at base, someone changed it meanwhile and nothing is saved (TK_EINPUT,
 * *conflict set when conflict is not NULL).  base -1: the item must
 * still be new (no one added one of its id meanwhile); 0 checks nothing.
 */
int tk_cmd_save_over(struct tk_bank *b, struct tk_item *it, int base, int *conflict,
		     struct tk_diags *d, struct tk_error *err);

/*
 * Set one field of an item to value, given as text: status, difficulty,
 * points, time, author, level, kind, type, stem, explanation, answer.
 * Rich-text fields take plain text.
 */
int tk_cmd_set(struct tk_bank *b, const char *id, const char *field,
	       const char *value, struct tk_diags *d, struct tk_error *err);

/* Add (add 1) or remove (add 0) a requirement code or a keyword. */
int tk_cmd_tag(struct tk_bank *b, const char *id, const char *code, int add,
	       struct tk_diags *d, struct tk_error *err);
int tk_cmd_keyword(struct tk_bank *b, const char *id, const char *keyword,
		   int add, struct tk_diags *d, struct tk_error *err);

/*
 * Tag an untagged item with the first code tk_suggest ranks for it, as a
 * "tag" command like tk_cmd_tag; code (TK_CODE_MAX bytes) gets it.  An
 * item that has a code already, or whose text shares no word with any
 * requirement it may carry, is refused (TK_EINPUT): tag it by hand.
 */
int tk_cmd_accept(struct tk_bank *b, const char *id, char code[TK_CODE_MAX],
		  struct tk_diags *d, struct tk_error *err);

/* Retire an item: it stays in the bank and its history, out of papers. */
int tk_cmd_retire(struct tk_bank *b, const char *id, struct tk_diags *d,
		  struct tk_error *err);

/*
 * Merge a duplicate: drop is retired; keep takes over drop's codes,
 * keywords and enemies, and items that named drop as an enemy name keep.
 */
int tk_cmd_merge(struct tk_bank *b, const char *keep, const char *drop,
		 struct tk_diags *d, struct tk_error *err);

/*
 * Review an item as the bank's user (tk_bank_review: approve an item in
 * review, reject it back to draft, or comment), as one command; the
 * item is checked against its standard before it is approved.
 */
int tk_cmd_review(struct tk_bank *b, const char *id, int action, const char *comment,
		  struct tk_diags *d, struct tk_error *err);

#endif
