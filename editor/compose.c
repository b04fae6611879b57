/*
 * compose.c -- papers built by hand, kept in the bank.
 *
 * A paper composed by hand is a practice paper (only a batch's forms are
 * official), and every item added must keep every rule the assembler
 * keeps: level, kind, status, section and points, an area of the weight
 * table, the section's count, the area's points, enemies, the exposure
 * rule, the wall against committed official items, the time.  An item
 * is refused when it would break one; a paper still short of items is
 * fine (the validator says what it lacks).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blueprint.h"
#include "compose.h"
#include "exposure.h"

struct draft {
	char *standard, *title, *blueprint_xml;
	char **items;
	int n;
	struct tk_blueprint *bp;
	struct tk_standard *s;
};

static void draft_free(struct draft *d)
{
	int i;

	free(d->standard);
	free(d->title);
	free(d->blueprint_xml);
	for (i = 0; i < d->n; i++)
		free(d->items[i]);
	free(d->items);
	tk_blueprint_free(d->bp);
	tk_standard_free(d->s);
	memset(d, 0, sizeof *d);
}

static int draft_load(struct tk_bank *b, const char *id, struct draft *d, struct tk_error *err)
{
	char name[160];
	int rc;

	memset(d, 0, sizeof *d);
	if ((rc = tk_bank_get_paper(b, id, &d->standard, &d->title, &d->blueprint_xml,
				    &d->items, &d->n, err)) != TK_OK)
		return rc;
	snprintf(name, sizeof name, "paper %s (blueprint)", id);
	if ((rc = tk_blueprint_parse(d->blueprint_xml, strlen(d->blueprint_xml), name, &d->bp,
				     NULL, err)) != TK_OK ||
	    (rc = tk_bank_get_standard(b, d->standard, &d->s, err)) != TK_OK)
		return rc;
	return tk_blueprint_resolve(d->bp, d->s, NULL, err);
}

/*
 * Open the paper for a change: the write lock first, then the paper read
 * under it, so that two commands changing one paper queue up and neither
 * writes over what the other added.
 */
static int draft_open(struct tk_bank *b, const char *id, const char *summary, struct draft *d,
		      struct tk_error *err)
{
	int rc;

	memset(d, 0, sizeof *d);
	if ((rc = tk_bank_begin(b, "paper", summary, err)) != TK_OK)
		return rc;
	if ((rc = draft_load(b, id, d, err)) != TK_OK)
		tk_bank_rollback(b);
	return rc;
}

/* Close what draft_open opened: the paper stored and committed when rc is
   TK_OK, else nothing kept. */
static int draft_close(struct tk_bank *b, const char *id, const struct draft *d, int rc,
		       struct tk_error *err)
{
	if (rc == TK_OK)
		rc = tk_bank_put_paper(b, id, d->standard, d->title, d->blueprint_xml, d->items,
				       d->n, err);
	if (rc == TK_OK)
		return tk_bank_commit(b, err);
	tk_bank_rollback(b);
	return rc;
}

int tk_compose_new(struct tk_bank *b, const char *id, const char *blueprint_path,
		   const char *title, struct tk_error *err)
{
	struct tk_blueprint *bp = NULL;
	struct tk_standard *s = NULL;
	char *xml = NULL, *st = NULL, *ti = NULL, *bx = NULL, **items = NULL, summary[200];
	size_t len;
	int rc, n = 0;
	struct tk_error probe = {0};

	if ((rc = tk_read_file(blueprint_path, &xml, &len, err)) != TK_OK ||
	    (rc = tk_blueprint_parse(xml, len, blueprint_path, &bp, NULL, err)) != TK_OK ||
	    (rc = tk_bank_get_standard(b, bp->standard, &s, err)) != TK_OK ||
	    (rc = tk_blueprint_resolve(bp, s, NULL, err)) != TK_OK)
		goto out;
	/* under the write lock: of two `paper new` of one id, the second sees the first */
	snprintf(summary, sizeof summary, "new paper %s", id);
	if ((rc = tk_bank_begin(b, "paper", summary, err)) != TK_OK)
		goto out;
	if (tk_bank_get_paper(b, id, &st, &ti, &bx, &items, &n, &probe) == TK_OK)
		rc = tk_error_set(err, TK_EINPUT, tk_bank_path(b), 0, "a paper '%s' exists already", id);
	else
		rc = tk_bank_put_paper(b, id, s->id, title ? title : bp->title, xml, NULL, 0, err);
	if (rc == TK_OK)
		rc = tk_bank_commit(b, err);
	else
		tk_bank_rollback(b);
out:
	while (n > 0)
		free(items[--n]);
	free(items);
	free(st);
	free(ti);
	free(bx);
	free(xml);
	tk_blueprint_free(bp);
	tk_standard_free(s);
	return rc;
}

