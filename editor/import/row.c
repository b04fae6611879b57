/*
 * row.c -- what the CSV and text readers share: the checks that turn one
 * row's fields into a tk_item, and ids for items that come without one.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "importer.h"
#include "row.h"
#include "standard.h"

/* ---- ids ----------------------------------------------------------- */

char *tk_import_make_id(const char *prefix, const struct tk_item *it)
{
	struct tk_buf b = TK_BUF_INIT;
	const char *level = it->level ? it->level : "";
	char hex[65];

	tk_buf_printf(&b, "%s\n%s\n%s", tk_type_name(it->type), level,
		      it->stem ? it->stem : "");
	if (b.oom) {
		tk_buf_free(&b);
		return NULL;
	}
	tk_sha256_hex(b.s, b.len, hex);
	tk_buf_reset(&b);
	tk_buf_printf(&b, "%s-%.12s", prefix, hex);
	return tk_buf_detach(&b);
}

/* ---- one row to one item (shared with text.c) ---------------------- */

static int empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

/* s cut to a few dozen bytes at a character boundary, for messages. */
const char *tk_import_clip(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s), max = size - 4;

	if (n < size) {
		memcpy(buf, s, n + 1);
		return buf;
	}
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(buf, s, n);
	memcpy(buf + n, "\xE2\x80\xA6", 4);     /* … */
	return buf;
}

void tk_import_problem(struct tk_buf *why, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Add one problem of a row; a row gets one diagnostic listing them all. */
void tk_import_problem(struct tk_buf *why, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	fmt = _(fmt);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (why->len > 0)
		tk_buf_puts(why, "; ");
	tk_buf_puts(why, msg);
}

/*
 * A copy of s with full-width ASCII (Ａ, １, ．, ，, ；) and the
 * ideographic space made plain ASCII, trimmed: Chinese input methods type
 * them in answers, numbers and codes.  NULL when out of memory.
 */
char *tk_import_fold_width(const char *s)
{
	struct tk_buf b = TK_BUF_INIT;
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	char *out;

	while (n > 0) {
		uint32_t cp;
		int k = tk_utf8_decode(p, n, &cp);
		if (k == 0) {           /* not UTF-8: pass the byte on */
			k = 1;
			cp = 0;
		}
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			tk_buf_putc(&b, (char)(cp - 0xFEE0));
		else if (cp == 0x3000)
			tk_buf_putc(&b, ' ');
		else
			tk_buf_add(&b, (const char *)p, (size_t)k);
		p += k;
		n -= (size_t)k;
	}
	out = tk_buf_detach(&b);
	return out ? tk_trim(out) : NULL;
}

/* The object a marker at s stands for (*len its length), or -1. */
static int obj_at(const struct tk_import_row *r, const char *s, size_t *len)
{
	const char *p = s + 1;
	int k = 0;

	if (*s != TK_ROW_OBJ)
		return -1;
	while (*p >= '0' && *p <= '9' && p - s < 8)
		k = k * 10 + (*p++ - '0');
	if (p == s + 1 || *p != TK_ROW_OBJ)
		return -1;
	*len = (size_t)(p + 1 - s);
	return k < r->nobjs ? k : -1;
}

static int is_table(const char *xml)
{
	return !strncmp(xml, "<table", 6);
}

/* Is line (trimmed) nothing but one object?  Its index, else -1. */
static int lone_obj(const struct tk_import_row *r, const char *line, size_t n)
{
	size_t len;
	int k;

	while (n > 0 && strchr(" \t\r", *line)) {
		line++;
		n--;
	}
	while (n > 0 && strchr(" \t\r", line[n - 1]))
		n--;
	k = n > 0 ? obj_at(r, line, &len) : -1;
	return k >= 0 && len == n ? k : -1;
}

/*
 * The fragment f (text made XML) with the pictures it marks put in;
 * a table inside a line of text cannot be and is counted in *tables.
 * Takes f.  NULL when out of memory.
 */
static char *put_objs(const struct tk_import_row *r, char *f, int *tables)
{
	struct tk_buf b = TK_BUF_INIT;
	const char *p;
	size_t len;
	int k;

	if (f == NULL || strchr(f, TK_ROW_OBJ) == NULL)
		return f;
	for (p = f; *p; ) {
		if (*p != TK_ROW_OBJ) {
			size_t n = strcspn(p, "\x1e");
			tk_buf_add(&b, p, n);
			p += n;
			continue;
		}
		if ((k = obj_at(r, p, &len)) < 0) {
			p++;            /* a stray mark: dropped */
			continue;
		}
		if (is_table(r->objs[k]))
			++*tables;
		else
			tk_buf_puts(&b, r->objs[k]);
		p += len;
	}
	free(f);
	if (b.oom) {
		tk_buf_free(&b);
		return NULL;
	}
	return b.s ? tk_buf_detach(&b) : strdup("");
}

/* Inline text (an option) with its pictures; *tables counts tables lost. */
static char *inline_text(const struct tk_import_row *r, const char *text, int *tables)
{
	return put_objs(r, tk_fragment_from_text(text), tables);
}

/*
 * Rich text for a field that may span lines: one line stays inline, more
 * become one <p> each (blank lines dropped); a table or picture alone on
 * its line is a block of its own.  Caller frees.
 */
static char *rich(const struct tk_import_row *r, const char *text)
{
	struct tk_buf b = TK_BUF_INIT;
	const char *p = text, *e;
	int lines = 0, k, tables = 0;
	char *line, *f;

	for (p = text; *p; p = *e ? e + 1 : e) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		for (; p < e && strchr(" \t\r", *p); p++)
			;
		lines += p < e;
	}
	if (lines <= 1 && (k = lone_obj(r, text, strlen(text))) >= 0)
		return strdup(r->objs[k]);
	if (lines <= 1)
		return inline_text(r, text, &tables);
	for (p = text; *p; p = *e ? e + 1 : e) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		if ((k = lone_obj(r, p, (size_t)(e - p))) >= 0) {
			tk_buf_puts(&b, r->objs[k]);
			continue;
		}
		line = strndup(p, (size_t)(e - p));
		f = line ? inline_text(r, line, &tables) : NULL;
		if (f == NULL)
			b.oom = 1;
		else if (f[0])
			tk_buf_printf(&b, "<p>%s</p>", f);
		free(line);
		free(f);
	}
	if (b.oom) {
		tk_buf_free(&b);
		return NULL;
	}
	return tk_buf_detach(&b);
}

