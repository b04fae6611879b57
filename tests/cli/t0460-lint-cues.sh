#!/bin/sh
# Cue words of true/false items (issue 17, section 3): a false statement
# that says 只要, 一律, 所有 ... is marked false by candidates who know that
# such statements usually are.  Lint warns, with the built-in list or the
# bank's own (a glossary's <cues>); the shipped bank has none left.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
R=$DATA/review

test_expect_success 'set up: the standard and the items' '
	tiku import -q "$S" "$R/words.xml"
'
test_expect_success 'a false statement with a built-in cue word is warned, with its line' '
	tiku lint >out &&
	test_grep "^$R/words.xml:5: warning: item .w-cue-false.: a false statement with the cue word .只要." out &&
	test_grep "cue words: built-in, tiku help lint" out
'
test_expect_success 'a true statement with the same cue word is not: it gives nothing away' '
	! grep "w-cue-true" out
'
test_expect_success '越…越 asks for both parts in one sentence' '
	! grep "w-cue-apart" out
'
test_expect_success 'every cue word tiku help lint lists is one lint knows' '
	tiku help lint | tr "\n" " " | sed "s/.*built-in list: //; s/ (… :.*//" | tr -s " " "\n" |
		grep -v "^$" >words &&
	test "$(wc -l <words)" -ge 18 &&
	n=0 &&
	while read -r w; do
		n=$((n + 1))
		s=$(printf "%s" "$w" | sed "s/…/客户来电/")
		cat >one.xml <<-XML
		<items xmlns="urn:tiku:items:1" standard="miit-kflxzxs">
		  <item id="cue-$n" type="truefalse" level="junior" kind="theory" points="1" difficulty="2" status="approved">
		    <code>1.1.2</code>
		    <stem>坐席${s}按这样处理。</stem>
		    <answer>false</answer>
		    <explanation>样例。</explanation>
		  </item>
		</items>
		XML
		tiku lint one.xml >o || true
		grep -q "cue word .$w." o || { echo "no warning for $w"; cat o; exit 1; }
	done <words
'
test_expect_success 'a glossary with cues of its own replaces the built-in list' '
	tiku import "$R/glossary-cues.xml" >out &&
	test_grep "glossary added" out &&
	tiku lint >out &&
	! grep "w-cue-false" out &&
	test_grep "item .w-cue-plain.: a false statement with the cue word .随便., .先…再说." out &&
	test_grep "cue words: $R/glossary-cues.xml:5" out
'
test_expect_success 'an empty <cues/> turns the check off' '
	tiku import "$R/glossary-off.xml" >out &&
	test_grep "glossary changed" out &&
	tiku lint >out &&
	! grep "cue word" out
'
test_expect_success 'the shipped bank: no false statement gives itself away' '
	tiku --bank kf.db import -q "$S" "$BANKS/miit-kflxzxs/glossary.xml" "$BANKS"/miit-kflxzxs/items/*/*.xml &&
	tiku --bank kf.db lint >out &&
	! grep "cue word" out
'
test_expect_success 'the shipped bank: true and false statements stay balanced' '
	t=$(grep -h -A12 "type=\"truefalse\"" "$BANKS"/miit-kflxzxs/items/*/*.xml | grep -c "<answer>true</answer>") &&
	f=$(grep -h -A12 "type=\"truefalse\"" "$BANKS"/miit-kflxzxs/items/*/*.xml | grep -c "<answer>false</answer>") &&
	echo "true $t false $f" &&
	test $((f * 100 / (t + f))) -ge 40 && test $((t * 100 / (t + f))) -ge 40
'
test_done
