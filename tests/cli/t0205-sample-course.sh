#!/bin/sh
# The shipped 初级 course: every code of the level taught, 48 class hours,
# lint clean against the sample bank, real teaching text in every lesson.
. "$(dirname "$0")/lib.sh"

K=$BANKS/miit-kflxzxs/courses/junior

test_expect_success 'setup: the MIIT standard and the junior sample items' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/junior/*.xml
'
test_expect_success 'the course is lint clean: codes, hours, bodies, practice, the exam' '
	tiku course lint "$K" >out && test_grep "^0 errors, 0 warnings$" out
'
test_expect_success 'every code of 初级 is taught, none left as a gap, 48 class hours' '
	tiku course show "$K" >out &&
	test_grep "^48 of 48 codes taught, 0 listed as gaps, 0 taught by no lesson" out &&
	test "$(sed -n "s/.*<lesson [^>]*hours=\"\([0-9.]*\)\".*/\1/p" "$K/course.xml" |
		awk "{ s += \$1 } END { print s }")" = 48
'
test_expect_success 'each lesson is real text: at least 600 Chinese characters' '
	for f in "$K"/lessons/*.md; do
		n=$(python3 -c "import re,sys; print(len(re.findall(\"[\u4e00-\u9fff]\", open(sys.argv[1], encoding=\"utf-8\").read())))" "$f")
		echo "$f $n"
		test "$n" -ge 600 || return 1
	done
'
test_expect_success 'the lessons use the field forms: 话术 dialogues, call-outs, tables' '
	test "$(grep -l "^\`\`\`话术" "$K"/lessons/*.md | wc -l)" -ge 12 &&
	test "$(grep -l "^> \[!\(要点\|注意\|案例\)\]" "$K"/lessons/*.md | wc -l)" = 17 &&
	test "$(grep -l "^|.*|$" "$K"/lessons/*.md | wc -l)" -ge 15
'
test_expect_success 'its practice and mock exam come from the bank; bundles build' '
	tiku bundle "$K" --format html -o k.zip >out &&
	test_grep "^k.zip: html bundle of miit-kflxzxs-junior, 17 lessons, 85 practice items, 1 test, " out &&
	tiku bundle "$K" --format scorm12 -o k12.zip -q
'

test_done
