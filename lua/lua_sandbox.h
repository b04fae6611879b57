/*
 * lua_sandbox.h -- running the Lua scripts that travel inside a bank:
 * house lint rules and hooks.  They are untrusted input, so each runs in
 * a Lua state of its own with only the safe libraries (no io, os,
 * package, debug, no loading of bytecode, no finalizers), a memory cap
 * enforced by the state's allocator, an instruction budget and a
 * wall-clock deadline per call, a total time for all the scripts of one
 * command, a cost limit on string patterns (whose matcher runs in C,
 * out of reach of the instruction count) and a cap on what print()
 * writes.  A script that breaks a limit stops with a clear error naming
 * it and changes nothing; the limit cannot be caught by pcall, xpcall
 * or a coroutine inside the script.
 *
 * This header is for the core and the CLI: it does not expose Lua.
 */
#ifndef TK_LUA_SANDBOX_H
#define TK_LUA_SANDBOX_H

#include "bank.h"
#include "diag.h"
#include "item.h"
#include "standard.h"

struct tk_sandbox_limits {
	size_t memory;          /* bytes the state may hold */
	long instructions;      /* VM instructions per call */
	double call_seconds;    /* wall-clock time per call */
	double total_seconds;   /* all sandboxed calls of the process together */
	size_t print_bytes;     /* what print() may write per state */
};

/* The limits used unless a caller says otherwise. */
extern struct tk_sandbox_limits tk_sandbox_defaults;

/*
 * Load code (a chunk named name) in a fresh sandbox and check that it
 * returns a function, within the limits, as every bank script must.
 */
int tk_sandbox_check(const char *name, const char *code,
		     const struct tk_sandbox_limits *lim, struct tk_error *err);

/*
 * House lint rules: every "lint" script of bank b (ud, a struct tk_bank),
 * run on every item; what a rule returns becomes a diagnostic.  Matches
 * the extra checks of tk_lint_bank().
 */
void tk_lua_house_rules(void *ud, const struct tk_standard *s,
			struct tk_item *const *items, size_t n, struct tk_diags *d);

/*
 * Install the bank's "hook" scripts as hooks of b (each in a sandbox of
 * its own).  *out is NULL when there are none; free with
 * tk_lua_hooks_free() before closing b.
 */
struct tk_lua_hooks;
int tk_lua_hooks_install(struct tk_bank *b, struct tk_lua_hooks **out,
			 struct tk_error *err);
void tk_lua_hooks_free(struct tk_lua_hooks *h);

#endif
