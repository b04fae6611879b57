/*
 * form.c -- an item as a plain-text form and back.
 *
 * Writing is plain.  Reading leaves the layout to the text importer
 * (text.c) after three changes that keep every line at its number, so
 * that its diagnostics point into the form: comments and the header are
 * blanked in place; the 评分标准 section, which text.c does not know, is
 * blanked and read here; and the header's fields are appended after the
 * last line, where text.c takes them as fields of the item.  Problems
 * text.c finds on an appended line are moved back to the header line
 * they came from.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "form.h"
#include "importer.h"
#include "text.h"

/* The header fields in the order the form shows them, then the body's. */
enum {
	H_ID, H_TYPE, H_LEVEL, H_KIND, H_CODES, H_POINTS, H_DIFF, H_TIME,
	H_STATUS, H_AUTHOR, H_KEYWORDS, H_N,
	B_ANSWER = H_N, B_EXPL, B_RUBRIC
};

/* What the form calls the header fields (text.c's names for them too). */
static const char *labels[H_N] = {
	"编号", "题型", "等级", "类别", "代码", "分值", "难度", "用时", "状态",
	"作者", "关键词"
};

/* Field names text.c reads (and 评分标准), longest first where one begins another. */
static const struct tk_text_name names[] = {
	{"正确答案", B_ANSWER}, {"参考答案", B_ANSWER}, {"答案解析", B_EXPL},
	{"试题解析", B_EXPL}, {"答案", B_ANSWER}, {"解析", B_EXPL},
	{"评分标准", B_RUBRIC}, {"难度", H_DIFF}, {"分值", H_POINTS},
	{"知识点代码", H_CODES}, {"代码", H_CODES}, {"知识点", H_CODES},
	{"等级", H_LEVEL}, {"级别", H_LEVEL}, {"试题编号", H_ID}, {"编号", H_ID},
	{"ID", H_ID}, {"类别", H_KIND}, {"状态", H_STATUS}, {"关键词", H_KEYWORDS},
	{"作者", H_AUTHOR}, {"预计用时", H_TIME}, {"用时", H_TIME}, {"题型", H_TYPE},
};

static const char *type_labels[TK_NTYPES] = {
	"单选题", "多选题", "判断题", "填空题", "简答题", "案例分析题", "实操题"
};

/* Beginnings text.c may read as a section heading (see heading() there). */
static const char *heading_starts[] = {
	"【", "第", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	"单项选择", "多项选择", "案例", "单选", "多选", "判断", "填空", "简答",
	"问答", "实操", "操作",
};

static const char intro[] =
	"# 编辑下面的试题，保存并退出即提交；以 # 开头的行不会读入。\n"
	"# Edit the item below, then save and quit to commit it; lines starting with # are ignored.\n"
	"# 清空文件（只留注释和空行）则放弃，题库不变。\n"
	"# An empty file (only comments and blank lines) aborts and leaves the bank as it was.\n"
	"# 答案：选择题写字母（A 或 ACD），判断题写 正确 或 错误，填空题各空以“；”分隔（题干中的空写作 ____）。\n"
	"# Answers: option letters; 正确/错误 for true/false; fill-in blanks separated by \"；\", gaps in the stem as ____.\n"
	"# 多行文字中，以序号、选项字母、“答案：”等开头的行，行首加 \\ 。\n"
	"# In text of several lines, put \\ before a line that begins like a number, an option or a field.\n";

static const char intro_rubric[] =
	"# 评分标准：每行一条，写作 - (4分) 标准。 Rubric: one criterion a line, as - (4分) text.\n";

/* ---- small readers, after text.c ---------------------------------- */

/* "12." "12、" "3）": where text.c begins an item ("1.5倍" does not). */
static int item_start(const char *s)
{
	const char *p = s;

	while (*p >= '0' && *p <= '9' && p - s < 6)
		p++;
	if (p == s || tk_text_num_mark(p) == 0)
		return 0;
	return !(*p == '.' && p[1] >= '0' && p[1] <= '9');
}

/*
 * "答案：A", "【答案】A": the value of a field text.c (or the 评分标准
 * section) reads, or NULL; *field is which.  Like text.c, a name not
 * followed by its colon makes the line no field at all.
 */
static const char *field_value(const char *s, int *field)
{
	return tk_text_field(s, names, sizeof names / sizeof names[0], field);
}

