#!/bin/sh
# Everyday edits for authors: tag and keyword on several items and codes
# at once (one command); set, tag, keyword, retire and merge print one
# line saying what changed; search says when it cut the list.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
codes() {
	sqlite3 "$TIKU_BANK" "SELECT group_concat(code, ' ') FROM (SELECT c.code FROM item_code c
		JOIN item i ON i.rowid = c.item WHERE i.id = '$1' ORDER BY c.pos)"
}

test_expect_success 'set up' 'tiku import -q "$S" "$DATA/items/good.xml"'
test_expect_success 'set prints one line: each field old → new' '
	tiku set t-single-1 difficulty=4 status=review time=60 >out &&
	test "$(wc -l <out)" = 1 &&
	test_grep "^t-single-1 v2: difficulty 2 → 4; time 45 → 60; status approved → review$" out
'
test_expect_success 'set of a long text names the field' '
	tiku set t-single-1 "stem=坐席接听客户来电时，标准开头语应当包含哪些内容（　）。" >out &&
	test_grep "^t-single-1 v3: stem changed$" out
'
test_expect_success 'set to the value it has says nothing changed' '
	tiku set t-single-1 difficulty=4 >out &&
	test_grep "^nothing changed: the items were already so$" out
'
test_expect_success 'tag several items and codes at once: one command, one line' '
	tiku tag t-single-1 t-tf-1 +1.1.7 +1.1.3 >out &&
	test "$(wc -l <out)" = 1 &&
	test_grep "^t-single-1 v4: codes +1.1.7 +1.1.3; t-tf-1 v2: codes +1.1.7 +1.1.3$" out &&
	test "$(codes t-single-1)" = "1.1.2 1.1.7 1.1.3" &&
	test "$(codes t-tf-1)" = "B2.2.7 1.1.7 1.1.3" &&
	tiku log -n 1 | test_grep "tag *t-single-1 (2 changes)"
'
test_expect_success 'one undo takes the whole tag command back' '
	tiku undo >/dev/null &&
	test "$(codes t-single-1)" = "1.1.2" && test "$(codes t-tf-1)" = "B2.2.7"
'
test_expect_success 'adds and removes together; a code that starts with a dash is no option' '
	tiku tag t-single-1 +1.1.3 -1.1.2 >out &&
	test_grep "^t-single-1 v4: codes +1.1.3 -1.1.2$" out
'
test_expect_success 'one refused change refuses the command: nothing changes' '
	before=$(bank_sum) &&
	! tiku tag t-single-1 t-tf-1 +1.1.5 +9.9.9 2>err &&
	test_grep "code 9.9.9 does not exist" err && test_grep "nothing changed" err &&
	test "$(bank_sum)" = "$before"
'
test_expect_code 2 'tag: items come first, then the changes' 'tiku tag t-single-1 +1.1.3 t-tf-1'
test_expect_code 2 'tag: no change is a usage error' 'tiku tag t-single-1 t-tf-1'
test_expect_code 2 'tag: no item is a usage error' 'tiku tag +1.1.3'
test_expect_code 3 'tag: an unknown item is bad input' 'tiku tag nope +1.1.3'
test_expect_success 'keyword on several items at once' '
	tiku keyword t-single-1 t-multi-1 +礼仪 +服务 >out &&
	test_grep "^t-single-1 v5: keywords +礼仪 +服务; t-multi-1 v2: keywords +礼仪 +服务$" out &&
	tiku keyword t-multi-1 -礼仪 >out && test_grep "^t-multi-1 v3: keywords -礼仪$" out
'
test_expect_success 'retire prints one line for all it retired' '
	tiku retire t-tf-1 t-fill-1 >out &&
	test "$(wc -l <out)" = 1 &&
	test_grep "^t-tf-1 v2: status approved → retired; t-fill-1 v2: status draft → retired$" out
'
test_expect_success 'merge prints one line: what the kept item took over, the duplicate retired, enemies renamed' '
	tiku merge t-multi-1 t-single-1 >out &&
	test "$(wc -l <out)" = 1 &&
	test_grep "^t-multi-1 v4: codes +1.1.3; keywords +开头语 +礼仪; t-task-1 v2: enemies +t-multi-1 -t-single-1; t-single-1 v6: status review → retired$" out
'
test_expect_success 'a refused edit prints no such line' '
	! tiku set t-task-1 difficulty=9 >out 2>err && ! test -s out
'
test_expect_success 'search: a cut list says how many it left out' '
	tiku import -q "$BANKS"/miit-kflxzxs/items/junior/theory-f1.xml &&
	total=$(tiku search --count) && test "$total" -gt 50 &&
	tiku search >out 2>err &&
	test "$(wc -l <out)" = 50 &&
	test_grep "^50 of $total shown (-n 0 for all)$" err &&
	tiku search -n 0 >out 2>err && test "$(wc -l <out)" = "$total" && ! test -s err &&
	tiku search -n "$total" >out 2>err && ! test_grep "shown" err &&
	tiku search -n 3 坐席 >out 2>err &&
	test_grep "^3 of $(tiku search --count 坐席) shown (-n 0 for all)$" err
'
test_expect_success 'Lua: bank:tag and bank:keyword on several items and changes' '
	cat >tag.lua <<-\EOF &&
	local bank = tiku.open()
	assert(bank:tag({ "t-multi-1", "t-single-1" }, "+1.1.4", "+1.1.6"))
	assert(bank:log(1)[1].changes == 2)
	local m = bank:get("t-multi-1").codes
	assert(m[#m - 1] == "1.1.4" and m[#m] == "1.1.6")
	assert(bank:get("t-single-1").codes[3] == "1.1.6")
	local ok, msg = bank:tag({ "t-multi-1", "t-single-1" }, "+1.1.7", "+9.9.9")
	assert(not ok and msg:find("9.9.9"))
	assert(bank:get("t-multi-1").codes[#m + 1] == nil)
	assert(bank:keyword("t-task-1", "+话术", "+应答"))
	assert(#bank:get("t-task-1").keywords == 2)
	assert(not pcall(bank.tag, bank, "t-task-1"))
	assert(not pcall(bank.tag, bank, {}, "+1.1.5"))
	assert(not pcall(bank.tag, bank, { 5 }, "+1.1.5"))
	assert(not pcall(bank.keyword, bank, "t-task-1", {}))
	print("ok")
	EOF
	tiku run tag.lua >out && test_grep "^ok$" out
'
test_done
