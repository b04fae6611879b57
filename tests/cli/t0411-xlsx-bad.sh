#!/bin/sh
# Workbooks that cannot be read, and rows that are bad: each an error
# naming the file (and the sheet and row), exit 3, nothing imported.
. "$(dirname "$0")/lib.sh"

X=$DATA/xlsx
EDIT="node $ROOT/tests/formats/xlsx-edit.mjs"

test_expect_success 'setup: the test standard and items of every type, exported' '
	tiku import -q "$DATA/std/mini.xml" "$DATA/lms/items.xml" &&
	tiku export --format xlsx -o good.xlsx 2>/dev/null &&
	tiku export --format csv -o good.csv 2>/dev/null &&
	bank_sum >before
'

test_expect_code 3 'not a zip' '
	echo "题型,题干,答案" >text.xlsx &&
	tiku import text.xlsx 2>err; rc=$?; cat err;
	grep -q "^text.xlsx: error: not an Excel workbook (.xlsx): not a zip archive" err &&
	bank_sum | cmp - before && exit $rc
'

test_expect_code 3 'an Excel 97-2003 file' '
	printf "\320\317\021\340\241\261\032\341rest" >old.xls &&
	tiku import old.xls 2>err; rc=$?; cat err;
	grep -q "^old.xls: error: an Excel 97-2003 workbook (.xls) .*: save it as an Excel workbook (.xlsx)" err &&
	exit $rc
'

test_expect_code 3 'a damaged zip' '
	head -c 300 good.xlsx >cut.xlsx &&
	tiku import cut.xlsx 2>err; rc=$?; cat err;
	grep -q "^cut.xlsx: error: not an Excel workbook (.xlsx): a damaged" err && exit $rc
'

test_expect_code 3 'a zip without a workbook' '
	tiku import "$X/no-workbook.xlsx" 2>err; rc=$?; cat err;
	grep -q "no-workbook.xlsx: error: no workbook in the archive (xl/workbook.xml)" err &&
	bank_sum | cmp - before && exit $rc
'

test_expect_code 3 'a sheet whose part is missing' '
	tiku import "$X/missing-part.xlsx" 2>err; rc=$?; cat err;
	grep -q "missing-part.xlsx: error: sheet .题库. is missing from the workbook (xl/worksheets/sheet1.xml)" err &&
	exit $rc
'

test_expect_code 3 'a row with a bad answer is named by sheet and row; nothing imported' '
	row=$(grep -n "^lms-single," good.csv | cut -d: -f1) &&
	$EDIT good.xlsx bad.xlsx lms-single 答案 Z lms-multi 题干 多选题改过了 &&
	tiku import bad.xlsx 2>err >out; rc=$?; cat err out;
	grep -q "^bad.xlsx: error: 题库 row $row: 答案 .Z. names no option (options A–C)" err &&
	test "$(grep -c error: err)" = 1 &&
	grep -q "nothing imported: 1 errors" err &&
	bank_sum | cmp - before && exit $rc
'

test_expect_code 3 'a code the standard lacks: the message names sheet and row' '
	row=$(grep -n "^lms-tf," good.csv | cut -d: -f1) &&
	$EDIT good.xlsx code.xlsx lms-tf 知识点/代码 9.9.9 &&
	tiku import code.xlsx 2>err; rc=$?; cat err;
	grep -q "^code.xlsx: error: 题库 row $row: .*9\.9\.9" err &&
	bank_sum | cmp - before && exit $rc
'

test_expect_success '--partial: the good rows, the bad one reported' '
	tiku import --partial bad.xlsx >out 2>err; cat out err;
	test_grep "1 items rejected" out &&
	test_grep "0 added, 1 changed" out &&
	tiku export --type multiple | test_grep "多选题改过了"
'

test_expect_code 3 'an empty sheet says so' '
	(cd "$ROOT/tests/formats" && node --input-type=module -e "
		const E = (await import(\"exceljs\")).default; const wb = new E.Workbook();
		wb.addWorksheet(\"空\"); await wb.xlsx.writeFile(\"$TRASH/empty.xlsx\");
	") &&
	tiku import empty.xlsx 2>err; rc=$?; cat err;
	grep -q "empty.xlsx: error: sheet .空. is empty: no header row" err && exit $rc
'

test_done
