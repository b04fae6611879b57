#!/bin/sh
# One paper for an LMS (tiku export --paper PAPER.xml): for qti21 an
# assessmentTest with the paper's sections in order, each item by
# assessmentItemRef and worth what the paper gives it, valid against the
# official 2.1 schemas and converted by @citolab/qti-convert; for qti30
# the same test in QTI 3's names (qti-pair.mjs; t0405 plays it); for
# moodle and gift the paper's items in its order under one category named
# by the paper, every question the item's with the paper's points
# (check.mjs).  Images beside the paper travel with it; what a format
# cannot carry is said item by item; misuse is exit 2, a bad paper 3.
. "$(dirname "$0")/lib.sh"

X=$ROOT/../shared/xsd/qti
CHECK="node $ROOT/tests/formats/check.mjs"
PAIR="node $ROOT/tests/formats/qti-pair.mjs"
ITEMS="node $ROOT/tests/formats/paper-items.mjs"
CONVERT="node $ROOT/tests/formats/node_modules/@citolab/qti-convert/dist/qti-convert-pkg.mjs"
P=$DATA/print/theory.xml

# x FILE XPATH: the XPath's value in FILE
x() {
	xmllint --nonet --xpath "$2" "$1"
}
L='*[local-name()'

test_expect_success 'setup: the standards; the paper'"'"'s items, points and order as the paper has them' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$DATA/std/mini.xml" &&
	$ITEMS "$P" >items.xml 2>order &&
	test "$(wc -l <order)" = 24
'

