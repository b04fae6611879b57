/* moodlexml.c -- Moodle XML questions as items. */
#include <stdlib.h>
#include <string.h>

#include "htmlin.h"
#include "i18n.h"
#include "lmsitem.h"
#include "moodlexml.h"
#include "row.h"
#include "xml.h"

struct mq {
	const struct tk_import_defaults *def;
	xmlNodePtr q;
	struct tk_lmsitem it;
};

/* <el><text>..</text></el>: the text, or "" (caller frees). */
static char *text_of(xmlNodePtr n, const char *el)
{
	xmlNodePtr c = el ? tk_xml_child(n, el) : n;
	char *s;

	if (c == NULL || (c = tk_xml_child(c, "text")) == NULL)
		return tk_strdup("");
	s = tk_xml_text(c);
	return s ? s : tk_strdup("");
}

/* An element's own text, or NULL (caller frees). */
static char *own_text(xmlNodePtr q, const char *el)
{
	xmlNodePtr n = tk_xml_child(q, el);

	return n ? tk_xml_text(n) : NULL;
}

static int is_gap(void *ud, const char *name, const char *cls)
{
	(void)ud;
	(void)name;
	return strstr(cls, "gap") != NULL;
}

/* An embedded or linked image is not stored: its text is kept. */
static const char *no_image(void *ud, const char *src)
{
	(void)ud;
	(void)src;
	return NULL;
}

static void frag(struct mq *m, const char *html, int inline_only, struct tk_buf *out)
{
	struct tk_htmlin_opts o = {no_image, is_gap, m, inline_only};

	tk_htmlin_fragment(html, &o, out, &m->it.lost);
}