/*
 * Would text.c (or this reader) take a line of text for something else:
 * a comment, a number, an option, a field, a heading?  Errs on the safe
 * side: a \ too many costs nothing, since reading removes it.
 */
static int needs_escape(const char *s)
{
	const char *p = s;
	size_t i;
	int f;

	if (*s == '#' || *s == '\\')
		return 1;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p > s && tk_text_num_mark(p))
		return 1;
	if (*s >= 'A' && *s <= 'F' && (tk_text_num_mark(s + 1) || s[1] == ':' ||
				       !strncmp(s + 1, "：", 3)))
		return 1;
	if (!strncmp(s, "\xEF\xBC", 2) && (unsigned char)s[2] >= 0xA1 &&
	    (unsigned char)s[2] <= 0xA6)       /* full-width Ａ..Ｆ */
		return 1;
	if (field_value(s, &f))
		return 1;
	for (i = 0; i < sizeof heading_starts / sizeof heading_starts[0]; i++)
		if (!strncmp(s, heading_starts[i], strlen(heading_starts[i])))
			return 1;
	return 0;
}

/* s cut to a few dozen bytes at a character boundary, for messages. */
static const char *clip(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s);

	if (n < size) {
		memcpy(buf, s, n + 1);
		return buf;
	}
	n = size - 4;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(buf, s, n);
	memcpy(buf + n, "\xE2\x80\xA6", 4);     /* … */
	return buf;
}

/* ---- plain text of fragments --------------------------------------- */

/*
 * The plain text of a fragment as the form shows it: one trimmed line
 * per paragraph, empty ones dropped; one_line joins them with spaces (an
 * option is one line).  Caller frees; NULL when out of memory.
 */
static char *plain_of(const char *fragment, int one_line)
{
	struct tk_buf b = TK_BUF_INIT;
	char *t = tk_fragment_text(fragment), *p, *e;

	if (t == NULL)
		return NULL;
	for (p = t; p; p = e) {
		e = strchr(p, '\n');
		if (e)
			*e++ = '\0';
		tk_trim(p);
		if (!*p)
			continue;
		if (b.len)
			tk_buf_putc(&b, one_line ? ' ' : '\n');
		tk_buf_puts(&b, p);
	}
	free(t);
	if (b.oom) {
		tk_buf_free(&b);
		return NULL;
	}
	return tk_buf_detach(&b);
}

/* The blanks of a fill answer, "接通量；呼入量|进线量".  Caller frees. */
static char *fill_text(const char *fragment)
{
	struct tk_buf b = TK_BUF_INIT;
	const char *p = fragment, *e;

	if (strstr(fragment, "<blank>") == NULL)
		return plain_of(fragment, 1);
	while ((p = strstr(p, "<blank>")) != NULL) {
		char *inner, *t;
		p += 7;
		if ((e = strstr(p, "</blank>")) == NULL)
			break;
		inner = strndup(p, (size_t)(e - p));
		t = inner ? plain_of(inner, 1) : NULL;
		free(inner);
		if (t == NULL) {
			tk_buf_free(&b);
			return NULL;
		}
		if (b.len)
			tk_buf_puts(&b, "；");
		tk_buf_puts(&b, t);
		free(t);
		p = e + 8;
	}
	if (b.oom) {
		tk_buf_free(&b);
		return NULL;
	}
	return tk_buf_detach(&b);
}

/* The 答案 of it as the form shows it.  Caller frees; NULL when out of memory. */
static char *answer_text(const struct tk_item *it)
{
	const char *a = it->answer ? it->answer : "";

	if (it->type == TK_TRUEFALSE && !strcmp(a, "true"))
		return strdup("正确");
	if (it->type == TK_TRUEFALSE && !strcmp(a, "false"))
		return strdup("错误");
	if (it->type == TK_FILL)
		return fill_text(a);
	return plain_of(a, it->type == TK_SINGLE || it->type == TK_MULTIPLE);
}

static int is_open(int type)
{
	return type == TK_SHORT || type == TK_CASE || type == TK_TASK;
}

/* ---- writing ------------------------------------------------------- */

static void join(struct tk_buf *b, char **v, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (i)
			tk_buf_puts(b, "，");
		tk_buf_puts(b, v[i]);
	}
}

