/*
 * docxout.c -- papers and keys as WordprocessingML packages; see docxout.h.
 * The document is written as text in one pass over the paper; a
 * template's parts are parsed with libxml2 only to take their page
 * setup and to add our styles and numbering to theirs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "docxout.h"
#include "i18n.h"
#include "opc.h"
#include "item.h"
#include "itemfmt.h"
#include "pack.h"
#include "paperfmt.h"
#include "unpack.h"
#include "xml.h"

#define NS_W   "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R   "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PR  "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_CT  "http://schemas.openxmlformats.org/package/2006/content-types"
#define REL    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT_DOC "application/vnd.openxmlformats-officedocument.wordprocessingml."
#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* A4 and the PDF's margins, in twentieths of a point (twips) */
#define PAGE_W   11906
#define PAGE_H   16838
#define M_TOP    1240
#define M_BOTTOM 1240
#define M_LEFT   1240
#define M_RIGHT  1120
#define EM       210            /* 五号, 10.5 pt */
#define HANG     462            /* the item number's room: 2.2 em */
#define EMU_TWIP 635            /* EMU (drawings) per twip */

/* ---- the template ---------------------------------------------------- */

struct rel {
	char *id, *type, *target;       /* target resolved to a part name */
	int external;
};

struct tpl_ref {
	int footer;
	char type[8];                   /* default, first, even */
	char *part;
};

struct ctype {
	char *key, *type;               /* an extension or a part name ("/word/x.xml") */
};

struct tk_docxout_template {
	char *path;
	struct tk_unpack_file *files;
	int nfiles;
	struct tk_buf sect, sect2;      /* the sectPr's children we keep, in schema order,
					   before and after where titlePg goes */
	int title_pg, even_odd, mirror;
	long pw, ph, mt, mb, ml, mr, mg;        /* the page, twips */
	struct tpl_ref *refs;
	int nrefs, headers, footers;
	const struct tk_unpack_file *styles, *numbering, *theme;
	char **copy;                    /* parts carried over as they are */
	int ncopy;
	struct ctype *defaults, *overrides;
	int ndefaults, noverrides;
};

/* ---- the writer ------------------------------------------------------ */

struct media {
	char *src, *part;
	const char *ext;
	long pxw, pxh;
	struct tk_buf data;
};

struct fmt {
	unsigned b : 1, i : 1, u : 1, sub : 1, sup : 1;
};

struct dx {
	const struct tk_docxout_opts *o;
	const struct tk_docxout_template *t;
	struct tk_buf doc;              /* word/document.xml's body */
	struct tk_itemfmt_opts io;      /* for tk_itemfmt_image */
	const struct tk_item *item;     /* the item being written, for messages */
	long textw, texth;              /* the body column, twips */
	int numid;                      /* the items' list in numbering.xml */
	int numbered;                   /* the list was used */
	int open;                       /* a paragraph is open */
	int last_tbl;                   /* the last block written was a table */
	long keep_at;                   /* where the last paragraph's keepNext is, or -1 */
	struct media *media;
	int nmedia;
	int drawings;                   /* wp:docPr ids */
	long maxw;                      /* how wide an image may be here, twips */
	int failed, oom;
	struct tk_error *err;
};

static int fail_oom(struct dx *d)
{
	d->oom = 1;
	return TK_EINTERNAL;
}

/* ---- text ------------------------------------------------------------ */

/*
 * Width of text in hundredths of an em, as the options and tables lay
 * out: CJK and full-width forms an em, other characters a little over
 * half.  Tags are skipped and an entity counts as one character.
 */
static long text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long w = 0;

	while (p && *p) {
		uint32_t cp;
		int n;
		if (*p == '<') {
			while (*p && *p != '>')
				p++;
			if (*p)
				p++;
			continue;
		}
		if (*p == '&') {
			while (*p && *p != ';')
				p++;
			if (*p)
				p++;
			w += 55;
			continue;
		}
		n = tk_utf8_decode(p, strlen((const char *)p), &cp);
		if (n == 0) {
			p++;
			continue;
		}
		w += cp >= 0x1100 ? 100 : 55;
		p += n;
	}
	return w;
}

/* Width in twips of text at the body size. */
static long text_twips(const char *s)
{
	return text_width(s) * EM / 100;
}

/*
 * Text as a run's content: white space that holds a line break (the
 * indentation of a fragment's source) is one space, the rest as is.
 */
static void put_text(struct tk_buf *b, const char *s)
{
	const char *p = s;

	while (*p) {
		size_t n = strspn(p, " \t\r\n");
		if (n) {
			if (memchr(p, '\n', n) || memchr(p, '\r', n) || memchr(p, '\t', n))
				tk_buf_putc(b, ' ');
			else
				tk_buf_add(b, p, n);
			p += n;
			continue;
		}
		n = strcspn(p, " \t\r\n&<>\"");
		if (n) {
			tk_buf_add(b, p, n);
			p += n;
			continue;
		}
		switch (*p++) {
		case '&': tk_buf_puts(b, "&amp;"); break;
		case '<': tk_buf_puts(b, "&lt;"); break;
		case '>': tk_buf_puts(b, "&gt;"); break;
		case '"': tk_buf_puts(b, "&quot;"); break;
		}
	}
}

static void rpr(struct tk_buf *b, struct fmt f)
{
	if (!(f.b || f.i || f.u || f.sub || f.sup))
		return;
	tk_buf_puts(b, "<w:rPr>");
	if (f.b)
		tk_buf_puts(b, "<w:b/><w:bCs/>");
	if (f.i)
		tk_buf_puts(b, "<w:i/><w:iCs/>");
	if (f.u)
		tk_buf_puts(b, "<w:u w:val=\"single\"/>");
	if (f.sub || f.sup)
		tk_buf_printf(b, "<w:vertAlign w:val=\"%s\"/>", f.sub ? "subscript" : "superscript");
	tk_buf_puts(b, "</w:rPr>");
}

/* A run of plain text (escaped here). */
static void run(struct tk_buf *b, const char *text, struct fmt f)
{
	if (text == NULL || *text == '\0')
		return;
	tk_buf_puts(b, "<w:r>");
	rpr(b, f);
	tk_buf_puts(b, "<w:t xml:space=\"preserve\">");
	put_text(b, text);
	tk_buf_puts(b, "</w:t></w:r>");
}

static const struct fmt PLAIN = {0, 0, 0, 0, 0};
static const struct fmt BOLD = {1, 0, 0, 0, 0};

static void run_tab(struct tk_buf *b)
{
	tk_buf_puts(b, "<w:r><w:tab/></w:r>");
}

/* ---- paragraphs ------------------------------------------------------ */

struct ppr {
	const char *style;
	int keep;               /* keep with the next paragraph */
	int num;                /* in the items' list */
	long ind, hang;         /* left indent and hanging, twips */
	const long *tabs;
	int ntabs;
};

static void para_close(struct dx *d)
{
	if (d->open) {
		tk_buf_puts(&d->doc, "</w:p>");
		d->open = 0;
	}
}

static void para_open(struct dx *d, const struct ppr *pp)
{
	struct tk_buf *b = &d->doc;
	int i;

	para_close(d);
	tk_buf_printf(b, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>", pp->style);
	d->keep_at = -1;
	if (pp->keep) {
		d->keep_at = (long)b->len;
		tk_buf_puts(b, "<w:keepNext/>");
	}
	if (pp->num) {
		tk_buf_printf(b, "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"%d\"/></w:numPr>",
			      d->numid);
		d->numbered = 1;
	}
	if (pp->ntabs) {
		tk_buf_puts(b, "<w:tabs>");
		for (i = 0; i < pp->ntabs; i++)
			tk_buf_printf(b, "<w:tab w:val=\"left\" w:pos=\"%ld\"/>", pp->tabs[i]);
		tk_buf_puts(b, "</w:tabs>");
	}
	if (pp->ind || pp->hang) {
		tk_buf_printf(b, "<w:ind w:left=\"%ld\"", pp->ind);
		if (pp->hang)
			tk_buf_printf(b, " w:hanging=\"%ld\"", pp->hang);
		tk_buf_puts(b, "/>");
	}
	tk_buf_puts(b, "</w:pPr>");
	d->open = 1;
	d->last_tbl = 0;
}

/* A paragraph of plain text in style. */
static void para_text(struct dx *d, const char *style, const char *text, long ind, int keep)
{
	struct ppr pp = {style, keep, 0, ind, 0, NULL, 0};

	para_open(d, &pp);
	run(&d->doc, text, PLAIN);
	para_close(d);
}

/*
 * An item's paragraphs keep together, with its options and its answer
 * space; the last one lets go, so that items part at a page's end.
 */
static void item_end(struct dx *d)
{
	static const char keep[] = "<w:keepNext/>";

	para_close(d);
	if (d->keep_at >= 0 && (size_t)d->keep_at + sizeof keep - 1 <= d->doc.len &&
	    !memcmp(d->doc.s + d->keep_at, keep, sizeof keep - 1)) {
		memmove(d->doc.s + d->keep_at, d->doc.s + d->keep_at + sizeof keep - 1,
			d->doc.len - (size_t)d->keep_at - (sizeof keep - 1) + 1);
		d->doc.len -= sizeof keep - 1;
	}
	d->keep_at = -1;
}

/* Word joins two tables with nothing between them: a paragraph parts them. */
static void table_start(struct dx *d)
{
	para_close(d);
	if (d->last_tbl)
		tk_buf_puts(&d->doc, "<w:p><w:pPr><w:pStyle w:val=\"TikuItemText\"/></w:pPr></w:p>");
	d->last_tbl = 0;
}

static void table_end(struct dx *d)
{
	tk_buf_puts(&d->doc, "</w:tbl>");
	d->last_tbl = 1;
	d->keep_at = -1;
}

/*
 * A table's head: style (NULL: none), width and indent (twips), column
 * widths, whether it is centred, and explicit borders (NULL: the
 * style's).
 */
static void table_head(struct dx *d, const char *style, const long *w, int n, long ind,
		       int centred, const char *borders)
{
	struct tk_buf *b = &d->doc;
	long total = 0;
	int i;

	for (i = 0; i < n; i++)
		total += w[i];
	tk_buf_puts(b, "<w:tbl><w:tblPr>");
	if (style)
		tk_buf_printf(b, "<w:tblStyle w:val=\"%s\"/>", style);
	tk_buf_printf(b, "<w:tblW w:w=\"%ld\" w:type=\"dxa\"/>", total);
	if (centred)
		tk_buf_puts(b, "<w:jc w:val=\"center\"/>");
	else if (ind)
		tk_buf_printf(b, "<w:tblInd w:w=\"%ld\" w:type=\"dxa\"/>", ind);
	if (borders)
		tk_buf_puts(b, borders);
	tk_buf_puts(b, "<w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0000\" w:firstRow=\"0\" "
		    "w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" "
		    "w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
	for (i = 0; i < n; i++)
		tk_buf_printf(b, "<w:gridCol w:w=\"%ld\"/>", w[i]);
	tk_buf_puts(b, "</w:tblGrid>");
}

/* <w:tr> with its height (0: as the content needs; exact when exact). */
static void row_open(struct dx *d, long height, int exact)
{
	tk_buf_puts(&d->doc, "<w:tr><w:trPr><w:cantSplit/>");
	if (height)
		tk_buf_printf(&d->doc, "<w:trHeight w:val=\"%ld\" w:hRule=\"%s\"/>", height,
			      exact ? "exact" : "atLeast");
	tk_buf_puts(&d->doc, "</w:trPr>");
}

/* A cell w twips wide, its first paragraph open; centred: its text in the middle. */
static void cell_open(struct dx *d, long w, const char *style, int keep, int centred)
{
	struct ppr pp = {style, keep, 0, 0, 0, NULL, 0};

	tk_buf_printf(&d->doc, "<w:tc><w:tcPr><w:tcW w:w=\"%ld\" w:type=\"dxa\"/>%s</w:tcPr>", w,
		      centred ? "<w:vAlign w:val=\"center\"/>" : "");
	para_open(d, &pp);
}

static void cell_close(struct dx *d)
{
	para_close(d);
	tk_buf_puts(&d->doc, "</w:tc>");
}

/* ---- images ---------------------------------------------------------- */

static unsigned long be16(const unsigned char *p) { return (unsigned long)p[0] << 8 | p[1]; }
static unsigned long le16(const unsigned char *p) { return (unsigned long)p[1] << 8 | p[0]; }
static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/*
 * The pixel size of a PNG, JPEG, GIF or WebP image, from its header, and
 * its kind as an extension.  0 when the bytes are none of these.
 */
static int image_size(const unsigned char *p, size_t n, long *w, long *h, const char **ext)
{
	size_t i;

	*w = *h = 0;
	if (n >= 24 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8) && !memcmp(p + 12, "IHDR", 4)) {
		*w = (long)be32(p + 16);
		*h = (long)be32(p + 20);
		*ext = "png";
	} else if (n >= 10 && (!memcmp(p, "GIF87a", 6) || !memcmp(p, "GIF89a", 6))) {
		*w = (long)le16(p + 6);
		*h = (long)le16(p + 8);
		*ext = "gif";
	} else if (n >= 4 && p[0] == 0xFF && p[1] == 0xD8) {
		/* the first start-of-frame marker says */
		for (i = 2; i + 9 < n;) {
			unsigned m;
			if (p[i] != 0xFF) {
				i++;
				continue;
			}
			m = p[i + 1];
			if (m == 0xFF || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
				i += m == 0xFF ? 1 : 2;
				continue;
			}
			if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
				*h = (long)be16(p + i + 5);
				*w = (long)be16(p + i + 7);
				break;
			}
			i += 2 + be16(p + i + 2);
		}
		*ext = "jpeg";
	} else if (n >= 30 && !memcmp(p, "RIFF", 4) && !memcmp(p + 8, "WEBP", 4)) {
		if (!memcmp(p + 12, "VP8 ", 4)) {
			*w = (long)(le16(p + 26) & 0x3FFF);
			*h = (long)(le16(p + 28) & 0x3FFF);
		} else if (!memcmp(p + 12, "VP8L", 4)) {
			unsigned long b = (unsigned long)p[21] | (unsigned long)p[22] << 8 |
					  (unsigned long)p[23] << 16 | (unsigned long)p[24] << 24;
			*w = (long)(b & 0x3FFF) + 1;
			*h = (long)((b >> 14) & 0x3FFF) + 1;
		} else if (!memcmp(p + 12, "VP8X", 4)) {
			*w = (long)(p[24] | p[25] << 8 | p[26] << 16) + 1;
			*h = (long)(p[27] | p[28] << 8 | p[29] << 16) + 1;
		}
		*ext = "webp";
	}
	return *w > 0 && *h > 0;
}

