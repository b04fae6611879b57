/*
 * render.c -- papers and keys as PDF: a flow of rows built with Pango,
 * paginated, then drawn page by page with Cairo.  See render.h.
 */
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "blueprint.h"
#include "item.h"
#include "paperfmt.h"
#include "pdfcat.h"
#include "render.h"
#include "render_int.h"
#include "xml.h"

/* ---- building the flow -------------------------------------------- */

void rd_flow_init(struct rd_flow *f, struct tk_render *r, struct tk_error *err)
{
	memset(f, 0, sizeof *f);
	f->o = &r->o;
	f->serif = r->o.font;
	f->sans = r->o.sans;
	f->ctx = r->ctx;
	f->fixed = r->fixed;
	f->err = err;
	f->left = r->o.seal_line ? RD_M_SEAL : RD_M_LEFT;
	f->width = RD_PAGE_W - f->left - RD_M_RIGHT;
}

void rd_flow_free(struct rd_flow *f)
{
	int i;

	for (i = 0; i < f->nls; i++)
		g_object_unref(f->ls[i]);
	free(f->ls);
	for (i = 0; i < f->nimgs; i++)
		cairo_surface_destroy(f->imgs[i]);
	free(f->imgs);
	free(f->rows);
	memset(f, 0, sizeof *f);
}

static void buf_init(struct tk_buf *b)
{
	memset(b, 0, sizeof *b);
}

struct rd_row *rd_row_new(struct rd_flow *f, int kind, double h)
{
	struct rd_row *r;

	if (f->n == f->cap) {
		int cap = f->cap ? f->cap * 2 : 256;
		struct rd_row *v = realloc(f->rows, (size_t)cap * sizeof *v);
		if (v == NULL) {
			f->oom = 1;
			return NULL;
		}
		f->rows = v;
		f->cap = cap;
	}
	r = &f->rows[f->n++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->h = h;
	r->group = f->group;
	return r;
}

void rd_keep(struct rd_flow *f, PangoLayout *l)
{
	if (f->nls == f->capls) {
		int cap = f->capls ? f->capls * 2 : 256;
		PangoLayout **v = realloc(f->ls, (size_t)cap * sizeof *v);
		if (v == NULL) {
			f->oom = 1;
			g_object_unref(l);
			return;
		}
		f->ls = v;
		f->capls = cap;
	}
	f->ls[f->nls++] = l;
}

/*
 * Is the UTF-8 character at s Chinese text: a Han character or kana?  Its
 * punctuation alone (a （　） after an English sentence) is not.
 */
static int is_cjk(const unsigned char *s)
{
	return s[0] >= 0xE3 && s[0] <= 0xE9 && !(s[0] == 0xE3 && s[1] == 0x80);
}

static int is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Does a blank （　） (ideographic spaces or none) start at s?  Its length. */
static size_t blank_parens(const char *s)
{
	size_t j;

	if (strncmp(s, "（", 3))
		return 0;
	for (j = 3; !strncmp(s + j, "\u3000", 3) || s[j] == ' '; j += s[j] == ' ' ? 1 : 3)
		;
	return strncmp(s + j, "）", 3) ? 0 : j + 3;
}

/*
 * Markup as a Chinese paper prints it: in Chinese text straight quotes
 * become “” and ‘’, opening and closing in turn within the paragraph (an
 * apostrophe between two letters stays); a blank （　） is bound to the
 * character before it with Pango's allow_breaks, so that line breaking
 * never leaves it alone at the start of a line.  NULL: nothing to change.
 */
static char *typeset(const char *m)
{
	struct tk_buf b = TK_BUF_INIT;
	const unsigned char *u = (const unsigned char *)m;
	int cjk = 0, dq = 0, sq = 0, intag = 0;
	size_t i, n = strlen(m);

	for (i = 0; i < n && !cjk; i++)
		cjk = u[i] >= 0xE3 && i + 1 < n && is_cjk(u + i);
	if (!cjk)
		return NULL;
	if (!strchr(m, '"') && !strchr(m, '\'') && !strstr(m, "&quot;") && !strstr(m, "&apos;") &&
	    !strstr(m, "&#39;") && !strstr(m, "（"))
		return NULL;
	for (i = 0; i < n; i++) {
		size_t k;
		if (intag || m[i] == '<') {
			intag = m[i] != '>';
			tk_buf_putc(&b, m[i]);
		} else if (m[i] == '"' || !strncmp(m + i, "&quot;", 6)) {
			tk_buf_puts(&b, dq ? "”" : "“");
			dq = !dq;
			i += m[i] == '"' ? 0 : 5;
		} else if (m[i] == '\'' || !strncmp(m + i, "&apos;", 6) || !strncmp(m + i, "&#39;", 5)) {
			size_t len = m[i] == '\'' ? 1 : m[i + 2] == 'a' ? 6 : 5;
			if (i > 0 && is_alnum(u[i - 1]) && is_alnum(u[i + len])) {
				tk_buf_putc(&b, '\'');    /* it's, don't */
			} else {
				tk_buf_puts(&b, sq ? "’" : "‘");
				sq = !sq;
			}
			i += len - 1;
		} else if ((k = blank_parens(m + i)) > 0) {
			/* the character before it goes into the span, unless it
			   is markup (a tag or an entity) */
			size_t at = b.len;
			if (at > 0 && b.s[at - 1] != '>' && b.s[at - 1] != ';') {
				at--;
				while (at > 0 && ((unsigned char)b.s[at] & 0xC0) == 0x80)
					at--;
			}
			{
				char prev[8] = "";
				size_t pl = b.len - at < 7 ? b.len - at : 7;
				if (pl)
					memcpy(prev, b.s + at, pl);
				prev[pl] = 0;
				b.len = at;
				tk_buf_puts(&b, "<span allow_breaks=\"false\">");
				tk_buf_puts(&b, prev);
				tk_buf_add(&b, m + i, k);
				tk_buf_puts(&b, "</span>");
			}
			i += k - 1;
		} else {
			tk_buf_putc(&b, m[i]);
		}
	}
	return tk_buf_detach(&b);
}

/*
 * A layout of markup in family at size, wrapped to width (0: no wrap).
 * Markup comes from canonical fragments, but should Pango refuse it the
 * text is still shown, without its styling.  In papers and keys
 * (f->typo) the markup is typeset first.
 */
PangoLayout *rd_layout(struct rd_flow *f, const char *markup, const char *family,
			   double size, int bold, double width)
{
	PangoLayout *l = pango_layout_new(f->ctx);
	PangoFontDescription *fd = pango_font_description_new();
	char *typed = f->typo ? typeset(markup) : NULL;

	if (typed)
		markup = typed;
	pango_font_description_set_family(fd, family);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	if (pango_parse_markup(markup, -1, 0, NULL, NULL, NULL, NULL))
		pango_layout_set_markup(l, markup, -1);
	else
		pango_layout_set_text(l, markup, -1);
	free(typed);
	rd_keep(f, l);
	return l;
}

/* More than this many kept, the renderer starts afresh: what differs
   from paper to paper (names, numbers) must not pile up over a batch. */
#define RD_FIXED_MAX 20000

PangoLayout *rd_layout_fixed(struct rd_flow *f, const char *markup, const char *family,
			     double size, int bold, double width, double indent, int align)
{
	struct tk_buf key = TK_BUF_INIT;
	PangoLayout *l = f->fixed ? NULL : rd_layout(f, markup, family, size, bold, width);

	if (l) {
		/* no renderer to keep it: the flow's own */
		if (indent != 0)
			pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
		if (align >= 0)
			pango_layout_set_alignment(l, (PangoAlignment)align);
		return l;
	}
	/* the numbers in 1/1024 pt as hex digits: printf of doubles cost
	   more than a hit saved */
	{
		long v[6] = {lround(size * 1024), bold, lround(width * 1024),
			     lround(indent * 1024), align, f->typo};
		char num[6 * 17 + 1], *o = num;
		int i, k;
		for (i = 0; i < 6; i++) {
			unsigned long u = (unsigned long)v[i];
			for (k = 60; k >= 0; k -= 4)
				*o++ = "0123456789abcdef"[(u >> k) & 15];
			*o++ = '\037';
		}
		tk_buf_puts(&key, family);
		tk_buf_putc(&key, '\037');
		tk_buf_add(&key, num, (size_t)(o - num));
	}
	tk_buf_puts(&key, markup);
	if (key.oom) {
		f->oom = 1;
		tk_buf_free(&key);
		return rd_layout(f, "", family, size, bold, width);
	}
	l = g_hash_table_lookup(f->fixed, key.s);
	if (l) {
		tk_buf_free(&key);
		rd_keep(f, g_object_ref(l));
		return l;
	}
	l = rd_layout(f, markup, family, size, bold, width);   /* the flow's reference */
	if (indent != 0)
		pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
	if (align >= 0)
		pango_layout_set_alignment(l, (PangoAlignment)align);
	if (g_hash_table_size(f->fixed) >= RD_FIXED_MAX)
		g_hash_table_remove_all(f->fixed);
	/* and the renderer's: the table frees the key and unrefs the layout */
	g_hash_table_insert(f->fixed, tk_buf_detach(&key), g_object_ref(l));
	return l;
}

double rd_layout_h(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

double rd_layout_w(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

void rd_space(struct rd_flow *f, double h)
{
	rd_row_new(f, RD_SPACE, h);
}

/*
 * A paragraph, one row per line so that a long one can run on to the
 * next page.  hang > 0 indents every line but the first by hang (for
 * "12．" and "A．" before the text).
 */
void rd_para(struct rd_flow *f, const char *markup, double x, double width, double hang,
		 const char *family, double size, int bold)
{
	PangoLayout *l = rd_layout_fixed(f, markup, family, size, bold, width,
					 hang > 0 ? -hang : 0, -1);
	PangoLayoutIter *it;
	double lead = size * RD_LEAD;

	it = pango_layout_get_iter(l);
	do {
		PangoRectangle lg;
		struct rd_row *r;
		pango_layout_iter_get_line_extents(it, NULL, &lg);
		r = rd_row_new(f, RD_LINE, (double)lg.height / PANGO_SCALE + lead);
		if (r == NULL)
			break;
		r->line = pango_layout_iter_get_line_readonly(it);
		r->x = x + (double)lg.x / PANGO_SCALE;
		r->base = (double)(pango_layout_iter_get_baseline(it) - lg.y) / PANGO_SCALE + lead / 2;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* A layout placed whole (centred titles, the 注意事项 box). */
void rd_block(struct rd_flow *f, PangoLayout *l, double x, double pad, int boxed)
{
	struct rd_row *r = rd_row_new(f, RD_LAYOUT, rd_layout_h(l) + 2 * pad);

	if (r == NULL)
		return;
	r->l = l;
	r->x = x;
	r->base = pad;
	r->boxed = boxed;
	r->w = f->width;
}

void rd_cells(struct rd_flow *f, const char *const *markup, int n, double x,
	      const double *w, int boxed, const char *family, int bold)
{
	rd_cells_aligned(f, markup, n, x, w, boxed, family, bold, NULL);
}

/* A row of cells, the text inset padx from the side rules and pady from
   the top and bottom ones when boxed. */
static void cells(struct rd_flow *f, const char *const *markup, int n, double x,
		  const double *w, int boxed, const char *family, int bold, const int *align,
		  double padx, double pady)
{
	double h = 0, cx = x;
	struct rd_row *r;
	int i;

	if (!boxed)
		padx = pady = 0;
	if (n > RD_MAXCELLS)
		n = RD_MAXCELLS;
	r = rd_row_new(f, RD_CELLS, 0);
	if (r == NULL)
		return;
	r->boxed = boxed;
	r->ncells = n;
	for (i = 0; i < n; i++) {
		PangoLayout *l = rd_layout_fixed(f, markup[i], family, RD_BODY_PT, bold,
						 w[i] - 2 * padx, 0,
						 align ? align[i] : boxed ? PANGO_ALIGN_CENTER : -1);
		r = &f->rows[f->n - 1];     /* rd_layout() may not move rows, but be plain */
		r->cell[i] = l;
		r->cx[i] = cx;
		r->cw[i] = w[i];
		cx += w[i];
		if (rd_layout_h(l) > h)
			h = rd_layout_h(l);
	}
	r->base = pady;
	r->padx = padx;
	r->h = h + 2 * pady + (boxed ? 0 : RD_BODY_PT * RD_LEAD);
}

void rd_cells_aligned(struct rd_flow *f, const char *const *markup, int n, double x,
		      const double *w, int boxed, const char *family, int bold,
		      const int *align)
{
	cells(f, markup, n, x, w, boxed, family, bold, align, 4, 4);
}

void rd_rule(struct rd_flow *f, double x, double w)
{
	struct rd_row *r = rd_row_new(f, RD_RULE, RD_RULE_H);

	if (r) {
		r->x = x;
		r->w = w;
	}
}

/* ---- fragments to Pango markup ------------------------------------ */

static void inline_markup(struct rd_flow *f, xmlNodePtr n, struct tk_buf *b);

/* Markup for inline content; images go to f's pending list (f NULL: dropped). */
static void inline_node(struct rd_flow *f, xmlNodePtr c, struct tk_buf *b)
{
	static const char *const pass[] = {"b", "i", "u", "sub", "sup", NULL};
	int k;

	if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
		tk_buf_xml(b, (const char *)c->content, 0);
		return;
	}
	if (c->type != XML_ELEMENT_NODE)
		return;
	for (k = 0; pass[k]; k++)
		if (tk_xml_is(c, pass[k])) {
			tk_buf_printf(b, "<%s>", pass[k]);
			inline_markup(f, c, b);
			tk_buf_printf(b, "</%s>", pass[k]);
			return;
		}
	if (tk_xml_is(c, "br")) {
		tk_buf_putc(b, '\n');
	} else if (tk_xml_is(c, "gap")) {
		tk_buf_puts(b, "<u>\u3000\u3000\u3000\u3000\u3000\u3000</u>");
	} else if (tk_xml_is(c, "img")) {
		if (f && f->npending < RD_MAXPENDING)
			f->pending[f->npending++] = c;
	} else {
		inline_markup(f, c, b);
	}
}

static void inline_markup(struct rd_flow *f, xmlNodePtr n, struct tk_buf *b)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next)
		inline_node(f, c, b);
}

static int is_block(xmlNodePtr c)
{
	return c->type == XML_ELEMENT_NODE &&
	       (tk_xml_is(c, "p") || tk_xml_is(c, "ul") || tk_xml_is(c, "ol") ||
		tk_xml_is(c, "table") || tk_xml_is(c, "img"));
}

static void keep_image(struct rd_flow *f, cairo_surface_t *img)
{
	if (f->nimgs == f->capimgs) {
		int cap = f->capimgs ? f->capimgs * 2 : 16;
		cairo_surface_t **v = realloc(f->imgs, (size_t)cap * sizeof *v);
		if (v == NULL) {
			f->oom = 1;
			cairo_surface_destroy(img);
			return;
		}
		f->imgs = v;
		f->capimgs = cap;
	}
	f->imgs[f->nimgs++] = img;
}

static int image_fail(struct rd_flow *f, const char *path, const char *what)
{
	if (!f->failed)
		tk_error_set(f->err, TK_EINPUT, path, 0, "%s", what);
	f->failed = 1;
	return 0;
}

cairo_surface_t *rd_png_read(const char *path, int *why)
{
	unsigned char h[24];
	cairo_surface_t *img;
	unsigned long w, ht;
	FILE *in;
	size_t n;

	*why = RD_PNG_OK;
	in = fopen(path, "rb");
	if (in == NULL) {
		*why = RD_PNG_UNREADABLE;
		return NULL;
	}
	n = fread(h, 1, sizeof h, in);
	fclose(in);
	if (n < sizeof h || memcmp(h, "\x89PNG\r\n\x1a\n", 8) || memcmp(h + 12, "IHDR", 4)) {
		*why = RD_PNG_NOT_PNG;
		return NULL;
	}
	/* a small file must not ask cairo for gigabytes */
	w = (unsigned long)h[16] << 24 | (unsigned long)h[17] << 16 | (unsigned long)h[18] << 8 | h[19];
	ht = (unsigned long)h[20] << 24 | (unsigned long)h[21] << 16 | (unsigned long)h[22] << 8 | h[23];
	if (w == 0 || ht == 0 || w > 10000 || ht > 10000 || w * ht > 40000000UL) {
		*why = RD_PNG_TOO_LARGE;
		return NULL;
	}
	img = cairo_image_surface_create_from_png(path);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		*why = RD_PNG_BAD;
		return NULL;
	}
	return img;
}

/* A PNG in memory, read by cairo a piece at a time. */
struct mem {
	const unsigned char *p;
	size_t left;
};

static cairo_status_t mem_read(void *closure, unsigned char *data, unsigned int length)
{
	struct mem *m = closure;

	if (length > m->left)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, m->p, length);
	m->p += length;
	m->left -= length;
	return CAIRO_STATUS_SUCCESS;
}

