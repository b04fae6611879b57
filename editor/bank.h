/*
 * bank.h -- the bank (题库): one SQLite file holding standards, items and
 * every earlier version of each item.
 *
 * The schema is versioned and migrated on open; foreign keys are on; the
 * journal is WAL.  Writes happen only between tk_bank_begin() and
 * tk_bank_commit(): a caller that fails calls tk_bank_rollback() and the
 * file is as it was.
 *
 * Lifecycle: tk_bank_open() -> queries / begin..put..commit ->
 * tk_bank_close().
 */
#ifndef TK_BANK_H
#define TK_BANK_H

#include <stdint.h>

#include "image.h"
#include "item.h"
#include "standard.h"
#include "tiku.h"

struct tk_bank;

enum {
	TK_BANK_READ = 0,       /* the file must exist */
	TK_BANK_CREATE = 1      /* create it (and its schema) when missing */
};

/* Open the bank at path; *out is the caller's, closed with tk_bank_close(). */
int tk_bank_open(const char *path, int flags, struct tk_bank **out,
		 struct tk_error *err);
/* Close; accepts NULL.  An open transaction is rolled back. */
void tk_bank_close(struct tk_bank *b);

const char *tk_bank_path(const struct tk_bank *b);
/* The user the journal names for this handle. */
const char *tk_bank_user(const struct tk_bank *b);

/*
 * Commands.  Every change to a bank happens inside one: tk_bank_begin()
 * opens a transaction and a journal entry (who, when, what), each change
 * records the state it replaces, tk_bank_commit() makes it all durable
 * (a command that changed nothing leaves no entry) and tk_bank_rollback()
 * forgets it.  Writes outside a command fail.  Beginning a command drops
 * what redo could still bring back.
 */
int tk_bank_begin(struct tk_bank *b, const char *command, const char *summary,
		  struct tk_error *err);
int tk_bank_commit(struct tk_bank *b, struct tk_error *err);
void tk_bank_rollback(struct tk_bank *b);

/* The journal entry of the command this handle committed last (0: it
   changed nothing, or none yet), for saying what it did. */
long tk_bank_last_command(const struct tk_bank *b);

/* Is a command open on b? */
int tk_bank_in_command(const struct tk_bank *b);

/*
 * Savepoints inside an open command, so that a change that fails halfway
 * within a larger command undoes only itself (release 0: roll back to it).
 */
int tk_bank_savepoint(struct tk_bank *b, struct tk_error *err);
int tk_bank_release(struct tk_bank *b, int keep, struct tk_error *err);

/* Who the journal names for the commands of this handle ($USER, --by). */
void tk_bank_set_user(struct tk_bank *b, const char *user);

/*
 * Hooks, called with "item.before_save" before an item is stored (an
 * error vetoes the change; the caller rolls the command back) and with
 * "item.saved" after, in the order added.  At most four at a time.
 */
int tk_bank_add_hook(struct tk_bank *b,
		     int (*fn)(void *ud, const char *event, const struct tk_item *it,
			       struct tk_error *err), void *ud);
void tk_bank_remove_hook(struct tk_bank *b,
			 int (*fn)(void *ud, const char *event, const struct tk_item *it,
				   struct tk_error *err), void *ud);

/* One command of the journal. */
struct tk_journal_entry {
	long seq;
	char time[32];          /* UTC, ISO 8601 */
	char user[64];
	char command[32];
	char summary[256];
	char state[8];          /* done, undone */
	int changes;            /* items and standards it changed */
	int audit;              /* 1: an entry of the audit of official work */
	char bank_digest[65], blueprint_digest[65];   /* audit entries: "" if none */
};

/*
 * Undo the latest command still done -- of user, when user is not NULL
 * -- or redo the earliest undone one, each in a transaction of its own;
 * *e tells which.  TK_FAIL when there is nothing to undo or redo (for
 * user: the message names whose the latest command is).  A command of
 * user's under a later one of someone else's that changed the same item,
 * standard, script or paper is not undone (TK_EINPUT, naming it): that
 * would throw the other's change away.  Works across processes: the
 * journal lives in the bank.
 */
int tk_bank_undo(struct tk_bank *b, const char *user, struct tk_journal_entry *e,
		 struct tk_error *err);
int tk_bank_redo(struct tk_bank *b, struct tk_journal_entry *e, struct tk_error *err);

