#!/bin/sh
# A course's mock exam may be a practice paper of any size (#16 §3): its
# blueprint says purpose="practice", so a 15-minute, 30-point exam on the
# test standard (whose minimum is 30 minutes) lints, bundles and prints in
# the trainer's handbook with the class header -- and without the purpose
# the same blueprint is refused for the standard's minimum, as before.
. "$(dirname "$0")/lib.sh"

C=$DATA/course

test_expect_success 'setup: the shop course, its mock exam a 15-minute practice blueprint' '
	tiku import -q "$DATA/std/mini.xml" "$C/shop-items.xml" &&
	cp -r "$C/shop" shop &&
	cat >shop/exam.xml <<-\XML
	<?xml version="1.0" encoding="UTF-8"?>
	<blueprint xmlns="urn:tiku:blueprint:1" id="mini-l5-quiz" standard="test-barista" level="五级" kind="theory" purpose="practice">
	  <title>咖啡师五级模拟小测</title>
	  <points>30</points>
	  <duration>15</duration>
	  <section type="single" count="2" points="10"/>
	  <section type="truefalse" count="2" points="5"/>
	</blueprint>
	XML
'
test_expect_success 'course lint: no error for the short practice exam' '
	tiku course lint shop >out 2>&1 &&
	test_grep "^0 errors" out
'
test_expect_success 'the handbook prints the mock exam with the class header, no exam fields' '
	tiku render shop -o hb.pdf >/dev/null &&
	pdftotext hb.pdf hb.txt &&
	test_grep "咖啡师五级模拟小测" hb.txt &&
	test_grep "时间：15分钟" hb.txt &&
	test_grep "学号：" hb.txt &&
	! grep -q "准考证号\|考点：\|标封" hb.txt
'
test_expect_success 'the bundle takes it; the same course gives the same bytes' '
	tiku bundle shop --format html -o a.zip -q &&
	tiku bundle shop --format html -o b.zip -q &&
	cmp a.zip b.zip
'
test_expect_success 'official, the same blueprint is under the standard.s minimum: refused, named' '
	sed -i "s/ purpose=\"practice\"//" shop/exam.xml &&
	{ tiku course lint shop >out 2>&1; test $? = 1; } &&
	test_grep "shop/exam.xml:5: error: duration 15 minutes is shorter than the standard.s minimum of 30 for 五级 theory papers" out
'
test_done
