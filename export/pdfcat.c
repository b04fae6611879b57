/* pdfcat.c -- join cairo's PDFs into one: objects renumbered, one page tree. */
#include <stdlib.h>
#include <string.h>

#include "pdfcat.h"

struct tk_pdfcat {
	struct tk_buf *out;
	size_t base;            /* where the joined PDF starts in out */
	size_t *off;            /* off[n]: object n's offset from base; [0] unused */
	int nobj, capobj;       /* last object number given (1 is the page tree) */
	int *kids;              /* the pages in order, by their new numbers */
	int nkids, capkids;
	struct tk_buf info;     /* the first part's document information, renumbered */
	int parts;
};

/* An object of a part: its number and where it starts. */
struct obj {
	size_t at;
	int num;
};

/* One part as read: its objects in file order and what the trailer names. */
struct part {
	const char *s;
	size_t len, xref;
	struct obj *objs;       /* in file order */
	int nobjs;
	size_t *off;            /* by object number; 0: not in use */
	int *idx;               /* by object number: its place in objs */
	int *map;               /* old number -> new; 0: not to be referred to */
	int size, root, info, pages;
};

static int fail(struct tk_error *err, const char *what)
{
	return tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot join the PDF parts: %s", what);
}

static int oom(struct tk_error *err)
{
	return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
}

static int is_space(int c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
}

static int is_delim(int c)
{
	return c && strchr("()<>[]{}/%", c) != NULL;
}

static int is_regular(int c)
{
	return !is_space(c) && !is_delim(c);
}

/* A decimal of at most 9 digits at s[*i], the index moved past it. */
static int read_uint(const char *s, size_t n, size_t *i, int *v)
{
	size_t k = *i;
	int x = 0;

	while (k < n && s[k] >= '0' && s[k] <= '9' && k - *i < 9)
		x = x * 10 + (s[k++] - '0');
	if (k == *i || (k < n && s[k] >= '0' && s[k] <= '9'))
		return 0;
	*i = k;
	*v = x;
	return 1;
}

/* An offset of up to ten digits (a cross-reference entry's) at s[*i]. */
static int read_size(const char *s, size_t n, size_t *i, size_t *v)
{
	size_t k = *i, x = 0;

	while (k < n && s[k] >= '0' && s[k] <= '9' && k - *i < 10)
		x = x * 10 + (size_t)(s[k++] - '0');
	if (k == *i || (k < n && s[k] >= '0' && s[k] <= '9'))
		return 0;
	*i = k;
	*v = x;
	return 1;
}

static void skip_space(const char *s, size_t n, size_t *i)
{
	while (*i < n && is_space((unsigned char)s[*i]))
		(*i)++;
}

/* The number after key in s[0..n) ("/Root 12 0 R" gives 12), or 0. */
static int key_uint(const char *s, size_t n, const char *key)
{
	const char *k = memmem(s, n, key, strlen(key));
	size_t i;
	int v;

	if (k == NULL)
		return 0;
	i = (size_t)(k - s) + strlen(key);
	skip_space(s, n, &i);
	return read_uint(s, n, &i, &v) ? v : 0;
}

/*
 * What scan() learns of an object: its dictionary's /Type, how many
 * keys it has besides /Type, /Kids, /Count and /Pages (a catalog or a
 * page tree with more is not cairo's simple one), its references in
 * order (the kids of a page tree), and whether one pointed nowhere.
 */
struct scan {
	struct tk_buf *out;     /* NULL: copy nothing, only learn */
	const int *map;         /* with out: old number -> new, for size numbers */
	int size;
	char type[16];
	int others, bad;
	int *refs;
	int nrefs, caprefs, oom;
};

