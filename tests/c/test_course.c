/* test_course.c -- courses: lesson bodies (Markdown), course.xml, the
 * scaffold, the matrix, lint, and the practice items a bank offers. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bank.h"
#include "batch.h"
#include "course.h"
#include "importer.h"
#include "markdown.h"
#include "test.h"

#define COURSE "tests/data/course/barista"

static int has_diag(const struct tk_diags *d, int sev, const char *needle)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].severity == sev && strstr(d->v[i].msg, needle))
			return d->v[i].line ? d->v[i].line : -1;
	return 0;
}

static struct tk_md_doc *md(const char *text, struct tk_diags *d, int *rc)
{
	struct tk_md_doc *doc = NULL;
	struct tk_error err = {0};

	*rc = tk_md_parse(text, strlen(text), "t.md", &doc, d, &err);
	return doc;
}

/* The n-th child of a node (from 0). */
static const struct tk_md_node *nth(const struct tk_md_node *n, int i)
{
	const struct tk_md_node *c = n ? n->first : NULL;

	while (c && i-- > 0)
		c = c->next;
	return c;
}

TEST(md_dialogue_turns)
{
	struct tk_diags d = TK_DIAGS_INIT;
	int rc;
	struct tk_md_doc *doc = md("# 话术\n\n```话术\n坐席：您好，请问有什么可以帮您？\n"
				   "客户:我想查话费，\n顺便改套餐。\n\n坐席：好的。\n```\n", &d, &rc);
	const struct tk_md_node *dlg;

	CHECK_INT(rc, TK_OK);
	CHECK_INT(d.n, 0);
	dlg = nth(doc->root, 1);
	CHECK_INT(dlg->kind, TK_MD_DIALOGUE);
	CHECK_INT(nth(dlg, 0)->speaker, TK_SPEAKER_AGENT);
	CHECK_STR(nth(dlg, 0)->text, "您好，请问有什么可以帮您？");
	CHECK_INT(nth(dlg, 0)->line, 4);
	CHECK_INT(nth(dlg, 1)->speaker, TK_SPEAKER_CUSTOMER);
	CHECK_STR(nth(dlg, 1)->text, "我想查话费，\n顺便改套餐。");
	CHECK_INT(nth(dlg, 2)->line, 8);
	CHECK(nth(dlg, 3) == NULL);
	tk_md_free(doc);
	tk_diags_free(&d);
}

TEST(md_dialogue_lines_need_a_speaker)
{
	struct tk_diags d = TK_DIAGS_INIT;
	int rc;
	struct tk_md_doc *doc = md("text\n\n```话术\n\n旁白：开始\n坐席：\n```\n\n```话术\n```\n", &d, &rc);

	CHECK_INT(rc, TK_EINPUT);
	CHECK(doc != NULL);     /* a checker goes on with the tree */
	CHECK_INT(has_diag(&d, TK_DIAG_ERROR, "starts with 坐席"), 5);
	CHECK_INT(has_diag(&d, TK_DIAG_ERROR, "says nothing"), 6);
	CHECK_INT(has_diag(&d, TK_DIAG_ERROR, "block is empty"), 9);
	tk_md_free(doc);
	tk_diags_free(&d);
}

TEST(md_callouts)
{
	struct tk_diags d = TK_DIAGS_INIT;
	int rc;
	struct tk_md_doc *doc = md("> [!要点]\n> 先核实身份。\n\n> [!注意] 不要 *承诺* 时限\n>\n> 正文\n\n"
				   "> [!案例]\n\n> 普通引用\n", &d, &rc);
	const struct tk_md_node *c;
	struct tk_buf t = TK_BUF_INIT;

	CHECK_INT(rc, TK_OK);
	c = nth(doc->root, 0);
	CHECK_INT(c->kind, TK_MD_CALLOUT);
	CHECK_INT(c->callout, TK_CALLOUT_KEY);
	CHECK(c->text == NULL);
	tk_md_plain(c, &t);
	CHECK_STR(tk_buf_str(&t), "先核实身份。");
	c = nth(doc->root, 1);
	CHECK_INT(c->callout, TK_CALLOUT_CAUTION);
	CHECK_STR(c->text, "不要 承诺 时限");
	CHECK_INT(nth(c, 0)->kind, TK_MD_PARAGRAPH);
	c = nth(doc->root, 2);
	CHECK_INT(c->callout, TK_CALLOUT_CASE);
	CHECK(c->first == NULL);
	CHECK_INT(nth(doc->root, 3)->kind, TK_MD_QUOTE);
	tk_buf_free(&t);
	tk_md_free(doc);
	tk_diags_free(&d);
}