/* The embedded image for src, read once per document. */
static struct media *media_get(struct dx *d, const char *src)
{
	struct tk_buf data = TK_BUF_INIT;
	struct media *m;
	char *name = NULL;
	const char *ext = NULL;
	long w, h;
	int i;

	for (i = 0; i < d->nmedia; i++)
		if (!strcmp(d->media[i].src, src))
			return &d->media[i];
	if (tk_itemfmt_image(&d->io, d->item, src, &name, &data, d->err) != TK_OK) {
		d->failed = 1;
		tk_buf_free(&data);
		return NULL;
	}
	free(name);
	if (!image_size((const unsigned char *)data.s, data.len, &w, &h, &ext)) {
		tk_error_set(d->err, TK_EINPUT, NULL, 0,
			     _("item '%s' shows image '%s', which is not a PNG, JPEG, GIF or WebP "
			       "image that can be read"), d->item->id, src);
		d->failed = 1;
		tk_buf_free(&data);
		return NULL;
	}
	if ((m = tk_grow(d->media, d->nmedia, sizeof *m, &d->oom)) == NULL) {
		tk_buf_free(&data);
		return NULL;
	}
	d->media = m;
	m = &d->media[d->nmedia];
	memset(m, 0, sizeof *m);
	m->pxw = w;
	m->pxh = h;
	m->ext = ext;
	m->data = data;
	m->src = tk_strdup(src);
	{
		struct tk_buf p = TK_BUF_INIT;
		tk_buf_printf(&p, "word/media/tiku-image%d.%s", d->nmedia + 1, ext);
		m->part = tk_buf_detach(&p);
	}
	d->nmedia++;
	if (m->src == NULL || m->part == NULL) {
		fail_oom(d);
		return NULL;
	}
	return m;
}

/*
 * An image as an inline drawing: width="N" asks for N CSS pixels, else
 * its own size at 96 dpi; never wider than maxw (twips) nor taller than
 * half the page's body.
 */
static void image_run(struct dx *d, xmlNodePtr img, long maxw)
{
	char *src = tk_xml_attr(img, "src"), *wa = tk_xml_attr(img, "width"),
	     *alt = tk_xml_attr(img, "alt");
	struct media *m;
	double w, h, want = -1;
	long maxh = d->texth / 2;
	int k;

	if (src == NULL || d->failed)
		goto out;
	if ((m = media_get(d, src)) == NULL)
		goto out;
	k = (int)(m - d->media);
	if (wa && tk_parse_num(wa, 0, 100000, &want) && want > 0)
		w = want * 15;          /* CSS pixels: 0.75 pt, 15 twips */
	else
		w = (double)m->pxw * 15;
	if (maxw < EM)
		maxw = EM;
	if (w > maxw)
		w = maxw;
	h = w * (double)m->pxh / (double)m->pxw;
	if (h > maxh) {
		w = w * maxh / h;
		h = maxh;
	}
	d->drawings++;
	tk_buf_printf(&d->doc,
		"<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
		"<wp:extent cx=\"%ld\" cy=\"%ld\"/><wp:docPr id=\"%d\" name=\"Picture %d\" descr=\"",
		(long)(w * EMU_TWIP), (long)(h * EMU_TWIP), d->drawings, d->drawings);
	tk_buf_xml(&d->doc, alt ? alt : "", 1);
	tk_buf_printf(&d->doc,
		"\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>"
		"</wp:cNvGraphicFramePr><a:graphic><a:graphicData "
		"uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
		"<pic:nvPicPr><pic:cNvPr id=\"%d\" name=\"tiku-image%d.%s\"/><pic:cNvPicPr/></pic:nvPicPr>"
		"<pic:blipFill><a:blip r:embed=\"rIdImage%d\"/><a:stretch><a:fillRect/></a:stretch>"
		"</pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%ld\" cy=\"%ld\"/>"
		"</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
		"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>",
		d->drawings, k + 1, m->ext, k + 1, (long)(w * EMU_TWIP), (long)(h * EMU_TWIP));
out:
	free(src);
	free(wa);
	free(alt);
}

/* ---- fragments ------------------------------------------------------- */

static void inline_nodes(struct dx *d, xmlNodePtr first, struct fmt f);

/* Runs for one inline node of a fragment, with the formatting around it. */
static void inline_node(struct dx *d, xmlNodePtr c, struct fmt f)
{
	if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
		run(&d->doc, (const char *)c->content, f);
		return;
	}
	if (c->type != XML_ELEMENT_NODE)
		return;
	if (tk_xml_is(c, "b") || tk_xml_is(c, "strong"))
		f.b = 1;
	else if (tk_xml_is(c, "i") || tk_xml_is(c, "em"))
		f.i = 1;
	else if (tk_xml_is(c, "u"))
		f.u = 1;
	else if (tk_xml_is(c, "sub"))
		f.sub = 1;
	else if (tk_xml_is(c, "sup"))
		f.sup = 1;
	else if (tk_xml_is(c, "br")) {
		tk_buf_puts(&d->doc, "<w:r><w:br/></w:r>");
		return;
	} else if (tk_xml_is(c, "gap")) {
		f.u = 1;
		run(&d->doc, "\u3000\u3000\u3000\u3000\u3000\u3000", f);
		return;
	} else if (tk_xml_is(c, "img")) {
		image_run(d, c, d->maxw);
		return;
	}
	inline_nodes(d, c->children, f);
}

static void inline_nodes(struct dx *d, xmlNodePtr first, struct fmt f)
{
	xmlNodePtr c;

	for (c = first; c; c = c->next)
		inline_node(d, c, f);
}

/* An inline fragment's runs (an option, a table cell). */
static void inline_frag(struct dx *d, const char *frag, struct fmt f)
{
	xmlDocPtr doc = tk_xml_fragment(frag);

	if (doc == NULL) {
		run(&d->doc, frag, f);
		return;
	}
	inline_nodes(d, xmlDocGetRootElement(doc)->children, f);
	xmlFreeDoc(doc);
}

static int is_block(xmlNodePtr c)
{
	return c->type == XML_ELEMENT_NODE &&
	       (tk_xml_is(c, "p") || tk_xml_is(c, "ul") || tk_xml_is(c, "ol") ||
		tk_xml_is(c, "table") || tk_xml_is(c, "img"));
}

static int blank(const xmlChar *s)
{
	return strspn((const char *)s, " \t\r\n") == strlen((const char *)s);
}

static void cell_text(xmlNodePtr c, struct tk_buf *b)
{
	xmlChar *s = xmlNodeGetContent(c);

	tk_buf_puts(b, s ? (const char *)s : "");
	xmlFree(s);
}

/*
 * A table of a fragment, indented by ind: columns share the width by
 * their contents' widths (as the PDF's), rows never split.
 */
