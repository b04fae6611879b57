/* gifttext.c -- GIFT questions as items. */
#include <stdlib.h>
#include <string.h>

#include "gifttext.h"
#include "htmlin.h"
#include "i18n.h"
#include "item.h"
#include "lmsitem.h"
#include "row.h"

/* One question as found: its text (escapes intact), and what the comments
   before it said. */
struct gq {
	const char *text;
	size_t len;
	int html;               /* [html] text */
	char *idnumber;
	struct tk_lmsitem it;
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The first unescaped c in s[0..n), or NULL. */
static const char *find(const char *s, size_t n, char c)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\') {
			i++;
			continue;
		}
		if (s[i] == c)
			return s + i;
	}
	return NULL;
}

/* s[0..n) trimmed, GIFT's escapes undone: a new string. */
static char *unescape(const char *s, size_t n)
{
	char *out = malloc(n + 1), *w = out;
	size_t i;

	if (out == NULL)
		return NULL;
	while (n && is_space(*s))
		s++, n--;
	while (n && is_space(s[n - 1]) && !(n >= 2 && s[n - 2] == '\\'))
		n--;
	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			*w++ = s[i] == 'n' ? '\n' : s[i];
			continue;
		}
		*w++ = s[i];
	}
	*w = '\0';
	return out;
}

static int is_gap(void *ud, const char *name, const char *cls)
{
	(void)ud;
	(void)name;
	return strstr(cls, "tiku-gift-gap") != NULL;
}

/* GIFT text holds no files: an image it names is not kept. */
static const char *no_image(void *ud, const char *src)
{
	(void)ud;
	(void)src;
	return NULL;
}

/* Text as an item's rich text: [html] through htmlin, else plain. */
static void frag(struct gq *g, const char *text, int inline_only, struct tk_buf *out)
{
	struct tk_htmlin_opts o = {no_image, is_gap, NULL, inline_only};
	const char *p;

	if (g->html) {
		tk_htmlin_fragment(text, &o, out, &g->it.lost);
		return;
	}
	for (p = text; *p; p++) {
		if (*p == '\x01') {
			tk_buf_puts(out, "<gap/>");
			continue;
		}
		if (*p == '\n') {
			tk_buf_puts(out, "<br/>");
			continue;
		}
		if ((unsigned char)*p < 0x20)
			continue;
		switch (*p) {
		case '<': tk_buf_puts(out, "&lt;"); break;
		case '>': tk_buf_puts(out, "&gt;"); break;
		case '&': tk_buf_puts(out, "&amp;"); break;
		default: tk_buf_putc(out, *p);
		}
	}
}

/* Past a text's format mark ([html], [moodle], [plain], [markdown]):
   every text of a question is in the question's format. */
static const char *unmarked(const char *s)
{
	static const char *const marks[] = {"[html]", "[moodle]", "[plain]", "[markdown]", NULL};
	int i;

	for (i = 0; marks[i]; i++)
		if (!strncmp(s, marks[i], strlen(marks[i])))
			return s + strlen(marks[i]);
	return s;
}

/* One answer of a choice list: "=text#fb", "~%50%text". */
struct choice {
	int right;              /* = */
	double weight;          /* %N%, or 0 */
	int weighted;
	char *text;
};

/*
 * The answer block (escapes intact) into the item: its type, options,
 * answer and explanation.  stem_before/after: the text around the block;
 * embedded: the block stands inside the text.
 */
