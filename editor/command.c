/* command.c -- edits as undoable commands, checked before they commit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "lint.h"
#include "suggest.h"
#include "util.h"

/*
 * Open a command for one change, or a savepoint inside the caller's open
 * command.  *outer tells close_change which it was.
 */
static int open_change(struct tk_bank *b, const char *name, const char *summary,
		       int *outer, struct tk_error *err)
{
	*outer = tk_bank_in_command(b);
	return *outer ? tk_bank_savepoint(b, err) : tk_bank_begin(b, name, summary, err);
}

static int close_change(struct tk_bank *b, int outer, int rc, struct tk_error *err)
{
	struct tk_error ignore = {0};

	if (outer)
		return rc == TK_OK ? tk_bank_release(b, 1, err) :
		       (tk_bank_release(b, 0, &ignore), rc);
	if (rc == TK_OK)
		return tk_bank_commit(b, err);
	tk_bank_rollback(b);
	return rc;
}

/* Lint it against its standard; errors refuse the change. */
static int check(struct tk_bank *b, const struct tk_item *it, struct tk_diags *d,
		 struct tk_error *err)
{
	struct tk_standard *s = NULL;
	struct tk_diags found = TK_DIAGS_INIT;
	size_t i;
	int rc;

	{
		/* what a bank holds must read back: one limit for every field */
		char field[32];
		size_t len;
		if (tk_item_oversize(it, field, sizeof field, &len))
			return tk_error_set(err, TK_EINPUT, it->file, it->line,
					    "item '%s': the %s is %zu bytes, more than the %d a field "
					    "may hold (1 MiB)", it->id, field, len, TK_FIELD_MAX);
	}
	if ((rc = tk_bank_get_standard(b, it->standard, &s, err)) != TK_OK)
		return rc;
	tk_lint_item(s, it, &found);
	for (i = 0; i < found.n; i++)
		if (found.v[i].severity == TK_DIAG_ERROR && d)
			tk_diags_add(d, TK_DIAG_ERROR, found.v[i].file, found.v[i].line,
				     "%s", found.v[i].msg);
	for (i = 0; rc == TK_OK && i < found.n; i++)
		if (found.v[i].severity == TK_DIAG_ERROR)
			rc = tk_error_set(err, TK_EINPUT, it->file, it->line, "%s%s",
					  found.v[i].msg, found.nerrors > 1 ? " (and more)" : "");
	/* a level given by name is stored by id */
	if (rc == TK_OK) {
		int l = tk_standard_level(s, it->level);
		if (l >= 0 && strcmp(it->level, s->levels[l].id)) {
			free(((struct tk_item *)it)->level);
			((struct tk_item *)it)->level = tk_strdup(s->levels[l].id);
		}
	}
	tk_diags_free(&found);
	tk_standard_free(s);
	return rc;
}

/* ---- edits of items on committed forms (the audit) ---- */

struct on_form {
	struct tk_bank *b;
	const struct tk_item *it;
	struct tk_diags *d;
	struct tk_error *err;
	int rc;
};

/*
 * A committed form is frozen by version: it keeps the item as it was
 * drawn.  Say so, and keep it in the audit, for each form the edited
 * item sits on.
 */
static int note_form(void *ud, const char *batch, const char *form, const char *xml)
{
	struct on_form *o = ud;
	char pat[300], what[400];
	const char *v;
	long kept = 0;

	snprintf(pat, sizeof pat, "id=\"%s\" version=\"", o->it->id);
	if ((v = strstr(xml, pat)) != NULL)
		kept = strtol(v + strlen(pat), NULL, 10);
	if (o->d)
		tk_diags_add(o->d, TK_DIAG_WARNING, NULL, 0,
			     "item %s is on committed form %s of batch %s: the form keeps "
			     "version %ld, the bank now has version %d", o->it->id, form, batch,
			     kept, o->it->version);
	snprintf(what, sizeof what, "item %s edited to version %d; committed form %s keeps"
		 " version %ld", o->it->id, o->it->version, form, kept);
	o->rc = tk_bank_audit_event(o->b, "edit", batch, what, NULL, NULL, o->err);
	return o->rc != TK_OK;
}

/*
 * Check and store one item, in the change already open: as an edit, or
 * (review >= 0) as that review action, which the bank checks and records.
 */