static void frag_table(struct dx *d, xmlNodePtr t, long ind, int keep)
{
	enum { MAXCOL = 32 };
	double nat[MAXCOL] = {0}, least[MAXCOL], share[MAXCOL];
	long w[MAXCOL];
	long width = d->textw - ind, save = d->maxw;
	xmlNodePtr tr, c;
	int ncol = 0, i;

	for (tr = tk_xml_child(t, "tr"); tr; tr = tk_xml_next(tr, "tr")) {
		for (i = 0, c = tr->children; c; c = c->next) {
			struct tk_buf s = TK_BUF_INIT;
			long cw;
			if (c->type != XML_ELEMENT_NODE || i >= MAXCOL)
				continue;
			cell_text(c, &s);
			cw = text_twips(tk_buf_str(&s)) + 2 * 115 + 40;
			if (cw > nat[i])
				nat[i] = cw;
			tk_buf_free(&s);
			i++;
		}
		if (i > ncol)
			ncol = i;
	}
	if (ncol == 0)
		return;
	/*
	 * Each column as wide as its widest cell when all fit; else each keeps
	 * room for four characters (a heading such as 角色 must not break
	 * between its characters) and the rest is shared by what more they
	 * hold.
	 */
	for (i = 0; i < ncol; i++) {
		if (nat[i] < 480)
			nat[i] = 480;
		least[i] = nat[i] < 4 * EM + 270 ? nat[i] : 4 * EM + 270;
	}
	tk_paperfmt_columns(nat, least, ncol, (double)width, share);
	for (i = 0; i < ncol; i++)
		w[i] = (long)share[i];  /* whole twips */
	table_start(d);
	table_head(d, "TikuTable", w, ncol, ind, 0, NULL);
	for (tr = tk_xml_child(t, "tr"); tr; tr = tk_xml_next(tr, "tr")) {
		struct fmt f = PLAIN;
		int n = 0;
		row_open(d, 0, 0);
		for (c = tr->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE || n >= ncol)
				continue;
			f.b = tk_xml_is(c, "th");
			cell_open(d, w[n], "TikuTableText", keep, 0);
			d->maxw = w[n] - 230;
			inline_nodes(d, c->children, f);
			cell_close(d);
			n++;
		}
		for (; n < ncol; n++) {
			cell_open(d, w[n], "TikuTableText", keep, 0);
			cell_close(d);
		}
		tk_buf_puts(&d->doc, "</w:tr>");
	}
	table_end(d);
	d->maxw = save;
}

/*
 * How a fragment starts: its first paragraph in the items' list (num),
 * or opened by runs (lead: "12．答案："), hung by hang.
 */
struct lead {
	int num;
	const char *runs;
	long hang;
};

/* Open a fragment's next paragraph: the first with its lead. */
static void open_first(struct dx *d, int *first, const struct ppr *p1, const struct ppr *pn,
		       const struct lead *lead)
{
	para_open(d, *first ? p1 : pn);
	if (*first && lead && lead->runs)
		tk_buf_puts(&d->doc, lead->runs);
	*first = 0;
}

/*
 * Write a fragment (stem, answer, explanation) at indent ind, its first
 * paragraph in style, the others in cont:
 * its paragraphs, lists, tables and images.  tail (runs) ends its last
 * paragraph: a true/false item's （　）.  keep: every paragraph keeps
 * with the next.
 */