/*
 * Runs of three or more underscores become <gap/> when the stem has a
 * "____" (shorter runs are left alone: they are rarely gaps).  *gaps is
 * the number made.  Takes f; returns the new fragment or NULL.
 */
static char *make_gaps(char *f, int *gaps)
{
	struct tk_buf b = TK_BUF_INIT;
	const char *p = f;

	*gaps = 0;
	if (strstr(f, "____") == NULL)
		return f;
	while (*p) {
		size_t n = strspn(p, "_");
		if (n >= 3) {
			tk_buf_puts(&b, "<gap/>");
			++*gaps;
		} else if (n > 0) {
			tk_buf_add(&b, p, n);
		} else {
			n = strcspn(p, "_");
			tk_buf_add(&b, p, n);
		}
		p += n;
	}
	free(f);
	if (b.oom) {
		tk_buf_free(&b);
		return NULL;
	}
	return tk_buf_detach(&b);
}

/* Does s begin with one of the separators of class cls or below? */
static size_t fill_sep(const char *s, int cls)
{
	if (*s == ';')
		return 1;
	if (!strncmp(s, "；", 3))
		return 3;
	if (cls >= 1 && *s == '|')
		return 1;
	if (cls >= 2 && !strncmp(s, "、", 3))
		return 3;
	return 0;
}

/* Split a fill answer at separators up to cls into <blank>s; returns the count. */
static int fill_split(const char *a, int cls, struct tk_buf *out)
{
	const char *p = a, *start = a;
	int n = 0;

	for (;;) {
		size_t k = *p ? fill_sep(p, cls) : 1;
		if (k > 0) {
			char *piece = strndup(start, (size_t)(p - start));
			char *f = piece ? tk_fragment_from_text(piece) : NULL;
			if (f == NULL)
				out->oom = 1;
			else if (f[0]) {
				tk_buf_printf(out, "<blank>%s</blank>", f);
				n++;
			}
			free(piece);
			free(f);
			if (*p == '\0')
				break;
			p += k;
			start = p;
		} else {
			p++;
		}
	}
	return n;
}

