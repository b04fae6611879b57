/* lmsitem.c -- a question of an LMS format made into an item. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "item.h"
#include "lmsitem.h"
#include "row.h"
#include "xml.h"

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
	tk_buf_free(&q->materials);
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

static void seal(struct tk_lmsbatch *b);

#define CHUNK 1000

/* The codes of marks, then its keywords, as the items schema orders them
   (tags come in any order). */
static void marks(struct tk_buf *x, const char *m)
{
	const char *p, *end;
	int pass;

	for (pass = 0; pass < 2; pass++)
		for (p = m; (p = strstr(p, pass ? "<keyword>" : "<code>")) != NULL; p = end) {
			end = strstr(p, pass ? "</keyword>" : "</code>");
			if (end == NULL)
				break;
			end += pass ? 10 : 7;
			tk_buf_add(x, p, (size_t)(end - p));
		}
}

void tk_lmsitem_make(struct tk_lmsitem *q, const struct tk_import_defaults *def,
		     const char *category, const char *idnumber, const char *title,
		     const char *prefix, const char *name, int line, struct tk_lmsbatch *batch)
{
	const char *sid = def->std ? def->std->id : def->standard;
	const char *level = category_level(def->std, category);
	struct tk_buf *x = &batch->xml;
	struct tk_lmsbatch_item *e;
	char *id = NULL;

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
	if (batch->n == batch->cap) {
		size_t cap = batch->cap ? 2 * batch->cap : 64;
		e = realloc(batch->v, cap * sizeof *e);
		if (e == NULL) {
			batch->oom = 1;
			return;
		}
		batch->v = e;
		batch->cap = cap;
	}
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
	if (x->len == 0)
		tk_items_xml_begin(x, sid ? sid : "");
	e = &batch->v[batch->n];
	e->at = x->len;
	tk_buf_puts(x, "  <item id=\"");
	tk_lmsitem_escape(x, id ? id : "");
	tk_buf_printf(x, "\" type=\"%s\" level=\"", q->type);
	tk_lmsitem_escape(x, level);
	tk_buf_printf(x, "\" kind=\"%s\" points=\"%d.%d\" difficulty=\"%d\"",
		      q->kind ? q->kind : "theory", q->points / 10, q->points % 10, q->difficulty);
	if (q->time > 0)
		tk_buf_printf(x, " time=\"%d\"", q->time);
	tk_buf_printf(x, " status=\"%s\">\n    ", def->status ? def->status : "draft");
	marks(x, tk_buf_str(&q->marks));
	tk_buf_putc(x, '\n');
	element(x, "stem", &q->stem, 1);
	element(x, "options", &q->options, 0);
	element(x, "answer", &q->answer, 0);
	element(x, "rubric", &q->rubric, 0);
	element(x, "explanation", &q->explanation, 0);
	element(x, "materials", &q->materials, 0);
	tk_buf_puts(x, "  </item>\n");
	e->len = x->len - e->at;
	e->name = tk_strdup(name);
	e->title = tk_strdup(title ? title : idnumber ? idnumber : "");
	e->line = line;
	if (x->oom || e->name == NULL || e->title == NULL) {
		free(e->name);
		free(e->title);
		batch->oom = 1;
	} else if (++batch->n - batch->first >= CHUNK) {
		seal(batch);
	}
	free(id);
}

/* A chunk of the batch: its document, checked and read on a thread. */
struct tk_lmschunk {
	struct tk_buf xml;
	size_t first, n;        /* its items in the batch's v */
	struct tk_itemset set;  /* read without the schema once it passed */
	int rc;
	pthread_t th;
	int threaded;
};

static void *check_chunk(void *p)
{
	struct tk_lmschunk *c = p;
	struct tk_diags mine = TK_DIAGS_INIT;
	struct tk_error err = {0};

	/* one parse: the tree is checked, then read (a chunk is small) */
	c->rc = tk_items_parse(c->xml.s, c->xml.len, "(items)", &c->set, &mine, &err);
	if (c->rc == TK_OK && c->set.n != c->n)
		c->rc = TK_EINPUT;
	tk_diags_free(&mine);
	return NULL;
}

/* Close the chunk being made and have it checked: on a thread, while the
   reader goes on, but one at a time (the machine may have two cores). */