static void fragment(struct dx *d, const char *frag, const struct lead *lead, long ind,
		     const char *style, const char *cont, const char *tail, int keep)
{
	xmlDocPtr doc = tk_xml_fragment(frag);
	xmlNodePtr c, tail_p = NULL;
	int first = 1;
	struct ppr p1 = {style, keep, lead ? lead->num : 0, ind, lead ? lead->hang : 0, NULL, 0};
	struct ppr pn = {cont, keep, 0, ind, 0, NULL, 0};

	para_close(d);
	d->maxw = d->textw - ind;
#define OPEN() open_first(d, &first, &p1, &pn, lead)
	if (doc == NULL) {
		OPEN();
		run(&d->doc, frag, PLAIN);
		goto end;
	}
	/* the tail (a true/false item's （　）) ends the last paragraph when
	   only pictures and tables follow it, not a line of its own after them */
	for (c = xmlDocGetRootElement(doc)->children; tail && c; c = c->next) {
		if (tk_xml_is(c, "p"))
			tail_p = c;
		else if (!tk_xml_is(c, "img") && !tk_xml_is(c, "table") &&
			 !((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
			   blank(c->content)))
			tail_p = NULL;
	}
	for (c = xmlDocGetRootElement(doc)->children; c; c = c->next) {
		if (!is_block(c)) {
			if (!d->open && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
			    blank(c->content))
				continue;
			if (!d->open)
				OPEN();
			inline_node(d, c, PLAIN);
			continue;
		}
		para_close(d);
		if (tk_xml_is(c, "p")) {
			OPEN();
			inline_nodes(d, c->children, PLAIN);
			if (c == tail_p) {
				tk_buf_puts(&d->doc, tail);
				tail = NULL;
			}
		} else if (tk_xml_is(c, "ul") || tk_xml_is(c, "ol")) {
			struct ppr pl = {"TikuItemText", keep, 0, ind + 2 * EM, EM + EM / 2, NULL, 0};
			xmlNodePtr li;
			int k = 1, ordered = tk_xml_is(c, "ol");
			if (first && lead) {
				/* a list straight after the number: the number on a line of its own */
				OPEN();
				para_close(d);
			}
			for (li = tk_xml_child(c, "li"); li; li = tk_xml_next(li, "li"), k++) {
				char mark[16];
				para_open(d, &pl);
				snprintf(mark, sizeof mark, ordered ? "%d. " : "• ", k);
				run(&d->doc, mark, PLAIN);
				d->maxw = d->textw - pl.ind;
				inline_nodes(d, li->children, PLAIN);
				d->maxw = d->textw - ind;
			}
			para_close(d);
			first = 0;
		} else if (tk_xml_is(c, "table")) {
			if (first && lead) {
				OPEN();
				para_close(d);
			}
			first = 0;
			frag_table(d, c, ind, keep);
		} else if (tk_xml_is(c, "img")) {
			if (first && lead) {
				OPEN();
				para_close(d);
			}
			OPEN();
			image_run(d, c, d->textw - ind);
			para_close(d);
		}
	}
end:
	if (!d->open && (first || tail))
		OPEN();         /* an empty fragment still gets its number */
	if (tail)
		tk_buf_puts(&d->doc, tail);
	para_close(d);
#undef OPEN
	xmlFreeDoc(doc);
}

/* ---- the paper ------------------------------------------------------- */

/* The title line: the teacher's on a practice paper, else the paper's. */
static const char *paper_title(const struct tk_paper *p, const struct tk_docxout_opts *o)
{
	return tk_paperfmt_title(p, &o->cls);
}

static void head(struct dx *d, const struct tk_paper *p, int key)
{
	struct tk_buf b = TK_BUF_INIT;
	struct ppr pp = {"TikuInfo", 0, 0, 0, 0, NULL, 0};
	const struct fmt under = {0, 0, 1, 0, 0};

	para_text(d, "TikuTitle", paper_title(p, d->o), 0, 1);
	if (key)
		para_text(d, "TikuTitle", "参考答案及评分标准", 0, 1);
	if (p->practice) {
		/* the class's header: what the teacher set, then what the learner
		   fills in -- never the exam's 准考证号 and 考点 */
		const char *label[TK_PAPERFMT_BLANKS];
		int k, n;
		tk_paperfmt_practice_info(p, &d->o->cls, &b);
		para_text(d, "TikuInfo", tk_buf_str(&b), 0, 0);
		if (!key) {
			n = tk_paperfmt_practice_blanks(&d->o->cls, label);
			para_open(d, &pp);
			for (k = 0; k < n; k++) {
				run(&d->doc, k ? "　　" : "", PLAIN);
				run(&d->doc, label[k], PLAIN);
				run(&d->doc, "\u3000\u3000\u3000\u3000\u3000\u3000", under);
			}
			para_close(d);
		}
		tk_buf_free(&b);
		return;
	}
	tk_paperfmt_info(p, &b);
	para_text(d, "TikuInfo", tk_buf_str(&b), 0, 0);
	tk_buf_reset(&b);
	if (p->candidate) {
		tk_buf_puts(&b, "准考证号：");
		tk_buf_puts(&b, p->candidate);
		if (p->candidate_name)
			tk_buf_printf(&b, "　　姓名：%s", p->candidate_name);
		if (p->site)
			tk_buf_printf(&b, "　　考点：%s", p->site);
		para_text(d, "TikuInfo", tk_buf_str(&b), 0, 0);
	} else if (!key) {
		para_open(d, &pp);
		run(&d->doc, "姓名：", PLAIN);
		run(&d->doc, "\u3000\u3000\u3000\u3000\u3000\u3000", under);
		run(&d->doc, "　　准考证号：", PLAIN);
		run(&d->doc, "\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000", under);
		run(&d->doc, "　　考点：", PLAIN);
		run(&d->doc, "\u3000\u3000\u3000\u3000\u3000\u3000", under);
		para_close(d);
	}
	tk_buf_free(&b);
}

/* 注意事项, boxed: a table of one cell. */
static void notice(struct dx *d, const struct tk_paper *p)
{
	struct tk_buf b = TK_BUF_INIT;
	long w = d->textw;
	int k;

	table_start(d);
	table_head(d, "TikuTable", &w, 1, 0, 1, NULL);
	row_open(d, 0, 0);
	cell_open(d, w, "TikuNoticeTitle", 0, 0);
	run(&d->doc, "注　意　事　项", PLAIN);
	para_close(d);
	for (k = 0; k < TK_PAPERFMT_NOTICE; k++) {
		tk_buf_reset(&b);
		tk_paperfmt_notice(p, k, 0, &b);   /* a Word paper has no seal line */
		para_text(d, "TikuNotice", tk_buf_str(&b), 0, 0);
	}
	tk_buf_puts(&d->doc, "</w:tc></w:tr>");
	table_end(d);
	tk_buf_free(&b);
}

static int printed_sections(const struct tk_paper *p)
{
	int s, n = 0;

	for (s = 0; s < p->nsections; s++)
		n += p->sections[s].nitems > 0;
	return n;
}

/* 题号 一 二 … 总分, and the rows 得分, 评分人, 复核人 for the markers. */
static void score_table(struct dx *d, const struct tk_paper *p)
{
	static const char *const rows[] = {"得分", "评分人", "复核人"};
	int n = printed_sections(p) + 2, i, r;
	long *w = calloc((size_t)n, sizeof *w), total = 0;

	if (w == NULL) {
		fail_oom(d);
		return;
	}
	for (i = 0; i < n; i++)
		total += w[i] = i == 0 || i == n - 1 ? 1120 : 880;
	if (total > d->textw)
		for (i = 0; i < n; i++)
			w[i] = w[i] * d->textw / total;
	table_start(d);
	table_head(d, "TikuTable", w, n, 0, 1, NULL);
	row_open(d, 400, 0);
	for (i = 0; i < n; i++) {
		struct tk_buf b = TK_BUF_INIT;
		if (i == 0)
			tk_buf_puts(&b, "题号");
		else if (i == n - 1)
			tk_buf_puts(&b, "总分");
		else
			tk_paper_cn_number(i, &b);
		cell_open(d, w[i], "TikuScoreText", 0, 1);
		run(&d->doc, tk_buf_str(&b), PLAIN);
		cell_close(d);
		tk_buf_free(&b);
	}
	tk_buf_puts(&d->doc, "</w:tr>");
	for (r = 0; r < 3; r++) {
		row_open(d, 560, 0);
		for (i = 0; i < n; i++) {
			cell_open(d, w[i], "TikuScoreText", 0, 1);
			if (i == 0)
				run(&d->doc, rows[r], PLAIN);
			cell_close(d);
		}
		tk_buf_puts(&d->doc, "</w:tr>");
	}
	table_end(d);
	free(w);
}

static int is_choice(int type)
{
	return type == TK_SINGLE || type == TK_MULTIPLE;
}

/*
 * A choice item's options: four or two to a line at tab stops when the
 * widest fits a quarter or a half of the column, else one a line.
 */
static void options(struct dx *d, const struct tk_item *it)
{
	long avail = d->textw - HANG, widest = 0, tabs[3];
	int i, k, cols;

	for (i = 0; i < it->noptions; i++) {
		long w = text_twips(it->options[i].text) + 330;
		if (w > widest)
			widest = w;
	}
	cols = widest + 240 <= avail / 4 ? 4 : widest + 240 <= avail / 2 ? 2 : 1;
	for (k = 1; k < cols; k++)
		tabs[k - 1] = HANG + k * (avail / cols);
	for (i = 0; i < it->noptions; i += cols) {
		struct ppr pp = {"TikuOption", 1, 0, HANG, 0, tabs, cols - 1};
		if (cols == 1) {
			pp.ind = HANG + 336;
			pp.hang = 336;
		}
		para_open(d, &pp);
		d->maxw = avail / cols - 336;
		for (k = 0; k < cols && i + k < it->noptions; k++) {
			char lead[8];
			if (k)
				run_tab(&d->doc);
			snprintf(lead, sizeof lead, "%c．", it->options[i + k].key);
			run(&d->doc, lead, PLAIN);
			inline_frag(d, it->options[i + k].text ? it->options[i + k].text : "", PLAIN);
		}
		para_close(d);
	}
}

/* Ruled lines to write an open answer on: a table of ruled rows. */
static void answer_lines(struct dx *d, int n)
{
	static const char borders[] =
		"<w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/>"
		"<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
		"<w:right w:val=\"nil\"/>"
		"<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
		"<w:insideV w:val=\"nil\"/></w:tblBorders>";
	long w = d->textw - HANG;
	int k;

	table_start(d);
	table_head(d, NULL, &w, 1, HANG, 0, borders);
	for (k = 0; k < n; k++) {
		row_open(d, 480, 1);
		cell_open(d, w, "TikuAnswerLine", 0, 0);
		cell_close(d);
		tk_buf_puts(&d->doc, "</w:tr>");
	}
	table_end(d);
}

/* Does a true/false stem leave its own （　） for the mark? */
static int has_mark(const char *stem)
{
	return stem && (strstr(stem, "（　）") || strstr(stem, "（ ）") || strstr(stem, "(　)") ||
			strstr(stem, "( )"));
}

static void section_heading(struct dx *d, const struct tk_paper_section *sec, int k)
{
	struct tk_buf b = TK_BUF_INIT;

	tk_paper_section_title(sec, k, &b);
	para_text(d, "TikuSection", tk_buf_str(&b), 0, 1);
	tk_buf_free(&b);
}

static int paper_body(struct dx *d, const struct tk_paper *p)
{
	int s, j, k = 0, n = 0;
	int skill = p->kind && !strcmp(p->kind, "skill");

	head(d, p, 0);
	notice(d, p);
	score_table(d, p);
	for (s = 0; s < p->nsections && !d->failed; s++) {
		const struct tk_paper_section *sec = &p->sections[s];
		int mixed = !skill && tk_paperfmt_mixed_points(sec);
		if (sec->nitems == 0)
			continue;
		section_heading(d, sec, ++k);
		if (sec->instructions)
			para_text(d, "TikuInstructions", sec->instructions, 0, 1);
		for (j = 0; j < sec->nitems && !d->failed; j++) {
			const struct tk_item *it = sec->items[j];
			struct tk_buf lead = TK_BUF_INIT, tail = TK_BUF_INIT;
			struct lead l = {1, NULL, HANG};
			char pts[16];
			d->item = it;
			n++;
			if (mixed) {
				char note[48];
				snprintf(note, sizeof note, "（%s分）",
					 tk_points_format(tk_paperfmt_item_points(sec, j), pts));
				run(&lead, note, PLAIN);
				l.runs = tk_buf_str(&lead);
			}
			if (it->type == TK_TRUEFALSE && !has_mark(it->stem))
				run(&tail, "（　）", PLAIN);
			fragment(d, it->stem, &l, HANG, "TikuItem", "TikuItemText",
				 tail.len ? tail.s : NULL, 1);
			if (skill) {
				tk_buf_reset(&lead);
				tk_paperfmt_time_note(it, &lead);
				para_text(d, "TikuItemText", tk_buf_str(&lead), HANG, 1);
			}
			if (is_choice(it->type) && it->noptions)
				options(d, it);
			if (it->type >= TK_SHORT)
				answer_lines(d, tk_paperfmt_answer_lines(it));
			item_end(d);
			tk_buf_free(&lead);
			tk_buf_free(&tail);
		}
	}
	return n;
}

/* ---- the key --------------------------------------------------------- */

/* A choice or true/false item's answer as marked: "AC", "√". */
static void mark_text(const struct tk_item *it, struct tk_buf *b)
{
	if (it->type == TK_TRUEFALSE)
		tk_buf_puts(b, it->answer && !strcmp(it->answer, "true") ? "√" : "×");
	else if (it->answer)
		tk_buf_puts(b, it->answer);
}

static int marks_only(const struct tk_paper_section *s)
{
	int i;

	for (i = 0; i < s->nitems; i++)
		if (!is_choice(s->items[i]->type) && s->items[i]->type != TK_TRUEFALSE)
			return 0;
	return 1;
}

static void rubric(struct dx *d, const struct tk_item *it)
{
	struct ppr pp = {"TikuRubric", 0, 0, HANG, 0, NULL, 0};
	char pts[16];
	int k;

	if (it->nrubric == 0)
		return;
	para_open(d, &pp);
	run(&d->doc, "评分标准：", BOLD);
	para_close(d);
	for (k = 0; k < it->nrubric; k++) {
		struct tk_buf b = TK_BUF_INIT;
		pp.ind = HANG + EM + 3 * EM;
		pp.hang = 3 * EM;
		para_open(d, &pp);
		tk_buf_printf(&b, "（%s分）", tk_points_format(it->rubric[k].points, pts));
		run(&d->doc, tk_buf_str(&b), PLAIN);
		run(&d->doc, it->rubric[k].text, PLAIN);
		para_close(d);
		tk_buf_free(&b);
	}
}

static int key_body(struct dx *d, const struct tk_paper *p)
{
	int s, j, k = 0, no = 0;

	head(d, p, 1);
	for (s = 0; s < p->nsections && !d->failed; s++) {
		const struct tk_paper_section *sec = &p->sections[s];
		if (sec->nitems == 0)
			continue;
		section_heading(d, sec, ++k);
		if (marks_only(sec) && !d->o->explanations) {
			/* a grid a marker runs an eye down: five answers a line */
			long tabs[4];
			struct ppr pp = {"TikuAnswer", 0, 0, 0, 0, tabs, 4};
			int c;
			for (c = 1; c < 5; c++)
				tabs[c - 1] = c * (d->textw / 5);
			for (j = 0; j < sec->nitems; j++) {
				struct tk_buf b = TK_BUF_INIT;
				if (j % 5 == 0)
					para_open(d, &pp);
				else
					run_tab(&d->doc);
				tk_buf_printf(&b, "%d．", ++no);
				mark_text(sec->items[j], &b);
				run(&d->doc, tk_buf_str(&b), PLAIN);
				tk_buf_free(&b);
			}
			para_close(d);
			continue;
		}
		for (j = 0; j < sec->nitems && !d->failed; j++) {
			const struct tk_item *it = sec->items[j];
			struct tk_buf lead = TK_BUF_INIT, text = TK_BUF_INIT;
			struct lead l = {0, NULL, HANG};
			char num[16];
			d->item = it;
			snprintf(num, sizeof num, "%d．", ++no);
			run(&lead, num, PLAIN);
			run(&lead, "答案：", BOLD);
			if (is_choice(it->type) || it->type == TK_TRUEFALSE)
				mark_text(it, &text);
			else if (it->type == TK_FILL)
				tk_item_blanks_text(it->answer, &text);
			if (text.len) {
				struct ppr pp = {"TikuAnswer", 0, 0, HANG, HANG, NULL, 0};
				para_open(d, &pp);
				tk_buf_puts(&d->doc, tk_buf_str(&lead));
				run(&d->doc, tk_buf_str(&text), PLAIN);
				para_close(d);
			} else {
				l.runs = tk_buf_str(&lead);
				fragment(d, it->answer, &l, HANG, "TikuAnswer", "TikuAnswer", NULL, 0);
			}
			rubric(d, it);
			if (d->o->explanations && it->explanation && *it->explanation) {
				struct tk_buf x = TK_BUF_INIT;
				struct lead lx = {0, NULL, 0};
				run(&x, "解析：", BOLD);
				lx.runs = tk_buf_str(&x);
				fragment(d, it->explanation, &lx, HANG, "TikuExplanation", "TikuExplanation",
					 NULL, 0);
				tk_buf_free(&x);
			}
			tk_buf_free(&lead);
			tk_buf_free(&text);
		}
	}
	return no;
}

/* ---- styles and numbering -------------------------------------------- */

#define SP(before, after, line) "<w:spacing w:before=\"" #before "\" w:after=\"" #after \
	"\" w:line=\"" #line "\" w:lineRule=\"auto\"/>"
#define JC(v) "<w:jc w:val=\"" v "\"/>"

struct sdef {
	const char *id, *name;
	int head, size, bold;   /* the heading font, half-points, bold */
	const char *ppr;
};

/* The paper's styles: every font of the paper is set here and only here. */
static const struct sdef sdefs[] = {
	{"TikuTitle", "试卷标题", 1, 36, 1, "<w:keepNext/>" SP(0, 120, 240) JC("center")},
	{"TikuInfo", "试卷信息", 0, 21, 0, SP(60, 60, 240) JC("center")},
	{"TikuNoticeTitle", "注意事项标题", 1, 21, 1, SP(80, 60, 240) JC("center")},
	{"TikuNotice", "注意事项", 0, 21, 0, SP(0, 40, 300) "<w:ind w:left=\"120\"/>"},
	{"TikuScoreText", "评分表", 0, 21, 0, SP(40, 40, 240) JC("center")},
	{"TikuSection", "大题标题", 1, 24, 1, "<w:keepNext/>" SP(240, 120, 240)},
	{"TikuInstructions", "大题说明", 0, 21, 0, "<w:keepNext/>" SP(0, 80, 240)
	 "<w:ind w:left=\"420\"/>"},
	{"TikuItem", "试题", 0, 21, 0, SP(100, 0, 300)},
	{"TikuItemText", "试题续行", 0, 21, 0, SP(0, 0, 300)},
	{"TikuOption", "选项", 0, 21, 0, SP(0, 0, 300)},
	{"TikuAnswerLine", "答题线", 0, 21, 0, SP(0, 0, 240)},
	{"TikuTableText", "表格文字", 0, 21, 0, SP(20, 20, 240)},
	{"TikuAnswer", "答案", 0, 21, 0, SP(100, 0, 300)},
	{"TikuRubric", "评分标准", 0, 21, 0, SP(0, 0, 300)},
	{"TikuExplanation", "解析", 0, 21, 0, SP(0, 0, 300)},
	{"TikuHeader", "页眉文字", 1, 17, 0, "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" "
	 "w:space=\"1\" w:color=\"auto\"/></w:pBdr>" SP(0, 0, 240)},
	{"TikuFooter", "页脚文字", 1, 18, 0, SP(0, 0, 240) JC("center")},
};
#define NSTYLES (int)(sizeof sdefs / sizeof sdefs[0])
#define TABLE_STYLE "TikuTable"

static void fonts(struct tk_buf *b, const struct tk_docxout_opts *o, int headf)
{
	const char *latin = headf ? (o->sans ? o->sans : "Arial")
				  : (o->font ? o->font : "Times New Roman");
	const char *cjk = headf ? (o->sans ? o->sans : "黑体") : (o->font ? o->font : "宋体");

	tk_buf_puts(b, "<w:rFonts w:ascii=\"");
	tk_buf_xml(b, latin, 1);
	tk_buf_puts(b, "\" w:hAnsi=\"");
	tk_buf_xml(b, latin, 1);
	tk_buf_puts(b, "\" w:eastAsia=\"");
	tk_buf_xml(b, cjk, 1);
	tk_buf_puts(b, "\" w:cs=\"");
	tk_buf_xml(b, latin, 1);
	tk_buf_puts(b, "\"/>");
}

/* Style k of ours (NSTYLES: the table style) as XML, w: bound by the caller. */
static void style_xml(struct tk_buf *b, const struct tk_docxout_opts *o, int k)
{
	if (k == NSTYLES) {
		tk_buf_puts(b, "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"" TABLE_STYLE
			    "\"><w:name w:val=\"试卷表格\"/><w:qFormat/><w:pPr>" SP(0, 0, 240)
			    "</w:pPr><w:tblPr><w:tblBorders>");
		tk_buf_puts(b, "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
			    "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
			    "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
			    "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
			    "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
			    "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
			    "</w:tblBorders><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
			    "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>"
			    "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>");
		return;
	}
	tk_buf_printf(b, "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"%s\">"
		      "<w:name w:val=\"%s\"/><w:qFormat/><w:pPr>%s</w:pPr><w:rPr>",
		      sdefs[k].id, sdefs[k].name, sdefs[k].ppr);
	fonts(b, o, sdefs[k].head);
	if (sdefs[k].bold)
		tk_buf_puts(b, "<w:b/><w:bCs/>");
	tk_buf_printf(b, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>"
		      "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:style>",
		      sdefs[k].size, sdefs[k].size);
}

static const char *style_id(int k)
{
	return k == NSTYLES ? TABLE_STYLE : sdefs[k].id;
}

/* styles.xml of our own: Word's defaults, then the paper's styles. */
static void styles_own(struct tk_buf *b, const struct tk_docxout_opts *o)
{
	int k;

	tk_buf_puts(b, XML_HEAD "<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults><w:rPrDefault><w:rPr>");
	fonts(b, o, 0);
	tk_buf_puts(b, "<w:kern w:val=\"2\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>"
		    "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault>"
		    "<w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults>"
		    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
		    "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
		    "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
		    "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/>"
		    "<w:semiHidden/><w:unhideWhenUsed/></w:style>"
		    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
		    "<w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>"
		    "<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
		    "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
		    "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
		    "</w:tblCellMar></w:tblPr></w:style>\n");
	for (k = 0; k <= NSTYLES; k++) {
		style_xml(b, o, k);
		tk_buf_putc(b, '\n');
	}
	tk_buf_puts(b, "</w:styles>\n");
}

static void abstract_num_xml(struct tk_buf *b, int id)
{
	tk_buf_printf(b, "<w:abstractNum w:abstractNumId=\"%d\"><w:multiLevelType w:val=\"singleLevel\"/>"
		      "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
		      "<w:suff w:val=\"nothing\"/><w:lvlText w:val=\"%%1．\"/><w:lvlJc w:val=\"left\"/><w:pPr>"
		      "<w:ind w:left=\"%d\" w:hanging=\"%d\"/></w:pPr></w:lvl></w:abstractNum>",
		      id, HANG, HANG);
}

static void numbering_own(struct tk_buf *b, int numid)
{
	tk_buf_puts(b, XML_HEAD "<w:numbering xmlns:w=\"" NS_W "\">");
	abstract_num_xml(b, numid);
	tk_buf_printf(b, "<w:num w:numId=\"%d\"><w:abstractNumId w:val=\"%d\"/></w:num>"
		      "</w:numbering>\n", numid, numid);
}

/*
 * An element of ours (XML text with the w: prefix) made in doc, to go
 * under ctx: parsed where it goes when ctx binds w: as we do, so that it
 * says no namespace again, else parsed apart and adopted.  NULL when out
 * of memory.
 */
static xmlNodePtr adopt(xmlDocPtr doc, xmlNodePtr ctx, const char *xml)
{
	struct tk_buf wrap = TK_BUF_INIT;
	struct tk_error err = {0};
	xmlDocPtr own = NULL;
	xmlNodePtr n = NULL;
	xmlNsPtr ns = xmlSearchNs(doc, ctx, (const xmlChar *)"w");

	if (ns && ns->href && !strcmp((const char *)ns->href, NS_W) &&
	    xmlParseInNodeContext(ctx, xml, (int)strlen(xml), XML_PARSE_NONET, &n) == XML_ERR_OK &&
	    n && n->next == NULL && n->type == XML_ELEMENT_NODE)
		return n;
	xmlFreeNodeList(n);
	n = NULL;
	tk_buf_puts(&wrap, "<w:x xmlns:w=\"" NS_W "\">");
	tk_buf_puts(&wrap, xml);
	tk_buf_puts(&wrap, "</w:x>");
	if (!wrap.oom && tk_xml_parse(wrap.s, wrap.len, "(docx)", &own, &err) == TK_OK) {
		xmlNodePtr c = xmlDocGetRootElement(own)->children;
		while (c && c->type != XML_ELEMENT_NODE)
			c = c->next;
		if (c)
			n = xmlDocCopyNode(c, doc, 1);
	}
	xmlFreeDoc(own);
	tk_buf_free(&wrap);
	return n;
}

static int is_w(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       !strcmp((const char *)n->ns->href, NS_W) && !strcmp((const char *)n->name, name);
}

static char *w_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)NS_W);
	char *s = v ? tk_strdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

