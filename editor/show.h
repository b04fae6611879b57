/*
 * show.h -- an item as a person reads it, for `tiku show` and Lua's
 * bank:show: its fields, the stem and options as text, the answer as
 * people write it (never the storage syntax), the requirement each code
 * names in the standard, its status and reviews, where it has been used
 * -- official exposure (committed forms) apart from practice exposure
 * (composed papers; practice papers printed, with class and date) --
 * and the statistics the bank holds.
 */
#ifndef TK_SHOW_H
#define TK_SHOW_H

#include "bank.h"
#include "util.h"

/*
 * Load version `version` of item id (0: the current one) into *out (the
 * caller's, tk_item_free).  TK_EINPUT, naming the versions there are,
 * when the bank has no such item or version.
 */
int tk_show_load(struct tk_bank *b, const char *id, int version, struct tk_item **out,
		 struct tk_error *err);

/*
 * Split "ID@VERSION" into id (the caller's) and *version (0 when there is
 * no "@").  TK_EUSAGE for a version that is not a whole number from 1.
 */
int tk_show_ref(const char *ref, char **id, int *version, struct tk_error *err);

/* Append the text of version `version` of item id (0: current) to out. */
int tk_show_item(struct tk_bank *b, const char *id, int version, struct tk_buf *out,
		 struct tk_error *err);

#endif
