/* item.c -- items: the model, canonical XML, hashing. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "item.h"
#include "standard.h"
#include "xml.h"

static const char *type_names[TK_NTYPES] = {
	"single", "multiple", "truefalse", "fill", "short", "case", "task"
};
static const char *status_names[TK_NSTATUS] = {
	"draft", "review", "approved", "retired"
};

const char *tk_type_name(int type)
{
	return type >= 0 && type < TK_NTYPES ? type_names[type] : "?";
}

const char *tk_material_kind_name(int kind)
{
	static const char *const names[] = {"site", "equipment", "material"};

	return kind >= 0 && kind < TK_NMATKINDS ? names[kind] : "?";
}

int tk_type_parse(const char *s)
{
	static const struct { const char *zh; int t; } zh[] = {
		{"单选", TK_SINGLE}, {"单选题", TK_SINGLE}, {"单项选择题", TK_SINGLE},
		{"多选", TK_MULTIPLE}, {"多选题", TK_MULTIPLE}, {"多项选择题", TK_MULTIPLE},
		{"判断", TK_TRUEFALSE}, {"判断题", TK_TRUEFALSE},
		{"填空", TK_FILL}, {"填空题", TK_FILL},
		{"简答", TK_SHORT}, {"简答题", TK_SHORT}, {"问答题", TK_SHORT},
		{"案例分析", TK_CASE}, {"案例分析题", TK_CASE}, {"案例题", TK_CASE},
		{"实操", TK_TASK}, {"实操题", TK_TASK}, {"操作题", TK_TASK},
	};
	size_t i;

	if (s == NULL)
		return -1;
	/* the bank's own spelling first: assembly asks once per item */
	for (i = 0; i < TK_NTYPES; i++)
		if (!strcmp(s, type_names[i]))
			return (int)i;
	for (i = 0; i < TK_NTYPES; i++)
		if (tk_word_eq(s, type_names[i]))
			return (int)i;
	for (i = 0; i < sizeof zh / sizeof zh[0]; i++)
		if (tk_word_eq(s, zh[i].zh))
			return zh[i].t;
	return -1;
}

const char *tk_status_name(int status)
{
	return status >= 0 && status < TK_NSTATUS ? status_names[status] : "?";
}

int tk_status_parse(const char *s)
{
	int i;

	for (i = 0; s && i < TK_NSTATUS; i++)
		if (!strcmp(s, status_names[i]))
			return i;
	for (i = 0; s && i < TK_NSTATUS; i++)
		if (tk_word_eq(s, status_names[i]))
			return i;
	return -1;
}

struct tk_item *tk_item_new(void)
{
	struct tk_item *it = calloc(1, sizeof *it);

	if (it) {
		it->difficulty = 3;
		it->status = TK_DRAFT;
	}
	return it;
}

