/*
 * sign.c -- minisign-compatible keys and signatures over libsodium's
 * Ed25519, BLAKE2b and scrypt.  See sign.h for the formats.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "sign.h"

#define KEY_LEN   158   /* the decoded secret key file */
#define PUB_LEN   42
#define SIG_LEN   74
#define SECRET_OFF 54   /* where id, key and checksum start in it */
#define SECRET_LEN 104

int tk_sign_init(struct tk_error *err)
{
	if (sodium_init() < 0)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot start libsodium");
	return TK_OK;
}

void tk_sign_id_hex(const unsigned char id[8], char out[17])
{
	int i;

	/* minisign shows the id as a little-endian number */
	for (i = 0; i < 8; i++)
		snprintf(out + 2 * i, 3, "%02X", id[7 - i]);
}

void tk_sign_wipe(struct tk_seckey *sk)
{
	sodium_memzero(sk, sizeof *sk);
}

void tk_sign_wipe_bytes(void *p, size_t len)
{
	sodium_memzero(p, len);
}

void tk_sign_free_pass(char *pass)
{
	if (pass) {
		sodium_memzero(pass, strlen(pass));
		free(pass);
	}
}

static void le64(unsigned char *p, unsigned long long v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static unsigned long long get_le64(const unsigned char *p)
{
	unsigned long long v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void b64(struct tk_buf *out, const unsigned char *bin, size_t n)
{
	size_t m = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *s = malloc(m);

	if (s == NULL) {
		out->oom = 1;
		return;
	}
	sodium_bin2base64(s, m, bin, n, sodium_base64_VARIANT_ORIGINAL);
	tk_buf_puts(out, s);
	free(s);
}

/* Decode one base64 line into exactly n bytes. */
static int unb64(const char *line, size_t linelen, unsigned char *bin, size_t n)
{
	size_t got = 0;

	return sodium_base642bin(bin, n, line, linelen, " \t\r", &got, NULL,
				 sodium_base64_VARIANT_ORIGINAL) == 0 && got == n;
}

/* The scrypt stream that encrypts a key's secret part. */
static int key_stream(const char *pass, const unsigned char *salt, unsigned long long ops,
		      size_t mem, unsigned char stream[SECRET_LEN], struct tk_error *err)
{
	if (ops > crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MAX || mem > (size_t)1 << 32)
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    "the key asks for an unreasonable key derivation cost");
	if (crypto_pwhash_scryptsalsa208sha256(stream, SECRET_LEN, pass, strlen(pass), salt,
					       ops, mem) != 0)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0,
				    "not enough memory to derive the key from the passphrase");
	return TK_OK;
}

/* BLAKE2b-256 over "Ed", key id and secret key: minisign's checksum. */
static void key_checksum(const unsigned char *id, const unsigned char *sk, unsigned char out[32])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, (const unsigned char *)"Ed", 2);
	crypto_generichash_update(&st, id, 8);
	crypto_generichash_update(&st, sk, 64);
	crypto_generichash_final(&st, out, 32);
}

int tk_sign_keygen(const char *base, const char *pass, int force, struct tk_pubkey *pub,
		   struct tk_error *err)
{
	unsigned char key[KEY_LEN], pk[32], stream[SECRET_LEN], pubbin[PUB_LEN];
	struct tk_buf kpath = TK_BUF_INIT, ppath = TK_BUF_INIT, ktext = TK_BUF_INIT,
		      ptext = TK_BUF_INIT;
	unsigned char *id = key + SECRET_OFF, *sk = id + 8, *chk = sk + 64;
	unsigned long long ops = crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE;
	size_t mem = crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE;
	char idhex[17];
	int rc, i;

	if ((rc = tk_sign_init(err)) != TK_OK)
		return rc;
	memset(key, 0, sizeof key);
	memcpy(key, "Ed", 2);
	memcpy(key + 2, pass ? "Sc" : "\0\0", 2);
	memcpy(key + 4, "B2", 2);
	randombytes_buf(id, 8);
	crypto_sign_keypair(pk, sk);
	key_checksum(id, sk, chk);
	/* the public half first: encryption scrambles id in place */
	memcpy(pubbin, "Ed", 2);
	memcpy(pubbin + 2, id, 8);
	memcpy(pubbin + 10, pk, 32);
	if (pub) {
		memcpy(pub->id, id, 8);
		memcpy(pub->pk, pk, 32);
	}
	tk_sign_id_hex(id, idhex);
	if (pass) {
		randombytes_buf(key + 6, 32);
		le64(key + 38, ops);
		le64(key + 46, mem);
		if ((rc = key_stream(pass, key + 6, ops, mem, stream, err)) != TK_OK)
			goto out;
		for (i = 0; i < SECRET_LEN; i++)
			key[SECRET_OFF + i] ^= stream[i];
	}
	tk_buf_printf(&ktext, "untrusted comment: %s\n",
		      pass ? "minisign encrypted secret key" : "minisign secret key (unencrypted)");
	b64(&ktext, key, sizeof key);
	tk_buf_putc(&ktext, '\n');
	tk_buf_printf(&ptext, "untrusted comment: minisign public key %s\n", idhex);
	b64(&ptext, pubbin, sizeof pubbin);
	tk_buf_putc(&ptext, '\n');
	tk_buf_printf(&kpath, "%s.key", base);
	tk_buf_printf(&ppath, "%s.pub", base);
	if (ktext.oom || ptext.oom || kpath.oom || ppath.oom) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	if ((rc = tk_write_key_file(kpath.s, ktext.s, 0600, force, err)) != TK_OK)
		goto out;
	if ((rc = tk_write_key_file(ppath.s, ptext.s, 0644, force, err)) != TK_OK)
		unlink(kpath.s);   /* a secret key without its public key is no use */
out:
	sodium_memzero(key, sizeof key);
	sodium_memzero(stream, sizeof stream);
	if (ktext.s)
		sodium_memzero(ktext.s, ktext.len);
	tk_buf_free(&ktext);
	tk_buf_free(&ptext);
	tk_buf_free(&kpath);
	tk_buf_free(&ppath);
	return rc;
}

