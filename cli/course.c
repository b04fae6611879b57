/*
 * course.c -- courses (课件): tiku course new, lint and show.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "commands.h"
#include "course.h"
#include "pack.h"
#include "practice.h"
#include "sign.h"

enum { K_HOURS = CLI_K_OWN, K_TOLERANCE, K_ERRORS };

/* Read the course in dir, printing every problem; 0 or the status. */
static int load_course(const char *dir, struct tk_course **c)
{
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	int rc = tk_course_load(dir, c, &d, &err);

	if (rc != TK_OK) {
		if (d.n) {
			tk_diags_sort(&d);
			tk_diags_print(&d, stderr);
		} else {
			cli_fail(&err);
		}
	}
	tk_diags_free(&d);
	return rc;
}

/*
 * The course folder a command names (its one argument), read, and the bank
 * and standard it follows; what is set is the caller's to free, also on
 * failure.
 */
static int open_course(const struct cli_cmd *cmd, int argc, char **argv,
		       struct tk_course **c, struct tk_bank **b, struct tk_standard **s)
{
	int rc;

	if (optind >= argc)
		return cli_usage(cmd, "%s", _("no course folder"));
	if (argc - optind > 1)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind + 1]);
	if ((rc = load_course(argv[optind], c)) != TK_OK ||
	    (rc = cli_open_bank(TK_BANK_READ, b)) != TK_OK)
		return rc;
	return cli_standard(*b, (*c)->standard, s);
}

/* ---- new --------------------------------------------------------------- */

