/*
 * render.c -- printing: papers and answer keys as PDF (tiku render).
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "commands.h"
#include "course.h"
#include "docxout.h"
#include "exposure.h"
#include "handbook.h"
#include "practice.h"
#include "render.h"
#include "scoresheet.h"
#include "util.h"

enum { K_KEY = CLI_K_OWN, K_EXPLANATIONS, K_FONT, K_SEAL_LINE, K_EACH, K_COMBINED,
       K_IMAGES, K_A3, K_TEMPLATE, K_PREP, K_CLASS, K_DATE, K_TITLE, K_NO_LOG,
       K_SHEET, K_PANEL, K_THREADS };

/*
 * Practice papers printed are practice exposure: their items are logged
 * in the bank with the class and date, in one command that commits only
 * once the files are in place (and takes nothing back otherwise), so the
 * log and the printed papers go together.
 */
struct plog {
	struct tk_bank *b;      /* opened when the first practice paper is kept */
	struct tk_paper **v;    /* the practice papers printed, the log's */
	int n, cap, logged;
};

/* Keep p for the log (1), or leave it to the caller (0: not practice). */
static int plog_keep(struct plog *l, struct tk_paper *p, struct tk_error *err)
{
	if (!p->practice)
		return 0;
	if (l->n == l->cap) {
		struct tk_paper **v = realloc(l->v, (size_t)(l->cap = l->cap ? 2 * l->cap : 8) * sizeof *v);
		if (v == NULL) {
			tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			return -1;
		}
		l->v = v;
	}
	l->v[l->n++] = p;
	return 1;
}

/* Open the bank and a command logging the kept papers; nothing kept: nothing. */
static int plog_begin(struct plog *l, const struct tk_paperfmt_class *c, struct tk_error *err)
{
	int rc;

	if (l->n == 0 || (l->b && tk_bank_in_command(l->b)))
		return TK_OK;
	if (l->b == NULL) {
		if (access(cli_bank_path, F_OK) != 0)
			return tk_error_set(err, TK_EINPUT, cli_bank_path, 0,
					    "paper '%s' is a practice paper, whose printing is logged"
					    " in the bank, and there is no bank here: name it with"
					    " --bank, or print with --no-log", l->v[0]->id);
		if ((rc = cli_open_bank(TK_BANK_READ, &l->b)) != TK_OK)
			return rc;
	}
	return tk_exposure_print_begin(l->b, l->v, l->n, c->klass, c->date, &l->logged, err);
}

/* End the log's command: committed when rc is TK_OK, else taken back. */
static int plog_end(struct plog *l, int rc, struct tk_error *err)
{
	if (l->b == NULL || !tk_bank_in_command(l->b))
		return rc;
	if (rc != TK_OK) {
		tk_bank_rollback(l->b);
		return rc;
	}
	return tk_bank_commit(l->b, err);
}

/* Say what the log kept. */
static void plog_say(const struct plog *l, const struct tk_paperfmt_class *c)
{
	char today[11];
	const char *date = c->date;

	if (l->n == 0 || l->b == NULL)
		return;
	if (date == NULL) {
		tk_today(today);
		date = today;
	}
	if (l->logged)
		printf(dngettext(TK_DOMAIN, "%d practice paper logged as printed for %s, %s\n",
				 "%d practice papers logged as printed for %s, %s\n",
				 (unsigned long)l->logged),
		       l->logged, c->klass ? c->klass : _("no class named"), date);
	else
		printf(_("practice exposure already logged for %s, %s\n"),
		       c->klass ? c->klass : _("no class named"), date);
}

static void plog_free(struct plog *l)
{
	int i;

	for (i = 0; i < l->n; i++)
		tk_paper_free(l->v[i]);
	free(l->v);
	if (l->b)
		cli_close_bank(l->b);
	memset(l, 0, sizeof *l);
}

/*
 * The papers to render: the arguments, or with a roster the candidates'
 * papers DIR/ADMISSION.xml in roster order.  *list ends with NULL.
 */
static int render_list(const struct cli_cmd *cmd, int argc, char **argv, const char *roster,
		       char ***list, int *n)
{
	struct tk_candidate *cands = NULL;
	struct tk_error err = {0};
	char *store = NULL;
	int i, nc = argc;

	*list = NULL;
	*n = 0;
	if (roster) {
		if (argc != 1)
			return cli_usage(cmd, "with --roster, name the one directory of papers");
		if (tk_roster_read(roster, &cands, &nc, &store, &err) != TK_OK)
			return cli_fail(&err);
	}
	if ((*list = calloc((size_t)nc + 1, sizeof **list)) == NULL)
		nc = 0;
	for (i = 0; i < nc; i++) {
		struct tk_buf path = TK_BUF_INIT;
		if (roster)
			tk_buf_printf(&path, "%s/%s.xml", argv[0], cands[i].admission);
		else
			tk_buf_puts(&path, argv[i]);
		if (path.oom)
			break;
		(*list)[(*n)++] = tk_buf_detach(&path);
	}
	free(cands);
	free(store);
	return *list && *n == nc ? TK_OK : TK_EINTERNAL;
}

static void list_free(char **list)
{
	int i;

	for (i = 0; list && list[i]; i++)
		free(list[i]);
	free(list);
}

/* NAME.pdf for paper path .../NAME.xml, NAME.key.pdf for its key,
   NAME.prep.pdf for its 准备通知单. */
