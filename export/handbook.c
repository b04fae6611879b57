/*
 * handbook.c -- a course as a trainer's handbook (讲义): the lesson
 * bodies' Markdown and the practice laid out as rows of the paper
 * renderer's flow (render_int.h), paginated once before anything is
 * drawn -- so that the contents know their page numbers -- then drawn
 * with frames behind the call-outs, quotes, code and dialogues.  See
 * handbook.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "handbook.h"
#include "markdown.h"
#include "render_int.h"

#define MONO      "Noto Sans Mono CJK SC"
#define HANG      (RD_BODY_PT * 2.2)    /* "12．" before an item, as on papers */
#define PAD       10.0                  /* inside a frame */
#define NUM_W     36.0                  /* the page numbers of the contents */

/* Frames drawn behind rows: the call-outs (TK_CALLOUT_*), then these. */
enum { FR_KEY, FR_CAUTION, FR_CASE, FR_QUOTE, FR_CODE, FR_DIALOGUE };

struct frame {
	int first, last;        /* its rows, [first, last) */
	double x, w;
	int style;              /* FR_* */
	double split;           /* FR_DIALOGUE: the right edge of the speakers' column */
};

/* Where a part starts: for the contents, the running head and the outline. */
struct mark {
	int row;                /* its first row */
	int level;              /* 0: a module or a part; 1: a lesson or a module's test */
	char *title;            /* plain text */
	int toc;                /* its line in the contents, -1: none */
};

enum { TAG_TOC = 1, TAG_HEAD };         /* rows: a line of the contents, a table's head */

struct hb {
	struct rd_flow f;
	const struct tk_course *c;
	const struct tk_standard *s;
	const struct tk_practice *p;
	struct tk_error *err;
	const char *mono;
	/* the body being laid out: its path (for messages), its folder in the course */
	const char *file;
	char *dir;
	struct frame *frames;
	int nframes;
	struct mark *marks;
	int nmarks;
	const struct tk_md_node **pending;      /* images met in a paragraph */
	int npending;
	int *toc;               /* the rows of the contents' lines, in order */
	int ntoc, listed;       /* lines made; parts marked so far that are listed */
	int keep;               /* the next block stays on the page of the one before */
	int last_ascii;         /* the text so far ends in ASCII (for soft breaks) */
	int failed, oom;
};

/* Whether this is the first failure, to be the one reported. */
static int first_failure(struct hb *h)
{
	int first = !h->failed && !h->f.failed;

	h->failed = 1;
	return first;
}

static int stopped(const struct hb *h)
{
	return h->failed || h->f.failed || h->f.oom || h->oom;
}

/* ---- marks and frames -------------------------------------------------- */

/*
 * Mark the part starting at the next row.  listed: it has a line in the
 * contents, which were made first, in the order the parts are marked.
 */
static void mark(struct hb *h, int level, const char *title, int listed)
{
	struct mark *v = tk_grow(h->marks, h->nmarks, sizeof *v, &h->oom);
	struct mark *m;

	if (v == NULL)
		return;
	h->marks = v;
	m = &v[h->nmarks];
	m->row = h->f.n;
	m->level = level;
	m->toc = listed && h->listed < h->ntoc ? h->toc[h->listed] : -1;
	h->listed += listed;
	if ((m->title = tk_strdup(title)) == NULL) {
		h->oom = 1;
		return;
	}
	h->nmarks++;
}

/* A frame from the next row on, to be closed by frame_close(); -1 when out of memory. */
static int frame_open(struct hb *h, int style, double x, double w)
{
	struct frame *v = tk_grow(h->frames, h->nframes, sizeof *v, &h->oom);

	if (v == NULL)
		return -1;
	h->frames = v;
	memset(&v[h->nframes], 0, sizeof *v);
	v[h->nframes].first = h->f.n;
	v[h->nframes].x = x;
	v[h->nframes].w = w;
	v[h->nframes].style = style;
	return h->nframes++;
}

static void frame_close(struct hb *h, int k)
{
	if (k >= 0)
		h->frames[k].last = h->f.n;
}

/* Space inside a frame: kept at the top of a page too, so that the text
   does not touch the frame's edge. */
static void pad(struct hb *h, double v)
{
	rd_space(&h->f, v);
	if (h->f.n && !h->f.oom)
		h->f.rows[h->f.n - 1].hold = 1;
}

/* ---- groups: what stays on one page ------------------------------------ */

/* A block starts a group of its own, unless it is to stay with the heading
   (or label, or marker) before it. */
static void start(struct hb *h)
{
	if (h->keep)
		h->keep = 0;
	else
		h->f.group++;
}

/*
 * Let the lines first.. of a paragraph part between pages, but leave no
 * line alone at the foot or the head of a page: the first two stay
 * together (and with what shares their group: a heading), and the last two.
 */
static void part(struct rd_flow *f, int first)
{
	int n = f->n - first, i;

	if (n < 4)
		return;
	for (i = 2; i < n - 2; i++)
		f->rows[first + i].group = ++f->group;
	++f->group;
	f->rows[f->n - 2].group = f->group;
	f->rows[f->n - 1].group = f->group;
}

/* ---- inline Markdown to Pango markup ----------------------------------- */

static int is_url(const char *u)
{
	return !strncmp(u, "http://", 7) || !strncmp(u, "https://", 8) || !strncmp(u, "mailto:", 7);
}

/* The first byte of text at or below n, 0 when none. */
static unsigned char first_byte(const struct tk_md_node *n)
{
	while (n) {
		if ((n->kind == TK_MD_TEXT || n->kind == TK_MD_CODE) && n->text && *n->text)
			return (unsigned char)*n->text;
		n = n->first;
	}
	return 0;
}

static void text(struct hb *h, struct tk_buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0)
		return;
	tk_buf_xml(b, s, 0);
	h->last_ascii = (unsigned char)s[n - 1] < 0x80 && s[n - 1] != ' ';
}

static void inlines(struct hb *h, const struct tk_md_node *n, struct tk_buf *b, int depth);

