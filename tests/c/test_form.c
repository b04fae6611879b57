/*
 * test_form.c -- the editor form (write, read back, rich text kept, errors
 * at their lines) and the loop around the editor.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "edit.h"
#include "form.h"
#include "importer.h"
#include "test.h"

static struct tk_standard *standard(void)
{
	struct tk_standard *s = NULL;
	struct tk_error err = {0};

	tk_standard_load("banks/miit-kflxzxs/standard.xml", &s, NULL, &err);
	return s;
}

static int load_good(struct tk_itemset *set)
{
	struct tk_error err = {0};
	char *data;
	size_t len;
	int rc;

	if ((data = test_read("tests/data/items/good.xml", &len)) == NULL)
		return -1;
	rc = tk_items_parse(data, len, "good.xml", set, NULL, &err);
	free(data);
	return rc;
}

/* The item of set with id, or NULL. */
static const struct tk_item *find(const struct tk_itemset *set, const char *id)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (!strcmp(set->items[i]->id, id))
			return set->items[i];
	return NULL;
}

/* Remove the first line that begins with start. */
static void cut_line(char *text, const char *start)
{
	char *p = text, *e;

	while (p && strncmp(p, start, strlen(start)))
		p = (p = strchr(p, '\n')) ? p + 1 : NULL;
	if (p == NULL)
		return;
	e = strchr(p, '\n');
	e = e ? e + 1 : p + strlen(p);
	memmove(p, e, strlen(e) + 1);
}

/* Replace the line at needle (which may begin with its \n) by line. */
static void replace_line(char **text, const char *needle, const char *line)
{
	struct tk_buf b = TK_BUF_INIT;
	char *at = strstr(*text, needle), *eol;

	if (at == NULL) {
		free(*text);
		*text = NULL;
		return;
	}
	if (*at == '\n')
		at++;
	eol = strchr(at, '\n');
	tk_buf_add(&b, *text, (size_t)(at - *text));
	tk_buf_puts(&b, line);
	tk_buf_puts(&b, eol ? eol : "");
	free(*text);
	*text = tk_buf_detach(&b);
}

/* The form of it with the line at from replaced by to. */
static char *form_with(const struct tk_item *it, const struct tk_standard *s,
		       const char *from, const char *to)
{
	struct tk_buf b = TK_BUF_INIT;
	char *text;

	if (tk_form_write(it, s, &b) != TK_OK) {
		tk_buf_free(&b);
		return NULL;
	}
	text = tk_buf_detach(&b);
	replace_line(&text, from, to);
	return text;
}

/* The line number of the first line of text containing needle, or 0. */
static int line_of(const char *text, const char *needle)
{
	const char *at = strstr(text, needle), *p;
	int line = 1;

	if (at == NULL)
		return 0;
	for (p = text; p < at; p++)
		line += *p == '\n';
	return line;
}

static int has_error_at(const struct tk_diags *d, int line, const char *part)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].severity == TK_DIAG_ERROR && d->v[i].line == line &&
		    strstr(d->v[i].msg, part))
			return 1;
	return 0;
}

TEST(form_round_trip_keeps_every_item)
{
	struct tk_standard *s = standard();
	struct tk_itemset set = {0};
	struct tk_buf b = TK_BUF_INIT;
	size_t i;
	int ok = 1;

	CHECK(s != NULL);
	CHECK_INT(load_good(&set), TK_OK);
	CHECK_INT(set.n, 5);
	for (i = 0; i < set.n && ok; i++) {
		struct tk_item *it = set.items[i], *back = NULL;
		struct tk_diags d = TK_DIAGS_INIT;
		struct tk_error err = {0};
		char h1[65], h2[65];

		it->version = 3;        /* as stored in a bank: the id is fixed */
		tk_buf_reset(&b);
		ok = tk_form_write(it, s, &b) == TK_OK &&
		     tk_form_read(b.s, b.len, it, s, &back, &d, &err) == TK_OK;
		if (!ok) {
			fprintf(stderr, "  %s: %s (line %d)\n%s", it->id, err.msg, err.line,
				tk_buf_str(&b));
			tk_diags_free(&d);
			break;
		}
		tk_item_hash(it, h1);
		tk_item_hash(back, h2);
		ok = !strcmp(h1, h2) && back->version == 3 && back->file == NULL;
		if (!ok) {
			struct tk_buf x = TK_BUF_INIT;
			tk_item_xml(back, 0, &x);
			fprintf(stderr, "  %s changed:\n%s", it->id, tk_buf_str(&x));
			tk_buf_free(&x);
		}
		tk_item_free(back);
		tk_diags_free(&d);
	}
	tk_buf_free(&b);
	tk_itemset_free(&set);
	tk_standard_free(s);
	CHECK(ok);
}

