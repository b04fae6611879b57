/* textdiff.c -- character diffs of UTF-8 text (Myers' shortest edit script). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "textdiff.h"

/* A text cut into characters: code points, and where each begins. */
struct chars {
	uint32_t *cp;
	size_t *at;             /* n + 1 entries: the last is the length */
	size_t n;
};

static int split(const char *s, size_t len, struct chars *c)
{
	size_t i = 0;

	c->n = 0;
	c->cp = malloc((len + 1) * sizeof *c->cp);
	c->at = malloc((len + 1) * sizeof *c->at);
	if (c->cp == NULL || c->at == NULL)
		return 0;
	while (i < len) {
		uint32_t cp;
		int k = tk_utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (k == 0) {
			/* not UTF-8: the byte alone, kept apart from any code point */
			cp = 0x80000000u | (unsigned char)s[i];
			k = 1;
		}
		c->cp[c->n] = cp;
		c->at[c->n++] = i;
		i += (size_t)k;
	}
	c->at[c->n] = len;
	return 1;
}

static void chars_free(struct chars *c)
{
	free(c->cp);
	free(c->at);
}

/* Append a run of op over characters [from, to) of its text, merging with the last. */
static int add_run(struct tk_textdiff *d, size_t *cap, int op, const struct chars *c,
		   size_t from, size_t to)
{
	size_t off, len;

	if (from >= to)
		return 1;
	off = c->at[from];
	len = c->at[to] - off;
	if (op != TK_DIFF_SAME)
		d->changed += to - from;
	if (d->n && d->v[d->n - 1].op == op && d->v[d->n - 1].off + d->v[d->n - 1].len == off) {
		d->v[d->n - 1].len += len;
		return 1;
	}
	if (d->n == *cap) {
		size_t ncap = *cap ? 2 * *cap : 16;
		struct tk_diff_run *v = realloc(d->v, ncap * sizeof *v);
		if (v == NULL)
			return 0;
		d->v = v;
		*cap = ncap;
	}
	d->v[d->n].op = op;
	d->v[d->n].off = off;
	d->v[d->n].len = len;
	d->n++;
	return 1;
}

/*
 * The shortest edit script of a[0..n) into b[0..m), as one op per step
 * ('=' '-' '+') in order into ops (room for n + m).  Returns its length,
 * -1 when it needs more than maxd edits, -2 when out of memory.
 */
static long myers(const uint32_t *a, long n, const uint32_t *b, long m, long maxd, char *ops)
{
	long lim = n + m < maxd ? n + m : maxd, off = lim + 1, d, k, x, y, len = 0, i;
	long *v = calloc((size_t)(2 * lim + 3), sizeof *v);
	long **trace = calloc((size_t)lim + 1, sizeof *trace);
	long found = -1;

	if (v == NULL || trace == NULL) {
		free(v);
		free(trace);
		return -2;
	}
	for (d = 0; d <= lim && found < 0; d++) {
		for (k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];             /* down: one of b added */
			else
				x = v[off + k - 1] + 1;         /* right: one of a deleted */
			y = x - k;
			while (x < n && y < m && a[x] == b[y])
				x++, y++;
			v[off + k] = x;
			if (x >= n && y >= m) {
				found = d;
				break;
			}
		}
		/* the row as it stands after step d, for the walk back */
		if ((trace[d] = malloc((size_t)(2 * d + 1) * sizeof **trace)) == NULL) {
			found = -2;
			break;
		}
		memcpy(trace[d], v + off - d, (size_t)(2 * d + 1) * sizeof **trace);
	}
	if (found >= 0) {
		/* walk back from (n, m), writing the script from its end */
		x = n;
		y = m;
		len = n + m;
		for (d = found; d > 0; d--) {
			const long *pv = trace[d - 1] + (d - 1);    /* pv[k] for k in -(d-1)..d-1 */
			long pk, px, py;
			k = x - y;
			pk = (k == -d || (k != d && pv[k - 1] < pv[k + 1])) ? k + 1 : k - 1;
			px = pv[pk];
			py = px - pk;
			while (x > px && y > py) {
				ops[--len] = '=';
				x--, y--;
			}
			ops[--len] = x == px ? '+' : '-';
			if (x == px)
				y--;
			else
				x--;
		}
		while (x > 0 && y > 0) {
			ops[--len] = '=';
			x--, y--;
		}
		/* the script filled ops[len..n+m): move it to the front */
		memmove(ops, ops + len, (size_t)(n + m - len));
		len = n + m - len;
	}
	for (i = 0; i <= lim; i++)
		free(trace[i]);
	free(trace);
	free(v);
	return found >= 0 ? len : found;
}