test_expect_success 'qti21: the test, its items and the manifest, against the official schemas' '
	tiku export --format qti21 --paper "$P" -o t2.zip 2>err && test ! -s err &&
	mkdir t2 && (cd t2 && unzip -q ../t2.zip) &&
	test -f t2/miit-junior-theory-3.xml &&
	xmllint --noout --nonet --schema "$X/qtiv2p1/imsqti_v2p1.xsd" t2/miit-junior-theory-3.xml t2/items/*.xml &&
	xmllint --noout --nonet --schema "$X/imscp_v1p1.xsd" t2/imsmanifest.xml
'

test_expect_success 'qti21: the sections in order, the items by reference in the paper'"'"'s order' '
	T=t2/miit-junior-theory-3.xml &&
	test "$(x $T "local-name(/*)")" = assessmentTest &&
	test "$(x $T "string(/*/@title)")" = "客服联络咨询师（初级）理论知识考试" &&
	test "$(x $T "count(//$L=\"testPart\"])")" = 1 &&
	x $T "//$L=\"assessmentSection\"]/@title" | sed "s/^ *title=//" >titles &&
	printf "%s\n" "\"一、单项选择题（共10题，每题1分，共10分）\"" "\"二、多项选择题（共4题，每题2分，共8分）\"" \
		"\"三、判断题（共6题，每题1分，共6分）\"" "\"四、填空题（共2题，每题2分，共4分）\"" \
		"\"五、简答题（共2题，共15分）\"" >expect &&
	test_cmp expect titles &&
	x $T "//$L=\"assessmentItemRef\"]/@identifier" | sed "s/^ *identifier=\"\(.*\)\"/\1/" >refs &&
	test_cmp order refs &&
	for id in $(cat order); do test -f "t2/items/$id.xml" || return 1; done &&
	test "$(x $T "string(//$L=\"timeLimits\"]/@maxTime)")" = 3600 &&
	test "$(x $T "string(//$L=\"outcomeDeclaration\"][@identifier=\"MAXSCORE\"])")" = 43 &&
	test_grep -F "<instructions>" "$P" >/dev/null &&
	test "$(x $T "count(//$L=\"rubricBlock\"][@view=\"candidate\"])")" = 5
'

test_expect_success 'qti21: each item the bank'"'"'s, worth the points the paper gives it' '
	mkdir only && cp -r t2/items only/ &&
	sed "/imsqti_test_xmlv2p1/,/<\/resource>/d" t2/imsmanifest.xml >only/imsmanifest.xml &&
	$CHECK qti only items.xml &&
	for id in kf-j-t-B2.2.3-15 kf-j-t-B2.2.6-05; do
		test "$(x t2/items/$id.xml "string(//$L=\"outcomeDeclaration\"][@identifier=\"MAXSCORE\"])")" = 2 || return 1
	done
'

test_expect_success 'qti21: the manifest: the test depends on every item' '
	M=t2/imsmanifest.xml &&
	test "$(x $M "string(//$L=\"resource\"][1]/@type)")" = imsqti_test_xmlv2p1 &&
	x $M "//$L=\"resource\"][1]/$L=\"dependency\"]/@identifierref" |
		sed "s/^ *identifierref=\"\(.*\)\"/\1/" >deps &&
	test_cmp order deps &&
	test "$(x $M "count(//$L=\"resource\"][@type=\"imsqti_item_xmlv2p1\"])")" = 24
'

test_expect_success 'qti21: @citolab/qti-convert converts the paper to QTI 3 without error' '
	$CONVERT t2.zip >out 2>&1; rc=$?; cat out; test $rc = 0 &&
	test_grep "Successfully converted the package" out && ! grep -qi error out &&
	mkdir c3 && (cd c3 && unzip -q ../t2-qti3.zip) &&
	test_grep "<qti-assessment-test" c3/miit-junior-theory-3.xml &&
	test "$(grep -c "<qti-assessment-item-ref " c3/miit-junior-theory-3.xml)" = 24
'

test_expect_success 'qti30: the same paper, said in QTI 3'"'"'s names' '
	tiku export --format qti30 --paper "$P" -o t3.zip 2>err && test ! -s err &&
	mkdir t3 && (cd t3 && unzip -q ../t3.zip) &&
	test "$(x t3/miit-junior-theory-3.xml "local-name(/*)")" = qti-assessment-test &&
	test "$(x t3/imsmanifest.xml "string(//$L=\"resource\"][1]/@type)")" = imsqti_test_xmlv3p0 &&
	$PAIR t2 t3
'

test_expect_success 'a skill paper: fill rubrics for scorers, the materials for the proctor, all valid' '
	tiku export --format qti21 --paper "$DATA/print/skill.xml" -o k2.zip 2>err && test ! -s err &&
	tiku export --format qti30 --paper "$DATA/print/skill.xml" -o k3.zip &&
	mkdir k2 k3 && (cd k2 && unzip -q ../k2.zip) && (cd k3 && unzip -q ../k3.zip) &&
	xmllint --noout --nonet --schema "$X/qtiv2p1/imsqti_v2p1.xsd" k2/miit-*.xml k2/items/*.xml &&
	F=$(grep -l "textEntryInteraction" k2/items/*.xml | head -n 1) &&
	test "$(x $F "count(//$L=\"rubricBlock\"][@view=\"scorer\"]//$L=\"li\"])")" -gt 0 &&
	grep -l "view=\"proctor\"" k2/items/*.xml >proctor && test -s proctor &&
	test_grep "计算机（装有电子表格软件）（每人1台）" $(cat proctor) &&
	$PAIR k2 k3
'

test_expect_success 'the points the paper gives, not the item'"'"'s own' '
	sed "s/<section type=\"truefalse\" points=\"5\">/<section type=\"truefalse\" points=\"2.5\">/" \
		"$DATA/papers/mini-paper.xml" >half.xml &&
	tiku export --format qti21 --paper half.xml -o h2.zip &&
	mkdir h2 && (cd h2 && unzip -q ../h2.zip) &&
	test "$(x h2/items/m19.xml "string(//$L=\"outcomeDeclaration\"][@identifier=\"MAXSCORE\"])")" = 2.5 &&
	test "$(x h2/items/m3.xml "string(//$L=\"outcomeDeclaration\"][@identifier=\"MAXSCORE\"])")" = 10 &&
	test "$(x h2/mini-l5-1.xml "string(//$L=\"outcomeDeclaration\"][@identifier=\"MAXSCORE\"])")" = 80 &&
	tiku export --format moodle --paper half.xml -o h.xml &&
	test "$(grep -c "<defaultgrade>2.5</defaultgrade>" h.xml)" = 8
'

test_expect_success 'an image beside the paper travels with it (or from --images)' '
	tiku export --format qti30 --paper "$DATA/render/hard.xml" -o i3.zip &&
	unzip -l i3.zip >list && S=$(sha256sum "$DATA/render/chart.png" | cut -c1-20) &&
	test_grep "media/$S.png" list &&
	mkdir pics && cp "$DATA/render/chart.png" pics/ && cp "$DATA/render/hard.xml" elsewhere.xml &&
	tiku export --format qti21 --paper elsewhere.xml --images pics -o i2.zip &&
	unzip -l i2.zip | test_grep "media/$S.png"
'

test_expect_success 'moodle: the paper'"'"'s items under one category named by the paper, in its order' '
	tiku export --format moodle --paper "$P" -o m.xml 2>err &&
	$CHECK moodle m.xml items.xml &&
	test "$(grep -c "<question type=\"category\">" m.xml)" = 1 &&
	test_grep -F "<text>\$course\$/客服联络咨询师（初级）理论知识考试 (miit-junior-theory-3)</text>" m.xml &&
	sed -n "s/.*<idnumber>\(.*\)<\/idnumber>.*/\1/p" m.xml >qs && test_cmp order qs
'

test_expect_success 'gift: the same, and what GIFT cannot carry is said item by item' '
	tiku export --format gift --paper "$P" -o g.gift 2>err &&
	$CHECK gift g.gift items.xml &&
	test "$(grep -c "^\$CATEGORY: " g.gift)" = 1 &&
	test_grep -F "\$CATEGORY: \$course\$/客服联络咨询师（初级）理论知识考试 (miit-junior-theory-3)" g.gift &&
	sed -n "s/^\([^:]*\): warning: GIFT has no question with .*/\1/p" err >left &&
	test "$(cat left)" = t-fill-1 && grep -vxF -f left order >want &&
	sed -n "s/^::\([^:]*\)::.*/\1/p" g.gift >qs && test_cmp want qs &&
	test_grep "^kf-j-t-B2.2.3-15: warning: GIFT carries no points: the item is worth 2," err
'

test_expect_success 'the same bytes twice' '
	tiku export --format qti21 --paper "$P" -o again.zip && cmp t2.zip again.zip &&
	tiku export --format qti30 --paper "$P" -o again3.zip && cmp t3.zip again3.zip
'

test_expect_success 'the help says it, from the declaration the options are parsed with' '
	tiku help export >help &&
	test_grep -- "--paper PAPER.xml" help && test_grep "qti21, qti30, moodle, gift" help &&
	test_grep -- "--format qti30" help
'

test_expect_code 2 '--paper with a format that holds no paper' '
	tiku export --format csv --paper "$P" -o p.csv
'
test_expect_code 2 '--paper with a filter of the bank'"'"'s items' '
	tiku export --format qti21 --paper "$P" --level 初级 -o p.zip
'
test_expect_code 2 'a paper as QTI needs -o FILE.zip' '
	tiku export --format qti30 --paper "$P"
'

test_expect_success 'a paper that is not well-formed: its file and line, exit 3, nothing written' '
	head -n 20 "$P" >broken.xml &&
	tiku export --format qti21 --paper broken.xml -o b.zip 2>err; rc=$?; cat err; test $rc = 3 &&
	test_grep "^broken.xml:[0-9]*: " err && test ! -e b.zip
'

test_expect_success 'a paper of a standard the bank does not hold: exit 3, nothing written' '
	sed "s/standard=\"miit-kflxzxs\"/standard=\"no-such\"/" "$P" >other.xml &&
	tiku export --format moodle --paper other.xml -o o.xml 2>err; rc=$?; cat err; test $rc = 3 &&
	test_grep "no-such" err && test ! -e o.xml
'

test_done
