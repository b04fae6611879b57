/*
 * text.c -- items from the plain text teachers paste from Word:
 *
 *     一、单项选择题（每题1分）
 *     1. 客户来电时，坐席首先应当（　）。
 *     A. 报工号并问候   B. 询问客户姓名
 *     C. 直接处理业务   D. 转接班长
 *     答案：A
 *     解析：……
 *
 * The reader goes line by line: a section heading sets the type (and the
 * points, from "每题N分"), a numbered line starts an item, lettered lines
 * are options, "名称：值" lines are fields, and other lines continue what
 * came before.  The checks on each item are those of the CSV reader.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "importer.h"
#include "text.h"
#include "row.h"

enum {
	F_STEM, F_OPT, F_OPT_F = F_OPT + 5, F_ANSWER, F_EXPL, F_DIFF, F_POINTS,
	F_CODES, F_LEVEL, F_ID, F_KIND, F_STATUS, F_KEYWORDS, F_AUTHOR, F_TIME,
	F_TYPE, F_N
};

/* Field names before ： or :, longest first where one begins another. */
static const struct tk_text_name fields[] = {
	{"正确答案", F_ANSWER}, {"参考答案", F_ANSWER}, {"答案解析", F_EXPL},
	{"试题解析", F_EXPL}, {"答案", F_ANSWER}, {"解析", F_EXPL},
	{"难度", F_DIFF}, {"分值", F_POINTS}, {"知识点代码", F_CODES},
	{"代码", F_CODES}, {"知识点", F_CODES}, {"等级", F_LEVEL}, {"级别", F_LEVEL},
	{"试题编号", F_ID}, {"编号", F_ID}, {"ID", F_ID}, {"类别", F_KIND},
	{"状态", F_STATUS}, {"关键词", F_KEYWORDS}, {"作者", F_AUTHOR},
	{"预计用时", F_TIME}, {"用时", F_TIME}, {"题型", F_TYPE},
};

/* What messages call each field. */
static const char *labels[F_N] = {
	[F_STEM] = "题干", [F_OPT] = "选项A", [F_OPT + 1] = "选项B",
	[F_OPT + 2] = "选项C", [F_OPT + 3] = "选项D", [F_OPT + 4] = "选项E",
	[F_OPT_F] = "选项F", [F_ANSWER] = "答案", [F_EXPL] = "解析",
	[F_DIFF] = "难度", [F_POINTS] = "分值", [F_CODES] = "代码",
	[F_LEVEL] = "等级", [F_ID] = "编号", [F_KIND] = "类别", [F_STATUS] = "状态",
	[F_KEYWORDS] = "关键词", [F_AUTHOR] = "作者", [F_TIME] = "用时",
	[F_TYPE] = "题型",
};

/* Type names of section headings, longest first. */
static const struct { const char *name; int type; } types[] = {
	{"单项选择题", TK_SINGLE}, {"多项选择题", TK_MULTIPLE},
	{"单项选择", TK_SINGLE}, {"多项选择", TK_MULTIPLE},
	{"案例分析题", TK_CASE}, {"案例分析", TK_CASE},
	{"单选题", TK_SINGLE}, {"多选题", TK_MULTIPLE}, {"判断题", TK_TRUEFALSE},
	{"填空题", TK_FILL}, {"简答题", TK_SHORT}, {"问答题", TK_SHORT},
	{"案例题", TK_CASE}, {"实操题", TK_TASK}, {"操作题", TK_TASK},
	{"单选", TK_SINGLE}, {"多选", TK_MULTIPLE}, {"判断", TK_TRUEFALSE},
	{"填空", TK_FILL}, {"简答", TK_SHORT}, {"实操", TK_TASK},
};

/* The item being read. */
struct titem {
	int open;
	int line;
	char num[16];           /* its number as printed */
	struct tk_buf f[F_N];
	int seen[F_N];          /* the line a field was given on, 0 when not */
	int nopt;               /* options so far */
	int cur;                /* the field that plain lines continue, or -1 */
	int list;               /* the next number of a list inside cur, or 0 */
	struct tk_buf problems;
};

struct reader {
	char **lines;           /* trimmed, NUL-terminated */
	int *lineno;
	int n;
	int type;               /* of the current section, or -1 */
	char points[16];        /* "每题N分" of the current section, or "" */
	const char *name;
	const struct tk_import_defaults *def;
	struct tk_itemset *set;
	size_t first;
	struct tk_diags *d;
};

