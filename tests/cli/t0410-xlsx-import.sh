#!/bin/sh
# Excel import: a hand-written workbook with what real ones hold (shared
# and inline strings, rich-text runs, numbers as writers store them, a
# boolean, merged title, header and 题型 cells, cells without references),
# its second sheet by --sheet; a workbook LibreOffice wrote from a CSV
# file imports as the same items as the CSV; re-import changes nothing.
. "$(dirname "$0")/lib.sh"

X=$DATA/xlsx

test_expect_success 'setup: the test standard' '
	tiku import -q "$DATA/std/mini.xml"
'

test_expect_success 'the fixture is its parts' '
	for p in "[Content_Types].xml" _rels/.rels xl/workbook.xml xl/_rels/workbook.xml.rels \
		xl/sharedStrings.xml xl/worksheets/sheet1.xml xl/worksheets/sheet2.xml; do
		# unzip takes [ and ] as wildcards
		unzip -p "$X/mixed.xlsx" "$(echo "$p" | sed "s/\[/\\\\[/")" | cmp - "$X/mixed/$p" || exit 1
	done
'

test_expect_success 'the first sheet: titles, two-row header, merged 题型, every kind of cell' '
	tiku import "$X/mixed.xlsx" >out &&
	test_grep "mixed.xlsx: 3 items: 3 added, 0 changed, 0 unchanged" out &&
	tiku export >bank.xml &&
	sed -n "/点单时，咖啡师首先应当/,/<\/item>/p" bank.xml >a &&
	test_grep "<option key=\"A\">问候顾客</option>" a &&
	test_grep "<option key=\"B\">询问姓名</option>" a &&
	test_grep "<option key=\"C\">直接出品</option>" a &&
	test_grep "<answer>A</answer>" a &&
	grep -B3 "点单时，咖啡师首先应当" bank.xml | test_grep "type=\"single\" level=\"l5\" kind=\"theory\" points=\"0.1\" difficulty=\"2\"" &&
	grep -B3 "意式浓缩的标准萃取时间" bank.xml | test_grep "type=\"single\" .* points=\"0.3\" difficulty=\"3\"" &&
	sed -n "/意式浓缩的标准萃取时间/,/<\/item>/p" bank.xml >b &&
	test_grep "<option key=\"B\">25秒左右</option>" b && test_grep "<answer>B</answer>" b &&
	test_grep "<stem><p>第一行</p><p>第二行_x0041_</p></stem>" bank.xml &&
	grep -A3 "第一行" bank.xml | test_grep "<answer>true</answer>"
'

test_expect_success 're-importing the workbook changes nothing' '
	tiku import "$X/mixed.xlsx" >out &&
	test_grep "3 items: 0 added, 0 changed, 3 unchanged" out
'

test_expect_success '--sheet: the second sheet, a number as the fill answer' '
	tiku import --sheet 补充 "$X/mixed.xlsx" >out &&
	test_grep "1 items: 1 added" out &&
	tiku export >bank.xml &&
	grep -A4 "id=\"xl-fill\"" bank.xml >f &&
	test_grep "<stem>意式浓缩的粉量约为<gap/>克。</stem>" f &&
	test_grep "<answer><blank>18</blank></answer>" f
'

test_expect_code 3 'an unknown sheet is an error listing the sheets' '
	tiku import --sheet 成绩 "$X/mixed.xlsx" 2>err; rc=$?; cat err;
	grep -q "mixed.xlsx: error: no sheet .成绩. in the workbook (its sheets: .题库., .补充.)" err &&
	exit $rc
'

test_expect_code 2 '--sheet is for workbooks' '
	tiku import --sheet 题库 "$X/items.csv"
'

test_expect_success 'a workbook by another name, with --format xlsx or by its content' '
	cp "$X/mixed.xlsx" book.dat && cp "$X/mixed.xlsx" book &&
	tiku import --format xlsx book.dat >out && test_grep "0 added, 0 changed, 3 unchanged" out &&
	tiku import book >out && test_grep "0 added, 0 changed, 3 unchanged" out
'

test_expect_success 'LibreOffice: a CSV file saved as a workbook imports as the same items' '
	TIKU_BANK=$TRASH/lo.db tiku import -q "$DATA/std/mini.xml" &&
	TIKU_BANK=$TRASH/lo.db tiku import "$X/items.csv" >out &&
	test_grep "5 items: 5 added" out &&
	soffice --headless -env:UserInstallation=file://$TRASH/lo-profile \
		--infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$TRASH/lo" "$X/items.csv" \
		>lo.log 2>&1 &&
	test -s lo/items.xlsx &&
	! unzip -l lo/items.xlsx | grep -q "tiku" &&
	TIKU_BANK=$TRASH/lo.db tiku import lo/items.xlsx >out &&
	test_grep "lo/items.xlsx: 5 items: 0 added, 0 changed, 5 unchanged" out &&
	TIKU_BANK=$TRASH/lo2.db tiku import -q "$DATA/std/mini.xml" &&
	TIKU_BANK=$TRASH/lo2.db tiku import -q lo/items.xlsx &&
	TIKU_BANK=$TRASH/lo.db tiku export >csv.xml &&
	TIKU_BANK=$TRASH/lo2.db tiku export >xlsx.xml &&
	sed "s/ file=\"[^\"]*\"//" csv.xml >a && sed "s/ file=\"[^\"]*\"//" xlsx.xml >b &&
	test_cmp a b
'

test_done
