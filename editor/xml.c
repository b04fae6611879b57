/* xml.c -- safe XML parsing and RelaxNG validation with libxml2. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "embedded.h"
#include "util.h"
#include "xml.h"

const struct tk_embedded *tk_embedded_find(const char *name)
{
	const struct tk_embedded *e;

	for (e = tk_embedded_files; e->name; e++)
		if (strcmp(e->name, name) == 0)
			return e;
	return NULL;
}

/* libxml2 would print to stderr from deep inside; the core never prints. */
static void quiet(void *ud, xmlErrorPtr e)
{
	(void)ud;
	(void)e;
}

/* The first error is the one to report: later ones are often echoes. */
struct first_error {
	int line;
	char msg[512];
};

static void keep_first(void *ud, xmlErrorPtr e)
{
	struct first_error *f = ud;

	if (f->msg[0] || e == NULL || e->level < XML_ERR_ERROR)
		return;
	f->line = e->line;
	snprintf(f->msg, sizeof f->msg, "%s", e->message ? e->message : "error");
	tk_trim(f->msg);
}

int tk_xml_parse(const char *data, size_t len, const char *name,
		 xmlDocPtr *doc, struct tk_error *err)
{
	xmlParserCtxtPtr ctxt;
	struct first_error first;
	int rc = TK_OK;

	*doc = NULL;
	memset(&first, 0, sizeof first);
	if (len > (size_t)0x7fffffff)
		return tk_error_set(err, TK_EINPUT, name, 0, "file too large");
	xmlSetStructuredErrorFunc(&first, keep_first);
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
		return tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
	*doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
				 XML_PARSE_NONET | XML_PARSE_NOERROR |
				 XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
				 XML_PARSE_BIG_LINES);
	xmlSetStructuredErrorFunc(NULL, quiet);
	if (*doc == NULL || !ctxt->wellFormed) {
		xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
		if (first.msg[0])
			rc = tk_error_set(err, TK_EINPUT, name, first.line,
					  "not well-formed XML: %s", first.msg);
		else
			rc = tk_error_set(err, TK_EINPUT, name, e ? e->line : 0,
					  "not well-formed XML");
		goto out;
	}
	/* Our formats need no DTD; refusing one outright rules out entity
	   expansion attacks and external entities in one stroke. */
	if ((*doc)->intSubset != NULL || (*doc)->extSubset != NULL) {
		rc = tk_error_set(err, TK_EINPUT, name, 1,
				  "DOCTYPE declarations are not allowed");
		goto out;
	}
out:
	if (rc != TK_OK && *doc) {
		xmlFreeDoc(*doc);
		*doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return rc;
}

xmlDocPtr tk_xml_fragment(const char *frag)
{
	struct tk_buf wrap = TK_BUF_INIT;
	struct tk_error err = {0};
	xmlDocPtr doc = NULL;

	tk_buf_printf(&wrap, "<f>%s</f>", frag ? frag : "");
	if (wrap.oom || tk_xml_parse(wrap.s, wrap.len, "(fragment)", &doc, &err) != TK_OK)
		doc = NULL;
	tk_buf_free(&wrap);
	return doc;
}

struct schema_cache {
	const char *name;
	xmlRelaxNGPtr rng;
};
static struct schema_cache schemas[16];
/* papers may be read on one thread while another works (render) */
static pthread_mutex_t schemas_lock = PTHREAD_MUTEX_INITIALIZER;

static xmlRelaxNGPtr load_schema_locked(const char *schema);

static xmlRelaxNGPtr load_schema(const char *schema)
{
	xmlRelaxNGPtr rng;

	pthread_mutex_lock(&schemas_lock);
	rng = load_schema_locked(schema);
	pthread_mutex_unlock(&schemas_lock);
	return rng;
}

/*
 * A schema includes another by its bare name (paper.rng checks its items
 * with items.rng's own definition): the included file comes from the
 * binary as well, and nothing else may be fetched while schemas compile.
 */
static xmlParserInputPtr schema_include(const char *url, const char *id,
					xmlParserCtxtPtr ctxt)
{
	const struct tk_embedded *e = NULL;
	char path[128];

	(void)id;
	if (url && !strchr(url, '/') && !strchr(url, ':') &&
	    snprintf(path, sizeof path, "schema/%s", url) < (int)sizeof path)
		e = tk_embedded_find(path);
	return e ? xmlNewStringInputStream(ctxt, (const xmlChar *)e->data) : NULL;
}