static void unentity(char *s)
{
	static const struct { const char *e; char c; } ents[] = {
		{"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&amp;", '&'}
	};
	char *w = s;
	size_t k;

	while (*s) {
		for (k = 0; k < sizeof ents / sizeof ents[0]; k++)
			if (!strncmp(s, ents[k].e, strlen(ents[k].e)))
				break;
		if (k < sizeof ents / sizeof ents[0]) {
			*w++ = ents[k].c;
			s += strlen(ents[k].e);
		} else {
			*w++ = *s++;
		}
	}
	*w = '\0';
}
static void cloze(struct mq *m, const char *html, struct tk_buf *out, struct tk_buf *answer,
		  int *nblanks)
{
	const char *p = html, *q;

	*nblanks = 0;
	while ((q = strchr(p, '{')) != NULL) {
		const char *c = q + 1, *kind, *end;
		struct tk_buf alt = TK_BUF_INIT, one = TK_BUF_INIT;
		int n = 0, right = 0, fb = 0, marked = 0;

		while (*c >= '0' && *c <= '9')
			c++;
		if (*c != ':' || (end = strchr(c + 1, ':')) == NULL) {
			tk_buf_add(out, p, (size_t)(q - p) + 1);
			p = q + 1;
			continue;
		}
		kind = c + 1;
		if (strncmp(kind, "SHORTANSWER:", 12) && strncmp(kind, "SA:", 3) &&
		    strncmp(kind, "MW:", 3) && strncmp(kind, "SHORTANSWER_C:", 14) &&
		    strncmp(kind, "SAC:", 4) && strncmp(kind, "MWC:", 4)) {
			tk_import_problem(&m->it.why, _("a cloze blank of type %.*s has no tiku form"),
					  (int)(end - kind), kind);
			tk_buf_add(out, p, (size_t)(q - p) + 1);
			p = q + 1;
			continue;
		}
		tk_buf_add(out, p, (size_t)(q - p));
		tk_buf_puts(out, "<span class=\"gap\"></span>");
		/* alternatives: ~ separated, = or %100% marks a right one, # starts feedback */
		for (c = end + 1; *c && *c != '}'; c++) {
			if (*c == '\\' && c[1]) {
				if (!fb)
					tk_buf_putc(&one, c[1]);
				c++;
				continue;
			}
			if (*c == '~') {
				if (right && one.len) {
					unentity(one.s);
					tk_buf_printf(&alt, "%s%s", n++ ? "|" : "", one.s);
				}
				one.len = 0;
				right = fb = marked = 0;
				continue;
			}
			if (fb)
				continue;
			if (*c == '#') {
				fb = 1;
				continue;
			}
			/* the mark, once: "==SUM(B2:B4)" is the answer "=SUM(B2:B4)" */
			if (one.len == 0 && !marked && *c == '=') {
				right = marked = 1;
				continue;
			}
			if (one.len == 0 && !marked && *c == '%') {
				marked = 1;
				right = !strncmp(c, "%100%", 5);
				c = strchr(c + 1, '%') ? strchr(c + 1, '%') : c;
				continue;
			}
			tk_buf_putc(&one, *c);
		}
		if (right && one.len) {
			unentity(one.s);
			tk_buf_printf(&alt, "%s%s", n++ ? "|" : "", one.s);
		}
		tk_buf_puts(answer, "<blank>");
		tk_lmsitem_escape(answer, tk_buf_str(&alt));
		tk_buf_puts(answer, "</blank>");
		if (n == 0)
			tk_import_problem(&m->it.why, "%s", _("a cloze blank has no right answer"));
		(*nblanks)++;
		tk_buf_free(&alt);
		tk_buf_free(&one);
		p = *c ? c + 1 : c;
	}
	tk_buf_puts(out, p);
}
static void grader(struct mq *m, const char *html, struct tk_buf *answer, struct tk_buf *rubric)
{
	struct tk_buf f = TK_BUF_INIT;
	const char *ref = "<p><b>参考答案</b></p>", *rub = "<p><b>评分要点</b></p><ol>";
	const char *a, *r, *li;

	frag(m, html, 0, &f);
	a = strstr(tk_buf_str(&f), ref);
	r = strstr(tk_buf_str(&f), rub);
	if (a == NULL && r == NULL) {
		tk_buf_add(answer, f.s ? f.s : "", f.len);
		tk_buf_free(&f);
		return;
	}
	if (a) {
		a += strlen(ref);
		tk_buf_add(answer, a, (size_t)((r && r > a ? r : f.s + f.len) - a));
	}
	for (li = r ? strstr(r, "<li>") : NULL; li; li = strstr(li, "<li>")) {
		const char *end = strstr(li, "</li>"), *open;
		li += 4;
		if (end == NULL)
			break;
		/* "text（4分）" */
		for (open = end; open > li && strncmp(open, "（", 3); open--)
			;
		if (open > li && end - open > 9 && !strncmp(end - 6, "分）", 6)) {
			char pts[16];
			size_t n = (size_t)(end - 6 - (open + 3));
			int t;
			if (n < sizeof pts) {
				memcpy(pts, open + 3, n);
				pts[n] = '\0';
				if ((t = tk_lmsitem_tenths(pts)) >= 0) {
					tk_buf_printf(rubric, "<criterion points=\"%d.%d\">", t / 10, t % 10);
					tk_buf_add(rubric, li, (size_t)(open - li));
					tk_buf_puts(rubric, "</criterion>");
					li = end;
					continue;
				}
			}
		}
		tk_buf_puts(rubric, "<criterion points=\"0\">");
		tk_buf_add(rubric, li, (size_t)(end - li));
		tk_buf_puts(rubric, "</criterion>");
		li = end;
	}
	tk_buf_free(&f);
}

