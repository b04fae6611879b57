#!/bin/sh
# Review: an item goes draft → review → approved, and becomes approved
# only through review, whatever the route (set, the editor form, a Lua
# set or save); an import brings in the statuses its file states.  The
# approver is recorded and may not be the item's last author unless the
# bank allows it; rejections send items back to draft; comments are kept
# and shown by show and history; --queue lists what waits.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
unset VISUAL
mkdir -p tmp
export TMPDIR="$TRASH/tmp"

status() {
	sqlite3 "$TIKU_BANK" "SELECT status FROM item WHERE id = '$1'"
}

test_expect_success 'set up: an import states statuses, approved included' '
	tiku --by 王老师 import -q "$S" "$DATA/items/good.xml" &&
	test "$(status t-single-1)" = approved && test "$(status t-fill-1)" = draft
'
test_expect_success 'set status=approved is refused, nothing changes' '
	before=$(bank_sum) &&
	! tiku --by 王老师 set t-fill-1 status=approved 2>err &&
	test_grep "item .t-fill-1. is a draft: only a review approves an item (tiku review t-fill-1 --approve" err &&
	test "$(bank_sum)" = "$before"
'
test_expect_code 3 'set status=approved exits 3' 'tiku set t-fill-1 status=approved'
test_expect_success 'the editor form cannot approve either' '
	cat >approve.sh <<-\EOF &&
	#!/bin/sh
	# the second time round, keep the form with the error tiku put at its top
	grep -q "^# error" "$1" && cp "$1" "${0%/*}/reopened.txt"
	sed -i "s/^状态：draft$/状态：approved/" "$1"
	EOF
	chmod +x approve.sh &&
	before=$(bank_sum) &&
	! EDITOR="$TRASH/approve.sh" tiku edit t-fill-1 >out 2>err &&
	test_grep "saved again with its errors: aborted, nothing saved" err &&
	test_grep "^# error: .*only a review approves an item" reopened.txt &&
	test "$(bank_sum)" = "$before"
'
test_expect_success 'Lua set, and save of an existing or a new item, cannot approve' '
	cat >lua-approve.lua <<-\EOF &&
	local bank = tiku.open()
	local ok, msg = bank:set("t-fill-1", "status", "approved")
	assert(not ok and msg:find("only a review approves"), msg)
	local it = bank:get("t-fill-1")
	it.status = "approved"
	ok, msg = bank:save(it)
	assert(not ok and msg:find("only a review approves"), msg)
	ok, msg = bank:save { id = "new-1", type = "truefalse", level = "初级", codes = { "1.1.7" },
	                      stem = "坐席应等客户先挂机。", answer = true, status = "approved" }
	assert(not ok and msg:find("a new item is not approved on arrival"), msg)
	assert(bank:get("new-1") == nil)
	assert(bank:save { id = "new-1", type = "truefalse", level = "初级", codes = { "1.1.7" },
	                   stem = "坐席应等客户先挂机。", answer = true, status = "review" })
	print("ok")
	EOF
	tiku --by 王老师 run lua-approve.lua >out && test_grep "^ok$" out &&
	test "$(status t-fill-1)" = draft && test "$(status new-1)" = review
'
test_expect_success 'a draft that skipped review cannot be approved' '
	! tiku --by 李老师 review t-fill-1 --approve 2>err &&
	test_grep "item .t-fill-1. is a draft: it goes to review first (tiku set t-fill-1 status=review)" err &&
	test "$(status t-fill-1)" = draft
'
test_expect_code 3 'approving a draft exits 3' 'tiku --by 李老师 review t-fill-1 --approve'
test_expect_success 'draft → review by its author; the author may not approve it' '
	tiku --by 王老师 set t-fill-1 status=review >out &&
	test_grep "^t-fill-1 v2: status draft → review$" out &&
	! tiku --by 王老师 review t-fill-1 --approve 2>err &&
	test_grep "王老师 made version 1, its latest content, and may not approve it" err &&
	test "$(status t-fill-1)" = review
