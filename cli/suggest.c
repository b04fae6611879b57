/*
 * suggest.c -- tagging help: tiku suggest, the requirement codes an
 * item's text is closest to (editor/suggest.h), for people and, with
 * --json, for programs.  tiku import --suggest prints the same for the
 * untagged items it imported.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "suggest.h"
#include "util.h"

enum { K_JSON = CLI_K_OWN, K_UNTAGGED };

void cli_suggest_begin(struct cli_suggest *cs, struct tk_bank *b, int json, int n)
{
	memset(cs, 0, sizeof *cs);
	cs->b = b;
	cs->json = json;
	cs->n = n > 0 ? n : TK_SUGGEST_SHOW;
	if (json)
		fputs("[", stdout);
}

void cli_suggest_end(struct cli_suggest *cs)
{
	if (cs->json)
		fputs(cs->items ? "\n]\n" : "]\n", stdout);
	cs->s = NULL;
}

static int has_code(const struct tk_item *it, const char *code)
{
	int i;

	for (i = 0; i < it->ncodes; i++)
		if (!strcmp(it->codes[i], code))
			return 1;
	return 0;
}

static void print_json(struct cli_suggest *cs, const struct tk_item *it,
		       const struct tk_suggestion *sg, int n)
{
	int i;

	printf("%s\n  {\"id\": ", cs->items ? "," : "");
	cli_json_str(stdout, it->id);
	printf(", \"level\": ");
	cli_json_str(stdout, it->level);
	printf(", \"kind\": ");
	cli_json_str(stdout, tk_kind_name(it->kind));
	printf(", \"codes\": [");
	for (i = 0; i < it->ncodes; i++) {
		printf("%s", i ? ", " : "");
		cli_json_str(stdout, it->codes[i]);
	}
	printf("], \"suggestions\": [");
	for (i = 0; i < n; i++) {
		printf("%s{\"code\": ", i ? ", " : "");
		cli_json_str(stdout, sg[i].code);
		printf(", \"text\": ");
		cli_json_str(stdout, sg[i].req->text);
		printf(", \"score\": %.3f}", sg[i].score);
	}
	printf("]}");
}

/* The item's line, then one line per suggestion: rank, code, text, score. */
static void print_text(struct cli_suggest *cs, const struct tk_item *it,
		       const struct tk_suggestion *sg, int n)
{
	int i, l = tk_standard_level(cs->s, it->level);
	char *stem = tk_fragment_text(it->stem);

	if (cs->items)
		putchar('\n');
	printf("%s  %s %s %s  ", it->id, l >= 0 ? cs->s->levels[l].name : it->level,
	       tk_kind_name(it->kind), tk_type_name(it->type));
	cli_print_cell(stdout, stem ? stem : "", 50, 0);
	putchar('\n');
	free(stem);
	if (it->ncodes) {
		printf("  ");
		printf(_("tagged: "));
		for (i = 0; i < it->ncodes; i++)
			printf("%s%s", i ? " " : "", it->codes[i]);
		putchar('\n');
	}
	if (n == 0) {
		printf("  %s\n", _("no requirement shares a word with it: tag it by hand"));
		return;
	}
	for (i = 0; i < n; i++) {
		char score[32];
		/* * marks a code the item has: how a tagged item's codes rank */
		printf("  %d %s", i + 1, has_code(it, sg[i].code) ? "*" : " ");
		cli_print_cell(stdout, sg[i].code, 8, 1);
		printf(" ");
		cli_print_cell(stdout, sg[i].req->text ? sg[i].req->text : "", 44, 1);
		snprintf(score, sizeof score, "%.1f", sg[i].score);
		cli_print_right(stdout, score, 7);
		putchar('\n');
	}
}

int cli_suggest_item(struct cli_suggest *cs, const struct tk_item *it)
{
	struct tk_suggestion sg[32];
	struct tk_error err = {0};
	int n = 0, rc;

	if ((rc = tk_bank_use_standard(cs->b, it->standard, &cs->s, &err)) != TK_OK)
		return cli_fail(&err);
	if ((rc = tk_suggest(cs->b, cs->s, it, sg, cs->n < 32 ? cs->n : 32, &n, &err)) != TK_OK)
		return cli_fail(&err);
	if (cs->json)
		print_json(cs, it, sg, n);
	else
		print_text(cs, it, sg, n);
	cs->items++;
	return TK_OK;
}

