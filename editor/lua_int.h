/*
 * lua_int.h -- what the lua_*.c files share; the rest of the core never
 * includes it (nor lua.h).
 */
#ifndef TK_LUA_INT_H
#define TK_LUA_INT_H

#include <lua.h>
#include <lauxlib.h>

#include "diag.h"
#include "item.h"
#include "standard.h"

/* Open the "tiku" module (C part, with the embedded Lua library on top). */
int luaopen_tiku(lua_State *L);

/*
 * Make require() find the Lua library embedded in the binary
 * (lua/tiku/NAME.lua as "tiku.NAME", lua/tiku/init.lua as "tiku").
 */
void tk_lua_preload(lua_State *L);

/* Push an item as a table (every field; see docs/lua.md). */
void tk_lua_push_item(lua_State *L, const struct tk_item *it);

/* Push a standard as a table. */
void tk_lua_push_standard(lua_State *L, const struct tk_standard *s);

/* Push diagnostics as a list of {severity, file, line, message}. */
void tk_lua_push_diags(lua_State *L, const struct tk_diags *d);

/* The path of the bank the CLI was given (--bank, $TIKU_BANK, tiku.db). */
extern const char *tk_lua_default_bank;
extern const char *tk_lua_default_user;

#endif
