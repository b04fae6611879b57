/* fts.c -- an FTS5 tokenizer with Han unigrams and bigrams. */
#include <stdlib.h>
#include <string.h>

#include "fts.h"
#include "util.h"

/* Fold full-width ASCII (U+FF01..FF5E) and case; 0 for separators. */
static uint32_t fold(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0;
	if (cp >= 'A' && cp <= 'Z')
		cp += 32;
	return cp;
}

static int is_word(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
	       (cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7);
}

struct tok {
	int dummy;
};

static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)ctx;
	(void)argv;
	(void)argc;
	*out = (Fts5Tokenizer *)malloc(sizeof(struct tok));
	return *out ? SQLITE_OK : SQLITE_NOMEM;
}

static void tok_delete(Fts5Tokenizer *t)
{
	free(t);
}

typedef int (*emit_fn)(void *, int, const char *, int, int, int);

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags,
			const char *text, int ntext, emit_fn emit)
{
	const unsigned char *s = (const unsigned char *)text;
	int i = 0, rc = SQLITE_OK;
	int query = (flags & FTS5_TOKENIZE_QUERY) != 0;
	char word[256];

	(void)t;
	while (i < ntext && rc == SQLITE_OK) {
		uint32_t cp, c2;
		int k = tk_utf8_decode(s + i, (size_t)(ntext - i), &cp), k2;

		if (k == 0) {   /* invalid byte: skip it */
			i++;
			continue;
		}
		if (tk_is_han(cp)) {
			/* a query token is one unigram or bigram (see
			   tk_fts_query); a document gives both for each character */
			k2 = tk_utf8_decode(s + i + k, (size_t)(ntext - i - k), &c2);
			if (!query || !(k2 > 0 && tk_is_han(c2)))
				rc = emit(ctx, 0, text + i, k, i, i + k);
			if (rc == SQLITE_OK && k2 > 0 && tk_is_han(c2))
				rc = emit(ctx, 0, text + i, k + k2, i, i + k + k2);
			if (query && k2 > 0 && tk_is_han(c2))
				i += k2;
			i += k;
		} else if (is_word(fold(cp))) {
			int start = i, n = 0;
			while (i < ntext) {
				k = tk_utf8_decode(s + i, (size_t)(ntext - i), &cp);
				if (k == 0 || !is_word(fold(cp)) || tk_is_han(cp))
					break;
				cp = fold(cp);
				/* a folded character is ASCII or keeps its length */
				if (n + k < (int)sizeof word) {
					if (cp < 0x80)
						word[n++] = (char)cp;
					else {
						memcpy(word + n, text + i, (size_t)k);
						n += k;
					}
				}
				i += k;
			}
			rc = emit(ctx, 0, word, n, start, i);
		} else {
			i += k;
		}
	}
	return rc;
}

int tk_fts_register(fts5_api *api)
{
	static fts5_tokenizer tk = {tok_create, tok_delete, tok_tokenize};

	if (api == NULL)
		return SQLITE_ERROR;
	return api->xCreateTokenizer(api, "tiku", NULL, &tk, NULL);
}

/* Append one quoted token for the MATCH expression. */
static void add_token(struct tk_buf *b, const char *s, size_t n, int *terms)
{
	size_t i;

	if ((*terms)++)
		tk_buf_puts(b, " AND ");
	tk_buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			tk_buf_putc(b, '"');
		tk_buf_putc(b, s[i]);
	}
	tk_buf_putc(b, '"');
}

/*
 * The terms a text is searched by, as the tokenizer makes them: in a run
 * of Han characters each pair (a run of one: the character), and each
 * word of letters and digits; term() gets each (word: 1 for a word), and
 * run(), when given, each Han run of three or more.
 */
struct sink {
	void (*term)(struct sink *k, const char *s, size_t n, int word);
	void (*run)(struct sink *k, const char *s, size_t n);
};

