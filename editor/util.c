/* util.c -- buffers, UTF-8, files and digests shared by all modules. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <sodium.h>

#include "util.h"

static int buf_grow(struct tk_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->oom)
		return 0;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 1;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	p = realloc(b->s, cap);
	if (p == NULL) {
		b->oom = 1;
		return 0;
	}
	b->s = p;
	b->cap = cap;
	return 1;
}

void tk_buf_add(struct tk_buf *b, const char *s, size_t n)
{
	if (!buf_grow(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void tk_buf_puts(struct tk_buf *b, const char *s)
{
	tk_buf_add(b, s, strlen(s));
}

void tk_buf_putc(struct tk_buf *b, char c)
{
	if (b->len + 1 < b->cap) {
		b->s[b->len++] = c;
		b->s[b->len] = '\0';
		return;
	}
	tk_buf_add(b, &c, 1);
}

void tk_buf_vprintf(struct tk_buf *b, const char *fmt, va_list ap)
{
	va_list again;
	size_t room = b->cap > b->len ? b->cap - b->len : 0;
	int n;

	/* format straight into the spare room; only a miss formats twice */
	va_copy(again, ap);
	n = vsnprintf(room ? b->s + b->len : NULL, room, fmt, ap);
	if (n < 0 || b->oom)
		goto out;
	if ((size_t)n < room) {
		b->len += (size_t)n;
		goto out;
	}
	if (!buf_grow(b, (size_t)n))
		goto out;
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, again);
	b->len += (size_t)n;
out:
	va_end(again);
}

void tk_buf_printf(struct tk_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tk_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void tk_buf_xml(struct tk_buf *b, const char *s, int attr)
{
	const char *run = s;

	for (; *s; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		case '\n': rep = attr ? "&#10;" : NULL; break;
		case '\t': rep = attr ? "&#9;" : NULL; break;
		case '\r': rep = "&#13;"; break;
		}
		if (rep) {
			tk_buf_add(b, run, (size_t)(s - run));
			tk_buf_puts(b, rep);
			run = s + 1;
		}
	}
	tk_buf_add(b, run, (size_t)(s - run));
}

void tk_buf_reset(struct tk_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

const char *tk_buf_str(const struct tk_buf *b)
{
	return b->s ? b->s : "";
}

char *tk_buf_detach(struct tk_buf *b)
{
	char *s = b->s;

	if (s == NULL && !b->oom)
		s = calloc(1, 1);
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void tk_buf_free(struct tk_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

void *tk_grow(void *v, int n, size_t size, int *oom)
{
	void *p;

	if (n & (n - 1) && n != 0)
		return v;
	p = realloc(v, (size_t)(n ? n * 2 : 1) * size);
	if (p == NULL)
		*oom = 1;
	return p;
}

char *tk_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

int tk_read_file(const char *path, char **data, size_t *len,
		 struct tk_error *err)
{
	FILE *f;
	struct tk_buf b = TK_BUF_INIT;
	char chunk[65536];
	size_t n;

	*data = NULL;
	*len = 0;
	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (f == NULL)
		return tk_error_set(err, TK_EINPUT, path, 0, "cannot open: %s",
				    strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		tk_buf_add(&b, chunk, n);
	if (ferror(f)) {
		int e = errno;
		if (f != stdin)
			fclose(f);
		tk_buf_free(&b);
		return tk_error_set(err, TK_EINPUT, path, 0, "cannot read: %s",
				    strerror(e));
	}
	if (f != stdin)
		fclose(f);
	if (b.oom) {
		tk_buf_free(&b);
		return tk_error_set(err, TK_EINTERNAL, path, 0, "out of memory");
	}
	*len = b.len;
	*data = tk_buf_detach(&b);
	return *data ? TK_OK : tk_error_set(err, TK_EINTERNAL, path, 0,
					    "out of memory");
}

static int write_file(const char *path, const char *data, size_t len, int sync,
		      struct tk_error *err);

int tk_write_file(const char *path, const char *data, size_t len,
		  struct tk_error *err)
{
	return write_file(path, data, len, 1, err);
}

int tk_write_file_fast(const char *path, const char *data, size_t len,
		       struct tk_error *err)
{
	return write_file(path, data, len, 0, err);
}

int tk_sync_dir(const char *dir, struct tk_error *err)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY), rc = TK_OK;

	if (fd < 0 || syncfs(fd) != 0)
		rc = tk_error_set(err, TK_EINPUT, dir, 0, "cannot sync: %s", strerror(errno));
	if (fd >= 0)
		close(fd);
	return rc;
}

/*
 * A write that failed: the disk full, a file-size limit or an I/O error
 * are the machine's trouble (4, as the help says); a path that cannot be
 * written (missing folder, no permission) is the caller's input (3).
 */
static int write_error(const char *path, struct tk_error *err)
{
	int e = errno;

	return tk_error_set(err, e == ENOSPC || e == EDQUOT || e == EFBIG || e == EIO ?
			    TK_EINTERNAL : TK_EINPUT, path, 0, "cannot write: %s", strerror(e));
}

static int write_file(const char *path, const char *data, size_t len, int sync,
		      struct tk_error *err)
{
	struct tk_buf tmp = TK_BUF_INIT;
	int fd = -1, rc = TK_OK;
	size_t off = 0;

	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			return tk_error_set(err, TK_EINTERNAL, NULL, 0,
					    "cannot write to standard output");
		return TK_OK;
	}
	/* the file is renamed into place: over a device or a pipe (-o /dev/full,
	   as root) that would replace the device itself */
	{
		struct stat st;
		if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
			return tk_error_set(err, TK_EINPUT, path, 0,
					    "cannot write: not a regular file");
	}
	tk_buf_printf(&tmp, "%s.tmp.XXXXXX", path);
	if (tmp.oom)
		return tk_error_set(err, TK_EINTERNAL, path, 0, "out of memory");
	fd = mkstemp(tmp.s);
	if (fd < 0) {
		rc = write_error(path, err);
		goto out;
	}
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			rc = write_error(path, err);
			goto out;
		}
		off += (size_t)w;
	}
	if (fchmod(fd, 0644) != 0 || (sync && fsync(fd) != 0)) {
		rc = write_error(path, err);
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		rc = write_error(path, err);
		goto out;
	}
	fd = -1;
	if (rename(tmp.s, path) != 0)
		rc = write_error(path, err);
