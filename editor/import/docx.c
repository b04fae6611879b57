/*
 * docx.c -- Word documents as blocks for the text layout (docx.h).  The
 * package is read with tk_unpack, its parts with libxml2 (no network, no
 * DTD, no entities); nothing in it is trusted: a missing or broken part
 * is an error naming the document, a picture that cannot be kept an error
 * of the item it is in.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx.h"
#include "opc.h"
#include "row.h"
#include "i18n.h"
#include "text.h"
#include "unpack.h"
#include "util.h"
#include "xml.h"

#define NLVL 9

/* Number formats of numbering.xml that Chinese documents use. */
enum {
	FMT_DECIMAL, FMT_DECIMAL_ZERO, FMT_FULLWIDTH, FMT_UPPER_LETTER, FMT_LOWER_LETTER,
	FMT_UPPER_ROMAN, FMT_LOWER_ROMAN, FMT_CHINESE, FMT_CHINESE_LEGAL, FMT_TIANGAN,
	FMT_DIZHI, FMT_CIRCLE, FMT_PAREN, FMT_FULLSTOP, FMT_IDEO_DIGIT, FMT_BULLET,
	FMT_NONE
};

static const struct { const char *name; int fmt; } fmts[] = {
	{"decimal", FMT_DECIMAL}, {"decimalZero", FMT_DECIMAL_ZERO},
	{"decimalFullWidth", FMT_FULLWIDTH}, {"decimalFullWidth2", FMT_FULLWIDTH},
	{"decimalHalfWidth", FMT_DECIMAL}, {"upperLetter", FMT_UPPER_LETTER},
	{"lowerLetter", FMT_LOWER_LETTER}, {"upperRoman", FMT_UPPER_ROMAN},
	{"lowerRoman", FMT_LOWER_ROMAN}, {"chineseCounting", FMT_CHINESE},
	{"chineseCountingThousand", FMT_CHINESE}, {"taiwaneseCounting", FMT_CHINESE},
	{"taiwaneseCountingThousand", FMT_CHINESE}, {"japaneseCounting", FMT_CHINESE},
	{"chineseLegalSimplified", FMT_CHINESE_LEGAL}, {"ideographLegalTraditional", FMT_CHINESE_LEGAL},
	{"ideographTraditional", FMT_TIANGAN}, {"ideographZodiac", FMT_DIZHI},
	{"decimalEnclosedCircle", FMT_CIRCLE}, {"decimalEnclosedCircleChinese", FMT_CIRCLE},
	{"decimalEnclosedParen", FMT_PAREN}, {"decimalEnclosedFullstop", FMT_FULLSTOP},
	{"ideographDigital", FMT_IDEO_DIGIT}, {"taiwaneseDigital", FMT_IDEO_DIGIT},
	{"bullet", FMT_BULLET}, {"none", FMT_NONE},
};

/* A level of a list: how its number looks. */
struct lvl {
	int set;
	int start;
	int fmt;
	int suff;               /* 0 tab, 1 space, 2 nothing */
	char text[64];          /* lvlText: "%1." "（%1）" "%1.%2" */
};

/* An abstractNum, with the counters of its levels (lists sharing one
   definition count on together, as Word does). */
struct absnum {
	char *id;
	struct lvl lvl[NLVL];
	int count[NLVL];
	int live[NLVL];         /* counted since its last restart */
};

/* A num: the list a paragraph names, and what it overrides. */
struct num {
	char *id;
	int abs;                /* index in abs, or -1 */
	int start[NLVL];        /* startOverride, or -1 */
	struct lvl lvl[NLVL];   /* a whole level overridden */
	int used;
};

/* A paragraph style that numbers its paragraphs. */
struct pstyle {
	char *id, *based, *numid;
	int ilvl;
};

struct rel {
	char *id, *target, *type;
	int external;
};

struct docx {
	const char *name;
	struct tk_unpack_file *files;
	int nfiles;
	char *dir;              /* of the main part, "word/" */
	struct rel *rels;
	int nrels;
	struct absnum *abs;
	int nabs;
	struct num *nums;
	int nnums;
	struct pstyle *styles;
	int nstyles;
	struct tk_block *blocks;
	size_t nblocks, capblocks;
	struct tk_import_images *images;
	int para;               /* paragraphs so far */
	int oom;
};

/* A paragraph being read: its text (U+FFFC for each picture, \n for each
   line break), the pictures' markup, what could not be read. */
struct para {
	struct tk_buf text;
	char **inl;
	int ninl, capinl;
	struct tk_buf problem;
};

/* ---- small helpers ----------------------------------------------------- */

/* Is n an element of WordprocessingML (transitional or strict) called name? */
static int is_w(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name) &&
	       n->ns && n->ns->href && strstr((const char *)n->ns->href, "wordprocessingml");
}

/* Is n an element called name, in any namespace? */
static int is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* The first child of n called name (WordprocessingML), or NULL. */
static xmlNodePtr w_child(xmlNodePtr n, const char *name)
{
	xmlNodePtr c;

	for (c = n ? n->children : NULL; c; c = c->next)
		if (is_w(c, name))
			return c;
	return NULL;
}

/* An attribute (any namespace: w:val, r:embed) copied into buf; "" when none. */
static const char *attr(xmlNodePtr n, const char *name, char *buf, size_t size)
{
	xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;

	snprintf(buf, size, "%s", v ? (const char *)v : "");
	xmlFree(v);
	return buf;
}

/* A whole-number attribute, or def. */
static long attr_num(xmlNodePtr n, const char *name, long def)
{
	char buf[32], *end;
	long v;

	attr(n, name, buf, sizeof buf);
	if (!buf[0])
		return def;
	v = strtol(buf, &end, 10);
	return *end || v < -1000000000L || v > 1000000000L ? def : v;
}

/* w:val="0"/"false"/"off" turns a property off; anything else (or none) on. */
static int on(xmlNodePtr n)
{
	char buf[16];

	attr(n, "val", buf, sizeof buf);
	return strcmp(buf, "0") && strcmp(buf, "false") && strcmp(buf, "off");
}

static const struct tk_unpack_file *part(const struct docx *d, const char *name)
{
	return tk_unpack_find(d->files, d->nfiles, name);
}


/* Parse a part of the package; TK_OK with *doc, or an error naming the
   document and, in its message, the part and line. */
