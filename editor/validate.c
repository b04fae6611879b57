/* validate.c -- papers checked from scratch against bank, standard and blueprint. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "blueprint.h"
#include "validate.h"

static void row(struct tk_vreport *rep, const char *paper, const char *what,
		const char *name, int ok, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Add a row; fmt gives "want|got". */
static void row(struct tk_vreport *rep, const char *paper, const char *what,
		const char *name, int ok, const char *fmt, ...)
{
	struct tk_vrow *v = realloc(rep->rows, (size_t)(rep->n + 1) * sizeof *v), *r;
	char buf[160], *bar;
	va_list ap;

	if (v == NULL) {
		rep->problems.oom = 1;
		return;
	}
	rep->rows = v;
	r = &v[rep->n++];
	memset(r, 0, sizeof *r);
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	bar = strchr(buf, '|');
	if (bar)
		*bar++ = '\0';
	snprintf(r->paper, sizeof r->paper, "%s", paper);
	snprintf(r->what, sizeof r->what, "%s", what);
	snprintf(r->name, sizeof r->name, "%s", name);
	snprintf(r->want, sizeof r->want, "%.63s", buf);
	snprintf(r->got, sizeof r->got, "%.63s", bar ? bar : "");
	r->ok = ok;
	if (!ok)
		rep->failures++;
}

/*
 * Is the paper's item the bank's, allowing for options in another order
 * (a per-candidate paper shuffles them, carrying the answer along)?
 */
static int same_item(const struct tk_item *on_paper, const struct tk_item *in_bank)
{
	char h1[65], h2[65], map[26] = {0};
	struct tk_item *x;
	int i, j, same;

	tk_item_hash(on_paper, h1);
	tk_item_hash(in_bank, h2);
	if (!strcmp(h1, h2))
		return 1;
	if (on_paper->noptions != in_bank->noptions || on_paper->noptions > 26 ||
	    (x = tk_item_dup(on_paper)) == NULL)
		return 0;
	/* put the paper's options in the bank's order, keys and answer too */
	for (i = 0; i < in_bank->noptions; i++) {
		for (j = 0; j < on_paper->noptions; j++)
			if (!strcmp(on_paper->options[j].text, in_bank->options[i].text))
				break;
		if (j == on_paper->noptions) {
			tk_item_free(x);
			return 0;
		}
		free(x->options[i].text);
		x->options[i].text = tk_strdup(on_paper->options[j].text);
		x->options[i].key = in_bank->options[i].key;
		if (on_paper->options[j].key >= 'A' && on_paper->options[j].key <= 'Z')
			map[on_paper->options[j].key - 'A'] = in_bank->options[i].key;
	}
	if (x->answer && (x->type == TK_SINGLE || x->type == TK_MULTIPLE)) {
		char *a = x->answer, *sorted;
		for (i = 0; a[i]; i++)
			if (a[i] >= 'A' && a[i] <= 'Z' && map[a[i] - 'A'])
				a[i] = map[a[i] - 'A'];
		if ((sorted = tk_answer_choice(a)) != NULL) {
			free(x->answer);
			x->answer = sorted;
		}
	}
	tk_item_hash(x, h1);
	same = !strcmp(h1, h2);
	tk_item_free(x);
	return same;
}

/* Does x name id as an enemy? */
static int names(const struct tk_item *x, const char *id)
{
	int e;

	for (e = 0; e < x->nenemies; e++)
		if (!strcmp(x->enemies[e], id))
			return 1;
	return 0;
}

static void fmt_points(int tenths, char *buf)
{
	if (tenths % 10)
		snprintf(buf, 16, "%d.%d", tenths / 10, abs(tenths % 10));
	else
		snprintf(buf, 16, "%d", tenths / 10);
}

/* ---- finding the blueprint ------------------------------------------ */

int tk_validate_find_blueprint(struct tk_bank *b, const struct tk_standard *s,
			       const struct tk_paper *p, struct tk_blueprint **bp,
			       struct tk_error *err)
{
	char *xml = NULL, *where = NULL, name[200];
	size_t len;
	int rc = TK_OK;
	struct tk_error ignored = {0};

	*bp = NULL;
	/* the file the paper names, when it still has the recorded digest */
	if (p->blueprint_file && tk_read_file(p->blueprint_file, &xml, &len, &ignored) == TK_OK) {
		char h[65];
		tk_digest_hex(xml, len, h);
		if (!strcmp(h, p->blueprint_digest))
			rc = tk_blueprint_parse(xml, len, p->blueprint_file, bp, NULL, err);
		free(xml);
		xml = NULL;
		if (rc != TK_OK || *bp)
			goto resolve;
	}
	if ((rc = tk_bank_find_blueprint(b, p->blueprint_digest, &xml, &where, err)) != TK_OK ||
	    xml == NULL)
		goto out;
	snprintf(name, sizeof name, "%s (blueprint)", where);
	rc = tk_blueprint_parse(xml, strlen(xml), name, bp, NULL, err);
resolve:
	if (rc == TK_OK)
		rc = tk_blueprint_resolve(*bp, s, NULL, err);
out:
	if (rc != TK_OK) {
		tk_blueprint_free(*bp);
		*bp = NULL;
	}
	free(xml);
	free(where);
	return rc;
}

