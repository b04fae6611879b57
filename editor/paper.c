/* paper.c -- papers: the model and its XML form. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "paper.h"
#include "standard.h"
#include "xml.h"

/*
 * A whole number from min to max (v absent: 0) into *out; else TK_EINPUT
 * at the element's line.  v is freed.
 */
static int whole(xmlNodePtr n, const char *name, char *v, long min, long max, int *out,
		 const char *file, struct tk_error *err)
{
	long i = 0;
	int rc = TK_OK;

	if (v && !tk_parse_int(v, min, max, &i))
		rc = tk_error_set(err, TK_EINPUT, file, (int)xmlGetLineNo(n),
				  "%s=\"%s\" must be a whole number from %ld to %ld", name, v,
				  min, max);
	free(v);
	*out = (int)i;
	return rc;
}

/* A seed: up to 20 digits, within 64 bits. */
static int seed_of(xmlNodePtr n, char *v, uint64_t *out, const char *file, struct tk_error *err)
{
	size_t k = v ? strspn(v, "0123456789") : 0;
	unsigned long long s = 0;
	char *end = NULL;
	int rc = TK_OK;

	if (v) {
		errno = 0;
		if (k > 0 && k <= 20 && v[k] == '\0')
			s = strtoull(v, &end, 10);
		if (k == 0 || k > 20 || v[k] != '\0' || errno == ERANGE)
			rc = tk_error_set(err, TK_EINPUT, file, (int)xmlGetLineNo(n),
					  "seed=\"%s\" must be a whole number below 2^64", v);
	}
	free(v);
	*out = (uint64_t)s;
	return rc;
}

static void attr(struct tk_buf *b, const char *name, const char *v)
{
	tk_buf_printf(b, " %s=\"", name);
	tk_buf_xml(b, v ? v : "", 1);
	tk_buf_putc(b, '"');
}

static void text_elem(struct tk_buf *b, const char *indent, const char *name, const char *v)
{
	tk_buf_printf(b, "%s<%s>", indent, name);
	tk_buf_xml(b, v ? v : "", 0);
	tk_buf_printf(b, "</%s>\n", name);
}

void tk_paper_xml(const struct tk_paper *p, struct tk_buf *b)
{
	char pts[16], seed[32];
	int i, j;

	snprintf(seed, sizeof seed, "%" PRIu64, p->seed);
	tk_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<paper xmlns=\"urn:tiku:paper:1\"");
	attr(b, "id", p->id);
	attr(b, "standard", p->standard);
	attr(b, "level", p->level);
	attr(b, "kind", p->kind);
	attr(b, "blueprint", p->blueprint);
	attr(b, "blueprint-digest", p->blueprint_digest);
	if (p->blueprint_file)
		attr(b, "blueprint-file", p->blueprint_file);
	attr(b, "bank-digest", p->bank_digest);
	attr(b, "seed", seed);
	if (p->form)
		attr(b, "form", p->form);
	if (p->batch)
		attr(b, "batch", p->batch);
	if (p->candidate)
		attr(b, "candidate", p->candidate);
	if (p->candidate_name)
		attr(b, "candidate-name", p->candidate_name);
	if (p->site)
		attr(b, "site", p->site);
	if (p->practice)
		attr(b, "purpose", "practice");
	tk_buf_puts(b, ">\n");
	text_elem(b, "  ", "title", p->title);
	tk_buf_printf(b, "  <points>%d</points>\n  <duration>%d</duration>\n", p->points, p->duration);
	tk_buf_puts(b, "  <rules");
	attr(b, "tolerance", tk_points_format(p->tolerance, pts));
	tk_buf_puts(b, " status=\"");
	for (i = 0, j = 0; i < TK_NSTATUS; i++)
		if (p->statuses & (1 << i))
			tk_buf_printf(b, "%s%s", j++ ? " " : "", tk_status_name(i));
	tk_buf_putc(b, '"');
	if (p->max_shared < 1)
		tk_buf_printf(b, " max-shared=\"%.2f\"", p->max_shared);
	if (p->nareas == 0 && p->ntargets == 0) {
		tk_buf_puts(b, "/>\n");
	} else {
		tk_buf_puts(b, ">\n");
		for (i = 0; i < p->nareas; i++) {
			tk_buf_puts(b, "    <area");
			attr(b, "id", p->area_ids[i]);
			tk_buf_printf(b, " weight=\"%d\"/>\n", p->area_weights[i]);
		}
		for (i = 0; i < p->ntargets; i++) {
			tk_buf_puts(b, "    <target");
			attr(b, "area", p->targets[i].area);
			tk_buf_printf(b, " weight=\"%d\"", p->targets[i].weight);
			attr(b, "points", tk_points_format(p->targets[i].points, pts));
			tk_buf_puts(b, "/>\n");
		}
		tk_buf_puts(b, "  </rules>\n");
	}
	for (i = 0; i < p->nsections; i++) {
		const struct tk_paper_section *s = &p->sections[i];
		tk_buf_puts(b, "  <section");
		attr(b, "type", tk_type_name(s->type));
		if (s->points)
			attr(b, "points", tk_points_format(s->points, pts));
		tk_buf_puts(b, ">\n");
		if (s->title)
			text_elem(b, "    ", "title", s->title);
		if (s->instructions)
			text_elem(b, "    ", "instructions", s->instructions);
		for (j = 0; j < s->nitems; j++)
			tk_item_xml(s->items[j], TK_ITEM_XML_VERSION | TK_ITEM_XML_NESTED, b);
		tk_buf_puts(b, "  </section>\n");
	}
	tk_buf_puts(b, "</paper>\n");
}

