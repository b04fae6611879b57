/* standard.c -- reading a standard from its XML format into the model. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "standard.h"
#include "util.h"
#include "xml.h"

int tk_kind_parse(const char *s)
{
	if (s == NULL)
		return -1;
	if (tk_word_eq(s, "theory") || tk_word_eq(s, "理论") || tk_word_eq(s, "理论知识"))
		return TK_THEORY;
	if (tk_word_eq(s, "skill") || tk_word_eq(s, "技能") || tk_word_eq(s, "实操") ||
	    tk_word_eq(s, "技能操作"))
		return TK_SKILL;
	return -1;
}

const char *tk_kind_name(int kind)
{
	return kind == TK_SKILL ? "skill" : "theory";
}

int tk_standard_level(const struct tk_standard *s, const char *ref)
{
	int i;

	if (ref == NULL)
		return -1;
	for (i = 0; i < s->nlevels; i++)
		if (!strcmp(s->levels[i].id, ref) || !strcmp(s->levels[i].name, ref))
			return i;
	return -1;
}

/* Builder state: arrays grow as the document is walked. */
struct builder {
	struct tk_standard *s;
	const char *name;
	struct tk_diags *diags;
	struct tk_error *err;
	int nerr;
	int oom;
};

static void bad(struct builder *b, int line, const char *fmt, const char *arg)
{
	if (b->nerr++ == 0)
		tk_error_set(b->err, TK_EINPUT, b->name, line, fmt, arg);
	if (b->diags)
		tk_diags_add(b->diags, TK_DIAG_ERROR, b->name, line, fmt, arg);
}

static int level_ref(struct builder *b, xmlNodePtr n, const char *attr)
{
	char *v = tk_xml_attr(n, attr);
	int i = tk_standard_level(b->s, v);

	if (i < 0)
		bad(b, (int)xmlGetLineNo(n), "unknown level '%s'", v ? v : "");
	free(v);
	return i;
}

/* A whole number attribute from min to max (absent: 0); else an error at its line. */
static int int_attr(struct builder *b, xmlNodePtr n, const char *attr, long min, long max)
{
	char *v = tk_xml_attr(n, attr);
	long i = 0;
	int line = (int)xmlGetLineNo(n);

	if (v && !tk_parse_int(v, min, max, &i)) {
		if (b->nerr++ == 0)
			tk_error_set(b->err, TK_EINPUT, b->name, line,
				     "%s=\"%s\" must be a whole number from %ld to %ld", attr, v,
				     min, max);
		if (b->diags)
			tk_diags_add(b->diags, TK_DIAG_ERROR, b->name, line,
				     "%s=\"%s\" must be a whole number from %ld to %ld", attr, v,
				     min, max);
		i = 0;
	}
	free(v);
	return (int)i;
}

static int add_req(struct builder *b, int type, int level, xmlNodePtr n,
		   char *text, int parent)
{
	struct tk_standard *s = b->s;
	struct tk_req *r, *v;

	v = tk_grow(s->reqs, s->nreqs, sizeof *s->reqs, &b->oom);
	if (v == NULL) {
		free(text);
		return -1;
	}
	s->reqs = v;
	r = &s->reqs[s->nreqs];
	r->type = type;
	r->level = level;
	r->code = tk_xml_attr(n, "code");
	r->printed = tk_xml_attr(n, "printed");
	r->text = text;
	r->points = NULL;
	r->parent = parent;
	r->line = (int)xmlGetLineNo(n);
	return s->nreqs++;
}

static void read_levels(struct builder *b, xmlNodePtr levels)
{
	struct tk_standard *s = b->s;
	xmlNodePtr n;

	for (n = tk_xml_child(levels, "level"); n; n = tk_xml_next(n, "level")) {
		struct tk_level *v = tk_grow(s->levels, s->nlevels, sizeof *v, &b->oom);
		struct tk_level *l;
		xmlNodePtr sum;

		if (v == NULL)
			return;
		s->levels = v;
		l = &s->levels[s->nlevels++];
		memset(l, 0, sizeof *l);
		l->id = tk_xml_attr(n, "id");
		l->name = tk_xml_attr(n, "name");
		l->hours = int_attr(b, n, "hours", 0, 100000);
		l->line = (int)xmlGetLineNo(n);
		sum = tk_xml_child(n, "summary");
		l->summary = sum ? tk_xml_text(sum) : NULL;
		if (tk_standard_level(s, l->id) < s->nlevels - 1 ||
		    tk_standard_level(s, l->name) < s->nlevels - 1)
			bad(b, l->line, "level '%s' is defined twice", l->id);
	}
}