static void add_ref(struct scan *sc, int num)
{
	if (sc->nrefs == sc->caprefs) {
		int cap = sc->caprefs ? 2 * sc->caprefs : 64;
		int *v = realloc(sc->refs, (size_t)cap * sizeof *v);
		if (v == NULL) {
			sc->oom = 1;
			return;
		}
		sc->refs = v;
		sc->caprefs = cap;
	}
	sc->refs[sc->nrefs++] = num;
}

/*
 * Walk an object's body s[0..n) token by token up to a "stream" keyword
 * (whose offset it gives; n when there is none).  With sc->out, the
 * bytes are copied there with every reference "N 0 R" renumbered by
 * sc->map; strings, hex strings, names and comments go as they are.
 */
static size_t scan(const char *s, size_t n, struct scan *sc)
{
	size_t i = 0, from = 0;
	int depth = 0, want_type = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (is_space(c)) {
			i++;
		} else if (c == '%') {
			while (i < n && s[i] != '\n' && s[i] != '\r')
				i++;
		} else if (c == '(') {
			int nest = 0;
			for (; i < n; i++) {
				if (s[i] == '\\')
					i++;
				else if (s[i] == '(')
					nest++;
				else if (s[i] == ')' && --nest == 0)
					break;
			}
			i++;
		} else if (c == '<' && i + 1 < n && s[i + 1] == '<') {
			depth++;
			i += 2;
		} else if (c == '>' && i + 1 < n && s[i + 1] == '>') {
			depth--;
			i += 2;
		} else if (c == '<') {
			while (i < n && s[i] != '>')
				i++;
			i++;
		} else if (c == '/') {
			size_t k = ++i;
			while (i < n && is_regular((unsigned char)s[i]))
				i++;
			if (want_type) {
				if (i - k < sizeof sc->type) {
					memcpy(sc->type, s + k, i - k);
					sc->type[i - k] = 0;
				}
				want_type = 0;
			} else if (depth == 1) {
				/* a key of the object's own dictionary */
				if (i - k == 4 && memcmp(s + k, "Type", 4) == 0)
					want_type = 1;
				else if (!(i - k == 4 && memcmp(s + k, "Kids", 4) == 0) &&
					 !(i - k == 5 && memcmp(s + k, "Count", 5) == 0) &&
					 !(i - k == 5 && memcmp(s + k, "Pages", 5) == 0))
					sc->others++;
			}
		} else if (c >= '0' && c <= '9') {
			size_t at = i, j = i;
			int num, gen;
			if (read_uint(s, n, &j, &num) && (j >= n || is_space((unsigned char)s[j]))) {
				skip_space(s, n, &j);
				if (read_uint(s, n, &j, &gen) && gen == 0 && j < n &&
				    is_space((unsigned char)s[j])) {
					skip_space(s, n, &j);
					if (j < n && s[j] == 'R' &&
					    (j + 1 >= n || !is_regular((unsigned char)s[j + 1]))) {
						if (!sc->out)
							add_ref(sc, num);
						else {
							if (num <= 0 || num >= sc->size || sc->map[num] <= 0) {
								sc->bad = 1;
								return n;
							}
							tk_buf_add(sc->out, s + from, at - from);
							tk_buf_printf(sc->out, "%d 0 R", sc->map[num]);
						}
						from = i = j + 1;
						continue;
					}
				}
			}
			while (i < n && is_regular((unsigned char)s[i]))
				i++;
		} else if (is_delim(c)) {
			i++;
		} else {
			size_t k = i;
			while (i < n && is_regular((unsigned char)s[i]))
				i++;
			if (i - k == 6 && memcmp(s + k, "stream", 6) == 0) {
				if (sc->out)
					tk_buf_add(sc->out, s + from, k - from);
				return k;
			}
		}
	}
	if (i > n)
		i = n;
	if (sc->out)
		tk_buf_add(sc->out, s + from, i - from);
	return n;
}

static void scan_free(struct scan *sc)
{
	free(sc->refs);
}

/* Object k (in file order) of p: its body after "N 0 obj", up to the
   next object or the cross-reference table. */
