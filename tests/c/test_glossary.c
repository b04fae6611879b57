/* test_glossary.c -- a bank's glossary: reading it, and finding cue words. */
#include <stdlib.h>

#include "glossary.h"
#include "test.h"

TEST(glossary_cue_words_and_their_two_parts)
{
	CHECK(tk_glossary_find_cue("只要态度好就可以", "只要") != NULL);
	CHECK(tk_glossary_find_cue("客户态度好就可以", "只要") == NULL);
	/* both parts, in order, in one sentence */
	CHECK(tk_glossary_find_cue("来电越多，等待越久。", "越…越") != NULL);
	CHECK(tk_glossary_find_cue("来电越多。等待越久。", "越…越") == NULL);
	CHECK(tk_glossary_find_cue("等待越久", "越…越") == NULL);
	CHECK(tk_glossary_find_cue("越来越好", "越…越") != NULL);
	/* a part that starts again later in the text is found there */
	CHECK(tk_glossary_find_cue("越多。来电越多，等待越久", "越…越") != NULL);
	CHECK(tk_glossary_find_cue("无论哪类客户都应享有基本服务", "无论…都") != NULL);
	CHECK(tk_glossary_find_cue("", "只要") == NULL);
	CHECK(tk_glossary_find_cue("只要", "") == NULL);
}

TEST(glossary_default_cues_without_a_glossary_or_its_own)
{
	const char *const *c;
	const char *data = "<glossary xmlns=\"urn:tiku:glossary:1\" standard=\"s\">"
			   "<cues><cue>随便</cue></cues></glossary>";
	struct tk_glossary *g = NULL;
	struct tk_error err = {0};
	int n = 0;

	c = tk_glossary_cues(NULL, &n);
	CHECK(n >= 18);
	CHECK_STR(c[0], "只要");
	CHECK_INT(tk_glossary_parse(data, strlen(data), "g.xml", &g, NULL, &err), TK_OK);
	c = tk_glossary_cues(g, &n);
	CHECK_INT(n, 1);
	CHECK_STR(c[0], "随便");
	tk_glossary_free(g);
}

TEST(glossary_shipped_reads_and_contradictions_are_errors)
{
	struct tk_glossary *g = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	size_t len;
	char *data = test_read("banks/miit-kflxzxs/glossary.xml", &len);

	CHECK(data != NULL);
	CHECK_INT(tk_glossary_parse(data, len, "glossary.xml", &g, &d, &err), TK_OK);
	free(data);
	CHECK_STR(g->standard, "miit-kflxzxs");
	CHECK_INT(g->nterms, 1);
	CHECK_STR(g->terms[0].prefer, "坐席");
	CHECK_STR(g->terms[0].avoid[0], "座席");
	CHECK_INT(g->has_cues, 0);
	tk_glossary_free(g);
	g = NULL;

	data = test_read("tests/data/review/glossary-bad.xml", &len);
	CHECK(data != NULL);
	CHECK_INT(tk_glossary_parse(data, len, "bad.xml", &g, &d, &err), TK_EINPUT);
	free(data);
	CHECK(g == NULL);
	CHECK_INT(d.nerrors, 3);
	CHECK_INT(d.v[0].line, 3);
	tk_diags_free(&d);
	tk_glossary_free(NULL);
}
