/* lint.c -- standard, item and cross-item checks. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "bank.h"
#include "blueprint.h"
#include "glossary.h"
#include "lint.h"
#include "util.h"

/* ---- the standard -------------------------------------------------- */

static const char *level_name(const struct tk_standard *s, int level)
{
	return level >= 0 && level < s->nlevels ? s->levels[level].name : "?";
}

static const char *table_name(int kind)
{
	return kind == TK_THEORY ? "theory weight table" : "skill weight table";
}

/* The function, task or basics entry a covers reference names, or NULL. */
static const struct tk_req *cover_target(const struct tk_standard *s, int level,
					 const char *ref)
{
	int i;

	for (i = 0; i < s->nreqs; i++) {
		const struct tk_req *r = &s->reqs[i];
		if (ref[0] == 'B') {
			if ((r->type == TK_REQ_BASIC_GROUP || r->type == TK_REQ_BASIC) &&
			    !strcmp(r->code, ref + 1))
				return r;
		} else if ((r->type == TK_REQ_FUNCTION || r->type == TK_REQ_TASK) &&
			   r->level == level && !strcmp(r->code, ref)) {
			return r;
		}
	}
	return NULL;
}

static void lint_weights(const struct tk_standard *s, int kind, struct tk_diags *d)
{
	const struct tk_weights *w = &s->weights[kind];
	int a, l, c, i;

	for (l = 0; l < s->nlevels; l++) {
		int sum = 0, assessed = 0;
		for (a = 0; a < w->nareas; a++) {
			const struct tk_cell *cell = &w->areas[a].cells[l];
			if (cell->state == TK_CELL_WEIGHT) {
				sum += cell->weight;
				assessed++;
			}
		}
		if (assessed && sum != 100)
			tk_diags_add(d, TK_DIAG_ERROR, s->file, w->line,
				     "%s: the %s column sums to %d, not 100",
				     table_name(kind), level_name(s, l), sum);
	}
	for (a = 0; a < w->nareas; a++) {
		const struct tk_area *ar = &w->areas[a];
		for (l = 0; l < s->nlevels; l++) {
			const struct tk_cell *cell = &ar->cells[l];
			if (cell->state == TK_CELL_MISSING) {
				tk_diags_add(d, TK_DIAG_ERROR, s->file, ar->line,
					     "%s: row '%s' has no cell for %s",
					     table_name(kind), ar->name, level_name(s, l));
				continue;
			}
			if (cell->state == TK_CELL_BLANK) {
				tk_diags_add(d, TK_DIAG_WARNING, s->file, cell->line,
					     "%s: row '%s' is blank at %s: neither a weight nor × (not assessed)",
					     table_name(kind), ar->name, level_name(s, l));
				continue;
			}
			if (cell->state != TK_CELL_WEIGHT)
				continue;
			for (c = 0; c < cell->ncovers; c++) {
				const struct tk_req *t = cover_target(s, l, cell->covers[c]);
				if (t == NULL) {
					tk_diags_add(d, TK_DIAG_ERROR, s->file, cell->line,
						     "%s: row '%s' at %s covers '%s', which %s has no %s of",
						     table_name(kind), ar->name, level_name(s, l),
						     cell->covers[c], cell->covers[c][0] == 'B' ?
						     "the basics" : level_name(s, l),
						     cell->covers[c][0] == 'B' ? "entry" : "function or task");
					continue;
				}
				if (strcmp(t->text, ar->name) != 0)
					tk_diags_add(d, TK_DIAG_WARNING, s->file, cell->line,
						     "%s: row '%s' at %s covers %s %s '%s': the names differ",
						     table_name(kind), ar->name, level_name(s, l),
						     t->type == TK_REQ_FUNCTION ? "function" :
						     t->type == TK_REQ_TASK ? "task" : "basics",
						     t->code, t->text);
			}
		}
	}
	/* every function of a level should count somewhere, and once */
	for (i = 0; i < s->nreqs; i++) {
		const struct tk_req *r = &s->reqs[i];
		int hits = 0, first = -1;
		int is_fn = r->type == TK_REQ_FUNCTION;
		int is_group = r->type == TK_REQ_BASIC_GROUP && kind == TK_THEORY;

		if (!is_fn && !is_group)
			continue;
		for (l = 0; l < s->nlevels; l++) {
			if (is_fn && l != r->level)
				continue;
			hits = 0;
			first = -1;
			for (a = 0; a < w->nareas; a++) {
				const struct tk_cell *cell = &w->areas[a].cells[l];
				int hit = 0;
				if (cell->state != TK_CELL_WEIGHT)
					continue;
				for (c = 0; c < cell->ncovers; c++)
					if (tk_standard_covers(r, l, cell->covers[c]) ||
					    (cover_target(s, l, cell->covers[c]) &&
					     cover_target(s, l, cell->covers[c])->parent >= 0 &&
					     &s->reqs[cover_target(s, l, cell->covers[c])->parent] == r))
						hit = 1;
				if (hit) {
					if (first < 0)
						first = a;
					if (++hits == 2 && is_fn)
						tk_diags_add(d, TK_DIAG_ERROR, s->file, cell->line,
							     "%s: %s function %s '%s' is covered by two rows ('%s' and '%s')",
							     table_name(kind), level_name(s, l), r->code, r->text,
							     w->areas[first].name, w->areas[a].name);
				}
			}
			if (hits == 0 && (is_fn || l == 0))
				tk_diags_add(d, TK_DIAG_WARNING, s->file, r->line,
					     "%s: %s %s '%s'%s%s is not covered by any assessed row",
					     table_name(kind), is_fn ? "function" : "basics",
					     r->code, r->text, is_fn ? " of " : "",
					     is_fn ? level_name(s, l) : "");
			if (!is_fn)
				break;
		}
	}
}

static int req_type_order(int t)
{
	return t == TK_REQ_BASIC_GROUP || t == TK_REQ_BASIC ? -1 : t;
}

static void lint_codes(const struct tk_standard *s, struct tk_diags *d)
{
	int i, j;
	static const char *what[] = {"function", "task", "skill", "knowledge",
				     "basics group", "basics"};

	for (i = 0; i < s->nreqs; i++) {
		const struct tk_req *r = &s->reqs[i];
		for (j = 0; j < i; j++) {
			const struct tk_req *q = &s->reqs[j];
			if (req_type_order(q->type) == req_type_order(r->type) &&
			    q->level == r->level && (q->type == r->type ||
			    req_type_order(r->type) < 0) && !strcmp(q->code, r->code)) {
				tk_diags_add(d, TK_DIAG_ERROR, s->file, r->line,
					     "duplicate %s code %s at %s (first at line %d)",
					     what[r->type], r->code,
					     r->level >= 0 ? level_name(s, r->level) : "basics",
					     q->line);
				break;
			}
		}
		if (r->printed && strcmp(r->printed, r->code))
			tk_diags_add(d, TK_DIAG_WARNING, s->file, r->line,
				     "%s %s at %s is printed as %s in the source (renumbered: the source repeats or misnumbers it)",
				     what[r->type], r->code,
				     r->level >= 0 ? level_name(s, r->level) : "basics", r->printed);
		if (r->parent >= 0) {
			const struct tk_req *p = &s->reqs[r->parent];
			size_t n = strlen(p->code);
			if (strncmp(r->code, p->code, n) || r->code[n] != '.')
				tk_diags_add(d, TK_DIAG_WARNING, s->file, r->line,
					     "%s code %s does not extend the code %s of its %s",
					     what[r->type], r->code, p->code, what[p->type]);
		}
		if (r->text == NULL || r->text[0] == '\0')
			tk_diags_add(d, TK_DIAG_ERROR, s->file, r->line,
				     "%s %s has no text", what[r->type], r->code);
	}
}

