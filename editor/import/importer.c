/* importer.c -- importing standards and items into a bank. */
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "docx.h"
#include "gifttext.h"
#include "glossary.h"
#include "importer.h"
#include "moodlexml.h"
#include "qtiin.h"
#include "lint.h"
#include "table.h"
#include "util.h"
#include "xlsx.h"
#include "xml.h"

/*
 * An items file is read twice, by streaming readers: once against the
 * schema, once into items.  Above this size the two run at the same time
 * on two cores, the second converting, checking and storing inside the
 * caller's transaction; the result counts only when the schema check
 * succeeds, otherwise the caller rolls back.
 */
#define SPLIT_SIZE (1 << 20)

struct check_job {
	const char *data, *name;
	size_t len;
	struct tk_diags diags;
	struct tk_error err;
	int rc;
};

static void *check_thread(void *p)
{
	struct check_job *j = p;

	j->rc = tk_xml_check(j->data, j->len, j->name, "items", &j->diags, &j->err);
	return NULL;
}

static const char *ext_of(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	return dot && (!slash || dot > slash) ? dot + 1 : "";
}

/* Skip a BOM, white space, the XML declaration, comments; then the root name. */
static int root_is(const char *data, const char *name)
{
	const char *p = data;
	size_t n = strlen(name);

	if (!strncmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (!strncmp(p, "<?", 2) || !strncmp(p, "<!--", 4)) {
			const char *end = p[1] == '?' ? "?>" : "-->";
			const char *e = strstr(p, end);
			if (e == NULL)
				return 0;
			p = e + strlen(end);
			continue;
		}
		break;
	}
	return *p == '<' && !strncmp(p + 1, name, n) &&
	       (p[1 + n] == ' ' || p[1 + n] == '>' || p[1 + n] == '\n' ||
		p[1 + n] == '\t' || p[1 + n] == '\r' || p[1 + n] == '/');
}

static int import_standard(struct tk_bank *b, const char *path, const char *data,
			   size_t len, struct tk_import_stats *st,
			   struct tk_diags *diags, struct tk_error *err)
{
	struct tk_standard *s = NULL;
	struct tk_diags lint = TK_DIAGS_INIT;
	int rc, outcome, i;

	rc = tk_standard_parse(data, len, path, &s, diags, err);
	if (rc != TK_OK)
		return rc;
	tk_lint_standard(s, &lint);
	if (lint.nerrors) {
		for (i = 0; i < (int)lint.n; i++)
			if (lint.v[i].severity == TK_DIAG_ERROR)
				tk_diags_add(diags, TK_DIAG_ERROR, lint.v[i].file,
					     lint.v[i].line, "%s", lint.v[i].msg);
		rc = tk_error_set(err, TK_EINPUT, path, 0,
				  "the standard has %zu errors (see `tiku lint %s`)",
				  lint.nerrors, path);
		goto out;
	}
	rc = tk_bank_put_standard(b, s, &outcome, err);
	if (rc == TK_OK) {
		if (outcome == TK_PUT_NEW)
			st->standards_new++;
		else if (outcome == TK_PUT_CHANGED)
			st->standards_changed++;
		else
			st->standards_same++;
	}
out:
	tk_diags_free(&lint);
	tk_standard_free(s);
	return rc;
}

int tk_import_images_add(struct tk_import_images *im, const void *data, size_t len, int type,
			 char name[TK_IMAGE_NAME])
{
	size_t i;

	tk_image_name(data, len, type, name);
	for (i = 0; i < im->n; i++)
		if (!strcmp(im->v[i].name, name))
			return TK_OK;
	if (im->n == im->cap) {
		size_t cap = im->cap ? im->cap * 2 : 8;
		struct tk_import_image *v = realloc(im->v, cap * sizeof *v);
		if (v == NULL)
			return TK_EINTERNAL;
		im->v = v;
		im->cap = cap;
	}
	if ((im->v[im->n].data = malloc(len ? len : 1)) == NULL)
		return TK_EINTERNAL;
	memcpy(im->v[im->n].data, data, len);
	im->v[im->n].len = len;
	memcpy(im->v[im->n].name, name, TK_IMAGE_NAME);
	im->n++;
	return TK_OK;
}

