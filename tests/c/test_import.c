/* test_import.c -- the readers of outside input, character sets and made-up ids. */
#include <stdlib.h>
#include <string.h>

#include "docx.h"
#include "importer.h"
#include "lmsitem.h"
#include "qtiin.h"
#include "test.h"
#include "xml.h"

static const struct tk_import_defaults junior_raw = {
	.standard = "miit-kflxzxs", .level = "初级", .kind = "theory"
};

/* The defaults with the standard the rows belong to, as import sets them. */
static const struct tk_import_defaults *std_defaults(void)
{
	static struct tk_import_defaults d;
	static struct tk_standard *s;
	struct tk_error err = {0};

	if (s == NULL && tk_standard_load("banks/miit-kflxzxs/standard.xml", &s, NULL,
					  &err) != TK_OK)
		return &junior_raw;
	d = junior_raw;
	d.std = s;
	return &d;
}
#define junior (*std_defaults())

/*
 * Read a fixture, convert it to UTF-8 and parse it as CSV or text (by its
 * name).  Returns the reader's status, or the converter's when that
 * failed.
 */
static int parse_file(const char *path, const struct tk_import_defaults *def,
		      struct tk_itemset *set, struct tk_diags *d,
		      struct tk_error *err)
{
	char *data, *u = NULL;
	size_t len, ulen;
	int rc;

	data = test_read(path, &len);
	if (data == NULL)
		return -1;
	rc = tk_to_utf8(data, len, def->encoding, path, &u, &ulen, err);
	if (rc == TK_OK)
		rc = strstr(path, ".txt") ?
			tk_text_parse(u, ulen, path, def, set, d, err) :
			tk_csv_parse(u, ulen, path, def, set, d, err);
	free(u);
	free(data);
	return rc;
}

static int parse_csv(const char *csv, struct tk_itemset *set, struct tk_diags *d,
		     struct tk_error *err)
{
	return tk_csv_parse(csv, strlen(csv), "t.csv", &junior, set, d, err);
}

static int parse_text(const char *text, struct tk_itemset *set,
		      struct tk_diags *d, struct tk_error *err)
{
	return tk_text_parse(text, strlen(text), "t.txt", &junior, set, d, err);
}

/* The first diagnostic of severity at line, or NULL. */
static const struct tk_diag *diag_at(const struct tk_diags *d, int severity, int line)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].severity == severity && d->v[i].line == line)
			return &d->v[i];
	return NULL;
}

static const char *xml_of(const struct tk_item *it, struct tk_buf *b)
{
	tk_buf_reset(b);
	tk_item_xml(it, 0, b);
	return tk_buf_str(b);
}

/* ---- character sets ------------------------------------------------ */

TEST(import_utf8_copied_and_bom_dropped)
{
	struct tk_error err = {0};
	char *out;
	size_t n;

	CHECK_INT(tk_to_utf8("\xEF\xBB\xBF题型,题干\n", 17, NULL, "x.csv", &out, &n, &err),
		  TK_OK);
	CHECK_STR(out, "题型,题干\n");
	CHECK_INT(n, strlen("题型,题干\n"));
	free(out);
	CHECK_INT(tk_to_utf8("abc", 3, "UTF-8", "x.csv", &out, &n, &err), TK_OK);
	CHECK_STR(out, "abc");
	free(out);
}

TEST(import_gbk_detected)
{
	struct tk_error err = {0};
	char *out;
	size_t n;

	/* 单选题 in GBK */
	CHECK_INT(tk_to_utf8("\xB5\xA5\xD1\xA1\xCC\xE2", 6, NULL, "x.csv", &out, &n, &err),
		  TK_OK);
	CHECK_STR(out, "单选题");
	free(out);
	CHECK_INT(tk_to_utf8("\xB5\xA5\xD1\xA1\xCC\xE2", 6, "GBK", "x.csv", &out, &n, &err),
		  TK_OK);
	CHECK_STR(out, "单选题");
	free(out);
}

TEST(import_explicit_utf8_suggests_gb18030)
{
	struct tk_error err = {0};
	char *data, *out = NULL;
	size_t len, n;
	int rc;

	data = test_read("tests/data/import/good-gbk.csv", &len);
	CHECK(data != NULL);
	rc = tk_to_utf8(data, len, "utf-8", "good-gbk.csv", &out, &n, &err);
	free(data);
	CHECK_INT(rc, TK_EINPUT);
	CHECK(out == NULL);
	CHECK_INT(err.line, 1);
	CHECK(strstr(err.msg, "not valid UTF-8") != NULL);
	CHECK(strstr(err.msg, "--encoding gb18030") != NULL);
}

TEST(import_bad_encoding_names_line)
{
	struct tk_error err = {0};
	char *data, *out = NULL;
	size_t len, n;
	int rc;

	data = test_read("tests/data/import/bad-encoding.csv", &len);
	CHECK(data != NULL);
	rc = tk_to_utf8(data, len, NULL, "bad-encoding.csv", &out, &n, &err);
	free(data);
	CHECK_INT(rc, TK_EINPUT);
	CHECK(out == NULL);
	CHECK_INT(err.line, 3);
	CHECK_STR(err.file, "bad-encoding.csv");
	CHECK_STR(err.msg, "neither UTF-8 nor GB18030: bad byte at line 3");
}

TEST(import_explicit_gb18030_bad_byte)
{
	struct tk_error err = {0};
	char *out = NULL;
	size_t n;

	CHECK_INT(tk_to_utf8("ok\n\xB5\xA5\xFF\n", 7, "gb18030", "x.csv", &out, &n, &err),
		  TK_EINPUT);
	CHECK(out == NULL);
	CHECK_INT(err.line, 2);
	CHECK(strstr(err.msg, "0xFF") != NULL);
}

TEST(import_utf16_and_unknown_encoding_rejected)
{
	struct tk_error err = {0};
	char *out = NULL;
	size_t n;

	CHECK_INT(tk_to_utf8("\xFF\xFE\x98\x98", 4, NULL, "x.csv", &out, &n, &err), TK_EINPUT);
	CHECK(strstr(err.msg, "UTF-16 is not supported: save as CSV UTF-8") != NULL);
	CHECK_INT(tk_to_utf8("\xFE\xFF\x98\x98", 4, "gbk", "x.csv", &out, &n, &err), TK_EINPUT);
	CHECK(strstr(err.msg, "UTF-16") != NULL);
	CHECK_INT(tk_to_utf8("abc", 3, "latin1", "x.csv", &out, &n, &err), TK_EUSAGE);
	CHECK(strstr(err.msg, "latin1") != NULL);
	CHECK(out == NULL);
}

/* ---- CSV ----------------------------------------------------------- */

