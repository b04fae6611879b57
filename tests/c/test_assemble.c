/* test_assemble.c -- properties of assembly over many seeds. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "assemble.h"
#include "importer.h"
#include "test.h"
#include "validate.h"

/* A bank with the MIIT standard and the sample items, made once. */
static struct tk_bank *sample_bank(struct tk_standard **s)
{
	static const char *files[] = {
		"banks/miit-kflxzxs/items/junior/theory-basics.xml",
		"banks/miit-kflxzxs/items/junior/theory-f1.xml",
		"banks/miit-kflxzxs/items/junior/theory-f2.xml",
		"banks/miit-kflxzxs/items/junior/theory-f3.xml",
		"banks/miit-kflxzxs/items/junior/skill.xml",
	};
	char path[512];
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_import_opts o;
	struct tk_import_stats st;
	size_t i;
	int outcome;

	memset(&o, 0, sizeof o);
	snprintf(path, sizeof path, "%s/assemble.db", test_tmpdir());
	remove(path);
	if (tk_bank_open(path, TK_BANK_CREATE, &b, &err) != TK_OK ||
	    tk_standard_load("banks/miit-kflxzxs/standard.xml", s, NULL, &err) != TK_OK ||
	    tk_bank_begin(b, "import", "sample", &err) != TK_OK ||
	    tk_bank_put_standard(b, *s, &outcome, &err) != TK_OK)
		return NULL;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		memset(&st, 0, sizeof st);
		if (tk_import_file(b, files[i], &o, &st, &d, &err) != TK_OK)
			return NULL;
	}
	tk_diags_free(&d);
	if (tk_bank_commit(b, &err) != TK_OK)
		return NULL;
	return b;
}

static struct tk_blueprint *blueprint(const char *path, const struct tk_standard *s)
{
	struct tk_blueprint *bp = NULL;
	struct tk_error err = {0};

	if (tk_blueprint_load(path, &bp, NULL, &err) != TK_OK ||
	    tk_blueprint_resolve(bp, s, NULL, &err) != TK_OK) {
		tk_blueprint_free(bp);
		return NULL;
	}
	return bp;
}

TEST(assemble_every_seed_valid_and_reproducible)
{
	struct tk_standard *s = NULL;
	struct tk_bank *b = sample_bank(&s);
	struct tk_blueprint *bp;
	struct tk_error err = {0};
	uint64_t seed;

	CHECK(b != NULL);
	bp = blueprint("banks/miit-kflxzxs/blueprints/junior-theory.xml", s);
	CHECK(bp != NULL);
	for (seed = 1; seed <= 60; seed++) {
		struct tk_assemble_opts o;
		struct tk_paper *p = NULL, *q = NULL;
		struct tk_vreport rep;
		struct tk_buf x1 = TK_BUF_INIT, x2 = TK_BUF_INIT;
		memset(&o, 0, sizeof o);
		o.seed = seed * 7919;
		CHECK_INT(tk_assemble(b, s, bp, &o, &p, NULL, &err), TK_OK);
		CHECK_INT(tk_assemble(b, s, bp, &o, &q, NULL, &err), TK_OK);
		tk_paper_xml(p, &x1);
		tk_paper_xml(q, &x2);
		CHECK_STR(x1.s, x2.s);
		CHECK_INT(tk_validate(b, s, bp, &p, 1, &rep, &err), TK_OK);
		CHECK_INT(rep.failures, 0);
		tk_vreport_free(&rep);
		tk_buf_free(&x1);
		tk_buf_free(&x2);
		tk_paper_free(p);
		tk_paper_free(q);
	}
	tk_blueprint_free(bp);
	tk_standard_free(s);
	tk_bank_close(b);
}

/*
 * Fairness: without a difficulty target the draw within a cell (area and
 * section) is uniform, whatever the item's place in the bank.  Over 1000
 * papers, the counts of the items of each cell must pass a chi-square
 * test against equal frequencies; the bound is far out in the tail
 * (df + 5 sqrt(2 df)), so that a fair draw fails about never.  Items in an
 * enemy pair are left out: keeping enemies apart rightly lowers their
 * share.
 */