out:
	if (fd >= 0)
		close(fd);
	if (rc != TK_OK && tmp.s)
		unlink(tmp.s);
	tk_buf_free(&tmp);
	return rc;
}

int tk_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	int len, i;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2;
		c &= 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3;
		c &= 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4;
		c &= 0x07;
	} else {
		return 0;
	}
	if ((size_t)len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* reject overlong forms, surrogates and values past U+10FFFF */
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	    (len == 4 && c < 0x10000) || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

int tk_utf8_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		int k = tk_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (k == 0) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += (size_t)k;
	}
	return 1;
}

void tk_buf_utf8(struct tk_buf *b, uint32_t cp)
{
	char o[4];

	if (cp < 0x80) {
		o[0] = (char)cp;
		tk_buf_add(b, o, 1);
	} else if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		tk_buf_add(b, o, 2);
	} else if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		tk_buf_add(b, o, 3);
	} else {
		o[0] = (char)(0xF0 | (cp >> 18));
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[3] = (char)(0x80 | (cp & 0x3F));
		tk_buf_add(b, o, 4);
	}
}

int tk_is_han(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

void tk_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, 65, h, sizeof h);
}

void tk_digest_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[32];

	/* without it libsodium hashes with its portable code: the bank
	   digest of every draw took three times as long (it returns at
	   once once done, and may be called from any thread) */
	if (sodium_init() < 0) {
		/* cannot happen on a working system; the portable code still hashes */
	}
	crypto_generichash(h, sizeof h, data, len, NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}

int tk_points_parse(const char *s)
{
	int v = 0, digits = 0;

	if (s == NULL)
		return -1;
	while (*s >= '0' && *s <= '9') {
		if (++digits > 5)
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	if (digits == 0)
		return -1;
	v *= 10;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return -1;
		v += *s++ - '0';
		while (*s == '0')
			s++;
	}
	return *s == '\0' ? v : -1;
}

int tk_parse_int(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (s == NULL)
		return 0;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	/* strtol takes "0x10" and leading blanks after a sign: digits only */
	if (!((*s >= '0' && *s <= '9') || ((*s == '-' || *s == '+') && s[1] >= '0' && s[1] <= '9')))
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno == ERANGE || v < min || v > max)
		return 0;
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	if (*end != '\0')
		return 0;
	*out = v;
	return 1;
}