TEST(import_csv_good)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_item **v;

	CHECK_INT(parse_file("tests/data/import/good.csv", &junior, &set, &d, &err), TK_OK);
	CHECK_INT(d.nerrors, 0);
	CHECK_INT(d.nwarnings, 0);
	CHECK_INT(set.n, 8);
	v = set.items;

	CHECK_INT(v[0]->type, TK_SINGLE);
	CHECK_STR(v[0]->stem, "客户来电时，坐席首先应当（　）。");
	CHECK_INT(v[0]->noptions, 4);
	CHECK_INT(v[0]->options[0].key, 'A');
	CHECK_STR(v[0]->options[0].text, "报工号并问候");
	CHECK_STR(v[0]->options[3].text, "转接班长");
	CHECK_STR(v[0]->answer, "A");
	CHECK_STR(v[0]->explanation, "接听电话应先报工号并问候，体现服务规范。");
	CHECK_INT(v[0]->difficulty, 2);
	CHECK_INT(v[0]->points, 10);
	CHECK_INT(v[0]->ncodes, 1);
	CHECK_STR(v[0]->codes[0], "1.1.2");
	CHECK_STR(v[0]->level, "junior");     /* 初级 in the file: the standard's id */
	CHECK_STR(v[0]->standard, "miit-kflxzxs");
	CHECK_INT(v[0]->kind, TK_THEORY);
	CHECK_INT(v[0]->status, TK_DRAFT);
	CHECK_STR(v[0]->file, "tests/data/import/good.csv");
	CHECK_INT(v[0]->line, 2);

	/* quoted fields: a comma inside an option and inside the codes */
	CHECK_STR(v[1]->options[1].text, "120～150字, 语调平稳");
	CHECK_INT(v[1]->ncodes, 2);
	CHECK_STR(v[1]->codes[0], "1.1.1");
	CHECK_STR(v[1]->codes[1], "1.1.7");

	CHECK_INT(v[2]->type, TK_MULTIPLE);
	CHECK_STR(v[2]->answer, "ABC");
	CHECK_INT(v[2]->points, 20);

	/* a quoted explanation over two lines: one <p> per line */
	CHECK_INT(v[3]->type, TK_TRUEFALSE);
	CHECK_INT(v[3]->noptions, 0);
	CHECK_STR(v[3]->answer, "false");
	CHECK_STR(v[3]->explanation,
		  "<p>应耐心倾听，不随意打断客户。</p><p>倾听是安抚客户情绪的第一步。</p>");
	CHECK_INT(v[3]->line, 5);
	CHECK_INT(v[4]->line, 7);      /* after the row that spans lines 5-6 */
	CHECK_STR(v[4]->answer, "true");
	CHECK(v[4]->explanation == NULL);

	CHECK_INT(v[5]->type, TK_FILL);
	CHECK_STR(v[5]->stem, "电话服务中，坐席应做到“首问<gap/>”，不推诿客户。");
	CHECK_STR(v[5]->answer, "<blank>负责制</blank>");
	CHECK_STR(v[6]->answer, "<blank>转移注意力</blank><blank>积极的自我暗示</blank>");
	CHECK_INT(tk_fragment_gaps(v[6]->stem), 2);

	CHECK_INT(v[7]->type, TK_SHORT);
	CHECK_STR(v[7]->codes[0], "B2.2.7");
	CHECK_INT(v[7]->points, 50);
	CHECK_INT(v[7]->difficulty, 4);
	CHECK(strncmp(v[7]->answer, "经营者收集", strlen("经营者收集")) == 0);
	CHECK(strncmp(v[7]->id, "csv-", 4) == 0);
	CHECK_INT(strlen(v[7]->id), 16);

	tk_itemset_free(&set);
	tk_diags_free(&d);
}

TEST(import_csv_gbk_same_items)
{
	struct tk_itemset a = {0}, b = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_buf xa = TK_BUF_INIT, xb = TK_BUF_INIT;
	struct tk_import_defaults gbk = junior;
	size_t i;

	CHECK_INT(parse_file("tests/data/import/good.csv", &junior, &a, &d, &err), TK_OK);
	CHECK_INT(parse_file("tests/data/import/good-gbk.csv", &junior, &b, &d, &err), TK_OK);
	CHECK_INT(a.n, 8);
	CHECK_INT(b.n, a.n);
	for (i = 0; i < a.n; i++) {
		CHECK_STR(xml_of(b.items[i], &xb), xml_of(a.items[i], &xa));
		CHECK_INT(b.items[i]->line, a.items[i]->line);
	}
	tk_itemset_free(&b);
	gbk.encoding = "gbk";
	CHECK_INT(parse_file("tests/data/import/good-gbk.csv", &gbk, &b, &d, &err), TK_OK);
	CHECK_INT(b.n, a.n);
	CHECK_STR(b.items[7]->stem, a.items[7]->stem);
	CHECK_INT(d.n, 0);
	tk_buf_free(&xa);
	tk_buf_free(&xb);
	tk_itemset_free(&a);
	tk_itemset_free(&b);
	tk_diags_free(&d);
}

TEST(import_csv_bom)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	char *data;
	size_t len;

	CHECK_INT(parse_file("tests/data/import/bom.csv", &junior, &set, &d, &err), TK_OK);
	CHECK_INT(set.n, 2);
	CHECK_INT(set.items[0]->type, TK_SINGLE);
	CHECK_STR(set.items[0]->stem, "客户表示不满时，坐席首先应当（　）。");
	CHECK_INT(set.items[0]->difficulty, 1);
	CHECK_INT(set.items[1]->type, TK_TRUEFALSE);
	CHECK_STR(set.items[1]->answer, "true");
	tk_itemset_free(&set);

	/* a BOM left in the data still lets the header be read */
	data = test_read("tests/data/import/bom.csv", &len);
	CHECK(data != NULL);
	CHECK_INT(tk_csv_parse(data, len, "bom.csv", &junior, &set, &d, &err), TK_OK);
	free(data);
	CHECK_INT(set.n, 2);
	CHECK_INT(d.nerrors, 0);
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