static void strlist_free(char **v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void tk_item_free(struct tk_item *it)
{
	int i;

	if (it == NULL)
		return;
	free(it->id);
	free(it->standard);
	free(it->level);
	free(it->author);
	strlist_free(it->codes, it->ncodes);
	strlist_free(it->keywords, it->nkeywords);
	free(it->stem);
	for (i = 0; i < it->noptions; i++)
		free(it->options[i].text);
	free(it->options);
	free(it->answer);
	for (i = 0; i < it->nrubric; i++)
		free(it->rubric[i].text);
	free(it->rubric);
	free(it->explanation);
	for (i = 0; i < it->nmaterials; i++) {
		free(it->materials[i].text);
		free(it->materials[i].quantity);
	}
	free(it->materials);
	free(it->facility);
	free(it->discrimination);
	strlist_free(it->enemies, it->nenemies);
	free(it->file);
	free(it);
}

int tk_item_strlist_add(char ***v, int *n, const char *s)
{
	char **p = realloc(*v, (size_t)(*n + 1) * sizeof *p);
	char *c;

	if (p == NULL)
		return 0;
	*v = p;
	c = strdup(s);
	if (c == NULL)
		return 0;
	p[(*n)++] = c;
	return 1;
}

static int strlist_dup(char ***dst, int *dn, char **src, int n)
{
	int i;

	*dst = NULL;
	*dn = 0;
	for (i = 0; i < n; i++)
		if (!tk_item_strlist_add(dst, dn, src[i]))
			return 0;
	return 1;
}

struct tk_item *tk_item_dup(const struct tk_item *s)
{
	struct tk_item *d = calloc(1, sizeof *d);
	int i, ok = 1;

	if (d == NULL)
		return NULL;
	*d = *s;
	d->id = tk_strdup(s->id);
	d->standard = tk_strdup(s->standard);
	d->level = tk_strdup(s->level);
	d->author = tk_strdup(s->author);
	d->stem = tk_strdup(s->stem);
	d->answer = tk_strdup(s->answer);
	d->explanation = tk_strdup(s->explanation);
	d->facility = tk_strdup(s->facility);
	d->discrimination = tk_strdup(s->discrimination);
	d->file = tk_strdup(s->file);
	ok &= strlist_dup(&d->codes, &d->ncodes, s->codes, s->ncodes);
	ok &= strlist_dup(&d->keywords, &d->nkeywords, s->keywords, s->nkeywords);
	ok &= strlist_dup(&d->enemies, &d->nenemies, s->enemies, s->nenemies);
	d->options = NULL;
	d->rubric = NULL;
	d->materials = NULL;
	d->noptions = d->nrubric = d->nmaterials = 0;
	if (s->noptions) {
		d->options = calloc((size_t)s->noptions, sizeof *d->options);
		ok &= d->options != NULL;
		for (i = 0; d->options && i < s->noptions; i++) {
			d->options[i].key = s->options[i].key;
			d->options[i].text = tk_strdup(s->options[i].text);
			d->noptions++;
		}
	}
	if (s->nrubric) {
		d->rubric = calloc((size_t)s->nrubric, sizeof *d->rubric);
		ok &= d->rubric != NULL;
		for (i = 0; d->rubric && i < s->nrubric; i++) {
			d->rubric[i].points = s->rubric[i].points;
			d->rubric[i].text = tk_strdup(s->rubric[i].text);
			d->nrubric++;
		}
	}
	if (s->nmaterials) {
		d->materials = calloc((size_t)s->nmaterials, sizeof *d->materials);
		ok &= d->materials != NULL;
		for (i = 0; d->materials && i < s->nmaterials; i++) {
			d->materials[i].kind = s->materials[i].kind;
			d->materials[i].text = tk_strdup(s->materials[i].text);
			d->materials[i].quantity = tk_strdup(s->materials[i].quantity);
			ok &= d->materials[i].text != NULL &&
			      (s->materials[i].quantity == NULL || d->materials[i].quantity != NULL);
			d->nmaterials++;
		}
	}
	if (!ok) {
		tk_item_free(d);
		return NULL;
	}
	return d;
}

int tk_itemset_add(struct tk_itemset *set, struct tk_item *it)
{
	if (set->n == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 64;
		struct tk_item **v = realloc(set->items, cap * sizeof *v);
		if (v == NULL)
			return 0;
		set->items = v;
		set->cap = cap;
	}
	set->items[set->n++] = it;
	return 1;
}

void tk_itemset_free(struct tk_itemset *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		tk_item_free(set->items[i]);
	free(set->items);
	free(set->standard);
	memset(set, 0, sizeof *set);
}

/* ---- canonical fragments ------------------------------------------ */

static int is_block_name(const xmlChar *n)
{
	return !xmlStrcmp(n, BAD_CAST "p") || !xmlStrcmp(n, BAD_CAST "ul") ||
	       !xmlStrcmp(n, BAD_CAST "ol") || !xmlStrcmp(n, BAD_CAST "table");
}

/* Elements whose own text children are only layout (indentation). */
static int is_structural(xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    (is_block_name(c->name) || !xmlStrcmp(c->name, BAD_CAST "li") ||
		     !xmlStrcmp(c->name, BAD_CAST "tr") || !xmlStrcmp(c->name, BAD_CAST "td") ||
		     !xmlStrcmp(c->name, BAD_CAST "th") || !xmlStrcmp(c->name, BAD_CAST "blank")))
			return 1;
	return 0;
}

static int is_ws_only(const xmlChar *s)
{
	for (; *s; s++)
		if (!strchr(" \t\r\n", *s))
			return 0;
	return 1;
}

/*
 * Append text with source line breaks removed: a run of white space that
 * contains a newline is the writer's layout, not content.  Between two
 * Latin characters it becomes one space; next to CJK text it vanishes.
 */
static void text_normalised(struct tk_buf *b, const char *s)
{
	struct tk_buf t = TK_BUF_INIT;
	const char *p = s;

	if (strpbrk(s, "\r\n") == NULL) {     /* the common case: one line */
		tk_buf_xml(b, s, 0);
		return;
	}
	while (*p) {
		size_t n = strcspn(p, " \t\r\n");
		const char *q;
		int nl = 0;

		tk_buf_add(&t, p, n);
		p += n;
		if (!*p)
			break;
		q = p;
		while (*q && strchr(" \t\r\n", *q)) {
			nl |= *q == '\n' || *q == '\r';
			q++;
		}
		if (!nl)
			tk_buf_add(&t, p, (size_t)(q - p));
		else if (p > s && *q && (unsigned char)p[-1] < 0x80 &&
			 (unsigned char)*q < 0x80)
			tk_buf_putc(&t, ' ');
		p = q;
	}
	tk_buf_xml(b, tk_buf_str(&t), 0);
	tk_buf_free(&t);
}

static void fragment_children(xmlNodePtr parent, struct tk_buf *b);

