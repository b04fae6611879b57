/*
 * papers.c -- papers: drawn to a blueprint (tiku assemble), checked by the
 * independent validator (tiku validate), and composed by hand, item by
 * item (tiku paper).
 */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assemble.h"
#include "blueprint.h"
#include "commands.h"
#include "compose.h"
#include "util.h"
#include "validate.h"

enum { K_FORM = CLI_K_OWN, K_AFTER, K_JSON, K_TITLE, K_ANSWERS, K_AVOID, K_AVOID_SINCE };

/* assemble --after: forms of one batch are few (A, B, C卷...) */
#define MAX_AFTER 32
/* assemble --avoid: a term's practice papers at most */
#define MAX_AVOID 64

/* ---- shared ------------------------------------------------------------ */

/* Read the papers at paths into out; *n counts those read (the caller
 * frees them, also after a failure, which is reported here). */
static int load_papers(char *const *paths, int npaths, struct tk_paper **out, int *n)
{
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	int rc = TK_OK;

	for (*n = 0; *n < npaths; (*n)++) {
		if ((rc = tk_paper_load(paths[*n], &out[*n], &d, &err)) != TK_OK) {
			/* a paper the schema refuses has its lines in d */
			tk_diags_print(&d, stderr);
			if (d.n == 0)
				cli_fail(&err);
			break;
		}
	}
	tk_diags_free(&d);
	return rc;
}

/* One row of the validator's report: check, name, want, got, verdict. */
static void print_vrow(const struct tk_vrow *r, int namew, int gotw, const char *bad)
{
	printf("  %-9s ", r->what);
	cli_print_cell(stdout, r->name, namew, 1);
	printf(" %s ", _("want"));
	cli_print_cell(stdout, r->want, 18, 1);
	printf(" %s ", _("got"));
	cli_print_cell(stdout, r->got, gotw, 1);
	printf(" %s\n", r->ok ? _("ok") : bad);
}

/* ---- assemble ---------------------------------------------------------- */

/* Load a blueprint and resolve it against its standard in b. */
static int load_blueprint(struct tk_bank *b, const char *path, struct tk_blueprint **bp,
			  struct tk_standard **s, struct tk_diags *d, struct tk_error *err)
{
	int rc;

	*s = NULL;
	if ((rc = tk_blueprint_load(path, bp, d, err)) != TK_OK)
		return rc;
	if ((rc = tk_bank_get_standard(b, (*bp)->standard, s, err)) != TK_OK)
		return rc;
	return tk_blueprint_resolve(*bp, *s, d, err);
}

/* --avoid-since DATE: a calendar date, else a usage error naming it. */
static int since_date(const struct cli_cmd *cmd, const char *s)
{
	if (tk_parse_date(s, NULL, NULL, NULL))
		return TK_OK;
	return cli_usage(cmd, _("--avoid-since '%s': a date is written YYYY-MM-DD (2026-12-07)"), s);
}