TEST(import_csv_bad_rows)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	const struct tk_diag *e;

	CHECK_INT(parse_file("tests/data/import/bad-rows.csv", &junior, &set, &d, &err),
		  TK_EINPUT);
	CHECK_INT(d.nerrors, 3);
	e = diag_at(&d, TK_DIAG_ERROR, 3);
	CHECK(e != NULL);
	CHECK_STR(e->msg, "row 3: 答案 'E' names no option (options A–D)");
	CHECK_STR(e->file, "tests/data/import/bad-rows.csv");
	e = diag_at(&d, TK_DIAG_ERROR, 5);
	CHECK(e != NULL);
	CHECK(strstr(e->msg, "row 5: 答案 'BC'") == e->msg);
	CHECK(strstr(e->msg, "single-choice") != NULL);
	e = diag_at(&d, TK_DIAG_ERROR, 6);
	CHECK(e != NULL);
	CHECK(strstr(e->msg, "row 6: 题型 '计算题'") == e->msg);
	/* the first error is also in err */
	CHECK_INT(err.code, TK_EINPUT);
	CHECK_INT(err.line, 3);
	/* the good rows are there for --partial */
	CHECK_INT(set.n, 3);
	CHECK_INT(set.items[0]->line, 2);
	CHECK_INT(set.items[1]->line, 4);
	CHECK_STR(set.items[1]->answer, "false");
	CHECK_INT(set.items[2]->line, 7);
	CHECK_STR(set.items[2]->answer, "ABD");
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

TEST(import_csv_truncated_names_quote_line)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	const struct tk_diag *e;

	CHECK_INT(parse_file("tests/data/import/truncated.csv", &junior, &set, &d, &err),
		  TK_EINPUT);
	CHECK_INT(d.nerrors, 1);
	e = diag_at(&d, TK_DIAG_ERROR, 3);
	CHECK(e != NULL);
	CHECK(strstr(e->msg, "unterminated quoted field") != NULL);
	CHECK_INT(err.line, 3);
	/* the row before is good; the rest of the file went into the open quote */
	CHECK_INT(set.n, 1);
	CHECK_STR(set.items[0]->stem, "坐席应使用标准普通话。");
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

TEST(import_csv_ids_stable)
{
	struct tk_itemset a = {0}, b = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_import_defaults named = junior;
	char *id1, *id2;
	size_t i, j;

	CHECK_INT(parse_file("tests/data/import/good.csv", &junior, &a, &d, &err), TK_OK);
	CHECK_INT(parse_file("tests/data/import/good.csv", &junior, &b, &d, &err), TK_OK);
	CHECK_INT(a.n, b.n);
	for (i = 0; i < a.n; i++) {
		CHECK_STR(a.items[i]->id, b.items[i]->id);
		for (j = 0; j < i; j++)
			CHECK(strcmp(a.items[i]->id, a.items[j]->id) != 0);
	}
	/* the id is the hash of type, level and stem */
	id1 = tk_import_make_id("csv", a.items[0]);
	CHECK_STR(id1, a.items[0]->id);
	free(id1);
	free(a.items[0]->stem);
	a.items[0]->stem = strdup("另一个题干");
	id1 = tk_import_make_id("csv", a.items[0]);
	CHECK(strcmp(id1, b.items[0]->id) != 0);
	free(id1);
	/* 初级 and junior name the same level */
	tk_itemset_free(&a);
	named.level = "junior";
	CHECK_INT(parse_file("tests/data/import/good.csv", &named, &a, &d, &err), TK_OK);
	CHECK_STR(a.items[0]->level, "junior");
	CHECK_STR(a.items[0]->id, b.items[0]->id);
	id1 = tk_import_make_id("x", a.items[0]);
	id2 = tk_import_make_id("x", b.items[0]);
	CHECK_STR(id1, id2);
	free(id1);
	free(id2);
	tk_itemset_free(&a);
	tk_itemset_free(&b);
	tk_diags_free(&d);
}

TEST(import_csv_missing_header)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	CHECK_INT(parse_csv("题干,选项A,选项B\n客户来电时应当（　）。,问候,挂断\n",
			    &set, &d, &err), TK_EINPUT);
	CHECK_INT(d.nerrors, 1);
	CHECK_INT(d.v[0].line, 1);
	CHECK(strstr(d.v[0].msg, "题型") != NULL);
	CHECK(strstr(d.v[0].msg, "答案") != NULL);
	CHECK_INT(set.n, 0);
	tk_diags_free(&d);

	CHECK_INT(parse_csv("", &set, &d, &err), TK_EINPUT);
	CHECK_INT(d.nerrors, 1);
	CHECK_INT(set.n, 0);
	tk_diags_free(&d);
}

TEST(import_csv_header_names)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	const struct tk_item *it;

	CHECK_INT(parse_csv("试题编号,题型：,试题内容, A ,B,C,正确答案,答案解析,难度,知识点/代码,"
			    "分值,级别,考试类型,状态,预计用时,关键词,作者,备注,出题日期\n"
			    "kf-001,单项选择题,坐席应当使用（　）。,普通话,方言,外语,Ａ,规范要求。,较难,"
			    "１．１．１，Ｂ2.2.4,１.５分,中级,技能,已审核,90秒,普通话、规范,王老师,,\n",
			    &set, &d, &err), TK_OK);
	CHECK_INT(set.n, 1);
	it = set.items[0];
	CHECK_STR(it->id, "kf-001");
	CHECK_INT(it->type, TK_SINGLE);
	CHECK_INT(it->noptions, 3);
	CHECK_STR(it->answer, "A");
	CHECK_INT(it->difficulty, 4);
	CHECK_INT(it->ncodes, 2);
	CHECK_STR(it->codes[0], "1.1.1");
	CHECK_STR(it->codes[1], "B2.2.4");
	CHECK_INT(it->points, 15);
	CHECK_STR(it->level, "intermediate");   /* the standard's id for 中级 */
	CHECK_INT(it->kind, TK_SKILL);
	CHECK_INT(it->status, TK_APPROVED);
	CHECK_INT(it->time, 90);
	CHECK_INT(it->nkeywords, 2);
	CHECK_STR(it->keywords[1], "规范");
	CHECK_STR(it->author, "王老师");
	/* unknown columns: one warning, on the header line */
	CHECK_INT(d.nerrors, 0);
	CHECK_INT(d.nwarnings, 1);
	CHECK_INT(d.v[0].line, 1);
	CHECK(strstr(d.v[0].msg, "备注") != NULL);
	CHECK(strstr(d.v[0].msg, "出题日期") != NULL);
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

