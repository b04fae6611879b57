/* validate.c -- papers checked from scratch against bank and standard. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static int paper_weight(const struct tk_paper *p, const struct tk_standard *s, int kind,
			int level, int a)
{
	const struct tk_cell *cell = &s->weights[kind].areas[a].cells[level];
	int i;

	if (p->nareas) {
		for (i = 0; i < p->nareas; i++)
			if (!strcmp(p->area_ids[i], s->weights[kind].areas[a].id))
				return p->area_weights[i];
		return 0;
	}
	return cell->state == TK_CELL_WEIGHT ? cell->weight : 0;
}

static void fmt_points(int tenths, char *buf)
{
	if (tenths % 10)
		snprintf(buf, 16, "%d.%d", tenths / 10, abs(tenths % 10));
	else
		snprintf(buf, 16, "%d", tenths / 10);
}

static int validate_one(struct tk_bank *b, const struct tk_standard *s,
			const struct tk_paper *p, struct tk_vreport *rep, struct tk_error *err)
{
	int level = -1, kind, i, j, k, total = 0, count = 0, minimum = 0, rc = TK_OK;
	int *area_points = NULL, nareas, enemies = 0, dups = 0, unknown = 0, bad = 0, stale = 0;
	char a[16], c2[16];
	const char *pid = p->id ? p->id : "paper";

	for (i = 0; i < s->nlevels; i++)
		if (!strcmp(s->levels[i].id, p->level) || !strcmp(s->levels[i].name, p->level))
			level = i;
	kind = p->kind && !strcmp(p->kind, "skill") ? TK_SKILL : TK_THEORY;
	if (level < 0) {
		row(rep, pid, "level", p->level, 0, "a level of %s|unknown", s->id);
		return TK_OK;
	}
	nareas = s->weights[kind].nareas;
	area_points = calloc((size_t)nareas + 1, sizeof *area_points);
	if (area_points == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	/* every item against the bank */
	for (i = 0; i < p->nsections; i++) {
		const struct tk_paper_section *sec = &p->sections[i];
		int sec_points = 0, wrong = 0;
		for (j = 0; j < sec->nitems; j++) {
			const struct tk_item *it = sec->items[j];
			struct tk_item *now = NULL;
			int ar;
			count++;
			total += it->points;
			sec_points += it->points;
			if (it->type != sec->type || (sec->points && it->points != sec->points))
				wrong++;
			ar = it->ncodes ? tk_standard_code_area(s, kind, level, it->codes[0]) : -1;
			if (ar >= 0)
				area_points[ar] += it->points;
			else
				tk_diags_add(&rep->problems, TK_DIAG_ERROR, pid, 0,
					     "item '%s': its code %s counts in no area of the weight table",
					     it->id, it->ncodes ? it->codes[0] : "(none)");
			if ((rc = tk_bank_get_item(b, it->id, &now, err)) != TK_OK)
				goto out;
			if (now == NULL) {
				unknown++;
				tk_diags_add(&rep->problems, TK_DIAG_ERROR, pid, 0,
					     "item '%s' is not in the bank", it->id);
				continue;
			}
			if (now->version == it->version) {
				if (!same_item(it, now)) {
					bad++;
					tk_diags_add(&rep->problems, TK_DIAG_ERROR, pid, 0,
						     "item '%s': the paper's text differs from version %d in the bank",
						     it->id, it->version);
				}
			} else {
				stale++;
				tk_diags_add(&rep->problems, TK_DIAG_WARNING, pid, 0,
					     "item '%s': version %d on the paper, %d in the bank",
					     it->id, it->version, now->version);
			}
			if (strcmp(now->level, s->levels[level].id) || now->kind != kind ||
			    !(p->statuses & (1 << now->status))) {
				bad++;
				tk_diags_add(&rep->problems, TK_DIAG_ERROR, pid, 0,
					     "item '%s': %s %s %s in the bank, the paper is %s %s",
					     it->id, now->level, tk_kind_name(now->kind),
					     tk_status_name(now->status), s->levels[level].id,
					     tk_kind_name(kind));
			}
			tk_item_free(now);
		}
		if (sec->points) {
			char want[16], each[16];
			fmt_points(sec->points, each);
			fmt_points(sec->points * sec->nitems, want);
			row(rep, pid, "section", tk_type_name(sec->type), wrong == 0,
			    "%d × %s = %s|%d items, %s%s", sec->nitems, each, want, sec->nitems,
			    (fmt_points(sec_points, a), a), wrong ? " (items of another type or points)" : "");
		} else {
			row(rep, pid, "section", tk_type_name(sec->type), wrong == 0,
			    "items of type %s|%d items, %s points%s", tk_type_name(sec->type),
			    sec->nitems, (fmt_points(sec_points, a), a), wrong ? ", some of another type" : "");
		}
	}
	/* the weight table */
	for (k = 0; k < nareas; k++) {
		int weight = paper_weight(p, s, kind, level, k);
		int target = weight * p->points * 10 / 100, got = area_points[k];
		if (weight == 0 && got == 0)
			continue;
		fmt_points(target, a);
		fmt_points(got, c2);
		row(rep, pid, "area", s->weights[kind].areas[k].name,
		    abs(got - target) <= p->tolerance, "%s (%d%%)|%s (%.1f%%)", a, weight, c2,
		    total ? 100.0 * got / total : 0);
	}
	fmt_points(total, a);
	row(rep, pid, "total", "points", total == p->points * 10, "%d|%s", p->points, a);
	minimum = tk_standard_min_duration(s, level, kind);
	row(rep, pid, "duration", "minutes", p->duration >= minimum, "at least %d|%d", minimum,
	    p->duration);
	/* enemies and duplicates */
	for (i = 0; i < p->nsections; i++)
		for (j = 0; j < p->sections[i].nitems; j++) {
			const struct tk_item *x = p->sections[i].items[j];
			int i2, j2;
			for (i2 = i; i2 < p->nsections; i2++)
				for (j2 = i2 == i ? j + 1 : 0; j2 < p->sections[i2].nitems; j2++) {
					const struct tk_item *y = p->sections[i2].items[j2];
					if (!strcmp(x->id, y->id)) {
						dups++;
						tk_diags_add(&rep->problems, TK_DIAG_ERROR, pid, 0,
							     "item '%s' is on the paper twice", x->id);
					}
					if (names(x, y->id) || names(y, x->id)) {
						enemies++;
						tk_diags_add(&rep->problems, TK_DIAG_ERROR, pid, 0,
							     "items '%s' and '%s' are enemies", x->id, y->id);
					}
				}
		}
	row(rep, pid, "items", "match the bank", unknown + bad == 0,
	    "%d|%d missing, %d out of place", count, unknown, bad);
	row(rep, pid, "items", "enemies together", enemies == 0, "0|%d", enemies);
	row(rep, pid, "items", "twice on the paper", dups == 0, "0|%d", dups);
	if (stale)
		row(rep, pid, "items", "changed in the bank since", 1, "(a warning)|%d", stale);
