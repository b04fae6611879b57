/*
 * main.c -- the tiku program: global options, the table of commands, and
 * help.  Each command lives in the file of its group (cli/items.c,
 * cli/edit.c, ...) and declares its options there, once.
 *
 * Exit status: 0 ok, 1 a check failed, 2 usage, 3 bad input, 4 internal.
 */
#include <getopt.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "lua_cli.h"
#include "lua_sandbox.h"
#include "render.h"
#include "xml.h"

static const struct cli_cmd *const commands[] = {
	&cli_cmd_import, &cli_cmd_export, &cli_cmd_lint, &cli_cmd_search,
	&cli_cmd_coverage, &cli_cmd_standard, &cli_cmd_show, &cli_cmd_history, &cli_cmd_diff,
	&cli_cmd_new, &cli_cmd_edit, &cli_cmd_set, &cli_cmd_tag, &cli_cmd_keyword, &cli_cmd_suggest,
	&cli_cmd_retire, &cli_cmd_merge, &cli_cmd_review, &cli_cmd_undo, &cli_cmd_redo,
	&cli_cmd_log, &cli_cmd_config,
	&cli_cmd_assemble, &cli_cmd_validate, &cli_cmd_paper, &cli_cmd_batch,
	&cli_cmd_render, &cli_cmd_keygen, &cli_cmd_sign, &cli_cmd_verify,
	&cli_cmd_pack, &cli_cmd_open, &cli_cmd_course, &cli_cmd_bundle,
	&cli_cmd_run, &cli_cmd_shell, &cli_cmd_script,
	&cli_cmd_help, &cli_cmd_version, NULL
};

static const struct cli_cmd *find(const struct cli_cmd *const *v, const char *name)
{
	const char *sp;

	for (; *v; v++) {
		/* a subcommand is declared as "batch new": match the last word */
		sp = strrchr((*v)->name, ' ');
		if (!strcmp(sp ? sp + 1 : (*v)->name, name))
			return *v;
	}
	return NULL;
}

/* Run cmd on argv (argv[0] its name), descending into subcommands. */
static int dispatch(const struct cli_cmd *cmd, int argc, char **argv)
{
	const struct cli_cmd *sub;

	if (cmd->subs == NULL) {
		optind = 0;
		return cmd->run(cmd, argc, argv);
	}
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cli_help(cmd, argc < 2 ? stderr : stdout);
		return argc < 2 ? TK_EUSAGE : TK_OK;
	}
	sub = find(cmd->subs, argv[1]);
	if (sub == NULL)
		return cli_usage(cmd, _("unknown subcommand '%s'"), argv[1]);
	return dispatch(sub, argc - 1, argv + 1);
}

static int run_help(const struct cli_cmd *cmd, int argc, char **argv)
{
	const struct cli_cmd *const *c, *target;
	int k, i, list = 0;

	while ((k = cli_next(cmd, argc, argv)) != CLI_DONE) {
		if (k == 'L')
			list = 1;
		else
			return CLI_RESULT(k);
	}
	if (list) {
		cli_list_options(commands, stdout);
		return TK_OK;
	}
	if (optind < argc) {
		target = find(commands, argv[optind]);
		for (i = optind + 1; target && target->subs && i < argc; i++)
			target = find(target->subs, argv[i]);
		if (target == NULL)
			return cli_usage(cmd, _("unknown command '%s'"), argv[optind]);
		cli_help(target, stdout);
		return TK_OK;
	}
	printf("%s tiku [--bank FILE] [--by NAME] COMMAND [options] [args]\n\n%s\n\n%s\n",
	       _("usage:"), _("An offline authoring tool for standards-aligned question banks."),
	       _("commands:"));
	for (c = commands; *c; c++) {
		printf("  ");
		cli_print_cell(stdout, (*c)->name, 10, 1);
		printf(" %s\n", _((*c)->summary));
	}
	printf("\n%s", _("The bank is the file named by --bank, else $TIKU_BANK, else tiku.db in\n"
			 "the current directory; it is created on the first write.  The journal\n"
			 "names --by, else $USER, as who made each change.  The standard a\n"
			 "command works on is --standard, else $TIKU_STANDARD, else the bank's\n"
			 "default (tiku standard default ID), else its only standard.\n\n"
			 "exit status: 0 ok, 1 a check failed, 2 usage error, 3 bad input,\n"
			 "4 internal error.\n\n"
			 "'tiku help COMMAND' or 'tiku COMMAND --help' describes a command.\n"));
	return TK_OK;
}