void tk_import_images_free(struct tk_import_images *im)
{
	size_t i;

	if (im == NULL)
		return;
	for (i = 0; i < im->n; i++)
		free(im->v[i].data);
	free(im->v);
	memset(im, 0, sizeof *im);
}

/* ---- images beside an items file ---------------------------------- */

/* The src of every <img> under n, appended to srcs (a list of NUL-ended names). */
static void img_srcs(xmlNodePtr n, struct tk_buf *srcs)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (tk_xml_is(c, "img")) {
			char *src = tk_xml_attr(c, "src");
			if (src)
				tk_buf_add(srcs, src, strlen(src) + 1);
			free(src);
		}
		img_srcs(c, srcs);
	}
}

/* Does the path src leave its folder ("..", a component of it)? */
static int climbs(const char *src)
{
	const char *p = src;

	for (;;) {
		if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == '\0'))
			return 1;
		if ((p = strchr(p, '/')) == NULL)
			return 0;
		p++;
	}
}

/*
 * Is the file at path, links followed, inside the folder dir?  A link
 * beside the items must not bring a file from elsewhere into the bank.
 */
static int inside_dir(const char *dir, const char *path)
{
	char *rd = realpath(dir, NULL), *rp = realpath(path, NULL);
	size_t n = rd ? strlen(rd) : 0;
	int ok = rd && rp && !strncmp(rp, rd, n) && (rp[n] == '/' || (n == 1 && rd[0] == '/'));

	free(rd);
	free(rp);
	return ok;
}

/* An image of images by name, added once; TK_OK or TK_EINTERNAL. */
static int keep_image(struct tk_import_images *images, const char *name, char *data, size_t len)
{
	size_t i;

	for (i = 0; i < images->n; i++)
		if (!strcmp(images->v[i].name, name)) {
			free(data);
			return TK_OK;
		}
	if (images->n == images->cap) {
		size_t cap = images->cap ? images->cap * 2 : 8;
		struct tk_import_image *v = realloc(images->v, cap * sizeof *v);
		if (v == NULL) {
			free(data);
			return TK_EINTERNAL;
		}
		images->v = v;
		images->cap = cap;
	}
	snprintf(images->v[images->n].name, TK_IMAGE_NAME, "%s", name);
	images->v[images->n].data = (unsigned char *)data;
	images->v[images->n].len = len;
	images->n++;
	return TK_OK;
}

/* frag with every src="from" made src="to"; NULL when out of memory. */
static char *rename_src(const char *frag, const char *from, const char *to)
{
	struct tk_buf b = TK_BUF_INIT, pat = TK_BUF_INIT;
	const char *p = frag, *q;

	/* the canonical form the item reader writes (item.c) */
	tk_buf_puts(&pat, " src=\"");
	tk_buf_xml(&pat, from, 1);
	tk_buf_putc(&pat, '"');
	while ((q = strstr(p, tk_buf_str(&pat))) != NULL) {
		tk_buf_add(&b, p, (size_t)(q - p));
		tk_buf_puts(&b, " src=\"");
		tk_buf_puts(&b, to);
		tk_buf_putc(&b, '"');
		p = q + pat.len;
	}
	tk_buf_puts(&b, p);
	tk_buf_free(&pat);
	return tk_buf_detach(&b);
}

/*
 * One image an item shows, src relative to dir: when it is a file there,
 * read and checked (PNG or JPEG, at most TK_IMAGE_MAX), kept in images
 * under the name made from its bytes, and *name set to that name; when
 * there is no such file, *name stays empty and the src is left as it is
 * (a folder named when printing may hold it, or the bank already does).
 */
static int one_image(const char *path, const char *dir, const struct tk_item *it,
		     const char *src, struct tk_import_images *images, char name[TK_IMAGE_NAME],
		     struct tk_diags *diags, struct tk_error *err)
{
	struct tk_buf file = TK_BUF_INIT;
	struct stat st;
	char *data = NULL;
	size_t len = 0;
	int rc = TK_OK, type;