static int parse_part(struct docx *d, const struct tk_unpack_file *f, xmlDocPtr *doc,
		      struct tk_error *err)
{
	struct tk_error e = {0};
	int rc = tk_xml_parse((const char *)f->data, f->len, f->name, doc, &e);

	if (rc == TK_OK)
		return TK_OK;
	if (rc != TK_EINPUT)
		return tk_error_set(err, rc, d->name, 0, "%s", e.msg);
	if (e.line > 0)
		return tk_error_set(err, rc, d->name, 0, "%s:%d: %s", f->name, e.line, e.msg);
	return tk_error_set(err, rc, d->name, 0, "%s: %s", f->name, e.msg);
}

/* ---- relationships, numbering, styles ---------------------------------- */

/* The relationships of the part at path (its _rels/NAME.rels), if any. */
static int read_rels(struct docx *d, const char *path, struct tk_error *err)
{
	const struct tk_unpack_file *f;
	char *rn = tk_opc_rels_name(path);
	xmlDocPtr doc = NULL;
	xmlNodePtr n;
	int rc = TK_OK;
	char buf[512];

	if (rn == NULL) {
		rc = TK_EINTERNAL;
		goto out;
	}
	if ((f = part(d, rn)) == NULL)
		goto out;       /* a document with no pictures or lists may have none */
	if ((rc = parse_part(d, f, &doc, err)) != TK_OK)
		goto out;
	for (n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
		struct rel *r;
		if (!is_el(n, "Relationship"))
			continue;
		r = realloc(d->rels, (size_t)(d->nrels + 1) * sizeof *r);
		if (r == NULL) {
			rc = TK_EINTERNAL;
			break;
		}
		d->rels = r;
		r = &d->rels[d->nrels++];
		r->id = strdup(attr(n, "Id", buf, sizeof buf));
		r->target = strdup(attr(n, "Target", buf, sizeof buf));
		r->type = strdup(attr(n, "Type", buf, sizeof buf));
		r->external = !strcmp(attr(n, "TargetMode", buf, sizeof buf), "External");
		if (r->id == NULL || r->target == NULL || r->type == NULL) {
			rc = TK_EINTERNAL;
			break;
		}
	}
out:
	if (rc == TK_EINTERNAL)
		tk_error_set(err, TK_EINTERNAL, d->name, 0, "out of memory");
	xmlFreeDoc(doc);
	free(rn);
	return rc;
}

static const struct rel *find_rel(const struct docx *d, const char *id)
{
	int i;

	for (i = 0; i < d->nrels; i++)
		if (!strcmp(d->rels[i].id, id))
			return &d->rels[i];
	return NULL;
}

/*
 * The part a relationship of the main part points at by its type (a URI
 * ending in "/numbering", "/styles"), else the usual name in its folder.
 */
static const struct tk_unpack_file *rel_part(struct docx *d, const char *type,
					     const char *usual)
{
	const struct tk_unpack_file *f = NULL;
	struct tk_buf b = TK_BUF_INIT;
	size_t n = strlen(type), k;
	char *path;
	int i;

	for (i = 0; i < d->nrels && f == NULL; i++) {
		k = strlen(d->rels[i].type);
		if (d->rels[i].external || k <= n || d->rels[i].type[k - n - 1] != '/' ||
		    strcmp(d->rels[i].type + k - n, type))
			continue;
		if ((path = tk_opc_resolve(d->dir, d->rels[i].target)) != NULL)
			f = part(d, path);
		free(path);
	}
	if (f == NULL) {
		tk_buf_printf(&b, "%s%s", d->dir, usual);
		f = b.s ? part(d, b.s) : NULL;
		tk_buf_free(&b);
	}
	return f;
}