static int run_assemble(const struct cli_cmd *cmd, int argc, char **argv)
{
	char *after_paths[MAX_AFTER], *avoid_paths[MAX_AVOID];
	struct tk_paper *after[MAX_AFTER], *avoid[MAX_AVOID];
	struct tk_bank *b = NULL;
	struct tk_blueprint *bp = NULL;
	struct tk_standard *s = NULL;
	struct tk_paper *p = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_assemble_opts o;
	struct tk_buf out = TK_BUF_INIT;
	const char *path = NULL, *output = "-";
	long seed = -1;
	int c, rc, nafter = 0, nloaded = 0, navoid = 0, navoided = 0;

	memset(&o, 0, sizeof o);
	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case CLI_K_BLUEPRINT: path = optarg; break;
		case CLI_K_SEED:
			if (cli_long(cmd, "--seed", optarg, 0, LONG_MAX, &seed) < 0)
				return TK_EUSAGE;
			break;
		case 'o': output = optarg; break;
		case K_FORM: o.form = optarg; break;
		case K_AFTER:
			if (nafter == MAX_AFTER)
				return cli_usage(cmd, _("at most %d earlier forms (--after)"), MAX_AFTER);
			after_paths[nafter++] = optarg;
			break;
		case K_AVOID:
			if (navoid == MAX_AVOID)
				return cli_usage(cmd, _("at most %d papers to avoid (--avoid)"), MAX_AVOID);
			avoid_paths[navoid++] = optarg;
			break;
		case K_AVOID_SINCE:
			if ((rc = since_date(cmd, optarg)) != TK_OK)
				return rc;
			o.avoid_since = optarg;
			break;
		default: return CLI_RESULT(c);
		}
	}
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if (path == NULL)
		return cli_usage(cmd, "%s", _("--blueprint is required"));
	if (strcmp(output, "-") && (rc = cli_out_file(cmd, output, ".xml")) != TK_OK)
		return rc;
	if ((rc = load_papers(after_paths, nafter, after, &nloaded)) != TK_OK ||
	    (rc = load_papers(avoid_paths, navoid, avoid, &navoided)) != TK_OK)
		goto out;
	o.previous = after;
	o.nprevious = nloaded;
	o.avoid = avoid;
	o.navoid = navoided;
	if (seed < 0) {
		/* printed, so that the paper can be drawn again */
		o.seed = tk_assemble_seed();
		fprintf(stderr, "tiku %s: ", cmd->name);
		fprintf(stderr, _("seed %llu\n"), (unsigned long long)o.seed);
	} else {
		o.seed = (uint64_t)seed;
	}
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		goto out;
	if ((rc = load_blueprint(b, path, &bp, &s, &d, &err)) == TK_OK &&
	    (rc = tk_assemble(b, s, bp, &o, &p, &d, &err)) == TK_OK) {
		/* so that validate finds the blueprint again */
		p->blueprint_file = tk_strdup(path);
		tk_paper_xml(p, &out);
		if (out.oom)
			rc = tk_error_set(&err, TK_EINTERNAL, NULL, 0, "out of memory");
		else
			rc = tk_write_file(output, out.s, out.len, &err);
	}
	if (rc == TK_OK && strcmp(output, "-")) {
		fprintf(stderr, _("%s: paper %s, %d items, %d points, %d minutes\n"), output,
			p->id, tk_paper_count(p), p->points, p->duration);
	} else if (rc != TK_OK) {
		tk_diags_print(&d, stderr);
		if (rc != TK_FAIL || d.n == 0) {
			cli_fail(&err);
		} else {
			fprintf(stderr, "tiku %s: ", cmd->name);
			fprintf(stderr, _("%s; no paper written\n"), err.msg);
		}
	}
out:
	while (nloaded > 0)
		tk_paper_free(after[--nloaded]);
	while (navoided > 0)
		tk_paper_free(avoid[--navoided]);
	tk_buf_free(&out);
	tk_diags_free(&d);
	tk_paper_free(p);
	tk_blueprint_free(bp);
	tk_standard_free(s);
	cli_close_bank(b);
	return rc;
}

