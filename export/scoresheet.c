/*
 * scoresheet.c -- an appraisal's scoring sheets: a flow of the paper
 * renderer's rows per candidate, paginated and drawn on its own pages.
 * See scoresheet.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "render_int.h"
#include "scoresheet.h"

#define PADX 5.0                /* text inset in the sheet's tables */
#define PADY 4.0
#define MIN_ROW 24.0            /* a criterion's row: room to write a score */
#define TABLE_PT 9.5            /* the criteria, as forms set them: 小五 and a little */
#define BLANK6 "\u3000\u3000\u3000\u3000\u3000\u3000"

/* How the panel meets the candidate, as the sheet says it (TK_APPRAISAL_*). */
static const char *const kind_words[] = {"提交材料评审", "答辩", "现场操作", "面试"};

static const char *kind_word(int kind)
{
	return kind >= 0 && kind < (int)(sizeof kind_words / sizeof *kind_words)
	       ? kind_words[kind] : "评审";
}

/* Markup of plain text s ("" for NULL). */
static void text(struct tk_buf *b, const char *s)
{
	tk_buf_xml(b, s ? s : "", 0);
}

/* A candidate's value; without one the cell is left to write in. */
static void field(struct tk_buf *b, const char *v)
{
	if (v && *v)
		text(b, v);
}

/* A row of a boxed table at size, the cells aligned as align says, at least h tall. */
static void row(struct rd_flow *f, const char *const *cells, int n, const double *w,
		const int *align, int bold, double size, double h)
{
	struct rd_row *r;
	double x = f->left;
	int i;

	r = rd_row_new(f, RD_CELLS, 0);
	if (r == NULL)
		return;
	r->boxed = 1;
	r->ncells = n;
	r->padx = PADX;
	r->base = PADY;
	for (i = 0; i < n; i++) {
		PangoLayout *l = rd_layout(f, cells[i], bold ? f->sans : f->serif, size, 0,
					   w[i] - 2 * PADX);
		r = &f->rows[f->n - 1];
		pango_layout_set_alignment(l, (PangoAlignment)align[i]);
		r->cell[i] = l;
		r->cx[i] = x;
		r->cw[i] = w[i];
		x += w[i];
		if (rd_layout_h(l) + 2 * PADY > r->h)
			r->h = rd_layout_h(l) + 2 * PADY;
	}
	if (r->h < h)
		r->h = h;
}

static void heading(struct rd_flow *f, const struct tk_standard *s, const struct tk_appraisal *a,
		    int panel)
{
	struct tk_buf b = TK_BUF_INIT;

	text(&b, s->title);
	tk_buf_puts(&b, "（");
	text(&b, s->levels[a->level].name);
	tk_buf_puts(&b, "）\n");
	text(&b, a->name);
	tk_buf_puts(&b, "评分表");
	rd_centred(f, tk_buf_str(&b), f->sans, 16, 1);
	tk_buf_reset(&b);
	/* two short lines rather than one that wraps where it will */
	tk_buf_printf(&b, "评审方式：%s　　满分：%d分", kind_word(a->kind), a->points);
	if (a->pass)
		tk_buf_printf(&b, "　　合格：%d分（含）以上", a->pass);
	tk_buf_puts(&b, "\n");
	if (a->duration)
		tk_buf_printf(&b, "时间：%d分钟　　", a->duration);
	tk_buf_printf(&b, "评审小组：%d人", panel);
	rd_space(f, 4);
	rd_centred(f, tk_buf_str(&b), f->serif, RD_BODY_PT, 0);
	rd_space(f, 8);
	tk_buf_free(&b);
}

/* 姓名 准考证号 / 考点 日期: the candidate's, else room to write them. */
static void candidate(struct rd_flow *f, const struct tk_candidate *c)
{
	static const int al[] = {PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER,
				 PANGO_ALIGN_LEFT};
	struct tk_buf v[4] = {TK_BUF_INIT, TK_BUF_INIT, TK_BUF_INIT, TK_BUF_INIT};
	const char *cells[4];
	double w[4], label = 4 * RD_BODY_PT + 2 * PADX + 2;
	int i;

	w[0] = w[2] = label;
	w[1] = w[3] = (f->width - 2 * label) / 2;
	tk_buf_puts(&v[0], "姓　　名");
	field(&v[1], c ? c->name : NULL);
	tk_buf_puts(&v[2], "准考证号");
	field(&v[3], c ? c->admission : NULL);
	for (i = 0; i < 4; i++)
		cells[i] = tk_buf_str(&v[i]);
	f->group++;
	row(f, cells, 4, w, al, 0, RD_BODY_PT, 22);
	for (i = 0; i < 4; i++)
		tk_buf_reset(&v[i]);
	tk_buf_puts(&v[0], "考　　点");
	field(&v[1], c ? c->site : NULL);
	tk_buf_puts(&v[2], "评审日期");
	tk_buf_puts(&v[3], "\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日");
	for (i = 0; i < 4; i++)
		cells[i] = tk_buf_str(&v[i]);
	row(f, cells, 4, w, al, 0, RD_BODY_PT, 22);
	for (i = 0; i < 4; i++)
		tk_buf_free(&v[i]);
	rd_space(f, 8);
}