static void lvl_read(xmlNodePtr l, struct lvl *v)
{
	xmlNodePtr c;
	char buf[64];
	size_t i;

	v->set = 1;
	v->start = 1;
	v->fmt = FMT_DECIMAL;
	v->suff = 0;
	snprintf(v->text, sizeof v->text, "%%%ld.", attr_num(l, "ilvl", 0) + 1);
	if ((c = w_child(l, "start")) != NULL)
		v->start = (int)attr_num(c, "val", 1);
	if ((c = w_child(l, "numFmt")) != NULL) {
		attr(c, "val", buf, sizeof buf);
		for (i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
			if (!strcmp(buf, fmts[i].name))
				v->fmt = fmts[i].fmt;
	}
	if ((c = w_child(l, "lvlText")) != NULL)
		attr(c, "val", v->text, sizeof v->text);
	if ((c = w_child(l, "suff")) != NULL) {
		attr(c, "val", buf, sizeof buf);
		v->suff = !strcmp(buf, "space") ? 1 : !strcmp(buf, "nothing") ? 2 : 0;
	}
}

static int read_numbering(struct docx *d, struct tk_error *err)
{
	const struct tk_unpack_file *f = rel_part(d, "numbering", "numbering.xml");
	xmlDocPtr doc = NULL;
	xmlNodePtr n, c;
	char buf[64];
	int rc, i, k;

	if (f == NULL)
		return TK_OK;
	if ((rc = parse_part(d, f, &doc, err)) != TK_OK)
		return rc;
	for (n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
		if (is_w(n, "abstractNum")) {
			struct absnum *a = realloc(d->abs, (size_t)(d->nabs + 1) * sizeof *a);
			if (a == NULL)
				goto oom;
			d->abs = a;
			a = &d->abs[d->nabs];
			memset(a, 0, sizeof *a);
			if ((a->id = strdup(attr(n, "abstractNumId", buf, sizeof buf))) == NULL)
				goto oom;
			d->nabs++;
			for (c = n->children; c; c = c->next) {
				long il = attr_num(c, "ilvl", -1);
				if (is_w(c, "lvl") && il >= 0 && il < NLVL)
					lvl_read(c, &a->lvl[il]);
			}
		} else if (is_w(n, "num")) {
			struct num *m = realloc(d->nums, (size_t)(d->nnums + 1) * sizeof *m);
			if (m == NULL)
				goto oom;
			d->nums = m;
			m = &d->nums[d->nnums];
			memset(m, 0, sizeof *m);
			if ((m->id = strdup(attr(n, "numId", buf, sizeof buf))) == NULL)
				goto oom;
			d->nnums++;
			m->abs = -1;
			for (k = 0; k < NLVL; k++)
				m->start[k] = -1;
			attr(w_child(n, "abstractNumId"), "val", buf, sizeof buf);
			for (i = 0; i < d->nabs; i++)
				if (!strcmp(d->abs[i].id, buf))
					m->abs = i;
			for (c = n->children; c; c = c->next) {
				long il = attr_num(c, "ilvl", -1);
				xmlNodePtr o;
				if (!is_w(c, "lvlOverride") || il < 0 || il >= NLVL)
					continue;
				if ((o = w_child(c, "startOverride")) != NULL)
					m->start[il] = (int)attr_num(o, "val", 1);
				if ((o = w_child(c, "lvl")) != NULL) {
					lvl_read(o, &m->lvl[il]);
					if (m->start[il] < 0)
						m->start[il] = m->lvl[il].start;
				}
			}
		}
	}
	/* a num may come before the abstractNum it names */
	for (k = 0; k < d->nnums; k++)
		if (d->nums[k].abs < 0) {
			xmlNodePtr a = NULL;
			for (n = xmlDocGetRootElement(doc)->children; n && !a; n = n->next)
				if (is_w(n, "num") && !strcmp(attr(n, "numId", buf, sizeof buf),
							     d->nums[k].id))
					a = w_child(n, "abstractNumId");
			attr(a, "val", buf, sizeof buf);
			for (i = 0; i < d->nabs; i++)
				if (!strcmp(d->abs[i].id, buf))
					d->nums[k].abs = i;
		}
	xmlFreeDoc(doc);
	return TK_OK;
oom:
	xmlFreeDoc(doc);
	return tk_error_set(err, TK_EINTERNAL, d->name, 0, "out of memory");
}

static int read_styles(struct docx *d, struct tk_error *err)
{
	const struct tk_unpack_file *f = rel_part(d, "styles", "styles.xml");
	xmlDocPtr doc = NULL;
	xmlNodePtr n, pp, np;
	char buf[128];
	int rc;

	if (f == NULL)
		return TK_OK;
	if ((rc = parse_part(d, f, &doc, err)) != TK_OK)
		return rc;
	for (n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
		struct pstyle *s;
		if (!is_w(n, "style") || strcmp(attr(n, "type", buf, sizeof buf), "paragraph"))
			continue;
		s = realloc(d->styles, (size_t)(d->nstyles + 1) * sizeof *s);
		if (s == NULL)
			goto oom;
		d->styles = s;
		s = &d->styles[d->nstyles];
		memset(s, 0, sizeof *s);
		d->nstyles++;
		if ((s->id = strdup(attr(n, "styleId", buf, sizeof buf))) == NULL)
			goto oom;
		if (w_child(n, "basedOn") &&
		    (s->based = strdup(attr(w_child(n, "basedOn"), "val", buf, sizeof buf))) == NULL)
			goto oom;
		pp = w_child(n, "pPr");
		if ((np = w_child(pp, "numPr")) != NULL) {
			if (w_child(np, "numId") &&
			    (s->numid = strdup(attr(w_child(np, "numId"), "val", buf, sizeof buf))) == NULL)
				goto oom;
			s->ilvl = (int)attr_num(w_child(np, "ilvl"), "val", 0);
		}
	}
	xmlFreeDoc(doc);
	return TK_OK;
oom:
	xmlFreeDoc(doc);
	return tk_error_set(err, TK_EINTERNAL, d->name, 0, "out of memory");
}

/* ---- numbers as Word shows them ---------------------------------------- */

static void chinese(struct tk_buf *b, int n, int legal)
{
	static const char *const d0[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
	static const char *const d1[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
	static const char *const u0[] = {"", "十", "百", "千"};
	static const char *const u1[] = {"", "拾", "佰", "仟"};
	const char *const *dg = legal ? d1 : d0, *const *un = legal ? u1 : u0;
	int digits[4], i, zero = 0, any = 0;

	if (n <= 0 || n > 9999) {
		tk_buf_printf(b, "%d", n);
		return;
	}
	for (i = 0; i < 4; i++, n /= 10)
		digits[i] = n % 10;
	for (i = 3; i >= 0; i--) {
		if (digits[i] == 0) {
			zero = any;
			continue;
		}
		if (zero)
			tk_buf_puts(b, dg[0]);
		zero = 0;
		/* 十一, not 一十一, when it leads */
		if (!(i == 1 && digits[1] == 1 && !any && !legal))
			tk_buf_puts(b, dg[digits[i]]);
		tk_buf_puts(b, un[i]);
		any = 1;
	}
}

static void roman(struct tk_buf *b, int n, int lower)
{
	static const struct { int v; const char *s; } r[] = {
		{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
		{50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}
	};
	size_t i;
	const char *p;

	if (n <= 0 || n > 3999) {
		tk_buf_printf(b, "%d", n);
		return;
	}
	for (i = 0; i < sizeof r / sizeof r[0]; i++)
		while (n >= r[i].v) {
			for (p = r[i].s; *p; p++)
				tk_buf_putc(b, lower ? (char)(*p - 'A' + 'a') : *p);
			n -= r[i].v;
		}
}

/* Counter n in format fmt, as Word shows it. */
static void format_number(struct tk_buf *b, int fmt, int n)
{
	static const char *const gan[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
	static const char *const zhi[] = {"子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申",
					  "酉", "戌", "亥"};
	static const char *const ideo[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
	char num[16];
	int i, k;

	switch (fmt) {
	case FMT_DECIMAL_ZERO:
		tk_buf_printf(b, "%02d", n);
		break;
	case FMT_FULLWIDTH:
		snprintf(num, sizeof num, "%d", n);
		for (i = 0; num[i]; i++)
			tk_buf_utf8(b, num[i] == '-' ? 0xFF0D : 0xFF10 + (uint32_t)(num[i] - '0'));
		break;
	case FMT_UPPER_LETTER:
	case FMT_LOWER_LETTER:
		if (n <= 0) {
			tk_buf_printf(b, "%d", n);
			break;
		}
		/* Word repeats the letter: Y, Z, AA, BB */
		for (k = 0; k <= (n - 1) / 26 && k < 8; k++)
			tk_buf_putc(b, (char)((fmt == FMT_UPPER_LETTER ? 'A' : 'a') + (n - 1) % 26));
		break;
	case FMT_UPPER_ROMAN:
	case FMT_LOWER_ROMAN:
		roman(b, n, fmt == FMT_LOWER_ROMAN);
		break;
	case FMT_CHINESE:
	case FMT_CHINESE_LEGAL:
		chinese(b, n, fmt == FMT_CHINESE_LEGAL);
		break;
	case FMT_TIANGAN:
		if (n >= 1 && n <= 10)
			tk_buf_puts(b, gan[n - 1]);
		else
			tk_buf_printf(b, "%d", n);
		break;
	case FMT_DIZHI:
		if (n >= 1 && n <= 12)
			tk_buf_puts(b, zhi[n - 1]);
		else
			tk_buf_printf(b, "%d", n);
		break;
	case FMT_CIRCLE:
	case FMT_PAREN:
	case FMT_FULLSTOP:
		if (n >= 1 && n <= 20)
			tk_buf_utf8(b, (fmt == FMT_CIRCLE ? 0x2460 : fmt == FMT_PAREN ? 0x2474 : 0x2488) +
				    (uint32_t)(n - 1));
		else
			tk_buf_printf(b, "%d", n);
		break;
	case FMT_IDEO_DIGIT:
		snprintf(num, sizeof num, "%d", n);
		for (i = 0; num[i]; i++)
			tk_buf_puts(b, num[i] >= '0' && num[i] <= '9' ? ideo[num[i] - '0'] : "-");
		break;
	case FMT_BULLET:
	case FMT_NONE:
		break;
	default:
		tk_buf_printf(b, "%d", n);
	}
}

static const struct pstyle *find_style(const struct docx *d, const char *id)
{
	int i;

	for (i = 0; i < d->nstyles; i++)
		if (!strcmp(d->styles[i].id, id))
			return &d->styles[i];
	return NULL;
}

/*
 * The number Word shows before paragraph p (its own w:numPr, else its
 * style's), counted: "1." "（3）" "二、", then the tab or space after it.
 */
static void list_label(struct docx *d, xmlNodePtr p, struct tk_buf *out)
{
	xmlNodePtr ppr = w_child(p, "pPr"), np = w_child(ppr, "numPr");
	char numid[64] = "", sid[128];
	long ilvl = -1;
	struct num *m = NULL;
	struct absnum *a;
	const struct lvl *lv;
	const char *t;
	int i, k, depth;

	if (np) {
		attr(w_child(np, "numId"), "val", numid, sizeof numid);
		ilvl = attr_num(w_child(np, "ilvl"), "val", -1);
	}
	if (!numid[0]) {
		const struct pstyle *s;
		attr(w_child(ppr, "pStyle"), "val", sid, sizeof sid);
		for (depth = 0, s = find_style(d, sid); s && depth < 16; depth++) {
			if (s->numid) {
				snprintf(numid, sizeof numid, "%s", s->numid);
				if (ilvl < 0)
					ilvl = s->ilvl;
				break;
			}
			s = s->based ? find_style(d, s->based) : NULL;
		}
	}
	if (!numid[0] || !strcmp(numid, "0"))
		return;
	if (ilvl < 0 || ilvl >= NLVL)
		ilvl = 0;
	for (i = 0; i < d->nnums; i++)
		if (!strcmp(d->nums[i].id, numid))
			m = &d->nums[i];
	if (m == NULL || m->abs < 0)
		return;
	a = &d->abs[m->abs];
	/* a list told to restart begins again when it is first used */
	if (!m->used) {
		m->used = 1;
		for (k = 0; k < NLVL; k++)
			if (m->start[k] >= 0) {
				a->count[k] = m->start[k] - 1;
				a->live[k] = 1;
			}
	}
	lv = m->lvl[ilvl].set ? &m->lvl[ilvl] : &a->lvl[ilvl];
	if (!a->live[ilvl]) {
		a->count[ilvl] = (lv->set ? lv->start : 1) - 1;
		a->live[ilvl] = 1;
	}
	a->count[ilvl]++;
	for (k = (int)ilvl + 1; k < NLVL; k++)
		a->live[k] = 0;
	if (!lv->set)
		return;
	if (lv->fmt == FMT_NONE && strchr(lv->text, '%') != NULL)
		return;
	for (t = lv->text; *t; t++) {
		if (*t == '%' && t[1] >= '1' && t[1] <= '9') {
			k = t[1] - '1';
			if (k <= ilvl) {
				const struct lvl *kl = m->lvl[k].set ? &m->lvl[k] : &a->lvl[k];
				format_number(out, kl->set ? kl->fmt : FMT_DECIMAL,
					      a->live[k] ? a->count[k] : (kl->set ? kl->start : 1));
			}
			t++;
		} else if (lv->fmt == FMT_BULLET) {
			return;         /* a bullet is no number */
		} else {
			tk_buf_putc(out, *t);
		}
	}
	/* Word's tab after the number is a gap, no more: a space says it */
	tk_buf_puts(out, lv->suff == 2 ? "" : " ");
}

/* ---- runs -------------------------------------------------------------- */

/* Text of a w:t: U+FFFC is ours (a picture), so a typed one is dropped. */
static void put_text(struct para *p, const char *s)
{
	const char *q;

	while ((q = strstr(s, "\xEF\xBF\xBC")) != NULL) {
		tk_buf_add(&p->text, s, (size_t)(q - s));
		s = q + 3;
	}
	tk_buf_puts(&p->text, s);
}

/* A w:sym: a character of a symbol font, as the Unicode character it shows. */
static void put_sym(struct para *p, xmlNodePtr n)
{
	static const struct { const char *font; int ch; uint32_t cp; } map[] = {
		{"Symbol", 0xD6, 0x221A}, {"Symbol", 0xB4, 0x00D7}, {"Symbol", 0xB1, 0x00B1},
		{"Symbol", 0xA3, 0x2264}, {"Symbol", 0xB3, 0x2265}, {"Symbol", 0xB9, 0x2260},
		{"Symbol", 0xBB, 0x2248}, {"Symbol", 0xB0, 0x00B0}, {"Symbol", 0xAE, 0x2192},
		{"Symbol", 0xDE, 0x21D2}, {"Symbol", 0xA5, 0x221E}, {"Symbol", 0xD0, 0x2220},
		{"Symbol", 0x5E, 0x22A5}, {"Symbol", 0x70, 0x03C0}, {"Symbol", 0x61, 0x03B1},
		{"Symbol", 0x62, 0x03B2}, {"Symbol", 0x67, 0x03B3}, {"Symbol", 0x64, 0x03B4},
		{"Symbol", 0x6C, 0x03BB}, {"Symbol", 0x6D, 0x03BC}, {"Symbol", 0x73, 0x03C3},
		{"Symbol", 0x57, 0x03A9}, {"Symbol", 0x44, 0x0394},
		{"Wingdings", 0xFC, 0x2713}, {"Wingdings", 0xFB, 0x2717},
		{"Wingdings", 0xFE, 0x2611}, {"Wingdings", 0xFD, 0x2612},
		{"Wingdings 2", 0x50, 0x2713}, {"Wingdings 2", 0x4F, 0x2717},
		{"Wingdings 2", 0x52, 0x2611}, {"Wingdings 2", 0x53, 0x2612},
	};
	char font[64], ch[16], *end;
	long c;
	size_t i;

	attr(n, "font", font, sizeof font);
	attr(n, "char", ch, sizeof ch);
	c = strtol(ch, &end, 16);
	if (*end || !ch[0] || c <= 0) {
		tk_buf_utf8(&p->text, 0xFFFD);
		return;
	}
	if (c >= 0xF000 && c <= 0xF0FF)
		c -= 0xF000;
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].ch == c && !strcmp(map[i].font, font)) {
			tk_buf_utf8(&p->text, map[i].cp);
			return;
		}
	/* a symbol font's character shows something else: mark the place */
	tk_buf_utf8(&p->text, strstr(font, "Symbol") || strstr(font, "Wingdings") ||
			      c < 0x20 ? 0xFFFD : (uint32_t)c);
}

/* Add a picture kept in the document: the relationship rid. */
static void put_image(struct docx *d, struct para *p, const char *rid, long cx,
		      const char *alt)
{
	const struct rel *r = find_rel(d, rid);
	const struct tk_unpack_file *f;
	struct tk_buf m = TK_BUF_INIT;
	char name[TK_IMAGE_NAME], *path;
	int type;

	if (r == NULL) {
		tk_import_problem(&p->problem, "a picture names '%s', which the document does not have", rid);
		return;
	}
	if (r->external) {
		tk_import_problem(&p->problem, "a picture is linked to '%.120s' outside the document: "
				  "insert it into the document instead", r->target);
		return;
	}
	if ((path = tk_opc_resolve(d->dir, r->target)) == NULL || (f = part(d, path)) == NULL) {
		tk_import_problem(&p->problem, "the picture '%.120s' is missing from the document", r->target);
		free(path);
		return;
	}
	free(path);
	type = tk_image_type(f->data, f->len);
	if (type == TK_IMAGE_NONE) {
		tk_import_problem(&p->problem,
				  "the picture '%.120s' is not PNG or JPEG (save it as PNG)", f->name);
		return;
	}
	if (f->len > TK_IMAGE_MAX) {
		tk_import_problem(&p->problem,
				  "the picture '%.120s' is %zu bytes, more than the %u a bank keeps",
				  f->name, f->len, TK_IMAGE_MAX);
		return;
	}
	if (tk_import_images_add(d->images, f->data, f->len, type, name) != TK_OK) {
		d->oom = 1;
		return;
	}
	tk_buf_printf(&m, "<img src=\"%s\"", name);
	/* EMU to CSS pixels, as the document sizes it */
	if (cx >= 9525 && cx / 9525 <= 10000)
		tk_buf_printf(&m, " width=\"%ld\"", cx / 9525);
	if (alt && alt[0]) {
		tk_buf_puts(&m, " alt=\"");
		tk_buf_xml(&m, alt, 1);
		tk_buf_putc(&m, '"');
	}
	tk_buf_puts(&m, "/>");
	if (m.oom || p->ninl >= 10000) {
		tk_buf_free(&m);
		d->oom |= m.oom;
		return;
	}
	if (p->ninl == p->capinl) {
		int cap = p->capinl ? p->capinl * 2 : 4;
		char **v = realloc(p->inl, (size_t)cap * sizeof *v);
		if (v == NULL) {
			tk_buf_free(&m);
			d->oom = 1;
			return;
		}
		p->inl = v;
		p->capinl = cap;
	}
	p->inl[p->ninl++] = tk_buf_detach(&m);
	tk_buf_puts(&p->text, "\xEF\xBF\xBC");
}

/* The first descendant of n called name (any namespace), depth-limited. */
static xmlNodePtr find_desc(xmlNodePtr n, const char *name, int depth)
{
	xmlNodePtr c, r;

	if (depth > 24)
		return NULL;
	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, name))
			return c;
		if ((r = find_desc(c, name, depth + 1)) != NULL)
			return r;
	}
	return NULL;
}

/* Every picture (a:blip) of a DrawingML drawing. */
static void drawing(struct docx *d, struct para *p, xmlNodePtr n, long cx, const char *alt,
		    int depth)
{
	xmlNodePtr c, e;
	char buf[256], rid[128];

	if (depth > 24)
		return;
	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, "inline") || is_el(c, "anchor")) {
			long w = attr_num((e = find_desc(c, "extent", 0)) ? e : NULL, "cx", 0);
			attr(find_desc(c, "docPr", 0), "descr", buf, sizeof buf);
			drawing(d, p, c, w, buf, depth + 1);
		} else if (is_el(c, "blip")) {
			attr(c, "embed", rid, sizeof rid);
			if (!rid[0]) {
				attr(c, "link", rid, sizeof rid);
				if (rid[0])
					put_image(d, p, rid, cx, alt);  /* says it is linked */
				continue;
			}
			put_image(d, p, rid, cx, alt);
		} else if (is_el(c, "txbx") || is_el(c, "txbxContent")) {
			continue;       /* text boxes: not the document's flow */
		} else {
			drawing(d, p, c, cx, alt, depth + 1);
		}
	}
}

