/*
 * mkimages.c -- draws the pictures the sample items of
 * banks/miit-kflxzxs/items/images/images.xml show: screens and charts of
 * a contact centre made up for this project (every name, number and
 * figure is fictional), drawn with Cairo and Pango, written as PNG.
 *
 *   make images             (build/mkimages banks/miit-kflxzxs/items/images)
 *
 * The items' figures are the numbers below: an item and its picture
 * must agree, so change both together.  The same fonts and libraries
 * give the same bytes (cairo writes no dates into a PNG).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#define SANS "Noto Sans CJK SC"
#define SCALE 2.0               /* pixels per CSS pixel: crisp in print */

/* ---- drawing helpers ------------------------------------------------ */

static const char *outdir = ".";
static int failed;

struct rgb { double r, g, b; };

static const struct rgb BLACK = {0.13, 0.13, 0.13}, GREY = {0.45, 0.45, 0.45},
	LIGHT = {0.93, 0.94, 0.96}, LINE = {0.75, 0.77, 0.80}, WHITE = {1, 1, 1},
	BLUE = {0.16, 0.38, 0.68}, PALE = {0.86, 0.91, 0.97}, RED = {0.80, 0.16, 0.16},
	GREEN = {0.18, 0.55, 0.30}, ORANGE = {0.90, 0.52, 0.10}, PALEORANGE = {0.99, 0.93, 0.85};

static void colour(cairo_t *cr, struct rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static void box(cairo_t *cr, double x, double y, double w, double h, struct rgb fill,
		struct rgb stroke, double lw)
{
	cairo_rectangle(cr, x, y, w, h);
	colour(cr, fill);
	cairo_fill_preserve(cr);
	cairo_set_line_width(cr, lw);
	colour(cr, stroke);
	cairo_stroke(cr);
}

static void line(cairo_t *cr, double x0, double y0, double x1, double y1, struct rgb c, double lw)
{
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
	cairo_set_line_width(cr, lw);
	colour(cr, c);
	cairo_stroke(cr);
}

enum { LEFT, CENTRE, RIGHT };

/*
 * Text at x, y (its top), size in CSS pixels, bold or not, aligned on x
 * (LEFT, CENTRE, RIGHT); width > 0 wraps it.  Returns its height.
 */
static double text(cairo_t *cr, double x, double y, const char *s, double size, int bold,
		   struct rgb c, int align, double width)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_new();
	int w, h;

	pango_font_description_set_family(fd, SANS);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_text(l, s, -1);
	pango_layout_get_pixel_size(l, &w, &h);
	if (align == CENTRE)
		x -= w / 2.0;
	else if (align == RIGHT)
		x -= w;
	cairo_move_to(cr, x, y);
	colour(cr, c);
	pango_cairo_show_layout(cr, l);
	pango_font_description_free(fd);
	g_object_unref(l);
	return h;
}

/* A surface of w x h CSS pixels, white, scaled so that drawing is in CSS pixels. */
static cairo_t *canvas(int w, int h, cairo_surface_t **s)
{
	cairo_t *cr;
	cairo_font_options_t *fo = cairo_font_options_create();

	*s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w * SCALE), (int)(h * SCALE));
	cr = cairo_create(*s);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_set_font_options(cr, fo);     /* Pango's layouts take them from cr */
	cairo_font_options_destroy(fo);
	cairo_scale(cr, SCALE, SCALE);
	colour(cr, WHITE);
	cairo_paint(cr);
	return cr;
}

static void save(cairo_t *cr, cairo_surface_t *s, const char *name)
{
	char path[1024];

	snprintf(path, sizeof path, "%s/%s", outdir, name);
	cairo_destroy(cr);
	if (cairo_surface_write_to_png(s, path) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "mkimages: cannot write %s\n", path);
		failed = 1;
	} else {
		printf("%s\n", path);
	}
	cairo_surface_destroy(s);
}

/* A window of a desktop program: frame, title bar, its three buttons. */
static void window(cairo_t *cr, int w, int h, const char *title)
{
	box(cr, 0.5, 0.5, w - 1, h - 1, WHITE, LINE, 1);
	box(cr, 0.5, 0.5, w - 1, 30, BLUE, BLUE, 1);
	text(cr, 12, 6, title, 13, 1, WHITE, LEFT, 0);
	for (int i = 0; i < 3; i++)
		box(cr, w - 22 - i * 22, 9, 12, 12, BLUE, WHITE, 1.2);
}

