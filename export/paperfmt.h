/*
 * paperfmt.h -- the words a printed paper says besides its items, as
 * plain text, for every writer of papers (the Word writer; the PDF's
 * render.c says the same).  Each appends to a caller's buffer.
 */
#ifndef TK_PAPERFMT_H
#define TK_PAPERFMT_H

#include "item.h"
#include "paper.h"
#include "util.h"

/* "考试时间：90分钟　　满分：100分　　A卷　　批次：2023-07" */
void tk_paperfmt_info(const struct tk_paper *p, struct tk_buf *b);

/*
 * What a teacher prints at the head of a practice paper (a paper whose
 * blueprint says purpose="practice"): the title line (NULL: the paper's
 * own), the class and the date it is for (YYYY-MM-DD; NULL: a blank the
 * learner fills in).  An official paper takes none of them
 * (tk_paperfmt_class_check).
 */
struct tk_paperfmt_class {
	const char *title, *klass, *date;
};

/*
 * TK_OK when c suits p: on a practice paper any (a date must be a
 * date), on an official paper none -- its header is the exam's; and a
 * seal line (标封) only on an official paper.  Else TK_EINPUT naming why.
 */
int tk_paperfmt_class_check(const struct tk_paper *p, const struct tk_paperfmt_class *c,
			    int seal, struct tk_error *err);

/* The title the paper prints: c's title line on a practice paper, else
   the paper's title, else its id.  c may be NULL. */
const char *tk_paperfmt_title(const struct tk_paper *p, const struct tk_paperfmt_class *c);

/* A practice paper's line under the title, what is known of it:
   "班级：高二(3)班　　日期：2026年12月7日　　时间：20分钟　　满分：30分". */
void tk_paperfmt_practice_info(const struct tk_paper *p, const struct tk_paperfmt_class *c,
			       struct tk_buf *b);

/*
 * The fields a learner writes in at the head of a practice paper, in
 * order: 班级 and 日期 when c does not set them, then 姓名 and 学号 (never
 * the exam's 准考证号 or 考点).  label[k] is "姓名：" ...; returns how many.
 */
#define TK_PAPERFMT_BLANKS 4
int tk_paperfmt_practice_blanks(const struct tk_paperfmt_class *c,
				const char *label[TK_PAPERFMT_BLANKS]);

/*
 * The 注意事项 lines, k = 0 .. TK_PAPERFMT_NOTICE - 1, numbered
 * ("1. 本试卷考试时间为90分钟。").  The 标封 (the sealed strip for the
 * candidate's name) is named only on a paper with a seal line (seal);
 * a candidate's own paper asks them to check what is printed instead;
 * a practice paper asks for the name and number, not the exam's fields.
 */
#define TK_PAPERFMT_NOTICE 4
void tk_paperfmt_notice(const struct tk_paper *p, int k, int seal, struct tk_buf *b);

/* How many ruled lines an open item's answer gets: 4 to 18, by its time or points. */
int tk_paperfmt_answer_lines(const struct tk_item *it);

/* A skill task's note: "（本题20分，建议用时20分钟）". */
void tk_paperfmt_time_note(const struct tk_item *it, struct tk_buf *b);

/* The points of item i of section s as printed: the section's or the item's own. */
int tk_paperfmt_item_points(const struct tk_paper_section *s, int i);

/* Do the items of s carry different points (then each item says its own)? */
int tk_paperfmt_mixed_points(const struct tk_paper_section *s);

/*
 * The widths w[0..n-1] of a table's columns in width (any unit): each
 * column as wide as it wants when all fit; else each keeps what it needs
 * (need[i] <= want[i]: room enough that a short heading such as 角色 does
 * not break between its characters) and the rest is shared by what more
 * they want; when even the needs do not fit, the width is shared by need.
 */
void tk_paperfmt_columns(const double *want, const double *need, int n, double width,
			 double *w);

#endif
