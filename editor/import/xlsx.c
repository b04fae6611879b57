/*
 * xlsx.c -- items from a sheet of an Excel workbook: the package's parts
 * found through their relationships, the sheet's cells laid out in rows,
 * and the rows handed to the table layout (table.c), as CSV records are.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "i18n.h"
#include "row.h"
#include "table.h"
#include "unpack.h"
#include "util.h"
#include "opc.h"
#include "xlsx.h"
#include "xml.h"

#define MAX_COLS 16384          /* Excel's own: A..XFD */
#define MAX_ROWS 1048576
#define MAX_FILLED 4000000      /* cells filled in from merged cells */

struct cell {
	int col;
	char *text;
};

struct row {
	int num;                /* 1-based, as Excel shows it */
	struct cell *c;
	int n, cap;
};

struct merge {
	int r1, c1, r2, c2;     /* 1-based rows, 0-based columns, inclusive */
};

struct book {
	const char *name;
	struct tk_unpack_file *files;
	int nfiles;
	char **sheets, **parts;         /* names and their parts, workbook order */
	int nsheets;
	char **strings;                 /* shared strings */
	int nstrings;
	/* the sheet read */
	struct row *rows;
	int nrows, caprows;
	struct merge *m;
	int nm, capm;
};

static void book_free(struct book *b)
{
	int i, k;

	tk_unpack_free(b->files, b->nfiles);
	for (i = 0; i < b->nsheets; i++) {
		free(b->sheets[i]);
		free(b->parts[i]);
	}
	free(b->sheets);
	free(b->parts);
	for (i = 0; i < b->nstrings; i++)
		free(b->strings[i]);
	free(b->strings);
	for (i = 0; i < b->nrows; i++) {
		for (k = 0; k < b->rows[i].n; k++)
			free(b->rows[i].c[k].text);
		free(b->rows[i].c);
	}
	free(b->rows);
	free(b->m);
}

static int oom(struct tk_error *err, const char *name)
{
	return tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
}

/* ---- parts and relationships ------------------------------------------ */

/* A part's XML, or NULL when the package has no such part. */
static int part_doc(struct book *b, const char *part, xmlDocPtr *doc, struct tk_error *err)
{
	const struct tk_unpack_file *f = tk_unpack_find(b->files, b->nfiles, part);
	char where[256];
	int rc;

	*doc = NULL;
	if (f == NULL)
		return TK_OK;
	snprintf(where, sizeof where, "%s: %s", b->name, part);
	rc = tk_xml_parse((const char *)f->data, f->len, where, doc, err);
	if (rc == TK_OK && xmlDocGetRootElement(*doc) == NULL) {
		xmlFreeDoc(*doc);
		*doc = NULL;
		rc = tk_error_set(err, TK_EINPUT, where, 0, _("not well-formed XML: no root element"));
	}
	return rc;
}

/* The value of an attribute by its local name, in any namespace (r:id). */
static char *attr_any(xmlNodePtr n, const char *local)
{
	xmlAttrPtr a;

	for (a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, local)) {
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			char *s = v ? strdup((const char *)v) : NULL;
			xmlFree(v);
			return s;
		}
	return NULL;
}



/*
 * The target of the relationship of part with id (or, when id is NULL,
 * the first whose type ends in type), resolved; NULL in *out when there
 * is none.
 */
static int relation(struct book *b, const char *part, const char *id, const char *type,
		    char **out, struct tk_error *err)
{
	char *rels = tk_opc_rels_name(part);
	xmlDocPtr doc = NULL;
	xmlNodePtr r;
	int rc;

	*out = NULL;
	if (rels == NULL)
		return oom(err, b->name);
	rc = part_doc(b, rels, &doc, err);
	free(rels);
	if (rc != TK_OK || doc == NULL)
		return rc;
	for (r = tk_xml_child(xmlDocGetRootElement(doc), "Relationship"); r;
	     r = tk_xml_next(r, "Relationship")) {
		char *rid = attr_any(r, "Id"), *rt = attr_any(r, "Type"), *t = attr_any(r, "Target");
		size_t tl = strlen(type ? type : ""), rl = rt ? strlen(rt) : 0;
		int hit = t && (id ? rid && !strcmp(rid, id) :
				rt && rl >= tl && !strcmp(rt + rl - tl, type));
		if (hit && (*out = tk_opc_resolve(part, t)) == NULL)
			rc = oom(err, b->name);
		free(rid);
		free(rt);
		free(t);
		if (hit)
			break;
	}
	xmlFreeDoc(doc);
	return rc;
}

