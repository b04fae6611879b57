#!/bin/sh
# The command layer: every change a command in the journal; undo and redo
# bring the bank back byte for byte, across processes.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
# the bank's content, current items and history alike (not the journal)
state() {
	sqlite3 "$TIKU_BANK" "SELECT id, version, hash, xml FROM item ORDER BY id;
	  SELECT id, version, hash, xml FROM item_history ORDER BY id, version;
	  SELECT i.id, c.pos, c.code FROM item_code c JOIN item i ON i.rowid = c.item ORDER BY i.id, c.pos;
	  SELECT id, hash FROM standard ORDER BY id" | sha256sum | cut -c1-64
}
# the search index agrees with the items
fts_ok() {
	test "$(tiku search --count 坐席)" = "$(sqlite3 "$TIKU_BANK" \
		"SELECT count(*) FROM item WHERE text LIKE '%坐席%' AND status <> 'retired'")"
}
# undo then redo a command, checking the state before, after and between;
# undo takes back one's own latest command: $2 is who ran it, if not $USER
round_trip() {
	before=$(state) &&
	eval "$1" &&
	after=$(state) &&
	test "$before" != "$after" &&
	tiku ${2:+--by "$2"} undo >/dev/null && test "$(state)" = "$before" && fts_ok &&
	tiku redo >/dev/null && test "$(state)" = "$after" && fts_ok
}

test_expect_success 'set up' 'tiku --by 张老师 import -q "$S"'
test_expect_success 'undo and redo: import' '
	round_trip "tiku --by 张老师 import -q \"$DATA/items/good.xml\"" 张老师
'
test_expect_success 'undo and redo: set (several fields, one new version)' '
	round_trip "tiku set t-single-1 difficulty=4 status=review stem=坐席接听来电时，开头语应包括（　）。" &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT version FROM item WHERE id = \"t-single-1\"")" = 2
'
test_expect_success 'undo and redo: tag and keyword' '
	round_trip "tiku tag t-single-1 +1.1.3" &&
	round_trip "tiku tag t-single-1 -1.1.3" &&
	round_trip "tiku keyword t-single-1 +礼仪"
'
test_expect_success 'undo and redo: retire' '
	round_trip "tiku retire t-tf-1 t-fill-1"
'
test_expect_success 'undo and redo: merge' '
	round_trip "tiku merge t-single-1 t-multi-1" &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT status FROM item WHERE id = \"t-multi-1\"")" = retired
'
test_expect_success 'undo and redo: a changed standard' '
	sed "s/<title>客服联络咨询师</<title>客服联络咨询师（修订）</" "$S" >s2.xml &&
	round_trip "tiku import -q s2.xml"
'
test_expect_success 'undo all the way back, then redo all the way forward' '
	end=$(state) &&
	while tiku undo --any >/dev/null 2>&1; do :; done &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM item")" = 0 &&
	while tiku redo >/dev/null 2>&1; do :; done &&
	test "$(state)" = "$end"
'
test_expect_code 1 'nothing to redo exits 1' 'tiku redo'
test_expect_success 'a new command drops what redo could bring back' '
	tiku undo >/dev/null &&
	tiku set t-task-1 difficulty=5 &&
	! tiku redo 2>err && test_grep "nothing to redo" err
'
test_expect_success 'log lists who, when, what, newest first' '
	tiku log >out &&
	head -1 out | test_grep "set .*t-task-1" &&
	test_grep "张老师 *import" out &&
	test_grep "^#[0-9]* *20[0-9-]*T[0-9:]*Z " out
'
test_expect_success 'a refused edit changes nothing and is not journaled' '
	before=$(state) && n=$(tiku log | wc -l) &&
	! tiku set t-single-1 answer=AB 2>err &&
	test_grep "single-choice item has 2 correct options" err &&
	! tiku tag t-single-1 +9.9.9 2>err &&
	test_grep "code 9.9.9 does not exist" err &&
	test "$(state)" = "$before" && test "$(tiku log | wc -l)" = "$n"
'
test_expect_code 2 'set: an unknown field is a usage error' 'tiku set t-single-1 colour=red'
test_expect_code 3 'set: an unknown item is bad input' 'tiku set no-such-item difficulty=2'
test_expect_success 're-importing an unchanged file leaves no journal entry' '
	n=$(tiku log | wc -l) &&
	tiku import -q "$S" && test "$(tiku log | wc -l)" = "$n"
'
test_done