/* The section an item goes to, or -1 with why in err. */
static int fits(const struct draft *d, const struct tk_item *it, struct tk_error *err)
{
	const struct tk_blueprint *bp = d->bp;
	int i, level = tk_standard_level(d->s, it->level);
	char a[16], b2[16];

	if (strcmp(it->standard, d->s->id))
		return tk_error_set(err, TK_EINPUT, NULL, 0, "item '%s' belongs to standard %s",
				    it->id, it->standard), -1;
	/* the same wall as the assembler's: untagged items wait for a code */
	if (it->ncodes == 0)
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    "item '%s' is untagged: an item without a requirement code goes "
				    "on no paper until it is tagged (tiku suggest %s)", it->id,
				    it->id), -1;
	if (level != bp->level_index || it->kind != bp->kind)
		return tk_error_set(err, TK_EINPUT, NULL, 0, "item '%s' is %s %s; the paper is %s %s",
				    it->id, it->level, tk_kind_name(it->kind),
				    d->s->levels[bp->level_index].id, tk_kind_name(bp->kind)), -1;
	if (!(bp->statuses & (1 << it->status)))
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    "item '%s' is %s; the blueprint takes only other statuses",
				    it->id, tk_status_name(it->status)), -1;
	for (i = 0; i < bp->nsections; i++)
		if (bp->sections[i].type == it->type) {
			if (bp->sections[i].points && bp->sections[i].points != it->points)
				return tk_error_set(err, TK_EINPUT, NULL, 0,
						    "item '%s' is worth %s points; the %s section takes %s",
						    it->id, tk_points_format(it->points, a),
						    tk_type_name(it->type),
						    tk_points_format(bp->sections[i].points, b2)), -1;
			return i;
		}
	return tk_error_set(err, TK_EINPUT, NULL, 0, "the blueprint has no %s section for item '%s'",
			    tk_type_name(it->type), it->id), -1;
}

/* The paper's items as the bank has them, and the exposure of all. */
struct context {
	struct tk_item **v;
	int n;
	char **exposed;         /* ids on committed official batches, sorted */
	int *uses;
	int nexposed;
};

static void context_free(struct context *c)
{
	int i;

	for (i = 0; i < c->n; i++)
		tk_item_free(c->v[i]);
	free(c->v);
	for (i = 0; i < c->nexposed; i++)
		free(c->exposed[i]);
	free(c->exposed);
	free(c->uses);
	memset(c, 0, sizeof *c);
}

static int context_load(struct tk_bank *b, const struct draft *d, struct context *c,
			struct tk_error *err)
{
	int i, rc;

