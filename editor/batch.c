/* batch.c -- exam batches: forms, exposure, per-candidate papers, audit. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "assemble.h"
#include "batch.h"
#include "blueprint.h"
#include "i18n.h"
#include "importer.h"

/* The blueprint the batch keeps, resolved against its standard. */
static int batch_blueprint(struct tk_bank *b, const struct tk_bank_batch *r, const char *id,
			   struct tk_blueprint **bp, struct tk_standard **s,
			   struct tk_diags *why, struct tk_error *err)
{
	char name[160];
	int rc;

	*bp = NULL;
	*s = NULL;
	snprintf(name, sizeof name, "batch %s (blueprint)", id);
	if ((rc = tk_blueprint_parse(r->blueprint, strlen(r->blueprint), name, bp, why, err)) != TK_OK)
		return rc;
	if ((rc = tk_bank_get_standard(b, r->standard, s, err)) != TK_OK)
		return rc;
	return tk_blueprint_resolve(*bp, *s, why, err);
}

int tk_batch_new(struct tk_bank *b, const char *id, const char *name,
		 const char *blueprint_path, uint64_t seed, struct tk_error *err)
{
	struct tk_blueprint *bp = NULL;
	struct tk_standard *s = NULL;
	char *xml = NULL, sseed[32];
	size_t len;
	int rc;

	if ((rc = tk_read_file(blueprint_path, &xml, &len, err)) != TK_OK ||
	    (rc = tk_blueprint_parse(xml, len, blueprint_path, &bp, NULL, err)) != TK_OK ||
	    (rc = tk_bank_get_standard(b, bp->standard, &s, err)) != TK_OK ||
	    (rc = tk_blueprint_resolve(bp, s, NULL, err)) != TK_OK)
		goto out;
	snprintf(sseed, sizeof sseed, "%" PRIu64, seed);
	if ((rc = tk_bank_begin(b, "batch", id, err)) != TK_OK)
		goto out;
	rc = tk_bank_batch_add(b, id, name ? name : id, s->id, xml, bp->hash, seed, bp->forms,
			       err);
	if (rc == TK_OK) {
		char what[200];
		snprintf(what, sizeof what, "standard %s, seed %s", s->id, sseed);
		rc = tk_bank_audit_event(b, "batch new", id, what, NULL, bp->hash, err);
	}
	if (rc == TK_OK)
		rc = tk_bank_commit(b, err);
	else
		tk_bank_rollback(b);
out:
	free(xml);
	tk_blueprint_free(bp);
	tk_standard_free(s);
	return rc;
}

static int audit(struct tk_bank *b, const char *batch, const struct tk_paper *p,
		 struct tk_error *err)
{
	struct tk_bank_batch_paper a;

	memset(&a, 0, sizeof a);
	a.paper = p->id;
	a.form = p->form;
	a.candidate = p->candidate;
	a.seed = p->seed;
	a.blueprint_digest = p->blueprint_digest;
	a.bank_digest = p->bank_digest;
	return tk_bank_batch_audit(b, batch, &a, err);
}

/* What a run writes from the batch, before the bank commits (may be NULL). */
struct batch_output {
	int (*forms)(void *ud, struct tk_paper *const *forms, int n, struct tk_error *err);
	const struct tk_candidate *v;
	int nv;
	int (*fn)(void *ud, const struct tk_candidate *c, const struct tk_paper *p,
		  const struct tk_buf *key, struct tk_error *err);
	void *ud;
};

static int output(struct tk_bank *b, const char *id, const struct tk_bank_batch *r,
		  struct tk_paper *const *forms, int n, const struct batch_output *out,
		  struct tk_error *err);

/*
 * Under the write lock: is batch id (still) in state (want 1) or (still)
 * not in it (want 0)?  TK_EINPUT saying so when not: another command got
 * there between this one's first look and its lock.
 */
static int still(struct tk_bank *b, const char *id, const char *state, int want,
		 struct tk_error *err)
{
	struct tk_bank_batch r;
	int rc, same;

