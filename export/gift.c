/* gift.c -- items as GIFT text. */
#include <stdlib.h>
#include <string.h>

#include "gift.h"
#include "html.h"
#include "i18n.h"

struct gw {
	struct tk_buf *out;
	const struct tk_itemfmt_opts *o;
	const struct tk_item *it;
	struct tk_error *err;
	int images;             /* images met in the item's text */
	size_t gap;             /* where in the stem's HTML its gap was, or 0 */
	int gaps;
};

/*
 * GIFT text: ~ = # { } : and \ take a backslash; a line break would end
 * the question at a blank line, so it becomes a space (the text is HTML,
 * where it is one).
 */
static void esc(struct tk_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strchr("~=#{}:\\", s[i]) && s[i])
			tk_buf_putc(b, '\\');
		tk_buf_putc(b, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
	}
}

static void esc_str(struct tk_buf *b, const char *s)
{
	esc(b, s, strlen(s));
}

/* GIFT holds no files: the image stays named, and the loss is said. */
static const char *image(void *ud, const char *src, int line, struct tk_error *err)
{
	struct gw *w = ud;

	(void)line;
	(void)err;
	if (w->images++ == 0)
		tk_diags_add(w->o->diags, TK_DIAG_WARNING, w->it->id, 0,
			     "GIFT holds no image files: add '%s' to the question by hand", src);
	return src;
}

/* A fill item's gap: marked, for the answers to go where it was. */
static void gap(void *ud, struct tk_buf *out)
{
	struct gw *w = ud;

	if (w->gaps++ == 0)
		w->gap = out->len + 1;  /* 0 means none */
}

static int html(struct gw *w, const char *frag, int gaps, struct tk_buf *h)
{
	struct tk_html_refs refs = {image, NULL, NULL, NULL, 0};

	refs.ud = w;
	if (gaps)
		refs.gap = gap;
	return tk_html_fragment(h, frag, &refs, w->err);
}

/* [html]text, escaped; from..to of the HTML only */
static void put_html(struct gw *w, const struct tk_buf *h, size_t from, size_t to)
{
	esc(w->out, h->s ? h->s + from : "", to - from);
}

static int feedback(struct gw *w)
{
	struct tk_buf h = TK_BUF_INIT;
	int rc;

	if (w->it->explanation == NULL || *w->it->explanation == '\0')
		return TK_OK;
	if ((rc = html(w, w->it->explanation, 0, &h)) == TK_OK) {
		tk_buf_puts(w->out, "####[html]");
		put_html(w, &h, 0, h.len);
		tk_buf_putc(w->out, '\n');
	}
	tk_buf_free(&h);
	return rc;
}

static int answers(struct gw *w)
{
	const struct tk_item *it = w->it;
	struct tk_buf h = TK_BUF_INIT;
	int i, right = 0, rc = TK_OK;

	switch (it->type) {
	case TK_SINGLE:
	case TK_MULTIPLE:
		for (i = 0; i < it->noptions; i++)
			right += tk_itemfmt_share(it, i) > 0;
		for (i = 0; i < it->noptions && rc == TK_OK; i++) {
			h.len = 0;
			if ((rc = html(w, it->options[i].text, 0, &h)) != TK_OK)
				break;
			if (it->type == TK_SINGLE) {
				tk_buf_puts(w->out, tk_itemfmt_share(it, i) > 0 ? "=" : "~");
			} else {
				tk_buf_puts(w->out, "~%");
				tk_itemfmt_percent(w->out, tk_itemfmt_share(it, i));
				tk_buf_putc(w->out, '%');
			}
			put_html(w, &h, 0, h.len);
			tk_buf_putc(w->out, '\n');
		}
		if (it->type == TK_MULTIPLE && right > 1)
			tk_diags_add(w->o->diags, TK_DIAG_WARNING, it->id, 0,
				     "GIFT gives part marks for some of the right options; the item "
				     "gives its points only for all of them");
		break;
	case TK_TRUEFALSE:
		tk_buf_puts(w->out, it->answer && !strcmp(it->answer, "true") ? "TRUE\n" : "FALSE\n");
		break;
	case TK_FILL: {
		struct tk_itemfmt_blanks b;
		if (!tk_itemfmt_blanks(it, &b))
			return tk_error_set(w->err, TK_EINTERNAL, NULL, 0, "out of memory");
		for (i = 0; b.n == 1 && i < b.nalt[0]; i++) {
			tk_buf_putc(w->out, '=');
			esc_str(w->out, b.alt[0][i]);
			tk_buf_putc(w->out, '\n');
		}
		tk_itemfmt_blanks_free(&b);
		break;
	}
	default:
		if ((it->answer && *it->answer) || it->nrubric)
			tk_diags_add(w->o->diags, TK_DIAG_WARNING, it->id, 0,
				     "GIFT essays carry no reference answer or rubric for "
				     "scorers: add them in the LMS");
		break;
	}
	tk_buf_free(&h);
	if (rc == TK_OK)
		rc = feedback(w);
	return rc;
}

