#!/bin/sh
# tiku suggest: the requirement codes of the standard ranked for an item
# by how close its text is to each requirement's own text (bm25 inside
# SQLite, search's tokenizer), the best three shown with their text,
# columns lined up by display width; --json for programs; tiku import
# --suggest for the untagged items imported; tiku tag ID --accept takes
# the first, as one undoable command.  Only the item's text, level and
# kind count: its codes never do, and only codes it may carry (its level,
# its kind) are ranked -- for any standard, the test one included.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
M=$DATA/std/mini.xml

test_expect_success 'set up: two standards, the sample items, a paste without codes' '
	tiku import -q "$S" "$M" "$DATA/items/good.xml" &&
	tiku standard default miit-kflxzxs &&
	cat >paste.txt <<-\EOF &&
	1. 五笔字型输入法中，汉字的三种字型是（　）。
	A. 左右型、上下型、杂合型  B. 横、竖、撇
	C. 点、横、竖  D. 一、二、三
	答案：A

	2. ΑΒΓ（　）
	A. Ω B. Ψ
	答案：A
	EOF
	tiku import -q --level 初级 paste.txt &&
	tiku search --untagged -n 0 | cut -d" " -f1 >ids && test "$(wc -l <ids)" = 2 &&
	W=$(tiku search 五笔 --untagged | cut -d" " -f1) && echo "$W" >wubi &&
	N=$(tiku search --untagged --type single -n 0 | grep -v "$W" | cut -d" " -f1) && echo "$N" >none
'

test_expect_success 'the best three, with their requirement text, lined up' '
	W=$(cat wubi) &&
	tiku suggest "$W" >out &&
	cat >expect <<-EOF &&
	$W  初级 theory single  五笔字型输入法中，汉字的三种字型是（　）。
	  1  2.1.2    五笔输入法的录入方法                           26.6
	  2  2.1.1    拼音输入法的录入方法                           21.6
	  3  3.1.1    计算机操作系统的基本使用知识                    1.1
	EOF
	test_cmp expect out
'