	name[0] = '\0';
	if (climbs(src)) {
		rc = tk_error_set(err, TK_EINPUT, path, it->line,
				  "item '%s': image '%s' is outside the items file's folder",
				  it->id, src);
		goto out;
	}
	tk_buf_printf(&file, "%s/%s", dir, src);
	if (file.oom) {
		rc = tk_error_set(err, TK_EINTERNAL, path, 0, "out of memory");
		goto out;
	}
	if (stat(file.s, &st) != 0 || !S_ISREG(st.st_mode))
		goto out;
	if (!inside_dir(dir, file.s)) {
		rc = tk_error_set(err, TK_EINPUT, path, it->line,
				  "item '%s': image '%s' is outside the items file's folder",
				  it->id, src);
		goto out;
	}
	if ((unsigned long long)st.st_size > TK_IMAGE_MAX) {
		rc = tk_error_set(err, TK_EINPUT, path, it->line,
				  "item '%s': image '%s' is larger than %u bytes", it->id, src,
				  TK_IMAGE_MAX);
		goto out;
	}
	if ((rc = tk_read_file(file.s, &data, &len, err)) != TK_OK) {
		char why[sizeof err->msg];
		snprintf(why, sizeof why, "%s", err->msg);
		rc = tk_error_set(err, rc, path, it->line, "item '%s': image '%s': %s", it->id,
				  src, why);
		goto out;
	}
	if (len > TK_IMAGE_MAX || (type = tk_image_type(data, len)) == TK_IMAGE_NONE) {
		free(data);
		rc = tk_error_set(err, TK_EINPUT, path, it->line,
				  "item '%s': image '%s' is not a PNG or JPEG image", it->id, src);
		goto out;
	}
	tk_image_name(data, len, type, name);
	if (keep_image(images, name, data, len) != TK_OK)
		rc = tk_error_set(err, TK_EINTERNAL, path, 0, "out of memory");
out:
	if (rc != TK_OK && rc != TK_EINTERNAL)
		tk_diags_add(diags, TK_DIAG_ERROR, err->file, err->line, "%s", err->msg);
	tk_buf_free(&file);
	return rc;
}

/*
 * The images the items of set show that are files beside the items file
 * path (src relative to its folder): kept in images by the name made
 * from their bytes, and each src renamed so -- the bank keeps an image by
 * its content, as a Word import does, and the writers ask it first.
 */
static int file_images(const char *path, struct tk_itemset *set, struct tk_import_images *images,
		       struct tk_diags *diags, struct tk_error *err)
{
	char *copy = tk_strdup(path), *dir;
	size_t i;
	int rc = TK_OK;

	if (copy == NULL)
		return tk_error_set(err, TK_EINTERNAL, path, 0, "out of memory");
	dir = dirname(copy);
	for (i = 0; i < set->n && rc == TK_OK; i++) {
		struct tk_item *it = set->items[i];
		int k, nf = 3 + it->noptions;
		for (k = 0; k < nf && rc == TK_OK; k++) {
			char **frag = k == 0 ? &it->stem : k == 1 ? &it->answer :
				      k == 2 ? &it->explanation : &it->options[k - 3].text;
			struct tk_buf srcs = TK_BUF_INIT;
			xmlDocPtr doc;
			const char *src;
			if (*frag == NULL || strstr(*frag, "<img") == NULL)
				continue;
			if ((doc = tk_xml_fragment(*frag)) == NULL)
				continue;
			img_srcs(xmlDocGetRootElement(doc), &srcs);
			xmlFreeDoc(doc);
			for (src = srcs.s; src && src < srcs.s + srcs.len && rc == TK_OK;
			     src += strlen(src) + 1) {
				char name[TK_IMAGE_NAME], *to;
				rc = one_image(path, dir, it, src, images, name, diags, err);
				if (rc != TK_OK || !name[0] || !strcmp(name, src))
					continue;
				if ((to = rename_src(*frag, src, name)) == NULL) {
					rc = tk_error_set(err, TK_EINTERNAL, path, 0, "out of memory");
					break;
				}
				free(*frag);
				*frag = to;
			}
			if (srcs.oom && rc == TK_OK)
				rc = tk_error_set(err, TK_EINTERNAL, path, 0, "out of memory");
			tk_buf_free(&srcs);
		}
	}
	free(copy);
	return rc;
}

/* A glossary is parsed (so that a bad one is refused here, with its
   lines) and stored as the file says it, for lint to read. */