/*
 * Scripts stored in the bank: house lint rules (kind "lint") and hooks
 * (kind "hook", with the event they answer).  They are untrusted input:
 * only the Lua sandbox runs them.  put (code NULL: delete) is a change,
 * inside a command and undoable.
 */
struct tk_script {
	char *name, *kind, *event, *code;
};
int tk_bank_put_script(struct tk_bank *b, const char *name, const char *kind,
		       const char *event, const char *code, struct tk_error *err);
/* Scripts of a kind (NULL: all), by name; free with tk_scripts_free(). */
int tk_bank_scripts(struct tk_bank *b, const char *kind, struct tk_script **v,
		    int *n, struct tk_error *err);
void tk_scripts_free(struct tk_script *v, int n);

/*
 * Images items show, kept in the bank under a name made from their
 * content (tk_image_name: the same bytes, the same name), which the
 * items' <img src> uses.  put stores data (a PNG or JPEG, by its first
 * bytes, at most TK_IMAGE_MAX) inside a command and gives its name;
 * *outcome (may be NULL) is TK_PUT_NEW or TK_PUT_SAME.  A stored image
 * never changes, and undo leaves it.  get appends the bytes of the image
 * called name to data: TK_OK, or TK_FAIL when there is none.
 * tk_bank_image_get is get as a struct tk_image_store wants it (ud: the
 * bank).
 */
int tk_bank_put_image(struct tk_bank *b, const void *data, size_t len,
		      char name[TK_IMAGE_NAME], int *outcome, struct tk_error *err);
int tk_bank_get_image(struct tk_bank *b, const char *name, struct tk_buf *data,
		      struct tk_error *err);
int tk_bank_image_get(void *bank, const char *src, struct tk_buf *data,
		      struct tk_error *err);

/*
 * Papers composed by hand, kept in the bank: a blueprint (its XML), a
 * title and the items in order.  put (blueprint NULL: delete) is a change,
 * inside a command and undoable; get fills what the caller frees (items:
 * each and the array).
 */
int tk_bank_put_paper(struct tk_bank *b, const char *id, const char *standard,
		      const char *title, const char *blueprint, char *const *items,
		      int n, struct tk_error *err);
int tk_bank_get_paper(struct tk_bank *b, const char *id, char **standard, char **title,
		      char **blueprint, char ***items, int *n, struct tk_error *err);

/* The journal and the audit of official work (tk_bank_audit_event),
   newest first, at most limit entries (0: all). */
int tk_bank_log(struct tk_bank *b, int limit,
		int (*fn)(void *ud, const struct tk_journal_entry *e), void *ud,
		struct tk_error *err);
/* The same for the commands that changed item id (id NULL: all, as above). */
int tk_bank_log_item(struct tk_bank *b, const char *id, int limit,
		     int (*fn)(void *ud, const struct tk_journal_entry *e), void *ud,
		     struct tk_error *err);

/*
 * The items journal entry seq changed, at most max (0: all), in order:
 * fn gets each one's id, standard, and its stored XML before the command
 * (NULL: the command added it) and after it (NULL: not known, or the
 * command's state is gone), all valid during the call.  A non-zero
 * return stops.
 */
int tk_bank_entry_items(struct tk_bank *b, long seq, int max,
			int (*fn)(void *ud, const char *id, const char *standard,
				  const char *before, const char *after),
			void *ud, struct tk_error *err);

/* What a put did. */
enum { TK_PUT_SAME, TK_PUT_NEW, TK_PUT_CHANGED };

/*
 * Store a standard (inside a transaction).  *outcome tells whether it was
 * new, changed or the same.
 */
int tk_bank_put_standard(struct tk_bank *b, const struct tk_standard *s,
			 int *outcome, struct tk_error *err);

/*
 * Load a standard by id or, when id is NULL, the one a command works on
 * (tk_bank_default_standard).  *out is the caller's (tk_standard_free).
 */
int tk_bank_get_standard(struct tk_bank *b, const char *id,
			 struct tk_standard **out, struct tk_error *err);

/*
 * The standard id as the bank holds it now, parsed only when it changed
 * since the last call (by its hash): for work item by item (suggest).
 * *out is the bank's, valid until the next call on b or its close.
 */
