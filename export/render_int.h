/*
 * render_int.h -- the flow machinery of render.c, shared with the other
 * printed documents of export/ (the course handbook, handbook.c).  Not
 * an interface for callers outside export/: it changes with them.
 *
 * A flow is a column of rows (a line of a paragraph, a block, a row of
 * cells, a ruled line, an image, a space, a page break), each row in a
 * group that stays on one page when it fits there.  Building a flow
 * only lays text out with Pango; rd_paginate() then gives every row its
 * page and place, and the document draws the pages with rd_draw_row()
 * and its own furniture (running head, page numbers, frames).
 *
 * Lifecycle: rd_flow_init() -> rd_para(), rd_cells(), ... (f->group++
 * between groups) -> rd_paginate() -> draw -> rd_flow_free().  Layouts
 * and images made for the flow belong to it until rd_flow_free().
 * Building never fails half-way: f->oom and f->failed (with f->err set)
 * say, at the end, whether the flow is whole.
 */
#ifndef TK_RENDER_INT_H
#define TK_RENDER_INT_H

#include <cairo.h>
#include <libxml/tree.h>
#include <pango/pangocairo.h>

#include "item.h"
#include "paper.h"
#include "render.h"
#include "util.h"

/* A4 in points, and the page's furniture */
#define RD_PAGE_W   595.276
#define RD_PAGE_H   841.890
#define RD_M_TOP    62.0
#define RD_M_BOTTOM 62.0
#define RD_M_LEFT   62.0
#define RD_M_SEAL   96.0           /* left margin when the seal line takes it */
#define RD_M_RIGHT  56.0
#define RD_BODY_PT  10.5           /* 五号 */
#define RD_LEAD     0.45           /* extra line spacing, in ems */
#define RD_RULE_H   24.0           /* one ruled answer line */
#define RD_MAXCELLS 16
#define RD_MAXPENDING 16

/*
 * Kinds of rows.  RD_PAGE starts a new page (unless the page is still
 * empty) and has no height.
 */
enum { RD_LINE, RD_LAYOUT, RD_CELLS, RD_RULE, RD_SPACE, RD_IMAGE, RD_PAGE };

struct rd_row {
	int kind, group;
	double h, x, base;          /* base: baseline below the row's top */
	PangoLayoutLine *line;      /* RD_LINE */
	PangoLayout *l;             /* RD_LAYOUT */
	int boxed;                  /* RD_LAYOUT: framed; RD_CELLS: ruled cells */
	PangoLayout *cell[RD_MAXCELLS];
	double cx[RD_MAXCELLS], cw[RD_MAXCELLS];
	int ncells;
	double padx;                /* RD_CELLS boxed: text inset from the rules */
	double w;                   /* RD_RULE, boxes: width */
	cairo_surface_t *img;       /* RD_IMAGE, drawn scaled by w / its width */
	int hold;                   /* RD_SPACE: kept at the top of a page too */
	int tag;                    /* the document's own mark; 0 for papers */
	int page;
	double y;
};

struct rd_flow {
	PangoContext *ctx;
	const struct tk_render_opts *o;
	const char *serif, *sans;
	double left, width;         /* the body column */
	struct rd_row *rows;
	int n, cap, group, oom;
	PangoLayout **ls;           /* every layout made, to unref */
	int nls, capls;
	cairo_surface_t **imgs;     /* every image read, to destroy */
	int nimgs, capimgs;
	xmlNodePtr pending[RD_MAXPENDING];   /* images met in text, placed after it */
	int npending;
	struct tk_error *err;       /* the first failure (an image) */
	int failed;
	int typo;                   /* typeset markup as papers print it (render.c) */
	GHashTable *fixed;          /* the renderer's layouts of rd_layout_fixed() */
};

/* A renderer (render.h): one PDF being written. */
struct tk_render {
	struct tk_render_opts o;    /* fonts filled in */
	PangoContext *ctx;
	cairo_surface_t *pdf;
	cairo_t *cr;
	struct tk_buf *out;
	int pages, sheets;
	/* layouts no one changes, by what made them: the papers of one
	   PDF (a batch's candidates) repeat their items' text, and shaping
	   it again was most of the time of printing them */
	GHashTable *fixed;
};

/* A flow for renderer r, its column by r's options; errors go to err. */
void rd_flow_init(struct rd_flow *f, struct tk_render *r, struct tk_error *err);
/* Release what the flow made: layouts, images, rows. */
void rd_flow_free(struct rd_flow *f);

/* ---- building ------------------------------------------------------- */

/* A new row of kind and height in the current group; NULL (f->oom) when
   out of memory.  The pointer is valid until the next row is made. */
struct rd_row *rd_row_new(struct rd_flow *f, int kind, double h);

