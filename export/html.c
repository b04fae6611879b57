/*
 * html.c -- lesson bodies and item text as HTML, from a closed set of
 * elements with every text escaped.
 */
#include <string.h>

#include <libxml/tree.h>

#include "html.h"
#include "xml.h"

void tk_html_escape(struct tk_buf *out, const char *s)
{
	const char *run = s;

	for (; *s; s++) {
		const char *rep;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		tk_buf_add(out, run, (size_t)(s - run));
		tk_buf_puts(out, rep);
		run = s + 1;
	}
	tk_buf_puts(out, run);
}

void tk_html_json(struct tk_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	tk_buf_putc(out, '"');
	for (; *p; p++) {
		switch (*p) {
		case '"': tk_buf_puts(out, "\\\""); break;
		case '\\': tk_buf_puts(out, "\\\\"); break;
		case '\n': tk_buf_puts(out, "\\n"); break;
		case '\t': tk_buf_puts(out, "\\t"); break;
		case '\r': tk_buf_puts(out, "\\r"); break;
		case '<': tk_buf_puts(out, "\\u003c"); break;
		case '>': tk_buf_puts(out, "\\u003e"); break;
		case '&': tk_buf_puts(out, "\\u0026"); break;
		default:
			if (*p < 0x20)
				tk_buf_printf(out, "\\u%04x", *p);
			else if (*p == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
				/* U+2028, U+2029 end a line inside a script */
				tk_buf_printf(out, "\\u%s", p[2] == 0xa8 ? "2028" : "2029");
				p += 2;
			} else
				tk_buf_putc(out, (char)*p);
		}
	}
	tk_buf_putc(out, '"');
}

/* ---- Markdown ------------------------------------------------------- */

struct md {
	struct tk_buf *out;
	const struct tk_html_refs *refs;
	struct tk_error *err;
	const struct tk_md_node *skip;  /* an image: its children are its alt text */
};

static int tight_item_para(const struct tk_md_node *n)
{
	return n->parent && n->parent->kind == TK_MD_ITEM && n->parent->parent &&
	       n->parent->parent->tight;
}

static const char *const align_class[] = {NULL, "al-l", "al-c", "al-r"};
static const char *const callout_class[] = {"key", "caution", "case"};
static const char *const callout_label[] = {"要点", "注意", "案例"};

