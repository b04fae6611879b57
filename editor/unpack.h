/*
 * unpack.h -- reading zip and tar.gz archives held in memory (packages,
 * course bundles, Word and Excel files, QTI packages), refusing what a
 * hostile archive could do: links, devices, paths that lead up or are
 * absolute, names twice, sizes or ratios no real file has.
 */
#ifndef TK_UNPACK_H
#define TK_UNPACK_H

#include <stddef.h>

#include "tiku.h"

/* One file of an archive: its name ("media/a.png") and its bytes. */
struct tk_unpack_file {
	char *name;
	unsigned char *data;    /* always NUL-terminated past len */
	size_t len;
};

/* Limits on what an archive may hold (NULL: the defaults in unpack.c). */
struct tk_unpack_limits {
	int max_entries;
	size_t max_entry, max_total;
	double max_ratio;       /* unpacked bytes per packed byte */
};

/* Flags of tk_unpack. */
#define TK_UNPACK_SKIP_DIRS 0x1        /* folder entries are passed over,
					   as office programs may write them */

/*
 * Read an archive (zip, or tar with or without gzip) held in memory into
 * *files, *n of them, in archive order (caller frees with
 * tk_unpack_free).  TK_FAIL with the first reason for a hostile
 * or broken archive, nothing in *files.
 */
int tk_unpack(const void *data, size_t len, const struct tk_unpack_limits *lim,
		    int flags, struct tk_unpack_file **files, int *n, struct tk_error *err);
void tk_unpack_free(struct tk_unpack_file *files, int n);

/* The file called name, or NULL. */
const struct tk_unpack_file *tk_unpack_find(const struct tk_unpack_file *files, int n,
					      const char *name);

#endif