/* A JPEG's size from its frame header (SOFn); 0 when it has none. */
static int jpeg_size(const unsigned char *d, size_t len, unsigned long *w, unsigned long *h)
{
	size_t i = 2;

	while (i + 9 < len) {
		unsigned m, seg;
		if (d[i] != 0xFF)
			return 0;
		m = d[i + 1];
		if (m == 0xFF) {
			i++;
			continue;
		}
		if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
			i += 2;
			continue;
		}
		seg = (unsigned)d[i + 2] << 8 | d[i + 3];
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			*h = (unsigned long)d[i + 5] << 8 | d[i + 6];
			*w = (unsigned long)d[i + 7] << 8 | d[i + 8];
			return 1;
		}
		if (seg < 2)
			return 0;
		i += 2 + seg;
	}
	return 0;
}

cairo_surface_t *rd_image_mem(const unsigned char *data, size_t len, int *why)
{
	cairo_surface_t *img;
	unsigned long w = 0, ht = 0;
	int type = tk_image_type(data, len);

	*why = RD_PNG_OK;
	if (type == TK_IMAGE_PNG) {
		w = (unsigned long)data[16] << 24 | (unsigned long)data[17] << 16 |
		    (unsigned long)data[18] << 8 | data[19];
		ht = (unsigned long)data[20] << 24 | (unsigned long)data[21] << 16 |
		     (unsigned long)data[22] << 8 | data[23];
	} else if (type != TK_IMAGE_JPEG || !jpeg_size(data, len, &w, &ht)) {
		*why = type == TK_IMAGE_JPEG ? RD_PNG_BAD : RD_PNG_NOT_PNG;
		return NULL;
	}
	if (w == 0 || ht == 0 || w > 10000 || ht > 10000 || w * ht > 40000000UL) {
		*why = RD_PNG_TOO_LARGE;
		return NULL;
	}
	if (type == TK_IMAGE_PNG) {
		struct mem m = {data, len};
		img = cairo_image_surface_create_from_png_stream(mem_read, &m);
	} else {
		unsigned char *copy = malloc(len);
		img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)ht);
		if (copy == NULL || cairo_surface_status(img) != CAIRO_STATUS_SUCCESS ||
		    (memcpy(copy, data, len),
		     cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_JPEG, copy, len, free, copy)) !=
		    CAIRO_STATUS_SUCCESS) {
			free(copy);
			cairo_surface_destroy(img);
			*why = RD_PNG_BAD;
			return NULL;
		}
	}
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		*why = RD_PNG_BAD;
		return NULL;
	}
	return img;
}

/* What a paper says when an image cannot be had, by rd_png_read's why. */
static const char *const png_why[] = {
	NULL, "cannot read the image (no such file?)", "not a PNG image (images print as PNG)",
	"image too large (at most 10000 pixels a side)", "cannot decode the PNG image"
};

/* Read a PNG that an item names, relative to the images directory. */
/*
 * Is path, symbolic links followed, inside dir?  A link in the images
 * folder must not show a file from elsewhere.  A path that does not
 * resolve (a missing file) is left to the reader to report.
 */
static int inside(const char *dir, const char *path)
{
	char *rd = realpath(dir, NULL), *rp = realpath(path, NULL);
	size_t n = rd ? strlen(rd) : 0;
	int ok = rd == NULL || rp == NULL ||
		 (!strncmp(rp, rd, n) && (rp[n] == '/' || (n == 1 && rd[0] == '/')));

	free(rd);
	free(rp);
	return ok;
}

static cairo_surface_t *read_png(struct rd_flow *f, const char *src)
{
	struct tk_buf path = TK_BUF_INIT;
	cairo_surface_t *img = NULL;
	struct tk_error e = {0};
	int why, type, rc;

	/* an image the bank keeps, by the name made from its bytes */
	rc = tk_image_lookup(f->o->store, src, &path, &type, &e);
	if (rc == TK_OK) {
		if ((img = rd_image_mem((const unsigned char *)path.s, path.len, &why)) == NULL)
			image_fail(f, src, png_why[why]);
		goto out;
	}
	if (rc != TK_FAIL) {
		image_fail(f, src, e.msg);
		goto out;
	}
	tk_buf_reset(&path);
	tk_buf_printf(&path, "%s/%s", f->o->images ? f->o->images : ".", src);
	if (!strncmp(src, "../", 3) || strstr(src, "/../") || !strcmp(src, "..") ||
	    !inside(f->o->images ? f->o->images : ".", tk_buf_str(&path))) {
		image_fail(f, tk_buf_str(&path), "image path leaves the images directory");
		goto out;
	}
	if ((img = rd_png_read(tk_buf_str(&path), &why)) == NULL)
		image_fail(f, tk_buf_str(&path), png_why[why]);
out:
	tk_buf_free(&path);
	return img;
}