TEST(import_csv_row_checks)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	const struct tk_diag *e;

	CHECK_INT(parse_csv(
		"题型,题干,选项A,选项B,选项C,选项D,答案,难度,代码,分值\n"
		"单选,选项有空缺（　）。,甲,乙,,丁,A,2,1.1.1,1\n"             /* 2 */
		"多选,只有一个答案（　）。,甲,乙,丙,丁,B,2,1.1.1,2\n"         /* 3 */
		"单选,只有一个选项（　）。,甲,,,,A,2,1.1.1,1\n"               /* 4 */
		"单选,难度写错（　）。,甲,乙,,,A,6,1.1.1,1\n"                 /* 5 */
		"单选,分值写错（　）。,甲,乙,,,A,2,1.1.1,一分\n"              /* 6 */
		"简答,没有分值的简答题。,,,,,要点,2,1.1.1,\n"                 /* 7 */
		"判断,,,,,,对,2,1.1.1,1\n"                                     /* 8 */
		"判断,没有代码。,,,,,对,2,,1\n"                               /* 9: untagged, good */
		",,,,,,,,,\n"                                                 /* 10: skipped */
		"判断,字段太多。,,,,,对,2,1.1.1,1,多余\n"                      /* 11 */
		"判断,少了可选字段。,,,,,错,2,1.1.1\n"                         /* 12: good */
		"判断,代码不是代码。,,,,,对,2,呼入应答,1\n",                   /* 13 */
		&set, &d, &err), TK_EINPUT);
	CHECK_INT(d.nerrors, 9);
	CHECK((e = diag_at(&d, TK_DIAG_ERROR, 2)) != NULL);
	CHECK_STR(e->msg, "row 2: 选项C is empty but 选项D is given");
	CHECK((e = diag_at(&d, TK_DIAG_ERROR, 3)) != NULL);
	CHECK(strstr(e->msg, "multiple-choice item needs at least 2 correct options") != NULL);
	CHECK((e = diag_at(&d, TK_DIAG_ERROR, 4)) != NULL);
	CHECK(strstr(e->msg, "at least 2 options") != NULL);
	CHECK((e = diag_at(&d, TK_DIAG_ERROR, 5)) != NULL);
	CHECK(strstr(e->msg, "难度 '6'") != NULL);
	CHECK((e = diag_at(&d, TK_DIAG_ERROR, 6)) != NULL);
	CHECK(strstr(e->msg, "分值 '一分'") != NULL);
	CHECK((e = diag_at(&d, TK_DIAG_ERROR, 7)) != NULL);
	CHECK(strstr(e->msg, "分值 is empty") != NULL);
	CHECK((e = diag_at(&d, TK_DIAG_ERROR, 8)) != NULL);
	CHECK_STR(e->msg, "row 8: 题干 is empty");
	/* a row without a code is an untagged draft, no error */
	CHECK(diag_at(&d, TK_DIAG_ERROR, 9) == NULL);
	CHECK(diag_at(&d, TK_DIAG_ERROR, 10) == NULL);
	CHECK((e = diag_at(&d, TK_DIAG_ERROR, 11)) != NULL);
	CHECK_STR(e->msg, "row 11: 11 fields but the header names 10 columns");
	CHECK((e = diag_at(&d, TK_DIAG_ERROR, 13)) != NULL);
	CHECK(strstr(e->msg, "代码 '呼入应答' is not a requirement code") != NULL);
	CHECK_INT(set.n, 2);
	CHECK_INT(set.items[0]->line, 9);
	CHECK_INT(set.items[0]->ncodes, 0);
	CHECK_INT(set.items[0]->status, TK_DRAFT);
	CHECK_INT(set.items[1]->line, 12);
	CHECK_STR(set.items[1]->answer, "false");
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

TEST(import_csv_one_error_per_row)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	/* the importer counts rejected rows by errors: every problem of a row in one */
	CHECK_INT(parse_csv("题型,题干,选项A,选项B,答案,难度,代码,分值\n"
			    "单选,两个问题（　）。,甲,乙,C,9,1.1.1,1\n", &set, &d, &err),
		  TK_EINPUT);
	CHECK_INT(d.nerrors, 1);
	CHECK(strstr(d.v[0].msg, "答案 'C' names no option (options A–B)") != NULL);
	CHECK(strstr(d.v[0].msg, "难度 '9'") != NULL);
	tk_diags_free(&d);
	tk_itemset_free(&set);
}

TEST(import_csv_truefalse_forms)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	static const char *expect[] = {"true", "false", "true", "false", "false", "true"};
	size_t i;

	CHECK_INT(parse_csv("题型,题干,选项A,选项B,答案,代码\n"
			    "判断,甲。,,,正确,1.1.1\n"
			    "判断,乙。,,,错,1.1.1\n"
			    "判断,丙。,,,√,1.1.1\n"
			    "判断,丁。,,,×,1.1.1\n"
			    /* options that say 错误/正确: the letter names the option */
			    "判断,戊。,错误,正确,A,1.1.1\n"
			    "判断,己。,错误,正确,B,1.1.1\n"
			    "判断,庚。,,,也许,1.1.1\n", &set, &d, &err), TK_EINPUT);
	CHECK_INT(set.n, 6);
	for (i = 0; i < set.n; i++) {
		CHECK_STR(set.items[i]->answer, expect[i]);
		CHECK_INT(set.items[i]->noptions, 0);
	}
	CHECK_INT(d.nerrors, 1);
	CHECK_INT(d.v[0].line, 8);
	CHECK(strstr(d.v[0].msg, "答案 '也许' is not 正确 or 错误") != NULL);
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

TEST(import_csv_fill_answers)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	CHECK_INT(parse_csv("题型,题干,答案,代码,分值\n"
			    "填空,首问____制。,负责,1.1.2,1\n"
			    "填空,\"a<b & c: ____, ____\",x<y;z&w,1.1.2,2\n"
			    /* "|" keeps alternatives when the blanks already match the gaps */
			    "填空,____与____。,倾听|聆听；回应,1.1.2,2\n"
			    /* no "____": blanks only split, the stem is kept as written */
			    "填空,三要素是（　）。,听、问、记,1.1.2,3\n"
			    "填空,只有一空____。,甲；乙,1.1.2,1\n", &set, &d, &err), TK_EINPUT);
	CHECK_INT(set.n, 4);
	CHECK_STR(set.items[0]->stem, "首问<gap/>制。");
	CHECK_STR(set.items[1]->stem, "a&lt;b &amp; c: <gap/>, <gap/>");
	CHECK_STR(set.items[1]->answer, "<blank>x&lt;y</blank><blank>z&amp;w</blank>");
	CHECK_STR(set.items[2]->answer, "<blank>倾听|聆听</blank><blank>回应</blank>");
	CHECK_STR(set.items[3]->stem, "三要素是（　）。");
	CHECK_STR(set.items[3]->answer, "<blank>听</blank><blank>问</blank><blank>记</blank>");
	CHECK_INT(d.nerrors, 1);
	CHECK_INT(d.v[0].line, 6);
	CHECK(strstr(d.v[0].msg, "答案 gives 2 blanks but 题干 has 1 gaps") != NULL);
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