static int import_glossary(struct tk_bank *b, const char *path, const char *data,
			   size_t len, struct tk_import_stats *st,
			   struct tk_diags *diags, struct tk_error *err)
{
	struct tk_glossary *g = NULL;
	char *xml = NULL;
	size_t before = diags->nerrors;
	int rc, outcome;

	if ((rc = tk_glossary_parse(data, len, path, &g, diags, err)) != TK_OK) {
		if (diags->nerrors == before)
			tk_diags_add(diags, TK_DIAG_ERROR, err->file, err->line, "%s", err->msg);
		return rc;
	}
	if ((xml = malloc(len + 1)) == NULL) {
		rc = tk_error_set(err, TK_EINTERNAL, path, 0, "out of memory");
		goto out;
	}
	memcpy(xml, data, len);
	xml[len] = '\0';
	rc = tk_bank_put_glossary(b, g->standard, path, xml, &outcome, err);
	if (rc != TK_OK)
		tk_diags_add(diags, TK_DIAG_ERROR, err->file, err->line, "%s", err->msg);
	else if (outcome == TK_PUT_NEW)
		st->glossaries_new++;
	else if (outcome == TK_PUT_CHANGED)
		st->glossaries_changed++;
	else
		st->glossaries_same++;
out:
	free(xml);
	tk_glossary_free(g);
	return rc;
}

/* Does the item show the image called name (in any of its rich texts)? */
static int shows(const struct tk_item *it, const char *name)
{
	int i;

	if ((it->stem && strstr(it->stem, name)) || (it->answer && strstr(it->answer, name)) ||
	    (it->explanation && strstr(it->explanation, name)))
		return 1;
	for (i = 0; i < it->noptions; i++)
		if (it->options[i].text && strstr(it->options[i].text, name))
			return 1;
	return 0;
}

/* Store the images of images (may be NULL) that item it shows, once each. */
static int put_images(struct tk_bank *b, const struct tk_item *it,
		      const struct tk_import_images *images, char *stored, struct tk_error *err)
{
	char name[TK_IMAGE_NAME];
	size_t j;
	int rc;

	for (j = 0; images && j < images->n; j++) {
		if (stored[j] || !shows(it, images->v[j].name))
			continue;
		rc = tk_bank_put_image(b, images->v[j].data, images->v[j].len, name, NULL, err);
		if (rc != TK_OK)
			return rc;
		stored[j] = 1;
	}
	return TK_OK;
}

/*
 * Check and store set's items.  keep: rows of the table layout, which
 * take what they cannot say from the item's current version.  sheet:
 * the items' lines are rows of this sheet, and messages say so.
 * images: the images of a Word document or QTI package (may be NULL), stored with
 * the items that show them.
 */
static int import_items(struct tk_bank *b, const char *path,
			const struct tk_import_opts *o, struct tk_itemset *set,
			int keep, const char *sheet, const struct tk_import_images *images,
			struct tk_import_stats *st, struct tk_diags *diags,
			struct tk_error *err)
{
	char *stored = NULL;
	struct tk_standard *s = NULL;
	struct tk_diags found = TK_DIAGS_INIT;
	const char *sid = set->standard ? set->standard : o->def.standard;
	char *bad = NULL;
	size_t i, e;
	int rc;

