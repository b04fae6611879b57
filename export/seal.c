/*
 * seal.c -- age (v1, X25519) encryption of packages.  See seal.h; the
 * format is c2sp.org/age.  HKDF-SHA-256 is composed from libsodium's
 * HMAC-SHA-256 (libsodium 1.0.18 has no HKDF of its own).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "seal.h"

#define VERSION_LINE "age-encryption.org/v1\n"
#define CHUNK 65536

/* ---- Bech32 (BIP 173), as age encodes keys ------------------------- */

static const char b32[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

static unsigned polymod(const unsigned char *v, size_t n)
{
	static const unsigned gen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd,
					0x2a1462b3};
	unsigned chk = 1;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		unsigned top = chk >> 25;
		chk = (chk & 0x1ffffff) << 5 ^ v[i];
		for (k = 0; k < 5; k++)
			if (top >> k & 1)
				chk ^= gen[k];
	}
	return chk;
}

/* hrp expanded, then the 5-bit data: what the checksum covers */
static size_t expand(const char *hrp, const unsigned char *data, size_t n, unsigned char *v)
{
	size_t h = strlen(hrp), i, m = 0;

	for (i = 0; i < h; i++)
		v[m++] = (unsigned char)(tolower((unsigned char)hrp[i]) >> 5);
	v[m++] = 0;
	for (i = 0; i < h; i++)
		v[m++] = (unsigned char)(tolower((unsigned char)hrp[i]) & 31);
	memcpy(v + m, data, n);
	return m + n;
}

static void bech32_encode(const char *hrp, const unsigned char *bytes, size_t n, int upper,
			  char *out)
{
	unsigned char d[128], v[256];
	size_t nd = 0, i, m;
	unsigned acc = 0, chk;
	int bits = 0;
	char *o = out;

	for (i = 0; i < n; i++) {
		acc = acc << 8 | bytes[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			d[nd++] = (unsigned char)(acc >> bits & 31);
		}
	}
	if (bits)
		d[nd++] = (unsigned char)(acc << (5 - bits) & 31);
	m = expand(hrp, d, nd, v);
	memset(v + m, 0, 6);
	chk = polymod(v, m + 6) ^ 1;
	for (i = 0; hrp[i]; i++)
		*o++ = (char)(upper ? toupper((unsigned char)hrp[i]) : tolower((unsigned char)hrp[i]));
	*o++ = upper ? '1' : '1';
	for (i = 0; i < nd; i++)
		*o++ = upper ? (char)toupper((unsigned char)b32[d[i]]) : b32[d[i]];
	for (i = 0; i < 6; i++) {
		char c = b32[chk >> (5 * (5 - i)) & 31];
		*o++ = upper ? (char)toupper((unsigned char)c) : c;
	}
	*o = '\0';
}

/* Decode s (hrp must match, any one case) into exactly n bytes. */
static int bech32_decode(const char *hrp, const char *s, size_t len, unsigned char *out, size_t n)
{
	unsigned char d[128] = {0}, v[256];
	size_t h = strlen(hrp), nd, i, m, got = 0;
	unsigned acc = 0;
	int bits = 0, upper = 0, lower = 0;

	for (i = 0; i < len; i++) {
		if (isupper((unsigned char)s[i]))
			upper = 1;
		if (islower((unsigned char)s[i]))
			lower = 1;
	}
	if ((upper && lower) || len < h + 7 || len - h - 1 > sizeof d ||
	    strncasecmp(s, hrp, h) != 0 || s[h] != '1')
		return 0;
	nd = len - h - 1;
	for (i = 0; i < nd; i++) {
		const char *p = strchr(b32, tolower((unsigned char)s[h + 1 + i]));
		if (p == NULL || s[h + 1 + i] == '\0')
			return 0;
		d[i] = (unsigned char)(p - b32);
	}
	m = expand(hrp, d, nd, v);
	if (polymod(v, m) != 1)
		return 0;
	nd -= 6;
	for (i = 0; i < nd; i++) {
		acc = acc << 5 | d[i];
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			if (got == n)
				return 0;
			out[got++] = (unsigned char)(acc >> bits);
		}
	}
	return got == n && bits < 5 && (acc & ((1u << bits) - 1)) == 0;
}

/* ---- HKDF-SHA-256 (RFC 5869), 32 bytes out ------------------------- */