/*
 * Blanks of a fill answer: separated by ； ; | or 、.  When the stem has
 * gaps, the strongest separators that give one blank per gap win, so that
 * "a|b；c" keeps "a|b" as one blank with alternatives (as items.rng
 * reads "|") and "听、问、记" can be one blank.  Returns the count.
 */
static int fill_answer(const char *a, int gaps, struct tk_buf *out)
{
	int cls, n;

	for (cls = 0; gaps > 0 && cls < 2; cls++) {
		n = fill_split(a, cls, out);
		if (n == gaps)
			return n;
		tk_buf_reset(out);
	}
	return fill_split(a, 2, out);
}

/* Length of the list separator at s (, ， ; ； 、 or a space), or 0. */
static size_t list_sep(const char *s)
{
	if (*s && strchr(",; \t\r\n", *s))
		return 1;
	if (!strncmp(s, "，", 3) || !strncmp(s, "；", 3) || !strncmp(s, "、", 3) ||
	    !strncmp(s, "\xE3\x80\x80", 3))
		return 3;
	return 0;
}

/* Add the codes or keywords of s to a list, once each; 0 when out of memory. */
static int add_list(char ***v, int *n, const char *s)
{
	const char *p = s, *start = s;

	for (;;) {
		size_t k = *p ? list_sep(p) : 1;
		if (k == 0) {
			p++;
			continue;
		}
		if (p > start) {
			char *item = strndup(start, (size_t)(p - start));
			int i, dup = 0;
			if (item == NULL)
				return 0;
			for (i = 0; i < *n; i++)
				dup |= !strcmp((*v)[i], item);
			if (!dup && !tk_item_strlist_add(v, n, item)) {
				free(item);
				return 0;
			}
			free(item);
		}
		if (*p == '\0')
			return 1;
		p += k;
		start = p;
	}
}

/* "1.1.2", "B2.2.7": what items.rng accepts as a requirement code. */
static int code_ok(const char *c)
{
	if (*c == 'B')
		c++;
	for (;;) {
		if (*c < '0' || *c > '9')
			return 0;
		while (*c >= '0' && *c <= '9')
			c++;
		if (*c == '\0')
			return 1;
		if (*c++ != '.')
			return 0;
	}
}

/* items.rng's ident: [A-Za-z0-9][A-Za-z0-9._-]{0,127} */
static int ident_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 128)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];
		int alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
			    (c >= 'a' && c <= 'z');
		if (!alnum && (i == 0 || !strchr("._-", c)))
			return 0;
	}
	return 1;
}

static int difficulty_parse(const char *s)
{
	static const char *words[] = {"易", "较易", "中等", "较难", "难"};
	int i;

	if (s[0] >= '1' && s[0] <= '5' && s[1] == '\0')
		return s[0] - '0';
	for (i = 0; i < 5; i++)
		if (!strcmp(s, words[i]))
			return i + 1;
	return -1;
}

static int status_parse(const char *s)
{
	static const struct { const char *zh; int st; } zh[] = {
		{"草稿", TK_DRAFT}, {"待审", TK_REVIEW}, {"待审核", TK_REVIEW},
		{"审核中", TK_REVIEW}, {"已审核", TK_APPROVED}, {"审核通过", TK_APPROVED},
		{"已通过", TK_APPROVED}, {"通过", TK_APPROVED}, {"停用", TK_RETIRED},
		{"已停用", TK_RETIRED}, {"作废", TK_RETIRED},
	};
	size_t i;

	for (i = 0; i < sizeof zh / sizeof zh[0]; i++)
		if (!strcmp(s, zh[i].zh))
			return zh[i].st;
	return tk_status_parse(s);
}

/* Points with an optional trailing 分 ("2分"); -1 when bad or not positive. */
static int points_parse(const char *s)
{
	size_t n = strlen(s);
	char buf[32];
	int v;

	if (n >= 3 && !strcmp(s + n - 3, "分"))
		n -= 3;
	if (n >= sizeof buf)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	tk_trim(buf);
	v = tk_points_parse(buf);
	return v > 0 ? v : -1;
}

/* Seconds, with an optional trailing 秒 or s; -1 when bad. */
static int time_parse(const char *s)
{
	long v = 0;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9') {
		v = v * 10 + (*p++ - '0');
		if (v > 86400)  /* a day, as tiku set and the item reader allow */
			return -1;
	}
	while (*p == ' ')
		p++;
	if (*p == '\0' || !strcmp(p, "秒") || !strcmp(p, "s"))
		return (int)v;
	return -1;
}