TEST(import_csv_same_stem_distinct_ids)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	char *base;

	CHECK_INT(parse_csv("题型,题干,选项A,选项B,答案,代码\n"
			    "单选,下列说法正确的是（　）。,应先问候,可以打断,A,1.1.7\n"
			    "单选,下列说法正确的是（　）。,可以推诿,应当致谢,B,1.1.7\n"
			    "单选,下列说法正确的是（　）。,应先问候,可以打断,A,1.1.7\n",
			    &set, &d, &err), TK_EINPUT);
	CHECK_INT(set.n, 2);
	base = tk_import_make_id("csv", set.items[0]);
	CHECK_STR(set.items[0]->id, base);
	CHECK(strncmp(set.items[1]->id, base, strlen(base)) == 0);
	CHECK_STR(set.items[1]->id + strlen(base), "-2");
	free(base);
	/* the third row repeats the first */
	CHECK_INT(d.nerrors, 1);
	CHECK_INT(d.v[0].line, 4);
	CHECK(strstr(d.v[0].msg, "repeats the item at line 2") != NULL);
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

TEST(import_csv_defaults)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_import_defaults none = {0}, bad = junior;
	const char *csv = "题型,题干,答案,代码,分值\n"
			  "判断,坐席应使用普通话。,对,1.1.1,\n"
			  "实操,完成一次外呼登记。,见评分表,1.2.1,10\n";

	/* no level anywhere: an error per row */
	CHECK_INT(tk_csv_parse(csv, strlen(csv), "t.csv", &none, &set, &d, &err), TK_EINPUT);
	CHECK_INT(d.nerrors, 2);
	CHECK(strstr(d.v[0].msg, "等级") != NULL);
	tk_diags_free(&d);

	none.level = "初级";
	CHECK_INT(tk_csv_parse(csv, strlen(csv), "t.csv", &none, &set, &d, &err), TK_OK);
	CHECK_INT(set.n, 2);
	CHECK(set.items[0]->standard == NULL);
	CHECK_INT(set.items[0]->status, TK_DRAFT);
	CHECK_INT(set.items[0]->kind, TK_THEORY);
	CHECK_INT(set.items[0]->points, 10);
	CHECK_INT(set.items[1]->kind, TK_SKILL);   /* a practical task */
	CHECK_STR(set.items[1]->answer, "见评分表");
	tk_itemset_free(&set);

	bad.kind = "practice";
	CHECK_INT(tk_csv_parse(csv, strlen(csv), "t.csv", &bad, &set, &d, &err), TK_EUSAGE);
	CHECK(strstr(err.msg, "practice") != NULL);
	CHECK_INT(set.n, 0);
	tk_diags_free(&d);
}

TEST(import_csv_quoting)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	CHECK_INT(parse_csv("题型,题干,答案,代码\r\n"
			    "判断,\"客户说：\"\"我要投诉\"\"，坐席应先倾听。\",对,1.1.1\r\n"
			    "判断, \"前有空格\" ,对,1.1.1\r\n"
			    "\r\n"
			    "判断,\"跨\r\n行\",错,1.1.1\r\n"
			    "判断,最后一行没有换行,对,1.1.1",
			    &set, &d, &err), TK_OK);
	CHECK_INT(set.n, 4);
	CHECK_STR(set.items[0]->stem, "客户说：\"我要投诉\"，坐席应先倾听。");
	CHECK_STR(set.items[1]->stem, "前有空格");
	CHECK_STR(set.items[2]->stem, "<p>跨</p><p>行</p>");
	CHECK_INT(set.items[2]->line, 5);
	CHECK_INT(set.items[3]->line, 7);
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

/* ---- text ---------------------------------------------------------- */

TEST(import_text_good)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_item **v;

	CHECK_INT(parse_file("tests/data/import/good.txt", &junior, &set, &d, &err), TK_OK);
	CHECK_INT(d.n, 0);
	CHECK_INT(set.n, 8);
	v = set.items;

	/* 一、单项选择题（每题1分）: options two to a line */
	CHECK_INT(v[0]->type, TK_SINGLE);
	CHECK_INT(v[0]->line, 4);
	CHECK_STR(v[0]->stem, "客户来电时，坐席首先应当（　）。");
	CHECK_INT(v[0]->noptions, 4);
	CHECK_STR(v[0]->options[1].text, "询问客户姓名");
	CHECK_STR(v[0]->options[2].text, "直接处理业务");
	CHECK_STR(v[0]->answer, "A");
	CHECK_INT(v[0]->difficulty, 2);
	CHECK_STR(v[0]->codes[0], "1.1.2");
	CHECK_INT(v[0]->points, 10);
	CHECK(strncmp(v[0]->id, "txt-", 4) == 0);

	/* "2．" with full-width marks; an explanation over two lines */
	CHECK_INT(v[1]->line, 11);
	CHECK_INT(v[1]->noptions, 4);
	CHECK_STR(v[1]->options[3].text, "推给其他同事处理");
	CHECK_STR(v[1]->explanation,
		  "<p>投诉处理的第一步是倾听。</p><p>客户情绪平复后再核实问题。</p>");

	/* 二、多项选择题（每题2分）: 正确答案, 知识点, "A、" */
	CHECK_INT(v[2]->type, TK_MULTIPLE);
	CHECK_STR(v[2]->answer, "ABC");
	CHECK_INT(v[2]->noptions, 4);
	CHECK_STR(v[2]->options[3].text, "提前下班");
	CHECK_INT(v[2]->points, 20);
	CHECK_INT(v[2]->difficulty, 3);
	CHECK_STR(v[2]->codes[0], "1.2.1");

	/* 三、判断题 */
	CHECK_INT(v[3]->type, TK_TRUEFALSE);
	CHECK_STR(v[3]->answer, "false");
	CHECK_INT(v[4]->type, TK_TRUEFALSE);
	CHECK_STR(v[4]->answer, "true");
	CHECK_INT(v[4]->line, 34);

	/* 四、填空题（每题2分）, with its own 分值 */
	CHECK_INT(v[5]->type, TK_FILL);
	CHECK_STR(v[5]->answer, "<blank>负责制</blank>");
	CHECK_INT(tk_fragment_gaps(v[5]->stem), 1);
	CHECK_INT(v[5]->points, 10);

	/* 五、简答题: a numbered list inside the answer is not new items */
	CHECK_INT(v[6]->type, TK_SHORT);
	CHECK_INT(v[6]->points, 50);
	CHECK(strstr(v[6]->answer, "<p>1. 耐心倾听，记录客户诉求；</p>") == v[6]->answer);
	CHECK(strstr(v[6]->answer, "<p>4. 跟踪处理结果并回访。</p>") != NULL);
	CHECK_STR(v[6]->codes[0], "2.3.5");
	CHECK_INT(v[7]->type, TK_SHORT);
	CHECK_INT(v[7]->line, 52);
	CHECK_STR(v[7]->codes[0], "B2.2.7");
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