	if ((rc = tk_bank_batch_get(b, id, &r, err)) != TK_OK)
		return rc;
	same = !strcmp(r.state, state);
	if (same != want)
		rc = tk_error_set(err, TK_EINPUT, tk_bank_path(b), 0,
				  "batch '%s' is %s now: another command changed it meanwhile", id,
				  r.state);
	tk_bank_batch_release(&r);
	return rc;
}

static int generate(struct tk_bank *b, const char *id, const struct batch_output *out,
		    struct tk_diags *why, struct tk_error *err)
{
	struct tk_bank_batch r;
	struct tk_blueprint *bp = NULL;
	struct tk_standard *s = NULL;
	struct tk_paper *forms[26] = {NULL};
	struct tk_assemble_opts o;
	int k, rc, opened = 0;

	if ((rc = tk_bank_batch_get(b, id, &r, err)) != TK_OK)
		return rc;
	if (!strcmp(r.state, "committed")) {
		rc = tk_error_set(err, TK_EINPUT, tk_bank_path(b), 0,
				  "batch '%s' is committed: its forms cannot change", id);
		goto out;
	}
	if ((rc = batch_blueprint(b, &r, id, &bp, &s, why, err)) != TK_OK)
		goto out;
	if (r.forms < 1 || r.forms > 26) {
		rc = tk_error_set(err, TK_EINPUT, NULL, 0, "a batch has 1 to 26 forms, not %d", r.forms);
		goto out;
	}
	/* the forms are drawn together, form k from the batch seed plus k
	   (then further seeds, deterministically, when a set fails); the
	   exposure rule is the assembler's */
	memset(&o, 0, sizeof o);
	o.seed = r.seed;
	o.batch = id;
	if ((rc = tk_assemble_forms(b, s, bp, &o, r.forms, forms, why, err)) != TK_OK)
		goto out;
	if ((rc = tk_bank_begin(b, "batch", id, err)) != TK_OK)
		goto out;
	opened = 1;
	/* the forms were drawn outside the lock: a commit that came between
	   keeps its forms */
	if ((rc = still(b, id, "committed", 0, err)) != TK_OK)
		goto out;
	rc = tk_bank_batch_clear_forms(b, id, err);
	for (k = 0; k < r.forms && rc == TK_OK; k++) {
		struct tk_buf x = TK_BUF_INIT;
		tk_paper_xml(forms[k], &x);
		rc = x.oom ? tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") :
		     tk_bank_batch_put_form(b, id, forms[k]->form, forms[k]->id, x.s, err);
		tk_buf_free(&x);
		if (rc == TK_OK)
			rc = audit(b, id, forms[k], err);
	}
	/* the outputs exist before the bank commits: a run that cannot write
	   them changes nothing */
	if (rc == TK_OK)
		rc = output(b, id, &r, forms, r.forms, out, err);
	if (rc == TK_OK)
		rc = tk_bank_batch_set_state(b, id, "generated", err);
out:
	if (opened) {
		if (rc == TK_OK)
			rc = tk_bank_commit(b, err);
		else
			tk_bank_rollback(b);
	}
	for (k = 0; k < 26; k++)
		tk_paper_free(forms[k]);
	tk_blueprint_free(bp);
	tk_standard_free(s);
	tk_bank_batch_release(&r);
	return rc;
}

int tk_batch_generate(struct tk_bank *b, const char *id, struct tk_diags *why,
		      struct tk_error *err)
{
	return generate(b, id, NULL, why, err);
}

int tk_batch_generate_out(struct tk_bank *b, const char *id,
			  int (*forms_fn)(void *ud, struct tk_paper *const *forms, int n,
					  struct tk_error *err),
			  const struct tk_candidate *v, int nv,
			  int (*fn)(void *ud, const struct tk_candidate *c,
				    const struct tk_paper *p, const struct tk_buf *key,
				    struct tk_error *err),
			  void *ud, struct tk_diags *why, struct tk_error *err)
{
	struct batch_output o = {forms_fn, v, nv, fn, ud};

	return generate(b, id, &o, why, err);
}