static const char *body(const struct part *p, int k, size_t *blen)
{
	size_t at = p->objs[k].at;
	size_t end = k + 1 < p->nobjs ? p->objs[k + 1].at : p->xref;
	const char *b = memmem(p->s + at, end - at, "obj", 3);

	if (b == NULL)
		return NULL;
	b += 3;
	*blen = (size_t)(p->s + end - b);
	return b;
}

/* Object num of p, by number. */
static const char *body_of(const struct part *p, int num, size_t *blen)
{
	return num > 0 && num < p->size && p->off[num] ? body(p, p->idx[num], blen) : NULL;
}

static int by_offset(const void *a, const void *b)
{
	const struct obj *x = a, *y = b;

	return x->at < y->at ? -1 : x->at > y->at;
}

static void part_free(struct part *p)
{
	free(p->objs);
	free(p->off);
	free(p->idx);
	free(p->map);
}

/* The part's cross-reference table and trailer. */
static int part_read(struct part *p, struct tk_error *err)
{
	const char *s = p->s;
	size_t n = p->len, i, t;
	int count, v, k;

	for (i = n > 64 ? n - 64 : 0, t = 0; i + 9 <= n; i++)
		if (memcmp(s + i, "startxref", 9) == 0)
			t = i + 9;
	if (n < 16 || memcmp(s, "%PDF-", 5) != 0 || t == 0)
		return fail(err, "a part is not a whole PDF");
	skip_space(s, n, &t);
	if (!read_size(s, n, &t, &p->xref) || p->xref + 4 > n || memcmp(s + p->xref, "xref", 4) != 0)
		return fail(err, "a part has no cross-reference table");
	i = p->xref + 4;
	skip_space(s, n, &i);
	if (!read_uint(s, n, &i, &v) || v != 0)
		return fail(err, "a part's cross-reference table does not start at 0");
	skip_space(s, n, &i);
	if (!read_uint(s, n, &i, &count) || count < 2 || (size_t)count > n / 20)
		return fail(err, "a part's cross-reference table is malformed");
	skip_space(s, n, &i);
	p->size = count;
	p->objs = calloc((size_t)count, sizeof *p->objs);
	p->off = calloc((size_t)count, sizeof *p->off);
	p->idx = calloc((size_t)count, sizeof *p->idx);
	p->map = calloc((size_t)count, sizeof *p->map);
	if (p->objs == NULL || p->off == NULL || p->idx == NULL || p->map == NULL)
		return oom(err);
	for (k = 0; k < count; k++, i += 20) {
		/* "oooooooooo ggggg n\r\n" or "... n \n": twenty bytes an entry */
		size_t j = i, o;
		int g;
		if (i + 20 > n || !read_size(s, n, &j, &o) || s[j++] != ' ' ||
		    !read_uint(s, n, &j, &g) || s[j++] != ' ' || (s[j] != 'n' && s[j] != 'f'))
			return fail(err, "a part's cross-reference entry is malformed");
		if (s[j] == 'f')
			continue;
		j = o;
		if (k == 0 || g != 0 || j >= p->xref || !read_uint(s, p->xref, &j, &v) || v != k)
			return fail(err, "a part's object is not where its table says");
		p->off[k] = o;
		p->objs[p->nobjs].at = o;
		p->objs[p->nobjs++].num = k;
	}
	qsort(p->objs, (size_t)p->nobjs, sizeof *p->objs, by_offset);
	for (k = 0; k < p->nobjs; k++)
		p->idx[p->objs[k].num] = k;
	skip_space(s, n, &i);
	if (i + 7 > n || memcmp(s + i, "trailer", 7) != 0)
		return fail(err, "a part has no trailer");
	if (memmem(s + i, n - i, "/Prev", 5) || memmem(s + i, n - i, "/Encrypt", 8))
		return fail(err, "a part was updated or is encrypted");
	p->root = key_uint(s + i, n - i, "/Root");
	p->info = key_uint(s + i, n - i, "/Info");
	if (p->root <= 0 || p->root >= count || !p->off[p->root] ||
	    p->info < 0 || p->info >= count || (p->info && !p->off[p->info]))
		return fail(err, "a part's trailer names no catalog");
	return TK_OK;
}