TEST(md_tables_images_and_no_raw_html)
{
	struct tk_diags d = TK_DIAGS_INIT;
	int rc;
	struct tk_md_doc *doc = md("| a | b |\n|:--|--:|\n| 1 | 2 |\n\n![坐席 工位](img/x.png \"t\") <b>x</b>\n\n"
				   "<script>alert(1)</script>\n", &d, &rc);
	const struct tk_md_node *table, *img, *p;
	struct tk_buf t = TK_BUF_INIT;

	CHECK_INT(rc, TK_OK);
	table = nth(doc->root, 0);
	CHECK_INT(table->kind, TK_MD_TABLE);
	CHECK(nth(table, 0)->header);
	CHECK(!nth(table, 1)->header);
	CHECK_INT(nth(nth(table, 1), 0)->align, TK_ALIGN_LEFT);
	CHECK_INT(nth(nth(table, 1), 1)->align, TK_ALIGN_RIGHT);
	p = nth(doc->root, 1);
	img = nth(p, 0);
	CHECK_INT(img->kind, TK_MD_IMAGE);
	CHECK_STR(img->url, "img/x.png");
	CHECK_STR(img->title, "t");
	tk_md_plain(img, &t);
	CHECK_STR(tk_buf_str(&t), "坐席 工位");
	tk_buf_reset(&t);
	tk_md_plain(doc->root, &t);
	CHECK(strstr(tk_buf_str(&t), "alert") == NULL);
	CHECK(strstr(tk_buf_str(&t), "<b>") == NULL);
	CHECK(nth(doc->root, 2) == NULL);       /* the HTML block is left out */
	CHECK_INT(has_diag(&d, TK_DIAG_WARNING, "raw HTML"), 5);
	CHECK_INT(d.nwarnings, 3);
	tk_buf_free(&t);
	tk_md_free(doc);
	tk_diags_free(&d);
}

TEST(md_not_utf8)
{
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_md_doc *doc = NULL;
	struct tk_error err = {0};
	const char bad[] = "# 标题\n\n第二行 \xff\n";

	CHECK_INT(tk_md_parse(bad, sizeof bad - 1, "t.md", &doc, &d, &err), TK_EINPUT);
	CHECK(doc == NULL);
	CHECK_INT(err.line, 3);
	CHECK_INT(has_diag(&d, TK_DIAG_ERROR, "not UTF-8"), 3);
	tk_diags_free(&d);
}

static int count_fn(void *ud, const struct tk_md_node *n, int entering)
{
	(void)n;
	if (entering)
		(*(int *)ud)++;
	return 0;
}

TEST(md_deep_nesting_costs_no_stack)
{
	struct tk_buf b = TK_BUF_INIT;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_md_doc *doc;
	int i, rc, n = 0;

	for (i = 0; i < 5000; i++)
		tk_buf_puts(&b, "- ");
	tk_buf_puts(&b, "x\n");
	doc = md(tk_buf_str(&b), &d, &rc);
	CHECK_INT(rc, TK_OK);
	tk_md_walk(doc->root, count_fn, &n);
	CHECK(n > 5000);
	tk_md_free(doc);
	tk_buf_free(&b);
	tk_diags_free(&d);
}

TEST(md_resolve_paths)
{
	char *p = NULL;

	CHECK_INT(tk_md_resolve("lessons", "../img/a.png", &p), TK_MD_PATH_OK);
	CHECK_STR(p, "img/a.png");
	free(p);
	CHECK_INT(tk_md_resolve("lessons", "./b%20c.md#x", &p), TK_MD_PATH_OK);
	CHECK_STR(p, "lessons/b c.md");
	free(p);
	CHECK_INT(tk_md_resolve("", "a/../b.md?q", &p), TK_MD_PATH_OK);
	CHECK_STR(p, "b.md");
	free(p);
	CHECK_INT(tk_md_resolve("lessons", "../../x.png", &p), TK_MD_PATH_OUTSIDE);
	CHECK(p == NULL);
	CHECK_INT(tk_md_resolve("", "..", &p), TK_MD_PATH_OUTSIDE);
	CHECK_INT(tk_md_resolve("", "/etc/passwd", &p), TK_MD_PATH_ABSOLUTE);
	CHECK_INT(tk_md_resolve("", "file:///etc/passwd", &p), TK_MD_PATH_SCHEME);
	CHECK_INT(tk_md_resolve("", "JavaScript:alert(1)", &p), TK_MD_PATH_SCHEME);
	CHECK_INT(tk_md_resolve("", "#top", &p), TK_MD_PATH_EMPTY);
	CHECK_INT(tk_md_resolve("", "%2e%2e/x", &p), TK_MD_PATH_OUTSIDE);
}

