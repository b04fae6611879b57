/*
 * bundle.h -- course bundles: a course, its lessons and its practice as
 * one zip that learners open without tiku (docs/bundle.md):
 *
 *   html       an offline site: index.html from a USB stick or a phone
 *   scorm12    the site as one SCORM 1.2 SCO, with imsmanifest.xml
 *   scorm2004  the same for SCORM 2004 4th edition
 *   imscc      an IMS Common Cartridge 1.1: a web page per lesson, and
 *              each practice set, module test and the mock exam as a
 *              QTI 1.2.1 assessment
 *
 * Bundles are reproducible: the same course, bank and seeds give the
 * same bytes.  Signed with a key, a bundle also holds manifest.xml (every
 * other file with its size and SHA-256, the course, the bank's digest and
 * the seeds) and its signature, as paper packages do (pack.h), so that
 * tk_pack_verify() checks it; the detached signature of the zip is what
 * the stock minisign verifies.
 */
#ifndef TK_BUNDLE_H
#define TK_BUNDLE_H

#include "course.h"
#include "image.h"
#include "practice.h"
#include "sign.h"
#include "standard.h"
#include "tiku.h"
#include "util.h"

enum { TK_BUNDLE_HTML, TK_BUNDLE_SCORM12, TK_BUNDLE_SCORM2004, TK_BUNDLE_IMSCC,
       TK_BUNDLE_NFORMATS };

/* The format called name ("html", "scorm12", ...), or -1. */
int tk_bundle_format(const char *name);
const char *tk_bundle_format_name(int format);

struct tk_bundle_job {
	int format;             /* TK_BUNDLE_* */
	const char *images;     /* the folder of the items' images; NULL: none may have one */
	const struct tk_image_store *store;     /* asked first (the bank's); may be NULL */
	const struct tk_seckey *sk;     /* NULL: not signed */
};

/*
 * Build the bundle of course c (standard s) with its practice p: the zip
 * is appended to out and, when signed, its detached signature to sig
 * (may be NULL unsigned).  A lesson body that cannot be read, an image
 * or link that leaves the course or is missing, an item image without
 * images: TK_EINPUT, with the file and line in err.  Nothing is written
 * to disk.
 */
int tk_bundle_build(const struct tk_course *c, const struct tk_standard *s,
		    const struct tk_practice *p, const struct tk_bundle_job *job,
		    struct tk_buf *out, struct tk_buf *sig, struct tk_error *err);

/*
 * Build and write path (and path.minisig when signed): both written
 * beside their places and moved there when complete, so that a failure
 * leaves neither.  *size, when not NULL, is the zip's size.
 */
int tk_bundle_write(const struct tk_course *c, const struct tk_standard *s,
		    const struct tk_practice *p, const struct tk_bundle_job *job,
		    const char *path, size_t *size, struct tk_error *err);

#endif
