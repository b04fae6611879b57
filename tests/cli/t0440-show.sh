#!/bin/sh
# tiku show and bank:show: an item as people read it -- the answer as
# people write it, codes with the standard's requirement text, status and
# who approved it, exposure on committed forms and practice papers, the
# statistics the bank holds -- and clear errors for unknown ids/versions.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
P=$DATA/papers

test_expect_success 'set up: the MIIT standard and good.xml' '
	tiku --by 王老师 import -q "$S" "$DATA/items/good.xml"
'
test_expect_success 'show: a fill item, its answer as people write it, never the storage syntax' '
	tiku show t-fill-1 >out &&
	head -1 out | test_grep "^t-fill-1 v1$" &&
	test_grep "^type fill · level 初级 (junior) · theory · points 2 · difficulty 3$" out &&
	test_grep "^status: draft$" out &&
	test_grep "^  （1）接通量；（2）呼入量（或 进线量）$" out &&
	! grep -e "<blank>" -e "|" out
'
test_expect_success 'show: each code with the requirement it names in the standard' '
	tiku show t-task-1 >out &&
	test_grep "^  1.1.1  能够使用标准普通话处理客户来电$" out &&
	test_grep "^  1.1.2  能够通过电话按照服务要求和服务规范提供应答服务$" out &&
	test_grep "^  (4) 开头语、结束语规范$" out &&
	test_grep "^not on a paper with: t-single-1$" out
'
test_expect_success 'show: stem, options, answer, explanation as text' '
	tiku show t-single-1 >out &&
	test_grep "^  坐席接听客户来电时，标准开头语应当包含（　）。$" out &&
	test_grep "^  A. 问候语、工号与服务意愿$" out &&
	test_grep "^  D. 当天的天气情况$" out &&
	test_grep -A1 "^answer:$" out | test_grep "^  A$" &&
	test_grep "^  规范的开头语让客户知道自己在和谁通话。$" out &&
	test_grep "^keywords: 开头语$" out
'
test_expect_success 'show: a true/false answer as 正确 / 错误' '
	tiku show t-tf-1 | test_grep -A1 "^answer:$" | test_grep "^  正确$"
'
test_expect_success 'show: the statistics the bank holds, or none' '
	tiku show t-fill-1 | test_grep "^statistics: facility 0.62, discrimination 0.35 (120 candidates)$" &&
	tiku show t-tf-1 | test_grep "^statistics: none$"
'
test_expect_success 'show: status approved names who approved it; reviews listed' '
	tiku --by 王老师 set t-fill-1 status=review >/dev/null &&
	tiku --by 李老师 review t-fill-1 --approve --comment "答案两种写法都收" >/dev/null &&
	tiku show t-fill-1 >out &&
	test_grep "^t-fill-1 v3$" out &&
	test_grep "^status: approved (approved by 李老师, 20[0-9-]*T[0-9:]*Z)$" out &&
	test_grep "^reviews:$" out &&
	test_grep "^  20[0-9-]*T[0-9:]*Z  李老师  approve v3: 答案两种写法都收$" out
'
test_expect_success 'show ID@VERSION: an earlier version, marked as not current' '
	tiku show t-fill-1@1 >out &&
	head -1 out | test_grep "^t-fill-1 v1 (not current: the bank holds version 3)$" &&
	test_grep "^status: draft$" out
'
test_expect_success 'show several items, one after the other' '
	tiku show t-tf-1 t-multi-1@1 >out &&
	test_grep "^t-tf-1 v1$" out && test_grep "^t-multi-1 v1$" out
'
test_expect_code 3 'show: an unknown item is bad input' 'tiku show no-such-item'
test_expect_success 'show: the message names the item' '
	! tiku show no-such-item 2>err && test_grep "no item .no-such-item. in the bank" err
