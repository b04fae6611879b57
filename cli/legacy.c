/*
 * legacy.c -- commands not yet moved to their group file, as they were in
 * the old main.c.  Each is a weak definition: the group file's own
 * declaration replaces it.  Temporary; goes when the last group moves.
 */
#define bank_path cli_bank_path
#define user_name cli_user
#include "cli.h"
/*
 * main.c -- the tiku command line: a table of subcommands, each a
 * cmd_<name>() that parses its options, calls the core and turns the
 * result into output and an exit status.
 *
 * Exit status: 0 ok, 1 a check failed, 2 usage, 3 bad input, 4 internal.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <sys/stat.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "assemble.h"
#include "bank.h"
#include "batch.h"
#include "blueprint.h"
#include "command.h"
#include "compose.h"
#include "coverage.h"
#include "edit.h"
#include "importer.h"
#include "lint.h"
#include "lua_cli.h"
#include "lua_sandbox.h"
#include "pack.h"
#include "render.h"
#include "seal.h"
#include "sign.h"
#include "util.h"
#include "validate.h"
#include "xml.h"


struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
	const char *usage;
};

static const struct cmd *find_cmd(const char *name);

static int usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "tiku %s: ", cmd);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nsee 'tiku help %s'\n", cmd);
	return TK_EUSAGE;
}

static int fail(const struct tk_error *err)
{
	char buf[1600];

	fprintf(stderr, "tiku: %s\n", tk_error_format(err, buf, sizeof buf));
	return err->code ? err->code : TK_EINTERNAL;
}

static int print_help(const char *name)
{
	const struct cmd *c = find_cmd(name);

	if (c == NULL) {
		fprintf(stderr, "tiku: unknown command '%s'; see 'tiku help'\n", name);
		return TK_EUSAGE;
	}
	printf("%s", c->usage);
	return TK_OK;
}

/*
 * getopt_long with --help handled for every command.  Returns the option,
 * -1 at the end, or -2 after printing help (the caller returns 0) or -3
 * after a usage error (the caller returns 2).
 */
static int next_opt(const char *cmd, int argc, char **argv, const char *shortopts,
		    const struct option *longopts)
{
	int c = getopt_long(argc, argv, shortopts, longopts, NULL);

	if (c == 'h') {
		print_help(cmd);
		return -2;
	}
	if (c == '?') {
		fprintf(stderr, "see 'tiku help %s'\n", cmd);
		return -3;
	}
	return c;
}

#define OPT_RESULT(c) ((c) == -2 ? TK_OK : TK_EUSAGE)


static struct tk_lua_hooks *bank_hooks;    /* the open bank's own hook scripts */

/*
 * Open the bank, with the hook scripts it carries installed (sandboxed):
 * they see every change a command makes, whichever command it is.
 */
static int open_bank(int flags, struct tk_bank **b)
{
	struct tk_error err = {0};

	if (tk_bank_open(bank_path, flags, b, &err) != TK_OK)
		return fail(&err);
	tk_bank_set_user(*b, user_name);
	if (tk_lua_hooks_install(*b, &bank_hooks, &err) != TK_OK) {
		tk_bank_close(*b);
		*b = NULL;
		return fail(&err);
	}
	return TK_OK;
}

static void close_bank(struct tk_bank *b)
{
	tk_lua_hooks_free(bank_hooks);
	bank_hooks = NULL;
	tk_bank_close(b);
}

static int level_or_fail(const struct tk_standard *s, const char *ref,
			 const char *cmd)
{
	int l = tk_standard_level(s, ref);
	int i;

	if (l >= 0)
		return l;
	fprintf(stderr, "tiku %s: unknown level '%s'; %s has", cmd, ref ? ref : "", s->id);
	for (i = 0; i < s->nlevels; i++)
		fprintf(stderr, " %s (%s)", s->levels[i].name, s->levels[i].id);
	fprintf(stderr, "\n");
	return -1;
}

/* ---- import -------------------------------------------------------- */

/* Progress of big imports on a terminal; silent otherwise. */
static void show_progress(void *ud, const char *path, size_t done, size_t total)
{
	(void)ud;
	if (total < 5000)
		return;
	fprintf(stderr, "\r%s: stored %zu of %zu items", path, done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

static int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"partial", no_argument, 0, 'p'},
		{"format", required_argument, 0, 'f'},
		{"encoding", required_argument, 0, 'e'},
		{"standard", required_argument, 0, 's'},
		{"level", required_argument, 0, 'l'},
		{"kind", required_argument, 0, 'k'},
		{"status", required_argument, 0, 'S'},
		{"quiet", no_argument, 0, 'q'},
		{0, 0, 0, 0}
	};
	struct tk_import_opts o;
	struct tk_import_stats st;
	struct tk_diags diags = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_bank *b = NULL;
	int c, i, rc = TK_OK, quiet = 0;

	memset(&o, 0, sizeof o);
	memset(&st, 0, sizeof st);
	while ((c = next_opt("import", argc, argv, "hpqf:e:s:l:k:S:", opts)) != -1) {
		switch (c) {
		case 'p': o.partial = 1; break;
		case 'q': quiet = 1; break;
		case 'f': o.format = optarg; break;
		case 'e': o.def.encoding = optarg; break;
		case 's': o.def.standard = optarg; break;
		case 'l': o.def.level = optarg; break;
		case 'k': o.def.kind = optarg; break;
		case 'S': o.def.status = optarg; break;
		default: return OPT_RESULT(c);
		}
	}
	if (optind >= argc)
		return usage_error("import", "%s", "no file to import");
	if (!quiet && isatty(STDERR_FILENO))
		o.progress = show_progress;
	if (o.format && strcmp(o.format, "xml") && strcmp(o.format, "csv") &&
	    strcmp(o.format, "text"))
		return usage_error("import", "unknown format '%s' (xml, csv or text)", o.format);
	if (o.def.kind && tk_kind_parse(o.def.kind) < 0)
		return usage_error("import", "unknown kind '%s' (theory or skill)", o.def.kind);
	if (o.def.status && tk_status_parse(o.def.status) < 0)
		return usage_error("import", "unknown status '%s'", o.def.status);
	if ((rc = open_bank(TK_BANK_CREATE, &b)) != TK_OK)
		return rc;
	{
		struct tk_buf summary = TK_BUF_INIT;
		for (i = optind; i < argc && summary.len < 200; i++)
			tk_buf_printf(&summary, "%s%s", i > optind ? " " : "", argv[i]);
		rc = tk_bank_begin(b, "import", tk_buf_str(&summary), &err);
		tk_buf_free(&summary);
	}
	if (rc != TK_OK) {
		rc = fail(&err);
		goto out;
	}
	for (i = optind; i < argc; i++) {
		struct tk_import_stats one;
		memset(&one, 0, sizeof one);
		tk_error_clear(&err);
		c = tk_import_file(b, argv[i], &o, &one, &diags, &err);
		if (c != TK_OK && rc == TK_OK)
			rc = c;
		if (c == TK_EINTERNAL || c == TK_EUSAGE)
			break;
		if (!quiet && c == TK_OK) {
			if (one.standards_new + one.standards_changed + one.standards_same)
				printf("%s: standard %s\n", argv[i], one.standards_new ? "added" :
				       one.standards_changed ? "changed" : "unchanged");
			else
				printf("%s: %zu items: %zu added, %zu changed, %zu unchanged%s\n",
				       argv[i], one.items, one.added, one.changed, one.same,
				       one.rejected ? "" : "");
			if (one.rejected)
				printf("%s: %zu items rejected\n", argv[i], one.rejected);
		}
		st.items += one.items;
		st.rejected += one.rejected;
	}
	tk_diags_print(&diags, stderr);
	if (rc != TK_OK) {
		tk_bank_rollback(b);
		if (rc == TK_EINPUT)
			fprintf(stderr, "tiku import: nothing imported: %zu errors%s\n",
				diags.nerrors, o.partial ? "" :
				" (fix them, or use --partial to import the good items)");
		else if (err.msg[0])
			fail(&err);
		goto out;
	}
	if ((rc = tk_bank_commit(b, &err)) != TK_OK) {
		rc = fail(&err);
		goto out;
	}
	if (st.rejected && !quiet)
		fprintf(stderr, "tiku import: %zu items rejected, the others imported (--partial)\n",
			st.rejected);
out:
	tk_diags_free(&diags);
	close_bank(b);
	return rc;
}

/* ---- export -------------------------------------------------------- */

static int export_row(void *ud, const struct tk_row *row)
{
	tk_buf_puts(ud, row->xml);
	return 0;
}

static int cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"output", required_argument, 0, 'o'},
		{"standard", required_argument, 0, 's'},
		{"level", required_argument, 0, 'l'},
		{"kind", required_argument, 0, 'k'},
		{"type", required_argument, 0, 't'},
		{"status", required_argument, 0, 'S'},
		{"code", required_argument, 0, 'c'},
		{"include-retired", no_argument, 0, 'r'},
		{0, 0, 0, 0}
	};
	struct tk_query q;
	struct tk_error err = {0};
	struct tk_bank *b = NULL;
	struct tk_standard *s = NULL;
	struct tk_buf out = TK_BUF_INIT;
	const char *path = "-", *level = NULL;
	int c, rc;

	memset(&q, 0, sizeof q);
	while ((c = next_opt("export", argc, argv, "ho:s:l:k:t:S:c:r", opts)) != -1) {
		switch (c) {
		case 'o': path = optarg; break;
		case 's': q.standard = optarg; break;
		case 'l': level = optarg; break;
		case 'k': q.kind = optarg; break;
		case 't': q.type = optarg; break;
		case 'S': q.status = optarg; break;
		case 'c': q.code = optarg; break;
		case 'r': q.include_retired = 1; break;
		default: return OPT_RESULT(c);
		}
	}
	if (optind < argc)
		return usage_error("export", "unexpected argument '%s'", argv[optind]);
	if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if ((rc = tk_bank_get_standard(b, q.standard, &s, &err)) != TK_OK) {
		rc = fail(&err);
		goto out;
	}
	q.standard = s->id;
	if (level) {
		int l = level_or_fail(s, level, "export");
		if (l < 0) {
			rc = TK_EUSAGE;
			goto out;
		}
		q.level = s->levels[l].id;
	}
	tk_items_xml_begin(&out, s->id);
	if ((rc = tk_bank_query(b, &q, export_row, &out, &err)) != TK_OK) {
		rc = fail(&err);
		goto out;
	}
	tk_items_xml_end(&out);
	if (out.oom) {
		tk_error_set(&err, TK_EINTERNAL, NULL, 0, "out of memory");
		rc = fail(&err);
		goto out;
	}
	if ((rc = tk_write_file(path, out.s, out.len, &err)) != TK_OK)
		rc = fail(&err);
out:
	tk_buf_free(&out);
	tk_standard_free(s);
	close_bank(b);
	return rc;
}

/* ---- lint ---------------------------------------------------------- */

static int lint_file(const char *path, struct tk_bank *b, const char *sid,
		     struct tk_diags *d)
{
	char *data = NULL;
	size_t len;
	struct tk_error err = {0};
	struct tk_itemset set = {0};
	struct tk_standard *s = NULL;
	size_t i;
	int rc;

	if ((rc = tk_read_file(path, &data, &len, &err)) != TK_OK) {
		tk_diags_add(d, TK_DIAG_ERROR, path, 0, "%s", err.msg);
		return rc;
	}
	if (strstr(data, "<standard") && !strstr(data, "<items")) {
		rc = tk_standard_parse(data, len, path, &s, d, &err);
		if (rc == TK_OK)
			tk_lint_standard(s, d);
		goto out;
	}
	rc = tk_items_parse(data, len, path, &set, d, &err);
	if (rc != TK_OK)
		goto out;
	if (b == NULL) {
		tk_diags_add(d, TK_DIAG_ERROR, path, 0,
			     "no bank to check the items' codes against (import the standard first)");
		rc = TK_EINPUT;
		goto out;
	}
	if ((rc = tk_bank_get_standard(b, set.standard ? set.standard : sid, &s, &err)) != TK_OK) {
		tk_diags_add(d, TK_DIAG_ERROR, path, 0, "%s", err.msg);
		goto out;
	}
	for (i = 0; i < set.n; i++)
		tk_lint_item(s, set.items[i], d);
	tk_lint_items(set.items, set.n, TK_LINT_IDS | TK_LINT_STEMS, d);
out:
	tk_itemset_free(&set);
	tk_standard_free(s);
	free(data);
	return rc;
}

static int lint_bank(struct tk_bank *b, const char *only, struct tk_diags *d)
{
	struct tk_error err = {0};

	if (tk_lint_bank(b, only, tk_lua_house_rules, b, d, &err) != TK_OK)
		return fail(&err);
	return TK_OK;
}

static int cmd_lint(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"standard", required_argument, 0, 's'},
		{"errors-only", no_argument, 0, 'E'},
		{0, 0, 0, 0}
	};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	const char *sid = NULL;
	int c, i, rc = TK_OK, errors_only = 0;

	while ((c = next_opt("lint", argc, argv, "hs:E", opts)) != -1) {
		switch (c) {
		case 's': sid = optarg; break;
		case 'E': errors_only = 1; break;
		default: return OPT_RESULT(c);
		}
	}
	/* items files need the bank's standard; a lone standard file does not */
	if (access(bank_path, F_OK) == 0 &&
	    tk_bank_open(bank_path, TK_BANK_READ, &b, &err) != TK_OK)
		return fail(&err);
	if (optind == argc) {
		if (b == NULL) {
			tk_error_set(&err, TK_EINPUT, bank_path, 0,
				     "no bank here (import a standard first, or name one with --bank)");
			return fail(&err);
		}
		rc = lint_bank(b, sid, &d);
	}
	for (i = optind; i < argc; i++) {
		int r = lint_file(argv[i], b, sid, &d);
		if (r == TK_EINTERNAL)
			rc = r;
	}
	close_bank(b);
	if (rc != TK_OK && rc != TK_FAIL) {
		tk_diags_print(&d, stderr);
		tk_diags_free(&d);
		return rc;
	}
	tk_diags_sort(&d);
	if (errors_only) {
		size_t k;
		for (k = 0; k < d.n; k++)
			if (d.v[k].severity == TK_DIAG_ERROR) {
				struct tk_diags one = {&d.v[k], 1, 1, 1, 0, 0};
				tk_diags_print(&one, stdout);
			}
	} else {
		tk_diags_print(&d, stdout);
	}
	printf("%zu errors, %zu warnings\n", d.nerrors, d.nwarnings);
	rc = d.nerrors ? TK_FAIL : TK_OK;
	tk_diags_free(&d);
	return rc;
}

