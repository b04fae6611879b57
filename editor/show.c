/* show.c -- an item as a person reads it: fields, text, answer, standard, reviews, use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "itemdiff.h"
#include "show.h"

int tk_show_ref(const char *ref, char **id, int *version, struct tk_error *err)
{
	const char *at = strrchr(ref, '@');
	long v;

	*version = 0;
	*id = NULL;
	if (at && !tk_parse_int(at + 1, 1, 0x7fffffffL, &v))
		return tk_error_set(err, TK_EUSAGE, NULL, 0,
				    "'%s': a version is a whole number from 1 (ID@3)", ref);
	*id = at ? strndup(ref, (size_t)(at - ref)) : strdup(ref);
	if (*id == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	if (at)
		*version = (int)v;
	return TK_OK;
}

int tk_show_load(struct tk_bank *b, const char *id, int version, struct tk_item **out,
		 struct tk_error *err)
{
	struct tk_item *cur = NULL;
	int rc;

	*out = NULL;
	if ((rc = tk_bank_get_item(b, id, &cur, err)) != TK_OK)
		return rc;
	if (cur == NULL)
		return tk_error_set(err, TK_EINPUT, tk_bank_path(b), 0, "no item '%s' in the bank", id);
	if (version == 0 || version == cur->version) {
		*out = cur;
		return TK_OK;
	}
	rc = tk_bank_get_item_version(b, id, version, out, err);
	if (rc == TK_OK && *out == NULL)
		rc = tk_error_set(err, TK_EINPUT, tk_bank_path(b), 0,
				  "item '%s' has no version %d (versions 1 to %d; tiku history %s)",
				  id, version, cur->version, id);
	tk_item_free(cur);
	return rc;
}

/* Text indented: every line after the first starts with indent. */
static void indented(struct tk_buf *out, const char *text, const char *indent)
{
	const char *p;

	for (p = text; *p; p++) {
		tk_buf_putc(out, *p);
		if (*p == '\n' && p[1])
			tk_buf_puts(out, indent);
	}
}

/* "label: text" with a fragment's text, indented under the label. */
static void field_text(struct tk_buf *out, const char *label, const char *fragment)
{
	char *t = fragment ? tk_fragment_text(fragment) : NULL;

	if (t == NULL)
		return;
	tk_buf_printf(out, "%s\n  ", label);
	indented(out, t, "  ");
	tk_buf_putc(out, '\n');
	free(t);
}

struct uses {
	struct tk_buf *out;
	int n;
};

static int one_form(void *ud, const char *batch, const char *form, const char *xml)
{
	struct uses *u = ud;

	(void)xml;
	tk_buf_printf(u->out, "%s%s %s %s", u->n++ ? ", " : " ", batch, _("form"), form);
	return 0;
}

static int one_print(void *ud, const struct tk_practice_print *pp)
{
	struct uses *u = ud;

	tk_buf_printf(u->out, "%s%s %s", u->n++ ? ", " : " ", pp->date, pp->paper);
	if (pp->klass[0])
		tk_buf_printf(u->out, " (%s)", pp->klass);
	return 0;
}

struct last_review {
	struct tk_buf *out;
	const struct tk_item *it;
	int n;
	char approved[200];
};

static int one_review(void *ud, const struct tk_review *r)
{
	struct last_review *l = ud;

	if (!strcmp(r->action, "approve") && !r->undone)
		snprintf(l->approved, sizeof l->approved, "%s, %s", r->user, r->time);
	if (l->n++ == 0)
		tk_buf_printf(l->out, "%s\n", _("reviews:"));
	tk_buf_printf(l->out, "  %s  %s  %s v%d%s%s", r->time, r->user, r->action, r->version,
		      r->undone ? _(" (undone)") : "", r->comment[0] ? ": " : "");
	indented(l->out, r->comment, "    ");
	tk_buf_putc(l->out, '\n');
	return 0;
}

int tk_show_item(struct tk_bank *b, const char *id, int version, struct tk_buf *out,
		 struct tk_error *err)
{
	struct tk_item *it = NULL;
	struct tk_standard *s = NULL;
	struct tk_buf reviews = TK_BUF_INIT;
	struct last_review lr;
	struct uses u;
	char pts[16], **papers = NULL, *answer = NULL;
	int rc, l, i, npapers = 0, current;

