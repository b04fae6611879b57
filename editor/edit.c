/*
 * edit.c -- an item in the author's own editor: a form in a temporary
 * file, the editor, and the form read back, checked and stored, with the
 * editor reopened on the errors until the form is good or the author
 * gives up.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "command.h"
#include "edit.h"
#include "form.h"
#include "lint.h"

/* The lines tiku puts above the author's text begin so; reading them back drops them. */
#define ERROR_MARK "# error"

/* $VISUAL, else $EDITOR, else vi, as git and kubectl choose. */
static const char *default_editor(void)
{
	const char *e = getenv("VISUAL");

	if (e == NULL || e[0] == '\0')
		e = getenv("EDITOR");
	return e && e[0] ? e : "vi";
}

/*
 * Run the editor on path and wait for it.  The editor line goes to the
 * shell as a script with the file as "$1", never pasted into it, so that
 * a file name needs no quoting and the line may carry arguments.
 */
static int run_editor(const char *editor, const char *path, struct tk_error *err)
{
	struct sigaction ign, old_int, old_quit;
	struct tk_buf script = TK_BUF_INIT;
	pid_t pid;
	int status = 0, rc = TK_OK;

	tk_buf_printf(&script, "%s \"$1\"", editor);
	if (script.oom)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	/* ^C in the editor is the editor's: tiku must still clean up after it */
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		execl("/bin/sh", "sh", "-c", script.s, "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid < 0) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot start the editor: %s",
				  strerror(errno));
		goto out;
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0,
					  "cannot wait for the editor: %s", strerror(errno));
			goto out;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		goto out;
	if (WIFEXITED(status))
		rc = tk_error_set(err, TK_FAIL, NULL, 0, "the editor '%s' exited with status %d: "
				  "aborted, nothing saved", editor, WEXITSTATUS(status));
	else
		rc = tk_error_set(err, TK_FAIL, NULL, 0, "the editor '%s' was killed by signal %d: "
				  "aborted, nothing saved", editor,
				  WIFSIGNALED(status) ? WTERMSIG(status) : 0);
out:
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	tk_buf_free(&script);
	return rc;
}

/* Write data to the open fd from its start, replacing what it held. */
static int write_fd(int fd, const char *path, const char *data, size_t len,
		    struct tk_error *err)
{
	size_t done = 0;

	if (lseek(fd, 0, SEEK_SET) < 0 || ftruncate(fd, 0) < 0)
		return tk_error_set(err, TK_EINTERNAL, path, 0, "cannot write: %s",
				    strerror(errno));
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return tk_error_set(err, TK_EINTERNAL, path, 0, "cannot write: %s",
					    strerror(errno));
		done += (size_t)n;
	}
	return TK_OK;
}

/* Replace the file's content; the editor may have put a new file in its place. */
static int write_path(const char *path, const char *data, size_t len,
		      struct tk_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600), rc;

	if (fd < 0)
		return tk_error_set(err, TK_EINTERNAL, path, 0, "cannot write: %s",
				    strerror(errno));
	rc = write_fd(fd, path, data, len, err);
	if (close(fd) < 0 && rc == TK_OK)
		rc = tk_error_set(err, TK_EINTERNAL, path, 0, "cannot write: %s",
				  strerror(errno));
	return rc;
}

/*
 * The end of the line that begins at p (before its \n, \r or \r\n, the
 * line ends the form reader counts) and, in *next, where the next begins.
 */
static const char *line_end(const char *p, const char *end, const char **next)
{
	const char *e = p;

	while (e < end && *e != '\n' && *e != '\r')
		e++;
	*next = e;
	if (*next < end)
		*next += (**next == '\r' && *next + 1 < end && (*next)[1] == '\n') ? 2 : 1;
	return e;
}

/* Is the line [p, e) one of the error comments tiku put there? */
static int is_error_line(const char *p, const char *e)
{
	size_t n = strlen(ERROR_MARK);

	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return (size_t)(e - p) >= n && !memcmp(p, ERROR_MARK, n);
}

