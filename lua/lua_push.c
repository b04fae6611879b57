/*
 * lua_push.c -- items, standards and diagnostics as Lua tables: the one
 * shape scripts see them in, whether the full API (lua_tiku.c) or a
 * bank's sandboxed script (lua_sandbox.c) pushes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua_push.h"
#include "util.h"

/* ---- small helpers ------------------------------------------------- */

void tk_lua_set_str(lua_State *L, const char *k, const char *v)
{
	if (v) {
		lua_pushstring(L, v);
		lua_setfield(L, -2, k);
	}
}

void tk_lua_set_int(lua_State *L, const char *k, lua_Integer v)
{
	lua_pushinteger(L, v);
	lua_setfield(L, -2, k);
}

void tk_lua_push_points(lua_State *L, int tenths)
{
	if (tenths % 10 == 0)
		lua_pushinteger(L, tenths / 10);
	else
		lua_pushnumber(L, tenths / 10.0);
}

void tk_lua_set_plain(lua_State *L, const char *k, const char *fragment)
{
	char *t;

	if (fragment == NULL)
		return;
	t = tk_fragment_text(fragment);
	if (t) {
		lua_pushstring(L, t);
		lua_setfield(L, -2, k);
	}
	free(t);
}

void tk_lua_set_list(lua_State *L, const char *k, char **v, int n)
{
	int i;

	lua_createtable(L, n, 0);
	for (i = 0; i < n; i++) {
		lua_pushstring(L, v[i]);
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, k);
}

/* ---- items --------------------------------------------------------- */

void tk_lua_push_item(lua_State *L, const struct tk_item *it)
{
	int i;

	lua_createtable(L, 0, 24);
	tk_lua_set_str(L, "id", it->id);
	tk_lua_set_str(L, "standard", it->standard);
	if (it->version)
		tk_lua_set_int(L, "version", it->version);
	tk_lua_set_str(L, "type", tk_type_name(it->type));
	tk_lua_set_str(L, "level", it->level);
	tk_lua_set_str(L, "kind", tk_kind_name(it->kind));
	tk_lua_push_points(L, it->points);
	lua_setfield(L, -2, "points");
	tk_lua_set_int(L, "difficulty", it->difficulty);
	if (it->time)
		tk_lua_set_int(L, "time", it->time);
	tk_lua_set_str(L, "status", tk_status_name(it->status));
	tk_lua_set_str(L, "author", it->author);
	tk_lua_set_list(L, "codes", it->codes, it->ncodes);
	tk_lua_set_list(L, "keywords", it->keywords, it->nkeywords);
	tk_lua_set_plain(L, "stem", it->stem);
	tk_lua_set_str(L, "stem_xml", it->stem);
	lua_createtable(L, it->noptions, 0);
	for (i = 0; i < it->noptions; i++) {
		char key[2] = {it->options[i].key, 0};
		lua_createtable(L, 0, 3);
		tk_lua_set_str(L, "key", key);
		tk_lua_set_plain(L, "text", it->options[i].text);
		tk_lua_set_str(L, "xml", it->options[i].text);
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, "options");
	if (it->answer) {
		tk_lua_set_plain(L, "answer", it->answer);
		tk_lua_set_str(L, "answer_xml", it->answer);
	}
	lua_createtable(L, it->nrubric, 0);
	for (i = 0; i < it->nrubric; i++) {
		lua_createtable(L, 0, 2);
		tk_lua_push_points(L, it->rubric[i].points);
		lua_setfield(L, -2, "points");
		tk_lua_set_plain(L, "text", it->rubric[i].text);
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, "rubric");
	if (it->explanation) {
		tk_lua_set_plain(L, "explanation", it->explanation);
		tk_lua_set_str(L, "explanation_xml", it->explanation);
	}
	if (it->nmaterials) {
		lua_createtable(L, it->nmaterials, 0);
		for (i = 0; i < it->nmaterials; i++) {
			lua_createtable(L, 0, 3);
			tk_lua_set_str(L, "kind", tk_material_kind_name(it->materials[i].kind));
			tk_lua_set_str(L, "text", it->materials[i].text);
			tk_lua_set_str(L, "quantity", it->materials[i].quantity);
			lua_rawseti(L, -2, i + 1);
		}
		lua_setfield(L, -2, "materials");
	}
	if (it->facility) {
		lua_pushnumber(L, atof(it->facility));
		lua_setfield(L, -2, "facility");
	}
	if (it->discrimination) {
		lua_pushnumber(L, atof(it->discrimination));
		lua_setfield(L, -2, "discrimination");
	}
	tk_lua_set_list(L, "enemies", it->enemies, it->nenemies);
	tk_lua_set_str(L, "file", it->file);
	if (it->line)
		tk_lua_set_int(L, "line", it->line);
}

