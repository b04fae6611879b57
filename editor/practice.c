/*
 * practice.c -- a course's practice drawn and its tests assembled, behind
 * the wall between official papers and practice.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "assemble.h"
#include "blueprint.h"
#include "i18n.h"
#include "practice.h"

struct ctx {
	const struct tk_course *c;
	const struct tk_standard *s;
	struct tk_bank *b;
	int level;
	struct tk_diags *d;     /* never NULL here */
	struct tk_error *err;
	int failed;             /* an input problem was reported */
};

static void problem(struct ctx *x, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct ctx *x, int line, const char *fmt, ...)
{
	struct tk_buf b = TK_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	tk_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	tk_diags_add(x->d, TK_DIAG_ERROR, x->c->file, line, "%s", tk_buf_str(&b));
	if (!x->failed)
		tk_error_set(x->err, TK_EINPUT, x->c->file, line, "%s", tk_buf_str(&b));
	x->failed = 1;
	tk_buf_free(&b);
}

/* FNV-1a: a draw's seed when the course gives none, from what names it. */
static uint64_t name_seed(const char *a, const char *b)
{
	uint64_t h = 1469598103934665603ULL;
	const char *s;

	for (s = a; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	h = (h ^ '/') * 1099511628211ULL;
	for (s = b; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_ids(char **v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* count of pool (ids ordered by id) by a seeded partial shuffle; the
   drawn ids move into set, the rest are freed. */
static void draw(char **pool, int n, int count, uint64_t seed, struct tk_practice_set *set)
{
	struct tk_rng r;
	int i;

	tk_rng_seed(&r, seed);
	for (i = 0; i < count; i++) {
		int j = i + (int)tk_rng_below(&r, (uint64_t)(n - i));
		char *t = pool[i];
		pool[i] = pool[j];
		pool[j] = t;
	}
	for (i = count; i < n; i++)
		free(pool[i]);
	set->ids = pool;
	set->n = count;
}

static int lesson_practice(struct ctx *x, struct tk_practice *p, int i)
{
	const struct tk_course_lesson *l = &x->c->lessons[i];
	const struct tk_course_practice *pr = &l->practice;
	struct tk_practice_set *set = &p->lessons[i];
	struct tk_diags d = TK_DIAGS_INIT;
	char **pool = NULL;
	int n = 0, k, rc = TK_OK;

	if (pr->mode == TK_PRACTICE_ITEMS) {
		if ((rc = tk_course_check_fixed(x->c, x->s, x->level, x->b, i, &d, x->err)) != TK_OK)
			goto out;
		for (k = 0; k < (int)d.n; k++)
			if (d.v[k].severity == TK_DIAG_ERROR)
				problem(x, d.v[k].line, "%s", d.v[k].msg);
		set->ids = calloc((size_t)pr->nitems + 1, sizeof *set->ids);
		if (set->ids == NULL)
			goto oom;
		for (k = 0; k < pr->nitems; k++) {
			int j;
			for (j = 0; j < set->n && strcmp(set->ids[j], pr->items[k]); j++)
				;
			if (j < set->n)
				continue;       /* listed twice: lint says so */
			if ((set->ids[set->n] = strdup(pr->items[k])) == NULL)
				goto oom;
			set->n++;
		}
	} else if (pr->mode == TK_PRACTICE_DRAW) {
		if ((rc = tk_course_draw_pool(x->c, x->s, i, x->b, &pool, &n, x->err)) != TK_OK)
			goto out;
		if (n < pr->count) {
			problem(x, pr->line, _("lesson '%s' draws %d practice items, but the bank has %d "
					       "that fit (approved, on the lesson's codes, of the types "
					       "and difficulty asked, on no official batch)"),
				l->id, pr->count, n);
			free_ids(pool, n);
			goto out;
		}
		set->seed = pr->seed ? pr->seed : name_seed(x->c->id, l->id);
		draw(pool, n, pr->count, set->seed, set);
	}
	goto out;
oom:
	rc = tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
out:
	tk_diags_free(&d);
	return rc;
}

static int assemble_test(struct ctx *x, const struct tk_course_test *t, const char *name,
			 struct tk_practice_test *out)
{
	struct tk_blueprint *bp = NULL;
	struct tk_diags bd = TK_DIAGS_INIT;
	struct tk_assemble_opts o;
	struct tk_error e = {0};
	struct tk_buf path = TK_BUF_INIT;
	int rc = TK_OK, k;

	tk_buf_printf(&path, "%s/%s", x->c->dir, t->blueprint);
	if (tk_blueprint_load(tk_buf_str(&path), &bp, &bd, &e) != TK_OK) {
		problem(x, t->line, _("blueprint '%s' cannot be read: %s"), t->blueprint, e.msg);
		goto out;
	}
	if (strcmp(bp->standard, x->s->id)) {
		problem(x, t->line, _("blueprint '%s' is for standard '%s', not '%s'"), t->blueprint,
			bp->standard, x->s->id);
		goto out;
	}
	if (tk_standard_level(x->s, bp->level) != x->level) {
		problem(x, t->line, _("blueprint '%s' is for level %s, not %s"), t->blueprint,
			bp->level, x->s->levels[x->level].name);
		goto out;
	}
	if (tk_blueprint_resolve(bp, x->s, &bd, &e) != TK_OK) {
		problem(x, t->line, _("blueprint '%s' does not fit the standard: %s"), t->blueprint,
			bd.n ? bd.v[0].msg : e.msg);
		goto out;
	}
	tk_diags_free(&bd);
	memset(&o, 0, sizeof o);
	o.seed = t->seed ? t->seed : name_seed(x->c->id, name);
	/* no batch: a practice paper, which the assembler keeps off the
	   committed official forms (unless the blueprint allows them) */
	rc = tk_assemble(x->b, x->s, bp, &o, &out->paper, &bd, &e);
	if (rc == TK_FAIL || rc == TK_EINPUT) {
		struct tk_buf why = TK_BUF_INIT;
		for (k = 0; k < (int)bd.n && k < 3; k++)
			tk_buf_printf(&why, "%s%s", k ? "; " : "", bd.v[k].msg);
		problem(x, t->line, _("the bank cannot make the %s of blueprint '%s' from practice "
				      "items: %s"), name, t->blueprint,
			why.len ? tk_buf_str(&why) : e.msg);
		tk_buf_free(&why);
		rc = TK_OK;
	} else if (rc != TK_OK) {
		*x->err = e;
	}
out:
	tk_diags_free(&bd);
	tk_buf_free(&path);
	tk_blueprint_free(bp);
	return rc;
}

static int add_test(struct ctx *x, struct tk_practice *p, const struct tk_course_test *t,
		    int kind, int module)
{
	struct tk_practice_test *v = &p->tests[p->ntests];
	struct tk_buf id = TK_BUF_INIT;
	int rc;

	if (t->blueprint == NULL)
		return TK_OK;
	if (kind == TK_TEST_EXAM)
		tk_buf_puts(&id, "exam");
	else
		tk_buf_printf(&id, "test-%s", x->c->modules[module].id);
	v->kind = kind;
	v->module = module;
	if ((v->id = tk_buf_detach(&id)) == NULL)
		return tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
	p->ntests++;
	rc = assemble_test(x, t, v->id, v);
	return rc;
}

static int cmp_item(const void *a, const void *b)
{
	return strcmp((*(struct tk_item *const *)a)->id, (*(struct tk_item *const *)b)->id);
}

const struct tk_item *tk_practice_item(const struct tk_practice *p, const char *id)
{
	struct tk_item key, *kp = &key, **hit;

	key.id = (char *)id;
	hit = bsearch(&kp, p->items, (size_t)p->nitems, sizeof *p->items, cmp_item);
	return hit ? *hit : NULL;
}

/* Gather every item once: the lessons' from the bank, the tests' from
   their papers (which carry the version they drew). */
static int gather(struct ctx *x, struct tk_practice *p)
{
	char **ids = NULL;
	int nids = 0, i, k, rc = TK_OK, oom = 0;
	struct tk_buf dg = TK_BUF_INIT;

	for (i = 0; i < p->nlessons; i++)
		for (k = 0; k < p->lessons[i].n; k++)
			if (!tk_item_strlist_add(&ids, &nids, p->lessons[i].ids[k]))
				oom = 1;
	for (i = 0; i < p->ntests; i++) {
		const struct tk_paper *pp = p->tests[i].paper;
		int s, j;
		for (s = 0; pp && s < pp->nsections; s++)
			for (j = 0; j < pp->sections[s].nitems; j++)
				if (!tk_item_strlist_add(&ids, &nids, pp->sections[s].items[j]->id))
					oom = 1;
	}
	if (oom)
		goto oom;
	if (nids)
		qsort(ids, (size_t)nids, sizeof *ids, cmp_str);
	p->items = calloc((size_t)nids + 1, sizeof *p->items);
	if (p->items == NULL)
		goto oom;
	for (i = 0; i < nids; i++) {
		struct tk_item *it = NULL;
		if (i > 0 && !strcmp(ids[i], ids[i - 1]))
			continue;
		if ((rc = tk_bank_get_item(x->b, ids[i], &it, x->err)) != TK_OK)
			goto out;
		if (it == NULL) {       /* checked above: only a race gets here */
			problem(x, x->c->line, _("practice item '%s' is not in the bank"), ids[i]);
			continue;
		}
		p->items[p->nitems++] = it;
		tk_buf_printf(&dg, "%s\t%d\n", it->id, it->version);
	}
	tk_digest_hex(tk_buf_str(&dg), dg.len, p->bank_digest);
	if (dg.oom)
		goto oom;
	goto out;
oom:
	rc = tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
out:
	free_ids(ids, nids);
	tk_buf_free(&dg);
	return rc;
}

int tk_practice_resolve(const struct tk_course *c, const struct tk_standard *s,
			struct tk_bank *b, struct tk_practice **out, struct tk_diags *d,
			struct tk_error *err)
{
	struct tk_diags own = TK_DIAGS_INIT;
	struct tk_practice *p;
	struct ctx x;
	int i, rc = TK_OK;

	*out = NULL;
	memset(&x, 0, sizeof x);
	x.c = c;
	x.s = s;
	x.b = b;
	x.d = d ? d : &own;
	x.err = err;
	if (strcmp(c->standard, s->id))
		return tk_error_set(err, TK_EINPUT, c->file, c->line,
				    _("the course follows standard '%s', not '%s'"), c->standard, s->id);
	if ((x.level = tk_course_level(c, s, err)) < 0)
		return TK_EINPUT;
	p = calloc(1, sizeof *p);
	if (p == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	p->nlessons = c->nlessons;
	p->lessons = calloc((size_t)c->nlessons + 1, sizeof *p->lessons);
	p->tests = calloc((size_t)c->nmodules + 2, sizeof *p->tests);
	if (p->lessons == NULL || p->tests == NULL) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < c->nlessons && rc == TK_OK; i++)
		rc = lesson_practice(&x, p, i);
	for (i = 0; i < c->nmodules && rc == TK_OK; i++)
		rc = add_test(&x, p, &c->modules[i].test, TK_TEST_MODULE, i);
	if (rc == TK_OK)
		rc = add_test(&x, p, &c->exam, TK_TEST_EXAM, -1);
	if (rc == TK_OK && !x.failed)
		rc = gather(&x, p);
	if (rc == TK_OK && x.failed)
		rc = TK_EINPUT;
out:
	tk_diags_free(&own);
	if (rc != TK_OK) {
		tk_practice_free(p);
		return rc;
	}
	*out = p;
	return TK_OK;
}

void tk_practice_free(struct tk_practice *p)
{
	int i;

	if (p == NULL)
		return;
	for (i = 0; p->lessons && i < p->nlessons; i++)
		free_ids(p->lessons[i].ids, p->lessons[i].n);
	free(p->lessons);
	for (i = 0; i < p->ntests; i++) {
		free(p->tests[i].id);
		tk_paper_free(p->tests[i].paper);
	}
	free(p->tests);
	for (i = 0; i < p->nitems; i++)
		tk_item_free(p->items[i]);
	free(p->items);
	free(p);
}