TEST(form_shows_fields_as_text)
{
	struct tk_standard *s = standard();
	struct tk_itemset set = {0};
	struct tk_buf b = TK_BUF_INIT;
	const char *t;
	int ok;

	CHECK(s != NULL);
	CHECK_INT(load_good(&set), TK_OK);
	tk_form_write(find(&set, "t-task-1"), s, &b);
	tk_form_write(find(&set, "t-fill-1"), s, &b);
	tk_form_write(find(&set, "t-tf-1"), s, &b);
	tk_form_write(find(&set, "t-multi-1"), s, &b);
	t = tk_buf_str(&b);
	ok = strstr(t, "\n编号：t-task-1\n题型：实操题\n等级：初级\n类别：技能\n"
		       "代码：1.1.1，1.1.2\n分值：10\n难度：3\n用时：600\n状态：approved\n"
		       "作者：\n关键词：\n\n1. 请按服务规范完成下面来电的应答：\n"
		       "客户询问话费余额\n") &&
	     strstr(t, "答案：参考话术略。\n解析：\n评分标准：\n- (4分) 开头语、结束语规范\n"
		       "- (6分) 准确理解诉求并按流程办理\n") &&
	     strstr(t, "题型：填空题\n") && strstr(t, "答案：接通量；呼入量|进线量\n") &&
	     strstr(t, "1. 接通率 = ____ ÷ ____ × 100%。\n指标 数值\n呼入量 1000\n") &&
	     strstr(t, "题型：判断题\n") && strstr(t, "答案：正确\n") &&
	     strstr(t, "A. 耐心倾听，不打断客户\nB. ") && strstr(t, "答案：ABD\n") &&
	     !strncmp(t, "# ", 2);
	if (!ok)
		fprintf(stderr, "%s", t);
	tk_buf_free(&b);
	tk_itemset_free(&set);
	tk_standard_free(s);
	CHECK(ok);
}

TEST(form_changed_stem_replaces_rich_stem)
{
	struct tk_standard *s = standard();
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_item *back = NULL;
	const struct tk_item *fill, *task;
	char *form;
	int rc;

	CHECK(s != NULL);
	CHECK_INT(load_good(&set), TK_OK);
	fill = find(&set, "t-fill-1");
	task = find(&set, "t-task-1");
	CHECK(fill && task);

	/* the table and list are kept while their text is not touched ... */
	form = form_with(fill, s, "\n解析：", "解析：接通率衡量客户能否打进来，越高越好。");
	rc = tk_form_read(form, strlen(form), fill, s, &back, &d, &err);
	free(form);
	CHECK_INT(rc, TK_OK);
	CHECK_STR(back->stem, fill->stem);
	CHECK_STR(back->answer, fill->answer);
	CHECK_STR(back->explanation, "接通率衡量客户能否打进来，越高越好。");
	CHECK_STR(back->facility, "0.62");
	CHECK_INT(back->stats_n, 120);
	tk_item_free(back);
	back = NULL;

	/* ... and the new plain text wins where it changed (the table's
	   lines go with the old stem, one blank with the old gap) */
	form = form_with(fill, s, "\n1. ", "1. 接通率 = ____ ÷ 呼入量 × 100%。");
	CHECK(form != NULL);
	cut_line(form, "指标 数值");
	cut_line(form, "呼入量 1000");
	replace_line(&form, "\n答案：", "答案：接通量");
	CHECK(form != NULL);
	rc = tk_form_read(form, strlen(form), fill, s, &back, &d, &err);
	free(form);
	CHECK_INT(rc, TK_OK);
	CHECK_STR(back->stem, "接通率 = <gap/> ÷ 呼入量 × 100%。");
	CHECK_STR(back->answer, "<blank>接通量</blank>");
	tk_item_free(back);
	back = NULL;

	/* a rubric criterion: the changed one is new text, the other kept */
	form = form_with(task, s, "\n- (6分)", "- (5.5分) 按流程办理");
	rc = tk_form_read(form, strlen(form), task, s, &back, &d, &err);
	free(form);
	CHECK_INT(rc, TK_OK);
	CHECK_INT(back->nrubric, 2);
	CHECK_INT(back->rubric[1].points, 55);
	CHECK_STR(back->rubric[1].text, "按流程办理");
	CHECK_STR(back->rubric[0].text, "开头语、结束语规范");
	CHECK_STR(back->stem, task->stem);
	CHECK_INT(back->nenemies, 1);
	CHECK_STR(back->enemies[0], "t-single-1");
	tk_item_free(back);

	tk_diags_free(&d);
	tk_itemset_free(&set);
	tk_standard_free(s);
}

