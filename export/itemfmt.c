/* itemfmt.c -- what the item writers for other tools share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "itemfmt.h"
#include "markdown.h"

void tk_itemfmt_category(const struct tk_standard *s, const struct tk_item *it,
			 const char *part[3])
{
	int level = tk_standard_level(s, it->level);
	const struct tk_req *r = NULL, *top;

	part[0] = s->title && *s->title ? s->title : s->id;
	part[1] = level >= 0 ? s->levels[level].name : it->level;
	part[2] = it->ncodes ? it->codes[0] : "";
	if (level >= 0 && it->ncodes)
		r = tk_standard_find(s, level, it->kind, it->codes[0]);
	if (r && (top = tk_standard_top(s, r)) != NULL && top->text)
		part[2] = top->text;
}

static void category_path(struct tk_buf *b, const struct tk_standard *s,
			  const struct tk_item *it)
{
	const char *part[3], *p;
	int i;

	tk_itemfmt_category(s, it, part);
	tk_buf_puts(b, "$course$");
	for (i = 0; i < 3; i++) {
		tk_buf_putc(b, '/');
		for (p = part[i]; *p; p++) {
			if (*p == '/')
				tk_buf_putc(b, '/');
			tk_buf_putc(b, *p);
		}
	}
}

static int by_category(const void *a, const void *b)
{
	const struct tk_itemfmt_entry *x = a, *y = b;
	int c = strcmp(x->category, y->category);

	return c ? c : (x->index > y->index) - (x->index < y->index);
}

struct tk_itemfmt_entry *tk_itemfmt_sort(const struct tk_standard *s,
					 struct tk_item *const *items, size_t n)
{
	struct tk_itemfmt_entry *e;
	size_t i;

	if ((e = calloc(n ? n : 1, sizeof *e)) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		struct tk_buf c = TK_BUF_INIT;
		category_path(&c, s, items[i]);
		e[i].index = i;
		if ((e[i].category = tk_buf_detach(&c)) == NULL) {
			tk_itemfmt_sort_free(e, n);
			return NULL;
		}
	}
	qsort(e, n, sizeof *e, by_category);
	return e;
}

void tk_itemfmt_sort_free(struct tk_itemfmt_entry *e, size_t n)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < n; i++)
		free(e[i].category);
	free(e);
}

int tk_itemfmt_each(const struct tk_itemfmt_opts *o, struct tk_item *const *items, size_t n,
		    int (*category)(void *ud, const char *path),
		    int (*item)(void *ud, const struct tk_item *it), void *ud,
		    struct tk_error *err)
{
	struct tk_itemfmt_entry *e;
	const char *last = NULL;
	size_t i;
	int rc = TK_OK;

	if (o->category) {
		if (category && n && (rc = category(ud, o->category)) != TK_OK)
			return rc;
		for (i = 0; i < n && rc == TK_OK; i++)
			rc = item(ud, items[i]);
		return rc;
	}
	if ((e = tk_itemfmt_sort(o->standard, items, n)) == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	for (i = 0; i < n && rc == TK_OK; i++) {
		if (category && (last == NULL || strcmp(last, e[i].category))) {
			last = e[i].category;
			if ((rc = category(ud, last)) != TK_OK)
				break;
		}
		rc = item(ud, items[e[i].index]);
	}
	tk_itemfmt_sort_free(e, n);
	return rc;
}

double tk_itemfmt_share(const struct tk_item *it, int i)
{
	int k, right = 0;

	for (k = 0; k < it->noptions; k++)
		right += it->answer && strchr(it->answer, it->options[k].key) != NULL;
	if (it->answer && strchr(it->answer, it->options[i].key))
		return 100.0 / (right ? right : 1);
	return it->type == TK_SINGLE ? 0 : -100;
}

void tk_itemfmt_percent(struct tk_buf *b, double f)
{
	char s[32];
	size_t n;

	snprintf(s, sizeof s, "%.5f", f);
	n = strlen(s);
	while (n > 0 && s[n - 1] == '0')
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == '.')
		s[--n] = '\0';
	tk_buf_puts(b, strcmp(s, "-0") ? s : "0");
}

static int image_ext(const char *name)
{
	static const char *const ok[] = {".png", ".jpg", ".jpeg", ".gif", ".webp", NULL};
	size_t n = strlen(name), k, i;

	for (i = 0; ok[i]; i++) {
		k = strlen(ok[i]);
		if (n > k && !strcasecmp(name + n - k, ok[i]))
			return 1;
	}
	return 0;
}

int tk_itemfmt_image(const struct tk_itemfmt_opts *o, const struct tk_item *it,
		     const char *src, char **name, struct tk_buf *data, struct tk_error *err)
{
	struct tk_buf path = TK_BUF_INIT;
	char *rel = NULL, *bytes = NULL;
	const char *base;
	size_t len;
	int rc, type;

	*name = NULL;
	/* an image kept in the bank, by the name made from its bytes */
	rc = tk_image_lookup(o->store, src, data, &type, err);
	if (rc == TK_OK) {
		if ((*name = tk_strdup(src)) == NULL)
			return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		return TK_OK;
	}
	if (rc != TK_FAIL) {
		char why[sizeof err->msg];
		memcpy(why, err->msg, sizeof why);
		return tk_error_set(err, rc, NULL, 0, _("item '%s' shows image '%s': %s"),
				    it->id, src, why);
	}
	tk_buf_reset(data);
	if (o->images == NULL)
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    _("item '%s' shows image '%s': name the folder of the items' "
				      "images with --images DIR"), it->id, src);
	if (tk_md_resolve("", src, &rel) != TK_MD_PATH_OK || !image_ext(rel)) {
		free(rel);
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    _("item '%s' shows image '%s', which is not a PNG, JPEG, GIF or "
				      "WebP file inside the images folder"), it->id, src);
	}
	tk_buf_printf(&path, "%s/%s", o->images, rel);
	if (path.oom) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	if ((rc = tk_read_file(tk_buf_str(&path), &bytes, &len, err)) != TK_OK) {
		char why[sizeof err->msg];
		memcpy(why, err->msg, sizeof why);
		rc = tk_error_set(err, TK_EINPUT, NULL, 0, _("item '%s' shows image '%s': %s"),
				  it->id, src, why);
		goto out;
	}
	base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	tk_buf_add(data, bytes, len);
	if ((*name = tk_strdup(base)) == NULL || data->oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
out:
	free(bytes);
	free(rel);
	tk_buf_free(&path);
	return rc;
}

int tk_itemfmt_blanks(const struct tk_item *it, struct tk_itemfmt_blanks *b)
{
	memset(b, 0, sizeof *b);
	return tk_item_blanks(it->answer, &b->alt, &b->nalt, &b->n);
}

void tk_itemfmt_blanks_free(struct tk_itemfmt_blanks *b)
{
	tk_item_blanks_free(b->alt, b->nalt, b->n);
	memset(b, 0, sizeof *b);
}
