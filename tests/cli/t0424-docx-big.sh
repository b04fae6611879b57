#!/bin/sh
# A Word bank of 2,000 items (tests/tools/mkdocx.py big): three sections
# numbered by Word from 1 each, every answer in the answer section at the
# end.  All of them import, each with its own answer (make bench times
# it; timings are not asserted here beyond sanity).
. "$(dirname "$0")/lib.sh"

test_expect_success 'set up: the standard and the document' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" &&
	python3 "$ROOT/tests/tools/mkdocx.py" big 2000 big.docx
'

test_expect_success '2,000 items import, each with the answer the section at the end gives' '
	tiku import --level 初级 big.docx >out &&
	test_grep "big.docx: 2000 items: 2000 added" out &&
	test "$(tiku search --count --type single)" = 668 &&
	test "$(tiku search --count --type multiple)" = 666 &&
	test "$(tiku search --count --type truefalse)" = 666 &&
	# the generator: single i is ABCD[i % 4], multiple i AB BC ABD ACD[i % 4],
	# true/false i is √ when i is odd
	tiku export >all.xml &&
	for probe in "0-5:B" "0-667:D" "1-6:ABD" "1-665:BC" "2-7:true" "2-664:false"; do
		k=${probe%%:*} a=${probe#*:} &&
		sed -n "/第$k题/,/<\\/item>/p" all.xml | grep "<answer>" >got &&
		echo "    <answer>$a</answer>" >want && test_cmp want got || return 1
	done
'

test_expect_success 'importing it again changes nothing' '
	before=$(bank_sum) &&
	tiku import --level 初级 big.docx >out &&
	test_grep "0 added, 0 changed, 2000 unchanged" out &&
	test "$(bank_sum)" = "$before"
'

test_expect_success 'the import takes seconds, not minutes (the figure: make bench)' '
	t0=$(date +%s) && tiku import -q --level 初级 big.docx && t1=$(date +%s) &&
	test $((t1 - t0)) -lt 30
'
test_done