/* ---- search -------------------------------------------------------- */

/* Display width of a UTF-8 string: CJK and full-width forms take two columns. */
static int width_of(const char *s, size_t n)
{
	size_t i = 0;
	int w = 0;

	while (i < n) {
		uint32_t cp;
		int k = tk_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (k == 0) {
			i++;
			continue;
		}
		w += (cp >= 0x1100 && (tk_is_han(cp) || (cp >= 0x3000 && cp <= 0x30FF) ||
				       (cp >= 0xFF00 && cp <= 0xFF60) ||
				       (cp >= 0xAC00 && cp <= 0xD7A3))) ? 2 : 1;
		i += (size_t)k;
	}
	return w;
}

/* Print s cut to at most cols columns (with … when cut), then pad to cols. */
static void print_cell(const char *s, int cols, int pad)
{
	size_t i = 0, n = strlen(s);
	int w = 0;

	while (i < n) {
		uint32_t cp;
		int k = tk_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		int cw;
		if (k == 0)
			k = 1;
		cw = width_of(s + i, (size_t)k);
		if (cp == '\n' || cp == '\t') {
			if (w + 1 > cols)
				break;
			putchar(' ');
			w++;
			i += (size_t)k;
			continue;
		}
		if (w + cw > cols - (i + (size_t)k < n ? 1 : 0) && i + (size_t)k < n) {
			fputs("…", stdout);
			w++;
			i = n;
			break;
		}
		fwrite(s + i, 1, (size_t)k, stdout);
		w += cw;
		i += (size_t)k;
	}
	while (pad && w++ < cols)
		putchar(' ');
}

struct search_out {
	int count_only;
	long n;
};

static int search_row(void *ud, const struct tk_row *row)
{
	struct search_out *o = ud;

	o->n++;
	if (o->count_only)
		return 0;
	printf("%-24s %-12s %-6s %-9s %-8s ", row->id, row->level, row->kind, row->type,
	       row->status);
	print_cell(row->stem, 60, 0);
	putchar('\n');
	return 0;
}

static int cmd_search(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"standard", required_argument, 0, 's'},
		{"level", required_argument, 0, 'l'},
		{"kind", required_argument, 0, 'k'},
		{"type", required_argument, 0, 't'},
		{"status", required_argument, 0, 'S'},
		{"code", required_argument, 0, 'c'},
		{"limit", required_argument, 0, 'n'},
		{"count", no_argument, 0, 'C'},
		{0, 0, 0, 0}
	};
	struct tk_query q;
	struct tk_error err = {0};
	struct tk_bank *b = NULL;
	struct search_out o = {0, 0};
	struct tk_buf text = TK_BUF_INIT;
	const char *level = NULL;
	char level_id[128];
	int c, rc, i;

	memset(&q, 0, sizeof q);
	q.limit = 50;
	while ((c = next_opt("search", argc, argv, "hs:l:k:t:S:c:n:C", opts)) != -1) {
		switch (c) {
		case 's': q.standard = optarg; break;
		case 'l': level = optarg; break;
		case 'k': q.kind = optarg; break;
		case 't': q.type = optarg; break;
		case 'S': q.status = optarg; break;
		case 'c': q.code = optarg; break;
		case 'n': q.limit = atoi(optarg); break;
		case 'C': o.count_only = 1; break;
		default: return OPT_RESULT(c);
		}
	}
	if (q.kind && tk_kind_parse(q.kind) < 0)
		return usage_error("search", "unknown kind '%s' (theory or skill)", q.kind);
	if (q.kind)
		q.kind = tk_kind_name(tk_kind_parse(q.kind));
	if (q.type && tk_type_parse(q.type) < 0)
		return usage_error("search", "unknown type '%s'", q.type);
	if (q.type)
		q.type = tk_type_name(tk_type_parse(q.type));
	if (q.status && tk_status_parse(q.status) < 0)
		return usage_error("search", "unknown status '%s'", q.status);
	if (o.count_only)
		q.limit = 0;
	for (i = optind; i < argc; i++) {
		if (i > optind)
			tk_buf_putc(&text, ' ');
		tk_buf_puts(&text, argv[i]);
	}
	q.text = text.s;
	if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
		goto out;
	if (level) {
		struct tk_standard *s = NULL;
		int l;
		if ((rc = tk_bank_get_standard(b, q.standard, &s, &err)) != TK_OK) {
			rc = fail(&err);
			goto out;
		}
		l = level_or_fail(s, level, "search");
		if (l >= 0) {
			snprintf(level_id, sizeof level_id, "%s", s->levels[l].id);
			q.level = level_id;
		}
		tk_standard_free(s);
		if (l < 0) {
			rc = TK_EUSAGE;
			goto out;
		}
	}
	if (o.count_only) {
		if ((rc = tk_bank_count(b, &q, &o.n, &err)) != TK_OK)
			rc = fail(&err);
		else
			printf("%ld\n", o.n);
		goto out;
	}
	if ((rc = tk_bank_query(b, &q, search_row, &o, &err)) != TK_OK) {
		rc = fail(&err);
		goto out;
	}
	if (isatty(STDOUT_FILENO) || o.n == 0)
		fprintf(stderr, "%ld item%s%s\n", o.n, o.n == 1 ? "" : "s",
			q.limit && o.n == q.limit ? " (limit reached: --limit N for more)" : "");
out:
	tk_buf_free(&text);
	close_bank(b);
	return rc;
}

/* ---- coverage ------------------------------------------------------ */

static void print_counts(const struct tk_cov_count *n)
{
	int t, first = 1;

	for (t = 0; t < TK_NTYPES; t++)
		if (n->by_type[t]) {
			printf("%s%s %d", first ? "" : ", ", tk_type_name(t), n->by_type[t]);
			first = 0;
		}
	if (n->items && n->by_status[TK_APPROVED] != n->items) {
		printf("%s", first ? "" : "; ");
		first = 1;
		for (t = 0; t < TK_NSTATUS; t++)
			if (n->by_status[t]) {
				printf("%s%s %d", first ? "" : ", ", tk_status_name(t), n->by_status[t]);
				first = 0;
			}
	}
}

static int cmd_coverage(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"standard", required_argument, 0, 's'},
		{"level", required_argument, 0, 'l'},
		{"kind", required_argument, 0, 'k'},
		{"strict", no_argument, 0, 'x'},
		{"points", required_argument, 0, 'p'},
		{"status", required_argument, 0, 'S'},
		{"gaps", no_argument, 0, 'g'},
		{0, 0, 0, 0}
	};
	struct tk_error err = {0};
	struct tk_bank *b = NULL;
	struct tk_standard *s = NULL;
	struct tk_coverage *cov = NULL;
	const char *sid = NULL, *level = NULL, *kind = NULL;
	int c, rc, strict = 0, points = 100, eligible = TK_APPROVED, gaps_only = 0;
	int l, k, i;
	char a[16], bb[16];

	while ((c = next_opt("coverage", argc, argv, "hs:l:k:xp:S:g", opts)) != -1) {
		switch (c) {
		case 's': sid = optarg; break;
		case 'l': level = optarg; break;
		case 'k': kind = optarg; break;
		case 'x': strict = 1; break;
		case 'p': points = atoi(optarg); break;
		case 'S': eligible = tk_status_parse(optarg); break;
		case 'g': gaps_only = 1; break;
		default: return OPT_RESULT(c);
		}
	}
	if (optind < argc)
		return usage_error("coverage", "unexpected argument '%s'", argv[optind]);
	if (level == NULL || kind == NULL)
		return usage_error("coverage", "%s", "--level and --kind are required");
	if ((k = tk_kind_parse(kind)) < 0)
		return usage_error("coverage", "unknown kind '%s' (theory or skill)", kind);
	if (eligible < 0)
		return usage_error("coverage", "%s", "unknown --status");
	if (points <= 0 || points > 10000)
		return usage_error("coverage", "%s", "--points must be between 1 and 10000");
	if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if ((rc = tk_bank_get_standard(b, sid, &s, &err)) != TK_OK) {
		rc = fail(&err);
		goto out;
	}
	if ((l = level_or_fail(s, level, "coverage")) < 0) {
		rc = TK_EUSAGE;
		goto out;
	}
	if ((rc = tk_coverage_compute(b, s, l, k, points, eligible, &cov, &err)) != TK_OK) {
		rc = fail(&err);
		goto out;
	}
	printf("%s %s %s: %s paper of %d points, supply counts %s items\n",
	       s->title, s->levels[l].name, tk_kind_name(k),
	       k == TK_THEORY ? "theory" : "skill", points, tk_status_name(eligible));
	if (!cov->has_table) {
		printf("\nthe standard has no %s weight table (权重表): no area targets to cover\n",
		       tk_kind_name(k));
	} else if (!gaps_only) {
		printf("\n%-20s %6s %8s %8s  %s\n", "area", "weight", "need", "supply", "items");
		for (i = 0; i < cov->nareas; i++) {
			const struct tk_cov_area *ar = &cov->areas[i];
			const char *name = s->weights[k].areas[ar->area].name;
			print_cell(name, 20, 1);
			printf(" %5d%% %8s %8s  %s%d items (", ar->weight,
			       tk_points_format(ar->need, a), tk_points_format(ar->n.points, bb),
			       ar->n.points < ar->need ? "SHORT " : "", ar->n.items);
			print_counts(&ar->n);
			printf(")\n");
		}
		if (cov->unmapped.items)
			printf("%-20s %6s %8s %8s  %d items whose first code counts in no area\n",
			       "(none)", "", "", tk_points_format(cov->unmapped.points, a),
			       cov->unmapped.items);
	}
	printf("\n%-8s %-40s %s\n", "code", "requirement", "items");
	for (i = 0; i < cov->ncodes; i++) {
		const struct tk_cov_code *cc = &cov->codes[i];
		int basic = cc->req->type == TK_REQ_BASIC;
		char code[32];
		if (gaps_only && cc->n.items)
			continue;
		snprintf(code, sizeof code, "%s%s", basic ? "B" : "", cc->req->code);
		printf("%-8s ", code);
		print_cell(cc->req->text, 40, 1);
		if (cc->n.items == 0) {
			printf(" GAP: no items\n");
			continue;
		}
		printf(" %d (", cc->n.items);
		print_counts(&cc->n);
		printf(")\n");
	}
	printf("\n%d of %d codes have no items", cov->gaps, cov->ncodes);
	if (cov->has_table)
		printf("; %d of %d areas cannot supply a %d-point paper", cov->short_areas,
		       cov->nareas, points);
	printf("\n");
	if (strict && (cov->short_areas || !cov->has_table))
		rc = TK_FAIL;
out:
	tk_coverage_free(cov);
	tk_standard_free(s);
	close_bank(b);
	return rc;
}

/* ---- edits, undo, redo, log ---------------------------------------- */

/* Options every editing command takes: only --help. */
static int no_options(const char *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
	int c;

	while ((c = next_opt(cmd, argc, argv, "+h", opts)) != -1)
		return OPT_RESULT(c) == TK_OK ? -1 : TK_EUSAGE;
	return TK_OK;
}

/* Report an edit's outcome: the problems, or nothing. */
static int edit_done(int rc, struct tk_diags *d, struct tk_error *err)
{
	if (rc != TK_OK) {
		if (d->n)
			tk_diags_print(d, stderr);
		else
			fail(err);
		if (d->n)
			fprintf(stderr, "tiku: nothing changed\n");
	}
	tk_diags_free(d);
	return rc;
}

/* Close the command several changes shared, if one was opened. */
static int end_batch(struct tk_bank *b, int rc, struct tk_error *err)
{
	if (!tk_bank_in_command(b))
		return rc;
	if (rc == TK_OK)
		return tk_bank_commit(b, err);
	tk_bank_rollback(b);
	return rc;
}

static int cmd_set(int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	int rc = no_options("set", argc, argv), i;

	if (rc != TK_OK)
		return rc < 0 ? TK_OK : rc;
	if (argc - optind < 2)
		return usage_error("set", "%s", "usage: tiku set ITEM FIELD=VALUE...");
	for (i = optind + 1; i < argc; i++)
		if (!strchr(argv[i], '='))
			return usage_error("set", "expected FIELD=VALUE, not '%s'", argv[i]);
	if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	/* several fields: one command, so that one undo takes them all back */
	if (argc - optind > 2 && (rc = tk_bank_begin(b, "set", argv[optind], &err)) != TK_OK)
		goto out;
	for (i = optind + 1; i < argc && rc == TK_OK; i++) {
		char *eq = strchr(argv[i], '=');
		*eq = '\0';
		rc = tk_cmd_set(b, argv[optind], argv[i], eq + 1, &d, &err);
		*eq = '=';
	}
	rc = end_batch(b, rc, &err);
out:
	close_bank(b);
	return edit_done(rc, &d, &err);
}

static int tag_common(const char *cmd, int argc, char **argv, int keyword)
{
	struct tk_bank *b = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	int rc = no_options(cmd, argc, argv);
	const char *what;

	if (rc != TK_OK)
		return rc < 0 ? TK_OK : rc;
	if (argc - optind != 2 || (argv[optind + 1][0] != '+' && argv[optind + 1][0] != '-'))
		return usage_error(cmd, "usage: tiku %s ITEM +VALUE|-VALUE", cmd);
	what = argv[optind + 1] + 1;
	if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	rc = keyword ? tk_cmd_keyword(b, argv[optind], what, argv[optind + 1][0] == '+', &d, &err)
		     : tk_cmd_tag(b, argv[optind], what, argv[optind + 1][0] == '+', &d, &err);
	close_bank(b);
	return edit_done(rc, &d, &err);
}

