#!/bin/sh
# The teacher's practice-paper step as the README tells it (#16 §3), run
# as written: a 30-point practice blueprint, week 1 printed for a class,
# week 2 drawn without week 1's items, validated, printed as PDF and as
# Word, tiku show listing where an item was; and what the teacher reads
# when the bank runs short.
. "$(dirname "$0")/lib.sh"

MIIT=$BANKS/miit-kflxzxs

ids() {
	sed -n "s/.*<item [^>]* id=\"\([^\"]*\)\".*/\1/p" "$@" | sort -u
}

test_expect_success 'setup: the sample bank; the README.s quiz-30.xml' '
	tiku import -q "$MIIT/standard.xml" "$MIIT"/items/junior/*.xml &&
	cat >quiz-30.xml <<-\XML
	<blueprint xmlns="urn:tiku:blueprint:1" id="quiz-30" standard="miit-kflxzxs"
	           level="初级" kind="theory" purpose="practice">
	  <title>初级理论随堂练习</title>
	  <points>30</points>
	  <duration>30</duration>
	  <section type="single" count="30" points="1"/>
	</blueprint>
	XML
'
test_expect_success 'week 1: drawn, printed for 高二(3)班 and logged' '
	tiku assemble --blueprint quiz-30.xml -o week1.xml 2>err &&
	test_grep "^tiku assemble: seed [0-9]*$" err &&
	tiku render week1.xml --class "高二(3)班" --date 2026-11-30 -o week1.pdf >out &&
	test_grep "^1 practice paper logged as printed for 高二(3)班, 2026-11-30$" out
'
test_expect_success 'week 2: without what the class saw, validated, printed as PDF and Word' '
	tiku assemble --blueprint quiz-30.xml --avoid-since 2026-11-30 -o week2.xml 2>/dev/null &&
	! ids week2.xml | grep -x -F -f "$(ids week1.xml >w1 && echo w1)" &&
	grep -q "<target area=\"fundamentals\" weight=\"35\" points=\"11\"/>" week2.xml &&
	tiku validate week2.xml >out && test_grep "^valid: 0 checks failed" out &&
	tiku render week2.xml --class "高二(3)班" --date 2026-12-07 -o week2.pdf >out &&
	test_grep "^1 practice paper logged" out &&
	tiku render week2.xml --class "高二(3)班" --date 2026-12-07 -o week2.docx >out &&
	test_grep "^practice exposure already logged for 高二(3)班, 2026-12-07$" out &&
	pdftotext week2.pdf - | grep -q "班级：高二(3)班" &&
	! pdftotext week2.pdf - | grep -q "准考证号"
'
test_expect_success 'tiku show ID: official and practice exposure, apart' '
	id=$(ids week2.xml | head -1) &&
	tiku show "$id" >out &&
	test_grep "^  committed official forms: none$" out &&
	test_grep "^  printed for practice: 2026-12-07 quiz-30-[0-9]* (高二(3)班)$" out
'
test_expect_success 'weeks later the bank runs short: the area, its target, what is left' '
	tiku assemble --blueprint quiz-30.xml --avoid-since 2026-11-30 -o week3.xml 2>/dev/null &&
	tiku render week3.xml --class "高二(3)班" --date 2026-12-14 -o week3.pdf >/dev/null &&
	{ tiku assemble --blueprint quiz-30.xml --avoid-since 2026-11-30 -o short.xml 2>err; test $? = 1; } &&
	test_grep "初级 theory: area [^ ]* needs [0-9]* points; eligible items give at most [0-9]* ([0-9]* single)" err &&
	test_grep "items are kept out: they are on the papers to avoid or on practice papers printed since the date given" err &&
	test ! -e short.xml &&
	tiku assemble --blueprint quiz-30.xml --avoid-since 2026-12-14 -o week4.xml 2>/dev/null
'
test_done
