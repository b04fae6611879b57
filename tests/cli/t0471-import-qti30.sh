#!/bin/sh
# QTI 3.0 in: our QTI 2.1 package converted to QTI 3.0 by
# @citolab/qti-convert (qti-* elements, kebab-case attributes,
# qti-content-body) imports to the very items the 2.1 package gives; a
# package as another QTI 3.0 tool writes it (IEEE LOM in the manifest, a
# test, a JPEG picture, scorer rubric, modal feedback) imports field by
# field; one 3.0 item file; --format qti21 refuses 3.0 items.
. "$(dirname "$0")/lib.sh"

CONVERT="node $ROOT/tests/formats/node_modules/@citolab/qti-convert/dist/qti-convert-pkg.mjs"
P=$DATA/qti/qti-3.0
JPG=$(sha256sum "$P/images/route.jpg" | cut -c1-64)

test_expect_success 'setup: items of every type as QTI 2.1, and converted to QTI 3.0' '
	tiku import -q "$DATA/std/mini.xml" "$DATA/course/shop-items.xml" \
		"$DATA/course/cc/items.xml" "$DATA/lms/items.xml" &&
	tiku export --format qti21 --images "$DATA/course/shop/img" -o q.zip &&
	$CONVERT q.zip >out 2>&1; rc=$?; cat out; test $rc = 0 &&
	test_grep "Successfully converted the package" out &&
	mkdir q3 && (cd q3 && unzip -q ../q-qti3.zip) &&
	test_grep "<qti-extended-text-interaction" q3/items/cc-case.xml &&
	test_grep "<qti-content-body>" q3/items/cc-case.xml &&
	test_grep "response-identifier=" q3/items/lms-fill2.xml
'

test_expect_success 'the QTI 3.0 package gives the items the 2.1 package gives' '
	export TIKU_BANK="$TRASH/b21.db" &&
	tiku import -q "$DATA/std/mini.xml" q.zip && tiku export -o from21.xml &&
	export TIKU_BANK="$TRASH/b30.db" &&
	tiku import -q "$DATA/std/mini.xml" &&
	tiku import q-qti3.zip >out 2>err; rc=$?; cat out err; test $rc = 0 && test ! -s err &&
	test_grep "q-qti3.zip: 41 items: 41 added" out &&
	tiku export -o from30.xml && test_cmp from21.xml from30.xml
'

test_expect_success 'and the bank that exported them, but for what QTI does not carry' '
	export TIKU_BANK="$TRASH/tiku.db" && tiku export -o before.xml &&
	H=$(sha256sum "$DATA/course/shop/img/beans.png" | cut -c1-64) &&
	sed -e "s/ status=\"[a-z]*\"//" -e "s/src=\"beans.png\"/src=\"$H.png\"/" before.xml >b &&
	sed -e "s/ status=\"[a-z]*\"//" from30.xml >a && test_cmp b a
'

test_expect_success 'tiku'"'"'s own QTI 3.0 export (IEEE LOM, QTI 3 packaging) gives the same items' '
	export TIKU_BANK="$TRASH/tiku.db" &&
	tiku export --format qti30 --images "$DATA/course/shop/img" -o own30.zip &&
	export TIKU_BANK="$TRASH/own30.db" &&
	tiku import -q "$DATA/std/mini.xml" && tiku import own30.zip >out 2>err; rc=$?; cat out err;
	test $rc = 0 && test ! -s err && tiku export -o own30.xml && test_cmp from21.xml own30.xml
'

test_expect_success 'the 3.0 package again changes nothing; --format qti30 reads it too' '
	export TIKU_BANK="$TRASH/b30.db" &&
	before=$(bank_sum) && tiku import -q q-qti3.zip && tiku import -q --format qti30 q-qti3.zip &&
	test "$(bank_sum)" = "$before"
'

test_expect_code 3 '--format qti21 refuses QTI 3.0 items, each named' '
	export TIKU_BANK="$TRASH/b30.db" &&
	tiku import --format qti21 q-qti3.zip 2>err; rc=$?; cat err;
	test "$(grep -c "error: question .*: a QTI 3.0 item, and the format asked for is QTI 2.1" err)" = 41 &&
	exit $rc
'

test_expect_success 'a package another QTI 3.0 tool wrote: every item imports' '
	(cd "$P" && zip -qr "$TRASH/tool.zip" .) &&
	export TIKU_BANK="$TRASH/tool.db" &&
	tiku import -q "$DATA/std/mini.xml" &&
	tiku import tool.zip >out 2>err; rc=$?; cat out err; test $rc = 0 &&
	test_grep "tool.zip: 5 items: 5 added" out &&
	tiku export -o tool.xml