/* ---- strings ----------------------------------------------------------- */

/*
 * Text as Excel shows it: _xHHHH_ escapes decoded (how SpreadsheetML
 * writes control characters; _x005F_ escapes an underscore), line ends
 * as "\n".  Takes s; returns the new text or NULL.
 */
static char *unescape(char *s)
{
	char *r = s, *w = s;

	if (strstr(s, "_x") == NULL && strchr(s, '\r') == NULL)
		return s;
	while (*r) {
		unsigned cp;
		if (r[0] == '_' && r[1] == 'x' && strspn(r + 2, "0123456789abcdefABCDEF") >= 4 &&
		    r[6] == '_' && sscanf(r + 2, "%4x", &cp) == 1) {
			r += 7;
			if (cp == '\r') {
				if (*r == '\n' || !strncmp(r, "_x000A_", 7) || !strncmp(r, "_x000a_", 7))
					continue;
				cp = '\n';
			}
			/* what XML cannot hold cannot be an item's text either */
			if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0xD800 && cp <= 0xDFFF) ||
			    cp == 0xFFFE || cp == 0xFFFF)
				continue;
			if (cp >= 0x80) {
				/* UTF-8 of cp is no longer than its escape */
				struct tk_buf u = TK_BUF_INIT;
				tk_buf_utf8(&u, cp);
				if (u.s && !u.oom)
					for (size_t i = 0; i < u.len; i++)
						*w++ = u.s[i];
				tk_buf_free(&u);
			} else {
				*w++ = (char)cp;
			}
			continue;
		}
		if (r[0] == '\r') {
			r++;
			if (*r != '\n')
				*w++ = '\n';
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return s;
}

/* The text of an <si> or <is>: its <t>, or the <t> of each run, joined
   (phonetic runs, <rPh>, are no part of it).  Caller frees. */
static char *string_item(xmlNodePtr si)
{
	struct tk_buf b = TK_BUF_INIT;
	xmlNodePtr c, t;

	for (c = tk_xml_child(si, NULL); c; c = tk_xml_next(c, NULL)) {
		if (tk_xml_is(c, "t")) {
			t = c;
		} else if (tk_xml_is(c, "r")) {
			t = tk_xml_child(c, "t");
			if (t == NULL)
				continue;
		} else {
			continue;
		}
		xmlChar *v = xmlNodeGetContent(t);
		if (v)
			tk_buf_puts(&b, (const char *)v);
		xmlFree(v);
	}
	if (b.oom) {
		tk_buf_free(&b);
		return NULL;
	}
	return unescape(b.s ? tk_buf_detach(&b) : strdup(""));
}

static int shared_strings(struct book *b, const char *wb, struct tk_error *err)
{
	char *part = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr si;
	int rc, cap = 0;

	rc = relation(b, wb, NULL, "/sharedStrings", &part, err);
	if (rc == TK_OK && part == NULL && (part = strdup("xl/sharedStrings.xml")) == NULL)
		rc = oom(err, b->name);
	if (rc == TK_OK)
		rc = part_doc(b, part, &doc, err);
	free(part);
	if (rc != TK_OK || doc == NULL)
		return rc;
	for (si = tk_xml_child(xmlDocGetRootElement(doc), "si"); si; si = tk_xml_next(si, "si")) {
		if (b->nstrings == cap) {
			char **v = realloc(b->strings, (size_t)(cap = cap ? cap * 2 : 256) * sizeof *v);
			if (v == NULL) {
				rc = oom(err, b->name);
				break;
			}
			b->strings = v;
		}
		if ((b->strings[b->nstrings] = string_item(si)) == NULL) {
			rc = oom(err, b->name);
			break;
		}
		b->nstrings++;
	}
	xmlFreeDoc(doc);
	return rc;
}