/* The forms parsed as the bank walks them. */
struct forms_read {
	const char *id;
	struct tk_paper **v;
	int n, rc;
	struct tk_error *err;
};

static int form_row(void *ud, const struct tk_bank_batch_form *f)
{
	struct forms_read *fr = ud;
	struct tk_paper **v = realloc(fr->v, (size_t)(fr->n + 1) * sizeof *v);
	char name[160];

	if (v == NULL) {
		fr->rc = tk_error_set(fr->err, TK_EINTERNAL, NULL, 0, "out of memory");
		return 1;
	}
	fr->v = v;
	snprintf(name, sizeof name, "batch %s form %s", fr->id, f->form);
	fr->rc = tk_paper_parse(f->xml, strlen(f->xml), name, &v[fr->n], NULL, fr->err);
	if (fr->rc == TK_OK)
		fr->n++;
	return fr->rc != TK_OK;
}

int tk_batch_forms(struct tk_bank *b, const char *id, struct tk_paper ***out, int *n,
		   struct tk_error *err)
{
	struct forms_read fr = {id, NULL, 0, TK_OK, err};
	int rc;

	rc = tk_bank_batch_forms(b, id, form_row, &fr, err);
	/* what was read before an error is the caller's to free */
	*out = fr.v;
	*n = fr.n;
	if (rc == TK_OK)
		rc = fr.rc;
	if (rc == TK_OK && *n == 0)
		rc = tk_error_set(err, TK_EINPUT, tk_bank_path(b), 0,
				  "batch '%s' has no forms yet: run `tiku batch generate %s`", id, id);
	return rc;
}

struct list_walk {
	int (*fn)(void *ud, const char *id, const char *state, int forms, const char *name);
	void *ud;
};

static int list_row(void *ud, const struct tk_bank_batch_entry *e)
{
	const struct list_walk *w = ud;

	return w->fn(w->ud, e->id, e->state, e->forms, e->name);
}

int tk_batch_list(struct tk_bank *b,
		  int (*fn)(void *ud, const char *id, const char *state, int forms,
			    const char *name),
		  void *ud, struct tk_error *err)
{
	struct list_walk w = {fn, ud};

	return tk_bank_batch_each(b, list_row, &w, err);
}

int tk_batch_commit(struct tk_bank *b, const char *id, struct tk_error *err)
{
	struct tk_bank_batch r;
	struct tk_paper **forms = NULL;
	int n = 0, i, j, k, rc;

	if ((rc = tk_bank_batch_get(b, id, &r, err)) != TK_OK)
		return rc;
	if (strcmp(r.state, "generated")) {
		rc = tk_error_set(err, TK_EINPUT, tk_bank_path(b), 0, !strcmp(r.state, "new") ?
				  "batch '%s' has no forms yet: generate it first" :
				  "batch '%s' is committed already", id);
		goto out;
	}
	/* the forms read under the lock: a generate that came between has
	   not replaced them behind this commit's back */
	if ((rc = tk_bank_begin(b, "batch", id, err)) != TK_OK)
		goto out;
	if ((rc = still(b, id, "generated", 1, err)) != TK_OK ||
	    (rc = tk_batch_forms(b, id, &forms, &n, err)) != TK_OK) {
		tk_bank_rollback(b);
		goto out;
	}
	for (i = 0; i < n && rc == TK_OK; i++)
		for (j = 0; j < forms[i]->nsections && rc == TK_OK; j++)
			for (k = 0; k < forms[i]->sections[j].nitems && rc == TK_OK; k++)
				rc = tk_bank_batch_expose(b, id, forms[i]->sections[j].items[k]->id,
							  forms[i]->form, err);
	if (rc == TK_OK)
		rc = tk_bank_batch_set_state(b, id, "committed", err);
	if (rc == TK_OK) {
		char what[96];
		int items = 0;
		for (i = 0; i < n; i++)
			items += tk_paper_count(forms[i]);
		snprintf(what, sizeof what, "%d form%s with %d items, now exposed", n, n == 1 ? "" : "s",
			 items);
		rc = tk_bank_audit_event(b, "commit", id, what, forms[0]->bank_digest, r.digest,
					 err);
	}
	if (rc == TK_OK)
		rc = tk_bank_commit(b, err);
	else
		tk_bank_rollback(b);
out:
	for (i = 0; i < n; i++)
		tk_paper_free(forms[i]);
	free(forms);
	tk_bank_batch_release(&r);
	return rc;
}