static void read_basics(struct builder *b, xmlNodePtr basics)
{
	xmlNodePtr g, n;

	for (g = tk_xml_child(basics, "group"); g; g = tk_xml_next(g, "group")) {
		int gi = add_req(b, TK_REQ_BASIC_GROUP, -1, g, tk_xml_attr(g, "name"), -1);
		if (gi < 0)
			return;
		for (n = tk_xml_child(g, "basic"); n; n = tk_xml_next(n, "basic")) {
			int bi = add_req(b, TK_REQ_BASIC, -1, n, tk_xml_attr(n, "name"), gi);
			struct tk_buf pts = TK_BUF_INIT;
			xmlNodePtr p;
			if (bi < 0)
				return;
			/* the points say what a basics line covers: what suggest
			   matches an item's text against */
			for (p = tk_xml_child(n, "point"); p; p = tk_xml_next(p, "point")) {
				char *t = tk_xml_text(p);
				if (pts.len)
					tk_buf_putc(&pts, '\n');
				tk_buf_puts(&pts, t ? t : "");
				free(t);
			}
			if (pts.oom) {
				b->oom = 1;
				tk_buf_free(&pts);
				return;
			}
			b->s->reqs[bi].points = pts.len ? tk_buf_detach(&pts) : NULL;
			tk_buf_free(&pts);
		}
	}
}

static void read_requirements(struct builder *b, xmlNodePtr req)
{
	int level = level_ref(b, req, "level");
	xmlNodePtr f, t, n;

	if (level < 0)
		return;
	for (f = tk_xml_child(req, "function"); f; f = tk_xml_next(f, "function")) {
		int fi = add_req(b, TK_REQ_FUNCTION, level, f, tk_xml_attr(f, "name"), -1);
		if (fi < 0)
			return;
		for (t = tk_xml_child(f, "task"); t; t = tk_xml_next(t, "task")) {
			int ti = add_req(b, TK_REQ_TASK, level, t, tk_xml_attr(t, "name"), fi);
			if (ti < 0)
				return;
			for (n = tk_xml_child(t, NULL); n; n = tk_xml_next(n, NULL)) {
				int type = tk_xml_is(n, "skill") ? TK_REQ_SKILL : TK_REQ_KNOWLEDGE;
				if (add_req(b, type, level, n, tk_xml_text(n), ti) < 0)
					return;
			}
		}
	}
}

static void split_covers(struct builder *b, struct tk_cell *c, const char *v)
{
	char *copy = tk_strdup(v), *tok, *save = NULL;

	if (copy == NULL)
		return;
	for (tok = strtok_r(copy, " \t\n\r", &save); tok;
	     tok = strtok_r(NULL, " \t\n\r", &save)) {
		char **p = tk_grow(c->covers, c->ncovers, sizeof *p, &b->oom);
		if (p == NULL)
			break;
		c->covers = p;
		c->covers[c->ncovers++] = strdup(tok);
	}
	free(copy);
}