void rd_image_row(struct rd_flow *f, cairo_surface_t *img, double x, double width, double want)
{
	double iw = cairo_image_surface_get_width(img);
	double ih = cairo_image_surface_get_height(img);
	double w = want < 0 ? iw * 0.75 : want;
	double maxh = (RD_PAGE_H - RD_M_TOP - RD_M_BOTTOM) / 2;
	struct rd_row *r;

	keep_image(f, img);
	if (w <= 0 || w > width)
		w = width;
	if (w * ih / iw > maxh)
		w = maxh * iw / ih;
	r = rd_row_new(f, RD_IMAGE, w * ih / iw + RD_BODY_PT * RD_LEAD * 2);
	if (r) {
		r->img = img;
		r->x = x;
		r->w = w;
		r->base = RD_BODY_PT * RD_LEAD;
	}
}

/*
 * Place the images met so far, each on its own row: width="N" asks for N
 * CSS pixels (0.75 pt); none is wider than the column or taller than
 * half a page.
 */
static void place_images(struct rd_flow *f, double x, double width)
{
	int i;

	for (i = 0; i < f->npending; i++) {
		char *src = tk_xml_attr(f->pending[i], "src"), *wa = tk_xml_attr(f->pending[i], "width");
		cairo_surface_t *img = src && !f->failed ? read_png(f, src) : NULL;
		double want = -1;
		if (wa && tk_parse_num(wa, 0, 100000, &want))
			want *= 0.75;   /* CSS pixels to points; a bad width: natural size */
		if (img)
			rd_image_row(f, img, x, width, wa && want < 0 ? 0 : want);
		free(src);
		free(wa);
	}
	f->npending = 0;
}

#define TABLE_PADX 6.0
#define TABLE_PADY 3.5

/*
 * A table, its column widths from the content as a browser lays out a
 * table: each column wants its widest cell unwrapped and needs at least
 * a short cell's width whole (a heading, 座席, a number: such words must
 * not stack character by character); what the column has beyond its
 * needs is shared in proportion to what each wants more.  Headings are
 * centred, and so are the cells of a column of short entries; a column
 * of sentences (dialogue, answers) is set flush left.
 */
static void table(struct rd_flow *f, xmlNodePtr t, double x, double width)
{
	const double em = RD_BODY_PT, shortcell = 6 * em;
	xmlNodePtr tr, c;
	double want[RD_MAXCELLS] = {0}, need[RD_MAXCELLS] = {0}, w[RD_MAXCELLS];
	int align[RD_MAXCELLS], ncol = 0, i;

	for (tr = tk_xml_child(t, "tr"); tr; tr = tk_xml_next(tr, "tr")) {
		for (i = 0, c = tr->children; c; c = c->next) {
			struct tk_buf m = TK_BUF_INIT;
			double nat;
			if (c->type != XML_ELEMENT_NODE || i >= RD_MAXCELLS)
				continue;
			inline_markup(NULL, c, &m);
			nat = rd_layout_w(rd_layout_fixed(f, tk_buf_str(&m), f->serif, RD_BODY_PT,
							  tk_xml_is(c, "th"), 0, 0, -1)) + 2 * TABLE_PADX + 1;
			tk_buf_free(&m);
			if (nat > want[i])
				want[i] = nat;
			/* a heading whole up to 8 ems, any cell up to 6 */
			nat = nat < (tk_xml_is(c, "th") ? 8 * em : shortcell) + 2 * TABLE_PADX + 1 ? nat :
			      2 * em + 2 * TABLE_PADX;
			if (nat > need[i])
				need[i] = nat;
			i++;
		}
		if (i > ncol)
			ncol = i;
	}
	if (ncol == 0)
		return;
	for (i = 0; i < ncol; i++) {
		if (want[i] < need[i])
			want[i] = need[i];
		align[i] = want[i] <= shortcell + 2 * TABLE_PADX + 1 ? PANGO_ALIGN_CENTER
								     : PANGO_ALIGN_LEFT;
	}
	tk_paperfmt_columns(want, need, ncol, width, w);
	for (tr = tk_xml_child(t, "tr"); tr; tr = tk_xml_next(tr, "tr")) {
		struct tk_buf m[RD_MAXCELLS];
		const char *mk[RD_MAXCELLS];
		int al[RD_MAXCELLS];
		int n = 0;
		for (c = tr->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE || n >= ncol)
				continue;
			buf_init(&m[n]);
			al[n] = tk_xml_is(c, "th") ? PANGO_ALIGN_CENTER : align[n];
			if (tk_xml_is(c, "th"))
				tk_buf_puts(&m[n], "<b>");
			inline_markup(f, c, &m[n]);
			if (tk_xml_is(c, "th"))
				tk_buf_puts(&m[n], "</b>");
			n++;
		}
		while (n < ncol) {
			buf_init(&m[n]);
			al[n] = align[n];
			n++;
		}
		for (i = 0; i < n; i++)
			mk[i] = tk_buf_str(&m[i]);
		cells(f, mk, n, x, w, 1, f->serif, 0, al, TABLE_PADX, TABLE_PADY);
		for (i = 0; i < n; i++)
			tk_buf_free(&m[i]);
	}
	rd_space(f, RD_BODY_PT * RD_LEAD);
}

/*
 * Lay out a fragment (stem, explanation, answer) at x, width: its
 * paragraphs, lists and tables.  lead is markup that opens the first
 * paragraph ("12．"), hung by hang.
 */
void rd_fragment(struct rd_flow *f, const char *frag, const char *lead, double hang,
		     double x, double width)
{
	struct tk_buf m = TK_BUF_INIT;
	xmlDocPtr doc = NULL;
	xmlNodePtr root, c;
	int first = 1;

	if ((doc = tk_xml_fragment(frag)) == NULL) {
		/* not XML after all: show it as text */
		tk_buf_puts(&m, lead ? lead : "");
		tk_buf_xml(&m, frag ? frag : "", 0);
		rd_para(f, tk_buf_str(&m), x, width, hang, f->serif, RD_BODY_PT, 0);
		goto out;
	}
	root = xmlDocGetRootElement(doc);
#define OPEN_PARA() do { if (first && lead) tk_buf_puts(&m, lead); } while (0)
#define FLUSH() do { if (m.len) { rd_para(f, tk_buf_str(&m), first ? x : x + hang, \
	first ? width : width - hang, first ? hang : 0, f->serif, RD_BODY_PT, 0); \
	first = 0; tk_buf_reset(&m); } \
	if (f->npending) { if (first && lead) { rd_para(f, lead, x, width, 0, f->serif, RD_BODY_PT, 0); \
	first = 0; } place_images(f, x + hang, width - hang); } } while (0)
	for (c = root->children; c; c = c->next) {
		if (!is_block(c)) {
			if (c->type == XML_TEXT_NODE && m.len == 0 &&
			    strspn((const char *)c->content, " \t\r\n") == strlen((const char *)c->content))
				continue;
			if (m.len == 0)
				OPEN_PARA();
			inline_node(f, c, &m);
			continue;
		}
		FLUSH();
		if (tk_xml_is(c, "p")) {
			OPEN_PARA();
			inline_markup(f, c, &m);
			if (m.len == 0 && f->npending == 0)
				tk_buf_puts(&m, " ");
			FLUSH();
		} else if (tk_xml_is(c, "ul") || tk_xml_is(c, "ol")) {
			xmlNodePtr li;
			int k = 1, ordered = tk_xml_is(c, "ol");
			for (li = tk_xml_child(c, "li"); li; li = tk_xml_next(li, "li"), k++) {
				struct tk_buf lm = TK_BUF_INIT;
				double in = first ? hang : hang;
				if (first && lead) {
					/* a list straight after the number: on the number's line */
					rd_para(f, lead, x, width, 0, f->serif, RD_BODY_PT, 0);
					first = 0;
				}
				/* sub-questions as a Chinese paper numbers them, （1）（2） */
				if (ordered)
					tk_buf_printf(&lm, "（%d）", k);
				else
					tk_buf_puts(&lm, "• ");
				inline_markup(f, li, &lm);
				rd_para(f, tk_buf_str(&lm), x + in + 4, width - in - 4,
					ordered ? RD_BODY_PT * (k < 10 ? 2.55 : 3.1) : 12,
					f->serif, RD_BODY_PT, 0);
				place_images(f, x + in + 22, width - in - 22);
				tk_buf_free(&lm);
			}
			first = 0;
		} else if (tk_xml_is(c, "table")) {
			if (first && lead) {
				rd_para(f, lead, x, width, 0, f->serif, RD_BODY_PT, 0);
				first = 0;
			}
			table(f, c, x + hang, width - hang);
			place_images(f, x + hang, width - hang);
			first = 0;
		} else if (tk_xml_is(c, "img")) {
			f->pending[f->npending++] = c;   /* FLUSH left none */
			FLUSH();
		}
	}
	FLUSH();
	if (first && lead)      /* an empty fragment still gets its number */
		rd_para(f, lead, x, width, 0, f->serif, RD_BODY_PT, 0);
#undef FLUSH
#undef OPEN_PARA
out:
	if (doc)
		xmlFreeDoc(doc);
	tk_buf_free(&m);
}

/* ---- the paper ---------------------------------------------------- */

/* "一、单项选择题（共60题，每题1分，共60分）", as Pango markup */
static void section_heading(const struct tk_paper_section *s, int k, struct tk_buf *b)
{
	struct tk_buf t = TK_BUF_INIT;

	tk_paper_section_title(s, k, &t);
	tk_buf_xml(b, tk_buf_str(&t), 0);
	tk_buf_free(&t);
}

int rd_is_choice(int type)
{
	return type == TK_SINGLE || type == TK_MULTIPLE;
}

/* Options in four, two or one columns, as their widths allow. */
void rd_options(struct rd_flow *f, const struct tk_item *it, double x, double width)
{
	struct tk_buf *m = calloc((size_t)it->noptions, sizeof *m);
	double widest = 0;
	int i, cols;

	if (m == NULL) {
		f->oom = 1;
		return;
	}
	for (i = 0; i < it->noptions; i++) {
		PangoLayout *l;
		tk_buf_printf(&m[i], "%c．", it->options[i].key);
		tk_buf_puts(&m[i], it->options[i].text ? it->options[i].text : "");
		l = rd_layout_fixed(f, tk_buf_str(&m[i]), f->serif, RD_BODY_PT, 0, 0, 0, -1);
		if (rd_layout_w(l) > widest)
			widest = rd_layout_w(l);
	}
	cols = widest + 12 <= width / 4 ? 4 : widest + 12 <= width / 2 ? 2 : 1;
	if (cols == 1) {
		double hang = RD_BODY_PT * 1.6;
		for (i = 0; i < it->noptions; i++)
			rd_para(f, tk_buf_str(&m[i]), x, width, hang, f->serif, RD_BODY_PT, 0);
	} else {
		for (i = 0; i < it->noptions; i += cols) {
			const char *mk[4];
			double w[4];
			int k;
			for (k = 0; k < cols && i + k < it->noptions; k++) {
				mk[k] = tk_buf_str(&m[i + k]);
				w[k] = width / cols;
			}
			rd_cells(f, mk, k, x, w, 0, f->serif, 0);
		}
	}
	for (i = 0; i < it->noptions; i++)
		tk_buf_free(&m[i]);
	free(m);
}

