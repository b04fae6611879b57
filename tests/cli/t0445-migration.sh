#!/bin/sh
# Bank migrations 6 (images), 7 (reviews), 8 (an item's first code in the
# covering index) and later: a new bank has them, a bank of schema
# version 5 gains them on open, and a bank newer than this tiku is
# refused untouched.  The number of migrations is read from a new bank.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
q() {
	sqlite3 "$TIKU_BANK" "$1"
}

first_codes="SELECT count(*) FROM item WHERE code IS NOT (SELECT code FROM item_code WHERE item = item.rowid AND pos = 0)"

test_expect_success 'a new bank is at the latest schema version, with the image and review tables' '
	tiku import -q "$S" "$DATA/items/good.xml" &&
	q "PRAGMA user_version" >latest &&
	test "$(cat latest)" -ge 8 &&
	test "$(q "SELECT count(*) FROM sqlite_master WHERE name IN (\"image\", \"review\")")" = 2 &&
	test "$(q "$first_codes")" = 0 &&
	test "$(q "SELECT count(*) FROM item WHERE code IS NOT NULL")" -gt 0
'
test_expect_success 'a bank of schema version 5 is migrated on open: 6, 7, 8 and later applied' '
	q "DROP TABLE review; DROP TABLE image; DROP INDEX item_filter;
	   CREATE INDEX item_filter ON item(standard, level, kind, id, type, status,
	     points, difficulty, hash, enemies, time);
	   ALTER TABLE item DROP COLUMN code; ALTER TABLE audit_event DROP COLUMN follows;
	   PRAGMA user_version = 5" &&
	tiku search --count >/dev/null &&
	test "$(q "PRAGMA user_version")" = "$(cat latest)" &&
	test "$(q "SELECT count(*) FROM sqlite_master WHERE name IN (\"image\", \"review\")")" = 2 &&
	test "$(q "$first_codes")" = 0 &&
	test "$(q "SELECT count(*) FROM item WHERE code IS NOT NULL")" -gt 0 &&
	tiku --by 李老师 review t-single-1 --comment 迁移后可用 >/dev/null
'
test_expect_success 'an item retagged keeps its first code beside it' '
	tiku tag t-single-1 +1.1.1 -1.1.2 >/dev/null &&
	test "$(q "SELECT code FROM item WHERE id = \"t-single-1\"")" = 1.1.1 &&
	test "$(q "$first_codes")" = 0 &&
	tiku undo >/dev/null &&
	test "$(q "SELECT code FROM item WHERE id = \"t-single-1\"")" = 1.1.2 &&
	test "$(q "$first_codes")" = 0
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
