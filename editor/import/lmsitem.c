/* lmsitem.c -- a question of an LMS format made into an item. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "item.h"
#include "lmsitem.h"
#include "row.h"

void tk_lmsitem_init(struct tk_lmsitem *q, const struct tk_import_defaults *def)
{
	memset(q, 0, sizeof *q);
	q->points = 10;
	q->difficulty = 3;
	q->kind = def->kind;
}

void tk_lmsitem_free(struct tk_lmsitem *q)
{
	tk_buf_free(&q->stem);
	tk_buf_free(&q->options);
	tk_buf_free(&q->answer);
	tk_buf_free(&q->rubric);
	tk_buf_free(&q->explanation);
	tk_buf_free(&q->marks);
	tk_buf_free(&q->why);
	tk_buf_free(&q->lost);
}

void tk_lmsitem_escape(struct tk_buf *b, const char *s)
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
	const char *p = s;

	if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
		return 0;
	for (p++; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
			return 0;
	return p - s < 200;
}

void tk_lmsitem_tag(struct tk_lmsitem *q, const char *t)
{
	long v;

	if (!strncmp(t, "tiku-difficulty-", 16) && t[16] >= '1' && t[16] <= '5' && !t[17])
		q->difficulty = t[16] - '0';
	else if (!strncmp(t, "tiku-time-", 10) && tk_parse_int(t + 10, 1, 86400, &v))
		q->time = (int)v;
	else if (!strcmp(t, "tiku-kind-theory"))
		q->kind = "theory";
	else if (!strcmp(t, "tiku-kind-skill"))
		q->kind = "skill";
	else if (!strncmp(t, "tiku-type-", 10))
		q->open_type = tk_type_parse(t + 10) >= TK_SHORT ?
			       tk_type_name(tk_type_parse(t + 10)) : NULL;
	else if (is_code(t)) {
		tk_buf_puts(&q->marks, "<code>");
		tk_lmsitem_escape(&q->marks, t);
		tk_buf_puts(&q->marks, "</code>");
		q->ncodes++;
	} else if (*t && strncmp(t, "tiku-", 5)) {
		tk_buf_puts(&q->marks, "<keyword>");
		tk_lmsitem_escape(&q->marks, t);
		tk_buf_puts(&q->marks, "</keyword>");
	}
}

void tk_lmsitem_lost(struct tk_lmsitem *q, const char *what)
{
	if (strstr(tk_buf_str(&q->lost), what))
		return;
	if (q->lost.len)
		tk_buf_puts(&q->lost, "; ");
	tk_buf_puts(&q->lost, what);
}

int tk_lmsitem_tenths(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	while (*end == ' ' || *end == '\n' || *end == '\t' || *end == '\r')
		end++;
	if (end == s || *end || !(v >= 0) || v > 9999)
		return -1;
	return (int)lround(v * 10);
}

/* A level of the standard named by a part of the category path ("a/b",
   a "/" inside a name doubled). */
static const char *category_level(const struct tk_standard *s, const char *path)
{
	const char *p = path, *e;
	char part[256];
	int l;

	while (s && p && *p) {
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

/* <tag>content</tag> on a line of the item, when there is content (or always). */
static void element(struct tk_buf *x, const char *tag, const struct tk_buf *content, int always)
{
	if (content->len == 0 && !always)
		return;
	tk_buf_printf(x, "    <%s>", tag);
	tk_buf_add(x, content->s ? content->s : "", content->len);
	tk_buf_printf(x, "</%s>\n", tag);
}

void tk_lmsitem_make(struct tk_lmsitem *q, const struct tk_import_defaults *def,
		     const char *category, const char *idnumber, const char *title,
		     const char *prefix, const char *name, int line, struct tk_itemset *set)
{
	const char *sid = def->std ? def->std->id : def->standard;
	const char *level = category_level(def->std, category);
	struct tk_buf x = TK_BUF_INIT;
	struct tk_diags mine = TK_DIAGS_INIT;
	struct tk_error e = {0};
	char *id = NULL;
	size_t k, before = set->n;

	if (level == NULL && def->level)
		level = def->std && tk_standard_level(def->std, def->level) >= 0 ?
			def->std->levels[tk_standard_level(def->std, def->level)].id : def->level;
	if (level == NULL)
		tk_import_problem(&q->why, "%s", _("no level: file it under a category named after "
					       "a level of the standard, or give --level"));
	if (q->ncodes == 0 && def->code && *def->code)
		tk_lmsitem_tag(q, def->code);   /* --code: the one for questions with none */
	if (q->stem.len == 0)
		tk_import_problem(&q->why, "%s", _("the question text is empty"));
	if (q->why.len)
		return;
	/* the id: the format's own, else the question's name, else made */
	if (idnumber && is_ident(idnumber))
		id = tk_strdup(idnumber);
	else if (title && is_ident(title))
		id = tk_strdup(title);
	else {
		struct tk_item t;
		memset(&t, 0, sizeof t);
		t.type = tk_type_parse(q->type);
		t.level = (char *)level;
		t.stem = (char *)tk_buf_str(&q->stem);
		id = tk_import_make_id(prefix, &t);
	}
	tk_items_xml_begin(&x, sid ? sid : "");
	tk_buf_puts(&x, "  <item id=\"");
	tk_lmsitem_escape(&x, id ? id : "");
	tk_buf_printf(&x, "\" type=\"%s\" level=\"", q->type);
	tk_lmsitem_escape(&x, level);
	tk_buf_printf(&x, "\" kind=\"%s\" points=\"%d.%d\" difficulty=\"%d\"",
		      q->kind ? q->kind : "theory", q->points / 10, q->points % 10, q->difficulty);
	if (q->time > 0)
		tk_buf_printf(&x, " time=\"%d\"", q->time);
	tk_buf_printf(&x, " status=\"%s\">\n    ", def->status ? def->status : "draft");
	tk_buf_add(&x, q->marks.s ? q->marks.s : "", q->marks.len);
	tk_buf_putc(&x, '\n');
	element(&x, "stem", &q->stem, 1);
	element(&x, "options", &q->options, 0);
	element(&x, "answer", &q->answer, 0);
	element(&x, "rubric", &q->rubric, 0);
	element(&x, "explanation", &q->explanation, 0);
	tk_buf_puts(&x, "  </item>\n");
	tk_items_xml_end(&x);
	if (tk_items_parse(x.s, x.len, name, set, &mine, &e) != TK_OK)
		for (k = 0; k < mine.n; k++)
			tk_import_problem(&q->why, "%s", mine.v[k].msg);
	else if (set->n > before)
		set->items[set->n - 1]->line = line;
	tk_diags_free(&mine);
	tk_buf_free(&x);
	free(id);
}

int tk_lmsitem_report(const struct tk_lmsitem *q, struct tk_diags *d, const char *name,
		      int line, const char *title)
{
	if (q->why.len) {
		tk_diags_add(d, TK_DIAG_ERROR, name, line, "question '%s': %s", title,
			     tk_buf_str(&q->why));
		return 1;
	}
	if (q->lost.len)
		tk_diags_add(d, TK_DIAG_WARNING, name, line, "question '%s': not kept: %s", title,
			     tk_buf_str(&q->lost));
	return 0;
}
