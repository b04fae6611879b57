/*
 * course.c -- courses (课件): reading course.xml, the code x lesson
 * matrix, lint against the standard and the bank, and new courses
 * scaffolded from a standard and written atomically.
 */
#include <errno.h>
#include <ftw.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include <libxml/tree.h>

#include "i18n.h"
#include "blueprint.h"
#include "course.h"
#include "item.h"
#include "markdown.h"
#include "util.h"
#include "xml.h"

/* ---- hours ------------------------------------------------------------ */

int tk_course_hours_parse(const char *s)
{
	long whole = 0;
	int frac = 0, digits = 0;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		whole = whole * 10 + (*s - '0');
		if (whole > 100000)
			return -1;
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++) {
			if (++digits > 2)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
		if (digits == 0)
			return -1;
		if (digits == 1)
			frac *= 10;
	}
	if (*s)
		return -1;
	return (int)whole * TK_HOUR + frac;
}

char *tk_course_hours_format(int hours, char *buf)
{
	int whole = hours / TK_HOUR, frac = hours % TK_HOUR;

	if (frac == 0)
		snprintf(buf, 24, "%d", whole);
	else if (frac % 10 == 0)
		snprintf(buf, 24, "%d.%d", whole, frac / 10);
	else
		snprintf(buf, 24, "%d.%02d", whole, frac);
	return buf;
}

/* ---- reading course.xml ------------------------------------------------- */

struct builder {
	struct tk_course *c;
	const char *name;
	struct tk_diags *diags;
	struct tk_error *err;
	int nerr;
	int oom;
};

