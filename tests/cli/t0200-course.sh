#!/bin/sh
# Courses: tiku course new (scaffolded from the standard), lint and show,
# and the wall between official papers and practice.
. "$(dirname "$0")/lib.sh"

C=$DATA/course
MINI=$DATA/std/mini.xml
BP=$BANKS/miit-kflxzxs/blueprints

# the class hours of every lesson of a course.xml, added up
hours() {
	sed -n 's/.*<lesson [^>]*hours="\([0-9.]*\)".*/\1/p' "$1" | awk '{ s += $1 } END { print s }'
}

test_expect_success 'setup: two standards, the junior sample items, the test items' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$MINI" \
		"$BANKS"/miit-kflxzxs/items/junior/*.xml "$C/barista-items.xml"
'

# ---- course new ----------------------------------------------------------

test_expect_success 'new: a module per function plus the basics, a lesson per task' '
	tiku course new kf --standard miit-kflxzxs --level 初级 >out &&
	test_grep "^kf: 4 modules, 10 lessons, 48 class hours" out &&
	xmllint --noout --relaxng "$ROOT/schema/course.rng" kf/course.xml &&
	test "$(grep -c "<module " kf/course.xml)" = 4 &&
	test "$(grep -c "<lesson " kf/course.xml)" = 10 &&
	test_grep "<lesson id=\"1.1\" title=\"呼入应答\" .*codes=\"1.1.1 1.1.2 1.1.3 1.1.4 1.1.5 1.1.6 1.1.7 1.1.8\"" kf/course.xml &&
	test_grep "<lesson id=\"B2.1\" title=\"职业道德\" .*codes=\"B2.1.1 B2.1.2\"" kf/course.xml &&
	test_grep "<module id=\"f3\" title=\"设备操作\">" kf/course.xml
'
test_expect_success 'new: the hours add up to the level requirement, in half hours' '
	test "$(hours kf/course.xml)" = 48 &&
	! sed -n "s/.*hours=\"\([0-9.]*\)\".*/\1/p" kf/course.xml | grep -v "^[0-9]*\(\.5\)\?$"
'
test_expect_success 'new: each body starts with the text of its requirements' '
	head -1 kf/lessons/1.1.md | test_grep "^# 呼入应答$" &&
	test_grep "^- \*\*1.1.1\*\* 技能要求：能够使用标准普通话处理客户来电$" kf/lessons/1.1.md &&
	test_grep "^- \*\*1.1.8\*\* 相关知识要求：呼入电话服务技巧的应用$" kf/lessons/1.1.md &&
	test_grep "^- \*\*B2.2.7\*\* 基本要求：法律法规$" kf/lessons/B2.2.md
'
test_expect_success 'new: the scaffold is lint clean, at every MIIT level' '
	tiku course lint kf >out && test_grep "^0 errors, 0 warnings$" out &&
	tiku course new kf2 --standard miit-kflxzxs --level intermediate >/dev/null &&
	tiku course lint kf2 >out && test_grep "^0 errors, 0 warnings$" out &&
	test "$(hours kf2/course.xml)" = 72 &&
	tiku course new kf3 --standard miit-kflxzxs --level 高级 >/dev/null &&
	tiku course lint kf3 >out && test_grep "^0 errors, 0 warnings$" out &&
	test "$(hours kf3/course.xml)" = 108
'
test_expect_success 'new: the same standard gives the same bytes' '
	tiku course new again --standard miit-kflxzxs --level junior >/dev/null &&
	diff -r kf again
'
test_expect_code 2 'new: a standard without hours needs --hours' \
	'tiku course new b --standard test-barista --level 五级'
test_expect_success 'new: the message says so, and nothing is written' '
	! tiku course new b --standard test-barista --level 五级 2>err &&
	test_grep -- "--hours" err && test ! -e b
'
test_expect_success 'new: --hours on another standard: shares of its weight table' '
	tiku course new b5 --standard test-barista --level l5 --hours 10 >/dev/null &&
	test "$(hours b5/course.xml)" = 10 &&
	test_grep "<lesson id=\"1.1\" title=\"意式浓缩\" hours=\"3.5\"" b5/course.xml &&
	test_grep "<lesson id=\"2.1\" title=\"点单\" hours=\"2.5\"" b5/course.xml &&
	tiku course lint b5 >out && test_grep "^0 errors, 0 warnings$" out &&
	tiku course new b4 --standard test-barista --level 四级 --hours 8.5 >/dev/null &&
	test "$(hours b4/course.xml)" = 8.5