/* A VML picture (w:pict, w:object): its v:imagedata. */
static void vml(struct docx *d, struct para *p, xmlNodePtr n)
{
	xmlNodePtr im = find_desc(n, "imagedata", 0);
	char rid[128];

	if (im == NULL)
		return;
	attr(im, "id", rid, sizeof rid);
	if (rid[0])
		put_image(d, p, rid, 0, NULL);
}

/* The text of an equation (m:t). */
static void math(struct para *p, xmlNodePtr n, int depth)
{
	xmlNodePtr c;

	if (depth > 32)
		return;
	for (c = n->children; c; c = c->next) {
		if (is_el(c, "t")) {
			xmlChar *t = xmlNodeGetContent(c);
			if (t)
				put_text(p, (const char *)t);
			xmlFree(t);
		} else if (c->type == XML_ELEMENT_NODE) {
			math(p, c, depth + 1);
		}
	}
}

/* mc:AlternateContent: the first choice, else the fallback. */
static xmlNodePtr alternate(xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next)
		if (is_el(c, "Choice"))
			return c;
	for (c = n->children; c; c = c->next)
		if (is_el(c, "Fallback"))
			return c;
	return NULL;
}

/* The content of a run (r, or a choice of mc:AlternateContent in one). */
static void run_content(struct docx *d, struct para *p, xmlNodePtr r, int depth)
{
	xmlNodePtr c, a;

	for (c = r->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(c, "t")) {
			xmlChar *t = xmlNodeGetContent(c);
			if (t)
				put_text(p, (const char *)t);
			xmlFree(t);
		} else if (is_w(c, "tab") || is_w(c, "ptab")) {
			tk_buf_putc(&p->text, '\t');
		} else if (is_w(c, "br") || is_w(c, "cr")) {
			tk_buf_putc(&p->text, '\n');
		} else if (is_w(c, "sym")) {
			put_sym(p, c);
		} else if (is_w(c, "noBreakHyphen")) {
			tk_buf_putc(&p->text, '-');
		} else if (is_w(c, "drawing")) {
			drawing(d, p, c, 0, NULL, 0);
		} else if (is_w(c, "pict") || is_w(c, "object")) {
			vml(d, p, c);
		} else if (is_el(c, "AlternateContent") && depth < 16 &&
			   (a = alternate(c)) != NULL) {
			run_content(d, p, a, depth + 1);
		}
	}
}

