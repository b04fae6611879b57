/*
 * bundle_int.h -- what bundle.c shares with the writer of each bundle
 * format (cc.c): the files being gathered and the helpers that turn
 * lessons and items into safe HTML.  Not a public interface.
 */
#ifndef TK_BUNDLE_INT_H
#define TK_BUNDLE_INT_H

#include "bundle.h"
#include "pack.h"

struct bb {
	const struct tk_course *c;
	const struct tk_standard *s;
	const struct tk_practice *p;
	const struct tk_bundle_job *job;
	int format;
	int level;                      /* index in s */
	struct tk_error *err;
	struct tk_unpack_file *files;     /* the bundle so far */
	int nfiles, cap;
	char **bodies;                  /* each lesson's body inside the course, or NULL */
	/*
	 * What a page's URLs are relative to: "" for the one-page site at the
	 * root, "../" for pages in a folder (imscc).  Lesson links become
	 * "#lesson/ID" on the site and "ID.html" in a cartridge.
	 */
	const char *prefix;
	/* while converting: the lesson body's folder and file, the item's id */
	char *dir;
	const char *file;
	const char *item;
	struct tk_buf url;              /* the last URL handed out */
};

/* Add a file (a copy of data) to the bundle; TK_EINTERNAL for a name twice. */
int bb_add(struct bb *x, const char *name, const void *data, size_t len);
int bb_add_buf(struct bb *x, const char *name, const struct tk_buf *b);
int bb_has(const struct bb *x, const char *name);
/* An embedded file (src, "export/web/tiku.css") into the bundle as name. */
int bb_asset(struct bb *x, const char *src, const char *name);

/* Lesson i's body as HTML (images and linked files added as media), and
   its plain text to text when not NULL. */
int bb_lesson_html(struct bb *x, int i, struct tk_buf *html, struct tk_buf *text);
/* One of an item's rich texts as HTML (its images added as media). */
int bb_item_html(struct bb *x, const struct tk_item *it, const char *frag, struct tk_buf *out);

/* An item's rubric as HTML ("评分要点" and a list); nothing without one. */
void bb_rubric_html(const struct tk_item *it, struct tk_buf *out);

/* A test's title as learners see it ("模拟考试", "MODULE 单元测试"). */
void bb_test_title(const struct bb *x, const struct tk_practice_test *t, struct tk_buf *out);

/* XML helpers: an escaped attribute, and an xs:ID made of prefix and s. */
void bb_xml_attr(struct tk_buf *b, const char *k, const char *v);
void bb_xml_id(struct tk_buf *b, const char *prefix, const char *s);

/* The common cartridge (cc.c): every file of it into x, imsmanifest.xml last. */
int bb_cartridge(struct bb *x);

#endif
