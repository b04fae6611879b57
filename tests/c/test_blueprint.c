/* test_blueprint.c -- practice blueprints: the largest-remainder targets, dates. */
#include <stdlib.h>

#include "blueprint.h"
#include "test.h"

/* A blueprint of standard s's first level's theory paper, resolved: total
   points, the sections' XML, the weights' XML (may be ""); NULL on error. */
static struct tk_blueprint *bp_of(const struct tk_standard *s, int practice, int points,
				  const char *sections, const char *weights)
{
	struct tk_blueprint *bp = NULL;
	struct tk_error err = {0};
	struct tk_buf x = TK_BUF_INIT;

	tk_buf_printf(&x, "<blueprint xmlns=\"urn:tiku:blueprint:1\" id=\"t\" standard=\"%s\""
		      " level=\"%s\" kind=\"theory\"%s><title>t</title><points>%d</points>"
		      "<duration>600</duration>%s%s</blueprint>", s->id, s->levels[0].id,
		      practice ? " purpose=\"practice\"" : "", points, sections, weights);
	if (tk_blueprint_parse(x.s, x.len, "t.xml", &bp, NULL, &err) != TK_OK ||
	    tk_blueprint_resolve(bp, s, NULL, &err) != TK_OK) {
		tk_blueprint_free(bp);
		bp = NULL;
	}
	tk_buf_free(&x);
	return bp;
}

/* "1 11 6 9 3": the targets' points, in weight-table order. */
static const char *targets(const struct tk_blueprint *bp, char *buf, size_t n)
{
	size_t k = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < bp->ntargets && k < n; i++) {
		char p[16];
		k += (size_t)snprintf(buf + k, n - k, "%s%s", i ? " " : "",
				      tk_points_format(bp->targets[i].points, p));
	}
	return buf;
}

/* 30 one-point items over 5/35/20/30/10: the two halves tie, the larger
   weight takes the point; an official blueprint keeps the exact shares. */
TEST(blueprint_practice_largest_remainder)
{
	struct tk_standard *s = NULL;
	struct tk_blueprint *bp;
	struct tk_error err = {0};
	char buf[128];

	CHECK_INT(tk_standard_load("banks/miit-kflxzxs/standard.xml", &s, NULL, &err), TK_OK);
	bp = bp_of(s, 1, 30, "<section type=\"single\" count=\"30\" points=\"1\"/>", "");
	CHECK(bp != NULL);
	CHECK_STR(targets(bp, buf, sizeof buf), "1 11 6 9 3");
	CHECK_INT(tk_blueprint_unit(bp), 10);
	tk_blueprint_free(bp);
	bp = bp_of(s, 0, 30, "<section type=\"single\" count=\"30\" points=\"1\"/>", "");
	CHECK(bp != NULL);
	CHECK_STR(targets(bp, buf, sizeof buf), "1.5 10.5 6 9 3");
	tk_blueprint_free(bp);
	/* items of 1.5 points: the unit is 1.5, and these shares are whole units */
	bp = bp_of(s, 1, 30, "<section type=\"single\" count=\"20\" points=\"1.5\"/>", "");
	CHECK(bp != NULL);
	CHECK_INT(tk_blueprint_unit(bp), 15);
	CHECK_STR(targets(bp, buf, sizeof buf), "1.5 10.5 6 9 3");
	tk_blueprint_free(bp);
	tk_standard_free(s);
}

/* Equal remainders and equal weights: the area first in the weight table. */
TEST(blueprint_practice_ties_go_to_the_table_order)
{
	struct tk_standard *s = NULL;
	struct tk_blueprint *bp;
	struct tk_error err = {0};
	char buf[128];

	CHECK_INT(tk_standard_load("tests/data/std/mini.xml", &s, NULL, &err), TK_OK);
	bp = bp_of(s, 1, 10, "<section type=\"single\" count=\"10\" points=\"1\"/>",
		   "<weights><area id=\"serve\" weight=\"25\"/><area id=\"basics\" weight=\"50\"/>"
		   "<area id=\"make\" weight=\"25\"/></weights>");
	CHECK(bp != NULL);
	/* basics, make, serve in the table: 5, 2.5, 2.5 -> 5, 3, 2 */
	CHECK_STR(targets(bp, buf, sizeof buf), "5 3 2");
	tk_blueprint_free(bp);
	/* units of 5 points (sections of 10 and 5): 40/35/25 of 6 units */
	bp = bp_of(s, 1, 30, "<section type=\"single\" count=\"2\" points=\"10\"/>"
		   "<section type=\"truefalse\" count=\"2\" points=\"5\"/>", "");
	CHECK(bp != NULL);
	CHECK_INT(tk_blueprint_unit(bp), 50);
	CHECK_STR(targets(bp, buf, sizeof buf), "10 10 10");
	tk_blueprint_free(bp);
	/* a section at the items' own points: whole points */
	bp = bp_of(s, 1, 7, "<section type=\"single\"/>", "");
	CHECK(bp != NULL);
	CHECK_INT(tk_blueprint_unit(bp), 10);
	CHECK_STR(targets(bp, buf, sizeof buf), "3 2 2");
	tk_blueprint_free(bp);
	tk_standard_free(s);
}

