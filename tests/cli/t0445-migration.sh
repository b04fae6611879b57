#!/bin/sh
# Bank migrations 6 (images) and 7 (reviews): a new bank has both, a bank
# of schema version 5 gains both (and every later one) on open, and a
# bank newer than this tiku is refused untouched.  The number of
# migrations is read from a new bank: branches append their own.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
q() {
	sqlite3 "$TIKU_BANK" "$1"
}

test_expect_success 'a new bank is at the latest schema version, with the image and review tables' '
	tiku import -q "$S" "$DATA/items/good.xml" &&
	q "PRAGMA user_version" >latest &&
	test "$(cat latest)" -ge 7 &&
	test "$(q "SELECT count(*) FROM sqlite_master WHERE name IN (\"image\", \"review\")")" = 2
'
test_expect_success 'a bank of schema version 5 is migrated on open: 6, 7 and later applied' '
	q "DROP TABLE review; DROP TABLE image; PRAGMA user_version = 5" &&
	tiku search --count >/dev/null &&
	test "$(q "PRAGMA user_version")" = "$(cat latest)" &&
	test "$(q "SELECT count(*) FROM sqlite_master WHERE name IN (\"image\", \"review\")")" = 2 &&
	tiku --by 李老师 review t-single-1 --comment 迁移后可用 >/dev/null
'
test_expect_success 'a bank newer than this tiku is refused, untouched' '
	n=$(cat latest) && newer=$((n + 1)) &&
	q "PRAGMA user_version = $newer" &&
	before=$(bank_sum) &&
	tiku search --count >out 2>err; rc=$? &&
	test $rc = 3 && test_grep "bank schema version $newer is newer than this tiku ($n): upgrade tiku" err &&
	test "$(bank_sum)" = "$before"
'
test_done