static void inline_node(struct hb *h, const struct tk_md_node *c, struct tk_buf *b, int depth)
{
	struct tk_buf t = TK_BUF_INIT;
	const struct tk_md_node **v;
	unsigned char next;

	if (depth > 32) {       /* emphasis inside emphasis ...: the text will do */
		tk_md_plain(c, &t);
		text(h, b, tk_buf_str(&t));
		tk_buf_free(&t);
		return;
	}
	switch (c->kind) {
	case TK_MD_TEXT:
		text(h, b, c->text);
		break;
	case TK_MD_CODE:
		tk_buf_puts(b, "<span font_family=\"");
		tk_buf_xml(b, h->mono, 1);
		tk_buf_puts(b, "\" background=\"#ececec\">");
		text(h, b, c->text);
		tk_buf_puts(b, "</span>");
		break;
	case TK_MD_EMPH:
		tk_buf_puts(b, "<i>");
		inlines(h, c, b, depth + 1);
		tk_buf_puts(b, "</i>");
		break;
	case TK_MD_STRONG:
		tk_buf_puts(b, "<b>");
		inlines(h, c, b, depth + 1);
		tk_buf_puts(b, "</b>");
		break;
	case TK_MD_STRIKE:
		tk_buf_puts(b, "<s>");
		inlines(h, c, b, depth + 1);
		tk_buf_puts(b, "</s>");
		break;
	case TK_MD_LINK:
		inlines(h, c, b, depth + 1);
		/* paper has no links: print where a web link goes */
		tk_md_plain(c, &t);
		if (c->url && is_url(c->url) && strcmp(tk_buf_str(&t), c->url)) {
			tk_buf_puts(b, "<span size=\"smaller\">（");
			text(h, b, c->url);
			tk_buf_puts(b, "）</span>");
			h->last_ascii = 0;
		}
		tk_buf_free(&t);
		break;
	case TK_MD_IMAGE:
		/* shown after the paragraph, on a row of its own */
		v = tk_grow(h->pending, h->npending, sizeof *v, &h->oom);
		if (v) {
			h->pending = v;
			v[h->npending++] = c;
		}
		break;
	case TK_MD_SOFTBREAK:
		/* a line break in the source: a space where Latin script
		   meets it, nothing between Chinese characters */
		next = first_byte(c->next);
		if (h->last_ascii || (next && next < 0x80 && next != ' '))
			tk_buf_putc(b, ' ');
		h->last_ascii = 0;
		break;
	case TK_MD_LINEBREAK:
		tk_buf_putc(b, '\n');
		h->last_ascii = 0;
		break;
	default:
		inlines(h, c, b, depth + 1);
	}
}

static void inlines(struct hb *h, const struct tk_md_node *n, struct tk_buf *b, int depth)
{
	const struct tk_md_node *c;

	for (c = n->first; c; c = c->next)
		inline_node(h, c, b, depth);
}

/* ---- blocks ------------------------------------------------------------- */

static void blocks(struct hb *h, const struct tk_md_node *first, double x, double w, int depth);

/* The lesson images met in the last paragraph, each centred with its alt
   text under it. */
static void images(struct hb *h, double x, double w)
{
	struct rd_flow *f = &h->f;
	int i;

	for (i = 0; i < h->npending && !stopped(h); i++) {
		const struct tk_md_node *n = h->pending[i];
		const char *url = n->url ? n->url : "";
		struct tk_buf path = TK_BUF_INIT, alt = TK_BUF_INIT;
		cairo_surface_t *img = NULL;
		char *rel = NULL;
		int why = RD_PNG_OK;

		if (tk_md_resolve(h->dir, url, &rel) != TK_MD_PATH_OK) {
			if (first_failure(h))
				tk_error_set(h->err, TK_EINPUT, h->file, n->line,
					     "image '%s' is not a file inside the course folder", url);
			break;
		}
		tk_buf_printf(&path, "%s/%s", h->c->dir, rel);
		free(rel);
		if (path.oom) {
			h->oom = 1;
			tk_buf_free(&path);
			break;
		}
		img = rd_png_read(tk_buf_str(&path), &why);
		tk_buf_free(&path);
		if (img == NULL) {
			if (!first_failure(h))
				break;
			if (why == RD_PNG_UNREADABLE)
				tk_error_set(h->err, TK_EINPUT, h->file, n->line,
					     "image '%s' cannot be read (no such file?)", url);
			else if (why == RD_PNG_NOT_PNG)
				tk_error_set(h->err, TK_EINPUT, h->file, n->line,
					     "image '%s' is not a PNG: the handbook prints PNG images "
					     "only (convert it)", url);
			else if (why == RD_PNG_TOO_LARGE)
				tk_error_set(h->err, TK_EINPUT, h->file, n->line,
					     "image '%s' is too large (at most 10000 pixels a side)",
					     url);
			else
				tk_error_set(h->err, TK_EINPUT, h->file, n->line,
					     "image '%s' is not a PNG that can be decoded", url);
			break;
		}
		f->group++;
		rd_space(f, RD_BODY_PT * 0.3);
		rd_image_row(f, img, x, w, -1);
		if (f->n && f->rows[f->n - 1].kind == RD_IMAGE)    /* centred */
			f->rows[f->n - 1].x = x + (w - f->rows[f->n - 1].w) / 2;
		tk_md_plain(n, &alt);
		if (alt.len) {
			struct tk_buf m = TK_BUF_INIT;
			PangoLayout *l;
			tk_buf_xml(&m, tk_buf_str(&alt), 0);
			l = rd_layout(f, tk_buf_str(&m), f->sans, 9, 0, w);
			pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
			rd_block(f, l, x, 0, 0);
			tk_buf_free(&m);
		}
		rd_space(f, RD_BODY_PT * 0.6);
		tk_buf_free(&alt);
	}
	h->npending = 0;
}

static int tight(const struct tk_md_node *n)
{
	return n->parent && n->parent->kind == TK_MD_ITEM && n->parent->parent &&
	       n->parent->parent->tight;
}

static void paragraph(struct hb *h, const struct tk_md_node *n, double x, double w)
{
	struct rd_flow *f = &h->f;
	struct tk_buf m = TK_BUF_INIT;
	int first;

	start(h);
	h->last_ascii = 0;
	inlines(h, n, &m, 0);
	first = f->n;
	if (m.len) {
		rd_para(f, tk_buf_str(&m), x, w, 0, f->serif, RD_BODY_PT, 0);
		part(f, first);
	}
	tk_buf_free(&m);
	images(h, x, w);
	rd_space(f, tight(n) ? RD_BODY_PT * 0.15 : RD_BODY_PT * 0.5);
}

static void heading(struct hb *h, const struct tk_md_node *n, double x, double w)
{
	static const double size[] = {14, 12.5, 11.5, RD_BODY_PT};
	struct rd_flow *f = &h->f;
	struct tk_buf m = TK_BUF_INIT;
	int k = n->level < 1 ? 0 : n->level > 4 ? 3 : n->level - 1;

	start(h);
	rd_space(f, size[k] * 0.6);
	h->last_ascii = 0;
	inlines(h, n, &m, 0);
	rd_para(f, tk_buf_str(&m), x, w, 0, f->sans, size[k], 1);
	tk_buf_free(&m);
	h->npending = 0;        /* an image in a heading: not printed */
	rd_space(f, 3);
	h->keep = 1;
}

static void callout(struct hb *h, const struct tk_md_node *n, double x, double w, int depth)
{
	static const char *const label[] = {"要点", "注意", "案例"};
	struct rd_flow *f = &h->f;
	struct tk_buf m = TK_BUF_INIT;
	int k = n->callout >= 0 && n->callout <= 2 ? n->callout : 0, fr;

	start(h);
	rd_space(f, 4);
	fr = frame_open(h, FR_KEY + k, x, w);
	pad(h, 6);
	tk_buf_printf(&m, "<b>%s</b>", label[k]);
	if (n->text && *n->text) {
		tk_buf_puts(&m, "　");
		tk_buf_xml(&m, n->text, 0);
	}
	rd_para(f, tk_buf_str(&m), x + PAD, w - 2 * PAD, 0, f->sans, RD_BODY_PT, 0);
	rd_space(f, 2);
	tk_buf_free(&m);
	h->keep = 1;
	blocks(h, n->first, x + PAD, w - 2 * PAD, depth + 1);
	h->keep = 0;
	pad(h, 2);
	frame_close(h, fr);
	rd_space(f, 8);
}