int tk_parse_num(const char *s, double min, double max, double *out)
{
	const char *p;
	char *end;
	double v;
	int digits = 0;

	if (s == NULL)
		return 0;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	/* plain decimals only: strtod would take 1e400, inf, nan and hex */
	p = s + (*s == '-' || *s == '+');
	for (; (*p >= '0' && *p <= '9') || *p == '.'; p++)
		digits += *p != '.';
	if (digits == 0)
		return 0;
	v = strtod(s, &end);
	if (end != p || !(v >= min && v <= max))
		return 0;
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	if (*end != '\0')
		return 0;
	*out = v;
	return 1;
}

char *tk_points_format(int tenths, char *buf)
{
	if (tenths % 10 == 0)
		snprintf(buf, 16, "%d", tenths / 10);
	else
		snprintf(buf, 16, "%d.%d", tenths / 10, tenths % 10);
	return buf;
}

static int is_space_at(const char *s, size_t *len)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
	    *s == '\f' || *s == '\v') {
		*len = 1;
		return 1;
	}
	/* U+3000 ideographic space, U+00A0 no-break space, U+FEFF BOM */
	if (!strncmp(s, "\xE3\x80\x80", 3) || !strncmp(s, "\xEF\xBB\xBF", 3)) {
		*len = 3;
		return 1;
	}
	if (!strncmp(s, "\xC2\xA0", 2)) {
		*len = 2;
		return 1;
	}
	return 0;
}

char *tk_trim(char *s)
{
	size_t k, n;
	char *start = s, *end;

	if (s == NULL)
		return s;
	while (*start && is_space_at(start, &k))
		start += k;
	n = strlen(start);
	memmove(s, start, n + 1);
	end = s + n;
	for (;;) {
		if (end > s && strchr(" \t\n\r\f\v", end[-1])) {
			end--;
		} else if (end - s >= 3 && (!strncmp(end - 3, "\xE3\x80\x80", 3))) {
			end -= 3;
		} else if (end - s >= 2 && !strncmp(end - 2, "\xC2\xA0", 2)) {
			end -= 2;
		} else {
			break;
		}
	}
	*end = '\0';
	return s;
}

/*
 * Key files are created, never replaced behind the user's back, with
 * their mode set before a byte of the key is in them.
 */
int tk_write_key_file(const char *path, const char *text, int mode, int force,
		     struct tk_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (force ? O_TRUNC : O_EXCL), mode);
	size_t n = strlen(text), off = 0;

	if (fd < 0)
		return tk_error_set(err, TK_EINPUT, path, 0, errno == EEXIST ?
				    "exists already (--force replaces it)" : "cannot write: %s",
				    strerror(errno));
	if (fchmod(fd, (mode_t)mode) != 0) {
		close(fd);
		return tk_error_set(err, TK_EINPUT, path, 0, "cannot write: %s", strerror(errno));
	}
	while (off < n) {
		ssize_t w = write(fd, text + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			unlink(path);
			return tk_error_set(err, TK_EINPUT, path, 0, "cannot write: %s",
					    strerror(errno));
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0)
		return tk_error_set(err, TK_EINPUT, path, 0, "cannot write: %s", strerror(errno));
	return TK_OK;
}

int tk_word_eq(const char *s, const char *w)
{
	size_t n = strlen(w);

	if (s == NULL)
		return 0;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (strncmp(s, w, n))
		return 0;
	for (s += n; *s; s++)
		if (!(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
			return 0;
	return 1;
}

int tk_parse_date(const char *s, int *y, int *m, int *d)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int i, yy, mm, dd, leap;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	yy = atoi(s);
	mm = atoi(s + 5);
	dd = atoi(s + 8);
	leap = (yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0;
	if (yy < 1900 || mm < 1 || mm > 12 || dd < 1 ||
	    dd > days[mm - 1] + (mm == 2 && leap))
		return 0;
	if (y)
		*y = yy;
	if (m)
		*m = mm;
	if (d)
		*d = dd;
	return 1;
}

void tk_today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL || strftime(out, 11, "%Y-%m-%d", &tm) != 10)
		snprintf(out, 11, "1970-01-01");
}
