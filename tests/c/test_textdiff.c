/* test_textdiff.c -- the character diff: Chinese, UTF-8, bounds. */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "textdiff.h"
#include "util.h"

/* b's text with the changes from a marked, as a string the caller frees */
static char *marked(const char *a, const char *b)
{
	struct tk_buf out = TK_BUF_INIT;

	if (!tk_textdiff_mark(a, b, 0, &out)) {
		tk_buf_free(&out);
		return NULL;
	}
	tk_buf_puts(&out, "");
	return tk_buf_detach(&out);
}

#define CHECK_MARKED(a, b, want) do { char *m_ = marked(a, b); \
	int same_ = m_ && !strcmp(m_, want); \
	if (!same_) fprintf(stderr, "  got \"%s\"\n", m_ ? m_ : "(null)"); \
	free(m_); CHECK(same_); } while (0)

/* a and b put back together from the runs */
static int rebuilds(const char *a, const char *b)
{
	struct tk_textdiff d;
	struct tk_buf ra = TK_BUF_INIT, rb = TK_BUF_INIT;
	size_t i;
	int ok;

	if (tk_textdiff(a, strlen(a), b, strlen(b), &d) != TK_OK)
		return 0;
	for (i = 0; i < d.n; i++) {
		if (d.v[i].op != TK_DIFF_ADD)
			tk_buf_add(&ra, a + d.v[i].off, d.v[i].len);
		if (d.v[i].op != TK_DIFF_DEL)
			tk_buf_add(&rb, (d.v[i].op == TK_DIFF_ADD ? b : a) + d.v[i].off, d.v[i].len);
	}
	ok = !strcmp(tk_buf_str(&ra), a) && !strcmp(tk_buf_str(&rb), b);
	tk_buf_free(&ra);
	tk_buf_free(&rb);
	tk_textdiff_free(&d);
	return ok;
}

TEST(textdiff_chinese_by_character)
{
	/* one character replaced by two, in a sentence without spaces */
	CHECK_MARKED("开头语应包括（　）。", "开头语必须包括（　）。",
		     "开头语[-应-]{+必须+}包括（　）。");
	CHECK_MARKED("坐席接听来电", "坐席接听客户来电", "坐席接听{+客户+}来电");
	CHECK_MARKED("受理客户投诉时", "受理投诉时", "受理[-客户-]投诉时");
}

TEST(textdiff_same_and_empty)
{
	struct tk_textdiff d;

	CHECK_MARKED("相同", "相同", "相同");
	CHECK_MARKED("", "新", "{+新+}");
	CHECK_MARKED("旧", "", "[-旧-]");
	CHECK_MARKED("", "", "");
	CHECK_INT(tk_textdiff("相同", strlen("相同"), "相同", strlen("相同"), &d), TK_OK);
	CHECK_INT(d.changed, 0);
	CHECK_INT(d.n, 1);
	tk_textdiff_free(&d);
}

TEST(textdiff_never_splits_a_character)
{
	struct tk_textdiff d;
	size_t i;
	/* 语 (E8 AF AD) and 论 (E8 AE BA) share their first byte: a byte diff would cut it */
	const char *a = "语", *b = "论";

	CHECK_MARKED(a, b, "[-语-]{+论+}");
	CHECK_INT(tk_textdiff(a, strlen(a), b, strlen(b), &d), TK_OK);
	for (i = 0; i < d.n; i++)
		CHECK_INT(d.v[i].len % 3, 0);
	CHECK_INT(d.changed, 2);
	tk_textdiff_free(&d);
}

TEST(textdiff_deletions_before_additions)
{
	/* a changed stretch reads as the old text, then the new */
	CHECK_MARKED("甲乙丙", "丁戊己", "[-甲乙丙-]{+丁戊己+}");
	CHECK_MARKED("A. 问候语", "B. 问候", "[-A-]{+B+}. 问候[-语-]");
}

TEST(textdiff_runs_rebuild_both_texts)
{
	CHECK(rebuilds("消费者享有知悉其购买的商品的真实情况的权利。",
		       "消费者依法享有知悉其购买、使用的商品或者服务的真实情况的权利"));
	CHECK(rebuilds("abcabba", "cbabac"));
	CHECK(rebuilds("", "x"));
	/* bytes that are not UTF-8 are characters of their own */
	CHECK(rebuilds("a\xff\xfe" "b", "a\xfe" "b\xff"));
	CHECK_MARKED("a\xff" "b", "ab", "a[-\xff-]b");
}

TEST(textdiff_shortest)
{
	struct tk_textdiff d;

	/* the classic example: 5 edits, no fewer */
	CHECK_INT(tk_textdiff("abcabba", 7, "cbabac", 6, &d), TK_OK);
	CHECK_INT(d.changed, 5);
	tk_textdiff_free(&d);
}

TEST(textdiff_bounded_on_large_texts)
{
	/* two 200 000-character texts that differ everywhere: more edits than
	   the bound, so the middle is one deletion and one addition */
	size_t n = 200000, i;
	char *a = malloc(3 * n + 1), *b = malloc(3 * n + 1);
	struct tk_textdiff d;
	int rc;

	CHECK(a && b);
	for (i = 0; i < n; i++) {
		memcpy(a + 3 * i, i % 2 ? "甲" : "乙", 3);
		memcpy(b + 3 * i, i % 3 ? "丙" : "丁", 3);
	}
	a[3 * n] = b[3 * n] = '\0';
	rc = tk_textdiff(a, 3 * n, b, 3 * n, &d);
	free(a);
	free(b);
	CHECK_INT(rc, TK_OK);
	CHECK_INT(d.n, 2);
	CHECK_INT(d.v[0].op, TK_DIFF_DEL);
	CHECK_INT(d.v[1].op, TK_DIFF_ADD);
	CHECK_INT(d.changed, 2 * n);
	tk_textdiff_free(&d);
}

TEST(textdiff_large_texts_with_small_changes)
{
	/* a long stem with two edits far apart: found exactly */
	size_t n = 100000, i;
	char *a = malloc(3 * n + 1), *b;
	struct tk_textdiff d;
	int rc;

	CHECK(a != NULL);
	for (i = 0; i < n; i++)
		memcpy(a + 3 * i, (i * 7) % 5 ? "客" : "服", 3);
	a[3 * n] = '\0';
	b = strdup(a);
	if (b == NULL) {
		free(a);
		CHECK(b != NULL);
	}
	memcpy(b + 3 * 10, "改", 3);
	memcpy(b + 3 * (n - 10), "动", 3);
	rc = tk_textdiff(a, 3 * n, b, 3 * n, &d);
	free(a);
	free(b);
	CHECK_INT(rc, TK_OK);
	CHECK_INT(d.changed, 4);
	tk_textdiff_free(&d);
}
