/*
 * item.h -- one question (试题) and its XML form (schema/items.rng).
 *
 * An item is plain data owned by whoever created it (tk_item_new, or a
 * parser) and freed with tk_item_free().  Rich text (stem, options,
 * answer, explanation) is kept as a canonical XML fragment: the children
 * of the element, serialised by this module in one fixed way, so that
 * reading and writing an item is a fixed point and hashes are stable.
 */
#ifndef TK_ITEM_H
#define TK_ITEM_H

#include <stddef.h>

#include "diag.h"
#include "tiku.h"
#include "util.h"

enum {
	TK_SINGLE, TK_MULTIPLE, TK_TRUEFALSE, TK_FILL, TK_SHORT, TK_CASE,
	TK_TASK, TK_NTYPES
};

enum { TK_DRAFT, TK_REVIEW, TK_APPROVED, TK_RETIRED, TK_NSTATUS };

struct tk_option {
	char key;       /* 'A'.. */
	char *text;     /* inline fragment */
};

struct tk_criterion {
	int points;     /* tenths */
	char *text;
};

/*
 * What the site prepares for an item (a skill task): the room and the
 * 机考 environment, equipment, materials.  Plain text; quantity ("每人1台")
 * may be NULL.  The 准备通知单 of a paper lists them.
 */
enum { TK_MAT_SITE, TK_MAT_EQUIPMENT, TK_MAT_MATERIAL, TK_NMATKINDS };

struct tk_material {
	int kind;       /* TK_MAT_SITE.. */
	char *text;
	char *quantity;
};

struct tk_item {
	char *id;
	char *standard;         /* the standard's id */
	int version;            /* 0 = not yet stored */
	int type;               /* TK_SINGLE.. */
	char *level;            /* level id (or name until resolved) */
	int kind;               /* TK_THEORY / TK_SKILL */
	int points;             /* tenths */
	int difficulty;         /* 1..5 */
	int time;               /* expected seconds, 0 = not given */
	int status;             /* TK_DRAFT.. */
	char *author;           /* may be NULL */
	char **codes;  int ncodes;
	char **keywords; int nkeywords;
	char *stem;             /* fragment */
	struct tk_option *options; int noptions;
	char *answer;           /* fragment; choice: "AC", truefalse: "true" */
	struct tk_criterion *rubric; int nrubric;
	char *explanation;      /* fragment or NULL */
	struct tk_material *materials; int nmaterials;
	char *facility, *discrimination;   /* decimal text or NULL */
	int stats_n;
	char **enemies; int nenemies;
	/* where the item was read from, for messages */
	char *file;
	int line;
};

/* A zeroed item (status draft, difficulty 3); NULL when out of memory. */
struct tk_item *tk_item_new(void);
void tk_item_free(struct tk_item *it);
/* A deep copy, or NULL when out of memory. */
struct tk_item *tk_item_dup(const struct tk_item *it);

/* Append to a string list (a copy of s); returns 0 when out of memory. */
int tk_item_strlist_add(char ***v, int *n, const char *s);

/*
 * The most bytes one field of an item may hold, as stored (a rich-text
 * field's XML fragment): 1 MiB.  Every way into a bank checks it, and it
 * keeps each XML text node an item writes far below libxml2's 10 MB
 * limit, so that what a bank holds always exports and reads back.
 */
#define TK_FIELD_MAX (1024 * 1024)

/*
 * Is a field of it longer than TK_FIELD_MAX?  Then 1, with the field's
 * name ("stem", "option B", "keyword 3") in field and its size in *len.
 */
int tk_item_oversize(const struct tk_item *it, char *field, size_t size, size_t *len);

/*
 * A fill item's answer (<blank>61.00|61</blank>...) taken apart: per
 * blank, its accepted texts, trimmed, empty ones dropped.  The arrays are
 * the caller's (tk_item_blanks_free).  0 when out of memory or when the
 * answer is not well-formed; *nblanks 0 when it holds no blank.
 */