/* ---- one paper ------------------------------------------------------ */

/* Where a problem with item it of paper pid is: the paper file (its line
   is it->line), or the paper's id when it was not read from a file. */
#define WHERE(it) ((it)->file ? (it)->file : pid)

/*
 * What validating many papers reads again and again from the bank --
 * items by version, their uses on committed batches, a batch's forms, a
 * blueprint by digest -- kept for the length of one tk_validate().  A
 * site's pack validates a hundred candidates' papers of one form: each
 * read every item twice and parsed the batch's forms anew.
 */
struct centry {
	char *key;
	void *val;              /* NULL: the bank has none */
	int n;                  /* forms: how many; uses: the count */
	char *text;             /* uses: the first batch */
	struct centry *next;
};

enum { C_DRAWN, C_NOW, C_USES, C_FORMS, C_BLUEPRINT, C_KINDS };

struct vcache {
	struct centry *slot[C_KINDS][256];
};

static unsigned ckey_hash(const char *k)
{
	unsigned h = 2166136261u;

	while (*k)
		h = (h ^ (unsigned char)*k++) * 16777619u;
	return h & 255;
}

static struct centry *cache_find(struct vcache *c, int kind, const char *key)
{
	struct centry *e;

	for (e = c->slot[kind][ckey_hash(key)]; e; e = e->next)
		if (!strcmp(e->key, key))
			return e;
	return NULL;
}

/* A new entry for key; NULL when out of memory. */
static struct centry *cache_add(struct vcache *c, int kind, const char *key)
{
	struct centry *e = calloc(1, sizeof *e);
	unsigned h = ckey_hash(key);

	if (e == NULL || (e->key = tk_strdup(key)) == NULL) {
		free(e);
		return NULL;
	}
	e->next = c->slot[kind][h];
	c->slot[kind][h] = e;
	return e;
}

static void cache_free(struct vcache *c)
{
	int k, h, i;

	for (k = 0; k < C_KINDS; k++)
		for (h = 0; h < 256; h++)
			while (c->slot[k][h]) {
				struct centry *e = c->slot[k][h];
				c->slot[k][h] = e->next;
				if (k == C_DRAWN || k == C_NOW)
					tk_item_free(e->val);
				else if (k == C_FORMS) {
					struct tk_paper **f = e->val;
					for (i = 0; i < e->n; i++)
						tk_paper_free(f[i]);
					free(f);
				} else if (k == C_BLUEPRINT)
					tk_blueprint_free(e->val);
				free(e->text);
				free(e->key);
				free(e);
			}
}

/* Item id at version (0: the current one) from the cache or the bank;
   *it stays the cache's. */
static int cached_item(struct vcache *c, struct tk_bank *b, const char *id, int version,
		       struct tk_item **it, struct tk_error *err)
{
	struct tk_buf key = TK_BUF_INIT;
	struct centry *e;
	int rc = TK_OK, kind = version ? C_DRAWN : C_NOW;

	tk_buf_printf(&key, "%s@%d", id, version);
	if (key.oom) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	} else if ((e = cache_find(c, kind, key.s)) != NULL) {
		*it = e->val;
	} else if ((rc = version ? tk_bank_get_item_version(b, id, version, it, err)
				 : tk_bank_get_item(b, id, it, err)) != TK_OK) {
		/* nothing to keep */
	} else if ((e = cache_add(c, kind, key.s)) == NULL) {
		tk_item_free(*it);
		*it = NULL;
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	} else {
		e->val = *it;
	}
	tk_buf_free(&key);
	return rc;
}

/* The bank's item of each place on the paper, in paper order. */
struct placed {
	const struct tk_item *paper;    /* as the paper has it */
	struct tk_item *drawn;          /* the version the paper names; NULL: none */
	struct tk_item *now;            /* the current version; NULL: none */
};

static int read_items(struct vcache *c, struct tk_bank *b, const struct tk_paper *p,
		      struct placed **out, int *n, struct tk_error *err)
{
	int i, j, rc = TK_OK;