/*
 * The criteria: 序号, 评分项目, 评分要点, 配分, 得分, 评语, a row each with
 * room for the score and a remark, then the 合计.  A long rubric may run
 * on to the next page between its rows, its head held with the first.
 */
static void criteria(struct rd_flow *f, const struct tk_appraisal *a)
{
	static const int al[] = {PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT,
				 PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT};
	static const int hal[] = {PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER,
				  PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER};
	static const char *const head[] = {"序号", "评分项目", "评分要点", "配分", "得分", "评语"};
	struct tk_buf no = TK_BUF_INIT, name = TK_BUF_INIT, what = TK_BUF_INIT, pts = TK_BUF_INIT;
	double w[6], em = RD_BODY_PT, want = 0;
	char p[16];
	int k;

	/* the names as wide as the widest wants, within 4 to 7 characters */
	for (k = 0; k < a->ncriteria; k++) {
		PangoLayout *l;
		tk_buf_reset(&name);
		text(&name, a->criteria[k].name);
		l = rd_layout(f, tk_buf_str(&name), f->serif, RD_BODY_PT, 0, 0);
		if (rd_layout_w(l) > want)
			want = rd_layout_w(l);
	}
	want = want < 4 * em ? 4 * em : want > 7 * em ? 7 * em : want;
	w[0] = 2.5 * em + 2 * PADX;
	w[1] = want + 2 * PADX + 1;
	w[3] = w[4] = 2 * em + 2 * PADX + 4;
	w[5] = 5 * em + 2 * PADX;
	w[2] = f->width - w[0] - w[1] - w[3] - w[4] - w[5];
	f->group++;
	rd_para(f, "评分记录", f->left, f->width, 0, f->sans, 11, 1);
	rd_space(f, 2);
	row(f, head, 6, w, hal, 1, RD_BODY_PT, 0);
	for (k = 0; k < a->ncriteria; k++) {
		const char *cells[6];
		tk_buf_reset(&no);
		tk_buf_reset(&name);
		tk_buf_reset(&what);
		tk_buf_reset(&pts);
		tk_buf_printf(&no, "%d", k + 1);
		text(&name, a->criteria[k].name);
		text(&what, a->criteria[k].text);
		tk_buf_puts(&pts, tk_points_format(a->criteria[k].points, p));
		cells[0] = tk_buf_str(&no);
		cells[1] = tk_buf_str(&name);
		cells[2] = tk_buf_str(&what);
		cells[3] = tk_buf_str(&pts);
		cells[4] = cells[5] = "";
		if (k > 0)
			f->group++;
		row(f, cells, 6, w, al, 0, TABLE_PT, MIN_ROW);
	}
	{
		const char *cells[6] = {"", "合计", "", "", "", ""};
		tk_buf_reset(&pts);
		tk_buf_printf(&pts, "%d", a->points);
		cells[3] = tk_buf_str(&pts);
		row(f, cells, 6, w, al, 1, RD_BODY_PT, MIN_ROW);
	}
	if (a->sample) {
		rd_space(f, 3);
		rd_para(f, "注：本表评分项目及配分为示例内容（样例），不是发证机构发布的评分标准。",
			f->left, f->width, 0, f->serif, 9, 0);
	}
	rd_space(f, 8);
	tk_buf_free(&no);
	tk_buf_free(&name);
	tk_buf_free(&what);
	tk_buf_free(&pts);
}