static char *pdf_name(const char *paper, const char *suffix)
{
	struct tk_buf b = TK_BUF_INIT;
	const char *base = strrchr(paper, '/');
	size_t n;

	base = base ? base + 1 : paper;
	n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".xml"))
		n -= 4;
	tk_buf_printf(&b, "%.*s%s.pdf", (int)n, base, suffix);
	return tk_buf_detach(&b);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The files --each writes, one per paper; two papers of the same name
 * (a/x.xml, b/x.xml) would be one file, so they are a usage error.
 */
static int each_names(const struct cli_cmd *cmd, char **list, int n, const char *suffix,
		      char ***names)
{
	char **sorted;
	int i, rc = TK_OK;

	*names = calloc((size_t)n + 1, sizeof **names);
	sorted = calloc((size_t)n + 1, sizeof *sorted);
	for (i = 0; *names && sorted && i < n; i++)
		if (((*names)[i] = pdf_name(list[i], suffix)) == NULL)
			break;
	if (*names == NULL || sorted == NULL || i < n) {
		free(sorted);
		return TK_EINTERNAL;
	}
	memcpy(sorted, *names, (size_t)n * sizeof *sorted);
	qsort(sorted, (size_t)n, sizeof *sorted, cmp_str);
	for (i = 1; i < n && rc == TK_OK; i++)
		if (!strcmp(sorted[i - 1], sorted[i]))
			rc = cli_usage(cmd, "two papers would both be written to %s", sorted[i]);
	free(sorted);
	return rc;
}

/*
 * One render: papers in, PDFs out.  --each writes every PDF in a
 * scratch directory inside DIR and moves them out when all are written,
 * so that a failure leaves no PDF behind (nor the directories it made).
 */
struct job {
	struct tk_render_opts ro;
	const char *out, *images;
	char **list, **names;   /* the papers; with --each, their PDFs' names */
	int n, each;
	char *scratch;          /* --each: where the PDFs wait */
	struct cli_outdir dir;  /* --each: DIR, and the folders this run made */
	int pages;
	int log;                /* log practice papers printed (not --no-log) */
	struct plog plog;
	long threads;           /* drawing threads for one PDF; 0: one per core */
};

/*
 * Move the PDFs from the scratch directory into DIR; on failure remove
 * those moved already, and the rest.  A directory in the way is found
 * before anything moves, so that PDFs of an earlier run stay then.
 */
static int each_place(struct job *j, struct tk_error *err)
{
	struct tk_buf from = TK_BUF_INIT, to = TK_BUF_INIT;
	struct stat st;
	int i, placed = 0, rc;

	if ((rc = tk_sync_dir(j->scratch, err)) != TK_OK)
		return rc;
	for (i = 0; i < j->n && rc == TK_OK; i++) {
		tk_buf_reset(&to);
		tk_buf_printf(&to, "%s/%s", j->out, j->names[i]);
		if (to.oom)
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		else if (lstat(to.s, &st) == 0 && S_ISDIR(st.st_mode))
			rc = tk_error_set(err, TK_EINPUT, to.s, 0, "cannot write: %s",
					  strerror(EISDIR));
	}
	for (i = 0; i < j->n && rc == TK_OK; i++) {
		tk_buf_reset(&from);
		tk_buf_reset(&to);
		tk_buf_printf(&from, "%s/%s", j->scratch, j->names[i]);
		tk_buf_printf(&to, "%s/%s", j->out, j->names[i]);
		if (from.oom || to.oom)
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		else if (rename(from.s, to.s) != 0)
			rc = tk_error_set(err, TK_EINPUT, to.s, 0, "cannot write: %s",
					  strerror(errno));
		else
			placed++;
	}
	for (i = 0; rc != TK_OK && i < placed; i++) {
		tk_buf_reset(&to);
		tk_buf_printf(&to, "%s/%s", j->out, j->names[i]);
		unlink(to.s);
	}
	tk_buf_free(&from);
	tk_buf_free(&to);
	return rc;
}

/* Remove the scratch directory and what is left in it. */
static void each_cleanup(struct job *j)
{
	struct tk_buf path = TK_BUF_INIT;
	int i;

	if (j->scratch == NULL)
		return;
	for (i = 0; i < j->n; i++) {
		tk_buf_reset(&path);
		tk_buf_printf(&path, "%s/%s", j->scratch, j->names[i]);
		if (!path.oom)
			unlink(path.s);
	}
	rmdir(j->scratch);
	tk_buf_free(&path);
}

/* What reading and printing one paper said. */
struct loaded {
	struct tk_paper *p;     /* kept until the caller takes it, in order */
	struct tk_diags d;
	struct tk_error err;
	int rc, pages, done;
};

/*
 * All the papers in one PDF, drawn on every core (tk_render_many): each
 * drawing thread reads the papers it draws.
 */
struct combined {
	struct job *j;
	struct loaded *v;       /* what reading each paper said */
	int tty, rc;
	struct tk_error err;    /* a practice paper that could not be kept */
};

static int combined_get(void *ud, int i, struct tk_paper **p, struct tk_error *err)
{
	struct combined *c = ud;
	struct loaded *x = &c->v[i];

	x->d = (struct tk_diags)TK_DIAGS_INIT;
	x->rc = tk_paper_load(c->j->list[i], p, &x->d, err);
	return x->rc;
}

