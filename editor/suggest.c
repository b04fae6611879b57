/* suggest.c -- ranking a standard's requirement codes for an item by text. */
#include <stdlib.h>
#include <string.h>

#include "fts.h"
#include "suggest.h"
#include "util.h"

/*
 * The weights, the same for every standard (none is tuned to one
 * standard's codes): the group column of a row (the task's name) and a
 * task as a whole count for a row's own text what these say; the
 * second query (options, explanation, keywords, rubric) counts half.
 */
#define W_GROUP_COLUMN 0.1
#define W_GROUP 0.5
#define W_EXTRA 0.5
/* terms per query: a 1 MiB stem must not make a query of a million terms */
#define MAX_TERMS 256

/* Is reqs[i] a code an item carries: a line, a basics line, or a basics
   group without lines of its own? */
static int is_code(const struct tk_standard *s, int i)
{
	int k, t = s->reqs[i].type;

	if (t == TK_REQ_SKILL || t == TK_REQ_KNOWLEDGE || t == TK_REQ_BASIC)
		return 1;
	if (t != TK_REQ_BASIC_GROUP)
		return 0;
	for (k = 0; k < s->nreqs; k++)
		if (s->reqs[k].parent == i && s->reqs[k].type == TK_REQ_BASIC)
			return 0;
	return 1;
}

/* The group a code's text stands in: its task or basics group, else itself. */
static int group_of(const struct tk_standard *s, int i)
{
	return s->reqs[i].parent >= 0 ? s->reqs[i].parent : i;
}

/*
 * The rows and groups of the index, made the same way every time from
 * the standard: row_req[r] is the requirement row r scores for, group
 * g is the task or basics group grp_req[g]; req_grp[i] is the group of
 * code i (-1 for what is no code).
 */
struct layout {
	int *row_req, nrows;
	int *grp_req, ngroups;
	int *req_grp;
	struct tk_req_doc *rows, *groups;       /* only when building */
	struct tk_buf text;                     /* the groups' texts, NUL-separated */
	char **pieces;                          /* points, one a row */
	int npieces;
};

static void layout_free(struct layout *l)
{
	int i;

	free(l->row_req);
	free(l->grp_req);
	free(l->req_grp);
	free(l->rows);
	free(l->groups);
	tk_buf_free(&l->text);
	for (i = 0; i < l->npieces; i++)
		free(l->pieces[i]);
	free(l->pieces);
	memset(l, 0, sizeof *l);
}

/* One row: text scoring for requirement i (a line's, or one of its points). */
static int add_row(struct layout *l, const struct tk_standard *s, int i, const char *text,
		   int docs)
{
	int *v = realloc(l->row_req, (size_t)(l->nrows + 1) * sizeof *v);

	if (v == NULL)
		return 0;
	l->row_req = v;
	if (docs) {
		struct tk_req_doc *d = realloc(l->rows, (size_t)(l->nrows + 1) * sizeof *d);
		if (d == NULL)
			return 0;
		l->rows = d;
		d[l->nrows].text = text;
		d[l->nrows].group = s->reqs[group_of(s, i)].text;
	}
	l->row_req[l->nrows++] = i;
	return 1;
}