/* The panel's opinion and result, then a line for each member and the 组长. */
static void sign(struct rd_flow *f, const struct tk_appraisal *a, int panel)
{
	struct tk_buf b = TK_BUF_INIT;
	const char *cells[3];
	struct tk_buf m[3] = {TK_BUF_INIT, TK_BUF_INIT, TK_BUF_INIT};
	double w[3];
	int k, c;

	f->group++;
	rd_para(f, "评审意见：", f->left, f->width, 0, f->serif, RD_BODY_PT, 0);
	rd_rule(f, f->left, f->width);
	rd_rule(f, f->left, f->width);
	rd_space(f, 6);
	tk_buf_puts(&b, "评审结果：□ 合格　　□ 不合格");
	if (a->pass)
		tk_buf_printf(&b, "　　（%d分（含）以上为合格）", a->pass);
	rd_para(f, tk_buf_str(&b), f->left, f->width, 0, f->serif, RD_BODY_PT, 0);
	rd_space(f, 8);
	f->group++;
	for (k = 0; k < 3; k++)
		w[k] = f->width / 3;
	for (k = 0; k < panel; k += 3) {
		for (c = 0; c < 3; c++) {
			tk_buf_reset(&m[c]);
			if (k + c < panel)
				tk_buf_printf(&m[c], "评委%d签字：<u>%s</u>", k + c + 1, BLANK6);
			cells[c] = tk_buf_str(&m[c]);
		}
		rd_cells(f, cells, 3, f->left, w, 0, f->serif, 0);
		rd_space(f, 4);
	}
	rd_para(f, "评审组长签字：<u>" BLANK6 "\u3000\u3000</u>　　　　日期：<u>" BLANK6 "</u>",
		f->left, f->width, 0, f->serif, RD_BODY_PT, 0);
	for (c = 0; c < 3; c++)
		tk_buf_free(&m[c]);
	tk_buf_free(&b);
}

/* The task as the standard states it. */
static void task(struct rd_flow *f, const struct tk_appraisal *a)
{
	struct tk_buf b = TK_BUF_INIT;

	if (a->task == NULL || !*a->task)
		return;
	f->group++;
	tk_buf_puts(&b, "<b>考核要求：</b>");
	text(&b, a->task);
	rd_para(f, tk_buf_str(&b), f->left, f->width, 0, f->serif, RD_BODY_PT, 0);
	rd_space(f, 8);
	tk_buf_free(&b);
}

/* What every page says at its foot, so that sheets cannot be mixed up. */
static void identifier(const struct tk_standard *s, const struct tk_appraisal *a,
		       const struct tk_candidate *c, struct tk_buf *b)
{
	tk_buf_puts(b, "标准 ");
	text(b, s->id);
	tk_buf_puts(b, "　评审项目 ");
	text(b, a->id);
	if (c && c->admission) {
		tk_buf_puts(b, "　准考证号 ");
		text(b, c->admission);
	}
}

/* One candidate's sheet, on pages of its own. */
static int one(struct tk_render *r, const struct tk_standard *s, const struct tk_appraisal *a,
	       int panel, const struct tk_candidate *c, struct tk_error *err)
{
	struct rd_flow f;
	struct tk_buf id = TK_BUF_INIT, head = TK_BUF_INIT;
	cairo_t *cr = r->cr;
	char foot[64];
	int npages, pg, i = 0, rc = TK_OK, typo;

	rd_flow_init(&f, r, err);
	typo = f.typo;
	f.typo = 1;
	heading(&f, s, a, panel);
	candidate(&f, c);
	task(&f, a);
	criteria(&f, a);
	sign(&f, a, panel);
	f.typo = typo;
	if (f.oom) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	npages = rd_paginate(&f);
	identifier(s, a, c, &id);
	text(&head, s->title);
	tk_buf_puts(&head, "　");
	text(&head, a->name);
	tk_buf_puts(&head, "评分表");
	for (pg = 0; pg < npages; pg++) {
		cairo_save(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		if (pg > 0) {
			cairo_move_to(cr, f.left, RD_M_TOP - 26);
			pango_cairo_show_layout(cr, rd_small(&f, tk_buf_str(&head), 8.5));
			cairo_set_line_width(cr, 0.5);
			cairo_move_to(cr, f.left, RD_M_TOP - 10);
			cairo_line_to(cr, f.left + f.width, RD_M_TOP - 10);
			cairo_stroke(cr);
		}
		snprintf(foot, sizeof foot, "第 %d 页　共 %d 页", pg + 1, npages);
		rd_draw_centred(cr, rd_small(&f, foot, 9), f.left + f.width / 2,
				RD_PAGE_H - RD_M_BOTTOM + 20);
		rd_draw_centred(cr, rd_small(&f, tk_buf_str(&id), 7.5), f.left + f.width / 2,
				RD_PAGE_H - RD_M_BOTTOM + 34);
		for (; i < f.n && f.rows[i].page == pg; i++)
			if (f.rows[i].kind != RD_SPACE && f.rows[i].kind != RD_PAGE)
				rd_draw_row(cr, &f.rows[i], RD_M_TOP);
		cairo_restore(cr);
		cairo_show_page(cr);
		r->sheets++;
	}
	r->pages += npages;
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS || r->out->oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot draw the PDF: %s",
				  cairo_status_to_string(cairo_status(cr)));
out:
	rd_flow_free(&f);
	tk_buf_free(&id);
	tk_buf_free(&head);
	return rc;
}