static void run(struct docx *d, struct para *p, xmlNodePtr r)
{
	xmlNodePtr v = w_child(w_child(r, "rPr"), "vanish");

	if (v && on(v))
		return;         /* hidden text */
	run_content(d, p, r, 0);
}

/* The content of a paragraph: runs, in links, insertions, fields, controls. */
static void runs(struct docx *d, struct para *p, xmlNodePtr n, int depth)
{
	xmlNodePtr c, a;

	if (depth > 32)
		return;
	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(c, "r"))
			run(d, p, c);
		else if (is_w(c, "hyperlink") || is_w(c, "ins") || is_w(c, "smartTag") ||
			 is_w(c, "customXml") || is_w(c, "fldSimple") || is_w(c, "bdo") ||
			 is_w(c, "dir") || is_w(c, "moveTo"))
			runs(d, p, c, depth + 1);
		else if (is_w(c, "sdt"))
			runs(d, p, w_child(c, "sdtContent") ? w_child(c, "sdtContent") : c, depth + 1);
		else if (is_el(c, "oMath") || is_el(c, "oMathPara"))
			math(p, c, 0);
		else if (is_el(c, "AlternateContent") && (a = alternate(c)) != NULL)
			runs(d, p, a, depth + 1);
	}
}

/* ---- blocks -------------------------------------------------------------- */

