#!/bin/sh
# Exam batches: parallel forms, per-candidate papers, exposure, audit.
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints
P=$DATA/papers

test_expect_success 'set up: the sample bank' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/*/*.xml
'
test_expect_success 'a batch draws its forms, each valid, within the overlap' '
	tiku batch new b7 --blueprint "$BP/junior-theory.xml" --name 2023年第七次统考 --seed 77 >out &&
	test_grep "batch b7: seed 77" out &&
	tiku batch generate b7 -o . >out &&
	test_grep "form A" out && test_grep "form B" out &&
	tiku validate b7-A.xml b7-B.xml >out &&
	test_grep "overlap *A / B .*ok" out && test_grep "^valid" out
'
test_expect_success 'generating again gives the same forms, byte for byte' '
	mkdir again && tiku batch generate b7 -o again >/dev/null &&
	cmp b7-A.xml again/b7-A.xml && cmp b7-B.xml again/b7-B.xml
'
test_expect_success 'per-candidate papers: shuffled, valid, each with its key' '
	tiku batch papers b7 --roster "$P/roster.csv" -o cand >out &&
	test_grep "4 candidate papers and keys" out &&
	for a in 2023070001 2023070002 2023070003 2023070004; do
		test -s cand/$a.xml && test -s cand/$a.key.csv &&
		tiku validate cand/$a.xml >/dev/null || exit 1
	done &&
	test_grep "candidate=\"2023070003\" candidate-name=\"王五\" site=\"上海二中\"" cand/2023070003.xml &&
	head -1 cand/2023070001.key.csv | test_grep "^题号,试题编号,答案,分值$" &&
	test "$(wc -l <cand/2023070001.key.csv)" = 91 &&
	! cmp -s cand/2023070001.xml cand/2023070002.xml
'
test_expect_success 'the key matches the shuffled paper' '
	first=$(sed -n 2p cand/2023070001.key.csv | cut -d, -f2) &&
	answer=$(sed -n 2p cand/2023070001.key.csv | cut -d, -f3) &&
	awk -v id="$first" "index(\$0, \"id=\\\"\" id \"\\\"\") { hit = 1 } hit && /<answer>/ { print; exit }" \
		cand/2023070001.xml | test_grep "<answer>$answer</answer>"
'
test_expect_success 'regenerating one candidate gives the same bytes' '
	tiku batch papers b7 --roster "$P/roster.csv" --only 2023070003 -o one >/dev/null &&
	cmp cand/2023070003.xml one/2023070003.xml &&
	cmp cand/2023070003.key.csv one/2023070003.key.csv
'
test_expect_success 'a paper that cannot be written fails the run and leaves no audit rows' '
	before=$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM audit") &&
	mkdir -p clash/2023070003.xml &&
	{ tiku batch papers b7 --roster "$P/roster.csv" -o clash 2>err; test $? = 3; } &&
	test_grep "clash/2023070003.xml: cannot write" err &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM audit")" = "$before"
'
test_expect_success 'Lua: candidates need string admission numbers, each once' '
	cat >cands.lua <<-\EOF &&
	local bank = tiku.open()
	local ok, e = pcall(bank.batch_papers, bank, "b7", { { admission = 2023070001 } }, print)
	print(e)
	ok, e = pcall(bank.batch_papers, bank, "b7",
		{ { admission = "1" }, { admission = "2" }, { admission = "1" } }, print)
	print(e)
	local n = 0
	assert(bank:batch_papers("b7", { { admission = "2023070009", name = "赵六" } },
		function(c, paper, key) n = n + 1; assert(c.name == "赵六" and #paper.sections > 0) end))
	print("called " .. n)
	EOF
	tiku run cands.lua >out &&
	test_grep "candidate 1: admission must be a string" out &&
	test_grep "candidate 3: admission number 1 repeats candidate 1" out &&
	test_grep "^called 1$" out
'
test_expect_success 'a roster with an admission number twice is refused with its line' '
	! tiku batch papers b7 --roster "$P/roster-dup.csv" -o dup 2>err &&
	test_grep "roster-dup.csv:3: admission number 2023070001 appears twice (first on line 2)" err
'
test_expect_success 'the audit records every paper: who, when, seed, digests' '
	tiku --by 考务员 batch papers b7 --roster "$P/roster.csv" --only 2023070001 -o again2 >/dev/null &&
	tiku batch show b7 --candidates >out &&
	test_grep "2023年第七次统考" out &&
	test_grep "考务员 *A\|考务员 *B" out &&
	test_grep "^[0-9-]*T[0-9:]*Z *root *A  *77 " out &&
	test_grep "papers generated" out
'
test_expect_success 'a batch not committed leaves no trace in exposure' '
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM exposure")" = 0
'
test_expect_success 'commit records the exposure; the batch is then fixed' '
	tiku batch commit b7 &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(DISTINCT item) FROM exposure")" -gt 90 &&
	! tiku batch generate b7 2>err && test_grep "committed" err
'
test_expect_success 'a later batch that excludes committed items uses none of them' '
	tiku --bank fresh.db import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/junior/*.xml &&
	tiku --bank fresh.db batch new b5 --blueprint "$P/junior-theory-fresh.xml" --seed 5 >/dev/null &&
	tiku --bank fresh.db batch generate b5 -o . >/dev/null &&
	tiku --bank fresh.db batch commit b5 &&
	tiku --bank fresh.db batch new b6 --blueprint "$P/junior-theory-fresh.xml" --seed 6 >/dev/null &&
	tiku --bank fresh.db batch generate b6 -o . >/dev/null &&
	for id in $(grep -o "<item xmlns=\"urn:tiku:items:1\" id=\"[^\"]*\"" b5-A.xml | sed "s/.*id=\"//; s/\"//"); do
		! grep -q "id=\"$id\"" b6-A.xml || { echo "$id exposed again"; exit 1; }
	done
'
test_expect_success 'when exposure leaves too few items, the diagnosis says what binds' '
	tiku batch new b8 --blueprint "$P/junior-theory-fresh.xml" --seed 8 >/dev/null &&
	! tiku batch generate b8 2>err && test_grep "初级 theory: " err
'
test_expect_success 'batch list' '
	tiku batch list >out && test_grep "^b7 *committed" out && test_grep "^b8 *new" out
'
test_expect_code 3 'an unknown batch is bad input' 'tiku batch show nope'
test_expect_code 2 'batch new needs a blueprint' 'tiku batch new b9'
test_done