/* The appraisal fit to print: its first lint error, or a panel it does not allow. */
static int check(const struct tk_standard *s, const struct tk_appraisal *a, int panel,
		 struct tk_error *err)
{
	struct tk_diags d = TK_DIAGS_INIT;
	size_t k;
	int rc = TK_OK, i;

	/* which of two of the same id is meant cannot be told */
	for (i = 0; i < s->nappraisals; i++)
		if (&s->appraisals[i] != a && !strcmp(s->appraisals[i].id, a->id))
			return tk_error_set(err, TK_EINPUT, s->file, s->appraisals[i].line,
					    "appraisal id '%s' is used twice (also line %d)",
					    a->id, a->line);
	tk_lint_appraisal(s, a, &d);
	for (k = 0; k < d.n && rc == TK_OK; k++)
		if (d.v[k].severity == TK_DIAG_ERROR)
			rc = tk_error_set(err, TK_EINPUT, d.v[k].file, d.v[k].line, "%s",
					  d.v[k].msg);
	if (d.oom && rc == TK_OK)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	tk_diags_free(&d);
	if (rc != TK_OK)
		return rc;
	if (panel < a->panel_min)
		return tk_error_set(err, TK_EUSAGE, s->file, a->panel_line,
				    "appraisal '%s' has a panel of at least %d members, not %d",
				    a->id, a->panel_min, panel);
	if (a->panel_odd && panel % 2 == 0)
		return tk_error_set(err, TK_EUSAGE, s->file, a->panel_line,
				    "appraisal '%s' has a panel of an odd number of members, not %d",
				    a->id, panel);
	return TK_OK;
}

int tk_scoresheet_find(const struct tk_standard *s, const char *id,
		       const struct tk_appraisal **a, struct tk_error *err)
{
	struct tk_buf have = TK_BUF_INIT;
	int i, rc;

	if ((*a = tk_standard_appraisal(s, id)) != NULL)
		return TK_OK;
	for (i = 0; i < s->nappraisals; i++)
		tk_buf_printf(&have, "%s%s", i ? ", " : "", s->appraisals[i].id);
	if (s->nappraisals)
		rc = tk_error_set(err, TK_EINPUT, s->file, s->line,
				  "standard '%s' has no appraisal '%s' (it has %s)", s->id,
				  id ? id : "", tk_buf_str(&have));
	else
		rc = tk_error_set(err, TK_EINPUT, s->file, s->line,
				  "standard '%s' has no appraisal '%s' (it has none: no part of "
				  "its schemes is scored by a panel)", s->id, id ? id : "");
	tk_buf_free(&have);
	return rc;
}

int tk_scoresheet_pdf(const struct tk_standard *s, const struct tk_appraisal *a,
		      const struct tk_scoresheet_opts *so, const struct tk_render_opts *o,
		      struct tk_buf *out, int *pages, struct tk_error *err)
{
	struct tk_render *r = NULL;
	struct tk_buf title = TK_BUF_INIT;
	int rc, k, panel = so && so->panel ? so->panel : a->panel_min ? a->panel_min : 3;

	if (a->panel_odd && !(so && so->panel) && panel % 2 == 0)
		panel++;        /* the fewest an odd panel can have */
	if ((rc = check(s, a, panel, err)) != TK_OK)
		return rc;
	tk_buf_printf(&title, "%s %s", s->title ? s->title : s->id, a->name);
	rc = tk_render_new(o, tk_buf_str(&title), out, &r, err);
	tk_buf_free(&title);
	if (rc != TK_OK)
		return rc;
	r->o.key = r->o.prep = r->o.seal_line = r->o.a3 = 0;
	if (so == NULL || so->ncands == 0)
		rc = one(r, s, a, panel, NULL, err);
	for (k = 0; so && k < so->ncands && rc == TK_OK; k++)
		rc = one(r, s, a, panel, &so->cands[k], err);
	if (rc == TK_OK)
		rc = tk_render_finish(r, pages, err);
	tk_render_free(r);
	return rc;
}

int tk_scoresheet_file(const struct tk_standard *s, const struct tk_appraisal *a,
		       const struct tk_scoresheet_opts *so, const struct tk_render_opts *o,
		       const char *path, int *pages, struct tk_error *err)
{
	struct tk_buf pdf = TK_BUF_INIT;
	int rc = tk_scoresheet_pdf(s, a, so, o, &pdf, pages, err);

	if (rc == TK_OK)
		rc = tk_write_file(path, pdf.s, pdf.len, err);
	tk_buf_free(&pdf);
	return rc;
}