static void combined_put(void *ud, int i, struct tk_paper *p)
{
	struct combined *c = ud;
	struct job *j = c->j;
	int keep = 0;

	/* a practice paper printed (not its key) is kept for the log */
	if (c->rc == TK_OK && j->log && !j->ro.key && !j->ro.prep &&
	    (keep = plog_keep(&j->plog, p, &c->err)) < 0)
		c->rc = TK_EINTERNAL;
	if (keep <= 0)
		tk_paper_free(p);
	if (c->tty && ((i + 1) % 10 == 0 || i + 1 == j->n)) {
		fprintf(stderr, "\r");
		fprintf(stderr, _("render: %d of %d"), i + 1, j->n);
	}
}

static int render_combined(struct job *j, struct tk_error *err)
{
	struct combined c = {0};
	struct tk_render_src src;
	struct tk_buf pdf = TK_BUF_INIT;
	char *dir;
	int i, np = 0, failed = -1, rc;

	c.j = j;
	c.tty = j->n > 1 && isatty(STDERR_FILENO);
	if ((c.v = calloc((size_t)j->n, sizeof *c.v)) == NULL) {
		tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		cli_fail(err);
		return TK_EINTERNAL;
	}
	/* images are found beside the first paper unless --images says */
	dir = cli_dir_of(j->list[0]);
	j->ro.images = j->images ? j->images : dir;
	src.n = j->n;
	src.get = combined_get;
	src.put = combined_put;
	src.ud = &c;
	rc = tk_render_many(&j->ro, NULL, &src, (int)j->threads, &pdf, &np, &failed, err);
	if (c.tty)
		fputs("\r\033[K", stderr);
	if (rc != TK_OK && failed >= 0) {
		struct loaded *x = &c.v[failed];
		if (x->rc != TK_OK && x->d.n) {
			/* the file and line of each problem */
			tk_diags_print(&x->d, stderr);
			err->code = 0;
		} else if (!err->file[0]) {
			snprintf(err->file, sizeof err->file, "%s", j->list[failed]);  /* which paper */
		}
	}
	if (rc == TK_OK && c.rc != TK_OK) {
		rc = c.rc;
		*err = c.err;
	}
	/* the one file: logged in the same breath as it is written */
	if (rc == TK_OK && (rc = plog_begin(&j->plog, &j->ro.cls, err)) == TK_OK &&
	    (rc = tk_write_file(j->out, pdf.s, pdf.len, err)) == TK_OK) {
		printf(dngettext(TK_DOMAIN, "%s: %d page", "%s: %d pages", (unsigned long)np),
		       j->out, np);
		putchar('\n');
		j->pages += np;
		if ((rc = plog_end(&j->plog, rc, err)) != TK_OK)
			unlink(j->out);
	}
	rc = plog_end(&j->plog, rc, err);
	if (rc == TK_OK)
		plog_say(&j->plog, &j->ro.cls);
	if (rc != TK_OK && err->code)
		cli_fail(err);
	for (i = 0; i < j->n; i++)
		tk_diags_free(&c.v[i].d);
	free(c.v);
	free(dir);
	tk_buf_free(&pdf);
	return rc;
}

/*
 * One PDF a paper (--each): the papers are read and printed on every
 * core, each to its own file in the scratch directory; this thread takes
 * them back in order (the practice log, progress) and places the files
 * when all are made.
 */