static void quote(struct hb *h, const struct tk_md_node *n, double x, double w, int depth)
{
	int fr;

	start(h);
	h->keep = 1;
	fr = frame_open(h, FR_QUOTE, x, w);
	blocks(h, n->first, x + PAD + 2, w - PAD - 2, depth + 1);
	h->keep = 0;
	frame_close(h, fr);
	rd_space(&h->f, 4);
}

static void code(struct hb *h, const struct tk_md_node *n, double x, double w)
{
	struct rd_flow *f = &h->f;
	struct tk_buf m = TK_BUF_INIT;
	size_t len = n->text ? strlen(n->text) : 0;
	int fr, first;

	while (len && (n->text[len - 1] == '\n' || n->text[len - 1] == '\r'))
		len--;
	start(h);
	fr = frame_open(h, FR_CODE, x, w);
	pad(h, 5);
	if (len) {
		char *t = strndup(n->text, len);
		if (t == NULL)
			h->oom = 1;
		else
			tk_buf_xml(&m, t, 0);
		free(t);
	}
	first = f->n;
	rd_para(f, m.len ? tk_buf_str(&m) : " ", x + 8, w - 16, 0, h->mono, 9, 0);
	part(f, first);
	tk_buf_free(&m);
	pad(h, 3);
	frame_close(h, fr);
	rd_space(f, 8);
}

/* A 话术: who speaks in a shaded column, what they say beside it. */
static void dialogue(struct hb *h, const struct tk_md_node *n, double x, double w)
{
	struct rd_flow *f = &h->f;
	double sw = RD_BODY_PT * 4, ww[3];
	const struct tk_md_node *t;
	int fr;

	start(h);
	rd_space(f, 4);
	fr = frame_open(h, FR_DIALOGUE, x, w);
	if (fr >= 0)
		h->frames[fr].split = x + sw;
	pad(h, 5);
	ww[0] = sw;
	ww[1] = PAD * 0.8;      /* between the column rule and the words */
	ww[2] = w - sw - ww[1] - PAD;
	h->keep = 1;
	for (t = n->first; t; t = t->next) {
		struct tk_buf who = TK_BUF_INIT, words = TK_BUF_INIT;
		const char *mk[3];
		if (t->kind != TK_MD_TURN)
			continue;
		start(h);
		tk_buf_puts(&who, "<span font_family=\"");
		tk_buf_xml(&who, f->sans, 1);
		tk_buf_printf(&who, "\" weight=\"bold\">%s</span>",
			      t->speaker == TK_SPEAKER_AGENT ? "坐席" : "客户");
		tk_buf_xml(&words, t->text ? t->text : "", 0);
		mk[0] = tk_buf_str(&who);
		mk[1] = "";
		mk[2] = tk_buf_str(&words);
		rd_cells_aligned(f, mk, 3, x, ww, 0, f->serif, 0,
				 (const int[]){PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT});
		tk_buf_free(&who);
		tk_buf_free(&words);
	}
	h->keep = 0;
	pad(h, 1);
	frame_close(h, fr);
	rd_space(f, 8);
}

/*
 * Column widths for a table from each column's narrowest (mn: its
 * longest unbreakable run) and widest (mx: unbroken) widths, into cw:
 * all columns unbroken when the table fits in w; else the columns that
 * fit in their share of what is left keep their width (so that 编号 or
 * 价格 is not broken to give a long column a few points more), and the
 * rest share the remainder by their widths, none below its narrowest.
 */
static void widths(const double *mn, const double *mx, int n, double w, double *cw)
{
	int done[RD_MAXCELLS] = {0}, i, changed = 1, left = n;
	double room = w, sum, smin = 0, smax = 0;

	for (i = 0; i < n; i++) {
		smin += mn[i];
		smax += mx[i];
	}
	if (smax <= w || smin >= w) {
		for (i = 0; i < n; i++)
			cw[i] = smax <= w ? mx[i] : w * mn[i] / smin;
		return;
	}
	while (changed && left > 0) {
		changed = 0;
		for (i = 0; i < n; i++)
			if (!done[i] && mx[i] <= room / left) {
				cw[i] = mx[i];
				room -= mx[i];
				done[i] = 1;
				left--;
				changed = 1;
			}
	}
	/* the wide ones: by their widths, but each at least its narrowest */
	for (changed = 1; changed && left > 0;) {
		changed = 0;
		for (sum = 0, i = 0; i < n; i++)
			if (!done[i])
				sum += mx[i];
		for (i = 0; i < n; i++)
			if (!done[i] && room * mx[i] / sum < mn[i]) {
				cw[i] = mn[i];
				room -= mn[i];
				done[i] = 1;
				left--;
				changed = 1;
			}
	}
	for (sum = 0, i = 0; i < n; i++)
		if (!done[i])
			sum += mx[i];
	for (i = 0; i < n; i++)
		if (!done[i])
			cw[i] = room * mx[i] / sum;
}

/* A table, its columns as wide as their content asks (widths()). */
static void table(struct hb *h, const struct tk_md_node *n, double x, double w)
{
	struct rd_flow *f = &h->f;
	double mn[RD_MAXCELLS] = {0}, mx[RD_MAXCELLS] = {0}, cw[RD_MAXCELLS];
	int align[RD_MAXCELLS], ncol = 0, i;
	const struct tk_md_node *row, *cell;

	for (i = 0; i < RD_MAXCELLS; i++)
		align[i] = PANGO_ALIGN_LEFT;
	for (row = n->first; row; row = row->next) {
		for (i = 0, cell = row->first; cell && i < RD_MAXCELLS; cell = cell->next, i++) {
			struct tk_buf m = TK_BUF_INIT;
			PangoLayout *l;
			h->last_ascii = 0;
			if (row->header)
				tk_buf_puts(&m, "<b>");
			inlines(h, cell, &m, 0);
			if (row->header)
				tk_buf_puts(&m, "</b>");
			h->npending = 0;        /* images in cells: not printed */
			l = rd_layout(f, tk_buf_str(&m), f->serif, RD_BODY_PT, 0, 0);
			if (rd_layout_w(l) + 8 > mx[i])
				mx[i] = rd_layout_w(l) + 8;
			/* the narrowest it can be: broken wherever a line may break */
			l = rd_layout(f, tk_buf_str(&m), f->serif, RD_BODY_PT, 0, 1);
			pango_layout_set_wrap(l, PANGO_WRAP_WORD);
			if (rd_layout_w(l) + 8 > mn[i])
				mn[i] = rd_layout_w(l) + 8;
			if (row == n->first)
				align[i] = cell->align == TK_ALIGN_CENTER ? PANGO_ALIGN_CENTER :
					   cell->align == TK_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT :
					   PANGO_ALIGN_LEFT;
			tk_buf_free(&m);
		}
		if (i > ncol)
			ncol = i;
	}
	if (ncol == 0)
		return;
	for (i = 0; i < ncol; i++) {
		if (mx[i] < 24)
			mx[i] = 24;
		if (mn[i] > mx[i])
			mn[i] = mx[i];
	}
	widths(mn, mx, ncol, w, cw);
	start(h);
	rd_space(f, 2);
	for (row = n->first; row; row = row->next) {
		struct tk_buf m[RD_MAXCELLS];
		const char *mk[RD_MAXCELLS];
		memset(m, 0, sizeof m);
		for (i = 0, cell = row->first; i < ncol; i++) {
			h->last_ascii = 0;
			if (cell) {
				if (row->header)
					tk_buf_puts(&m[i], "<b>");
				inlines(h, cell, &m[i], 0);
				if (row->header)
					tk_buf_puts(&m[i], "</b>");
				cell = cell->next;
			}
			h->npending = 0;
			mk[i] = tk_buf_str(&m[i]);
		}
		/* the head row stays with the first row under it */
		if (row != n->first && !(row == n->first->next && n->first->header))
			f->group++;
		rd_cells_aligned(f, mk, ncol, x, cw, 1, f->serif, 0, align);
		if (row->header && f->n)
			f->rows[f->n - 1].tag = TAG_HEAD;
		for (i = 0; i < ncol; i++)
			tk_buf_free(&m[i]);
	}
	rd_space(f, RD_BODY_PT * 0.8);
}