/* SHA-256 of an item's XML without its id: does a second row repeat it? */
static void content_hash(struct tk_item *it, char out[65])
{
	char *id = it->id;

	it->id = NULL;
	tk_item_hash(it, out);
	it->id = id;
}

/* Index of the item with id among set->items[first..], or -1. */
static long find_id(const struct tk_itemset *set, size_t first, const char *id)
{
	size_t i;

	for (i = first; i < set->n; i++)
		if (set->items[i] && set->items[i]->id && !strcmp(set->items[i]->id, id))
			return (long)i;
	return -1;
}

/*
 * A made-up id for it, unique among the items this reader made.  Items
 * with the same stem ("下列说法正确的是（　）") share a hash and get
 * "-2", "-3", ... in file order; a row that repeats an earlier one
 * exactly is a problem.  0 when out of memory.
 */
static int assign_id(struct tk_item *it, const char *prefix, int sheet,
		     struct tk_itemset *set, size_t first, struct tk_buf *why)
{
	char *base = tk_import_make_id(prefix, it), *id;
	char mine[65], theirs[65];
	long j;
	int n = 1;

	if (base == NULL)
		return 0;
	id = strdup(base);
	content_hash(it, mine);
	while (id && (j = find_id(set, first, id)) >= 0) {
		struct tk_buf b = TK_BUF_INIT;
		content_hash(set->items[j], theirs);
		if (!strcmp(mine, theirs)) {
			if (sheet)
				tk_import_problem(why, "repeats row %d", set->items[j]->line);
			else
				tk_import_problem(why, "repeats the item at line %d",
						  set->items[j]->line);
			break;
		}
		free(id);
		tk_buf_printf(&b, "%s-%d", base, ++n);
		id = tk_buf_detach(&b);
	}
	free(base);
	it->id = id;
	return id != NULL;
}

int tk_import_row_defaults(const struct tk_import_defaults *def,
			   struct tk_error *err)
{
	if (def == NULL)
		return TK_OK;
	if (def->kind && tk_kind_parse(def->kind) < 0)
		return tk_error_set(err, TK_EUSAGE, NULL, 0,
				    "unknown kind '%s' (theory or skill)", def->kind);
	if (def->status && status_parse(def->status) < 0)
		return tk_error_set(err, TK_EUSAGE, NULL, 0,
				    "unknown status '%s' (draft, review, approved or retired)",
				    def->status);
	return TK_OK;
}

/* The answer of a choice item; sets it->answer or adds a problem. */
static int choice_answer(struct tk_item *it, const char *answer, int nopt,
			 struct tk_buf *why)
{
	char *f = tk_import_fold_width(answer), *a, miss[27], cb[64];
	int i, n = 0, len;

	if (f == NULL)
		return 0;
	a = tk_answer_choice(f);
	free(f);
	if (a == NULL) {
		tk_import_problem(why, "答案 '%s' is not a set of option letters",
			tk_import_clip(answer, cb, sizeof cb));
		return 1;
	}
	len = (int)strlen(a);
	for (i = 0; i < len; i++)
		if (a[i] - 'A' >= nopt)
			miss[n++] = a[i];
	miss[n] = '\0';
	if (n > 0 && nopt >= 2)
		tk_import_problem(why, "答案 '%s' names no option (options A–%c)", miss, 'A' + nopt - 1);
	if (it->type == TK_SINGLE && len != 1)
		tk_import_problem(why, "答案 '%s': a single-choice item has exactly one correct option",
			tk_import_clip(answer, cb, sizeof cb));
	if (it->type == TK_MULTIPLE && len < 2)
		tk_import_problem(why, "答案 '%s': a multiple-choice item needs at least 2 correct options",
			tk_import_clip(answer, cb, sizeof cb));
	it->answer = a;
	return 1;
}

/*
 * A true/false answer: 正确/错误 and the like, or the letter of an option
 * that says so.  The options themselves are not kept: a true/false item
 * has none.
 */