int tk_bank_use_standard(struct tk_bank *b, const char *id, const struct tk_standard **out,
			 struct tk_error *err);

/*
 * The standard commands work on when none is named, decided here for the
 * CLI and Lua alike: $TIKU_STANDARD, else the bank's default (below),
 * else the bank's only standard, else its only standard with coded
 * requirements (one without codes cannot hold items).  Otherwise a
 * TK_EUSAGE error names every standard.  *id is the caller's to free.
 */
int tk_bank_default_standard(struct tk_bank *b, char **id, struct tk_error *err);

/* Store the bank's default standard (id NULL: none). */
int tk_bank_set_default_standard(struct tk_bank *b, const char *id, struct tk_error *err);

/*
 * Store an item (inside a transaction).  The same content as the current
 * version changes nothing; other content becomes the next version, with
 * the earlier one kept in the history.  A new item keeps it->version
 * when set (an export of another bank), else starts at 1.  it->version
 * is set to the stored version.  An edit never makes an item approved
 * (TK_EINPUT): neither an item in the bank, whose approval is a review's
 * (tk_bank_review), nor a new one, which arrives as a draft or for review
 * (an import states statuses: tk_bank_import_item).  An untagged item
 * (no requirement code) is stored only as a draft or retired, by every
 * route, imports and reviews included (TK_EINPUT).
 */
int tk_bank_put_item(struct tk_bank *b, struct tk_item *it, int *outcome,
		     struct tk_error *err);

/*
 * Store an item as an import brings it in: the same, but the status is
 * the one the file states -- approved included -- where an edit
 * (tk_bank_put_item) refuses to make an item approved: only a review
 * (tk_bank_review) does that.
 */
int tk_bank_import_item(struct tk_bank *b, struct tk_item *it, int *outcome,
			struct tk_error *err);

/*
 * Load the current versions of n items at once (checked against the
 * schema as one document: a paper's items cost one check, not one
 * each); out[i] is the item ids[i], or NULL when there is none, without
 * the file and line it was imported from.  The items are the caller's.
 */
int tk_bank_get_items(struct tk_bank *b, const char *const *ids, int n, struct tk_item **out,
		      struct tk_error *err);

/* Load the current version of an item; *out is NULL when there is none. */
int tk_bank_get_item(struct tk_bank *b, const char *id, struct tk_item **out,
		     struct tk_error *err);

/* Filters for queries; NULL (or 0) fields do not filter. */
struct tk_query {
	const char *standard;
	const char *text;       /* full-text search */
	const char *level;      /* level id */
	const char *kind;       /* "theory" / "skill" */
	const char *code;       /* any of the item's codes */
	const char *type;
	const char *status;
	int limit;              /* 0 = no limit */
	int include_retired;    /* retired items only show when asked, or by status */
	int untagged;           /* only items without a requirement code */
};

/* One row of a query result, valid during the callback only. */
struct tk_row {
	const char *id, *standard, *level, *kind, *type, *status;
	int version, points, difficulty;
	const char *stem;       /* plain text */
	const char *xml;        /* canonical item XML, with version */
	const char *file;
	int line;
	const char *codes;      /* space separated, in order */
};

/*
 * Run a query, calling fn for each row in id order (in the order items
 * entered the bank when searching text) until it returns non-zero.
 */
int tk_bank_query(struct tk_bank *b, const struct tk_query *q,
		  int (*fn)(void *ud, const struct tk_row *row), void *ud,
		  struct tk_error *err);

/*
 * The same rows one at a time: tk_bank_cursor() -> tk_cursor_next() until
 * *row is NULL -> tk_cursor_free().  A row is valid until the next call;
 * the cursor copies the query's strings.  No writes to the bank while a
 * cursor is open.
 */
struct tk_cursor;
int tk_bank_cursor(struct tk_bank *b, const struct tk_query *q,
		   struct tk_cursor **out, struct tk_error *err);
int tk_cursor_next(struct tk_cursor *c, const struct tk_row **row,
		   struct tk_error *err);
void tk_cursor_free(struct tk_cursor *c);

/* The number of items a query matches (its limit ignored). */
int tk_bank_count(struct tk_bank *b, const struct tk_query *q, long *n,
		  struct tk_error *err);

/* Rebuild an item from a row's XML; caller frees with tk_item_free(). */
int tk_item_from_row(const struct tk_row *row, struct tk_item **out,
		     struct tk_error *err);