/* The points item it carries in section s (tenths): the section's, else its own. */
static int item_points(const struct tk_paper_section *s, const struct tk_item *it)
{
	return s->points ? s->points : it->points;
}

/* Do the items of s carry different points?  Then each prints its own. */
static int mixed_points(const struct tk_paper_section *s)
{
	int i;

	for (i = 1; i < s->nitems; i++)
		if (item_points(s, s->items[i]) != item_points(s, s->items[0]))
			return 1;
	return 0;
}

static int is_skill(const struct tk_paper *p)
{
	return p->kind && !strcmp(p->kind, "skill");
}

/* How many sub-questions a stem asks: the entries of its last numbered list. */
static int sub_questions(const char *stem)
{
	const char *ol = NULL, *s = stem, *end;
	int n = 0;

	while (s && (s = strstr(s, "<ol>")) != NULL)
		ol = s++;
	if (ol == NULL)
		return 0;
	end = strstr(ol, "</ol>");
	for (s = ol; (s = strstr(s, "<li>")) != NULL && (end == NULL || s < end); s += 4)
		n++;
	return n;
}

static int has_blank_parens(const char *s)
{
	for (; (s = strstr(s, "（")) != NULL; s += 3)
		if (blank_parens(s))
			return 1;
	return 0;
}

/* Where the pictures and tables that end a stem of n bytes begin (n: none end it). */
static size_t before_figures(const char *stem, size_t n)
{
	for (;;) {
		const char *s, *last = NULL;
		while (n > 0 && strchr(" \t\r\n", stem[n - 1]))
			n--;
		if (n >= 2 && !strncmp(stem + n - 2, "/>", 2)) {
			for (s = stem; (s = strstr(s, "<img ")) != NULL && (size_t)(s - stem) < n; s++)
				last = s;
			if (last == NULL || memchr(last, '>', n - (size_t)(last - stem) - 1) != NULL)
				return n;
		} else if (n >= 8 && !strncmp(stem + n - 8, "</table>", 8)) {
			for (s = stem; (s = strstr(s, "<table>")) != NULL && (size_t)(s - stem) < n; s++)
				last = s;
			if (last == NULL)
				return n;
		} else {
			return n;
		}
		n = (size_t)(last - stem);
	}
}

/*
 * The stem as the paper prints it: a true/false item gets the （　） the
 * candidate marks √ or × in, unless its author wrote one; then tail (an
 * item's points), both at the end of the last paragraph -- of the
 * statement, not after a picture or a table that ends the stem, where the
 * （　） would stand on a line of its own.  Caller frees.
 */
static char *paper_stem(const struct tk_item *it, const char *tail)
{
	struct tk_buf b = TK_BUF_INIT;
	const char *stem = it->stem ? it->stem : "";
	size_t n = strlen(stem), at = before_figures(stem, n);

	if (at >= 4 && !strncmp(stem + at - 4, "</p>", 4))
		at -= 4;
	else if (at < n)
		at = n;         /* no paragraph before the figure: after it, as before */
	tk_buf_add(&b, stem, at);
	if (it->type == TK_TRUEFALSE && !has_blank_parens(stem))
		tk_buf_puts(&b, "（\u3000\u3000）");
	tk_buf_puts(&b, tail);
	tk_buf_puts(&b, stem + at);
	if (b.oom)
		tk_buf_free(&b);
	return tk_buf_detach(&b);
}

/* A ruled line that starts with label ("（2）"). */
static void rule_labelled(struct rd_flow *f, double x, double w, const char *label)
{
	PangoLayout *l = rd_layout(f, label, f->serif, RD_BODY_PT, 0, 0);
	struct rd_row *r = rd_row_new(f, RD_RULE, RD_RULE_H);

	if (r) {
		r->x = x;
		r->w = w;
		r->l = l;
	}
}

/*
 * The space for an open answer: ruled lines in a group of their own, so
 * that they do not run across a page break unless they are longer than
 * a page.  An item asking several sub-questions (a numbered list) gets
 * its lines numbered （1）（2）… as the list is.
 */
static void answer_space(struct rd_flow *f, const struct tk_item *it, double x, double width)
{
	int n = tk_paperfmt_answer_lines(it), q = sub_questions(it->stem), k, i;

	f->group++;
	rd_space(f, 4);
	if (q < 2 || q > 20) {
		for (k = 0; k < n; k++)
			rd_rule(f, x, width);
		return;
	}
	n = (n + q - 1) / q;
	if (n < 2)
		n = 2;
	for (k = 0; k < q; k++) {
		char label[32];
		snprintf(label, sizeof label, "（%d）", k + 1);
		rule_labelled(f, x, width, label);
		for (i = 1; i < n; i++)
			rd_rule(f, x, width);
	}
}

void rd_centred(struct rd_flow *f, const char *markup, const char *family, double size,
		    int bold)
{
	PangoLayout *l = rd_layout(f, markup, family, size, bold, f->width);

	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	rd_block(f, l, f->left, 2, 0);
}

/* Does the title already name the form ("…（A卷）")? */
static int title_names_form(const struct tk_paper *p)
{
	struct tk_buf b = TK_BUF_INIT;
	int yes;

	tk_buf_printf(&b, "%s卷", p->form);
	yes = p->title && strstr(p->title, tk_buf_str(&b)) != NULL;
	tk_buf_free(&b);
	return yes;
}

enum { DOC_PAPER, DOC_KEY, DOC_PREP };

/*
 * A practice paper's head: the teacher's title line, the class and date
 * with the time and points, and the fields a learner fills in (their
 * name and number; the class and date when the teacher set none) --
 * never the exam's 准考证号 and 考点.
 */
static void practice_head(struct rd_flow *f, const struct tk_paper *p, int doc)
{
	struct tk_buf b = TK_BUF_INIT, t = TK_BUF_INIT;
	const char *label[TK_PAPERFMT_BLANKS];
	int k, n;

	tk_paperfmt_practice_info(p, &f->o->cls, &t);
	tk_buf_xml(&b, tk_buf_str(&t), 0);
	rd_space(f, 4);
	rd_centred(f, tk_buf_str(&b), f->serif, RD_BODY_PT, 0);
	if (doc == DOC_PAPER) {
		tk_buf_reset(&b);
		n = tk_paperfmt_practice_blanks(&f->o->cls, label);
		for (k = 0; k < n; k++)
			tk_buf_printf(&b, "%s%s<u>\u3000\u3000\u3000\u3000\u3000\u3000</u>",
				      k ? "　　" : "", label[k]);
		rd_space(f, 6);
		rd_centred(f, tk_buf_str(&b), f->serif, RD_BODY_PT, 0);
	}
	tk_buf_free(&t);
	tk_buf_free(&b);
	rd_space(f, 10);
}

static void head(struct rd_flow *f, const struct tk_paper *p, int doc)
{
	struct tk_buf b = TK_BUF_INIT;
	char pts[16];

	tk_buf_xml(&b, tk_paperfmt_title(p, &f->o->cls), 0);
	if (doc == DOC_KEY)
		tk_buf_puts(&b, "\n参考答案及评分标准");
	else if (doc == DOC_PREP)
		tk_buf_puts(&b, "\n准备通知单");
	rd_centred(f, tk_buf_str(&b), f->sans, 17, 1);
	tk_buf_reset(&b);
	if (p->practice) {
		tk_buf_free(&b);
		practice_head(f, p, doc);
		return;
	}
	tk_buf_printf(&b, "考试时间：%d分钟　　满分：%s分", p->duration,
		      tk_points_format(p->points * 10, pts));
	if (p->form && !title_names_form(p)) {
		tk_buf_puts(&b, "　　");
		tk_buf_xml(&b, p->form, 0);
		tk_buf_puts(&b, "卷");
	}
	if (p->batch) {
		tk_buf_puts(&b, "　　批次：");
		tk_buf_xml(&b, p->batch, 0);
	}
	rd_space(f, 4);
	rd_centred(f, tk_buf_str(&b), f->serif, RD_BODY_PT, 0);
	tk_buf_reset(&b);
	if (p->candidate && doc != DOC_PREP) {
		tk_buf_puts(&b, "准考证号：");
		tk_buf_xml(&b, p->candidate, 0);
		if (p->candidate_name) {
			tk_buf_puts(&b, "　　姓名：");
			tk_buf_xml(&b, p->candidate_name, 0);
		}
		if (p->site) {
			tk_buf_puts(&b, "　　考点：");
			tk_buf_xml(&b, p->site, 0);
		}
	} else if (doc == DOC_PAPER && !f->o->seal_line) {
		tk_buf_puts(&b, "姓名：<u>\u3000\u3000\u3000\u3000\u3000\u3000</u>　　"
			    "准考证号：<u>\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000</u>　　"
			    "考点：<u>\u3000\u3000\u3000\u3000\u3000\u3000</u>");
	}
	if (b.len) {
		rd_space(f, 4);
		rd_centred(f, tk_buf_str(&b), f->serif, RD_BODY_PT, 0);
	}
	tk_buf_free(&b);
	rd_space(f, 10);
}

/*
 * 注意事项.  The 标封 (the sealed strip where the candidate's name goes)
 * exists only with the seal line; without it the name goes at the head
 * of the first page, and a candidate's own paper has it printed there.
 */
static void notice(struct rd_flow *f, const struct tk_paper *p)
{
	struct tk_buf b = TK_BUF_INIT;
	PangoLayout *l;
	int k;

	tk_buf_puts(&b, "<b>注　意　事　项</b>");
	for (k = 0; k < TK_PAPERFMT_NOTICE; k++) {
		tk_buf_putc(&b, '\n');
		tk_paperfmt_notice(p, k, f->o->seal_line, &b);
	}
	l = rd_layout(f, tk_buf_str(&b), f->serif, RD_BODY_PT, 0, f->width - 24);
	pango_layout_set_spacing(l, (int)(RD_BODY_PT * 0.3 * PANGO_SCALE));
	f->group++;
	rd_block(f, l, f->left, 8, 1);
	tk_buf_free(&b);
	rd_space(f, 10);
}

/* Add room to write in to the last row (a score, a name). */
static void write_in(struct rd_flow *f, double h)
{
	if (f->n > 0)
		f->rows[f->n - 1].h += h;
}

/*
 * The marker's table on the first page, as official papers have it:
 * 题号 一 二 … 总分 across, and rows for the 得分, the 评分人 who marked
 * each part and the 复核人 who checked the sums.  Sections without items
 * are not printed, so they have no column.
 */
