/*
 * cli.h -- what the command files of the `tiku` program share: the
 * declaration of a command and its options (from which getopt's table and
 * the help text are made, so the two cannot disagree), the options many
 * commands take, and the program's common steps: opening the bank,
 * reporting failures, the rules for -o.
 *
 * A command file defines `const struct cli_cmd cli_cmd_NAME` for each of
 * its commands; main.c lists them.  A command's run() returns the exit
 * status: 0 ok, 1 a check failed, 2 usage, 3 bad input, 4 internal.
 */
#ifndef TK_CLI_H
#define TK_CLI_H

#include <stdio.h>

#include "bank.h"
#include "i18n.h"
#include <pthread.h>

#include "image.h"
#include "standard.h"
#include "tiku.h"
#include "util.h"

/*
 * One option.  key is the letter of its short form (-o) or, for an
 * option with only a long name, one of the CLI_K_* values (>= 256).
 * arg names the option's argument in the help ("FILE"); NULL for a flag.
 * help is one line, marked with N_() and translated when printed.
 */
struct cli_opt {
	const char *name;
	int key;
	const char *arg;
	const char *help;
};

#define CLI_OPT_END {NULL, 0, NULL, NULL}

/* Keys of long-only options.  A command's own keys start at CLI_K_OWN. */
enum {
	CLI_K_STANDARD = 256, CLI_K_LEVEL, CLI_K_KIND, CLI_K_TYPE, CLI_K_STATUS,
	CLI_K_CODE, CLI_K_SEED, CLI_K_BLUEPRINT, CLI_K_ROSTER, CLI_K_FORMAT,
	CLI_K_KEY, CLI_K_PASSFILE, CLI_K_IMAGES,
	CLI_K_OWN = 300
};

/*
 * The options shared by many commands, declared here once: the same
 * name, argument and meaning in every command that lists them.
 */
#define CLI_OPT_STANDARD {"standard", CLI_K_STANDARD, "ID", \
	N_("the standard (else $TIKU_STANDARD, the bank's default, its only one)")}
#define CLI_OPT_LEVEL    {"level", CLI_K_LEVEL, "L", \
	N_("the level, by name (初级) or id (junior)")}
#define CLI_OPT_KIND     {"kind", CLI_K_KIND, "K", N_("the paper kind: theory or skill")}
#define CLI_OPT_TYPE     {"type", CLI_K_TYPE, "T", \
	N_("the item type: single, multiple, truefalse, fill, short, case, task")}
#define CLI_OPT_STATUS   {"status", CLI_K_STATUS, "S", \
	N_("the item status: draft, review, approved, retired")}
#define CLI_OPT_CODE     {"code", CLI_K_CODE, "C", N_("a requirement code (1.1.2, B2.2.7)")}
#define CLI_OPT_SEED     {"seed", CLI_K_SEED, "N", N_("the seed (a whole number)")}
#define CLI_OPT_BLUEPRINT {"blueprint", CLI_K_BLUEPRINT, "FILE", N_("the blueprint")}
#define CLI_OPT_ROSTER   {"roster", CLI_K_ROSTER, "FILE", \
	N_("the roster CSV (准考证号, 姓名, 考点)")}
#define CLI_OPT_OUTPUT(what) {"output", 'o', "PATH", what}
#define CLI_OPT_QUIET    {"quiet", 'q', NULL, N_("print only problems")}
#define CLI_OPT_SECKEY   {"key", CLI_K_KEY, "NAME.key", N_("the secret key (tiku keygen)")}
#define CLI_OPT_PASSFILE {"passphrase-file", CLI_K_PASSFILE, "FILE", \
	N_("the passphrase is the first line of FILE (else asked)")}

/* Flags of a command. */
enum {
	CLI_STOP_AT_ARG = 1     /* options end at the first argument (run) */
};

/*
 * A command, or a subcommand ("batch new").  synopsis follows "usage:
 * tiku NAME " (lines after the first are whole usage lines of their
 * own); about is the description, paragraphs separated by blank lines.
 * A command with subcommands has run NULL and subs set.
 */
struct cli_cmd {
	const char *name;
	int (*run)(const struct cli_cmd *cmd, int argc, char **argv);
	const char *summary;
	const char *synopsis;
	const char *about;
	const struct cli_opt *opts;     /* ends with CLI_OPT_END; may be NULL */
	const struct cli_cmd *const *subs;      /* NULL-terminated */
	int flags;
};

/* Results of cli_next() besides an option's key. */
enum { CLI_DONE = -1, CLI_HELP = -2, CLI_BAD = -3 };

/*
 * Parse the next option of argv (argv[0] is the command's name) against
 * the command's declaration; the argument is in optarg.  Returns the
 * option's key, CLI_DONE at the end (optind is then the first argument),
 * CLI_HELP after printing the help for -h/--help, or CLI_BAD after a
 * usage error naming the option.  Start a command with optind = 0 (main
 * does).
 */
