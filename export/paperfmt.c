/* paperfmt.c -- the words a printed paper says besides its items. */
#include <stdio.h>
#include <stdlib.h>

#include "blueprint.h"
#include "paperfmt.h"

void tk_paperfmt_info(const struct tk_paper *p, struct tk_buf *b)
{
	char pts[16];

	tk_buf_printf(b, "考试时间：%d分钟　　满分：%s分", p->duration,
		      tk_points_format(p->points * 10, pts));
	if (p->form)
		tk_buf_printf(b, "　　%s卷", p->form);
	if (p->batch)
		tk_buf_printf(b, "　　批次：%s", p->batch);
}

int tk_paperfmt_class_check(const struct tk_paper *p, const struct tk_paperfmt_class *c,
			    int seal, struct tk_error *err)
{
	const char *id = p->id ? p->id : "";

	if (p->practice && seal)
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    "paper '%s' is a practice paper: it has no seal line (标封),"
				    " which is for exams", id);
	if (c == NULL || (!c->title && !c->klass && !c->date))
		return TK_OK;
	if (!p->practice)
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    "paper '%s' is official: a class, date or title line goes on a"
				    " practice paper (its blueprint says purpose=\"practice\")", id);
	if (c->date && !tk_parse_date(c->date, NULL, NULL, NULL))
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    "'%s' is not a date: write it YYYY-MM-DD (2026-12-07)", c->date);
	return TK_OK;
}

const char *tk_paperfmt_title(const struct tk_paper *p, const struct tk_paperfmt_class *c)
{
	if (p->practice && c && c->title)
		return c->title;
	return p->title ? p->title : p->id ? p->id : "";
}

void tk_paperfmt_practice_info(const struct tk_paper *p, const struct tk_paperfmt_class *c,
			       struct tk_buf *b)
{
	char pts[16];
	int y, m, d;

	if (c && c->klass)
		tk_buf_printf(b, "班级：%s　　", c->klass);
	if (c && c->date && tk_parse_date(c->date, &y, &m, &d))
		tk_buf_printf(b, "日期：%d年%d月%d日　　", y, m, d);
	tk_buf_printf(b, "时间：%d分钟　　满分：%s分", p->duration,
		      tk_points_format(p->points * 10, pts));
}

int tk_paperfmt_practice_blanks(const struct tk_paperfmt_class *c,
				const char *label[TK_PAPERFMT_BLANKS])
{
	int n = 0;

	if (c == NULL || c->klass == NULL)
		label[n++] = "班级：";
	if (c == NULL || c->date == NULL)
		label[n++] = "日期：";
	label[n++] = "姓名：";
	label[n++] = "学号：";
	return n;
}

void tk_paperfmt_notice(const struct tk_paper *p, int k, int seal, struct tk_buf *b)
{
	if (p->practice) {
		/* a class's paper: no candidate fields, no 标封 */
		if (k == 0)
			tk_buf_printf(b, "1. 本试卷答题时间为%d分钟。", p->duration);
		else if (k == 1)
			tk_buf_puts(b, "2. 请首先在试卷首页填写您的姓名和学号。");
		else if (k == 2)
			tk_buf_puts(b, "3. 请仔细阅读各种题目的回答要求，在规定的位置填写您的答案。");
		else if (k == 3)
			tk_buf_puts(b, "4. 不要在试卷上填写与答题无关的内容。");
		return;
	}
	if (k == 0)
		tk_buf_printf(b, "1. 本试卷考试时间为%d分钟。", p->duration);
	else if (k == 1 && p->candidate)
		tk_buf_puts(b, "2. 请首先核对试卷首页的准考证号、姓名和考点，如有不符，立即报告监考人员。");
	else if (k == 1 && seal)
		tk_buf_puts(b, "2. 请首先按要求在试卷的标封处填写您的姓名、准考证号和所在考点的名称。");
	else if (k == 1)
		tk_buf_puts(b, "2. 请首先在试卷首页填写您的姓名、准考证号和所在考点的名称。");
	else if (k == 2)
		tk_buf_puts(b, "3. 请仔细阅读各种题目的回答要求，在规定的位置填写您的答案。");
	else if (k == 3 && seal)
		tk_buf_puts(b, "4. 不要在试卷上乱写乱画，不要在标封区填写无关的内容。");
	else if (k == 3)
		tk_buf_puts(b, "4. 不要在试卷上乱写乱画，不要在试卷上填写与答题无关的内容。");
}

int tk_paperfmt_answer_lines(const struct tk_item *it)
{
	int n = it->time > 0 ? it->time / 100 : it->points / 10;

	return n < 4 ? 4 : n > 18 ? 18 : n;
}

/*
 * The item's own time or its type's default: the same seconds the
 * assembler added up, so that the notes add up to the paper's time.
 */
void tk_paperfmt_time_note(const struct tk_item *it, struct tk_buf *b)
{
	char pts[16];
	int minutes = (tk_blueprint_type_seconds(NULL, it->type, it->time) + 30) / 60;

	tk_buf_printf(b, "（本题%s分，建议用时%d分钟）", tk_points_format(it->points, pts),
		      minutes > 0 ? minutes : 1);
}

int tk_paperfmt_item_points(const struct tk_paper_section *s, int i)
{
	return s->points ? s->points : s->items[i]->points;
}

int tk_paperfmt_mixed_points(const struct tk_paper_section *s)
{
	int i;

	for (i = 1; i < s->nitems; i++)
		if (tk_paperfmt_item_points(s, i) != tk_paperfmt_item_points(s, 0))
			return 1;
	return 0;
}

void tk_paperfmt_columns(const double *want, const double *need, int n, double width,
			 double *w)
{
	double sw = 0, sn = 0;
	int i;

	for (i = 0; i < n; i++) {
		sw += want[i];
		sn += need[i];
	}
	for (i = 0; i < n; i++)
		w[i] = sw <= width ? want[i]
		       : sn >= width ? width * need[i] / sn
		       : need[i] + (width - sn) * (want[i] - need[i]) / (sw - sn);
}