static void score_table(struct rd_flow *f, const struct tk_paper *p)
{
	static const char *const rows[] = {"得分", "评分人", "复核人"};
	struct tk_buf num[RD_MAXCELLS];
	const char *top[RD_MAXCELLS], *cell[RD_MAXCELLS];
	double w[RD_MAXCELLS], tw = 0, x;
	int n = 2, i, s, k;

	for (s = 0; s < p->nsections; s++)
		n += p->sections[s].nitems > 0;
	if (n > RD_MAXCELLS)
		return;
	for (i = 0; i < n; i++) {
		buf_init(&num[i]);
		if (i == 0)
			tk_buf_puts(&num[i], "题号");
		else if (i == n - 1)
			tk_buf_puts(&num[i], "总分");
		else
			tk_paper_cn_number(i, &num[i]);
		top[i] = tk_buf_str(&num[i]);
		cell[i] = "";
		w[i] = i == 0 || i == n - 1 ? 56 : 44;
		tw += w[i];
	}
	x = f->left + (f->width - tw) / 2;
	f->group++;
	rd_cells(f, top, n, x, w, 1, f->sans, 0);
	for (k = 0; k < 3; k++) {
		cell[0] = rows[k];
		rd_cells(f, cell, n, x, w, 1, f->serif, 0);
		write_in(f, k == 0 ? 10 : 6);
	}
	for (i = 0; i < n; i++)
		tk_buf_free(&num[i]);
	rd_space(f, 12);
}

/* The 得分 | 评分人 box a marker fills in before each section. */
static void section_box(struct rd_flow *f)
{
	static const char *const top[] = {"得分", "评分人"}, *const empty[] = {"", ""};
	static const double w[] = {56, 56};

	rd_cells(f, top, 2, f->left, w, 1, f->sans, 0);
	rd_cells(f, empty, 2, f->left, w, 1, f->serif, 0);
	write_in(f, 10);
	rd_space(f, 4);
}

/*
 * A skill paper tells each task's points and the time it is expected to
 * take, so that the candidate can plan the paper: the item's own time or
 * its type's default, the same seconds the assembler added up.
 */
static void suggested_time(struct rd_flow *f, const struct tk_paper_section *s,
			   const struct tk_item *it, double x, double width)
{
	struct tk_buf b = TK_BUF_INIT;
	char pts[16];
	int minutes = (tk_blueprint_type_seconds(NULL, it->type, it->time) + 30) / 60;

	tk_buf_printf(&b, "（本题%s分，建议用时%d分钟）", tk_points_format(item_points(s, it), pts),
		      minutes > 0 ? minutes : 1);
	rd_para(f, tk_buf_str(&b), x, width, 0, f->serif, RD_BODY_PT, 0);
	tk_buf_free(&b);
}

/* A section's heading (and its instructions), numbered k among the printed ones. */
static void section_head(struct rd_flow *f, const struct tk_paper_section *sec, int k,
			 int instructions)
{
	struct tk_buf b = TK_BUF_INIT;

	section_heading(sec, k, &b);
	rd_para(f, tk_buf_str(&b), f->left, f->width, 0, f->sans, 12, 1);
	tk_buf_reset(&b);
	if (instructions && sec->instructions) {
		tk_buf_xml(&b, sec->instructions, 0);
		rd_para(f, tk_buf_str(&b), f->left + RD_BODY_PT * 2, f->width - RD_BODY_PT * 2, 0,
			f->serif, RD_BODY_PT, 0);
	}
	tk_buf_free(&b);
	rd_space(f, 4);
}

void rd_paper_flow(struct rd_flow *f, const struct tk_paper *p)
{
	int s, j, no = 0, k = 0, typo = f->typo;
	double hang = RD_BODY_PT * 2.2;

	f->typo = 1;
	head(f, p, DOC_PAPER);
	notice(f, p);
	score_table(f, p);
	for (s = 0; s < p->nsections; s++) {
		const struct tk_paper_section *sec = &p->sections[s];
		int mixed = mixed_points(sec) && !is_skill(p);
		if (sec->nitems == 0)
			continue;    /* nothing to answer, nothing to score */
		f->group++;
		section_box(f);
		section_head(f, sec, ++k, 1);
		for (j = 0; j < sec->nitems; j++) {
			const struct tk_item *it = sec->items[j];
			char lead[32], tail[32] = "", pts[16], *stem;
			/* the heading stays with the first item */
			if (j > 0)
				f->group++;
			snprintf(lead, sizeof lead, "%d．", ++no);
			if (mixed)
				snprintf(tail, sizeof tail, "（%s分）",
					 tk_points_format(item_points(sec, it), pts));
			if ((stem = paper_stem(it, tail)) == NULL) {
				f->oom = 1;
				break;
			}
			rd_fragment(f, stem, lead, hang, f->left, f->width);
			free(stem);
			if (is_skill(p))
				suggested_time(f, sec, it, f->left + hang, f->width - hang);
			if (rd_is_choice(it->type) && it->noptions)
				rd_options(f, it, f->left + hang, f->width - hang);
			if (it->type >= TK_SHORT)
				answer_space(f, it, f->left + hang, f->width - hang);
			rd_space(f, RD_BODY_PT * 0.6);
		}
		rd_space(f, 6);
	}
	f->typo = typo;
}

/* ---- the key ------------------------------------------------------ */

void rd_rubric(struct rd_flow *f, const struct tk_item *it, double x, double width)
{
	char pts[16];
	int k;

	if (it->nrubric == 0)
		return;
	rd_para(f, "<b>评分标准：</b>", x, width, 0, f->serif, RD_BODY_PT, 0);
	for (k = 0; k < it->nrubric; k++) {
		struct tk_buf c = TK_BUF_INIT;
		tk_buf_printf(&c, "（%s分）", tk_points_format(it->rubric[k].points, pts));
		tk_buf_puts(&c, it->rubric[k].text ? it->rubric[k].text : "");
		rd_para(f, tk_buf_str(&c), x + RD_BODY_PT, width - RD_BODY_PT, RD_BODY_PT * 3,
			f->serif, RD_BODY_PT, 0);
		tk_buf_free(&c);
	}
}

/* A fill item's answer as people write it ("61.00（或 61）"), as markup. */
static void fill_text(const struct tk_item *it, struct tk_buf *b)
{
	struct tk_buf t = TK_BUF_INIT;

	if (!tk_item_blanks_text(it->answer, &t)) {
		/* not blanks after all: its text */
		char *s = tk_fragment_text(it->answer ? it->answer : "");
		tk_buf_xml(b, s ? s : "", 0);
		free(s);
	} else {
		tk_buf_xml(b, tk_buf_str(&t), 0);
	}
	tk_buf_free(&t);
}

static void answer_text(const struct tk_item *it, struct tk_buf *b)
{
	if (it->type == TK_TRUEFALSE)
		tk_buf_puts(b, it->answer && !strcmp(it->answer, "true") ? "√" : "×");
	else if (it->type == TK_FILL)
		fill_text(it, b);
	else if (it->answer)
		tk_buf_puts(b, it->answer);
}

static int short_answers(const struct tk_paper_section *s)
{
	int i;

	for (i = 0; i < s->nitems; i++)
		if (!rd_is_choice(s->items[i]->type) && s->items[i]->type != TK_TRUEFALSE)
			return 0;
	return 1;
}

/*
 * Let the rows of an answer from row from on flow across pages like
 * running text, the first keep of them held together: an answer is not
 * pushed whole to the next page, leaving the rest of this one empty.
 */
static void flow_on(struct rd_flow *f, int from, int keep)
{
	int i;

	for (i = from + keep; i < f->n; i++)
		f->rows[i].group = ++f->group;
	f->group++;
}

/*
 * The examiner's 评分记录表 of a task: each criterion of the rubric with
 * its 配分 and room for the 扣分 and 得分, the total, and the line the
 * 考评员 signs.  A long one may run on to the next page between its
 * criteria, its head held with the first two and the last with the total
 * and the signature, rather than leave the page before it half empty.
 */
static void score_sheet(struct rd_flow *f, const struct tk_paper_section *sec,
			const struct tk_item *it, double x, double width)
{
	static const int al[] = {PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER,
				 PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER};
	static const char *const head[] = {"<b>序号</b>", "<b>评分标准</b>", "<b>配分</b>",
					   "<b>扣分</b>", "<b>得分</b>"};
	double w[5], em = RD_BODY_PT;
	struct tk_buf no = TK_BUF_INIT, crit = TK_BUF_INIT, pts = TK_BUF_INIT;
	char p[16];
	int k, n = it->nrubric ? it->nrubric : 1;

	w[0] = w[2] = w[3] = w[4] = 2 * em + 2 * TABLE_PADX + 2;
	w[1] = width - w[0] - w[2] - w[3] - w[4];
	f->group++;
	rd_space(f, 4);
	rd_para(f, "<b>评分记录表</b>", x, width, 0, f->sans, RD_BODY_PT, 0);
	cells(f, head, 5, x, w, 1, f->serif, 0, al, TABLE_PADX, TABLE_PADY);
	for (k = 0; k < n; k++) {
		const char *row[5];
		tk_buf_reset(&no);
		tk_buf_reset(&crit);
		tk_buf_reset(&pts);
		tk_buf_printf(&no, "%d", k + 1);
		if (it->nrubric) {
			char *t = tk_fragment_text(it->rubric[k].text ? it->rubric[k].text : "");
			tk_buf_xml(&crit, t ? t : "", 0);
			free(t);
			tk_buf_puts(&pts, tk_points_format(it->rubric[k].points, p));
		} else {
			tk_buf_puts(&crit, "按参考答案评分");
			tk_buf_puts(&pts, tk_points_format(item_points(sec, it), p));
		}
		row[0] = tk_buf_str(&no);
		row[1] = tk_buf_str(&crit);
		row[2] = tk_buf_str(&pts);
		row[3] = row[4] = "";
		if (k >= 2 && k < n - 1)
			f->group++;
		cells(f, row, 5, x, w, 1, f->serif, 0, al, TABLE_PADX, TABLE_PADY);
	}
	{
		const char *row[5] = {"", "<b>合计</b>", "", "", ""};
		tk_buf_reset(&pts);
		tk_buf_puts(&pts, tk_points_format(item_points(sec, it), p));
		row[2] = tk_buf_str(&pts);
		cells(f, row, 5, x, w, 1, f->serif, 0, al, TABLE_PADX, TABLE_PADY);
		write_in(f, 4);
	}
	rd_space(f, 6);
	rd_para(f, "考评员签字：<u>\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000</u>　　　　"
		"日期：<u>\u3000\u3000\u3000\u3000\u3000\u3000</u>", x, width, 0, f->serif,
		RD_BODY_PT, 0);
	tk_buf_free(&no);
	tk_buf_free(&crit);
	tk_buf_free(&pts);
}

/*
 * A task of a skill paper as the examiner needs it: the task again (the
 * examiner marks from the key alone), its reference answer, then its
 * 评分记录表.
 */