static int dump(xmlDocPtr doc, struct tk_buf *b)
{
	xmlChar *mem = NULL;
	int len = 0;

	xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
	if (mem == NULL)
		return TK_EINTERNAL;
	tk_buf_add(b, (const char *)mem, (size_t)len);
	xmlFree(mem);
	return b->oom ? TK_EINTERNAL : TK_OK;
}

/* The template's styles with ours added where it has none of that id. */
static int styles_merged(const struct tk_docxout_template *t, const struct tk_docxout_opts *o,
			 struct tk_buf *b, struct tk_error *err)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, c;
	int k, rc;

	if (tk_xml_parse((const char *)t->styles->data, t->styles->len, t->styles->name, &doc,
			 err) != TK_OK)
		return tk_error_set(err, TK_EINPUT, t->path, 0, _("%s is not well-formed XML"),
				    t->styles->name);
	root = xmlDocGetRootElement(doc);
	if (!is_w(root, "styles")) {
		xmlFreeDoc(doc);
		return tk_error_set(err, TK_EINPUT, t->path, 0, _("%s holds no Word styles"),
				    t->styles->name);
	}
	for (k = 0; k <= NSTYLES; k++) {
		struct tk_buf x = TK_BUF_INIT;
		int have = 0;
		xmlNodePtr n;
		for (c = root->children; c && !have; c = c->next) {
			char *id = is_w(c, "style") ? w_attr(c, "styleId") : NULL;
			have = id && !strcmp(id, style_id(k));
			free(id);
		}
		if (have)
			continue;
		style_xml(&x, o, k);
		n = adopt(doc, root, tk_buf_str(&x));
		tk_buf_free(&x);
		if (n == NULL || xmlAddChild(root, n) == NULL) {
			xmlFreeNode(n);
			xmlFreeDoc(doc);
			return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		}
		xmlReconciliateNs(doc, n);
	}
	rc = dump(doc, b);
	xmlFreeDoc(doc);
	return rc == TK_OK ? TK_OK : tk_error_set(err, rc, NULL, 0, "out of memory");
}

/* The numId and abstractNumId ours take after the template's: one past the highest. */
static int next_num_id(const struct tk_docxout_template *t)
{
	xmlDocPtr doc = NULL;
	struct tk_error err = {0};
	xmlNodePtr c;
	long max = 0;

	if (t == NULL || t->numbering == NULL ||
	    tk_xml_parse((const char *)t->numbering->data, t->numbering->len, "numbering", &doc,
			 &err) != TK_OK)
		return 1;
	for (c = xmlDocGetRootElement(doc)->children; c; c = c->next) {
		char *v = is_w(c, "num") ? w_attr(c, "numId")
			  : is_w(c, "abstractNum") ? w_attr(c, "abstractNumId") : NULL;
		long id;
		if (v && tk_parse_int(v, 0, 1000000, &id) && id > max)
			max = id;
		free(v);
	}
	xmlFreeDoc(doc);
	return (int)max + 1;
}

/* The template's numbering with our list added (used: whether ours is needed). */
static int numbering_merged(const struct tk_docxout_template *t, int numid, int used,
			    struct tk_buf *b, struct tk_error *err)
{
	struct tk_buf x = TK_BUF_INIT;
	xmlDocPtr doc = NULL;
	xmlNodePtr root, c, firstnum = NULL, cleanup = NULL, an, nn;
	int rc;

	if (!used) {
		tk_buf_add(b, (const char *)t->numbering->data, t->numbering->len);
		return TK_OK;
	}
	if (tk_xml_parse((const char *)t->numbering->data, t->numbering->len, t->numbering->name,
			 &doc, err) != TK_OK || !is_w(xmlDocGetRootElement(doc), "numbering")) {
		xmlFreeDoc(doc);
		return tk_error_set(err, TK_EINPUT, t->path, 0, _("%s holds no Word numbering"),
				    t->numbering->name);
	}
	root = xmlDocGetRootElement(doc);
	for (c = root->children; c; c = c->next) {
		if (is_w(c, "num") && firstnum == NULL)
			firstnum = c;
		if (is_w(c, "numIdMacAtCleanup"))
			cleanup = c;
	}
	abstract_num_xml(&x, numid);
	an = adopt(doc, root, tk_buf_str(&x));
	tk_buf_reset(&x);
	tk_buf_printf(&x, "<w:num w:numId=\"%d\"><w:abstractNumId w:val=\"%d\"/></w:num>", numid,
		      numid);
	nn = adopt(doc, root, tk_buf_str(&x));
	tk_buf_free(&x);
	if (an == NULL || nn == NULL) {
		xmlFreeNode(an);
		xmlFreeNode(nn);
		xmlFreeDoc(doc);
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	/* numbering.xml is ordered: pictures, abstract lists, lists, the cleanup mark */
	if (firstnum)
		xmlAddPrevSibling(firstnum, an);
	else if (cleanup)
		xmlAddPrevSibling(cleanup, an);
	else
		xmlAddChild(root, an);
	if (cleanup)
		xmlAddPrevSibling(cleanup, nn);
	else
		xmlAddChild(root, nn);
	xmlReconciliateNs(doc, an);
	xmlReconciliateNs(doc, nn);
	rc = dump(doc, b);
	xmlFreeDoc(doc);
	return rc == TK_OK ? TK_OK : tk_error_set(err, rc, NULL, 0, "out of memory");
}

/* ---- reading a template ---------------------------------------------- */



static void rels_free(struct rel *r, int n)
{
	int i;

	for (i = 0; r && i < n; i++) {
		free(r[i].id);
		free(r[i].type);
		free(r[i].target);
	}
	free(r);
}

/* The relationships of part (none when it has no .rels). */
static int rels_read(const struct tk_docxout_template *t, const char *part, struct rel **out,
		     int *n, struct tk_error *err)
{
	char *name = tk_opc_rels_name(part);
	const struct tk_unpack_file *f = name ? tk_unpack_find(t->files, t->nfiles, name) : NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr c;
	struct rel *r = NULL;
	int k = 0, oom = 0, rc = TK_OK;

	*out = NULL;
	*n = 0;
	if (f == NULL)
		goto out;
	if (tk_xml_parse((const char *)f->data, f->len, f->name, &doc, err) != TK_OK) {
		rc = tk_error_set(err, TK_EINPUT, t->path, 0, _("%s is not well-formed XML"), name);
		goto out;
	}
	for (c = xmlDocGetRootElement(doc)->children; c; c = c->next) {
		char *id, *type, *target, *mode;
		struct rel *v;
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "Relationship"))
			continue;
		id = tk_xml_attr(c, "Id");
		type = tk_xml_attr(c, "Type");
		target = tk_xml_attr(c, "Target");
		mode = tk_xml_attr(c, "TargetMode");
		if (id && type && target && (v = tk_grow(r, k, sizeof *r, &oom)) != NULL) {
			r = v;
			r[k].external = mode && !strcmp(mode, "External");
			r[k].id = id;
			r[k].type = type;
			r[k].target = r[k].external ? tk_strdup(target) : tk_opc_resolve(part, target);
			id = type = NULL;
			k++;
		}
		free(id);
		free(type);
		free(target);
		free(mode);
	}
	if (oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
out:
	xmlFreeDoc(doc);
	free(name);
	if (rc == TK_OK) {
		*out = r;
		*n = k;
	} else {
		rels_free(r, k);
	}
	return rc;
}