TEST(import_text_bad_missing_answer)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	const struct tk_diag *e;

	CHECK_INT(parse_file("tests/data/import/bad.txt", &junior, &set, &d, &err), TK_EINPUT);
	CHECK_INT(d.nerrors, 1);
	e = diag_at(&d, TK_DIAG_ERROR, 6);
	CHECK(e != NULL);
	CHECK_STR(e->msg, "item 2: no 答案 (answer)");
	CHECK_INT(err.line, 6);
	CHECK_INT(set.n, 2);
	CHECK_STR(set.items[1]->answer, "B");
	CHECK_INT(set.items[1]->line, 12);
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

TEST(import_text_guesses_types)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	CHECK_INT(parse_text("客服练习（无分节标题）\n"
			     "1、坐席应使用标准普通话接听电话。\n答案：对\n代码：1.1.1\n"
			     "2、下列属于有效沟通方法的有（　）。\n"
			     "A：倾听　　B：复述确认\nC：打断客户\tD：及时回应\n"
			     "【答案】ABD\n【代码】1.1.4\n"
			     "3、电话服务礼仪要求等客户先____。\n答案：挂机\n代码：1.1.7\n分值：1\n"
			     "4、简述电话回访的业务类型。\n答案：满意度回访、投诉回访。\n"
			     "分值：4\n代码：1.2.4\n"
			     "5、客户询问业务时，坐席应当（　）。\n"
			     "A. 直接回答  B. 查询系统后准确答复\n答案：B\n代码：2.2.1\n",
			     &set, &d, &err), TK_OK);
	CHECK_INT(set.n, 5);
	CHECK_INT(set.items[0]->type, TK_TRUEFALSE);
	CHECK_INT(set.items[1]->type, TK_MULTIPLE);
	CHECK_INT(set.items[1]->noptions, 4);
	CHECK_STR(set.items[1]->options[1].text, "复述确认");
	CHECK_STR(set.items[1]->options[3].text, "及时回应");
	CHECK_INT(set.items[2]->type, TK_FILL);
	CHECK_INT(set.items[3]->type, TK_SHORT);
	CHECK_INT(set.items[3]->points, 40);
	CHECK_INT(set.items[4]->type, TK_SINGLE);
	CHECK_INT(set.items[4]->noptions, 2);
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

TEST(import_text_item_problems)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	const struct tk_diag *e;

	CHECK_INT(parse_text("一、判断题\n"
			     "1. 坐席可以在通话中吃东西。\n答案：错\n答案：对\n代码：1.1.7\n"
			     "二、单选题\n"
			     "2. 选项顺序错了（　）。\nB. 乙\nA. 甲\n答案：A\n代码：1.1.1\n"
			     "3. 答案不是选项（　）。\nA. 甲  B. 乙  C. 丙\n答案：D\n代码：1.1.1\n",
			     &set, &d, &err), TK_EINPUT);
	CHECK_INT(set.n, 0);
	CHECK_INT(d.nerrors, 3);
	CHECK((e = diag_at(&d, TK_DIAG_ERROR, 2)) != NULL);
	CHECK(strstr(e->msg, "答案 is given a second time on line 4") != NULL);
	CHECK((e = diag_at(&d, TK_DIAG_ERROR, 7)) != NULL);
	CHECK(strstr(e->msg, "option B on line 8 comes where option A was expected") != NULL);
	CHECK((e = diag_at(&d, TK_DIAG_ERROR, 12)) != NULL);
	CHECK_STR(e->msg, "item 3: 答案 'D' names no option (options A–C)");
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

TEST(import_text_and_csv_share_ids)
{
	struct tk_itemset c = {0}, t = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	/* the same item in either layout hashes alike; only the prefix differs */
	CHECK_INT(parse_file("tests/data/import/good.csv", &junior, &c, &d, &err), TK_OK);
	CHECK_INT(parse_file("tests/data/import/good.txt", &junior, &t, &d, &err), TK_OK);
	CHECK(c.n > 0 && t.n > 0);
	CHECK_STR(c.items[0]->stem, t.items[0]->stem);
	CHECK_STR(c.items[0]->id + 4, t.items[0]->id + 4);
	CHECK(strncmp(c.items[0]->id, "csv-", 4) == 0);
	CHECK(strncmp(t.items[0]->id, "txt-", 4) == 0);
	tk_itemset_free(&c);
	tk_itemset_free(&t);
	tk_diags_free(&d);
}

/* ---- answers away from the items; blocks; Word documents ----------- */

TEST(import_text_answer_in_the_stem_bracket)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	CHECK_INT(parse_text("1. 坐席应使用（ Ｂ ）接听电话。\nA. 方言  B. 普通话\n代码：1.1.2\n"
			     "2. 坐席可以吃东西。（×）\n代码：1.1.7\n"
			     "3. 下列属于服务忌语的有（AC）。\nA. 甲 B. 乙 C. 丙\n代码：1.1.4\n"
			     "4. 维生素（C）的说法正确的是（　）。\nA. 甲 B. 乙 C. 丙\n答案：B\n代码：1.1.4\n",
			     &set, &d, &err), TK_OK);
	CHECK_INT(set.n, 4);
	CHECK_INT(set.items[0]->type, TK_SINGLE);
	CHECK_STR(set.items[0]->stem, "坐席应使用（　）接听电话。");
	CHECK_STR(set.items[0]->answer, "B");
	CHECK_INT(set.items[1]->type, TK_TRUEFALSE);
	CHECK_STR(set.items[1]->stem, "坐席可以吃东西。（　）");
	CHECK_STR(set.items[1]->answer, "false");
	CHECK_INT(set.items[2]->type, TK_MULTIPLE);
	CHECK_STR(set.items[2]->answer, "AC");
	/* the bracket is not the answer 答案 gives: the stem is left alone */
	CHECK_STR(set.items[3]->stem, "维生素（C）的说法正确的是（　）。");
	CHECK_STR(set.items[3]->answer, "B");
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

