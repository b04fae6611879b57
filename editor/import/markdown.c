/*
 * markdown.c -- lesson bodies read with libcmark-gfm (CommonMark and
 * GitHub tables) into tiku's own tree, with the 话术 dialogues and the
 * call-outs recognised, and the checks of what a body points at.
 *
 * cmark does the parsing; this file only converts its tree (walked with
 * cmark's iterator, so nesting costs no stack) and never passes raw HTML
 * on.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "markdown.h"
#include "util.h"

/* ---- the tree ------------------------------------------------------- */

static struct tk_md_node *node_add(struct tk_md_node *parent, int kind, int line)
{
	struct tk_md_node *n = calloc(1, sizeof *n);

	if (n == NULL)
		return NULL;
	n->kind = kind;
	n->line = line;
	n->parent = parent;
	if (parent) {
		if (parent->last)
			parent->last->next = n;
		else
			parent->first = n;
		parent->last = n;
	}
	return n;
}

static void node_free_one(struct tk_md_node *n)
{
	free(n->text);
	free(n->url);
	free(n->title);
	free(n->info);
	free(n);
}

/* Free n and everything below it, without recursion. */
static void subtree_free(struct tk_md_node *n)
{
	struct tk_md_node *top = n, *next;

	if (n == NULL)
		return;
	while (n) {
		if (n->first) {                 /* descend first */
			n = n->first;
			continue;
		}
		if (n == top) {
			node_free_one(n);
			break;
		}
		next = n->next;
		n->parent->first = next;        /* unhook the leaf */
		if (next == NULL)
			n->parent->last = NULL;
		{
			struct tk_md_node *up = n->parent;
			node_free_one(n);
			n = next ? next : up;
		}
	}
}

/* Take child out of its parent's list (it is not freed). */
static void node_unlink(struct tk_md_node *child)
{
	struct tk_md_node *p = child->parent, *prev = NULL, *c;

	for (c = p->first; c && c != child; c = c->next)
		prev = c;
	if (c == NULL)
		return;
	if (prev)
		prev->next = child->next;
	else
		p->first = child->next;
	if (p->last == child)
		p->last = prev;
	child->next = NULL;
	child->parent = NULL;
}

void tk_md_free(struct tk_md_doc *doc)
{
	if (doc == NULL)
		return;
	subtree_free(doc->root);
	free(doc->file);
	free(doc);
}

int tk_md_walk(const struct tk_md_node *n,
	       int (*fn)(void *ud, const struct tk_md_node *n, int entering), void *ud)
{
	const struct tk_md_node *top = n;
	int r;

	while (n) {
		if ((r = fn(ud, n, 1)) != 0)
			return r;
		if (n->first) {
			n = n->first;
			continue;
		}
		/* a leaf: go to the next sibling, leaving finished parents */
		while (n != top && n->next == NULL) {
			n = n->parent;
			if ((r = fn(ud, n, 0)) != 0)
				return r;
		}
		if (n == top)
			break;
		n = n->next;
	}
	return 0;
}

static int plain_fn(void *ud, const struct tk_md_node *n, int entering)
{
	struct tk_buf *out = ud;

	if (!entering)
		return 0;
	switch (n->kind) {
	case TK_MD_TEXT:
	case TK_MD_CODE:
	case TK_MD_TURN:
	case TK_MD_CODE_BLOCK:
		if (n->text)
			tk_buf_puts(out, n->text);
		break;
	case TK_MD_SOFTBREAK:
	case TK_MD_LINEBREAK:
		tk_buf_putc(out, ' ');
		break;
	}
	return 0;
}

void tk_md_plain(const struct tk_md_node *n, struct tk_buf *out)
{
	tk_md_walk(n, plain_fn, out);
}

/* ---- reading -------------------------------------------------------- */

struct reader {
	const char *name;
	struct tk_diags *diags;
	struct tk_error *err;
	int nerr;
	int oom;
};

