/*
 * cc.c -- course bundles as IMS Common Cartridge 1.1 (docs/bundle.md):
 * every lesson as a web page of its own, and each lesson's practice,
 * each module test and the mock exam as a QTI 1.2.1 assessment in the
 * cartridge's profile, which an LMS imports as a quiz.
 *
 *   lessons/ID.html               a lesson: a whole page, lang="zh-CN"
 *   assets/tiku.css               the site's stylesheet
 *   media/HASH.EXT                images and linked files, by content
 *   practice-ID/assessment.xml    lesson ID's practice (when it has items)
 *   test-MODULE/assessment.xml    a module test
 *   exam/assessment.xml           the mock exam
 *   imsmanifest.xml               last
 *
 * Each assessment (a "learning application object" of CC) is a folder of
 * its own holding its descriptor, the resource's only file, and the
 * resource has no href, as Moodle's CC 1.1 exporter writes them; the
 * folder is named after the test (or practice).  Resources: a webcontent
 * resource per lesson page (href and file the page), an assessment
 * resource per assessment, and one webcontent resource, r-assets,
 * holding every other file (the stylesheet, the media and, when signed,
 * manifest.xml and its signature), on which all the others depend.  So
 * every file of the zip but imsmanifest.xml is listed exactly once.
 *
 * The CC profile of QTI allows one section of items per assessment: a
 * test's sections are written one after another into it, their headings
 * ("一、单项选择题（共6题，…）") and instructions into the assessment's
 * rubric.  Items: single -> cc.multiple_choice, multiple ->
 * cc.multiple_response (right: every correct key and no other), true/false
 * -> cc.true_false, fill with one blank -> cc.fib, short, case and task
 * -> cc.essay with the reference answer and rubric in the feedback.  All
 * but essays score in one respcondition setting SCORE to 100, as the
 * profile has it; for cc.fib each accepted text is a varequal of it.
 * cc.fib has exactly one response_str, so a fill item with several blanks
 * cannot be marked by the LMS: it goes in as cc.essay, with its accepted
 * texts per blank and a note saying so in the feedback, for the teacher.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_int.h"
#include "html.h"

/* Inside QTI a cartridge's files are named behind the token
   $IMS-CC-FILEBASE$, which the LMS replaces on import with where it put
   them, and relative to the folder of the QTI file, as Moodle's CC 1.1
   exporter writes them ("$IMS-CC-FILEBASE$../FOLDER/FILE",
   backup/cc/cc_lib/cc_utils.php).  Assessments sit one folder down,
   media/ at the root. */
#define QTI_PREFIX "$IMS-CC-FILEBASE$../"

#define ASSESSMENT_TYPE "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"

/* A condition of the right answer: its test goes between the two. */
#define RIGHT_BEGIN "          <respcondition title=\"Correct\" continue=\"No\"><conditionvar>"
#define RIGHT_END "</conditionvar><setvar varname=\"SCORE\" action=\"Set\">100</setvar>" \
		  "</respcondition>\n"

/* ---- lessons ------------------------------------------------------------ */

