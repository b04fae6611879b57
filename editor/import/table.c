/*
 * table.c -- the item table layout: records from CSV or a sheet become
 * items through row.c; items become the cells the sheet exports write,
 * checked by reading them back the same way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "row.h"
#include "standard.h"
#include "table.h"

/* Column names; where two columns give one field the lower rank wins. */
static const struct { const char *name; int col; int rank; } headers[] = {
	{"题型", TK_COL_TYPE, 0},
	{"题干", TK_COL_STEM, 0}, {"试题内容", TK_COL_STEM, 0}, {"题目", TK_COL_STEM, 0},
	{"选项A", TK_COL_OPT + 0, 0}, {"选项B", TK_COL_OPT + 1, 0}, {"选项C", TK_COL_OPT + 2, 0},
	{"选项D", TK_COL_OPT + 3, 0}, {"选项E", TK_COL_OPT + 4, 0}, {"选项F", TK_COL_OPT + 5, 0},
	{"A", TK_COL_OPT + 0, 0}, {"B", TK_COL_OPT + 1, 0}, {"C", TK_COL_OPT + 2, 0},
	{"D", TK_COL_OPT + 3, 0}, {"E", TK_COL_OPT + 4, 0}, {"F", TK_COL_OPT + 5, 0},
	{"答案", TK_COL_ANSWER, 0}, {"正确答案", TK_COL_ANSWER, 0},
	{"解析", TK_COL_EXPL, 0}, {"答案解析", TK_COL_EXPL, 0}, {"试题解析", TK_COL_EXPL, 0},
	{"难度", TK_COL_DIFF, 0},
	/* 知识点 often holds the name of the knowledge line, not its code */
	{"知识点代码", TK_COL_CODES, 0}, {"代码", TK_COL_CODES, 1},
	{"知识点/代码", TK_COL_CODES, 2}, {"知识点", TK_COL_CODES, 3},
	{"分值", TK_COL_POINTS, 0},
	{"编号", TK_COL_ID, 0}, {"试题编号", TK_COL_ID, 0}, {"ID", TK_COL_ID, 0},
	{"等级", TK_COL_LEVEL, 0}, {"级别", TK_COL_LEVEL, 0},
	{"类别", TK_COL_KIND, 0}, {"试卷类型", TK_COL_KIND, 0}, {"考试类型", TK_COL_KIND, 0},
	{"状态", TK_COL_STATUS, 0},
	{"用时", TK_COL_TIME, 0}, {"预计用时", TK_COL_TIME, 0},
	{"关键词", TK_COL_KEYWORDS, 0},
	{"作者", TK_COL_AUTHOR, 0},
};

/* The names the exports write, by column. */
static const char *const written[TK_COL_N] = {
	"编号", "题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F",
	"答案", "解析", "难度", "知识点/代码", "分值", "等级", "类别", "状态", "用时",
	"关键词", "作者",
};

const char *tk_table_header(int col)
{
	return col >= 0 && col < TK_COL_N ? written[col] : NULL;
}

/* Normalise a header cell: trimmed, full-width folded, without a trailing ：or :. */
static char *header_name(const char *cell)
{
	char *h = tk_import_fold_width(cell);
	size_t n;

	if (h == NULL)
		return NULL;
	n = strlen(h);
	if (n > 0 && h[n - 1] == ':')       /* ： was folded to : */
		h[n - 1] = '\0';
	return tk_trim(h);
}

/* The entry of headers[] for a normalised name, or -1. */
static int header_index(const char *h)
{
	size_t j;

	for (j = 0; j < sizeof headers / sizeof headers[0]; j++)
		if (!strcasecmp(h, headers[j].name))
			return (int)j;
	return -1;
}

int tk_table_column(const char *header)
{
	char *h = header_name(header);
	int j = h ? header_index(h) : -1;

	free(h);
	return j >= 0 ? headers[j].col : -1;
}

