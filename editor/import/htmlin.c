/* htmlin.c -- other tools' HTML as an item's rich text. */
#include <string.h>

#include <libxml/HTMLparser.h>

#include "htmlin.h"
#include "i18n.h"
#include "xml.h"

struct hi {
	const struct tk_htmlin_opts *o;
	struct tk_buf *out;     /* the blocks */
	struct tk_buf run;      /* inline content not yet in a block */
	int blocks;
	struct tk_buf *lost;
};

static int is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, name);
}

static int any(xmlNodePtr n, const char *const *names)
{
	for (; *names; names++)
		if (is(n, *names))
			return 1;
	return 0;
}

static const char *const dropped[] = {
	"script", "style", "head", "title", "noscript", "iframe", "object", "embed",
	"template", "svg", "math", "button", "select", "input", "textarea", NULL
};
static const char *const containers[] = {
	"div", "section", "article", "blockquote", "center", "body", "html", "form",
	"main", "header", "footer", "aside", "figure", "figcaption", "nav", "details", NULL
};
static const char *const paragraphs[] = {
	"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "address", "dd", "dt", "caption", NULL
};

static void note(struct hi *h, const char *what)
{
	if (h->lost == NULL || strstr(tk_buf_str(h->lost), what))
		return;
	if (h->lost->len)
		tk_buf_puts(h->lost, "; ");
	tk_buf_puts(h->lost, what);
}

/*
 * The length of the UTF-8 character at s, or 0 when the bytes there are
 * not one (overlong, a surrogate, past U+10FFFF, cut short): the HTML
 * parser passes such bytes through, and XML text may not hold them.
 */
static int utf8_len(const unsigned char *s)
{
	int n, i;
	unsigned long c;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff) || c == 0xfffe || c == 0xffff)) ||
	    (n == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	return n;
}

/* The character at *s (not ASCII) to b, or U+FFFD for a bad byte; *s
   moves to its last byte. */
static void put_utf8(struct tk_buf *b, const char **s)
{
	int n = utf8_len((const unsigned char *)*s);

	if (n == 0)
		tk_buf_puts(b, "\xEF\xBF\xBD");
	else
		tk_buf_add(b, *s, (size_t)n);
	*s += n ? n - 1 : 0;
}

/* Text as XML, each run of white space one space (as HTML shows it). */
static void text(struct tk_buf *b, const char *s, int pre)
{
	int space = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			if (pre && *s == '\n') {
				tk_buf_puts(b, "<br/>");
				space = 0;
				continue;
			}
			if (!space)
				tk_buf_putc(b, ' ');
			space = 1;
			continue;
		}
		space = 0;
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			continue;       /* no control character is XML text */
		if ((unsigned char)*s >= 0x80) {
			put_utf8(b, &s);
			continue;
		}
		switch (*s) {
		case '<': tk_buf_puts(b, "&lt;"); break;
		case '>': tk_buf_puts(b, "&gt;"); break;
		case '&': tk_buf_puts(b, "&amp;"); break;
		default: tk_buf_putc(b, *s);
		}
	}
}

static void attr_text(struct tk_buf *b, const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s >= 0x80) {
			put_utf8(b, &s);
			continue;
		}
		switch (*s) {
		case '<': tk_buf_puts(b, "&lt;"); break;
		case '&': tk_buf_puts(b, "&amp;"); break;
		case '"': tk_buf_puts(b, "&quot;"); break;
		default: tk_buf_putc(b, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
		}
	}
}

static void image(struct hi *h, xmlNodePtr n, struct tk_buf *b)
{
	char *src = tk_xml_attr(n, "src"), *alt = tk_xml_attr(n, "alt");
	char *width = tk_xml_attr(n, "width");
	const char *name = src && h->o && h->o->image ? h->o->image(h->o->ud, src) : NULL;
	long px;

	if (name) {
		tk_buf_puts(b, "<img src=\"");
		attr_text(b, name);
		tk_buf_puts(b, "\"");
		if (alt) {
			tk_buf_puts(b, " alt=\"");
			attr_text(b, alt);
			tk_buf_puts(b, "\"");
		}
		/* the width it is shown at, in pixels, as the items schema
		   holds it (no unit, no percentage) */
		if (width && tk_parse_int(width, 1, 10000, &px))
			tk_buf_printf(b, " width=\"%ld\"", px);
		tk_buf_puts(b, "/>");
	} else {
		note(h, _("images"));
		if (alt && *alt)
			text(b, alt, 0);
	}
	free(src);
	free(alt);
	free(width);
}