/* The items to suggest for: named, or the untagged ones a query finds. */
struct idlist {
	char **v;
	int n;
};

static int collect(void *ud, const struct tk_row *row)
{
	struct idlist *l = ud;

	return !tk_item_strlist_add(&l->v, &l->n, row->id);
}

static int run_suggest(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	struct cli_suggest cs;
	struct tk_query q;
	struct idlist ids = {NULL, 0};
	int c, rc = TK_OK, json = 0, untagged = 0, i;
	long n = TK_SUGGEST_SHOW;

	memset(&q, 0, sizeof q);
	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case K_JSON: json = 1; break;
		case K_UNTAGGED: untagged = 1; break;
		case CLI_K_STANDARD: q.standard = optarg; break;
		case 'n':
			if (cli_long(cmd, "-n", optarg, 1, 32, &n) < 0)
				return TK_EUSAGE;
			break;
		default: return CLI_RESULT(c);
		}
	}
	if (optind == argc && !untagged)
		return cli_usage(cmd, _("usage: tiku %s %s"), cmd->name, cmd->synopsis);
	if (optind < argc && untagged)
		return cli_usage(cmd, "%s", _("name items or give --untagged, not both"));
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	for (i = optind; i < argc; i++)
		if (!tk_item_strlist_add(&ids.v, &ids.n, argv[i])) {
			tk_error_set(&err, TK_EINTERNAL, NULL, 0, "out of memory");
			rc = cli_fail(&err);
			goto out;
		}
	if (untagged) {
		struct tk_standard *s = NULL;
		if ((rc = cli_standard(b, q.standard, &s)) != TK_OK)
			goto out;
		q.standard = s->id;
		q.untagged = 1;
		rc = tk_bank_query(b, &q, collect, &ids, &err);
		tk_standard_free(s);
		q.standard = NULL;
		if (rc != TK_OK) {
			rc = cli_fail(&err);
			goto out;
		}
	}
	cli_suggest_begin(&cs, b, json, (int)n);
	for (i = 0; i < ids.n && rc == TK_OK; i++) {
		struct tk_item *it = NULL;
		if ((rc = tk_bank_get_item(b, ids.v[i], &it, &err)) != TK_OK)
			rc = cli_fail(&err);
		else if (it == NULL) {
			tk_error_set(&err, TK_EINPUT, NULL, 0, "no item '%s' in the bank", ids.v[i]);
			rc = cli_fail(&err);
		} else
			rc = cli_suggest_item(&cs, it);
		tk_item_free(it);
	}
	cli_suggest_end(&cs);
	if (rc == TK_OK && untagged && ids.n == 0 && !json)
		fprintf(stderr, "%s\n", _("no untagged items"));
out:
	for (i = 0; i < ids.n; i++)
		free(ids.v[i]);
	free(ids.v);
	cli_close_bank(b);
	return rc;
}

static const struct cli_opt suggest_opts[] = {
	{"untagged", K_UNTAGGED, NULL, N_("every untagged item of the standard")},
	{"limit", 'n', "N", N_("show N codes per item (default 3, at most 32)")},
	{"json", K_JSON, NULL, N_("the suggestions as JSON")},
	CLI_OPT_STANDARD,
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_suggest = {
	"suggest", run_suggest, N_("the requirement codes an item's text is closest to"),
	"[options] ITEM...\n--untagged [options]",
	N_("Rank the requirement codes of the standard for each item by how close\n"
	   "the item's text is to each requirement's own text, and show the best\n"
	   "three with the requirement they name: for a theory item the knowledge\n"
	   "lines of its level and the basics (with their listed points), for a\n"
	   "skill item the skill lines of its level.  The ranking is full-text\n"
	   "relevance (bm25) inside the bank, with the Chinese words search uses:\n"
	   "no model, no network.  The stem and answer count fully, the options,\n"
	   "explanation, keywords and rubric half, and a code leans to the task\n"
	   "(or basics group) it is in.  The item's own codes play no part; they\n"
	   "are marked * where they rank.\n\n"
	   "tiku tag ITEM --accept takes the first code; tiku import --suggest\n"
	   "shows the codes for each untagged item it brings in.  An item no\n"
	   "requirement shares a word with gets no suggestion: tag it by hand.\n"),
	suggest_opts, NULL, 0
};