static int truefalse_answer(struct tk_item *it, const struct tk_import_row *r,
			    int nopt, struct tk_buf *why)
{
	char *f = tk_import_fold_width(r->answer), cb[64], cb2[64];
	char *a = NULL;

	if (f == NULL)
		return 0;
	if (nopt > 0 && ((f[0] >= 'A' && f[0] <= 'F') || (f[0] >= 'a' && f[0] <= 'f')) &&
	    f[1] == '\0') {
		int k = (f[0] | 0x20) - 'a';
		if (k >= nopt) {
			tk_import_problem(why, "答案 '%s' names no option (options A–%c)", f,
				'A' + nopt - 1);
		} else if ((a = tk_answer_truefalse(r->opt[k])) == NULL) {
			tk_import_problem(why, "答案 '%s' names option %c '%s', which is neither 正确 nor 错误",
				f, 'A' + k, tk_import_clip(r->opt[k], cb, sizeof cb));
		}
	} else if ((a = tk_answer_truefalse(!strcasecmp(f, "true") ? "true" :
					      !strcasecmp(f, "false") ? "false" : f)) == NULL) {
		/* (TRUE and FALSE in any case: a sheet's boolean cell as Excel shows it) */
		tk_import_problem(why, "答案 '%s' is not 正确 or 错误 (对/错, √/×)",
			tk_import_clip(r->answer, cb2, sizeof cb2));
	}
	free(f);
	it->answer = a;
	return 1;
}

/*
 * Check one row and, when it is good, add its item to set.  Every
 * problem of the row goes into one error (so that a caller counting
 * errors counts bad rows).  first is where this reader's items begin in
 * set.  Returns TK_OK, TK_EINPUT (the row was bad) or TK_EINTERNAL.
 */
int tk_import_row_item(const struct tk_import_row *r, const char *prefix,
		       const char *name, const struct tk_import_defaults *def,
		       struct tk_itemset *set, size_t first, struct tk_diags *d)
{
	static const struct tk_import_defaults none = {0};
	struct tk_buf why = TK_BUF_INIT;
	struct tk_item *it = NULL;
	int rc = TK_OK, type = r->type, nopt = 0, nempty = 0, last = -1, gaps = 0, i;
	char cb[64], *f = NULL;
	const char *lv, *s, *codes;

	if (def == NULL)
		def = &none;
	if (r->problems && r->problems[0])
		tk_buf_puts(&why, r->problems);
	{
		/* pictures and tables go in the stem, options, answers and
		   explanations, nowhere else */
		const char *plain[] = {r->type_text, r->id, r->difficulty, r->codes, r->points,
				       r->level, r->kind, r->status, r->time, r->keywords,
				       r->author};
		const char *what[] = {"题型", "编号", "难度", "代码", "分值", "等级", "类别",
				      "状态", "用时", "关键词", "作者"};
		for (i = 0; i < (int)(sizeof plain / sizeof plain[0]); i++)
			if (plain[i] && strchr(plain[i], TK_ROW_OBJ))
				tk_import_problem(&why, "%s holds a picture or table", what[i]);
		if (type == TK_FILL && r->answer && strchr(r->answer, TK_ROW_OBJ))
			tk_import_problem(&why, "答案 of a fill item holds a picture or table");
	}
	it = tk_item_new();
	if (it == NULL)
		goto oom;
	it->file = tk_strdup(name);
	it->line = r->line ? r->line : r->item_line;
	it->standard = tk_strdup(def->standard);
	if ((name && !it->file) || (def->standard && !it->standard))
		goto oom;

	if (type < 0) {
		if (empty(r->type_text))
			tk_import_problem(&why, "题型 is empty");
		else if ((type = tk_type_parse(r->type_text)) < 0)
			tk_import_problem(&why, "题型 '%s' is not an item type (单选, 多选, 判断, 填空, "
				"简答, 案例分析 or 实操)", tk_import_clip(r->type_text, cb, sizeof cb));
	}
	it->type = type;

	if (empty(r->stem)) {
		tk_import_problem(&why, "题干 is empty");
	} else {
		if ((it->stem = rich(r, r->stem)) == NULL)
			goto oom;
		if (type == TK_FILL && (it->stem = make_gaps(it->stem, &gaps)) == NULL)
			goto oom;
	}