'
test_expect_code 3 'approving your own item exits 3' 'tiku --by 王老师 review t-fill-1 --approve'
test_expect_success 'the last to change the content may not approve; sending to review is no authorship' '
	tiku --by alice set t-fill-1 "explanation=接通率 = 接通量 ÷ 呼入量。" >/dev/null &&
	! tiku --by alice review t-fill-1 --approve 2>err &&
	test_grep "alice made version 3" err &&
	tiku --by bob set t-multi-1 status=review >/dev/null &&
	tiku --by bob review t-multi-1 --approve >out &&
	test_grep "^t-multi-1 v3: approved by bob$" out
'
test_expect_success 'the author named in the item may not approve it' '
	tiku --by alice set t-tf-1 author=李老师 status=review >/dev/null &&
	! tiku --by 李老师 review t-tf-1 --approve 2>err &&
	test_grep "李老师 is its author and may not approve it" err
'
test_expect_success 'someone else approves; the approver is recorded' '
	tiku --by 李老师 review t-fill-1 --approve --comment "好题" >out &&
	test_grep "^t-fill-1 v4: approved by 李老师$" out &&
	test "$(status t-fill-1)" = approved &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT user, action, version, comment FROM review WHERE item = \"t-fill-1\"")" = "李老师|approve|4|好题" &&
	tiku show t-fill-1 | test_grep "^status: approved (approved by 李老师, " &&
	tiku log -n 1 | test_grep "李老师 *review  approve t-fill-1: 好题 (1 change)"
'
test_expect_success 'an approved item is not approved again, nor rejected' '
	! tiku --by 李老师 review t-fill-1 --approve 2>err &&
	test_grep "item .t-fill-1. is approved: only an item in review is approved or rejected" err &&
	! tiku --by 李老师 review t-fill-1 --reject 2>err && test_grep "is approved" err
'
test_expect_success 'reject sends an item in review back to draft' '
	tiku --by 李老师 review t-tf-1 --reject --comment "答案有歧义" >out &&
	test_grep "^t-tf-1 v3: rejected, a draft again by 李老师$" out &&
	test "$(status t-tf-1)" = draft
'
test_expect_success 'a comment on any item is kept; it changes nothing and leaves no journal entry' '
	before=$(bank_sum) && n=$(tiku log | grep -c "^#") &&
	tiku --by 赵老师 review t-single-1 --comment "选项D可以换得更像干扰项" >out &&
	test_grep "^t-single-1 v1: comment by 赵老师 kept$" out &&
	test "$(bank_sum)" = "$before" && test "$(tiku log | grep -c "^#")" = "$n" &&
	tiku show t-single-1 | test_grep "^  20[0-9-]*T[0-9:]*Z  赵老师  comment v1: 选项D可以换得更像干扰项$" &&
	tiku history t-single-1 | test_grep "review .* 赵老师 *comment: 选项D可以换得更像干扰项$"
'
test_expect_success 'a comment does not end what redo could bring back' '
	tiku --by 王老师 set t-task-1 difficulty=4 >/dev/null &&
	tiku --by 王老师 undo >/dev/null &&
	tiku --by 李老师 review t-task-1 --comment "难度3合适" >/dev/null &&
	tiku redo >out && test_grep "^redid .* set" out
'
test_expect_code 2 '--approve with --reject is a usage error' 'tiku --by 李老师 review t-multi-1 --approve --reject'
test_expect_code 2 'a review needs --approve, --reject or --comment' 'tiku review t-multi-1'
test_expect_code 2 'a review needs an item' 'tiku review --approve'
test_expect_code 2 'an empty comment is a usage error' 'tiku review t-multi-1 --comment ""'
test_expect_code 2 '--queue takes no item' 'tiku review --queue t-multi-1'
test_expect_code 3 'an unknown item is bad input' 'tiku --by 李老师 review nope --comment x'
test_expect_success '--queue lists the items in review with their last author' '
	tiku --by alice set t-task-1 status=review >/dev/null &&
	tiku review --queue >out 2>err &&
	test_grep "^t-task-1 *v[0-9]* *王老师 " out &&
	test_grep "^new-1 *v1 *王老师 " out &&
	test "$(wc -l <out)" = 2 &&
	test_grep "^2 items wait for review$" err
'
test_expect_success 'several items: one command, all or nothing' '
	before=$(bank_sum) &&
	! tiku --by 李老师 review t-task-1 t-single-1 --approve 2>err &&
	test_grep "t-single-1. is approved" err && test_grep "nothing changed" err &&
	test "$(bank_sum)" = "$before" &&
	tiku --by 李老师 review t-task-1 new-1 --approve >out &&
	test "$(wc -l <out)" = 2 &&
	test "$(status t-task-1)" = approved && test "$(status new-1)" = approved &&
	tiku log -n 1 | test_grep "李老师 *review .*(2 changes)"