static void read_weights(struct builder *b, xmlNodePtr w)
{
	struct tk_standard *s = b->s;
	char *k = tk_xml_attr(w, "kind");
	int kind = tk_kind_parse(k);
	struct tk_weights *t;
	xmlNodePtr a, c;

	free(k);
	t = &s->weights[kind];
	if (t->present) {
		bad(b, (int)xmlGetLineNo(w), "a second %s weight table",
		    tk_kind_name(kind));
		return;
	}
	t->present = 1;
	t->line = (int)xmlGetLineNo(w);
	for (a = tk_xml_child(w, "area"); a; a = tk_xml_next(a, "area")) {
		struct tk_area *v = tk_grow(t->areas, t->nareas, sizeof *v, &b->oom), *ar;
		if (v == NULL)
			return;
		t->areas = v;
		ar = &t->areas[t->nareas++];
		memset(ar, 0, sizeof *ar);
		ar->id = tk_xml_attr(a, "id");
		ar->name = tk_xml_attr(a, "name");
		ar->group = tk_xml_attr(a, "group");
		ar->line = (int)xmlGetLineNo(a);
		ar->cells = calloc((size_t)(s->nlevels ? s->nlevels : 1), sizeof *ar->cells);
		if (ar->cells == NULL) {
			b->oom = 1;
			return;
		}
		for (c = tk_xml_child(a, "cell"); c; c = tk_xml_next(c, "cell")) {
			int level = level_ref(b, c, "level");
			struct tk_cell *cell;
			char *wv, *cv, *na;

			if (level < 0)
				continue;
			cell = &ar->cells[level];
			if (cell->state != TK_CELL_MISSING) {
				bad(b, (int)xmlGetLineNo(c), "a second cell for level '%s'",
				    s->levels[level].id);
				continue;
			}
			cell->line = (int)xmlGetLineNo(c);
			cell->note = tk_xml_attr(c, "note");
			wv = tk_xml_attr(c, "weight");
			cv = tk_xml_attr(c, "covers");
			na = tk_xml_attr(c, "assessed");
			if (wv) {
				cell->state = TK_CELL_WEIGHT;
				/* a share of the paper, in per cent */
				cell->weight = int_attr(b, c, "weight", 0, 100);
				split_covers(b, cell, cv);
			} else if (na) {
				cell->state = TK_CELL_NA;
			} else {
				cell->state = TK_CELL_BLANK;
			}
			free(wv);
			free(cv);
			free(na);
		}
	}
}

static char *child_text(xmlNodePtr n, const char *name)
{
	xmlNodePtr c = tk_xml_child(n, name);

	return c ? tk_xml_text(c) : NULL;
}

static const char *const appraisal_kinds[] = {"submission", "defence", "practical", "interview"};

int tk_appraisal_kind_parse(const char *s)
{
	int i;

	for (i = 0; s && i < (int)(sizeof appraisal_kinds / sizeof *appraisal_kinds); i++)
		if (!strcmp(s, appraisal_kinds[i]))
			return i;
	return -1;
}

const char *tk_appraisal_kind_name(int kind)
{
	return kind >= 0 && kind < (int)(sizeof appraisal_kinds / sizeof *appraisal_kinds)
	       ? appraisal_kinds[kind] : "?";
}

static void read_appraisal(struct builder *b, xmlNodePtr n, int assessment)
{
	struct tk_standard *s = b->s;
	struct tk_appraisal *v = tk_grow(s->appraisals, s->nappraisals, sizeof *v, &b->oom), *r;
	xmlNodePtr p, c;
	char *k;

	if (v == NULL)
		return;
	s->appraisals = v;
	r = &s->appraisals[s->nappraisals++];
	memset(r, 0, sizeof *r);
	r->id = tk_xml_attr(n, "id");
	r->line = (int)xmlGetLineNo(n);
	r->assessment = assessment;
	k = tk_xml_attr(n, "kind");
	r->kind = tk_appraisal_kind_parse(k);
	free(k);
	r->level = level_ref(b, n, "level");
	r->points = int_attr(b, n, "points", 1, 100000);
	r->pass = int_attr(b, n, "pass", 0, 100000);
	r->duration = int_attr(b, n, "duration", 1, 10000);
	r->name = child_text(n, "name");
	r->task = child_text(n, "task");
	r->note = child_text(n, "note");
	if ((p = tk_xml_child(n, "panel")) != NULL) {
		char *odd = tk_xml_attr(p, "odd");
		r->panel_min = int_attr(b, p, "min", 1, 1000);
		r->panel_odd = odd && !strcmp(odd, "true");
		r->panel_line = (int)xmlGetLineNo(p);
		free(odd);
	}
	if ((p = tk_xml_child(n, "rubric")) == NULL)
		return;
	{
		char *sample = tk_xml_attr(p, "sample");
		r->sample = sample && !strcmp(sample, "true");
		free(sample);
	}
	r->rubric_line = (int)xmlGetLineNo(p);
	for (c = tk_xml_child(p, "criterion"); c; c = tk_xml_next(c, "criterion")) {
		struct tk_appraisal_criterion *cv = tk_grow(r->criteria, r->ncriteria, sizeof *cv, &b->oom), *t;
		char *pts;

		if (cv == NULL)
			return;
		r->criteria = cv;
		t = &r->criteria[r->ncriteria++];
		t->name = tk_xml_attr(c, "name");
		t->text = tk_xml_text(c);
		t->line = (int)xmlGetLineNo(c);
		pts = tk_xml_attr(c, "points");
		/* the schema holds it to four digits and a tenth */
		t->points = pts ? tk_points_parse(pts) : 0;
		free(pts);
		if (t->name == NULL || t->text == NULL)
			b->oom = 1;
	}
}