/* A button, pressed (dark) or not; disabled greys its label. */
static void button(cairo_t *cr, double x, double y, double w, const char *label, int dark,
		   int disabled)
{
	box(cr, x, y, w, 26, dark ? BLUE : LIGHT, dark ? BLUE : LINE, 1);
	text(cr, x + w / 2, y + 5, label, 12, 0, dark ? WHITE : disabled ? LINE : BLACK, CENTRE, 0);
}

/* ---- 1. a CRM ticket being entered --------------------------------- */

/* A labelled field; req marks it required (*), empty outlines it red. */
static void crm_field(cairo_t *cr, double x, double y, double lw, double fw, const char *label,
		      int req, const char *value, int drop, int readonly, int empty)
{
	char buf[64];

	snprintf(buf, sizeof buf, "%s%s", req ? "* " : "", label);
	text(cr, x + lw - 8, y + 5, buf, 12, 0, req ? BLACK : GREY, RIGHT, 0);
	box(cr, x + lw, y, fw, 26, readonly ? LIGHT : WHITE, empty ? RED : LINE, empty ? 1.5 : 1);
	if (value)
		text(cr, x + lw + 6, y + 5, value, 12, 0, BLACK, LEFT, 0);
	if (empty)
		text(cr, x + lw + fw - 6, y + 6, "必填", 11, 0, RED, RIGHT, 0);
	if (drop)
		text(cr, x + lw + fw - 14, y + 4, "▾", 12, 0, GREY, LEFT, 0);
}

static void crm_ticket(void)
{
	cairo_surface_t *s;
	cairo_t *cr = canvas(640, 420, &s);
	const double L = 20, lw = 78, fw = 196, R = 320;

	window(cr, 640, 420, "客户服务工单 — 新建");
	button(cr, 14, 40, 56, "保存", 1, 0);
	button(cr, 76, 40, 56, "转派", 0, 0);
	button(cr, 138, 40, 56, "结单", 0, 0);
	button(cr, 200, 40, 56, "取消", 0, 0);
	line(cr, 0, 76, 640, 76, LINE, 1);
	crm_field(cr, L, 90, lw, fw, "工单号", 0, "GD20240315-0087", 0, 1, 0);
	crm_field(cr, R, 90, lw, fw, "受理时间", 0, "2024-03-15 10:42", 0, 1, 0);
	crm_field(cr, L, 126, lw, fw, "客户姓名", 1, "王丽娟", 0, 0, 0);
	crm_field(cr, R, 126, lw, fw, "联系电话", 1, NULL, 0, 0, 1);
	crm_field(cr, L, 162, lw, fw, "受理渠道", 0, "电话", 1, 0, 0);
	crm_field(cr, R, 162, lw, fw, "问题类型", 1, "账单查询", 1, 0, 0);
	crm_field(cr, L, 198, lw, fw, "优先级", 0, "普通", 1, 0, 0);
	crm_field(cr, R, 198, lw, fw, "处理状态", 1, "已结单", 1, 0, 0);
	text(cr, L + lw - 8, 239, "* 问题描述", 12, 0, BLACK, RIGHT, 0);
	box(cr, L + lw, 234, R + lw + fw - L - lw, 96, WHITE, LINE, 1);
	text(cr, L + lw + 6, 240,
	     "客户反映家中宽带从昨晚起无法上网，光猫LOS灯红色闪烁，已重启无效，"
	     "要求尽快安排维修人员上门。", 12, 0, BLACK, LEFT, R + fw - L - 12);
	text(cr, L + lw - 8, 345, "处理记录", 12, 0, GREY, RIGHT, 0);
	box(cr, L + lw, 340, R + lw + fw - L - lw, 56, LIGHT, LINE, 1);
	text(cr, L + lw + 6, 346, "（暂无）", 12, 0, GREY, LEFT, 0);
	save(cr, s, "crm-ticket.png");
}