static void answers(struct gq *g, const char *a, size_t n, const char *before,
		    const char *after)
{
	struct tk_lmsitem *it = &g->it;
	const char *gf = NULL, *p, *end = a + n;
	struct choice c[26];
	int nc = 0, k, all_right = 1, weighted = 0;
	struct tk_buf text = TK_BUF_INIT;
	char *fb = NULL;

	/* general feedback: after #### */
	for (p = a; p + 4 <= end; p++) {
		if (*p == '\\') {
			p++;
			continue;
		}
		if (!strncmp(p, "####", 4)) {
			gf = p;
			break;
		}
	}
	if (gf) {
		fb = unescape(gf + 4, (size_t)(end - gf - 4));
		end = gf;
	}
	while (a < end && is_space(*a))
		a++;
	n = (size_t)(end - a);
	/* the kind of question, by the block's start */
	if (n == 0) {
		it->type = it->open_type ? it->open_type : "short";
	} else if ((n >= 4 && !strncmp(a, "TRUE", 4)) || (n >= 5 && !strncmp(a, "FALSE", 5)) ||
		   ((a[0] == 'T' || a[0] == 'F') && (n == 1 || is_space(a[1]) || a[1] == '#'))) {
		it->type = "truefalse";
		tk_buf_puts(&it->answer, a[0] == 'T' ? "true" : "false");
		if (find(a, n, '#'))
			tk_lmsitem_lost(it, _("answer feedback"));
	} else if (a[0] == '#') {
		tk_import_problem(&it->why, "%s", _("a numerical GIFT question has no tiku form"));
	} else if (memmem(a, n, "->", 2)) {
		tk_import_problem(&it->why, "%s", _("a matching GIFT question has no tiku form"));
	} else if (a[0] != '=' && a[0] != '~') {
		tk_import_problem(&it->why, "%s", _("the answers neither start with = nor ~"));
	} else {
		/* the choices: each starts at an unescaped = or ~ */
		for (p = a; p < end && nc < 26;) {
			const char *q = p + 1, *fbk, *stop;
			c[nc].right = *p == '=';
			c[nc].weighted = 0;
			c[nc].weight = 0;
			while (q < end && is_space(*q))
				q++;
			if (q < end && *q == '%') {
				const char *pe = find(q + 1, (size_t)(end - q - 1), '%');
				char w[16];
				if (pe && (size_t)(pe - q - 1) < sizeof w) {
					memcpy(w, q + 1, (size_t)(pe - q - 1));
					w[pe - q - 1] = '\0';
					c[nc].weight = strtod(w, NULL);
					c[nc].weighted = 1;
					q = pe + 1;
				}
			}
			for (stop = q; stop < end; stop++) {
				if (*stop == '\\') {
					stop++;
					continue;
				}
				if (*stop == '=' || *stop == '~')
					break;
			}
			if (stop > end)
				stop = end;
			fbk = find(q, (size_t)(stop - q), '#');
			if (fbk)
				tk_lmsitem_lost(it, _("answer feedback"));
			c[nc].text = unescape(q, (size_t)((fbk ? fbk : stop) - q));
			all_right &= c[nc].right;
			weighted |= c[nc].weighted && !c[nc].right && c[nc].weight > 0;
			nc++;
			p = stop;
		}
		if (nc == 26 && p < end)
			tk_import_problem(&it->why, "%s", _("more than 26 answers"));
		if (all_right) {
			/* short answer: every = text accepted */
			it->type = "fill";
			tk_buf_puts(&it->answer, "<blank>");
			for (k = 0; k < nc; k++) {
				if (c[k].weighted && c[k].weight < 100) {
					tk_lmsitem_lost(it, _("answers of part marks"));
					continue;
				}
				if (strchr(c[k].text, '|') || !*c[k].text)
					continue;
				if (it->answer.len > 7)
					tk_buf_putc(&it->answer, '|');
				tk_lmsitem_escape(&it->answer, unmarked(c[k].text));
			}
			tk_buf_puts(&it->answer, "</blank>");
		} else {
			it->type = weighted ? "multiple" : "single";
			for (k = 0; k < nc; k++) {
				int right = weighted ? c[k].weight > 0 : c[k].right;
				tk_buf_printf(&it->options, "<option key=\"%c\">", 'A' + k);
				frag(g, unmarked(c[k].text), 1, &it->options);
				tk_buf_puts(&it->options, "</option>");
				if (right)
					tk_buf_putc(&it->answer, 'A' + k);
			}
			if (it->answer.len == 0)
				tk_import_problem(&it->why, "%s", _("no answer is right"));
		}
		for (k = 0; k < nc; k++)
			free(c[k].text);
	}
	/* the text, with a fill item's gap where its answers stood */
	tk_buf_puts(&text, before);
	if (*after) {
		if (it->type && !strcmp(it->type, "fill"))
			tk_buf_puts(&text, g->html ? "<span class=\"tiku-gift-gap\"></span>" : "\x01");
		else
			tk_buf_puts(&text, "（　）");
		tk_buf_puts(&text, after);
	}
	frag(g, tk_buf_str(&text), 0, &it->stem);
	if (it->type && !strcmp(it->type, "fill") && tk_fragment_gaps(tk_buf_str(&it->stem)) == 0)
		tk_buf_puts(&it->stem, !strncmp(tk_buf_str(&it->stem), "<p>", 3) ||
			    !strncmp(tk_buf_str(&it->stem), "<table>", 7) ||
			    !strncmp(tk_buf_str(&it->stem), "<ol>", 4) ||
			    !strncmp(tk_buf_str(&it->stem), "<ul>", 4) ? "<p><gap/></p>" : "<gap/>");
	if (fb && *unmarked(fb))
		frag(g, unmarked(fb), 0, &it->explanation);
	if (it->type && !strcmp(it->type, "short") && !it->kind)
		it->kind = "theory";
	tk_buf_free(&text);
	free(fb);
}

