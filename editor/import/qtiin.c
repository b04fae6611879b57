/* qtiin.c -- IMS QTI 2.1 and 3.0 items and packages as items. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "htmlin.h"
#include "i18n.h"
#include "lmsitem.h"
#include "opc.h"
#include "qtiin.h"
#include "row.h"
#include "unpack.h"
#include "xml.h"

#define NS_V2P0 "http://www.imsglobal.org/xsd/imsqti_v2p0"
#define NS_V2P1 "http://www.imsglobal.org/xsd/imsqti_v2p1"
#define NS_V2P2 "http://www.imsglobal.org/xsd/imsqti_v2p2"
#define NS_V3P0 "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"

/* The largest item file: an item is a page of XHTML, not a book. */
#define ITEM_MAX (16u << 20)

/* A package holds an item per file and their media: a bank of 100,000
   items is one package, so more entries than unpack.c allows by default. */
static const struct tk_unpack_limits limits = {
	250000,                 /* entries */
	(size_t)256 << 20,      /* an entry (the manifest of a big bank) */
	(size_t)2 << 30,        /* all of them */
	200.0                   /* unpacked per packed byte */
};

/* The input: the files of a zip (sorted by name for lookups) or a disk. */
struct src {
	struct tk_unpack_file *files;
	int n;
	struct name_at { const char *name; int i; } *order;     /* files by name */
	char *used;             /* item files read */
	const struct tk_qtiin_files *disk;
	const char *name;       /* the input's name, for messages */
	int zip;
};

struct rd {
	const struct tk_import_defaults *def;
	int version;
	struct src src;
	struct tk_itemset *set;
	struct tk_import_images *images;
	struct tk_diags *diags;
	int bad;                /* items refused */
	int oom;
	struct job *jobs;       /* the items to read */
	size_t njobs, capjobs;
	/* a big manifest's items are read, a block at a time, by two threads
	   while it is still being read: the manifest publishes its jobs
	   (ready), each reader takes the next block */
	struct work *blocks;
	size_t nblocks;
	int threads;            /* readers running beside the manifest */
	pthread_t th[2];
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t ready, next;
	int finished, stop;
};

/* What a resource's LOM says of its item, taken before the item is read
   (the manifest's tree is gone by then). */
struct meta {
	struct tk_buf tags;     /* keywords and codes, each NUL-terminated, in order */
	int difficulty, time;   /* 0: not said */
	char *open_type, *level;
	const char *kind;
};

/* An item to read: its file, where messages put it, its resource. */
struct job {
	char *path, *where, *resid;
	const char *data;
	size_t len;
	char *owned;            /* data, when read from disk */
	struct meta meta;
};

/* A block of the items, read by one thread: what it finds is merged in
   the items' order after. */
struct work {
	struct rd *r;
	struct tk_lmsbatch batch;
	struct tk_itemset set;
	struct tk_diags diags;
	struct tk_import_images images;
	int bad, oom;
};

/* One item being read. */
struct qi {
	struct work *w;
	char image[TK_IMAGE_NAME];      /* the name of the image last kept */
	const char *path;       /* its file inside the package, for its images */
	const char *where;      /* its file, for messages */
	int v3;
	xmlNodePtr root, body;
	struct tk_lmsitem it;
	char *level;            /* the level the LOM names (its taxon id) */
	char *open_type;
	/* the interactions of the body, in document order */
	xmlNodePtr choice, extended;
	xmlNodePtr *entries;
	int nentries, capentries;
	int gapless;            /* every text entry stands in a paragraph of its own */
	int scorer_blocks;      /* rubric blocks for scorers */
	int several;            /* two choice or extended text interactions */
	struct tk_buf other;    /* interactions tiku has no form for */
};

/* ---- names -------------------------------------------------------------- */

/* Is n the element QTI 2 calls name?  QTI 3 spells it qti- and kebab
   case: choiceInteraction is qti-choice-interaction. */
static int is_el(xmlNodePtr n, const char *name)
{
	const char *p, *q;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return 0;
	p = (const char *)n->name;
	if (strncmp(p, "qti-", 4))
		return !strcmp(p, name);
	for (p += 4, q = name; *q; q++) {
		if (*q >= 'A' && *q <= 'Z') {
			if (p[0] != '-' || p[1] != *q + 32)
				return 0;
			p += 2;
		} else if (*p++ != *q) {
			return 0;
		}
	}
	return *p == '\0';
}

/* The attribute QTI 2 calls name (camel case), or QTI 3's (kebab case);
   caller frees. */
static char *qattr(xmlNodePtr n, const char *name)
{
	char kebab[64], *v = tk_xml_attr(n, name);
	size_t k = 0;

	if (v != NULL)
		return v;
	for (; *name && k + 2 < sizeof kebab; name++) {
		if (*name >= 'A' && *name <= 'Z') {
			kebab[k++] = '-';
			kebab[k++] = (char)(*name + 32);
		} else {
			kebab[k++] = *name;
		}
	}
	kebab[k] = '\0';
	return tk_xml_attr(n, kebab);
}

/* The first child element QTI calls name, or NULL. */
static xmlNodePtr qchild(xmlNodePtr n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (is_el(n, name))
			return n;
	return NULL;
}

static xmlNodePtr qnext(xmlNodePtr n, const char *name)
{
	for (n = n->next; n; n = n->next)
		if (is_el(n, name))
			return n;
	return NULL;
}

/* The LOM's names, whatever their case (IMS MD 1.2 is lower case, IEEE
   LOM camel case) and namespace. */
static int is_lom(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, name);
}

static xmlNodePtr lchild(xmlNodePtr n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (is_lom(n, name))
			return n;
	return NULL;
}

static xmlNodePtr lnext(xmlNodePtr n, const char *name)
{
	for (n = n->next; n; n = n->next)
		if (is_lom(n, name))
			return n;
	return NULL;
}

/* Does the space-separated list s hold word w? */
static int has_word(const char *s, const char *w)
{
	size_t n = strlen(w);

	while (s && *s) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (!strncmp(s, w, n) && (s[n] == '\0' || s[n] == ' ' || s[n] == '\t' ||
					  s[n] == '\n' || s[n] == '\r'))
			return 1;
		while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			s++;
	}
	return 0;
}

/* ---- the input's files ---------------------------------------------------- */

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct name_at *)a)->name, ((const struct name_at *)b)->name);
}

static int src_index(struct src *s)
{
	int i;

	if ((s->order = malloc((size_t)(s->n ? s->n : 1) * sizeof *s->order)) == NULL ||
	    (s->used = calloc((size_t)(s->n ? s->n : 1), 1)) == NULL)
		return TK_EINTERNAL;
	for (i = 0; i < s->n; i++) {
		s->order[i].name = s->files[i].name;
		s->order[i].i = i;
	}
	qsort(s->order, (size_t)s->n, sizeof *s->order, by_name);
	return TK_OK;
}