'
test_expect_code 2 'new: hours that are not half hours are a usage error' \
	'tiku course new x --standard test-barista --level 五级 --hours 10.25'
test_expect_code 2 'new: an unknown level is a usage error' \
	'tiku course new x --standard miit-kflxzxs --level 九级'
test_expect_success 'new: a folder that is not empty is refused, and left as it was' '
	mkdir full && echo keep >full/notes.txt &&
	{ tiku course new full --standard miit-kflxzxs --level 初级 2>err; test $? = 3; } &&
	test_grep "full: exists and is not empty" err &&
	test "$(ls full)" = notes.txt
'
test_expect_success 'new: an empty folder is used, and missing parents are made' '
	mkdir empty && tiku course new empty --standard miit-kflxzxs --level 初级 >/dev/null &&
	test -f empty/course.xml &&
	tiku course new deep/er/kf --standard miit-kflxzxs --level 初级 >/dev/null &&
	test -f deep/er/kf/lessons/3.2.md
'
test_expect_success 'new: a failure leaves nothing behind, no temporary folder either' '
	echo x >plain &&
	! tiku course new plain/sub/kf --standard miit-kflxzxs --level 初级 2>err &&
	test -f plain && test "$(ls -a | grep -c "\.tmp-")" = 0
'

# ---- course show ---------------------------------------------------------

test_expect_success 'show: the code x lesson matrix and the hours per area' '
	tiku course show "$C/barista" >out &&
	test_grep "^4 lessons in 3 modules, 10 class hours$" out &&
	test_grep "^B2.2.2   咖啡文化  *\.  x  \.  \.$" out &&
	test_grep "^2.1.1    点单流程  *\.  \.  \.  x$" out &&
	test_grep "^基础知识  *40%  *4.0  *40.0%$" out &&
	test_grep "^6 of 6 codes taught, 0 listed as gaps, 0 taught by no lesson$" out
'
test_expect_success 'show: columns line up by display width' '
	tiku course show kf >out &&
	python3 - out <<-\EOF
	import sys, unicodedata
	def width(s):
	    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
	rows = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")
	        if l[:1] in "B123" and l.rstrip("\n").endswith((" x", " ."))]
	assert len(rows) == 48, len(rows)
	assert len({width(r) for r in rows}) == 1, {width(r) for r in rows}
	areas = [l for l in open(sys.argv[1], encoding="utf-8") if "%" in l and l[0] != " "]
	assert len(areas) == 5
	assert len({width(l[:l.index("%")]) for l in areas}) == 1
	EOF
'
test_expect_success 'show: a code taught by no lesson, and a gap' '
	cp -r kf gaps &&
	sed -i "s/ codes=\"3.2.1 3.2.2\"/ codes=\"3.2.1\"/" gaps/course.xml &&
	sed -i "s|</course>|  <gaps><gap code=\"1.3.5\">另行讲授</gap></gaps>\n</course>|" gaps/course.xml &&
	sed -i "s/ codes=\"1.3.1 1.3.2 1.3.3 1.3.4 1.3.5\"/ codes=\"1.3.1 1.3.2 1.3.3 1.3.4\"/" gaps/course.xml &&
	tiku course show gaps >out &&
	test_grep "^3.2.2 .*GAP: taught by no lesson$" out &&
	test_grep "^1.3.5 .*gap: 另行讲授$" out &&
	test_grep "^46 of 48 codes taught, 1 listed as gaps, 1 taught by no lesson$" out &&
	! tiku course lint gaps >out &&
	test_grep "^gaps/course.xml:[0-9]*: error: code 3.2.2 (.*) is taught by no lesson" out &&
	! grep "1\.3\.5" out
'

# ---- course lint ---------------------------------------------------------

test_expect_success 'lint: a good course is clean' '
	tiku course lint "$C/barista" >out &&
	test_cmp - out <<-\EOF
	0 errors, 0 warnings
	EOF
'
test_expect_success 'lint: every problem, with file and line, and exit 1' '
	cp -r "$C/bad" . &&
	{ tiku course lint bad >out; test $? = 1; } &&
	test_cmp "$C/bad-lint.out" out
'
test_expect_success 'lint: --errors-only and --tolerance' '
	! tiku course lint --errors-only bad >out &&
	! grep ": warning: " out && test_grep "^20 errors, 5 warnings$" out &&
	! tiku course lint --tolerance 50 bad >out &&
	! grep "more than" out && test_grep "^18 errors, 5 warnings$" out