static void lint_assessment(const struct tk_standard *s, struct tk_diags *d)
{
	int i, j, k;

	for (i = 0; i < s->nassessments; i++) {
		const struct tk_assessment *a = &s->assessments[i];
		if (a->combine) {
			int sum = 0;
			for (k = 0; k < 2; k++)
				if (a->part_weight[k] > 0)
					sum += a->part_weight[k];
			if (sum != 100)
				tk_diags_add(d, TK_DIAG_ERROR, s->file, a->line,
					     "assessment '%s': the parts weigh %d%%, not 100%%", a->id, sum);
		}
		for (j = 0; j < a->npapers; j++) {
			const struct tk_paper_rule *p = &a->papers[j];
			if (p->duration && p->min_duration && p->duration < p->min_duration)
				tk_diags_add(d, TK_DIAG_ERROR, s->file, p->line,
					     "assessment '%s': duration %d is shorter than the minimum %d",
					     a->id, p->duration, p->min_duration);
		}
	}
	/* pass marks and durations that two schemes state differently */
	for (i = 0; i < s->nassessments; i++) {
		const struct tk_assessment *a = &s->assessments[i];
		for (j = i + 1; j < s->nassessments; j++) {
			const struct tk_assessment *b = &s->assessments[j];
			int pa = a->combine_pass, pb = b->combine_pass;
			for (k = 0; !pa && k < a->npapers; k++)
				pa = a->papers[k].pass;
			for (k = 0; !pb && k < b->npapers; k++)
				pb = b->papers[k].pass;
			if (pa && pb && pa != pb)
				tk_diags_add(d, TK_DIAG_WARNING, s->file, b->line,
					     "assessment schemes disagree on the pass mark: '%s' passes at %d%s, '%s' at %d%s",
					     a->id, pa, a->combine_pass ? " (combined score)" : " (each paper)",
					     b->id, pb, b->combine_pass ? " (combined score)" : " (each paper)");
			for (k = 0; k < b->npapers; k++) {
				const struct tk_paper_rule *q = &b->papers[k];
				int m;
				for (m = 0; m < a->npapers; m++) {
					const struct tk_paper_rule *p = &a->papers[m];
					if (p->kind == q->kind && p->level == q->level &&
					    p->min_duration && q->duration &&
					    q->duration < p->min_duration)
						tk_diags_add(d, TK_DIAG_WARNING, s->file, q->line,
							     "assessment '%s': %d minutes for the %s %s paper is below the minimum %d of '%s'",
							     b->id, q->duration, level_name(s, q->level),
							     tk_kind_name(q->kind), p->min_duration, a->id);
				}
			}
		}
	}
}

void tk_lint_appraisal(const struct tk_standard *s, const struct tk_appraisal *a,
		       struct tk_diags *d)
{
	char got[16];
	int i, j, sum = tk_appraisal_sum(a);

	if (sum != a->points * 10)
		tk_diags_add(d, TK_DIAG_ERROR, s->file, a->rubric_line,
			     "appraisal '%s': the criteria add up to %s points, not the %d of the appraisal",
			     a->id, tk_points_format(sum, got), a->points);
	if (a->pass > a->points)
		tk_diags_add(d, TK_DIAG_ERROR, s->file, a->line,
			     "appraisal '%s': the pass mark %d is above its %d points", a->id,
			     a->pass, a->points);
	for (i = 0; i < a->ncriteria; i++) {
		const struct tk_appraisal_criterion *c = &a->criteria[i];
		for (j = 0; j < i; j++)
			if (!strcmp(a->criteria[j].name, c->name))
				break;
		if (j < i)
			tk_diags_add(d, TK_DIAG_ERROR, s->file, c->line,
				     "appraisal '%s': criterion '%s' is named twice (also line %d)",
				     a->id, c->name, a->criteria[j].line);
		if (c->points == 0)
			tk_diags_add(d, TK_DIAG_WARNING, s->file, c->line,
				     "appraisal '%s': criterion '%s' carries no points", a->id, c->name);
	}
	if (a->panel_odd && a->panel_min % 2 == 0)
		tk_diags_add(d, TK_DIAG_WARNING, s->file, a->panel_line,
			     "appraisal '%s': an odd panel of at least %d members has at least %d",
			     a->id, a->panel_min, a->panel_min + 1);
}

void tk_lint_standard(const struct tk_standard *s, struct tk_diags *d)
{
	int k, l, i;

	for (k = 0; k < 2; k++)
		if (s->weights[k].present)
			lint_weights(s, k, d);
	if (!s->weights[TK_THEORY].present && !s->weights[TK_SKILL].present)
		tk_diags_add(d, TK_DIAG_WARNING, s->file, 0,
			     "standard '%s' has no weight table (权重表): coverage and assembly cannot follow one",
			     s->id);
	for (l = 0; l < s->nlevels; l++) {
		int has = 0;
		for (i = 0; i < s->nreqs; i++)
			has |= s->reqs[i].level == l;
		if (!has && s->nreqs > 0)
			tk_diags_add(d, TK_DIAG_WARNING, s->file, s->levels[l].line,
				     "level %s has no work requirements", s->levels[l].name);
	}
	if (s->nreqs == 0)
		tk_diags_add(d, TK_DIAG_WARNING, s->file, 0,
			     "standard '%s' has no coded requirements: items cannot be tagged to it",
			     s->id);
	lint_codes(s, d);
	lint_assessment(s, d);
	for (i = 0; i < s->nappraisals; i++) {
		const struct tk_appraisal *a = &s->appraisals[i];
		const struct tk_appraisal *first = tk_standard_appraisal(s, a->id);
		if (first != a)
			tk_diags_add(d, TK_DIAG_ERROR, s->file, a->line,
				     "appraisal id '%s' is used twice (also line %d)", a->id,
				     first->line);
		tk_lint_appraisal(s, a, d);
	}
	for (i = 0; i < s->nbatches; i++)
		if (strcmp(s->batches[i].end, s->batches[i].start) < 0)
			tk_diags_add(d, TK_DIAG_ERROR, s->file, s->batches[i].line,
				     "batch '%s' ends before it starts", s->batches[i].id);
}

/* ---- one item ------------------------------------------------------ */

#define IERR(...) item_diag(d, TK_DIAG_ERROR, it, __VA_ARGS__)
#define IWARN(...) item_diag(d, TK_DIAG_WARNING, it, __VA_ARGS__)

