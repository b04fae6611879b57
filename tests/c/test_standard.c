/* test_standard.c -- reading standards and linting them. */
#include <stdlib.h>

#include "lint.h"
#include "standard.h"
#include "test.h"

static int has_diag(const struct tk_diags *d, int sev, const char *needle)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].severity == sev && strstr(d->v[i].msg, needle))
			return d->v[i].line ? d->v[i].line : -1;
	return 0;
}

TEST(standard_miit_loads_in_full)
{
	struct tk_standard *s = NULL;
	struct tk_error err = {0};
	int i, counts[3][4] = {{0}};

	CHECK_INT(tk_standard_load("banks/miit-kflxzxs/standard.xml", &s, NULL, &err), TK_OK);
	CHECK_INT(s->nlevels, 3);
	CHECK_STR(s->levels[0].name, "初级");
	CHECK_STR(s->levels[2].id, "senior");
	for (i = 0; i < s->nreqs; i++)
		if (s->reqs[i].level >= 0)
			counts[s->reqs[i].level][s->reqs[i].type]++;
	/* functions, tasks, skills, knowledge per level, as 004 prints them */
	CHECK_INT(counts[0][TK_REQ_FUNCTION], 3);
	CHECK_INT(counts[0][TK_REQ_TASK], 8);
	CHECK_INT(counts[0][TK_REQ_SKILL], 25);
	CHECK_INT(counts[0][TK_REQ_KNOWLEDGE], 39);
	CHECK_INT(counts[1][TK_REQ_SKILL], 27);
	CHECK_INT(counts[1][TK_REQ_KNOWLEDGE], 27);
	CHECK_INT(counts[2][TK_REQ_SKILL], 27);
	CHECK_INT(counts[2][TK_REQ_KNOWLEDGE], 28);
	CHECK(s->weights[TK_THEORY].present);
	CHECK(s->weights[TK_SKILL].present);
	CHECK_INT(s->nassessments, 2);
	tk_standard_free(s);
}

TEST(standard_weight_cells_keep_x_and_blank_apart)
{
	struct tk_standard *s = NULL;
	struct tk_error err = {0};
	const struct tk_weights *w;
	int i, team = -1;

	CHECK_INT(tk_standard_load("banks/miit-kflxzxs/standard.xml", &s, NULL, &err), TK_OK);
	w = &s->weights[TK_SKILL];
	for (i = 0; i < w->nareas; i++)
		if (!strcmp(w->areas[i].name, "团队管理"))
			team = i;
	CHECK(team >= 0);
	CHECK_INT(w->areas[team].cells[0].state, TK_CELL_NA);
	CHECK_INT(w->areas[team].cells[1].state, TK_CELL_BLANK);
	CHECK_INT(w->areas[team].cells[2].state, TK_CELL_WEIGHT);
	CHECK_INT(w->areas[team].cells[2].weight, 40);
	tk_standard_free(s);
}

TEST(standard_find_and_area)
{
	struct tk_standard *s = NULL;
	struct tk_error err = {0};
	const struct tk_req *r;
	int a;

	CHECK_INT(tk_standard_load("banks/miit-kflxzxs/standard.xml", &s, NULL, &err), TK_OK);
	CHECK_INT(tk_standard_level(s, "中级"), 1);
	CHECK_INT(tk_standard_level(s, "intermediate"), 1);
	CHECK_INT(tk_standard_level(s, "特级"), -1);
	r = tk_standard_find(s, 0, TK_THEORY, "1.1.3");
	CHECK(r != NULL);
	CHECK_INT(r->type, TK_REQ_KNOWLEDGE);
	a = tk_standard_area(s, TK_THEORY, 0, r);
	CHECK(a >= 0);
	CHECK_STR(s->weights[TK_THEORY].areas[a].name, "业务应答");
	r = tk_standard_find(s, 1, TK_THEORY, "B2.2.7");
	CHECK(r != NULL);
	a = tk_standard_area(s, TK_THEORY, 1, r);
	CHECK_STR(s->weights[TK_THEORY].areas[a].name, "基础知识");
	CHECK(tk_standard_find(s, 1, TK_SKILL, "B2.2.7") == NULL);
	CHECK(tk_standard_find(s, 0, TK_THEORY, "9.9.9") == NULL);
	/* 中级 function 2 is 班组管理; the table's row for it is 运营管理 */
	r = tk_standard_find(s, 1, TK_THEORY, "2.1.1");
	a = tk_standard_area(s, TK_THEORY, 1, r);
	CHECK_STR(s->weights[TK_THEORY].areas[a].name, "运营管理");
	tk_standard_free(s);
}

