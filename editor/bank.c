/* bank.c -- the SQLite bank: schema, migrations, items with history. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "bank.h"
#include "fts.h"
#include "image.h"
#include "util.h"
#include "xml.h"

/*
 * Migrations, applied in order inside one transaction each; the bank's
 * user_version is the number applied.  Never edit a shipped entry: add one
 * at its number ([N - 1]).
 */
static const char *migrations[] = {
	/* 1: standards, items, history, full-text index.  The index is kept
	   up to date by tk_bank_put_item, not by triggers: a bank is opened
	   with trusted_schema off, under which triggers may not touch it. */
	[0] = "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE standard("
	"  id TEXT PRIMARY KEY, hash TEXT NOT NULL, xml TEXT NOT NULL,"
	"  file TEXT, updated TEXT NOT NULL);"
	"CREATE TABLE item("
	"  rowid INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	"  standard TEXT NOT NULL REFERENCES standard(id),"
	"  version INTEGER NOT NULL CHECK (version > 0),"
	"  type TEXT NOT NULL, level TEXT NOT NULL, kind TEXT NOT NULL,"
	"  points INTEGER NOT NULL, difficulty INTEGER NOT NULL,"
	"  time INTEGER NOT NULL, status TEXT NOT NULL, author TEXT,"
	"  stem TEXT NOT NULL,"      /* plain text, for display and lint */
	"  enemies TEXT NOT NULL DEFAULT '',"   /* space separated, for assembly */
	"  text TEXT NOT NULL,"      /* stem, options, keywords: what search sees */
	"  hash TEXT NOT NULL, xml TEXT NOT NULL,"
	"  file TEXT, line INTEGER, updated TEXT NOT NULL);"
	/* filters by standard, level and kind; and all that assembly reads
	   of every eligible item, without touching the rows */
	"CREATE INDEX item_filter ON item(standard, level, kind, id, type, status,"
	"  points, difficulty, hash, enemies);"
	"CREATE TABLE item_code("
	"  item INTEGER NOT NULL REFERENCES item(rowid) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, code TEXT NOT NULL,"
	"  PRIMARY KEY(item, pos)) WITHOUT ROWID;"
	"CREATE INDEX item_code_code ON item_code(code);"
	/* earlier versions of items; the current one lives in item */
	"CREATE TABLE item_history("
	"  id TEXT NOT NULL, version INTEGER NOT NULL, hash TEXT NOT NULL,"
	"  xml TEXT NOT NULL, file TEXT, line INTEGER, created TEXT NOT NULL,"
	"  UNIQUE(id, version));"
	"CREATE VIRTUAL TABLE item_fts USING fts5("
	"  text, content='item', content_rowid='rowid', tokenize='tiku',"
	"  detail='none');",
	/* 2: the journal of commands, for log, undo and redo.  A change row
	   holds the state of one item or standard that its command replaced
	   (NULL: it did not exist); undo swaps it with the state then current,
	   so that the same row serves redo. */
	[1] = "CREATE TABLE journal("
	"  seq INTEGER PRIMARY KEY, time TEXT NOT NULL, user TEXT NOT NULL,"
	"  command TEXT NOT NULL, summary TEXT NOT NULL,"
	"  state TEXT NOT NULL DEFAULT 'done'"
	"    CHECK (state IN ('done', 'undone', 'dropped')));"
	"CREATE TABLE journal_change("
	"  seq INTEGER NOT NULL REFERENCES journal(seq) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('item', 'standard', 'script', 'paper')),"
	"  key TEXT NOT NULL,"
	"  context TEXT,"   /* item: its standard; standard: its file; script: kind event */
	"  image TEXT,"
	"  PRIMARY KEY(seq, ord));"
	/* Lua scripts that travel with the bank (house lint rules, hooks):
	   untrusted, run only in the sandbox */
	"CREATE TABLE script("
	"  name TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('lint', 'hook')),"
	"  event TEXT, code TEXT NOT NULL, updated TEXT NOT NULL);",
	/* 3: exam batches, their forms, the exposure of items on committed
	   batches, and the audit of every paper generated */
	[2] = "CREATE TABLE batch("
	"  id TEXT PRIMARY KEY, name TEXT NOT NULL, standard TEXT NOT NULL,"
	"  blueprint TEXT NOT NULL, blueprint_digest TEXT NOT NULL,"
	"  seed TEXT NOT NULL, forms INTEGER NOT NULL,"
	"  state TEXT NOT NULL CHECK (state IN ('new', 'generated', 'committed')),"
	"  created TEXT NOT NULL, committed TEXT);"
	"CREATE TABLE batch_form("
	"  batch TEXT NOT NULL REFERENCES batch(id) ON DELETE CASCADE,"
	"  form TEXT NOT NULL, paper TEXT NOT NULL, xml TEXT NOT NULL,"
	"  PRIMARY KEY(batch, form)) WITHOUT ROWID;"
	"CREATE TABLE exposure("
	"  item TEXT NOT NULL, batch TEXT NOT NULL REFERENCES batch(id), form TEXT NOT NULL,"
	"  PRIMARY KEY(item, batch, form)) WITHOUT ROWID;"
	"CREATE TABLE audit("
	"  seq INTEGER PRIMARY KEY, time TEXT NOT NULL, user TEXT NOT NULL,"
	"  batch TEXT, paper TEXT NOT NULL, form TEXT, candidate TEXT,"
	"  seed TEXT NOT NULL, blueprint_digest TEXT NOT NULL, bank_digest TEXT NOT NULL);"
	/* papers teachers compose by hand, item by item */
	"CREATE TABLE paper("
	"  id TEXT PRIMARY KEY, standard TEXT NOT NULL, title TEXT NOT NULL,"
	"  blueprint TEXT NOT NULL, created TEXT NOT NULL);"
	"CREATE TABLE paper_item("
	"  paper TEXT NOT NULL REFERENCES paper(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, item TEXT NOT NULL,"
	"  PRIMARY KEY(paper, pos)) WITHOUT ROWID;",
	/* 4: assembly reads each eligible item's expected time too (the
	   time rule, #15): the covering index carries it, so that drawing
	   from a large bank still never touches the rows */
	[3] = "DROP INDEX item_filter;"
	"CREATE INDEX item_filter ON item(standard, level, kind, id, type, status,"
	"  points, difficulty, hash, enemies, time);",
	/* 5: the audit of official work that changes no item --
	   batch generate, papers and commit, pack, sealing, and edits of
	   items that sit on committed forms -- with who, when and the bank
	   and blueprint digests, shown by `tiku log` beside the journal. */
	[4] = "CREATE TABLE IF NOT EXISTS audit_event("
	"  seq INTEGER PRIMARY KEY, time TEXT NOT NULL, user TEXT NOT NULL,"
	"  command TEXT NOT NULL, batch TEXT, summary TEXT NOT NULL,"
	"  bank_digest TEXT NOT NULL DEFAULT '', blueprint_digest TEXT NOT NULL DEFAULT '');",
	/* 6: images items show, kept in the bank (a Word document's
	   pictures), named by the SHA-256 of their bytes: the same picture
	   imported twice is one row, and a row never changes, so that undo
	   need not know of them (an image no item shows any more is
	   harmless) */
	[5] = "CREATE TABLE image("
	"  name TEXT PRIMARY KEY,"
	"  type TEXT NOT NULL CHECK (type IN ('png', 'jpeg')),"
	"  data BLOB NOT NULL, created TEXT NOT NULL);",
	/* 7: reviews of items: approvals, rejections and comments, with who,
	   when, the version they concern and the journal entry of the status
	   change they made (NULL for a comment, which changes nothing) */
	[6] = "CREATE TABLE IF NOT EXISTS review("
	"  seq INTEGER PRIMARY KEY, item TEXT NOT NULL, version INTEGER NOT NULL,"
	"  time TEXT NOT NULL, user TEXT NOT NULL,"
	"  action TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'comment')),"
	"  comment TEXT NOT NULL DEFAULT '', journal INTEGER);"
	"CREATE INDEX IF NOT EXISTS review_item ON review(item, seq);",
	/* 8: an item's first code, the one that places it in the weight
	   table, beside its other columns: assembly read it through a
	   lookup in item_code per eligible item, half its time at 100,000
	   items; in the covering index it costs none (#15) */
	[7] = "ALTER TABLE item ADD COLUMN code TEXT;"
	"UPDATE item SET code = (SELECT code FROM item_code WHERE item = item.rowid AND pos = 0);"
	"DROP INDEX item_filter;"
	"CREATE INDEX item_filter ON item(standard, level, kind, id, type, status,"
	"  points, difficulty, hash, enemies, time, code);",
	/* 9: practice exposure, apart from the official exposure of committed
	   batches: each practice paper printed (tiku render of a paper whose
	   blueprint says purpose="practice"), for which class, on which date,
	   and the items it showed at their versions.  One print of a paper
	   for a class on a date is one row; the log only grows (no undo). */
	[8] = "CREATE TABLE IF NOT EXISTS practice_print("
	"  seq INTEGER PRIMARY KEY, paper TEXT NOT NULL, title TEXT NOT NULL,"
	"  class TEXT NOT NULL DEFAULT '', date TEXT NOT NULL,"
	"  time TEXT NOT NULL, user TEXT NOT NULL,"
	"  UNIQUE(paper, class, date));"
	"CREATE TABLE IF NOT EXISTS practice_exposure("
	"  print INTEGER NOT NULL REFERENCES practice_print(seq) ON DELETE CASCADE,"
	"  item TEXT NOT NULL, version INTEGER NOT NULL,"
	"  PRIMARY KEY(print, item)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS practice_exposure_item ON practice_exposure(item);",
	/* 10: the journal entry an audit event follows, so that the log puts
	   the two in the order they happened when they share a second (the
	   times are kept to the second); 0 for events written before */
	[9] = "ALTER TABLE audit_event ADD COLUMN follows INTEGER NOT NULL DEFAULT 0;",
};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

enum {
	ST_FIND, ST_INSERT, ST_UPDATE, ST_VERSION, ST_DELCODES, ST_CODE,
	ST_FTS_ADD, ST_FTS_DEL, ST_NOTE, ST_N
};

static const char *stmt_sql[ST_N] = {
	"SELECT rowid, version, hash, text, xml, standard, status FROM item WHERE id = ?1",
	"INSERT INTO item(id, standard, version, type, level, kind, points,"
	" difficulty, time, status, author, stem, text, hash, xml, file, line, enemies, code,"
	" updated)"
	" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,"
	" strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
	"UPDATE item SET standard=?2, version=?3, type=?4, level=?5, kind=?6,"
	" points=?7, difficulty=?8, time=?9, status=?10, author=?11, stem=?12,"
	" text=?13, hash=?14, xml=?15, file=?16, line=?17, enemies=?18, code=?19,"
	" updated=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?1",
	"INSERT INTO item_history(id, version, hash, xml, file, line, created)"
	" SELECT id, version, hash, xml, file, line, updated FROM item WHERE id = ?1",
	"DELETE FROM item_code WHERE item = ?1",
	"INSERT INTO item_code(item, pos, code) VALUES (?1, ?2, ?3)",
	"INSERT INTO item_fts(rowid, text) VALUES (?1, ?2)",
	"INSERT INTO item_fts(item_fts, rowid, text) VALUES ('delete', ?1, ?2)",
	"INSERT INTO journal_change(seq, ord, kind, key, context, image)"
	" VALUES (?1, ?6, ?2, ?3, ?4, ?5)",
};

struct tk_bank {
	sqlite3 *db;
	char *path;
	int in_tx;
	sqlite3_int64 seq;      /* the open command's journal entry, 0: none */
	long last_seq;          /* the entry of the command committed last, 0: none */
	int changes;            /* changes the open command has recorded */
	struct keyset {         /* "kind:key" of each, to record each once */
		char **slot;
		size_t cap, n;
		char **order;   /* the same strings, in the order added */
	} noted;
	size_t sp_noted;        /* at the savepoint: keys noted, changes */
	int sp_changes;
	char user[64];
	struct {
		int (*fn)(void *ud, const char *event, const struct tk_item *it,
			  struct tk_error *err);
		void *ud;
	} hooks[4];
	sqlite3_stmt *st[ST_N];
	int busy_ms;            /* how long a writer waits for another */
	int holding;            /* this handle wrote the holder file */
	sqlite3 *req;           /* the requirement index of suggest, in memory; NULL: none yet */
	struct tk_standard *std_cache;  /* tk_bank_use_standard's */
};

/* ---- the keys a command has changed: an open-addressing hash set ---- */

static size_t key_hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static void keyset_clear(struct keyset *ks)
{
	size_t i;

	for (i = 0; i < ks->n; i++)
		free(ks->order[i]);
	free(ks->slot);
	free(ks->order);
	memset(ks, 0, sizeof *ks);
}

/* Is key in the set? */
static int keyset_has(const struct keyset *ks, const char *key)
{
	size_t i;

	if (ks->cap == 0)
		return 0;
	for (i = key_hash(key) & (ks->cap - 1); ks->slot[i]; i = (i + 1) & (ks->cap - 1))
		if (!strcmp(ks->slot[i], key))
			return 1;
	return 0;
}

/* Add key (a copy); 0 when out of memory. */
static int keyset_add(struct keyset *ks, const char *key)
{
	size_t i;

	if (2 * (ks->n + 1) > ks->cap) {
		struct keyset bigger = {NULL, ks->cap ? ks->cap * 2 : 64, 0, NULL};
		bigger.slot = calloc(bigger.cap, sizeof *bigger.slot);
		bigger.order = realloc(ks->order, bigger.cap * sizeof *bigger.order);
		if (bigger.slot == NULL || bigger.order == NULL) {
			free(bigger.slot);
			if (bigger.order)
				ks->order = bigger.order;
			return 0;
		}
		for (i = 0; i < ks->cap; i++) {
			size_t j;
			if (ks->slot[i] == NULL)
				continue;
			for (j = key_hash(ks->slot[i]) & (bigger.cap - 1); bigger.slot[j];
			     j = (j + 1) & (bigger.cap - 1))
				;
			bigger.slot[j] = ks->slot[i];
			bigger.n++;
		}
		free(ks->slot);
		*ks = bigger;
	}
	for (i = key_hash(key) & (ks->cap - 1); ks->slot[i]; i = (i + 1) & (ks->cap - 1))
		;
	if ((ks->slot[i] = strdup(key)) == NULL)
		return 0;
	ks->order[ks->n++] = ks->slot[i];
	return 1;
}

/* Keep only the first n keys added. */
static int keyset_truncate(struct keyset *ks, size_t n)
{
	struct keyset kept = {NULL, 0, 0, NULL};
	size_t i;
	int ok = 1;

	if (n >= ks->n)
		return TK_OK;
	for (i = 0; i < n && ok; i++)
		ok = keyset_add(&kept, ks->order[i]);
	if (!ok) {
		keyset_clear(&kept);
		return TK_EINTERNAL;
	}
	keyset_clear(ks);
	*ks = kept;
	return TK_OK;
}

static int busy_error(struct tk_bank *b, struct tk_error *err);

/* The connection's FTS5, for the tokenizer (fts.h); NULL without one. */
static fts5_api *fts_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

static int db_error(struct tk_bank *b, struct tk_error *err, const char *what)
{
	/* any statement that waited the busy timeout out says who is writing */
	if ((sqlite3_errcode(b->db) & 0xff) == SQLITE_BUSY)
		return busy_error(b, err);
	return tk_error_set(err, TK_EINTERNAL, b->path, 0, "%s: %s", what,
			    sqlite3_errmsg(b->db));
}

static int exec(struct tk_bank *b, const char *sql, struct tk_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(b->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		tk_error_set(err, TK_EINTERNAL, b->path, 0, "database error: %s",
			     msg ? msg : sqlite3_errmsg(b->db));
		sqlite3_free(msg);
		return TK_EINTERNAL;
	}
	return TK_OK;
}

/*
 * Who holds the write lock.  SQLite cannot say, and a row written inside
 * the holder's transaction is invisible to the others until it commits;
 * so the holder writes one line to BANK-writer right after BEGIN
 * IMMEDIATE and removes it before it ends, both while it holds the lock,
 * so two writers never race on the file.  A writer killed midway leaves
 * the file behind: a waiter believes it only while its pid is alive.
 */
static void holder_path(const struct tk_bank *b, char *buf, size_t size)
{
	snprintf(buf, size, "%s-writer", b->path);
}

static void hold(struct tk_bank *b, const char *command, const char *summary)
{
	char path[4200], stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	FILE *f;

	holder_path(b, path, sizeof path);
	if ((f = fopen(path, "w")) == NULL)
		return;         /* only a message would miss it */
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	fprintf(f, "%ld\t%s\t%s\t%s\t%.200s\n", (long)getpid(), stamp,
		b->user[0] ? b->user : "unknown", command, summary ? summary : "");
	fclose(f);
	b->holding = 1;
}

static void unhold(struct tk_bank *b)
{
	char path[4200];

	if (!b->holding)
		return;
	holder_path(b, path, sizeof path);
	unlink(path);
	b->holding = 0;
}

/* The error of a writer that waited the busy timeout out. */
static int busy_error(struct tk_bank *b, struct tk_error *err)
{
	char path[4200], line[512], *f[5], *p;
	long pid = 0;
	int n = 0;
	FILE *fp;

	holder_path(b, path, sizeof path);
	line[0] = '\0';
	if ((fp = fopen(path, "r")) != NULL) {
		if (fgets(line, sizeof line, fp) == NULL)
			line[0] = '\0';
		fclose(fp);
	}
	line[strcspn(line, "\n")] = '\0';
	for (p = line; n < 5 && p; n++) {
		f[n] = p;
		if ((p = strchr(p, '\t')) != NULL)
			*p++ = '\0';
	}
	if (n == 5 && tk_parse_int(f[0], 1, 0x7fffffffL, &pid) && pid != (long)getpid() &&
	    (kill((pid_t)pid, 0) == 0 || errno == EPERM))
		return tk_error_set(err, TK_EINTERNAL, b->path, 0,
				    "the bank is busy: waited %d s while %s's command '%s' (%s) "
				    "has been writing since %s (process %ld); try again when it is "
				    "done, or wait longer with TIKU_BUSY_SECONDS",
				    b->busy_ms / 1000, f[2], f[3], f[4], f[1], pid);
	return tk_error_set(err, TK_EINTERNAL, b->path, 0,
			    "the bank is busy: waited %d s for another program writing to it "
			    "(not a tiku command: sqlite3, a backup?); try again when it is done, "
			    "or wait longer with TIKU_BUSY_SECONDS", b->busy_ms / 1000);
}