TEST(form_errors_point_at_form_lines)
{
	struct tk_standard *s = standard();
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_item *back = NULL;
	const struct tk_item *single;
	char *form;
	int rc, diff, answer, stem;

	CHECK(s != NULL);
	CHECK_INT(load_good(&set), TK_OK);
	single = find(&set, "t-single-1");
	CHECK(single != NULL);

	/* a bad header value and a bad answer, each on its own line */
	form = form_with(single, s, "\n难度：", "难度：很难");
	replace_line(&form, "\n答案：A", "答案：E");
	CHECK(form != NULL);
	diff = line_of(form, "难度：");
	answer = line_of(form, "\n答案：") + 1;
	stem = line_of(form, "\n1. ") + 1;
	CHECK(diff > 1 && answer > diff && stem > diff);
	rc = tk_form_read(form, strlen(form), single, s, &back, &d, &err);
	CHECK_INT(rc, TK_EINPUT);
	CHECK(back == NULL);
	CHECK(has_error_at(&d, diff, "难度 '很难'"));
	CHECK(has_error_at(&d, answer, "答案 'E' names no option"));
	CHECK(err.line > 0);
	tk_diags_free(&d);

	/* a line in the header that is no field */
	free(form);
	form = form_with(single, s, "\n作者：", "作家：张");
	CHECK(form != NULL);
	rc = tk_form_read(form, strlen(form), single, s, &back, &d, &err);
	CHECK_INT(rc, TK_EINPUT);
	CHECK(has_error_at(&d, line_of(form, "作家"), "not a field of the header"));
	tk_diags_free(&d);
	free(form);

	/* the id of a stored item cannot change */
	{
		struct tk_item *stored = tk_item_dup(single);
		CHECK(stored != NULL);
		stored->version = 2;
		form = form_with(stored, s, "\n编号：", "编号：t-other");
		rc = tk_form_read(form, strlen(form), stored, s, &back, &d, &err);
		tk_item_free(stored);
	}
	CHECK_INT(rc, TK_EINPUT);
	CHECK(has_error_at(&d, line_of(form, "编号："), "编号 cannot change"));
	tk_diags_free(&d);
	free(form);

	/* a second numbered line in the stem: one item to a form */
	form = form_with(single, s, "\nA. ", "2. 另一道题\nA. 问候语、工号与服务意愿");
	rc = tk_form_read(form, strlen(form), single, s, &back, &d, &err);
	CHECK_INT(rc, TK_EINPUT);
	CHECK(has_error_at(&d, line_of(form, "2. 另一道题"), "second item"));
	tk_diags_free(&d);
	free(form);

	tk_itemset_free(&set);
	tk_standard_free(s);
}

TEST(form_escapes_lines_that_read_as_fields)
{
	struct tk_standard *s = standard();
	struct tk_item *it = tk_item_new(), *back = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_buf b = TK_BUF_INIT;
	char h1[65], h2[65];
	int rc;

	CHECK(s != NULL && it != NULL);
	it->id = strdup("t-short-1");
	it->standard = strdup(s->id);
	it->type = TK_SHORT;
	it->level = strdup("junior");
	it->points = 50;
	tk_item_strlist_add(&it->codes, &it->ncodes, "1.1.2");
	it->stem = strdup("<p>客户来电投诉，要求：</p><p>1. 说明处理流程</p><p>答案：不要照读</p>"
			  "<p>#话术</p><p>\\n 不是换行</p>");
	it->answer = strdup("<p>A. 先致歉</p><p>二、再核实</p>");
	it->explanation = strdup("<p>解析：略</p><p>第一步致歉</p>");
	CHECK_INT(tk_form_write(it, s, &b), TK_OK);
	CHECK(strstr(tk_buf_str(&b), "\n\\1. 说明处理流程\n\\答案：不要照读\n\\#话术\n"
		      "\\\\n 不是换行\n") != NULL);
	rc = tk_form_read(b.s, b.len, it, s, &back, &d, &err);
	if (rc != TK_OK)
		tk_diags_print(&d, stderr);
	CHECK_INT(rc, TK_OK);
	tk_item_hash(it, h1);
	tk_item_hash(back, h2);
	CHECK_STR(h2, h1);
	/* without an original, the text itself comes back */
	tk_item_free(back);
	back = NULL;
	CHECK_INT(tk_form_read(b.s, b.len, NULL, s, &back, &d, &err), TK_OK);
	CHECK_STR(back->stem, it->stem);
	CHECK_STR(back->answer, it->answer);
	CHECK_STR(back->explanation, it->explanation);
	tk_item_free(back);
	tk_item_free(it);
	tk_buf_free(&b);
	tk_diags_free(&d);
	tk_standard_free(s);
}