static void fragment_node(xmlNodePtr n, struct tk_buf *b, int structural)
{
	xmlAttrPtr a;

	if (n->type == XML_TEXT_NODE) {
		if (structural && is_ws_only(n->content))
			return;
		text_normalised(b, (const char *)n->content);
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	tk_buf_putc(b, '<');
	tk_buf_puts(b, (const char *)n->name);
	for (a = n->properties; a; a = a->next) {
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		tk_buf_printf(b, " %s=\"", (const char *)a->name);
		tk_buf_xml(b, v ? (const char *)v : "", 1);
		tk_buf_putc(b, '"');
		xmlFree(v);
	}
	if (n->children == NULL) {
		tk_buf_puts(b, "/>");
		return;
	}
	tk_buf_putc(b, '>');
	fragment_children(n, b);
	tk_buf_printf(b, "</%s>", (const char *)n->name);
}

static void fragment_children(xmlNodePtr parent, struct tk_buf *b)
{
	int structural = is_structural(parent);
	xmlNodePtr c;

	for (c = parent->children; c; c = c->next)
		fragment_node(c, b, structural);
}

/* The canonical fragment of an element's content; caller frees. */
static char *fragment_of(xmlNodePtr n)
{
	struct tk_buf b = TK_BUF_INIT;
	char *s;

	fragment_children(n, &b);
	s = tk_buf_detach(&b);
	return s ? tk_trim(s) : NULL;
}

char *tk_fragment_from_text(const char *text)
{
	struct tk_buf b = TK_BUF_INIT;
	char *s;

	text_normalised(&b, text ? text : "");
	s = tk_buf_detach(&b);
	return s ? tk_trim(s) : NULL;
}

static int decode_entity(const char *p, struct tk_buf *b)
{
	static const struct { const char *e; char c; } ents[] = {
		{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}
	};
	size_t i;

	for (i = 0; i < sizeof ents / sizeof ents[0]; i++)
		if (!strncmp(p, ents[i].e, strlen(ents[i].e))) {
			tk_buf_putc(b, ents[i].c);
			return (int)strlen(ents[i].e);
		}
	if (p[1] == '#') {
		char *end;
		long v = p[2] == 'x' ? strtol(p + 3, &end, 16) : strtol(p + 2, &end, 10);
		if (*end == ';' && v > 0 && v <= 0x10FFFF) {
			tk_buf_utf8(b, (uint32_t)v);
			return (int)(end - p + 1);
		}
	}
	tk_buf_putc(b, '&');
	return 1;
}

char *tk_fragment_text(const char *f)
{
	struct tk_buf b = TK_BUF_INIT;
	const char *p = f ? f : "";
	char *s;

	while (*p) {
		if (*p == '<') {
			const char *e = strchr(p, '>');
			size_t n;
			if (e == NULL)
				break;
			n = (size_t)(e - p + 1);
			if ((n >= 4 && !strncmp(p, "</p>", 4)) || !strncmp(p, "</li>", 5) ||
			    !strncmp(p, "</tr>", 5) || !strncmp(p, "<br/>", 5))
				tk_buf_putc(&b, '\n');
			else if (!strncmp(p, "</td>", 5) || !strncmp(p, "</th>", 5) ||
				 !strncmp(p, "</blank>", 8))
				tk_buf_putc(&b, ' ');
			else if (!strncmp(p, "<gap/>", 6))
				tk_buf_puts(&b, "____");
			else if (!strncmp(p, "<img", 4))
				tk_buf_puts(&b, "[图]");
			p = e + 1;
		} else if (*p == '&') {
			p += decode_entity(p, &b);
		} else {
			size_t n = strcspn(p, "<&");
			tk_buf_add(&b, p, n);
			p += n;
		}
	}
	s = tk_buf_detach(&b);
	return s ? tk_trim(s) : NULL;
}

int tk_fragment_gaps(const char *f)
{
	int n = 0;

	while (f && (f = strstr(f, "<gap/>")) != NULL) {
		n++;
		f += 6;
	}
	return n;
}

char *tk_answer_choice(const char *s)
{
	int seen[26] = {0}, i, any = 0;
	char out[27], *o = out;

	for (; s && *s; s++) {
		char c = *s;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c >= 'A' && c <= 'Z') {
			seen[c - 'A'] = 1;
			any = 1;
		} else if (!strchr(" ,;、，；\t", c) && (unsigned char)c < 0x80) {
			return NULL;
		} else if ((unsigned char)c >= 0x80) {
			/* the UTF-8 bytes of ，、； are accepted as separators */
			if (strncmp(s, "，", 3) && strncmp(s, "、", 3) && strncmp(s, "；", 3))
				return NULL;
			s += 2;
		}
	}
	if (!any)
		return NULL;
	for (i = 0; i < 26; i++)
		if (seen[i])
			*o++ = (char)('A' + i);
	*o = '\0';
	return strdup(out);
}