/* The value of header field f of it, as the form shows it. */
static void header_value(const struct tk_item *it, const struct tk_standard *s,
			 int f, struct tk_buf *b)
{
	char pts[16];
	int l;

	switch (f) {
	case H_ID:
		tk_buf_puts(b, it->id ? it->id : "");
		break;
	case H_TYPE:
		tk_buf_puts(b, it->type >= 0 && it->type < TK_NTYPES ? type_labels[it->type] : "");
		break;
	case H_LEVEL:
		l = s ? tk_standard_level(s, it->level) : -1;
		tk_buf_puts(b, l >= 0 ? s->levels[l].name : it->level ? it->level : "");
		break;
	case H_KIND:
		tk_buf_puts(b, it->kind == TK_SKILL ? "技能" : "理论");
		break;
	case H_CODES:
		join(b, it->codes, it->ncodes);
		break;
	case H_POINTS:
		if (it->points > 0)
			tk_buf_puts(b, tk_points_format(it->points, pts));
		break;
	case H_DIFF:
		tk_buf_printf(b, "%d", it->difficulty);
		break;
	case H_TIME:
		if (it->time > 0)
			tk_buf_printf(b, "%d", it->time);
		break;
	case H_STATUS:
		tk_buf_puts(b, tk_status_name(it->status));
		break;
	case H_AUTHOR:
		tk_buf_puts(b, it->author ? it->author : "");
		break;
	case H_KEYWORDS:
		join(b, it->keywords, it->nkeywords);
		break;
	}
}

/*
 * "lead" and text (lines separated by \n; the caller's, cut up here),
 * one line per paragraph.  escape: a line that would read as something
 * else gets a \ in front (the first line only for a leading \: the lead
 * already says what it is).
 */
static void put_text(struct tk_buf *out, const char *lead, char *text, int escape)
{
	char *p, *e;
	int first = 1;

	tk_buf_puts(out, lead);
	for (p = text; p && *p; p = e, first = 0) {
		e = strchr(p, '\n');
		if (e)
			*e++ = '\0';
		if (!first)
			tk_buf_putc(out, '\n');
		if (escape && (first ? *p == '\\' : needs_escape(p)))
			tk_buf_putc(out, '\\');
		tk_buf_puts(out, p);
	}
	tk_buf_putc(out, '\n');
}

int tk_form_write(const struct tk_item *it, const struct tk_standard *s,
		  struct tk_buf *out)
{
	struct tk_buf v = TK_BUF_INIT;
	char *t = NULL, pts[16];
	int rc = TK_OK, f, i, choice = it->type == TK_SINGLE || it->type == TK_MULTIPLE;

	tk_buf_puts(out, intro);
	if (is_open(it->type) || it->nrubric > 0)
		tk_buf_puts(out, intro_rubric);
	tk_buf_putc(out, '\n');
	for (f = 0; f < H_N; f++) {
		tk_buf_reset(&v);
		header_value(it, s, f, &v);
		tk_buf_printf(out, "%s：%s\n", labels[f], tk_buf_str(&v));
	}
	tk_buf_putc(out, '\n');

	if ((t = plain_of(it->stem, 0)) == NULL)
		goto oom;
	put_text(out, "1. ", t, 1);
	free(t);
	for (i = 0; i < it->noptions; i++) {
		char lead[8];
		if ((t = plain_of(it->options[i].text, 1)) == NULL)
			goto oom;
		snprintf(lead, sizeof lead, "%c. ", it->options[i].key);
		put_text(out, lead, t, 1);
		free(t);
	}
	/* a new choice item: the usual four options, to fill in */
	for (i = 0; choice && it->noptions == 0 && i < 4; i++)
		tk_buf_printf(out, "%c. \n", 'A' + i);
	if ((t = answer_text(it)) == NULL)
		goto oom;
	put_text(out, "答案：", t, is_open(it->type));
	free(t);
	if ((t = plain_of(it->explanation, 0)) == NULL)
		goto oom;
	put_text(out, "解析：", t, 1);
	free(t);
	t = NULL;
	if (is_open(it->type) || it->nrubric > 0) {
		tk_buf_puts(out, "评分标准：\n");
		for (i = 0; i < it->nrubric; i++) {
			if ((t = plain_of(it->rubric[i].text, 1)) == NULL)
				goto oom;
			tk_buf_printf(out, "- (%s分) %s\n",
				      tk_points_format(it->rubric[i].points, pts), t);
			free(t);
		}
		t = NULL;
	}
	if (out->oom || v.oom)
		goto oom;
	goto out;
oom:
	free(t);
	out->oom = 1;
	rc = TK_EINTERNAL;
out:
	tk_buf_free(&v);
	return rc;
}