/* ---- reading ---------------------------------------------------------- */

struct tk_table {
	const char *name, *prefix;
	int flags;
	const struct tk_import_defaults *def;
	struct tk_itemset *set;
	size_t first;           /* where this reader's items begin in set */
	struct tk_diags *d;
	int state;              /* 0 before the header, 1 reading rows, -1 bad header */
	int col[TK_COL_N];
	int ncols;
};

struct tk_table *tk_table_new(const char *name, int flags, const char *prefix,
			      const struct tk_import_defaults *def, struct tk_itemset *set,
			      struct tk_diags *d)
{
	struct tk_table *t = calloc(1, sizeof *t);

	if (t == NULL)
		return NULL;
	t->name = name;
	t->flags = flags;
	t->prefix = prefix;
	t->def = def;
	t->set = set;
	t->first = set->n;
	t->d = d;
	return t;
}

void tk_table_free(struct tk_table *t)
{
	free(t);
}

int tk_table_blank(char *const *f, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (f[i][0] != '\0')
			return 0;
	return 1;
}

/* "column 3" in a CSV file, "column C" in a sheet, as their programs show them. */
static const char *column_name(const struct tk_table *t, int i, char *buf, size_t size)
{
	char letters[8];
	int k = (int)sizeof letters - 1;

	if (!(t->flags & TK_TABLE_SHEET)) {
		snprintf(buf, size, "%s %d", _("column"), i + 1);
		return buf;
	}
	letters[k] = '\0';
	for (i++; i > 0 && k > 0; i = (i - 1) / 26)
		letters[--k] = (char)('A' + (i - 1) % 26);
	snprintf(buf, size, "%s %s", _("column"), letters + k);
	return buf;
}

/* A diagnostic about the record at where/line: a sheet's rows have no line. */
static void say(struct tk_table *t, int severity, const char *where, int line, const char *msg)
{
	if (t->flags & TK_TABLE_SHEET)
		tk_diags_add(t->d, severity, t->name, 0, "%s: %s", where, msg);
	else
		tk_diags_add(t->d, severity, t->name, line, "%s", msg);
}

/*
 * Map the header's columns to fields (col[field] = column index or -1).
 * Returns 1, 0 when the header lacks a column every row needs (an error
 * is in d), -1 when out of memory.
 */
