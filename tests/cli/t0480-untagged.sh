#!/bin/sh
# Untagged drafts: an item without a requirement code, from any reader
# (CSV, an Excel workbook and a Word document made by LibreOffice, the
# pasted text layout, Moodle XML, GIFT, tiku's XML), comes in as a draft
# that lint flags 'untagged'; it can be searched (--untagged), edited and
# tagged, but never sent to review, reviewed, approved, drawn by the
# assembler or put on a paper by hand until it has a code -- a file or a
# command that says otherwise is refused with a message saying why.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
M=$DATA/std/mini.xml

untagged() {
	sqlite3 "$TIKU_BANK" "SELECT count(*) FROM item i WHERE NOT EXISTS
	  (SELECT 1 FROM item_code c WHERE c.item = i.rowid)"
}
status() {
	sqlite3 "$TIKU_BANK" "SELECT status FROM item WHERE id = '$1'"
}

test_expect_success 'set up: the fixtures, none of them with a code' '
	tiku import -q "$S" &&
	cat >paste.txt <<-\EOF &&
	一、单项选择题
	1. 五笔字型输入法中，汉字的三种字型是（　）。
	A. 左右型、上下型、杂合型  B. 横、竖、撇
	C. 点、横、竖  D. 一、二、三
	答案：A

	二、判断题
	2. 客户来电时，坐席首先应当报工号并问候。（√）
	EOF
	printf "题型,题干,选项A,选项B,选项C,选项D,答案\n单选,外呼前应当准备的资料是（　）。,客户资料与话术,天气预报,午餐菜单,无需准备,A\n" >rows.csv &&
	cat >moodle.xml <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<quiz>
	  <question type="category"><category><text>$course$/初级</text></category></question>
	  <question type="truefalse">
	    <name><text>外呼时段</text></name>
	    <questiontext format="html"><text>外呼营销应避开客户休息时间。</text></questiontext>
	    <answer fraction="100"><text>true</text></answer>
	    <answer fraction="0"><text>false</text></answer>
	  </question>
	</quiz>
	EOF
	printf "\$CATEGORY: \$course\$/初级\n\n::回访::电话回访应当先核实客户身份。{T}\n" >quiz.gift &&
	cat >items.xml <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<items xmlns="urn:tiku:items:1" standard="miit-kflxzxs">
	  <item id="u-xml-1" type="truefalse" level="junior" kind="theory" points="1" difficulty="2" status="draft">
	    <stem>在线服务中可以使用网络流行语拉近与客户的距离。</stem>
	    <answer>false</answer>
	  </item>
	</items>
	EOF
	printf "<html><body><p>1. 投诉处理的第一步是（　）。</p><p>A. 倾听客户诉求</p><p>B. 承诺赔偿</p><p>答案：A</p></body></html>\n" >word.html &&
	soffice -env:UserInstallation="file://$TRASH/lo-profile" --headless \
		--convert-to "docx:MS Word 2007 XML" --outdir "$TRASH/lo" word.html >lo.log 2>&1 &&
	soffice -env:UserInstallation="file://$TRASH/lo-profile" --headless \
		--infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$TRASH/lo" rows.csv >>lo.log 2>&1 &&
	test -s lo/word.docx && test -s lo/rows.xlsx
'

test_expect_success 'every reader brings items without a code in as untagged drafts' '
	tiku import --level 初级 paste.txt >out &&
	test_grep "^paste.txt: 2 items: 2 added" out &&
	test_grep "^paste.txt: 2 untagged items, drafts until tagged (tiku search --untagged; tiku suggest ID)$" out &&
	tiku import --level 初级 rows.csv >out && test_grep "rows.csv: 1 untagged items" out &&
	TIKU_BANK=$TRASH/x.db tiku import -q "$S" &&
	TIKU_BANK=$TRASH/x.db tiku import --level 初级 lo/rows.xlsx >out &&
	test_grep "rows.xlsx: 1 untagged items" out &&
	tiku import --level 初级 lo/word.docx >out && test_grep "word.docx: 1 untagged items" out &&
	tiku import moodle.xml >out && test_grep "moodle.xml: 1 untagged items" out &&
	tiku import quiz.gift >out && test_grep "quiz.gift: 1 untagged items" out &&
	tiku import items.xml >out && test_grep "items.xml: 1 untagged items" out &&
	test "$(untagged)" = 7 &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT DISTINCT status FROM item")" = draft
'