/* ---- reading ------------------------------------------------------- */

enum { L_BLANK, L_COMMENT, L_HEADER, L_BODY, L_RUBRIC };

struct crit {
	int points;
	const char *text;       /* in the form's buffer */
};

struct form {
	char *buf;              /* a copy of the text, cut into lines */
	char **line;            /* trimmed; line k of the form is line[k - 1] */
	int *kind;              /* L_* */
	int n;
	const char *hval[H_N];  /* header values as given, NULL when not */
	int hline[H_N];         /* the header line of each, 0 when not */
	int bline[H_N];         /* header fields written in the body instead */
	int stem, answer;       /* lines of "1." and 答案, 0 when none */
	struct crit *crit;
	int ncrit, ccap;
	int appended[H_N];      /* form lines the appended lines stand for */
	int nappended;
	struct tk_diags diags;  /* problems found, every one an error */
};

static int split(struct form *f, const char *text, size_t len)
{
	size_t i, start = 0;
	int cap = 0;

	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	if ((f->buf = malloc(len + 1)) == NULL)
		return 0;
	memcpy(f->buf, text, len);
	f->buf[len] = '\0';
	/* lines end at \n, \r or \r\n, numbered as text.c numbers them */
	for (i = 0; i <= len; i++) {
		if (i < len && f->buf[i] != '\n' && f->buf[i] != '\r')
			continue;
		if (f->n == cap) {
			int c = cap ? cap * 2 : 64;
			char **l = realloc(f->line, (size_t)c * sizeof *l);
			int *k;
			if (l == NULL)
				return 0;
			f->line = l;
			if ((k = realloc(f->kind, (size_t)c * sizeof *k)) == NULL)
				return 0;
			f->kind = k;
			cap = c;
		}
		if (i < len && f->buf[i] == '\r' && i + 1 < len && f->buf[i + 1] == '\n')
			f->buf[i++] = '\0';
		if (i < len)
			f->buf[i] = '\0';
		f->line[f->n] = tk_trim(f->buf + start);
		f->kind[f->n++] = L_BLANK;
		start = i + 1;
	}
	return 1;
}

static void problem(struct form *f, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct form *f, int line, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	fmt = _(fmt);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	tk_diags_add(&f->diags, TK_DIAG_ERROR, NULL, line, "%s", msg);
}

/* "- (4分) 开头语规范": a criterion of the 评分标准 section. */
static int criterion(struct form *f, const char *s, int line)
{
	const char *p = s, *q;
	char num[16], cb[64];
	int paren = 0, fen, pts;

	if (*p == '-' || *p == '*')
		p++;
	else if (!strncmp(p, "－", 3) || !strncmp(p, "•", 3))
		p += 3;
	p = tk_text_skip_space(p);
	if (*p == '(') {
		p++;
		paren = 1;
	} else if (!strncmp(p, "（", 3)) {
		p += 3;
		paren = 1;
	}
	p = tk_text_skip_space(p);
	for (q = p; (*q >= '0' && *q <= '9') || *q == '.'; q++)
		;
	pts = -1;
	if (q > p && (size_t)(q - p) < sizeof num) {
		memcpy(num, p, (size_t)(q - p));
		num[q - p] = '\0';
		pts = tk_points_parse(num);
	}
	p = tk_text_skip_space(q);
	if ((fen = !strncmp(p, "分", 3)))
		p = tk_text_skip_space(p + 3);
	if (paren && *p == ')')
		p++;
	else if (paren && !strncmp(p, "）", 3))
		p += 3;
	else if (paren || !fen)
		pts = -1;
	p = tk_text_skip_space(p);
	if (pts <= 0 || !*p) {
		problem(f, line, "'%s' is not a criterion of the 评分标准: write it as "
			"- (4分) and what earns the points", clip(s, cb, sizeof cb));
		return 1;
	}
	if (f->ncrit == f->ccap) {
		int c = f->ccap ? f->ccap * 2 : 8;
		struct crit *v = realloc(f->crit, (size_t)c * sizeof *v);
		if (v == NULL)
			return 0;
		f->crit = v;
		f->ccap = c;
	}
	f->crit[f->ncrit].points = pts;
	f->crit[f->ncrit++].text = p;
	return 1;
}