int tk_pdfcat_new(struct tk_buf *out, struct tk_pdfcat **cp, struct tk_error *err)
{
	struct tk_pdfcat *c = calloc(1, sizeof *c);

	*cp = NULL;
	if (c == NULL)
		return oom(err);
	c->out = out;
	c->base = out->len;
	c->nobj = 1;            /* the page tree, written last */
	c->info = (struct tk_buf)TK_BUF_INIT;
	/* cairo's header: the version, and a comment of binary bytes */
	tk_buf_puts(out, "%PDF-1.5\n%\xb5\xed\xae\xfb\n");
	*cp = c;
	return TK_OK;
}

static int note_offset(struct tk_pdfcat *c, int num)
{
	if (num >= c->capobj) {
		int cap = c->capobj ? 2 * c->capobj : 1024;
		size_t *v;
		while (cap <= num)
			cap *= 2;
		if ((v = realloc(c->off, (size_t)cap * sizeof *v)) == NULL)
			return 0;
		memset(v + c->capobj, 0, (size_t)(cap - c->capobj) * sizeof *v);
		c->off = v;
		c->capobj = cap;
	}
	c->off[num] = c->out->len - c->base;
	return 1;
}

int tk_pdfcat_add(struct tk_pdfcat *c, const char *pdf, size_t len, struct tk_error *err)
{
	struct part p = {0};
	struct scan sc = {0};
	const char *b;
	size_t blen;
	int k, rc;

	p.s = pdf;
	p.len = len;
	if ((rc = part_read(&p, err)) != TK_OK)
		goto out;
	/* the catalog names the page tree and nothing else */
	if ((b = body_of(&p, p.root, &blen)) == NULL) {
		rc = fail(err, "a part's catalog is missing");
		goto out;
	}
	scan(b, blen, &sc);
	if (strcmp(sc.type, "Catalog") || sc.others || sc.nrefs != 1 || sc.refs[0] <= 0 ||
	    sc.refs[0] >= p.size || !p.off[sc.refs[0]]) {
		rc = fail(err, "a part's catalog holds more than its pages");
		goto out;
	}
	p.pages = sc.refs[0];
	scan_free(&sc);
	memset(&sc, 0, sizeof sc);
	/* one flat page tree: its kids are the pages */
	if ((b = body_of(&p, p.pages, &blen)) == NULL) {
		rc = fail(err, "a part's page tree is missing");
		goto out;
	}
	scan(b, blen, &sc);
	if (strcmp(sc.type, "Pages") || sc.others || sc.oom) {
		rc = sc.oom ? oom(err) : fail(err, "a part's page tree is not a plain list of pages");
		goto out;
	}
	/* new numbers, in the part's own order; the page tree is the joined one */
	for (k = 0; k < p.nobjs; k++) {
		int num = p.objs[k].num;
		if (num == p.root || num == p.info)
			continue;
		p.map[num] = num == p.pages ? 1 : ++c->nobj;
	}
	for (k = 0; k < sc.nrefs; k++) {
		int kid = sc.refs[k];
		size_t klen;
		const char *kb;
		struct scan ks = {0};
		if (kid <= 0 || kid >= p.size || p.map[kid] <= 1 ||
		    (kb = body_of(&p, kid, &klen)) == NULL) {
			rc = fail(err, "a part's page tree names a page it does not hold");
			goto out;
		}
		scan(kb, klen, &ks);
		scan_free(&ks);
		if (strcmp(ks.type, "Page")) {
			rc = fail(err, "a part's page tree is not a plain list of pages");
			goto out;
		}
		if (c->nkids == c->capkids) {
			int cap = c->capkids ? 2 * c->capkids : 256;
			int *v = realloc(c->kids, (size_t)cap * sizeof *v);
			if (v == NULL) {
				rc = oom(err);
				goto out;
			}
			c->kids = v;
			c->capkids = cap;
		}
		c->kids[c->nkids++] = p.map[kid];
	}
	/* the objects, renumbered; a stream's bytes as they are */
	for (k = 0; k < p.nobjs; k++) {
		int num = p.objs[k].num;
		struct scan w = {0};
		size_t at;
		if (p.map[num] <= 1)
			continue;
		if ((b = body(&p, k, &blen)) == NULL) {
			rc = fail(err, "a part's object is malformed");
			goto out;
		}
		w.map = p.map;
		w.size = p.size;
		if (!note_offset(c, p.map[num])) {
			rc = oom(err);
			goto out;
		}
		tk_buf_printf(c->out, "%d 0 obj", p.map[num]);
		w.out = c->out;
		at = scan(b, blen, &w);
		scan_free(&w);
		if (w.bad) {
			rc = fail(err, "a part refers to an object it does not hold");
			goto out;
		}
		if (at < blen)
			tk_buf_add(c->out, b + at, blen - at);
	}
	/* the document information of the first part, kept for the end as
	   cairo writes it */
	if (c->parts == 0 && p.info && (b = body_of(&p, p.info, &blen)) != NULL) {
		struct scan w = {0};
		w.map = p.map;
		w.size = p.size;
		w.out = &c->info;
		scan(b, blen, &w);
		scan_free(&w);
		if (w.bad) {
			rc = fail(err, "a part refers to an object it does not hold");
			goto out;
		}
	}
	c->parts++;
	rc = c->out->oom || c->info.oom ? oom(err) : TK_OK;
out:
	scan_free(&sc);
	part_free(&p);
	return rc;
}

