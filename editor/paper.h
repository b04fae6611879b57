/*
 * paper.h -- an assembled paper (试卷): its sections and items, how it
 * was made (blueprint, seed, bank digest), and its XML form
 * (schema/paper.rng).  Papers carry their items as they were, so that a
 * paper can be checked and printed on its own.
 *
 * Lifecycle: built by tk_assemble() or read by tk_paper_parse(); written
 * with tk_paper_xml(); freed with tk_paper_free().
 */
#ifndef TK_PAPER_H
#define TK_PAPER_H

#include <stdint.h>

#include "diag.h"
#include "item.h"
#include "util.h"

struct tk_paper_section {
	int type;
	int points;             /* tenths each item; 0: the items' own */
	char *title, *instructions;
	struct tk_item **items; /* owned */
	int nitems;
};

/* A weight-table area's points on the paper, as the paper states them. */
struct tk_paper_target {
	char *area;             /* the area's id in the weight table */
	int weight;             /* percent */
	int points;             /* tenths */
};

struct tk_paper {
	char *id, *standard, *level, *kind, *title;
	char *blueprint;        /* blueprint id */
	char *blueprint_file;   /* the file it was read from, as named; may be NULL */
	char blueprint_digest[65], bank_digest[65];
	uint64_t seed;
	char *form, *batch;     /* may be NULL */
	char *candidate, *candidate_name, *site;   /* per-candidate papers */
	int points, duration;
	int tolerance;          /* tenths an area may be off */
	int statuses;           /* bit set of allowed statuses */
	double max_shared;      /* between forms of a batch; 1: no limit */
	char **area_ids;        /* explicit weights of the blueprint, if any */
	int *area_weights;
	int nareas;
	int practice;           /* purpose="practice": its blueprint's */
	struct tk_paper_target *targets;        /* stated by a practice paper */
	int ntargets;
	struct tk_paper_section *sections;
	int nsections;
};

/* The paper as XML; the same paper gives the same bytes. */
void tk_paper_xml(const struct tk_paper *p, struct tk_buf *out);

/* Read a paper file; the caller frees *out with tk_paper_free(). */
int tk_paper_parse(const char *data, size_t len, const char *name,
		   struct tk_paper **out, struct tk_diags *diags,
		   struct tk_error *err);
int tk_paper_load(const char *path, struct tk_paper **out,
		  struct tk_diags *diags, struct tk_error *err);

/* A deep copy, or NULL when out of memory (tk_paper_free). */
struct tk_paper *tk_paper_dup(const struct tk_paper *p);

void tk_paper_free(struct tk_paper *p);

/* Number of items, and the total of their points (tenths). */
int tk_paper_count(const struct tk_paper *p);
int tk_paper_points(const struct tk_paper *p);

/* ---- as printed ---------------------------------------------------- */

/* 1..99 in Chinese numerals (十二), as section numbers are printed. */
void tk_paper_cn_number(int n, struct tk_buf *b);
/* The Chinese name of an item type as a section title: 单项选择题 .. */
const char *tk_paper_type_title(int type);
/* Section k's heading as plain text: "一、单项选择题（共60题，每题1分，共60分）". */
void tk_paper_section_title(const struct tk_paper_section *s, int k, struct tk_buf *b);

#endif
