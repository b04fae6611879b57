#!/bin/sh
# QTI 2.1 in: a bank exported as a QTI 2.1 package comes back, item type
# by item type, with every field QTI carries (the LOM's level, kind,
# codes, keywords, difficulty and time; an open item's type; points,
# options, answers, blanks and their accepted texts, rubrics, the
# explanation, tables and pictures, the picture kept in the bank);
# importing it again changes nothing; the package unpacked (its
# imsmanifest.xml) and one item file read as the zip does.
. "$(dirname "$0")/lib.sh"

IMG=$DATA/course/shop/img
HASH=$(sha256sum "$IMG/beans.png" | cut -c1-64)

# what QTI does not carry, dropped from both sides: status, author,
# statistics, enemies; a picture is named by its content in the bank
strip() {
	sed -e 's/ status="[a-z]*"//' -e 's/ author="[^"]*"//' -e '/<stats /d' -e '/<enemy /d' \
		-e "s/src=\"beans.png\"/src=\"$HASH.png\"/" "$1"
}

# the items of type $1 in the export $2
of_type() {
	awk -v t="type=\"$1\"" 'index($0, "<item ") { keep = index($0, t) > 0 } keep { print }
		index($0, "</item>") { keep = 0 }' "$2"
}

test_expect_success 'setup: the test standard, items of every type, a picture' '
	tiku import -q "$DATA/std/mini.xml" "$DATA/course/shop-items.xml" \
		"$DATA/course/cc/items.xml" "$DATA/lms/items.xml" &&
	tiku export -o before.xml &&
	tiku export --format qti21 --images "$IMG" -o q.zip &&
	for t in single multiple truefalse fill short case task; do
		grep -q "type=\"$t\"" before.xml || { echo "no $t item"; exit 1; }
	done
'

test_expect_success 'round trip: tiku -> QTI 2.1 -> tiku keeps every field QTI carries' '
	export TIKU_BANK="$TRASH/back.db" &&
	tiku import -q "$DATA/std/mini.xml" &&
	tiku import q.zip >out 2>err; rc=$?; cat out err; test $rc = 0 &&
	test_grep "q.zip: 41 items: 41 added, 0 changed, 0 unchanged" out &&
	test ! -s err &&
	tiku export -o after.xml &&
	strip before.xml >b && strip after.xml >a && test_cmp b a
'

for t in single multiple truefalse fill short case task; do
	test_expect_success "round trip, $t items: each field as it was" '
		strip before.xml >b && strip after.xml >a &&
		of_type '"$t"' b >b.'"$t"' && of_type '"$t"' a >a.'"$t"' &&
		test -s b.'"$t"' && test_cmp b.'"$t"' a.'"$t"'
	'
done

test_expect_success 'the kind and an open item'"'"'s type come from the LOM' '
	test_grep "<item id=\"cc-case\" version=\"1\" type=\"case\" level=\"l5\" kind=\"skill\"" after.xml &&
	test_grep "<item id=\"cc-task\" version=\"1\" type=\"task\" level=\"l5\" kind=\"skill\"" after.xml &&
	test_grep "<item id=\"shop-short\" version=\"1\" type=\"short\" level=\"l5\" kind=\"theory\"" after.xml
'

