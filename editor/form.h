/*
 * form.h -- one item as a plain-text form for the author's own editor,
 * and back (what `tiku new` and `tiku edit` open).
 *
 * The form is the layout the text importer reads (text.c), with comments
 * (lines whose first character is #) explaining it, a header of fields
 * above the item and, for items marked by a rubric, a 评分标准 section:
 *
 *     # 编辑下面的试题，保存并退出后提交 ...
 *     编号：kf-junior-theory-1.1.2-001
 *     题型：单选题
 *     等级：初级
 *     ...
 *
 *     1. 坐席接听客户来电时，标准开头语应当包含（　）。
 *     A. 问候语、工号与服务意愿
 *     B. ...
 *     答案：A
 *     解析：...
 *     评分标准：
 *     - (4分) 开头语、结束语规范
 *
 * Rich text (tables, lists, images) shows as plain text.  Reading a form
 * keeps the rich text of the original item wherever its plain text was
 * not edited, so writing a form and reading it back gives the item
 * unchanged.  A line of multi-line text that would read as something
 * else (a number, an option letter, a field, a comment) is written with
 * a \ in front, which reading removes.
 */
#ifndef TK_FORM_H
#define TK_FORM_H

#include <stddef.h>

#include "diag.h"
#include "item.h"
#include "standard.h"
#include "tiku.h"
#include "util.h"

/*
 * Append the form of it to out (the caller's buffer; the caller frees it
 * with tk_buf_free).  s (may be NULL) names the level; without it the
 * level is shown as stored.  Returns TK_OK, or TK_EINTERNAL when out of
 * memory (out->oom is then set).
 */
int tk_form_write(const struct tk_item *it, const struct tk_standard *s,
		  struct tk_buf *out);

/*
 * Read a saved form (text need not be NUL-terminated) into a new item:
 * on TK_OK *out is the caller's, freed with tk_item_free().
 *
 * orig is the item the form was written from (may be NULL): header lines
 * the author deleted take orig's values; rich text whose plain text is
 * unchanged is orig's; fields the form does not show (enemies, stats,
 * version, standard) are orig's.  When orig was stored (version > 0) its
 * id cannot change: a changed 编号 is an error.  s (may be NULL) tells
 * whether a level name means orig's level.
 *
 * The item's file is NULL and its line is the form line of "1.", so that
 * further checks (lint) point into the form.
 *
 * Returns TK_EINPUT with every problem in d (may be NULL), each an error
 * whose line is a line of the form, the first also in err; TK_FAIL with
 * "empty form: aborted" in err when the form holds only comments and
 * blank lines; TK_EINTERNAL when out of memory.
 */
int tk_form_read(const char *text, size_t len, const struct tk_item *orig,
		 const struct tk_standard *s, struct tk_item **out,
		 struct tk_diags *d, struct tk_error *err);

#endif