TEST(form_deleted_header_lines_keep_the_original)
{
	struct tk_standard *s = standard();
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_item *back = NULL;
	const struct tk_item *single;
	char *form;
	int rc;

	CHECK(s != NULL);
	CHECK_INT(load_good(&set), TK_OK);
	single = find(&set, "t-single-1");
	form = form_with(single, s, "\n难度：", "");
	rc = tk_form_read(form, strlen(form), single, s, &back, &d, &err);
	free(form);
	CHECK_INT(rc, TK_OK);
	CHECK_INT(back->difficulty, 2);
	CHECK_INT(back->time, 45);
	CHECK_STR(back->keywords[0], "开头语");
	tk_item_free(back);
	tk_diags_free(&d);
	tk_itemset_free(&set);
	tk_standard_free(s);
}

TEST(form_new_item_from_a_template)
{
	struct tk_standard *s = standard();
	struct tk_item *fresh = tk_item_new(), *back = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_buf b = TK_BUF_INIT;
	char *form;
	int rc;

	CHECK(s != NULL && fresh != NULL);
	fresh->id = strdup("kf-junior-theory-1.1.2-001");
	fresh->standard = strdup(s->id);
	fresh->type = TK_MULTIPLE;
	fresh->level = strdup("junior");
	fresh->points = 20;
	tk_item_strlist_add(&fresh->codes, &fresh->ncodes, "1.1.2");
	CHECK_INT(tk_form_write(fresh, s, &b), TK_OK);
	CHECK(strstr(tk_buf_str(&b), "\n1. \nA. \nB. \nC. \nD. \n答案：\n解析：\n") != NULL);
	/* saved as written: the stem and answer are missing */
	rc = tk_form_read(b.s, b.len, fresh, s, &back, &d, &err);
	CHECK_INT(rc, TK_EINPUT);
	CHECK(has_error_at(&d, line_of(b.s, "\n1. ") + 1, "题干 is empty"));
	tk_diags_free(&d);
	/* filled in (two options left empty) */
	{
		struct tk_buf f = TK_BUF_INIT;
		const char *at = strstr(b.s, "\n1. ");
		tk_buf_add(&f, b.s, (size_t)(at - b.s));
		tk_buf_puts(&f, "\n1. 标准开头语包含（　）。\nA. 问候语\nB. 工号\nC. \nD. \n答案：AB\n解析：\n");
		form = tk_buf_detach(&f);
	}
	rc = tk_form_read(form, strlen(form), fresh, s, &back, &d, &err);
	free(form);
	if (rc != TK_OK)
		tk_diags_print(&d, stderr);
	CHECK_INT(rc, TK_OK);
	CHECK_STR(back->id, "kf-junior-theory-1.1.2-001");
	CHECK_INT(back->type, TK_MULTIPLE);
	CHECK_INT(back->noptions, 2);
	CHECK_STR(back->answer, "AB");
	CHECK_STR(back->level, "junior");
	CHECK_INT(back->status, TK_DRAFT);
	CHECK_INT(back->version, 0);
	CHECK(back->line > 0);
	tk_item_free(back);
	tk_item_free(fresh);
	tk_buf_free(&b);
	tk_diags_free(&d);
	tk_standard_free(s);
}

TEST(form_empty_aborts)
{
	static const char *empties[] = {
		"", "\n\n", "# 编辑下面的试题\n# error: file line 3: x\n\n   \n", "\xEF\xBB\xBF# only\r\n",
	};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_item *back = NULL;
	size_t i;

	for (i = 0; i < sizeof empties / sizeof empties[0]; i++) {
		tk_error_clear(&err);
		CHECK_INT(tk_form_read(empties[i], strlen(empties[i]), NULL, NULL, &back, &d,
				       &err), TK_FAIL);
		CHECK(back == NULL);
		CHECK_STR(err.msg, "empty form: aborted");
		CHECK_INT(d.n, 0);
	}
	/* a header without an item is not empty, but it is not an item either */
	CHECK_INT(tk_form_read("编号：x\n", 10, NULL, NULL, &back, &d, &err), TK_EINPUT);
	CHECK(strstr(err.msg, "no item") != NULL);
	tk_diags_free(&d);
	/* nor is text that is not UTF-8 */
	CHECK_INT(tk_form_read("1. \xB5\xA5\n", 6, NULL, NULL, &back, &d, &err), TK_EINPUT);
	CHECK(strstr(err.msg, "not UTF-8") != NULL);
	CHECK_INT(err.line, 1);
	tk_diags_free(&d);
}

