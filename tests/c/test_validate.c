/* test_validate.c -- the validator's own reading of the bank and of keys. */
#include <stdio.h>
#include <stdlib.h>

#include "assemble.h"
#include "batch.h"
#include "importer.h"
#include "test.h"
#include "validate.h"

#define MINI_BP "tests/data/papers/mini-blueprint.xml"

/* A bank with the test standard and its items; *s is that standard. */
static struct tk_bank *mini_bank(const char *name, struct tk_standard **s)
{
	char path[512];
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_import_opts o;
	struct tk_import_stats st;
	int outcome, rc;

	memset(&o, 0, sizeof o);
	memset(&st, 0, sizeof st);
	snprintf(path, sizeof path, "%s/%s.db", test_tmpdir(), name);
	remove(path);
	if (tk_bank_open(path, TK_BANK_CREATE, &b, &err) != TK_OK ||
	    tk_standard_load("tests/data/std/mini.xml", s, NULL, &err) != TK_OK ||
	    tk_bank_begin(b, "import", "mini", &err) != TK_OK ||
	    tk_bank_put_standard(b, *s, &outcome, &err) != TK_OK)
		return NULL;
	rc = tk_import_file(b, "tests/data/papers/mini-items.xml", &o, &st, &d, &err);
	tk_diags_free(&d);
	if (rc != TK_OK || tk_bank_commit(b, &err) != TK_OK)
		return NULL;
	return b;
}

static struct tk_blueprint *mini_blueprint(const struct tk_standard *s)
{
	struct tk_blueprint *bp = NULL;
	struct tk_error err = {0};

	if (tk_blueprint_load(MINI_BP, &bp, NULL, &err) != TK_OK ||
	    tk_blueprint_resolve(bp, s, NULL, &err) != TK_OK) {
		tk_blueprint_free(bp);
		return NULL;
	}
	return bp;
}

TEST(validate_reads_item_versions_from_the_history)
{
	struct tk_standard *s = NULL;
	struct tk_bank *b = mini_bank("versions", &s);
	struct tk_item *it = NULL, *v = NULL;
	struct tk_error err = {0};
	int outcome;

	CHECK(b != NULL);
	CHECK_INT(tk_bank_get_item(b, "m1", &it, &err), TK_OK);
	CHECK(it != NULL);
	CHECK_INT(it->difficulty, 2);
	it->difficulty = 5;
	CHECK_INT(tk_bank_begin(b, "set", "m1", &err), TK_OK);
	CHECK_INT(tk_bank_put_item(b, it, &outcome, &err), TK_OK);
	CHECK_INT(tk_bank_commit(b, &err), TK_OK);
	tk_item_free(it);
	CHECK_INT(tk_bank_get_item_version(b, "m1", 1, &v, &err), TK_OK);
	CHECK(v != NULL);
	CHECK_INT(v->version, 1);
	CHECK_INT(v->difficulty, 2);
	tk_item_free(v);
	CHECK_INT(tk_bank_get_item_version(b, "m1", 2, &v, &err), TK_OK);
	CHECK(v != NULL);
	CHECK_INT(v->difficulty, 5);
	tk_item_free(v);
	CHECK_INT(tk_bank_get_item_version(b, "m1", 3, &v, &err), TK_OK);
	CHECK(v == NULL);
	CHECK_INT(tk_bank_get_item_version(b, "nope", 1, &v, &err), TK_OK);
	CHECK(v == NULL);
	tk_standard_free(s);
	tk_bank_close(b);
}

