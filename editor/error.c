/* error.c -- the error record every fallible function fills. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "tiku.h"

int tk_error_set(struct tk_error *err, int code, const char *file, int line,
		 const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	err->code = code;
	err->line = line;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, _(fmt), ap);
	va_end(ap);
	return code;
}

void tk_error_clear(struct tk_error *err)
{
	if (err != NULL)
		memset(err, 0, sizeof *err);
}

const char *tk_error_format(const struct tk_error *err, char *buf, size_t n)
{
	if (err->file[0] && err->line > 0)
		snprintf(buf, n, "%s:%d: %s", err->file, err->line, err->msg);
	else if (err->file[0])
		snprintf(buf, n, "%s: %s", err->file, err->msg);
	else
		snprintf(buf, n, "%s", err->msg);
	return buf;
}