TEST(md_check_a_good_body)
{
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_md_doc *doc = NULL;
	struct tk_error err = {0};

	CHECK_INT(tk_md_load(COURSE "/lessons/basics.md", &doc, &d, &err), TK_OK);
	tk_md_check(doc, COURSE, "lessons", &d);
	CHECK_INT(d.n, 0);
	tk_md_free(doc);
	tk_diags_free(&d);
}

TEST(md_check_symlink_out_of_the_folder)
{
	char dir[512], link[600], body[600], outside[600];
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_md_doc *doc = NULL;
	struct tk_error err = {0};
	const char *text = "见图：![外面的文件](out.png)\n";

	snprintf(dir, sizeof dir, "%s/symcourse", test_tmpdir());
	snprintf(link, sizeof link, "%s/out.png", dir);
	snprintf(body, sizeof body, "%s/a.md", dir);
	snprintf(outside, sizeof outside, "%s/outside.png", test_tmpdir());
	CHECK(mkdir(dir, 0777) == 0);
	CHECK_INT(tk_write_file(outside, "x", 1, &err), TK_OK);
	CHECK(symlink(outside, link) == 0);
	CHECK_INT(tk_write_file(body, text, strlen(text), &err), TK_OK);
	CHECK_INT(tk_md_load(body, &doc, &d, &err), TK_OK);
	tk_md_check(doc, dir, "", &d);
	CHECK_INT(has_diag(&d, TK_DIAG_ERROR, "outside the course folder (a symbolic link)"), 1);
	tk_md_free(doc);
	tk_diags_free(&d);
}

TEST(course_hours_parse_and_format)
{
	char buf[24];

	CHECK_INT(tk_course_hours_parse("48"), 4800);
	CHECK_INT(tk_course_hours_parse("1.5"), 150);
	CHECK_INT(tk_course_hours_parse("0.25"), 25);
	CHECK_INT(tk_course_hours_parse("1.255"), -1);
	CHECK_INT(tk_course_hours_parse("1."), -1);
	CHECK_INT(tk_course_hours_parse("-1"), -1);
	CHECK_INT(tk_course_hours_parse("x"), -1);
	CHECK_STR(tk_course_hours_format(4800, buf), "48");
	CHECK_STR(tk_course_hours_format(150, buf), "1.5");
	CHECK_STR(tk_course_hours_format(25, buf), "0.25");
}

TEST(course_reads_the_barista_course)
{
	struct tk_course *c = NULL;
	struct tk_error err = {0};
	const struct tk_course_lesson *l;

	CHECK_INT(tk_course_load(COURSE, &c, NULL, &err), TK_OK);
	CHECK_STR(c->id, "barista-l5");
	CHECK_STR(c->standard, "test-barista");
	CHECK_STR(c->level, "五级");
	CHECK_INT(c->pass, 70);
	CHECK_STR(c->file, COURSE "/course.xml");
	CHECK_INT(c->nmodules, 3);
	CHECK_INT(c->nlessons, 4);
	CHECK_INT(c->modules[0].nlessons, 2);
	CHECK_INT(c->modules[1].first, 2);
	l = &c->lessons[1];
	CHECK_INT(l->practice.mode, TK_PRACTICE_ITEMS);
	CHECK_INT(l->practice.nitems, 2);
	CHECK_STR(l->practice.items[1], "bar-5");
	CHECK_INT(l->practice.item_lines[1], 14);
	l = &c->lessons[2];
	CHECK_INT(l->hours, 350);
	CHECK_INT(l->module, 1);
	CHECK_INT(l->practice.mode, TK_PRACTICE_DRAW);
	CHECK_INT(l->practice.count, 3);
	CHECK(l->practice.seed == 42);
	CHECK_INT(l->practice.types, (1 << TK_SINGLE) | (1 << TK_TRUEFALSE));
	CHECK_INT(l->practice.dmin, 1);
	CHECK_INT(l->practice.dmax, 3);
	CHECK_INT(l->practice.kind, -1);
	tk_course_free(c);
}

