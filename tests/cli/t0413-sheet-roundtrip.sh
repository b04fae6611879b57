#!/bin/sh
# A sheet exported, edited in a spreadsheet program and imported again:
# unedited, nothing changes; an edited cell makes one new version of its
# item, never a duplicate, for every item type; what the sheet cannot
# carry (a rubric, an image, formatting) stays with the item.
. "$(dirname "$0")/lib.sh"

EDIT="node $ROOT/tests/formats/xlsx-edit.mjs"
count() { sqlite3 "$TIKU_BANK" "SELECT count(*) FROM item"; }
version() { sqlite3 "$TIKU_BANK" "SELECT version FROM item WHERE id = '$1'"; }

test_expect_success 'setup: items of every type (with rubrics, an image)' '
	tiku import -q "$DATA/std/mini.xml" "$DATA/course/shop-items.xml" \
		"$DATA/course/cc/items.xml" "$DATA/lms/items.xml" &&
	tiku export -o bank.xml &&
	for t in single multiple truefalse fill short case task; do
		grep -q "type=\"$t\"" bank.xml || { echo "no $t item"; exit 1; }
	done &&
	count >n0 && bank_sum >sum0
'

test_expect_success 'xlsx: export, import: nothing changes' '
	tiku export --format xlsx -o items.xlsx 2>/dev/null &&
	tiku import items.xlsx >out && test_grep "41 items: 0 added, 0 changed, 41 unchanged" out &&
	bank_sum | cmp - sum0
'

test_expect_success 'csv: export, import: nothing changes' '
	tiku export --format csv -o items.csv 2>/dev/null &&
	tiku import items.csv >out && test_grep "41 items: 0 added, 0 changed, 41 unchanged" out &&
	tiku export --format csv --encoding gb18030 -o gb.csv 2>/dev/null &&
	tiku import gb.csv >out && test_grep "0 added, 0 changed, 41 unchanged" out &&
	bank_sum | cmp - sum0
'

test_expect_success 'xlsx saved by exceljs unedited: nothing changes' '
	$EDIT items.xlsx same.xlsx &&
	tiku import same.xlsx >out && test_grep "0 added, 0 changed, 41 unchanged" out &&
	bank_sum | cmp - sum0
'

test_expect_success 'xlsx: a cell edited for an item of each type: one new version each' '
	$EDIT items.xlsx edited.xlsx \
		lms-single 选项B "改过的选项" \
		lms-multi 解析 "改过的解析" \
		lms-tf 答案 "错误" \
		cc-fill1 答案 "复述|确认" \
		shop-short 题干 "简述接待顾客投诉时的四个步骤。" \
		cc-case 难度 4 \
		cc-task 答案 "问候、点单、收款。" &&
	tiku import edited.xlsx >out && cat out &&
	test_grep "41 items: 0 added, 7 changed, 34 unchanged" out &&
	count | cmp - n0 &&
	for id in lms-single lms-multi lms-tf cc-fill1 shop-short cc-case cc-task; do
		test "$(version $id)" = 2 || { echo "$id: version $(version $id)"; exit 1; }
	done &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM item WHERE version > 1")" = 7 &&
	tiku export -o after.xml &&
	grep -A8 "id=\"lms-single\"" after.xml | test_grep "<option key=\"B\">改过的选项</option>" &&
	grep -A12 "id=\"lms-multi\"" after.xml | test_grep "<explanation>改过的解析</explanation>" &&
	grep -A3 "id=\"lms-tf\"" after.xml | test_grep "<answer>false</answer>" &&
	grep -A4 "id=\"cc-fill1\"" after.xml | test_grep "<answer><blank>复述|确认</blank></answer>" &&
	grep -A3 "id=\"shop-short\"" after.xml | test_grep "四个步骤" &&
	grep "id=\"cc-case\"" after.xml | test_grep "difficulty=\"4\""
'

test_expect_success 'what the sheet does not carry stays: rubrics, the image, formatting' '
	sed -n "/id=\"cc-task\"/,/<\/item>/p" after.xml >task &&
	test_grep "<img src=\"beans.png\" alt=\"一袋咖啡豆\"/>" task &&
	test_grep "<answer>问候、点单、收款。</answer>" task &&
	test_grep "<criterion points=\"15\">五个步骤齐全</criterion>" task &&
	sed -n "/id=\"cc-case\"/,/<\/item>/p" after.xml >case &&
	test_grep "<criterion points=\"6\">确认需求并重做</criterion>" case &&
	test_grep "<stem><p>顾客说拿铁太烫，要求重做。请分析应当如何处理。</p></stem>" case &&
	sed -n "/id=\"shop-short\"/,/<\/item>/p" after.xml | test_grep "<criterion points=\"3\">"
'

test_expect_success 'importing the edited sheet again changes nothing' '
	bank_sum >sum1 &&
	tiku import edited.xlsx >out && test_grep "0 added, 0 changed, 41 unchanged" out &&
	bank_sum | cmp - sum1
'

test_expect_success 'csv: a cell edited in the text: one new version, no duplicate' '
	tiku export --format csv -o now.csv 2>/dev/null &&
	sed "s/^lms-tf,判断,\([^,]*\),/lms-tf,判断,\1（改）,/" now.csv >tf.csv &&
	! cmp -s now.csv tf.csv &&
	tiku import tf.csv >out && test_grep "0 added, 1 changed, 40 unchanged" out &&
	count | cmp - n0 && test "$(version lms-tf)" = 3
'

test_expect_success 'a row without 编号 is a new item, once' '
	printf "%s\n" "题型,题干,选项A,选项B,答案,知识点/代码,等级" \
		"单选,新加的一题（　）。,对,错,A,2.1.1,五级" >new.csv &&
	tiku import new.csv >out && test_grep "1 added" out &&
	tiku import new.csv >out && test_grep "0 added, 0 changed, 1 unchanged" out &&
	test "$(count)" = $(($(cat n0) + 1))
'

test_done
