/* test_item.c -- items: reading, canonical XML, hashing, fragments. */
#include <stdlib.h>

#include "item.h"
#include "standard.h"
#include "test.h"
#include "util.h"

static int parse_file(const char *path, struct tk_itemset *set)
{
	size_t len;
	char *data = test_read(path, &len);
	struct tk_error err = {0};
	int rc;

	if (data == NULL)
		return -1;
	rc = tk_items_parse(data, len, path, set, NULL, &err);
	free(data);
	return rc;
}

TEST(item_parse_fields)
{
	struct tk_itemset set = {0};
	struct tk_item *it;

	CHECK_INT(parse_file("tests/data/items/good.xml", &set), TK_OK);
	CHECK_INT(set.n, 5);
	CHECK_STR(set.standard, "miit-kflxzxs");
	it = set.items[0];
	CHECK_STR(it->id, "t-single-1");
	CHECK_INT(it->type, TK_SINGLE);
	CHECK_STR(it->level, "初级");
	CHECK_INT(it->points, 10);
	CHECK_INT(it->line, 3);
	/* the line break inside the stem was layout, not content */
	CHECK_STR(it->stem, "坐席接听客户来电时，标准开头语应当包含（　）。");
	CHECK_INT(it->noptions, 4);
	CHECK_STR(it->answer, "A");
	CHECK_STR(set.items[1]->answer, "ABD");
	CHECK_STR(set.items[2]->answer, "true");
	CHECK_INT(tk_fragment_gaps(set.items[3]->stem), 2);
	CHECK_STR(set.items[3]->answer, "<blank>接通量</blank><blank>呼入量|进线量</blank>");
	CHECK_STR(set.items[3]->facility, "0.62");
	CHECK_INT(set.items[4]->nrubric, 2);
	CHECK_INT(set.items[4]->rubric[1].points, 60);
	CHECK_INT(set.items[4]->ncodes, 2);
	CHECK_STR(set.items[4]->enemies[0], "t-single-1");
	tk_itemset_free(&set);
}

TEST(item_xml_is_a_fixed_point)
{
	struct tk_itemset a = {0}, b = {0};
	struct tk_buf x1 = TK_BUF_INIT, x2 = TK_BUF_INIT;
	struct tk_error err = {0};
	size_t i;

	CHECK_INT(parse_file("tests/data/items/good.xml", &a), TK_OK);
	tk_items_xml_begin(&x1, a.standard);
	for (i = 0; i < a.n; i++)
		tk_item_xml(a.items[i], 1, &x1);
	tk_items_xml_end(&x1);
	CHECK_INT(tk_items_parse(x1.s, x1.len, "x1", &b, NULL, &err), TK_OK);
	tk_items_xml_begin(&x2, b.standard);
	for (i = 0; i < b.n; i++)
		tk_item_xml(b.items[i], 1, &x2);
	tk_items_xml_end(&x2);
	CHECK_STR(x1.s, x2.s);
	for (i = 0; i < a.n; i++) {
		char h1[65], h2[65];
		tk_item_hash(a.items[i], h1);
		tk_item_hash(b.items[i], h2);
		CHECK_STR(h1, h2);
	}
	tk_buf_free(&x1);
	tk_buf_free(&x2);
	tk_itemset_free(&a);
	tk_itemset_free(&b);
}

TEST(item_hash_changes_with_content_not_version)
{
	struct tk_itemset set = {0};
	char h1[65], h2[65], h3[65];
	struct tk_item *it;

	CHECK_INT(parse_file("tests/data/items/good.xml", &set), TK_OK);
	it = set.items[0];
	tk_item_hash(it, h1);
	it->version = 7;
	tk_item_hash(it, h2);
	CHECK_STR(h1, h2);
	it->difficulty = 4;
	tk_item_hash(it, h3);
	CHECK(strcmp(h1, h3) != 0);
	tk_itemset_free(&set);
}

TEST(item_fragment_text)
{
	char *t = tk_fragment_text("<p>接通率 = <gap/> &amp; <b>X</b></p><ul><li>一</li><li>二</li></ul>");

	CHECK_STR(t, "接通率 = ____ & X\n一\n二");
	free(t);
	t = tk_fragment_from_text("  a < b\n  且 c  ");
	CHECK_STR(t, "a &lt; b且 c");
	free(t);
}

TEST(item_answer_normalisers)
{
	char *a;

	a = tk_answer_choice("d，a、B");
	CHECK_STR(a, "ABD");
	free(a);
	CHECK(tk_answer_choice("A1") == NULL);
	CHECK(tk_answer_choice("") == NULL);
	a = tk_answer_truefalse(" 错误 ");
	CHECK_STR(a, "false");
	free(a);
	a = tk_answer_truefalse("√");
	CHECK_STR(a, "true");
	free(a);
	CHECK(tk_answer_truefalse("也许") == NULL);
}

