/*
 * pack.c -- signed, reproducible paper packages written and read with
 * libarchive, entirely in memory.  See pack.h.
 */
#include <errno.h>
#include <ftw.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "i18n.h"
#include "pack.h"
#include "render.h"
#include "seal.h"
#include "validate.h"
#include "xml.h"

#define MANIFEST "manifest.xml"
#define MANIFEST_SIG "manifest.xml.minisig"

/* a package holds papers, their PDFs and a manifest: few entries */
static const struct tk_unpack_limits defaults = {
	256,                    /* entries */
	(size_t)256 << 20,      /* an entry */
	(size_t)1 << 30,        /* all of them */
	200.0                   /* unpacked per packed byte */
};

/* ---- writing ------------------------------------------------------- */

static la_ssize_t to_buf(struct archive *a, void *ud, const void *data, size_t len)
{
	struct tk_buf *b = ud;

	(void)a;
	tk_buf_add(b, data, len);
	return b->oom ? -1 : (la_ssize_t)len;
}

static time_t pack_time(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");

	return e && *e ? (time_t)strtoll(e, NULL, 10) : (time_t)946684800;   /* 2000-01-01 */
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct tk_unpack_file *)a)->name, ((const struct tk_unpack_file *)b)->name);
}

static int packed_already(const char *name)
{
	static const char *const ext[] = {".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip"};
	size_t k = strlen(name), i;

	for (i = 0; i < sizeof ext / sizeof ext[0]; i++)
		if (k > strlen(ext[i]) && !strcmp(name + k - strlen(ext[i]), ext[i]))
			return 1;
	return 0;
}

/*
 * zip stores DOS times, which libarchive takes from localtime(): the
 * same package from Beijing and from a UTC machine differs unless the
 * zone is fixed while the archive is written.  Returns the zone to put
 * back (NULL: none was set).
 */
static char *tz_utc(void)
{
	char *old = getenv("TZ");

	if (old)
		old = strdup(old);
	setenv("TZ", "UTC0", 1);
	tzset();
	return old;
}

static void tz_restore(char *old)
{
	if (old) {
		setenv("TZ", old, 1);
		free(old);
	} else {
		unsetenv("TZ");
	}
	tzset();
}

/* The writer's format and filters, opened on out. */
static int writer_open(struct archive *a, int format, int fast, struct tk_buf *out,
		       struct tk_error *err)
{
	if (format == TK_PACK_TGZ) {
		archive_write_set_format_pax_restricted(a);
		archive_write_add_filter_gzip(a);
		/* no time in the gzip header either; PDFs barely compress, so go fast */
		archive_write_set_filter_option(a, "gzip", "timestamp", NULL);
		archive_write_set_filter_option(a, "gzip", "compression-level", "1");
	} else {
		archive_write_set_format_zip(a);
		archive_write_set_format_option(a, "zip", "compression", "deflate");
		if (fast)
			archive_write_set_format_option(a, "zip", "compression-level", "1");
	}
	/* no padding to tape blocks: a zip or gzip ends where its data ends */
	archive_write_set_bytes_per_block(a, 0);
	if (archive_write_open2(a, out, NULL, to_buf, NULL, NULL) != ARCHIVE_OK)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot write the archive: %s",
				    archive_error_string(a));
	return TK_OK;
}

static int writer_entry(struct archive *a, struct archive_entry *e, int format, time_t t,
			const char *name, const void *data, size_t len, struct tk_error *err)
{
	archive_entry_clear(e);
	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	archive_entry_set_mtime(e, t, 0);
	archive_entry_set_size(e, (la_int64_t)len);
	if (format == TK_PACK_ZIP)
		archive_write_zip_set_compression_deflate(a);
	if (archive_write_header(a, e) != ARCHIVE_OK ||
	    (len && archive_write_data(a, data, len) != (la_ssize_t)len))
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot write %s: %s", name,
				    archive_error_string(a));
	return TK_OK;
}

int tk_pack_archive(struct tk_unpack_file *files, int n, int format, struct tk_buf *out,
		    struct tk_error *err)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	time_t t = pack_time();
	char *old_tz;
	size_t packed = 0, plain = 0;
	int i, rc;

	qsort(files, (size_t)n, sizeof *files, cmp_file);
	old_tz = tz_utc();
	/*
	 * Every entry deflated, none stored: libarchive gives a stored entry
	 * its sizes in the local header and a data descriptor too, which
	 * streaming readers (unzipper, under many QTI and LMS tools) take
	 * for the next entry, and fail.  PDFs and images are compressed
	 * inside already: where they are the bulk, the fastest level, as
	 * deflating them again only costs; so too for archives of many
	 * megabytes of text (a bank's worth of items), where level 6 takes
	 * four times as long for a sixth less.
	 */
	for (i = 0; i < n; i++)
		*(packed_already(files[i].name) ? &packed : &plain) += files[i].len;
	rc = writer_open(a, format, packed > plain || plain > ((size_t)32 << 20), out, err);
	for (i = 0; i < n && rc == TK_OK; i++)
		rc = writer_entry(a, e, format, t, files[i].name, files[i].data, files[i].len, err);
	if (archive_write_close(a) != ARCHIVE_OK && rc == TK_OK)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot finish the archive: %s",
				  archive_error_string(a));
	archive_entry_free(e);
	archive_write_free(a);
	tz_restore(old_tz);
	return rc;
}

