/*
 * i18n.h -- messages people read go through GNU gettext (the "tiku"
 * domain), so that the program speaks the language of the locale.
 *
 * _(s) translates now; N_(s) only marks s for extraction, for strings in
 * static tables that are translated where they are printed.  The format
 * strings of tk_error_set() and tk_diags_add() are translated by those
 * functions themselves (and extracted by keyword), so call sites pass
 * plain literals.  Output meant for programs (XML, CSV, JSON, ids) is
 * never translated.
 */
#ifndef TK_I18N_H
#define TK_I18N_H

#include <libintl.h>

#define TK_DOMAIN "tiku"
#define _(s) dgettext(TK_DOMAIN, s)
#define N_(s) (s)
/* singular or plural by n, as the language has them */
#define P_(s, p, n) dngettext(TK_DOMAIN, s, p, (unsigned long)(n))

/*
 * Set the locale from the environment and find the translations:
 * $TIKU_LOCALEDIR, else locale/ beside the executable or in the build
 * tree it was built in, else the compiled-in default.  Safe to call more
 * than once.
 */
void tk_i18n_init(void);

/* Display width of the first n bytes of UTF-8 text s: CJK characters and
 * full-width forms take two columns, so tables line up in a terminal. */
int tk_display_width(const char *s, size_t n);

#endif