/* ---- the workbook ----------------------------------------------------- */

static int open_book(struct book *b, const char *data, size_t len, char **wb,
		     struct tk_error *err)
{
	static const unsigned char ole[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	xmlDocPtr doc = NULL;
	xmlNodePtr s;
	int rc, cap = 0;

	*wb = NULL;
	if (len >= sizeof ole && !memcmp(data, ole, sizeof ole))
		return tk_error_set(err, TK_EINPUT, b->name, 0,
				    _("an Excel 97-2003 workbook (.xls) or another OLE file: "
				      "save it as an Excel workbook (.xlsx)"));
	if (len < 4 || memcmp(data, "PK\003\004", 4))
		return tk_error_set(err, TK_EINPUT, b->name, 0,
				    _("not an Excel workbook (.xlsx): not a zip archive"));
	rc = tk_unpack(data, len, NULL, TK_UNPACK_SKIP_DIRS, &b->files, &b->nfiles, err);
	if (rc != TK_OK) {
		char why[sizeof err->msg];
		snprintf(why, sizeof why, "%s", err->msg);
		return tk_error_set(err, rc == TK_EINTERNAL ? rc : TK_EINPUT, b->name, 0,
				    _("not an Excel workbook (.xlsx): %s"), why);
	}
	/* the package's main part, by its relationship, else where Excel puts it */
	rc = relation(b, "", NULL, "/officeDocument", wb, err);
	if (rc == TK_OK && *wb == NULL && (*wb = strdup("xl/workbook.xml")) == NULL)
		rc = oom(err, b->name);
	if (rc == TK_OK && tk_unpack_find(b->files, b->nfiles, *wb) == NULL)
		rc = tk_error_set(err, TK_EINPUT, b->name, 0,
				  _("no workbook in the archive (%s): not an Excel workbook "
				    "(.xlsx)?"), *wb);
	if (rc == TK_OK)
		rc = part_doc(b, *wb, &doc, err);
	if (rc != TK_OK)
		return rc;
	for (s = tk_xml_child(tk_xml_child(xmlDocGetRootElement(doc), "sheets"), "sheet"); s;
	     s = tk_xml_next(s, "sheet")) {
		char *name = attr_any(s, "name"), *rid = attr_any(s, "id"), *part = NULL;
		if (name == NULL || rid == NULL) {
			free(name);
			free(rid);
			continue;
		}
		rc = relation(b, *wb, rid, NULL, &part, err);
		free(rid);
		if (rc == TK_OK && b->nsheets == cap) {
			char **v = realloc(b->sheets, (size_t)(cap = cap ? cap * 2 : 8) * sizeof *v);
			char **w = v ? realloc(b->parts, (size_t)cap * sizeof *w) : NULL;
			if (v)
				b->sheets = v;
			if (w)
				b->parts = w;
			if (v == NULL || w == NULL)
				rc = oom(err, b->name);
		}
		if (rc != TK_OK) {
			free(name);
			free(part);
			break;
		}
		b->sheets[b->nsheets] = name;
		b->parts[b->nsheets++] = part;     /* NULL: a sheet with no part */
	}
	xmlFreeDoc(doc);
	if (rc == TK_OK && b->nsheets == 0)
		rc = tk_error_set(err, TK_EINPUT, b->name, 0, _("the workbook has no sheets"));
	if (rc == TK_OK)
		rc = shared_strings(b, *wb, err);
	return rc;
}

/* The index of the sheet called name (NULL: the first), or an error listing them. */
static int pick_sheet(struct book *b, const char *name, int *i, struct tk_error *err)
{
	struct tk_buf list = TK_BUF_INIT;
	int k;

	*i = 0;
	if (name == NULL)
		return TK_OK;
	for (k = 0; k < b->nsheets; k++)
		if (!strcmp(b->sheets[k], name)) {
			*i = k;
			return TK_OK;
		}
	for (k = 0; k < b->nsheets; k++)
		if (!strcasecmp(b->sheets[k], name)) {
			*i = k;
			return TK_OK;
		}
	for (k = 0; k < b->nsheets; k++)
		tk_buf_printf(&list, "%s'%s'", k ? ", " : "", b->sheets[k]);
	if (list.oom) {
		tk_buf_free(&list);
		return oom(err, b->name);
	}
	k = tk_error_set(err, TK_EINPUT, b->name, 0, _("no sheet '%s' in the workbook (its "
						      "sheets: %s)"), name, list.s);
	tk_buf_free(&list);
	return k;
}

/* ---- a sheet's cells --------------------------------------------------- */

/* "AB12" -> column 27 (0-based) and row 12; 0 when it is no cell reference. */
static int cell_ref(const char *s, int *col, int *row)
{
	long c = 0, r = 0;
	int k = 0;

	while (*s >= 'A' && *s <= 'Z' && k < 3) {
		c = c * 26 + (*s++ - 'A' + 1);
		k++;
	}
	while (*s == '$')
		s++;
	if (k == 0 || c > MAX_COLS || *s < '1' || *s > '9')
		return 0;
	while (*s >= '0' && *s <= '9' && r <= MAX_ROWS)
		r = r * 10 + (*s++ - '0');
	if (*s != '\0' || r > MAX_ROWS)
		return 0;
	*col = (int)c - 1;
	*row = (int)r;
	return 1;
}

/* A number as Excel shows it in a General cell: the shortest form that
   reads back as the same double, no trailing zeros, no exponent for
   what has up to 15 digits.  Caller frees. */
static char *number_text(const char *v)
{
	char *end, buf[64];
	double d = strtod(v, &end);
	int prec;

	while (*end == ' ')
		end++;
	if (end == v || *end != '\0' || !isfinite(d))
		return strdup(v);
	if (d == 0)
		return strdup("0");
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	/* 15 significant digits are what a cell holds: 0.1 + 0.2 shows 0.3 */
	if (prec > 15)
		snprintf(buf, sizeof buf, "%.15g", d);
	if (strchr(buf, 'e') && fabs(d) >= 1e-5 && fabs(d) < 1e15) {
		snprintf(buf, sizeof buf, "%.*f", fabs(d) >= 1 ? 0 : 15, d);
		if (strchr(buf, '.')) {
			size_t n = strlen(buf);
			while (buf[n - 1] == '0')
				buf[--n] = '\0';
			if (buf[n - 1] == '.')
				buf[--n] = '\0';
		}
	}
	for (end = buf; *end; end++)
		if (*end == 'e')
			*end = 'E';
	return strdup(buf);
}

/* The text of cell c as Excel shows it; *bad set for a string index that
   does not exist.  Caller frees. */
static char *cell_text(struct book *b, xmlNodePtr c, int *bad)
{
	char *t = attr_any(c, "t"), *out = NULL;
	xmlNodePtr vn = tk_xml_child(c, "v");
	xmlChar *v = vn ? xmlNodeGetContent(vn) : NULL;
	const char *vs = v ? (const char *)v : "";

	if (t && !strcmp(t, "inlineStr")) {
		xmlNodePtr is = tk_xml_child(c, "is");
		out = is ? string_item(is) : strdup("");
	} else if (t && !strcmp(t, "s")) {
		char *end;
		long k = strtol(vs, &end, 10);
		if (v == NULL) {
			out = strdup("");
		} else if (end == vs || *end || k < 0 || k >= b->nstrings) {
			*bad = 1;
			out = strdup("");
		} else {
			out = strdup(b->strings[k]);
		}
	} else if (t && !strcmp(t, "b")) {
		out = strdup(v == NULL ? "" : atoi(vs) ? "TRUE" : "FALSE");
	} else if (t && (!strcmp(t, "str") || !strcmp(t, "e") || !strcmp(t, "d"))) {
		out = unescape(strdup(vs));
	} else {
		out = v == NULL ? strdup("") : number_text(vs);
	}
	free(t);
	xmlFree(v);
	return out;
}

static int add_cell(struct row *r, int col, char *text)
{
	int i;

	/* a cell twice: the later one, as a spreadsheet would overwrite it */
	for (i = r->n - 1; i >= 0 && i >= r->n - 4; i--)
		if (r->c[i].col == col) {
			free(r->c[i].text);
			r->c[i].text = text;
			return 1;
		}
	if (r->n == r->cap) {
		struct cell *v = realloc(r->c, (size_t)(r->cap = r->cap ? r->cap * 2 : 16) * sizeof *v);
		if (v == NULL)
			return 0;
		r->c = v;
	}
	r->c[r->n].col = col;
	r->c[r->n++].text = text;
	return 1;
}

static int by_col(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;

	return (x->col > y->col) - (x->col < y->col);
}

static int by_num(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	return (x->num > y->num) - (x->num < y->num);
}

static struct row *new_row(struct book *b, int num)
{
	if (b->nrows == b->caprows) {
		struct row *v = realloc(b->rows, (size_t)(b->caprows = b->caprows ? b->caprows * 2 : 64) *
					sizeof *v);
		if (v == NULL)
			return NULL;
		b->rows = v;
	}
	memset(&b->rows[b->nrows], 0, sizeof b->rows[0]);
	b->rows[b->nrows].num = num;
	return &b->rows[b->nrows++];
}

/* The row numbered num, or NULL. */
static struct row *find_row(struct book *b, int num)
{
	int lo = 0, hi = b->nrows - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (b->rows[mid].num == num)
			return &b->rows[mid];
		if (b->rows[mid].num < num)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

/* The text of (row, col) in a row sorted by column, or NULL. */
static const char *cell_at(const struct row *r, int col)
{
	int lo = 0, hi = r ? r->n - 1 : -1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (r->c[mid].col == col)
			return r->c[mid].text;
		if (r->c[mid].col < col)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

static int read_sheet(struct book *b, int k, struct tk_error *err)
{
	const char *sheet = b->sheets[k];
	xmlDocPtr doc = NULL;
	xmlNodePtr root, rn, cn, mn;
	int rc, last = 0, i, filled = 0;

	if (b->parts[k] == NULL || tk_unpack_find(b->files, b->nfiles, b->parts[k]) == NULL)
		return tk_error_set(err, TK_EINPUT, b->name, 0,
				    _("sheet '%s' is missing from the workbook (%s)"), sheet,
				    b->parts[k] ? b->parts[k] : _("no part named"));
	if ((rc = part_doc(b, b->parts[k], &doc, err)) != TK_OK)
		return rc;
	root = xmlDocGetRootElement(doc);
	if (!tk_xml_is(root, "worksheet")) {
		xmlFreeDoc(doc);
		return tk_error_set(err, TK_EINPUT, b->name, 0,
				    _("sheet '%s' is not a worksheet (a chart or dialog sheet)"), sheet);
	}
	for (rn = tk_xml_child(tk_xml_child(root, "sheetData"), "row"); rn && rc == TK_OK;
	     rn = tk_xml_next(rn, "row")) {
		char *rs = attr_any(rn, "r");
		int num = rs ? atoi(rs) : last + 1, col = -1;
		struct row *r;
		free(rs);
		if (num < 1 || num > MAX_ROWS) {
			rc = tk_error_set(err, TK_EINPUT, b->name, 0,
					  _("%s: a row numbered %d"), sheet, num);
			break;
		}
		last = num;
		if ((r = new_row(b, num)) == NULL) {
			rc = oom(err, b->name);
			break;
		}
		for (cn = tk_xml_child(rn, "c"); cn; cn = tk_xml_next(cn, "c")) {
			char *ref = attr_any(cn, "r"), *text;
			int c2 = col + 1, r2 = num, bad = 0;
			if (ref && !cell_ref(ref, &c2, &r2)) {
				rc = tk_error_set(err, TK_EINPUT, b->name, 0,
						  _("%s row %d: '%s' is not a cell reference"), sheet,
						  num, ref);
				free(ref);
				break;
			}
			free(ref);
			if (r2 != num || c2 >= MAX_COLS) {
				rc = tk_error_set(err, TK_EINPUT, b->name, 0,
						  _("%s row %d: a cell of another row in it"), sheet, num);
				break;
			}
			col = c2;
			if ((text = cell_text(b, cn, &bad)) == NULL || !add_cell(r, col, text)) {
				free(text);
				rc = oom(err, b->name);
				break;
			}
			if (bad) {
				rc = tk_error_set(err, TK_EINPUT, b->name, 0,
						  _("%s row %d: a cell names a shared string that "
						    "does not exist"), sheet, num);
				break;
			}
		}
	}
	for (mn = tk_xml_child(tk_xml_child(root, "mergeCells"), "mergeCell"); mn && rc == TK_OK;
	     mn = tk_xml_next(mn, "mergeCell")) {
		char *ref = attr_any(mn, "ref"), *colon = ref ? strchr(ref, ':') : NULL;
		struct merge m;
		if (colon)
			*colon = '\0';
		if (colon && cell_ref(ref, &m.c1, &m.r1) && cell_ref(colon + 1, &m.c2, &m.r2) &&
		    m.r1 <= m.r2 && m.c1 <= m.c2) {
			if (b->nm == b->capm) {
				struct merge *v = realloc(b->m, (size_t)(b->capm = b->capm ? b->capm * 2 : 16) *
							  sizeof *v);
				if (v == NULL)
					rc = oom(err, b->name);
				else
					b->m = v;
			}
			if (rc == TK_OK)
				b->m[b->nm++] = m;
		}
		free(ref);
	}
	xmlFreeDoc(doc);
	if (rc != TK_OK)
		return rc;
	/* rows and cells in order, whatever order the file gave them in */
	if (b->nrows > 1)
		qsort(b->rows, (size_t)b->nrows, sizeof *b->rows, by_num);
	for (i = 0; i < b->nrows; i++)
		if (b->rows[i].n > 1)
			qsort(b->rows[i].c, (size_t)b->rows[i].n, sizeof *b->rows[i].c, by_col);
	for (i = 1; i < b->nrows; i++)
		if (b->rows[i].num == b->rows[i - 1].num)
			return tk_error_set(err, TK_EINPUT, b->name, 0, _("%s: row %d twice"), sheet,
					    b->rows[i].num);
	/* a value merged down rows is every row's (题型 over a block of items) */
	for (i = 0; i < b->nm; i++) {
		const struct merge *m = &b->m[i];
		const char *top = cell_at(find_row(b, m->r1), m->c1);
		int j;
		if (m->r2 == m->r1 || top == NULL || !top[0])
			continue;
		for (j = 0; j < b->nrows; j++) {
			struct row *r = &b->rows[j];
			char *copy;
			if (r->num <= m->r1 || r->num > m->r2 || cell_at(r, m->c1) != NULL)
				continue;
			if (++filled > MAX_FILLED)
				return tk_error_set(err, TK_EINPUT, b->name, 0,
						    _("%s: too many merged cells"), sheet);
			if ((copy = strdup(top)) == NULL || !add_cell(r, m->c1, copy)) {
				free(copy);
				return oom(err, b->name);
			}
			qsort(r->c, (size_t)r->n, sizeof *r->c, by_col);
		}
	}
	return TK_OK;
}

/* ---- rows to the table ------------------------------------------------- */

/* A row as the table takes it: dense, trimmed, "" where nothing is. */
struct dense {
	char **f;
	int n, cap;
	struct tk_buf text;
};

static int densify(struct dense *d, const struct row *r)
{
	int i, n = r->n ? r->c[r->n - 1].col + 1 : 0;

	if (n > d->cap) {
		char **v = realloc(d->f, (size_t)n * sizeof *v);
		if (v == NULL)
			return 0;
		d->f = v;
		d->cap = n;
	}
	for (i = 0; i < n; i++)
		d->f[i] = (char *)"";
	for (i = 0; i < r->n; i++)
		d->f[r->c[i].col] = tk_trim(r->c[i].text);
	d->n = n;
	return 1;
}

static int blank_row(const struct row *r)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (tk_trim(r->c[i].text)[0])
			return 0;
	return 1;
}

/* The horizontal merge starting at (row, col), or NULL. */
static const struct merge *merge_at(const struct book *b, int row, int col)
{
	int i;

	for (i = 0; i < b->nm; i++)
		if (b->m[i].r1 == row && b->m[i].c1 == col && b->m[i].c2 > b->m[i].c1)
			return &b->m[i];
	return NULL;
}

/* A title above the header: the row is one merged cell across columns. */
static int title_row(const struct book *b, const struct row *r)
{
	int i, n = 0, col = -1;

	for (i = 0; i < r->n; i++)
		if (tk_trim(r->c[i].text)[0]) {
			n++;
			col = r->c[i].col;
		}
	return n == 1 && merge_at(b, r->num, col) != NULL;
}

/* A column's name from a two-row header: "选项" over "A" is "选项A". */
static char *two_rows(const char *top, const char *sub)
{
	struct tk_buf b = TK_BUF_INIT;

	if (top == NULL || !top[0] || (sub && !strncmp(sub, top, strlen(top))))
		tk_buf_puts(&b, sub ? sub : "");
	else if (sub == NULL || !sub[0])
		tk_buf_puts(&b, top);
	else
		tk_buf_printf(&b, "%s%s", top, sub);
	if (b.oom) {
		tk_buf_free(&b);
		return NULL;
	}
	return b.s ? tk_buf_detach(&b) : strdup("");
}

/*
 * The header when the row h has a cell merged across columns and the row
 * s below names each of its columns ("选项" over "A", "B", ...): every
 * column's name from both rows, in names (n of them; caller frees).  0
 * when the two rows are no such header, -1 when out of memory.
 */
static int header_of_two(const struct book *b, const struct row *h, const struct row *s,
			 char ***names, int *n)
{
	int i, c, any = 0, ok = 1, last = 0;
	char **v;

	*names = NULL;
	*n = 0;
	if (s == NULL)
		return 0;
	for (i = 0; i < h->n; i++) {
		const struct merge *m = merge_at(b, h->num, h->c[i].col);
		if (m == NULL || !tk_trim(h->c[i].text)[0])
			continue;
		for (c = m->c1; c <= m->c2 && ok; c++) {
			const char *sub = cell_at(s, c);
			char *name;
			if (sub == NULL || !sub[0])
				continue;
			any = 1;
			if ((name = two_rows(h->c[i].text, sub)) == NULL)
				return -1;
			ok = tk_table_column(name) >= 0;
			free(name);
		}
	}
	if (!any || !ok)
		return 0;
	last = h->n ? h->c[h->n - 1].col : 0;
	if (s->n && s->c[s->n - 1].col > last)
		last = s->c[s->n - 1].col;
	if ((v = calloc((size_t)last + 1, sizeof *v)) == NULL)
		return -1;
	for (c = 0; c <= last; c++) {
		const char *top = cell_at(h, c), *sub = cell_at(s, c);
		int k;
		/* the merged cell's value stands in its first column only */
		for (k = 0; (top == NULL || !top[0]) && k < b->nm; k++)
			if (b->m[k].r1 == h->num && b->m[k].c1 < c && c <= b->m[k].c2)
				top = cell_at(h, b->m[k].c1);
		/* a cell merged down both rows shows its value in each */
		if (top && sub && !strcmp(top, sub))
			sub = NULL;
		if ((v[c] = two_rows(top, sub)) == NULL) {
			for (k = 0; k < c; k++)
				free(v[k]);
			free(v);
			return -1;
		}
		tk_trim(v[c]);
	}
	*names = v;
	*n = last + 1;
	return 1;
}

static int feed(struct book *b, int k, struct tk_table *t, struct tk_diags *mine,
		struct tk_error *err)
{
	const char *sheet = b->sheets[k];
	struct dense d = {NULL, 0, 0, TK_BUF_INIT};
	char where[64 + 32], **names = NULL;
	int i = 0, nn = 0, rc = TK_OK, two;

