/* diag.c -- lists of diagnostics with file:line positions. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "util.h"

void tk_diags_add(struct tk_diags *d, int severity, const char *file,
		  int line, const char *fmt, ...)
{
	struct tk_buf b = TK_BUF_INIT;
	va_list ap;
	int n;
	struct tk_diag *e;

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		struct tk_diag *v = realloc(d->v, cap * sizeof *v);
		if (v == NULL) {
			d->oom = 1;
			return;
		}
		d->v = v;
		d->cap = cap;
	}
	fmt = _(fmt);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) n = 0;
	b.s = malloc((size_t)n + 1);
	if (b.s == NULL) {
		d->oom = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b.s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	e = &d->v[d->n++];
	e->severity = severity;
	e->file = tk_strdup(file);
	e->line = line;
	e->unit = TK_DIAG_LINE;
	e->msg = b.s;
	if (severity == TK_DIAG_ERROR)
		d->nerrors++;
	else
		d->nwarnings++;
}

struct tagged {
	struct tk_diag d;
	size_t i;
};

static int cmp_tagged(const void *a, const void *b)
{
	const struct tagged *x = a, *y = b;
	int c = strcmp(x->d.file ? x->d.file : "", y->d.file ? y->d.file : "");

	if (c)
		return c;
	if (x->d.line != y->d.line)
		return x->d.line < y->d.line ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* qsort is not stable: tag each entry with its position to keep the
   order of diagnostics found on one line. */
void tk_diags_sort(struct tk_diags *d)
{
	size_t i;
	struct tagged *t;

	if (d->n < 2)
		return;
	t = malloc(d->n * sizeof *t);
	if (t == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		t[i].d = d->v[i];
		t[i].i = i;
	}
	qsort(t, d->n, sizeof *t, cmp_tagged);
	for (i = 0; i < d->n; i++)
		d->v[i] = t[i].d;
	free(t);
}

void tk_diags_print(const struct tk_diags *d, FILE *f)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct tk_diag *e = &d->v[i];
		const char *sev = e->severity == TK_DIAG_ERROR ? _("error") : _("warning");
		if (e->file && e->line > 0 && e->unit == TK_DIAG_PARAGRAPH)
			fprintf(f, "%s: %s %d: %s: %s\n", e->file, _("paragraph"), e->line, sev,
				e->msg);
		else if (e->file && e->line > 0)
			fprintf(f, "%s:%d: %s: %s\n", e->file, e->line, sev, e->msg);
		else if (e->file)
			fprintf(f, "%s: %s: %s\n", e->file, sev, e->msg);
		else
			fprintf(f, "%s: %s\n", sev, e->msg);
	}
}

void tk_diags_move(struct tk_diags *dst, struct tk_diags *src)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		struct tk_diag *e = &src->v[i];
		size_t n = dst->n;
		tk_diags_add(dst, e->severity, e->file, e->line, "%s", e->msg);
		if (dst->n > n)
			dst->v[n].unit = e->unit;
	}
	tk_diags_free(src);
}

void tk_diags_set_unit(struct tk_diags *d, size_t from, const char *file, int unit)
{
	size_t i;

	for (i = from; i < d->n; i++)
		if (d->v[i].file && file && !strcmp(d->v[i].file, file))
			d->v[i].unit = unit;
}

void tk_diags_free(struct tk_diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}
