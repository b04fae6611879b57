/* blueprint.c -- reading blueprints and checking them against a standard. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "blueprint.h"
#include "i18n.h"
#include "util.h"
#include "xml.h"

static char *child_text(xmlNodePtr n, const char *name)
{
	xmlNodePtr c = tk_xml_child(n, name);

	return c ? tk_xml_text(c) : NULL;
}

/* The first number out of its range, reported once parsing is done. */
struct bad_number {
	int line;
	char name[32], value[64];
	long min, max;
	int decimal;
};

/* A whole number from min to max, else dflt with the first bad one noted. */
static int int_value(xmlNodePtr n, const char *name, char *v, long min, long max,
		     int dflt, struct bad_number *bad)
{
	long i = dflt;

	if (v && !tk_parse_int(v, min, max, &i) && bad->line == 0) {
		bad->line = (int)xmlGetLineNo(n);
		snprintf(bad->name, sizeof bad->name, "%s", name);
		snprintf(bad->value, sizeof bad->value, "%s", v);
		bad->min = min;
		bad->max = max;
		i = dflt;
	}
	free(v);
	return (int)i;
}

static int int_attr(xmlNodePtr n, const char *name, long min, long max, int dflt,
		    struct bad_number *bad)
{
	return int_value(n, name, tk_xml_attr(n, name), min, max, dflt, bad);
}

static double num_attr(xmlNodePtr n, const char *name, long min, long max, double dflt,
		       struct bad_number *bad)
{
	char *v = tk_xml_attr(n, name);
	double d = dflt;

	if (v && !tk_parse_num(v, min, max, &d) && bad->line == 0) {
		bad->line = (int)xmlGetLineNo(n);
		snprintf(bad->name, sizeof bad->name, "%s", name);
		snprintf(bad->value, sizeof bad->value, "%s", v);
		bad->min = min;
		bad->max = max;
		bad->decimal = 1;
		d = dflt;
	}
	free(v);
	return d;
}

/* A whole attribute in [lo, hi], or dflt when absent; -1 on bad text
   (the schema checks the syntax; this keeps the range). */
static int ranged_attr(xmlNodePtr n, const char *name, long lo, long hi, int dflt)
{
	char *v = tk_xml_attr(n, name), *end = NULL;
	long l;

	if (v == NULL)
		return dflt;
	l = strtol(v, &end, 10);
	if (end == v || *end || l < lo || l > hi)
		l = -1;
	free(v);
	return (int)l;
}

static const int type_seconds[TK_NTYPES] = {
	/* a minute to read and answer a single choice, half a minute for a
	   true/false, more for checking every option of a multiple choice; a
	   calculation two minutes, a short answer ten, a case or a task, which
	   asks for a written analysis or a script, twenty */
	60, 90, 30, 120, 600, 1200, 1200
};