/* The second line of a minisign text file (after "untrusted comment:"). */
static const char *second_line(const char *text, size_t *len)
{
	const char *nl;

	if (strncmp(text, "untrusted comment:", 18) != 0)
		return NULL;
	nl = strchr(text, '\n');
	if (nl == NULL)
		return NULL;
	text = nl + 1;
	*len = strcspn(text, "\n");
	return text;
}

int tk_sign_parse_pub(const char *text, const char *name, struct tk_pubkey *pk,
		      struct tk_error *err)
{
	unsigned char bin[PUB_LEN];
	const char *line = text;
	size_t len = strcspn(text, "\n");

	if (!strncmp(text, "untrusted comment:", 18) && (line = second_line(text, &len)) == NULL)
		return tk_error_set(err, TK_EINPUT, name, 1, "not a minisign public key");
	if (!unb64(line, len, bin, sizeof bin) || memcmp(bin, "Ed", 2))
		return tk_error_set(err, TK_EINPUT, name, line == text ? 1 : 2,
				    "not a minisign public key (base64 of Ed, key id, key)");
	memcpy(pk->id, bin + 2, 8);
	memcpy(pk->pk, bin + 10, 32);
	return TK_OK;
}

int tk_sign_read_pub(const char *path, struct tk_pubkey *pk, struct tk_error *err)
{
	char *data;
	size_t len;
	int rc;

	if ((rc = tk_read_file(path, &data, &len, err)) != TK_OK)
		return rc;
	rc = tk_sign_parse_pub(data, path, pk, err);
	free(data);
	return rc;
}

int tk_sign_read_sec(const char *path, const char *pass, struct tk_seckey *out,
		     struct tk_error *err)
{
	unsigned char key[KEY_LEN], stream[SECRET_LEN], chk[32];
	const char *line;
	char *data;
	size_t len, ll;
	int rc, i;

	if ((rc = tk_sign_init(err)) != TK_OK)
		return rc;
	if ((rc = tk_read_file(path, &data, &len, err)) != TK_OK)
		return rc;
	line = second_line(data, &ll);
	if (line == NULL || !unb64(line, ll, key, sizeof key) || memcmp(key, "Ed", 2) ||
	    memcmp(key + 4, "B2", 2)) {
		rc = tk_error_set(err, TK_EINPUT, path, 2, "not a minisign secret key");
		goto out;
	}
	if (!memcmp(key + 2, "Sc", 2)) {
		if (pass == NULL) {
			rc = tk_error_set(err, TK_EUSAGE, path, 0,
					  "the key is encrypted: give its passphrase");
			goto out;
		}
		if ((rc = key_stream(pass, key + 6, get_le64(key + 38), (size_t)get_le64(key + 46),
				     stream, err)) != TK_OK)
			goto out;
		for (i = 0; i < SECRET_LEN; i++)
			key[SECRET_OFF + i] ^= stream[i];
	} else if (memcmp(key + 2, "\0\0", 2)) {
		rc = tk_error_set(err, TK_EINPUT, path, 2, "unknown key derivation in the key");
		goto out;
	}
	key_checksum(key + SECRET_OFF, key + SECRET_OFF + 8, chk);
	if (sodium_memcmp(chk, key + SECRET_OFF + 72, 32) != 0) {
		rc = tk_error_set(err, TK_EINPUT, path, 0,
				  !memcmp(key + 2, "Sc", 2) ? "wrong passphrase for the key" :
				  "the key is damaged (its checksum does not match)");
		goto out;
	}
	memcpy(out->id, key + SECRET_OFF, 8);
	memcpy(out->sk, key + SECRET_OFF + 8, 64);
out:
	sodium_memzero(key, sizeof key);
	sodium_memzero(stream, sizeof stream);
	sodium_memzero(data, len);
	free(data);
	return rc;
}