static int is_gap(struct hi *h, xmlNodePtr n)
{
	char *cls;
	int r;

	if (h->o == NULL || h->o->gap == NULL || n->type != XML_ELEMENT_NODE)
		return 0;
	cls = tk_xml_attr(n, "class");
	r = h->o->gap(h->o->ud, (const char *)n->name, cls ? cls : "");
	free(cls);
	return r;
}

static void inlines(struct hi *h, xmlNodePtr n, struct tk_buf *b, int pre, int depth);

static void inline_node(struct hi *h, xmlNodePtr n, struct tk_buf *b, int pre, int depth)
{
	static const struct { const char *in, *out; } marks[] = {
		{"b", "b"}, {"strong", "b"}, {"i", "i"}, {"em", "i"}, {"u", "u"}, {"ins", "u"}
	};
	size_t k;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		text(b, (const char *)n->content, pre);
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (any(n, dropped)) {
		note(h, (const char *)n->name);
		return;
	}
	if (is_gap(h, n)) {
		tk_buf_puts(b, "<gap/>");
		return;
	}
	if (is(n, "br")) {
		tk_buf_puts(b, "<br/>");
		return;
	}
	if (is(n, "img")) {
		image(h, n, b);
		return;
	}
	for (k = 0; k < sizeof marks / sizeof marks[0]; k++)
		if (is(n, marks[k].in)) {
			tk_buf_printf(b, "<%s>", marks[k].out);
			inlines(h, n->children, b, pre, depth + 1);
			tk_buf_printf(b, "</%s>", marks[k].out);
			return;
		}
	if (is(n, "sub") || is(n, "sup")) {
		/* only text inside, as the schema has it */
		xmlChar *t = xmlNodeGetContent(n);
		tk_buf_printf(b, "<%s>", (const char *)n->name);
		text(b, t ? (const char *)t : "", 0);
		tk_buf_printf(b, "</%s>", (const char *)n->name);
		xmlFree(t);
		return;
	}
	/* a block inside inline content: its text, on a line of its own */
	if (any(n, paragraphs) || any(n, containers) || is(n, "li") || is(n, "tr") ||
	    is(n, "table") || is(n, "ul") || is(n, "ol")) {
		if (b->len && strcmp(b->s + b->len - (b->len >= 5 ? 5 : b->len), "<br/>"))
			tk_buf_puts(b, "<br/>");
		inlines(h, n->children, b, pre || is(n, "pre"), depth + 1);
		return;
	}
	inlines(h, n->children, b, pre, depth + 1);   /* span, a, font, ...: their text */
}

static void inlines(struct hi *h, xmlNodePtr n, struct tk_buf *b, int pre, int depth)
{
	if (depth > 64)         /* the parser's own limit is deeper; a fence */
		return;
	for (; n; n = n->next)
		inline_node(h, n, b, pre, depth);
}

/* b's content without white space at either end (in place) */
static void trim(struct tk_buf *b, size_t from)
{
	size_t i = from, j = b->len;

	if (b->s == NULL)
		return;
	while (i < j && b->s[i] == ' ')
		i++;
	while (j > i && b->s[j - 1] == ' ')
		j--;
	memmove(b->s + from, b->s + i, j - i);
	b->len = from + (j - i);
	if (b->s)
		b->s[b->len] = '\0';
}

/* Inline content of n as a block element named tag (nothing when empty). */
static void block(struct hi *h, const char *tag, xmlNodePtr children, int pre, struct tk_buf *b)
{
	struct tk_buf in = TK_BUF_INIT;

	inlines(h, children, &in, pre, 0);
	trim(&in, 0);
	if (in.len || !strcmp(tag, "td") || !strcmp(tag, "th") || !strcmp(tag, "li")) {
		tk_buf_printf(b, "<%s>", tag);
		tk_buf_add(b, in.s ? in.s : "", in.len);
		tk_buf_printf(b, "</%s>", tag);
	}
	tk_buf_free(&in);
}

