/*
 * batch.c -- official papers for an exam batch (tiku batch): its
 * parallel forms, each candidate's own paper and key (千人千卷), the
 * commit that records exposure, and the audit.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assemble.h"
#include "batch.h"
#include "commands.h"
#include "util.h"

enum { K_NAME = CLI_K_OWN, K_ONLY, K_CANDIDATES };

/* ---- the folder a batch writes into ------------------------------------ */

/* ---- candidates' papers ------------------------------------------------- */

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
	struct cli_outdir *dir;     /* the writer's alone while it runs */
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

static int write_job(struct cli_outdir *dir, struct out_job *j, struct tk_error *err)
{
	struct tk_buf name = TK_BUF_INIT;
	int rc;

	tk_buf_printf(&name, "%s.xml", j->admission);
	rc = name.oom ? tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") :
	     cli_outdir_write(dir, name.s, &j->xml, 1, err);
	tk_buf_reset(&name);
	tk_buf_printf(&name, "%s.key.csv", j->admission);
	if (rc == TK_OK)
		rc = name.oom ? tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") :
		     cli_outdir_write(dir, name.s, &j->key, 1, err);
	tk_buf_free(&name);
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
static int queue_candidate(struct candidate_out *co, const struct tk_candidate *c,
			   const struct tk_paper *p, const struct tk_buf *key,
			   struct tk_error *err)
{
	struct out_job j = {TK_BUF_INIT, TK_BUF_INIT, NULL};

	if (!tk_roster_admission_ok(c->admission))
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
		fprintf(stderr, "\r");
		fprintf(stderr, _("candidates: %d of %d"), co->done, co->total);
		if (co->done == co->total)
			fputs("\r\033[K", stderr);
	}
	return TK_OK;
}

/*
 * What a batch run writes waits in DIR/.tiku-batch.XXXXXX (the name says
 * it is unfinished, should the run be killed) and is moved into DIR only
 * when every file is complete; the bank commits after that, so a run
 * that fails leaves neither files nor changes.
 */
struct batch_run {
	struct cli_outdir *dir;     /* -o DIR; NULL: no files */
	struct cli_outdir stage;    /* the files waiting, in scratch */
	char *scratch;
	struct candidate_out *co;   /* the writer of candidates' papers; NULL: none */
	const char *id;
};

