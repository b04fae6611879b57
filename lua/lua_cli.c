/* lua_cli.c -- `tiku run` and `tiku shell`: trusted Lua, full API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <editline/readline.h>

#include "lua_cli.h"
#include "lua_tiku.h"
#include "tiku.h"

void tk_lua_set_defaults(const char *bank_path, const char *user)
{
	tk_lua_default_bank = bank_path;
	tk_lua_default_user = user;
}

/* Message handler: the error with a traceback, as lua.c does. */
static int traceback(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);

	if (msg == NULL) {
		if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
			return 1;
		msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
	}
	luaL_traceback(L, L, msg, 1);
	return 1;
}

static int report(lua_State *L, int status)
{
	if (status != LUA_OK) {
		const char *msg = lua_tostring(L, -1);
		fprintf(stderr, "tiku: %s\n", msg ? msg : "(error)");
		lua_pop(L, 1);
	}
	return status;
}

/* A state with the standard libraries and tiku (also as a global). */
static lua_State *new_state(void)
{
	lua_State *L = luaL_newstate();

	if (L == NULL)
		return NULL;
	luaL_openlibs(L);
	tk_lua_preload(L);
	return L;
}

/* Runs protected: require "tiku" into a global, so scripts may skip it. */
static int setup(lua_State *L)
{
	lua_getglobal(L, "require");
	lua_pushliteral(L, "tiku");
	lua_call(L, 1, 1);
	lua_setglobal(L, "tiku");
	return 0;
}

struct run_args {
	const char *path, *expr;
	int argc;
	char **argv;
};

static int run_main(lua_State *L)
{
	struct run_args *a = lua_touserdata(L, 1);
	int i, status;

	setup(L);
	lua_createtable(L, a->argc, 1);
	lua_pushstring(L, a->path ? a->path : "-e");
	lua_rawseti(L, -2, 0);
	for (i = 0; i < a->argc; i++) {
		lua_pushstring(L, a->argv[i]);
		lua_rawseti(L, -2, i + 1);
	}
	lua_setglobal(L, "arg");
	status = a->path ? luaL_loadfilex(L, a->path, NULL) :
		 luaL_loadbufferx(L, a->expr, strlen(a->expr), "=(command line)", "t");
	if (status != LUA_OK)
		return lua_error(L);
	for (i = 0; i < a->argc; i++)
		lua_pushstring(L, a->argv[i]);
	lua_call(L, a->argc, 0);
	return 0;
}

int tk_lua_run(const char *path, const char *expr, int argc, char **argv)
{
	struct run_args a = {path, expr, argc, argv};
	lua_State *L = new_state();
	int status;

	if (L == NULL) {
		fprintf(stderr, "tiku: cannot create a Lua state\n");
		return 4;
	}
	lua_pushcfunction(L, traceback);
	lua_pushcfunction(L, run_main);
	lua_pushlightuserdata(L, &a);
	status = report(L, lua_pcall(L, 1, 0, 1));
	lua_close(L);           /* closes banks the script left open */
	return status == LUA_OK ? 0 : 1;
}

/* ---- the shell ----------------------------------------------------- */

/* Is the syntax error one that more input could mend? */
static int incomplete(lua_State *L, int status)
{
	size_t n;
	const char *msg;

	if (status != LUA_ERRSYNTAX)
		return 0;
	msg = lua_tolstring(L, -1, &n);
	return n >= 5 && strcmp(msg + n - 5, "<eof>") == 0;
}

static char *read_line(const char *prompt, int tty)
{
	char buf[4096];
	size_t n;

	if (tty)
		return readline(prompt);
	if (fgets(buf, sizeof buf, stdin) == NULL)
		return NULL;
	n = strlen(buf);
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return strdup(buf);
}

/* Print the values on the stack from base on, readably. */
static void print_results(lua_State *L, int base)
{
	int i, n = lua_gettop(L);

	if (n < base)
		return;
	lua_getglobal(L, "tiku");
	lua_getfield(L, -1, "inspect");
	lua_remove(L, -2);
	for (i = base; i <= n; i++) {
		lua_pushvalue(L, -1);
		lua_pushvalue(L, i);
		if (lua_pcall(L, 1, 1, 0) == LUA_OK) {
			printf("%s%s", i > base ? "\t" : "", lua_tostring(L, -1));
		} else {
			printf("%s%s", i > base ? "\t" : "", luaL_tolstring(L, i, NULL));
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	}
	printf("\n");
	fflush(stdout);
}

static int open_bank_global(lua_State *L)
{
	const char *path = lua_tostring(L, 1);

	lua_getglobal(L, "tiku");
	lua_getfield(L, -1, "open");
	lua_pushstring(L, path);
	lua_call(L, 1, 2);
	if (lua_isnil(L, -2)) {
		fprintf(stderr, "tiku shell: %s\n", lua_tostring(L, -1));
		return 0;
	}
	lua_pop(L, 1);
	lua_setglobal(L, "bank");
	return 0;
}

int tk_lua_shell(const char *bank_path)
{
	lua_State *L = new_state();
	int tty = isatty(STDIN_FILENO), status;
	char *line, hist[1024] = "";
	const char *home = getenv("HOME");

	if (L == NULL)
		return 4;
	lua_pushcfunction(L, traceback);        /* stays at index 1 */
	lua_pushcfunction(L, setup);
	if (report(L, lua_pcall(L, 0, 0, 1)) != LUA_OK) {
		lua_close(L);
		return 4;
	}
	if (bank_path && access(bank_path, F_OK) == 0) {
		lua_pushcfunction(L, open_bank_global);
		lua_pushstring(L, bank_path);
		report(L, lua_pcall(L, 1, 0, 1));
	}
	if (tty) {
		if (home)
			snprintf(hist, sizeof hist, "%s/.tiku_history", home);
		using_history();
		if (hist[0])
			read_history(hist);
		printf("tiku %s shell (Lua 5.4): the bank is `bank`; tiku.inspect prints values;"
		       " Ctrl-D quits\n", TIKU_VERSION);
	}
	while ((line = read_line(tty ? "tiku> " : "", tty)) != NULL) {
		size_t len = strlen(line);
		char *code;

		if (len == 0) {
			free(line);
			continue;
		}
		if (tty)
			add_history(line);
		/* an expression prints its value; else run it as a statement */
		code = malloc(len + 8);
		if (code == NULL) {
			free(line);
			break;
		}
		snprintf(code, len + 8, "return %s", line);
		status = luaL_loadbufferx(L, code, strlen(code), "=stdin", "t");
		free(code);
		if (status != LUA_OK) {
			lua_pop(L, 1);
			status = luaL_loadbufferx(L, line, len, "=stdin", "t");
			while (incomplete(L, status)) {
				char *more = read_line(tty ? ">> " : "", tty);
				char *joined;
				if (more == NULL)
					break;
				lua_pop(L, 1);
				joined = malloc(len + strlen(more) + 2);
				if (joined == NULL) {
					free(more);
					break;
				}
				sprintf(joined, "%s\n%s", line, more);
				free(line);
				free(more);
				line = joined;
				len = strlen(line);
				status = luaL_loadbufferx(L, line, len, "=stdin", "t");
			}
		}
		free(line);
		if (status == LUA_OK)
			status = lua_pcall(L, 0, LUA_MULTRET, 1);
		if (status == LUA_OK)
			print_results(L, 2);
		else
			report(L, status);
		lua_settop(L, 1);
	}
	if (tty && hist[0])
		write_history(hist);
	lua_close(L);
	return 0;
}