static int run_version(const struct cli_cmd *cmd, int argc, char **argv)
{
	int done, rc = cli_no_options(cmd, argc, argv, &done);

	if (done)
		return rc;
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	printf("tiku %s\n", TIKU_VERSION);
	return TK_OK;
}

static const struct cli_opt help_opts[] = {
	{"options", 'L', NULL, N_("list every command's options, one a line (for scripts)")},
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_help = {
	"help", run_help, N_("show help for tiku or a command"), "[COMMAND [SUBCOMMAND]]",
	NULL, help_opts, NULL, 0
};

const struct cli_cmd cli_cmd_version = {
	"version", run_version, N_("print the version"), "", NULL, NULL, NULL, 0
};

int main(int argc, char **argv)
{
	const struct cli_cmd *c;
	int i, rc, n = 0;
	char **args;
	const char *env;

	tk_i18n_init();
	cli_user = getenv("USER");
	if (cli_user == NULL || cli_user[0] == '\0') {
		struct passwd *pw = getpwuid(getuid());
		cli_user = pw ? pw->pw_name : NULL;
	}
	if ((env = getenv("TIKU_SCRIPT_SECONDS")) != NULL && env[0] != '\0') {
		char *end;
		double t = strtod(env, &end);
		if (*end != '\0' || !(t > 0 && t <= 86400)) {
			fprintf(stderr, "tiku: ");
			fprintf(stderr, _("TIKU_SCRIPT_SECONDS must be seconds between 0 and 86400, not '%s'"),
				env);
			fputc('\n', stderr);
			return TK_EUSAGE;
		}
		tk_sandbox_defaults.total_seconds = t;
	}
	cli_bank_path = getenv("TIKU_BANK");
	if (cli_bank_path == NULL || cli_bank_path[0] == '\0')
		cli_bank_path = "tiku.db";
	/* --bank and --by may come before or after the command */
	args = calloc((size_t)argc + 1, sizeof *args);
	if (args == NULL)
		return TK_EINTERNAL;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--bank") || !strcmp(argv[i], "--by")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "tiku: ");
				fprintf(stderr, _("option '%s' needs an argument"), argv[i]);
				fputc('\n', stderr);
				free(args);
				return TK_EUSAGE;
			}
			if (argv[i][2] == 'b' && argv[i][3] == 'a')
				cli_bank_path = argv[++i];
			else
				cli_user = argv[++i];
		} else if (!strncmp(argv[i], "--bank=", 7)) {
			cli_bank_path = argv[i] + 7;
		} else if (!strncmp(argv[i], "--by=", 5)) {
			cli_user = argv[i] + 5;
		} else {
			args[n++] = argv[i];
		}
	}
	tk_lua_set_defaults(cli_bank_path, cli_user);
	if (n == 0 || !strcmp(args[0], "--help") || !strcmp(args[0], "-h")) {
		char *h[] = {"help", NULL};
		optind = 0;
		rc = run_help(&cli_cmd_help, 1, h);
		free(args);
		return n == 0 ? TK_EUSAGE : rc;
	}
	if (!strcmp(args[0], "--version"))
		args[0] = "version";
	c = find(commands, args[0]);
	if (c == NULL) {
		fprintf(stderr, "tiku: ");
		fprintf(stderr, _("'%s' is not a tiku command; see 'tiku help'"), args[0]);
		fputc('\n', stderr);
		free(args);
		return TK_EUSAGE;
	}
	rc = dispatch(c, n, args);
	free(args);
	tk_xml_cleanup();
	tk_render_cleanup();
	return rc;
}