TEST(standard_lint_reports_the_source_mismatches)
{
	struct tk_standard *s = NULL;
	struct tk_error err = {0};
	struct tk_diags d = TK_DIAGS_INIT;

	CHECK_INT(tk_standard_load("banks/miit-kflxzxs/standard.xml", &s, NULL, &err), TK_OK);
	tk_lint_standard(s, &d);
	CHECK_INT(d.nerrors, 0);
	CHECK(has_diag(&d, TK_DIAG_WARNING, "row '业务应答' at 初级 covers function 1 '呼叫应答'") > 0);
	CHECK(has_diag(&d, TK_DIAG_WARNING, "row '业务督导' at 高级 covers function 3 '业务管控'") > 0);
	CHECK(has_diag(&d, TK_DIAG_WARNING, "row '运营管理' at 中级 covers function 2 '班组管理'") > 0);
	CHECK(has_diag(&d, TK_DIAG_WARNING, "row '团队管理' is blank at 中级") > 0);
	CHECK(has_diag(&d, TK_DIAG_WARNING, "printed as 2.2.1") > 0);
	CHECK(has_diag(&d, TK_DIAG_WARNING, "disagree on the pass mark") > 0);
	tk_diags_free(&d);
	tk_standard_free(s);
}

TEST(standard_lint_finds_errors_with_lines)
{
	struct tk_standard *s = NULL;
	struct tk_error err = {0};
	struct tk_diags d = TK_DIAGS_INIT;

	CHECK_INT(tk_standard_load("tests/data/std/bad-sums.xml", &s, NULL, &err), TK_OK);
	tk_lint_standard(s, &d);
	CHECK(has_diag(&d, TK_DIAG_ERROR, "the 初级 column sums to 90, not 100") > 0);
	CHECK(has_diag(&d, TK_DIAG_ERROR, "the 中级 column sums to 50, not 100") > 0);
	CHECK(has_diag(&d, TK_DIAG_ERROR, "covers '4'") > 0);
	CHECK_INT(has_diag(&d, TK_DIAG_ERROR, "duplicate knowledge code 1.1.1 at 初级"), 12);
	CHECK(has_diag(&d, TK_DIAG_ERROR, "covered by two rows") > 0);
	CHECK(has_diag(&d, TK_DIAG_WARNING, "is blank at 中级") > 0);
	tk_diags_free(&d);
	tk_standard_free(s);
}

TEST(standard_second_standard_works_unchanged)
{
	struct tk_standard *s = NULL;
	struct tk_error err = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	const struct tk_req *r;

	CHECK_INT(tk_standard_load("tests/data/std/mini.xml", &s, NULL, &err), TK_OK);
	tk_lint_standard(s, &d);
	CHECK_INT(d.nerrors, 0);
	CHECK_INT(tk_standard_level(s, "四级"), 1);
	r = tk_standard_find(s, 1, TK_THEORY, "1.1.1");
	CHECK_STR(s->weights[TK_THEORY].areas[tk_standard_area(s, TK_THEORY, 1, r)].id, "art");
	tk_diags_free(&d);
	tk_standard_free(s);
}

TEST(standard_rejects_bad_xml_with_line)
{
	static const char bad[] = "<?xml version=\"1.0\"?>\n<standard xmlns=\"urn:tiku:standard:1\" id=\"x\">\n"
				  "  <title>t</title>\n  <levels><level id=\"a\" name=\"初级\"></levels>\n</standard>\n";
	static const char invalid[] = "<standard xmlns=\"urn:tiku:standard:1\" id=\"x\">\n"
				      "<title>t</title>\n<levels>\n<level id=\"a\"/>\n</levels>\n</standard>\n";
	static const char doctype[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE standard [<!ENTITY a \"aaaa\">]>\n"
				      "<standard/>\n";
	struct tk_standard *s = NULL;
	struct tk_error err = {0};

	CHECK_INT(tk_standard_parse(bad, sizeof bad - 1, "bad.xml", &s, NULL, &err), TK_EINPUT);
	CHECK(s == NULL);
	CHECK_INT(err.line, 4);
	CHECK(strstr(err.msg, "not well-formed") != NULL);
	CHECK_INT(tk_standard_parse(invalid, sizeof invalid - 1, "inv.xml", &s, NULL, &err), TK_EINPUT);
	CHECK_INT(err.line, 4);
	CHECK(strstr(err.msg, "schema") != NULL);
	CHECK_INT(tk_standard_parse(doctype, sizeof doctype - 1, "dt.xml", &s, NULL, &err), TK_EINPUT);
	CHECK(strstr(err.msg, "DOCTYPE") != NULL);
}

TEST(standard_1x_has_no_weight_table)
{
	struct tk_standard *s = NULL;
	struct tk_error err = {0};
	struct tk_diags d = TK_DIAGS_INIT;

	CHECK_INT(tk_standard_load("banks/1x-hjzx/standard.xml", &s, NULL, &err), TK_OK);
	CHECK(!s->weights[TK_THEORY].present);
	CHECK(!s->weights[TK_SKILL].present);
	CHECK_INT(s->nbatches, 13);
	CHECK_STR(s->batches[12].name, "2023年第十三次统考");
	CHECK_STR(s->levels[s->batches[12].level].name, "高级");
	tk_lint_standard(s, &d);
	CHECK(has_diag(&d, TK_DIAG_WARNING, "has no weight table") != 0);
	tk_diags_free(&d);
	tk_standard_free(s);
}
