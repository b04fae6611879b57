/*
 * handbook.h -- a course printed as a trainer's handbook (讲义): PDF laid
 * out by the paper renderer's machinery (render_int.h), A4, fonts
 * embedded.
 *
 * In order: a title page (the course, its standard and level, the class
 * hours, the version); the contents, modules and lessons with their
 * hours and pages; each module with its lessons -- the lesson's body
 * (its Markdown: headings, paragraphs, lists, quotes, the 要点/注意/案例
 * call-outs as framed blocks, 话术 dialogues in two columns, tables with
 * columns as wide as their content asks, code, rules, PNG images) and
 * its practice items numbered as on a paper -- and each module's test;
 * the mock exam (模拟试卷) as a paper; then 参考答案: every lesson's
 * answers, references, rubrics and 解析, and the keys of the tests.
 * Every page but the first has a running head, every page 第 X 页 共 Y 页.
 *
 * The same course, bank and seeds give the same bytes (the PDF's dates
 * are fixed as render.h says).
 */
#ifndef TK_HANDBOOK_H
#define TK_HANDBOOK_H

#include "course.h"
#include "practice.h"
#include "render.h"
#include "standard.h"
#include "tiku.h"
#include "util.h"

/*
 * Render course c (of standard s, its practice p resolved from the bank)
 * into out (appended).  Of o, the fonts, images (the folder of the items'
 * images; NULL: items may show none) and a3 count; the rest is for
 * papers.  *pages (may be NULL) gets the number of pages.  Fails with
 * TK_EINPUT naming the file and line at fault: a lesson body that cannot
 * be read or parsed, an image that is missing, not a PNG, too large or
 * outside the course folder, an item image without o->images, an
 * unknown font.  out may then hold part of a PDF: see tk_handbook_file.
 */
int tk_handbook_pdf(const struct tk_course *c, const struct tk_standard *s,
		    const struct tk_practice *p, const struct tk_render_opts *o,
		    struct tk_buf *out, int *pages, struct tk_error *err);

/* The same into the file path, written whole or not at all. */
int tk_handbook_file(const struct tk_course *c, const struct tk_standard *s,
		     const struct tk_practice *p, const struct tk_render_opts *o,
		     const char *path, int *pages, struct tk_error *err);

#endif