static struct tk_block *block_new(struct docx *d, int kind, int at)
{
	struct tk_block *b;

	if (d->nblocks == d->capblocks) {
		size_t cap = d->capblocks ? d->capblocks * 2 : 256;
		struct tk_block *v = realloc(d->blocks, cap * sizeof *v);
		if (v == NULL) {
			d->oom = 1;
			return NULL;
		}
		d->blocks = v;
		d->capblocks = cap;
	}
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->at = at;
	return b;
}

static void para_free(struct para *p)
{
	int i;

	tk_buf_free(&p->text);
	tk_buf_free(&p->problem);
	for (i = 0; i < p->ninl; i++)
		free(p->inl[i]);
	free(p->inl);
}

/* Count the pictures (U+FFFC) in s..e. */
static int count_objs(const char *s, const char *e)
{
	int n = 0;

	for (; s + 3 <= e; s++)
		if (!memcmp(s, "\xEF\xBF\xBC", 3))
			n++;
	return n;
}

/* Is s..e nothing but one picture and white space? */
static int lone_picture(const char *s, const char *e)
{
	size_t k;

	while (s < e && (tk_text_is_space(s, &k) || *s == '\r')) {
		if (*s == '\r')
			k = 1;
		s += k;
	}
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return e - s == 3 && !memcmp(s, "\xEF\xBF\xBC", 3);
}

/* A paragraph as blocks: one a line (a break starts another). */
static void paragraph(struct docx *d, xmlNodePtr pn)
{
	struct para p;
	const char *s, *e;
	int at = ++d->para, first = 1, k = 0;

	memset(&p, 0, sizeof p);
	list_label(d, pn, &p.text);
	runs(d, &p, pn, 0);
	if (p.text.oom || p.problem.oom) {
		d->oom = 1;
		goto out;
	}
	for (s = tk_buf_str(&p.text); ; s = e + 1) {
		struct tk_block *b;
		int n;
		e = strchr(s, '\n');
		if (e == NULL)
			e = s + strlen(s);
		n = count_objs(s, e);
		if ((e > s || (first && p.problem.len)) && (b = block_new(d, TK_BLOCK_TEXT, at))) {
			if (n == 1 && lone_picture(s, e)) {
				b->kind = TK_BLOCK_IMAGE;
				b->xml = strdup(p.inl[k]);
				d->oom |= b->xml == NULL;
			} else {
				char **inl = n ? calloc((size_t)n, sizeof *inl) : NULL;
				int i;
				b->text = strndup(s, (size_t)(e - s));
				d->oom |= b->text == NULL || (n && inl == NULL);
				for (i = 0; inl && i < n && k + i < p.ninl; i++)
					d->oom |= (inl[i] = strdup(p.inl[k + i])) == NULL;
				b->inl = (const char *const *)inl;
				b->ninl = inl ? n : 0;
			}
			if (first && p.problem.len)
				d->oom |= (b->problem = strdup(p.problem.s)) == NULL;
			first = 0;
		}
		k += n;
		if (*e == '\0')
			break;
	}
out:
	para_free(&p);
}