/* The line of n, or of its nearest ancestor that has one. */
static int line_of(cmark_node *n)
{
	int l;

	for (; n; n = cmark_node_parent(n))
		if ((l = cmark_node_get_start_line(n)) > 0)
			return l;
	return 1;
}

static char *dup_or_null(const char *s)
{
	return s && s[0] ? strdup(s) : NULL;
}

/* Does s start with the speaker word w and a colon (： or :)?  Returns
   the words after it, or NULL. */
static const char *speaker_words(const char *s, const char *w)
{
	size_t n = strlen(w);

	if (strncmp(s, w, n) != 0)
		return NULL;
	s += n;
	if (!strncmp(s, "：", strlen("：")))
		return s + strlen("：");
	if (*s == ':')
		return s + 1;
	return NULL;
}

/* A fenced ```话术 block becomes a dialogue of turns. */
static void make_dialogue(struct reader *r, struct tk_md_node *n)
{
	char *code = n->text, *line, *save = NULL, *copy;
	struct tk_md_node *turn = NULL;
	int ln = n->line;

	n->kind = TK_MD_DIALOGUE;
	n->text = NULL;
	copy = code;
	for (line = code; line; line = save, ln++) {
		const char *words;
		int speaker;
		char *nl = strchr(line, '\n');

		save = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		if (nl && nl > line && nl[-1] == '\r')
			nl[-1] = '\0';
		if (*tk_trim(line) == '\0')
			continue;
		if ((words = speaker_words(line, "坐席")) != NULL)
			speaker = TK_SPEAKER_AGENT;
		else if ((words = speaker_words(line, "客户")) != NULL)
			speaker = TK_SPEAKER_CUSTOMER;
		else
			speaker = -1;
		if (speaker < 0 && turn == NULL) {
			if (r->nerr++ == 0)
				tk_error_set(r->err, TK_EINPUT, r->name, ln + 1,
					     "a 话术 line starts with 坐席： or 客户：");
			if (r->diags)
				tk_diags_add(r->diags, TK_DIAG_ERROR, r->name, ln + 1,
					     "a 话术 line starts with 坐席： or 客户：");
			continue;
		}
		if (speaker < 0) {              /* continues the turn before */
			struct tk_buf b = TK_BUF_INIT;
			tk_buf_puts(&b, turn->text ? turn->text : "");
			tk_buf_putc(&b, '\n');
			tk_buf_puts(&b, line);
			if (b.oom) {
				tk_buf_free(&b);
				r->oom = 1;
				break;
			}
			free(turn->text);
			turn->text = tk_buf_detach(&b);
			continue;
		}
		turn = node_add(n, TK_MD_TURN, ln + 1);
		if (turn == NULL) {
			r->oom = 1;
			break;
		}
		turn->speaker = speaker;
		turn->text = strdup(words);
		if (turn->text == NULL) {
			r->oom = 1;
			break;
		}
		tk_trim(turn->text);
	}
	free(copy);
	for (turn = n->first; turn; turn = turn->next)
		if (turn->text[0] == '\0') {
			if (r->nerr++ == 0)
				tk_error_set(r->err, TK_EINPUT, r->name, turn->line,
					     "a turn of the 话术 says nothing");
			if (r->diags)
				tk_diags_add(r->diags, TK_DIAG_ERROR, r->name, turn->line,
					     "a turn of the 话术 says nothing");
		}
	if (n->first == NULL) {
		if (r->nerr++ == 0)
			tk_error_set(r->err, TK_EINPUT, r->name, n->line, "the 话术 block is empty");
		if (r->diags)
			tk_diags_add(r->diags, TK_DIAG_ERROR, r->name, n->line,
				     "the 话术 block is empty");
	}
}

static const struct {
	const char *name;
	int kind;
} callouts[] = {
	{"要点", TK_CALLOUT_KEY}, {"注意", TK_CALLOUT_CAUTION}, {"案例", TK_CALLOUT_CASE}
};

