/* itemdiff.c -- the fields two versions of an item differ in, as people read them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "itemdiff.h"
#include "standard.h"

/* Add one change (copies of the strings) unless before and after agree. */
static int add(struct tk_itemdiff *d, const char *field, const char *before,
	       const char *after, int text, int list)
{
	struct tk_field_change *c, *v;

	before = before ? before : "";
	after = after ? after : "";
	if (!strcmp(before, after))
		return 1;
	/* room for 8, then twice as much each time it fills */
	if (d->n == 0 || (d->n >= 8 && (d->n & (d->n - 1)) == 0)) {
		v = realloc(d->v, (d->n ? 2 * d->n : 8) * sizeof *v);
		if (v == NULL)
			return 0;
		d->v = v;
	}
	c = &d->v[d->n];
	c->field = strdup(field);
	c->before = strdup(before);
	c->after = strdup(after);
	c->text = text;
	c->list = list;
	d->n++;
	return c->field && c->before && c->after;
}

static int add_int(struct tk_itemdiff *d, const char *field, const struct tk_item *a,
		   int before, int after)
{
	char x[24], y[24];

	snprintf(x, sizeof x, "%d", before);
	snprintf(y, sizeof y, "%d", after);
	return add(d, field, a ? x : "", y, 0, 0);
}

/* A fragment's plain text ("" for none); the caller frees it. */
static char *text_of(const char *fragment)
{
	return fragment ? tk_fragment_text(fragment) : strdup("");
}

static int add_fragment(struct tk_itemdiff *d, const char *field, const char *before,
			const char *after)
{
	char *x = text_of(before), *y = text_of(after);
	int ok = x && y && add(d, field, x, y, 1, 0);

	free(x);
	free(y);
	return ok;
}

static char *joined(char **v, int n)
{
	struct tk_buf b = TK_BUF_INIT;
	int i;

	for (i = 0; i < n; i++)
		tk_buf_printf(&b, "%s%s", i ? " " : "", v[i]);
	tk_buf_puts(&b, "");
	return b.oom ? (tk_buf_free(&b), NULL) : tk_buf_detach(&b);
}

static int add_list(struct tk_itemdiff *d, const char *field, char **av, int an,
		    char **bv, int bn)
{
	char *x = joined(av, an), *y = joined(bv, bn);
	int ok = x && y && add(d, field, x, y, 0, 1);

	free(x);
	free(y);
	return ok;
}

char *tk_itemdiff_answer(const struct tk_item *it)
{
	struct tk_buf b = TK_BUF_INIT;

	if (it->answer == NULL)
		return strdup("");
	if (it->type == TK_TRUEFALSE)
		return strdup(!strcmp(it->answer, "true") ? "正确" :
			      !strcmp(it->answer, "false") ? "错误" : it->answer);
	if (it->type == TK_SINGLE || it->type == TK_MULTIPLE)
		return strdup(it->answer);
	if (it->type == TK_FILL && tk_item_blanks_text(it->answer, &b)) {
		tk_buf_puts(&b, "");
		return b.oom ? (tk_buf_free(&b), NULL) : tk_buf_detach(&b);
	}
	tk_buf_free(&b);
	return tk_fragment_text(it->answer);
}

static const struct tk_option *option(const struct tk_item *it, char key)
{
	int i;

	for (i = 0; it && i < it->noptions; i++)
		if (it->options[i].key == key)
			return &it->options[i];
	return NULL;
}

/* "(4) text" for a criterion, or NULL (no criterion) as "" */
static char *criterion(const struct tk_item *it, int i)
{
	struct tk_buf b = TK_BUF_INIT;
	char pts[16], *t;

	if (it == NULL || i >= it->nrubric)
		return strdup("");
	if ((t = tk_fragment_text(it->rubric[i].text)) == NULL)
		return NULL;
	tk_buf_printf(&b, "(%s) %s", tk_points_format(it->rubric[i].points, pts), t);
	free(t);
	tk_buf_puts(&b, "");
	return b.oom ? (tk_buf_free(&b), NULL) : tk_buf_detach(&b);
}