'
test_expect_success 'lint: hours under the requirement, and a share off the table' '
	cp -r kf short &&
	sed -i "s/<lesson id=\"B2.2\" title=\"基础知识\" hours=\"[0-9.]*\"/<lesson id=\"B2.2\" title=\"基础知识\" hours=\"1\"/" short/course.xml &&
	! tiku course lint short >out &&
	test_grep "^short/course.xml:[0-9]*: error: the lessons give 33 class hours; 初级 asks for at least 48$" out &&
	test_grep "error: area .基础知识. has 35% of the theory weight table but 3.0% of the class hours" out
'
test_expect_success 'lint: a code of another level is not a code of this one' '
	cp -r kf other &&
	sed -i "s/ codes=\"3.2.1 3.2.2\"/ codes=\"3.2.1 3.2.2 3.2.3\"/" other/course.xml &&
	! tiku course lint other >out &&
	test_grep "error: lesson .3.2.: 3.2.3 is not a requirement code of 初级" out
'
test_expect_success 'lint: module tests and the mock exam name blueprints of the level' '
	cp -r kf exam &&
	cp "$BP/junior-theory.xml" exam/mock.xml && cp "$BP/intermediate-theory.xml" exam/mid.xml &&
	sed -i "s|</course>|  <exam blueprint=\"mock.xml\" seed=\"7\"/>\n</course>|" exam/course.xml &&
	tiku course lint exam >out && test_grep "^0 errors, 0 warnings$" out &&
	sed -i "0,/  <\/module>/s||    <test blueprint=\"mid.xml\"/>\n  </module>|" exam/course.xml &&
	sed -i "s|</course>|  <gaps><gap code=\"1.1.1\">x</gap></gaps>\n</course>|" exam/course.xml &&
	xmllint --noout --relaxng "$ROOT/schema/course.rng" exam/course.xml &&
	sed -i "s|<exam blueprint=\"mock.xml\"|<exam blueprint=\"none.xml\"|" exam/course.xml &&
	! tiku course lint exam >out &&
	test_grep "^exam/course.xml:[0-9]*: error: blueprint .mid.xml. is for level intermediate, not 初级$" out &&
	test_grep "^exam/course.xml:[0-9]*: error: blueprint .none.xml. cannot be read: cannot open" out &&
	test_grep "^exam/course.xml:[0-9]*: warning: code 1.1.1 is listed as a gap, but lesson .1.1. teaches it$" out
'
test_expect_code 3 'lint: course.xml that breaks the schema is bad input' '
	cp -r "$C/barista" nohours &&
	sed -i "s/ hours=\"3.5\"//" nohours/course.xml &&
	tiku course lint nohours
'
test_expect_success 'lint: ... reported with its file and line' '
	! tiku course lint nohours 2>err &&
	test_grep "^nohours/course.xml:19: error: does not match the schema" err
'
test_expect_success 'lint: bad input of every kind exits 3, naming file and line' '
	cp -r "$C/barista" dup &&
	sed -i "s/<lesson id=\"order\"/<lesson id=\"ethics\"/" dup/course.xml &&
	{ tiku course lint dup 2>err; test $? = 3; } &&
	test_grep "^dup/course.xml:24: error: lesson id .ethics. is used twice (first at line 10)" err &&
	cp -r "$C/barista" broken && echo "<oops" >>broken/course.xml &&
	{ tiku course lint broken 2>err; test $? = 3; } &&
	test_grep "^broken/course.xml:[0-9]*: error: not well-formed XML" err &&
	cp -r "$C/barista" back &&
	sed -i "s/difficulty=\"1-3\"/difficulty=\"3-1\"/" back/course.xml &&
	{ tiku course lint back 2>err; test $? = 3; } &&
	test_grep "^back/course.xml:20: error: difficulty range .3-1. runs backwards" err &&
	{ tiku course lint nowhere 2>err; test $? = 3; } &&
	test_grep "^nowhere: error: no course here" err &&
	cp -r "$C/barista" nostd &&
	sed -i "s/standard=\"test-barista\"/standard=\"no-such\"/" nostd/course.xml &&
	{ tiku course lint nostd 2>err; test $? = 3; } && test_grep "no-such" err
'
test_expect_success 'show: a level the standard does not have exits 3' '
	cp -r "$C/barista" lvl &&
	sed -i "s/level=\"五级\"/level=\"九级\"/" lvl/course.xml &&
	{ tiku course show lvl 2>err; test $? = 3; } &&
	test_grep "lvl/course.xml:6: level .九级. is not a level of standard .test-barista. (levels: 五级 (l5), 四级 (l4))" err
