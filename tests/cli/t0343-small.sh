#!/bin/sh
# The smaller hardening points (#18.8): an import of nothing is an error;
# text after a CSV field's closing quote is an error at its line; exit
# codes as the help says (a malformed signature 3, a full disk 4);
# blueprint problems name their line; Lua bank:lint() runs the house
# rules; render does not follow a link out of --images.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
BP=$BANKS/miit-kflxzxs/blueprints/junior-theory.xml
R=$DATA/render

test_expect_success 'set up' 'tiku import -q "$S" "$DATA/items/good.xml"'

test_expect_success 'a text file with no items: exit 3, nothing imported' '
	printf "一、单项选择题\n这里没有编号的题目。\n" >none.txt &&
	before=$(bank_sum) && n=$(tiku log | wc -l) &&
	{ tiku import --level junior none.txt 2>err; rc=$?; } &&
	test $rc = 3 && test_grep "none.txt: error: no items" err &&
	test "$(bank_sum)" = "$before" && test "$(tiku log | wc -l)" = $n
'
test_expect_success 'a CSV of a header alone: exit 3' '
	printf "题型,题干,答案\n" >header.csv &&
	{ tiku import --level junior header.csv 2>err; rc=$?; } &&
	test $rc = 3 && test_grep "header.csv: error: no items in the file" err
'
test_expect_success 'text after a closing quote: an error naming the line, row and field' '
	printf "题型,题干,选项A,选项B,答案,难度,代码,分值\n" >q.csv &&
	printf "单选题,\"好的题干（　）。\",甲,乙,A,2,1.1.2,1\n" >>q.csv &&
	printf "单选题,\"题干（　）。\"garbage,甲,乙,A,2,1.1.2,1\n" >>q.csv &&
	before=$(bank_sum) &&
	{ tiku import --level junior q.csv 2>err; rc=$?; } &&
	test $rc = 3 && test "$(bank_sum)" = "$before" &&
	test_grep "q.csv:3: error: row 3, field 2: text after the closing quote" err
'
test_expect_success 'blanks after a closing quote are layout, still read' '
	printf "题型,题干,选项A,选项B,答案,难度,代码,分值\n" >sp.csv &&
	printf "单选题, \"引号后的空格（　）。\" ,甲,乙,A,2,1.1.2,1\n" >>sp.csv &&
	tiku import --level junior sp.csv >out && test_grep "1 added" out
'

test_expect_success 'set up: a key, a signed file and a signed zip' '
	tiku keygen -o k --unencrypted >/dev/null &&
	echo hello >f.txt && tiku sign f.txt --key k.key >/dev/null &&
	python3 -c "import zipfile; z = zipfile.ZipFile(\"z.zip\", \"w\"); z.writestr(\"a.txt\", \"a\"); z.close()" &&
	tiku sign z.zip --key k.key >/dev/null
'
test_expect_code 3 'a truncated .minisig of a file: exit 3' '
	head -c 200 f.txt.minisig >t.minisig && tiku verify f.txt --pub k.pub --sig t.minisig
'
test_expect_code 3 'a truncated .minisig of a package: exit 3 as well, as the help says' '
	head -c 200 z.zip.minisig >zt.minisig && tiku verify z.zip --pub k.pub --sig zt.minisig
'
test_expect_code 1 'a changed file is a failed check: exit 1' '
	echo world >f.txt && tiku verify f.txt --pub k.pub
'
test_expect_success 'the help says so' '
	tiku verify --help | tr "\n" " " | test_grep "1 when not .*3 for a malformed key or signature file"
'

test_expect_success 'a full disk (a file-size limit here) is exit 4, nothing left behind' '
	{ (trap "" XFSZ; ulimit -f 2; tiku render --images "$R" "$R/hard.xml" -o big.pdf) 2>err; rc=$?; } &&
	test $rc = 4 && test_grep "big.pdf: cannot write: File too large" err &&
	! ls big.pdf* 2>/dev/null &&
	tiku help | test_grep "4 internal error"
'
test_expect_code 3 'a folder that does not exist is bad input: exit 3' '
	tiku render --images "$R" "$R/hard.xml" -o /nonexistent/x.pdf
'

test_expect_success 'blueprint problems name their lines' '
	sed -e "s|<section type=\"single\" count=\"60\" points=\"1\">|<section type=\"single\" count=\"60\" points=\"2\">|" \
	    -e "s|<duration>90</duration>|<duration>10</duration>|" "$BP" >bp.xml &&
	{ tiku assemble --blueprint bp.xml --seed 1 -o p.xml 2>err; rc=$?; } &&
	test $rc = 3 &&
	test_grep "bp.xml:8: error: the sections give 160 points, the paper is 100" err &&
	test_grep "bp.xml:9: error: duration 10 minutes is shorter" err &&
	! grep -q "bp.xml: error" err
'

test_expect_success 'Lua bank:lint() runs the house rules tiku lint runs' '
	printf "return function(item)\n  if item.id == \"t-tf-1\" then return \"house says no\" end\nend\n" >rule.lua &&
	tiku script add house rule.lua --lint &&
	tiku lint >lint.out; test_grep "rule house: house says no" lint.out &&
	cat >l.lua <<-\EOT &&
	local bank = assert(tiku.open())
	local problems = bank:lint()
	for _, p in ipairs(problems) do
	  if p.message:find("rule house: house says no", 1, true) then print("found") end
	end
	EOT
	tiku run l.lua >out && test "$(cat out)" = found
'

test_expect_success 'render does not follow a symlinked image out of --images' '
	mkdir -p imgs outside && cp "$R/chart.png" outside/secret.png &&
	ln -s ../outside/secret.png imgs/chart.png &&
	{ tiku render --images imgs "$R/hard.xml" -o link.pdf 2>err; rc=$?; } &&
	test $rc = 3 && test_grep "chart.png: image path leaves the images directory" err &&
	! test -e link.pdf &&
	rm imgs/chart.png && cp "$R/chart.png" imgs/chart.png &&
	tiku render --images imgs "$R/hard.xml" -o ok.pdf >/dev/null
'

test_done