char *tk_answer_truefalse(const char *s)
{
	static const char *yes[] = {"true", "正确", "对", "√", "T", "t", "Y", "yes", "是", "✓", "A"};
	static const char *no[] = {"false", "错误", "错", "×", "F", "f", "N", "no", "否", "✗", "X", "x", "B"};
	char buf[64];
	size_t i;

	if (s == NULL)
		return NULL;
	snprintf(buf, sizeof buf, "%s", s);
	tk_trim(buf);
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (!strcmp(buf, yes[i]))
			return strdup("true");
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		if (!strcmp(buf, no[i]))
			return strdup("false");
	return NULL;
}

/* Is s longer than a field may be?  Then name it. */
static int over(const char *s, const char *what, int n, char *field, size_t size,
		size_t *len)
{
	size_t l = s ? strlen(s) : 0;

	if (l <= TK_FIELD_MAX)
		return 0;
	if (n > 0)
		snprintf(field, size, "%s %d", what, n);
	else
		snprintf(field, size, "%s", what);
	*len = l;
	return 1;
}

int tk_item_oversize(const struct tk_item *it, char *field, size_t size, size_t *len)
{
	char key[16];
	int i;

	if (over(it->id, "id", 0, field, size, len) ||
	    over(it->level, "level", 0, field, size, len) ||
	    over(it->author, "author", 0, field, size, len) ||
	    over(it->stem, "stem", 0, field, size, len) ||
	    over(it->answer, "answer", 0, field, size, len) ||
	    over(it->explanation, "explanation", 0, field, size, len) ||
	    over(it->facility, "facility", 0, field, size, len) ||
	    over(it->discrimination, "discrimination", 0, field, size, len))
		return 1;
	for (i = 0; i < it->noptions; i++) {
		snprintf(key, sizeof key, "option %c", it->options[i].key);
		if (over(it->options[i].text, key, 0, field, size, len))
			return 1;
	}
	for (i = 0; i < it->nrubric; i++)
		if (over(it->rubric[i].text, "criterion", i + 1, field, size, len))
			return 1;
	for (i = 0; i < it->nmaterials; i++)
		if (over(it->materials[i].text, "material", i + 1, field, size, len) ||
		    over(it->materials[i].quantity, "quantity of material", i + 1, field, size, len))
			return 1;
	for (i = 0; i < it->ncodes; i++)
		if (over(it->codes[i], "code", i + 1, field, size, len))
			return 1;
	for (i = 0; i < it->nkeywords; i++)
		if (over(it->keywords[i], "keyword", i + 1, field, size, len))
			return 1;
	for (i = 0; i < it->nenemies; i++)
		if (over(it->enemies[i], "enemy", i + 1, field, size, len))
			return 1;
	return 0;
}

/* ---- reading ------------------------------------------------------- */

static char *attr_dup(xmlNodePtr n, const char *name)
{
	return tk_xml_attr(n, name);
}

/*
 * A whole-number attribute from min to max into *out (absent: dflt).  0
 * with err set, at the element's line, for anything else: 4294967301 is
 * refused, not wrapped round to 5.
 */
static int num_attr(xmlNodePtr n, const char *name, long min, long max, int dflt,
		    int *out, const char *file, struct tk_error *err)
{
	char *v = attr_dup(n, name);
	long i = dflt;
	int ok = v == NULL || tk_parse_int(v, min, max, &i);

	if (!ok)
		tk_error_set(err, TK_EINPUT, file, (int)xmlGetLineNo(n),
			     "%s=\"%s\" must be a whole number from %ld to %ld", name, v, min, max);
	free(v);
	*out = (int)i;
	return ok;
}

/* 1 done, 0 out of memory, -1 a number out of range (err says which). */
static int item_from_node(xmlNodePtr n, const char *file, const char *standard,
			  struct tk_item **out, struct tk_error *err)
{
	struct tk_item *it = tk_item_new();
	xmlNodePtr c;
	char *v;
	int ok = 1;

	*out = NULL;
	if (it == NULL)
		return 0;
	it->id = attr_dup(n, "id");
	it->standard = tk_strdup(standard);
	if (!num_attr(n, "version", 1, 1000000000, 0, &it->version, file, err) ||
	    !num_attr(n, "difficulty", 1, 5, 3, &it->difficulty, file, err) ||
	    !num_attr(n, "time", 0, 86400, 0, &it->time, file, err)) {
		tk_item_free(it);
		return -1;
	}
	v = attr_dup(n, "type");
	it->type = tk_type_parse(v);
	free(v);
	it->level = attr_dup(n, "level");
	v = attr_dup(n, "kind");
	it->kind = tk_kind_parse(v);
	free(v);
	v = attr_dup(n, "points");
	it->points = tk_points_parse(v);
	free(v);
	v = attr_dup(n, "status");
	it->status = v ? tk_status_parse(v) : TK_DRAFT;
	free(v);
	it->author = attr_dup(n, "author");
	it->file = tk_strdup(file);
	it->line = (int)xmlGetLineNo(n);

