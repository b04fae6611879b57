#!/bin/sh
# QTI 2.1 as other tools write it (TAO and Onyx style: an item per
# folder, a stylesheet, dependencies, qtiMetadata beside the LOM, the
# QTI namespace on a prefix, prompts holding the question, identifiers
# like choice_1, match_correct and map_response templates, a picture in
# the item's folder, a hotspot item): the fixture is valid QTI 2.1
# (xmllint with the official schemas); all-or-nothing with the hotspot
# named by identifier and file:line; --partial keeps the rest, field by
# field; the level and code from --level and --code where the LOM has
# none; the package zipped with its folder, or its manifest unpacked.
. "$(dirname "$0")/lib.sh"

P=$DATA/qti/tao-2.1
X=$ROOT/../shared/xsd/qti
PNG=$(sha256sum "$P/items/i002/assets/chart.png" | cut -c1-64)

test_expect_success 'the fixture is valid QTI 2.1 and IMS CP (xmllint, official schemas)' '
	for f in "$P"/items/*/qti.xml; do
		xmllint --noout --nonet --schema "$X/qtiv2p1/imsqti_v2p1.xsd" "$f" || exit 1
	done &&
	xmllint --noout --nonet --schema "$X/imscp_v1p1.xsd" "$P/imsmanifest.xml"
'

test_expect_code 3 'a hotspot item: nothing imported, the item named by identifier and file:line' '
	(cd "$P" && zip -qr "$TRASH/tao.zip" .) &&
	tiku import -q "$DATA/std/mini.xml" &&
	tiku import --level 五级 --code 2.1.1 tao.zip 2>err; rc=$?; cat err;
	test_grep "^tao.zip:items/i006/qti.xml:2: error: question .i1601234567890106.: hotspotInteraction: tiku has no form for it" err &&
	test "$(grep -c "error:" err)" = 1 &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM item")" = 0 && exit $rc
'

test_expect_success '--partial imports the other five' '
	tiku import --partial --level 五级 --code 2.1.1 tao.zip >out 2>err; rc=$?; cat out err;
	test $rc = 0 && test_grep "tao.zip: 6 items: 5 added" out &&
	tiku export -o tao.xml
'

# the item $1 of the export $2
item() {
	sed -n "/<item id=\"$1\"/,/<\/item>/p" "$2"
}

test_expect_success 'single choice: the prompt as the stem, choice_2 as B, the LOM'"'"'s code, keyword, difficulty, time' '
	item i1601234567890101 tao.xml >it &&
	test_grep "<item id=\"i1601234567890101\" version=\"1\" type=\"single\" level=\"l5\" kind=\"theory\" points=\"2\" difficulty=\"2\" time=\"90\" status=\"draft\">" it &&
	test_grep "<code>1.1.2</code>" it && ! grep -q "<code>2.1.1</code>" it &&
	test_grep "<keyword>研磨</keyword>" it &&
	test_grep "<stem>萃取一杯意式浓缩时，咖啡粉的研磨度应当<b>较细</b>还是较粗？</stem>" it &&
	test_grep "<option key=\"C\">与研磨度无关</option>" it &&
	test_grep "<answer>B</answer>" it
'

test_expect_success 'multiple choice: the picture in the item'"'"'s folder, kept in the bank; MAXSCORE' '
	item i1601234567890102 tao.xml >it &&
	test_grep "type=\"multiple\" level=\"l5\" kind=\"theory\" points=\"3\"" it &&
	test_grep "<code>2.1.1</code>" it &&
	test_grep "<stem><p>下图是一周四天的拿铁销量。</p><p><img src=\"$PNG.png\" alt=\"销量柱状图\" width=\"240\"/></p><p>哪些说法与图相符？</p></stem>" it &&
	test_grep "<answer>AC</answer>" it &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT name FROM image")" = "$PNG.png" &&
	sqlite3 "$TIKU_BANK" "SELECT writefile(\"chart.png\", data) FROM image" >/dev/null &&
	cmp chart.png "$P/items/i002/assets/chart.png"
'

test_expect_success 'true/false: True and False choices; points from response processing; the feedback' '
	item i1601234567890103 tao.xml >it &&
	test_grep "type=\"truefalse\" level=\"l5\" kind=\"theory\" points=\"1\"" it &&
	test_grep "<answer>true</answer>" it &&
	test_grep "<explanation>复述可以避免做错饮品。</explanation>" it
'

test_expect_success 'fill, the QTI namespace on a prefix: two gaps, the mapping'"'"'s positive keys' '
	item i1601234567890104 tao.xml >it &&
	test_grep "type=\"fill\" level=\"l5\" kind=\"theory\" points=\"2\"" it &&
	test_grep "<stem><p>萃取意式浓缩的压力约为 <gap/> bar，时间约为 <gap/> 秒。</p></stem>" it &&
	test_grep "<answer><blank>9|九</blank><blank>25-30|25～30</blank></answer>" it
'

test_expect_success 'essay: the candidate rubric in the stem, the scorer rubric as answer and criteria' '
	item i1601234567890105 tao.xml >it &&
	test_grep "type=\"short\" level=\"l5\" kind=\"theory\" points=\"6\"" it &&
	test_grep "<stem><p>请用三到五句话作答。</p><p>顾客说拿铁太凉了。你会怎样处理？</p></stem>" it &&
	test_grep "<answer><p>先道歉，再确认顾客想要的温度，然后重新制作。</p></answer>" it &&
	test_grep "<criterion points=\"2\">确认温度</criterion>" it &&
	test "$(grep -c "<criterion " it)" = 3
'

test_expect_success 'the package again changes nothing' '
	before=$(bank_sum) && tiku import -q --partial --level 五级 --code 2.1.1 tao.zip 2>/dev/null &&
	test "$(bank_sum)" = "$before"
'

test_expect_code 3 'without --level: each item says it has none' '
	export TIKU_BANK="$TRASH/bare.db" &&
	tiku import -q "$DATA/std/mini.xml" &&
	tiku import --partial tao.zip 2>err; rc=$?; cat err;
	test_grep "items/i002/qti.xml:2: error: question .i1601234567890102.: no level: .*give --level" err &&
	test "$(grep -c "no level" err)" = 5 &&
	test_grep "nothing imported: all 6 items were rejected" err &&
	exit $rc
'

test_expect_success 'without --code: the items the LOM gives no code come in as untagged drafts' '
	export TIKU_BANK="$TRASH/bare.db" &&
	tiku import -q --partial --level 五级 tao.zip 2>/dev/null &&
	test "$(tiku search --untagged --count)" = 4 &&
	tiku export -o bare.xml && item i1601234567890101 bare.xml >it &&
	test_grep "<code>1.1.2</code>" it
'

test_expect_success 'the package zipped with its folder, and its manifest unpacked, read the same' '
	mkdir z && cp -r "$P" z/tao && (cd z && zip -qr "$TRASH/folder.zip" tao) &&
	for f in folder.zip z/tao/imsmanifest.xml; do
		export TIKU_BANK="$TRASH/$(basename $f .xml).db" &&
		tiku import -q "$DATA/std/mini.xml" &&
		tiku import -q --partial --level 五级 --code 2.1.1 $f 2>err &&
		test_grep "i006/qti.xml:2: error: question .i1601234567890106.: hotspotInteraction" err &&
		tiku export -o x.xml && test_cmp tao.xml x.xml || exit 1
	done
'

test_done
