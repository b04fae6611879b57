/*
 * suggest.h -- the requirement codes an item is most likely about,
 * ranked by how close its text is to each requirement's own text.
 *
 * No model and no network: the standard's requirement text (skill and
 * knowledge lines, basics with their listed points, and the tasks and
 * groups they stand in) is indexed inside SQLite with the tokenizer the
 * bank's search uses (fts.h: Han unigrams and bigrams), and FTS5's bm25
 * scores it against the item's text.  A code's score is that of its
 * closest text -- its line, or one of its points -- plus half that of
 * its task (or basics group) as a whole, so that an item close to a
 * task's skills but to none of its knowledge lines in particular still
 * leans to that task.  The item's stem and answer count fully, its
 * options, explanation, keywords and rubric half: the answer says what
 * the item is about, distractors and explanations wander.
 *
 * Only the codes the item may carry are ranked: at its level, knowledge
 * lines and basics for a theory item, skill lines for a skill item --
 * the rule lint applies (tk_standard_find).  The item's own codes play
 * no part, so that an untagged item and a tagged one with the same text
 * get the same list (which is how the figure in `make bench` is
 * measured: every item of the shipped bank, its codes hidden).
 */
#ifndef TK_SUGGEST_H
#define TK_SUGGEST_H

#include "bank.h"
#include "item.h"
#include "standard.h"

/* How many suggestions people are shown. */
#define TK_SUGGEST_SHOW 3

/* Room for a code as items write it, "B2.2.7", with its NUL. */
#define TK_CODE_MAX 32

struct tk_suggestion {
	char code[TK_CODE_MAX];         /* as items write it: "1.1.2", "B2.2.7" */
	const struct tk_req *req;       /* in the standard given, valid while it is */
	double score;                   /* relevance, higher is closer; 0: no word in common */
};

/*
 * Rank the codes item it may carry in standard s (the item's: its level
 * resolved there) and put the best max in out, best first, ties in the
 * standard's order; *n is how many (fewer when fewer codes share any
 * word with the item).  TK_EINPUT when the item's level is none of s's
 * or its kind is unknown.  The index is built in b's connection the first
 * time (tk_bank_req_index).
 */
int tk_suggest(struct tk_bank *b, const struct tk_standard *s, const struct tk_item *it,
	       struct tk_suggestion *out, int max, int *n, struct tk_error *err);

#endif
