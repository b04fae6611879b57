/*
 * review.c -- the work of authors and reviewers on items: tiku show (an
 * item as people read it), history, diff, review (approve, reject,
 * comment, the queue) and config (the bank's settings).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "commands.h"
#include "itemdiff.h"
#include "show.h"
#include "textdiff.h"
#include "util.h"

enum { K_APPROVE = CLI_K_OWN, K_REJECT, K_COMMENT, K_QUEUE };

/* An item from a version's stored XML; NULL after reporting. */
static struct tk_item *version_item(const char *id, const char *standard, const char *xml)
{
	struct tk_row row;
	struct tk_item *it = NULL;
	struct tk_error err = {0};

	memset(&row, 0, sizeof row);
	row.id = id;
	row.standard = standard;
	row.xml = xml;
	if (tk_item_from_row(&row, &it, &err) != TK_OK) {
		cli_fail(&err);
		return NULL;
	}
	return it;
}

/* ---- show ---------------------------------------------------------------- */

static int run_show(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	struct tk_buf out = TK_BUF_INIT;
	char *id = NULL;
	int done, rc = cli_no_options(cmd, argc, argv, &done), version, i;

	if (done)
		return rc;
	if (optind >= argc)
		return cli_usage(cmd, _("usage: tiku %s %s"), cmd->name, cmd->synopsis);
	/* every reference is read before the bank is opened: a usage error is one */
	for (i = optind; i < argc; i++) {
		if (tk_show_ref(argv[i], &id, &version, &err) != TK_OK)
			return cli_usage(cmd, "%s", err.msg);
		free(id);
	}
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	for (i = optind; i < argc && rc == TK_OK; i++) {
		tk_show_ref(argv[i], &id, &version, &err);
		tk_buf_reset(&out);
		if (i > optind)
			tk_buf_puts(&out, "\n");
		if ((rc = tk_show_item(b, id, version, &out, &err)) != TK_OK)
			rc = cli_fail(&err);
		else
			fwrite(out.s, 1, out.len, stdout);
		free(id);
	}
	tk_buf_free(&out);
	cli_close_bank(b);
	return rc;
}

const struct cli_cmd cli_cmd_show = {
	"show", run_show, N_("show an item as people read it"), "ITEM[@VERSION]...",
	N_("Print an item as a person reads it: its fields, the stem, the options,\n"
	   "the answer as people write it (a fill answer as 接通量（或 进线量）,\n"
	   "never the storage syntax), the explanation and rubric, each code with\n"
	   "the requirement it names in the standard, the status (with who\n"
	   "approved it), where it has been used -- committed official forms,\n"
	   "composed practice papers and the practice papers printed for a class\n"
	   "(tiku render), with their dates -- the statistics the bank holds, and\n"
	   "its reviews and comments.  ITEM@3 shows version 3 (tiku history lists\n"
	   "them).  An unknown item or version is bad input (exit 3).\n"),
	NULL, NULL, 0
};

/* ---- history ------------------------------------------------------------- */

struct hist {
	const char *id;
	struct tk_item *prev;
	struct tk_review *reviews;      /* copies: the strings are ours */
	int nreviews;
	int rc;
};

static int keep_review(void *ud, const struct tk_review *r)
{
	struct hist *h = ud;
	struct tk_review *v = realloc(h->reviews, (size_t)(h->nreviews + 1) * sizeof *v);

	if (v == NULL) {
		h->rc = TK_EINTERNAL;
		return 1;
	}
	h->reviews = v;
	v[h->nreviews] = *r;
	v[h->nreviews].time = strdup(r->time);
	v[h->nreviews].user = strdup(r->user);
	v[h->nreviews].action = strdup(r->action);
	v[h->nreviews].comment = strdup(r->comment);
	v[h->nreviews].item = NULL;
	h->nreviews++;
	return 0;
}

static void print_review(const struct tk_review *r)
{
	printf("      %s %s  ", _("review"), r->time);
	cli_print_cell(stdout, r->user, 10, 1);
	printf(" %s%s%s", r->action, r->undone ? _(" (undone)") : "", r->comment[0] ? ": " : "");
	cli_print_cell(stdout, r->comment, 200, 0);
	putchar('\n');
}

