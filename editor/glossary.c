/* glossary.c -- reading a bank's glossary (house terms and cue words). */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "glossary.h"
#include "util.h"
#include "xml.h"

/*
 * Specific determiners, in the words of Chinese true/false items: a
 * statement that says "all", "only if", "always", "at once" is nearly
 * always false, and candidates know it.  Standard-independent, so that a
 * bank without a glossary is checked too.
 */
const char *const tk_glossary_default_cues[] = {
	"只要", "只需", "只是", "一律", "必须", "绝对", "立即", "一定",
	"所有", "任何", "一切", "全部", "完全", "总是", "从不", "永远",
	"越…越", "无论…都", NULL
};

#define ELLIPSIS "\xE2\x80\xA6"     /* … */

/* Where the sentence that text begins in ends: at 。！？；, ! ? ; or a newline. */
static const char *sentence_end(const char *p)
{
	static const char *const stops[] = {
		"\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", "\xEF\xBC\x9B", NULL
	};
	int i;

	for (; *p; p++) {
		if (*p == '!' || *p == '?' || *p == ';' || *p == '\n')
			return p;
		for (i = 0; stops[i]; i++)
			if (!strncmp(p, stops[i], 3))
				return p;
	}
	return p;
}

const char *tk_glossary_find_cue(const char *text, const char *cue)
{
	const char *mid, *at, *second;
	char first[256];
	size_t n1;

	if (text == NULL || cue == NULL || cue[0] == '\0')
		return NULL;
	if ((mid = strstr(cue, ELLIPSIS)) == NULL)
		return strstr(text, cue);
	n1 = (size_t)(mid - cue);
	mid += strlen(ELLIPSIS);
	if (n1 == 0 || n1 >= sizeof first || mid[0] == '\0')
		return NULL;
	memcpy(first, cue, n1);
	first[n1] = '\0';
	for (at = strstr(text, first); at; at = strstr(at + n1, first)) {
		second = strstr(at + n1, mid);
		if (second && second + strlen(mid) <= sentence_end(at + n1))
			return at;
	}
	return NULL;
}

const char *const *tk_glossary_cues(const struct tk_glossary *g, int *n)
{
	int k;

	if (g && g->has_cues) {
		*n = g->ncues;
		return (const char *const *)g->cues;
	}
	for (k = 0; tk_glossary_default_cues[k]; k++)
		;
	*n = k;
	return tk_glossary_default_cues;
}

static int push(char ***v, int *n, char *s, int *oom)
{
	char **w;

	if (s == NULL) {
		*oom = 1;
		return 0;
	}
	w = tk_grow(*v, *n + 1, sizeof **v, oom);
	if (w == NULL) {
		free(s);
		return 0;
	}
	*v = w;
	(*v)[(*n)++] = s;
	return 1;
}

/* The line of the first term, from term 0 up to (not including) term t and
   its avoided form a, that avoids form; 0 when none does. */
static int avoided_before(const struct tk_glossary *g, int t, int a, const char *form)
{
	int i, j;

	for (i = 0; i < g->nterms && i <= t; i++)
		for (j = 0; j < g->terms[i].navoid && (i < t || j < a); j++)
			if (!strcmp(g->terms[i].avoid[j], form))
				return g->terms[i].line;
	return 0;
}

