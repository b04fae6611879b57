/* coverage.c -- the bank against the weight table, area by area. */
#include <stdlib.h>
#include <string.h>

#include "coverage.h"

static void count(struct tk_cov_count *c, int type, int status, int points,
		  int eligible)
{
	c->items++;
	if (type >= 0)
		c->by_type[type]++;
	if (status >= 0)
		c->by_status[status]++;
	if (status == eligible)
		c->points += points;
}

struct count_walk {
	struct tk_coverage *c;
	const struct tk_standard *s;
	int level, kind, eligible;
};

/* One code of one item: its requirement's count, and with the first
   code, its area's. */
static int count_code(void *ud, const struct tk_bank_code_row *row)
{
	struct count_walk *w = ud;
	struct tk_coverage *c = w->c;
	const struct tk_req *req = tk_standard_find(w->s, w->level, w->kind, row->code);
	int area = req ? tk_standard_area(w->s, w->kind, w->level, req) : -1;
	int k;

	for (k = 0; req && k < c->ncodes; k++)
		if (c->codes[k].req == req)
			count(&c->codes[k].n, row->type, row->status, row->points, w->eligible);
	if (row->pos != 0)
		return TK_OK;   /* the first code decides the area */
	for (k = 0; k < c->nareas; k++)
		if (c->areas[k].area == area)
			break;
	if (k < c->nareas)
		count(&c->areas[k].n, row->type, row->status, row->points, w->eligible);
	else
		count(&c->unmapped, row->type, row->status, row->points, w->eligible);
	return TK_OK;
}

int tk_coverage_compute(struct tk_bank *b, const struct tk_standard *s,
			int level, int kind, int paper_points, int eligible,
			struct tk_coverage **out, struct tk_error *err)
{
	struct tk_coverage *c;
	const struct tk_weights *w = &s->weights[kind];
	struct count_walk cw;
	int i, rc = TK_OK;

	*out = NULL;
	c = calloc(1, sizeof *c);
	if (c == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	c->level = level;
	c->kind = kind;
	c->paper_points = paper_points;
	c->eligible = eligible;
	c->has_table = w->present;
	c->areas = calloc((size_t)(w->nareas + 1), sizeof *c->areas);
	c->codes = calloc((size_t)(s->nreqs + 1), sizeof *c->codes);
	if (c->areas == NULL || c->codes == NULL) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < w->nareas; i++) {
		const struct tk_cell *cell = &w->areas[i].cells[level];
		struct tk_cov_area *a;
		if (cell->state != TK_CELL_WEIGHT)
			continue;
		a = &c->areas[c->nareas++];
		a->area = i;
		a->weight = cell->weight;
		a->need = cell->weight * paper_points * 10 / 100;
	}
	/* the codes items of this level and kind may carry */
	for (i = 0; i < s->nreqs; i++) {
		const struct tk_req *r2 = &s->reqs[i];
		int ok = kind == TK_THEORY ?
			(r2->type == TK_REQ_KNOWLEDGE && r2->level == level) ||
			r2->type == TK_REQ_BASIC :
			r2->type == TK_REQ_SKILL && r2->level == level;
		if (!ok)
			continue;
		c->codes[c->ncodes].req = r2;
		c->codes[c->ncodes].area = tk_standard_area(s, kind, level, r2);
		c->ncodes++;
	}
	cw.c = c;
	cw.s = s;
	cw.level = level;
	cw.kind = kind;
	cw.eligible = eligible;
	if ((rc = tk_bank_each_code(b, s->id, s->levels[level].id, kind, count_code, &cw,
				    err)) != TK_OK)
		goto out;
	for (i = 0; i < c->ncodes; i++)
		c->gaps += c->codes[i].n.items == 0;
	for (i = 0; i < c->nareas; i++)
		c->short_areas += c->areas[i].n.points < c->areas[i].need;
out:
	if (rc != TK_OK)
		tk_coverage_free(c);
	else
		*out = c;
	return rc;
}

void tk_coverage_free(struct tk_coverage *c)
{
	if (c == NULL)
		return;
	free(c->areas);
	free(c->codes);
	free(c);
}
