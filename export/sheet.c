/* sheet.c -- items as rows of the import layout, and those rows as CSV. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "sheet.h"

int tk_sheet_build(struct tk_item *const *items, size_t n, const struct tk_itemfmt_opts *o,
		   struct tk_sheet *sh, struct tk_error *err)
{
	size_t i;
	int c;

	sh->nrows = 0;
	if ((sh->cells = calloc((n + 1) * TK_COL_N, sizeof *sh->cells)) == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	for (c = 0; c < TK_COL_N; c++)
		if ((sh->cells[c] = strdup(tk_table_header(c))) == NULL)
			goto oom;
	sh->nrows = 1;
	for (i = 0; i < n; i++) {
		if (!tk_table_cells(items[i], o->standard, sh->cells + (i + 1) * TK_COL_N, o->diags))
			goto oom;
		sh->nrows++;
	}
	return TK_OK;
oom:
	tk_sheet_free(sh);
	return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
}

void tk_sheet_free(struct tk_sheet *sh)
{
	size_t i;

	if (sh == NULL || sh->cells == NULL)
		return;
	/* rows past nrows were never filled, or filled and then freed */
	for (i = 0; i < sh->nrows * TK_COL_N; i++)
		free(sh->cells[i]);
	free(sh->cells);
	sh->cells = NULL;
	sh->nrows = 0;
}

const char *tk_sheet_cell(const struct tk_sheet *sh, size_t row, int col)
{
	const char *s = row < sh->nrows && col >= 0 && col < TK_COL_N ?
		sh->cells[row * TK_COL_N + (size_t)col] : NULL;

	return s ? s : "";
}

/* A field as RFC 4180 wants it: quoted when it holds a separator, a
   quote, a line end or spaces at its ends (which readers trim). */
static void csv_field(struct tk_buf *b, const char *s)
{
	size_t n = strlen(s);
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL && (n == 0 || (s[0] != ' ' && s[n - 1] != ' '))) {
		tk_buf_add(b, s, n);
		return;
	}
	tk_buf_putc(b, '"');
	for (p = s; *p; p++) {
		if (*p == '"')
			tk_buf_putc(b, '"');
		if (*p == '\n')
			tk_buf_puts(b, "\r\n");   /* Excel's line end inside a cell too */
		else
			tk_buf_putc(b, *p);
	}
	tk_buf_putc(b, '"');
}

/* UTF-8 to GB18030, which holds every character. */
static int to_gb18030(const struct tk_buf *in, struct tk_buf *out, struct tk_error *err)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	char *ip = in->s, chunk[65536];
	size_t il = in->len;
	int rc = TK_OK;

	if (cd == (iconv_t)-1)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0,
				    "cannot convert to GB18030: %s", strerror(errno));
	while (il > 0) {
		char *op = chunk;
		size_t ol = sizeof chunk;
		size_t got = iconv(cd, &ip, &il, &op, &ol);
		tk_buf_add(out, chunk, (size_t)(op - chunk));
		if (got == (size_t)-1 && errno != E2BIG) {
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0,
					  "cannot convert to GB18030: %s", strerror(errno));
			break;
		}
	}
	iconv_close(cd);
	return rc;
}

int tk_sheet_csv(const struct tk_sheet *sh, const char *encoding, struct tk_buf *out,
		 struct tk_error *err)
{
	struct tk_buf text = TK_BUF_INIT, gb = TK_BUF_INIT;
	int gb18030 = 0, c, rc = TK_OK;
	size_t r;

	if (encoding == NULL || !strcasecmp(encoding, "utf-8") || !strcasecmp(encoding, "utf8"))
		gb18030 = 0;
	else if (!strcasecmp(encoding, "gb18030") || !strcasecmp(encoding, "gbk") ||
		 !strcasecmp(encoding, "gb2312") || !strcasecmp(encoding, "cp936"))
		gb18030 = 1;
	else
		return tk_error_set(err, TK_EUSAGE, NULL, 0,
				    _("unknown encoding '%s' (utf-8, gb18030 or gbk)"), encoding);
	if (!gb18030)
		tk_buf_puts(&text, "\xEF\xBB\xBF");
	for (r = 0; r < sh->nrows; r++) {
		for (c = 0; c < TK_COL_N; c++) {
			if (c)
				tk_buf_putc(&text, ',');
			csv_field(&text, tk_sheet_cell(sh, r, c));
		}
		tk_buf_puts(&text, "\r\n");
	}
	if (text.oom) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	} else if (gb18030) {
		if ((rc = to_gb18030(&text, &gb, err)) == TK_OK)
			tk_buf_add(out, gb.s, gb.len);
	} else {
		tk_buf_add(out, text.s, text.len);
	}
	if (rc == TK_OK && out->oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	tk_buf_free(&text);
	tk_buf_free(&gb);
	return rc;
}
