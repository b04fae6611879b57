/*
 * edit.h -- writing an item in the author's own editor, as `git commit`
 * and `kubectl edit` do.
 *
 * The item goes to a temporary file as a form (form.h); the editor runs
 * on it; the saved form is read, checked against the standard and stored
 * as one command of the bank (tk_cmd_save: journaled, undoable).  When it
 * has errors the editor opens again with them as "# error: ..." comments
 * at the top, above what the author typed, until the form is good, the
 * author empties it (abort), saves it again without fixing anything
 * (abort) or the editor fails (abort).  Nothing is stored unless the
 * form is good; the temporary file is removed in every case.
 */
#ifndef TK_EDIT_H
#define TK_EDIT_H

#include "bank.h"
#include "item.h"
#include "tiku.h"

/*
 * Edit the item id of b or, with id NULL, create fresh: a template the
 * caller built and still owns (id, standard, type, level, kind, codes,
 * points; status draft), whose id must not be in the bank yet.
 *
 * editor is a shell command line run as  sh -c 'EDITOR "$1"' sh FILE,
 * so that it may carry arguments ("code --wait"); NULL or "" means
 * $VISUAL, else $EDITOR, else vi.  While it runs, tiku ignores SIGINT
 * and SIGQUIT (the editor gets them), as system() does.
 *
 * Returns TK_OK with err->code TK_OK and err->msg saying what happened,
 * for the caller to print: "saved ID version N", "added ID", or "no
 * changes" (the form came back as it went out, or with nothing that
 * changes the item: nothing stored).  Otherwise, with the reason in err:
 * TK_FAIL when the author aborted (an empty form, a new item's form left
 * as it was, a non-zero exit of the editor); TK_EINPUT when id names no
 * item, fresh's id is taken, or the author saved the form again without
 * fixing its errors; TK_EINTERNAL for I/O, SQLite or memory failures.
 * Prints nothing but, before each reopening, one line to stderr.
 */
int tk_edit_item(struct tk_bank *b, const char *id, const struct tk_item *fresh,
		 const char *editor, struct tk_error *err);

#endif
