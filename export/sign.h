/*
 * sign.h -- Ed25519 signatures in minisign's formats, with libsodium, so
 * that the stock minisign (and, for legacy signatures, signify) verify
 * what tiku signs and tiku verifies what they sign.
 *
 * Files, all text:
 *   NAME.pub   "untrusted comment: minisign public key ID" and a base64
 *              line: "Ed", the 8-byte key id, the 32-byte public key.
 *   NAME.key   "untrusted comment: ..." and a base64 line: "Ed", the KDF
 *              ("Sc" scrypt, or two zero bytes for an unencrypted key),
 *              "B2", salt, opslimit, memlimit, then key id, secret key
 *              and a BLAKE2b checksum, XORed with the scrypt stream of
 *              the passphrase when encrypted.
 *   X.minisig  the untrusted comment, base64 of the algorithm ("ED":
 *              the BLAKE2b-512 of the data is signed; "Ed", legacy: the
 *              data itself), key id and signature, then "trusted
 *              comment: ..." and a second signature over the first
 *              signature and the trusted comment.
 *
 * Secret keys live in caller-owned structs; wipe them with
 * tk_sign_wipe() when done.
 */
#ifndef TK_SIGN_H
#define TK_SIGN_H

#include <stddef.h>

#include "tiku.h"
#include "util.h"

struct tk_pubkey {
	unsigned char id[8];
	unsigned char pk[32];
};

struct tk_seckey {
	unsigned char id[8];
	unsigned char sk[64];
};

/* Initialise libsodium; TK_EINTERNAL if it cannot start. */
int tk_sign_init(struct tk_error *err);

/*
 * Make a key pair and write base.key (mode 0600) and base.pub.  With a
 * passphrase the secret key is encrypted as minisign does (scrypt at
 * minisign's "sensitive" cost); passphrase NULL writes it unencrypted.
 * Existing files are refused unless force.
 */
int tk_sign_keygen(const char *base, const char *passphrase, int force,
		   struct tk_pubkey *pub, struct tk_error *err);

/* A public key from a .pub file, or from its base64 line given as text. */
int tk_sign_read_pub(const char *path, struct tk_pubkey *pk, struct tk_error *err);
int tk_sign_parse_pub(const char *text, const char *name, struct tk_pubkey *pk,
		      struct tk_error *err);

/*
 * The secret key in path.  An encrypted key needs its passphrase (NULL:
 * the error says one is needed); a wrong one fails the checksum.
 */
int tk_sign_read_sec(const char *path, const char *passphrase, struct tk_seckey *sk,
		     struct tk_error *err);

/* Zero a secret key. */
void tk_sign_wipe(struct tk_seckey *sk);

/* Zero len bytes at p (secrets: keys, decrypted packages). */
void tk_sign_wipe_bytes(void *p, size_t len);

/* Zero and free a passphrase (malloc'd); NULL is fine. */
void tk_sign_free_pass(char *pass);

/*
 * Sign data: the .minisig text appended to out.  trusted is the trusted
 * comment (one printable line); legacy signs the data itself ("Ed", what
 * signify verifies) instead of its hash.
 */
int tk_sign_data(const struct tk_seckey *sk, const void *data, size_t len,
		 const char *untrusted, const char *trusted, int legacy,
		 struct tk_buf *out, struct tk_error *err);

/*
 * Verify a .minisig text (sig, siglen bytes, named name in messages)
 * against data and pk.  TK_OK when both signatures hold; TK_FAIL with
 * the reason otherwise (wrong key, data changed, comment changed);
 * TK_EINPUT when the signature file is malformed.  The trusted comment
 * goes to trusted (caller frees) when not NULL.
 */
int tk_sign_verify(const struct tk_pubkey *pk, const void *data, size_t len,
		   const char *sig, size_t siglen, const char *name, char **trusted,
		   struct tk_error *err);

/* The key id as minisign prints it (16 hex digits). */
void tk_sign_id_hex(const unsigned char id[8], char out[17]);

#endif
