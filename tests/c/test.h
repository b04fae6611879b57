/*
 * test.h -- a tiny unit-test harness for the core.
 *
 * Each test is `TEST(name) { ... }` in tests/c/test_*.c; the Makefile
 * lists them with grep, and runner.c runs each in turn.  A failed CHECK
 * prints file:line and the expression, marks the test failed and returns
 * from it.  Paths are relative to the repository root.
 */
#ifndef TK_TEST_H
#define TK_TEST_H

#include <stdio.h>
#include <string.h>

extern int test_failed;

#define TEST(name) void test_##name(void); void test_##name(void)

#define CHECK(cond) do { if (!(cond)) { \
	fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
	test_failed = 1; return; } } while (0)

#define CHECK_INT(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ != b_) { fprintf(stderr, "  %s:%d: %s == %lld, expected %s == %lld\n", \
	__FILE__, __LINE__, #a, a_, #b, b_); test_failed = 1; return; } } while (0)

#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); \
	if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) { \
	fprintf(stderr, "  %s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, \
	#a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); test_failed = 1; return; } } while (0)

/* Read a file (relative to the repository root); caller frees. NULL on error. */
char *test_read(const char *path, size_t *len);

/* A fresh temporary directory for the current test (removed at exit). */
const char *test_tmpdir(void);

#endif