static void skill_key_item(struct rd_flow *f, const struct tk_paper_section *sec,
			   const struct tk_item *it, int no, double hang)
{
	struct tk_buf lead = TK_BUF_INIT;
	int from = f->n;

	tk_buf_printf(&lead, "%d．", no);
	rd_fragment(f, it->stem, tk_buf_str(&lead), hang, f->left, f->width);
	suggested_time(f, sec, it, f->left + hang, f->width - hang);
	tk_buf_reset(&lead);
	tk_buf_puts(&lead, "<b>参考答案：</b>");
	if (it->type == TK_FILL || rd_is_choice(it->type) || it->type == TK_TRUEFALSE) {
		answer_text(it, &lead);
		rd_para(f, tk_buf_str(&lead), f->left + hang, f->width - hang, 0, f->serif,
			RD_BODY_PT, 0);
	} else {
		rd_fragment(f, it->answer, tk_buf_str(&lead), 0, f->left + hang, f->width - hang);
	}
	if (f->o->explanations && it->explanation && *it->explanation)
		rd_fragment(f, it->explanation, "<b>解析：</b>", 0, f->left + hang, f->width - hang);
	flow_on(f, from, 3);
	score_sheet(f, sec, it, f->left + hang, f->width - hang);
	tk_buf_free(&lead);
}

void rd_key_flow(struct rd_flow *f, const struct tk_paper *p)
{
	int s, j, no = 0, k = 0, typo = f->typo;
	double hang = RD_BODY_PT * 2.2;

	f->typo = 1;
	head(f, p, DOC_KEY);
	for (s = 0; s < p->nsections; s++) {
		const struct tk_paper_section *sec = &p->sections[s];
		if (sec->nitems == 0)
			continue;
		f->group++;
		section_head(f, sec, ++k, 0);
		if (short_answers(sec) && !f->o->explanations) {
			/* a grid a marker runs an eye down: five answers a row */
			for (j = 0; j < sec->nitems; j += 5) {
				struct tk_buf m[5];
				const char *mk[5];
				double w[5];
				int c;
				for (c = 0; c < 5 && j + c < sec->nitems; c++) {
					buf_init(&m[c]);
					tk_buf_printf(&m[c], "%d．", no + j + c + 1);
					answer_text(sec->items[j + c], &m[c]);
					mk[c] = tk_buf_str(&m[c]);
					w[c] = f->width / 5;
				}
				rd_cells(f, mk, c, f->left, w, 0, f->serif, 0);
				while (c-- > 0)
					tk_buf_free(&m[c]);
			}
			no += sec->nitems;
			rd_space(f, 6);
			continue;
		}
		for (j = 0; j < sec->nitems; j++) {
			const struct tk_item *it = sec->items[j];
			struct tk_buf lead = TK_BUF_INIT;
			int from = f->n;
			if (j > 0)
				f->group++;
			if (is_skill(p)) {
				skill_key_item(f, sec, it, ++no, hang);
				rd_space(f, RD_BODY_PT * 1.2);
				continue;
			}
			tk_buf_printf(&lead, "%d．<b>答案：</b>", ++no);
			if (rd_is_choice(it->type) || it->type == TK_TRUEFALSE || it->type == TK_FILL) {
				answer_text(it, &lead);
				rd_para(f, tk_buf_str(&lead), f->left, f->width, hang, f->serif, RD_BODY_PT, 0);
			} else {
				rd_fragment(f, it->answer, tk_buf_str(&lead), hang, f->left, f->width);
			}
			rd_rubric(f, it, f->left + hang, f->width - hang);
			if (f->o->explanations && it->explanation && *it->explanation)
				rd_fragment(f, it->explanation, "<b>解析：</b>", 0, f->left + hang,
					 f->width - hang);
			if (it->type >= TK_SHORT)
				flow_on(f, from, 3);
			tk_buf_free(&lead);
			rd_space(f, RD_BODY_PT * 0.6);
		}
		rd_space(f, 6);
	}
	f->typo = typo;
}

/* ---- the 准备通知单 ------------------------------------------------ */

/* One line of the notice: what to prepare, and for which items. */
struct prep {
	const struct tk_material *m;
	struct tk_buf items;    /* "4、6" */
	int last;               /* the last item number in items */
};

/*
 * The 准备通知单 (preparation notice) of a paper: what the site makes
 * ready before the exam -- the room and the 机考 environment, equipment,
 * materials -- gathered from the items' materials, the same need named
 * by several items listed once with their numbers, then the lines the
 * preparer and the chief examiner sign.
 */
void rd_prep_flow(struct rd_flow *f, const struct tk_paper *p)
{
	static const char *const kinds[] = {"场地与机考环境", "设备", "材料"};
	static const int al[] = {PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER,
				 PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER};
	static const char *const head_row[] = {"<b>序号</b>", "<b>名称及要求</b>", "<b>数量</b>",
					       "<b>用于试题</b>", "<b>核对</b>"};
	struct prep *v = NULL;
	int nv = 0, total = 0, s, j, i, k, no, typo = f->typo;
	double em = RD_BODY_PT, w[5];
	struct tk_buf b = TK_BUF_INIT;

	f->typo = 1;
	for (s = 0; s < p->nsections; s++)
		for (j = 0; j < p->sections[s].nitems; j++)
			total += p->sections[s].items[j]->nmaterials;
	if (total && (v = calloc((size_t)total, sizeof *v)) == NULL) {
		f->oom = 1;
		return;
	}
	no = 0;
	for (s = 0; s < p->nsections; s++)
		for (j = 0; j < p->sections[s].nitems; j++) {
			const struct tk_item *it = p->sections[s].items[j];
			no++;
			for (i = 0; i < it->nmaterials; i++) {
				const struct tk_material *m = &it->materials[i];
				for (k = 0; k < nv; k++)
					if (v[k].m->kind == m->kind && !strcmp(v[k].m->text, m->text) &&
					    !strcmp(v[k].m->quantity ? v[k].m->quantity : "",
						    m->quantity ? m->quantity : ""))
						break;
				if (k == nv)
					v[nv++].m = m;
				if (v[k].last != no) {
					/* an item naming the same need twice is listed once */
					tk_buf_printf(&v[k].items, "%s%d", v[k].last ? "、" : "", no);
					v[k].last = no;
				}
			}
		}
	head(f, p, DOC_PREP);
	f->group++;
	rd_para(f, "本通知单列出本试卷各题需要考点在考前准备的场地与机考环境、设备和材料。"
		"请考点按此准备，并在考前逐项核对；考生不得自带规定以外的物品。",
		f->left, f->width, 0, f->serif, RD_BODY_PT, 0);
	rd_space(f, 8);
	w[0] = w[4] = 2 * em + 2 * TABLE_PADX + 2;
	w[2] = 6 * em;
	w[3] = 6 * em;
	w[1] = f->width - w[0] - w[2] - w[3] - w[4];
	for (k = 0; k < TK_NMATKINDS; k++) {
		int n = 0;
		f->group++;
		tk_buf_reset(&b);
		tk_paper_cn_number(k + 1, &b);
		tk_buf_printf(&b, "、%s", kinds[k]);
		rd_para(f, tk_buf_str(&b), f->left, f->width, 0, f->sans, 12, 1);
		rd_space(f, 4);
		for (i = 0; i < nv; i++) {
			struct tk_buf c[3];
			const char *row[5];
			if (v[i].m->kind != k)
				continue;
			if (n++ == 0)
				cells(f, head_row, 5, f->left, w, 1, f->serif, 0, al, TABLE_PADX,
				      TABLE_PADY);
			buf_init(&c[0]);
			buf_init(&c[1]);
			buf_init(&c[2]);
			tk_buf_printf(&c[0], "%d", n);
			tk_buf_xml(&c[1], v[i].m->text, 0);
			tk_buf_xml(&c[2], v[i].m->quantity ? v[i].m->quantity : "", 0);
			row[0] = tk_buf_str(&c[0]);
			row[1] = tk_buf_str(&c[1]);
			row[2] = tk_buf_str(&c[2]);
			row[3] = tk_buf_str(&v[i].items);
			row[4] = "";
			cells(f, row, 5, f->left, w, 1, f->serif, 0, al, TABLE_PADX, TABLE_PADY);
			tk_buf_free(&c[0]);
			tk_buf_free(&c[1]);
			tk_buf_free(&c[2]);
		}
		if (n == 0)
			rd_para(f, "本试卷各题未要求准备。", f->left + 2 * em, f->width - 2 * em, 0,
				f->serif, RD_BODY_PT, 0);
		rd_space(f, 10);
	}
	f->group++;
	rd_space(f, 10);
	rd_para(f, "准备人签字：<u>\u3000\u3000\u3000\u3000\u3000\u3000\u3000</u>　　"
		"考评组长签字：<u>\u3000\u3000\u3000\u3000\u3000\u3000\u3000</u>　　"
		"日期：<u>\u3000\u3000\u3000\u3000\u3000\u3000</u>", f->left, f->width, 0, f->serif,
		RD_BODY_PT, 0);
	for (i = 0; i < nv; i++)
		tk_buf_free(&v[i].items);
	free(v);
	tk_buf_free(&b);
	f->typo = typo;
}

/* ---- pages -------------------------------------------------------- */

int rd_paginate(struct rd_flow *f)
{
	double body = RD_PAGE_H - RD_M_TOP - RD_M_BOTTOM, y = 0;
	int page = 0, i = 0;

	while (i < f->n) {
		int g = f->rows[i].group, j;
		double gh = 0;
		for (j = i; j < f->n && f->rows[j].group == g; j++)
			gh += f->rows[j].h;
		if (y > 0 && y + gh > body && gh <= body) {
			page++;
			y = 0;
		}
		for (; i < j; i++) {
			struct rd_row *r = &f->rows[i];
			if (r->kind == RD_PAGE) {
				if (y > 0) {
					page++;
					y = 0;
				}
				r->page = page;
				r->y = 0;
				continue;
			}
			if (r->kind == RD_SPACE && y == 0 && !r->hold) {
				r->page = page;   /* no space at the top of a page */
				r->y = 0;
				continue;
			}
			if (y > 0 && y + r->h > body) {
				page++;
				y = 0;
			}
			r->page = page;
			r->y = y;
			y += r->h;
		}
	}
	return page + 1;
}

PangoLayout *rd_small(struct rd_flow *f, const char *text, double size)
{
	return rd_layout(f, text, f->sans, size, 0, 0);
}

void rd_draw_centred(cairo_t *cr, PangoLayout *l, double cx, double y)
{
	cairo_move_to(cr, cx - rd_layout_w(l) / 2, y);
	pango_cairo_show_layout(cr, l);
}

