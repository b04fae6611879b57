/*
 * bundle.c -- a course as a zip for browsers and LMSs: the one-page site
 * (html, scorm12, scorm2004) and the common cartridge (imscc, in cc.c).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "bundle.h"
#include "bundle_int.h"
#include "embedded.h"
#include "html.h"
#include "i18n.h"
#include "markdown.h"
#include "pack.h"
#include "xml.h"

static const char *const format_names[TK_BUNDLE_NFORMATS] = {
	"html", "scorm12", "scorm2004", "imscc"
};

int tk_bundle_format(const char *name)
{
	int i;

	for (i = 0; name && i < TK_BUNDLE_NFORMATS; i++)
		if (!strcmp(name, format_names[i]))
			return i;
	return -1;
}

const char *tk_bundle_format_name(int format)
{
	return format >= 0 && format < TK_BUNDLE_NFORMATS ? format_names[format] : "?";
}

/* ---- the files of a bundle ----------------------------------------- */

int bb_add(struct bb *x, const char *name, const void *data, size_t len)
{
	struct tk_unpack_file *f;
	int i;

	for (i = 0; i < x->nfiles; i++)
		if (!strcmp(x->files[i].name, name))
			return tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "two files named %s", name);
	if (x->nfiles + 2 >= x->cap) {     /* room for the manifest and its signature */
		int oom = 0;
		x->files = tk_grow(x->files, x->cap = x->cap ? 2 * x->cap : 32, sizeof *x->files,
				   &oom);
		if (oom)
			return tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	f = &x->files[x->nfiles];
	f->name = strdup(name);
	f->data = malloc(len ? len : 1);
	f->len = len;
	if (f->name == NULL || f->data == NULL) {
		free(f->name);
		free(f->data);
		return tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	memcpy(f->data, data, len);
	x->nfiles++;
	return TK_OK;
}

int bb_add_buf(struct bb *x, const char *name, const struct tk_buf *b)
{
	if (b->oom)
		return tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
	return bb_add(x, name, b->s ? b->s : "", b->len);
}

int bb_has(const struct bb *x, const char *name)
{
	int i;

	for (i = 0; i < x->nfiles; i++)
		if (!strcmp(x->files[i].name, name))
			return 1;
	return 0;
}

/* ---- media: images and linked files, named by their content -------- */

static const char *const image_ext[] = {"png", "jpg", "jpeg", "gif", "webp", NULL};
static const char *const file_ext[] = {"png", "jpg", "jpeg", "gif", "webp", "pdf", "txt",
				       "docx", "xlsx", "pptx", "mp3", "mp4", NULL};

/* The lower-case extension of path if it is one of allowed, else NULL. */
static const char *known_ext(const char *path, const char *const *allowed, char *buf)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	size_t i;

	if (dot == NULL || (slash && dot < slash) || strlen(dot + 1) > 5)
		return NULL;
	for (i = 0; dot[1 + i]; i++)
		buf[i] = (char)(dot[1 + i] >= 'A' && dot[1 + i] <= 'Z' ? dot[1 + i] + 32 : dot[1 + i]);
	buf[i] = '\0';
	for (i = 0; allowed[i]; i++)
		if (!strcmp(buf, allowed[i]))
			return buf;
	return NULL;
}

/* The bundle's name for data: media/ and the start of its SHA-256. */
static const char *media_bytes(struct bb *x, const char *data, size_t len, const char *ext)
{
	char hex[65];

	tk_sha256_hex(data, len, hex);
	tk_buf_reset(&x->url);
	tk_buf_printf(&x->url, "media/%.20s.%s", hex, ext);
	if (!bb_has(x, tk_buf_str(&x->url)) &&
	    bb_add(x, tk_buf_str(&x->url), data, len) != TK_OK)
		return NULL;
	return tk_buf_str(&x->url);
}

/*
 * The bundle's name for the file at path (on disk): media/ and the start
 * of its SHA-256, so that names are plain, repeat, and one file is stored
 * once however often it is shown.  NULL after an error naming file:line.
 */
static const char *media(struct bb *x, const char *path, const char *ext, const char *file,
			 int line)
{
	struct stat st;
	char *data = NULL, hex[65];
	size_t len;
	struct tk_error e = {0};

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		tk_error_set(x->err, TK_EINPUT, file, line, _("'%s' is not there"), path);
		return NULL;
	}
	if (st.st_size > 50 * 1024 * 1024) {
		tk_error_set(x->err, TK_EINPUT, file, line, _("'%s' is over 50 MiB"), path);
		return NULL;
	}
	if (tk_read_file(path, &data, &len, &e) != TK_OK) {
		tk_error_set(x->err, TK_EINPUT, file, line, "%s", e.msg);
		return NULL;
	}
	tk_sha256_hex(data, len, hex);
	tk_buf_reset(&x->url);
	tk_buf_printf(&x->url, "media/%.20s.%s", hex, ext);
	if (!bb_has(x, tk_buf_str(&x->url)) &&
	    bb_add(x, tk_buf_str(&x->url), data, len) != TK_OK) {
		free(data);
		return NULL;
	}
	free(data);
	return tk_buf_str(&x->url);
}