'

# ---- the wall between official papers and practice ------------------------

test_expect_success 'setup: an exam batch drawn (not yet committed)' '
	tiku batch new b1 --blueprint "$BP/junior-theory.xml" --seed 5 >/dev/null &&
	tiku batch generate b1 -o forms >/dev/null &&
	official=$(sed -n "s/.*<item [^>]* id=\"\(kf-j-t-B2.2[^\"]*\)\".*/\1/p" forms/b1-A.xml | head -1) &&
	test -n "$official" && echo "$official" >official &&
	tiku search --standard miit-kflxzxs --status approved -n 0 |
		cut -d" " -f1 | grep "^kf-j-t-B2\.2" >b22 &&
	free=$(grep -v -x -F -f official b22 | while read -r id; do
		grep -q " id=\"$id\"" forms/*.xml || { echo "$id"; break; }; done) &&
	test -n "$free" && echo "$free" >free
'
test_expect_success 'a drawn but uncommitted paper does not make items official' '
	cp -r kf wall &&
	sed -i "s|<lesson id=\"B2.2\" \(.*\)/>|<lesson id=\"B2.2\" \1><practice><item ref=\"$(cat official)\"/><item ref=\"$(cat free)\"/></practice></lesson>|" wall/course.xml &&
	grep -q "<item ref=\"$(cat official)\"/>" wall/course.xml &&
	tiku course lint wall >out && test_grep "^0 errors, 0 warnings$" out
'
test_expect_success 'a draw finds as many items as the bank has that fit' '
	cp -r kf draw &&
	sed -i "s|<lesson id=\"B2.2\" \(.*\)/>|<lesson id=\"B2.2\" \1><practice><draw count=\"1000\" seed=\"3\"/></practice></lesson>|" draw/course.xml &&
	! tiku course lint draw >out &&
	n=$(sed -n "s/.*draws 1000 practice items, but the bank has \([0-9]*\) that fit.*/\1/p" out) &&
	test "$n" -gt 10 && echo "$n" >pool &&
	sed -i "s/count=\"1000\"/count=\"$n\"/" draw/course.xml &&
	tiku course lint draw >out && test_grep "^0 errors, 0 warnings$" out
'
test_expect_success 'setup: the batch is committed: its items are official' '
	tiku batch commit b1 >/dev/null
'
test_expect_success 'an official item is refused as practice, by id' '
	{ tiku course lint wall >out; test $? = 1; } &&
	test_grep "^wall/course.xml:[0-9]*: error: practice item .$(cat official). is on the committed official batch .b1.: items of official papers are never practice$" out &&
	! grep "$(cat free)" out &&
	test_grep "^1 errors, 0 warnings$" out
'
test_expect_success 'and never drawn: the pool lost the official items' '
	! tiku course lint draw >out &&
	m=$(sed -n "s/.*but the bank has \([0-9]*\) that fit.*/\1/p" out) &&
	test "$m" -lt "$(cat pool)"
'

# ---- Lua -------------------------------------------------------------------

test_expect_success 'Lua: tiku.read_course and tiku.course_lint' '
	cat >course.lua <<-EOF &&
	local c = assert(tiku.read_course("$C/barista"))
	assert(c.id == "barista-l5" and c.standard == "test-barista" and c.level == "五级")
	assert(c.pass == 70 and #c.modules == 3 and #c.lessons == 4)
	local l = c.modules[2].lessons[1]
	assert(l == c.lessons[3] and l.id == "espresso" and l.hours == 3.5 and l.module == "make")
	assert(l.codes[1] == "1.1.1" and l.codes[2] == "1.1.2" and l.body == "lessons/espresso.md")
	assert(l.practice.draw.count == 3 and l.practice.draw.seed == 42)
	assert(l.practice.draw.types[1] == "single" and l.practice.draw.difficulty[2] == 3)
	assert(c.lessons[2].practice.items[2] == "bar-5")
	local problems, nerrors, nwarnings = tiku.course_lint("$C/barista")
	assert(#problems == 0 and nerrors == 0 and nwarnings == 0)
	problems, nerrors = tiku.course_lint("bad", tiku.open())
	assert(nerrors == 20 and problems[1].file == "bad/course.xml" and problems[1].line == 4)
	local none, msg, list = tiku.read_course("nohours")
	assert(none == nil and msg:find("nohours/course.xml:19:") and list[1].line == 19)
	print("ok")
	EOF
	tiku run course.lua >out && test_grep "^ok$" out
'
test_done