TEST(validate_finds_a_batch_blueprint_by_digest_and_needs_one)
{
	struct tk_standard *s = NULL;
	struct tk_bank *b = mini_bank("find", &s);
	struct tk_blueprint *bp = mini_blueprint(s), *found = NULL;
	struct tk_assemble_opts o;
	struct tk_paper *p = NULL;
	struct tk_vreport rep;
	struct tk_error err = {0};
	char *xml = NULL, *where = NULL;
	int i, blueprint_row = 0;

	CHECK(b != NULL && bp != NULL);
	memset(&o, 0, sizeof o);
	o.seed = 3;
	CHECK_INT(tk_assemble(b, s, bp, &o, &p, NULL, &err), TK_OK);
	/* drawn from a file it does not name, and the bank has no copy */
	CHECK_INT(tk_validate(b, s, NULL, &p, 1, &rep, &err), TK_FAIL);
	for (i = 0; i < rep.n; i++)
		blueprint_row += !strcmp(rep.rows[i].what, "blueprint") && !rep.rows[i].ok;
	CHECK_INT(blueprint_row, 1);
	tk_vreport_free(&rep);
	CHECK_INT(tk_validate(b, s, bp, &p, 1, &rep, &err), TK_OK);
	tk_vreport_free(&rep);
	CHECK_INT(tk_bank_find_blueprint(b, bp->hash, &xml, &where, &err), TK_OK);
	CHECK(xml == NULL && where == NULL);
	/* a batch keeps it: found, and the paper valid without naming it */
	CHECK_INT(tk_batch_new(b, "b1", NULL, MINI_BP, 1, &err), TK_OK);
	CHECK_INT(tk_bank_find_blueprint(b, bp->hash, &xml, &where, &err), TK_OK);
	CHECK(xml != NULL);
	CHECK_STR(where, "batch b1");
	free(xml);
	free(where);
	CHECK_INT(tk_validate_find_blueprint(b, s, p, &found, &err), TK_OK);
	CHECK(found != NULL);
	CHECK_STR(found->hash, bp->hash);
	tk_blueprint_free(found);
	CHECK_INT(tk_validate(b, s, NULL, &p, 1, &rep, &err), TK_OK);
	tk_vreport_free(&rep);
	tk_paper_free(p);
	tk_blueprint_free(bp);
	tk_standard_free(s);
	tk_bank_close(b);
}

/* The key of p as tiku batch papers writes it, answer n changed when n > 0,
   the last line left off when drop. */
static void key_of(const struct tk_paper *p, int wrong, int drop, struct tk_buf *k)
{
	int i, j, n = 0, total = tk_paper_count(p);

	tk_buf_puts(k, "题号,试题编号,答案,分值\n");
	for (i = 0; i < p->nsections; i++)
		for (j = 0; j < p->sections[i].nitems; j++) {
			const struct tk_item *it = p->sections[i].items[j];
			char pts[16], *ans = tk_fragment_text(it->answer);
			if (++n == total && drop) {
				free(ans);
				break;
			}
			tk_buf_printf(k, "%d,%s,%s,%s\n", n, it->id,
				      n == wrong ? "WRONG" : ans, tk_points_format(it->points, pts));
			free(ans);
		}
}

TEST(validate_key_question_by_question)
{
	struct tk_standard *s = NULL;
	struct tk_bank *b = mini_bank("key", &s);
	struct tk_blueprint *bp = mini_blueprint(s);
	struct tk_assemble_opts o;
	struct tk_paper *p = NULL;
	struct tk_vreport rep;
	struct tk_error err = {0};
	struct tk_buf k = TK_BUF_INIT;

	CHECK(b != NULL && bp != NULL);
	memset(&o, 0, sizeof o);
	o.seed = 5;
	CHECK_INT(tk_assemble(b, s, bp, &o, &p, NULL, &err), TK_OK);
	memset(&rep, 0, sizeof rep);
	key_of(p, 0, 0, &k);
	CHECK_INT(tk_validate_key(p, tk_buf_str(&k), "k.csv", &rep), TK_OK);
	CHECK_INT(rep.n, 1);
	CHECK_STR(rep.rows[0].what, "key");
	CHECK(rep.rows[0].ok);
	tk_vreport_free(&rep);
	tk_buf_free(&k);
	key_of(p, 3, 0, &k);
	CHECK_INT(tk_validate_key(p, tk_buf_str(&k), "k.csv", &rep), TK_FAIL);
	CHECK_INT(rep.problems.n, 1);
	CHECK_INT(rep.problems.v[0].line, 4);
	CHECK(strstr(rep.problems.v[0].msg, "question 3") != NULL);
	tk_vreport_free(&rep);
	tk_buf_free(&k);
	key_of(p, 0, 1, &k);
	CHECK_INT(tk_validate_key(p, tk_buf_str(&k), "k.csv", &rep), TK_FAIL);
	CHECK(strstr(rep.problems.v[0].msg, "13 answers for 14 items") != NULL);
	tk_vreport_free(&rep);
	tk_buf_free(&k);
	tk_paper_free(p);
	tk_blueprint_free(bp);
	tk_standard_free(s);
	tk_bank_close(b);
}