	for (c = tk_xml_child(n, NULL); c && ok; c = tk_xml_next(c, NULL)) {
		if (tk_xml_is(c, "code")) {
			char *t = tk_xml_text(c);
			ok = t && tk_item_strlist_add(&it->codes, &it->ncodes, t);
			free(t);
		} else if (tk_xml_is(c, "keyword")) {
			char *t = tk_xml_text(c);
			ok = t && tk_item_strlist_add(&it->keywords, &it->nkeywords, t);
			free(t);
		} else if (tk_xml_is(c, "stem")) {
			ok = (it->stem = fragment_of(c)) != NULL;
		} else if (tk_xml_is(c, "options")) {
			xmlNodePtr o;
			int k = 0;
			for (o = tk_xml_child(c, "option"); o; o = tk_xml_next(o, "option"))
				k++;
			it->options = calloc((size_t)k, sizeof *it->options);
			ok = it->options != NULL;
			for (o = tk_xml_child(c, "option"); ok && o; o = tk_xml_next(o, "option")) {
				struct tk_option *op = &it->options[it->noptions++];
				v = attr_dup(o, "key");
				op->key = v ? v[0] : '?';
				free(v);
				ok = (op->text = fragment_of(o)) != NULL;
			}
		} else if (tk_xml_is(c, "answer")) {
			if (it->type == TK_SINGLE || it->type == TK_MULTIPLE ||
			    it->type == TK_TRUEFALSE) {
				/* keep what the author wrote when it cannot be read:
				   lint reports it with its line */
				char *t = tk_xml_text(c);
				char *norm = t == NULL ? NULL : it->type == TK_TRUEFALSE ?
					tk_answer_truefalse(t) : tk_answer_choice(t);
				it->answer = norm ? norm : tk_fragment_from_text(t);
				free(t);
				ok = it->answer != NULL;
			} else {
				ok = (it->answer = fragment_of(c)) != NULL;
			}
		} else if (tk_xml_is(c, "rubric")) {
			xmlNodePtr r;
			int k = 0;
			for (r = tk_xml_child(c, "criterion"); r; r = tk_xml_next(r, "criterion"))
				k++;
			it->rubric = calloc((size_t)k, sizeof *it->rubric);
			ok = it->rubric != NULL;
			for (r = tk_xml_child(c, "criterion"); ok && r; r = tk_xml_next(r, "criterion")) {
				struct tk_criterion *cr = &it->rubric[it->nrubric++];
				v = attr_dup(r, "points");
				cr->points = tk_points_parse(v);
				free(v);
				ok = (cr->text = fragment_of(r)) != NULL;
			}
		} else if (tk_xml_is(c, "explanation")) {
			ok = (it->explanation = fragment_of(c)) != NULL;
		} else if (tk_xml_is(c, "materials")) {
			xmlNodePtr m;
			int k = 0;
			for (m = tk_xml_child(c, NULL); m; m = tk_xml_next(m, NULL))
				k++;
			it->materials = calloc((size_t)k + 1, sizeof *it->materials);
			ok = it->materials != NULL;
			for (m = tk_xml_child(c, NULL); ok && m; m = tk_xml_next(m, NULL)) {
				struct tk_material *mt = &it->materials[it->nmaterials];
				int kind;
				for (kind = 0; kind < TK_NMATKINDS; kind++)
					if (tk_xml_is(m, tk_material_kind_name(kind)))
						break;
				if (kind == TK_NMATKINDS)
					continue;   /* the schema refuses it */
				it->nmaterials++;
				mt->kind = kind;
				mt->quantity = attr_dup(m, "quantity");
				ok = (mt->text = tk_xml_text(m)) != NULL;
			}
		} else if (tk_xml_is(c, "stats")) {
			it->facility = attr_dup(c, "facility");
			it->discrimination = attr_dup(c, "discrimination");
			if (!num_attr(c, "n", 0, 1000000000, 0, &it->stats_n, file, err)) {
				tk_item_free(it);
				return -1;
			}
		} else if (tk_xml_is(c, "enemy")) {
			v = attr_dup(c, "ref");
			ok = v && tk_item_strlist_add(&it->enemies, &it->nenemies, v);
			free(v);
		}
	}
	if (!ok) {
		tk_item_free(it);
		return 0;
	}
	{
		char field[32];
		size_t len;
		if (tk_item_oversize(it, field, sizeof field, &len)) {
			tk_error_set(err, TK_EINPUT, file, it->line,
				     "item '%s': the %s is %zu bytes, more than the %d a field may "
				     "hold (1 MiB)", it->id ? it->id : "?", field, len, TK_FIELD_MAX);
			tk_item_free(it);
			return -1;
		}
	}
	*out = it;
	return 1;
}

