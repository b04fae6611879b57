/*
 * tiku.h -- what every module of the core shares: status codes, the error
 * record, and the version.
 *
 * Every function of the core that can fail returns one of the TK_* codes
 * below and, when it fails, fills a caller-owned struct tk_error.  The
 * codes double as the CLI's exit statuses, so a failure travels from the
 * deepest module to the shell without translation.
 */
#ifndef TIKU_H
#define TIKU_H

#include <stddef.h>

#define TIKU_VERSION "0.1.0"

enum {
	TK_OK = 0,      /* success */
	TK_FAIL = 1,    /* a check ran and found problems (lint, validate) */
	TK_EUSAGE = 2,  /* the caller asked for something meaningless */
	TK_EINPUT = 3,  /* the input (file, text, bank) is bad */
	TK_EINTERNAL = 4 /* out of memory, I/O error, SQLite error, bug */
};

/*
 * Details of the last failure.  file and line name the *input* the
 * problem is in (the user's XML, CSV, ...), not the source of tiku; line
 * is 0 where no line applies.  The struct is plain data: zero it before
 * first use, no free needed.
 */
struct tk_error {
	int code;
	char file[512];
	int line;
	char msg[1024];
};

/*
 * Record a failure in err (which may be NULL) and return code, so that
 * callers can write `return tk_error_set(err, TK_EINPUT, path, 12, ...)`.
 * file may be NULL.
 */
int tk_error_set(struct tk_error *err, int code, const char *file, int line,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Forget a recorded failure. */
void tk_error_clear(struct tk_error *err);

/*
 * Format err for a human: "file:line: msg", "file: msg" or "msg".
 * Writes at most n bytes including the terminating NUL; returns buf.
 */
const char *tk_error_format(const struct tk_error *err, char *buf, size_t n);

#endif
