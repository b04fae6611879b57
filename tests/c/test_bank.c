/* test_bank.c -- the SQLite bank: storing, versions, search. */
#include <stdio.h>
#include <stdlib.h>

#include "bank.h"
#include "fts.h"
#include "importer.h"
#include "lint.h"
#include "test.h"

/* A fresh bank in the test's temporary directory, with the MIIT standard. */
static struct tk_bank *fresh_bank(const char *name)
{
	char path[512];
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	struct tk_standard *s = NULL;
	int outcome;

	snprintf(path, sizeof path, "%s/%s.db", test_tmpdir(), name);
	remove(path);
	if (tk_bank_open(path, TK_BANK_CREATE, &b, &err) != TK_OK)
		return NULL;
	if (tk_standard_load("banks/miit-kflxzxs/standard.xml", &s, NULL, &err) != TK_OK ||
	    tk_bank_begin(b, "import", "standard", &err) != TK_OK ||
	    tk_bank_put_standard(b, s, &outcome, &err) != TK_OK ||
	    tk_bank_commit(b, &err) != TK_OK) {
		tk_standard_free(s);
		tk_bank_close(b);
		return NULL;
	}
	tk_standard_free(s);
	return b;
}

static int import(struct tk_bank *b, const char *path, struct tk_import_stats *st,
		  struct tk_diags *d)
{
	struct tk_import_opts o;
	struct tk_error err = {0};
	int rc;

	memset(&o, 0, sizeof o);
	memset(st, 0, sizeof *st);
	if (tk_bank_begin(b, "import", path, &err) != TK_OK)
		return TK_EINTERNAL;
	rc = tk_import_file(b, path, &o, st, d, &err);
	if (rc == TK_OK)
		rc = tk_bank_commit(b, &err);
	else
		tk_bank_rollback(b);
	return rc;
}

static int counter(void *ud, const struct tk_row *row)
{
	(void)row;
	(*(int *)ud)++;
	return 0;
}

static int count(struct tk_bank *b, const char *text, const char *level)
{
	struct tk_query q;
	struct tk_error err = {0};
	int n = 0;

	memset(&q, 0, sizeof q);
	q.text = text;
	q.level = level;
	if (tk_bank_query(b, &q, counter, &n, &err) != TK_OK)
		return -1;
	return n;
}

TEST(bank_import_versions_and_reimport)
{
	struct tk_bank *b = fresh_bank("versions");
	struct tk_import_stats st;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_item *it = NULL;
	struct tk_error err = {0};
	int outcome;

	CHECK(b != NULL);
	CHECK_INT(import(b, "tests/data/items/good.xml", &st, &d), TK_OK);
	CHECK_INT(st.added, 5);
	CHECK_INT(import(b, "tests/data/items/good.xml", &st, &d), TK_OK);
	CHECK_INT(st.added, 0);
	CHECK_INT(st.same, 5);
	/* an edit makes version 2 and keeps version 1 */
	CHECK_INT(tk_bank_get_item(b, "t-single-1", &it, &err), TK_OK);
	CHECK(it != NULL);
	CHECK_INT(it->version, 1);
	CHECK_STR(it->level, "junior");
	it->difficulty = 3;
	CHECK_INT(tk_bank_begin(b, "edit", "t-single-1", &err), TK_OK);
	CHECK_INT(tk_bank_put_item(b, it, &outcome, &err), TK_OK);
	CHECK_INT(tk_bank_commit(b, &err), TK_OK);
	CHECK_INT(outcome, TK_PUT_CHANGED);
	CHECK_INT(it->version, 2);
	CHECK_INT(tk_bank_versions(b, "t-single-1", &err), 2);
	tk_item_free(it);
	tk_diags_free(&d);
	tk_bank_close(b);
}

TEST(bank_search_short_chinese_words)
{
	struct tk_bank *b = fresh_bank("search");
	struct tk_import_stats st;
	struct tk_diags d = TK_DIAGS_INIT;

	CHECK(b != NULL);
	CHECK_INT(import(b, "tests/data/items/good.xml", &st, &d), TK_OK);
	CHECK_INT(count(b, "坐席", NULL), 1);        /* two characters */
	CHECK_INT(count(b, "投诉", NULL), 1);
	CHECK_INT(count(b, "诉", NULL), 1);          /* one character */
	CHECK_INT(count(b, "接通率", NULL), 1);
	CHECK_INT(count(b, "标准开头语", NULL), 1);
	CHECK_INT(count(b, "开头 工号", NULL), 1);   /* all words, any order; options too */
	CHECK_INT(count(b, "坐席 投诉", NULL), 0);
	CHECK_INT(count(b, "客户", NULL), 3);
	CHECK_INT(count(b, "客户", "junior"), 3);
	CHECK_INT(count(b, "客户", "senior"), 0);
	CHECK_INT(count(b, "席接听客", NULL), 1);    /* any substring */
	CHECK_INT(count(b, "接听坐席", NULL), 0);    /* but in order */
	CHECK_INT(count(b, "，。", NULL), 0);        /* punctuation only matches nothing */
	tk_diags_free(&d);
	tk_bank_close(b);
}

TEST(bank_rejects_bad_items_and_changes_nothing)
{
	struct tk_bank *b = fresh_bank("reject");
	struct tk_import_stats st;
	struct tk_diags d = TK_DIAGS_INIT;
	size_t i;
	int unknown = 0, two = 0;

	CHECK(b != NULL);
	CHECK_INT(import(b, "tests/data/items/bad.xml", &st, &d), TK_EINPUT);
	CHECK_INT(count(b, NULL, NULL), 0);
	for (i = 0; i < d.n; i++) {
		CHECK(d.v[i].line > 0);
		if (strstr(d.v[i].msg, "code 9.9.9 does not exist at 初级"))
			unknown = d.v[i].line;
		if (strstr(d.v[i].msg, "single-choice item has 2 correct options"))
			two = d.v[i].line;
	}
	CHECK(unknown > 0);
	CHECK(two > 0);
	tk_diags_free(&d);
	tk_bank_close(b);
}

TEST(bank_fts_query_building)
{
	struct tk_buf runs = TK_BUF_INIT;
	char *q = tk_fts_query("坐席  \"诉\" 平均处理 ABC", &runs);

	CHECK_STR(q, "\"坐席\" AND \"诉\" AND \"平均\" AND \"均处\" AND \"处理\" AND \"ABC\"");
	CHECK_STR(runs.s, "平均处理");
	CHECK_INT(runs.len, strlen("平均处理") + 1);
	free(q);
	CHECK(tk_fts_query("，。！", &runs) == NULL);
	CHECK(tk_fts_query("", &runs) == NULL);
	tk_buf_free(&runs);
}

TEST(bank_refuses_non_bank_files)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};

	CHECK_INT(tk_bank_open("tests/data/items/good.xml", TK_BANK_READ, &b, &err), TK_EINPUT);
	CHECK(b == NULL);
	CHECK(strstr(err.msg, "not a tiku bank") != NULL);
	CHECK_INT(tk_bank_open("/nonexistent/x.db", TK_BANK_READ, &b, &err), TK_EINPUT);
}