/* A quote whose first line is "[!要点]" (注意, 案例) becomes a call-out;
   the rest of that line is its title. */
static void make_callout(struct reader *r, struct tk_md_node *q)
{
	struct tk_md_node *p = q->first, *c, *end;
	struct tk_buf line = TK_BUF_INIT, title = TK_BUF_INIT;
	const char *s, *close;
	size_t i;
	int kind = -1;

	if (p == NULL || p->kind != TK_MD_PARAGRAPH || p->first == NULL ||
	    p->first->kind != TK_MD_TEXT)
		return;
	/* the leading text of the first line */
	for (c = p->first; c && c->kind == TK_MD_TEXT; c = c->next)
		tk_buf_puts(&line, c->text);
	s = tk_buf_str(&line);
	if (strncmp(s, "[!", 2) != 0 || (close = strchr(s, ']')) == NULL) {
		tk_buf_free(&line);
		return;
	}
	for (i = 0; i < sizeof callouts / sizeof callouts[0]; i++)
		if ((size_t)(close - s - 2) == strlen(callouts[i].name) &&
		    !strncmp(s + 2, callouts[i].name, strlen(callouts[i].name)))
			kind = callouts[i].kind;
	if (kind < 0) {
		if (r->nerr++ == 0)
			tk_error_set(r->err, TK_EINPUT, r->name, q->line,
				     "unknown call-out '%.*s' (use [!要点], [!注意] or [!案例])",
				     (int)(close - s + 1), s);
		if (r->diags)
			tk_diags_add(r->diags, TK_DIAG_ERROR, r->name, q->line,
				     "unknown call-out '%.*s' (use [!要点], [!注意] or [!案例])",
				     (int)(close - s + 1), s);
		tk_buf_free(&line);
		return;
	}
	/* the title: the rest of the first line, whatever its markup */
	tk_buf_puts(&title, close + 1);
	for (end = p->first; end && end->kind == TK_MD_TEXT; end = end->next)
		;
	for (; end && end->kind != TK_MD_SOFTBREAK && end->kind != TK_MD_LINEBREAK;
	     end = end->next)
		tk_md_plain(end, &title);
	/* drop the first line and the break after it */
	while (p->first && p->first != end) {
		c = p->first;
		node_unlink(c);
		subtree_free(c);
	}
	if (end) {
		node_unlink(end);
		subtree_free(end);
	}
	if (p->first == NULL) {
		node_unlink(p);
		subtree_free(p);
	}
	q->kind = TK_MD_CALLOUT;
	q->callout = kind;
	if (title.oom || line.oom)
		r->oom = 1;
	else if (title.s && *tk_trim(title.s))
		q->text = tk_buf_detach(&title);
	tk_buf_free(&title);
	tk_buf_free(&line);
}

static int kind_of(cmark_node *n, int *skip)
{
	const char *ts;

	*skip = 0;
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_DOCUMENT: return TK_MD_DOCUMENT;
	case CMARK_NODE_BLOCK_QUOTE: return TK_MD_QUOTE;
	case CMARK_NODE_LIST: return TK_MD_LIST;
	case CMARK_NODE_ITEM: return TK_MD_ITEM;
	case CMARK_NODE_CODE_BLOCK: return TK_MD_CODE_BLOCK;
	case CMARK_NODE_PARAGRAPH: return TK_MD_PARAGRAPH;
	case CMARK_NODE_HEADING: return TK_MD_HEADING;
	case CMARK_NODE_THEMATIC_BREAK: return TK_MD_RULE;
	case CMARK_NODE_TEXT: return TK_MD_TEXT;
	case CMARK_NODE_SOFTBREAK: return TK_MD_SOFTBREAK;
	case CMARK_NODE_LINEBREAK: return TK_MD_LINEBREAK;
	case CMARK_NODE_CODE: return TK_MD_CODE;
	case CMARK_NODE_EMPH: return TK_MD_EMPH;
	case CMARK_NODE_STRONG: return TK_MD_STRONG;
	case CMARK_NODE_LINK: return TK_MD_LINK;
	case CMARK_NODE_IMAGE: return TK_MD_IMAGE;
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
		*skip = 2;
		return -1;
	default:
		break;
	}
	ts = cmark_node_get_type_string(n);
	if (!strcmp(ts, "table"))
		return TK_MD_TABLE;
	if (!strcmp(ts, "table_header") || !strcmp(ts, "table_row"))
		return TK_MD_ROW;
	if (!strcmp(ts, "table_cell"))
		return TK_MD_CELL;
	if (!strcmp(ts, "strikethrough"))
		return TK_MD_STRIKE;
	*skip = 1;
	return -1;
}