int tk_text_is_space(const char *s, size_t *k)
{
	if (*s == ' ' || *s == '\t') {
		*k = 1;
		return 1;
	}
	if (!strncmp(s, "\xE3\x80\x80", 3)) {   /* ideographic space */
		*k = 3;
		return 1;
	}
	return 0;
}

const char *tk_text_skip_space(const char *s)
{
	size_t k;

	while (tk_text_is_space(s, &k))
		s += k;
	return s;
}

/* The length of a number-ending mark at s: . ． 、 ) ）, or 0. */
size_t tk_text_num_mark(const char *s)
{
	if (*s == '.' || *s == ')')
		return 1;
	if (!strncmp(s, "．", 3) || !strncmp(s, "、", 3) || !strncmp(s, "）", 3))
		return 3;
	return 0;
}

/* The length of an option-letter mark at s: those of tk_text_num_mark, ： or :. */
static size_t opt_mark(const char *s)
{
	if (*s == ':')
		return 1;
	if (!strncmp(s, "：", 3))
		return 3;
	return tk_text_num_mark(s);
}

/*
 * "12." "12．" "12、" "12)": an item number.  Returns the text after
 * the mark, or NULL; *n is the number.  "1.5倍" is not one.
 */
static const char *item_start(const char *s, int *n)
{
	const char *p = s;
	size_t k;

	*n = 0;
	while (*p >= '0' && *p <= '9' && p - s < 6)
		*n = *n * 10 + (*p++ - '0');
	if (p == s || (k = tk_text_num_mark(p)) == 0)
		return NULL;
	if (*p == '.' && p[1] >= '0' && p[1] <= '9')
		return NULL;
	return tk_text_skip_space(p + k);
}

/* "A." "Ｂ、" "C：": an option letter.  Returns the text after the mark, or NULL. */
static const char *option_start(const char *s, int *key)
{
	size_t k;

	if (*s >= 'A' && *s <= 'F' && (k = opt_mark(s + 1)) > 0) {
		*key = *s - 'A';
		return tk_text_skip_space(s + 1 + k);
	}
	/* full-width Ａ..Ｆ are EF BC A1..A6 */
	if (!strncmp(s, "\xEF\xBC", 2) && (unsigned char)s[2] >= 0xA1 &&
	    (unsigned char)s[2] <= 0xA6 && (k = opt_mark(s + 3)) > 0) {
		*key = (unsigned char)s[2] - 0xA1;
		return tk_text_skip_space(s + 3 + k);
	}
	return NULL;
}

const char *tk_text_field(const char *s, const struct tk_text_name *names, size_t count,
			  int *field)
{
	const char *p = s;
	size_t i, n;
	int bracket = 0;

	if (!strncmp(p, "【", 3)) {
		p += 3;
		bracket = 1;
	}
	for (i = 0; i < count; i++) {
		n = strlen(names[i].name);
		if (strncmp(p, names[i].name, n))
			continue;
		p = tk_text_skip_space(p + n);
		if (bracket) {
			if (strncmp(p, "】", 3))
				return NULL;
			p = tk_text_skip_space(p + 3);
			if (*p == ':')
				p++;
			else if (!strncmp(p, "：", 3))
				p += 3;
		} else if (*p == ':') {
			p++;
		} else if (!strncmp(p, "：", 3)) {
			p += 3;
		} else {
			return NULL;
		}
		*field = names[i].field;
		return tk_text_skip_space(p);
	}
	return NULL;
}

/* A field of this layout (the names above). */
static const char *field_start(const char *s, int *field)
{
	return tk_text_field(s, fields, sizeof fields / sizeof fields[0], field);
}

/*
 * A section heading: "一、单项选择题（每题1分）", "第二部分 判断题",
 * "【多选题】", "判断题".  Returns 1 with *type (-1 when the heading
 * names no type) and points ("" when not given), or 0.
 */