/* Every size from 1 to 120 points: the targets add up to the paper and
   each is within one unit of its exact share. */
TEST(blueprint_practice_targets_add_up)
{
	struct tk_standard *s = NULL;
	struct tk_blueprint *bp;
	struct tk_error err = {0};
	char sec[96];
	int points, i;

	CHECK_INT(tk_standard_load("banks/miit-kflxzxs/standard.xml", &s, NULL, &err), TK_OK);
	for (points = 1; points <= 120; points++) {
		int sum = 0;
		snprintf(sec, sizeof sec, "<section type=\"single\" count=\"%d\" points=\"1\"/>", points);
		bp = bp_of(s, 1, points, sec, "");
		CHECK(bp != NULL);
		for (i = 0; i < bp->ntargets; i++) {
			int exact = bp->targets[i].weight * points;     /* hundredths of points */
			sum += bp->targets[i].points;
			CHECK(abs(bp->targets[i].points * 10 - exact) < 100);
		}
		CHECK_INT(sum, points * 10);
		tk_blueprint_free(bp);
	}
	tk_standard_free(s);
}

/* The standard's minimum duration binds official blueprints only. */
TEST(blueprint_practice_has_no_minimum_duration)
{
	static const char xml[] =
		"<blueprint xmlns=\"urn:tiku:blueprint:1\" id=\"t\" standard=\"miit-kflxzxs\""
		" level=\"junior\" kind=\"theory\"%s><title>t</title><points>10</points>"
		"<duration>10</duration><section type=\"single\" count=\"10\" points=\"1\"/>"
		"</blueprint>";
	struct tk_standard *s = NULL;
	struct tk_blueprint *bp = NULL;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_error err = {0};
	char buf[512];

	CHECK_INT(tk_standard_load("banks/miit-kflxzxs/standard.xml", &s, NULL, &err), TK_OK);
	snprintf(buf, sizeof buf, xml, "");
	CHECK_INT(tk_blueprint_parse(buf, strlen(buf), "o.xml", &bp, NULL, &err), TK_OK);
	CHECK_INT(tk_blueprint_resolve(bp, s, &d, &err), TK_EINPUT);
	CHECK(d.n >= 1 && strstr(d.v[0].msg, "shorter than the standard's minimum of 45") != NULL);
	tk_blueprint_free(bp);
	tk_diags_free(&d);
	snprintf(buf, sizeof buf, xml, " purpose=\"practice\"");
	CHECK_INT(tk_blueprint_parse(buf, strlen(buf), "p.xml", &bp, NULL, &err), TK_OK);
	CHECK(bp->practice);
	CHECK_INT(tk_blueprint_resolve(bp, s, NULL, &err), TK_OK);
	tk_blueprint_free(bp);
	tk_standard_free(s);
}

TEST(util_dates)
{
	int y = 0, m = 0, d = 0;

	CHECK(tk_parse_date("2026-12-07", &y, &m, &d) && y == 2026 && m == 12 && d == 7);
	CHECK(tk_parse_date("2024-02-29", NULL, NULL, NULL));
	CHECK(!tk_parse_date("2026-02-29", NULL, NULL, NULL));
	CHECK(!tk_parse_date("1900-02-29", NULL, NULL, NULL));
	CHECK(tk_parse_date("2000-02-29", NULL, NULL, NULL));
	CHECK(!tk_parse_date("2026-13-01", NULL, NULL, NULL));
	CHECK(!tk_parse_date("2026-1-01", NULL, NULL, NULL));
	CHECK(!tk_parse_date("2026-12-07x", NULL, NULL, NULL));
	CHECK(!tk_parse_date("12/07/2026", NULL, NULL, NULL));
	CHECK(!tk_parse_date("", NULL, NULL, NULL));
	CHECK(!tk_parse_date(NULL, NULL, NULL, NULL));
}
