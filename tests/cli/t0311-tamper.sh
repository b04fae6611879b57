#!/bin/sh
# The validator against tampered papers: real papers from the sample bank
# (assemble, batch), each edited to break one rule (tests/tools/tamper.py),
# each rejected naming that rule; the untampered papers valid.
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints
P=$DATA/papers
TAMPER="python3 $ROOT/tests/tools/tamper.py"

# rejected FILE RULE [validate options]: invalid, the RULE row failing
rejected() {
	_f=$1 _r=$2
	shift 2
	! tiku validate "$@" "$_f" >out &&
	test_grep "^  $_r  *.*FAIL$" out && test_grep "^INVALID" out
}

test_expect_success 'set up: the junior items, a paper, the bank exported' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/junior/*.xml &&
	tiku assemble --blueprint "$BP/junior-theory.xml" --seed 11 -o a.xml 2>/dev/null &&
	tiku export --level junior --kind theory -o bank.xml &&
	tiku validate a.xml >out && test_grep "^valid: 0 checks failed" out &&
	test_grep "difficulty *mean *want 2.30 ± 0.30 .*ok$" out
'
test_expect_success 'an extra item in a section: section' '
	$TAMPER extra-item a.xml t.xml --items bank.xml &&
	rejected t.xml section && test_grep "section *single .*want 60 × 1 = 60 .*got 61 items" out
'
test_expect_success 'points per item changed in the paper: section' '
	$TAMPER points a.xml t.xml &&
	rejected t.xml section && test_grep "want 1 each .*got 2 each (the paper says)" out
'
test_expect_success 'an item of an area the blueprint gives no weight: area' '
	sed -e "s|<weights tolerance=\"0\"/>|<weights tolerance=\"0\"><area id=\"ethics\" weight=\"5\"/><area id=\"fundamentals\" weight=\"35\"/><area id=\"answering\" weight=\"20\"/><area id=\"handling\" weight=\"40\"/></weights>|" \
		"$BP/junior-theory.xml" >zero.xml &&
	tiku assemble --blueprint zero.xml --seed 3 -o z.xml 2>/dev/null &&
	tiku validate z.xml >out && test_grep "^valid" out &&
	id=$(grep -o "id=\"kf-j-t-3[^\"]*\" version=\"1\" type=\"single\"" bank.xml | head -1 | cut -d\" -f2) &&
	$TAMPER swap-in z.xml t.xml --items bank.xml --id "$id" &&
	rejected t.xml area && test_grep "area *设备操作 *want 0 (0%) .*FAIL" out &&
	test_grep "area: item .$id. counts in 设备操作, which the blueprint gives no weight" out
'
cat >extra.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<items xmlns="urn:tiku:items:1" standard="miit-kflxzxs">
  <item id="kf-j-t-2.1.1-draft" type="single" level="junior" kind="theory" points="1" difficulty="2" time="50" status="draft">
    <code>2.1.1</code>
    <stem>草稿题不应出现在正式试卷上（　）。</stem>
    <options><option key="A">对</option><option key="B">错</option></options>
    <answer>A</answer>
  </item>
  <item id="kf-j-t-2.1.1-slow" type="single" level="junior" kind="theory" points="1" difficulty="2" time="7200" status="approved">
    <code>2.1.1</code>
    <stem>一道预计要做两个小时的单选题（　）。</stem>
    <options><option key="A">对</option><option key="B">错</option></options>
    <answer>A</answer>
  </item>
</items>
EOF
test_expect_success 'a draft item: status' '
	tiku import -q extra.xml && tiku export --level junior --kind theory -o bank2.xml &&
	$TAMPER swap-in a.xml t.xml --items bank2.xml --id kf-j-t-2.1.1-draft &&
	rejected t.xml status &&
	test_grep "status: item .kf-j-t-2.1.1-draft. is draft" out &&
	test_grep "area .*ok$" out
'
test_expect_success 'items that take longer than the paper: time' '
	$TAMPER swap-in a.xml t.xml --items bank2.xml --id kf-j-t-2.1.1-slow &&
	rejected t.xml time && test_grep "time *expected minutes *want at most 90 " out &&
	# off every paper drawn from here on
	tiku retire kf-j-t-2.1.1-slow && tiku retire kf-j-t-2.1.1-draft
'
test_expect_success 'two enemies on one paper: enemies' '
	$TAMPER enemy a.xml t.xml --items bank.xml &&
	rejected t.xml enemies && test_grep "enemies: items .* are enemies" out
'
test_expect_success 'a stem edited in the paper file: edited' '
	$TAMPER stem a.xml t.xml &&
	rejected t.xml edited &&
	test_grep "edited: item .*: the paper.s text differs from version 1 in the bank" out
'
test_expect_success 'an item edited in the bank after the paper was drawn: changed' '
	id=$(grep -o "id=\"kf-j-t-[^\"]*\"" a.xml | sed -n 5p | cut -d\" -f2) &&
	tiku set "$id" difficulty=5 &&
	rejected a.xml changed &&
	test_grep "changed: item .$id. was edited in the bank after the paper was drawn (version 1 on the paper, 2 in the bank)" out &&
	tiku undo && tiku validate a.xml >/dev/null
'
test_expect_success 'a practice paper holding items of a committed batch: exposure' '
	sed "s|<exposure max-uses=\"3\"/>|<exposure exclude=\"committed\"/>|" "$BP/junior-theory.xml" >practice.xml &&
	tiku assemble --blueprint practice.xml --seed 5 -o p.xml 2>/dev/null &&
	tiku validate p.xml >out && test_grep "^valid" out &&
	tiku batch new b1 --blueprint "$BP/junior-theory.xml" --seed 21 >/dev/null &&
	tiku batch generate b1 -o . >/dev/null && tiku batch commit b1 >/dev/null &&
	rejected p.xml exposure &&
	test_grep "exposure: item .* is on 1 committed batches (first b1); the blueprint.s exposure rule does not allow it" out
'
test_expect_success 'the committed forms and the paper under max-uses stay valid' '
	tiku validate b1-A.xml b1-B.xml >out && test_grep "^valid" out &&
	tiku validate a.xml >out && test_grep "^valid" out
'
test_expect_success 'per-candidate papers and their keys are valid' '
	tiku batch papers b1 --roster "$P/roster.csv" -o cand >/dev/null &&
	for a in 2023070001 2023070002 2023070003 2023070004; do
		tiku validate cand/$a.xml >out || { cat out; exit 1; }
		test_grep "candidate *a shuffle of its form .*ok$" out &&
		test_grep "key *matches the paper .*ok$" out || exit 1
	done
'
test_expect_success 'a candidate paper that is not a shuffle of its form: candidate' '
	form=$(grep -o " form=\"[AB]\"" cand/2023070001.xml | cut -d\" -f2) &&
	other=$(test "$form" = A && echo B || echo A) &&
	$TAMPER swap-in cand/2023070001.xml t.xml --from b1-$other.xml &&
	rejected t.xml candidate &&
	test_grep "candidate: item .* is not one of section [0-9] of form $form of batch b1" out
'
test_expect_success 'a key that does not match the paper: key' '
	$TAMPER key cand/2023070001.key.csv bad.key.csv &&
	rejected cand/2023070001.xml key --key bad.key.csv &&
	test_grep "bad.key.csv:2: error: key: question 1 is" out
'
test_expect_success 'tamper.py refuses what it cannot do' '
	! $TAMPER nothing a.xml t.xml 2>err && test_grep "no rule nothing" err
'
test_done