TEST(import_text_answer_sections)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	/* numbers start again in each section; the answers under headings */
	CHECK_INT(parse_text("一、单选题\n1. 甲（　）\nA. 是 B. 否\n代码：1.1.2\n"
			     "2. 乙（　）\nA. 是 B. 否\n代码：1.1.2\n"
			     "二、判断题\n1. 丙\n代码：1.1.7\n2. 丁\n代码：1.1.7\n"
			     "参考答案\n一、单选题\n1-2 BA\n解析：因为如此。\n"
			     "二、判断题\n1.√2.×\n",
			     &set, &d, &err), TK_OK);
	CHECK_INT(set.n, 4);
	CHECK_STR(set.items[0]->answer, "B");
	CHECK_STR(set.items[1]->answer, "A");
	CHECK_STR(set.items[1]->explanation, "因为如此。");
	CHECK_INT(set.items[2]->type, TK_TRUEFALSE);
	CHECK_STR(set.items[2]->answer, "true");
	CHECK_STR(set.items[3]->answer, "false");
	tk_itemset_free(&set);
	tk_diags_free(&d);

	/* one answer section for all, on one line; no heading to say types */
	memset(&set, 0, sizeof set);
	CHECK_INT(parse_text("1、甲（　）\nA：是 B：否\n代码：1.1.2\n"
			     "2、乙（　）\nA：是 B：否 C：也许\n代码：1.1.2\n"
			     "3、丙\n代码：1.1.7\n参考答案：1.B 2.AC 3.√\n",
			     &set, &d, &err), TK_OK);
	CHECK_INT(set.n, 3);
	CHECK_INT(set.items[0]->type, TK_SINGLE);
	CHECK_INT(set.items[1]->type, TK_MULTIPLE);
	CHECK_STR(set.items[1]->answer, "AC");
	CHECK_INT(set.items[2]->type, TK_TRUEFALSE);
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

TEST(import_text_blocks_carry_tables_and_pictures)
{
	static const char *const pic[] = {"<img src=\"a.png\"/>"};
	static const char *const opt[] = {"<img src=\"b.png\" width=\"10\"/>"};
	const struct tk_block b[] = {
		{TK_BLOCK_TEXT, 1, "一、单项选择题", NULL, 0, NULL, NULL},
		{TK_BLOCK_TEXT, 2, "1. 如图\xEF\xBF\xBC所示，下表中（ B ）最多。", pic, 1, NULL, NULL},
		{TK_BLOCK_TABLE, 3, NULL, NULL, 0, "<table><tr><td>甲</td></tr></table>", NULL},
		{TK_BLOCK_TEXT, 5, "A. 甲 B. \xEF\xBF\xBC", opt, 1, NULL, NULL},
		{TK_BLOCK_TEXT, 6, "代码：1.1.2", NULL, 0, NULL, NULL},
		{TK_BLOCK_TEXT, 7, "2. 乙（ A ）", NULL, 0, NULL, NULL},
		{TK_BLOCK_IMAGE, 8, NULL, NULL, 0, NULL, "the picture 'x.emf' is not PNG or JPEG"},
		{TK_BLOCK_TEXT, 9, "A. 是 B. 否", NULL, 0, NULL, NULL},
		{TK_BLOCK_TEXT, 10, "代码：1.1.2", NULL, 0, NULL, NULL},
	};
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	CHECK_INT(tk_text_read(b, sizeof b / sizeof b[0], "t.docx", &junior, &set, &d, &err),
		  TK_EINPUT);
	CHECK_INT(set.n, 1);
	CHECK_STR(set.items[0]->stem, "<p>如图<img src=\"a.png\"/>所示，下表中（　）最多。</p>"
		  "<table><tr><td>甲</td></tr></table>");
	CHECK_STR(set.items[0]->options[1].text, "<img src=\"b.png\" width=\"10\"/>");
	CHECK_STR(set.items[0]->answer, "B");
	CHECK_INT(d.nerrors, 1);
	CHECK(diag_at(&d, TK_DIAG_ERROR, 7) != NULL);
	CHECK(strstr(diag_at(&d, TK_DIAG_ERROR, 7)->msg, "x.emf") != NULL);
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

TEST(import_docx_word_numbering_and_pictures)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_import_images im = {0};
	size_t len;
	char *data = test_read("tests/data/docx/word.docx", &len);

	CHECK(data != NULL);
	CHECK_INT(tk_docx_parse(data, len, "word.docx", &junior, &set, &im, &d, &err), TK_OK);
	CHECK_INT(set.n, 8);
	/* items are named by their first paragraph */
	CHECK_INT(set.items[0]->line, 4);
	CHECK_STR(set.items[0]->answer, "A");
	CHECK_INT(im.n, 1);
	CHECK(strstr(set.items[1]->stem, im.v[0].name) != NULL);
	CHECK_INT(tk_image_type(im.v[0].data, im.v[0].len), TK_IMAGE_JPEG);
	/* the sub-list "（1）" of the short answer, numbered by Word */
	CHECK(strstr(set.items[7]->answer, "<p>（2） 核实问题") != NULL);
	tk_import_images_free(&im);
	tk_itemset_free(&set);
	tk_diags_free(&d);
	free(data);

	/* not a zip: one error, nothing read */
	memset(&set, 0, sizeof set);
	CHECK_INT(tk_docx_parse("PK not really", 13, "x.docx", &junior, &set, &im, &d, &err),
		  TK_EINPUT);
	CHECK_INT(d.nerrors, 1);
	CHECK_INT(set.n, 0);
	tk_import_images_free(&im);
	tk_diags_free(&d);
}

/* A QTI item of body BODY and declarations DECL, in version 2.1's namespace. */
#define QTI21(decl, body) \
	"<?xml version=\"1.0\"?>\n<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\"" \
	" identifier=\"q-1\" title=\"Q\" adaptive=\"false\" timeDependent=\"false\">\n" \
	decl "<itemBody>\n" body "</itemBody>\n</assessmentItem>\n"

static int qti(const char *xml, struct tk_itemset *set, struct tk_diags *d)
{
	struct tk_import_defaults def = junior;
	struct tk_import_images im = {0};
	struct tk_error err = {0};
	int rc;

	def.code = "1.1.1";
	rc = tk_qtiin_parse(xml, strlen(xml), "q.xml", TK_QTI_ANY, NULL, &def, set, &im, d, &err);
	tk_import_images_free(&im);
	return rc;
}

TEST(import_qti_choice_keys_by_place_and_true_false_by_words)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;

	CHECK_INT(qti(QTI21("<responseDeclaration identifier=\"R\" cardinality=\"single\" "
			    "baseType=\"identifier\"><correctResponse><value>z</value></correctResponse>"
			    "</responseDeclaration>",
			    "<choiceInteraction responseIdentifier=\"R\" maxChoices=\"1\">"
			    "<prompt>题干 <b>加粗</b></prompt>"
			    "<simpleChoice identifier=\"x\">甲</simpleChoice>"
			    "<simpleChoice identifier=\"y\">乙</simpleChoice>"
			    "<simpleChoice identifier=\"z\">丙 &amp; 丁</simpleChoice></choiceInteraction>"),
		      &set, &d), TK_OK);
	CHECK_INT(set.n, 1);
	CHECK_STR(set.items[0]->id, "q-1");
	CHECK_INT(set.items[0]->type, TK_SINGLE);
	CHECK_STR(set.items[0]->stem, "题干 <b>加粗</b>");
	CHECK_STR(set.items[0]->options[2].text, "丙 &amp; 丁");
	CHECK_STR(set.items[0]->answer, "C");
	CHECK_INT(set.items[0]->points, 10);
	tk_itemset_free(&set);

	memset(&set, 0, sizeof set);
	CHECK_INT(qti(QTI21("<responseDeclaration identifier=\"R\" cardinality=\"single\" "
			    "baseType=\"identifier\"><correctResponse><value>n</value></correctResponse>"
			    "</responseDeclaration><outcomeDeclaration identifier=\"MAXSCORE\" "
			    "cardinality=\"single\" baseType=\"float\"><defaultValue><value>2.5</value>"
			    "</defaultValue></outcomeDeclaration>",
			    "<p>地球是平的。</p><choiceInteraction responseIdentifier=\"R\" maxChoices=\"1\">"
			    "<simpleChoice identifier=\"y\">对</simpleChoice>"
			    "<simpleChoice identifier=\"n\">错</simpleChoice></choiceInteraction>"),
		      &set, &d), TK_OK);
	CHECK_INT(set.items[0]->type, TK_TRUEFALSE);
	CHECK_STR(set.items[0]->answer, "false");
	CHECK_INT(set.items[0]->points, 25);
	CHECK_INT(set.items[0]->noptions, 0);
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

