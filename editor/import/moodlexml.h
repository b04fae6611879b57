/*
 * moodlexml.h -- reading Moodle XML, the question format a Moodle site
 * exports: multichoice (single and multiple), truefalse, shortanswer,
 * cloze of short-answer blanks, and essay questions become items; their
 * HTML text becomes rich text (htmlin.h).
 *
 * Fields come from where tiku's own export puts them and where a Moodle
 * site keeps them: codes from tags that are codes of the standard,
 * keywords from the other tags, the level from a category named after
 * one of the standard's levels (or --level), difficulty, kind, time and
 * an essay's type from tiku-* tags, points from defaultgrade, the
 * explanation from the general feedback, an essay's reference answer
 * and rubric from its grader information.  Images embedded as files are
 * not stored (items name image files beside them): each is reported.
 */
#ifndef TK_MOODLEXML_H
#define TK_MOODLEXML_H

#include "importer.h"

/*
 * Same contract as tk_csv_parse: every question that cannot become an
 * item goes to diags with its line and name; the others to set.
 */
int tk_moodlexml_parse(const char *data, size_t len, const char *name,
		       const struct tk_import_defaults *def, struct tk_itemset *set,
		       struct tk_diags *diags, struct tk_error *err);

#endif
