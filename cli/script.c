/*
 * script.c -- Lua: tiku run (a trusted script with the whole API), tiku
 * shell (the REPL), and the untrusted scripts the bank carries (tiku
 * script add, list, show, rm).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "lua_cli.h"
#include "lua_sandbox.h"
#include "util.h"

enum { K_LINT = CLI_K_OWN, K_HOOK };

/* ---- run, shell -------------------------------------------------------- */

static int run_run(const struct cli_cmd *cmd, int argc, char **argv)
{
	const char *expr = NULL;
	int c;

	/* options end at the script (CLI_STOP_AT_ARG), or after -e CODE: what
	 * follows is the script's, dashes and all, as python -c does */
	while (expr == NULL && (c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		if (c == 'e')
			expr = optarg;
		else
			return CLI_RESULT(c);
	}
	if (expr)
		return tk_lua_run(NULL, expr, argc - optind, argv + optind);
	if (optind >= argc)
		return cli_usage(cmd, "%s", _("no script to run"));
	return tk_lua_run(argv[optind], NULL, argc - optind - 1, argv + optind + 1);
}

static int run_shell(const struct cli_cmd *cmd, int argc, char **argv)
{
	const char *bank = cli_bank_path;
	int done, rc = cli_no_options(cmd, argc, argv, &done);

	if (done)
		return rc;
	if (argc - optind > 1)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind + 1]);
	if (optind < argc)
		bank = argv[optind];
	/* tiku.open() in the shell opens the bank it was started on */
	tk_lua_set_defaults(bank, cli_user);
	return tk_lua_shell(bank);
}

static const struct cli_opt run_opts[] = {
	{"eval", 'e', "CODE", N_("run CODE instead of a file; the arguments after it are its own")},
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_run = {
	"run", run_run, N_("run a Lua script with the whole API"),
	"SCRIPT.lua [ARGS...]\n-e 'LUA CODE' [ARGS...]",
	N_("Run a trusted Lua 5.4 script with the standard libraries and the tiku\n"
	   "module (also the global `tiku`; see docs/lua.md).  tiku.open() opens\n"
	   "the bank --bank or $TIKU_BANK names.  The script's arguments are in\n"
	   "`arg` and `...`: everything after SCRIPT.lua or -e CODE, options\n"
	   "included.  Exits 1 when the script raises an error.\n"),
	run_opts, NULL, CLI_STOP_AT_ARG
};

const struct cli_cmd cli_cmd_shell = {
	"shell", run_shell, N_("an interactive Lua shell on the bank"), "[BANK]",
	N_("A Lua REPL with line editing and history (~/.tiku_history): the bank\n"
	   "is the global `bank`, values print readably, an expression prints its\n"
	   "value.  Ctrl-D quits.\n"),
	NULL, NULL, 0
};

/* ---- script ------------------------------------------------------------ */

/* The index of the script called name in v, or -1 with err set. */
static int find_script(const struct tk_script *v, int n, const char *name, struct tk_error *err)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return i;
	tk_error_set(err, TK_EINPUT, NULL, 0, "no script '%s' in the bank", name);
	return -1;
}

/* Store (code NULL: remove) a script as one command, so that undo takes it back. */
static int put_script(struct tk_bank *b, const char *name, const char *kind,
		      const char *event, const char *code, struct tk_error *err)
{
	int rc;

	if ((rc = tk_bank_begin(b, "script", name, err)) != TK_OK)
		return rc;
	if ((rc = tk_bank_put_script(b, name, kind, event, code, err)) != TK_OK) {
		tk_bank_rollback(b);
		return rc;
	}
	return tk_bank_commit(b, err);
}

/* The options of a script command that takes exactly nargs arguments. */
static int script_args(const struct cli_cmd *cmd, int argc, char **argv, int nargs, int *done)
{
	int rc = cli_no_options(cmd, argc, argv, done);

	if (*done)
		return rc;
	*done = 1;
	if (argc - optind > nargs)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind + nargs]);
	if (argc - optind < nargs)
		return cli_usage(cmd, _("usage: tiku %s %s"), cmd->name, cmd->synopsis);
	*done = 0;
	return TK_OK;
}

static int run_script_add(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	const char *kind = NULL, *event = NULL;
	char *code = NULL;
	size_t len;
	int c, rc;

	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case K_LINT: kind = "lint"; event = NULL; break;
		case K_HOOK: kind = "hook"; event = optarg; break;
		default: return CLI_RESULT(c);
		}
	}
	if (argc - optind != 2 || kind == NULL)
		return cli_usage(cmd, _("usage: tiku %s %s"), cmd->name, cmd->synopsis);
	if (event && strcmp(event, "item.before_save") && strcmp(event, "item.saved"))
		return cli_usage(cmd, _("unknown event '%s' (item.before_save, item.saved)"), event);
	if (tk_read_file(argv[optind + 1], &code, &len, &err) != TK_OK)
		return cli_fail(&err);
	/* refuse what would fail later: it must load in the sandbox */
	if (tk_sandbox_check(argv[optind], code, NULL, &err) != TK_OK) {
		rc = cli_fail(&err);
	} else if ((rc = cli_open_bank(TK_BANK_READ, &b)) == TK_OK) {
		if ((rc = put_script(b, argv[optind], kind, event, code, &err)) != TK_OK)
			rc = cli_fail(&err);
		cli_close_bank(b);
	}
	free(code);
	return rc;
}