/* The 密封线: a dashed line down the binding margin, its words across it. */
static void seal_line(struct rd_flow *f, cairo_t *cr, const struct tk_paper *p, int first)
{
	double x = RD_M_SEAL - 30, mid = RD_PAGE_H / 2;
	PangoLayout *l = rd_small(f, "密　　封　　线　　内　　不　　要　　答　　题", 9);
	double lw = rd_layout_w(l), lh = rd_layout_h(l);

	cairo_save(cr);
	cairo_set_line_width(cr, 0.6);
	cairo_set_dash(cr, (double[]){4, 3}, 2, 0);
	cairo_move_to(cr, x, RD_M_TOP);
	cairo_line_to(cr, x, mid - lw / 2 - 6);
	cairo_move_to(cr, x, mid + lw / 2 + 6);
	cairo_line_to(cr, x, RD_PAGE_H - RD_M_BOTTOM);
	cairo_stroke(cr);
	cairo_restore(cr);
	cairo_save(cr);
	cairo_translate(cr, x - lh / 2, mid + lw / 2);
	cairo_rotate(cr, -M_PI / 2);
	cairo_move_to(cr, 0, 0);
	pango_cairo_show_layout(cr, l);
	cairo_restore(cr);
	if (first && !p->candidate) {
		PangoLayout *m = rd_layout(f, "考点<u>\u3000\u3000\u3000\u3000\u3000\u3000</u>　　"
					"姓名<u>\u3000\u3000\u3000\u3000\u3000</u>　　"
					"准考证号<u>\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000</u>",
					f->serif, 9.5, 0, 0);
		cairo_save(cr);
		cairo_translate(cr, x - 34, mid + rd_layout_w(m) / 2);
		cairo_rotate(cr, -M_PI / 2);
		cairo_move_to(cr, 0, 0);
		pango_cairo_show_layout(cr, m);
		cairo_restore(cr);
	}
}

void rd_draw_row(cairo_t *cr, const struct rd_row *r, double top)
{
	double y = top + r->y;
	int i;

	switch (r->kind) {
	case RD_LINE:
		cairo_move_to(cr, r->x, y + r->base);
		pango_cairo_show_layout_line(cr, r->line);
		break;
	case RD_LAYOUT:
		if (r->boxed) {
			cairo_set_line_width(cr, 0.8);
			cairo_rectangle(cr, r->x, y, r->w, r->h);
			cairo_stroke(cr);
			cairo_move_to(cr, r->x + 12, y + r->base);
		} else {
			cairo_move_to(cr, r->x, y + r->base);
		}
		pango_cairo_show_layout(cr, r->l);
		break;
	case RD_CELLS:
		for (i = 0; i < r->ncells; i++) {
			if (r->boxed) {
				cairo_set_line_width(cr, 0.6);
				cairo_rectangle(cr, r->cx[i], y, r->cw[i], r->h);
				cairo_stroke(cr);
				cairo_move_to(cr, r->cx[i] + r->padx, y + r->base);
			} else {
				cairo_move_to(cr, r->cx[i], y);
			}
			pango_cairo_show_layout(cr, r->cell[i]);
		}
		break;
	case RD_IMAGE: {
		double k = r->w / cairo_image_surface_get_width(r->img);
		cairo_save(cr);
		cairo_translate(cr, r->x, y + r->base);
		cairo_scale(cr, k, k);
		cairo_set_source_surface(cr, r->img, 0, 0);
		cairo_paint(cr);
		cairo_restore(cr);
		break;
	}
	case RD_RULE:
		if (r->l) {
			/* its label ("（2）") sits on the line */
			cairo_move_to(cr, r->x, y + r->h - 5 - rd_layout_h(r->l) + 2);
			pango_cairo_show_layout(cr, r->l);
		}
		cairo_set_line_width(cr, 0.4);
		cairo_move_to(cr, r->x + (r->l ? rd_layout_w(r->l) + 2 : 0), y + r->h - 4);
		cairo_line_to(cr, r->x + r->w, y + r->h - 4);
		cairo_stroke(cr);
		break;
	}
}

static cairo_status_t to_buf(void *ud, const unsigned char *data, unsigned int len)
{
	struct tk_buf *b = ud;

	tk_buf_add(b, (const char *)data, len);
	return b->oom ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

/* The PDF's dates: fixed, so that the same paper gives the same bytes. */
static void pdf_date(char out[32])
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	time_t t = e && *e ? (time_t)strtoll(e, NULL, 10) : 0;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Whether fonts were touched, so that cleanup has something to do. */
static atomic_int fonts_used;     /* set by every drawing thread */

/*
 * The default font map is let go, so that its fonts are not counted as
 * leaks.  cairo's and fontconfig's static caches are left to the exit:
 * they stay reachable, and freeing them (cairo_debug_reset_static_data,
 * FcFini) while Pango's fontconfig thread still works aborted a failing
 * command now and then on a busy machine.
 */
void tk_render_cleanup(void)
{
	if (!fonts_used)
		return;
	pango_cairo_font_map_set_default(NULL);
	fonts_used = 0;
}

int tk_render_font_check(const char *family, struct tk_error *err)
{
	PangoFontMap *fm;
	PangoFontFamily **fams = NULL;
	int n = 0, i, found = 0;

	fonts_used = 1;
	fm = pango_cairo_font_map_get_default();

	pango_font_map_list_families(fm, &fams, &n);
	for (i = 0; i < n && !found; i++)
		found = !g_ascii_strcasecmp(pango_font_family_get_name(fams[i]), family);
	g_free(fams);
	if (!found)
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    "unknown font '%s' (fc-list : family lists the fonts there are)",
				    family);
	return TK_OK;
}

void tk_render_free(struct tk_render *r)
{
	if (r == NULL)
		return;
	if (r->cr)
		cairo_destroy(r->cr);
	if (r->pdf)
		cairo_surface_destroy(r->pdf);
	if (r->fixed)
		g_hash_table_unref(r->fixed);
	if (r->ctx)
		g_object_unref(r->ctx);
	free(r);
}

/*
 * A renderer; with from, one that shapes text in from's context and
 * shares its kept layouts (the next part of tk_render_many on the same
 * thread: its papers repeat the last part's items).
 */
static int render_open(const struct tk_render_opts *o, const char *title, struct tk_buf *out,
		       const struct tk_render *from, struct tk_render **rp, struct tk_error *err);

int tk_render_new(const struct tk_render_opts *o, const char *title, struct tk_buf *out,
		  struct tk_render **rp, struct tk_error *err)
{
	return render_open(o, title, out, NULL, rp, err);
}

