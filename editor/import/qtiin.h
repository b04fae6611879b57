/*
 * qtiin.h -- reading IMS QTI 2.1 and 3.0: a content package (a zip with
 * imsmanifest.xml at its root or in its one folder, or such a manifest
 * in an unpacked folder) or a single assessmentItem file, as tiku's own
 * export (export/qti.h) and other tools write them.
 *
 * Items: a choiceInteraction becomes a single or multiple choice item
 * (two choices read as true and false, 正确/错误, ..., a true/false
 * item), textEntryInteractions a fill item (each a gap where it stands,
 * its accepted texts from the correct response and the mapping's
 * entries of positive value; entries alone in a paragraph are blanks
 * below the stem), an extendedTextInteraction an open item (short, or
 * the type the manifest's LOM names) with the reference answer and the
 * rubric from its rubricBlock for scorers (a fill item's rubric too); a
 * skill task's materials from a proctor's block as tiku writes it.  The
 * stem is the item body's XHTML with the prompts (htmlin.h); one
 * modalFeedback is the explanation; points come from MAXSCORE (else
 * SCORE's normalMaximum, else the largest score response processing
 * sets).  QTI 3.0 names (qti-choice-interaction, response-identifier)
 * are read as QTI 2.1's.  A manifest of many items is read by two
 * threads, a block of items at a time, while it is still being read.
 *
 * A resource's LOM gives the level, kind and codes (a taxon path
 * level -> theory|skill -> code, as the export writes it; a code-like
 * keyword counts too), keywords, difficulty, expected time and an open
 * item's type; the id is the item's identifier (or its title when the
 * identifier is the title made an NCName).  Images inside the package
 * (or beside a file read from disk), and data: URIs, are kept in the
 * bank when PNG or JPEG.
 *
 * Any other interaction (hotspot, match, order, ...), an item of several
 * interactions, a root element outside QTI 2.x's or 3.0's namespace, a
 * resource the package lacks or whose href leads out of it refuse the
 * item, named by its identifier and its file:line.
 */
#ifndef TK_QTIIN_H
#define TK_QTIIN_H

#include "importer.h"

/* The QTI versions the reader accepts (--format qti21, qti30, qti). */
enum { TK_QTI_ANY, TK_QTI_21, TK_QTI_30 };

/*
 * Where files named by a manifest or an item are read when the input is
 * not a zip (a manifest or an item file on disk): read puts the bytes
 * of path (relative, '/'-separated, never leading up: the reader checks)
 * into *data (caller frees; NUL-terminated) and returns TK_OK, TK_FAIL
 * when there is no such file or it is larger than max bytes, another
 * status with err set when it cannot tell.
 */
struct tk_qtiin_files {
	int (*read)(void *ud, const char *path, size_t max, char **data, size_t *len,
		    struct tk_error *err);
	void *ud;
};

/*
 * Read data (len bytes: a zip, or XML: a manifest or an assessmentItem)
 * into set by the contract of tk_csv_parse: every item that cannot be
 * read goes to diags named by its identifier and file:line ("NAME" for
 * a single file, "NAME:PATH" for a file inside a zip).  version holds
 * the reader to one version (TK_QTI_21: 2.1, or 2.2, which reads the
 * same); files may be NULL.  The images the items show go to images
 * (the caller's, tk_import_images_free, also after an error).  An input
 * that is no QTI at all (not a zip or XML, no manifest, a hostile
 * archive, no item in the package) is one error, TK_EINPUT.
 */
int tk_qtiin_parse(const void *data, size_t len, const char *name, int version,
		   const struct tk_qtiin_files *files, const struct tk_import_defaults *def,
		   struct tk_itemset *set, struct tk_import_images *images,
		   struct tk_diags *diags, struct tk_error *err);

#endif