TEST(course_xml_is_a_fixed_point)
{
	struct tk_course *c = NULL, *c2 = NULL;
	struct tk_error err = {0};
	struct tk_buf a = TK_BUF_INIT, b = TK_BUF_INIT;

	CHECK_INT(tk_course_load(COURSE, &c, NULL, &err), TK_OK);
	tk_course_xml(c, &a);
	CHECK_INT(tk_course_parse(a.s, a.len, COURSE, &c2, NULL, &err), TK_OK);
	tk_course_xml(c2, &b);
	CHECK_STR(a.s, b.s);
	CHECK(strstr(a.s, "<draw count=\"3\" seed=\"42\" types=\"single truefalse\" difficulty=\"1-3\"/>"));
	tk_buf_free(&a);
	tk_buf_free(&b);
	tk_course_free(c);
	tk_course_free(c2);
}

static int parse_err(const char *xml, struct tk_diags *d, struct tk_error *err)
{
	struct tk_course *c = NULL;
	int rc = tk_course_parse(xml, strlen(xml), "x", &c, d, err);

	tk_course_free(c);
	return rc;
}

#define HEAD "<course xmlns=\"urn:tiku:course:1\" id=\"c\" standard=\"s\" level=\"l\" pass=\"60\">\n" \
	     "<title>t</title>\n<module id=\"m\" title=\"m\">\n"

TEST(course_bad_input_names_its_line)
{
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	CHECK_INT(parse_err(HEAD "<lesson id=\"a\" title=\"a\" hours=\"1\" body=\"a.md\" codes=\"1.1\"/>\n"
			    "<lesson id=\"a\" title=\"b\" hours=\"1\" body=\"b.md\" codes=\"1.2\"/>\n"
			    "</module></course>\n", &d, &err), TK_EINPUT);
	CHECK_STR(err.file, "x/course.xml");
	CHECK_INT(err.line, 5);
	CHECK(strstr(err.msg, "lesson id 'a' is used twice (first at line 4)"));
	tk_error_clear(&err);
	CHECK_INT(parse_err(HEAD "<lesson id=\"a\" title=\"a\" hours=\"1.234\" body=\"a.md\" codes=\"1.1\"/>\n"
			    "</module></course>\n", &d, &err), TK_EINPUT);
	CHECK_INT(err.line, 4);
	CHECK(strstr(err.msg, "does not match the schema"));
	tk_error_clear(&err);
	CHECK_INT(parse_err(HEAD "<lesson id=\"a\" title=\"a\" hours=\"1\" body=\"/etc/a.md\" codes=\"1.1\"/>\n"
			    "</module></course>\n", &d, &err), TK_EINPUT);
	CHECK_INT(err.line, 4);
	tk_error_clear(&err);
	CHECK_INT(parse_err(HEAD "<lesson id=\"a\" title=\"a\" hours=\"1\" body=\"a.md\" codes=\"1.1\">\n"
			    "<practice><draw count=\"2\" seed=\"99999999999999999999\"/></practice>\n"
			    "</lesson></module></course>\n", &d, &err), TK_EINPUT);
	CHECK_INT(err.line, 5);
	CHECK(strstr(err.msg, "too large"));
	tk_error_clear(&err);
	CHECK_INT(parse_err("<standard/>", &d, &err), TK_EINPUT);
	CHECK(strstr(err.msg, "not a course"));
	tk_diags_free(&d);
}