static int cmd_tag(int argc, char **argv)
{
	return tag_common("tag", argc, argv, 0);
}

static int cmd_keyword(int argc, char **argv)
{
	return tag_common("keyword", argc, argv, 1);
}

static int cmd_retire(int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	int rc = no_options("retire", argc, argv), i;

	if (rc != TK_OK)
		return rc < 0 ? TK_OK : rc;
	if (optind >= argc)
		return usage_error("retire", "%s", "usage: tiku retire ITEM...");
	if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if (argc - optind > 1 && (rc = tk_bank_begin(b, "retire", argv[optind], &err)) != TK_OK)
		goto out;
	for (i = optind; i < argc && rc == TK_OK; i++)
		rc = tk_cmd_retire(b, argv[i], &d, &err);
	rc = end_batch(b, rc, &err);
out:
	close_bank(b);
	return edit_done(rc, &d, &err);
}

static int cmd_merge(int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	int rc = no_options("merge", argc, argv);

	if (rc != TK_OK)
		return rc < 0 ? TK_OK : rc;
	if (argc - optind != 2)
		return usage_error("merge", "%s", "usage: tiku merge KEEP DUPLICATE");
	if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	rc = tk_cmd_merge(b, argv[optind], argv[optind + 1], &d, &err);
	close_bank(b);
	return edit_done(rc, &d, &err);
}

static int undo_redo_cmd(const char *cmd, int argc, char **argv, int undo)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	struct tk_journal_entry e;
	int rc = no_options(cmd, argc, argv);

	if (rc != TK_OK)
		return rc < 0 ? TK_OK : rc;
	if (optind < argc)
		return usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	rc = undo ? tk_bank_undo(b, &e, &err) : tk_bank_redo(b, &e, &err);
	close_bank(b);
	if (rc == TK_FAIL) {
		fprintf(stderr, "tiku %s: %s\n", cmd, err.msg);
		return TK_FAIL;
	}
	if (rc != TK_OK)
		return fail(&err);
	printf("%s #%ld %s: %s (%d change%s, %s, %s)\n", undo ? "undid" : "redid", e.seq,
	       e.command, e.summary, e.changes, e.changes == 1 ? "" : "s", e.user, e.time);
	return TK_OK;
}

static int cmd_undo(int argc, char **argv)
{
	return undo_redo_cmd("undo", argc, argv, 1);
}

static int cmd_redo(int argc, char **argv)
{
	return undo_redo_cmd("redo", argc, argv, 0);
}

static int log_entry(void *ud, const struct tk_journal_entry *e)
{
	(void)ud;
	printf("#%-5ld %s  %-10s %-7s %s (%d change%s)%s\n", e->seq, e->time, e->user, e->command,
	       e->summary, e->changes, e->changes == 1 ? "" : "s",
	       strcmp(e->state, "undone") ? "" : "  [undone]");
	return 0;
}

static int cmd_log(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"limit", required_argument, 0, 'n'},
		{0, 0, 0, 0}
	};
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	int c, rc, limit = 0;

	while ((c = next_opt("log", argc, argv, "hn:", opts)) != -1) {
		if (c == 'n')
			limit = atoi(optarg);
		else
			return OPT_RESULT(c);
	}
	if (optind < argc)
		return usage_error("log", "unexpected argument '%s'", argv[optind]);
	if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if ((rc = tk_bank_log(b, limit, log_entry, NULL, &err)) != TK_OK)
		rc = fail(&err);
	close_bank(b);
	return rc;
}

/* ---- new, edit ------------------------------------------------------ */

/* What an edit came to: its message on stdout when it went through, else stderr. */
static int edit_result(int rc, const struct tk_error *err)
{
	if (rc == TK_OK) {
		if (err->msg[0])
			printf("%s\n", err->msg);
		return TK_OK;
	}
	if (rc == TK_FAIL) {
		fprintf(stderr, "tiku: %s\n", err->msg);
		return TK_FAIL;
	}
	return fail(err);
}

static int cmd_edit(int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	int rc = no_options("edit", argc, argv);

	if (rc != TK_OK)
		return rc < 0 ? TK_OK : rc;
	if (argc - optind != 1)
		return usage_error("edit", "%s", "usage: tiku edit ITEM");
	if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	rc = tk_edit_item(b, argv[optind], NULL, NULL, &err);
	close_bank(b);
	return edit_result(rc, &err);
}

static int cmd_new(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"type", required_argument, 0, 't'},
		{"level", required_argument, 0, 'l'},
		{"code", required_argument, 0, 'c'},
		{"kind", required_argument, 0, 'k'},
		{"standard", required_argument, 0, 's'},
		{0, 0, 0, 0}
	};
	struct tk_error err = {0};
	struct tk_bank *b = NULL;
	struct tk_standard *s = NULL;
	struct tk_item *fresh = NULL, *taken = NULL;
	const char *type = NULL, *level = NULL, *kind = NULL, *sid = NULL;
	char *codes[16], id[256];
	int c, rc, t, k, l, i, ncodes = 0;

	while ((c = next_opt("new", argc, argv, "ht:l:c:k:s:", opts)) != -1) {
		switch (c) {
		case 't': type = optarg; break;
		case 'l': level = optarg; break;
		case 'c':
			if (ncodes == 16)
				return usage_error("new", "%s", "at most 16 codes");
			codes[ncodes++] = optarg;
			break;
		case 'k': kind = optarg; break;
		case 's': sid = optarg; break;
		default: return OPT_RESULT(c);
		}
	}
	if (optind < argc)
		return usage_error("new", "unexpected argument '%s'", argv[optind]);
	if (type == NULL || level == NULL || ncodes == 0)
		return usage_error("new", "%s", "--type, --level and --code are required");
	if ((t = tk_type_parse(type)) < 0)
		return usage_error("new", "unknown type '%s'", type);
	k = kind ? tk_kind_parse(kind) : t == TK_TASK ? TK_SKILL : TK_THEORY;
	if (k < 0)
		return usage_error("new", "unknown kind '%s' (theory or skill)", kind);
	if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if ((rc = tk_bank_get_standard(b, sid, &s, &err)) != TK_OK) {
		rc = fail(&err);
		goto out;
	}
	if ((l = level_or_fail(s, level, "new")) < 0) {
		rc = TK_EUSAGE;
		goto out;
	}
	for (i = 0; i < ncodes; i++)
		if (tk_standard_find(s, l, k, codes[i]) == NULL) {
			fprintf(stderr, "tiku new: code %s does not exist at %s among the %s codes\n",
				codes[i], s->levels[l].name, tk_kind_name(k));
			rc = TK_EUSAGE;
			goto out;
		}
	/* the first free number for this level, kind and code */
	for (i = 1; i < 1000; i++) {
		snprintf(id, sizeof id, "new-%s-%s-%s-%03d", s->levels[l].id, tk_kind_name(k),
			 codes[0], i);
		if ((rc = tk_bank_get_item(b, id, &taken, &err)) != TK_OK) {
			rc = fail(&err);
			goto out;
		}
		if (taken == NULL)
			break;
		tk_item_free(taken);
		taken = NULL;
	}
	if ((fresh = tk_item_new()) == NULL) {
		rc = TK_EINTERNAL;
		goto out;
	}
	fresh->id = tk_strdup(id);
	fresh->standard = tk_strdup(s->id);
	fresh->type = t;
	fresh->level = tk_strdup(s->levels[l].id);
	fresh->kind = k;
	fresh->points = t == TK_MULTIPLE ? 20 : t == TK_SINGLE || t == TK_TRUEFALSE ? 10 : 0;
	fresh->status = TK_DRAFT;
	for (i = 0; i < ncodes; i++)
		tk_item_strlist_add(&fresh->codes, &fresh->ncodes, codes[i]);
	rc = edit_result(tk_edit_item(b, NULL, fresh, NULL, &err), &err);
out:
	tk_item_free(fresh);
	tk_standard_free(s);
	close_bank(b);
	return rc;
}

/* ---- papers: assemble, validate ------------------------------------ */

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

static int cmd_assemble(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"blueprint", required_argument, 0, 'b'},
		{"seed", required_argument, 0, 's'},
		{"output", required_argument, 0, 'o'},
		{"form", required_argument, 0, 'f'},
		{"after", required_argument, 0, 'a'},
		{0, 0, 0, 0}
	};
	struct tk_paper *after[32];
	int nafter = 0;
	struct tk_bank *b = NULL;
	struct tk_blueprint *bp = NULL;
	struct tk_standard *s = NULL;
	struct tk_paper *p = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_assemble_opts o;
	struct tk_buf out = TK_BUF_INIT;
	const char *path = NULL, *output = "-", *seed = NULL;
	char *end;
	int c, rc;

	memset(&o, 0, sizeof o);
	while ((c = next_opt("assemble", argc, argv, "hb:s:o:f:a:", opts)) != -1) {
		switch (c) {
		case 'b': path = optarg; break;
		case 's': seed = optarg; break;
		case 'o': output = optarg; break;
		case 'f': o.form = optarg; break;
		case 'a':
			if (nafter == 32) {
				rc = usage_error("assemble", "%s", "at most 32 earlier forms");
				goto out;
			}
			if ((rc = tk_paper_load(optarg, &after[nafter], &d, &err)) != TK_OK) {
				tk_diags_print(&d, stderr);
				if (d.n == 0)
					fail(&err);
				goto out;
			}
			nafter++;
			break;
		default:
			rc = OPT_RESULT(c);
			goto out;
		}
	}
	o.previous = after;
	o.nprevious = nafter;
	if (optind < argc) {
		rc = usage_error("assemble", "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (path == NULL) {
		rc = usage_error("assemble", "%s", "--blueprint is required");
		goto out;
	}
	if (seed) {
		o.seed = strtoull(seed, &end, 10);
		if (*seed == '\0' || *end || seed[0] == '-') {
			rc = usage_error("assemble", "the seed is a whole number, not '%s'", seed);
			goto out;
		}
	} else {
		o.seed = tk_assemble_seed();
		fprintf(stderr, "tiku assemble: seed %llu\n", (unsigned long long)o.seed);
	}
	if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
		goto out;
	if ((rc = load_blueprint(b, path, &bp, &s, &d, &err)) != TK_OK)
		goto out;
	if ((rc = tk_assemble(b, s, bp, &o, &p, &d, &err)) != TK_OK)
		goto out;
	tk_paper_xml(p, &out);
	if (out.oom)
		rc = tk_error_set(&err, TK_EINTERNAL, NULL, 0, "out of memory");
	else
		rc = tk_write_file(output, out.s, out.len, &err);
	if (rc == TK_OK && strcmp(output, "-"))
		fprintf(stderr, "%s: paper %s, %d items, %d points, %d minutes\n", output, p->id,
			tk_paper_count(p), p->points, p->duration);
out:
	if (rc != TK_OK && rc != TK_EUSAGE && b) {
		tk_diags_print(&d, stderr);
		if (rc != TK_FAIL || d.n == 0)
			fail(&err);
		else
			fprintf(stderr, "tiku assemble: %s; no paper written\n", err.msg);
	}
	while (nafter > 0)
		tk_paper_free(after[--nafter]);
	tk_buf_free(&out);
	tk_diags_free(&d);
	tk_paper_free(p);
	tk_blueprint_free(bp);
	tk_standard_free(s);
	close_bank(b);
	return rc;
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

/*
 * The papers to render: the arguments, or with a roster the candidates'
 * papers DIR/ADMISSION.xml in roster order.
 */
static int render_list(int argc, char **argv, const char *roster, char ***list, int *n)
{
	struct tk_candidate *cands = NULL;
	struct tk_error err = {0};
	char *store = NULL;
	int i, nc = 0;

	*list = NULL;
	*n = 0;
	if (roster == NULL) {
		*list = calloc((size_t)argc + 1, sizeof **list);
		if (*list == NULL)
			return TK_EINTERNAL;
		for (i = 0; i < argc; i++)
			if (((*list)[i] = strdup(argv[i])) == NULL)
				return TK_EINTERNAL;
		*n = argc;
		return TK_OK;
	}
	if (argc != 1)
		return usage_error("render", "%s", "with --roster, name the one directory of papers");
	if (tk_roster_read(roster, &cands, &nc, &store, &err) != TK_OK)
		return fail(&err);
	*list = calloc((size_t)nc + 1, sizeof **list);
	for (i = 0; *list && i < nc; i++) {
		struct tk_buf path = TK_BUF_INIT;
		tk_buf_printf(&path, "%s/%s.xml", argv[0], cands[i].admission);
		(*list)[i] = tk_buf_detach(&path);
	}
	*n = nc;
	free(cands);
	free(store);
	return *list ? TK_OK : TK_EINTERNAL;
}

/* The directory a file is in ("." for a bare name); caller frees. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* DIR/NAME.pdf for paper path .../NAME.xml, with ".key" for keys. */
static char *each_path(const char *dir, const char *paper, int key)
{
	struct tk_buf b = TK_BUF_INIT;
	const char *base = strrchr(paper, '/');
	size_t n;

	base = base ? base + 1 : paper;
	n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".xml"))
		n -= 4;
	tk_buf_printf(&b, "%s/%.*s%s.pdf", dir, (int)n, base, key ? ".key" : "");
	return tk_buf_detach(&b);
}

