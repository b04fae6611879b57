/* Unit tests for seal.c: age (X25519) encryption of packages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seal.h"
#include "test.h"

static int site(const char *name, unsigned char pk[32], unsigned char sk[32])
{
	struct tk_error err = {0};
	char base[512], path[600], rcp[128];

	snprintf(base, sizeof base, "%s/%s", test_tmpdir(), name);
	if (tk_seal_keygen(base, 1, rcp, &err) != TK_OK)
		return 0;
	snprintf(path, sizeof path, "%s.pub", base);
	if (tk_seal_read_recipient(path, pk, &err) != TK_OK)
		return 0;
	snprintf(path, sizeof path, "%s.key", base);
	return tk_seal_read_identity(path, sk, &err) == TK_OK &&
	       tk_seal_read_recipient(rcp, pk, &err) == TK_OK;
}

TEST(seal_round_trip_across_chunks)
{
	unsigned char pk[2][32], sk[2][32];
	struct tk_error err = {0};
	struct tk_buf sealed = TK_BUF_INIT, back = TK_BUF_INIT, back2 = TK_BUF_INIT;
	size_t n = 65536 * 2 + 100, i;
	char *data = malloc(n);

	CHECK(data != NULL);
	for (i = 0; i < n; i++)
		data[i] = (char)(i * 7);
	CHECK(site("s1", pk[0], sk[0]) && site("s2", pk[1], sk[1]));
	CHECK_INT(tk_seal_encrypt((const unsigned char (*)[32])pk, 2, data, n, &sealed, &err), TK_OK);
	CHECK(tk_seal_is_age(sealed.s, sealed.len));
	CHECK_INT(tk_seal_decrypt(sk[0], sealed.s, sealed.len, &back, &err), TK_OK);
	CHECK_INT(tk_seal_decrypt(sk[1], sealed.s, sealed.len, &back2, &err), TK_OK);
	CHECK(back.len == n && !memcmp(back.s, data, n));
	CHECK(back2.len == n && !memcmp(back2.s, data, n));
	free(data);
	tk_buf_free(&sealed);
	tk_buf_free(&back);
	tk_buf_free(&back2);
}

TEST(seal_refuses_changes_and_other_keys)
{
	unsigned char pk[32], sk[32], pk2[32], sk2[32];
	struct tk_error err = {0};
	struct tk_buf sealed = TK_BUF_INIT, out = TK_BUF_INIT;
	const char *msg = "package bytes";

	CHECK(site("s3", pk, sk) && site("s4", pk2, sk2));
	CHECK_INT(tk_seal_encrypt((const unsigned char (*)[32])&pk, 1, msg, strlen(msg), &sealed,
				  &err), TK_OK);
	CHECK_INT(tk_seal_decrypt(sk2, sealed.s, sealed.len, &out, &err), TK_FAIL);
	CHECK_INT(out.len, 0);
	sealed.s[sealed.len - 1] ^= 1;              /* the payload */
	CHECK_INT(tk_seal_decrypt(sk, sealed.s, sealed.len, &out, &err), TK_FAIL);
	CHECK_INT(out.len, 0);
	sealed.s[sealed.len - 1] ^= 1;
	sealed.s[strlen("age-encryption.org/v1\n-> X25519 ") + 2] ^= 1;   /* the header */
	CHECK_INT(tk_seal_decrypt(sk, sealed.s, sealed.len, &out, &err), TK_FAIL);
	CHECK_INT(tk_seal_decrypt(sk, "age-encryption.org/v1\n", 22, &out, &err), TK_FAIL);
	CHECK_INT(tk_seal_read_recipient("age1notakey", pk, &err), TK_EINPUT);
	tk_buf_free(&sealed);
	tk_buf_free(&out);
}