/* ---- 2. the agent's soft phone ------------------------------------- */

static void softphone(void)
{
	static const char *const names[] = {"示闲", "示忙", "保持", "转接", "三方通话", "挂机", "话后处理"};
	static const int off[] = {1, 1, 0, 0, 0, 0, 1};
	cairo_surface_t *s;
	cairo_t *cr = canvas(640, 150, &s);
	double x = 14;

	window(cr, 640, 150, "坐席工具条");
	box(cr, 14, 42, 612, 34, PALE, LINE, 1);
	text(cr, 24, 49, "状态：通话中　00:03:25", 13, 1, GREEN, LEFT, 0);
	text(cr, 250, 50, "来电号码：139****2087", 12, 0, BLACK, LEFT, 0);
	text(cr, 440, 50, "队列：宽带业务", 12, 0, BLACK, LEFT, 0);
	for (int i = 0; i < 7; i++) {
		double w = strlen(names[i]) > 6 ? 84 : 70;
		button(cr, x, 92, w, names[i], 0, off[i]);
		x += w + 16;
	}
	text(cr, 14, 126, "灰色按钮在当前状态下不可用", 11, 0, GREY, LEFT, 0);
	save(cr, s, "softphone.png");
}

/* ---- 3. an online chat --------------------------------------------- */

static double bubble(cairo_t *cr, double y, int agent, const char *who, const char *msg)
{
	const double w = 380;
	double x = agent ? 640 - 20 - w : 20, h;
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_new();
	int tw, th;

	pango_font_description_set_family(fd, SANS);
	pango_font_description_set_absolute_size(fd, 13 * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, (int)((w - 20) * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, msg, -1);
	pango_layout_get_pixel_size(l, &tw, &th);
	text(cr, agent ? x + w : x, y, who, 11, 0, GREY, agent ? RIGHT : LEFT, 0);
	h = th + 16;
	box(cr, x, y + 18, w, h, agent ? PALE : LIGHT, agent ? PALE : LIGHT, 1);
	cairo_move_to(cr, x + 10, y + 26);
	colour(cr, BLACK);
	pango_cairo_show_layout(cr, l);
	pango_font_description_free(fd);
	g_object_unref(l);
	return y + 18 + h + 12;
}

static void chat(void)
{
	cairo_surface_t *s;
	cairo_t *cr = canvas(640, 470, &s);
	double y = 44;

	window(cr, 640, 470, "在线客服 — 会话 #20240315-1402");
	y = bubble(cr, y, 0, "客户　14:02:10",
		   "你好，我昨天下单的蓝牙耳机还没发货，什么时候能发？");
	y = bubble(cr, y, 1, "客服小安　14:02:25",
		   "您好，我是客服小安，很高兴为您服务。麻烦提供一下订单号，我马上为您查询。");
	y = bubble(cr, y, 0, "客户　14:03:01", "订单号 8806 1234 5678");
	y = bubble(cr, y, 1, "客服小安　14:07:40",
		   "查到了，仓库那边爆单了，发货慢不归我们客服管，你等着吧。");
	y = bubble(cr, y, 0, "客户　14:08:02", "？？？");
	line(cr, 0, 412, 640, 412, LINE, 1);
	box(cr, 14, 422, 520, 34, WHITE, LINE, 1);
	text(cr, 24, 430, "输入回复……", 12, 0, GREY, LEFT, 0);
	button(cr, 548, 426, 76, "发送", 1, 0);
	(void)y;
	save(cr, s, "chat-window.png");
}

/* ---- 4. the IVR menu, and the path to 套餐变更 ----------------------- */

static void node(cairo_t *cr, double x, double y, double w, const char *label, int hot)
{
	box(cr, x, y, w, 28, hot ? PALEORANGE : PALE, hot ? ORANGE : BLUE, hot ? 2 : 1);
	text(cr, x + w / 2, y + 5, label, 12, hot, BLACK, CENTRE, 0);
}

static void edge(cairo_t *cr, double x0, double y0, double x1, double y1, int hot)
{
	double mx = (x0 + x1) / 2;

	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, mx, y0);
	cairo_line_to(cr, mx, y1);
	cairo_line_to(cr, x1, y1);
	cairo_set_line_width(cr, hot ? 2.4 : 1);
	colour(cr, hot ? ORANGE : LINE);
	cairo_stroke(cr);
}

