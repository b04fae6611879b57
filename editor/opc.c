/* opc.c -- part names of Word and Excel packages; see opc.h. */
#include <stdlib.h>
#include <string.h>

#include "opc.h"
#include "util.h"

char *tk_opc_resolve(const char *from, const char *target)
{
	struct tk_buf b = TK_BUF_INIT;
	const char *slash = strrchr(from, '/'), *p;
	char *out;
	size_t n = 0, k;

	if (*target == '/')
		target++;
	else if (slash)
		tk_buf_add(&b, from, (size_t)(slash - from + 1));
	tk_buf_puts(&b, target);
	if (b.oom || (out = malloc(b.len + 1)) == NULL) {
		tk_buf_free(&b);
		return NULL;
	}
	for (p = b.s; *p; p += k + (p[k] == '/')) {
		k = strcspn(p, "/");
		if (k == 0 || (k == 1 && p[0] == '.'))
			continue;
		if (k == 2 && p[0] == '.' && p[1] == '.') {
			if (n == 0) {   /* above the package's root */
				free(out);
				tk_buf_free(&b);
				return NULL;
			}
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			continue;
		}
		if (n)
			out[n++] = '/';
		memcpy(out + n, p, k);
		n += k;
	}
	out[n] = '\0';
	tk_buf_free(&b);
	return out;
}

char *tk_opc_rels_name(const char *part)
{
	struct tk_buf b = TK_BUF_INIT;
	const char *slash = strrchr(part, '/');

	if (slash)
		tk_buf_add(&b, part, (size_t)(slash - part + 1));
	tk_buf_printf(&b, "_rels/%s.rels", slash ? slash + 1 : part);
	if (b.oom) {
		tk_buf_free(&b);
		return NULL;
	}
	return tk_buf_detach(&b);
}