int tk_blueprint_parse(const char *data, size_t len, const char *name,
		       struct tk_blueprint **out, struct tk_diags *diags,
		       struct tk_error *err)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n;
	struct tk_blueprint *bp = NULL;
	char *v;
	int rc, i;
	struct bad_number bad = {0};

	*out = NULL;
	if ((rc = tk_xml_parse(data, len, name, &doc, err)) != TK_OK)
		goto out;
	root = xmlDocGetRootElement(doc);
	if (!tk_xml_is(root, "blueprint")) {
		rc = tk_error_set(err, TK_EINPUT, name, root ? (int)xmlGetLineNo(root) : 1,
				  "not a blueprint: the root element is <%s>",
				  root ? (const char *)root->name : "");
		goto out;
	}
	if ((rc = tk_xml_validate(doc, "blueprint", name, diags, err)) != TK_OK)
		goto out;
	bp = calloc(1, sizeof *bp);
	if (bp == NULL) {
		rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
		goto out;
	}
	bp->file = tk_strdup(name);
	tk_digest_hex(data, len, bp->hash);
	bp->id = tk_xml_attr(root, "id");
	bp->standard = tk_xml_attr(root, "standard");
	bp->level = tk_xml_attr(root, "level");
	bp->level_index = -1;
	v = tk_xml_attr(root, "kind");
	bp->kind = tk_kind_parse(v);
	free(v);
	v = tk_xml_attr(root, "purpose");
	bp->practice = v && tk_word_eq(v, "practice");
	free(v);
	bp->title = child_text(root, "title");
	bp->line = (int)xmlGetLineNo(root);
	n = tk_xml_child(root, "points");
	bp->points_line = n ? (int)xmlGetLineNo(n) : bp->line;
	n = tk_xml_child(root, "duration");
	bp->duration_line = n ? (int)xmlGetLineNo(n) : bp->line;
	n = tk_xml_child(root, "weights");
	bp->weights_line = n ? (int)xmlGetLineNo(n) : bp->line;
	bp->points = int_value(tk_xml_child(root, "points"), "points", child_text(root, "points"),
			       0, 100000, 0, &bad);
	bp->duration = int_value(tk_xml_child(root, "duration"), "duration",
				 child_text(root, "duration"), 0, 10000, 0, &bad);
	for (i = 0; i <= 5; i++)
		bp->band_max[i] = -1;
	bp->statuses = 1 << TK_APPROVED;
	bp->exposure_max = -1;
	bp->forms = 1;
	bp->max_shared = 1;
	bp->forms_tolerance = 0.1;
	memcpy(bp->type_seconds, type_seconds, sizeof bp->type_seconds);
	for (n = tk_xml_child(root, "section"); n; n = tk_xml_next(n, "section")) {
		struct tk_section *sv = realloc(bp->sections, (size_t)(bp->nsections + 1) * sizeof *sv);
		struct tk_section *s;
		if (sv == NULL) {
			rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
			goto out;
		}
		bp->sections = sv;
		s = &sv[bp->nsections++];
		memset(s, 0, sizeof *s);
		s->line = (int)xmlGetLineNo(n);
		v = tk_xml_attr(n, "type");
		s->type = tk_type_parse(v);
		free(v);
		s->count = int_attr(n, "count", 0, 1000, 0, &bad);
		v = tk_xml_attr(n, "points");
		s->points = v ? tk_points_parse(v) : 0;
		free(v);
		s->title = child_text(n, "title");
		s->instructions = child_text(n, "instructions");
	}
	if ((n = tk_xml_child(root, "weights")) != NULL) {
		xmlNodePtr a;
		bp->tolerance = (int)(num_attr(n, "tolerance", 0, 10000, 0, &bad) * 10 + 0.5);
		for (a = tk_xml_child(n, "area"); a; a = tk_xml_next(a, "area")) {
			char **ids = realloc(bp->area_ids, (size_t)(bp->nareas + 1) * sizeof *ids);
			int *w = ids ? realloc(bp->area_weights, (size_t)(bp->nareas + 1) * sizeof *w) : NULL;
			if (ids)
				bp->area_ids = ids;
			if (w == NULL) {
				rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
				goto out;
			}
			bp->area_weights = w;
			bp->area_ids[bp->nareas] = tk_xml_attr(a, "id");
			bp->area_weights[bp->nareas++] = int_attr(a, "weight", 0, 100, 0, &bad);
			bp->explicit_areas = 1;
		}
	}
	if ((n = tk_xml_child(root, "difficulty")) != NULL) {
		xmlNodePtr b;
		bp->mean = num_attr(n, "mean", 1, 5, 0, &bad);
		bp->mean_tolerance = num_attr(n, "tolerance", 0, 5, 0.3, &bad);
		for (b = tk_xml_child(n, "band"); b; b = tk_xml_next(b, "band")) {
			int l = int_attr(b, "level", 1, 5, 0, &bad);
			if (l >= 1 && l <= 5) {
				bp->band_min[l] = int_attr(b, "min", 0, 10000, 0, &bad);
				bp->band_max[l] = int_attr(b, "max", 0, 10000, -1, &bad);
			}
		}
	}
	if ((n = tk_xml_child(root, "status")) != NULL) {
		char *t = tk_xml_text(n), *tok, *save = NULL;
		bp->statuses = 0;
		for (tok = strtok_r(t, " \t\n", &save); tok; tok = strtok_r(NULL, " \t\n", &save))
			if (tk_status_parse(tok) >= 0)
				bp->statuses |= 1 << tk_status_parse(tok);
		free(t);
	}
	if ((n = tk_xml_child(root, "exposure")) != NULL) {
		v = tk_xml_attr(n, "exclude");
		bp->exposure_exclude = v != NULL;
		free(v);
		bp->exposure_max = int_attr(n, "max-uses", 0, 1000000, -1, &bad);
	}
	if ((n = tk_xml_child(root, "forms")) != NULL) {
		bp->forms = int_attr(n, "count", 1, 1000, 1, &bad);
		bp->max_shared = num_attr(n, "max-shared", 0, 1, 1, &bad);
		bp->forms_tolerance = num_attr(n, "tolerance", 0, 5, 0.1, &bad);
	}
	if ((n = tk_xml_child(root, "practice")) != NULL) {
		v = tk_xml_attr(n, "official-items");
		bp->practice_official = v && !strcmp(v, "allow");
		free(v);
	}
	if ((n = tk_xml_child(root, "time")) != NULL) {
		xmlNodePtr dn;
		/* minutes, at most a day */
		if ((i = ranged_attr(n, "tolerance", 0, 1440, 0)) < 0) {
			rc = tk_error_set(err, TK_EINPUT, name, (int)xmlGetLineNo(n),
					  "<time>: the tolerance is whole minutes from 0 to 1440");
			goto out;
		}
		bp->time_tolerance = i * 60;
		for (dn = tk_xml_child(n, "default"); dn; dn = tk_xml_next(dn, "default")) {
			int type, sec;
			v = tk_xml_attr(dn, "type");
			type = tk_type_parse(v);
			free(v);
			sec = ranged_attr(dn, "seconds", 1, 86400, -1);
			if (type < 0 || sec < 0) {
				rc = tk_error_set(err, TK_EINPUT, name, (int)xmlGetLineNo(dn),
						  "<default>: a known type and seconds from 1 to 86400"
						  " are needed");
				goto out;
			}
			bp->type_seconds[type] = sec;
		}
	}
	if (bad.line && bad.decimal)
		rc = tk_error_set(err, TK_EINPUT, name, bad.line,
				  "%s=\"%s\" must be a number from %ld to %ld", bad.name,
				  bad.value, bad.min, bad.max);
	else if (bad.line)
		rc = tk_error_set(err, TK_EINPUT, name, bad.line,
				  "%s=\"%s\" must be a whole number from %ld to %ld", bad.name,
				  bad.value, bad.min, bad.max);
