/*
 * lua_tiku.c -- the tiku module for Lua: banks, items, standards, lint,
 * import and export, the command layer with undo, hooks and coverage,
 * papers, signatures and packages, and courses.
 *
 * Conventions, after Lua's own libraries: arguments are checked first
 * (luaL_check*); misuse raises an error; an expected failure (a bad file,
 * an edit lint refuses) returns nil, a message and, where there are
 * several, the list of problems.  C memory that a Lua error could strand
 * is always owned by a userdata (an "item box"), so nothing leaks when a
 * binding fails halfway.
 */
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#include "assemble.h"
#include "bank.h"
#include "batch.h"
#include "blueprint.h"
#include "bundle.h"
#include "command.h"
#include "compose.h"
#include "course.h"
#include "coverage.h"
#include "embedded.h"
#include "export.h"
#include "exposure.h"
#include "importer.h"
#include "itemdiff.h"
#include "lint.h"
#include "pack.h"
#include "practice.h"
#include "docxout.h"
#include "render.h"
#include "scoresheet.h"
#include "seal.h"
#include "show.h"
#include "sign.h"
#include "suggest.h"
#include "textdiff.h"
#include "lua_push.h"
#include "lua_sandbox.h"
#include "lua_tiku.h"
#include "util.h"
#include "validate.h"

#define BANK_MT "tiku.bank"
#define BOX_MT "tiku.itembox"
#define CURSOR_MT "tiku.cursor"

const char *tk_lua_default_bank = "tiku.db";
const char *tk_lua_default_user = NULL;

struct lbank {
	struct tk_bank *b;      /* NULL once closed */
	struct tk_lua_hooks *bank_hooks;   /* the bank's own hook scripts */
	lua_State *L;           /* the thread running the current call, for hooks */
	int hooks;              /* registry ref: event -> list of functions */
};


/* Fail the Lua way for an expected failure: nil, message[, problems]. */
static int fail(lua_State *L, const struct tk_error *err, const struct tk_diags *d)
{
	char buf[1600];

	luaL_pushfail(L);
	lua_pushstring(L, tk_error_format(err, buf, sizeof buf));
	if (d == NULL)
		return 2;
	tk_lua_push_diags(L, d);
	return 3;
}

/* An item under construction, owned by a userdata so that errors free it. */
struct box {
	struct tk_item *it;
};

static int box_gc(lua_State *L)
{
	struct box *bx = luaL_checkudata(L, 1, BOX_MT);

	tk_item_free(bx->it);
	bx->it = NULL;
	return 0;
}

/* The field k of the table at t without metamethods (they could raise). */
static int field(lua_State *L, int t, const char *k)
{
	lua_pushstring(L, k);
	return lua_rawget(L, t);
}

static const char *opt_string(lua_State *L, int t, const char *k, const char *what)
{
	int ty = field(L, t, k);
	const char *s = NULL;

	if (ty == LUA_TSTRING || ty == LUA_TNUMBER)
		s = lua_tostring(L, -1);
	else if (ty != LUA_TNIL)
		luaL_error(L, "item field '%s' must be %s, not %s", k, what, lua_typename(L, ty));
	lua_pop(L, 1);  /* the string stays alive: the table refers to it */
	return s;
}

static int opt_int(lua_State *L, int t, const char *k, int dflt)
{
	int ty = field(L, t, k), ok;
	lua_Integer v;

	if (ty == LUA_TNIL) {
		lua_pop(L, 1);
		return dflt;
	}
	v = lua_tointegerx(L, -1, &ok);
	lua_pop(L, 1);
	if (!ok || v < 0 || v > 1000000)
		luaL_error(L, "item field '%s' must be a whole number", k);
	return (int)v;
}

static int points_of(lua_State *L, int idx, const char *k)
{
	int ok;
	lua_Number v = lua_tonumberx(L, idx, &ok);
	double t = ok ? v * 10 : -1;

	if (!ok || t < 0 || t > 99999 || fabs(t - floor(t + 0.5)) > 1e-6)
		luaL_error(L, "item field '%s' must be points with at most one decimal", k);
	return (int)floor(t + 0.5);
}

/* A list of strings (or one string) into v/n. */
static void opt_list(lua_State *L, int t, const char *k, char ***v, int *n)
{
	int ty = field(L, t, k);
	lua_Integer i, len;

	if (ty == LUA_TSTRING) {
		if (!tk_item_strlist_add(v, n, lua_tostring(L, -1)))
			luaL_error(L, "out of memory");
	} else if (ty == LUA_TTABLE) {
		len = (lua_Integer)lua_rawlen(L, -1);
		for (i = 1; i <= len; i++) {
			if (lua_rawgeti(L, -1, i) != LUA_TSTRING)
				luaL_error(L, "item field '%s' must list strings", k);
			if (!tk_item_strlist_add(v, n, lua_tostring(L, -1)))
				luaL_error(L, "out of memory");
			lua_pop(L, 1);
		}
	} else if (ty != LUA_TNIL) {
		luaL_error(L, "item field '%s' must be a list of strings", k);
	}
	lua_pop(L, 1);
}

/*
 * Rich text from plain text k and its markup k_xml: the markup counts
 * unless the plain text was changed away from it.  Returns a fragment
 * the caller owns, or NULL when neither is given.
 */
static char *rich(lua_State *L, int t, const char *k, const char *kxml)
{
	const char *plain = opt_string(L, t, k, "a string");
	const char *xml = opt_string(L, t, kxml, "a string");
	char *f;

	if (xml) {
		char *was = tk_fragment_text(xml);
		int same = plain == NULL || (was && !strcmp(was, plain));
		free(was);
		if (same) {
			if (!tk_utf8_valid(xml, strlen(xml), NULL))
				luaL_error(L, "item field '%s' is not UTF-8", kxml);
			return tk_strdup(xml);
		}
	}
	if (plain == NULL)
		return NULL;
	f = tk_fragment_from_text(plain);
	if (f == NULL)
		luaL_error(L, "out of memory");
	return f;
}

/* Store s into *slot of the boxed item (freeing what was there). */
#define PUT(slot, s) do { free(slot); (slot) = (s); } while (0)

/*
 * Read the item table at idx into a new box pushed on the stack.  Raises
 * on misuse (wrong field types); the box frees everything then.
 */
static struct tk_item *check_item(lua_State *L, int idx, const char *dflt_standard)
{
	struct box *bx;
	struct tk_item *it;
	const char *s;
	int ty;
	lua_Integer i, n;

