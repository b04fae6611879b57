/* i18n.c -- the locale and where the translations are. */
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

#ifndef TK_LOCALEDIR
#define TK_LOCALEDIR "/usr/local/share/locale"
#endif

static int has_catalog(const char *dir)
{
	char p[PATH_MAX + 64];
	struct stat st;

	snprintf(p, sizeof p, "%s/zh_CN/LC_MESSAGES/" TK_DOMAIN ".mo", dir);
	return stat(p, &st) == 0;
}

void tk_i18n_init(void)
{
	static const char *const rel[] = {"/locale", "/build/locale", "/../share/locale"};
	char exe[PATH_MAX], dir[PATH_MAX + 32];
	const char *env = getenv("TIKU_LOCALEDIR");
	ssize_t n;
	size_t i;

	const char *lang = getenv("LANGUAGE"), *cur;

	setlocale(LC_ALL, "");
	/* numbers in files and reports stay as programs write them */
	setlocale(LC_NUMERIC, "C");
	/* gettext ignores $LANGUAGE under the C locale; its UTF-8 twin is
	   not "C" to gettext, so LANGUAGE=zh_CN works without LANG */
	cur = setlocale(LC_MESSAGES, NULL);
	if (lang && lang[0] && cur && (!strcmp(cur, "C") || !strcmp(cur, "POSIX")))
		setlocale(LC_MESSAGES, "C.UTF-8");
	if (env && env[0]) {
		bindtextdomain(TK_DOMAIN, env);
		goto done;
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash;
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		for (i = 0; i < sizeof rel / sizeof rel[0]; i++) {
			snprintf(dir, sizeof dir, "%s%s", exe, rel[i]);
			if (has_catalog(dir)) {
				bindtextdomain(TK_DOMAIN, dir);
				goto done;
			}
		}
	}
	bindtextdomain(TK_DOMAIN, TK_LOCALEDIR);
done:
	bind_textdomain_codeset(TK_DOMAIN, "UTF-8");
}

int tk_display_width(const char *s, size_t n)
{
	size_t i = 0;
	int w = 0;

	while (i < n) {
		uint32_t cp;
		int k = tk_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (k == 0) {
			i++;
			w++;
			continue;
		}
		if (cp >= 0x1100 && (tk_is_han(cp) || (cp >= 0x1100 && cp <= 0x115F) ||
				     (cp >= 0x2E80 && cp <= 0x303E) ||
				     (cp >= 0x3040 && cp <= 0x33FF) ||
				     (cp >= 0xAC00 && cp <= 0xD7A3) ||
				     (cp >= 0xF900 && cp <= 0xFAFF) ||
				     (cp >= 0xFE30 && cp <= 0xFE4F) ||
				     (cp >= 0xFF00 && cp <= 0xFF60) ||
				     (cp >= 0xFFE0 && cp <= 0xFFE6)))
			w += 2;
		else if (cp >= 0x300 && cp <= 0x36F)
			;       /* combining marks take no column */
		else
			w += 1;
		i += (size_t)k;
	}
	return w;
}