	/* titles, then the header */
	while (i < b->nrows && (blank_row(&b->rows[i]) || title_row(b, &b->rows[i])))
		i++;
	if (i == b->nrows) {
		tk_diags_add(mine, TK_DIAG_ERROR, b->name, 0,
			     _("sheet '%s' is empty: no header row"), sheet);
		return TK_OK;
	}
	two = header_of_two(b, &b->rows[i], i + 1 < b->nrows ? &b->rows[i + 1] : NULL,
			    &names, &nn);
	if (two < 0)
		return oom(err, b->name);
	snprintf(where, sizeof where, _("%s row %d"), sheet, b->rows[i].num);
	if (two) {
		rc = tk_table_add(t, names, nn, where, 0, b->rows[i].num);
		i += 2;
	} else if (!densify(&d, &b->rows[i])) {
		rc = TK_EINTERNAL;
	} else {
		rc = tk_table_add(t, d.f, d.n, where, 0, b->rows[i].num);
		i++;
	}
	for (; rc == TK_OK && i < b->nrows; i++) {
		if (blank_row(&b->rows[i]))
			continue;
		if (!densify(&d, &b->rows[i])) {
			rc = TK_EINTERNAL;
			break;
		}
		snprintf(where, sizeof where, _("%s row %d"), sheet, b->rows[i].num);
		rc = tk_table_add(t, d.f, d.n, where, 0, b->rows[i].num);
	}
	if (rc != TK_EINTERNAL)
		tk_table_end(t);
	for (i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	free(d.f);
	if (rc == TK_EINTERNAL)
		return oom(err, b->name);
	return TK_OK;
}

int tk_xlsx_parse(const char *data, size_t len, const char *name, const char *sheet,
		  const struct tk_import_defaults *def, struct tk_itemset *set, char **used,
		  struct tk_diags *diags, struct tk_error *err)
{
	struct tk_diags mine = TK_DIAGS_INIT;
	struct tk_table *t = NULL;
	struct book b;
	char *wb = NULL;
	int rc, k = 0;

