/*
 * cli.c -- the parts every command shares: options parsed and help
 * printed from one declaration, the usage and failure messages, the bank,
 * the standard and level a command works on, and the rules for -o.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "lua_sandbox.h"
#include "util.h"

const char *cli_bank_path = "tiku.db";
const char *cli_user;

/* ---- options ----------------------------------------------------------- */

#define MAX_OPTS 48

/* getopt's tables for the command being parsed, made from its declaration */
static const struct cli_cmd *parsing;
static struct option longopts[MAX_OPTS + 2];
static char shortopts[3 * MAX_OPTS + 4];

static void build_tables(const struct cli_cmd *cmd)
{
	const struct cli_opt *o;
	int n = 0;
	char *s = shortopts;

	/* ':' first: a missing argument is reported as ':', not '?' */
	if (cmd->flags & CLI_STOP_AT_ARG)
		*s++ = '+';
	*s++ = ':';
	*s++ = 'h';
	for (o = cmd->opts; o && o->name && n < MAX_OPTS; o++, n++) {
		longopts[n].name = o->name;
		longopts[n].has_arg = o->arg ? required_argument : no_argument;
		longopts[n].flag = NULL;
		longopts[n].val = o->key;
		if (o->key < 256) {
			*s++ = (char)o->key;
			if (o->arg)
				*s++ = ':';
		}
	}
	longopts[n].name = "help";
	longopts[n].has_arg = no_argument;
	longopts[n].flag = NULL;
	longopts[n].val = 'h';
	memset(&longopts[n + 1], 0, sizeof longopts[n + 1]);
	*s = '\0';
	parsing = cmd;
}

/* The option's text as the user wrote it, for messages. */
static const char *opt_text(char **argv, int c)
{
	static char buf[8];

	if (optopt && optopt < 256 && (c == '?' || c == ':') &&
	    argv[optind - 1][0] == '-' && argv[optind - 1][1] != '-') {
		snprintf(buf, sizeof buf, "-%c", optopt);
		return buf;
	}
	return argv[optind - 1];
}

int cli_next(const struct cli_cmd *cmd, int argc, char **argv)
{
	int c;

	if (parsing != cmd)
		build_tables(cmd);
	opterr = 0;
	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (c == -1)
		return CLI_DONE;
	if (c == 'h') {
		cli_help(cmd, stdout);
		return CLI_HELP;
	}
	if (c == '?') {
		char name[128];
		snprintf(name, sizeof name, "%s", opt_text(argv, c));
		name[strcspn(name, "=")] = '\0';
		cli_usage(cmd, _("unknown option '%s'"), name);
		return CLI_BAD;
	}
	if (c == ':') {
		cli_usage(cmd, _("option '%s' needs an argument"), opt_text(argv, c));
		return CLI_BAD;
	}
	return c;
}

int cli_no_options(const struct cli_cmd *cmd, int argc, char **argv, int *done)
{
	int c;

	*done = 0;
	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		*done = 1;
		return c == CLI_HELP ? TK_OK : TK_EUSAGE;
	}
	return TK_OK;
}

/* ---- help -------------------------------------------------------------- */

static void print_padded(FILE *f, const char *s, int cols)
{
	int w = tk_display_width(s, strlen(s));

	fputs(s, f);
	while (w++ < cols)
		fputc(' ', f);
}

/* The usage lines: each line of a synopsis is one way to call the command. */
static void print_synopsis(FILE *f, const struct cli_cmd *cmd, const char *lead, int *first)
{
	const char *p = cmd->synopsis ? cmd->synopsis : "", *nl;
	int w = tk_display_width(lead, strlen(lead));

	do {
		nl = strchr(p, '\n');
		if (*first)
			fprintf(f, "%s ", lead);
		else
			fprintf(f, "%*s ", w, "");
		*first = 0;
		fprintf(f, "tiku %s", cmd->name);
		if (*p && *p != '\n')
			fprintf(f, " %.*s", nl ? (int)(nl - p) : (int)strlen(p), p);
		fputc('\n', f);
		p = nl ? nl + 1 : NULL;
	} while (p && *p);
}

static void print_usage_lines(const struct cli_cmd *cmd, FILE *f, const char *lead)
{
	const struct cli_cmd *const *sub;
	int first = 1;

	if (cmd->subs) {
		for (sub = cmd->subs; *sub; sub++)
			print_synopsis(f, *sub, lead, &first);
		return;
	}
	print_synopsis(f, cmd, lead, &first);
}

