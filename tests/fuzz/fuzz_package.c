/* fuzz_package.c -- reading a package archive (zip or tar.gz), which
   refuses anything hostile before a file is accepted. */
#include "fuzz.h"
#include "pack.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) { (void)argc; (void)argv; return 0; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_unpack_file *files = NULL;
	struct tk_error err = {0};
	int n = 0;

	if (tk_pack_read(data, size, NULL, &files, &n, &err) == TK_OK)
		tk_unpack_free(files, n);
	return 0;
}
