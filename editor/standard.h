/*
 * standard.h -- a published occupational standard, read from the XML
 * format of schema/standard.rng.
 *
 * The model is plain data that callers read directly; only this module
 * builds or frees it.  Levels are referred to by index (0 = the lowest).
 * Requirement codes are kept as the tool uses them, without the "B"
 * prefix that references to basics carry.
 *
 * Lifecycle: tk_standard_load() -> read fields -> tk_standard_free().
 */
#ifndef TK_STANDARD_H
#define TK_STANDARD_H

#include <stddef.h>

#include "diag.h"
#include "tiku.h"

enum { TK_THEORY = 0, TK_SKILL = 1 };   /* paper kinds */

enum {
	TK_REQ_FUNCTION,      /* 职业功能, "1" */
	TK_REQ_TASK,          /* 工作内容, "1.1" */
	TK_REQ_SKILL,         /* 技能要求, "1.1.1" */
	TK_REQ_KNOWLEDGE,     /* 相关知识要求, "1.1.1" */
	TK_REQ_BASIC_GROUP,   /* 职业道德 / 基础知识, "2.1" */
	TK_REQ_BASIC          /* a basics line, "2.2.7" */
};

struct tk_level {
	char *id;       /* "junior" */
	char *name;     /* "初级" */
	int hours;      /* training hours, 0 when not given */
	char *summary;  /* may be NULL */
	int line;
};

struct tk_req {
	int type;       /* TK_REQ_* */
	int level;      /* level index; -1 for basics */
	char *code;     /* "1.1.1", "2.2.7" (never with the B prefix) */
	char *printed;  /* the code as the source printed it, when it differs */
	char *text;     /* the name of a function/task/group, else the wording */
	char *points;   /* a basics line's listed points, one a line; else NULL */
	int parent;     /* index in reqs of the enclosing function/task/group, or -1 */
	int line;
};

enum { TK_CELL_MISSING, TK_CELL_BLANK, TK_CELL_NA, TK_CELL_WEIGHT };

struct tk_cell {
	int state;      /* TK_CELL_* ; MISSING: no <cell> for that level */
	int weight;     /* percent, when state == TK_CELL_WEIGHT */
	char **covers;  /* refs: "1", "1.2", "B2.1" */
	int ncovers;
	char *note;
	int line;
};

struct tk_area {
	char *id, *name, *group;
	struct tk_cell *cells;  /* one per level, by level index */
	int line;
};

struct tk_weights {
	int present;    /* the standard has this table */
	struct tk_area *areas;
	int nareas;
	int line;
};

struct tk_paper_rule {
	int kind;       /* TK_THEORY / TK_SKILL */
	int level;      /* level index, or -1 for every level */
	int duration, min_duration, points, pass;   /* 0 when not given */
	char *form, *text;
	int line;
};

struct tk_assessment {
	char *id, *source, *name, *mode, *note;
	struct tk_paper_rule *papers;
	int npapers;
	int combine;            /* has a <combine> rule */
	int combine_pass, combine_points;
	int part_weight[2];     /* by kind; -1 when that part is not named */
	int line;
};

/* How a panel meets the candidate in an appraisal (schema: kind). */
enum {
	TK_APPRAISAL_SUBMISSION,    /* materials submitted, the panel reviews them */
	TK_APPRAISAL_DEFENCE,       /* 答辩 */
	TK_APPRAISAL_PRACTICAL,     /* a task done before the panel */
	TK_APPRAISAL_INTERVIEW
};

struct tk_appraisal_criterion {
	char *name;             /* "计划完善度" */
	char *text;             /* what earns the points; may be "" */
	int points;             /* tenths */
	int line;
};

/*
 * A part of a scheme that a panel scores by a rubric (002's 实践考核 and
 * 综合评审): printed as a scoring sheet rather than drawn as a paper.
 */