static int md_fn(void *ud, const struct tk_md_node *n, int entering)
{
	struct md *m = ud;
	struct tk_buf *o = m->out;
	const char *url;

	if (m->skip) {
		if (n == m->skip && !entering)
			m->skip = NULL;
		return 0;
	}
	switch (n->kind) {
	case TK_MD_DOCUMENT:
		break;
	case TK_MD_PARAGRAPH:
		if (!tight_item_para(n))
			tk_buf_puts(o, entering ? "<p>" : "</p>\n");
		else if (!entering && n->next)
			tk_buf_puts(o, "<br>");
		break;
	case TK_MD_HEADING:
		tk_buf_printf(o, entering ? "<h%d>" : "</h%d>\n", n->level < 1 ? 1 :
			      n->level > 6 ? 6 : n->level);
		break;
	case TK_MD_QUOTE:
		tk_buf_puts(o, entering ? "<blockquote>\n" : "</blockquote>\n");
		break;
	case TK_MD_CALLOUT: {
		int k = n->callout >= 0 && n->callout <= 2 ? n->callout : 0;
		if (!entering) {
			tk_buf_puts(o, "</aside>\n");
			break;
		}
		tk_buf_printf(o, "<aside class=\"callout %s\"><p class=\"callout-title\">%s",
			      callout_class[k], callout_label[k]);
		if (n->text && *n->text) {
			tk_buf_puts(o, "：");
			tk_html_escape(o, n->text);
		}
		tk_buf_puts(o, "</p>\n");
		if (n->first == NULL)
			tk_buf_puts(o, "</aside>\n");
		break;
	}
	case TK_MD_LIST:
		if (!entering)
			tk_buf_puts(o, n->ordered ? "</ol>\n" : "</ul>\n");
		else if (n->ordered && n->start != 1)
			tk_buf_printf(o, "<ol start=\"%d\">\n", n->start);
		else
			tk_buf_puts(o, n->ordered ? "<ol>\n" : "<ul>\n");
		break;
	case TK_MD_ITEM:
		tk_buf_puts(o, entering ? "<li>" : "</li>\n");
		break;
	case TK_MD_CODE_BLOCK:
		tk_buf_puts(o, "<pre><code>");
		tk_html_escape(o, n->text ? n->text : "");
		tk_buf_puts(o, "</code></pre>\n");
		break;
	case TK_MD_DIALOGUE:
		if (entering)
			tk_buf_puts(o, "<div class=\"dialogue\" role=\"group\" aria-label=\"话术\">\n");
		if (!entering || n->first == NULL)
			tk_buf_puts(o, "</div>\n");
		break;
	case TK_MD_TURN:
		if (!entering)
			break;
		tk_buf_printf(o, "<div class=\"turn %s\"><span class=\"who\">%s</span><p>",
			      n->speaker == TK_SPEAKER_AGENT ? "agent" : "customer",
			      n->speaker == TK_SPEAKER_AGENT ? "坐席" : "客户");
		tk_html_escape(o, n->text ? n->text : "");
		tk_buf_puts(o, "</p></div>\n");
		break;
	case TK_MD_TABLE:
		tk_buf_puts(o, entering ? "<div class=\"table-wrap\"><table>\n" :
			    "</tbody></table></div>\n");
		break;
	case TK_MD_ROW:
		if (entering) {
			tk_buf_puts(o, n->header ? "<thead><tr>" : "<tr>");
		} else {
			tk_buf_puts(o, "</tr>");
			tk_buf_puts(o, n->header ? "</thead>\n<tbody>\n" : "\n");
		}
		break;
	case TK_MD_CELL: {
		int th = n->parent && n->parent->header;
		const char *cls = n->align > 0 && n->align <= 3 ? align_class[n->align] : NULL;
		if (!entering) {
			tk_buf_puts(o, th ? "</th>" : "</td>");
			break;
		}
		tk_buf_puts(o, th ? "<th" : "<td");
		if (cls)
			tk_buf_printf(o, " class=\"%s\"", cls);
		tk_buf_putc(o, '>');
		if (n->first == NULL)
			tk_buf_puts(o, th ? "</th>" : "</td>");
		break;
	}
	case TK_MD_RULE:
		tk_buf_puts(o, "<hr>\n");
		break;
	case TK_MD_TEXT:
		tk_html_escape(o, n->text ? n->text : "");
		break;
	case TK_MD_CODE:
		tk_buf_puts(o, "<code>");
		tk_html_escape(o, n->text ? n->text : "");
		tk_buf_puts(o, "</code>");
		break;
	case TK_MD_EMPH:
		tk_buf_puts(o, entering ? "<em>" : "</em>");
		break;
	case TK_MD_STRONG:
		tk_buf_puts(o, entering ? "<strong>" : "</strong>");
		break;
	case TK_MD_STRIKE:
		tk_buf_puts(o, entering ? "<del>" : "</del>");
		break;
	case TK_MD_LINK:
		if (!entering) {
			tk_buf_puts(o, "</a>");
			break;
		}
		if ((url = m->refs->link(m->refs->ud, n->url ? n->url : "", n->line, m->err)) == NULL)
			return TK_EINPUT;
		tk_buf_puts(o, "<a href=\"");
		tk_html_escape(o, url);
		tk_buf_putc(o, '"');
		if (n->title && *n->title) {
			tk_buf_puts(o, " title=\"");
			tk_html_escape(o, n->title);
			tk_buf_putc(o, '"');
		}
		tk_buf_putc(o, '>');
		if (n->first == NULL)
			tk_buf_puts(o, "</a>");
		break;
	case TK_MD_IMAGE: {
		struct tk_buf alt = TK_BUF_INIT;
		if (!entering)
			break;
		if ((url = m->refs->image(m->refs->ud, n->url ? n->url : "", n->line, m->err)) ==
		    NULL)
			return TK_EINPUT;
		tk_md_plain(n, &alt);
		tk_buf_puts(o, "<img src=\"");
		tk_html_escape(o, url);
		tk_buf_puts(o, "\" alt=\"");
		tk_html_escape(o, tk_buf_str(&alt));
		tk_buf_putc(o, '"');
		if (n->title && *n->title) {
			tk_buf_puts(o, " title=\"");
			tk_html_escape(o, n->title);
			tk_buf_putc(o, '"');
		}
		tk_buf_puts(o, " loading=\"lazy\">");
		tk_buf_free(&alt);
		if (n->first)
			m->skip = n;
		break;
	}
	case TK_MD_SOFTBREAK:
		tk_buf_putc(o, '\n');
		break;
	case TK_MD_LINEBREAK:
		tk_buf_puts(o, "<br>\n");
		break;
	}
	return 0;
}

