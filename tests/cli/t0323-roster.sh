#!/bin/sh
# Rosters (#18.7): read with the CSV import's reader; admission numbers
# that can name files; every row with a name and a site; errors with
# file:line, and nothing written.
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints

test_expect_success 'set up: a generated batch' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/junior/*.xml &&
	tiku batch new b1 --blueprint "$BP/junior-theory.xml" --seed 5 >/dev/null &&
	tiku batch generate b1 >/dev/null
'
audit() {
	sqlite3 "$TIKU_BANK" "SELECT count(*) FROM audit"
}
# refused ROSTER MESSAGE: exit 3, the message, no folder, no audit row
refused() {
	before=$(audit) &&
	{ tiku batch papers b1 --roster "$1" -o out 2>err; test $? = 3; } &&
	test_grep "$2" err && ! test -e out && test "$(audit)" = "$before"
}
test_expect_success 'a quoted admission number with a line end in it is refused, not split' '
	printf "准考证号,姓名,考点\n\"2023\n001\",张三,北京一中\n" >nl.csv &&
	refused nl.csv "nl.csv:2: admission number .2023\\\\n001. cannot name a file"
'
test_expect_success 'admission numbers that would name other files are refused' '
	printf "准考证号,姓名,考点\n../x,张三,北京一中\n" >dots.csv &&
	refused dots.csv "dots.csv:2: admission number .\.\./x. cannot name a file" &&
	printf "准考证号,姓名,考点\n2024000001,张三,北京一中\n.hidden,李四,北京一中\n" >hid.csv &&
	refused hid.csv "hid.csv:3: admission number .\.hidden. cannot name a file"
'
test_expect_success 'a row without a name or without a site is refused with its line' '
	printf "准考证号,姓名,考点\n2024000001,张三,北京一中\n2024000002,,北京一中\n" >noname.csv &&
	refused noname.csv "noname.csv:3: no name (姓名)" &&
	printf "准考证号,姓名,考点\n2024000001,张三,北京一中\n\n2024000002,李四\n" >nosite.csv &&
	refused nosite.csv "nosite.csv:4: no site (考点)"
'
test_expect_success 'a header naming no known column, or missing one, is refused' '
	printf "准考证号,姓名,考场\n2024000001,张三,北京一中\n" >h1.csv &&
	refused h1.csv "h1.csv:1: the header names no known column: .考场." &&
	printf "准考证号,姓名\n2024000001,张三\n" >h2.csv &&
	refused h2.csv "h2.csv:1: the header has no site (考点) column" &&
	printf "准考证号,姓名,考点,考号\n1,a,b,2\n" >h3.csv &&
	refused h3.csv "h3.csv:1: the header names the admission number (准考证号) column twice"
'
test_expect_success 'a quote never closed is refused with the line it opens on' '
	printf "准考证号,姓名,考点\n2024000001,\"张三,北京一中\n2024000002,李四,北京一中\n" >open.csv &&
	refused open.csv "open.csv:2: a quoted field is never closed"
'
test_expect_success 'quoted fields keep their commas; English headers, CRLF and a BOM are fine' '
	printf "\357\273\277admission,site,name\r\n2024000001,\"北京一中, 东校区\",\"张,三\"\r\n" >ok.csv &&
	tiku batch papers b1 --roster ok.csv -o out >/dev/null &&
	test_grep "candidate-name=\"张,三\" site=\"北京一中, 东校区\"" out/2024000001.xml
'
test_expect_success 'a GB18030 roster (as Excel saves CSV in China) reads the same' '
	printf "准考证号,姓名,考点\n2024000009,王五,上海二中\n" | iconv -f UTF-8 -t GB18030 >gb.csv &&
	tiku batch papers b1 --roster gb.csv -o gb >/dev/null &&
	test_grep "candidate-name=\"王五\" site=\"上海二中\"" gb/2024000009.xml
'
test_done
