/*
 * assemble.c -- exact, seeded assembly of papers from a blueprint.
 *
 * The weight table and the sections together form a small integer
 * problem: with x[s][a] items of section s from area a, every section
 * gets its count (sum over a) and every area its points (sum over s of
 * x times the section's points, plus items of free sections at their own
 * points).  A randomized depth-first search over the areas finds such a
 * matrix; the items of each cell are then drawn uniformly (free sections:
 * a uniformly drawn subset with the right sum, by dynamic programming).
 * A local search finally swaps items within their cells -- which keeps
 * every count and every area's points -- until the difficulty target,
 * the bands, the enemies, the expected time and the overlap with earlier
 * forms hold.
 *
 * Which items are eligible at all -- status, a section, an area of the
 * weight table, the exposure rule and the wall between official and
 * practice papers -- is decided here, on every route, from the bank.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "assemble.h"
#include "exposure.h"
#include "i18n.h"
#include "util.h"

/* ---- the generator: xoshiro256**, seeded through splitmix64 -------- */

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void tk_rng_seed(struct tk_rng *r, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t tk_rng_next(struct tk_rng *r)
{
	uint64_t *s = r->s, result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t tk_rng_below(struct tk_rng *r, uint64_t n)
{
	uint64_t limit = UINT64_MAX - UINT64_MAX % n, v;

	do
		v = tk_rng_next(r);
	while (v >= limit);
	return v % n;
}

static double rng_unit(struct tk_rng *r)
{
	return (double)(tk_rng_next(r) >> 11) / 9007199254740992.0;
}

uint64_t tk_assemble_seed(void)
{
	uint64_t s = 0;
	int fd = open("/dev/urandom", O_RDONLY);

	if (fd >= 0) {
		if (read(fd, &s, sizeof s) != (ssize_t)sizeof s)
			s = 0;
		close(fd);
	}
	/* seeds are printed and typed: keep them to 12 digits */
	return s % 1000000000000ULL;
}

/* ---- candidates ---------------------------------------------------- */

struct cand {
	char *id;
	int section;            /* index in bp->sections */
	int target;             /* index in bp->targets */
	int points;             /* tenths */
	int difficulty;
	int seconds;            /* expected time */
	char hash[65];
	int *enemies;           /* candidate indices */
	int nenemies;
	uint32_t used;          /* bit k: on previous form k */
	int chosen;
};

struct ctx {
	const struct tk_standard *s;
	const struct tk_blueprint *bp;
	const struct tk_assemble_opts *o;
	struct tk_rng rng;
	struct cand *c;
	int n;
	int nt, ns;             /* targets, sections */
	int **cell;             /* [s * nt + t] -> candidate indices */
	int *ncell;
	int *x;                 /* [s * nt + t] items drawn from a cell */
	int *order;             /* areas in search order */
	long nodes;
	struct tk_diags *why;
	char where[160];        /* "中级 theory", for messages */
	int walled_rule;        /* items the exposure rule kept out */
	int walled_practice;    /* official items kept off a practice paper */
	int avoided;            /* items of the papers to avoid, or printed since */
};

#define CELL(cx, s, t) ((s) * (cx)->nt + (t))

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int find_cand(const struct ctx *cx, const char *id)
{
	int lo = 0, hi = cx->n;

	while (lo < hi) {
		int mid = (lo + hi) / 2, c = strcmp(cx->c[mid].id, id);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int section_of(const struct tk_blueprint *bp, int type, int points)
{
	int i;

	for (i = 0; i < bp->nsections; i++)
		if (bp->sections[i].type == type &&
		    (bp->sections[i].points == 0 || bp->sections[i].points == points))
			return i;
	return -1;
}

/* Area (target index) of a first code, with a small cache: a bank has
   far more items than codes, and assembly asks once per eligible item,
   so the cache is a hash table rather than a list to walk. */
#define NCACHE 512

struct code_area {
	char code[32];
	int target;     /* -2: slot empty */
};

static int target_of(struct ctx *cx, struct code_area *cache, int *ncache,
		     const char *code)
{
	unsigned h = 2166136261u;
	size_t len = strlen(code), k;
	int i, a;

	for (k = 0; k < len; k++)
		h = (h ^ (unsigned char)code[k]) * 16777619u;
	for (k = h % NCACHE; cache[k].target != -2; k = (k + 1) % NCACHE)
		if (!strcmp(cache[k].code, code))
			return cache[k].target;
	a = tk_standard_code_area(cx->s, cx->bp->kind, cx->bp->level_index, code);
	for (i = 0; a >= 0 && i < cx->bp->ntargets; i++)
		if (cx->bp->targets[i].area == a)
			break;
	a = a >= 0 && i < cx->bp->ntargets ? i : -1;
	/* half full at most, so that a probe always meets an empty slot */
	if (*ncache < NCACHE / 2 && len < sizeof cache[0].code) {
		memcpy(cache[k].code, code, len + 1);
		cache[k].target = a;
		(*ncache)++;
	}
	return a;
}

/* Committed official batches an item is on, from the bank's list. */
struct exposure {
	char **ids;
	int *uses;
	int n;
};

static int uses_of(const struct exposure *x, const char *id)
{
	char **at = x->n ? bsearch(&id, x->ids, (size_t)x->n, sizeof *x->ids, cmp_str) : NULL;

	return at ? x->uses[at - x->ids] : 0;
}

/* The exposure rule (1), and the wall (2): a practice paper takes no
   official item unless its blueprint allows it. */
static int exposed(const struct ctx *cx, const struct exposure *x, const char *id)
{
	int uses = uses_of(x, id);

	if (uses == 0)
		return 0;
	if (!tk_blueprint_exposure_allows(cx->bp, uses))
		return 1;
	return cx->o->batch == NULL && !cx->bp->practice_official ? 2 : 0;
}

static void free_list(char **v, int n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}

/* What load_candidates() keeps while the bank walks the pool. */
struct pool_walk {
	struct ctx *cx;
	struct code_area cache[NCACHE];
	int ncache, cap;
	char **enemy_ids;       /* per candidate, its enemies as the bank lists them */
	char **avoid;
	int navoid;
	struct exposure x;
	struct tk_buf dg;       /* id and hash of each eligible item: the digest */
};

/* One item of the pool: a candidate when the blueprint may draw it. */
static int take(void *ud, const struct tk_bank_pool_row *row)
{
	struct pool_walk *w = ud;
	struct ctx *cx = w->cx;
	struct cand *c;
	size_t hl;
	int sec, t, k;

	/* an untagged item (no first code) is never drawn, whatever
	   statuses the blueprint takes: it waits for its code */
	if (row->status < 0 || !(cx->bp->statuses & (1 << row->status)) || row->code == NULL)
		return TK_OK;
	if ((sec = section_of(cx->bp, row->type, row->points)) < 0)
		return TK_OK;
	if ((t = target_of(cx, w->cache, &w->ncache, row->code)) < 0)
		return TK_OK;
	if ((k = exposed(cx, &w->x, row->id)) != 0) {
		if (k == 1)
			cx->walled_rule++;
		else
			cx->walled_practice++;
		return TK_OK;
	}
	if (tk_exposure_has(w->avoid, w->navoid, row->id)) {
		cx->avoided++;
		return TK_OK;
	}
	if (cx->n == w->cap) {
		int cap = w->cap ? w->cap * 2 : 256;
		struct cand *v = realloc(cx->c, (size_t)cap * sizeof *v);
		char **e;
		if (v == NULL)
			return TK_EINTERNAL;
		cx->c = v;
		if ((e = realloc(w->enemy_ids, (size_t)cap * sizeof *e)) == NULL)
			return TK_EINTERNAL;
		w->enemy_ids = e;
		w->cap = cap;
	}
	c = &cx->c[cx->n];
	memset(c, 0, sizeof *c);
	c->id = tk_strdup(row->id);
	c->section = sec;
	c->target = t;
	c->points = row->points;
	c->difficulty = row->difficulty;
	c->seconds = tk_blueprint_type_seconds(cx->bp, row->type, row->time);
	hl = strlen(row->hash);
	if (hl >= sizeof c->hash)
		hl = sizeof c->hash - 1;
	memcpy(c->hash, row->hash, hl);
	c->hash[hl] = 0;
	/* most items have no enemies: no copy of an empty list */
	w->enemy_ids[cx->n] = *row->enemies ? tk_strdup(row->enemies) : NULL;
	tk_buf_puts(&w->dg, row->id);
	tk_buf_putc(&w->dg, '\t');
	tk_buf_puts(&w->dg, c->hash);
	tk_buf_putc(&w->dg, '\n');
	cx->n++;
	return TK_OK;
}

/* Eligible items, ordered by id; the bank digest over what was eligible. */
static int load_candidates(struct ctx *cx, struct tk_bank *b, char digest[65],
			   struct tk_error *err)
{
	struct pool_walk w;
	char **enemy_ids;
	int r, i, k;

	memset(&w, 0, sizeof w);
	w.cx = cx;
	w.dg = (struct tk_buf)TK_BUF_INIT;
	for (i = 0; i < NCACHE; i++)
		w.cache[i].target = -2;
	if ((r = tk_exposure_avoid(b, cx->o->avoid, cx->o->navoid, cx->o->avoid_since, &w.avoid,
				   &w.navoid, err)) != TK_OK)
		return r;
	if ((r = tk_bank_exposure_uses(b, &w.x.ids, &w.x.uses, &w.x.n, err)) != TK_OK) {
		free_list(w.avoid, w.navoid);
		return r;
	}
	r = tk_bank_each_pool(b, cx->s->id, cx->s->levels[cx->bp->level_index].id, cx->bp->kind,
			      take, &w, err);
	free_list(w.x.ids, w.x.n);
	free(w.x.uses);
	free_list(w.avoid, w.navoid);
	enemy_ids = w.enemy_ids;
	if (r != TK_OK) {
		for (i = 0; i < cx->n; i++)
			free(enemy_ids[i]);
		free(enemy_ids);
		tk_buf_free(&w.dg);
		return r == TK_EINTERNAL && !err->code ?
		       tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") : r;
	}
	tk_digest_hex(tk_buf_str(&w.dg), w.dg.len, digest);
	tk_buf_free(&w.dg);
	/* the query ordered by id already; enemies become indices */
	for (i = 0; i < cx->n; i++) {
		char *tok, *save = NULL, *list = enemy_ids[i];
		for (tok = list ? strtok_r(list, " ", &save) : NULL; tok;
		     tok = strtok_r(NULL, " ", &save)) {
			int j = find_cand(cx, tok);
			int *v;
			if (j < 0 || j == i)
				continue;
			v = realloc(cx->c[i].enemies, (size_t)(cx->c[i].nenemies + 1) * sizeof *v);
			if (v == NULL)
				break;
			cx->c[i].enemies = v;
			v[cx->c[i].nenemies++] = j;
		}
		free(list);
	}
	free(enemy_ids);
	/* enemies work both ways: j names i, so i avoids j too */
	for (i = 0; i < cx->n; i++)
		for (k = 0; k < cx->c[i].nenemies; k++) {
			int j = cx->c[i].enemies[k], m, has = 0;
			int *v;
			for (m = 0; m < cx->c[j].nenemies; m++)
				has |= cx->c[j].enemies[m] == i;
			if (has)
				continue;
			v = realloc(cx->c[j].enemies, (size_t)(cx->c[j].nenemies + 1) * sizeof *v);
			if (v == NULL)
				continue;
			cx->c[j].enemies = v;
			v[cx->c[j].nenemies++] = i;
		}
	return TK_OK;
}

/* ---- the count matrix ---------------------------------------------- */

static void shuffle(struct tk_rng *r, int *v, int n)
{
	int i;

	for (i = n - 1; i > 0; i--) {
		int j = (int)tk_rng_below(r, (uint64_t)i + 1), t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
}

/* reach[t][v]: can free-section items of area t make v tenths? */
struct reach {
	unsigned char *ok;      /* [t * (max + 1) + v] */
	int max;
};

static int free_sections(const struct tk_blueprint *bp)
{
	int i;

	for (i = 0; i < bp->nsections; i++)
		if (bp->sections[i].count == 0)
			return 1;
	return 0;
}

static int build_reach(struct ctx *cx, struct reach *rc)
{
	int t, i, v;

	rc->max = cx->bp->points * 10;
	rc->ok = calloc((size_t)cx->nt * (size_t)(rc->max + 1), 1);
	if (rc->ok == NULL)
		return 0;
	for (t = 0; t < cx->nt; t++) {
		unsigned char *ok = rc->ok + (size_t)t * (size_t)(rc->max + 1);
		ok[0] = 1;
		for (i = 0; i < cx->n; i++) {
			const struct cand *c = &cx->c[i];
			if (c->target != t || cx->bp->sections[c->section].count != 0)
				continue;
			for (v = rc->max; v >= c->points; v--)
				ok[v] |= ok[v - c->points];
		}
	}
	return 1;
}

struct search {
	struct ctx *cx;
	struct reach *reach;
	const int *avail;       /* per cell, the most items it may give */
	int *quota;             /* per section, still to place */
	int limit_hit;
};

/* Place the areas order[k..]; x holds the choices so far. */
static int place(struct search *se, int k)
{
	struct ctx *cx = se->cx;
	int t, s, need, *combos = NULL, ncombos = 0, cap = 0, i, ok = 0;
	int fixed[16], nfixed = 0, vec[16];

	if (++cx->nodes > 200000) {
		se->limit_hit = 1;
		return 0;
	}
	if (k == cx->nt) {
		for (s = 0; s < cx->ns; s++)
			if (se->quota[s])
				return 0;
		return 1;
	}
	t = cx->order[k];
	need = cx->bp->targets[t].points;
	for (s = 0; s < cx->ns && nfixed < 16; s++)
		if (cx->bp->sections[s].count)
			fixed[nfixed++] = s;
	/* every vector over the fixed sections that fits this area */
	memset(vec, 0, sizeof vec);
	for (;;) {
		int sum = 0, fits = 1;
		for (i = 0; i < nfixed; i++)
			sum += vec[i] * cx->bp->sections[fixed[i]].points;
		if (sum <= need) {
			int r = need - sum;
			if (se->reach ? !se->reach->ok[(size_t)t * (size_t)(se->reach->max + 1) + (size_t)r] :
			    r != 0)
				fits = 0;
			if (fits) {
				if (ncombos == cap) {
					int *v = realloc(combos, (size_t)(cap = cap ? cap * 2 : 64) *
							 (size_t)nfixed * sizeof *v + sizeof *v);
					if (v == NULL) {
						free(combos);
						return 0;
					}
					combos = v;
				}
				memcpy(combos + (size_t)ncombos * (size_t)nfixed, vec,
				       (size_t)nfixed * sizeof *vec);
				ncombos++;
			}
		}
		/* next vector, odometer style, within availability and quota */
		for (i = 0; i < nfixed; i++) {
			int s2 = fixed[i];
			int lim = se->avail[CELL(cx, s2, t)] < se->quota[s2] ?
				  se->avail[CELL(cx, s2, t)] : se->quota[s2];
			if (vec[i] < lim && (sum + cx->bp->sections[s2].points) <= need + 0) {
				vec[i]++;
				break;
			}
			sum -= vec[i] * cx->bp->sections[s2].points;
			vec[i] = 0;
		}
		if (i == nfixed)
			break;
	}
	if (ncombos) {
		int *idx = malloc((size_t)ncombos * sizeof *idx);
		if (idx == NULL) {
			free(combos);
			return 0;
		}
		for (i = 0; i < ncombos; i++)
			idx[i] = i;
		shuffle(&cx->rng, idx, ncombos);
		for (i = 0; i < ncombos && !ok && !se->limit_hit; i++) {
			int *v = combos + (size_t)idx[i] * (size_t)nfixed, j;
			for (j = 0; j < nfixed; j++) {
				cx->x[CELL(cx, fixed[j], t)] = v[j];
				se->quota[fixed[j]] -= v[j];
			}
			ok = place(se, k + 1);
			for (j = 0; j < nfixed && !ok; j++) {
				se->quota[fixed[j]] += v[j];
				cx->x[CELL(cx, fixed[j], t)] = 0;
			}
		}
		free(idx);
	}
	free(combos);
	return ok;
}

/* ---- drawing items ------------------------------------------------- */

/* Items of a list in random order, those used on no earlier form first. */
static void fresh_first(struct ctx *cx, int *v, int n)
{
	int i, k = 0;

	shuffle(&cx->rng, v, n);
	for (i = 0; i < n; i++)
		if (!cx->c[v[i]].used) {
			int t = v[k];
			v[k++] = v[i];
			v[i] = t;
		}
}

/*
 * Choose, uniformly among the subsets of v[0..n) whose points sum to
 * want, one subset, marking its items chosen.  0 when there is none.
 */
static int draw_subset(struct ctx *cx, const int *v, int n, int want)
{
	double *ways = calloc((size_t)(n + 1) * (size_t)(want + 1), sizeof *ways);
	int i, w;

	if (ways == NULL)
		return 0;
#define W(i, w) ways[(size_t)(i) * (size_t)(want + 1) + (size_t)(w)]
	W(0, 0) = 1;
	for (i = 1; i <= n; i++) {
		int p = cx->c[v[i - 1]].points;
		for (w = 0; w <= want; w++)
			W(i, w) = W(i - 1, w) + (w >= p ? W(i - 1, w - p) : 0);
	}
	if (W(n, want) == 0) {
		free(ways);
		return 0;
	}
	for (i = n, w = want; i > 0; i--) {
		int p = cx->c[v[i - 1]].points;
		double with = w >= p ? W(i - 1, w - p) : 0;
		if (with > 0 && rng_unit(&cx->rng) * W(i, w) < with) {
			cx->c[v[i - 1]].chosen = 1;
			w -= p;
		}
	}
#undef W
	free(ways);
	return 1;
}

static int draw(struct ctx *cx)
{
	int s, t, i, *v = malloc((size_t)(cx->n ? cx->n : 1) * sizeof *v), nv;

	if (v == NULL)
		return 0;
	for (i = 0; i < cx->n; i++)
		cx->c[i].chosen = 0;
	for (s = 0; s < cx->ns; s++)
		for (t = 0; t < cx->nt; t++) {
			int *cell = cx->cell[CELL(cx, s, t)], n = cx->ncell[CELL(cx, s, t)];
			if (cx->bp->sections[s].count == 0)
				continue;
			memcpy(v, cell, (size_t)n * sizeof *v);
			fresh_first(cx, v, n);
			for (i = 0; i < cx->x[CELL(cx, s, t)]; i++)
				cx->c[v[i]].chosen = 1;
		}
	if (!free_sections(cx->bp)) {
		free(v);
		return 1;
	}
	for (t = 0; t < cx->nt; t++) {
		int want = cx->bp->targets[t].points, nfresh = 0;
		for (i = 0; i < cx->n; i++)
			if (cx->c[i].target == t && cx->c[i].chosen)
				want -= cx->c[i].points;
		for (nv = 0, i = 0; i < cx->n; i++)
			if (cx->c[i].target == t && cx->bp->sections[cx->c[i].section].count == 0)
				v[nv++] = i;
		shuffle(&cx->rng, v, nv);
		/* fresh items alone when they can make the sum, else all */
		for (i = 0; i < nv; i++)
			if (!cx->c[v[i]].used) {
				int tmp = v[nfresh];
				v[nfresh++] = v[i];
				v[i] = tmp;
			}
		if (want > 0 && !draw_subset(cx, v, nfresh, want) && !draw_subset(cx, v, nv, want)) {
			free(v);
			return 0;
		}
	}
	free(v);
	return 1;
}

/* ---- the local search ---------------------------------------------- */

struct goal {
	double mean, tol;       /* the blueprint's; mean 0: none */
	double prev[32];        /* earlier forms' means: within ftol of each */
	double ftol;
	int nprev;
	/* items the form may share with earlier form k: the blueprint's share
	   of form k's items, as the validator counts it (skill forms differ
	   in size) */
	int limit[32];
	long seconds;           /* the most the items may take */
};

struct score {
	int conflicts;          /* enemy pairs on the paper */
	int band;               /* items outside the difficulty bands */
	int overlap;            /* items past the sharing limit */
	double off;             /* how far the mean is outside its tolerance */
	double mean;
	long seconds;           /* the items' expected time */
	long over;              /* seconds past the limit */
};

/* Score the paper made of the chosen candidates (their indices in v). */
static void evaluate(const struct ctx *cx, const struct goal *g, const int *v, int nv,
		     struct score *sc)
{
	int i, k, sum = 0, bands[6] = {0}, shared[32] = {0};

	memset(sc, 0, sizeof *sc);
	for (i = 0; i < nv; i++) {
		const struct cand *c = &cx->c[v[i]];
		sum += c->difficulty;
		sc->seconds += c->seconds;
		if (c->difficulty >= 1 && c->difficulty <= 5)
			bands[c->difficulty]++;
		for (k = 0; k < c->nenemies; k++)
			sc->conflicts += cx->c[c->enemies[k]].chosen && c->enemies[k] > v[i];
		for (k = 0; k < cx->o->nprevious && k < 32; k++)
			shared[k] += (c->used >> k) & 1;
	}
	sc->mean = nv ? (double)sum / nv : 0;
	if (g->mean > 0) {
		double d = fabs(sc->mean - g->mean) - g->tol;
		sc->off = d > 1e-9 ? d : 0;
	}
	for (k = 0; k < g->nprev; k++) {
		double d = fabs(sc->mean - g->prev[k]) - g->ftol;
		if (d > 1e-9 && d > sc->off)
			sc->off = d;
	}
	for (i = 1; i <= 5; i++) {
		if (bands[i] < cx->bp->band_min[i])
			sc->band += cx->bp->band_min[i] - bands[i];
		if (cx->bp->band_max[i] >= 0 && bands[i] > cx->bp->band_max[i])
			sc->band += bands[i] - cx->bp->band_max[i];
	}
	for (k = 0; k < cx->o->nprevious && k < 32; k++)
		if (shared[k] > g->limit[k])
			sc->overlap += shared[k] - g->limit[k];
	if (sc->seconds > g->seconds)
		sc->over = sc->seconds - g->seconds;
}

static double cost(const struct score *sc)
{
	/* a minute over the time weighs as much as an item too many: both
	   are hard, and each minute won back is progress */
	return 1000.0 * (sc->conflicts + sc->band + sc->overlap) + 100.0 * sc->off +
	       1000.0 * (double)sc->over / 60.0;
}

/* Can j take i's place?  Same cell: same section and area (free
   sections: same area and the same points). */
static int swappable(const struct ctx *cx, const struct cand *a, const struct cand *b)
{
	if (a->target != b->target)
		return 0;
	if (cx->bp->sections[a->section].count)
		return a->section == b->section;
	return cx->bp->sections[b->section].count == 0 && a->points == b->points;
}

static void improve(struct ctx *cx, const struct goal *g, struct score *best)
{
	int it, *chosen = malloc((size_t)(cx->n ? cx->n : 1) * sizeof *chosen), nc = 0, i;
	double c0;

	if (chosen == NULL) {
		memset(best, 0, sizeof *best);
		best->conflicts = 1;    /* no memory: no claim of success */
		return;
	}
	for (i = 0; i < cx->n; i++)
		if (cx->c[i].chosen)
			chosen[nc++] = i;
	evaluate(cx, g, chosen, nc, best);
	c0 = cost(best);
	for (it = 0; it < 40000 && c0 > 0 && nc > 0; it++) {
		int k = (int)tk_rng_below(&cx->rng, (uint64_t)nc), a = chosen[k], b;
		struct score sc;
		double c1;
		/* a random candidate of the same cell, by rejection */
		int tries;
		for (tries = 0, b = -1; tries < 50; tries++) {
			int j = (int)tk_rng_below(&cx->rng, (uint64_t)cx->n);
			if (!cx->c[j].chosen && swappable(cx, &cx->c[a], &cx->c[j])) {
				b = j;
				break;
			}
		}
		if (b < 0)
			continue;
		cx->c[a].chosen = 0;
		cx->c[b].chosen = 1;
		chosen[k] = b;
		evaluate(cx, g, chosen, nc, &sc);
		c1 = cost(&sc);
		if (c1 < c0 || (c1 == c0 && tk_rng_below(&cx->rng, 4) == 0)) {
			c0 = c1;
			*best = sc;
		} else {
			chosen[k] = a;
			cx->c[a].chosen = 1;
			cx->c[b].chosen = 0;
		}
	}
	free(chosen);
}

/* ---- diagnosis ----------------------------------------------------- */

static const char *area_name(const struct ctx *cx, int t)
{
	return cx->s->weights[cx->bp->kind].areas[cx->bp->targets[t].area].name;
}

/* Before searching: what no search can overcome. */
static int precheck(struct ctx *cx)
{
	int s, t, bad = 0;
	char a[16], b2[16];

	for (s = 0; s < cx->ns; s++) {
		int avail = 0;
		if (!cx->bp->sections[s].count)
			continue;
		for (t = 0; t < cx->nt; t++)
			avail += cx->ncell[CELL(cx, s, t)];
		if (avail < cx->bp->sections[s].count) {
			tk_diags_add(cx->why, TK_DIAG_ERROR, cx->bp->file, 0,
				     "%s: section %s needs %d items of %s points; eligible items give %d",
				     cx->where, tk_type_name(cx->bp->sections[s].type),
				     cx->bp->sections[s].count,
				     tk_points_format(cx->bp->sections[s].points, a), avail);
			bad++;
		}
	}
	for (t = 0; t < cx->nt; t++) {
		int most = 0, i;
		struct tk_buf by = TK_BUF_INIT;
		for (s = 0; s < cx->ns; s++) {
			const struct tk_section *sec = &cx->bp->sections[s];
			int n = cx->ncell[CELL(cx, s, t)];
			if (sec->count) {
				most += (n < sec->count ? n : sec->count) * sec->points;
			} else {
				for (i = 0; i < n; i++)
					most += cx->c[cx->cell[CELL(cx, s, t)][i]].points;
			}
			if (n)
				tk_buf_printf(&by, "%s%d %s", by.len ? ", " : "", n, tk_type_name(sec->type));
		}
		if (most < cx->bp->targets[t].points) {
			tk_diags_add(cx->why, TK_DIAG_ERROR, cx->bp->file, 0,
				     "%s: area %s needs %s points; eligible items give at most %s (%s)",
				     cx->where, area_name(cx, t),
				     tk_points_format(cx->bp->targets[t].points, a),
				     tk_points_format(most, b2), by.len ? tk_buf_str(&by) : "none");
			bad++;
		}
		tk_buf_free(&by);
	}
	return bad;
}

/*
 * What the search could not do may be one area alone: its target is no
 * sum its eligible items can make, whatever the other areas take (a
 * practice paper's apportioned 4 points from items of 5).  Name each
 * such area with the nearest sums its items do make.  reach holds the
 * sums of the items of sections that take them at their own points.
 */
static void unreachable(struct ctx *cx, const struct reach *reach)
{
	int max = cx->bp->points * 10, t, s, v, i;
	unsigned char *ok = malloc((size_t)max + 1);

	if (ok == NULL)
		return;
	for (t = 0; t < cx->nt; t++) {
		int want = cx->bp->targets[t].points, below = -1, above = -1;
		struct tk_buf by = TK_BUF_INIT, near = TK_BUF_INIT;
		char a[16], b2[16];
		if (want > max)
			continue;
		if (reach && reach->ok)
			memcpy(ok, reach->ok + (size_t)t * (size_t)(reach->max + 1), (size_t)max + 1);
		else {
			memset(ok, 0, (size_t)max + 1);
			ok[0] = 1;
		}
		for (s = 0; s < cx->ns; s++) {
			const struct tk_section *sec = &cx->bp->sections[s];
			int n = cx->ncell[CELL(cx, s, t)], k, piece;
			if (n)
				tk_buf_printf(&by, "%s%d %s", by.len ? ", " : "", n, tk_type_name(sec->type));
			if (!sec->count || sec->points <= 0)
				continue;
			/* up to n (and the section's count) items of sec->points:
			   folded in as pieces of 1, 2, 4, ... items */
			n = n < sec->count ? n : sec->count;
			for (k = 1; n > 0; k *= 2) {
				piece = (k < n ? k : n) * sec->points;
				n -= k < n ? k : n;
				for (v = max; v >= piece; v--)
					ok[v] |= ok[v - piece];
			}
		}
		if (!ok[want]) {
			for (i = want - 1; i >= 0 && below < 0; i--)
				if (ok[i])
					below = i;
			for (i = want + 1; i <= max && above < 0; i++)
				if (ok[i])
					above = i;
			if (below >= 0)
				tk_buf_puts(&near, tk_points_format(below, a));
			if (above >= 0)
				tk_buf_printf(&near, "%s%s", near.len ? ", " : "", tk_points_format(above, b2));
			tk_diags_add(cx->why, TK_DIAG_ERROR, cx->bp->file, 0,
				     "%s: area %s needs %s points; its eligible items (%s) cannot add"
				     " up to that (the nearest sums they make: %s)", cx->where,
				     area_name(cx, t), tk_points_format(want, a),
				     by.len ? tk_buf_str(&by) : "none", tk_buf_str(&near));
		}
		tk_buf_free(&by);
		tk_buf_free(&near);
	}
	free(ok);
}

/* Items kept out by a rule or by the caller, when the bank then falls short. */
static void ineligible(struct ctx *cx)
{
	if (cx->walled_rule)
		tk_diags_add(cx->why, TK_DIAG_ERROR, cx->bp->file, 0,
			     P_("%s: %d item is not eligible: the blueprint's exposure rule"
				" keeps it out",
				"%s: %d items are not eligible: the blueprint's exposure rule"
				" keeps them out", cx->walled_rule),
			     cx->where, cx->walled_rule);
	if (cx->walled_practice)
		tk_diags_add(cx->why, TK_DIAG_ERROR, cx->bp->file, 0,
			     P_("%s: %d item is not eligible: it is on a committed official"
				" form, and a practice paper takes none unless the blueprint"
				" says <practice official-items=\"allow\"/>",
				"%s: %d items are not eligible: they are on committed official"
				" forms, and a practice paper takes none unless the blueprint"
				" says <practice official-items=\"allow\"/>", cx->walled_practice),
			     cx->where, cx->walled_practice);
	if (cx->avoided)
		tk_diags_add(cx->why, TK_DIAG_ERROR, cx->bp->file, 0,
			     P_("%s: %d item is kept out: it is on the papers to avoid or on a"
				" practice paper printed since the date given",
				"%s: %d items are kept out: they are on the papers to avoid or on"
				" practice papers printed since the date given", cx->avoided),
			     cx->where, cx->avoided);
}

/*
 * Parallel forms fail when some cell has too few items the earlier forms
 * did not use: name each such section x area (for sections that take
 * items at their own points, the area's points).
 */
static void short_cells(struct ctx *cx)
{
	int s, t, i, first = cx->o->nprevious > 0;
	char a[16], b2[16];

	if (!first)
		return;
	for (t = 0; t < cx->nt; t++) {
		int want = 0, fresh = 0;
		for (s = 0; s < cx->ns; s++) {
			const int *cell = cx->cell[CELL(cx, s, t)];
			int n = cx->ncell[CELL(cx, s, t)], need = cx->x[CELL(cx, s, t)], nf = 0;
			for (i = 0; i < n; i++)
				nf += !cx->c[cell[i]].used;
			if (cx->bp->sections[s].count == 0) {
				for (i = 0; i < n; i++) {
					if (cx->c[cell[i]].chosen)
						want += cx->c[cell[i]].points;
					if (!cx->c[cell[i]].used)
						fresh += cx->c[cell[i]].points;
				}
				continue;
			}
			if (nf < need)
				tk_diags_add(cx->why, TK_DIAG_ERROR, cx->bp->file, 0,
					     "%s: forms: section %s x area %s is short: form %s needs %d"
					     " items there; items on no earlier form: %d",
					     cx->where, tk_type_name(cx->bp->sections[s].type),
					     area_name(cx, t), cx->o->form ? cx->o->form : "?", need, nf);
		}
		if (want > fresh)
			tk_diags_add(cx->why, TK_DIAG_ERROR, cx->bp->file, 0,
				     "%s: forms: area %s is short: form %s needs %s points there,"
				     " items on no earlier form give %s",
				     cx->where, area_name(cx, t), cx->o->form ? cx->o->form : "?", tk_points_format(want, a),
				     tk_points_format(fresh, b2));
	}
}

/* ---- the paper ----------------------------------------------------- */

static int build_paper(struct ctx *cx, struct tk_bank *b, const char *bank_digest,
		       struct tk_paper **out, struct tk_error *err)
{
	const struct tk_blueprint *bp = cx->bp;
	struct tk_paper *p = calloc(1, sizeof *p);
	struct tk_buf id = TK_BUF_INIT, title = TK_BUF_INIT;
	int s, i, rc = TK_OK;

	*out = NULL;
	if (p == NULL || (p->sections = calloc((size_t)bp->nsections, sizeof *p->sections)) == NULL) {
		free(p);
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	tk_buf_printf(&id, "%s%s%s-%" PRIu64, bp->id, cx->o->form ? "-" : "",
		      cx->o->form ? cx->o->form : "", cx->o->seed);
	tk_buf_puts(&title, bp->title ? bp->title : bp->id);
	if (cx->o->form)
		tk_buf_printf(&title, "（%s卷）", cx->o->form);
	p->id = tk_buf_detach(&id);
	p->title = tk_buf_detach(&title);
	p->standard = tk_strdup(cx->s->id);
	p->level = tk_strdup(cx->s->levels[bp->level_index].id);
	p->kind = tk_strdup(tk_kind_name(bp->kind));
	p->blueprint = tk_strdup(bp->id);
	snprintf(p->blueprint_digest, sizeof p->blueprint_digest, "%s", bp->hash);
	snprintf(p->bank_digest, sizeof p->bank_digest, "%s", bank_digest);
	p->seed = cx->o->seed;
	p->form = tk_strdup(cx->o->form);
	p->batch = tk_strdup(cx->o->batch);
	p->points = bp->points;
	p->duration = bp->duration;
	p->tolerance = bp->tolerance;
	p->statuses = bp->statuses;
	p->max_shared = bp->forms > 1 ? bp->max_shared : 1;
	if (bp->explicit_areas) {
		p->area_ids = calloc((size_t)bp->nareas, sizeof *p->area_ids);
		p->area_weights = calloc((size_t)bp->nareas, sizeof *p->area_weights);
		for (i = 0; p->area_ids && p->area_weights && i < bp->nareas; i++) {
			p->area_ids[i] = tk_strdup(bp->area_ids[i]);
			p->area_weights[i] = bp->area_weights[i];
			p->nareas++;
		}
	}
	p->nsections = bp->nsections;
	rc = tk_blueprint_stamp(bp, cx->s, p, err);
	for (s = 0; s < bp->nsections && rc == TK_OK; s++) {
		struct tk_paper_section *ps = &p->sections[s];
		int *v = malloc((size_t)(cx->n ? cx->n : 1) * sizeof *v), nv = 0;
		const char **ids;
		ps->type = bp->sections[s].type;
		ps->points = bp->sections[s].points;
		ps->title = tk_strdup(bp->sections[s].title);
		ps->instructions = tk_strdup(bp->sections[s].instructions);
		if (v == NULL) {
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			break;
		}
		for (i = 0; i < cx->n; i++)
			if (cx->c[i].chosen && cx->c[i].section == s)
				v[nv++] = i;
		/* the order on the paper: random, from the seed too */
		shuffle(&cx->rng, v, nv);
		ps->items = calloc((size_t)(nv ? nv : 1), sizeof *ps->items);
		ids = calloc((size_t)(nv ? nv : 1), sizeof *ids);
		if (ps->items == NULL || ids == NULL) {
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		} else {
			for (i = 0; i < nv; i++)
				ids[i] = cx->c[v[i]].id;
			/* where they came from is the bank's business, not the paper's */
			rc = tk_bank_get_items(b, ids, nv, ps->items, err);
		}
		for (i = 0; rc == TK_OK && i < nv; i++)
			if (ps->items[i] == NULL)
				rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "item '%s' vanished",
						  cx->c[v[i]].id);
		if (rc == TK_OK)
			ps->nitems = nv;
		else if (ps->items)     /* tk_paper_free frees nitems of them */
			for (i = 0; i < nv; i++) {
				tk_item_free(ps->items[i]);
				ps->items[i] = NULL;
			}
		free(ids);
		free(v);
	}
	if (rc != TK_OK)
		tk_paper_free(p);
	else
		*out = p;
	return rc;
}

/* ---- the whole ----------------------------------------------------- */

static double paper_mean(const struct tk_paper *p)
{
	int i, j, n = 0, sum = 0;

	for (i = 0; i < p->nsections; i++)
		for (j = 0; j < p->sections[i].nitems; j++) {
			sum += p->sections[i].items[j]->difficulty;
			n++;
		}
	return n ? (double)sum / n : 0;
}

int tk_assemble(struct tk_bank *b, const struct tk_standard *s,
		const struct tk_blueprint *bp, const struct tk_assemble_opts *o,
		struct tk_paper **out, struct tk_diags *why, struct tk_error *err)
{
	struct ctx cx;
	struct reach reach = {NULL, 0};
	struct search se;
	struct goal g;
	struct score sc;
	char digest[65];
	int rc = TK_OK, i, k, attempt, found = 0, total = 0, fresh_phase, *fresh = NULL;
	struct tk_diags none = TK_DIAGS_INIT;

	*out = NULL;
	if (o->batch && bp->practice)
		return tk_error_set(err, TK_EINPUT, bp->file, bp->line,
				    "blueprint '%s' is for practice (purpose=\"practice\"): an exam"
				    " batch's forms are drawn from an official blueprint", bp->id);
	memset(&cx, 0, sizeof cx);
	memset(&se, 0, sizeof se);
	cx.s = s;
	cx.bp = bp;
	cx.o = o;
	cx.why = why ? why : &none;
	cx.nt = bp->ntargets;
	cx.ns = bp->nsections;
	snprintf(cx.where, sizeof cx.where, "%s %s", s->levels[bp->level_index].name,
		 tk_kind_name(bp->kind));
	tk_rng_seed(&cx.rng, o->seed);
	if ((rc = load_candidates(&cx, b, digest, err)) != TK_OK)
		goto out;
	/* items on earlier forms of the batch */
	for (k = 0; k < o->nprevious && k < 32; k++) {
		const struct tk_paper *p = o->previous[k];
		for (i = 0; i < p->nsections; i++) {
			int j;
			for (j = 0; j < p->sections[i].nitems; j++) {
				int c = find_cand(&cx, p->sections[i].items[j]->id);
				if (c >= 0)
					cx.c[c].used |= 1u << k;
			}
		}
	}
	cx.cell = calloc((size_t)(cx.nt * cx.ns + 1), sizeof *cx.cell);
	cx.ncell = calloc((size_t)(cx.nt * cx.ns + 1), sizeof *cx.ncell);
	cx.x = calloc((size_t)(cx.nt * cx.ns + 1), sizeof *cx.x);
	cx.order = calloc((size_t)(cx.nt + 1), sizeof *cx.order);
	se.quota = calloc((size_t)(cx.ns + 1), sizeof *se.quota);
	if (!cx.cell || !cx.ncell || !cx.x || !cx.order || !se.quota) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	/* the candidates of each section x area cell: counted, then placed
	   (an array grown by one each time copied them over and over) */
	for (i = 0; i < cx.n; i++)
		cx.ncell[CELL(&cx, cx.c[i].section, cx.c[i].target)]++;
	for (i = 0; i < cx.nt * cx.ns; i++) {
		if (cx.ncell[i] && (cx.cell[i] = malloc((size_t)cx.ncell[i] * sizeof **cx.cell)) == NULL) {
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			goto out;
		}
		cx.ncell[i] = 0;
	}
	for (i = 0; i < cx.n; i++) {
		int c = CELL(&cx, cx.c[i].section, cx.c[i].target);
		cx.cell[c][cx.ncell[c]++] = i;
	}
	if (precheck(&cx)) {
		ineligible(&cx);
		rc = tk_error_set(err, TK_FAIL, bp->file, 0, "%s: the bank cannot fill this blueprint",
				  cx.where);
		goto out;
	}
	if (free_sections(bp) && !build_reach(&cx, &reach)) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < cx.nt; i++)
		total += bp->targets[i].points;
	memset(&g, 0, sizeof g);
	g.mean = bp->mean;
	g.tol = bp->mean_tolerance;
	if (o->nprevious > 0) {
		/* parallel forms: within the blueprint's forms tolerance of each
		   earlier form's mean, and still within the blueprint's own
		   (a form B near A's edge drifted outside it and failed
		   validation) */
		g.ftol = bp->forms_tolerance;
		for (k = 0; k < o->nprevious && k < 32; k++)
			g.prev[k] = paper_mean(o->previous[k]);
		g.nprev = k;
	}
	g.seconds = tk_blueprint_time_limit(bp);
	for (k = 0; k < o->nprevious && k < 32; k++)
		g.limit[k] = (int)floor(bp->max_shared * tk_paper_count(o->previous[k]) + 1e-9);
	/* a later form first looks for a count matrix the items of no earlier
	   form can fill, so that the overlap limit is not lost before any
	   item is drawn; only when there is none, for any */
	fresh = calloc((size_t)(cx.nt * cx.ns + 1), sizeof *fresh);
	if (fresh == NULL) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < cx.n; i++)
		fresh[CELL(&cx, cx.c[i].section, cx.c[i].target)] += !cx.c[i].used;
	fresh_phase = o->nprevious > 0;
	memset(&sc, 0, sizeof sc);
	for (attempt = 0; attempt < 8 && !found; attempt++) {
		for (i = 0; i < cx.nt; i++)
			cx.order[i] = i;
		shuffle(&cx.rng, cx.order, cx.nt);
		memset(cx.x, 0, (size_t)(cx.nt * cx.ns) * sizeof *cx.x);
		for (i = 0; i < cx.ns; i++)
			se.quota[i] = bp->sections[i].count;
		se.cx = &cx;
		se.reach = free_sections(bp) ? &reach : NULL;
		se.limit_hit = 0;
		se.avail = fresh_phase ? fresh : cx.ncell;
		cx.nodes = 0;
		if (!place(&se, 0)) {
			if (fresh_phase) {
				fresh_phase = 0;
				continue;
			}
			if (!se.limit_hit)
				break;  /* exhausted: no matrix exists */
			continue;
		}
		if (!draw(&cx))
			continue;
		improve(&cx, &g, &sc);
		found = cost(&sc) == 0;
	}
	if (!found) {
		char a[16];
		if (attempt == 0 || (cx.nodes && !se.limit_hit && sc.mean == 0)) {
			tk_diags_add(cx.why, TK_DIAG_ERROR, bp->file, 0,
				     "%s: no way to share the sections' %s points among the areas"
				     " with the items eligible", cx.where, tk_points_format(total, a));
			unreachable(&cx, free_sections(bp) ? &reach : NULL);
			ineligible(&cx);
		} else if (sc.conflicts)
			tk_diags_add(cx.why, TK_DIAG_ERROR, bp->file, 0,
				     P_("%s: enemies: %d pair of items that must not share a paper"
					" could not be kept apart",
					"%s: enemies: %d pairs of items that must not share a paper"
					" could not be kept apart", sc.conflicts),
				     cx.where, sc.conflicts);
		else if (sc.overlap) {
			tk_diags_add(cx.why, TK_DIAG_ERROR, bp->file, 0,
				     "%s: forms: this form shares %d items too many with an earlier"
				     " form (at most %d); the bank has too few fresh items",
				     cx.where, sc.overlap, g.limit[0]);
		} else if (sc.over)
			tk_diags_add(cx.why, TK_DIAG_ERROR, bp->file, 0,
				     "%s: time: the closest draw's items take %ld minutes; the paper"
				     " has %d, and %d minutes' tolerance", cx.where,
				     (sc.seconds + 59) / 60, bp->duration, bp->time_tolerance / 60);
		else if (sc.band)
			tk_diags_add(cx.why, TK_DIAG_ERROR, bp->file, 0,
				     P_("%s: difficulty bands: %d item outside the bands",
					"%s: difficulty bands: %d items outside the bands", sc.band),
				     cx.where, sc.band);
		else
			tk_diags_add(cx.why, TK_DIAG_ERROR, bp->file, 0,
				     "%s: difficulty: mean %.2f wanted, %.2f the closest reached",
				     cx.where, g.mean, sc.mean);
		/* a later form: what the earlier ones left too little of */
		short_cells(&cx);
		rc = tk_error_set(err, TK_FAIL, bp->file, 0, "%s: no paper meets the blueprint",
				  cx.where);
		goto out;
	}
	rc = build_paper(&cx, b, digest, out, err);
out:
	for (i = 0; i < cx.n; i++) {
		free(cx.c[i].id);
		free(cx.c[i].enemies);
	}
	free(cx.c);
	for (i = 0; cx.cell && i < cx.nt * cx.ns; i++)
		free(cx.cell[i]);
	free(cx.cell);
	free(cx.ncell);
	free(cx.x);
	free(cx.order);
	free(se.quota);
	free(fresh);
	free(reach.ok);
	tk_diags_free(&none);
	return rc;
}

/* Rounds of drawing a whole set of forms again before giving up. */
#define FORM_ROUNDS 16

int tk_assemble_forms(struct tk_bank *b, const struct tk_standard *s,
		      const struct tk_blueprint *bp, const struct tk_assemble_opts *o, int n,
		      struct tk_paper **out, struct tk_diags *why, struct tk_error *err)
{
	struct tk_diags last = TK_DIAGS_INIT, best = TK_DIAGS_INIT;
	struct tk_error e = {0}, best_err = {0};
	int round, k, i, rc = TK_FAIL, furthest = -1;

	for (k = 0; k < n; k++)
		out[k] = NULL;
	if (n < 1 || n > 26)
		return tk_error_set(err, TK_EINPUT, bp->file, 0, "a batch has 1 to 26 forms, not %d", n);
	/* the forms depend on each other (overlap, difficulty): when a later
	   one cannot be found, other earlier ones may let it; the rounds are
	   fixed, so the batch seed still decides everything */
	for (round = 0; round < FORM_ROUNDS; round++) {
		tk_diags_free(&last);
		for (k = 0; k < n; k++) {
			struct tk_assemble_opts f = *o;
			char form[2] = {(char)('A' + k), 0};
			f.seed = o->seed + (uint64_t)k + (uint64_t)n * (uint64_t)round;
			f.form = form;
			f.previous = out;
			f.nprevious = k;
			if ((rc = tk_assemble(b, s, bp, &f, &out[k], &last, &e)) != TK_OK)
				break;
		}
		if (rc == TK_OK)
			break;
		for (i = 0; i < n; i++) {
			tk_paper_free(out[i]);
			out[i] = NULL;
		}
		/* report the round that came furthest: its failure says most */
		if (k > furthest) {
			furthest = k;
			tk_diags_free(&best);
			tk_diags_move(&best, &last);
			best_err = e;
		}
		/* what no other seed changes: the bank cannot give one form */
		if (rc != TK_FAIL || k == 0)
			break;
	}
	if (rc != TK_OK) {
		if (rc == TK_FAIL)
			e = best_err;
		if (err)
			*err = e;
		if (why)
			tk_diags_move(why, &best);
	}
	tk_diags_free(&last);
	tk_diags_free(&best);
	return rc;
}
