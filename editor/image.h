/*
 * image.h -- images items show that are kept inside the bank (those a
 * Word document brings), named by their content, and how the writers
 * (PDF, Moodle, QTI, course bundles) ask for one before they look in an
 * images folder.
 */
#ifndef TK_IMAGE_H
#define TK_IMAGE_H

#include <stddef.h>

#include "tiku.h"
#include "util.h"

/* The largest image the bank keeps: a scanned page, not a film. */
#define TK_IMAGE_MAX (8u << 20)

/* Image types, told by their first bytes, never by a name. */
enum { TK_IMAGE_NONE, TK_IMAGE_PNG, TK_IMAGE_JPEG };

/* The type of data (len bytes): TK_IMAGE_PNG, TK_IMAGE_JPEG or TK_IMAGE_NONE. */
int tk_image_type(const void *data, size_t len);

/* "png" or "jpeg" for a type; NULL for TK_IMAGE_NONE. */
const char *tk_image_type_name(int type);

/* The length of a stored image's name, its NUL included. */
#define TK_IMAGE_NAME 70

/*
 * The name an image is stored under: the SHA-256 of its bytes in hex
 * and ".png" or ".jpg" -- the same bytes, the same name, in any bank.
 */
void tk_image_name(const void *data, size_t len, int type, char name[TK_IMAGE_NAME]);

/* Is s a name tk_image_name could have made? */
int tk_image_is_name(const char *s);

/*
 * Where a writer finds images that are not in a folder (the bank's).
 * get puts the bytes of the image called src into data and returns TK_OK;
 * TK_FAIL when it has no such image (the writer then looks in its folder);
 * another code with err set when it cannot tell.  ud is get's.
 */
struct tk_image_store {
	int (*get)(void *ud, const char *src, struct tk_buf *data, struct tk_error *err);
	void *ud;
};

/*
 * Ask store (may be NULL, or have get NULL) for the image src: as its get
 * does, and TK_FAIL when there is no store.  *type is the type of what
 * came (a stored image is checked again, for a bank is untrusted input).
 */
int tk_image_lookup(const struct tk_image_store *store, const char *src,
		    struct tk_buf *data, int *type, struct tk_error *err);

#endif