int tk_item_from_node(xmlNodePtr n, const char *file, const char *standard,
		      struct tk_item **out, struct tk_error *err)
{
	int got = item_from_node(n, file, standard, out, err);

	if (got < 0)
		return err && err->code ? err->code : TK_EINPUT;
	if (got == 0)
		return tk_error_set(err, TK_EINTERNAL, file, 0, "out of memory");
	return TK_OK;
}

static int items_read(const char *data, size_t len, const char *name,
		      int validate, struct tk_itemset *set,
		      struct tk_diags *diags, struct tk_error *err)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n;
	int rc;

	rc = tk_xml_parse(data, len, name, &doc, err);
	if (rc != TK_OK) {
		if (diags)
			tk_diags_add(diags, TK_DIAG_ERROR, name, err ? err->line : 0,
				     "%s", err ? err->msg : "not well-formed XML");
		return rc;
	}
	root = xmlDocGetRootElement(doc);
	if (!tk_xml_is(root, "items")) {
		rc = tk_error_set(err, TK_EINPUT, name, root ? (int)xmlGetLineNo(root) : 1,
				  "not an items file: the root element is <%s>, expected <items>",
				  root ? (const char *)root->name : "");
		if (diags)
			tk_diags_add(diags, TK_DIAG_ERROR, name, err ? err->line : 1,
				     "%s", err ? err->msg : "not an items file");
		goto out;
	}
	if (validate && (rc = tk_xml_validate(doc, "items", name, diags, err)) != TK_OK)
		goto out;
	free(set->standard);
	set->standard = tk_xml_attr(root, "standard");
	for (n = tk_xml_child(root, "item"); n; n = tk_xml_next(n, "item")) {
		struct tk_item *it;
		int got = item_from_node(n, name, set->standard, &it, err);
		if (got < 0) {
			rc = TK_EINPUT;
			if (diags)
				tk_diags_add(diags, TK_DIAG_ERROR, name, err ? err->line : 0, "%s",
					     err ? err->msg : "bad number");
			goto out;
		}
		if (got == 0 || !tk_itemset_add(set, it)) {
			tk_item_free(it);
			rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
			goto out;
		}
	}
out:
	xmlFreeDoc(doc);
	return rc;
}

int tk_items_parse(const char *data, size_t len, const char *name,
		   struct tk_itemset *set, struct tk_diags *diags,
		   struct tk_error *err)
{
	return items_read(data, len, name, 1, set, diags, err);
}

struct reader_error {
	const char *name;
	struct tk_error *err;
	int seen;
};

static void on_reader_error(void *ud, xmlErrorPtr e)
{
	struct reader_error *r = ud;

	if (r->seen++ || e == NULL)
		return;
	tk_error_set(r->err, TK_EINPUT, r->name, e->line, "not well-formed XML: %s",
		     e->message ? e->message : "error");
	if (r->err)
		tk_trim(r->err->msg);
}

/*
 * Without the schema check there is no need for the whole tree: a reader
 * hands over one <item> subtree at a time and frees it after, which keeps
 * a 100,000-item file in a few megabytes instead of a gigabyte of nodes.
 */
int tk_items_parse_unchecked(const char *data, size_t len, const char *name,
			     struct tk_itemset *set, struct tk_diags *diags,
			     struct tk_error *err)
{
	struct reader_error re = {name, err, 0};
	xmlTextReaderPtr r;
	int rc = TK_OK, ret, seen_root = 0;

	if (len > (size_t)0x7fffffff)
		return tk_error_set(err, TK_EINPUT, name, 0, "file too large");
	r = xmlReaderForMemory(data, (int)len, NULL, NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
			       XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
	if (r == NULL)
		return tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
	xmlTextReaderSetStructuredErrorHandler(r, on_reader_error, &re);
	ret = xmlTextReaderRead(r);
	while (ret == 1) {
		int type = xmlTextReaderNodeType(r), depth = xmlTextReaderDepth(r);
		const xmlChar *n = xmlTextReaderConstLocalName(r);

		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			rc = tk_error_set(err, TK_EINPUT, name, 1,
					  "DOCTYPE declarations are not allowed");
			goto out;
		}
		if (type == XML_READER_TYPE_ELEMENT && depth == 0) {
			if (xmlStrcmp(n, BAD_CAST "items")) {
				rc = tk_error_set(err, TK_EINPUT, name,
						  xmlTextReaderGetParserLineNumber(r),
						  "not an items file: the root element is <%s>, expected <items>",
						  (const char *)n);
				goto out;
			}
			free(set->standard);
			set->standard = (char *)xmlTextReaderGetAttribute(r, BAD_CAST "standard");
			seen_root = 1;
		} else if (type == XML_READER_TYPE_ELEMENT && depth == 1 &&
			   !xmlStrcmp(n, BAD_CAST "item")) {
			xmlNodePtr node = xmlTextReaderExpand(r);
			struct tk_item *it = NULL;
			int got;
			if (node == NULL)
				break;  /* a parse error inside: reported below */
			if ((got = item_from_node(node, name, set->standard, &it, err)) < 0) {
				rc = TK_EINPUT;
				goto out;
			}
			if (got == 0 || !tk_itemset_add(set, it)) {
				tk_item_free(it);
				rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
				goto out;
			}
			/* past the subtree, which the reader frees */
			ret = xmlTextReaderNext(r);
			continue;
		}
		ret = xmlTextReaderRead(r);
	}
	if (re.seen || ret < 0)
		rc = err && err->code ? err->code : TK_EINPUT;
	if (rc == TK_OK && re.seen == 0 && ret < 0)
		rc = tk_error_set(err, TK_EINPUT, name, 0, "not well-formed XML");
	if (rc == TK_OK && !seen_root)
		rc = tk_error_set(err, TK_EINPUT, name, 0, "not an items file: no <items> element");
out:
	if (rc != TK_OK && diags)
		tk_diags_add(diags, TK_DIAG_ERROR, name, err ? err->line : 0, "%s",
			     err ? err->msg : "bad input");
	xmlFreeTextReader(r);
	return rc;
}