static const struct rel *rel_by_type(const struct rel *r, int n, const char *type)
{
	int i;
	size_t k = strlen(type);

	for (i = 0; i < n; i++) {
		size_t m = strlen(r[i].type);
		if (!r[i].external && r[i].target && m > k && r[i].type[m - k - 1] == '/' &&
		    !strcmp(r[i].type + m - k, type))
			return &r[i];
	}
	return NULL;
}

static const struct rel *rel_by_id(const struct rel *r, int n, const char *id)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(r[i].id, id))
			return &r[i];
	return NULL;
}

static int copy_has(const struct tk_docxout_template *t, const char *name)
{
	int i;

	for (i = 0; i < t->ncopy; i++)
		if (!strcmp(t->copy[i], name))
			return 1;
	return 0;
}

/*
 * Carry part over, with its relationships and what they point to inside
 * the package (a header's logo), depth parts deep at most.
 */
static int copy_part(struct tk_docxout_template *t, const char *part, int depth,
		     struct tk_error *err)
{
	struct rel *r = NULL;
	char *rn, **v;
	int n = 0, i, oom = 0, rc;

	if (copy_has(t, part) || tk_unpack_find(t->files, t->nfiles, part) == NULL || depth > 3)
		return TK_OK;
	if ((v = tk_grow(t->copy, t->ncopy, sizeof *v, &oom)) == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	t->copy = v;
	if ((t->copy[t->ncopy] = tk_strdup(part)) == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	t->ncopy++;
	if ((rc = rels_read(t, part, &r, &n, err)) != TK_OK)
		return rc;
	rn = tk_opc_rels_name(part);
	if (n && rn && (v = tk_grow(t->copy, t->ncopy, sizeof *v, &oom)) != NULL) {
		t->copy = v;
		t->copy[t->ncopy++] = rn;
		rn = NULL;
	}
	free(rn);
	for (i = 0; i < n && rc == TK_OK; i++)
		if (!r[i].external && r[i].target)
			rc = copy_part(t, r[i].target, depth + 1, err);
	rels_free(r, n);
	return oom ? tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") : rc;
}

/* A length in twips from attribute name of n, or def. */
static long twips(xmlNodePtr n, const char *name, long def)
{
	char *v = n ? w_attr(n, name) : NULL;
	long x;

	if (v == NULL || !tk_parse_int(v, -31680, 31680 * 2, &x))
		x = def;
	free(v);
	return x;
}

/* Write element n again, w: and r: as ours, anything of other vocabularies left out. */
static void copy_w(struct tk_buf *b, xmlNodePtr n)
{
	xmlAttrPtr a;
	xmlNodePtr c;

	tk_buf_printf(b, "<w:%s", (const char *)n->name);
	for (a = n->properties; a; a = a->next) {
		const char *pfx = a->ns && a->ns->href && !strcmp((const char *)a->ns->href, NS_W) ? "w"
				  : a->ns && a->ns->href && !strcmp((const char *)a->ns->href, NS_R) ? "r"
				  : NULL;
		xmlChar *v;
		if (pfx == NULL)
			continue;
		v = xmlNodeListGetString(n->doc, a->children, 0);
		tk_buf_printf(b, " %s:%s=\"", pfx, (const char *)a->name);
		tk_buf_xml(b, v ? (const char *)v : "", 1);
		tk_buf_putc(b, '"');
		xmlFree(v);
	}
	tk_buf_putc(b, '>');
	for (c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns && c->ns->href &&
		    !strcmp((const char *)c->ns->href, NS_W))
			copy_w(b, c);
	tk_buf_printf(b, "</w:%s>", (const char *)n->name);
}

/* The page setup of the template's last section: what the paper keeps of it. */
static int read_sect(struct tk_docxout_template *t, xmlNodePtr sect, const struct rel *r, int nr,
		     struct tk_error *err)
{
	/* CT_SectPr's order, headers and footers and titlePg apart */
	static const char *const keep[] = {
		"pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols",
		"vAlign", "textDirection", "bidi", "rtlGutter", "docGrid", NULL
	};
	xmlNodePtr c;
	int k, rc = TK_OK;

	t->pw = PAGE_W;
	t->ph = PAGE_H;
	t->mt = M_TOP;
	t->mb = M_BOTTOM;
	t->ml = M_LEFT;
	t->mr = M_RIGHT;
	t->mg = 0;
	if (sect == NULL)
		return TK_OK;
	for (k = 0; keep[k]; k++)
		for (c = sect->children; c; c = c->next)
			if (is_w(c, keep[k])) {
				copy_w(k < 8 ? &t->sect : &t->sect2, c);
				break;
			}
	for (c = sect->children; c && rc == TK_OK; c = c->next) {
		if (is_w(c, "pgSz")) {
			t->pw = twips(c, "w", PAGE_W);
			t->ph = twips(c, "h", PAGE_H);
		} else if (is_w(c, "pgMar")) {
			t->mt = labs(twips(c, "top", M_TOP));
			t->mb = labs(twips(c, "bottom", M_BOTTOM));
			t->ml = twips(c, "left", M_LEFT);
			t->mr = twips(c, "right", M_RIGHT);
			t->mg = twips(c, "gutter", 0);
		} else if (is_w(c, "titlePg")) {
			char *v = w_attr(c, "val");
			t->title_pg = v == NULL || !strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "on");
			free(v);
		} else if (is_w(c, "headerReference") || is_w(c, "footerReference")) {
			xmlChar *id = xmlGetNsProp(c, (const xmlChar *)"id", (const xmlChar *)NS_R);
			char *type = w_attr(c, "type");
			const struct rel *rl = id ? rel_by_id(r, nr, (const char *)id) : NULL;
			struct tpl_ref *v;
			int oom = 0;
			if (rl && !rl->external && rl->target &&
			    tk_unpack_find(t->files, t->nfiles, rl->target) &&
			    (v = tk_grow(t->refs, t->nrefs, sizeof *v, &oom)) != NULL) {
				t->refs = v;
				v = &t->refs[t->nrefs++];
				v->footer = is_w(c, "footerReference");
				snprintf(v->type, sizeof v->type, "%s",
					 type && (!strcmp(type, "first") || !strcmp(type, "even")) ? type
					 : "default");
				v->part = tk_strdup(rl->target);
				*(v->footer ? &t->footers : &t->headers) += 1;
				rc = v->part ? copy_part(t, rl->target, 0, err)
				     : tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			} else if (oom) {
				rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			}
			xmlFree(id);
			free(type);
		}
	}
	if (t->pw < 1440 || t->ph < 1440 || t->pw - t->ml - t->mr - t->mg < 1440)
		return tk_error_set(err, TK_EINPUT, t->path, 0,
				    _("the template's page leaves less than an inch for the text"));
	return rc;
}

/* [Content_Types].xml: the types of the parts carried over. */
static int read_types(struct tk_docxout_template *t, struct tk_error *err)
{
	const struct tk_unpack_file *f = tk_unpack_find(t->files, t->nfiles, "[Content_Types].xml");
	xmlDocPtr doc = NULL;
	xmlNodePtr c;
	int oom = 0;

	if (f == NULL)
		return TK_OK;
	if (tk_xml_parse((const char *)f->data, f->len, f->name, &doc, err) != TK_OK)
		return tk_error_set(err, TK_EINPUT, t->path, 0, _("%s is not well-formed XML"),
				    f->name);
	for (c = xmlDocGetRootElement(doc)->children; c && !oom; c = c->next) {
		int over = tk_xml_is(c, "Override");
		char *key, *type;
		struct ctype *v, **list = over ? &t->overrides : &t->defaults;
		int *n = over ? &t->noverrides : &t->ndefaults;
		if (!over && !tk_xml_is(c, "Default"))
			continue;
		key = tk_xml_attr(c, over ? "PartName" : "Extension");
		type = tk_xml_attr(c, "ContentType");
		if (key && type && (v = tk_grow(*list, *n, sizeof *v, &oom)) != NULL) {
			*list = v;
			v[*n].key = key;
			v[*n].type = type;
			(*n)++;
			key = type = NULL;
		}
		free(key);
		free(type);
	}
	xmlFreeDoc(doc);
	return oom ? tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") : TK_OK;
}

/* Does the template's settings part turn on a flag (evenAndOddHeaders)? */
static int setting_on(const struct tk_docxout_template *t, const struct rel *r, int nr,
		      const char *name)
{
	const struct rel *rl = rel_by_type(r, nr, "settings");
	const struct tk_unpack_file *f = rl ? tk_unpack_find(t->files, t->nfiles, rl->target) : NULL;
	struct tk_error err = {0};
	xmlDocPtr doc = NULL;
	xmlNodePtr c;
	int on = 0;

	if (f == NULL || tk_xml_parse((const char *)f->data, f->len, f->name, &doc, &err) != TK_OK)
		return 0;
	for (c = xmlDocGetRootElement(doc)->children; c; c = c->next)
		if (is_w(c, name)) {
			char *v = w_attr(c, "val");
			on = v == NULL || !strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "on");
			free(v);
		}
	xmlFreeDoc(doc);
	return on;
}