/* A file of the zip, or NULL. */
static const struct tk_unpack_file *zip_file(const struct src *s, const char *path)
{
	int lo = 0, hi = s->n - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2, c = strcmp(s->order[mid].name, path);
		if (c == 0)
			return &s->files[s->order[mid].i];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

/*
 * The bytes of path: *data points into the zip, or is read from disk
 * into *owned (caller frees).  TK_FAIL when there is no such file (or
 * it is over max), TK_EINTERNAL when memory ran out.
 */
static int src_get(const struct src *s, const char *path, size_t max, const char **data,
		   size_t *len, char **owned)
{
	struct tk_error e = {0};
	int rc;

	*owned = NULL;
	if (s->zip) {
		const struct tk_unpack_file *f = zip_file(s, path);
		if (f == NULL || f->len > max)
			return TK_FAIL;
		*data = (const char *)f->data;
		*len = f->len;
		return TK_OK;
	}
	if (s->disk == NULL || s->disk->read == NULL)
		return TK_FAIL;
	rc = s->disk->read(s->disk->ud, path, max, owned, len, &e);
	*data = *owned;
	return rc == TK_OK ? TK_OK : rc == TK_EINTERNAL ? TK_EINTERNAL : TK_FAIL;
}

/* s with %XX undone (hrefs and srcs are URIs); NULL for %00 or no memory. */
static char *pct_decode(const char *s)
{
	char *out = malloc(strlen(s) + 1), *w = out;
	static const char hex[] = "0123456789abcdef";

	if (out == NULL)
		return NULL;
	for (; *s; s++) {
		const char *h, *l;
		/* s[1] and s[2] are not NUL, so strchr finds no terminator */
		if (*s == '%' && s[1] && s[2] && (h = strchr(hex, s[1] | 32)) != NULL &&
		    (l = strchr(hex, s[2] | 32)) != NULL) {
			char c = (char)((h - hex) << 4 | (l - hex));
			if (c == '\0') {
				free(out);
				return NULL;
			}
			*w++ = c;
			s += 2;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
	return out;
}

/*
 * The file a reference ref (an href or a src) in the file `from` names,
 * inside the package; NULL when it is a URL, absolute, or leads out
 * (the caller frees).
 */
static char *resolve(const char *from, const char *ref)
{
	char *plain, *out;

	if (*ref == '\0' || *ref == '/' || strchr(ref, '\\') || strchr(ref, ':') ||
	    strchr(ref, '?') || strchr(ref, '#'))
		return NULL;
	if ((plain = pct_decode(ref)) == NULL)
		return NULL;
	out = strchr(plain, '\\') || strchr(plain, ':') || *plain == '/' ? NULL :
	      tk_opc_resolve(from, plain);
	free(plain);
	if (out && *out == '\0') {
		free(out);
		return NULL;
	}
	return out;
}

/* ---- images --------------------------------------------------------------- */

/* An image's bytes kept for the bank; the name items give it, or NULL
   with the reason in q->it.why. */
static const char *keep_image(struct qi *q, const char *src, const void *data, size_t len)
{
	int type = tk_image_type(data, len);

	if (type == TK_IMAGE_NONE) {
		tk_import_problem(&q->it.why, _("the image '%.120s' is not PNG or JPEG (save it as PNG)"),
				  src);
		return NULL;
	}
	if (len > TK_IMAGE_MAX) {
		tk_import_problem(&q->it.why, _("the image '%.120s' is %zu bytes, more than the %u a "
						"bank keeps"), src, len, TK_IMAGE_MAX);
		return NULL;
	}
	if (tk_import_images_add(&q->w->images, data, len, type, q->image) != TK_OK) {
		q->w->oom = 1;
		return NULL;
	}
	return q->image;
}

/* A data: URI of a PNG or JPEG image, base64. */
static const char *data_image(struct qi *q, const char *src)
{
	const char *comma = strchr(src, ',');
	unsigned char *bin;
	size_t n, max;
	const char *name = NULL;

	if (comma == NULL || !strstr(src, ";base64") || strstr(src, ";base64") > comma) {
		tk_import_problem(&q->it.why, "%s", _("an image given as a data: URI that is not base64"));
		return NULL;
	}
	comma++;
	max = strlen(comma) / 4 * 3 + 3;
	if (max > TK_IMAGE_MAX + 3) {
		tk_import_problem(&q->it.why, _("an image of a data: URI is more than the %u bytes a "
						"bank keeps"), TK_IMAGE_MAX);
		return NULL;
	}
	if ((bin = malloc(max)) == NULL) {
		q->w->oom = 1;
		return NULL;
	}
	if (sodium_base642bin(bin, max, comma, strlen(comma), " \t\r\n", &n, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0)
		tk_import_problem(&q->it.why, "%s", _("an image's data: URI is not valid base64"));
	else
		name = keep_image(q, "data:", bin, n);
	free(bin);
	return name;
}

static const char *image(void *ud, const char *src)
{
	struct qi *q = ud;
	const char *data, *name;
	char *path, *owned;
	size_t len;
	int rc;

	if (!strncasecmp(src, "data:", 5))
		return data_image(q, src);
	if ((path = resolve(q->path, src)) == NULL) {
		tk_import_problem(&q->it.why, _("the image '%.120s' is outside the package "
						"(a URL, or a path that leads out)"), src);
		return NULL;
	}
	rc = src_get(&q->w->r->src, path, TK_IMAGE_MAX + 1, &data, &len, &owned);
	if (rc == TK_EINTERNAL) {
		q->w->oom = 1;
		name = NULL;
	} else if (rc != TK_OK) {
		tk_import_problem(&q->it.why, _("the image '%.120s' is missing from the package"), src);
		name = NULL;
	} else {
		name = keep_image(q, src, data, len);
	}
	free(owned);
	free(path);
	return name;
}

static int is_gap(void *ud, const char *name, const char *cls)
{
	(void)ud;
	return !strcasecmp(name, "span") && !strcmp(cls, "tiku-gap");
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Is html (as html_nodes writes it: text escaped) plain text, perhaps in
 * one <div>?  Then *text, *n is the text.  Most stems and options are, and
 * the HTML parser would give back the same text for ten times the work.
 */
static int plain(const char *html, int div, const char **text, size_t *n)
{
	const char *p = html, *end;

	while (is_ws(*p))
		p++;
	if (div && !strncmp(p, "<div>", 5)) {
		p += 5;
		if ((end = strchr(p, '<')) == NULL || strncmp(end, "</div>", 6))
			return 0;
		*text = p;
		*n = (size_t)(end - p);
		for (end += 6; is_ws(*end); end++)
			;
		return *end == '\0';
	}
	*text = p;
	*n = strlen(p);
	return strchr(p, '<') == NULL;
}

/* XHTML to item rich text (inline only: an option). */
static void frag(struct qi *q, const struct tk_buf *html, int inline_only, struct tk_buf *out)
{
	struct tk_htmlin_opts o = {image, is_gap, q, inline_only};
	const char *t;
	size_t n, i, start = out->len;
	int space = 0;

	if (!plain(tk_buf_str(html), !inline_only, &t, &n)) {
		tk_htmlin_fragment(tk_buf_str(html), &o, out, &q->it.lost);
		return;
	}
	/* as htmlin.c shows text: each run of white space one space, trimmed,
	   no DEL (the one control character XML text may hold) */
	for (i = 0; i < n; i++) {
		if (is_ws(t[i])) {
			space = 1;
			continue;
		}
		if (t[i] == 0x7f)
			continue;
		if (space && out->len > start)
			tk_buf_putc(out, ' ');
		space = 0;
		tk_buf_putc(out, t[i]);
	}
}

/* ---- the body as HTML ------------------------------------------------------ */

static void html_nodes(struct qi *q, xmlNodePtr n, struct tk_buf *b, int depth);

static void attr_out(struct tk_buf *b, xmlNodePtr n, const char *name, const char *as)
{
	char *v = tk_xml_attr(n, name);

	if (v) {
		tk_buf_printf(b, " %s=\"", as);
		tk_buf_xml(b, v, 1);
		tk_buf_putc(b, '"');
		free(v);
	}
}

/* Is n's name that of an interaction (QTI 2: ...Interaction; 3: qti-...-interaction)? */
static int is_interaction(xmlNodePtr n)
{
	const char *s = (const char *)n->name;
	size_t len = strlen(s);

	return (len > 11 && !strcmp(s + len - 11, "Interaction")) ||
	       (len > 12 && !strncmp(s, "qti-", 4) && !strcmp(s + len - 12, "-interaction"));
}

/* A p or div of text entries and white space only. */
static int entries_only(xmlNodePtr n)
{
	xmlNodePtr c;
	int k = 0;

	for (c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			const char *t = (const char *)c->content;
			if (t[strspn(t, " \t\r\n")])
				return 0;
		} else if (c->type == XML_ELEMENT_NODE) {
			if (!is_el(c, "textEntryInteraction"))
				return 0;
			k++;
		}
	}
	return k > 0;
}

static void add_entry(struct qi *q, xmlNodePtr n)
{
	if (q->nentries == q->capentries) {
		int cap = q->capentries ? 2 * q->capentries : 8;
		xmlNodePtr *v = realloc(q->entries, (size_t)cap * sizeof *v);
		if (v == NULL) {
			q->w->oom = 1;
			return;
		}
		q->entries = v;
		q->capentries = cap;
	}
	q->entries[q->nentries++] = n;
}

/* The first element under n, through qti-content-body. */
static xmlNodePtr first_el(xmlNodePtr n)
{
	int depth;

	for (depth = 0; n && depth < 4; depth++) {
		for (n = n->children; n && n->type != XML_ELEMENT_NODE; n = n->next)
			;
		if (n == NULL || strncmp((const char *)n->name, "qti-", 4))
			return n;
	}
	return NULL;
}

/*
 * A skill task's materials, from a proctor's rubric block as tiku's
 * export writes it: 考场准备, then "KIND：TEXT（QUANTITY）" a line.  A
 * text that ends in brackets of its own and has no quantity reads as its
 * quantity: the block does not tell the two apart.  0: not such a block.
 */
static int materials(struct qi *q, xmlNodePtr block)
{
	static const struct { const char *name, *el; } kinds[] = {
		{"场地与机考环境", "site"}, {"设备", "equipment"}, {"材料", "material"}
	};
	xmlNodePtr head = first_el(block), list, li;
	struct tk_buf *m = &q->it.materials;
	char *t = head ? tk_xml_text(head) : NULL;
	int ok = t && !strcmp(t, "考场准备");

	free(t);
	if (!ok)
		return 0;
	for (list = head->next; list && list->type != XML_ELEMENT_NODE; list = list->next)
		;
	for (li = list ? list->children : NULL; li; li = li->next) {
		char *text, *colon, *open, *end;
		size_t k;
		if (li->type != XML_ELEMENT_NODE || strcmp((const char *)li->name, "li"))
			continue;
		text = tk_xml_text(li);
		colon = text ? strstr(text, "：") : NULL;
		for (k = 0; colon && k < sizeof kinds / sizeof kinds[0]; k++)
			if (strlen(kinds[k].name) == (size_t)(colon - text) &&
			    !strncmp(text, kinds[k].name, (size_t)(colon - text)))
				break;
		if (colon == NULL || k == sizeof kinds / sizeof kinds[0] || colon[3] == '\0') {
			tk_import_problem(&q->it.why, _("a line of the site's preparation is not "
							 "'site/equipment/material：text': %.80s"),
					  text ? text : "");
			free(text);
			continue;
		}
		colon += 3;
		tk_buf_printf(m, "<%s", kinds[k].el);
		end = colon + strlen(colon);
		open = NULL;
		if (end - colon > 6 && !strcmp(end - 3, "）")) {
			char *p;
			for (p = colon; (p = strstr(p, "（")) != NULL; p += 3)
				open = p;
		}
		if (open && open > colon && open + 3 < end - 3) {
			tk_buf_puts(m, " quantity=\"");
			end[-3] = '\0';
			tk_lmsitem_escape(m, open + 3);
			tk_buf_putc(m, '"');
			*open = '\0';
		}
		tk_buf_putc(m, '>');
		tk_lmsitem_escape(m, colon);
		tk_buf_printf(m, "</%s>", kinds[k].el);
		free(text);
	}
	return 1;
}

static void html_node(struct qi *q, xmlNodePtr n, struct tk_buf *b, int depth)
{
	static const char *const voids[] = {"br", "img", "hr", "col", NULL};
	static const char *const kept[] = {"src", "alt", "width", "colspan", "rowspan", NULL};
	const char *name = (const char *)n->name;
	int k;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		tk_buf_xml(b, (const char *)n->content, 0);
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (is_interaction(n)) {
		xmlNodePtr prompt;
		if (is_el(n, "textEntryInteraction")) {
			add_entry(q, n);
			tk_buf_puts(b, "<span class=\"tiku-gap\"></span>");
			return;
		}
		if (is_el(n, "choiceInteraction") || is_el(n, "extendedTextInteraction")) {
			xmlNodePtr *slot = is_el(n, "choiceInteraction") ? &q->choice : &q->extended;
			if (*slot == NULL)
				*slot = n;
			else
				q->several = 1;
			/* the question is often the interaction's prompt */
			if ((prompt = qchild(n, "prompt")) != NULL) {
				tk_buf_puts(b, "<div>");
				html_nodes(q, prompt->children, b, depth + 1);
				tk_buf_puts(b, "</div>");
			}
			return;
		}
		if (!strstr(tk_buf_str(&q->other), name))
			tk_import_problem(&q->other, "%s", name);
		return;
	}
	if (is_el(n, "rubricBlock")) {
		/* what candidates are to read belongs to the question */
		char *view = tk_xml_attr(n, "view");
		if (has_word(view, "candidate"))
			html_nodes(q, n->children, b, depth + 1);
		else if (has_word(view, "scorer"))
			q->scorer_blocks++;     /* an item's answer and rubric */
		else if (!(has_word(view, "proctor") && materials(q, n)))
			tk_lmsitem_lost(&q->it, _("rubric blocks for other readers"));
		free(view);
		return;
	}
	if (is_el(n, "feedbackInline") || is_el(n, "feedbackBlock")) {
		tk_lmsitem_lost(&q->it, _("feedback by answer"));
		return;
	}
	if (is_el(n, "templateInline") || is_el(n, "templateBlock") || is_el(n, "printedVariable")) {
		tk_lmsitem_lost(&q->it, _("templates"));
		return;
	}
	if (!strcmp(name, "math")) {
		tk_lmsitem_lost(&q->it, _("MathML"));
		return;
	}
	if (!strcmp(name, "object")) {
		/* QTI 2.0 showed images as objects */
		char *type = tk_xml_attr(n, "type");
		if (type && !strncmp(type, "image/", 6)) {
			tk_buf_puts(b, "<img");
			attr_out(b, n, "data", "src");
			tk_buf_puts(b, " alt=\"");
			{
				char *t = tk_xml_text(n);
				tk_buf_xml(b, t ? t : "", 1);
				free(t);
			}
			tk_buf_puts(b, "\">");
		} else {
			tk_lmsitem_lost(&q->it, _("embedded objects"));
		}
		free(type);
		return;
	}
	if (!strcmp(name, "span")) {
		/* tiku's export underlines with class u; others with a style */
		char *cls = tk_xml_attr(n, "class"), *style = tk_xml_attr(n, "style");
		int u = has_word(cls, "u") || (style && strstr(style, "underline"));
		free(cls);
		free(style);
		if (u) {
			tk_buf_puts(b, "<u>");
			html_nodes(q, n->children, b, depth + 1);
			tk_buf_puts(b, "</u>");
			return;
		}
	}
	if (!strncmp(name, "qti-", 4) || depth > 60) {
		/* qti-content-body and the like: their content */
		html_nodes(q, n->children, b, depth + 1);
		return;
	}
	if (q->gapless && (!strcmp(name, "p") || !strcmp(name, "div")) &&
	    n->parent == q->body && entries_only(n)) {
		/* blanks below the stem, as tiku's export writes a fill item
		   whose stem has no gap */
		xmlNodePtr c;
		for (c = n->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				add_entry(q, c);
		return;
	}
	tk_buf_printf(b, "<%s", name);
	for (k = 0; kept[k]; k++)
		attr_out(b, n, kept[k], kept[k]);
	tk_buf_putc(b, '>');
	for (k = 0; voids[k]; k++)
		if (!strcmp(name, voids[k]))
			return;
	html_nodes(q, n->children, b, depth + 1);
	tk_buf_printf(b, "</%s>", name);
}

static void html_nodes(struct qi *q, xmlNodePtr n, struct tk_buf *b, int depth)
{
	for (; n && depth < 64; n = n->next)
		html_node(q, n, b, depth);
}

/* Count the text entries of n, and those alone in a paragraph of the body. */
static void count_entries(struct qi *q, xmlNodePtr n, int *all, int *alone, int depth)
{
	for (n = n->children; n && depth < 64; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(n, "textEntryInteraction")) {
			(*all)++;
			continue;
		}
		if (n->parent == q->body && (!strcmp((const char *)n->name, "p") ||
					     !strcmp((const char *)n->name, "div")) &&
		    entries_only(n)) {
			xmlNodePtr c;
			for (c = n->children; c; c = c->next)
				if (c->type == XML_ELEMENT_NODE)
					(*all)++, (*alone)++;
			continue;
		}
		count_entries(q, n, all, alone, depth + 1);
	}
}

/* ---- responses -------------------------------------------------------------- */

/* The responseDeclaration of the interaction n (by its responseIdentifier). */
static xmlNodePtr declaration(struct qi *q, xmlNodePtr n, char **id)
{
	xmlNodePtr d;

	*id = qattr(n, "responseIdentifier");
	for (d = qchild(q->root, "responseDeclaration"); d && *id; d = qnext(d, "responseDeclaration")) {
		char *v = tk_xml_attr(d, "identifier");
		int same = v && !strcmp(v, *id);
		free(v);
		if (same)
			return d;
	}
	return NULL;
}

/* The values of the declaration's correct response, and of its mapping's
   entries of positive value (the accepted texts of a blank), in order,
   each once: appended to out as NUL-separated strings; their count. */
static int right_values(xmlNodePtr d, struct tk_buf *out, int mapping)
{
	xmlNodePtr c, v;
	int n = 0;

	for (c = qchild(d, "correctResponse"); c; c = NULL)
		for (v = qchild(c, "value"); v; v = qnext(v, "value")) {
			char *t = tk_xml_text(v);
			if (t && *t) {
				tk_buf_add(out, t, strlen(t) + 1);
				n++;
			}
			free(t);
		}
	if (!mapping && n)
		return n;
	for (c = qchild(d, "mapping"); c; c = NULL)
		for (v = qchild(c, "mapEntry"); v; v = qnext(v, "mapEntry")) {
			char *key = qattr(v, "mapKey"), *val = qattr(v, "mappedValue");
			const char *p;
			if (key && *key && val && strtod(val, NULL) > 0) {
				for (p = out->s; p && p < out->s + out->len; p += strlen(p) + 1)
					if (!strcmp(p, key))
						break;
				if (!(p && p < out->s + out->len)) {
					tk_buf_add(out, key, strlen(key) + 1);
					n++;
				}
			}
			free(key);
			free(val);
		}
	return n;
}

static int tf_word(const char *s)
{
	static const char *const yes[] = {"正确", "对", "是", "√", "✓", "✔", "T", "True", "true",
					  "TRUE", "Yes", "yes", "Wahr", "Richtig", "Vrai", "Juist",
					  "Verdadero", "Waar", NULL};
	static const char *const no[] = {"错误", "错", "否", "×", "✗", "✘", "F", "False", "false",
					 "FALSE", "No", "no", "Falsch", "Faux", "Onjuist", "Falso",
					 "Onwaar", NULL};
	int i;

	for (i = 0; yes[i]; i++)
		if (!strcmp(s, yes[i]))
			return 1;
	for (i = 0; no[i]; i++)
		if (!strcmp(s, no[i]))
			return 0;
	return -1;
}

static void choice(struct qi *q)
{
	struct tk_lmsitem *it = &q->it;
	xmlNodePtr d, c, choices[27];
	struct tk_buf right = TK_BUF_INIT, html = TK_BUF_INIT;
	char *rid, *card = NULL, *maxc = qattr(q->choice, "maxChoices"), *ids[27];
	int n = 0, i, nright, multiple, truth[2] = {-1, -1};
	const char *p;

	memset(ids, 0, sizeof ids);
	d = declaration(q, q->choice, &rid);
	for (c = qchild(q->choice, "simpleChoice"); c && n < 27; c = qnext(c, "simpleChoice")) {
		choices[n] = c;
		ids[n++] = tk_xml_attr(c, "identifier");
	}
	if (n > 26)
		tk_import_problem(&it->why, "%s", _("more than 26 choices"));
	else if (n < 2)
		tk_import_problem(&it->why, "%s", _("a choice interaction of fewer than two choices"));
	if (d == NULL) {
		tk_import_problem(&it->why, _("no responseDeclaration for the choices' response '%s'"),
				  rid ? rid : "");
		goto out;
	}
	card = tk_xml_attr(d, "cardinality");
	multiple = (card && !strcmp(card, "multiple")) || (maxc && strcmp(maxc, "1"));
	nright = right_values(d, &right, 0);
	if (nright == 0)
		tk_import_problem(&it->why, "%s", _("no right choice (the response has no correct value)"));
	if (n == 2 && !multiple) {
		for (i = 0; i < 2; i++) {
			char *t = tk_xml_text(choices[i]);
			truth[i] = t ? tf_word(t) : -1;
			free(t);
		}
	}
	if (truth[0] >= 0 && truth[1] >= 0 && truth[0] != truth[1] && nright == 1) {
		it->type = "truefalse";
		for (i = 0; i < 2; i++)
			if (ids[i] && !strcmp(ids[i], right.s))
				tk_buf_puts(&it->answer, truth[i] ? "true" : "false");
		if (it->answer.len == 0)
			tk_import_problem(&it->why, _("the correct response '%s' is no choice"), right.s);
		goto out;
	}
	it->type = multiple ? "multiple" : "single";
	for (i = 0; i < n && i < 26; i++) {
		tk_buf_reset(&html);
		html_nodes(q, choices[i]->children, &html, 0);
		tk_buf_printf(&it->options, "<option key=\"%c\">", 'A' + i);
		frag(q, &html, 1, &it->options);
		tk_buf_puts(&it->options, "</option>");
	}
	/* keys are the choices' places: A, B, ... whatever their identifiers */
	for (p = right.s; nright && p < right.s + right.len; p += strlen(p) + 1) {
		for (i = 0; i < n && i < 26 && !(ids[i] && !strcmp(ids[i], p)); i++)
			;
		if (i == n || i == 26)
			tk_import_problem(&it->why, _("the correct response '%s' is no choice"), p);
		else if (!strchr(tk_buf_str(&it->answer), 'A' + i))
			tk_buf_putc(&it->answer, (char)('A' + i));
	}
	/* in key order, as tiku writes answers */
	for (i = 1; i < (int)it->answer.len; i++) {
		int j;
		for (j = i; j > 0 && it->answer.s[j - 1] > it->answer.s[j]; j--) {
			char t = it->answer.s[j];
			it->answer.s[j] = it->answer.s[j - 1];
			it->answer.s[j - 1] = t;
		}
	}
out:
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(rid);
	free(card);
	free(maxc);
	tk_buf_free(&right);
	tk_buf_free(&html);
}

static void scorers(struct qi *q, xmlNodePtr n, struct tk_buf *answer, int *mode, int depth);

static void fill(struct qi *q)
{
	struct tk_lmsitem *it = &q->it;
	struct tk_buf alts = TK_BUF_INIT, answer = TK_BUF_INIT;
	int i, k, mode = 0;

	it->type = "fill";
	for (i = 0; i < q->nentries; i++) {
		char *rid;
		xmlNodePtr d = declaration(q, q->entries[i], &rid);
		const char *p;
		tk_buf_reset(&alts);
		if (d == NULL) {
			tk_import_problem(&it->why, _("no responseDeclaration for the text entry '%s'"),
					  rid ? rid : "");
			free(rid);
			continue;
		}
		if (right_values(d, &alts, 1) == 0)
			tk_import_problem(&it->why, _("the text entry '%s' has no right answer"),
					  rid ? rid : "");
		tk_buf_puts(&it->answer, "<blank>");
		for (p = alts.s, k = 0; p && p < alts.s + alts.len; p += strlen(p) + 1) {
			if (strchr(p, '|')) {
				/* tiku separates accepted texts with | */
				tk_lmsitem_lost(it, _("answers holding '|'"));
				continue;
			}
			if (k++)
				tk_buf_putc(&it->answer, '|');
			tk_lmsitem_escape(&it->answer, p);
		}
		tk_buf_puts(&it->answer, "</blank>");
		free(rid);
	}
	/* a fill item's rubric: how part marks are given */
	scorers(q, q->body, &answer, &mode, 0);
	if (answer.len && answer.s[strspn(answer.s, " \t\r\n")])
		tk_lmsitem_lost(it, _("a reference answer besides the blanks"));
	tk_buf_free(&answer);
	tk_buf_free(&alts);
}

/* The points of a criterion "text（4分）", "text (4 points)", its text cut
   to what comes before them; -1 (t unchanged) when it has none. */
static int criterion(char *t)
{
	static const char *const ends[] = {"分）", "分)", " points)", " point)", " pts)",
					   " pt)", "points)", "point)", NULL};
	size_t n = strlen(t), k = 0;
	char *open = NULL, *p, num[32];
	int i, pts;

	for (i = 0; ends[i]; i++) {
		k = strlen(ends[i]);
		if (n > k && !strcmp(t + n - k, ends[i]))
			break;
	}
	if (ends[i] == NULL)
		return -1;
	/* the last bracket that opens before the end */
	for (p = t; p < t + n - k; p++)
		if (*p == '(' || !strncmp(p, "\xEF\xBC\x88", 3))
			open = p;
	if (open == NULL)
		return -1;
	p = open + (*open == '(' ? 1 : 3);
	if ((size_t)(t + n - k - p) >= sizeof num)
		return -1;
	memcpy(num, p, (size_t)(t + n - k - p));
	num[t + n - k - p] = '\0';
	if ((pts = tk_lmsitem_tenths(tk_trim(num))) < 0)
		return -1;
	*open = '\0';
	tk_trim(t);
	return pts;
}

/* Does every item of the list read as a criterion? */
static int criteria_list(xmlNodePtr list)
{
	xmlNodePtr li;
	int n = 0;

	for (li = list->children; li; li = li->next) {
		char *t;
		int ok;
		if (li->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)li->name, "li"))
			return 0;
		t = tk_xml_text(li);
		ok = t && criterion(t) >= 0;
		free(t);
		if (!ok)
			return 0;
		n++;
	}
	return n > 0;
}

static void criteria(struct qi *q, xmlNodePtr list)
{
	xmlNodePtr li;

	for (li = list->children; li; li = li->next) {
		char *t;
		int pts;
		if (li->type != XML_ELEMENT_NODE || strcmp((const char *)li->name, "li"))
			continue;
		t = tk_xml_text(li);
		pts = t ? criterion(t) : -1;
		tk_buf_printf(&q->it.rubric, "<criterion points=\"%d.%d\">", pts > 0 ? pts / 10 : 0,
			      pts > 0 ? pts % 10 : 0);
		tk_lmsitem_escape(&q->it.rubric, t ? t : "");
		tk_buf_puts(&q->it.rubric, "</criterion>");
		free(t);
	}
}

/* The scorer's rubric block: under 参考答案 the reference answer, under
   评分要点 the criteria (as tiku's export writes them); elsewhere a
   list of "text (N points)" is criteria, the rest the answer. */
static void scorer(struct qi *q, xmlNodePtr n, struct tk_buf *answer, int *mode, int depth)
{
	for (n = n->children; n && depth < 8; n = n->next) {
		char *t;
		if (n->type == XML_TEXT_NODE) {
			tk_buf_xml(answer, (const char *)n->content, 0);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!strncmp((const char *)n->name, "qti-", 4)) {
			scorer(q, n, answer, mode, depth + 1);     /* qti-content-body */
			continue;
		}
		t = tk_xml_text(n);
		if (t && !strcmp((const char *)n->name, "p") &&
		    (!strcmp(t, "参考答案") || !strcmp(t, "评分要点") || !strcmp(t, "（无评分参考）"))) {
			*mode = !strcmp(t, "参考答案") ? 1 : !strcmp(t, "评分要点") ? 2 : 0;
		} else if ((!strcmp((const char *)n->name, "ol") || !strcmp((const char *)n->name, "ul")) &&
			   (*mode == 2 || criteria_list(n))) {
			criteria(q, n);
		} else {
			html_node(q, n, answer, 0);
		}
		free(t);
	}
}

/* The rubric blocks for scorers under n, in document order. */
static void scorers(struct qi *q, xmlNodePtr n, struct tk_buf *answer, int *mode, int depth)
{
	for (n = n->children; n && depth < 64; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || is_interaction(n))
			continue;
		if (is_el(n, "rubricBlock")) {
			char *view = tk_xml_attr(n, "view");
			if (has_word(view, "scorer"))
				scorer(q, n, answer, mode, 0);
			free(view);
		} else {
			scorers(q, n, answer, mode, depth + 1);
		}
	}
}

static void open_item(struct qi *q)
{
	struct tk_lmsitem *it = &q->it;
	struct tk_buf answer = TK_BUF_INIT;
	int mode = 0;

	it->type = q->open_type ? q->open_type : "short";
	if (!it->kind)
		it->kind = !strcmp(it->type, "short") ? "theory" : "skill";
	scorers(q, q->body, &answer, &mode, 0);
	frag(q, &answer, 0, &it->answer);
	tk_buf_free(&answer);
}

/* ---- points and feedback ----------------------------------------------------- */

static int outcome_default(struct qi *q, const char *id, char **normal)
{
	xmlNodePtr d, v;
	int t = -1;

	for (d = qchild(q->root, "outcomeDeclaration"); d; d = qnext(d, "outcomeDeclaration")) {
		char *i = tk_xml_attr(d, "identifier");
		int same = i && !strcmp(i, id);
		free(i);
		if (!same)
			continue;
		if (normal)
			*normal = qattr(d, "normalMaximum");
		if ((v = qchild(d, "defaultValue")) != NULL && (v = qchild(v, "value")) != NULL) {
			char *s = tk_xml_text(v);
			t = s ? tk_lmsitem_tenths(s) : -1;
			free(s);
		}
		return t;
	}
	return -1;
}

/* The largest SCORE response processing sets with a baseValue. */
static int max_set_score(xmlNodePtr n, int depth)
{
	int best = -1, t;

	for (n = n ? n->children : NULL; n && depth < 32; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(n, "setOutcomeValue")) {
			char *id = tk_xml_attr(n, "identifier");
			xmlNodePtr v = qchild(n, "baseValue");
			if (id && !strcmp(id, "SCORE") && v) {
				char *s = tk_xml_text(v);
				t = s ? tk_lmsitem_tenths(s) : -1;
				if (t > best)
					best = t;
				free(s);
			}
			free(id);
			continue;
		}
		t = max_set_score(n, depth + 1);
		if (t > best)
			best = t;
	}
	return best;
}

