#!/bin/sh
# Items for LMSs: tiku export --format moodle and --format gift, each read
# back by a parser we did not write (@xmldom/xmldom, gift-pegjs) and every
# question checked against the bank's own XML; GIFT's and cloze's reserved
# characters escaped; images embedded in Moodle XML; what a format cannot
# carry said item by item; the same bytes twice.
. "$(dirname "$0")/lib.sh"

CHECK="node $ROOT/tests/formats/check.mjs"
IMG=$DATA/course/shop/img

test_expect_success 'setup: the test standard and items of every type' '
	tiku import -q "$DATA/std/mini.xml" "$DATA/course/shop-items.xml" \
		"$DATA/course/cc/items.xml" "$DATA/lms/items.xml" &&
	tiku export -o bank.xml
'

test_expect_success 'moodle: every question matches its item (xmldom)' '
	tiku export --format moodle --images "$IMG" -o m.xml 2>warn &&
	$CHECK moodle m.xml bank.xml >out; rc=$?; cat out; test $rc = 0 &&
	test_grep "^ok - every question matches its item.* # 41 questions in 4 categories" out
'

test_expect_success 'moodle: categories standard/level/function, idnumber, tags' '
	test_grep "<text>\$course\$/咖啡师（测试用标准）/五级/出品</text>" m.xml &&
	test_grep "<idnumber>lms-single</idnumber>" m.xml &&
	test_grep "<tag><text>2.1.1</text></tag>" m.xml &&
	test_grep "<tag><text>符号</text></tag>" m.xml
'

test_expect_success 'moodle: types by item type, fractions of multiple choice' '
	test_grep "<question type=\"cloze\">" m.xml &&
	test_grep "<question type=\"shortanswer\">" m.xml &&
	test_grep "<question type=\"truefalse\">" m.xml &&
	test_grep "<question type=\"essay\">" m.xml &&
	sed -n "/<text>lms-multi</,/<\/question>/p" m.xml >multi &&
	test "$(grep -c "fraction=\"50\"" multi)" = 2 &&
	test "$(grep -c "fraction=\"-100\"" multi)" = 1 &&
	test_grep "^lms-multi: warning: Moodle gives part marks" warn
'

test_expect_success 'moodle: cloze answers escaped as Moodle reads them' '
	test_grep -F "{1:SHORTANSWER:=1\\/2~=一半}" m.xml &&
	test_grep -F "{1:SHORTANSWER:=\\}\\#\\~\\&quot;\\\\}" m.xml
'

test_expect_success 'moodle: markup in items is text, rubric and reference answer for graders' '
	test_grep -F "&amp;lt;script&amp;gt;alert(1)" m.xml &&
	! grep -F "&lt;script" m.xml | grep -vF "&amp;lt;script" &&
	sed -n "/<text>cc-case</,/<\/question>/p" m.xml >case &&
	test_grep "<graderinfo format=\"html\">" case &&
	test_grep "参考答案" case && test_grep "评分要点" case && test_grep "确认需求并重做（6分）" case
'

test_expect_success 'moodle: an image is embedded, the same bytes' '
	sed -n "/<text>cc-task</,/<\/question>/p" m.xml >task &&
	test_grep -F "@@PLUGINFILE@@/beans.png" task &&
	sed -n "s|.*<file name=\"beans.png\" path=\"/\" encoding=\"base64\">\([^<]*\)</file>.*|\1|p" task |
		base64 -d >beans.png &&
	cmp beans.png "$IMG/beans.png"
'

test_expect_code 3 'moodle: an item showing an image without --images is an error naming it' '
	tiku export --format moodle -o none.xml 2>err; rc=$?; cat err;
	grep -q "item .cc-task. shows image .beans.png.: name the folder" err &&
	test ! -e none.xml && exit $rc
'

test_expect_success 'gift: every question matches its item (gift-pegjs)' '
	tiku export --format gift -o g.gift 2>gwarn &&
	$CHECK gift g.gift bank.xml >out; rc=$?; cat out; test $rc = 0 &&
	test_grep "^ok - every question matches its item.* # 39 questions in 4 categories" out
'

test_expect_success 'gift: reserved characters escaped, markup kept as text' '
	test_grep -F "::lms-single::[html]配方写作 \\{1\\:2\\} \\~ 3 \\= 4 \\# 5 \\\\ 6" g.gift &&
	test_grep -F "=\\~c\\#d\\{e\\}f\\:g\\\\h" g.gift &&
	test_grep -F "~&lt;script&gt;alert(1)&lt;/script&gt;" g.gift &&
	test_grep -F "// [id:lms-single] [tag:2.1.1] [tag:符号]" g.gift
'

test_expect_success 'gift: every loss said per item, none silent' '
	test_grep "^lms-fill2: warning: GIFT has no question with 2 blanks: the item is left out" gwarn &&
	test_grep "^cc-task: warning: GIFT holds no image files: add .beans.png." gwarn &&
	test_grep "^cc-case: warning: GIFT essays carry no reference answer or rubric" gwarn &&
	test_grep "^lms-multi: warning: GIFT carries no points: the item is worth 2" gwarn &&
	! grep -q "^lms-single:" gwarn &&
	! grep -q "lms-fill2" g.gift
'

test_expect_success 'the same bytes twice; filters apply' '
	tiku export --format moodle --images "$IMG" -o m2.xml 2>/dev/null && cmp m.xml m2.xml &&
	tiku export --format gift -o g2.txt 2>/dev/null && cmp g.gift g2.txt &&
	tiku export --format gift --type truefalse -o tf.gift 2>/dev/null &&
	test "$(grep -c "^::" tf.gift)" = "$(grep -c "type=\"truefalse\"" bank.xml)"
'

test_expect_code 2 'an unknown format is a usage error' '
	tiku export --format qti9 -o x.xml
'

test_expect_code 2 'an output name of another type is a usage error' '
	tiku export --format gift -o x.pdf
'

test_expect_success 'the sample bank: every question of both formats matches its item' '
	B=$ROOT/banks/miit-kflxzxs &&
	TIKU_BANK=$TRASH/sample.db tiku import -q "$B/standard.xml" $(find "$B/items" -name "*.xml" | sort) &&
	TIKU_BANK=$TRASH/sample.db tiku export -o sample.xml &&
	TIKU_BANK=$TRASH/sample.db tiku export --format moodle -o sm.xml 2>/dev/null &&
	TIKU_BANK=$TRASH/sample.db tiku export --format gift -o sg.gift 2>/dev/null &&
	$CHECK moodle sm.xml sample.xml && $CHECK gift sg.gift sample.xml
'

test_done