static void hkdf(unsigned char out[32], const unsigned char *ikm, size_t ikmlen,
		 const unsigned char *salt, size_t saltlen, const char *info)
{
	static const unsigned char empty[1];
	crypto_auth_hmacsha256_state st;
	unsigned char prk[32], one = 1;

	/* an empty salt still has to be a pointer for libsodium */
	crypto_auth_hmacsha256_init(&st, salt ? salt : empty, saltlen);
	crypto_auth_hmacsha256_update(&st, ikm, ikmlen);
	crypto_auth_hmacsha256_final(&st, prk);
	crypto_auth_hmacsha256_init(&st, prk, sizeof prk);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)info, strlen(info));
	crypto_auth_hmacsha256_update(&st, &one, 1);
	crypto_auth_hmacsha256_final(&st, out);
	sodium_memzero(prk, sizeof prk);
	sodium_memzero(&st, sizeof st);
}

static void b64raw(struct tk_buf *b, const unsigned char *bin, size_t n)
{
	char s[128];

	sodium_bin2base64(s, sizeof s, bin, n, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	tk_buf_puts(b, s);
}

static int unb64raw(const char *s, size_t len, unsigned char *bin, size_t n)
{
	size_t got = 0;
	const char *end = NULL;

	return sodium_base642bin(bin, n, s, len, NULL, &got, &end,
				 sodium_base64_VARIANT_ORIGINAL_NO_PADDING) == 0 &&
	       got == n && end == s + len;
}

int tk_seal_is_age(const void *data, size_t len)
{
	return len >= strlen(VERSION_LINE) && !memcmp(data, VERSION_LINE, strlen(VERSION_LINE));
}

/* ---- keys ---------------------------------------------------------- */

int tk_seal_keygen(const char *base, int force, char recipient[128], struct tk_error *err)
{
	unsigned char sk[32], pk[32];
	char ident[128], when[32];
	struct tk_buf kp = TK_BUF_INIT, pp = TK_BUF_INIT, kt = TK_BUF_INIT, pt = TK_BUF_INIT;
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	if (sodium_init() < 0)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot start libsodium");
	randombytes_buf(sk, sizeof sk);
	crypto_scalarmult_base(pk, sk);
	bech32_encode("age", pk, 32, 0, recipient);
	bech32_encode("age-secret-key-", sk, 32, 1, ident);
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	tk_buf_printf(&kt, "# created: %s\n# public key: %s\n%s\n", when, recipient, ident);
	tk_buf_printf(&pt, "%s\n", recipient);
	tk_buf_printf(&kp, "%s.key", base);
	tk_buf_printf(&pp, "%s.pub", base);
	rc = kt.oom || pt.oom || kp.oom || pp.oom ?
	     tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") :
	     tk_write_key_file(kp.s, kt.s, 0600, force, err);
	if (rc == TK_OK && (rc = tk_write_key_file(pp.s, pt.s, 0644, force, err)) != TK_OK)
		unlink(kp.s);
	sodium_memzero(sk, sizeof sk);
	sodium_memzero(ident, sizeof ident);
	if (kt.s)
		sodium_memzero(kt.s, kt.len);
	tk_buf_free(&kt);
	tk_buf_free(&pt);
	tk_buf_free(&kp);
	tk_buf_free(&pp);
	return rc;
}

/* The first line of path that is not a comment, trimmed; lineno too. */
static char *key_line(const char *path, char **data, int *lineno, struct tk_error *err)
{
	size_t len;
	char *line, *next;
	int n = 0;

	if (tk_read_file(path, data, &len, err) != TK_OK)
		return NULL;
	for (line = *data; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		n++;
		tk_trim(line);
		if (*line && *line != '#') {
			*lineno = n;
			return line;
		}
	}
	tk_error_set(err, TK_EINPUT, path, 0, "no key in the file");
	return NULL;
}

int tk_seal_read_recipient(const char *path, unsigned char pk[32], struct tk_error *err)
{
	char *data = NULL, *line;
	int n = 0, rc = TK_OK;

	if (!strncmp(path, "age1", 4) && bech32_decode("age", path, strlen(path), pk, 32))
		return TK_OK;
	if ((line = key_line(path, &data, &n, err)) == NULL)
		rc = err->code;
	else if (!bech32_decode("age", line, strlen(line), pk, 32))
		rc = tk_error_set(err, TK_EINPUT, path, n, "not an age recipient (age1...)");
	free(data);
	return rc;
}

int tk_seal_read_identity(const char *path, unsigned char sk[32], struct tk_error *err)
{
	char *data = NULL, *line;
	size_t len;
	int n = 0, rc = TK_OK;

	if ((line = key_line(path, &data, &n, err)) == NULL)
		rc = err->code;
	else if (!bech32_decode("age-secret-key-", line, strlen(line), sk, 32))
		rc = tk_error_set(err, TK_EINPUT, path, n, "not an age identity (AGE-SECRET-KEY-1...)");
	if (data) {
		len = strlen(data);
		sodium_memzero(data, len);
	}
	free(data);
	return rc;
}

/* ---- encrypting ---------------------------------------------------- */

static const unsigned char zero_nonce[12];

int tk_seal_encrypt(const unsigned char (*pk)[32], int n, const void *data, size_t len,
		    struct tk_buf *out, struct tk_error *err)
{
	unsigned char fk[16], hk[32], mac[32], nonce[16], pkey[32], cn[12];
	unsigned char *ct = NULL;
	size_t off = 0, start = out->len;
	unsigned long long counter = 0;
	int i, k;

	if (sodium_init() < 0)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot start libsodium");
	if (n < 1 || n > TK_SEAL_MAX_RECIPIENTS)
		return tk_error_set(err, TK_EUSAGE, NULL, 0, "seal to 1 to %d sites",
				    TK_SEAL_MAX_RECIPIENTS);
	randombytes_buf(fk, sizeof fk);
	tk_buf_puts(out, VERSION_LINE);
	for (i = 0; i < n; i++) {
		unsigned char esk[32], share[32], shared[32], salt[64], wk[32], body[32];
		randombytes_buf(esk, sizeof esk);
		crypto_scalarmult_base(share, esk);
		if (crypto_scalarmult(shared, esk, pk[i]) != 0) {
			sodium_memzero(esk, sizeof esk);
			return tk_error_set(err, TK_EINPUT, NULL, 0, "recipient %d is not a usable key",
					    i + 1);
		}
		memcpy(salt, share, 32);
		memcpy(salt + 32, pk[i], 32);
		hkdf(wk, shared, 32, salt, 64, "age-encryption.org/v1/X25519");
		crypto_aead_chacha20poly1305_ietf_encrypt(body, NULL, fk, sizeof fk, NULL, 0, NULL,
							  zero_nonce, wk);
		tk_buf_puts(out, "-> X25519 ");
		b64raw(out, share, 32);
		tk_buf_putc(out, '\n');
		b64raw(out, body, 32);   /* 43 characters: the body's short last line */
		tk_buf_putc(out, '\n');
		sodium_memzero(esk, sizeof esk);
		sodium_memzero(shared, sizeof shared);
		sodium_memzero(wk, sizeof wk);
	}
	tk_buf_puts(out, "---");
	hkdf(hk, fk, sizeof fk, NULL, 0, "header");
	crypto_auth_hmacsha256(mac, (const unsigned char *)out->s + start, out->len - start, hk);
	tk_buf_putc(out, ' ');
	b64raw(out, mac, 32);
	tk_buf_putc(out, '\n');
	randombytes_buf(nonce, sizeof nonce);
	tk_buf_add(out, (const char *)nonce, sizeof nonce);
	hkdf(pkey, fk, sizeof fk, nonce, sizeof nonce, "payload");
	ct = malloc(CHUNK + 16);
	if (ct == NULL || out->oom) {
		free(ct);
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	do {
		size_t m = len - off > CHUNK ? CHUNK : len - off;
		int last = off + m == len;
		unsigned long long clen;
		memset(cn, 0, sizeof cn);
		for (k = 0; k < 8; k++)
			cn[10 - k] = (unsigned char)(counter >> (8 * k));
		cn[11] = (unsigned char)last;
		crypto_aead_chacha20poly1305_ietf_encrypt(ct, &clen, (const unsigned char *)data + off,
							  m, NULL, 0, NULL, cn, pkey);
		tk_buf_add(out, (const char *)ct, (size_t)clen);
		off += m;
		counter++;
	} while (off < len);
	free(ct);
	sodium_memzero(fk, sizeof fk);
	sodium_memzero(pkey, sizeof pkey);
	if (out->oom)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	return TK_OK;
}

/* ---- decrypting ---------------------------------------------------- */

int tk_seal_decrypt(const unsigned char sk[32], const void *data, size_t len,
		    struct tk_buf *out, struct tk_error *err)
{
	const char *p = data, *end = (const char *)data + len, *line, *mac_at = NULL;
	unsigned char fk[16], hk[32], mac[32], want[32], pkey[32], cn[12], mypk[32];
	unsigned char *pt = NULL;
	int have = 0, k, rc = TK_OK;
	unsigned long long counter = 0;
	size_t start = out->len;

	if (sodium_init() < 0)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot start libsodium");
	if (!tk_seal_is_age(data, len))
		return tk_error_set(err, TK_FAIL, NULL, 0, "not an age file");
	crypto_scalarmult_base(mypk, sk);
	p += strlen(VERSION_LINE);
	/* stanzas, up to the "---" line */
	for (;;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			return tk_error_set(err, TK_FAIL, NULL, 0, "a damaged age header");
		line = p;
		if (nl - line >= 3 && !memcmp(line, "---", 3)) {
			mac_at = line + 3;
			if (nl - line != 47 || line[3] != ' ' || !unb64raw(line + 4, 43, mac, 32))
				return tk_error_set(err, TK_FAIL, NULL, 0, "a damaged age header");
			p = nl + 1;
			break;
		}
		if (nl - line < 3 || memcmp(line, "-> ", 3))
			return tk_error_set(err, TK_FAIL, NULL, 0, "a damaged age header");
		{
			const char *args = line + 3, *b = nl + 1, *bn;
			int x25519 = (size_t)(nl - args) == 50 && !memcmp(args, "X25519 ", 7);
			unsigned char share[32], body[32], shared[32], salt[64], wk[32];
			size_t blen;
			/* the body: full 64-column lines, then a shorter one */
			for (;;) {
				bn = memchr(b, '\n', (size_t)(end - b));
				if (bn == NULL)
					return tk_error_set(err, TK_FAIL, NULL, 0, "a damaged age header");
				if (bn - b < 64)
					break;
				b = bn + 1;
			}
			blen = (size_t)(bn - b);
			if (x25519 && !have && (size_t)(bn - (nl + 1)) == 43 && blen == 43 &&
			    unb64raw(args + 7, 43, share, 32) && unb64raw(nl + 1, 43, body, 32) &&
			    crypto_scalarmult(shared, sk, share) == 0) {
				memcpy(salt, share, 32);
				memcpy(salt + 32, mypk, 32);
				hkdf(wk, shared, 32, salt, 64, "age-encryption.org/v1/X25519");
				if (crypto_aead_chacha20poly1305_ietf_decrypt(fk, NULL, NULL, body, 32,
									      NULL, 0, zero_nonce, wk) == 0)
					have = 1;
				sodium_memzero(shared, sizeof shared);
				sodium_memzero(wk, sizeof wk);
			}
			p = bn + 1;
		}
	}
	if (!have)
		return tk_error_set(err, TK_FAIL, NULL, 0, "the package is not sealed to this site key");
	hkdf(hk, fk, sizeof fk, NULL, 0, "header");
	crypto_auth_hmacsha256(want, data, (size_t)(mac_at - (const char *)data), hk);
	if (sodium_memcmp(want, mac, 32) != 0) {
		rc = tk_error_set(err, TK_FAIL, NULL, 0, "the age header was changed");
		goto out;
	}
	if (end - p < 16) {
		rc = tk_error_set(err, TK_FAIL, NULL, 0, "the age payload is cut short");
		goto out;
	}
	hkdf(pkey, fk, sizeof fk, (const unsigned char *)p, 16, "payload");
	p += 16;
	pt = malloc(CHUNK);
	if (pt == NULL) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	for (;;) {
		size_t m = (size_t)(end - p) > CHUNK + 16 ? CHUNK + 16 : (size_t)(end - p);
		int last = (size_t)(end - p) <= CHUNK + 16;
		unsigned long long plen;
		if (m < 16 || (last && m == 16 && counter > 0)) {
			rc = tk_error_set(err, TK_FAIL, NULL, 0, "the age payload is cut short");
			break;
		}
		memset(cn, 0, sizeof cn);
		for (k = 0; k < 8; k++)
			cn[10 - k] = (unsigned char)(counter >> (8 * k));
		cn[11] = (unsigned char)last;
		if (crypto_aead_chacha20poly1305_ietf_decrypt(pt, &plen, NULL, (const unsigned char *)p,
							      m, NULL, 0, cn, pkey) != 0) {
			rc = tk_error_set(err, TK_FAIL, NULL, 0, "the age payload was changed");
			break;
		}
		tk_buf_add(out, (const char *)pt, (size_t)plen);
		p += m;
		counter++;
		if (last)
			break;
	}
	if (rc == TK_OK && out->oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
out:
	if (rc != TK_OK && out->s) {
		/* nothing of a failed decryption is given out */
		sodium_memzero(out->s + start, out->len - start);
		out->len = start;
		out->s[start] = '\0';
	}
	free(pt);
	sodium_memzero(fk, sizeof fk);
	sodium_memzero(pkey, sizeof pkey);
	return rc;
}
