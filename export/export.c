/* export.c -- items and papers in the formats other tools read.  See export.h. */
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "gift.h"
#include "i18n.h"
#include "moodle.h"
#include "qti.h"
#include "sheet.h"
#include "xlsxout.h"

static const struct {
	const char *name, *ext;
	int binary, paper;
} formats[TK_NEXPORT] = {
	{"xml", ".xml", 0, 0},
	{"moodle", ".xml", 0, 1},
	{"gift", ".gift", 0, 1},
	{"qti21", ".zip", 1, 1},
	{"qti30", ".zip", 1, 1},
	{"csv", ".csv", 0, 0},
	{"xlsx", ".xlsx", 1, 0},
};

int tk_export_format(const char *name)
{
	int f;

	for (f = 0; name && f < TK_NEXPORT; f++)
		if (!strcmp(formats[f].name, name))
			return f;
	return -1;
}

const char *tk_export_name(int f)
{
	return f >= 0 && f < TK_NEXPORT ? formats[f].name : "?";
}

const char *tk_export_ext(int f)
{
	return f >= 0 && f < TK_NEXPORT ? formats[f].ext : "";
}

int tk_export_binary(int f)
{
	return f >= 0 && f < TK_NEXPORT && formats[f].binary;
}

int tk_export_holds_paper(int f)
{
	return f >= 0 && f < TK_NEXPORT && formats[f].paper;
}

static int row_xml(void *ud, const struct tk_row *row)
{
	tk_buf_puts(ud, row->xml);
	return 0;
}

/* The items of one format's writer, whichever way they came. */
static int write_items(struct tk_item *const *items, size_t n, const struct tk_itemfmt_opts *io,
		       const struct tk_export_opts *o, struct tk_buf *out, struct tk_error *err)
{
	struct tk_sheet sh = {NULL, 0};
	int rc;

	switch (o->format) {
	case TK_EXPORT_MOODLE:
		return tk_moodle_write(out, items, n, io, err);
	case TK_EXPORT_GIFT:
		return tk_gift_write(out, items, n, io, err);
	case TK_EXPORT_QTI21:
	case TK_EXPORT_QTI30:
		return tk_qti_package(items, n, o->format == TK_EXPORT_QTI30 ? TK_QTI30 : TK_QTI21,
				      io, out, err);
	case TK_EXPORT_CSV:
	case TK_EXPORT_XLSX:
		if ((rc = tk_sheet_build(items, n, io, &sh, err)) != TK_OK)
			return rc;
		rc = o->format == TK_EXPORT_CSV ? tk_sheet_csv(&sh, o->encoding, out, err)
		   : tk_xlsxout_write(&sh, out, io->diags, err);
		tk_sheet_free(&sh);
		return rc;
	}
	return tk_error_set(err, TK_EUSAGE, NULL, 0, "unknown export format %d", o->format);
}

int tk_export_bank(struct tk_bank *b, const struct tk_query *q, const struct tk_standard *s,
		   const struct tk_export_opts *o, struct tk_buf *out, struct tk_error *err)
{
	struct tk_itemfmt_opts io = {s, o->images, o->diags, o->store, NULL};
	struct tk_itemset set = {0};
	struct tk_buf doc = TK_BUF_INIT;
	int rc;

	if (o->format == TK_EXPORT_XML) {
		tk_items_xml_begin(out, s->id);
		if ((rc = tk_bank_query(b, q, row_xml, out, err)) != TK_OK)
			return rc;
		tk_items_xml_end(out);
		return out->oom ? tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") : TK_OK;
	}
	/* the writers of other tools' formats take items: the matching rows,
	   parsed back from their canonical XML */
	tk_items_xml_begin(&doc, s->id);
	if ((rc = tk_bank_query(b, q, row_xml, &doc, err)) == TK_OK) {
		tk_items_xml_end(&doc);
		if (doc.oom)
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		else
			rc = tk_items_parse_unchecked(doc.s, doc.len, "(bank)", &set, NULL, err);
	}
	tk_buf_free(&doc);
	if (rc == TK_OK)
		rc = write_items(set.items, set.n, &io, o, out, err);
	tk_itemset_free(&set);
	if (rc == TK_OK && out->oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	return rc;
}

int tk_export_paper(const struct tk_paper *p, const struct tk_standard *s,
		    const struct tk_export_opts *o, struct tk_buf *out, struct tk_error *err)
{
	struct tk_itemfmt_opts io = {s, o->images, o->diags, o->store, NULL};
	struct tk_buf cat = TK_BUF_INIT;
	struct tk_item *copies = NULL, **items = NULL;
	const char *c;
	int i, j, n = tk_paper_count(p), rc;

	if (!tk_export_holds_paper(o->format))
		return tk_error_set(err, TK_EUSAGE, NULL, 0,
				    _("a paper goes to qti21, qti30, moodle or gift, not %s"),
				    tk_export_name(o->format));
	if (o->format == TK_EXPORT_QTI21 || o->format == TK_EXPORT_QTI30) {
		rc = tk_qti_paper(p, o->format == TK_EXPORT_QTI30 ? TK_QTI30 : TK_QTI21, &io, out,
				  err);
		goto out;
	}
	/* one category named by the paper, its items in the paper's order,
	   each worth what the paper gives it: copies that share its fields */
	tk_buf_puts(&cat, "$course$/");
	for (c = p->title && *p->title ? p->title : p->id; *c; c++) {
		if (*c == '/')
			tk_buf_putc(&cat, '/');  /* a / inside a name is doubled */
		tk_buf_putc(&cat, *c);
	}
	if (p->title && *p->title)
		tk_buf_printf(&cat, " (%s)", p->id);
	io.category = tk_buf_str(&cat);
	if ((copies = calloc((size_t)(n ? n : 1), sizeof *copies)) == NULL ||
	    (items = calloc((size_t)(n ? n : 1), sizeof *items)) == NULL || cat.oom) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	for (i = n = 0; i < p->nsections; i++)
		for (j = 0; j < p->sections[i].nitems; j++, n++) {
			copies[n] = *p->sections[i].items[j];
			if (p->sections[i].points)
				copies[n].points = p->sections[i].points;
			items[n] = &copies[n];
		}
	rc = write_items(items, (size_t)n, &io, o, out, err);
out:
	if (rc == TK_OK && out->oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	tk_buf_free(&cat);
	free(items);
	free(copies);
	return rc;
}