static int cmd_render(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"output", required_argument, 0, 'o'},
		{"key", no_argument, 0, 'k'},
		{"explanations", no_argument, 0, 'x'},
		{"font", required_argument, 0, 'f'},
		{"seal-line", no_argument, 0, 's'},
		{"each", no_argument, 0, 'E'},
		{"combined", no_argument, 0, 'C'},
		{"roster", required_argument, 0, 'r'},
		{"images", required_argument, 0, 'I'},
		{"a3", no_argument, 0, '3'},
		{0, 0, 0, 0}
	};
	struct tk_render_opts ro = {0};
	const char *images = NULL;
	struct tk_error err = {0};
	struct tk_render *r = NULL;
	struct tk_buf pdf = TK_BUF_INIT;
	const char *out = NULL, *roster = NULL;
	char **list = NULL, *dir = NULL;
	int c, rc, n = 0, i, each = 0, combined = 0, pages = 0, tty = isatty(STDERR_FILENO);

	while ((c = next_opt("render", argc, argv, "ho:kxf:s", opts)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'k': ro.key = 1; break;
		case 'x': ro.explanations = 1; break;
		case 'f': ro.font = optarg; break;
		case 's': ro.seal_line = 1; break;
		case 'E': each = 1; break;
		case 'C': combined = 1; break;
		case 'r': roster = optarg; break;
		case 'I': images = optarg; break;
		case '3': ro.a3 = 1; break;
		default: return OPT_RESULT(c);
		}
	}
	if (ro.explanations && !ro.key)
		return usage_error("render", "%s", "--explanations goes with --key");
	if (each && combined)
		return usage_error("render", "%s", "--each or --combined, not both");
	if (optind >= argc)
		return usage_error("render", "%s", "no paper to render");
	if (out == NULL)
		return usage_error("render", "%s", "name the output with -o");
	if ((rc = render_list(argc - optind, argv + optind, roster, &list, &n)) != TK_OK)
		goto out;
	if (n > 1 && !each && !combined) {
		rc = usage_error("render", "%s", "several papers: --each (one PDF each, -o DIR)"
				 " or --combined (one PDF)");
		goto out;
	}
	if (each && mkdir(out, 0777) != 0 && errno != EEXIST) {
		rc = tk_error_set(&err, TK_EINPUT, out, 0, "cannot make the directory: %s",
				  strerror(errno));
		fail(&err);
		goto out;
	}
	for (i = 0; i < n; i++) {
		struct tk_paper *p = NULL;
		struct tk_diags d = TK_DIAGS_INIT;
		if ((rc = tk_paper_load(list[i], &p, &d, &err)) != TK_OK) {
			tk_diags_print(&d, stderr);
			if (d.n == 0)
				fail(&err);
			tk_diags_free(&d);
			goto out;
		}
		tk_diags_free(&d);
		/* images are found beside the paper unless --images says */
		free(dir);
		dir = images ? strdup(images) : dir_of(list[i]);
		ro.images = dir;
		if (r == NULL)
			rc = tk_render_new(&ro, p->title ? p->title : p->id, &pdf, &r, &err);
		if (rc == TK_OK)
			rc = tk_render_add(r, p, &err);
		tk_paper_free(p);
		if (rc == TK_OK && (each || i == n - 1)) {
			int np = 0;
			char *path = each ? each_path(out, list[i], ro.key) : NULL;
			rc = tk_render_finish(r, &np, &err);
			if (rc == TK_OK)
				rc = tk_write_file(path ? path : out, pdf.s, pdf.len, &err);
			if (rc == TK_OK && !each)
				printf("%s: %d page%s\n", out, np, np == 1 ? "" : "s");
			pages += np;
			free(path);
			tk_render_free(r);
			r = NULL;
			tk_buf_reset(&pdf);
			pdf.len = 0;
		}
		if (rc != TK_OK) {
			fail(&err);
			goto out;
		}
		if (tty && n > 1 && ((i + 1) % 10 == 0 || i + 1 == n)) {
			fprintf(stderr, "\rrender: %d of %d", i + 1, n);
			if (i + 1 == n)
				fputs("\r\033[K", stderr);
		}
	}
	if (each)
		printf("%s: %d PDF%s, %d pages\n", out, n, n == 1 ? "" : "s", pages);
out:
	tk_render_free(r);
	tk_buf_free(&pdf);
	free(dir);
	for (i = 0; list && list[i]; i++)
		free(list[i]);
	free(list);
	return rc;
}

/* ---- keys and signatures ------------------------------------------- */

/*
 * A passphrase: the first line of file, else asked on the terminal with
 * echo off (twice when twice).  Caller wipes and frees.
 */
static char *passphrase(const char *file, const char *prompt, int twice, struct tk_error *err)
{
	char *buf = NULL, *again = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *in;
	struct termios old, quiet;
	int k;

	if (file) {
		char *data;
		size_t len;
		if (tk_read_file(file, &data, &len, err) != TK_OK)
			return NULL;
		data[strcspn(data, "\r\n")] = '\0';
		return data;
	}
	in = fopen("/dev/tty", "r+");
	if (in == NULL || !isatty(fileno(in))) {
		if (in)
			fclose(in);
		tk_error_set(err, TK_EUSAGE, NULL, 0,
			     "no terminal to ask the passphrase on: give --passphrase-file");
		return NULL;
	}
	for (k = 0; k < (twice ? 2 : 1); k++) {
		char **dst = k ? &again : &buf;
		size_t c = 0;
		fprintf(in, "%s", k ? "Passphrase (again): " : prompt);
		fflush(in);
		tcgetattr(fileno(in), &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(in), TCSAFLUSH, &quiet);
		n = getline(dst, k ? &c : &cap, in);
		tcsetattr(fileno(in), TCSAFLUSH, &old);
		fputc('\n', in);
		if (n < 0) {
			tk_error_set(err, TK_EUSAGE, NULL, 0, "no passphrase given");
			break;
		}
		(*dst)[strcspn(*dst, "\r\n")] = '\0';
	}
	fclose(in);
	if (buf && twice && (again == NULL || strcmp(buf, again) != 0)) {
		if (again)
			tk_error_set(err, TK_EUSAGE, NULL, 0, "the passphrases differ");
		tk_sign_free_pass(buf);
		buf = NULL;
	}
	tk_sign_free_pass(again);
	return buf;
}

static int cmd_keygen(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"output", required_argument, 0, 'o'},
		{"unencrypted", no_argument, 0, 'U'},
		{"passphrase-file", required_argument, 0, 'P'},
		{"force", no_argument, 0, 'f'},
		{"seal", no_argument, 0, 'S'},
		{0, 0, 0, 0}
	};
	struct tk_error err = {0};
	struct tk_pubkey pub;
	int seal = 0;
	const char *out = NULL, *pfile = NULL;
	char *pass = NULL, id[17];
	int c, rc, plain = 0, force = 0;

	while ((c = next_opt("keygen", argc, argv, "ho:f", opts)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'U': plain = 1; break;
		case 'P': pfile = optarg; break;
		case 'f': force = 1; break;
		case 'S': seal = 1; break;
		default: return OPT_RESULT(c);
		}
	}
	if (out == NULL)
		return usage_error("keygen", "%s", "name the key pair with -o NAME");
	if (seal) {
		/* a site's key for sealed packages: age's formats */
		char rcp[128];
		if (plain || pfile)
			return usage_error("keygen", "%s", "--seal keys are age identities: no passphrase");
		if ((rc = tk_seal_keygen(out, force, rcp, &err)) != TK_OK)
			return fail(&err);
		printf("%s.key (age identity, mode 0600) and %s.pub: %s\n", out, out, rcp);
		return TK_OK;
	}
	if (optind < argc)
		return usage_error("keygen", "unexpected argument '%s'", argv[optind]);
	if (plain && pfile)
		return usage_error("keygen", "%s", "--unencrypted or --passphrase-file, not both");
	if (!plain && (pass = passphrase(pfile, "Passphrase for the new key: ", 1, &err)) == NULL)
		return fail(&err);
	if (!plain && pass[0] == '\0') {
		tk_sign_free_pass(pass);
		return usage_error("keygen", "%s", "an empty passphrase (use --unencrypted for no passphrase)");
	}
	if (!plain)
		fprintf(stderr, "keygen: deriving the key from the passphrase (scrypt, about a second)...\n");
	rc = tk_sign_keygen(out, plain ? NULL : pass, force, &pub, &err);
	tk_sign_free_pass(pass);
	if (rc != TK_OK)
		return fail(&err);
	tk_sign_id_hex(pub.id, id);
	printf("%s.key (secret%s, mode 0600) and %s.pub: key %s\n", out,
	       plain ? ", UNENCRYPTED" : ", encrypted", out, id);
	return TK_OK;
}

static int cmd_sign(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"key", required_argument, 0, 'k'},
		{"passphrase-file", required_argument, 0, 'P'},
		{"comment", required_argument, 0, 'c'},
		{"legacy", no_argument, 0, 'l'},
		{"output", required_argument, 0, 'o'},
		{0, 0, 0, 0}
	};
	struct tk_error err = {0};
	struct tk_seckey sk;
	struct tk_buf sig = TK_BUF_INIT, path = TK_BUF_INIT, tc = TK_BUF_INIT;
	const char *key = NULL, *pfile = NULL, *comment = NULL, *out = NULL, *file, *base;
	char *data = NULL, *pass = NULL;
	size_t len;
	int c, rc, legacy = 0;

	while ((c = next_opt("sign", argc, argv, "hk:c:lo:", opts)) != -1) {
		switch (c) {
		case 'k': key = optarg; break;
		case 'P': pfile = optarg; break;
		case 'c': comment = optarg; break;
		case 'l': legacy = 1; break;
		case 'o': out = optarg; break;
		default: return OPT_RESULT(c);
		}
	}
	if (key == NULL || optind + 1 != argc)
		return usage_error("sign", "%s", "usage: tiku sign FILE --key NAME.key");
	file = argv[optind];
	if ((rc = tk_read_file(file, &data, &len, &err)) != TK_OK)
		return fail(&err);
	rc = tk_sign_read_sec(key, NULL, &sk, &err);
	if (rc == TK_EUSAGE) {
		/* encrypted: now ask */
		memset(&err, 0, sizeof err);
		if ((pass = passphrase(pfile, "Passphrase for the key: ", 0, &err)) == NULL)
			rc = err.code;
		else
			rc = tk_sign_read_sec(key, pass, &sk, &err);
		tk_sign_free_pass(pass);
	}
	if (rc != TK_OK) {
		free(data);
		return fail(&err);
	}
	base = strrchr(file, '/');
	base = base ? base + 1 : file;
	if (comment)
		tk_buf_puts(&tc, comment);
	else
		tk_buf_printf(&tc, "timestamp:%lld\tfile:%s%s", (long long)time(NULL), base,
			      legacy ? "" : "\thashed");
	rc = tk_sign_data(&sk, data, len, NULL, tk_buf_str(&tc), legacy, &sig, &err);
	tk_sign_wipe(&sk);
	tk_buf_printf(&path, "%s.minisig", file);
	if (rc == TK_OK)
		rc = tk_write_file(out ? out : path.s, sig.s, sig.len, &err);
	if (rc == TK_OK)
		printf("%s: signed\n", out ? out : path.s);
	else
		fail(&err);
	free(data);
	tk_buf_free(&sig);
	tk_buf_free(&path);
	tk_buf_free(&tc);
	return rc;
}

static int cmd_verify(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"pub", required_argument, 0, 'p'},
		{"sig", required_argument, 0, 'x'},
		{"quiet", no_argument, 0, 'q'},
		{0, 0, 0, 0}
	};
	struct tk_error err = {0};
	struct tk_pubkey pk;
	struct tk_buf path = TK_BUF_INIT;
	const char *pub = NULL, *sigpath = NULL, *file;
	char *data = NULL, *sig = NULL, *trusted = NULL;
	size_t len, slen;
	int c, rc, quiet = 0;

	while ((c = next_opt("verify", argc, argv, "hp:x:q", opts)) != -1) {
		switch (c) {
		case 'p': pub = optarg; break;
		case 'x': sigpath = optarg; break;
		case 'q': quiet = 1; break;
		default: return OPT_RESULT(c);
		}
	}
	if (pub == NULL || optind + 1 != argc)
		return usage_error("verify", "%s", "usage: tiku verify FILE --pub NAME.pub");
	file = argv[optind];
	tk_buf_printf(&path, "%s.minisig", file);
	if (sigpath == NULL)
		sigpath = path.s;
	if ((rc = tk_sign_read_pub(pub, &pk, &err)) != TK_OK ||
	    (rc = tk_read_file(file, &data, &len, &err)) != TK_OK ||
	    (rc = tk_read_file(sigpath, &sig, &slen, &err)) != TK_OK)
		goto out;
	if (len >= 4 && (!memcmp(data, "PK\3\4", 4) || !memcmp(data, "\x1f\x8b", 2))) {
		/* a package: the whole of it, not just its signature */
		struct tk_pack_file *files = NULL;
		int nf = 0;
		rc = tk_pack_verify(data, len, sig, slen, &pk, NULL, &trusted, &files, &nf, &err);
		if (rc == TK_OK && !quiet)
			printf("%s: package good, %d files as the signed manifest lists them\n"
			       "trusted comment: %s\n", file, nf, trusted);
		tk_pack_files_free(files, nf);
	} else {
		rc = tk_sign_verify(&pk, data, len, sig, slen, sigpath, &trusted, &err);
		if (rc == TK_OK && !quiet)
			printf("%s: signature good\ntrusted comment: %s\n", file, trusted);
	}
out:
	if (rc != TK_OK)
		fail(&err);
	free(trusted);
	free(data);
	free(sig);
	tk_buf_free(&path);
	return rc;
}

/* Read the secret key, asking for its passphrase only if it has one. */
static int read_secret(const char *key, const char *pfile, struct tk_seckey *sk,
		       struct tk_error *err)
{
	char *pass;
	int rc = tk_sign_read_sec(key, NULL, sk, err);

	if (rc != TK_EUSAGE)
		return rc;
	memset(err, 0, sizeof *err);
	if ((pass = passphrase(pfile, "Passphrase for the key: ", 0, err)) == NULL)
		return err->code;
	rc = tk_sign_read_sec(key, pass, sk, err);
	tk_sign_free_pass(pass);
	return rc;
}

/* What tiku pack says of each package it wrote (ud: how many papers). */
static void packed(void *ud, const char *path, const char *sigpath, int content, size_t len)
{
	int np = *(int *)ud;

	printf("%s (%s package%s, %d paper%s, %zu bytes) and %s\n", path,
	       content == TK_PACK_KEY ? "answer key" : "paper",
	       strstr(path, ".age") ? ", sealed" : "", np, np == 1 ? "" : "s", len, sigpath);
}

