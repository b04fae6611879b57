#!/bin/sh
# Per-candidate papers (千人千卷) before the validator: each a shuffle of
# its form, items and options, with a key that matches it; anything else
# refused, naming the rule.
. "$(dirname "$0")/lib.sh"

P=$DATA/papers

test_expect_success 'set up: a committed batch of the test standard, four candidates' '
	tiku import -q "$DATA/std/mini.xml" "$P/mini-items.xml" &&
	tiku batch new b1 --blueprint "$P/mini-blueprint.xml" --seed 8 >/dev/null &&
	tiku batch generate b1 -o . >/dev/null && tiku batch commit b1 >/dev/null &&
	tiku batch papers b1 --roster "$P/roster.csv" -o cand >/dev/null &&
	c=cand/2023070001.xml && test -s cand/2023070001.key.csv
'
test_expect_success 'each candidate paper is valid, its key beside it checked' '
	for a in 2023070001 2023070002 2023070003 2023070004; do
		tiku validate cand/$a.xml >out || { cat out; exit 1; }
		test_grep "candidate *a shuffle of its form *want form A of b1 *got yes *ok" out &&
		test_grep "key *matches the paper *want 14 answers *got 0 wrong *ok" out || exit 1
	done
'
test_expect_success 'the four together: no overlap rows between candidates of one form' '
	tiku validate cand/2023070001.xml cand/2023070002.xml >out &&
	! grep -q "overlap" out
'
test_expect_success 'an item moved to another section: section and candidate' '
	# the first truefalse item moved to the end of the first section
	python3 - <<-\EOF &&
	import re
	t = open("cand/2023070001.xml", encoding="utf-8").read()
	secs = list(re.finditer(r"<section\b.*?</section>", t, re.S))
	tf = re.search(r"[ ]*<item\b.*?</item>\n", secs[1].group(0), re.S)
	s1 = secs[0].group(0).replace("</section>", tf.group(0) + "  </section>")
	s2 = secs[1].group(0).replace(tf.group(0), "", 1)
	open("moved.xml", "w", encoding="utf-8").write(
	    t[:secs[0].start()] + s1 + t[secs[0].end():secs[1].start()] + s2 + t[secs[1].end():])
	EOF
	! tiku validate moved.xml >out &&
	test_grep "^  section *single .*FAIL" out && test_grep "^  candidate .*got not *FAIL" out &&
	test_grep "candidate: item .* is not one of section 1 of form A of batch b1" out
'
test_expect_success 'an answer changed in the paper and its key alike: edited' '
	id=$(grep -o "id=\"m[0-9]*\" version=\"1\" type=\"truefalse\"" cand/2023070001.xml | head -1 | cut -d\" -f2) &&
	awk -v id="$id" "index(\$0, \"id=\\\"\" id \"\\\"\") { hit = 1 }
		hit && /<answer>/ { if (sub(/>true</, \">false<\") == 0) sub(/>false</, \">true<\"); hit = 0 } { print }" \
		cand/2023070001.xml >answer.xml &&
	! cmp -s cand/2023070001.xml answer.xml &&
	! tiku validate answer.xml >out &&
	test_grep "^  edited .*FAIL" out &&
	test_grep "edited: item .$id.: the paper.s text differs from version 1 in the bank" out
'
test_expect_success 'a candidate paper of a batch the bank does not have: candidate' '
	sed "s/batch=\"b1\"/batch=\"b9\"/" cand/2023070001.xml >other.xml &&
	! tiku validate other.xml >out &&
	test_grep "^  candidate *b9 *want batch in the bank *got none *FAIL" out
'
test_expect_code 2 '--key goes with one paper' '
	tiku validate --key cand/2023070001.key.csv cand/2023070001.xml cand/2023070002.xml
'
test_expect_code 3 'a --key that cannot be read is an input error' '
	tiku validate --key nope.csv cand/2023070001.xml
'
test_done
