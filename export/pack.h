/*
 * pack.h -- signed paper packages: what the exam centre ships to sites.
 *
 * A package is a zip (or tar.gz) archive, written with libarchive,
 * holding manifest.xml (schema/manifest.rng: where the paper comes from
 * and every other file with its size and SHA-256), manifest.xml.minisig
 * (the manifest signed, minisign's format), and the files: for a paper
 * package the paper XML and its PDF, for a key package the answer key's
 * PDF -- papers and keys never travel together.  The archive as a whole
 * gets a detached signature (PACKAGE.minisig) that the stock minisign
 * verifies.
 *
 * Packages are reproducible: entries sorted by name, fixed time
 * (SOURCE_DATE_EPOCH, else 2000-01-01), owner 0, mode 0644; the same
 * paper, key and options give the same bytes.
 *
 * Reading a package trusts nothing: absolute paths, "..", links,
 * devices, directories, repeated names, too many entries, an entry or a
 * total over the limits and a bomb's compression ratio are refused
 * before any file is accepted, and nothing is written to disk.
 */
#ifndef TK_PACK_H
#define TK_PACK_H

#include "unpack.h"
#include "bank.h"
#include "paper.h"
#include "sign.h"
#include "tiku.h"
#include "util.h"

enum { TK_PACK_ZIP, TK_PACK_TGZ };
enum { TK_PACK_PAPER, TK_PACK_KEY };

/* Or'ed into a format: the detached signature in legacy mode (signify). */
#define TK_PACK_LEGACY 0x10

/*
 * Build the package of p: content TK_PACK_PAPER holds the paper XML and
 * pdf (its rendering), TK_PACK_KEY the key PDF in pdf.  The manifest is
 * signed with sk; the package bytes are appended to out and its detached
 * signature (trusted comment: content, batch, form and time) to sig.
 */
int tk_pack_build(const struct tk_paper *p, int content, const struct tk_buf *pdf,
		  int format, const struct tk_seckey *sk, struct tk_buf *out,
		  struct tk_buf *sig, struct tk_error *err);

/* The same for n papers in one package (a batch's forms), pdf[i] each. */
int tk_pack_build_many(const struct tk_paper *const *p, int n, int content,
		       const struct tk_buf *pdf, int format, const struct tk_seckey *sk,
		       struct tk_buf *out, struct tk_buf *sig, struct tk_error *err);

/*
 * The archive (TK_PACK_ZIP or TK_PACK_TGZ) of files appended to out:
 * entries sorted by name (files is sorted in place), each with the same
 * time, owner and mode, so that the same files give the same bytes.
 * Names may hold folders ("media/a.png"); no folder entries are written.
 */
int tk_pack_archive(struct tk_unpack_file *files, int n, int format, struct tk_buf *out,
		    struct tk_error *err);

/*
 * An archive written while its files are still being made (a bank's
 * worth of QTI items): each file added is deflated by a thread of the
 * stream's own while the caller makes the next.  Entries keep the order
 * they were added in, with the time, owner and mode tk_pack_archive
 * gives them, so that the same files added in the same order give the
 * same bytes.  fast: the fastest deflate level, for many megabytes of
 * text (decided by the caller from what it will add, so that it does
 * not depend on how the files come).
 *
 *   tk_pack_stream_new -> tk_pack_stream_add ... -> tk_pack_stream_finish
 *   -> tk_pack_stream_free (always; it also ends a stream not finished)
 *
 * The archive is appended to out, which the stream's thread writes
 * until finish or free returns.
 */
struct tk_pack_stream;
int tk_pack_stream_new(int format, int fast, struct tk_buf *out, struct tk_pack_stream **s,
		       struct tk_error *err);
/* Add a file: data (len bytes, from malloc) becomes the stream's, also
   on failure.  A failure of the writing so far is returned here too. */
int tk_pack_stream_add(struct tk_pack_stream *s, const char *name, void *data, size_t len,
		       struct tk_error *err);
/* Write the last entries and the archive's end; TK_OK when all is in out. */
int tk_pack_stream_finish(struct tk_pack_stream *s, struct tk_error *err);
void tk_pack_stream_free(struct tk_pack_stream *s);

/*
 * Add manifest.xml and manifest.xml.minisig to files (*n of them, with
 * room for two more): the manifest of content ("paper", "key",
 * "course"), batch (may be NULL), the elements in head (XML text, one
 * per line) and every file with its size and SHA-256, signed with sk
 * with comment as its trusted comment.  files is sorted by name.
 */