static int stage_open(struct batch_run *r, struct tk_error *err)
{
	struct tk_buf s = TK_BUF_INIT;

	memset(&r->stage, 0, sizeof r->stage);
	tk_buf_printf(&s, "%s/.tiku-batch.XXXXXX", r->dir->path);
	if ((r->scratch = tk_buf_detach(&s)) == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	if (mkdtemp(r->scratch) == NULL) {
		free(r->scratch);
		r->scratch = NULL;
		return tk_error_set(err, TK_EINPUT, r->dir->path, 0, "cannot write: %s",
				    strerror(errno));
	}
	r->stage.path = r->scratch;
	return TK_OK;
}

/* Remove what still waits, and the scratch folder. */
static void stage_close(struct batch_run *r)
{
	if (r->scratch == NULL)
		return;
	cli_outdir_close(&r->stage, 1);
	rmdir(r->scratch);
	free(r->scratch);
	r->scratch = NULL;
}

/* Did this run make DIR itself (so that nothing else is in it)? */
static int dir_is_new(const struct cli_outdir *d)
{
	const struct tk_buf *m = &d->made;
	size_t off;

	for (off = 0; off < m->len; off += strlen(m->s + off) + 1)
		if (strcmp(m->s + off, d->path) == 0)
			return 1;
	return 0;
}

/*
 * A DIR the run made holds nothing but the scratch folder: the scratch
 * folder becomes DIR by renames of folders, so that a kill leaves DIR
 * with none of the files or all of them, never some.  The scratch goes
 * out beside DIR first (a folder cannot replace its own parent), then
 * takes DIR's place.
 */
static int publish_whole(struct batch_run *r, struct tk_error *err)
{
	struct tk_buf side = TK_BUF_INIT;
	const struct tk_buf *names = &r->stage.files;
	const char *suffix = strrchr(r->scratch, '.');
	size_t n = strlen(r->dir->path), off;
	int rc = TK_OK;

	while (n > 1 && r->dir->path[n - 1] == '/')
		n--;
	tk_buf_printf(&side, "%.*s%s", (int)n, r->dir->path, suffix);
	if (side.oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	else if (rename(r->scratch, side.s) != 0)
		rc = tk_error_set(err, TK_EINPUT, r->dir->path, 0, "cannot write: %s",
				  strerror(errno));
	else if (rmdir(r->dir->path) != 0 || rename(side.s, r->dir->path) != 0) {
		rc = tk_error_set(err, TK_EINPUT, r->dir->path, 0, "cannot write: %s",
				  strerror(errno));
		/* back where stage_close will find it */
		mkdir(r->dir->path, 0777);
		rename(side.s, r->scratch);
	}
	for (off = 0; rc == TK_OK && off < names->len; off += strlen(names->s + off) + 1)
		tk_buf_add(&r->dir->files, names->s + off, strlen(names->s + off) + 1);
	if (rc == TK_OK && r->dir->files.oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	if (rc == TK_OK)
		tk_buf_reset(&r->stage.files);      /* moved, nothing waits */
	tk_buf_free(&side);
	return rc;
}

/*
 * Move every waiting file into DIR.  A folder in the way is found before
 * anything moves; the files moved are DIR's run's, taken back if the run
 * fails after all.
 */
static int publish(struct batch_run *r, struct tk_error *err)
{
	struct tk_buf from = TK_BUF_INIT, to = TK_BUF_INIT;
	const struct tk_buf *names = &r->stage.files;
	struct stat st;
	size_t off;
	int rc = TK_OK;

	if (dir_is_new(r->dir)) {
		rc = publish_whole(r, err);
		stage_close(r);
		if (rc == TK_OK)
			rc = tk_sync_dir(r->dir->path, err);
		return rc;
	}

	for (off = 0; rc == TK_OK && off < names->len; off += strlen(names->s + off) + 1) {
		cli_outdir_path(r->dir, names->s + off, &to);
		if (to.oom)
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		else if (lstat(to.s, &st) == 0 && S_ISDIR(st.st_mode))
			rc = tk_error_set(err, TK_EINPUT, to.s, 0, "cannot write: %s",
					  strerror(EISDIR));
	}
	for (off = 0; rc == TK_OK && off < names->len; off += strlen(names->s + off) + 1) {
		const char *name = names->s + off;
		cli_outdir_path(&r->stage, name, &from);
		cli_outdir_path(r->dir, name, &to);
		if (from.oom || to.oom)
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		else if (rename(from.s, to.s) != 0)
			rc = tk_error_set(err, TK_EINPUT, to.s, 0, "cannot write: %s",
					  strerror(errno));
		else
			tk_buf_add(&r->dir->files, name, strlen(name) + 1);
	}
	if (rc == TK_OK && r->dir->files.oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	tk_buf_free(&from);
	tk_buf_free(&to);
	stage_close(r);
	/* durable once, at the end, rather than file by file */
	if (rc == TK_OK)
		rc = tk_sync_dir(r->dir->path, err);
	return rc;
}

/* tk_batch_candidates' and tk_batch_generate_out's callback: queue each
 * paper; on the final call finish writing and move the files into place. */
static int run_output(void *ud, const struct tk_candidate *c, const struct tk_paper *p,
		      const struct tk_buf *key, struct tk_error *err)
{
	struct batch_run *r = ud;
	int rc = TK_OK;

	if (c != NULL)
		return queue_candidate(r->co, c, p, key, err);
	if (r->co)
		rc = finish_writer(r->co, err);
	if (rc == TK_OK && r->dir)
		rc = publish(r, err);
	return rc;
}

static int start_writer(struct batch_run *r, int n, struct tk_error *err)
{
	struct candidate_out *co = calloc(1, sizeof *co);

	if (co == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	co->dir = &r->stage;
	co->total = n;
	co->tty = isatty(STDERR_FILENO);
	pthread_mutex_init(&co->mu, NULL);
	pthread_cond_init(&co->more, NULL);
	pthread_cond_init(&co->room, NULL);
	r->co = co;
	if (pthread_create(&co->th, NULL, writer_thread, co) != 0)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot start a thread");
	co->running = 1;
	return TK_OK;
}

static void stop_writer(struct batch_run *r)
{
	struct tk_error e2 = {0};

	if (r->co == NULL)
		return;
	finish_writer(r->co, &e2);   /* stopped early: the writer still has to stop */
	pthread_cond_destroy(&r->co->room);
	pthread_cond_destroy(&r->co->more);
	pthread_mutex_destroy(&r->co->mu);
	free(r->co);
	r->co = NULL;
}

/* ---- shared ------------------------------------------------------------ */

struct batch_opts {
	const char *blueprint, *name, *dir, *roster, *only;
	long seed;              /* -1: none given */
	int candidates;         /* show: every paper */
};

/*
 * Parse a batch subcommand: its options into o, then nargs arguments (the
 * batch's ID, or none).  Like cli_no_options: *done set when the caller
 * returns the status at once; else the ID is argv[optind].
 */
static int batch_args(const struct cli_cmd *cmd, int argc, char **argv, int nargs,
		      struct batch_opts *o, int *done)
{
	int c;

	*done = 1;
	memset(o, 0, sizeof *o);
	o->seed = -1;
	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case CLI_K_BLUEPRINT: o->blueprint = optarg; break;
		case K_NAME: o->name = optarg; break;
		case CLI_K_SEED:
			if (cli_long(cmd, "--seed", optarg, 0, LONG_MAX, &o->seed) < 0)
				return TK_EUSAGE;
			break;
		case 'o': o->dir = optarg; break;
		case CLI_K_ROSTER: o->roster = optarg; break;
		case K_ONLY: o->only = optarg; break;
		case K_CANDIDATES: o->candidates = 1; break;
		default: return CLI_RESULT(c);
		}
	}
	if (argc - optind < nargs)
		return cli_usage(cmd, _("%s is missing"), "ID");
	if (argc - optind > nargs)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind + nargs]);
	if (o->dir && o->dir[0] == '\0')
		return cli_usage(cmd, "%s", _("-o names no folder"));
	*done = 0;
	return TK_OK;
}

/* Report a failure of the core: the diagnosis of what binds, else the
 * error (failures reported where they happened left err empty). */
static int batch_end(struct tk_bank *b, int rc, struct tk_diags *d, const struct tk_error *err)
{
	if (rc != TK_OK) {
		tk_diags_print(d, stderr);
		if ((d->n == 0 || rc != TK_FAIL) && err->msg[0])
			cli_fail(err);
	}
	tk_diags_free(d);
	cli_close_bank(b);
	return rc;
}

/* The candidates: the roster's, or with --only the one it names (from the
 * roster, or just the admission number).  Reports its failures. */
static int candidates(const struct cli_cmd *cmd, const char *roster, const char *only,
		      struct tk_candidate **v, int *n, char **store)
{
	struct tk_error err = {0};
	int i;

	*v = NULL;
	*n = 0;
	*store = NULL;
	if (roster && tk_roster_read(roster, v, n, store, &err) != TK_OK)
		return cli_fail(&err);
	if (only == NULL)
		return TK_OK;
	if (roster) {
		for (i = 0; i < *n && strcmp((*v)[i].admission, only); i++)
			;
		if (i == *n)
			return cli_usage(cmd, _("no candidate %s in the roster"), only);
		(*v)[0] = (*v)[i];
	} else if ((*v = calloc(1, sizeof **v)) == NULL) {
		return TK_EINTERNAL;
	} else {
		(*v)[0].admission = only;
	}
	*n = 1;
	return TK_OK;
}

/* ---- batch subcommands ------------------------------------------------- */

static int run_batch_new(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct batch_opts o;
	struct tk_bank *b = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	uint64_t seed;
	int done, rc = batch_args(cmd, argc, argv, 1, &o, &done);

	if (done)
		return rc;
	if (o.blueprint == NULL)
		return cli_usage(cmd, "%s", _("--blueprint is required"));
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	seed = o.seed < 0 ? tk_assemble_seed() : (uint64_t)o.seed;
	if ((rc = tk_batch_new(b, argv[optind], o.name, o.blueprint, seed, &err)) == TK_OK)
		printf(_("batch %s: seed %llu\n"), argv[optind], (unsigned long long)seed);
	return batch_end(b, rc, &d, &err);
}

/* tk_batch_generate_out's forms: printed, and with -o written (to wait
 * for the rest) as ID-A.xml, ID-B.xml ... */
static int put_forms(void *ud, struct tk_paper *const *forms, int nf, struct tk_error *err)
{
	struct batch_run *r = ud;
	int i, rc = TK_OK;

	for (i = 0; i < nf && rc == TK_OK; i++) {
		printf(_("batch %s: form %s, paper %s, %d items, %d points\n"), r->id,
		       forms[i]->form, forms[i]->id, tk_paper_count(forms[i]), forms[i]->points);
		if (r->dir) {
			struct tk_buf x = TK_BUF_INIT, name = TK_BUF_INIT;
			tk_paper_xml(forms[i], &x);
			tk_buf_printf(&name, "%s-%s.xml", r->id, forms[i]->form);
			rc = name.oom ? tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") :
			     cli_outdir_write(&r->stage, name.s, &x, 1, err);
			tk_buf_free(&x);
			tk_buf_free(&name);
		}
	}
	return rc;
}

/*
 * batch generate (forms set) and batch papers: the forms, then the
 * candidates' papers, into the folder -o names.  The folder is made
 * first, so that a bad one fails before the work; the files wait in it
 * until all are written, and the bank commits once they are in place.
 */
static int batch_write(const struct cli_cmd *cmd, int argc, char **argv, int forms)
{
	struct batch_opts o;
	struct cli_outdir dir;
	struct batch_run run;
	struct tk_bank *b = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_candidate *cands = NULL;
	char *store = NULL;
	int done, rc = batch_args(cmd, argc, argv, 1, &o, &done), n = 0, opened = 0;

	if (done)
		return rc;
	memset(&run, 0, sizeof run);
	run.id = argv[optind];
	if (!forms && o.roster == NULL && o.only == NULL)
		return cli_usage(cmd, "%s", _("papers need --roster (or --only ADMISSION)"));
	if ((o.roster || o.only) && o.dir == NULL)
		return cli_usage(cmd, "%s", _("per-candidate papers need -o DIR"));
	if ((rc = candidates(cmd, o.roster, o.only, &cands, &n, &store)) != TK_OK)
		goto out;
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		goto out;
	if (o.dir) {
		opened = 1;
		if ((rc = cli_outdir_open(&dir, o.dir)) != TK_OK)
			goto out;
		run.dir = &dir;
		if ((rc = stage_open(&run, &err)) != TK_OK)
			goto out;
	}
	if (n > 0 && (rc = start_writer(&run, n, &err)) != TK_OK)
		goto out;
	if (forms)
		rc = tk_batch_generate_out(b, run.id, put_forms, cands, n,
					   run.dir ? run_output : NULL, &run, &d, &err);
	else
		rc = tk_batch_candidates(b, run.id, cands, n, run_output, &run, &err);
	if (rc == TK_OK && n > 0)
		printf(dngettext(TK_DOMAIN, "batch %s: %d candidate paper and key in %s\n",
				 "batch %s: %d candidate papers and keys in %s\n", (unsigned long)n),
		       run.id, n, o.dir);
out:
	stop_writer(&run);
	stage_close(&run);
	if (opened)
		cli_outdir_close(&dir, rc != TK_OK);
	free(cands);
	free(store);
	return batch_end(b, rc, &d, &err);
}

static int run_batch_generate(const struct cli_cmd *cmd, int argc, char **argv)
{
	return batch_write(cmd, argc, argv, 1);
}

static int run_batch_papers(const struct cli_cmd *cmd, int argc, char **argv)
{
	return batch_write(cmd, argc, argv, 0);
}

static int run_batch_commit(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct batch_opts o;
	struct tk_bank *b = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	int done, rc = batch_args(cmd, argc, argv, 1, &o, &done);

	if (done)
		return rc;
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if ((rc = tk_batch_commit(b, argv[optind], &err)) == TK_OK)
		printf(_("batch %s: committed; its items count as exposed\n"), argv[optind]);
	return batch_end(b, rc, &d, &err);
}

static int run_batch_show(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct batch_opts o;
	struct tk_bank *b = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_buf out = TK_BUF_INIT;
	int done, rc = batch_args(cmd, argc, argv, 1, &o, &done);

	if (done)
		return rc;
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if ((rc = tk_batch_show(b, argv[optind], o.candidates, &out, &err)) == TK_OK)
		fputs(tk_buf_str(&out), stdout);
	tk_buf_free(&out);
	return batch_end(b, rc, &d, &err);
}

static int list_row(void *ud, const char *id, const char *state, int forms,
		    const char *name)
{
	(void)ud;
	printf("%-24s %-10s ", id, state);
	printf(dngettext(TK_DOMAIN, "%d form", "%d forms", (unsigned long)forms), forms);
	printf("  %s\n", name ? name : "");
	return 0;
}

static int run_batch_list(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct batch_opts o;
	struct tk_bank *b = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	int done, rc = batch_args(cmd, argc, argv, 0, &o, &done);

	if (done)
		return rc;
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	rc = tk_batch_list(b, list_row, NULL, &err);
	return batch_end(b, rc, &d, &err);
}

static const struct cli_opt batch_new_opts[] = {
	CLI_OPT_BLUEPRINT,
	{"name", K_NAME, "NAME", N_("the batch's name (2023年第七次统考)")},
	CLI_OPT_SEED,
	CLI_OPT_END
};

static const struct cli_opt batch_generate_opts[] = {
	CLI_OPT_OUTPUT(N_("write the forms (and candidates' papers) into this folder")),
	CLI_OPT_ROSTER,
	CLI_OPT_END
};

static const struct cli_opt batch_papers_opts[] = {
	CLI_OPT_OUTPUT(N_("write the candidates' papers and keys into this folder")),
	CLI_OPT_ROSTER,
	{"only", K_ONLY, "ADMISSION", N_("only this candidate's paper")},
	CLI_OPT_END
};

static const struct cli_cmd batch_new = {
	"batch new", run_batch_new, N_("a new batch to a blueprint"),
	"ID --blueprint FILE [--name NAME] [--seed N]",
	N_("Keep a new batch in the bank with its blueprint and seed; without\n"
	   "--seed one is drawn and printed.\n"),
	batch_new_opts, NULL, 0
};

static const struct cli_cmd batch_generate = {
	"batch generate", run_batch_generate, N_("draw a batch's parallel forms"),
	"ID [-o DIR] [--roster roster.csv]",
	N_("Draw the batch's parallel forms (A/B/C卷: the blueprint's count), each\n"
	   "valid, sharing within the blueprint's limit, their mean difficulties\n"
	   "within the blueprint's forms tolerance (0.1 unless <forms tolerance>\n"
	   "says), items on committed batches excluded or limited as the\n"
	   "blueprint's exposure rule says.  The forms are drawn together: when\n"
	   "one cannot be found, the set is drawn again from further seeds derived\n"
	   "from the batch seed; when none works, the short section x area cells\n"
	   "are named.  -o writes them as DIR/ID-A.xml ..., making DIR and its\n"
	   "parents first.  With --roster, the candidates'\n"
	   "papers too, as batch papers writes them.  Until commit nothing counts:\n"
	   "generate again as often as wanted.  A run that fails leaves no file.\n"),
	batch_generate_opts, NULL, 0
};

static const struct cli_cmd batch_papers = {
	"batch papers", run_batch_papers, N_("each candidate's own paper and key"),
	"ID -o DIR --roster roster.csv [--only ADMISSION]",
	N_("Per-candidate papers (千人千卷): with a roster (columns 准考证号, 姓名,\n"
	   "考点), each candidate gets one of the forms with items and options\n"
	   "shuffled from the batch seed and the admission number alone -- the\n"
	   "same bytes whenever regenerated -- written as DIR/ADMISSION.xml with\n"
	   "its answer key DIR/ADMISSION.key.csv.  DIR and its parents are made\n"
	   "first; a run that fails leaves no file.  Every paper generated is in\n"
	   "the audit that batch show prints.\n\n"
	   "Every row of the roster needs all three columns; an admission number\n"
	   "names files, so it holds only letters, digits, '-', '_' and '.'; a\n"
	   "header naming any other column is refused (file:line), as is a\n"
	   "number seen twice.  The files wait in DIR/.tiku-batch.XXXXXX until\n"
	   "all are written and are then moved into DIR; the audit commits after\n"
	   "that, so a run that fails or is killed leaves no paper in DIR and no\n"
	   "audit row.\n"),
	batch_papers_opts, NULL, 0
};

static const struct cli_cmd batch_commit = {
	"batch commit", run_batch_commit, N_("record a batch's items as exposed"), "ID",
	N_("Record the forms' items as exposed, for the exposure rules of later\n"
	   "batches; the batch cannot change after.\n"),
	NULL, NULL, 0
};

static const struct cli_opt batch_show_opts[] = {
	{"candidates", K_CANDIDATES, NULL, N_("list every paper generated, one a line")},
	CLI_OPT_END
};

static const struct cli_cmd batch_show = {
	"batch show", run_batch_show, N_("a batch's state and audit"), "ID [--candidates]",
	N_("Print the batch, its forms and a summary of its audit, a screenful\n"
	   "whatever the number of candidates: how many papers were generated\n"
	   "(forms, candidates' papers), when, by whom ($USER or --by), and from\n"
	   "which state of the bank.  --candidates lists every paper generated:\n"
	   "when, by whom, form, candidate, seed and bank digest.  Batch runs,\n"
	   "commits and packing are in tiku log too.\n"),
	batch_show_opts, NULL, 0
};

static const struct cli_cmd batch_list = {
	"batch list", run_batch_list, N_("the batches in the bank"), "",
	N_("List the bank's batches: id, state, number of forms and name.\n"),
	NULL, NULL, 0
};

static const struct cli_cmd *const batch_subs[] = {
	&batch_new, &batch_generate, &batch_papers, &batch_commit, &batch_show, &batch_list,
	NULL
};

const struct cli_cmd cli_cmd_batch = {
	"batch", NULL, N_("official papers for an exam batch"), NULL,
	N_("A batch (统考批次) keeps its blueprint and seed.  generate draws its\n"
	   "parallel forms (A/B/C卷: the blueprint's count), each valid, sharing\n"
	   "within the blueprint's limit, their mean difficulties within the\n"
	   "blueprint's forms tolerance (0.1 by default), items on committed\n"
	   "batches excluded or limited as the blueprint's exposure rule says; -o\n"
	   "writes them as DIR/ID-A.xml ...  Until commit nothing\n"
	   "counts: generate again as often as wanted.  commit records the forms'\n"
	   "items as exposed.\n\n"
	   "Per-candidate papers (千人千卷): with a roster (columns 准考证号, 姓名,\n"
	   "考点), each candidate gets one of the forms with items and options\n"
	   "shuffled from the batch seed and the admission number alone -- the\n"
	   "same bytes whenever regenerated -- written as DIR/ADMISSION.xml with\n"
	   "its answer key DIR/ADMISSION.key.csv.  Every paper generated is in the\n"
	   "audit that show prints: when, by whom ($USER or --by), seed, blueprint\n"
	   "and bank digests.\n"),
	NULL, batch_subs, 0
};