'
test_expect_code 3 'show: an unknown version is bad input' 'tiku show t-fill-1@9'
test_expect_success 'show: the message says which versions there are' '
	! tiku show t-fill-1@9 >out 2>err && test_grep "has no version 9 (versions 1 to 3" err &&
	! test -s out
'
test_expect_code 2 'show: a version that is no number is a usage error' 'tiku show t-fill-1@two'
test_expect_code 2 'show: version 0 is a usage error' 'tiku show t-fill-1@0'
test_expect_code 2 'show: no item is a usage error' 'tiku show'
test_expect_code 3 'show: an unknown item among known ones fails' 'tiku show t-tf-1 nope'

test_expect_success 'exposure: committed official forms and practice papers' '
	tiku --bank mini.db import -q "$DATA/std/mini.xml" "$P/mini-items.xml" &&
	tiku --bank mini.db batch new b1 --blueprint "$P/mini-blueprint.xml" --seed 1 >/dev/null &&
	tiku --bank mini.db batch generate b1 -o forms >/dev/null &&
	tiku --bank mini.db batch commit b1 >/dev/null &&
	official=$(sed -n "s/.*<item [^>]*id=\"\(m[0-9]*\)\".*/\1/p" forms/b1-A.xml | head -1) &&
	free=$(sqlite3 mini.db "SELECT id FROM item WHERE status = \"approved\" AND id NOT IN
		(SELECT item FROM exposure) ORDER BY id LIMIT 1") &&
	tiku --bank mini.db paper new p1 --blueprint "$P/mini-blueprint.xml" --title 练习 >/dev/null &&
	tiku --bank mini.db paper add p1 "$free" >/dev/null &&
	tiku --bank mini.db show "$official" >out &&
	test_grep "^  committed official forms: b1 form A" out &&
	test_grep "^  practice papers: none$" out &&
	tiku --bank mini.db show "$free" >out &&
	test_grep "^  committed official forms: none$" out &&
	test_grep "^  practice papers: p1$" out
'
test_expect_success 'Lua bank:show: text, item, reviews, forms, papers' '
	cat >show.lua <<-\EOF &&
	local bank = tiku.open()
	local s = assert(bank:show("t-fill-1"))
	assert(s.text:find("（1）接通量；（2）呼入量（或 进线量）", 1, true))
	assert(s.item.version == 3 and s.item.status == "approved")
	assert(#s.reviews == 1 and s.reviews[1].user == "李老师" and s.reviews[1].action == "approve")
	assert(s.reviews[1].comment == "答案两种写法都收" and s.reviews[1].version == 3)
	assert(#s.forms == 0 and #s.papers == 0)
	local old = assert(bank:show("t-fill-1@1"))
	assert(old.item.version == 1 and old.item.status == "draft")
	assert(bank:show("t-fill-1", 2).item.status == "review")
	local none, msg = bank:show("no-such-item")
	assert(none == nil and msg:find("no item"))
	none, msg = bank:show("t-fill-1", 9)
	assert(none == nil and msg:find("no version 9"))
	assert(not pcall(bank.show, bank))
	assert(not pcall(bank.show, bank, {}))
	assert(not pcall(bank.show, bank, "t-fill-1@x"))
	assert(not pcall(bank.show, bank, "t-fill-1", 0))
	assert(not pcall(bank.show, bank, "t-fill-1", "two"))
	local mini = tiku.open("mini.db")
	local official = mini:show(arg[1])
	assert(#official.forms == 1 and official.forms[1].batch == "b1" and official.forms[1].form == "A")
	assert(mini:show(arg[2]).papers[1] == "p1")
	print("ok")
	EOF
	official=$(sed -n "s/.*<item [^>]*id=\"\(m[0-9]*\)\".*/\1/p" forms/b1-A.xml | head -1) &&
	free=$(sqlite3 mini.db "SELECT item FROM paper_item") &&
	tiku run show.lua "$official" "$free" >out && test_grep "^ok$" out
'
test_done