void cli_help(const struct cli_cmd *cmd, FILE *f)
{
	const struct cli_opt *o;
	int w = 0;

	print_usage_lines(cmd, f, _("usage:"));
	if (cmd->about && cmd->about[0])
		fprintf(f, "\n%s", _(cmd->about));
	else if (cmd->summary)
		fprintf(f, "\n%s.\n", _(cmd->summary));
	if (cmd->subs) {
		fprintf(f, "\n");
		fprintf(f, _("'tiku %s SUBCOMMAND --help' describes each subcommand.\n"), cmd->name);
		return;
	}
	/* the column for help text: the widest option, at most 22 */
	for (o = cmd->opts; o && o->name; o++) {
		int ow = 6 + (int)strlen(o->name) + (o->arg ? 1 + (int)strlen(o->arg) : 0) +
			 (o->key < 256 ? 4 : 0);
		if (ow > w)
			w = ow;
	}
	if (w > 22)
		w = 22;
	if (w < 12)
		w = 12;
	fprintf(f, "\n%s\n", _("options:"));
	for (o = cmd->opts; o && o->name; o++) {
		char lhs[96];
		if (o->key < 256)
			snprintf(lhs, sizeof lhs, "  -%c, --%s%s%s", o->key, o->name,
				 o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(lhs, sizeof lhs, "  --%s%s%s", o->name,
				 o->arg ? " " : "", o->arg ? o->arg : "");
		if ((int)strlen(lhs) > w + 1) {
			fprintf(f, "%s\n", lhs);
			lhs[0] = '\0';
		}
		print_padded(f, lhs, w + 3);
		fprintf(f, "%s\n", _(o->help));
	}
	print_padded(f, "  -h, --help", w + 3);
	fprintf(f, "%s\n", _("show this help"));
}

void cli_list_options(const struct cli_cmd *const *cmds, FILE *f)
{
	const struct cli_cmd *const *c, *const *sub;
	const struct cli_opt *o;

	for (c = cmds; *c; c++) {
		const struct cli_cmd *one[2] = {*c, NULL};
		for (sub = (*c)->subs ? (*c)->subs : one; *sub; sub++) {
			fprintf(f, "%s\t--help\t-h\t\n", (*sub)->name);
			for (o = (*sub)->opts; o && o->name; o++) {
				fprintf(f, "%s\t--%s\t", (*sub)->name, o->name);
				if (o->key < 256)
					fprintf(f, "-%c", o->key);
				fprintf(f, "\t%s\n", o->arg ? o->arg : "");
			}
		}
	}
}

/* ---- messages ---------------------------------------------------------- */

int cli_usage(const struct cli_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "tiku %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, _(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
	fprintf(stderr, _("see 'tiku help %s'\n"), cmd->name);
	return TK_EUSAGE;
}

int cli_fail(const struct tk_error *err)
{
	char buf[1600];

	fprintf(stderr, "tiku: %s\n", tk_error_format(err, buf, sizeof buf));
	return err->code ? err->code : TK_EINTERNAL;
}

int cli_long(const struct cli_cmd *cmd, const char *opt, const char *s,
	     long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		cli_usage(cmd, _("%s takes a whole number from %ld to %ld, not '%s'"),
			  opt, min, max, s);
		return -1;
	}
	*out = v;
	return 0;
}

/* ---- the bank ---------------------------------------------------------- */

static struct tk_lua_hooks *bank_hooks;    /* the open bank's own hook scripts */

int cli_open_bank(int flags, struct tk_bank **b)
{
	struct tk_error err = {0};

	if (tk_bank_open(cli_bank_path, flags, b, &err) != TK_OK)
		return cli_fail(&err);
	tk_bank_set_user(*b, cli_user);
	if (tk_lua_hooks_install(*b, &bank_hooks, &err) != TK_OK) {
		tk_bank_close(*b);
		*b = NULL;
		return cli_fail(&err);
	}
	return TK_OK;
}

void cli_close_bank(struct tk_bank *b)
{
	tk_lua_hooks_free(bank_hooks);
	bank_hooks = NULL;
	tk_bank_close(b);
}

static int images_get(void *ud, const char *src, struct tk_buf *data, struct tk_error *err)
{
	struct cli_images *ci = ud;
	int rc = TK_FAIL;

	pthread_mutex_lock(&ci->lock);
	if (ci->b == NULL && !ci->tried) {
		ci->tried = 1;
		if (access(cli_bank_path, F_OK) == 0 &&
		    tk_bank_open(cli_bank_path, TK_BANK_READ, &ci->b, err) != TK_OK)
			rc = err->code;
		ci->own = ci->b != NULL;
	}
	if (ci->b)
		rc = tk_bank_get_image(ci->b, src, data, err);
	pthread_mutex_unlock(&ci->lock);
	return rc;
}