/* url as the page should write it: prefixed when pages sit in a folder. */
static const char *prefixed(struct bb *x, const char *name)
{
	struct tk_buf b = TK_BUF_INIT;

	tk_buf_printf(&b, "%s%s", x->prefix, name);
	tk_buf_reset(&x->url);
	tk_buf_puts(&x->url, tk_buf_str(&b));
	tk_buf_free(&b);
	return tk_buf_str(&x->url);
}

static const char *lesson_image(void *ud, const char *src, int line, struct tk_error *err)
{
	struct bb *x = ud;
	char *rel = NULL, ext[8];
	const char *name = NULL, *e;
	struct tk_buf path = TK_BUF_INIT;

	(void)err;
	if (tk_md_resolve(x->dir, src, &rel) != TK_MD_PATH_OK) {
		tk_error_set(x->err, TK_EINPUT, x->file, line,
			     _("image '%s' is not a file inside the course folder"), src);
		return NULL;
	}
	if ((e = known_ext(rel, image_ext, ext)) == NULL) {
		tk_error_set(x->err, TK_EINPUT, x->file, line,
			     _("image '%s' is not PNG, JPEG, GIF or WebP"), src);
		free(rel);
		return NULL;
	}
	tk_buf_printf(&path, "%s/%s", x->c->dir, rel);
	name = media(x, tk_buf_str(&path), e, x->file, line);
	free(rel);
	tk_buf_free(&path);
	return name ? prefixed(x, name) : NULL;
}

static int has_scheme(const char *url, const char *scheme)
{
	size_t n = strlen(scheme);

	return !strncasecmp(url, scheme, n) && url[n] == ':';
}

static const char *lesson_link(void *ud, const char *url, int line, struct tk_error *err)
{
	struct bb *x = ud;
	char *rel = NULL, ext[8];
	const char *e, *name;
	struct tk_buf path = TK_BUF_INIT;
	int i;

	(void)err;
	if (has_scheme(url, "http") || has_scheme(url, "https") || has_scheme(url, "mailto") ||
	    has_scheme(url, "tel"))
		return url;
	if (*url == '#')        /* within the lesson: the page routes by its hash */
		return x->format == TK_BUNDLE_IMSCC ? url : prefixed(x, "");
	if (tk_md_resolve(x->dir, url, &rel) != TK_MD_PATH_OK) {
		tk_error_set(x->err, TK_EINPUT, x->file, line,
			     _("link '%s' leaves the course folder or uses a scheme other than "
			       "http, https, mailto or tel"), url);
		return NULL;
	}
	for (i = 0; i < x->c->nlessons; i++)
		if (x->bodies[i] && !strcmp(x->bodies[i], rel))
			break;
	if (i < x->c->nlessons) {
		free(rel);
		tk_buf_reset(&x->url);
		if (x->format == TK_BUNDLE_IMSCC)
			tk_buf_printf(&x->url, "%s.html", x->c->lessons[i].id);
		else
			tk_buf_printf(&x->url, "#lesson/%s", x->c->lessons[i].id);
		return tk_buf_str(&x->url);
	}
	if ((e = known_ext(rel, file_ext, ext)) == NULL) {
		tk_error_set(x->err, TK_EINPUT, x->file, line,
			     _("link '%s' names a file of a kind bundles do not carry"), url);
		free(rel);
		return NULL;
	}
	tk_buf_printf(&path, "%s/%s", x->c->dir, rel);
	name = media(x, tk_buf_str(&path), e, x->file, line);
	free(rel);
	tk_buf_free(&path);
	return name ? prefixed(x, name) : NULL;
}

static const char *item_image(void *ud, const char *src, int line, struct tk_error *err)
{
	struct bb *x = ud;
	char *rel = NULL, ext[8];
	const char *e, *name;
	struct tk_buf path = TK_BUF_INIT;

	struct tk_buf data = TK_BUF_INIT;
	int type, rc;

	(void)line;
	(void)err;
	/* an image kept in the bank first, by the name made from its bytes */
	rc = tk_image_lookup(x->job->store, src, &data, &type, x->err);
	if (rc == TK_OK) {
		name = media_bytes(x, data.s, data.len, type == TK_IMAGE_JPEG ? "jpg" : "png");
		tk_buf_free(&data);
		return name ? prefixed(x, name) : NULL;
	}
	tk_buf_free(&data);
	if (rc != TK_FAIL) {
		char why[sizeof x->err->msg];
		memcpy(why, x->err->msg, sizeof why);
		tk_error_set(x->err, rc, NULL, 0, _("item '%s' shows image '%s': %s"), x->item,
			     src, why);
		return NULL;
	}
	if (x->job->images == NULL) {
		tk_error_set(x->err, TK_EINPUT, NULL, 0,
			     _("item '%s' shows image '%s': name the folder of the items' images "
			       "with --images DIR"), x->item, src);
		return NULL;
	}
	if (tk_md_resolve("", src, &rel) != TK_MD_PATH_OK ||
	    (e = known_ext(rel, image_ext, ext)) == NULL) {
		tk_error_set(x->err, TK_EINPUT, NULL, 0,
			     _("item '%s' shows image '%s', which is not a PNG, JPEG, GIF or WebP "
			       "file inside the images folder"), x->item, src);
		free(rel);
		return NULL;
	}
	tk_buf_printf(&path, "%s/%s", x->job->images, rel);
	name = media(x, tk_buf_str(&path), e, x->item, 0);
	free(rel);
	tk_buf_free(&path);
	return name ? prefixed(x, name) : NULL;
}

