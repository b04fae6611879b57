/*
 * markdown.h -- lesson bodies: CommonMark with GitHub tables, read with
 * libcmark-gfm into a small tree of tiku's own that the renderers walk.
 *
 * The tree knows the two block forms the field writes besides plain
 * Markdown:
 *
 *   ```话术                         a dialogue (TK_MD_DIALOGUE), one
 *   坐席：您好，请问有什么可以帮您？    TK_MD_TURN per line that starts
 *   客户：我想查一下话费。             with 坐席： or 客户： (a line
 *   ```                              without one continues the turn)
 *
 *   > [!要点]                       a call-out (TK_MD_CALLOUT): 要点,
 *   > 先核实身份，再办理业务。           注意 or 案例, with an optional
 *                                    title after the marker
 *
 * Raw HTML is never passed through (cmark's safe mode): it is left out
 * of the tree, with a warning.  Links and images keep their URLs as
 * written; tk_md_check() says whether they stay inside the course
 * folder and resolve.
 *
 * Lifecycle: tk_md_parse() -> walk the tree (tk_md_walk() or the first,
 * next and parent pointers) -> tk_md_free().
 */
#ifndef TK_MARKDOWN_H
#define TK_MARKDOWN_H

#include <stddef.h>

#include "diag.h"
#include "tiku.h"
#include "util.h"

enum {
	TK_MD_DOCUMENT,
	/* blocks */
	TK_MD_PARAGRAPH,
	TK_MD_HEADING,          /* level 1..6 */
	TK_MD_QUOTE,
	TK_MD_CALLOUT,          /* callout: TK_CALLOUT_*; text: its title or NULL */
	TK_MD_LIST,             /* ordered, start, tight */
	TK_MD_ITEM,
	TK_MD_CODE_BLOCK,       /* text: the code; info: the fence's info string */
	TK_MD_DIALOGUE,         /* children: TK_MD_TURN */
	TK_MD_TURN,             /* speaker: TK_SPEAKER_*; text: the words */
	TK_MD_TABLE,            /* children: TK_MD_ROW, the header row first */
	TK_MD_ROW,              /* header: the header row */
	TK_MD_CELL,             /* align: TK_ALIGN_* */
	TK_MD_RULE,
	/* inlines */
	TK_MD_TEXT,             /* text */
	TK_MD_CODE,             /* text */
	TK_MD_EMPH,
	TK_MD_STRONG,
	TK_MD_STRIKE,
	TK_MD_LINK,             /* url, title; children: the link text */
	TK_MD_IMAGE,            /* url, title; children: the alt text */
	TK_MD_SOFTBREAK,
	TK_MD_LINEBREAK
};

enum { TK_CALLOUT_KEY, TK_CALLOUT_CAUTION, TK_CALLOUT_CASE };  /* 要点 注意 案例 */
enum { TK_SPEAKER_AGENT, TK_SPEAKER_CUSTOMER };                 /* 坐席 客户 */
enum { TK_ALIGN_NONE, TK_ALIGN_LEFT, TK_ALIGN_CENTER, TK_ALIGN_RIGHT };

struct tk_md_node {
	int kind;               /* TK_MD_* */
	int line;               /* in the Markdown file, from 1 */
	struct tk_md_node *parent, *first, *last, *next;
	char *text;             /* see the kinds above; NULL where none */
	char *url, *title;      /* links and images */
	char *info;             /* code blocks */
	int level;              /* headings */
	int ordered, start, tight;      /* lists */
	int callout;            /* call-outs */
	int speaker;            /* turns */
	int header;             /* table rows */
	int align;              /* table cells */
};

struct tk_md_doc {
	struct tk_md_node *root;        /* TK_MD_DOCUMENT */
	char *file;             /* the name used in messages */
};

/*
 * Parse a lesson body (len bytes of UTF-8).  name is used in messages.
 * Problems go to diags (may be NULL): text that is not UTF-8 (no tree
 * then), a 话术 line without its speaker, an unknown call-out (errors),
 * raw HTML left out (a warning).  Returns TK_OK, or TK_EINPUT with the
 * first error in err; *out is set whenever the text could be read at all,
 * TK_EINPUT included, so that a checker can go on: the caller frees it
 * with tk_md_free().
 */
int tk_md_parse(const char *data, size_t len, const char *name,
		struct tk_md_doc **out, struct tk_diags *diags, struct tk_error *err);

/* The same for a file (name in messages: path). */
int tk_md_load(const char *path, struct tk_md_doc **out, struct tk_diags *diags,
	       struct tk_error *err);

/* Free a tree; accepts NULL. */
void tk_md_free(struct tk_md_doc *doc);

/*
 * Call fn for every node below and including n, in document order: once
 * entering (entering 1) and, for nodes with children, once leaving (0).
 * A non-zero return from fn stops the walk and is returned.  Iterative:
 * deep nesting costs no stack.
 */
int tk_md_walk(const struct tk_md_node *n,
	       int (*fn)(void *ud, const struct tk_md_node *n, int entering), void *ud);

/* Append the plain text of n (its text nodes; breaks as spaces) to out. */
void tk_md_plain(const struct tk_md_node *n, struct tk_buf *out);

/*
 * Check a body against the folder it lives in: root is the course folder,
 * dir the body's folder relative to root ("" or "lessons").  Every image
 * is a file inside root that exists and has alt text; every relative link
 * names a file inside root that exists (an anchor "#x" alone is fine);
 * links use http, https, mailto or tel, or none; the body says something
 * besides headings.  Problems go to diags with the body's lines.
 */
void tk_md_check(const struct tk_md_doc *doc, const char *root, const char *dir,
		 struct tk_diags *diags);

/* Why tk_md_resolve() refused a path. */
enum { TK_MD_PATH_OK, TK_MD_PATH_ABSOLUTE, TK_MD_PATH_SCHEME, TK_MD_PATH_OUTSIDE,
       TK_MD_PATH_EMPTY };

/*
 * Resolve rel, a path written in a file of folder dir (dir relative to
 * the course folder, "" for the folder itself), to a path relative to
 * the course folder: "." and ".." followed, "%XX" decoded, "?..." and
 * "#..." dropped.  Returns TK_MD_PATH_OK with *out set (caller frees),
 * or why not: an absolute path, a URL with a scheme, a path that climbs
 * out of the folder, nothing left once the anchor is dropped.
 */
int tk_md_resolve(const char *dir, const char *rel, char **out);

#endif
