/* moodlexml.c -- Moodle XML questions as items. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "htmlin.h"
#include "i18n.h"
#include "moodlexml.h"
#include "row.h"
#include "xml.h"

struct mq {
	const char *name;               /* the file, for messages */
	const struct tk_import_defaults *def;
	xmlNodePtr q;
	char *title;                    /* the question's name */
	int line;
	struct tk_buf why;              /* what is wrong with it */
	struct tk_buf lost;             /* what was dropped from its text */
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

/* Something the item cannot keep, said once per question. */
static void lost(struct mq *m, const char *what)
{
	if (strstr(tk_buf_str(&m->lost), what))
		return;
	if (m->lost.len)
		tk_buf_puts(&m->lost, "; ");
	tk_buf_puts(&m->lost, what);
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

	tk_htmlin_fragment(html, &o, out, &m->lost);
}

static int is_code(const char *s)
{
	const char *p = s + (*s == 'B');

	if (*p < '0' || *p > '9')
		return 0;
	for (; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9')))
			return 0;
	return 1;
}

static int is_ident(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return 0;
	for (s++; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' || *s == '-'))
			return 0;
	return strlen(s) < 200;
}

static void esc(struct tk_buf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': tk_buf_puts(b, "&lt;"); break;
		case '>': tk_buf_puts(b, "&gt;"); break;
		case '&': tk_buf_puts(b, "&amp;"); break;
		case '"': tk_buf_puts(b, "&quot;"); break;
		default: tk_buf_putc(b, *s);
		}
}

/* A level of the standard named by a part of the category path. */
static const char *category_level(const struct tk_standard *s, const char *path)
{
	const char *p = path, *e;
	char part[256];
	int l;

	while (s && *p) {
		for (e = p; *e && !(*e == '/' && e[1] != '/'); e += (*e == '/' ? 2 : 1))
			;
		if ((size_t)(e - p) < sizeof part) {
			memcpy(part, p, (size_t)(e - p));
			part[e - p] = '\0';
			if ((l = tk_standard_level(s, part)) >= 0)
				return s->levels[l].id;
		}
		p = *e ? e + 1 : e;
	}
	return NULL;
}

/* Tenths of a point from "10.0000000" (-1 when not a number we take). */
static int tenths(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	while (*end == ' ')
		end++;
	if (end == s || *end || !(v >= 0) || v > 9999)
		return -1;
	return (int)lround(v * 10);
}

/* The HTML entities our own and Moodle's exports use, decoded. */
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

/*
 * A cloze text's short-answer blanks ({1:SHORTANSWER:=a~%100%b#fb})
 * replaced by gaps, their right answers into answer as <blank>s.
 */
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
			tk_import_problem(&m->why, _("a cloze blank of type %.*s has no tiku form"),
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
		esc(answer, tk_buf_str(&alt));
		tk_buf_puts(answer, "</blank>");
		if (n == 0)
			tk_import_problem(&m->why, "%s", _("a cloze blank has no right answer"));
		(*nblanks)++;
		tk_buf_free(&alt);
		tk_buf_free(&one);
		p = *c ? c + 1 : c;
	}
	tk_buf_puts(out, p);
}

