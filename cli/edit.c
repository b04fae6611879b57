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
#include "itemdiff.h"
#include "util.h"

#define MAX_CODES 16

/* ---- what a command changed ------------------------------------------------ */

struct described {
	struct tk_buf *out;
	const char *sep;        /* between items */
	int n;
};

static struct tk_item *item_of(const char *id, const char *standard, const char *xml)
{
	struct tk_row row;
	struct tk_item *it = NULL;
	struct tk_error err = {0};

	if (xml == NULL || standard == NULL)
		return NULL;
	memset(&row, 0, sizeof row);
	row.id = id;
	row.standard = standard;
	row.xml = xml;
	tk_item_from_row(&row, &it, &err);
	return it;
}

/* "ID vN: difficulty 3 → 4; status draft → review" for one item of an entry */
static int describe_item(void *ud, const char *id, const char *standard, const char *before,
			 const char *after)
{
	struct described *d = ud;
	struct tk_item *a = item_of(id, standard, before), *b = item_of(id, standard, after);
	struct tk_itemdiff diff;

	tk_buf_printf(d->out, "%s%s", d->n++ ? d->sep : "", id);
	if (b)
		tk_buf_printf(d->out, " v%d", b->version);
	if (before == NULL)
		tk_buf_printf(d->out, ": %s", _("added"));
	else if (after == NULL)
		tk_buf_printf(d->out, ": %s", _("removed"));
	else if (a && b && tk_itemdiff(a, b, &diff) == TK_OK) {
		tk_buf_puts(d->out, ": ");
		tk_itemdiff_summary(&diff, d->out);
		tk_itemdiff_free(&diff);
	}
	tk_item_free(a);
	tk_item_free(b);
	return 0;
}

/* What journal entry seq did to items, at most max of them (0: all), into out. */
static int describe(struct tk_bank *b, long seq, int max, const char *sep, struct tk_buf *out)
{
	struct described d = {out, sep, 0};
	struct tk_error err = {0};

	if (seq)
		tk_bank_entry_items(b, seq, max, describe_item, &d, &err);
	return d.n;
}

/* The one line a successful edit prints: what changed, old → new. */
static void print_changed(struct tk_bank *b)
{
	struct tk_buf line = TK_BUF_INIT;

	if (describe(b, tk_bank_last_command(b), 0, "; ", &line) == 0)
		printf("%s\n", _("nothing changed: the items were already so"));
	else
		printf("%s\n", tk_buf_str(&line));
	tk_buf_free(&line);
}

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
	if (rc == TK_OK)
		print_changed(b);
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

/* A change of tag and keyword: +VALUE adds, -VALUE removes. */
static int is_change(const char *arg)
{
	return (arg[0] == '+' || arg[0] == '-') && arg[1];
}

/* tag --accept: each item takes its first suggested code (set by run_tag) */
static int tag_accept;

/* ITEM... then +VALUE/-VALUE...: the number of items, or -1 after a usage error. */
static int tag_items(const struct cli_cmd *cmd, int argc, char **argv)
{
	int i, n = 0;

	if (tag_accept) {
		for (i = 0; i < argc; i++)
			if (is_change(argv[i])) {
				cli_usage(cmd, _("'%s': --accept takes items only, the code is the "
						 "first suggestion"), argv[i]);
				return -1;
			}
		return argc;
	}

	while (n < argc && !is_change(argv[n]))
		n++;
	for (i = n; i < argc; i++)
		if (!is_change(argv[i])) {
			cli_usage(cmd, _("'%s': items come first, then +VALUE and -VALUE"), argv[i]);
			return -1;
		}
	if (n == 0 || n == argc) {
		cli_usage(cmd, _("usage: tiku %s %s"), cmd->name, cmd->synopsis);
		return -1;
	}
	return n;
}

static int check_tag(const struct cli_cmd *cmd, int argc, char **argv)
{
	return tag_items(cmd, argc, argv) < 0 ? TK_EUSAGE : TK_OK;
}

/* Every change on every item, as one command. */
static int edit_tag(const struct cli_cmd *cmd, struct tk_bank *b, int argc, char **argv,
		    struct tk_diags *d, struct tk_error *err)
{
	int n = tag_items(cmd, argc, argv), i, k, rc;