TEST(item_points)
{
	char buf[16];

	CHECK_INT(tk_points_parse("2"), 20);
	CHECK_INT(tk_points_parse("0.5"), 5);
	CHECK_INT(tk_points_parse("2.50"), 25);
	CHECK_INT(tk_points_parse("2.55"), -1);
	CHECK_INT(tk_points_parse("x"), -1);
	CHECK_INT(tk_points_parse(""), -1);
	CHECK_STR(tk_points_format(25, buf), "2.5");
	CHECK_STR(tk_points_format(100, buf), "10");
}

TEST(item_schema_errors_have_lines)
{
	static const char doc[] = "<items xmlns=\"urn:tiku:items:1\" standard=\"s\">\n"
				  "<item id=\"a\" type=\"single\" level=\"x\" kind=\"theory\" points=\"1\" difficulty=\"9\">\n"
				  "<code>1</code><stem>s</stem></item>\n</items>\n";
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	CHECK_INT(tk_items_parse(doc, sizeof doc - 1, "bad.xml", &set, &d, &err), TK_EINPUT);
	CHECK(d.nerrors >= 1);
	CHECK_INT(d.v[0].line, 2);
	CHECK_STR(d.v[0].file, "bad.xml");
	tk_diags_free(&d);
	tk_itemset_free(&set);
}

/* The one parser of whole numbers: the whole text, in range, or nothing. */
TEST(item_numbers_parse_in_range)
{
	long v = 7;
	double d = 0;

	CHECK(tk_parse_int("42", 0, 100, &v) && v == 42);
	CHECK(tk_parse_int(" -3 ", -5, 5, &v) && v == -3);
	CHECK(!tk_parse_int("4294967301", 0, 100, &v) && v == -3);
	CHECK(!tk_parse_int("2147483708", 0, 0x7fffffffL, &v));
	CHECK(!tk_parse_int("99999999999999999999999", 0, 0x7fffffffL, &v));
	CHECK(!tk_parse_int("12abc", 0, 100, &v));
	CHECK(!tk_parse_int("0x10", 0, 100, &v));
	CHECK(!tk_parse_int("", 0, 100, &v));
	CHECK(!tk_parse_int("- 1", -5, 5, &v));
	CHECK(!tk_parse_int(NULL, 0, 100, &v));
	CHECK(!tk_parse_int("101", 0, 100, &v) && v == -3);
	CHECK(tk_parse_num("0.35", 0, 1, &d) && d > 0.34 && d < 0.36);
	CHECK(!tk_parse_num("1e400", 0, 1e9, &d));
	CHECK(!tk_parse_num("inf", 0, 1e9, &d));
	CHECK(!tk_parse_num("nan", 0, 1e9, &d));
	CHECK(!tk_parse_num("1.5", 0, 1, &d));
	CHECK(!tk_parse_num(".", 0, 1, &d));
}

/* An item's numbers out of range are refused at their line, not wrapped round. */
TEST(item_numbers_out_of_range_refused)
{
	static const char *bad[] = {"version=\"4294967297\"", "time=\"99999999999\"",
				    "time=\"86401\"", "version=\"-1\""};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct tk_itemset set = {0};
		struct tk_error err = {0};
		char xml[1024];
		int n = snprintf(xml, sizeof xml,
				 "<items standard=\"s\">\n"
				 "<item id=\"x\" %s type=\"fill\" level=\"junior\" kind=\"theory\""
				 " points=\"1\" difficulty=\"2\">\n<code>1</code><stem>a ____</stem>"
				 "<answer>b</answer></item></items>\n", bad[i]);
		CHECK_INT(tk_items_parse_unchecked(xml, (size_t)n, "x.xml", &set, NULL, &err),
			  TK_EINPUT);
		CHECK_INT(err.line, 2);
		CHECK(strstr(err.msg, "must be a whole number") != NULL);
		tk_itemset_free(&set);
	}
}

TEST(item_blanks_text_as_people_write_it)
{
	struct tk_buf b = TK_BUF_INIT;

	CHECK(tk_item_blanks_text("<blank>61.00|61</blank>", &b));
	CHECK_STR(tk_buf_str(&b), "61.00（或 61）");
	tk_buf_reset(&b);
	CHECK(tk_item_blanks_text("<blank>jǐ|ji3</blank><blank>zàn| zan4 |</blank><blank>x</blank>", &b));
	CHECK_STR(tk_buf_str(&b), "（1）jǐ（或 ji3）；（2）zàn（或 zan4）；（3）x");
	tk_buf_reset(&b);
	CHECK(tk_item_blanks_text("<blank>a|b|c</blank>", &b));
	CHECK_STR(tk_buf_str(&b), "a（或 b、c）");
	CHECK(!tk_item_blanks_text("<blank>x", &b));
	tk_buf_free(&b);
}
