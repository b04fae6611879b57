#!/bin/sh
# Standards: import, lint, the source's own inconsistencies.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml

test_expect_success 'the MIIT standard imports once, then is unchanged' '
	tiku import "$S" >out && test_grep "standard added" out &&
	tiku import "$S" >out && test_grep "standard unchanged" out
'
test_expect_success 'lint of the shipped standard: no errors, the known mismatches as warnings' '
	tiku lint "$S" >out &&
	test_grep "0 errors" out &&
	test_grep "row .业务应答. at 初级 covers function 1 .呼叫应答." out &&
	test_grep "row .业务督导. at 高级 covers function 3 .业务管控." out &&
	test_grep "row .运营管理. at 中级 covers function 2 .班组管理." out &&
	test_grep "row .团队管理. is blank at 中级" out &&
	test_grep "skill 2.2.2 at 高级 is printed as 2.2.1" out &&
	test_grep "disagree on the pass mark" out
'
test_expect_success 'every lint line names the file and line' '
	tiku lint "$S" | grep -v "errors, .* warnings" >out &&
	! grep -v "^$S:[0-9][0-9]*: \(error\|warning\): " out
'
test_expect_code 1 'a standard with wrong sums and duplicate codes fails lint' '
	tiku lint "$DATA/std/bad-sums.xml"
'
test_expect_success 'the bad standard: each problem with its line' '
	! tiku lint "$DATA/std/bad-sums.xml" >out &&
	test_grep "bad-sums.xml:[0-9]*: error: theory weight table: the 初级 column sums to 90, not 100" out &&
	test_grep "bad-sums.xml:12: error: duplicate knowledge code 1.1.1 at 初级" out &&
	test_grep "covers .4." out
'
test_expect_code 3 'import refuses a standard with lint errors' '
	tiku import "$DATA/std/bad-sums.xml"
'
test_expect_success 'the 1+X certificate: no weight table, and the tool says so' '
	tiku import "$BANKS/1x-hjzx/standard.xml" &&
	tiku lint "$BANKS/1x-hjzx/standard.xml" >out &&
	test_grep "has no weight table" out &&
	! tiku coverage --standard 1x-hjzx --level 初级 --kind theory --strict >out &&
	test_grep "no theory weight table" out
'
test_expect_success 'a second standard in the same schema works unchanged' '
	tiku --bank b.db import "$DATA/std/mini.xml" &&
	tiku --bank b.db lint >out && test_grep "0 errors" out &&
	tiku --bank b.db coverage --level 四级 --kind theory >out &&
	test_grep "拉花 *90%" out
'
test_expect_code 3 'malformed XML is bad input with file and line' '
	printf "<standard>\n<title>x</title>\n<levels>\n</standard>\n" >broken.xml &&
	tiku import broken.xml 2>err; rc=$?; cat err; test_grep "broken.xml:4: error: not well-formed" err; exit $rc
'
test_done