'
test_expect_success 'undo of an approval gives the item back to review, the review marked undone' '
	tiku --by 李老师 undo >out && test_grep "^undid .* review" out &&
	test "$(status t-task-1)" = review &&
	tiku show t-task-1 | test_grep "approve v[0-9]* (undone)"
'
test_expect_success 'a one-person bank: review.self-approve lets the author approve' '
	tiku config review.self-approve >out && test_grep "^no$" out &&
	tiku --by 王老师 config review.self-approve yes >out &&
	test_grep "^review.self-approve = yes$" out &&
	tiku log | grep "^audit" | test_grep "^audit .* 王老师 *config *review.self-approve = yes" &&
	tiku --by alice review t-task-1 --approve >/dev/null &&
	test "$(status t-task-1)" = approved &&
	tiku config | test_grep "^review.self-approve = yes" &&
	tiku config review.self-approve no >/dev/null
'
test_expect_code 2 'config: an unknown setting is a usage error' 'tiku config review.frob yes'
test_expect_code 2 'config: a value not allowed is a usage error' 'tiku config review.self-approve maybe'
test_expect_code 2 'config: at most KEY VALUE' 'tiku config a b c'
test_expect_success 'Lua: bank:review, reviews, queue, config' '
	cat >review.lua <<-\EOF &&
	local author = tiku.open(nil, { user = "钱老师" })
	local reviewer = tiku.open(nil, { user = "孙老师" })
	assert(author:set("t-tf-1", { status = "review", explanation = "《消费者权益保护法》第八条。" }))
	local ok, msg = author:review("t-tf-1", "approve")
	assert(not ok and msg:find("may not approve it"), msg)
	local waiting = {}
	for _, q in ipairs(reviewer:queue()) do waiting[q.id] = q end
	assert(waiting["t-tf-1"].author == "钱老师" and waiting["t-tf-1"].type == "truefalse")
	assert(reviewer:review("t-tf-1", "comment", "请补充法条出处"))
	assert(reviewer:review({ "t-tf-1" }, "reject"))
	assert(reviewer:get("t-tf-1").status == "draft")
	ok, msg = reviewer:review("t-tf-1", "approve")
	assert(not ok and msg:find("is a draft"), msg)
	local r = reviewer:reviews("t-tf-1")
	assert(r[#r].action == "reject" and r[#r].user == "孙老师" and r[#r - 1].comment == "请补充法条出处")
	assert(#reviewer:reviews() >= 5)
	ok, msg = reviewer:review("nope", "comment", "x")
	assert(not ok and msg:find("no item"))
	assert(not pcall(reviewer.review, reviewer, "t-tf-1"))
	assert(not pcall(reviewer.review, reviewer, "t-tf-1", "bless"))
	assert(not pcall(reviewer.review, reviewer, "t-tf-1", "comment"))
	assert(not pcall(reviewer.review, reviewer, {}, "approve"))
	assert(not pcall(reviewer.review, reviewer, { 1 }, "approve"))
	assert(not pcall(reviewer.review, reviewer, nil, "approve"))
	assert(not pcall(reviewer.reviews, reviewer, {}))
	assert(reviewer:config("review.self-approve") == "no")
	assert(not pcall(reviewer.config, reviewer, "nope"))
	assert(not pcall(reviewer.config, reviewer, "review.self-approve", "maybe"))
	assert(not pcall(reviewer.config, reviewer, {}))
	print("ok")
	EOF
	tiku run review.lua >out && test_grep "^ok$" out
'
test_expect_success 'the approval rule holds inside a Lua batch too' '
	cat >batch.lua <<-\EOF &&
	local bank = tiku.open(nil, { user = "周老师" })
	local ok, err = pcall(bank.batch, bank, "approve all", function()
	  assert(bank:set("t-tf-1", "status", "approved"))
	end)
	assert(not ok and tostring(err):find("only a review approves"))
	assert(bank:get("t-tf-1").status == "draft")
	print("ok")
	EOF
	tiku run batch.lua >out && test_grep "^ok$" out
'
test_done