static void points(struct qi *q)
{
	char *normal = NULL;
	int t = outcome_default(q, "MAXSCORE", NULL);

	outcome_default(q, "SCORE", &normal);
	if (t < 0 && normal)
		t = tk_lmsitem_tenths(normal);
	if (t < 0)
		t = max_set_score(qchild(q->root, "responseProcessing"), 0);
	if (t == 0)
		tk_import_problem(&q->it.why, "%s", _("the item is worth 0 points (MAXSCORE)"));
	else if (t > 0)
		q->it.points = t;
	free(normal);
}

static void feedback(struct qi *q)
{
	xmlNodePtr f = qchild(q->root, "modalFeedback");
	struct tk_buf html = TK_BUF_INIT;

	if (f == NULL)
		return;
	if (qnext(f, "modalFeedback")) {
		/* shown by outcome: right and wrong answers hear different things */
		tk_lmsitem_lost(&q->it, _("feedback by answer"));
		return;
	}
	html_nodes(q, f->children, &html, 0);
	frag(q, &html, 0, &q->it.explanation);
	tk_buf_free(&html);
}

/* ---- the LOM -------------------------------------------------------------------- */

static char *lom_text(xmlNodePtr n)
{
	char *t = n ? tk_xml_text(n) : NULL;

	if (t && *t == '\0') {
		free(t);
		t = NULL;
	}
	return t;
}