int tk_pack_manifest(struct tk_unpack_file *files, int *n, const char *content,
		     const char *batch, const char *head, const char *comment,
		     const struct tk_seckey *sk, struct tk_error *err);

/*
 * Read a package held in memory into files (caller frees with
 * tk_unpack_free), as tk_unpack does, within a package's
 * limits when lim is NULL.
 */
int tk_pack_read(const void *data, size_t len, const struct tk_unpack_limits *lim,
		 struct tk_unpack_file **files, int *n, struct tk_error *err);

/*
 * Verify a package: the detached signature sig (siglen bytes) over the
 * archive, then inside it the manifest's signature, the manifest itself
 * (schema), and every file against it, none missing or extra.  TK_OK
 * when all holds (the detached trusted comment to *trusted, caller
 * frees); TK_FAIL with the first reason otherwise.  Writes nothing.
 */
int tk_pack_verify(const void *pkg, size_t len, const char *sig, size_t siglen,
		   const struct tk_pubkey *pk, const struct tk_unpack_limits *lim,
		   char **trusted, struct tk_unpack_file **files, int *n,
		   struct tk_error *err);

/*
 * What tk_pack_write makes: the format (TK_PACK_ZIP or TK_PACK_TGZ, or'ed
 * with TK_PACK_LEGACY), where the papers' images are for rendering, the
 * sites to seal to (none: not sealed), and whether the papers' PDF is one
 * for them all, in their order (combined: what a site prints for its
 * candidates, and far cheaper than a PDF each) or one each.
 */
struct tk_pack_job {
	struct tk_bank *bank;   /* every paper is validated against it first */
	int format;
	const char *images;
	/* images kept elsewhere (the bank's), asked before the folder; its
	   get may be called from the thread that renders keys: NULL or safe */
	const struct tk_image_store *store;
	const unsigned char (*sites)[32];
	int nsites;
	int combined;           /* one PDF of all papers (papers.pdf, keys.pdf) */
};

/*
 * Validate the papers against job->bank, its standard and their
 * blueprints (validate.h): a batch's forms together, candidates' papers
 * each on its own.  Then render papers (print and key) and write the two
 * packages: paper_path
 * and key_path as named (sealed: with ".age" added), each with
 * PATH.minisig, the signature of the package inside.  All four files or
 * none: each is written beside its place and moved there when all are
 * written, and on failure none is left.  done, when not NULL, hears of
 * each package written: its path, its signature's path, TK_PACK_PAPER
 * or TK_PACK_KEY, and the package's size.
 */
int tk_pack_write_as(const struct tk_paper *const *p, int np, const struct tk_pack_job *job,
		     const struct tk_seckey *sk, const char *paper_path, const char *key_path,
		     void (*done)(void *ud, const char *path, const char *sigpath, int content,
				  size_t len),
		     void *ud, struct tk_error *err);

/* The same, named name.EXT and name-key.EXT (EXT zip or tar.gz, by format). */
int tk_pack_write(const struct tk_paper *const *p, int np, const struct tk_pack_job *job,
		  const struct tk_seckey *sk, const char *name,
		  void (*done)(void *ud, const char *path, const char *sigpath, int content,
			       size_t len),
		  void *ud, struct tk_error *err);

/*
 * Write n files: data[i] to paths[i], each first beside its place and
 * all moved into place once all are written; on failure none of them
 * is left.
 */
int tk_pack_put(const char *const *paths, const struct tk_buf *const *data, int n,
		struct tk_error *err);

/* The signature beside a package: PKG.minisig, for PKG.age too. */
void tk_pack_sig_path(const char *package, struct tk_buf *out);

/*
 * A sealed package (age) opened in memory with the site's identity
 * file: the package inside goes to plain (caller wipes and frees) and
 * TK_OK.  Data that is not sealed: TK_OK, plain untouched.  Sealed and
 * no sitekey: TK_EUSAGE.
 */
int tk_pack_unseal(const char *sitekey, const void *data, size_t len, struct tk_buf *plain,
		   struct tk_error *err);

/*
 * Write verified files into dir, which must not exist yet: they are
 * written to a fresh directory beside it that is renamed into place
 * when all are there, so nobody sees half a package; on failure nothing
 * is left.  Names must be plain (tk_pack_read makes sure).
 */
int tk_pack_extract(const char *dir, const struct tk_unpack_file *files, int n,
		    struct tk_error *err);

#endif