/* ---- per-candidate papers ------------------------------------------ */

/* A seed from the batch seed and an admission number, by hashing. */
static uint64_t candidate_seed(uint64_t seed, const char *admission)
{
	unsigned char h[crypto_generichash_BYTES];
	char in[96];
	uint64_t s = 0;
	int i;

	snprintf(in, sizeof in, "%" PRIu64 "\n%.80s", seed, admission);
	crypto_generichash(h, sizeof h, (const unsigned char *)in, strlen(in), NULL, 0);
	for (i = 0; i < 8; i++)
		s = s << 8 | h[i];
	return s;
}

/* Shuffle the options of a choice item, carrying the answer along. */
static int shuffle_options(struct tk_item *it, struct tk_rng *r)
{
	int i, n = it->noptions;
	char map[26] = {0}, ans[32];
	size_t k;

	if ((it->type != TK_SINGLE && it->type != TK_MULTIPLE) || n < 2 || n > 26)
		return 1;
	for (i = n - 1; i > 0; i--) {
		int j = (int)tk_rng_below(r, (uint64_t)i + 1);
		struct tk_option t = it->options[i];
		it->options[i] = it->options[j];
		it->options[j] = t;
	}
	for (i = 0; i < n; i++) {
		if (it->options[i].key >= 'A' && it->options[i].key <= 'Z')
			map[it->options[i].key - 'A'] = (char)('A' + i);
		it->options[i].key = (char)('A' + i);
	}
	for (k = 0; it->answer && it->answer[k] && k < sizeof ans - 1; k++) {
		char c = it->answer[k];
		ans[k] = c >= 'A' && c <= 'Z' && map[c - 'A'] ? map[c - 'A'] : c;
	}
	ans[k] = '\0';
	if (it->answer) {
		char *sorted = tk_answer_choice(ans);
		if (sorted == NULL)
			return 0;
		free(it->answer);
		it->answer = sorted;
	}
	return 1;
}

static void key_csv(const struct tk_paper *p, struct tk_buf *key)
{
	int i, j, num = 0;

	tk_buf_puts(key, "题号,试题编号,答案,分值\n");
	for (i = 0; i < p->nsections; i++)
		for (j = 0; j < p->sections[i].nitems; j++) {
			const struct tk_item *it = p->sections[i].items[j];
			char pts[16], *ans = tk_fragment_text(it->answer);
			tk_buf_printf(key, "%d,%s,", ++num, it->id);
			/* a CSV field: quoted when it must be */
			if (ans && strpbrk(ans, "\",\n")) {
				const char *q;
				tk_buf_putc(key, '"');
				for (q = ans; *q; q++) {
					if (*q == '"')
						tk_buf_putc(key, '"');
					tk_buf_putc(key, *q);
				}
				tk_buf_putc(key, '"');
			} else {
				tk_buf_puts(key, ans ? ans : "");
			}
			tk_buf_printf(key, ",%s\n", tk_points_format(it->points, pts));
			free(ans);
		}
}

