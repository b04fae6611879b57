/*
 * xml.h -- reading untrusted XML with libxml2: safe parser options, schema
 * validation against the embedded RelaxNG schemas, and errors that name
 * the file and line of the user's input.
 */
#ifndef TK_XML_H
#define TK_XML_H

#include <libxml/tree.h>

#include "diag.h"
#include "tiku.h"

/*
 * Parse data (len bytes) as XML.  No network, no DTD loading, no entity
 * substitution: entities stay unexpanded, so "billion laughs" cannot
 * grow.  name is used in messages.  On success the caller frees *doc with
 * xmlFreeDoc().
 */
int tk_xml_parse(const char *data, size_t len, const char *name,
		 xmlDocPtr *doc, struct tk_error *err);

/*
 * A rich-text fragment (an item's stem, option, answer: text with
 * elements, no root of its own) parsed under a root <f>, as tk_xml_parse
 * parses; NULL when it is not XML or memory ran out (callers then show
 * it as text).  The caller frees the document with xmlFreeDoc().
 */
xmlDocPtr tk_xml_fragment(const char *frag);

/*
 * Validate doc against the embedded schema "schema/<schema>.rng".  Every
 * violation goes to diags (when not NULL) as an error with its line; the
 * first also to err.  Returns TK_OK or TK_EINPUT.
 */
int tk_xml_validate(xmlDocPtr doc, const char *schema, const char *name,
		    struct tk_diags *diags, struct tk_error *err);

/*
 * Parse data and validate it against the embedded schema: what a thread
 * of its own runs while another reads a second copy of the same bytes.
 * Uses no state shared with other threads but libxml2's (initialised by
 * tk_xml_init()).
 */
int tk_xml_check(const char *data, size_t len, const char *name,
		 const char *schema, struct tk_diags *diags, struct tk_error *err);

/*
 * Read data as tk_xml_parse does, but streaming, for documents too big for
 * one tree (the manifest of a package of 100,000 items): fn gets the root
 * element first (root 1; its attributes, not its content), then each
 * element called element (any namespace, any depth below) as a tree of
 * its own (root 0), which is freed after the call; its ancestors are
 * there as parents, with their attributes.  A nonzero return stops the
 * reading.  TK_EINPUT with the line for XML that is not well-formed (the
 * elements before it were handed over) or a DOCTYPE.
 */
int tk_xml_each(const char *data, size_t len, const char *name, const char *element,
		int (*fn)(void *ud, xmlNodePtr n, int root), void *ud, struct tk_error *err);

/* Initialise libxml2 and compile the schemas; call before starting threads. */
void tk_xml_init(void);

/* The attribute's value (caller frees with free()) or NULL. */
char *tk_xml_attr(xmlNodePtr n, const char *name);
/* Whole text content of n, trimmed; caller frees with free(). */
char *tk_xml_text(xmlNodePtr n);
/* Is n an element called name? */
int tk_xml_is(xmlNodePtr n, const char *name);
/* First child element of n called name, or NULL. */
xmlNodePtr tk_xml_child(xmlNodePtr n, const char *name);
/* Next element sibling after n called name (any name when NULL). */
xmlNodePtr tk_xml_next(xmlNodePtr n, const char *name);

/* Release the compiled schemas; call once at exit (for leak checkers). */
void tk_xml_cleanup(void);

#endif
