/*
 * course.h -- a course (课件): a folder holding course.xml (the format of
 * schema/course.rng) and one Markdown body per lesson, with the images
 * beside them.  A course follows one level of one standard: modules hold
 * lessons, each lesson names the requirement codes it teaches, its class
 * hours (学时) and its practice.
 *
 * This module reads a course, scaffolds one from a standard, lints it
 * against the standard and the bank, and lays out which lesson teaches
 * which code.  The model is plain data that callers read directly; only
 * this module builds or frees it.
 *
 * Lifecycle: tk_course_load() -> read fields, tk_course_lint(),
 * tk_course_matrix() -> tk_course_free().  A new course:
 * tk_course_scaffold() -> tk_course_write() -> tk_course_free().
 */
#ifndef TK_COURSE_H
#define TK_COURSE_H

#include <stdint.h>

#include "bank.h"
#include "diag.h"
#include "standard.h"
#include "tiku.h"
#include "util.h"

/* Class hours are kept in hundredths, so that sums are exact. */
#define TK_HOUR 100

enum { TK_PRACTICE_NONE, TK_PRACTICE_ITEMS, TK_PRACTICE_DRAW };

struct tk_course_practice {
	int mode;               /* TK_PRACTICE_* */
	/* TK_PRACTICE_ITEMS: the ids, in order, and the line of each */
	char **items;
	int *item_lines;
	int nitems;
	/* TK_PRACTICE_DRAW */
	int count;
	uint64_t seed;
	int types;              /* bit set of 1 << TK_SINGLE ..; 0: any type */
	int kind;               /* TK_THEORY / TK_SKILL; -1: either */
	int dmin, dmax;         /* difficulty range, 1..5 */
	int line;
};

struct tk_course_lesson {
	char *id, *title;
	char *body;             /* the Markdown file, relative to the course folder */
	int hours;              /* hundredths of a class hour */
	char **codes;           /* as written: "1.1.2", "B2.2.7" */
	int ncodes;
	struct tk_course_practice practice;
	int module;             /* index in the course's modules */
	int line;
};

/* A module test or the mock exam. */
struct tk_course_test {
	char *blueprint;        /* relative to the course folder; NULL: none */
	uint64_t seed;
	int line;
};

struct tk_course_module {
	char *id, *title;
	int first, nlessons;    /* its lessons: lessons[first .. first + nlessons) */
	struct tk_course_test test;
	int line;
};

struct tk_course_gap {
	char *code;             /* as written, "B2.2.5" */
	char *reason;
	int line;
};

struct tk_course {
	char *dir;              /* the course folder */
	char *file;             /* its course.xml, the name used in messages */
	char *id, *title, *description, *version;
	char *standard;         /* the standard's id */
	char *level;            /* the level as written (id or name) */
	int pass;               /* pass mark, percent */
	struct tk_course_module *modules;
	int nmodules;
	struct tk_course_lesson *lessons;       /* every lesson, in order */
	int nlessons;
	struct tk_course_test exam;
	struct tk_course_gap *gaps;
	int ngaps;
	int line;
};

/*
 * Read dir/course.xml: parsed safely, validated against the schema, ids
 * unique, difficulty ranges in order.  Problems go to diags (may be NULL)
 * with file and line, the first also to err; TK_EINPUT then.  On success
 * *out is the caller's, freed with tk_course_free().  The lesson bodies
 * are not read here (tk_course_body, tk_course_lint).
 */
int tk_course_load(const char *dir, struct tk_course **out,
		   struct tk_diags *diags, struct tk_error *err);

/* The same from memory: data is the course.xml of folder dir. */
int tk_course_parse(const char *data, size_t len, const char *dir,
		    struct tk_course **out, struct tk_diags *diags,
		    struct tk_error *err);

/* Free a course; accepts NULL. */
void tk_course_free(struct tk_course *c);

/*
 * The path of lesson i's body (dir/body): the caller frees it.  NULL when
 * the body names a path outside the course folder (or out of memory).
 */
char *tk_course_body_path(const struct tk_course *c, int i);

/* Class hours: "1.5" -> 150; -1 for bad syntax (at most two decimals). */
int tk_course_hours_parse(const char *s);
/* Format hundredths as "2", "1.5" or "0.25" into buf (at least 24 bytes). */
char *tk_course_hours_format(int hours, char *buf);

/* ---- against the standard -------------------------------------------- */

/* The index in s of the course's level; -1 with a message naming the
   levels there are when it is not one of them. */
int tk_course_level(const struct tk_course *c, const struct tk_standard *s,
		    struct tk_error *err);

/* One requirement code of the level, as the course and items write it. */
struct tk_course_code {
	char code[40];          /* "1.1.2", "B2.2.7" */
	const struct tk_req *knowledge;  /* the lines of that code at the level */
	const struct tk_req *skill;      /* (either may be NULL, not both) */
	const struct tk_req *basic;      /* a line of the basics */
	int area;               /* its theory weight-table area, -1: none */
	int gap;                /* the course lists it as a gap: index in gaps, else -1 */
	int nlessons;           /* lessons that teach it */
};

/* One area of the level's theory weight table that has a weight. */
struct tk_course_area {
	int area;               /* index in the standard's theory table */
	int weight;             /* percent */
	double hours;           /* class hours the lessons give it */
};

struct tk_course_matrix {
	int level;              /* level index in the standard */
	struct tk_course_code *codes;   /* every code of the level, basics first */
	int ncodes;
	int nlessons;
	unsigned char *taught;  /* taught[code * nlessons + lesson]: 1 when it teaches it */
	struct tk_course_area *areas;
	int nareas;
	double unmapped;        /* hours on codes no weighted area covers */
	int total;              /* hundredths: every lesson's hours */
	int required;           /* hundredths the level asks for; 0: none given */
};