/* The inline markup of a table cell: its paragraphs, <br/> between. */
static void cell(struct docx *d, xmlNodePtr tc, struct tk_buf *out, struct tk_buf *problem,
		 int depth)
{
	xmlNodePtr c;
	int lines = 0;

	for (c = tc->children; c; c = c->next) {
		if (is_w(c, "p")) {
			struct para p;
			const char *s;
			int k = 0;
			memset(&p, 0, sizeof p);
			++d->para;
			list_label(d, c, &p.text);
			runs(d, &p, c, 0);
			if (lines++)
				tk_buf_puts(out, "<br/>");
			for (s = tk_buf_str(&p.text); *s; ) {
				const char *q = s + strcspn(s, "\n\xEF");
				char *piece = strndup(s, (size_t)(q - s));
				if (piece)
					tk_buf_xml(out, piece, 0);
				free(piece);
				if (*q == '\n') {
					tk_buf_puts(out, "<br/>");
					q++;
				} else if (!strncmp(q, "\xEF\xBF\xBC", 3)) {
					if (k < p.ninl)
						tk_buf_puts(out, p.inl[k++]);
					q += 3;
				} else if (*q) {
					tk_buf_putc(out, *q++);
				}
				s = q;
			}
			if (p.problem.len) {
				if (problem->len)
					tk_buf_puts(problem, "; ");
				tk_buf_puts(problem, p.problem.s);
			}
			d->oom |= p.text.oom;
			para_free(&p);
		} else if ((is_w(c, "sdt") || is_w(c, "customXml")) && depth < 8) {
			/* a content control: its paragraphs are the cell's */
			xmlNodePtr in = w_child(c, "sdtContent") ? w_child(c, "sdtContent") : c;
			if (lines++)
				tk_buf_puts(out, "<br/>");
			cell(d, in, out, problem, depth + 1);
		} else if (is_w(c, "tbl") && depth < 8) {
			/* a table inside a cell: its cells one after another */
			xmlNodePtr r, x;
			for (r = c->children; r; r = r->next)
				for (x = is_w(r, "tr") ? r->children : NULL; x; x = x->next)
					if (is_w(x, "tc")) {
						if (lines++)
							tk_buf_puts(out, "<br/>");
						cell(d, x, out, problem, depth + 1);
					}
		}
	}
}

/* One cell of the grid a table makes. */
struct gcell {
	struct tk_buf xml;
	int col, span, rowspan, merged, header;
};

/* A table: items.rng's <table>, spans kept (w:gridSpan, w:vMerge). */
static void table(struct docx *d, xmlNodePtr tbl)
{
	struct gcell *cells = NULL;
	size_t nc = 0, cap = 0, i, j;
	struct tk_buf out = TK_BUF_INIT, problem = TK_BUF_INIT;
	xmlNodePtr tr, tc;
	int at = d->para + 1, *rowstart = NULL, nrows = 0;
	struct tk_block *b;

	for (tr = tbl->children; tr; tr = tr->next) {
		xmlNodePtr trpr = w_child(tr, "trPr"), x;
		int col = 0, header = 0;
		if (!is_w(tr, "tr"))
			continue;
		if ((x = w_child(trpr, "gridBefore")) != NULL)
			col = (int)attr_num(x, "val", 0);
		if ((x = w_child(trpr, "tblHeader")) != NULL)
			header = on(x);
		{
			int *rs = realloc(rowstart, (size_t)(nrows + 2) * sizeof *rs);
			if (rs == NULL) {
				d->oom = 1;
				break;
			}
			rowstart = rs;
			rowstart[nrows++] = (int)nc;
		}
		for (tc = tr->children; tc; tc = tc->next) {
			xmlNodePtr tcpr = w_child(tc, "tcPr"), vm, gs;
			struct gcell *g;
			char val[32];
			if (is_w(tc, "sdt"))
				tc = w_child(w_child(tc, "sdtContent"), "tc") ?
				     w_child(w_child(tc, "sdtContent"), "tc") : tc;
			if (!is_w(tc, "tc"))
				continue;
			if (nc == cap) {
				size_t c2 = cap ? cap * 2 : 16;
				struct gcell *v = realloc(cells, c2 * sizeof *v);
				if (v == NULL) {
					d->oom = 1;
					goto out;
				}
				cells = v;
				cap = c2;
			}
			g = &cells[nc++];
			memset(g, 0, sizeof *g);
			g->col = col;
			g->span = 1;
			g->rowspan = 1;
			g->header = header;
			if ((gs = w_child(tcpr, "gridSpan")) != NULL) {
				long s = attr_num(gs, "val", 1);
				g->span = s >= 1 && s <= 64 ? (int)s : 1;
			}
			col += g->span;
			if ((vm = w_child(tcpr, "vMerge")) != NULL &&
			    strcmp(attr(vm, "val", val, sizeof val), "restart")) {
				/* continues the cell above: that one spans one more row */
				g->merged = 1;
				for (i = (size_t)rowstart[nrows - 1]; i-- > 0; )
					if (cells[i].col == g->col && !cells[i].merged) {
						cells[i].rowspan++;
						break;
					}
				{
					struct tk_buf skip = TK_BUF_INIT, sp = TK_BUF_INIT;
					cell(d, tc, &skip, &sp, 0);     /* its paragraphs count */
					tk_buf_free(&skip);
					tk_buf_free(&sp);
				}
				continue;
			}
			cell(d, tc, &g->xml, &problem, 0);
		}
	}
	if (rowstart)
		rowstart[nrows] = (int)nc;
	if (nc == 0)
		goto out;
	tk_buf_puts(&out, "<table>");
	for (j = 0; j < (size_t)nrows; j++) {
		int any = 0;
		for (i = (size_t)rowstart[j]; i < (size_t)rowstart[j + 1]; i++)
			any |= !cells[i].merged;
		if (!any)
			continue;       /* a row all merged into those above */
		tk_buf_puts(&out, "<tr>");
		for (i = (size_t)rowstart[j]; i < (size_t)rowstart[j + 1]; i++) {
			struct gcell *g = &cells[i];
			const char *tag = g->header ? "th" : "td";
			if (g->merged)
				continue;
			tk_buf_printf(&out, "<%s", tag);
			if (g->span > 1)
				tk_buf_printf(&out, " colspan=\"%d\"", g->span);
			if (g->rowspan > 1)
				tk_buf_printf(&out, " rowspan=\"%d\"", g->rowspan);
			tk_buf_printf(&out, ">%s</%s>", tk_buf_str(&g->xml), tag);
		}
		tk_buf_puts(&out, "</tr>");
	}
	tk_buf_puts(&out, "</table>");
	if (out.oom || problem.oom) {
		d->oom = 1;
		goto out;
	}
	if ((b = block_new(d, TK_BLOCK_TABLE, at)) != NULL) {
		b->xml = tk_buf_detach(&out);
		if (problem.len)
			b->problem = tk_buf_detach(&problem);
	}
out:
	for (i = 0; i < nc; i++)
		tk_buf_free(&cells[i].xml);
	free(cells);
	free(rowstart);
	tk_buf_free(&out);
	tk_buf_free(&problem);
}

