/*
 * qti.h -- items as an IMS QTI 2.1 content package: the zip that QTI
 * tools and LMSs import (IMS QTI 2.1 and IMS Content Packaging 1.1).
 *
 *   imsmanifest.xml      one imsqti_item_xmlv2p1 resource per item, with
 *                        its LOM: title, keywords, an open item's type
 *                        (learningresourcetype of source "tiku"),
 *                        difficulty, expected time, and the standard's
 *                        level, kind and codes as a classification
 *                        (taxon path level -> theory|skill -> code)
 *   items/ID.xml         one assessmentItem per item
 *   media/NAME           the images items show
 *
 * Items: single choice and true/false as choiceInteraction (maxChoices
 * 1), multiple choice as choiceInteraction scored only when every right
 * option and no other is chosen, fill items as one textEntryInteraction
 * per gap (every accepted text mapped; scored when every blank is
 * right), short, case and task items as extendedTextInteraction with the
 * reference answer and rubric in a rubricBlock for scorers.  SCORE gets
 * the item's points; MAXSCORE holds them; the explanation is modal
 * feedback shown after an attempt.
 */
#ifndef TK_QTI_H
#define TK_QTI_H

#include "itemfmt.h"

/*
 * Append the package of items[0..n) (a deterministic zip) to out.
 * TK_EINPUT naming the item when an image cannot be had.
 */
int tk_qti_package(struct tk_item *const *items, size_t n, const struct tk_itemfmt_opts *o,
		   struct tk_buf *out, struct tk_error *err);

#endif