int tk_glossary_parse(const char *data, size_t len, const char *name,
		      struct tk_glossary **out, struct tk_diags *diags,
		      struct tk_error *err)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n, c;
	struct tk_glossary *g = NULL;
	int rc, oom = 0, t, a, bad = 0;

	*out = NULL;
	if ((rc = tk_xml_parse(data, len, name, &doc, err)) != TK_OK)
		goto out;
	root = xmlDocGetRootElement(doc);
	if (!tk_xml_is(root, "glossary")) {
		rc = tk_error_set(err, TK_EINPUT, name, root ? (int)xmlGetLineNo(root) : 1,
				  "not a glossary: the root element is <%s>",
				  root ? (const char *)root->name : "");
		goto out;
	}
	if ((rc = tk_xml_validate(doc, "glossary", name, diags, err)) != TK_OK)
		goto out;
	if ((g = calloc(1, sizeof *g)) == NULL) {
		oom = 1;
		goto out;
	}
	g->file = tk_strdup(name);
	g->standard = tk_xml_attr(root, "standard");
	for (n = tk_xml_child(root, "term"); n && !oom; n = tk_xml_next(n, "term")) {
		struct tk_glossary_term *v = tk_grow(g->terms, g->nterms + 1, sizeof *v, &oom);
		if (v == NULL)
			break;
		g->terms = v;
		v = &g->terms[g->nterms++];
		memset(v, 0, sizeof *v);
		v->line = (int)xmlGetLineNo(n);
		v->prefer = tk_xml_attr(n, "prefer");
		if (v->prefer == NULL)
			oom = 1;
		for (c = tk_xml_child(n, "avoid"); c && !oom; c = tk_xml_next(c, "avoid"))
			push(&v->avoid, &v->navoid, tk_xml_text(c), &oom);
	}
	if ((n = tk_xml_child(root, "cues")) != NULL) {
		g->has_cues = 1;
		g->cues_line = (int)xmlGetLineNo(n);
		for (c = tk_xml_child(n, "cue"); c && !oom; c = tk_xml_next(c, "cue"))
			push(&g->cues, &g->ncues, tk_xml_text(c), &oom);
	}
	if (oom || g->file == NULL || g->standard == NULL)
		goto out;
	/* a form preferred in one place and avoided in another would make lint
	   ask for both: the glossary must say one thing */
	for (t = 0; t < g->nterms; t++) {
		const struct tk_glossary_term *x = &g->terms[t];
		int line = 0, i, j;
		for (i = 0; i < g->nterms && !line; i++)
			for (j = 0; i != t && j < g->terms[i].navoid && !line; j++)
				if (!strcmp(g->terms[i].avoid[j], x->prefer))
					line = g->terms[i].line;
		if (line) {
			tk_diags_add(diags, TK_DIAG_ERROR, name, x->line,
				     "term '%s' is preferred here but avoided at line %d", x->prefer, line);
			bad++;
		}
		for (a = 0; a < x->navoid; a++) {
			if (!strcmp(x->avoid[a], x->prefer)) {
				tk_diags_add(diags, TK_DIAG_ERROR, name, x->line,
					     "term '%s' is both preferred and avoided", x->prefer);
				bad++;
			} else if ((line = avoided_before(g, t, a, x->avoid[a])) != 0) {
				tk_diags_add(diags, TK_DIAG_ERROR, name, x->line,
					     "term '%s' is avoided twice (also at line %d)", x->avoid[a], line);
				bad++;
			}
		}
	}
	for (t = 0; t < g->ncues; t++) {
		const char *e = strstr(g->cues[t], ELLIPSIS);
		if (e && (e == g->cues[t] || e[strlen(ELLIPSIS)] == '\0' ||
			  strstr(e + strlen(ELLIPSIS), ELLIPSIS))) {
			tk_diags_add(diags, TK_DIAG_ERROR, name, g->cues_line,
				     "cue '%s': '…' goes between two parts (越…越)", g->cues[t]);
			bad++;
		}
	}
	if (bad) {
		rc = tk_error_set(err, TK_EINPUT, name, 0, "the glossary has %d errors", bad);
		goto out;
	}
	*out = g;
	g = NULL;
out:
	if (oom)
		rc = tk_error_set(err, TK_EINTERNAL, name, 0, "out of memory");
	tk_glossary_free(g);
	xmlFreeDoc(doc);
	return rc;
}

void tk_glossary_free(struct tk_glossary *g)
{
	int i, j;

	if (g == NULL)
		return;
	for (i = 0; i < g->nterms; i++) {
		free(g->terms[i].prefer);
		for (j = 0; j < g->terms[i].navoid; j++)
			free(g->terms[i].avoid[j]);
		free(g->terms[i].avoid);
	}
	for (i = 0; i < g->ncues; i++)
		free(g->cues[i]);
	free(g->terms);
	free(g->cues);
	free(g->standard);
	free(g->file);
	free(g);
}
