/*
 * edit.c -- changing items: new and edit (the item form in the author's
 * editor), set, tag, keyword, retire, merge; and the journal: undo,
 * redo, log.  Every change is one command of the bank, undoable.
 */
#include <getopt.h>
#include <string.h>

#include "command.h"
#include "commands.h"
#include "edit.h"
#include "util.h"

#define MAX_CODES 16

/* ---- the edits --------------------------------------------------------- */

/*
 * An edit, given the bank and its arguments (argv[0] the first).  It
 * reports nothing: the caller prints diags or err.
 */
typedef int edit_fn(const struct cli_cmd *cmd, struct tk_bank *b, int argc, char **argv,
		    struct tk_diags *d, struct tk_error *err);

/* Close the command several changes shared, if one was opened. */
static int end_batch(struct tk_bank *b, int rc, struct tk_error *err)
{
	if (!tk_bank_in_command(b))
		return rc;
	if (rc == TK_OK)
		return tk_bank_commit(b, err);
	tk_bank_rollback(b);
	return rc;
}

/* Report an edit's outcome: the problems, or nothing. */
static int edit_done(int rc, struct tk_diags *d, struct tk_error *err)
{
	if (rc != TK_OK) {
		if (d->n) {
			tk_diags_print(d, stderr);
			fprintf(stderr, "tiku: %s\n", _("nothing changed"));
		} else {
			cli_fail(err);
		}
	} else if (d->n) {
		tk_diags_print(d, stderr);      /* warnings: an item on a committed form */
	}
	tk_diags_free(d);
	return rc;
}

/*
 * What set, tag, keyword, retire and merge share: no option but --help,
 * min to max arguments (max < 0: any number), checked by check (if any)
 * before the bank is opened, so that a usage error is the same with or
 * without a bank; then the edit and its report.  These commands are
 * declared CLI_STOP_AT_ARG: an argument may start with '-' (tag ITEM -1.1.2).
 */
static int change_command(const struct cli_cmd *cmd, int argc, char **argv, int min, int max,
			  int (*check)(const struct cli_cmd *cmd, int argc, char **argv),
			  edit_fn *edit)
{
	struct tk_bank *b = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	int done, rc = cli_no_options(cmd, argc, argv, &done), n;

	if (done)
		return rc;
	n = argc - optind;
	if (n < min || (max >= 0 && n > max))
		return cli_usage(cmd, _("usage: tiku %s %s"), cmd->name, cmd->synopsis);
	if (check && (rc = check(cmd, n, argv + optind)) != TK_OK)
		return rc;
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	rc = edit(cmd, b, n, argv + optind, &d, &err);
	rc = end_batch(b, rc, &err);
	cli_close_bank(b);
	return edit_done(rc, &d, &err);
}

/*
 * Several changes of one command line are one command of the bank, so
 * that one undo takes them all back; a single change is a command itself.
 */
static int begin_many(const struct cli_cmd *cmd, struct tk_bank *b, int changes,
		      const char *summary, struct tk_error *err)
{
	if (changes < 2)
		return TK_OK;
	return tk_bank_begin(b, cmd->name, summary, err);
}

static int check_set(const struct cli_cmd *cmd, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strchr(argv[i], '='))
			return cli_usage(cmd, _("expected FIELD=VALUE, not '%s'"), argv[i]);
	return TK_OK;
}

static int edit_set(const struct cli_cmd *cmd, struct tk_bank *b, int argc, char **argv,
		    struct tk_diags *d, struct tk_error *err)
{
	int i, rc = begin_many(cmd, b, argc - 1, argv[0], err);

	for (i = 1; i < argc && rc == TK_OK; i++) {
		char *eq = strchr(argv[i], '=');
		*eq = '\0';
		rc = tk_cmd_set(b, argv[0], argv[i], eq + 1, d, err);
		*eq = '=';
	}
	return rc;
}

static int run_set(const struct cli_cmd *cmd, int argc, char **argv)
{
	return change_command(cmd, argc, argv, 2, -1, check_set, edit_set);
}

