#!/bin/sh
# Items: import all-or-nothing, history, export round trip, search.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml

test_expect_success 'set up: the standard' 'tiku import -q "$S"'
test_expect_success 'import items' '
	tiku import "$DATA/items/good.xml" >out &&
	test_grep "5 items: 5 added, 0 changed, 0 unchanged" out
'
test_expect_success 're-importing the same file changes nothing' '
	before=$(bank_sum) &&
	tiku import "$DATA/items/good.xml" >out &&
	test_grep "0 added, 0 changed, 5 unchanged" out &&
	test "$(bank_sum)" = "$before"
'
test_expect_success 'a bad file is refused whole, every problem with its line, bank unchanged' '
	before=$(bank_sum) &&
	! tiku import "$DATA/items/bad.xml" 2>err &&
	test_grep "bad.xml:9: error: item .b-unknown-code.: code 9.9.9 does not exist at 初级" err &&
	test_grep "bad.xml:14: error: item .b-two-answers.: single-choice item has 2 correct options" err &&
	test_grep "bad.xml:24: error: item .b-answer-e.: answer .E. names no option" err &&
	test_grep "bad.xml:24: error: item .b-answer-e.: options A and B are the same" err &&
	test_grep "bad.xml:33: error: item .b-rubric.: rubric criteria add up to 6 points, the item is worth 10" err &&
	test_grep "nothing imported" err &&
	test "$(bank_sum)" = "$before" &&
	! tiku search --count 服务用语应当规范 | grep -v "^0$"
'
test_expect_code 3 'the refusal exits 3' 'tiku import "$DATA/items/bad.xml"'
test_expect_success '--partial imports the good items' '
	tiku import --partial "$DATA/items/bad.xml" >out 2>err &&
	test_grep "5 items: 1 added" out &&
	test_grep "4 items rejected" out &&
	test "$(tiku search --count 服务用语应当规范)" = 1
'
test_expect_success 'a changed item becomes a new version; the old one is kept' '
	sed "s/difficulty=\"2\" time=\"45\"/difficulty=\"3\" time=\"45\"/" "$DATA/items/good.xml" >changed.xml &&
	tiku import changed.xml >out &&
	test_grep "0 added, 1 changed, 4 unchanged" out &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT version FROM item WHERE id=\"t-single-1\"")" = 2 &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT version FROM item_history WHERE id=\"t-single-1\"")" = 1
'
test_expect_success 'export, import, export is byte-identical' '
	tiku export -o e1.xml &&
	tiku --bank two.db import -q "$S" e1.xml &&
	tiku --bank two.db export -o e2.xml &&
	cmp e1.xml e2.xml &&
	xmllint --noout --relaxng "$ROOT/schema/items.rng" e1.xml
'
test_expect_success 'export filters and writes to standard output' '
	tiku export --kind skill >skill.xml &&
	test "$(grep -c "<item " skill.xml)" = 1 &&
	tiku export --level 初级 --type truefalse | grep -c "<item " >n && test "$(cat n)" = 2
'
test_expect_success 'search finds one- and two-character Chinese words' '
	tiku search 坐席 >out && test_grep "t-single-1" out &&
	tiku search 投诉 >out && test_grep "t-multi-1" out &&
	tiku search 诉 >out && test_grep "t-multi-1" out &&
	test "$(tiku search --count 客户)" = 3
'
test_expect_success 'search filters: level, kind, code, type, status' '
	test "$(tiku search --count --kind skill)" = 1 &&
	test "$(tiku search --count --code 1.1.2)" = 3 &&
	test "$(tiku search --count --type single 客户)" = 1 &&
	test "$(tiku search --count --status draft)" = 1 &&
	test "$(tiku search --count --level 高级 客户)" = 0
'
test_expect_code 2 'search: an unknown level is a usage error' 'tiku search --level 特级 x'
test_expect_success 'lint of the bank' '
	tiku lint >out || true &&
	test_grep "warning: item .b-ok.: the same stem\|0 errors\|errors," out
'
test_expect_success 'lint of an items file against the bank standard' '
	! tiku lint "$DATA/items/bad.xml" >out &&
	test_grep "single-choice item has 2 correct options" out
'
test_expect_code 3 'a DOCTYPE (entity expansion) is refused' '
	printf "<?xml version=\"1.0\"?>\n<!DOCTYPE items [<!ENTITY a \"b\">]>\n<items xmlns=\"urn:tiku:items:1\" standard=\"miit-kflxzxs\"/>\n" >dt.xml &&
	tiku import dt.xml
'
test_expect_code 3 'items of a standard not in the bank are refused' '
	sed "s/standard=\"miit-kflxzxs\"/standard=\"other\"/" "$DATA/items/good.xml" >other.xml &&
	tiku import other.xml
'
test_expect_success 'a file that is not a bank is refused, not damaged' '
	cp "$DATA/items/good.xml" notabank.db &&
	! tiku --bank notabank.db search x 2>err &&
	test_grep "not a tiku bank" err &&
	cmp notabank.db "$DATA/items/good.xml"
'
test_done
