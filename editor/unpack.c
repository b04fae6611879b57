/*
 * unpack.c -- archives read in memory with libarchive, distrusting every
 * header.  See unpack.h.
 */
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include "unpack.h"
#include "util.h"

static const struct tk_unpack_limits defaults = {
	4096,                   /* entries */
	(size_t)256 << 20,      /* an entry */
	(size_t)1 << 30,        /* all of them */
	200.0                   /* unpacked per packed byte */
};

void tk_unpack_free(struct tk_unpack_file *files, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(files[i].name);
		free(files[i].data);
	}
	free(files);
}

static int bad(struct tk_error *err, const char *what, const char *name)
{
	return tk_error_set(err, TK_FAIL, NULL, 0, "%s%s%s%s", what, name ? " ('" : "",
			    name ? name : "", name ? "')" : "");
}

/*
 * A name a site may write as it is: relative, plain, no way up; folders
 * ("media/x.png") are plain names joined by single slashes.
 */
static int plain_name(const char *s)
{
	const char *p;

	if (s == NULL || *s == '\0' || *s == '/' || strstr(s, "..") || strchr(s, '\\') ||
	    strchr(s, ':') || strstr(s, "//") || strlen(s) > 200 || s[strlen(s) - 1] == '/')
		return 0;
	for (p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || (*p == '.' && (p == s || p[-1] == '/') &&
						 (p[1] == '/' || p[1] == '\0')))
			return 0;
	return 1;
}

/*
 * The names met so far, hashed: an archive of a hundred thousand files (a
 * QTI package of a big bank) is checked for a name twice in linear time.
 */
struct names {
	char **slot;
	size_t cap, n;
};

static size_t hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* TK_OK and name remembered, or TK_FAIL when it came before. */
static int seen(struct names *t, const char *name, struct tk_error *err)
{
	size_t i;

	if (2 * (t->n + 1) > t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64, k;
		char **slot = calloc(cap, sizeof *slot);
		if (slot == NULL)
			return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		for (k = 0; k < t->cap; k++)
			if (t->slot[k]) {
				for (i = hash(t->slot[k]) & (cap - 1); slot[i]; i = (i + 1) & (cap - 1))
					;
				slot[i] = t->slot[k];
			}
		free(t->slot);
		t->slot = slot;
		t->cap = cap;
	}
	for (i = hash(name) & (t->cap - 1); t->slot[i]; i = (i + 1) & (t->cap - 1))
		if (!strcmp(t->slot[i], name))
			return bad(err, "a name twice", name);
	if ((t->slot[i] = strdup(name)) == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	t->n++;
	return TK_OK;
}

static void names_free(struct names *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->slot[i]);
	free(t->slot);
}

int tk_unpack(const void *data, size_t len, const struct tk_unpack_limits *lim,
		    int flags, struct tk_unpack_file **files, int *n, struct tk_error *err)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	struct tk_unpack_file *v = NULL;
	struct names names = {NULL, 0, 0};
	size_t total = 0;
	int cap = 0, rc = TK_OK, r;

	if (lim == NULL)
		lim = &defaults;
	*files = NULL;
	*n = 0;
	archive_read_support_format_zip(a);
	archive_read_support_format_tar(a);
	archive_read_support_filter_gzip(a);
	if (archive_read_open_memory(a, data, len) != ARCHIVE_OK) {
		rc = bad(err, "not a zip or tar.gz archive", NULL);
		goto out;
	}
	while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e);
		struct tk_buf body = TK_BUF_INIT;
		char chunk[65536];
		la_ssize_t got;
		if (*n >= lim->max_entries) {
			rc = bad(err, "too many entries", NULL);
			break;
		}
		if ((flags & TK_UNPACK_SKIP_DIRS) && archive_entry_filetype(e) == AE_IFDIR &&
		    !archive_entry_hardlink(e) && !archive_entry_symlink(e)) {
			archive_read_data_skip(a);
			continue;
		}
		if (archive_entry_filetype(e) != AE_IFREG) {
			rc = bad(err, archive_entry_filetype(e) == AE_IFLNK ? "a link" :
				 archive_entry_filetype(e) == AE_IFDIR ? "a directory" :
				 "a device or special file", name);
			break;
		}
		if (archive_entry_hardlink(e) || archive_entry_symlink(e)) {
			rc = bad(err, "a link", name);
			break;
		}
		if (!plain_name(name)) {
			rc = bad(err, "a path that is absolute or leads up", name);
			break;
		}
		if ((rc = seen(&names, name, err)) != TK_OK)
			break;
		/* sizes in headers can lie: count what actually comes out */
		while ((got = archive_read_data(a, chunk, sizeof chunk)) > 0) {
			total += (size_t)got;
			if (body.len + (size_t)got > lim->max_entry) {
				rc = bad(err, "an entry over the size limit", name);
				break;
			}
			if (total > lim->max_total) {
				rc = bad(err, "more data than the limit", NULL);
				break;
			}
			if ((double)total > lim->max_ratio * (double)len + 65536) {
				rc = bad(err, "a compression ratio no real package has (a zip bomb?)", name);
				break;
			}
			tk_buf_add(&body, chunk, (size_t)got);
		}
		if (rc == TK_OK && got < 0)
			rc = bad(err, "a damaged entry", name);
		if (rc == TK_OK && body.oom)
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		if (rc == TK_OK && *n == cap) {
			struct tk_unpack_file *w = realloc(v, (size_t)(cap = cap ? cap * 2 : 8) * sizeof *w);
			if (w == NULL)
				rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			else
				v = w;
		}
		if (rc != TK_OK) {
			tk_buf_free(&body);
			break;
		}
		v[*n].name = strdup(name);
		v[*n].len = body.len;
		v[*n].data = (unsigned char *)(body.s ? body.s : calloc(1, 1));
		(*n)++;
		if (v[*n - 1].name == NULL || v[*n - 1].data == NULL) {
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			break;
		}
	}
	if (rc == TK_OK && r != ARCHIVE_EOF)
		rc = bad(err, "a damaged archive", NULL);
out:
	names_free(&names);
	archive_read_free(a);
	if (rc != TK_OK) {
		tk_unpack_free(v, *n);
		v = NULL;
		*n = 0;
	}
	*files = v;
	return rc;
}

const struct tk_unpack_file *tk_unpack_find(const struct tk_unpack_file *v, int n,
					      const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