/*
 * Sort the lines into comments, header, body and the 评分标准 section,
 * noting where the fields are.  0 when out of memory; problems go to
 * f->diags.
 */
static int classify(struct form *f)
{
	char cb[64];
	int i, field, rubric = 0;

	for (i = 0; i < f->n; i++) {
		const char *s = f->line[i], *v;
		int line = i + 1;

		if (s[0] == '#') {
			f->kind[i] = L_COMMENT;
			continue;
		}
		if (s[0] == '\0')
			continue;
		if (f->stem == 0) {
			if (item_start(s)) {
				f->stem = line;
				f->kind[i] = L_BODY;
				continue;
			}
			f->kind[i] = L_HEADER;
			v = field_value(s, &field);
			if (v && field < H_N && f->hline[field]) {
				problem(f, line, "%s is given twice (first on line %d)",
					labels[field], f->hline[field]);
			} else if (v && field < H_N) {
				f->hval[field] = v;
				f->hline[field] = line;
			} else if (v) {
				problem(f, line, "'%s' comes before the item: its stem begins "
					"with '1. ', and the 答案 and 解析 follow it",
					clip(s, cb, sizeof cb));
			} else {
				problem(f, line, "'%s' is not a field of the header (编号：, 题型：, "
					"等级：, ...); the item begins with '1. ' and its stem",
					clip(s, cb, sizeof cb));
			}
			continue;
		}
		v = field_value(s, &field);
		if (rubric && v == NULL) {
			f->kind[i] = L_RUBRIC;
			if (!criterion(f, s, line))
				return 0;
			continue;
		}
		rubric = 0;
		if (v && field == B_RUBRIC) {
			f->kind[i] = L_RUBRIC;
			rubric = 1;
			if (*v && !criterion(f, v, line))
				return 0;
			continue;
		}
		if (v && field == B_ANSWER && f->answer == 0)
			f->answer = line;
		if (v && field < H_N && f->bline[field] == 0)
			f->bline[field] = line;
		f->kind[i] = L_BODY;
	}
	return 1;
}

/*
 * What text.c reads: the body lines where they are, everything else
 * blank, then the header's fields (the author's, or orig's for those the
 * author deleted).
 */
static void parse_text(struct form *f, const struct tk_item *orig,
		       const struct tk_standard *s, struct tk_buf *out)
{
	int i;

	for (i = 0; i < f->n; i++) {
		if (i)
			tk_buf_putc(out, '\n');
		if (f->kind[i] == L_BODY)
			tk_buf_puts(out, f->line[i]);
	}
	for (i = 0; i < H_N; i++) {
		if (f->hline[i]) {
			tk_buf_printf(out, "\n%s：%s", labels[i], f->hval[i]);
			f->appended[f->nappended++] = f->hline[i];
		} else if (f->bline[i] == 0 && orig) {
			tk_buf_printf(out, "\n%s：", labels[i]);
			header_value(orig, s, i, out);
			f->appended[f->nappended++] = f->stem;
		}
	}
}

/* The form line of a line of what text.c read. */
static int form_line(const struct form *f, long line)
{
	if (line > f->n && line - f->n <= f->nappended)
		return f->appended[line - f->n - 1];
	return line < 0 || line > f->n ? 0 : (int)line;
}

/* msg with "line N" naming an appended line renamed to its form line. */
static void remap_lines(const struct form *f, const char *msg, struct tk_buf *out)
{
	const char *p = msg, *q;

	while ((q = strstr(p, "line ")) != NULL) {
		char *end;
		long n;
		q += 5;
		tk_buf_add(out, p, (size_t)(q - p));
		n = strtol(q, &end, 10);
		if (end > q && n > f->n) {
			tk_buf_printf(out, "%d", form_line(f, n));
			p = end;
		} else {
			p = q;
		}
	}
	tk_buf_puts(out, p);
}

/* The beginnings of text.c's problems with an item, and the field each is about. */
static const struct { const char *start; int field; } starts[] = {
	{"编号 ", H_ID}, {"题型 ", H_TYPE}, {"等级 ", H_LEVEL}, {"类别 ", H_KIND},
	{"代码 ", H_CODES}, {"no requirement code", H_CODES}, {"分值 ", H_POINTS},
	{"难度 ", H_DIFF}, {"用时 ", H_TIME}, {"状态 ", H_STATUS}, {"作者 ", H_AUTHOR},
	{"关键词 ", H_KEYWORDS}, {"答案 ", B_ANSWER}, {"no 答案", B_ANSWER},
	{"题干 ", -1}, {"选项", -1}, {"解析 ", -1}, {"a single-choice", -1},
	{"a multiple-choice", -1}, {"option ", -1}, {"repeats", -1},
};