static const struct cli_opt assemble_opts[] = {
	CLI_OPT_BLUEPRINT, CLI_OPT_SEED,
	{"form", K_FORM, "A", N_("the form letter, for parallel forms")},
	{"after", K_AFTER, "PAPER", N_("an earlier form of the same batch (repeatable)")},
	{"avoid", K_AVOID, "PAPER",
	 N_("keep this paper's items out, e.g. last week's practice (repeatable)")},
	{"avoid-since", K_AVOID_SINCE, "DATE",
	 N_("keep out the items of every practice paper printed for DATE (YYYY-MM-DD) or later")},
	CLI_OPT_OUTPUT(N_("write the paper to this file (atomically), not standard output")),
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_assemble = {
	"assemble", run_assemble, N_("draw a paper that meets a blueprint"),
	"--blueprint FILE [--seed N] [--form A] [--after PAPER]... [-o paper.xml]\n"
	"--blueprint FILE [--seed N] [--avoid PAPER]... [--avoid-since DATE] [-o paper.xml]",
	N_("Draw a paper that meets every constraint of the blueprint: points per\n"
	   "weight-table area exactly as the standard's table says (or within the\n"
	   "blueprint's tolerance), counts and points per section, the difficulty\n"
	   "target, allowed statuses, no enemies together, no item twice, the\n"
	   "items' expected times within the duration (plus the blueprint's time\n"
	   "tolerance), the exposure rule.  The paper is a practice paper: it takes\n"
	   "no item of a committed official form unless the blueprint says\n"
	   "<practice official-items=\"allow\"/> (official forms come from tiku\n"
	   "batch).  The same bank, blueprint and seed give the same bytes; without\n"
	   "--seed one is drawn from the system and printed.  When the bank cannot\n"
	   "meet the blueprint, exits 1 naming what binds, and writes no paper.\n\n"
	   "With --after, the paper shares at most the blueprint's max-shared with\n"
	   "each earlier form and keeps its mean difficulty within the blueprint's\n"
	   "forms tolerance (0.1 unless <forms tolerance> says) of each one's.\n\n"
	   "A blueprint that says purpose=\"practice\" makes a practice paper of any\n"
	   "size: no minimum duration of the standard's applies, and each area's\n"
	   "share of the points is apportioned by the largest remainder in the\n"
	   "paper's unit (the points its sections' items come in): whole units\n"
	   "first, then one more to each area with the largest remainder, equal\n"
	   "remainders to the larger weight, then to the area first in the weight\n"
	   "table.  The paper states the targets it was drawn to; validate\n"
	   "recomputes them.  It prints with a class header (tiku render --class,\n"
	   "--date), and printing it logs its items as practice exposure.\n\n"
	   "--avoid PAPER keeps that paper's items out (last week's practice);\n"
	   "--avoid-since DATE keeps out the items of every practice paper printed\n"
	   "for DATE or later, from the bank's practice log (tiku show ID lists an\n"
	   "item's).  When too few items are left, the diagnosis counts the ones\n"
	   "kept out.\n"),
	assemble_opts, NULL, 0
};

/* ---- validate ---------------------------------------------------------- */

/* The report for programs: not translated. */
static void print_json(const struct tk_vreport *rep, int valid)
{
	int i;

	printf("{\"valid\": %s, \"rows\": [", valid ? "true" : "false");
	for (i = 0; i < rep->n; i++) {
		const struct tk_vrow *r = &rep->rows[i];
		printf("%s\n  {\"paper\": ", i ? "," : "");
		cli_json_str(stdout, r->paper);
		printf(", \"check\": ");
		cli_json_str(stdout, r->what);
		printf(", \"name\": ");
		cli_json_str(stdout, r->name);
		printf(", \"want\": ");
		cli_json_str(stdout, r->want);
		printf(", \"got\": ");
		cli_json_str(stdout, r->got);
		printf(", \"ok\": %s}", r->ok ? "true" : "false");
	}
	printf("\n], \"problems\": [");
	for (i = 0; i < (int)rep->problems.n; i++) {
		printf("%s\n  ", i ? "," : "");
		cli_json_str(stdout, rep->problems.v[i].msg);
	}
	printf("\n]}\n");
}

static void print_report(const struct tk_vreport *rep, int valid)
{
	const char *last = "";
	int i;

	for (i = 0; i < rep->n; i++) {
		const struct tk_vrow *r = &rep->rows[i];
		if (strcmp(last, r->paper))
			printf("%s%s\n", i ? "\n" : "", r->paper);
		last = r->paper;
		print_vrow(r, 34, 26, _("FAIL"));
	}
	if (rep->problems.n) {
		printf("\n");
		tk_diags_print(&rep->problems, stdout);
	}
	printf("\n");
	printf(valid ? dngettext(TK_DOMAIN, "valid: %d check failed\n",
				 "valid: %d checks failed\n", (unsigned long)rep->failures)
	       : dngettext(TK_DOMAIN, "INVALID: %d check failed\n",
			   "INVALID: %d checks failed\n", (unsigned long)rep->failures),
	       rep->failures);
}

/*
 * The answer key of the per-candidate paper at path: the file --key names,
 * else the one tiku batch papers writes beside it (NAME.key.csv); checked
 * into rep.  A paper without a key is not an error: the key may be sealed
 * apart.
 */
static int check_key(const struct tk_paper *p, const char *path, const char *key,
		     struct tk_vreport *rep)
{
	struct tk_buf name = TK_BUF_INIT;
	struct tk_error err = {0};
	char *data = NULL;
	size_t len, n = strlen(path);
	int rc = TK_OK;

	if (key == NULL) {
		if (n < 4 || strcmp(path + n - 4, ".xml"))
			return TK_OK;
		tk_buf_printf(&name, "%.*s.key.csv", (int)(n - 4), path);
		if (name.oom || access(tk_buf_str(&name), F_OK) != 0)
			goto out;
		key = tk_buf_str(&name);
	}
	if ((rc = tk_read_file(key, &data, &len, &err)) != TK_OK) {
		cli_fail(&err);
		goto out;
	}
	tk_validate_key(p, data, key, rep);
out:
	free(data);
	tk_buf_free(&name);
	return rc;
}

static int run_validate(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_standard *s = NULL;
	struct tk_blueprint *bp = NULL;
	struct tk_paper **papers = NULL;
	struct tk_vreport rep;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	const char *blueprint = NULL, *key = NULL;
	int c, rc = TK_OK, json = 0, n = 0, i;

	memset(&rep, 0, sizeof rep);
	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case K_JSON: json = 1; break;
		case CLI_K_BLUEPRINT: blueprint = optarg; break;
		case K_ANSWERS: key = optarg; break;
		default: return CLI_RESULT(c);
		}
	}
	if (optind >= argc)
		return cli_usage(cmd, "%s", _("no paper to validate"));
	if (key && argc - optind > 1)
		return cli_usage(cmd, "%s", _("--key goes with one paper"));
	papers = calloc((size_t)(argc - optind), sizeof *papers);
	if (papers == NULL)
		return TK_EINTERNAL;
	if ((rc = load_papers(argv + optind, argc - optind, papers, &n)) != TK_OK)
		goto out;
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		goto out;
	if ((rc = cli_standard(b, papers[0]->standard, &s)) != TK_OK)
		goto out;
	if (blueprint && (rc = tk_blueprint_load(blueprint, &bp, &d, &err)) == TK_OK)
		rc = tk_blueprint_resolve(bp, s, &d, &err);
	if (rc != TK_OK) {
		tk_diags_print(&d, stderr);
		rc = cli_fail(&err);
		goto out;
	}
	rc = tk_validate(b, s, bp, papers, n, &rep, &err);
	if (rc != TK_OK && rc != TK_FAIL) {
		rc = cli_fail(&err);
		goto out;
	}
	for (i = 0; i < n; i++)
		if (papers[i]->candidate &&
		    check_key(papers[i], argv[optind + i], key, &rep) != TK_OK) {
			rc = TK_EINPUT;
			goto out;
		}
	rc = rep.failures ? TK_FAIL : TK_OK;
	if (json)
		print_json(&rep, rc == TK_OK);
	else
		print_report(&rep, rc == TK_OK);