/* The paper of one candidate from the batch's forms. */
static struct tk_paper *candidate_paper(struct tk_paper *const *forms, int n, const char *id,
					uint64_t seed, const struct tk_candidate *c)
{
	struct tk_rng rng;
	struct tk_buf pid = TK_BUF_INIT;
	struct tk_paper *p;
	uint64_t cs = candidate_seed(seed, c->admission);
	int i, j;

	tk_rng_seed(&rng, cs);
	p = tk_paper_dup(forms[tk_rng_below(&rng, (uint64_t)n)]);
	if (p == NULL)
		return NULL;
	for (i = 0; i < p->nsections; i++) {
		struct tk_paper_section *sec = &p->sections[i];
		for (j = sec->nitems - 1; j > 0; j--) {
			int k = (int)tk_rng_below(&rng, (uint64_t)j + 1);
			struct tk_item *t = sec->items[j];
			sec->items[j] = sec->items[k];
			sec->items[k] = t;
		}
		for (j = 0; j < sec->nitems; j++)
			if (!shuffle_options(sec->items[j], &rng)) {
				tk_paper_free(p);
				return NULL;
			}
	}
	tk_buf_printf(&pid, "%s-%s-%s", id, p->form ? p->form : "x", c->admission);
	free(p->id);
	p->id = tk_buf_detach(&pid);
	free(p->candidate);
	free(p->candidate_name);
	free(p->site);
	p->candidate = tk_strdup(c->admission);
	p->candidate_name = tk_strdup(c->name);
	p->site = tk_strdup(c->site);
	p->seed = cs;
	return p;
}

/*
 * The papers of candidates v from the forms, each recorded in the audit
 * and handed to fn, inside the command the caller has open; one entry
 * for the run in the audit of official work.
 */
static int candidates_in(struct tk_bank *b, const char *id, const struct tk_bank_batch *r,
			 struct tk_paper *const *forms, int n, const struct tk_candidate *v,
			 int nv,
			 int (*fn)(void *ud, const struct tk_candidate *c,
				   const struct tk_paper *p, const struct tk_buf *key,
				   struct tk_error *err),
			 void *ud, struct tk_error *err)
{
	char what[96];
	int i, rc = TK_OK;

	for (i = 0; i < nv && rc == TK_OK; i++) {
		struct tk_paper *p = candidate_paper(forms, n, id, r->seed, &v[i]);
		struct tk_buf key = TK_BUF_INIT;
		if (p == NULL)
			return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		key_csv(p, &key);
		rc = key.oom ? tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") :
		     audit(b, id, p, err);
		if (rc == TK_OK)
			rc = fn(ud, &v[i], p, &key, err);
		tk_buf_free(&key);
		tk_paper_free(p);
	}
	snprintf(what, sizeof what, "%d candidate paper%s", nv, nv == 1 ? "" : "s");
	if (rc == TK_OK)
		rc = tk_bank_audit_event(b, "papers", id, what, forms[0]->bank_digest, r->digest,
					 err);
	return rc;
}

static int check_candidates(const struct tk_candidate *v, int nv, struct tk_error *err)
{
	int i;

	for (i = 0; i < nv; i++)
		if (v[i].admission == NULL || v[i].admission[0] == '\0')
			return tk_error_set(err, TK_EUSAGE, NULL, 0,
					    "a candidate needs an admission number");
	return TK_OK;
}

static int output(struct tk_bank *b, const char *id, const struct tk_bank_batch *r,
		  struct tk_paper *const *forms, int n, const struct batch_output *out,
		  struct tk_error *err)
{
	char what[96];
	int rc;

	snprintf(what, sizeof what, "%d form%s, seed %" PRIu64, n, n == 1 ? "" : "s", r->seed);
	rc = tk_bank_audit_event(b, "generate", id, what, forms[0]->bank_digest, r->digest, err);
	if (out == NULL || rc != TK_OK)
		return rc;
	if (out->forms)
		rc = out->forms(out->ud, forms, n, err);
	if (rc == TK_OK && out->nv > 0)
		rc = check_candidates(out->v, out->nv, err);
	if (rc == TK_OK && out->nv > 0)
		rc = candidates_in(b, id, r, forms, n, out->v, out->nv, out->fn, out->ud, err);
	if (rc == TK_OK && out->fn)
		rc = out->fn(out->ud, NULL, NULL, NULL, err);
	return rc;
}

