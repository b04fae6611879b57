/* qti.c -- items as an IMS QTI 2.1 content package. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "html.h"
#include "i18n.h"
#include "pack.h"
#include "qti.h"

#define QTI_NS "http://www.imsglobal.org/xsd/imsqti_v2p1"
#define QTI_XSD "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"

struct qw {
	const struct tk_itemfmt_opts *o;
	struct tk_error *err;
	const struct tk_item *it;
	struct tk_unpack_file *files;     /* the package so far */
	int nfiles, cap;
	char **media;                   /* this item's media files (names in files) */
	int nmedia;
	struct tk_buf url;
	int gaps;                       /* fill: gaps written so far */
	int nblanks;
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

static int add_file(struct qw *w, const char *name, const void *data, size_t len)
{
	struct tk_unpack_file *f;

	if (w->nfiles == w->cap) {
		int cap = w->cap ? 2 * w->cap : 64;
		if ((f = realloc(w->files, (size_t)cap * sizeof *f)) == NULL)
			return tk_error_set(w->err, TK_EINTERNAL, NULL, 0, "out of memory");
		w->files = f;
		w->cap = cap;
	}
	f = &w->files[w->nfiles];
	f->name = tk_strdup(name);
	f->data = malloc(len ? len : 1);
	f->len = len;
	if (f->name == NULL || f->data == NULL) {
		free(f->name);
		free(f->data);
		return tk_error_set(w->err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	memcpy(f->data, data, len);
	w->nfiles++;
	return TK_OK;
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
	w->url.len = 0;
	tk_buf_printf(&w->url, "media/%.20s%s", hex, ext);
	/* media are named by content: a name met before holds the same bytes */
	for (rc = 0; rc < w->nfiles && strcmp(w->files[rc].name, tk_buf_str(&w->url)); rc++)
		;
	rc = rc < w->nfiles ? TK_OK : add_file(w, tk_buf_str(&w->url), data.s, data.len);
	free(name);
	tk_buf_free(&data);
	if (rc != TK_OK)
		return NULL;
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

static void text_entry(void *ud, struct tk_buf *out)
{
	struct qw *w = ud;

	if (w->gaps < w->nblanks)
		tk_buf_printf(out, "<textEntryInteraction responseIdentifier=\"RESPONSE%d\" "
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

static void points(struct tk_buf *b, int tenths)
{
	char s[16];

	tk_buf_puts(b, tk_points_format(tenths, s));
}

static void outcome(struct tk_buf *b, const char *id, const char *type, const char *value)
{
	tk_buf_printf(b, "  <outcomeDeclaration identifier=\"%s\" cardinality=\"single\" "
		      "baseType=\"%s\">", id, type);
	if (value)
		tk_buf_printf(b, "<defaultValue><value>%s</value></defaultValue>", value);
	tk_buf_puts(b, "</outcomeDeclaration>\n");
}

static void set_score(struct tk_buf *b, const char *indent, int tenths)
{
	tk_buf_printf(b, "%s<setOutcomeValue identifier=\"SCORE\"><baseValue baseType=\"float\">",
		      indent);
	points(b, tenths);
	tk_buf_puts(b, "</baseValue></setOutcomeValue>\n");
}

static int item_xml(struct qw *w, struct tk_buf *b, const struct tk_itemfmt_blanks *bl)
{
	const struct tk_item *it = w->it;
	struct tk_buf tmp = TK_BUF_INIT;
	int i, k, rc = TK_OK, open = it->type >= TK_SHORT;
	char pts[16];

	tk_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<assessmentItem xmlns=\"" QTI_NS "\"\n"
		    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
		    "    xsi:schemaLocation=\"" QTI_NS " " QTI_XSD "\"\n    identifier=\"");
	ident(b, it->id);
	tk_buf_puts(b, "\" title=\"");
	esc(b, it->id);
	tk_buf_puts(b, "\" adaptive=\"false\" timeDependent=\"false\" xml:lang=\"zh-CN\">\n");
	/* responses */
	switch (it->type) {
	case TK_SINGLE:
	case TK_MULTIPLE:
	case TK_TRUEFALSE:
		tk_buf_printf(b, "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"%s\" "
			      "baseType=\"identifier\">\n    <correctResponse>",
			      it->type == TK_MULTIPLE ? "multiple" : "single");
		if (it->type == TK_TRUEFALSE)
			tk_buf_printf(b, "<value>%s</value>",
				      it->answer && !strcmp(it->answer, "true") ? "T" : "F");
		else
			for (i = 0; i < it->noptions; i++)
				if (it->answer && strchr(it->answer, it->options[i].key))
					tk_buf_printf(b, "<value>%c</value>", it->options[i].key);
		tk_buf_puts(b, "</correctResponse>\n  </responseDeclaration>\n");
		break;
	case TK_FILL:
		for (i = 0; i < bl->n; i++) {
			tk_buf_printf(b, "  <responseDeclaration identifier=\"RESPONSE%d\" "
				      "cardinality=\"single\" baseType=\"string\">\n"
				      "    <correctResponse><value>", i + 1);
			esc(b, bl->nalt[i] ? bl->alt[i][0] : "");
			tk_buf_puts(b, "</value></correctResponse>\n    <mapping defaultValue=\"0\">");
			for (k = 0; k < bl->nalt[i]; k++) {
				int j;
				for (j = 0; j < k && strcmp(bl->alt[i][j], bl->alt[i][k]); j++)
					;
				if (j < k)
					continue;       /* a key is mapped once */
				tk_buf_puts(b, "<mapEntry mapKey=\"");
				esc(b, bl->alt[i][k]);
				tk_buf_puts(b, "\" mappedValue=\"1\" caseSensitive=\"false\"/>");
			}
			tk_buf_puts(b, "</mapping>\n  </responseDeclaration>\n");
		}
		break;
	default:
		tk_buf_puts(b, "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" "
			    "baseType=\"string\"/>\n");
	}
	outcome(b, "SCORE", "float", "0");
	outcome(b, "MAXSCORE", "float", tk_points_format(it->points, pts));
	if (it->explanation && *it->explanation)
		outcome(b, "FEEDBACK", "identifier", NULL);
	/* the body */
	tk_buf_puts(b, "  <itemBody>\n    <div>");
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
		tk_buf_printf(b, "    <choiceInteraction responseIdentifier=\"RESPONSE\" shuffle=\"false\" "
			      "maxChoices=\"%d\">\n", it->type == TK_MULTIPLE ? 0 : 1);
		if (it->type == TK_TRUEFALSE)
			tk_buf_puts(b, "      <simpleChoice identifier=\"T\">正确</simpleChoice>\n"
				    "      <simpleChoice identifier=\"F\">错误</simpleChoice>\n");
		for (i = 0; it->type != TK_TRUEFALSE && i < it->noptions; i++) {
			tk_buf_printf(b, "      <simpleChoice identifier=\"%c\">", it->options[i].key);
			if ((rc = xhtml(w, b, it->options[i].text, 0)) != TK_OK)
				goto out;
			tk_buf_puts(b, "</simpleChoice>\n");
		}
		tk_buf_puts(b, "    </choiceInteraction>\n");
	} else if (open) {
		tk_buf_puts(b, "    <extendedTextInteraction responseIdentifier=\"RESPONSE\" "
			    "expectedLines=\"15\"/>\n");
		/* for scorers: the reference answer and the rubric */
		tk_buf_puts(b, "    <rubricBlock view=\"scorer\">\n");
		if (it->answer && *it->answer) {
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
		if (!(it->answer && *it->answer) && !it->nrubric)
			tk_buf_puts(b, "      <p>（无评分参考）</p>\n");
		tk_buf_puts(b, "    </rubricBlock>\n");
	}
	tk_buf_puts(b, "  </itemBody>\n  <responseProcessing>\n");
	/* what can be scored is: the points when the response is right */
	if (!open) {
		tk_buf_puts(b, "    <responseCondition>\n      <responseIf>\n");
		if (it->type == TK_FILL) {
			tk_buf_puts(b, "        <and>\n");
			for (i = 0; i < bl->n; i++)
				tk_buf_printf(b, "          <gte><mapResponse identifier=\"RESPONSE%d\"/>"
					      "<baseValue baseType=\"float\">1</baseValue></gte>\n", i + 1);
			tk_buf_puts(b, "        </and>\n");
		} else {
			tk_buf_puts(b, "        <match><variable identifier=\"RESPONSE\"/>"
				    "<correct identifier=\"RESPONSE\"/></match>\n");
		}
		set_score(b, "        ", it->points);
		tk_buf_puts(b, "      </responseIf>\n      <responseElse>\n");
		set_score(b, "        ", 0);
		tk_buf_puts(b, "      </responseElse>\n    </responseCondition>\n");
	}
	if (it->explanation && *it->explanation)
		tk_buf_puts(b, "    <setOutcomeValue identifier=\"FEEDBACK\">"
			    "<baseValue baseType=\"identifier\">EXPLAIN</baseValue></setOutcomeValue>\n");
	tk_buf_puts(b, "  </responseProcessing>\n");
	if (it->explanation && *it->explanation) {
		tk_buf_puts(b, "  <modalFeedback outcomeIdentifier=\"FEEDBACK\" identifier=\"EXPLAIN\" "
			    "showHide=\"show\" title=\"解析\"><div>");
		if ((rc = xhtml(w, b, it->explanation, 0)) != TK_OK)
			goto out;
		tk_buf_puts(b, "</div></modalFeedback>\n");
	}
	tk_buf_puts(b, "</assessmentItem>\n");
out:
	tk_buf_free(&tmp);
	return rc;
}

/* ---- the manifest ------------------------------------------------------ */

static void langstring(struct tk_buf *m, const char *lang, const char *s)
{
	tk_buf_printf(m, "<imsmd:langstring xml:lang=\"%s\">", lang);
	esc(m, s);
	tk_buf_puts(m, "</imsmd:langstring>");
}

static void vocab(struct tk_buf *m, const char *element, const char *value)
{
	tk_buf_printf(m, "<imsmd:%s><imsmd:source>", element);
	langstring(m, "x-none", "LOMv1.0");
	tk_buf_puts(m, "</imsmd:source><imsmd:value>");
	langstring(m, "x-none", value);
	tk_buf_printf(m, "</imsmd:value></imsmd:%s>", element);
}

static void lom(struct qw *w, struct tk_buf *m)
{
	static const char *const difficulty[] = {
		"very easy", "easy", "medium", "difficult", "very difficult"
	};
	const struct tk_item *it = w->it;
	const struct tk_standard *s = w->o->standard;
	int level = tk_standard_level(s, it->level), i;

	tk_buf_puts(m, "      <metadata>\n        <imsmd:lom>\n          <imsmd:general><imsmd:title>");
	langstring(m, "zh-CN", it->id);
	tk_buf_puts(m, "</imsmd:title><imsmd:language>zh-CN</imsmd:language>");
	for (i = 0; i < it->nkeywords; i++) {
		tk_buf_puts(m, "<imsmd:keyword>");
		langstring(m, "zh-CN", it->keywords[i]);
		tk_buf_puts(m, "</imsmd:keyword>");
	}
	tk_buf_puts(m, "</imsmd:general>\n          <imsmd:educational>");
	/* an open item's type, which the extended text does not say, in a
	   vocabulary of tiku's own (LOM allows any source) */
	if (it->type >= TK_SHORT) {
		tk_buf_puts(m, "<imsmd:learningresourcetype><imsmd:source>");
		langstring(m, "x-none", "tiku");
		tk_buf_puts(m, "</imsmd:source><imsmd:value>");
		langstring(m, "x-none", tk_type_name(it->type));
		tk_buf_puts(m, "</imsmd:value></imsmd:learningresourcetype>");
	}
	vocab(m, "difficulty", difficulty[it->difficulty >= 1 && it->difficulty <= 5 ?
					  it->difficulty - 1 : 2]);
	if (it->time > 0)
		tk_buf_printf(m, "<imsmd:typicallearningtime><imsmd:datetime>PT%dS"
			      "</imsmd:datetime></imsmd:typicallearningtime>", it->time);
	tk_buf_puts(m, "</imsmd:educational>\n");
	/* where the item stands in the standard: level, the requirements of
	   the item's kind (skill lines or knowledge lines, which share their
	   codes), then each code */
	for (i = 0; i < it->ncodes; i++) {
		const struct tk_req *r = level >= 0 ?
					 tk_standard_find(s, level, it->kind, it->codes[i]) : NULL;
		tk_buf_puts(m, "          <imsmd:classification>");
		vocab(m, "purpose", "educational objective");
		tk_buf_puts(m, "<imsmd:taxonpath><imsmd:source>");
		langstring(m, "zh-CN", s->title ? s->title : s->id);
		tk_buf_puts(m, "</imsmd:source><imsmd:taxon><imsmd:id>");
		esc(m, level >= 0 ? s->levels[level].id : it->level);
		tk_buf_puts(m, "</imsmd:id><imsmd:entry>");
		langstring(m, "zh-CN", level >= 0 ? s->levels[level].name : it->level);
		tk_buf_printf(m, "</imsmd:entry></imsmd:taxon><imsmd:taxon><imsmd:id>%s</imsmd:id>"
			      "<imsmd:entry>", tk_kind_name(it->kind));
		langstring(m, "zh-CN", it->kind == TK_SKILL ? "技能要求" : "相关知识要求");
		tk_buf_puts(m, "</imsmd:entry></imsmd:taxon><imsmd:taxon><imsmd:id>");
		esc(m, it->codes[i]);
		tk_buf_puts(m, "</imsmd:id><imsmd:entry>");
		langstring(m, "zh-CN", r && r->text ? r->text : it->codes[i]);
		tk_buf_puts(m, "</imsmd:entry></imsmd:taxon></imsmd:taxonpath>"
			    "</imsmd:classification>\n");
	}
	tk_buf_puts(m, "        </imsmd:lom>\n      </metadata>\n");
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

int tk_qti_package(struct tk_item *const *items, size_t n, const struct tk_itemfmt_opts *o,
		   struct tk_buf *out, struct tk_error *err)
{
	struct qw w;
	struct tk_buf m = TK_BUF_INIT, x = TK_BUF_INIT, name = TK_BUF_INIT;
	struct tk_itemfmt_entry *e;
	size_t i;
	int k, rc = TK_OK;

	memset(&w, 0, sizeof w);
	w.o = o;
	w.err = err;
	/* in the order Moodle files them: standard, level, function */
	if ((e = tk_itemfmt_sort(o->standard, items, n)) == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	tk_buf_puts(&m, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n"
		    "    xmlns:imsmd=\"http://www.imsglobal.org/xsd/imsmd_v1p2\"\n"
		    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
		    "    xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd"
		    " http://www.imsglobal.org/xsd/imsmd_v1p2 imsmd_v1p2p4.xsd\"\n"
		    "    identifier=\"MANIFEST-");
	ident(&m, o->standard->id);
	tk_buf_puts(&m, "\">\n  <metadata>\n    <schema>QTIv2.1 Package</schema>\n"
		    "    <schemaversion>1.0.0</schemaversion>\n  </metadata>\n"
		    "  <organizations/>\n  <resources>\n");
	for (i = 0; i < n && rc == TK_OK; i++) {
		struct tk_itemfmt_blanks bl = {0};
		w.it = items[e[i].index];
		if (w.it->type == TK_FILL && !tk_itemfmt_blanks(w.it, &bl)) {
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			break;
		}
		w.nblanks = bl.n;
		x.len = name.len = 0;
		media_free(&w);
		rc = item_xml(&w, &x, &bl);
		tk_itemfmt_blanks_free(&bl);
		if (rc != TK_OK)
			break;
		tk_buf_puts(&name, "items/");
		ident(&name, w.it->id);
		tk_buf_puts(&name, ".xml");
		if ((rc = add_file(&w, tk_buf_str(&name), x.s, x.len)) != TK_OK)
			break;
		tk_buf_puts(&m, "    <resource identifier=\"");
		ident(&m, w.it->id);
		tk_buf_puts(&m, "\" type=\"imsqti_item_xmlv2p1\" href=\"");
		esc(&m, tk_buf_str(&name));
		tk_buf_puts(&m, "\">\n");
		lom(&w, &m);
		tk_buf_puts(&m, "      <file href=\"");
		esc(&m, tk_buf_str(&name));
		tk_buf_puts(&m, "\"/>\n");
		for (k = 0; k < w.nmedia; k++) {
			int j;
			for (j = 0; j < k && strcmp(w.media[j], w.media[k]); j++)
				;
			if (j == k)
				tk_buf_printf(&m, "      <file href=\"%s\"/>\n", w.media[k]);
		}
		tk_buf_puts(&m, "    </resource>\n");
	}
	tk_buf_puts(&m, "  </resources>\n</manifest>\n");
	if (rc == TK_OK && (m.oom || x.oom || name.oom))
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	if (rc == TK_OK)
		rc = add_file(&w, "imsmanifest.xml", m.s, m.len);
	if (rc == TK_OK)
		rc = tk_pack_archive(w.files, w.nfiles, TK_PACK_ZIP, out, err);
	for (k = 0; k < w.nfiles; k++) {
		free(w.files[k].name);
		free(w.files[k].data);
	}
	free(w.files);
	media_free(&w);
	tk_itemfmt_sort_free(e, n);
	tk_buf_free(&w.url);
	tk_buf_free(&m);
	tk_buf_free(&x);
	tk_buf_free(&name);
	return rc;
}