static void tag(struct meta *m, const char *t)
{
	tk_buf_add(&m->tags, t, strlen(t) + 1);
}

/* The langstrings (IMS MD) or strings (IEEE LOM) of n, each a tag. */
static void lom_strings(struct meta *m, xmlNodePtr n)
{
	xmlNodePtr s;
	int k = 0;
	char *t;

	for (s = n->children; s; s = s->next)
		if (is_lom(s, "langstring") || is_lom(s, "string")) {
			if ((t = lom_text(s)) != NULL)
				tag(m, t);
			free(t);
			k++;
		}
	if (k == 0 && (t = lom_text(n)) != NULL) {
		tag(m, t);
		free(t);
	}
}

/* A keyword or code, once: a code the LOM names twice is one code. */
static void keyword(struct qi *q, const char *t)
{
	char code[256];

	snprintf(code, sizeof code, "<code>%s</code>", t);
	if (!strstr(tk_buf_str(&q->it.marks), code))
		tk_lmsitem_tag(&q->it, t);
}

/* ISO 8601 duration (PT1H2M3S) in seconds, or 0. */
static int duration(const char *s)
{
	long total = 0, v = 0;
	int digits = 0, time = 0;

	if (*s++ != 'P')
		return 0;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (v > 100000000)
				return 0;
			v = v * 10 + (*s - '0');
			digits = 1;
		} else if (*s == 'T') {
			time = 1;
		} else if (digits && (*s == 'D' || *s == 'H' || (*s == 'M' && time) || *s == 'S')) {
			total += v * (*s == 'D' ? 86400 : *s == 'H' ? 3600 : *s == 'M' ? 60 : 1);
			v = 0;
			digits = 0;
			if (total > 86400)
				return 0;
		} else if (*s == '.') {
			while (s[1] >= '0' && s[1] <= '9')
				s++;
		} else {
			return 0;
		}
	}
	return digits ? 0 : (int)total;
}