/* ---- lessons --------------------------------------------------------- */

int bb_lesson_html(struct bb *x, int i, struct tk_buf *html, struct tk_buf *text)
{
	const struct tk_course_lesson *l = &x->c->lessons[i];
	struct tk_html_refs refs = {lesson_image, lesson_link, NULL, NULL, 0};
	struct tk_md_doc *doc = NULL;
	char *path = tk_course_body_path(x->c, i);
	const char *slash;
	int rc;

	refs.ud = x;
	if (path == NULL || x->bodies[i] == NULL)
		return tk_error_set(x->err, TK_EINPUT, x->c->file, l->line,
				    _("lesson '%s': its body '%s' is outside the course folder"),
				    l->id, l->body);
	/* links and images are written relative to the body's own folder */
	free(x->dir);
	slash = strrchr(x->bodies[i], '/');
	x->dir = slash ? strndup(x->bodies[i], (size_t)(slash - x->bodies[i])) : strdup("");
	x->file = path;
	if ((rc = tk_md_load(path, &doc, NULL, x->err)) == TK_OK)
		rc = tk_html_markdown(html, doc, &refs, x->err);
	if (rc == TK_OK && text)
		tk_md_plain(doc->root, text);
	tk_md_free(doc);
	x->file = NULL;
	free(path);
	return rc;
}

/* ---- items ------------------------------------------------------------ */

int bb_item_html(struct bb *x, const struct tk_item *it, const char *frag, struct tk_buf *out)
{
	struct tk_html_refs refs = {item_image, NULL, NULL, NULL, 0};

	refs.ud = x;
	x->item = it->id;
	return tk_html_fragment(out, frag, &refs, x->err);
}

/* What scorers look for: "评分要点" and the criteria with their points.
   A criterion is a fragment: its text, escaped once. */
void bb_rubric_html(const struct tk_item *it, struct tk_buf *out)
{
	struct tk_buf t = TK_BUF_INIT;
	char pts[16];
	int i;

	if (it->nrubric == 0)
		return;
	tk_buf_puts(out, "<p class=\"rubric-title\">评分要点</p><ul class=\"rubric\">");
	for (i = 0; i < it->nrubric; i++) {
		tk_buf_reset(&t);
		tk_html_fragment_text(&t, it->rubric[i].text);
		tk_buf_puts(out, "<li>");
		tk_html_escape(out, t.s ? tk_trim(t.s) : "");
		tk_buf_printf(out, "（%s分）</li>", tk_points_format(it->rubric[i].points, pts));
	}
	tk_buf_puts(out, "</ul>");
	tk_buf_free(&t);
}

static void json_key(struct tk_buf *b, const char *k)
{
	tk_html_json(b, k);
	tk_buf_putc(b, ':');
}

static int json_html(struct bb *x, struct tk_buf *b, const char *key, const struct tk_item *it,
		     const char *frag)
{
	struct tk_buf h = TK_BUF_INIT;
	int rc;

	json_key(b, key);
	if (frag == NULL || *frag == '\0') {
		tk_buf_puts(b, "null");
		return TK_OK;
	}
	rc = bb_item_html(x, it, frag, &h);
	tk_html_json(b, tk_buf_str(&h));
	tk_buf_free(&h);
	return rc;
}

static int json_item(struct bb *x, struct tk_buf *b, const struct tk_item *it)
{
	char pts[32];
	int i, k, rc;

	tk_html_json(b, it->id);
	tk_buf_puts(b, ":{");
	json_key(b, "type");
	tk_html_json(b, tk_type_name(it->type));
	tk_buf_putc(b, ',');
	if ((rc = json_html(x, b, "stem", it, it->stem)) != TK_OK)
		return rc;
	tk_buf_putc(b, ',');
	json_key(b, "options");
	tk_buf_putc(b, '[');
	for (i = 0; i < it->noptions; i++) {
		char key[2] = {it->options[i].key, '\0'};
		tk_buf_puts(b, i ? ",{" : "{");
		json_key(b, "key");
		tk_html_json(b, key);
		tk_buf_putc(b, ',');
		if ((rc = json_html(x, b, "html", it, it->options[i].text)) != TK_OK)
			return rc;
		tk_buf_putc(b, '}');
	}
	tk_buf_puts(b, "],");
	json_key(b, "answer");
	if (it->type == TK_SINGLE || it->type == TK_MULTIPLE || it->type == TK_TRUEFALSE) {
		struct tk_buf t = TK_BUF_INIT;
		tk_html_fragment_text(&t, it->answer);
		tk_html_json(b, tk_trim(t.s ? t.s : (char *)""));
		tk_buf_free(&t);
	} else if (it->type == TK_FILL) {
		char ***blanks;
		int *nalts, nb;
		if (!tk_item_blanks(it->answer, &blanks, &nalts, &nb))
			return tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
		tk_buf_putc(b, '[');
		for (i = 0; i < nb; i++) {
			tk_buf_puts(b, i ? ",[" : "[");
			for (k = 0; k < nalts[i]; k++) {
				if (k)
					tk_buf_putc(b, ',');
				tk_html_json(b, blanks[i][k]);
			}
			tk_buf_putc(b, ']');
		}
		tk_buf_putc(b, ']');
		tk_item_blanks_free(blanks, nalts, nb);
	} else {
		tk_buf_puts(b, "null");
	}
	tk_buf_putc(b, ',');
	/* open items: the reference answer, then what scorers look for */
	json_key(b, "reference");
	if (it->type == TK_SHORT || it->type == TK_CASE || it->type == TK_TASK) {
		struct tk_buf h = TK_BUF_INIT;
		if ((rc = bb_item_html(x, it, it->answer, &h)) != TK_OK) {
			tk_buf_free(&h);
			return rc;
		}
		bb_rubric_html(it, &h);
		tk_html_json(b, tk_buf_str(&h));
		tk_buf_free(&h);
	} else {
		tk_buf_puts(b, "null");
	}
	tk_buf_putc(b, ',');
	if ((rc = json_html(x, b, "explanation", it, it->explanation)) != TK_OK)
		return rc;
	tk_buf_printf(b, ",\"points\":%s,", tk_points_format(it->points, pts));
	json_key(b, "codes");
	tk_buf_putc(b, '[');
	for (i = 0; i < it->ncodes; i++) {
		if (i)
			tk_buf_putc(b, ',');
		tk_html_json(b, it->codes[i]);
	}
	tk_buf_puts(b, "]}");
	return TK_OK;
}

