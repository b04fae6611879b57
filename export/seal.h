/*
 * seal.h -- packages sealed to exam sites in the age format (age-
 * encryption.org/v1, X25519 recipients), built from libsodium's X25519,
 * ChaCha20-Poly1305 and HMAC-SHA-256, so that a site opens a sealed
 * package with the stock `age -d -i site.key` as well as with tiku.
 *
 * Keys are age's: a site's identity file (comment lines, then
 * "AGE-SECRET-KEY-1..."), and its recipient "age1..." (Bech32).
 */
#ifndef TK_SEAL_H
#define TK_SEAL_H

#include <stddef.h>

#include "tiku.h"
#include "util.h"

#define TK_SEAL_MAX_RECIPIENTS 64

/*
 * Make a site key pair: base.key (the identity, mode 0600, as age-keygen
 * writes it) and base.pub (the recipient line).  Existing files are kept
 * unless force.  The recipient (age1...) goes to recipient.
 */
int tk_seal_keygen(const char *base, int force, char recipient[128], struct tk_error *err);

/* The X25519 public key of a recipient file ("age1..." line) or string. */
int tk_seal_read_recipient(const char *path, unsigned char pk[32], struct tk_error *err);

/* The X25519 secret of an identity file. */
int tk_seal_read_identity(const char *path, unsigned char sk[32], struct tk_error *err);

/* Encrypt data to n recipients; the age file is appended to out. */
int tk_seal_encrypt(const unsigned char (*pk)[32], int n, const void *data, size_t len,
		    struct tk_buf *out, struct tk_error *err);

/*
 * Decrypt an age file with an identity.  TK_FAIL when the file is not
 * for this identity or was changed (nothing is given out then).
 */
int tk_seal_decrypt(const unsigned char sk[32], const void *data, size_t len,
		    struct tk_buf *out, struct tk_error *err);

/* Does data start like an age file? */
int tk_seal_is_age(const void *data, size_t len);

#endif