static int read_header(struct tk_table *t, char *const *f, int n, const char *where, int line)
{
	struct tk_buf unknown = TK_BUF_INIT, missing = TK_BUF_INIT, msg = TK_BUF_INIT;
	int rank[TK_COL_N], *col = t->col, i, ok = 1;
	char cb[64], c1[24], c2[24];

	for (i = 0; i < TK_COL_N; i++) {
		col[i] = -1;
		rank[i] = 99;
	}
	for (i = 0; i < n; i++) {
		char *h = header_name(f[i]);
		int j, cl = -1, rk = 0;

		if (h == NULL) {
			ok = -1;
			break;
		}
		if ((j = header_index(h)) >= 0) {
			cl = headers[j].col;
			rk = headers[j].rank;
		}
		tk_buf_reset(&msg);
		if (cl < 0 && h[0]) {
			tk_buf_printf(&unknown, "%s'%s'", unknown.len ? ", " : "",
				      tk_import_clip(h, cb, sizeof cb));
		} else if (cl >= 0 && col[cl] >= 0 && rk >= rank[cl]) {
			tk_buf_printf(&msg, _("%s '%s' ignored: %s '%s' is used instead"),
				      column_name(t, i, c1, sizeof c1), h,
				      column_name(t, col[cl], c2, sizeof c2), f[col[cl]]);
		} else if (cl >= 0) {
			if (col[cl] >= 0)
				tk_buf_printf(&msg, _("%s '%s' ignored: %s '%s' is used instead"),
					      column_name(t, col[cl], c1, sizeof c1), f[col[cl]],
					      column_name(t, i, c2, sizeof c2), h);
			col[cl] = i;
			rank[cl] = rk;
		}
		if (msg.len)
			say(t, TK_DIAG_WARNING, where, line, msg.s);
		free(h);
	}
	if (ok > 0 && unknown.len) {
		tk_buf_reset(&msg);
		tk_buf_printf(&msg, _("unknown columns ignored: %s"), tk_buf_str(&unknown));
		say(t, TK_DIAG_WARNING, where, line, tk_buf_str(&msg));
	}
	if (col[TK_COL_TYPE] < 0)
		tk_buf_puts(&missing, "题型");
	if (col[TK_COL_STEM] < 0)
		tk_buf_printf(&missing, "%s题干", missing.len ? ", " : "");
	if (col[TK_COL_ANSWER] < 0)
		tk_buf_printf(&missing, "%s答案", missing.len ? ", " : "");
	if (missing.oom || unknown.oom || msg.oom)
		ok = -1;
	if (ok > 0 && missing.len) {
		/* Excel in some locales separates with ';', and a paste from
		   a sheet with tabs: either way the header is one field */
		int one = !(t->flags & TK_TABLE_SHEET) && n == 1 && strpbrk(f[0], ";\t") != NULL;
		tk_buf_reset(&msg);
		tk_buf_printf(&msg, _("the header row has no %s column (it must name 题型, 题干 "
				      "and 答案)%s"), missing.s,
			      one ? _(": the columns must be separated by commas") : "");
		say(t, TK_DIAG_ERROR, where, line, tk_buf_str(&msg));
		ok = msg.oom ? -1 : 0;
	}
	t->ncols = n;
	tk_buf_free(&unknown);
	tk_buf_free(&missing);
	tk_buf_free(&msg);
	return ok;
}

/* Check one data row and add its item to set: TK_OK (a bad row is in d) or TK_EINTERNAL. */
static int read_row(struct tk_table *t, char *const *f, int n, const char *where, int line,
		    int item_line)
{
	struct tk_import_row r;
	struct tk_buf why = TK_BUF_INIT;
	const char *v[TK_COL_N];
	int i, extra = 0, rc;

	memset(&r, 0, sizeof r);
	snprintf(r.where, sizeof r.where, "%s", where);
	r.line = line;
	r.item_line = item_line;
	r.type = -1;
	for (i = 0; i < TK_COL_N; i++)
		v[i] = t->col[i] >= 0 && t->col[i] < n ? f[t->col[i]] : NULL;
	/* trailing empty fields are what spreadsheets write; data is not */
	for (i = t->ncols; i < n; i++)
		extra |= f[i][0] != '\0';
	if (extra)
		tk_import_problem(&why, "%d fields but the header names %d columns", n, t->ncols);
	else if (n < t->ncols && !(t->flags & TK_TABLE_SHEET) &&
		 (!v[TK_COL_TYPE] || !v[TK_COL_STEM] || !v[TK_COL_ANSWER]))
		tk_import_problem(&why, "only %d of the %d fields the header names", n, t->ncols);
	/* a sheet's row simply ends at its last cell that holds something */
	if (t->flags & TK_TABLE_SHEET)
		for (i = 0; i < TK_COL_N; i++)
			if (v[i] == NULL && t->col[i] >= 0)
				v[i] = "";
	r.type_text = v[TK_COL_TYPE];
	r.stem = v[TK_COL_STEM];
	for (i = 0; i < 6; i++)
		r.opt[i] = v[TK_COL_OPT + i];
	r.answer = v[TK_COL_ANSWER];
	r.explanation = v[TK_COL_EXPL];
	r.difficulty = v[TK_COL_DIFF];
	r.codes = v[TK_COL_CODES];
	r.points = v[TK_COL_POINTS];
	r.id = v[TK_COL_ID];
	r.level = v[TK_COL_LEVEL];
	r.kind = v[TK_COL_KIND];
	r.status = v[TK_COL_STATUS];
	r.time = v[TK_COL_TIME];
	r.keywords = v[TK_COL_KEYWORDS];
	r.author = v[TK_COL_AUTHOR];
	r.problems = why.s;
	rc = why.oom ? TK_EINTERNAL :
		tk_import_row_item(&r, t->prefix, t->name, t->def, t->set, t->first, t->d);
	tk_buf_free(&why);
	return rc == TK_EINTERNAL ? rc : TK_OK;
}

