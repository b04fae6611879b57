/* lua_sandbox.c -- a Lua state for untrusted scripts, with limits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#include "i18n.h"
#include "lua_push.h"
#include "lua_sandbox.h"
#include "util.h"

struct tk_sandbox_limits tk_sandbox_defaults = {
	64u << 20,      /* 64 MiB */
	50000000L,      /* about a tenth of a second of Lua per call */
	1.0,            /* the instruction count misses time spent in C */
	20.0,           /* a 100,000-item lint with a light rule needs ~2 s */
	64u << 10
};

#define STEP 1000       /* instructions between two looks at the budget */

/*
 * The most steps a string pattern may cost on its subject, as estimated
 * by pattern_cost(): about a second of the C matcher at worst.
 */
#define PATTERN_STEPS 2e8

/* Why a call was stopped; once set, nothing in the script may go on. */
enum { ALIVE, OUT_OF_STEPS, OUT_OF_TIME, OUT_OF_TOTAL };

struct sandbox {
	lua_State *L;
	size_t used, limit;
	long steps, budget;
	double deadline;        /* monotonic seconds the call must end by */
	double started;
	int dead;               /* ALIVE or why the call was stopped */
	const struct tk_sandbox_limits *lim;
	size_t printed;
	char name[128];
	int fn;                 /* registry ref of the function the script returned */
};

/* Time all sandboxed calls of this process have used, in seconds: the
   total a command may spend in a bank's scripts. */
static double total_used;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The allocator is where the memory cap lives: past it, allocation fails
   and Lua raises "not enough memory" inside the script. */
static void *sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct sandbox *sb = ud;
	size_t old = ptr ? osize : 0;
	void *p;

	if (nsize == 0) {
		free(ptr);
		sb->used -= old;
		return NULL;
	}
	if (nsize > old && sb->used + (nsize - old) > sb->limit)
		return NULL;
	p = realloc(ptr, nsize);
	if (p == NULL)
		return NULL;
	sb->used = sb->used - old + nsize;
	return p;
}

static struct sandbox *sandbox_of(lua_State *L)
{
	void *sb;

	lua_getallocf(L, &sb);
	return sb;
}

/* Raise the error that stopped the call.  Untranslated here: sb_error()
   words it for the user. */
static int stopped(lua_State *L, struct sandbox *sb)
{
	return luaL_error(L, "stopped (%d)", sb->dead);
}

/*
 * The count hook: the instruction budget and the deadline.  Once a call
 * is stopped, every later look stops it again, so that a pcall inside
 * the script that caught the error cannot carry on.
 */
static void sb_count(lua_State *L, lua_Debug *ar)
{
	struct sandbox *sb = sandbox_of(L);

	(void)ar;
	sb->steps += STEP;
	if (sb->dead == ALIVE) {
		if (sb->steps > sb->budget)
			sb->dead = OUT_OF_STEPS;
		else if (now() > sb->deadline)
			sb->dead = sb->deadline < sb->started + sb->lim->call_seconds ?
				   OUT_OF_TOTAL : OUT_OF_TIME;
	}
	if (sb->dead != ALIVE)
		stopped(L, sb);
}

/* Call the library function the wrapper stands for (upvalue 1) with the
   wrapper's arguments; its results are the wrapper's. */