static void ivr(int marked)
{
	static const char *const top[] = {"1 账单查询", "2 业务办理", "3 故障报修", "9 重听菜单"};
	static const char *const sub[3][3] = {
		{"1 本月账单", "2 历史账单", "3 缴费记录"},
		{"1 套餐变更", "2 停机复机", "3 过户"},
		{"1 宽带故障", "2 电视故障", NULL}
	};
	cairo_surface_t *s;
	cairo_t *cr = canvas(640, 420, &s);
	double ty[4] = {60, 166, 272, 350};
	int i, j;

	text(cr, 20, 14, "××宽带客服热线（示例）语音菜单", 15, 1, BLACK, LEFT, 0);
	/* the lines first, the path over the others, then the boxes */
	for (int pass = 0; pass < 2; pass++)
		for (i = 0; i < 4; i++) {
			int hot = marked && i == 1;
			if (hot == pass)
				edge(cr, 140, 210, 200, ty[i] + 14, hot);
			for (j = 0; i < 3 && j < 3 && sub[i][j]; j++)
				if ((hot && j == 0) == pass)
					edge(cr, 310, ty[i] + 14, 360, ty[i] - 30 + j * 30 + 14, pass);
		}
	node(cr, 20, 196, 120, "欢迎语 → 主菜单", 0);
	for (i = 0; i < 4; i++) {
		int hot = marked && i == 1;
		node(cr, 200, ty[i], 110, top[i], hot);
		for (j = 0; i < 3 && j < 3 && sub[i][j]; j++)
			node(cr, 360, ty[i] - 30 + j * 30, 110, sub[i][j], hot && j == 0);
	}
	/* 人工 only behind 故障报修 → 宽带故障 */
	edge(cr, 470, ty[2] - 30 + 14, 500, ty[2] - 30 + 14, 0);
	node(cr, 500, ty[2] - 30, 120, "0 转人工服务", 0);
	if (marked)
		text(cr, 20, 392, "套餐变更：主菜单按 2（业务办理），再按 1（套餐变更）", 13, 1, ORANGE,
		     LEFT, 0);
	save(cr, s, marked ? "ivr-menu-path.png" : "ivr-menu.png");
}

/* ---- charts ---------------------------------------------------------- */

/* Axes of a chart in the box x, y, w, h from lo to hi with n gridlines. */
static void axes(cairo_t *cr, double x, double y, double w, double h, double lo, double hi, int n,
		 const char *fmt)
{
	char buf[32];

	for (int i = 0; i <= n; i++) {
		double v = lo + (hi - lo) * i / n, yy = y + h - h * i / n;
		line(cr, x, yy, x + w, yy, i ? LIGHT : GREY, 1);
		snprintf(buf, sizeof buf, fmt, v);
		text(cr, x - 6, yy - 8, buf, 10, 0, GREY, RIGHT, 0);
	}
}

/* A small line chart of six weeks' values: one panel of the KPI sheet. */
static void panel(cairo_t *cr, double x, double y, const char *title, const double *v,
		  double lo, double hi, const char *fmt, const char *vfmt, struct rgb c)
{
	const double w = 240, h = 110, px = x + 44, py = y + 30;
	char buf[32];
	int i;

	text(cr, x, y, title, 13, 1, BLACK, LEFT, 0);
	axes(cr, px, py, w, h, lo, hi, 4, fmt);
	for (i = 0; i < 6; i++) {
		snprintf(buf, sizeof buf, "第%d周", i + 1);
		text(cr, px + 20 + i * (w - 40) / 5, py + h + 4, buf, 10, 0, GREY, CENTRE, 0);
	}
	for (i = 0; i < 6; i++) {
		double xx = px + 20 + i * (w - 40) / 5, yy = py + h - h * (v[i] - lo) / (hi - lo);
		if (i == 0)
			cairo_move_to(cr, xx, yy);
		else
			cairo_line_to(cr, xx, yy);
	}
	cairo_set_line_width(cr, 2);
	colour(cr, c);
	cairo_stroke(cr);
	for (i = 0; i < 6; i++) {
		double xx = px + 20 + i * (w - 40) / 5, yy = py + h - h * (v[i] - lo) / (hi - lo);
		cairo_arc(cr, xx, yy, 3, 0, 2 * M_PI);
		colour(cr, c);
		cairo_fill(cr);
		snprintf(buf, sizeof buf, vfmt, v[i]);
		/* a low point has its figure below it, off the lines */
		if (i > 0 && i < 5 && v[i] < v[i - 1] && v[i] < v[i + 1])
			text(cr, xx, yy + 5, buf, 10, 0, BLACK, CENTRE, 0);
		else
			text(cr, xx, yy - 18, buf, 10, 0, BLACK, CENTRE, 0);
	}
}

