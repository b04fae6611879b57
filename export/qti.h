/*
 * qti.h -- items and papers as IMS QTI content packages: the zip that
 * QTI tools and LMSs import, in QTI 2.1 (with IMS Content Packaging 1.1
 * and LOM as imsmd 1.2) or QTI 3.0 (its own packaging namespace, LOM
 * 1.3 and QTI metadata).  The two versions say the same things in two
 * vocabularies: one walk writes both.
 *
 *   imsmanifest.xml      one item resource per item (imsqti_item_xmlv2p1
 *                        or imsqti_item_xmlv3p0), with its LOM: title,
 *                        keywords, an open item's type (a
 *                        learningresourcetype of source "tiku"),
 *                        difficulty, expected time, and the standard's
 *                        level, kind and codes as a classification (taxon
 *                        path level -> theory|skill -> code); a paper's
 *                        test as a test resource depending on its items
 *   items/ID.xml         one assessmentItem (qti-assessment-item) per item
 *   media/NAME           the images items show, named by their content
 *   PAPER.xml            a paper: its assessmentTest (qti-assessment-test)
 *
 * Items: single choice and true/false as choiceInteraction (maxChoices
 * 1), multiple choice as choiceInteraction scored only when every right
 * option and no other is chosen, fill items as one textEntryInteraction
 * per gap (every accepted text mapped; scored when every blank is
 * right), short, case and task items as extendedTextInteraction with the
 * reference answer and rubric in a rubric block for scorers, and a
 * skill task's materials in one for the proctor.  SCORE gets the item's
 * points; MAXSCORE holds them; the explanation is modal feedback shown
 * after an attempt.  What QTI cannot carry is a warning in o->diags.
 */
#ifndef TK_QTI_H
#define TK_QTI_H

#include "itemfmt.h"
#include "paper.h"

enum { TK_QTI21, TK_QTI30 };

/*
 * Append the package of items[0..n) in QTI version (TK_QTI21 or
 * TK_QTI30), a deterministic zip, to out.  Items are filed as
 * tk_itemfmt_each orders them.  TK_EINPUT naming the item when an image
 * cannot be had.
 */
int tk_qti_package(struct tk_item *const *items, size_t n, int version,
		   const struct tk_itemfmt_opts *o, struct tk_buf *out, struct tk_error *err);

/*
 * Append the package of paper p: its assessment test (one test part,
 * the paper's sections in order, each item by reference, the paper's
 * duration as the time limit, the test's SCORE the sum of its items')
 * and its items, each worth the points the paper gives it.
 */
int tk_qti_paper(const struct tk_paper *p, int version, const struct tk_itemfmt_opts *o,
		 struct tk_buf *out, struct tk_error *err);

#endif