/* A list: each item's marker hung in the margin of its text. */
static void list(struct hb *h, const struct tk_md_node *n, double x, double w, int depth)
{
	static const char *const bullet[] = {"•", "◦", "▪"};
	struct rd_flow *f = &h->f;
	const struct tk_md_node *it, *a;
	double hang = RD_BODY_PT * 1.5;
	int k, level = 0;
	char mk[32];

	for (a = n->parent; a; a = a->parent)
		level += a->kind == TK_MD_LIST;
	/* the text starts after the widest number */
	for (k = n->start, it = n->first; n->ordered && it; it = it->next, k++) {
		PangoLayout *l;
		snprintf(mk, sizeof mk, "%d.", k);
		l = rd_layout(f, mk, f->serif, RD_BODY_PT, 0, 0);
		if (rd_layout_w(l) + RD_BODY_PT * 0.5 > hang)
			hang = rd_layout_w(l) + RD_BODY_PT * 0.5;
	}
	for (k = n->start, it = n->first; it && !stopped(h); it = it->next, k++) {
		PangoLayout *ml;
		struct rd_row *r;
		int mi;
		if (it->kind != TK_MD_ITEM)
			continue;
		if (n->ordered)
			snprintf(mk, sizeof mk, "%d.", k);
		else
			snprintf(mk, sizeof mk, "%s", bullet[level % 3]);
		start(h);
		/* the marker: a row of no height, level with the item's first line */
		ml = rd_layout(f, mk, f->serif, RD_BODY_PT, 0, 0);
		if ((r = rd_row_new(f, RD_LAYOUT, 0)) == NULL)
			return;
		r->l = ml;
		r->x = x;
		r->base = RD_BODY_PT * RD_LEAD / 2;
		mi = f->n - 1;
		h->keep = 1;
		blocks(h, it->first, x + hang, w - hang, depth + 1);
		h->keep = 0;
		if (mi + 1 < f->n && f->rows[mi + 1].kind == RD_LINE)
			f->rows[mi].base = f->rows[mi + 1].base -
					   (double)pango_layout_get_baseline(ml) / PANGO_SCALE;
	}
	if (!tight(n))
		rd_space(f, RD_BODY_PT * 0.35);
}

static void hr(struct hb *h, double x, double w)
{
	struct rd_row *r;

	start(h);
	if ((r = rd_row_new(&h->f, RD_RULE, 14)) != NULL) {
		r->x = x;
		r->w = w;
	}
	rd_space(&h->f, 6);
}

static void block(struct hb *h, const struct tk_md_node *n, double x, double w, int depth)
{
	struct rd_flow *f = &h->f;

	if (depth > 16 || w < RD_BODY_PT * 8) {
		/* nested past what a page can show: the text, at this indent */
		struct tk_buf t = TK_BUF_INIT, m = TK_BUF_INIT;
		start(h);
		tk_md_plain(n, &t);
		tk_buf_xml(&m, tk_buf_str(&t), 0);
		if (m.len)
			rd_para(f, tk_buf_str(&m), x, w, 0, f->serif, RD_BODY_PT, 0);
		tk_buf_free(&t);
		tk_buf_free(&m);
		return;
	}
	switch (n->kind) {
	case TK_MD_PARAGRAPH:
		paragraph(h, n, x, w);
		break;
	case TK_MD_HEADING:
		heading(h, n, x, w);
		break;
	case TK_MD_QUOTE:
		quote(h, n, x, w, depth);
		break;
	case TK_MD_CALLOUT:
		callout(h, n, x, w, depth);
		break;
	case TK_MD_LIST:
		list(h, n, x, w, depth);
		break;
	case TK_MD_CODE_BLOCK:
		code(h, n, x, w);
		break;
	case TK_MD_DIALOGUE:
		dialogue(h, n, x, w);
		break;
	case TK_MD_TABLE:
		table(h, n, x, w);
		break;
	case TK_MD_RULE:
		hr(h, x, w);
		break;
	default:                /* inline content where a block was expected */
		paragraph(h, n, x, w);
	}
}

static void blocks(struct hb *h, const struct tk_md_node *first, double x, double w, int depth)
{
	const struct tk_md_node *n;

	for (n = first; n && !stopped(h); n = n->next)
		block(h, n, x, w, depth);
}

/* ---- items -------------------------------------------------------------- */

/* Does the item show an image anywhere? */
static int item_has_image(const struct tk_item *it)
{
	int i;

	if ((it->stem && strstr(it->stem, "<img")) || (it->answer && strstr(it->answer, "<img")) ||
	    (it->explanation && strstr(it->explanation, "<img")))
		return 1;
	for (i = 0; i < it->noptions; i++)
		if (it->options[i].text && strstr(it->options[i].text, "<img"))
			return 1;
	return 0;
}

/* Items' images come from o->images, which must then be named. */
static int item_ok(struct hb *h, const struct tk_item *it, int line)
{
	if (h->f.o->images || !item_has_image(it))
		return 1;
	if (first_failure(h))
		tk_error_set(h->err, TK_EINPUT, h->c->file, line,
			     "item '%s' shows an image: name the folder of the items' images "
			     "with --images DIR", it->id);
	return 0;
}

static int paper_ok(struct hb *h, const struct tk_paper *p, int line)
{
	int s, i;

	for (s = 0; s < p->nsections; s++)
		for (i = 0; i < p->sections[s].nitems; i++)
			if (!item_ok(h, p->sections[s].items[i], line))
				return 0;
	return 1;
}

/* An item as on a paper: its number, stem and options, ruled lines for an
   open answer. */
static void item(struct hb *h, const struct tk_item *it, int no)
{
	struct rd_flow *f = &h->f;
	char lead[32];
	int k;

	start(h);
	snprintf(lead, sizeof lead, "%d．", no);
	rd_fragment(f, it->stem, lead, HANG, f->left, f->width);
	if (rd_is_choice(it->type) && it->noptions)
		rd_options(f, it, f->left + HANG, f->width - HANG);
	if (it->type >= TK_SHORT) {
		rd_space(f, 2);
		for (k = 0; k < 3; k++)
			rd_rule(f, f->left + HANG, f->width - HANG);
	}
	rd_space(f, RD_BODY_PT * 0.6);
}