/* Does markup b say anything: text, an image or a gap, not empty tags? */
static int says(const struct tk_buf *b)
{
	const char *p = b->s;
	int tag = 0;

	for (; p && *p; p++) {
		if (*p == '<') {
			if (!strncmp(p, "<img", 4) || !strncmp(p, "<gap", 4))
				return 1;
			tag = 1;
		} else if (*p == '>') {
			tag = 0;
		} else if (!tag && *p != ' ') {
			return 1;
		}
	}
	return 0;
}

static void flush(struct hi *h)
{
	trim(&h->run, 0);
	if (h->run.len && says(&h->run)) {
		tk_buf_puts(h->out, "<p>");
		tk_buf_add(h->out, h->run.s, h->run.len);
		tk_buf_puts(h->out, "</p>");
		h->blocks++;
	}
	h->run.len = 0;
}

static void cell(struct hi *h, xmlNodePtr c, struct tk_buf *b)
{
	const char *tag = is(c, "th") ? "th" : "td";
	struct tk_buf in = TK_BUF_INIT;
	const char *span[] = {"colspan", "rowspan"};
	int k;

	tk_buf_printf(b, "<%s", tag);
	for (k = 0; k < 2; k++) {
		char *v = tk_xml_attr(c, span[k]), *end = NULL;
		long n = v ? strtol(v, &end, 10) : 0;
		if (v && end != v && *end == '\0' && n > 1 && n <= 1000)
			tk_buf_printf(b, " %s=\"%ld\"", span[k], n);
		free(v);
	}
	tk_buf_putc(b, '>');
	inlines(h, c->children, &in, 0, 0);
	trim(&in, 0);
	tk_buf_add(b, in.s ? in.s : "", in.len);
	tk_buf_printf(b, "</%s>", tag);
	tk_buf_free(&in);
}

/* The rows of a table, wherever the HTML put them (thead, tbody, tfoot). */
static void rows(struct hi *h, xmlNodePtr n, struct tk_buf *b, int *nrows, int depth)
{
	xmlNodePtr c;

	for (; n && depth < 8; n = n->next) {
		if (is(n, "tr")) {
			int cells = 0;
			size_t at = b->len;
			tk_buf_puts(b, "<tr>");
			for (c = n->children; c; c = c->next)
				if (is(c, "td") || is(c, "th")) {
					cell(h, c, b);
					cells++;
				}
			tk_buf_puts(b, "</tr>");
			if (cells)
				(*nrows)++;
			else
				b->len = at;    /* a row needs a cell */
		} else if (is(n, "thead") || is(n, "tbody") || is(n, "tfoot")) {
			rows(h, n->children, b, nrows, depth + 1);
		}
	}
	if (b->s)
		b->s[b->len] = '\0';
}