TEST(import_qti3_text_entries_and_unknown_interactions)
{
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	const char *fill =
		"<qti-assessment-item xmlns=\"http://www.imsglobal.org/xsd/imsqtiasi_v3p0\" "
		"identifier=\"f-1\" title=\"f\">"
		"<qti-response-declaration identifier=\"A\" cardinality=\"single\" base-type=\"string\">"
		"<qti-correct-response><qti-value>一</qti-value></qti-correct-response>"
		"<qti-mapping default-value=\"0\"><qti-map-entry map-key=\"1\" mapped-value=\"1\"/>"
		"<qti-map-entry map-key=\"x|y\" mapped-value=\"1\"/>"
		"<qti-map-entry map-key=\"0\" mapped-value=\"0\"/></qti-mapping></qti-response-declaration>"
		"<qti-item-body><p>填 <qti-text-entry-interaction response-identifier=\"A\"/> 空</p>"
		"</qti-item-body></qti-assessment-item>";

	CHECK_INT(qti(fill, &set, &d), TK_OK);
	CHECK_INT(set.n, 1);
	CHECK_INT(set.items[0]->type, TK_FILL);
	CHECK_STR(set.items[0]->stem, "<p>填 <gap/> 空</p>");
	CHECK_STR(set.items[0]->answer, "<blank>一|1</blank>");
	/* an accepted text holding | cannot be one of tiku's: said, not kept */
	CHECK_INT(d.nwarnings, 1);
	CHECK(strstr(d.v[0].msg, "answers holding '|'") != NULL);
	tk_itemset_free(&set);
	tk_diags_free(&d);

	memset(&set, 0, sizeof set);
	CHECK_INT(qti(QTI21("", "<p>连线</p><matchInteraction responseIdentifier=\"R\"/>"),
		      &set, &d), TK_EINPUT);
	CHECK_INT(set.n, 0);
	CHECK_INT(d.nerrors, 1);
	CHECK_INT(d.v[0].line, 2);
	CHECK(strstr(d.v[0].msg, "question 'q-1': matchInteraction: tiku has no form") != NULL);
	tk_diags_free(&d);

	/* a namespace that is not QTI's */
	CHECK_INT(qti("<assessmentItem xmlns=\"urn:x\" identifier=\"n\"/>", &set, &d), TK_EINPUT);
	CHECK(strstr(d.v[0].msg, "not QTI's") != NULL);
	tk_diags_free(&d);
}

static int count_each(void *ud, xmlNodePtr n, int root)
{
	int *k = ud;
	char *v;

	if (root)
		return !tk_xml_is(n, "r");
	/* the ancestors are there, with their attributes */
	v = tk_xml_attr(n->parent, "base");
	k[v && !strcmp(v, "b/") ? 0 : 1]++;
	free(v);
	return 0;
}

TEST(xml_each_hands_over_one_element_at_a_time)
{
	const char *doc = "<r><s base=\"b/\"><e><e/></e><x/><e>t</e></s><e/></r>";
	const char *bad = "<r><e/>\n<e>\n</r>";
	struct tk_error err = {0};
	int k[2] = {0, 0};

	CHECK_INT(tk_xml_each(doc, strlen(doc), "d.xml", "e", count_each, k, &err), TK_OK);
	CHECK_INT(k[0], 2);     /* an e inside an e is part of the first */
	CHECK_INT(k[1], 1);
	CHECK_INT(tk_xml_each(bad, strlen(bad), "d.xml", "e", count_each, k, &err), TK_EINPUT);
	CHECK_INT(err.line, 3);
	CHECK(strstr(err.msg, "not well-formed XML") != NULL);
	doc = "<!DOCTYPE r [<!ENTITY a \"b\">]><r/>";
	CHECK_INT(tk_xml_each(doc, strlen(doc), "d.xml", "e", count_each, k, &err), TK_EINPUT);
	CHECK(strstr(err.msg, "DOCTYPE") != NULL);
}

TEST(lmsitem_check_names_the_items_the_schema_refuses_among_chunks)
{
	struct tk_import_defaults def = junior;
	struct tk_lmsbatch batch = TK_LMSBATCH_INIT;
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	char title[32];
	int i;

	def.code = "1.1.1";
	def.status = "draft";
	/* 1,500 items: a chunk of a thousand with one the schema refuses, then 500 */
	for (i = 0; i < 1500; i++) {
		struct tk_lmsitem q;
		tk_lmsitem_init(&q, &def);
		q.type = i == 7 ? "essay" : "truefalse";
		snprintf(title, sizeof title, "t-%d", i);
		tk_buf_printf(&q.stem, "第 %d 题", i);
		tk_buf_puts(&q.answer, "true");
		tk_lmsitem_make(&q, &def, "", title, title, "t", "t.gift", i + 1, &batch);
		CHECK_INT(q.why.len, 0);
		tk_lmsitem_free(&q);
	}
	CHECK_INT(tk_lmsitem_check(&batch, &def, &set, &d), 1);
	CHECK_INT(set.n, 1499);
	CHECK_STR(set.items[7]->id, "t-8");
	CHECK_INT(set.items[7]->line, 9);
	CHECK_STR(set.items[1498]->id, "t-1499");
	CHECK_INT(set.items[1498]->line, 1500);
	CHECK_STR(set.items[1498]->file, "t.gift");
	CHECK_INT(d.nerrors, 1);
	CHECK_INT(d.v[0].line, 8);
	CHECK(strstr(d.v[0].msg, "question 't-7': does not match the schema") != NULL);
	tk_itemset_free(&set);
	tk_diags_free(&d);
}