/* A fill item's answer: "（1）18 或 十八　（2）25", as markup. */
static void fill_answer(const char *answer, struct tk_buf *b)
{
	char ***blanks;
	int *nalts, nb, i, k;

	if (!tk_item_blanks(answer, &blanks, &nalts, &nb) || nb == 0) {
		/* not blanks after all: its text */
		char *t = tk_fragment_text(answer ? answer : "");
		tk_buf_xml(b, t ? t : "", 0);
		free(t);
		tk_item_blanks_free(blanks, nalts, nb);
		return;
	}
	for (i = 0; i < nb; i++) {
		tk_buf_printf(b, "%s（%d）", i ? "　" : "", i + 1);
		for (k = 0; k < nalts[i]; k++) {
			if (k)
				tk_buf_puts(b, " 或 ");
			tk_buf_xml(b, blanks[i][k], 0);
		}
	}
	tk_item_blanks_free(blanks, nalts, nb);
}

/* An item's answer: the key, or the reference and its rubric; the 解析. */
static void answer(struct hb *h, const struct tk_item *it, int no)
{
	struct rd_flow *f = &h->f;
	struct tk_buf lead = TK_BUF_INIT;

	start(h);
	tk_buf_printf(&lead, "%d．", no);
	if (rd_is_choice(it->type) || it->type == TK_TRUEFALSE || it->type == TK_FILL) {
		tk_buf_puts(&lead, "<b>答案：</b>");
		if (it->type == TK_TRUEFALSE)
			tk_buf_puts(&lead, it->answer && !strcmp(it->answer, "true") ? "√" : "×");
		else if (it->type == TK_FILL)
			fill_answer(it->answer, &lead);
		else
			tk_buf_xml(&lead, it->answer ? it->answer : "", 0);
		rd_para(f, tk_buf_str(&lead), f->left, f->width, HANG, f->serif, RD_BODY_PT, 0);
	} else {
		tk_buf_puts(&lead, "<b>参考答案：</b>");
		rd_fragment(f, it->answer, tk_buf_str(&lead), HANG, f->left, f->width);
		rd_rubric(f, it, f->left + HANG, f->width - HANG);
	}
	if (it->explanation && *it->explanation)
		rd_fragment(f, it->explanation, "<b>解析：</b>", 0, f->left + HANG, f->width - HANG);
	rd_space(f, RD_BODY_PT * 0.6);
	tk_buf_free(&lead);
}

/* ---- the parts of the handbook ----------------------------------------- */

/* A heading of the handbook's own, from plain text. */
static void title_line(struct hb *h, const char *plain, double size)
{
	struct tk_buf m = TK_BUF_INIT;

	tk_buf_xml(&m, plain, 0);
	rd_para(&h->f, tk_buf_str(&m), h->f.left, h->f.width, 0, h->f.sans, size, 1);
	tk_buf_free(&m);
}

static void new_page(struct hb *h)
{
	h->f.group++;
	rd_row_new(&h->f, RD_PAGE, 0);
	h->f.group++;
}

static const char *level_name(const struct hb *h)
{
	int l = tk_standard_level(h->s, h->c->level);

	return l >= 0 ? h->s->levels[l].name : h->c->level;
}

static int total_hours(const struct tk_course *c)
{
	int i, t = 0;

	for (i = 0; i < c->nlessons; i++)
		t += c->lessons[i].hours;
	return t;
}

/* The module's test, or the mock exam (module -1); NULL when none. */
static const struct tk_practice_test *test_of(const struct hb *h, int module)
{
	int i;

	for (i = 0; i < h->p->ntests; i++)
		if (module < 0 ? h->p->tests[i].kind == TK_TEST_EXAM :
		    h->p->tests[i].kind == TK_TEST_MODULE && h->p->tests[i].module == module)
			return h->p->tests[i].paper ? &h->p->tests[i] : NULL;
	return NULL;
}

/* "第一单元　TITLE" */
static void module_title(const struct hb *h, int m, struct tk_buf *b)
{
	tk_buf_puts(b, "第");
	tk_paper_cn_number(m + 1, b);
	tk_buf_puts(b, "单元　");
	tk_buf_puts(b, h->c->modules[m].title ? h->c->modules[m].title : h->c->modules[m].id);
}

/* "第3课　TITLE" */
static void lesson_title(const struct hb *h, int i, struct tk_buf *b)
{
	const struct tk_course_lesson *l = &h->c->lessons[i];

	tk_buf_printf(b, "第%d课　%s", i + 1, l->title ? l->title : l->id);
}

static void title_page(struct hb *h)
{
	const struct tk_course *c = h->c;
	struct rd_flow *f = &h->f;
	struct tk_buf m = TK_BUF_INIT, v[4];
	const char *label[4] = {"职业标准：", "等级：", "总学时：", "课程版本："}, *mk[3];
	double w[3] = {RD_BODY_PT * 7, RD_BODY_PT * 0.5, f->width / 2};
	char hours[24];
	int i, n = 0;

	memset(v, 0, sizeof v);
	pad(h, 150);
	tk_buf_xml(&m, c->title ? c->title : c->id, 0);
	rd_centred(f, tk_buf_str(&m), f->sans, 24, 1);
	rd_space(f, 16);
	rd_centred(f, "培　训　讲　义", f->sans, 16, 0);
	rd_space(f, 110);
	tk_buf_xml(&v[n++], h->s->title ? h->s->title : h->s->id, 0);
	tk_buf_xml(&v[n++], level_name(h), 0);
	tk_buf_printf(&v[n++], "%s 学时", tk_course_hours_format(total_hours(c), hours));
	tk_buf_xml(&v[n++], c->version ? c->version : "", 0);
	for (i = 0; i < n; i++) {
		struct tk_buf l = TK_BUF_INIT;
		tk_buf_puts(&l, "<span font_family=\"");
		tk_buf_xml(&l, f->sans, 1);
		tk_buf_printf(&l, "\" weight=\"bold\">%s</span>", label[i]);
		mk[0] = tk_buf_str(&l);
		mk[1] = "";
		mk[2] = tk_buf_str(&v[i]);
		f->group++;
		rd_cells_aligned(f, mk, 3, f->left + f->width / 2 - w[0] - RD_BODY_PT * 2, w, 0,
				 f->serif, 0,
				 (const int[]){PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT});
		rd_space(f, 6);
		tk_buf_free(&l);
		tk_buf_free(&v[i]);
	}
	if (c->description && *c->description) {
		tk_buf_reset(&m);
		tk_buf_xml(&m, c->description, 0);
		f->group++;
		rd_space(f, 60);
		rd_para(f, tk_buf_str(&m), f->left + f->width * 0.12, f->width * 0.76, 0, f->serif,
			RD_BODY_PT, 0);
	}
	tk_buf_free(&m);
}