	memset(c, 0, sizeof *c);
	if ((rc = tk_bank_exposure_uses(b, &c->exposed, &c->uses, &c->nexposed, err)) != TK_OK)
		return rc;
	if ((c->v = calloc((size_t)d->n + 1, sizeof *c->v)) == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	for (i = 0; i < d->n; i++) {
		if ((rc = tk_bank_get_item(b, d->items[i], &c->v[c->n], err)) != TK_OK)
			return rc;
		if (c->v[c->n])        /* gone from the bank: the validator says */
			c->n++;
	}
	return TK_OK;
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The target (index in bp->targets) an item's first code counts in, or -1. */
static int target_of(const struct draft *d, const struct tk_item *it)
{
	int a = it->ncodes ? tk_standard_code_area(d->s, d->bp->kind, d->bp->level_index,
						   it->codes[0]) : -1, t;

	for (t = 0; a >= 0 && t < d->bp->ntargets; t++)
		if (d->bp->targets[t].area == a)
			return t;
	return -1;
}

static int fits(const struct draft *d, const struct tk_item *it, struct tk_error *err);

/*
 * Every rule of the blueprint it must keep to join the paper, whose items
 * are c's but skip (the one a swap replaces; may be NULL).
 */
static int admit(struct tk_bank *b, const struct draft *d, const struct context *c,
		 const struct tk_item *it, const char *skip, struct tk_error *err)
{
	const struct tk_blueprint *bp = d->bp;
	char **at, *batch = NULL, *form = NULL, p1[16], p2[16];
	int sec, t, i, k, uses, insec = 0, rc;
	long points = it->points, seconds = tk_blueprint_item_seconds(bp, it);

	if ((sec = fits(d, it, err)) < 0)
		return TK_EINPUT;
	if ((t = target_of(d, it)) < 0)
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    "item '%s' counts in no area the blueprint gives weight to"
				    " (its code: %s)", it->id, it->ncodes ? it->codes[0] : "none");
	at = c->nexposed ? bsearch(&it->id, c->exposed, (size_t)c->nexposed, sizeof *c->exposed,
				   cmp_id) : NULL;
	uses = at ? c->uses[at - c->exposed] : 0;
	if (uses && (!bp->practice_official || !tk_blueprint_exposure_allows(bp, uses))) {
		if ((rc = tk_bank_item_official_form(b, it->id, &batch, &form, err)) != TK_OK)
			return rc;
		if (!bp->practice_official)
			rc = tk_error_set(err, TK_EINPUT, NULL, 0,
					  "item '%s' is on form %s of the committed official batch"
					  " '%s': a practice paper takes no official items",
					  it->id, form ? form : "?", batch ? batch : "?");
		else
			rc = tk_error_set(err, TK_EINPUT, NULL, 0,
					  "item '%s' is on %d committed official batches (the first:"
					  " '%s', form %s); the blueprint's exposure rule allows no more",
					  it->id, uses, batch ? batch : "?", form ? form : "?");
		free(batch);
		free(form);
		return rc;
	}
	for (i = 0; i < c->n; i++) {
		const struct tk_item *o = c->v[i];
		int enemy = 0;
		if (skip && !strcmp(o->id, skip))
			continue;
		for (k = 0; k < o->nenemies; k++)
			enemy |= !strcmp(o->enemies[k], it->id);
		for (k = 0; k < it->nenemies; k++)
			enemy |= !strcmp(it->enemies[k], o->id);
		if (enemy)
			return tk_error_set(err, TK_EINPUT, NULL, 0,
					    "item '%s' and item '%s' on the paper are enemies:"
					    " they must not share a paper", it->id, o->id);
		if (o->type == it->type)
			insec++;
		if (target_of(d, o) == t)
			points += o->points;
		seconds += tk_blueprint_item_seconds(bp, o);
	}
	if (bp->sections[sec].count && insec >= bp->sections[sec].count)
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    "the %s section has its %d items already; item '%s' does not fit",
				    tk_type_name(it->type), bp->sections[sec].count, it->id);
	if (points > bp->targets[t].points + bp->tolerance)
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    "item '%s' would give area %s %s points; the blueprint gives it %s",
				    it->id, d->s->weights[bp->kind].areas[bp->targets[t].area].name,
				    tk_points_format((int)points, p1),
				    tk_points_format(bp->targets[t].points, p2));
	if (seconds > tk_blueprint_time_limit(bp))
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    "item '%s' would make the items take %ld minutes; the paper has %d",
				    it->id, (seconds + 59) / 60, bp->duration);
	return TK_OK;
}