/* ---- standards ----------------------------------------------------- */

void tk_lua_push_standard(lua_State *L, const struct tk_standard *s)
{
	static const char *types[] = {"function", "task", "skill", "knowledge",
				      "basics_group", "basic"};
	int i, k, l, c;

	lua_createtable(L, 0, 11);
	tk_lua_set_str(L, "id", s->id);
	tk_lua_set_str(L, "title", s->title);
	tk_lua_set_str(L, "version", s->version);
	tk_lua_set_str(L, "issuer", s->issuer);
	lua_createtable(L, s->nlevels, 0);
	for (i = 0; i < s->nlevels; i++) {
		lua_createtable(L, 0, 4);
		tk_lua_set_str(L, "id", s->levels[i].id);
		tk_lua_set_str(L, "name", s->levels[i].name);
		if (s->levels[i].hours)
			tk_lua_set_int(L, "hours", s->levels[i].hours);
		tk_lua_set_str(L, "summary", s->levels[i].summary);
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, "levels");
	lua_createtable(L, s->nreqs, 0);
	for (i = 0; i < s->nreqs; i++) {
		const struct tk_req *r = &s->reqs[i];
		char code[64];
		lua_createtable(L, 0, 6);
		tk_lua_set_str(L, "type", types[r->type]);
		if (r->level >= 0)
			tk_lua_set_str(L, "level", s->levels[r->level].id);
		snprintf(code, sizeof code, "%s%s", r->type == TK_REQ_BASIC ||
			 r->type == TK_REQ_BASIC_GROUP ? "B" : "", r->code);
		tk_lua_set_str(L, "code", code);
		tk_lua_set_str(L, "printed", r->printed);
		tk_lua_set_str(L, "text", r->text);
		if (r->parent >= 0)
			tk_lua_set_int(L, "parent", r->parent + 1);
		tk_lua_set_int(L, "line", r->line);
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, "requirements");
	lua_createtable(L, 0, 2);
	for (k = 0; k < 2; k++) {
		const struct tk_weights *w = &s->weights[k];
		if (!w->present)
			continue;
		lua_createtable(L, w->nareas, 0);
		for (i = 0; i < w->nareas; i++) {
			const struct tk_area *a = &w->areas[i];
			lua_createtable(L, 0, 4);
			tk_lua_set_str(L, "id", a->id);
			tk_lua_set_str(L, "name", a->name);
			tk_lua_set_str(L, "group", a->group);
			lua_createtable(L, 0, s->nlevels);
			for (l = 0; l < s->nlevels; l++) {
				const struct tk_cell *cell = &a->cells[l];
				lua_createtable(L, 0, 3);
				tk_lua_set_str(L, "state", cell->state == TK_CELL_WEIGHT ? "weight" :
					cell->state == TK_CELL_NA ? "not assessed" :
					cell->state == TK_CELL_BLANK ? "blank" : "missing");
				if (cell->state == TK_CELL_WEIGHT)
					tk_lua_set_int(L, "weight", cell->weight);
				tk_lua_set_list(L, "covers", cell->covers, cell->ncovers);
				tk_lua_set_str(L, "note", cell->note);
				lua_setfield(L, -2, s->levels[l].id);
			}
			lua_setfield(L, -2, "cells");
			lua_rawseti(L, -2, i + 1);
		}
		lua_setfield(L, -2, tk_kind_name(k));
	}
	lua_setfield(L, -2, "weights");
	lua_createtable(L, s->nassessments, 0);
	for (i = 0; i < s->nassessments; i++) {
		const struct tk_assessment *a = &s->assessments[i];
		lua_createtable(L, 0, 6);
		tk_lua_set_str(L, "id", a->id);
		tk_lua_set_str(L, "source", a->source);
		tk_lua_set_str(L, "mode", a->mode);
		if (a->combine && a->combine_pass)
			tk_lua_set_int(L, "pass", a->combine_pass);
		lua_createtable(L, a->npapers, 0);
		for (c = 0; c < a->npapers; c++) {
			const struct tk_paper_rule *p = &a->papers[c];
			lua_createtable(L, 0, 6);
			tk_lua_set_str(L, "kind", tk_kind_name(p->kind));
			if (p->level >= 0)
				tk_lua_set_str(L, "level", s->levels[p->level].id);
			if (p->duration)
				tk_lua_set_int(L, "duration", p->duration);
			if (p->min_duration)
				tk_lua_set_int(L, "min_duration", p->min_duration);
			if (p->points)
				tk_lua_set_int(L, "points", p->points);
			if (p->pass)
				tk_lua_set_int(L, "pass", p->pass);
			tk_lua_set_str(L, "form", p->form);
			lua_rawseti(L, -2, c + 1);
		}
		lua_setfield(L, -2, "papers");
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, "assessments");
	lua_createtable(L, s->nbatches, 0);
	for (i = 0; i < s->nbatches; i++) {
		const struct tk_batch *t = &s->batches[i];
		lua_createtable(L, 0, 5);
		tk_lua_set_str(L, "id", t->id);
		tk_lua_set_str(L, "name", t->name);
		if (t->level >= 0)
			tk_lua_set_str(L, "level", s->levels[t->level].id);
		tk_lua_set_str(L, "start", t->start);
		tk_lua_set_str(L, "finish", t->end);
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, "batches");
	lua_createtable(L, s->nappraisals, 0);
	for (i = 0; i < s->nappraisals; i++) {
		const struct tk_appraisal *a = &s->appraisals[i];
		lua_createtable(L, 0, 14);
		tk_lua_set_str(L, "id", a->id);
		tk_lua_set_str(L, "assessment", s->assessments[a->assessment].id);
		tk_lua_set_str(L, "name", a->name);
		tk_lua_set_str(L, "level", s->levels[a->level].id);
		tk_lua_set_str(L, "kind", tk_appraisal_kind_name(a->kind));
		tk_lua_set_int(L, "points", a->points);
		if (a->pass)
			tk_lua_set_int(L, "pass", a->pass);
		if (a->duration)
			tk_lua_set_int(L, "duration", a->duration);
		if (a->panel_min)
			tk_lua_set_int(L, "panel", a->panel_min);
		lua_pushboolean(L, a->panel_odd);
		lua_setfield(L, -2, "panel_odd");
		lua_pushboolean(L, a->sample);
		lua_setfield(L, -2, "sample");
		tk_lua_set_str(L, "task", a->task);
		tk_lua_set_str(L, "note", a->note);
		tk_lua_set_int(L, "line", a->line);
		lua_createtable(L, a->ncriteria, 0);
		for (c = 0; c < a->ncriteria; c++) {
			lua_createtable(L, 0, 4);
			tk_lua_set_str(L, "name", a->criteria[c].name);
			tk_lua_set_str(L, "text", a->criteria[c].text);
			tk_lua_push_points(L, a->criteria[c].points);
			lua_setfield(L, -2, "points");
			tk_lua_set_int(L, "line", a->criteria[c].line);
			lua_rawseti(L, -2, c + 1);
		}
		lua_setfield(L, -2, "criteria");
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, "appraisals");
}

void tk_lua_push_diags(lua_State *L, const struct tk_diags *d)
{
	size_t i;

	lua_createtable(L, (int)d->n, 0);
	for (i = 0; i < d->n; i++) {
		lua_createtable(L, 0, 4);
		tk_lua_set_str(L, "severity", d->v[i].severity == TK_DIAG_ERROR ? "error" : "warning");
		tk_lua_set_str(L, "file", d->v[i].file);
		if (d->v[i].line)
			tk_lua_set_int(L, "line", d->v[i].line);
		tk_lua_set_str(L, "message", d->v[i].msg);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
}