static void item_diag(struct tk_diags *d, int sev, const struct tk_item *it,
		      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void item_diag(struct tk_diags *d, int sev, const struct tk_item *it,
		      const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	fmt = _(fmt);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	tk_diags_add(d, sev, it->file, it->line, "item '%s': %s",
		     it->id ? it->id : "?", msg);
}

static int option_index(const struct tk_item *it, char key)
{
	int i;

	for (i = 0; i < it->noptions; i++)
		if (it->options[i].key == key)
			return i;
	return -1;
}

static void lint_choice(const struct tk_item *it, struct tk_diags *d)
{
	const char *a = it->answer ? it->answer : "";
	int i, j, n = (int)strlen(a);
	char *ans = tk_answer_choice(a);

	if (it->noptions < 2)
		IERR("a %s-choice item needs at least 2 options, it has %d",
		     it->type == TK_SINGLE ? "single" : "multiple", it->noptions);
	char *texts[26] = {0};

	for (i = 0; i < it->noptions && i < 26; i++)
		texts[i] = tk_fragment_text(it->options[i].text);
	for (i = 0; i < it->noptions && i < 26; i++) {
		const char *ti = texts[i];
		if (it->options[i].key != 'A' + i)
			IERR("option %c is out of order: options are lettered A, B, C, ... without gaps",
			     it->options[i].key);
		if (ti == NULL || ti[0] == '\0')
			IERR("option %c is empty", it->options[i].key);
		for (j = 0; ti && ti[0] && j < i; j++)
			if (texts[j] && !strcmp(ti, texts[j]))
				IERR("options %c and %c are the same", it->options[j].key,
				     it->options[i].key);
		if (ti && (strstr(ti, "以上都对") || strstr(ti, "以上都不对") ||
			   strstr(ti, "以上均正确")))
			IWARN("option %c is '%s': such options reward guessing", it->options[i].key, ti);
	}
	for (i = 0; i < 26; i++)
		free(texts[i]);
	if (it->noptions > 26)
		IERR("%d options: at most 26 (A to Z)", it->noptions);
	if (ans == NULL) {
		IERR("answer '%s' is not a set of option letters", a);
		return;
	}
	n = (int)strlen(ans);
	for (i = 0; i < n; i++)
		if (option_index(it, ans[i]) < 0)
			IERR("answer '%c' names no option (options %c–%c)", ans[i], 'A',
			     it->noptions ? 'A' + it->noptions - 1 : 'A');
	if (it->type == TK_SINGLE && n != 1)
		IERR("single-choice item has %d correct options (answer '%s')", n, ans);
	if (it->type == TK_MULTIPLE && n < 2)
		IERR("multiple-choice item has %d correct option; it needs at least 2", n);
	if (it->type == TK_MULTIPLE && n == it->noptions && n > 0)
		IWARN("every option of this multiple-choice item is correct");
	free(ans);
}

/*
 * Does Chinese text s hold ASCII quotes?  Papers print them turned, but
 * the source should say which quote opens and which closes.  An
 * apostrophe between two letters (it's) is no quote.
 */
static int straight_quotes(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	int cjk = 0, quote = 0;
	size_t i;

	for (i = 0; u[i]; i++) {
		if (u[i] >= 0xE3 && u[i] <= 0xE9 && !(u[i] == 0xE3 && u[i + 1] == 0x80))
			cjk = 1;   /* Han or kana, not only CJK punctuation */
		else if (u[i] == '"')
			quote = 1;
		else if (u[i] == '\'' && !(i > 0 && isalnum(u[i - 1]) && isalnum(u[i + 1])))
			quote = 1;
	}
	return cjk && quote;
}

static int count_blanks(const char *f)
{
	int n = 0;

	while (f && (f = strstr(f, "<blank>")) != NULL) {
		n++;
		f += 7;
	}
	return n;
}

void tk_lint_item(const struct tk_standard *s, const struct tk_item *it,
		  struct tk_diags *d)
{
	int level = -1, i, area = -2;
	char *stem;

	if (it->id == NULL || it->id[0] == '\0')
		IERR("no id");
	if (s && it->standard && strcmp(it->standard, s->id))
		IERR("belongs to standard '%s', not '%s'", it->standard, s->id);
	if (it->type < 0)
		IERR("unknown type");
	if (it->kind < 0)
		IERR("unknown paper kind (theory or skill)");
	if (it->status < 0)
		IERR("unknown status (draft, review, approved or retired)");
	if (it->points <= 0)
		IERR("points must be positive");
	if (it->difficulty < 1 || it->difficulty > 5)
		IERR("difficulty %d is not between 1 and 5", it->difficulty);
	if (s) {
		level = tk_standard_level(s, it->level);
		if (level < 0)
			IERR("unknown level '%s'", it->level ? it->level : "");
	}
	/* an untagged item is a draft the tagging help (suggest) works on: it
	   may be stored, searched and edited, never reviewed or drawn */
	if (it->ncodes == 0 && (it->status == TK_DRAFT || it->status == TK_RETIRED))
		IWARN("untagged: no requirement code yet; it stays a draft until tagged "
		      "(tiku suggest %s)", it->id ? it->id : "?");
	else if (it->ncodes == 0 && it->status >= 0)
		IERR("no requirement code: an untagged item can only be a draft, not %s "
		     "(tag it first: tiku suggest %s)", tk_status_name(it->status),
		     it->id ? it->id : "?");
	for (i = 0; s && level >= 0 && it->kind >= 0 && i < it->ncodes; i++) {
		const struct tk_req *r = tk_standard_find(s, level, it->kind, it->codes[i]);
		int a;
		if (r == NULL) {
			if (it->codes[i][0] == 'B' && it->kind == TK_SKILL)
				IERR("code %s: basics are assessed by theory papers, not skill papers",
				     it->codes[i]);
			else
				IERR("code %s does not exist at %s among the %s codes",
				     it->codes[i], s->levels[level].name,
				     it->kind == TK_SKILL ? "skill (技能要求)" :
				     "knowledge (相关知识要求) and basics (B...)");
			continue;
		}
		a = tk_standard_area(s, it->kind, level, r);
		if (area == -2)
			area = a;
		else if (a != area && a >= 0 && area >= 0)
			IWARN("codes %s and %s fall in different weight-table areas; the first decides",
			      it->codes[0], it->codes[i]);
	}
	stem = tk_fragment_text(it->stem);
	if (stem == NULL || stem[0] == '\0')
		IERR("empty stem");
	else if (straight_quotes(stem))
		IWARN("the stem has straight quotes (\" or ') in Chinese text: write “” or ‘’");
	free(stem);
	switch (it->type) {
	case TK_SINGLE:
	case TK_MULTIPLE:
		lint_choice(it, d);
		break;
	case TK_TRUEFALSE:
		if (it->noptions)
			IERR("a true/false item has no options");
		if (it->answer == NULL || (strcmp(it->answer, "true") && strcmp(it->answer, "false")))
			IERR("true/false answer must be true or false, not '%s'",
			     it->answer ? it->answer : "");
		break;
	case TK_FILL: {
		int blanks = count_blanks(it->answer), gaps = tk_fragment_gaps(it->stem);
		if (blanks == 0)
			IERR("a fill item needs one <blank> answer per gap");
		else if (gaps && gaps != blanks)
			IERR("the stem has %d gaps but the answer %d blanks", gaps, blanks);
		break;
	}
	default:
		if (it->answer == NULL || it->answer[0] == '\0')
			IWARN("no reference answer");
		if (it->nrubric == 0) {
			if (it->type == TK_SHORT)
				IWARN("no rubric: markers need one");
			else
				IERR("a %s item needs a rubric (criteria with points)",
				     tk_type_name(it->type));
		}
		break;
	}
	if (it->nrubric > 0) {
		int sum = 0;
		char a[16], b[16];
		for (i = 0; i < it->nrubric; i++)
			sum += it->rubric[i].points;
		if (sum != it->points)
			IERR("rubric criteria add up to %s points, the item is worth %s",
			     tk_points_format(sum, a), tk_points_format(it->points, b));
	}
	if (it->explanation == NULL || it->explanation[0] == '\0')
		IWARN("no explanation (解析)");
	for (i = 0; i < it->nenemies; i++)
		if (it->id && !strcmp(it->enemies[i], it->id))
			IERR("names itself as an enemy");
}

/* ---- across items -------------------------------------------------- */

/*
 * The text of fragment reduced to Han characters, letters and digits,
 * appended to b: as UTF-8, or (codepoints) as uint32_t code points.
 */
static void add_kept(struct tk_buf *b, const char *fragment, int codepoints)
{
	char *t = tk_fragment_text(fragment);
	const unsigned char *p = (const unsigned char *)(t ? t : "");
	size_t n = strlen((const char *)p), i = 0;

	while (i < n) {
		uint32_t cp;
		int k = tk_utf8_decode(p + i, n - i, &cp);
		if (k == 0) {
			i++;
			continue;
		}
		if (tk_is_han(cp) || (cp < 0x80 && ((cp | 32) - 'a' < 26 || cp - '0' < 10))) {
			if (codepoints)
				tk_buf_add(b, (const char *)&cp, sizeof cp);
			else
				tk_buf_add(b, (const char *)p + i, (size_t)k);
		}
		i += (size_t)k;
	}
	free(t);
}

/* Stem reduced to Han characters, letters and digits. */
static char *norm_stem(const struct tk_item *it)
{
	struct tk_buf b = TK_BUF_INIT;

	add_kept(&b, it->stem, 0);
	return tk_buf_detach(&b);
}

struct sig {
	size_t item;
	uint64_t key;
};

static int cmp_sig(const void *a, const void *b)
{
	const struct sig *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static uint64_t fnv(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Sorted, de-duplicated hashes of the character bigrams of s. */
static size_t shingles(const char *s, uint64_t **out)
{
	size_t n = strlen(s), i = 0, m = 0, k;
	uint64_t *v = malloc((n + 1) * sizeof *v);
	size_t starts[2] = {0, 0};
	int have = 0;

	*out = v;
	if (v == NULL)
		return 0;
	while (i < n) {
		uint32_t cp;
		int len = tk_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (len == 0)
			len = 1;
		if (have == 2) {
			starts[0] = starts[1];
			have = 1;
		}
		starts[have++] = i;
		if (have == 2)
			v[m++] = fnv(s + starts[0], i + (size_t)len - starts[0]);
		i += (size_t)len;
	}
	if (m == 0 && n > 0)
		v[m++] = fnv(s, n);
	qsort(v, m, sizeof *v, cmp_u64);
	for (i = k = 0; i < m; i++)
		if (k == 0 || v[k - 1] != v[i])
			v[k++] = v[i];
	return k;
}

static double jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t i = 0, j = 0, both = 0;

	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			both++;
			i++;
			j++;
		} else if (a[i] < b[j]) {
			i++;
		} else {
			j++;
		}
	}
	return na + nb - both ? (double)both / (double)(na + nb - both) : 1.0;
}