	*n = 0;
	*out = calloc((size_t)tk_paper_count(p) + 1, sizeof **out);
	if (*out == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	for (i = 0; i < p->nsections && rc == TK_OK; i++)
		for (j = 0; j < p->sections[i].nitems && rc == TK_OK; j++) {
			struct placed *x = &(*out)[(*n)++];
			x->paper = p->sections[i].items[j];
			/* version 0 names no version: the bank never had it */
			if (x->paper->version > 0)
				rc = cached_item(c, b, x->paper->id, x->paper->version, &x->drawn, err);
			if (rc == TK_OK)
				rc = cached_item(c, b, x->paper->id, 0, &x->now, err);
		}
	return rc;
}


/* The bank's idea of an item: the version drawn, else the paper's own. */
static const struct tk_item *truth(const struct placed *x)
{
	return x->drawn ? x->drawn : x->paper;
}

/* Sections: as many as the blueprint's, each of its type, count and points. */
static void check_sections(const struct tk_blueprint *bp, const struct tk_paper *p,
			   const struct placed *v, const char *pid, struct tk_vreport *rep)
{
	int i, j, k = 0, n = p->nsections > bp->nsections ? p->nsections : bp->nsections;
	char a[16], c[16], w[16];

	for (i = 0; i < n; i++) {
		const struct tk_section *bs = i < bp->nsections ? &bp->sections[i] : NULL;
		const struct tk_paper_section *ps = i < p->nsections ? &p->sections[i] : NULL;
		int points = 0, wrong = 0, count = ps ? ps->nitems : 0;
		for (j = 0; ps && j < ps->nitems; j++, k++) {
			const struct tk_item *it = truth(&v[k]);
			points += it->points;
			if (bs && (it->type != bs->type || (bs->points && it->points != bs->points)))
				wrong++;
		}
		fmt_points(points, a);
		if (bs == NULL) {
			row(rep, pid, "section", tk_type_name(ps->type), 0, "none|%d items, %s", count, a);
			continue;
		}
		if (ps == NULL || ps->type != bs->type) {
			row(rep, pid, "section", tk_type_name(bs->type), 0, "%s|%s", tk_type_name(bs->type),
			    ps ? tk_type_name(ps->type) : "none");
			continue;
		}
		if (ps->points != bs->points) {
			/* the paper would print another score per item */
			fmt_points(bs->points, c);
			fmt_points(ps->points, w);
			row(rep, pid, "section", tk_type_name(bs->type), 0, "%s each|%s each (the paper says)",
			    bs->points ? c : "own", ps->points ? w : "own");
		}
		if (bs->count && bs->points) {
			fmt_points(bs->points, c);
			fmt_points(bs->points * bs->count, w);
			row(rep, pid, "section", tk_type_name(bs->type),
			    wrong == 0 && count == bs->count, "%d × %s = %s|%d items, %s%s", bs->count,
			    c, w, count, a, wrong ? " (other type or points)" : "");
		} else if (bs->count) {
			row(rep, pid, "section", tk_type_name(bs->type),
			    wrong == 0 && count == bs->count, "%d items|%d items, %s%s", bs->count,
			    count, a, wrong ? " (other type)" : "");
		} else {
			row(rep, pid, "section", tk_type_name(bs->type), wrong == 0,
			    "any number|%d items, %s%s", count, a,
			    wrong ? " (other type or points)" : "");
		}
	}
}

/* Points per weight-table area against the blueprint's targets. */
static int check_areas(const struct tk_standard *s, const struct tk_blueprint *bp,
		       const struct placed *v, int n, const char *pid, struct tk_vreport *rep,
		       struct tk_error *err)
{
	int nareas = s->weights[bp->kind].nareas, *got, *weight, i, total = 0;
	char a[16], c[16];