/* The body's content, in order: paragraphs, tables, content controls. */
static void body(struct docx *d, xmlNodePtr n, int depth)
{
	xmlNodePtr c, a;

	if (depth > 16)
		return;
	for (c = n->children; c && !d->oom; c = c->next) {
		if (is_w(c, "p"))
			paragraph(d, c);
		else if (is_w(c, "tbl"))
			table(d, c);
		else if (is_w(c, "sdt"))
			body(d, w_child(c, "sdtContent") ? w_child(c, "sdtContent") : c, depth + 1);
		else if (is_w(c, "customXml") || is_w(c, "ins") || is_w(c, "moveTo"))
			body(d, c, depth + 1);
		else if (is_el(c, "AlternateContent") && (a = alternate(c)) != NULL)
			body(d, a, depth + 1);
	}
}

/* ---- the package ------------------------------------------------------- */

/* The main part: what _rels/.rels names as the office document. */
static char *main_part(struct docx *d)
{
	const struct tk_unpack_file *f = part(d, "_rels/.rels");
	xmlDocPtr doc = NULL;
	xmlNodePtr n;
	struct tk_error e = {0};
	char buf[512], *path = NULL;

	if (f && tk_xml_parse((const char *)f->data, f->len, "_rels/.rels", &doc, &e) == TK_OK) {
		for (n = xmlDocGetRootElement(doc)->children; n && !path; n = n->next) {
			size_t k;
			if (!is_el(n, "Relationship"))
				continue;
			attr(n, "Type", buf, sizeof buf);
			k = strlen(buf);
			if (k < 15 || strcmp(buf + k - 15, "/officeDocument"))
				continue;
			path = tk_opc_resolve("", attr(n, "Target", buf, sizeof buf));
		}
		xmlFreeDoc(doc);
	}
	if (path && part(d, path) == NULL) {
		free(path);
		path = NULL;
	}
	return path ? path : strdup("word/document.xml");
}

static void docx_free(struct docx *d)
{
	size_t i;
	int k;

	for (k = 0; k < d->nrels; k++) {
		free(d->rels[k].id);
		free(d->rels[k].target);
		free(d->rels[k].type);
	}
	free(d->rels);
	for (k = 0; k < d->nabs; k++)
		free(d->abs[k].id);
	free(d->abs);
	for (k = 0; k < d->nnums; k++)
		free(d->nums[k].id);
	free(d->nums);
	for (k = 0; k < d->nstyles; k++) {
		free(d->styles[k].id);
		free(d->styles[k].based);
		free(d->styles[k].numid);
	}
	free(d->styles);
	for (i = 0; i < d->nblocks; i++) {
		struct tk_block *b = &d->blocks[i];
		for (k = 0; k < b->ninl; k++)
			free((char *)b->inl[k]);
		free((char **)b->inl);
		free((char *)b->text);
		free((char *)b->xml);
		free((char *)b->problem);
	}
	free(d->blocks);
	free(d->dir);
	tk_unpack_free(d->files, d->nfiles);
}

/* A document that cannot be read at all: one error, TK_EINPUT. */
static int refuse(struct tk_diags *diags, struct tk_error *err, const char *name,
		  const char *why)
{
	tk_diags_add(diags, TK_DIAG_ERROR, name, 0, "not a Word document (.docx): %s", why);
	return tk_error_set(err, TK_EINPUT, name, 0, "not a Word document (.docx): %s", why);
}

int tk_docx_parse(const void *data, size_t len, const char *name,
		  const struct tk_import_defaults *def, struct tk_itemset *set,
		  struct tk_import_images *images, struct tk_diags *diags,
		  struct tk_error *err)
{
	struct docx d;
	struct tk_error e = {0};
	xmlDocPtr doc = NULL;
	xmlNodePtr root, b;
	char *mainp = NULL, *slash;
	const struct tk_unpack_file *f;
	int rc;

	memset(&d, 0, sizeof d);
	d.name = name;
	d.images = images;
	if (tk_unpack(data, len, NULL, TK_UNPACK_SKIP_DIRS, &d.files, &d.nfiles, &e) != TK_OK) {
		rc = refuse(diags, err, name, e.msg);
		goto out;
	}
	if ((mainp = main_part(&d)) == NULL)
		goto oom;
	if ((f = part(&d, mainp)) == NULL) {
		rc = refuse(diags, err, name, _("it has no word/document.xml"));
		goto out;
	}
	slash = strrchr(mainp, '/');
	if ((d.dir = strndup(mainp, slash ? (size_t)(slash - mainp + 1) : 0)) == NULL)
		goto oom;
	if ((rc = read_rels(&d, mainp, err)) != TK_OK || (rc = read_numbering(&d, err)) != TK_OK ||
	    (rc = read_styles(&d, err)) != TK_OK || (rc = parse_part(&d, f, &doc, err)) != TK_OK) {
		if (rc != TK_EINTERNAL)
			tk_diags_add(diags, TK_DIAG_ERROR, name, 0, "%s", err->msg);
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (!is_w(root, "document") || (b = w_child(root, "body")) == NULL) {
		rc = refuse(diags, err, name, _("word/document.xml holds no document body"));
		goto out;
	}
	body(&d, b, 0);
	if (d.oom)
		goto oom;
	rc = tk_text_read(d.blocks, d.nblocks, name, def, set, diags, err);
	goto out;
oom:
	rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
out:
	xmlFreeDoc(doc);
	free(mainp);
	docx_free(&d);
	return rc;
}