struct each {
	struct job *j;
	struct loaded *v;
	int next, stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static void each_one(struct each *e, int i)
{
	struct job *j = e->j;
	struct loaded *x = &e->v[i];
	struct tk_render_opts ro = j->ro;
	struct tk_buf pdf = TK_BUF_INIT, path = TK_BUF_INIT;
	char *dir;

	x->d = (struct tk_diags)TK_DIAGS_INIT;
	if ((x->rc = tk_paper_load(j->list[i], &x->p, &x->d, &x->err)) != TK_OK)
		return;
	dir = cli_dir_of(j->list[i]);
	ro.images = j->images ? j->images : dir;
	tk_buf_printf(&path, "%s/%s", j->scratch, j->names[i]);
	if ((x->rc = tk_render_pdf(x->p, &ro, &pdf, &x->pages, &x->err)) == TK_OK)
		x->rc = path.oom ? tk_error_set(&x->err, TK_EINTERNAL, NULL, 0, "out of memory")
			: tk_write_file_fast(path.s, pdf.s, pdf.len, &x->err);
	if (x->rc != TK_OK && !x->err.file[0])
		snprintf(x->err.file, sizeof x->err.file, "%s", j->list[i]);  /* which paper */
	free(dir);
	tk_buf_free(&pdf);
	tk_buf_free(&path);
}

static void *each_worker(void *ud)
{
	struct each *e = ud;
	int i;

	for (;;) {
		pthread_mutex_lock(&e->mu);
		if (e->stop || e->next >= e->j->n) {
			pthread_mutex_unlock(&e->mu);
			return NULL;
		}
		i = e->next++;
		pthread_mutex_unlock(&e->mu);
		each_one(e, i);
		pthread_mutex_lock(&e->mu);
		e->v[i].done = 1;
		if (e->v[i].rc != TK_OK)
			e->stop = 1;
		pthread_cond_broadcast(&e->cv);
		pthread_mutex_unlock(&e->mu);
	}
}

static int render_each(struct job *j, struct tk_error *err)
{
	struct each e;
	struct tk_buf path = TK_BUF_INIT;
	pthread_t th[TK_RENDER_THREADS];
	int i, k, nth = 0, want, rc = TK_OK, keep, tty = j->n > 1 && isatty(STDERR_FILENO);

	memset(&e, 0, sizeof e);
	e.j = j;
	if ((e.v = calloc((size_t)j->n, sizeof *e.v)) == NULL) {
		tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		cli_fail(err);
		return TK_EINTERNAL;
	}
	pthread_mutex_init(&e.mu, NULL);
	pthread_cond_init(&e.cv, NULL);
	want = tk_render_threads((int)j->threads, j->n);
	if (want > 1)
		for (; nth < want; nth++)
			if (pthread_create(&th[nth], NULL, each_worker, &e) != 0)
				break;
	if (nth == 0)
		each_worker(&e);        /* one thread: this one, every paper */
	for (i = 0; i < j->n && rc == TK_OK; i++) {
		struct loaded *x = &e.v[i];
		pthread_mutex_lock(&e.mu);
		while (!x->done)
			pthread_cond_wait(&e.cv, &e.mu);
		pthread_mutex_unlock(&e.mu);
		if ((rc = x->rc) != TK_OK) {
			/* the file and line of each problem, else the one failure */
			tk_diags_print(&x->d, stderr);
			if (x->d.n == 0)
				*err = x->err;
			break;
		}
		j->pages += x->pages;
		/* a practice paper printed (not its key) is kept for the log */
		keep = j->log && !j->ro.key && !j->ro.prep ? plog_keep(&j->plog, x->p, err) : 0;
		if (keep <= 0)
			tk_paper_free(x->p);
		x->p = NULL;
		if (keep < 0)
			rc = TK_EINTERNAL;
		if (tty && ((i + 1) % 10 == 0 || i + 1 == j->n || rc != TK_OK)) {
			fprintf(stderr, "\r");
			fprintf(stderr, _("render: %d of %d"), i + 1, j->n);
			if (i + 1 == j->n || rc != TK_OK)
				fputs("\r\033[K", stderr);
		}
	}
	pthread_mutex_lock(&e.mu);
	e.stop = 1;
	pthread_mutex_unlock(&e.mu);
	for (k = 0; k < nth; k++)
		pthread_join(th[k], NULL);
	for (i = 0; i < j->n; i++) {
		tk_paper_free(e.v[i].p);
		tk_diags_free(&e.v[i].d);
	}
	free(e.v);
	pthread_mutex_destroy(&e.mu);
	pthread_cond_destroy(&e.cv);
	if (rc == TK_OK && (rc = plog_begin(&j->plog, &j->ro.cls, err)) == TK_OK &&
	    (rc = each_place(j, err)) == TK_OK && (rc = plog_end(&j->plog, rc, err)) != TK_OK) {
		/* the log did not commit: the PDFs it was to record go too */
		for (i = 0; i < j->n; i++) {
			tk_buf_reset(&path);
			tk_buf_printf(&path, "%s/%s", j->out, j->names[i]);
			unlink(tk_buf_str(&path));
		}
	}
	tk_buf_free(&path);
	rc = plog_end(&j->plog, rc, err);
	if (rc == TK_OK)
		plog_say(&j->plog, &j->ro.cls);
	if (rc != TK_OK && err->code)
		cli_fail(err);
	return rc;
}

/* Is path a course folder (one holding course.xml)? */
static int is_course(const char *path)
{
	struct tk_buf x = TK_BUF_INIT;
	struct stat st;
	int yes;

	tk_buf_printf(&x, "%s/course.xml", path);
	yes = stat(path, &st) == 0 && S_ISDIR(st.st_mode) && stat(tk_buf_str(&x), &st) == 0;
	tk_buf_free(&x);
	return yes;
}

/*
 * The course in folder dir as a handbook: the course read, its practice
 * drawn from the bank, the PDF written whole or not at all.
 */
static int render_course(const char *dir, struct job *j)
{
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_course *c = NULL;
	struct tk_bank *b = NULL;
	struct tk_standard *s = NULL;
	struct tk_practice *p = NULL;
	struct cli_images ci;
	int rc, np = 0;

	if ((rc = tk_course_load(dir, &c, &d, &err)) != TK_OK ||
	    (rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK ||
	    (rc = cli_standard(b, c->standard, &s)) != TK_OK ||
	    (rc = tk_practice_resolve(c, s, b, &p, &d, &err)) != TK_OK) {
		/* the file and line of each problem, else the one failure */
		if (d.n) {
			tk_diags_sort(&d);
			tk_diags_print(&d, stderr);
		} else if (err.code) {
			cli_fail(&err);
		}
		goto out;
	}
	j->ro.images = j->images;
	cli_images_init(&ci, b);
	j->ro.store = &ci.store;
	rc = tk_handbook_file(c, s, p, &j->ro, j->out, &np, &err);
	j->ro.store = NULL;
	cli_images_release(&ci);
	if (rc != TK_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	printf(dngettext(TK_DOMAIN, "%s: %d page", "%s: %d pages", (unsigned long)np), j->out, np);
	putchar('\n');
out:
	tk_diags_free(&d);
	tk_practice_free(p);
	tk_course_free(c);
	tk_standard_free(s);
	cli_close_bank(b);
	return rc;
}

/*
 * One paper (or its key) as a Word document: the images beside it
 * unless --images says, the school's page and styles from --template.
 */
static int render_docx(const char *paper, struct job *j, const char *tpl)
{
	struct tk_docxout_opts o;
	struct tk_docxout_template *t = NULL;
	struct tk_paper *p = NULL, *pp;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	char *dir = NULL;
	int rc, n = 0, keep;

	memset(&o, 0, sizeof o);
	if ((rc = tk_paper_load(paper, &p, &d, &err)) != TK_OK) {
		/* the file and line of each problem, else the one failure */
		tk_diags_print(&d, stderr);
		if (d.n)
			tk_error_clear(&err);
		goto out;
	}
	if (tpl && (rc = tk_docxout_template_read(tpl, &t, &err)) != TK_OK)
		goto out;
	dir = cli_dir_of(paper);
	o.font = j->ro.font;
	o.key = j->ro.key;
	o.explanations = j->ro.explanations;
	o.images = j->images ? j->images : dir;
	o.tpl = t;
	o.cls = j->ro.cls;
	/* a Word practice paper is printed from too: logged like a PDF */
	pp = p;
	if (j->log && !o.key && (keep = plog_keep(&j->plog, p, &err)) != 0) {
		if (keep < 0) {
			rc = TK_EINTERNAL;
			goto out;
		}
		p = NULL;       /* the log's now */
	}
	{
		/* images an import put in the bank come from it, as for PDF */
		struct cli_images ci;
		cli_images_init(&ci, NULL);
		o.store = &ci.store;
		if ((rc = plog_begin(&j->plog, &o.cls, &err)) == TK_OK &&
		    (rc = tk_docxout_file(pp, &o, j->out, &n, &err)) == TK_OK &&
		    (rc = plog_end(&j->plog, rc, &err)) != TK_OK)
			unlink(j->out);
		rc = plog_end(&j->plog, rc, &err);
		cli_images_release(&ci);
	}
	if (rc != TK_OK && !err.file[0])
		snprintf(err.file, sizeof err.file, "%s", paper);
	if (rc != TK_OK)
		goto out;
	printf(dngettext(TK_DOMAIN, "%s: %d item", "%s: %d items", (unsigned long)n), j->out, n);
	putchar('\n');
	plog_say(&j->plog, &o.cls);
out:
	if (rc != TK_OK && err.code)
		cli_fail(&err);
	tk_diags_free(&d);
	tk_paper_free(p);
	tk_docxout_template_free(t);
	free(dir);
	return rc;
}

/*
 * The scoring sheets of appraisal id: of the standard in the file named
 * (args[0]), else of the bank's; a sheet per candidate of the roster,
 * else one to fill in.
 */
static int render_sheet(const struct cli_cmd *cmd, int nargs, char **args, struct job *j,
			const char *id, const char *sid, int panel, const char *roster)
{
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_standard *s = NULL;
	struct tk_bank *b = NULL;
	struct tk_candidate *cands = NULL;
	struct tk_scoresheet_opts so;
	const struct tk_appraisal *a;
	char *store = NULL;
	int rc, np = 0;

	memset(&so, 0, sizeof so);
	if (nargs > 1)
		return cli_usage(cmd, "--sheet prints from one standard: '%s' after it", args[1]);
	if (nargs == 1 && sid)
		return cli_usage(cmd, "--standard chooses among the bank's standards, and a "
				 "standard file is named");
	if ((rc = cli_out_file(cmd, j->out, ".pdf")) != TK_OK)
		return rc;
	if (nargs == 1) {
		if ((rc = tk_standard_load(args[0], &s, &d, &err)) != TK_OK) {
			/* the file and line of each problem, else the one failure */
			tk_diags_print(&d, stderr);
			if (d.n == 0)
				cli_fail(&err);
			goto out;
		}
	} else if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK ||
		   (rc = cli_standard(b, sid, &s)) != TK_OK) {
		goto out;
	}
	if (roster && (rc = tk_roster_read(roster, &cands, &so.ncands, &store, &err)) != TK_OK) {
		cli_fail(&err);
		goto out;
	}
	so.cands = cands;
	so.panel = panel;
	if ((rc = tk_scoresheet_find(s, id, &a, &err)) != TK_OK ||
	    (rc = tk_scoresheet_file(s, a, &so, &j->ro, j->out, &np, &err)) != TK_OK) {
		cli_fail(&err);
		goto out;
	}
	printf(dngettext(TK_DOMAIN, "%s: %d page", "%s: %d pages", (unsigned long)np), j->out, np);
	putchar('\n');
out:
	tk_diags_free(&d);
	tk_standard_free(s);
	cli_close_bank(b);
	free(cands);
	free(store);
	return rc;
}

static int run_render(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct job j;
	struct tk_error err = {0};
	const char *roster = NULL, *tpl = NULL, *sheet = NULL, *sid = NULL;
	int c, rc, combined = 0, docx = 0;
	long panel = 0;

	memset(&j, 0, sizeof j);
	j.log = 1;
	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case 'o': j.out = optarg; break;
		case K_KEY: j.ro.key = 1; break;
		case K_EXPLANATIONS: j.ro.explanations = 1; break;
		case K_FONT: j.ro.font = optarg; break;
		case K_SEAL_LINE: j.ro.seal_line = 1; break;
		case K_EACH: j.each = 1; break;
		case K_COMBINED: combined = 1; break;
		case CLI_K_ROSTER: roster = optarg; break;
		case K_IMAGES: j.images = optarg; break;
		case K_A3: j.ro.a3 = 1; break;
		case K_TEMPLATE: tpl = optarg; break;
		case K_PREP: j.ro.prep = 1; break;
		case K_CLASS: j.ro.cls.klass = optarg; break;
		case K_DATE:
			if (!tk_parse_date(optarg, NULL, NULL, NULL))
				return cli_usage(cmd, _("--date '%s': a date is written YYYY-MM-DD "
							"(2026-12-07)"), optarg);
			j.ro.cls.date = optarg;
			break;
		case K_TITLE: j.ro.cls.title = optarg; break;
		case K_NO_LOG: j.log = 0; break;
		case K_SHEET: sheet = optarg; break;
		case K_PANEL:
			if (cli_long(cmd, "--panel", optarg, 1, 99, &panel) < 0)
				return TK_EUSAGE;
			break;
		case K_THREADS:
			if (cli_long(cmd, "--threads", optarg, 1, 64, &j.threads) < 0)
				return TK_EUSAGE;
			break;
		case CLI_K_STANDARD: sid = optarg; break;
		default: return CLI_RESULT(c);
		}
	}
	if (sheet) {
		if (j.ro.key || j.ro.explanations || j.ro.prep || j.ro.seal_line || j.ro.a3 ||
		    j.each || combined || j.images || tpl)
			return cli_usage(cmd, "--sheet prints an appraisal's scoring sheets: --key, "
					 "--explanations, --prep, --seal-line, --a3, --each, "
					 "--combined, --images and --template are for papers");
		if (j.out == NULL)
			return cli_usage(cmd, "name the output with -o");
		return render_sheet(cmd, argc - optind, argv + optind, &j, sheet, sid, (int)panel,
				    roster);
	}
	if (panel || sid)
		return cli_usage(cmd, "--panel and --standard go with --sheet");
	if (j.ro.explanations && !j.ro.key)
		return cli_usage(cmd, "--explanations goes with --key");
	if (j.ro.key && j.ro.prep)
		return cli_usage(cmd, "--key or --prep, not both");
	if (j.each && combined)
		return cli_usage(cmd, "--each or --combined, not both");
	if (optind >= argc)
		return cli_usage(cmd, "no paper to render");
	if (j.out == NULL)
		return cli_usage(cmd, "name the output with -o");
	if (is_course(argv[optind])) {
		if (argc - optind > 1)
			return cli_usage(cmd, "a course folder is rendered alone: '%s' after it",
					 argv[optind + 1]);
		if (j.ro.key || j.ro.prep || j.ro.seal_line || j.each || combined || roster ||
		    j.ro.cls.klass || j.ro.cls.date || j.ro.cls.title)
			return cli_usage(cmd, "--key, --explanations, --prep, --seal-line, --each, "
				 "--combined, --roster, --class, --date and --title are for papers, "
				 "not a course");
		if (tpl)
			return cli_usage(cmd, "--template goes with a Word paper (-o PAPER.docx)");
		if ((rc = cli_out_file(cmd, j.out, ".pdf")) != TK_OK)
			return rc;
		return render_course(argv[optind], &j);
	}
	/* --each writes PDFs into a directory; otherwise -o is the one file, its
	   format by its extension */
	if (!j.each) {
		if (cli_has_ext(j.out, ".docx"))
			docx = 1;
		else if (!cli_has_ext(j.out, ".pdf"))
			return cli_usage(cmd, "'%s': render writes a PDF (.pdf) or a Word "
					 "document (.docx)", j.out);
	}
	if (tpl && !docx)
		return cli_usage(cmd, "--template goes with a Word paper (-o PAPER.docx)");
	if (docx) {
		if (j.ro.prep)
			return cli_usage(cmd, "--prep prints the 准备通知单 as PDF (-o PREP.pdf)");
		if (j.ro.a3 || j.ro.seal_line)
			return cli_usage(cmd, "--a3 and --seal-line are for PDF: a Word paper "
					 "takes its page from --template");
		if (combined || roster || argc - optind > 1)
			return cli_usage(cmd, "a Word document holds one paper: render the "
					 "papers one at a time");
		rc = render_docx(argv[optind], &j, tpl);
		plog_free(&j.plog);
		return rc;
	}
	if ((rc = render_list(cmd, argc - optind, argv + optind, roster, &j.list, &j.n)) != TK_OK)
		goto out;
	if (j.n > 1 && !j.each && !combined) {
		rc = cli_usage(cmd, "several papers: --each (one PDF each, -o DIR)"
			       " or --combined (one PDF)");
		goto out;
	}
	if (j.each) {
		struct tk_buf s = TK_BUF_INIT;
		if ((rc = each_names(cmd, j.list, j.n, j.ro.key ? ".key" : j.ro.prep ? ".prep" : "",
				      &j.names)) != TK_OK)
			goto out;
		if ((rc = cli_outdir_open(&j.dir, j.out)) != TK_OK)
			goto out;
		tk_buf_printf(&s, "%s/.tiku-render.XXXXXX", j.out);
		j.scratch = tk_buf_detach(&s);
		if (j.scratch == NULL || mkdtemp(j.scratch) == NULL) {
			free(j.scratch);
			j.scratch = NULL;
			tk_error_set(&err, TK_EINPUT, j.out, 0, "cannot write: %s", strerror(errno));
			rc = cli_fail(&err);
			goto out;
		}
	}
	{
		/* images a Word import put in the bank come from it */
		struct cli_images ci;
		cli_images_init(&ci, NULL);
		j.ro.store = &ci.store;
		rc = j.each ? render_each(&j, &err) : render_combined(&j, &err);
		j.ro.store = NULL;
		cli_images_release(&ci);
	}
	if (rc != TK_OK)
		goto out;
	if (j.each) {
		printf(dngettext(TK_DOMAIN, "%s: %d PDF", "%s: %d PDFs", (unsigned long)j.n),
		       j.out, j.n);
		printf(", ");
		printf(dngettext(TK_DOMAIN, "%d page", "%d pages", (unsigned long)j.pages), j.pages);
		putchar('\n');
	}
out:
	each_cleanup(&j);
	if (j.each)
		cli_outdir_close(&j.dir, rc != TK_OK);
	free(j.scratch);
	list_free(j.list);
	list_free(j.names);
	plog_free(&j.plog);
	return rc;
}

