/*
 * glossary.h -- a bank's house words for the items of one standard, read
 * from the XML of schema/glossary.rng: the preferred form of a term and
 * the forms to avoid (one term per bank: 坐席, not 座席), and the cue
 * words that give a false true/false statement away (只要, 一律 ...).
 *
 * A glossary is imported into a bank (tk_bank_put_glossary) and lint
 * checks items against it (tk_lint_item_words); a bank without one gets
 * the built-in cue words and no terms.
 *
 * Lifecycle: tk_glossary_parse() -> read fields -> tk_glossary_free().
 */
#ifndef TK_GLOSSARY_H
#define TK_GLOSSARY_H

#include <stddef.h>

#include "diag.h"
#include "tiku.h"

struct tk_glossary_term {
	char *prefer;           /* "坐席" */
	char **avoid;           /* {"座席"} */
	int navoid;
	int line;
};

struct tk_glossary {
	char *standard;         /* the standard whose items it covers */
	char *file;             /* name used in messages */
	struct tk_glossary_term *terms;
	int nterms;
	/* the glossary's own cue words, each "word" or "part…part";
	   has_cues 0: it gives none, the built-in list applies */
	char **cues;
	int ncues, has_cues, cues_line;
};

/*
 * Parse and validate a glossary from memory (name is used in messages):
 * the schema, then terms that contradict themselves (a form both
 * preferred and avoided, avoided twice) as errors with their line.
 * Problems go to diags (may be NULL), the first to err.  On success *out
 * is the caller's, freed with tk_glossary_free().
 */
int tk_glossary_parse(const char *data, size_t len, const char *name,
		      struct tk_glossary **out, struct tk_diags *diags,
		      struct tk_error *err);
void tk_glossary_free(struct tk_glossary *g);

/* The built-in cue words, NULL-terminated: those of a bank without a
   glossary, or with one that gives no <cues>. */
extern const char *const tk_glossary_default_cues[];

/*
 * The cue words in effect for g (may be NULL): its own, else the
 * built-in ones.  *n gets their number.  Valid while g is.
 */
const char *const *tk_glossary_cues(const struct tk_glossary *g, int *n);

/*
 * Does text hold cue (a word, or "part…part": both parts, in that order,
 * within one sentence)?  Returns a pointer to where the match starts,
 * or NULL.
 */
const char *tk_glossary_find_cue(const char *text, const char *cue);

#endif