void tk_docxout_template_free(struct tk_docxout_template *t)
{
	int i;

	if (t == NULL)
		return;
	tk_unpack_free(t->files, t->nfiles);
	tk_buf_free(&t->sect);
	tk_buf_free(&t->sect2);
	for (i = 0; i < t->nrefs; i++)
		free(t->refs[i].part);
	free(t->refs);
	for (i = 0; i < t->ncopy; i++)
		free(t->copy[i]);
	free(t->copy);
	for (i = 0; i < t->ndefaults; i++) {
		free(t->defaults[i].key);
		free(t->defaults[i].type);
	}
	free(t->defaults);
	for (i = 0; i < t->noverrides; i++) {
		free(t->overrides[i].key);
		free(t->overrides[i].type);
	}
	free(t->overrides);
	free(t->path);
	free(t);
}

int tk_docxout_template_read(const char *path, struct tk_docxout_template **out, struct tk_error *err)
{
	struct tk_docxout_template *t;
	struct rel *pr = NULL, *dr = NULL;
	int npr = 0, ndr = 0, rc;
	const struct rel *rl;
	const struct tk_unpack_file *main_part;
	char *data = NULL, *main_name = NULL;
	size_t len;
	xmlDocPtr doc = NULL;
	xmlNodePtr body, c, sect = NULL;

	*out = NULL;
	if ((t = calloc(1, sizeof *t)) == NULL || (t->path = tk_strdup(path)) == NULL) {
		free(t);
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	if ((rc = tk_read_file(path, &data, &len, err)) != TK_OK)
		goto out;
	if (tk_unpack(data, len, NULL, TK_UNPACK_SKIP_DIRS, &t->files, &t->nfiles, err) != TK_OK) {
		char why[sizeof err->msg];
		memcpy(why, err->msg, sizeof why);
		rc = tk_error_set(err, TK_EINPUT, path, 0,
				  _("not a Word document (.docx) to take as the template: %s"), why);
		goto out;
	}
	/* the main document: where the package's relationships say, else the usual place */
	if ((rc = rels_read(t, "", &pr, &npr, err)) != TK_OK)
		goto out;
	rl = rel_by_type(pr, npr, "officeDocument");
	main_name = tk_strdup(rl ? rl->target : "word/document.xml");
	if (main_name == NULL || (main_part = tk_unpack_find(t->files, t->nfiles, main_name)) == NULL) {
		rc = tk_error_set(err, TK_EINPUT, path, 0,
				  _("not a Word document (.docx) to take as the template: it holds "
				    "no main document (word/document.xml)"));
		goto out;
	}
	if (tk_xml_parse((const char *)main_part->data, main_part->len, main_name, &doc, err) != TK_OK ||
	    !is_w(xmlDocGetRootElement(doc), "document")) {
		rc = tk_error_set(err, TK_EINPUT, path, 0,
				  _("not a Word document (.docx) to take as the template: its %s is "
				    "not a WordprocessingML document"), main_name);
		goto out;
	}
	if ((rc = rels_read(t, main_name, &dr, &ndr, err)) != TK_OK)
		goto out;
	for (body = xmlDocGetRootElement(doc)->children; body && !is_w(body, "body"); body = body->next)
		;
	for (c = body ? body->children : NULL; c; c = c->next)
		if (is_w(c, "sectPr"))
			sect = c;
	if ((rc = read_sect(t, sect, dr, ndr, err)) != TK_OK)
		goto out;
	if ((rl = rel_by_type(dr, ndr, "styles")) != NULL)
		t->styles = tk_unpack_find(t->files, t->nfiles, rl->target);
	if ((rl = rel_by_type(dr, ndr, "numbering")) != NULL)
		t->numbering = tk_unpack_find(t->files, t->nfiles, rl->target);
	if ((rl = rel_by_type(dr, ndr, "theme")) != NULL &&
	    (t->theme = tk_unpack_find(t->files, t->nfiles, rl->target)) != NULL &&
	    (rc = copy_part(t, rl->target, 1, err)) != TK_OK)
		goto out;
	t->even_odd = setting_on(t, dr, ndr, "evenAndOddHeaders");
	t->mirror = setting_on(t, dr, ndr, "mirrorMargins");
	rc = read_types(t, err);
	if (rc == TK_OK && (t->sect.oom || t->sect2.oom))
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
out:
	xmlFreeDoc(doc);
	rels_free(pr, npr);
	rels_free(dr, ndr);
	free(main_name);
	free(data);
	if (rc != TK_OK)
		tk_docxout_template_free(t);
	else
		*out = t;
	return rc;
}

/* ---- the package ----------------------------------------------------- */

struct pkg {
	struct tk_unpack_file *files;
	int n;
	struct tk_buf **bufs;           /* what the package's own parts are made in */
	int nbufs;
	int oom;
};

static int pkg_has(const struct pkg *k, const char *name)
{
	int i;

	for (i = 0; i < k->n; i++)
		if (!strcmp(k->files[i].name, name))
			return 1;
	return 0;
}

/* Add a part; data is borrowed and must live until the archive is written. */
static void pkg_add(struct pkg *k, const char *name, const void *data, size_t len)
{
	struct tk_unpack_file *v;

	if (pkg_has(k, name))
		return;         /* a template's part of the same name as one of ours */
	if ((v = tk_grow(k->files, k->n, sizeof *v, &k->oom)) == NULL)
		return;
	k->files = v;
	v[k->n].name = tk_strdup(name);
	v[k->n].data = (unsigned char *)data;
	v[k->n].len = len;
	if (v[k->n].name == NULL)
		k->oom = 1;
	else
		k->n++;
}

/* A part of our own, made in a buffer the package keeps. */
static struct tk_buf *pkg_new(struct pkg *k)
{
	struct tk_buf **v = tk_grow(k->bufs, k->nbufs, sizeof *v, &k->oom);

	if (v == NULL)
		return NULL;
	k->bufs = v;
	if ((v[k->nbufs] = calloc(1, sizeof **v)) == NULL) {
		k->oom = 1;
		return NULL;
	}
	return v[k->nbufs++];
}

static void pkg_add_buf(struct pkg *k, const char *name, struct tk_buf *b)
{
	if (b == NULL || b->oom)
		k->oom = 1;
	else
		pkg_add(k, name, b->s ? b->s : "", b->len);
}

static void pkg_free(struct pkg *k)
{
	int i;

	for (i = 0; i < k->n; i++)
		free(k->files[i].name);
	free(k->files);
	for (i = 0; i < k->nbufs; i++) {
		tk_buf_free(k->bufs[i]);
		free(k->bufs[i]);
	}
	free(k->bufs);
}

/* A part's name as a target from word/document.xml. */
static void rel_target(struct tk_buf *b, const char *part)
{
	if (!strncmp(part, "word/", 5))
		tk_buf_xml(b, part + 5, 1);
	else {
		tk_buf_putc(b, '/');
		tk_buf_xml(b, part, 1);
	}
}

static void add_rel(struct tk_buf *b, const char *id, const char *type, const char *part)
{
	tk_buf_printf(b, "<Relationship Id=\"%s\" Type=\"" REL "%s\" Target=\"", id, type);
	rel_target(b, part);
	tk_buf_puts(b, "\"/>");
}

static void add_override(struct tk_buf *b, const char *part, const char *type)
{
	tk_buf_puts(b, "<Override PartName=\"/");
	tk_buf_xml(b, part, 1);
	tk_buf_puts(b, "\" ContentType=\"");
	tk_buf_xml(b, type, 1);
	tk_buf_puts(b, "\"/>");
}

static const char *const our_ext[] = {"rels", "xml", "png", "jpeg", "gif", "webp", NULL};

/* Our own header or footer part: the running head, nothing, or the page numbers. */
enum { HF_HEAD, HF_EMPTY, HF_PAGES };

static void hf_part(struct tk_buf *b, int what, const struct tk_paper *p,
		    const struct tk_docxout_opts *o)
{
	static const char field[] =
		"<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\">"
		" %s </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
		"<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
	const char *el = what == HF_PAGES ? "ftr" : "hdr";

	tk_buf_printf(b, XML_HEAD "<w:%s xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\">", el);
	if (what == HF_HEAD) {
		struct tk_buf h = TK_BUF_INIT;
		tk_buf_puts(&h, paper_title(p, o));
		if (p->candidate)
			tk_buf_printf(&h, "　　准考证号：%s", p->candidate);
		if (o->key)
			tk_buf_puts(&h, "　　参考答案");
		tk_buf_puts(b, "<w:p><w:pPr><w:pStyle w:val=\"TikuHeader\"/></w:pPr>");
		run(b, tk_buf_str(&h), PLAIN);
		tk_buf_puts(b, "</w:p>");
		tk_buf_free(&h);
	} else if (what == HF_PAGES) {
		tk_buf_puts(b, "<w:p><w:pPr><w:pStyle w:val=\"TikuFooter\"/></w:pPr>");
		run(b, "第", PLAIN);
		tk_buf_printf(b, field, "PAGE");
		run(b, "页　共", PLAIN);
		tk_buf_printf(b, field, "NUMPAGES");
		run(b, "页", PLAIN);
		tk_buf_puts(b, "</w:p>");
	} else {
		tk_buf_puts(b, "<w:p/>");
	}
	tk_buf_printf(b, "</w:%s>\n", el);
}

static const char *type_of(const struct ctype *v, int n, const char *key)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcasecmp(v[i].key, key))
			return v[i].type;
	return NULL;
}

/*
 * Everything but the body: styles, numbering, settings, headers and
 * footers, the relationships and types, and the template's parts.
 */
static int package(struct dx *d, const struct tk_paper *p, struct tk_buf *out,
		   struct tk_error *err)
{
	const struct tk_docxout_template *t = d->t;
	const struct tk_docxout_opts *o = d->o;
	struct pkg k;
	struct tk_buf *doc, *rels, *ct, *b;
	int our_head = t == NULL || t->headers == 0, our_foot = t == NULL || t->footers == 0;
	int title_pg = t && (t->headers || t->footers) ? t->title_pg : 1;
	int even = t && t->even_odd, numbering = d->numbered || (t && t->numbering);
	int i, j, rc = TK_OK;
	static const char *const types[] = {"default", "first", "even"};

	memset(&k, 0, sizeof k);
	doc = pkg_new(&k);
	rels = pkg_new(&k);
	ct = pkg_new(&k);
	if (k.oom)
		goto oom;