static int is_leaf(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_THEMATIC_BREAK:
	case CMARK_NODE_TEXT:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
		return 1;
	default:
		return 0;
	}
}

/* Fill the fields of m from the cmark node n. */
static void copy_fields(struct reader *r, struct tk_md_node *m, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	cmark_node *row, *table;

	switch (m->kind) {
	case TK_MD_TEXT:
	case TK_MD_CODE:
	case TK_MD_CODE_BLOCK:
		m->text = strdup(lit ? lit : "");
		if (m->text == NULL)
			r->oom = 1;
		if (m->kind == TK_MD_CODE_BLOCK) {
			const char *info = cmark_node_get_fence_info(n);
			m->info = dup_or_null(info);
		}
		break;
	case TK_MD_HEADING:
		m->level = cmark_node_get_heading_level(n);
		break;
	case TK_MD_LIST:
		m->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		m->start = cmark_node_get_list_start(n);
		m->tight = cmark_node_get_list_tight(n);
		break;
	case TK_MD_LINK:
	case TK_MD_IMAGE:
		m->url = strdup(cmark_node_get_url(n) ? cmark_node_get_url(n) : "");
		m->title = dup_or_null(cmark_node_get_title(n));
		if (m->url == NULL)
			r->oom = 1;
		break;
	case TK_MD_ROW:
		m->header = !strcmp(cmark_node_get_type_string(n), "table_header");
		break;
	case TK_MD_CELL:
		row = cmark_node_parent(n);
		table = row ? cmark_node_parent(row) : NULL;
		if (table) {
			uint8_t *al = cmark_gfm_extensions_get_table_alignments(table);
			uint16_t ncols = cmark_gfm_extensions_get_table_columns(table);
			int i = 0;
			cmark_node *c;
			for (c = cmark_node_first_child(row); c && c != n; c = cmark_node_next(c))
				i++;
			if (al && i < ncols)
				m->align = al[i] == 'l' ? TK_ALIGN_LEFT : al[i] == 'c' ? TK_ALIGN_CENTER :
					   al[i] == 'r' ? TK_ALIGN_RIGHT : TK_ALIGN_NONE;
		}
		break;
	}
}

/* Is the first word of a fence's info string 话术? */
static int is_dialogue(const char *info)
{
	size_t n = strlen("话术");

	return info && !strncmp(info, "话术", n) &&
	       (info[n] == '\0' || info[n] == ' ' || info[n] == '\t');
}

static int convert(struct reader *r, cmark_node *doc, struct tk_md_node **root)
{
	cmark_iter *it = cmark_iter_new(doc);
	struct tk_md_node *cur = NULL, *m;
	cmark_event_type ev;
	int skip, kind;

	if (it == NULL)
		return r->oom = 1, TK_EINTERNAL;
	while (!r->oom && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_EXIT) {
			if (cur->kind == TK_MD_QUOTE)
				make_callout(r, cur);
			if (cur->parent)
				cur = cur->parent;
			continue;
		}
		kind = kind_of(n, &skip);
		if (skip) {
			if (skip == 2 && r->diags)
				tk_diags_add(r->diags, TK_DIAG_WARNING, r->name, line_of(n),
					     "raw HTML is left out of lessons (write Markdown)");
			if (!is_leaf(n))
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		}
		m = node_add(cur, kind, line_of(n));
		if (m == NULL) {
			r->oom = 1;
			break;
		}
		if (cur == NULL)
			*root = m;
		copy_fields(r, m, n);
		if (m->kind == TK_MD_CODE_BLOCK && is_dialogue(m->info))
			make_dialogue(r, m);
		if (!is_leaf(n))
			cur = m;
	}
	cmark_iter_free(it);
	return r->oom ? TK_EINTERNAL : TK_OK;
}