TEST(course_scaffold_miit_junior)
{
	struct tk_standard *s = NULL;
	struct tk_course *c = NULL;
	struct tk_error err = {0};
	struct tk_buf body = TK_BUF_INIT;
	int i, total = 0, basics = 0;

	CHECK_INT(tk_standard_load("banks/miit-kflxzxs/standard.xml", &s, NULL, &err), TK_OK);
	CHECK_INT(tk_course_scaffold(s, 0, 0, "x/kf/", &c, &err), TK_OK);
	CHECK_STR(c->dir, "x/kf");
	CHECK_INT(c->nmodules, 4);
	CHECK_INT(c->nlessons, 10);
	CHECK_STR(c->modules[0].id, "basics");
	CHECK_STR(c->modules[1].title, "呼叫应答");
	CHECK_STR(c->lessons[2].id, "1.1");
	CHECK_INT(c->lessons[2].ncodes, 8);
	CHECK_STR(c->lessons[7].codes[9], "2.3.10");      /* by number, not by letter */
	for (i = 0; i < c->nlessons; i++) {
		total += c->lessons[i].hours;
		CHECK_INT(c->lessons[i].hours % 50, 0);
		CHECK(c->lessons[i].hours > 0);
		if (c->lessons[i].module == 0)
			basics += c->lessons[i].hours;
	}
	CHECK_INT(total, 4800);
	CHECK_INT(basics, 1900);        /* 40% of 48, rounded to half hours */
	CHECK_INT(c->pass, 60);
	tk_course_scaffold_body(c, s, 2, &body);
	CHECK(!strncmp(body.s, "# 呼入应答\n\n本课对应《客服联络咨询师》初级的要求：\n\n"
		       "- **1.1.1** 技能要求：能够使用标准普通话处理客户来电\n", strlen("# 呼入应答\n\n本课对应《客服联络咨询师》初级的要求：\n\n- **1.1.1** 技能要求：能够使用标准普通话处理客户来电\n")));
	tk_buf_free(&body);
	tk_course_free(c);
	CHECK_INT(tk_course_scaffold(s, 0, 4825, "x", &c, &err), TK_EUSAGE);
	CHECK(c == NULL);
	tk_standard_free(s);
}

TEST(course_scaffold_needs_hours_where_the_standard_has_none)
{
	struct tk_standard *s = NULL;
	struct tk_course *c = NULL;
	struct tk_error err = {0};
	int i, total = 0;

	CHECK_INT(tk_standard_load("tests/data/std/mini.xml", &s, NULL, &err), TK_OK);
	CHECK_INT(tk_course_scaffold(s, 0, 0, "x", &c, &err), TK_EUSAGE);
	CHECK(strstr(err.msg, "no class hours"));
	CHECK_INT(tk_course_scaffold(s, 0, 1000, "x", &c, &err), TK_OK);
	/* basics 40%, 出品 35%, 服务 25% of 10 hours */
	CHECK_INT(c->lessons[0].hours + c->lessons[1].hours, 400);
	CHECK_INT(c->lessons[2].hours, 350);
	CHECK_INT(c->lessons[3].hours, 250);
	for (i = 0; i < c->nlessons; i++)
		total += c->lessons[i].hours;
	CHECK_INT(total, 1000);
	CHECK_INT(c->pass, 70);         /* the standard's combined pass mark */
	tk_course_free(c);
	tk_standard_free(s);
}

TEST(course_write_is_atomic_and_refuses_a_full_folder)
{
	struct tk_standard *s = NULL;
	struct tk_course *c = NULL, *back = NULL;
	struct tk_error err = {0};
	char dir[512], path[600];
	const char *bodies[16] = {0};
	struct stat st;

	snprintf(dir, sizeof dir, "%s/written", test_tmpdir());
	CHECK_INT(tk_standard_load("tests/data/std/mini.xml", &s, NULL, &err), TK_OK);
	CHECK_INT(tk_course_scaffold(s, 0, 1000, dir, &c, &err), TK_OK);
	bodies[2] = "# 意式浓缩\n\n正文。\n";
	CHECK_INT(tk_course_write(c, bodies, &err), TK_OK);
	CHECK_INT(tk_course_load(dir, &back, NULL, &err), TK_OK);
	CHECK_INT(back->nlessons, 4);
	snprintf(path, sizeof path, "%s/lessons/1.1.md", dir);
	CHECK(stat(path, &st) == 0 && st.st_size == (off_t)strlen(bodies[2]));
	snprintf(path, sizeof path, "%s/lessons/2.1.md", dir);
	CHECK(stat(path, &st) != 0);            /* no body given: none written */
	CHECK_INT(tk_course_write(c, bodies, &err), TK_EINPUT);
	CHECK(strstr(err.msg, "not empty"));
	tk_course_free(back);
	tk_course_free(c);
	tk_standard_free(s);
}

