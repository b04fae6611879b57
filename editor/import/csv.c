/*
 * csv.c -- items from the CSV layout of Chinese exam systems, and the
 * character set such files come in (UTF-8, or GB18030 as Excel writes
 * "CSV" in China).  Each row's fields become an item through row.c.
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "importer.h"
#include "row.h"
#include "standard.h"

/* ---- character sets ------------------------------------------------ */

/* The line of the byte at off: lines end at LF, CR LF or a lone CR. */
static int line_at(const char *data, size_t off)
{
	int line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (data[i] == '\n' || (data[i] == '\r' && data[i + 1] != '\n'))
			line++;
	return line;
}

/*
 * How many multi-byte UTF-8 sequences precede off.  GBK text breaks
 * UTF-8 within its first two or three characters, so a file with more
 * than a few good sequences before its first bad byte is UTF-8 that has
 * been damaged, and converting it from GB18030 would only make mojibake.
 */
static int utf8_sequences(const char *data, size_t off)
{
	const unsigned char *u = (const unsigned char *)data;
	size_t i = 0;
	int n = 0;

	while (i < off) {
		uint32_t cp;
		int k = tk_utf8_decode(u + i, off - i, &cp);
		if (k == 0)
			break;
		n += k > 1;
		i += (size_t)k;
	}
	return n;
}

/*
 * Convert GB18030 to UTF-8 with iconv.  Returns TK_OK with *out (caller
 * frees), TK_EINPUT with *bad the offset of the first byte that is not
 * GB18030, or TK_EINTERNAL.
 */
static int gb_convert(const char *in, size_t len, char **out, size_t *outlen,
		      size_t *bad)
{
	iconv_t cd;
	char *buf, *ip = (char *)in, *op;
	size_t cap = len * 2 + 16, il = len, ol;
	int rc = TK_OK;

	*out = NULL;
	*outlen = 0;
	cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return TK_EINTERNAL;
	buf = malloc(cap);
	if (buf == NULL) {
		iconv_close(cd);
		return TK_EINTERNAL;
	}
	op = buf;
	ol = cap - 1;
	while (il > 0) {
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			break;
		if (errno == E2BIG) {
			size_t used = (size_t)(op - buf);
			char *p = realloc(buf, cap * 2);
			if (p == NULL) {
				rc = TK_EINTERNAL;
				goto out;
			}
			buf = p;
			cap *= 2;
			op = buf + used;
			ol = cap - 1 - used;
			continue;
		}
		/* EILSEQ, or EINVAL for a sequence cut short by the end */
		*bad = (size_t)(ip - in);
		rc = TK_EINPUT;
		goto out;
	}
	*op = '\0';
	*outlen = (size_t)(op - buf);
	*out = buf;
	buf = NULL;
out:
	free(buf);
	iconv_close(cd);
	return rc;
}

static int copy_out(const char *data, size_t len, char **out, size_t *outlen)
{
	*out = malloc(len + 1);
	if (*out == NULL)
		return 0;
	memcpy(*out, data, len);
	(*out)[len] = '\0';
	*outlen = len;
	return 1;
}

static int convert_fail(char **out, size_t *outlen)
{
	free(*out);
	*out = NULL;
	*outlen = 0;
	return TK_EINPUT;
}

int tk_to_utf8(const char *data, size_t len, const char *encoding,
	       const char *name, char **out, size_t *outlen,
	       struct tk_error *err)
{
	enum { DETECT, UTF8, GB } mode;
	const unsigned char *u = (const unsigned char *)data;
	const char *nul;
	size_t bad = 0, gbad = 0;
	int rc;

	*out = NULL;
	*outlen = 0;
	if (encoding == NULL)
		mode = DETECT;
	else if (!strcasecmp(encoding, "utf-8") || !strcasecmp(encoding, "utf8"))
		mode = UTF8;
	else if (!strcasecmp(encoding, "gb18030") || !strcasecmp(encoding, "gbk") ||
		 !strcasecmp(encoding, "gb2312") || !strcasecmp(encoding, "cp936"))
		mode = GB;
	else
		return tk_error_set(err, TK_EUSAGE, NULL, 0,
				    "unknown encoding '%s' (utf-8, gb18030 or gbk)",
				    encoding);

	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return tk_error_set(err, TK_EINPUT, name, 1,
				    "UTF-16 is not supported: save as CSV UTF-8");
	/* every reader after this one works on C strings */
	nul = memchr(data, '\0', len);
	if (nul != NULL)
		return tk_error_set(err, TK_EINPUT, name,
				    line_at(data, (size_t)(nul - data)),
				    "NUL byte: not a text file (UTF-16 without a BOM?): "
				    "save as CSV UTF-8");