/* A problem of the document: the first goes to err, each to diags. */
static void bad(struct builder *b, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void bad(struct builder *b, int line, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	fmt = _(fmt);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (b->nerr++ == 0)
		tk_error_set(b->err, TK_EINPUT, b->name, line, "%s", msg);
	if (b->diags)
		tk_diags_add(b->diags, TK_DIAG_ERROR, b->name, line, "%s", msg);
}

/* An attribute that the schema makes sure is there. */
static char *attr(struct builder *b, xmlNodePtr n, const char *name)
{
	char *v = tk_xml_attr(n, name);

	if (v == NULL)
		v = strdup("");
	if (v == NULL)
		b->oom = 1;
	return v;
}

/* A seed: digits, at most 2^64 - 1. */
static int parse_seed(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (s == NULL || *s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*out = v;
	return 0;
}

static void read_seed(struct builder *b, xmlNodePtr n, uint64_t *seed)
{
	char *v = tk_xml_attr(n, "seed");

	*seed = 0;
	if (v && parse_seed(v, seed) != 0)
		bad(b, (int)xmlGetLineNo(n),
		    "seed '%s' is too large (at most 18446744073709551615)", v);
	free(v);
}

/* A whole-number attribute from min to max (absent: 0), else an error at its line. */
static int read_int(struct builder *b, xmlNodePtr n, const char *name, long min, long max)
{
	char *v = tk_xml_attr(n, name);
	long i = 0;

	if (v && !tk_parse_int(v, min, max, &i)) {
		bad(b, (int)xmlGetLineNo(n), "%s=\"%s\" must be a whole number from %ld to %ld",
		    name, v, min, max);
		i = 0;
	}
	free(v);
	return (int)i;
}

static void read_test(struct builder *b, xmlNodePtr n, struct tk_course_test *t)
{
	t->blueprint = attr(b, n, "blueprint");
	t->line = (int)xmlGetLineNo(n);
	read_seed(b, n, &t->seed);
}

/* Split a space-separated list into v/n. */
static void split_list(struct builder *b, const char *s, char ***v, int *n)
{
	char *copy = tk_strdup(s), *tok, *save = NULL;

	if (copy == NULL) {
		b->oom = s != NULL;
		return;
	}
	for (tok = strtok_r(copy, " \t\r\n", &save); tok; tok = strtok_r(NULL, " \t\r\n", &save))
		if (!tk_item_strlist_add(v, n, tok)) {
			b->oom = 1;
			break;
		}
	free(copy);
}

static void read_practice(struct builder *b, xmlNodePtr p, struct tk_course_practice *pr)
{
	xmlNodePtr n, draw = tk_xml_child(p, "draw");
	char *v;
	int i;

	pr->line = (int)xmlGetLineNo(p);
	pr->kind = -1;
	pr->dmin = 1;
	pr->dmax = 5;
	if (draw == NULL) {
		pr->mode = TK_PRACTICE_ITEMS;
		for (n = tk_xml_child(p, "item"); n; n = tk_xml_next(n, "item")) {
			int *lines = tk_grow(pr->item_lines, pr->nitems, sizeof *lines, &b->oom);
			char *ref;
			if (lines == NULL)
				return;
			pr->item_lines = lines;
			ref = attr(b, n, "ref");
			if (ref == NULL || !tk_item_strlist_add(&pr->items, &pr->nitems, ref)) {
				free(ref);
				b->oom = 1;
				return;
			}
			free(ref);
			pr->item_lines[pr->nitems - 1] = (int)xmlGetLineNo(n);
		}
		return;
	}
	pr->mode = TK_PRACTICE_DRAW;
	pr->line = (int)xmlGetLineNo(draw);
	pr->count = read_int(b, draw, "count", 0, 1000);
	read_seed(b, draw, &pr->seed);
	if ((v = tk_xml_attr(draw, "types")) != NULL) {
		char **types = NULL;
		int nt = 0;
		split_list(b, v, &types, &nt);
		for (i = 0; i < nt; i++) {
			int t = tk_type_parse(types[i]);
			if (t >= 0)
				pr->types |= 1 << t;
			free(types[i]);
		}
		free(types);
		free(v);
	}
	if ((v = tk_xml_attr(draw, "kind")) != NULL) {
		pr->kind = tk_kind_parse(v);
		free(v);
	}
	if ((v = tk_xml_attr(draw, "difficulty")) != NULL) {
		pr->dmin = v[0] - '0';
		pr->dmax = v[1] == '-' ? v[2] - '0' : pr->dmin;
		if (pr->dmin > pr->dmax)
			bad(b, pr->line, "difficulty range '%s' runs backwards (write %d-%d)",
			    v, pr->dmax, pr->dmin);
		free(v);
	}
}

static void read_lesson(struct builder *b, xmlNodePtr n, int module)
{
	struct tk_course *c = b->c;
	struct tk_course_lesson *v = tk_grow(c->lessons, c->nlessons, sizeof *v, &b->oom), *l;
	xmlNodePtr p;
	char *h, *codes;

	if (v == NULL)
		return;
	c->lessons = v;
	l = &c->lessons[c->nlessons++];
	memset(l, 0, sizeof *l);
	l->module = module;
	l->line = (int)xmlGetLineNo(n);
	l->id = attr(b, n, "id");
	l->title = attr(b, n, "title");
	l->body = attr(b, n, "body");
	h = attr(b, n, "hours");
	l->hours = tk_course_hours_parse(h);     /* the schema made sure of its form */
	if (l->hours < 0)
		l->hours = 0;
	free(h);
	codes = attr(b, n, "codes");
	split_list(b, codes, &l->codes, &l->ncodes);
	free(codes);
	l->practice.kind = -1;
	if ((p = tk_xml_child(n, "practice")) != NULL)
		read_practice(b, p, &l->practice);
}

static void read_module(struct builder *b, xmlNodePtr n)
{
	struct tk_course *c = b->c;
	struct tk_course_module *v = tk_grow(c->modules, c->nmodules, sizeof *v, &b->oom), *m;
	xmlNodePtr l, t;
	int index;

	if (v == NULL)
		return;
	c->modules = v;
	index = c->nmodules++;
	m = &c->modules[index];
	memset(m, 0, sizeof *m);
	m->line = (int)xmlGetLineNo(n);
	m->id = attr(b, n, "id");
	m->title = attr(b, n, "title");
	m->first = c->nlessons;
	for (l = tk_xml_child(n, "lesson"); l && !b->oom; l = tk_xml_next(l, "lesson"))
		read_lesson(b, l, index);
	m = &c->modules[index];
	m->nlessons = c->nlessons - m->first;
	if ((t = tk_xml_child(n, "test")) != NULL)
		read_test(b, t, &m->test);
}

static void read_gaps(struct builder *b, xmlNodePtr gaps)
{
	struct tk_course *c = b->c;
	xmlNodePtr n;

	for (n = tk_xml_child(gaps, "gap"); n && !b->oom; n = tk_xml_next(n, "gap")) {
		struct tk_course_gap *v = tk_grow(c->gaps, c->ngaps, sizeof *v, &b->oom), *g;
		if (v == NULL)
			return;
		c->gaps = v;
		g = &c->gaps[c->ngaps++];
		g->code = attr(b, n, "code");
		g->reason = tk_xml_text(n);
		g->line = (int)xmlGetLineNo(n);
	}
}

/* Ids must be unique: a second use is an error at its line. */
static void check_unique(struct builder *b)
{
	struct tk_course *c = b->c;
	int i, j;

	for (i = 0; i < c->nmodules; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(c->modules[i].id, c->modules[j].id)) {
				bad(b, c->modules[i].line,
				    "module id '%s' is used twice (first at line %d)",
				    c->modules[i].id, c->modules[j].line);
				break;
			}
	for (i = 0; i < c->nlessons; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(c->lessons[i].id, c->lessons[j].id)) {
				bad(b, c->lessons[i].line,
				    "lesson id '%s' is used twice (first at line %d)",
				    c->lessons[i].id, c->lessons[j].line);
				break;
			}
}

/* dir without trailing slashes ("" stays ""; "/" stays "/"). */
static char *clean_dir(const char *dir)
{
	char *d = strdup(dir && dir[0] ? dir : ".");
	size_t n;

	if (d == NULL)
		return NULL;
	n = strlen(d);
	while (n > 1 && d[n - 1] == '/')
		d[--n] = '\0';
	return d;
}

int tk_course_parse(const char *data, size_t len, const char *dir,
		    struct tk_course **out, struct tk_diags *diags,
		    struct tk_error *err)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n;
	struct tk_course *c = NULL;
	struct builder b;
	struct tk_buf name = TK_BUF_INIT;
	char *d = clean_dir(dir);
	int rc;

	*out = NULL;
	if (d == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	if (strcmp(d, "."))
		tk_buf_printf(&name, "%s/", d);
	tk_buf_puts(&name, "course.xml");
	if (name.oom) {
		free(d);
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	rc = tk_xml_parse(data, len, name.s, &doc, err);
	if (rc != TK_OK) {
		if (diags)
			tk_diags_add(diags, TK_DIAG_ERROR, name.s, err ? err->line : 0,
				     "%s", err ? err->msg : "not well-formed XML");
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (!tk_xml_is(root, "course")) {
		rc = tk_error_set(err, TK_EINPUT, name.s, root ? (int)xmlGetLineNo(root) : 1,
				  "not a course: the root element is <%s>, expected <course>",
				  root ? (const char *)root->name : "");
		if (diags)
			tk_diags_add(diags, TK_DIAG_ERROR, name.s, err ? err->line : 1,
				     "%s", err ? err->msg : "not a course");
		goto out;
	}
	if ((rc = tk_xml_validate(doc, "course", name.s, diags, err)) != TK_OK)
		goto out;
	c = calloc(1, sizeof *c);
	if (c == NULL) {
		rc = tk_error_set(err, TK_EINTERNAL, name.s, 0, "out of memory");
		goto out;
	}
	memset(&b, 0, sizeof b);
	b.c = c;
	b.name = name.s;
	b.diags = diags;
	b.err = err;
	c->dir = d;
	d = NULL;
	c->file = tk_strdup(name.s);
	c->line = (int)xmlGetLineNo(root);
	c->id = attr(&b, root, "id");
	c->standard = attr(&b, root, "standard");
	c->level = attr(&b, root, "level");
	c->version = tk_xml_attr(root, "version");
	c->pass = read_int(&b, root, "pass", 0, 100);
	for (n = tk_xml_child(root, NULL); n && !b.oom; n = tk_xml_next(n, NULL)) {
		if (tk_xml_is(n, "title"))
			c->title = tk_xml_text(n);
		else if (tk_xml_is(n, "description"))
			c->description = tk_xml_text(n);
		else if (tk_xml_is(n, "module"))
			read_module(&b, n);
		else if (tk_xml_is(n, "exam"))
			read_test(&b, n, &c->exam);
		else if (tk_xml_is(n, "gaps"))
			read_gaps(&b, n);
	}
	if (!b.oom)
		check_unique(&b);
	if (b.oom || c->file == NULL)
		rc = tk_error_set(err, TK_EINTERNAL, name.s, 0, "out of memory");
	else if (b.nerr)
		rc = TK_EINPUT;
out:
	xmlFreeDoc(doc);
	tk_buf_free(&name);
	free(d);
	if (rc != TK_OK)
		tk_course_free(c);
	else
		*out = c;
	return rc;
}

int tk_course_load(const char *dir, struct tk_course **out,
		   struct tk_diags *diags, struct tk_error *err)
{
	struct tk_buf path = TK_BUF_INIT;
	struct stat st;
	char *data = NULL;
	size_t len;
	int rc;

	*out = NULL;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		rc = tk_error_set(err, TK_EINPUT, dir, 0,
				  "no course here (a course is a folder holding course.xml)");
		if (diags)
			tk_diags_add(diags, TK_DIAG_ERROR, dir, 0,
				     "no course here (a course is a folder holding course.xml)");
		return rc;
	}
	tk_buf_printf(&path, "%s/course.xml", dir);
	if (path.oom)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	if ((rc = tk_read_file(path.s, &data, &len, err)) != TK_OK) {
		if (diags)
			tk_diags_add(diags, TK_DIAG_ERROR, path.s, 0, "%s", err ? err->msg : "cannot read");
	} else {
		rc = tk_course_parse(data, len, dir, out, diags, err);
	}
	free(data);
	tk_buf_free(&path);
	return rc;
}

static void practice_free(struct tk_course_practice *p)
{
	int i;

	for (i = 0; i < p->nitems; i++)
		free(p->items[i]);
	free(p->items);
	free(p->item_lines);
}

void tk_course_free(struct tk_course *c)
{
	int i, j;

	if (c == NULL)
		return;
	for (i = 0; i < c->nlessons; i++) {
		struct tk_course_lesson *l = &c->lessons[i];
		free(l->id);
		free(l->title);
		free(l->body);
		for (j = 0; j < l->ncodes; j++)
			free(l->codes[j]);
		free(l->codes);
		practice_free(&l->practice);
	}
	free(c->lessons);
	for (i = 0; i < c->nmodules; i++) {
		free(c->modules[i].id);
		free(c->modules[i].title);
		free(c->modules[i].test.blueprint);
	}
	free(c->modules);
	for (i = 0; i < c->ngaps; i++) {
		free(c->gaps[i].code);
		free(c->gaps[i].reason);
	}
	free(c->gaps);
	free(c->exam.blueprint);
	free(c->dir);
	free(c->file);
	free(c->id);
	free(c->title);
	free(c->description);
	free(c->version);
	free(c->standard);
	free(c->level);
	free(c);
}

char *tk_course_body_path(const struct tk_course *c, int i)
{
	struct tk_buf path = TK_BUF_INIT;
	char *rel = NULL;

	if (i < 0 || i >= c->nlessons ||
	    tk_md_resolve("", c->lessons[i].body, &rel) != TK_MD_PATH_OK)
		return NULL;
	tk_buf_printf(&path, "%s/%s", c->dir, rel);
	free(rel);
	if (path.oom) {
		tk_buf_free(&path);
		return NULL;
	}
	return tk_buf_detach(&path);
}

/* ---- the matrix ------------------------------------------------------- */

/* Compare codes number by number: 1.2.10 after 1.2.9; basics first. */
static int code_cmp(const char *a, const char *b)
{
	if ((a[0] == 'B') != (b[0] == 'B'))
		return a[0] == 'B' ? -1 : 1;
	if (a[0] == 'B') {
		a++;
		b++;
	}
	while (*a && *b) {
		char *ea, *eb;
		long x = strtol(a, &ea, 10), y = strtol(b, &eb, 10);
		if (x != y)
			return x < y ? -1 : 1;
		a = *ea == '.' ? ea + 1 : ea;
		b = *eb == '.' ? eb + 1 : eb;
		if (ea == a && eb == b)
			break;
	}
	return (*a != '\0') - (*b != '\0');
}

static int code_entry_cmp(const void *x, const void *y)
{
	return code_cmp(((const struct tk_course_code *)x)->code,
			((const struct tk_course_code *)y)->code);
}

const struct tk_course_code *tk_course_find_code(const struct tk_course_matrix *m,
						 const char *code)
{
	int i;

	for (i = 0; i < m->ncodes; i++)
		if (!strcmp(m->codes[i].code, code))
			return &m->codes[i];
	return NULL;
}

static int find_code_index(const struct tk_course_matrix *m, const char *code)
{
	const struct tk_course_code *cc = tk_course_find_code(m, code);

	return cc ? (int)(cc - m->codes) : -1;
}

/* The codes of a level: its basics, then its skill and knowledge lines
   (one entry per number), in order. */
static int level_codes(const struct tk_standard *s, int level, struct tk_course_code **out,
		       int *n)
{
	struct tk_course_code *v = calloc((size_t)s->nreqs + 1, sizeof *v);
	int i, k = 0, j;

	*out = v;
	*n = 0;
	if (v == NULL)
		return -1;
	for (i = 0; i < s->nreqs; i++) {
		const struct tk_req *r = &s->reqs[i];
		char code[40];
		if (r->type == TK_REQ_BASIC)
			snprintf(code, sizeof code, "B%s", r->code);
		else if ((r->type == TK_REQ_SKILL || r->type == TK_REQ_KNOWLEDGE) && r->level == level)
			snprintf(code, sizeof code, "%s", r->code);
		else
			continue;
		for (j = 0; j < k && strcmp(v[j].code, code); j++)
			;
		if (j == k) {
			memcpy(v[k].code, code, sizeof code);
			v[k].area = -1;
			v[k].gap = -1;
			k++;
		}
		if (r->type == TK_REQ_BASIC)
			v[j].basic = r;
		else if (r->type == TK_REQ_SKILL && v[j].skill == NULL)
			v[j].skill = r;
		else if (r->type == TK_REQ_KNOWLEDGE && v[j].knowledge == NULL)
			v[j].knowledge = r;
	}
	qsort(v, (size_t)k, sizeof *v, code_entry_cmp);
	*n = k;
	return 0;
}

/* The requirement that stands for a code: knowledge, else skill, else basic. */
static const struct tk_req *code_req(const struct tk_course_code *cc)
{
	return cc->knowledge ? cc->knowledge : cc->skill ? cc->skill : cc->basic;
}

void tk_course_matrix_free(struct tk_course_matrix *m)
{
	if (m == NULL)
		return;
	free(m->codes);
	free(m->taught);
	free(m->areas);
	free(m);
}

/* The level of c in s, or -1 after an error naming the levels there are. */
int tk_course_level(const struct tk_course *c, const struct tk_standard *s,
			struct tk_error *err)
{
	struct tk_buf names = TK_BUF_INIT;
	int l = tk_standard_level(s, c->level), i;

	if (l >= 0)
		return l;
	for (i = 0; i < s->nlevels; i++)
		tk_buf_printf(&names, "%s%s (%s)", i ? ", " : "", s->levels[i].name, s->levels[i].id);
	tk_error_set(err, TK_EINPUT, c->file, c->line,
		     "level '%s' is not a level of standard '%s' (levels: %s)",
		     c->level, s->id, tk_buf_str(&names));
	tk_buf_free(&names);
	return -1;
}

int tk_course_matrix(const struct tk_course *c, const struct tk_standard *s,
		     struct tk_course_matrix **out, struct tk_error *err)
{
	struct tk_course_matrix *m;
	const struct tk_weights *w = &s->weights[TK_THEORY];
	int level, i, j, k;

	*out = NULL;
	if ((level = tk_course_level(c, s, err)) < 0)
		return TK_EINPUT;
	m = calloc(1, sizeof *m);
	if (m == NULL || level_codes(s, level, &m->codes, &m->ncodes) != 0)
		goto oom;
	m->level = level;
	m->nlessons = c->nlessons;
	m->taught = calloc((size_t)(m->ncodes ? m->ncodes : 1) * (size_t)(c->nlessons ? c->nlessons : 1), 1);
	m->areas = calloc((size_t)(w->nareas ? w->nareas : 1), sizeof *m->areas);
	if (m->taught == NULL || m->areas == NULL)
		goto oom;
	for (i = 0; w->present && i < w->nareas; i++)
		if (w->areas[i].cells[level].state == TK_CELL_WEIGHT) {
			m->areas[m->nareas].area = i;
			m->areas[m->nareas].weight = w->areas[i].cells[level].weight;
			m->nareas++;
		}
	for (i = 0; i < m->ncodes; i++) {
		m->codes[i].area = tk_standard_area(s, TK_THEORY, level, code_req(&m->codes[i]));
		for (j = 0; j < c->ngaps; j++)
			if (!strcmp(c->gaps[j].code, m->codes[i].code)) {
				m->codes[i].gap = j;
				break;
			}
	}
	for (j = 0; j < c->nlessons; j++) {
		const struct tk_course_lesson *l = &c->lessons[j];
		int nvalid = 0;
		m->total += l->hours;
		for (k = 0; k < l->ncodes; k++) {
			i = find_code_index(m, l->codes[k]);
			if (i >= 0 && !m->taught[i * m->nlessons + j]) {
				m->taught[i * m->nlessons + j] = 1;
				m->codes[i].nlessons++;
				nvalid++;
			}
		}
		if (nvalid == 0) {
			m->unmapped += (double)l->hours / TK_HOUR;
			continue;
		}
		/* the lesson's hours, shared equally among its codes */
		for (i = 0; i < m->ncodes; i++) {
			double share = (double)l->hours / TK_HOUR / nvalid;
			int a;
			if (!m->taught[i * m->nlessons + j])
				continue;
			for (a = 0; a < m->nareas && m->areas[a].area != m->codes[i].area; a++)
				;
			if (a < m->nareas)
				m->areas[a].hours += share;
			else
				m->unmapped += share;
		}
	}
	m->required = s->levels[level].hours * TK_HOUR;
	*out = m;
	return TK_OK;
oom:
	tk_course_matrix_free(m);
	return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
}

/* ---- practice ----------------------------------------------------------- */

int tk_course_draw_pool(const struct tk_course *c, const struct tk_standard *s, int i,
			struct tk_bank *b, char ***ids, int *n, struct tk_error *err)
{
	const struct tk_course_lesson *l = &c->lessons[i];
	const struct tk_course_practice *p = &l->practice;
	struct tk_practice_filter f;
	struct tk_buf codes = TK_BUF_INIT, types = TK_BUF_INIT;
	int level, k, rc;

	*ids = NULL;
	*n = 0;
	if (p->mode != TK_PRACTICE_DRAW)
		return TK_OK;
	if ((level = tk_course_level(c, s, err)) < 0)
		return TK_EINPUT;
	for (k = 0; k < l->ncodes; k++)
		tk_buf_printf(&codes, "%s%s", k ? " " : "", l->codes[k]);
	for (k = 0; k < TK_NTYPES; k++)
		if (p->types & (1 << k))
			tk_buf_printf(&types, "%s%s", types.len ? " " : "", tk_type_name(k));
	if (codes.oom || types.oom) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	memset(&f, 0, sizeof f);
	f.standard = s->id;
	f.level = s->levels[level].id;
	f.codes = tk_buf_str(&codes);
	f.types = p->types ? tk_buf_str(&types) : NULL;
	f.kind = p->kind >= 0 ? tk_kind_name(p->kind) : NULL;
	f.dmin = p->dmin;
	f.dmax = p->dmax;
	rc = tk_bank_practice_items(b, &f, ids, n, err);
out:
	tk_buf_free(&codes);
	tk_buf_free(&types);
	return rc;
}

/* ---- lint --------------------------------------------------------------- */

struct lint {
	const struct tk_course *c;
	const struct tk_standard *s;
	struct tk_bank *b;
	struct tk_course_matrix *m;     /* NULL when the level is unknown */
	int level;
	struct tk_diags *d;
	struct tk_error *err;
};

static const char *level_name(const struct lint *L)
{
	return L->level >= 0 ? L->s->levels[L->level].name : L->c->level;
}

static void lint_codes(struct lint *L)
{
	const struct tk_course *c = L->c;
	const struct tk_course_matrix *m = L->m;
	int i, j, k;

	for (j = 0; j < c->nlessons; j++) {
		const struct tk_course_lesson *l = &c->lessons[j];
		for (k = 0; k < l->ncodes; k++) {
			for (i = 0; i < k && strcmp(l->codes[i], l->codes[k]); i++)
				;
			if (i < k)
				tk_diags_add(L->d, TK_DIAG_WARNING, c->file, l->line,
					     "lesson '%s' names code %s twice", l->id, l->codes[k]);
			else if (tk_course_find_code(m, l->codes[k]) == NULL)
				tk_diags_add(L->d, TK_DIAG_ERROR, c->file, l->line,
					     "lesson '%s': %s is not a requirement code of %s",
					     l->id, l->codes[k], level_name(L));
		}
	}
	for (i = 0; i < m->ncodes; i++) {
		const struct tk_course_code *cc = &m->codes[i];
		const struct tk_req *r = code_req(cc);
		if (cc->nlessons == 0 && cc->gap < 0)
			tk_diags_add(L->d, TK_DIAG_ERROR, c->file, c->line,
				     "code %s (%s) is taught by no lesson (teach it, or list it as a gap)",
				     cc->code, r->text ? r->text : "");
		else if (cc->nlessons > 0 && cc->gap >= 0) {
			for (j = 0; j < c->nlessons && !m->taught[i * m->nlessons + j]; j++)
				;
			tk_diags_add(L->d, TK_DIAG_WARNING, c->file, c->gaps[cc->gap].line,
				     "code %s is listed as a gap, but lesson '%s' teaches it",
				     cc->code, c->lessons[j].id);
		}
	}
	for (k = 0; k < c->ngaps; k++) {
		if (tk_course_find_code(m, c->gaps[k].code) == NULL)
			tk_diags_add(L->d, TK_DIAG_ERROR, c->file, c->gaps[k].line,
				     "gap %s is not a requirement code of %s", c->gaps[k].code,
				     level_name(L));
		for (i = 0; i < k; i++)
			if (!strcmp(c->gaps[i].code, c->gaps[k].code)) {
				tk_diags_add(L->d, TK_DIAG_WARNING, c->file, c->gaps[k].line,
					     "gap %s is listed twice", c->gaps[k].code);
				break;
			}
	}
}

static void lint_hours(struct lint *L, int tolerance)
{
	const struct tk_course *c = L->c;
	const struct tk_course_matrix *m = L->m;
	const struct tk_weights *w = &L->s->weights[TK_THEORY];
	char a[24], b[24];
	int i;

	if (m->required > 0 && m->total < m->required)
		tk_diags_add(L->d, TK_DIAG_ERROR, c->file, c->line,
			     "the lessons give %s class hours; %s asks for at least %s",
			     tk_course_hours_format(m->total, a), level_name(L),
			     tk_course_hours_format(m->required, b));
	if (m->total <= 0)
		return;
	for (i = 0; i < m->nareas; i++) {
		const struct tk_course_area *ar = &m->areas[i];
		double share = 100.0 * ar->hours * TK_HOUR / m->total;
		if (fabs(share - ar->weight) > tolerance + 1e-9)
			tk_diags_add(L->d, TK_DIAG_ERROR, c->file, c->line,
				     "area '%s' has %d%% of the theory weight table but %.1f%% of the "
				     "class hours (%.1f of %s); more than %d points off",
				     w->areas[ar->area].name, ar->weight, share, ar->hours,
				     tk_course_hours_format(m->total, a), tolerance);
	}
}

/* Lesson bodies: there, inside the folder, readable, pointing at what is
   there. */
static void lint_bodies(struct lint *L)
{
	const struct tk_course *c = L->c;
	int i, j;

	for (i = 0; i < c->nlessons; i++) {
		const struct tk_course_lesson *l = &c->lessons[i];
		struct tk_md_doc *doc = NULL;
		struct tk_error e = {0};
		struct stat st;
		char *rel = NULL, *path, *slash;
		int why;

		if (l->hours == 0)
			tk_diags_add(L->d, TK_DIAG_WARNING, c->file, l->line,
				     "lesson '%s' has no class hours", l->id);
		for (j = 0; j < i; j++)
			if (!strcmp(c->lessons[j].body, l->body))
				break;
		if (j < i) {            /* checked with the lesson before */
			tk_diags_add(L->d, TK_DIAG_WARNING, c->file, l->line,
				     "lessons '%s' and '%s' have the same body '%s'",
				     c->lessons[j].id, l->id, l->body);
			continue;
		}
		why = tk_md_resolve("", l->body, &rel);
		if (why != TK_MD_PATH_OK) {
			tk_diags_add(L->d, TK_DIAG_ERROR, c->file, l->line,
				     "lesson '%s': its body '%s' is outside the course folder",
				     l->id, l->body);
			continue;
		}
		path = tk_course_body_path(c, i);
		if (path == NULL) {
			free(rel);
			continue;
		}
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			tk_diags_add(L->d, TK_DIAG_ERROR, c->file, l->line,
				     "lesson '%s': its body '%s' does not exist", l->id, l->body);
		} else if (tk_md_load(path, &doc, L->d, &e) != TK_EINTERNAL && doc) {
			slash = strrchr(rel, '/');
			if (slash)
				*slash = '\0';
			tk_md_check(doc, c->dir, slash ? rel : "", L->d);
		}
		tk_md_free(doc);
		free(path);
		free(rel);
	}
}

static int has_code(const struct tk_course_lesson *l, const struct tk_item *it)
{
	int i, j;

	for (i = 0; i < it->ncodes; i++)
		for (j = 0; j < l->ncodes; j++)
			if (!strcmp(it->codes[i], l->codes[j]))
				return 1;
	return 0;
}

int tk_course_check_fixed(const struct tk_course *c, const struct tk_standard *s, int level,
			  struct tk_bank *b, int lesson, struct tk_diags *d, struct tk_error *err)
{
	const struct tk_course_lesson *l = &c->lessons[lesson];
	const struct tk_course_practice *p = &l->practice;
	int i, j, rc;

	for (i = 0; i < p->nitems; i++) {
		const char *id = p->items[i];
		int line = p->item_lines[i];
		struct tk_item *it = NULL;
		char *batch = NULL;

		for (j = 0; j < i && strcmp(p->items[j], id); j++)
			;
		if (j < i) {
			tk_diags_add(d, TK_DIAG_WARNING, c->file, line,
				     "practice item '%s' is listed twice", id);
			continue;
		}
		if ((rc = tk_bank_get_item(b, id, &it, err)) != TK_OK)
			return rc;
		if (it == NULL) {
			tk_diags_add(d, TK_DIAG_ERROR, c->file, line,
				     "practice item '%s' is not in the bank", id);
			continue;
		}
		if ((rc = tk_bank_item_official(b, id, &batch, err)) != TK_OK) {
			tk_item_free(it);
			return rc;
		}
		if (batch)
			tk_diags_add(d, TK_DIAG_ERROR, c->file, line,
				     "practice item '%s' is on the committed official batch '%s': "
				     "items of official papers are never practice", id, batch);
		if (it->status != TK_APPROVED)
			tk_diags_add(d, TK_DIAG_ERROR, c->file, line,
				     "practice item '%s' is %s, not approved", id,
				     tk_status_name(it->status));
		if (strcmp(it->standard, s->id))
			tk_diags_add(d, TK_DIAG_ERROR, c->file, line,
				     "practice item '%s' belongs to standard '%s', not '%s'",
				     id, it->standard, s->id);
		else if (level >= 0 && strcmp(it->level, s->levels[level].id))
			tk_diags_add(d, TK_DIAG_ERROR, c->file, line,
				     "practice item '%s' is of level %s, not %s", id, it->level,
				     s->levels[level].id);
		else if (!has_code(l, it))
			tk_diags_add(d, TK_DIAG_WARNING, c->file, line,
				     "practice item '%s' is on none of the codes of lesson '%s'",
				     id, l->id);
		free(batch);
		tk_item_free(it);
	}
	return TK_OK;
}

static int lint_practice(struct lint *L)
{
	const struct tk_course *c = L->c;
	int i, rc;

	for (i = 0; i < c->nlessons; i++) {
		const struct tk_course_lesson *l = &c->lessons[i];
		char **ids = NULL;
		int n = 0, k;

		if (l->practice.mode == TK_PRACTICE_ITEMS) {
			if ((rc = tk_course_check_fixed(c, L->s, L->level, L->b, i, L->d,
							 L->err)) != TK_OK)
				return rc;
			continue;
		}
		if (l->practice.mode != TK_PRACTICE_DRAW || L->level < 0)
			continue;
		if ((rc = tk_course_draw_pool(c, L->s, i, L->b, &ids, &n, L->err)) != TK_OK)
			return rc;
		if (n < l->practice.count)
			tk_diags_add(L->d, TK_DIAG_ERROR, c->file, l->practice.line,
				     "lesson '%s' draws %d practice items, but the bank has %d that "
				     "fit (approved, on the lesson's codes, of the types and "
				     "difficulty asked, on no official batch)",
				     l->id, l->practice.count, n);
		for (k = 0; k < n; k++)
			free(ids[k]);
		free(ids);
	}
	return TK_OK;
}

static void lint_blueprint(struct lint *L, const struct tk_course_test *t)
{
	const struct tk_course *c = L->c;
	struct tk_blueprint *bp = NULL;
	struct tk_diags bd = TK_DIAGS_INIT;
	struct tk_error e = {0};
	struct tk_buf path = TK_BUF_INIT;

	if (t->blueprint == NULL)
		return;
	tk_buf_printf(&path, "%s/%s", c->dir, t->blueprint);
	if (tk_blueprint_load(tk_buf_str(&path), &bp, &bd, &e) != TK_OK) {
		tk_diags_add(L->d, TK_DIAG_ERROR, c->file, t->line,
			     "blueprint '%s' cannot be read: %s", t->blueprint, e.msg);
		goto out;
	}
	if (strcmp(bp->standard, L->s->id)) {
		tk_diags_add(L->d, TK_DIAG_ERROR, c->file, t->line,
			     "blueprint '%s' is for standard '%s', not '%s'", t->blueprint,
			     bp->standard, L->s->id);
		goto out;
	}
	if (L->level >= 0 && tk_standard_level(L->s, bp->level) != L->level) {
		tk_diags_add(L->d, TK_DIAG_ERROR, c->file, t->line,
			     "blueprint '%s' is for level %s, not %s", t->blueprint, bp->level,
			     level_name(L));
		goto out;
	}
	tk_blueprint_resolve(bp, L->s, &bd, &e);
	tk_diags_move(L->d, &bd);
out:
	tk_diags_free(&bd);
	tk_buf_free(&path);
	tk_blueprint_free(bp);
}

int tk_course_lint(const struct tk_course *c, const struct tk_standard *s,
		   struct tk_bank *b, int tolerance, struct tk_diags *d,
		   struct tk_error *err)
{
	struct lint L = {c, s, b, NULL, -1, d, err};
	struct tk_error e = {0};
	int i, rc = TK_OK;

	if (strcmp(c->standard, s->id)) {
		tk_diags_add(d, TK_DIAG_ERROR, c->file, c->line,
			     "the course follows standard '%s', not '%s'", c->standard, s->id);
		return TK_OK;
	}
	L.level = tk_standard_level(s, c->level);
	rc = tk_course_matrix(c, s, &L.m, &e);
	if (rc == TK_EINPUT) {
		tk_diags_add(d, TK_DIAG_ERROR, c->file, e.line, "%s", e.msg);
		rc = TK_OK;
	} else if (rc != TK_OK) {
		*err = e;
		return rc;
	}
	if (L.m) {
		lint_codes(&L);
		lint_hours(&L, tolerance);
	}
	lint_bodies(&L);
	if (b && (rc = lint_practice(&L)) != TK_OK)
		goto out;
	for (i = 0; i < c->nmodules; i++)
		lint_blueprint(&L, &c->modules[i].test);
	lint_blueprint(&L, &c->exam);
	if (d->oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
out:
	tk_course_matrix_free(L.m);
	return rc;
}

/* ---- new courses ---------------------------------------------------------- */

/*
 * Share units among n parts in proportion to weights (integers), each
 * part's floor first and the units left over to the largest remainders
 * (the earlier part on a tie), so that the parts sum to units exactly.
 */
static void largest_remainder(int units, const long *weights, int n, int *out)
{
	long total = 0, *rem;
	int i, left = units, k;

	for (i = 0; i < n; i++)
		total += weights[i];
	for (i = 0; i < n; i++)
		out[i] = 0;
	if (n == 0 || total <= 0)
		return;
	rem = calloc((size_t)n, sizeof *rem);
	for (i = 0; i < n; i++) {
		long long num = (long long)units * weights[i];
		out[i] = (int)(num / total);
		if (rem)
			rem[i] = (long)(num % total);
		left -= out[i];
	}
	while (left > 0) {
		k = 0;
		for (i = 1; i < n; i++)
			if (rem && rem[i] > rem[k])
				k = i;
		out[k]++;
		if (rem)
			rem[k] = -1;
		left--;
	}
	free(rem);
}

/* The pass mark the standard sets for the level: the first scheme's
   theory paper, else its combined mark; 60 when none says. */
static int standard_pass(const struct tk_standard *s, int level)
{
	int i, j;

	for (i = 0; i < s->nassessments; i++) {
		const struct tk_assessment *a = &s->assessments[i];
		for (j = 0; j < a->npapers; j++)
			if (a->papers[j].kind == TK_THEORY && a->papers[j].pass > 0 &&
			    (a->papers[j].level == level || a->papers[j].level < 0))
				return a->papers[j].pass;
		if (a->combine && a->combine_pass > 0)
			return a->combine_pass;
	}
	return 60;
}

/* Add a lesson to the course being built (the last module). */
static int add_lesson(struct builder *b, const char *id, const char *title, int module)
{
	struct tk_course *c = b->c;
	struct tk_course_lesson *v = tk_grow(c->lessons, c->nlessons, sizeof *v, &b->oom), *l;
	struct tk_buf body = TK_BUF_INIT;

	if (v == NULL)
		return -1;
	c->lessons = v;
	l = &c->lessons[c->nlessons++];
	memset(l, 0, sizeof *l);
	l->id = tk_strdup(id);
	l->title = tk_strdup(title);
	tk_buf_printf(&body, "lessons/%s.md", id);
	l->body = tk_buf_detach(&body);
	l->module = module;
	l->practice.kind = -1;
	if (l->id == NULL || l->title == NULL || l->body == NULL)
		b->oom = 1;
	return b->oom ? -1 : c->nlessons - 1;
}

static int add_module(struct builder *b, const char *id, const char *title)
{
	struct tk_course *c = b->c;
	struct tk_course_module *v = tk_grow(c->modules, c->nmodules, sizeof *v, &b->oom), *m;

	if (v == NULL)
		return -1;
	c->modules = v;
	m = &c->modules[c->nmodules++];
	memset(m, 0, sizeof *m);
	m->id = tk_strdup(id);
	m->title = tk_strdup(title);
	m->first = c->nlessons;
	if (m->id == NULL || m->title == NULL)
		b->oom = 1;
	return b->oom ? -1 : c->nmodules - 1;
}

static int strcmp_codes(const void *x, const void *y)
{
	return code_cmp(*(char *const *)x, *(char *const *)y);
}

/* Lessons of the module: per basics group, or per task of a function. */
static void scaffold_lessons(struct builder *b, const struct tk_standard *s, int level,
			     int parent, int module)
{
	int t, i, j, li;

	for (t = 0; t < s->nreqs && !b->oom; t++) {
		const struct tk_req *task = &s->reqs[t];
		struct tk_course_lesson *l;
		char id[48];

		if (parent >= 0 ? task->parent != parent || task->type != TK_REQ_TASK :
		    task->type != TK_REQ_BASIC_GROUP)
			continue;
		snprintf(id, sizeof id, "%s%s", parent >= 0 ? "" : "B", task->code);
		if ((li = add_lesson(b, id, task->text ? task->text : id, module)) < 0)
			return;
		l = &b->c->lessons[li];
		for (i = 0; i < s->nreqs; i++) {
			const struct tk_req *r = &s->reqs[i];
			char code[48];
			if (r->parent != t || (r->type != TK_REQ_BASIC && r->level != level))
				continue;
			snprintf(code, sizeof code, "%s%s", parent >= 0 ? "" : "B", r->code);
			for (j = 0; j < l->ncodes && strcmp(l->codes[j], code); j++)
				;
			if (j == l->ncodes && !tk_item_strlist_add(&l->codes, &l->ncodes, code))
				b->oom = 1;
		}
		if (l->ncodes == 0) {           /* a task without lines teaches nothing */
			free(l->id);
			free(l->title);
			free(l->body);
			free(l->codes);
			b->c->nlessons--;
			continue;
		}
		qsort(l->codes, (size_t)l->ncodes, sizeof *l->codes, strcmp_codes);
	}
}

/* Does the weight-table reference ref name the module for function f
   ("1", "1.2" name function 1; "B..." the basics, f NULL)? */
static int ref_names(const char *ref, const char *f)
{
	size_t n;

	if (f == NULL)
		return ref[0] == 'B';
	if (ref[0] == 'B')
		return 0;
	n = strlen(f);
	return !strncmp(ref, f, n) && (ref[n] == '\0' || ref[n] == '.');
}

/*
 * The weight of each lesson within its module: its codes' shares of the
 * theory weight table, each area's weight spread evenly over the level's
 * codes it covers (in units fine enough that the sums stay exact for up
 * to 16 codes an area, and nearly so beyond).
 */
static int lesson_weights(const struct tk_course *c, const struct tk_standard *s, int level,
			  long *lw)
{
	const struct tk_weights *w = &s->weights[TK_THEORY];
	struct tk_course_code *codes = NULL;
	int *count = NULL, ncodes = 0, i, j, k;

	if (level_codes(s, level, &codes, &ncodes) != 0)
		return -1;
	count = calloc((size_t)w->nareas + 1, sizeof *count);
	if (count == NULL) {
		free(codes);
		return -1;
	}
	for (i = 0; i < ncodes; i++) {
		codes[i].area = tk_standard_area(s, TK_THEORY, level, code_req(&codes[i]));
		if (codes[i].area >= 0)
			count[codes[i].area]++;
	}
	for (j = 0; j < c->nlessons; j++) {
		lw[j] = 0;
		for (k = 0; k < c->lessons[j].ncodes; k++)
			for (i = 0; i < ncodes; i++)
				if (codes[i].area >= 0 && !strcmp(codes[i].code, c->lessons[j].codes[k]))
					lw[j] += (long)w->areas[codes[i].area].cells[level].weight *
						 720720L / count[codes[i].area];
	}
	free(count);
	free(codes);
	return 0;
}

/* Class hours for the modules and their lessons, as tk_course_scaffold says. */
static int scaffold_hours(struct builder *b, const struct tk_standard *s, int level,
			  int hours, char **fcodes)
{
	struct tk_course *c = b->c;
	const struct tk_weights *w = &s->weights[TK_THEORY];
	long *mw = calloc((size_t)c->nmodules + 1, sizeof *mw);
	long *lw = calloc((size_t)c->nlessons + 1, sizeof *lw);
	int *mu = calloc((size_t)c->nmodules + 1, sizeof *mu);
	int *lu = calloc((size_t)c->nlessons + 1, sizeof *lu);
	int i, j, k, nt, units = hours / (TK_HOUR / 2);
	long total = 0, mtotal;

	if (mw == NULL || mu == NULL || lw == NULL || lu == NULL ||
	    lesson_weights(c, s, level, lw) != 0)
		goto oom;
	/* each area's weight, shared equally among the modules it covers
	   (in sixtieths, so that shares among up to six are exact) */
	for (i = 0; w->present && i < w->nareas; i++) {
		const struct tk_cell *cell = &w->areas[i].cells[level];
		if (cell->state != TK_CELL_WEIGHT)
			continue;
		for (nt = 0, j = 0; j < c->nmodules; j++)
			for (k = 0; k < cell->ncovers; k++)
				if (ref_names(cell->covers[k], fcodes[j])) {
					nt++;
					break;
				}
		for (j = 0; nt && j < c->nmodules; j++)
			for (k = 0; k < cell->ncovers; k++)
				if (ref_names(cell->covers[k], fcodes[j])) {
					mw[j] += (long)cell->weight * 60 / nt;
					break;
				}
	}
	for (j = 0; j < c->nmodules; j++)
		total += mw[j];
	if (total == 0)         /* no weights: by the number of codes */
		for (j = 0; j < c->nmodules; j++)
			for (k = 0; k < c->modules[j].nlessons; k++)
				mw[j] += c->lessons[c->modules[j].first + k].ncodes;
	largest_remainder(units, mw, c->nmodules, mu);
	/* within a module: by the lessons' shares of the weight table, or
	   by their number of codes where the table gives the module none */
	for (j = 0; j < c->nmodules; j++) {
		const struct tk_course_module *m = &c->modules[j];
		for (mtotal = 0, k = 0; k < m->nlessons; k++)
			mtotal += lw[m->first + k];
		for (k = 0; mtotal == 0 && k < m->nlessons; k++)
			lw[m->first + k] = c->lessons[m->first + k].ncodes;
		/* half an hour for each lesson first, where there are enough */
		nt = mu[j] >= m->nlessons ? 1 : 0;
		largest_remainder(mu[j] - nt * m->nlessons, lw + m->first, m->nlessons,
				  lu + m->first);
		for (k = 0; k < m->nlessons; k++)
			c->lessons[m->first + k].hours = (lu[m->first + k] + nt) * (TK_HOUR / 2);
	}
	free(lw);
	free(lu);
	free(mw);
	free(mu);
	return 0;
oom:
	free(lw);
	free(lu);
	free(mw);
	free(mu);
	b->oom = 1;
	return -1;
}

int tk_course_scaffold(const struct tk_standard *s, int level, int hours,
		       const char *dir, struct tk_course **out, struct tk_error *err)
{
	struct tk_course *c;
	struct builder b;
	struct tk_buf t = TK_BUF_INIT;
	char **fcodes = NULL;   /* per module: its function's code, NULL for the basics */
	int i, m, nf = 0, has_basics = 0;

	*out = NULL;
	if (level < 0 || level >= s->nlevels)
		return tk_error_set(err, TK_EUSAGE, NULL, 0, "no such level");
	if (hours == 0)
		hours = s->levels[level].hours * TK_HOUR;
	if (hours <= 0)
		return tk_error_set(err, TK_EUSAGE, s->file, s->levels[level].line,
				    "standard '%s' gives no class hours for %s: name them",
				    s->id, s->levels[level].name);
	if (hours % (TK_HOUR / 2))
		return tk_error_set(err, TK_EUSAGE, NULL, 0,
				    "class hours must be a multiple of 0.5");
	c = calloc(1, sizeof *c);
	if (c == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	memset(&b, 0, sizeof b);
	b.c = c;
	c->dir = clean_dir(dir);
	tk_buf_printf(&t, "%s/course.xml", c->dir ? c->dir : ".");
	c->file = tk_buf_detach(&t);
	tk_buf_printf(&t, "%s-%s", s->id, s->levels[level].id);
	c->id = tk_buf_detach(&t);
	tk_buf_printf(&t, "%s（%s）", s->title ? s->title : s->id, s->levels[level].name);
	c->title = tk_buf_detach(&t);
	c->standard = tk_strdup(s->id);
	c->level = tk_strdup(s->levels[level].id);
	c->pass = standard_pass(s, level);
	c->line = 1;
	if (!c->dir || !c->file || !c->id || !c->title || !c->standard || !c->level)
		b.oom = 1;
	for (i = 0; i < s->nreqs; i++) {
		if (s->reqs[i].type == TK_REQ_BASIC_GROUP)
			has_basics = 1;
		if (s->reqs[i].type == TK_REQ_FUNCTION && s->reqs[i].level == level)
			nf++;
	}
	fcodes = calloc((size_t)nf + 2, sizeof *fcodes);
	if (fcodes == NULL)
		b.oom = 1;
	if (!b.oom && has_basics && (m = add_module(&b, "basics", "基本要求")) >= 0) {
		scaffold_lessons(&b, s, level, -1, m);
		c->modules[m].nlessons = c->nlessons - c->modules[m].first;
		if (c->modules[m].nlessons == 0) {
			c->nmodules--;
			free(c->modules[c->nmodules].id);
			free(c->modules[c->nmodules].title);
		}
	}
	for (i = 0; i < s->nreqs && !b.oom; i++) {
		const struct tk_req *f = &s->reqs[i];
		char id[48];
		if (f->type != TK_REQ_FUNCTION || f->level != level)
			continue;
		snprintf(id, sizeof id, "f%s", f->code);
		if ((m = add_module(&b, id, f->text ? f->text : id)) < 0)
			break;
		fcodes[m] = f->code;
		scaffold_lessons(&b, s, level, i, m);
		c->modules[m].nlessons = c->nlessons - c->modules[m].first;
		if (c->modules[m].nlessons == 0) {
			c->nmodules--;
			free(c->modules[c->nmodules].id);
			free(c->modules[c->nmodules].title);
			fcodes[m] = NULL;
		}
	}
	if (!b.oom && c->nlessons == 0) {
		free(fcodes);
		tk_course_free(c);
		return tk_error_set(err, TK_EINPUT, s->file, s->levels[level].line,
				    "standard '%s' has no requirements at %s to teach",
				    s->id, s->levels[level].name);
	}
	if (!b.oom)
		scaffold_hours(&b, s, level, hours, fcodes);
	free(fcodes);
	if (b.oom) {
		tk_course_free(c);
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	*out = c;
	return TK_OK;
}

/* ---- courses built by code (scripts) ------------------------------------ */

int tk_course_new(const char *dir, const char *id, const char *standard, const char *level,
		  const char *title, int pass, struct tk_course **out, struct tk_error *err)
{
	struct tk_course *c = calloc(1, sizeof *c);
	struct tk_buf t = TK_BUF_INIT;

	*out = NULL;
	if (c == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	c->dir = clean_dir(dir);
	tk_buf_printf(&t, "%s/course.xml", c->dir ? c->dir : ".");
	c->file = tk_buf_detach(&t);
	c->id = tk_strdup(id);
	c->standard = tk_strdup(standard);
	c->level = tk_strdup(level);
	c->title = tk_strdup(title);
	c->pass = pass;
	c->line = 1;
	if (!c->dir || !c->file || !c->id || !c->standard || !c->level || !c->title) {
		tk_course_free(c);
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	*out = c;
	return TK_OK;
}

int tk_course_set_about(struct tk_course *c, const char *description, const char *version,
			struct tk_error *err)
{
	char *d = description ? strdup(description) : NULL, *v = version ? strdup(version) : NULL;

	if ((description && !d) || (version && !v)) {
		free(d);
		free(v);
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	free(c->description);
	free(c->version);
	c->description = d;
	c->version = v;
	return TK_OK;
}

int tk_course_add_module(struct tk_course *c, const char *id, const char *title,
			 struct tk_error *err)
{
	struct builder b;
	int m;

	memset(&b, 0, sizeof b);
	b.c = c;
	if ((m = add_module(&b, id, title)) < 0)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	return m;
}

int tk_course_add_lesson(struct tk_course *c, const char *id, const char *title, int hours,
			 const char *body, const char *codes, struct tk_error *err)
{
	struct tk_course_lesson *l;
	struct builder b;
	char *copy, *p, *save = NULL;
	int i;

	if (c->nmodules == 0)
		return tk_error_set(err, TK_EUSAGE, NULL, 0, "a lesson needs a module first");
	memset(&b, 0, sizeof b);
	b.c = c;
	if ((i = add_lesson(&b, id, title, c->nmodules - 1)) < 0)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	c->modules[c->nmodules - 1].nlessons++;
	l = &c->lessons[i];
	l->hours = hours;
	if (body) {
		free(l->body);
		if ((l->body = strdup(body)) == NULL)
			b.oom = 1;
	}
	if ((copy = strdup(codes ? codes : "")) == NULL)
		b.oom = 1;
	for (p = copy ? strtok_r(copy, " \t\n", &save) : NULL; p && !b.oom;
	     p = strtok_r(NULL, " \t\n", &save))
		if (!tk_item_strlist_add(&l->codes, &l->ncodes, p))
			b.oom = 1;
	free(copy);
	if (b.oom)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	return i;
}

int tk_course_add_practice_item(struct tk_course *c, int lesson, const char *id,
				struct tk_error *err)
{
	struct tk_course_practice *p = &c->lessons[lesson].practice;
	int oom = 0, *v;

	if (p->mode == TK_PRACTICE_DRAW)
		return tk_error_set(err, TK_EUSAGE, NULL, 0,
				    "lesson '%s' draws its practice: it cannot name items too",
				    c->lessons[lesson].id);
	v = tk_grow(p->item_lines, p->nitems, sizeof *v, &oom);
	if (v)
		p->item_lines = v;
	if (oom || !tk_item_strlist_add(&p->items, &p->nitems, id))
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	p->item_lines[p->nitems - 1] = 0;
	p->mode = TK_PRACTICE_ITEMS;
	return TK_OK;
}

int tk_course_set_draw(struct tk_course *c, int lesson, const struct tk_course_practice *draw,
		       struct tk_error *err)
{
	struct tk_course_practice *p = &c->lessons[lesson].practice;

	if (p->mode == TK_PRACTICE_ITEMS)
		return tk_error_set(err, TK_EUSAGE, NULL, 0,
				    "lesson '%s' names its practice items: it cannot draw too",
				    c->lessons[lesson].id);
	p->mode = TK_PRACTICE_DRAW;
	p->count = draw->count;
	p->seed = draw->seed;
	p->types = draw->types;
	p->kind = draw->kind;
	p->dmin = draw->dmin ? draw->dmin : 1;
	p->dmax = draw->dmax ? draw->dmax : 5;
	return TK_OK;
}

int tk_course_set_test(struct tk_course *c, int module, const char *blueprint, uint64_t seed,
		       struct tk_error *err)
{
	struct tk_course_test *t = module < 0 ? &c->exam : &c->modules[module].test;
	char *bp = strdup(blueprint);

	if (bp == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	free(t->blueprint);
	t->blueprint = bp;
	t->seed = seed;
	return TK_OK;
}

/* Markdown text with the characters that could start markup escaped. */
static void md_text(struct tk_buf *out, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_{}[]<>#+-.!|~", *s))
			tk_buf_putc(out, '\\');
		if (*s == '\n' || *s == '\r')
			tk_buf_putc(out, ' ');
		else
			tk_buf_putc(out, *s);
	}
}

void tk_course_scaffold_body(const struct tk_course *c, const struct tk_standard *s,
			     int i, struct tk_buf *out)
{
	const struct tk_course_lesson *l = &c->lessons[i];
	struct tk_course_code *codes = NULL;
	int level = tk_standard_level(s, c->level), ncodes = 0, k, j;

	tk_buf_puts(out, "# ");
	md_text(out, l->title);
	tk_buf_puts(out, "\n\n");
	if (level < 0 || level_codes(s, level, &codes, &ncodes) != 0) {
		free(codes);
		return;
	}
	tk_buf_puts(out, "本课对应《");
	md_text(out, s->title ? s->title : s->id);
	tk_buf_printf(out, "》%s的要求：\n\n", s->levels[level].name);
	for (k = 0; k < l->ncodes; k++) {
		const struct tk_course_code *cc = NULL;
		for (j = 0; j < ncodes; j++)
			if (!strcmp(codes[j].code, l->codes[k]))
				cc = &codes[j];
		if (cc == NULL)
			continue;
		if (cc->basic) {
			tk_buf_printf(out, "- **%s** 基本要求：", cc->code);
			md_text(out, cc->basic->text ? cc->basic->text : "");
			tk_buf_putc(out, '\n');
		}
		if (cc->skill) {
			tk_buf_printf(out, "- **%s** 技能要求：", cc->code);
			md_text(out, cc->skill->text ? cc->skill->text : "");
			tk_buf_putc(out, '\n');
		}
		if (cc->knowledge) {
			tk_buf_printf(out, "- **%s** 相关知识要求：", cc->code);
			md_text(out, cc->knowledge->text ? cc->knowledge->text : "");
			tk_buf_putc(out, '\n');
		}
	}
	free(codes);
}

/* ---- writing -------------------------------------------------------------- */

static void xml_attr(struct tk_buf *b, const char *name, const char *v)
{
	tk_buf_printf(b, " %s=\"", name);
	tk_buf_xml(b, v, 1);
	tk_buf_putc(b, '"');
}

static void xml_test(struct tk_buf *b, const char *indent, const char *el,
		     const struct tk_course_test *t)
{
	if (t->blueprint == NULL)
		return;
	tk_buf_printf(b, "%s<%s", indent, el);
	xml_attr(b, "blueprint", t->blueprint);
	if (t->seed)
		tk_buf_printf(b, " seed=\"%" PRIu64 "\"", t->seed);
	tk_buf_puts(b, "/>\n");
}

static void xml_practice(struct tk_buf *b, const struct tk_course_practice *p)
{
	int i, first = 1;

	tk_buf_puts(b, "      <practice>");
	if (p->mode == TK_PRACTICE_ITEMS) {
		for (i = 0; i < p->nitems; i++) {
			tk_buf_puts(b, "\n        <item");
			xml_attr(b, "ref", p->items[i]);
			tk_buf_puts(b, "/>");
		}
		tk_buf_puts(b, "\n      </practice>\n");
		return;
	}
	tk_buf_printf(b, "<draw count=\"%d\"", p->count);
	if (p->seed)
		tk_buf_printf(b, " seed=\"%" PRIu64 "\"", p->seed);
	if (p->types) {
		tk_buf_puts(b, " types=\"");
		for (i = 0; i < TK_NTYPES; i++)
			if (p->types & (1 << i)) {
				tk_buf_printf(b, "%s%s", first ? "" : " ", tk_type_name(i));
				first = 0;
			}
		tk_buf_putc(b, '"');
	}
	if (p->kind >= 0)
		tk_buf_printf(b, " kind=\"%s\"", tk_kind_name(p->kind));
	if (p->dmin != 1 || p->dmax != 5) {
		if (p->dmin == p->dmax)
			tk_buf_printf(b, " difficulty=\"%d\"", p->dmin);
		else
			tk_buf_printf(b, " difficulty=\"%d-%d\"", p->dmin, p->dmax);
	}
	tk_buf_puts(b, "/></practice>\n");
}

void tk_course_xml(const struct tk_course *c, struct tk_buf *b)
{
	char h[24];
	int i, j, k;

	tk_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<!-- A tiku course (schema/course.rng).  A lesson's practice is fixed items,\n"
		    "       <practice><item ref=\"ID\"/><item ref=\"ID\"/></practice>\n"
		    "     or a draw from the bank's approved items on the lesson's codes,\n"
		    "       <practice><draw count=\"10\" seed=\"1\" types=\"single truefalse\""
		    " difficulty=\"1-3\"/></practice>\n"
		    "     Codes left out on purpose: <gaps><gap code=\"CODE\">why</gap></gaps>"
		    " after the modules. -->\n");
	tk_buf_puts(b, "<course xmlns=\"urn:tiku:course:1\"");
	xml_attr(b, "id", c->id);
	xml_attr(b, "standard", c->standard);
	xml_attr(b, "level", c->level);
	tk_buf_printf(b, " pass=\"%d\"", c->pass);
	if (c->version)
		xml_attr(b, "version", c->version);
	tk_buf_puts(b, ">\n  <title>");
	tk_buf_xml(b, c->title ? c->title : c->id, 0);
	tk_buf_puts(b, "</title>\n");
	if (c->description) {
		tk_buf_puts(b, "  <description>");
		tk_buf_xml(b, c->description, 0);
		tk_buf_puts(b, "</description>\n");
	}
	for (i = 0; i < c->nmodules; i++) {
		const struct tk_course_module *m = &c->modules[i];
		tk_buf_puts(b, "  <module");
		xml_attr(b, "id", m->id);
		xml_attr(b, "title", m->title);
		tk_buf_puts(b, ">\n");
		for (j = m->first; j < m->first + m->nlessons; j++) {
			const struct tk_course_lesson *l = &c->lessons[j];
			tk_buf_puts(b, "    <lesson");
			xml_attr(b, "id", l->id);
			xml_attr(b, "title", l->title);
			xml_attr(b, "hours", tk_course_hours_format(l->hours, h));
			xml_attr(b, "body", l->body);
			tk_buf_puts(b, " codes=\"");
			for (k = 0; k < l->ncodes; k++) {
				if (k)
					tk_buf_putc(b, ' ');
				tk_buf_xml(b, l->codes[k], 1);
			}
			tk_buf_putc(b, '"');
			if (l->practice.mode == TK_PRACTICE_NONE) {
				tk_buf_puts(b, "/>\n");
				continue;
			}
			tk_buf_puts(b, ">\n");
			xml_practice(b, &l->practice);
			tk_buf_puts(b, "    </lesson>\n");
		}
		xml_test(b, "    ", "test", &m->test);
		tk_buf_puts(b, "  </module>\n");
	}
	xml_test(b, "  ", "exam", &c->exam);
	if (c->ngaps) {
		tk_buf_puts(b, "  <gaps>\n");
		for (i = 0; i < c->ngaps; i++) {
			tk_buf_puts(b, "    <gap");
			xml_attr(b, "code", c->gaps[i].code);
			tk_buf_putc(b, '>');
			tk_buf_xml(b, c->gaps[i].reason ? c->gaps[i].reason : "", 0);
			tk_buf_puts(b, "</gap>\n");
		}
		tk_buf_puts(b, "  </gaps>\n");
	}
	tk_buf_puts(b, "</course>\n");
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* Remove the temporary folder a failed write made, and all in it. */
static void rm_tree(const char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Make the folders of rel (a path inside root) up to its last part. */
static int make_parents(const char *root, const char *rel, struct tk_error *err)
{
	struct tk_buf p = TK_BUF_INIT;
	const char *s;
	int rc = TK_OK;

	for (s = strchr(rel, '/'); s; s = strchr(s + 1, '/')) {
		tk_buf_reset(&p);
		tk_buf_printf(&p, "%s/%.*s", root, (int)(s - rel), rel);
		if (p.oom) {
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			break;
		}
		if (mkdir(p.s, 0777) != 0 && errno != EEXIST) {
			rc = tk_error_set(err, TK_EINTERNAL, p.s, 0, "cannot create folder: %s",
					  strerror(errno));
			break;
		}
	}
	tk_buf_free(&p);
	return rc;
}

/* Is dir missing, or an empty folder?  Else an error saying what it is. */
static int usable_dir(const char *dir, struct tk_error *err)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	int empty = 1;

	if (lstat(dir, &st) != 0)
		return errno == ENOENT ? TK_OK :
		       tk_error_set(err, TK_EINPUT, dir, 0, "cannot use: %s", strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return tk_error_set(err, TK_EINPUT, dir, 0, "exists and is not a folder");
	if ((d = opendir(dir)) == NULL)
		return tk_error_set(err, TK_EINPUT, dir, 0, "cannot use: %s", strerror(errno));
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			empty = 0;
			break;
		}
	closedir(d);
	if (!empty)
		return tk_error_set(err, TK_EINPUT, dir, 0,
				    "exists and is not empty (a new course needs a new folder)");
	return TK_OK;
}

int tk_course_write(const struct tk_course *c, const char *const *bodies,
		    struct tk_error *err)
{
	struct tk_buf tmp = TK_BUF_INIT, path = TK_BUF_INIT, xml = TK_BUF_INIT;
	const char *dir = c->dir, *base;
	char *slash, *rel = NULL;
	mode_t mask;
	int rc, i, made = 0;

	if ((rc = usable_dir(dir, err)) != TK_OK)
		return rc;
	/* the temporary folder: beside the course, so that rename is atomic */
	slash = strrchr(dir, '/');
	base = slash ? slash + 1 : dir;
	if (slash)
		tk_buf_printf(&tmp, "%.*s/", (int)(slash - dir + (slash == dir)), dir);
	tk_buf_printf(&tmp, ".%s.tmp-XXXXXX", base);
	if (tmp.oom) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	if (mkdtemp(tmp.s) == NULL) {
		rc = tk_error_set(err, TK_EINPUT, dir, 0, "cannot create the course folder: %s",
				  strerror(errno));
		goto out;
	}
	made = 1;
	tk_course_xml(c, &xml);
	tk_buf_printf(&path, "%s/course.xml", tmp.s);
	if (xml.oom || path.oom) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	/* a course built by a script is held to the schema like any other */
	{
		struct tk_course *again = NULL;
		rc = tk_course_parse(xml.s, xml.len, dir, &again, NULL, err);
		tk_course_free(again);
		if (rc != TK_OK)
			goto out;
	}
	if ((rc = tk_write_file_fast(path.s, xml.s, xml.len, err)) != TK_OK)
		goto out;
	for (i = 0; bodies && i < c->nlessons; i++) {
		if (bodies[i] == NULL)
			continue;
		if (tk_md_resolve("", c->lessons[i].body, &rel) != TK_MD_PATH_OK) {
			rc = tk_error_set(err, TK_EINPUT, c->file, c->lessons[i].line,
					  "lesson '%s': its body '%s' is outside the course folder",
					  c->lessons[i].id, c->lessons[i].body);
			goto out;
		}
		if ((rc = make_parents(tmp.s, rel, err)) != TK_OK)
			goto out;
		tk_buf_reset(&path);
		tk_buf_printf(&path, "%s/%s", tmp.s, rel);
		free(rel);
		rel = NULL;
		if (path.oom) {
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			goto out;
		}
		if ((rc = tk_write_file_fast(path.s, bodies[i], strlen(bodies[i]), err)) != TK_OK)
			goto out;
	}
	/* mkdtemp made it private; a course folder is an ordinary one */
	mask = umask(0);
	umask(mask);
	if (chmod(tmp.s, 0777 & ~mask) != 0) {
		rc = tk_error_set(err, TK_EINTERNAL, tmp.s, 0, "cannot set its mode: %s",
				  strerror(errno));
		goto out;
	}
	if ((rc = tk_sync_dir(tmp.s, err)) != TK_OK)
		goto out;
	/* an empty folder of that name is replaced in the same step */
	if (rename(tmp.s, dir) != 0) {
		rc = tk_error_set(err, TK_EINPUT, dir, 0, "cannot create the course folder: %s",
				  strerror(errno));
		goto out;
	}
	made = 0;
out:
	if (made)
		rm_tree(tmp.s);
	free(rel);
	tk_buf_free(&tmp);
	tk_buf_free(&path);
	tk_buf_free(&xml);
	return rc;
}