static int question(struct gw *w)
{
	const struct tk_item *it = w->it;
	struct tk_buf stem = TK_BUF_INIT;
	char pts[16];
	int i, rc;

	if (it->type == TK_FILL) {
		struct tk_itemfmt_blanks b;
		int n;
		if (!tk_itemfmt_blanks(it, &b))
			return tk_error_set(w->err, TK_EINTERNAL, NULL, 0, "out of memory");
		n = b.n;
		tk_itemfmt_blanks_free(&b);
		if (n != 1) {
			tk_diags_add(w->o->diags, TK_DIAG_WARNING, it->id, 0,
				     "GIFT has no question with %d blanks: the item is left out", n);
			return TK_OK;
		}
	}
	if (it->points != 10)
		tk_diags_add(w->o->diags, TK_DIAG_WARNING, it->id, 0,
			     "GIFT carries no points: the item is worth %s, the LMS will give 1",
			     tk_points_format(it->points, pts));
	w->images = w->gaps = 0;
	w->gap = 0;
	if ((rc = html(w, it->stem, it->type == TK_FILL, &stem)) != TK_OK)
		goto out;
	/* Moodle reads [id:] and [tag:] in the comment before a question */
	tk_buf_puts(w->out, "// [id:");
	esc_str(w->out, it->id);
	tk_buf_putc(w->out, ']');
	for (i = 0; i < it->ncodes; i++) {
		tk_buf_puts(w->out, " [tag:");
		esc_str(w->out, it->codes[i]);
		tk_buf_putc(w->out, ']');
	}
	for (i = 0; i < it->nkeywords; i++) {
		tk_buf_puts(w->out, " [tag:");
		esc_str(w->out, it->keywords[i]);
		tk_buf_putc(w->out, ']');
	}
	tk_buf_printf(w->out, " [tag:tiku-kind-%s] [tag:tiku-difficulty-%d]",
		      tk_kind_name(it->kind), it->difficulty);
	if (it->time > 0)
		tk_buf_printf(w->out, " [tag:tiku-time-%d]", it->time);
	tk_buf_puts(w->out, "\n::");
	esc_str(w->out, it->id);
	tk_buf_puts(w->out, "::[html]");
	/* a fill item's answers stand where its gap is (the missing word) */
	if (w->gap) {
		put_html(w, &stem, 0, w->gap - 1);
		tk_buf_puts(w->out, " {\n");
		if ((rc = answers(w)) != TK_OK)
			goto out;
		tk_buf_puts(w->out, "} ");
		put_html(w, &stem, w->gap - 1, stem.len);
		tk_buf_puts(w->out, "\n\n");
	} else {
		put_html(w, &stem, 0, stem.len);
		tk_buf_puts(w->out, " {\n");
		if ((rc = answers(w)) != TK_OK)
			goto out;
		tk_buf_puts(w->out, "}\n\n");
	}
out:
	tk_buf_free(&stem);
	return rc;
}

static int category(void *ud, const char *path)
{
	struct gw *w = ud;

	tk_buf_puts(w->out, "$CATEGORY: ");   /* the rest of the line, as it is */
	tk_buf_puts(w->out, path);
	tk_buf_puts(w->out, "\n\n");
	return TK_OK;
}

static int one(void *ud, const struct tk_item *it)
{
	struct gw *w = ud;

	w->it = it;
	return question(w);
}

int tk_gift_write(struct tk_buf *out, struct tk_item *const *items, size_t n,
		  const struct tk_itemfmt_opts *o, struct tk_error *err)
{
	struct gw w;
	int rc;

	memset(&w, 0, sizeof w);
	w.out = out;
	w.o = o;
	w.err = err;
	tk_buf_puts(out, "// ");
	esc_str(out, o->standard->title ? o->standard->title : o->standard->id);
	tk_buf_puts(out, " (tiku " TIKU_VERSION ")\n\n");
	rc = tk_itemfmt_each(o, items, n, category, one, &w, err);
	if (rc == TK_OK && out->oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	return rc;
}
