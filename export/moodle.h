/*
 * moodle.h -- items as Moodle XML, the question format Moodle imports
 * into its question bank (docs.moodle.org, "Moodle XML format").
 *
 * Each item becomes one question: single and multiple choice as
 * multichoice, true/false as truefalse, a fill item with one blank as
 * shortanswer and with several as cloze, short, case and task items as
 * essay with the rubric and reference answer as grader information.
 * Questions are filed in categories $course$/standard/level/function;
 * codes and keywords become tags, the explanation general feedback,
 * images embedded files.
 */
#ifndef TK_MOODLE_H
#define TK_MOODLE_H

#include "itemfmt.h"

/*
 * Append the quiz document of items[0..n) to out.  What Moodle cannot
 * carry (a multiple choice item's all-or-nothing marking) is a warning
 * in o->diags.  TK_EINPUT for an item whose image cannot be had (err
 * says which); nothing useful is in out then.
 */
int tk_moodle_write(struct tk_buf *out, struct tk_item *const *items, size_t n,
		    const struct tk_itemfmt_opts *o, struct tk_error *err);

#endif