static int heading(const char *s, int *type, char points[16])
{
	static const char *digits[] = {"一", "二", "三", "四", "五", "六", "七",
				       "八", "九", "十"};
	const char *p = s, *q;
	int numbered = 0, bracket = 0;
	size_t i, k, n;

	*type = -1;
	points[0] = '\0';
	if (!strncmp(p, "第", 3))
		p += 3;
	for (;;) {
		for (i = 0; i < 10 && strncmp(p, digits[i], 3); i++)
			;
		if (i == 10)
			break;
		p += 3;
		numbered = 1;
	}
	if (numbered) {
		if (!strncmp(p, "部分", 6) || !strncmp(p, "大题", 6))
			p += 6;
		if ((k = tk_text_num_mark(p)) > 0)
			p += k;
		else if (!strncmp(p, "，", 3) || !strncmp(p, "：", 3))
			p += 3;
		else if (!tk_text_is_space(p, &k))
			return 0;
		p = tk_text_skip_space(p);
	} else if (p != s) {
		return 0;       /* "第" alone */
	}
	if (!strncmp(p, "【", 3)) {
		p += 3;
		bracket = 1;
	}
	for (i = 0; i < sizeof types / sizeof types[0]; i++) {
		n = strlen(types[i].name);
		if (!strncmp(p, types[i].name, n)) {
			*type = types[i].type;
			p += n;
			break;
		}
	}
	if (*type < 0)
		return numbered;
	if (bracket && !strncmp(p, "】", 3))
		p += 3;
	p = tk_text_skip_space(p);
	/* what may follow the type: nothing, or a note in brackets */
	if (!numbered && *p && strncmp(p, "（", 3) && *p != '(' &&
	    strncmp(p, "：", 3) && *p != ':')
		return 0;
	/* "每题1分", "每小题 0.5 分" */
	if ((q = strstr(p, "每题")) != NULL || (q = strstr(p, "每小题")) != NULL) {
		q = tk_text_skip_space(q + (strncmp(q, "每题", 6) ? 9 : 6));
		for (n = 0; n < 15 && ((q[n] >= '0' && q[n] <= '9') || q[n] == '.'); n++)
			;
		if (n > 0 && !strncmp(tk_text_skip_space(q + n), "分", 3)) {
			memcpy(points, q, n);
			points[n] = '\0';
		}
	}
	return 1;
}