	if (mode != GB) {
		if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
			data += 3;
			len -= 3;
		}
		if (tk_utf8_valid(data, len, &bad)) {
			if (!copy_out(data, len, out, outlen))
				return tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
			return TK_OK;
		}
	}

	rc = gb_convert(data, len, out, outlen, &gbad);
	if (rc == TK_EINTERNAL)
		return tk_error_set(err, TK_EINTERNAL, name, 0,
				    "cannot convert from GB18030: %s", strerror(errno));
	if (mode == UTF8) {
		convert_fail(out, outlen);
		return tk_error_set(err, TK_EINPUT, name, line_at(data, bad),
				    "not valid UTF-8: bad byte 0x%02X%s",
				    (unsigned char)data[bad], rc == TK_OK ?
				    "; the file reads as GB18030: try --encoding gb18030" : "");
	}
	if (mode == GB && rc != TK_OK)
		return tk_error_set(err, TK_EINPUT, name, line_at(data, gbad),
				    "not valid GB18030: bad byte 0x%02X",
				    (unsigned char)data[gbad]);
	if (rc != TK_OK) {
		/* the first byte that neither reading gets past, unless the
		   file is plainly UTF-8 up to its bad byte */
		if (gbad > bad && utf8_sequences(data, bad) < 4)
			bad = gbad;
		return tk_error_set(err, TK_EINPUT, name, line_at(data, bad),
				    "neither UTF-8 nor GB18030: bad byte at line %d",
				    line_at(data, bad));
	}
	if (mode == DETECT && utf8_sequences(data, bad) >= 4) {
		/* it did read as GB18030, but as mojibake */
		convert_fail(out, outlen);
		return tk_error_set(err, TK_EINPUT, name, line_at(data, bad),
				    "not valid UTF-8: bad byte 0x%02X in a file that is "
				    "UTF-8 before it (--encoding gb18030 if it is GBK)",
				    (unsigned char)data[bad]);
	}
	/* GB18030 has a BOM of its own, which arrives as U+FEFF */
	if (*outlen >= 3 && !memcmp(*out, "\xEF\xBB\xBF", 3)) {
		memmove(*out, *out + 3, *outlen - 2);
		*outlen -= 3;
	}
	return TK_OK;
}

/* ---- CSV ----------------------------------------------------------- */

enum {
	COL_NONE = -1, COL_TYPE, COL_STEM, COL_OPT, COL_OPT_F = COL_OPT + 5,
	COL_ANSWER, COL_EXPL, COL_DIFF, COL_CODES, COL_POINTS, COL_ID,
	COL_LEVEL, COL_KIND, COL_STATUS, COL_TIME, COL_KEYWORDS, COL_AUTHOR,
	COL_N
};

/* Column names; where two columns give one field the lower rank wins. */
static const struct { const char *name; int col; int rank; } headers[] = {
	{"题型", COL_TYPE, 0},
	{"题干", COL_STEM, 0}, {"试题内容", COL_STEM, 0}, {"题目", COL_STEM, 0},
	{"选项A", COL_OPT + 0, 0}, {"选项B", COL_OPT + 1, 0}, {"选项C", COL_OPT + 2, 0},
	{"选项D", COL_OPT + 3, 0}, {"选项E", COL_OPT + 4, 0}, {"选项F", COL_OPT + 5, 0},
	{"A", COL_OPT + 0, 0}, {"B", COL_OPT + 1, 0}, {"C", COL_OPT + 2, 0},
	{"D", COL_OPT + 3, 0}, {"E", COL_OPT + 4, 0}, {"F", COL_OPT + 5, 0},
	{"答案", COL_ANSWER, 0}, {"正确答案", COL_ANSWER, 0},
	{"解析", COL_EXPL, 0}, {"答案解析", COL_EXPL, 0}, {"试题解析", COL_EXPL, 0},
	{"难度", COL_DIFF, 0},
	/* 知识点 often holds the name of the knowledge line, not its code */
	{"知识点代码", COL_CODES, 0}, {"代码", COL_CODES, 1},
	{"知识点/代码", COL_CODES, 2}, {"知识点", COL_CODES, 3},
	{"分值", COL_POINTS, 0},
	{"编号", COL_ID, 0}, {"试题编号", COL_ID, 0}, {"ID", COL_ID, 0},
	{"等级", COL_LEVEL, 0}, {"级别", COL_LEVEL, 0},
	{"类别", COL_KIND, 0}, {"试卷类型", COL_KIND, 0}, {"考试类型", COL_KIND, 0},
	{"状态", COL_STATUS, 0},
	{"用时", COL_TIME, 0}, {"预计用时", COL_TIME, 0},
	{"关键词", COL_KEYWORDS, 0},
	{"作者", COL_AUTHOR, 0},
};