/* ---- an archive written as its files come -------------------------- */

struct pending {
	struct pending *next;
	char *name;
	void *data;
	size_t len;
};

/* Files queued beyond this wait for the writer: memory stays bounded. */
#define STREAM_QUEUED ((size_t)64 << 20)

struct tk_pack_stream {
	struct archive *a;
	struct archive_entry *e;
	int format;
	time_t t;
	char *old_tz;
	int tz_fixed;
	pthread_t thread;
	int started;
	pthread_mutex_t lock;
	pthread_cond_t more, room;      /* a file came; the queue shrank */
	struct pending *head, *tail;
	size_t queued;
	int closing;                    /* no more files will come */
	int rc;                         /* the writer's first failure */
	struct tk_error err;
};

static void pending_free(struct pending *p)
{
	free(p->name);
	free(p->data);
	free(p);
}

static void *stream_writer(void *ud)
{
	struct tk_pack_stream *s = ud;
	struct pending *p;
	int rc = TK_OK;

	for (;;) {
		pthread_mutex_lock(&s->lock);
		while (s->head == NULL && !s->closing)
			pthread_cond_wait(&s->more, &s->lock);
		if ((p = s->head) == NULL) {
			pthread_mutex_unlock(&s->lock);
			break;
		}
		if ((s->head = p->next) == NULL)
			s->tail = NULL;
		s->queued -= p->len;
		pthread_cond_signal(&s->room);
		pthread_mutex_unlock(&s->lock);
		/* after a failure the rest is only freed */
		if (rc == TK_OK) {
			struct tk_error err = {0};
			rc = writer_entry(s->a, s->e, s->format, s->t, p->name, p->data, p->len, &err);
			if (rc != TK_OK) {
				pthread_mutex_lock(&s->lock);
				s->err = err;
				s->rc = rc;
				pthread_mutex_unlock(&s->lock);
			}
		}
		pending_free(p);
	}
	return NULL;
}

int tk_pack_stream_new(int format, int fast, struct tk_buf *out, struct tk_pack_stream **sp,
		       struct tk_error *err)
{
	struct tk_pack_stream *s;
	int rc;

	*sp = NULL;
	if ((s = calloc(1, sizeof *s)) == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->more, NULL);
	pthread_cond_init(&s->room, NULL);
	s->format = format;
	s->t = pack_time();
	*sp = s;
	if ((s->a = archive_write_new()) == NULL || (s->e = archive_entry_new()) == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	/* the zone stays fixed until the writer is done (finish or free) */
	s->old_tz = tz_utc();
	s->tz_fixed = 1;
	if ((rc = writer_open(s->a, format, fast, out, err)) != TK_OK)
		return rc;
	if (pthread_create(&s->thread, NULL, stream_writer, s) != 0)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot start a thread");
	s->started = 1;
	return TK_OK;
}

int tk_pack_stream_add(struct tk_pack_stream *s, const char *name, void *data, size_t len,
		       struct tk_error *err)
{
	struct pending *p = calloc(1, sizeof *p);
	int rc;