	idx = lua_absindex(L, idx);
	luaL_checktype(L, idx, LUA_TTABLE);
	bx = lua_newuserdatauv(L, sizeof *bx, 0);
	bx->it = NULL;
	luaL_setmetatable(L, BOX_MT);
	it = bx->it = tk_item_new();
	if (it == NULL)
		luaL_error(L, "out of memory");
	if ((s = opt_string(L, idx, "id", "a string")) == NULL)
		luaL_error(L, "item has no id");
	PUT(it->id, tk_strdup(s));
	s = opt_string(L, idx, "standard", "a string");
	PUT(it->standard, tk_strdup(s ? s : dflt_standard));
	it->version = opt_int(L, idx, "version", 0);
	if ((s = opt_string(L, idx, "type", "a string")) == NULL || (it->type = tk_type_parse(s)) < 0)
		luaL_error(L, "item '%s': type must be single, multiple, truefalse, fill, short, case or task",
			   it->id);
	if ((s = opt_string(L, idx, "level", "a string")) == NULL)
		luaL_error(L, "item '%s' has no level", it->id);
	PUT(it->level, tk_strdup(s));
	s = opt_string(L, idx, "kind", "a string");
	if ((it->kind = tk_kind_parse(s ? s : "theory")) < 0)
		luaL_error(L, "item '%s': kind must be theory or skill", it->id);
	ty = field(L, idx, "points");
	if (ty == LUA_TNIL)
		it->points = it->type == TK_MULTIPLE ? 20 : 10;
	else
		it->points = points_of(L, -1, "points");
	lua_pop(L, 1);
	it->difficulty = opt_int(L, idx, "difficulty", 3);
	it->time = opt_int(L, idx, "time", 0);
	s = opt_string(L, idx, "status", "a string");
	if ((it->status = tk_status_parse(s ? s : "draft")) < 0)
		luaL_error(L, "item '%s': status must be draft, review, approved or retired", it->id);
	PUT(it->author, tk_strdup(opt_string(L, idx, "author", "a string")));
	opt_list(L, idx, "codes", &it->codes, &it->ncodes);
	opt_list(L, idx, "keywords", &it->keywords, &it->nkeywords);
	opt_list(L, idx, "enemies", &it->enemies, &it->nenemies);
	PUT(it->stem, rich(L, idx, "stem", "stem_xml"));
	if (it->stem == NULL)
		luaL_error(L, "item '%s' has no stem", it->id);
	PUT(it->explanation, rich(L, idx, "explanation", "explanation_xml"));
	ty = field(L, idx, "options");
	if (ty == LUA_TTABLE) {
		int t = lua_gettop(L);
		n = (lua_Integer)lua_rawlen(L, t);
		if (n > 26)
			luaL_error(L, "item '%s': at most 26 options", it->id);
		it->options = calloc((size_t)(n ? n : 1), sizeof *it->options);
		if (it->options == NULL)
			luaL_error(L, "out of memory");
		for (i = 1; i <= n; i++) {
			struct tk_option *o = &it->options[it->noptions];
			int ot = lua_rawgeti(L, t, i);
			if (ot == LUA_TSTRING) {
				o->key = (char)('A' + i - 1);
				o->text = tk_fragment_from_text(lua_tostring(L, -1));
			} else if (ot == LUA_TTABLE) {
				const char *k = opt_string(L, lua_gettop(L), "key", "a letter");
				o->key = k && k[0] >= 'A' && k[0] <= 'Z' ? k[0] : (char)('A' + i - 1);
				o->text = rich(L, lua_gettop(L), "text", "xml");
				if (o->text == NULL)
					o->text = tk_strdup("");
			} else {
				luaL_error(L, "item '%s': an option must be a string or {key=, text=}", it->id);
			}
			it->noptions++;
			if (o->text == NULL)
				luaL_error(L, "out of memory");
			lua_pop(L, 1);
		}
	} else if (ty != LUA_TNIL) {
		luaL_error(L, "item '%s': options must be a list", it->id);
	}
	lua_pop(L, 1);
	ty = field(L, idx, "answer");
	if (ty == LUA_TBOOLEAN) {
		PUT(it->answer, tk_strdup(lua_toboolean(L, -1) ? "true" : "false"));
		lua_pop(L, 1);
	} else {
		lua_pop(L, 1);
		if (it->type == TK_SINGLE || it->type == TK_MULTIPLE || it->type == TK_TRUEFALSE) {
			s = opt_string(L, idx, "answer", "a string");
			if (s) {
				char *a = it->type == TK_TRUEFALSE ? tk_answer_truefalse(s) : tk_answer_choice(s);
				/* an answer lint cannot read is kept for lint to report */
				PUT(it->answer, a ? a : tk_fragment_from_text(s));
			}
		} else {
			PUT(it->answer, rich(L, idx, "answer", "answer_xml"));
		}
	}
	ty = field(L, idx, "rubric");
	if (ty == LUA_TTABLE) {
		int t = lua_gettop(L);
		n = (lua_Integer)lua_rawlen(L, t);
		it->rubric = calloc((size_t)(n ? n : 1), sizeof *it->rubric);
		if (it->rubric == NULL)
			luaL_error(L, "out of memory");
		for (i = 1; i <= n; i++) {
			struct tk_criterion *c = &it->rubric[it->nrubric];
			if (lua_rawgeti(L, t, i) != LUA_TTABLE)
				luaL_error(L, "item '%s': a rubric criterion is {points=, text=}", it->id);
			field(L, lua_gettop(L), "points");
			c->points = points_of(L, -1, "rubric points");
			lua_pop(L, 1);
			c->text = rich(L, lua_gettop(L), "text", "xml");
			it->nrubric++;
			if (c->text == NULL)
				c->text = tk_strdup("");
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
	ty = field(L, idx, "materials");
	if (ty == LUA_TTABLE) {
		int t = lua_gettop(L);
		n = (lua_Integer)lua_rawlen(L, t);
		it->materials = calloc((size_t)(n ? n : 1), sizeof *it->materials);
		if (it->materials == NULL)
			luaL_error(L, "out of memory");
		for (i = 1; i <= n; i++) {
			struct tk_material *m = &it->materials[it->nmaterials];
			int k;
			if (lua_rawgeti(L, t, i) != LUA_TTABLE)
				luaL_error(L, "item '%s': a material is {kind=, text=, quantity=}", it->id);
			s = opt_string(L, lua_gettop(L), "kind", "site, equipment or material");
			for (k = 0; k < TK_NMATKINDS; k++)
				if (s && !strcmp(s, tk_material_kind_name(k)))
					break;
			if (k == TK_NMATKINDS)
				luaL_error(L, "item '%s': a material's kind is site, equipment or material",
					   it->id);
			m->kind = k;
			s = opt_string(L, lua_gettop(L), "text", "a string");
			m->text = tk_strdup(s ? s : "");
			s = opt_string(L, lua_gettop(L), "quantity", "a string");
			m->quantity = s ? tk_strdup(s) : NULL;
			it->nmaterials++;
			if (m->text == NULL || (s && m->quantity == NULL))
				luaL_error(L, "out of memory");
			lua_pop(L, 1);
		}
	} else if (ty != LUA_TNIL) {
		luaL_error(L, "item '%s': materials must be a list", it->id);
	}
	lua_pop(L, 1);
	if (field(L, idx, "facility") == LUA_TNUMBER) {
		char buf[32];
		snprintf(buf, sizeof buf, "%.3g", lua_tonumber(L, -1));
		PUT(it->facility, tk_strdup(buf));
	}
	lua_pop(L, 1);
	if (field(L, idx, "discrimination") == LUA_TNUMBER) {
		char buf[32];
		snprintf(buf, sizeof buf, "%.3g", lua_tonumber(L, -1));
		PUT(it->discrimination, tk_strdup(buf));
	}
	lua_pop(L, 1);
	return it;
}


/* tiku.read_standard(path) -> standard | nil, msg, problems */
static int l_read_standard(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	struct tk_standard *s = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	int n;

	if (tk_standard_load(path, &s, &d, &err) != TK_OK) {
		n = fail(L, &err, &d);
		tk_diags_free(&d);
		return n;
	}
	tk_diags_free(&d);
	tk_lua_push_standard(L, s);   /* may raise only for memory: s leaks then */
	tk_standard_free(s);
	return 1;
}

/* A lint's results for Lua: problems, number of errors, of warnings (d freed). */
static int push_lint(lua_State *L, struct tk_diags *d)
{
	tk_diags_sort(d);
	tk_lua_push_diags(L, d);
	lua_pushinteger(L, (lua_Integer)d->nerrors);
	lua_pushinteger(L, (lua_Integer)d->nwarnings);
	tk_diags_free(d);
	return 3;
}

/* tiku.lint_standard(path) -> problems, nerrors, nwarnings | nil, msg */
static int l_lint_standard(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	struct tk_standard *s = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	if (tk_standard_load(path, &s, &d, &err) == TK_OK)
		tk_lint_standard(s, &d);
	tk_standard_free(s);
	return push_lint(L, &d);
}

/* tiku.read_items(path) -> list of items | nil, msg, problems */
static int l_read_items(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	char *data = NULL;
	size_t len, i;
	int n;

	if (tk_read_file(path, &data, &len, &err) != TK_OK ||
	    tk_items_parse(data, len, path, &set, &d, &err) != TK_OK) {
		free(data);
		tk_itemset_free(&set);
		n = fail(L, &err, &d);
		tk_diags_free(&d);
		return n;
	}
	free(data);
	tk_diags_free(&d);
	lua_createtable(L, (int)set.n, 0);
	for (i = 0; i < set.n; i++) {
		tk_lua_push_item(L, set.items[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	tk_itemset_free(&set);
	return 1;
}

/* ---- banks --------------------------------------------------------- */

static struct lbank *check_bank(lua_State *L, int idx)
{
	struct lbank *lb = luaL_checkudata(L, idx, BANK_MT);

	if (lb->b == NULL)
		luaL_error(L, "attempt to use a closed bank");
	lb->L = L;
	return lb;
}

static int bank_close(lua_State *L)
{
	struct lbank *lb = luaL_checkudata(L, 1, BANK_MT);

	tk_lua_hooks_free(lb->bank_hooks);
	lb->bank_hooks = NULL;
	tk_bank_close(lb->b);   /* an open command is rolled back */
	lb->b = NULL;
	if (lb->hooks != LUA_NOREF) {
		luaL_unref(L, LUA_REGISTRYINDEX, lb->hooks);
		lb->hooks = LUA_NOREF;
	}
	return 0;
}

static int bank_tostring(lua_State *L)
{
	struct lbank *lb = luaL_checkudata(L, 1, BANK_MT);

	if (lb->b)
		lua_pushfstring(L, "tiku.bank (%s)", tk_bank_path(lb->b));
	else
		lua_pushliteral(L, "tiku.bank (closed)");
	return 1;
}

/* tiku.open([path [, {create=bool, user=string}]]) -> bank | nil, msg */
static int l_open(lua_State *L)
{
	const char *path = luaL_optstring(L, 1, tk_lua_default_bank);
	int create = 0;
	const char *user = tk_lua_default_user;
	struct lbank *lb;
	struct tk_error err = {0};

	if (!lua_isnoneornil(L, 2)) {
		luaL_checktype(L, 2, LUA_TTABLE);
		create = lua_getfield(L, 2, "create") != LUA_TNIL && lua_toboolean(L, -1);
		if (lua_getfield(L, 2, "user") == LUA_TSTRING)
			user = lua_tostring(L, -1);
		lua_pop(L, 2);
	}
	lb = lua_newuserdatauv(L, sizeof *lb, 0);
	lb->b = NULL;   /* closed before it is opened: an error leaves it consistent */
	lb->bank_hooks = NULL;
	lb->L = L;
	lb->hooks = LUA_NOREF;
	luaL_setmetatable(L, BANK_MT);
	if (tk_bank_open(path, create ? TK_BANK_CREATE : TK_BANK_READ, &lb->b, &err) != TK_OK)
		return fail(L, &err, NULL);
	tk_bank_set_user(lb->b, user);
	/* the hooks that travel in the bank run, sandboxed, for scripts too */
	if (tk_lua_hooks_install(lb->b, &lb->bank_hooks, &err) != TK_OK)
		return fail(L, &err, NULL);
	return 1;
}

static int bank_path(lua_State *L)
{
	lua_pushstring(L, tk_bank_path(check_bank(L, 1)->b));
	return 1;
}

/* The filters of a query table (strings stay on the stack's tables). */
static void check_query(lua_State *L, int idx, struct tk_query *q)
{
	memset(q, 0, sizeof *q);
	if (lua_isnoneornil(L, idx))
		return;
	luaL_checktype(L, idx, LUA_TTABLE);
#define Q(k) \
	if (lua_getfield(L, idx, #k) == LUA_TSTRING) q->k = lua_tostring(L, -1); \
	else if (!lua_isnil(L, -1)) luaL_error(L, "query field '" #k "' must be a string"); \
	lua_pop(L, 1);
	Q(standard) Q(text) Q(level) Q(kind) Q(code) Q(type) Q(status)
#undef Q
	if (lua_getfield(L, idx, "limit") != LUA_TNIL)
		q->limit = (int)luaL_checkinteger(L, -1);
	lua_pop(L, 1);
	if (lua_getfield(L, idx, "retired") != LUA_TNIL)
		q->include_retired = lua_toboolean(L, -1);
	lua_pop(L, 1);
	if (lua_getfield(L, idx, "untagged") != LUA_TNIL)
		q->untagged = lua_toboolean(L, -1);
	lua_pop(L, 1);
	if (q->kind && tk_kind_parse(q->kind) < 0)
		luaL_error(L, "unknown kind '%s' (theory or skill)", q->kind);
	if (q->kind)
		q->kind = tk_kind_name(tk_kind_parse(q->kind));
	if (q->type && tk_type_parse(q->type) < 0)
		luaL_error(L, "unknown type '%s'", q->type);
	if (q->type)
		q->type = tk_type_name(tk_type_parse(q->type));
	if (q->status && tk_status_parse(q->status) < 0)
		luaL_error(L, "unknown status '%s'", q->status);
}

/*
 * Resolve a level, by name ("初级") or id ("junior"), to its id for a
 * query, through the standard the query names or the one the bank's rule
 * picks (tk_bank_get_standard).  An unknown level is an error, never an
 * empty result.
 */
static void resolve_level(lua_State *L, struct lbank *lb, struct tk_query *q)
{
	struct tk_standard *s = NULL;
	struct tk_error err = {0};
	char buf[1600];
	int l;

	if (q->level == NULL)
		return;
	if (tk_bank_get_standard(lb->b, q->standard, &s, &err) != TK_OK)
		luaL_error(L, "%s", tk_error_format(&err, buf, sizeof buf));
	l = tk_standard_level(s, q->level);
	if (l < 0) {
		luaL_Buffer b;
		luaL_buffinit(L, &b);
		lua_pushfstring(L, "unknown level '%s'; %s has", q->level, s->id);
		luaL_addvalue(&b);
		for (l = 0; l < s->nlevels; l++) {
			lua_pushfstring(L, " %s (%s)", s->levels[l].name, s->levels[l].id);
			luaL_addvalue(&b);
		}
		tk_standard_free(s);
		luaL_pushresult(&b);
		lua_error(L);
	}
	lua_pushstring(L, s->levels[l].id);   /* stays on the stack for q */
	q->level = lua_tostring(L, -1);
	tk_standard_free(s);
}

struct lcursor {
	struct tk_cursor *c;
};

static int cursor_gc(lua_State *L)
{
	struct lcursor *lc = luaL_checkudata(L, 1, CURSOR_MT);

	tk_cursor_free(lc->c);
	lc->c = NULL;
	return 0;
}

/*
 * A row as a table: the cheap columns now; the rest (options, answer,
 * explanation, ...) parsed from its XML the first time it is asked for,
 * by the __index metamethod the cursor's items share.
 */
static void push_row(lua_State *L, const struct tk_row *r, int meta)
{
	lua_createtable(L, 0, 12);
	tk_lua_set_str(L, "id", r->id);
	tk_lua_set_str(L, "standard", r->standard);
	tk_lua_set_int(L, "version", r->version);
	tk_lua_set_str(L, "level", r->level);
	tk_lua_set_str(L, "kind", r->kind);
	tk_lua_set_str(L, "type", r->type);
	tk_lua_set_str(L, "status", r->status);
	tk_lua_push_points(L, r->points);
	lua_setfield(L, -2, "points");
	tk_lua_set_int(L, "difficulty", r->difficulty);
	tk_lua_set_str(L, "stem", r->stem);
	lua_newtable(L);
	if (r->codes) {
		const char *p = r->codes;
		int i = 0;
		while (*p) {
			size_t n = strcspn(p, " ");
			lua_pushlstring(L, p, n);
			lua_rawseti(L, -2, ++i);
			p += n;
			while (*p == ' ')
				p++;
		}
	}
	lua_setfield(L, -2, "codes");
	lua_pushstring(L, r->xml);
	lua_setfield(L, -2, "xml");
	lua_pushvalue(L, meta);
	lua_setmetatable(L, -2);
}

static int rawgetfield(lua_State *L, int t, const char *k)
{
	lua_pushstring(L, k);
	return lua_rawget(L, t);
}

/* __index of a row table: load the whole item from its XML once. */
static int row_index(lua_State *L)
{
	struct tk_row row;
	struct tk_item *it = NULL;
	struct tk_error err = {0};

	memset(&row, 0, sizeof row);
	if (rawgetfield(L, 1, "xml") != LUA_TSTRING)
		return 0;
	row.xml = lua_tostring(L, -1);
	rawgetfield(L, 1, "standard");
	row.standard = lua_tostring(L, -1);
	rawgetfield(L, 1, "id");
	row.id = lua_tostring(L, -1);
	if (row.standard == NULL || row.id == NULL ||
	    tk_item_from_row(&row, &it, &err) != TK_OK || it == NULL)
		return 0;
	tk_lua_push_item(L, it);        /* complete */
	tk_item_free(it);               /* (only a memory error could strand it) */
	lua_pushnil(L);
	while (lua_next(L, -2)) {       /* copy the fields the row lacked */
		lua_pushvalue(L, -2);
		if (lua_rawget(L, 1) == LUA_TNIL) {
			lua_pop(L, 1);
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_rawset(L, 1);
		} else {
			lua_pop(L, 2);
		}
	}
	lua_pushliteral(L, "xml");      /* loaded: no second parse */
	lua_pushnil(L);
	lua_rawset(L, 1);
	lua_pushvalue(L, 2);            /* the key asked for */
	lua_rawget(L, 1);
	return 1;
}

static int cursor_next(lua_State *L)
{
	struct lcursor *lc = luaL_checkudata(L, lua_upvalueindex(1), CURSOR_MT);
	const struct tk_row *row;
	struct tk_error err = {0};
	char buf[1200];

	if (lc->c == NULL)
		return 0;
	if (tk_cursor_next(lc->c, &row, &err) != TK_OK) {
		tk_cursor_free(lc->c);
		lc->c = NULL;
		return luaL_error(L, "%s", tk_error_format(&err, buf, sizeof buf));
	}
	if (row == NULL) {
		tk_cursor_free(lc->c);  /* done: release the statement now */
		lc->c = NULL;
		return 0;
	}
	push_row(L, row, lua_upvalueindex(2));
	return 1;
}

/* bank:items([query]) -> iterator over item tables */
static int bank_items(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	struct tk_query q;
	struct lcursor *lc;
	struct tk_error err = {0};
	char buf[1200];

	check_query(L, 2, &q);
	resolve_level(L, lb, &q);
	lc = lua_newuserdatauv(L, sizeof *lc, 0);
	lc->c = NULL;
	luaL_setmetatable(L, CURSOR_MT);
	if (tk_bank_cursor(lb->b, &q, &lc->c, &err) != TK_OK)
		return luaL_error(L, "%s", tk_error_format(&err, buf, sizeof buf));
	lua_createtable(L, 0, 1);               /* the rows' metatable */
	lua_pushcfunction(L, row_index);
	lua_setfield(L, -2, "__index");
	lua_pushcclosure(L, cursor_next, 2);    /* upvalues: cursor, metatable */
	return 1;
}

/* bank:count([query]) -> number */
static int bank_count(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	struct tk_query q;
	struct tk_error err = {0};
	long n;

	check_query(L, 2, &q);
	resolve_level(L, lb, &q);
	if (tk_bank_count(lb->b, &q, &n, &err) != TK_OK)
		return fail(L, &err, NULL);
	lua_pushinteger(L, n);
	return 1;
}

/* bank:get(id) -> item | nil */
static int bank_get(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *id = luaL_checkstring(L, 2);
	struct tk_item *it = NULL;
	struct tk_error err = {0};

	if (tk_bank_get_item(lb->b, id, &it, &err) != TK_OK)
		return fail(L, &err, NULL);
	if (it == NULL) {
		lua_pushnil(L);
		return 1;
	}
	{
		/* the box owns it from here on, whatever happens */
		struct box *bx = lua_newuserdatauv(L, sizeof *bx, 0);
		bx->it = NULL;
		luaL_setmetatable(L, BOX_MT);
		bx->it = it;
	}
	tk_lua_push_item(L, it);
	return 1;
}

/* The bank's only standard id, for items that do not name one. */
static const char *default_standard(lua_State *L, struct lbank *lb)
{
	char **ids = NULL;
	int n = 0, i;
	struct tk_error err = {0};

	if (tk_bank_standards(lb->b, &ids, &n, &err) != TK_OK) {
		lua_pushnil(L);
		return NULL;
	}
	/* pushed, and left on the caller's stack while it is used */
	if (n == 1)
		lua_pushstring(L, ids[0]);
	else
		lua_pushnil(L);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	return lua_tostring(L, -1);
}

/* Return true, or nil, msg, problems; frees d either way. */
static int edit_result(lua_State *L, int rc, struct tk_error *err, struct tk_diags *d)
{
	int n;

	if (rc == TK_OK) {
		tk_diags_free(d);
		lua_pushboolean(L, 1);
		return 1;
	}
	n = fail(L, err, d);
	tk_diags_free(d);
	return n;
}

/* bank:save(item) -> true | nil, msg, problems */
static int bank_save(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	struct tk_item *it = check_item(L, 2, default_standard(L, lb));
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	int rc;

	/* an item that carries its version (as bank:get gives it) was read
	   then: saved only over that version, so that another writer's
	   change since is not lost; the table learns the version stored */
	rc = tk_cmd_save_over(lb->b, it, it->version, NULL, &d, &err);
	if (rc == TK_OK) {
		lua_pushinteger(L, it->version);
		lua_setfield(L, 2, "version");
	}
	return edit_result(L, rc, &err, &d);
}

/* bank:set(id, field, value) or bank:set(id, {field = value, ...}) */
static int bank_set(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *id = luaL_checkstring(L, 2);
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	int rc = TK_OK, outer;

	if (lua_type(L, 3) != LUA_TTABLE) {
		const char *f = luaL_checkstring(L, 3), *v = luaL_checkstring(L, 4);
		return edit_result(L, tk_cmd_set(lb->b, id, f, v, &d, &err), &err, &d);
	}
	/* several fields: one command */
	lua_settop(L, 3);
	lua_pushnil(L);
	while (lua_next(L, 3)) {        /* check everything before any change */
		if (lua_type(L, -2) != LUA_TSTRING || !lua_tostring(L, -1))
			return luaL_error(L, "bank:set: fields are names with string or number values");
		lua_pop(L, 1);
	}
	outer = tk_bank_in_command(lb->b);
	if (!outer && (rc = tk_bank_begin(lb->b, "set", id, &err)) != TK_OK)
		return edit_result(L, rc, &err, &d);
	lua_pushnil(L);
	while (rc == TK_OK && lua_next(L, 3)) {
		rc = tk_cmd_set(lb->b, id, lua_tostring(L, -2), lua_tostring(L, -1), &d, &err);
		lua_pop(L, 1);
	}
	if (!outer) {
		if (rc == TK_OK)
			rc = tk_bank_commit(lb->b, &err);
		else
			tk_bank_rollback(lb->b);
	}
	return edit_result(L, rc, &err, &d);
}

/*
 * An item id or a list of them at idx, as a table of strings left on the
 * stack (the strings stay alive in it).  Returns its length.
 */
static lua_Integer check_ids(lua_State *L, int idx)
{
	lua_Integer i, n;

	if (lua_type(L, idx) != LUA_TTABLE) {
		luaL_checkstring(L, idx);
		lua_createtable(L, 1, 0);
		lua_pushvalue(L, idx);
		lua_rawseti(L, -2, 1);
		return 1;
	}
	n = (lua_Integer)lua_rawlen(L, idx);
	if (n == 0)
		luaL_argerror(L, idx, "no item");
	for (i = 1; i <= n; i++) {
		if (lua_rawgeti(L, idx, i) != LUA_TSTRING)
			luaL_argerror(L, idx, "a list of item ids (strings)");
		lua_pop(L, 1);
	}
	lua_pushvalue(L, idx);
	return n;
}

/*
 * bank:tag(id | {ids}, "+code" | "-code", ...), bank:keyword(id | {ids},
 * "+word" | "-word", ...): every change on every item, one command.
 */
static int tag_common(lua_State *L, int keyword)
{
	struct lbank *lb = check_bank(L, 1);
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	int top = lua_gettop(L), k, rc = TK_OK, outer, ids;
	lua_Integer i, n;

	luaL_checkstring(L, 3);
	for (k = 3; k <= top; k++)
		luaL_checkstring(L, k);
	n = check_ids(L, 2);
	ids = lua_gettop(L);
	outer = tk_bank_in_command(lb->b);
	if (!outer && (n > 1 || top > 3) &&
	    (rc = tk_bank_begin(lb->b, keyword ? "keyword" : "tag", lua_tostring(L, 2) ?
				lua_tostring(L, 2) : "several items", &err)) != TK_OK)
		return edit_result(L, rc, &err, &d);
	for (i = 1; i <= n && rc == TK_OK; i++) {
		lua_rawgeti(L, ids, i);
		for (k = 3; k <= top && rc == TK_OK; k++) {
			const char *id = lua_tostring(L, -1), *v = lua_tostring(L, k);
			int add = v[0] != '-';
			if (v[0] == '+' || v[0] == '-')
				v++;
			rc = keyword ? tk_cmd_keyword(lb->b, id, v, add, &d, &err) :
			     tk_cmd_tag(lb->b, id, v, add, &d, &err);
		}
		lua_pop(L, 1);
	}
	if (!outer && tk_bank_in_command(lb->b)) {
		if (rc == TK_OK)
			rc = tk_bank_commit(lb->b, &err);
		else
			tk_bank_rollback(lb->b);
	}
	return edit_result(L, rc, &err, &d);
}

static int bank_tag(lua_State *L)
{
	return tag_common(L, 0);
}

static int bank_keyword(lua_State *L)
{
	return tag_common(L, 1);
}

/* What bank:suggest returns, copied out of the standard into memory Lua owns. */
struct lsuggestion {
	char code[TK_CODE_MAX];
	char text[1024];
	double score;
};

/* bank:suggest(id | item [, n]) -> {{code =, text =, score =}, ...} | nil, msg */
static int bank_suggest(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	lua_Integer want = luaL_optinteger(L, 3, TK_SUGGEST_SHOW);
	struct tk_suggestion sg[32];
	struct lsuggestion *res;
	const struct tk_standard *s = NULL;
	struct tk_item *it;
	struct tk_error err = {0};
	int n = 0, i, rc;

	luaL_argcheck(L, want >= 1 && want <= 32, 3, "between 1 and 32");
	if (lua_type(L, 2) == LUA_TTABLE) {
		it = check_item(L, 2, default_standard(L, lb));    /* boxed */
	} else {
		const char *id = luaL_checkstring(L, 2);
		struct box *bx = lua_newuserdatauv(L, sizeof *bx, 0);
		bx->it = NULL;
		luaL_setmetatable(L, BOX_MT);
		if (tk_bank_get_item(lb->b, id, &bx->it, &err) != TK_OK)
			return fail(L, &err, NULL);
		if (bx->it == NULL) {
			tk_error_set(&err, TK_EINPUT, NULL, 0, "no item '%s' in the bank", id);
			return fail(L, &err, NULL);
		}
		it = bx->it;
	}
	res = lua_newuserdatauv(L, (size_t)want * sizeof *res, 0);
	/* s is the bank's: no Lua call may run a script on the bank until the
	   results are copied out */
	if ((rc = tk_bank_use_standard(lb->b, it->standard, &s, &err)) == TK_OK)
		rc = tk_suggest(lb->b, s, it, sg, (int)want, &n, &err);
	for (i = 0; rc == TK_OK && i < n; i++) {
		const char *t = sg[i].req->text ? sg[i].req->text : "";
		size_t len = strlen(t);
		memcpy(res[i].code, sg[i].code, sizeof res[i].code);   /* both TK_CODE_MAX */
		if (len >= sizeof res[i].text)     /* cut at a character's start */
			for (len = sizeof res[i].text - 1; len && (t[len] & 0xC0) == 0x80; len--)
				;
		memcpy(res[i].text, t, len);
		res[i].text[len] = '\0';
		res[i].score = sg[i].score;
	}
	if (rc != TK_OK)
		return fail(L, &err, NULL);
	lua_createtable(L, n, 0);
	for (i = 0; i < n; i++) {
		lua_createtable(L, 0, 3);
		lua_pushstring(L, res[i].code);
		lua_setfield(L, -2, "code");
		lua_pushstring(L, res[i].text);
		lua_setfield(L, -2, "text");
		lua_pushnumber(L, res[i].score);
		lua_setfield(L, -2, "score");
		lua_rawseti(L, -2, i + 1);
	}
	return 1;
}

/* bank:accept(id | {ids}) -> {codes} | nil, msg, problems: each untagged
   item tagged with its first suggestion, as one command */
static int bank_accept(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	lua_Integer i, n = check_ids(L, 2);
	int ids = lua_gettop(L), rc = TK_OK, outer, k;
	char (*codes)[TK_CODE_MAX] = lua_newuserdatauv(L, (size_t)n * TK_CODE_MAX, 0);

	outer = tk_bank_in_command(lb->b);
	if (!outer && n > 1 &&
	    (rc = tk_bank_begin(lb->b, "tag", "accept suggested codes", &err)) != TK_OK)
		return edit_result(L, rc, &err, &d);
	for (i = 1; i <= n && rc == TK_OK; i++) {
		lua_rawgeti(L, ids, i);      /* a string: checked */
		rc = tk_cmd_accept(lb->b, lua_tostring(L, -1), codes[i - 1], &d, &err);
		lua_pop(L, 1);
	}
	if (!outer && tk_bank_in_command(lb->b)) {
		if (rc == TK_OK)
			rc = tk_bank_commit(lb->b, &err);
		else
			tk_bank_rollback(lb->b);
	}
	if (rc != TK_OK)
		return edit_result(L, rc, &err, &d);
	tk_diags_free(&d);
	lua_createtable(L, (int)n, 0);
	for (k = 0; k < (int)n; k++) {
		lua_pushstring(L, codes[k]);
		lua_rawseti(L, -2, k + 1);
	}
	return 1;
}

static int bank_retire(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *id = luaL_checkstring(L, 2);
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	return edit_result(L, tk_cmd_retire(lb->b, id, &d, &err), &err, &d);
}

static int bank_merge(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *keep = luaL_checkstring(L, 2), *drop = luaL_checkstring(L, 3);
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	return edit_result(L, tk_cmd_merge(lb->b, keep, drop, &d, &err), &err, &d);
}

/*
 * bank:batch(summary, fn, ...) -> fn's results.  Every change fn makes is
 * one command: one entry in the log, one undo.  An error in fn rolls it
 * all back and is raised again.
 */
static int bank_batch(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *summary = luaL_checkstring(L, 2);
	struct tk_error err = {0};
	char buf[1200];
	int base, status;

	luaL_checktype(L, 3, LUA_TFUNCTION);
	if (tk_bank_in_command(lb->b))
		return luaL_error(L, "bank:batch: a batch is already open");
	if (tk_bank_begin(lb->b, "script", summary, &err) != TK_OK)
		return luaL_error(L, "%s", tk_error_format(&err, buf, sizeof buf));
	base = 2;
	status = lua_pcall(L, lua_gettop(L) - 3, LUA_MULTRET, 0);
	lb->L = L;
	if (status != LUA_OK) {
		tk_bank_rollback(lb->b);
		return lua_error(L);
	}
	if (tk_bank_commit(lb->b, &err) != TK_OK)
		return luaL_error(L, "%s", tk_error_format(&err, buf, sizeof buf));
	return lua_gettop(L) - base;
}

static void push_entry(lua_State *L, const struct tk_journal_entry *e)
{
	lua_createtable(L, 0, 7);
	tk_lua_set_int(L, "seq", e->seq);
	tk_lua_set_str(L, "time", e->time);
	tk_lua_set_str(L, "user", e->user);
	tk_lua_set_str(L, "command", e->command);
	tk_lua_set_str(L, "summary", e->summary);
	tk_lua_set_str(L, "state", e->state);
	tk_lua_set_int(L, "changes", e->changes);
	/* official work (batch runs, pack, sealing): not undoable, with digests */
	if (e->audit) {
		lua_pushboolean(L, 1);
		lua_setfield(L, -2, "audit");
		tk_lua_set_str(L, "bank_digest", e->bank_digest);
		tk_lua_set_str(L, "blueprint_digest", e->blueprint_digest);
	}
}

/* bank:undo([{any = true}]) undoes the handle's user's latest command, or anyone's */
static int undo_redo(lua_State *L, int undo)
{
	struct lbank *lb = check_bank(L, 1);
	struct tk_journal_entry e;
	struct tk_error err = {0};
	int any = 0;

	if (undo && !lua_isnoneornil(L, 2)) {
		luaL_checktype(L, 2, LUA_TTABLE);
		any = lua_getfield(L, 2, "any") != LUA_TNIL && lua_toboolean(L, -1);
		lua_pop(L, 1);
	}
	if ((undo ? tk_bank_undo(lb->b, any ? NULL : tk_bank_user(lb->b), &e, &err) :
	     tk_bank_redo(lb->b, &e, &err)) != TK_OK)
		return fail(L, &err, NULL);
	push_entry(L, &e);
	return 1;
}

static int bank_undo(lua_State *L)
{
	return undo_redo(L, 1);
}

static int bank_redo(lua_State *L)
{
	return undo_redo(L, 0);
}

static int log_one(void *ud, const struct tk_journal_entry *e)
{
	lua_State *L = ud;

	push_entry(L, e);
	lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	return 0;
}

/* bank:log([n | {limit = n, item = id}]) -> list of entries, newest first */
static int bank_log(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *item = NULL;
	lua_Integer limit = 0;
	struct tk_error err = {0};

	if (lua_type(L, 2) == LUA_TTABLE) {
		int ok = 1;
		if (lua_getfield(L, 2, "limit") != LUA_TNIL)
			limit = lua_tointegerx(L, -1, &ok);
		luaL_argcheck(L, ok, 2, "limit must be a whole number");
		if (lua_getfield(L, 2, "item") != LUA_TNIL) {
			luaL_argcheck(L, lua_type(L, -1) == LUA_TSTRING, 2, "item must be an item id");
			item = lua_tostring(L, -1);     /* alive: the table holds it */
		}
		lua_pop(L, 2);
	} else {
		limit = luaL_optinteger(L, 2, 0);
	}
	luaL_argcheck(L, limit >= 0 && limit <= INT_MAX, 2, "a limit is a whole number from 0");
	if (item && tk_bank_versions(lb->b, item, &err) == 0) {
		if (!err.msg[0])
			tk_error_set(&err, TK_EINPUT, tk_bank_path(lb->b), 0,
				     "no item '%s' in the bank", item);
		return fail(L, &err, NULL);
	}
	lua_newtable(L);
	if (tk_bank_log_item(lb->b, item, (int)limit, log_one, L, &err) != TK_OK)
		return fail(L, &err, NULL);
	return 1;
}

/* ---- review, show, history, diff, config ---- */

static int review_action(lua_State *L, int idx)
{
	static const char *const names[] = {"approve", "reject", "comment", NULL};
	static const int actions[] = {TK_REVIEW_APPROVE, TK_REVIEW_REJECT, TK_REVIEW_COMMENT};

	return actions[luaL_checkoption(L, idx, NULL, names)];
}

/*
 * bank:review(id | {ids}, "approve" | "reject" | "comment" [, comment])
 * -> true | nil, msg, problems.  Several items are one command.
 */
static int bank_review(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	int action = review_action(L, 3);
	const char *comment = luaL_optstring(L, 4, NULL);
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	int rc = TK_OK, outer, ids;
	lua_Integer i, n;

	if (action == TK_REVIEW_COMMENT && (comment == NULL || !comment[0]))
		return luaL_argerror(L, 4, "a comment needs its text");
	n = check_ids(L, 2);
	ids = lua_gettop(L);
	outer = tk_bank_in_command(lb->b);
	if (!outer && n > 1 && (rc = tk_bank_begin(lb->b, "review", "several items", &err)) != TK_OK)
		return edit_result(L, rc, &err, &d);
	for (i = 1; i <= n && rc == TK_OK; i++) {
		lua_rawgeti(L, ids, i);
		rc = tk_cmd_review(lb->b, lua_tostring(L, -1), action, comment, &d, &err);
		lua_pop(L, 1);
	}
	if (!outer && n > 1) {
		if (rc == TK_OK)
			rc = tk_bank_commit(lb->b, &err);
		else
			tk_bank_rollback(lb->b);
	}
	return edit_result(L, rc, &err, &d);
}

static void push_review(lua_State *L, const struct tk_review *r)
{
	lua_createtable(L, 0, 8);
	tk_lua_set_int(L, "seq", r->seq);
	tk_lua_set_str(L, "item", r->item);
	tk_lua_set_int(L, "version", r->version);
	tk_lua_set_str(L, "time", r->time);
	tk_lua_set_str(L, "user", r->user);
	tk_lua_set_str(L, "action", r->action);
	tk_lua_set_str(L, "comment", r->comment);
	lua_pushboolean(L, r->undone);
	lua_setfield(L, -2, "undone");
}

static int review_one(void *ud, const struct tk_review *r)
{
	lua_State *L = ud;

	push_review(L, r);
	lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	return 0;
}

/* bank:reviews([id]) -> list of reviews, oldest first (all items when no id) */
static int bank_reviews(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *id = luaL_optstring(L, 2, NULL);
	struct tk_error err = {0};

	lua_newtable(L);
	if (tk_bank_reviews(lb->b, id, review_one, L, &err) != TK_OK)
		return fail(L, &err, NULL);
	return 1;
}

static int queue_one(void *ud, const struct tk_row *row)
{
	struct lbank *lb = ud;
	lua_State *L = lb->L;
	struct tk_error err = {0};
	char *user = NULL;
	int v = 0;

	tk_bank_item_last_author(lb->b, row->id, &user, &v, &err);
	lua_createtable(L, 0, 6);
	tk_lua_set_str(L, "id", row->id);
	tk_lua_set_int(L, "version", row->version);
	tk_lua_set_str(L, "level", row->level);
	tk_lua_set_str(L, "type", row->type);
	tk_lua_set_str(L, "stem", row->stem);
	lua_pushstring(L, user);        /* nil when the journal does not say */
	free(user);
	lua_setfield(L, -2, "author");
	lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	return 0;
}

/* bank:queue() -> the items in review: {id, version, level, type, stem, author} */
static int bank_queue(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	struct tk_query q;
	struct tk_error err = {0};

	memset(&q, 0, sizeof q);
	q.status = "review";
	lua_newtable(L);
	if (tk_bank_query(lb->b, &q, queue_one, lb, &err) != TK_OK)
		return fail(L, &err, NULL);
	return 1;
}

/* "ID" or "ID@N" at idx, and an optional version after it */
static int check_ref(lua_State *L, int idx, char **id)
{
	struct tk_error err = {0};
	const char *ref = luaL_checkstring(L, idx);
	lua_Integer v = luaL_optinteger(L, idx + 1, 0);
	int version;

	/* every check that can raise comes before the id is allocated */
	luaL_argcheck(L, lua_isnoneornil(L, idx + 1) || (v >= 1 && v <= INT_MAX), idx + 1,
		      "a version is a whole number from 1");
	if (tk_show_ref(ref, id, &version, &err) != TK_OK)
		luaL_argerror(L, idx, err.msg);
	return v ? (int)v : version;
}

static int form_one(void *ud, const char *batch, const char *form, const char *xml)
{
	lua_State *L = ud;

	(void)xml;
	lua_createtable(L, 0, 2);
	tk_lua_set_str(L, "batch", batch);
	tk_lua_set_str(L, "form", form);
	lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	return 0;
}

static int printed_one(void *ud, const struct tk_practice_print *pp)
{
	lua_State *L = ud;

	lua_createtable(L, 0, 5);
	tk_lua_set_str(L, "paper", pp->paper);
	tk_lua_set_str(L, "class", pp->klass);
	tk_lua_set_str(L, "date", pp->date);
	tk_lua_set_str(L, "user", pp->user);
	tk_lua_set_int(L, "version", pp->version);
	lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	return 0;
}

/* bank:show(id[@version] [, version]) -> {text, item, reviews, forms, papers, printed} | nil, msg */
static int bank_show(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	char *id = NULL, **papers = NULL;
	int version = check_ref(L, 2, &id), rc, np = 0, i;
	struct tk_buf out = TK_BUF_INIT;
	struct tk_error err = {0};
	struct tk_item *it = NULL;
	struct box *bx;

	lua_pushstring(L, id);          /* the id lives on the stack, not in C */
	free(id);
	id = (char *)lua_tostring(L, -1);
	bx = lua_newuserdatauv(L, sizeof *bx, 0);
	bx->it = NULL;
	luaL_setmetatable(L, BOX_MT);
	if ((rc = tk_show_load(lb->b, id, version, &it, &err)) != TK_OK)
		return fail(L, &err, NULL);
	bx->it = it;
	if (tk_show_item(lb->b, id, version, &out, &err) != TK_OK) {
		tk_buf_free(&out);
		return fail(L, &err, NULL);
	}
	lua_createtable(L, 0, 5);
	lua_pushlstring(L, tk_buf_str(&out), out.len);
	tk_buf_free(&out);
	lua_setfield(L, -2, "text");
	tk_lua_push_item(L, it);
	lua_setfield(L, -2, "item");
	lua_newtable(L);
	if (tk_bank_reviews(lb->b, id, review_one, L, &err) != TK_OK)
		return fail(L, &err, NULL);
	lua_setfield(L, -2, "reviews");
	lua_newtable(L);
	if (tk_bank_item_forms(lb->b, id, form_one, L, &err) != TK_OK)
		return fail(L, &err, NULL);
	lua_setfield(L, -2, "forms");
	if (tk_bank_item_papers(lb->b, id, &papers, &np, &err) != TK_OK)
		return fail(L, &err, NULL);
	lua_createtable(L, np, 0);
	for (i = 0; i < np; i++) {
		lua_pushstring(L, papers[i]);
		lua_rawseti(L, -2, i + 1);
	}
	for (i = 0; i < np; i++)
		free(papers[i]);
	free(papers);
	lua_setfield(L, -2, "papers");
	/* practice exposure: the practice papers printed, {paper, class, date, ...} */
	lua_newtable(L);
	if (tk_bank_item_printed(lb->b, id, printed_one, L, &err) != TK_OK)
		return fail(L, &err, NULL);
	lua_setfield(L, -2, "printed");
	return 1;
}

/* A list of {field, before, after[, marked]} for d, marked for running text. */
static void push_changes(lua_State *L, const struct tk_itemdiff *d)
{
	size_t i;

	lua_createtable(L, (int)d->n, 0);
	for (i = 0; i < d->n; i++) {
		const struct tk_field_change *c = &d->v[i];
		struct tk_buf m = TK_BUF_INIT;
		lua_createtable(L, 0, 4);
		tk_lua_set_str(L, "field", c->field);
		tk_lua_set_str(L, "before", c->before);
		tk_lua_set_str(L, "after", c->after);
		if (c->text && tk_textdiff_mark(c->before, c->after, 0, &m)) {
			lua_pushlstring(L, tk_buf_str(&m), m.len);
			lua_setfield(L, -2, "marked");
		}
		tk_buf_free(&m);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
}

/* Items from stored XML, owned by a box on the stack. */
static struct tk_item *boxed_version(lua_State *L, const char *id, const char *standard,
				     const char *xml)
{
	struct box *bx = lua_newuserdatauv(L, sizeof *bx, 0);
	struct tk_row row;
	struct tk_error err = {0};

	bx->it = NULL;
	luaL_setmetatable(L, BOX_MT);
	memset(&row, 0, sizeof row);
	row.id = id;
	row.standard = standard;
	row.xml = xml;
	tk_item_from_row(&row, &bx->it, &err);
	return bx->it;
}

struct lhist {
	lua_State *L;
	const char *id;
	int prev;       /* stack index of the previous version's box, 0: none */
	int list;
};

static int history_one(void *ud, const struct tk_version *v)
{
	struct lhist *h = ud;
	lua_State *L = h->L;
	struct tk_item *it = boxed_version(L, h->id, v->standard, v->xml);   /* box */
	struct tk_itemdiff d;

	lua_createtable(L, 0, 8);
	tk_lua_set_int(L, "version", v->version);
	tk_lua_set_str(L, "time", v->time);
	if (v->seq) {
		tk_lua_set_int(L, "seq", v->seq);
		tk_lua_set_str(L, "user", v->user);
		tk_lua_set_str(L, "command", v->command);
		tk_lua_set_str(L, "summary", v->summary);
	}
	if (it && h->prev) {
		struct box *pb = lua_touserdata(L, h->prev);
		if (pb->it && tk_itemdiff(pb->it, it, &d) == TK_OK) {
			push_changes(L, &d);
			tk_itemdiff_free(&d);
			lua_setfield(L, -2, "changes");
		}
	}
	lua_rawseti(L, h->list, (lua_Integer)lua_rawlen(L, h->list) + 1);
	/* this version's box becomes the previous one */
	if (h->prev)
		lua_remove(L, h->prev);
	h->prev = lua_gettop(L);
	return 0;
}

/*
 * bank:history(id) -> list of versions, oldest first: {version, time, seq,
 * user, command, summary, changes = {{field, before, after, marked}}}, and
 * the reviews as a second result
 */
static int bank_history(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *id = luaL_checkstring(L, 2);
	struct tk_error err = {0};
	struct lhist h;

	if (tk_bank_versions(lb->b, id, &err) == 0) {
		if (!err.msg[0])
			tk_error_set(&err, TK_EINPUT, tk_bank_path(lb->b), 0,
				     "no item '%s' in the bank", id);
		return fail(L, &err, NULL);
	}
	lua_settop(L, 2);
	lua_newtable(L);                /* bank id list */
	h.L = L;
	h.id = id;
	h.prev = 0;
	h.list = 3;
	if (tk_bank_item_versions(lb->b, id, history_one, &h, &err) != TK_OK)
		return fail(L, &err, NULL);
	lua_settop(L, 3);
	lua_newtable(L);                /* bank id list reviews */
	if (tk_bank_reviews(lb->b, id, review_one, L, &err) != TK_OK)
		return fail(L, &err, NULL);
	return 2;
}

/* bank:diff(id, v1 [, v2]) -> list of {field, before, after, marked} | nil, msg */
static int bank_diff(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *id = luaL_checkstring(L, 2);
	lua_Integer v1 = luaL_checkinteger(L, 3), v2 = luaL_optinteger(L, 4, 0);
	struct tk_error err = {0};
	struct tk_itemdiff d;
	struct box *a, *c;

	luaL_argcheck(L, v1 >= 1 && v1 <= INT_MAX, 3, "a version is a whole number from 1");
	luaL_argcheck(L, lua_isnoneornil(L, 4) || (v2 >= 1 && v2 <= INT_MAX), 4,
		      "a version is a whole number from 1");
	a = lua_newuserdatauv(L, sizeof *a, 0);
	a->it = NULL;
	luaL_setmetatable(L, BOX_MT);
	c = lua_newuserdatauv(L, sizeof *c, 0);
	c->it = NULL;
	luaL_setmetatable(L, BOX_MT);
	if (tk_show_load(lb->b, id, (int)v1, &a->it, &err) != TK_OK ||
	    tk_show_load(lb->b, id, (int)v2, &c->it, &err) != TK_OK)
		return fail(L, &err, NULL);
	if (tk_itemdiff(a->it, c->it, &d) != TK_OK)
		return luaL_error(L, "out of memory");
	push_changes(L, &d);
	tk_itemdiff_free(&d);
	return 1;
}

/* tiku.textdiff(a, b) -> b with the changes from a marked [-…-]{+…+} */
static int l_textdiff(lua_State *L)
{
	size_t na, nb;
	const char *a = luaL_checklstring(L, 1, &na), *b = luaL_checklstring(L, 2, &nb);
	struct tk_buf out = TK_BUF_INIT;

	luaL_argcheck(L, strlen(a) == na, 1, "text without NUL bytes");
	luaL_argcheck(L, strlen(b) == nb, 2, "text without NUL bytes");
	if (!tk_textdiff_mark(a, b, 0, &out)) {
		tk_buf_free(&out);
		return luaL_error(L, "out of memory");
	}
	lua_pushlstring(L, tk_buf_str(&out), out.len);
	tk_buf_free(&out);
	return 1;
}

/*
 * bank:config() -> {key = value}; bank:config(key) -> value;
 * bank:config(key, value) -> true | nil, msg.  An unknown key or value
 * is misuse.
 */
static int bank_config(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *key = luaL_optstring(L, 2, NULL), *value = luaL_optstring(L, 3, NULL);
	struct tk_error err = {0};
	const struct tk_setting *s;
	char *v = NULL;
	int rc;

	if (key == NULL) {
		lua_newtable(L);
		for (s = tk_bank_settings; s->key; s++) {
			if (tk_bank_get_setting(lb->b, s->key, &v, &err) != TK_OK)
				return fail(L, &err, NULL);
			lua_pushstring(L, v);
			free(v);
			lua_setfield(L, -2, s->key);
		}
		return 1;
	}
	if (value == NULL) {
		if ((rc = tk_bank_get_setting(lb->b, key, &v, &err)) == TK_EUSAGE)
			return luaL_error(L, "%s", err.msg);
		if (rc != TK_OK)
			return fail(L, &err, NULL);
		lua_pushstring(L, v);
		free(v);
		return 1;
	}
	if (tk_bank_in_command(lb->b))
		rc = tk_bank_set_setting(lb->b, key, value, &err);
	else if ((rc = tk_bank_begin(lb->b, "config", key, &err)) == TK_OK) {
		rc = tk_bank_set_setting(lb->b, key, value, &err);
		rc = rc == TK_OK ? tk_bank_commit(lb->b, &err) : (tk_bank_rollback(lb->b), rc);
	}
	if (rc == TK_EUSAGE)
		return luaL_error(L, "%s", err.msg);
	if (rc != TK_OK)
		return fail(L, &err, NULL);
	lua_pushboolean(L, 1);
	return 1;
}

/* bank:import(path [, {format, encoding, sheet, standard, level, kind, status, code, partial}]) */
static int bank_import(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *path = luaL_checkstring(L, 2);
	struct tk_import_opts o;
	struct tk_import_stats st;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	int rc, outer, n;

	memset(&o, 0, sizeof o);
	memset(&st, 0, sizeof st);
	if (!lua_isnoneornil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
#define O(k, slot) if (lua_getfield(L, 3, k) == LUA_TSTRING) slot = lua_tostring(L, -1); lua_pop(L, 1);
		O("format", o.format) O("encoding", o.def.encoding) O("sheet", o.sheet)
		O("standard", o.def.standard) O("code", o.def.code)
		O("level", o.def.level) O("kind", o.def.kind) O("status", o.def.status)
#undef O
		o.partial = lua_getfield(L, 3, "partial") != LUA_TNIL && lua_toboolean(L, -1);
		lua_pop(L, 1);
	}
	outer = tk_bank_in_command(lb->b);
	if (!outer && (rc = tk_bank_begin(lb->b, "import", path, &err)) != TK_OK)
		return fail(L, &err, NULL);
	rc = tk_import_file(lb->b, path, &o, &st, &d, &err);
	if (!outer) {
		if (rc == TK_OK)
			rc = tk_bank_commit(lb->b, &err);
		else
			tk_bank_rollback(lb->b);
	}
	if (rc != TK_OK) {
		n = fail(L, &err, &d);
		tk_diags_free(&d);
		return n;
	}
	tk_diags_free(&d);
	lua_createtable(L, 0, 7);
	tk_lua_set_int(L, "items", (lua_Integer)st.items);
	tk_lua_set_int(L, "added", (lua_Integer)st.added);
	tk_lua_set_int(L, "changed", (lua_Integer)st.changed);
	tk_lua_set_int(L, "unchanged", (lua_Integer)st.same);
	tk_lua_set_int(L, "rejected", (lua_Integer)st.rejected);
	tk_lua_set_int(L, "untagged", (lua_Integer)st.untagged);
	tk_lua_set_int(L, "standards", st.standards_new + st.standards_changed);
	return 1;
}

/* bank:lint([standard]) -> problems, nerrors, nwarnings */
static int bank_lint(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *only = luaL_optstring(L, 2, NULL);
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	/* the house rules the bank carries too, as tiku lint runs them */
	if (tk_lint_bank(lb->b, only, tk_lua_house_rules, lb->b, &d, &err) != TK_OK) {
		tk_diags_free(&d);
		return fail(L, &err, NULL);
	}
	return push_lint(L, &d);
}

/* bank:check(item) -> problems (lint of one item against its standard) */
static int bank_check(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	struct tk_item *it = check_item(L, 2, default_standard(L, lb));
	struct tk_standard *s = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	if (tk_bank_get_standard(lb->b, it->standard, &s, &err) != TK_OK)
		return fail(L, &err, NULL);
	tk_lint_item(s, it, &d);
	tk_standard_free(s);
	tk_lua_push_diags(L, &d);
	lua_pushinteger(L, (lua_Integer)d.nerrors);
	tk_diags_free(&d);
	return 2;
}

/* bank:standard([id]) -> standard | nil, msg */
static int bank_standard(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *id = luaL_optstring(L, 2, NULL);
	struct tk_standard *s = NULL;
	struct tk_error err = {0};

	if (tk_bank_get_standard(lb->b, id, &s, &err) != TK_OK)
		return fail(L, &err, NULL);
	tk_lua_push_standard(L, s);
	tk_standard_free(s);
	return 1;
}

static void push_counts(lua_State *L, const struct tk_cov_count *n)
{
	int t;

	tk_lua_set_int(L, "items", n->items);
	tk_lua_push_points(L, n->points);
	lua_setfield(L, -2, "supply");
	lua_newtable(L);
	for (t = 0; t < TK_NTYPES; t++)
		if (n->by_type[t])
			tk_lua_set_int(L, tk_type_name(t), n->by_type[t]);
	lua_setfield(L, -2, "by_type");
	lua_newtable(L);
	for (t = 0; t < TK_NSTATUS; t++)
		if (n->by_status[t])
			tk_lua_set_int(L, tk_status_name(t), n->by_status[t]);
	lua_setfield(L, -2, "by_status");
}

/* bank:coverage{level=, kind=, points=100, status="approved", standard=} */
static int bank_coverage(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *level, *kind, *sid = NULL, *status = "approved";
	struct tk_standard *s = NULL;
	struct tk_coverage *cov = NULL;
	struct tk_error err = {0};
	int points = 100, l, k, i, eligible;

	luaL_checktype(L, 2, LUA_TTABLE);
	lua_getfield(L, 2, "level");
	level = luaL_checkstring(L, -1);
	lua_getfield(L, 2, "kind");
	kind = luaL_checkstring(L, -1);
	if (lua_getfield(L, 2, "standard") == LUA_TSTRING)
		sid = lua_tostring(L, -1);
	if (lua_getfield(L, 2, "points") != LUA_TNIL)
		points = (int)luaL_checkinteger(L, -1);
	if (lua_getfield(L, 2, "status") == LUA_TSTRING)
		status = lua_tostring(L, -1);
	if ((k = tk_kind_parse(kind)) < 0)
		return luaL_error(L, "coverage: kind must be theory or skill");
	if ((eligible = tk_status_parse(status)) < 0)
		return luaL_error(L, "coverage: unknown status '%s'", status);
	if (points <= 0 || points > 10000)
		return luaL_error(L, "coverage: points must be between 1 and 10000");
	if (tk_bank_get_standard(lb->b, sid, &s, &err) != TK_OK)
		return fail(L, &err, NULL);
	if ((l = tk_standard_level(s, level)) < 0) {
		tk_standard_free(s);
		return luaL_error(L, "coverage: unknown level '%s'", level);
	}
	if (tk_coverage_compute(lb->b, s, l, k, points, eligible, &cov, &err) != TK_OK) {
		tk_standard_free(s);
		return fail(L, &err, NULL);
	}
	lua_createtable(L, 0, 8);
	tk_lua_set_str(L, "level", s->levels[l].id);
	tk_lua_set_str(L, "kind", tk_kind_name(k));
	tk_lua_set_int(L, "points", points);
	lua_pushboolean(L, cov->has_table);
	lua_setfield(L, -2, "has_table");
	tk_lua_set_int(L, "gaps", cov->gaps);
	tk_lua_set_int(L, "short_areas", cov->short_areas);
	lua_createtable(L, cov->nareas, 0);
	for (i = 0; i < cov->nareas; i++) {
		const struct tk_cov_area *a = &cov->areas[i];
		lua_createtable(L, 0, 8);
		tk_lua_set_str(L, "id", s->weights[k].areas[a->area].id);
		tk_lua_set_str(L, "name", s->weights[k].areas[a->area].name);
		tk_lua_set_int(L, "weight", a->weight);
		tk_lua_push_points(L, a->need);
		lua_setfield(L, -2, "need");
		push_counts(L, &a->n);
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, "areas");
	lua_createtable(L, cov->ncodes, 0);
	for (i = 0; i < cov->ncodes; i++) {
		const struct tk_cov_code *c = &cov->codes[i];
		char code[64];
		lua_createtable(L, 0, 8);
		snprintf(code, sizeof code, "%s%s", c->req->type == TK_REQ_BASIC ? "B" : "",
			 c->req->code);
		tk_lua_set_str(L, "code", code);
		tk_lua_set_str(L, "text", c->req->text);
		if (c->area >= 0)
			tk_lua_set_str(L, "area", s->weights[k].areas[c->area].id);
		push_counts(L, &c->n);
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, "codes");
	tk_coverage_free(cov);
	tk_standard_free(s);
	return 1;
}

/* ---- papers -------------------------------------------------------- */

/* A paper held by a userdata while a binding works, so errors free it. */
#define PAPER_MT "tiku.paperbox"

struct paperbox {
	struct tk_paper **v;
	int n;
};

static int paperbox_gc(lua_State *L)
{
	struct paperbox *pb = luaL_checkudata(L, 1, PAPER_MT);
	int i;

	for (i = 0; i < pb->n; i++)
		tk_paper_free(pb->v[i]);
	free(pb->v);
	pb->v = NULL;
	pb->n = 0;
	return 0;
}

static struct paperbox *new_paperbox(lua_State *L, int n)
{
	struct paperbox *pb = lua_newuserdatauv(L, sizeof *pb, 0);

	pb->v = NULL;
	pb->n = 0;
	luaL_setmetatable(L, PAPER_MT);
	pb->v = calloc((size_t)(n ? n : 1), sizeof *pb->v);
	if (pb->v == NULL)
		luaL_error(L, "out of memory");
	return pb;
}

/* A paper from a path, from XML text ("<...") or a paper table (its
   xml, which takes the table's place on the stack), into the box. */
static int read_paper(lua_State *L, int idx, struct paperbox *pb, struct tk_error *err)
{
	size_t len;
	const char *s;
	int rc;

	idx = lua_absindex(L, idx);
	if (lua_istable(L, idx)) {
		if (lua_getfield(L, idx, "xml") != LUA_TSTRING)
			return luaL_argerror(L, idx, "a paper table carries its xml");
		lua_replace(L, idx);
	}
	s = luaL_checklstring(L, idx, &len);

	if (s[0] == '<')
		rc = tk_paper_parse(s, len, "(paper)", &pb->v[pb->n], NULL, err);
	else
		rc = tk_paper_load(s, &pb->v[pb->n], NULL, err);
	if (rc == TK_OK)
		pb->n++;
	return rc;
}

/*
 * The papers of option table t's "avoid" (paths, XML or paper tables),
 * read into a box left on the stack (with the list below it); a list
 * that is none raises an error naming who; a paper that does not read
 * gives NULL with err set, for the caller to return as nil and a message.
 */
static struct paperbox *avoid_papers(lua_State *L, int t, const char *who,
				     struct tk_error *err)
{
	struct paperbox *pb;
	int i, n;

	lua_getfield(L, t, "avoid");
	if (!lua_isnil(L, -1) && !lua_istable(L, -1))
		luaL_error(L, "%s: avoid is a list of papers", who);
	n = lua_istable(L, -1) ? (int)lua_rawlen(L, -1) : 0;
	pb = new_paperbox(L, n);
	for (i = 1; i <= n; i++) {
		lua_rawgeti(L, -2, i);
		if (read_paper(L, -1, pb, err) != TK_OK)
			return NULL;
		lua_pop(L, 1);
	}
	return pb;
}


/* The images the bank keeps, for the writers that carry them. */
static int bank_image(void *ud, const char *src, struct tk_buf *data, struct tk_error *err)
{
	return tk_bank_get_image(ud, src, data, err);
}

/*
 * bank:export([options]) -> data | true, warnings
 *
 * options: the query's filters, format (xml, the default, moodle, gift,
 * qti21, qti30, csv, xlsx), paper (a paper file or its XML: its items
 * instead of the bank's), images (a folder), encoding (csv), path (write
 * the file there, atomically, and return true).  warnings: what the
 * format cannot carry, item by item, as problems.
 */
static int bank_export(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	struct tk_query q;
	struct tk_export_opts o;
	struct tk_image_store store = {bank_image, NULL};
	struct tk_standard *s = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_buf out = TK_BUF_INIT;
	struct paperbox *pb = NULL;
	const char *path = NULL, *format = "xml", *paper = NULL;
	char *copy = NULL, *dir = NULL;
	int rc, filters;

	check_query(L, 2, &q);
	memset(&o, 0, sizeof o);
	filters = q.standard || q.text || q.level || q.kind || q.code || q.type || q.status ||
		  q.include_retired;
	if (lua_istable(L, 2)) {
#define O(k, slot) \
	if (lua_getfield(L, 2, k) == LUA_TSTRING) slot = lua_tostring(L, -1); \
	else if (!lua_isnil(L, -1)) return luaL_error(L, "export option '" k "' must be a string"); \
	lua_pop(L, 1);
		O("path", path) O("format", format) O("paper", paper) O("images", o.images)
		O("encoding", o.encoding)
#undef O
	}
	if ((o.format = tk_export_format(format)) < 0)
		return luaL_error(L, "unknown format '%s' (xml, moodle, gift, qti21, qti30, csv or xlsx)",
				  format);
	if (o.encoding && o.format != TK_EXPORT_CSV)
		return luaL_error(L, "encoding is for format csv");
	if (paper && !tk_export_holds_paper(o.format))
		return luaL_error(L, "a paper goes to qti21, qti30, moodle or gift, not %s", format);
	if (paper && filters)
		return luaL_error(L, "paper exports the paper's items: the filters are for the bank's");
	q.limit = 0;
	if (paper) {
		pb = new_paperbox(L, 1);        /* ... box: owns the paper */
		lua_getfield(L, 2, "paper");    /* ... box paper */
		if (read_paper(L, lua_gettop(L), pb, &err) != TK_OK)
			return fail(L, &err, NULL);
	} else {
		resolve_level(L, lb, &q);
	}
	/* from here on no Lua error until the C memory is freed */
	store.ud = lb->b;
	o.store = &store;
	o.diags = &d;
	rc = tk_bank_get_standard(lb->b, paper ? pb->v[0]->standard : q.standard, &s, &err);
	if (rc == TK_OK && paper) {
		if (o.images == NULL && paper[0] != '<' && (copy = tk_strdup(paper)) != NULL)
			o.images = dir = tk_strdup(dirname(copy));
		rc = tk_export_paper(pb->v[0], s, &o, &out, &err);
	} else if (rc == TK_OK) {
		q.standard = s->id;
		rc = tk_export_bank(lb->b, &q, s, &o, &out, &err);
	}
	if (rc == TK_OK && path)
		rc = tk_write_file(path, out.s, out.len, &err);
	tk_standard_free(s);
	free(copy);
	free(dir);
	if (rc != TK_OK) {
		tk_buf_free(&out);
		rc = fail(L, &err, &d);
		tk_diags_free(&d);
		return rc;
	}
	if (path)
		lua_pushboolean(L, 1);
	else
		lua_pushlstring(L, tk_buf_str(&out), out.len);
	tk_buf_free(&out);
	tk_lua_push_diags(L, &d);
	tk_diags_free(&d);
	return 2;
}

static void push_paper(lua_State *L, const struct tk_paper *p)
{
	struct tk_buf x = TK_BUF_INIT;
	char seed[32];
	int i, j;

	lua_createtable(L, 0, 10);
	tk_lua_set_str(L, "id", p->id);
	tk_lua_set_str(L, "title", p->title);
	tk_lua_set_str(L, "standard", p->standard);
	tk_lua_set_str(L, "level", p->level);
	tk_lua_set_str(L, "kind", p->kind);
	tk_lua_set_str(L, "blueprint", p->blueprint);
	tk_lua_set_str(L, "form", p->form);
	snprintf(seed, sizeof seed, "%llu", (unsigned long long)p->seed);
	tk_lua_set_str(L, "seed", seed);
	tk_lua_set_int(L, "points", p->points);
	tk_lua_set_int(L, "duration", p->duration);
	tk_lua_set_str(L, "purpose", p->practice ? "practice" : "official");
	/* the targets a practice paper states: {area =, weight =, points =} */
	lua_createtable(L, p->ntargets, 0);
	for (i = 0; i < p->ntargets; i++) {
		lua_createtable(L, 0, 3);
		tk_lua_set_str(L, "area", p->targets[i].area);
		tk_lua_set_int(L, "weight", p->targets[i].weight);
		tk_lua_push_points(L, p->targets[i].points);
		lua_setfield(L, -2, "points");
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, "targets");
	lua_createtable(L, p->nsections, 0);
	for (i = 0; i < p->nsections; i++) {
		const struct tk_paper_section *sec = &p->sections[i];
		lua_createtable(L, 0, 4);
		tk_lua_set_str(L, "type", tk_type_name(sec->type));
		tk_lua_set_str(L, "title", sec->title);
		if (sec->points) {
			tk_lua_push_points(L, sec->points);
			lua_setfield(L, -2, "points");
		}
		lua_createtable(L, sec->nitems, 0);
		for (j = 0; j < sec->nitems; j++) {
			tk_lua_push_item(L, sec->items[j]);
			lua_rawseti(L, -2, j + 1);
		}
		lua_setfield(L, -2, "items");
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, "sections");
	tk_paper_xml(p, &x);
	lua_pushlstring(L, tk_buf_str(&x), x.len);
	tk_buf_free(&x);
	lua_setfield(L, -2, "xml");
}

/*
 * bank:assemble{blueprint = PATH, seed = N, form = "A", previous = {paper, ...},
 * avoid = {paper, ...}, avoid_since = "YYYY-MM-DD"} -> paper | nil, msg,
 * problems.  A paper is a table with its sections and items, and its XML
 * in `xml`; previous and avoid papers are paths, XML or paper tables.
 */
static int bank_assemble(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *path;
	struct tk_blueprint *bp = NULL;
	struct tk_standard *s = NULL;
	struct tk_paper *p = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_assemble_opts o;
	struct paperbox *prev, *avoid;
	int rc, n = 0, i;

	luaL_checktype(L, 2, LUA_TTABLE);
	memset(&o, 0, sizeof o);
	lua_getfield(L, 2, "blueprint");
	path = luaL_checkstring(L, -1);
	if (lua_getfield(L, 2, "seed") != LUA_TNIL) {
		lua_Integer v = luaL_checkinteger(L, -1);
		if (v < 0)
			return luaL_error(L, "assemble: the seed is a whole number >= 0");
		o.seed = (uint64_t)v;
	} else {
		o.seed = tk_assemble_seed();
	}
	if (lua_getfield(L, 2, "form") == LUA_TSTRING)
		o.form = lua_tostring(L, -1);
	lua_getfield(L, 2, "previous");
	n = lua_istable(L, -1) ? (int)lua_rawlen(L, -1) : 0;
	prev = new_paperbox(L, n);
	for (i = 1; i <= n; i++) {
		lua_rawgeti(L, -2, i);
		if (read_paper(L, -1, prev, &err) != TK_OK)
			return fail(L, &err, NULL);
		lua_pop(L, 1);
	}
	o.previous = prev->v;
	o.nprevious = prev->n;
	/* practice exposure: papers whose items to keep out, and a date */
	if ((avoid = avoid_papers(L, 2, "assemble", &err)) == NULL)
		return fail(L, &err, NULL);
	o.avoid = avoid->v;
	o.navoid = avoid->n;
	if (lua_getfield(L, 2, "avoid_since") != LUA_TNIL) {
		o.avoid_since = lua_tostring(L, -1);
		if (lua_type(L, -1) != LUA_TSTRING || !tk_parse_date(o.avoid_since, NULL, NULL, NULL))
			return luaL_error(L, "assemble: avoid_since is a date written YYYY-MM-DD");
	}
	if ((rc = tk_blueprint_load(path, &bp, &d, &err)) == TK_OK &&
	    (rc = tk_bank_get_standard(lb->b, bp->standard, &s, &err)) == TK_OK &&
	    (rc = tk_blueprint_resolve(bp, s, &d, &err)) == TK_OK)
		rc = tk_assemble(lb->b, s, bp, &o, &p, &d, &err);
	if (rc == TK_OK)        /* so that validate finds the blueprint again */
		p->blueprint_file = tk_strdup(path);
	tk_blueprint_free(bp);
	tk_standard_free(s);
	if (rc != TK_OK) {
		n = fail(L, &err, &d);
		tk_diags_free(&d);
		return n;
	}
	tk_diags_free(&d);
	prev = new_paperbox(L, 1);      /* owns p from here */
	prev->v[prev->n++] = p;
	push_paper(L, p);
	/* paper.assembled hooks see the paper; raising refuses it */
	if (lb->hooks != LUA_NOREF) {
		int paper = lua_gettop(L);
		lua_rawgeti(L, LUA_REGISTRYINDEX, lb->hooks);
		if (lua_getfield(L, -1, "paper.assembled") == LUA_TTABLE) {
			lua_Integer k, nh = (lua_Integer)lua_rawlen(L, -1);
			for (k = 1; k <= nh; k++) {
				lua_rawgeti(L, -1, k);
				lua_pushvalue(L, paper);
				lua_pushliteral(L, "paper.assembled");
				if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
					const char *msg = lua_tostring(L, -1);
					luaL_pushfail(L);
					lua_pushfstring(L, "paper '%s' refused by a hook: %s", p->id,
							msg ? msg : "(error object is not a string)");
					return 2;
				}
			}
		}
		lua_settop(L, paper);
	}
	return 1;
}

/* tiku.read_paper(path or xml) -> paper | nil, msg */
static int l_read_paper(lua_State *L)
{
	struct paperbox *pb = new_paperbox(L, 1);
	struct tk_error err = {0};

	if (read_paper(L, 1, pb, &err) != TK_OK)
		return fail(L, &err, NULL);
	push_paper(L, pb->v[0]);
	return 1;
}

static int opt_bool(lua_State *L, int t, const char *k)
{
	int v;

	lua_getfield(L, t, k);
	v = lua_toboolean(L, -1);
	lua_pop(L, 1);
	return v;
}

/* Does path end in ext, any case, with a name before it? */
static int has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), k = strlen(ext);

	return n > k && !strcasecmp(path + n - k, ext) && path[n - k - 1] != '/';
}

static const char *opt_str(lua_State *L, int t, const char *k);

/*
 * The paper as a Word document (path ends in .docx): the options a Word
 * paper has, the template read first.  *items gets the items written.
 */
static int render_docx(struct tk_paper *p, const struct tk_render_opts *ro, const char *tpl,
		       const char *path, int *items, struct tk_error *err)
{
	struct tk_docxout_opts o;
	struct tk_docxout_template *t = NULL;
	int rc;

	memset(&o, 0, sizeof o);
	o.font = ro->font;
	o.images = ro->images;
	o.store = ro->store;
	o.key = ro->key;
	o.explanations = ro->explanations;
	o.cls = ro->cls;
	if ((rc = tpl ? tk_docxout_template_read(tpl, &t, err) : TK_OK) == TK_OK) {
		o.tpl = t;
		rc = tk_docxout_file(p, &o, path, items, err);
	}
	tk_docxout_template_free(t);
	return rc;
}

/*
 * tiku.render and bank:render: the paper at stack index at, the path
 * after it, the options after that.  With lb, a practice paper printed
 * (not its key) is logged as practice exposure in the same command as
 * the file is written, as tiku render does; also returns whether this
 * print was new.  bank = (or lb) is asked first for the images it keeps.
 */
/* tk_render_many's papers: moved out of the box while drawn, back after */
static int box_get(void *ud, int i, struct tk_paper **p, struct tk_error *err)
{
	struct paperbox *pb = ud;

	(void)err;
	*p = pb->v[i];
	pb->v[i] = NULL;
	return TK_OK;
}

static void box_put(void *ud, int i, struct tk_paper *p)
{
	struct paperbox *pb = ud;

	pb->v[i] = p;
}

/* Papers into one PDF at path, on every core. */
static int render_many_file(struct paperbox *pb, const struct tk_render_opts *o,
			    const char *path, int *pages, struct tk_error *err)
{
	struct tk_render_src src = {pb->n, box_get, box_put, pb};
	struct tk_buf pdf = TK_BUF_INIT;
	int failed, rc = tk_render_many(o, NULL, &src, 0, &pdf, pages, &failed, err);

	if (rc == TK_OK)
		rc = tk_write_file(path, pdf.s, pdf.len, err);
	tk_buf_free(&pdf);
	return rc;
}

static int render_common(lua_State *L, int at, struct lbank *lb)
{
	struct paperbox *pb;
	struct tk_render_opts o;
	struct tk_image_store store = {tk_bank_image_get, NULL};
	struct tk_error err = {0};
	const char *path, *tpl = NULL;
	int n = 0, docx, rc, logged = 0, opts = at + 2, many = 0, i;

	memset(&o, 0, sizeof o);
	if (lua_istable(L, at)) {
		if (lua_getfield(L, at, "xml") == LUA_TSTRING) {
			lua_replace(L, at);
		} else {
			/* a list of papers, one PDF of them all */
			lua_pop(L, 1);
			many = (int)luaL_len(L, at);
			if (many < 1)
				return luaL_argerror(L, at, "a paper, or a list of papers");
		}
	}
	if (!many)
		luaL_checkstring(L, at);
	path = luaL_checkstring(L, at + 1);
	docx = has_ext(path, ".docx");
	if (!lua_isnoneornil(L, opts)) {
		luaL_checktype(L, opts, LUA_TTABLE);
		o.key = opt_bool(L, opts, "key");
		o.explanations = opt_bool(L, opts, "explanations");
		o.seal_line = opt_bool(L, opts, "seal_line");
		o.a3 = opt_bool(L, opts, "a3");
		o.font = opt_str(L, opts, "font");      /* each stays on the stack */
		o.images = opt_str(L, opts, "images");
		tpl = opt_str(L, opts, "template");
		o.cls.klass = opt_str(L, opts, "class");
		o.cls.date = opt_str(L, opts, "date");
		o.cls.title = opt_str(L, opts, "title");
		if (lua_getfield(L, opts, "bank") != LUA_TNIL) {
			/* the images an import kept in the bank */
			struct lbank *ib = luaL_testudata(L, -1, BANK_MT);
			if (ib == NULL || ib->b == NULL)
				return luaL_error(L, "bank must be an open bank");
			store.ud = ib->b;
			o.store = &store;
		}
	}
	if (o.cls.date && !tk_parse_date(o.cls.date, NULL, NULL, NULL))
		return luaL_error(L, "date '%s': a date is written YYYY-MM-DD", o.cls.date);
	if (tpl && !docx)
		return luaL_error(L, "template goes with a Word document (a path ending in .docx)");
	if (docx && (o.seal_line || o.a3))
		return luaL_error(L, "seal_line and a3 are for PDF: a Word paper takes its page "
			       "from its template");
	if (lb && o.store == NULL) {
		store.ud = lb->b;
		o.store = &store;
	}
	if (many && docx)
		return luaL_error(L, "a Word document holds one paper: render a list as PDF");
	pb = new_paperbox(L, many ? many : 1);
	if (many) {
		for (i = 1; i <= many; i++) {
			lua_geti(L, at, i);
			if (read_paper(L, -1, pb, &err) != TK_OK)
				return fail(L, &err, NULL);
			lua_pop(L, 1);
		}
	} else if (read_paper(L, at, pb, &err) != TK_OK) {
		return fail(L, &err, NULL);
	}
	/* the log and the file go together: the command commits once it is written */
	rc = lb && !o.key && !o.prep ?
	     tk_exposure_print_begin(lb->b, pb->v, pb->n, o.cls.klass, o.cls.date, &logged, &err) :
	     TK_OK;
	if (rc == TK_OK)
		rc = docx ? render_docx(pb->v[0], &o, tpl, path, &n, &err)
		     : many ? render_many_file(pb, &o, path, &n, &err)
		     : tk_render_file(pb->v[0], &o, path, &n, &err);
	if (lb && tk_bank_in_command(lb->b)) {
		if (rc != TK_OK)
			tk_bank_rollback(lb->b);
		else if ((rc = tk_bank_commit(lb->b, &err)) != TK_OK)
			remove(path);
	}
	if (rc != TK_OK)
		return fail(L, &err, NULL);
	lua_pushinteger(L, n);
	if (lb == NULL)
		return 1;
	lua_pushboolean(L, logged);
	return 2;
}

/*
 * tiku.render(paper, path, {key =, explanations =, font =, seal_line =,
 * a3 =, images =, bank =, template =, class =, date =, title =}) -> pages
 * | nil, msg.  paper is a path, XML, or a paper table (its xml), or a
 * list of them: one PDF of them all, drawn on every core; images is
 * where items' images are (default "."), bank a bank asked first for the
 * images it keeps.  A path ending in .docx writes a Word
 * document (with template, the school's page and styles) and gives its
 * items instead.  class, date and title: a practice paper's header.
 */
static int l_render(lua_State *L)
{
	return render_common(L, 1, NULL);
}

/*
 * bank:render(paper, path [, options]) -> pages | items, logged | nil,
 * msg: tiku.render, and a practice paper printed is logged in the bank
 * as practice exposure (logged: a new print), as tiku render does.
 */
static int bank_render(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);

	return render_common(L, 2, lb);
}

static const char *opt_str(lua_State *L, int t, const char *k)
{
	lua_getfield(L, t, k);      /* left on the stack, so the string lives */
	if (!lua_isnil(L, -1) && lua_type(L, -1) != LUA_TSTRING)
		luaL_error(L, "%s must be a string", k);
	return lua_tostring(L, -1);
}

/*
 * tiku.render_sheet(source, id, path [, {panel =, roster =, standard =,
 * font =}]) -> pages | nil, msg.  source is a bank (its standard, or the
 * one standard names) or a standard file; the scoring sheets of its
 * appraisal id, one per candidate of the roster file (else one blank).
 */
static int l_render_sheet(lua_State *L)
{
	struct lbank *lb = luaL_testudata(L, 1, BANK_MT);
	const char *file = lb ? NULL : luaL_checkstring(L, 1);
	const char *id = luaL_checkstring(L, 2), *path = luaL_checkstring(L, 3);
	const char *roster = NULL, *sid = NULL;
	struct tk_render_opts o = {0};
	struct tk_scoresheet_opts so;
	struct tk_standard *s = NULL;
	struct tk_candidate *cands = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	const struct tk_appraisal *a;
	char *store = NULL;
	int pages = 0, rc, n;

	memset(&so, 0, sizeof so);
	if (lb)
		check_bank(L, 1);
	if (!lua_isnoneornil(L, 4)) {
		lua_Integer panel;
		int ok = 1;
		luaL_checktype(L, 4, LUA_TTABLE);
		lua_getfield(L, 4, "panel");
		panel = lua_isnil(L, -1) ? 0 : lua_tointegerx(L, -1, &ok);
		lua_pop(L, 1);
		if (!ok || panel < 0 || panel > 99)
			return luaL_error(L, "panel must be a whole number from 1 to 99");
		so.panel = (int)panel;
		roster = opt_str(L, 4, "roster");     /* left on the stack */
		sid = opt_str(L, 4, "standard");
		o.font = opt_str(L, 4, "font");
	}
	if (sid && file)
		return luaL_error(L, "standard chooses among a bank's standards, and a file is named");
	/* no Lua error from here on: C memory is held */
	rc = lb ? tk_bank_get_standard(lb->b, sid, &s, &err)
		: tk_standard_load(file, &s, &d, &err);
	if (rc == TK_OK && roster)
		rc = tk_roster_read(roster, &cands, &so.ncands, &store, &err);
	so.cands = cands;
	if (rc == TK_OK)
		rc = tk_scoresheet_find(s, id, &a, &err);
	if (rc == TK_OK)
		rc = tk_scoresheet_file(s, a, &so, &o, path, &pages, &err);
	tk_standard_free(s);
	free(cands);
	free(store);
	if (rc != TK_OK) {
		n = fail(L, &err, d.n ? &d : NULL);
		tk_diags_free(&d);
		return n;
	}
	tk_diags_free(&d);
	lua_pushinteger(L, pages);
	return 1;
}

/*
 * tiku.keygen(name, {passphrase = "..." | unencrypted = true, force =})
 * -> key id | nil, msg.  Writes name.key and name.pub (minisign's formats).
 * With seal = true: a site's age key pair instead; returns its recipient.
 */
static int l_keygen(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1), *pass;
	struct tk_error err = {0};
	struct tk_pubkey pub;
	char id[17];
	int plain, force;

	luaL_checktype(L, 2, LUA_TTABLE);
	pass = opt_str(L, 2, "passphrase");
	plain = opt_bool(L, 2, "unencrypted");
	force = opt_bool(L, 2, "force");
	if (opt_bool(L, 2, "seal")) {
		/* a site's key for sealed packages (age): returns its recipient */
		char rcp[128];
		if (tk_seal_keygen(name, force, rcp, &err) != TK_OK)
			return fail(L, &err, NULL);
		lua_pushstring(L, rcp);
		return 1;
	}
	if ((pass == NULL || *pass == '\0') == !plain)
		return luaL_error(L, "give a passphrase, or unencrypted = true");
	if (tk_sign_keygen(name, plain ? NULL : pass, force, &pub, &err) != TK_OK)
		return fail(L, &err, NULL);
	tk_sign_id_hex(pub.id, id);
	lua_pushstring(L, id);
	return 1;
}

/*
 * tiku.sign(data, keyfile [, {passphrase =, comment =, legacy =}]) ->
 * minisig text | nil, msg.  data is the bytes to sign (read a file with
 * io.open); comment is the trusted comment.
 */
static int l_sign(lua_State *L)
{
	size_t len;
	const char *data = luaL_checklstring(L, 1, &len), *key = luaL_checkstring(L, 2);
	const char *pass = NULL, *comment = NULL;
	struct tk_error err = {0};
	struct tk_seckey sk;
	struct tk_buf sig = TK_BUF_INIT;
	int legacy = 0, rc;

	if (!lua_isnoneornil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		pass = opt_str(L, 3, "passphrase");
		comment = opt_str(L, 3, "comment");
		legacy = opt_bool(L, 3, "legacy");
	}
	if (tk_sign_read_sec(key, pass, &sk, &err) != TK_OK)
		return fail(L, &err, NULL);
	rc = tk_sign_data(&sk, data, len, NULL, comment ? comment : "signed by tiku", legacy,
			  &sig, &err);
	tk_sign_wipe(&sk);
	if (rc != TK_OK) {
		tk_buf_free(&sig);
		return fail(L, &err, NULL);
	}
	lua_pushlstring(L, tk_buf_str(&sig), sig.len);
	tk_buf_free(&sig);
	return 1;
}

/*
 * tiku.verify(data, pubfile, minisig) -> trusted comment | nil, msg.
 * data and minisig are bytes; pubfile a .pub file.
 */
static int l_verify(lua_State *L)
{
	size_t len, slen;
	const char *data = luaL_checklstring(L, 1, &len), *pub = luaL_checkstring(L, 2);
	const char *sig = luaL_checklstring(L, 3, &slen);
	struct tk_error err = {0};
	struct tk_pubkey pk;
	char *trusted = NULL;

	if (tk_sign_read_pub(pub, &pk, &err) != TK_OK ||
	    tk_sign_verify(&pk, data, len, sig, slen, "(signature)", &trusted, &err) != TK_OK)
		return fail(L, &err, NULL);
	lua_pushstring(L, trusted);
	free(trusted);
	return 1;
}

/* Each package written: its path, as a result of tiku.pack. */
static void pushed_path(void *ud, const char *path, const char *sigpath, int content, size_t len)
{
	(void)sigpath;
	(void)content;
	(void)len;
	lua_pushstring(ud, path);
}

/*
 * bank:pack(paper, keyfile, name [, {format = "zip" | "tar.gz", passphrase =,
 * images =, seal_to = {site.pub | "age1...", ...}}]) -> paper package path,
 * key package path | nil, msg.  Writes name.zip and name-key.zip with their
 * .minisig, as `tiku pack` does (sealed: name.zip.age ...), once the paper
 * is valid against the bank: a method of the bank, so that no route packs
 * a paper the validator has not passed.
 */
static int bank_pack(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *key = luaL_checkstring(L, 3), *name = luaL_checkstring(L, 4);
	const char *pass = NULL, *fmt = NULL, *images = NULL;
	struct paperbox *pb;
	struct tk_error err = {0};
	struct tk_seckey sk;
	unsigned char (*sites)[32] = NULL;
	struct tk_pack_job job;
	int format = TK_PACK_ZIP, rc, nsites = 0;

	if (lua_istable(L, 2)) {
		if (lua_getfield(L, 2, "xml") != LUA_TSTRING)
			return luaL_argerror(L, 2, "a paper table carries its xml");
		lua_replace(L, 2);
	}
	luaL_checkstring(L, 2);
	if (!lua_isnoneornil(L, 5)) {
		luaL_checktype(L, 5, LUA_TTABLE);
		pass = opt_str(L, 5, "passphrase");
		fmt = opt_str(L, 5, "format");
		images = opt_str(L, 5, "images");
		if (lua_getfield(L, 5, "seal_to") == LUA_TTABLE) {
			lua_Integer j, m = (lua_Integer)lua_rawlen(L, -1);
			if (m > TK_SEAL_MAX_RECIPIENTS)
				return luaL_error(L, "at most %d sites to seal to", TK_SEAL_MAX_RECIPIENTS);
			sites = lua_newuserdatauv(L, (size_t)(m ? m : 1) * 32, 0);   /* freed by Lua */
			for (j = 1; j <= m; j++) {
				lua_rawgeti(L, -2, j);
				if (!lua_isstring(L, -1))
					return luaL_error(L, "seal_to[%d]: a recipient file or age1...", (int)j);
				if (tk_seal_read_recipient(lua_tostring(L, -1), sites[nsites], &err) != TK_OK)
					return fail(L, &err, NULL);
				nsites++;
				lua_pop(L, 1);
			}
		} else if (!lua_isnil(L, -1)) {
			return luaL_error(L, "seal_to is a list of site keys");
		}
	}
	if (fmt && !strcmp(fmt, "tar.gz"))
		format = TK_PACK_TGZ;
	else if (fmt && strcmp(fmt, "zip"))
		return luaL_error(L, "format is \"zip\" or \"tar.gz\"");
	pb = new_paperbox(L, 1);
	if (read_paper(L, 2, pb, &err) != TK_OK || tk_sign_read_sec(key, pass, &sk, &err) != TK_OK)
		return fail(L, &err, NULL);
	job.bank = lb->b;
	job.format = format;
	job.images = images;
	job.sites = (const unsigned char (*)[32])sites;
	job.nsites = nsites;
	job.combined = 0;
	rc = tk_pack_write((const struct tk_paper *const *)pb->v, 1, &job, &sk, name, pushed_path,
			   L, &err);
	tk_sign_wipe(&sk);
	if (rc != TK_OK)
		return fail(L, &err, NULL);
	return 2;
}

/*
 * tiku.verify_package(path, pubfile [, {sig =, key =, output =}]) ->
 * trusted comment, files | nil, msg.  files maps each name in the package
 * to its bytes.  key: the site's key for a sealed package (path.age);
 * output: a new directory to unpack into once all holds (tiku open).
 */
static int l_verify_package(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1), *pub = luaL_checkstring(L, 2);
	const char *sigpath = NULL, *sitekey = NULL, *output = NULL;
	struct tk_error err = {0};
	struct tk_pubkey pk;
	struct tk_buf sp = TK_BUF_INIT, plain = TK_BUF_INIT;
	struct tk_unpack_file *files = NULL;
	char *data = NULL, *sig = NULL, *trusted = NULL;
	size_t len, slen;
	int n = 0, i, rc;

	if (!lua_isnoneornil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		sigpath = opt_str(L, 3, "sig");
		sitekey = opt_str(L, 3, "key");
		output = opt_str(L, 3, "output");
	}
	tk_pack_sig_path(path, &sp);
	rc = tk_sign_read_pub(pub, &pk, &err);
	if (rc == TK_OK)
		rc = tk_read_file(path, &data, &len, &err);
	if (rc == TK_OK)
		rc = tk_read_file(sigpath ? sigpath : sp.s, &sig, &slen, &err);
	if (rc == TK_OK)
		rc = tk_pack_unseal(sitekey, data, len, &plain, &err);
	if (rc == TK_OK)
		rc = tk_pack_verify(plain.s ? plain.s : data, plain.s ? plain.len : len, sig, slen,
				    &pk, NULL, &trusted, &files, &n, &err);
	if (rc == TK_OK && output)
		rc = tk_pack_extract(output, files, n, &err);
	free(data);
	free(sig);
	if (plain.s)
		tk_sign_wipe_bytes(plain.s, plain.len);
	tk_buf_free(&plain);
	tk_buf_free(&sp);
	if (rc != TK_OK) {
		tk_unpack_free(files, n);
		free(trusted);
		return fail(L, &err, NULL);
	}
	lua_pushstring(L, trusted);
	free(trusted);
	lua_createtable(L, 0, n);
	for (i = 0; i < n; i++) {
		lua_pushlstring(L, (const char *)files[i].data, files[i].len);
		lua_setfield(L, -2, files[i].name);
	}
	tk_unpack_free(files, n);
	return 2;
}

/*
 * bank:validate(paper, ...) -> valid, rows, problems.  Papers are paths
 * or XML; several are the forms of a batch (their overlap is checked).
 */
static int bank_validate(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	int n = lua_gettop(L) - 1, i, rc;
	struct paperbox *pb;
	struct tk_standard *s = NULL;
	struct tk_vreport rep;
	struct tk_error err = {0};

	if (n < 1)
		return luaL_error(L, "validate: no paper");
	pb = new_paperbox(L, n);
	for (i = 0; i < n; i++)
		if (read_paper(L, i + 2, pb, &err) != TK_OK)
			return fail(L, &err, NULL);
	if (tk_bank_get_standard(lb->b, pb->v[0]->standard, &s, &err) != TK_OK)
		return fail(L, &err, NULL);
	rc = tk_validate(lb->b, s, NULL, pb->v, pb->n, &rep, &err);
	tk_standard_free(s);
	if (rc != TK_OK && rc != TK_FAIL) {
		tk_vreport_free(&rep);
		return fail(L, &err, NULL);
	}
	lua_pushboolean(L, rc == TK_OK);
	lua_createtable(L, rep.n, 0);
	for (i = 0; i < rep.n; i++) {
		lua_createtable(L, 0, 6);
		tk_lua_set_str(L, "paper", rep.rows[i].paper);
		tk_lua_set_str(L, "check", rep.rows[i].what);
		tk_lua_set_str(L, "name", rep.rows[i].name);
		tk_lua_set_str(L, "want", rep.rows[i].want);
		tk_lua_set_str(L, "got", rep.rows[i].got);
		lua_pushboolean(L, rep.rows[i].ok);
		lua_setfield(L, -2, "ok");
		lua_rawseti(L, -2, i + 1);
	}
	tk_lua_push_diags(L, &rep.problems);
	tk_vreport_free(&rep);
	return 3;
}

/* ---- papers by hand ------------------------------------------------ */

/* The strings of a Lua list (at idx), in a userdata-owned array. */
static char **string_list(lua_State *L, int idx, int *n)
{
	char **v;
	int i;

	luaL_checktype(L, idx, LUA_TTABLE);
	*n = (int)lua_rawlen(L, idx);
	v = lua_newuserdatauv(L, (size_t)(*n ? *n : 1) * sizeof *v, 0);   /* freed by Lua */
	for (i = 0; i < *n; i++) {
		lua_rawgeti(L, idx, i + 1);
		v[i] = (char *)luaL_checkstring(L, -1);   /* alive: the list refers to it */
		lua_pop(L, 1);
	}
	return v;
}

/* bank:paper_new(id, {blueprint = PATH, title = }) -> true | nil, msg */
static int bank_paper_new(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *id = luaL_checkstring(L, 2), *bp, *title = NULL;
	struct tk_error err = {0};

	luaL_checktype(L, 3, LUA_TTABLE);
	lua_getfield(L, 3, "blueprint");
	bp = luaL_checkstring(L, -1);
	if (lua_getfield(L, 3, "title") == LUA_TSTRING)
		title = lua_tostring(L, -1);
	if (tk_compose_new(lb->b, id, bp, title, &err) != TK_OK)
		return fail(L, &err, NULL);
	lua_pushboolean(L, 1);
	return 1;
}

/* bank:paper_add(id, {item, ...}), bank:paper_remove(id, {item, ...}) */
static int paper_add_remove(lua_State *L, int add)
{
	struct lbank *lb = check_bank(L, 1);
	const char *id = luaL_checkstring(L, 2);
	struct tk_error err = {0};
	int n;
	char **v = string_list(L, 3, &n);

	if ((add ? tk_compose_add(lb->b, id, v, n, &err) :
	     tk_compose_remove(lb->b, id, v, n, &err)) != TK_OK)
		return fail(L, &err, NULL);
	lua_pushboolean(L, 1);
	return 1;
}

static int bank_paper_add(lua_State *L)
{
	return paper_add_remove(L, 1);
}

static int bank_paper_remove(lua_State *L)
{
	return paper_add_remove(L, 0);
}

/* bank:paper_swap(id, old, new) -> true | nil, msg;
   bank:paper_swap(id, old [, {avoid = {paper, ...}, avoid_since = "YYYY-MM-DD"}])
   -> the ids that could take old's place */
static int bank_paper_swap(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *id = luaL_checkstring(L, 2), *old = luaL_checkstring(L, 3), *since = NULL;
	struct tk_error err = {0};
	struct paperbox *avoid = NULL;
	char **ids = NULL;
	int n = 0, i, rc;

	if (!lua_isnoneornil(L, 4) && !lua_istable(L, 4)) {
		if (tk_compose_swap(lb->b, id, old, luaL_checkstring(L, 4), &err) != TK_OK)
			return fail(L, &err, NULL);
		lua_pushboolean(L, 1);
		return 1;
	}
	if (lua_istable(L, 4)) {
		/* what learners saw is not suggested, as bank:assemble avoids it */
		if (lua_getfield(L, 4, "avoid_since") != LUA_TNIL) {
			since = lua_tostring(L, -1);
			if (lua_type(L, -1) != LUA_TSTRING || !tk_parse_date(since, NULL, NULL, NULL))
				return luaL_error(L, "paper_swap: avoid_since is a date written YYYY-MM-DD");
		}
		if ((avoid = avoid_papers(L, 4, "paper_swap", &err)) == NULL)
			return fail(L, &err, NULL);
		n = 0;
	}
	rc = tk_compose_suggest(lb->b, id, old, avoid ? avoid->v : NULL, avoid ? avoid->n : 0,
				since, &ids, &n, &err);
	if (rc == TK_OK) {
		lua_createtable(L, n, 0);
		for (i = 0; i < n; i++) {
			lua_pushstring(L, ids[i]);
			lua_rawseti(L, -2, i + 1);
		}
	}
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	return rc == TK_OK ? 1 : fail(L, &err, NULL);
}

/* bank:paper(id) -> paper (with its xml) | nil, msg */
static int bank_paper(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	struct paperbox *pb = new_paperbox(L, 1);
	struct tk_error err = {0};

	if (tk_compose_paper(lb->b, luaL_checkstring(L, 2), &pb->v[0], &err) != TK_OK)
		return fail(L, &err, NULL);
	pb->n = 1;
	push_paper(L, pb->v[0]);
	return 1;
}

/* ---- exam batches -------------------------------------------------- */

/* bank:batch_new(id, {blueprint = PATH, name = , seed = }) -> true | nil, msg */
static int bank_batch_new(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *id = luaL_checkstring(L, 2), *bp, *name = NULL;
	struct tk_error err = {0};
	uint64_t seed;

	luaL_checktype(L, 3, LUA_TTABLE);
	lua_getfield(L, 3, "blueprint");
	bp = luaL_checkstring(L, -1);
	if (lua_getfield(L, 3, "name") == LUA_TSTRING)
		name = lua_tostring(L, -1);
	if (lua_getfield(L, 3, "seed") != LUA_TNIL) {
		lua_Integer v = luaL_checkinteger(L, -1);
		if (v < 0)
			return luaL_error(L, "batch_new: the seed is a whole number >= 0");
		seed = (uint64_t)v;
	} else {
		seed = tk_assemble_seed();
	}
	if (tk_batch_new(lb->b, id, name, bp, seed, &err) != TK_OK)
		return fail(L, &err, NULL);
	lua_pushboolean(L, 1);
	return 1;
}

/* bank:batch_generate(id) -> list of form papers | nil, msg, problems */
static int bank_batch_generate(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *id = luaL_checkstring(L, 2);
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct paperbox *pb = new_paperbox(L, 0);
	int i, n;

	if (tk_batch_generate(lb->b, id, &d, &err) != TK_OK) {
		n = fail(L, &err, &d);
		tk_diags_free(&d);
		return n;
	}
	tk_diags_free(&d);
	free(pb->v);
	pb->v = NULL;
	if (tk_batch_forms(lb->b, id, &pb->v, &pb->n, &err) != TK_OK)
		return fail(L, &err, NULL);
	lua_createtable(L, pb->n, 0);
	for (i = 0; i < pb->n; i++) {
		push_paper(L, pb->v[i]);
		lua_rawseti(L, -2, i + 1);
	}
	return 1;
}

/* bank:batch_commit(id) -> true | nil, msg */
static int bank_batch_commit(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	struct tk_error err = {0};

	if (tk_batch_commit(lb->b, luaL_checkstring(L, 2), &err) != TK_OK)
		return fail(L, &err, NULL);
	lua_pushboolean(L, 1);
	return 1;
}

struct lua_cands {
	lua_State *L;
	int fn;
};

static int candidate_cb(void *ud, const struct tk_candidate *c, const struct tk_paper *p,
			const struct tk_buf *key, struct tk_error *err)
{
	struct lua_cands *lc = ud;
	lua_State *L = lc->L;

	if (c == NULL)
		return TK_OK;
	lua_pushvalue(L, lc->fn);
	lua_createtable(L, 0, 3);
	tk_lua_set_str(L, "admission", c->admission);
	tk_lua_set_str(L, "name", c->name);
	tk_lua_set_str(L, "site", c->site);
	push_paper(L, p);
	lua_pushlstring(L, tk_buf_str(key), key->len);
	if (lua_pcall(L, 3, 0, 0) != LUA_OK) {
		tk_error_set(err, TK_EINPUT, NULL, 0, "candidate %s: %s", c->admission,
			     lua_tostring(L, -1) ? lua_tostring(L, -1) : "error");
		lua_pop(L, 1);
		return TK_EINPUT;
	}
	return TK_OK;
}

/*
 * bank:batch_papers(id, candidates, fn): fn(candidate, paper, key) for
 * every candidate ({admission =, name =, site =}); the key is CSV.
 */
static int bank_batch_papers(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *id = luaL_checkstring(L, 2);
	struct tk_error err = {0};
	struct tk_candidate *v;
	struct lua_cands lc;
	lua_Integer i, n;

	luaL_checktype(L, 3, LUA_TTABLE);
	luaL_checktype(L, 4, LUA_TFUNCTION);
	n = (lua_Integer)lua_rawlen(L, 3);
	if (n > INT_MAX / (lua_Integer)sizeof *v)
		return luaL_error(L, "too many candidates");
	v = lua_newuserdatauv(L, (size_t)(n ? n : 1) * sizeof *v, 0);   /* freed by Lua */
	lua_newtable(L);        /* admission -> index, to refuse repeats */
	for (i = 1; i <= n; i++) {
		if (lua_rawgeti(L, 3, i) != LUA_TTABLE)
			return luaL_error(L, "candidate %d: expected a table", (int)i);
		/*
		 * Only real strings: a number converted here would be a new
		 * string that nothing keeps alive once popped.  Real strings
		 * live on in the candidates table for the whole call.
		 */
		if (lua_getfield(L, -1, "admission") != LUA_TSTRING)
			return luaL_error(L, "candidate %d: admission must be a string", (int)i);
		v[i - 1].admission = lua_tostring(L, -1);
		if (lua_getfield(L, -2, "name") != LUA_TSTRING && !lua_isnil(L, -1))
			return luaL_error(L, "candidate %d: name must be a string", (int)i);
		v[i - 1].name = lua_tostring(L, -1);
		if (lua_getfield(L, -3, "site") != LUA_TSTRING && !lua_isnil(L, -1))
			return luaL_error(L, "candidate %d: site must be a string", (int)i);
		v[i - 1].site = lua_tostring(L, -1);
		v[i - 1].line = 0;
		lua_pop(L, 2);
		if (lua_rawget(L, -3) != LUA_TNIL)   /* seen[admission] */
			return luaL_error(L, "candidate %d: admission number %s repeats candidate %d",
					  (int)i, v[i - 1].admission, (int)lua_tointeger(L, -1));
		lua_pop(L, 2);
		lua_pushstring(L, v[i - 1].admission);
		lua_pushinteger(L, i);
		lua_rawset(L, -3);
	}
	lua_pop(L, 1);
	lc.L = L;
	lc.fn = 4;
	if (tk_batch_candidates(lb->b, id, v, (int)n, candidate_cb, &lc, &err) != TK_OK)
		return fail(L, &err, NULL);
	lua_pushboolean(L, 1);
	return 1;
}

/* ---- hooks --------------------------------------------------------- */

struct hook_call {
	struct lbank *lb;
	const char *event;
	const struct tk_item *it;
};

/* Runs protected: call every function registered for the event. */
static int run_hooks(lua_State *L)
{
	struct hook_call *hc = lua_touserdata(L, 1);
	lua_Integer i, n;

	lua_rawgeti(L, LUA_REGISTRYINDEX, hc->lb->hooks);
	if (lua_getfield(L, -1, hc->event) != LUA_TTABLE)
		return 0;
	n = (lua_Integer)lua_rawlen(L, -1);
	for (i = 1; i <= n; i++) {
		lua_rawgeti(L, -1, i);
		tk_lua_push_item(L, hc->it);
		lua_pushstring(L, hc->event);
		lua_call(L, 2, 0);      /* an error vetoes: caught by the pcall */
	}
	return 0;
}

static int hook(void *ud, const char *event, const struct tk_item *it,
		struct tk_error *err)
{
	struct lbank *lb = ud;
	lua_State *L = lb->L;
	struct hook_call hc = {lb, event, it};
	int top = lua_gettop(L);

	lua_pushcfunction(L, run_hooks);
	lua_pushlightuserdata(L, &hc);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
		const char *msg = lua_tostring(L, -1);
		tk_error_set(err, TK_EINPUT, it->file, it->line, "item '%s': %s refused by a hook: %s",
			     it->id, event, msg ? msg : "(error object is not a string)");
		lua_settop(L, top);
		return TK_EINPUT;
	}
	lua_settop(L, top);
	return TK_OK;
}

/* bank:on(event, fn): fn(item, event) runs for every save; raising vetoes */
static int bank_on(lua_State *L)
{
	struct lbank *lb = check_bank(L, 1);
	const char *event = luaL_checkstring(L, 2);

	luaL_checktype(L, 3, LUA_TFUNCTION);
	if (strcmp(event, "item.before_save") && strcmp(event, "item.saved") &&
	    strcmp(event, "paper.assembled"))
		return luaL_error(L, "bank:on: unknown event '%s' (item.before_save, item.saved,"
				  " paper.assembled)", event);
	if (lb->hooks == LUA_NOREF) {
		lua_newtable(L);
		lb->hooks = luaL_ref(L, LUA_REGISTRYINDEX);
		if (tk_bank_add_hook(lb->b, hook, lb) != TK_OK)
			return luaL_error(L, "bank:on: too many hooks");
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX, lb->hooks);
	if (lua_getfield(L, -1, event) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_setfield(L, -3, event);
	}
	lua_pushvalue(L, 3);
	lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	return 0;
}

/* ---- courses ------------------------------------------------------- */

#define COURSE_MT "tiku.coursebox"

/* A course read from its folder, owned by a userdata so that errors free it. */
struct coursebox {
	struct tk_course *c;
};

static int coursebox_gc(lua_State *L)
{
	struct coursebox *cb = luaL_checkudata(L, 1, COURSE_MT);

	tk_course_free(cb->c);
	cb->c = NULL;
	return 0;
}

/* Read the course in dir into a new box (left on the stack). */
static int read_course(lua_State *L, const char *dir, struct tk_diags *d,
		       struct tk_error *err, struct coursebox **out)
{
	struct coursebox *cb = lua_newuserdatauv(L, sizeof *cb, 0);     /* box */

	cb->c = NULL;   /* empty before it is filled: an error leaves it consistent */
	luaL_setmetatable(L, COURSE_MT);
	*out = cb;
	return tk_course_load(dir, &cb->c, d, err);
}

/* A seed as an integer, or as a string where Lua's integers end. */
static void push_seed(lua_State *L, uint64_t seed)
{
	char buf[24];

	if (seed <= (uint64_t)LUA_MAXINTEGER) {
		lua_pushinteger(L, (lua_Integer)seed);
	} else {
		snprintf(buf, sizeof buf, "%" PRIu64, seed);
		lua_pushstring(L, buf);
	}
}

static void push_hours(lua_State *L, int hours)
{
	if (hours % TK_HOUR == 0)
		lua_pushinteger(L, hours / TK_HOUR);
	else
		lua_pushnumber(L, (lua_Number)hours / TK_HOUR);
}

/* {blueprint =, seed =, line =} or nothing; sets field k of the table on top */
static void set_test(lua_State *L, const char *k, const struct tk_course_test *t)
{
	if (t->blueprint == NULL)
		return;
	lua_createtable(L, 0, 3);
	tk_lua_set_str(L, "blueprint", t->blueprint);
	push_seed(L, t->seed);
	lua_setfield(L, -2, "seed");
	tk_lua_set_int(L, "line", t->line);
	lua_setfield(L, -2, k);
}

static void push_practice(lua_State *L, const struct tk_course_practice *p)
{
	int i, n = 0;

	lua_createtable(L, 0, 1);                                       /* practice */
	if (p->mode == TK_PRACTICE_ITEMS) {
		tk_lua_set_list(L, "items", p->items, p->nitems);
		return;
	}
	lua_createtable(L, 0, 6);                                       /* practice draw */
	tk_lua_set_int(L, "count", p->count);
	push_seed(L, p->seed);
	lua_setfield(L, -2, "seed");
	lua_newtable(L);                                                /* practice draw types */
	for (i = 0; i < TK_NTYPES; i++)
		if (p->types & (1 << i)) {
			lua_pushstring(L, tk_type_name(i));
			lua_rawseti(L, -2, ++n);
		}
	lua_setfield(L, -2, "types");
	if (p->kind >= 0)
		tk_lua_set_str(L, "kind", tk_kind_name(p->kind));
	lua_createtable(L, 2, 0);
	lua_pushinteger(L, p->dmin);
	lua_rawseti(L, -2, 1);
	lua_pushinteger(L, p->dmax);
	lua_rawseti(L, -2, 2);
	lua_setfield(L, -2, "difficulty");
	tk_lua_set_int(L, "line", p->line);
	lua_setfield(L, -2, "draw");                                    /* practice */
}

static void push_lesson(lua_State *L, const struct tk_course *c, int i)
{
	const struct tk_course_lesson *l = &c->lessons[i];
	char *path = tk_course_body_path(c, i);

	lua_createtable(L, 0, 10);                                      /* lesson */
	tk_lua_set_str(L, "id", l->id);
	tk_lua_set_str(L, "title", l->title);
	push_hours(L, l->hours);
	lua_setfield(L, -2, "hours");
	tk_lua_set_list(L, "codes", l->codes, l->ncodes);
	tk_lua_set_str(L, "body", l->body);
	lua_pushstring(L, path);        /* nil when the body leaves the folder */
	free(path);
	lua_setfield(L, -2, "path");
	tk_lua_set_str(L, "module", c->modules[l->module].id);
	tk_lua_set_int(L, "line", l->line);
	if (l->practice.mode != TK_PRACTICE_NONE) {
		push_practice(L, &l->practice);
		lua_setfield(L, -2, "practice");
	}
}

static void push_course(lua_State *L, const struct tk_course *c)
{
	int i, j;

	lua_createtable(L, 0, 16);                                      /* course */
	tk_lua_set_str(L, "id", c->id);
	tk_lua_set_str(L, "title", c->title);
	tk_lua_set_str(L, "description", c->description);
	tk_lua_set_str(L, "version", c->version);
	tk_lua_set_str(L, "standard", c->standard);
	tk_lua_set_str(L, "level", c->level);
	tk_lua_set_int(L, "pass", c->pass);
	tk_lua_set_str(L, "dir", c->dir);
	tk_lua_set_str(L, "file", c->file);
	tk_lua_set_int(L, "line", c->line);
	lua_createtable(L, c->nlessons, 0);                             /* course lessons */
	for (i = 0; i < c->nlessons; i++) {
		push_lesson(L, c, i);
		lua_rawseti(L, -2, i + 1);
	}
	lua_createtable(L, c->nmodules, 0);                     /* course lessons modules */
	for (i = 0; i < c->nmodules; i++) {
		const struct tk_course_module *m = &c->modules[i];
		lua_createtable(L, 0, 5);                       /* course lessons modules m */
		tk_lua_set_str(L, "id", m->id);
		tk_lua_set_str(L, "title", m->title);
		tk_lua_set_int(L, "line", m->line);
		set_test(L, "test", &m->test);
		lua_createtable(L, m->nlessons, 0);     /* course lessons modules m list */
		for (j = 0; j < m->nlessons; j++) {
			lua_rawgeti(L, -4, m->first + j + 1);   /* the same lesson table */
			lua_rawseti(L, -2, j + 1);
		}
		lua_setfield(L, -2, "lessons");
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -3, "modules");                         /* course lessons */
	lua_setfield(L, -2, "lessons");                         /* course */
	set_test(L, "exam", &c->exam);
	lua_createtable(L, c->ngaps, 0);
	for (i = 0; i < c->ngaps; i++) {
		lua_createtable(L, 0, 3);
		tk_lua_set_str(L, "code", c->gaps[i].code);
		tk_lua_set_str(L, "reason", c->gaps[i].reason);
		tk_lua_set_int(L, "line", c->gaps[i].line);
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, "gaps");
}

/* tiku.read_course(dir) -> course | nil, msg, problems */
static int l_read_course(lua_State *L)
{
	const char *dir = luaL_checkstring(L, 1);
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct coursebox *cb;
	int n;

	if (read_course(L, dir, &d, &err, &cb) != TK_OK) {
		n = fail(L, &err, &d);
		tk_diags_free(&d);
		return n;
	}
	tk_diags_free(&d);
	push_course(L, cb->c);                                          /* box course */
	return 1;
}

/*
 * tiku.course_lint(dir [, bank [, {tolerance = N}]]) -> problems, nerrors,
 * nwarnings | nil, msg, problems.  Without a bank, the default one.
 */
static int l_course_lint(lua_State *L)
{
	const char *dir = luaL_checkstring(L, 1);
	struct lbank *lb = lua_isnoneornil(L, 2) ? NULL : check_bank(L, 2);
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_standard *s = NULL;
	struct tk_bank *own = NULL, *b;
	struct coursebox *cb;
	lua_Integer tolerance = 5;
	int rc, n;

	if (!lua_isnoneornil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		if (lua_getfield(L, 3, "tolerance") != LUA_TNIL) {
			int ok;
			tolerance = lua_tointegerx(L, -1, &ok);
			if (!ok || tolerance < 0 || tolerance > 100)
				return luaL_error(L, "tolerance must be a whole number from 0 to 100");
		}
		lua_pop(L, 1);
	}
	if (read_course(L, dir, &d, &err, &cb) != TK_OK) {
		n = fail(L, &err, &d);
		tk_diags_free(&d);
		return n;
	}
	if (lb == NULL && tk_bank_open(tk_lua_default_bank, TK_BANK_READ, &own, &err) != TK_OK)
		return fail(L, &err, NULL);
	b = lb ? lb->b : own;
	rc = tk_bank_get_standard(b, cb->c->standard, &s, &err);
	if (rc == TK_OK)
		rc = tk_course_lint(cb->c, s, b, (int)tolerance, &d, &err);
	tk_standard_free(s);
	tk_bank_close(own);
	if (rc != TK_OK) {
		tk_diags_free(&d);
		return fail(L, &err, NULL);
	}
	return push_lint(L, &d);
}

/*
 * The course in dir with its bank (argument bi, else the default) and
 * standard, its practice resolved: on the stack a box owning the course;
 * *b, *own, *s and *p are the caller's to release (own and s may be set
 * on failure too).  TK_OK or a status with err or d filled.
 */
static int course_practice(lua_State *L, const char *dir, int bi, struct tk_bank **b,
			   struct tk_bank **own, struct tk_standard **s, struct tk_practice **p,
			   struct tk_diags *d, struct tk_error *err)
{
	struct lbank *lb = lua_isnoneornil(L, bi) ? NULL : check_bank(L, bi);
	struct coursebox *cb;
	int rc;

	*own = NULL;
	*s = NULL;
	*p = NULL;
	if ((rc = read_course(L, dir, d, err, &cb)) != TK_OK)
		return rc;
	if (lb == NULL && (rc = tk_bank_open(tk_lua_default_bank, TK_BANK_READ, own, err)) != TK_OK)
		return rc;
	*b = lb ? lb->b : *own;
	if ((rc = tk_bank_get_standard(*b, cb->c->standard, s, err)) != TK_OK)
		return rc;
	return tk_practice_resolve(cb->c, *s, *b, p, d, err);
}

/*
 * tiku.course_practice(dir [, bank]) -> {lessons = {ID = {item ids}},
 * tests = {{id, kind, title, minutes, seed, sections = {{title, items}}}},
 * bank_digest} | nil, msg, problems: what learners will answer, drawn as
 * tiku bundle draws it.
 */
static int l_course_practice(lua_State *L)
{
	const char *dir = luaL_checkstring(L, 1);
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_standard *s = NULL;
	struct tk_practice *p = NULL;
	struct tk_bank *own = NULL, *b = NULL;
	struct coursebox *cb;
	int rc, i, k, j, n;

	lua_settop(L, 2);
	rc = course_practice(L, dir, 2, &b, &own, &s, &p, &d, &err);
	if (rc != TK_OK) {
		tk_standard_free(s);
		tk_bank_close(own);
		n = fail(L, &err, d.n ? &d : NULL);
		tk_diags_free(&d);
		return n;
	}
	cb = luaL_checkudata(L, -1, COURSE_MT);
	tk_diags_free(&d);
	/* all C work is done: nothing below raises before the frees */
	lua_createtable(L, 0, 3);
	lua_createtable(L, 0, p->nlessons);
	for (i = 0; i < p->nlessons; i++) {
		tk_lua_set_list(L, cb->c->lessons[i].id, p->lessons[i].ids, p->lessons[i].n);
	}
	lua_setfield(L, -2, "lessons");
	lua_createtable(L, p->ntests, 0);
	for (i = 0; i < p->ntests; i++) {
		const struct tk_paper *pp = p->tests[i].paper;
		lua_createtable(L, 0, 6);
		tk_lua_set_str(L, "id", p->tests[i].id);
		tk_lua_set_str(L, "kind", p->tests[i].kind == TK_TEST_EXAM ? "exam" : "module");
		tk_lua_set_str(L, "title", pp->title);
		tk_lua_set_int(L, "minutes", pp->duration);
		push_seed(L, pp->seed);
		lua_setfield(L, -2, "seed");
		lua_createtable(L, pp->nsections, 0);
		for (k = 0; k < pp->nsections; k++) {
			const struct tk_paper_section *sec = &pp->sections[k];
			struct tk_buf t = TK_BUF_INIT;
			lua_createtable(L, 0, 2);
			tk_paper_section_title(sec, k + 1, &t);
			tk_lua_set_str(L, "title", tk_buf_str(&t));
			tk_buf_free(&t);
			lua_createtable(L, sec->nitems, 0);
			for (j = 0; j < sec->nitems; j++) {
				lua_pushstring(L, sec->items[j]->id);
				lua_rawseti(L, -2, j + 1);
			}
			lua_setfield(L, -2, "items");
			lua_rawseti(L, -2, k + 1);
		}
		lua_setfield(L, -2, "sections");
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, "tests");
	tk_lua_set_str(L, "bank_digest", p->bank_digest);
	tk_practice_free(p);
	tk_standard_free(s);
	tk_bank_close(own);
	return 1;
}

/*
 * tiku.bundle(dir, output, {format = "html" | "scorm12" | "scorm2004" |
 * "imscc", key =, passphrase =, images =} [, bank]) -> output, size |
 * nil, msg, problems.  As tiku bundle: output (and output.minisig when
 * signed) written whole or not at all.
 */
static int l_bundle(lua_State *L)
{
	const char *dir = luaL_checkstring(L, 1), *out = luaL_checkstring(L, 2);
	const char *fmt, *key, *pass;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_standard *s = NULL;
	struct tk_practice *p = NULL;
	struct tk_bank *own = NULL, *b = NULL;
	struct tk_bundle_job job;
	struct tk_seckey sk;
	struct coursebox *cb;
	size_t size = 0;
	int rc, n;

	luaL_checktype(L, 3, LUA_TTABLE);
	lua_settop(L, 4);       /* the bank stays at 4 below what the options push */
	memset(&job, 0, sizeof job);
	fmt = opt_str(L, 3, "format");
	key = opt_str(L, 3, "key");
	pass = opt_str(L, 3, "passphrase");
	job.images = opt_str(L, 3, "images");
	if ((job.format = tk_bundle_format(fmt ? fmt : "html")) < 0)
		return luaL_error(L, "format is html, scorm12, scorm2004 or imscc, not %s", fmt);
	rc = course_practice(L, dir, 4, &b, &own, &s, &p, &d, &err);
	cb = rc == TK_OK ? luaL_checkudata(L, -1, COURSE_MT) : NULL;
	if (rc == TK_OK && key) {
		if ((rc = tk_sign_read_sec(key, pass, &sk, &err)) == TK_OK)
			job.sk = &sk;
	}
	if (rc == TK_OK)
		rc = tk_bundle_write(cb->c, s, p, &job, out, &size, &err);
	if (job.sk)
		tk_sign_wipe(&sk);
	tk_practice_free(p);
	tk_standard_free(s);
	tk_bank_close(own);
	if (rc != TK_OK) {
		n = fail(L, &err, d.n ? &d : NULL);
		tk_diags_free(&d);
		return n;
	}
	tk_diags_free(&d);
	lua_pushstring(L, out);
	lua_pushinteger(L, (lua_Integer)size);
	return 2;
}

/* A whole number field of table t, or def when absent. */
static lua_Integer int_field(lua_State *L, int t, const char *k, lua_Integer def,
			     lua_Integer min, lua_Integer max)
{
	lua_Integer v = def;
	int ok = 1;

	if (lua_getfield(L, t, k) != LUA_TNIL)
		v = lua_tointegerx(L, -1, &ok);
	lua_pop(L, 1);
	if (!ok || v < min || v > max)
		luaL_error(L, "%s must be a whole number from %d to %d", k, (int)min, (int)max);
	return v;
}

/* A string field that must be there. */
static const char *need_str(lua_State *L, int t, const char *k, const char *what)
{
	const char *v = opt_str(L, t, k);

	if (v == NULL)
		luaL_error(L, "%s needs a %s", what, k);
	return v;
}

/* Class hours from a number (1.5) into hundredths. */
static int hours_field(lua_State *L, int t)
{
	lua_Number h;
	int ok;

	lua_getfield(L, t, "hours");
	h = lua_tonumberx(L, -1, &ok);
	lua_pop(L, 1);
	if (!ok || h < 0 || h > 9999)
		luaL_error(L, "a lesson needs hours, a number of class hours");
	return (int)floor(h * TK_HOUR + 0.5);
}

/* codes = {"1.1.1", ...} or "1.1.1 1.1.2", as one space separated string on the stack */
static const char *codes_field(lua_State *L, int t)
{
	lua_Integer i, n;
	int ct;

	if (lua_getfield(L, t, "codes") == LUA_TSTRING)
		return lua_tostring(L, -1);
	if (!lua_istable(L, -1))
		luaL_error(L, "a lesson needs codes, a list of requirement codes");
	ct = lua_gettop(L);
	n = (lua_Integer)lua_rawlen(L, ct);
	luaL_checkstack(L, (int)(2 * n + 2), "too many codes");
	for (i = 1; i <= n; i++) {
		if (i > 1)
			lua_pushliteral(L, " ");
		if (lua_rawgeti(L, ct, i) != LUA_TSTRING)
			luaL_error(L, "codes[%d] must be a string", (int)i);
	}
	lua_concat(L, n ? (int)(2 * n - 1) : 0);
	lua_remove(L, ct);
	return lua_tostring(L, -1);
}

/* A lesson's practice table into lesson li of c. */
static void practice_field(lua_State *L, int t, struct tk_course *c, int li)
{
	struct tk_error err = {0};
	int pt;

	if (lua_getfield(L, t, "practice") == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	luaL_checktype(L, -1, LUA_TTABLE);
	pt = lua_gettop(L);
	if (lua_getfield(L, pt, "items") == LUA_TTABLE) {
		lua_Integer i, n = (lua_Integer)lua_rawlen(L, -1);
		for (i = 1; i <= n; i++) {
			lua_rawgeti(L, -1, i);
			if (!lua_isstring(L, -1))
				luaL_error(L, "practice.items[%d] must be an item id", (int)i);
			if (tk_course_add_practice_item(c, li, lua_tostring(L, -1), &err) != TK_OK)
				luaL_error(L, "%s", err.msg);
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
	if (lua_getfield(L, pt, "draw") == LUA_TTABLE) {
		struct tk_course_practice dr;
		int dt = lua_gettop(L);
		memset(&dr, 0, sizeof dr);
		dr.count = (int)int_field(L, dt, "count", 0, 1, 1000);
		dr.seed = (uint64_t)int_field(L, dt, "seed", 0, 0, LUA_MAXINTEGER);
		dr.kind = -1;
		if (lua_getfield(L, dt, "kind") == LUA_TSTRING) {
			dr.kind = tk_kind_parse(lua_tostring(L, -1));
			if (dr.kind < 0)
				luaL_error(L, "draw.kind is theory or skill");
		}
		lua_pop(L, 1);
		if (lua_getfield(L, dt, "types") == LUA_TTABLE) {
			lua_Integer i, n = (lua_Integer)lua_rawlen(L, -1);
			for (i = 1; i <= n; i++) {
				int ty;
				lua_rawgeti(L, -1, i);
				ty = lua_isstring(L, -1) ? tk_type_parse(lua_tostring(L, -1)) : -1;
				if (ty < 0)
					luaL_error(L, "draw.types[%d] is not an item type", (int)i);
				dr.types |= 1 << ty;
				lua_pop(L, 1);
			}
		}
		lua_pop(L, 1);
		if (lua_getfield(L, dt, "difficulty") == LUA_TTABLE) {
			lua_rawgeti(L, -1, 1);
			lua_rawgeti(L, -2, 2);
			dr.dmin = (int)luaL_optinteger(L, -2, 1);
			dr.dmax = (int)luaL_optinteger(L, -1, 5);
			lua_pop(L, 2);
			if (dr.dmin < 1 || dr.dmax > 5 || dr.dmin > dr.dmax)
				luaL_error(L, "draw.difficulty is {min, max} within 1..5");
		}
		lua_pop(L, 1);
		if (tk_course_set_draw(c, li, &dr, &err) != TK_OK)
			luaL_error(L, "%s", err.msg);
	}
	lua_pop(L, 2);
}

static void test_field(lua_State *L, int t, const char *k, struct tk_course *c, int module)
{
	struct tk_error err = {0};
	const char *bp;

	if (lua_getfield(L, t, k) == LUA_TTABLE) {
		int tt = lua_gettop(L);
		bp = need_str(L, tt, "blueprint", k);
		if (tk_course_set_test(c, module, bp,
				       (uint64_t)int_field(L, tt, "seed", 0, 0, LUA_MAXINTEGER),
				       &err) != TK_OK)
			luaL_error(L, "%s", err.msg);
		lua_settop(L, tt);
	}
	lua_pop(L, 1);
}

/*
 * tiku.write_course(dir, course) -> dir | nil, msg.  Writes a new course
 * folder from a table shaped as tiku.read_course returns it: id,
 * standard, level, title, pass, description, version, exam, and modules
 * {id, title, test, lessons {id, title, hours, codes, body, text,
 * practice}}, where a lesson's text, when given, is its Markdown body.
 * So a script can make lessons, one per code from the standard's text.
 * The folder must not exist (or be empty); all is written or nothing.
 */
static int l_write_course(lua_State *L)
{
	const char *dir = luaL_checkstring(L, 1);
	struct tk_error err = {0};
	struct coursebox *cb;
	const char **bodies;
	lua_Integer i, j, nm;
	int rc;

	luaL_checktype(L, 2, LUA_TTABLE);
	cb = lua_newuserdatauv(L, sizeof *cb, 1);                      /* box */
	cb->c = NULL;
	luaL_setmetatable(L, COURSE_MT);
	lua_newtable(L);        /* the bodies' strings, kept alive by the box */
	lua_setiuservalue(L, -2, 1);
	if (tk_course_new(dir, need_str(L, 2, "id", "a course"), need_str(L, 2, "standard", "a course"),
			  need_str(L, 2, "level", "a course"), need_str(L, 2, "title", "a course"),
			  (int)int_field(L, 2, "pass", 60, 0, 100), &cb->c, &err) != TK_OK ||
	    tk_course_set_about(cb->c, opt_str(L, 2, "description"), opt_str(L, 2, "version"),
				&err) != TK_OK)
		return fail(L, &err, NULL);
	lua_settop(L, 3);
	test_field(L, 2, "exam", cb->c, -1);
	if (lua_getfield(L, 2, "modules") != LUA_TTABLE)
		return luaL_error(L, "a course needs modules, a list");
	nm = (lua_Integer)lua_rawlen(L, 4);
	for (i = 1; i <= nm; i++) {
		lua_Integer nl;
		int mt, m;
		lua_rawgeti(L, 4, i);
		luaL_checktype(L, -1, LUA_TTABLE);
		mt = lua_gettop(L);
		if ((m = tk_course_add_module(cb->c, need_str(L, mt, "id", "a module"),
					      need_str(L, mt, "title", "a module"), &err)) < 0)
			return fail(L, &err, NULL);
		lua_settop(L, mt);
		test_field(L, mt, "test", cb->c, m);
		if (lua_getfield(L, mt, "lessons") != LUA_TTABLE)
			return luaL_error(L, "module %d needs lessons, a list", (int)i);
		nl = (lua_Integer)lua_rawlen(L, -1);
		for (j = 1; j <= nl; j++) {
			int lt, li;
			lua_rawgeti(L, mt + 1, j);
			luaL_checktype(L, -1, LUA_TTABLE);
			lt = lua_gettop(L);
			li = tk_course_add_lesson(cb->c, need_str(L, lt, "id", "a lesson"),
						  need_str(L, lt, "title", "a lesson"),
						  hours_field(L, lt), opt_str(L, lt, "body"),
						  codes_field(L, lt), &err);
			if (li < 0)
				return fail(L, &err, NULL);
			lua_settop(L, lt);
			practice_field(L, lt, cb->c, li);
			if (lua_getfield(L, lt, "text") == LUA_TSTRING) {
				lua_getiuservalue(L, 3, 1);
				lua_pushvalue(L, -2);
				lua_rawseti(L, -2, li + 1);
			} else if (!lua_isnil(L, -1)) {
				return luaL_error(L, "a lesson's text is its Markdown body, a string");
			}
			lua_settop(L, lt - 1);
		}
		lua_settop(L, 4);
	}
	bodies = lua_newuserdatauv(L, ((size_t)cb->c->nlessons + 1) * sizeof *bodies, 0);
	lua_getiuservalue(L, 3, 1);
	for (i = 0; i < cb->c->nlessons; i++) {
		lua_rawgeti(L, -1, i + 1);
		bodies[i] = lua_tostring(L, -1);        /* alive: the table holds it */
		lua_pop(L, 1);
	}
	rc = tk_course_write(cb->c, bodies, &err);
	if (rc != TK_OK)
		return fail(L, &err, NULL);
	lua_pushstring(L, dir);
	return 1;
}

/* ---- the module ---------------------------------------------------- */

static const luaL_Reg module_fns[] = {
	{"open", l_open},
	{"read_standard", l_read_standard},
	{"lint_standard", l_lint_standard},
	{"read_items", l_read_items},
	{"read_paper", l_read_paper},
	{"render", l_render},
	{"render_sheet", l_render_sheet},
	{"keygen", l_keygen},
	{"sign", l_sign},
	{"verify", l_verify},
	{"verify_package", l_verify_package},
	{"read_course", l_read_course},
	{"course_lint", l_course_lint},
	{"course_practice", l_course_practice},
	{"bundle", l_bundle},
	{"write_course", l_write_course},
	{"textdiff", l_textdiff},
	{NULL, NULL}
};

static const luaL_Reg bank_methods[] = {
	{"pack", bank_pack},
	{"close", bank_close},
	{"path", bank_path},
	{"items", bank_items},
	{"count", bank_count},
	{"get", bank_get},
	{"save", bank_save},
	{"set", bank_set},
	{"tag", bank_tag},
	{"keyword", bank_keyword},
	{"suggest", bank_suggest},
	{"accept", bank_accept},
	{"retire", bank_retire},
	{"merge", bank_merge},
	{"batch", bank_batch},
	{"undo", bank_undo},
	{"redo", bank_redo},
	{"log", bank_log},
	{"review", bank_review},
	{"reviews", bank_reviews},
	{"queue", bank_queue},
	{"show", bank_show},
	{"history", bank_history},
	{"diff", bank_diff},
	{"config", bank_config},
	{"import", bank_import},
	{"export", bank_export},
	{"lint", bank_lint},
	{"check", bank_check},
	{"standard", bank_standard},
	{"coverage", bank_coverage},
	{"assemble", bank_assemble},
	{"render", bank_render},
	{"validate", bank_validate},
	{"paper_new", bank_paper_new},
	{"paper_add", bank_paper_add},
	{"paper_remove", bank_paper_remove},
	{"paper_swap", bank_paper_swap},
	{"paper", bank_paper},
	{"batch_new", bank_batch_new},
	{"batch_generate", bank_batch_generate},
	{"batch_commit", bank_batch_commit},
	{"batch_papers", bank_batch_papers},
	{"on", bank_on},
	{NULL, NULL}
};

static const luaL_Reg bank_meta[] = {
	{"__gc", bank_close},
	{"__close", bank_close},
	{"__tostring", bank_tostring},
	{"__index", NULL},      /* placeholder, set to the methods below */
	{NULL, NULL}
};

/* The C half of the module; lua/tiku/init.lua builds on it. */
static int luaopen_tiku_core(lua_State *L)
{
	luaL_newmetatable(L, BANK_MT);
	luaL_setfuncs(L, bank_meta, 0);
	luaL_newlibtable(L, bank_methods);
	luaL_setfuncs(L, bank_methods, 0);
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);
	luaL_newmetatable(L, BOX_MT);
	lua_pushcfunction(L, box_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);
	luaL_newmetatable(L, PAPER_MT);
	lua_pushcfunction(L, paperbox_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);
	luaL_newmetatable(L, COURSE_MT);
	lua_pushcfunction(L, coursebox_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);
	luaL_newmetatable(L, CURSOR_MT);
	lua_pushcfunction(L, cursor_gc);
	lua_setfield(L, -2, "__gc");
	lua_pushcfunction(L, cursor_gc);
	lua_setfield(L, -2, "__close");
	lua_pop(L, 1);
	luaL_newlib(L, module_fns);
	lua_pushliteral(L, TIKU_VERSION);
	lua_setfield(L, -2, "version");
	lua_pushstring(L, tk_lua_default_bank);
	lua_setfield(L, -2, "bank_path");
	return 1;
}

/* A searcher for package.searchers: the Lua library in the binary. */
static int embedded_searcher(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	char path[256];
	const struct tk_embedded *e;
	const char *p;

	if (strcmp(name, "tiku") == 0)
		snprintf(path, sizeof path, "lua/tiku/init.lua");
	else if (strncmp(name, "tiku.", 5) == 0 && strlen(name) < 100) {
		snprintf(path, sizeof path, "lua/tiku/%s.lua", name + 5);
		for (p = path + 9; *p; p++)
			if (*p == '.')
				path[p - path] = '/';
	} else {
		lua_pushfstring(L, "\n\tno embedded module '%s'", name);
		return 1;
	}
	e = tk_embedded_find(path);
	if (e == NULL) {
		lua_pushfstring(L, "\n\tno embedded file '%s'", path);
		return 1;
	}
	if (luaL_loadbufferx(L, e->data, e->len, path + 4, "t") != LUA_OK)
		return lua_error(L);
	lua_pushstring(L, path);
	return 2;
}

void tk_lua_preload(lua_State *L)
{
	luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
	lua_pushcfunction(L, luaopen_tiku_core);
	lua_setfield(L, -2, "tiku.core");
	lua_pop(L, 1);
	/* before the file searchers: the embedded library wins */
	if (lua_getglobal(L, "package") == LUA_TTABLE &&
	    lua_getfield(L, -1, "searchers") == LUA_TTABLE) {
		lua_Integer i, n = (lua_Integer)lua_rawlen(L, -1);
		for (i = n; i >= 2; i--) {
			lua_rawgeti(L, -1, i);
			lua_rawseti(L, -2, i + 1);
		}
		lua_pushcfunction(L, embedded_searcher);
		lua_rawseti(L, -2, 2);
	}
	lua_settop(L, 0);
}

int luaopen_tiku(lua_State *L)
{
	lua_getglobal(L, "require");
	lua_pushliteral(L, "tiku");
	lua_call(L, 1, 1);
	return 1;
}
