/*
 * fts.h -- the "tiku" FTS5 tokenizer for Chinese text.
 *
 * The trigram tokenizer never matches the one- and two-character words
 * people search for most (坐席, 投诉, 话术).  This tokenizer indexes every
 * Han character as a unigram and, at the same position, the bigram it
 * starts (FTS5_TOKEN_COLOCATED).  A query for one character looks up its
 * unigram; a longer run of Han characters becomes a phrase of consecutive
 * bigrams, which matches exactly the texts containing that run.  Latin
 * letters and digits form lower-cased words; full-width forms are folded
 * to ASCII first.
 */
#ifndef TK_FTS_H
#define TK_FTS_H

#include <sqlite3.h>

/* Register the tokenizer on db (once per connection). */
int tk_fts_register(sqlite3 *db);

/*
 * Build an FTS5 MATCH expression from what a user typed: white-space
 * separated terms, all of which must occur.  Returns a string the caller
 * frees with free(), or NULL when text holds no searchable character.
 */
char *tk_fts_query(const char *text);

#endif