out:
	xmlFreeDoc(doc);
	if (rc != TK_OK) {
		if (diags && err && !diags->n)
			tk_diags_add(diags, TK_DIAG_ERROR, name, err->line, "%s", err->msg);
		tk_blueprint_free(bp);
	} else {
		*out = bp;
	}
	return rc;
}

int tk_blueprint_load(const char *path, struct tk_blueprint **out,
		      struct tk_diags *diags, struct tk_error *err)
{
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = tk_read_file(path, &data, &len, err)) != TK_OK)
		return rc;
	rc = tk_blueprint_parse(data, len, path, out, diags, err);
	free(data);
	return rc;
}

void tk_blueprint_free(struct tk_blueprint *bp)
{
	int i;

	if (bp == NULL)
		return;
	for (i = 0; i < bp->nsections; i++) {
		free(bp->sections[i].title);
		free(bp->sections[i].instructions);
	}
	for (i = 0; i < bp->nareas; i++)
		free(bp->area_ids[i]);
	free(bp->area_ids);
	free(bp->area_weights);
	free(bp->sections);
	free(bp->targets);
	free(bp->id);
	free(bp->standard);
	free(bp->title);
	free(bp->level);
	free(bp->file);
	free(bp);
}

int tk_blueprint_type_seconds(const struct tk_blueprint *bp, int type, int time)
{
	if (time > 0)
		return time;
	if (type < 0 || type >= TK_NTYPES)
		return 0;
	return bp ? bp->type_seconds[type] : type_seconds[type];
}

int tk_blueprint_item_seconds(const struct tk_blueprint *bp, const struct tk_item *it)
{
	return tk_blueprint_type_seconds(bp, it->type, it->time);
}

long tk_blueprint_time_limit(const struct tk_blueprint *bp)
{
	return (long)bp->duration * 60 + bp->time_tolerance;
}

