/*
 * fuzz_qti.c -- QTI 2.1 and 3.0 items and packages.  An input that is a
 * zip ("PK") is read as a package as it is; one with NUL bytes is the
 * parts of a package, separated by them -- imsmanifest.xml, two items
 * and a picture -- zipped here, so that mutations reach the manifest and
 * item readers rather than dying in deflate; any other input is one file,
 * an item or a manifest.
 */
#include "fuzz.h"
#include "pack.h"
#include "qtiin.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_standard();
	return 0;
}

static void parse(const void *data, size_t size)
{
	struct tk_import_defaults def;
	struct tk_itemset set = {0};
	struct tk_import_images images = {0};
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};

	fuzz_defaults(&def);
	def.level = "五级";
	def.code = "2.1.1";
	tk_qtiin_parse(data, size, "fuzz.zip", TK_QTI_ANY, NULL, &def, &set, &images, &d, &err);
	tk_import_images_free(&images);
	tk_itemset_free(&set);
	tk_diags_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"imsmanifest.xml", "items/a.xml", "items/b.xml",
					    "media/a.png"};
	struct tk_unpack_file files[4];
	struct tk_buf zip = TK_BUF_INIT;
	struct tk_error err = {0};
	size_t start = 0, i;
	int n = 0;

	if ((size >= 2 && data[0] == 'P' && data[1] == 'K') || memchr(data, '\0', size) == NULL) {
		parse(data, size);
		return 0;
	}
	for (i = 0; i <= size && n < 4; i++) {
		if (i < size && data[i] != '\0')
			continue;
		files[n].name = strdup(names[n]);
		files[n].len = i - start;
		files[n].data = malloc(files[n].len + 1);
		if (files[n].name == NULL || files[n].data == NULL)
			abort();
		memcpy(files[n].data, data + start, files[n].len);
		files[n].data[files[n].len] = '\0';
		n++;
		start = i + 1;
	}
	if (tk_pack_archive(files, n, TK_PACK_ZIP, &zip, &err) == TK_OK)
		parse(zip.s, zip.len);
	for (i = 0; i < (size_t)n; i++) {
		free(files[i].name);
		free(files[i].data);
	}
	tk_buf_free(&zip);
	return 0;
}
