/* runner.c -- runs every TEST of tests/c, one line per test, TAP-like. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render.h"
#include "test.h"
#include "util.h"
#include "xml.h"

int test_failed;
static char tmpdir[256];

#define X(name) void test_##name(void);
#include "list.h"
#undef X

static const struct { const char *name; void (*fn)(void); } tests[] = {
#define X(name) {#name, test_##name},
#include "list.h"
#undef X
};

char *test_read(const char *path, size_t *len)
{
	char *data;
	size_t n;
	struct tk_error err = {0};

	if (tk_read_file(path, &data, &n, &err) != TK_OK)
		return NULL;
	if (len)
		*len = n;
	return data;
}

const char *test_tmpdir(void)
{
	if (!tmpdir[0]) {
		snprintf(tmpdir, sizeof tmpdir, "/tmp/tiku-unit.XXXXXX");
		if (mkdtemp(tmpdir) == NULL)
			return "/tmp";
	}
	return tmpdir;
}

int main(int argc, char **argv)
{
	size_t i;
	int passed = 0, failed = 0;

	for (i = 0; i < sizeof tests / sizeof tests[0]; i++) {
		if (argc > 1 && !strstr(tests[i].name, argv[1]))
			continue;
		test_failed = 0;
		tests[i].fn();
		if (test_failed) {
			printf("not ok - unit %s\n", tests[i].name);
			failed++;
		} else {
			printf("ok - unit %s\n", tests[i].name);
			passed++;
		}
	}
	if (tmpdir[0]) {
		char cmd[300];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", tmpdir);
	}
	tk_xml_cleanup();
	tk_render_cleanup();
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