struct tk_appraisal {
	char *id, *name, *task, *note;  /* task, note: NULL when not given */
	int kind;               /* TK_APPRAISAL_* */
	int level;              /* level index */
	int assessment;         /* index of the scheme it belongs to */
	int points, pass;       /* whole points; pass 0 when not given */
	int duration;           /* minutes, 0 when not given */
	int panel_min;          /* the fewest members, 0 when not given */
	int panel_odd;          /* the panel must be an odd number */
	int panel_line;
	int sample;             /* the rubric is sample content, not the source's */
	struct tk_appraisal_criterion *criteria;
	int ncriteria;
	int rubric_line;
	int line;
};

struct tk_batch {
	char *id, *name;
	int level;
	char *start, *end, *register_from, *register_to;
	int line;
};

struct tk_standard {
	char *id, *version, *title, *issuer, *note;
	char *file;             /* name used in messages */
	char *xml;              /* the document as read, for storing in a bank */
	size_t xml_len;
	char hash[65];          /* SHA-256 of xml */
	struct tk_level *levels;
	int nlevels;
	struct tk_req *reqs;    /* basics first, then levels in order */
	int nreqs;
	struct tk_weights weights[2];   /* by kind */
	struct tk_assessment *assessments;
	int nassessments;
	struct tk_batch *batches;
	int nbatches;
	struct tk_appraisal *appraisals;      /* every scheme's, in document order */
	int nappraisals;
	int line;               /* of the <standard> element */
};

/*
 * Parse and validate a standard from memory (name is used in messages).
 * Problems go to diags (may be NULL) and the first one to err.  On success
 * *out is the caller's, freed with tk_standard_free().
 */
int tk_standard_parse(const char *data, size_t len, const char *name,
		      struct tk_standard **out, struct tk_diags *diags,
		      struct tk_error *err);

/* The same for a file on disk. */
int tk_standard_load(const char *path, struct tk_standard **out,
		     struct tk_diags *diags, struct tk_error *err);

void tk_standard_free(struct tk_standard *s);

/* Level index for an id or a name ("junior" or "初级"), or -1. */
int tk_standard_level(const struct tk_standard *s, const char *ref);

/*
 * The requirement an item code names at a level for a paper kind: "B..."
 * codes name basics (theory papers only), others knowledge lines (theory)
 * or skill lines (skill).  NULL when there is none.
 */
const struct tk_req *tk_standard_find(const struct tk_standard *s, int level,
				      int kind, const char *code);

/* The function (or basics group) a requirement belongs to; may be r itself. */
const struct tk_req *tk_standard_top(const struct tk_standard *s,
				     const struct tk_req *r);

/* Does the weight-table reference ref ("1", "1.2", "B2.1") cover r at level? */
int tk_standard_covers(const struct tk_req *r, int level, const char *ref);

/*
 * Index of the weight-table area of kind that covers r at level, or -1
 * when no assessed area does.
 */
int tk_standard_area(const struct tk_standard *s, int kind, int level,
		     const struct tk_req *r);

/*
 * Index of the weight-table area of kind in which an item coded code
 * counts at level, or -1 when none does: the one definition the
 * assembler, the validator, lint and coverage share.  A basics code
 * ("B2.1", "B2.1.3") counts only on theory papers.
 */
int tk_standard_code_area(const struct tk_standard *s, int kind, int level,
			  const char *code);

/* The appraisal called id, or NULL. */
const struct tk_appraisal *tk_standard_appraisal(const struct tk_standard *s, const char *id);

/* What the criteria of r add up to, in tenths of a point. */
int tk_appraisal_sum(const struct tk_appraisal *r);

/* "submission", "defence", ... <-> TK_APPRAISAL_*; parse returns -1 when unknown. */
int tk_appraisal_kind_parse(const char *s);
const char *tk_appraisal_kind_name(int kind);

/* "theory"/"skill" <-> TK_THEORY/TK_SKILL; parse returns -1 when unknown. */
int tk_kind_parse(const char *s);
const char *tk_kind_name(int kind);

#endif