/* The six weeks the items of 中级 2.1 read: week 4 is the bad one. */
static void kpi(void)
{
	static const double answer[] = {93.5, 94.2, 92.8, 88.6, 91.0, 94.0};
	static const double aht[] = {285, 290, 296, 332, 318, 300};
	static const double fcr[] = {78, 79, 77, 71, 74, 78};
	static const double csat[] = {92, 93, 91, 86, 89, 92};
	cairo_surface_t *s;
	cairo_t *cr = canvas(640, 400, &s);

	text(cr, 320, 8, "某热线班组近六周关键指标", 15, 1, BLACK, CENTRE, 0);
	panel(cr, 16, 40, "接通率（%）", answer, 85, 95, "%.1f", "%.1f", BLUE);
	panel(cr, 330, 40, "平均处理时长AHT（秒）", aht, 260, 340, "%.0f", "%.0f", ORANGE);
	panel(cr, 16, 220, "一次解决率FCR（%）", fcr, 68, 80, "%.0f", "%.0f", GREEN);
	panel(cr, 330, 220, "满意度（%）", csat, 84, 96, "%.0f", "%.0f", RED);
	save(cr, s, "kpi-weekly.png");
}

/* Calls offered to agents by the hour, 8:00 to 20:00 (total 3400). */
static void hourly(void)
{
	static const int v[] = {120, 310, 420, 380, 210, 240, 390, 360, 300, 260, 180, 140, 90};
	cairo_surface_t *s;
	cairo_t *cr = canvas(640, 340, &s);
	const double x = 60, y = 50, w = 560, h = 230, bw = w / 13;
	char buf[32];

	text(cr, 320, 10, "某热线3月12日（周二）各时段人工来电量（通）", 15, 1, BLACK, CENTRE, 0);
	axes(cr, x, y, w, h, 0, 500, 5, "%.0f");
	for (int i = 0; i < 13; i++) {
		double bh = h * v[i] / 500.0, bx = x + i * bw + 6;
		box(cr, bx, y + h - bh, bw - 12, bh, v[i] == 420 ? ORANGE : BLUE,
		    v[i] == 420 ? ORANGE : BLUE, 1);
		snprintf(buf, sizeof buf, "%d", v[i]);
		text(cr, bx + (bw - 12) / 2, y + h - bh - 16, buf, 10, 0, BLACK, CENTRE, 0);
		snprintf(buf, sizeof buf, "%d时", 8 + i);
		text(cr, bx + (bw - 12) / 2, y + h + 4, buf, 10, 0, GREY, CENTRE, 0);
	}
	text(cr, x, y + h + 24, "注：“8时”表示8:00—9:00，其余类推。", 11, 0, GREY, LEFT, 0);
	save(cr, s, "hourly-volume.png");
}

