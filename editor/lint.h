/*
 * lint.h -- checks on standards and items, each finding a diagnostic with
 * the file and line of the input it is about.
 *
 * Errors make an item unusable (the importer refuses it) or a standard
 * inconsistent; warnings point at what a careful author would fix or at
 * what the source document itself gets wrong.
 */
#ifndef TK_LINT_H
#define TK_LINT_H

#include "diag.h"
#include "item.h"
#include "standard.h"

/*
 * The standard's own consistency: weight-table columns sum to 100, every
 * row maps to something that exists at that level, rows named unlike the
 * functions they cover, blanks kept where the source has neither a weight
 * nor ×, unique codes, assessment schemes that disagree, appraisals
 * (below) and their ids.
 */
void tk_lint_standard(const struct tk_standard *s, struct tk_diags *d);

/*
 * One appraisal of s (a part a panel scores by a rubric): its criteria
 * add up to its points, each named once and worth something, its pass
 * mark within its points, a panel that can be formed.  tk_lint_standard
 * checks every appraisal so; whoever prints a scoring sheet checks the
 * one it prints.
 */
void tk_lint_appraisal(const struct tk_standard *s, const struct tk_appraisal *a,
		       struct tk_diags *d);

/*
 * One item against its standard: level, codes at that level for its kind,
 * answers against options, rubric against points, ...
 */
void tk_lint_item(const struct tk_standard *s, const struct tk_item *it,
		  struct tk_diags *d);

/* What tk_lint_items checks. */
enum {
	TK_LINT_IDS = 1,        /* an id used twice */
	TK_LINT_STEMS = 2,      /* duplicate and near-duplicate stems, texts a word apart */
	TK_LINT_ENEMIES = 4,    /* enemies that name no item (whole banks only) */
	/* stems at a higher level TK_BELOW_LEVEL alike with a lower level's
	   (and not yet near duplicates): warnings on the higher one; basics
	   are left out, one requirement at every level (tk_lint_items_of) */
	TK_LINT_LEVELS = 8
};

/* Checks across items, as selected by what (TK_LINT_* flags). */
void tk_lint_items(struct tk_item *const *items, size_t n, int what,
		   struct tk_diags *d);
/* The same, the items of standard s, whose levels TK_LINT_LEVELS needs. */
void tk_lint_items_of(const struct tk_standard *s, struct tk_item *const *items, size_t n,
		      int what, struct tk_diags *d);

struct tk_glossary;
struct tk_blueprint;

/*
 * The words of one item: a false true/false statement with a cue word
 * (the glossary's <cues>, else tk_glossary_default_cues), a form the
 * glossary's terms avoid (in any of its texts), a stem that copies the
 * standard's description of a level (COPY_RUN Han characters of a level
 * summary).  Warnings only.  s and g may be NULL.
 */
void tk_lint_item_words(const struct tk_standard *s, const struct tk_glossary *g,
			const struct tk_item *it, struct tk_diags *d);

/*
 * A blueprint (resolved against s) against the items it draws from:
 * sections whose instructions keep decimals the items' stems do not, and
 * sections titled for calculation that would get items that are none.
 */
void tk_lint_blueprint(const struct tk_blueprint *bp, const struct tk_standard *s,
		       struct tk_item *const *items, size_t n, struct tk_diags *d);

struct tk_bank;

/* The glossary of standard in b, parsed (*g NULL when it has none); a
   stored one that no longer parses is an error in d. */
int tk_lint_load_glossary(struct tk_bank *b, const char *standard, struct tk_glossary **g,
			  struct tk_diags *d, struct tk_error *err);

/*
 * Lint a whole bank: every standard (only the one named, when not NULL)
 * and all its items, the checks across items included: the words of each
 * item against the standard's glossary in the bank, stems that repeat a
 * lower level's, and skill codes with fewer than TK_MIN_SKILL_ITEMS items.  extra, when not
 * NULL, adds checks of its own for each standard's items (the bank's
 * house rules, run by the Lua sandbox).
 */
int tk_lint_bank(struct tk_bank *b, const char *only,
		 void (*extra)(void *ud, const struct tk_standard *s,
			       struct tk_item *const *items, size_t n, struct tk_diags *d),
		 void *ud, struct tk_diags *d, struct tk_error *err);

/* Similarity (Jaccard over character bigrams) above which stems are near-duplicates. */
#define TK_NEAR_DUPLICATE 0.8
/* ... and from which a higher level's stem repeats a lower level's. */
#define TK_BELOW_LEVEL 0.5
/* Items of each skill code that two parallel skill forms sharing none need. */
#define TK_MIN_SKILL_ITEMS 2

#endif
