/* Unit tests for sign.c: minisign-format keys and signatures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sign.h"
#include "test.h"

static int keys(const char *name, struct tk_pubkey *pk, struct tk_seckey *sk)
{
	struct tk_error err = {0};
	char base[512], path[600];

	snprintf(base, sizeof base, "%s/%s", test_tmpdir(), name);
	if (tk_sign_keygen(base, NULL, 1, NULL, &err) != TK_OK)
		return 0;
	snprintf(path, sizeof path, "%s.pub", base);
	if (tk_sign_read_pub(path, pk, &err) != TK_OK)
		return 0;
	snprintf(path, sizeof path, "%s.key", base);
	return tk_sign_read_sec(path, NULL, sk, &err) == TK_OK;
}

TEST(sign_round_trip_prehashed_and_legacy)
{
	struct tk_pubkey pk;
	struct tk_seckey sk;
	struct tk_error err = {0};
	struct tk_buf a = TK_BUF_INIT, b = TK_BUF_INIT;
	const char *data = "<paper>试卷</paper>";
	char *tc = NULL;
	int rc1, rc2;

	CHECK(keys("k1", &pk, &sk));
	CHECK(!memcmp(pk.id, sk.id, 8));
	rc1 = tk_sign_data(&sk, data, strlen(data), NULL, "form A", 0, &a, &err);
	rc2 = tk_sign_data(&sk, data, strlen(data), NULL, "form A", 1, &b, &err);
	tk_sign_wipe(&sk);
	CHECK_INT(rc1, TK_OK);
	CHECK_INT(rc2, TK_OK);
	CHECK_INT(tk_sign_verify(&pk, data, strlen(data), a.s, a.len, "a", &tc, &err), TK_OK);
	CHECK_STR(tc, "form A");
	free(tc);
	CHECK_INT(tk_sign_verify(&pk, data, strlen(data), b.s, b.len, "b", NULL, &err), TK_OK);
	tk_buf_free(&a);
	tk_buf_free(&b);
}

TEST(sign_detects_changed_data_comment_and_key)
{
	struct tk_pubkey pk, other;
	struct tk_seckey sk, sk2;
	struct tk_error err = {0};
	struct tk_buf a = TK_BUF_INIT;
	char data[] = "exam paper bytes", *p;
	int rc;

	CHECK(keys("k2", &pk, &sk));
	CHECK(keys("k3", &other, &sk2));
	tk_sign_wipe(&sk2);
	rc = tk_sign_data(&sk, data, strlen(data), "u", "batch 1", 0, &a, &err);
	tk_sign_wipe(&sk);
	CHECK_INT(rc, TK_OK);
	data[0] = 'E';
	CHECK_INT(tk_sign_verify(&pk, data, strlen(data), a.s, a.len, "a", NULL, &err), TK_FAIL);
	data[0] = 'e';
	CHECK_INT(tk_sign_verify(&other, data, strlen(data), a.s, a.len, "a", NULL, &err), TK_FAIL);
	CHECK(strstr(err.msg, "not with the given key") != NULL);
	p = strstr(a.s, "batch 1");
	CHECK(p != NULL);
	p[6] = '2';
	CHECK_INT(tk_sign_verify(&pk, data, strlen(data), a.s, a.len, "a", NULL, &err), TK_FAIL);
	CHECK(strstr(err.msg, "trusted comment") != NULL);
	CHECK_INT(tk_sign_verify(&pk, data, strlen(data), "junk", 4, "a", NULL, &err), TK_EINPUT);
	tk_buf_free(&a);
}

TEST(sign_refuses_a_multi_line_comment)
{
	struct tk_pubkey pk;
	struct tk_seckey sk;
	struct tk_error err = {0};
	struct tk_buf a = TK_BUF_INIT;
	int rc;

	CHECK(keys("k4", &pk, &sk));
	rc = tk_sign_data(&sk, "x", 1, NULL, "one\ntwo", 0, &a, &err);
	tk_sign_wipe(&sk);
	tk_buf_free(&a);
	CHECK_INT(rc, TK_EUSAGE);
}