static int problem_start(const char *p, int *field)
{
	size_t i;

	for (i = 0; i < sizeof starts / sizeof starts[0]; i++)
		if (!strncmp(p, starts[i].start, strlen(starts[i].start))) {
			*field = starts[i].field;
			return 1;
		}
	return 0;
}

/* The line a problem about field belongs on; line when it names none. */
static int field_line(const struct form *f, int field, int line)
{
	if (field == B_ANSWER)
		return f->answer ? f->answer : line;
	if (field >= 0 && field < H_N)
		return f->hline[field] ? f->hline[field] :
		       f->bline[field] ? f->bline[field] : line;
	return line;
}

/* Is g about an item ("item 2: ...")?  Then *rest is the rest. */
static int about_item(const struct tk_diag *g, const char **rest)
{
	const char *q;

	if (strncmp(g->msg, "item ", 5) || g->msg[5] < '0' || g->msg[5] > '9')
		return 0;
	for (q = g->msg + 5; *q >= '0' && *q <= '9'; q++)
		;
	if (strncmp(q, ": ", 2))
		return 0;
	*rest = q + 2;
	return 1;
}

/*
 * The line where text.c began a second item, or 0: a line of the text
 * that reads as a number ends the stem before it.
 */
static int second_item(const struct form *f, const struct tk_itemset *set,
		       const struct tk_diags *found)
{
	const char *rest;
	size_t i;
	int second = 0, line;

	for (i = 0; i < set->n; i++)
		if (set->items[i]->line != f->stem &&
		    (second == 0 || set->items[i]->line < second))
			second = set->items[i]->line;
	for (i = 0; i < found->n; i++) {
		line = form_line(f, found->v[i].line);
		if (about_item(&found->v[i], &rest) && line != f->stem &&
		    (second == 0 || line < second))
			second = line;
	}
	return second;
}

/*
 * Take one diagnostic of text.c into f->diags: lines into the form, the
 * "item 1: " prefix dropped, and its list of problems cut up so that
 * each stands on the line of the field it is about.  Warnings become
 * errors: each means text the author typed would be dropped.
 */
static void take_diag(struct form *f, const struct tk_diag *g)
{
	struct tk_buf msg = TK_BUF_INIT;
	const char *p = g->msg, *cut;
	int line = form_line(f, g->line), field, item;
	size_t n;

	if ((item = about_item(g, &p)) == 0)
		p = g->msg;
	remap_lines(f, p, &msg);
	if (msg.oom)
		f->diags.oom = 1;
	p = tk_buf_str(&msg);
	n = strlen(p);
	if (n > 10 && !strcmp(p + n - 10, " (ignored)"))
		msg.s[n - 10] = '\0';
	if (!item || !problem_start(p, &field)) {
		problem(f, line, "%s", p);
		tk_buf_free(&msg);
		return;
	}
	/* "分值 'x' is ...; 答案 'E' names no option": one diagnostic each */
	for (;;) {
		const char *next;
		int nf;
		for (cut = p; (cut = strstr(cut, "; ")) != NULL; cut += 2)
			if (problem_start(cut + 2, &nf))
				break;
		next = cut ? cut + 2 : NULL;
		problem(f, field_line(f, field, line), "%.*s",
			(int)(cut ? (size_t)(cut - p) : strlen(p)), p);
		if (next == NULL)
			break;
		p = next;
		field = nf;
	}
	tk_buf_free(&msg);
}

/* Drop the \ reading removes: at the start of the text and of each paragraph. */
static void unescape(char *fragment)
{
	char *p = fragment;

	if (p == NULL)
		return;
	if (*p == '\\')
		memmove(p, p + 1, strlen(p));
	while ((p = strstr(p, "<p>\\")) != NULL) {
		memmove(p + 3, p + 4, strlen(p + 4) + 1);
		p += 3;
	}
}

/*
 * Keep the rich text of the original in *slot where the plain text is
 * what the form showed of it.  0 when out of memory.
 */