/* Lesson i as a page of its own: lessons/ID.html. */
static int lesson_page(struct bb *x, int i)
{
	const struct tk_course *c = x->c;
	const struct tk_course_lesson *l = &c->lessons[i];
	struct tk_buf body = TK_BUF_INIT, page = TK_BUF_INIT, name = TK_BUF_INIT;
	const char *h1, *end;
	char hours[24];
	int k, rc;

	x->prefix = "../";
	if ((rc = bb_lesson_html(x, i, &body, NULL)) != TK_OK)
		goto out;
	if (body.oom) {
		rc = tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	tk_buf_puts(&page, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<title>");
	tk_html_escape(&page, l->title);
	tk_buf_puts(&page, " - ");
	tk_html_escape(&page, c->title);
	tk_buf_puts(&page, "</title>\n<link rel=\"stylesheet\" href=\"../assets/tiku.css\">\n"
		    "</head>\n<body>\n<main id=\"main\">\n"
		    "<nav class=\"crumbs\" aria-label=\"位置\">");
	tk_html_escape(&page, c->title);
	tk_buf_puts(&page, " › ");
	tk_html_escape(&page, c->modules[l->module].title);
	tk_buf_puts(&page, "</nav>\n<article class=\"lesson-body\">\n");
	/* the heading (the lesson's title when the body has none), then the
	   hours and codes under it, as the site shows them */
	h1 = strstr(tk_buf_str(&body), "<h1");
	end = h1 ? strstr(h1, "</h1>") : NULL;
	if (end) {
		end += 5;
		tk_buf_add(&page, tk_buf_str(&body), (size_t)(end - tk_buf_str(&body)));
	} else {
		end = tk_buf_str(&body);
		tk_buf_puts(&page, "<h1>");
		tk_html_escape(&page, l->title);
		tk_buf_puts(&page, "</h1>");
	}
	tk_buf_printf(&page, "\n<p class=\"meta lesson-meta\">%s 学时",
		      tk_course_hours_format(l->hours, hours));
	if (l->ncodes) {
		tk_buf_puts(&page, " · 要求");
		for (k = 0; k < l->ncodes; k++) {
			tk_buf_putc(&page, ' ');
			tk_html_escape(&page, l->codes[k]);
		}
	}
	tk_buf_puts(&page, "</p>\n");
	tk_buf_puts(&page, end);
	tk_buf_puts(&page, "\n</article>\n<nav class=\"pager\" aria-label=\"课文导航\">");
	if (i > 0) {
		tk_buf_puts(&page, "<a rel=\"prev\" href=\"");
		tk_html_escape(&page, c->lessons[i - 1].id);
		tk_buf_puts(&page, ".html\"><span class=\"dir\">上一课</span>");
		tk_html_escape(&page, c->lessons[i - 1].title);
		tk_buf_puts(&page, "</a>");
	} else {
		tk_buf_puts(&page, "<span></span>");
	}
	if (i + 1 < c->nlessons) {
		tk_buf_puts(&page, "<a rel=\"next\" href=\"");
		tk_html_escape(&page, c->lessons[i + 1].id);
		tk_buf_puts(&page, ".html\"><span class=\"dir\">下一课</span>");
		tk_html_escape(&page, c->lessons[i + 1].title);
		tk_buf_puts(&page, "</a>");
	} else {
		tk_buf_puts(&page, "<span></span>");
	}
	tk_buf_puts(&page, "</nav>\n</main>\n</body>\n</html>\n");
	tk_buf_printf(&name, "lessons/%s.html", l->id);
	if (name.oom)
		rc = tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
	else
		rc = bb_add_buf(x, tk_buf_str(&name), &page);
out:
	tk_buf_free(&body);
	tk_buf_free(&page);
	tk_buf_free(&name);
	return rc;
}

/* ---- QTI ------------------------------------------------------------------ */

static void field(struct tk_buf *b, const char *indent, const char *label, const char *entry)
{
	tk_buf_printf(b, "%s  <qtimetadatafield><fieldlabel>%s</fieldlabel><fieldentry>", indent,
		      label);
	tk_buf_xml(b, entry, 0);
	tk_buf_puts(b, "</fieldentry></qtimetadatafield>\n");
}

/* HTML as the text of a material: escaped, never markup of the QTI. */
static void material(struct tk_buf *b, const char *html)
{
	tk_buf_puts(b, "<material><mattext texttype=\"text/html\">");
	tk_buf_xml(b, html, 0);
	tk_buf_puts(b, "</mattext></material>");
}

/* Marking begins: SCORE from 0 to 100, as the CC profile has it. */
static void resprocessing(struct tk_buf *b)
{
	tk_buf_puts(b, "        <resprocessing>\n          <outcomes><decvar varname=\"SCORE\""
		    " vartype=\"Decimal\" minvalue=\"0\" maxvalue=\"100\"/></outcomes>\n");
}

/* The condition that always holds and shows the general feedback. */
static void general_condition(struct tk_buf *b, int feedback)
{
	tk_buf_puts(b, "          <respcondition title=\"General feedback\" continue=\"Yes\">"
		    "<conditionvar><other/></conditionvar>");
	if (feedback)
		tk_buf_puts(b, "<displayfeedback feedbacktype=\"Response\""
			    " linkrefid=\"general_fb\"/>");
	tk_buf_puts(b, "</respcondition>\n");
}

/* The text a choice or true/false answer holds: "AC", "true".  The
   caller frees it; NULL when out of memory. */
static char *answer_text(const struct tk_item *it)
{
	struct tk_buf t = TK_BUF_INIT;
	char *s, *r;

	tk_html_fragment_text(&t, it->answer);
	if (t.oom) {
		tk_buf_free(&t);
		return NULL;
	}
	s = tk_buf_detach(&t);
	r = strdup(s ? tk_trim(s) : "");
	free(s);
	return r;
}

/* A fill item's accepted texts per blank, as HTML for the teacher. */
static void blanks_html(struct tk_buf *h, char ***blanks, const int *nalts, int nb)
{
	int i, k;

	tk_buf_puts(h, "<p class=\"rubric-title\">参考答案</p><ul class=\"blanks\">");
	for (i = 0; i < nb; i++) {
		tk_buf_printf(h, "<li>第 %d 空：", i + 1);
		for (k = 0; k < nalts[i]; k++) {
			if (k)
				tk_buf_puts(h, " 或 ");
			tk_html_escape(h, blanks[i][k]);
		}
		tk_buf_puts(h, "</li>");
	}
	tk_buf_puts(h, "</ul>");
}

/*
 * One item as a QTI item of the CC profile into b: ident, the title
 * ("第3题 单项选择题"), its points (tenths) as its weighting.
 */
static int qti_item(struct bb *x, struct tk_buf *b, const struct tk_item *it,
		    const char *ident, int n, int points)
{
	struct tk_buf h = TK_BUF_INIT, fb = TK_BUF_INIT, resp = TK_BUF_INIT;
	char ***blanks = NULL, pts[16], *key = NULL;
	int *nalts = NULL, nb = 0, i, k, rc = TK_OK, essay, feedback;
	const char *profile;

	if (it->type == TK_FILL &&
	    !tk_item_blanks(it->answer, &blanks, &nalts, &nb))
		return tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
	essay = it->type == TK_SHORT || it->type == TK_CASE || it->type == TK_TASK ||
		(it->type == TK_FILL && (nb != 1 || nalts[0] == 0));
	switch (it->type) {
	case TK_SINGLE: profile = "cc.multiple_choice.v0p1"; break;
	case TK_MULTIPLE: profile = "cc.multiple_response.v0p1"; break;
	case TK_TRUEFALSE: profile = "cc.true_false.v0p1"; break;
	default: profile = essay ? "cc.essay.v0p1" : "cc.fib.v0p1"; break;
	}
	tk_buf_printf(&resp, "%s_R", ident);

	tk_buf_puts(b, "      <item");
	bb_xml_attr(b, "ident", ident);
	tk_buf_printf(b, " title=\"第%d题 %s\">\n", n, tk_paper_type_title(it->type));
	tk_buf_puts(b, "        <itemmetadata>\n          <qtimetadata>\n");
	field(b, "          ", "cc_profile", profile);
	field(b, "          ", "cc_weighting", tk_points_format(points, pts));
	if (essay) {
		field(b, "          ", "qmd_scoringpermitted", "Yes");
		field(b, "          ", "qmd_computerscored", "No");
	}
	tk_buf_puts(b, "          </qtimetadata>\n        </itemmetadata>\n");

	/* the stem, then what the learner answers with */
	tk_buf_puts(b, "        <presentation>\n          ");
	if ((rc = bb_item_html(x, it, it->stem, &h)) != TK_OK)
		goto out;
	material(b, tk_buf_str(&h));
	tk_buf_puts(b, "\n");
	if (it->type == TK_SINGLE || it->type == TK_MULTIPLE || it->type == TK_TRUEFALSE) {
		tk_buf_puts(b, "          <response_lid");
		bb_xml_attr(b, "ident", tk_buf_str(&resp));
		tk_buf_printf(b, " rcardinality=\"%s\">\n"
			      "            <render_choice shuffle=\"No\">\n",
			      it->type == TK_MULTIPLE ? "Multiple" : "Single");
		if (it->type == TK_TRUEFALSE) {
			tk_buf_puts(b, "              <response_label ident=\"true\">");
			material(b, "正确");
			tk_buf_puts(b, "</response_label>\n"
				    "              <response_label ident=\"false\">");
			material(b, "错误");
			tk_buf_puts(b, "</response_label>\n");
		}
		for (i = 0; it->type != TK_TRUEFALSE && i < it->noptions; i++) {
			tk_buf_reset(&h);
			if ((rc = bb_item_html(x, it, it->options[i].text, &h)) != TK_OK)
				goto out;
			tk_buf_printf(b, "              <response_label ident=\"%c\">",
				      it->options[i].key);
			material(b, tk_buf_str(&h));
			tk_buf_puts(b, "</response_label>\n");
		}
		tk_buf_puts(b, "            </render_choice>\n          </response_lid>\n");
	} else {
		tk_buf_puts(b, "          <response_str");
		bb_xml_attr(b, "ident", tk_buf_str(&resp));
		if (essay)
			tk_buf_printf(b, " rcardinality=\"Single\"><render_fib rows=\"%d\">",
				      it->type == TK_CASE || it->type == TK_TASK ? 12 : 5);
		else
			tk_buf_puts(b, " rcardinality=\"Single\"><render_fib rows=\"1\">");
		tk_buf_puts(b, "<response_label ident=\"answer\" rshuffle=\"No\"/>"
			    "</render_fib></response_str>\n");
	}
	tk_buf_puts(b, "        </presentation>\n");

	/* the general feedback: the explanation, and for what the teacher
	   marks the reference answer and the rubric first */
	if (essay && it->type == TK_FILL) {
		tk_buf_puts(&fb, "<p class=\"note\">本题有多个空。Common Cartridge "
			    "的填空题只能有一个空，故本题作问答题导入，"
			    "请教师按下列参考答案评分。</p>");
		blanks_html(&fb, blanks, nalts, nb);
		bb_rubric_html(it, &fb);
	} else if (essay) {
		if (it->answer && *it->answer) {
			tk_buf_puts(&fb, "<p class=\"rubric-title\">参考答案</p>"
				    "<div class=\"reference\">");
			if ((rc = bb_item_html(x, it, it->answer, &fb)) != TK_OK)
				goto out;
			tk_buf_puts(&fb, "</div>");
		}
		bb_rubric_html(it, &fb);
	}
	if (it->explanation && *it->explanation) {
		if (fb.len)
			tk_buf_puts(&fb, "<p class=\"rubric-title\">解析</p>");
		tk_buf_puts(&fb, "<div class=\"explanation\">");
		if ((rc = bb_item_html(x, it, it->explanation, &fb)) != TK_OK)
			goto out;
		tk_buf_puts(&fb, "</div>");
	}
	if (h.oom || fb.oom || resp.oom) {
		rc = tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	feedback = fb.len > 0;

	/* marking: 100 for the right answer, the feedback whatever it is */
	resprocessing(b);
	general_condition(b, feedback);
	if (it->type == TK_SINGLE || it->type == TK_TRUEFALSE || it->type == TK_MULTIPLE) {
		if ((key = answer_text(it)) == NULL) {
			rc = tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
			goto out;
		}
		tk_buf_puts(b, RIGHT_BEGIN);
		if (it->type == TK_MULTIPLE) {
			tk_buf_puts(b, "<and>");
			for (i = 0; i < it->noptions; i++) {
				int right = strchr(key, it->options[i].key) != NULL;
				tk_buf_puts(b, right ? "<varequal" : "<not><varequal");
				bb_xml_attr(b, "respident", tk_buf_str(&resp));
				tk_buf_printf(b, ">%c</varequal>%s", it->options[i].key,
					      right ? "" : "</not>");
			}
			tk_buf_puts(b, "</and>");
		} else {
			tk_buf_puts(b, "<varequal");
			bb_xml_attr(b, "respident", tk_buf_str(&resp));
			tk_buf_putc(b, '>');
			tk_buf_xml(b, key, 0);
			tk_buf_puts(b, "</varequal>");
		}
		tk_buf_puts(b, RIGHT_END);
	} else if (!essay) {
		/* the profile scores in one condition: each text accepted in
		   the blank a varequal of it, any of them right */
		tk_buf_puts(b, RIGHT_BEGIN);
		for (k = 0; k < nalts[0]; k++) {
			tk_buf_puts(b, "<varequal");
			bb_xml_attr(b, "respident", tk_buf_str(&resp));
			tk_buf_puts(b, " case=\"No\">");
			tk_buf_xml(b, blanks[0][k], 0);
			tk_buf_puts(b, "</varequal>");
		}
		tk_buf_puts(b, RIGHT_END);
	}
	tk_buf_puts(b, "        </resprocessing>\n");
	if (feedback) {
		tk_buf_puts(b, "        <itemfeedback ident=\"general_fb\"><flow_mat>");
		material(b, tk_buf_str(&fb));
		tk_buf_puts(b, "</flow_mat></itemfeedback>\n");
	}
	tk_buf_puts(b, "      </item>\n");
out:
	free(key);
	tk_item_blanks_free(blanks, nalts, nb);
	tk_buf_free(&h);
	tk_buf_free(&fb);
	tk_buf_free(&resp);
	return rc;
}

/*
 * An assessment into folder/assessment.xml: a lesson's practice (set, t
 * NULL) or a test t.  Items are numbered through; their points are the
 * section's when it sets them, else their own.
 */
static int assessment(struct bb *x, const char *folder, const char *title,
		      const struct tk_practice_set *set, const struct tk_practice_test *t)
{
	struct tk_buf b = TK_BUF_INIT, id = TK_BUF_INIT, name = TK_BUF_INIT;
	char minutes[24];
	int i, s, n = 0, rc = TK_OK;

	x->prefix = QTI_PREFIX;
	tk_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<questestinterop xmlns=\"http://www.imsglobal.org/xsd/ims_qtiasiv1p2\""
		    "\n  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
		    "\n  xsi:schemaLocation=\"http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
		    " http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_qtiasiv1p2p1_v1p0.xsd\">\n"
		    "  <assessment");
	bb_xml_attr(&b, "ident", folder);
	bb_xml_attr(&b, "title", title);
	tk_buf_puts(&b, " xml:lang=\"zh-CN\">\n    <qtimetadata>\n");
	field(&b, "    ", "cc_profile", "cc.exam.v0p1");
	field(&b, "    ", "qmd_assessmenttype", "Examination");
	field(&b, "    ", "qmd_scoretype", "Percentage");
	field(&b, "    ", "qmd_feedbackpermitted", "Yes");
	field(&b, "    ", "qmd_hintspermitted", "No");
	field(&b, "    ", "qmd_solutionspermitted", "Yes");
	if (t && t->paper->duration > 0) {
		/* CC: minutes */
		snprintf(minutes, sizeof minutes, "%d", t->paper->duration);
		field(&b, "    ", "qmd_timelimit", minutes);
		field(&b, "    ", "cc_allow_late_submission", "No");
	}
	/* practice and module tests as often as the learner likes, the mock
	   exam once, as the real one */
	field(&b, "    ", "cc_maxattempts", t && t->kind == TK_TEST_EXAM ? "1" : "unlimited");
	tk_buf_puts(&b, "    </qtimetadata>\n");
	if (t && t->paper->nsections) {
		struct tk_buf r = TK_BUF_INIT;
		for (s = 0; s < t->paper->nsections; s++) {
			const struct tk_paper_section *sec = &t->paper->sections[s];
			struct tk_buf head = TK_BUF_INIT;
			tk_paper_section_title(sec, s + 1, &head);
			tk_buf_puts(&r, "<p>");
			tk_html_escape(&r, tk_buf_str(&head));
			tk_buf_puts(&r, "</p>");
			if (sec->instructions && *sec->instructions) {
				tk_buf_puts(&r, "<p>");
				tk_html_escape(&r, sec->instructions);
				tk_buf_puts(&r, "</p>");
			}
			tk_buf_free(&head);
		}
		tk_buf_puts(&b, "    <rubric>");
		material(&b, tk_buf_str(&r));
		tk_buf_puts(&b, "</rubric>\n");
		if (r.oom)
			b.oom = 1;      /* refused by bb_add_buf below */
		tk_buf_free(&r);
	}
	tk_buf_printf(&b, "    <section ident=\"%s_S\"", folder);
	bb_xml_attr(&b, "title", title);
	tk_buf_puts(&b, ">\n");
	if (t) {
		for (s = 0; s < t->paper->nsections && rc == TK_OK; s++) {
			const struct tk_paper_section *sec = &t->paper->sections[s];
			for (i = 0; i < sec->nitems && rc == TK_OK; i++) {
				const struct tk_item *it = sec->items[i];
				tk_buf_reset(&id);
				tk_buf_printf(&id, "%s_", folder);
				bb_xml_id(&id, "", it->id);
				rc = qti_item(x, &b, it, tk_buf_str(&id), ++n,
					      sec->points ? sec->points : it->points);
			}
		}
	} else {
		for (i = 0; i < set->n && rc == TK_OK; i++) {
			const struct tk_item *it = tk_practice_item(x->p, set->ids[i]);
			if (it == NULL) {       /* its items are every lesson's */
				rc = tk_error_set(x->err, TK_EINTERNAL, NULL, 0,
						  "practice of another course");
				break;
			}
			tk_buf_reset(&id);
			tk_buf_printf(&id, "%s_", folder);
			bb_xml_id(&id, "", it->id);
			rc = qti_item(x, &b, it, tk_buf_str(&id), ++n, it->points);
		}
	}
	/* never empty, as QTI wants: a lesson's practice is written when it
	   has items, and a paper has the points its blueprint asks for (> 0) */
	if (rc != TK_OK)
		goto out;
	tk_buf_puts(&b, "    </section>\n  </assessment>\n</questestinterop>\n");
	tk_buf_printf(&name, "%s/assessment.xml", folder);
	if (name.oom || id.oom)
		rc = tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
	else
		rc = bb_add_buf(x, tk_buf_str(&name), &b);
out:
	tk_buf_free(&b);
	tk_buf_free(&id);
	tk_buf_free(&name);
	return rc;
}

/* The folder of a test or of a lesson's practice ("exam", "test-basics",
   "practice-ethics"), which also names its resource (r-FOLDER), and the
   practice's title. */
static void test_folder(const struct tk_practice_test *t, struct tk_buf *b)
{
	bb_xml_id(b, "", t->id);
}

static void practice_folder(const struct tk_course_lesson *l, struct tk_buf *b)
{
	bb_xml_id(b, "practice-", l->id);
}

static void practice_title(const struct tk_course_lesson *l, struct tk_buf *b)
{
	tk_buf_printf(b, "%s 练习", l->title);
}

/* ---- the manifest ------------------------------------------------------- */

/* An item of the organization: identifier, what it shows, its title. */
static void org_item(struct tk_buf *m, const char *indent, const char *id, const char *ref,
		     const char *title)
{
	tk_buf_printf(m, "%s<item", indent);
	bb_xml_attr(m, "identifier", id);
	bb_xml_attr(m, "identifierref", ref);
	tk_buf_puts(m, "><title>");
	tk_buf_xml(m, title, 0);
	tk_buf_puts(m, "</title></item>\n");
}

/* A resource of one file: a lesson page (href, webcontent) or an
   assessment (no href), both needing r-assets. */
static void resource(struct tk_buf *m, const char *id, const char *type, const char *href,
		     const char *file)
{
	tk_buf_puts(m, "    <resource");
	bb_xml_attr(m, "identifier", id);
	bb_xml_attr(m, "type", type);
	if (href)
		bb_xml_attr(m, "href", href);
	tk_buf_puts(m, ">\n      <file");
	bb_xml_attr(m, "href", file);
	tk_buf_puts(m, "/>\n      <dependency identifierref=\"r-assets\"/>\n    </resource>\n");
}

static void lom_string(struct tk_buf *m, const char *element, const char *s)
{
	tk_buf_printf(m, "        <lomimscc:%s><lomimscc:string language=\"zh-CN\">", element);
	tk_buf_xml(m, s, 0);
	tk_buf_printf(m, "</lomimscc:string></lomimscc:%s>\n", element);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is name a lesson page or an assessment (a file of a resource of its own)? */
static int own_resource(const struct bb *x, const char *name)
{
	const char *slash = strrchr(name, '/');
	size_t n;
	int i;

	if (slash == NULL)
		return 0;
	if (!strcmp(slash, "/assessment.xml")) {
		struct tk_buf f = TK_BUF_INIT;
		int hit = 0;
		n = (size_t)(slash - name);
		for (i = 0; i < x->p->ntests && !hit; i++) {
			tk_buf_reset(&f);
			test_folder(&x->p->tests[i], &f);
			hit = f.len == n && !memcmp(f.s, name, n);
		}
		for (i = 0; i < x->c->nlessons && !hit; i++) {
			if (x->p->lessons[i].n == 0)
				continue;
			tk_buf_reset(&f);
			practice_folder(&x->c->lessons[i], &f);
			hit = f.len == n && !memcmp(f.s, name, n);
		}
		tk_buf_free(&f);
		return hit;
	}
	if (strncmp(name, "lessons/", 8) != 0)
		return 0;
	for (i = 0; i < x->c->nlessons; i++) {
		n = strlen(x->c->lessons[i].id);
		if (!strncmp(name + 8, x->c->lessons[i].id, n) && !strcmp(name + 8 + n, ".html"))
			return 1;
	}
	return 0;
}

static int manifest(struct bb *x)
{
	const struct tk_course *c = x->c;
	const struct tk_practice *p = x->p;
	struct tk_buf m = TK_BUF_INIT, id = TK_BUF_INIT, ref = TK_BUF_INIT, t = TK_BUF_INIT,
		      f = TK_BUF_INIT;
	const char **rest = NULL;
	int i, k, nrest = 0, rc;

	tk_buf_puts(&m, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest");
	bb_xml_id(&id, "tiku-", c->id);
	bb_xml_attr(&m, "identifier", tk_buf_str(&id));
	tk_buf_puts(&m, "\n  xmlns=\"http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1\""
		    "\n  xmlns:lomimscc=\"http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest\""
		    "\n  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
		    "\n  xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
		    " http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd"
		    " http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
		    " http://www.imsglobal.org/profile/cc/ccv1p1/LOM/"
		    "ccv1p1_lommanifest_v1p0.xsd\">\n"
		    "  <metadata>\n    <schema>IMS Common Cartridge</schema>\n"
		    "    <schemaversion>1.1.0</schemaversion>\n"
		    "    <lomimscc:lom>\n      <lomimscc:general>\n");
	lom_string(&m, "title", c->title);
	tk_buf_puts(&m, "        <lomimscc:language>zh-CN</lomimscc:language>\n");
	if (c->description && *c->description)
		lom_string(&m, "description", c->description);
	lom_string(&m, "keyword", x->s->title ? x->s->title : x->s->id);
	lom_string(&m, "keyword", x->s->levels[x->level].name);
	tk_buf_puts(&m, "      </lomimscc:general>\n    </lomimscc:lom>\n  </metadata>\n"
		    "  <organizations>\n"
		    "    <organization identifier=\"org\" structure=\"rooted-hierarchy\">\n"
		    "      <item identifier=\"root\">\n");
	/* a module: its lessons, each with its practice, then its test */
	for (i = 0; i < c->nmodules; i++) {
		const struct tk_course_module *mod = &c->modules[i];
		tk_buf_reset(&id);
		bb_xml_id(&id, "m-", mod->id);
		tk_buf_puts(&m, "        <item");
		bb_xml_attr(&m, "identifier", tk_buf_str(&id));
		tk_buf_puts(&m, "><title>");
		tk_buf_xml(&m, mod->title, 0);
		tk_buf_puts(&m, "</title>\n");
		for (k = mod->first; k < mod->first + mod->nlessons; k++) {
			const struct tk_course_lesson *l = &c->lessons[k];
			tk_buf_reset(&id);
			tk_buf_reset(&ref);
			bb_xml_id(&id, "i-lesson-", l->id);
			bb_xml_id(&ref, "r-lesson-", l->id);
			org_item(&m, "          ", tk_buf_str(&id), tk_buf_str(&ref), l->title);
			if (p->lessons[k].n == 0)
				continue;
			tk_buf_reset(&id);
			tk_buf_reset(&ref);
			tk_buf_reset(&t);
			bb_xml_id(&id, "i-practice-", l->id);
			bb_xml_id(&ref, "r-practice-", l->id);
			practice_title(l, &t);
			org_item(&m, "          ", tk_buf_str(&id), tk_buf_str(&ref),
				 tk_buf_str(&t));
		}
		for (k = 0; k < p->ntests; k++) {
			if (p->tests[k].kind != TK_TEST_MODULE || p->tests[k].module != i)
				continue;
			tk_buf_reset(&id);
			tk_buf_reset(&ref);
			tk_buf_reset(&t);
			bb_xml_id(&id, "i-", p->tests[k].id);
			bb_xml_id(&ref, "r-", p->tests[k].id);
			bb_test_title(x, &p->tests[k], &t);
			org_item(&m, "          ", tk_buf_str(&id), tk_buf_str(&ref),
				 tk_buf_str(&t));
		}
		tk_buf_puts(&m, "        </item>\n");
	}
	for (k = 0; k < p->ntests; k++) {
		if (p->tests[k].kind != TK_TEST_EXAM)
			continue;
		tk_buf_reset(&id);
		tk_buf_reset(&ref);
		tk_buf_reset(&t);
		bb_xml_id(&id, "i-", p->tests[k].id);
		bb_xml_id(&ref, "r-", p->tests[k].id);
		bb_test_title(x, &p->tests[k], &t);
		org_item(&m, "        ", tk_buf_str(&id), tk_buf_str(&ref), tk_buf_str(&t));
	}
	tk_buf_puts(&m, "      </item>\n    </organization>\n  </organizations>\n  <resources>\n");

	/* a resource per lesson page and per assessment, in the course's order */
	for (i = 0; i < c->nlessons; i++) {
		const struct tk_course_lesson *l = &c->lessons[i];
		tk_buf_reset(&id);
		tk_buf_reset(&f);
		bb_xml_id(&id, "r-lesson-", l->id);
		tk_buf_printf(&f, "lessons/%s.html", l->id);
		resource(&m, tk_buf_str(&id), "webcontent", tk_buf_str(&f), tk_buf_str(&f));
		if (p->lessons[i].n == 0)
			continue;
		tk_buf_reset(&id);
		tk_buf_reset(&f);
		bb_xml_id(&id, "r-practice-", l->id);
		practice_folder(l, &f);
		tk_buf_puts(&f, "/assessment.xml");
		resource(&m, tk_buf_str(&id), ASSESSMENT_TYPE, NULL, tk_buf_str(&f));
	}
	for (k = 0; k < p->ntests; k++) {
		tk_buf_reset(&id);
		tk_buf_reset(&f);
		bb_xml_id(&id, "r-", p->tests[k].id);
		test_folder(&p->tests[k], &f);
		tk_buf_puts(&f, "/assessment.xml");
		resource(&m, tk_buf_str(&id), ASSESSMENT_TYPE, NULL, tk_buf_str(&f));
	}
	/* every other file, by name: the stylesheet, the media, and what
	   signing adds, which is part of the package too */
	rest = calloc((size_t)x->nfiles + 3, sizeof *rest);
	if (rest == NULL) {
		rc = tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < x->nfiles; i++)
		if (!own_resource(x, x->files[i].name))
			rest[nrest++] = x->files[i].name;
	if (x->job->sk) {
		rest[nrest++] = "manifest.xml";
		rest[nrest++] = "manifest.xml.minisig";
	}
	qsort(rest, (size_t)nrest, sizeof *rest, cmp_str);
	tk_buf_puts(&m, "    <resource identifier=\"r-assets\" type=\"webcontent\">\n");
	for (i = 0; i < nrest; i++) {
		tk_buf_puts(&m, "      <file");
		bb_xml_attr(&m, "href", rest[i]);
		tk_buf_puts(&m, "/>\n");
	}
	tk_buf_puts(&m, "    </resource>\n  </resources>\n</manifest>\n");
	if (id.oom || ref.oom || t.oom || f.oom)
		rc = tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
	else
		rc = bb_add_buf(x, "imsmanifest.xml", &m);
out:
	free(rest);
	tk_buf_free(&m);
	tk_buf_free(&id);
	tk_buf_free(&ref);
	tk_buf_free(&t);
	tk_buf_free(&f);
	return rc;
}

/* ---- the whole -------------------------------------------------------------- */

int bb_cartridge(struct bb *x)
{
	const struct tk_course *c = x->c;
	const struct tk_practice *p = x->p;
	struct tk_buf folder = TK_BUF_INIT, title = TK_BUF_INIT;
	const char *prefix = x->prefix;
	int i, rc = TK_OK;

	if ((rc = bb_asset(x, "export/web/tiku.css", "assets/tiku.css")) != TK_OK)
		return rc;
	for (i = 0; i < c->nlessons && rc == TK_OK; i++)
		rc = lesson_page(x, i);
	for (i = 0; i < c->nlessons && rc == TK_OK; i++) {
		if (p->lessons[i].n == 0)
			continue;
		tk_buf_reset(&folder);
		tk_buf_reset(&title);
		practice_folder(&c->lessons[i], &folder);
		practice_title(&c->lessons[i], &title);
		rc = assessment(x, tk_buf_str(&folder), tk_buf_str(&title), &p->lessons[i], NULL);
	}
	for (i = 0; i < p->ntests && rc == TK_OK; i++) {
		tk_buf_reset(&folder);
		tk_buf_reset(&title);
		test_folder(&p->tests[i], &folder);
		bb_test_title(x, &p->tests[i], &title);
		rc = assessment(x, tk_buf_str(&folder), tk_buf_str(&title), NULL, &p->tests[i]);
	}
	x->prefix = prefix;
	if (rc == TK_OK && (folder.oom || title.oom))
		rc = tk_error_set(x->err, TK_EINTERNAL, NULL, 0, "out of memory");
	if (rc == TK_OK)
		rc = manifest(x);
	tk_buf_free(&folder);
	tk_buf_free(&title);
	return rc;
}