/* Number of versions kept for an item, the current one included (0: no such item). */
int tk_bank_versions(struct tk_bank *b, const char *id, struct tk_error *err);

/*
 * Load every item a query matches into set (one parse for all, which is
 * what lint and export of a whole bank need).  The items are the set's.
 */
int tk_bank_load_items(struct tk_bank *b, const struct tk_query *q,
		       struct tk_itemset *set, struct tk_error *err);

/* Ids of the standards in the bank, in order; caller frees each and v. */
int tk_bank_standards(struct tk_bank *b, char ***v, int *n, struct tk_error *err);

/*
 * The items a course may use for practice: approved, of the standard and
 * level, with a difficulty from dmin to dmax, on any of codes (as items
 * write them: "1.1.2", "B2.2.7"), of the types and kind when given, and
 * on no committed official batch -- the wall between official papers
 * and practice.  Ids in order; the caller frees each and the array.
 */
struct tk_practice_filter {
	const char *standard;
	const char *level;      /* level id */
	const char *codes;      /* space separated */
	const char *types;      /* space separated type names; NULL: any */
	const char *kind;       /* "theory" / "skill"; NULL: any */
	int dmin, dmax;
};
int tk_bank_practice_items(struct tk_bank *b, const struct tk_practice_filter *f,
			   char ***ids, int *n, struct tk_error *err);

/*
 * Is item id on a committed official batch?  *batch is that batch's id
 * (the first committed; the caller frees it) or NULL.
 */
int tk_bank_item_official(struct tk_bank *b, const char *id, char **batch,
			  struct tk_error *err);

/* ---- for the validator (#15): what a paper is checked against ------ */

/* Load version `version` of item id, current or from the history; *out is
   NULL when the bank never held it (the caller frees it). */
int tk_bank_get_item_version(struct tk_bank *b, const char *id, int version,
			     struct tk_item **out, struct tk_error *err);
/*
 * The committed batches item id is on, other than batch (may be NULL)
 * and, when batch is committed, committed before it: *uses of them, the
 * first by id in *first (the caller frees it; NULL when none).
 */
int tk_bank_item_uses(struct tk_bank *b, const char *id, const char *batch, int *uses,
		      char **first, struct tk_error *err);
/* Is batch id committed?  *committed 0 also when there is no such batch. */
int tk_bank_batch_committed(struct tk_bank *b, const char *id, int *committed,
			    struct tk_error *err);
/*
 * A blueprint the bank keeps (a batch's, or a composed paper's) whose bytes
 * have this digest: *xml its text and *where what keeps it ("batch b7"),
 * both the caller's, both NULL when there is none.
 */
int tk_bank_find_blueprint(struct tk_bank *b, const char *digest, char **xml, char **where,
			   struct tk_error *err);

/* ---- the pool an assembler draws from, and coverage ---------------- */

/*
 * The items of standard std at level (its id) and kind, in id order
 * (strcmp), as an assembler weighs them: fn is called once an item and
 * the row's strings live only during the call.  code is the item's first
 * requirement code (NULL: untagged), enemies its enemy ids separated by
 * spaces ("" for none), time its own answering time in seconds (0: none
 * given).  fn returns TK_OK to go on; anything else stops the walk and
 * is returned.
 */
struct tk_bank_pool_row {
	const char *id, *hash, *enemies, *code;
	int type, status, points, difficulty, time;
};
int tk_bank_each_pool(struct tk_bank *b, const char *std, const char *level, int kind,
		      int (*fn)(void *ud, const struct tk_bank_pool_row *row), void *ud,
		      struct tk_error *err);

/*
 * Every requirement code of every item not retired of std at level and
 * kind (one call a code of an item; pos 0 is the first code, the one
 * that decides the item's area), in no particular order; fn as above.
 */
struct tk_bank_code_row {
	const char *code;
	int type, status, points, pos;
};
int tk_bank_each_code(struct tk_bank *b, const char *std, const char *level, int kind,
		      int (*fn)(void *ud, const struct tk_bank_code_row *row), void *ud,
		      struct tk_error *err);

/* ---- the exposure wall in the assembler and the composer (#15) ---- */

/*
 * Every item on a committed official batch with the number of such
 * batches it is on, ordered by id (strcmp); the caller frees each id,
 * the arrays.
 */