test_expect_success 'the picture is kept in the bank, and exports again from it' '
	export TIKU_BANK="$TRASH/back.db" &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT name || \" \" || type FROM image")" = "$HASH.png png" &&
	tiku export --format qti21 -o again.zip &&
	mkdir again && (cd again && unzip -q ../again.zip) &&
	cmp again/media/*.png "$IMG/beans.png"
'

test_expect_success 'importing the same package again changes nothing' '
	export TIKU_BANK="$TRASH/back.db" &&
	before=$(bank_sum) && tiku import q.zip >out && test "$(bank_sum)" = "$before" &&
	test_grep "41 unchanged" out
'

test_expect_success 'the package unpacked: its imsmanifest.xml reads the files beside it' '
	mkdir u && (cd u && unzip -q ../q.zip) &&
	export TIKU_BANK="$TRASH/unpacked.db" &&
	tiku import -q "$DATA/std/mini.xml" u/imsmanifest.xml &&
	tiku export -o unpacked.xml && cmp after.xml unpacked.xml
'

test_expect_success 'a package under another name, --format qti21 or by its content' '
	cp q.zip q.pkg &&
	export TIKU_BANK="$TRASH/back.db" && before=$(bank_sum) &&
	tiku import -q --format qti21 q.pkg && tiku import -q q.pkg &&
	tiku import -q --format qti q.pkg && test "$(bank_sum)" = "$before"
'

test_expect_code 3 '--format qti30 refuses QTI 2.1 items, each named' '
	tiku import -q "$DATA/std/mini.xml" &&
	tiku import --format qti30 q.zip 2>err; rc=$?; cat err;
	test "$(grep -c "error: question .*: a QTI 2 item, and the format asked for is QTI 3.0" err)" = 41 &&
	test_grep "q.zip:items/lms-single.xml:5: error: question .lms-single." err &&
	exit $rc
'

test_expect_success 'one item file: its fields, the level and code given on the command line' '
	export TIKU_BANK="$TRASH/one.db" &&
	tiku import -q "$DATA/std/mini.xml" &&
	tiku import -q --level 五级 --code 2.1.1 u/items/lms-fill2.xml &&
	tiku export -o one.xml &&
	test_grep "<item id=\"lms-fill2\" version=\"1\" type=\"fill\" level=\"l5\" kind=\"theory\" points=\"2\" difficulty=\"3\" status=\"draft\">" one.xml &&
	test_grep "<stem>比例 <gap/> 与符号 <gap/>。</stem>" one.xml &&
	test_grep -F "<answer><blank>1/2|一半</blank><blank>}#~\"\\</blank></answer>" one.xml
'

test_expect_success 'one item file with a picture beside it: the picture is kept' '
	mkdir one && cp u/media/*.png one/ &&
	sed "s|src=\"../media/|src=\"|" u/items/cc-task.xml >one/task.xml &&
	export TIKU_BANK="$TRASH/one.db" &&
	tiku import -q --level 五级 --code 2.1.1 one/task.xml &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT name FROM image")" = "$HASH.png" &&
	tiku export -o one.xml && test_grep "<img src=\"$HASH.png\" alt=\"一袋咖啡豆\"/>" one.xml
'

test_expect_code 3 'one item file reads no picture above its folder' '
	export TIKU_BANK="$TRASH/one.db" &&
	tiku import -q --level 五级 --code 2.1.1 u/items/cc-task.xml 2>err; rc=$?; cat err;
	test_grep "u/items/cc-task.xml:5: error: question .cc-task.: the image .../media/.*png. is outside the package" err &&
	exit $rc
'

test_expect_success 'a task'"'"'s materials come back from the proctor'"'"'s rubric block, 2.1 and 3.0' '
	cat >task.xml <<-EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<items xmlns="urn:tiku:items:1" standard="test-barista">
	  <item id="task-mat" version="1" type="task" level="l5" kind="skill" points="10" difficulty="3">
	    <code>2.1.1</code>
	    <stem>为一位顾客完成点单。</stem>
	    <answer>问候、点单、复述、收款。</answer>
	    <rubric>
	      <criterion points="10">步骤齐全</criterion>
	    </rubric>
	    <materials>
	      <site>吧台：已清洁</site>
	      <equipment quantity="每人1台">收银机（已开机）</equipment>
	      <material>点单卡</material>
	    </materials>
	  </item>
	</items>
	EOF
	export TIKU_BANK="$TRASH/mat.db" &&
	tiku import -q "$DATA/std/mini.xml" task.xml && tiku export -o mat-before.xml &&
	tiku export --format qti21 -o mat21.zip && tiku export --format qti30 -o mat30.zip &&
	for z in mat21 mat30; do
		TIKU_BANK="$TRASH/$z.db" tiku import -q "$DATA/std/mini.xml" $z.zip &&
		TIKU_BANK="$TRASH/$z.db" tiku export -o $z.xml &&
		strip mat-before.xml >b && strip $z.xml >a && test_cmp b a || exit 1
	done
'

test_expect_success 'the sample bank round trip: every field, the width pictures are shown at too' '
	B=$ROOT/banks/miit-kflxzxs &&
	export TIKU_BANK="$TRASH/sample.db" &&
	tiku import -q "$B/standard.xml" $(find "$B/items" -name "*.xml" | sort) &&
	tiku export -o s-before.xml && tiku export --format qti21 -o s.zip &&
	export TIKU_BANK="$TRASH/sample-back.db" &&
	tiku import -q "$B/standard.xml" && tiku import -q s.zip && tiku export -o s-after.xml &&
	strip s-before.xml >s-before.cmp && strip s-after.xml >s-after.cmp &&
	test_cmp s-before.cmp s-after.cmp &&
	test "$(grep -c "<img [^>]*width=" s-after.xml)" -gt 0 &&
	# the rubrics of open and fill items come back, and the pictures
	test "$(grep -c "<criterion " s-after.xml)" -gt 100 &&
	test "$(grep -c "<criterion " s-after.xml)" = "$(grep -c "<criterion " s-before.xml)" &&
	test "$(grep -c "<img " s-after.xml)" -gt 0 &&
	test "$(grep -c "<table>" s-after.xml)" = "$(grep -c "<table>" s-before.xml)"
'

test_expect_success 'a paper'"'"'s package, its assessmentTest beside the items: the items come in' '
	B=$ROOT/banks/miit-kflxzxs &&
	export TIKU_BANK="$TRASH/sample.db" &&
	tiku assemble --blueprint "$B/blueprints/junior-theory.xml" --seed 1 -o paper.xml >/dev/null &&
	tiku export --format qti21 --paper paper.xml -o paper.zip &&
	unzip -p paper.zip imsmanifest.xml | grep -q "imsqti_test_xmlv2p1" &&
	n=$(grep -c "<item " paper.xml) &&
	export TIKU_BANK="$TRASH/paper.db" &&
	tiku import -q "$B/standard.xml" && tiku import paper.zip >out && cat out &&
	test_grep "paper.zip: $n items: $n added" out
'

test_done