/* A test's title as learners see it. */
void bb_test_title(const struct bb *x, const struct tk_practice_test *t, struct tk_buf *out)
{
	if (t->kind == TK_TEST_EXAM)
		tk_buf_puts(out, "模拟考试");
	else
		tk_buf_printf(out, "%s 单元测试", x->c->modules[t->module].title);
}

/* The course as data for the script; each lesson's body HTML to html[i]
   (caller frees) when html is not NULL. */
static int site_data(struct bb *x, struct tk_buf *b, char **html_out)
{
	const struct tk_course *c = x->c;
	const struct tk_practice *p = x->p;
	char hours[24];
	int i, k, rc, total = 0;

	for (i = 0; i < c->nlessons; i++)
		total += c->lessons[i].hours;
	tk_buf_puts(b, "window.TIKU_DATA = {");
	json_key(b, "tool");
	tk_html_json(b, "tiku " TIKU_VERSION);
	tk_buf_putc(b, ',');
	json_key(b, "format");
	tk_html_json(b, tk_bundle_format_name(x->format));
	tk_buf_puts(b, ",\n\"course\":{");
	json_key(b, "id");
	tk_html_json(b, c->id);
	tk_buf_putc(b, ',');
	json_key(b, "title");
	tk_html_json(b, c->title);
	tk_buf_putc(b, ',');
	json_key(b, "description");
	tk_html_json(b, c->description ? c->description : "");
	tk_buf_putc(b, ',');
	json_key(b, "standard");
	tk_html_json(b, x->s->id);
	tk_buf_putc(b, ',');
	json_key(b, "standardTitle");
	tk_html_json(b, x->s->title ? x->s->title : x->s->id);
	tk_buf_putc(b, ',');
	json_key(b, "level");
	tk_html_json(b, x->s->levels[x->level].id);
	tk_buf_putc(b, ',');
	json_key(b, "levelName");
	tk_html_json(b, x->s->levels[x->level].name);
	tk_buf_putc(b, ',');
	json_key(b, "hours");
	tk_html_json(b, tk_course_hours_format(total, hours));
	tk_buf_printf(b, ",\"pass\":%d,", c->pass);
	json_key(b, "version");
	tk_html_json(b, c->version ? c->version : "");
	tk_buf_puts(b, "},\n\"modules\":[");
	for (i = 0; i < c->nmodules; i++) {
		const struct tk_course_module *m = &c->modules[i];
		int test = -1;
		for (k = 0; k < p->ntests; k++)
			if (p->tests[k].kind == TK_TEST_MODULE && p->tests[k].module == i)
				test = k;
		tk_buf_puts(b, i ? ",\n{" : "\n{");
		json_key(b, "id");
		tk_html_json(b, m->id);
		tk_buf_putc(b, ',');
		json_key(b, "title");
		tk_html_json(b, m->title);
		tk_buf_puts(b, ",\"lessons\":[");
		for (k = 0; k < m->nlessons; k++)
			tk_buf_printf(b, "%s%d", k ? "," : "", m->first + k);
		if (test >= 0)
			tk_buf_printf(b, "],\"test\":%d}", test);
		else
			tk_buf_puts(b, "],\"test\":null}");
	}
	tk_buf_puts(b, "],\n\"lessons\":[");
	for (i = 0; i < c->nlessons; i++) {
		const struct tk_course_lesson *l = &c->lessons[i];
		struct tk_buf html = TK_BUF_INIT, text = TK_BUF_INIT;
		if ((rc = bb_lesson_html(x, i, &html, &text)) != TK_OK) {
			tk_buf_free(&html);
			tk_buf_free(&text);
			return rc;
		}
		tk_buf_puts(b, i ? ",\n{" : "\n{");
		json_key(b, "id");
		tk_html_json(b, l->id);
		tk_buf_putc(b, ',');
		json_key(b, "title");
		tk_html_json(b, l->title);
		tk_buf_printf(b, ",\"module\":%d,", l->module);
		json_key(b, "hours");
		tk_html_json(b, tk_course_hours_format(l->hours, hours));
		tk_buf_puts(b, ",\"codes\":[");
		for (k = 0; k < l->ncodes; k++) {
			if (k)
				tk_buf_putc(b, ',');
			tk_html_json(b, l->codes[k]);
		}
		tk_buf_puts(b, "],\n");
		json_key(b, "html");
		tk_html_json(b, tk_buf_str(&html));
		tk_buf_puts(b, ",\n");
		json_key(b, "text");
		tk_html_json(b, tk_buf_str(&text));
		tk_buf_puts(b, ",\n\"practice\":[");
		for (k = 0; k < p->lessons[i].n; k++) {
			if (k)
				tk_buf_putc(b, ',');
			tk_html_json(b, p->lessons[i].ids[k]);
		}
		tk_buf_puts(b, "]}");
		if (html_out && (html_out[i] = tk_buf_detach(&html)) == NULL)
			html_out[i] = strdup("");
		tk_buf_free(&html);
		tk_buf_free(&text);
	}
	tk_buf_puts(b, "],\n\"tests\":[");
	for (i = 0; i < p->ntests; i++) {
		const struct tk_practice_test *t = &p->tests[i];
		struct tk_buf title = TK_BUF_INIT;
		int s, j;
		bb_test_title(x, t, &title);
		tk_buf_puts(b, i ? ",\n{" : "\n{");
		json_key(b, "id");
		tk_html_json(b, t->id);
		tk_buf_putc(b, ',');
		json_key(b, "title");
		tk_html_json(b, tk_buf_str(&title));
		tk_buf_free(&title);
		tk_buf_putc(b, ',');
		json_key(b, "kind");
		tk_html_json(b, t->kind == TK_TEST_EXAM ? "exam" : "module");
		if (t->module >= 0)
			tk_buf_printf(b, ",\"module\":%d", t->module);
		else
			tk_buf_puts(b, ",\"module\":null");
		tk_buf_printf(b, ",\"minutes\":%d,\"sections\":[", t->paper->duration);
		for (s = 0; s < t->paper->nsections; s++) {
			const struct tk_paper_section *sec = &t->paper->sections[s];
			struct tk_buf head = TK_BUF_INIT;
			tk_paper_section_title(sec, s + 1, &head);
			tk_buf_puts(b, s ? ",{" : "{");
			json_key(b, "title");
			tk_html_json(b, tk_buf_str(&head));
			tk_buf_free(&head);
			/* the points of each item here; null: the items' own */
			if (sec->points)
				tk_buf_printf(b, ",\"points\":%s", tk_points_format(sec->points, hours));
			else
				tk_buf_puts(b, ",\"points\":null");
			tk_buf_puts(b, ",\"items\":[");
			for (j = 0; j < sec->nitems; j++) {
				if (j)
					tk_buf_putc(b, ',');
				tk_html_json(b, sec->items[j]->id);
			}
			tk_buf_puts(b, "]}");
		}
		tk_buf_puts(b, "]}");
	}
	tk_buf_puts(b, "],\n\"items\":{");
	for (i = 0; i < p->nitems; i++) {
		tk_buf_puts(b, i ? ",\n" : "\n");
		if ((rc = json_item(x, b, p->items[i])) != TK_OK)
			return rc;
	}
	tk_buf_puts(b, "}\n};\n");
	return TK_OK;
}