int tk_table_add(struct tk_table *t, char *const *f, int n, const char *where, int line,
		 int item_line)
{
	int ok;

	if (t->state < 0)
		return TK_EINPUT;
	if (tk_table_blank(f, n))
		return TK_OK;
	if (t->state == 1)
		return read_row(t, f, n, where, line, item_line);
	ok = read_header(t, f, n, where, line);
	if (ok < 0)
		return TK_EINTERNAL;
	t->state = ok ? 1 : -1;
	return ok ? TK_OK : TK_EINPUT;
}

void tk_table_end(struct tk_table *t)
{
	if (t->state == 0)
		tk_diags_add(t->d, TK_DIAG_ERROR, t->name, t->flags & TK_TABLE_SHEET ? 0 : 1,
			     "%s", _("no header row: the file is empty"));
	else if (t->state == 1 && t->set->n == t->first && t->d->nerrors == 0)
		tk_diags_add(t->d, TK_DIAG_ERROR, t->name, 0, "%s", _("no items in the file"));
}

/* ---- writing ---------------------------------------------------------- */

static const char *const type_zh[TK_NTYPES] = {
	"单选", "多选", "判断", "填空", "简答", "案例分析", "实操"
};
static const char *const status_zh[TK_NSTATUS] = {"草稿", "待审核", "已审核", "停用"};

/* Plain text of a fragment, "" for none; NULL when out of memory. */
static char *text_of(const char *frag)
{
	return tk_fragment_text(frag ? frag : "");
}

/* A list as one cell: the items joined by sep. */
static char *join(char *const *v, int n, const char *sep)
{
	struct tk_buf b = TK_BUF_INIT;
	int i;

	for (i = 0; i < n; i++)
		tk_buf_printf(&b, "%s%s", i ? sep : "", v[i]);
	if (b.oom) {
		tk_buf_free(&b);
		return NULL;
	}
	return b.s ? tk_buf_detach(&b) : strdup("");
}

/* A fill item's answer: a blank's accepted texts joined by |, blanks by ；. */
static char *fill_cell(const char *answer)
{
	struct tk_buf b = TK_BUF_INIT;
	char ***alt = NULL;
	int *nalt = NULL, n = 0, i, k;

	if (!tk_item_blanks(answer ? answer : "", &alt, &nalt, &n)) {
		/* not well-formed: say it as text, and let the check tell */
		return text_of(answer);
	}
	for (i = 0; i < n; i++) {
		if (i)
			tk_buf_puts(&b, "；");
		for (k = 0; k < nalt[i]; k++)
			tk_buf_printf(&b, "%s%s", k ? "|" : "", alt[i][k]);
	}
	tk_item_blanks_free(alt, nalt, n);
	if (b.oom) {
		tk_buf_free(&b);
		return NULL;
	}
	return b.s ? tk_buf_detach(&b) : strdup("");
}

/* What a rich field holds that plain text loses, for the warning. */
static const char *markup_kind(const char *frag)
{
	if (frag == NULL)
		return _("formatting");
	if (strstr(frag, "<img"))
		return _("its image");
	if (strstr(frag, "<table"))
		return _("its table");
	if (strstr(frag, "<ul") || strstr(frag, "<ol"))
		return _("its list");
	return _("its formatting");
}

