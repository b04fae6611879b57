/* qti.c -- items and papers as IMS QTI 2.1 or 3.0 content packages. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "html.h"
#include "i18n.h"
#include "pack.h"
#include "qti.h"

#define NS21 "http://www.imsglobal.org/xsd/imsqti_v2p1"
#define XSD21 "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
#define NS30 "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
#define XSD30 "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd"

/*
 * Each item and its manifest entry come to 3-4 KB of text: past this
 * many items the package is over the 32 MiB from which tk_pack_archive
 * deflates text at the fastest level too.
 */
#define FAST_ITEMS 8000

/*
 * The two vocabularies.  The walk writes QTI 2.1's names; for 3.0 every
 * QTI element gets the qti- prefix and every name goes kebab-case
 * (<responseDeclaration baseType=..> -> <qti-response-declaration
 * base-type=..>), while the XHTML elements QTI borrows keep theirs.  The
 * LOM is written in 1.3's names (taxonPath), which LOM as imsmd 1.2
 * spells in lower case.  A format is translated once and kept, by its
 * address: the walk's formats are all string literals.
 */
#define NAMES 512       /* a power of two, well above the walk's formats */

struct names {
	const char *fmt[NAMES];
	char *out[NAMES];
	char *spare;            /* when full, which the walk never fills */
};

/* The names of entries already in the zip, to store each once. */
struct nameset {
	char **v;
	size_t cap, n;
};

struct qw {
	int v3;
	const struct tk_itemfmt_opts *o;
	struct tk_error *err;
	const struct tk_item *it;
	struct tk_pack_stream *zip;
	struct nameset stored;
	char **media;                   /* this item's media files (their names, copies) */
	int nmedia;
	struct tk_buf url;
	int gaps;                       /* fill: gaps written so far */
	int nblanks;
	int oom;
	struct names qti, lom;
};

static void esc(struct tk_buf *b, const char *s)
{
	tk_html_escape(b, s ? s : "");
}

/* An identifier QTI takes (an NCName): tiku ids may start with a digit. */
static void ident(struct tk_buf *b, const char *id)
{
	if (!((*id >= 'A' && *id <= 'Z') || (*id >= 'a' && *id <= 'z') || *id == '_'))
		tk_buf_putc(b, 'I');
	tk_buf_puts(b, id);
}

/* ---- the vocabularies ------------------------------------------------ */

static int letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int xhtml_name(const char *n, size_t len)
{
	static const char *const html[] = {"div", "p", "strong", "ol", "ul", "li", "span", "br", NULL};
	int i;

	for (i = 0; html[i]; i++)
		if (strlen(html[i]) == len && !memcmp(html[i], n, len))
			return 1;
	return 0;
}

static void kebab(struct tk_buf *b, const char *n, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (n[i] >= 'A' && n[i] <= 'Z') {
			tk_buf_putc(b, '-');
			tk_buf_putc(b, (char)(n[i] - 'A' + 'a'));
		} else {
			tk_buf_putc(b, n[i]);
		}
	}
}

/* QTI 2.1's names in fmt as 3.0's: an element's after < or </, an
   attribute's before = (prefixed ones, xml:lang, stay). */
static char *to_qti3(const char *fmt)
{
	struct tk_buf b = TK_BUF_INIT;
	const char *p = fmt, *n;
	size_t len;

	while (*p) {
		if (*p == '<' && (letter(p[1]) || (p[1] == '/' && letter(p[2])))) {
			n = p + 1 + (p[1] == '/');
			for (len = 0; letter(n[len]); len++)
				;
			tk_buf_add(&b, p, (size_t)(n - p));
			if (xhtml_name(n, len)) {
				tk_buf_add(&b, n, len);
			} else {
				tk_buf_puts(&b, "qti-");
				kebab(&b, n, len);
			}
			p = n + len;
		} else if ((*p == ' ' || *p == '\n') && letter(p[1])) {
			for (len = 0; letter(p[1 + len]); len++)
				;
			tk_buf_putc(&b, *p);
			if (p[1 + len] == '=')
				kebab(&b, p + 1, len);
			else
				tk_buf_add(&b, p + 1, len);
			p += 1 + len;
		} else {
			tk_buf_putc(&b, *p++);
		}
	}
	if (b.oom) {
		tk_buf_free(&b);
		return NULL;
	}
	return tk_buf_detach(&b);
}

/* LOM 1.3's element names in fmt as imsmd 1.2's: in lower case. */
static char *to_imsmd12(const char *fmt)
{
	struct tk_buf b = TK_BUF_INIT;
	const char *p = fmt;

	while (*p) {
		if (!strncmp(p, "<imsmd:", 7) || !strncmp(p, "</imsmd:", 8)) {
			size_t k = p[1] == '/' ? 8 : 7;
			tk_buf_add(&b, p, k);
			for (p += k; letter(*p); p++)
				tk_buf_putc(&b, *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p);
		} else {
			tk_buf_putc(&b, *p++);
		}
	}
	if (b.oom) {
		tk_buf_free(&b);
		return NULL;
	}
	return tk_buf_detach(&b);
}