TEST(assemble_fair_within_cells)
{
	struct tk_standard *s = NULL;
	struct tk_bank *b = sample_bank(&s);
	struct tk_blueprint *bp;
	struct tk_error err = {0};
	struct tk_query q;
	struct tk_itemset all = {0};
	/* under valgrind (TIKU_UNIT_QUICK) a tenth: the bound still holds */
	int *hits, draws = getenv("TIKU_UNIT_QUICK") ? 100 : 1000, d, i, j, cells_tested = 0;
	size_t k;

	CHECK(b != NULL);
	bp = blueprint("tests/data/papers/junior-theory-flat.xml", s);
	CHECK(bp != NULL);
	memset(&q, 0, sizeof q);
	q.level = "junior";
	q.kind = "theory";
	CHECK_INT(tk_bank_load_items(b, &q, &all, &err), TK_OK);
	hits = calloc(all.n, sizeof *hits);
	CHECK(hits != NULL);
	for (d = 0; d < draws; d++) {
		struct tk_assemble_opts o;
		struct tk_paper *p = NULL;
		memset(&o, 0, sizeof o);
		o.seed = (uint64_t)d;
		CHECK_INT(tk_assemble(b, s, bp, &o, &p, NULL, &err), TK_OK);
		for (i = 0; i < p->nsections; i++)
			for (j = 0; j < p->sections[i].nitems; j++)
				for (k = 0; k < all.n; k++)
					if (!strcmp(all.items[k]->id, p->sections[i].items[j]->id))
						hits[k]++;
		tk_paper_free(p);
	}
	/* items in an enemy pair do not count */
	for (k = 0; k < all.n; k++) {
		size_t m;
		int e;
		for (e = 0; e < all.items[k]->nenemies; e++)
			for (m = 0; m < all.n; m++)
				if (!strcmp(all.items[m]->id, all.items[k]->enemies[e]))
					hits[m] = -1;
		if (all.items[k]->nenemies)
			hits[k] = -1;
	}
	/* group the items by cell: first code's area and type */
	for (k = 0; k < all.n; k++) {
		const struct tk_req *r = tk_standard_find(s, 0, TK_THEORY, all.items[k]->codes[0]);
		int area = tk_standard_area(s, TK_THEORY, 0, r), n = 0, sum = 0;
		double chi = 0, expect;
		size_t m;
		if (hits[k] < 0)
			continue;       /* its cell was done */
		for (m = k; m < all.n; m++) {
			const struct tk_req *r2 = tk_standard_find(s, 0, TK_THEORY, all.items[m]->codes[0]);
			if (hits[m] >= 0 && all.items[m]->type == all.items[k]->type &&
			    tk_standard_area(s, TK_THEORY, 0, r2) == area) {
				n++;
				sum += hits[m];
			}
		}
		expect = (double)sum / n;
		for (m = k; m < all.n; m++) {
			const struct tk_req *r2 = tk_standard_find(s, 0, TK_THEORY, all.items[m]->codes[0]);
			if (hits[m] >= 0 && all.items[m]->type == all.items[k]->type &&
			    tk_standard_area(s, TK_THEORY, 0, r2) == area) {
				chi += (hits[m] - expect) * (hits[m] - expect) / (expect > 0 ? expect : 1);
				hits[m] = -1;
			}
		}
		if (n > 1 && expect > 5) {
			double df = n - 1;
			if (chi > df + 5 * sqrt(2 * df))
				fprintf(stderr, "  cell of %s: chi2 %.1f, df %.0f\n", all.items[k]->id, chi, df);
			CHECK(chi <= df + 5 * sqrt(2 * df));
			cells_tested++;
		}
	}
	CHECK(cells_tested >= (draws >= 1000 ? 8 : 2));
	free(hits);
	tk_itemset_free(&all);
	tk_blueprint_free(bp);
	tk_standard_free(s);
	tk_bank_close(b);
}

/* Parallel forms: the second shares at most max-shared with the first,
   and its mean difficulty is within 0.1 of the first's. */
TEST(assemble_forms_within_overlap)
{
	struct tk_standard *s = NULL;
	struct tk_bank *b = sample_bank(&s);
	struct tk_blueprint *bp;
	struct tk_error err = {0};
	uint64_t seed;

	CHECK(b != NULL);
	bp = blueprint("banks/miit-kflxzxs/blueprints/junior-theory.xml", s);
	CHECK(bp != NULL);
	for (seed = 1; seed <= 20; seed++) {
		struct tk_assemble_opts o;
		struct tk_paper *forms[2] = {NULL, NULL};
		struct tk_vreport rep;
		memset(&o, 0, sizeof o);
		o.seed = seed;
		o.form = "A";
		CHECK_INT(tk_assemble(b, s, bp, &o, &forms[0], NULL, &err), TK_OK);
		o.form = "B";
		o.previous = forms;
		o.nprevious = 1;
		CHECK_INT(tk_assemble(b, s, bp, &o, &forms[1], NULL, &err), TK_OK);
		CHECK_INT(tk_validate(b, s, bp, forms, 2, &rep, &err), TK_OK);
		CHECK_INT(rep.failures, 0);
		tk_vreport_free(&rep);
		{
			double m[2];
			int f, i, j, n;
			for (f = 0; f < 2; f++) {
				int sum = 0;
				for (n = 0, i = 0; i < forms[f]->nsections; i++)
					for (j = 0; j < forms[f]->sections[i].nitems; j++, n++)
						sum += forms[f]->sections[i].items[j]->difficulty;
				m[f] = (double)sum / n;
			}
			CHECK(fabs(m[0] - m[1]) <= 0.1 + 1e-9);
		}
		tk_paper_free(forms[0]);
		tk_paper_free(forms[1]);
	}
	tk_blueprint_free(bp);
	tk_standard_free(s);
	tk_bank_close(b);
}