static int store_as(struct tk_bank *b, struct tk_item *it, int review, const char *comment,
		    struct tk_diags *d, struct tk_error *err)
{
	struct on_form o = {b, it, d, err, TK_OK};
	int rc, outcome;

	if ((rc = check(b, it, d, err)) != TK_OK)
		return rc;
	rc = review < 0 ? tk_bank_put_item(b, it, &outcome, err) :
	     tk_bank_review(b, it, review, comment, &outcome, err);
	if (rc != TK_OK || outcome != TK_PUT_CHANGED)
		return rc;
	if ((rc = tk_bank_item_forms(b, it->id, note_form, &o, err)) != TK_OK)
		return rc;
	return o.rc;
}

static int store(struct tk_bank *b, struct tk_item *it, struct tk_diags *d,
		 struct tk_error *err)
{
	return store_as(b, it, -1, NULL, d, err);
}

int tk_cmd_save_over(struct tk_bank *b, struct tk_item *it, int base, int *conflict,
		     struct tk_diags *d, struct tk_error *err)
{
	struct tk_item *old = NULL;
	char summary[200];
	int rc, outer, existed;

	if (conflict)
		*conflict = 0;
	if (it->id == NULL)
		return tk_error_set(err, TK_EINPUT, it->file, it->line, "item without an id");
	/* a first look names the command; what counts is read under the lock */
	if ((rc = tk_bank_get_item(b, it->id, &old, err)) != TK_OK)
		return rc;
	existed = old != NULL;
	tk_item_free(old);
	old = NULL;
	snprintf(summary, sizeof summary, "%s %s", existed ? "edit" : "add", it->id);
	if ((rc = open_change(b, existed ? "edit" : "add", summary, &outer, err)) != TK_OK)
		return rc;
	if (base != 0 && (rc = tk_bank_get_item(b, it->id, &old, err)) == TK_OK &&
	    old && old->version != base) {
		if (conflict)
			*conflict = 1;
		if (base < 0)
			rc = tk_error_set(err, TK_EINPUT, it->file, it->line,
					  "an item '%s' was added to the bank while you wrote yours; "
					  "nothing saved", it->id);
		else
			rc = tk_error_set(err, TK_EINPUT, it->file, it->line,
					  "item '%s' changed while you edited it: version %d was read, "
					  "the bank now holds version %d; nothing saved", it->id, base,
					  old->version);
	}
	tk_item_free(old);
	if (rc == TK_OK)
		rc = store(b, it, d, err);
	return close_change(b, outer, rc, err);
}

int tk_cmd_save(struct tk_bank *b, struct tk_item *it, struct tk_diags *d,
		struct tk_error *err)
{
	return tk_cmd_save_over(b, it, 0, NULL, d, err);
}

/*
 * Load id, let fn change it, check and store it as one command.  The
 * item is read after the command opened, under the bank's write lock:
 * read before, another writer's change in between would be lost.
 */
static int change(struct tk_bank *b, const char *id, const char *name,
		  const char *summary, int (*fn)(struct tk_item *, const void *, struct tk_error *),
		  const void *arg, struct tk_diags *d, struct tk_error *err)
{
	struct tk_item *it = NULL;
	int rc, outer;

	if ((rc = open_change(b, name, summary, &outer, err)) != TK_OK)
		return rc;
	if ((rc = tk_bank_get_item(b, id, &it, err)) == TK_OK && it == NULL)
		rc = tk_error_set(err, TK_EINPUT, NULL, 0, "no item '%s' in the bank", id);
	if (rc == TK_OK)
		rc = fn(it, arg, err);
	if (rc == TK_OK)
		rc = store(b, it, d, err);
	tk_item_free(it);
	return close_change(b, outer, rc, err);
}

struct field_value {
	const char *field, *value;
};

