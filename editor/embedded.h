/*
 * embedded.h -- files compiled into the binary (XML schemas, the Lua
 * library, the page of course bundles), generated at build time by
 * tools/embed.c.
 */
#ifndef TK_EMBEDDED_H
#define TK_EMBEDDED_H

#include <stddef.h>

struct tk_embedded {
	const char *name;   /* path relative to the source tree, "schema/items.rng" */
	const char *data;   /* NUL-terminated */
	size_t len;
};

/* Terminated by an entry whose name is NULL. */
extern const struct tk_embedded tk_embedded_files[];

/* The embedded file called name, or NULL. */
const struct tk_embedded *tk_embedded_find(const char *name);

#endif