struct csv {
	const char *p, *end;
	int line;               /* of *p */
	int stray, stray_field; /* the last record's text after a closing quote: line, field */
};

/* One record: fields trimmed, each NUL-terminated in text. */
struct record {
	struct tk_buf text;
	size_t *off;
	char **f;
	int n, cap;
	int line;               /* where the record starts */
	int open_quote;         /* > 0: the line of a quote never closed */
};

static void record_free(struct record *r)
{
	tk_buf_free(&r->text);
	free(r->off);
	free(r->f);
}

/* Room for one more field offset; 0 when out of memory. */
static int grow(struct record *r)
{
	int cap = r->cap ? r->cap * 2 : 32;
	size_t *o;

	if (r->n < r->cap)
		return 1;
	o = realloc(r->off, (size_t)cap * sizeof *o);
	if (o == NULL)
		return 0;
	r->off = o;
	r->cap = cap;
	return 1;
}

/* Step over a line end at c->p (LF, CR LF or CR). */
static void newline(struct csv *c)
{
	if (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n')
		c->p++;
	c->p++;
	c->line++;
}

/*
 * Read the next record (RFC 4180).  Quoted fields may hold commas, ""
 * and line ends (kept as "\n").  Returns 1, 0 at the end, -1 when out of
 * memory.
 */
static int csv_next(struct csv *c, struct record *r)
{
	int i;

	if (c->p >= c->end)
		return 0;
	tk_buf_reset(&r->text);
	r->n = 0;
	r->line = c->line;
	r->open_quote = 0;
	c->stray = c->stray_field = 0;
	for (;;) {
		const char *q = c->p, *run;

		if (!grow(r))
			return -1;
		r->off[r->n] = r->text.len;
		/* spaces before an opening quote are layout (a, "b") */
		while (q < c->end && (*q == ' ' || *q == '\t'))
			q++;
		if (q < c->end && *q == '"') {
			int qline = c->line;
			const char *after;
			c->p = q + 1;
			for (;;) {
				run = c->p;
				while (c->p < c->end && *c->p != '"' && *c->p != '\r' && *c->p != '\n')
					c->p++;
				tk_buf_add(&r->text, run, (size_t)(c->p - run));
				if (c->p >= c->end) {
					r->open_quote = qline;
					break;
				}
				if (*c->p == '"') {
					if (c->p + 1 < c->end && c->p[1] == '"') {
						tk_buf_putc(&r->text, '"');
						c->p += 2;
						continue;
					}
					c->p++;
					break;
				}
				tk_buf_putc(&r->text, '\n');
				newline(c);
			}
			/* "题干"garbage: RFC 4180 has nothing after the closing quote
			   but the separator; Excel would glue it on, silently */
			for (after = c->p; after < c->end && (*after == ' ' || *after == '\t'); after++)
				;
			if (!r->open_quote && !c->stray && after < c->end && *after != ',' &&
			    *after != '\r' && *after != '\n') {
				c->stray = c->line;
				c->stray_field = r->n + 1;
			}
		}
		/* unquoted text, or what follows a closing quote (refused above) */
		run = c->p;
		while (c->p < c->end && *c->p != ',' && *c->p != '\r' && *c->p != '\n')
			c->p++;
		tk_buf_add(&r->text, run, (size_t)(c->p - run));
		tk_buf_putc(&r->text, '\0');
		r->n++;
		if (c->p >= c->end)
			break;
		if (*c->p == ',') {
			c->p++;
			continue;
		}
		newline(c);
		break;
	}
	if (r->text.oom)
		return -1;
	free(r->f);
	r->f = malloc((size_t)r->n * sizeof *r->f);
	if (r->f == NULL)
		return -1;
	for (i = 0; i < r->n; i++)
		r->f[i] = tk_trim(r->text.s + r->off[i]);
	return 1;
}

/* Normalise a header cell: trimmed, full-width folded, without a trailing ：or :. */
static char *header_name(const char *cell)
{
	char *h = tk_import_fold_width(cell);
	size_t n;

	if (h == NULL)
		return NULL;
	n = strlen(h);
	if (n > 0 && h[n - 1] == ':')       /* ： was folded to : */
		h[n - 1] = '\0';
	return tk_trim(h);
}

/*
 * Map the header's columns to fields (col[field] = column index or -1).
 * Returns 1, 0 when the header lacks a column every row needs (an error
 * is in d), -1 when out of memory.
 */
static int read_header(const struct record *rec, int col[COL_N], const char *name,
		       struct tk_diags *d)
{
	struct tk_buf unknown = TK_BUF_INIT, missing = TK_BUF_INIT;
	int rank[COL_N], i, ok = 1;
	char cb[64];

	for (i = 0; i < COL_N; i++) {
		col[i] = -1;
		rank[i] = 99;
	}
	for (i = 0; i < rec->n; i++) {
		char *h = header_name(rec->f[i]);
		size_t j;
		int cl = COL_NONE, rk = 0;

		if (h == NULL) {
			ok = -1;
			break;
		}
		for (j = 0; j < sizeof headers / sizeof headers[0]; j++)
			if (!strcasecmp(h, headers[j].name)) {
				cl = headers[j].col;
				rk = headers[j].rank;
				break;
			}
		if (cl == COL_NONE && h[0]) {
			tk_buf_printf(&unknown, "%s'%s'", unknown.len ? ", " : "",
				      tk_import_clip(h, cb, sizeof cb));
		} else if (cl != COL_NONE && col[cl] >= 0 && rk >= rank[cl]) {
			tk_diags_add(d, TK_DIAG_WARNING, name, rec->line,
				     "column %d '%s' ignored: column %d '%s' is used instead",
				     i + 1, h, col[cl] + 1, rec->f[col[cl]]);
		} else if (cl != COL_NONE) {
			if (col[cl] >= 0)
				tk_diags_add(d, TK_DIAG_WARNING, name, rec->line,
					     "column %d '%s' ignored: column %d '%s' is used instead",
					     col[cl] + 1, rec->f[col[cl]], i + 1, h);
			col[cl] = i;
			rank[cl] = rk;
		}
		free(h);
	}
	if (ok > 0 && unknown.len)
		tk_diags_add(d, TK_DIAG_WARNING, name, rec->line,
			     "unknown columns ignored: %s", tk_buf_str(&unknown));
	if (col[COL_TYPE] < 0)
		tk_buf_puts(&missing, "题型");
	if (col[COL_STEM] < 0)
		tk_buf_printf(&missing, "%s题干", missing.len ? ", " : "");
	if (col[COL_ANSWER] < 0)
		tk_buf_printf(&missing, "%s答案", missing.len ? ", " : "");
	if (missing.oom || unknown.oom)
		ok = -1;
	if (ok > 0 && missing.len) {
		/* Excel in some locales separates with ';', and a paste from
		   a sheet with tabs: either way the header is one field */
		int one = rec->n == 1 && strpbrk(rec->f[0], ";\t") != NULL;
		tk_diags_add(d, TK_DIAG_ERROR, name, rec->line,
			     "the header row has no %s column (it must name 题型, 题干 and 答案)%s",
			     missing.s, one ? ": the columns must be separated by commas" : "");
		ok = 0;
	}
	tk_buf_free(&unknown);
	tk_buf_free(&missing);
	return ok;
}

/*
 * Check one data row and add its item to set.  Returns TK_OK (also for
 * a bad row: it is in d) or TK_EINTERNAL.
 */
static int read_row(const struct record *rec, int row, const int col[COL_N],
		    int ncols, const char *name, const struct tk_import_defaults *def,
		    struct tk_itemset *set, size_t first, struct tk_diags *d)
{
	struct tk_import_row r;
	struct tk_buf why = TK_BUF_INIT;
	const char *v[COL_N];
	int i, extra = 0, rc;

	if (rec->open_quote) {
		tk_diags_add(d, TK_DIAG_ERROR, name, rec->open_quote,
			     "row %d: unterminated quoted field: its \" is never closed", row);
		return TK_OK;
	}
	memset(&r, 0, sizeof r);
	snprintf(r.where, sizeof r.where, "row %d", row);
	r.line = rec->line;
	r.type = -1;
	for (i = 0; i < COL_N; i++)
		v[i] = col[i] >= 0 && col[i] < rec->n ? rec->f[col[i]] : NULL;
	/* trailing empty fields are what spreadsheets write; data is not */
	for (i = ncols; i < rec->n; i++)
		extra |= rec->f[i][0] != '\0';
	if (extra)
		tk_import_problem(&why, "%d fields but the header names %d columns", rec->n, ncols);
	else if (rec->n < ncols && (!v[COL_TYPE] || !v[COL_STEM] || !v[COL_ANSWER]))
		tk_import_problem(&why, "only %d of the %d fields the header names", rec->n, ncols);
	r.type_text = v[COL_TYPE];
	r.stem = v[COL_STEM];
	for (i = 0; i < 6; i++)
		r.opt[i] = v[COL_OPT + i];
	r.answer = v[COL_ANSWER];
	r.explanation = v[COL_EXPL];
	r.difficulty = v[COL_DIFF];
	r.codes = v[COL_CODES];
	r.points = v[COL_POINTS];
	r.id = v[COL_ID];
	r.level = v[COL_LEVEL];
	r.kind = v[COL_KIND];
	r.status = v[COL_STATUS];
	r.time = v[COL_TIME];
	r.keywords = v[COL_KEYWORDS];
	r.author = v[COL_AUTHOR];
	r.problems = why.s;
	rc = why.oom ? TK_EINTERNAL :
		tk_import_row_item(&r, "csv", name, def, set, first, d);
	tk_buf_free(&why);
	return rc == TK_EINTERNAL ? rc : TK_OK;
}

static int blank_record(const struct record *rec)
{
	int i;

	for (i = 0; i < rec->n; i++)
		if (rec->f[i][0] != '\0')
			return 0;
	return 1;
}

int tk_csv_parse(const char *data, size_t len, const char *name,
		 const struct tk_import_defaults *def, struct tk_itemset *set,
		 struct tk_diags *diags, struct tk_error *err)
{
	struct tk_diags mine = TK_DIAGS_INIT;
	struct record rec = {TK_BUF_INIT, NULL, NULL, 0, 0, 0, 0};
	struct csv c;
	int col[COL_N], ncols, row = 0, got, ok;
	size_t first = set->n;
	int rc = TK_OK;

	rc = tk_import_row_defaults(def, err);
	if (rc != TK_OK)
		return rc;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	c.p = data;
	c.end = data + len;
	c.line = 1;

	/* the header: the first record that is not blank */
	while ((got = csv_next(&c, &rec)) > 0) {
		row++;
		if (!blank_record(&rec))
			break;
	}
	if (got < 0)
		goto oom;
	if (got == 0) {
		tk_diags_add(&mine, TK_DIAG_ERROR, name, 1, "no header row: the file is empty");
		goto out;
	}
	if (rec.open_quote) {
		tk_diags_add(&mine, TK_DIAG_ERROR, name, rec.open_quote,
			     "header row: unterminated quoted field");
		goto out;
	}
	if (c.stray) {
		tk_diags_add(&mine, TK_DIAG_ERROR, name, c.stray,
			     "header row, field %d: text after the closing quote", c.stray_field);
		goto out;
	}
	ok = read_header(&rec, col, name, &mine);
	if (ok < 0)
		goto oom;
	if (ok == 0)
		goto out;
	ncols = rec.n;

	/* the rows, blank ones skipped (they still count as rows) */
	while ((got = csv_next(&c, &rec)) > 0) {
		row++;
		if (!rec.open_quote && blank_record(&rec))
			continue;
		if (!rec.open_quote && c.stray) {
			tk_diags_add(&mine, TK_DIAG_ERROR, name, c.stray,
				     "row %d, field %d: text after the closing quote; quote the whole "
				     "field, doubling quotes inside it (\"a \"\"b\"\" c\")", row,
				     c.stray_field);
			continue;
		}
		if (read_row(&rec, row, col, ncols, name, def, set, first, &mine) != TK_OK)
			goto oom;
	}
	if (got < 0)
		goto oom;
	if (set->n == first && mine.nerrors == 0)     /* as the text reader */
		tk_diags_add(&mine, TK_DIAG_ERROR, name, 0, "no items in the file");
	goto out;
oom:
	rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
out:
	record_free(&rec);
	return tk_import_row_finish(rc, &mine, diags, err);
}

/* ---- records, for other tables (rosters) --------------------------- */

int tk_csv_records(const char *data, size_t len, const char *name,
		   int (*fn)(void *ud, char *const *f, int n, int line, struct tk_error *err),
		   void *ud, struct tk_error *err)
{
	struct record rec = {TK_BUF_INIT, NULL, NULL, 0, 0, 0, 0};
	struct csv c;
	int got, rc = TK_OK;

	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	c.p = data;
	c.end = data + len;
	c.line = 1;
	while (rc == TK_OK && (got = csv_next(&c, &rec)) > 0) {
		if (rec.open_quote)
			rc = tk_error_set(err, TK_EINPUT, name, rec.open_quote,
					  "a quoted field is never closed");
		else if (c.stray)
			rc = tk_error_set(err, TK_EINPUT, name, c.stray,
					  "field %d: text after the closing quote", c.stray_field);
		else if (!blank_record(&rec))
			rc = fn(ud, rec.f, rec.n, rec.line, err);
	}
	if (rc == TK_OK && got < 0)
		rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
	record_free(&rec);
	return rc;
}