/* ---- writing ------------------------------------------------------- */

static void elem(struct tk_buf *b, const char *indent, const char *name,
		 const char *fragment)
{
	tk_buf_puts(b, indent);
	tk_buf_putc(b, '<');
	tk_buf_puts(b, name);
	tk_buf_putc(b, '>');
	tk_buf_puts(b, fragment ? fragment : "");
	tk_buf_puts(b, "</");
	tk_buf_puts(b, name);
	tk_buf_puts(b, ">\n");
}

static void attr(struct tk_buf *b, const char *name, const char *v)
{
	tk_buf_putc(b, ' ');
	tk_buf_puts(b, name);
	tk_buf_puts(b, "=\"");
	tk_buf_xml(b, v, 1);
	tk_buf_putc(b, '"');
}

void tk_item_xml(const struct tk_item *it, int flags, struct tk_buf *b)
{
	/* the indents of the element, its children and grandchildren */
	const char *in0 = flags & TK_ITEM_XML_NESTED ? "    " : "  ";
	const char *in1 = flags & TK_ITEM_XML_NESTED ? "      " : "    ";
	const char *in2 = flags & TK_ITEM_XML_NESTED ? "        " : "      ";
	char pts[16];
	int i;

	tk_buf_puts(b, in0);
	tk_buf_puts(b, flags & TK_ITEM_XML_NESTED ? "<item xmlns=\"urn:tiku:items:1\"" : "<item");
	attr(b, "id", it->id ? it->id : "");
	if ((flags & TK_ITEM_XML_VERSION) && it->version > 0)
		tk_buf_printf(b, " version=\"%d\"", it->version);
	attr(b, "type", tk_type_name(it->type));
	attr(b, "level", it->level ? it->level : "");
	attr(b, "kind", tk_kind_name(it->kind));
	attr(b, "points", tk_points_format(it->points, pts));
	tk_buf_printf(b, " difficulty=\"%d\"", it->difficulty);
	if (it->time > 0)
		tk_buf_printf(b, " time=\"%d\"", it->time);
	attr(b, "status", tk_status_name(it->status));
	if (it->author)
		attr(b, "author", it->author);
	tk_buf_puts(b, ">\n");
	for (i = 0; i < it->ncodes; i++) {
		tk_buf_puts(b, in1);
		tk_buf_puts(b, "<code>");
		tk_buf_xml(b, it->codes[i], 0);
		tk_buf_puts(b, "</code>\n");
	}
	for (i = 0; i < it->nkeywords; i++) {
		tk_buf_puts(b, in1);
		tk_buf_puts(b, "<keyword>");
		tk_buf_xml(b, it->keywords[i], 0);
		tk_buf_puts(b, "</keyword>\n");
	}
	elem(b, in1, "stem", it->stem);
	if (it->noptions > 0) {
		tk_buf_puts(b, in1);
		tk_buf_puts(b, "<options>\n");
		for (i = 0; i < it->noptions; i++) {
			char open[] = "<option key=\"?\">";
			open[13] = it->options[i].key;
			tk_buf_puts(b, in2);
			tk_buf_puts(b, open);
			tk_buf_puts(b, it->options[i].text);
			tk_buf_puts(b, "</option>\n");
		}
		tk_buf_puts(b, in1);
		tk_buf_puts(b, "</options>\n");
	}
	if (it->answer && it->answer[0])
		elem(b, in1, "answer", it->answer);
	if (it->nrubric > 0) {
		tk_buf_puts(b, in1);
		tk_buf_puts(b, "<rubric>\n");
		for (i = 0; i < it->nrubric; i++)
			tk_buf_printf(b, "%s<criterion points=\"%s\">%s</criterion>\n", in2,
				      tk_points_format(it->rubric[i].points, pts),
				      it->rubric[i].text);
		tk_buf_puts(b, in1);
		tk_buf_puts(b, "</rubric>\n");
	}
	if (it->explanation && it->explanation[0])
		elem(b, in1, "explanation", it->explanation);
	if (it->nmaterials > 0) {
		tk_buf_puts(b, in1);
		tk_buf_puts(b, "<materials>\n");
		for (i = 0; i < it->nmaterials; i++) {
			const char *k = tk_material_kind_name(it->materials[i].kind);
			tk_buf_printf(b, "%s<%s", in2, k);
			if (it->materials[i].quantity)
				attr(b, "quantity", it->materials[i].quantity);
			tk_buf_puts(b, ">");
			tk_buf_xml(b, it->materials[i].text ? it->materials[i].text : "", 0);
			tk_buf_printf(b, "</%s>\n", k);
		}
		tk_buf_puts(b, in1);
		tk_buf_puts(b, "</materials>\n");
	}
	if (it->facility || it->discrimination || it->stats_n) {
		tk_buf_puts(b, in1);
		tk_buf_puts(b, "<stats");
		if (it->facility)
			attr(b, "facility", it->facility);
		if (it->discrimination)
			attr(b, "discrimination", it->discrimination);
		if (it->stats_n)
			tk_buf_printf(b, " n=\"%d\"", it->stats_n);
		tk_buf_puts(b, "/>\n");
	}
	for (i = 0; i < it->nenemies; i++) {
		tk_buf_puts(b, in1);
		tk_buf_puts(b, "<enemy");
		attr(b, "ref", it->enemies[i]);
		tk_buf_puts(b, "/>\n");
	}
	tk_buf_puts(b, in0);
	tk_buf_puts(b, "</item>\n");
}