/*
 * Take the write lock before reading anything a change depends on: what
 * a command reads inside is what it writes over, so two writers of one
 * item cannot both start from the same version.  Waits the busy timeout.
 */
static int begin_immediate(struct tk_bank *b, const char *command, const char *summary,
			   struct tk_error *err)
{
	int r = sqlite3_exec(b->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

	if ((r & 0xff) == SQLITE_BUSY || (r & 0xff) == SQLITE_LOCKED)
		return busy_error(b, err);
	if (r != SQLITE_OK)
		return db_error(b, err, "cannot begin a change");
	hold(b, command, summary);
	return TK_OK;
}

/* End the transaction: COMMIT or ROLLBACK, the holder file gone first. */
static int end_tx(struct tk_bank *b, const char *sql, struct tk_error *err)
{
	int r;

	unhold(b);
	r = sqlite3_exec(b->db, sql, NULL, NULL, NULL);
	if (r == SQLITE_OK)
		return TK_OK;
	if ((r & 0xff) == SQLITE_BUSY)
		return busy_error(b, err);
	return err ? db_error(b, err, "cannot end the change") : TK_EINTERNAL;
}

/*
 * How long a writer waits for another: $TIKU_BUSY_SECONDS (0 to 86400),
 * else 30 s -- long enough for a big import or a script's batch to end.
 */
static int busy_timeout(const char *path, int *ms, struct tk_error *err)
{
	const char *env = getenv("TIKU_BUSY_SECONDS");
	long s = 30;

	if (env && env[0] && !tk_parse_int(env, 0, 86400, &s))
		return tk_error_set(err, TK_EUSAGE, path, 0,
				    "TIKU_BUSY_SECONDS must be whole seconds from 0 to 86400, not '%s'",
				    env);
	*ms = (int)(s * 1000);
	return TK_OK;
}

static int user_version(struct tk_bank *b, int *v)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(b->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return 0;
	rc = sqlite3_step(st) == SQLITE_ROW;
	if (rc)
		*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc;
}

static int migrate(struct tk_bank *b, struct tk_error *err)
{
	int v = 0, rc;
	char sql[64];

	if (!user_version(b, &v))
		return db_error(b, err, "cannot read the bank's schema version");
	if (v > NMIGRATIONS)
		return tk_error_set(err, TK_EINPUT, b->path, 0,
				    "bank schema version %d is newer than this tiku (%d): upgrade tiku",
				    v, NMIGRATIONS);
	for (; v < NMIGRATIONS; v++) {
		if ((rc = begin_immediate(b, "migrate", "", err)) != TK_OK)
			return rc;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if ((rc = exec(b, migrations[v], err)) != TK_OK ||
		    (rc = exec(b, sql, err)) != TK_OK ||
		    (rc = end_tx(b, "COMMIT", err)) != TK_OK) {
			end_tx(b, "ROLLBACK", NULL);
			return rc;
		}
	}
	return TK_OK;
}

int tk_bank_open(const char *path, int flags, struct tk_bank **out,
		 struct tk_error *err)
{
	struct tk_bank *b;
	int rc, oflags;