int tk_pdfcat_finish(struct tk_pdfcat *c, struct tk_error *err)
{
	struct tk_buf *o = c->out;
	int k, info = 0, root;
	size_t xref;

	if (c->parts == 0)
		return fail(err, "no part was given");
	if (!note_offset(c, 1))
		return oom(err);
	tk_buf_puts(o, "1 0 obj\n<< /Type /Pages\n   /Kids [");
	for (k = 0; k < c->nkids; k++)
		tk_buf_printf(o, " %d 0 R", c->kids[k]);
	tk_buf_printf(o, " ]\n   /Count %d\n>>\nendobj\n", c->nkids);
	if (c->info.len) {
		info = ++c->nobj;
		if (!note_offset(c, info))
			return oom(err);
		tk_buf_printf(o, "%d 0 obj", info);
		tk_buf_add(o, c->info.s, c->info.len);
	}
	root = ++c->nobj;
	if (!note_offset(c, root))
		return oom(err);
	tk_buf_printf(o, "%d 0 obj\n<< /Type /Catalog\n   /Pages 1 0 R\n>>\nendobj\n", root);
	xref = o->len - c->base;
	tk_buf_printf(o, "xref\n0 %d\n0000000000 65535 f \n", c->nobj + 1);
	for (k = 1; k <= c->nobj; k++)
		tk_buf_printf(o, "%010zu 00000 n \n", c->off[k]);
	tk_buf_printf(o, "trailer\n<< /Size %d\n   /Root %d 0 R\n", c->nobj + 1, root);
	if (info)
		tk_buf_printf(o, "   /Info %d 0 R\n", info);
	tk_buf_printf(o, ">>\nstartxref\n%zu\n%%%%EOF\n", xref);
	return o->oom ? oom(err) : TK_OK;
}

void tk_pdfcat_free(struct tk_pdfcat *c)
{
	if (c == NULL)
		return;
	free(c->off);
	free(c->kids);
	tk_buf_free(&c->info);
	free(c);
}