static int replace(char **slot, char *v, struct tk_error *err)
{
	if (v == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	free(*slot);
	*slot = v;
	return TK_OK;
}

static int int_value(const char *v, int lo, int hi, int *out)
{
	long n;

	if (!tk_parse_int(v, lo, hi, &n))
		return 0;
	*out = (int)n;
	return 1;
}

static int set_field(struct tk_item *it, const void *arg, struct tk_error *err)
{
	const struct field_value *fv = arg;
	const char *f = fv->field, *v = fv->value;
	int n;

	if (!strcmp(f, "status")) {
		if ((n = tk_status_parse(v)) < 0)
			return tk_error_set(err, TK_EUSAGE, NULL, 0,
					    "unknown status '%s' (draft, review, approved, retired)", v);
		it->status = n;
	} else if (!strcmp(f, "difficulty")) {
		if (!int_value(v, 1, 5, &it->difficulty))
			return tk_error_set(err, TK_EUSAGE, NULL, 0, "difficulty is 1 to 5, not '%s'", v);
	} else if (!strcmp(f, "time")) {
		if (!int_value(v, 0, 86400, &it->time))
			return tk_error_set(err, TK_EUSAGE, NULL, 0, "time is seconds, not '%s'", v);
	} else if (!strcmp(f, "points")) {
		if ((n = tk_points_parse(v)) <= 0)
			return tk_error_set(err, TK_EUSAGE, NULL, 0,
					    "points must be positive, at most one decimal: '%s'", v);
		it->points = n;
	} else if (!strcmp(f, "type")) {
		if ((n = tk_type_parse(v)) < 0)
			return tk_error_set(err, TK_EUSAGE, NULL, 0, "unknown type '%s'", v);
		it->type = n;
	} else if (!strcmp(f, "kind")) {
		if ((n = tk_kind_parse(v)) < 0)
			return tk_error_set(err, TK_EUSAGE, NULL, 0, "unknown kind '%s'", v);
		it->kind = n;
	} else if (!strcmp(f, "level")) {
		return replace(&it->level, tk_strdup(v), err);
	} else if (!strcmp(f, "author")) {
		return replace(&it->author, tk_strdup(v), err);
	} else if (!strcmp(f, "stem")) {
		return replace(&it->stem, tk_fragment_from_text(v), err);
	} else if (!strcmp(f, "explanation")) {
		return replace(&it->explanation, tk_fragment_from_text(v), err);
	} else if (!strcmp(f, "answer")) {
		char *a = it->type == TK_SINGLE || it->type == TK_MULTIPLE ? tk_answer_choice(v) :
			  it->type == TK_TRUEFALSE ? tk_answer_truefalse(v) : tk_fragment_from_text(v);
		if (a == NULL)
			return tk_error_set(err, TK_EUSAGE, NULL, 0, "cannot read answer '%s'", v);
		return replace(&it->answer, a, err);
	} else {
		return tk_error_set(err, TK_EUSAGE, NULL, 0,
				    "unknown field '%s' (status, difficulty, points, time, author,"
				    " level, kind, type, stem, explanation, answer)", f);
	}
	return TK_OK;
}

int tk_cmd_set(struct tk_bank *b, const char *id, const char *field,
	       const char *value, struct tk_diags *d, struct tk_error *err)
{
	struct field_value fv = {field, value};
	char summary[256];

	snprintf(summary, sizeof summary, "set %s of %s to %.60s", field, id, value);
	return change(b, id, "set", summary, set_field, &fv, d, err);
}

int tk_cmd_retire(struct tk_bank *b, const char *id, struct tk_diags *d,
		  struct tk_error *err)
{
	struct field_value fv = {"status", "retired"};
	char summary[200];

	snprintf(summary, sizeof summary, "retire %s", id);
	return change(b, id, "retire", summary, set_field, &fv, d, err);
}

struct list_change {
	int keywords;   /* the keyword list, else the codes */
	const char *value;
	int add;
};

static int strlist_find(char **v, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return i;
	return -1;
}

static int edit_list(struct tk_item *it, const void *arg, struct tk_error *err)
{
	const struct list_change *lc = arg;
	char ***v = lc->keywords ? &it->keywords : &it->codes;
	int *n = lc->keywords ? &it->nkeywords : &it->ncodes;
	int at = strlist_find(*v, *n, lc->value);

	if (lc->add) {
		if (at >= 0)
			return tk_error_set(err, TK_EUSAGE, NULL, 0, "item '%s' already has %s '%s'",
					    it->id, lc->keywords ? "keyword" : "code", lc->value);
		if (!tk_item_strlist_add(v, n, lc->value))
			return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		return TK_OK;
	}
	if (at < 0)
		return tk_error_set(err, TK_EUSAGE, NULL, 0, "item '%s' has no %s '%s'",
				    it->id, lc->keywords ? "keyword" : "code", lc->value);
	free((*v)[at]);
	memmove(*v + at, *v + at + 1, (size_t)(*n - at - 1) * sizeof **v);
	(*n)--;
	return TK_OK;
}

int tk_cmd_tag(struct tk_bank *b, const char *id, const char *code, int add,
	       struct tk_diags *d, struct tk_error *err)
{
	struct list_change lc = {0, code, add};
	char summary[200];

	snprintf(summary, sizeof summary, "%s code %s %s %s", add ? "add" : "remove",
		 code, add ? "to" : "from", id);
	return change(b, id, "tag", summary, edit_list, &lc, d, err);
}

int tk_cmd_keyword(struct tk_bank *b, const char *id, const char *keyword,
		   int add, struct tk_diags *d, struct tk_error *err)
{
	struct list_change lc = {1, keyword, add};
	char summary[200];

	snprintf(summary, sizeof summary, "%s keyword %.40s %s %s", add ? "add" : "remove",
		 keyword, add ? "to" : "from", id);
	return change(b, id, "tag", summary, edit_list, &lc, d, err);
}

/* The first suggestion, as the item reads under the command's lock. */
static int accept_first(struct tk_bank *b, struct tk_item *it, char *code,
			struct tk_error *err)
{
	const struct tk_standard *s = NULL;
	struct tk_suggestion sg[1];
	int rc, n = 0;

	if (it->ncodes > 0)
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    "item '%s' is tagged already (%s): --accept tags untagged items; "
				    "add a code with +CODE", it->id, it->codes[0]);
	if ((rc = tk_bank_use_standard(b, it->standard, &s, err)) != TK_OK)
		return rc;
	rc = tk_suggest(b, s, it, sg, 1, &n, err);
	if (rc == TK_OK && n == 0)
		rc = tk_error_set(err, TK_EINPUT, NULL, 0,
				  "item '%s' shares no word with any requirement it may carry: "
				  "nothing to accept, tag it by hand (tiku tag %s +CODE)", it->id,
				  it->id);
	if (rc == TK_OK && !tk_item_strlist_add(&it->codes, &it->ncodes, sg[0].code))
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	if (rc == TK_OK)
		memcpy(code, sg[0].code, TK_CODE_MAX);
	return rc;
}