	*out = NULL;
	if (!(flags & TK_BANK_CREATE) && access(path, F_OK) != 0)
		return tk_error_set(err, TK_EINPUT, path, 0,
				    "no bank here (import a standard first, or name one with --bank)");
	b = calloc(1, sizeof *b);
	if (b == NULL || (b->path = strdup(path)) == NULL) {
		free(b);
		return tk_error_set(err, TK_EINTERNAL, path, 0, "out of memory");
	}
	/* a handle belongs to one thread: no need for SQLite's mutexes */
	oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
		 (flags & TK_BANK_CREATE ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &b->db, oflags, NULL) != SQLITE_OK) {
		rc = tk_error_set(err, TK_EINPUT, path, 0, "cannot open bank: %s",
				  b->db ? sqlite3_errmsg(b->db) : "out of memory");
		goto fail;
	}
	if ((rc = busy_timeout(path, &b->busy_ms, err)) != TK_OK)
		goto fail;
	sqlite3_busy_timeout(b->db, b->busy_ms);
	/* a bank is untrusted input: no triggers or views run our functions
	   unexpectedly, and a malformed file fails instead of misbehaving */
	sqlite3_db_config(b->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(b->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(b->db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, NULL);
	sqlite3_db_config(b->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	if (tk_fts_register(fts_api(b->db)) != SQLITE_OK) {
		rc = db_error(b, err, "cannot register the full-text tokenizer");
		goto fail;
	}
	/* 16 KiB pages: a quarter of the write calls of the default for a
	   bulk import; only takes effect on a new file */
	if ((rc = exec(b, "PRAGMA page_size = 16384", err)) != TK_OK ||
	    (rc = exec(b, "PRAGMA foreign_keys = ON", err)) != TK_OK)
		goto fail;
	/* a file that is not SQLite fails here with "file is not a database" */
	if (exec(b, "PRAGMA journal_mode = WAL", err) != TK_OK) {
		/* a full disk or an I/O error is not the file's fault */
		int e = sqlite3_errcode(b->db) & 0xff;
		rc = e == SQLITE_IOERR || e == SQLITE_FULL || e == SQLITE_NOMEM ?
		     tk_error_set(err, TK_EINTERNAL, path, 0, "cannot open bank: %s",
				  sqlite3_errmsg(b->db)) :
		     tk_error_set(err, TK_EINPUT, path, 0, "not a tiku bank: %s",
				  sqlite3_errmsg(b->db));
		goto fail;
	}
	/* 64 MiB of page cache: big imports touch many index pages */
	if ((rc = exec(b, "PRAGMA synchronous = NORMAL", err)) != TK_OK ||
	    (rc = exec(b, "PRAGMA cache_size = -65536", err)) != TK_OK ||
	    (rc = migrate(b, err)) != TK_OK)
		goto fail;
	*out = b;
	return TK_OK;
fail:
	tk_bank_close(b);
	return rc;
}

void tk_bank_close(struct tk_bank *b)
{
	int i;

	if (b == NULL)
		return;
	if (b->in_tx)
		tk_bank_rollback(b);
	for (i = 0; i < ST_N; i++)
		sqlite3_finalize(b->st[i]);
	keyset_clear(&b->noted);
	sqlite3_close(b->req);
	tk_standard_free(b->std_cache);
	sqlite3_close(b->db);
	free(b->path);
	free(b);
}

const char *tk_bank_path(const struct tk_bank *b)
{
	return b->path;
}

const char *tk_bank_user(const struct tk_bank *b)
{
	return b->user[0] ? b->user : "unknown";
}

int tk_bank_in_command(const struct tk_bank *b)
{
	return b->in_tx && b->seq != 0;
}

int tk_bank_savepoint(struct tk_bank *b, struct tk_error *err)
{
	b->sp_noted = b->noted.n;
	b->sp_changes = b->changes;
	return exec(b, "SAVEPOINT tk_change", err);
}

int tk_bank_release(struct tk_bank *b, int keep, struct tk_error *err)
{
	if (!keep) {
		if (exec(b, "ROLLBACK TO tk_change", err) != TK_OK)
			return TK_EINTERNAL;
		/* the journal rows since the savepoint are gone: so are their keys */
		if (keyset_truncate(&b->noted, b->sp_noted) != TK_OK)
			return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		b->changes = b->sp_changes;
	}
	return exec(b, "RELEASE tk_change", err);
}

void tk_bank_set_user(struct tk_bank *b, const char *user)
{
	snprintf(b->user, sizeof b->user, "%s", user && user[0] ? user : "unknown");
}

int tk_bank_add_hook(struct tk_bank *b,
		     int (*fn)(void *ud, const char *event, const struct tk_item *it,
			       struct tk_error *err), void *ud)
{
	size_t i;

	for (i = 0; i < sizeof b->hooks / sizeof b->hooks[0]; i++)
		if (b->hooks[i].fn == NULL) {
			b->hooks[i].fn = fn;
			b->hooks[i].ud = ud;
			return TK_OK;
		}
	return TK_EINTERNAL;
}

void tk_bank_remove_hook(struct tk_bank *b,
			 int (*fn)(void *ud, const char *event, const struct tk_item *it,
				   struct tk_error *err), void *ud)
{
	size_t i;

	for (i = 0; i < sizeof b->hooks / sizeof b->hooks[0]; i++)
		if (b->hooks[i].fn == fn && b->hooks[i].ud == ud)
			b->hooks[i].fn = NULL;
}

/* Call every hook for event, in the order added; the first error vetoes. */
static int fire(struct tk_bank *b, const char *event, const struct tk_item *it,
		struct tk_error *err)
{
	size_t i;
	int rc;

	for (i = 0; i < sizeof b->hooks / sizeof b->hooks[0]; i++)
		if (b->hooks[i].fn &&
		    (rc = b->hooks[i].fn(b->hooks[i].ud, event, it, err)) != TK_OK)
			return rc;
	return TK_OK;
}

int tk_bank_begin(struct tk_bank *b, const char *command, const char *summary,
		  struct tk_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (b->in_tx)
		return tk_error_set(err, TK_EINTERNAL, b->path, 0,
				    "a command is already open");
	if ((rc = begin_immediate(b, command, summary, err)) != TK_OK)
		return rc;
	b->in_tx = 1;
	b->changes = 0;
	keyset_clear(&b->noted);
	if (sqlite3_prepare_v2(b->db, "INSERT INTO journal(time, user, command, summary)"
			       " VALUES (strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?1, ?2, ?3)",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = db_error(b, err, "cannot write the journal");
		goto fail;
	}
	sqlite3_bind_text(st, 1, b->user[0] ? b->user : "unknown", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, command, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, summary ? summary : "", -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		rc = db_error(b, err, "cannot write the journal");
		goto fail;
	}
	sqlite3_finalize(st);
	b->seq = sqlite3_last_insert_rowid(b->db);
	return TK_OK;
fail:
	tk_bank_rollback(b);
	return rc;
}

int tk_bank_commit(struct tk_bank *b, struct tk_error *err)
{
	int rc = TK_OK;
	char sql[96];

	if (!b->in_tx)
		return tk_error_set(err, TK_EINTERNAL, b->path, 0, "no command is open");
	/* a command that changed nothing leaves nothing to undo */
	if (b->changes == 0 && b->seq) {
		snprintf(sql, sizeof sql, "DELETE FROM journal WHERE seq = %lld", (long long)b->seq);
		rc = exec(b, sql, err);
	}
	if (rc == TK_OK)
		rc = end_tx(b, "COMMIT", err);
	if (rc != TK_OK) {
		tk_bank_rollback(b);
		return rc;
	}
	b->last_seq = b->changes ? b->seq : 0;
	b->in_tx = 0;
	b->seq = 0;
	keyset_clear(&b->noted);
	return TK_OK;
}

long tk_bank_last_command(const struct tk_bank *b)
{
	return b->last_seq;
}

void tk_bank_rollback(struct tk_bank *b)
{
	if (b->in_tx)
		end_tx(b, "ROLLBACK", NULL);
	b->in_tx = 0;
	b->seq = 0;
	keyset_clear(&b->noted);
}

static sqlite3_stmt *stmt(struct tk_bank *b, int which, struct tk_error *err)
{
	if (b->st[which] == NULL &&
	    sqlite3_prepare_v2(b->db, stmt_sql[which], -1, &b->st[which], NULL) != SQLITE_OK) {
		db_error(b, err, "cannot prepare statement");
		return NULL;
	}
	sqlite3_reset(b->st[which]);
	sqlite3_clear_bindings(b->st[which]);
	return b->st[which];
}

static int note(struct tk_bank *b, const char *kind, const char *key,
		const char *context, const char *image, struct tk_error *err);

int tk_bank_put_standard(struct tk_bank *b, const struct tk_standard *s,
			 int *outcome, struct tk_error *err)
{
	sqlite3_stmt *st;
	int rc = TK_OK, r;

	char *old = NULL, *old_file = NULL;

	*outcome = TK_PUT_NEW;
	if (!b->in_tx)
		return tk_error_set(err, TK_EINTERNAL, b->path, 0,
				    "standard '%s': changes need an open command", s->id);
	if (sqlite3_prepare_v2(b->db, "SELECT hash, xml, file FROM standard WHERE id = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read standards");
	sqlite3_bind_text(st, 1, s->id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(st, 0);
		*outcome = h && !strcmp(h, s->hash) ? TK_PUT_SAME : TK_PUT_CHANGED;
		old = tk_strdup((const char *)sqlite3_column_text(st, 1));
		old_file = tk_strdup((const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	if (*outcome == TK_PUT_SAME || (rc = note(b, "standard", s->id, old_file, old, err)) != TK_OK) {
		free(old);
		free(old_file);
		return rc;
	}
	free(old);
	free(old_file);
	if (sqlite3_prepare_v2(b->db,
			       "INSERT INTO standard(id, hash, xml, file, updated)"
			       " VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
			       " ON CONFLICT(id) DO UPDATE SET hash=excluded.hash,"
			       " xml=excluded.xml, file=excluded.file, updated=excluded.updated",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot store standard");
	sqlite3_bind_text(st, 1, s->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, s->hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, s->xml, (int)s->xml_len, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, s->file, -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	if (r != SQLITE_DONE)
		rc = db_error(b, err, "cannot store standard");
	sqlite3_finalize(st);
	return rc;
}

static int load_standard(struct tk_bank *b, const char *id,
			 struct tk_standard **out, struct tk_error *err)
{
	sqlite3_stmt *st;
	int rc, n = 0;
	char *xml = NULL, *sid = NULL, *file = NULL;
	size_t len = 0;

	*out = NULL;
	if (sqlite3_prepare_v2(b->db, id ? "SELECT id, xml, file FROM standard WHERE id = ?1"
				     : "SELECT id, xml, file FROM standard ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read standards");
	if (id)
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ == 0) {
			sid = tk_strdup((const char *)sqlite3_column_text(st, 0));
			file = tk_strdup((const char *)sqlite3_column_text(st, 2));
			len = (size_t)sqlite3_column_bytes(st, 1);
			xml = malloc(len + 1);
			if (xml) {
				memcpy(xml, sqlite3_column_blob(st, 1), len);
				xml[len] = '\0';
			}
		}
	}
	sqlite3_finalize(st);
	if (n == 0) {
		rc = id ? tk_error_set(err, TK_EINPUT, b->path, 0,
				       "no standard '%s' in the bank", id)
			: tk_error_set(err, TK_EINPUT, b->path, 0,
				       "the bank holds no standard yet: import one first");
	} else if (n > 1) {
		rc = tk_error_set(err, TK_EUSAGE, b->path, 0,
				  "the bank holds %d standards: choose one with --standard", n);
	} else if (xml == NULL) {
		rc = tk_error_set(err, TK_EINTERNAL, b->path, 0, "out of memory");
	} else {
		/* messages name the file the standard was imported from, whose
		   lines they refer to */
		char name[600];
		if (file && file[0])
			snprintf(name, sizeof name, "%s", file);
		else
			snprintf(name, sizeof name, "%s (standard %s)", b->path, sid);
		rc = tk_standard_parse(xml, len, name, out, NULL, err);
	}
	free(xml);
	free(sid);
	free(file);
	return rc;
}

static char *get_meta(struct tk_bank *b, const char *key)
{
	sqlite3_stmt *st;
	char *v = NULL;

	if (sqlite3_prepare_v2(b->db, "SELECT value FROM meta WHERE key = ?1", -1, &st,
			       NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = tk_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

static int has_standard(struct tk_bank *b, const char *id)
{
	sqlite3_stmt *st;
	int found = 0;

	if (sqlite3_prepare_v2(b->db, "SELECT 1 FROM standard WHERE id = ?1", -1, &st,
			       NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

/* Whether the standard has coded requirements, that items can be tagged with. */
static int holds_items(struct tk_bank *b, const char *id)
{
	struct tk_standard *s = NULL;
	struct tk_error err = {0};
	int i, yes = 0;

	if (load_standard(b, id, &s, &err) != TK_OK)
		return 0;
	for (i = 0; i < s->nreqs && !yes; i++)
		yes = s->reqs[i].code && s->reqs[i].code[0];
	tk_standard_free(s);
	return yes;
}

int tk_bank_default_standard(struct tk_bank *b, char **id, struct tk_error *err)
{
	const char *env = getenv("TIKU_STANDARD");
	char **v = NULL, *coded = NULL;
	int n = 0, i, ncoded = 0, rc;

	*id = NULL;
	if (env && env[0]) {
		if (!has_standard(b, env))
			return tk_error_set(err, TK_EINPUT, b->path, 0,
					    "no standard '%s' in the bank ($TIKU_STANDARD)", env);
		*id = tk_strdup(env);
		return *id ? TK_OK : tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	if ((*id = get_meta(b, "default_standard")) != NULL && has_standard(b, *id))
		return TK_OK;
	free(*id);
	*id = NULL;
	if ((rc = tk_bank_standards(b, &v, &n, err)) != TK_OK)
		return rc;
	if (n == 0) {
		rc = tk_error_set(err, TK_EINPUT, b->path, 0,
				  "the bank holds no standard yet: import one first");
	} else if (n == 1) {
		*id = tk_strdup(v[0]);
	} else {
		/* a standard without codes cannot hold items: it never competes */
		for (i = 0; i < n; i++)
			if (holds_items(b, v[i])) {
				ncoded++;
				coded = v[i];
			}
		if (ncoded == 1) {
			*id = tk_strdup(coded);
		} else {
			struct tk_buf names = TK_BUF_INIT;
			for (i = 0; i < n; i++)
				tk_buf_printf(&names, "%s%s", i ? ", " : "", v[i]);
			rc = tk_error_set(err, TK_EUSAGE, b->path, 0,
					  "the bank holds %d standards (%s): choose one with "
					  "--standard, $TIKU_STANDARD or 'tiku standard default ID'",
					  n, tk_buf_str(&names));
			tk_buf_free(&names);
		}
	}
	if (rc == TK_OK && *id == NULL)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return rc;
}

int tk_bank_set_default_standard(struct tk_bank *b, const char *id, struct tk_error *err)
{
	sqlite3_stmt *st;
	int r;

	if (id && !has_standard(b, id))
		return tk_error_set(err, TK_EINPUT, b->path, 0, "no standard '%s' in the bank", id);
	if (sqlite3_prepare_v2(b->db, id ? "INSERT OR REPLACE INTO meta(key, value) "
				       "VALUES('default_standard', ?1)"
				     : "DELETE FROM meta WHERE key = 'default_standard'",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot change the bank");
	if (id)
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? TK_OK : db_error(b, err, "cannot change the bank");
}

int tk_bank_get_standard(struct tk_bank *b, const char *id,
			 struct tk_standard **out, struct tk_error *err)
{
	char *chosen = NULL;
	int rc;

	*out = NULL;
	if (id)
		return load_standard(b, id, out, err);
	if ((rc = tk_bank_default_standard(b, &chosen, err)) != TK_OK)
		return rc;
	rc = load_standard(b, chosen, out, err);
	free(chosen);
	return rc;
}

int tk_bank_use_standard(struct tk_bank *b, const char *id, const struct tk_standard **out,
			 struct tk_error *err)
{
	sqlite3_stmt *st;
	char hash[65] = "";
	int rc;

	*out = NULL;
	if (sqlite3_prepare_v2(b->db, "SELECT hash FROM standard WHERE id = ?1", -1, &st,
			       NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read standards");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(hash, sizeof hash, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	/* parsed once while it is what the bank holds: its hash says so */
	if (b->std_cache && hash[0] && !strcmp(b->std_cache->id, id) &&
	    !strcmp(b->std_cache->hash, hash)) {
		*out = b->std_cache;
		return TK_OK;
	}
	tk_standard_free(b->std_cache);
	b->std_cache = NULL;
	if ((rc = load_standard(b, id, &b->std_cache, err)) == TK_OK)
		*out = b->std_cache;
	return rc;
}

/*
 * Record, once per command and key, the state a change replaces (image
 * NULL: there was none), so that undo can bring it back.
 */
static int note(struct tk_bank *b, const char *kind, const char *key,
		const char *context, const char *image, struct tk_error *err)
{
	sqlite3_stmt *st;
	char k[300];

	snprintf(k, sizeof k, "%s:%s", kind, key);
	if (keyset_has(&b->noted, k))
		return TK_OK;   /* the state before the command is already kept */
	if (!keyset_add(&b->noted, k))
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	/* a command that changes something ends what redo could bring back;
	   one that changes nothing (a review comment) leaves it */
	if (b->changes == 0 &&
	    exec(b, "UPDATE journal SET state = 'dropped' WHERE state = 'undone'", err) != TK_OK)
		return TK_EINTERNAL;
	if ((st = stmt(b, ST_NOTE, err)) == NULL)
		return TK_EINTERNAL;
	sqlite3_bind_int64(st, 1, b->seq);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, context, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, image, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, b->changes);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return db_error(b, err, "cannot write the journal");
	}
	sqlite3_reset(st);
	b->changes++;
	return TK_OK;
}

/* Plain text for the search index: stem, options and keywords. */
static char *search_text(const struct tk_item *it, const char *stem)
{
	struct tk_buf b = TK_BUF_INIT;
	int i;

	tk_buf_puts(&b, stem);
	for (i = 0; i < it->noptions; i++) {
		char *t = tk_fragment_text(it->options[i].text);
		tk_buf_putc(&b, '\n');
		tk_buf_puts(&b, t ? t : "");
		free(t);
	}
	for (i = 0; i < it->nkeywords; i++) {
		tk_buf_putc(&b, '\n');
		tk_buf_puts(&b, it->keywords[i]);
	}
	return tk_buf_detach(&b);
}

/* Has the open command already changed this item? */
static int changed_in_command(struct tk_bank *b, const char *id)
{
	char key[300];

	snprintf(key, sizeof key, "item:%s", id);
	return b->seq && keyset_has(&b->noted, key);
}

/*
 * How put stores an item.  An edit is journaled, hooked, a changed item
 * gets the next version and its old one goes to the history; raw is undo
 * or redo putting back a state exactly as it was: none of that.  The
 * status rule (an item becomes approved only through review) holds for
 * edits; an import brings in the status its file states, and a review
 * (tk_bank_review) is the one edit that may approve.
 */
enum { PUT_EDIT, PUT_RAW, PUT_IMPORT, PUT_REVIEW };

/* "a draft", "in review", "approved", "retired", for messages */
static const char *status_phrase(int status)
{
	return status == TK_DRAFT ? "a draft" : status == TK_REVIEW ? "in review" :
	       status == TK_APPROVED ? "approved" : "retired";
}

static int put(struct tk_bank *b, struct tk_item *it, int mode, int *outcome,
	       struct tk_error *err)
{
	sqlite3_stmt *st;
	char hash[65];
	int raw = mode == PUT_RAW, was = -1;
	int rc = TK_OK, version = 1, i;
	sqlite3_int64 rowid = 0;
	struct tk_buf xml = TK_BUF_INIT, bare = TK_BUF_INIT, enemies = TK_BUF_INIT;
	char *stem = NULL, *text = NULL, *old_text = NULL, *old_xml = NULL, *old_std = NULL;
	int again = 0;

	*outcome = TK_PUT_NEW;
	if (!b->in_tx)
		return tk_error_set(err, TK_EINTERNAL, b->path, 0,
				    "item '%s': changes need an open command", it->id);
	/* serialise once: the hash is over the XML without a version, the
	   stored XML the same with the version spliced in after the id */
	tk_item_xml(it, 0, &bare);
	if (bare.oom)
		return tk_error_set(err, TK_EINTERNAL, it->file, it->line, "out of memory");
	tk_digest_hex(bare.s, bare.len, hash);
	if ((st = stmt(b, ST_FIND, err)) == NULL) {
		tk_buf_free(&bare);
		return TK_EINTERNAL;
	}
	/* a new item keeps the version its file gives (an export of another
	   bank), so that export and import are each other's inverse */
	if (it->version > 0)
		version = it->version;
	sqlite3_bind_text(st, 1, it->id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(st, 2);
		rowid = sqlite3_column_int64(st, 0);
		version = sqlite3_column_int(st, 1);
		if (h && !strcmp(h, hash)) {
			*outcome = TK_PUT_SAME;
			it->version = version;
			sqlite3_reset(st);
			tk_buf_free(&bare);
			return TK_OK;
		}
		*outcome = TK_PUT_CHANGED;
		version++;
		again = !raw && changed_in_command(b, it->id);
		if (again)
			version--;      /* one command, one new version */
		old_text = tk_strdup((const char *)sqlite3_column_text(st, 3));
		old_xml = tk_strdup((const char *)sqlite3_column_text(st, 4));
		old_std = tk_strdup((const char *)sqlite3_column_text(st, 5));
		was = tk_status_parse((const char *)sqlite3_column_text(st, 6));
		if (old_text == NULL || old_xml == NULL || old_std == NULL) {
			sqlite3_reset(st);
			rc = tk_error_set(err, TK_EINTERNAL, it->file, it->line, "out of memory");
			goto out;
		}
	}
	sqlite3_reset(st);
	/* only a review approves: not a set, an edit, a script's save */
	if (mode == PUT_EDIT && it->status == TK_APPROVED && was != TK_APPROVED) {
		if (rowid)
			rc = tk_error_set(err, TK_EINPUT, it->file, it->line,
					  "item '%s' is %s: only a review approves an item "
					  "(tiku review %s --approve, by someone other than its author)",
					  it->id, status_phrase(was), it->id);
		else
			rc = tk_error_set(err, TK_EINPUT, it->file, it->line,
					  "item '%s': a new item is not approved on arrival: add it as "
					  "a draft or for review, and have it reviewed (importing a file "
					  "brings in the statuses it states)", it->id);
		goto out;
	}
	/* an untagged item is a draft until it is tagged: no route -- set,
	   a form, a script, an import, a review -- sends it further */
	if (!raw && it->ncodes == 0 && (it->status == TK_REVIEW || it->status == TK_APPROVED)) {
		rc = tk_error_set(err, TK_EINPUT, it->file, it->line,
				  "item '%s' is untagged: without a requirement code it stays a "
				  "draft, never in review or approved (tiku suggest %s, then tiku "
				  "tag %s --accept or +CODE)", it->id, it->id, it->id);
		goto out;
	}
	if (!raw && (rc = fire(b, "item.before_save", it, err)) != TK_OK)
		goto out;
	if (!raw && (rc = note(b, "item", it->id, old_std, old_xml, err)) != TK_OK)
		goto out;
	it->version = version;
	{
		const char *cut = strstr(bare.s, "\" type=\"");
		size_t at = cut ? (size_t)(cut - bare.s) + 1 : bare.len;
		tk_buf_add(&xml, bare.s, at);
		tk_buf_printf(&xml, " version=\"%d\"", version);
		tk_buf_add(&xml, bare.s + at, bare.len - at);
	}
	for (i = 0; i < it->nenemies; i++)
		tk_buf_printf(&enemies, "%s%s", i ? " " : "", it->enemies[i]);
	stem = tk_fragment_text(it->stem);
	text = stem ? search_text(it, stem) : NULL;
	if (xml.oom || stem == NULL || text == NULL) {
		rc = tk_error_set(err, TK_EINTERNAL, it->file, it->line, "out of memory");
		goto out;
	}
	if (rowid && !raw && !again) {
		/* keep the version being replaced */
		if ((st = stmt(b, ST_VERSION, err)) == NULL) {
			rc = TK_EINTERNAL;
			goto out;
		}
		sqlite3_bind_text(st, 1, it->id, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = db_error(b, err, "cannot store item history");
			goto out;
		}
	}
	if ((st = stmt(b, rowid ? ST_UPDATE : ST_INSERT, err)) == NULL) {
		rc = TK_EINTERNAL;
		goto out;
	}
	sqlite3_bind_text(st, 1, it->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, it->standard, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, version);
	sqlite3_bind_text(st, 4, tk_type_name(it->type), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, it->level, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, tk_kind_name(it->kind), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, it->points);
	sqlite3_bind_int(st, 8, it->difficulty);
	sqlite3_bind_int(st, 9, it->time);
	sqlite3_bind_text(st, 10, tk_status_name(it->status), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, it->author, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, stem, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 14, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 15, xml.s, (int)xml.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 16, it->file, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 17, it->line);
	sqlite3_bind_text(st, 18, enemies.s ? enemies.s : "", -1, SQLITE_STATIC);
	if (it->ncodes > 0)
		sqlite3_bind_text(st, 19, it->codes[0], -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 19);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = tk_error_set(err, sqlite3_errcode(b->db) == SQLITE_CONSTRAINT ?
				  TK_EINPUT : TK_EINTERNAL, it->file, it->line,
				  "item '%s': cannot store: %s", it->id, sqlite3_errmsg(b->db));
		goto out;
	}
	if (old_text) {
		if ((st = stmt(b, ST_FTS_DEL, err)) == NULL) {
			rc = TK_EINTERNAL;
			goto out;
		}
		sqlite3_bind_int64(st, 1, rowid);
		sqlite3_bind_text(st, 2, old_text, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = db_error(b, err, "cannot update the search index");
			goto out;
		}
	}
	if (!rowid)
		rowid = sqlite3_last_insert_rowid(b->db);
	if ((st = stmt(b, ST_FTS_ADD, err)) == NULL) {
		rc = TK_EINTERNAL;
		goto out;
	}
	sqlite3_bind_int64(st, 1, rowid);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = db_error(b, err, "cannot update the search index");
		goto out;
	}
	if (old_text) {   /* a new item has no codes to replace */
		if ((st = stmt(b, ST_DELCODES, err)) == NULL) {
			rc = TK_EINTERNAL;
			goto out;
		}
		sqlite3_bind_int64(st, 1, rowid);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = db_error(b, err, "cannot store item codes");
			goto out;
		}
	}
	for (i = 0; i < it->ncodes; i++) {
		if ((st = stmt(b, ST_CODE, err)) == NULL) {
			rc = TK_EINTERNAL;
			goto out;
		}
		sqlite3_bind_int64(st, 1, rowid);
		sqlite3_bind_int(st, 2, i);
		sqlite3_bind_text(st, 3, it->codes[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = db_error(b, err, "cannot store item codes");
			goto out;
		}
	}
	if (!raw)
		rc = fire(b, "item.saved", it, err);
out:
	for (i = 0; i < ST_N; i++)
		if (b->st[i])
			sqlite3_reset(b->st[i]);
	tk_buf_free(&xml);
	tk_buf_free(&bare);
	tk_buf_free(&enemies);
	free(stem);
	free(text);
	free(old_text);
	free(old_xml);
	free(old_std);
	return rc;
}

int tk_bank_put_item(struct tk_bank *b, struct tk_item *it, int *outcome,
		     struct tk_error *err)
{
	return put(b, it, PUT_EDIT, outcome, err);
}

int tk_bank_import_item(struct tk_bank *b, struct tk_item *it, int *outcome,
			struct tk_error *err)
{
	return put(b, it, PUT_IMPORT, outcome, err);
}

int tk_bank_versions(struct tk_bank *b, const char *id, struct tk_error *err)
{
	sqlite3_stmt *st;
	int n = 0;

	if (sqlite3_prepare_v2(b->db, "SELECT (SELECT count(*) FROM item_history WHERE id = ?1)"
			       " + (SELECT count(*) FROM item WHERE id = ?1)",
			       -1, &st, NULL) != SQLITE_OK) {
		db_error(b, err, "cannot read history");
		return 0;
	}
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/*
 * The SQL of a query, with its parameters in binds (pointing into q,
 * *match and *runs, which the caller frees).  Returns 0 when the text
 * holds nothing searchable, so that nothing can match.
 */
#define MAXBINDS 40

static int build_query(const struct tk_query *q, int count, struct tk_buf *sql,
		       struct tk_buf *runs, char **match, const char **binds, int *nb)
{
	*nb = 0;
	*match = NULL;
	tk_buf_puts(sql, count ? "SELECT count(*) FROM item i" :
			  "SELECT i.id, i.standard, i.level, i.kind, i.type, i.status,"
			  " i.version, i.points, i.difficulty, i.stem, i.xml, i.file, i.line,"
			  " (SELECT group_concat(code, ' ') FROM item_code WHERE item = i.rowid)"
			  " FROM item i");
	if (q->text && q->text[0]) {
		size_t off;
		*match = tk_fts_query(q->text, runs);
		if (*match == NULL)
			return 0;
		tk_buf_puts(sql, " JOIN item_fts f ON f.rowid = i.rowid AND item_fts MATCH ?");
		binds[(*nb)++] = *match;
		tk_buf_puts(sql, " WHERE 1");
		/* the index has no positions: longer runs must be substrings */
		for (off = 0; off < runs->len && *nb < MAXBINDS - 8;
		     off += strlen(runs->s + off) + 1) {
			tk_buf_puts(sql, " AND instr(i.text, ?) > 0");
			binds[(*nb)++] = runs->s + off;
		}
	} else {
		tk_buf_puts(sql, " WHERE 1");
	}
#define FILTER(field, col) \
	if (q->field) { tk_buf_puts(sql, " AND i." col " = ?"); binds[(*nb)++] = q->field; }
	FILTER(standard, "standard")
	FILTER(level, "level")
	FILTER(kind, "kind")
	FILTER(type, "type")
	FILTER(status, "status")
#undef FILTER
	if (q->code) {
		tk_buf_puts(sql, " AND i.rowid IN (SELECT item FROM item_code WHERE code = ?)");
		binds[(*nb)++] = q->code;
	}
	if (q->untagged)
		tk_buf_puts(sql, " AND NOT EXISTS (SELECT 1 FROM item_code WHERE item = i.rowid)");
	if (!q->status && !q->include_retired)
		tk_buf_puts(sql, " AND i.status <> 'retired'");
	if (count)
		return 1;
	/* search results stream in index order, so that a limit stops early */
	tk_buf_puts(sql, *match ? " ORDER BY f.rowid" : " ORDER BY i.id");
	if (q->limit > 0)
		tk_buf_printf(sql, " LIMIT %d", q->limit);
	return 1;
}

int tk_bank_count(struct tk_bank *b, const struct tk_query *q, long *n,
		  struct tk_error *err)
{
	struct tk_buf sql = TK_BUF_INIT, runs = TK_BUF_INIT;
	sqlite3_stmt *st = NULL;
	char *match = NULL;
	const char *binds[MAXBINDS];
	int rc = TK_OK, nb, i;

	*n = 0;
	if (!build_query(q, 1, &sql, &runs, &match, binds, &nb))
		goto out;
	if (sql.oom) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	if (sqlite3_prepare_v2(b->db, sql.s, -1, &st, NULL) != SQLITE_OK) {
		rc = db_error(b, err, "cannot query items");
		goto out;
	}
	for (i = 0; i < nb; i++)
		sqlite3_bind_text(st, i + 1, binds[i], -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		*n = (long)sqlite3_column_int64(st, 0);
	else
		rc = db_error(b, err, "cannot query items");
out:
	sqlite3_finalize(st);
	tk_buf_free(&sql);
	tk_buf_free(&runs);
	free(match);
	return rc;
}

/*
 * A cursor owns its statement and the strings its parameters point at,
 * so that it can outlive the query that made it.
 */
struct tk_cursor {
	struct tk_bank *b;
	sqlite3_stmt *st;
	struct tk_query q;      /* strings copied into store */
	struct tk_buf runs;
	char *match;
	char *store[8];
	struct tk_row row;
	int done;
};

static const char *keep(struct tk_cursor *c, int i, const char *s)
{
	c->store[i] = tk_strdup(s);
	return c->store[i];
}

int tk_bank_cursor(struct tk_bank *b, const struct tk_query *q,
		   struct tk_cursor **out, struct tk_error *err)
{
	struct tk_cursor *c = calloc(1, sizeof *c);
	struct tk_buf sql = TK_BUF_INIT;
	const char *binds[MAXBINDS];
	int nb = 0, i, rc = TK_OK;

	*out = NULL;
	if (c == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	c->b = b;
	c->q = *q;
	c->q.standard = keep(c, 0, q->standard);
	c->q.text = keep(c, 1, q->text);
	c->q.level = keep(c, 2, q->level);
	c->q.kind = keep(c, 3, q->kind);
	c->q.code = keep(c, 4, q->code);
	c->q.type = keep(c, 5, q->type);
	c->q.status = keep(c, 6, q->status);
	if (!build_query(&c->q, 0, &sql, &c->runs, &c->match, binds, &nb)) {
		c->done = 1;    /* nothing searchable: an empty result */
		goto out;
	}
	if (sql.oom || c->runs.oom) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	if (sqlite3_prepare_v2(b->db, sql.s, -1, &c->st, NULL) != SQLITE_OK) {
		rc = db_error(b, err, "cannot query items");
		goto out;
	}
	for (i = 0; i < nb; i++)
		sqlite3_bind_text(c->st, i + 1, binds[i], -1, SQLITE_STATIC);
out:
	tk_buf_free(&sql);
	if (rc != TK_OK)
		tk_cursor_free(c);
	else
		*out = c;
	return rc;
}

int tk_cursor_next(struct tk_cursor *c, const struct tk_row **row,
		   struct tk_error *err)
{
	sqlite3_stmt *st = c->st;
	int r;

	*row = NULL;
	if (c->done || st == NULL)
		return TK_OK;
	r = sqlite3_step(st);
	if (r == SQLITE_DONE) {
		c->done = 1;
		return TK_OK;
	}
	if (r != SQLITE_ROW)
		return db_error(c->b, err, "cannot query items");
	c->row.id = (const char *)sqlite3_column_text(st, 0);
	c->row.standard = (const char *)sqlite3_column_text(st, 1);
	c->row.level = (const char *)sqlite3_column_text(st, 2);
	c->row.kind = (const char *)sqlite3_column_text(st, 3);
	c->row.type = (const char *)sqlite3_column_text(st, 4);
	c->row.status = (const char *)sqlite3_column_text(st, 5);
	c->row.version = sqlite3_column_int(st, 6);
	c->row.points = sqlite3_column_int(st, 7);
	c->row.difficulty = sqlite3_column_int(st, 8);
	c->row.stem = (const char *)sqlite3_column_text(st, 9);
	c->row.xml = (const char *)sqlite3_column_text(st, 10);
	c->row.file = (const char *)sqlite3_column_text(st, 11);
	c->row.line = sqlite3_column_int(st, 12);
	c->row.codes = (const char *)sqlite3_column_text(st, 13);
	*row = &c->row;
	return TK_OK;
}

void tk_cursor_free(struct tk_cursor *c)
{
	size_t i;

	if (c == NULL)
		return;
	sqlite3_finalize(c->st);
	tk_buf_free(&c->runs);
	free(c->match);
	for (i = 0; i < sizeof c->store / sizeof c->store[0]; i++)
		free(c->store[i]);
	free(c);
}

int tk_bank_query(struct tk_bank *b, const struct tk_query *q,
		  int (*fn)(void *ud, const struct tk_row *row), void *ud,
		  struct tk_error *err)
{
	struct tk_cursor *c;
	const struct tk_row *row;
	int rc = tk_bank_cursor(b, q, &c, err);

	while (rc == TK_OK && (rc = tk_cursor_next(c, &row, err)) == TK_OK && row)
		if (fn(ud, row))
			break;
	tk_cursor_free(c);
	return rc;
}

int tk_item_from_row(const struct tk_row *row, struct tk_item **out,
		     struct tk_error *err)
{
	struct tk_buf doc = TK_BUF_INIT;
	struct tk_itemset set = {0};
	int rc;

	*out = NULL;
	tk_items_xml_begin(&doc, row->standard);
	tk_buf_puts(&doc, row->xml);
	tk_items_xml_end(&doc);
	if (doc.oom)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	rc = tk_items_parse(doc.s, doc.len, row->file ? row->file : "bank", &set, NULL, err);
	if (rc == TK_OK && set.n == 1) {
		*out = set.items[0];
		set.items[0] = NULL;
		(*out)->line = row->line;
	} else if (rc == TK_OK) {
		rc = tk_error_set(err, TK_EINPUT, NULL, 0, "item '%s': bad stored XML", row->id);
	}
	tk_itemset_free(&set);
	tk_buf_free(&doc);
	return rc;
}

int tk_bank_get_item(struct tk_bank *b, const char *id, struct tk_item **out,
		     struct tk_error *err)
{
	sqlite3_stmt *st;
	struct tk_row row;
	int rc = TK_OK;

	*out = NULL;
	if (sqlite3_prepare_v2(b->db, "SELECT standard, xml, file, line FROM item WHERE id = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read item");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		memset(&row, 0, sizeof row);
		row.id = id;
		row.standard = (const char *)sqlite3_column_text(st, 0);
		row.xml = (const char *)sqlite3_column_text(st, 1);
		row.file = (const char *)sqlite3_column_text(st, 2);
		row.line = sqlite3_column_int(st, 3);
		rc = tk_item_from_row(&row, out, err);
	}
	sqlite3_finalize(st);
	return rc;
}

int tk_bank_get_items(struct tk_bank *b, const char *const *ids, int n, struct tk_item **out,
		      struct tk_error *err)
{
	struct tk_buf doc = TK_BUF_INIT;
	struct tk_itemset set = {0};
	sqlite3_stmt *st;
	const char *std = NULL;
	char *first = NULL;
	int *at = calloc((size_t)(n ? n : 1), sizeof *at), found = 0, i, k, rc = TK_OK;

	for (i = 0; i < n; i++)
		out[i] = NULL;
	if (at == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	if (sqlite3_prepare_v2(b->db, "SELECT standard, xml FROM item WHERE id = ?1", -1, &st,
			       NULL) != SQLITE_OK) {
		free(at);
		return db_error(b, err, "cannot read item");
	}
	for (i = 0; i < n && rc == TK_OK; i++) {
		at[i] = -1;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, ids[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW)
			continue;
		std = (const char *)sqlite3_column_text(st, 0);
		/* an items document belongs to one standard: items of two are
		   read one by one, as rarely happens */
		if (first == NULL) {
			first = tk_strdup(std);
			tk_items_xml_begin(&doc, std);
		} else if (strcmp(first, std) != 0) {
			rc = tk_bank_get_item(b, ids[i], &out[i], err);
			continue;
		}
		tk_buf_puts(&doc, (const char *)sqlite3_column_text(st, 1));
		at[i] = found++;
	}
	sqlite3_finalize(st);
	if (rc == TK_OK && found) {
		tk_items_xml_end(&doc);
		if (doc.oom)
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		/* a bank is input like any other: checked as it is read */
		if (rc == TK_OK)
			rc = tk_xml_check(doc.s, doc.len, b->path, "items", NULL, err);
		if (rc == TK_OK)
			rc = tk_items_parse_unchecked(doc.s, doc.len, b->path, &set, NULL, err);
		if (rc == TK_OK && set.n != (size_t)found)
			rc = tk_error_set(err, TK_EINPUT, b->path, 0, "bad stored XML");
		for (i = 0; rc == TK_OK && i < n; i++)
			if (at[i] >= 0) {
				k = at[i];
				out[i] = set.items[k];
				set.items[k] = NULL;
				free(out[i]->file);
				out[i]->file = NULL;
				out[i]->line = 0;
			}
	}
	if (rc != TK_OK)
		for (i = 0; i < n; i++) {
			tk_item_free(out[i]);
			out[i] = NULL;
		}
	tk_itemset_free(&set);
	tk_buf_free(&doc);
	free(first);
	free(at);
	return rc;
}

struct loader {
	struct tk_buf doc;
	struct tk_buf lines;    /* "file\tline\n" per item, to restore positions */
};

static int collect(void *ud, const struct tk_row *row)
{
	struct loader *l = ud;

	tk_buf_puts(&l->doc, row->xml);
	tk_buf_printf(&l->lines, "%s\t%d\n", row->file ? row->file : "", row->line);
	return 0;
}

int tk_bank_load_items(struct tk_bank *b, const struct tk_query *q,
		       struct tk_itemset *set, struct tk_error *err)
{
	struct loader l;
	char **ids = NULL;
	int nids = 0, i, rc;
	size_t k;

	memset(&l, 0, sizeof l);
	/* one document per standard: an items file belongs to one */
	if (q->standard) {
		ids = NULL;
		nids = 0;
		if (!tk_item_strlist_add(&ids, &nids, q->standard))
			return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	} else if ((rc = tk_bank_standards(b, &ids, &nids, err)) != TK_OK) {
		return rc;
	}
	rc = TK_OK;
	for (i = 0; i < nids && rc == TK_OK; i++) {
		struct tk_query q2 = *q;
		struct tk_itemset part = {0};
		const char *p;

		q2.standard = ids[i];
		tk_buf_reset(&l.doc);
		tk_buf_reset(&l.lines);
		tk_items_xml_begin(&l.doc, ids[i]);
		rc = tk_bank_query(b, &q2, collect, &l, err);
		if (rc != TK_OK)
			break;
		tk_items_xml_end(&l.doc);
		if (l.doc.oom || l.lines.oom) {
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			break;
		}
		/* a bank is input like any other: its items are checked against
		   the schema as they are read, by streaming readers */
		rc = tk_xml_check(l.doc.s, l.doc.len, b->path, "items", NULL, err);
		if (rc == TK_OK)
			rc = tk_items_parse_unchecked(l.doc.s, l.doc.len, b->path, &part, NULL, err);
		p = tk_buf_str(&l.lines);
		for (k = 0; rc == TK_OK && k < part.n; k++) {
			const char *tab = strchr(p, '\t'), *nl = tab ? strchr(tab, '\n') : NULL;
			struct tk_item *it = part.items[k];
			if (tab == NULL || nl == NULL)
				break;
			free(it->file);
			it->file = tab > p ? strndup(p, (size_t)(tab - p)) : NULL;
			it->line = atoi(tab + 1);
			p = nl + 1;
			if (!tk_itemset_add(set, it)) {
				rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
				break;
			}
			part.items[k] = NULL;
		}
		tk_itemset_free(&part);
	}
	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	tk_buf_free(&l.doc);
	tk_buf_free(&l.lines);
	return rc;
}

int tk_bank_standards(struct tk_bank *b, char ***v, int *n, struct tk_error *err)
{
	sqlite3_stmt *st;
	int rc = TK_OK;

	*v = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(b->db, "SELECT id FROM standard ORDER BY id", -1, &st,
			       NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read standards");
	while (sqlite3_step(st) == SQLITE_ROW)
		if (!tk_item_strlist_add(v, n, (const char *)sqlite3_column_text(st, 0))) {
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			break;
		}
	sqlite3_finalize(st);
	return rc;
}

/* ---- practice: the items courses may use ---------------------------- */

/* Items on a committed batch are official: never practice material. */
#define NOT_OFFICIAL \
	" AND NOT EXISTS (SELECT 1 FROM exposure e JOIN batch t ON t.id = e.batch" \
	" AND t.state = 'committed' WHERE e.item = i.id)"

int tk_bank_practice_items(struct tk_bank *b, const struct tk_practice_filter *f,
			   char ***ids, int *n, struct tk_error *err)
{
	sqlite3_stmt *st;
	int rc = TK_OK;

	*ids = NULL;
	*n = 0;
	/* the lists travel as one space-separated string each: no SQL is
	   built from the caller's text */
	if (sqlite3_prepare_v2(b->db,
			       "SELECT i.id FROM item i WHERE i.standard = ?1 AND i.level = ?2"
			       " AND i.status = 'approved' AND i.difficulty BETWEEN ?3 AND ?4"
			       " AND (?5 IS NULL OR i.kind = ?5)"
			       " AND (?6 IS NULL OR instr(' ' || ?6 || ' ', ' ' || i.type || ' ') > 0)"
			       " AND EXISTS (SELECT 1 FROM item_code c WHERE c.item = i.rowid"
			       "   AND instr(' ' || ?7 || ' ', ' ' || c.code || ' ') > 0)"
			       NOT_OFFICIAL " ORDER BY i.id", -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot query items");
	sqlite3_bind_text(st, 1, f->standard, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f->level, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, f->dmin);
	sqlite3_bind_int(st, 4, f->dmax);
	sqlite3_bind_text(st, 5, f->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, f->types, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, f->codes ? f->codes : "", -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (!tk_item_strlist_add(ids, n, (const char *)sqlite3_column_text(st, 0))) {
			sqlite3_finalize(st);
			return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		}
	rc = rc == SQLITE_DONE ? TK_OK : db_error(b, err, "cannot query items");
	sqlite3_finalize(st);
	return rc;
}

int tk_bank_item_official(struct tk_bank *b, const char *id, char **batch,
			  struct tk_error *err)
{
	char *form = NULL;
	int rc = tk_bank_item_official_form(b, id, batch, &form, err);

	free(form);
	return rc;
}

/* ---- journal: undo, redo, log ------------------------------------- */

/*
 * Run sql with the n text parameters of ap (NULL binds NULL); no rows
 * expected.  With input, a broken constraint is the caller's input
 * (TK_EINPUT with SQLite's words); otherwise any failure is the bank's.
 */
static int run_v(struct tk_bank *b, const char *sql, struct tk_error *err, int input,
		 int n, va_list ap)
{
	sqlite3_stmt *st;
	int i, r;

	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot change the bank");
	for (i = 0; i < n; i++)
		sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	if (input && r == SQLITE_CONSTRAINT)
		return tk_error_set(err, TK_EINPUT, b->path, 0, "%s", sqlite3_errmsg(b->db));
	return r == SQLITE_DONE || r == SQLITE_ROW ? TK_OK :
	       db_error(b, err, "cannot change the bank");
}

/* Run sql with text parameters; no rows expected. */
static int run(struct tk_bank *b, const char *sql, struct tk_error *err,
	       int n, ...)
{
	va_list ap;
	int rc;

	va_start(ap, n);
	rc = run_v(b, sql, err, 0, n, ap);
	va_end(ap);
	return rc;
}

/*
 * The state of an item or standard: its XML and context (standard id or
 * file), both NULL when it does not exist.  Caller frees both.
 */
static int get_state(struct tk_bank *b, const char *kind, const char *key,
		     char **image, char **context, struct tk_error *err)
{
	sqlite3_stmt *st;
	int item = !strcmp(kind, "item");

	*image = *context = NULL;
	/* a paper's state: its items on the first line, then its blueprint;
	   its context: standard, a tab, title */
	if (sqlite3_prepare_v2(b->db, item ? "SELECT xml, standard FROM item WHERE id = ?1" :
			       !strcmp(kind, "script") ?
			       "SELECT code, kind || ' ' || coalesce(event, '') FROM script WHERE name = ?1" :
			       !strcmp(kind, "paper") ?
			       "SELECT coalesce((SELECT group_concat(item, ' ') FROM (SELECT item FROM"
			       " paper_item WHERE paper = p.id ORDER BY pos)), '') || char(10) || blueprint,"
			       " standard || char(9) || title || char(9) || created FROM paper p WHERE id = ?1" :
			       "SELECT xml, file FROM standard WHERE id = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read the bank");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*image = tk_strdup((const char *)sqlite3_column_text(st, 0));
		*context = tk_strdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return TK_OK;
}

/* Put an item back exactly as image says (NULL: remove it). */
static int set_item_state(struct tk_bank *b, const char *id, const char *standard,
			  const char *image, struct tk_error *err)
{
	sqlite3_stmt *st;
	struct tk_item *it = NULL;
	struct tk_row row;
	char *cur_xml = NULL, *cur_text = NULL, *cur_file = NULL, *cur_hash = NULL, ver[16];
	sqlite3_int64 rowid = 0;
	int cur_version = 0, cur_line = 0, rc = TK_OK, outcome;

	if (sqlite3_prepare_v2(b->db, "SELECT rowid, version, xml, text, file, line, hash"
			       " FROM item WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read the bank");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		rowid = sqlite3_column_int64(st, 0);
		cur_version = sqlite3_column_int(st, 1);
		cur_xml = tk_strdup((const char *)sqlite3_column_text(st, 2));
		cur_text = tk_strdup((const char *)sqlite3_column_text(st, 3));
		cur_file = tk_strdup((const char *)sqlite3_column_text(st, 4));
		cur_line = sqlite3_column_int(st, 5);
		cur_hash = tk_strdup((const char *)sqlite3_column_text(st, 6));
	}
	sqlite3_finalize(st);
	if (image) {
		memset(&row, 0, sizeof row);
		row.id = id;
		row.standard = standard;
		row.xml = image;
		/* where the item came from stays what messages point at */
		row.file = cur_file;
		row.line = cur_line;
		if ((rc = tk_item_from_row(&row, &it, err)) != TK_OK)
			goto out;
	}
	if (rowid) {
		char rid[32];
		snprintf(rid, sizeof rid, "%lld", (long long)rowid);
		if ((rc = run(b, "INSERT INTO item_fts(item_fts, rowid, text) VALUES ('delete', ?1, ?2)",
			      err, 2, rid, cur_text ? cur_text : "")) != TK_OK ||
		    (rc = run(b, "DELETE FROM item WHERE rowid = ?1", err, 1, rid)) != TK_OK)
			goto out;
	}
	/* the history holds the versions before the current one */
	if (it && rowid && cur_version < it->version) {
		snprintf(ver, sizeof ver, "%d", cur_version);
		/* the version leaving keeps its hash, as history written by put does */
		rc = run(b, "INSERT OR REPLACE INTO item_history(id, version, hash, xml, created)"
			    " VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
			 err, 4, id, ver, cur_hash ? cur_hash : "", cur_xml);
	} else {
		snprintf(ver, sizeof ver, "%d", it ? it->version : 0);
		rc = run(b, "DELETE FROM item_history WHERE id = ?1 AND version >= ?2",
			 err, 2, id, ver);
	}
	if (rc == TK_OK && it)
		rc = put(b, it, PUT_RAW, &outcome, err);
out:
	tk_item_free(it);
	free(cur_xml);
	free(cur_text);
	free(cur_file);
	free(cur_hash);
	return rc;
}

static int set_standard_state(struct tk_bank *b, const char *id, const char *file,
			      const char *image, struct tk_error *err)
{
	char hash[65];

	if (image == NULL)
		return run(b, "DELETE FROM standard WHERE id = ?1", err, 1, id);
	tk_sha256_hex(image, strlen(image), hash);
	return run(b, "INSERT INTO standard(id, hash, xml, file, updated)"
		      " VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
		      " ON CONFLICT(id) DO UPDATE SET hash=excluded.hash, xml=excluded.xml,"
		      " file=excluded.file, updated=excluded.updated",
		   err, 4, id, hash, image, file ? file : "");
}

/* context is "kind event" (event may be empty) */
static int set_script_state(struct tk_bank *b, const char *name, const char *context,
			    const char *code, struct tk_error *err)
{
	char kind[96] = "", *event;

	if (code == NULL)
		return run(b, "DELETE FROM script WHERE name = ?1", err, 1, name);
	snprintf(kind, sizeof kind, "%s", context ? context : "lint");
	event = strchr(kind, ' ');
	if (event)
		*event++ = '\0';
	return run(b, "INSERT INTO script(name, kind, event, code, updated)"
		      " VALUES (?1, ?2, nullif(?3, ''), ?4, strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
		      " ON CONFLICT(name) DO UPDATE SET kind=excluded.kind, event=excluded.event,"
		      " code=excluded.code, updated=excluded.updated",
		   err, 4, name, kind, event ? event : "", code);
}

/* Put a paper back as image and context say (image NULL: remove it). */
static int set_paper_state(struct tk_bank *b, const char *id, const char *context,
			   const char *image, struct tk_error *err)
{
	char *ctx = NULL, *title, *created = NULL, *ids = NULL, *bp, *tok, *save = NULL, pos[16];
	int rc, n = 0;

	if ((rc = run(b, "DELETE FROM paper WHERE id = ?1", err, 1, id)) != TK_OK || image == NULL)
		return rc;
	ctx = tk_strdup(context ? context : "");
	ids = tk_strdup(image);
	if (ctx == NULL || ids == NULL) {
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	/* standard TAB title [TAB created]: undo gives a paper back its birth */
	title = strchr(ctx, '\t');
	if (title) {
		*title++ = '\0';
		created = strrchr(title, '\t');
		if (created)
			*created++ = '\0';
	}
	bp = strchr(ids, '\n');
	if (bp)
		*bp++ = '\0';
	rc = run(b, "INSERT INTO paper(id, standard, title, blueprint, created)"
		    " VALUES (?1, ?2, ?3, ?4, coalesce(nullif(?5, ''),"
		    " strftime('%Y-%m-%dT%H:%M:%SZ','now')))",
		 err, 5, id, ctx, title ? title : "", bp ? bp : "", created ? created : "");
	for (tok = strtok_r(ids, " ", &save); tok && rc == TK_OK; tok = strtok_r(NULL, " ", &save)) {
		snprintf(pos, sizeof pos, "%d", n++);
		rc = run(b, "INSERT INTO paper_item(paper, pos, item) VALUES (?1, ?2, ?3)",
			 err, 3, id, pos, tok);
	}
out:
	free(ctx);
	free(ids);
	return rc;
}

int tk_bank_put_paper(struct tk_bank *b, const char *id, const char *standard,
		      const char *title, const char *blueprint, char *const *items,
		      int n, struct tk_error *err)
{
	struct tk_buf image = TK_BUF_INIT, ctx = TK_BUF_INIT;
	char *old = NULL, *old_ctx = NULL, *born;
	int rc, i;

	if (!b->in_tx)
		return tk_error_set(err, TK_EINTERNAL, b->path, 0,
				    "paper '%s': changes need an open command", id);
	if ((rc = get_state(b, "paper", id, &old, &old_ctx, err)) != TK_OK)
		return rc;
	rc = note(b, "paper", id, old_ctx, old, err);
	/* a paper keeps the time it was made through every change */
	born = old_ctx ? strrchr(old_ctx, '\t') : NULL;
	if (rc != TK_OK || blueprint == NULL) {
		free(old);
		free(old_ctx);
		return rc != TK_OK ? rc : set_paper_state(b, id, NULL, NULL, err);
	}
	for (i = 0; i < n; i++)
		tk_buf_printf(&image, "%s%s", i ? " " : "", items[i]);
	tk_buf_putc(&image, '\n');
	tk_buf_puts(&image, blueprint);
	tk_buf_printf(&ctx, "%s\t%s\t%s", standard, title ? title : "", born ? born + 1 : "");
	free(old);
	free(old_ctx);
	rc = image.oom || ctx.oom ? tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") :
	     set_paper_state(b, id, ctx.s, image.s, err);
	tk_buf_free(&image);
	tk_buf_free(&ctx);
	return rc;
}

int tk_bank_get_paper(struct tk_bank *b, const char *id, char **standard, char **title,
		      char **blueprint, char ***items, int *n, struct tk_error *err)
{
	sqlite3_stmt *st;
	int rc = TK_OK, found = 0;

	*standard = *title = *blueprint = NULL;
	*items = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(b->db, "SELECT standard, title, blueprint FROM paper WHERE id = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read papers");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = 1;
		*standard = tk_strdup((const char *)sqlite3_column_text(st, 0));
		*title = tk_strdup((const char *)sqlite3_column_text(st, 1));
		*blueprint = tk_strdup((const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	if (!found)
		return tk_error_set(err, TK_EINPUT, b->path, 0, "no paper '%s' in the bank", id);
	if (sqlite3_prepare_v2(b->db, "SELECT item FROM paper_item WHERE paper = ?1 ORDER BY pos",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read papers");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while (rc == TK_OK && sqlite3_step(st) == SQLITE_ROW)
		if (!tk_item_strlist_add(items, n, (const char *)sqlite3_column_text(st, 0)))
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	sqlite3_finalize(st);
	return rc;
}

int tk_bank_put_script(struct tk_bank *b, const char *name, const char *kind,
		       const char *event, const char *code, struct tk_error *err)
{
	char *old = NULL, *old_ctx = NULL, ctx[80];
	int rc;

	if (!b->in_tx)
		return tk_error_set(err, TK_EINTERNAL, b->path, 0,
				    "script '%s': changes need an open command", name);
	if ((rc = get_state(b, "script", name, &old, &old_ctx, err)) != TK_OK)
		return rc;
	rc = note(b, "script", name, old_ctx, old, err);
	free(old);
	free(old_ctx);
	if (rc != TK_OK)
		return rc;
	snprintf(ctx, sizeof ctx, "%s %s", kind, event ? event : "");
	return set_script_state(b, name, ctx, code, err);
}

/* ---- images ---------------------------------------------------------- */

int tk_bank_put_image(struct tk_bank *b, const void *data, size_t len,
		      char name[TK_IMAGE_NAME], int *outcome, struct tk_error *err)
{
	sqlite3_stmt *st;
	int type = tk_image_type(data, len), rc = TK_OK;

	name[0] = '\0';
	if (type == TK_IMAGE_NONE)
		return tk_error_set(err, TK_EINPUT, NULL, 0, "not a PNG or JPEG image");
	if (len > TK_IMAGE_MAX)
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    "image of %zu bytes: at most %u may be kept", len, TK_IMAGE_MAX);
	if (!b->in_tx)
		return tk_error_set(err, TK_EINTERNAL, b->path, 0,
				    "image: changes need an open command");
	tk_image_name(data, len, type, name);
	if (sqlite3_prepare_v2(b->db, "INSERT OR IGNORE INTO image(name, type, data, created)"
			       " VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot store an image");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, tk_image_type_name(type), -1, SQLITE_STATIC);
	sqlite3_bind_blob64(st, 3, data, len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_error(b, err, "cannot store an image");
	else if (outcome)
		*outcome = sqlite3_changes(b->db) ? TK_PUT_NEW : TK_PUT_SAME;
	sqlite3_finalize(st);
	return rc;
}

int tk_bank_get_image(struct tk_bank *b, const char *name, struct tk_buf *data,
		      struct tk_error *err)
{
	sqlite3_stmt *st;
	int rc = TK_FAIL, step;

	if (sqlite3_prepare_v2(b->db, "SELECT data FROM image WHERE name = ?1", -1, &st,
			       NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read an image");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const void *p = sqlite3_column_blob(st, 0);
		int n = sqlite3_column_bytes(st, 0);
		tk_buf_add(data, p ? p : "", (size_t)n);
		rc = data->oom ? tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") : TK_OK;
	} else if (step != SQLITE_DONE) {
		rc = db_error(b, err, "cannot read an image");
	}
	sqlite3_finalize(st);
	return rc;
}

int tk_bank_image_get(void *bank, const char *src, struct tk_buf *data,
		      struct tk_error *err)
{
	return tk_bank_get_image(bank, src, data, err);
}

int tk_bank_scripts(struct tk_bank *b, const char *kind, struct tk_script **v,
		    int *n, struct tk_error *err)
{
	sqlite3_stmt *st;
	int rc = TK_OK;

	*v = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(b->db, "SELECT name, kind, event, code FROM script"
			       " WHERE ?1 IS NULL OR kind = ?1 ORDER BY name", -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read scripts");
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct tk_script *p = realloc(*v, (size_t)(*n + 1) * sizeof *p);
		if (p == NULL) {
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
			break;
		}
		*v = p;
		p[*n].name = tk_strdup((const char *)sqlite3_column_text(st, 0));
		p[*n].kind = tk_strdup((const char *)sqlite3_column_text(st, 1));
		p[*n].event = tk_strdup((const char *)sqlite3_column_text(st, 2));
		p[*n].code = tk_strdup((const char *)sqlite3_column_text(st, 3));
		(*n)++;
	}
	sqlite3_finalize(st);
	return rc;
}

void tk_scripts_free(struct tk_script *v, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].kind);
		free(v[i].event);
		free(v[i].code);
	}
	free(v);
}

static void entry_from(sqlite3_stmt *st, struct tk_journal_entry *e)
{
	memset(e, 0, sizeof *e);
	e->seq = (long)sqlite3_column_int64(st, 0);
	snprintf(e->time, sizeof e->time, "%s", (const char *)sqlite3_column_text(st, 1));
	snprintf(e->user, sizeof e->user, "%s", (const char *)sqlite3_column_text(st, 2));
	snprintf(e->command, sizeof e->command, "%s", (const char *)sqlite3_column_text(st, 3));
	snprintf(e->summary, sizeof e->summary, "%s", (const char *)sqlite3_column_text(st, 4));
	snprintf(e->state, sizeof e->state, "%s", (const char *)sqlite3_column_text(st, 5));
	e->changes = sqlite3_column_int(st, 6);
}

#define ENTRY_COLUMNS "seq, time, user, command, summary, state," \
	" (SELECT count(*) FROM journal_change c WHERE c.seq = journal.seq)"

/*
 * Swap every change of entry seq with the state now current, in reverse
 * order for undo, in order for redo: afterwards the rows hold what the
 * other operation needs.
 */
static int swap_changes(struct tk_bank *b, long seq, int reverse, struct tk_error *err)
{
	sqlite3_stmt *st;
	char sql[200];
	int rc = TK_OK;

	snprintf(sql, sizeof sql, "SELECT ord, kind, key, context, image FROM journal_change"
		 " WHERE seq = %ld ORDER BY ord %s", seq, reverse ? "DESC" : "ASC");
	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read the journal");
	while (rc == TK_OK && sqlite3_step(st) == SQLITE_ROW) {
		int ord = sqlite3_column_int(st, 0);
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		char *key = tk_strdup((const char *)sqlite3_column_text(st, 2));
		char *ctx = tk_strdup((const char *)sqlite3_column_text(st, 3));
		char *image = tk_strdup((const char *)sqlite3_column_text(st, 4));
		int item = !strcmp(kind, "item"), script = !strcmp(kind, "script");
		char *now = NULL, *now_ctx = NULL, sord[16], sseq[24];

		rc = get_state(b, kind, key, &now, &now_ctx, err);
		if (rc == TK_OK)
			rc = item ? set_item_state(b, key, ctx, image, err) :
			     script ? set_script_state(b, key, ctx, image, err) :
			     !strcmp(kind, "paper") ? set_paper_state(b, key, ctx, image, err) :
				      set_standard_state(b, key, ctx, image, err);
		snprintf(sord, sizeof sord, "%d", ord);
		snprintf(sseq, sizeof sseq, "%ld", seq);
		if (rc == TK_OK)
			rc = run(b, "UPDATE journal_change SET image = ?1, context = ?2"
				    " WHERE seq = ?3 AND ord = ?4", err, 4, now,
				 now_ctx ? now_ctx : ctx, sseq, sord);
		free(key);
		free(ctx);
		free(image);
		free(now);
		free(now_ctx);
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * Another's command done after entry seq that changed what seq changed:
 * undoing seq would throw that change away.  Fills *later (its entry) and
 * *key (what both changed, the caller's), or leaves *key NULL.
 */
static int later_change(struct tk_bank *b, long seq, struct tk_journal_entry *later,
			char **key, struct tk_error *err)
{
	sqlite3_stmt *st;

	*key = NULL;
	if (sqlite3_prepare_v2(b->db, "SELECT j.seq, j.time, j.user, j.command, j.summary,"
			       " j.state, 0, c.key FROM journal_change c JOIN journal j ON j.seq = c.seq"
			       " WHERE j.seq > ?1 AND j.state = 'done' AND EXISTS (SELECT 1 FROM"
			       " journal_change m WHERE m.seq = ?1 AND m.kind = c.kind AND m.key = c.key)"
			       " ORDER BY j.seq LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read the journal");
	sqlite3_bind_int64(st, 1, seq);
	if (sqlite3_step(st) == SQLITE_ROW) {
		entry_from(st, later);
		if ((*key = tk_strdup((const char *)sqlite3_column_text(st, 7))) == NULL) {
			sqlite3_finalize(st);
			return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		}
	}
	sqlite3_finalize(st);
	return TK_OK;
}

/* Why there is nothing of user's to undo: whose the latest command is. */
static int nothing_of_yours(struct tk_bank *b, const char *user, struct tk_error *err)
{
	sqlite3_stmt *st;
	struct tk_journal_entry other;
	int any = 0;

	if (sqlite3_prepare_v2(b->db, "SELECT " ENTRY_COLUMNS " FROM journal WHERE state = 'done'"
			       " ORDER BY seq DESC LIMIT 1", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW) {
			entry_from(st, &other);
			any = 1;
		}
		sqlite3_finalize(st);
	}
	if (!any)
		return tk_error_set(err, TK_FAIL, b->path, 0, "nothing to undo");
	return tk_error_set(err, TK_FAIL, b->path, 0,
			    "nothing of %s's to undo; the latest command is #%ld %s by %s "
			    "(tiku undo --any undoes it)", user, other.seq, other.command, other.user);
}

static int undo_redo(struct tk_bank *b, int undo, const char *user, struct tk_journal_entry *e,
		     struct tk_error *err)
{
	sqlite3_stmt *st;
	int rc, found = 0;
	char sql[300], *key = NULL;
	struct tk_journal_entry later;

	if (b->in_tx)
		return tk_error_set(err, TK_EINTERNAL, b->path, 0, "a command is open");
	if ((rc = begin_immediate(b, undo ? "undo" : "redo", "", err)) != TK_OK)
		return rc;
	b->in_tx = 1;
	/* undo the latest done (of user, when named); redo the earliest undone
	   (later ones are undone too, since a new command drops them) */
	snprintf(sql, sizeof sql, "SELECT " ENTRY_COLUMNS " FROM journal WHERE state = '%s'%s"
		 " ORDER BY seq %s LIMIT 1", undo ? "done" : "undone",
		 undo && user ? " AND user = ?1" : "", undo ? "DESC" : "ASC");
	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK) {
		rc = db_error(b, err, "cannot read the journal");
		goto out;
	}
	if (undo && user)
		sqlite3_bind_text(st, 1, user, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		entry_from(st, e);
		found = 1;
	}
	sqlite3_finalize(st);
	if (!found) {
		rc = undo && user ? nothing_of_yours(b, user, err) :
		     tk_error_set(err, TK_FAIL, b->path, 0, undo ? "nothing to undo" : "nothing to redo");
		goto out;
	}
	/* one's own latest command may lie under another's that changed the
	   same item since: undoing it would throw the other's work away */
	if (undo && (rc = later_change(b, e->seq, &later, &key, err)) != TK_OK)
		goto out;
	if (key) {
		rc = tk_error_set(err, TK_EINPUT, b->path, 0,
				  "cannot undo #%ld %s (%s): %s changed %s since, in #%ld %s; "
				  "that must be undone first (tiku undo --any)", e->seq, e->command,
				  e->summary, later.user, key, later.seq, later.command);
		free(key);
		goto out;
	}
	if ((rc = swap_changes(b, e->seq, undo, err)) != TK_OK)
		goto out;
	snprintf(sql, sizeof sql, "UPDATE journal SET state = '%s' WHERE seq = %ld",
		 undo ? "undone" : "done", e->seq);
	if ((rc = exec(b, sql, err)) != TK_OK)
		goto out;
	snprintf(e->state, sizeof e->state, "%s", undo ? "undone" : "done");
	rc = end_tx(b, "COMMIT", err);
out:
	if (rc != TK_OK)
		end_tx(b, "ROLLBACK", NULL);
	b->in_tx = 0;
	return rc;
}

int tk_bank_undo(struct tk_bank *b, const char *user, struct tk_journal_entry *e,
		 struct tk_error *err)
{
	return undo_redo(b, 1, user, e, err);
}

int tk_bank_redo(struct tk_bank *b, struct tk_journal_entry *e, struct tk_error *err)
{
	return undo_redo(b, 0, NULL, e, err);
}

int tk_bank_log(struct tk_bank *b, int limit,
		int (*fn)(void *ud, const struct tk_journal_entry *e), void *ud,
		struct tk_error *err)
{
	return tk_bank_log_item(b, NULL, limit, fn, ud, err);
}

int tk_bank_log_item(struct tk_bank *b, const char *id, int limit,
		     int (*fn)(void *ud, const struct tk_journal_entry *e), void *ud,
		     struct tk_error *err)
{
	sqlite3_stmt *st;
	char sql[800];
	int r;

	/* the journal and the audit of official work, one timeline; an item's
	   own log is the commands that changed it */
	if (id)
		snprintf(sql, sizeof sql, "SELECT " ENTRY_COLUMNS ", '', '', 0 AS audit FROM journal"
			 " WHERE state <> 'dropped' AND seq IN (SELECT seq FROM journal_change"
			 " WHERE kind = 'item' AND key = ?2) ORDER BY time DESC, seq DESC%s",
			 limit > 0 ? " LIMIT ?1" : "");
	else
		snprintf(sql, sizeof sql, "SELECT " ENTRY_COLUMNS ", '', '', 0 AS audit,"
			 " 2 * seq AS ord FROM journal"
			 " WHERE state <> 'dropped' UNION ALL SELECT seq, time, user, command,"
			 " coalesce(batch || ': ', '') || summary,"
			 " 'done', 0, bank_digest, blueprint_digest, 1, 2 * follows + 1 FROM audit_event"
			 " ORDER BY time DESC, ord DESC, seq DESC%s", limit > 0 ? " LIMIT ?1" : "");
	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read the journal");
	if (limit > 0)
		sqlite3_bind_int(st, 1, limit);
	if (id)
		sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct tk_journal_entry e;
		entry_from(st, &e);
		snprintf(e.bank_digest, sizeof e.bank_digest, "%s",
			 (const char *)sqlite3_column_text(st, 7));
		snprintf(e.blueprint_digest, sizeof e.blueprint_digest, "%s",
			 (const char *)sqlite3_column_text(st, 8));
		e.audit = sqlite3_column_int(st, 9);
		if (fn(ud, &e))
			break;
	}
	sqlite3_finalize(st);
	return TK_OK;
}

/* ---- for the validator (#15): what a paper is checked against ------ */

int tk_bank_get_item_version(struct tk_bank *b, const char *id, int version,
			     struct tk_item **out, struct tk_error *err)
{
	sqlite3_stmt *st;
	struct tk_row row;
	int rc = TK_OK;

	*out = NULL;
	/* the current version lives in item, the earlier ones in the history */
	if (sqlite3_prepare_v2(b->db, "SELECT standard, xml, file, line FROM item"
			       " WHERE id = ?1 AND version = ?2 UNION ALL"
			       " SELECT i.standard, h.xml, h.file, h.line FROM item_history h"
			       " JOIN item i ON i.id = h.id WHERE h.id = ?1 AND h.version = ?2"
			       " LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read item history");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, version);
	if (sqlite3_step(st) == SQLITE_ROW) {
		memset(&row, 0, sizeof row);
		row.id = id;
		row.standard = (const char *)sqlite3_column_text(st, 0);
		row.xml = (const char *)sqlite3_column_text(st, 1);
		row.file = (const char *)sqlite3_column_text(st, 2);
		row.line = sqlite3_column_int(st, 3);
		rc = tk_item_from_row(&row, out, err);
	}
	sqlite3_finalize(st);
	return rc;
}

int tk_bank_item_uses(struct tk_bank *b, const char *id, const char *batch, int *uses,
		      char **first, struct tk_error *err)
{
	sqlite3_stmt *st;
	int rc = TK_OK;

	*uses = 0;
	*first = NULL;
	/* a committed batch counts only what was committed before it */
	if (sqlite3_prepare_v2(b->db, "SELECT count(DISTINCT t.id), min(t.id) FROM exposure e"
			       " JOIN batch t ON t.id = e.batch AND t.state = 'committed'"
			       " WHERE e.item = ?1 AND t.id IS NOT ?2 AND t.committed <"
			       " coalesce((SELECT committed FROM batch WHERE id = ?2), '9')",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read exposure");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, batch, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*uses = sqlite3_column_int(st, 0);
		if (*uses && (*first = tk_strdup((const char *)sqlite3_column_text(st, 1))) == NULL)
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	} else {
		rc = db_error(b, err, "cannot read exposure");
	}
	sqlite3_finalize(st);
	return rc;
}

int tk_bank_batch_committed(struct tk_bank *b, const char *id, int *committed,
			    struct tk_error *err)
{
	sqlite3_stmt *st;

	*committed = 0;
	if (sqlite3_prepare_v2(b->db, "SELECT state = 'committed' FROM batch WHERE id = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read batches");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		*committed = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return TK_OK;
}

int tk_bank_find_blueprint(struct tk_bank *b, const char *digest, char **xml, char **where,
			   struct tk_error *err)
{
	sqlite3_stmt *st;
	char h[65];
	int r, found = 0;

	*xml = *where = NULL;
	/* batches keep the digest beside the text; composed papers only the text */
	if (sqlite3_prepare_v2(b->db, "SELECT blueprint, 'batch ' || id FROM batch"
			       " WHERE blueprint_digest = ?1 UNION ALL"
			       " SELECT blueprint, 'paper ' || id FROM paper",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read blueprints");
	sqlite3_bind_text(st, 1, digest, -1, SQLITE_STATIC);
	while (!found && (r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);
		tk_digest_hex(text, (size_t)sqlite3_column_bytes(st, 0), h);
		if (strcmp(h, digest))
			continue;
		found = 1;
		*xml = tk_strdup(text);
		*where = tk_strdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (found && (*xml == NULL || *where == NULL)) {
		free(*xml);
		free(*where);
		*xml = *where = NULL;
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	return TK_OK;
}

/* ---- the exposure wall in the assembler and the composer (#15) ---- */

/* ---- the pool an assembler draws from, and coverage ---------------- */

static const char *col_str(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

int tk_bank_each_pool(struct tk_bank *b, const char *std, const char *level, int kind,
		      int (*fn)(void *ud, const struct tk_bank_pool_row *row), void *ud,
		      struct tk_error *err)
{
	/* item.code is the first code: the covering index answers it all */
	static const char *sql =
		"SELECT i.id, i.type, i.status, i.points, i.difficulty, i.hash, i.enemies,"
		" i.code, i.time"
		" FROM item i WHERE i.standard = ?1 AND i.level = ?2 AND i.kind = ?3"
		" ORDER BY i.id";
	sqlite3_stmt *st;
	int r = SQLITE_DONE, rc = TK_OK;

	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read items");
	sqlite3_bind_text(st, 1, std, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, level, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, tk_kind_name(kind), -1, SQLITE_STATIC);
	while (rc == TK_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
		struct tk_bank_pool_row row;
		const char *e = col_str(st, 6);
		row.id = col_str(st, 0);
		row.type = tk_type_parse(col_str(st, 1));
		row.status = tk_status_parse(col_str(st, 2));
		row.points = sqlite3_column_int(st, 3);
		row.difficulty = sqlite3_column_int(st, 4);
		row.hash = col_str(st, 5);
		row.hash = row.hash ? row.hash : "";
		row.enemies = e ? e : "";
		row.code = col_str(st, 7);
		row.time = sqlite3_column_int(st, 8);
		rc = fn(ud, &row);
	}
	if (rc == TK_OK && r != SQLITE_DONE)
		rc = db_error(b, err, "cannot read items");
	sqlite3_finalize(st);
	return rc;
}

int tk_bank_each_code(struct tk_bank *b, const char *std, const char *level, int kind,
		      int (*fn)(void *ud, const struct tk_bank_code_row *row), void *ud,
		      struct tk_error *err)
{
	sqlite3_stmt *st;
	int r = SQLITE_DONE, rc = TK_OK;

	if (sqlite3_prepare_v2(b->db,
			       "SELECT i.type, i.status, i.points, c.code, c.pos FROM item i"
			       " JOIN item_code c ON c.item = i.rowid"
			       " WHERE i.standard = ?1 AND i.level = ?2 AND i.kind = ?3"
			       " AND i.status <> 'retired'",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read items");
	sqlite3_bind_text(st, 1, std, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, level, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, tk_kind_name(kind), -1, SQLITE_STATIC);
	while (rc == TK_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
		struct tk_bank_code_row row;
		row.type = tk_type_parse(col_str(st, 0));
		row.status = tk_status_parse(col_str(st, 1));
		row.points = sqlite3_column_int(st, 2);
		row.code = col_str(st, 3);
		row.pos = sqlite3_column_int(st, 4);
		rc = fn(ud, &row);
	}
	if (rc == TK_OK && r != SQLITE_DONE)
		rc = db_error(b, err, "cannot read items");
	sqlite3_finalize(st);
	return rc;
}

int tk_bank_exposure_uses(struct tk_bank *b, char ***ids, int **uses, int *n,
			  struct tk_error *err)
{
	sqlite3_stmt *st;
	int r, cap = 0;

	*ids = NULL;
	*uses = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(b->db, "SELECT e.item, count(DISTINCT e.batch) FROM exposure e"
			       " JOIN batch t ON t.id = e.batch AND t.state = 'committed'"
			       " GROUP BY e.item ORDER BY e.item", -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read exposure");
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			int *v = realloc(*uses, (size_t)(cap = cap ? 2 * cap : 64) * sizeof *v);
			if (v == NULL)
				break;
			*uses = v;
		}
		if (!tk_item_strlist_add(ids, n, (const char *)sqlite3_column_text(st, 0)))
			break;
		(*uses)[*n - 1] = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (r == SQLITE_ROW)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	return r == SQLITE_DONE ? TK_OK : db_error(b, err, "cannot read exposure");
}

int tk_bank_item_official_form(struct tk_bank *b, const char *id, char **batch,
			       char **form, struct tk_error *err)
{
	sqlite3_stmt *st;
	int rc = TK_OK, r;

	*batch = *form = NULL;
	if (sqlite3_prepare_v2(b->db, "SELECT t.id, e.form FROM exposure e JOIN batch t"
			       " ON t.id = e.batch AND t.state = 'committed'"
			       " WHERE e.item = ?1 ORDER BY t.committed, t.id, e.form LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read exposure");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*batch = strdup((const char *)sqlite3_column_text(st, 0));
		*form = strdup((const char *)sqlite3_column_text(st, 1));
		if (*batch == NULL || *form == NULL) {
			free(*batch);
			free(*form);
			*batch = *form = NULL;
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		}
	} else if (r != SQLITE_DONE) {
		rc = db_error(b, err, "cannot read exposure");
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---- the audit of official work (#15 section 4) -------------------- */

int tk_bank_audit_event(struct tk_bank *b, const char *command, const char *batch,
			const char *summary, const char *bank_digest,
			const char *blueprint_digest, struct tk_error *err)
{
	sqlite3_stmt *st;
	int r;

	if (!b->in_tx)
		return tk_error_set(err, TK_EINTERNAL, b->path, 0, "no command is open");
	/* inside a command, whose own entry is the journal's last: the event
	   follows the entry before it (the command's may yet be dropped,
	   and its number given to the next) */
	if (sqlite3_prepare_v2(b->db, "INSERT INTO audit_event(time, user, command, batch,"
			       " summary, bank_digest, blueprint_digest, follows) VALUES"
			       " (strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?1, ?2, ?3, ?4, ?5, ?6,"
			       " (SELECT coalesce(max(seq), 1) - 1 FROM journal))",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot write the audit");
	sqlite3_bind_text(st, 1, b->user[0] ? b->user : "unknown", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, command, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, batch, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, summary ? summary : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, bank_digest ? bank_digest : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, blueprint_digest ? blueprint_digest : "", -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? TK_OK : db_error(b, err, "cannot write the audit");
}

int tk_bank_item_forms(struct tk_bank *b, const char *id,
		       int (*fn)(void *ud, const char *batch, const char *form, const char *xml),
		       void *ud, struct tk_error *err)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(b->db, "SELECT f.batch, f.form, f.xml FROM exposure e"
			       " JOIN batch_form f ON f.batch = e.batch AND f.form = e.form"
			       " WHERE e.item = ?1 ORDER BY f.batch, f.form", -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read the exposure");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (fn(ud, (const char *)sqlite3_column_text(st, 0),
		       (const char *)sqlite3_column_text(st, 1),
		       (const char *)sqlite3_column_text(st, 2)))
			break;
	sqlite3_finalize(st);
	return TK_OK;
}

int tk_bank_audit_summary(struct tk_bank *b, const char *batch, struct tk_audit_summary *sum,
			  struct tk_error *err)
{
	sqlite3_stmt *st;
	size_t len = 0;

	memset(sum, 0, sizeof *sum);
	if (sqlite3_prepare_v2(b->db, "SELECT count(*), count(candidate),"
			       " count(DISTINCT candidate), count(DISTINCT bank_digest),"
			       " coalesce(min(time), ''), coalesce(max(time), ''),"
			       " coalesce(max(bank_digest), '') FROM audit WHERE batch = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read the audit");
	sqlite3_bind_text(st, 1, batch, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		sum->papers = sqlite3_column_int(st, 0);
		sum->candidate_papers = sqlite3_column_int(st, 1);
		sum->candidates = sqlite3_column_int(st, 2);
		sum->bank_digests = sqlite3_column_int(st, 3);
		snprintf(sum->first, sizeof sum->first, "%s", (const char *)sqlite3_column_text(st, 4));
		snprintf(sum->last, sizeof sum->last, "%s", (const char *)sqlite3_column_text(st, 5));
		snprintf(sum->bank_digest, sizeof sum->bank_digest, "%s",
			 (const char *)sqlite3_column_text(st, 6));
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(b->db, "SELECT user, count(*) FROM audit WHERE batch = ?1"
			       " GROUP BY user ORDER BY count(*) DESC, user", -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read the audit");
	sqlite3_bind_text(st, 1, batch, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW && len < sizeof sum->users - 1) {
		int k = snprintf(sum->users + len, sizeof sum->users - len, "%s%s %d",
				 len ? ", " : "", (const char *)sqlite3_column_text(st, 0),
				 sqlite3_column_int(st, 1));
		len = k < 0 ? len : len + (size_t)k;
	}
	sqlite3_finalize(st);
	return TK_OK;
}

/* ---- versions, reviews and settings ----------------------------------- */

/* The version an item's stored XML carries (<item id=".." version="N"), or 0. */
static int xml_version(const char *xml)
{
	const char *v = xml ? strstr(xml, " version=\"") : NULL;

	return v ? atoi(v + 10) : 0;
}

/* XML of version `version` of item id, current or from the history, or NULL. */
static char *version_xml(struct tk_bank *b, const char *id, int version)
{
	sqlite3_stmt *st;
	char *xml = NULL;

	if (sqlite3_prepare_v2(b->db, "SELECT xml FROM item WHERE id = ?1 AND version = ?2"
			       " UNION ALL SELECT xml FROM item_history WHERE id = ?1 AND version = ?2"
			       " LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, version);
	if (sqlite3_step(st) == SQLITE_ROW)
		xml = tk_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return xml;
}

struct vinfo {
	int version;
	char *xml, *time, *user, *command, *summary;
	long seq;
};

static void vinfo_free(struct vinfo *v, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(v[i].xml);
		free(v[i].time);
		free(v[i].user);
		free(v[i].command);
		free(v[i].summary);
	}
	free(v);
}

/*
 * Every version of item id, oldest first, each with the journal entry
 * that made it where the journal says: an entry still done made the
 * version after the one its change row holds (the first version when
 * that is NULL: the command added the item).  *std is the item's
 * standard.  All the caller's (vinfo_free, free).
 */
static int load_versions(struct tk_bank *b, const char *id, struct vinfo **out, int *nout,
			 char **std, struct tk_error *err)
{
	sqlite3_stmt *st;
	struct vinfo *v = NULL;
	int n = 0, i, oom = 0, rc = TK_OK;

	*out = NULL;
	*nout = 0;
	*std = NULL;
	if (sqlite3_prepare_v2(b->db, "SELECT version, xml, created, NULL FROM item_history"
			       " WHERE id = ?1 UNION ALL SELECT version, xml, updated, standard"
			       " FROM item WHERE id = ?1 ORDER BY 1", -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read item history");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while (!oom && sqlite3_step(st) == SQLITE_ROW) {
		struct vinfo *w = tk_grow(v, n, sizeof *v, &oom);
		if (w == NULL)
			break;
		v = w;
		memset(&v[n], 0, sizeof v[n]);
		v[n].version = sqlite3_column_int(st, 0);
		v[n].xml = tk_strdup((const char *)sqlite3_column_text(st, 1));
		v[n].time = tk_strdup((const char *)sqlite3_column_text(st, 2));
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			*std = tk_strdup((const char *)sqlite3_column_text(st, 3));
		oom = v[n].xml == NULL || v[n].time == NULL;
		n++;
	}
	sqlite3_finalize(st);
	if (!oom && n && sqlite3_prepare_v2(b->db, "SELECT j.seq, j.time, j.user, j.command,"
					    " j.summary, c.image FROM journal_change c JOIN journal j"
					    " ON j.seq = c.seq WHERE c.kind = 'item' AND c.key = ?1"
					    " AND j.state = 'done' ORDER BY j.seq", -1, &st,
					    NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		while (!oom && sqlite3_step(st) == SQLITE_ROW) {
			const char *image = (const char *)sqlite3_column_text(st, 5);
			int made = image ? xml_version(image) + 1 : v[0].version;
			for (i = 0; i < n; i++)
				if (v[i].version == made)
					break;
			if (i == n)
				continue;
			free(v[i].time);
			free(v[i].user);
			free(v[i].command);
			free(v[i].summary);
			v[i].seq = (long)sqlite3_column_int64(st, 0);
			v[i].time = tk_strdup((const char *)sqlite3_column_text(st, 1));
			v[i].user = tk_strdup((const char *)sqlite3_column_text(st, 2));
			v[i].command = tk_strdup((const char *)sqlite3_column_text(st, 3));
			v[i].summary = tk_strdup((const char *)sqlite3_column_text(st, 4));
			oom = !v[i].time || !v[i].user || !v[i].command || !v[i].summary;
		}
		sqlite3_finalize(st);
	}
	if (oom || (n && *std == NULL)) {
		vinfo_free(v, n);
		free(*std);
		*std = NULL;
		return oom ? tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") :
		       tk_error_set(err, TK_EINTERNAL, b->path, 0, "item '%s': history without "
				    "the item", id);
	}
	*out = v;
	*nout = n;
	return rc;
}

int tk_bank_item_versions(struct tk_bank *b, const char *id,
			  int (*fn)(void *ud, const struct tk_version *v), void *ud,
			  struct tk_error *err)
{
	struct vinfo *v;
	char *std;
	int n, i, rc;

	if ((rc = load_versions(b, id, &v, &n, &std, err)) != TK_OK)
		return rc;
	for (i = 0; i < n; i++) {
		struct tk_version one;
		one.version = v[i].version;
		one.standard = std;
		one.xml = v[i].xml;
		one.time = v[i].time;
		one.seq = v[i].seq;
		one.user = v[i].user ? v[i].user : "";
		one.command = v[i].command ? v[i].command : "";
		one.summary = v[i].summary ? v[i].summary : "";
		if (fn(ud, &one))
			break;
	}
	vinfo_free(v, n);
	free(std);
	return TK_OK;
}

/*
 * The stored XML without what a review changes (status, and so version):
 * two versions whose content is the same come out equal.  Caller frees.
 */
static char *content_of(const char *xml)
{
	static const char *const attrs[] = {" status=\"", " version=\""};
	const char *end = strchr(xml, '>');
	char *c = tk_strdup(xml), *p, *q;
	size_t i;

	if (c == NULL || end == NULL)
		return c;
	for (i = 0; i < 2; i++) {
		size_t tag = (size_t)(strchr(c, '>') - c);
		if ((p = strstr(c, attrs[i])) == NULL || (size_t)(p - c) > tag)
			continue;
		if ((q = strchr(p + strlen(attrs[i]), '"')) == NULL)
			continue;
		memmove(p, q + 1, strlen(q + 1) + 1);
	}
	return c;
}

int tk_bank_item_last_author(struct tk_bank *b, const char *id, char **user, int *version,
			     struct tk_error *err)
{
	struct vinfo *v;
	char *std, *now = NULL, *before = NULL;
	int n, i, rc;

	*user = NULL;
	*version = 0;
	if ((rc = load_versions(b, id, &v, &n, &std, err)) != TK_OK)
		return rc;
	/* from the newest version down, the first whose content differs from
	   the one before it (or the first of all) */
	for (i = n - 1; i >= 0; i--) {
		free(before);
		before = NULL;
		if (i > 0) {
			now = content_of(v[i].xml);
			before = content_of(v[i - 1].xml);
			if (now == NULL || before == NULL) {
				rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
				break;
			}
			if (!strcmp(now, before)) {
				free(now);
				now = NULL;
				continue;
			}
			free(now);
			now = NULL;
		}
		*version = v[i].version;
		if (v[i].user && (*user = tk_strdup(v[i].user)) == NULL)
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		break;
	}
	free(before);
	vinfo_free(v, n);
	free(std);
	return rc;
}

int tk_bank_entry_items(struct tk_bank *b, long seq, int max,
			int (*fn)(void *ud, const char *id, const char *standard,
				  const char *before, const char *after),
			void *ud, struct tk_error *err)
{
	sqlite3_stmt *st;
	int k = 0;

	/* a new item's row names no standard: the item does */
	if (sqlite3_prepare_v2(b->db, "SELECT c.key, coalesce(c.context, (SELECT standard FROM item"
			       " WHERE id = c.key)), c.image, j.state FROM journal_change c"
			       " JOIN journal j ON j.seq = c.seq WHERE c.seq = ?1 AND c.kind = 'item'"
			       " ORDER BY c.ord", -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read the journal");
	sqlite3_bind_int64(st, 1, seq);
	while ((max <= 0 || k < max) && sqlite3_step(st) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		const char *std = (const char *)sqlite3_column_text(st, 1);
		const char *image = (const char *)sqlite3_column_text(st, 2);
		const char *state = (const char *)sqlite3_column_text(st, 3);
		char *other = NULL;
		int stop;

		/* a done entry's row holds the state before it; an undone one's
		   the state it made (undo swapped them) */
		if (state && !strcmp(state, "done")) {
			other = version_xml(b, id, image ? xml_version(image) + 1 : 0);
			if (image == NULL) {
				/* it added the item: the first version */
				sqlite3_stmt *f;
				if (sqlite3_prepare_v2(b->db, "SELECT min(version) FROM (SELECT version FROM"
						       " item WHERE id = ?1 UNION ALL SELECT version FROM"
						       " item_history WHERE id = ?1)", -1, &f, NULL) == SQLITE_OK) {
					sqlite3_bind_text(f, 1, id, -1, SQLITE_STATIC);
					if (sqlite3_step(f) == SQLITE_ROW)
						other = version_xml(b, id, sqlite3_column_int(f, 0));
					sqlite3_finalize(f);
				}
			}
			stop = fn(ud, id, std, image, other);
		} else {
			other = image ? version_xml(b, id, xml_version(image) - 1) : NULL;
			stop = fn(ud, id, std, other, image);
		}
		free(other);
		k++;
		if (stop)
			break;
	}
	sqlite3_finalize(st);
	return TK_OK;
}

int tk_bank_item_papers(struct tk_bank *b, const char *id, char ***ids, int *n,
			struct tk_error *err)
{
	sqlite3_stmt *st;
	int rc = TK_OK;

	*ids = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(b->db, "SELECT DISTINCT paper FROM paper_item WHERE item = ?1"
			       " ORDER BY paper", -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read papers");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while (rc == TK_OK && sqlite3_step(st) == SQLITE_ROW)
		if (!tk_item_strlist_add(ids, n, (const char *)sqlite3_column_text(st, 0)))
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	sqlite3_finalize(st);
	return rc;
}

/* ---- practice exposure (#16 section 3) ------------------------------ */

int tk_bank_log_practice(struct tk_bank *b, const char *paper, const char *title,
			 const char *klass, const char *date, char *const *ids,
			 const int *versions, int n, int *added, struct tk_error *err)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 seq;
	int r, i;

	*added = 0;
	if (!b->in_tx)
		return tk_error_set(err, TK_EINTERNAL, b->path, 0, "no command is open");
	if (sqlite3_prepare_v2(b->db, "INSERT OR IGNORE INTO practice_print(paper, title, class,"
			       " date, time, user) VALUES (?1, ?2, ?3, ?4,"
			       " strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?5)", -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot write the practice log");
	sqlite3_bind_text(st, 1, paper, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, title ? title : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, klass ? klass : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, b->user[0] ? b->user : "unknown", -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return db_error(b, err, "cannot write the practice log");
	/* printed for that class on that day already: the first print stands */
	if (sqlite3_changes(b->db) == 0)
		return TK_OK;
	seq = sqlite3_last_insert_rowid(b->db);
	if (sqlite3_prepare_v2(b->db, "INSERT OR IGNORE INTO practice_exposure(print, item, version)"
			       " VALUES (?1, ?2, ?3)", -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot write the practice log");
	for (i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, seq);
		sqlite3_bind_text(st, 2, ids[i], -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, versions[i]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return db_error(b, err, "cannot write the practice log");
		}
	}
	sqlite3_finalize(st);
	*added = 1;
	return TK_OK;
}

int tk_bank_practice_since(struct tk_bank *b, const char *date, char ***ids, int *n,
			   struct tk_error *err)
{
	sqlite3_stmt *st;
	int rc = TK_OK, r;

	*ids = NULL;
	*n = 0;
	/* ISO dates compare as text; ids in strcmp order for bsearch */
	if (sqlite3_prepare_v2(b->db, "SELECT DISTINCT e.item FROM practice_exposure e"
			       " JOIN practice_print p ON p.seq = e.print WHERE p.date >= ?1"
			       " ORDER BY e.item COLLATE BINARY", -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read the practice log");
	sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
	while (rc == TK_OK && (r = sqlite3_step(st)) == SQLITE_ROW)
		if (!tk_item_strlist_add(ids, n, (const char *)sqlite3_column_text(st, 0)))
			rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	if (rc == TK_OK && r != SQLITE_DONE)
		rc = db_error(b, err, "cannot read the practice log");
	sqlite3_finalize(st);
	return rc;
}

int tk_bank_item_printed(struct tk_bank *b, const char *id,
			 int (*fn)(void *ud, const struct tk_practice_print *pp), void *ud,
			 struct tk_error *err)
{
	sqlite3_stmt *st;
	int r;

	if (sqlite3_prepare_v2(b->db, "SELECT p.paper, p.title, p.class, p.date, p.time, p.user,"
			       " e.version FROM practice_exposure e JOIN practice_print p"
			       " ON p.seq = e.print WHERE e.item = ?1 ORDER BY p.date, p.seq",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read the practice log");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct tk_practice_print pp;
		pp.paper = (const char *)sqlite3_column_text(st, 0);
		pp.title = (const char *)sqlite3_column_text(st, 1);
		pp.klass = (const char *)sqlite3_column_text(st, 2);
		pp.date = (const char *)sqlite3_column_text(st, 3);
		pp.time = (const char *)sqlite3_column_text(st, 4);
		pp.user = (const char *)sqlite3_column_text(st, 5);
		pp.version = sqlite3_column_int(st, 6);
		if (fn(ud, &pp))
			break;
	}
	sqlite3_finalize(st);
	return r == SQLITE_ROW || r == SQLITE_DONE ? TK_OK
	       : db_error(b, err, "cannot read the practice log");
}

/* ---- settings ---- */

const struct tk_setting tk_bank_settings[] = {
	{"review.self-approve", "yes no", "no",
	 "may the last author of an item approve it (a one-person bank)"},
	{NULL, NULL, NULL, NULL}
};

static const struct tk_setting *find_setting(const char *key)
{
	const struct tk_setting *s;

	for (s = tk_bank_settings; s->key; s++)
		if (!strcmp(s->key, key))
			return s;
	return NULL;
}

/* Is value one of the space-separated words of values? */
static int one_of(const char *values, const char *value)
{
	size_t n = strlen(value);
	const char *p = values;

	while (*p) {
		size_t k = strcspn(p, " ");
		if (k == n && n && !strncmp(p, value, n))
			return 1;
		p += k;
		while (*p == ' ')
			p++;
	}
	return 0;
}

static int unknown_setting(struct tk_bank *b, const char *key, struct tk_error *err)
{
	struct tk_buf names = TK_BUF_INIT;
	const struct tk_setting *s;
	int rc;

	for (s = tk_bank_settings; s->key; s++)
		tk_buf_printf(&names, "%s%s", s == tk_bank_settings ? "" : ", ", s->key);
	rc = tk_error_set(err, TK_EUSAGE, b->path, 0, "unknown setting '%s' (%s)", key,
			  tk_buf_str(&names));
	tk_buf_free(&names);
	return rc;
}

int tk_bank_get_setting(struct tk_bank *b, const char *key, char **value,
			struct tk_error *err)
{
	const struct tk_setting *s = find_setting(key);
	char k[96];

	*value = NULL;
	if (s == NULL)
		return unknown_setting(b, key, err);
	snprintf(k, sizeof k, "setting:%s", key);
	*value = get_meta(b, k);
	/* a stored value this tiku does not know counts as the default */
	if (*value && !one_of(s->values, *value)) {
		free(*value);
		*value = NULL;
	}
	if (*value == NULL && (*value = tk_strdup(s->fallback)) == NULL)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	return TK_OK;
}

int tk_bank_set_setting(struct tk_bank *b, const char *key, const char *value,
			struct tk_error *err)
{
	const struct tk_setting *s = find_setting(key);
	char k[96], what[200];
	int rc;

	if (s == NULL)
		return unknown_setting(b, key, err);
	if (!one_of(s->values, value))
		return tk_error_set(err, TK_EUSAGE, b->path, 0, "setting %s is one of %s, not '%s'",
				    key, s->values, value);
	if (!b->in_tx)
		return tk_error_set(err, TK_EINTERNAL, b->path, 0, "no command is open");
	snprintf(k, sizeof k, "setting:%s", key);
	if ((rc = run(b, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)", err, 2,
		      k, value)) != TK_OK)
		return rc;
	/* who loosened or tightened review is worth keeping: the audit only grows */
	snprintf(what, sizeof what, "%s = %s", key, value);
	return tk_bank_audit_event(b, "config", NULL, what, NULL, NULL, err);
}

/* ---- glossaries ---- */

/*
 * A glossary is one of the bank's settings, per standard: kept in meta
 * and, like `tiku config`, audited rather than journaled, so that undo
 * leaves it; importing an earlier file brings an earlier one back.
 */
int tk_bank_put_glossary(struct tk_bank *b, const char *standard, const char *file,
			 const char *xml, int *outcome, struct tk_error *err)
{
	char k[200], kf[200], what[400];
	char *old = NULL;
	int rc;

	*outcome = TK_PUT_NEW;
	if (!b->in_tx)
		return tk_error_set(err, TK_EINTERNAL, b->path, 0, "no command is open");
	if (!has_standard(b, standard))
		return tk_error_set(err, TK_EINPUT, file, 0,
				    "a glossary of standard '%s', which the bank does not hold "
				    "(import the standard first)", standard);
	snprintf(k, sizeof k, "glossary:%s", standard);
	snprintf(kf, sizeof kf, "glossary-file:%s", standard);
	if ((old = get_meta(b, k)) != NULL) {
		*outcome = strcmp(old, xml) ? TK_PUT_CHANGED : TK_PUT_SAME;
		free(old);
		if (*outcome == TK_PUT_SAME)
			return TK_OK;
	}
	if ((rc = run(b, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)", err, 2,
		      k, xml)) != TK_OK ||
	    (rc = run(b, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)", err, 2,
		      kf, file ? file : "")) != TK_OK)
		return rc;
	snprintf(what, sizeof what, "glossary of %.120s from %.200s", standard, file ? file : "");
	return tk_bank_audit_event(b, "glossary", NULL, what, NULL, NULL, err);
}

int tk_bank_get_glossary(struct tk_bank *b, const char *standard, char **xml, char **file,
			 struct tk_error *err)
{
	char k[200];

	(void)err;
	snprintf(k, sizeof k, "glossary:%s", standard);
	*xml = get_meta(b, k);
	snprintf(k, sizeof k, "glossary-file:%s", standard);
	*file = *xml ? get_meta(b, k) : NULL;
	return TK_OK;
}

/* ---- reviews ---- */

/* May user approve item id?  The author and the last to change it may not, unless the bank allows it. */
static int check_reviewer(struct tk_bank *b, const struct tk_item *it, const char *user,
			  struct tk_error *err)
{
	char *allow = NULL, *last = NULL;
	int rc, v = 0;

	if ((rc = tk_bank_get_setting(b, "review.self-approve", &allow, err)) != TK_OK)
		return rc;
	if (!strcmp(allow, "yes")) {
		free(allow);
		return TK_OK;
	}
	free(allow);
	if ((rc = tk_bank_item_last_author(b, it->id, &last, &v, err)) != TK_OK)
		return rc;
	if (last && !strcmp(last, user))
		rc = tk_error_set(err, TK_EINPUT, b->path, 0,
				  "item '%s': %s made version %d, its latest content, and may not "
				  "approve it: someone else reviews it (a one-person bank allows it "
				  "with: tiku config review.self-approve yes)", it->id, user, v);
	else if (it->author && !strcmp(it->author, user))
		rc = tk_error_set(err, TK_EINPUT, b->path, 0,
				  "item '%s': %s is its author and may not approve it: someone else "
				  "reviews it (a one-person bank allows it with: tiku config "
				  "review.self-approve yes)", it->id, user);
	free(last);
	return rc;
}

int tk_bank_review(struct tk_bank *b, struct tk_item *it, int action, const char *comment,
		   int *outcome, struct tk_error *err)
{
	sqlite3_stmt *st;
	int rc = TK_OK, status = -1, version = 0;
	const char *user = tk_bank_user(b);

	*outcome = TK_PUT_SAME;
	if (!b->in_tx || !b->seq)
		return tk_error_set(err, TK_EINTERNAL, b->path, 0,
				    "item '%s': a review needs an open command", it->id);
	if (action != TK_REVIEW_APPROVE && action != TK_REVIEW_REJECT && action != TK_REVIEW_COMMENT)
		return tk_error_set(err, TK_EUSAGE, b->path, 0, "unknown review action %d", action);
	if (action == TK_REVIEW_COMMENT && (comment == NULL || !comment[0]))
		return tk_error_set(err, TK_EUSAGE, b->path, 0, "item '%s': a comment needs its text",
				    it->id);
	if (comment && strlen(comment) > TK_FIELD_MAX)
		return tk_error_set(err, TK_EINPUT, b->path, 0,
				    "item '%s': the comment is more than 1 MiB", it->id);
	/* the status as stored now, under the lock */
	if (sqlite3_prepare_v2(b->db, "SELECT status, version FROM item WHERE id = ?1", -1, &st,
			       NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read item");
	sqlite3_bind_text(st, 1, it->id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		status = tk_status_parse((const char *)sqlite3_column_text(st, 0));
		version = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (version == 0)
		return tk_error_set(err, TK_EINPUT, b->path, 0, "no item '%s' in the bank", it->id);
	if (action != TK_REVIEW_COMMENT && it->ncodes == 0)
		return tk_error_set(err, TK_EINPUT, b->path, 0,
				    "item '%s' is untagged: an item without a requirement code is "
				    "neither reviewed nor approved; tag it first (tiku suggest %s, "
				    "then tiku tag %s --accept or +CODE)", it->id, it->id, it->id);
	if (action == TK_REVIEW_APPROVE && status == TK_DRAFT)
		return tk_error_set(err, TK_EINPUT, b->path, 0,
				    "item '%s' is a draft: it goes to review first (tiku set %s "
				    "status=review), then someone approves it", it->id, it->id);
	if (action != TK_REVIEW_COMMENT && status != TK_REVIEW)
		return tk_error_set(err, TK_EINPUT, b->path, 0,
				    "item '%s' is %s: only an item in review is approved or rejected",
				    it->id, status_phrase(status));
	if (action == TK_REVIEW_APPROVE && (rc = check_reviewer(b, it, user, err)) != TK_OK)
		return rc;
	if (action != TK_REVIEW_COMMENT) {
		it->status = action == TK_REVIEW_APPROVE ? TK_APPROVED : TK_DRAFT;
		if ((rc = put(b, it, PUT_REVIEW, outcome, err)) != TK_OK)
			return rc;
		version = it->version;
	}
	if (sqlite3_prepare_v2(b->db, "INSERT INTO review(item, version, time, user, action,"
			       " comment, journal) VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ','now'),"
			       " ?3, ?4, ?5, ?6)", -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot record the review");
	sqlite3_bind_text(st, 1, it->id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, version);
	sqlite3_bind_text(st, 3, user, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, action == TK_REVIEW_APPROVE ? "approve" :
			  action == TK_REVIEW_REJECT ? "reject" : "comment", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, comment ? comment : "", -1, SQLITE_STATIC);
	if (action == TK_REVIEW_COMMENT)
		sqlite3_bind_null(st, 6);
	else
		sqlite3_bind_int64(st, 6, b->seq);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_error(b, err, "cannot record the review");
	sqlite3_finalize(st);
	return rc;
}

int tk_bank_reviews(struct tk_bank *b, const char *id,
		    int (*fn)(void *ud, const struct tk_review *r), void *ud,
		    struct tk_error *err)
{
	sqlite3_stmt *st;

	/* a review whose status change was undone is shown as such */
	if (sqlite3_prepare_v2(b->db, "SELECT r.seq, r.item, r.version, r.time, r.user, r.action,"
			       " r.comment, coalesce(j.state, '') FROM review r"
			       " LEFT JOIN journal j ON j.seq = r.journal"
			       " WHERE ?1 IS NULL OR r.item = ?1 ORDER BY r.seq", -1, &st,
			       NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read the reviews");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct tk_review r;
		const char *state = (const char *)sqlite3_column_text(st, 7);
		r.seq = (long)sqlite3_column_int64(st, 0);
		r.item = (const char *)sqlite3_column_text(st, 1);
		r.version = sqlite3_column_int(st, 2);
		r.time = (const char *)sqlite3_column_text(st, 3);
		r.user = (const char *)sqlite3_column_text(st, 4);
		r.action = (const char *)sqlite3_column_text(st, 5);
		r.comment = (const char *)sqlite3_column_text(st, 6);
		/* undone, or undone and then dropped by a later command */
		r.undone = state[0] && strcmp(state, "done");
		if (fn(ud, &r))
			break;
	}
	sqlite3_finalize(st);
	return TK_OK;
}

/* ---- the requirement text suggest ranks against ---------------------- */

/*
 * A connection of its own, in memory: the index is derived from a
 * standard (rebuilt when its hash differs), so it has no part in the
 * bank's transactions, and building it never changes the schema of the
 * bank's connection under a query in progress (a Lua loop over items).
 */
static const char req_schema[] =
	"CREATE VIRTUAL TABLE req_row USING fts5(text, grp, tokenize='tiku');"
	"CREATE VIRTUAL TABLE req_group USING fts5(text, tokenize='tiku');"
	"CREATE TABLE req_indexed(standard TEXT NOT NULL, hash TEXT NOT NULL);";

static int req_error(struct tk_bank *b, struct tk_error *err, const char *what)
{
	return tk_error_set(err, TK_EINTERNAL, b->path, 0, "%s: %s", what,
			    b->req ? sqlite3_errmsg(b->req) : "out of memory");
}

static int req_open(struct tk_bank *b, struct tk_error *err)
{
	if (b->req)
		return TK_OK;
	if (sqlite3_open_v2(":memory:", &b->req, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    tk_fts_register(fts_api(b->req)) != SQLITE_OK ||
	    sqlite3_exec(b->req, req_schema, NULL, NULL, NULL) != SQLITE_OK) {
		int rc = req_error(b, err, "cannot make the requirement index");
		sqlite3_close(b->req);
		b->req = NULL;
		return rc;
	}
	return TK_OK;
}

int tk_bank_req_current(struct tk_bank *b, const char *standard, const char *hash,
			int *current, struct tk_error *err)
{
	sqlite3_stmt *st;
	int rc;

	*current = 0;
	if ((rc = req_open(b, err)) != TK_OK)
		return rc;
	if (sqlite3_prepare_v2(b->req, "SELECT 1 FROM req_indexed WHERE standard = ?1"
			       " AND hash = ?2", -1, &st, NULL) != SQLITE_OK)
		return req_error(b, err, "cannot read the requirement index");
	sqlite3_bind_text(st, 1, standard, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
	*current = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return TK_OK;
}

/* Insert docs into a table (req_row or req_group), rowid = index + 1. */
static int req_insert(struct tk_bank *b, const char *sql, const struct tk_req_doc *v, int n,
		      struct tk_error *err)
{
	sqlite3_stmt *st;
	int i, rc = TK_OK;

	if (sqlite3_prepare_v2(b->req, sql, -1, &st, NULL) != SQLITE_OK)
		return req_error(b, err, "cannot build the requirement index");
	for (i = 0; i < n && rc == TK_OK; i++) {
		sqlite3_bind_int(st, 1, i + 1);
		sqlite3_bind_text(st, 2, v[i].text ? v[i].text : "", -1, SQLITE_STATIC);
		if (sqlite3_bind_parameter_count(st) > 2)
			sqlite3_bind_text(st, 3, v[i].group ? v[i].group : "", -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = req_error(b, err, "cannot build the requirement index");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

int tk_bank_req_index(struct tk_bank *b, const char *standard, const char *hash,
		      const struct tk_req_doc *rows, int nrows,
		      const struct tk_req_doc *groups, int ngroups, struct tk_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = req_open(b, err)) != TK_OK)
		return rc;
	/* whole or absent: one transaction */
	if (sqlite3_exec(b->req, "BEGIN; DELETE FROM req_row; DELETE FROM req_group;"
			 " DELETE FROM req_indexed", NULL, NULL, NULL) != SQLITE_OK)
		rc = req_error(b, err, "cannot build the requirement index");
	if (rc == TK_OK &&
	    (rc = req_insert(b, "INSERT INTO req_row(rowid, text, grp) VALUES (?1, ?2, ?3)",
			     rows, nrows, err)) == TK_OK &&
	    (rc = req_insert(b, "INSERT INTO req_group(rowid, text) VALUES (?1, ?2)",
			     groups, ngroups, err)) == TK_OK) {
		if (sqlite3_prepare_v2(b->req, "INSERT INTO req_indexed(standard, hash)"
				       " VALUES (?1, ?2)", -1, &st, NULL) != SQLITE_OK) {
			rc = req_error(b, err, "cannot build the requirement index");
		} else {
			sqlite3_bind_text(st, 1, standard, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = req_error(b, err, "cannot build the requirement index");
			sqlite3_finalize(st);
		}
	}
	if (rc == TK_OK && sqlite3_exec(b->req, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rc = req_error(b, err, "cannot build the requirement index");
	if (rc != TK_OK && !sqlite3_get_autocommit(b->req))
		sqlite3_exec(b->req, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int tk_bank_req_rank(struct tk_bank *b, int which, const char *match, double w_text,
		     double w_group, void (*fn)(void *ud, int index, double score), void *ud,
		     struct tk_error *err)
{
	sqlite3_stmt *st;
	const char *sql = which == TK_REQ_ROWS ?
		"SELECT rowid, -bm25(req_row, ?2, ?3) FROM req_row WHERE req_row MATCH ?1" :
		"SELECT rowid, -bm25(req_group, ?2) FROM req_group WHERE req_group MATCH ?1";
	int r, rc;

	if ((rc = req_open(b, err)) != TK_OK)
		return rc;
	if (sqlite3_prepare_v2(b->req, sql, -1, &st, NULL) != SQLITE_OK)
		return req_error(b, err, "cannot rank requirements");
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 2, w_text);
	if (which == TK_REQ_ROWS)
		sqlite3_bind_double(st, 3, w_group);
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		fn(ud, sqlite3_column_int(st, 0) - 1, sqlite3_column_double(st, 1));
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? TK_OK : req_error(b, err, "cannot rank requirements");
}

/* ---- batches: their forms, candidates and audit -------------------- */

/* run(), inside the caller's command, a broken constraint the caller's input. */
static int batch_run(struct tk_bank *b, const char *sql, struct tk_error *err, int n, ...)
{
	va_list ap;
	int rc;

	va_start(ap, n);
	rc = run_v(b, sql, err, 1, n, ap);
	va_end(ap);
	return rc;
}

int tk_bank_batch_get(struct tk_bank *b, const char *id, struct tk_bank_batch *r,
		      struct tk_error *err)
{
	sqlite3_stmt *st;
	int found = 0;

	memset(r, 0, sizeof *r);
	if (sqlite3_prepare_v2(b->db, "SELECT name, standard, blueprint,"
			       " blueprint_digest, seed, forms, state FROM batch WHERE id = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read batches");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = 1;
		r->name = tk_strdup((const char *)sqlite3_column_text(st, 0));
		r->standard = tk_strdup((const char *)sqlite3_column_text(st, 1));
		r->blueprint = tk_strdup((const char *)sqlite3_column_text(st, 2));
		r->digest = tk_strdup((const char *)sqlite3_column_text(st, 3));
		/* text: a seed may not fit SQLite's signed integers */
		r->seed = strtoull((const char *)sqlite3_column_text(st, 4), NULL, 10);
		r->forms = sqlite3_column_int(st, 5);
		r->state = tk_strdup((const char *)sqlite3_column_text(st, 6));
		if (!r->name || !r->standard || !r->blueprint || !r->digest || !r->state)
			found = -1;
	}
	sqlite3_finalize(st);
	if (found < 0) {
		tk_bank_batch_release(r);
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	if (!found)
		return tk_error_set(err, TK_EINPUT, b->path, 0, "no batch '%s' in the bank", id);
	return TK_OK;
}

void tk_bank_batch_release(struct tk_bank_batch *r)
{
	if (r == NULL)
		return;
	free(r->name);
	free(r->standard);
	free(r->blueprint);
	free(r->digest);
	free(r->state);
	memset(r, 0, sizeof *r);
}

int tk_bank_batch_add(struct tk_bank *b, const char *id, const char *name,
		      const char *standard, const char *blueprint, const char *digest,
		      uint64_t seed, int forms, struct tk_error *err)
{
	char sseed[32], sforms[16];
	int rc;

	snprintf(sseed, sizeof sseed, "%llu", (unsigned long long)seed);
	snprintf(sforms, sizeof sforms, "%d", forms);
	rc = batch_run(b, "INSERT INTO batch(id, name, standard, blueprint, blueprint_digest, seed,"
		       " forms, state, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'new',"
		       " strftime('%Y-%m-%dT%H:%M:%SZ','now'))", err, 7, id, name, standard,
		       blueprint, digest, sseed, sforms);
	/* the one constraint a well-formed batch can break is its id's */
	if (rc == TK_EINPUT)
		tk_error_set(err, TK_EINPUT, b->path, 0, "a batch '%s' exists already", id);
	return rc;
}

int tk_bank_batch_set_state(struct tk_bank *b, const char *id, const char *state,
			    struct tk_error *err)
{
	if (!strcmp(state, "generated"))
		return batch_run(b, "UPDATE batch SET state = 'generated' WHERE id = ?1", err, 1, id);
	if (!strcmp(state, "committed"))
		return batch_run(b, "UPDATE batch SET state = 'committed',"
				 " committed = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
				 err, 1, id);
	return tk_error_set(err, TK_EINTERNAL, NULL, 0, "no batch state '%s'", state);
}

int tk_bank_batch_each(struct tk_bank *b,
		       int (*fn)(void *ud, const struct tk_bank_batch_entry *e), void *ud,
		       struct tk_error *err)
{
	struct tk_bank_batch_entry e;
	sqlite3_stmt *st;
	int r;

	if (sqlite3_prepare_v2(b->db, "SELECT id, state, forms, name FROM batch"
			       " ORDER BY created, id", -1, &st, NULL) != SQLITE_OK)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "cannot list the batches: %s",
				    sqlite3_errmsg(b->db));
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		e.id = (const char *)sqlite3_column_text(st, 0);
		e.state = (const char *)sqlite3_column_text(st, 1);
		e.forms = sqlite3_column_int(st, 2);
		e.name = (const char *)sqlite3_column_text(st, 3);
		if (fn(ud, &e)) {
			r = SQLITE_DONE;   /* stopped by fn */
			break;
		}
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? TK_OK : db_error(b, err, "cannot list the batches");
}

int tk_bank_batch_clear_forms(struct tk_bank *b, const char *id, struct tk_error *err)
{
	return batch_run(b, "DELETE FROM batch_form WHERE batch = ?1", err, 1, id);
}

int tk_bank_batch_put_form(struct tk_bank *b, const char *id, const char *form,
			   const char *paper, const char *xml, struct tk_error *err)
{
	return batch_run(b, "INSERT INTO batch_form(batch, form, paper, xml) VALUES (?1, ?2, ?3, ?4)",
			 err, 4, id, form, paper, xml);
}

int tk_bank_batch_forms(struct tk_bank *b, const char *id,
			int (*fn)(void *ud, const struct tk_bank_batch_form *f), void *ud,
			struct tk_error *err)
{
	struct tk_bank_batch_form f;
	sqlite3_stmt *st;
	int r;

	if (sqlite3_prepare_v2(b->db, "SELECT form, xml FROM batch_form WHERE batch = ?1"
			       " ORDER BY form", -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read batches");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		f.form = (const char *)sqlite3_column_text(st, 0);
		f.xml = (const char *)sqlite3_column_text(st, 1);
		if (fn(ud, &f)) {
			r = SQLITE_DONE;   /* stopped by fn */
			break;
		}
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? TK_OK : db_error(b, err, "cannot read batches");
}

int tk_bank_batch_expose(struct tk_bank *b, const char *id, const char *item,
			 const char *form, struct tk_error *err)
{
	return batch_run(b, "INSERT OR IGNORE INTO exposure(item, batch, form)"
			 " VALUES (?1, ?2, ?3)", err, 3, item, id, form);
}

int tk_bank_batch_audit(struct tk_bank *b, const char *id, const struct tk_bank_batch_paper *p,
			struct tk_error *err)
{
	char seed[32];

	snprintf(seed, sizeof seed, "%llu", (unsigned long long)p->seed);
	return batch_run(b, "INSERT INTO audit(time, user, batch, paper, form, candidate, seed,"
			 " blueprint_digest, bank_digest) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ','now'),"
			 " ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err, 8, tk_bank_user(b), id, p->paper,
			 p->form, p->candidate, seed, p->blueprint_digest, p->bank_digest);
}

int tk_bank_batch_papers(struct tk_bank *b, const char *id,
			 int (*fn)(void *ud, const struct tk_bank_batch_paper *p), void *ud,
			 struct tk_error *err)
{
	struct tk_bank_batch_paper p;
	sqlite3_stmt *st;
	int r;

	if (sqlite3_prepare_v2(b->db, "SELECT time, user, paper, coalesce(form, ''),"
			       " coalesce(candidate, ''), seed, bank_digest FROM audit WHERE batch = ?1"
			       " ORDER BY seq", -1, &st, NULL) != SQLITE_OK)
		return db_error(b, err, "cannot read the audit");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	memset(&p, 0, sizeof p);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		p.time = (const char *)sqlite3_column_text(st, 0);
		p.user = (const char *)sqlite3_column_text(st, 1);
		p.paper = (const char *)sqlite3_column_text(st, 2);
		p.form = (const char *)sqlite3_column_text(st, 3);
		p.candidate = (const char *)sqlite3_column_text(st, 4);
		p.seed = strtoull((const char *)sqlite3_column_text(st, 5), NULL, 10);
		p.bank_digest = (const char *)sqlite3_column_text(st, 6);
		if (fn(ud, &p)) {
			r = SQLITE_DONE;   /* stopped by fn */
			break;
		}
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? TK_OK : db_error(b, err, "cannot read the audit");
}