/* A line of the contents: the title, dots, the page (filled in once known). */
static void toc_line(struct hb *h, int level, const char *plain)
{
	struct rd_flow *f = &h->f;
	struct tk_buf m = TK_BUF_INIT;
	double in = level ? RD_BODY_PT * 2 : 0, w[2];
	const char *mk[2];
	int *v;

	w[0] = f->width - in - NUM_W;
	w[1] = NUM_W;
	tk_buf_xml(&m, plain, 0);
	mk[0] = tk_buf_str(&m);
	mk[1] = "0";
	f->group++;
	if (level == 0)
		rd_space(f, 5);
	rd_cells_aligned(f, mk, 2, f->left + in, w, 0, level ? f->serif : f->sans, level == 0,
			 (const int[]){PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT});
	tk_buf_free(&m);
	if (f->oom)
		return;
	{
		/* the page number is set once the pages are known: a layout of
		   its own, not the one the renderer shares for the same text */
		PangoLayout *num = rd_layout(f, "0", level ? f->serif : f->sans, RD_BODY_PT,
					     level == 0, w[1]);
		pango_layout_set_alignment(num, PANGO_ALIGN_RIGHT);
		f->rows[f->n - 1].cell[1] = num;
	}
	if (f->oom || (v = tk_grow(h->toc, h->ntoc, sizeof *v, &h->oom)) == NULL)
		return;
	h->toc = v;
	f->rows[f->n - 1].tag = TAG_TOC;
	v[h->ntoc++] = f->n - 1;
}

/* The contents: the same parts, in the same order, as build() marks. */
static void contents(struct hb *h)
{
	const struct tk_course *c = h->c;
	struct tk_buf t = TK_BUF_INIT;
	char hours[24];
	int m, i;

	new_page(h);
	mark(h, 0, "目录", 0);
	rd_centred(&h->f, "目　　录", h->f.sans, 18, 1);
	rd_space(&h->f, 14);
	for (m = 0; m < c->nmodules; m++) {
		tk_buf_reset(&t);
		module_title(h, m, &t);
		toc_line(h, 0, tk_buf_str(&t));
		for (i = c->modules[m].first; i < c->modules[m].first + c->modules[m].nlessons; i++) {
			tk_buf_reset(&t);
			lesson_title(h, i, &t);
			tk_buf_printf(&t, "（%s学时）", tk_course_hours_format(c->lessons[i].hours, hours));
			toc_line(h, 1, tk_buf_str(&t));
		}
		if (test_of(h, m))
			toc_line(h, 1, "单元测试");
	}
	if (test_of(h, -1))
		toc_line(h, 0, "模拟试卷");
	toc_line(h, 0, "参考答案");
	tk_buf_free(&t);
}

/* The line of the course file that gave lesson i's k-th practice item. */
static int practice_line(const struct tk_course_lesson *l, int k)
{
	if (l->practice.mode == TK_PRACTICE_ITEMS && k < l->practice.nitems && l->practice.item_lines)
		return l->practice.item_lines[k];
	return l->practice.line ? l->practice.line : l->line;
}

static void lesson_body(struct hb *h, int i)
{
	const struct tk_course_lesson *l = &h->c->lessons[i];
	char *path = tk_course_body_path(h->c, i), *rel = NULL, *data = NULL, *slash;
	struct tk_md_doc *doc = NULL;
	struct tk_error e = {0};
	struct tk_buf t = TK_BUF_INIT;
	const struct tk_md_node *first;
	size_t len;

	if (path == NULL || tk_md_resolve("", l->body, &rel) != TK_MD_PATH_OK) {
		if (first_failure(h))
			tk_error_set(h->err, TK_EINPUT, h->c->file, l->line,
				     "lesson '%s': its body '%s' is outside the course folder",
				     l->id, l->body);
		goto out;
	}
	if (tk_read_file(path, &data, &len, &e) != TK_OK) {
		if (first_failure(h))
			tk_error_set(h->err, TK_EINPUT, h->c->file, l->line,
				     "lesson '%s': cannot read its body %s: %s", l->id, path, e.msg);
		goto out;
	}
	if (tk_md_parse(data, len, path, &doc, NULL, &e) != TK_OK) {
		/* e names the body's file and line */
		if (first_failure(h) && h->err)
			*h->err = e;
		goto out;
	}
	/* images are written relative to the body's own folder */
	if ((slash = strrchr(rel, '/')) != NULL)
		*slash = '\0';
	else
		*rel = '\0';
	free(h->dir);
	h->dir = rel;
	rel = NULL;
	h->file = path;
	first = doc->root->first;
	/* a body that opens with the lesson's own title: printed once */
	if (first && first->kind == TK_MD_HEADING && first->level == 1) {
		tk_md_plain(first, &t);
		if (l->title && !strcmp(tk_trim(t.s ? t.s : (char *)""), l->title))
			first = first->next;
	}
	h->keep = 1;
	blocks(h, first, h->f.left, h->f.width, 0);
	h->keep = 0;
	h->file = NULL;
out:
	tk_buf_free(&t);
	tk_md_free(doc);
	free(data);
	free(rel);
	free(path);
}

static void lesson(struct hb *h, int i, int page)
{
	const struct tk_course_lesson *l = &h->c->lessons[i];
	const struct tk_practice_set *set = &h->p->lessons[i];
	struct rd_flow *f = &h->f;
	struct tk_buf t = TK_BUF_INIT, m = TK_BUF_INIT;
	char hours[24];
	struct rd_row *r;
	int k;

	if (page)
		new_page(h);
	f->group++;
	lesson_title(h, i, &t);
	rd_space(f, 6);
	mark(h, 1, tk_buf_str(&t), 1);
	title_line(h, tk_buf_str(&t), 15);
	tk_buf_printf(&m, "<span foreground=\"#555555\">学时：%s",
		      tk_course_hours_format(l->hours, hours));
	if (l->ncodes) {
		tk_buf_puts(&m, "　　对应要求：");
		for (k = 0; k < l->ncodes; k++) {
			if (k)
				tk_buf_puts(&m, "　");
			tk_buf_xml(&m, l->codes[k], 0);
		}
	}
	tk_buf_puts(&m, "</span>");
	rd_space(f, 2);
	rd_para(f, tk_buf_str(&m), f->left, f->width, 0, f->sans, 9, 0);
	if ((r = rd_row_new(f, RD_RULE, 8)) != NULL) {
		r->x = f->left;
		r->w = f->width;
	}
	rd_space(f, 6);
	tk_buf_free(&t);
	tk_buf_free(&m);
	lesson_body(h, i);
	if (set->n == 0 || stopped(h))
		return;
	f->group++;
	rd_space(f, 12);
	title_line(h, "练习题", 12.5);
	rd_space(f, 4);
	h->keep = 1;
	for (k = 0; k < set->n && !stopped(h); k++) {
		const struct tk_item *it = tk_practice_item(h->p, set->ids[k]);
		if (it && item_ok(h, it, practice_line(l, k)))
			item(h, it, k + 1);
	}
	h->keep = 0;
}

/* A module test or the mock exam, as its paper. */
static void test(struct hb *h, const struct tk_practice_test *t, int level, const char *title,
		 int line)
{
	if (!paper_ok(h, t->paper, line))
		return;
	new_page(h);
	mark(h, level, title, 1);
	rd_paper_flow(&h->f, t->paper);
}