static int level_of(const struct tk_standard *std, const char *s)
{
	return std && s ? tk_standard_level(std, s) : -1;
}

/* A taxon path: the level, kind and codes when it is the standard's (its
   source names it, or a taxon names one of its levels). */
static void taxonpath(const struct tk_standard *std, struct meta *m, xmlNodePtr path)
{
	xmlNodePtr t, src = lchild(path, "source");
	char *source = src ? tk_xml_text(src) : NULL;
	int ours = std && source && ((std->title && !strcmp(source, std->title)) ||
				     !strcmp(source, std->id));

	free(source);
	for (t = lchild(path, "taxon"); t; t = lnext(t, "taxon")) {
		xmlNodePtr e = lchild(t, "entry");
		char *id = lom_text(lchild(t, "id")), *entry = e ? lom_text(e) : NULL;
		int l = level_of(std, id) >= 0 ? level_of(std, id) : level_of(std, entry);
		if (l >= 0) {
			if (m->level == NULL)
				m->level = tk_strdup(std->levels[l].id);
			ours = 1;
		} else if (ours && id && (!strcmp(id, "theory") || !strcmp(id, "skill"))) {
			m->kind = !strcmp(id, "theory") ? "theory" : "skill";
		} else if (ours && id) {
			tag(m, id);     /* a code, when it looks like one */
		}
		free(id);
		free(entry);
	}
}