static int one_version(void *ud, const struct tk_version *v)
{
	struct hist *h = ud;
	struct tk_item *it = version_item(h->id, v->standard, v->xml);
	struct tk_itemdiff d;
	struct tk_buf line = TK_BUF_INIT;
	int i;

	if (it == NULL) {
		h->rc = TK_EINPUT;
		return 1;
	}
	printf("v%-3d %s  ", v->version, v->time);
	cli_print_cell(stdout, v->seq ? v->user : "-", 10, 1);
	putchar(' ');
	cli_print_cell(stdout, v->seq ? v->command : "-", 7, 1);
	printf(" %s\n", v->seq ? v->summary : _("(before the journal, or brought in by an import)"));
	if (h->prev && tk_itemdiff(h->prev, it, &d) == TK_OK) {
		tk_itemdiff_summary(&d, &line);
		if (line.len)
			printf("      %s\n", line.s);
		tk_itemdiff_free(&d);
	}
	tk_buf_free(&line);
	for (i = 0; i < h->nreviews; i++)
		if (h->reviews[i].version == v->version)
			print_review(&h->reviews[i]);
	tk_item_free(h->prev);
	h->prev = it;
	return 0;
}

static int run_history(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	struct tk_item *cur = NULL;
	struct hist h;
	int done, rc = cli_no_options(cmd, argc, argv, &done), i;

	if (done)
		return rc;
	if (argc - optind != 1)
		return cli_usage(cmd, _("usage: tiku %s %s"), cmd->name, cmd->synopsis);
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	memset(&h, 0, sizeof h);
	h.id = argv[optind];
	if ((rc = tk_show_load(b, h.id, 0, &cur, &err)) != TK_OK ||
	    (rc = tk_bank_reviews(b, h.id, keep_review, &h, &err)) != TK_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	printf(_("%s: version %d, %s\n"), h.id, cur->version, tk_status_name(cur->status));
	if ((rc = tk_bank_item_versions(b, h.id, one_version, &h, &err)) != TK_OK)
		rc = cli_fail(&err);
	else
		rc = h.rc;
out:
	for (i = 0; i < h.nreviews; i++) {
		free((char *)h.reviews[i].time);
		free((char *)h.reviews[i].user);
		free((char *)h.reviews[i].action);
		free((char *)h.reviews[i].comment);
	}
	free(h.reviews);
	tk_item_free(h.prev);
	tk_item_free(cur);
	cli_close_bank(b);
	return rc;
}

const struct cli_cmd cli_cmd_history = {
	"history", run_history, N_("every version of an item: who, when, which command"), "ITEM",
	N_("List every version of an item, oldest first: its number, when it was\n"
	   "stored (UTC), who made it and with which command (from the journal;\n"
	   "'-' for a version from before the journal), the fields it changed\n"
	   "(old → new), and the reviews and comments on it.  tiku show ITEM@N\n"
	   "shows one version, tiku diff ITEM N M what changed between two.\n"),
	NULL, NULL, 0
};

/* ---- diff ------------------------------------------------------------------ */

static int version_arg(const struct cli_cmd *cmd, const char *s, int *v)
{
	long n;

	if (s[0] == 'v' || s[0] == 'V')
		s++;
	if (!tk_parse_int(s, 1, 0x7fffffffL, &n))
		return cli_usage(cmd, _("a version is a whole number from 1, not '%s'"), s);
	*v = (int)n;
	return TK_OK;
}

static int run_diff(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	struct tk_item *a = NULL, *c = NULL;
	struct tk_itemdiff d = {0};
	struct tk_buf line = TK_BUF_INIT;
	const char *id;
	int done, rc = cli_no_options(cmd, argc, argv, &done), v1, v2 = 0, colour;
	size_t i;

	if (done)
		return rc;
	if (argc - optind < 2 || argc - optind > 3)
		return cli_usage(cmd, _("usage: tiku %s %s"), cmd->name, cmd->synopsis);
	id = argv[optind];
	if ((rc = version_arg(cmd, argv[optind + 1], &v1)) != TK_OK ||
	    (argc - optind == 3 && (rc = version_arg(cmd, argv[optind + 2], &v2)) != TK_OK))
		return rc;
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if ((rc = tk_show_load(b, id, v1, &a, &err)) != TK_OK ||
	    (rc = tk_show_load(b, id, v2, &c, &err)) != TK_OK ||
	    (rc = tk_itemdiff(a, c, &d)) != TK_OK) {
		if (rc == TK_EINTERNAL && !err.msg[0])
			tk_error_set(&err, TK_EINTERNAL, NULL, 0, "out of memory");
		rc = cli_fail(&err);
		goto out;
	}
	/* colour for a person at a terminal; marks that survive a pipe otherwise */
	colour = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	printf("%s v%d → v%d\n", id, a->version, c->version);
	if (d.n == 0)
		printf("%s\n", _("no changes"));
	for (i = 0; i < d.n; i++) {
		const struct tk_field_change *f = &d.v[i];
		tk_buf_reset(&line);
		if (f->list) {
			struct tk_itemdiff one = {(struct tk_field_change *)f, 1};
			tk_itemdiff_summary(&one, &line);
			printf("%s\n", tk_buf_str(&line));
			continue;
		}
		printf("%s: ", f->field);
		if (f->text && f->before[0] && f->after[0] && tk_textdiff_mark(f->before, f->after, colour, &line))
			fwrite(line.s, 1, line.len, stdout);
		else
			printf("%s → %s", f->before[0] ? f->before : "—", f->after[0] ? f->after : "—");
		putchar('\n');
	}
out:
	tk_buf_free(&line);
	tk_itemdiff_free(&d);
	tk_item_free(a);
	tk_item_free(c);
	cli_close_bank(b);
	return rc;
}

const struct cli_cmd cli_cmd_diff = {
	"diff", run_diff, N_("what changed in an item between two versions"), "ITEM V1 [V2]",
	N_("The fields of ITEM that differ from version V1 to V2 (default: the\n"
	   "current one), each as 'field: old → new'; running text (stem,\n"
	   "options, explanation, open answers, rubric) is compared character by\n"
	   "character -- Chinese has no spaces between words -- with deletions\n"
	   "marked [-删-] and additions {+增+}, or in red and green on a terminal\n"
	   "(not when $NO_COLOR is set); codes and keywords as +added -removed.\n"
	   "An unknown item or version is bad input (exit 3).\n"),
	NULL, NULL, 0
};

/* ---- review ---------------------------------------------------------------- */

struct queue {
	struct tk_bank *b;
	long n;
};

static int queue_row(void *ud, const struct tk_row *row)
{
	struct queue *q = ud;
	char *user = NULL;
	int v = 0;
	struct tk_error err = {0};

	q->n++;
	/* who sent it, as far as the content goes: whom the reviewer may not be */
	tk_bank_item_last_author(q->b, row->id, &user, &v, &err);
	printf("%-24s v%-3d ", row->id, row->version);
	cli_print_cell(stdout, user ? user : "-", 10, 1);
	putchar(' ');
	cli_print_cell(stdout, row->level, 12, 1);
	printf(" %-9s ", row->type);
	cli_print_cell(stdout, row->stem, 50, 0);
	putchar('\n');
	free(user);
	return 0;
}

static int review_queue(struct tk_bank *b)
{
	struct tk_query q;
	struct tk_error err = {0};
	struct queue qu = {b, 0};

	memset(&q, 0, sizeof q);
	q.status = "review";
	if (tk_bank_query(b, &q, queue_row, &qu, &err) != TK_OK)
		return cli_fail(&err);
	fprintf(stderr, P_("%ld item waits for review\n", "%ld items wait for review\n", qu.n), qu.n);
	return TK_OK;
}

static int run_review(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	const char *comment = NULL;
	int c, rc = TK_OK, action = -1, queue = 0, i, n, begun = 0;

	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case K_APPROVE:
		case K_REJECT:
			if (action >= 0 && action != (c == K_APPROVE ? TK_REVIEW_APPROVE : TK_REVIEW_REJECT))
				return cli_usage(cmd, "%s", _("--approve and --reject exclude each other"));
			action = c == K_APPROVE ? TK_REVIEW_APPROVE : TK_REVIEW_REJECT;
			break;
		case K_COMMENT:
			if (optarg[0] == '\0')
				return cli_usage(cmd, "%s", _("--comment needs a text"));
			comment = optarg;
			break;
		case K_QUEUE: queue = 1; break;
		default: return CLI_RESULT(c);
		}
	}
	n = argc - optind;
	if (queue) {
		if (n || action >= 0 || comment)
			return cli_usage(cmd, "%s", _("--queue takes no item and no other option"));
		if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
			return rc;
		rc = review_queue(b);
		cli_close_bank(b);
		return rc;
	}
	if (action < 0 && comment == NULL)
		return cli_usage(cmd, "%s", _("say what the review is: --approve, --reject or --comment TEXT"));
	if (n == 0)
		return cli_usage(cmd, "%s", _("no item to review"));
	if (action < 0)
		action = TK_REVIEW_COMMENT;
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	/* several items: one command of the bank, all or nothing, one undo */
	if (n > 1) {
		if ((rc = tk_bank_begin(b, "review", argv[optind], &err)) != TK_OK) {
			rc = cli_fail(&err);
			goto out;
		}
		begun = 1;
	}
	for (i = optind; i < argc && rc == TK_OK; i++)
		rc = tk_cmd_review(b, argv[i], action, comment, &d, &err);
	if (begun && rc == TK_OK)
		rc = tk_bank_commit(b, &err);
	else if (begun)
		tk_bank_rollback(b);
	if (rc != TK_OK) {
		tk_diags_print(&d, stderr);
		rc = cli_fail(&err);
		if (n > 1)
			fprintf(stderr, "tiku: %s\n", _("nothing changed"));
		goto out;
	}
	tk_diags_print(&d, stderr);
	for (i = optind; i < argc; i++) {
		struct tk_item *it = NULL;
		if (tk_bank_get_item(b, argv[i], &it, &err) != TK_OK || it == NULL)
			continue;
		if (action == TK_REVIEW_COMMENT)
			printf(_("%s v%d: comment by %s kept\n"), it->id, it->version, tk_bank_user(b));
		else
			printf(_("%s v%d: %s by %s\n"), it->id, it->version,
			       action == TK_REVIEW_APPROVE ? _("approved") : _("rejected, a draft again"),
			       tk_bank_user(b));
		tk_item_free(it);
	}