static void read_assessment(struct builder *b, xmlNodePtr n)
{
	struct tk_standard *s = b->s;
	struct tk_assessment *v = tk_grow(s->assessments, s->nassessments, sizeof *v, &b->oom), *a;
	xmlNodePtr p, comb;

	if (v == NULL)
		return;
	s->assessments = v;
	a = &s->assessments[s->nassessments++];
	memset(a, 0, sizeof *a);
	a->id = tk_xml_attr(n, "id");
	a->source = tk_xml_attr(n, "source");
	a->name = child_text(n, "name");
	a->mode = child_text(n, "mode");
	a->note = child_text(n, "note");
	a->line = (int)xmlGetLineNo(n);
	a->part_weight[0] = a->part_weight[1] = -1;
	for (p = tk_xml_child(n, "paper"); p; p = tk_xml_next(p, "paper")) {
		struct tk_paper_rule *pv = tk_grow(a->papers, a->npapers, sizeof *pv, &b->oom), *r;
		char *k, *lv;

		if (pv == NULL)
			return;
		a->papers = pv;
		r = &a->papers[a->npapers++];
		memset(r, 0, sizeof *r);
		k = tk_xml_attr(p, "kind");
		r->kind = tk_kind_parse(k);
		free(k);
		lv = tk_xml_attr(p, "level");
		r->level = lv ? level_ref(b, p, "level") : -1;
		free(lv);
		r->duration = int_attr(b, p, "duration", 0, 10000);
		r->min_duration = int_attr(b, p, "min-duration", 0, 10000);
		r->points = int_attr(b, p, "points", 0, 100000);
		r->pass = int_attr(b, p, "pass", 0, 100000);
		r->form = tk_xml_attr(p, "form");
		r->text = tk_xml_text(p);
		r->line = (int)xmlGetLineNo(p);
	}
	for (p = tk_xml_child(n, "appraisal"); p; p = tk_xml_next(p, "appraisal"))
		read_appraisal(b, p, s->nassessments - 1);
	comb = tk_xml_child(n, "combine");
	if (comb) {
		a->combine = 1;
		a->combine_pass = int_attr(b, comb, "pass", 0, 100000);
		a->combine_points = int_attr(b, comb, "points", 0, 100000);
		for (p = tk_xml_child(comb, "part"); p; p = tk_xml_next(p, "part")) {
			char *k = tk_xml_attr(p, "kind");
			int kd = tk_kind_parse(k), wt = int_attr(b, p, "weight", 0, 100);
			if (kd >= 0)
				a->part_weight[kd] = wt;
			free(k);
		}
	}
}

static void read_batches(struct builder *b, xmlNodePtr n)
{
	struct tk_standard *s = b->s;
	xmlNodePtr c;

	for (c = tk_xml_child(n, "batch"); c; c = tk_xml_next(c, "batch")) {
		struct tk_batch *v = tk_grow(s->batches, s->nbatches, sizeof *v, &b->oom), *t;
		if (v == NULL)
			return;
		s->batches = v;
		t = &s->batches[s->nbatches++];
		t->id = tk_xml_attr(c, "id");
		t->name = tk_xml_attr(c, "name");
		t->level = level_ref(b, c, "level");
		t->start = tk_xml_attr(c, "start");
		t->end = tk_xml_attr(c, "end");
		t->register_from = tk_xml_attr(c, "register-from");
		t->register_to = tk_xml_attr(c, "register-to");
		t->line = (int)xmlGetLineNo(c);
	}
}

