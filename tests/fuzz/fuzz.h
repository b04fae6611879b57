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
#include "item.h"
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

/*
 * The input through a reader of rows (tk_csv_parse's contract) as import
 * hands it over: converted to UTF-8 (detected), with the defaults above
 * and level when given.
 */
typedef int (*fuzz_reader)(const char *data, size_t len, const char *name,
			   const struct tk_import_defaults *def, struct tk_itemset *set,
			   struct tk_diags *diags, struct tk_error *err);

static inline void fuzz_rows(fuzz_reader read, const char *level, const char *name,
			     const uint8_t *data, size_t size)
{
	struct tk_import_defaults def;
	struct tk_itemset set = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	char *utf8 = NULL;
	size_t len;

	fuzz_defaults(&def);
	def.level = level;
	if (tk_to_utf8((const char *)data, size, NULL, name, &utf8, &len, &err) == TK_OK)
		read(utf8, len, name, &def, &set, &d, &err);
	free(utf8);
	tk_itemset_free(&set);
	tk_diags_free(&d);
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