	/* options: A, B, ... without gaps */
	for (i = 0; i < 6; i++)
		if (!empty(r->opt[i])) {
			last = i;
			nopt++;
		}
	for (i = 0; i < last; i++)
		if (empty(r->opt[i])) {
			tk_import_problem(&why, "选项%c is empty but 选项%c is given", 'A' + i, 'A' + last);
			nempty++;
			break;
		}
	if (type == TK_SINGLE || type == TK_MULTIPLE) {
		if (nopt < 2)
			tk_import_problem(&why, "a %s-choice item needs at least 2 options (选项A, 选项B, …), "
				"it has %d", type == TK_SINGLE ? "single" : "multiple", nopt);
		if (!nempty && nopt > 0) {
			it->options = calloc((size_t)nopt, sizeof *it->options);
			if (it->options == NULL)
				goto oom;
			for (i = 0; i < nopt; i++) {
				int tables = 0;
				it->options[i].key = (char)('A' + i);
				if ((it->options[i].text = inline_text(r, r->opt[i], &tables)) == NULL)
					goto oom;
				it->noptions++;
				if (tables)
					tk_import_problem(&why, "选项%c holds a table: an option is a line of "
						"text and pictures", 'A' + i);
			}
		}
	} else if (nopt > 0 && type != TK_TRUEFALSE && type >= 0) {
		tk_diags_add(d, TK_DIAG_WARNING, name, r->line,
			     "%s: 选项 ignored: a %s item has no options", r->where,
			     tk_type_name(type));
	}

	if (r->answer == NULL) {
		tk_import_problem(&why, "no 答案 (answer)");
	} else if (r->answer[0] == '\0') {
		tk_import_problem(&why, "答案 is empty");
	} else if (type == TK_SINGLE || type == TK_MULTIPLE) {
		if (!choice_answer(it, r->answer, nempty ? 0 : nopt, &why))
			goto oom;
	} else if (type == TK_TRUEFALSE) {
		if (!truefalse_answer(it, r, nempty ? 0 : nopt, &why))
			goto oom;
	} else if (type == TK_FILL) {
		struct tk_buf b = TK_BUF_INIT;
		int n = fill_answer(r->answer, gaps, &b);
		if (b.oom) {
			tk_buf_free(&b);
			goto oom;
		}
		if (n == 0)
			tk_import_problem(&why, "答案 has no blank");
		else if (gaps > 0 && n != gaps)
			tk_import_problem(&why, "答案 gives %d blanks but 题干 has %d gaps (____)", n, gaps);
		it->answer = tk_buf_detach(&b);
		if (it->answer == NULL)
			goto oom;
	} else if (type >= 0) {
		if ((it->answer = rich(r, r->answer)) == NULL)
			goto oom;
	}

	if (!empty(r->explanation) && (it->explanation = rich(r, r->explanation)) == NULL)
		goto oom;

	if (!empty(r->difficulty)) {
		if ((f = tk_import_fold_width(r->difficulty)) == NULL)
			goto oom;
		if ((it->difficulty = difficulty_parse(f)) < 0)
			tk_import_problem(&why, "难度 '%s' is not 1–5 or 易/较易/中等/较难/难",
				tk_import_clip(r->difficulty, cb, sizeof cb));
		free(f);
		f = NULL;
	}

	if (!empty(r->points)) {
		if ((f = tk_import_fold_width(r->points)) == NULL)
			goto oom;
		if ((it->points = points_parse(f)) < 0)
			tk_import_problem(&why, "分值 '%s' is not a number of points like 1 or 0.5",
				tk_import_clip(r->points, cb, sizeof cb));
		free(f);
		f = NULL;
	} else if (type == TK_SINGLE || type == TK_TRUEFALSE) {
		it->points = 10;
	} else if (type == TK_MULTIPLE) {
		it->points = 20;
	} else if (type >= 0) {
		tk_import_problem(&why, "分值 is empty: %s items have no default points",
			tk_type_name(type));
	}

	/* no code at all: an untagged draft, which lint flags and tiku
	   suggest helps to tag */
	codes = !empty(r->codes) ? r->codes : def->code;
	if (!empty(codes)) {
		if ((f = tk_import_fold_width(codes)) == NULL)
			goto oom;
		if (!add_list(&it->codes, &it->ncodes, f))
			goto oom;
		free(f);
		f = NULL;
		for (i = 0; i < it->ncodes; i++) {
			if (it->codes[i][0] == 'b')
				it->codes[i][0] = 'B';
			if (!code_ok(it->codes[i])) {
				tk_import_problem(&why, "代码 '%s' is not a requirement code like 1.1.2 or B2.2.7",
					tk_import_clip(it->codes[i], cb, sizeof cb));
				break;
			}
		}
	}

