#!/bin/sh
# The audit of official work (#15 section 4): batch runs, commit, pack and
# sealing in tiku log with who, when and digests; batch show readable for
# hundreds of candidates; edits of items on committed forms recorded.
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints
P=$DATA/papers

test_expect_success 'set up: the junior bank, a centre key and a site key' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/junior/*.xml &&
	tiku keygen --unencrypted -o centre >/dev/null &&
	tiku keygen --seal -o site >/dev/null
'
test_expect_success 'batch new and generate are in the log: who, command, batch, digests' '
	tiku --by 考务员 batch new b1 --blueprint "$BP/junior-theory.xml" --seed 5 >/dev/null &&
	tiku --by 考务员 batch generate b1 -o . >/dev/null &&
	tiku log >log &&
	bp=$(sqlite3 "$TIKU_BANK" "SELECT substr(blueprint_digest, 1, 12) FROM batch") &&
	bank=$(sed -n "s/.* bank-digest=\"\([0-9a-f]\{12\}\).*/\1/p" b1-A.xml) &&
	test -n "$bank" &&
	test_grep "^audit  [0-9-]*T[0-9:]*Z  考务员 *batch new b1: standard miit-kflxzxs, seed 5" log &&
	test_grep "^audit  [0-9-]*T[0-9:]*Z  考务员 *generate b1: 2 forms, seed 5 (bank $bank, blueprint $bp)" log
'
test_expect_success 'batch papers, pack and sealing are in the log with their digests' '
	tiku batch papers b1 --roster "$P/roster.csv" -o cand >/dev/null &&
	tiku --by 主任 pack --batch b1 --key centre.key -o pk --seal-to site.pub >/dev/null 2>err &&
	tiku log >log &&
	test_grep "^audit .* papers  b1: 4 candidate papers (bank [0-9a-f]\{12\}, blueprint [0-9a-f]\{12\})" log &&
	test_grep "^audit .* 主任 *pack    b1: pk.zip and pk-key.zip: 2 papers (bank [0-9a-f]\{12\}, blueprint" log &&
	test_grep "^audit .* 主任 *seal    b1: pk.zip.age and pk-key.zip.age sealed to 1 site key (bank" log
'
test_expect_success 'pack before commit warns that the forms can still change' '
	test_grep "warning: batch b1 is not committed: its forms can still change" err &&
	tiku pack b1-A.xml --key centre.key -o one >/dev/null 2>err &&
	test_grep "batch b1 is not committed" err
'
test_expect_success 'commit is in the log; packing after commit does not warn' '
	tiku --by 主任 batch commit b1 >/dev/null &&
	tiku log -n 1 >log &&
	test_grep "^audit .* 主任 *commit  b1: 2 forms with 180 items, now exposed (bank [0-9a-f]\{12\}, blueprint [0-9a-f]\{12\})" log &&
	tiku pack --batch b1 --key centre.key -o after >/dev/null 2>err &&
	! test_grep "not committed" err
'
test_expect_success 'editing an item on a committed form warns and records that the form keeps its version' '
	id=$(sed -n "s/.*<item [^>]*id=\"\([^\"]*\)\" version=\"1\".*/\1/p" b1-A.xml | head -1) &&
	tiku set "$id" difficulty=5 >out 2>err &&
	test_grep "warning: item $id is on committed form A of batch b1: the form keeps version 1, the bank now has version 2" err &&
	tiku log -n 3 >log &&
	test_grep "^audit .* edit    b1: item $id edited to version 2; committed form A keeps version 1" log &&
	test_grep "^#[0-9]* .* set " log
'
test_expect_success 'undoing the edit leaves its audit line' '
	tiku undo >/dev/null && tiku log >log &&
	test_grep "edit    b1: item .* edited to version 2" log
'
test_expect_success 'an item on no committed form edits without a word' '
	other=$(sqlite3 "$TIKU_BANK" "SELECT id FROM item WHERE id NOT IN (SELECT item FROM exposure) LIMIT 1") &&
	tiku set "$other" difficulty=2 >out 2>err && ! test -s err
'
test_expect_success 'batch show of 300 candidates is a summary; --candidates lists them all' '
	tiku batch new b2 --blueprint "$BP/junior-theory.xml" --seed 9 >/dev/null &&
	tiku batch generate b2 >/dev/null &&
	{ echo "准考证号,姓名,考点"; i=1; while [ $i -le 300 ]; do
		printf "2024%06d,考生%d,考点%d\n" $i $i $((i % 3)); i=$((i + 1)); done; } >r300.csv &&
	tiku batch papers b2 --roster r300.csv -o c300 >/dev/null &&
	tiku batch show b2 >show &&
	test "$(wc -l <show)" -lt 20 &&
	test_grep "302 papers generated: 2 forms, 300 candidate papers for 300 candidates" show &&
	test_grep "^  A  .*90 items, 100 points" show && test_grep "^  B  " show &&
	test_grep "bank digest [0-9a-f]\{64\}" show &&
	test_grep "tiku batch show b2 --candidates" show &&
	tiku batch show b2 --candidates >all &&
	test "$(grep -c " 2024[0-9]\{6\} " all)" = 300
'
test_done