	rc = tk_bank_get_standard(b, sid, &s, err);
	if (rc != TK_OK) {
		tk_diags_add(diags, TK_DIAG_ERROR, path, 0, "%s", err->msg);
		return rc;
	}
	bad = calloc(set->n ? set->n : 1, 1);
	stored = calloc(images && images->n ? images->n : 1, 1);
	if (bad == NULL || stored == NULL) {
		rc = tk_error_set(err, TK_EINTERNAL, path, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < set->n; i++) {
		struct tk_item *it = set->items[i];
		int level = tk_standard_level(s, it->level);
		size_t before = found.nerrors;

		if (keep && it->id) {
			struct tk_item *cur = NULL;
			rc = tk_bank_get_item(b, it->id, &cur, err);
			if (rc == TK_OK && !tk_table_keep(it, cur))
				rc = tk_error_set(err, TK_EINTERNAL, path, 0, "out of memory");
			tk_item_free(cur);
			if (rc != TK_OK)
				goto out;
		}

		if (it->standard == NULL)
			it->standard = tk_strdup(s->id);
		if (level >= 0 && strcmp(it->level, s->levels[level].id)) {
			free(it->level);
			it->level = tk_strdup(s->levels[level].id);
		}
		tk_lint_item(s, it, &found);
		if (found.nerrors > before)
			bad[i] = 1;
	}
	/* an id twice in one file is an error of both */
	{
		struct tk_diags cross = TK_DIAGS_INIT;
		tk_lint_items(set->items, set->n, TK_LINT_IDS, &cross);
		for (e = 0; e < cross.n; e++) {
			/* TK_LINT_IDS alone finds nothing but ids used twice */
			if (cross.v[e].severity != TK_DIAG_ERROR)
				continue;
			tk_diags_add(&found, TK_DIAG_ERROR, cross.v[e].file, cross.v[e].line,
				     "%s", cross.v[e].msg);
			for (i = 0; i < set->n; i++)
				if (set->items[i]->line == cross.v[e].line &&
				    !strcmp(set->items[i]->file, cross.v[e].file))
					bad[i] = 1;
		}
		tk_diags_free(&cross);
	}
	for (e = 0; e < found.n; e++) {
		const struct tk_diag *f = &found.v[e];
		if (f->severity != TK_DIAG_ERROR)
			continue;
		if (sheet && f->line > 0 && f->file && !strcmp(f->file, path))
			tk_diags_add(diags, TK_DIAG_ERROR, f->file, 0, "%s row %d: %s", sheet,
				     f->line, f->msg);
		else
			tk_diags_add(diags, TK_DIAG_ERROR, f->file, f->line, "%s", f->msg);
	}
	st->items += set->n;
	for (e = i = 0; i < set->n; i++)
		e += bad[i];
	st->rejected += e;
	if (e && !o->partial) {
		rc = tk_error_set(err, TK_EINPUT, path, 0, "%zu of %zu items rejected",
				  e, set->n);
		goto out;
	}
	for (i = 0; i < set->n; i++) {
		int outcome;
		if (o->progress && i % 1000 == 0)
			o->progress(o->progress_ud, path, i, set->n);
		if (bad[i])
			continue;
		/* an item's pictures are in the bank before it names them */
		rc = put_images(b, set->items[i], images, stored, err);
		if (rc == TK_OK)
			rc = tk_bank_import_item(b, set->items[i], &outcome, err);
		if (rc != TK_OK) {
			tk_diags_add(diags, TK_DIAG_ERROR, err->file, err->line, "%s", err->msg);
			goto out;
		}
		if (set->items[i]->ncodes == 0)
			st->untagged++;
		if (outcome == TK_PUT_NEW)
			st->added++;
		else if (outcome == TK_PUT_CHANGED)
			st->changed++;
		else
			st->same++;
	}
	if (o->progress)
		o->progress(o->progress_ud, path, set->n, set->n);
	rc = TK_OK;
out:
	free(bad);
	free(stored);
	tk_diags_free(&found);
	tk_standard_free(s);
	return rc;
}

static int unknown_format(const char *fmt, struct tk_error *err)
{
	return tk_error_set(err, TK_EUSAGE, NULL, 0, "unknown format '%s' (xml, csv, xlsx, text, "
			    "docx, moodle, gift, qti, qti21 or qti30)", fmt);
}

/* A file a QTI manifest or item on disk names (rel, which the reader
   checked not to lead up), beside that file (ud, its path). */
static int read_beside(void *ud, const char *rel, size_t max, char **data, size_t *len,
		       struct tk_error *err)
{
	const char *path = ud, *slash = strrchr(path, '/');
	struct tk_buf full = TK_BUF_INIT;
	struct stat st;
	int rc = TK_FAIL;