/* ---- the editor loop ------------------------------------------------ */

/* A hook that refuses the first save it sees. */
static int veto_once(void *ud, const char *event, const struct tk_item *it,
		     struct tk_error *err)
{
	int *calls = ud;

	if (strcmp(event, "item.before_save") || (*calls)++ > 0)
		return TK_OK;
	return tk_error_set(err, TK_EINPUT, it->file, it->line,
			    "item '%s': house rule: a second look, please", it->id);
}

/* An editor script in the test's directory; $n counts its runs. */
static const char *editor_script(const char *name, const char *body)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", test_tmpdir(), name);
	f = fopen(path, "w");
	if (f == NULL)
		return NULL;
	fprintf(f, "#!/bin/sh\nn=$(cat \"$0.n\" 2>/dev/null || echo 0); n=$((n + 1)); "
		"echo $n >\"$0.n\"\ncd \"$(dirname \"$0\")\"\n%s\n", body);
	fclose(f);
	return chmod(path, 0700) == 0 ? path : NULL;
}

TEST(form_edit_loop_reopens_on_a_refusal)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	struct tk_item *it = NULL;
	struct tk_standard *s = NULL;
	struct tk_import_opts o;
	struct tk_import_stats st;
	char path[512], *seen;
	const char *ed;
	int outcome, calls = 0, rc;

	snprintf(path, sizeof path, "%s/edit.db", test_tmpdir());
	remove(path);
	memset(&o, 0, sizeof o);
	memset(&st, 0, sizeof st);
	CHECK_INT(tk_bank_open(path, TK_BANK_CREATE, &b, &err), TK_OK);
	CHECK_INT(tk_standard_load("banks/miit-kflxzxs/standard.xml", &s, NULL, &err), TK_OK);
	CHECK_INT(tk_bank_begin(b, "import", "test", &err), TK_OK);
	CHECK_INT(tk_bank_put_standard(b, s, &outcome, &err), TK_OK);
	CHECK_INT(tk_import_file(b, "tests/data/items/good.xml", &o, &st, NULL, &err), TK_OK);
	CHECK_INT(tk_bank_commit(b, &err), TK_OK);
	tk_standard_free(s);
	CHECK_INT(tk_bank_add_hook(b, veto_once, &calls), TK_OK);

	ed = editor_script("veto.sh",
		"if [ $n = 1 ]; then sed -i 's/^难度：2$/难度：4/' \"$1\"; exit 0; fi\n"
		"cp \"$1\" veto-seen.txt\nsed -i 's/^难度：4$/难度：5/' \"$1\"");
	CHECK(ed != NULL);
	rc = tk_edit_item(b, "t-single-1", NULL, ed, &err);
	CHECK_INT(rc, TK_OK);
	CHECK_STR(err.msg, "saved t-single-1 version 2");
	CHECK_INT(tk_bank_get_item(b, "t-single-1", &it, &err), TK_OK);
	CHECK(it != NULL);
	CHECK_INT(it->difficulty, 5);
	CHECK_STR(it->file, "tests/data/items/good.xml");
	tk_item_free(it);

	/* the refusal stood at the top, on the line of the item's "1." */
	snprintf(path, sizeof path, "%s/veto-seen.txt", test_tmpdir());
	seen = test_read(path, NULL);
	CHECK(seen != NULL);
	rc = strstr(seen, "# error: file line ") != NULL &&
	     strstr(seen, "item.before_save refused") == NULL;
	if (rc) {
		int line = atoi(strstr(seen, "# error: file line ") + 19);
		rc = line == line_of(seen, "\n1. ") + 1 && strstr(seen, "house rule") &&
		     strstr(seen, "\n难度：4\n");
	}
	if (!rc)
		fprintf(stderr, "%s", seen);
	free(seen);
	CHECK(rc);
	tk_bank_remove_hook(b, veto_once, &calls);

	/* an editor that fails, and an unknown item */
	CHECK_INT(tk_edit_item(b, "t-single-1", NULL, "false", &err), TK_FAIL);
	CHECK(strstr(err.msg, "exited with status 1") != NULL);
	CHECK_INT(tk_edit_item(b, "no-such", NULL, "true", &err), TK_EINPUT);
	CHECK_INT(tk_bank_versions(b, "t-single-1", &err), 2);
	tk_bank_close(b);
}