int tk_standard_parse(const char *data, size_t len, const char *name,
		      struct tk_standard **out, struct tk_diags *diags,
		      struct tk_error *err)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n;
	struct tk_standard *s = NULL;
	struct builder b;
	int rc;

	*out = NULL;
	rc = tk_xml_parse(data, len, name, &doc, err);
	if (rc != TK_OK) {
		if (diags)
			tk_diags_add(diags, TK_DIAG_ERROR, name, err ? err->line : 0,
				     "%s", err ? err->msg : "not well-formed XML");
		return rc;
	}
	root = xmlDocGetRootElement(doc);
	if (!tk_xml_is(root, "standard")) {
		rc = tk_error_set(err, TK_EINPUT, name, root ? (int)xmlGetLineNo(root) : 1,
				  "not a standard: the root element is <%s>, expected <standard>",
				  root ? (const char *)root->name : "");
		if (diags)
			tk_diags_add(diags, TK_DIAG_ERROR, name, err ? err->line : 1,
				     "%s", err ? err->msg : "not a standard");
		goto out;
	}
	rc = tk_xml_validate(doc, "standard", name, diags, err);
	if (rc != TK_OK)
		goto out;
	s = calloc(1, sizeof *s);
	if (s == NULL) {
		rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
		goto out;
	}
	memset(&b, 0, sizeof b);
	b.s = s;
	b.name = name;
	b.diags = diags;
	b.err = err;
	s->id = tk_xml_attr(root, "id");
	s->line = (int)xmlGetLineNo(root);
	s->version = tk_xml_attr(root, "version");
	s->title = child_text(root, "title");
	s->issuer = child_text(root, "issuer");
	s->note = child_text(root, "note");
	s->file = tk_strdup(name);
	s->xml = malloc(len + 1);
	if (s->xml) {
		memcpy(s->xml, data, len);
		s->xml[len] = '\0';
		s->xml_len = len;
	} else {
		b.oom = 1;
	}
	tk_sha256_hex(data, len, s->hash);
	/* levels first: everything else refers to them */
	read_levels(&b, tk_xml_child(root, "levels"));
	for (n = tk_xml_child(root, NULL); n; n = tk_xml_next(n, NULL)) {
		if (tk_xml_is(n, "basics"))
			read_basics(&b, n);
		else if (tk_xml_is(n, "requirements"))
			read_requirements(&b, n);
		else if (tk_xml_is(n, "weights"))
			read_weights(&b, n);
		else if (tk_xml_is(n, "assessment"))
			read_assessment(&b, n);
		else if (tk_xml_is(n, "batches"))
			read_batches(&b, n);
	}
	if (b.oom)
		rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
	else if (b.nerr)
		rc = TK_EINPUT;
out:
	xmlFreeDoc(doc);
	if (rc != TK_OK)
		tk_standard_free(s);
	else
		*out = s;
	return rc;
}

int tk_standard_load(const char *path, struct tk_standard **out,
		     struct tk_diags *diags, struct tk_error *err)
{
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	rc = tk_read_file(path, &data, &len, err);
	if (rc != TK_OK) {
		if (diags)
			tk_diags_add(diags, TK_DIAG_ERROR, path, 0, "%s", err ? err->msg : "cannot read");
		return rc;
	}
	rc = tk_standard_parse(data, len, path, out, diags, err);
	free(data);
	return rc;
}