static int printable_line(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 && *s != '\t')
			return 0;
	return 1;
}

int tk_sign_data(const struct tk_seckey *sk, const void *data, size_t len,
		 const char *untrusted, const char *trusted, int legacy,
		 struct tk_buf *out, struct tk_error *err)
{
	unsigned char sig[SIG_LEN], hash[64], global[64], *both;
	size_t tlen = strlen(trusted);
	int rc;

	if ((rc = tk_sign_init(err)) != TK_OK)
		return rc;
	if (!printable_line(trusted) || (untrusted && !printable_line(untrusted)))
		return tk_error_set(err, TK_EUSAGE, NULL, 0, "a comment is one line of text");
	memcpy(sig, legacy ? "Ed" : "ED", 2);
	memcpy(sig + 2, sk->id, 8);
	if (legacy) {
		crypto_sign_detached(sig + 10, NULL, data, len, sk->sk);
	} else {
		crypto_generichash(hash, sizeof hash, data, len, NULL, 0);
		crypto_sign_detached(sig + 10, NULL, hash, sizeof hash, sk->sk);
	}
	both = malloc(64 + tlen);
	if (both == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	memcpy(both, sig + 10, 64);
	memcpy(both + 64, trusted, tlen);
	crypto_sign_detached(global, NULL, both, 64 + tlen, sk->sk);
	free(both);
	tk_buf_printf(out, "untrusted comment: %s\n",
		      untrusted ? untrusted : "signature from tiku secret key");
	b64(out, sig, sizeof sig);
	tk_buf_printf(out, "\ntrusted comment: %s\n", trusted);
	b64(out, global, sizeof global);
	tk_buf_putc(out, '\n');
	if (out->oom)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	return TK_OK;
}

int tk_sign_verify(const struct tk_pubkey *pk, const void *data, size_t len,
		   const char *text, size_t textlen, const char *name, char **trusted,
		   struct tk_error *err)
{
	unsigned char sig[SIG_LEN], global[64], hash[64], *both = NULL;
	const char *line[4];
	size_t ll[4];
	char idhex[17], keyhex[17], *tc = NULL;
	int n = 0, rc;

	if (trusted)
		*trusted = NULL;
	if ((rc = tk_sign_init(err)) != TK_OK)
		return rc;
	/* four lines: untrusted comment, signature, trusted comment, global */
	{
		const char *p = text, *end = text + textlen;
		while (n < 4 && p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			line[n] = p;
			ll[n] = nl ? (size_t)(nl - p) : (size_t)(end - p);
			if (ll[n] && p[ll[n] - 1] == '\r')
				ll[n]--;
			n++;
			p = nl ? nl + 1 : end;
		}
	}
	if (n < 4 || ll[0] < 18 || memcmp(line[0], "untrusted comment:", 18) ||
	    ll[2] < 17 || memcmp(line[2], "trusted comment: ", 17))
		return tk_error_set(err, TK_EINPUT, name, 0,
				    "not a minisign signature (four lines: comment, signature,"
				    " trusted comment, signature)");
	if (!unb64(line[1], ll[1], sig, sizeof sig) ||
	    (memcmp(sig, "Ed", 2) && memcmp(sig, "ED", 2)))
		return tk_error_set(err, TK_EINPUT, name, 2, "not a minisign signature");
	if (!unb64(line[3], ll[3], global, sizeof global))
		return tk_error_set(err, TK_EINPUT, name, 4, "not a minisign signature");
	if (memcmp(sig + 2, pk->id, 8)) {
		tk_sign_id_hex(sig + 2, idhex);
		tk_sign_id_hex(pk->id, keyhex);
		return tk_error_set(err, TK_FAIL, name, 0,
				    "signed with key %s, not with the given key %s", idhex, keyhex);
	}
	if (!memcmp(sig, "ED", 2)) {
		crypto_generichash(hash, sizeof hash, data, len, NULL, 0);
		rc = crypto_sign_verify_detached(sig + 10, hash, sizeof hash, pk->pk);
	} else {
		rc = crypto_sign_verify_detached(sig + 10, data, len, pk->pk);
	}
	if (rc != 0)
		return tk_error_set(err, TK_FAIL, name, 0,
				    "the signature does not match the data: changed or not signed by this key");
	both = malloc(64 + ll[2] - 17 + 1);
	if (both == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	memcpy(both, sig + 10, 64);
	memcpy(both + 64, line[2] + 17, ll[2] - 17);
	rc = crypto_sign_verify_detached(global, both, 64 + ll[2] - 17, pk->pk);
	free(both);
	if (rc != 0)
		return tk_error_set(err, TK_FAIL, name, 3, "the trusted comment was changed");
	if (trusted) {
		tc = malloc(ll[2] - 17 + 1);
		if (tc == NULL)
			return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		memcpy(tc, line[2] + 17, ll[2] - 17);
		tc[ll[2] - 17] = '\0';
		*trusted = tc;
	}
	return TK_OK;
}
