/*
 * docxout.h -- papers and answer keys as editable Word documents
 * (WordprocessingML, .docx), for schools that print from their own
 * template.  The content and its order are the PDF's (render.h): the
 * head, 注意事项, the score table, the sections and their items, answer
 * space; the key's answers, rubrics and 解析.  Every font is set by a
 * named style (试卷标题, 大题标题, 试题, 选项 ...), never on the text, so
 * that restyling the paper means editing its styles.  The footer says
 * 第X页 共Y页 with Word's PAGE and NUMPAGES fields.
 *
 * A school's template (a .docx of theirs) gives the page (size,
 * margins, orientation: its w:sectPr), its headers and footers, and its
 * styles; the paper's styles are added where the template has none of
 * that id, so a paper written before, restyled and given back as the
 * template, prints in the school's styles.
 *
 * The same paper, options and template give the same bytes.
 */
#ifndef TK_DOCXOUT_H
#define TK_DOCXOUT_H

#include "image.h"
#include "paper.h"
#include "paperfmt.h"
#include "tiku.h"
#include "util.h"

/* A school's template, read and checked (tk_docxout_template_read). */
struct tk_docxout_template;

struct tk_docxout_opts {
	const char *font;       /* the body font family; NULL: 宋体 */
	const char *sans;       /* headings; NULL: 黑体 */
	const char *images;     /* where items' images are; NULL: "." */
	/* asked first for an item's image (the bank's); may be NULL */
	const struct tk_image_store *store;
	int key;                /* the answer key instead of the paper */
	int explanations;       /* with key: each item's 解析 too */
	const struct tk_docxout_template *tpl;     /* NULL: A4, our header and footer */
	/* a practice paper's title line, class and date; an official paper
	   takes none (TK_EINPUT) */
	struct tk_paperfmt_class cls;
};

/*
 * Read the Word document at path as a template: its page setup, its
 * header and footer parts (with what they show), its styles, numbering
 * and theme.  TK_EINPUT naming path when it is not a Word document (not
 * a zip, no main document, not well-formed).  *t is the caller's, freed
 * with tk_docxout_template_free().
 */
int tk_docxout_template_read(const char *path, struct tk_docxout_template **t, struct tk_error *err);
void tk_docxout_template_free(struct tk_docxout_template *t);

/*
 * The paper (or its key, per o) as a .docx, appended to out.  Images
 * (PNG, JPEG, GIF) are embedded from o->store, else from o->images; one
 * that is missing or unreadable is TK_EINPUT naming the item.  *items,
 * when not NULL, gets the number of items written.
 */
int tk_docxout_paper(const struct tk_paper *p, const struct tk_docxout_opts *o, struct tk_buf *out,
		  int *items, struct tk_error *err);

/* The same into the file path, written whole or not at all. */
int tk_docxout_file(const struct tk_paper *p, const struct tk_docxout_opts *o, const char *path,
		 int *items, struct tk_error *err);

#endif