static int cmd_pack(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"key", required_argument, 0, 'k'},
		{"passphrase-file", required_argument, 0, 'P'},
		{"format", required_argument, 0, 'F'},
		{"output", required_argument, 0, 'o'},
		{"seal-to", required_argument, 0, 'T'},
		{"batch", required_argument, 0, 'B'},
		{"legacy", no_argument, 0, 'l'},
		{0, 0, 0, 0}
	};
	struct tk_error err = {0};
	struct tk_seckey sk;
	struct tk_paper **papers = NULL;
	struct tk_bank *b = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	unsigned char (*sites)[32] = NULL;
	const char *key = NULL, *pfile = NULL, *out = NULL, *batch = NULL;
	char *dir = NULL;
	struct tk_pack_job job;
	int c, rc = TK_OK, format = TK_PACK_ZIP, i, have_key = 0, np = 0, nsites = 0,
	    legacy = 0, np_done;

	while ((c = next_opt("pack", argc, argv, "hk:o:l", opts)) != -1) {
		switch (c) {
		case 'k': key = optarg; break;
		case 'P': pfile = optarg; break;
		case 'o': out = optarg; break;
		case 'B': batch = optarg; break;
		case 'l': legacy = 1; break;
		case 'T':
			if (sites == NULL && (sites = calloc(TK_SEAL_MAX_RECIPIENTS, 32)) == NULL)
				return TK_EINTERNAL;
			if (nsites == TK_SEAL_MAX_RECIPIENTS) {
				free(sites);
				return usage_error("pack", "%s", "at most 64 sites to seal to");
			}
			if (tk_seal_read_recipient(optarg, sites[nsites], &err) != TK_OK) {
				free(sites);
				return fail(&err);
			}
			nsites++;
			break;
		case 'F':
			if (!strcmp(optarg, "zip")) {
				format = TK_PACK_ZIP;
			} else if (!strcmp(optarg, "tar.gz")) {
				format = TK_PACK_TGZ;
			} else {
				free(sites);
				return usage_error("pack", "--format zip or tar.gz, not '%s'", optarg);
			}
			break;
		default:
			free(sites);
			return OPT_RESULT(c);
		}
	}
	if (key == NULL || out == NULL || optind + (batch ? 0 : 1) != argc) {
		free(sites);
		return usage_error("pack", "%s", "usage: tiku pack PAPER.xml --key NAME.key -o NAME"
				   " (or --batch ID instead of the paper)");
	}
	if (batch) {
		/* a whole batch: its forms as the bank keeps them */
		if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
			goto out;
		if ((rc = tk_batch_forms(b, batch, &papers, &np, &err)) != TK_OK) {
			fail(&err);
			goto out;
		}
		dir = strdup(".");
	} else {
		papers = calloc(1, sizeof *papers);
		if (papers == NULL) {
			rc = TK_EINTERNAL;
			goto out;
		}
		if ((rc = tk_paper_load(argv[optind], &papers[0], &d, &err)) != TK_OK) {
			tk_diags_print(&d, stderr);
			if (d.n == 0)
				fail(&err);
			goto out;
		}
		np = 1;
		dir = dir_of(argv[optind]);
	}
	if ((rc = read_secret(key, pfile, &sk, &err)) != TK_OK) {
		fail(&err);
		goto out;
	}
	have_key = 1;
	job.format = format | (legacy ? TK_PACK_LEGACY : 0);
	job.images = dir;
	job.sites = (const unsigned char (*)[32])sites;
	job.nsites = nsites;
	np_done = np;
	if ((rc = tk_pack_write((const struct tk_paper *const *)papers, np, &job, &sk, out,
				packed, &np_done, &err)) != TK_OK)
		fail(&err);
out:
	if (have_key)
		tk_sign_wipe(&sk);
	tk_diags_free(&d);
	free(dir);
	free(sites);
	for (i = 0; i < np; i++)
		tk_paper_free(papers[i]);
	free(papers);
	if (b)
		close_bank(b);
	return rc;
}

static int cmd_open(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"pub", required_argument, 0, 'p'},
		{"sig", required_argument, 0, 'x'},
		{"output", required_argument, 0, 'o'},
		{"key", required_argument, 0, 'k'},
		{0, 0, 0, 0}
	};
	struct tk_error err = {0};
	struct tk_pubkey pk;
	struct tk_buf sp = TK_BUF_INIT, plain = TK_BUF_INIT;
	struct tk_pack_file *files = NULL;
	const char *pub = NULL, *sigpath = NULL, *out = NULL, *file, *sitekey = NULL;
	char *data = NULL, *sig = NULL, *trusted = NULL;
	size_t len, slen;
	int c, rc, n = 0;

	while ((c = next_opt("open", argc, argv, "hp:x:o:k:", opts)) != -1) {
		switch (c) {
		case 'k': sitekey = optarg; break;
		case 'p': pub = optarg; break;
		case 'x': sigpath = optarg; break;
		case 'o': out = optarg; break;
		default: return OPT_RESULT(c);
		}
	}
	if (pub == NULL || out == NULL || optind + 1 != argc)
		return usage_error("open", "%s", "usage: tiku open PACKAGE --pub NAME.pub -o DIR");
	file = argv[optind];
	tk_pack_sig_path(file, &sp);
	if ((rc = tk_sign_read_pub(pub, &pk, &err)) == TK_OK &&
	    (rc = tk_read_file(file, &data, &len, &err)) == TK_OK &&
	    (rc = tk_read_file(sigpath ? sigpath : sp.s, &sig, &slen, &err)) == TK_OK &&
	    (rc = tk_pack_unseal(sitekey, data, len, &plain, &err)) == TK_OK &&
	    (rc = tk_pack_verify(plain.s ? plain.s : data, plain.s ? plain.len : len, sig, slen,
				 &pk, NULL, &trusted, &files, &n, &err)) == TK_OK &&
	    (rc = tk_pack_extract(out, files, n, &err)) == TK_OK)
		printf("%s: package good; %d files in %s\ntrusted comment: %s\n", file, n, out, trusted);
	if (rc != TK_OK)
		fail(&err);
	tk_pack_files_free(files, n);
	free(trusted);
	free(data);
	free(sig);
	tk_buf_free(&sp);
	if (plain.s)
		tk_sign_wipe_bytes(plain.s, plain.len);
	tk_buf_free(&plain);
	return rc;
}

static int cmd_validate(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"json", no_argument, 0, 'j'},
		{0, 0, 0, 0}
	};
	struct tk_bank *b = NULL;
	struct tk_standard *s = NULL;
	struct tk_paper **papers = NULL;
	struct tk_vreport rep;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	int c, rc = TK_OK, json = 0, n = 0, i;

	memset(&rep, 0, sizeof rep);
	while ((c = next_opt("validate", argc, argv, "hj", opts)) != -1) {
		if (c == 'j')
			json = 1;
		else
			return OPT_RESULT(c);
	}
	if (optind >= argc)
		return usage_error("validate", "%s", "no paper to validate");
	papers = calloc((size_t)(argc - optind), sizeof *papers);
	if (papers == NULL)
		return TK_EINTERNAL;
	for (i = optind; i < argc; i++) {
		if ((rc = tk_paper_load(argv[i], &papers[n], &d, &err)) != TK_OK) {
			tk_diags_print(&d, stderr);
			if (d.n == 0)
				fail(&err);
			goto out;
		}
		n++;
	}
	if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
		goto out;
	if ((rc = tk_bank_get_standard(b, papers[0]->standard, &s, &err)) != TK_OK) {
		rc = fail(&err);
		goto out;
	}
	rc = tk_validate(b, s, papers, n, &rep, &err);
	if (rc != TK_OK && rc != TK_FAIL) {
		rc = fail(&err);
		goto out;
	}
	if (json) {
		printf("{\"valid\": %s, \"rows\": [", rc == TK_OK ? "true" : "false");
		for (i = 0; i < rep.n; i++) {
			const struct tk_vrow *r = &rep.rows[i];
			printf("%s\n  {\"paper\": ", i ? "," : "");
			json_str(stdout, r->paper);
			printf(", \"check\": ");
			json_str(stdout, r->what);
			printf(", \"name\": ");
			json_str(stdout, r->name);
			printf(", \"want\": ");
			json_str(stdout, r->want);
			printf(", \"got\": ");
			json_str(stdout, r->got);
			printf(", \"ok\": %s}", r->ok ? "true" : "false");
		}
		printf("\n], \"problems\": [");
		for (i = 0; i < (int)rep.problems.n; i++) {
			printf("%s\n  ", i ? "," : "");
			json_str(stdout, rep.problems.v[i].msg);
		}
		printf("\n]}\n");
	} else {
		const char *last = "";
		for (i = 0; i < rep.n; i++) {
			const struct tk_vrow *r = &rep.rows[i];
			if (strcmp(last, r->paper))
				printf("%s%s\n", i ? "\n" : "", r->paper);
			last = r->paper;
			printf("  %-9s ", r->what);
			print_cell(r->name, 34, 1);
			printf(" want ");
			print_cell(r->want, 18, 1);
			printf(" got ");
			print_cell(r->got, 26, 1);
			printf(" %s\n", r->ok ? "ok" : "FAIL");
		}
		if (rep.problems.n) {
			printf("\n");
			tk_diags_print(&rep.problems, stdout);
		}
		printf("\n%s: %d check%s failed\n", rc == TK_OK ? "valid" : "INVALID", rep.failures,
		       rep.failures == 1 ? "" : "s");
	}
out:
	tk_vreport_free(&rep);
	tk_diags_free(&d);
	for (i = 0; i < n; i++)
		tk_paper_free(papers[i]);
	free(papers);
	tk_standard_free(s);
	close_bank(b);
	return rc;
}

/* ---- papers by hand ------------------------------------------------ */

/* The validator's verdict on a composed paper, in a few lines. */
static int verdict(struct tk_bank *b, const char *id, int full)
{
	struct tk_paper *p = NULL;
	struct tk_standard *s = NULL;
	struct tk_vreport rep;
	struct tk_error err = {0};
	int rc, i;

	memset(&rep, 0, sizeof rep);
	if ((rc = tk_compose_paper(b, id, &p, &err)) != TK_OK ||
	    (rc = tk_bank_get_standard(b, p->standard, &s, &err)) != TK_OK) {
		rc = fail(&err);
		goto out;
	}
	rc = tk_validate(b, s, &p, 1, &rep, &err);
	if (rc != TK_OK && rc != TK_FAIL) {
		rc = fail(&err);
		goto out;
	}
	printf("paper %s: %d items, %d of %d points\n", id, tk_paper_count(p),
	       tk_paper_points(p) / 10, p->points);
	for (i = 0; i < rep.n; i++) {
		const struct tk_vrow *r = &rep.rows[i];
		if (!full && r->ok && strcmp(r->what, "area"))
			continue;
		printf("  %-9s ", r->what);
		print_cell(r->name, 24, 1);
		printf(" want ");
		print_cell(r->want, 18, 1);
		printf(" got ");
		print_cell(r->got, 24, 1);
		printf(" %s\n", r->ok ? "ok" : "--");
	}
	if (full && rep.problems.n)
		tk_diags_print(&rep.problems, stdout);
	printf("%s\n", rc == TK_OK ? "valid" : "not valid yet");
	rc = TK_OK;
out:
	tk_vreport_free(&rep);
	tk_paper_free(p);
	tk_standard_free(s);
	return rc;
}

static int cmd_paper(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"blueprint", required_argument, 0, 'b'},
		{"title", required_argument, 0, 't'},
		{"output", required_argument, 0, 'o'},
		{0, 0, 0, 0}
	};
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	const char *bp = NULL, *title = NULL, *output = "-", *what, *id;
	int c, rc, i;

	while ((c = next_opt("paper", argc, argv, "+hb:t:o:", opts)) != -1) {
		switch (c) {
		case 'b': bp = optarg; break;
		case 't': title = optarg; break;
		case 'o': output = optarg; break;
		default: return OPT_RESULT(c);
		}
	}
	if (optind >= argc)
		return usage_error("paper", "%s", "new, add, remove, swap, show, export or delete?");
	what = argv[optind];
	/* options may also follow the paper's id */
	if (optind + 1 < argc) {
		optind += 1;
		id = argv[optind];
		optind++;
		while ((c = next_opt("paper", argc, argv, "+hb:t:o:", opts)) != -1) {
			switch (c) {
			case 'b': bp = optarg; break;
			case 't': title = optarg; break;
			case 'o': output = optarg; break;
			default: return OPT_RESULT(c);
			}
		}
	} else {
		return usage_error("paper", "usage: tiku paper %s ID ...", what);
	}
	if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if (!strcmp(what, "new")) {
		if (bp == NULL) {
			rc = usage_error("paper", "%s", "paper new needs --blueprint");
			goto out;
		}
		rc = tk_compose_new(b, id, bp, title, &err);
	} else if (!strcmp(what, "add") || !strcmp(what, "remove")) {
		if (optind >= argc) {
			rc = usage_error("paper", "usage: tiku paper %s ID ITEM...", what);
			goto out;
		}
		rc = !strcmp(what, "add") ? tk_compose_add(b, id, argv + optind, argc - optind, &err) :
		     tk_compose_remove(b, id, argv + optind, argc - optind, &err);
	} else if (!strcmp(what, "swap")) {
		if (argc - optind == 1) {
			char **ids = NULL;
			int n = 0;
			/* no replacement named: offer those that keep the paper valid */
			if ((rc = tk_compose_suggest(b, id, argv[optind], &ids, &n, &err)) == TK_OK) {
				printf("%d item%s can take the place of %s:\n", n, n == 1 ? "" : "s",
				       argv[optind]);
				for (i = 0; i < n; i++) {
					struct tk_item *it = NULL;
					if (tk_bank_get_item(b, ids[i], &it, &err) == TK_OK && it) {
						char *stem = tk_fragment_text(it->stem);
						printf("  %-24s difficulty %d  ", it->id, it->difficulty);
						print_cell(stem ? stem : "", 50, 0);
						putchar('\n');
						free(stem);
					}
					tk_item_free(it);
				}
			}
			for (i = 0; i < n; i++)
				free(ids[i]);
			free(ids);
			if (rc != TK_OK)
				rc = fail(&err);
			goto out;
		}
		if (argc - optind != 2) {
			rc = usage_error("paper", "%s", "usage: tiku paper swap ID OLD [NEW]");
			goto out;
		}
		rc = tk_compose_swap(b, id, argv[optind], argv[optind + 1], &err);
	} else if (!strcmp(what, "delete")) {
		rc = tk_compose_delete(b, id, &err);
		if (rc == TK_OK) {
			printf("paper %s deleted\n", id);
			goto out;
		}
	} else if (!strcmp(what, "show")) {
		rc = verdict(b, id, 1);
		goto out;
	} else if (!strcmp(what, "export")) {
		struct tk_paper *p = NULL;
		struct tk_buf x = TK_BUF_INIT;
		if ((rc = tk_compose_paper(b, id, &p, &err)) == TK_OK) {
			tk_paper_xml(p, &x);
			rc = tk_write_file(output, x.s, x.len, &err);
		}
		tk_buf_free(&x);
		tk_paper_free(p);
		if (rc != TK_OK)
			rc = fail(&err);
		goto out;
	} else {
		rc = usage_error("paper", "unknown subcommand '%s'", what);
		goto out;
	}
	if (rc != TK_OK) {
		rc = fail(&err);
		goto out;
	}
	rc = verdict(b, id, 0);