/* Hand layout l to the flow, which unrefs it in rd_flow_free(). */
void rd_keep(struct rd_flow *f, PangoLayout *l);

/*
 * A layout of Pango markup in family at size, wrapped to width (0: no
 * wrap), owned by the flow.  Markup Pango refuses is shown as text.
 */
PangoLayout *rd_layout(struct rd_flow *f, const char *markup, const char *family,
		       double size, int bold, double width);
/*
 * The same, with its first line indented by indent (negative: every
 * line but the first) and aligned by align (PANGO_ALIGN_*, or -1 for
 * the default), for a layout the caller never changes: the renderer
 * keeps it and gives it again for the same arguments, to the next paper
 * too.  Owned by the flow as rd_layout()'s are.
 */
PangoLayout *rd_layout_fixed(struct rd_flow *f, const char *markup, const char *family,
			     double size, int bold, double width, double indent, int align);
double rd_layout_h(PangoLayout *l);
double rd_layout_w(PangoLayout *l);

void rd_space(struct rd_flow *f, double h);

/* A paragraph of markup at x, width, a row a line; hang indents every
   line but the first. */
void rd_para(struct rd_flow *f, const char *markup, double x, double width, double hang,
	     const char *family, double size, int bold);

/* Layout l placed whole at x, with pad above and below; boxed frames it. */
void rd_block(struct rd_flow *f, PangoLayout *l, double x, double pad, int boxed);

/* A centred layout across the column. */
void rd_centred(struct rd_flow *f, const char *markup, const char *family, double size,
		int bold);

/*
 * A row of n cells at x with widths w; boxed rules them as a table row
 * (text centred).  rd_cells_aligned gives each cell's alignment
 * (PANGO_ALIGN_*) instead; align NULL is rd_cells.
 */
void rd_cells(struct rd_flow *f, const char *const *markup, int n, double x,
	      const double *w, int boxed, const char *family, int bold);
void rd_cells_aligned(struct rd_flow *f, const char *const *markup, int n, double x,
		      const double *w, int boxed, const char *family, int bold,
		      const int *align);

/* A ruled answer line. */
void rd_rule(struct rd_flow *f, double x, double w);

/*
 * An item's fragment (stem, answer, explanation) at x, width: its
 * paragraphs, lists, tables and images (from o->images).  lead is markup
 * that opens the first paragraph ("12．"), hung by hang.
 */
void rd_fragment(struct rd_flow *f, const char *frag, const char *lead, double hang,
		 double x, double width);

/* A choice item's options, in four, two or one columns. */
void rd_options(struct rd_flow *f, const struct tk_item *it, double x, double width);

/* An open item's 评分标准: its criteria with their points. */
void rd_rubric(struct rd_flow *f, const struct tk_item *it, double x, double width);

int rd_is_choice(int type);

/*
 * The whole paper, its key (with o->explanations: each 解析 too; a skill
 * paper's with each task again and its 评分记录表), or its 准备通知单.
 */
void rd_paper_flow(struct rd_flow *f, const struct tk_paper *p);
void rd_key_flow(struct rd_flow *f, const struct tk_paper *p);
void rd_prep_flow(struct rd_flow *f, const struct tk_paper *p);

/* ---- images --------------------------------------------------------- */

/* Why rd_png_read() gave no image. */
enum { RD_PNG_OK, RD_PNG_UNREADABLE, RD_PNG_NOT_PNG, RD_PNG_TOO_LARGE, RD_PNG_BAD };

/*
 * Read the PNG file at path, its size checked from the header before
 * cairo decodes it.  NULL with *why set when it cannot be had; else the
 * caller's (or the flow's, once given to rd_image_row).
 */
cairo_surface_t *rd_png_read(const char *path, int *why);

/*
 * The same for an image in memory, a PNG or a JPEG (which a PDF carries
 * as it is: the surface is blank, the JPEG its attached data, so it
 * prints only into PDF).
 */
cairo_surface_t *rd_image_mem(const unsigned char *data, size_t len, int *why);

/*
 * A row showing img (which the flow takes) at x: want points wide
 * (negative: its own size at 96 dpi; 0: width), never wider than width
 * nor taller than half a page.
 */
void rd_image_row(struct rd_flow *f, cairo_surface_t *img, double x, double width, double want);

/* ---- pages ---------------------------------------------------------- */

/* Give every row its page and place; returns the number of pages. */
int rd_paginate(struct rd_flow *f);

/* A layout of plain text in the sans font at size, not wrapped. */
PangoLayout *rd_small(struct rd_flow *f, const char *text, double size);
void rd_draw_centred(cairo_t *cr, PangoLayout *l, double cx, double y);

/* Draw row r of a page whose body starts top points down. */
void rd_draw_row(cairo_t *cr, const struct rd_row *r, double top);

#endif
