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
			k2 = tk_utf8_decode(s + i + k, (size_t)(ntext - i - k), &c2);
			if (k2 > 0 && tk_is_han(c2)) {
				if (!query)
					rc = emit(ctx, 0, text + i, k, i, i + k);
				if (rc == SQLITE_OK)
					rc = emit(ctx, query ? 0 : FTS5_TOKEN_COLOCATED,
						  text + i, k + k2, i, i + k + k2);
			} else {
				/* the last character of a run: a unigram only,
				   unless a query run is longer than one, whose
				   last bigram already covers it */
				int prev_han = 0;
				if (query && i > 0) {
					int j = i - 1;
					uint32_t pc;
					while (j > 0 && (s[j] & 0xC0) == 0x80)
						j--;
					prev_han = tk_utf8_decode(s + j, (size_t)(i - j), &pc) &&
						   tk_is_han(pc);
				}
				if (!prev_han)
					rc = emit(ctx, 0, text + i, k, i, i + k);
			}
			i += k;
		} else if (is_word(fold(cp))) {
			int start = i, n = 0;
			while (i < ntext) {
				k = tk_utf8_decode(s + i, (size_t)(ntext - i), &cp);
				if (k == 0 || !is_word(fold(cp)) || tk_is_han(cp))
					break;
				cp = fold(cp);
				if (n + 4 < (int)sizeof word) {
					struct tk_buf b = TK_BUF_INIT;
					tk_buf_utf8(&b, cp);
					memcpy(word + n, b.s, b.len);
					n += (int)b.len;
					tk_buf_free(&b);
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

static fts5_api *get_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int tk_fts_register(sqlite3 *db)
{
	static fts5_tokenizer tk = {tok_create, tok_delete, tok_tokenize};
	fts5_api *api = get_api(db);

	if (api == NULL)
		return SQLITE_ERROR;
	return api->xCreateTokenizer(api, "tiku", NULL, &tk, NULL);
}

char *tk_fts_query(const char *text)
{
	struct tk_buf b = TK_BUF_INIT;
	const char *p = text;
	int terms = 0;

	while (p && *p) {
		const char *q;
		size_t n;
		int searchable = 0;
		const char *r;

		while (*p == ' ' || *p == '\t' || !strncmp(p, "\xE3\x80\x80", 3))
			p += *p == ' ' || *p == '\t' ? 1 : 3;
		q = p;
		while (*q && *q != ' ' && *q != '\t' && strncmp(q, "\xE3\x80\x80", 3))
			q++;
		n = (size_t)(q - p);
		for (r = p; r < q;) {
			uint32_t cp;
			int k = tk_utf8_decode((const unsigned char *)r, (size_t)(q - r), &cp);
			if (k == 0) {
				r++;
				continue;
			}
			if (tk_is_han(cp) || is_word(fold(cp)))
				searchable = 1;
			r += k;
		}
		if (searchable) {
			size_t i;
			if (terms++)
				tk_buf_puts(&b, " AND ");
			/* a quoted string: the tokenizer turns it into a phrase */
			tk_buf_putc(&b, '"');
			for (i = 0; i < n; i++) {
				if (p[i] == '"')
					tk_buf_putc(&b, '"');
				tk_buf_putc(&b, p[i]);
			}
			tk_buf_putc(&b, '"');
		}
		p = q;
	}
	if (terms == 0 || b.oom) {
		tk_buf_free(&b);
		return NULL;
	}
	return tk_buf_detach(&b);
}