int tk_bank_exposure_uses(struct tk_bank *b, char ***ids, int **uses, int *n,
			  struct tk_error *err);
/*
 * The first committed official batch and form item id is on: *batch and
 * *form (the caller frees both), or both NULL.
 */
int tk_bank_item_official_form(struct tk_bank *b, const char *id, char **batch,
			       char **form, struct tk_error *err);

/* ---- the audit of official work (#15 section 4) ---------------------- */

/*
 * Record, inside the open command, a step of official work that changes
 * no item (batch generate, papers, commit; pack; sealing; an edit of an
 * item on a committed form): who (the handle's user), when, command,
 * batch (may be NULL), what, and the digests of bank and blueprint (may
 * be NULL).  It is no change to undo: the audit only grows.
 */
int tk_bank_audit_event(struct tk_bank *b, const char *command, const char *batch,
			const char *summary, const char *bank_digest,
			const char *blueprint_digest, struct tk_error *err);

/*
 * The committed forms an item sits on: fn gets each one's batch, form
 * and paper XML (valid during the call); a non-zero return stops.
 */
int tk_bank_item_forms(struct tk_bank *b, const char *id,
		       int (*fn)(void *ud, const char *batch, const char *form, const char *xml),
		       void *ud, struct tk_error *err);

/* What the audit holds of a batch's papers, for `tiku batch show`. */
struct tk_audit_summary {
	int papers;             /* rows: forms and candidates' papers */
	int candidate_papers, candidates;       /* papers, distinct admission numbers */
	int bank_digests;       /* distinct bank states drawn from */
	char first[32], last[32];       /* UTC, "" when none */
	char bank_digest[65];   /* one of them */
	char users[256];        /* "who N, who N", most first; cut to fit */
};
int tk_bank_audit_summary(struct tk_bank *b, const char *batch, struct tk_audit_summary *sum,
			  struct tk_error *err);

/* ---- versions, reviews, settings ------------------------------------- */

/* One version of an item, valid during a callback. */
struct tk_version {
	int version;
	const char *standard;   /* the item's */
	const char *xml;        /* as stored, with its version */
	const char *time;       /* when it was stored, UTC */
	long seq;               /* the journal entry that made it; 0: the journal does not say */
	const char *user, *command, *summary;   /* of that entry; "" when seq is 0 */
};

/* Every version of item id, oldest first, to fn until it returns non-zero. */
int tk_bank_item_versions(struct tk_bank *b, const char *id,
			  int (*fn)(void *ud, const struct tk_version *v), void *ud,
			  struct tk_error *err);

/*
 * Who last changed the content of item id -- anything but its status, so
 * that sending it to review or approving it is no authorship: *user (the
 * caller's; NULL when the journal does not say) and the *version it made.
 */
int tk_bank_item_last_author(struct tk_bank *b, const char *id, char **user, int *version,
			     struct tk_error *err);

/* The composed (practice) papers item id is on, by id: the caller frees each and *ids. */
int tk_bank_item_papers(struct tk_bank *b, const char *id, char ***ids, int *n,
			struct tk_error *err);

/* ---- practice exposure (#16 section 3) ------------------------------ */

/*
 * Record, inside the open command, that practice paper `paper` (its
 * title) was printed for class klass ("" or NULL: none named) on date
 * (YYYY-MM-DD), showing items ids[i] at versions[i].  A paper printed
 * for the same class on the same date is recorded once: *added is 0
 * then, 1 when this print is new.  No change to undo: the log only
 * grows, like the audit.
 */
int tk_bank_log_practice(struct tk_bank *b, const char *paper, const char *title,
			 const char *klass, const char *date, char *const *ids,
			 const int *versions, int n, int *added, struct tk_error *err);

/* The items of practice papers printed on or after date (YYYY-MM-DD),
   each once, ordered by id (strcmp); the caller frees each and *ids. */
int tk_bank_practice_since(struct tk_bank *b, const char *date, char ***ids, int *n,
			   struct tk_error *err);

/* One printed practice paper an item was on, valid during a callback. */
struct tk_practice_print {
	const char *paper, *title;
	const char *klass;      /* "" when none was named */
	const char *date;       /* YYYY-MM-DD: the day it was for */
	const char *time, *user;        /* when it was printed (UTC), by whom */
	int version;            /* the item's version on it */
};
/* The printed practice papers item id was on, by date, to fn until it
   returns non-zero. */