	if (p == NULL || (p->name = strdup(name)) == NULL) {
		free(p);
		free(data);
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	p->data = data;
	p->len = len;
	pthread_mutex_lock(&s->lock);
	while (s->queued > STREAM_QUEUED && s->rc == TK_OK)
		pthread_cond_wait(&s->room, &s->lock);
	if ((rc = s->rc) != TK_OK) {
		*err = s->err;
		pthread_mutex_unlock(&s->lock);
		pending_free(p);
		return rc;
	}
	if (s->tail)
		s->tail->next = p;
	else
		s->head = p;
	s->tail = p;
	s->queued += len;
	pthread_cond_signal(&s->more);
	pthread_mutex_unlock(&s->lock);
	return TK_OK;
}

/* Let the writer write (or free) what is queued, and wait for it. */
static void stream_join(struct tk_pack_stream *s)
{
	if (!s->started)
		return;
	pthread_mutex_lock(&s->lock);
	s->closing = 1;
	pthread_cond_signal(&s->more);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	s->started = 0;
}

int tk_pack_stream_finish(struct tk_pack_stream *s, struct tk_error *err)
{
	int rc;

	stream_join(s);
	if ((rc = s->rc) != TK_OK) {
		*err = s->err;
		return rc;
	}
	if (archive_write_close(s->a) != ARCHIVE_OK)
		return s->rc = tk_error_set(err, TK_EINTERNAL, NULL, 0,
					    "cannot finish the archive: %s",
					    archive_error_string(s->a));
	return TK_OK;
}

void tk_pack_stream_free(struct tk_pack_stream *s)
{
	struct pending *p;

	if (s == NULL)
		return;
	stream_join(s);
	while ((p = s->head) != NULL) {
		s->head = p->next;
		pending_free(p);
	}
	if (s->a)
		archive_write_free(s->a);
	archive_entry_free(s->e);
	if (s->tz_fixed)
		tz_restore(s->old_tz);
	pthread_cond_destroy(&s->more);
	pthread_cond_destroy(&s->room);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

static int add_file(struct tk_unpack_file *v, int *n, const char *name, const void *data,
		    size_t len)
{
	v[*n].name = strdup(name);
	v[*n].data = malloc(len ? len : 1);
	v[*n].len = len;
	if (v[*n].name == NULL || v[*n].data == NULL) {
		free(v[*n].name);
		free(v[*n].data);
		return 0;
	}
	memcpy(v[*n].data, data, len);
	(*n)++;
	return 1;
}

/* A name safe inside any archive: the paper id with odd bytes replaced. */
static void safe_name(const char *id, const char *suffix, struct tk_buf *b)
{
	const char *s;

	for (s = id && *id ? id : "paper"; *s; s++)
		tk_buf_putc(b, (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
			       (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.' ?
			       *s : '_');
	tk_buf_puts(b, suffix);
}

static void manifest_attr(struct tk_buf *b, const char *k, const char *v)
{
	if (v == NULL)
		return;
	tk_buf_printf(b, " %s=\"", k);
	tk_buf_xml(b, v, 1);
	tk_buf_putc(b, '"');
}

static void manifest_paper(struct tk_buf *man, const struct tk_paper *p)
{
	char seed[32];

	snprintf(seed, sizeof seed, "%" PRIu64, p->seed);
	tk_buf_puts(man, "  <paper");
	manifest_attr(man, "id", p->id);
	manifest_attr(man, "standard", p->standard);
	manifest_attr(man, "level", p->level);
	manifest_attr(man, "kind", p->kind);
	manifest_attr(man, "batch", p->batch);
	manifest_attr(man, "form", p->form);
	/* a candidate's own paper: whose, and where it is sat */
	manifest_attr(man, "candidate", p->candidate);
	manifest_attr(man, "site", p->site);
	manifest_attr(man, "seed", seed);
	manifest_attr(man, "bank-digest", p->bank_digest);
	manifest_attr(man, "blueprint-digest", p->blueprint_digest);
	tk_buf_puts(man, "/>\n");
}

int tk_pack_manifest(struct tk_unpack_file *files, int *n, const char *content,
		     const char *batch, const char *head, const char *comment,
		     const struct tk_seckey *sk, struct tk_error *err)
{
	struct tk_buf man = TK_BUF_INIT, msig = TK_BUF_INIT;
	char hex[65];
	int i, rc;

	tk_buf_puts(&man, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<manifest xmlns=\"urn:tiku:manifest:1\"");
	manifest_attr(&man, "content", content);
	manifest_attr(&man, "batch", batch);
	manifest_attr(&man, "tool", "tiku " TIKU_VERSION);
	tk_buf_puts(&man, ">\n");
	tk_buf_puts(&man, head ? head : "");
	qsort(files, (size_t)*n, sizeof *files, cmp_file);
	for (i = 0; i < *n; i++) {
		tk_sha256_hex(files[i].data, files[i].len, hex);
		tk_buf_puts(&man, "  <file");
		manifest_attr(&man, "name", files[i].name);
		tk_buf_printf(&man, " size=\"%zu\" sha256=\"%s\"/>\n", files[i].len, hex);
	}
	tk_buf_puts(&man, "</manifest>\n");
	if (man.oom) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	if ((rc = tk_sign_data(sk, man.s, man.len, "manifest signature from tiku", comment, 0,
			       &msig, err)) != TK_OK)
		goto out;
	if (!add_file(files, n, MANIFEST, man.s, man.len) ||
	    !add_file(files, n, MANIFEST_SIG, msig.s, msig.len))
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
out:
	tk_buf_free(&man);
	tk_buf_free(&msig);
	return rc;
}

static int build_many(const struct tk_paper *const *p, int np, int content,
		      const struct tk_buf *pdf, const char *combined, int format,
		      const struct tk_seckey *sk, struct tk_buf *out, struct tk_buf *sig,
		      struct tk_error *err);

int tk_pack_build_many(const struct tk_paper *const *p, int np, int content,
		       const struct tk_buf *pdf, int format, const struct tk_seckey *sk,
		       struct tk_buf *out, struct tk_buf *sig, struct tk_error *err)
{
	return build_many(p, np, content, pdf, NULL, format, sk, out, sig, err);
}

/* combined (not NULL): pdf is one PDF of all the papers, by that name */
static int build_many(const struct tk_paper *const *p, int np, int content,
		      const struct tk_buf *pdf, const char *combined, int format,
		      const struct tk_seckey *sk, struct tk_buf *out, struct tk_buf *sig,
		      struct tk_error *err)
{
	struct tk_unpack_file *files;
	struct tk_buf head = TK_BUF_INIT, name = TK_BUF_INIT, tc = TK_BUF_INIT,
		      xml = TK_BUF_INIT, forms = TK_BUF_INIT;
	const char *batch = np > 0 ? p[0]->batch : NULL;
	int n = 0, i, k, rc = TK_OK, ok = 1, legacy = format & TK_PACK_LEGACY;

	format &= ~TK_PACK_LEGACY;
	if (np < 1)
		return tk_error_set(err, TK_EUSAGE, NULL, 0, "no paper to pack");
	files = calloc((size_t)(2 * np + 2), sizeof *files);
	if (files == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	for (k = 0; k < np && ok; k++) {
		if (batch && (p[k]->batch == NULL || strcmp(batch, p[k]->batch)))
			batch = NULL;   /* papers of several batches: none to name */
		tk_buf_reset(&name);
		if (content == TK_PACK_PAPER) {
			tk_buf_reset(&xml);
			tk_paper_xml(p[k], &xml);
			safe_name(p[k]->id, ".xml", &name);
			ok = add_file(files, &n, tk_buf_str(&name), xml.s, xml.len);
			tk_buf_reset(&name);
			safe_name(p[k]->id, ".pdf", &name);
		} else {
			safe_name(p[k]->id, ".key.pdf", &name);
		}
		if (combined == NULL)
			ok = ok && add_file(files, &n, tk_buf_str(&name), pdf[k].s, pdf[k].len);
		tk_buf_printf(&forms, "%s%s", k ? "," : "", p[k]->form ? p[k]->form : "-");
	}
	if (combined)
		ok = ok && add_file(files, &n, combined, pdf[0].s, pdf[0].len);
	for (i = 0; i < n && ok; i++)
		for (k = i + 1; k < n; k++)
			if (!strcmp(files[i].name, files[k].name)) {
				rc = tk_error_set(err, TK_EUSAGE, NULL, 0, "two papers named %s", files[i].name);
				goto out;
			}
	for (k = 0; k < np; k++)
		manifest_paper(&head, p[k]);
	/* the inner signature: no time in it, so that the archive repeats */
	tk_buf_printf(&tc, "tiku %s package of %s%s, forms %s", content == TK_PACK_PAPER ?
		      "paper" : "key", batch ? "batch " : "paper ", batch ? batch : p[0]->id,
		      tk_buf_str(&forms));
	if (!ok || head.oom || tc.oom) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	if ((rc = tk_pack_manifest(files, &n, content == TK_PACK_PAPER ? "paper" : "key", batch,
				   tk_buf_str(&head), tk_buf_str(&tc), sk, err)) != TK_OK)
		goto out;
	if ((rc = tk_pack_archive(files, n, format, out, err)) != TK_OK)
		goto out;
	tk_buf_reset(&tc);
	tk_buf_printf(&tc, "content:%s\tpaper:%s\tbatch:%s\tform:%s\ttimestamp:%lld",
		      content == TK_PACK_PAPER ? "paper" : "key", np == 1 ? p[0]->id : "-",
		      batch ? batch : "-", tk_buf_str(&forms), (long long)time(NULL));
	rc = tk_sign_data(sk, out->s, out->len, "signature of a tiku package", tk_buf_str(&tc),
			  legacy, sig, err);
out:
	tk_unpack_free(files, n);
	tk_buf_free(&head);
	tk_buf_free(&name);
	tk_buf_free(&tc);
	tk_buf_free(&xml);
	tk_buf_free(&forms);
	return rc;
}

int tk_pack_build(const struct tk_paper *p, int content, const struct tk_buf *pdf,
		  int format, const struct tk_seckey *sk, struct tk_buf *out,
		  struct tk_buf *sig, struct tk_error *err)
{
	return tk_pack_build_many(&p, 1, content, pdf, format, sk, out, sig, err);
}

/* ---- reading ------------------------------------------------------- */

static int bad(struct tk_error *err, const char *what, const char *name)
{
	return tk_error_set(err, TK_FAIL, NULL, 0, "%s%s%s%s", what, name ? " ('" : "",
			    name ? name : "", name ? "')" : "");
}

int tk_pack_read(const void *data, size_t len, const struct tk_unpack_limits *lim,
		 struct tk_unpack_file **files, int *n, struct tk_error *err)
{
	return tk_unpack(data, len, lim ? lim : &defaults, 0, files, n, err);
}

/* Every file the manifest lists is there with its size and hash; no other. */
static int check_manifest(const struct tk_unpack_file *v, int n, struct tk_error *err)
{
	const struct tk_unpack_file *m = tk_unpack_find(v, n, MANIFEST);
	struct tk_error xe = {0};
	xmlDocPtr doc = NULL;
	xmlNodePtr f;
	char *seen = calloc((size_t)n, 1);
	int rc = TK_OK, i;

	if (seen == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	if (tk_xml_parse((const char *)m->data, m->len, MANIFEST, &doc, &xe) != TK_OK ||
	    tk_xml_validate(doc, "manifest", MANIFEST, NULL, &xe) != TK_OK) {
		rc = tk_error_set(err, TK_FAIL, MANIFEST, xe.line, "not a valid manifest: %s", xe.msg);
		goto out;
	}
	for (f = tk_xml_child(xmlDocGetRootElement(doc), "file"); f && rc == TK_OK;
	     f = tk_xml_next(f, "file")) {
		char *name = tk_xml_attr(f, "name"), *size = tk_xml_attr(f, "size"),
		     *sha = tk_xml_attr(f, "sha256"), hex[65];
		const struct tk_unpack_file *p = name ? tk_unpack_find(v, n, name) : NULL;
		if (p == NULL)
			rc = bad(err, "a file the manifest lists is missing", name);
		else if (seen[p - v]++)
			rc = bad(err, "the manifest lists a file twice", name);
		else if (size == NULL || strtoull(size, NULL, 10) != p->len)
			rc = bad(err, "a file's size differs from the manifest", name);
		else {
			tk_sha256_hex(p->data, p->len, hex);
			if (sha == NULL || strcmp(sha, hex))
				rc = bad(err, "a file's SHA-256 differs from the manifest", name);
		}
		free(name);
		free(size);
		free(sha);
	}
	for (i = 0; i < n && rc == TK_OK; i++)
		if (!seen[i] && strcmp(v[i].name, MANIFEST) && strcmp(v[i].name, MANIFEST_SIG))
			rc = bad(err, "a file the manifest does not list", v[i].name);
out:
	if (doc)
		xmlFreeDoc(doc);
	free(seen);
	return rc;
}

int tk_pack_verify(const void *pkg, size_t len, const char *sig, size_t siglen,
		   const struct tk_pubkey *pk, const struct tk_unpack_limits *lim,
		   char **trusted, struct tk_unpack_file **files, int *n,
		   struct tk_error *err)
{
	const struct tk_unpack_file *m, *ms;
	struct tk_unpack_file *v = NULL;
	int nv = 0, rc;

	if (trusted)
		*trusted = NULL;
	if (files) {
		*files = NULL;
		*n = 0;
	}
	/* the outer signature first: nothing of a forged package is read */
	/* a malformed signature file is bad input (3), as for a plain file;
	   one that does not match is a failed check (1) */
	if ((rc = tk_sign_verify(pk, pkg, len, sig, siglen, "the package signature", trusted,
				 err)) != TK_OK)
		return rc;
	if ((rc = tk_pack_read(pkg, len, lim, &v, &nv, err)) != TK_OK)
		goto out;
	m = tk_unpack_find(v, nv, MANIFEST);
	ms = tk_unpack_find(v, nv, MANIFEST_SIG);
	if (m == NULL || ms == NULL) {
		rc = bad(err, m ? "no manifest signature" : "no manifest", NULL);
		goto out;
	}
	if ((rc = tk_sign_verify(pk, m->data, m->len, (const char *)ms->data, ms->len,
				 MANIFEST_SIG, NULL, err)) != TK_OK) {
		rc = TK_FAIL;
		goto out;
	}
	rc = check_manifest(v, nv, err);
out:
	if (rc != TK_OK || files == NULL) {
		tk_unpack_free(v, nv);
		if (rc != TK_OK && trusted) {
			free(*trusted);
			*trusted = NULL;
		}
	} else {
		*files = v;
		*n = nv;
	}
	return rc;
}

/* ---- unpacking ----------------------------------------------------- */

/* Make the folders of path below its first keep bytes (they are ours). */
static int make_parents(char *path, size_t keep)
{
	char *p;

	for (p = path + keep + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/*
 * Write a verified package's files into dir, which must not exist yet:
 * they go to a fresh directory beside it that is renamed into place
 * once all are written, so a site never sees half a package.
 */
int tk_pack_extract(const char *dir, const struct tk_unpack_file *files, int n,
		    struct tk_error *err)
{
	struct tk_buf tmp = TK_BUF_INIT, path = TK_BUF_INIT;
	struct stat st;
	int i, rc = TK_OK;

	if (lstat(dir, &st) == 0)
		return tk_error_set(err, TK_EINPUT, dir, 0, "exists already: name a new directory");
	tk_buf_printf(&tmp, "%s.partial.XXXXXX", dir);
	if (tmp.oom || mkdtemp(tmp.s) == NULL) {
		rc = tk_error_set(err, TK_EINPUT, dir, 0, "cannot make the directory: %s",
				  strerror(errno));
		tk_buf_free(&tmp);
		return rc;
	}
	for (i = 0; i < n && rc == TK_OK; i++) {
		int fd;
		size_t off = 0;
		tk_buf_reset(&path);
		tk_buf_printf(&path, "%s/%s", tmp.s, files[i].name);
		if (make_parents(path.s, strlen(tmp.s)) != 0) {
			rc = tk_error_set(err, TK_EINPUT, path.s, 0, "cannot make its folder: %s",
					  strerror(errno));
			break;
		}
		fd = open(path.s, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd < 0) {
			rc = tk_error_set(err, TK_EINPUT, path.s, 0, "cannot write: %s", strerror(errno));
			break;
		}
		while (off < files[i].len && rc == TK_OK) {
			ssize_t w = write(fd, files[i].data + off, files[i].len - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				rc = tk_error_set(err, TK_EINPUT, path.s, 0, "cannot write: %s",
						  strerror(errno));
			else
				off += (size_t)w;
		}
		if (fsync(fd) != 0 && rc == TK_OK)
			rc = tk_error_set(err, TK_EINPUT, path.s, 0, "cannot write: %s", strerror(errno));
		close(fd);
	}
	if (rc == TK_OK && rename(tmp.s, dir) != 0)
		rc = tk_error_set(err, TK_EINPUT, dir, 0, "cannot put the files in place: %s",
				  strerror(errno));
	if (rc != TK_OK)
		nftw(tmp.s, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	tk_buf_free(&tmp);
	tk_buf_free(&path);
	return rc;
}

/* ---- packages as files --------------------------------------------- */

/*
 * A file of tk_pack_write_as: written first under a fresh name beside
 * its place, and moved there only when every file of the run is
 * written, so that a failure leaves none of them.
 */
struct staged {
	const char *path;       /* where it goes */
	struct tk_buf tmp;      /* where it waits; empty until written */
	int placed;
};

static int stage(struct staged *f, const struct tk_buf *data, struct tk_error *err)
{
	int fd, rc;

	tk_buf_printf(&f->tmp, "%s.partial.XXXXXX", f->path);
	if (f->tmp.oom)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	/* mkstemp makes the name ours; tk_write_file fills it whole or not at all */
	if ((fd = mkstemp(f->tmp.s)) < 0) {
		tk_buf_free(&f->tmp);
		return tk_error_set(err, TK_EINPUT, f->path, 0, "cannot write: %s", strerror(errno));
	}
	close(fd);
	if ((rc = tk_write_file(f->tmp.s, data->s ? data->s : "", data->len, err)) != TK_OK) {
		unlink(f->tmp.s);
		tk_buf_free(&f->tmp);
		/* the user knows the file by its own name, not the waiting one */
		snprintf(err->file, sizeof err->file, "%s", f->path);
	}
	return rc;
}

/* Forget a staged file: removed from where it waits, or from its place. */
static void discard(struct staged *f)
{
	if (f->placed)
		unlink(f->path);
	else if (f->tmp.s)
		unlink(f->tmp.s);
	f->placed = 0;
	tk_buf_free(&f->tmp);
}

/*
 * Move every staged file into place, or on failure remove them all.  A
 * directory in the way is the one failure to expect here, so it is
 * found before anything is moved: files of an earlier run stay then.
 */
static int place(struct staged *f, int n, struct tk_error *err)
{
	struct stat st;
	int i, rc = TK_OK;

	for (i = 0; i < n && rc == TK_OK; i++)
		if (lstat(f[i].path, &st) == 0 && S_ISDIR(st.st_mode))
			rc = tk_error_set(err, TK_EINPUT, f[i].path, 0, "cannot write: %s",
					  strerror(EISDIR));
	for (i = 0; i < n && rc == TK_OK; i++) {
		if (rename(f[i].tmp.s, f[i].path) == 0)
			f[i].placed = 1;
		else
			rc = tk_error_set(err, TK_EINPUT, f[i].path, 0, "cannot write: %s",
					  strerror(errno));
	}
	for (i = 0; i < n; i++) {
		if (rc != TK_OK)
			discard(&f[i]);
		else
			tk_buf_free(&f[i].tmp);
	}
	return rc;
}

int tk_pack_put(const char *const *paths, const struct tk_buf *const *data, int n,
		struct tk_error *err)
{
	struct staged *f = calloc((size_t)n + 1, sizeof *f);
	int k, rc = TK_OK;

	if (f == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	for (k = 0; k < n; k++)
		f[k].path = paths[k];
	for (k = 0; k < n && rc == TK_OK; k++)
		rc = stage(&f[k], data[k], err);
	if (rc == TK_OK)
		rc = place(f, n, err);
	for (k = 0; k < n && rc != TK_OK; k++)
		discard(&f[k]);
	free(f);
	return rc;
}

/* Render the papers (or their keys) and build their package: a PDF each,
   or with job->combined one PDF of them all, in their order. */
static int build(const struct tk_paper *const *p, int np, const struct tk_pack_job *job,
		 int content, const struct tk_seckey *sk, struct tk_buf *pkg, struct tk_buf *sig,
		 struct tk_error *err)
{
	struct tk_render_opts ro = {0};
	struct tk_buf *pdf = calloc((size_t)np, sizeof *pdf);
	const char *combined = NULL;
	int i, rc = TK_OK;

	if (pdf == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	ro.key = content == TK_PACK_KEY;
	ro.images = job->images;
	ro.store = job->store;
	if (job->combined) {
		/* one font subset for all rather than one per paper: most of the
		   time and size of a PDF of CJK text is its font */
		struct tk_render *r = NULL;
		combined = ro.key ? "keys.pdf" : "papers.pdf";
		rc = tk_render_new(&ro, combined, &pdf[0], &r, err);
		for (i = 0; i < np && rc == TK_OK; i++)
			rc = tk_render_add(r, p[i], err);
		if (rc == TK_OK)
			rc = tk_render_finish(r, NULL, err);
		tk_render_free(r);
	} else {
		for (i = 0; i < np && rc == TK_OK; i++)
			rc = tk_render_pdf(p[i], &ro, &pdf[i], NULL, err);
	}
	if (rc == TK_OK)
		rc = build_many(p, np, content, pdf, combined, job->format, sk, pkg, sig, err);
	for (i = 0; i < np; i++)
		tk_buf_free(&pdf[i]);
	free(pdf);
	return rc;
}

/*
 * Rendering is nearly all the time of a big pack (a site's papers), so
 * the key package is built on a second thread while this one builds the
 * paper package.  It is safe because nothing is shared: each has its own
 * surface and Pango context, Pango's default font map is per thread, and
 * fontconfig, FreeType (a face per font map) and cairo lock what they
 * share.  The bytes are those one thread makes.
 */
#define PACK_THREADS_FROM 8

struct build_job {
	const struct tk_paper *const *p;
	int np, rc;
	const struct tk_pack_job *job;
	const struct tk_seckey *sk;
	struct tk_buf *pkg, *sig;
	struct tk_error err;
};

static void *build_key(void *ud)
{
	struct build_job *j = ud;

	j->rc = build(j->p, j->np, j->job, TK_PACK_KEY, j->sk, j->pkg, j->sig, &j->err);
	return NULL;
}

/*
 * Nothing is signed that the validator refuses: a batch's forms are
 * checked together (their overlap too), candidates' papers, which share a
 * form by design, each on its own.  The first failing check names why.
 */
static int pack_validate(const struct tk_pack_job *job, const struct tk_paper *const *p, int np,
			 struct tk_error *err)
{
	struct tk_standard *s = NULL;
	struct tk_vreport rep;
	int k, rc;

	if (job->bank == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0,
				    "a package's papers are validated against the bank: none given");
	if ((rc = tk_bank_get_standard(job->bank, p[0]->standard, &s, err)) != TK_OK)
		return rc;
	/* all in one call: a batch's forms together (overlap, parallel
	   means); candidates' papers each against its form, the bank read
	   once for all of them */
	memset(&rep, 0, sizeof rep);
	rc = tk_validate(job->bank, s, NULL, (struct tk_paper *const *)p, np, &rep, err);
	if (rc == TK_FAIL) {
		const struct tk_vrow *bad = NULL;
		const char *why = rep.problems.n ? rep.problems.v[0].msg : "";
		for (k = 0; k < rep.n && bad == NULL; k++)
			if (!rep.rows[k].ok)
				bad = &rep.rows[k];
		rc = tk_error_set(err, TK_EINPUT, NULL, 0,
				  _("paper %s is not valid: %s %s: want %s, got %s%s%s "
				    "(tiku validate says all): nothing packed"),
				  bad ? bad->paper : p[0]->id, bad ? bad->what : "",
				  bad ? bad->name : "", bad ? bad->want : "", bad ? bad->got : "",
				  *why ? "; " : "", why);
	}
	tk_vreport_free(&rep);
	tk_standard_free(s);
	return rc;
}

int tk_pack_write_as(const struct tk_paper *const *p, int np, const struct tk_pack_job *job,
		     const struct tk_seckey *sk, const char *paper_path, const char *key_path,
		     void (*done)(void *ud, const char *path, const char *sigpath, int content,
				  size_t len),
		     void *ud, struct tk_error *err)
{
	/* per package: its bytes, sealed when sealing, its signature, their paths */
	struct tk_buf pkg[2] = {TK_BUF_INIT, TK_BUF_INIT}, out[2] = {TK_BUF_INIT, TK_BUF_INIT};
	struct tk_buf sig[2] = {TK_BUF_INIT, TK_BUF_INIT}, path[2] = {TK_BUF_INIT, TK_BUF_INIT};
	struct tk_buf spath[2] = {TK_BUF_INIT, TK_BUF_INIT};
	struct staged f[4];
	struct build_job kj;
	pthread_t th;
	int k, rc = TK_OK, threaded;

	if ((rc = pack_validate(job, p, np, err)) != TK_OK)
		return rc;
	memset(f, 0, sizeof f);
	memset(&kj, 0, sizeof kj);
	kj.p = p;
	kj.np = np;
	kj.job = job;
	kj.sk = sk;
	kj.pkg = &pkg[1];
	kj.sig = &sig[1];
	threaded = np >= PACK_THREADS_FROM && pthread_create(&th, NULL, build_key, &kj) == 0;
	/* the paper package and the key package: never one archive */
	for (k = 0; k < 2; k++) {
		tk_buf_puts(&path[k], k ? key_path : paper_path);
		tk_buf_printf(&spath[k], "%s.minisig", tk_buf_str(&path[k]));
		if (job->nsites)
			tk_buf_puts(&path[k], ".age");
		if (k == 1 && threaded) {
			pthread_join(th, NULL);
			if (rc == TK_OK && kj.rc != TK_OK) {
				rc = kj.rc;
				*err = kj.err;
			}
		}
		if (rc != TK_OK)
			break;
		if (path[k].oom || spath[k].oom)
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		else if (k == 0 || !threaded)
			rc = build(p, np, job, k ? TK_PACK_KEY : TK_PACK_PAPER, sk, &pkg[k], &sig[k],
				   err);
		/* sealed: only the sites' keys open it; the signature is of what is inside */
		if (rc == TK_OK && job->nsites)
			rc = tk_seal_encrypt(job->sites, job->nsites, pkg[k].s, pkg[k].len, &out[k],
					     err);
	}
	/* all four files, or none: a paper package never without its key package */
	for (k = 0; k < 4; k++)
		f[k].path = k & 1 ? spath[k / 2].s : path[k / 2].s;
	for (k = 0; k < 4 && rc == TK_OK; k++)
		rc = stage(&f[k], k & 1 ? &sig[k / 2] : job->nsites ? &out[k / 2] : &pkg[k / 2],
			   err);
	if (rc == TK_OK)
		rc = place(f, 4, err);
	for (k = 0; k < 4 && rc != TK_OK; k++)
		discard(&f[k]);
	for (k = 0; k < 2 && rc == TK_OK && done; k++)
		done(ud, path[k].s, spath[k].s, k ? TK_PACK_KEY : TK_PACK_PAPER, pkg[k].len);
	for (k = 0; k < 2; k++) {
		tk_buf_free(&pkg[k]);
		tk_buf_free(&out[k]);
		tk_buf_free(&sig[k]);
		tk_buf_free(&path[k]);
		tk_buf_free(&spath[k]);
	}
	return rc;
}

int tk_pack_write(const struct tk_paper *const *p, int np, const struct tk_pack_job *job,
		  const struct tk_seckey *sk, const char *name,
		  void (*done)(void *ud, const char *path, const char *sigpath, int content,
			       size_t len),
		  void *ud, struct tk_error *err)
{
	const char *ext = (job->format & ~TK_PACK_LEGACY) == TK_PACK_TGZ ? "tar.gz" : "zip";
	struct tk_buf a = TK_BUF_INIT, b = TK_BUF_INIT;
	int rc;

	tk_buf_printf(&a, "%s.%s", name, ext);
	tk_buf_printf(&b, "%s-key.%s", name, ext);
	if (a.oom || b.oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	else
		rc = tk_pack_write_as(p, np, job, sk, a.s, b.s, done, ud, err);
	tk_buf_free(&a);
	tk_buf_free(&b);
	return rc;
}

void tk_pack_sig_path(const char *package, struct tk_buf *out)
{
	size_t n = strlen(package);

	if (n > 4 && !strcmp(package + n - 4, ".age"))
		n -= 4;
	tk_buf_printf(out, "%.*s.minisig", (int)n, package);
}

int tk_pack_unseal(const char *sitekey, const void *data, size_t len, struct tk_buf *plain,
		   struct tk_error *err)
{
	unsigned char sk[32];
	int rc;

	if (!tk_seal_is_age(data, len))
		return TK_OK;
	if (sitekey == NULL)
		return tk_error_set(err, TK_EUSAGE, NULL, 0,
				    "the package is sealed: give the site's key (--key)");
	if ((rc = tk_seal_read_identity(sitekey, sk, err)) != TK_OK)
		return rc;
	rc = tk_seal_decrypt(sk, data, len, plain, err);
	tk_sign_wipe_bytes(sk, sizeof sk);
	return rc;
}