out:
	tk_vreport_free(&rep);
	tk_diags_free(&d);
	while (n > 0)
		tk_paper_free(papers[--n]);
	free(papers);
	tk_blueprint_free(bp);
	tk_standard_free(s);
	cli_close_bank(b);
	return rc;
}

static const struct cli_opt validate_opts[] = {
	{"json", K_JSON, NULL, N_("the report as JSON")},
	{"blueprint", CLI_K_BLUEPRINT, "FILE",
	 N_("check against this blueprint, not the one the paper's digest finds")},
	{"key", K_ANSWERS, "KEY.csv",
	 N_("the answer key of a per-candidate paper (default: NAME.key.csv beside it)")},
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_validate = {
	"validate", run_validate, N_("check papers against the bank, the standard and the blueprint"),
	"[--json] [--blueprint FILE] [--key KEY.csv] PAPER.xml...",
	N_("Recompute everything from the bank, the standard and the blueprint,\n"
	   "trusting nothing the paper says of itself.  The blueprint is the one\n"
	   "the paper records by digest: the file it was assembled from, or the\n"
	   "copy the bank keeps for a batch or a composed paper (--blueprint names\n"
	   "one).  Checked, each row naming its rule: counts and points per\n"
	   "section (section), points per weight-table area within the blueprint's\n"
	   "tolerance (area), the mean difficulty and its bands (difficulty), the\n"
	   "total, the duration against the blueprint and the standard's minimum,\n"
	   "the items' expected time against the duration (time), levels and kinds\n"
	   "(items), statuses (status), enemies, items on committed batches\n"
	   "against the exposure rule (exposure), each item's text against the\n"
	   "bank's version the paper names (edited) and items edited in the bank\n"
	   "since (changed; a warning only for a committed form), duplicates, a\n"
	   "per-candidate paper against its form (candidate) and its answer key\n"
	   "(key), and, for several papers, the items two forms share (overlap).\n"
	   "Prints a table; exits 0 when valid, 1 when not.\n"),
	validate_opts, NULL, 0
};

/* ---- paper: papers by hand --------------------------------------------- */

struct paper_opts {
	const char *blueprint, *title, *output;
	char *avoid[MAX_AVOID];         /* paper swap: papers whose items not to suggest */
	int navoid;
	const char *since;              /* paper swap: nor those printed since */
};

/*
 * Parse a paper subcommand: its options into o, then the paper's ID and
 * from min to max more arguments (max -1: any number), what naming the
 * first of those.  Like cli_no_options: *done set when the caller returns
 * the status at once; else the ID is argv[optind].
 */
static int paper_args(const struct cli_cmd *cmd, int argc, char **argv, int min, int max,
		      const char *what, struct paper_opts *o, int *done)
{
	int c, more;

	*done = 1;
	o->blueprint = o->title = o->since = NULL;
	o->output = "-";
	o->navoid = 0;
	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case CLI_K_BLUEPRINT: o->blueprint = optarg; break;
		case K_TITLE: o->title = optarg; break;
		case 'o': o->output = optarg; break;
		case K_AVOID:
			if (o->navoid == MAX_AVOID)
				return cli_usage(cmd, _("at most %d papers to avoid (--avoid)"), MAX_AVOID);
			o->avoid[o->navoid++] = optarg;
			break;
		case K_AVOID_SINCE:
			if ((c = since_date(cmd, optarg)) != TK_OK)
				return c;
			o->since = optarg;
			break;
		default: return CLI_RESULT(c);
		}
	}
	if (optind >= argc)
		return cli_usage(cmd, _("%s is missing"), "ID");
	more = argc - optind - 1;
	if (more < min)
		return cli_usage(cmd, _("%s is missing"), what);
	if (max >= 0 && more > max)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind + 1 + max]);
	*done = 0;
	return TK_OK;
}

