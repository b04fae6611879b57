/*
 * items.c -- the bank's contents: import, export, lint, search, coverage
 * and the standards (tiku standard).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "blueprint.h"
#include "commands.h"
#include "coverage.h"
#include "export.h"
#include "gift.h"
#include "glossary.h"
#include "importer.h"
#include "lint.h"
#include "lua_sandbox.h"
#include "util.h"
#include "xml.h"

enum { K_PARTIAL = CLI_K_OWN, K_ENCODING, K_RETIRED, K_ERRORS, K_COUNT, K_STRICT,
       K_POINTS, K_GAPS, K_SHEET, K_UNTAGGED, K_SUGGEST, K_PAPER };

/* The filter for items without a requirement code, as search and export list it. */
#define OPT_UNTAGGED {"untagged", K_UNTAGGED, NULL, \
	N_("only untagged items (no requirement code: drafts waiting for a code)")}

/* ---- import ------------------------------------------------------------ */

/* Progress of big imports on a terminal; silent otherwise. */
static void show_progress(void *ud, const char *path, size_t done, size_t total)
{
	(void)ud;
	if (total < 5000)
		return;
	fprintf(stderr, "\r");
	fprintf(stderr, _("%s: stored %zu of %zu items"), path, done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

static int import_files(struct tk_bank *b, int argc, char **argv, struct tk_import_opts *o,
			int quiet, struct tk_diags *diags, struct tk_error *err,
			struct tk_import_stats *st)
{
	int i, c, rc = TK_OK;

	for (i = optind; i < argc; i++) {
		struct tk_import_stats one;
		memset(&one, 0, sizeof one);
		tk_error_clear(err);
		c = tk_import_file(b, argv[i], o, &one, diags, err);
		if (c != TK_OK && rc == TK_OK)
			rc = c;
		if (c == TK_EINTERNAL || c == TK_EUSAGE)
			break;
		if (!quiet && c == TK_OK) {
			if (one.standards_new + one.standards_changed + one.standards_same)
				printf("%s: %s\n", argv[i], one.standards_new ? _("standard added") :
				       one.standards_changed ? _("standard changed") :
				       _("standard unchanged"));
			else if (one.glossaries_new + one.glossaries_changed + one.glossaries_same)
				printf("%s: %s\n", argv[i], one.glossaries_new ? _("glossary added") :
				       one.glossaries_changed ? _("glossary changed") :
				       _("glossary unchanged"));
			else
				printf(_("%s: %zu items: %zu added, %zu changed, %zu unchanged\n"),
				       argv[i], one.items, one.added, one.changed, one.same);
			if (one.rejected)
				printf(_("%s: %zu items rejected\n"), argv[i], one.rejected);
			if (one.untagged)
				printf(_("%s: %zu untagged items, drafts until tagged "
					 "(tiku search --untagged; tiku suggest ID)\n"),
				       argv[i], one.untagged);
		}
		st->items += one.items;
		st->rejected += one.rejected;
		st->untagged += one.untagged;
		st->added += one.added;
		st->changed += one.changed;
		st->same += one.same;
		st->standards_new += one.standards_new;
		st->standards_changed += one.standards_changed;
		st->standards_same += one.standards_same;
		st->glossaries_new += one.glossaries_new;
		st->glossaries_changed += one.glossaries_changed;
		st->glossaries_same += one.glossaries_same;
	}
	return rc;
}

/* The untagged items an import added or changed, for --suggest. */
struct untagged {
	char **ids;
	int n;
};

static int note_untagged(void *ud, const char *id, const char *standard, const char *before,
			 const char *after)
{
	struct untagged *u = ud;

	(void)standard;
	(void)before;
	/* an item's stored XML names its codes as <code> elements */
	if (after && !strstr(after, "<code>") && !tk_item_strlist_add(&u->ids, &u->n, id))
		return 1;
	return 0;
}

/* The codes suggested for each untagged item the committed import brought in. */
static int import_suggest(struct tk_bank *b)
{
	struct untagged u = {NULL, 0};
	struct tk_error err = {0};
	struct cli_suggest cs;
	int rc = TK_OK, i;

	if (tk_bank_last_command(b) &&
	    tk_bank_entry_items(b, tk_bank_last_command(b), 0, note_untagged, &u, &err) != TK_OK)
		rc = cli_fail(&err);
	if (rc == TK_OK && u.n) {
		printf("\n");
		printf(_("codes suggested for the %d untagged items (tiku tag ID --accept takes the first):\n"),
		       u.n);
		cli_suggest_begin(&cs, b, 0, 0);
		for (i = 0; i < u.n && rc == TK_OK; i++) {
			struct tk_item *it = NULL;
			if ((rc = tk_bank_get_item(b, u.ids[i], &it, &err)) != TK_OK)
				rc = cli_fail(&err);
			else if (it)
				rc = cli_suggest_item(&cs, it);
			tk_item_free(it);
		}
		cli_suggest_end(&cs);
	}
	for (i = 0; i < u.n; i++)
		free(u.ids[i]);
	free(u.ids);
	return rc;
}

static int run_import(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_import_opts o;
	struct tk_import_stats st;
	struct tk_diags diags = TK_DIAGS_INIT;
	struct tk_error err = {0};
	struct tk_bank *b = NULL;
	struct tk_buf summary = TK_BUF_INIT;
	int c, i, rc = TK_OK, quiet = 0, suggest = 0;

	memset(&o, 0, sizeof o);
	memset(&st, 0, sizeof st);
	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case K_PARTIAL: o.partial = 1; break;
		case K_SUGGEST: suggest = 1; break;
		case 'q': quiet = 1; break;
		case CLI_K_FORMAT: o.format = optarg; break;
		case K_ENCODING: o.def.encoding = optarg; break;
		case K_SHEET: o.sheet = optarg; break;
		case CLI_K_STANDARD: o.def.standard = optarg; break;
		case CLI_K_LEVEL: o.def.level = optarg; break;
		case CLI_K_KIND: o.def.kind = optarg; break;
		case CLI_K_STATUS: o.def.status = optarg; break;
		case CLI_K_CODE: o.def.code = optarg; break;
		default: return CLI_RESULT(c);
		}
	}
	if (optind >= argc)
		return cli_usage(cmd, "%s", _("no file to import"));
	if (!quiet && isatty(STDERR_FILENO))
		o.progress = show_progress;
	if (o.format && strcmp(o.format, "xml") && strcmp(o.format, "csv") &&
	    strcmp(o.format, "xlsx") && strcmp(o.format, "text") && strcmp(o.format, "docx") &&
	    strcmp(o.format, "moodle") && strcmp(o.format, "gift") && strcmp(o.format, "qti") &&
	    strcmp(o.format, "qti21") && strcmp(o.format, "qti30"))
		return cli_usage(cmd, _("unknown format '%s' (xml, csv, xlsx, text, docx, moodle, gift, "
					"qti, qti21 or qti30)"), o.format);
	if (o.def.kind && tk_kind_parse(o.def.kind) < 0)
		return cli_usage(cmd, _("unknown kind '%s' (theory or skill)"), o.def.kind);
	if (o.def.status && tk_status_parse(o.def.status) < 0)
		return cli_usage(cmd, _("unknown status '%s'"), o.def.status);
	if ((rc = cli_open_bank(TK_BANK_CREATE, &b)) != TK_OK)
		return rc;
	for (i = optind; i < argc && summary.len < 200; i++)
		tk_buf_printf(&summary, "%s%s", i > optind ? " " : "", argv[i]);
	rc = tk_bank_begin(b, "import", tk_buf_str(&summary), &err);
	tk_buf_free(&summary);
	if (rc != TK_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	rc = import_files(b, argc, argv, &o, quiet, &diags, &err, &st);
	tk_diags_print(&diags, stderr);
	if (rc != TK_OK) {
		tk_bank_rollback(b);
		if (rc == TK_EINPUT) {
			fprintf(stderr, "tiku import: ");
			fprintf(stderr, _("nothing imported: %zu errors"), diags.nerrors);
			fprintf(stderr, "%s\n", o.partial ? "" :
				_(" (fix them, or use --partial to import the good items)"));
		} else if (err.msg[0]) {
			cli_fail(&err);
		}
		goto out;
	}
	/* --partial keeps the good items: when there are none, it is no import */
	if (st.rejected && st.added + st.changed + st.same == 0 &&
	    st.standards_new + st.standards_changed + st.standards_same +
	    st.glossaries_new + st.glossaries_changed + st.glossaries_same == 0) {
		tk_bank_rollback(b);
		fprintf(stderr, "tiku import: ");
		fprintf(stderr, _("nothing imported: all %zu items were rejected\n"), st.rejected);
		rc = TK_EINPUT;
		goto out;
	}
	if ((rc = tk_bank_commit(b, &err)) != TK_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	if (st.rejected && !quiet) {
		fprintf(stderr, "tiku import: ");
		fprintf(stderr, _("%zu items rejected, the others imported (--partial)\n"),
			st.rejected);
	}
	if (suggest)
		rc = import_suggest(b);
out:
	tk_diags_free(&diags);
	cli_close_bank(b);
	return rc;
}

static const struct cli_opt import_opts[] = {
	{"partial", K_PARTIAL, NULL, N_("import the good items even when some are bad")},
	{"format", CLI_K_FORMAT, "F",
	 N_("xml, csv, xlsx, text, docx, moodle, gift, qti (2.1 or 3.0), qti21 or qti30 "
	    "(default: from the file)")},
	{"encoding", K_ENCODING, "E", N_("utf-8 or gb18030 (gbk) for CSV and text")},
	{"sheet", K_SHEET, "NAME", N_("the sheet of an Excel workbook (default: the first)")},
	{"code", CLI_K_CODE, "C",
	 N_("the requirement code of CSV, Excel, text and Word items that give none")},
	{"suggest", K_SUGGEST, NULL,
	 N_("show the codes suggested for each untagged item imported (tiku suggest)")},
	CLI_OPT_STANDARD, CLI_OPT_LEVEL, CLI_OPT_KIND, CLI_OPT_STATUS, CLI_OPT_QUIET,
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_import = {
	"import", run_import,
	N_("import standards and items (XML, CSV, Excel, plain text, Word, Moodle XML, GIFT, QTI)"),
	"[options] FILE...",
	N_("Import standards and items into the bank.  A standard (XML) is stored\n"
	   "whole; items are checked against their standard and stored, a changed\n"
	   "item as a new version.  All-or-nothing: when any item is bad, every\n"
	   "problem is reported with its file and line (a Word document: its\n"
	   "paragraph) and nothing is written.  Re-importing the same file\n"
	   "changes nothing.\n\n"
	   "Formats, chosen by extension unless --format says: .xml (tiku's items\n"
	   "or standard XML; the PNG and JPEG images items name that are files in\n"
	   "the items file's folder are stored in the bank by their content, as a\n"
	   "Word document's pictures are), .csv (columns 题型, 题干, 选项A-F, 答案,\n"
	   "解析, 难度, 知识点/代码, 分值, optionally 编号, 等级, 类别, 状态, 用时,\n"
	   "关键词, 作者; UTF-8 or GB18030/GBK, detected), .xlsx (the same columns in the\n"
	   "first sheet of an Excel workbook, or the one --sheet names; a row is\n"
	   "named as 'Sheet1 row 7'), .txt (the layout pasted from Word, below),\n"
	   ".docx (a Word or WPS document in that layout: auto-numbered lists\n"
	   "read as the numbers Word shows, tables and pictures kept; PNG and JPEG\n"
	   "pictures are stored in the bank, which render and export then find),\n"
	   "Moodle XML (a .xml file whose root is <quiz>) and GIFT (.gift):\n"
	   "categories name the level, tags the codes; a question type tiku has\n"
	   "no form for is an error.  IMS QTI 2.1 and 3.0: a content package\n"
	   "(.zip with imsmanifest.xml, or that manifest unpacked), or one\n"
	   "assessmentItem file: choice, text entry and extended text interactions\n"
	   "become items, the manifest's LOM gives the level, kind and codes\n"
	   "(as 'tiku export --format qti21' or qti30 writes them), PNG and JPEG\n"
	   "images are stored in the bank; another interaction (hotspot, match,\n"
	   "order, ...) is an error naming the item.\n\n"

	   "The text and Word layout, one item after another:\n"
	   "  一、单项选择题（每题1分）\n"
	   "  1. 题干……（　）\n"
	   "  A. …  B. …\n"
	   "  C. …  D. …\n"
	   "  答案：B\n"
	   "  解析：…\n"
	   "  知识点：1.1.2\n"
	   "A heading sets the type (单选, 多选, 判断, 填空, 简答, 案例分析, 实操)\n"
	   "and the points; '1.' '1、' '1．' '1)' start an item; options stand one\n"
	   "or several to a line; the fields are 答案 (or 【答案】, 正确答案,\n"
	   "参考答案), 解析, 难度, 知识点 or 代码, 分值, 编号, 等级, 类别, 状态,\n"
	   "关键词, 作者 and 用时.\n"
	   "The answer may instead stand in the stem's bracket, '（ B ）' '（AC）'\n"
	   "'（√）' '（×）' (taken out, the （　） left), or in an answer section\n"
	   "after the items: a line '参考答案' (or '答案', '参考答案及解析') then\n"
	   "'1.B 2.AC 3.√', '1-5 BCADB', one or more to a line, or\n"
	   "'参考答案：1.B 2.AC 3.√' on one line; under headings like the items'\n"
	   "('一、单项选择题') when numbers start again in each section, and\n"
	   "解析/难度/知识点 lines there belong to the answer before them.  An\n"
	   "answer section may follow each section or all of them.  An item with\n"
	   "no heading gets its type from its options and answer.  Full-width\n"
	   "marks (．，：（）Ａ) read as half-width ones.\n\n"
	   "--level, --kind, --status and --code apply to CSV, Excel, text,\n"
	   "Word, Moodle, GIFT and QTI items that do not say; drafts by default.\n"
	   "An item without a code, in any format, comes in as an untagged\n"
	   "draft: searched (tiku search --untagged), edited and tagged like any\n"
	   "other, but never reviewed, approved or drawn into a paper until it\n"
	   "has a code (a file that states another status for it is refused).\n"
	   "--suggest shows the codes whose requirement text is closest to each\n"
	   "untagged item imported (tiku suggest); tiku tag ID --accept takes\n"
	   "the first.\n"
	   "A CSV or Excel row whose 编号 is an item's id makes a new version of\n"
	   "that item; what the row has no column for (a rubric, statistics) and\n"
	   "the images and formatting of a cell whose text is unchanged are kept\n"
	   "from the current version.  'tiku export --format xlsx' writes such a\n"
	   "sheet.\n\n"
	   "A glossary (XML whose root is <glossary>, schema/glossary.rng) gives the\n"
	   "bank's house words for a standard's items, which lint checks: the\n"
	   "preferred form of a term and the forms to avoid, and the cue words of\n"
	   "true/false items.  It is one of the bank's settings: importing it is\n"
	   "an audit line in tiku log, as tiku config is, and tiku undo does not\n"
	   "take it back; import the earlier file to go back.\n"),
	import_opts, NULL, 0
};

/* ---- export ------------------------------------------------------------ */

/* The filters every listing command shares: standard, level, kind, type,
 * status, code.  Returns the key's status when c is not one of them. */
static int query_option(struct tk_query *q, const char **level, int c)
{
	switch (c) {
	case CLI_K_STANDARD: q->standard = optarg; return 1;
	case CLI_K_LEVEL: *level = optarg; return 1;
	case CLI_K_KIND: q->kind = optarg; return 1;
	case CLI_K_TYPE: q->type = optarg; return 1;
	case CLI_K_STATUS: q->status = optarg; return 1;
	case CLI_K_CODE: q->code = optarg; return 1;
	case K_UNTAGGED: q->untagged = 1; return 1;
	}
	return 0;
}

/* Check the filters' values and make them canonical. */
static int query_values(const struct cli_cmd *cmd, struct tk_query *q)
{
	if (q->kind && tk_kind_parse(q->kind) < 0)
		return cli_usage(cmd, _("unknown kind '%s' (theory or skill)"), q->kind);
	if (q->kind)
		q->kind = tk_kind_name(tk_kind_parse(q->kind));
	if (q->type && tk_type_parse(q->type) < 0)
		return cli_usage(cmd, _("unknown type '%s'"), q->type);
	if (q->type)
		q->type = tk_type_name(tk_type_parse(q->type));
	if (q->status && tk_status_parse(q->status) < 0)
		return cli_usage(cmd, _("unknown status '%s'"), q->status);
	return TK_OK;
}

/* The filters, and the standard they apply to in *s (the caller's). */
static int query_check(const struct cli_cmd *cmd, struct tk_bank *b, struct tk_query *q,
		       const char *level, struct tk_standard **s)
{
	int l, rc;

	if ((rc = query_values(cmd, q)) != TK_OK)
		return rc;
	if ((rc = cli_standard(b, q->standard, s)) != TK_OK)
		return rc;
	q->standard = (*s)->id;
	if (level) {
		if ((l = cli_level(cmd, *s, level)) < 0)
			return TK_EUSAGE;
		q->level = (*s)->levels[l].id;
	}
	return TK_OK;
}

/*
 * One paper's items: the paper read as the other commands read it (each
 * problem with its line), its standard from the bank, its images beside
 * it unless --images says.
 */
static int export_paper(const char *path, struct tk_bank *b, struct tk_export_opts *o,
			struct tk_buf *out, struct tk_error *err)
{
	struct tk_paper *p = NULL;
	struct tk_standard *s = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	char *dir = NULL;
	int rc;

	if ((rc = tk_paper_load(path, &p, &d, err)) != TK_OK) {
		tk_diags_print(&d, stderr);
		if (d.n)
			tk_error_clear(err);
		goto out;
	}
	if ((rc = tk_bank_get_standard(b, p->standard, &s, err)) != TK_OK)
		goto out;
	if (o->images == NULL)
		o->images = dir = cli_dir_of(path);
	rc = tk_export_paper(p, s, o, out, err);
out:
	tk_diags_free(&d);
	tk_paper_free(p);
	tk_standard_free(s);
	free(dir);
	return rc;
}

static int run_export(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_query q;
	struct tk_error err = {0};
	struct tk_bank *b = NULL;
	struct tk_standard *s = NULL;
	struct tk_diags diags = TK_DIAGS_INIT;
	struct tk_buf out = TK_BUF_INIT;
	struct tk_export_opts o;
	struct cli_images ci;
	const char *path = "-", *level = NULL, *format = "xml", *paper = NULL;
	int c, rc, fmt, filters = 0;

	memset(&q, 0, sizeof q);
	memset(&o, 0, sizeof o);
	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		if (query_option(&q, &level, c)) {
			filters = 1;
			continue;
		}
		switch (c) {
		case 'o': path = optarg; break;
		case K_RETIRED: q.include_retired = 1; filters = 1; break;
		case CLI_K_FORMAT: format = optarg; break;
		case CLI_K_IMAGES: o.images = optarg; break;
		case K_ENCODING: o.encoding = optarg; break;
		case K_PAPER: paper = optarg; break;
		default: return CLI_RESULT(c);
		}
	}
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if ((fmt = tk_export_format(format)) < 0)
		return cli_usage(cmd, _("unknown format '%s' (xml, moodle, gift, qti21, qti30, csv "
					"or xlsx)"), format);
	if ((fmt == TK_EXPORT_QTI21 || fmt == TK_EXPORT_QTI30) && !strcmp(path, "-"))
		return cli_usage(cmd, "%s", _("a QTI package is a zip: name it with -o FILE.zip"));
	if (fmt == TK_EXPORT_XLSX && !strcmp(path, "-"))
		return cli_usage(cmd, "%s", _("an Excel workbook is a file: name it with -o FILE.xlsx"));
	if (o.encoding && fmt != TK_EXPORT_CSV)
		return cli_usage(cmd, "%s", _("--encoding is for --format csv"));
	if (o.encoding && strcasecmp(o.encoding, "utf-8") && strcasecmp(o.encoding, "utf8") &&
	    strcasecmp(o.encoding, "gb18030") && strcasecmp(o.encoding, "gbk") &&
	    strcasecmp(o.encoding, "gb2312") && strcasecmp(o.encoding, "cp936"))
		return cli_usage(cmd, _("unknown encoding '%s' (utf-8, gb18030 or gbk)"), o.encoding);
	if (paper && !tk_export_holds_paper(fmt))
		return cli_usage(cmd, _("--paper goes with --format qti21, qti30, moodle or gift, "
					"not %s"), format);
	if (paper && filters)
		return cli_usage(cmd, "%s", _("--paper exports the paper's items: the filters "
					      "(--standard, --level, ...) are for the bank's"));
	if (strcmp(path, "-") &&
	    (rc = cli_out_file(cmd, path, fmt == TK_EXPORT_GIFT && cli_has_ext(path, ".txt") ?
			       ".txt" : tk_export_ext(fmt))) != TK_OK)
		return rc;
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if (!paper && (rc = query_check(cmd, b, &q, level, &s)) != TK_OK)
		goto out;
	cli_images_init(&ci, b);
	o.format = fmt;
	o.store = &ci.store;
	o.diags = &diags;
	rc = paper ? export_paper(paper, b, &o, &out, &err)
	   : tk_export_bank(b, &q, s, &o, &out, &err);
	cli_images_release(&ci);
	/* what the format cannot carry is said, item by item */
	tk_diags_print(&diags, stderr);
	if (rc != TK_OK) {
		rc = err.code ? cli_fail(&err) : rc;
		goto out;
	}
	if ((rc = tk_write_file(path, out.s, out.len, &err)) != TK_OK)
		rc = cli_fail(&err);
out:
	tk_diags_free(&diags);
	tk_buf_free(&out);
	tk_standard_free(s);
	cli_close_bank(b);
	return rc;
}

static const struct cli_opt export_opts[] = {
	CLI_OPT_OUTPUT(N_("write to this file (atomically), not standard output")),
	{"format", CLI_K_FORMAT, "F", N_("xml (default), moodle, gift, qti21, qti30, csv or xlsx")},
	{"paper", K_PAPER, "PAPER.xml",
	 N_("one paper's items instead of the bank's (qti21, qti30, moodle, gift)")},
	{"encoding", K_ENCODING, "E",
	 N_("utf-8 (with a BOM, the default) or gb18030 (gbk) for CSV")},
	{"images", CLI_K_IMAGES, "DIR",
	 N_("the folder of the items' images the bank does not keep (moodle and QTI carry them)")},
	CLI_OPT_STANDARD, CLI_OPT_LEVEL, CLI_OPT_KIND, CLI_OPT_TYPE, CLI_OPT_STATUS,
	CLI_OPT_CODE, OPT_UNTAGGED,
	{"include-retired", K_RETIRED, NULL, N_("retired items too")},
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_export = {
	"export", run_export,
	N_("write the bank's items as XML, Moodle XML, GIFT, QTI 2.1 or 3.0, CSV or Excel"),
	"[options]",
	N_("Write the current version of every matching item, in id order.\n\n"
	   "--format xml (the default): tiku items XML, which imports back\n"
	   "unchanged: import, export, import, export gives the same bytes.\n"
	   "--format moodle: Moodle XML for a Moodle question bank, in categories\n"
	   "standard/level/function; codes and keywords as tags; the explanation\n"
	   "as general feedback; fill items as short answer (one blank) or cloze;\n"
	   "short, case and task items as essays with the reference answer and\n"
	   "rubric for graders; images embedded (those the bank keeps, as a Word\n"
	   "import stores them, else from --images DIR).\n"
	   "--format gift: GIFT text (.gift or .txt) with the same categories and\n"
	   "tags.  What a format cannot carry (points in GIFT, a rubric, images,\n"
	   "all-or-nothing marking of multiple choice) is reported item by item\n"
	   "on standard error; a fill item with several blanks has no GIFT form\n"
	   "and is left out, with a warning.\n"
	   "--format qti21: an IMS QTI 2.1 content package (-o FILE.zip): an\n"
	   "assessmentItem per item, scored where it can be (choice, true/false,\n"
	   "every blank of a fill item; open items with the reference answer and\n"
	   "rubric for scorers), the explanation as feedback; level, codes,\n"
	   "keywords, difficulty and time in the manifest's metadata (LOM).\n"
	   "--format qti30: the same as an IMS QTI 3.0 package\n"
	   "(qti-assessment-item, QTI 3 packaging and LOM 1.3).\n"
	   "--paper PAPER.xml: the paper's items instead of the bank's, each worth\n"
	   "the points the paper gives it: for qti21 and qti30 with the paper as\n"
	   "an assessment test (its sections in order, its duration as the time\n"
	   "limit), for moodle and gift under one category named by the paper.\n"
	   "--format xlsx (-o FILE.xlsx) and --format csv: a sheet in the layout\n"
	   "tiku import reads (编号, 题型, 题干, 选项A-F, 答案, 解析, 难度,\n"
	   "知识点/代码, 分值, 等级, 类别, 状态, 用时, 关键词, 作者), one item a\n"
	   "row, to edit in Excel or WPS and import again: an edited row becomes\n"
	   "a new version of its item, the others change nothing.  Rich text is\n"
	   "plain text there; what the sheet cannot carry (images, tables, a\n"
	   "rubric) is reported item by item, and import keeps it from the current\n"
	   "version.  CSV is UTF-8 with a BOM, or GB18030 with --encoding gb18030\n"
	   "for older Excel.\n"),
	export_opts, NULL, 0
};

/* ---- lint -------------------------------------------------------------- */

/* A blueprint against its standard and the bank's items it may draw. */
static int lint_blueprint_file(const char *path, const char *data, size_t len,
			       struct tk_bank *b, struct tk_diags *d)
{
	struct tk_blueprint *bp = NULL;
	struct tk_standard *s = NULL;
	struct tk_itemset set = {0};
	struct tk_error err = {0};
	struct tk_query q;
	size_t before = d->nerrors;
	int rc;

	if ((rc = tk_blueprint_parse(data, len, path, &bp, d, &err)) != TK_OK) {
		if (d->nerrors == before)
			tk_diags_add(d, TK_DIAG_ERROR, err.file, err.line, "%s", err.msg);
		goto out;
	}
	if (b == NULL) {
		tk_diags_add(d, TK_DIAG_ERROR, path, 0,
			     "no bank to check the blueprint against (import its standard first)");
		rc = TK_EINPUT;
		goto out;
	}
	if ((rc = tk_bank_get_standard(b, bp->standard, &s, &err)) != TK_OK) {
		tk_diags_add(d, TK_DIAG_ERROR, path, bp->line, "%s", err.msg);
		goto out;
	}
	if ((rc = tk_blueprint_resolve(bp, s, d, &err)) != TK_OK)
		goto out;
	memset(&q, 0, sizeof q);
	q.standard = s->id;
	q.level = s->levels[bp->level_index].id;
	q.kind = tk_kind_name(bp->kind);
	if ((rc = tk_bank_load_items(b, &q, &set, &err)) != TK_OK) {
		tk_diags_add(d, TK_DIAG_ERROR, path, 0, "%s", err.msg);
		goto out;
	}
	tk_lint_blueprint(bp, s, set.items, set.n, d);
out:
	tk_itemset_free(&set);
	tk_standard_free(s);
	tk_blueprint_free(bp);
	return rc;
}

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
	if (strstr(data, "<glossary") && !strstr(data, "<items")) {
		struct tk_glossary *g = NULL;
		size_t before = d->nerrors;
		if ((rc = tk_glossary_parse(data, len, path, &g, d, &err)) != TK_OK &&
		    d->nerrors == before)
			tk_diags_add(d, TK_DIAG_ERROR, err.file, err.line, "%s", err.msg);
		tk_glossary_free(g);
		goto out;
	}
	if (strstr(data, "<blueprint") && !strstr(data, "<items")) {
		rc = lint_blueprint_file(path, data, len, b, d);
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
	{
		struct tk_glossary *g = NULL;
		if ((rc = tk_lint_load_glossary(b, s->id, &g, d, &err)) != TK_OK) {
			tk_diags_add(d, TK_DIAG_ERROR, path, 0, "%s", err.msg);
			goto out;
		}
		for (i = 0; i < set.n; i++) {
			tk_lint_item(s, set.items[i], d);
			tk_lint_item_words(s, g, set.items[i], d);
		}
		tk_glossary_free(g);
	}
	tk_lint_items_of(s, set.items, set.n, TK_LINT_IDS | TK_LINT_STEMS | TK_LINT_LEVELS, d);
out:
	tk_itemset_free(&set);
	tk_standard_free(s);
	free(data);
	return rc;
}

static int run_lint(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	const char *sid = NULL;
	int c, i, rc = TK_OK, errors_only = 0;

	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case CLI_K_STANDARD: sid = optarg; break;
		case K_ERRORS: errors_only = 1; break;
		default: return CLI_RESULT(c);
		}
	}
	/* items files need the bank's standard; a lone standard file does not */
	if (access(cli_bank_path, F_OK) == 0 && (rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if (optind == argc) {
		if (b == NULL) {
			tk_error_set(&err, TK_EINPUT, cli_bank_path, 0,
				     "no bank here (import a standard first, or name one with --bank)");
			return cli_fail(&err);
		}
		if (tk_lint_bank(b, sid, tk_lua_house_rules, b, &d, &err) != TK_OK)
			rc = cli_fail(&err);
	}
	for (i = optind; i < argc; i++) {
		int r = lint_file(argv[i], b, sid, &d);
		if (r == TK_EINTERNAL)
			rc = r;
	}
	cli_close_bank(b);
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
	printf(_("%zu errors, %zu warnings\n"), d.nerrors, d.nwarnings);
	rc = d.nerrors ? TK_FAIL : TK_OK;
	tk_diags_free(&d);
	return rc;
}

static const struct cli_opt lint_opts[] = {
	CLI_OPT_STANDARD,
	{"errors-only", K_ERRORS, NULL, N_("print errors, not warnings")},
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_lint = {
	"lint", run_lint, N_("check standards and items"), "[options] [FILE...]",
	N_("Check files (standards, items against the bank's standard, glossaries,\n"
	   "blueprints against the bank's items), or with no FILE the whole bank:\n"
	   "every standard and every item.  Prints 'file:line: error|warning:\n"
	   "message' lines and a count; exits 1 when there is any error.\n\n"
	   "Standards: weight-table columns sum to 100, rows map to what exists at\n"
	   "each level, names that differ, blank cells, duplicate codes, schemes\n"
	   "that disagree.  Items: one correct option for single choice, at least\n"
	   "two for multiple, answers name options, options non-empty and distinct,\n"
	   "codes exist at the item's level, rubrics add up, duplicate and\n"
	   "near-duplicate stems, items whose text (stem and options) is another's\n"
	   "but for one word, across levels too (warning), untagged items\n"
	   "(warning), missing explanations (warning).  With --standard only that\n"
	   "standard's items (bank), or the standard of items files.\n\n"
	   "Warnings a reviewer would give: straight quotes in a stem; a false\n"
	   "true/false statement with a cue word that gives it away -- the bank's\n"
	   "glossary lists them (<cues>), else the built-in list: 只要 只需 只是\n"
	   "一律 必须 绝对 立即 一定 所有 任何 一切 全部 完全 总是 从不 永远\n"
	   "越…越 无论…都 (… : both parts in one sentence); a form the bank's\n"
	   "glossary avoids (<term prefer=\"坐席\"><avoid>座席</avoid></term>),\n"
	   "in any text of an item; an item that copies the standard's description\n"
	   "of a level (it asks what the standard says, not what its code\n"
	   "requires); a stem at a higher level half or more like one of a lower\n"
	   "level (basics aside); in a bank with skill items for a level, a skill\n"
	   "code with fewer than 2 of them, too few for two forms that share none.\n"
	   "A blueprint: a section whose instructions keep other decimals than its\n"
	   "items ask for, or that speaks of calculation over items that are none.\n"),
	lint_opts, NULL, 0
};

/* ---- search ------------------------------------------------------------ */

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
	printf("%-24s ", row->id);
	cli_print_cell(stdout, row->level, 12, 1);
	printf(" %-6s %-9s %-8s ", row->kind, row->type, row->status);
	cli_print_cell(stdout, row->stem, 60, 0);
	putchar('\n');
	return 0;
}

static int run_search(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_query q;
	struct tk_error err = {0};
	struct tk_bank *b = NULL;
	struct tk_standard *s = NULL;
	struct search_out o = {0, 0};
	struct tk_buf text = TK_BUF_INIT;
	const char *level = NULL;
	long limit = 50;
	int c, rc, i;

	memset(&q, 0, sizeof q);
	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		if (query_option(&q, &level, c))
			continue;
		switch (c) {
		case 'n':
			if (cli_long(cmd, "--limit", optarg, 0, 1000000000, &limit) < 0)
				return TK_EUSAGE;
			break;
		case K_COUNT: o.count_only = 1; break;
		default: return CLI_RESULT(c);
		}
	}
	q.limit = o.count_only ? 0 : (int)limit;
	for (i = optind; i < argc; i++) {
		if (i > optind)
			tk_buf_putc(&text, ' ');
		tk_buf_puts(&text, argv[i]);
	}
	q.text = text.s;
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		goto out;
	/* a search over every standard needs none named, unless a level does */
	if (level || q.standard) {
		if ((rc = query_check(cmd, b, &q, level, &s)) != TK_OK)
			goto out;
	} else if ((rc = query_values(cmd, &q)) != TK_OK) {
		goto out;
	}
	if (o.count_only) {
		if ((rc = tk_bank_count(b, &q, &o.n, &err)) != TK_OK)
			rc = cli_fail(&err);
		else
			printf("%ld\n", o.n);
		goto out;
	}
	if ((rc = tk_bank_query(b, &q, search_row, &o, &err)) != TK_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	/* a list cut short says so, wherever the output goes: the rest exists */
	if (q.limit && o.n == q.limit) {
		long total = o.n;
		if ((rc = tk_bank_count(b, &q, &total, &err)) != TK_OK) {
			rc = cli_fail(&err);
			goto out;
		}
		if (total > o.n)
			fprintf(stderr, _("%ld of %ld shown (-n 0 for all)\n"), o.n, total);
		else if (isatty(STDOUT_FILENO))
			fprintf(stderr, _("%ld items\n"), o.n);
	} else if (isatty(STDOUT_FILENO) || o.n == 0) {
		fprintf(stderr, _("%ld items\n"), o.n);
	}
out:
	tk_standard_free(s);
	tk_buf_free(&text);
	cli_close_bank(b);
	return rc;
}

static const struct cli_opt search_opts[] = {
	CLI_OPT_STANDARD, CLI_OPT_LEVEL, CLI_OPT_KIND, CLI_OPT_TYPE, CLI_OPT_STATUS,
	CLI_OPT_CODE, OPT_UNTAGGED,
	{"limit", 'n', "N", N_("at most N results (default 50, 0 = all); a list cut short says how many there are")},
	{"count", K_COUNT, NULL, N_("print only the number of matches")},
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_search = {
	"search", run_search, N_("full-text search with filters"), "[options] [TEXT...]",
	N_("Find items whose stem, options or keywords contain every word of TEXT\n"
	   "(Chinese words of any length, 坐席 and 投诉 included), filtered by the\n"
	   "options.  With no TEXT, list the items the filters match.\n\n"
	   "--untagged lists the items without a requirement code: drafts, as an\n"
	   "import of a paste without 知识点/代码 brings them in, that are never\n"
	   "reviewed, approved or drawn into a paper until tagged (tiku suggest\n"
	   "ranks the codes for them; tiku tag ID --accept takes the first).\n"),
	search_opts, NULL, 0
};

/* ---- coverage ---------------------------------------------------------- */

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

static void print_areas(const struct tk_standard *s, const struct tk_coverage *cov, int k)
{
	char a[16], bb[16];
	int i;

	printf("\n");
	cli_print_cell(stdout, _("area"), 20, 1);
	cli_print_right(stdout, _("weight"), 7);
	cli_print_right(stdout, _("need"), 9);
	cli_print_right(stdout, _("supply"), 9);
	printf("  %s\n", _("items"));
	for (i = 0; i < cov->nareas; i++) {
		const struct tk_cov_area *ar = &cov->areas[i];
		cli_print_cell(stdout, s->weights[k].areas[ar->area].name, 20, 1);
		printf(" %5d%% %8s %8s  ", ar->weight, tk_points_format(ar->need, a),
		       tk_points_format(ar->n.points, bb));
		if (ar->n.points < ar->need)
			printf("%s ", _("SHORT"));
		printf(_("%d items"), ar->n.items);
		printf(" (");
		print_counts(&ar->n);
		printf(")\n");
	}
	if (cov->unmapped.items) {
		cli_print_cell(stdout, _("(none)"), 20, 1);
		printf(" %6s %8s %8s  ", "", "", tk_points_format(cov->unmapped.points, a));
		printf(_("%d items whose first code counts in no area"), cov->unmapped.items);
		printf("\n");
	}
}

static void print_codes(const struct tk_coverage *cov, int gaps_only)
{
	int i;

	printf("\n");
	cli_print_cell(stdout, _("code"), 8, 1);
	printf(" ");
	cli_print_cell(stdout, _("requirement"), 40, 1);
	printf(" %s\n", _("items"));
	for (i = 0; i < cov->ncodes; i++) {
		const struct tk_cov_code *cc = &cov->codes[i];
		int basic = cc->req->type == TK_REQ_BASIC;
		char code[32];
		if (gaps_only && cc->n.items)
			continue;
		snprintf(code, sizeof code, "%s%s", basic ? "B" : "", cc->req->code);
		printf("%-8s ", code);
		cli_print_cell(stdout, cc->req->text, 40, 1);
		if (cc->n.items == 0) {
			printf(" %s\n", _("GAP: no items"));
			continue;
		}
		printf(" %d (", cc->n.items);
		print_counts(&cc->n);
		printf(")\n");
	}
}

static int run_coverage(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_error err = {0};
	struct tk_bank *b = NULL;
	struct tk_standard *s = NULL;
	struct tk_coverage *cov = NULL;
	const char *sid = NULL, *level = NULL, *kind = NULL;
	int c, rc, strict = 0, eligible = TK_APPROVED, gaps_only = 0, l, k;
	long points = 100;

	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case CLI_K_STANDARD: sid = optarg; break;
		case CLI_K_LEVEL: level = optarg; break;
		case CLI_K_KIND: kind = optarg; break;
		case K_STRICT: strict = 1; break;
		case K_POINTS:
			if (cli_long(cmd, "--points", optarg, 1, 10000, &points) < 0)
				return TK_EUSAGE;
			break;
		case CLI_K_STATUS:
			if ((eligible = tk_status_parse(optarg)) < 0)
				return cli_usage(cmd, _("unknown status '%s'"), optarg);
			break;
		case K_GAPS: gaps_only = 1; break;
		default: return CLI_RESULT(c);
		}
	}
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if (level == NULL || kind == NULL)
		return cli_usage(cmd, "%s", _("--level and --kind are required"));
	if ((k = tk_kind_parse(kind)) < 0)
		return cli_usage(cmd, _("unknown kind '%s' (theory or skill)"), kind);
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if ((rc = cli_standard(b, sid, &s)) != TK_OK)
		goto out;
	if ((l = cli_level(cmd, s, level)) < 0) {
		rc = TK_EUSAGE;
		goto out;
	}
	if ((rc = tk_coverage_compute(b, s, l, k, (int)points, eligible, &cov, &err)) != TK_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	printf("%s %s %s: ", s->title, s->levels[l].name, tk_kind_name(k));
	printf(k == TK_THEORY ? _("theory paper of %ld points, supply counts %s items\n")
	       : _("skill paper of %ld points, supply counts %s items\n"),
	       points, tk_status_name(eligible));
	if (!cov->has_table) {
		printf("\n");
		printf(_("the standard has no %s weight table (权重表): no area targets to cover\n"),
		       tk_kind_name(k));
	} else if (!gaps_only) {
		print_areas(s, cov, k);
	}
	print_codes(cov, gaps_only);
	printf("\n");
	printf(_("%d of %d codes have no items"), cov->gaps, cov->ncodes);
	if (cov->has_table) {
		printf("; ");
		printf(_("%d of %d areas cannot supply a %ld-point paper"), cov->short_areas,
		       cov->nareas, points);
	}
	printf("\n");
	if (strict && (cov->short_areas || !cov->has_table))
		rc = TK_FAIL;
out:
	tk_coverage_free(cov);
	tk_standard_free(s);
	cli_close_bank(b);
	return rc;
}

static const struct cli_opt coverage_opts[] = {
	CLI_OPT_STANDARD, CLI_OPT_LEVEL, CLI_OPT_KIND,
	{"strict", K_STRICT, NULL, N_("exit 1 when an area cannot be filled (or there is no table)")},
	{"points", K_POINTS, "N", N_("paper size (default 100)")},
	{"status", CLI_K_STATUS, "S", N_("status that counts as supply (default approved)")},
	{"gaps", K_GAPS, NULL, N_("list only the codes without items")},
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_coverage = {
	"coverage", run_coverage, N_("what the bank supplies against the weight table"),
	"--level L --kind theory|skill [options]",
	N_("For each weight-table area: its weight, the points a paper needs, the\n"
	   "points the bank's approved items supply, items by type and status.\n"
	   "For each requirement code: items by type and status; GAP where none.\n"),
	coverage_opts, NULL, 0
};

/* ---- standard ---------------------------------------------------------- */

static int run_standard_list(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_error err = {0};
	struct tk_bank *b = NULL;
	char **ids = NULL, *def = NULL;
	int done, rc = cli_no_options(cmd, argc, argv, &done), n = 0, i, l;

	if (done)
		return rc;
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if ((rc = tk_bank_standards(b, &ids, &n, &err)) != TK_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	if (tk_bank_default_standard(b, &def, &err) != TK_OK)
		def = NULL;
	for (i = 0; i < n; i++) {
		struct tk_standard *s = NULL;
		if ((rc = cli_standard(b, ids[i], &s)) != TK_OK)
			break;
		printf("%s %-20s ", def && !strcmp(def, ids[i]) ? "*" : " ", ids[i]);
		for (l = 0; l < s->nlevels; l++)
			printf("%s%s (%s)", l ? ", " : "", s->levels[l].name, s->levels[l].id);
		printf("  %s\n", s->title);
		tk_standard_free(s);
	}
out:
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	free(def);
	cli_close_bank(b);
	return rc;
}

static int run_standard_default(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_error err = {0};
	struct tk_bank *b = NULL;
	char *def = NULL;
	int done, rc = cli_no_options(cmd, argc, argv, &done);

	if (done)
		return rc;
	if (argc - optind > 1)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind + 1]);
	if ((rc = cli_open_bank(TK_BANK_READ, &b)) != TK_OK)
		return rc;
	if (optind == argc) {
		if ((rc = tk_bank_default_standard(b, &def, &err)) == TK_OK)
			printf("%s\n", def);
		else
			rc = cli_fail(&err);
	} else if ((rc = tk_bank_set_default_standard(b, strcmp(argv[optind], "-") ?
						      argv[optind] : NULL, &err)) != TK_OK) {
		rc = cli_fail(&err);
	}
	free(def);
	cli_close_bank(b);
	return rc;
}

static const struct cli_cmd standard_list = {
	"standard list", run_standard_list, N_("the standards in the bank"), "",
	N_("List the bank's standards: id, levels (name and id) and title; '*'\n"
	   "marks the one commands work on when none is named.\n"),
	NULL, NULL, 0
};

static const struct cli_cmd standard_default = {
	"standard default", run_standard_default, N_("show or set the bank's default standard"),
	"[ID | -]",
	N_("Without ID, print the standard commands work on when none is named:\n"
	   "--standard, else $TIKU_STANDARD, else the bank's default, else the\n"
	   "bank's only standard (a standard without coded requirements, which\n"
	   "cannot hold items, does not count).  With ID, store it as the bank's\n"
	   "default; '-' forgets the default.\n"),
	NULL, NULL, 0
};

static const struct cli_cmd *const standard_subs[] = {&standard_list, &standard_default, NULL};

const struct cli_cmd cli_cmd_standard = {
	"standard", NULL, N_("the bank's standards, and which one commands use"), NULL,
	N_("The standards in the bank, and the default one.\n"), NULL, standard_subs, 0
};
