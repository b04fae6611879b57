#!/bin/sh
# CSV (UTF-8 and GB18030) and the plain-text layout pasted from Word.
. "$(dirname "$0")/lib.sh"

I=$DATA/import

test_expect_success 'set up: the standard' 'tiku import -q "$BANKS/miit-kflxzxs/standard.xml"'
test_expect_success 'a UTF-8 CSV imports, with the level and kind from options' '
	tiku import --level 初级 --kind theory "$I/good.csv" >out &&
	test_grep "good.csv: 8 items: 8 added" out &&
	tiku search --count --status draft >n && test "$(cat n)" = 8
'
test_expect_success 'the same items saved by Excel as GBK are detected and change nothing' '
	tiku import --level 初级 "$I/good-gbk.csv" >out &&
	test_grep "0 added, 0 changed, 8 unchanged" out
'
test_expect_success 'a BOM is ignored' '
	tiku import --level 初级 "$I/bom.csv" >out && test_grep "added\|unchanged" out
'
test_expect_success 'an explicit wrong encoding is refused with the line and a hint' '
	! tiku import --level 初级 --encoding utf-8 "$I/good-gbk.csv" 2>err &&
	test_grep "good-gbk.csv:[0-9]*: .*UTF-8" err &&
	test_grep "gb18030" err
'
test_expect_success 'a file in neither encoding is refused with its line' '
	! tiku import --level 初级 "$I/bad-encoding.csv" 2>err &&
	test_grep "bad-encoding.csv:[0-9]*: .*neither UTF-8 nor GB18030" err
'
test_expect_success 'bad rows: each reported with its line, nothing written' '
	before=$(bank_sum) &&
	! tiku import --level 初级 "$I/bad-rows.csv" 2>err &&
	test "$(grep -c "bad-rows.csv:[0-9][0-9]*: error: " err)" = 3 &&
	test_grep "names no option" err &&
	test "$(bank_sum)" = "$before"
'
test_expect_success '--partial keeps the good rows of a bad CSV' '
	tiku import --partial --level 初级 "$I/bad-rows.csv" >out 2>err &&
	test_grep "3 items rejected" out
'
test_expect_success '--partial that keeps nothing is no import: exit 3, the bank unchanged' '
	{ echo "题型,题干,选项A,选项B,答案,知识点/代码"; echo "单选,甲,a,b,Z,1.1.1";
	  echo "单选,乙,a,b,Y,1.1.1"; } >allbad.csv &&
	before=$(bank_sum) &&
	{ tiku import --partial --level 初级 allbad.csv >out 2>err; test $? = 3; } &&
	test_grep "nothing imported: all 2 items were rejected" err &&
	! grep "the others imported" err &&
	test "$(bank_sum)" = "$before"
'
test_expect_success '--code gives rows without a code theirs; a code the standard lacks is refused' '
	{ echo "题型,题干,选项A,选项B,答案"; echo "单选,没有代码的题甲,a,b,A"; } >nocode.csv &&
	printf "1. 没有代码的题乙（　）\nA. 是\nB. 否\n答案：A\n" >nocode.txt &&
	before=$(bank_sum) &&
	{ tiku import --level 初级 --code 9.9.9 nocode.csv 2>err; test $? = 3; } &&
	test "$(bank_sum)" = "$before" &&
	tiku import -q --level 初级 --code 1.1.1 nocode.csv nocode.txt &&
	tiku search 没有代码的题 --code 1.1.1 >out &&
	test "$(grep -c "没有代码的题" out)" = 2
'
test_expect_success 'a truncated CSV names the line its open quote starts on' '
	before=$(bank_sum) &&
	! tiku import --level 初级 "$I/truncated.csv" 2>err &&
	test_grep "truncated.csv:[0-9]*: error: .*unterminated quoted field" err &&
	test "$(bank_sum)" = "$before"
'
test_expect_success 'the Word layout imports' '
	tiku import --level 初级 "$I/good.txt" >out &&
	test_grep "good.txt: [0-9]* items: [0-9]* added" out &&
	tiku search 报工号 >out && test_grep "junior" out
'
test_expect_success 'the Word layout: an item without 答案 is refused with its line' '
	! tiku import --level 初级 "$I/bad.txt" 2>err &&
	test_grep "bad.txt:[0-9]*: error: .*答案" err
'
test_expect_success 'imported CSV items export as valid items XML' '
	tiku export -o all.xml &&
	xmllint --noout --relaxng "$ROOT/schema/items.rng" all.xml
'
test_expect_code 2 'an unknown --encoding is a usage error' '
	tiku import --level 初级 --encoding latin9 "$I/good.csv"
'
test_done
