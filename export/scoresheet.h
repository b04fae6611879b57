/*
 * scoresheet.h -- the scoring sheet (评分表) of an appraisal: a part of
 * an assessment scheme that a panel scores by a rubric (standard.h,
 * struct tk_appraisal), printed as A4 PDF by the paper renderer's
 * machinery (render_int.h), a sheet per candidate.
 *
 * A sheet: the standard and level, the appraisal's name, how it is held
 * (its kind, points, pass mark, panel, time), the candidate's fields (姓名,
 * 准考证号, 考点, 日期: printed from a roster, else blank to fill in), the
 * task as the standard states it, the criteria table (序号, 评分项目, 评分要点,
 * 配分, 得分, 评语) and its total, a note when the rubric is sample content,
 * room for the panel's opinion and result, and a signature line for each
 * panel member (评委) and for the 组长.  Each sheet starts a page and is
 * numbered on its own; every page names the standard, the appraisal and
 * the candidate.  The same input gives the same bytes (render.h).
 */
#ifndef TK_SCORESHEET_H
#define TK_SCORESHEET_H

#include "batch.h"
#include "render.h"
#include "standard.h"
#include "tiku.h"
#include "util.h"

struct tk_scoresheet_opts {
	/* members who sign; 0: the appraisal's fewest, else 3 */
	int panel;
	/* a sheet each, in this order; none: one blank sheet */
	const struct tk_candidate *cands;
	int ncands;
};

/*
 * Print the sheets of appraisal a of standard s into out (appended).  Of
 * o, the fonts count.  Fails with TK_EINPUT naming the standard's file and
 * line when a is inconsistent (tk_lint_appraisal finds an error: criteria
 * that do not add up to its points, ...), with TK_EUSAGE when so->panel is
 * fewer members than the appraisal asks for or even where it must be odd;
 * out may then hold part of a PDF: see tk_scoresheet_file.
 */
int tk_scoresheet_pdf(const struct tk_standard *s, const struct tk_appraisal *a,
		      const struct tk_scoresheet_opts *so, const struct tk_render_opts *o,
		      struct tk_buf *out, int *pages, struct tk_error *err);

/* The same into the file path, written whole or not at all. */
int tk_scoresheet_file(const struct tk_standard *s, const struct tk_appraisal *a,
		       const struct tk_scoresheet_opts *so, const struct tk_render_opts *o,
		       const char *path, int *pages, struct tk_error *err);

/*
 * The appraisal of s called id; else TK_EINPUT naming s's file and line
 * and the appraisals it has.
 */
int tk_scoresheet_find(const struct tk_standard *s, const char *id,
		       const struct tk_appraisal **a, struct tk_error *err);

#endif
