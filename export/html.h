/*
 * html.h -- HTML that tiku writes for browsers and LMSs: lesson bodies
 * (the Markdown tree of markdown.h) and item text (the rich fragments of
 * item.h).  Only a closed set of elements comes out, every text and
 * attribute escaped, so that whatever a course or a bank holds -- an
 * item stem saying "<script>" included -- is shown as text and never
 * runs.  Where files and links point is asked of the caller.
 */
#ifndef TK_HTML_H
#define TK_HTML_H

#include "markdown.h"
#include "tiku.h"
#include "util.h"

/*
 * Where things go, answered by the caller.  image: the URL to write for
 * an image the text names as src (relative to the text's folder), or
 * NULL to refuse it, after saying why in err.  link: the same for a
 * link's url (NULL: refused).  The returned strings stay the caller's
 * and must live until the next call.  line: in the input, for messages.
 */
struct tk_html_refs {
	const char *(*image)(void *ud, const char *src, int line, struct tk_error *err);
	const char *(*link)(void *ud, const char *url, int line, struct tk_error *err);
	void *ud;
	/*
	 * What the next gap of a fill item becomes, appended to out as HTML
	 * (the caller counts them).  NULL: a line to write on.
	 */
	void (*gap)(void *ud, struct tk_buf *out);
	/*
	 * TK_HTML_XML: item text as XML that QTI's XHTML subset takes:
	 * empty elements closed, tables bare, underline as <span class="u">.
	 */
	int flags;
};
#define TK_HTML_XML 1

/* Append s as HTML text (also safe inside a quoted attribute). */
void tk_html_escape(struct tk_buf *out, const char *s);

/*
 * A lesson body as HTML: headings, paragraphs, lists, tables (inside
 * <div class="table-wrap">, cells with class al-l/al-c/al-r when
 * aligned), code, quotes, 话术 dialogues as
 *   <div class="dialogue" role="group" aria-label="话术">
 *     <div class="turn agent"><span class="who">坐席</span><p>..</p></div>
 * and call-outs as <aside class="callout key|caution|case">
 * <p class="callout-title">要点</p>..</aside>.  TK_OK, or the first
 * refusal of refs (TK_EINPUT).
 */
int tk_html_markdown(struct tk_buf *out, const struct tk_md_doc *doc,
		     const struct tk_html_refs *refs, struct tk_error *err);

/*
 * An item's rich text (stem, option, answer, explanation) as HTML: p,
 * lists, tables (in div.table-wrap), strong, em, u, sub, sup, br, images
 * through refs->image, and a gap to fill as <span class="gap">.  Text
 * that is not a well-formed fragment is written as escaped text.
 */
int tk_html_fragment(struct tk_buf *out, const char *frag, const struct tk_html_refs *refs,
		     struct tk_error *err);

/* The plain text of a fragment (for search and for formats without markup). */
void tk_html_fragment_text(struct tk_buf *out, const char *frag);

/* Append s as a JSON string, quotes included; <, >, & and the line
   separators escaped too, so that it is safe inside a script. */
void tk_html_json(struct tk_buf *out, const char *s);

#endif