static xmlRelaxNGPtr load_schema_locked(const char *schema)
{
	xmlExternalEntityLoader was;
	char path[128];
	const struct tk_embedded *e;
	xmlRelaxNGParserCtxtPtr pc;
	xmlRelaxNGPtr rng;
	size_t i;

	snprintf(path, sizeof path, "schema/%s.rng", schema);
	for (i = 0; i < sizeof schemas / sizeof schemas[0]; i++)
		if (schemas[i].name && strcmp(schemas[i].name, path) == 0)
			return schemas[i].rng;
	e = tk_embedded_find(path);
	if (e == NULL)
		return NULL;
	pc = xmlRelaxNGNewMemParserCtxt(e->data, (int)e->len);
	if (pc == NULL)
		return NULL;
	xmlRelaxNGSetParserStructuredErrors(pc, quiet, NULL);
	/* the loader is the process's: other threads parse only from memory,
	   with no external entities, so they never ask it meanwhile */
	was = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(schema_include);
	rng = xmlRelaxNGParse(pc);
	xmlSetExternalEntityLoader(was);
	xmlRelaxNGFreeParserCtxt(pc);
	if (rng == NULL)
		return NULL;
	for (i = 0; i < sizeof schemas / sizeof schemas[0]; i++)
		if (schemas[i].name == NULL) {
			schemas[i].name = e->name;   /* static storage */
			schemas[i].rng = rng;
			return rng;
		}
	xmlRelaxNGFree(rng);
	return NULL;
}

struct vstate {
	const char *name;
	struct tk_diags *diags;
	struct tk_error *err;
	int n;
};

static void on_invalid(void *ud, xmlErrorPtr e)
{
	struct vstate *vs = ud;
	char msg[512];

	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "invalid");
	tk_trim(msg);
	if (vs->n++ == 0)
		tk_error_set(vs->err, TK_EINPUT, vs->name, e->line,
			     "does not match the schema: %s", msg);
	if (vs->diags && vs->n <= 200)
		tk_diags_add(vs->diags, TK_DIAG_ERROR, vs->name, e->line,
			     "does not match the schema: %s", msg);
}

int tk_xml_validate(xmlDocPtr doc, const char *schema, const char *name,
		    struct tk_diags *diags, struct tk_error *err)
{
	xmlRelaxNGPtr rng = load_schema(schema);
	xmlRelaxNGValidCtxtPtr vc;
	struct vstate vs = {name, diags, err, 0};
	int r;

	if (rng == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0,
				    "cannot load embedded schema '%s'", schema);
	vc = xmlRelaxNGNewValidCtxt(rng);
	if (vc == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	xmlRelaxNGSetValidStructuredErrors(vc, on_invalid, &vs);
	r = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	if (r == 0)
		return TK_OK;
	if (vs.n == 0)
		tk_error_set(err, TK_EINPUT, name, 0, "does not match the schema");
	return TK_EINPUT;
}

/* Errors of a streaming check: parse and validity errors alike. */
struct check_state {
	const char *name;
	struct tk_diags *diags;
	struct tk_error *err;
	int n;
};

static void on_check_error(void *ud, xmlErrorPtr e)
{
	struct check_state *cs = ud;
	const char *what;
	char msg[512];

	if (e == NULL || e->level < XML_ERR_ERROR)
		return;
	what = e->domain == XML_FROM_RELAXNGV ? "does not match the schema" :
	       "not well-formed XML";
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "error");
	tk_trim(msg);
	if (cs->n++ == 0)
		tk_error_set(cs->err, TK_EINPUT, cs->name, e->line, "%s: %s", what, msg);
	if (cs->diags && cs->n <= 200)
		tk_diags_add(cs->diags, TK_DIAG_ERROR, cs->name, e->line, "%s: %s", what, msg);
}

/*
 * A streaming reader validates as it reads, so the whole tree is never
 * built: the check of a large file costs a few megabytes, not a gigabyte.
 */
int tk_xml_check(const char *data, size_t len, const char *name,
		 const char *schema, struct tk_diags *diags, struct tk_error *err)
{
	struct check_state cs = {name, diags, err, 0};
	xmlRelaxNGPtr rng = load_schema(schema);
	xmlTextReaderPtr r;
	int ret;

	if (rng == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0,
				    "cannot load embedded schema '%s'", schema);
	if (len > (size_t)0x7fffffff)
		return tk_error_set(err, TK_EINPUT, name, 0, "file too large");
	r = xmlReaderForMemory(data, (int)len, NULL, NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
			       XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
	if (r == NULL)
		return tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
	xmlTextReaderSetStructuredErrorHandler(r, on_check_error, &cs);
	if (xmlTextReaderRelaxNGSetSchema(r, rng) != 0) {
		xmlFreeTextReader(r);
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot use schema '%s'", schema);
	}
	while ((ret = xmlTextReaderRead(r)) == 1) {
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE) {
			/* no DTD: no entity expansion, no external entities */
			if (cs.n++ == 0)
				tk_error_set(err, TK_EINPUT, name, 1,
					     "DOCTYPE declarations are not allowed");
			if (diags)
				tk_diags_add(diags, TK_DIAG_ERROR, name, 1,
					     "DOCTYPE declarations are not allowed");
			break;
		}
	}
	if (cs.n == 0 && (ret < 0 || xmlTextReaderIsValid(r) != 1)) {
		tk_error_set(err, TK_EINPUT, name, 0, "does not match the schema");
		if (diags)
			tk_diags_add(diags, TK_DIAG_ERROR, name, 0, "does not match the schema");
		cs.n++;
	}
	xmlFreeTextReader(r);
	return cs.n ? TK_EINPUT : TK_OK;
}

