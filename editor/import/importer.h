/*
 * importer.h -- bringing standards and items into a bank from the formats
 * people have: tiku's XML, the table layout of Chinese exam systems as
 * CSV (UTF-8 or GB18030/GBK, as Excel writes it in China) or as an Excel
 * workbook (xlsx.h), the plain text teachers paste from Word and Word
 * documents themselves (docx.h), whose pictures the bank keeps, and the
 * formats of LMSs: Moodle XML, GIFT, IMS QTI 2.1 and 3.0 (qtiin.h).
 *
 * Readers (tk_csv_parse, tk_text_parse) turn a file into a tk_itemset and
 * report every bad row with its line; tk_import_file() checks the items
 * against the standard and stores them.  Nothing here begins or commits a
 * transaction: the caller wraps one import command in one transaction and
 * rolls back when the result is not acceptable (all-or-nothing), or
 * commits the good rows (--partial).
 */
#ifndef TK_IMPORTER_H
#define TK_IMPORTER_H

#include "bank.h"
#include "diag.h"
#include "image.h"
#include "item.h"

/* Values for fields the input does not give (NULL: no default). */
struct tk_import_defaults {
	const char *standard;   /* standard id */
	const char *level;      /* level id or name */
	const char *kind;       /* "theory" / "skill" */
	const char *status;     /* default "draft" for CSV and text */
	const char *code;       /* the requirement code(s) of rows that give none */
	const char *encoding;   /* NULL = detect; "utf-8", "gb18030", "gbk" */
	/* the standard the rows belong to (tk_import_file sets it): levels
	   are taken by name or id and stored as its id, so that an item's
	   made-up id does not depend on how its level was spelt */
	const struct tk_standard *std;
};

/*
 * Convert data to UTF-8.  encoding NULL detects: UTF-8 (a BOM is
 * dropped) or else GB18030, which includes GBK and GB2312.  A file that
 * is neither, or not what encoding says, is an error naming the line of
 * the first bad byte.  *out (caller frees) is NUL-terminated.
 */
int tk_to_utf8(const char *data, size_t len, const char *encoding,
	       const char *name, char **out, size_t *outlen,
	       struct tk_error *err);

/*
 * Read CSV with a header row naming the columns 题型, 题干, 选项A..选项F,
 * 答案, 解析, 难度, 知识点/代码, 分值 (and optionally 编号, 等级, 类别,
 * 状态, 用时, 关键词, 作者).  data must be UTF-8 already.  Bad rows go to
 * diags with their line; good rows to set.  Returns TK_EINPUT when any
 * row was bad, TK_OK otherwise.
 */
int tk_csv_parse(const char *data, size_t len, const char *name,
		 const struct tk_import_defaults *def, struct tk_itemset *set,
		 struct tk_diags *diags, struct tk_error *err);

/*
 * The records of any CSV table (RFC 4180, as tk_csv_parse reads them;
 * data UTF-8): fn gets each record that is not blank, its n fields
 * trimmed (valid during the call) and the line it starts on; an error
 * it returns stops the reading.  A quote never closed is an error with
 * its line.
 */
int tk_csv_records(const char *data, size_t len, const char *name,
		   int (*fn)(void *ud, char *const *f, int n, int line, struct tk_error *err),
		   void *ud, struct tk_error *err);

/*
 * Read the plain-text layout pasted from Word:
 *     一、单项选择题
 *     1. 题干……（　）
 *     A. …  B. …
 *     答案：B
 *     解析：…
 * with the answer there, inside the stem ("（ B ）", "（√）") or in an
 * answer section after the items ("参考答案" then "1.B 2.AC 3.√").
 * Each line is a block for tk_text_read.  Same contract as tk_csv_parse.
 */
int tk_text_parse(const char *data, size_t len, const char *name,
		  const struct tk_import_defaults *def, struct tk_itemset *set,
		  struct tk_diags *diags, struct tk_error *err);