static int make_cells(const struct tk_item *it, const struct tk_standard *s, char *c[TK_COL_N])
{
	char pts[16], num[16];
	int i, lv;

	memset(c, 0, TK_COL_N * sizeof *c);
	c[TK_COL_ID] = strdup(it->id ? it->id : "");
	c[TK_COL_TYPE] = strdup(it->type >= 0 && it->type < TK_NTYPES ? type_zh[it->type] : "");
	c[TK_COL_STEM] = text_of(it->stem);
	for (i = 0; i < 6; i++)
		c[TK_COL_OPT + i] = i < it->noptions && it->type != TK_TRUEFALSE ?
			text_of(it->options[i].text) : strdup("");
	if (it->type == TK_SINGLE || it->type == TK_MULTIPLE)
		c[TK_COL_ANSWER] = strdup(it->answer ? it->answer : "");
	else if (it->type == TK_TRUEFALSE)
		c[TK_COL_ANSWER] = strdup(it->answer && !strcmp(it->answer, "true") ? "正确" :
					  it->answer && !strcmp(it->answer, "false") ? "错误" : "");
	else if (it->type == TK_FILL)
		c[TK_COL_ANSWER] = fill_cell(it->answer);
	else
		c[TK_COL_ANSWER] = text_of(it->answer);
	c[TK_COL_EXPL] = text_of(it->explanation);
	snprintf(num, sizeof num, "%d", it->difficulty);
	c[TK_COL_DIFF] = strdup(num);
	c[TK_COL_CODES] = join(it->codes, it->ncodes, ", ");
	c[TK_COL_POINTS] = strdup(tk_points_format(it->points, pts));
	lv = s && it->level ? tk_standard_level(s, it->level) : -1;
	c[TK_COL_LEVEL] = strdup(lv >= 0 ? s->levels[lv].name : it->level ? it->level : "");
	c[TK_COL_KIND] = strdup(it->kind == TK_SKILL ? "技能" : "理论");
	c[TK_COL_STATUS] = strdup(it->status >= 0 && it->status < TK_NSTATUS ?
				  status_zh[it->status] : "");
	snprintf(num, sizeof num, "%d", it->time);
	c[TK_COL_TIME] = strdup(it->time > 0 ? num : "");
	c[TK_COL_KEYWORDS] = join(it->keywords, it->nkeywords, "、");
	c[TK_COL_AUTHOR] = strdup(it->author ? it->author : "");
	for (i = 0; i < TK_COL_N; i++)
		if (c[i] == NULL)
			return 0;
	return 1;
}

static int same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* The same rich text, where one paragraph alone reads as its text inline. */
static int same_rich(const char *a, const char *b)
{
	size_t n;

	a = a ? a : "";
	b = b ? b : "";
	if (!strcmp(a, b))
		return 1;
	if (strlen(a) < strlen(b)) {
		const char *t = a;
		a = b;
		b = t;
	}
	n = strlen(b);
	return strlen(a) == n + 7 && !strncmp(a, "<p>", 3) && !strncmp(a + 3, b, n) &&
	       !strcmp(a + 3 + n, "</p>") && strstr(b, "<p>") == NULL;
}

static int same_list(char *const *a, int na, char *const *b, int nb)
{
	int i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (strcmp(a[i], b[i]))
			return 0;
	return 1;
}

/* A rich field that does not read back: say what plain text loses. */
static void lost_field(struct tk_diags *d, const struct tk_item *it, const char *col,
		       const char *frag)
{
	tk_diags_add(d, TK_DIAG_WARNING, it->id, 0,
		     _("%s is plain text in the sheet, without %s: import keeps it while "
		       "the cell's text is unchanged"), col, markup_kind(frag));
}