static int on_paper(const struct draft *d, const char *item)
{
	int i;

	for (i = 0; i < d->n; i++)
		if (!strcmp(d->items[i], item))
			return i;
	return -1;
}

static int check_item(struct tk_bank *b, const struct draft *d, const char *id,
		      const char *skip, struct tk_error *err)
{
	struct tk_item *it = NULL;
	struct context c;
	int rc;

	if ((rc = tk_bank_get_item(b, id, &it, err)) != TK_OK)
		return rc;
	if (it == NULL)
		return tk_error_set(err, TK_EINPUT, NULL, 0, "no item '%s' in the bank", id);
	if ((rc = context_load(b, d, &c, err)) == TK_OK)
		rc = admit(b, d, &c, it, skip, err);
	context_free(&c);
	tk_item_free(it);
	return rc;
}

int tk_compose_add(struct tk_bank *b, const char *id, char *const *items, int n,
		   struct tk_error *err)
{
	struct draft d;
	char summary[200];
	int rc, i;

	snprintf(summary, sizeof summary, "add %d item%s to paper %s", n, n == 1 ? "" : "s", id);
	if ((rc = draft_open(b, id, summary, &d, err)) != TK_OK)
		goto out;
	for (i = 0; i < n && rc == TK_OK; i++) {
		if (on_paper(&d, items[i]) >= 0) {
			rc = tk_error_set(err, TK_EINPUT, NULL, 0, "item '%s' is on paper %s already",
					  items[i], id);
			break;
		}
		if ((rc = check_item(b, &d, items[i], NULL, err)) == TK_OK &&
		    !tk_item_strlist_add(&d.items, &d.n, items[i]))
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	rc = draft_close(b, id, &d, rc, err);
out:
	draft_free(&d);
	return rc;
}

int tk_compose_remove(struct tk_bank *b, const char *id, char *const *items, int n,
		      struct tk_error *err)
{
	struct draft d;
	char summary[200];
	int rc, i, at;

