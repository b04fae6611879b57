/*
 * csv.c -- items from the CSV layout of Chinese exam systems, and the
 * character set such files come in (UTF-8, or GB18030 as Excel writes
 * "CSV" in China).  Each record goes to the table layout (table.c).
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
#include "table.h"

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

static int blank_record(const struct record *rec)
{
	return tk_table_blank(rec->f, rec->n);
}

int tk_csv_parse(const char *data, size_t len, const char *name,
		 const struct tk_import_defaults *def, struct tk_itemset *set,
		 struct tk_diags *diags, struct tk_error *err)
{
	struct tk_diags mine = TK_DIAGS_INIT;
	struct record rec = {TK_BUF_INIT, NULL, NULL, 0, 0, 0, 0};
	struct tk_table *t = NULL;
	struct csv c;
	int row = 0, got, header = 1;
	char where[32];
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
	if ((t = tk_table_new(name, 0, "csv", def, set, &mine)) == NULL)
		goto oom;

	/* the header is the first record that is not blank; blank rows
	   after it are skipped but still count as rows */
	while ((got = csv_next(&c, &rec)) > 0) {
		row++;
		if (!rec.open_quote && blank_record(&rec))
			continue;
		if (header && rec.open_quote) {
			tk_diags_add(&mine, TK_DIAG_ERROR, name, rec.open_quote,
				     "header row: unterminated quoted field");
			break;
		}
		if (header && c.stray) {
			tk_diags_add(&mine, TK_DIAG_ERROR, name, c.stray,
				     "header row, field %d: text after the closing quote", c.stray_field);
			break;
		}
		if (rec.open_quote) {
			tk_diags_add(&mine, TK_DIAG_ERROR, name, rec.open_quote,
				     "row %d: unterminated quoted field: its \" is never closed", row);
			continue;
		}
		if (c.stray) {
			tk_diags_add(&mine, TK_DIAG_ERROR, name, c.stray,
				     "row %d, field %d: text after the closing quote; quote the whole "
				     "field, doubling quotes inside it (\"a \"\"b\"\" c\")", row,
				     c.stray_field);
			continue;
		}
		header = 0;
		snprintf(where, sizeof where, "row %d", row);
		rc = tk_table_add(t, rec.f, rec.n, where, rec.line, rec.line);
		if (rc == TK_EINTERNAL)
			goto oom;
		if (rc != TK_OK) {
			rc = TK_OK;
			break;
		}
	}
	if (got < 0)
		goto oom;
	if (mine.nerrors == 0 || !header)
		tk_table_end(t);
	goto out;
oom:
	rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
out:
	tk_table_free(t);
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