/* The 质检 scorecard of one call (72 of 100). */
static void qa(void)
{
	static const char *const row[][4] = {
		{"开场规范", "10", "10", ""},
		{"身份核实", "10", "0", "未核实机主身份即告知账户余额"},
		{"需求确认", "20", "15", "未复述确认客户需求"},
		{"解决方案", "30", "24", "方案正确，解释不够清楚"},
		{"服务态度", "15", "15", ""},
		{"结束语", "15", "8", "未询问是否还有其他需要"},
		{"合计", "100", "72", ""}
	};
	static const double cx[] = {20, 150, 230, 310, 620};
	cairo_surface_t *s;
	cairo_t *cr = canvas(640, 380, &s);
	double y = 118;
	int i, k;

	window(cr, 640, 380, "质检系统 — 通话评分");
	text(cr, 20, 42, "录音编号：LY-0315-1027　坐席：工号 A1036　通话时长：06:12", 12, 0, BLACK,
	     LEFT, 0);
	text(cr, 20, 64, "质检员：Q07　评分日期：2024-03-16", 12, 0, GREY, LEFT, 0);
	box(cr, cx[0], y - 28, cx[4] - cx[0], 28, PALE, LINE, 1);
	text(cr, (cx[0] + cx[1]) / 2, y - 22, "评分项目", 12, 1, BLACK, CENTRE, 0);
	text(cr, (cx[1] + cx[2]) / 2, y - 22, "分值", 12, 1, BLACK, CENTRE, 0);
	text(cr, (cx[2] + cx[3]) / 2, y - 22, "得分", 12, 1, BLACK, CENTRE, 0);
	text(cr, (cx[3] + cx[4]) / 2, y - 22, "扣分说明", 12, 1, BLACK, CENTRE, 0);
	for (i = 0; i < 7; i++, y += 34) {
		int zero = !strcmp(row[i][2], "0");
		for (k = 0; k < 4; k++)
			box(cr, cx[k], y, cx[k + 1] - cx[k], 34, i == 6 ? LIGHT : WHITE, LINE, 1);
		text(cr, (cx[0] + cx[1]) / 2, y + 8, row[i][0], 12, i == 6, BLACK, CENTRE, 0);
		text(cr, (cx[1] + cx[2]) / 2, y + 8, row[i][1], 12, i == 6, BLACK, CENTRE, 0);
		text(cr, (cx[2] + cx[3]) / 2, y + 8, row[i][2], 12, 1, zero ? RED : BLACK, CENTRE, 0);
		text(cr, cx[3] + 8, y + 8, row[i][3], 12, 0, BLACK, LEFT, 0);
	}
	save(cr, s, "qa-scorecard.png");
}

/* A tile of the wallboard: a figure, its name, red when past its target. */
static void tile(cairo_t *cr, double x, double y, const char *name, const char *value,
		 const char *note, int alarm)
{
	box(cr, x, y, 140, 96, alarm ? (struct rgb){0.99, 0.90, 0.90} : PALE,
	    alarm ? RED : LINE, alarm ? 1.5 : 1);
	text(cr, x + 70, y + 8, name, 12, 0, GREY, CENTRE, 0);
	text(cr, x + 70, y + 28, value, 28, 1, alarm ? RED : BLACK, CENTRE, 0);
	text(cr, x + 70, y + 72, note, 10, 0, GREY, CENTRE, 0);
}

/* The real-time wallboard at 14:35: a queue, nobody free, four in training. */
static void wallboard(void)
{
	static const char *const st[] = {"通话中", "话后处理", "示闲", "小休", "培训", "会议"};
	static const int n[] = {19, 3, 0, 2, 4, 0};
	cairo_surface_t *s;
	cairo_t *cr = canvas(640, 360, &s);
	char buf[32];
	double x = 20;
	int i;

	box(cr, 0, 0, 640, 36, BLACK, BLACK, 1);
	text(cr, 16, 7, "宽带业务队列 实时监控", 15, 1, WHITE, LEFT, 0);
	text(cr, 624, 9, "2024-03-15　14:35:20", 13, 0, WHITE, RIGHT, 0);
	tile(cr, 20, 52, "排队来电", "18", "通", 1);
	tile(cr, 172, 52, "最长等待", "02:35", "分:秒", 1);
	tile(cr, 324, 52, "服务水平（20秒）", "71%", "目标 80%", 1);
	tile(cr, 476, 52, "放弃率", "9.2%", "目标 ≤ 5%", 1);
	text(cr, 20, 166, "坐席状态（签入 28 人）", 13, 1, BLACK, LEFT, 0);
	for (i = 0; i < 6; i++) {
		box(cr, x, 192, 92, 70, i == 4 ? PALEORANGE : LIGHT, i == 4 ? ORANGE : LINE, 1);
		text(cr, x + 46, 198, st[i], 12, 0, GREY, CENTRE, 0);
		snprintf(buf, sizeof buf, "%d", n[i]);
		text(cr, x + 46, 216, buf, 24, 1, i == 2 ? RED : BLACK, CENTRE, 0);
		x += 100;
	}
	text(cr, 20, 280, "今日累计（截至14:35）：来电 1862 通　接通 1690 通　放弃 172 通", 12, 0,
	     BLACK, LEFT, 0);
	text(cr, 20, 302, "15:00 起预计来电量上升（历史同期 390 通/小时）", 12, 0, BLACK, LEFT, 0);
	save(cr, s, "queue-wallboard.png");
}