static int call_through(lua_State *L)
{
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

/*
 * pcall, xpcall, coroutine.resume and coroutine.close catch errors: each
 * is the library's own function (upvalue 1) behind a wrapper that raises
 * again when the call was stopped while it ran.
 */
static int catcher_k(lua_State *L, int status, lua_KContext ctx)
{
	struct sandbox *sb = sandbox_of(L);

	(void)status;
	(void)ctx;
	if (sb->dead != ALIVE)
		return stopped(L, sb);
	return lua_gettop(L);
}

static int sb_catcher(lua_State *L)
{
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_callk(L, lua_gettop(L) - 1, LUA_MULTRET, 0, catcher_k);
	return catcher_k(L, LUA_OK, 0);
}

/*
 * A message handler runs with hooks off when the error comes from the
 * count hook, so the script's own handler is skipped for a stopped call
 * (it could loop unseen); for every other error it runs as usual.
 */
static int sb_msgh(lua_State *L)
{
	if (sandbox_of(L)->dead != ALIVE) {
		lua_settop(L, 1);
		return 1;
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

static int sb_xpcall(lua_State *L)
{
	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushvalue(L, 2);
	lua_pushcclosure(L, sb_msgh, 1);
	lua_replace(L, 2);
	return sb_catcher(L);
}

/*
 * A finalizer runs with hooks off, where no budget or deadline can stop
 * it, and at lua_close() after the call has returned: scripts may not
 * have them.  Lua marks an object for finalization when its metatable
 * holds any __gc at setmetatable() time, so that is where to refuse.
 */
static int sb_setmetatable(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TTABLE) {
		lua_pushliteral(L, "__gc");
		if (lua_rawget(L, 2) != LUA_TNIL)
			return luaL_error(L, "finalizers (__gc) are not allowed in bank scripts");
		lua_pop(L, 1);
	}
	return call_through(L);
}

/*
 * An upper bound of the steps Lua's matcher may take for pattern p on a
 * subject of n bytes: each repeated single-character class (x*, x+, x-)
 * may backtrack over the whole subject, each optional one (x?) doubles
 * the tries, and an unanchored search starts at every position.
 */
static double pattern_cost(const char *p, size_t plen, size_t n, int anchored_ok)
{
	double cost = 1, width = (double)n + 1;
	size_t i = 0;

	if (anchored_ok && plen > 0 && p[0] == '^')
		i = 1;
	else
		cost = width;
	while (i < plen) {
		size_t j = i;
		if (p[j] == '%') {
			if (j + 1 < plen && p[j + 1] == 'b') {
				i = j + 4 < plen ? j + 4 : plen;
				cost *= width;  /* a balance scans ahead */
				continue;
			}
			if (j + 1 < plen && p[j + 1] == 'f') {
				i = j + 2;      /* the set that follows is skipped below */
				continue;
			}
			j += 2;
		} else if (p[j] == '[') {
			j++;
			if (j < plen && p[j] == '^')
				j++;
			if (j < plen && p[j] == ']')
				j++;
			while (j < plen && p[j] != ']')
				j += p[j] == '%' ? 2 : 1;
			j++;
		} else if (p[j] == '(' || p[j] == ')') {
			i = j + 1;
			continue;
		} else {
			j++;
		}
		if (j < plen && (p[j] == '*' || p[j] == '+' || p[j] == '-')) {
			cost *= width;
			j++;
		} else if (j < plen && p[j] == '?') {
			cost *= 2;
			j++;
		}
		if (cost > 1e300)
			return cost;
		i = j;
	}
	return cost;
}

/* string.find, match, gmatch and gsub (upvalue 1; upvalue 2 says which). */
static int sb_pattern(lua_State *L)
{
	int which = (int)lua_tointeger(L, lua_upvalueindex(2));
	size_t n, plen;
	const char *p;

	luaL_checklstring(L, 1, &n);
	p = luaL_checklstring(L, 2, &plen);
	if (!(which == 0 && lua_toboolean(L, 4)) &&
	    pattern_cost(p, plen, n, which != 2) > PATTERN_STEPS)
		return luaL_error(L, "pattern '%s' is too costly on a subject of %I bytes",
				  p, (lua_Integer)n);
	return call_through(L);
}

/* print() writes to standard error, marked with the script's name, up
   to the limit of the state. */
static int sb_print(lua_State *L)
{
	struct sandbox *sb = sandbox_of(L);
	struct tk_buf b = {0};
	int i, n = lua_gettop(L);

	if (sb->printed >= sb->lim->print_bytes)
		return 0;
	tk_buf_printf(&b, "[%s]", sb->name);
	for (i = 1; i <= n; i++) {
		tk_buf_puts(&b, i > 1 ? "\t" : " ");
		tk_buf_puts(&b, luaL_tolstring(L, i, NULL));
		lua_pop(L, 1);
	}
	tk_buf_puts(&b, "\n");
	if (!b.oom) {
		size_t room = sb->lim->print_bytes - sb->printed;
		fwrite(b.s, 1, b.len < room ? b.len : room, stderr);
		sb->printed += b.len;
		if (sb->printed >= sb->lim->print_bytes)
			fprintf(stderr, _("\n[%s] print output cut at %zu bytes\n"), sb->name,
				sb->lim->print_bytes);
	}
	tk_buf_free(&b);
	return 0;
}

/* load(chunk [, name [, mode [, env]]]): text chunks only. */
static int sb_load(lua_State *L)
{
	size_t len;
	const char *s = luaL_checklstring(L, 1, &len);
	const char *name = luaL_optstring(L, 2, "=(load)");

	if (luaL_loadbufferx(L, s, len, name, "t") != LUA_OK) {
		luaL_pushfail(L);
		lua_insert(L, -2);
		return 2;
	}
	if (!lua_isnoneornil(L, 4)) {
		lua_pushvalue(L, 4);
		if (!lua_setupvalue(L, -2, 1))
			lua_pop(L, 1);
	}
	return 1;
}

/* Put f in place of field name of the table on top, with the old value
   as upvalue 1 and, when which >= 0, which as upvalue 2. */
static void wrap(lua_State *L, const char *name, lua_CFunction f, int which)
{
	lua_getfield(L, -1, name);
	if (which >= 0)
		lua_pushinteger(L, which);
	lua_pushcclosure(L, f, which >= 0 ? 2 : 1);
	lua_setfield(L, -2, name);
}

static void sandbox_free(struct sandbox *sb)
{
	if (sb == NULL)
		return;
	if (sb->L)
		lua_close(sb->L);
	free(sb);
}

/* A state with the safe libraries only. */
static struct sandbox *sandbox_new(const char *name, const struct tk_sandbox_limits *lim)
{
	static const luaL_Reg libs[] = {
		{LUA_GNAME, luaopen_base}, {LUA_STRLIBNAME, luaopen_string},
		{LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
		{LUA_UTF8LIBNAME, luaopen_utf8}, {LUA_COLIBNAME, luaopen_coroutine},
		{NULL, NULL}
	};
	static const char *removed[] = {"dofile", "loadfile", "collectgarbage", NULL};
	static const char *patterns[] = {"find", "match", "gmatch", "gsub", NULL};
	struct sandbox *sb = calloc(1, sizeof *sb);
	const luaL_Reg *l;
	int i;

	if (sb == NULL)
		return NULL;
	sb->limit = lim->memory;
	sb->budget = lim->instructions;
	sb->lim = lim;
	snprintf(sb->name, sizeof sb->name, "%s", name);
	sb->fn = LUA_NOREF;
	sb->L = lua_newstate(sb_alloc, sb);
	if (sb->L == NULL) {
		free(sb);
		return NULL;
	}
	/* opening the libraries is small, but runs protected all the same */
	for (l = libs; l->name; l++) {
		lua_pushcfunction(sb->L, (lua_CFunction)l->func);
		lua_pushstring(sb->L, l->name);
		if (lua_pcall(sb->L, 1, 1, 0) != LUA_OK) {
			sandbox_free(sb);
			return NULL;
		}
		if (strcmp(l->name, LUA_GNAME))
			lua_setglobal(sb->L, l->name);
		else
			lua_pop(sb->L, 1);
	}
	for (i = 0; removed[i]; i++) {
		lua_pushnil(sb->L);
		lua_setglobal(sb->L, removed[i]);
	}
	lua_pushcfunction(sb->L, sb_load);
	lua_setglobal(sb->L, "load");
	lua_pushcfunction(sb->L, sb_print);
	lua_setglobal(sb->L, "print");
	lua_pushglobaltable(sb->L);
	wrap(sb->L, "pcall", sb_catcher, -1);
	wrap(sb->L, "xpcall", sb_xpcall, -1);
	wrap(sb->L, "setmetatable", sb_setmetatable, -1);
	lua_pop(sb->L, 1);
	if (lua_getglobal(sb->L, "coroutine") == LUA_TTABLE) {
		wrap(sb->L, "resume", sb_catcher, -1);
		wrap(sb->L, "close", sb_catcher, -1);
	}
	lua_pop(sb->L, 1);
	if (lua_getglobal(sb->L, "string") == LUA_TTABLE) {
		lua_pushnil(sb->L);
		lua_setfield(sb->L, -2, "dump");
		for (i = 0; patterns[i]; i++)
			wrap(sb->L, patterns[i], sb_pattern, i);
	}
	lua_pop(sb->L, 1);
	lua_sethook(sb->L, sb_count, LUA_MASKCOUNT, STEP);
	return sb;
}

static int sb_error(struct sandbox *sb, int status, struct tk_error *err)
{
	const char *msg = lua_tostring(sb->L, -1);

	switch (sb->dead) {
	case OUT_OF_STEPS:
		tk_error_set(err, TK_EINPUT, NULL, 0,
			     "script '%s': instruction budget exceeded (%ld instructions)",
			     sb->name, sb->budget);
		break;
	case OUT_OF_TIME:
		tk_error_set(err, TK_EINPUT, NULL, 0,
			     "script '%s': time limit exceeded (%.1f s per call)",
			     sb->name, sb->lim->call_seconds);
		break;
	case OUT_OF_TOTAL:
		tk_error_set(err, TK_EINPUT, NULL, 0,
			     "script '%s': the bank's scripts used up this command's %g s",
			     sb->name, sb->lim->total_seconds);
		break;
	default:
		tk_error_set(err, TK_EINPUT, NULL, 0, "script '%s': %s", sb->name,
			     status == LUA_ERRMEM ? _("memory limit exceeded") :
			     msg ? msg : _("error (not a string)"));
	}
	lua_settop(sb->L, 0);
	return TK_EINPUT;
}

/* Start a call: its budget, its deadline, the command's total. */
static int call_begin(struct sandbox *sb, struct tk_error *err)
{
	double left = sb->lim->total_seconds - total_used;

	sb->steps = 0;
	sb->dead = ALIVE;
	sb->started = now();
	if (left <= 0) {
		sb->dead = OUT_OF_TOTAL;
		return sb_error(sb, LUA_OK, err);
	}
	sb->deadline = sb->started + (left < sb->lim->call_seconds ? left : sb->lim->call_seconds);
	return TK_OK;
}

static void call_end(struct sandbox *sb)
{
	total_used += now() - sb->started;
}

/* Load code and run it: it must return a function, kept as sb->fn. */
static int sandbox_load(struct sandbox *sb, const char *code, struct tk_error *err)
{
	char chunk[160];
	int status;

	snprintf(chunk, sizeof chunk, "=%s", sb->name);
	if (call_begin(sb, err) != TK_OK)
		return TK_EINPUT;
	status = luaL_loadbufferx(sb->L, code, strlen(code), chunk, "t");
	if (status == LUA_OK)
		status = lua_pcall(sb->L, 0, 1, 0);
	call_end(sb);
	if (status != LUA_OK)
		return sb_error(sb, status, err);
	if (!lua_isfunction(sb->L, -1)) {
		lua_settop(sb->L, 0);
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    "script '%s' must return a function", sb->name);
	}
	sb->fn = luaL_ref(sb->L, LUA_REGISTRYINDEX);
	return TK_OK;
}

/* Protected: push the item and the event, then call the function. */
struct call {
	struct sandbox *sb;
	const struct tk_item *it;
	const char *event;
	int nresults;
};

static int do_call(lua_State *L)
{
	struct call *c = lua_touserdata(L, 1);

	lua_rawgeti(L, LUA_REGISTRYINDEX, c->sb->fn);
	tk_lua_push_item(L, c->it);
	if (c->event)
		lua_pushstring(L, c->event);
	else
		lua_pushnil(L);
	lua_call(L, 2, c->nresults);
	return c->nresults;
}

/* Call the script's function on an item; its results stay on the stack. */
static int sandbox_call(struct sandbox *sb, const struct tk_item *it, const char *event,
			int nresults, struct tk_error *err)
{
	struct call c = {sb, it, event, nresults};
	int status;

	if (call_begin(sb, err) != TK_OK)
		return TK_EINPUT;
	lua_settop(sb->L, 0);
	lua_pushcfunction(sb->L, do_call);
	lua_pushlightuserdata(sb->L, &c);
	status = lua_pcall(sb->L, 1, nresults, 0);
	call_end(sb);
	if (status != LUA_OK)
		return sb_error(sb, status, err);
	return TK_OK;
}

int tk_sandbox_check(const char *name, const char *code,
		     const struct tk_sandbox_limits *lim, struct tk_error *err)
{
	struct sandbox *sb = sandbox_new(name, lim ? lim : &tk_sandbox_defaults);
	int rc;

	if (sb == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot create a sandbox");
	rc = sandbox_load(sb, code, err);
	sandbox_free(sb);
	return rc;
}

/* ---- house lint rules ---------------------------------------------- */

/* One result of a rule: a string, or {message=, severity="error"}. */
static void rule_result(lua_State *L, int idx, const char *rule,
			const struct tk_item *it, struct tk_diags *d)
{
	int sev = TK_DIAG_WARNING;
	const char *msg = NULL;

	if (lua_type(L, idx) == LUA_TSTRING) {
		msg = lua_tostring(L, idx);
	} else if (lua_type(L, idx) == LUA_TTABLE) {
		lua_getfield(L, idx, "message");
		msg = lua_tostring(L, -1);
		lua_getfield(L, idx, "severity");
		if (lua_tostring(L, -1) && !strcmp(lua_tostring(L, -1), "error"))
			sev = TK_DIAG_ERROR;
		lua_pop(L, 2);
		if (msg == NULL)
			return;
	} else {
		return;
	}
	tk_diags_add(d, sev, it->file, it->line, "item '%s': rule %s: %s", it->id, rule, msg);
}

void tk_lua_house_rules(void *ud, const struct tk_standard *s,
			struct tk_item *const *items, size_t n, struct tk_diags *d)
{
	struct tk_bank *b = ud;
	struct tk_script *scripts = NULL;
	struct tk_error err = {0};
	int ns = 0, i;
	size_t k;

	(void)s;
	if (tk_bank_scripts(b, "lint", &scripts, &ns, &err) != TK_OK) {
		tk_diags_add(d, TK_DIAG_ERROR, tk_bank_path(b), 0, "%s", err.msg);
		return;
	}
	for (i = 0; i < ns; i++) {
		struct sandbox *sb = sandbox_new(scripts[i].name, &tk_sandbox_defaults);
		if (sb == NULL || sandbox_load(sb, scripts[i].code, &err) != TK_OK) {
			tk_diags_add(d, TK_DIAG_ERROR, tk_bank_path(b), 0, "%s",
				     sb ? err.msg : "cannot create a sandbox");
			sandbox_free(sb);
			continue;
		}
		for (k = 0; k < n; k++) {
			lua_State *L = sb->L;
			if (sandbox_call(sb, items[k], NULL, 1, &err) != TK_OK) {
				tk_diags_add(d, TK_DIAG_ERROR, items[k]->file, items[k]->line,
					     "item '%s': %s", items[k]->id, err.msg);
				break;  /* a broken rule: report once, go on with the next */
			}
			if (lua_type(L, 1) == LUA_TTABLE && lua_rawlen(L, 1) > 0) {
				lua_Integer j, m = (lua_Integer)lua_rawlen(L, 1);
				for (j = 1; j <= m; j++) {
					lua_rawgeti(L, 1, j);
					rule_result(L, lua_gettop(L), scripts[i].name, items[k], d);
					lua_pop(L, 1);
				}
			} else {
				rule_result(L, 1, scripts[i].name, items[k], d);
			}
			lua_settop(L, 0);
		}
		sandbox_free(sb);
	}
	tk_scripts_free(scripts, ns);
}

/* ---- hooks from the bank ------------------------------------------- */

struct tk_lua_hooks {
	struct tk_bank *b;
	struct sandbox **sb;
	char **events;
	int n;
};

static int bank_hook(void *ud, const char *event, const struct tk_item *it,
		     struct tk_error *err)
{
	struct tk_lua_hooks *h = ud;
	int i, rc;

	for (i = 0; i < h->n; i++) {
		if (h->events[i] && strcmp(h->events[i], event))
			continue;
		if ((rc = sandbox_call(h->sb[i], it, event, 0, err)) != TK_OK) {
			char msg[sizeof err->msg];
			snprintf(msg, sizeof msg, "%s", err->msg);
			return tk_error_set(err, TK_EINPUT, it->file, it->line,
					    "item '%s': %s refused by %s", it->id, event, msg);
		}
	}
	return TK_OK;
}

int tk_lua_hooks_install(struct tk_bank *b, struct tk_lua_hooks **out,
			 struct tk_error *err)
{
	struct tk_script *scripts = NULL;
	struct tk_lua_hooks *h = NULL;
	int ns = 0, i, rc;

	*out = NULL;
	if ((rc = tk_bank_scripts(b, "hook", &scripts, &ns, err)) != TK_OK)
		return rc;
	if (ns == 0)
		goto out;
	h = calloc(1, sizeof *h);
	if (h == NULL || (h->sb = calloc((size_t)ns, sizeof *h->sb)) == NULL ||
	    (h->events = calloc((size_t)ns, sizeof *h->events)) == NULL) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	h->b = b;
	for (i = 0; i < ns; i++) {
		h->sb[i] = sandbox_new(scripts[i].name, &tk_sandbox_defaults);
		h->events[i] = tk_strdup(scripts[i].event);
		h->n++;
		if (h->sb[i] == NULL) {
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot create a sandbox");
			goto out;
		}
		if ((rc = sandbox_load(h->sb[i], scripts[i].code, err)) != TK_OK)
			goto out;
	}
	if (tk_bank_add_hook(b, bank_hook, h) != TK_OK)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "too many hooks");
out:
	tk_scripts_free(scripts, ns);
	if (rc != TK_OK) {
		tk_lua_hooks_free(h);
		h = NULL;
	}
	*out = h;
	return rc;
}

void tk_lua_hooks_free(struct tk_lua_hooks *h)
{
	int i;

	if (h == NULL)
		return;
	if (h->b)
		tk_bank_remove_hook(h->b, bank_hook, h);
	for (i = 0; i < h->n; i++) {
		sandbox_free(h->sb[i]);
		free(h->events[i]);
	}
	free(h->sb);
	free(h->events);
	free(h);
}