int tk_blueprint_exposure_allows(const struct tk_blueprint *bp, int committed_uses)
{
	if (bp->exposure_exclude)
		return committed_uses == 0;
	if (bp->exposure_max >= 0)
		return committed_uses < (bp->exposure_max > 1 ? bp->exposure_max : 1);
	return 1;
}

int tk_standard_min_duration(const struct tk_standard *s, int level, int kind)
{
	int i, j, m = 0;

	for (i = 0; i < s->nassessments; i++)
		for (j = 0; j < s->assessments[i].npapers; j++) {
			const struct tk_paper_rule *p = &s->assessments[i].papers[j];
			if (p->kind == kind && (p->level == level || p->level < 0) &&
			    p->min_duration > m)
				m = p->min_duration;
		}
	return m;
}

int tk_blueprint_stamp(const struct tk_blueprint *bp, const struct tk_standard *s,
		       struct tk_paper *p, struct tk_error *err)
{
	const struct tk_weights *w = &s->weights[bp->kind];
	int i;

	p->practice = bp->practice;
	if (!bp->practice || bp->ntargets == 0)
		return TK_OK;
	if ((p->targets = calloc((size_t)bp->ntargets, sizeof *p->targets)) == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	for (i = 0; i < bp->ntargets; i++) {
		p->targets[i].area = tk_strdup(w->areas[bp->targets[i].area].id);
		p->targets[i].weight = bp->targets[i].weight;
		p->targets[i].points = bp->targets[i].points;
		p->ntargets++;
		if (p->targets[i].area == NULL)
			return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	return TK_OK;
}

static int gcd(int a, int b)
{
	while (b) {
		int t = a % b;
		a = b;
		b = t;
	}
	return a;
}

int tk_blueprint_unit(const struct tk_blueprint *bp)
{
	int i, unit = 0, own = 0;

	for (i = 0; i < bp->nsections; i++) {
		if (bp->sections[i].count && bp->sections[i].points > 0)
			unit = gcd(unit, bp->sections[i].points);
		else
			own = 1;
	}
	/* items at their own points: a target of whole points */
	if (own || unit == 0)
		unit = gcd(unit, 10);
	/* sections that do not add up (reported apart) still get targets
	   that add up to the paper */
	return gcd(unit, bp->points * 10) > 0 ? gcd(unit, bp->points * 10) : 10;
}

/*
 * The largest-remainder method (Hamilton's): the targets' weights add
 * up to 100; each target gets the whole units of its share of the
 * paper's units, and the units left over go one each to the largest
 * remainders -- equal ones to the larger weight, then to the area
 * earlier in the weight table -- so the same blueprint always gives the
 * same targets, and they add up to the paper.
 */
static void apportion(struct tk_blueprint *bp)
{
	int unit = tk_blueprint_unit(bp), units = bp->points * 10 / unit, left = units, i, k;
	char *given = calloc((size_t)bp->ntargets + 1, 1);

	if (given == NULL)
		return;         /* the exact shares stay; the assembler then says what binds */
	for (i = 0; i < bp->ntargets; i++) {
		bp->targets[i].points = bp->targets[i].weight * units / 100 * unit;
		left -= bp->targets[i].weight * units / 100;
	}
	for (k = 0; k < left && k < bp->ntargets; k++) {
		int best = -1, br = -1;
		for (i = 0; i < bp->ntargets; i++) {
			int r = bp->targets[i].weight * units % 100;
			if (given[i])
				continue;
			/* targets are in weight-table order: the first of equals wins */
			if (best < 0 || r > br || (r == br && bp->targets[i].weight > bp->targets[best].weight)) {
				best = i;
				br = r;
			}
		}
		given[best] = 1;
		bp->targets[best].points += unit;
	}
	free(given);
}

int tk_blueprint_resolve(struct tk_blueprint *bp, const struct tk_standard *s,
			 struct tk_diags *diags, struct tk_error *err)
{
	const struct tk_weights *w;
	int i, j, total = 0, sum = 0, nerr = 0, minimum, free_sections = 0;
	int at = bp->line;      /* the line a problem is about */

	/* a blueprint made in memory (Lua, a test) has not met the schema */
	if (bp->kind != TK_THEORY && bp->kind != TK_SKILL)
		return tk_error_set(err, TK_EINPUT, bp->file, bp->line,
				    "the paper kind is theory or skill");
	w = &s->weights[bp->kind];

#define BAD(...) do { nerr++; if (diags) tk_diags_add(diags, TK_DIAG_ERROR, bp->file, at, __VA_ARGS__); } while (0)
	if (strcmp(bp->standard, s->id))
		BAD("blueprint '%s' is for standard '%s', not '%s'", bp->id, bp->standard, s->id);
	bp->level_index = tk_standard_level(s, bp->level);
	if (bp->level_index < 0) {
		BAD("unknown level '%s'", bp->level);
		goto out;
	}
	for (i = 0; i < bp->nsections; i++) {
		const struct tk_section *sec = &bp->sections[i];
		at = sec->line;
		if (sec->type < 0 || sec->points < 0)
			BAD("section %d: a known type and positive points are needed", i + 1);
		if ((sec->count == 0) != (sec->points == 0))
			BAD("section %d (%s): give both count and points, or neither", i + 1,
			    tk_type_name(sec->type));
		if (sec->count == 0)
			free_sections = 1;
		total += sec->count * sec->points;
		for (j = 0; j < i; j++)
			if (bp->sections[j].type == bp->sections[i].type)
				BAD("two sections of type %s", tk_type_name(bp->sections[i].type));
	}
	at = bp->points_line;
	if (free_sections ? total > bp->points * 10 : total != bp->points * 10) {
		char a[16];
		BAD("the sections give %s points, the paper is %d", tk_points_format(total, a),
		    bp->points);
	}
	at = bp->duration_line;
	/* the standard's minimum is for the exam; practice may be any length */
	minimum = bp->practice ? 0 : tk_standard_min_duration(s, bp->level_index, bp->kind);
	if (minimum && bp->duration < minimum)
		BAD("duration %d minutes is shorter than the standard's minimum of %d for %s %s papers",
		    bp->duration, minimum, s->levels[bp->level_index].name, tk_kind_name(bp->kind));
	free(bp->targets);
	bp->targets = NULL;
	bp->ntargets = 0;
	at = bp->weights_line;
	if (!w->present) {
		BAD("standard '%s' has no %s weight table to assemble against", s->id,
		    tk_kind_name(bp->kind));
		goto out;
	}
	bp->targets = calloc((size_t)w->nareas + 1, sizeof *bp->targets);
	if (bp->targets == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	for (i = 0; i < w->nareas; i++) {
		const struct tk_cell *c = &w->areas[i].cells[bp->level_index];
		int weight = c->state == TK_CELL_WEIGHT ? c->weight : -1;
		if (bp->explicit_areas) {
			weight = -1;
			for (j = 0; j < bp->nareas; j++)
				if (!strcmp(bp->area_ids[j], w->areas[i].id))
					weight = bp->area_weights[j];
		}
		if (weight <= 0)
			continue;
		bp->targets[bp->ntargets].area = i;
		bp->targets[bp->ntargets].weight = weight;
		/* the weight is a share of the paper's points */
		bp->targets[bp->ntargets].points = weight * bp->points * 10 / 100;
		if (!bp->practice && weight * bp->points * 10 % 100)
			BAD("area '%s': %d%% of %d points is not a whole number of tenths",
			    w->areas[i].name, weight, bp->points);
		sum += weight;
		bp->ntargets++;
	}
	for (j = 0; j < bp->nareas; j++) {
		for (i = 0; i < w->nareas; i++)
			if (!strcmp(bp->area_ids[j], w->areas[i].id))
				break;
		if (i == w->nareas)
			BAD("no area '%s' in the %s weight table", bp->area_ids[j], tk_kind_name(bp->kind));
	}
	if (sum != 100)
		BAD("the weights add up to %d%%, not 100%%", sum);
	else if (bp->practice)
		apportion(bp);
out:
#undef BAD
	if (nerr)
		return tk_error_set(err, TK_EINPUT, bp->file, bp->line,
				    P_("blueprint '%s' has %d problem", "blueprint '%s' has %d problems",
				       nerr), bp->id ? bp->id : "?", nerr);
	return TK_OK;
}