int tk_bank_item_printed(struct tk_bank *b, const char *id,
			 int (*fn)(void *ud, const struct tk_practice_print *pp), void *ud,
			 struct tk_error *err);

/*
 * Settings a bank keeps (in its meta table): key, the values allowed
 * (space separated), the value when none is set, what it does.  The
 * list ends with a NULL key.
 */
struct tk_setting {
	const char *key, *values, *fallback, *about;
};
extern const struct tk_setting tk_bank_settings[];

/* A setting's value (its fallback when unset): *value the caller's.  TK_EUSAGE: no such setting. */
int tk_bank_get_setting(struct tk_bank *b, const char *key, char **value,
			struct tk_error *err);
/* Set one, inside an open command; the change goes to the audit (tiku log).
   TK_EUSAGE for an unknown key or value. */
int tk_bank_set_setting(struct tk_bank *b, const char *key, const char *value,
			struct tk_error *err);

/*
 * A glossary of the bank's items of standard (schema/glossary.rng), as
 * XML and the file it came from; one per standard, kept with the bank's
 * settings.  put: inside an open command, the standard in the bank;
 * *outcome TK_PUT_NEW, _CHANGED or _SAME; a change goes to the audit
 * (tiku log), and undo leaves it.  get: *xml and *file the caller's,
 * both NULL when the standard has none.
 */
int tk_bank_put_glossary(struct tk_bank *b, const char *standard, const char *file,
			 const char *xml, int *outcome, struct tk_error *err);
int tk_bank_get_glossary(struct tk_bank *b, const char *standard, char **xml, char **file,
			 struct tk_error *err);

enum { TK_REVIEW_APPROVE, TK_REVIEW_REJECT, TK_REVIEW_COMMENT };

/*
 * Review item it (as read under the open command's lock) as the handle's
 * user, and record it with the version it concerns:
 *   approve: the item must be in review, and the reviewer neither its
 *     author nor the last to change its content (tk_bank_item_last_author)
 *     unless the setting review.self-approve is yes; stored approved, the
 *     one way an item in the bank becomes approved;
 *   reject: the item must be in review; stored as a draft again;
 *   comment: any item, nothing stored (comment required).
 * An untagged item is neither approved nor rejected: it is a draft until
 * it is tagged.
 * comment may be NULL for approve and reject.  it->status and version are
 * updated; *outcome is what the store did.  Refusals are TK_EINPUT.
 */
int tk_bank_review(struct tk_bank *b, struct tk_item *it, int action, const char *comment,
		   int *outcome, struct tk_error *err);

/* ---- the requirement text tiku suggest ranks against (suggest.c) ---- */

/*
 * One standard's requirement text, indexed for ranking with the
 * tokenizer search uses (fts.h) and scored by FTS5's bm25: rows (a text
 * each, and the name of the group it is in -- a task, a basics group --
 * as a second column) and groups (the whole text of a task or basics
 * group).  The index is the handle's own, in memory, for one standard at
 * a time, by its hash: never stored in the file, so never out of step
 * with the standard, its statistics never mixed with another's, and no
 * part of the bank's transactions.  *current says whether it holds the
 * standard with this hash; index replaces it with these rows and groups.
 */
struct tk_req_doc {
	const char *text;
	const char *group;      /* rows: the group's name; groups: NULL */
};
int tk_bank_req_current(struct tk_bank *b, const char *standard, const char *hash,
			int *current, struct tk_error *err);
int tk_bank_req_index(struct tk_bank *b, const char *standard, const char *hash,
		      const struct tk_req_doc *rows, int nrows,
		      const struct tk_req_doc *groups, int ngroups, struct tk_error *err);

enum { TK_REQ_ROWS, TK_REQ_GROUPS };

/*
 * The rows (TK_REQ_ROWS) or groups the expression match (tk_fts_any)
 * finds, each to fn with its index as given to tk_bank_req_index and its
 * relevance (bm25 negated: higher is closer), with the weights of the
 * text and group columns (rows) or of the text (groups: w_group unused).
 */
int tk_bank_req_rank(struct tk_bank *b, int which, const char *match, double w_text,
		     double w_group, void (*fn)(void *ud, int index, double score), void *ud,
		     struct tk_error *err);