struct tk_paper *tk_paper_dup(const struct tk_paper *f)
{
	struct tk_paper *p = calloc(1, sizeof *p);
	int i, j, ok = p != NULL;

	if (!ok)
		return NULL;
	*p = *f;
	p->id = tk_strdup(f->id);
	p->standard = tk_strdup(f->standard);
	p->level = tk_strdup(f->level);
	p->kind = tk_strdup(f->kind);
	p->title = tk_strdup(f->title);
	p->blueprint = tk_strdup(f->blueprint);
	p->blueprint_file = tk_strdup(f->blueprint_file);
	p->form = tk_strdup(f->form);
	p->batch = tk_strdup(f->batch);
	p->candidate = tk_strdup(f->candidate);
	p->candidate_name = tk_strdup(f->candidate_name);
	p->site = tk_strdup(f->site);
	p->area_ids = NULL;
	p->area_weights = NULL;
	p->nareas = 0;
	p->targets = NULL;
	p->ntargets = 0;
	if (f->ntargets) {
		p->targets = calloc((size_t)f->ntargets, sizeof *p->targets);
		ok &= p->targets != NULL;
		for (i = 0; ok && i < f->ntargets; i++) {
			p->targets[i] = f->targets[i];
			p->targets[i].area = tk_strdup(f->targets[i].area);
			ok &= p->targets[i].area != NULL;
			p->ntargets++;
		}
	}
	if (f->nareas) {
		p->area_ids = calloc((size_t)f->nareas, sizeof *p->area_ids);
		p->area_weights = calloc((size_t)f->nareas, sizeof *p->area_weights);
		ok &= p->area_ids && p->area_weights;
		for (i = 0; ok && i < f->nareas; i++) {
			p->area_ids[i] = tk_strdup(f->area_ids[i]);
			p->area_weights[i] = f->area_weights[i];
			p->nareas++;
		}
	}
	p->sections = calloc((size_t)(f->nsections ? f->nsections : 1), sizeof *p->sections);
	p->nsections = 0;
	ok &= p->sections != NULL;
	for (i = 0; ok && i < f->nsections; i++) {
		struct tk_paper_section *d = &p->sections[p->nsections++];
		const struct tk_paper_section *sf = &f->sections[i];
		*d = *sf;
		d->title = tk_strdup(sf->title);
		d->instructions = tk_strdup(sf->instructions);
		d->nitems = 0;
		d->items = calloc((size_t)(sf->nitems ? sf->nitems : 1), sizeof *d->items);
		ok &= d->items != NULL;
		for (j = 0; ok && j < sf->nitems; j++) {
			d->items[j] = tk_item_dup(sf->items[j]);
			ok &= d->items[j] != NULL;
			if (ok)
				d->nitems++;
		}
	}
	if (!ok) {
		tk_paper_free(p);
		return NULL;
	}
	return p;
}

void tk_paper_free(struct tk_paper *p)
{
	int i, j;

	if (p == NULL)
		return;
	for (i = 0; i < p->nsections; i++) {
		for (j = 0; j < p->sections[i].nitems; j++)
			tk_item_free(p->sections[i].items[j]);
		free(p->sections[i].items);
		free(p->sections[i].title);
		free(p->sections[i].instructions);
	}
	free(p->sections);
	for (i = 0; i < p->nareas; i++)
		free(p->area_ids[i]);
	free(p->area_ids);
	for (i = 0; i < p->ntargets; i++)
		free(p->targets[i].area);
	free(p->targets);
	free(p->area_weights);
	free(p->id);
	free(p->standard);
	free(p->level);
	free(p->kind);
	free(p->title);
	free(p->blueprint);
	free(p->blueprint_file);
	free(p->form);
	free(p->batch);
	free(p->candidate);
	free(p->candidate_name);
	free(p->site);
	free(p);
}

int tk_paper_count(const struct tk_paper *p)
{
	int i, n = 0;

	for (i = 0; i < p->nsections; i++)
		n += p->sections[i].nitems;
	return n;
}