static void walk_terms(const char *text, struct sink *k)
{
	const unsigned char *s = (const unsigned char *)(text ? text : "");
	size_t n = strlen((const char *)s), i = 0;

	while (i < n) {
		uint32_t cp;
		int len = tk_utf8_decode(s + i, n - i, &cp);

		if (len == 0) {
			i++;
		} else if (tk_is_han(cp)) {
			size_t start = i, prev = i, chars = 0;
			while (i < n) {
				len = tk_utf8_decode(s + i, n - i, &cp);
				if (len == 0 || !tk_is_han(cp))
					break;
				if (chars++ > 0)
					k->term(k, (const char *)s + prev, i + (size_t)len - prev, 0);
				prev = i;
				i += (size_t)len;
			}
			if (chars == 1)
				k->term(k, (const char *)s + start, i - start, 0);
			if (chars >= 3 && k->run)
				k->run(k, (const char *)s + start, i - start);
		} else if (is_word(fold(cp))) {
			size_t start = i;
			while (i < n) {
				len = tk_utf8_decode(s + i, n - i, &cp);
				if (len == 0 || tk_is_han(cp) || !is_word(fold(cp)))
					break;
				i += (size_t)len;
			}
			k->term(k, (const char *)s + start, i - start, 1);
		} else {
			i += (size_t)len;
		}
	}
}

struct query_sink {
	struct sink k;
	struct tk_buf b, *runs;
	int terms;
};

static void query_term(struct sink *k, const char *s, size_t n, int word)
{
	struct query_sink *q = (struct query_sink *)k;

	(void)word;
	add_token(&q->b, s, n, &q->terms);
}

static void query_run(struct sink *k, const char *s, size_t n)
{
	struct query_sink *q = (struct query_sink *)k;

	tk_buf_add(q->runs, s, n);
	tk_buf_putc(q->runs, '\0');
}

char *tk_fts_query(const char *text, struct tk_buf *runs)
{
	struct query_sink q = {{query_term, query_run}, TK_BUF_INIT, runs, 0};

	walk_terms(text, &q.k);
	if (q.terms == 0 || q.b.oom) {
		tk_buf_free(&q.b);
		return NULL;
	}
	return tk_buf_detach(&q.b);
}

/* The terms of tk_fts_any, de-duplicated by a small open-addressing set. */
struct termset {
	uint64_t *h;
	size_t cap, n;
};

static int termset_add(struct termset *t, const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i, at;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	h |= 1;         /* 0 marks an empty slot */
	if ((t->n + 1) * 2 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256, k;
		uint64_t *v = calloc(cap, sizeof *v);
		if (v == NULL)
			return -1;
		for (k = 0; k < t->cap; k++)
			if (t->h[k]) {
				for (at = t->h[k] & (cap - 1); v[at]; at = (at + 1) & (cap - 1))
					;
				v[at] = t->h[k];
			}
		free(t->h);
		t->h = v;
		t->cap = cap;
	}
	for (at = h & (t->cap - 1); t->h[at]; at = (at + 1) & (t->cap - 1))
		if (t->h[at] == h)
			return 0;
	t->h[at] = h;
	t->n++;
	return 1;
}

static void add_any(struct tk_buf *b, struct termset *seen, const char *s, size_t n,
		    int *terms, int max)
{
	size_t i;
	int r;

	if (max > 0 && *terms >= max)
		return;
	if ((r = termset_add(seen, s, n)) < 0)
		b->oom = 1;
	if (r != 1)
		return;
	if ((*terms)++)
		tk_buf_puts(b, " OR ");
	tk_buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			tk_buf_putc(b, '"');
		tk_buf_putc(b, s[i]);
	}
	tk_buf_putc(b, '"');
}

struct any_sink {
	struct sink k;
	struct tk_buf b;
	struct termset seen;
	int terms, max;
};

static void any_term(struct sink *k, const char *s, size_t n, int word)
{
	struct any_sink *a = (struct any_sink *)k;
	char folded[256];
	size_t m = 0, i = 0;

	if (!word) {
		add_any(&a->b, &a->seen, s, n, &a->terms, a->max);
		return;
	}
	/* folded as the tokenizer folds it, so that AB and ab are one term */
	while (i < n) {
		uint32_t cp;
		int len = tk_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (len == 0)
			break;
		cp = fold(cp);
		if (m + (size_t)len < sizeof folded) {
			if (cp < 0x80)
				folded[m++] = (char)cp;
			else {
				memcpy(folded + m, s + i, (size_t)len);
				m += (size_t)len;
			}
		}
		i += (size_t)len;
	}
	add_any(&a->b, &a->seen, folded, m, &a->terms, a->max);
}

char *tk_fts_any(const char *text, int max)
{
	struct any_sink a = {{any_term, NULL}, TK_BUF_INIT, {NULL, 0, 0}, 0, max};

	walk_terms(text, &a.k);
	free(a.seen.h);
	if (a.terms == 0 || a.b.oom) {
		tk_buf_free(&a.b);
		return NULL;
	}
	return tk_buf_detach(&a.b);
}
