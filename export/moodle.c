/* moodle.c -- items as Moodle XML questions. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "html.h"
#include "i18n.h"
#include "moodle.h"

struct mfile {
	char *name, *b64;
};

struct mw {
	struct tk_buf *out;
	const struct tk_itemfmt_opts *o;
	const struct tk_item *it;
	struct tk_error *err;
	struct mfile *files;            /* of the field being written */
	int nfiles;
	struct tk_buf url;
	struct tk_itemfmt_blanks blanks;        /* cloze: the item's blanks */
	int gaps;                       /* gaps written so far */
};

/* XML text: the HTML of a field, or a name, escaped once more. */
static void esc(struct tk_buf *b, const char *s)
{
	tk_html_escape(b, s ? s : "");
}

static void files_clear(struct mw *w)
{
	int i;

	for (i = 0; i < w->nfiles; i++) {
		free(w->files[i].name);
		free(w->files[i].b64);
	}
	free(w->files);
	w->files = NULL;
	w->nfiles = 0;
}

static const char *image(void *ud, const char *src, int line, struct tk_error *err)
{
	struct mw *w = ud;
	struct tk_buf data = TK_BUF_INIT;
	struct mfile *f;
	char *name = NULL;
	int i;

	(void)line;
	(void)err;
	if (tk_itemfmt_image(w->o, w->it, src, &name, &data, w->err) != TK_OK) {
		tk_buf_free(&data);
		return NULL;
	}
	for (i = 0; i < w->nfiles && strcmp(w->files[i].name, name); i++)
		;
	if (i == w->nfiles) {
		size_t m = sodium_base64_ENCODED_LEN(data.len, sodium_base64_VARIANT_ORIGINAL);
		if ((f = realloc(w->files, (size_t)(w->nfiles + 1) * sizeof *f)) == NULL) {
			free(name);
			tk_buf_free(&data);
			tk_error_set(w->err, TK_EINTERNAL, NULL, 0, "out of memory");
			return NULL;
		}
		w->files = f;
		f += w->nfiles;
		f->name = name;
		if ((f->b64 = malloc(m)) == NULL) {
			free(name);
			tk_buf_free(&data);
			tk_error_set(w->err, TK_EINTERNAL, NULL, 0, "out of memory");
			return NULL;
		}
		sodium_bin2base64(f->b64, m, (const unsigned char *)data.s, data.len,
				  sodium_base64_VARIANT_ORIGINAL);
		w->nfiles++;
		name = NULL;
	}
	tk_buf_free(&data);
	w->url.len = 0;
	tk_buf_puts(&w->url, "@@PLUGINFILE@@/");
	tk_buf_puts(&w->url, w->files[i].name);
	free(name);
	return tk_buf_str(&w->url);
}

/* A cloze answer: } # ~ / " and \ are Moodle's and take a backslash. */
static void cloze_text(struct tk_buf *b, const char *s)
{
	for (; *s; s++) {
		if (strchr("}#~/\"\\", *s))
			tk_buf_putc(b, '\\');
		tk_buf_putc(b, *s);
	}
}

static void cloze_gap(void *ud, struct tk_buf *out)
{
	struct mw *w = ud;
	struct tk_buf c = TK_BUF_INIT;
	int k, g = w->gaps++;

	if (g >= w->blanks.n) {         /* more gaps than blanks: lint's business */
		tk_buf_puts(out, "＿＿＿＿");
		return;
	}
	tk_buf_puts(&c, "{1:SHORTANSWER:");
	for (k = 0; k < w->blanks.nalt[g]; k++) {
		tk_buf_puts(&c, k ? "~=" : "=");
		cloze_text(&c, w->blanks.alt[g][k]);
	}
	tk_buf_putc(&c, '}');
	/* HTML text, but quotes stay: Moodle reads the answers off the source */
	for (k = 0; k < (int)c.len; k++)
		switch (c.s[k]) {
		case '<': tk_buf_puts(out, "&lt;"); break;
		case '>': tk_buf_puts(out, "&gt;"); break;
		case '&': tk_buf_puts(out, "&amp;"); break;
		default: tk_buf_putc(out, c.s[k]);
		}
	tk_buf_free(&c);
}

/*
 * <text>..</text> and its <file>s: the fragment as HTML, its images
 * embedded.  cloze: gaps become the blanks' answers.
 */