/* Read the cells back as import reads them and name every difference. */
static int check_cells(const struct tk_item *it, const struct tk_standard *s,
		       char *c[TK_COL_N], struct tk_diags *d)
{
	struct tk_import_defaults def;
	struct tk_import_row r;
	struct tk_itemset set = {0};
	struct tk_diags mine = TK_DIAGS_INIT;
	const struct tk_item *back;
	char hdr[24];
	int i, rc;

	memset(&def, 0, sizeof def);
	def.std = s;
	def.standard = s ? s->id : it->standard;
	memset(&r, 0, sizeof r);
	snprintf(r.where, sizeof r.where, "%s", it->id ? it->id : "");
	r.type = -1;
	r.id = c[TK_COL_ID];
	r.type_text = c[TK_COL_TYPE];
	r.stem = c[TK_COL_STEM];
	for (i = 0; i < 6; i++)
		r.opt[i] = c[TK_COL_OPT + i];
	r.answer = c[TK_COL_ANSWER];
	r.explanation = c[TK_COL_EXPL];
	r.difficulty = c[TK_COL_DIFF];
	r.codes = c[TK_COL_CODES];
	r.points = c[TK_COL_POINTS];
	r.level = c[TK_COL_LEVEL];
	r.kind = c[TK_COL_KIND];
	r.status = c[TK_COL_STATUS];
	r.time = c[TK_COL_TIME];
	r.keywords = c[TK_COL_KEYWORDS];
	r.author = c[TK_COL_AUTHOR];
	rc = tk_import_row_item(&r, "csv", NULL, &def, &set, 0, &mine);
	if (rc == TK_EINTERNAL) {
		tk_diags_free(&mine);
		tk_itemset_free(&set);
		return 0;
	}
	if (set.n == 0) {
		for (i = 0; i < (int)mine.n; i++)
			if (mine.v[i].severity == TK_DIAG_ERROR)
				tk_diags_add(d, TK_DIAG_WARNING, it->id, 0,
					     _("its row would not import back: %s"), mine.v[i].msg);
		goto out;
	}
	back = set.items[0];
	if (!same_rich(back->stem, it->stem))
		lost_field(d, it, "题干", it->stem);
	for (i = 0; i < it->noptions && it->type != TK_TRUEFALSE; i++) {
		if (i >= 6) {
			tk_diags_add(d, TK_DIAG_WARNING, it->id, 0,
				     _("the sheet has columns for 6 options: option %c is not in it"),
				     it->options[i].key);
			break;
		}
		snprintf(hdr, sizeof hdr, "%s", tk_table_header(TK_COL_OPT + i));
		if (i >= back->noptions || !same_rich(back->options[i].text, it->options[i].text))
			lost_field(d, it, hdr, it->options[i].text);
	}
	if (!same_rich(back->answer, it->answer)) {
		if (it->type == TK_FILL)
			tk_diags_add(d, TK_DIAG_WARNING, it->id, 0,
				     _("答案 '%s' does not read back as the same blanks (a blank holds "
				       "；, | or 、, or the gaps do not match)"), c[TK_COL_ANSWER]);
		else
			lost_field(d, it, "答案", it->answer);
	}
	if (!same_rich(back->explanation, it->explanation))
		lost_field(d, it, "解析", it->explanation);
	if (!same_list(back->codes, back->ncodes, it->codes, it->ncodes))
		tk_diags_add(d, TK_DIAG_WARNING, it->id, 0,
			     _("知识点/代码 '%s' does not read back as the same codes"),
			     c[TK_COL_CODES]);
	if (!same_list(back->keywords, back->nkeywords, it->keywords, it->nkeywords))
		tk_diags_add(d, TK_DIAG_WARNING, it->id, 0,
			     _("关键词 '%s' does not read back as the same keywords (a keyword "
			       "holds a separator: , ， ; ； 、 or a space)"), c[TK_COL_KEYWORDS]);
	if (back->points != it->points || back->difficulty != it->difficulty ||
	    back->time != it->time || back->kind != it->kind || back->status != it->status ||
	    !same(back->level, it->level) || !same(back->author, it->author) ||
	    back->type != it->type)
		tk_diags_add(d, TK_DIAG_WARNING, it->id, 0, "%s",
			     _("its row does not read back as the same item"));
out:
	tk_diags_free(&mine);
	tk_itemset_free(&set);
	return 1;
}