static void seal(struct tk_lmsbatch *b)
{
	struct tk_lmschunk *c, **v;

	if (b->n == b->first)
		return;
	if ((c = calloc(1, sizeof *c)) == NULL ||
	    (v = realloc(b->chunks, (b->nchunks + 1) * sizeof *v)) == NULL) {
		free(c);
		b->oom = 1;
		return;
	}
	b->chunks = v;
	tk_items_xml_end(&b->xml);
	c->xml = b->xml;
	memset(&b->xml, 0, sizeof b->xml);
	c->first = b->first;
	c->n = b->n - b->first;
	b->first = b->n;
	if (b->nchunks && b->chunks[b->nchunks - 1]->threaded) {
		pthread_join(b->chunks[b->nchunks - 1]->th, NULL);
		b->chunks[b->nchunks - 1]->threaded = 0;
	}
	b->chunks[b->nchunks++] = c;
	if (c->xml.oom) {
		b->oom = 1;
		return;
	}
	tk_xml_init();          /* the schema compiled before a thread needs it */
	c->threaded = pthread_create(&c->th, NULL, check_chunk, c) == 0;
	if (!c->threaded)
		check_chunk(c);
}

static void batch_free(struct tk_lmsbatch *b)
{
	size_t i;

	for (i = 0; i < b->nchunks; i++) {
		struct tk_lmschunk *c = b->chunks[i];
		if (c->threaded)
			pthread_join(c->th, NULL);
		tk_itemset_free(&c->set);
		tk_buf_free(&c->xml);
		free(c);
	}
	free(b->chunks);
	for (i = 0; i < b->n; i++) {
		free(b->v[i].name);
		free(b->v[i].title);
	}
	free(b->v);
	tk_buf_free(&b->xml);
	memset(b, 0, sizeof *b);
}

/* One item of a chunk alone, checked by the schema: added to set, or its
   problems reported. */
static int check_one(const struct tk_lmsbatch *b, const struct tk_lmschunk *c, size_t i,
		     const char *sid, struct tk_itemset *set, struct tk_diags *d)
{
	const struct tk_lmsbatch_item *e = &b->v[i];
	struct tk_buf x = TK_BUF_INIT, why = TK_BUF_INIT;
	struct tk_diags mine = TK_DIAGS_INIT;
	struct tk_error err = {0};
	size_t k, before = set->n;
	int bad = 0;

	tk_items_xml_begin(&x, sid ? sid : "");
	tk_buf_add(&x, c->xml.s + e->at, e->len);
	tk_items_xml_end(&x);
	if (x.oom) {
		bad = -1;
	} else if (tk_items_parse(x.s, x.len, e->name, set, &mine, &err) != TK_OK) {
		for (k = 0; k < mine.n; k++)
			tk_import_problem(&why, "%s", mine.v[k].msg);
		tk_diags_add(d, TK_DIAG_ERROR, e->name, e->line, "question '%s': %s", e->title,
			     tk_buf_str(&why));
		bad = 1;
	} else if (set->n > before) {
		set->items[set->n - 1]->line = e->line;
	}
	tk_diags_free(&mine);
	tk_buf_free(&x);
	tk_buf_free(&why);
	return bad;
}

int tk_lmsitem_check(struct tk_lmsbatch *b, const struct tk_import_defaults *def,
		     struct tk_itemset *set, struct tk_diags *d)
{
	const char *sid = def->std ? def->std->id : def->standard;
	size_t i, k;
	int bad = 0, r;

	seal(b);
	for (k = 0; k < b->nchunks && bad >= 0 && !b->oom; k++) {
		struct tk_lmschunk *c = b->chunks[k];
		if (c->threaded) {
			pthread_join(c->th, NULL);
			c->threaded = 0;
		}
		if (c->rc == TK_OK) {
			/* the common case: every item valid, as one check said */
			for (i = 0; i < c->n; i++) {
				struct tk_item *it = c->set.items[i];
				char *file = tk_strdup(b->v[c->first + i].name);
				if (file == NULL || !tk_itemset_add(set, it)) {
					free(file);
					bad = -1;
					break;
				}
				c->set.items[i] = NULL;
				free(it->file);
				it->file = file;
				it->line = b->v[c->first + i].line;
			}
			continue;
		}
		/* else each alone, to name those refused */
		for (i = 0; i < c->n && bad >= 0; i++) {
			r = check_one(b, c, c->first + i, sid, set, d);
			bad = r < 0 ? -1 : bad + r;
		}
	}
	if (b->oom)
		bad = -1;
	batch_free(b);
	return bad;
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