/* The layout of s; with docs, the texts to index too (valid while s and l are). */
static int layout_make(const struct tk_standard *s, int docs, struct layout *l)
{
	int i, g;
	size_t *off = NULL;

	memset(l, 0, sizeof *l);
	l->req_grp = malloc((size_t)(s->nreqs ? s->nreqs : 1) * sizeof *l->req_grp);
	l->grp_req = malloc((size_t)(s->nreqs ? s->nreqs : 1) * sizeof *l->grp_req);
	if (l->req_grp == NULL || l->grp_req == NULL)
		return 0;
	for (i = 0; i < s->nreqs; i++)
		l->req_grp[i] = -1;
	for (i = 0; i < s->nreqs; i++) {
		int gi;
		if (!is_code(s, i))
			continue;
		gi = group_of(s, i);
		for (g = 0; g < l->ngroups && l->grp_req[g] != gi; g++)
			;
		if (g == l->ngroups)
			l->grp_req[l->ngroups++] = gi;
		l->req_grp[i] = g;
		if (!add_row(l, s, i, s->reqs[i].text ? s->reqs[i].text : "", docs))
			return 0;
		/* each point of a basics line a row of its own: a line with ten
		   points is as close to an item as the closest of them, not
		   closer for having many */
		if (s->reqs[i].points) {
			const char *p = s->reqs[i].points;
			while (*p) {
				size_t n = strcspn(p, "\n");
				if (n && docs) {
					char **v = realloc(l->pieces, (size_t)(l->npieces + 1) * sizeof *v);
					if (v == NULL)
						return 0;
					l->pieces = v;
					if ((v[l->npieces] = strndup(p, n)) == NULL)
						return 0;
					if (!add_row(l, s, i, v[l->npieces++], docs))
						return 0;
				} else if (n && !add_row(l, s, i, NULL, docs)) {
					return 0;
				}
				p += n + (p[n] == '\n');
			}
		}
	}
	if (!docs)
		return 1;
	/* a group's text: its name, and every line and point in it -- a
	   task's skill lines say what its knowledge is for, and the other
	   way round */
	off = malloc((size_t)(l->ngroups ? l->ngroups : 1) * sizeof *off);
	l->groups = malloc((size_t)(l->ngroups ? l->ngroups : 1) * sizeof *l->groups);
	if (off == NULL || l->groups == NULL) {
		free(off);
		return 0;
	}
	for (g = 0; g < l->ngroups; g++) {
		const struct tk_req *gr = &s->reqs[l->grp_req[g]];
		off[g] = l->text.len;
		tk_buf_puts(&l->text, gr->text ? gr->text : "");
		for (i = 0; i < s->nreqs; i++)
			if (l->req_grp[i] == g && i != l->grp_req[g]) {
				tk_buf_printf(&l->text, "\n%s", s->reqs[i].text ? s->reqs[i].text : "");
				if (s->reqs[i].points)
					tk_buf_printf(&l->text, "\n%s", s->reqs[i].points);
			}
		tk_buf_putc(&l->text, '\0');
	}
	if (l->text.oom) {
		free(off);
		return 0;
	}
	for (g = 0; g < l->ngroups; g++) {
		l->groups[g].text = l->text.s + off[g];
		l->groups[g].group = NULL;
	}
	free(off);
	return 1;
}

/* Scores as the bank's ranking reports them, times a query's weight. */
struct acc {
	double *v;
	int n;
	double w;
};

static void add_score(void *ud, int index, double score)
{
	struct acc *a = ud;

	if (index >= 0 && index < a->n)
		a->v[index] += a->w * score;
}

/* The plain text of a fragment, appended with a line break. */
static void add_text(struct tk_buf *b, const char *fragment)
{
	char *t;

	if (fragment == NULL || !fragment[0])
		return;
	t = tk_fragment_text(fragment);
	if (t == NULL) {
		b->oom = 1;
		return;
	}
	tk_buf_puts(b, t);
	tk_buf_putc(b, '\n');
	free(t);
}

/* The two texts of an item queried: what it asks and answers; the rest. */
static void item_texts(const struct tk_item *it, struct tk_buf *main, struct tk_buf *extra)
{
	int i;

	add_text(main, it->stem);
	if (it->type == TK_SINGLE || it->type == TK_MULTIPLE) {
		for (i = 0; i < it->noptions; i++)
			if (it->answer && strchr(it->answer, it->options[i].key))
				add_text(main, it->options[i].text);
	} else if (it->type != TK_TRUEFALSE) {
		add_text(main, it->answer);
	}
	for (i = 0; i < it->noptions; i++)
		add_text(extra, it->options[i].text);
	add_text(extra, it->explanation);
	for (i = 0; i < it->nkeywords; i++) {
		tk_buf_puts(extra, it->keywords[i]);
		tk_buf_putc(extra, '\n');
	}
	for (i = 0; i < it->nrubric; i++)
		add_text(extra, it->rubric[i].text);
}

struct ranked {
	int req;
	double score;
};

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return (x->req > y->req) - (x->req < y->req);
}

/* May an item of kind at level carry code reqs[i]?  (tk_standard_find's rule) */
static int candidate(const struct tk_standard *s, int i, int level, int kind)
{
	const struct tk_req *r = &s->reqs[i];

	if (kind == TK_SKILL)
		return r->type == TK_REQ_SKILL && r->level == level;
	return (r->type == TK_REQ_KNOWLEDGE && r->level == level) ||
	       r->type == TK_REQ_BASIC || r->type == TK_REQ_BASIC_GROUP;
}