static int render_open(const struct tk_render_opts *o, const char *title, struct tk_buf *out,
		       const struct tk_render *from, struct tk_render **rp, struct tk_error *err)
{
	struct tk_render *r;
	cairo_font_options_t *fo;
	char date[32];
	int rc;

	*rp = NULL;
	r = calloc(1, sizeof *r);
	if (r == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	if (o)
		r->o = *o;
	if (r->o.font == NULL)
		r->o.font = "Noto Serif CJK SC";
	if (r->o.sans == NULL)
		r->o.sans = "Noto Sans CJK SC";
	if ((rc = tk_render_font_check(r->o.font, err)) != TK_OK ||
	    (rc = tk_render_font_check(r->o.sans, err)) != TK_OK) {
		free(r);
		return rc;
	}
	r->out = out;
	if (from) {
		r->fixed = g_hash_table_ref(from->fixed);
		r->ctx = g_object_ref(from->ctx);
		goto surface;
	}
	r->fixed = g_hash_table_new_full(g_str_hash, g_str_equal, free, g_object_unref);
	r->ctx = pango_font_map_create_context(pango_cairo_font_map_get_default());
	pango_cairo_context_set_resolution(r->ctx, 72);
	/* metrics as drawn: no hinting, so layout and PDF agree */
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(r->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(r->ctx, pango_language_from_string("zh-cn"));
	/* glyphs where the font puts them: rounded to whole points, every
	   10.5 pt character took 11 pt, and each one cost the PDF a position */
	pango_context_set_round_glyph_positions(r->ctx, FALSE);
surface:
	/* A3 landscape is two A4 pages side by side */
	r->pdf = cairo_pdf_surface_create_for_stream(to_buf, out, r->o.a3 ? 2 * RD_PAGE_W : RD_PAGE_W,
						     RD_PAGE_H);
	pdf_date(date);
	if (title)
		cairo_pdf_surface_set_metadata(r->pdf, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(r->pdf, CAIRO_PDF_METADATA_CREATOR, "tiku " TIKU_VERSION);
	cairo_pdf_surface_set_metadata(r->pdf, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(r->pdf, CAIRO_PDF_METADATA_MOD_DATE, date);
	r->cr = cairo_create(r->pdf);
	if (cairo_status(r->cr) != CAIRO_STATUS_SUCCESS) {
		tk_render_free(r);
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot start a PDF");
	}
	pango_cairo_update_context(r->cr, r->ctx);
	*rp = r;
	return TK_OK;
}

/*
 * What every page of a paper, its key and its notice says at its foot,
 * so that pages of different papers (forms, candidates) cannot be mixed
 * up: the paper's id, its form and the seed it was drawn with.
 */
static void identifier(const struct tk_paper *p, const struct tk_render_opts *o,
		       struct tk_buf *b)
{
	tk_buf_puts(b, "试卷编号 ");
	tk_buf_xml(b, p->id ? p->id : "-", 0);
	if (p->form) {
		tk_buf_puts(b, "　卷别 ");
		tk_buf_xml(b, p->form, 0);
	}
	tk_buf_printf(b, "　种子 %" PRIu64, p->seed);
	if (o->key)
		tk_buf_puts(b, "　参考答案");
	else if (o->prep)
		tk_buf_puts(b, "　准备通知单");
}

int tk_render_add(struct tk_render *r, const struct tk_paper *p, struct tk_error *err)
{
	struct rd_flow f;
	cairo_t *cr = r->cr;
	struct tk_buf ident = TK_BUF_INIT;
	PangoLayout *head = NULL, *id;     /* the same on every page */
	char foot[64];
	int npages, pg, i = 0, rc = TK_OK;

	/* a practice paper's header is the class's, an official one the exam's */
	if ((rc = tk_paperfmt_class_check(p, &r->o.cls, r->o.seal_line && !r->o.key && !r->o.prep,
					  err)) != TK_OK)
		return rc;
	rd_flow_init(&f, r, err);
	if (r->o.key)
		rd_key_flow(&f, p);
	else if (r->o.prep)
		rd_prep_flow(&f, p);
	else
		rd_paper_flow(&f, p);
	if (f.failed) {
		rc = err->code ? err->code : TK_EINPUT;
		goto out;
	}
	if (f.oom) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	npages = rd_paginate(&f);
	identifier(p, &r->o, &ident);
	id = rd_small(&f, tk_buf_str(&ident), 7.5);
	for (pg = 0; pg < npages; pg++) {
		cairo_save(cr);
		if (r->o.a3 && pg % 2)
			cairo_translate(cr, RD_PAGE_W, 0);
		cairo_set_source_rgb(cr, 0, 0, 0);
		if (pg > 0) {
			/* the running head: which paper this page belongs to */
			if (head == NULL) {
				struct tk_buf h = TK_BUF_INIT;
				tk_buf_xml(&h, tk_paperfmt_title(p, &r->o.cls), 0);
				if (p->candidate) {
					tk_buf_puts(&h, "　　准考证号：");
					tk_buf_xml(&h, p->candidate, 0);
				}
				if (r->o.key)
					tk_buf_puts(&h, "　　参考答案");
				else if (r->o.prep)
					tk_buf_puts(&h, "　　准备通知单");
				head = rd_small(&f, tk_buf_str(&h), 8.5);
				tk_buf_free(&h);
			}
			cairo_move_to(cr, f.left, RD_M_TOP - 26);
			pango_cairo_show_layout(cr, head);
			cairo_set_line_width(cr, 0.5);
			cairo_move_to(cr, f.left, RD_M_TOP - 10);
			cairo_line_to(cr, f.left + f.width, RD_M_TOP - 10);
			cairo_stroke(cr);
		}
		snprintf(foot, sizeof foot, "第 %d 页　共 %d 页", pg + 1, npages);
		rd_draw_centred(cr, rd_small(&f, foot, 9), f.left + f.width / 2, RD_PAGE_H - RD_M_BOTTOM + 20);
		rd_draw_centred(cr, id, f.left + f.width / 2, RD_PAGE_H - RD_M_BOTTOM + 34);
		if (r->o.seal_line && !r->o.key && !r->o.prep)
			seal_line(&f, cr, p, pg == 0);
		for (; i < f.n && f.rows[i].page == pg; i++)
			if (f.rows[i].kind != RD_SPACE)
				rd_draw_row(cr, &f.rows[i], RD_M_TOP);
		cairo_restore(cr);
		/* two-up: a sheet is full after its right page, or the paper's last */
		if (!r->o.a3 || pg % 2 || pg == npages - 1) {
			cairo_show_page(cr);
			r->sheets++;
		}
	}
	r->pages += npages;
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS || r->out->oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot draw the PDF: %s",
				  cairo_status_to_string(cairo_status(cr)));
out:
	rd_flow_free(&f);
	tk_buf_free(&ident);
	return rc;
}

int tk_render_finish(struct tk_render *r, int *pages, struct tk_error *err)
{
	cairo_status_t st;

	cairo_destroy(r->cr);
	r->cr = NULL;
	cairo_surface_finish(r->pdf);
	st = cairo_surface_status(r->pdf);
	if (pages)
		*pages = r->pages;
	if (st != CAIRO_STATUS_SUCCESS || r->out->oom)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot make the PDF: %s",
				    cairo_status_to_string(st));
	return TK_OK;
}

/* ---- many papers on several threads ------------------------------- */

struct part {
	struct tk_buf pdf;
	int pages, done, rc, failed;
	struct tk_error err;
};

struct many {
	const struct tk_render_opts *o;
	const char *title;
	const struct tk_render_src *src;
	struct tk_paper **pv;           /* the papers got and not yet put */
	struct part *parts;
	int per, nparts, next, joined, ahead, stop;   /* per: papers a part */
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

/* Draw part k into its own PDF; *last is this thread's last renderer,
   whose context and layouts the next part takes over. */
static void draw_part(struct many *m, int k, struct tk_render **last)
{
	struct part *pt = &m->parts[k];
	struct tk_render *r = NULL;
	int i, end = k * m->per + m->per;

	if (end > m->src->n)
		end = m->src->n;
	pt->failed = -1;
	pt->rc = render_open(m->o, m->title, &pt->pdf, *last, &r, &pt->err);
	for (i = k * m->per; i < end && pt->rc == TK_OK; i++) {
		if (m->pv[i] == NULL)
			pt->rc = m->src->get(m->src->ud, i, &m->pv[i], &pt->err);
		if (pt->rc == TK_OK)
			pt->rc = tk_render_add(r, m->pv[i], &pt->err);
		if (pt->rc != TK_OK)
			pt->failed = i;
	}
	if (pt->rc == TK_OK)
		pt->rc = tk_render_finish(r, &pt->pages, &pt->err);
	if (r) {
		tk_render_free(*last);
		*last = r;
	}
}

/* A drawing thread: the next part not taken, while the joining keeps up. */
static void *draw_parts(void *ud)
{
	struct many *m = ud;
	struct tk_render *last = NULL;
	int k;

	for (;;) {
		pthread_mutex_lock(&m->mu);
		while (!m->stop && m->next < m->nparts && m->next - m->joined >= m->ahead)
			pthread_cond_wait(&m->cv, &m->mu);
		if (m->stop || m->next >= m->nparts) {
			pthread_mutex_unlock(&m->mu);
			tk_render_free(last);
			return NULL;
		}
		k = m->next++;
		pthread_mutex_unlock(&m->mu);
		draw_part(m, k, &last);
		pthread_mutex_lock(&m->mu);
		m->parts[k].done = 1;
		if (m->parts[k].rc != TK_OK)
			m->stop = 1;    /* no new part; those drawing finish */
		pthread_cond_broadcast(&m->cv);
		pthread_mutex_unlock(&m->mu);
	}
}

int tk_render_threads(int threads, int jobs)
{
	if (threads <= 0) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);
		threads = c > 0 ? (int)c : 1;
	}
	if (threads > TK_RENDER_THREADS)
		threads = TK_RENDER_THREADS;
	return threads < jobs ? threads : jobs > 0 ? jobs : 1;
}

int tk_render_many(const struct tk_render_opts *o, const char *title,
		   const struct tk_render_src *src, int threads, struct tk_buf *out,
		   int *pages, int *failed, struct tk_error *err)
{
	struct many m;
	struct tk_pdfcat *cat = NULL;
	char *first = NULL;
	pthread_t th[TK_RENDER_THREADS];
	int nth = 0, k, i, rc = TK_OK, total = 0;

	*failed = -1;
	if (src->n <= 0)
		return tk_error_set(err, TK_EINPUT, NULL, 0, "no paper to render");
	memset(&m, 0, sizeof m);
	m.o = o;
	m.src = src;
	/* a part's fonts are subset from the whole font file when it ends,
	   a cost per part that dwarfs the joining: a few large parts */
	m.nparts = (src->n + TK_RENDER_PART - 1) / TK_RENDER_PART;
	if (m.nparts > TK_RENDER_PARTS)
		m.nparts = TK_RENDER_PARTS;
	m.per = (src->n + m.nparts - 1) / m.nparts;
	m.nparts = (src->n + m.per - 1) / m.per;
	m.pv = calloc((size_t)src->n, sizeof *m.pv);
	m.parts = calloc((size_t)m.nparts, sizeof *m.parts);
	if (m.pv == NULL || m.parts == NULL) {
		free(m.pv);
		free(m.parts);
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	pthread_mutex_init(&m.mu, NULL);
	pthread_cond_init(&m.cv, NULL);
	/* the title is the first paper's: it is read here, first */
	m.title = title;
	if (title == NULL) {
		if ((rc = src->get(src->ud, 0, &m.pv[0], err)) != TK_OK) {
			*failed = 0;
			goto out;
		}
		/* a copy: paper 0 is given back while later parts draw */
		first = tk_strdup(tk_paperfmt_title(m.pv[0], o ? &o->cls : NULL));
		if (first == NULL) {
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			goto out;
		}
		m.title = first;
	}
	threads = tk_render_threads(threads, m.nparts);
	/* parts drawn and waiting to be joined: a few per thread */
	m.ahead = 2 * threads;
	if (threads > 1)
		for (; nth < threads; nth++)
			if (pthread_create(&th[nth], NULL, draw_parts, &m) != 0)
				break;
	if (nth == 0) {
		/* one thread, this one: every part, then the joining */
		m.ahead = m.nparts;
		draw_parts(&m);
	}
	if (m.nparts > 1 && (rc = tk_pdfcat_new(out, &cat, err)) != TK_OK)
		goto out;
	for (k = 0; k < m.nparts; k++) {
		struct part *pt = &m.parts[k];
		int end = k * m.per + m.per;
		/* parts are taken in order and a failure stops only the taking
		   of new ones: part k is drawn, or being drawn */
		pthread_mutex_lock(&m.mu);
		while (!pt->done)
			pthread_cond_wait(&m.cv, &m.mu);
		pthread_mutex_unlock(&m.mu);
		if (pt->rc != TK_OK) {
			*err = pt->err;
			*failed = pt->failed;
			rc = pt->rc;
			break;
		}
		if (cat)
			rc = tk_pdfcat_add(cat, pt->pdf.s, pt->pdf.len, err);
		else
			tk_buf_add(out, pt->pdf.s, pt->pdf.len);
		tk_buf_free(&pt->pdf);
		if (rc != TK_OK || out->oom) {
			rc = rc != TK_OK ? rc : tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			break;
		}
		total += pt->pages;
		if (end > src->n)
			end = src->n;
		for (i = k * m.per; i < end; i++) {
			struct tk_paper *p = m.pv[i];
			m.pv[i] = NULL;
			if (src->put)
				src->put(src->ud, i, p);
			else
				tk_paper_free(p);
		}
		pthread_mutex_lock(&m.mu);
		m.joined = k + 1;
		pthread_cond_broadcast(&m.cv);
		pthread_mutex_unlock(&m.mu);
	}
	if (rc == TK_OK && cat)
		rc = tk_pdfcat_finish(cat, err);
	if (rc == TK_OK && pages)
		*pages = total;
out:
	pthread_mutex_lock(&m.mu);
	m.stop = 1;
	pthread_cond_broadcast(&m.cv);
	pthread_mutex_unlock(&m.mu);
	for (k = 0; k < nth; k++)
		pthread_join(th[k], NULL);
	tk_pdfcat_free(cat);
	for (i = 0; i < src->n; i++)
		tk_paper_free(m.pv[i]);
	for (k = 0; k < m.nparts; k++)
		tk_buf_free(&m.parts[k].pdf);
	free(m.pv);
	free(m.parts);
	free(first);
	pthread_mutex_destroy(&m.mu);
	pthread_cond_destroy(&m.cv);
	return rc;
}

int tk_render_pdf(const struct tk_paper *p, const struct tk_render_opts *o,
		  struct tk_buf *out, int *pages, struct tk_error *err)
{
	struct tk_render *r;
	int rc;

	if ((rc = tk_render_new(o, tk_paperfmt_title(p, o ? &o->cls : NULL), out, &r, err)) != TK_OK)
		return rc;
	rc = tk_render_add(r, p, err);
	if (rc == TK_OK)
		rc = tk_render_finish(r, pages, err);
	tk_render_free(r);
	return rc;
}

int tk_render_file(const struct tk_paper *p, const struct tk_render_opts *o,
		   const char *path, int *pages, struct tk_error *err)
{
	struct tk_buf pdf = TK_BUF_INIT;
	int rc = tk_render_pdf(p, o, &pdf, pages, err);

	if (rc == TK_OK)
		rc = tk_write_file(path, pdf.s, pdf.len, err);
	tk_buf_free(&pdf);
	return rc;
}