out:
	close_bank(b);
	return rc;
}

/* ---- batches ------------------------------------------------------- */

/*
 * Candidate papers are made on the calling thread (they need the bank
 * for the audit) and written on a second one: writing 20,000 files is
 * half the work, all of it system calls, and overlaps with making the
 * next papers.  The queue is bounded so memory stays flat.
 */
#define OUT_QUEUE 64

struct out_job {
	struct tk_buf xml, key;
	char *admission;
};

struct candidate_out {
	const char *dir;
	int done, total, tty;
	pthread_mutex_t mu;
	pthread_cond_t more, room;
	struct out_job q[OUT_QUEUE];
	int head, n, closed, failed;
	pthread_t th;
	int running;
	struct tk_error err;    /* the writer's first failure */
};

static void out_job_free(struct out_job *j)
{
	tk_buf_free(&j->xml);
	tk_buf_free(&j->key);
	free(j->admission);
}

static int write_job(const char *dir, struct out_job *j, struct tk_error *err)
{
	struct tk_buf path = TK_BUF_INIT;
	int rc;

	tk_buf_printf(&path, "%s/%s.xml", dir, j->admission);
	rc = path.oom ? tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") :
	     tk_write_file_fast(path.s, j->xml.s, j->xml.len, err);
	tk_buf_reset(&path);
	tk_buf_printf(&path, "%s/%s.key.csv", dir, j->admission);
	if (rc == TK_OK)
		rc = path.oom ? tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") :
		     tk_write_file_fast(path.s, tk_buf_str(&j->key), j->key.len, err);
	tk_buf_free(&path);
	return rc;
}

static void *writer_thread(void *ud)
{
	struct candidate_out *co = ud;
	struct out_job j;

	pthread_mutex_lock(&co->mu);
	for (;;) {
		while (co->n == 0 && !co->closed)
			pthread_cond_wait(&co->more, &co->mu);
		if (co->n == 0)
			break;
		j = co->q[co->head];
		co->head = (co->head + 1) % OUT_QUEUE;
		co->n--;
		pthread_cond_signal(&co->room);
		pthread_mutex_unlock(&co->mu);
		if (!co->failed) {
			struct tk_error e = {0};
			if (write_job(co->dir, &j, &e) != TK_OK) {
				pthread_mutex_lock(&co->mu);
				co->err = e;
				co->failed = 1;
				pthread_mutex_unlock(&co->mu);
			}
		}
		out_job_free(&j);
		pthread_mutex_lock(&co->mu);
	}
	pthread_mutex_unlock(&co->mu);
	return NULL;
}

/* Wait for the writer to drain the queue and stop; its error, if any. */
static int finish_writer(struct candidate_out *co, struct tk_error *err)
{
	pthread_mutex_lock(&co->mu);
	co->closed = 1;
	pthread_cond_signal(&co->more);
	pthread_mutex_unlock(&co->mu);
	if (co->running) {
		pthread_join(co->th, NULL);
		co->running = 0;
	}
	if (!co->failed)
		return TK_OK;
	*err = co->err;
	return err->code ? err->code : TK_EINTERNAL;
}

/* Make one candidate's paper XML and queue it, with its key, for writing. */
static int write_candidate(void *ud, const struct tk_candidate *c, const struct tk_paper *p,
			   const struct tk_buf *key, struct tk_error *err)
{
	struct candidate_out *co = ud;
	struct out_job j = {TK_BUF_INIT, TK_BUF_INIT, NULL};

	if (c == NULL)
		return finish_writer(co, err);
	if (strchr(c->admission, '/') || c->admission[0] == '.')
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    "admission number '%s' cannot name a file", c->admission);
	tk_paper_xml(p, &j.xml);
	tk_buf_add(&j.key, tk_buf_str(key), key->len);
	j.admission = strdup(c->admission);
	if (j.xml.oom || j.key.oom || j.admission == NULL) {
		out_job_free(&j);
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	pthread_mutex_lock(&co->mu);
	while (co->n == OUT_QUEUE && !co->failed)
		pthread_cond_wait(&co->room, &co->mu);
	if (co->failed) {
		*err = co->err;
		pthread_mutex_unlock(&co->mu);
		out_job_free(&j);
		return err->code ? err->code : TK_EINTERNAL;
	}
	co->q[(co->head + co->n) % OUT_QUEUE] = j;
	co->n++;
	pthread_cond_signal(&co->more);
	pthread_mutex_unlock(&co->mu);
	if (co->tty && (++co->done % 100 == 0 || co->done == co->total)) {
		fprintf(stderr, "\rcandidates: %d of %d", co->done, co->total);
		if (co->done == co->total)
			fputs("\r\033[K", stderr);
	}
	return TK_OK;
}

/*
 * All candidates' papers into dir, durable at the end.  The writer's
 * failure reaches tk_batch_candidates through write_candidate (on the
 * next paper, or on the final call), so the audit commits only when
 * every file was written.
 */
static int write_candidates(struct tk_bank *b, const char *id, const struct tk_candidate *v,
			    int n, const char *dir, struct tk_error *err)
{
	struct candidate_out *co = calloc(1, sizeof *co);
	struct tk_error e2 = {0};
	int rc;

	if (co == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	co->dir = dir;
	co->total = n;
	co->tty = isatty(STDERR_FILENO);
	pthread_mutex_init(&co->mu, NULL);
	pthread_cond_init(&co->more, NULL);
	pthread_cond_init(&co->room, NULL);
	if (pthread_create(&co->th, NULL, writer_thread, co) != 0) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot start a thread");
		goto out;
	}
	co->running = 1;
	rc = tk_batch_candidates(b, id, v, n, write_candidate, co, err);
	finish_writer(co, &e2);   /* stopped early: the writer still has to stop */
	/* durable once, at the end, rather than file by file */
	if (rc == TK_OK)
		rc = tk_sync_dir(dir, err);
out:
	pthread_cond_destroy(&co->room);
	pthread_cond_destroy(&co->more);
	pthread_mutex_destroy(&co->mu);
	free(co);
	return rc;
}

static int cmd_batch(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"blueprint", required_argument, 0, 'b'},
		{"name", required_argument, 0, 'n'},
		{"seed", required_argument, 0, 's'},
		{"output", required_argument, 0, 'o'},
		{"roster", required_argument, 0, 'r'},
		{"only", required_argument, 0, 'O'},
		{0, 0, 0, 0}
	};
	struct tk_bank *b = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	const char *bp = NULL, *name = NULL, *seed = NULL, *dir = NULL, *roster = NULL,
		   *only = NULL, *what, *id;
	struct tk_candidate *cands = NULL;
	char *store = NULL, *end;
	int c, rc, ncands = 0, i;

	while ((c = next_opt("batch", argc, argv, "hb:n:s:o:r:O:", opts)) != -1) {
		switch (c) {
		case 'b': bp = optarg; break;
		case 'n': name = optarg; break;
		case 's': seed = optarg; break;
		case 'o': dir = optarg; break;
		case 'r': roster = optarg; break;
		case 'O': only = optarg; break;
		default: return OPT_RESULT(c);
		}
	}
	if (optind >= argc)
		return usage_error("batch", "%s", "new, generate, papers, commit, show or list?");
	what = argv[optind];
	id = optind + 1 < argc ? argv[optind + 1] : NULL;
	if (strcmp(what, "list") && id == NULL)
		return usage_error("batch", "usage: tiku batch %s ID ...", what);
	if (roster && (rc = tk_roster_read(roster, &cands, &ncands, &store, &err)) != TK_OK)
		return fail(&err);
	if (only) {
		for (i = 0; i < ncands && strcmp(cands[i].admission, only); i++)
			;
		if (roster && i == ncands) {
			free(cands);
			free(store);
			return usage_error("batch", "no candidate %s in the roster", only);
		}
		if (roster) {
			cands[0] = cands[i];
		} else {
			free(cands);
			cands = calloc(1, sizeof *cands);
			if (cands == NULL)
				return TK_EINTERNAL;
			cands[0].admission = only;
		}
		ncands = 1;
	}
	if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
		goto out;
	if (!strcmp(what, "new")) {
		uint64_t s;
		if (bp == NULL) {
			rc = usage_error("batch", "%s", "batch new needs --blueprint");
			goto out;
		}
		if (seed) {
			s = strtoull(seed, &end, 10);
			if (*seed == '\0' || *end || seed[0] == '-') {
				rc = usage_error("batch", "the seed is a whole number, not '%s'", seed);
				goto out;
			}
		} else {
			s = tk_assemble_seed();
		}
		if ((rc = tk_batch_new(b, id, name, bp, s, &err)) == TK_OK)
			printf("batch %s: seed %llu\n", id, (unsigned long long)s);
	} else if (!strcmp(what, "generate") || !strcmp(what, "papers")) {
		if (!strcmp(what, "generate")) {
			struct tk_paper **forms = NULL;
			int nf = 0;
			if ((rc = tk_batch_generate(b, id, &d, &err)) != TK_OK)
				goto out;
			if ((rc = tk_batch_forms(b, id, &forms, &nf, &err)) != TK_OK)
				goto out;
			for (i = 0; i < nf && rc == TK_OK; i++) {
				printf("batch %s: form %s, paper %s, %d items, %d points\n", id,
				       forms[i]->form, forms[i]->id, tk_paper_count(forms[i]),
				       forms[i]->points);
				if (dir) {
					struct tk_buf x = TK_BUF_INIT, path = TK_BUF_INIT;
					tk_paper_xml(forms[i], &x);
					tk_buf_printf(&path, "%s/%s-%s.xml", dir, id, forms[i]->form);
					rc = tk_write_file(path.s, x.s, x.len, &err);
					tk_buf_free(&x);
					tk_buf_free(&path);
				}
			}
			for (i = 0; i < nf; i++)
				tk_paper_free(forms[i]);
			free(forms);
			if (rc != TK_OK || roster == NULL)
				goto out;
		}
		if (roster == NULL && !(only && !strcmp(what, "papers"))) {
			rc = usage_error("batch", "%s", "papers need --roster (or --only ADMISSION)");
			goto out;
		}
		if (dir == NULL) {
			rc = usage_error("batch", "%s", "per-candidate papers need -o DIR");
			goto out;
		}
		if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
			rc = tk_error_set(&err, TK_EINPUT, dir, 0, "cannot make the directory: %s",
					  strerror(errno));
			goto out;
		}
		{
			rc = write_candidates(b, id, cands, ncands, dir, &err);
			if (rc == TK_OK)
				printf("batch %s: %d candidate paper%s and keys in %s\n", id, ncands,
				       ncands == 1 ? "" : "s", dir);
		}
	} else if (!strcmp(what, "commit")) {
		if ((rc = tk_batch_commit(b, id, &err)) == TK_OK)
			printf("batch %s: committed; its items count as exposed\n", id);
	} else if (!strcmp(what, "show")) {
		struct tk_buf out = TK_BUF_INIT;
		if ((rc = tk_batch_show(b, id, &out, &err)) == TK_OK)
			fputs(tk_buf_str(&out), stdout);
		tk_buf_free(&out);
	} else if (!strcmp(what, "list")) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(tk_bank_db(b), "SELECT id, state, forms, name FROM batch"
				       " ORDER BY created, id", -1, &st, NULL) == SQLITE_OK) {
			while (sqlite3_step(st) == SQLITE_ROW)
				printf("%-24s %-10s %d form%s  %s\n", sqlite3_column_text(st, 0),
				       sqlite3_column_text(st, 1), sqlite3_column_int(st, 2),
				       sqlite3_column_int(st, 2) == 1 ? "" : "s",
				       sqlite3_column_text(st, 3));
			sqlite3_finalize(st);
		}
		rc = TK_OK;
	} else {
		rc = usage_error("batch", "unknown subcommand '%s'", what);
	}
out:
	if (rc != TK_OK && rc != TK_EUSAGE && b) {   /* open_bank reports its own */
		tk_diags_print(&d, stderr);
		if (d.n == 0 || rc != TK_FAIL)
			fail(&err);
	}
	tk_diags_free(&d);
	free(cands);
	free(store);
	close_bank(b);
	return rc;
}

/* ---- Lua: run, shell, scripts -------------------------------------- */

static int cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"eval", required_argument, 0, 'e'},
		{0, 0, 0, 0}
	};
	const char *expr = NULL;
	int c;

	/* "+": options stop at the script; what follows is the script's */
	while ((c = next_opt("run", argc, argv, "+he:", opts)) != -1) {
		if (c == 'e')
			expr = optarg;
		else
			return OPT_RESULT(c);
	}
	if (expr == NULL && optind >= argc)
		return usage_error("run", "%s", "no script to run");
	tk_lua_set_defaults(bank_path, user_name);
	if (expr)
		return tk_lua_run(NULL, expr, argc - optind, argv + optind);
	return tk_lua_run(argv[optind], NULL, argc - optind - 1, argv + optind + 1);
}

