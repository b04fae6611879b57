/*
 * pngdiff -- compare two page images within a tolerance, for the layout
 * regression tests: anti-aliasing may move a grey level here and there,
 * but text that overlaps, moves or disappears changes many pixels.
 *
 *   pngdiff EXPECTED.png ACTUAL.png [MAX_PERCENT]
 *
 * Exit 0 when the sizes agree and at most MAX_PERCENT (default 0.5) of
 * the pixels differ by more than 64 levels in any channel; else 1.
 */
#include <stdio.h>
#include <stdlib.h>

#include <cairo.h>

static cairo_surface_t *load(const char *path)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(path);

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "pngdiff: %s: %s\n", path,
			cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return NULL;
	}
	cairo_surface_flush(s);
	return s;
}

static int channel_diff(unsigned int a, unsigned int b)
{
	int d = 0, k;

	for (k = 0; k < 32; k += 8) {
		int x = (int)((a >> k) & 255) - (int)((b >> k) & 255);
		if (abs(x) > d)
			d = abs(x);
	}
	return d;
}

int main(int argc, char **argv)
{
	cairo_surface_t *a, *b;
	double max = argc > 3 ? atof(argv[3]) : 0.5, pct;
	long differ = 0;
	int w, h, x, y, rc = 1;

	if (argc < 3) {
		fprintf(stderr, "usage: pngdiff EXPECTED.png ACTUAL.png [MAX_PERCENT]\n");
		return 2;
	}
	a = load(argv[1]);
	b = load(argv[2]);
	if (a == NULL || b == NULL)
		goto out;
	w = cairo_image_surface_get_width(a);
	h = cairo_image_surface_get_height(a);
	if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b)) {
		fprintf(stderr, "pngdiff: %s is %dx%d, %s is %dx%d\n", argv[1], w, h, argv[2],
			cairo_image_surface_get_width(b), cairo_image_surface_get_height(b));
		goto out;
	}
	for (y = 0; y < h; y++) {
		const unsigned int *ra = (const unsigned int *)(cairo_image_surface_get_data(a) +
			(size_t)y * (size_t)cairo_image_surface_get_stride(a));
		const unsigned int *rb = (const unsigned int *)(cairo_image_surface_get_data(b) +
			(size_t)y * (size_t)cairo_image_surface_get_stride(b));
		for (x = 0; x < w; x++)
			if (channel_diff(ra[x], rb[x]) > 64)
				differ++;
	}
	pct = 100.0 * (double)differ / ((double)w * h);
	printf("%s: %ld of %d pixels differ (%.3f%%, at most %.3f%%)\n", argv[2], differ, w * h,
	       pct, max);
	rc = pct <= max ? 0 : 1;
out:
	if (a)
		cairo_surface_destroy(a);
	if (b)
		cairo_surface_destroy(b);
	return rc;
}