	if (tag_accept) {
		char code[TK_CODE_MAX];
		rc = begin_many(cmd, b, n, argv[0], err);
		for (i = 0; i < n && rc == TK_OK; i++)
			rc = tk_cmd_accept(b, argv[i], code, d, err);
		return rc;
	}
	rc = begin_many(cmd, b, n * (argc - n), argv[0], err);
	for (i = 0; i < n && rc == TK_OK; i++)
		for (k = n; k < argc && rc == TK_OK; k++) {
			int add = argv[k][0] == '+';
			rc = cmd == &cli_cmd_keyword ?
			     tk_cmd_keyword(b, argv[i], argv[k] + 1, add, d, err) :
			     tk_cmd_tag(b, argv[i], argv[k] + 1, add, d, err);
		}
	return rc;
}

static int run_tag(const struct cli_cmd *cmd, int argc, char **argv)
{
	int i, k;

	/* --accept may stand anywhere: the arguments after the first item
	   are not options (tag ITEM -1.1.2), and no code starts with "--" */
	tag_accept = 0;
	for (i = k = 1; i < argc; i++)
		if (!strcmp(argv[i], "--accept") && cmd != &cli_cmd_tag)
			return cli_usage(cmd, _("unknown option '%s'"), argv[i]);
		else if (!strcmp(argv[i], "--accept"))
			tag_accept = 1;
		else
			argv[k++] = argv[i];
	argv[k] = NULL;
	return change_command(cmd, k, argv, tag_accept ? 1 : 2, -1, check_tag, edit_tag);
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
	   "against the standard first (lint errors refuse it), undoable.  Prints\n"
	   "one line saying what changed, old → new.\n\n"
	   "fields: status (draft, review, retired; approved only through tiku\n"
	   "review), difficulty (1-5), points, time (seconds), author, level,\n"
	   "kind, type, stem, explanation, answer.  Rich-text fields take plain\n"
	   "text.\n"),
	NULL, NULL, CLI_STOP_AT_ARG
};

static const struct cli_opt tag_opts[] = {
	{"accept", CLI_K_OWN, NULL,
	 N_("tag each untagged ITEM with its first suggested code (tiku suggest)")},
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_tag = {
	"tag", run_tag, N_("add or remove requirement codes of items"),
	"ITEM... +CODE|-CODE...\nITEM... --accept",
	N_("Add (+) or remove (-) requirement codes (\"1.1.2\", basics \"B2.2.7\")\n"
	   "of one or more items, as one undoable command: every change on every\n"
	   "item, or nothing when one is refused.  A code must exist at the item's\n"
	   "level.  Prints one line saying what changed.\n\n"
	   "--accept tags each untagged item with the first code tiku suggest\n"
	   "ranks for it (the closest requirement text); an item that has a code\n"
	   "already, or shares no word with any requirement, is refused.\n"),
	tag_opts, NULL, CLI_STOP_AT_ARG
};

const struct cli_cmd cli_cmd_keyword = {
	"keyword", run_tag, N_("add or remove keywords of items"), "ITEM... +WORD|-WORD...",
	N_("Add (+) or remove (-) keywords of one or more items, as one undoable\n"
	   "command; tiku search finds items by their keywords too.  Prints one\n"
	   "line saying what changed.\n"),
	NULL, NULL, CLI_STOP_AT_ARG
};

const struct cli_cmd cli_cmd_retire = {
	"retire", run_retire, N_("retire items (kept, but out of papers)"), "ITEM...",
	N_("Set items to status retired, as one command.  Prints one line saying\n"
	   "what changed.\n"),
	NULL, NULL, CLI_STOP_AT_ARG
};

const struct cli_cmd cli_cmd_merge = {
	"merge", run_merge, N_("merge a duplicate into the item to keep"), "KEEP DUPLICATE",
	N_("Retire DUPLICATE; KEEP takes over its codes, keywords and enemies,\n"
	   "and items that named DUPLICATE as an enemy name KEEP.  One command;\n"
	   "prints one line saying what changed in each item.\n"),
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

enum { K_ANY = CLI_K_OWN, K_ITEM };

/* undo and redo: the same but for the direction. */
static int run_undo(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	struct tk_journal_entry e;
	char changes[64];
	int undo = cmd == &cli_cmd_undo;
	int c, rc, any = 0;

	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		if (c == K_ANY)
			any = 1;
		else
			return CLI_RESULT(c);
	}
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	/* one's own latest command, by the name the journal records (--by, $USER) */
	rc = undo ? tk_bank_undo(b, any ? NULL : tk_bank_user(b), &e, &err) :
	     tk_bank_redo(b, &e, &err);
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

/* s padded to cols display columns (never cut: a longer s pushes on). */
static void padded(const char *s, int cols)
{
	int w = tk_display_width(s, strlen(s));

	fputs(s, stdout);
	while (w++ < cols)
		putchar(' ');
}

/* Who and which command, in columns of display width (names may be Chinese). */
static void who_what(const struct tk_journal_entry *e)
{
	padded(e->user, 10);
	putchar(' ');
	padded(e->command, 7);
	putchar(' ');
}

/* Commands that changed at most this many items show each, old → new. */
#define LOG_DETAIL 3

static int log_entry(void *ud, const struct tk_journal_entry *e)
{
	struct tk_bank *b = ud;
	char changes[64];

	if (e->audit) {
		/* official work: not undoable, so no number to undo by */
		printf("audit  %s  ", e->time);
		who_what(e);
		printf("%s", e->summary);
		if (e->bank_digest[0])
			printf(_(" (bank %.12s"), e->bank_digest);
		if (e->bank_digest[0] && e->blueprint_digest[0])
			printf(_(", blueprint %.12s"), e->blueprint_digest);
		printf("%s\n", e->bank_digest[0] ? ")" : "");
		return 0;
	}
	printf("#%-5ld %s  ", e->seq, e->time);
	who_what(e);
	printf("%s (%s)%s\n", e->summary, changes_text(e->changes, changes, sizeof changes),
	       strcmp(e->state, "undone") ? "" : _("  [undone]"));
	if (e->changes <= LOG_DETAIL) {
		struct tk_buf lines = TK_BUF_INIT;
		if (describe(b, e->seq, LOG_DETAIL, "\n       ", &lines))
			printf("       %s\n", tk_buf_str(&lines));
		tk_buf_free(&lines);
	}
	return 0;
}

static int run_log(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	const char *item = NULL;
	long limit = 0;
	int c, rc;

	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case 'n':
			if (cli_long(cmd, "--limit", optarg, 0, 1000000000, &limit) < 0)
				return TK_EUSAGE;
			break;
		case K_ITEM: item = optarg; break;
		default: return CLI_RESULT(c);
		}
	}
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if (item && tk_bank_versions(b, item, &err) == 0) {
		if (!err.msg[0])
			tk_error_set(&err, TK_EINPUT, tk_bank_path(b), 0, "no item '%s' in the bank", item);
		rc = cli_fail(&err);
	} else if ((rc = tk_bank_log_item(b, item, (int)limit, log_entry, b, &err)) != TK_OK) {
		rc = cli_fail(&err);
	}
	cli_close_bank(b);
	return rc;
}

