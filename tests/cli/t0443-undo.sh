#!/bin/sh
# undo takes back the caller's own latest command (--by NAME, else $USER),
# never a colleague's; --any the latest of anyone; a command of one's own
# under a colleague's later change of the same item is not undone.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
diff_of() {
	sqlite3 "$TIKU_BANK" "SELECT difficulty FROM item WHERE id = '$1'"
}

test_expect_success 'set up: 王老师 imports, 李老师 and 王老师 edit different items' '
	tiku --by 王老师 import -q "$S" "$DATA/items/good.xml" &&
	tiku --by 王老师 set t-single-1 difficulty=4 >/dev/null &&
	tiku --by 李老师 set t-tf-1 difficulty=5 >/dev/null
'
test_expect_success 'undo takes back your own latest command, not the newer one of a colleague' '
	tiku --by 王老师 undo >out &&
	test_grep "^undid #[0-9]* set: set difficulty of t-single-1 to 4 (1 change, 王老师, " out &&
	test "$(diff_of t-single-1)" = 2 && test "$(diff_of t-tf-1)" = 5 &&
	tiku log | test_grep "王老师 *set .*\[undone\]$" &&
	tiku log | grep "李老师 *set" | grep -v undone
'
test_expect_success 'nothing of yours to undo: exit 1, naming whose the latest command is' '
	tiku --by 赵老师 undo >out 2>err; rc=$? &&
	test $rc = 1 &&
	test_grep "nothing of 赵老师.s to undo; the latest command is #[0-9]* set by 李老师 (tiku undo --any undoes it)" err &&
	test "$(diff_of t-tf-1)" = 5
'
test_expect_success '--any undoes the latest command of anyone' '
	tiku --by 赵老师 undo --any >out &&
	test_grep "^undid .* set: set difficulty of t-tf-1 to 5 (1 change, 李老师, " out &&
	test "$(diff_of t-tf-1)" = 1
'
test_expect_success 'redo brings back the earliest undone' '
	tiku redo >out && test_grep "^redid .*t-single-1" out && test "$(diff_of t-single-1)" = 4
'
test_expect_success 'your command under a colleague'"'"'s later change of the same item is not undone' '
	tiku --by 王老师 set t-multi-1 difficulty=4 >/dev/null &&
	tiku --by 李老师 set t-multi-1 difficulty=5 >/dev/null &&
	before=$(bank_sum) &&
	tiku --by 王老师 undo >out 2>err; rc=$? &&
	test $rc = 3 &&
	test_grep "cannot undo #[0-9]* set (set difficulty of t-multi-1 to 4): 李老师 changed t-multi-1 since, in #[0-9]* set; that must be undone first" err &&
	test "$(bank_sum)" = "$before"
'
test_expect_success 'once the colleague undoes theirs, yours can go' '
	tiku --by 李老师 undo >/dev/null && test "$(diff_of t-multi-1)" = 4 &&
	tiku --by 王老师 undo >/dev/null && test "$(diff_of t-multi-1)" = 3
'
test_expect_success 'undo with the default user is the name the journal records ($USER)' '
	USER=钱老师 tiku set t-task-1 difficulty=5 >/dev/null &&
	tiku log -n 1 | test_grep "钱老师 *set" &&
	! USER=孙老师 tiku undo 2>err && test_grep "nothing of 孙老师.s to undo" err &&
	USER=钱老师 tiku undo >out && test_grep "^undid .*t-task-1" out
'
test_expect_code 2 'undo --any takes no argument' 'tiku undo --any now'
test_expect_code 2 'redo has no --any' 'tiku redo --any'
test_expect_success 'help says what undo undoes' '
	tiku undo --help >out && test_grep "^usage: tiku undo \[--any\]" out &&
	test_grep -- "--any .*not only your own" out
'
test_expect_success 'Lua: bank:undo() is the handle user'"'"'s; {any = true} anyone'"'"'s' '
	cat >undo.lua <<-\EOF &&
	local wang = tiku.open(nil, { user = "王老师" })
	local li = tiku.open(nil, { user = "李老师" })
	assert(wang:set("t-fill-1", "difficulty", 4))
	assert(li:set("t-tf-1", "difficulty", 3))
	local e = wang:undo()
	assert(e.user == "王老师" and wang:get("t-fill-1").difficulty == 3 and wang:get("t-tf-1").difficulty == 3)
	local none, msg = tiku.open(nil, { user = "周老师" }):undo()
	assert(none == nil and msg:find("nothing of 周老师.s to undo"))
	assert(wang:set("t-tf-1", "difficulty", 4))
	assert(li:set("t-tf-1", "difficulty", 5))
	none, msg = wang:undo()
	assert(none == nil and msg:find("李老师 changed t%-tf%-1 since"))
	e = wang:undo { any = true }
	assert(e.user == "李老师" and wang:get("t-tf-1").difficulty == 4)
	assert(not pcall(wang.undo, wang, "any"))
	print("ok")
	EOF
	tiku run undo.lua >out && test_grep "^ok$" out
'
test_done