/*
 * The grader information of an essay: tiku's own export holds the
 * reference answer after 参考答案 and the rubric as a list after 评分要点,
 * each line "text（N分）"; anything else is the reference answer whole.
 */
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
				if ((t = tenths(pts)) >= 0) {
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

/* <tag>content</tag> on a line of the item, when there is content (or always). */
static void element(struct tk_buf *x, const char *tag, const struct tk_buf *content, int always)
{
	if (content->len == 0 && !always)
		return;
	tk_buf_printf(x, "    <%s>", tag);
	tk_buf_add(x, content->s ? content->s : "", content->len);
	tk_buf_printf(x, "</%s>\n", tag);
}

/* One question as an item element (TK_OK), or a problem in m->why. */
static void question(struct mq *m, const char *type, const char *category, struct tk_buf *x)
{
	const struct tk_import_defaults *def = m->def;
	xmlNodePtr q = m->q, n, tags;
	struct tk_buf stem = TK_BUF_INIT, answer = TK_BUF_INIT, options = TK_BUF_INIT,
		      rubric = TK_BUF_INIT, expl = TK_BUF_INIT, codes = TK_BUF_INIT;
	char *html = text_of(q, "questiontext"), *s = NULL, *id = NULL;
	const char *level = NULL, *kind = def->kind, *ttype = NULL;
	int difficulty = 3, time = 0, points, ncodes = 0, nblanks = 0;
	long v;
	char key = 'A';

	/* tags: codes, tiku's own fields, the rest keywords */
	if ((tags = tk_xml_child(q, "tags")) != NULL)
		for (n = tk_xml_child(tags, "tag"); n; n = tk_xml_next(n, "tag")) {
			char *t = text_of(n, NULL);
			if (t == NULL)
				continue;
			if (!strncmp(t, "tiku-difficulty-", 16) && t[16] >= '1' && t[16] <= '5' && !t[17])
				difficulty = t[16] - '0';
			else if (!strncmp(t, "tiku-time-", 10) && tk_parse_int(t + 10, 1, 86400, &v))
				time = (int)v;
			else if (!strcmp(t, "tiku-kind-theory"))
				kind = "theory";
			else if (!strcmp(t, "tiku-kind-skill"))
				kind = "skill";
			else if (!strncmp(t, "tiku-type-", 10))
				ttype = tk_type_parse(t + 10) >= TK_SHORT ? tk_type_name(tk_type_parse(t + 10)) : NULL;
			else if (is_code(t)) {
				tk_buf_puts(&codes, "<code>");
				esc(&codes, t);
				tk_buf_puts(&codes, "</code>");
				ncodes++;
			} else if (*t && strncmp(t, "tiku-", 5)) {
				tk_buf_puts(&codes, "<keyword>");
				esc(&codes, t);
				tk_buf_puts(&codes, "</keyword>");
			}
			free(t);
		}
	level = category_level(def->std, category);
	if (level == NULL && def->level)
		level = def->std && tk_standard_level(def->std, def->level) >= 0 ?
			def->std->levels[tk_standard_level(def->std, def->level)].id : def->level;
	if (level == NULL)
		tk_import_problem(&m->why, "%s", _("no level: file it under a category named after "
					       "a level of the standard, or give --level"));
	if (ncodes == 0)
		tk_import_problem(&m->why, "%s", _("no requirement code: give one as a tag (e.g. 1.1.1)"));
	n = tk_xml_child(q, "defaultgrade");
	s = n ? tk_xml_text(n) : NULL;
	points = s && *s ? tenths(s) : 10;
	free(s);
	if (points <= 0) {
		tk_import_problem(&m->why, "%s", _("defaultgrade is not a number of points"));
		points = 10;
	}

	if (!strcmp(type, "multichoice")) {
		xmlNodePtr so = tk_xml_child(q, "single");
		char *sg = so ? tk_xml_text(so) : NULL;
		type = sg && !strcmp(sg, "false") ? "multiple" : "single";
		free(sg);
		for (n = tk_xml_child(q, "answer"); n; n = tk_xml_next(n, "answer")) {
			char *f = tk_xml_attr(n, "fraction"), *t = text_of(n, NULL);
			if (key > 'Z') {
				tk_import_problem(&m->why, "%s", _("more than 26 answers"));
				free(f);
				free(t);
				break;
			}
			tk_buf_printf(&options, "<option key=\"%c\">", key);
			frag(m, t, 1, &options);
			tk_buf_puts(&options, "</option>");
			if (f && strtod(f, NULL) > 0)
				tk_buf_putc(&answer, key);
			key++;
			free(f);
			free(t);
		}
		if (answer.len == 0)
			tk_import_problem(&m->why, "%s", _("no answer has a positive fraction"));
		frag(m, html, 0, &stem);
	} else if (!strcmp(type, "truefalse")) {
		for (n = tk_xml_child(q, "answer"); n; n = tk_xml_next(n, "answer")) {
			char *f = tk_xml_attr(n, "fraction"), *t = text_of(n, NULL);
			if (f && strtod(f, NULL) >= 100 && (!strcmp(t, "true") || !strcmp(t, "false")))
				tk_buf_puts(&answer, t);
			free(f);
			free(t);
		}
		if (answer.len == 0)
			tk_import_problem(&m->why, "%s", _("neither true nor false is the right answer"));
		frag(m, html, 0, &stem);
	} else if (!strcmp(type, "shortanswer")) {
		int k = 0;
		type = "fill";
		tk_buf_puts(&answer, "<blank>");
		for (n = tk_xml_child(q, "answer"); n; n = tk_xml_next(n, "answer")) {
			char *f = tk_xml_attr(n, "fraction"), *t = text_of(n, NULL);
			double fr = f ? strtod(f, NULL) : 0;
			if (fr >= 100 && *t && !strchr(t, '|')) {
				if (k++)
					tk_buf_putc(&answer, '|');
				esc(&answer, t);
			} else if (fr > 0) {
				lost(m, _("answers of part marks"));
			}
			free(f);
			free(t);
		}
		tk_buf_puts(&answer, "</blank>");
		if (k == 0)
			tk_import_problem(&m->why, "%s", _("no answer of fraction 100"));
		frag(m, html, 0, &stem);
		/* Moodle asks below the text */
		if (tk_fragment_gaps(tk_buf_str(&stem)) == 0)
			tk_buf_puts(&stem, !strncmp(tk_buf_str(&stem), "<p>", 3) ||
				    !strncmp(tk_buf_str(&stem), "<table>", 7) ||
				    !strncmp(tk_buf_str(&stem), "<ol>", 4) ||
				    !strncmp(tk_buf_str(&stem), "<ul>", 4) ? "<p><gap/></p>" : "<gap/>");
	} else if (!strcmp(type, "cloze") || !strcmp(type, "multianswer")) {
		struct tk_buf g = TK_BUF_INIT;
		type = "fill";
		tk_buf_puts(&answer, "");
		cloze(m, html, &g, &answer, &nblanks);
		frag(m, tk_buf_str(&g), 0, &stem);
		tk_buf_free(&g);
		if (nblanks == 0)
			tk_import_problem(&m->why, "%s", _("a cloze question without a blank"));
	} else if (!strcmp(type, "essay")) {
		char *g = text_of(q, "graderinfo");
		type = ttype ? ttype : "short";
		grader(m, g, &answer, &rubric);
		free(g);
		frag(m, html, 0, &stem);
		if (!kind)
			kind = !strcmp(type, "short") ? "theory" : "skill";
	} else {
		tk_import_problem(&m->why, _("a Moodle %s question has no tiku form"), type);
		goto out;
	}
	s = text_of(q, "generalfeedback");
	frag(m, s, 0, &expl);
	free(s);
	if (stem.len == 0)
		tk_import_problem(&m->why, "%s", _("the question text is empty"));
	if (m->why.len)
		goto out;

	/* the id: idnumber, else the name, else made from the content */
	{
		xmlNodePtr idn = tk_xml_child(q, "idnumber");
		char *v = idn ? tk_xml_text(idn) : NULL;
		if (v && is_ident(v))
			id = v;
		else {
			free(v);
			if (m->title && is_ident(m->title))
				id = tk_strdup(m->title);
		}
	}
	if (id == NULL) {
		struct tk_item t;
		memset(&t, 0, sizeof t);
		t.type = tk_type_parse(type);
		t.level = (char *)level;
		t.stem = (char *)tk_buf_str(&stem);
		id = tk_import_make_id("moodle", &t);
	}
	tk_buf_puts(x, "  <item id=\"");
	esc(x, id ? id : "");
	tk_buf_printf(x, "\" type=\"%s\" level=\"", type);
	esc(x, level);
	tk_buf_printf(x, "\" kind=\"%s\" points=\"%d.%d\" difficulty=\"%d\"",
		      kind ? kind : "theory", points / 10, points % 10, difficulty);
	if (time > 0)
		tk_buf_printf(x, " time=\"%d\"", time);
	tk_buf_printf(x, " status=\"%s\">\n    ", def->status ? def->status : "draft");
	tk_buf_add(x, codes.s, codes.len);
	tk_buf_putc(x, '\n');
	element(x, "stem", &stem, 1);
	element(x, "options", &options, 0);
	element(x, "answer", &answer, 0);
	element(x, "rubric", &rubric, 0);
	element(x, "explanation", &expl, 0);
	tk_buf_puts(x, "  </item>\n");
out:
	free(id);
	free(html);
	tk_buf_free(&stem);
	tk_buf_free(&answer);
	tk_buf_free(&options);
	tk_buf_free(&rubric);
	tk_buf_free(&expl);
	tk_buf_free(&codes);
}

int tk_moodlexml_parse(const char *data, size_t len, const char *name,
		       const struct tk_import_defaults *def, struct tk_itemset *set,
		       struct tk_diags *diags, struct tk_error *err)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, q;
	char *category = tk_strdup("");
	const char *sid = def->std ? def->std->id : def->standard;
	int rc, bad = 0;

	if ((rc = tk_xml_parse(data, len, name, &doc, err)) != TK_OK) {
		tk_diags_add(diags, TK_DIAG_ERROR, err->file[0] ? err->file : name, err->line,
			     "%s", err->msg);
		free(category);
		return rc;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !tk_xml_is(root, "quiz")) {
		tk_diags_add(diags, TK_DIAG_ERROR, name, root ? xmlGetLineNo(root) : 1,
			     "not Moodle XML: the root element is not <quiz>");
		xmlFreeDoc(doc);
		free(category);
		return tk_error_set(err, TK_EINPUT, name, 0, "not Moodle XML");
	}
	for (q = tk_xml_child(root, "question"); q; q = tk_xml_next(q, "question")) {
		struct mq m;
		struct tk_buf x = TK_BUF_INIT;
		char *type = tk_xml_attr(q, "type");

		if (type && !strcmp(type, "category")) {
			free(category);
			category = text_of(q, "category");
			free(type);
			continue;
		}
		memset(&m, 0, sizeof m);
		m.name = name;
		m.def = def;
		m.q = q;
		m.line = (int)xmlGetLineNo(q);
		m.title = text_of(q, "name");
		if (type && !strcmp(type, "description")) {
			tk_diags_add(diags, TK_DIAG_WARNING, name, m.line,
				     "question '%s': a description, not a question: left out", m.title);
			free(type);
			free(m.title);
			continue;
		}
		question(&m, type ? type : "", category ? category : "", &x);
		if (m.why.len == 0) {
			struct tk_buf d = TK_BUF_INIT;
			struct tk_diags mine = TK_DIAGS_INIT;
			struct tk_error e = {0};
			size_t k;
			tk_items_xml_begin(&d, sid ? sid : "");
			tk_buf_add(&d, x.s, x.len);
			tk_items_xml_end(&d);
			if (tk_items_parse(d.s, d.len, name, set, &mine, &e) != TK_OK)
				for (k = 0; k < mine.n; k++)
					tk_import_problem(&m.why, "%s", mine.v[k].msg);
			tk_diags_free(&mine);
			tk_buf_free(&d);
		}
		if (m.why.len) {
			tk_diags_add(diags, TK_DIAG_ERROR, name, m.line, "question '%s': %s",
				     m.title, tk_buf_str(&m.why));
			bad++;
		} else if (m.lost.len) {
			tk_diags_add(diags, TK_DIAG_WARNING, name, m.line,
				     "question '%s': not kept: %s", m.title, tk_buf_str(&m.lost));
		}
		if (m.why.len == 0 && set->n)
			set->items[set->n - 1]->line = m.line;
		tk_buf_free(&x);
		tk_buf_free(&m.why);
		tk_buf_free(&m.lost);
		free(m.title);
		free(type);
	}
	xmlFreeDoc(doc);
	free(category);
	if (bad)
		return tk_error_set(err, TK_EINPUT, name, 0, "bad questions");
	return TK_OK;
}