out:
	free(area_points);
	return rc;
}

/* Items two forms share, against the share the papers allow. */
static void overlap(struct tk_paper *const *papers, int n, struct tk_vreport *rep)
{
	int i, j, a, b2, c, d;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			int shared = 0, size = 0, limit;
			char name[200];
			for (a = 0; a < papers[i]->nsections; a++)
				for (b2 = 0; b2 < papers[i]->sections[a].nitems; b2++) {
					const char *id = papers[i]->sections[a].items[b2]->id;
					size++;
					for (c = 0; c < papers[j]->nsections; c++)
						for (d = 0; d < papers[j]->sections[c].nitems; d++)
							shared += !strcmp(id, papers[j]->sections[c].items[d]->id);
				}
			limit = (int)floor(papers[i]->max_shared * size + 1e-9);
			snprintf(name, sizeof name, "%s / %s", papers[i]->form ? papers[i]->form : papers[i]->id,
				 papers[j]->form ? papers[j]->form : papers[j]->id);
			row(rep, "forms", "overlap", name, shared <= limit, "at most %d|%d", limit, shared);
		}
}

int tk_validate(struct tk_bank *b, const struct tk_standard *s,
		struct tk_paper *const *papers, int n, struct tk_vreport *rep,
		struct tk_error *err)
{
	int i, rc = TK_OK;

	memset(rep, 0, sizeof *rep);
	for (i = 0; i < n && rc == TK_OK; i++) {
		if (strcmp(papers[i]->standard, s->id)) {
			row(rep, papers[i]->id, "standard", papers[i]->standard, 0, "%s|%s", s->id,
			    papers[i]->standard);
			continue;
		}
		rc = validate_one(b, s, papers[i], rep, err);
	}
	if (rc == TK_OK && n > 1)
		overlap(papers, n, rep);
	if (rc != TK_OK)
		return rc;
	return rep->failures ? TK_FAIL : TK_OK;
}

void tk_vreport_free(struct tk_vreport *rep)
{
	free(rep->rows);
	tk_diags_free(&rep->problems);
	memset(rep, 0, sizeof *rep);
}