/* The question's parts into m->it, or a problem in m->it.why. */
static void question(struct mq *m, const char *type)
{
	struct tk_lmsitem *it = &m->it;
	xmlNodePtr q = m->q, n, tags;
	char *html = text_of(q, "questiontext"), *s;
	int nblanks = 0;
	char key = 'A';

	if ((tags = tk_xml_child(q, "tags")) != NULL)
		for (n = tk_xml_child(tags, "tag"); n; n = tk_xml_next(n, "tag")) {
			char *t = text_of(n, NULL);
			tk_lmsitem_tag(it, t);
			free(t);
		}
	s = own_text(q, "defaultgrade");
	if (s && *s && (it->points = tk_lmsitem_tenths(s)) <= 0) {
		tk_import_problem(&it->why, "%s", _("defaultgrade is not a number of points"));
		it->points = 10;
	}
	free(s);
	if (!strcmp(type, "multichoice")) {
		char *sg = own_text(q, "single");
		it->type = sg && !strcmp(sg, "false") ? "multiple" : "single";
		free(sg);
		for (n = tk_xml_child(q, "answer"); n; n = tk_xml_next(n, "answer")) {
			char *f = tk_xml_attr(n, "fraction"), *t = text_of(n, NULL);
			if (key > 'Z') {
				tk_import_problem(&it->why, "%s", _("more than 26 answers"));
				free(f);
				free(t);
				break;
			}
			tk_buf_printf(&it->options, "<option key=\"%c\">", key);
			frag(m, t, 1, &it->options);
			tk_buf_puts(&it->options, "</option>");
			if (f && strtod(f, NULL) > 0)
				tk_buf_putc(&it->answer, key);
			key++;
			free(f);
			free(t);
		}
		if (it->answer.len == 0)
			tk_import_problem(&it->why, "%s", _("no answer has a positive fraction"));
		frag(m, html, 0, &it->stem);
	} else if (!strcmp(type, "truefalse")) {
		it->type = "truefalse";
		for (n = tk_xml_child(q, "answer"); n; n = tk_xml_next(n, "answer")) {
			char *f = tk_xml_attr(n, "fraction"), *t = text_of(n, NULL);
			if (f && strtod(f, NULL) >= 100 && (!strcmp(t, "true") || !strcmp(t, "false")))
				tk_buf_puts(&it->answer, t);
			free(f);
			free(t);
		}
		if (it->answer.len == 0)
			tk_import_problem(&it->why, "%s", _("neither true nor false is the right answer"));
		frag(m, html, 0, &it->stem);
	} else if (!strcmp(type, "shortanswer")) {
		int k = 0;
		it->type = "fill";
		tk_buf_puts(&it->answer, "<blank>");
		for (n = tk_xml_child(q, "answer"); n; n = tk_xml_next(n, "answer")) {
			char *f = tk_xml_attr(n, "fraction"), *t = text_of(n, NULL);
			double fr = f ? strtod(f, NULL) : 0;
			if (fr >= 100 && *t && !strchr(t, '|')) {
				if (k++)
					tk_buf_putc(&it->answer, '|');
				tk_lmsitem_escape(&it->answer, t);
			} else if (fr > 0) {
				tk_lmsitem_lost(it, _("answers of part marks"));
			}
			free(f);
			free(t);
		}
		tk_buf_puts(&it->answer, "</blank>");
		if (k == 0)
			tk_import_problem(&it->why, "%s", _("no answer of fraction 100"));
		frag(m, html, 0, &it->stem);
		/* Moodle asks below the text */
		if (tk_fragment_gaps(tk_buf_str(&it->stem)) == 0)
			tk_buf_puts(&it->stem, !strncmp(tk_buf_str(&it->stem), "<p>", 3) ||
				    !strncmp(tk_buf_str(&it->stem), "<table>", 7) ||
				    !strncmp(tk_buf_str(&it->stem), "<ol>", 4) ||
				    !strncmp(tk_buf_str(&it->stem), "<ul>", 4) ? "<p><gap/></p>" : "<gap/>");
	} else if (!strcmp(type, "cloze") || !strcmp(type, "multianswer")) {
		struct tk_buf g = TK_BUF_INIT;
		it->type = "fill";
		cloze(m, html, &g, &it->answer, &nblanks);
		frag(m, tk_buf_str(&g), 0, &it->stem);
		tk_buf_free(&g);
		if (nblanks == 0)
			tk_import_problem(&it->why, "%s", _("a cloze question without a blank"));
	} else if (!strcmp(type, "essay")) {
		char *g = text_of(q, "graderinfo");
		it->type = it->open_type ? it->open_type : "short";
		grader(m, g, &it->answer, &it->rubric);
		free(g);
		frag(m, html, 0, &it->stem);
		if (!it->kind)
			it->kind = !strcmp(it->type, "short") ? "theory" : "skill";
	} else {
		tk_import_problem(&it->why, _("a Moodle %s question has no tiku form"), type);
		free(html);
		return;
	}
	s = text_of(q, "generalfeedback");
	frag(m, s, 0, &it->explanation);
	free(s);
	free(html);
}