static int keep_rich(char **slot, const char *orig, int one_line)
{
	char *a, *b, *c;
	int same;

	if (orig == NULL || *slot == NULL || !strcmp(*slot, orig))
		return 1;
	a = plain_of(*slot, one_line);
	b = plain_of(orig, one_line);
	same = a && b && !strcmp(a, b);
	free(a);
	free(b);
	if (!a || !b)
		return 0;
	if (!same)
		return 1;
	if ((c = strdup(orig)) == NULL)
		return 0;
	free(*slot);
	*slot = c;
	return 1;
}

static int strlist_copy(char ***dst, int *dn, char **src, int n)
{
	char **v = NULL;
	int i, k = 0;

	for (i = 0; i < n; i++)
		if (!tk_item_strlist_add(&v, &k, src[i])) {
			while (k > 0)
				free(v[--k]);
			free(v);
			return 0;
		}
	for (i = 0; i < *dn; i++)
		free((*dst)[i]);
	free(*dst);
	*dst = v;
	*dn = k;
	return 1;
}

/* Is the header value of field the author gave what the form showed of orig? */
static int header_same(const struct form *f, const struct tk_item *orig,
		       const struct tk_standard *s, int field)
{
	struct tk_buf b = TK_BUF_INIT;
	int same;

	if (f->hline[field] == 0)
		return f->bline[field] == 0;    /* deleted: orig's was used */
	header_value(orig, s, field, &b);
	same = !b.oom && !strcmp(tk_buf_str(&b), f->hval[field]);
	tk_buf_free(&b);
	return same;
}

/*
 * The item text.c made, completed: unescaped text, the rubric, and what
 * the form leaves as it was in orig.  0 when out of memory.
 */
static int finish(struct form *f, struct tk_item *it, const struct tk_item *orig,
		  const struct tk_standard *s)
{
	int i, ok = 1, open = is_open(it->type);

	unescape(it->stem);
	unescape(it->explanation);
	if (open)
		unescape(it->answer);
	for (i = 0; i < it->noptions; i++)
		unescape(it->options[i].text);
	if (f->ncrit > 0) {
		if ((it->rubric = calloc((size_t)f->ncrit, sizeof *it->rubric)) == NULL)
			return 0;
		for (i = 0; i < f->ncrit; i++) {
			struct tk_criterion *c = &it->rubric[it->nrubric++];
			c->points = f->crit[i].points;
			if ((c->text = tk_fragment_from_text(f->crit[i].text)) == NULL)
				return 0;
			if (orig && i < orig->nrubric &&
			    !keep_rich(&c->text, orig->rubric[i].text, 1))
				return 0;
		}
	}
	free(it->file);
	it->file = NULL;
	if (orig == NULL)
		return 1;

	ok &= keep_rich(&it->stem, orig->stem, 0);
	ok &= keep_rich(&it->explanation, orig->explanation, 0);
	for (i = 0; i < it->noptions && i < orig->noptions; i++)
		if (it->options[i].key == orig->options[i].key)
			ok &= keep_rich(&it->options[i].text, orig->options[i].text, 1);
	if (it->type == orig->type && it->answer && orig->answer &&
	    strcmp(it->answer, orig->answer)) {
		char *a = answer_text(it), *b = answer_text(orig), *c = NULL;
		if (a && b && !strcmp(a, b) && (c = strdup(orig->answer)) != NULL) {
			free(it->answer);
			it->answer = c;
		}
		ok &= a && b && (strcmp(a, b) || c);
		free(a);
		free(b);
	}
	/* the level as stored when the form names the same one */
	if (s && it->level && orig->level && strcmp(it->level, orig->level) &&
	    tk_standard_level(s, it->level) >= 0 &&
	    tk_standard_level(s, it->level) == tk_standard_level(s, orig->level)) {
		char *l = strdup(orig->level);
		if (l == NULL)
			return 0;
		free(it->level);
		it->level = l;
	}
	if (header_same(f, orig, s, H_CODES))
		ok &= strlist_copy(&it->codes, &it->ncodes, orig->codes, orig->ncodes);
	if (header_same(f, orig, s, H_KEYWORDS))
		ok &= strlist_copy(&it->keywords, &it->nkeywords, orig->keywords,
				   orig->nkeywords);
	ok &= strlist_copy(&it->enemies, &it->nenemies, orig->enemies, orig->nenemies);
	free(it->facility);
	free(it->discrimination);
	it->facility = tk_strdup(orig->facility);
	it->discrimination = tk_strdup(orig->discrimination);
	ok &= !orig->facility == !it->facility && !orig->discrimination == !it->discrimination;
	it->stats_n = orig->stats_n;
	it->version = orig->version;
	return ok;
}

