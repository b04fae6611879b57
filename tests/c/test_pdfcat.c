/* Unit tests for pdfcat.c and tk_render_many: parts joined into one PDF. */
#include <stdlib.h>
#include <string.h>

#include "paper.h"
#include "pdfcat.h"
#include "render.h"
#include "test.h"

static struct tk_paper *paper(void)
{
	struct tk_paper *p = NULL;
	struct tk_error err = {0};

	if (tk_paper_load("tests/data/papers/mini-paper.xml", &p, NULL, &err) != TK_OK)
		fprintf(stderr, "  %s\n", err.msg);
	return p;
}

/* How often s occurs in b. */
static int count(const struct tk_buf *b, const char *s)
{
	const char *at = b->s, *end = b->s + b->len;
	int n = 0;

	while (at < end && (at = memmem(at, (size_t)(end - at), s, strlen(s))) != NULL) {
		n++;
		at += strlen(s);
	}
	return n;
}

static int join(const struct tk_buf *parts, int n, struct tk_buf *out, struct tk_error *err)
{
	struct tk_pdfcat *c = NULL;
	int i, rc = tk_pdfcat_new(out, &c, err);

	for (i = 0; i < n && rc == TK_OK; i++)
		rc = tk_pdfcat_add(c, parts[i].s, parts[i].len, err);
	if (rc == TK_OK)
		rc = tk_pdfcat_finish(c, err);
	tk_pdfcat_free(c);
	return rc;
}

TEST(pdfcat_joins_pages_in_order_and_joins_again)
{
	struct tk_paper *p = paper();
	struct tk_render_opts key = {0};
	struct tk_buf part[2] = {TK_BUF_INIT, TK_BUF_INIT}, one = TK_BUF_INIT, two = TK_BUF_INIT;
	struct tk_error err = {0};
	int n1 = 0, n2 = 0, rc;

	CHECK(p != NULL);
	key.key = 1;
	rc = tk_render_pdf(p, NULL, &part[0], &n1, &err);
	if (rc == TK_OK)
		rc = tk_render_pdf(p, &key, &part[1], &n2, &err);
	if (rc == TK_OK)
		rc = join(part, 2, &one, &err);
	CHECK_INT(rc, TK_OK);
	/* one page tree of every page, the paper's before the key's */
	CHECK_INT(count(&one, "/Type /Pages"), 1);
	CHECK_INT(count(&one, "/Type /Page\n") + count(&one, "/Type /Page "), n1 + n2);
	CHECK_INT(count(&one, "/Type /Catalog"), 1);
	{
		char want[32];
		snprintf(want, sizeof want, "/Count %d\n", n1 + n2);
		CHECK(memmem(one.s, one.len, want, strlen(want)) != NULL);
	}
	/* what it writes it reads: the joined PDF is a part again */
	part[1] = one;
	rc = join(part, 2, &two, &err);
	CHECK_INT(rc, TK_OK);
	{
		char want[32];
		snprintf(want, sizeof want, "/Count %d\n", 2 * n1 + n2);
		CHECK(memmem(two.s, two.len, want, strlen(want)) != NULL);
	}
	tk_buf_free(&part[0]);
	tk_buf_free(&one);
	tk_buf_free(&two);
	tk_paper_free(p);
}

TEST(pdfcat_refuses_what_cairo_does_not_write)
{
	struct tk_paper *p = paper();
	struct tk_buf pdf = TK_BUF_INIT, bad = TK_BUF_INIT, out = TK_BUF_INIT;
	struct tk_error err = {0};
	char *at;

	CHECK(p != NULL);
	CHECK_INT(tk_render_pdf(p, NULL, &pdf, NULL, &err), TK_OK);
	/* not a PDF; cut short; a catalog with more than its pages */
	tk_buf_puts(&bad, "hello");
	CHECK_INT(join(&bad, 1, &out, &err), TK_EINTERNAL);
	CHECK(strstr(err.msg, "cannot join") != NULL);
	tk_buf_reset(&bad);
	tk_buf_add(&bad, pdf.s, pdf.len / 2);
	tk_buf_reset(&out);
	CHECK_INT(join(&bad, 1, &out, &err), TK_EINTERNAL);
	tk_buf_reset(&bad);
	tk_buf_add(&bad, pdf.s, pdf.len);
	at = memmem(bad.s, bad.len, "/Type /Catalog", 14);
	CHECK(at != NULL);
	if (at)
		memcpy(at, "/Outlines 1 0 R", 14);   /* same length: the table holds */
	tk_buf_reset(&out);
	CHECK_INT(join(&bad, 1, &out, &err), TK_EINTERNAL);
	/* no part at all */
	{
		struct tk_pdfcat *c = NULL;
		tk_buf_reset(&out);
		CHECK_INT(tk_pdfcat_new(&out, &c, &err), TK_OK);
		CHECK_INT(tk_pdfcat_finish(c, &err), TK_EINTERNAL);
		tk_pdfcat_free(c);
	}
	tk_buf_free(&pdf);
	tk_buf_free(&bad);
	tk_buf_free(&out);
	tk_paper_free(p);
}

