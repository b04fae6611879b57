/*
 * fts.h -- the "tiku" FTS5 tokenizer for Chinese text.
 *
 * The trigram tokenizer never matches the one- and two-character words
 * people search for most (坐席, 投诉, 话术).  This tokenizer indexes every
 * Han character as a unigram and the bigram it starts.  A query for one
 * character looks up its unigram, for two their bigram; a longer run
 * needs all its bigrams and is then confirmed as a substring.  Latin
 * letters and digits form lower-cased words; full-width forms are folded
 * to ASCII first.
 */
#ifndef TK_FTS_H
#define TK_FTS_H

#include <sqlite3.h>

#include "util.h"

/* Register the tokenizer with a connection's FTS5 (once per connection;
   the bank asks the connection for api).  An SQLite status. */
int tk_fts_register(fts5_api *api);

/*
 * Build an FTS5 MATCH expression from what a user typed: white-space
 * separated terms, all of which must occur.  Returns a string the caller
 * frees with free(), or NULL when text holds no searchable character.
 *
 * The index keeps no positions (detail=none: a third of the size, and
 * imports twice as fast), so a run of three or more Han characters is
 * matched as the AND of its bigrams; the runs are appended to *runs
 * (NUL-separated, caller frees with tk_buf_free) for the caller to
 * confirm as substrings.  One- and two-character words need no check.
 */
char *tk_fts_query(const char *text, struct tk_buf *runs);

/*
 * A MATCH expression for ranking rather than finding: any of the terms of
 * text -- each bigram of a Han run (a lone character as its unigram) and
 * each Latin word, once each, in the order they first occur -- so that
 * bm25() scores a document by how many of them it shares and how rare
 * they are.  At most max terms (0: no limit).  The caller frees it with
 * free(); NULL when text holds no term.
 */
char *tk_fts_any(const char *text, int max);

#endif