/* A comment before a question: its [id:] and [tag:]s. */
static void comment(struct gq *g, const char *line, size_t n)
{
	const char *p = line, *e = line + n, *close;

	while ((p = memchr(p, '[', (size_t)(e - p))) != NULL) {
		close = memchr(p, ']', (size_t)(e - p));
		if (close == NULL)
			break;
		if (!strncmp(p, "[id:", 4) && close > p + 4) {
			free(g->idnumber);
			g->idnumber = unescape(p + 4, (size_t)(close - p - 4));
		} else if (!strncmp(p, "[tag:", 5) && close > p + 5) {
			char *t = unescape(p + 5, (size_t)(close - p - 5));
			if (t)
				tk_lmsitem_tag(&g->it, t);
			free(t);
		}
		p = close + 1;
	}
}

/* One question block; 1 when it was bad. */
static int question(struct gq *g, const struct tk_import_defaults *def, const char *category,
		    const char *name, int line, struct tk_lmsbatch *batch, struct tk_diags *diags)
{
	const char *p = g->text, *e = g->text + g->len, *open, *close;
	char *title = NULL, *before, *after;
	int bad;

	while (p < e && is_space(*p))
		p++;
	if (e - p >= 2 && !strncmp(p, "::", 2)) {
		const char *t;
		for (t = p + 2; t + 1 < e && !(t[0] == ':' && t[1] == ':' && t[-1] != '\\'); t++)
			;
		if (t + 1 < e) {
			title = unescape(p + 2, (size_t)(t - p - 2));
			p = t + 2;
		}
	}
	while (p < e && is_space(*p))
		p++;
	if (e - p >= 6 && !strncmp(p, "[html]", 6)) {
		g->html = 1;
		p += 6;
	} else if (*p == '[') {
		const char *f = memchr(p, ']', (size_t)(e - p));
		if (f && f - p <= 10)
			p = f + 1;      /* [moodle], [plain], [markdown]: as plain text */
	}
	open = find(p, (size_t)(e - p), '{');
	close = open ? find(open + 1, (size_t)(e - open - 1), '}') : NULL;
	if (title == NULL)
		title = tk_strdup("");
	if (open == NULL || close == NULL) {
		tk_diags_add(diags, TK_DIAG_WARNING, name, line,
			     "question '%s': no answers in { }: a description, left out", title);
		free(title);
		return 0;
	}
	before = unescape(p, (size_t)(open - p));
	after = unescape(close + 1, (size_t)(e - close - 1));
	if (before && after)
		answers(g, open + 1, (size_t)(close - open - 1), before, after);
	if (g->it.why.len == 0)
		tk_lmsitem_make(&g->it, def, category, g->idnumber, title, "gift", name, line, batch);
	bad = tk_lmsitem_report(&g->it, diags, name, line, title);
	free(before);
	free(after);
	free(title);
	return bad;
}

int tk_gifttext_parse(const char *data, size_t len, const char *name,
		      const struct tk_import_defaults *def, struct tk_itemset *set,
		      struct tk_diags *diags, struct tk_error *err)
{
	const char *p = data, *e = data + len;
	char *category = tk_strdup("");
	struct gq g;
	struct tk_lmsbatch batch = TK_LMSBATCH_INIT;
	int line = 1, start = 0, bad = 0, open = 0, refused;
	const char *block = NULL;

	memset(&g, 0, sizeof g);
	tk_lmsitem_init(&g.it, def);
	while (p <= e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p)), *l = p, *le = nl ? nl : e;
		int blank = 1;
		const char *c;

		for (c = l; c < le; c++)
			if (!is_space(*c)) {
				blank = 0;
				break;
			}
		/* a question ends at a blank line (or the end) */
		if ((blank || p == e) && open) {
			g.text = block;
			g.len = (size_t)(l - block);
			bad += question(&g, def, category, name, start, &batch, diags);
			tk_lmsitem_free(&g.it);
			free(g.idnumber);
			memset(&g, 0, sizeof g);
			tk_lmsitem_init(&g.it, def);
			open = 0;
		} else if (!blank && !open) {
			while (l < le && is_space(*l))
				l++;
			if (le - l >= 2 && !strncmp(l, "//", 2)) {
				comment(&g, l, (size_t)(le - l));
			} else if (le - l >= 10 && !strncmp(l, "$CATEGORY:", 10)) {
				free(category);
				category = unescape(l + 10, (size_t)(le - l - 10));
				tk_lmsitem_free(&g.it);
				free(g.idnumber);
				memset(&g, 0, sizeof g);
				tk_lmsitem_init(&g.it, def);
			} else {
				block = l;
				start = line;
				open = 1;
			}
		}
		if (nl == NULL)
			break;
		p = nl + 1;
		line++;
	}
	if (open) {
		g.text = block;
		g.len = (size_t)(e - block);
		bad += question(&g, def, category, name, start, &batch, diags);
	}
	tk_lmsitem_free(&g.it);
	free(g.idnumber);
	free(category);
	if ((refused = tk_lmsitem_check(&batch, def, set, diags)) < 0)
		return tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
	if (bad + refused)
		return tk_error_set(err, TK_EINPUT, name, 0, "bad questions");
	return TK_OK;
}