int tk_paper_points(const struct tk_paper *p)
{
	int i, j, n = 0;

	for (i = 0; i < p->nsections; i++)
		for (j = 0; j < p->sections[i].nitems; j++)
			n += p->sections[i].items[j]->points;
	return n;
}

static char *child_text(xmlNodePtr n, const char *name)
{
	xmlNodePtr c = tk_xml_child(n, name);

	return c ? tk_xml_text(c) : NULL;
}

/* The items of a section, read from the paper's own tree: the paper's
   schema has checked them with items.rng. */
static int section_items(xmlNodePtr sec, const char *standard, const char *name,
			 struct tk_paper_section *s, struct tk_error *err)
{
	struct tk_itemset set = {0};
	xmlNodePtr n;
	int rc = TK_OK;

	for (n = tk_xml_child(sec, "item"); n && rc == TK_OK; n = tk_xml_next(n, "item")) {
		struct tk_item *it = NULL;
		if ((rc = tk_item_from_node(n, name, standard, &it, err)) == TK_OK &&
		    !tk_itemset_add(&set, it)) {
			tk_item_free(it);
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		}
	}
	if (rc != TK_OK) {
		tk_itemset_free(&set);
		return rc;
	}
	s->items = set.items;
	s->nitems = (int)set.n;
	return TK_OK;
}

int tk_paper_parse(const char *data, size_t len, const char *name,
		   struct tk_paper **out, struct tk_diags *diags,
		   struct tk_error *err)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n, a;
	struct tk_paper *p = NULL;
	char *v;
	int rc;

	*out = NULL;
	if ((rc = tk_xml_parse(data, len, name, &doc, err)) != TK_OK)
		goto out;
	root = xmlDocGetRootElement(doc);
	if (!tk_xml_is(root, "paper")) {
		rc = tk_error_set(err, TK_EINPUT, name, root ? (int)xmlGetLineNo(root) : 1,
				  "not a paper: the root element is <%s>",
				  root ? (const char *)root->name : "");
		goto out;
	}
	if ((rc = tk_xml_validate(doc, "paper", name, diags, err)) != TK_OK)
		goto out;
	if ((p = calloc(1, sizeof *p)) == NULL) {
		rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
		goto out;
	}
	p->id = tk_xml_attr(root, "id");
	p->standard = tk_xml_attr(root, "standard");
	p->level = tk_xml_attr(root, "level");
	p->kind = tk_xml_attr(root, "kind");
	p->blueprint = tk_xml_attr(root, "blueprint");
	p->blueprint_file = tk_xml_attr(root, "blueprint-file");
	v = tk_xml_attr(root, "blueprint-digest");
	snprintf(p->blueprint_digest, sizeof p->blueprint_digest, "%s", v ? v : "");
	free(v);
	v = tk_xml_attr(root, "bank-digest");
	snprintf(p->bank_digest, sizeof p->bank_digest, "%s", v ? v : "");
	free(v);
	if ((rc = seed_of(root, tk_xml_attr(root, "seed"), &p->seed, name, err)) != TK_OK)
		goto out;
	p->form = tk_xml_attr(root, "form");
	p->batch = tk_xml_attr(root, "batch");
	p->candidate = tk_xml_attr(root, "candidate");
	p->candidate_name = tk_xml_attr(root, "candidate-name");
	p->site = tk_xml_attr(root, "site");
	v = tk_xml_attr(root, "purpose");
	p->practice = v && tk_word_eq(v, "practice");
	free(v);
	p->title = child_text(root, "title");
	if ((rc = whole(tk_xml_child(root, "points"), "points", child_text(root, "points"), 0,
			100000, &p->points, name, err)) != TK_OK ||
	    (rc = whole(tk_xml_child(root, "duration"), "duration", child_text(root, "duration"),
			0, 10000, &p->duration, name, err)) != TK_OK)
		goto out;
	p->max_shared = 1;
	if ((n = tk_xml_child(root, "rules")) != NULL) {
		char *t, *tok, *save = NULL;
		v = tk_xml_attr(n, "tolerance");
		p->tolerance = v ? tk_points_parse(v) : 0;
		free(v);
		v = tk_xml_attr(n, "max-shared");
		if (v && !tk_parse_num(v, 0, 1, &p->max_shared)) {
			rc = tk_error_set(err, TK_EINPUT, name, (int)xmlGetLineNo(n),
					  "%s=\"%s\" must be a number from %ld to %ld", "max-shared", v,
					  0L, 1L);
			free(v);
			goto out;
		}
		free(v);
		t = tk_xml_attr(n, "status");
		for (tok = strtok_r(t, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
			if (tk_status_parse(tok) >= 0)
				p->statuses |= 1 << tk_status_parse(tok);
		free(t);
		for (a = tk_xml_child(n, "area"); a; a = tk_xml_next(a, "area")) {
			char **ids = realloc(p->area_ids, (size_t)(p->nareas + 1) * sizeof *ids);
			int *w = ids ? realloc(p->area_weights, (size_t)(p->nareas + 1) * sizeof *w) : NULL;
			if (ids)
				p->area_ids = ids;
			if (w == NULL) {
				rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
				goto out;
			}
			p->area_weights = w;
			p->area_ids[p->nareas] = tk_xml_attr(a, "id");
			if ((rc = whole(a, "weight", tk_xml_attr(a, "weight"), 0, 100,
					&p->area_weights[p->nareas++], name, err)) != TK_OK)
				goto out;
		}
		for (a = tk_xml_child(n, "target"); a; a = tk_xml_next(a, "target")) {
			struct tk_paper_target *t = realloc(p->targets, (size_t)(p->ntargets + 1) * sizeof *t);
			if (t == NULL) {
				rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
				goto out;
			}
			p->targets = t;
			t = &t[p->ntargets++];
			memset(t, 0, sizeof *t);
			t->area = tk_xml_attr(a, "area");
			if ((rc = whole(a, "weight", tk_xml_attr(a, "weight"), 0, 100, &t->weight,
					name, err)) != TK_OK)
				goto out;
			v = tk_xml_attr(a, "points");
			t->points = v ? tk_points_parse(v) : -1;
			if (t->points < 0) {
				rc = tk_error_set(err, TK_EINPUT, name, (int)xmlGetLineNo(a),
						  "<target>: points=\"%s\" must be points to one decimal",
						  v ? v : "");
				free(v);
				goto out;
			}
			free(v);
		}
	}
	for (n = tk_xml_child(root, "section"); n; n = tk_xml_next(n, "section")) {
		struct tk_paper_section *sv = realloc(p->sections, (size_t)(p->nsections + 1) * sizeof *sv);
		struct tk_paper_section *s;
		if (sv == NULL) {
			rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
			goto out;
		}
		p->sections = sv;
		s = &sv[p->nsections++];
		memset(s, 0, sizeof *s);
		v = tk_xml_attr(n, "type");
		s->type = tk_type_parse(v);
		free(v);
		v = tk_xml_attr(n, "points");
		s->points = v ? tk_points_parse(v) : 0;
		free(v);
		s->title = child_text(n, "title");
		s->instructions = child_text(n, "instructions");
		if ((rc = section_items(n, p->standard, name, s, err)) != TK_OK)
			goto out;
	}
out:
	xmlFreeDoc(doc);
	if (rc != TK_OK) {
		if (diags && err && diags->n == 0)
			tk_diags_add(diags, TK_DIAG_ERROR, name, err->line, "%s", err->msg);
		tk_paper_free(p);
	} else {
		*out = p;
	}
	return rc;
}

int tk_paper_load(const char *path, struct tk_paper **out,
		  struct tk_diags *diags, struct tk_error *err)
{
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = tk_read_file(path, &data, &len, err)) != TK_OK)
		return rc;
	rc = tk_paper_parse(data, len, path, out, diags, err);
	free(data);
	return rc;
}