test_expect_success '--json: the same for programs' '
	W=$(cat wubi) &&
	tiku suggest --json "$W" t-single-1 >out.json &&
	node -e "
		const v = JSON.parse(require(\"fs\").readFileSync(\"out.json\", \"utf8\"));
		if (v.length !== 2 || v[0].id !== \"$W\" || v[0].codes.length !== 0) throw new Error(\"items\");
		const s = v[0].suggestions;
		if (s.length !== 3 || s[0].code !== \"2.1.2\" || s[0].text !== \"五笔输入法的录入方法\") throw new Error(\"first\");
		if (!(s[0].score > s[1].score && s[1].score > s[2].score)) throw new Error(\"order\");
		if (v[1].codes[0] !== \"1.1.2\" || v[1].level !== \"junior\") throw new Error(\"tagged\");
	"
'

test_expect_success 'a tagged item: its codes marked where they rank' '
	tiku suggest t-single-1 >out &&
	test_grep "^  tagged: 1.1.2$" out &&
	test_grep "^  [123] \*1.1.2 " out
'

test_expect_success 'only the text counts: the same text untagged ranks the same' '
	tiku export | sed -n "/id=\"t-single-1\"/,/<\/item>/p" |
		sed -e "s/t-single-1/copy-1/" -e "/<code>/d" -e "s/ version=\"[0-9]*\"//" \
		    -e "s/status=\"[a-z]*\"/status=\"draft\"/" >item &&
	{ echo "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" &&
	  echo "<items xmlns=\"urn:tiku:items:1\" standard=\"miit-kflxzxs\">" && cat item &&
	  echo "</items>"; } >copy.xml &&
	tiku import -q copy.xml &&
	tiku suggest t-single-1 | grep "^  [0-9]" | tr -d "*" | sed "s/  */ /g" >a &&
	tiku suggest copy-1 | grep "^  [0-9]" | sed "s/  */ /g" >b &&
	test_cmp a b && test "$(wc -l <b)" = 3
'

test_expect_success 'only codes the item may carry: its level and kind, for any standard' '
	printf "一、简答题\n1. 请说明坐席如何进行客户满意度调查并分析调查结果。\n答案：设计问卷，抽样回访，统计分析。\n分值：10\n" >mid.txt &&
	tiku import -q --level 高级 --kind skill mid.txt &&
	H=$(tiku search --untagged --level 高级 | cut -d" " -f1) &&
	tiku suggest --json -n 32 "$H" >h.json &&
	node -e "
		const v = JSON.parse(require(\"fs\").readFileSync(\"h.json\", \"utf8\"));
		for (const s of v[0].suggestions) if (s.code.startsWith(\"B\")) throw new Error(s.code);
		if (v[0].suggestions.length < 3) throw new Error(\"few\");
	" &&
	tiku tag "$H" --accept >/dev/null &&
	{ tiku lint --errors-only >out; test $? -le 1; } && ! grep "$H" out &&
	printf "1. 研磨度过粗时，意式浓缩的萃取时间会（　）。\nA. 变短 B. 变长\n答案：A\n" >cafe.txt &&
	tiku import -q --standard test-barista --level 五级 cafe.txt &&
	C=$(tiku search --untagged --standard test-barista | cut -d" " -f1) &&
	tiku suggest "$C" >out &&
	test_grep "^  1  1.1.2    研磨度的知识 " out && test_grep "^  2  1.1.1    萃取参数的知识 " out &&
	! grep "^  3 " out
'

test_expect_success 'an item no requirement shares a word with: no suggestion, nothing to accept' '
	N=$(cat none) &&
	tiku suggest "$N" >out &&
	test_grep "^  no requirement shares a word with it: tag it by hand$" out &&
	before=$(bank_sum) &&
	{ tiku tag "$N" --accept 2>err; test $? = 3; } &&
	test_grep "shares no word with any requirement it may carry: nothing to accept, tag it by hand" err &&
	test "$(bank_sum)" = "$before"
'

test_expect_success 'bad arguments' '
	{ tiku suggest 2>err; test $? = 2; } && test_grep "usage: tiku suggest" err &&
	{ tiku suggest no-such-item 2>err; test $? = 3; } && test_grep "no item .no-such-item. in the bank" err &&
	{ tiku suggest -n 0 t-single-1 2>err; test $? = 2; } &&
	{ tiku suggest -n 33 t-single-1 2>err; test $? = 2; } &&
	{ tiku suggest --untagged t-single-1 2>err; test $? = 2; } && test_grep "not both" err &&
	{ tiku tag t-single-1 --accept +1.1.1 2>err; test $? = 2; } &&
	test_grep "takes items only" err &&
	{ tiku keyword t-single-1 --accept 2>err; test $? = 2; } &&
	test "$(tiku suggest -n 5 t-single-1 | grep -c "^  [0-9]")" = 5
'

test_expect_success 'tag --accept takes the first, as an undoable command' '
	W=$(cat wubi) && n=$(tiku log | grep -c "^#") &&
	tiku tag "$W" --accept >out &&
	echo "$W v2: codes +2.1.2" >expect && test_cmp expect out &&
	test "$(tiku log | grep -c "^#")" = $((n + 1)) &&
	tiku log -n 1 | test_grep "tag .*accept the first suggested code for $W" &&
	before=$(bank_sum) &&
	{ tiku tag "$W" --accept 2>err; test $? = 3; } &&
	test_grep "item .$W. is tagged already (2.1.2): --accept tags untagged items" err &&
	test "$(bank_sum)" = "$before" &&
	tiku undo >/dev/null &&
	tiku search --untagged | test_grep -q "^$W "
'

test_expect_success 'tag --accept of several items is one command: all or none' '
	W=$(cat wubi) && N=$(cat none) &&
	before=$(bank_sum) &&
	{ tiku tag --accept "$W" "$N" 2>err; test $? = 3; } &&
	test "$(bank_sum)" = "$before" &&
	tiku import -q --level 初级 paste.txt &&
	printf "1. 坐席接听来电时应当使用标准普通话，吐字清晰。（√）\n" >more.txt &&
	tiku import -q --level 初级 more.txt &&
	P=$(tiku search 普通话 --untagged | cut -d" " -f1) &&
	n=$(tiku log | grep -c "^#") &&
	tiku tag --accept "$W" "$P" >out &&
	test "$(tiku log | grep -c "^#")" = $((n + 1)) &&
	test_grep "$W v2: codes +2.1.2; $P v2: codes +" out
'

test_expect_success 'import --suggest: the codes for each untagged item it brought in' '
	export TIKU_BANK=$TRASH/imp.db &&
	tiku import -q "$S" &&
	cat >mixed.txt <<-\EOF &&
	1. 五笔字型输入法中，“的”是一级简码字（　）。
	A. 对 B. 错
	答案：A

	2. 拼音输入法中，全拼输入需要输入完整的拼音（　）。
	A. 对 B. 错
	答案：A
	知识点：2.1.1
	EOF
	tiku import --suggest --level 初级 mixed.txt >out &&
	test_grep "^mixed.txt: 1 untagged items" out &&
	test_grep "^codes suggested for the 1 untagged items (tiku tag ID --accept takes the first):$" out &&
	test "$(grep -c "^txt-.*  初级 theory single  " out)" = 1 &&
	test_grep "^  1  2.1.2    五笔输入法的录入方法 " out &&
	tiku import --suggest --level 初级 mixed.txt >out &&
	! grep -q "codes suggested" out
'

test_expect_success 'Lua: suggest by id or item; the index follows a changed standard' '
	export TIKU_BANK=$TRASH/lua.db &&
	tiku import -q "$M" &&
	sed "s|<knowledge code=\"1.1.1\">奶泡原理</knowledge>|<knowledge code=\"1.1.1\">奶泡原理与牛奶温度</knowledge>|" "$M" >mini2.xml &&
	! cmp -s "$M" mini2.xml &&
	cat >s.lua <<-\EOF &&
	local bank = tiku.open()
	assert(bank:save { id = "milk-1", type = "truefalse", level = "四级",
	                   stem = "打发奶泡时牛奶温度不宜超过七十度。", answer = true })
	local s = assert(bank:suggest("milk-1"))
	assert(#s == 1 and s[1].code == "1.1.1" and s[1].text == "奶泡原理", s[1].text)
	local before = s[1].score
	assert(bank:import(os.getenv("TRASH") .. "/mini2.xml"))
	s = assert(bank:suggest("milk-1"))
	assert(s[1].text == "奶泡原理与牛奶温度" and s[1].score > before)
	local t = bank:get("milk-1")
	t.level = "九级"
	local none, msg = bank:suggest(t)
	assert(none == nil and msg:find("not a level of test%-barista"), msg)
	assert(bank:accept { "milk-1" }[1] == "1.1.1")
	print("ok")
	EOF
	TRASH=$TRASH tiku run s.lua >out && test_grep "^ok$" out
'

test_done