	got = calloc((size_t)nareas + 1, sizeof *got);
	weight = calloc((size_t)nareas + 1, sizeof *weight);
	if (got == NULL || weight == NULL) {
		free(got);
		free(weight);
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	for (i = 0; i < bp->ntargets; i++)
		weight[bp->targets[i].area] = bp->targets[i].weight;
	for (i = 0; i < n; i++) {
		const struct tk_item *it = truth(&v[i]);
		int ar = it->ncodes ? tk_standard_code_area(s, bp->kind, bp->level_index, it->codes[0]) : -1;
		total += it->points;
		if (ar < 0) {
			row(rep, pid, "area", it->id, 0, "an area|none");
			tk_diags_add(&rep->problems, TK_DIAG_ERROR, WHERE(v[i].paper), v[i].paper->line,
				     "area: item '%s': its code %s counts in no area of the weight table",
				     it->id, it->ncodes ? it->codes[0] : "(none)");
			continue;
		}
		got[ar] += it->points;
		if (weight[ar] == 0)
			tk_diags_add(&rep->problems, TK_DIAG_ERROR, WHERE(v[i].paper), v[i].paper->line,
				     "area: item '%s' counts in %s, which the blueprint gives no weight",
				     it->id, s->weights[bp->kind].areas[ar].name);
	}
	for (i = 0; i < bp->ntargets; i++) {
		const struct tk_target *t = &bp->targets[i];
		fmt_points(t->points, a);
		fmt_points(got[t->area], c);
		row(rep, pid, "area", s->weights[bp->kind].areas[t->area].name,
		    abs(got[t->area] - t->points) <= bp->tolerance, "%s (%d%%)|%s (%.1f%%)", a,
		    t->weight, c, total ? 100.0 * got[t->area] / total : 0);
	}
	for (i = 0; i < nareas; i++)
		if (weight[i] == 0 && got[i]) {
			fmt_points(got[i], c);
			row(rep, pid, "area", s->weights[bp->kind].areas[i].name, 0, "0 (0%%)|%s (%.1f%%)",
			    c, total ? 100.0 * got[i] / total : 0);
		}
	free(got);
	free(weight);
	return TK_OK;
}

/*
 * Practice or official, by the blueprint: the paper's purpose prints its
 * header and decides whether printing it is practice exposure, so a
 * paper that says otherwise than its blueprint fails; and no batch's
 * form is drawn from a practice blueprint.  A practice paper states the
 * targets it was drawn to: each is checked against the blueprint's own
 * apportionment, never taken from the paper.
 */
static void check_purpose(const struct tk_standard *s, const struct tk_blueprint *bp,
			  const struct tk_paper *p, const char *pid, struct tk_vreport *rep)
{
	const struct tk_weights *w = &s->weights[bp->kind];
	int i, j, wrong = 0, stated = 0;
	char a[16], c[16];

	if (!bp->practice && !p->practice && p->ntargets == 0)
		return;         /* an official paper, as before */
	row(rep, pid, "purpose", p->batch ? p->batch : "practice or official",
	    bp->practice == p->practice && !(p->batch && bp->practice), "%s|%s%s",
	    bp->practice ? "practice" : "official", p->practice ? "practice" : "official",
	    p->batch && bp->practice ? " (a batch's form)" : "");
	if (!bp->practice && p->ntargets == 0)
		return;
	for (i = 0; i < bp->ntargets; i++) {
		const struct tk_target *t = &bp->targets[i];
		const char *id = w->areas[t->area].id;
		for (j = 0; j < p->ntargets; j++)
			if (p->targets[j].area && !strcmp(p->targets[j].area, id))
				break;
		fmt_points(t->points, a);
		if (j == p->ntargets) {
			wrong++;
			tk_diags_add(&rep->problems, TK_DIAG_ERROR, pid, 0,
				     "targets: area %s: the blueprint apportions it %s points (%d%%);"
				     " the paper states none", w->areas[t->area].name, a, t->weight);
			continue;
		}
		stated++;
		if (p->targets[j].points != t->points || p->targets[j].weight != t->weight) {
			wrong++;
			fmt_points(p->targets[j].points, c);
			tk_diags_add(&rep->problems, TK_DIAG_ERROR, pid, 0,
				     "targets: area %s: the paper states %s points (%d%%); the"
				     " blueprint apportions %s (%d%%)", w->areas[t->area].name, c,
				     p->targets[j].weight, a, t->weight);
		}
	}
	for (j = 0; j < p->ntargets; j++) {
		for (i = 0; i < bp->ntargets; i++)
			if (p->targets[j].area && !strcmp(p->targets[j].area, w->areas[bp->targets[i].area].id))
				break;
		if (i == bp->ntargets) {
			wrong++;
			tk_diags_add(&rep->problems, TK_DIAG_ERROR, pid, 0,
				     "targets: the paper states a target for area '%s', which the"
				     " blueprint gives no weight", p->targets[j].area ? p->targets[j].area : "");
		}
	}
	row(rep, pid, "targets", "as the blueprint apportions", wrong == 0, "%d areas|%d stated, %d wrong",
	    bp->ntargets, stated, wrong);
}

/* A per-candidate paper: its form's items, each section shuffled. */
static int check_candidate(struct vcache *c, struct tk_bank *b, const struct tk_paper *p,
			   const char *pid, struct tk_vreport *rep, struct tk_error *err)
{
	struct tk_paper **forms = NULL, *f = NULL;
	struct centry *e;
	char *used = NULL;
	int nforms = 0, i, j, k, rc = TK_OK, wrong = 0;

	if (p->batch == NULL || p->form == NULL) {
		row(rep, pid, "candidate", "its batch and form", 0, "named|not named");
		return TK_OK;
	}
	if ((e = cache_find(c, C_FORMS, p->batch)) == NULL) {
		if ((rc = tk_batch_forms(b, p->batch, &forms, &nforms, err)) != TK_OK &&
		    rc != TK_EINPUT)
			return rc;
		if ((e = cache_add(c, C_FORMS, p->batch)) == NULL) {
			for (i = 0; i < nforms; i++)
				tk_paper_free(forms[i]);
			free(forms);
			return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		}
		e->val = rc == TK_OK ? forms : NULL;
		e->n = rc == TK_OK ? nforms : -1;
		tk_error_clear(err);
		rc = TK_OK;
	}
	if (e->n < 0) {
		row(rep, pid, "candidate", p->batch, 0, "batch in the bank|none");
		return TK_OK;
	}
	forms = e->val;         /* the cache's */
	nforms = e->n;
	for (i = 0; i < nforms; i++)
		if (forms[i]->form && !strcmp(forms[i]->form, p->form))
			f = forms[i];
	if (f == NULL) {
		row(rep, pid, "candidate", p->batch, 0, "form %s|none", p->form);
		goto out;
	}
	if (f->nsections != p->nsections)
		wrong++;
	for (i = 0; i < p->nsections && i < f->nsections; i++) {
		const struct tk_paper_section *ps = &p->sections[i], *fs = &f->sections[i];
		free(used);
		if ((used = calloc((size_t)fs->nitems + 1, 1)) == NULL) {
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			goto out;
		}
		if (ps->type != fs->type || ps->nitems != fs->nitems)
			wrong++;
		for (j = 0; j < ps->nitems; j++) {
			const struct tk_item *it = ps->items[j];
			for (k = 0; k < fs->nitems; k++)
				if (!used[k] && !strcmp(fs->items[k]->id, it->id) &&
				    fs->items[k]->version == it->version && same_item(it, fs->items[k]))
					break;
			if (k < fs->nitems) {
				used[k] = 1;
				continue;
			}
			wrong++;
			tk_diags_add(&rep->problems, TK_DIAG_ERROR, WHERE(it), it->line,
				     "candidate: item '%s' is not one of section %d of form %s of batch %s",
				     it->id, i + 1, p->form, p->batch);
		}
	}
	row(rep, pid, "candidate", "a shuffle of its form", wrong == 0, "form %s of %s|%s", p->form,
	    p->batch, wrong ? "not" : "yes");
out:
	free(used);
	return rc;
}

/* The mean difficulty within the blueprint's tolerance, and its bands. */
static void check_difficulty(const struct tk_blueprint *bp, const struct placed *v, int n,
			     const char *pid, struct tk_vreport *rep)
{
	int bands[6] = {0}, i, sum = 0;
	double mean;

	for (i = 0; i < n; i++) {
		int d = truth(&v[i])->difficulty;
		sum += d;
		if (d >= 1 && d <= 5)
			bands[d]++;
	}
	mean = n ? (double)sum / n : 0;
	if (bp->mean > 0)
		row(rep, pid, "difficulty", "mean", fabs(mean - bp->mean) <= bp->mean_tolerance + 1e-9,
		    "%.2f ± %.2f|%.2f", bp->mean, bp->mean_tolerance, mean);
	for (i = 1; i <= 5; i++) {
		char name[32];
		if (bp->band_min[i] == 0 && bp->band_max[i] < 0)
			continue;
		snprintf(name, sizeof name, "items of difficulty %d", i);
		if (bp->band_max[i] >= 0)
			row(rep, pid, "difficulty", name,
			    bands[i] >= bp->band_min[i] && bands[i] <= bp->band_max[i], "%d to %d|%d",
			    bp->band_min[i], bp->band_max[i], bands[i]);
		else
			row(rep, pid, "difficulty", name, bands[i] >= bp->band_min[i], "at least %d|%d",
			    bp->band_min[i], bands[i]);
	}
}

/* The committed batches item id is on besides batch, as
   tk_bank_item_uses() says; *first stays the cache's. */
static int item_uses(struct vcache *c, struct tk_bank *b, const char *id, const char *batch,
		     int *uses, const char **first, struct tk_error *err)
{
	struct tk_buf key = TK_BUF_INIT;
	struct centry *e = NULL;
	char *name = NULL;
	int rc = TK_OK;

	tk_buf_printf(&key, "%s\037%s", id, batch ? batch : "");
	if (key.oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	else if ((e = cache_find(c, C_USES, key.s)) == NULL &&
		 (rc = tk_bank_item_uses(b, id, batch, uses, &name, err)) == TK_OK) {
		if ((e = cache_add(c, C_USES, key.s)) == NULL) {
			free(name);
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		} else {
			e->n = *uses;
			e->text = name;
		}
	}
	tk_buf_free(&key);
	if (rc == TK_OK) {
		*uses = e->n;
		*first = e->text;
	}
	return rc;
}

static int validate_one(struct vcache *c, struct tk_bank *b, const struct tk_standard *s,
			const struct tk_blueprint *bp, const struct tk_paper *p,
			struct tk_vreport *rep, struct tk_error *err)
{
	struct placed *v = NULL;
	int n = 0, i, j, rc, total = 0, seconds = 0, minimum, frozen = 0;
	int unknown = 0, edited = 0, changed = 0, misplaced = 0, status = 0, enemies = 0;
	int dups = 0, exposed = 0;
	char a[16];
	const char *pid = p->id ? p->id : "paper";

	if (strcmp(p->blueprint_digest, bp->hash))
		row(rep, pid, "blueprint", bp->id, 0, "%.12s…|%.12s…", bp->hash, p->blueprint_digest);
	if (p->batch && (rc = tk_bank_batch_committed(b, p->batch, &frozen, err)) != TK_OK)
		return rc;
	if ((rc = read_items(c, b, p, &v, &n, err)) != TK_OK)
		goto out;
	check_purpose(s, bp, p, pid, rep);
	check_sections(bp, p, v, pid, rep);
	if ((rc = check_areas(s, bp, v, n, pid, rep, err)) != TK_OK)
		goto out;
	for (i = 0; i < n; i++) {
		const struct placed *x = &v[i];
		const struct tk_item *it = truth(x);
		const char *batch = NULL;
		int uses = 0, st;
		total += it->points;
		seconds += tk_blueprint_item_seconds(bp, it);
		if (x->now == NULL || x->drawn == NULL) {
			unknown++;
			if (x->now)
				tk_diags_add(&rep->problems, TK_DIAG_ERROR, WHERE(x->paper), x->paper->line,
					     "items: the bank never had version %d of item '%s'",
					     x->paper->version, x->paper->id);
			else
				tk_diags_add(&rep->problems, TK_DIAG_ERROR, WHERE(x->paper), x->paper->line,
					     "items: item '%s' is not in the bank", x->paper->id);
			continue;
		}
		if (!same_item(x->paper, x->drawn)) {
			edited++;
			tk_diags_add(&rep->problems, TK_DIAG_ERROR, WHERE(x->paper), x->paper->line,
				     "edited: item '%s': the paper's text differs from version %d in the bank",
				     it->id, it->version);
		}
		if (x->now->version != x->drawn->version) {
			/* a committed form keeps the version it was drawn with */
			if (frozen) {
				tk_diags_add(&rep->problems, TK_DIAG_WARNING, WHERE(x->paper), x->paper->line,
					     "changed: item '%s': version %d on the committed form, %d in the bank",
					     it->id, x->drawn->version, x->now->version);
			} else {
				changed++;
				tk_diags_add(&rep->problems, TK_DIAG_ERROR, WHERE(x->paper), x->paper->line,
					     "changed: item '%s' was edited in the bank after the paper was drawn"
					     " (version %d on the paper, %d in the bank)",
					     it->id, x->drawn->version, x->now->version);
			}
		}
		if (strcmp(it->level, s->levels[bp->level_index].id) || it->kind != bp->kind) {
			misplaced++;
			tk_diags_add(&rep->problems, TK_DIAG_ERROR, WHERE(x->paper), x->paper->line,
				     "items: item '%s' is %s %s in the bank, the blueprint %s %s",
				     it->id, it->level, tk_kind_name(it->kind),
				     s->levels[bp->level_index].id, tk_kind_name(bp->kind));
		}
		/* the status now: an item retired since is off every paper not yet
		   sat; a committed form answers for the version it froze */
		st = frozen ? x->drawn->status : x->now->status;
		if (!(bp->statuses & (1 << st))) {
			status++;
			tk_diags_add(&rep->problems, TK_DIAG_ERROR, WHERE(x->paper), x->paper->line,
				     "status: item '%s' is %s; the blueprint does not allow that status",
				     it->id, tk_status_name(st));
		}
		if ((rc = item_uses(c, b, it->id, p->batch, &uses, &batch, err)) != TK_OK)
			goto out;
		if (!tk_blueprint_exposure_allows(bp, uses)) {
			exposed++;
			tk_diags_add(&rep->problems, TK_DIAG_ERROR, WHERE(x->paper), x->paper->line,
				     "exposure: item '%s' is on %d committed batches (first %s);"
				     " the blueprint's exposure rule does not allow it",
				     it->id, uses, batch);
		} else if (p->batch == NULL && uses > 0 && !bp->practice_official) {
			/* the wall: a paper of no batch is practice */
			exposed++;
			tk_diags_add(&rep->problems, TK_DIAG_ERROR, WHERE(x->paper), x->paper->line,
				     "exposure: item '%s' is on the committed official batch %s;"
				     " a practice paper takes no official items",
				     it->id, batch);
		}
		/* enemies and duplicates, by the bank's enemies of either */
		for (j = i + 1; j < n; j++) {
			const struct tk_item *y = truth(&v[j]);
			if (!strcmp(it->id, y->id)) {
				dups++;
				tk_diags_add(&rep->problems, TK_DIAG_ERROR, WHERE(v[j].paper), v[j].paper->line,
					     "items: item '%s' is on the paper twice", it->id);
			} else if (names(it, y->id) || names(y, it->id) ||
				   (x->now && names(x->now, y->id)) ||
				   (v[j].now && names(v[j].now, it->id))) {
				enemies++;
				tk_diags_add(&rep->problems, TK_DIAG_ERROR, WHERE(v[j].paper), v[j].paper->line,
					     "enemies: items '%s' and '%s' are enemies", it->id, y->id);
			}
		}
	}
	check_difficulty(bp, v, n, pid, rep);
	fmt_points(total, a);
	if (p->points == bp->points)
		row(rep, pid, "total", "points", total == bp->points * 10, "%d|%s", bp->points, a);
	else
		row(rep, pid, "total", "points", 0, "%d|%s (the paper says %d)", bp->points, a,
		    p->points);
	row(rep, pid, "duration", "minutes", p->duration == bp->duration, "%d|%d", bp->duration,
	    p->duration);
	/* the standard's minimum is the exam's: practice may be any length */
	minimum = tk_standard_min_duration(s, bp->level_index, bp->kind);
	if (bp->practice)
		row(rep, pid, "duration", "standard's minimum", 1, "none for practice|%d", p->duration);
	else
		row(rep, pid, "duration", "standard's minimum", p->duration >= minimum,
		    "at least %d|%d", minimum, p->duration);
	row(rep, pid, "time", "expected minutes", seconds <= tk_blueprint_time_limit(bp),
	    "at most %ld|%d", tk_blueprint_time_limit(bp) / 60, (seconds + 59) / 60);
	row(rep, pid, "items", "match the bank", unknown + misplaced == 0,
	    "%d|%d missing, %d out of place", n, unknown, misplaced);
	row(rep, pid, "edited", "as the bank's version", edited == 0, "0|%d", edited);
	row(rep, pid, "changed", "in the bank since", changed == 0, "0|%d", changed);
	row(rep, pid, "status", "allowed by the blueprint", status == 0, "0|%d", status);
	row(rep, pid, "enemies", "together", enemies == 0, "0|%d", enemies);
	row(rep, pid, "exposure", "on committed batches", exposed == 0, "0|%d", exposed);
	row(rep, pid, "items", "twice on the paper", dups == 0, "0|%d", dups);
	if (p->candidate)
		rc = check_candidate(c, b, p, pid, rep, err);
out:
	free(v);        /* the items are the cache's */
	return rc;
}


static double mean_difficulty(const struct tk_paper *p)
{
	int a, k, n = 0, sum = 0;

	for (a = 0; a < p->nsections; a++)
		for (k = 0; k < p->sections[a].nitems; k++, n++)
			sum += p->sections[a].items[k]->difficulty;
	return n ? (double)sum / n : 0;
}

/*
 * Items two forms share, against the share their blueprints allow (of
 * the earlier form's items), and their mean difficulties, within the
 * earlier one's forms tolerance.
 */
static void overlap(struct tk_paper *const *papers, const double *max_shared,
		    const double *tolerance, int n, struct tk_vreport *rep)
{
	int i, j, a, b2, c, d;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			int shared = 0, size = 0, limit;
			char name[200];
			if (papers[i]->candidate || papers[j]->candidate)
				continue;       /* candidates' papers share their form's items */
			for (a = 0; a < papers[i]->nsections; a++)
				for (b2 = 0; b2 < papers[i]->sections[a].nitems; b2++) {
					const char *id = papers[i]->sections[a].items[b2]->id;
					size++;
					for (c = 0; c < papers[j]->nsections; c++)
						for (d = 0; d < papers[j]->sections[c].nitems; d++)
							shared += !strcmp(id, papers[j]->sections[c].items[d]->id);
				}
			limit = (int)floor(max_shared[i] * size + 1e-9);
			snprintf(name, sizeof name, "%s / %s", papers[i]->form ? papers[i]->form : papers[i]->id,
				 papers[j]->form ? papers[j]->form : papers[j]->id);
			row(rep, "forms", "overlap", name, shared <= limit, "at most %d|%d", limit, shared);
			if (papers[i]->batch && papers[j]->batch && !strcmp(papers[i]->batch, papers[j]->batch)) {
				double gap = fabs(mean_difficulty(papers[i]) - mean_difficulty(papers[j]));
				row(rep, "forms", "parallel", name, gap <= tolerance[i] + 1e-9,
				    "mean difficulty within %.2f|%.2f", tolerance[i], gap);
			}
		}
}

/* tk_validate_find_blueprint() through the cache: papers of one batch
   name one blueprint.  *bp stays the cache's. */
static int cached_blueprint(struct vcache *c, struct tk_bank *b, const struct tk_standard *s,
			    const struct tk_paper *p, const struct tk_blueprint **bp,
			    struct tk_error *err)
{
	struct tk_buf key = TK_BUF_INIT;
	struct centry *e = NULL;
	struct tk_blueprint *found = NULL;
	int rc = TK_OK;