/*
 * The code x lesson matrix and the hours per weight-table area: a
 * lesson's hours are shared equally among the codes of the level it
 * names.  TK_EINPUT when the course's level is not one of s.  The
 * caller frees *out with tk_course_matrix_free().
 */
int tk_course_matrix(const struct tk_course *c, const struct tk_standard *s,
		     struct tk_course_matrix **out, struct tk_error *err);
void tk_course_matrix_free(struct tk_course_matrix *m);

/* The code of the level a course writes as code, or NULL. */
const struct tk_course_code *tk_course_find_code(const struct tk_course_matrix *m,
						 const char *code);

/*
 * Check a course against its standard s and the bank b, adding every
 * problem to d as "file:line: message":
 *   - the standard is the course's, the level one of its levels;
 *   - every code of the level is taught by a lesson or listed as a gap,
 *     and every code a lesson names exists at the level;
 *   - the hours add up to the level's requirement, and each theory
 *     weight-table area gets its share within tolerance percentage points;
 *   - every lesson has hours and a body that exists inside the folder and
 *     reads (images exist, stay inside and have alt text; links resolve;
 *     the body is not empty);
 *   - practice: fixed items exist, are approved, of the standard and
 *     level, and on no committed official batch; draws are feasible;
 *   - test and exam blueprints read and fit the standard and level.
 * b may be NULL: practice is then not checked.  Returns TK_OK (problems
 * are in d) or TK_EINTERNAL.
 */
int tk_course_lint(const struct tk_course *c, const struct tk_standard *s,
		   struct tk_bank *b, int tolerance, struct tk_diags *d,
		   struct tk_error *err);

/*
 * The items a lesson's draw may take: the filter of
 * tk_bank_practice_items() for lesson i, and the items it matches (the
 * caller frees each id and the array).  TK_OK with *n 0 when the lesson
 * draws nothing.
 */
int tk_course_draw_pool(const struct tk_course *c, const struct tk_standard *s, int i,
			struct tk_bank *b, char ***ids, int *n, struct tk_error *err);

/*
 * Check lesson's fixed practice items against the bank: each is there,
 * approved, of standard s and level (an index in s; -1: not checked),
 * on no committed official batch (an error naming the batch), listed
 * once and on one of the lesson's codes (warnings).  Problems go to d
 * with the course file and the item's line.  TK_OK (problems are in d)
 * or TK_EINTERNAL.
 */
int tk_course_check_fixed(const struct tk_course *c, const struct tk_standard *s, int level,
			  struct tk_bank *b, int lesson, struct tk_diags *d, struct tk_error *err);

/* ---- new courses ------------------------------------------------------- */

/*
 * A course scaffolded from the standard itself, for level: a module for
 * the basics (a lesson per group) and one per function (a lesson per
 * task), each lesson naming every code below it.  hours (hundredths, a
 * multiple of 0.5 hour; 0: the level's own requirement) are shared
 * among the modules by the level's theory weight table (its rows mapped
 * to modules by what they cover), and within a module by the lessons'
 * shares of that table (by their number of codes where it gives the
 * module none), each lesson at least half an hour where there are
 * enough; in half hours, the remainders placed by largest remainder, so
 * that they sum exactly.  TK_EUSAGE when no hours
 * are given and the standard has none for the level.  *out is the
 * caller's (tk_course_free); its dir is dir.
 */
int tk_course_scaffold(const struct tk_standard *s, int level, int hours,
		       const char *dir, struct tk_course **out, struct tk_error *err);

/* The starting body of lesson i of a scaffold: a heading and the text
   of the requirements it teaches, as Markdown. */
void tk_course_scaffold_body(const struct tk_course *c, const struct tk_standard *s,
			     int i, struct tk_buf *out);

/*
 * A course built by code (a script), to be written with tk_course_write:
 * tk_course_new(), then modules, each followed by its lessons.  The
 * adders return the new index (>= 0) or a status (< 0) with err set.
 * Nothing is checked here beyond memory: tk_course_write holds the
 * result to the schema, and tk_course_lint to the standard.
 *   codes: space separated ("1.1.1 1.1.2"); body: NULL for lessons/ID.md;
 *   hours: hundredths (TK_HOUR); a draw's dmin, dmax 0: 1 and 5;
 *   module -1 in tk_course_set_test: the mock exam.
 */
int tk_course_new(const char *dir, const char *id, const char *standard, const char *level,
		  const char *title, int pass, struct tk_course **out, struct tk_error *err);
int tk_course_set_about(struct tk_course *c, const char *description, const char *version,
			struct tk_error *err);
int tk_course_add_module(struct tk_course *c, const char *id, const char *title,
			 struct tk_error *err);
int tk_course_add_lesson(struct tk_course *c, const char *id, const char *title, int hours,
			 const char *body, const char *codes, struct tk_error *err);
int tk_course_add_practice_item(struct tk_course *c, int lesson, const char *id,
				struct tk_error *err);
int tk_course_set_draw(struct tk_course *c, int lesson, const struct tk_course_practice *draw,
		       struct tk_error *err);
int tk_course_set_test(struct tk_course *c, int module, const char *blueprint, uint64_t seed,
		       struct tk_error *err);

/* The course as course.xml. */
void tk_course_xml(const struct tk_course *c, struct tk_buf *out);

/*
 * Write a course into its folder c->dir: course.xml, and bodies[i] (when
 * not NULL) as lesson i's body.  The folder must not exist or be empty,
 * and its parent must exist; everything is written into a temporary
 * folder beside it, which is renamed into place when complete, so that
 * a failure leaves nothing behind.
 */
int tk_course_write(const struct tk_course *c, const char *const *bodies,
		    struct tk_error *err);

#endif