/* The reading of a file, one question at a time. */
struct mr {
	const struct tk_import_defaults *def;
	const char *name;
	struct tk_diags *diags;
	struct tk_lmsbatch batch;
	char *category;
	int bad, root_ok;
};

static void one(struct mr *r, xmlNodePtr q)
{
	struct mq m;
	char *type = tk_xml_attr(q, "type"), *title, *idnumber;
	int line = (int)xmlGetLineNo(q);

	if (type && !strcmp(type, "category")) {
		free(r->category);
		r->category = text_of(q, "category");
		free(type);
		return;
	}
	title = text_of(q, "name");
	if (type && !strcmp(type, "description")) {
		tk_diags_add(r->diags, TK_DIAG_WARNING, r->name, line,
			     "question '%s': a description, not a question: left out", title);
		free(type);
		free(title);
		return;
	}
	memset(&m, 0, sizeof m);
	m.def = r->def;
	m.q = q;
	tk_lmsitem_init(&m.it, r->def);
	question(&m, type ? type : "");
	idnumber = own_text(q, "idnumber");
	if (m.it.why.len == 0)
		tk_lmsitem_make(&m.it, r->def, r->category ? r->category : "", idnumber, title,
				"moodle", r->name, line, &r->batch);
	r->bad += tk_lmsitem_report(&m.it, r->diags, r->name, line, title);
	tk_lmsitem_free(&m.it);
	free(idnumber);
	free(title);
	free(type);
}

static int node(void *ud, xmlNodePtr n, int root)
{
	struct mr *r = ud;

	if (root) {
		r->root_ok = tk_xml_is(n, "quiz");
		if (!r->root_ok)
			tk_diags_add(r->diags, TK_DIAG_ERROR, r->name, (int)xmlGetLineNo(n),
				     "not Moodle XML: the root element is not <quiz>");
		return !r->root_ok;
	}
	/* questions of the quiz, not elements of that name deeper down */
	if (n->parent && tk_xml_is(n->parent, "quiz") && n->parent->parent &&
	    n->parent->parent->type == XML_DOCUMENT_NODE)
		one(r, n);
	return 0;
}

/* A site's export of a whole course is large: the file is read a question
   at a time, never as one tree. */
int tk_moodlexml_parse(const char *data, size_t len, const char *name,
		       const struct tk_import_defaults *def, struct tk_itemset *set,
		       struct tk_diags *diags, struct tk_error *err)
{
	struct mr r;
	int rc, refused;

	memset(&r, 0, sizeof r);
	r.def = def;
	r.name = name;
	r.diags = diags;
	r.category = tk_strdup("");
	rc = tk_xml_each(data, len, name, "question", node, &r, err);
	if (rc != TK_OK)
		tk_diags_add(diags, TK_DIAG_ERROR, err->file[0] ? err->file : name, err->line,
			     "%s", err->msg);
	free(r.category);
	if (rc != TK_OK || !r.root_ok) {
		/* a file that is not Moodle XML throughout gives no item */
		struct tk_itemset none = {0};
		struct tk_diags scratch = TK_DIAGS_INIT;
		tk_lmsitem_check(&r.batch, def, &none, &scratch);
		tk_itemset_free(&none);
		tk_diags_free(&scratch);
		return rc != TK_OK ? rc : tk_error_set(err, TK_EINPUT, name, 0, "not Moodle XML");
	}
	if ((refused = tk_lmsitem_check(&r.batch, def, set, diags)) < 0)
		return tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
	if (r.bad + refused)
		return tk_error_set(err, TK_EINPUT, name, 0, "bad questions");
	return TK_OK;
}