TEST(course_matrix_of_the_barista_course)
{
	struct tk_standard *s = NULL;
	struct tk_course *c = NULL;
	struct tk_course_matrix *m = NULL;
	struct tk_error err = {0};
	const struct tk_course_code *cc;

	CHECK_INT(tk_standard_load("tests/data/std/mini.xml", &s, NULL, &err), TK_OK);
	CHECK_INT(tk_course_load(COURSE, &c, NULL, &err), TK_OK);
	CHECK_INT(tk_course_matrix(c, s, &m, &err), TK_OK);
	CHECK_INT(m->ncodes, 6);
	CHECK_STR(m->codes[0].code, "B2.1.1");
	CHECK_STR(m->codes[5].code, "2.1.1");
	cc = tk_course_find_code(m, "1.1.1");
	CHECK(cc && cc->knowledge && cc->skill && cc->nlessons == 1);
	CHECK(m->taught[(cc - m->codes) * m->nlessons + 2]);
	CHECK(!m->taught[(cc - m->codes) * m->nlessons + 3]);
	CHECK(tk_course_find_code(m, "1.2.1") == NULL);
	CHECK_INT(m->nareas, 3);
	CHECK(m->areas[0].weight == 40 && m->areas[0].hours > 3.99 && m->areas[0].hours < 4.01);
	CHECK_INT(m->total, 1000);
	CHECK_INT(m->required, 0);
	tk_course_matrix_free(m);
	free(c->level);
	c->level = strdup("九级");
	CHECK_INT(tk_course_matrix(c, s, &m, &err), TK_EINPUT);
	CHECK(strstr(err.msg, "levels: 五级 (l5), 四级 (l4)"));
	tk_course_free(c);
	tk_standard_free(s);
}

/* A bank in the test folder with the MIIT standard, its junior items,
   the test standard and its items. */
static struct tk_bank *course_bank(const char *name, struct tk_standard **miit)
{
	static const char *const files[] = {
		"banks/miit-kflxzxs/standard.xml", "tests/data/std/mini.xml",
		"banks/miit-kflxzxs/items/junior/theory-basics.xml",
		"banks/miit-kflxzxs/items/junior/theory-f1.xml",
		"banks/miit-kflxzxs/items/junior/theory-f2.xml",
		"banks/miit-kflxzxs/items/junior/theory-f3.xml",
		"tests/data/course/barista-items.xml"
	};
	struct tk_import_opts o;
	struct tk_import_stats st;
	struct tk_error err = {0};
	struct tk_bank *b = NULL;
	char path[512];
	size_t i;

	snprintf(path, sizeof path, "%s/%s.db", test_tmpdir(), name);
	remove(path);
	memset(&o, 0, sizeof o);
	if (tk_bank_open(path, TK_BANK_CREATE, &b, &err) != TK_OK ||
	    tk_bank_begin(b, "import", "course test", &err) != TK_OK)
		goto fail;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		memset(&st, 0, sizeof st);
		if (tk_import_file(b, files[i], &o, &st, NULL, &err) != TK_OK)
			goto fail;
	}
	if (tk_bank_commit(b, &err) != TK_OK ||
	    tk_bank_get_standard(b, "miit-kflxzxs", miit, &err) != TK_OK)
		goto fail;
	return b;
fail:
	fprintf(stderr, "  %s\n", err.msg);
	tk_bank_close(b);
	return NULL;
}

static int has_id(char **ids, int n, const char *id)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(ids[i], id))
			return 1;
	return 0;
}