int cli_next(const struct cli_cmd *cmd, int argc, char **argv);

/* The status a command returns for CLI_HELP or CLI_BAD. */
#define CLI_RESULT(c) ((c) == CLI_HELP ? TK_OK : TK_EUSAGE)

/* Parse a command that takes no options but --help: 0 to go on, else
 * the status to return at once (*done set). */
int cli_no_options(const struct cli_cmd *cmd, int argc, char **argv, int *done);

/* Print the help made from the declaration. */
void cli_help(const struct cli_cmd *cmd, FILE *f);

/* Every option of the table, one line each ("import\t--partial\t\t"),
 * for tests and shell completion. */
void cli_list_options(const struct cli_cmd *const *cmds, FILE *f);

/* "tiku CMD: message" and "see 'tiku help CMD'" on stderr; returns 2.
 * fmt is translated. */
int cli_usage(const struct cli_cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "tiku: file:line: message" on stderr; returns the error's code. */
int cli_fail(const struct tk_error *err);

/* A whole number option (range checked); on error reports and returns -1. */
int cli_long(const struct cli_cmd *cmd, const char *opt, const char *s,
	     long min, long max, long *out);

/* ---- the program's state --------------------------------------------- */

extern const char *cli_bank_path;    /* --bank, $TIKU_BANK, tiku.db */
extern const char *cli_user;         /* --by, $USER */

/* Open the bank with the hook scripts it carries installed, or close it. */
int cli_open_bank(int flags, struct tk_bank **b);
void cli_close_bank(struct tk_bank *b);

/*
 * The images kept in the bank, for the writers that show items' images
 * (render, export, course bundle): ci->store asks bank b or, when b is
 * NULL, the bank at cli_bank_path, opened the first time an image is
 * asked for (no bank there: no images in it).  Its get may be called
 * from several threads at once when b is NULL (a handle of its own, one
 * question at a time).  Release with cli_images_release.
 */
struct cli_images {
	struct tk_image_store store;
	struct tk_bank *b;
	int own, tried;
	pthread_mutex_t lock;   /* the store may be asked from several threads */
};
void cli_images_init(struct cli_images *ci, struct tk_bank *b);
void cli_images_release(struct cli_images *ci);

/* The standard a command works on (--standard ID or NULL for the rule in
 * tk_bank_get_standard); reports and returns the status on failure. */
int cli_standard(struct tk_bank *b, const char *id, struct tk_standard **s);

/* The index of level ref (name or id) of s, or -1 after reporting. */
int cli_level(const struct cli_cmd *cmd, const struct tk_standard *s, const char *ref);

/* ---- outputs: one rule for -o ------------------------------------------ */

/* Whether the file name path ends in ext (".zip"; any case), with a
 * name before it. */
int cli_has_ext(const char *path, const char *ext);

/*
 * A command that writes one file of format ext (".pdf"): path is written
 * exactly as given, but a known document extension other than ext is a
 * usage error (-o paper.docx for a PDF).  Returns 0 or the status.
 */
int cli_out_file(const struct cli_cmd *cmd, const char *path, const char *ext);

/*
 * A command that writes a pair (a package and its key package): path
 * with or without ext ("pkg.zip", "pkg") gives "pkg.zip" and
 * "pkg-key.zip".  Both are the caller's to free.  Returns 0 or the status.
 */
int cli_out_pair(const struct cli_cmd *cmd, const char *path, const char *ext,
		 char **first, char **second);

/* A command that writes into a folder: create it and its parents. */
int cli_out_dir(const char *path);

/* The folder path is in, as dirname(3) says, in a string the caller
   frees; NULL when out of memory.  A paper's images are found there. */
char *cli_dir_of(const char *path);

/*
 * A folder a run writes into (batch papers, render --each).  open makes
 * it and its parents, remembering which it made; write puts a file in it
 * atomically (fast: without the fsync, for runs that sync the folder at
 * the end) and remembers the files it created; close(failed) takes back
 * what the run made when it failed -- its files, then its folders --
 * and leaves what was there before.
 */
struct cli_outdir {
	const char *path;
	struct tk_buf made;     /* the folders the run made, outermost first */
	struct tk_buf files;    /* the names of the files it made */
};

int cli_outdir_open(struct cli_outdir *o, const char *path);
void cli_outdir_path(const struct cli_outdir *o, const char *name, struct tk_buf *path);
int cli_outdir_write(struct cli_outdir *o, const char *name, const struct tk_buf *data,
		     int fast, struct tk_error *err);
void cli_outdir_close(struct cli_outdir *o, int failed);

/* Print s right-aligned in cols display columns. */
void cli_print_right(FILE *f, const char *s, int cols);

/* Print s padded (or cut, with …) to cols display columns. */
void cli_print_cell(FILE *f, const char *s, int cols, int pad);

/* Print s as a JSON string (the reports for programs: validate, suggest). */
void cli_json_str(FILE *f, const char *s);

#endif