static int text(struct mw *w, const char *frag, int cloze)
{
	struct tk_html_refs refs = {image, NULL, NULL, NULL, 0};
	struct tk_buf html = TK_BUF_INIT;
	int i, rc;

	refs.ud = w;
	if (cloze)
		refs.gap = cloze_gap;
	files_clear(w);
	rc = tk_html_fragment(&html, frag, &refs, w->err);
	if (rc == TK_OK && cloze)
		for (; w->gaps < w->blanks.n; tk_buf_puts(&html, " "))
			cloze_gap(w, &html);    /* blanks the text has no gap for */
	if (rc == TK_OK) {
		tk_buf_puts(w->out, "      <text>");
		esc(w->out, tk_buf_str(&html));
		tk_buf_puts(w->out, "</text>\n");
		for (i = 0; i < w->nfiles; i++) {
			tk_buf_puts(w->out, "      <file name=\"");
			esc(w->out, w->files[i].name);
			tk_buf_printf(w->out, "\" path=\"/\" encoding=\"base64\">%s</file>\n",
				      w->files[i].b64);
		}
	}
	files_clear(w);
	tk_buf_free(&html);
	return rc;
}

static int field(struct mw *w, const char *tag, const char *frag, int cloze)
{
	int rc;

	tk_buf_printf(w->out, "    <%s format=\"html\">\n", tag);
	rc = text(w, frag, cloze);
	tk_buf_printf(w->out, "    </%s>\n", tag);
	return rc;
}

static void tag(struct tk_buf *b, const char *t)
{
	tk_buf_puts(b, "      <tag><text>");
	esc(b, t);
	tk_buf_puts(b, "</text></tag>\n");
}

static int choices(struct mw *w)
{
	const struct tk_item *it = w->it;
	int i, right = 0, rc;

	for (i = 0; i < it->noptions; i++)
		right += tk_itemfmt_share(it, i) > 0;
	tk_buf_printf(w->out, "    <single>%s</single>\n"
		      "    <shuffleanswers>false</shuffleanswers>\n"
		      "    <answernumbering>ABCD</answernumbering>\n"
		      "    <showstandardinstruction>0</showstandardinstruction>\n",
		      it->type == TK_SINGLE ? "true" : "false");
	for (i = 0; i < it->noptions; i++) {
		tk_buf_puts(w->out, "    <answer fraction=\"");
		tk_itemfmt_percent(w->out, tk_itemfmt_share(it, i));
		tk_buf_puts(w->out, "\" format=\"html\">\n");
		if ((rc = text(w, it->options[i].text, 0)) != TK_OK)
			return rc;
		tk_buf_puts(w->out, "      <feedback format=\"html\"><text></text></feedback>\n"
			    "    </answer>\n");
	}
	if (it->type == TK_MULTIPLE && right > 1)
		tk_diags_add(w->o->diags, TK_DIAG_WARNING, it->id, 0,
			     "Moodle gives part marks for some of the right options; the item "
			     "gives its points only for all of them");
	return TK_OK;
}

/* Grader information of an open item: the reference answer and the rubric. */
static int grader(struct mw *w)
{
	const struct tk_item *it = w->it;
	struct tk_buf frag = TK_BUF_INIT;
	char pts[16];
	int i, rc;

	if (it->answer && *it->answer) {
		tk_buf_puts(&frag, "<p><b>参考答案</b></p>");
		if (strstr(it->answer, "<p>") || strstr(it->answer, "<table") ||
		    strstr(it->answer, "<ol>") || strstr(it->answer, "<ul>"))
			tk_buf_puts(&frag, it->answer);
		else
			tk_buf_printf(&frag, "<p>%s</p>", it->answer);
	}
	if (it->nrubric) {
		tk_buf_puts(&frag, "<p><b>评分要点</b></p><ol>");
		for (i = 0; i < it->nrubric; i++)
			tk_buf_printf(&frag, "<li>%s（%s分）</li>", it->rubric[i].text,
				      tk_points_format(it->rubric[i].points, pts));
		tk_buf_puts(&frag, "</ol>");
	}
	rc = field(w, "graderinfo", tk_buf_str(&frag), 0);
	tk_buf_free(&frag);
	return rc;
}