int tk_batch_candidates(struct tk_bank *b, const char *id,
			const struct tk_candidate *v, int nv,
			int (*fn)(void *ud, const struct tk_candidate *c,
				  const struct tk_paper *p, const struct tk_buf *key,
				  struct tk_error *err),
			void *ud, struct tk_error *err)
{
	struct tk_bank_batch r;
	struct tk_paper **forms = NULL;
	int n = 0, i, rc;

	if ((rc = check_candidates(v, nv, err)) != TK_OK)
		return rc;
	if ((rc = tk_bank_batch_get(b, id, &r, err)) != TK_OK)
		return rc;
	if ((rc = tk_batch_forms(b, id, &forms, &n, err)) != TK_OK ||
	    (rc = tk_bank_begin(b, "batch", id, err)) != TK_OK)
		goto out;
	rc = candidates_in(b, id, &r, forms, n, v, nv, fn, ud, err);
	/* the outputs are complete (the final call) before the audit commits */
	if (rc == TK_OK)
		rc = fn(ud, NULL, NULL, NULL, err);
	if (rc == TK_OK)
		rc = tk_bank_commit(b, err);
	else
		tk_bank_rollback(b);
out:
	for (i = 0; i < n; i++)
		tk_paper_free(forms[i]);
	free(forms);
	tk_bank_batch_release(&r);
	return rc;
}

/* ---- rosters ------------------------------------------------------- */

static int header_col(const char *h, const char *const *names)
{
	int i;

	for (i = 0; names[i]; i++)
		if (!strcmp(h, names[i]))
			return 1;
	return 0;
}