static int check_tag(const struct cli_cmd *cmd, int argc, char **argv)
{
	(void)argc;
	if (argv[1][0] != '+' && argv[1][0] != '-')
		return cli_usage(cmd, _("usage: tiku %s %s"), cmd->name, cmd->synopsis);
	return TK_OK;
}

/* tag and keyword: +VALUE adds, -VALUE removes. */
static int edit_tag(const struct cli_cmd *cmd, struct tk_bank *b, int argc, char **argv,
		    struct tk_diags *d, struct tk_error *err)
{
	int add = argv[1][0] == '+';

	(void)argc;
	if (cmd == &cli_cmd_keyword)
		return tk_cmd_keyword(b, argv[0], argv[1] + 1, add, d, err);
	return tk_cmd_tag(b, argv[0], argv[1] + 1, add, d, err);
}

static int run_tag(const struct cli_cmd *cmd, int argc, char **argv)
{
	return change_command(cmd, argc, argv, 2, 2, check_tag, edit_tag);
}

static int edit_retire(const struct cli_cmd *cmd, struct tk_bank *b, int argc, char **argv,
		       struct tk_diags *d, struct tk_error *err)
{
	int i, rc = begin_many(cmd, b, argc, argv[0], err);

	for (i = 0; i < argc && rc == TK_OK; i++)
		rc = tk_cmd_retire(b, argv[i], d, err);
	return rc;
}

static int run_retire(const struct cli_cmd *cmd, int argc, char **argv)
{
	return change_command(cmd, argc, argv, 1, -1, NULL, edit_retire);
}

static int edit_merge(const struct cli_cmd *cmd, struct tk_bank *b, int argc, char **argv,
		      struct tk_diags *d, struct tk_error *err)
{
	(void)cmd;
	(void)argc;
	return tk_cmd_merge(b, argv[0], argv[1], d, err);
}

static int run_merge(const struct cli_cmd *cmd, int argc, char **argv)
{
	return change_command(cmd, argc, argv, 2, 2, NULL, edit_merge);
}

const struct cli_cmd cli_cmd_set = {
	"set", run_set, N_("change fields of an item (a new version)"), "ITEM FIELD=VALUE...",
	N_("Change fields of an item as one command: a new version, checked\n"
	   "against the standard first (lint errors refuse it), undoable.\n\n"
	   "fields: status (draft, review, approved, retired), difficulty (1-5),\n"
	   "points, time (seconds), author, level, kind, type, stem, explanation,\n"
	   "answer.  Rich-text fields take plain text.\n"),
	NULL, NULL, CLI_STOP_AT_ARG
};

const struct cli_cmd cli_cmd_tag = {
	"tag", run_tag, N_("add or remove a requirement code of an item"), "ITEM +CODE|-CODE",
	N_("Add or remove a requirement code (\"1.1.2\", basics \"B2.2.7\");\n"
	   "the code must exist at the item's level.\n"),
	NULL, NULL, CLI_STOP_AT_ARG
};

const struct cli_cmd cli_cmd_keyword = {
	"keyword", run_tag, N_("add or remove a keyword of an item"), "ITEM +WORD|-WORD",
	N_("Add or remove a keyword of an item, as one undoable command; tiku\n"
	   "search finds items by their keywords too.\n"),
	NULL, NULL, CLI_STOP_AT_ARG
};

const struct cli_cmd cli_cmd_retire = {
	"retire", run_retire, N_("retire items (kept, but out of papers)"), "ITEM...",
	N_("Set items to status retired, as one command.\n"),
	NULL, NULL, CLI_STOP_AT_ARG
};

const struct cli_cmd cli_cmd_merge = {
	"merge", run_merge, N_("merge a duplicate into the item to keep"), "KEEP DUPLICATE",
	N_("Retire DUPLICATE; KEEP takes over its codes, keywords and enemies,\n"
	   "and items that named DUPLICATE as an enemy name KEEP.  One command.\n"),
	NULL, NULL, CLI_STOP_AT_ARG
};

