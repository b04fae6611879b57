/*
 * blueprint.h -- what a paper must be (组卷方案), read from the XML of
 * schema/blueprint.rng and resolved against its standard.
 *
 * Lifecycle: tk_blueprint_load() or tk_blueprint_parse() ->
 * tk_blueprint_resolve() (checks it against the standard and fills the
 * area targets) -> read fields -> tk_blueprint_free().
 */
#ifndef TK_BLUEPRINT_H
#define TK_BLUEPRINT_H

#include "diag.h"
#include "item.h"
#include "paper.h"
#include "standard.h"

struct tk_section {
	int type;               /* TK_SINGLE.. */
	int count;              /* 0: as many as the weights need */
	int points;             /* tenths, each item; 0: the items' own */
	char *title, *instructions;
	int line;               /* of <section>, for messages */
};

struct tk_target {
	int area;               /* index in the standard's weight table */
	int weight;             /* percent */
	int points;             /* tenths the paper gives the area */
};

struct tk_blueprint {
	char *id, *standard, *title;
	char *level;            /* as written; level_index after resolve */
	int level_index;
	int kind;
	/* purpose="practice": any size, no minimum of the standard's, the
	   weights apportioned by the largest remainder, a class header;
	   never drawn for an exam batch */
	int practice;
	int points;             /* whole points */
	int duration;           /* minutes */
	int line, points_line, duration_line, weights_line;    /* for messages */
	struct tk_section *sections;
	int nsections;
	int tolerance;          /* tenths of points an area may be off */
	struct tk_target *targets;  /* filled by resolve */
	int ntargets;
	int explicit_areas;     /* the blueprint gives its own weights */
	char **area_ids;        /* explicit areas: ids and weights */
	int *area_weights;
	int nareas;
	double mean, mean_tolerance;   /* mean 0: no target */
	int band_min[6], band_max[6];  /* by difficulty 1..5; max -1: none */
	int statuses;           /* bit set of TK_DRAFT.. allowed */
	int exposure_exclude;   /* exclude items of committed batches */
	int exposure_max;       /* or at most this many uses; -1: no rule */
	/* a practice paper (any but a batch's form) may take items of
	   committed official forms: <practice official-items="allow"/> */
	int practice_official;
	int time_tolerance;     /* seconds the items' expected time may pass the duration */
	int type_seconds[TK_NTYPES];    /* expected seconds of an item that gives none */
	int forms;
	double max_shared;
	double forms_tolerance; /* a form's mean difficulty within this of form A's */
	char hash[65];          /* digest of the file's bytes */
	char *file;
};

int tk_blueprint_parse(const char *data, size_t len, const char *name,
		       struct tk_blueprint **out, struct tk_diags *diags,
		       struct tk_error *err);
int tk_blueprint_load(const char *path, struct tk_blueprint **out,
		      struct tk_diags *diags, struct tk_error *err);
void tk_blueprint_free(struct tk_blueprint *bp);

/*
 * Check bp against its standard s and compute the points each area
 * gets: the level exists, the sections add up to the total, the weight
 * table exists for the kind (or the blueprint gives one) and sums to
 * 100, the duration is no shorter than any minimum the standard sets for
 * that level and kind (official blueprints only).  Problems go to diags;
 * TK_EINPUT when any.
 *
 * An official blueprint's area gets exactly its weight's share of the
 * points, which must be a whole number of tenths.  A practice
 * blueprint's shares are apportioned by the largest-remainder method in
 * the paper's unit -- the greatest common divisor of the fixed sections'
 * points, and of whole points when a section takes items at their own
 * points: every area first gets the whole units of its share, then the
 * units left over go one each to the areas with the largest remainders;
 * equal remainders go to the larger weight, then to the area earlier in
 * the weight table.  The targets add up to the paper's points.
 */
int tk_blueprint_resolve(struct tk_blueprint *bp, const struct tk_standard *s,
			 struct tk_diags *diags, struct tk_error *err);

/*
 * The seconds an item is expected to take: its own time when it gives
 * one, else the blueprint's default for its type (<time><default/>),
 * else the built-in one: single 60, multiple 90, truefalse 30, fill 120,
 * short 600, case 1200, task 1200.
 */
int tk_blueprint_item_seconds(const struct tk_blueprint *bp, const struct tk_item *it);
/* The same, for an item known only by its type and time (0: none); bp
   may be NULL: the built-in defaults (a paper printed without its
   blueprint). */
int tk_blueprint_type_seconds(const struct tk_blueprint *bp, int type, int time);
/* The most seconds the items of a paper may take: the duration plus the
   blueprint's <time tolerance="MINUTES"/>. */
long tk_blueprint_time_limit(const struct tk_blueprint *bp);
/*
 * May a paper of bp take an item that committed_uses committed official
 * batches used already?  The blueprint's exposure rule alone: exclude
 * "committed" allows none, max-uses N fewer than N (at least one), no
 * rule any.  (The wall between official and practice papers is the
 * assembler's and the composer's: see assemble.h.)
 */
int tk_blueprint_exposure_allows(const struct tk_blueprint *bp, int committed_uses);

/*
 * Mark paper p as drawn to bp (resolved against s): a practice
 * blueprint's paper says purpose="practice" and states its targets.
 * TK_EINTERNAL when out of memory.
 */
int tk_blueprint_stamp(const struct tk_blueprint *bp, const struct tk_standard *s,
		       struct tk_paper *p, struct tk_error *err);

/* The unit a practice blueprint's targets are apportioned in, tenths:
   the greatest common divisor of its fixed sections' points (and of 10
   when a section takes items at their own points). */
int tk_blueprint_unit(const struct tk_blueprint *bp);

/* The longest minimum duration the standard's schemes set (0: none). */
int tk_standard_min_duration(const struct tk_standard *s, int level, int kind);

#endif
