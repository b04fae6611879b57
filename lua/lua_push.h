/*
 * lua_push.h -- the core's records as Lua tables, shared by the full API
 * and the sandbox so that a script sees an item the same way in both.
 * Each function pushes one value (or sets one field of the table on top)
 * and may raise a Lua error only for memory.
 */
#ifndef TK_LUA_PUSH_H
#define TK_LUA_PUSH_H

#include <lua.h>
#include <lauxlib.h>

#include "diag.h"
#include "item.h"
#include "standard.h"

/* Push an item as a table (every field; see docs/lua.md). */
void tk_lua_push_item(lua_State *L, const struct tk_item *it);

/* Push a standard as a table. */
void tk_lua_push_standard(lua_State *L, const struct tk_standard *s);

/* Push diagnostics as a list of {severity, file, line, message}. */
void tk_lua_push_diags(lua_State *L, const struct tk_diags *d);

/* Points are stored in tenths; Lua sees 2 or 1.5. */
void tk_lua_push_points(lua_State *L, int tenths);

/* Set field k of the table on top: a string (skipped when NULL), an
 * integer, the plain text of a rich-text fragment, a list of strings. */
void tk_lua_set_str(lua_State *L, const char *k, const char *v);
void tk_lua_set_int(lua_State *L, const char *k, lua_Integer v);
void tk_lua_set_plain(lua_State *L, const char *k, const char *fragment);
void tk_lua_set_list(lua_State *L, const char *k, char **v, int n);

#endif