/* 参考答案: each lesson's practice, then the tests' keys. */
static void answers(struct hb *h)
{
	const struct tk_course *c = h->c;
	struct rd_flow *f = &h->f;
	struct tk_buf t = TK_BUF_INIT;
	int i, k, m;

	new_page(h);
	mark(h, 0, "参考答案", 1);
	rd_centred(f, "参　考　答　案", f->sans, 18, 1);
	rd_space(f, 10);
	for (i = 0; i < c->nlessons && !stopped(h); i++) {
		const struct tk_practice_set *set = &h->p->lessons[i];
		if (set->n == 0)
			continue;
		f->group++;
		rd_space(f, 8);
		tk_buf_reset(&t);
		lesson_title(h, i, &t);
		title_line(h, tk_buf_str(&t), 12);
		rd_space(f, 3);
		h->keep = 1;
		for (k = 0; k < set->n; k++) {
			const struct tk_item *it = tk_practice_item(h->p, set->ids[k]);
			if (it)
				answer(h, it, k + 1);
		}
		h->keep = 0;
	}
	tk_buf_free(&t);
	for (m = 0; m <= c->nmodules && !stopped(h); m++) {
		/* the modules' tests, then the exam */
		const struct tk_practice_test *pt = test_of(h, m < c->nmodules ? m : -1);
		if (pt == NULL)
			continue;
		new_page(h);
		rd_key_flow(f, pt->paper);
	}
}

static void build(struct hb *h)
{
	const struct tk_course *c = h->c;
	const struct tk_practice_test *t;
	struct tk_buf b = TK_BUF_INIT;
	int m, i;

	title_page(h);
	contents(h);
	for (m = 0; m < c->nmodules && !stopped(h); m++) {
		const struct tk_course_module *mod = &c->modules[m];
		struct rd_row *r;
		new_page(h);
		tk_buf_reset(&b);
		module_title(h, m, &b);
		mark(h, 0, tk_buf_str(&b), 1);
		title_line(h, tk_buf_str(&b), 18);
		if ((r = rd_row_new(&h->f, RD_RULE, 8)) != NULL) {
			r->x = h->f.left;
			r->w = h->f.width;
		}
		rd_space(&h->f, 10);
		for (i = mod->first; i < mod->first + mod->nlessons && !stopped(h); i++)
			lesson(h, i, i > mod->first);
		if ((t = test_of(h, m)) != NULL && !stopped(h))
			test(h, t, 1, "单元测试", mod->test.line ? mod->test.line : mod->line);
	}
	if ((t = test_of(h, -1)) != NULL && !stopped(h))
		test(h, t, 0, "模拟试卷", c->exam.line ? c->exam.line : c->line);
	if (!stopped(h))
		answers(h);
	tk_buf_free(&b);
}

/* ---- drawing ------------------------------------------------------------ */

/* Does row r take room on its page?  (Spaces at the top of a page do not.) */
static int shown(const struct rd_row *r)
{
	return r->kind != RD_PAGE && !(r->kind == RD_SPACE && r->y == 0 && !r->hold);
}

/* The frames' shading and edges on page pg, under its text. */
static void draw_frames(struct hb *h, cairo_t *cr, int pg)
{
	const struct rd_flow *f = &h->f;
	int k, i;

	for (k = 0; k < h->nframes; k++) {
		const struct frame *fr = &h->frames[k];
		double top = 0, bot = 0, y, ht;
		int any = 0;
		for (i = fr->first; i < fr->last; i++) {
			const struct rd_row *r = &f->rows[i];
			if (r->page != pg || !shown(r))
				continue;
			if (!any || r->y < top)
				top = r->y;
			if (!any || r->y + r->h > bot)
				bot = r->y + r->h;
			any = 1;
		}
		if (!any)
			continue;
		/* a frame that runs on from the page before, or on to the next,
		   keeps a little room at the cut */
		if (fr->first < f->n && f->rows[fr->first].page < pg)
			top -= 4;
		if (fr->last > 0 && f->rows[fr->last - 1].page > pg)
			bot += 4;
		y = RD_M_TOP + top;
		ht = bot - top;
		cairo_save(cr);
		switch (fr->style) {
		case FR_KEY:
		case FR_CAUTION:
			cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
			cairo_rectangle(cr, fr->x, y, fr->w, ht);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
			cairo_set_line_width(cr, fr->style == FR_CAUTION ? 1.4 : 0.6);
			cairo_rectangle(cr, fr->x, y, fr->w, ht);
			cairo_stroke(cr);
			if (fr->style == FR_KEY) {      /* a bar down the left edge */
				cairo_rectangle(cr, fr->x, y, 3, ht);
				cairo_fill(cr);
			}
			break;
		case FR_CASE:
			cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
			cairo_set_line_width(cr, 0.8);
			cairo_set_dash(cr, (double[]){4, 2.5}, 2, 0);
			cairo_rectangle(cr, fr->x, y, fr->w, ht);
			cairo_stroke(cr);
			break;
		case FR_QUOTE:
			cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
			cairo_rectangle(cr, fr->x, y, 2.5, ht);
			cairo_fill(cr);
			break;
		case FR_CODE:
			cairo_set_source_rgb(cr, 0.95, 0.95, 0.95);
			cairo_rectangle(cr, fr->x, y, fr->w, ht);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
			cairo_set_line_width(cr, 0.5);
			cairo_rectangle(cr, fr->x, y, fr->w, ht);
			cairo_stroke(cr);
			break;
		case FR_DIALOGUE:
			cairo_set_source_rgb(cr, 0.92, 0.92, 0.92);
			cairo_rectangle(cr, fr->x, y, fr->split - fr->x, ht);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
			cairo_set_line_width(cr, 0.6);
			cairo_rectangle(cr, fr->x, y, fr->w, ht);
			cairo_move_to(cr, fr->split, y);
			cairo_line_to(cr, fr->split, y + ht);
			cairo_stroke(cr);
			break;
		}
		cairo_restore(cr);
	}
}

/* The PDF page showing flow page pg, and where on it y (of the body) is. */
static int pdf_page(const struct tk_render *r, int pg)
{
	return r->o.a3 ? pg / 2 + 1 : pg + 1;
}

static void link_attrs(const struct tk_render *r, const struct rd_row *to, char *buf, size_t n)
{
	snprintf(buf, n, "page=%d pos=[%d %d]", pdf_page(r, to->page),
		 (int)(r->o.a3 && to->page % 2 ? RD_PAGE_W : 0), (int)(RD_M_TOP + to->y - 12));
}