/*
 * Near-duplicates that differ by a word: the whole text (stem and
 * options, reduced as norm_stem reduces them) the same but for one run
 * of at most WORD characters on each side, the rest -- at least
 * MINSAME characters and two thirds of the longer text -- shared.
 * Jaccard similarity misses these when the text is short (a two-
 * character word in a ten-character stem changes a third of its
 * bigrams).  If a = P x S and b = P y S, then P or S is at least half of
 * what they share, so a and b are within a run sharing that prefix in
 * the texts sorted forwards, or that suffix sorted backwards: each text
 * is compared only with its neighbours while they share enough, at most
 * NEIGHBOURS of them -- no pair of the whole bank is looked at blindly.
 */
#define WORD 4
#define MINSAME 8
#define NEIGHBOURS 64

struct ntext {
	uint32_t *c;    /* characters */
	size_t n;
};


/* The item's stem (stem: as norm_stem reduced it) and options as
   characters; 0 when out of memory. */
static int ntext_make(const struct tk_item *it, const char *stem, struct ntext *t)
{
	struct tk_buf b = TK_BUF_INIT;
	const unsigned char *p = (const unsigned char *)(stem ? stem : "");
	size_t n = strlen((const char *)p), j = 0;
	int i;

	while (j < n) {
		uint32_t cp;
		int k = tk_utf8_decode(p + j, n - j, &cp);
		if (k == 0) {
			j++;
			continue;
		}
		tk_buf_add(&b, (const char *)&cp, sizeof cp);
		j += (size_t)k;
	}
	for (i = 0; i < it->noptions; i++)
		add_kept(&b, it->options[i].text, 1);
	if (b.oom) {
		tk_buf_free(&b);
		return 0;
	}
	t->n = b.len / sizeof *t->c;
	t->c = (uint32_t *)(void *)tk_buf_detach(&b);
	return t->c != NULL;
}

/* A text in a sort: its first three characters (from its end: last
   three) packed in key, so that most comparisons stop there. */
struct sorted {
	uint64_t key;
	const struct ntext *t;
	size_t item;
	int back;
};

static uint64_t sort_key(const struct ntext *t, int back)
{
	uint64_t k = 0;
	size_t i;

	/* characters are below 2^21; a missing one sorts first, as 0 */
	for (i = 0; i < 3; i++)
		k = (k << 21) | (i < t->n ? (uint64_t)(back ? t->c[t->n - 1 - i] : t->c[i]) + 1 : 0);
	return k;
}