	/* the document: body, then the section with the page and its headers */
	tk_buf_puts(doc, XML_HEAD "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\" "
		    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
		    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
		    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>");
	tk_buf_add(doc, d->doc.s ? d->doc.s : "", d->doc.len);
	if (d->last_tbl)
		tk_buf_puts(doc, "<w:p/>");
	tk_buf_puts(doc, "<w:sectPr>");
	tk_buf_puts(rels, XML_HEAD "<Relationships xmlns=\"" NS_PR "\">");
	for (i = 0; i < (even ? 3 : 2); i++) {
		if (our_head)
			tk_buf_printf(doc, "<w:headerReference w:type=\"%s\" r:id=\"rIdHeader%d\"/>",
				      types[i], i + 1);
		if (our_foot)
			tk_buf_printf(doc, "<w:footerReference w:type=\"%s\" r:id=\"rIdFooter%d\"/>",
				      types[i], i + 1);
	}
	for (i = 0; t && i < t->nrefs; i++)
		tk_buf_printf(doc, "<w:%sReference w:type=\"%s\" r:id=\"rIdTemplate%d\"/>",
			      t->refs[i].footer ? "footer" : "header", t->refs[i].type, i + 1);
	if (t) {
		tk_buf_add(doc, t->sect.s ? t->sect.s : "", t->sect.len);
		if (t->sect.len == 0 || strncmp(t->sect.s, "<w:pgSz", 7))
			tk_buf_printf(doc, "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>", PAGE_W, PAGE_H);
	} else {
		tk_buf_printf(doc, "<w:pgSz w:w=\"%d\" w:h=\"%d\"/><w:pgMar w:top=\"%d\" w:right=\"%d\" "
			      "w:bottom=\"%d\" w:left=\"%d\" w:header=\"680\" w:footer=\"680\" "
			      "w:gutter=\"0\"/><w:cols w:space=\"425\"/>",
			      PAGE_W, PAGE_H, M_TOP, M_RIGHT, M_BOTTOM, M_LEFT);
	}
	if (title_pg)
		tk_buf_puts(doc, "<w:titlePg/>");
	if (t)
		tk_buf_add(doc, t->sect2.s ? t->sect2.s : "", t->sect2.len);
	tk_buf_puts(doc, "</w:sectPr></w:body></w:document>\n");
	pkg_add_buf(&k, "word/document.xml", doc);

	/* styles, settings, numbering */
	b = pkg_new(&k);
	if (b == NULL)
		goto oom;
	if (t && t->styles) {
		if ((rc = styles_merged(t, o, b, err)) != TK_OK)
			goto out;
	} else {
		styles_own(b, o);
	}
	pkg_add_buf(&k, "word/styles.xml", b);
	add_rel(rels, "rIdStyles", "styles", "word/styles.xml");
	b = pkg_new(&k);
	if (b == NULL)
		goto oom;
	tk_buf_puts(b, XML_HEAD "<w:settings xmlns:w=\"" NS_W "\">");
	if (t && t->mirror)
		tk_buf_puts(b, "<w:mirrorMargins/>");
	tk_buf_puts(b, "<w:defaultTabStop w:val=\"420\"/>");
	if (even)
		tk_buf_puts(b, "<w:evenAndOddHeaders/>");
	tk_buf_puts(b, "<w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat>"
		    "<w:compatSetting w:name=\"compatibilityMode\" "
		    "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
		    "</w:settings>\n");
	pkg_add_buf(&k, "word/settings.xml", b);
	add_rel(rels, "rIdSettings", "settings", "word/settings.xml");
	if (numbering) {
		b = pkg_new(&k);
		if (b == NULL)
			goto oom;
		if (t && t->numbering) {
			if ((rc = numbering_merged(t, d->numid, d->numbered, b, err)) != TK_OK)
				goto out;
		} else {
			numbering_own(b, d->numid);
		}
		pkg_add_buf(&k, "word/numbering.xml", b);
		add_rel(rels, "rIdNumbering", "numbering", "word/numbering.xml");
	}

	/* headers and footers: ours where the template has none */
	for (i = 0; i < (even ? 3 : 2); i++) {
		static const char *const suffix[] = {"", "-first", "-even"};
		char name[64], id[32];
		if (our_head && (b = pkg_new(&k)) != NULL) {
			hf_part(b, i == 1 ? HF_EMPTY : HF_HEAD, p, o);
			snprintf(name, sizeof name, "word/tiku-header%s.xml", suffix[i]);
			snprintf(id, sizeof id, "rIdHeader%d", i + 1);
			pkg_add_buf(&k, name, b);
			add_rel(rels, id, "header", name);
		}
		if (our_foot && (b = pkg_new(&k)) != NULL) {
			hf_part(b, HF_PAGES, p, o);
			snprintf(name, sizeof name, "word/tiku-footer%s.xml", suffix[i]);
			snprintf(id, sizeof id, "rIdFooter%d", i + 1);
			pkg_add_buf(&k, name, b);
			add_rel(rels, id, "footer", name);
		}
	}
	for (i = 0; t && i < t->nrefs; i++) {
		char id[32];
		snprintf(id, sizeof id, "rIdTemplate%d", i + 1);
		add_rel(rels, id, t->refs[i].footer ? "footer" : "header", t->refs[i].part);
	}
	if (t && t->theme)
		add_rel(rels, "rIdTheme", "theme", t->theme->name);
	for (i = 0; i < d->nmedia; i++) {
		char id[32];
		snprintf(id, sizeof id, "rIdImage%d", i + 1);
		add_rel(rels, id, "image", d->media[i].part);
		pkg_add(&k, d->media[i].part, d->media[i].data.s, d->media[i].data.len);
	}
	tk_buf_puts(rels, "</Relationships>\n");
	pkg_add_buf(&k, "word/_rels/document.xml.rels", rels);

	/* the package's own relationships and properties */
	b = pkg_new(&k);
	if (b == NULL)
		goto oom;
	tk_buf_puts(b, XML_HEAD "<Relationships xmlns=\"" NS_PR "\">"
		    "<Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"word/document.xml\"/>"
		    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
		    "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
		    "<Relationship Id=\"rId3\" Type=\"" REL "extended-properties\" "
		    "Target=\"docProps/app.xml\"/></Relationships>\n");
	pkg_add_buf(&k, "_rels/.rels", b);
	b = pkg_new(&k);
	if (b == NULL)
		goto oom;
	tk_buf_puts(b, XML_HEAD "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
		    "package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
		    "<dc:title>");
	tk_buf_xml(b, paper_title(p, o), 0);
	if (o->key)
		tk_buf_puts(b, " 参考答案");
	tk_buf_puts(b, "</dc:title><dc:creator>tiku</dc:creator></cp:coreProperties>\n");
	pkg_add_buf(&k, "docProps/core.xml", b);
	b = pkg_new(&k);
	if (b == NULL)
		goto oom;
	tk_buf_puts(b, XML_HEAD "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/"
		    "2006/extended-properties\"><Application>tiku</Application></Properties>\n");
	pkg_add_buf(&k, "docProps/app.xml", b);

	/* the template's parts, as they are */
	for (i = 0; t && i < t->ncopy; i++) {
		const struct tk_unpack_file *f = tk_unpack_find(t->files, t->nfiles, t->copy[i]);
		if (f)
			pkg_add(&k, f->name, f->data, f->len);
	}

	/* the types of every part */
	tk_buf_puts(ct, XML_HEAD "<Types xmlns=\"" NS_CT "\">"
		    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
		    "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
		    "<Default Extension=\"png\" ContentType=\"image/png\"/>"
		    "<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>"
		    "<Default Extension=\"gif\" ContentType=\"image/gif\"/>"
		    "<Default Extension=\"webp\" ContentType=\"image/webp\"/>");
	for (i = 0; t && i < t->ndefaults; i++) {
		int ours = 0, used = 0;
		for (j = 0; our_ext[j]; j++)
			ours |= !strcasecmp(our_ext[j], t->defaults[i].key);
		for (j = 0; j < t->ncopy && !ours && !used; j++) {
			const char *dot = strrchr(t->copy[j], '.');
			used = dot && !strcasecmp(dot + 1, t->defaults[i].key);
		}
		if (used) {
			tk_buf_puts(ct, "<Default Extension=\"");
			tk_buf_xml(ct, t->defaults[i].key, 1);
			tk_buf_puts(ct, "\" ContentType=\"");
			tk_buf_xml(ct, t->defaults[i].type, 1);
			tk_buf_puts(ct, "\"/>");
		}
	}
	for (i = 0; i < k.n; i++) {
		const char *name = k.files[i].name, *type = NULL;
		struct tk_buf slash = TK_BUF_INIT;
		if (!strcmp(name, "word/document.xml"))
			type = CT_DOC "document.main+xml";
		else if (!strcmp(name, "word/styles.xml"))
			type = CT_DOC "styles+xml";
		else if (!strcmp(name, "word/settings.xml"))
			type = CT_DOC "settings+xml";
		else if (!strcmp(name, "word/numbering.xml"))
			type = CT_DOC "numbering+xml";
		else if (!strncmp(name, "word/tiku-header", 16))
			type = CT_DOC "header+xml";
		else if (!strncmp(name, "word/tiku-footer", 16))
			type = CT_DOC "footer+xml";
		else if (!strcmp(name, "docProps/core.xml"))
			type = "application/vnd.openxmlformats-package.core-properties+xml";
		else if (!strcmp(name, "docProps/app.xml"))
			type = "application/vnd.openxmlformats-officedocument.extended-properties+xml";
		else if (t) {
			tk_buf_printf(&slash, "/%s", name);
			type = type_of(t->overrides, t->noverrides, tk_buf_str(&slash));
			for (j = 0; j < t->nrefs && type == NULL; j++)
				if (!strcmp(t->refs[j].part, name))
					type = t->refs[j].footer ? CT_DOC "footer+xml" : CT_DOC "header+xml";
			if (type == NULL && t->theme && !strcmp(name, t->theme->name))
				type = "application/vnd.openxmlformats-officedocument.theme+xml";
		}
		if (type)
			add_override(ct, name, type);
		tk_buf_free(&slash);
	}
	tk_buf_puts(ct, "</Types>\n");
	pkg_add_buf(&k, "[Content_Types].xml", ct);
	if (k.oom || d->doc.oom)
		goto oom;
	rc = tk_pack_archive(k.files, k.n, TK_PACK_ZIP, out, err);
	goto out;
oom:
	rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
out:
	pkg_free(&k);
	return rc;
}

int tk_docxout_paper(const struct tk_paper *p, const struct tk_docxout_opts *o, struct tk_buf *out,
		  int *items, struct tk_error *err)
{
	struct dx d;
	int i, n, rc;

	if ((rc = tk_paperfmt_class_check(p, &o->cls, 0, err)) != TK_OK)
		return rc;
	memset(&d, 0, sizeof d);
	d.o = o;
	d.t = o->tpl;
	d.err = err;
	d.keep_at = -1;
	d.io.images = o->images ? o->images : ".";
	d.io.store = o->store;
	if (d.t) {
		d.textw = d.t->pw - d.t->ml - d.t->mr - d.t->mg;
		d.texth = d.t->ph - d.t->mt - d.t->mb;
	} else {
		d.textw = PAGE_W - M_LEFT - M_RIGHT;
		d.texth = PAGE_H - M_TOP - M_BOTTOM;
	}
	d.numid = next_num_id(d.t);
	n = o->key ? key_body(&d, p) : paper_body(&d, p);
	if (d.failed)
		rc = err->code ? err->code : TK_EINPUT;
	else if (d.oom || d.doc.oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	else
		rc = package(&d, p, out, err);
	if (rc == TK_OK && items)
		*items = n;
	for (i = 0; i < d.nmedia; i++) {
		free(d.media[i].src);
		free(d.media[i].part);
		tk_buf_free(&d.media[i].data);
	}
	free(d.media);
	tk_buf_free(&d.doc);
	return rc;
}

int tk_docxout_file(const struct tk_paper *p, const struct tk_docxout_opts *o, const char *path,
		 int *items, struct tk_error *err)
{
	struct tk_buf b = TK_BUF_INIT;
	int rc = tk_docxout_paper(p, o, &b, items, err);

	if (rc == TK_OK)
		rc = tk_write_file(path, b.s, b.len, err);
	tk_buf_free(&b);
	return rc;
}
