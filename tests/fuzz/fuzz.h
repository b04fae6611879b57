/*
 * fuzz.h -- what the libFuzzer harnesses share (make fuzz): each
 * tests/fuzz/fuzz_NAME.c feeds its input to one reader of outside input,
 * which must refuse or accept it without a crash, a leak or undefined
 * behaviour (clang, ASan + UBSan).  They run from the top of the tree.
 */
#ifndef TK_FUZZ_H
#define TK_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "importer.h"
#include "standard.h"
#include "tiku.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The test standard of tests/data/std (levels, codes, weights), loaded once. */
static inline struct tk_standard *fuzz_standard(void)
{
	static struct tk_standard *s;
	struct tk_error err = {0};

	if (s == NULL && tk_standard_load("tests/data/std/mini.xml", &s, NULL, &err) != TK_OK)
		abort();        /* run from the top of the tree */
	return s;
}

/* What import gives the readers of rows: the test standard, drafts. */
static inline void fuzz_defaults(struct tk_import_defaults *def)
{
	memset(def, 0, sizeof *def);
	def->std = fuzz_standard();
	def->standard = def->std->id;
	def->status = "draft";
}

/* The input as a NUL-terminated string (the caller frees). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