void tk_items_xml_begin(struct tk_buf *b, const char *standard)
{
	tk_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		       "<items xmlns=\"urn:tiku:items:1\"");
	attr(b, "standard", standard ? standard : "");
	tk_buf_puts(b, ">\n");
}

void tk_items_xml_end(struct tk_buf *b)
{
	tk_buf_puts(b, "</items>\n");
}

void tk_item_hash(const struct tk_item *it, char out[65])
{
	struct tk_buf b = TK_BUF_INIT;

	tk_item_xml(it, 0, &b);
	tk_digest_hex(tk_buf_str(&b), b.len, out);
	tk_buf_free(&b);
}

int tk_item_blanks(const char *answer, char ****blanks, int **nalts, int *nblanks)
{
	xmlDocPtr doc;
	xmlNodePtr n;
	int oom = 0;

	*blanks = NULL;
	*nalts = NULL;
	*nblanks = 0;
	if ((doc = tk_xml_fragment(answer)) == NULL)
		return 0;
	for (n = tk_xml_child(xmlDocGetRootElement(doc), "blank"); n && !oom;
	     n = tk_xml_next(n, "blank")) {
		char *t = tk_xml_text(n), *p, *q, **alts = NULL;
		int na = 0;
		for (p = t; p && !oom; p = q ? q + 1 : NULL) {
			q = strchr(p, '|');
			if (q)
				*q = '\0';
			if (*tk_trim(p) && !tk_item_strlist_add(&alts, &na, tk_trim(p)))
				oom = 1;
		}
		free(t);
		*blanks = tk_grow(*blanks, *nblanks + 1, sizeof **blanks, &oom);
		*nalts = tk_grow(*nalts, *nblanks + 1, sizeof **nalts, &oom);
		if (oom)
			break;
		(*blanks)[*nblanks] = alts;
		(*nalts)[*nblanks] = na;
		(*nblanks)++;
	}
	xmlFreeDoc(doc);
	return !oom;
}

void tk_item_blanks_free(char ***blanks, int *nalts, int nblanks)
{
	int i, k;

	for (i = 0; i < nblanks; i++) {
		for (k = 0; k < nalts[i]; k++)
			free(blanks[i][k]);
		free(blanks[i]);
	}
	free(blanks);
	free(nalts);
}

int tk_item_blanks_text(const char *answer, struct tk_buf *out)
{
	char ***blanks;
	int *nalts, nb, i, k;
	size_t at = out->len;

	if (!tk_item_blanks(answer, &blanks, &nalts, &nb))
		return 0;
	for (i = 0; i < nb; i++) {
		if (nb > 1)
			tk_buf_printf(out, "%s（%d）", i ? "；" : "", i + 1);
		for (k = 0; k < nalts[i]; k++)
			tk_buf_printf(out, "%s%s", k == 1 ? "（或 " : k > 1 ? "、" : "", blanks[i][k]);
		if (nalts[i] > 1)
			tk_buf_puts(out, "）");
	}
	tk_item_blanks_free(blanks, nalts, nb);
	if (out->oom) {
		out->len = at;
		return 0;
	}
	return 1;
}
