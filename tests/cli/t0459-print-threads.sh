#!/bin/sh
# Many papers in one PDF are drawn in parts on several threads and the
# parts joined: the same bytes on any number of threads, a PDF another
# PDF library (qpdf) finds sound, every page as the paper alone prints it.
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints

test_expect_success 'set up: 70 candidates'"'"' papers, more than one part holds' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/*/*.xml &&
	awk "BEGIN { print \"准考证号,姓名,考点\"; for (i = 1; i <= 70; i++) printf \"2024%06d,考生%d,考点1\\n\", i, i }" >roster.csv &&
	tiku batch new b1 --blueprint "$BP/junior-skill.xml" --seed 5 >/dev/null &&
	tiku batch generate b1 >/dev/null &&
	tiku batch papers b1 --roster roster.csv -o cand >/dev/null &&
	tiku render cand --roster roster.csv --combined --threads 1 -o one.pdf >/dev/null &&
	tiku render cand --roster roster.csv --combined --threads 2 -o two.pdf >/dev/null &&
	tiku render cand --roster roster.csv --combined -o any.pdf >out &&
	tiku render cand --roster roster.csv --each -o each >/dev/null
'
test_expect_success 'the same bytes on one thread, two, and one per core' '
	cmp one.pdf two.pdf && cmp one.pdf any.pdf
'
test_expect_success 'qpdf finds the joined PDF sound: one page tree, every object where the table says' '
	qpdf --check two.pdf >check.txt 2>&1 &&
	test_grep "No syntax or stream encoding errors" check.txt
'
# pages PDF: its page count
pages() {
	pdfinfo "$1" | sed -n "s/^Pages: *//p"
}
test_expect_success 'its pages are the papers'"'"' pages, in roster order, as the command says' '
	total=0 &&
	for f in each/*.pdf; do total=$((total + $(pages "$f"))); done &&
	test "$(pages two.pdf)" = "$total" &&
	test_grep "any.pdf: $total pages" out &&
	pdftotext -layout two.pdf - | sed -n "s/.*试卷编号 \([^ ]*\) .*/\1/p" | uniq >order &&
	test "$(wc -l <order)" = 70 &&
	sed "s/.*-//" order >got &&
	sed -n "s/^\(2024[0-9]*\),.*/\1/p" roster.csv >want &&
	test_cmp want got
'
test_expect_success 'the first page of the second part looks as that paper alone' '
	# 70 papers are two parts of 35: paper 36 starts the second
	before=0 &&
	for f in $(ls each/*.pdf | head -n 35); do before=$((before + $(pages "$f"))); done &&
	n=$((before + 1)) &&
	pdftoppm -r 40 -f $n -l $n -png two.pdf joined &&
	pdftoppm -r 40 -f 1 -l 1 -png "$(ls each/*.pdf | sed -n 36p)" alone &&
	cmp joined-*.png alone-*.png
'
test_expect_success 'a broken paper in the second part: exit 3, named, nothing written' '
	cp -r cand bad && printf "<paper" >bad/2024000050.xml &&
	cp two.pdf keep.pdf &&
	{ tiku render bad --roster roster.csv --combined -o two.pdf 2>err; test $? = 3; } &&
	test_grep "2024000050.xml" err &&
	cmp keep.pdf two.pdf
'
cat >"$TRASH/many.lua" <<'LUA'
local out, list = ...
local papers = {}
for path in io.lines(list) do papers[#papers + 1] = path end
print(assert(tiku.render(papers, out, {bank = tiku.open()})))
-- a Word document is one paper; a list of none is no list
print(pcall(tiku.render, papers, "x.docx"))
print(pcall(tiku.render, {}, "x.pdf"))
LUA
test_expect_success 'Lua: tiku.render of a list of papers (images from the bank) writes the command'"'"'s PDF' '
	sed -n "s/^\(2024[0-9]*\),.*/cand\/\1.xml/p" roster.csv >list &&
	tiku run "$TRASH/many.lua" lua.pdf list >out &&
	cmp one.pdf lua.pdf &&
	test "$(sed -n 1p out)" = "$(pages one.pdf)" &&
	test_grep "false.*a Word document holds one paper" out &&
	test_grep "false.*a paper, or a list of papers" out
'
test_expect_success '--each: a PDF a paper, the same files on one thread and on every core' '
	tiku render cand --roster roster.csv --each --threads 1 -o each1 >/dev/null &&
	for f in each/*.pdf; do cmp "$f" "each1/${f#each/}" || exit 1; done &&
	test "$(ls each1 | wc -l)" = 70
'
test_expect_success '--each with a broken paper: exit 3, named, no file placed' '
	{ tiku render bad --roster roster.csv --each -o each-bad 2>err; test $? = 3; } &&
	test_grep "2024000050.xml" err &&
	test ! -e each-bad || test -z "$(ls each-bad)"
'
test_expect_code 2 '--threads must be a number from 1' 'tiku render cand --roster roster.csv --combined --threads 0 -o x.pdf'
test_done
