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
	int forms;
	double max_shared;
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
 * that level and kind.  Problems go to diags; TK_EINPUT when any.
 */
int tk_blueprint_resolve(struct tk_blueprint *bp, const struct tk_standard *s,
			 struct tk_diags *diags, struct tk_error *err);

/* The longest minimum duration the standard's schemes set (0: none). */
int tk_standard_min_duration(const struct tk_standard *s, int level, int kind);

#endif
