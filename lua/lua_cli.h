/*
 * lua_cli.h -- the CLI's way into Lua: `tiku run` (a trusted script with
 * the full API and the standard libraries) and `tiku shell` (a REPL with
 * line editing and history).  No Lua types here: main.c stays Lua-free.
 */
#ifndef TK_LUA_CLI_H
#define TK_LUA_CLI_H

/* The bank path and user that tiku.open() defaults to. */
void tk_lua_set_defaults(const char *bank_path, const char *user);

/*
 * Run the script at path (or the code in expr when path is NULL) with
 * argv as its arguments (arg[1..argc]).  Returns the exit status: 0, or
 * 1 when the script raised an error (reported on standard error with a
 * traceback).
 */
int tk_lua_run(const char *path, const char *expr, int argc, char **argv);

/*
 * The interactive shell.  A global `bank` is the bank at bank_path when
 * it exists.  Reads from standard input; prompts and history only on a
 * terminal.  Returns the exit status.
 */
int tk_lua_shell(const char *bank_path);

#endif