int tk_suggest(struct tk_bank *b, const struct tk_standard *s, const struct tk_item *it,
	       struct tk_suggestion *out, int max, int *n, struct tk_error *err)
{
	struct layout l;
	struct tk_buf main = TK_BUF_INIT, extra = TK_BUF_INIT;
	struct acc rows = {NULL, 0, 0}, groups = {NULL, 0, 0};
	struct ranked *rk = NULL;
	double *best = NULL;
	char *q[2] = {NULL, NULL};
	int level = tk_standard_level(s, it->level), current = 0, rc = TK_OK, i, k, nrk = 0;

	*n = 0;
	if (level < 0)
		return tk_error_set(err, TK_EINPUT, it->file, it->line,
				    "item '%s': level '%s' is not a level of %s", it->id ? it->id : "?",
				    it->level ? it->level : "", s->id);
	if (it->kind != TK_THEORY && it->kind != TK_SKILL)
		return tk_error_set(err, TK_EINPUT, it->file, it->line,
				    "item '%s': unknown paper kind", it->id ? it->id : "?");
	if ((rc = tk_bank_req_current(b, s->id, s->hash, &current, err)) != TK_OK)
		return rc;
	if (!layout_make(s, !current, &l)) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	if (!current && (rc = tk_bank_req_index(b, s->id, s->hash, l.rows, l.nrows, l.groups,
						l.ngroups, err)) != TK_OK)
		goto out;
	item_texts(it, &main, &extra);
	rows.v = calloc((size_t)(l.nrows ? l.nrows : 1), sizeof *rows.v);
	groups.v = calloc((size_t)(l.ngroups ? l.ngroups : 1), sizeof *groups.v);
	best = calloc((size_t)(s->nreqs ? s->nreqs : 1), sizeof *best);
	rk = malloc((size_t)(s->nreqs ? s->nreqs : 1) * sizeof *rk);
	if (main.oom || extra.oom || !rows.v || !groups.v || !best || !rk) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	rows.n = l.nrows;
	groups.n = l.ngroups;
	q[0] = tk_fts_any(tk_buf_str(&main), MAX_TERMS);
	q[1] = tk_fts_any(tk_buf_str(&extra), MAX_TERMS);
	for (k = 0; k < 2 && rc == TK_OK; k++) {
		if (q[k] == NULL)
			continue;
		rows.w = groups.w = k ? W_EXTRA : 1.0;
		rc = tk_bank_req_rank(b, TK_REQ_ROWS, q[k], 1.0, W_GROUP_COLUMN, add_score, &rows,
				      err);
		if (rc == TK_OK)
			rc = tk_bank_req_rank(b, TK_REQ_GROUPS, q[k], 1.0, 0, add_score, &groups, err);
	}
	if (rc != TK_OK)
		goto out;
	/* a code is as close as its closest text, and leans to its task */
	for (i = 0; i < l.nrows; i++)
		if (rows.v[i] > best[l.row_req[i]])
			best[l.row_req[i]] = rows.v[i];
	for (i = 0; i < s->nreqs; i++) {
		double score;
		if (l.req_grp[i] < 0 || !candidate(s, i, level, it->kind))
			continue;
		score = best[i] + W_GROUP * groups.v[l.req_grp[i]];
		if (score <= 0)
			continue;
		rk[nrk].req = i;
		rk[nrk++].score = score;
	}
	qsort(rk, (size_t)nrk, sizeof *rk, cmp_ranked);
	for (i = 0; i < nrk && i < max; i++) {
		const struct tk_req *r = &s->reqs[rk[i].req];
		int basic = r->type == TK_REQ_BASIC || r->type == TK_REQ_BASIC_GROUP;
		snprintf(out[i].code, sizeof out[i].code, "%s%s", basic ? "B" : "", r->code);
		out[i].req = r;
		out[i].score = rk[i].score;
	}
	*n = i;
out:
	free(q[0]);
	free(q[1]);
	free(rows.v);
	free(groups.v);
	free(best);
	free(rk);
	tk_buf_free(&main);
	tk_buf_free(&extra);
	layout_free(&l);
	return rc;
}