int tk_table_cells(const struct tk_item *it, const struct tk_standard *s,
		   char *cells[TK_COL_N], struct tk_diags *d)
{
	struct tk_diags none = TK_DIAGS_INIT;
	int i, ok;

	if (d == NULL)
		d = &none;
	ok = make_cells(it, s, cells) && check_cells(it, s, cells, d);
	if (ok && it->nrubric)
		tk_diags_add(d, TK_DIAG_WARNING, it->id, 0,
			     _("the sheet has no column for its rubric (%d criteria): import "
			       "keeps it from the current version"), it->nrubric);
	if (ok && (it->facility || it->discrimination || it->stats_n))
		tk_diags_add(d, TK_DIAG_WARNING, it->id, 0, "%s",
			     _("the sheet has no column for its statistics (facility, "
			       "discrimination): import keeps them from the current version"));
	if (ok && it->nenemies)
		tk_diags_add(d, TK_DIAG_WARNING, it->id, 0,
			     _("the sheet has no column for its enemies (%d): import keeps them "
			       "from the current version"), it->nenemies);
	tk_diags_free(&none);
	if (!ok)
		for (i = 0; i < TK_COL_N; i++) {
			free(cells[i]);
			cells[i] = NULL;
		}
	return ok;
}

/* ---- what a row cannot say, from the current version ------------------ */

/* Keep *dst's markup from cur when the two say the same text; 0 when out of memory. */
static int keep_rich(char **dst, const char *cur)
{
	char *a, *b;
	int ok = 1;

	if (cur == NULL || *dst == NULL || !strcmp(*dst, cur))
		return 1;
	a = tk_fragment_text(*dst);
	b = tk_fragment_text(cur);
	if (a == NULL || b == NULL) {
		ok = 0;
	} else if (!strcmp(a, b)) {
		char *k = strdup(cur);
		if (k == NULL) {
			ok = 0;
		} else {
			free(*dst);
			*dst = k;
		}
	}
	free(a);
	free(b);
	return ok;
}

static int dup_list(char ***dst, int *nd, char *const *src, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!tk_item_strlist_add(dst, nd, src[i]))
			return 0;
	return 1;
}

int tk_table_keep(struct tk_item *it, const struct tk_item *cur)
{
	int i, ok = 1;

	if (cur == NULL || it->type != cur->type)
		return 1;
	ok &= keep_rich(&it->stem, cur->stem);
	if (it->noptions == cur->noptions)
		for (i = 0; i < it->noptions; i++)
			ok &= keep_rich(&it->options[i].text, cur->options[i].text);
	if (it->type != TK_SINGLE && it->type != TK_MULTIPLE && it->type != TK_TRUEFALSE &&
	    it->type != TK_FILL)
		ok &= keep_rich(&it->answer, cur->answer);
	ok &= keep_rich(&it->explanation, cur->explanation);
	if (it->nrubric == 0 && cur->nrubric > 0) {
		it->rubric = calloc((size_t)cur->nrubric, sizeof *it->rubric);
		if (it->rubric == NULL)
			return 0;
		for (i = 0; i < cur->nrubric; i++) {
			it->rubric[i].points = cur->rubric[i].points;
			if ((it->rubric[i].text = strdup(cur->rubric[i].text)) == NULL)
				ok = 0;
			it->nrubric++;
		}
	}
	if (!it->facility && !it->discrimination && !it->stats_n) {
		if (cur->facility && (it->facility = strdup(cur->facility)) == NULL)
			ok = 0;
		if (cur->discrimination &&
		    (it->discrimination = strdup(cur->discrimination)) == NULL)
			ok = 0;
		it->stats_n = cur->stats_n;
	}
	if (it->nenemies == 0)
		ok &= dup_list(&it->enemies, &it->nenemies, cur->enemies, cur->nenemies);
	return ok;
}