int tk_html_markdown(struct tk_buf *out, const struct tk_md_doc *doc,
		     const struct tk_html_refs *refs, struct tk_error *err)
{
	struct md m;

	m.out = out;
	m.refs = refs;
	m.err = err;
	m.skip = NULL;
	return tk_md_walk(doc->root, md_fn, &m) ? TK_EINPUT : TK_OK;
}

/* ---- item fragments ------------------------------------------------- */

/* Elements written as they are, and the names others become. */
static const struct {
	const char *in, *out;
} elements[] = {
	{"p", "p"}, {"ul", "ul"}, {"ol", "ol"}, {"li", "li"}, {"tr", "tr"}, {"th", "th"},
	{"td", "td"}, {"b", "strong"}, {"i", "em"}, {"u", "u"}, {"sub", "sub"}, {"sup", "sup"}
};

static int frag_nodes(struct tk_buf *o, xmlNodePtr n, const struct tk_html_refs *refs,
		      struct tk_error *err, int depth);

static int frag_node(struct tk_buf *o, xmlNodePtr c, const struct tk_html_refs *refs,
		     struct tk_error *err, int depth)
{
	int xml = refs && (refs->flags & TK_HTML_XML);
	size_t k;
	char *v;

	if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
		tk_html_escape(o, (const char *)c->content);
		return TK_OK;
	}
	if (c->type != XML_ELEMENT_NODE)
		return TK_OK;
	if (tk_xml_is(c, "br")) {
		tk_buf_puts(o, xml ? "<br/>" : "<br>");
		return TK_OK;
	}
	if (xml && tk_xml_is(c, "u")) {
		tk_buf_puts(o, "<span class=\"u\">");
		if (frag_nodes(o, c->children, refs, err, depth + 1) != TK_OK)
			return TK_EINPUT;
		tk_buf_puts(o, "</span>");
		return TK_OK;
	}
	if (tk_xml_is(c, "gap")) {
		if (refs && refs->gap)
			refs->gap(refs->ud, o);
		else
			tk_buf_puts(o, "<span class=\"gap\" aria-label=\"填空\">＿＿＿＿</span>");
		return TK_OK;
	}
	if (tk_xml_is(c, "img")) {
		char *src = tk_xml_attr(c, "src"), *alt = tk_xml_attr(c, "alt");
		char *width = tk_xml_attr(c, "width");
		long px = 0;
		const char *url = refs && refs->image ?
				  refs->image(refs->ud, src ? src : "", xmlGetLineNo(c), err) : NULL;
		int rc = TK_OK;
		if (url == NULL) {
			if (!refs || !refs->image)
				rc = tk_error_set(err, TK_EINPUT, NULL, 0, "an image where none may be");
			else
				rc = TK_EINPUT;
		} else {
			tk_buf_puts(o, "<img src=\"");
			tk_html_escape(o, url);
			tk_buf_puts(o, "\" alt=\"");
			tk_html_escape(o, alt ? alt : "");
			tk_buf_putc(o, '"');
			/* the width the item shows it at, in pixels: a number or nothing */
			if (width && tk_parse_int(width, 1, 10000, &px))
				tk_buf_printf(o, " width=\"%ld\"", px);
			tk_buf_puts(o, xml ? "/>" : ">");
		}
		free(src);
		free(alt);
		free(width);
		return rc;
	}
	if (tk_xml_is(c, "table")) {
		int rc;
		tk_buf_puts(o, xml ? "<table><tbody>" : "<div class=\"table-wrap\"><table><tbody>");
		rc = frag_nodes(o, c->children, refs, err, depth + 1);
		tk_buf_puts(o, xml ? "</tbody></table>" : "</tbody></table></div>");
		return rc;
	}
	for (k = 0; k < sizeof elements / sizeof elements[0]; k++)
		if (tk_xml_is(c, elements[k].in))
			break;
	if (k == sizeof elements / sizeof elements[0])  /* not ours: its text only */
		return frag_nodes(o, c->children, refs, err, depth + 1);
	tk_buf_printf(o, "<%s", elements[k].out);
	if ((v = tk_xml_attr(c, "colspan")) != NULL) {
		long span = 1;
		tk_buf_printf(o, " colspan=\"%ld\"", tk_parse_int(v, 1, 1000, &span) ? span : 1L);
		free(v);
	}
	if ((v = tk_xml_attr(c, "rowspan")) != NULL) {
		long span = 1;
		tk_buf_printf(o, " rowspan=\"%ld\"", tk_parse_int(v, 1, 1000, &span) ? span : 1L);
		free(v);
	}
	tk_buf_putc(o, '>');
	if (frag_nodes(o, c->children, refs, err, depth + 1) != TK_OK)
		return TK_EINPUT;
	tk_buf_printf(o, "</%s>", elements[k].out);
	return TK_OK;
}