	if ((rc = tk_show_load(b, id, version, &it, err)) != TK_OK)
		return rc;
	current = tk_bank_versions(b, id, err);
	if ((rc = tk_bank_get_standard(b, it->standard, &s, err)) != TK_OK)
		goto out;
	l = tk_standard_level(s, it->level);
	tk_buf_printf(out, "%s v%d", it->id, it->version);
	if (it->version != current)
		tk_buf_printf(out, _(" (not current: the bank holds version %d)"), current);
	tk_buf_printf(out, "\n%s %s · %s %s", _("type"), tk_type_name(it->type), _("level"),
		      l >= 0 ? s->levels[l].name : it->level);
	if (l >= 0)
		tk_buf_printf(out, " (%s)", s->levels[l].id);
	tk_buf_printf(out, " · %s · %s %s · %s %d", tk_kind_name(it->kind), _("points"),
		      tk_points_format(it->points, pts), _("difficulty"), it->difficulty);
	if (it->time)
		tk_buf_printf(out, " · %s %d s", _("time"), it->time);
	tk_buf_putc(out, '\n');
	/* the reviews first, for the approval the status line names */
	memset(&lr, 0, sizeof lr);
	lr.out = &reviews;
	lr.it = it;
	if ((rc = tk_bank_reviews(b, id, one_review, &lr, err)) != TK_OK)
		goto out;
	tk_buf_printf(out, "%s %s", _("status:"), tk_status_name(it->status));
	if (it->status == TK_APPROVED && lr.approved[0])
		tk_buf_printf(out, _(" (approved by %s)"), lr.approved);
	tk_buf_putc(out, '\n');
	if (it->author)
		tk_buf_printf(out, "%s %s\n", _("author:"), it->author);
	if (it->ncodes)
		tk_buf_printf(out, "%s\n", _("codes:"));
	else
		tk_buf_printf(out, _("codes: none -- untagged, a draft until tagged (tiku suggest %s)\n"),
			      it->id);
	for (i = 0; i < it->ncodes; i++) {
		const struct tk_req *r = l >= 0 ? tk_standard_find(s, l, it->kind, it->codes[i]) : NULL;
		tk_buf_printf(out, "  %s  ", it->codes[i]);
		if (r)
			indented(out, r->text, "    ");
		else
			tk_buf_puts(out, _("(not in the standard at this level)"));
		tk_buf_putc(out, '\n');
	}
	if (it->nkeywords) {
		tk_buf_printf(out, "%s", _("keywords:"));
		for (i = 0; i < it->nkeywords; i++)
			tk_buf_printf(out, " %s", it->keywords[i]);
		tk_buf_putc(out, '\n');
	}
	if (it->nenemies) {
		tk_buf_printf(out, "%s", _("not on a paper with:"));
		for (i = 0; i < it->nenemies; i++)
			tk_buf_printf(out, " %s", it->enemies[i]);
		tk_buf_putc(out, '\n');
	}
	tk_buf_putc(out, '\n');
	field_text(out, _("stem:"), it->stem);
	for (i = 0; i < it->noptions; i++) {
		char *t = tk_fragment_text(it->options[i].text);
		if (i == 0)
			tk_buf_printf(out, "%s\n", _("options:"));
		tk_buf_printf(out, "  %c. ", it->options[i].key);
		indented(out, t ? t : "", "     ");
		tk_buf_putc(out, '\n');
		free(t);
	}
	if ((answer = tk_itemdiff_answer(it)) == NULL) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	if (answer[0]) {
		tk_buf_printf(out, "%s\n  ", _("answer:"));
		indented(out, answer, "  ");
		tk_buf_putc(out, '\n');
	}
	field_text(out, _("explanation:"), it->explanation);
	for (i = 0; i < it->nrubric; i++) {
		char *t = tk_fragment_text(it->rubric[i].text);
		if (i == 0)
			tk_buf_printf(out, "%s\n", _("rubric:"));
		tk_buf_printf(out, "  (%s) ", tk_points_format(it->rubric[i].points, pts));
		indented(out, t ? t : "", "    ");
		tk_buf_putc(out, '\n');
		free(t);
	}
	tk_buf_putc(out, '\n');
	/* where it has been: the exposure wall's side and the practice side */
	tk_buf_printf(out, "%s\n", _("exposure:"));
	tk_buf_printf(out, "  %s", _("committed official forms:"));
	u.out = out;
	u.n = 0;
	if ((rc = tk_bank_item_forms(b, id, one_form, &u, err)) != TK_OK)
		goto out;
	tk_buf_printf(out, "%s%s\n", u.n ? "" : " ", u.n ? "" : _("none"));
	if ((rc = tk_bank_item_papers(b, id, &papers, &npapers, err)) != TK_OK)
		goto out;
	tk_buf_printf(out, "  %s ", _("practice papers:"));
	for (i = 0; i < npapers; i++)
		tk_buf_printf(out, "%s%s", i ? ", " : "", papers[i]);
	tk_buf_printf(out, "%s\n", npapers ? "" : _("none"));
	/* practice papers printed for a class: practice exposure, apart from
	   the official forms above */
	tk_buf_printf(out, "  %s", _("printed for practice:"));
	u.n = 0;
	if ((rc = tk_bank_item_printed(b, id, one_print, &u, err)) != TK_OK)
		goto out;
	tk_buf_printf(out, "%s%s\n", u.n ? "" : " ", u.n ? "" : _("none"));
	if (it->facility || it->discrimination || it->stats_n) {
		tk_buf_printf(out, "%s", _("statistics:"));
		if (it->facility)
			tk_buf_printf(out, " %s %s", _("facility"), it->facility);
		if (it->discrimination)
			tk_buf_printf(out, "%s %s %s", it->facility ? "," : "", _("discrimination"),
				      it->discrimination);
		if (it->stats_n)
			tk_buf_printf(out, _(" (%d candidates)"), it->stats_n);
		tk_buf_putc(out, '\n');
	} else {
		tk_buf_printf(out, "%s %s\n", _("statistics:"), _("none"));
	}
	if (reviews.len) {
		tk_buf_putc(out, '\n');
		tk_buf_add(out, reviews.s, reviews.len);
	}
	if (out->oom || reviews.oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
out:
	for (i = 0; i < npapers; i++)
		free(papers[i]);
	free(papers);
	free(answer);
	tk_buf_free(&reviews);
	tk_standard_free(s);
	tk_item_free(it);
	return rc;
}
