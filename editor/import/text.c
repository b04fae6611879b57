/*
 * text.c -- items from the plain text teachers paste from Word, and from
 * the paragraphs of Word documents themselves (docx.c), which are laid
 * out the same way:
 *
 *     一、单项选择题（每题1分）
 *     1. 客户来电时，坐席首先应当（　）。
 *     A. 报工号并问候   B. 询问客户姓名
 *     C. 直接处理业务   D. 转接班长
 *     答案：A
 *     解析：……
 *
 * The reader goes block by block (a line, a paragraph, a table, a
 * picture): a section heading sets the type (and the points, from
 * "每题N分"), a numbered line starts an item, lettered lines are options,
 * "名称：值" lines are fields, and other blocks continue what came
 * before.  The answer may also stand inside the stem ("（ B ）", "（√）")
 * or in an answer section after the items ("参考答案" then
 * "1.B 2.AC 3.√"), so items are checked only when every block is read.
 * The checks on each item are those of the CSV reader.
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
 * "一、" "第二部分 " "三．": the numbering of a heading at s.  Returns
 * what follows it (s itself when there is none; *numbered tells), or
 * NULL when s begins like one but is not ("第" alone, "一个").
 */
static const char *after_number(const char *s, int *numbered)
{
	static const char *digits[] = {"一", "二", "三", "四", "五", "六", "七",
				       "八", "九", "十"};
	const char *p = s;
	size_t i, k;

	*numbered = 0;
	if (!strncmp(p, "第", 3))
		p += 3;
	for (;;) {
		for (i = 0; i < 10 && strncmp(p, digits[i], 3); i++)
			;
		if (i == 10)
			break;
		p += 3;
		*numbered = 1;
	}
	if (!*numbered)
		return p == s ? s : NULL;
	if (!strncmp(p, "部分", 6) || !strncmp(p, "大题", 6))
		p += 6;
	if ((k = tk_text_num_mark(p)) > 0)
		p += k;
	else if (!strncmp(p, "，", 3) || !strncmp(p, "：", 3))
		p += 3;
	else if (!tk_text_is_space(p, &k))
		return NULL;
	return tk_text_skip_space(p);
}

/*
 * A section heading: "一、单项选择题（每题1分）", "第二部分 判断题",
 * "【多选题】", "判断题".  Returns 1 with *type (-1 when the heading
 * names no type), points ("" when not given) and *rest (what follows the
 * type name, or the end), or 0.
 */