struct accept_arg {
	struct tk_bank *b;
	char *code;
};

static int accept_fn(struct tk_item *it, const void *arg, struct tk_error *err)
{
	const struct accept_arg *a = arg;

	return accept_first(a->b, it, a->code, err);
}

int tk_cmd_accept(struct tk_bank *b, const char *id, char code[TK_CODE_MAX],
		  struct tk_diags *d, struct tk_error *err)
{
	struct accept_arg a = {b, code};
	char summary[200];

	code[0] = '\0';
	snprintf(summary, sizeof summary, "accept the first suggested code for %s", id);
	return change(b, id, "tag", summary, accept_fn, &a, d, err);
}

/* Items that name drop as an enemy. */
struct namers {
	char **ids;
	int n;
	const char *drop;
};

static int collect_namers(void *ud, const struct tk_row *row)
{
	struct namers *nm = ud;
	struct tk_buf pat = TK_BUF_INIT;

	tk_buf_puts(&pat, "<enemy ref=\"");
	tk_buf_xml(&pat, nm->drop, 1);
	tk_buf_puts(&pat, "\"/>");
	if (strstr(row->xml, tk_buf_str(&pat)))
		tk_item_strlist_add(&nm->ids, &nm->n, row->id);
	tk_buf_free(&pat);
	return 0;
}

static int union_into(char ***v, int *n, char **from, int nfrom, const char *skip1,
		      const char *skip2)
{
	int i;

	for (i = 0; i < nfrom; i++)
		if (strlist_find(*v, *n, from[i]) < 0 &&
		    (!skip1 || strcmp(from[i], skip1)) && (!skip2 || strcmp(from[i], skip2)) &&
		    !tk_item_strlist_add(v, n, from[i]))
			return 0;
	return 1;
}