test_expect_success 'lint flags each one as untagged, a warning naming the item' '
	tiku lint >out &&
	test "$(grep -c "warning: item .*: untagged: no requirement code yet; it stays a draft until tagged (tiku suggest " out)" = 7 &&
	test_grep "items.xml:3: warning: item .u-xml-1.: untagged" out &&
	test_grep "^0 errors, " out
'

test_expect_success 'search --untagged lists them, with the other filters; export too' '
	tiku search --untagged -n 0 >out 2>err &&
	test "$(wc -l <out)" = 7 && test_grep "^u-xml-1 " out &&
	test "$(tiku search --untagged --count)" = 7 &&
	test "$(tiku search --untagged --type truefalse --count)" = 4 &&
	test "$(tiku search --untagged 投诉 --count)" = 1 &&
	tiku export --untagged -o un.xml && test "$(grep -c "<item " un.xml)" = 7 &&
	! grep -q "<code>" un.xml
'

test_expect_success 'a file that says an untagged item is approved or in review is refused' '
	before=$(bank_sum) &&
	sed "s/status=\"draft\"/status=\"approved\"/; s/u-xml-1/u-xml-2/" items.xml >approved.xml &&
	{ tiku import approved.xml 2>err; test $? = 3; } &&
	test_grep "approved.xml:3: error: item .u-xml-2.: no requirement code: an untagged item can only be a draft, not approved (tag it first: tiku suggest u-xml-2)" err &&
	printf "题型,题干,选项A,选项B,答案,状态\n单选,另一道没有代码的题（　）。,甲,乙,A,已审核\n" >st.csv &&
	{ tiku import --level 初级 st.csv 2>err; test $? = 3; } &&
	test_grep "st.csv:2: error: .*an untagged item can only be a draft, not approved" err &&
	{ tiku import --level 初级 --status review rows.csv 2>err; test $? = 3; } &&
	test_grep "not review" err &&
	test "$(bank_sum)" = "$before"
'

test_expect_success 'an untagged item is shown, and edited like any other' '
	tiku show u-xml-1 >out &&
	test_grep "^codes: none -- untagged, a draft until tagged (tiku suggest u-xml-1)$" out &&
	tiku set u-xml-1 difficulty=4 "explanation=网络流行语不规范。" >out &&
	test_grep "^u-xml-1 v2: " out && test "$(status u-xml-1)" = draft &&
	printf "#!/bin/sh\nsed -i \"s/^难度：.*/难度：5/\" \"\$1\"\n" >ed.sh && chmod +x ed.sh &&
	EDITOR=$TRASH/ed.sh tiku edit u-xml-1 >out && test_grep "saved u-xml-1 version 3" out
'

test_expect_success 'never sent to review, reviewed or approved: each route says why' '
	before=$(bank_sum) &&
	{ tiku set u-xml-1 status=review 2>err; test $? = 3; } &&
	test_grep "no requirement code: an untagged item can only be a draft, not review" err &&
	{ tiku --by 李老师 review u-xml-1 --approve 2>err; test $? = 3; } &&
	test_grep "item .u-xml-1. is untagged: an item without a requirement code is neither reviewed nor approved; tag it first (tiku suggest u-xml-1, then tiku tag u-xml-1 --accept or +CODE)" err &&
	{ tiku --by 李老师 review u-xml-1 --reject 2>err; test $? = 3; } &&
	test_grep "is untagged" err &&
	test "$(bank_sum)" = "$before" &&
	tiku --by 李老师 review u-xml-1 --comment "需要补充知识点" >out &&
	test_grep "comment by 李老师 kept" out
'

test_expect_success 'the same from Lua: found, edited, refused review' '
	cat >u.lua <<-\EOF &&
	local bank = tiku.open(nil, { user = "王老师" })
	local n = 0
	for item in bank:items { untagged = true } do
	  assert(#item.codes == 0 and item.status == "draft")
	  n = n + 1
	end
	assert(n == 7 and bank:count { untagged = true, type = "single" } == 3)
	assert(bank:set("u-xml-1", "difficulty", 3))
	local ok, msg = bank:set("u-xml-1", "status", "review")
	assert(not ok and msg:find("an untagged item can only be a draft"), msg)
	ok, msg = bank:review("u-xml-1", "approve")
	assert(not ok and msg:find("is untagged"), msg)
	local it = bank:get("u-xml-1")
	it.status = "review"
	ok, msg = bank:save(it)
	assert(not ok and msg:find("untagged"), msg)
	ok, msg = bank:save { id = "u-lua-1", type = "truefalse", level = "初级",
	                      stem = "坐席可以向第三方透露客户的通话记录。", answer = false }
	assert(ok, msg)
	assert(bank:get("u-lua-1").status == "draft" and bank:count { untagged = true } == 8)
	local st = bank:import(os.getenv("TRASH") .. "/rows.csv", { level = "初级" })
	assert(st.untagged == 1 and st.unchanged == 1)
	print("ok")
	EOF
	TRASH=$TRASH tiku run u.lua >out && test_grep "^ok$" out
'

test_expect_success 'never drawn: the assembler passes them by, even for a blueprint taking drafts' '
	TIKU_BANK=$TRASH/mini.db && export TIKU_BANK &&
	tiku import -q "$M" &&
	{ echo "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" &&
	  echo "<items xmlns=\"urn:tiku:items:1\" standard=\"test-barista\">" &&
	  for i in 1 2 3 4 5 6 7 8 9; do
	    echo "<item id=\"art-$i\" type=\"truefalse\" level=\"l4\" kind=\"theory\" points=\"1\" difficulty=\"3\" status=\"draft\"><code>1.1.1</code><stem>奶泡题$i。</stem><answer>true</answer></item>"
	  done &&
	  echo "<item id=\"safe-1\" type=\"truefalse\" level=\"l4\" kind=\"theory\" points=\"1\" difficulty=\"3\" status=\"draft\"><code>B2.2.1</code><stem>食品安全题。</stem><answer>true</answer></item>" &&
	  for i in 1 2 3 4 5; do
	    echo "<item id=\"none-$i\" type=\"truefalse\" level=\"l4\" kind=\"theory\" points=\"1\" difficulty=\"3\" status=\"draft\"><stem>没有代码的题$i。</stem><answer>true</answer></item>"
	  done &&
	  echo "</items>"; } >mini-items.xml &&
	tiku import -q mini-items.xml &&
	cat >bp.xml <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<blueprint xmlns="urn:tiku:blueprint:1" id="bp-draft" standard="test-barista" level="l4" kind="theory">
	  <title>四级练习</title>
	  <points>10</points>
	  <duration>30</duration>
	  <section type="truefalse" count="10" points="1"><title>判断题</title></section>
	  <weights tolerance="0"/>
	  <status>draft review approved</status>
	</blueprint>
	EOF
	for seed in 1 2 3 4 5; do
		tiku assemble --blueprint bp.xml --seed $seed -o p$seed.xml >/dev/null &&
		! grep -q "none-" p$seed.xml && test "$(grep -c "<item " p$seed.xml)" = 10 || return 1
	done
'

test_expect_success 'never put on a paper by hand' '
	TIKU_BANK=$TRASH/mini.db && export TIKU_BANK &&
	tiku paper new hand --blueprint bp.xml >/dev/null &&
	before=$(bank_sum) &&
	{ tiku paper add hand none-1 2>err; test $? = 3; } &&
	test_grep "item .none-1. is untagged: an item without a requirement code goes on no paper until it is tagged (tiku suggest none-1)" err &&
	test "$(bank_sum)" = "$before" &&
	tiku paper add hand art-1 safe-1 >/dev/null
'

test_expect_success 'tagged, it is an item like any other: reviewed, approved, drawn' '
	TIKU_BANK=$TRASH/mini.db && export TIKU_BANK &&
	tiku tag none-1 +1.1.1 >out && test_grep "^none-1 v2: codes +1.1.1$" out &&
	tiku search --untagged --count >n && test "$(cat n)" = 4 &&
	tiku set none-1 status=review >/dev/null &&
	tiku --by 李老师 review none-1 --approve >out && test_grep "approved by 李老师" out &&
	tiku paper add hand none-1 >out && test_grep "^paper hand: 3 items, 3 of 10 points$" out &&
	tiku paper export hand -o hand.xml >/dev/null && test_grep -q "id=\"none-1\"" hand.xml
'

test_expect_success 'undo of the tag makes it untagged again, and the rules hold again' '
	TIKU_BANK=$TRASH/mini.db && export TIKU_BANK &&
	tiku tag none-2 +1.1.1 >/dev/null && tiku undo >/dev/null &&
	test "$(tiku search --untagged --count)" = 4 &&
	{ tiku set none-2 status=review 2>/dev/null; test $? = 3; }
'

test_done
