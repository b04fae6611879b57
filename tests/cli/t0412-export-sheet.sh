#!/bin/sh
# tiku export --format xlsx and --format csv: the import layout, read by
# programs we did not write (exceljs; LibreOffice headless turning the
# workbook into CSV) and every cell checked against the bank; losses said
# item by item; the same bytes twice; CSV in UTF-8 with a BOM or GB18030.
. "$(dirname "$0")/lib.sh"

CHECK="node $ROOT/tests/formats/check.mjs"

# LibreOffice, with a profile of this test's own (parallel runs do not
# clash): the workbook $1 as UTF-8 CSV in folder $2
lo_csv() {
	soffice --headless -env:UserInstallation=file://$TRASH/lo-profile \
		--convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1" --outdir "$2" "$1" \
		>"$TRASH/lo.log" 2>&1
}

test_expect_success 'setup: the test standard and items of every type' '
	tiku import -q "$DATA/std/mini.xml" "$DATA/course/shop-items.xml" \
		"$DATA/course/cc/items.xml" "$DATA/lms/items.xml" &&
	tiku export -o bank.xml
'

test_expect_success 'xlsx: exceljs reads every cell as the bank has it' '
	tiku export --format xlsx -o items.xlsx 2>warn &&
	$CHECK xlsx items.xlsx bank.xml >out; rc=$?; cat out; test $rc = 0 &&
	test_grep "# 41 items" out
'

test_expect_success 'xlsx: LibreOffice converts it to CSV with the right cells' '
	lo_csv items.xlsx lo &&
	$CHECK csv lo/items.csv bank.xml >out; rc=$?; cat out; test $rc = 0 &&
	test_grep "# 41 items" out &&
	head -1 lo/items.csv | test_grep "^\"编号\",\"题型\",\"题干\",\"选项A\"" &&
	test_grep -F "\"lms-fill2\",\"填空\",\"比例 ____ 与符号 ____。\"" lo/items.csv
'

test_expect_success 'xlsx: a valid package: content types, relationships, styles, strings' '
	unzip -l items.xlsx | awk "NR>3 && \$4 {print \$4}" | sort >parts &&
	printf "%s\n" "[Content_Types].xml" _rels/.rels xl/_rels/workbook.xml.rels \
		xl/sharedStrings.xml xl/styles.xml xl/workbook.xml xl/worksheets/sheet1.xml |
		sort >expect && test_cmp expect parts &&
	for p in "\\[Content_Types].xml" _rels/.rels xl/_rels/workbook.xml.rels xl/sharedStrings.xml \
		xl/styles.xml xl/workbook.xml xl/worksheets/sheet1.xml; do
		unzip -p items.xlsx "$p" | xmllint --noout - || exit 1
	done &&
	unzip -p items.xlsx xl/worksheets/sheet1.xml >sheet.xml &&
	test_grep -F "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>" sheet.xml &&
	test_grep -F "<col min=\"3\" max=\"3\" width=\"60\"" sheet.xml &&
	unzip -p items.xlsx xl/styles.xml | test_grep -F "<b/>" &&
	unzip -p items.xlsx xl/styles.xml | test_grep -F "wrapText=\"1\""
'

test_expect_success 'what the layout cannot carry is said item by item' '
	cat warn &&
	test_grep "^cc-task: warning: 题干 is plain text in the sheet, without its image" warn &&
	test_grep "^cc-case: warning: the sheet has no column for its rubric (2 criteria)" warn &&
	test_grep "^shop-short: warning: the sheet has no column for its rubric" warn &&
	! grep -q "^lms-single:" warn &&
	! grep -q "^cc-fill1:" warn
'

test_expect_success 'csv: UTF-8 with a BOM, CRLF, the same cells; LibreOffice reads it too' '
	tiku export --format csv -o items.csv 2>cwarn &&
	test_cmp warn cwarn &&
	head -c 3 items.csv | od -An -tx1 | test_grep "ef bb bf" &&
	head -1 items.csv | od -c | test_grep "\\\\r  \\\\n" &&
	$CHECK csv items.csv bank.xml &&
	soffice --headless -env:UserInstallation=file://$TRASH/lo-profile \
		--infilter="CSV:44,34,76,1" --convert-to xlsx --outdir lo2 items.csv >lo.log 2>&1 &&
	$CHECK xlsx lo2/items.xlsx bank.xml >out 2>&1; cat out;
	test_grep "ok - every row matches its item" out
'

test_expect_success 'csv --encoding gb18030: GB18030 without a BOM, which import detects' '
	tiku export --format csv --encoding gb18030 -o gb.csv 2>/dev/null &&
	! head -c 3 gb.csv | od -An -tx1 | grep -q "ef bb bf" &&
	iconv -f GB18030 -t UTF-8 gb.csv >back.csv &&
	tail -c +4 items.csv | cmp - back.csv &&
	tiku import gb.csv >out && test_grep "0 added, 0 changed, 41 unchanged" out &&
	tiku import --encoding gbk gb.csv >out && test_grep "0 added, 0 changed, 41 unchanged" out
'

test_expect_success 'the same bytes twice, and the same whatever the time zone' '
	tiku export --format xlsx -o again.xlsx 2>/dev/null && cmp items.xlsx again.xlsx &&
	TZ=Asia/Shanghai tiku export --format xlsx -o tz.xlsx 2>/dev/null && cmp items.xlsx tz.xlsx &&
	tiku export --format csv -o again.csv 2>/dev/null && cmp items.csv again.csv
'

test_expect_success 'filters: type, level, kind, status, code' '
	tiku export --format xlsx --type truefalse -o tf.xlsx 2>/dev/null &&
	tiku export --type truefalse -o tf.xml && $CHECK xlsx tf.xlsx tf.xml &&
	tiku export --format csv --kind skill --level 五级 --status approved --code 2.1.1 -o s.csv 2>/dev/null &&
	tiku export --kind skill --level 五级 --status approved --code 2.1.1 -o s.xml &&
	$CHECK csv s.csv s.xml
'

test_expect_code 2 'an Excel workbook goes to a file, not standard output' '
	tiku export --format xlsx
'

test_expect_code 2 '--encoding is for CSV' '
	tiku export --format xlsx --encoding gb18030 -o x.xlsx
'

test_expect_code 2 'an unknown encoding is a usage error' '
	tiku export --format csv --encoding latin1 -o x.csv
'

test_expect_code 2 'an output name of another type is a usage error' '
	tiku export --format xlsx -o x.csv
'

test_done