int tk_cmd_merge(struct tk_bank *b, const char *keep, const char *drop,
		 struct tk_diags *d, struct tk_error *err)
{
	struct tk_item *k = NULL, *x = NULL;
	struct namers nm = {NULL, 0, drop};
	struct tk_query q;
	char summary[200];
	int rc, outer = 0, opened = 0, i;

	if (!strcmp(keep, drop))
		return tk_error_set(err, TK_EUSAGE, NULL, 0, "cannot merge '%s' into itself", keep);
	/* both read under the write lock, as change() does */
	snprintf(summary, sizeof summary, "merge %s into %s", drop, keep);
	if ((rc = open_change(b, "merge", summary, &outer, err)) != TK_OK)
		goto out;
	opened = 1;
	if ((rc = tk_bank_get_item(b, keep, &k, err)) != TK_OK ||
	    (rc = tk_bank_get_item(b, drop, &x, err)) != TK_OK)
		goto out;
	if (k == NULL || x == NULL) {
		rc = tk_error_set(err, TK_EINPUT, NULL, 0, "no item '%s' in the bank",
				  k == NULL ? keep : drop);
		goto out;
	}
	if (!union_into(&k->codes, &k->ncodes, x->codes, x->ncodes, NULL, NULL) ||
	    !union_into(&k->keywords, &k->nkeywords, x->keywords, x->nkeywords, NULL, NULL) ||
	    !union_into(&k->enemies, &k->nenemies, x->enemies, x->nenemies, keep, drop)) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	if ((rc = store(b, k, d, err)) != TK_OK)
		goto out;
	memset(&q, 0, sizeof q);
	q.include_retired = 1;
	if ((rc = tk_bank_query(b, &q, collect_namers, &nm, err)) != TK_OK)
		goto out;
	for (i = 0; i < nm.n && rc == TK_OK; i++) {
		struct tk_item *e = NULL;
		int at;
		if (!strcmp(nm.ids[i], keep) || !strcmp(nm.ids[i], drop))
			continue;
		if ((rc = tk_bank_get_item(b, nm.ids[i], &e, err)) != TK_OK || e == NULL)
			break;
		at = strlist_find(e->enemies, e->nenemies, drop);
		if (at >= 0 && strlist_find(e->enemies, e->nenemies, keep) < 0) {
			free(e->enemies[at]);
			e->enemies[at] = tk_strdup(keep);
		} else if (at >= 0) {
			free(e->enemies[at]);
			memmove(e->enemies + at, e->enemies + at + 1,
				(size_t)(e->nenemies - at - 1) * sizeof *e->enemies);
			e->nenemies--;
		}
		rc = store(b, e, d, err);
		tk_item_free(e);
	}
	if (rc == TK_OK) {
		x->status = TK_RETIRED;
		rc = store(b, x, d, err);
	}
out:
	for (i = 0; i < nm.n; i++)
		free(nm.ids[i]);
	free(nm.ids);
	tk_item_free(k);
	tk_item_free(x);
	return opened ? close_change(b, outer, rc, err) : rc;
}

int tk_cmd_review(struct tk_bank *b, const char *id, int action, const char *comment,
		  struct tk_diags *d, struct tk_error *err)
{
	struct tk_item *it = NULL;
	char summary[256];
	int rc, outer;

	snprintf(summary, sizeof summary, "%s %s%s%.80s",
		 action == TK_REVIEW_APPROVE ? "approve" : action == TK_REVIEW_REJECT ? "reject" :
		 "comment on", id, comment && comment[0] ? ": " : "", comment ? comment : "");
	if ((rc = open_change(b, "review", summary, &outer, err)) != TK_OK)
		return rc;
	if ((rc = tk_bank_get_item(b, id, &it, err)) == TK_OK && it == NULL)
		rc = tk_error_set(err, TK_EINPUT, NULL, 0, "no item '%s' in the bank", id);
	/* a comment stores nothing: no check of the item either */
	if (rc == TK_OK && action == TK_REVIEW_COMMENT) {
		int outcome;
		rc = tk_bank_review(b, it, action, comment, &outcome, err);
	} else if (rc == TK_OK) {
		rc = store_as(b, it, action, comment, d, err);
	}
	tk_item_free(it);
	return close_change(b, outer, rc, err);
}