out:
	tk_diags_free(&d);
	cli_close_bank(b);
	return rc;
}

static const struct cli_opt review_opts[] = {
	{"approve", K_APPROVE, NULL, N_("approve items in review (not your own, unless the bank allows it)")},
	{"reject", K_REJECT, NULL, N_("send items in review back to draft")},
	{"comment", K_COMMENT, "TEXT", N_("a comment, alone or with --approve or --reject")},
	{"queue", K_QUEUE, NULL, N_("list the items that wait for review")},
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_review = {
	"review", run_review, N_("approve, reject or comment on items; the review queue"),
	"ITEM... --approve|--reject [--comment TEXT]\nITEM... --comment TEXT\n--queue",
	N_("An item goes from draft to review (tiku set ITEM status=review) and\n"
	   "from review to approved only here: no other command, script or form\n"
	   "makes an item approved (an import brings in the statuses its file\n"
	   "states).  --approve takes an item in review to approved; the reviewer\n"
	   "(--by NAME, else $USER) may not be its author or the last person who\n"
	   "changed its content, unless the bank allows it (tiku config\n"
	   "review.self-approve yes, for a one-person bank).  --reject sends it\n"
	   "back to draft.  --comment TEXT keeps a comment on any item, alone or\n"
	   "with the decision; tiku show and tiku history show them.  Several\n"
	   "items are one command: all or nothing, one undo.  --queue lists the\n"
	   "items in review with the last author of each.\n"),
	review_opts, NULL, 0
};

/* ---- config ---------------------------------------------------------------- */

static int run_config(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	const struct tk_setting *s;
	char *value = NULL, summary[160];
	int done, rc = cli_no_options(cmd, argc, argv, &done), n;

	if (done)
		return rc;
	n = argc - optind;
	if (n > 2)
		return cli_usage(cmd, _("usage: tiku %s %s"), cmd->name, cmd->synopsis);
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if (n == 0) {
		for (s = tk_bank_settings; s->key && rc == TK_OK; s++) {
			if ((rc = tk_bank_get_setting(b, s->key, &value, &err)) != TK_OK)
				break;
			printf("%s = %s\t# %s (%s)\n", s->key, value, _(s->about), s->values);
			free(value);
		}
	} else if (n == 1) {
		if ((rc = tk_bank_get_setting(b, argv[optind], &value, &err)) == TK_OK)
			printf("%s\n", value);
		free(value);
	} else {
		snprintf(summary, sizeof summary, "%.60s = %.60s", argv[optind], argv[optind + 1]);
		if ((rc = tk_bank_begin(b, "config", summary, &err)) == TK_OK) {
			rc = tk_bank_set_setting(b, argv[optind], argv[optind + 1], &err);
			rc = rc == TK_OK ? tk_bank_commit(b, &err) : (tk_bank_rollback(b), rc);
		}
		if (rc == TK_OK)
			printf("%s = %s\n", argv[optind], argv[optind + 1]);
	}
	if (rc == TK_EUSAGE)
		rc = cli_usage(cmd, "%s", err.msg);
	else if (rc != TK_OK)
		rc = cli_fail(&err);
	cli_close_bank(b);
	return rc;
}

const struct cli_cmd cli_cmd_config = {
	"config", run_config, N_("the bank's settings"), "[KEY [VALUE]]",
	N_("With no argument, list the bank's settings with their values; with\n"
	   "KEY, print its value; with KEY VALUE, set it (kept in the bank, the\n"
	   "change recorded in tiku log as an audit line).\n\n"
	   "review.self-approve (yes, no; default no): may the last author of an\n"
	   "item approve it -- yes for a one-person bank.\n"),
	NULL, NULL, 0
};