static int heading(const char *s, int *type, char points[16], const char **rest)
{
	const char *p, *q;
	int numbered, bracket = 0;
	size_t i, n;

	*type = -1;
	points[0] = '\0';
	*rest = s + strlen(s);
	if ((p = after_number(s, &numbered)) == NULL)
		return 0;
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
	*rest = p;
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

/* ---- answer sections: "参考答案" then "1.B 2.AC 3.√" ----------------- */

/* One answer of an answer section: item number n's, len bytes at v. */
struct kent {
	int n;
	const char *v;
	size_t len;
};

/* "1-5", "1—5", "1～5": the dash of a range of numbers, its length or 0. */
static size_t range_dash(const char *s)
{
	static const char *const dash[] = {"-", "~", "\xE2\x80\x94", "\xE2\x80\x93",
					   "\xEF\xBD\x9E", "\xEF\xBC\x8D", "\xE2\x80\x95", NULL};
	int i;

	for (i = 0; dash[i]; i++)
		if (!strncmp(s, dash[i], strlen(dash[i])))
			return strlen(dash[i]);
	return 0;
}

/* Digits at s: the number (at most 5 digits), *end past them; -1 when none. */
static int number_at(const char *s, const char **end)
{
	const char *p = s;
	int n = 0;

	while (*p >= '0' && *p <= '9' && p - s < 5)
		n = n * 10 + (*p++ - '0');
	*end = p;
	return p == s || (*p >= '0' && *p <= '9') ? -1 : n;
}

/*
 * The head of an answer at s: "12." "12、" "12：" (*to = *n), or a range
 * "1-5" "1～5：" (*to > *n).  Returns what follows, or NULL.
 */
static const char *answer_head(const char *s, int *n, int *to)
{
	const char *p;
	size_t k;

	if ((*n = number_at(s, &p)) < 0)
		return NULL;
	*to = *n;
	if ((k = range_dash(p)) > 0) {
		if ((*to = number_at(p + k, &p)) <= *n || *to - *n > 99)
			return NULL;
		if ((k = opt_mark(p)) > 0 && !(*p == '.' && p[1] >= '0' && p[1] <= '9'))
			p += k;
		return tk_text_skip_space(p);
	}
	if ((k = opt_mark(p)) == 0 || (*p == '.' && p[1] >= '0' && p[1] <= '9'))
		return NULL;
	return tk_text_skip_space(p + k);
}

/* The length of one character of UTF-8 at s (1 for a bad byte). */
static size_t char_len(const char *s)
{
	uint32_t cp;
	int k = tk_utf8_decode((const unsigned char *)s, strlen(s), &cp);

	return k > 0 ? (size_t)k : 1;
}

/* Add an answer to v (at most max); 0 when full. */
static int kent_add(struct kent *v, int *nv, int max, int n, const char *p, size_t len)
{
	while (len > 0 && strchr(" \t", p[len - 1]))
		len--;
	if (*nv >= max)
		return 0;
	v[*nv].n = n;
	v[*nv].v = p;
	v[*nv].len = len;
	++*nv;
	return 1;
}

/* Is the answer v (len bytes) a choice or true/false answer, not a sentence? */
static int short_answer(const char *v, size_t len)
{
	char buf[32], *f, *a;
	int ok;

	if (len == 0 || len >= sizeof buf)
		return 0;
	memcpy(buf, v, len);
	buf[len] = '\0';
	if ((f = tk_import_fold_width(buf)) == NULL)
		return 0;
	a = tk_answer_choice(f);
	if (a == NULL || strlen(f) > 6 || strchr(f, ' '))
		a = (free(a), tk_answer_truefalse(f));
	ok = a != NULL;
	free(a);
	free(f);
	return ok;
}

/*
 * The answers on a line of an answer section: "1.B 2.AC 3.√",
 * "1．B　2．C", "1-5 BCADB", "6～8：√×√", or one long answer
 * "9. 报工号并问候".  An answer runs to where the next number begins.
 * Returns how many went to v, 0 when the line is no answers, -1 when a
 * range does not give one answer per number.
 */
static int parse_answers(const char *s, struct kent *v, int max)
{
	const char *p = s, *val, *q, *e;
	int nv = 0, n, to, next, m, mt;

	p = tk_text_skip_space(p);
	if (answer_head(p, &n, &to) == NULL)
		return 0;
	while (*p) {
		if ((val = answer_head(p, &n, &to)) == NULL)
			break;
		/* the value ends where the next answer's number begins: after
		   a space, or right after a short answer ("1.B2.C") */
		next = to + 1;
		for (q = val, e = NULL; *q && e == NULL; q += char_len(q)) {
			size_t k;
			if (q == val || *q < '0' || *q > '9' || (q[-1] >= '0' && q[-1] <= '9'))
				continue;
			if (answer_head(q, &m, &mt) == NULL || m <= to)
				continue;
			/* the next number after a space; a later one ("1.B 9.A")
			   only after a short answer */
			if (((q - val >= 1 && tk_text_is_space(q - 1, &k)) ||
			     (q - val >= 3 && tk_text_is_space(q - 3, &k) && k == 3)) &&
			    (m == next || short_answer(val, (size_t)(q - val))))
				e = q;
			else if (m == next && short_answer(val, (size_t)(q - val)))
				e = q;
		}
		if (e == NULL)
			e = val + strlen(val);
		if (to == n) {
			if (!kent_add(v, &nv, max, n, val, (size_t)(e - val)))
				return nv;
		} else {
			/* a range: one token per number, or one character each */
			int want = to - n + 1, got = 0, k;
			const char *t = val;
			int spaced = 0;
			for (t = val; t < e; t++)
				spaced |= *t == ' ' || *t == '\t';
			for (k = 0, t = tk_text_skip_space(val); t < e && k < want; k++) {
				size_t len;
				if (spaced) {
					for (len = 0; t + len < e && t[len] != ' ' && t[len] != '\t'; len++)
						;
				} else {
					len = char_len(t);
				}
				if (!kent_add(v, &nv, max, n + k, t, len))
					return nv;
				got++;
				t = tk_text_skip_space(t + len);
				if (t > e)
					t = e;
			}
			if (got != want || tk_text_skip_space(t) < e)
				return -1;
		}
		p = tk_text_skip_space(e);
	}
	return nv;
}

/* Names that open an answer section, longest first where one begins another. */
static const char *const key_names[] = {
	"参考答案及解析", "参考答案与解析", "参考答案", "标准答案", "答案及解析",
	"答案与解析", "答案", NULL
};

/*
 * "参考答案", "四、参考答案", "【参考答案】", "参考答案：1.B 2.C": the
 * heading of an answer section.  Returns what follows it (may be ""),
 * *colon set when a colon came after the name; or NULL.
 */
static const char *key_heading(const char *s, int *colon)
{
	const char *p;
	size_t i, n = 0;
	int numbered;

	*colon = 0;
	if ((p = after_number(s, &numbered)) == NULL)
		return NULL;
	if (!strncmp(p, "【", 3))
		p += 3;
	for (i = 0; key_names[i]; i++) {
		n = strlen(key_names[i]);
		if (!strncmp(p, key_names[i], n))
			break;
	}
	if (key_names[i] == NULL)
		return NULL;
	p += n;
	if (!strncmp(p, "】", 3))
		p += 3;
	p = tk_text_skip_space(p);
	if (*p == ':' || !strncmp(p, "：", 3)) {
		p += *p == ':' ? 1 : 3;
		*colon = 1;
	} else if (*p && *p != '(' && strncmp(p, "（", 3)) {
		return NULL;    /* "答案是……": a sentence */
	}
	return tk_text_skip_space(p);
}

/* ---- the reader -------------------------------------------------------- */

/* One line the reader reads: a block, its objects marked (row.h). */
struct line {
	char *s;
	int at;
	const char *problem;
};

/* A section of items, from its heading on. */
struct section {
	int type;
	size_t first;           /* its first item */
	int claimed;            /* an answer section answered it */
};

/* An item. */
struct titem {
	int open;
	int line;
	int num;                /* its number as printed */
	int type;               /* of its section, or -1 */
	char points[16];        /* "每题N分" of its section */
	struct tk_buf f[F_N];
	int seen[F_N];          /* the line a field was given on, 0 when not */
	int nopt;               /* options so far */
	int cur;                /* the field that plain lines continue, or -1 */
	int list;               /* the next number of a list inside cur, or 0 */
	struct tk_buf problems;
	struct tk_buf key;      /* its answer from an answer section */
	int key_at;             /* the line of that answer, 0 when none */
};

struct reader {
	struct line *lines;
	size_t n, cap;
	char **objs;            /* tables and pictures, marked in lines */
	int nobjs, capobjs;
	int type;               /* of the current section, or -1 */
	char points[16];        /* "每题N分" of the current section, or "" */
	struct section *sec;
	size_t nsec, capsec;
	struct titem *items;    /* read, checked at the end */
	size_t nitems, capitems;
	/* the answer section being read */
	int in_key;
	int key_structured;     /* its answers are under type headings */
	int key_any;            /* it gave an answer */
	size_t key_from;        /* the first item an answer section may answer */
	size_t scope_from, scope_to;    /* the items its answers are for */
	long key_last;          /* the item its last answer was for, or -1 */
	int key_cur;            /* what plain lines continue: F_ANSWER, F_EXPL, -1 */
	const char *name;
	const struct tk_import_defaults *def;
	struct tk_itemset *set;
	size_t first;
	struct tk_diags *d;
	int oom;
};

/* Append a line to b, a newline between lines. */
static void add_line(struct tk_buf *b, const char *s)
{
	if (b->len > 0)
		tk_buf_putc(b, '\n');
	tk_buf_puts(b, s);
}

static void add_text(struct titem *t, int f, const char *s)
{
	add_line(&t->f[f], s);
}

static void item_free(struct titem *t)
{
	int i;

	for (i = 0; i < F_N; i++)
		tk_buf_free(&t->f[i]);
	tk_buf_free(&t->problems);
	tk_buf_free(&t->key);
}

/* An item with nothing in it. */
static void item_init(struct titem *t)
{
	memset(t, 0, sizeof *t);
	t->cur = -1;
}

static const char *field_or_null(const struct titem *t, int f)
{
	return t->seen[f] ? tk_buf_str(&t->f[f]) : NULL;
}

/* Add a section beginning at the next item; 0 when out of memory. */
static int section_add(struct reader *rd, int type)
{
	if (rd->nsec == rd->capsec) {
		size_t cap = rd->capsec ? rd->capsec * 2 : 8;
		struct section *v = realloc(rd->sec, cap * sizeof *v);
		if (v == NULL)
			return 0;
		rd->sec = v;
		rd->capsec = cap;
	}
	rd->sec[rd->nsec].type = type;
	rd->sec[rd->nsec].first = rd->nitems;
	rd->sec[rd->nsec].claimed = 0;
	rd->nsec++;
	return 1;
}

/* The item being read is complete: keep it for the end.  0: out of memory. */
static int item_end(struct reader *rd, struct titem *t)
{
	if (!t->open)
		return 1;
	if (rd->nitems == rd->capitems) {
		size_t cap = rd->capitems ? rd->capitems * 2 : 64;
		struct titem *v = realloc(rd->items, cap * sizeof *v);
		if (v == NULL)
			return 0;
		rd->items = v;
		rd->capitems = cap;
	}
	rd->items[rd->nitems++] = *t;   /* the buffers move with it */
	item_init(t);
	return 1;
}

/* Start item number n at line with the stem's first line. */
static void item_begin(struct reader *rd, struct titem *t, int n, int line, const char *stem)
{
	t->open = 1;
	t->line = line;
	t->num = n;
	t->type = rd->type;
	memcpy(t->points, rd->points, sizeof t->points);
	t->cur = F_STEM;
	t->seen[F_STEM] = line;
	tk_buf_puts(&t->f[F_STEM], stem);
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
			tk_import_problem(&t->problems,
					  "option %c on line %d comes where option %c was expected",
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
static int answer_follows(const struct reader *rd, size_t i)
{
	int n, f, type, colon;
	char pts[16];
	const char *rest;

	for (i++; i < rd->n; i++) {
		const char *s = rd->lines[i].s;
		if (item_start(s, &n) || heading(s, &type, pts, &rest))
			return 0;
		if (field_start(s, &f) && f == F_ANSWER) {
			struct kent v[2];
			/* "参考答案：1.B 2.C" opens an answer section */
			rest = key_heading(s, &colon);
			return rest == NULL || parse_answers(rest, v, 2) < 2;
		}
	}
	return 0;
}

/* The next line after i that is not blank, or NULL. */
static const char *next_line(const struct reader *rd, size_t i)
{
	for (i++; i < rd->n; i++)
		if (rd->lines[i].s[0])
			return rd->lines[i].s;
	return NULL;
}

/* Could the item's answer be a list of lines ("1. …" "2. …")?  Not a choice's. */
static int takes_long_answer(const struct titem *t)
{
	if (t->nopt > 0)
		return 0;
	return t->type != TK_SINGLE && t->type != TK_MULTIPLE && t->type != TK_TRUEFALSE;
}

/*
 * Does line i open an answer section?  "参考答案" alone does; so does an
 * 答案 whose answers are numbered ("参考答案：1.B 2.AC"), unless they can
 * be the open item's own answer (a list in a short answer).  *rest: the
 * answers on the line itself.
 */
static int key_starts(const struct reader *rd, size_t i, const struct titem *t,
		      const char **rest)
{
	struct kent v[4];
	int colon, nv;
	const char *next;
	int own = t->open && !t->seen[F_ANSWER] && takes_long_answer(t);

	if ((*rest = key_heading(rd->lines[i].s, &colon)) == NULL)
		return 0;
	if (**rest) {
		nv = parse_answers(*rest, v, 4);
		if (nv < 0 || (nv >= 2 && short_answer(v[0].v, v[0].len)))
			return 1;
		/* one numbered answer: a choice's answer is never numbered */
		return nv == 1 && !own;
	}
	if (!colon)
		return 1;
	/* "答案：" with the answers on the lines below: the item's or all? */
	next = next_line(rd, i);
	if (next == NULL || parse_answers(next, v, 4) == 0)
		return 0;
	return !own;
}

/* The earliest section of type not yet answered, from rd->key_from on; or -1. */
static long unclaimed_section(const struct reader *rd, int type)
{
	size_t i;

	for (i = 0; i < rd->nsec; i++)
		if (rd->sec[i].first >= rd->key_from && rd->sec[i].first < rd->nitems &&
		    rd->sec[i].type == type && !rd->sec[i].claimed)
			return (long)i;
	return -1;
}

/* Give the answers of v to their items in the scope. */
static void key_answers(struct reader *rd, const struct kent *v, int nv, int line)
{
	int k;
	size_t i;

	for (k = 0; k < nv; k++) {
		struct titem *t = NULL;
		for (i = rd->scope_from; i < rd->scope_to; i++)
			if (rd->items[i].num == v[k].n && !rd->items[i].key_at) {
				t = &rd->items[i];
				break;
			}
		if (t == NULL) {
			tk_diags_add(rd->d, TK_DIAG_WARNING, rd->name, line,
				     "the answer section answers %d, but no item %d comes before it "
				     "(ignored)", v[k].n, v[k].n);
			rd->key_last = -1;
			continue;
		}
		tk_buf_add(&t->key, v[k].v, v[k].len);
		t->key_at = line;
		rd->key_last = (long)(t - rd->items);
	}
	rd->key_any = 1;
	rd->key_cur = nv == 1 && rd->key_last >= 0 ? F_ANSWER : -1;
}

/* The answers on a line, to their items; 0 when the line gives none. */
static int key_line_answers(struct reader *rd, const char *s, int line)
{
	struct kent v[256];
	int nv = parse_answers(s, v, 256);

	if (nv < 0) {
		tk_diags_add(rd->d, TK_DIAG_ERROR, rd->name, line,
			     "'%.60s': a range of answers gives one answer for each number", s);
		return 1;
	}
	if (nv == 0)
		return 0;
	key_answers(rd, v, nv, line);
	return 1;
}

/*
 * A line inside an answer section.  Returns 1 when it is the section's,
 * 0 when it ends the section (a heading of items to come).
 */
static int key_line(struct reader *rd, const struct line *l)
{
	const char *s = l->s, *rest;
	int type, f, colon;
	char pts[16];
	long sec;

	if (heading(s, &type, pts, &rest) && key_heading(s, &colon) == NULL) {
		if (type < 0)
			return 1;       /* "一、" alone: a heading of the answers */
		if (!rd->key_any)
			rd->key_structured = 1;
		if (!rd->key_structured || (sec = unclaimed_section(rd, type)) < 0)
			return 0;
		rd->sec[sec].claimed = 1;
		rd->scope_from = rd->sec[sec].first;
		rd->scope_to = (size_t)sec + 1 < rd->nsec ? rd->sec[sec + 1].first : rd->nitems;
		if (rd->scope_to > rd->nitems)
			rd->scope_to = rd->nitems;
		rd->key_last = -1;
		rd->key_cur = -1;
		while (*rest == ':' || !strncmp(rest, "：", 3))
			rest = tk_text_skip_space(rest + (*rest == ':' ? 1 : 3));
		if (*rest >= '0' && *rest <= '9')
			key_line_answers(rd, rest, l->at);
		return 1;
	}
	if ((rest = key_heading(s, &colon)) != NULL) {
		if (*rest)
			key_line_answers(rd, rest, l->at);
		return 1;
	}
	if (l->problem)
		tk_diags_add(rd->d, TK_DIAG_WARNING, rd->name, l->at, "%s (ignored)", l->problem);
	if (key_line_answers(rd, s, l->at))
		return 1;
	if ((rest = field_start(s, &f)) != NULL) {
		struct titem *t = rd->key_last >= 0 ? &rd->items[rd->key_last] : NULL;
		if (t == NULL || f == F_ANSWER) {
			tk_diags_add(rd->d, TK_DIAG_WARNING, rd->name, l->at,
				     "'%.60s' follows no answer in the answer section (ignored)", s);
		} else if (t->seen[f]) {
			tk_import_problem(&t->problems, "%s is given a second time on line %d", labels[f], l->at);
		} else {
			t->seen[f] = l->at;
			tk_buf_puts(&t->f[f], rest);
		}
		rd->key_cur = t && f == F_EXPL ? F_EXPL : -1;
		return 1;
	}
	if (rd->key_cur >= 0 && rd->key_last >= 0 && s[0]) {
		struct titem *t = &rd->items[rd->key_last];
		add_line(rd->key_cur == F_ANSWER ? &t->key : &t->f[F_EXPL], s);
		return 1;
	}
	if (s[0])
		tk_diags_add(rd->d, TK_DIAG_WARNING, rd->name, l->at,
			     "'%.60s' in the answer section is not an answer like '1. B' (ignored)", s);
	return 1;
}

/* Open an answer section at line i (the item before it is complete). */
static void key_open(struct reader *rd, size_t i, const char *rest)
{
	rd->in_key = 1;
	rd->key_structured = 0;
	rd->key_any = 0;
	rd->scope_from = rd->key_from;
	rd->scope_to = rd->nitems;
	rd->key_last = -1;
	rd->key_cur = -1;
	if (*rest)
		key_line_answers(rd, rest, rd->lines[i].at);
}

static void key_close(struct reader *rd)
{
	rd->in_key = 0;
	rd->key_from = rd->nitems;
}

/*
 * Read line i into the item t (or around it): 1 when it was the answer
 * section's, 0 otherwise, -1 when out of memory.
 */
static int read_line(struct reader *rd, struct titem *t, size_t i)
{
	int n, key, f, type;
	const char *rest;
	char pts[16];
	const char *s = rd->lines[i].s;
	int line = rd->lines[i].at;

	if (s[0] == '\0')
		return 0;
	if (rd->in_key) {
		if (key_line(rd, &rd->lines[i]))
			return 1;
		key_close(rd);
	}
	if (key_starts(rd, i, t, &rest)) {
		if (!item_end(rd, t))
			return -1;
		key_open(rd, i, rest);
		return 1;
	}
	if (heading(s, &type, pts, &rest)) {
		/* "一、" with no type inside an answer is a list of it */
		if (type < 0 && t->open && t->cur >= 0) {
			add_text(t, t->cur, s);
			return 0;
		}
		if (!item_end(rd, t) || !section_add(rd, type))
			return -1;
		rd->type = type;
		memcpy(rd->points, pts, sizeof rd->points);
		if (type < 0)
			tk_diags_add(rd->d, TK_DIAG_WARNING, rd->name, line,
				     "heading names no item type: types are guessed "
				     "from each item");
		return 0;
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
			return 0;
		}
		if (!item_end(rd, t))
			return -1;
		item_begin(rd, t, n, line, rest);
		return 0;
	}
	if (!t->open) {
		if (field_start(s, &f) || option_start(s, &key))
			tk_diags_add(rd->d, TK_DIAG_WARNING, rd->name, line,
				     "'%.60s' is outside any item (ignored)", s);
		return 0;       /* titles, notes */
	}
	if ((rest = field_start(s, &f)) != NULL) {
		if (t->seen[f]) {
			tk_import_problem(&t->problems, "%s is given a second time on line %d",
					  labels[f], line);
		} else {
			t->seen[f] = line;
			tk_buf_puts(&t->f[f], rest);
		}
		t->cur = f == F_ANSWER || f == F_EXPL ? f : -1;
		t->list = 0;
		return 0;
	}
	if ((rest = option_start(s, &key)) != NULL && t->cur != F_ANSWER &&
	    t->cur != F_EXPL) {
		add_options(t, key, rest, line);
		return 0;
	}
	if (t->cur < 0) {
		tk_diags_add(rd->d, TK_DIAG_WARNING, rd->name, line,
			     "'%.60s' is not part of a stem, option or field (ignored)", s);
		return 0;
	}
	add_text(t, t->cur, s);
	return 0;
}

static int read_lines(struct reader *rd)
{
	struct titem t;
	size_t i;
	int r;

	item_init(&t);
	for (i = 0; i < rd->n; i++) {
		if ((r = read_line(rd, &t, i)) < 0)
			goto oom;
		/* what the source could not read: the item the line is in
		   (or begins) is refused with it */
		if (rd->lines[i].problem && r == 0) {
			if (t.open)
				tk_import_problem(&t.problems, "%s", rd->lines[i].problem);
			else
				tk_diags_add(rd->d, TK_DIAG_WARNING, rd->name, rd->lines[i].at,
					     "%s (outside any item: ignored)", rd->lines[i].problem);
		}
	}
	if (!item_end(rd, &t))
		goto oom;
	return TK_OK;
oom:
	item_free(&t);
	return TK_EINTERNAL;
}

/* ---- answers inside the stem: "（ B ）", "（√）" ------------------------ */

/*
 * The answer a bracket at s holds: "（ B ）" "(AC)" give letters when
 * letters, "（√）" "（×）" give √ or × when marks; its end in *end.
 * NULL when the bracket holds anything else.
 */
static char *bracket_answer(const char *s, int letters, const char **end)
{
	static const struct { const char *in, *out; } marks[] = {
		{"√", "√"}, {"✓", "√"}, {"✔", "√"}, {"×", "×"}, {"✗", "×"}, {"✘", "×"},
		{"对", "√"}, {"错", "×"},
	};
	const char *p = s, *close;
	char out[8];
	size_t n = 0, i, k;

	if (*p == '(') {
		p++;
		close = ")";
	} else if (!strncmp(p, "（", 3)) {
		p += 3;
		close = "）";
	} else {
		return NULL;
	}
	for (p = tk_text_skip_space(p); *p; p = tk_text_skip_space(p)) {
		if (*p == ')' || !strncmp(p, "）", 3))
			break;
		if (letters && *p >= 'A' && *p <= 'F' && n < 6) {
			out[n++] = *p++;
			continue;
		}
		if (letters && !strncmp(p, "\xEF\xBC", 2) && (unsigned char)p[2] >= 0xA1 &&
		    (unsigned char)p[2] <= 0xA6 && n < 6) {
			out[n++] = (char)('A' + (unsigned char)p[2] - 0xA1);
			p += 3;
			continue;
		}
		if (!letters && n == 0) {
			for (i = 0; i < sizeof marks / sizeof marks[0]; i++)
				if (!strncmp(p, marks[i].in, k = strlen(marks[i].in)))
					break;
			if (i < sizeof marks / sizeof marks[0]) {
				n = strlen(marks[i].out);
				memcpy(out, marks[i].out, n);
				p += k;
				continue;
			}
		}
		return NULL;
	}
	if (n == 0 || strncmp(p, close, strlen(close)))
		return NULL;
	*end = p + strlen(close);
	out[n] = '\0';
	return strdup(out);
}

/*
 * The one bracket of the stem that holds an answer: its place and its
 * answer (caller frees), or NULL when there is none or more than one.
 */
static char *stem_answer(const char *stem, int letters, size_t *at, size_t *len)
{
	const char *p, *end;
	char *found = NULL, *a;
	int count = 0;

	for (p = stem; *p; p++) {
		if (*p != '(' && strncmp(p, "（", 3))
			continue;
		if ((a = bracket_answer(p, letters, &end)) == NULL)
			continue;
		if (count++ == 0) {
			found = a;
			*at = (size_t)(p - stem);
			*len = (size_t)(end - p);
		} else {
			free(a);
		}
		p = end - 1;
	}
	if (count != 1) {
		free(found);
		return NULL;
	}
	return found;
}

/* The answer a normalised for comparing, as the item's type reads it; caller frees. */
static char *normal_answer(const char *a, int letters)
{
	char *f = tk_import_fold_width(a), *n;

	if (f == NULL)
		return NULL;
	n = letters ? tk_answer_choice(f) : tk_answer_truefalse(f);
	if (n == NULL)
		return f;
	free(f);
	return n;
}

/* Do answers a and b say the same? */
static int same_answer(const char *a, const char *b, int letters)
{
	char *x = normal_answer(a, letters), *y = normal_answer(b, letters);
	int same = x && y && !strcmp(x, y);

	free(x);
	free(y);
	return same;
}

/*
 * With no section heading to say so, the type follows from the item:
 * options and one answer letter are single choice, several letters
 * multiple; a stem with ____ is fill, a true/false answer truefalse;
 * anything else short.
 */
static int guess_type(const struct titem *t, const char *a)
{
	char *s;
	int type;

	if (t->nopt > 0) {
		s = tk_answer_choice(a ? a : "");
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

/*
 * Check an item read and add it to the set: its answer is the one given
 * with it, or in an answer section, or in a bracket of its stem (which
 * then keeps an empty "（　）").  TK_EINTERNAL: out of memory.
 */
static int item_check(struct reader *rd, struct titem *t)
{
	struct tk_import_row r;
	const char *answer = field_or_null(t, F_ANSWER);
	char *from_stem = NULL, cb[64], cb2[64];
	struct tk_buf stem = TK_BUF_INIT;
	size_t at = 0, len = 0;
	int i, rc, type, letters;

	for (i = 0; i < F_N; i++)
		if (t->f[i].oom)
			return TK_EINTERNAL;
	if (t->problems.oom || t->key.oom)
		return TK_EINTERNAL;
	type = t->seen[F_TYPE] ? tk_type_parse(tk_buf_str(&t->f[F_TYPE])) : t->type;
	letters = type == TK_SINGLE || type == TK_MULTIPLE || (type < 0 && t->nopt > 0);
	if (t->key_at) {
		const char *key = tk_buf_str(&t->key);
		if (answer && !same_answer(answer, key, letters))
			tk_import_problem(&t->problems,
					  "答案 '%s' on line %d, but the answer section gives '%s' (line %d)",
					  tk_import_clip(answer, cb, sizeof cb), t->seen[F_ANSWER],
					  tk_import_clip(key, cb2, sizeof cb2), t->key_at);
		else if (answer == NULL)
			answer = key;
	}
	if (type == TK_SINGLE || type == TK_MULTIPLE || type == TK_TRUEFALSE || type < 0) {
		from_stem = stem_answer(tk_buf_str(&t->f[F_STEM]), letters, &at, &len);
		if (from_stem && (answer == NULL || same_answer(answer, from_stem, letters))) {
			const char *s = tk_buf_str(&t->f[F_STEM]);
			tk_buf_add(&stem, s, at);
			tk_buf_puts(&stem, "（\xE3\x80\x80）");
			tk_buf_puts(&stem, s + at + len);
			if (answer == NULL)
				answer = from_stem;
		}
	}
	memset(&r, 0, sizeof r);
	snprintf(r.where, sizeof r.where, "item %d", t->num);
	r.line = t->line;
	r.type = -1;
	if (t->seen[F_TYPE])
		r.type_text = tk_buf_str(&t->f[F_TYPE]);
	else if (t->type >= 0)
		r.type = t->type;
	else
		r.type = guess_type(t, answer);
	r.stem = stem.len ? tk_buf_str(&stem) : tk_buf_str(&t->f[F_STEM]);
	for (i = 0; i < t->nopt; i++)
		r.opt[i] = tk_buf_str(&t->f[F_OPT + i]);
	r.answer = answer;
	r.explanation = field_or_null(t, F_EXPL);
	r.difficulty = field_or_null(t, F_DIFF);
	r.points = t->seen[F_POINTS] ? tk_buf_str(&t->f[F_POINTS]) :
		   t->points[0] ? t->points : NULL;
	r.codes = field_or_null(t, F_CODES);
	r.level = field_or_null(t, F_LEVEL);
	r.id = field_or_null(t, F_ID);
	r.kind = field_or_null(t, F_KIND);
	r.status = field_or_null(t, F_STATUS);
	r.keywords = field_or_null(t, F_KEYWORDS);
	r.author = field_or_null(t, F_AUTHOR);
	r.time = field_or_null(t, F_TIME);
	r.problems = t->problems.len ? t->problems.s : NULL;
	r.objs = rd->objs;
	r.nobjs = rd->nobjs;
	rc = stem.oom || t->problems.oom ? TK_EINTERNAL :
	     tk_import_row_item(&r, "txt", rd->name, rd->def, rd->set, rd->first, rd->d);
	free(from_stem);
	tk_buf_free(&stem);
	return rc == TK_EINTERNAL ? rc : TK_OK;
}

/* ---- blocks to lines --------------------------------------------------- */

/* Keep xml as an object; its index, or -1 when out of memory. */
static int obj_add(struct reader *rd, const char *xml)
{
	if (rd->nobjs == rd->capobjs) {
		int cap = rd->capobjs ? rd->capobjs * 2 : 16;
		char **v = realloc(rd->objs, (size_t)cap * sizeof *v);
		if (v == NULL)
			return -1;
		rd->objs = v;
		rd->capobjs = cap;
	}
	if ((rd->objs[rd->nobjs] = strdup(xml)) == NULL)
		return -1;
	return rd->nobjs++;
}

static void put_mark(struct tk_buf *b, int k)
{
	tk_buf_printf(b, "%c%d%c", TK_ROW_OBJ, k, TK_ROW_OBJ);
}

/* Add a block as a line; 0 when out of memory. */
static int line_add(struct reader *rd, const struct tk_block *bl)
{
	struct tk_buf b = TK_BUF_INIT;
	struct line *l;
	int k, next = 0;

	if (rd->n == rd->cap) {
		size_t cap = rd->cap ? rd->cap * 2 : 256;
		struct line *v = realloc(rd->lines, cap * sizeof *v);
		if (v == NULL)
			return 0;
		rd->lines = v;
		rd->cap = cap;
	}
	if (bl->kind == TK_BLOCK_TEXT) {
		const char *p = bl->text ? bl->text : "";
		while (*p) {
			if (!strncmp(p, "\xEF\xBF\xBC", 3)) {   /* U+FFFC: an object */
				if (next < bl->ninl) {
					if ((k = obj_add(rd, bl->inl[next++])) < 0)
						goto oom;
					put_mark(&b, k);
				}
				p += 3;
			} else if ((unsigned char)*p < 0x20 && *p != '\t') {
				p++;    /* never XML; the mark is ours */
			} else {
				tk_buf_putc(&b, *p++);
			}
		}
	} else if (bl->xml) {
		if ((k = obj_add(rd, bl->xml)) < 0)
			goto oom;
		put_mark(&b, k);
	}
	if (b.oom)
		goto oom;
	l = &rd->lines[rd->n++];
	l->s = b.s ? tk_trim(tk_buf_detach(&b)) : strdup("");
	l->at = bl->at;
	l->problem = bl->problem;
	if (l->s == NULL) {
		rd->n--;
		return 0;
	}
	return 1;
oom:
	tk_buf_free(&b);
	return 0;
}

int tk_text_read(const struct tk_block *blocks, size_t n, const char *name,
		 const struct tk_import_defaults *def, struct tk_itemset *set,
		 struct tk_diags *diags, struct tk_error *err)
{
	struct tk_diags mine = TK_DIAGS_INIT;
	struct reader rd;
	size_t i;
	int rc, k;

	rc = tk_import_row_defaults(def, err);
	if (rc != TK_OK)
		return rc;
	memset(&rd, 0, sizeof rd);
	rd.type = -1;
	rd.name = name;
	rd.def = def;
	rd.set = set;
	rd.first = set->n;
	rd.d = &mine;
	rd.key_last = -1;
	rc = TK_OK;
	for (i = 0; i < n && rc == TK_OK; i++)
		if (!line_add(&rd, &blocks[i]))
			rc = TK_EINTERNAL;
	if (rc == TK_OK && !section_add(&rd, -1))
		rc = TK_EINTERNAL;
	if (rc == TK_OK)
		rc = read_lines(&rd);
	for (i = 0; i < rd.nitems && rc == TK_OK; i++)
		rc = item_check(&rd, &rd.items[i]);
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
	for (i = 0; i < rd.nitems; i++)
		item_free(&rd.items[i]);
	free(rd.items);
	for (i = 0; i < rd.n; i++)
		free(rd.lines[i].s);
	free(rd.lines);
	for (k = 0; k < rd.nobjs; k++)
		free(rd.objs[k]);
	free(rd.objs);
	free(rd.sec);
	return tk_import_row_finish(rc, &mine, diags, err);
}

int tk_text_parse(const char *data, size_t len, const char *name,
		  const struct tk_import_defaults *def, struct tk_itemset *set,
		  struct tk_diags *diags, struct tk_error *err)
{
	struct tk_block *bl = NULL;
	char *buf = NULL;
	size_t i, start = 0, n = 0, cap = 0;
	int line = 1, rc;

	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	if ((buf = malloc(len + 1)) == NULL)
		goto oom;
	memcpy(buf, data, len);
	buf[len] = '\0';
	/* one block a line, numbered as the CSV reader numbers them */
	for (i = 0; i <= len; i++) {
		if (i < len && buf[i] != '\n' && buf[i] != '\r')
			continue;
		if (n == cap) {
			size_t c = cap ? cap * 2 : 256;
			struct tk_block *v = realloc(bl, c * sizeof *v);
			if (v == NULL)
				goto oom;
			bl = v;
			cap = c;
		}
		if (i < len && buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n')
			buf[i++] = '\0';
		if (i < len)
			buf[i] = '\0';
		memset(&bl[n], 0, sizeof bl[n]);
		bl[n].kind = TK_BLOCK_TEXT;
		bl[n].at = line++;
		bl[n].text = tk_trim(buf + start);
		n++;
		start = i + 1;
	}
	rc = tk_text_read(bl, n, name, def, set, diags, err);
	free(bl);
	free(buf);
	return rc;
oom:
	free(bl);
	free(buf);
	return tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
}