static void lom(const struct tk_standard *std, struct meta *m, xmlNodePtr meta)
{
	xmlNodePtr l = NULL, g, e, n, c;
	int depth;

	/* <metadata><lom> or <metadata><imsmd:lom>, perhaps a level down */
	for (n = meta, depth = 0; n && depth < 3 && l == NULL; depth++) {
		l = lchild(n, "lom");
		for (c = n->children; c && l == NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE && lchild(c, "lom"))
				l = lchild(c, "lom");
		n = l ? NULL : lchild(n, "metadata");
	}
	if (l == NULL)
		return;
	if ((g = lchild(l, "general")) != NULL)
		for (n = lchild(g, "keyword"); n; n = lnext(n, "keyword"))
			lom_strings(m, n);
	if ((e = lchild(l, "educational")) != NULL) {
		static const char *const words[] = {"very easy", "easy", "medium", "difficult",
						    "very difficult"};
		for (n = lchild(e, "learningresourcetype"); n; n = lnext(n, "learningresourcetype")) {
			char *src = lom_text(lchild(n, "source")), *v = lom_text(lchild(n, "value"));
			int type = v ? tk_type_parse(v) : -1;
			if (src && !strcmp(src, "tiku") && type >= TK_SHORT && m->open_type == NULL)
				m->open_type = tk_strdup(tk_type_name(type));
			free(src);
			free(v);
		}
		if ((n = lchild(e, "difficulty")) != NULL) {
			char *v = lom_text(lchild(n, "value"));
			int i;
			for (i = 0; v && i < 5; i++)
				if (!strcmp(v, words[i]))
					m->difficulty = i + 1;
			free(v);
		}
		if ((n = lchild(e, "typicallearningtime")) != NULL) {
			char *v = lom_text(lchild(n, "datetime") ? lchild(n, "datetime") :
					   lchild(n, "duration"));
			m->time = v ? duration(v) : 0;
			free(v);
		}
	}
	for (c = lchild(l, "classification"); c; c = lnext(c, "classification"))
		for (n = lchild(c, "taxonpath"); n; n = lnext(n, "taxonpath"))
			taxonpath(std, m, n);
}

static void meta_free(struct meta *m)
{
	tk_buf_free(&m->tags);
	free(m->open_type);
	free(m->level);
}

/* ---- one item ------------------------------------------------------------------ */