static int cmd_shell(int argc, char **argv)
{
	int rc = no_options("shell", argc, argv);

	if (rc != TK_OK)
		return rc < 0 ? TK_OK : rc;
	if (argc - optind > 1)
		return usage_error("shell", "unexpected argument '%s'", argv[optind + 1]);
	if (optind < argc)
		bank_path = argv[optind];
	tk_lua_set_defaults(bank_path, user_name);
	return tk_lua_shell(bank_path);
}

static int cmd_script(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, 0, 'h'},
		{"lint", no_argument, 0, 'l'},
		{"hook", required_argument, 0, 'k'},
		{0, 0, 0, 0}
	};
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	struct tk_script *v = NULL;
	const char *kind = NULL, *event = NULL, *what;
	char *code = NULL;
	size_t len;
	int c, rc, n = 0, i;

	while ((c = next_opt("script", argc, argv, "hlk:", opts)) != -1) {
		switch (c) {
		case 'l': kind = "lint"; break;
		case 'k': kind = "hook"; event = optarg; break;
		default: return OPT_RESULT(c);
		}
	}
	if (optind >= argc)
		return usage_error("script", "%s", "add, list, show or rm?");
	what = argv[optind];
	if (event && strcmp(event, "item.before_save") && strcmp(event, "item.saved"))
		return usage_error("script", "unknown event '%s' (item.before_save, item.saved)", event);
	if (!strcmp(what, "add")) {
		if (argc - optind != 3 || kind == NULL)
			return usage_error("script", "%s", "usage: tiku script add NAME FILE --lint|--hook EVENT");
		if ((rc = tk_read_file(argv[optind + 2], &code, &len, &err)) != TK_OK)
			return fail(&err);
		/* refuse what would fail later: it must load in the sandbox */
		if ((rc = tk_sandbox_check(argv[optind + 1], code, NULL, &err)) != TK_OK) {
			free(code);
			return fail(&err);
		}
		if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK) {
			free(code);
			return rc;
		}
		if ((rc = tk_bank_begin(b, "script", argv[optind + 1], &err)) == TK_OK &&
		    (rc = tk_bank_put_script(b, argv[optind + 1], kind, event, code, &err)) == TK_OK)
			rc = tk_bank_commit(b, &err);
		else
			tk_bank_rollback(b);
		free(code);
	} else if (!strcmp(what, "rm")) {
		if (argc - optind != 2)
			return usage_error("script", "%s", "usage: tiku script rm NAME");
		if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
			return rc;
		if ((rc = tk_bank_scripts(b, NULL, &v, &n, &err)) == TK_OK) {
			for (i = 0; i < n && strcmp(v[i].name, argv[optind + 1]); i++)
				;
			if (i == n)
				rc = tk_error_set(&err, TK_EINPUT, NULL, 0, "no script '%s' in the bank",
						  argv[optind + 1]);
		}
		if (rc == TK_OK && (rc = tk_bank_begin(b, "script", argv[optind + 1], &err)) == TK_OK &&
		    (rc = tk_bank_put_script(b, argv[optind + 1], v[i].kind, NULL, NULL, &err)) == TK_OK)
			rc = tk_bank_commit(b, &err);
		else if (tk_bank_in_command(b))
			tk_bank_rollback(b);
	} else if (!strcmp(what, "list") || !strcmp(what, "show")) {
		if ((rc = open_bank(TK_BANK_READ, &b)) != TK_OK)
			return rc;
		rc = tk_bank_scripts(b, NULL, &v, &n, &err);
		for (i = 0; rc == TK_OK && i < n; i++) {
			if (!strcmp(what, "list"))
				printf("%-20s %-5s %s\n", v[i].name, v[i].kind, v[i].event ? v[i].event : "");
			else if (optind + 1 < argc && !strcmp(v[i].name, argv[optind + 1]))
				fputs(v[i].code, stdout);
		}
	} else {
		return usage_error("script", "unknown subcommand '%s' (add, list, show, rm)", what);
	}
	tk_scripts_free(v, n);
	close_bank(b);
	return rc == TK_OK ? TK_OK : fail(&err);
}

static const struct cmd commands[] = {
	{"import", cmd_import, "import standards and items (XML, CSV, plain text)",
	 "usage: tiku import [options] FILE...\n\n"
	 "Import standards and items into the bank.  A standard (XML) is stored\n"
	 "whole; items are checked against their standard and stored, a changed\n"
	 "item as a new version.  All-or-nothing: when any item is bad, every\n"
	 "problem is reported with its file and line and nothing is written.\n"
	 "Re-importing the same file changes nothing.\n\n"
	 "Formats, chosen by extension unless --format says: .xml (tiku's items\n"
	 "or standard XML), .csv (columns 题型, 题干, 选项A-F, 答案, 解析, 难度,\n"
	 "知识点/代码, 分值; UTF-8 or GB18030/GBK, detected), .txt (the layout\n"
	 "pasted from Word: '1. 题干', 'A. ...', '答案：B', '解析：...').\n\n"
	 "options:\n"
	 "  --partial          import the good items even when some are bad\n"
	 "  --format F         xml, csv or text\n"
	 "  --encoding E       utf-8 or gb18030 (gbk) for CSV and text\n"
	 "  --standard ID      standard of CSV/text items (default: the bank's only one)\n"
	 "  --level L          level of CSV/text items that do not say\n"
	 "  --kind K           theory or skill, for CSV/text items that do not say\n"
	 "  --status S         status of CSV/text items that do not say (default draft)\n"
	 "  -q, --quiet        print only problems\n"},
	{"export", cmd_export, "write the bank's items as canonical XML",
	 "usage: tiku export [options]\n\n"
	 "Write the current version of every matching item as tiku items XML, in\n"
	 "id order.  The output imports back unchanged: import, export, import,\n"
	 "export gives the same bytes.\n\n"
	 "options:\n"
	 "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
	 "  --standard ID      the standard (default: the bank's only one)\n"
	 "  --level L, --kind K, --type T, --status S, --code C   filters\n"
	 "  --include-retired  retired items too\n"},
	{"lint", cmd_lint, "check standards and items",
	 "usage: tiku lint [options] [FILE...]\n\n"
	 "Check files (standards or items, items against the bank's standard),\n"
	 "or with no FILE the whole bank: every standard and every item.\n"
	 "Prints 'file:line: error|warning: message' lines and a count; exits 1\n"
	 "when there is any error.\n\n"
	 "Standards: weight-table columns sum to 100, rows map to what exists at\n"
	 "each level, names that differ, blank cells, duplicate codes, schemes\n"
	 "that disagree.  Items: one correct option for single choice, at least\n"
	 "two for multiple, answers name options, options non-empty and distinct,\n"
	 "codes exist at the item's level, rubrics add up, duplicate and\n"
	 "near-duplicate stems, missing explanations (warning).\n\n"
	 "options:\n"
	 "  --standard ID      only this standard (bank), or the standard for items files\n"
	 "  --errors-only      print errors, not warnings\n"},
	{"search", cmd_search, "full-text search with filters",
	 "usage: tiku search [options] [TEXT...]\n\n"
	 "Find items whose stem, options or keywords contain every word of TEXT\n"
	 "(Chinese words of any length, 坐席 and 投诉 included), filtered by the\n"
	 "options.  With no TEXT, list the items the filters match.\n\n"
	 "options:\n"
	 "  --level L, --kind K, --code C, --type T, --status S, --standard ID\n"
	 "  -n, --limit N      at most N results (default 50, 0 = all)\n"
	 "  --count            print only the number of matches\n"},
	{"coverage", cmd_coverage, "what the bank supplies against the weight table",
	 "usage: tiku coverage --level L --kind theory|skill [options]\n\n"
	 "For each weight-table area: its weight, the points a paper needs, the\n"
	 "points the bank's approved items supply, items by type and status.\n"
	 "For each requirement code: items by type and status; GAP where none.\n\n"
	 "options:\n"
	 "  --strict           exit 1 when an area cannot be filled (or there is no table)\n"
	 "  --points N         paper size (default 100)\n"
	 "  --status S         status that counts as supply (default approved)\n"
	 "  --gaps             list only the codes without items\n"
	 "  --standard ID      the standard (default: the bank's only one)\n"},
	{"new", cmd_new, "write a new item in your editor",
	 "usage: tiku new --type TYPE --level LEVEL --code CODE [--code CODE...]\n"
	 "                [--kind theory|skill] [--standard ID]\n\n"
	 "Open a new item in $VISUAL, else $EDITOR, else vi, as a plain-text form:\n"
	 "a header of fields (编号, 题型, 等级, 类别, 代码, 分值, 难度, 用时, 状态, 作者,\n"
	 "关键词), then the stem, lettered options, 答案, 解析 and, for open items,\n"
	 "评分标准.  On save the item is checked and stored as a draft, one undoable\n"
	 "command; errors reopen the editor with them as comments at the top.  An\n"
	 "empty file, or one left as it was, aborts (exit 1).\n"},
	{"edit", cmd_edit, "edit an item in your editor",
	 "usage: tiku edit ITEM\n\n"
	 "Open the item in $VISUAL, else $EDITOR, else vi, as the form `tiku new`\n"
	 "uses.  On save it is checked and stored as a new version (one undoable\n"
	 "command); errors reopen the editor with them as comments at the top; an\n"
	 "empty file aborts (exit 1); saved unchanged, nothing changes.  Rich text\n"
	 "(tables, lists, images) that you leave alone is kept.\n"},
	{"set", cmd_set, "change fields of an item (a new version)",
	 "usage: tiku set ITEM FIELD=VALUE...\n\n"
	 "Change fields of an item as one command: a new version, checked\n"
	 "against the standard first (lint errors refuse it), undoable.\n\n"
	 "fields: status (draft, review, approved, retired), difficulty (1-5),\n"
	 "points, time (seconds), author, level, kind, type, stem, explanation,\n"
	 "answer.  Rich-text fields take plain text.\n"},
	{"tag", cmd_tag, "add or remove a requirement code of an item",
	 "usage: tiku tag ITEM +CODE|-CODE\n\n"
	 "Add or remove a requirement code (\"1.1.2\", basics \"B2.2.7\");\n"
	 "the code must exist at the item's level.\n"},
	{"keyword", cmd_keyword, "add or remove a keyword of an item",
	 "usage: tiku keyword ITEM +WORD|-WORD\n"},
	{"retire", cmd_retire, "retire items (kept, but out of papers)",
	 "usage: tiku retire ITEM...\n\n"
	 "Set items to status retired, as one command.\n"},
	{"merge", cmd_merge, "merge a duplicate into the item to keep",
	 "usage: tiku merge KEEP DUPLICATE\n\n"
	 "Retire DUPLICATE; KEEP takes over its codes, keywords and enemies,\n"
	 "and items that named DUPLICATE as an enemy name KEEP.  One command.\n"},
	{"undo", cmd_undo, "undo the latest command",
	 "usage: tiku undo\n\n"
	 "Undo the latest command still in effect (import, set, tag, ...).\n"
	 "The journal lives in the bank: undo works across processes.\n"
	 "Exits 1 when there is nothing to undo.\n"},
	{"redo", cmd_redo, "redo the command undone last",
	 "usage: tiku redo\n\n"
	 "Redo the earliest command undone, unless a new command came since.\n"},
	{"log", cmd_log, "list the journal of commands",
	 "usage: tiku log [-n N]\n\n"
	 "The commands that changed the bank, newest first: number, time (UTC),\n"
	 "who ($USER or --by), command, what, and how many items or standards\n"
	 "it changed.  Undone commands are marked.\n"},
	{"assemble", cmd_assemble, "draw a paper that meets a blueprint",
	 "usage: tiku assemble --blueprint FILE [--seed N] [--form A] [--after PAPER]...\n"
	 "                     [-o paper.xml]\n\n"
	 "Draw a paper that meets every constraint of the blueprint: points per\n"
	 "weight-table area exactly as the standard's table says (or within the\n"
	 "blueprint's tolerance), counts and points per section, the difficulty\n"
	 "target, allowed statuses, no enemies together, no item twice.  The\n"
	 "same bank, blueprint and seed give the same bytes; without --seed one\n"
	 "is drawn from the system and printed.  When the bank cannot meet the\n"
	 "blueprint, exits 1 naming what binds, and writes no paper.\n\n"
	 "options:\n"
	 "  --blueprint FILE   the blueprint (banks/*/blueprints/*.xml)\n"
	 "  --seed N           the seed (a whole number)\n"
	 "  --form A           the form letter, for parallel forms\n"
	 "  --after PAPER      an earlier form of the same batch: share at most the\n"
	 "                     blueprint's max-shared with it, keep within 0.1 of its\n"
	 "                     mean difficulty (repeatable)\n"
	 "  -o, --output FILE  write the paper to FILE (default: standard output)\n"},
	{"validate", cmd_validate, "check papers against the bank and the standard",
	 "usage: tiku validate [--json] PAPER.xml...\n\n"
	 "Recompute everything from the bank and the standard, independently of\n"
	 "the assembler: per weight-table area the target and actual points and\n"
	 "share, counts and points per section, the total, the duration against\n"
	 "the standard's minimum, items' levels and statuses, enemies, duplicates,\n"
	 "and, for several papers, the items two forms share.  Prints a table;\n"
	 "exits 0 when valid, 1 when not.\n\n"
	 "options:\n"
	 "  --json             the report as JSON\n"},
	{"render", cmd_render, "print papers and answer keys as PDF",
	 "usage: tiku render PAPER.xml -o PAPER.pdf [options]\n"
	 "       tiku render PAPER.xml... --each -o DIR [options]\n"
	 "       tiku render PAPER.xml... --combined -o ALL.pdf [options]\n"
	 "       tiku render DIR --roster roster.csv (--each -o DIR | --combined -o ALL.pdf)\n\n"
	 "Lay out a paper for print, A4, with the fonts embedded: the header\n"
	 "(title, time, points, form, batch), candidate fields or the\n"
	 "candidate's own admission number and name, the 注意事项 box, the score\n"
	 "table, sections with their points, items numbered through the paper,\n"
	 "options in four, two or one columns as their width allows, ruled space\n"
	 "for open answers, and 第 X 页 共 Y 页.  An item stays on one page with\n"
	 "its options.  The same paper gives the same bytes.  The PDF is written\n"
	 "whole or not at all.\n\n"
	 "options:\n"
	 "  -o, --output PATH  the PDF (with --each: the directory)\n"
	 "  --key              the answer key: answers, rubrics of open items\n"
	 "  --explanations     with --key: each item's 解析 too\n"
	 "  --font FAMILY      the body font (default Noto Serif CJK SC)\n"
	 "  --a3               A3 landscape, two A4 pages to a sheet\n"
	 "  --seal-line        a 密封线 down the binding margin, the candidate\n"
	 "                     fields along it\n"
	 "  --each             one PDF per paper: DIR/NAME.pdf (NAME.key.pdf)\n"
	 "  --combined         all papers in one PDF, in the order given\n"
	 "  --roster FILE      the papers of a batch directory, in roster order\n"
	 "  --images DIR       where items' images (PNG) are; default: beside the paper\n"},
	{"keygen", cmd_keygen, "make a signing key pair (minisign's formats)",
	 "usage: tiku keygen -o NAME [--passphrase-file FILE | --unencrypted] [--force]\n"
	 "       tiku keygen --seal -o SITE [--force]\n\n"
	 "--seal makes an exam site's key pair for sealed packages instead, in\n"
	 "age's formats: SITE.key (the identity, 0600) and SITE.pub (age1...).\n"
	 "Write NAME.key (the secret key, mode 0600) and NAME.pub (the public\n"
	 "key to hand to exam sites), in minisign's file formats: the stock\n"
	 "minisign and signify use the public key as it is.  The secret key is\n"
	 "encrypted with a passphrase as minisign does (scrypt), asked on the\n"
	 "terminal unless given in a file; --unencrypted writes it in the clear,\n"
	 "for automation.  Existing files are kept unless --force.\n"},
	{"sign", cmd_sign, "sign a file (a minisign signature)",
	 "usage: tiku sign FILE --key NAME.key [--passphrase-file F] [--comment TEXT]\n"
	 "                 [--legacy] [-o FILE.minisig]\n\n"
	 "Write FILE.minisig, a detached Ed25519 signature that 'minisign -V'\n"
	 "accepts: over the BLAKE2b hash of the file, or with --legacy over the\n"
	 "file itself (what signify verifies).  The trusted comment (default\n"
	 "timestamp and file name) is signed too.\n"},
	{"verify", cmd_verify, "check a file's minisign signature",
	 "usage: tiku verify FILE --pub NAME.pub [--sig FILE.minisig] [-q]\n\n"
	 "Check FILE against its detached signature (FILE.minisig) and the\n"
	 "public key: made by tiku or by minisign, prehashed or legacy.  A\n"
	 "package (tiku pack) is checked whole, in memory, writing nothing: the\n"
	 "detached and the inner signature, every file against the manifest, no\n"
	 "file missing or extra; archives with absolute paths, '..', links,\n"
	 "devices, repeated names, entries over the size limits or a bomb's\n"
	 "compression ratio are refused outright.  Prints\n"
	 "the trusted comment.  Exit 0 when the signature and the trusted\n"
	 "comment hold, 1 when not (changed, or another key), 3 for a malformed\n"
	 "key or signature file.\n"},
	{"pack", cmd_pack, "a signed package of a paper for exam sites",
	 "usage: tiku pack PAPER.xml --key NAME.key -o NAME [--format zip|tar.gz]\n"
	 "                 [--passphrase-file F] [--seal-to SITE.pub]... [--legacy]\n"
	 "       tiku pack --batch ID --key NAME.key -o NAME [options]\n\n"
	 "--batch packs a batch's forms (from the bank) in one package, and\n"
	 "their keys in another.  --legacy makes the detached signatures in\n"
	 "minisign's legacy mode, which signify -V also verifies.\n"
	 "With --seal-to (repeatable) the packages are encrypted to the sites'\n"
	 "keys (tiku keygen --seal) in the age format: NAME.zip.age, opened with\n"
	 "'age -d -i SITE.key' or tiku open --key; the signatures are of the\n"
	 "packages inside.\n"
	 "Write NAME.zip, the paper package (manifest.xml, its signature, the\n"
	 "paper XML and its PDF), and NAME-key.zip, the answer key's package:\n"
	 "papers and keys never travel together.  The manifest names standard,\n"
	 "level, kind, batch, form, seed, bank and blueprint digests and the\n"
	 "tool, and every file with its size and SHA-256; it is signed inside the\n"
	 "package, and each package gets a detached signature NAME.zip.minisig\n"
	 "that 'minisign -V' accepts.  The same paper gives the same package bytes.\n"
	 "Sites check a package with tiku verify.\n"},
	{"open", cmd_open, "verify a package, then unpack it safely",
	 "usage: tiku open PACKAGE --pub NAME.pub -o DIR [--sig PACKAGE.minisig]\n"
	 "                 [--key SITE.key]\n\n"
	 "A sealed package (PACKAGE.age, from tiku pack --seal-to) is first\n"
	 "decrypted in memory with the site's key (--key; age's format, so\n"
	 "'age -d -i SITE.key' opens it too).\n"
	 "Verify the package as tiku verify does, in memory; only when all holds\n"
	 "write its files into DIR, which must not exist yet (they appear there\n"
	 "all at once).  A package that fails writes nothing.\n"},
	{"paper", cmd_paper, "compose a paper by hand, item by item",
	 "usage: tiku paper new ID --blueprint FILE [--title TITLE]\n"
	 "       tiku paper add ID ITEM...\n"
	 "       tiku paper remove ID ITEM...\n"
	 "       tiku paper swap ID OLD [NEW]\n"
	 "       tiku paper show ID\n"
	 "       tiku paper export ID [-o paper.xml]\n"
	 "       tiku paper delete ID\n\n"
	 "A paper kept in the bank, made to a blueprint, built by hand.  Every\n"
	 "change is a command (tiku undo takes it back) and ends with the\n"
	 "validator's verdict: points per weight-table area against the table,\n"
	 "and what is still missing.  An item that does not fit the blueprint\n"
	 "(level, kind, status, type, points) is refused.  swap without NEW lists\n"
	 "the items that can take OLD's place and keep the paper valid: the same\n"
	 "area, section and points, no enemy of an item on the paper.  export\n"
	 "writes the paper as paper XML, for tiku validate and printing.\n"},
	{"batch", cmd_batch, "official papers for an exam batch",
	 "usage: tiku batch new ID --blueprint FILE [--name NAME] [--seed N]\n"
	 "       tiku batch generate ID [-o DIR] [--roster roster.csv]\n"
	 "       tiku batch papers ID -o DIR --roster roster.csv [--only ADMISSION]\n"
	 "       tiku batch commit ID\n"
	 "       tiku batch show ID\n"
	 "       tiku batch list\n\n"
	 "A batch (统考批次) keeps its blueprint and seed.  generate draws its\n"
	 "parallel forms (A/B/C卷: the blueprint's count), each valid, sharing\n"
	 "within the blueprint's limit, their mean difficulties within 0.1, items\n"
	 "on committed batches excluded or limited as the blueprint's exposure\n"
	 "rule says; -o writes them as DIR/ID-A.xml ...  Until commit nothing\n"
	 "counts: generate again as often as wanted.  commit records the forms'\n"
	 "items as exposed.\n\n"
	 "Per-candidate papers (千人千卷): with a roster (columns 准考证号, 姓名,\n"
	 "考点), each candidate gets one of the forms with items and options\n"
	 "shuffled from the batch seed and the admission number alone -- the\n"
	 "same bytes whenever regenerated -- written as DIR/ADMISSION.xml with\n"
	 "its answer key DIR/ADMISSION.key.csv.  Every paper generated is in the\n"
	 "audit that show prints: when, by whom ($USER or --by), seed, blueprint\n"
	 "and bank digests.\n"},
	{"run", cmd_run, "run a Lua script with the whole API",
	 "usage: tiku run SCRIPT.lua [ARGS...]\n"
	 "       tiku run -e 'LUA CODE' [ARGS...]\n\n"
	 "Run a trusted Lua 5.4 script with the standard libraries and the tiku\n"
	 "module (also the global `tiku`; see docs/lua.md).  tiku.open() opens\n"
	 "the bank --bank or $TIKU_BANK names.  The script's arguments are in\n"
	 "`arg` and `...`.  Exits 1 when the script raises an error.\n"},
	{"shell", cmd_shell, "an interactive Lua shell on the bank",
	 "usage: tiku shell [BANK]\n\n"
	 "A Lua REPL with line editing and history (~/.tiku_history): the bank\n"
	 "is the global `bank`, values print readably, an expression prints its\n"
	 "value.  Ctrl-D quits.\n"},
	{"script", cmd_script, "manage the Lua scripts the bank carries",
	 "usage: tiku script add NAME FILE --lint | --hook EVENT\n"
	 "       tiku script list | show NAME | rm NAME\n\n"
	 "Scripts that travel inside the bank: house lint rules (--lint: the\n"
	 "file returns function(item) giving nil, a message, or a list of\n"
	 "messages or {message=, severity=\"error\"}) that `tiku lint` runs on\n"
	 "every item, and hooks (--hook item.before_save: the file returns\n"
	 "function(item, event); raising an error refuses the change).  They\n"
	 "are untrusted: they run sandboxed, without io, os, package, debug or\n"
	 "bytecode, within a memory cap and an instruction budget.  Adding and\n"
	 "removing scripts are commands: undo takes them back.\n"},
			{NULL, NULL, NULL, NULL}
};