/*
 * One block of a document laid out as tk_text_parse reads it, from any
 * source: a line of text, a paragraph of a Word document (a line break
 * inside one makes two blocks), a table, a picture alone in its
 * paragraph.  The strings are the source's, valid during tk_text_read.
 */
enum { TK_BLOCK_TEXT, TK_BLOCK_TABLE, TK_BLOCK_IMAGE };
struct tk_block {
	int kind;
	int at;                 /* its line or paragraph, for messages */
	/* TEXT: the text, one line; each U+FFFC in it stands for the next
	   of inl[] (pictures inside the text), in order; one with no inl
	   left is dropped */
	const char *text;
	const char *const *inl; /* <img .../> markup */
	int ninl;
	const char *xml;        /* TABLE: <table> of items.rng; IMAGE: <img .../> */
	/* what the source could not read in the block (NULL: nothing): the
	   item it falls in is refused with it */
	const char *problem;
};

/*
 * Read items from blocks[0..n) by the layout of tk_text_parse: a table or
 * picture joins the stem, option, answer or explanation it follows.
 * Messages name name and each item's first block's at.  Same contract as
 * tk_csv_parse.
 */
int tk_text_read(const struct tk_block *blocks, size_t n, const char *name,
		 const struct tk_import_defaults *def, struct tk_itemset *set,
		 struct tk_diags *diags, struct tk_error *err);

/*
 * Images the items of one file show that the bank is to keep (a Word
 * document's pictures, a QTI package's), each once, under the name
 * tk_image_name gives it, which the items' <img src> use.
 */
struct tk_import_image {
	char name[TK_IMAGE_NAME];
	unsigned char *data;
	size_t len;
};
struct tk_import_images {
	struct tk_import_image *v;
	size_t n, cap;
};

/*
 * Keep a copy of data (len bytes, a PNG or JPEG image of type) unless an
 * image of the same bytes is kept already; its name goes to name.
 * TK_EINTERNAL when out of memory.
 */
int tk_import_images_add(struct tk_import_images *im, const void *data, size_t len, int type,
			 char name[TK_IMAGE_NAME]);
/* Free what im keeps and empty it; accepts NULL. */
void tk_import_images_free(struct tk_import_images *im);

/* An id for an item that came without one, stable for the same content
 * (its type, level and stem). */
char *tk_import_make_id(const char *prefix, const struct tk_item *it);

struct tk_import_opts {
	const char *format;     /* NULL = by extension and content: xml, csv,
				   xlsx, text, docx, moodle, gift, qti (2.1 or
				   3.0; qti21 and qti30 hold it to one) */
	const char *sheet;      /* xlsx: the sheet's name (NULL: the first) */
	struct tk_import_defaults def;
	int partial;            /* store the good items even when some are bad */
	/* called now and then while items are stored (may be NULL) */
	void (*progress)(void *ud, const char *path, size_t done, size_t total);
	void *progress_ud;
};

struct tk_import_stats {
	int standards_new, standards_changed, standards_same;
	int glossaries_new, glossaries_changed, glossaries_same;
	size_t items, added, changed, same, rejected;
	size_t untagged;        /* of those stored: items without a requirement code */
};

/*
 * Import one file into b (inside the caller's transaction).  A standard
 * is stored as a whole, a glossary (schema/glossary.rng) as the bank's
 * house words for its standard's items; items are checked against their standard (level,
 * codes, answers: the lint rules that make an item unusable) and stored
 * unless rejected.  A row of the table layout (CSV, xlsx) with the id of
 * an item in the bank updates it as a new version, keeping what the row
 * cannot say (tk_table_keep).  Every problem goes to diags.  Returns
 * TK_EINPUT when anything was rejected, so that the caller can roll back.
 */
int tk_import_file(struct tk_bank *b, const char *path,
		   const struct tk_import_opts *o, struct tk_import_stats *st,
		   struct tk_diags *diags, struct tk_error *err);

#endif