static int is_ident(const char *s)
{
	const char *p = s;

	if (s == NULL || !((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
			   (*p >= '0' && *p <= '9')))
		return 0;
	for (p++; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
			return 0;
	return p - s < 128;
}

static void bad_item(struct tk_diags *d, int *bad, const char *where, int line, const char *id,
		     const char *msg)
{
	tk_diags_add(d, TK_DIAG_ERROR, where, line, "question '%s': %s", id ? id : "?", msg);
	(*bad)++;
}

/* What the resource's LOM said, as if the item said it. */
static void apply_meta(struct qi *q, const struct meta *m)
{
	const char *t;

	for (t = m->tags.s; t && t < m->tags.s + m->tags.len; t += strlen(t) + 1)
		keyword(q, t);
	if (m->difficulty)
		q->it.difficulty = m->difficulty;
	if (m->time > 0)
		q->it.time = m->time;
	if (m->kind)
		q->it.kind = m->kind;
	q->level = tk_strdup(m->level);
	q->open_type = tk_strdup(m->open_type);
}

/* Read the item of job j. */
static void item(struct work *w, const struct job *j)
{
	struct rd *r = w->r;
	struct qi q;
	struct tk_error e = {0};
	xmlDocPtr doc = NULL;
	struct tk_buf stem = TK_BUF_INIT;
	const char *ns, *where = j->where, *resid = j->resid;
	char *ident = NULL, *title = NULL;
	const char *idnumber;
	int line, all = 0, alone = 0;

	memset(&q, 0, sizeof q);
	q.w = w;
	q.path = j->path;
	q.where = where;
	if (tk_xml_parse(j->data, j->len, where, &doc, &e) != TK_OK) {
		bad_item(&w->diags, &w->bad, where, e.line, resid, e.msg);
		return;
	}
	q.root = xmlDocGetRootElement(doc);
	line = q.root ? (int)xmlGetLineNo(q.root) : 1;
	ns = q.root && q.root->ns ? (const char *)q.root->ns->href : "";
	if (q.root == NULL || (!is_el(q.root, "assessmentItem"))) {
		char msg[300];
		snprintf(msg, sizeof msg, _("not a QTI item: the root element is <%.100s>, not "
					    "<assessmentItem> or <qti-assessment-item>"),
			 q.root ? (const char *)q.root->name : "");
		bad_item(&w->diags, &w->bad, where, line, resid, msg);
		goto out;
	}
	ident = tk_xml_attr(q.root, "identifier");
	q.v3 = !strcmp((const char *)q.root->name, "qti-assessment-item");
	if (q.v3 ? strcmp(ns, NS_V3P0) != 0 :
	    strcmp(ns, NS_V2P1) && strcmp(ns, NS_V2P2) && strcmp(ns, NS_V2P0)) {
		char msg[400];
		snprintf(msg, sizeof msg, _("the root element <%s> is in the namespace '%.150s', "
					    "not QTI's (%s)"), (const char *)q.root->name, ns,
			 q.v3 ? NS_V3P0 : NS_V2P1);
		bad_item(&w->diags, &w->bad, where, line, ident ? ident : resid, msg);
		goto out;
	}
	if ((r->version == TK_QTI_21 && q.v3) || (r->version == TK_QTI_30 && !q.v3)) {
		bad_item(&w->diags, &w->bad, where, line, ident ? ident : resid,
			 q.v3 ? _("a QTI 3.0 item, and the format asked for is QTI 2.1 "
				  "(--format qti reads both)") :
				_("a QTI 2 item, and the format asked for is QTI 3.0 "
				  "(--format qti reads both)"));
		goto out;
	}
	title = tk_xml_attr(q.root, "title");
	tk_lmsitem_init(&q.it, r->def);
	apply_meta(&q, &j->meta);
	if ((q.body = qchild(q.root, "itemBody")) == NULL) {
		tk_import_problem(&q.it.why, "%s", _("the item has no itemBody"));
		goto report;
	}
	count_entries(&q, q.body, &all, &alone, 0);
	q.gapless = all > 0 && all == alone;
	html_nodes(&q, q.body->children, &stem, 0);
	if (q.other.len) {
		tk_import_problem(&q.it.why, _("%s: tiku has no form for it (it reads choice, text "
					       "entry and extended text interactions)"),
				  tk_buf_str(&q.other));
		goto report;
	}
	if ((q.choice != NULL) + (q.extended != NULL) + (q.nentries > 0) > 1 || q.several) {
		tk_import_problem(&q.it.why, "%s", _("an item of several interactions (but text "
						    "entries): tiku has no form for it"));
		goto report;
	}
	if (q.scorer_blocks && q.choice)
		tk_lmsitem_lost(&q.it, _("the rubric for scorers of a choice question"));
	if (q.choice)
		choice(&q);
	else if (q.nentries)
		fill(&q);
	else if (q.extended)
		open_item(&q);
	else {
		tk_import_problem(&q.it.why, "%s", _("the item has no interaction (nothing to answer)"));
		goto report;
	}
	frag(&q, &stem, 0, &q.it.stem);
	points(&q);
	feedback(&q);
	if (w->oom)
		goto out;
	/* tiku's export makes an id that starts with a digit an NCName with
	   an I in front, and keeps it as it is in the title */
	idnumber = title && is_ident(title) && ident &&
		   (!strcmp(ident, title) || (ident[0] == 'I' && !strcmp(ident + 1, title))) ?
		   title : ident;
	if (q.it.why.len == 0)
		tk_lmsitem_make(&q.it, r->def, q.level ? q.level : "", idnumber, NULL, "qti", where,
				line, &w->batch);
report:
	w->bad += tk_lmsitem_report(&q.it, &w->diags, where, line,
				    ident ? ident : resid ? resid : "?");
out:
	tk_lmsitem_free(&q.it);
	tk_buf_free(&q.other);
	tk_buf_free(&stem);
	free(q.entries);
	free(q.level);
	free(q.open_type);
	free(ident);
	free(title);
	xmlFreeDoc(doc);
}

/* ---- the manifest -------------------------------------------------------------- */

static void bad_input(struct rd *r, const char *where, int line, const char *msg)
{
	tk_diags_add(r->diags, TK_DIAG_ERROR, where, line, "%s", msg);
	r->bad++;
}

/* A name for a file of the input in messages: NAME:PATH in a zip, the
   path beside NAME on disk. */
static void where_of(const struct rd *r, const char *path, struct tk_buf *w)
{
	const char *slash = strrchr(r->src.name, '/');

	w->len = 0;
	if (r->src.zip)
		tk_buf_printf(w, "%s:%s", r->src.name, path);
	else if (slash)
		tk_buf_printf(w, "%.*s/%s", (int)(slash - r->src.name), r->src.name, path);
	else
		tk_buf_puts(w, path);
}

/* Was the item file path read before?  (Remembered now if not.)  A zip's
   files are marked; the few of a manifest on disk are looked for. */
static int read_before(struct rd *r, const char *path)
{
	size_t i;

	if (r->src.zip) {
		const struct tk_unpack_file *f = zip_file(&r->src, path);
		size_t k = f ? (size_t)(f - r->src.files) : 0;
		if (f == NULL)
			return 0;
		if (r->src.used[k])
			return 1;
		r->src.used[k] = 1;
		return 0;
	}
	for (i = 0; i < r->njobs; i++)
		if (!strcmp(r->jobs[i].path, path))
			return 1;
	return 0;
}

/* The job of reading the item at path (its bytes data; owned: read from
   disk), with its resource's metadata (may be NULL). */
static struct job *add_job(struct rd *r, const char *path, const char *resid, xmlNodePtr meta)
{
	struct tk_buf where = TK_BUF_INIT;
	struct job *j;

	if (r->njobs == r->capjobs) {
		size_t cap = r->capjobs ? 2 * r->capjobs : 64;
		/* readers running hold no pointer into jobs: the manifest's
		   resources were counted for them (see count_resources) */
		if (r->threads || (j = realloc(r->jobs, cap * sizeof *j)) == NULL) {
			r->oom = 1;
			return NULL;
		}
		r->jobs = j;
		r->capjobs = cap;
	}
	j = &r->jobs[r->njobs];
	memset(j, 0, sizeof *j);
	where_of(r, path, &where);
	j->path = tk_strdup(path);
	j->where = tk_buf_detach(&where);
	j->resid = tk_strdup(resid);
	if (j->path == NULL || j->where == NULL || (resid && j->resid == NULL)) {
		free(j->path);
		free(j->where);
		free(j->resid);
		r->oom = 1;
		return NULL;
	}
	if (meta)
		lom(r->def->std, &j->meta, meta);
	r->njobs++;
	return j;
}

static void jobs_free(struct rd *r)
{
	size_t i;

	for (i = 0; i < r->njobs; i++) {
		free(r->jobs[i].path);
		free(r->jobs[i].where);
		free(r->jobs[i].resid);
		free(r->jobs[i].owned);
		meta_free(&r->jobs[i].meta);
	}
	free(r->jobs);
}

static int is_item_type(const char *t)
{
	return t && !strncmp(t, "imsqti_", 7) && strstr(t, "item");
}

static void publish(struct rd *r, int last);

/* The reading of a manifest, one resource at a time. */
struct man {
	struct rd *r;
	const char *mpath;
	struct tk_buf mwhere;
	int items, qti1, root_ok;
};

static void resource(struct man *m, xmlNodePtr n)
{
	struct rd *r = m->r;
	xmlNodePtr f;
	struct job *j;
	char *type = tk_xml_attr(n, "type"), *href = NULL, *id = tk_xml_attr(n, "identifier");
	char *base = is_lom(n->parent, "resources") ? tk_xml_attr(n->parent, "base") : NULL;
	char *rbase = tk_xml_attr(n, "base"), *path = NULL, *owned = NULL;
	const char *bytes;
	size_t blen;
	int line = (int)xmlGetLineNo(n), got;
	struct tk_buf ref = TK_BUF_INIT;

	if (type && !strcmp(type, "imsqti_xmlv1p2"))
		m->qti1++;
	if (!is_item_type(type))
		goto out;
	m->items++;
	href = tk_xml_attr(n, "href");
	if (href == NULL && (f = lchild(n, "file")) != NULL)
		href = tk_xml_attr(f, "href");
	if (href == NULL || *href == '\0') {
		bad_item(r->diags, &r->bad, tk_buf_str(&m->mwhere), line, id,
			 _("the resource names no file (href)"));
		goto out;
	}
	/* xml:base on resources and resource lead the way to it */
	tk_buf_printf(&ref, "%s%s%s", base ? base : "", rbase ? rbase : "", href);
	if ((path = resolve(m->mpath, tk_buf_str(&ref))) == NULL) {
		char msg[300];
		snprintf(msg, sizeof msg, _("the resource's href '%.150s' leads out of the package "
					    "(absolute, a URL, or up past its root)"), tk_buf_str(&ref));
		bad_item(r->diags, &r->bad, tk_buf_str(&m->mwhere), line, id, msg);
		goto out;
	}
	if (read_before(r, path)) {
		m->items--;     /* listed twice: read once */
		goto out;
	}
	got = src_get(&r->src, path, ITEM_MAX, &bytes, &blen, &owned);
	if (got == TK_EINTERNAL) {
		r->oom = 1;
	} else if (got != TK_OK) {
		char msg[300];
		snprintf(msg, sizeof msg, _("the package has no file '%.150s' (or it is over %u MiB)"),
			 path, ITEM_MAX >> 20);
		bad_item(r->diags, &r->bad, tk_buf_str(&m->mwhere), line, id, msg);
	} else if ((j = add_job(r, path, id, lchild(n, "metadata"))) != NULL) {
		j->data = bytes;
		j->len = blen;
		j->owned = owned;
		owned = NULL;
		publish(r, 0);
	}
out:
	free(owned);
	tk_buf_free(&ref);
	free(path);
	free(type);
	free(href);
	free(id);
	free(base);
	free(rbase);
}

static int man_node(void *ud, xmlNodePtr n, int root)
{
	struct man *m = ud;

	if (root) {
		m->root_ok = is_lom(n, "manifest") && n->ns && strstr((const char *)n->ns->href, "imscp");
		if (!m->root_ok)
			bad_input(m->r, tk_buf_str(&m->mwhere), (int)xmlGetLineNo(n),
				  _("not an IMS content package manifest: the root element is not "
				    "<manifest> in an imscp namespace"));
		return !m->root_ok;
	}
	resource(m, n);
	return m->r->oom;
}

/* The items of the manifest mpath (its bytes data) as jobs, read a
   resource at a time: a big bank's manifest is larger than its items. */
static int manifest(struct rd *r, const char *data, size_t len, const char *mpath,
		    struct tk_error *err)
{
	struct man m;
	int rc = TK_OK;

	memset(&m, 0, sizeof m);
	m.r = r;
	m.mpath = mpath;
	where_of(r, mpath, &m.mwhere);
	if (tk_xml_each(data, len, tk_buf_str(&m.mwhere), "resource", man_node, &m, err) != TK_OK) {
		bad_input(r, tk_buf_str(&m.mwhere), err->line, err->msg);
		rc = TK_EINPUT;
	} else if (!m.root_ok) {
		rc = TK_EINPUT;
	} else if (m.items == 0 && r->bad == 0) {
		bad_input(r, tk_buf_str(&m.mwhere), 1,
			  m.qti1 ? _("the package holds QTI 1.2 items, which tiku does not read (only "
				     "QTI 2.1 and 3.0)") :
				   _("the package holds no QTI item (no resource of type "
				     "imsqti_item_xmlv2p1 or imsqti_item_xmlv3p0)"));
		rc = TK_EINPUT;
	}
	tk_buf_free(&m.mwhere);
	return rc;
}

/* ---- the items, on two threads ------------------------------------------------- */

/* Items a thread reads at a time (one chunk of the schema check). */
#define BLOCK 1000

/* Below this many resources one thread reads the items, after the manifest. */
#define SHARED 2000

/* Read the block b of the jobs, [from, to): its items, checked. */
static void read_block(struct rd *r, size_t b, size_t from, size_t to)
{
	struct work *w = &r->blocks[b];
	size_t i;
	int refused;

	w->r = r;
	for (i = from; i < to && !w->oom; i++)
		item(w, &r->jobs[i]);
	if ((refused = tk_lmsitem_check(&w->batch, r->def, &w->set, &w->diags)) < 0)
		w->oom = 1;
	else
		w->bad += refused;
}

/* A reader: the next block as soon as the manifest has yielded it, until
   there is none. */
static void *reader(void *p)
{
	struct rd *r = p;

	for (;;) {
		size_t b, from, to;
		pthread_mutex_lock(&r->mu);
		while (!r->finished && !r->stop && r->ready < (r->next + 1) * BLOCK)
			pthread_cond_wait(&r->cv, &r->mu);
		b = r->next;
		from = b * BLOCK;
		if (r->stop || from >= r->ready) {
			pthread_mutex_unlock(&r->mu);
			return NULL;
		}
		to = from + BLOCK < r->ready ? from + BLOCK : r->ready;
		r->next++;
		pthread_mutex_unlock(&r->mu);
		read_block(r, b, from, to);
	}
}

/* Tell the readers of the jobs the manifest has yielded (and, with
   last, that it yields no more). */
static void publish(struct rd *r, int last)
{
	if (!r->threads)
		return;
	pthread_mutex_lock(&r->mu);
	r->ready = r->njobs;
	r->finished |= last;
	if (last || r->ready % BLOCK == 0)
		pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

/* How many resources a manifest can hold at most: each start tag names
   one.  The jobs are made room for before readers look at them. */
static size_t count_resources(const char *data, size_t len)
{
	const char *p = data, *end = data + len;
	size_t n = 0;

	while ((p = memmem(p, (size_t)(end - p), "resource", 8)) != NULL) {
		n++;
		p += 8;
	}
	return n;
}

/* Before a manifest of data is read: room for its jobs and blocks, and,
   when it has many, two readers started. */
static int start_readers(struct rd *r, const char *data, size_t len)
{
	size_t n = count_resources(data, len), k;

	if ((r->jobs = calloc(n ? n : 1, sizeof *r->jobs)) == NULL ||
	    (r->blocks = calloc(n / BLOCK + 1, sizeof *r->blocks)) == NULL)
		return TK_EINTERNAL;
	r->capjobs = n ? n : 1;
	r->nblocks = n / BLOCK + 1;
	if (n < SHARED)
		return TK_OK;
	/* libxml2 and the schema set up before a second thread uses them */
	tk_xml_init();
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	for (k = 0; k < 2; k++) {
		if (pthread_create(&r->th[k], NULL, reader, r) != 0)
			break;
		r->threads++;
	}
	if (r->threads == 0) {
		pthread_mutex_destroy(&r->mu);
		pthread_cond_destroy(&r->cv);
	}
	return TK_OK;
}

/* The items: read by the readers (and this thread, once the manifest is
   done) or here alone; what each block found goes to r in the items'
   order.  ok 0: the manifest failed, and its items count for nothing. */
static void read_items(struct rd *r, int ok)
{
	size_t b, i, nb;
	int k;

	if (r->blocks == NULL) {        /* one item file */
		if ((r->blocks = calloc(1, sizeof *r->blocks)) == NULL) {
			r->oom = 1;
			return;
		}
		r->nblocks = 1;
	}
	if (r->threads) {
		pthread_mutex_lock(&r->mu);
		r->ready = r->njobs;
		r->finished = 1;
		r->stop = !ok || r->oom;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
		if (ok && !r->oom)
			reader(r);
		for (k = 0; k < r->threads; k++)
			pthread_join(r->th[k], NULL);
		pthread_mutex_destroy(&r->mu);
		pthread_cond_destroy(&r->cv);
	} else if (ok && !r->oom) {
		for (b = 0; b * BLOCK < r->njobs; b++)
			read_block(r, b, b * BLOCK, (b + 1) * BLOCK < r->njobs ? (b + 1) * BLOCK :
									      r->njobs);
	}
	nb = (r->njobs + BLOCK - 1) / BLOCK;
	for (b = 0; b < r->nblocks; b++) {
		struct work *w = &r->blocks[b];
		if (ok && b < nb) {
			tk_diags_move(r->diags, &w->diags);
			for (i = 0; i < w->set.n && !w->oom; i++) {
				if (!tk_itemset_add(r->set, w->set.items[i]))
					w->oom = 1;
				else
					w->set.items[i] = NULL;
			}
			for (i = 0; i < w->images.n && !w->oom; i++) {
				char name[TK_IMAGE_NAME];
				if (tk_import_images_add(r->images, w->images.v[i].data, w->images.v[i].len,
							 tk_image_type(w->images.v[i].data,
								       w->images.v[i].len), name) != TK_OK)
					w->oom = 1;
			}
			r->bad += w->bad;
			r->oom |= w->oom;
		}
		tk_lmsitem_check(&w->batch, r->def, &w->set, &w->diags);  /* frees what is left */
		tk_itemset_free(&w->set);
		tk_import_images_free(&w->images);
		tk_diags_free(&w->diags);
	}
	free(r->blocks);
	r->blocks = NULL;
}

/* ---- the input ------------------------------------------------------------------- */

/* Skip a BOM, white space, the XML declaration, comments, processing
   instructions: the root element's name (with its prefix) into out. */
static void root_name(const char *p, const char *end, char *out, size_t size)
{
	size_t k = 0;

	if (end - p >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (p < end) {
		const char *e;
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
			p++;
		if (end - p >= 2 && p[0] == '<' && (p[1] == '?' || p[1] == '!')) {
			const char *stop = p[1] == '?' ? "?>" : ">";
			e = memmem(p, (size_t)(end - p), stop, strlen(stop));
			if (e == NULL)
				break;
			p = e + strlen(stop);
			continue;
		}
		break;
	}
	if (p < end && *p == '<')
		for (p++; p < end && k + 1 < size && (*p == ':' || *p == '-' || *p == '_' ||
						      (*p >= 'a' && *p <= 'z') ||
						      (*p >= 'A' && *p <= 'Z') ||
						      (*p >= '0' && *p <= '9')); p++)
			out[k++] = *p;
	out[k] = '\0';
}

int tk_qtiin_parse(const void *data, size_t len, const char *name, int version,
		   const struct tk_qtiin_files *files, const struct tk_import_defaults *def,
		   struct tk_itemset *set, struct tk_import_images *images,
		   struct tk_diags *diags, struct tk_error *err)
{
	struct rd r;
	struct tk_error e = {0};
	const char *bytes = data;
	char root[64], *local;
	int rc = TK_OK;

	memset(&r, 0, sizeof r);
	r.def = def;
	r.version = version;
	r.set = set;
	r.images = images;
	r.diags = diags;
	r.src.name = name;
	r.src.disk = files;
	if (len >= 4 && !memcmp(data, "PK\003\004", 4)) {
		const struct tk_unpack_file *m;
		const char *mpath = "imsmanifest.xml";
		char *folder = NULL;
		int i;

		r.src.zip = 1;
		if (tk_unpack(data, len, &limits, TK_UNPACK_SKIP_DIRS, &r.src.files, &r.src.n,
			      &e) != TK_OK) {
			if (e.code == TK_EINTERNAL)
				return tk_error_set(err, TK_EINTERNAL, name, 0, "%s", e.msg);
			bad_input(&r, name, 0, e.msg);
			return tk_error_set(err, TK_EINPUT, name, 0, "not a QTI package: %s", e.msg);
		}
		if (src_index(&r.src) != TK_OK) {
			rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
			goto out;
		}
		/* the manifest at the root, or in the package's one folder (a
		   folder zipped as it is) */
		if ((m = zip_file(&r.src, mpath)) == NULL)
			for (i = 0; i < r.src.n; i++) {
				const char *s = r.src.files[i].name, *slash = strchr(s, '/');
				if (slash && !strcmp(slash + 1, mpath)) {
					if (folder) {   /* two: neither is the package's */
						m = NULL;
						break;
					}
					folder = (char *)s;
					m = &r.src.files[i];
				}
			}
		if (m == NULL) {
			bad_input(&r, name, 0, _("not a QTI package: the zip has no imsmanifest.xml"));
			rc = tk_error_set(err, TK_EINPUT, name, 0, "no imsmanifest.xml");
			goto out;
		}
		if (start_readers(&r, (const char *)m->data, m->len) != TK_OK) {
			rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
			goto items;
		}
		rc = manifest(&r, (const char *)m->data, m->len, m->name, err);
		goto items;
	}
	root_name(bytes, bytes + len, root, sizeof root);
	local = strchr(root, ':') ? strchr(root, ':') + 1 : root;
	if (!strcmp(local, "manifest")) {
		const char *slash = strrchr(name, '/');
		if (start_readers(&r, bytes, len) != TK_OK)
			rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
		else
			rc = manifest(&r, bytes, len, slash ? slash + 1 : name, err);
	} else if (!strcmp(local, "assessmentItem") || !strcmp(local, "qti-assessment-item")) {
		const char *slash = strrchr(name, '/');
		struct job *j = add_job(&r, slash ? slash + 1 : name, NULL, NULL);
		if (j) {
			j->data = bytes;
			j->len = len;
		}
	} else if (!strcmp(local, "assessmentTest") || !strcmp(local, "qti-assessment-test")) {
		bad_input(&r, name, 1, _("a QTI test names its items in other files: import the "
					 "package (.zip) or its imsmanifest.xml"));
	} else if (root[0] == '\0') {
		bad_input(&r, name, 1, _("not a QTI package or item: neither a zip archive nor XML"));
	} else {
		char msg[200];
		snprintf(msg, sizeof msg, _("not QTI: neither a zip nor an assessmentItem or "
					    "manifest (the root element is <%s>)"), root);
		bad_input(&r, name, 1, msg);
	}
items:
	/* a manifest that is not well-formed throughout gives no item */
	read_items(&r, rc == TK_OK);
out:
	jobs_free(&r);
	free(r.src.order);
	free(r.src.used);
	tk_unpack_free(r.src.files, r.src.n);
	if (r.oom)
		return tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
	if (rc == TK_OK && r.bad)
		rc = tk_error_set(err, TK_EINPUT, name, 0, "bad items");
	return rc;
}