/* A line of the contents: its row, then dots from the title to the page. */
static void draw_toc(cairo_t *cr, const struct rd_row *r)
{
	PangoLayoutIter *it;
	PangoRectangle lg;
	double x0, x1, base;

	rd_draw_row(cr, r, RD_M_TOP);
	it = pango_layout_get_iter(r->cell[0]);
	while (pango_layout_iter_next_line(it))
		;
	pango_layout_iter_get_line_extents(it, NULL, &lg);
	x0 = r->cx[0] + (double)(lg.x + lg.width) / PANGO_SCALE + 4;
	base = RD_M_TOP + r->y + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
	pango_layout_iter_free(it);
	it = pango_layout_get_iter(r->cell[1]);
	pango_layout_iter_get_line_extents(it, NULL, &lg);
	x1 = r->cx[1] + (double)lg.x / PANGO_SCALE - 4;
	pango_layout_iter_free(it);
	if (x1 - x0 < 8)
		return;
	cairo_save(cr);
	cairo_set_line_width(cr, 0.9);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_dash(cr, (double[]){0, 3.2}, 2, 0);
	cairo_move_to(cr, x0, base - 0.5);
	cairo_line_to(cr, x1, base - 0.5);
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* The last part started on or before page pg: for the running head. */
static const struct mark *part_of(const struct hb *h, int pg)
{
	const struct mark *m = NULL;
	int i;

	for (i = 0; i < h->nmarks && h->marks[i].row < h->f.n &&
		    h->f.rows[h->marks[i].row].page <= pg; i++)
		m = &h->marks[i];
	return m;
}

static void draw(struct hb *h, struct tk_render *r, int npages)
{
	struct rd_flow *f = &h->f;
	cairo_t *cr = r->cr;
	struct tk_buf head = TK_BUF_INIT;
	char foot[64], attrs[80];
	int pg, i = 0, k;

	tk_buf_xml(&head, h->c->title ? h->c->title : h->c->id, 0);
	for (pg = 0; pg < npages; pg++) {
		const struct mark *m = part_of(h, pg);
		cairo_save(cr);
		if (r->o.a3 && pg % 2)
			cairo_translate(cr, RD_PAGE_W, 0);
		cairo_set_source_rgb(cr, 0, 0, 0);
		if (pg > 0) {
			/* the running head: the course, and the part this page is in */
			PangoLayout *l = rd_small(f, tk_buf_str(&head), 8.5);
			cairo_move_to(cr, f->left, RD_M_TOP - 26);
			pango_cairo_show_layout(cr, l);
			if (m) {
				struct tk_buf t = TK_BUF_INIT;
				tk_buf_xml(&t, m->title, 0);
				l = rd_small(f, tk_buf_str(&t), 8.5);
				tk_buf_free(&t);
				cairo_move_to(cr, f->left + f->width - rd_layout_w(l), RD_M_TOP - 26);
				pango_cairo_show_layout(cr, l);
			}
			cairo_set_line_width(cr, 0.5);
			cairo_move_to(cr, f->left, RD_M_TOP - 10);
			cairo_line_to(cr, f->left + f->width, RD_M_TOP - 10);
			cairo_stroke(cr);
		}
		snprintf(foot, sizeof foot, "第 %d 页　共 %d 页", pg + 1, npages);
		rd_draw_centred(cr, rd_small(f, foot, 9), f->left + f->width / 2,
				RD_PAGE_H - RD_M_BOTTOM + 20);
		draw_frames(h, cr, pg);
		for (; i < f->n && f->rows[i].page == pg; i++) {
			const struct rd_row *row = &f->rows[i];
			if (row->kind == RD_SPACE || row->kind == RD_PAGE)
				continue;
			if (row->tag == TAG_HEAD) {
				cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
				for (k = 0; k < row->ncells; k++)
					cairo_rectangle(cr, row->cx[k], RD_M_TOP + row->y, row->cw[k], row->h);
				cairo_fill(cr);
				cairo_set_source_rgb(cr, 0, 0, 0);
			}
			if (row->tag != TAG_TOC) {
				rd_draw_row(cr, row, RD_M_TOP);
				continue;
			}
			/* a line of the contents links to its page */
			for (k = 0; k < h->nmarks && h->marks[k].toc != i; k++)
				;
			if (k < h->nmarks) {
				link_attrs(r, &f->rows[h->marks[k].row], attrs, sizeof attrs);
				cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs);
			}
			draw_toc(cr, row);
			if (k < h->nmarks)
				cairo_tag_end(cr, CAIRO_TAG_LINK);
		}
		cairo_restore(cr);
		if (!r->o.a3 || pg % 2 || pg == npages - 1) {
			cairo_show_page(cr);
			r->sheets++;
		}
	}
	r->pages += npages;
	tk_buf_free(&head);
}

/* Now that every part has its page: the contents' page numbers, the outline. */
static void number(struct hb *h, struct tk_render *r)
{
	char num[16], attrs[80];
	int k, parent = CAIRO_PDF_OUTLINE_ROOT;

	for (k = 0; k < h->nmarks; k++) {
		const struct mark *m = &h->marks[k];
		const struct rd_row *to;
		int id;
		if (m->row >= h->f.n)   /* nothing after it: not a part */
			continue;
		to = &h->f.rows[m->row];
		if (m->toc >= 0) {
			snprintf(num, sizeof num, "%d", to->page + 1);
			pango_layout_set_text(h->f.rows[m->toc].cell[1], num, -1);
		}
		link_attrs(r, to, attrs, sizeof attrs);
		id = cairo_pdf_surface_add_outline(r->pdf, m->level ? parent : CAIRO_PDF_OUTLINE_ROOT,
						   m->title, attrs, 0);
		if (m->level == 0)
			parent = id;
	}
}

static void hb_free(struct hb *h)
{
	int i;

	for (i = 0; i < h->nmarks; i++)
		free(h->marks[i].title);
	free(h->marks);
	free(h->frames);
	free(h->toc);
	free(h->pending);
	free(h->dir);
	rd_flow_free(&h->f);
}

int tk_handbook_pdf(const struct tk_course *c, const struct tk_standard *s,
		    const struct tk_practice *p, const struct tk_render_opts *o,
		    struct tk_buf *out, int *pages, struct tk_error *err)
{
	struct tk_render *r = NULL;
	struct tk_error e = {0};
	struct hb h;
	int rc, npages;

	memset(&h, 0, sizeof h);
	if ((rc = tk_render_new(o, c->title ? c->title : c->id, out, &r, err)) != TK_OK)
		return rc;
	/* the handbook's answers carry their 解析; nothing of a paper's margin */
	r->o.key = 0;
	r->o.explanations = 1;
	r->o.seal_line = 0;
	rd_flow_init(&h.f, r, err);
	h.c = c;
	h.s = s;
	h.p = p;
	h.err = err;
	h.mono = tk_render_font_check(MONO, &e) == TK_OK ? MONO : "monospace";
	build(&h);
	if (h.failed || h.f.failed) {
		rc = err && err->code ? err->code : TK_EINPUT;
		goto out;
	}
	if (h.f.oom || h.oom) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	if (h.listed != h.ntoc) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0,
				  "the contents list %d parts, the handbook has %d (a bug)",
				  h.ntoc, h.listed);
		goto out;
	}
	npages = rd_paginate(&h.f);
	number(&h, r);
	draw(&h, r, npages);
	if (cairo_status(r->cr) != CAIRO_STATUS_SUCCESS || out->oom) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot draw the PDF: %s",
				  cairo_status_to_string(cairo_status(r->cr)));
		goto out;
	}
	hb_free(&h);
	rc = tk_render_finish(r, pages, err);
	tk_render_free(r);
	return rc;
out:
	hb_free(&h);
	tk_render_free(r);
	return rc;
}

int tk_handbook_file(const struct tk_course *c, const struct tk_standard *s,
		     const struct tk_practice *p, const struct tk_render_opts *o,
		     const char *path, int *pages, struct tk_error *err)
{
	struct tk_buf pdf = TK_BUF_INIT;
	int rc = tk_handbook_pdf(c, s, p, o, &pdf, pages, err);

	if (rc == TK_OK)
		rc = tk_write_file(path, pdf.s, pdf.len, err);
	tk_buf_free(&pdf);
	return rc;
}
