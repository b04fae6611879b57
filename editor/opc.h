/*
 * opc.h -- names inside the packages of Word and Excel files (Open
 * Packaging Conventions, ECMA-376 part 2): where a part's relationships
 * are, and which part a relationship's target names.  The readers of
 * .docx and .xlsx files and the writer of Word papers share them.
 */
#ifndef TK_OPC_H
#define TK_OPC_H

/*
 * The part a relationship of part `from` names by target: taken from
 * from's folder ("media/a.png" from "word/document.xml" is
 * "word/media/a.png"; a from ending in '/' is a folder itself), or from
 * the package's root when it starts with '/'; "." and ".." folded.
 * Caller frees; NULL when it leads out of the package or memory ran out.
 */
char *tk_opc_resolve(const char *from, const char *target);

/* The part holding part's relationships: "word/document.xml" ->
   "word/_rels/document.xml.rels".  Caller frees; NULL: out of memory. */
char *tk_opc_rels_name(const char *part);

#endif