static const struct cli_opt undo_opts[] = {
	{"any", K_ANY, NULL, N_("the latest command of anyone, not only your own")},
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_undo = {
	"undo", run_undo, N_("undo your latest command"), "[--any]",
	N_("Undo your latest command still in effect (import, set, tag, review,\n"
	   "...): yours is one the journal records under your name (--by NAME,\n"
	   "else $USER), so that you never undo a colleague's work by mistake.\n"
	   "--any undoes the latest command of anyone.  A command of yours that\n"
	   "someone changed the same item after is not undone (exit 3): undo\n"
	   "theirs first.  The journal lives in the bank: undo works across\n"
	   "processes.  Exits 1 when there is nothing of yours to undo.\n"),
	undo_opts, NULL, 0
};

const struct cli_cmd cli_cmd_redo = {
	"redo", run_undo, N_("redo the command undone last"), "",
	N_("Redo the earliest command undone, unless a new command came since.\n"
	   "Exits 1 when there is nothing to redo.\n"),
	NULL, NULL, 0
};

static const struct cli_opt log_opts[] = {
	{"limit", 'n', "N", N_("only the N newest commands (default 0 = all)")},
	{"item", K_ITEM, "ID", N_("only the commands that changed this item")},
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_log = {
	"log", run_log, N_("list the journal of commands"), "[-n N] [--item ID]",
	N_("The commands that changed the bank, newest first: number, time (UTC),\n"
	   "who ($USER or --by), command, what, and how many items or standards\n"
	   "it changed; under a command that changed at most 3 items, what it\n"
	   "changed in each, old → new.  Undone commands are marked.  Official\n"
	   "work is listed too, as 'audit' lines that undo does not touch: batch\n"
	   "generate, papers and commit, pack and sealing, edits of items on\n"
	   "committed forms and changes of the bank's settings, each with the\n"
	   "bank's and the blueprint's digests.  --item ID lists only the commands\n"
	   "that changed that item.\n"),
	log_opts, NULL, 0
};