static int run_script_list(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	struct tk_script *v = NULL;
	int done, rc = script_args(cmd, argc, argv, 0, &done), n = 0, i;

	if (done)
		return rc;
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if ((rc = tk_bank_scripts(b, NULL, &v, &n, &err)) != TK_OK)
		rc = cli_fail(&err);
	for (i = 0; i < n; i++)
		printf("%-20s %-5s %s\n", v[i].name, v[i].kind, v[i].event ? v[i].event : "");
	tk_scripts_free(v, n);
	cli_close_bank(b);
	return rc;
}

static const struct cli_cmd script_show;

/* show and rm: the same look-up, then print the script or remove it. */
static int run_script_one(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	struct tk_script *v = NULL;
	int done, rc = script_args(cmd, argc, argv, 1, &done), n = 0, i = -1;
	const char *name;

	if (done)
		return rc;
	name = argv[optind];
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if ((rc = tk_bank_scripts(b, NULL, &v, &n, &err)) == TK_OK &&
	    (i = find_script(v, n, name, &err)) < 0)
		rc = err.code;
	if (rc == TK_OK && cmd == &script_show)
		fputs(v[i].code, stdout);
	else if (rc == TK_OK)
		rc = put_script(b, name, v[i].kind, NULL, NULL, &err);
	if (rc != TK_OK)
		rc = cli_fail(&err);
	tk_scripts_free(v, n);
	cli_close_bank(b);
	return rc;
}

static const struct cli_opt script_add_opts[] = {
	{"lint", K_LINT, NULL, N_("a house lint rule, run by tiku lint on every item")},
	{"hook", K_HOOK, "EVENT", N_("a hook on EVENT: item.before_save or item.saved")},
	CLI_OPT_END
};

static const struct cli_cmd script_add = {
	"script add", run_script_add, N_("store a Lua script in the bank"),
	"NAME FILE --lint | --hook EVENT",
	N_("Store FILE in the bank as the script NAME, replacing one of that name.\n"
	   "--lint: a house lint rule; the file returns function(item) giving nil,\n"
	   "a message, or a list of messages or {message=, severity=\"error\"}.\n"
	   "--hook item.before_save (or item.saved): the file returns\n"
	   "function(item, event); raising an error refuses the change.  The\n"
	   "script must load in the sandbox, or nothing is stored.  Undoable.\n"),
	script_add_opts, NULL, 0
};

static const struct cli_cmd script_list = {
	"script list", run_script_list, N_("the scripts in the bank"), "",
	N_("List the bank's scripts: name, kind (lint or hook) and event.\n"),
	NULL, NULL, 0
};

static const struct cli_cmd script_show = {
	"script show", run_script_one, N_("print a script of the bank"), "NAME",
	N_("Print the code of the script NAME.\n"),
	NULL, NULL, 0
};

static const struct cli_cmd script_rm = {
	"script rm", run_script_one, N_("remove a script from the bank"), "NAME",
	N_("Remove the script NAME from the bank.  Undoable.\n"),
	NULL, NULL, 0
};

static const struct cli_cmd *const script_subs[] = {
	&script_add, &script_list, &script_show, &script_rm, NULL
};

const struct cli_cmd cli_cmd_script = {
	"script", NULL, N_("manage the Lua scripts the bank carries"), NULL,
	N_("Scripts that travel inside the bank: house lint rules (--lint: the\n"
	   "file returns function(item) giving nil, a message, or a list of\n"
	   "messages or {message=, severity=\"error\"}) that `tiku lint` runs on\n"
	   "every item, and hooks (--hook item.before_save: the file returns\n"
	   "function(item, event); raising an error refuses the change).  They\n"
	   "are untrusted: they run sandboxed, without io, os, package, debug,\n"
	   "bytecode or finalizers (__gc), within a memory cap of 64 MiB, 50\n"
	   "million instructions and 1 s per call, string patterns whose cost on\n"
	   "their subject is bounded, and 64 KiB of print() output.  All the\n"
	   "scripts of one command together get 20 s ($TIKU_SCRIPT_SECONDS sets\n"
	   "another total).  No pcall inside a script can catch a limit.  Adding\n"
	   "and removing scripts are commands: undo takes them back.\n"),
	NULL, script_subs, 0
};