void cli_images_init(struct cli_images *ci, struct tk_bank *b)
{
	memset(ci, 0, sizeof *ci);
	ci->store.get = images_get;
	ci->store.ud = ci;
	ci->b = b;
	pthread_mutex_init(&ci->lock, NULL);
}

void cli_images_release(struct cli_images *ci)
{
	if (ci->own)
		tk_bank_close(ci->b);
	pthread_mutex_destroy(&ci->lock);
	memset(ci, 0, sizeof *ci);
}

int cli_standard(struct tk_bank *b, const char *id, struct tk_standard **s)
{
	struct tk_error err = {0};

	if (tk_bank_get_standard(b, id, s, &err) != TK_OK)
		return cli_fail(&err);
	return TK_OK;
}

int cli_level(const struct cli_cmd *cmd, const struct tk_standard *s, const char *ref)
{
	int l = tk_standard_level(s, ref);
	int i;

	if (l >= 0)
		return l;
	fprintf(stderr, "tiku %s: ", cmd->name);
	fprintf(stderr, _("unknown level '%s'; %s has"), ref ? ref : "", s->id);
	for (i = 0; i < s->nlevels; i++)
		fprintf(stderr, " %s (%s)", s->levels[i].name, s->levels[i].id);
	fprintf(stderr, "\n");
	return -1;
}

/* ---- outputs ----------------------------------------------------------- */

/* Extensions of the documents tiku writes or people confuse them with. */
static const char *const known_ext[] = {
	".pdf", ".docx", ".doc", ".xlsx", ".xls", ".xml", ".csv", ".txt", ".zip",
	".tar.gz", ".tgz", ".gz", ".json", ".html", ".htm", ".md", ".odt", ".ods",
	".png", ".age", ".minisig", ".pub", ".key", ".gift", ".imscc", NULL
};

int cli_has_ext(const char *s, const char *ext)
{
	size_t n = strlen(s), k = strlen(ext);

	return n > k && strcasecmp(s + n - k, ext) == 0 && s[n - k - 1] != '/';
}

int cli_out_file(const struct cli_cmd *cmd, const char *path, const char *ext)
{
	const char *const *e;

	if (cli_has_ext(path, ext))
		return TK_OK;
	for (e = known_ext; *e; e++)
		if (cli_has_ext(path, *e))
			return cli_usage(cmd, _("'%s' names a %s file, but this writes %s"),
					 path, *e, ext);
	return TK_OK;
}

int cli_out_pair(const struct cli_cmd *cmd, const char *path, const char *ext,
		 char **first, char **second)
{
	struct tk_buf a = TK_BUF_INIT, b = TK_BUF_INIT;
	size_t n = strlen(path);
	int rc;

	*first = *second = NULL;
	if (cli_has_ext(path, ext))
		n -= strlen(ext);
	else if ((rc = cli_out_file(cmd, path, ext)) != TK_OK)
		return rc;
	if (n == 0 || path[n - 1] == '/')
		return cli_usage(cmd, _("'%s' names no file"), path);
	tk_buf_add(&a, path, n);
	tk_buf_puts(&a, ext);
	tk_buf_add(&b, path, n);
	tk_buf_puts(&b, "-key");
	tk_buf_puts(&b, ext);
	if (a.oom || b.oom) {
		tk_buf_free(&a);
		tk_buf_free(&b);
		return TK_EINTERNAL;
	}
	*first = tk_buf_detach(&a);
	*second = tk_buf_detach(&b);
	return TK_OK;
}

char *cli_dir_of(const char *path)
{
	char *copy = tk_strdup(path), *dir = copy ? tk_strdup(dirname(copy)) : NULL;

	free(copy);
	return dir;
}

int cli_out_dir(const char *path)
{
	char *p = tk_strdup(path), *s;
	struct stat st;

	if (p == NULL)
		return TK_EINTERNAL;
	if (p[0] == '\0') {
		free(p);
		fprintf(stderr, "tiku: %s\n", _("an empty name is no directory"));
		return TK_EUSAGE;
	}
	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				fprintf(stderr, "tiku: %s: %s: %s\n", p,
					_("cannot create the directory"), strerror(errno));
				free(p);
				return TK_EINPUT;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "tiku: %s: %s\n", p, _("not a directory"));
		free(p);
		return TK_EINPUT;
	}
	free(p);
	return TK_OK;
}

