/*
 * commands.h -- every command of the program, each defined in the file of
 * its group and listed in main.c's table.
 */
#ifndef TK_COMMANDS_H
#define TK_COMMANDS_H

#include "cli.h"

extern const struct cli_cmd cli_cmd_import;
extern const struct cli_cmd cli_cmd_export;
extern const struct cli_cmd cli_cmd_lint;
extern const struct cli_cmd cli_cmd_search;
extern const struct cli_cmd cli_cmd_coverage;
extern const struct cli_cmd cli_cmd_new;
extern const struct cli_cmd cli_cmd_edit;
extern const struct cli_cmd cli_cmd_set;
extern const struct cli_cmd cli_cmd_tag;
extern const struct cli_cmd cli_cmd_keyword;
extern const struct cli_cmd cli_cmd_retire;
extern const struct cli_cmd cli_cmd_merge;
extern const struct cli_cmd cli_cmd_undo;
extern const struct cli_cmd cli_cmd_redo;
extern const struct cli_cmd cli_cmd_log;
extern const struct cli_cmd cli_cmd_show;
extern const struct cli_cmd cli_cmd_history;
extern const struct cli_cmd cli_cmd_diff;
extern const struct cli_cmd cli_cmd_review;
extern const struct cli_cmd cli_cmd_suggest;
extern const struct cli_cmd cli_cmd_config;
extern const struct cli_cmd cli_cmd_assemble;
extern const struct cli_cmd cli_cmd_validate;
extern const struct cli_cmd cli_cmd_render;
extern const struct cli_cmd cli_cmd_keygen;
extern const struct cli_cmd cli_cmd_sign;
extern const struct cli_cmd cli_cmd_verify;
extern const struct cli_cmd cli_cmd_pack;
extern const struct cli_cmd cli_cmd_open;
extern const struct cli_cmd cli_cmd_paper;
extern const struct cli_cmd cli_cmd_batch;
extern const struct cli_cmd cli_cmd_run;
extern const struct cli_cmd cli_cmd_shell;
extern const struct cli_cmd cli_cmd_script;
extern const struct cli_cmd cli_cmd_standard;
extern const struct cli_cmd cli_cmd_course;
extern const struct cli_cmd cli_cmd_bundle;
extern const struct cli_cmd cli_cmd_help;
extern const struct cli_cmd cli_cmd_version;

/*
 * Suggestions printed item after item (suggest.c), for tiku suggest and
 * tiku import --suggest: begin, one call per item, end.  n codes per
 * item; json: one JSON array of them all.  item returns the status,
 * after reporting a failure.
 */
struct cli_suggest {
	struct tk_bank *b;
	const struct tk_standard *s;    /* the last item's (the bank's) */
	int json, n, items;
};
void cli_suggest_begin(struct cli_suggest *cs, struct tk_bank *b, int json, int n);
int cli_suggest_item(struct cli_suggest *cs, const struct tk_item *it);
void cli_suggest_end(struct cli_suggest *cs);

/* Read a secret key (package.c), asking for its passphrase (the first
   line of pfile, else on the terminal) only if it has one. */
struct tk_seckey;
struct tk_error;
int cli_read_secret(const char *key, const char *pfile, struct tk_seckey *sk,
		    struct tk_error *err);

#endif