	/* the file it names may differ between papers of one digest */
	tk_buf_printf(&key, "%s\037%s", p->blueprint_digest,
		      p->blueprint_file ? p->blueprint_file : "");
	if (key.oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	else if ((e = cache_find(c, C_BLUEPRINT, key.s)) == NULL &&
		 (rc = tk_validate_find_blueprint(b, s, p, &found, err)) == TK_OK) {
		if ((e = cache_add(c, C_BLUEPRINT, key.s)) == NULL) {
			tk_blueprint_free(found);
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		} else {
			e->val = found;
		}
	}
	tk_buf_free(&key);
	if (rc == TK_OK)
		*bp = e->val;
	return rc;
}

int tk_validate(struct tk_bank *b, const struct tk_standard *s,
		const struct tk_blueprint *bp, struct tk_paper *const *papers, int n,
		struct tk_vreport *rep, struct tk_error *err)
{
	double *max_shared, *tolerance;
	struct vcache c;
	int i, rc = TK_OK;

	memset(rep, 0, sizeof *rep);
	memset(&c, 0, sizeof c);
	if ((max_shared = calloc(2 * (size_t)n + 1, sizeof *max_shared)) == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	tolerance = max_shared + n;
	for (i = 0; i < n && rc == TK_OK; i++) {
		const struct tk_paper *p = papers[i];
		const char *pid = p->id ? p->id : "paper";
		const struct tk_blueprint *use = bp;
		max_shared[i] = 1;
		tolerance[i] = 5;
		if (strcmp(p->standard, s->id)) {
			row(rep, pid, "standard", p->standard, 0, "%s|%s", s->id, p->standard);
			continue;
		}
		if (use == NULL) {
			/* a blueprint the bank or the file keeps that no longer
			   reads is a finding about this paper, not a failure to run */
			rc = cached_blueprint(&c, b, s, p, &use, err);
			if (rc == TK_EINPUT) {
				row(rep, pid, "blueprint", p->blueprint, 0, "readable|%s", err->msg);
				rc = TK_OK;
				continue;
			}
		}
		if (rc == TK_OK && use == NULL)
			row(rep, pid, "blueprint", p->blueprint ? p->blueprint : "", 0,
			    "digest %.12s…|not found (--blueprint)", p->blueprint_digest);
		else if (rc == TK_OK && strcmp(use->standard, s->id))
			row(rep, pid, "blueprint", use->id, 0, "standard %s|%s", s->id, use->standard);
		else if (rc == TK_OK) {
			max_shared[i] = use->max_shared;
			tolerance[i] = use->forms_tolerance;
			rc = validate_one(&c, b, s, use, p, rep, err);
		}
	}
	cache_free(&c);
	if (rc == TK_OK && n > 1)
		overlap(papers, max_shared, tolerance, n, rep);
	free(max_shared);
	if (rc == TK_OK && rep->problems.oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	if (rc != TK_OK)
		return rc;
	return rep->failures ? TK_FAIL : TK_OK;
}

/* ---- the answer key of a per-candidate paper ------------------------- */

/* The next CSV field of *s (quotes as the key writes them), into a fresh string. */
static char *csv_field(const char **s)
{
	struct tk_buf f = TK_BUF_INIT;
	const char *q = *s;

	if (*q == '"') {
		for (q++; *q; q++) {
			if (*q == '"' && q[1] == '"')
				tk_buf_putc(&f, *q++);
			else if (*q == '"')
				break;
			else
				tk_buf_putc(&f, *q);
		}
		if (*q == '"')
			q++;
	} else {
		for (; *q && *q != ',' && *q != '\n' && *q != '\r'; q++)
			tk_buf_putc(&f, *q);
	}
	if (*q == ',')
		q++;
	*s = q;
	tk_buf_putc(&f, '\0');
	return tk_buf_detach(&f);
}

int tk_validate_key(const struct tk_paper *p, const char *csv, const char *name,
		    struct tk_vreport *rep)
{
	const char *s = csv, *pid = p->id ? p->id : "paper";
	int line = 1, num = 0, wrong = 0, i, j, n = tk_paper_count(p);
	const struct tk_item **v = calloc((size_t)n + 1, sizeof *v);

	if (v == NULL) {
		rep->problems.oom = 1;
		return TK_EINTERNAL;
	}
	for (i = 0; i < p->nsections; i++)
		for (j = 0; j < p->sections[i].nitems; j++)
			v[num++] = p->sections[i].items[j];
	num = 0;
	if (strncmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	if (strncmp(s, "题号,试题编号,答案,分值", strlen("题号,试题编号,答案,分值"))) {
		wrong++;
		tk_diags_add(&rep->problems, TK_DIAG_ERROR, name, 1,
			     "key: the header is not 题号,试题编号,答案,分值");
	}
	s = strchr(s, '\n');
	while (s && s[1]) {
		char *f[4], *end, *ans, pts[16];
		long k;
		s++;
		line++;
		if (*s == '\r' || *s == '\n') {
			s = strchr(s, '\n');
			continue;
		}
		for (i = 0; i < 4; i++)
			f[i] = csv_field(&s);
		errno = 0;
		k = strtol(f[0], &end, 10);
		if (num >= n) {
			wrong++;
			tk_diags_add(&rep->problems, TK_DIAG_ERROR, name, line,
				     "key: the paper has only %d items", n);
		} else if (errno || end == f[0] || *end || k != num + 1) {
			wrong++;
			tk_diags_add(&rep->problems, TK_DIAG_ERROR, name, line,
				     "key: number '%s' where %d was due", f[0], num + 1);
		} else {
			const struct tk_item *it = v[num];
			ans = tk_fragment_text(it->answer);
			tk_points_format(it->points, pts);
			if (strcmp(f[1], it->id) || strcmp(f[2], ans ? ans : "") || strcmp(f[3], pts)) {
				wrong++;
				tk_diags_add(&rep->problems, TK_DIAG_ERROR, name, line,
					     "key: question %d is %s, answer %s, %s points on the paper;"
					     " the key says %s, %s, %s", num + 1, it->id, ans ? ans : "",
					     pts, f[1], f[2], f[3]);
			}
			free(ans);
		}
		num++;
		for (i = 0; i < 4; i++)
			free(f[i]);
		s = strchr(s, '\n');
	}
	if (num != n && !wrong) {
		wrong++;
		tk_diags_add(&rep->problems, TK_DIAG_ERROR, name, line,
			     "key: %d answers for %d items", num, n);
	}
	free(v);
	row(rep, pid, "key", "matches the paper", wrong == 0, "%d answers|%d wrong", n, wrong);
	return wrong ? TK_FAIL : TK_OK;
}

void tk_vreport_free(struct tk_vreport *rep)
{
	free(rep->rows);
	tk_diags_free(&rep->problems);
	memset(rep, 0, sizeof *rep);
}