static int question(struct mw *w)
{
	const struct tk_item *it = w->it;
	static const char *const qtype[TK_NTYPES] = {
		"multichoice", "multichoice", "truefalse", "shortanswer", "essay", "essay", "essay"
	};
	const char *type = qtype[it->type];
	int cloze = 0, i, rc;
	char pts[16];

	w->gaps = 0;
	if (it->type == TK_FILL) {
		if (!tk_itemfmt_blanks(it, &w->blanks))
			return tk_error_set(w->err, TK_EINTERNAL, NULL, 0, "out of memory");
		if (w->blanks.n > 1) {
			type = "cloze";
			cloze = 1;
		}
	}
	tk_buf_printf(w->out, "  <question type=\"%s\">\n    <name>\n      <text>", type);
	esc(w->out, it->id);
	tk_buf_puts(w->out, "</text>\n    </name>\n");
	if ((rc = field(w, "questiontext", it->stem, cloze)) != TK_OK ||
	    (rc = field(w, "generalfeedback", it->explanation, 0)) != TK_OK)
		goto out;
	tk_buf_printf(w->out, "    <defaultgrade>%s</defaultgrade>\n",
		      tk_points_format(it->points, pts));
	tk_buf_printf(w->out, "    <penalty>%s</penalty>\n",
		      it->type == TK_TRUEFALSE ? "1" : it->type >= TK_SHORT ? "0" : "0.3333333");
	tk_buf_puts(w->out, "    <hidden>0</hidden>\n    <idnumber>");
	esc(w->out, it->id);
	tk_buf_puts(w->out, "</idnumber>\n");
	switch (it->type) {
	case TK_SINGLE:
	case TK_MULTIPLE:
		rc = choices(w);
		break;
	case TK_TRUEFALSE: {
		int yes = it->answer && !strcmp(it->answer, "true");
		tk_buf_printf(w->out,
			      "    <answer fraction=\"%d\" format=\"moodle_auto_format\">\n"
			      "      <text>true</text>\n"
			      "      <feedback format=\"html\"><text></text></feedback>\n"
			      "    </answer>\n"
			      "    <answer fraction=\"%d\" format=\"moodle_auto_format\">\n"
			      "      <text>false</text>\n"
			      "      <feedback format=\"html\"><text></text></feedback>\n"
			      "    </answer>\n", yes ? 100 : 0, yes ? 0 : 100);
		break;
	}
	case TK_FILL:
		if (it->nrubric)
			tk_diags_add(w->o->diags, TK_DIAG_WARNING, it->id, 0,
				     "Moodle's fill-in questions carry no rubric: its %d criteria "
				     "are left out", it->nrubric);
		if (cloze)
			break;
		tk_buf_puts(w->out, "    <usecase>0</usecase>\n");
		for (i = 0; w->blanks.n == 1 && i < w->blanks.nalt[0]; i++) {
			tk_buf_puts(w->out, "    <answer fraction=\"100\" format=\"moodle_auto_format\">\n"
				    "      <text>");
			esc(w->out, w->blanks.alt[0][i]);
			tk_buf_puts(w->out, "</text>\n"
				    "      <feedback format=\"html\"><text></text></feedback>\n"
				    "    </answer>\n");
		}
		break;
	default:
		tk_buf_puts(w->out, "    <responseformat>editor</responseformat>\n"
			    "    <responserequired>1</responserequired>\n"
			    "    <responsefieldlines>15</responsefieldlines>\n"
			    "    <attachments>0</attachments>\n"
			    "    <attachmentsrequired>0</attachmentsrequired>\n");
		if ((rc = grader(w)) != TK_OK)
			goto out;
		tk_buf_puts(w->out, "    <responsetemplate format=\"html\">\n"
			    "      <text></text>\n    </responsetemplate>\n");
		break;
	}
	if (rc != TK_OK)
		goto out;
	/* codes and keywords as they are; what else the bank knows as tiku-* */
	tk_buf_puts(w->out, "    <tags>\n");
	for (i = 0; i < it->ncodes; i++)
		tag(w->out, it->codes[i]);
	for (i = 0; i < it->nkeywords; i++)
		tag(w->out, it->keywords[i]);
	{
		char t[64];
		snprintf(t, sizeof t, "tiku-kind-%s", tk_kind_name(it->kind));
		tag(w->out, t);
		snprintf(t, sizeof t, "tiku-difficulty-%d", it->difficulty);
		tag(w->out, t);
		if (it->time > 0) {
			snprintf(t, sizeof t, "tiku-time-%d", it->time);
			tag(w->out, t);
		}
		if (it->type >= TK_SHORT) {     /* every open type is an essay */
			snprintf(t, sizeof t, "tiku-type-%s", tk_type_name(it->type));
			tag(w->out, t);
		}
	}
	tk_buf_puts(w->out, "    </tags>\n  </question>\n");
out:
	tk_itemfmt_blanks_free(&w->blanks);
	return rc;
}

static int category(void *ud, const char *path)
{
	struct mw *w = ud;

	/* a category "question" before the questions filed under it */
	tk_buf_puts(w->out, "  <question type=\"category\">\n    <category>\n      <text>");
	esc(w->out, path);
	tk_buf_puts(w->out, "</text>\n    </category>\n  </question>\n");
	return TK_OK;
}

static int one(void *ud, const struct tk_item *it)
{
	struct mw *w = ud;

	w->it = it;
	return question(w);
}

int tk_moodle_write(struct tk_buf *out, struct tk_item *const *items, size_t n,
		    const struct tk_itemfmt_opts *o, struct tk_error *err)
{
	struct mw w;
	int rc;

	memset(&w, 0, sizeof w);
	w.out = out;
	w.o = o;
	w.err = err;
	tk_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
	rc = tk_itemfmt_each(o, items, n, category, one, &w, err);
	tk_buf_puts(out, "</quiz>\n");
	if (rc == TK_OK && out->oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	files_clear(&w);
	tk_buf_free(&w.url);
	return rc;
}