int tk_textdiff(const char *a, size_t alen, const char *b, size_t blen,
		struct tk_textdiff *d)
{
	struct chars ca = {0}, cb = {0};
	size_t pre = 0, suf = 0, cap = 0, i, ia, ib;
	char *ops = NULL;
	long nops;
	int ok = 0;

	memset(d, 0, sizeof *d);
	if (!split(a, alen, &ca) || !split(b, blen, &cb))
		goto out;
	/* what both begin and end with is the same: only the middle is searched */
	while (pre < ca.n && pre < cb.n && ca.cp[pre] == cb.cp[pre])
		pre++;
	while (suf < ca.n - pre && suf < cb.n - pre &&
	       ca.cp[ca.n - 1 - suf] == cb.cp[cb.n - 1 - suf])
		suf++;
	if (!add_run(d, &cap, TK_DIFF_SAME, &ca, 0, pre))
		goto out;
	if ((ops = malloc(ca.n + cb.n - 2 * (pre + suf) + 1)) == NULL)
		goto out;
	nops = myers(ca.cp + pre, (long)(ca.n - pre - suf), cb.cp + pre,
		     (long)(cb.n - pre - suf), TK_TEXTDIFF_MAXD, ops);
	if (nops == -2)
		goto out;
	if (nops == -1) {
		/* too different to be worth the search: all of one for all of the other */
		if (!add_run(d, &cap, TK_DIFF_DEL, &ca, pre, ca.n - suf) ||
		    !add_run(d, &cap, TK_DIFF_ADD, &cb, pre, cb.n - suf))
			goto out;
	} else {
		/* each stretch between equal characters: its deletions, then its additions */
		ia = ib = pre;
		for (i = 0; i < (size_t)nops;) {
			size_t da = ia, db = ib;
			if (ops[i] == '=') {
				for (; i < (size_t)nops && ops[i] == '='; i++)
					ia++, ib++;
				if (!add_run(d, &cap, TK_DIFF_SAME, &ca, da, ia))
					goto out;
				continue;
			}
			for (; i < (size_t)nops && ops[i] != '='; i++) {
				if (ops[i] == '-')
					ia++;
				else
					ib++;
			}
			if (!add_run(d, &cap, TK_DIFF_DEL, &ca, da, ia) ||
			    !add_run(d, &cap, TK_DIFF_ADD, &cb, db, ib))
				goto out;
		}
	}
	if (!add_run(d, &cap, TK_DIFF_SAME, &ca, ca.n - suf, ca.n))
		goto out;
	ok = 1;
out:
	free(ops);
	chars_free(&ca);
	chars_free(&cb);
	if (!ok) {
		tk_textdiff_free(d);
		return TK_EINTERNAL;
	}
	return TK_OK;
}

void tk_textdiff_free(struct tk_textdiff *d)
{
	free(d->v);
	memset(d, 0, sizeof *d);
}

int tk_textdiff_mark(const char *a, const char *b, int colour, struct tk_buf *out)
{
	struct tk_textdiff d;
	size_t i;

	if (tk_textdiff(a, strlen(a), b, strlen(b), &d) != TK_OK)
		return 0;
	for (i = 0; i < d.n; i++) {
		const struct tk_diff_run *r = &d.v[i];
		if (r->op == TK_DIFF_SAME) {
			tk_buf_add(out, a + r->off, r->len);
			continue;
		}
		tk_buf_puts(out, r->op == TK_DIFF_DEL ? (colour ? "\033[31m" : "[-") :
			    (colour ? "\033[32m" : "{+"));
		tk_buf_add(out, (r->op == TK_DIFF_DEL ? a : b) + r->off, r->len);
		tk_buf_puts(out, colour ? "\033[m" : r->op == TK_DIFF_DEL ? "-]" : "+}");
	}
	tk_textdiff_free(&d);
	return !out->oom;
}