static const char *translated(struct qw *w, struct names *c, const char *fmt,
			      char *(*tr)(const char *))
{
	size_t h = ((uintptr_t)fmt >> 3) & (NAMES - 1), k;
	char *t;

	for (k = 0; k < NAMES; k++, h = (h + 1) & (NAMES - 1)) {
		if (c->fmt[h] == fmt)
			return c->out[h];
		if (c->fmt[h] == NULL)
			break;
	}
	if ((t = tr(fmt)) == NULL) {
		w->oom = 1;
		return fmt;
	}
	if (k == NAMES) {
		free(c->spare);
		return c->spare = t;
	}
	c->fmt[h] = fmt;
	return c->out[h] = t;
}

static void names_free(struct names *c)
{
	int i;

	for (i = 0; i < NAMES; i++)
		free(c->out[i]);
	free(c->spare);
}

/* Append fmt (a string literal, in QTI 2.1's names) in the package's QTI. */
static void qput(struct qw *w, struct tk_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void qput(struct qw *w, struct tk_buf *b, const char *fmt, ...)
{
	va_list ap;

	if (w->v3)
		fmt = translated(w, &w->qti, fmt, to_qti3);
	if (strchr(fmt, '%') == NULL) {
		tk_buf_puts(b, fmt);    /* most are plain: no printf for them */
		return;
	}
	va_start(ap, fmt);
	tk_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* Append fmt (a string literal, in LOM 1.3's names) in the package's LOM. */
static void mput(struct qw *w, struct tk_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void mput(struct qw *w, struct tk_buf *b, const char *fmt, ...)
{
	va_list ap;

	if (!w->v3)
		fmt = translated(w, &w->lom, fmt, to_imsmd12);
	if (strchr(fmt, '%') == NULL) {
		tk_buf_puts(b, fmt);
		return;
	}
	va_start(ap, fmt);
	tk_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* QTI 3.0 holds the content of rubric blocks and feedback in a body. */
static void body(struct qw *w, struct tk_buf *b, int open)
{
	if (w->v3)
		tk_buf_puts(b, open ? "<qti-content-body>" : "</qti-content-body>");
}

/* ---- the zip ----------------------------------------------------------- */

static uint64_t hash(const char *s)
{
	uint64_t h = 14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Is name stored?  Else it is now: 1 when it was, 0 when not, -1 out of memory. */
static int stored(struct nameset *s, const char *name)
{
	size_t i;

	if (2 * (s->n + 1) > s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 1024, k;
		char **v = calloc(cap, sizeof *v);
		if (v == NULL)
			return -1;
		for (k = 0; k < s->cap; k++) {
			if (s->v[k] == NULL)
				continue;
			for (i = hash(s->v[k]) & (cap - 1); v[i]; i = (i + 1) & (cap - 1))
				;
			v[i] = s->v[k];
		}
		free(s->v);
		s->v = v;
		s->cap = cap;
	}
	for (i = hash(name) & (s->cap - 1); s->v[i]; i = (i + 1) & (s->cap - 1))
		if (!strcmp(s->v[i], name))
			return 1;
	if ((s->v[i] = tk_strdup(name)) == NULL)
		return -1;
	s->n++;
	return 0;
}

static void nameset_free(struct nameset *s)
{
	size_t i;

	for (i = 0; i < s->cap; i++)
		free(s->v[i]);
	free(s->v);
}

/* Add a file to the zip: b's bytes, which b gives up. */
static int add_file(struct qw *w, const char *name, struct tk_buf *b)
{
	size_t len = b->len;
	char *data;

	if (b->oom || w->oom) {
		tk_buf_free(b);
		return tk_error_set(w->err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	if ((data = tk_buf_detach(b)) == NULL)
		return tk_error_set(w->err, TK_EINTERNAL, NULL, 0, "out of memory");
	return tk_pack_stream_add(w->zip, name, data, len, w->err);
}

/* An image: into media/ under the start of its SHA-256, so that the same
   file is stored once and names never clash. */
static const char *image(void *ud, const char *src, int line, struct tk_error *err)
{
	struct qw *w = ud;
	struct tk_buf data = TK_BUF_INIT;
	unsigned char h[crypto_hash_sha256_BYTES];
	char *name = NULL, hex[2 * sizeof h + 1], ext[8] = "", **m;
	const char *dot;
	int rc;

	(void)line;
	(void)err;
	if (tk_itemfmt_image(w->o, w->it, src, &name, &data, w->err) != TK_OK) {
		tk_buf_free(&data);
		return NULL;
	}
	crypto_hash_sha256(h, (const unsigned char *)data.s, data.len);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	if ((dot = strrchr(name, '.')) != NULL && strlen(dot) < sizeof ext)
		strcpy(ext, dot);       /* tk_itemfmt_image allows only short ones */
	free(name);
	w->url.len = 0;
	tk_buf_printf(&w->url, "media/%.20s%s", hex, ext);
	/* media are named by content: a name met before holds the same bytes */
	if ((rc = stored(&w->stored, tk_buf_str(&w->url))) < 0) {
		tk_buf_free(&data);
		tk_error_set(w->err, TK_EINTERNAL, NULL, 0, "out of memory");
		return NULL;
	}
	if (rc == 0 && add_file(w, tk_buf_str(&w->url), &data) != TK_OK)
		return NULL;
	tk_buf_free(&data);
	if ((m = realloc(w->media, (size_t)(w->nmedia + 1) * sizeof *m)) == NULL ||
	    (m[w->nmedia] = tk_strdup(tk_buf_str(&w->url))) == NULL) {
		if (m)
			w->media = m;
		tk_error_set(w->err, TK_EINTERNAL, NULL, 0, "out of memory");
		return NULL;
	}
	w->media = m;
	w->nmedia++;
	/* items/ID.xml names it from its own folder */
	w->url.len = 0;
	tk_buf_printf(&w->url, "../media/%.20s%s", hex, ext);
	return tk_buf_str(&w->url);
}

static void media_free(struct qw *w)
{
	int i;

	for (i = 0; i < w->nmedia; i++)
		free(w->media[i]);
	free(w->media);
	w->media = NULL;
	w->nmedia = 0;
}

/* ---- an item ------------------------------------------------------------ */

static void text_entry(void *ud, struct tk_buf *out)
{
	struct qw *w = ud;

	if (w->gaps < w->nblanks)
		qput(w, out, "<textEntryInteraction responseIdentifier=\"RESPONSE%d\" "
		     "expectedLength=\"12\"/>", ++w->gaps);
	else
		tk_buf_puts(out, "＿＿＿＿");
}

/* The fragment as QTI's XHTML; gaps become text entries when gaps. */
static int xhtml(struct qw *w, struct tk_buf *out, const char *frag, int gaps)
{
	struct tk_html_refs refs = {image, NULL, NULL, NULL, TK_HTML_XML};

	refs.ud = w;
	if (gaps)
		refs.gap = text_entry;
	return tk_html_fragment(out, frag, &refs, w->err);
}

static void outcome(struct qw *w, struct tk_buf *b, const char *id, const char *type,
		    const char *value)
{
	if (value)
		qput(w, b, "  <outcomeDeclaration identifier=\"%s\" cardinality=\"single\" "
		     "baseType=\"%s\"><defaultValue><value>%s</value></defaultValue>"
		     "</outcomeDeclaration>\n", id, type, value);
	else
		qput(w, b, "  <outcomeDeclaration identifier=\"%s\" cardinality=\"single\" "
		     "baseType=\"%s\"></outcomeDeclaration>\n", id, type);
}

static void set_score(struct qw *w, struct tk_buf *b, const char *indent, int tenths)
{
	char pts[16];

	qput(w, b, "%s<setOutcomeValue identifier=\"SCORE\"><baseValue baseType=\"float\">%s"
	     "</baseValue></setOutcomeValue>\n", indent, tk_points_format(tenths, pts));
}

/* The document element's start: element (a literal, 2.1's name) with its
   namespace, schema, identifier and title, its other attributes to come. */
static void root(struct qw *w, struct tk_buf *b, const char *element, const char *id,
		 const char *title)
{
	tk_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
	tk_buf_puts(b, w->v3 ? translated(w, &w->qti, element, to_qti3) + 1 : element + 1);
	tk_buf_printf(b, " xmlns=\"%s\"\n"
		      "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
		      "    xsi:schemaLocation=\"%s %s\"\n    identifier=\"",
		      w->v3 ? NS30 : NS21, w->v3 ? NS30 : NS21, w->v3 ? XSD30 : XSD21);
	ident(b, id);
	tk_buf_puts(b, "\" title=\"");
	esc(b, title);
	tk_buf_puts(b, "\"");
}

/* A skill task's materials: what the site prepares, for the proctor. */
static void materials(struct qw *w, struct tk_buf *b)
{
	static const char *const kinds[TK_NMATKINDS] = {"场地与机考环境", "设备", "材料"};
	const struct tk_item *it = w->it;
	int i;

	qput(w, b, "    <rubricBlock%s view=\"proctor\">", w->v3 ? " use=\"instructions\"" : "");
	body(w, b, 1);
	qput(w, b, "\n      <p><strong>考场准备</strong></p>\n      <ul>\n");
	for (i = 0; i < it->nmaterials; i++) {
		const struct tk_material *mt = &it->materials[i];
		tk_buf_printf(b, "        <li>%s：", kinds[mt->kind >= 0 && mt->kind < TK_NMATKINDS ?
							mt->kind : TK_MAT_MATERIAL]);
		esc(b, mt->text);
		if (mt->quantity && *mt->quantity) {
			tk_buf_puts(b, "（");
			esc(b, mt->quantity);
			tk_buf_puts(b, "）");
		}
		tk_buf_puts(b, "</li>\n");
	}
	tk_buf_puts(b, "      </ul>\n    ");
	body(w, b, 0);
	qput(w, b, "</rubricBlock>\n");
}

/* For scorers: an open item's reference answer, and the rubric. */
static int scorer(struct qw *w, struct tk_buf *b)
{
	const struct tk_item *it = w->it;
	struct tk_buf tmp = TK_BUF_INIT;
	int i, rc = TK_OK, open = it->type >= TK_SHORT;
	char pts[16];

	qput(w, b, "    <rubricBlock%s view=\"scorer\">", w->v3 ? " use=\"scoring\"" : "");
	body(w, b, 1);
	tk_buf_puts(b, "\n");
	if (open && it->answer && *it->answer) {
		tk_buf_puts(b, "      <p><strong>参考答案</strong></p>\n      <div>");
		if ((rc = xhtml(w, b, it->answer, 0)) != TK_OK)
			goto out;
		tk_buf_puts(b, "</div>\n");
	}
	if (it->nrubric) {
		tk_buf_puts(b, "      <p><strong>评分要点</strong></p>\n      <ol>\n");
		for (i = 0; i < it->nrubric; i++) {
			tmp.len = 0;
			if ((rc = xhtml(w, &tmp, it->rubric[i].text, 0)) != TK_OK)
				goto out;
			tk_buf_printf(b, "        <li>%s（%s分）</li>\n", tk_buf_str(&tmp),
				      tk_points_format(it->rubric[i].points, pts));
		}
		tk_buf_puts(b, "      </ol>\n");
	}
	if (!(open && it->answer && *it->answer) && !it->nrubric)
		tk_buf_puts(b, "      <p>（无评分参考）</p>\n");
	tk_buf_puts(b, "    ");
	body(w, b, 0);
	qput(w, b, "</rubricBlock>\n");
out:
	tk_buf_free(&tmp);
	return rc;
}

static int item_xml(struct qw *w, struct tk_buf *b, const struct tk_itemfmt_blanks *bl)
{
	const struct tk_item *it = w->it;
	int i, k, rc = TK_OK, open = it->type >= TK_SHORT;
	char pts[16];

	root(w, b, "<assessmentItem", it->id, it->id);
	qput(w, b, " adaptive=\"false\" timeDependent=\"false\" xml:lang=\"zh-CN\">\n");
	/* responses */
	switch (it->type) {
	case TK_SINGLE:
	case TK_MULTIPLE:
	case TK_TRUEFALSE:
		qput(w, b, "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"%s\" "
		     "baseType=\"identifier\">\n    <correctResponse>",
		     it->type == TK_MULTIPLE ? "multiple" : "single");
		if (it->type == TK_TRUEFALSE)
			qput(w, b, "<value>%s</value>",
			     it->answer && !strcmp(it->answer, "true") ? "T" : "F");
		else
			for (i = 0; i < it->noptions; i++)
				if (it->answer && strchr(it->answer, it->options[i].key))
					qput(w, b, "<value>%c</value>", it->options[i].key);
		qput(w, b, "</correctResponse>\n  </responseDeclaration>\n");
		break;
	case TK_FILL:
		for (i = 0; i < bl->n; i++) {
			qput(w, b, "  <responseDeclaration identifier=\"RESPONSE%d\" "
			     "cardinality=\"single\" baseType=\"string\">\n"
			     "    <correctResponse><value>", i + 1);
			esc(b, bl->nalt[i] ? bl->alt[i][0] : "");
			qput(w, b, "</value></correctResponse>\n    <mapping defaultValue=\"0\">");
			for (k = 0; k < bl->nalt[i]; k++) {
				int j;
				for (j = 0; j < k && strcmp(bl->alt[i][j], bl->alt[i][k]); j++)
					;
				if (j < k)
					continue;       /* a key is mapped once */
				qput(w, b, "<mapEntry mapKey=\"");
				esc(b, bl->alt[i][k]);
				qput(w, b, "\" mappedValue=\"1\" caseSensitive=\"false\"/>");
			}
			qput(w, b, "</mapping>\n  </responseDeclaration>\n");
		}
		break;
	default:
		qput(w, b, "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" "
		     "baseType=\"string\"/>\n");
	}
	outcome(w, b, "SCORE", "float", "0");
	outcome(w, b, "MAXSCORE", "float", tk_points_format(it->points, pts));
	if (it->explanation && *it->explanation)
		outcome(w, b, "FEEDBACK", "identifier", NULL);
	/* the body */
	qput(w, b, "  <itemBody>\n    <div>");
	w->gaps = 0;
	if ((rc = xhtml(w, b, it->stem, it->type == TK_FILL)) != TK_OK)
		goto out;
	if (it->type == TK_FILL && w->gaps < bl->n) {
		tk_buf_puts(b, "</div>\n    <p>");     /* blanks the stem has no gap for */
		while (w->gaps < bl->n)
			text_entry(w, b);
		tk_buf_puts(b, "</p>\n    <div>");
	}
	tk_buf_puts(b, "</div>\n");
	if (it->type <= TK_TRUEFALSE) {
		qput(w, b, "    <choiceInteraction responseIdentifier=\"RESPONSE\" shuffle=\"false\" "
		     "maxChoices=\"%d\">\n", it->type == TK_MULTIPLE ? 0 : 1);
		if (it->type == TK_TRUEFALSE)
			qput(w, b, "      <simpleChoice identifier=\"T\">正确</simpleChoice>\n"
			     "      <simpleChoice identifier=\"F\">错误</simpleChoice>\n");
		for (i = 0; it->type != TK_TRUEFALSE && i < it->noptions; i++) {
			qput(w, b, "      <simpleChoice identifier=\"%c\">", it->options[i].key);
			if ((rc = xhtml(w, b, it->options[i].text, 0)) != TK_OK)
				goto out;
			qput(w, b, "</simpleChoice>\n");
		}
		qput(w, b, "    </choiceInteraction>\n");
	} else if (open) {
		qput(w, b, "    <extendedTextInteraction responseIdentifier=\"RESPONSE\" "
		     "expectedLines=\"15\"/>\n");
		if ((rc = scorer(w, b)) != TK_OK)
			goto out;
	} else if (it->type == TK_FILL && it->nrubric) {
		/* how a skill item's blanks are marked, for whoever reviews them */
		if ((rc = scorer(w, b)) != TK_OK)
			goto out;
	}
	if (it->nmaterials)
		materials(w, b);
	qput(w, b, "  </itemBody>\n  <responseProcessing>\n");
	/* what can be scored is: the points when the response is right */
	if (!open) {
		qput(w, b, "    <responseCondition>\n      <responseIf>\n");
		if (it->type == TK_FILL) {
			qput(w, b, "        <and>\n");
			for (i = 0; i < bl->n; i++)
				qput(w, b, "          <gte><mapResponse identifier=\"RESPONSE%d\"/>"
				     "<baseValue baseType=\"float\">1</baseValue></gte>\n", i + 1);
			qput(w, b, "        </and>\n");
		} else {
			qput(w, b, "        <match><variable identifier=\"RESPONSE\"/>"
			     "<correct identifier=\"RESPONSE\"/></match>\n");
		}
		set_score(w, b, "        ", it->points);
		qput(w, b, "      </responseIf>\n      <responseElse>\n");
		set_score(w, b, "        ", 0);
		qput(w, b, "      </responseElse>\n    </responseCondition>\n");
	}
	if (it->explanation && *it->explanation)
		qput(w, b, "    <setOutcomeValue identifier=\"FEEDBACK\">"
		     "<baseValue baseType=\"identifier\">EXPLAIN</baseValue></setOutcomeValue>\n");
	qput(w, b, "  </responseProcessing>\n");
	if (it->explanation && *it->explanation) {
		qput(w, b, "  <modalFeedback outcomeIdentifier=\"FEEDBACK\" identifier=\"EXPLAIN\" "
		     "showHide=\"show\" title=\"解析\">");
		body(w, b, 1);
		tk_buf_puts(b, "<div>");
		if ((rc = xhtml(w, b, it->explanation, 0)) != TK_OK)
			goto out;
		tk_buf_puts(b, "</div>");
		body(w, b, 0);
		qput(w, b, "</modalFeedback>\n");
	}
	qput(w, b, "</assessmentItem>\n");
out:
	return rc;
}

/* ---- the manifest ------------------------------------------------------ */

/* A LangString: imsmd 1.2's langstring, LOM 1.3's string. */
static void lstr(struct qw *w, struct tk_buf *m, const char *lang, const char *s)
{
	tk_buf_printf(m, w->v3 ? "<imsmd:string language=\"%s\">" :
		      "<imsmd:langstring xml:lang=\"%s\">", lang);
	esc(m, s);
	tk_buf_puts(m, w->v3 ? "</imsmd:string>" : "</imsmd:langstring>");
}

/* A value of LOM's own vocabulary: 1.2 says it in langstrings. */
static void vocab(struct qw *w, struct tk_buf *m, const char *source, const char *value)
{
	mput(w, m, "<imsmd:source>");
	if (w->v3)
		esc(m, source);
	else
		lstr(w, m, "x-none", source);
	mput(w, m, "</imsmd:source><imsmd:value>");
	if (w->v3)
		esc(m, value);
	else
		lstr(w, m, "x-none", value);
	mput(w, m, "</imsmd:value>");
}

/* QTI 3.0's own metadata: how the item is answered and scored. */
static void qti_metadata(struct qw *w, struct tk_buf *m)
{
	const struct tk_item *it = w->it;
	int open = it->type >= TK_SHORT;

	tk_buf_printf(m, "        <imsqti:qtiMetadata><imsqti:timeDependent>false"
		      "</imsqti:timeDependent><imsqti:interactionType>%s</imsqti:interactionType>"
		      "<imsqti:feedbackType>%s</imsqti:feedbackType>"
		      "<imsqti:solutionAvailable>%s</imsqti:solutionAvailable>"
		      "<imsqti:scoringMode>%s</imsqti:scoringMode></imsqti:qtiMetadata>\n",
		      it->type <= TK_TRUEFALSE ? "choiceInteraction" :
		      it->type == TK_FILL ? "textEntryInteraction" : "extendedTextInteraction",
		      it->explanation && *it->explanation ? "nonadaptive" : "none",
		      !open || (it->answer && *it->answer) ? "true" : "false",
		      open ? "human" : "responseprocessing");
}

static void lom(struct qw *w, struct tk_buf *m)
{
	static const char *const difficulty[] = {
		"very easy", "easy", "medium", "difficult", "very difficult"
	};
	const struct tk_item *it = w->it;
	const struct tk_standard *s = w->o->standard;
	int level = tk_standard_level(s, it->level), i;

	tk_buf_puts(m, "      <metadata>\n");
	if (w->v3)
		qti_metadata(w, m);
	mput(w, m, "        <imsmd:lom>\n          <imsmd:general><imsmd:title>");
	lstr(w, m, "zh-CN", it->id);
	mput(w, m, "</imsmd:title><imsmd:language>zh-CN</imsmd:language>");
	for (i = 0; i < it->nkeywords; i++) {
		mput(w, m, "<imsmd:keyword>");
		lstr(w, m, "zh-CN", it->keywords[i]);
		mput(w, m, "</imsmd:keyword>");
	}
	mput(w, m, "</imsmd:general>\n          <imsmd:educational>");
	/* an open item's type, which the extended text does not say, in a
	   vocabulary of tiku's own (LOM allows any source) */
	if (it->type >= TK_SHORT) {
		mput(w, m, "<imsmd:learningResourceType>");
		vocab(w, m, "tiku", tk_type_name(it->type));
		mput(w, m, "</imsmd:learningResourceType>");
	}
	mput(w, m, "<imsmd:difficulty>");
	vocab(w, m, "LOMv1.0", difficulty[it->difficulty >= 1 && it->difficulty <= 5 ?
					  it->difficulty - 1 : 2]);
	mput(w, m, "</imsmd:difficulty>");
	if (it->time > 0)
		mput(w, m, w->v3 ? "<imsmd:typicalLearningTime><imsmd:duration>PT%dS"
		     "</imsmd:duration></imsmd:typicalLearningTime>" :
		     "<imsmd:typicalLearningTime><imsmd:datetime>PT%dS"
		     "</imsmd:datetime></imsmd:typicalLearningTime>", it->time);
	mput(w, m, "</imsmd:educational>\n");
	/* where the item stands in the standard: level, the requirements of
	   the item's kind (skill lines or knowledge lines, which share their
	   codes), then each code */
	for (i = 0; i < it->ncodes; i++) {
		const struct tk_req *r = level >= 0 ?
					 tk_standard_find(s, level, it->kind, it->codes[i]) : NULL;
		mput(w, m, "          <imsmd:classification><imsmd:purpose>");
		vocab(w, m, "LOMv1.0", "educational objective");
		mput(w, m, "</imsmd:purpose><imsmd:taxonPath><imsmd:source>");
		lstr(w, m, "zh-CN", s->title ? s->title : s->id);
		mput(w, m, "</imsmd:source><imsmd:taxon><imsmd:id>");
		esc(m, level >= 0 ? s->levels[level].id : it->level);
		mput(w, m, "</imsmd:id><imsmd:entry>");
		lstr(w, m, "zh-CN", level >= 0 ? s->levels[level].name : it->level);
		mput(w, m, "</imsmd:entry></imsmd:taxon><imsmd:taxon><imsmd:id>");
		esc(m, tk_kind_name(it->kind));
		mput(w, m, "</imsmd:id><imsmd:entry>");
		lstr(w, m, "zh-CN", it->kind == TK_SKILL ? "技能要求" : "相关知识要求");
		mput(w, m, "</imsmd:entry></imsmd:taxon><imsmd:taxon><imsmd:id>");
		esc(m, it->codes[i]);
		mput(w, m, "</imsmd:id><imsmd:entry>");
		lstr(w, m, "zh-CN", r && r->text ? r->text : it->codes[i]);
		mput(w, m, "</imsmd:entry></imsmd:taxon></imsmd:taxonPath>"
		     "</imsmd:classification>\n");
	}
	mput(w, m, "        </imsmd:lom>\n");
	tk_buf_puts(m, "      </metadata>\n");
}

static void manifest_head(struct qw *w, struct tk_buf *m, const char *id)
{
	if (w->v3)
		tk_buf_puts(m, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			    "<manifest xmlns=\"http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1\"\n"
			    "    xmlns:imsmd=\"http://ltsc.ieee.org/xsd/LOM\"\n"
			    "    xmlns:imsqti=\"http://www.imsglobal.org/xsd/imsqti_metadata_v3p0\"\n"
			    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
			    "    xsi:schemaLocation=\"http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
			    " https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd"
			    " http://ltsc.ieee.org/xsd/LOM"
			    " https://purl.imsglobal.org/spec/md/v1p3/schema/xsd/imsmd_loose_v1p3p2.xsd"
			    " http://www.imsglobal.org/xsd/imsqti_metadata_v3p0"
			    " https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_metadatav3p0_v1p0.xsd\"\n"
			    "    identifier=\"MANIFEST-");
	else
		tk_buf_puts(m, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			    "<manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n"
			    "    xmlns:imsmd=\"http://www.imsglobal.org/xsd/imsmd_v1p2\"\n"
			    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
			    "    xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd"
			    " http://www.imsglobal.org/xsd/imsmd_v1p2 imsmd_v1p2p4.xsd\"\n"
			    "    identifier=\"MANIFEST-");
	ident(m, id);
	tk_buf_printf(m, "\">\n  <metadata>\n    <schema>%s</schema>\n"
		      "    <schemaversion>%s</schemaversion>\n  </metadata>\n"
		      "  <organizations/>\n  <resources>\n",
		      w->v3 ? "QTI Package" : "QTIv2.1 Package", w->v3 ? "3.0.0" : "1.0.0");
}

/* The file name of item it: items/ID.xml. */
static void item_name(struct tk_buf *name, const struct tk_item *it)
{
	tk_buf_reset(name);
	tk_buf_puts(name, "items/");
	ident(name, it->id);
	tk_buf_puts(name, ".xml");
}

/* Item it into the zip and its resource into the manifest m, once. */
static int one_item(struct qw *w, const struct tk_item *it, struct tk_buf *m,
		    struct tk_buf *name)
{
	struct tk_itemfmt_blanks bl = {0};
	struct tk_buf x = TK_BUF_INIT;
	int rc, k;

	item_name(name, it);
	if ((rc = stored(&w->stored, tk_buf_str(name))) != 0)
		return rc < 0 ? tk_error_set(w->err, TK_EINTERNAL, NULL, 0, "out of memory") : TK_OK;
	w->it = it;
	if (it->type == TK_FILL && !tk_itemfmt_blanks(it, &bl))
		return tk_error_set(w->err, TK_EINTERNAL, NULL, 0, "out of memory");
	w->nblanks = bl.n;
	media_free(w);
	rc = item_xml(w, &x, &bl);
	tk_itemfmt_blanks_free(&bl);
	if (rc != TK_OK) {
		tk_buf_free(&x);
		return rc;
	}
	if ((rc = add_file(w, tk_buf_str(name), &x)) != TK_OK)
		return rc;
	tk_buf_puts(m, "    <resource identifier=\"");
	ident(m, it->id);
	tk_buf_printf(m, "\" type=\"%s\" href=\"", w->v3 ? "imsqti_item_xmlv3p0" :
		      "imsqti_item_xmlv2p1");
	esc(m, tk_buf_str(name));
	tk_buf_puts(m, "\">\n");
	lom(w, m);
	tk_buf_puts(m, "      <file href=\"");
	esc(m, tk_buf_str(name));
	tk_buf_puts(m, "\"/>\n");
	for (k = 0; k < w->nmedia; k++) {
		int j;
		for (j = 0; j < k && strcmp(w->media[j], w->media[k]); j++)
			;
		if (j == k)
			tk_buf_printf(m, "      <file href=\"%s\"/>\n", w->media[k]);
	}
	tk_buf_puts(m, "    </resource>\n");
	return TK_OK;
}

static void qw_init(struct qw *w, int version, const struct tk_itemfmt_opts *o,
		    struct tk_error *err)
{
	memset(w, 0, sizeof *w);
	w->v3 = version == TK_QTI30;
	w->o = o;
	w->err = err;
}

static void qw_release(struct qw *w)
{
	tk_pack_stream_free(w->zip);
	nameset_free(&w->stored);
	media_free(w);
	tk_buf_free(&w->url);
	names_free(&w->qti);
	names_free(&w->lom);
}

/* The manifest m, complete, as the last file; then the zip's end. */
static int finish(struct qw *w, struct tk_buf *m)
{
	int rc;

	tk_buf_puts(m, "  </resources>\n</manifest>\n");
	if ((rc = add_file(w, "imsmanifest.xml", m)) != TK_OK)
		return rc;
	return tk_pack_stream_finish(w->zip, w->err);
}

struct walk {
	struct qw *w;
	struct tk_buf *m, *name;
};

static int walk_item(void *ud, const struct tk_item *it)
{
	struct walk *k = ud;

	return one_item(k->w, it, k->m, k->name);
}

int tk_qti_package(struct tk_item *const *items, size_t n, int version,
		   const struct tk_itemfmt_opts *o, struct tk_buf *out, struct tk_error *err)
{
	struct qw w;
	struct tk_buf m = TK_BUF_INIT, name = TK_BUF_INIT;
	struct walk k = {&w, &m, &name};
	int rc;

	qw_init(&w, version, o, err);
	/* the items as they are made, the manifest last, when it is whole */
	if ((rc = tk_pack_stream_new(TK_PACK_ZIP, n > FAST_ITEMS, out, &w.zip, err)) == TK_OK) {
		manifest_head(&w, &m, o->standard->id);
		rc = tk_itemfmt_each(o, items, n, NULL, walk_item, &k, err);
	}
	if (rc == TK_OK)
		rc = finish(&w, &m);
	qw_release(&w);
	tk_buf_free(&m);
	tk_buf_free(&name);
	return rc;
}

/* ---- a paper ------------------------------------------------------------ */

static int test_xml(struct qw *w, const struct tk_paper *p, struct tk_item **items,
		    struct tk_buf *t)
{
	struct tk_buf title = TK_BUF_INIT, name = TK_BUF_INIT;
	char pts[16];
	int i, j, k, total = 0, n = 0;

	for (i = 0; i < p->nsections; i++)
		for (j = 0; j < p->sections[i].nitems; j++)
			total += items[n++]->points;
	root(w, t, "<assessmentTest", p->id, p->title && *p->title ? p->title : p->id);
	qput(w, t, ">\n");
	outcome(w, t, "SCORE", "float", "0");
	outcome(w, t, "MAXSCORE", "float", tk_points_format(total, pts));
	if (p->duration > 0)
		qput(w, t, "  <timeLimits maxTime=\"%d\"/>\n", 60 * p->duration);
	qput(w, t, "  <testPart identifier=\"P1\" navigationMode=\"nonlinear\" "
	     "submissionMode=\"simultaneous\">\n");
	for (i = n = k = 0; i < p->nsections; i++) {
		const struct tk_paper_section *s = &p->sections[i];
		if (s->nitems == 0)
			continue;       /* as printed, a section left empty is none */
		tk_buf_reset(&title);
		tk_paper_section_title(s, ++k, &title);
		qput(w, t, "    <assessmentSection identifier=\"S%d\" title=\"", k);
		esc(t, tk_buf_str(&title));
		qput(w, t, "\" visible=\"true\">\n");
		if (s->instructions && *s->instructions) {
			qput(w, t, "      <rubricBlock%s view=\"candidate\">",
			     w->v3 ? " use=\"instructions\"" : "");
			body(w, t, 1);
			tk_buf_puts(t, "<p>");
			esc(t, s->instructions);
			tk_buf_puts(t, "</p>");
			body(w, t, 0);
			qput(w, t, "</rubricBlock>\n");
		}
		for (j = 0; j < s->nitems; j++, n++) {
			const struct tk_item *it = items[n];
			qput(w, t, "      <assessmentItemRef identifier=\"");
			ident(t, it->id);
			item_name(&name, it);
			qput(w, t, "\" href=\"");
			esc(t, tk_buf_str(&name));
			qput(w, t, "\"/>\n");
		}
		qput(w, t, "    </assessmentSection>\n");
	}
	qput(w, t, "  </testPart>\n  <outcomeProcessing>\n"
	     "    <setOutcomeValue identifier=\"SCORE\"><sum><testVariables "
	     "variableIdentifier=\"SCORE\"/></sum></setOutcomeValue>\n"
	     "  </outcomeProcessing>\n</assessmentTest>\n");
	tk_buf_free(&title);
	tk_buf_free(&name);
	return TK_OK;
}

int tk_qti_paper(const struct tk_paper *p, int version, const struct tk_itemfmt_opts *o,
		 struct tk_buf *out, struct tk_error *err)
{
	struct qw w;
	struct tk_buf m = TK_BUF_INIT, name = TK_BUF_INIT, t = TK_BUF_INIT;
	struct tk_item *copies = NULL, **items = NULL;
	int i, j, n = tk_paper_count(p), rc;

	qw_init(&w, version, o, err);
	/* each item worth what the paper gives it: copies that share its fields */
	if ((copies = calloc((size_t)(n ? n : 1), sizeof *copies)) == NULL ||
	    (items = calloc((size_t)(n ? n : 1), sizeof *items)) == NULL) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	for (i = n = 0; i < p->nsections; i++)
		for (j = 0; j < p->sections[i].nitems; j++, n++) {
			copies[n] = *p->sections[i].items[j];
			if (p->sections[i].points)
				copies[n].points = p->sections[i].points;
			items[n] = &copies[n];
		}
	if ((rc = tk_pack_stream_new(TK_PACK_ZIP, n > FAST_ITEMS, out, &w.zip, err)) != TK_OK)
		goto out;
	manifest_head(&w, &m, p->id);
	/* the test first, depending on its items */
	tk_buf_reset(&name);
	ident(&name, p->id);
	tk_buf_puts(&name, ".xml");
	test_xml(&w, p, items, &t);
	if ((rc = add_file(&w, tk_buf_str(&name), &t)) != TK_OK)
		goto out;
	tk_buf_puts(&m, "    <resource identifier=\"TEST-");
	ident(&m, p->id);
	tk_buf_printf(&m, "\" type=\"%s\" href=\"", w.v3 ? "imsqti_test_xmlv3p0" :
		      "imsqti_test_xmlv2p1");
	esc(&m, tk_buf_str(&name));
	tk_buf_puts(&m, "\">\n      <file href=\"");
	esc(&m, tk_buf_str(&name));
	tk_buf_puts(&m, "\"/>\n");
	for (i = 0; i < n; i++) {
		for (j = 0; j < i && strcmp(items[j]->id, items[i]->id); j++)
			;
		if (j < i)
			continue;
		tk_buf_puts(&m, "      <dependency identifierref=\"");
		ident(&m, items[i]->id);
		tk_buf_puts(&m, "\"/>\n");
	}
	tk_buf_puts(&m, "    </resource>\n");
	for (i = 0; i < n && rc == TK_OK; i++)
		rc = one_item(&w, items[i], &m, &name);
	if (rc == TK_OK)
		rc = finish(&w, &m);
out:
	qw_release(&w);
	tk_buf_free(&m);
	tk_buf_free(&name);
	tk_buf_free(&t);
	free(items);
	free(copies);
	return rc;
}