/* Compare two texts forwards, or backwards (from their ends). */
static int cmp_sorted(const void *x, const void *y)
{
	const struct sorted *sa = x, *sb = y;
	const struct ntext *a = sa->t, *b = sb->t;
	size_t i, n = a->n < b->n ? a->n : b->n;
	int back = sa->back;

	if (sa->key != sb->key)
		return sa->key < sb->key ? -1 : 1;
	for (i = 3; i < n; i++) {
		uint32_t ca = back ? a->c[a->n - 1 - i] : a->c[i];
		uint32_t cb = back ? b->c[b->n - 1 - i] : b->c[i];
		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return (sa->item > sb->item) - (sa->item < sb->item);
}

/* Characters a and b share at the start (back: at the end). */
static size_t common(const struct ntext *a, const struct ntext *b, int back)
{
	size_t i, n = a->n < b->n ? a->n : b->n;

	for (i = 0; i < n; i++)
		if ((back ? a->c[a->n - 1 - i] : a->c[i]) != (back ? b->c[b->n - 1 - i] : b->c[i]))
			break;
	return i;
}

/* Do a and b differ by one word?  Then *p and *s are the shared prefix and suffix. */
static int by_a_word(const struct ntext *a, const struct ntext *b, size_t *p, size_t *s)
{
	size_t shorter = a->n < b->n ? a->n : b->n, longer = a->n + b->n - shorter;

	*p = common(a, b, 0);
	if (*p == shorter)
		*s = 0;         /* one the other's start: the rest is the word */
	else if ((*s = common(a, b, 1)) > shorter - *p)
		*s = shorter - *p;
	return a->n - *p - *s <= WORD && b->n - *p - *s <= WORD && a->n + b->n > 2 * (*p + *s) &&
	       *p + *s >= MINSAME && 3 * (*p + *s) >= 2 * longer;
}

/* Append code point c as UTF-8. */
static void put_utf8(struct tk_buf *b, uint32_t c)
{
	char u[4];
	size_t n;

	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	tk_buf_add(b, u, n);
}

/* Characters from..to of t, with one more on each side, as UTF-8 into b. */
static void put_chars(struct tk_buf *b, const struct ntext *t, size_t from, size_t to)
{
	size_t i;

	from = from > 0 ? from - 1 : 0;
	to = to + 1 < t->n ? to + 1 : t->n;
	for (i = from; i < to; i++)
		put_utf8(b, t->c[i]);
}

/* A pair found, item index x before y. */
struct pair {
	size_t x, y;
};

static int cmp_pair(const void *a, const void *b)
{
	const struct pair *p = a, *q = b;

	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return (p->y > q->y) - (p->y < q->y);
}

static int reported(const struct sig *seen, size_t nseen, size_t x, size_t y)
{
	uint64_t key = ((uint64_t)x << 32) | (uint64_t)y;
	size_t lo = 0, hi = nseen;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (seen[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nseen && seen[lo].key == key;
}

/*
 * Report the pairs of items that differ by a word, except those seen
 * (sorted by key: x << 32 | y, x < y) already reported as near-duplicate
 * stems.
 */
static void near_words(struct tk_item *const *items, char *const *norm, size_t n,
		       const struct sig *seen, size_t nseen, struct tk_diags *d)
{
	struct ntext *t = calloc(n ? n : 1, sizeof *t);
	struct sorted *order = malloc((n ? n : 1) * sizeof *order);
	struct pair *pairs = NULL;
	size_t npairs = 0, cap = 0, i, k;
	int back;

	if (t == NULL || order == NULL) {
		d->oom = 1;
		goto out;
	}
	for (i = 0; i < n; i++)
		if (!ntext_make(items[i], norm[i], &t[i])) {
			d->oom = 1;
			goto out;
		}
	for (back = 0; back < 2; back++) {
		for (i = 0; i < n; i++) {
			order[i].key = sort_key(&t[i], back);
			order[i].t = &t[i];
			order[i].item = i;
			order[i].back = back;
		}
		qsort(order, n, sizeof *order, cmp_sorted);
		for (i = 0; i < n; i++) {
			const struct ntext *a = order[i].t;
			/* b, of at most WORD characters less, shares half of
			   what they have in common at this end */
			size_t need = a->n > 2 * WORD + 1 ? (a->n - 2 * WORD + 1) / 2 : 1;
			size_t run = SIZE_MAX, p, s;
			if (need < MINSAME / 2)
				need = MINSAME / 2;
			for (k = i + 1; k < n && k <= i + NEIGHBOURS; k++) {
				size_t c = common(order[k - 1].t, order[k].t, back);
				const struct ntext *b = order[k].t;
				if (c < run)
					run = c;
				if (run < need)
					break;
				if (!by_a_word(a, b, &p, &s))
					continue;
				if (npairs == cap) {
					struct pair *v = realloc(pairs, (cap = cap ? 2 * cap : 64) * sizeof *v);
					if (v == NULL) {
						d->oom = 1;
						goto out;
					}
					pairs = v;
				}
				pairs[npairs].x = order[i].item < order[k].item ? order[i].item : order[k].item;
				pairs[npairs++].y = order[i].item < order[k].item ? order[k].item : order[i].item;
			}
		}
	}
	/* found from both ends: each pair once, in the order of the items */
	if (npairs)
		qsort(pairs, npairs, sizeof *pairs, cmp_pair);
	for (k = 0; k < npairs; k++) {
		const struct tk_item *a = items[pairs[k].x], *it = items[pairs[k].y];
		const struct ntext *ta = &t[pairs[k].x], *ty = &t[pairs[k].y];
		struct tk_buf here = TK_BUF_INIT, there = TK_BUF_INIT;
		size_t p, s;
		/* once; and not again when said already: near-duplicate
		   stems, or the same stem (the options differ) */
		if ((k && pairs[k].x == pairs[k - 1].x && pairs[k].y == pairs[k - 1].y) ||
		    reported(seen, nseen, pairs[k].x, pairs[k].y) ||
		    !strcmp(norm[pairs[k].x] ? norm[pairs[k].x] : "",
			    norm[pairs[k].y] ? norm[pairs[k].y] : ""))
			continue;
		by_a_word(ta, ty, &p, &s);
		put_chars(&here, ty, p, ty->n - s);
		put_chars(&there, ta, p, ta->n - s);
		if (a->level && it->level && strcmp(a->level, it->level))
			IWARN("near-duplicate: the text of item '%s' (%s:%d, level %s) but for one "
			      "word: “%s” here, “%s” there", a->id, a->file ? a->file : "?", a->line,
			      a->level, tk_buf_str(&here), tk_buf_str(&there));
		else
			IWARN("near-duplicate: the text of item '%s' (%s:%d) but for one word: "
			      "“%s” here, “%s” there", a->id, a->file ? a->file : "?", a->line,
			      tk_buf_str(&here), tk_buf_str(&there));
		tk_buf_free(&here);
		tk_buf_free(&there);
	}
out:
	for (i = 0; t && i < n; i++)
		free(t[i].c);
	free(t);
	free(order);
	free(pairs);
}

#define NHASH 32
#define BANDS 8
#define ROWS (NHASH / BANDS)
#define MAXGROUP 64   /* candidates per bucket looked at: bounds the work */

/*
 * Stems at a higher level that repeat one of a lower level: the same
 * MinHash signatures as near duplicates, banded in pairs of rows so that
 * pairs from half alike on are found, then the exact similarity decides.
 * Basics (B codes) are the same requirement at every level, so they are
 * left out.  lev[i] is item i's level in s, -1 when it takes no part.
 */
#define LBANDS 16
#define LROWS (NHASH / LBANDS)
/* two rows a band make big buckets in a big bank of like items: fewer of
   each looked at keeps the work linear (a pair shares other buckets too) */
#define LMAXGROUP 24

static void level_pairs(const struct tk_standard *s, struct tk_item *const *items,
			uint64_t **sh, const size_t *nsh, uint64_t (*mhs)[NHASH],
			const int *lev, struct sig *sigs, size_t ns, struct tk_diags *d)
{
	struct sig *seen = NULL;
	size_t i, j, k, nseen = 0, cap = 0;

	qsort(sigs, ns, sizeof *sigs, cmp_sig);
	for (i = 0; i < ns; i = j) {
		for (j = i + 1; j < ns && sigs[j].key == sigs[i].key; j++)
			;
		for (k = i; k < j && k < i + LMAXGROUP; k++) {
			size_t m;
			for (m = k + 1; m < j && m < i + LMAXGROUP; m++) {
				size_t x = sigs[k].item, y = sigs[m].item, t, hi, lo;
				uint64_t pair;
				double sim;
				int dup = 0, agree = 0, h;
				if (lev[x] == lev[y] || items[x]->kind != items[y]->kind ||
				    2 * nsh[x] < nsh[y] || 2 * nsh[y] < nsh[x])
					continue;   /* half alike needs half the size */
				/* the signatures estimate the similarity: the exact one
				   is worth computing only near the threshold */
				for (h = 0; h < NHASH; h++)
					agree += mhs[x][h] == mhs[y][h];
				if (agree * 10 < NHASH * 3)
					continue;
				hi = lev[x] > lev[y] ? x : y;
				lo = hi == x ? y : x;
				pair = ((uint64_t)hi << 32) | (uint64_t)lo;
				for (t = 0; t < nseen; t++)
					if (seen[t].key == pair) {
						dup = 1;
						break;
					}
				if (dup)
					continue;
				sim = jaccard(sh[x], nsh[x], sh[y], nsh[y]);
				if (sim < TK_BELOW_LEVEL || sim >= TK_NEAR_DUPLICATE)
					continue;   /* near duplicates are reported as such */
				if (nseen == cap) {
					struct sig *v2;
					cap = cap ? cap * 2 : 64;
					v2 = realloc(seen, cap * sizeof *v2);
					if (v2 == NULL) {
						d->oom = 1;
						free(seen);
						return;
					}
					seen = v2;
				}
				seen[nseen++].key = pair;
				{
					const struct tk_item *it = items[hi], *a = items[lo];
					IWARN("at %s it is %.0f%% like item '%s' of %s (%s:%d): "
					      "an item assesses its own level's requirement",
					      s->levels[lev[hi]].name, sim * 100, a->id,
					      s->levels[lev[lo]].name, a->file ? a->file : "?", a->line);
				}
			}
		}
	}
	free(seen);
}

void tk_lint_items_of(const struct tk_standard *s, struct tk_item *const *items, size_t n,
		      int what, struct tk_diags *d)
{
	char **norm = calloc(n ? n : 1, sizeof *norm);
	uint64_t **sh = calloc(n ? n : 1, sizeof *sh);
	size_t *nsh = calloc(n ? n : 1, sizeof *nsh);
	struct sig *ids = malloc((n ? n : 1) * sizeof *ids);
	struct sig *sigs = malloc((n ? n : 1) * BANDS * sizeof *sigs);
	/* the levels check keeps each item's signature, and bands of its own */
	int levels = (what & TK_LINT_LEVELS) && s;
	int *lev = levels ? calloc(n ? n : 1, sizeof *lev) : NULL;
	uint64_t (*mhs)[NHASH] = levels ? malloc((n ? n : 1) * sizeof *mhs) : NULL;
	struct sig *lsigs = levels ? malloc((n ? n : 1) * LBANDS * sizeof *lsigs) : NULL;
	size_t i, j, k, ns = 0, nl = 0;

	if (!norm || !sh || !nsh || !ids || !sigs || (levels && (!lev || !mhs || !lsigs))) {
		d->oom = 1;
		goto out;
	}
	/* duplicate ids and exact duplicate stems, by sorting hashes */
	for (i = 0; (what & TK_LINT_IDS) && i < n; i++) {
		ids[i].item = i;
		ids[i].key = items[i]->id ? fnv(items[i]->id, strlen(items[i]->id)) : 0;
	}
	if (what & TK_LINT_IDS)
		qsort(ids, n, sizeof *ids, cmp_sig);
	for (i = 1; (what & TK_LINT_IDS) && i < n; i++) {
		const struct tk_item *a = items[ids[i - 1].item], *it = items[ids[i].item];
		if (ids[i].key == ids[i - 1].key && a->id && it->id && !strcmp(a->id, it->id))
			IERR("the id is used twice (also at %s:%d)", a->file ? a->file : "?", a->line);
	}
	if (!(what & (TK_LINT_STEMS | TK_LINT_LEVELS)))
		goto enemies;
	for (i = 0; i < n; i++) {
		norm[i] = norm_stem(items[i]);
		ids[i].item = i;
		ids[i].key = norm[i] ? fnv(norm[i], strlen(norm[i])) : 0;
	}
	qsort(ids, n, sizeof *ids, cmp_sig);
	for (i = 1; (what & TK_LINT_STEMS) && i < n; i++) {
		const struct tk_item *a = items[ids[i - 1].item], *it = items[ids[i].item];
		if (ids[i].key != ids[i - 1].key || !norm[ids[i].item][0] ||
		    strcmp(norm[ids[i].item], norm[ids[i - 1].item]) ||
		    !strcmp(a->id, it->id))
			continue;
		/* on one paper (same level and kind) a repeat is an error; across
		   levels it is a question reused, worth a look */
		if (a->kind == it->kind && a->level && it->level && !strcmp(a->level, it->level))
			IERR("duplicate stem: the same as item '%s' (%s:%d)", a->id,
			     a->file ? a->file : "?", a->line);
		else
			IWARN("the same stem as item '%s' (%s:%d) of another level or kind",
			      a->id, a->file ? a->file : "?", a->line);
	}
	/* near duplicates: MinHash over bigrams, banded (LSH) to find
	   candidates, then the exact Jaccard similarity decides */
	for (i = 0; i < n; i++) {
		uint64_t own[NHASH], *mh = levels ? mhs[i] : own;
		int h, bnd;
		const struct tk_item *it = items[i];
		nsh[i] = norm[i] ? shingles(norm[i], &sh[i]) : 0;
		if (levels)
			lev[i] = -1;
		if (nsh[i] < 4)
			continue;   /* too short to call similar */
		for (h = 0; h < NHASH; h++) {
			mh[h] = UINT64_MAX;
			for (k = 0; k < nsh[i]; k++) {
				uint64_t v = mix(sh[i][k] ^ (0x9e3779b97f4a7c15ULL * (uint64_t)(h + 1)));
				if (v < mh[h])
					mh[h] = v;
			}
		}
		if (levels && nsh[i] >= 6 && it->level && it->ncodes > 0 &&
		    it->codes[0][0] != 'B' && it->status != TK_RETIRED &&
		    (lev[i] = tk_standard_level(s, it->level)) >= 0)
			for (bnd = 0; bnd < LBANDS; bnd++) {
				uint64_t key = (uint64_t)(bnd + 1) * 0x100000001b3ULL ^ (uint64_t)it->kind;
				int r;
				for (r = 0; r < LROWS; r++)
					key = mix(key ^ mh[bnd * LROWS + r]);
				lsigs[nl].item = i;
				lsigs[nl].key = key;
				nl++;
			}
		if (!(what & TK_LINT_STEMS))
			continue;
		for (bnd = 0; bnd < BANDS; bnd++) {
			uint64_t key = (uint64_t)bnd * 0x100000001b3ULL;
			int r;
			for (r = 0; r < ROWS; r++)
				key = mix(key ^ mh[bnd * ROWS + r]);
			sigs[ns].item = i;
			sigs[ns].key = key;
			ns++;
		}
	}
	qsort(sigs, ns, sizeof *sigs, cmp_sig);
	{
		/* pairs already reported, so that several bands report once */
		struct sig *seen = NULL;
		size_t nseen = 0, cap = 0;
		for (i = 0; i < ns; i = j) {
			for (j = i + 1; j < ns && sigs[j].key == sigs[i].key; j++)
				;
			for (k = i; k < j && k < i + MAXGROUP; k++) {
				size_t m;
				for (m = k + 1; m < j && m < i + MAXGROUP; m++) {
					size_t x = sigs[k].item, y = sigs[m].item, t;
					uint64_t pair;
					double sim;
					int dup = 0;
					if (x == y)
						continue;
					pair = ((uint64_t)x << 32) | (uint64_t)y;
					for (t = 0; t < nseen; t++)
						if (seen[t].key == pair) {
							dup = 1;
							break;
						}
					if (dup || !strcmp(norm[x], norm[y]))
						continue;
					sim = jaccard(sh[x], nsh[x], sh[y], nsh[y]);
					if (sim < TK_NEAR_DUPLICATE)
						continue;
					if (nseen == cap) {
						struct sig *v2;
						cap = cap ? cap * 2 : 64;
						v2 = realloc(seen, cap * sizeof *v2);
						if (v2 == NULL)
							break;
						seen = v2;
					}
					seen[nseen++].key = pair;
					{
						const struct tk_item *it = items[y], *a = items[x];
						IWARN("near-duplicate stem: %.0f%% like item '%s' (%s:%d)",
						      sim * 100, a->id, a->file ? a->file : "?", a->line);
					}
				}
			}
		}
		/* a pair reported as near-duplicate stems is not reported
		   again as differing by a word */
		if (nseen)
			qsort(seen, nseen, sizeof *seen, cmp_sig);
		near_words(items, norm, n, seen, nseen, d);
		free(seen);
	}
	if (levels)
		level_pairs(s, items, sh, nsh, mhs, lev, lsigs, nl, d);
enemies:
	if (what & TK_LINT_ENEMIES) {
		for (i = 0; i < n; i++) {
			ids[i].item = i;
			ids[i].key = fnv(items[i]->id, strlen(items[i]->id));
		}
		qsort(ids, n, sizeof *ids, cmp_sig);
		for (i = 0; i < n; i++) {
			const struct tk_item *it = items[i];
			int e;
			for (e = 0; e < it->nenemies; e++) {
				uint64_t key = fnv(it->enemies[e], strlen(it->enemies[e]));
				size_t lo = 0, hi = n;
				int found = 0;
				while (lo < hi) {
					size_t mid = (lo + hi) / 2;
					if (ids[mid].key < key)
						lo = mid + 1;
					else
						hi = mid;
				}
				for (; lo < n && ids[lo].key == key; lo++)
					if (!strcmp(items[ids[lo].item]->id, it->enemies[e]))
						found = 1;
				if (!found)
					IWARN("enemy '%s' names no item in the bank", it->enemies[e]);
			}
		}
	}
out:
	for (i = 0; norm && i < n; i++)
		free(norm[i]);
	for (i = 0; sh && i < n; i++)
		free(sh[i]);
	free(norm);
	free(sh);
	free(nsh);
	free(ids);
	free(sigs);
	free(lev);
	free(mhs);
	free(lsigs);
}

void tk_lint_items(struct tk_item *const *items, size_t n, int what,
		   struct tk_diags *d)
{
	tk_lint_items_of(NULL, items, n, what & ~TK_LINT_LEVELS, d);
}

/* ---- the words of an item ----------------------------------------- */

/* Han characters of text only: what copying is judged on. */
static char *han_only(const char *text)
{
	struct tk_buf b = TK_BUF_INIT;
	const unsigned char *p = (const unsigned char *)(text ? text : "");
	size_t n = strlen((const char *)p), i = 0;

	while (i < n) {
		uint32_t cp;
		int k = tk_utf8_decode(p + i, n - i, &cp);
		if (k == 0) {
			i++;
			continue;
		}
		if (tk_is_han(cp))
			tk_buf_add(&b, (const char *)p + i, (size_t)k);
		i += (size_t)k;
	}
	return tk_buf_detach(&b);
}

/*
 * Does text hold avoid other than inside an occurrence of prefer (a
 * preferred 坐席员 is no avoided 坐席)?
 */
static int holds_avoided(const char *text, const char *avoid, const char *prefer)
{
	size_t na = strlen(avoid), np = strlen(prefer);
	const char *p, *q;

	for (p = strstr(text, avoid); p; p = strstr(p + 1, avoid)) {
		int inside = 0;
		for (q = strstr(text, prefer); q && q <= p && !inside; q = strstr(q + 1, prefer))
			if (q + np >= p + na)
				inside = 1;
		if (!inside)
			return 1;
	}
	return 0;
}

/* Does a copied run of this many Han characters make a copy? */
#define COPY_RUN 10

void tk_lint_item_words(const struct tk_standard *s, const struct tk_glossary *g,
			const struct tk_item *it, struct tk_diags *d)
{
	char *stem = tk_fragment_text(it->stem);
	char *texts[32], where[32][24];
	int nt = 0, i, j, k, ncues;
	const char *const *cues = tk_glossary_cues(g, &ncues);

	/* a false statement that says 只要, 一律, 所有 ... is marked false by
	   candidates who know that such statements usually are */
	if (it->type == TK_TRUEFALSE && it->answer && !strcmp(it->answer, "false") && stem) {
		struct tk_buf found = TK_BUF_INIT;
		for (i = 0; i < ncues; i++)
			if (tk_glossary_find_cue(stem, cues[i]))
				tk_buf_printf(&found, "%s'%s'", found.len ? ", " : "", cues[i]);
		if (found.len) {
			char src[300];
			if (g && g->has_cues)
				snprintf(src, sizeof src, "%s:%d", g->file, g->cues_line);
			else
				snprintf(src, sizeof src, "%s", _("built-in, tiku help lint"));
			IWARN("a false statement with the cue word %s gives its answer away: "
			      "state what is wrong without it (cue words: %s)", tk_buf_str(&found), src);
		}
		tk_buf_free(&found);
	}
	/* every text of the item, for the bank's terms */
	texts[nt] = stem ? tk_strdup(stem) : NULL;
	snprintf(where[nt++], sizeof where[0], "%s", _("stem"));
	for (i = 0; i < it->noptions && nt < 26; i++) {
		texts[nt] = tk_fragment_text(it->options[i].text);
		snprintf(where[nt++], sizeof where[0], _("option %c"), it->options[i].key);
	}
	texts[nt] = tk_fragment_text(it->answer);
	snprintf(where[nt++], sizeof where[0], "%s", _("answer"));
	texts[nt] = tk_fragment_text(it->explanation);
	snprintf(where[nt++], sizeof where[0], "%s", _("explanation"));
	{
		struct tk_buf r = TK_BUF_INIT;
		for (i = 0; i < it->nrubric; i++) {
			tk_buf_puts(&r, it->rubric[i].text ? it->rubric[i].text : "");
			tk_buf_putc(&r, '\n');
		}
		texts[nt] = tk_buf_detach(&r);
		snprintf(where[nt++], sizeof where[0], "%s", _("rubric"));
	}
	for (i = 0; g && i < g->nterms; i++)
		for (j = 0; j < g->terms[i].navoid; j++)
			for (k = 0; k < nt; k++)
				if (texts[k] && holds_avoided(texts[k], g->terms[i].avoid[j],
							      g->terms[i].prefer)) {
					IWARN("'%s' (%s): the bank writes '%s' (%s:%d)",
					      g->terms[i].avoid[j], where[k], g->terms[i].prefer,
					      g->file, g->terms[i].line);
					break;
				}
	for (k = 0; k < nt; k++)
		free(texts[k]);
	/* a stem that quotes how the standard describes a level asks what the
	   standard says, which is no requirement of the item's code */
	if (s && stem) {
		struct tk_buf all = TK_BUF_INIT;
		char *h;
		tk_buf_puts(&all, stem);
		for (i = 0; i < it->noptions; i++) {
			char *o = tk_fragment_text(it->options[i].text);
			tk_buf_putc(&all, '\n');
			tk_buf_puts(&all, o ? o : "");
			free(o);
		}
		h = han_only(tk_buf_str(&all));
		tk_buf_free(&all);
		int done = 0, l;
		for (l = 0; h && l < s->nlevels && !done; l++) {
			char *sum = han_only(s->levels[l].summary);
			size_t len = sum ? strlen(sum) : 0, at;
			/* Han characters of the BMP are three bytes each */
			for (at = 0; sum && at + 3 * COPY_RUN <= len && !done; at += 3) {
				char run[3 * COPY_RUN + 1];
				memcpy(run, sum + at, 3 * COPY_RUN);
				run[3 * COPY_RUN] = '\0';
				if (strstr(h, run)) {
					IWARN("the item copies the standard's description of %s (\"%s…\"): "
					      "an item asks what its code requires, not what the standard says",
					      s->levels[l].name, run);
					done = 1;
				}
			}
			free(sum);
		}
		free(h);
	}
	free(stem);
}

/*
 * Two parallel skill forms that share no item need two items of every
 * skill code.  Only levels the bank writes skill items for: a bank of
 * theory items alone is not short of skill items.
 */
static void lint_skill_supply(const struct tk_standard *s, struct tk_item *const *items,
			      size_t n, struct tk_diags *d)
{
	int l, r, c;
	size_t i;

	for (l = 0; l < s->nlevels; l++) {
		int any = 0;
		for (i = 0; i < n && !any; i++)
			any = items[i]->kind == TK_SKILL && items[i]->level &&
			      !strcmp(items[i]->level, s->levels[l].id);
		for (r = 0; any && r < s->nreqs; r++) {
			const struct tk_req *q = &s->reqs[r];
			int count = 0;
			if (q->type != TK_REQ_SKILL || q->level != l)
				continue;
			for (i = 0; i < n; i++) {
				const struct tk_item *it = items[i];
				if (it->kind != TK_SKILL || it->status == TK_RETIRED || !it->level ||
				    strcmp(it->level, s->levels[l].id))
					continue;
				for (c = 0; c < it->ncodes; c++)
					if (!strcmp(it->codes[c], q->code)) {
						count++;
						break;
					}
			}
			if (count < TK_MIN_SKILL_ITEMS)
				tk_diags_add(d, TK_DIAG_WARNING, s->file, q->line,
					     "skill %s at %s is assessed by %d items; two skill forms "
					     "that share none need %d or more (tiku coverage --level %s "
					     "--kind skill)",
					     q->code, s->levels[l].name, count, TK_MIN_SKILL_ITEMS,
					     s->levels[l].name);
		}
	}
}

/* ---- a blueprint against the items it draws from ------------------- */

/* The decimal places a text asks for (保留两位小数: 2, 保留整数: 0), or -1. */
static int decimals_asked(const char *t, const char **at)
{
	static const struct { const char *w; int n; } words[] = {
		{"保留整数", 0}, {"保留一位小数", 1}, {"保留1位小数", 1}, {"保留两位小数", 2},
		{"保留二位小数", 2}, {"保留2位小数", 2}, {"保留三位小数", 3}, {"保留3位小数", 3},
		{"取整数", 0}
	};
	const char *best = NULL;
	int n = -1;
	size_t i;

	for (i = 0; t && i < sizeof words / sizeof words[0]; i++) {
		const char *p = strstr(t, words[i].w);
		if (p && (best == NULL || p < best)) {
			best = p;
			n = words[i].n;
		}
	}
	if (at)
		*at = best;
	return n;
}

/* Does a stem ask for a calculation? */
static int calculates(const char *t)
{
	return t && (strstr(t, "计算") || strstr(t, "公式") || strstr(t, "保留") ||
		     strstr(t, "÷") || strstr(t, "×"));
}

void tk_lint_blueprint(const struct tk_blueprint *bp, const struct tk_standard *s,
		       struct tk_item *const *items, size_t n, struct tk_diags *d)
{
	static const char *const places[] = {"整数", "一位小数", "两位小数", "三位小数"};
	int sec;
	size_t i;

	for (sec = 0; sec < bp->nsections; sec++) {
		const struct tk_section *x = &bp->sections[sec];
		const char *title = x->title ? x->title : "";
		int want = decimals_asked(x->instructions, NULL), got = -1;
		int calc = strstr(title, "计算") != NULL ||
			   (x->instructions && strstr(x->instructions, "计算过程"));
		const struct tk_item *first_dec = NULL, *first_calc = NULL;
		int ndec = 0, ncalc = 0;

		for (i = 0; i < n; i++) {
			const struct tk_item *it = items[i];
			char *stem;
			int g;
			if (it->type != x->type || it->kind != bp->kind || it->status == TK_RETIRED ||
			    !it->level || (s && bp->level_index >= 0 &&
					   strcmp(it->level, s->levels[bp->level_index].id)) ||
			    !(bp->statuses & (1 << it->status)))
				continue;
			stem = tk_fragment_text(it->stem);
			g = decimals_asked(stem, NULL);
			if (want >= 0 && g >= 0 && g != want && ndec++ == 0) {
				first_dec = it;
				got = g;
			}
			if (calc && !calculates(stem) && ncalc++ == 0)
				first_calc = it;
			free(stem);
		}
		/* one report per section and rule, naming the first item: the fix
		   is the section's wording, not each item */
		if (first_dec)
			tk_diags_add(d, TK_DIAG_WARNING, bp->file, x->line,
				     "section '%s' says to keep %s, item '%s' (%s:%d) asks for %s "
				     "(%d such items): a paper would tell candidates two things; "
				     "leave the rounding to the items",
				     title, places[want < 4 ? want : 3], first_dec->id,
				     first_dec->file ? first_dec->file : "?", first_dec->line,
				     places[got < 4 ? got : 3], ndec);
		if (first_calc)
			tk_diags_add(d, TK_DIAG_WARNING, bp->file, x->line,
				     "section '%s' speaks of calculation, but item '%s' (%s:%d) is "
				     "none (%d such items): title the section for every item it may draw",
				     title, first_calc->id, first_calc->file ? first_calc->file : "?",
				     first_calc->line, ncalc);
	}
}

/* ---- a whole bank -------------------------------------------------- */

int tk_lint_load_glossary(struct tk_bank *b, const char *standard, struct tk_glossary **g,
			  struct tk_diags *d, struct tk_error *err)
{
	char *xml = NULL, *file = NULL;
	int rc;

	*g = NULL;
	if ((rc = tk_bank_get_glossary(b, standard, &xml, &file, err)) != TK_OK || xml == NULL)
		goto out;
	/* it was read when it came in; a bank edited by hand may say otherwise */
	if (tk_glossary_parse(xml, strlen(xml), file ? file : "glossary", g, d, err) != TK_OK) {
		tk_diags_add(d, TK_DIAG_ERROR, err->file, err->line, "%s", err->msg);
		tk_error_clear(err);
		*g = NULL;
	}
out:
	free(xml);
	free(file);
	return rc;
}

#define load_glossary tk_lint_load_glossary

int tk_lint_bank(struct tk_bank *b, const char *only,
		 void (*extra)(void *ud, const struct tk_standard *s,
			       struct tk_item *const *items, size_t n, struct tk_diags *d),
		 void *ud, struct tk_diags *d, struct tk_error *err)
{
	char **ids = NULL;
	int n = 0, i, rc, seen = 0;
	struct tk_glossary *g = NULL;

	if ((rc = tk_bank_standards(b, &ids, &n, err)) != TK_OK)
		return rc;
	if (n == 0)
		tk_diags_add(d, TK_DIAG_WARNING, tk_bank_path(b), 0, "the bank holds no standard");
	for (i = 0; i < n && rc == TK_OK; i++) {
		struct tk_standard *s = NULL;
		struct tk_itemset set = {0};
		struct tk_query q;
		size_t k;

		if (only && strcmp(only, ids[i]))
			continue;
		seen = 1;
		if ((rc = tk_bank_get_standard(b, ids[i], &s, err)) != TK_OK)
			break;
		tk_lint_standard(s, d);
		memset(&q, 0, sizeof q);
		q.standard = ids[i];
		if ((rc = tk_bank_load_items(b, &q, &set, err)) == TK_OK &&
		    (rc = load_glossary(b, ids[i], &g, d, err)) == TK_OK) {
			for (k = 0; k < set.n; k++) {
				tk_lint_item(s, set.items[k], d);
				tk_lint_item_words(s, g, set.items[k], d);
			}
			tk_lint_items_of(s, set.items, set.n, TK_LINT_IDS | TK_LINT_STEMS |
					 TK_LINT_ENEMIES | TK_LINT_LEVELS, d);
			lint_skill_supply(s, set.items, set.n, d);
			if (extra)
				extra(ud, s, set.items, set.n, d);
		}
		tk_glossary_free(g);
		g = NULL;
		tk_itemset_free(&set);
		tk_standard_free(s);
	}
	if (rc == TK_OK && only && !seen && n > 0)
		rc = tk_error_set(err, TK_EUSAGE, tk_bank_path(b), 0, "no standard '%s' in the bank", only);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	return rc;
}
