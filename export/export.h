/*
 * export.h -- the bank's items, or one paper's, in the formats other
 * tools read: what `tiku export` and Lua's bank:export share, so that
 * the two write the same bytes.
 *
 *   xml      tiku's items XML (imports back unchanged)
 *   moodle   Moodle XML (moodle.h)          gift    GIFT (gift.h)
 *   qti21    QTI 2.1 package (qti.h)        qti30   QTI 3.0 package
 *   csv      the import layout as CSV       xlsx    the same as Excel (sheet.h)
 *
 * A paper goes to qti21 and qti30 as an assessment test with its items,
 * to moodle and gift as its items under one category named by the
 * paper; each item worth the points the paper gives it.  What a format
 * cannot carry is a warning in opts->diags, item by item.
 */
#ifndef TK_EXPORT_H
#define TK_EXPORT_H

#include "bank.h"
#include "diag.h"
#include "image.h"
#include "paper.h"
#include "standard.h"
#include "util.h"

enum {
	TK_EXPORT_XML, TK_EXPORT_MOODLE, TK_EXPORT_GIFT, TK_EXPORT_QTI21, TK_EXPORT_QTI30,
	TK_EXPORT_CSV, TK_EXPORT_XLSX, TK_NEXPORT
};

/* The format called name ("qti30"), or -1. */
int tk_export_format(const char *name);
/* The name of format f. */
const char *tk_export_name(int f);
/* The extension of format f's files (".zip"). */
const char *tk_export_ext(int f);
/* Is format f's output a file of its own (a zip, a workbook), never text
   for standard output? */
int tk_export_binary(int f);
/* Can format f hold a paper?  qti21, qti30, moodle and gift can. */
int tk_export_holds_paper(int f);

struct tk_export_opts {
	int format;                     /* TK_EXPORT_XML.. */
	const char *encoding;           /* csv: "utf-8" (NULL) or "gb18030" */
	const char *images;             /* folder of the images the bank does not keep; may be NULL */
	const struct tk_image_store *store;     /* the bank's images; may be NULL */
	struct tk_diags *diags;         /* what the format cannot carry; may be NULL */
};

/*
 * The current version of every item of bank b that q matches (q's
 * standard resolved: s), in o->format, appended to out.
 */
int tk_export_bank(struct tk_bank *b, const struct tk_query *q, const struct tk_standard *s,
		   const struct tk_export_opts *o, struct tk_buf *out, struct tk_error *err);

/*
 * Paper p's items as the paper holds them, in o->format (one that holds
 * a paper; else TK_EUSAGE), appended to out.  s is the paper's standard.
 */
int tk_export_paper(const struct tk_paper *p, const struct tk_standard *s,
		    const struct tk_export_opts *o, struct tk_buf *out, struct tk_error *err);

#endif