/* ---- new, edit --------------------------------------------------------- */

/* What an edit came to: its message on stdout when it went through, else stderr. */
static int edit_result(int rc, const struct tk_error *err)
{
	if (rc == TK_OK) {
		if (err->msg[0])
			printf("%s\n", err->msg);
		return TK_OK;
	}
	if (rc == TK_FAIL) {
		fprintf(stderr, "tiku: %s\n", err->msg);
		return TK_FAIL;
	}
	return cli_fail(err);
}

static int run_edit(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	int done, rc = cli_no_options(cmd, argc, argv, &done);

	if (done)
		return rc;
	if (argc - optind != 1)
		return cli_usage(cmd, _("usage: tiku %s %s"), cmd->name, cmd->synopsis);
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	rc = tk_edit_item(b, argv[optind], NULL, NULL, &err);
	cli_close_bank(b);
	return edit_result(rc, &err);
}

/* What tiku new is told about the item to write. */
struct new_args {
	const char *sid, *level;
	int type, kind;
	const char *codes[MAX_CODES];
	int ncodes;
};

/* The options and their values; *done when the command ends here (help, usage). */
static int new_options(const struct cli_cmd *cmd, int argc, char **argv, struct new_args *a,
		       int *done)
{
	const char *type = NULL, *kind = NULL;
	int c;

	*done = 1;
	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case CLI_K_TYPE: type = optarg; break;
		case CLI_K_LEVEL: a->level = optarg; break;
		case CLI_K_KIND: kind = optarg; break;
		case CLI_K_STANDARD: a->sid = optarg; break;
		case CLI_K_CODE:
			if (a->ncodes == MAX_CODES)
				return cli_usage(cmd, _("at most %d codes"), MAX_CODES);
			a->codes[a->ncodes++] = optarg;
			break;
		default: return CLI_RESULT(c);
		}
	}
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if (type == NULL || a->level == NULL || a->ncodes == 0)
		return cli_usage(cmd, "%s", _("--type, --level and --code are required"));
	if ((a->type = tk_type_parse(type)) < 0)
		return cli_usage(cmd, _("unknown type '%s'"), type);
	/* a task is done, not answered on paper: a skill item unless told */
	a->kind = kind ? tk_kind_parse(kind) : a->type == TK_TASK ? TK_SKILL : TK_THEORY;
	if (a->kind < 0)
		return cli_usage(cmd, _("unknown kind '%s' (theory or skill)"), kind);
	*done = 0;
	return TK_OK;
}

/* The codes exist at the level, among the kind's codes. */
static int new_codes(const struct cli_cmd *cmd, const struct tk_standard *s, int l,
		     const struct new_args *a)
{
	int i;

	for (i = 0; i < a->ncodes; i++)
		if (tk_standard_find(s, l, a->kind, a->codes[i]) == NULL) {
			fprintf(stderr, "tiku %s: ", cmd->name);
			fprintf(stderr, _("code %s does not exist at %s among the %s codes"),
				a->codes[i], s->levels[l].name, tk_kind_name(a->kind));
			fputc('\n', stderr);
			return TK_EUSAGE;
		}
	return TK_OK;
}

/* The first free id for the level, kind and first code: new-junior-theory-1.1.2-001. */
static int new_id(struct tk_bank *b, const struct tk_standard *s, int l,
		  const struct new_args *a, char *id, size_t size)
{
	struct tk_error err = {0};
	struct tk_item *taken = NULL;
	int i;

	for (i = 1; i < 1000; i++) {
		snprintf(id, size, "new-%s-%s-%s-%03d", s->levels[l].id, tk_kind_name(a->kind),
			 a->codes[0], i);
		if (tk_bank_get_item(b, id, &taken, &err) != TK_OK)
			return cli_fail(&err);
		if (taken == NULL)
			break;
		tk_item_free(taken);
		taken = NULL;
	}
	return TK_OK;
}