/* ---- printed forms ------------------------------------------------- */

static const char *const cn_digit[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

void tk_paper_cn_number(int n, struct tk_buf *b)
{
	if (n >= 100 || n < 1) {
		tk_buf_printf(b, "%d", n);
		return;
	}
	if (n >= 20)
		tk_buf_puts(b, cn_digit[n / 10]);
	if (n >= 10)
		tk_buf_puts(b, "十");
	tk_buf_puts(b, cn_digit[n % 10]);
}

const char *tk_paper_type_title(int type)
{
	static const char *const t[] = {"单项选择题", "多项选择题", "判断题", "填空题",
					"简答题", "案例分析题", "操作题"};
	return type >= 0 && type < (int)(sizeof t / sizeof t[0]) ? t[type] : "试题";
}

void tk_paper_section_title(const struct tk_paper_section *s, int k, struct tk_buf *b)
{
	char a[16], c[16];
	int i, total = 0, each = s->points, same = 1;

	for (i = 0; i < s->nitems; i++) {
		int pts = s->points ? s->points : s->items[i]->points;
		total += pts;
		if (i && pts != (s->points ? s->points : s->items[0]->points))
			same = 0;
	}
	if (!each && s->nitems)
		each = s->items[0]->points;
	tk_paper_cn_number(k, b);
	tk_buf_puts(b, "、");
	tk_buf_puts(b, s->title && *s->title ? s->title : tk_paper_type_title(s->type));
	if (same && s->nitems)
		tk_buf_printf(b, "（共%d题，每题%s分，共%s分）", s->nitems,
			      tk_points_format(each, a), tk_points_format(total, c));
	else
		tk_buf_printf(b, "（共%d题，共%s分）", s->nitems, tk_points_format(total, c));
}
