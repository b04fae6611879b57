/*
 * render.h -- papers and answer keys as print-quality PDF, laid out with
 * Pango (Chinese line breaking, fonts through fontconfig) and drawn with
 * Cairo.  A paper renders from its own XML alone: the items it carries
 * are what is printed.
 *
 * The layout is a flow of rows (a line of text, a row of options, a
 * ruled answer line, a table row, a box) in groups that stay on one page
 * when they fit there: an item never parts from its options unless it
 * is taller than a page.  The flow is paginated before anything is
 * drawn, so every page knows "第 X 页 共 Y 页".
 */
#ifndef TK_RENDER_H
#define TK_RENDER_H

#include "image.h"
#include "paper.h"
#include "paperfmt.h"
#include "tiku.h"
#include "util.h"

struct tk_render_opts {
	const char *font;       /* body font family; NULL: Noto Serif CJK SC */
	const char *sans;       /* headings; NULL: Noto Sans CJK SC */
	const char *images;     /* where items' images are (PNG); NULL: "." */
	/* asked first for an item's image (the bank's: PNG or JPEG); may be NULL */
	const struct tk_image_store *store;
	int key;                /* the answer key instead of the paper */
	int prep;               /* the 准备通知单 instead: what the site prepares */
	int explanations;       /* with key: each item's 解析 too */
	int seal_line;          /* 密封线 down the binding margin (official papers) */
	int a3;                 /* A3 landscape, two A4 pages a sheet */
	/* a practice paper's title line, class and date (tk_paperfmt_class);
	   an official paper takes none (TK_EINPUT) */
	struct tk_paperfmt_class cls;
};

/*
 * A renderer writes one PDF, paper after paper, each starting on a new
 * page and numbered on its own (per-candidate papers in one file).
 * tk_render_new starts it, appending to out (caller-owned, must live
 * until tk_render_finish); title goes into the PDF's metadata.
 * tk_render_add lays out and draws one paper (or its key, per opts);
 * tk_render_finish completes the PDF and gives the pages in all; then
 * tk_render_free, which is also how to abandon one after an error.
 */
struct tk_render;
int tk_render_new(const struct tk_render_opts *o, const char *title, struct tk_buf *out,
		  struct tk_render **r, struct tk_error *err);
int tk_render_add(struct tk_render *r, const struct tk_paper *p, struct tk_error *err);
int tk_render_finish(struct tk_render *r, int *pages, struct tk_error *err);
void tk_render_free(struct tk_render *r);

/*
 * Many papers into one PDF, using several threads.  The papers go in
 * parts, each drawn as a PDF of its own by one thread (a cairo surface
 * draws on one thread only), and the parts are joined in order
 * (pdfcat.h).  There are as many parts as TK_RENDER_PART papers make, at
 * most TK_RENDER_PARTS, whatever the threads: the bytes do not depend on
 * the machine, and up to TK_RENDER_PART papers give the bytes of
 * tk_render_new, _add and _finish.  threads: at most that many drawing
 * threads (0: one per core).
 *
 * src->get(ud, i, &p, err) gives paper i; it is called on the drawing
 * threads, once for each i, so it must be safe to call from several at
 * once.  The paper is the renderer's until src->put(ud, i, p) gives it
 * back, on the calling thread, in the papers' order, once it is drawn
 * and in the PDF (put is also the caller's progress); papers not given
 * back are freed.  title NULL: the first paper's (tk_paperfmt_title).
 * On failure *failed is the paper that failed, or -1 when none did in
 * particular (out of memory); err says why.
 */
#define TK_RENDER_PART  64
#define TK_RENDER_PARTS 4
struct tk_render_src {
	int n;
	int (*get)(void *ud, int i, struct tk_paper **p, struct tk_error *err);
	void (*put)(void *ud, int i, struct tk_paper *p);
	void *ud;
};
int tk_render_many(const struct tk_render_opts *o, const char *title,
		   const struct tk_render_src *src, int threads, struct tk_buf *out,
		   int *pages, int *failed, struct tk_error *err);

/*
 * How many threads to print jobs things on (papers, parts): threads,
 * or one per core when it is 0; at most TK_RENDER_THREADS and jobs, at
 * least 1.
 */
#define TK_RENDER_THREADS 8
int tk_render_threads(int threads, int jobs);

/*
 * Render p as PDF into out (appended).  The same paper and options give
 * the same bytes: the PDF's dates are fixed (SOURCE_DATE_EPOCH when set,
 * else 1970-01-01).  Fails with TK_EINPUT naming an unknown font or an
 * image that o->store has not and that is missing, not a PNG, too large
 * or outside o->images.
 */
int tk_render_pdf(const struct tk_paper *p, const struct tk_render_opts *o,
		  struct tk_buf *out, int *pages, struct tk_error *err);

/* Render into the file path, written whole or not at all. */
int tk_render_file(const struct tk_paper *p, const struct tk_render_opts *o,
		   const char *path, int *pages, struct tk_error *err);

/*
 * Release the fonts and fontconfig's caches; call once at exit, after
 * the last renderer is freed (for leak checkers).
 */
void tk_render_cleanup(void);

/* Is family a font family fontconfig knows?  TK_OK, else TK_EINPUT. */
int tk_render_font_check(const char *family, struct tk_error *err);

#endif