	if (slash)
		tk_buf_add(&full, path, (size_t)(slash - path + 1));
	tk_buf_puts(&full, rel);
	if (full.oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	else if (stat(full.s, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size <= max)
		rc = tk_read_file(full.s, data, len, err) == TK_OK ? TK_OK : TK_FAIL;
	tk_buf_free(&full);
	return rc;
}

int tk_import_file(struct tk_bank *b, const char *path,
		   const struct tk_import_opts *o, struct tk_import_stats *st,
		   struct tk_diags *diags, struct tk_error *err)
{
	char *data = NULL, *utf8 = NULL;
	size_t len, ulen;
	const char *fmt = o->format, *ext = ext_of(path);
	struct tk_itemset set = {0};
	struct tk_standard *std = NULL;
	struct tk_import_images images = {0};
	char *sheet = NULL;
	size_t before, first_diag = 0;
	int rc, r, docx = 0;

	rc = tk_read_file(path, &data, &len, err);
	if (rc != TK_OK) {
		tk_diags_add(diags, TK_DIAG_ERROR, path, 0, "%s", err->msg);
		return rc;
	}
	if (fmt == NULL) {
		static const char zip[] = "PK\003\004", ole[] = "\xD0\xCF\x11\xE0";
		if (!strcasecmp(ext, "csv"))
			fmt = "csv";
		else if (!strcasecmp(ext, "xlsx") || !strcasecmp(ext, "xlsm") ||
			 !strcasecmp(ext, "xls"))
			fmt = "xlsx";
		else if (!strcasecmp(ext, "docx"))
			fmt = "docx";
		else if (!strcasecmp(ext, "zip"))
			fmt = "qti";            /* a content package */
		/* a workbook, a Word document or a QTI package under another
		   name is no XML either: a zip's names are in it as they are */
		else if (len >= 4 && (!memcmp(data, zip, 4) || !memcmp(data, ole, 4)) &&
			 strcasecmp(ext, "txt") && strcasecmp(ext, "text") &&
			 strcasecmp(ext, "gift"))
			fmt = memmem(data, len, "word/document.xml", 17) ? "docx" :
			      memmem(data, len, "imsmanifest.xml", 15) ? "qti" : "xlsx";
		else if (!strcasecmp(ext, "txt") || !strcasecmp(ext, "text"))
			fmt = "text";
		else if (!strcasecmp(ext, "gift"))
			fmt = "gift";
		else if (root_is(data, "quiz"))
			fmt = "moodle";         /* Moodle XML: its root is <quiz> */
		else if (root_is(data, "assessmentItem") || root_is(data, "qti-assessment-item") ||
			 root_is(data, "manifest"))
			fmt = "qti";            /* a QTI item, or an unpacked package's manifest */
		else
			fmt = "xml";
	}
	if (o->sheet && strcmp(fmt, "xlsx")) {
		rc = tk_error_set(err, TK_EUSAGE, NULL, 0,
				  "--sheet is for Excel workbooks (.xlsx), and %s is %s", path,
				  fmt);
		goto out;
	}
	if (!strcmp(fmt, "xml")) {
		struct check_job job;
		pthread_t th;
		int split = len > SPLIT_SIZE;

		if (root_is(data, "standard")) {
			rc = import_standard(b, path, data, len, st, diags, err);
			goto out;
		}
		if (root_is(data, "glossary")) {
			rc = import_glossary(b, path, data, len, st, diags, err);
			goto out;
		}
		memset(&job, 0, sizeof job);
		job.data = data;
		job.len = len;
		job.name = path;
		if (split) {
			tk_xml_init();
			split = pthread_create(&th, NULL, check_thread, &job) == 0;
		}
		if (!split) {
			rc = tk_xml_check(data, len, path, "items", diags, err);
			if (rc == TK_OK)
				rc = tk_items_parse_unchecked(data, len, path, &set, diags, err);
			if (rc == TK_OK)
				rc = file_images(path, &set, &images, diags, err);
			if (rc == TK_OK)
				rc = import_items(b, path, o, &set, 0, NULL, &images, st, diags, err);
			goto out;
		}
		{
			struct tk_diags mine = TK_DIAGS_INIT;
			struct tk_import_stats part;
			memset(&part, 0, sizeof part);
			rc = tk_items_parse_unchecked(data, len, path, &set, &mine, err);
			if (rc == TK_OK)
				rc = file_images(path, &set, &images, &mine, err);
			if (rc == TK_OK)
				rc = import_items(b, path, o, &set, 0, NULL, &images, &part, &mine, err);
			pthread_join(th, NULL);
			if (job.rc != TK_OK) {
				/* an invalid document: its schema errors are the report */
				tk_diags_move(diags, &job.diags);
				*err = job.err;
				rc = job.rc;
			} else {
				tk_diags_move(diags, &mine);
				st->items += part.items;
				st->added += part.added;
				st->changed += part.changed;
				st->same += part.same;
				st->rejected += part.rejected;
				st->untagged += part.untagged;
			}
			tk_diags_free(&mine);
			tk_diags_free(&job.diags);
		}
		goto out;
	} else if (!strcmp(fmt, "csv") || !strcmp(fmt, "text") || !strcmp(fmt, "moodle") ||
		   !strcmp(fmt, "gift") || !strcmp(fmt, "xlsx") || !strcmp(fmt, "docx") ||
		   !strncmp(fmt, "qti", 3)) {
		struct tk_import_defaults def = o->def;
		if (def.status == NULL)
			def.status = "draft";
		/* rows name levels as the standard spells them, or by id */
		if ((rc = tk_bank_get_standard(b, def.standard, &std, err)) != TK_OK) {
			tk_diags_add(diags, TK_DIAG_ERROR, path, 0, "%s", err->msg);
			goto out;
		}
		def.std = std;
		def.standard = std->id;
		if (def.level && tk_standard_level(std, def.level) < 0) {
			rc = tk_error_set(err, TK_EUSAGE, NULL, 0, "%s has no level '%s'",
					  std->id, def.level);
			goto out;
		}
		before = diags->nerrors;
		if (!strcmp(fmt, "xlsx")) {
			/* a workbook's text is XML's, UTF-8 or UTF-16 as it declares */
			r = tk_xlsx_parse(data, len, path, o->sheet, &def, &set, &sheet,
					  diags, err);
		} else if (!strncmp(fmt, "qti", 3)) {
			/* a manifest or an item on disk names files beside it */
			struct tk_qtiin_files beside = {read_beside, (void *)path};
			int version = !strcmp(fmt, "qti21") ? TK_QTI_21 :
				      !strcmp(fmt, "qti30") ? TK_QTI_30 : TK_QTI_ANY;
			if (strcmp(fmt, "qti") && version == TK_QTI_ANY) {
				rc = unknown_format(fmt, err);
				goto out;
			}
			r = tk_qtiin_parse(data, len, path, version, &beside, &def, &set, &images,
					   diags, err);
		} else if (!strcmp(fmt, "docx")) {
			/* a Word document's messages count its paragraphs */
			first_diag = diags->n;
			docx = 1;
			r = tk_docx_parse(data, len, path, &def, &set, &images, diags, err);
		} else {
			rc = tk_to_utf8(data, len, def.encoding, path, &utf8, &ulen, err);
			if (rc != TK_OK) {
				tk_diags_add(diags, TK_DIAG_ERROR, err->file, err->line, "%s",
					     err->msg);
				goto out;
			}
			r = !strcmp(fmt, "csv") ?
				tk_csv_parse(utf8, ulen, path, &def, &set, diags, err) :
			    !strcmp(fmt, "moodle") ?
				tk_moodlexml_parse(utf8, ulen, path, &def, &set, diags, err) :
			    !strcmp(fmt, "gift") ?
				tk_gifttext_parse(utf8, ulen, path, &def, &set, diags, err) :
				tk_text_parse(utf8, ulen, path, &def, &set, diags, err);
		}
		rc = r;
		/* the reader reported each bad row; with --partial the good
		   ones go on to be checked and stored */
		st->rejected += diags->nerrors - before;
		st->items += diags->nerrors - before;
		if (r == TK_EINPUT && o->partial)
			rc = TK_OK;
	} else {
		rc = unknown_format(fmt, err);
		goto out;
	}
	if (rc == TK_OK)
		rc = import_items(b, path, o, &set,
				  !strcmp(fmt, "csv") || !strcmp(fmt, "xlsx"), sheet, &images, st,
				  diags, err);
	else if (rc == TK_EINPUT && err->msg[0] == '\0')
		tk_error_set(err, TK_EINPUT, path, 0, "bad rows");
out:
	if (docx)
		tk_diags_set_unit(diags, first_diag, path, TK_DIAG_PARAGRAPH);
	tk_import_images_free(&images);
	free(sheet);
	tk_standard_free(std);
	tk_itemset_free(&set);
	free(data);
	free(utf8);
	return rc;
}