int tk_itemdiff(const struct tk_item *a, const struct tk_item *b, struct tk_itemdiff *d)
{
	char pa[16], pb[16], field[32], *x = NULL, *y = NULL;
	int ok = 1, i, n;
	char key;

	memset(d, 0, sizeof *d);
	ok = ok && add(d, "type", a ? tk_type_name(a->type) : "", tk_type_name(b->type), 0, 0);
	ok = ok && add(d, "level", a ? a->level : "", b->level, 0, 0);
	ok = ok && add(d, "kind", a ? tk_kind_name(a->kind) : "", tk_kind_name(b->kind), 0, 0);
	ok = ok && add(d, "points", a ? tk_points_format(a->points, pa) : "",
		       tk_points_format(b->points, pb), 0, 0);
	ok = ok && add_int(d, "difficulty", a, a ? a->difficulty : 0, b->difficulty);
	ok = ok && add_int(d, "time", a, a ? a->time : 0, b->time);
	ok = ok && add(d, "status", a ? tk_status_name(a->status) : "",
		       tk_status_name(b->status), 0, 0);
	ok = ok && add(d, "author", a ? a->author : "", b->author, 0, 0);
	ok = ok && add_list(d, "codes", a ? a->codes : NULL, a ? a->ncodes : 0, b->codes, b->ncodes);
	ok = ok && add_list(d, "keywords", a ? a->keywords : NULL, a ? a->nkeywords : 0,
			    b->keywords, b->nkeywords);
	ok = ok && add_list(d, "enemies", a ? a->enemies : NULL, a ? a->nenemies : 0,
			    b->enemies, b->nenemies);
	ok = ok && add_fragment(d, "stem", a ? a->stem : NULL, b->stem);
	/* options by letter: one added, removed or reworded is that option */
	for (key = 'A'; ok && key <= 'Z'; key++) {
		const struct tk_option *oa = option(a, key), *ob = option(b, key);
		if (oa == NULL && ob == NULL)
			continue;
		snprintf(field, sizeof field, "option %c", key);
		ok = add_fragment(d, field, oa ? oa->text : NULL, ob ? ob->text : NULL);
	}
	if (ok) {
		x = a ? tk_itemdiff_answer(a) : strdup("");
		y = tk_itemdiff_answer(b);
		ok = x && y && add(d, "answer", x, y, b->type != TK_SINGLE && b->type != TK_MULTIPLE &&
				   b->type != TK_TRUEFALSE, 0);
		free(x);
		free(y);
	}
	ok = ok && add_fragment(d, "explanation", a ? a->explanation : NULL, b->explanation);
	n = a && a->nrubric > b->nrubric ? a->nrubric : b->nrubric;
	for (i = 0; ok && i < n; i++) {
		x = criterion(a, i);
		y = criterion(b, i);
		snprintf(field, sizeof field, "rubric %d", i + 1);
		ok = x && y && add(d, field, x, y, 1, 0);
		free(x);
		free(y);
	}
	ok = ok && add(d, "facility", a ? a->facility : "", b->facility, 0, 0);
	ok = ok && add(d, "discrimination", a ? a->discrimination : "", b->discrimination, 0, 0);
	if (ok && ((a ? a->stats_n : 0) || b->stats_n))
		ok = add_int(d, "stats n", a, a ? a->stats_n : 0, b->stats_n);
	if (!ok) {
		tk_itemdiff_free(d);
		return TK_EINTERNAL;
	}
	return TK_OK;
}

void tk_itemdiff_free(struct tk_itemdiff *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].field);
		free(d->v[i].before);
		free(d->v[i].after);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

/* Is s in the space-separated list? */
static int listed(const char *list, const char *s, size_t n)
{
	const char *p = list;

	while (*p) {
		size_t k = strcspn(p, " ");
		if (k == n && !memcmp(p, s, n))
			return 1;
		p += k;
		while (*p == ' ')
			p++;
	}
	return 0;
}

/* " +x" for each of from not in other (sign '+'), or " -x" (sign '-'). */
static void list_changes(struct tk_buf *out, const char *from, const char *other, char sign)
{
	const char *p = from;

	while (*p) {
		size_t k = strcspn(p, " ");
		if (!listed(other, p, k))
			tk_buf_printf(out, " %c%.*s", sign, (int)k, p);
		p += k;
		while (*p == ' ')
			p++;
	}
}

/* Short enough to show whole on a line of the log. */
static int short_text(const char *s)
{
	return !strchr(s, '\n') && tk_display_width(s, strlen(s)) <= 24;
}

int tk_itemdiff_summary(const struct tk_itemdiff *d, struct tk_buf *out)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct tk_field_change *c = &d->v[i];
		tk_buf_printf(out, "%s%s", i ? "; " : "", c->field);
		if (c->list) {
			list_changes(out, c->after, c->before, '+');
			list_changes(out, c->before, c->after, '-');
		} else if (short_text(c->before) && short_text(c->after)) {
			tk_buf_printf(out, " %s → %s", c->before[0] ? c->before : "—",
				      c->after[0] ? c->after : "—");
		} else {
			tk_buf_printf(out, " %s", _("changed"));
		}
	}
	return !out->oom;
}