/* ---- folders a run writes into ------------------------------------------ */

/*
 * A failed run leaves nothing behind: the files it created are removed,
 * and so are the folders it made for them.  Files that were there before
 * are left (the run replaced them whole, or not at all).
 */

/* Make the folder and its parents, remembering which did not exist. */
int cli_outdir_open(struct cli_outdir *o, const char *path)
{
	struct stat st;
	char *p = tk_strdup(path);
	size_t i;

	memset(o, 0, sizeof *o);
	o->path = path;
	if (p == NULL)
		return TK_EINTERNAL;
	/* each folder on the way: the path up to each '/', then the whole */
	for (i = 1; p[i - 1]; i++) {
		char c = p[i];
		if ((c != '/' && c != '\0') || p[i - 1] == '/')
			continue;
		p[i] = '\0';
		if (stat(p, &st) != 0)
			tk_buf_add(&o->made, p, i + 1);    /* with its NUL */
		p[i] = c;
	}
	free(p);
	if (o->made.oom)
		return TK_EINTERNAL;
	return cli_out_dir(path);
}

/* The path of name in the folder. */
void cli_outdir_path(const struct cli_outdir *o, const char *name, struct tk_buf *path)
{
	size_t n = strlen(o->path);

	tk_buf_reset(path);
	tk_buf_printf(path, "%s%s%s", o->path, n && o->path[n - 1] == '/' ? "" : "/", name);
}

/* Write name into the folder, as tk_write_file does, or without the fsync
 * (fast) for runs that make the folder durable at the end. */
int cli_outdir_write(struct cli_outdir *o, const char *name, const struct tk_buf *data,
			int fast, struct tk_error *err)
{
	struct tk_buf path = TK_BUF_INIT;
	struct stat st;
	int rc, fresh;

	cli_outdir_path(o, name, &path);
	if (path.oom || data->oom) {
		tk_buf_free(&path);
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	fresh = lstat(path.s, &st) != 0;
	rc = fast ? tk_write_file_fast(path.s, tk_buf_str(data), data->len, err) :
	     tk_write_file(path.s, tk_buf_str(data), data->len, err);
	if (rc == TK_OK && fresh) {
		tk_buf_add(&o->files, name, strlen(name) + 1);
		if (o->files.oom)
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	tk_buf_free(&path);
	return rc;
}

/* Done with the folder; when the run failed, take back what it made. */
void cli_outdir_close(struct cli_outdir *o, int failed)
{
	struct tk_buf path = TK_BUF_INIT;
	size_t off, end;

	for (off = 0; failed && off < o->files.len; off += strlen(o->files.s + off) + 1) {
		cli_outdir_path(o, o->files.s + off, &path);
		if (!path.oom)
			unlink(path.s);
	}
	/* the folders, deepest first; rmdir keeps any that is not empty */
	for (end = o->made.len; failed && end > 0; end = off) {
		for (off = end - 1; off > 0 && o->made.s[off - 1] != '\0'; off--)
			;
		rmdir(o->made.s + off);
	}
	tk_buf_free(&path);
	tk_buf_free(&o->files);
	tk_buf_free(&o->made);
}


void cli_print_right(FILE *f, const char *s, int cols)
{
	int w = tk_display_width(s, strlen(s));

	while (w++ < cols)
		fputc(' ', f);
	fputs(s, f);
}

void cli_print_cell(FILE *f, const char *s, int cols, int pad)
{
	size_t i = 0, n = strlen(s);
	int w = 0;

	while (i < n) {
		uint32_t cp;
		int k = tk_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		int cw;
		if (k == 0)
			k = 1;
		cw = tk_display_width(s + i, (size_t)k);
		if (cp == '\n' || cp == '\t') {
			if (w + 1 > cols)
				break;
			fputc(' ', f);
			w++;
			i += (size_t)k;
			continue;
		}
		if (w + cw > cols - (i + (size_t)k < n ? 1 : 0) && i + (size_t)k < n) {
			fputs("…", f);
			w++;
			break;
		}
		fwrite(s + i, 1, (size_t)k, f);
		w += cw;
		i += (size_t)k;
	}
	while (pad && w++ < cols)
		fputc(' ', f);
}

void cli_json_str(FILE *f, const char *s)
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
