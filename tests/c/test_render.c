/* Unit tests for render.c: PDF papers and keys from a paper file alone. */
#include <stdlib.h>
#include <string.h>

#include "paper.h"
#include "render.h"
#include "test.h"

static struct tk_paper *mini_paper(void)
{
	struct tk_paper *p = NULL;
	struct tk_error err = {0};

	if (tk_paper_load("tests/data/papers/mini-paper.xml", &p, NULL, &err) != TK_OK)
		fprintf(stderr, "  %s\n", err.msg);
	return p;
}

TEST(render_paper_is_a_pdf_and_repeats_byte_for_byte)
{
	struct tk_paper *p = mini_paper();
	struct tk_buf a = TK_BUF_INIT, b = TK_BUF_INIT;
	struct tk_error err = {0};
	int pages = 0, rc1, rc2;

	CHECK(p != NULL);
	rc1 = tk_render_pdf(p, NULL, &a, &pages, &err);
	rc2 = tk_render_pdf(p, NULL, &b, NULL, &err);
	tk_paper_free(p);
	CHECK_INT(rc1, TK_OK);
	CHECK_INT(rc2, TK_OK);
	CHECK(pages >= 1);
	CHECK(a.len > 1000 && !memcmp(a.s, "%PDF-", 5));
	CHECK(a.len == b.len && !memcmp(a.s, b.s, a.len));
	tk_buf_free(&a);
	tk_buf_free(&b);
}

TEST(render_several_papers_in_one_pdf)
{
	struct tk_paper *p = mini_paper();
	struct tk_buf one = TK_BUF_INIT, two = TK_BUF_INIT;
	struct tk_render *r = NULL;
	struct tk_error err = {0};
	int n1 = 0, n2 = 0, rc;

	CHECK(p != NULL);
	rc = tk_render_pdf(p, NULL, &one, &n1, &err);
	if (rc == TK_OK)
		rc = tk_render_new(NULL, "two", &two, &r, &err);
	if (rc == TK_OK)
		rc = tk_render_add(r, p, &err);
	if (rc == TK_OK)
		rc = tk_render_add(r, p, &err);
	if (rc == TK_OK)
		rc = tk_render_finish(r, &n2, &err);
	tk_render_free(r);
	tk_paper_free(p);
	tk_buf_free(&one);
	tk_buf_free(&two);
	CHECK_INT(rc, TK_OK);
	CHECK_INT(n2, 2 * n1);   /* each paper starts on a page of its own */
}

TEST(render_key_and_seal_line_differ_from_the_paper)
{
	struct tk_paper *p = mini_paper();
	struct tk_render_opts key = {0}, seal = {0};
	struct tk_buf a = TK_BUF_INIT, b = TK_BUF_INIT, c = TK_BUF_INIT;
	struct tk_error err = {0};
	int rc;

	CHECK(p != NULL);
	key.key = 1;
	key.explanations = 1;
	seal.seal_line = 1;
	rc = tk_render_pdf(p, NULL, &a, NULL, &err);
	if (rc == TK_OK)
		rc = tk_render_pdf(p, &key, &b, NULL, &err);
	if (rc == TK_OK)
		rc = tk_render_pdf(p, &seal, &c, NULL, &err);
	tk_paper_free(p);
	CHECK_INT(rc, TK_OK);
	CHECK(a.len != b.len || memcmp(a.s, b.s, a.len));
	CHECK(a.len != c.len || memcmp(a.s, c.s, a.len));
	tk_buf_free(&a);
	tk_buf_free(&b);
	tk_buf_free(&c);
}

TEST(render_unknown_font_is_bad_input)
{
	struct tk_paper *p = mini_paper();
	struct tk_render_opts o = {0};
	struct tk_buf out = TK_BUF_INIT;
	struct tk_error err = {0};
	int rc;

	CHECK(p != NULL);
	o.font = "No Such Font 42";
	rc = tk_render_pdf(p, &o, &out, NULL, &err);
	tk_paper_free(p);
	CHECK_INT(rc, TK_EINPUT);
	CHECK(strstr(err.msg, "No Such Font 42") != NULL);
	CHECK_INT(out.len, 0);
	tk_buf_free(&out);
}