int tk_md_parse(const char *data, size_t len, const char *name,
		struct tk_md_doc **out, struct tk_diags *diags, struct tk_error *err)
{
	struct reader r = {name, diags, err, 0, 0};
	struct tk_md_doc *doc = NULL;
	cmark_parser *p = NULL;
	cmark_node *root = NULL;
	size_t bad = len, i;
	int rc = TK_OK, line;

	*out = NULL;
	if (!tk_utf8_valid(data, len, &bad) || memchr(data, '\0', len)) {
		const char *nul = memchr(data, '\0', len);
		if (nul && (size_t)(nul - data) < bad)
			bad = (size_t)(nul - data);
		for (i = 0, line = 1; i < bad && i < len; i++)
			line += data[i] == '\n';
		if (diags)
			tk_diags_add(diags, TK_DIAG_ERROR, name, line, "not UTF-8 text");
		return tk_error_set(err, TK_EINPUT, name, line, "not UTF-8 text");
	}
	cmark_gfm_core_extensions_ensure_registered();
	/* without CMARK_OPT_UNSAFE: raw HTML and dangerous URLs are not
	   rendered by cmark, and this reader leaves raw HTML out anyway */
	p = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_SAFE);
	doc = calloc(1, sizeof *doc);
	if (p == NULL || doc == NULL)
		goto oom;
	cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("table"));
	cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("strikethrough"));
	cmark_parser_feed(p, data, len);
	root = cmark_parser_finish(p);
	if (root == NULL)
		goto oom;
	doc->file = strdup(name);
	if (doc->file == NULL || convert(&r, root, &doc->root) != TK_OK || doc->root == NULL)
		goto oom;
	if (r.nerr)
		rc = TK_EINPUT;
	*out = doc;
	doc = NULL;
	goto out;
oom:
	rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
out:
	tk_md_free(doc);
	if (root)
		cmark_node_free(root);
	if (p)
		cmark_parser_free(p);
	return rc;
}

int tk_md_load(const char *path, struct tk_md_doc **out, struct tk_diags *diags,
	       struct tk_error *err)
{
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = tk_read_file(path, &data, &len, err)) != TK_OK) {
		if (diags)
			tk_diags_add(diags, TK_DIAG_ERROR, path, 0, "%s", err ? err->msg : "cannot read");
		return rc;
	}
	rc = tk_md_parse(data, len, path, out, diags, err);
	free(data);
	return rc;
}

/* ---- paths ---------------------------------------------------------- */