static void item_problem(struct titem *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A problem the reader found in the item; checked with the rest at its end. */
static void item_problem(struct titem *t, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	fmt = _(fmt);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (t->problems.len)
		tk_buf_puts(&t->problems, "; ");
	tk_buf_puts(&t->problems, msg);
}

/* Append a line to field f of the item, a newline between lines. */
static void add_text(struct titem *t, int f, const char *s)
{
	if (t->f[f].len > 0)
		tk_buf_putc(&t->f[f], '\n');
	tk_buf_puts(&t->f[f], s);
}

static void item_reset(struct titem *t)
{
	int i;

	for (i = 0; i < F_N; i++) {
		tk_buf_reset(&t->f[i]);
		t->seen[i] = 0;
	}
	tk_buf_reset(&t->problems);
	t->open = 0;
	t->nopt = 0;
	t->cur = -1;
	t->list = 0;
}

static void item_free(struct titem *t)
{
	int i;

	for (i = 0; i < F_N; i++)
		tk_buf_free(&t->f[i]);
	tk_buf_free(&t->problems);
}

static const char *field_or_null(const struct titem *t, int f)
{
	return t->seen[f] ? tk_buf_str(&t->f[f]) : NULL;
}

/*
 * With no section heading to say so, the type follows from the item:
 * options and one answer letter are single choice, several letters
 * multiple; a stem with ____ is fill, a true/false answer truefalse;
 * anything else short.
 */
static int guess_type(const struct titem *t)
{
	const char *a = tk_buf_str(&t->f[F_ANSWER]);
	char *s;
	int type;

	if (t->nopt > 0) {
		s = tk_answer_choice(a);
		type = s && strlen(s) > 1 ? TK_MULTIPLE : TK_SINGLE;
		free(s);
		return type;
	}
	if (strstr(tk_buf_str(&t->f[F_STEM]), "____"))
		return TK_FILL;
	s = tk_answer_truefalse(a);
	type = s ? TK_TRUEFALSE : TK_SHORT;
	free(s);
	return type;
}

/* Check the item read so far and add it to the set; TK_EINTERNAL: out of memory. */
static int item_end(struct reader *rd, struct titem *t)
{
	struct tk_import_row r;
	int i, rc;

	if (!t->open)
		return TK_OK;
	for (i = 0; i < F_N; i++)
		if (t->f[i].oom)
			return TK_EINTERNAL;
	if (t->problems.oom)
		return TK_EINTERNAL;
	memset(&r, 0, sizeof r);
	snprintf(r.where, sizeof r.where, "item %s", t->num);
	r.line = t->line;
	r.type = -1;
	if (t->seen[F_TYPE])
		r.type_text = tk_buf_str(&t->f[F_TYPE]);
	else if (rd->type >= 0)
		r.type = rd->type;
	else
		r.type = guess_type(t);
	r.stem = tk_buf_str(&t->f[F_STEM]);
	for (i = 0; i < t->nopt; i++)
		r.opt[i] = tk_buf_str(&t->f[F_OPT + i]);
	r.answer = field_or_null(t, F_ANSWER);
	r.explanation = field_or_null(t, F_EXPL);
	r.difficulty = field_or_null(t, F_DIFF);
	r.points = t->seen[F_POINTS] ? tk_buf_str(&t->f[F_POINTS]) :
		   rd->points[0] ? rd->points : NULL;
	r.codes = field_or_null(t, F_CODES);
	r.level = field_or_null(t, F_LEVEL);
	r.id = field_or_null(t, F_ID);
	r.kind = field_or_null(t, F_KIND);
	r.status = field_or_null(t, F_STATUS);
	r.keywords = field_or_null(t, F_KEYWORDS);
	r.author = field_or_null(t, F_AUTHOR);
	r.time = field_or_null(t, F_TIME);
	r.problems = t->problems.len ? t->problems.s : NULL;
	rc = tk_import_row_item(&r, "txt", rd->name, rd->def, rd->set, rd->first, rd->d);
	item_reset(t);
	return rc == TK_EINTERNAL ? rc : TK_OK;
}

/*
 * Options on one line: "A. 报工号并问候   B. 询问客户姓名".  The next
 * option begins after white space at the next letter with its mark.
 */
static void add_options(struct titem *t, int key, const char *text, int line)
{
	const char *p, *cut;
	struct tk_buf *b;
	size_t k;
	int next;

	for (;;) {
		if (key != t->nopt || key >= 6) {
			item_problem(t, "option %c on line %d comes where option %c was expected",
				     'A' + key, line, t->nopt < 6 ? 'A' + t->nopt : 'F');
			t->cur = -1;
			return;
		}
		/* where the next option begins on this line, if it does */
		cut = NULL;
		for (p = text; *p && cut == NULL; p++) {
			const char *q;
			if (!tk_text_is_space(p, &k))
				continue;
			q = tk_text_skip_space(p);
			if (option_start(q, &next) && next == key + 1)
				cut = p;
			else
				p = q - 1;
		}
		b = &t->f[F_OPT + key];
		tk_buf_add(b, text, cut ? (size_t)(cut - text) : strlen(text));
		if (b->s) {
			tk_trim(b->s);
			b->len = strlen(b->s);
		}
		t->seen[F_OPT + key] = line;
		t->nopt++;
		t->cur = F_OPT + key;
		if (cut == NULL)
			return;
		text = option_start(tk_text_skip_space(cut), &key);
	}
}

/*
 * Does an 答案 line follow line i before the next numbered line or
 * heading?  Then a numbered line at i begins an item of its own.
 */
static int answer_follows(const struct reader *rd, int i)
{
	int n, f, type;
	char pts[16];

	for (i++; i < rd->n; i++) {
		const char *s = rd->lines[i];
		if (item_start(s, &n) || heading(s, &type, pts))
			return 0;
		if (field_start(s, &f) && f == F_ANSWER)
			return 1;
	}
	return 0;
}

static int read_lines(struct reader *rd, struct titem *t)
{
	int i, n, key, f, type;
	const char *rest;
	char pts[16];

	for (i = 0; i < rd->n; i++) {
		const char *s = rd->lines[i];
		int line = rd->lineno[i];

		if (s[0] == '\0')
			continue;
		if (heading(s, &type, pts)) {
			/* "一、" with no type inside an answer is a list of it */
			if (type < 0 && t->open && t->cur >= 0) {
				add_text(t, t->cur, s);
				continue;
			}
			if (item_end(rd, t) != TK_OK)
				return TK_EINTERNAL;
			rd->type = type;
			memcpy(rd->points, pts, sizeof rd->points);
			if (type < 0)
				tk_diags_add(rd->d, TK_DIAG_WARNING, rd->name, line,
					     "heading names no item type: types are guessed "
					     "from each item");
			continue;
		}
		if ((rest = item_start(s, &n)) != NULL) {
			/*
			 * Inside an answer or explanation, "1." "2." ... is a
			 * list of that field, unless an 答案 follows: then it
			 * is the next item.
			 */
			if (t->open && (t->cur == F_ANSWER || t->cur == F_EXPL) &&
			    ((n == 1 && t->list == 0) || n == t->list) &&
			    !answer_follows(rd, i)) {
				add_text(t, t->cur, s);
				t->list = n + 1;
				continue;
			}
			if (item_end(rd, t) != TK_OK)
				return TK_EINTERNAL;
			t->open = 1;
			t->line = line;
			snprintf(t->num, sizeof t->num, "%d", n);
			t->cur = F_STEM;
			t->seen[F_STEM] = line;
			tk_buf_puts(&t->f[F_STEM], rest);
			continue;
		}
		if (!t->open) {
			if (field_start(s, &f) || option_start(s, &key))
				tk_diags_add(rd->d, TK_DIAG_WARNING, rd->name, line,
					     "'%.60s' is outside any item (ignored)", s);
			continue;       /* titles, notes */
		}
		if ((rest = field_start(s, &f)) != NULL) {
			if (t->seen[f]) {
				item_problem(t, "%s is given a second time on line %d",
					     labels[f], line);
			} else {
				t->seen[f] = line;
				tk_buf_puts(&t->f[f], rest);
			}
			t->cur = f == F_ANSWER || f == F_EXPL ? f : -1;
			t->list = 0;
			continue;
		}
		if ((rest = option_start(s, &key)) != NULL && t->cur != F_ANSWER &&
		    t->cur != F_EXPL) {
			add_options(t, key, rest, line);
			continue;
		}
		if (t->cur < 0) {
			tk_diags_add(rd->d, TK_DIAG_WARNING, rd->name, line,
				     "'%.60s' is not part of a stem, option or field (ignored)", s);
			continue;
		}
		add_text(t, t->cur, s);
	}
	return item_end(rd, t);
}

/* Split a copy of data into trimmed lines, numbering them as the CSV reader does. */
static int split_lines(char *buf, size_t len, struct reader *rd)
{
	size_t i, start = 0;
	int line = 1, cap = 0;

	for (i = 0; i <= len; i++) {
		int end = i == len || buf[i] == '\n' || buf[i] == '\r';
		if (!end)
			continue;
		if (rd->n == cap) {
			int c = cap ? cap * 2 : 256;
			char **l = realloc(rd->lines, (size_t)c * sizeof *l);
			int *ln;
			if (l == NULL)
				return 0;
			rd->lines = l;
			ln = realloc(rd->lineno, (size_t)c * sizeof *ln);
			if (ln == NULL)
				return 0;
			rd->lineno = ln;
			cap = c;
		}
		if (i < len && buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n')
			buf[i++] = '\0';
		if (i < len)
			buf[i] = '\0';
		rd->lines[rd->n] = tk_trim(buf + start);
		rd->lineno[rd->n++] = line++;
		start = i + 1;
	}
	return 1;
}

int tk_text_parse(const char *data, size_t len, const char *name,
		  const struct tk_import_defaults *def, struct tk_itemset *set,
		  struct tk_diags *diags, struct tk_error *err)
{
	struct tk_diags mine = TK_DIAGS_INIT;
	struct reader rd;
	struct titem t;
	char *buf = NULL;
	int rc;

	rc = tk_import_row_defaults(def, err);
	if (rc != TK_OK)
		return rc;
	memset(&rd, 0, sizeof rd);
	memset(&t, 0, sizeof t);
	item_reset(&t);
	rd.type = -1;
	rd.name = name;
	rd.def = def;
	rd.set = set;
	rd.first = set->n;
	rd.d = &mine;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	buf = malloc(len + 1);
	if (buf != NULL) {
		memcpy(buf, data, len);
		buf[len] = '\0';
	}
	if (buf == NULL || !split_lines(buf, len, &rd)) {
		rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
		goto out;
	}
	rc = read_lines(&rd, &t);
	if (rc != TK_OK) {
		rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
		goto out;
	}
	/* a file that gave nothing is a mistake (the wrong file, another
	   layout), not a successful import of nothing */
	if (set->n == rd.first && mine.nerrors == 0)
		tk_diags_add(&mine, TK_DIAG_ERROR, name, 0,
			     "no items: an item begins with its number, \"1.\" or \"1、\"");
out:
	item_free(&t);
	free(rd.lines);
	free(rd.lineno);
	free(buf);
	return tk_import_row_finish(rc, &mine, diags, err);
}