/* Append the author's text to out, without the error comments tiku put in it. */
static void strip_errors(const char *text, size_t len, struct tk_buf *out)
{
	const char *p = text, *end = text + len, *e, *next;

	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (p < end) {
		e = line_end(p, end, &next);
		if (!is_error_line(p, e))
			tk_buf_add(out, p, (size_t)(next - p));
		p = next;
	}
}

/*
 * The form to reopen: the errors as comments, then the author's text
 * without the earlier error comments.  Error lines are renumbered to
 * where the author's lines now stand.
 */
static int reopen_text(const char *text, size_t len, const struct tk_diags *d,
		       struct tk_buf *out)
{
	const char *p = text, *end = text + len, *e, *next;
	int *moved = NULL, nlines = 0, kept = 0, top, i;
	size_t k;

	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	for (e = p; e < end; nlines++)
		line_end(e, end, &e);
	if ((moved = calloc((size_t)nlines + 2, sizeof *moved)) == NULL)
		return TK_EINTERNAL;
	top = (int)d->nerrors + 1;
	for (i = 1; p < end; i++) {
		e = line_end(p, end, &next);
		if (!is_error_line(p, e))
			moved[i] = top + ++kept;
		p = next;
	}
	tk_buf_puts(out, ERROR_MARK ": 试题有错，请修改后保存；清空文件则放弃。"
		    " Fix the errors below and save; an empty file aborts.\n");
	for (k = 0; k < d->n; k++) {
		const struct tk_diag *g = &d->v[k];
		const char *m;
		if (g->severity != TK_DIAG_ERROR)
			continue;
		tk_buf_puts(out, ERROR_MARK ": ");
		if (g->line > 0 && g->line <= nlines && moved[g->line])
			tk_buf_printf(out, "file line %d: ", moved[g->line]);
		for (m = g->msg; *m; m++)
			tk_buf_putc(out, *m == '\n' || *m == '\r' ? ' ' : *m);
		tk_buf_putc(out, '\n');
	}
	free(moved);
	strip_errors(text, len, out);
	return out->oom ? TK_EINTERNAL : TK_OK;
}

/* "item 'x': msg" says nothing in the form of item x: "msg". */
static const char *unprefixed(const char *msg)
{
	const char *q;

	if (strncmp(msg, "item '", 6) || (q = strstr(msg + 6, "': ")) == NULL)
		return msg;
	return q + 3;
}

/* The form line where field (编号) is given, or 0. */
static int field_line(const char *text, size_t len, const char *field)
{
	const char *p = text, *end = text + len, *next;
	int line = 1;

	for (; p < end; p = next, line++) {
		line_end(p, end, &next);
		if ((size_t)(end - p) > strlen(field) && !strncmp(p, field, strlen(field)))
			return line;
	}
	return 0;
}

/*
 * The form line a lint message is about: the field it names, where the
 * form has that field; else line (the item's "1.").
 */
static int lint_line(const char *text, size_t len, const char *msg, int line)
{
	static const struct { const char *start, *field; } about[] = {
		{"code ", "代码"}, {"no requirement code", "代码"}, {"untagged", "代码"},
		{"answer ", "答案"},
		{"single-choice item has", "答案"}, {"multiple-choice item has", "答案"},
		{"true/false answer", "答案"}, {"a fill item needs", "答案"},
		{"the stem has", "答案"}, {"rubric", "评分标准"}, {"difficulty", "难度"},
		{"points must", "分值"}, {"unknown level", "等级"}, {"unknown type", "题型"},
		{"unknown paper kind", "类别"}, {"unknown status", "状态"},
	};
	char opt[4] = "?. ";
	size_t i;
	int at = 0;

	for (i = 0; i < sizeof about / sizeof about[0] && at == 0; i++)
		if (!strncmp(msg, about[i].start, strlen(about[i].start)))
			at = field_line(text, len, about[i].field);
	/* "option C is empty", "options A and B are the same": the (second) option's line */
	if (!strncmp(msg, "option ", 7))
		opt[0] = msg[7];
	else if (!strncmp(msg, "options ", 8) && !strncmp(msg + 9, " and ", 5))
		opt[0] = msg[14];
	if (at == 0 && opt[0] >= 'A' && opt[0] <= 'Z')
		at = field_line(text, len, opt);
	return at ? at : line;
}