static int has_scheme(const char *s)
{
	const char *p = s;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	for (p++; *p; p++) {
		if (*p == ':')
			return 1;
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '+' || *p == '.' || *p == '-'))
			return 0;
	}
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int tk_md_resolve(const char *dir, const char *rel, char **out)
{
	struct tk_buf path = TK_BUF_INIT, seg = TK_BUF_INIT;
	const char *p, *s;
	size_t n;
	char *decoded;
	int why = TK_MD_PATH_OK;

	*out = NULL;
	if (has_scheme(rel))
		return TK_MD_PATH_SCHEME;
	if (rel[0] == '/' || rel[0] == '\\')
		return TK_MD_PATH_ABSOLUTE;
	n = strcspn(rel, "?#");
	if (n == 0)
		return TK_MD_PATH_EMPTY;
	/* decode %XX (not %00: a file name holds no NUL) */
	decoded = malloc(n + 1);
	if (decoded == NULL)
		return TK_MD_PATH_EMPTY;
	{
		size_t i, k = 0;
		for (i = 0; i < n; i++) {
			int h, l;
			if (rel[i] == '%' && i + 2 < n + 1 && (h = hexval(rel[i + 1])) >= 0 &&
			    (l = hexval(rel[i + 2])) >= 0 && (h || l)) {
				decoded[k++] = (char)(h * 16 + l);
				i += 2;
			} else {
				decoded[k++] = rel[i];
			}
		}
		decoded[k] = '\0';
	}
	/* join dir and rel, then walk the segments */
	tk_buf_puts(&seg, dir && dir[0] ? dir : "");
	if (dir && dir[0])
		tk_buf_putc(&seg, '/');
	tk_buf_puts(&seg, decoded);
	free(decoded);
	for (p = tk_buf_str(&seg); *p; p = *s ? s + 1 : s) {
		size_t len;
		s = strchr(p, '/');
		if (s == NULL)
			s = p + strlen(p);
		len = (size_t)(s - p);
		if (len == 0 || (len == 1 && p[0] == '.'))
			continue;
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			char *slash;
			if (path.len == 0) {
				why = TK_MD_PATH_OUTSIDE;
				break;
			}
			slash = strrchr(path.s, '/');
			path.len = slash ? (size_t)(slash - path.s) : 0;
			path.s[path.len] = '\0';
			continue;
		}
		if (path.len)
			tk_buf_putc(&path, '/');
		tk_buf_add(&path, p, len);
	}
	tk_buf_free(&seg);
	if (why == TK_MD_PATH_OK && path.len == 0)
		why = TK_MD_PATH_EMPTY;
	if (why != TK_MD_PATH_OK || path.oom) {
		tk_buf_free(&path);
		return why != TK_MD_PATH_OK ? why : TK_MD_PATH_EMPTY;
	}
	*out = tk_buf_detach(&path);
	return TK_MD_PATH_OK;
}

/* ---- checks --------------------------------------------------------- */

struct check {
	const struct tk_md_doc *doc;
	const char *root, *dir;
	char *real_root;
	struct tk_diags *d;
};

enum { T_OK, T_MISSING, T_NOT_FILE, T_ESCAPES };

/* Is root/rel a regular file inside root (symbolic links followed)? */
static int target(struct check *c, const char *rel)
{
	struct tk_buf full = TK_BUF_INIT;
	struct stat st;
	char *real;
	int r = T_OK;
	size_t n;

	tk_buf_printf(&full, "%s/%s", c->root, rel);
	if (stat(tk_buf_str(&full), &st) != 0)
		r = T_MISSING;
	else if (!S_ISREG(st.st_mode))
		r = T_NOT_FILE;
	else if (c->real_root && (real = realpath(tk_buf_str(&full), NULL)) != NULL) {
		n = strlen(c->real_root);
		if (strncmp(real, c->real_root, n) != 0 || (real[n] != '/' && n > 1))
			r = T_ESCAPES;
		free(real);
	}
	tk_buf_free(&full);
	return r;
}

static int allowed_scheme(const char *url)
{
	static const char *const ok[] = {"http:", "https:", "mailto:", "tel:"};
	size_t i;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (!strncasecmp(url, ok[i], strlen(ok[i])))
			return 1;
	return 0;
}