int tk_form_read(const char *text, size_t len, const struct tk_item *orig,
		 const struct tk_standard *s, struct tk_item **out,
		 struct tk_diags *d, struct tk_error *err)
{
	struct tk_import_defaults def = {0};
	struct tk_itemset set = {0};
	struct tk_diags found = TK_DIAGS_INIT;
	struct tk_buf pt = TK_BUF_INIT;
	struct tk_error perr = {0};
	struct form f;
	struct tk_item *it = NULL;
	size_t bad, i;
	int rc = TK_OK, k;

	*out = NULL;
	memset(&f, 0, sizeof f);
	if (!tk_utf8_valid(text, len, &bad)) {
		int line = 1;
		for (i = 0; i < bad; i++)
			line += text[i] == '\n';
		problem(&f, line, "the form is not UTF-8: save it as UTF-8");
		rc = TK_EINPUT;
		goto out;
	}
	if (!split(&f, text, len) || !classify(&f))
		goto oom;
	for (k = 0; k < f.n && (f.kind[k] == L_BLANK || f.kind[k] == L_COMMENT); k++)
		;
	if (k == f.n) {
		rc = tk_error_set(err, TK_FAIL, NULL, 0, "empty form: aborted");
		goto out;
	}
	if (f.stem == 0) {
		problem(&f, 0, "no item: its stem begins with '1. ' after the header");
		rc = TK_EINPUT;
		goto out;
	}

	parse_text(&f, orig, s, &pt);
	if (pt.oom)
		goto oom;
	def.standard = orig && orig->standard ? orig->standard : s ? s->id : NULL;
	/* a field left empty that text.c has a default for keeps orig's */
	if (orig) {
		def.level = orig->level;
		def.kind = tk_kind_name(orig->kind);
		def.status = tk_status_name(orig->status);
	}
	rc = tk_text_parse(pt.s, pt.len, "form", &def, &set, &found, &perr);
	if (rc == TK_EINTERNAL || rc == TK_EUSAGE) {
		rc = tk_error_set(err, rc, NULL, 0, "%s", perr.msg);
		goto out;
	}
	rc = TK_OK;
	if (found.oom)
		goto oom;
	/* with two items, the problems of each are noise: the header went to the second */
	if ((k = second_item(&f, &set, &found)) > 0)
		problem(&f, k, "a second item begins on this line, but a form holds one "
			"(put \\ before a number that is part of the text)");
	for (i = 0; k == 0 && i < found.n; i++)
		take_diag(&f, &found.v[i]);
	if (f.diags.nerrors == 0 && set.n == 1) {
		it = set.items[0];
		set.items[0] = NULL;
		if (!finish(&f, it, orig, s))
			goto oom;
		if (orig && orig->version > 0 && orig->id &&
		    (it->id == NULL || strcmp(it->id, orig->id)))
			problem(&f, field_line(&f, H_ID, f.stem), "编号 cannot change: this "
				"form edits item '%s'", orig->id);
	}
	if (f.diags.nerrors > 0)
		rc = TK_EINPUT;
	if (rc == TK_OK && it == NULL) {        /* text.c gave neither: cannot happen */
		problem(&f, f.stem, "no item");
		rc = TK_EINPUT;
	}
	goto out;
oom:
	rc = TK_EINTERNAL;
out:
	if (f.diags.oom && rc == TK_OK)
		rc = TK_EINTERNAL;
	if (rc == TK_EINTERNAL)
		tk_error_set(err, rc, NULL, 0, "out of memory");
	if (rc == TK_EINPUT) {
		tk_diags_sort(&f.diags);
		for (i = 0; i < f.diags.n; i++)
			if (f.diags.v[i].severity == TK_DIAG_ERROR) {
				tk_error_set(err, rc, NULL, f.diags.v[i].line, "%s",
					     f.diags.v[i].msg);
				break;
			}
	}
	if (rc == TK_OK)
		*out = it;
	else
		tk_item_free(it);
	if (d)
		tk_diags_move(d, &f.diags);
	tk_diags_free(&f.diags);
	tk_diags_free(&found);
	tk_itemset_free(&set);
	tk_buf_free(&pt);
	free(f.crit);
	free(f.line);
	free(f.kind);
	free(f.buf);
	return rc;
}