/*
 * Check the item read from the form and store it.  Problems go to d as
 * errors with form lines (TK_EINPUT).  *what is set to what happened.
 */
static int save(struct tk_bank *b, struct tk_item *it, const struct tk_item *orig,
		int editing, const struct tk_standard *s, const char *text, size_t len,
		int *conflict, struct tk_diags *d, struct tk_error *err)
{
	struct tk_diags found = TK_DIAGS_INIT;
	struct tk_item *other = NULL;
	char h1[65], h2[65];
	size_t i, at;
	int rc = TK_OK, n = (int)d->nerrors, stem = it->line;

	/* a new item's 编号 may have been changed: it must be free */
	if (!editing) {
		if ((rc = tk_bank_get_item(b, it->id, &other, err)) != TK_OK)
			goto out;
		if (other)
			tk_diags_add(d, TK_DIAG_ERROR, NULL, field_line(text, len, "编号"),
				     "an item '%s' is already in the bank: give the new item "
				     "another 编号", it->id);
	}
	/* the checks tk_cmd_save makes, here where the lines are the form's */
	tk_lint_item(s, it, &found);
	for (i = 0; i < found.n; i++)
		if (found.v[i].severity == TK_DIAG_ERROR)
			tk_diags_add(d, TK_DIAG_ERROR, NULL,
				     lint_line(text, len, unprefixed(found.v[i].msg),
					       found.v[i].line),
				     "%s", unprefixed(found.v[i].msg));
	if ((int)d->nerrors > n) {
		rc = TK_EINPUT;
		goto out;
	}
	if (editing) {
		tk_item_hash(it, h1);
		tk_item_hash(orig, h2);
		if (!strcmp(h1, h2)) {
			tk_error_set(err, TK_OK, NULL, 0, "no changes");
			goto out;
		}
	}
	/* stored, the item names where it came from, not a temporary file */
	free(it->file);
	it->file = editing ? tk_strdup(orig->file) : NULL;
	it->line = editing ? orig->line : 0;
	at = d->n;
	/* the author may have taken minutes: another writer's version since
	   then is not overwritten */
	rc = tk_cmd_save_over(b, it, editing ? orig->version : -1, conflict, d, err);
	if (*conflict)
		goto out;
	/* a refusal (a hook's veto) names the stored item's place: the form's is "1." */
	for (i = at; i < d->n; i++) {
		d->v[i].line = stem;
		free(d->v[i].file);
		d->v[i].file = NULL;
	}
	if (rc == TK_EINPUT && (int)d->nerrors == n)
		tk_diags_add(d, TK_DIAG_ERROR, NULL, stem, "%s", unprefixed(err->msg));
	if (rc == TK_OK && editing)
		tk_error_set(err, TK_OK, NULL, 0, "saved %s version %d", it->id, it->version);
	else if (rc == TK_OK)
		tk_error_set(err, TK_OK, NULL, 0, "added %s", it->id);
out:
	if (found.oom || d->oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	tk_diags_free(&found);
	tk_item_free(other);
	return rc;
}

int tk_edit_item(struct tk_bank *b, const char *id, const struct tk_item *fresh,
		 const char *editor, struct tk_error *err)
{
	struct tk_item *stored = NULL, *other = NULL, *it = NULL;
	const struct tk_item *orig = fresh;
	struct tk_standard *s = NULL;
	struct tk_buf form = TK_BUF_INIT, last = TK_BUF_INIT, mine = TK_BUF_INIT;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error ferr = {0};
	const char *dir, *p;
	char path[4096], *text = NULL;
	size_t len = 0, n;
	int rc = TK_OK, fd, made = 0, round, conflict = 0;

	if (id) {
		if ((rc = tk_bank_get_item(b, id, &stored, err)) != TK_OK)
			goto out;
		if (stored == NULL) {
			rc = tk_error_set(err, TK_EINPUT, NULL, 0, "no item '%s' in the bank", id);
			goto out;
		}
		orig = stored;
	} else if (fresh == NULL || fresh->id == NULL) {
		rc = tk_error_set(err, TK_EUSAGE, NULL, 0, "no item to edit");
		goto out;
	} else {
		if ((rc = tk_bank_get_item(b, fresh->id, &other, err)) != TK_OK)
			goto out;
		if (other) {
			rc = tk_error_set(err, TK_EINPUT, NULL, 0, "an item '%s' is already in the bank",
					  fresh->id);
			goto out;
		}
	}
	if ((rc = tk_bank_get_standard(b, orig->standard, &s, err)) != TK_OK)
		goto out;
	if (editor == NULL || editor[0] == '\0')
		editor = default_editor();
	if (tk_form_write(orig, s, &form) != TK_OK) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}

	/* tiku-<id>-XXXXXX.txt: the name says which item, .txt picks a plain mode */
	dir = getenv("TMPDIR");
	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	n = (size_t)snprintf(path, sizeof path, "%s/tiku-", dir);
	for (p = orig->id; *p && n < sizeof path - 64 && p - orig->id < 40; p++)
		path[n++] = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "0123456789._-", *p) ? *p : '_';
	snprintf(path + n, sizeof path - n, "-XXXXXX.txt");
	if ((fd = mkstemps(path, 4)) < 0) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0,
				  "cannot make a temporary file in %s: %s", dir, strerror(errno));
		goto out;
	}
	made = 1;
	rc = write_fd(fd, path, form.s, form.len, err);
	close(fd);
	if (rc != TK_OK)
		goto out;

	for (round = 0;; round++) {
		if ((rc = run_editor(editor, path, err)) != TK_OK)
			break;
		free(text);
		text = NULL;
		if ((rc = tk_read_file(path, &text, &len, err)) != TK_OK)
			break;
		if (round == 0 && len == form.len && !memcmp(text, form.s, len)) {
			if (id)
				rc = tk_error_set(err, TK_OK, NULL, 0, "no changes");
			else
				rc = tk_error_set(err, TK_FAIL, NULL, 0,
						  "the form was left as it was: aborted, nothing saved");
			break;
		}
		/* reopened, and saved again as it was: the author gives up */
		tk_buf_reset(&mine);
		strip_errors(text, len, &mine);
		if (round > 0 && mine.len == last.len &&
		    !memcmp(tk_buf_str(&mine), tk_buf_str(&last), mine.len)) {
			rc = tk_error_set(err, TK_EINPUT, NULL, 0, "the form was saved again with "
					  "its errors: aborted, nothing saved");
			break;
		}
		tk_diags_free(&d);
		tk_item_free(it);
		it = NULL;
		tk_error_clear(&ferr);
		rc = tk_form_read(text, len, orig, s, &it, &d, &ferr);
		if (rc == TK_OK)
			rc = save(b, it, orig, id != NULL, s, text, len, &conflict, &d, &ferr);
		if (conflict) {
			/* the author's text is not thrown away: it stays in the file */
			made = 0;
			tk_error_set(err, TK_EINPUT, NULL, 0, "%s; your form is kept in %s",
				     ferr.msg, path);
			break;
		}
		if (rc != TK_EINPUT) {
			*err = ferr;
			break;
		}
		/* errors: show them above the author's text and go round again */
		tk_diags_sort(&d);
		tk_buf_reset(&form);
		if (reopen_text(text, len, &d, &form) != TK_OK || mine.oom) {
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			break;
		}
		if ((rc = write_path(path, form.s, form.len, err)) != TK_OK)
			break;
		tk_buf_reset(&last);
		tk_buf_add(&last, tk_buf_str(&mine), mine.len);
		fprintf(stderr, "tiku: the item has %zu error%s; reopening the editor\n",
			d.nerrors, d.nerrors == 1 ? "" : "s");
	}
out:
	/* the item is saved or not by now: a file that cannot go changes neither */
	if (made)
		unlink(path);
	free(text);
	tk_buf_free(&form);
	tk_buf_free(&last);
	tk_buf_free(&mine);
	tk_diags_free(&d);
	tk_item_free(it);
	tk_item_free(stored);
	tk_item_free(other);
	tk_standard_free(s);
	return rc;
}