/* The item the form starts from: a draft, with the usual points of its type. */
static struct tk_item *new_item(const struct tk_standard *s, int l, const struct new_args *a,
				const char *id)
{
	struct tk_item *it = tk_item_new();
	int i;

	if (it == NULL)
		return NULL;
	it->id = tk_strdup(id);
	it->standard = tk_strdup(s->id);
	it->type = a->type;
	it->level = tk_strdup(s->levels[l].id);
	it->kind = a->kind;
	it->points = a->type == TK_MULTIPLE ? 20 :
		     a->type == TK_SINGLE || a->type == TK_TRUEFALSE ? 10 : 0;
	it->status = TK_DRAFT;
	for (i = 0; i < a->ncodes; i++)
		tk_item_strlist_add(&it->codes, &it->ncodes, a->codes[i]);
	return it;
}

static int run_new(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct new_args a;
	struct tk_error err = {0};
	struct tk_bank *b = NULL;
	struct tk_standard *s = NULL;
	struct tk_item *fresh = NULL;
	char id[256];
	int done, rc, l;

	memset(&a, 0, sizeof a);
	rc = new_options(cmd, argc, argv, &a, &done);
	if (done)
		return rc;
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if ((rc = cli_standard(b, a.sid, &s)) != TK_OK)
		goto out;
	if ((l = cli_level(cmd, s, a.level)) < 0) {
		rc = TK_EUSAGE;
		goto out;
	}
	if ((rc = new_codes(cmd, s, l, &a)) != TK_OK ||
	    (rc = new_id(b, s, l, &a, id, sizeof id)) != TK_OK)
		goto out;
	if ((fresh = new_item(s, l, &a, id)) == NULL) {
		rc = TK_EINTERNAL;
		goto out;
	}
	rc = edit_result(tk_edit_item(b, NULL, fresh, NULL, &err), &err);
out:
	tk_item_free(fresh);
	tk_standard_free(s);
	cli_close_bank(b);
	return rc;
}