static const struct cli_opt render_opts[] = {
	CLI_OPT_OUTPUT(N_("the PDF or Word document, by its extension: .pdf or .docx "
			  "(with --each: the directory, made if need be)")),
	{"key", K_KEY, NULL, N_("the answer key: answers, rubrics of open items")},
	{"explanations", K_EXPLANATIONS, NULL, N_("with --key: each item's 解析 too")},
	{"prep", K_PREP, NULL,
	 N_("the 准备通知单 instead: the room and 机考 environment, equipment and "
	    "materials the site prepares, from the items' materials (NAME.prep.pdf)")},
	{"font", K_FONT, "FAMILY",
	 N_("the body font (default Noto Serif CJK SC; in Word 宋体, not checked here)")},
	{"a3", K_A3, NULL, N_("A3 landscape, two A4 pages to a sheet")},
	{"seal-line", K_SEAL_LINE, NULL,
	 N_("a 密封线 down the binding margin, the candidate fields along it")},
	{"each", K_EACH, NULL, N_("one PDF per paper: DIR/NAME.pdf (NAME.key.pdf)")},
	{"combined", K_COMBINED, NULL, N_("all papers in one PDF, in the order given")},
	CLI_OPT_ROSTER,
	{"sheet", K_SHEET, "ID",
	 N_("the scoring sheets (评分表) of the standard's appraisal ID instead: "
	    "a part of a scheme a panel scores by a rubric")},
	{"panel", K_PANEL, "N",
	 N_("with --sheet: N panel members sign (default: the fewest the appraisal allows)")},
	CLI_OPT_STANDARD,
	{"images", K_IMAGES, "DIR",
	 N_("where items' images (PNG; Word also JPEG, GIF) the bank does not keep are; "
	    "default: beside the paper (a course: none)")},
	{"template", K_TEMPLATE, "T.docx",
	 N_("a Word paper: the school's page, headers, footers and styles from T.docx")},
	{"class", K_CLASS, "CLASS",
	 N_("a practice paper: the class it is for, printed in its header (高二(3)班)")},
	{"date", K_DATE, "DATE",
	 N_("a practice paper: the date it is for, YYYY-MM-DD, printed and logged (default: "
	    "a blank to fill in; logged as today)")},
	{"title", K_TITLE, "TITLE", N_("a practice paper: its title line (default: the paper's)")},
	{"no-log", K_NO_LOG, NULL,
	 N_("do not log a practice paper's items as practice exposure (a draft to look at)")},
	{"threads", K_THREADS, "N",
	 N_("print many papers on at most N threads (default: one per core); the bytes "
	    "are the same whatever N")},
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_render = {
	"render", run_render,
	N_("print papers and answer keys as PDF or Word, a course handbook or an "
	   "appraisal's scoring sheets as PDF"),
	"PAPER.xml -o PAPER.pdf [options]\n"
	"PAPER.xml -o PAPER.docx [--key [--explanations]] [--template T.docx] [--font FAMILY]\n"
	"PAPER.xml --prep -o PREP.pdf\n"
	"COURSE -o HANDBOOK.pdf [--images DIR] [--font FAMILY] [--a3]\n"
	"PRACTICE.xml -o PAPER.pdf|PAPER.docx [--class CLASS] [--date DATE] [--title TITLE] [--no-log]\n"
	"PAPER.xml... --each -o DIR [options]\n"
	"PAPER.xml... --combined -o ALL.pdf [options]\n"
	"DIR --roster roster.csv (--each -o DIR | --combined -o ALL.pdf)\n"
	"[STANDARD.xml] --sheet ID -o SHEET.pdf [--panel N] [--roster roster.csv] "
	"[--standard ID]",
	N_("Lay out a paper for print, A4, with the fonts embedded: the header\n"
	   "(title, time, points, form, batch), candidate fields or the\n"
	   "candidate's own admission number and name, the 注意事项 box, the score\n"
	   "table (得分, 评分人, 复核人 for each part and the 总分), sections with\n"
	   "their points and a 得分/评分人 box (a section without items is left\n"
	   "out), items numbered through the paper, each with its points where a\n"
	   "section's items differ, true/false items with their （　）, a skill\n"
	   "paper's tasks with their suggested time, options in four, two or one\n"
	   "columns as their width allows, ruled space for open answers (numbered\n"
	   "（1）（2） as the item's questions are), and 第 X 页 共 Y 页 with the\n"
	   "paper's id, form and seed on every page.  An item stays on one page\n"
	   "with its options, an answer space on one page unless longer.  Straight\n"
	   "quotes in Chinese text print as “” and ‘’, and lines break by the\n"
	   "Chinese rules (no line starts with 。，、）).  The same paper gives\n"
	   "the same bytes.\n\n"
	   "--key prints the answers (fill answers as people write them, 61.00\n"
	   "（或 61）), open items' reference answers and rubrics; a skill paper's\n"
	   "key gives each task again, its reference answer and the examiner's\n"
	   "评分记录表 (criteria, 配分, 扣分, 得分, 考评员签字).  --prep prints the\n"
	   "准备通知单: what the site prepares for the paper (the room and 机考\n"
	   "environment, equipment, materials), from the items' <materials>, each\n"
	   "with the numbers of the items that need it.\n\n"
	   "-o names the one PDF written; with --each, the directory the PDFs go\n"
	   "into, made with its parents if need be.  With --roster, DIR holds a\n"
	   "batch's candidate papers (tiku batch papers), rendered in roster\n"
	   "order; --combined finds images beside the first paper unless --images\n"
	   "says.  Images the bank keeps (an import stores there the PNG and JPEG\n"
	   "pictures of Word documents and of items files) are taken from the bank\n"
	   "first, for PDF and Word.  Every PDF is written whole or not at all,\n"
	   "and a render that fails leaves none of its PDFs.\n\n"
	   "COURSE, a folder holding course.xml, prints as a trainer's handbook\n"
	   "(讲义): a title page (course, standard and level, 学时, version), the\n"
	   "contents with page numbers, then each module's lessons -- the body with\n"
	   "its call-outs framed, 话术 in two columns, tables, code and PNG images\n"
	   "(other formats are refused: convert them) -- each followed by its\n"
	   "practice items, each module's test, the mock exam (模拟试卷) as a paper,\n"
	   "and at the end 参考答案: answers, reference answers with rubrics and\n"
	   "解析 for every lesson and test.  Practice is drawn from the bank as\n"
	   "tiku bundle draws it; the same course, bank and seeds give the same\n"
	   "bytes.  Items that show images the bank does not keep need --images\n"
	   "DIR.  A lesson that cannot\n"
	   "be read or an image that cannot be printed is named with its file and\n"
	   "line, and nothing is written.\n\n"
	   "-o PAPER.docx writes the paper, or with --key its key, as a Word\n"
	   "document to edit: the same content in the same order, items in a\n"
	   "numbered list, options at tab stops, tables and images (PNG, JPEG,\n"
	   "GIF) in place, fill answers as people write them, 第X页 共Y页 from\n"
	   "Word's page fields.  Every font comes from a named style (试卷标题,\n"
	   "大题标题, 试题, 选项, 答案 ...; 宋体 and 黑体), so restyling is editing\n"
	   "the styles.  --template T.docx takes the school's page size, margins\n"
	   "and orientation, headers, footers and styles from their document; the\n"
	   "paper's styles are added where it has none of that name, so a paper\n"
	   "restyled in Word and given back as the template prints in its styles.\n"
	   "One paper to a document; --a3, --seal-line, --each and --combined are\n"
	   "for PDF.  The same paper and template give the same bytes.\n\n"
	   "A practice paper (its blueprint says purpose=\"practice\") prints with a\n"
	   "class header instead of the exam's: the title line (--title, else the\n"
	   "paper's), 班级 (--class), 日期 (--date), the time and points, and\n"
	   "blanks for 姓名 and 学号 (and for 班级 and 日期 when not given); no\n"
	   "准考证号, no 考点, no 标封 (--seal-line is refused), and its 注意事项 ask\n"
	   "for the name and number.  In PDF and Word alike.  Printing it (the paper,\n"
	   "not its key) logs its items in the bank as practice exposure, for that\n"
	   "class on that date (today without --date), in one step with the file:\n"
	   "tiku show ID lists them, and tiku assemble --avoid-since DATE keeps them\n"
	   "out of later papers.  The same paper for the same class and date is\n"
	   "logged once; --no-log prints a draft without logging.  --class, --date\n"
	   "and --title on an official paper are refused.\n\n"
	   "--sheet ID prints the scoring sheets (评分表) of an appraisal: a part\n"
	   "of a standard's assessment scheme that a panel scores by a rubric (a\n"
	   "submitted plan, a defence), as the standard declares it -- of the\n"
	   "standard file named, else of the bank's (--standard).  A page per\n"
	   "candidate: the standard, level and appraisal, how it is held, the\n"
	   "candidate's 姓名, 准考证号, 考点 and 日期 (from --roster, else blank),\n"
	   "the task, the criteria with 配分, 得分 and 评语 and their total, the\n"
	   "panel's opinion and result, and a signature line for each of the\n"
	   "--panel N members (评委) and the 组长.  A rubric that is sample content\n"
	   "says so on the sheet.  An appraisal whose criteria do not add up to\n"
	   "its points, or an id the standard does not have, is named with the\n"
	   "file and line, and nothing is written; a panel smaller than the\n"
	   "appraisal allows, or even where it must be odd, is refused.\n"),
	render_opts, NULL, 0
};