static void blocks(struct hi *h, xmlNodePtr n, int depth)
{
	xmlNodePtr c;

	for (; n && depth < 64; n = n->next) {
		if (n->type != XML_ELEMENT_NODE) {
			inline_node(h, n, &h->run, 0, 0);
			continue;
		}
		if (any(n, dropped)) {
			note(h, (const char *)n->name);
		} else if (any(n, containers)) {
			flush(h);
			blocks(h, n->children, depth + 1);
		} else if (any(n, paragraphs)) {
			size_t at = h->out->len;
			flush(h);
			if (n->name[0] == 'h' && n->name[1] >= '1' && n->name[1] <= '6') {
				tk_buf_puts(h->out, "<p><b>");
				inlines(h, n->children, &h->run, 0, 0);
				trim(&h->run, 0);
				tk_buf_add(h->out, h->run.s ? h->run.s : "", h->run.len);
				tk_buf_puts(h->out, "</b></p>");
				h->run.len = 0;
			} else {
				block(h, "p", n->children, is(n, "pre"), h->out);
			}
			h->blocks += h->out->len > at;
		} else if (is(n, "ul") || is(n, "ol")) {
			struct tk_buf l = TK_BUF_INIT;
			int items = 0;
			flush(h);
			for (c = n->children; c; c = c->next)
				if (is(c, "li")) {
					block(h, "li", c->children, 0, &l);
					items++;
				}
			if (items) {
				tk_buf_printf(h->out, "<%s>", (const char *)n->name);
				tk_buf_add(h->out, l.s, l.len);
				tk_buf_printf(h->out, "</%s>", (const char *)n->name);
				h->blocks++;
			}
			tk_buf_free(&l);
		} else if (is(n, "table")) {
			struct tk_buf t = TK_BUF_INIT;
			int nrows = 0;
			flush(h);
			rows(h, n->children, &t, &nrows, 0);
			if (nrows) {
				tk_buf_puts(h->out, "<table>");
				tk_buf_add(h->out, t.s, t.len);
				tk_buf_puts(h->out, "</table>");
				h->blocks++;
			}
			tk_buf_free(&t);
		} else if (is(n, "img") && !is_gap(h, n)) {
			/* a kept image is a block; a dropped one leaves its alt
			   text, which is inline */
			struct tk_buf im = TK_BUF_INIT;
			image(h, n, &im);
			if (im.len && !strncmp(im.s, "<img", 4)) {
				flush(h);
				tk_buf_add(h->out, im.s, im.len);
				h->blocks++;
			} else {
				tk_buf_add(&h->run, im.s ? im.s : "", im.len);
			}
			tk_buf_free(&im);
		} else if (is(n, "hr")) {
			flush(h);
		} else {
			inline_node(h, n, &h->run, 0, 0);
		}
	}
}

/* Does the HTML have a paragraph of its own (<p> or <p ...>)? */
static int has_p(const char *html)
{
	const char *p;

	for (p = html; (p = strchr(p, '<')) != NULL; p++)
		if ((p[1] == 'p' || p[1] == 'P') && (p[2] == '>' || p[2] == ' ' || p[2] == '\t' ||
						     p[2] == '\n' || p[2] == '/'))
			return 1;
	return 0;
}

void tk_htmlin_fragment(const char *html, const struct tk_htmlin_opts *o,
			struct tk_buf *out, struct tk_buf *lost)
{
	struct hi h;
	htmlDocPtr doc;
	xmlNodePtr root;
	size_t len = html ? strlen(html) : 0;

	if (len == 0)
		return;
	memset(&h, 0, sizeof h);
	h.o = o;
	h.out = out;
	h.lost = lost;
	/* the parser implies <html><body>: a fragment's nodes are the body's
	   (without it, a second top-level element would nest in the first) */
	doc = htmlReadMemory(html, (int)(len > 0x7fffffff ? 0x7fffffff : len), NULL, "UTF-8",
			     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
			     HTML_PARSE_COMPACT);
	if (doc == NULL) {
		text(out, html, 0);
		return;
	}
	root = xmlDocGetRootElement(doc);
	root = root ? tk_xml_child(root, "body") : NULL;
	root = root ? root->children : NULL;
	if (o && o->inline_only) {
		struct tk_buf in = TK_BUF_INIT;
		inlines(&h, root, &in, 0, 0);
		trim(&in, 0);
		tk_buf_add(out, in.s ? in.s : "", in.len);
		tk_buf_free(&in);
	} else {
		size_t start = out->len;
		blocks(&h, root, 0);
		if (h.blocks == 0) {
			/* inline content only: no paragraph around it */
			trim(&h.run, 0);
			out->len = start;
			tk_buf_add(out, h.run.s ? h.run.s : "", h.run.len);
		} else {
			flush(&h);
			/* the parser puts bare text in a <p> of its own: text that
			   had no paragraph stays inline */
			if (h.blocks == 1 && !has_p(html) && out->len - start >= 7 &&
			    !strncmp(out->s + start, "<p>", 3) &&
			    !strcmp(out->s + out->len - 4, "</p>")) {
				memmove(out->s + start, out->s + start + 3, out->len - start - 7);
				out->len -= 7;
				out->s[out->len] = '\0';
			}
		}
	}
	tk_buf_free(&h.run);
	xmlFreeDoc(doc);
}