'

# the item $1 of the export $2
item() {
	sed -n "/<item id=\"$1\"/,/<\/item>/p" "$2"
}

test_expect_success 'single choice: IEEE LOM level, code, keyword, difficulty, time; prompt, picture, feedback' '
	item route-01 tool.xml >it &&
	test_grep "<item id=\"route-01\" version=\"1\" type=\"single\" level=\"l5\" kind=\"theory\" points=\"1.5\" difficulty=\"2\" time=\"120\" status=\"draft\">" it &&
	test_grep "<code>2.1.1</code>" it && test_grep "<keyword>咖啡</keyword>" it &&
	test_grep "<stem><img src=\"$JPG.jpg\" alt=\"店内路线图\"/><p>店内路线图</p><p>按图，从吧台到<i>靠窗座位</i>最短的路线是哪一条？</p></stem>" it &&
	test_grep "<option key=\"B\">路线二：沿墙直行</option>" it &&
	test_grep "<answer>B</answer>" it &&
	test_grep "<explanation><p>沿墙直行不经过收银台的排队区，也不进入后厨。</p></explanation>" it
'

test_expect_success 'the JPEG picture is kept in the bank, its bytes the package'"'"'s' '
	export TIKU_BANK="$TRASH/tool.db" &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT name || \" \" || type FROM image")" = "$JPG.jpg jpeg" &&
	sqlite3 "$TIKU_BANK" "SELECT writefile(\"pic.jpg\", data) FROM image" >/dev/null &&
	cmp pic.jpg "$P/images/route.jpg"
'

test_expect_success 'multiple choice: identifiers become keys, points from SCORE'"'"'s normal-maximum' '
	item steps-02 tool.xml >it &&
	test_grep "type=\"multiple\" level=\"l5\" kind=\"theory\" points=\"2\" difficulty=\"3\"" it &&
	test_grep "<option key=\"A\">问候顾客</option>" it &&
	test_grep "<option key=\"D\">致谢</option>" it &&
	test_grep "<answer>ACD</answer>" it
'

test_expect_success 'true/false: two choices 正确 and 错误' '
	item cold-03 tool.xml >it &&
	test_grep "type=\"truefalse\" level=\"l5\" kind=\"theory\" points=\"1\"" it &&
	test_grep "<code>1.1.1</code>" it && test_grep "<answer>false</answer>" it &&
	! grep -q "<option" it
'

test_expect_success 'fill: the text entry a gap, the mapping'"'"'s keys the accepted texts' '
	item ratio-04 tool.xml >it &&
	test_grep "type=\"fill\" level=\"l5\" kind=\"theory\" points=\"2\" difficulty=\"4\" time=\"45\"" it &&
	test_grep "<stem><p>一杯标准意式浓缩的粉水比约为 <gap/>。</p></stem>" it &&
	test_grep "<answer><blank>1:2|1比2</blank></answer>" it
'

test_expect_success 'case: its type from the LOM, the table, answer and criteria of the scorer rubric' '
	item complaint-05 tool.xml >it &&
	test_grep "type=\"case\" level=\"l5\" kind=\"skill\" points=\"10\" difficulty=\"3\" time=\"600\"" it &&
	test_grep "<table><tr><th>时间</th><th>饮品</th></tr><tr><td>10:05</td><td>热拿铁</td></tr></table>" it &&
	test_grep "<answer><p>致歉，撤下饮品，重新制作，记录并上报。</p></answer>" it &&
	test_grep "<criterion points=\"4\">撤下并重做</criterion>" it &&
	test "$(grep -c "<criterion " it)" = 3
'

test_expect_success 'the tool'"'"'s package again changes nothing' '
	export TIKU_BANK="$TRASH/tool.db" &&
	before=$(bank_sum) && tiku import -q tool.zip && test "$(bank_sum)" = "$before"
'

test_expect_success 'one QTI 3.0 item file, with --level and --code' '
	export TIKU_BANK="$TRASH/one.db" &&
	tiku import -q "$DATA/std/mini.xml" &&
	tiku import -q --level 五级 --code 1.1.2 "$P/items/ratio.xml" &&
	tiku export -o one.xml &&
	test_grep "<item id=\"ratio-04\" version=\"1\" type=\"fill\" level=\"l5\" kind=\"theory\" points=\"2\" difficulty=\"3\" status=\"draft\">" one.xml &&
	test_grep "<code>1.1.2</code>" one.xml
'

test_done