/* tk_render_many's source: n copies of the mini paper; one may fail */
struct src {
	int bad;        /* the paper that cannot be read, or -1 */
	int put, order;
};

static int get(void *ud, int i, struct tk_paper **p, struct tk_error *err)
{
	struct src *s = ud;

	if (i == s->bad)
		return tk_error_set(err, TK_EINPUT, "bad.xml", 7, "paper %d is broken", i);
	*p = paper();
	return *p ? TK_OK : tk_error_set(err, TK_EINPUT, NULL, 0, "no paper");
}

static void put(void *ud, int i, struct tk_paper *p)
{
	struct src *s = ud;

	if (i != s->put)
		s->order = 0;   /* given back out of order */
	s->put++;
	tk_paper_free(p);
}

static int many(int n, int threads, int bad, struct tk_buf *out, int *pages, int *failed,
		struct src *s, struct tk_error *err)
{
	struct tk_render_src src;

	memset(s, 0, sizeof *s);
	s->bad = bad;
	s->order = 1;
	src.n = n;
	src.get = get;
	src.put = put;
	src.ud = s;
	return tk_render_many(NULL, "many", &src, threads, out, pages, failed, err);
}

TEST(render_many_is_the_same_bytes_on_any_number_of_threads)
{
	struct tk_buf a = TK_BUF_INIT, b = TK_BUF_INIT, c = TK_BUF_INIT, one = TK_BUF_INIT;
	struct tk_error err = {0};
	struct src s;
	struct tk_paper *p = paper();
	struct tk_render *r = NULL;
	int pa = 0, pb = 0, pc = 0, failed, n = TK_RENDER_PART + 3, i, rc;

	CHECK(p != NULL);
	CHECK_INT(many(n, 1, -1, &a, &pa, &failed, &s, &err), TK_OK);
	CHECK(s.order && s.put == n);
	CHECK_INT(many(n, 2, -1, &b, &pb, &failed, &s, &err), TK_OK);
	CHECK(s.order && s.put == n);
	CHECK_INT(many(n, 0, -1, &c, &pc, &failed, &s, &err), TK_OK);
	CHECK(pa == pb && pa == pc);
	CHECK(a.len == b.len && !memcmp(a.s, b.s, a.len));
	CHECK(a.len == c.len && !memcmp(a.s, c.s, a.len));
	CHECK_INT(count(&a, "/Type /Pages"), 1);
	/* up to one part, the bytes of one renderer */
	tk_buf_reset(&a);
	CHECK_INT(many(3, 2, -1, &a, &pa, &failed, &s, &err), TK_OK);
	rc = tk_render_new(NULL, "many", &one, &r, &err);
	for (i = 0; i < 3 && rc == TK_OK; i++)
		rc = tk_render_add(r, p, &err);
	if (rc == TK_OK)
		rc = tk_render_finish(r, NULL, &err);
	CHECK_INT(rc, TK_OK);
	CHECK(a.len == one.len && !memcmp(a.s, one.s, a.len));
	tk_render_free(r);
	tk_paper_free(p);
	tk_buf_free(&a);
	tk_buf_free(&b);
	tk_buf_free(&c);
	tk_buf_free(&one);
}

TEST(render_many_names_the_paper_that_failed)
{
	struct tk_buf out = TK_BUF_INIT;
	struct tk_error err = {0};
	struct src s;
	int pages = 0, failed = -1, n = TK_RENDER_PART + 3;

	/* in the second part, on two threads: the first part is given back */
	CHECK_INT(many(n, 2, TK_RENDER_PART + 1, &out, &pages, &failed, &s, &err), TK_EINPUT);
	CHECK_INT(failed, TK_RENDER_PART + 1);
	CHECK(strstr(err.msg, "is broken") != NULL);
	CHECK_INT(err.line, 7);
	CHECK(s.order);
	tk_buf_reset(&out);
	/* the first paper: nothing is given back */
	CHECK_INT(many(n, 2, 0, &out, &pages, &failed, &s, &err), TK_EINPUT);
	CHECK_INT(failed, 0);
	CHECK_INT(s.put, 0);
	tk_buf_free(&out);
}
