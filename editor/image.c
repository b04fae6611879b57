/* image.c -- images kept in the bank: their types, names and lookup. */
#include <string.h>

#include "image.h"

int tk_image_type(const void *data, size_t len)
{
	const unsigned char *p = data;

	if (len >= 24 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8) && !memcmp(p + 12, "IHDR", 4))
		return TK_IMAGE_PNG;
	/* SOI, then a marker: every JPEG (JFIF, Exif, raw) starts so */
	if (len >= 4 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return TK_IMAGE_JPEG;
	return TK_IMAGE_NONE;
}

const char *tk_image_type_name(int type)
{
	return type == TK_IMAGE_PNG ? "png" : type == TK_IMAGE_JPEG ? "jpeg" : NULL;
}

void tk_image_name(const void *data, size_t len, int type, char name[TK_IMAGE_NAME])
{
	char hex[65];

	tk_sha256_hex(data, len, hex);
	memcpy(name, hex, 64);
	strcpy(name + 64, type == TK_IMAGE_JPEG ? ".jpg" : ".png");
}

int tk_image_is_name(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return !strcmp(s + 64, ".png") || !strcmp(s + 64, ".jpg");
}

int tk_image_lookup(const struct tk_image_store *store, const char *src,
		    struct tk_buf *data, int *type, struct tk_error *err)
{
	int rc;

	*type = TK_IMAGE_NONE;
	if (store == NULL || store->get == NULL || !tk_image_is_name(src))
		return TK_FAIL;
	tk_buf_reset(data);
	if ((rc = store->get(store->ud, src, data, err)) != TK_OK)
		return rc;
	if (data->oom)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	*type = tk_image_type(data->s, data->len);
	if (*type == TK_IMAGE_NONE || data->len > TK_IMAGE_MAX)
		return tk_error_set(err, TK_EINPUT, NULL, 0,
				    "the bank's image '%s' is not a PNG or JPEG image", src);
	return TK_OK;
}