int tk_item_blanks(const char *answer, char ****blanks, int **nalts, int *nblanks);
void tk_item_blanks_free(char ***blanks, int *nalts, int nblanks);

/*
 * A fill item's answer as people write it, appended to out: a blank's
 * first accepted text with the others in "（或 …）", blanks numbered
 * "（1）…；（2）…" when there are several; never the storage syntax.
 * 0 (out unchanged) when the answer is not well-formed or memory ran out.
 */
int tk_item_blanks_text(const char *answer, struct tk_buf *out);

/*
 * A set of items read from one file.  items[i] belong to the set and are
 * freed by tk_itemset_free() unless the caller takes them (and sets the
 * slot to NULL).
 */
struct tk_itemset {
	char *standard;         /* the standard attribute of the file */
	struct tk_item **items;
	size_t n, cap;
};
int tk_itemset_add(struct tk_itemset *set, struct tk_item *it);
void tk_itemset_free(struct tk_itemset *set);

/*
 * Parse and schema-validate an items document.  Every problem goes to
 * diags (may be NULL), the first also to err.  On success set holds the
 * items in file order.
 */
int tk_items_parse(const char *data, size_t len, const char *name,
		   struct tk_itemset *set, struct tk_diags *diags,
		   struct tk_error *err);

/*
 * The same without the schema check, for a caller that validates another
 * copy of the same bytes at the same time (tk_xml_check) and discards the
 * result unless that succeeds.  Reads any well-formed document without
 * harm: what the schema would refuse comes out as fields lint refuses.
 */
int tk_items_parse_unchecked(const char *data, size_t len, const char *name,
			     struct tk_itemset *set, struct tk_diags *diags,
			     struct tk_error *err);

/*
 * One item from its <item> element n (an xmlNodePtr) in a document
 * already checked against a schema that takes items.rng's item (a
 * paper's): the item's file is file and its line n's.  TK_EINPUT with
 * err set for a number out of range or a field too large.
 */
struct _xmlNode;
int tk_item_from_node(struct _xmlNode *n, const char *file, const char *standard,
		      struct tk_item **out, struct tk_error *err);

/*
 * Serialise one item as an <item> element, indented by two spaces, ending
 * in a newline.  Without TK_ITEM_XML_VERSION the version is left out (for
 * hashing); TK_ITEM_XML_NESTED indents two more and declares the items
 * namespace on the element, for an item inside a paper.
 */
#define TK_ITEM_XML_VERSION 1
#define TK_ITEM_XML_NESTED  2
void tk_item_xml(const struct tk_item *it, int flags, struct tk_buf *out);

/* Header and footer of an items document for standard. */
void tk_items_xml_begin(struct tk_buf *out, const char *standard);
void tk_items_xml_end(struct tk_buf *out);

/* Digest (tk_digest_hex) of the item's canonical XML without its version. */
void tk_item_hash(const struct tk_item *it, char out[65]);

/*
 * Plain text of a fragment: markup dropped, blocks separated by newlines,
 * gaps shown as "____".  Caller frees with free().
 */
char *tk_fragment_text(const char *fragment);

/*
 * Canonical fragment for plain text (escaped, whitespace trimmed).
 * Caller frees with free().
 */
char *tk_fragment_from_text(const char *text);

/* Count the <gap/> elements of a fragment. */
int tk_fragment_gaps(const char *fragment);

/* A material's kind as its element is named: "site", "equipment", "material". */
const char *tk_material_kind_name(int kind);

/* Names: "single", ... and back; parse returns -1 when unknown. */
const char *tk_type_name(int type);
int tk_type_parse(const char *s);
const char *tk_status_name(int status);
int tk_status_parse(const char *s);

/*
 * Normalise a choice answer ("a, c" -> "AC": upper case, sorted, no
 * separators) or a true/false answer (正确/对/√/T/true -> "true").
 * Returns a new string (caller frees) or NULL when s cannot be read.
 */
char *tk_answer_choice(const char *s);
char *tk_answer_truefalse(const char *s);

#endif