/* An embedded file of the site (export/web/...) into the bundle as name. */
int bb_asset(struct bb *x, const char *src, const char *name)
{
	const struct tk_embedded *e = tk_embedded_find(src);

	if (e == NULL)
		return tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "%s is not built in", src);
	return bb_add(x, name, e->data, e->len);
}

/* The page template with its @NAME@ marks replaced: vals holds name,
   value pairs, NULL-terminated. */
static int fill_page(struct bb *x, const char *page, const char *const *vals, struct tk_buf *out)
{
	const char *p = page, *at;
	int i;

	while ((at = strchr(p, '@')) != NULL) {
		for (i = 0; vals[i]; i += 2) {
			size_t n = strlen(vals[i]);
			if (!strncmp(at + 1, vals[i], n) && at[1 + n] == '@')
				break;
		}
		tk_buf_add(out, p, (size_t)(at - p));
		if (vals[i] == NULL) {          /* not a mark: the character itself */
			tk_buf_putc(out, '@');
			p = at + 1;
			continue;
		}
		tk_buf_puts(out, vals[i + 1]);
		p = at + strlen(vals[i]) + 2;
	}
	tk_buf_puts(out, p);
	return out->oom ? tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory") : TK_OK;
}

/* A link of the pager: the way ("上一课"), then the lesson's title. */
static void pager_link(struct tk_buf *b, const char *href, const char *rel, const char *way,
		       const char *title)
{
	tk_buf_printf(b, "<a href=\"%s\" rel=\"%s\"><span class=\"dir\">%s</span>", href, rel, way);
	tk_html_escape(b, title);
	tk_buf_puts(b, "</a>");
}

/*
 * The lesson's HTML with its links to routes ("#lesson/ID", which tiku
 * wrote) leading into index.html: the course keeps its progress there,
 * and a browser may give each file: page a storage of its own.
 */
