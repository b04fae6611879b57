#!/bin/sh
# Papers composed by hand: item by item, the verdict after each step,
# swaps that keep the paper valid, undo.
. "$(dirname "$0")/lib.sh"

P=$DATA/papers
state() {
	sqlite3 "$TIKU_BANK" "SELECT * FROM paper; SELECT * FROM paper_item ORDER BY paper, pos" |
		sha256sum
}

test_expect_success 'set up: the test standard and its items' '
	tiku import -q "$DATA/std/mini.xml" "$P/mini-items.xml"
'
test_expect_success 'a new paper is empty, and says what it lacks' '
	tiku paper new p1 --blueprint "$P/mini-blueprint.xml" --title 练习卷 >out &&
	test_grep "paper p1: 0 items, 0 of 100 points" out &&
	test_grep "area *基础知识 *want 40 (40%) *got 0 (0.0%) *--" out &&
	test_grep "^not valid yet" out
'
test_expect_success 'adding items shows the verdict after each step' '
	tiku paper add p1 m1 m2 m3 m5 m6 m16 >out &&
	test_grep "6 items, 60 of 100 points" out &&
	tiku paper add p1 m8 m9 m10 m13 m14 m15 m18 m19 >out &&
	test_grep "14 items, 100 of 100 points" out &&
	test_grep "^valid" out
'
test_expect_success 'an item that does not fit the blueprint is refused, the paper unchanged' '
	before=$(state) &&
	! tiku paper add p1 m17 2>err && test_grep "m17. is draft" err &&
	! tiku paper add p1 m1 2>err && test_grep "on paper p1 already" err &&
	! tiku paper add p1 nope 2>err && test_grep "no item .nope." err &&
	test "$(state)" = "$before"
'
test_expect_success 'swap offers only items that keep the paper valid' '
	tiku paper swap p1 m8 >out &&
	test_grep "2 items can take the place of m8" out &&
	test_grep "^  m11 " out && test_grep "^  m12 " out &&
	! grep -q "^  m7 " out
'
test_expect_success 'swap, and the paper stays valid' '
	tiku paper swap p1 m8 m11 >out && test_grep "^valid" out
'
test_expect_success 'paper commands are undoable' '
	before=$(state) &&
	tiku paper remove p1 m11 >out && test_grep "not valid yet" out &&
	tiku undo && test "$(state)" = "$before" &&
	tiku redo && tiku undo && test "$(state)" = "$before"
'
test_expect_success 'export writes paper XML that validate accepts' '
	tiku paper export p1 -o p1.xml &&
	tiku validate p1.xml >out && test_grep "^valid" out &&
	test_grep "<title>练习卷</title>" p1.xml
'
test_expect_success 'delete, and undo brings it back' '
	before=$(state) &&
	tiku paper delete p1 && ! tiku paper show p1 2>err &&
	test_grep "no paper .p1." err &&
	tiku undo && test "$(state)" = "$before"
'
test_expect_code 2 'paper new needs a blueprint' 'tiku paper new p2'
test_done