static int frag_nodes(struct tk_buf *o, xmlNodePtr n, const struct tk_html_refs *refs,
		      struct tk_error *err, int depth)
{
	/* fragments passed the schema, whose nesting is shallow; this is a fence */
	if (depth > 64)
		return TK_OK;
	for (; n; n = n->next)
		if (frag_node(o, n, refs, err, depth) != TK_OK)
			return TK_EINPUT;
	return TK_OK;
}

int tk_html_fragment(struct tk_buf *out, const char *frag, const struct tk_html_refs *refs,
		     struct tk_error *err)
{
	xmlDocPtr doc;
	int rc;

	if (frag == NULL || *frag == '\0')
		return TK_OK;
	/* plain text, as most fields are: the parse would give it back whole
	   (or fail, and then it is escaped all the same) */
	if (strpbrk(frag, "<&\r") == NULL) {
		tk_html_escape(out, frag);
		return TK_OK;
	}
	if ((doc = tk_xml_fragment(frag)) == NULL) {
		tk_html_escape(out, frag);
		return TK_OK;
	}
	rc = frag_nodes(out, xmlDocGetRootElement(doc)->children, refs, err, 0);
	xmlFreeDoc(doc);
	return rc;
}

static void text_nodes(struct tk_buf *o, xmlNodePtr n, int depth)
{
	for (; n && depth < 64; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			tk_buf_puts(o, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE) {
			if (tk_xml_is(n, "gap"))
				tk_buf_puts(o, "＿＿＿＿");
			else if (tk_xml_is(n, "br"))
				tk_buf_putc(o, '\n');
			text_nodes(o, n->children, depth + 1);
			if (tk_xml_is(n, "p") || tk_xml_is(n, "li") || tk_xml_is(n, "tr"))
				tk_buf_putc(o, '\n');
			else if (tk_xml_is(n, "td") || tk_xml_is(n, "th"))
				tk_buf_putc(o, '\t');
		}
	}
}

void tk_html_fragment_text(struct tk_buf *out, const char *frag)
{
	xmlDocPtr doc;
	size_t start = out->len;

	if (frag == NULL)
		return;
	if ((doc = tk_xml_fragment(frag)) == NULL) {
		tk_buf_puts(out, frag);
		return;
	}
	text_nodes(out, xmlDocGetRootElement(doc)->children, 0);
	xmlFreeDoc(doc);
	/* no trailing line breaks */
	while (out->len > start && (out->s[out->len - 1] == '\n' || out->s[out->len - 1] == '\t'))
		out->s[--out->len] = '\0';
}