	if (used)
		*used = NULL;
	if ((rc = tk_import_row_defaults(def, err)) != TK_OK)
		return rc;
	memset(&b, 0, sizeof b);
	b.name = name;
	rc = open_book(&b, data, len, &wb, err);
	if (rc == TK_OK)
		rc = pick_sheet(&b, sheet, &k, err);
	if (rc == TK_OK && used && (*used = strdup(b.sheets[k])) == NULL)
		rc = oom(err, name);
	if (rc == TK_OK)
		rc = read_sheet(&b, k, err);
	/* ids made for rows without 编号 are those the same rows get from
	   CSV: a CSV file saved as a workbook imports as the same items */
	if (rc == TK_OK &&
	    (t = tk_table_new(name, TK_TABLE_SHEET, "csv", def, set, &mine)) == NULL)
		rc = oom(err, name);
	if (rc == TK_OK)
		rc = feed(&b, k, t, &mine, err);
	if (rc != TK_OK && rc != TK_EINTERNAL && err && err->msg[0])
		tk_diags_add(&mine, TK_DIAG_ERROR, err->file[0] ? err->file : name, err->line,
			     "%s", err->msg);
	tk_table_free(t);
	free(wb);
	book_free(&b);
	return tk_import_row_finish(rc, &mine, diags, err);
}