/* One review, valid during a callback. */
struct tk_review {
	long seq;
	const char *item, *time, *user;
	const char *action;     /* approve, reject, comment */
	const char *comment;    /* "" when none */
	int version;            /* approve, reject: the version made; comment: the one read */
	int undone;             /* its status change was undone */
};

/* The reviews of item id (NULL: all), oldest first, to fn until it returns non-zero. */
int tk_bank_reviews(struct tk_bank *b, const char *id,
		    int (*fn)(void *ud, const struct tk_review *r), void *ud,
		    struct tk_error *err);

/* ---- batches: their forms, candidates and audit (batch.c) ---------- */

/*
 * The storage of exam batches, whose rules batch.c keeps.  Writes go
 * inside the caller's open command (tk_bank_begin) and a broken
 * constraint is TK_EINPUT; reads are plain.  Walks call fn with a row
 * valid during the call until it returns non-zero: fn keeps its own
 * errors (in ud).
 */

/* A batch as the bank keeps it: the strings are the holder's. */
struct tk_bank_batch {
	char *name, *standard;
	char *blueprint;        /* its XML, kept as the batch was made */
	char *digest;           /* the blueprint's */
	char *state;            /* new, generated, committed */
	uint64_t seed;
	int forms;
};
/* Read batch id into *r (TK_EINPUT when there is none; *r zeroed then);
   the caller frees its strings with tk_bank_batch_release, which accepts
   NULL and a zeroed or released *r. */
int tk_bank_batch_get(struct tk_bank *b, const char *id, struct tk_bank_batch *r,
		      struct tk_error *err);
void tk_bank_batch_release(struct tk_bank_batch *r);
/* Add batch id in state new (TK_EINPUT: it exists already); the strings
   stay the caller's. */
int tk_bank_batch_add(struct tk_bank *b, const char *id, const char *name,
		      const char *standard, const char *blueprint, const char *digest,
		      uint64_t seed, int forms, struct tk_error *err);
/* Move batch id to state "generated" or "committed" (which stamps the
   time exposure counts from). */
int tk_bank_batch_set_state(struct tk_bank *b, const char *id, const char *state,
			    struct tk_error *err);

/* One batch of a walk. */
struct tk_bank_batch_entry {
	const char *id, *state, *name;
	int forms;
};
/* Every batch, oldest first, to fn (e valid during the call). */
int tk_bank_batch_each(struct tk_bank *b,
		       int (*fn)(void *ud, const struct tk_bank_batch_entry *e), void *ud,
		       struct tk_error *err);

/* One form of a batch: its name (A, B, ...) and paper XML. */
struct tk_bank_batch_form {
	const char *form, *xml;
};
/* Drop batch id's forms, then put its new ones one by one (strings the
   caller's); forms walks them by name (f valid during the call). */
int tk_bank_batch_clear_forms(struct tk_bank *b, const char *id, struct tk_error *err);
int tk_bank_batch_put_form(struct tk_bank *b, const char *id, const char *form,
			   const char *paper, const char *xml, struct tk_error *err);
int tk_bank_batch_forms(struct tk_bank *b, const char *id,
			int (*fn)(void *ud, const struct tk_bank_batch_form *f), void *ud,
			struct tk_error *err);

/* Record item as exposed on form of batch id (the commit of a batch). */
int tk_bank_batch_expose(struct tk_bank *b, const char *id, const char *item,
			 const char *form, struct tk_error *err);

/*
 * One paper generated for a batch, a form or a candidate's.  audit
 * records p (its strings the caller's; candidate NULL for a form) as
 * the handle's user, now: time and user are not read.  papers walks
 * them in the order recorded (p valid during the call), with form and
 * candidate "" when none and blueprint_digest NULL (not read).
 */
struct tk_bank_batch_paper {
	const char *time, *user;        /* UTC, who */
	const char *paper, *form, *candidate;
	uint64_t seed;
	const char *blueprint_digest, *bank_digest;
};
int tk_bank_batch_audit(struct tk_bank *b, const char *id, const struct tk_bank_batch_paper *p,
			struct tk_error *err);
int tk_bank_batch_papers(struct tk_bank *b, const char *id,
			 int (*fn)(void *ud, const struct tk_bank_batch_paper *p), void *ud,
			 struct tk_error *err);
#endif
