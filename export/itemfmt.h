/*
 * itemfmt.h -- what the writers of items for other tools (Moodle XML,
 * GIFT) share: their options, the category an item is filed under, and
 * the image files items show.
 *
 * A writer never drops silently what its format cannot carry: each loss
 * is a warning in opts->diags naming the item.
 */
#ifndef TK_ITEMFMT_H
#define TK_ITEMFMT_H

#include "diag.h"
#include "image.h"
#include "item.h"
#include "standard.h"
#include "util.h"

struct tk_itemfmt_opts {
	const struct tk_standard *standard;   /* the items' standard */
	const char *images;     /* folder of the items' image files, or NULL */
	struct tk_diags *diags; /* what the format cannot carry, per item */
	const struct tk_image_store *store;     /* asked first (the bank's); may be NULL */
	/*
	 * One category path for every item (a paper's, "$course$/NAME"),
	 * the items then kept in the order given; NULL: each item filed
	 * under standard/level/function.
	 */
	const char *category;
};

/*
 * The category of it, as three names from the standard: its title, the
 * item's level and the function (or basics group) of its first code.
 * The strings are the standard's; a part the standard cannot say is the
 * raw value from the item.
 */
void tk_itemfmt_category(const struct tk_standard *s, const struct tk_item *it,
			 const char *part[3]);

/*
 * The items in the order a writer files them: by category path
 * ("$course$/standard/level/function", as Moodle names categories, a /
 * inside a name doubled), the bank's order within one.  NULL when out of
 * memory; free with tk_itemfmt_sort_free().
 */
struct tk_itemfmt_entry {
	char *category;
	size_t index;           /* in items */
};
struct tk_itemfmt_entry *tk_itemfmt_sort(const struct tk_standard *s,
					 struct tk_item *const *items, size_t n);
void tk_itemfmt_sort_free(struct tk_itemfmt_entry *e, size_t n);

/*
 * Walk items[0..n) in that order (in the order given under
 * o->category): category(ud, path) before each run of items filed under
 * one path (category may be NULL), item(ud, it) for each.  Stops at the
 * first status other than TK_OK and returns it.
 */
int tk_itemfmt_each(const struct tk_itemfmt_opts *o, struct tk_item *const *items, size_t n,
		    int (*category)(void *ud, const char *path),
		    int (*item)(void *ud, const struct tk_item *it), void *ud,
		    struct tk_error *err);

/*
 * The share of an item's points option i of a choice item carries, in
 * percent, as Moodle and GIFT weigh answers: each right option an equal
 * share of 100; a wrong one 0 in single choice, -100 in multiple (so that
 * choosing it loses what the right ones gave).
 */
double tk_itemfmt_share(const struct tk_item *it, int i);
/* A percentage as both formats write it: up to 5 decimals, no trailing 0. */
void tk_itemfmt_percent(struct tk_buf *b, double f);

/*
 * Read the image an item's text names as src: from opts->store when it
 * has it, else inside opts->images.  Its bytes go into data, and in *name
 * the file name (a plain name with its extension, no folders; the caller
 * frees).  TK_EINPUT naming the item when the store has it not and there
 * is no images folder, the path leaves it, the type is not an image a
 * browser shows, or the file cannot be read.
 */
int tk_itemfmt_image(const struct tk_itemfmt_opts *o, const struct tk_item *it,
		     const char *src, char **name, struct tk_buf *data, struct tk_error *err);

/* A fill item's blanks, each with its accepted answers (tk_item_blanks). */
struct tk_itemfmt_blanks {
	char ***alt;
	int *nalt;
	int n;
};
int tk_itemfmt_blanks(const struct tk_item *it, struct tk_itemfmt_blanks *b);
void tk_itemfmt_blanks_free(struct tk_itemfmt_blanks *b);

#endif