struct each_error {
	const char *name;
	struct tk_error *err;
	int n;
};

static void on_each_error(void *ud, xmlErrorPtr e)
{
	struct each_error *ee = ud;
	char msg[512];

	if (e == NULL || e->level < XML_ERR_ERROR || ee->n++)
		return;
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "error");
	tk_trim(msg);
	tk_error_set(ee->err, TK_EINPUT, ee->name, e->line, "not well-formed XML: %s", msg);
}

int tk_xml_each(const char *data, size_t len, const char *name, const char *element,
		int (*fn)(void *ud, xmlNodePtr n, int root), void *ud, struct tk_error *err)
{
	struct each_error ee = {name, err, 0};
	xmlTextReaderPtr r;
	int ret, rc = TK_OK, seen_root = 0;

	if (len > (size_t)0x7fffffff)
		return tk_error_set(err, TK_EINPUT, name, 0, "file too large");
	r = xmlReaderForMemory(data, (int)len, NULL, NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
			       XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
	if (r == NULL)
		return tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
	xmlTextReaderSetStructuredErrorHandler(r, on_each_error, &ee);
	ret = xmlTextReaderRead(r);
	while (ret == 1 && rc == TK_OK) {
		int type = xmlTextReaderNodeType(r);
		xmlNodePtr n;
		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			/* no DTD: no entity expansion, no external entities */
			rc = tk_error_set(err, TK_EINPUT, name, 1, "DOCTYPE declarations are not allowed");
			break;
		}
		if (type != XML_READER_TYPE_ELEMENT) {
			ret = xmlTextReaderRead(r);
			continue;
		}
		if (!seen_root) {
			seen_root = 1;
			if ((n = xmlTextReaderCurrentNode(r)) != NULL && fn(ud, n, 1))
				break;
			ret = xmlTextReaderRead(r);
			continue;
		}
		if (strcmp((const char *)xmlTextReaderConstLocalName(r), element)) {
			ret = xmlTextReaderRead(r);
			continue;
		}
		if ((n = xmlTextReaderExpand(r)) == NULL) {
			ret = -1;
			break;
		}
		if (fn(ud, n, 0))
			break;
		ret = xmlTextReaderNext(r);     /* past the element, which is freed */
	}
	if (rc == TK_OK && (ret < 0 || ee.n)) {
		if (ee.n == 0)
			tk_error_set(err, TK_EINPUT, name, 0, "not well-formed XML");
		rc = TK_EINPUT;
	}
	if (rc == TK_OK && !seen_root)
		rc = tk_error_set(err, TK_EINPUT, name, 1, "not well-formed XML: no root element");
	xmlFreeTextReader(r);
	return rc;
}

void tk_xml_init(void)
{
	xmlInitParser();
	load_schema("items");
	load_schema("standard");
}

void tk_xml_cleanup(void)
{
	size_t i;

	for (i = 0; i < sizeof schemas / sizeof schemas[0]; i++) {
		if (schemas[i].rng)
			xmlRelaxNGFree(schemas[i].rng);
		schemas[i].name = NULL;
		schemas[i].rng = NULL;
	}
	xmlRelaxNGCleanupTypes();
	xmlCleanupParser();
}

char *tk_xml_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = strdup((const char *)v);
	xmlFree(v);
	return s;
}

char *tk_xml_text(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s;

	s = strdup(v ? (const char *)v : "");
	xmlFree(v);
	return tk_trim(s);
}

int tk_xml_is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

xmlNodePtr tk_xml_child(xmlNodePtr n, const char *name)
{
	xmlNodePtr c;

	for (c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    (name == NULL || strcmp((const char *)c->name, name) == 0))
			return c;
	return NULL;
}

xmlNodePtr tk_xml_next(xmlNodePtr n, const char *name)
{
	for (n = n ? n->next : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    (name == NULL || strcmp((const char *)n->name, name) == 0))
			return n;
	return NULL;
}