	lv = !empty(r->level) ? r->level : def->level;
	if (empty(lv)) {
		tk_import_problem(&why, "等级 is empty and no default level was given");
	} else if (def->std && (i = tk_standard_level(def->std, lv)) < 0) {
		tk_import_problem(&why, "等级 '%s' is not a level of %s",
			tk_import_clip(lv, cb, sizeof cb), def->std->id);
	} else {
		/* the standard's id for the level, however the row spelt it */
		if (def->std)
			lv = def->std->levels[i].id;
		if ((it->level = strdup(lv)) == NULL)
			goto oom;
	}

	if (!empty(r->kind)) {
		if ((it->kind = tk_kind_parse(r->kind)) < 0)
			tk_import_problem(&why, "类别 '%s' is not 理论 or 技能 (theory or skill)",
				tk_import_clip(r->kind, cb, sizeof cb));
	} else if (def->kind) {
		it->kind = tk_kind_parse(def->kind);
	} else {
		/* a practical task is what a skill paper is made of */
		it->kind = type == TK_TASK ? TK_SKILL : TK_THEORY;
	}

	s = !empty(r->status) ? r->status : def->status ? def->status : "draft";
	if ((it->status = status_parse(s)) < 0)
		tk_import_problem(&why, "状态 '%s' is not draft, review, approved or retired "
			"(草稿/待审核/已审核/停用)", tk_import_clip(s, cb, sizeof cb));

	if (!empty(r->time)) {
		if ((f = tk_import_fold_width(r->time)) == NULL)
			goto oom;
		if ((it->time = time_parse(f)) < 0)
			tk_import_problem(&why, "用时 '%s' is not a number of seconds",
				tk_import_clip(r->time, cb, sizeof cb));
		free(f);
		f = NULL;
	}
	if (!empty(r->keywords) && !add_list(&it->keywords, &it->nkeywords, r->keywords))
		goto oom;
	if (!empty(r->author) && (it->author = strdup(r->author)) == NULL)
		goto oom;

	if (!empty(r->id)) {
		if ((f = tk_import_fold_width(r->id)) == NULL)
			goto oom;
		if (!ident_ok(f))
			tk_import_problem(&why, "编号 '%s' is not an id (letters, digits, '.', '_' and '-')",
				tk_import_clip(r->id, cb, sizeof cb));
		it->id = f;
		f = NULL;
	} else if (why.len == 0 && !assign_id(it, prefix, r->line == 0, set, first, &why)) {
		goto oom;
	}

	{
		char field[32];
		size_t len;
		if (tk_item_oversize(it, field, sizeof field, &len))
			tk_import_problem(&why, "the %s is %zu bytes, more than the %d a field may "
					  "hold (1 MiB)", field, len, TK_FIELD_MAX);
	}
	if (why.oom)
		goto oom;
	if (why.len > 0) {
		tk_diags_add(d, TK_DIAG_ERROR, name, r->line, "%s: %s", r->where, why.s);
		rc = TK_EINPUT;
		goto out;
	}
	if (!tk_itemset_add(set, it))
		goto oom;
	it = NULL;
	goto out;
oom:
	rc = TK_EINTERNAL;
out:
	free(f);
	tk_item_free(it);
	tk_buf_free(&why);
	return rc;
}

/*
 * End a reader: the first error of mine goes to err, every diagnostic to
 * diags (when not NULL).  Returns rc, or TK_EINPUT when rc is TK_OK and
 * some row was bad.
 */
int tk_import_row_finish(int rc, struct tk_diags *mine, struct tk_diags *diags,
			 struct tk_error *err)
{
	size_t i;

	if (rc == TK_OK && mine->nerrors > 0)
		rc = TK_EINPUT;
	if (rc == TK_EINPUT) {
		for (i = 0; i < mine->n; i++)
			if (mine->v[i].severity == TK_DIAG_ERROR) {
				tk_error_set(err, TK_EINPUT, mine->v[i].file, mine->v[i].line,
					     "%s", mine->v[i].msg);
				break;
			}
	}
	if (mine->oom && rc == TK_OK)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	if (diags)
		tk_diags_move(diags, mine);
	else
		tk_diags_free(mine);
	return rc;
}