static int run_new(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_error err = {0};
	struct tk_bank *b = NULL;
	struct tk_standard *s = NULL;
	struct tk_course *c = NULL;
	struct cli_outdir out;
	struct tk_buf *bodies = NULL;
	const char **texts = NULL;
	const char *sid = NULL, *level = NULL, *dir;
	char *parent = NULL, *slash, h[24];
	int k, rc, l, i, hours = 0, opened = 0;

	while ((k = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (k) {
		case CLI_K_STANDARD: sid = optarg; break;
		case CLI_K_LEVEL: level = optarg; break;
		case K_HOURS:
			hours = tk_course_hours_parse(optarg);
			if (hours <= 0 || hours % (TK_HOUR / 2))
				return cli_usage(cmd, _("--hours takes class hours in half hours "
							"(48, 40.5), not '%s'"), optarg);
			break;
		default: return CLI_RESULT(k);
		}
	}
	if (optind >= argc)
		return cli_usage(cmd, "%s", _("no folder for the course"));
	if (argc - optind > 1)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind + 1]);
	if (level == NULL)
		return cli_usage(cmd, "%s", _("--level is required"));
	dir = argv[optind];
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if ((rc = cli_standard(b, sid, &s)) != TK_OK)
		goto out;
	if ((l = cli_level(cmd, s, level)) < 0) {
		rc = TK_EUSAGE;
		goto out;
	}
	if (hours == 0 && s->levels[l].hours == 0) {
		rc = cli_usage(cmd, _("standard '%s' gives no class hours for %s: "
				      "give them with --hours N"), s->id, s->levels[l].name);
		goto out;
	}
	if ((rc = tk_course_scaffold(s, l, hours, dir, &c, &err)) != TK_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	bodies = calloc((size_t)c->nlessons + 1, sizeof *bodies);
	texts = calloc((size_t)c->nlessons + 1, sizeof *texts);
	if (bodies == NULL || texts == NULL) {
		tk_error_set(&err, TK_EINTERNAL, NULL, 0, "out of memory");
		rc = cli_fail(&err);
		goto out;
	}
	for (i = 0; i < c->nlessons; i++) {
		tk_course_scaffold_body(c, s, i, &bodies[i]);
		texts[i] = tk_buf_str(&bodies[i]);
		if (bodies[i].oom) {
			tk_error_set(&err, TK_EINTERNAL, NULL, 0, "out of memory");
			rc = cli_fail(&err);
			goto out;
		}
	}
	/* the folders above the course are made, and taken back on failure */
	parent = tk_strdup(c->dir);
	slash = parent ? strrchr(parent, '/') : NULL;
	if (slash && slash != parent) {
		*slash = '\0';
		if ((rc = cli_outdir_open(&out, parent)) != TK_OK) {
			cli_outdir_close(&out, 1);      /* it said why */
			goto out;
		}
		opened = 1;
	}
	rc = tk_course_write(c, texts, &err);
	if (opened)
		cli_outdir_close(&out, rc != TK_OK);
	if (rc != TK_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	printf(_("%s: %d modules, %d lessons, %s class hours for %s %s\n"), c->dir,
	       c->nmodules, c->nlessons,
	       tk_course_hours_format(hours ? hours : s->levels[l].hours * TK_HOUR, h),
	       s->title ? s->title : s->id, s->levels[l].name);
	printf(_("next: write the lessons (%s/lessons/), then 'tiku course lint %s'\n"),
	       c->dir, c->dir);
out:
	for (i = 0; bodies && c && i < c->nlessons; i++)
		tk_buf_free(&bodies[i]);
	free(bodies);
	free(texts);
	free(parent);
	tk_course_free(c);
	tk_standard_free(s);
	cli_close_bank(b);
	return rc;
}

static const struct cli_opt new_opts[] = {
	CLI_OPT_STANDARD, CLI_OPT_LEVEL,
	{"hours", K_HOURS, "N", N_("class hours in all (default: what the standard asks for the level)")},
	CLI_OPT_END
};

static const struct cli_cmd course_new = {
	"course new", run_new, N_("scaffold a course from the standard"),
	"DIR --level L [--standard ID] [--hours N]",
	N_("Write a new course into DIR (which must not exist, or be empty): a\n"
	   "module for the basics with a lesson per group, a module per function\n"
	   "of the level with a lesson per task, each lesson naming every code\n"
	   "below it and starting its body with the text of those requirements.\n"
	   "The class hours (学时) the standard asks for the level, or --hours,\n"
	   "are shared among the modules by the level's theory weight table (its\n"
	   "rows mapped to functions by what they cover), within a module by the\n"
	   "lessons' shares of that table, in half hours, and add up exactly.\n"
	   "The folder appears whole or not at all; then write the lessons and\n"
	   "check them with 'tiku course lint DIR'.\n"),
	new_opts, NULL, 0
};

/* ---- lint -------------------------------------------------------------- */

static int run_lint(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_bank *b = NULL;
	struct tk_standard *s = NULL;
	struct tk_course *c = NULL;
	long tolerance = 5;
	size_t i;
	int k, rc, errors_only = 0;

	while ((k = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (k) {
		case K_TOLERANCE:
			if (cli_long(cmd, "--tolerance", optarg, 0, 100, &tolerance) < 0)
				return TK_EUSAGE;
			break;
		case K_ERRORS: errors_only = 1; break;
		default: return CLI_RESULT(k);
		}
	}
	if ((rc = open_course(cmd, argc, argv, &c, &b, &s)) != TK_OK)
		goto out;
	if ((rc = tk_course_lint(c, s, b, (int)tolerance, &d, &err)) != TK_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	tk_diags_sort(&d);
	for (i = 0; i < d.n; i++)
		if (!errors_only || d.v[i].severity == TK_DIAG_ERROR) {
			struct tk_diags one = {&d.v[i], 1, 1, 0, 0, 0};
			tk_diags_print(&one, stdout);
		}
	printf(_("%zu errors, %zu warnings\n"), d.nerrors, d.nwarnings);
	rc = d.nerrors ? TK_FAIL : TK_OK;
out:
	tk_diags_free(&d);
	tk_course_free(c);
	tk_standard_free(s);
	cli_close_bank(b);
	return rc;
}

static const struct cli_opt lint_opts[] = {
	{"tolerance", K_TOLERANCE, "N",
	 N_("how far, in percentage points, an area's share of the hours may be "
	    "from its weight (default 5)")},
	{"errors-only", K_ERRORS, NULL, N_("print errors, not warnings")},
	CLI_OPT_END
};

static const struct cli_cmd course_lint = {
	"course lint", run_lint, N_("check a course against its standard and the bank"),
	"[options] DIR",
	N_("Check the course in DIR against the standard it follows (from the\n"
	   "bank) and the bank's items: every code of the level is taught by a\n"
	   "lesson or listed as a gap, and every code a lesson names exists at the\n"
	   "level; the class hours add up to what the standard asks, and each\n"
	   "area of the theory weight table gets its share within --tolerance\n"
	   "points; each lesson has a body inside the folder, not empty, whose\n"
	   "images exist, stay inside the folder and have alt text, and whose\n"
	   "links resolve; fixed practice items exist, are approved and are on no\n"
	   "committed official batch; draws find enough such items; test and exam\n"
	   "blueprints fit the level.\n\n"
	   "Prints 'file:line: error|warning: message' lines and a count; exits 1\n"
	   "when there is any error, 3 when course.xml itself is bad.\n"),
	lint_opts, NULL, 0
};

/* ---- show -------------------------------------------------------------- */

static void show_lessons(const struct tk_course *c)
{
	char h[24];
	int i;

	printf("\n");
	cli_print_right(stdout, "#", 3);
	printf("  ");
	cli_print_cell(stdout, _("lesson"), 10, 1);
	printf(" ");
	cli_print_cell(stdout, _("module"), 10, 1);
	cli_print_right(stdout, _("hours"), 6);
	printf("  %s\n", _("title"));
	for (i = 0; i < c->nlessons; i++) {
		const struct tk_course_lesson *l = &c->lessons[i];
		printf("%3d  ", i + 1);
		cli_print_cell(stdout, l->id, 10, 1);
		printf(" ");
		cli_print_cell(stdout, c->modules[l->module].id, 10, 1);
		cli_print_right(stdout, tk_course_hours_format(l->hours, h), 6);
		printf("  ");
		cli_print_cell(stdout, l->title, 40, 0);
		printf("\n");
	}
}

static void show_matrix(const struct tk_course *c, const struct tk_course_matrix *m)
{
	int i, j;

	printf("\n");
	cli_print_cell(stdout, _("code"), 8, 1);
	printf(" ");
	cli_print_cell(stdout, _("requirement"), 28, 1);
	for (j = 0; j < m->nlessons; j++)
		printf("%3d", j + 1);
	printf("\n");
	for (i = 0; i < m->ncodes; i++) {
		const struct tk_course_code *cc = &m->codes[i];
		const struct tk_req *r = cc->knowledge ? cc->knowledge : cc->skill ? cc->skill :
					 cc->basic;
		cli_print_cell(stdout, cc->code, 8, 1);
		printf(" ");
		cli_print_cell(stdout, r && r->text ? r->text : "", 28, 1);
		for (j = 0; j < m->nlessons; j++)
			printf("  %c", m->taught[i * m->nlessons + j] ? 'x' : '.');
		if (cc->nlessons == 0 && cc->gap >= 0) {
			printf("  %s ", _("gap:"));
			cli_print_cell(stdout, c->gaps[cc->gap].reason, 30, 0);
		} else if (cc->nlessons == 0) {
			printf("  %s", _("GAP: taught by no lesson"));
		}
		printf("\n");
	}
}

static void show_areas(const struct tk_standard *s, const struct tk_course_matrix *m)
{
	char buf[32];
	int i;

	printf("\n");
	if (m->nareas == 0) {
		printf(_("the standard has no theory weight table (权重表) for %s\n"),
		       s->levels[m->level].name);
		return;
	}
	cli_print_cell(stdout, _("area"), 20, 1);
	cli_print_right(stdout, _("weight"), 7);
	cli_print_right(stdout, _("hours"), 8);
	cli_print_right(stdout, _("share"), 8);
	printf("\n");
	for (i = 0; i < m->nareas; i++) {
		const struct tk_course_area *a = &m->areas[i];
		cli_print_cell(stdout, s->weights[TK_THEORY].areas[a->area].name, 20, 1);
		snprintf(buf, sizeof buf, "%d%%", a->weight);
		cli_print_right(stdout, buf, 7);
		snprintf(buf, sizeof buf, "%.1f", a->hours);
		cli_print_right(stdout, buf, 8);
		snprintf(buf, sizeof buf, "%.1f%%", m->total ? 100.0 * a->hours * TK_HOUR / m->total : 0.0);
		cli_print_right(stdout, buf, 8);
		printf("\n");
	}
	if (m->unmapped > 0) {
		cli_print_cell(stdout, _("(none)"), 20, 1);
		cli_print_right(stdout, "", 7);
		snprintf(buf, sizeof buf, "%.1f", m->unmapped);
		cli_print_right(stdout, buf, 8);
		snprintf(buf, sizeof buf, "%.1f%%", m->total ? 100.0 * m->unmapped * TK_HOUR / m->total : 0.0);
		cli_print_right(stdout, buf, 8);
		printf("\n");
	}
}

static int run_show(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_error err = {0};
	struct tk_bank *b = NULL;
	struct tk_standard *s = NULL;
	struct tk_course *c = NULL;
	struct tk_course_matrix *m = NULL;
	char h1[24], h2[24];
	int done, rc = cli_no_options(cmd, argc, argv, &done), i, taught = 0, gaps = 0;

	if (done)
		return rc;
	if ((rc = open_course(cmd, argc, argv, &c, &b, &s)) != TK_OK)
		goto out;
	if ((rc = tk_course_matrix(c, s, &m, &err)) != TK_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	printf("%s (%s): %s %s\n", c->title, c->id, s->title ? s->title : s->id,
	       s->levels[m->level].name);
	printf(_("%d lessons in %d modules, %s class hours"), c->nlessons, c->nmodules,
	       tk_course_hours_format(m->total, h1));
	if (m->required)
		printf(_(" (the standard asks for at least %s)"),
		       tk_course_hours_format(m->required, h2));
	printf("\n");
	show_lessons(c);
	show_matrix(c, m);
	show_areas(s, m);
	for (i = 0; i < m->ncodes; i++) {
		taught += m->codes[i].nlessons > 0;
		gaps += m->codes[i].nlessons == 0 && m->codes[i].gap >= 0;
	}
	printf("\n");
	printf(_("%d of %d codes taught, %d listed as gaps, %d taught by no lesson\n"),
	       taught, m->ncodes, gaps, m->ncodes - taught - gaps);
out:
	tk_course_matrix_free(m);
	tk_course_free(c);
	tk_standard_free(s);
	cli_close_bank(b);
	return rc;
}

static const struct cli_cmd course_show = {
	"course show", run_show, N_("the code x lesson matrix and the hours per area"), "DIR",
	N_("Show the course in DIR against its standard: its lessons with their\n"
	   "hours, the matrix of the level's codes against the lessons that teach\n"
	   "them (x), with the gaps, and the class hours each area of the theory\n"
	   "weight table (权重表) gets against its weight.  A lesson's hours are\n"
	   "shared equally among its codes.\n"),
	NULL, NULL, 0
};

/* ---- bundle ------------------------------------------------------------ */

static int run_bundle(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_error err = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_bank *b = NULL;
	struct tk_standard *s = NULL;
	struct tk_course *c = NULL;
	struct tk_practice *p = NULL;
	struct tk_seckey sk;
	struct tk_bundle_job job;
	const char *format = NULL, *out = NULL, *key = NULL, *pfile = NULL;
	struct tk_buf sig = TK_BUF_INIT;
	size_t size = 0;
	int k, rc, quiet = 0, nitems = 0;

	memset(&job, 0, sizeof job);
	while ((k = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (k) {
		case CLI_K_FORMAT: format = optarg; break;
		case 'o': out = optarg; break;
		case CLI_K_KEY: key = optarg; break;
		case CLI_K_PASSFILE: pfile = optarg; break;
		case CLI_K_IMAGES: job.images = optarg; break;
		case 'q': quiet = 1; break;
		default: return CLI_RESULT(k);
		}
	}
	if (format == NULL)
		return cli_usage(cmd, "%s", _("name the format with --format: html, scorm12, "
					      "scorm2004 or imscc"));
	if ((job.format = tk_bundle_format(format)) < 0)
		return cli_usage(cmd, _("no bundle format '%s' (html, scorm12, scorm2004, imscc)"),
				 format);
	if (out == NULL)
		return cli_usage(cmd, "%s", _("name the bundle with -o NAME.zip"));
	if ((rc = cli_out_file(cmd, out, ".zip")) != TK_OK)
		return rc;
	if ((rc = open_course(cmd, argc, argv, &c, &b, &s)) != TK_OK)
		goto out;
	if (key) {
		if ((rc = cli_read_secret(key, pfile, &sk, &err)) != TK_OK) {
			rc = cli_fail(&err);
			goto out;
		}
		job.sk = &sk;
	}
	if ((rc = tk_practice_resolve(c, s, b, &p, &d, &err)) != TK_OK) {
		if (d.n) {
			tk_diags_sort(&d);
			tk_diags_print(&d, stderr);
		} else {
			cli_fail(&err);
		}
		goto out;
	}
	{
		/* items' images the bank keeps (a Word import's) come from it */
		struct cli_images ci;
		cli_images_init(&ci, b);
		job.store = &ci.store;
		rc = tk_bundle_write(c, s, p, &job, out, &size, &err);
		job.store = NULL;
		cli_images_release(&ci);
	}
	if (rc != TK_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	for (k = 0; k < p->nlessons; k++)
		nitems += p->lessons[k].n;
	if (!quiet) {
		printf(P_("%s: %s bundle of %s, %d lesson, ", "%s: %s bundle of %s, %d lessons, ",
			  c->nlessons), out, format, c->id, c->nlessons);
		printf(P_("%d practice item, ", "%d practice items, ", nitems), nitems);
		printf(P_("%d test, ", "%d tests, ", p->ntests), p->ntests);
		printf(_("%zu bytes\n"), size);
		if (job.sk) {
			tk_pack_sig_path(out, &sig);
			printf(_("signed: %s\n"), tk_buf_str(&sig));
		}
	}
out:
	if (job.sk)
		tk_sign_wipe(&sk);
	tk_buf_free(&sig);
	tk_diags_free(&d);
	tk_practice_free(p);
	tk_course_free(c);
	tk_standard_free(s);
	cli_close_bank(b);
	return rc;
}

static const struct cli_opt bundle_opts[] = {
	{"format", CLI_K_FORMAT, "F", N_("html, scorm12, scorm2004 or imscc")},
	CLI_OPT_OUTPUT(N_("the bundle to write (NAME.zip)")),
	CLI_OPT_SECKEY, CLI_OPT_PASSFILE,
	{"images", CLI_K_IMAGES, "DIR", N_("where the items' images the bank does not keep are")},
	CLI_OPT_QUIET,
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_bundle = {
	"bundle", run_bundle, N_("a course as a zip for browsers and LMSs"),
	"COURSE --format F -o NAME.zip [--key NAME.key] [--images DIR]",
	N_("Write the course in folder COURSE as one zip that learners open without\n"
	   "tiku:\n"
	   "  html       an offline site: open index.html from a USB stick or a\n"
	   "             phone; practice marks itself, progress stays in the browser\n"
	   "  scorm12    the site as one SCORM 1.2 SCO, for Moodle, Blackboard,\n"
	   "             Canvas, 超星 and other LMSs\n"
	   "  scorm2004  the same for SCORM 2004 4th edition\n"
	   "  imscc      an IMS Common Cartridge 1.1: lessons as pages, practice,\n"
	   "             module tests and the mock exam as quizzes (QTI 1.2.1)\n"
	   "Practice is drawn from the bank's approved items and never from items\n"
	   "on committed official batches; the same course, bank and seeds give the\n"
	   "same bytes.  With --key the bundle carries a signed manifest and\n"
	   "NAME.zip.minisig is written beside it: check both with tiku verify, or\n"
	   "the zip with minisign -V.  Both files are written whole or not at all.\n"),
	bundle_opts, NULL, 0
};

static const struct cli_cmd *const course_subs[] = {&course_new, &course_lint, &course_show,
						    NULL};

const struct cli_cmd cli_cmd_course = {
	"course", NULL, N_("courses aligned to the standard: new, lint, show"), NULL,
	N_("A course (课件) is a folder: course.xml (modules, lessons with their\n"
	   "codes, class hours, body and practice) and a Markdown file per lesson,\n"
	   "with its images beside it.\n"), NULL, course_subs, 0
};