static int cand_cmp(const void *a, const void *b)
{
	const struct tk_candidate *x = *(struct tk_candidate *const *)a;
	const struct tk_candidate *y = *(struct tk_candidate *const *)b;
	int c = strcmp(x->admission, y->admission);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/*
 * A roster names each candidate once.  Sorting finds repeats in n log n
 * (rosters run to tens of thousands); the error names the first line
 * that repeats an earlier one.
 */
static int roster_unique(const char *path, struct tk_candidate *v, int n,
			 struct tk_error *err)
{
	struct tk_candidate **ix = malloc((size_t)n * sizeof *ix), *dup = NULL;
	int i, first = 0;

	if (ix == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	for (i = 0; i < n; i++)
		ix[i] = &v[i];
	qsort(ix, (size_t)n, sizeof *ix, cand_cmp);
	for (i = 1; i < n; i++)
		if (!strcmp(ix[i]->admission, ix[i - 1]->admission) &&
		    (dup == NULL || ix[i]->line < dup->line)) {
			dup = ix[i];
			first = ix[i - 1]->line;
		}
	free(ix);
	if (dup == NULL)
		return TK_OK;
	return tk_error_set(err, TK_EINPUT, path, dup->line,
			    "admission number %s appears twice (first on line %d)",
			    dup->admission, first);
}

int tk_roster_admission_ok(const char *a)
{
	size_t i;

	/* it names the candidate's files: DIR/ADMISSION.xml, in zips too */
	if (a == NULL || a[0] == '\0' || a[0] == '.' || a[0] == '-' || strlen(a) > 64)
		return 0;
	for (i = 0; a[i]; i++)
		if (!((a[i] >= '0' && a[i] <= '9') || (a[i] >= 'A' && a[i] <= 'Z') ||
		      (a[i] >= 'a' && a[i] <= 'z') || a[i] == '-' || a[i] == '_' || a[i] == '.'))
			return 0;
	return 1;
}

/* The roster as it is read: the columns, then each row's fields as
   offsets into text (which moves as it grows). */
struct roster {
	const char *path;
	int cols[3];            /* admission, name, site: field numbers */
	int header;             /* read */
	struct tk_buf text;
	size_t *off;            /* 3 per candidate */
	int *lines;
	int n, cap;
};

static int roster_row(void *ud, char *const *f, int nf, int line, struct tk_error *err)
{
	static const char *const known[3][4] = {
		{"准考证号", "admission", "考号", NULL},
		{"姓名", "name", NULL, NULL},
		{"考点", "site", NULL, NULL},
	};
	static const char *const what[3] = {N_("admission number (准考证号)"), N_("name (姓名)"),
					     N_("site (考点)")};
	struct roster *r = ud;
	int i, k;

	if (!r->header) {
		r->header = 1;
		for (i = 0; i < nf; i++) {
			for (k = 0; k < 3 && !header_col(f[i], known[k]); k++)
				;
			/* a column misnamed would be dropped without a word */
			if (k == 3)
				return tk_error_set(err, TK_EINPUT, r->path, line,
						    "the header names no known column: '%s' (the "
						    "columns are 准考证号, 姓名 and 考点)", f[i]);
			if (r->cols[k] >= 0)
				return tk_error_set(err, TK_EINPUT, r->path, line,
						    "the header names the %s column twice", _(what[k]));
			r->cols[k] = i;
		}
		for (k = 0; k < 3; k++)
			if (r->cols[k] < 0)
				return tk_error_set(err, TK_EINPUT, r->path, line,
						    "the header has no %s column", _(what[k]));
		return TK_OK;
	}
	for (k = 0; k < 3; k++)
		if (r->cols[k] >= nf || f[r->cols[k]][0] == '\0')
			return tk_error_set(err, TK_EINPUT, r->path, line, "no %s", _(what[k]));
	if (!tk_roster_admission_ok(f[r->cols[0]])) {
		/* shown on one line: a line end in it as \n */
		char shown[160];
		const char *a = f[r->cols[0]];
		size_t k = 0;
		for (; *a && k < sizeof shown - 3; a++) {
			if (*a == '\n' || *a == '\r') {
				shown[k++] = '\\';
				shown[k++] = *a == '\n' ? 'n' : 'r';
			} else {
				shown[k++] = *a;
			}
		}
		shown[k] = '\0';
		return tk_error_set(err, TK_EINPUT, r->path, line,
				    "admission number '%s' cannot name a file (letters, digits,"
				    " '-', '_' and '.' only)", shown);
	}
	if (r->n == r->cap) {
		int cap = r->cap ? r->cap * 2 : 256;
		size_t *o = realloc(r->off, (size_t)cap * 3 * sizeof *o);
		int *l;
		if (o == NULL)
			return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		r->off = o;
		if ((l = realloc(r->lines, (size_t)cap * sizeof *l)) == NULL)
			return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		r->lines = l;
		r->cap = cap;
	}
	for (k = 0; k < 3; k++) {
		r->off[r->n * 3 + k] = r->text.len;
		tk_buf_add(&r->text, f[r->cols[k]], strlen(f[r->cols[k]]) + 1);
	}
	r->lines[r->n++] = line;
	return r->text.oom ? tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") : TK_OK;
}

int tk_roster_read(const char *path, struct tk_candidate **v, int *n,
		   char **store, struct tk_error *err)
{
	struct roster r;
	char *data = NULL, *text = NULL;
	size_t len, tlen;
	int rc, i;

	*v = NULL;
	*n = 0;
	*store = NULL;
	memset(&r, 0, sizeof r);
	r.path = path;
	r.cols[0] = r.cols[1] = r.cols[2] = -1;
	if ((rc = tk_read_file(path, &data, &len, err)) != TK_OK)
		return rc;
	rc = tk_to_utf8(data, len, NULL, path, &text, &tlen, err);
	free(data);
	if (rc != TK_OK)
		return rc;
	/* the project's CSV reader: quoted fields, commas and line ends in them */
	rc = tk_csv_records(text, tlen, path, roster_row, &r, err);
	free(text);
	if (rc == TK_OK && !r.header)
		rc = tk_error_set(err, TK_EINPUT, path, 0, "an empty roster");
	if (rc == TK_OK && r.n > 0 && (*v = calloc((size_t)r.n, sizeof **v)) == NULL)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	if (rc == TK_OK) {
		*store = tk_buf_detach(&r.text);
		for (i = 0; i < r.n; i++) {
			(*v)[i].admission = *store + r.off[i * 3];
			(*v)[i].name = *store + r.off[i * 3 + 1];
			(*v)[i].site = *store + r.off[i * 3 + 2];
			(*v)[i].line = r.lines[i];
		}
		*n = r.n;
	}
	if (rc == TK_OK && *n > 1)
		rc = roster_unique(path, *v, *n, err);
	if (rc != TK_OK) {
		free(*v);
		*v = NULL;
		*n = 0;
		free(*store);
		*store = NULL;
	}
	tk_buf_free(&r.text);
	free(r.off);
	free(r.lines);
	return rc;
}

/* ---- show ---------------------------------------------------------- */

/* The summary: the forms, and what the audit holds, in a screenful
   whatever the number of candidates. */
static int show_summary(struct tk_bank *b, const char *id, struct tk_buf *out,
			struct tk_error *err)
{
	struct tk_audit_summary sum;
	struct tk_paper **forms = NULL;
	struct tk_error e2 = {0};
	int n = 0, i, rc;

	if (tk_batch_forms(b, id, &forms, &n, &e2) == TK_OK) {
		tk_buf_puts(out, "forms:\n");
		for (i = 0; i < n; i++)
			tk_buf_printf(out, "  %s  %s  %d items, %d points\n", forms[i]->form,
				      forms[i]->id, tk_paper_count(forms[i]), forms[i]->points);
		tk_buf_putc(out, '\n');
	}
	for (i = 0; i < n; i++)
		tk_paper_free(forms[i]);
	free(forms);
	if ((rc = tk_bank_audit_summary(b, id, &sum, err)) != TK_OK)
		return rc;
	tk_buf_printf(out, "%d paper%s generated: %d form%s, %d candidate paper%s for %d "
		      "candidate%s\n", sum.papers, sum.papers == 1 ? "" : "s",
		      sum.papers - sum.candidate_papers,
		      sum.papers - sum.candidate_papers == 1 ? "" : "s", sum.candidate_papers,
		      sum.candidate_papers == 1 ? "" : "s", sum.candidates,
		      sum.candidates == 1 ? "" : "s");
	if (sum.papers == 0)
		return TK_OK;
	tk_buf_printf(out, "  from %s to %s, by %s\n", sum.first, sum.last, sum.users);
	if (sum.bank_digests == 1)
		tk_buf_printf(out, "  bank digest %s\n", sum.bank_digest);
	else
		tk_buf_printf(out, "  %d different bank digests: papers drawn from different states "
			      "of the bank\n", sum.bank_digests);
	tk_buf_printf(out, "(every paper: tiku batch show %s --candidates)\n", id);
	return TK_OK;
}

/* The audit's lines, as `tiku batch show --candidates` prints them. */
struct show_walk {
	struct tk_buf *out;
	int n;
};

static int show_paper(void *ud, const struct tk_bank_batch_paper *p)
{
	struct show_walk *w = ud;

	tk_buf_printf(w->out, "%-20s  %-10s %-4s %-12s %-20" PRIu64 " %.12s %s\n", p->time,
		      p->user, p->form, p->candidate, p->seed, p->bank_digest, p->paper);
	w->n++;
	return 0;
}

int tk_batch_show(struct tk_bank *b, const char *id, int full, struct tk_buf *out,
		  struct tk_error *err)
{
	struct tk_bank_batch r;
	struct show_walk w = {out, 0};
	int rc;

	if ((rc = tk_bank_batch_get(b, id, &r, err)) != TK_OK)
		return rc;
	tk_buf_printf(out, "batch %s: %s\n  standard %s, seed %" PRIu64 ", %d form%s, %s\n"
		      "  blueprint digest %s\n\n", id, r.name, r.standard, r.seed, r.forms,
		      r.forms == 1 ? "" : "s", r.state, r.digest);
	tk_bank_batch_release(&r);
	if (!full)
		return show_summary(b, id, out, err);
	tk_buf_printf(out, "%-20s  %-10s %-4s %-12s %-20s %-12s %s\n", "time (UTC)", "by", "form",
		      "candidate", "seed", "bank", "paper");
	if ((rc = tk_bank_batch_papers(b, id, show_paper, &w, err)) != TK_OK)
		return rc;
	tk_buf_printf(out, "\n%d paper%s generated\n", w.n, w.n == 1 ? "" : "s");
	return TK_OK;
}