/*
 * A practice paper's targets, as it states them: each weight-table area's
 * points, apportioned from its weight by the largest remainder (the
 * validator's area rows check them against the blueprint's own).
 */
static void print_targets(const struct tk_standard *s, const struct tk_paper *p)
{
	const struct tk_weights *w = &s->weights[tk_kind_parse(p->kind) == TK_SKILL ? TK_SKILL : TK_THEORY];
	char pts[16];
	int i, a;

	if (p->ntargets == 0)
		return;
	printf("%s", _("targets (practice, by the largest remainder):"));
	for (i = 0; i < p->ntargets; i++) {
		const char *name = p->targets[i].area;
		for (a = 0; a < w->nareas; a++)
			if (!strcmp(w->areas[a].id, p->targets[i].area))
				name = w->areas[a].name;
		printf("%s %s %s (%d%%)", i ? "," : "", name,
		       tk_points_format(p->targets[i].points, pts), p->targets[i].weight);
	}
	putchar('\n');
}

/* The validator's verdict on a composed paper, in a few lines: the areas
 * and what fails, or (full) every check and its details. */
static int verdict(struct tk_bank *b, const char *id, int full)
{
	struct tk_paper *p = NULL;
	struct tk_standard *s = NULL;
	struct tk_vreport rep;
	struct tk_error err = {0};
	int rc, i;

	memset(&rep, 0, sizeof rep);
	if ((rc = tk_compose_paper(b, id, &p, &err)) != TK_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	if ((rc = cli_standard(b, p->standard, &s)) != TK_OK)
		goto out;
	rc = tk_validate(b, s, NULL, &p, 1, &rep, &err);
	if (rc != TK_OK && rc != TK_FAIL) {
		rc = cli_fail(&err);
		goto out;
	}
	printf(_("paper %s: %d items, %d of %d points\n"), id, tk_paper_count(p),
	       tk_paper_points(p) / 10, p->points);
	print_targets(s, p);
	for (i = 0; i < rep.n; i++) {
		const struct tk_vrow *r = &rep.rows[i];
		if (full || !r->ok || !strcmp(r->what, "area"))
			print_vrow(r, 24, 24, "--");
	}
	if (full && rep.problems.n)
		tk_diags_print(&rep.problems, stdout);
	printf("%s\n", rc == TK_OK ? _("valid") : _("not valid yet"));
	/* an incomplete paper is the normal state of one being built */
	rc = TK_OK;
out:
	tk_vreport_free(&rep);
	tk_paper_free(p);
	tk_standard_free(s);
	return rc;
}

/* The end of a change to a paper: its failure, or the verdict after it. */
static int paper_changed(struct tk_bank *b, const char *id, int rc, const struct tk_error *err)
{
	rc = rc == TK_OK ? verdict(b, id, 0) : cli_fail(err);
	cli_close_bank(b);
	return rc;
}

static int run_paper_new(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct paper_opts o;
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	int done, rc = paper_args(cmd, argc, argv, 0, 0, NULL, &o, &done);

	if (done)
		return rc;
	if (o.blueprint == NULL)
		return cli_usage(cmd, "%s", _("--blueprint is required"));
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	rc = tk_compose_new(b, argv[optind], o.blueprint, o.title, &err);
	return paper_changed(b, argv[optind], rc, &err);
}

/* paper add and paper remove: the paper's ID, then its items. */
static int paper_items(const struct cli_cmd *cmd, int argc, char **argv,
		       int (*change)(struct tk_bank *, const char *, char *const *, int,
				     struct tk_error *))
{
	struct paper_opts o;
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	int done, rc = paper_args(cmd, argc, argv, 1, -1, "ITEM", &o, &done);

	if (done)
		return rc;
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	rc = change(b, argv[optind], argv + optind + 1, argc - optind - 1, &err);
	return paper_changed(b, argv[optind], rc, &err);
}

static int run_paper_add(const struct cli_cmd *cmd, int argc, char **argv)
{
	return paper_items(cmd, argc, argv, tk_compose_add);
}

static int run_paper_remove(const struct cli_cmd *cmd, int argc, char **argv)
{
	return paper_items(cmd, argc, argv, tk_compose_remove);
}

/* The items that can take old's place, one a line with the start of its
   stem; none of the papers o names to avoid, nor printed since o's date. */
static int print_suggestions(struct tk_bank *b, const char *id, const char *old,
			     const struct paper_opts *o)
{
	struct tk_error err = {0};
	struct tk_paper *avoid[MAX_AVOID];
	char **ids = NULL;
	int n = 0, i, rc, navoid = 0;

	if ((rc = load_papers(o->avoid, o->navoid, avoid, &navoid)) == TK_OK &&
	    (rc = tk_compose_suggest(b, id, old, avoid, navoid, o->since, &ids, &n, &err)) != TK_OK)
		rc = cli_fail(&err);
	while (navoid > 0)
		tk_paper_free(avoid[--navoid]);
	if (rc != TK_OK)
		return rc;
	printf(dngettext(TK_DOMAIN, "%d item can take the place of %s:\n",
			 "%d items can take the place of %s:\n", (unsigned long)n), n, old);
	for (i = 0; i < n; i++) {
		struct tk_item *it = NULL;
		if (tk_bank_get_item(b, ids[i], &it, &err) == TK_OK && it) {
			char *stem = tk_fragment_text(it->stem);
			printf("  %-24s ", it->id);
			printf(_("difficulty %d"), it->difficulty);
			printf("  ");
			cli_print_cell(stdout, stem ? stem : "", 50, 0);
			putchar('\n');
			free(stem);
		}
		tk_item_free(it);
	}
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	return TK_OK;
}

static int run_paper_swap(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct paper_opts o;
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	int done, rc = paper_args(cmd, argc, argv, 1, 2, "OLD", &o, &done);
	const char *id;

	if (done)
		return rc;
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	id = argv[optind];
	if (argc - optind == 2) {
		/* no replacement named: offer those that keep the paper valid */
		rc = print_suggestions(b, id, argv[optind + 1], &o);
		cli_close_bank(b);
		return rc;
	}
	if (o.navoid || o.since) {
		cli_close_bank(b);
		return cli_usage(cmd, "%s", _("--avoid and --avoid-since choose among the suggestions:"
					     " name no NEW"));
	}
	rc = tk_compose_swap(b, id, argv[optind + 1], argv[optind + 2], &err);
	return paper_changed(b, id, rc, &err);
}

static int run_paper_show(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct paper_opts o;
	struct tk_bank *b = NULL;
	int done, rc = paper_args(cmd, argc, argv, 0, 0, NULL, &o, &done);

	if (done)
		return rc;
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	rc = verdict(b, argv[optind], 1);
	cli_close_bank(b);
	return rc;
}

static int run_paper_export(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct paper_opts o;
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	struct tk_paper *p = NULL;
	struct tk_buf x = TK_BUF_INIT;
	int done, rc = paper_args(cmd, argc, argv, 0, 0, NULL, &o, &done);

	if (done)
		return rc;
	if (strcmp(o.output, "-") && (rc = cli_out_file(cmd, o.output, ".xml")) != TK_OK)
		return rc;
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if ((rc = tk_compose_paper(b, argv[optind], &p, &err)) == TK_OK) {
		tk_paper_xml(p, &x);
		rc = x.oom ? tk_error_set(&err, TK_EINTERNAL, NULL, 0, "out of memory") :
		     tk_write_file(o.output, x.s, x.len, &err);
	}
	if (rc != TK_OK)
		rc = cli_fail(&err);
	tk_buf_free(&x);
	tk_paper_free(p);
	cli_close_bank(b);
	return rc;
}

static int run_paper_delete(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct paper_opts o;
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	int done, rc = paper_args(cmd, argc, argv, 0, 0, NULL, &o, &done);

	if (done)
		return rc;
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if ((rc = tk_compose_delete(b, argv[optind], &err)) == TK_OK)
		printf(_("paper %s deleted\n"), argv[optind]);
	else
		rc = cli_fail(&err);
	cli_close_bank(b);
	return rc;
}

static const struct cli_opt paper_new_opts[] = {
	CLI_OPT_BLUEPRINT,
	{"title", K_TITLE, "TITLE", N_("the paper's title (default: the blueprint's)")},
	CLI_OPT_END
};

static const struct cli_opt paper_export_opts[] = {
	CLI_OPT_OUTPUT(N_("write the paper to this file (atomically), not standard output")),
	CLI_OPT_END
};

static const struct cli_cmd paper_new = {
	"paper new", run_paper_new, N_("a new, empty paper to a blueprint"),
	"ID --blueprint FILE [--title TITLE]",
	N_("Keep a new, empty paper in the bank, made to the blueprint, and print\n"
	   "what it lacks.  A command: tiku undo takes it back.\n"),
	paper_new_opts, NULL, 0
};

static const struct cli_cmd paper_add = {
	"paper add", run_paper_add, N_("add items to a paper"), "ID ITEM...",
	N_("Add the items to the paper, each to the section of its type, as one\n"
	   "command, and print the validator's verdict.  An item that does not\n"
	   "fit the blueprint (level, kind, status, type, points, an area of the\n"
	   "weight table), would overfill its section, its area's points or the\n"
	   "time, is an enemy of an item on the paper, breaks the exposure rule,\n"
	   "is on a committed official form (a composed paper is practice, unless\n"
	   "the blueprint allows official items) or is on the paper already is\n"
	   "refused, naming why, and the paper is unchanged.\n"),
	NULL, NULL, 0
};

static const struct cli_cmd paper_remove = {
	"paper remove", run_paper_remove, N_("remove items from a paper"), "ID ITEM...",
	N_("Remove the items from the paper, as one command, and print the\n"
	   "validator's verdict.\n"),
	NULL, NULL, 0
};

static const struct cli_opt paper_swap_opts[] = {
	{"avoid", K_AVOID, "PAPER",
	 N_("suggest none of this paper's items (repeatable), as tiku assemble --avoid")},
	{"avoid-since", K_AVOID_SINCE, "DATE",
	 N_("suggest no item of a practice paper printed for DATE (YYYY-MM-DD) or later")},
	CLI_OPT_END
};

static const struct cli_cmd paper_swap = {
	"paper swap", run_paper_swap, N_("put one item in another's place"),
	"ID OLD [NEW]\nID OLD [--avoid PAPER]... [--avoid-since DATE]",
	N_("Put NEW in OLD's place, as one command, and print the validator's\n"
	   "verdict.  Without NEW, list the items that can take OLD's place and\n"
	   "keep the paper valid: the same area, section and points, no enemy of\n"
	   "an item on the paper, and every rule paper add checks; --avoid and\n"
	   "--avoid-since leave out what learners saw, as tiku assemble does.\n"),
	paper_swap_opts, NULL, 0
};

static const struct cli_cmd paper_show = {
	"paper show", run_paper_show, N_("the validator's full verdict on a paper"), "ID",
	N_("Print every check of the validator on the paper, with its details.\n"),
	NULL, NULL, 0
};

static const struct cli_cmd paper_export = {
	"paper export", run_paper_export, N_("write a paper as paper XML"), "ID [-o paper.xml]",
	N_("Write the paper as paper XML, for tiku validate and printing.\n"),
	paper_export_opts, NULL, 0
};

static const struct cli_cmd paper_delete = {
	"paper delete", run_paper_delete, N_("remove a paper from the bank"), "ID",
	N_("Remove the paper from the bank, as one command: tiku undo brings it\n"
	   "back.\n"),
	NULL, NULL, 0
};

static const struct cli_cmd *const paper_subs[] = {
	&paper_new, &paper_add, &paper_remove, &paper_swap, &paper_show, &paper_export,
	&paper_delete, NULL
};

const struct cli_cmd cli_cmd_paper = {
	"paper", NULL, N_("compose a paper by hand, item by item"), NULL,
	N_("A paper kept in the bank, made to a blueprint, built by hand.  Every\n"
	   "change is a command (tiku undo takes it back) and ends with the\n"
	   "validator's verdict: points per weight-table area against the table,\n"
	   "and what is still missing.  An item that breaks a rule of the\n"
	   "blueprint (as paper add lists them) is refused.  swap without NEW lists\n"
	   "the items that can take OLD's place and keep the paper valid: the same\n"
	   "area, section and points, no enemy of an item on the paper.  export\n"
	   "writes the paper as paper XML, for tiku validate and printing.\n"),
	NULL, paper_subs, 0
};