void tk_standard_free(struct tk_standard *s)
{
	int i, j, k;

	if (s == NULL)
		return;
	for (i = 0; i < s->nlevels; i++) {
		free(s->levels[i].id);
		free(s->levels[i].name);
		free(s->levels[i].summary);
	}
	free(s->levels);
	for (i = 0; i < s->nreqs; i++) {
		free(s->reqs[i].code);
		free(s->reqs[i].printed);
		free(s->reqs[i].text);
		free(s->reqs[i].points);
	}
	free(s->reqs);
	for (k = 0; k < 2; k++) {
		for (i = 0; i < s->weights[k].nareas; i++) {
			struct tk_area *a = &s->weights[k].areas[i];
			for (j = 0; a->cells && j < s->nlevels; j++) {
				int c;
				for (c = 0; c < a->cells[j].ncovers; c++)
					free(a->cells[j].covers[c]);
				free(a->cells[j].covers);
				free(a->cells[j].note);
			}
			free(a->cells);
			free(a->id);
			free(a->name);
			free(a->group);
		}
		free(s->weights[k].areas);
	}
	for (i = 0; i < s->nassessments; i++) {
		struct tk_assessment *a = &s->assessments[i];
		for (j = 0; j < a->npapers; j++) {
			free(a->papers[j].form);
			free(a->papers[j].text);
		}
		free(a->papers);
		free(a->id);
		free(a->source);
		free(a->name);
		free(a->mode);
		free(a->note);
	}
	free(s->assessments);
	for (i = 0; i < s->nappraisals; i++) {
		struct tk_appraisal *r = &s->appraisals[i];
		for (j = 0; j < r->ncriteria; j++) {
			free(r->criteria[j].name);
			free(r->criteria[j].text);
		}
		free(r->criteria);
		free(r->id);
		free(r->name);
		free(r->task);
		free(r->note);
	}
	free(s->appraisals);
	for (i = 0; i < s->nbatches; i++) {
		struct tk_batch *t = &s->batches[i];
		free(t->id);
		free(t->name);
		free(t->start);
		free(t->end);
		free(t->register_from);
		free(t->register_to);
	}
	free(s->batches);
	free(s->id);
	free(s->version);
	free(s->title);
	free(s->issuer);
	free(s->note);
	free(s->file);
	free(s->xml);
	free(s);
}

const struct tk_req *tk_standard_find(const struct tk_standard *s, int level,
				      int kind, const char *code)
{
	int i, want;

	if (code == NULL)
		return NULL;
	if (code[0] == 'B') {
		if (kind != TK_THEORY)
			return NULL;
		for (i = 0; i < s->nreqs; i++)
			if ((s->reqs[i].type == TK_REQ_BASIC ||
			     s->reqs[i].type == TK_REQ_BASIC_GROUP) &&
			    !strcmp(s->reqs[i].code, code + 1))
				return &s->reqs[i];
		return NULL;
	}
	want = kind == TK_SKILL ? TK_REQ_SKILL : TK_REQ_KNOWLEDGE;
	for (i = 0; i < s->nreqs; i++)
		if (s->reqs[i].type == want && s->reqs[i].level == level &&
		    !strcmp(s->reqs[i].code, code))
			return &s->reqs[i];
	return NULL;
}

const struct tk_req *tk_standard_top(const struct tk_standard *s,
				     const struct tk_req *r)
{
	while (r && r->parent >= 0)
		r = &s->reqs[r->parent];
	return r;
}

int tk_standard_covers(const struct tk_req *r, int level, const char *ref)
{
	int basic = r->type == TK_REQ_BASIC || r->type == TK_REQ_BASIC_GROUP;
	size_t n;

	if (ref[0] == 'B') {
		if (!basic)
			return 0;
		ref++;
	} else if (basic || r->level != level) {
		return 0;
	}
	n = strlen(ref);
	return strncmp(r->code, ref, n) == 0 &&
	       (r->code[n] == '\0' || r->code[n] == '.');
}

int tk_standard_area(const struct tk_standard *s, int kind, int level,
		     const struct tk_req *r)
{
	const struct tk_weights *w = &s->weights[kind];
	int i, j;

	if (!w->present || level < 0 || level >= s->nlevels || r == NULL)
		return -1;
	for (i = 0; i < w->nareas; i++) {
		const struct tk_cell *c = &w->areas[i].cells[level];
		if (c->state != TK_CELL_WEIGHT)
			continue;
		for (j = 0; j < c->ncovers; j++)
			if (tk_standard_covers(r, level, c->covers[j]))
				return i;
	}
	return -1;
}

int tk_standard_code_area(const struct tk_standard *s, int kind, int level,
			  const char *code)
{
	return tk_standard_area(s, kind, level, tk_standard_find(s, level, kind, code));
}

const struct tk_appraisal *tk_standard_appraisal(const struct tk_standard *s, const char *id)
{
	int i;

	for (i = 0; id && i < s->nappraisals; i++)
		if (!strcmp(s->appraisals[i].id, id))
			return &s->appraisals[i];
	return NULL;
}

int tk_appraisal_sum(const struct tk_appraisal *r)
{
	int i, sum = 0;

	for (i = 0; i < r->ncriteria; i++)
		sum += r->criteria[i].points;
	return sum;
}