/* The complaints of a month by cause, with the cumulative share (120 in all). */
static void pareto(void)
{
	static const char *const cause[] = {"账单争议", "网络质量", "服务态度", "办理时效",
					    "营销误导", "其他"};
	static const int v[] = {46, 31, 18, 12, 8, 5};
	cairo_surface_t *s;
	cairo_t *cr = canvas(640, 360, &s);
	const double x = 60, y = 50, w = 500, h = 230, bw = w / 6;
	char buf[32];
	int i, cum = 0;

	text(cr, 320, 10, "某月客户投诉原因排列图（共120件）", 15, 1, BLACK, CENTRE, 0);
	axes(cr, x, y, w, h, 0, 120, 6, "%.0f");
	for (i = 0; i <= 4; i++) {
		snprintf(buf, sizeof buf, "%d%%", i * 25);
		text(cr, x + w + 6, y + h - h * i / 4 - 8, buf, 10, 0, GREY, LEFT, 0);
	}
	for (i = 0; i < 6; i++) {
		double bh = h * v[i] / 120.0, bx = x + i * bw + 8;
		box(cr, bx, y + h - bh, bw - 16, bh, BLUE, BLUE, 1);
		snprintf(buf, sizeof buf, "%d", v[i]);
		/* inside a tall bar, off the line of the cumulative share */
		if (bh > 24)
			text(cr, bx + (bw - 16) / 2, y + h - bh + 4, buf, 11, 1, WHITE, CENTRE, 0);
		else
			text(cr, bx + (bw - 16) / 2, y + h - bh - 16, buf, 11, 0, BLACK, CENTRE, 0);
		text(cr, bx + (bw - 16) / 2, y + h + 4, cause[i], 11, 0, BLACK, CENTRE, 0);
	}
	for (i = 0; i < 6; i++) {
		double xx = x + i * bw + bw / 2, yy;
		cum += v[i];
		yy = y + h - h * cum / 120.0;
		if (i == 0)
			cairo_move_to(cr, xx, yy);
		else
			cairo_line_to(cr, xx, yy);
	}
	cairo_set_line_width(cr, 2);
	colour(cr, ORANGE);
	cairo_stroke(cr);
	for (cum = 0, i = 0; i < 6; i++) {
		double xx = x + i * bw + bw / 2, yy;
		cum += v[i];
		yy = y + h - h * cum / 120.0;
		cairo_arc(cr, xx, yy, 3.5, 0, 2 * M_PI);
		colour(cr, ORANGE);
		cairo_fill(cr);
		snprintf(buf, sizeof buf, "%.1f%%", cum * 100.0 / 120);
		if (i == 0)     /* on its own bar: above it */
			text(cr, xx - 6, yy - 20, buf, 10, 0, ORANGE, RIGHT, 0);
		else
			text(cr, xx + 7, yy + 1, buf, 10, 0, ORANGE, LEFT, 0);
	}
	text(cr, x, y + h + 26, "柱：投诉件数（左轴）　折线：累计百分比（右轴）", 11, 0, GREY, LEFT, 0);
	save(cr, s, "complaint-pareto.png");
}

int main(int argc, char **argv)
{
	if (argc > 2) {
		fprintf(stderr, "usage: mkimages [DIR]\n");
		return 2;
	}
	if (argc == 2)
		outdir = argv[1];
	crm_ticket();
	softphone();
	chat();
	ivr(0);
	ivr(1);
	kpi();
	hourly();
	qa();
	wallboard();
	pareto();
	return failed;
}
