#!/bin/sh
# Practice papers of any size (#16 §3): a blueprint that says
# purpose="practice" takes any duration and points; its areas' shares are
# apportioned by the largest remainder, the paper states the targets it
# was drawn to, and validate recomputes them from the blueprint (a paper
# that states others, or claims another purpose, fails).  Official
# blueprints keep the exact shares and the standard's minimum.  On the
# MIIT standard and on the test-only one (tests/data/std/mini.xml).
. "$(dirname "$0")/lib.sh"

P=$DATA/practice
MIIT=$BANKS/miit-kflxzxs

targets() {
	sed -n 's/.*<target area="\([^"]*\)" weight="\([0-9]*\)" points="\([^"]*\)"\/>.*/\1 \2 \3/p' "$1"
}

test_expect_success 'setup: the junior items; the test standard in a bank of its own' '
	tiku import -q "$MIIT/standard.xml" "$MIIT"/items/junior/*.xml &&
	tiku --bank mini.db import -q "$DATA/std/mini.xml" "$DATA/papers/mini-items.xml"
'
test_expect_success 'a 30-point, 30-minute practice paper: 5% steps apportioned 1/11/6/9/3' '
	tiku assemble --blueprint "$P/junior-30.xml" --seed 3 -o p.xml 2>err &&
	test_grep "p.xml: paper junior-quiz-30-3, 30 items, 30 points, 30 minutes" err &&
	grep -q "<paper [^>]* purpose=\"practice\">" p.xml &&
	targets p.xml >got &&
	printf "%s\n" "ethics 5 1" "fundamentals 35 11" "answering 20 6" "handling 30 9" \
		"equipment 10 3" >want &&
	test_cmp want got
'
test_expect_success 'validate reads the targets and recomputes them; 30 minutes is no fault' '
	tiku validate p.xml >out &&
	test_grep "^  purpose  *practice or official  *want practice  *got practice  *ok$" out &&
	test_grep "^  targets  *as the blueprint apportions  *want 5 areas  *got 5 stated, 0 wrong  *ok$" out &&
	test_grep "^  area  *基础知识  *want 11 (35%)  *got 11 (36.7%)  *ok$" out &&
	test_grep "^  duration  *standard.s minimum  *want none for practice  *got 30  *ok$" out &&
	test_grep "^valid: 0 checks failed" out
'
test_expect_success 'the same seed, the same bytes' '
	tiku assemble --blueprint "$P/junior-30.xml" --seed 3 -o again.xml 2>/dev/null &&
	cmp p.xml again.xml
'
test_expect_success 'a paper stating other targets fails, named; the areas still by the blueprint' '
	sed "s|<target area=\"fundamentals\" weight=\"35\" points=\"11\"/>|<target area=\"fundamentals\" weight=\"35\" points=\"10\"/>|" \
		p.xml >t1.xml &&
	! cmp -s p.xml t1.xml &&
	{ tiku validate t1.xml >out; test $? = 1; } &&
	test_grep "^  targets .*got 5 stated, 1 wrong  *FAIL$" out &&
	test_grep "targets: area 基础知识: the paper states 10 points (35%); the blueprint apportions 11 (35%)" out &&
	test_grep "^  area  *基础知识  *want 11 (35%)  *got 11 .*ok$" out
'
test_expect_success 'a paper that drops its targets, or its purpose, fails' '
	sed "/<target /d" p.xml >t2.xml &&
	{ tiku validate t2.xml >out; test $? = 1; } &&
	test_grep "^  targets .*got 0 stated, 5 wrong  *FAIL$" out &&
	sed "s/ purpose=\"practice\"//" p.xml >t3.xml &&
	{ tiku validate t3.xml >out; test $? = 1; } &&
	test_grep "^  purpose  *practice or official  *want practice  *got official  *FAIL$" out
'
test_expect_success 'official: the same 30 points keep the exact shares, which 1-point items cannot make' '
	{ tiku assemble --blueprint "$P/junior-30-official.xml" --seed 3 -o o.xml 2>err; test $? = 1; } &&
	test ! -e o.xml &&
	test_grep "area 道德知识 needs 1.5 points; its eligible items (8 single) cannot add up to that (the nearest sums they make: 1, 2)" err &&
	test_grep "area 基础知识 needs 10.5 points; its eligible items ([0-9]* single) cannot add up to that (the nearest sums they make: 10, 11)" err
'
test_expect_success 'official: 30 minutes is under the standard.s minimum; practice is not held to it' '
	sed "s/<duration>45</<duration>30</" "$P/junior-30-official.xml" >short.xml &&
	{ tiku assemble --blueprint short.xml --seed 1 -o o.xml 2>err; test $? = 3; } &&
	test_grep "short.xml:7: error: duration 30 minutes is shorter than the standard.s minimum of 45 for 初级 theory papers" err &&
	test ! -e o.xml
'
test_expect_success 'the shipped official blueprint: papers as before (no purpose, no targets)' '
	tiku assemble --blueprint "$MIIT/blueprints/junior-theory.xml" --seed 1 -o off.xml 2>/dev/null &&
	! grep -q "purpose=\|<target " off.xml &&
	tiku validate off.xml >out &&
	! grep -q "^  purpose\|^  targets" out &&
	test_grep "^  duration  *standard.s minimum  *want at least 45  *got 90  *ok$" out
'
test_expect_success 'second standard: 30 points in units of 5, 40/35/25 apportioned 10/10/10' '
	tiku --bank mini.db assemble --blueprint "$P/mini-30.xml" --seed 1 -o m.xml 2>/dev/null &&
	targets m.xml >got &&
	printf "%s\n" "basics 40 10" "make 35 10" "serve 25 10" >want &&
	test_cmp want got &&
	tiku --bank mini.db validate m.xml >out &&
	test_grep "^valid: 0 checks failed" out
'
test_expect_success 'an infeasible small paper: the area, its target and what the bank supplies' '
	{ tiku --bank mini.db assemble --blueprint "$P/mini-short.xml" --seed 1 -o s.xml 2>err; test $? = 1; } &&
	test_grep "mini-short.xml: error: 五级 theory: area 基础知识 needs 15 points; eligible items give at most 10 (2 truefalse)" err &&
	test_grep "the bank cannot fill this blueprint; no paper written" err &&
	test ! -e s.xml
'
test_expect_success 'no exam batch draws from a practice blueprint' '
	tiku batch new b1 --blueprint "$P/junior-30.xml" --seed 5 >/dev/null &&
	{ tiku batch generate b1 -o forms 2>err; test $? = 3; } &&
	test_grep "blueprint .junior-quiz-30. is for practice (purpose=\"practice\"): an exam batch.s forms are drawn from an official blueprint" err &&
	test ! -e forms/b1-A.xml
'
test_expect_success 'a composed practice paper: paper show states the targets, export writes them' '
	tiku paper new q1 --blueprint "$P/junior-30.xml" >out &&
	test_grep "^targets (practice, by the largest remainder): 道德知识 1 (5%), 基础知识 11 (35%), 业务应答 6 (20%), 业务办理 9 (30%), 设备操作 3 (10%)$" out &&
	tiku paper add q1 $(sed -n "s/.*<item [^>]* id=\"\([^\"]*\)\".*/\1/p" p.xml) >/dev/null &&
	tiku paper show q1 >out &&
	test_grep "^  targets .*ok$" out && test_grep "^valid$" out &&
	tiku paper export q1 -o q1.xml &&
	targets q1.xml >got && targets p.xml >want && test_cmp want got &&
	tiku validate q1.xml >out && test_grep "^valid: 0 checks failed" out
'
test_expect_success 'a bad purpose is refused by the schema, with its line' '
	sed "s/purpose=\"practice\"/purpose=\"quiz\"/" "$P/junior-30.xml" >bad.xml &&
	{ tiku assemble --blueprint bad.xml -o x.xml 2>err; test $? = 3; } &&
	test_grep "bad.xml:8:" err && test ! -e x.xml
'
test_done