	snprintf(summary, sizeof summary, "remove %d item%s from paper %s", n, n == 1 ? "" : "s", id);
	if ((rc = draft_open(b, id, summary, &d, err)) != TK_OK)
		goto out;
	for (i = 0; i < n && rc == TK_OK; i++) {
		if ((at = on_paper(&d, items[i])) < 0) {
			rc = tk_error_set(err, TK_EINPUT, NULL, 0, "item '%s' is not on paper %s",
					  items[i], id);
			break;
		}
		free(d.items[at]);
		memmove(d.items + at, d.items + at + 1, (size_t)(d.n - at - 1) * sizeof *d.items);
		d.n--;
	}
	rc = draft_close(b, id, &d, rc, err);
out:
	draft_free(&d);
	return rc;
}

int tk_compose_swap(struct tk_bank *b, const char *id, const char *old,
		    const char *new_item, struct tk_error *err)
{
	struct draft d;
	char summary[300];
	int rc, at;

	snprintf(summary, sizeof summary, "swap %s for %s on paper %s", old, new_item, id);
	if ((rc = draft_open(b, id, summary, &d, err)) != TK_OK)
		goto out;
	if ((at = on_paper(&d, old)) < 0)
		rc = tk_error_set(err, TK_EINPUT, NULL, 0, "item '%s' is not on paper %s", old, id);
	else if (on_paper(&d, new_item) >= 0)
		rc = tk_error_set(err, TK_EINPUT, NULL, 0, "item '%s' is on paper %s already",
				  new_item, id);
	else if ((rc = check_item(b, &d, new_item, old, err)) == TK_OK) {
		free(d.items[at]);
		if ((d.items[at] = tk_strdup(new_item)) == NULL)
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	rc = draft_close(b, id, &d, rc, err);
out:
	draft_free(&d);
	return rc;
}

int tk_compose_delete(struct tk_bank *b, const char *id, struct tk_error *err)
{
	struct draft d;
	char summary[200];
	int rc;

	snprintf(summary, sizeof summary, "delete paper %s", id);
	if ((rc = draft_open(b, id, summary, &d, err)) == TK_OK) {
		rc = tk_bank_put_paper(b, id, NULL, NULL, NULL, NULL, 0, err);
		if (rc == TK_OK)
			rc = tk_bank_commit(b, err);
		else
			tk_bank_rollback(b);
	}
	draft_free(&d);
	return rc;
}

int tk_compose_paper(struct tk_bank *b, const char *id, struct tk_paper **out,
		     struct tk_error *err)
{
	struct draft d;
	struct tk_paper *p = NULL;
	struct tk_buf dg = TK_BUF_INIT;
	int rc, i, s;

	*out = NULL;
	if ((rc = draft_load(b, id, &d, err)) != TK_OK)
		goto out;
	if ((p = calloc(1, sizeof *p)) == NULL ||
	    (p->sections = calloc((size_t)d.bp->nsections, sizeof *p->sections)) == NULL) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	p->id = tk_strdup(id);
	p->title = tk_strdup(d.title);
	p->standard = tk_strdup(d.s->id);
	p->level = tk_strdup(d.s->levels[d.bp->level_index].id);
	p->kind = tk_strdup(tk_kind_name(d.bp->kind));
	p->blueprint = tk_strdup(d.bp->id);
	snprintf(p->blueprint_digest, sizeof p->blueprint_digest, "%s", d.bp->hash);
	p->points = d.bp->points;
	p->duration = d.bp->duration;
	p->tolerance = d.bp->tolerance;
	p->statuses = d.bp->statuses;
	p->max_shared = 1;
	if (d.bp->explicit_areas) {
		p->area_ids = calloc((size_t)d.bp->nareas, sizeof *p->area_ids);
		p->area_weights = calloc((size_t)d.bp->nareas, sizeof *p->area_weights);
		for (i = 0; p->area_ids && p->area_weights && i < d.bp->nareas; i++) {
			p->area_ids[i] = tk_strdup(d.bp->area_ids[i]);
			p->area_weights[i] = d.bp->area_weights[i];
			p->nareas++;
		}
	}
	p->nsections = d.bp->nsections;
	if ((rc = tk_blueprint_stamp(d.bp, d.s, p, err)) != TK_OK)
		goto out;
	for (s = 0; s < d.bp->nsections; s++) {
		p->sections[s].type = d.bp->sections[s].type;
		p->sections[s].points = d.bp->sections[s].points;
		p->sections[s].title = tk_strdup(d.bp->sections[s].title);
		p->sections[s].instructions = tk_strdup(d.bp->sections[s].instructions);
		p->sections[s].items = calloc((size_t)(d.n ? d.n : 1), sizeof *p->sections[s].items);
		if (p->sections[s].items == NULL) {
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			goto out;
		}
	}
	for (i = 0; i < d.n && rc == TK_OK; i++) {
		struct tk_item *it = NULL;
		char hash[65];
		if ((rc = tk_bank_get_item(b, d.items[i], &it, err)) != TK_OK)
			break;
		if (it == NULL) {
			rc = tk_error_set(err, TK_EINPUT, NULL, 0,
					  "paper %s names item '%s', which is not in the bank", id,
					  d.items[i]);
			break;
		}
		for (s = 0; s < p->nsections && p->sections[s].type != it->type; s++)
			;
		if (s == p->nsections)
			s = 0;  /* a type the blueprint lost: the validator will say */
		free(it->file);
		it->file = NULL;
		it->line = 0;
		tk_item_hash(it, hash);
		tk_buf_printf(&dg, "%s\t%s\n", it->id, hash);
		p->sections[s].items[p->sections[s].nitems++] = it;
	}
	tk_digest_hex(tk_buf_str(&dg), dg.len, p->bank_digest);
out:
	tk_buf_free(&dg);
	draft_free(&d);
	if (rc != TK_OK)
		tk_paper_free(p);
	else
		*out = p;
	return rc;
}

int tk_compose_suggest(struct tk_bank *b, const char *id, const char *old,
		       struct tk_paper *const *avoid, int navoid, const char *since,
		       char ***ids, int *n, struct tk_error *err)
{
	struct draft d;
	struct tk_item *o = NULL, **onp = NULL;
	char **kept = NULL;
	int nkept = 0;
	const struct tk_req *r;
	struct tk_query q;
	struct tk_itemset pool = {0};
	struct context cx;
	struct tk_error ignore;
	int rc, area, i, k, e;
	size_t j;

	memset(&cx, 0, sizeof cx);

	*ids = NULL;
	*n = 0;
	if ((rc = draft_load(b, id, &d, err)) != TK_OK)
		goto out;
	if (on_paper(&d, old) < 0) {
		rc = tk_error_set(err, TK_EINPUT, NULL, 0, "item '%s' is not on paper %s", old, id);
		goto out;
	}
	if ((rc = tk_bank_get_item(b, old, &o, err)) != TK_OK || o == NULL) {
		if (rc == TK_OK)
			rc = tk_error_set(err, TK_EINPUT, NULL, 0, "no item '%s' in the bank", old);
		goto out;
	}
	r = o->ncodes ? tk_standard_find(d.s, d.bp->level_index, d.bp->kind, o->codes[0]) : NULL;
	area = r ? tk_standard_area(d.s, d.bp->kind, d.bp->level_index, r) : -1;
	/* the paper's other items, for their enemies */
	onp = calloc((size_t)(d.n ? d.n : 1), sizeof *onp);
	for (i = 0; onp && i < d.n && rc == TK_OK; i++)
		rc = tk_bank_get_item(b, d.items[i], &onp[i], err);
	memset(&q, 0, sizeof q);
	q.standard = d.s->id;
	q.level = d.s->levels[d.bp->level_index].id;
	q.kind = tk_kind_name(d.bp->kind);
	q.type = tk_type_name(o->type);
	if (rc == TK_OK)
		rc = tk_bank_load_items(b, &q, &pool, err);
	if (rc == TK_OK)
		rc = context_load(b, &d, &cx, err);
	if (rc == TK_OK)
		rc = tk_exposure_avoid(b, avoid, navoid, since, &kept, &nkept, err);
	for (j = 0; rc == TK_OK && j < pool.n; j++) {
		struct tk_item *c = pool.items[j];
		const struct tk_req *cr;
		int ok = c->points == o->points && (d.bp->statuses & (1 << c->status)) &&
			 on_paper(&d, c->id) < 0 && !tk_exposure_has(kept, nkept, c->id);
		if (!ok)
			continue;
		cr = c->ncodes ? tk_standard_find(d.s, d.bp->level_index, d.bp->kind, c->codes[0]) : NULL;
		if (!cr || tk_standard_area(d.s, d.bp->kind, d.bp->level_index, cr) != area)
			continue;
		for (i = 0; ok && i < d.n; i++) {
			if (onp == NULL || onp[i] == NULL || !strcmp(onp[i]->id, old))
				continue;
			for (e = 0; e < c->nenemies; e++)
				ok &= strcmp(c->enemies[e], onp[i]->id) != 0;
			for (k = 0; k < onp[i]->nenemies; k++)
				ok &= strcmp(onp[i]->enemies[k], c->id) != 0;
		}
		/* and every other rule, as paper swap will check it */
		if (ok && admit(b, &d, &cx, c, old, &ignore) != TK_OK)
			ok = 0;
		if (ok && !tk_item_strlist_add(ids, n, c->id))
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
out:
	while (nkept > 0)
		free(kept[--nkept]);
	free(kept);
	for (i = 0; onp && i < d.n; i++)
		tk_item_free(onp[i]);
	free(onp);
	tk_item_free(o);
	tk_itemset_free(&pool);
	context_free(&cx);
	draft_free(&d);
	return rc;
}