static void body_links(struct tk_buf *b, const char *html)
{
	const char *p = html, *at;

	while ((at = strstr(p, "href=\"#")) != NULL) {
		tk_buf_add(b, p, (size_t)(at - p) + 6);
		tk_buf_puts(b, "index.html");
		p = at + 6;
	}
	tk_buf_puts(b, p);
}

/*
 * Lesson i as the page the script draws for it, so that a learner who
 * opens the lesson sees it as soon as the HTML is read, before any script
 * runs (the script then draws the same page and adds what it keeps: the
 * practice done, the progress).
 */
static void lesson_main(struct bb *x, int i, const char *html, struct tk_buf *b)
{
	const struct tk_course_lesson *l = &x->c->lessons[i];
	const char *h1 = strstr(html, "<h1"), *end = h1 ? strstr(h1, "</h1>") : NULL;
	char hours[24];
	int k, n = x->p->lessons[i].n;

	tk_buf_puts(b, "<nav class=\"crumbs\" aria-label=\"位置\"><a href=\"index.html\">课程首页</a> › ");
	if (l->module >= 0 && l->module < x->c->nmodules) {
		tk_html_escape(b, x->c->modules[l->module].title);
		tk_buf_puts(b, " › ");
	}
	tk_buf_puts(b, "<span aria-current=\"page\">");
	tk_html_escape(b, l->title);
	tk_buf_puts(b, "</span></nav>\n<article class=\"lesson-body\">");
	if (end == NULL) {
		tk_buf_puts(b, "<h1>");
		tk_html_escape(b, l->title);
		tk_buf_puts(b, "</h1>");
		end = html;
	} else {
		end += 5;
		tk_buf_add(b, html, (size_t)(end - html));
	}
	tk_buf_puts(b, "<p class=\"meta lesson-meta\">");
	if (l->hours)
		tk_buf_printf(b, "%s 学时", tk_course_hours_format(l->hours, hours));
	for (k = 0; k < l->ncodes; k++) {
		tk_buf_puts(b, k ? " " : " · 要求 ");
		tk_html_escape(b, l->codes[k]);
	}
	tk_buf_puts(b, "</p>");
	body_links(b, end);
	tk_buf_puts(b, "</article>\n");
	if (n > 0) {
		tk_buf_puts(b, "<p class=\"practice-link\"><a class=\"button\" href=\"index.html#practice/");
		tk_html_escape(b, l->id);
		tk_buf_printf(b, "\">做本课练习（%d 题）</a></p>\n", n);
	}
	tk_buf_puts(b, "<nav class=\"pager\" aria-label=\"课文导航\">");
	for (k = -1; k <= 1; k += 2) {
		struct tk_buf h = TK_BUF_INIT;
		if (i + k < 0 || i + k >= x->c->nlessons) {
			tk_buf_puts(b, "<span></span>");
			continue;
		}
		tk_buf_printf(&h, "index.html#lesson/%s", x->c->lessons[i + k].id);
		pager_link(b, tk_buf_str(&h), k < 0 ? "prev" : "next", k < 0 ? "上一课" : "下一课",
		     x->c->lessons[i + k].title);
		tk_buf_free(&h);
	}
	tk_buf_puts(b, "</nav>\n");
}

static int site(struct bb *x)
{
	const struct tk_embedded *page = tk_embedded_find("export/web/index.html");
	struct tk_buf b = TK_BUF_INIT, title = TK_BUF_INIT, main = TK_BUF_INIT,
		      name = TK_BUF_INIT, route = TK_BUF_INIT;
	/* a page per lesson where the site is opened from files, not in an
	   LMS's frame (which keeps one page, and one session, open) */
	int pages = x->format == TK_BUNDLE_HTML, i, rc;
	char **html = pages ? calloc((size_t)x->c->nlessons + 1, sizeof *html) : NULL;

	if (page == NULL)
		return tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "the page is not built in");
	if (pages && html == NULL)
		return tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
	if ((rc = site_data(x, &b, html)) != TK_OK ||
	    (rc = bb_add_buf(x, "data/course.js", &b)) != TK_OK)
		goto out;
	tk_buf_reset(&b);
	tk_html_escape(&title, x->c->title);
	{
		const char *vals[] = {"TITLE", tk_buf_str(&title), "HOME", "#", "PAGE", "",
			"MAIN", "<noscript><p class=\"noscript\">本课程需要启用浏览器的 JavaScript "
			"才能浏览课文、练习和考试。请在浏览器设置中允许 JavaScript 后重新打开本页。</p></noscript>",
			NULL};
		if ((rc = fill_page(x, page->data, vals, &b)) != TK_OK ||
		    (rc = bb_add_buf(x, "index.html", &b)) != TK_OK)
			goto out;
	}
	for (i = 0; pages && i < x->c->nlessons; i++) {
		const struct tk_course_lesson *l = &x->c->lessons[i];
		tk_buf_reset(&b);
		tk_buf_reset(&title);
		tk_buf_reset(&main);
		tk_buf_reset(&name);
		tk_buf_reset(&route);
		tk_html_escape(&title, l->title);
		tk_buf_puts(&title, " - ");
		tk_html_escape(&title, x->c->title);
		tk_buf_printf(&route, " data-route=\"lesson/%s\"", l->id);
		lesson_main(x, i, html[i] ? html[i] : "", &main);
		tk_buf_printf(&name, "lesson-%s.html", l->id);
		{
			const char *vals[] = {"TITLE", tk_buf_str(&title), "HOME", "index.html",
				"PAGE", tk_buf_str(&route), "MAIN", tk_buf_str(&main), NULL};
			if ((rc = fill_page(x, page->data, vals, &b)) != TK_OK ||
			    (rc = bb_add_buf(x, tk_buf_str(&name), &b)) != TK_OK)
				goto out;
		}
	}
	if ((rc = bb_asset(x, "export/web/tiku.js", "assets/tiku.js")) != TK_OK ||
	    (rc = bb_asset(x, "export/web/tiku.css", "assets/tiku.css")) != TK_OK)
		goto out;