static void check_image(struct check *c, const struct tk_md_node *n)
{
	struct tk_buf alt = TK_BUF_INIT;
	const char *f = c->doc->file, *url = n->url;
	char *rel = NULL;
	int why, t;

	tk_md_plain(n, &alt);
	if (alt.s == NULL || *tk_trim(alt.s) == '\0')
		tk_diags_add(c->d, TK_DIAG_ERROR, f, n->line,
			     "image '%s' has no alt text (write ![what it shows](%s))", url, url);
	tk_buf_free(&alt);
	why = tk_md_resolve(c->dir, url, &rel);
	switch (why) {
	case TK_MD_PATH_SCHEME:
		tk_diags_add(c->d, TK_DIAG_ERROR, f, n->line,
			     "image '%s' is not a file of the course (courses work offline)", url);
		return;
	case TK_MD_PATH_ABSOLUTE:
		tk_diags_add(c->d, TK_DIAG_ERROR, f, n->line,
			     "image '%s' has an absolute path (name it relative to the lesson)", url);
		return;
	case TK_MD_PATH_OUTSIDE:
		tk_diags_add(c->d, TK_DIAG_ERROR, f, n->line,
			     "image '%s' is outside the course folder", url);
		return;
	case TK_MD_PATH_EMPTY:
		tk_diags_add(c->d, TK_DIAG_ERROR, f, n->line, "image without a file name");
		return;
	}
	t = target(c, rel);
	if (t == T_MISSING)
		tk_diags_add(c->d, TK_DIAG_ERROR, f, n->line, "image '%s' does not exist", url);
	else if (t == T_NOT_FILE)
		tk_diags_add(c->d, TK_DIAG_ERROR, f, n->line, "image '%s' is not a file", url);
	else if (t == T_ESCAPES)
		tk_diags_add(c->d, TK_DIAG_ERROR, f, n->line,
			     "image '%s' is outside the course folder (a symbolic link)", url);
	free(rel);
}

static void check_link(struct check *c, const struct tk_md_node *n)
{
	const char *f = c->doc->file, *url = n->url;
	char *rel = NULL;
	int why, t;

	if (url[0] == '\0') {
		tk_diags_add(c->d, TK_DIAG_ERROR, f, n->line, "a link without a target");
		return;
	}
	if (url[0] == '#')
		return;
	why = tk_md_resolve(c->dir, url, &rel);
	switch (why) {
	case TK_MD_PATH_SCHEME:
		if (!allowed_scheme(url))
			tk_diags_add(c->d, TK_DIAG_ERROR, f, n->line,
				     "link '%s': only http, https, mailto and tel links are allowed",
				     url);
		return;
	case TK_MD_PATH_ABSOLUTE:
		tk_diags_add(c->d, TK_DIAG_ERROR, f, n->line,
			     "link '%s' has an absolute path (name it relative to the lesson)", url);
		return;
	case TK_MD_PATH_OUTSIDE:
		tk_diags_add(c->d, TK_DIAG_ERROR, f, n->line,
			     "link '%s' is outside the course folder", url);
		return;
	case TK_MD_PATH_EMPTY:
		return;         /* "?x": the lesson itself */
	}
	t = target(c, rel);
	if (t == T_MISSING || t == T_NOT_FILE)
		tk_diags_add(c->d, TK_DIAG_ERROR, f, n->line,
			     "link '%s' names no file of the course", url);
	else if (t == T_ESCAPES)
		tk_diags_add(c->d, TK_DIAG_ERROR, f, n->line,
			     "link '%s' is outside the course folder (a symbolic link)", url);
	free(rel);
}

static int check_fn(void *ud, const struct tk_md_node *n, int entering)
{
	struct check *c = ud;

	if (!entering)
		return 0;
	if (n->kind == TK_MD_IMAGE)
		check_image(c, n);
	else if (n->kind == TK_MD_LINK)
		check_link(c, n);
	return 0;
}

void tk_md_check(const struct tk_md_doc *doc, const char *root, const char *dir,
		 struct tk_diags *diags)
{
	struct check c = {doc, root, dir ? dir : "", NULL, diags};
	const struct tk_md_node *b;
	int content = 0;

	c.real_root = realpath(root, NULL);
	tk_md_walk(doc->root, check_fn, &c);
	free(c.real_root);
	for (b = doc->root->first; b; b = b->next)
		if (b->kind != TK_MD_HEADING && b->kind != TK_MD_RULE)
			content = 1;
	if (!content)
		tk_diags_add(diags, TK_DIAG_ERROR, doc->file, 1,
			     "the lesson is empty (it has no text besides headings)");
}