static const struct cmd *find_cmd(const char *name)
{
	const struct cmd *c;

	for (c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}


static int w_import(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_import(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_import = {
	"import", w_import, "import standards and items (XML, CSV, plain text)", "", NULL, NULL, NULL, 0
};
static int w_export(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_export(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_export = {
	"export", w_export, "write the bank's items as canonical XML", "", NULL, NULL, NULL, 0
};
static int w_lint(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_lint(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_lint = {
	"lint", w_lint, "check standards and items", "", NULL, NULL, NULL, 0
};
static int w_search(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_search(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_search = {
	"search", w_search, "full-text search with filters", "", NULL, NULL, NULL, 0
};
static int w_coverage(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_coverage(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_coverage = {
	"coverage", w_coverage, "what the bank supplies against the weight table", "", NULL, NULL, NULL, 0
};
static int w_new(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_new(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_new = {
	"new", w_new, "write a new item in your editor", "", NULL, NULL, NULL, 0
};
static int w_edit(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_edit(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_edit = {
	"edit", w_edit, "edit an item in your editor", "", NULL, NULL, NULL, 0
};
static int w_set(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_set(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_set = {
	"set", w_set, "change fields of an item (a new version)", "", NULL, NULL, NULL, 0
};
static int w_tag(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_tag(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_tag = {
	"tag", w_tag, "add or remove a requirement code of an item", "", NULL, NULL, NULL, 0
};
static int w_keyword(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_keyword(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_keyword = {
	"keyword", w_keyword, "add or remove a keyword of an item", "", NULL, NULL, NULL, 0
};
static int w_retire(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_retire(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_retire = {
	"retire", w_retire, "retire items (kept, but out of papers)", "", NULL, NULL, NULL, 0
};
static int w_merge(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_merge(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_merge = {
	"merge", w_merge, "merge a duplicate into the item to keep", "", NULL, NULL, NULL, 0
};
static int w_undo(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_undo(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_undo = {
	"undo", w_undo, "undo the latest command", "", NULL, NULL, NULL, 0
};
static int w_redo(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_redo(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_redo = {
	"redo", w_redo, "redo the command undone last", "", NULL, NULL, NULL, 0
};
static int w_log(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_log(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_log = {
	"log", w_log, "list the journal of commands", "", NULL, NULL, NULL, 0
};
static int w_assemble(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_assemble(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_assemble = {
	"assemble", w_assemble, "draw a paper that meets a blueprint", "", NULL, NULL, NULL, 0
};
static int w_validate(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_validate(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_validate = {
	"validate", w_validate, "check papers against the bank and the standard", "", NULL, NULL, NULL, 0
};
static int w_render(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_render(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_render = {
	"render", w_render, "print papers and answer keys as PDF", "", NULL, NULL, NULL, 0
};
static int w_keygen(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_keygen(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_keygen = {
	"keygen", w_keygen, "make a signing key pair (minisign's formats)", "", NULL, NULL, NULL, 0
};
static int w_sign(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_sign(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_sign = {
	"sign", w_sign, "sign a file (a minisign signature)", "", NULL, NULL, NULL, 0
};
static int w_verify(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_verify(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_verify = {
	"verify", w_verify, "check a file's minisign signature", "", NULL, NULL, NULL, 0
};
static int w_pack(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_pack(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_pack = {
	"pack", w_pack, "a signed package of a paper for exam sites", "", NULL, NULL, NULL, 0
};
static int w_open(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_open(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_open = {
	"open", w_open, "verify a package, then unpack it safely", "", NULL, NULL, NULL, 0
};
static int w_paper(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_paper(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_paper = {
	"paper", w_paper, "compose a paper by hand, item by item", "", NULL, NULL, NULL, 0
};
static int w_batch(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_batch(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_batch = {
	"batch", w_batch, "official papers for an exam batch", "", NULL, NULL, NULL, 0
};
static int w_run(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_run(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_run = {
	"run", w_run, "run a Lua script with the whole API", "", NULL, NULL, NULL, 0
};
static int w_shell(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_shell(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_shell = {
	"shell", w_shell, "an interactive Lua shell on the bank", "", NULL, NULL, NULL, 0
};
static int w_script(const struct cli_cmd *c, int argc, char **argv)
{
	(void)c;
	optind = 1;
	return cmd_script(argc, argv);
}
__attribute__((weak)) const struct cli_cmd cli_cmd_script = {
	"script", w_script, "manage the Lua scripts the bank carries", "", NULL, NULL, NULL, 0
};
static int w_standard(const struct cli_cmd *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_usage(c, "%s", "not yet");
}
__attribute__((weak)) const struct cli_cmd cli_cmd_standard = {
	"standard", w_standard, "the bank's standards", "", NULL, NULL, NULL, 0
};