static const struct cli_opt new_opts[] = {
	CLI_OPT_TYPE, CLI_OPT_LEVEL, CLI_OPT_CODE, CLI_OPT_KIND, CLI_OPT_STANDARD,
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_new = {
	"new", run_new, N_("write a new item in your editor"),
	"--type T --level L --code C [--code C...] [--kind theory|skill] [--standard ID]",
	N_("Open a new item in $VISUAL, else $EDITOR, else vi, as a plain-text form:\n"
	   "a header of fields (编号, 题型, 等级, 类别, 代码, 分值, 难度, 用时, 状态, 作者,\n"
	   "关键词), then the stem, lettered options, 答案, 解析 and, for open items,\n"
	   "评分标准.  On save the item is checked and stored as a draft, one undoable\n"
	   "command; errors reopen the editor with them as comments at the top.  An\n"
	   "empty file, or one left as it was, aborts (exit 1).\n\n"
	   "--code may be given up to 16 times; the first names the item\n"
	   "(new-LEVEL-KIND-CODE-001).  A task is a skill item unless --kind says.\n"),
	new_opts, NULL, 0
};

const struct cli_cmd cli_cmd_edit = {
	"edit", run_edit, N_("edit an item in your editor"), "ITEM",
	N_("Open the item in $VISUAL, else $EDITOR, else vi, as the form `tiku new`\n"
	   "uses.  On save it is checked and stored as a new version (one undoable\n"
	   "command); errors reopen the editor with them as comments at the top; an\n"
	   "empty file aborts (exit 1); saved unchanged, nothing changes.  Rich text\n"
	   "(tables, lists, images) that you leave alone is kept.  When someone\n"
	   "changed the item while the form was open, nothing is saved (exit 3)\n"
	   "and the form is kept in its file, named in the message.\n"),
	NULL, NULL, CLI_STOP_AT_ARG
};

/* ---- the journal: undo, redo, log -------------------------------------- */

/* "3 changes", in the locale's plural. */
static const char *changes_text(int n, char *buf, size_t size)
{
	snprintf(buf, size, dngettext(TK_DOMAIN, "%d change", "%d changes", (unsigned long)n), n);
	return buf;
}

/* undo and redo: the same but for the direction. */
static int run_undo(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	struct tk_journal_entry e;
	char changes[64];
	int undo = cmd == &cli_cmd_undo;
	int done, rc = cli_no_options(cmd, argc, argv, &done);

	if (done)
		return rc;
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	rc = undo ? tk_bank_undo(b, &e, &err) : tk_bank_redo(b, &e, &err);
	cli_close_bank(b);
	if (rc == TK_FAIL) {
		/* nothing to undo or redo: not a failure of the bank */
		fprintf(stderr, "tiku %s: %s\n", cmd->name, err.msg);
		return TK_FAIL;
	}
	if (rc != TK_OK)
		return cli_fail(&err);
	printf(undo ? _("undid #%ld %s: %s (%s, %s, %s)\n") : _("redid #%ld %s: %s (%s, %s, %s)\n"),
	       e.seq, e.command, e.summary, changes_text(e.changes, changes, sizeof changes),
	       e.user, e.time);
	return TK_OK;
}

static int log_entry(void *ud, const struct tk_journal_entry *e)
{
	char changes[64];

	(void)ud;
	if (e->audit) {
		/* official work: not undoable, so no number to undo by */
		printf("audit  %s  %-10s %-7s %s", e->time, e->user, e->command, e->summary);
		if (e->bank_digest[0])
			printf(_(" (bank %.12s"), e->bank_digest);
		if (e->bank_digest[0] && e->blueprint_digest[0])
			printf(_(", blueprint %.12s"), e->blueprint_digest);
		printf("%s\n", e->bank_digest[0] ? ")" : "");
		return 0;
	}
	printf("#%-5ld %s  %-10s %-7s %s (%s)%s\n", e->seq, e->time, e->user, e->command,
	       e->summary, changes_text(e->changes, changes, sizeof changes),
	       strcmp(e->state, "undone") ? "" : _("  [undone]"));
	return 0;
}

static int run_log(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	long limit = 0;
	int c, rc;

	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case 'n':
			if (cli_long(cmd, "--limit", optarg, 0, 1000000000, &limit) < 0)
				return TK_EUSAGE;
			break;
		default: return CLI_RESULT(c);
		}
	}
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if ((rc = tk_bank_log(b, (int)limit, log_entry, NULL, &err)) != TK_OK)
		rc = cli_fail(&err);
	cli_close_bank(b);
	return rc;
}

const struct cli_cmd cli_cmd_undo = {
	"undo", run_undo, N_("undo the latest command"), "",
	N_("Undo the latest command still in effect (import, set, tag, ...).\n"
	   "The journal lives in the bank: undo works across processes.\n"
	   "Exits 1 when there is nothing to undo.\n"),
	NULL, NULL, 0
};

const struct cli_cmd cli_cmd_redo = {
	"redo", run_undo, N_("redo the command undone last"), "",
	N_("Redo the earliest command undone, unless a new command came since.\n"
	   "Exits 1 when there is nothing to redo.\n"),
	NULL, NULL, 0
};

static const struct cli_opt log_opts[] = {
	{"limit", 'n', "N", N_("only the N newest commands (default 0 = all)")},
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_log = {
	"log", run_log, N_("list the journal of commands"), "[-n N]",
	N_("The commands that changed the bank, newest first: number, time (UTC),\n"
	   "who ($USER or --by), command, what, and how many items or standards\n"
	   "it changed.  Undone commands are marked.  Official work is listed too,\n"
	   "as 'audit' lines that undo does not touch: batch generate, papers and\n"
	   "commit, pack and sealing, and edits of items on committed forms, each\n"
	   "with the bank's and the blueprint's digests.\n"),
	log_opts, NULL, 0
};