static void free_ids(char **ids, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

TEST(course_practice_items_filter)
{
	struct tk_standard *s = NULL;
	struct tk_bank *b = course_bank("practice", &s);
	struct tk_practice_filter f;
	struct tk_error err = {0};
	char **ids = NULL, *batch = (char *)"x";
	int n = 0;

	CHECK(b != NULL);
	memset(&f, 0, sizeof f);
	f.standard = "test-barista";
	f.level = "l5";
	f.codes = "1.1.1 1.1.2 2.1.1";
	f.dmin = 1;
	f.dmax = 5;
	CHECK_INT(tk_bank_practice_items(b, &f, &ids, &n, &err), TK_OK);
	CHECK_INT(n, 3);                /* bar-6 on 2.1.1 is a draft */
	CHECK_STR(ids[0], "bar-1");
	free_ids(ids, n);
	f.types = "truefalse";
	CHECK_INT(tk_bank_practice_items(b, &f, &ids, &n, &err), TK_OK);
	CHECK_INT(n, 1);
	CHECK_STR(ids[0], "bar-2");
	free_ids(ids, n);
	f.types = NULL;
	f.dmin = f.dmax = 3;
	CHECK_INT(tk_bank_practice_items(b, &f, &ids, &n, &err), TK_OK);
	CHECK_INT(n, 1);
	CHECK_STR(ids[0], "bar-3");
	free_ids(ids, n);
	f.codes = "1.1' OR 1=1 --";     /* text, never SQL */
	CHECK_INT(tk_bank_practice_items(b, &f, &ids, &n, &err), TK_OK);
	CHECK_INT(n, 0);
	free_ids(ids, n);
	CHECK_INT(tk_bank_item_official(b, "bar-1", &batch, &err), TK_OK);
	CHECK(batch == NULL);
	tk_standard_free(s);
	tk_bank_close(b);
}

/* The wall: once a batch is committed, its items are never practice. */
TEST(course_official_items_are_never_practice)
{
	struct tk_standard *s = NULL;
	struct tk_bank *b = course_bank("wall", &s);
	struct tk_error err = {0};
	struct tk_paper **forms = NULL;
	struct tk_practice_filter f;
	char **before = NULL, **after = NULL, *batch = NULL;
	int nb = 0, na = 0, nforms = 0, i, j, exposed = 0;
	const char *official = NULL;

	CHECK(b != NULL);
	memset(&f, 0, sizeof f);
	f.standard = "miit-kflxzxs";
	f.level = "junior";
	f.codes = "B2.2.1 B2.2.2 B2.2.3 B2.2.4 B2.2.5 B2.2.6 B2.2.7";
	f.dmin = 1;
	f.dmax = 5;
	CHECK_INT(tk_bank_practice_items(b, &f, &before, &nb, &err), TK_OK);
	CHECK_INT(tk_batch_new(b, "w1", "test", "banks/miit-kflxzxs/blueprints/junior-theory.xml",
			       9, &err), TK_OK);
	CHECK_INT(tk_batch_generate(b, "w1", NULL, &err), TK_OK);
	CHECK_INT(tk_batch_commit(b, "w1", &err), TK_OK);
	CHECK_INT(tk_batch_forms(b, "w1", &forms, &nforms, &err), TK_OK);
	CHECK_INT(tk_bank_practice_items(b, &f, &after, &na, &err), TK_OK);
	for (i = 0; i < nforms; i++)
		for (j = 0; j < forms[i]->nsections; j++) {
			int k;
			for (k = 0; k < forms[i]->sections[j].nitems; k++) {
				const char *id = forms[i]->sections[j].items[k]->id;
				CHECK(!has_id(after, na, id));
				if (has_id(before, nb, id)) {
					exposed++;
					official = id;
				}
			}
		}
	CHECK(exposed > 0);
	CHECK(na < nb);
	CHECK(official != NULL);
	CHECK_INT(tk_bank_item_official(b, official, &batch, &err), TK_OK);
	CHECK_STR(batch, "w1");
	free(batch);
	free_ids(before, nb);
	free_ids(after, na);
	for (i = 0; i < nforms; i++)
		tk_paper_free(forms[i]);
	free(forms);
	tk_standard_free(s);
	tk_bank_close(b);
}

TEST(course_lint_the_barista_course_is_clean)
{
	struct tk_standard *s = NULL, *mini = NULL;
	struct tk_bank *b = course_bank("lint", &s);
	struct tk_course *c = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	CHECK(b != NULL);
	CHECK_INT(tk_bank_get_standard(b, "test-barista", &mini, &err), TK_OK);
	CHECK_INT(tk_course_load(COURSE, &c, NULL, &err), TK_OK);
	CHECK_INT(tk_course_lint(c, mini, b, 5, &d, &err), TK_OK);
	CHECK_INT(d.n, 0);
	/* the same course against the wrong standard says so, once */
	CHECK_INT(tk_course_lint(c, s, b, 5, &d, &err), TK_OK);
	CHECK_INT(d.nerrors, 1);
	CHECK(has_diag(&d, TK_DIAG_ERROR, "follows standard 'test-barista', not 'miit-kflxzxs'"));
	tk_diags_free(&d);
	/* without a bank, practice is not checked; the rest is */
	CHECK_INT(tk_course_lint(c, mini, NULL, 0, &d, &err), TK_OK);
	CHECK_INT(d.n, 0);
	tk_diags_free(&d);
	tk_course_free(c);
	tk_standard_free(mini);
	tk_standard_free(s);
	tk_bank_close(b);
}
