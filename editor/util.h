/*
 * util.h -- small pieces every module needs: a growable string buffer,
 * UTF-8 decoding, file slurping, SHA-256 hex digests, decimal points.
 *
 * The buffer follows SQLite's StrAccum: appends never fail loudly; an
 * allocation failure sets b->oom and later appends are ignored, so a long
 * sequence of appends is checked once at the end.
 */
#ifndef TK_UTIL_H
#define TK_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "tiku.h"

struct tk_buf {
	char *s;      /* NUL-terminated once anything was added; may be NULL */
	size_t len;
	size_t cap;
	int oom;
};

#define TK_BUF_INIT {NULL, 0, 0, 0}

void tk_buf_add(struct tk_buf *b, const char *s, size_t n);
void tk_buf_puts(struct tk_buf *b, const char *s);
void tk_buf_putc(struct tk_buf *b, char c);
void tk_buf_printf(struct tk_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void tk_buf_vprintf(struct tk_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Append s with &, <, > (and " when attr) escaped for XML. */
void tk_buf_xml(struct tk_buf *b, const char *s, int attr);
/* Empty the buffer, keeping its memory. */
void tk_buf_reset(struct tk_buf *b);
/* The contents, never NULL ("" when empty); valid until the next append. */
const char *tk_buf_str(const struct tk_buf *b);
/* Hand the string to the caller (who frees it with free()); b is emptied. */
char *tk_buf_detach(struct tk_buf *b);
void tk_buf_free(struct tk_buf *b);

/* strdup that accepts NULL (and returns NULL for it). */
char *tk_strdup(const char *s);

/*
 * Room for element n of the array v (n elements so far, each size bytes):
 * v itself, or v reallocated to twice its size when n is a power of two
 * (or zero).  NULL when out of memory, with *oom set; v is then intact.
 */
void *tk_grow(void *v, int n, size_t size, int *oom);

/*
 * Read a whole file.  On success *data (caller frees with free()) is
 * NUL-terminated and *len excludes the NUL.
 */
int tk_read_file(const char *path, char **data, size_t *len,
		 struct tk_error *err);

/*
 * Write data to path atomically: a temporary file beside it, fsync'd,
 * then renamed over path, so a failure never leaves half a file.
 * path "-" writes to standard output.
 */
int tk_write_file(const char *path, const char *data, size_t len,
		  struct tk_error *err);

/*
 * The same without the fsync, for runs that write thousands of files
 * and make them durable once at the end (tk_sync_dir).
 */
int tk_write_file_fast(const char *path, const char *data, size_t len,
		       struct tk_error *err);

/*
 * Write a key file: created with mode (0600 for secrets), refused when
 * it exists unless force, made durable.  text is one C string.
 */
int tk_write_key_file(const char *path, const char *text, int mode, int force,
		      struct tk_error *err);

/* Make everything written below dir durable (syncfs). */
int tk_sync_dir(const char *dir, struct tk_error *err);

/*
 * Decode one UTF-8 sequence at s (at most n bytes).  Returns its length
 * and stores the code point in *cp, or returns 0 for an invalid or
 * truncated sequence.
 */
int tk_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Is s[0..n) valid UTF-8?  If not, *bad is the offset of the first bad byte. */
int tk_utf8_valid(const char *s, size_t n, size_t *bad);

/* Append the UTF-8 encoding of cp. */
void tk_buf_utf8(struct tk_buf *b, uint32_t cp);

/* Is cp a Han ideograph (CJK unified, extensions, compatibility)? */
int tk_is_han(uint32_t cp);

/* SHA-256 of data as 64 lowercase hex digits plus NUL in out. */
void tk_sha256_hex(const void *data, size_t len, char out[65]);

/*
 * A fast content digest (BLAKE2b-256, hex) for telling whether content
 * changed; several times faster than SHA-256 on bulk imports.
 */
void tk_digest_hex(const void *data, size_t len, char out[65]);

/*
 * Points are decimal with at most one place; the core keeps them as
 * integer tenths so that sums are exact.  Returns -1 for bad syntax.
 */
int tk_points_parse(const char *s);
/*
 * Parse a whole decimal integer from min to max: optional blanks around
 * it, an optional sign, digits and nothing else.  Returns 1 and sets *out,
 * or 0 (out untouched) for anything else: empty, trailing text, or a
 * value out of range however many digits it has.  Every number read from
 * input goes through here, so that 4294967301 is refused, never read as 5.
 */
int tk_parse_int(const char *s, long min, long max, long *out);

/*
 * Is s the word w, but for white space around it?  XML schemas take
 * kind=" theory " for "theory" (a token is normalised), so the readers
 * of such values must too.
 */
int tk_word_eq(const char *s, const char *w);

/* The same for a decimal number ("2", "0.35", "-1.5"; no exponent, inf or nan). */
int tk_parse_num(const char *s, double min, double max, double *out);

/* Format tenths as "2" or "2.5" into buf (at least 16 bytes); returns buf. */
char *tk_points_format(int tenths, char *buf);

/* Trim ASCII and ideographic white space at both ends, in place. */
char *tk_trim(char *s);

/*
 * A calendar date written YYYY-MM-DD (1900 to 9999, a day the month has):
 * 1 with *y, *m, *d set (any may be NULL), else 0.  Dates kept as text
 * in this form sort as the days do.
 */
int tk_parse_date(const char *s, int *y, int *m, int *d);
/* Today's local date as YYYY-MM-DD into out. */
void tk_today(char out[11]);

#endif
