/*
 * docx.h -- items from Word documents (.docx, as Word, WPS and
 * LibreOffice write them): the paragraphs, with the numbers Word shows
 * for auto-numbered lists ("1." "1、" "（1）" "一、"), tables and the
 * pictures, read as blocks by the layout of the plain-text reader
 * (tk_text_read), which finds the items in them.
 */
#ifndef TK_DOCX_H
#define TK_DOCX_H

#include "importer.h"

/*
 * Read the Word document data (len bytes, the .docx file) into set, by
 * the contract of tk_csv_parse; each message names name and the
 * paragraph (the Nth w:p of the document, counting from 1, tables'
 * included) in its line.  The pictures the items show (PNG or JPEG) go
 * to images, each once, as <img src="NAME"> names them; a picture of
 * another type refuses the item it is in.  A file that is no Word
 * document (not a zip, no word/document.xml, a hostile archive) is one
 * error in diags, TK_EINPUT.  images is the caller's
 * (tk_import_images_free), also after an error.
 */
int tk_docx_parse(const void *data, size_t len, const char *name,
		  const struct tk_import_defaults *def, struct tk_itemset *set,
		  struct tk_import_images *images, struct tk_diags *diags,
		  struct tk_error *err);

#endif
