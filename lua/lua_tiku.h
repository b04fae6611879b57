/*
 * lua_tiku.h -- the tiku module for Lua (the full API of trusted scripts):
 * what lua_cli.c needs to open it.  The rest of the core never includes
 * it (nor lua.h).
 */
#ifndef TK_LUA_TIKU_H
#define TK_LUA_TIKU_H

#include <lua.h>

/* Open the "tiku" module (C part, with the embedded Lua library on top). */
int luaopen_tiku(lua_State *L);

/*
 * Make require() find the Lua library embedded in the binary
 * (lua/tiku/NAME.lua as "tiku.NAME", lua/tiku/init.lua as "tiku").
 */
void tk_lua_preload(lua_State *L);

/* The path of the bank the CLI was given (--bank, $TIKU_BANK, tiku.db). */
extern const char *tk_lua_default_bank;
extern const char *tk_lua_default_user;

#endif