out:
	for (i = 0; html && i < x->c->nlessons; i++)
		free(html[i]);
	free(html);
	tk_buf_free(&b);
	tk_buf_free(&title);
	tk_buf_free(&main);
	tk_buf_free(&name);
	tk_buf_free(&route);
	return rc;
}

/* ---- SCORM manifests ------------------------------------------------ */

static int cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct tk_unpack_file *)a)->name, ((const struct tk_unpack_file *)b)->name);
}

void bb_xml_attr(struct tk_buf *b, const char *k, const char *v)
{
	tk_buf_printf(b, " %s=\"", k);
	tk_buf_xml(b, v, 1);
	tk_buf_putc(b, '"');
}

/* An identifier for XML (xs:ID) from text: letters, digits, - _ . kept. */
void bb_xml_id(struct tk_buf *b, const char *prefix, const char *s)
{
	tk_buf_puts(b, prefix);
	for (; *s; s++)
		tk_buf_putc(b, (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
			       (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.' ?
			       *s : '_');
}

static int scorm_manifest(struct bb *x)
{
	struct tk_buf m = TK_BUF_INIT, id = TK_BUF_INIT;
	int v12 = x->format == TK_BUNDLE_SCORM12, i, rc;

	qsort(x->files, (size_t)x->nfiles, sizeof *x->files, cmp_name);
	bb_xml_id(&id, "tiku-", x->c->id);
	tk_buf_puts(&m, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest");
	bb_xml_attr(&m, "identifier", tk_buf_str(&id));
	bb_xml_attr(&m, "version", x->c->version ? x->c->version : "1");
	if (v12)
		tk_buf_puts(&m, "\n  xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\""
			    "\n  xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\""
			    "\n  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
			    "\n  xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2"
			    " imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2"
			    " adlcp_rootv1p2.xsd\">\n"
			    "  <metadata>\n    <schema>ADL SCORM</schema>\n"
			    "    <schemaversion>1.2</schemaversion>\n  </metadata>\n");
	else
		tk_buf_puts(&m, "\n  xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\""
			    "\n  xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\""
			    "\n  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
			    "\n  xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1"
			    " imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd\">\n"
			    "  <metadata>\n    <schema>ADL SCORM</schema>\n"
			    "    <schemaversion>2004 4th Edition</schemaversion>\n  </metadata>\n");
	tk_buf_puts(&m, "  <organizations default=\"org\">\n"
		    "    <organization identifier=\"org\">\n      <title>");
	tk_buf_xml(&m, x->c->title, 0);
	tk_buf_puts(&m, "</title>\n      <item identifier=\"course\" identifierref=\"sco\">\n"
		    "        <title>");
	tk_buf_xml(&m, x->c->title, 0);
	tk_buf_puts(&m, "</title>\n      </item>\n    </organization>\n  </organizations>\n"
		    "  <resources>\n");
	tk_buf_printf(&m, "    <resource identifier=\"sco\" type=\"webcontent\" %s=\"sco\""
		      " href=\"index.html\">\n", v12 ? "adlcp:scormtype" : "adlcp:scormType");
	for (i = 0; i < x->nfiles; i++) {
		tk_buf_puts(&m, "      <file");
		bb_xml_attr(&m, "href", x->files[i].name);
		tk_buf_puts(&m, "/>\n");
	}
	/* what signing adds is part of the package too */
	if (x->job->sk)
		tk_buf_puts(&m, "      <file href=\"manifest.xml\"/>\n"
			    "      <file href=\"manifest.xml.minisig\"/>\n");
	tk_buf_puts(&m, "    </resource>\n  </resources>\n</manifest>\n");
	rc = bb_add_buf(x, "imsmanifest.xml", &m);
	tk_buf_free(&m);
	tk_buf_free(&id);
	return rc;
}

/* ---- the whole -------------------------------------------------------- */

/* Sign: the manifest of the bundle inside, the zip's signature beside. */
static int sign(struct bb *x, struct tk_buf *out, struct tk_buf *sig)
{
	struct tk_buf head = TK_BUF_INIT, tc = TK_BUF_INIT, seed = TK_BUF_INIT;
	const struct tk_practice *p = x->p;
	int i, rc;

	tk_buf_puts(&head, "  <course");
	bb_xml_attr(&head, "id", x->c->id);
	if (x->c->version)
		bb_xml_attr(&head, "version", x->c->version);
	bb_xml_attr(&head, "title", x->c->title);
	bb_xml_attr(&head, "standard", x->s->id);
	bb_xml_attr(&head, "level", x->s->levels[x->level].id);
	bb_xml_attr(&head, "format", tk_bundle_format_name(x->format));
	bb_xml_attr(&head, "bank-digest", p->bank_digest);
	tk_buf_puts(&head, ">\n");
	for (i = 0; i < x->c->nlessons; i++)
		if (x->c->lessons[i].practice.mode == TK_PRACTICE_DRAW) {
			tk_buf_puts(&head, "    <draw");
			bb_xml_attr(&head, "lesson", x->c->lessons[i].id);
			tk_buf_printf(&head, " seed=\"%" PRIu64 "\"/>\n", p->lessons[i].seed);
		}
	for (i = 0; i < p->ntests; i++) {
		tk_buf_puts(&head, "    <test");
		bb_xml_attr(&head, "id", p->tests[i].id);
		tk_buf_printf(&head, " seed=\"%" PRIu64 "\"", p->tests[i].paper->seed);
		bb_xml_attr(&head, "blueprint-digest", p->tests[i].paper->blueprint_digest);
		tk_buf_puts(&head, "/>\n");
	}
	tk_buf_puts(&head, "  </course>\n");
	tk_buf_printf(&tc, "tiku %s bundle of course %s", tk_bundle_format_name(x->format),
		      x->c->id);
	if (head.oom || tc.oom) {
		rc = tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	if ((rc = tk_pack_manifest(x->files, &x->nfiles, "course", NULL, tk_buf_str(&head),
				   tk_buf_str(&tc), x->job->sk, x->err)) != TK_OK ||
	    (rc = tk_pack_archive(x->files, x->nfiles, TK_PACK_ZIP, out, x->err)) != TK_OK)
		goto out;
	tk_buf_reset(&tc);
	tk_buf_printf(&tc, "content:course\tcourse:%s\tformat:%s\tbank:%.16s\ttimestamp:%lld",
		      x->c->id, tk_bundle_format_name(x->format), p->bank_digest,
		      (long long)time(NULL));
	rc = tk_sign_data(x->job->sk, out->s, out->len, "signature of a tiku course bundle",
			  tk_buf_str(&tc), 0, sig, x->err);
out:
	tk_buf_free(&head);
	tk_buf_free(&tc);
	tk_buf_free(&seed);
	return rc;
}

int tk_bundle_build(const struct tk_course *c, const struct tk_standard *s,
		    const struct tk_practice *p, const struct tk_bundle_job *job,
		    struct tk_buf *out, struct tk_buf *sig, struct tk_error *err)
{
	struct bb x;
	int i, rc = TK_OK;

	memset(&x, 0, sizeof x);
	x.c = c;
	x.s = s;
	x.p = p;
	x.job = job;
	x.format = job->format;
	x.err = err;
	x.prefix = "";
	if (job->format < 0 || job->format >= TK_BUNDLE_NFORMATS)
		return tk_error_set(err, TK_EUSAGE, NULL, 0, "no such bundle format");
	if ((x.level = tk_course_level(c, s, err)) < 0)
		return TK_EINPUT;
	if (p->nlessons != c->nlessons)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "practice of another course");
	/* each lesson body as a path inside the course: links between lessons */
	x.bodies = calloc((size_t)c->nlessons + 1, sizeof *x.bodies);
	if (x.bodies == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	for (i = 0; i < c->nlessons; i++)
		if (tk_md_resolve("", c->lessons[i].body, &x.bodies[i]) != TK_MD_PATH_OK)
			x.bodies[i] = NULL;
	if (job->format == TK_BUNDLE_IMSCC) {
		rc = bb_cartridge(&x);
	} else {
		rc = site(&x);
		if (rc == TK_OK && job->format != TK_BUNDLE_HTML)
			rc = scorm_manifest(&x);
	}
	if (rc == TK_OK) {
		if (job->sk)
			rc = sign(&x, out, sig);
		else
			rc = tk_pack_archive(x.files, x.nfiles, TK_PACK_ZIP, out, err);
	}
	tk_unpack_free(x.files, x.nfiles);
	for (i = 0; i < c->nlessons; i++)
		free(x.bodies[i]);
	free(x.bodies);
	free(x.dir);
	tk_buf_free(&x.url);
	return rc;
}

int tk_bundle_write(const struct tk_course *c, const struct tk_standard *s,
		    const struct tk_practice *p, const struct tk_bundle_job *job,
		    const char *path, size_t *size, struct tk_error *err)
{
	struct tk_buf zip = TK_BUF_INIT, sig = TK_BUF_INIT, spath = TK_BUF_INIT;
	const char *paths[2];
	const struct tk_buf *data[2];
	int rc;

	tk_pack_sig_path(path, &spath);
	if ((rc = tk_bundle_build(c, s, p, job, &zip, &sig, err)) != TK_OK)
		goto out;
	paths[0] = path;
	data[0] = &zip;
	paths[1] = tk_buf_str(&spath);
	data[1] = &sig;
	if ((rc = tk_pack_put(paths, data, job->sk ? 2 : 1, err)) != TK_OK)
		goto out;
	/* a signature of an earlier bundle would now lie about this one */
	if (!job->sk)
		unlink(tk_buf_str(&spath));
	if (size)
		*size = zip.len;
out:
	tk_buf_free(&zip);
	tk_buf_free(&sig);
	tk_buf_free(&spath);
	return rc;
}
