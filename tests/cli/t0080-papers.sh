#!/bin/sh
# Papers: assembly exact to the weight table, reproducible from its seed,
# checked by an independent validator; infeasible blueprints diagnosed.
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints
P=$DATA/papers

test_expect_success 'set up: the sample bank' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/*/*.xml
'
for level in junior intermediate senior; do
	for kind in theory skill; do
		test_expect_success "a valid $level $kind paper from the sample bank, over many seeds" "
			for seed in 1 2 3 4 5 6 7 8 9 10; do
				tiku assemble --blueprint $BP/$level-$kind.xml --seed \$seed -o p.xml 2>/dev/null &&
				tiku validate p.xml >out || { cat out; exit 1; }
			done &&
			test_grep '^valid: 0 checks failed' out
		"
	done
done
test_expect_success 'the same seed gives the same bytes; another seed another paper' '
	tiku assemble --blueprint "$BP/junior-theory.xml" --seed 42 -o a.xml &&
	tiku assemble --blueprint "$BP/junior-theory.xml" --seed 42 -o b.xml &&
	cmp a.xml b.xml &&
	tiku assemble --blueprint "$BP/junior-theory.xml" --seed 43 -o c.xml &&
	! cmp -s a.xml c.xml
'
test_expect_success 'a paper records its seed, the blueprint digest and the bank digest' '
	test_grep "seed=\"42\"" a.xml &&
	test_grep "blueprint-digest=\"[0-9a-f]\{64\}\"" a.xml &&
	test_grep "bank-digest=\"[0-9a-f]\{64\}\"" a.xml
'
test_expect_success 'without --seed one is drawn and printed' '
	tiku assemble --blueprint "$BP/junior-theory.xml" -o d.xml 2>err &&
	seed=$(sed -n "s/^tiku assemble: seed //p" err) &&
	tiku assemble --blueprint "$BP/junior-theory.xml" --seed "$seed" -o e.xml &&
	cmp d.xml e.xml
'
test_expect_success 'a change to an unrelated item keeps the bank digest; to an eligible one not' '
	tiku set kf-s-t-1.1.1-01 status=review &&
	tiku assemble --blueprint "$BP/junior-theory.xml" --seed 42 -o f.xml &&
	cmp a.xml f.xml &&
	tiku set kf-j-t-1.1.1-01 status=review &&
	tiku assemble --blueprint "$BP/junior-theory.xml" --seed 42 -o g.xml &&
	! cmp -s a.xml g.xml &&
	tiku undo && tiku undo
'
test_expect_success 'validate --json' '
	tiku validate --json a.xml >out.json &&
	test_grep "\"valid\": true" out.json &&
	python3 -c "import json,sys; d=json.load(open(\"out.json\")); assert d[\"valid\"] and len(d[\"rows\"]) > 10"
'
test_expect_success 'validate catches an item whose code was edited in the paper' '
	# a 初级 basics item coded to 业务应答 instead: same section, another area
	from=$(grep -o "id=\"kf-j-t-B2[^\"]*\" version=\"1\" type=\"single\"" a.xml | head -1 | cut -d\" -f2) &&
	awk -v id="$from" "index(\$0, \"id=\\\"\" id \"\\\"\") { hit = 1 } hit && /<code>/ { sub(/<code>[^<]*</, \"<code>1.1.2<\"); hit = 0 } { print }" a.xml >bad.xml &&
	! cmp -s a.xml bad.xml &&
	! tiku validate bad.xml >out &&
	# the areas come from the bank, whatever the paper says of its items
	test_grep "area *基础知识 .*ok" out && test_grep "area *业务应答 .*ok" out &&
	test_grep "edited .*FAIL" out &&
	test_grep "edited: item .$from.: the paper.s text differs from version 1 in the bank" out &&
	test_grep "^INVALID" out
'
test_expect_success 'validate catches an item twice' '
	first=$(grep -o "id=\"kf-j-t-[^\"]*\"" a.xml | sed -n 1p) &&
	second=$(grep -o "id=\"kf-j-t-[^\"]*\"" a.xml | sed -n 2p) &&
	sed "s/$second/$first/" a.xml >dup.xml &&
	! tiku validate dup.xml >out && test_grep "twice on the paper .*FAIL" out
'
test_expect_success 'validate catches a retired item and a too-short duration' '
	item=$(grep -o "id=\"kf-j-t-[^\"]*\"" a.xml | sed -n 3p | cut -d\" -f2) &&
	tiku retire "$item" &&
	sed "s/<duration>90</<duration>40</" a.xml >short.xml &&
	! tiku validate short.xml >out &&
	test_grep "duration .*want at least 45 .*got 40 .*FAIL" out &&
	test_grep "status .*allowed by the blueprint .*FAIL" out &&
	test_grep "status: item .$item. is retired" out &&
	tiku undo
'
test_expect_success 'validate of two forms reports the items they share' '
	tiku validate a.xml c.xml >out; test_grep "overlap" out
'
test_expect_success 'a second standard, written only for the tests, works unchanged' '
	tiku --bank mini.db import -q "$DATA/std/mini.xml" "$P/mini-items.xml" &&
	for seed in 1 2 3 4 5 6 7 8; do
		tiku --bank mini.db assemble --blueprint "$P/mini-blueprint.xml" --seed $seed -o m.xml &&
		tiku --bank mini.db validate m.xml >out || exit 1
		! grep -q "id=\"m17\"" m.xml || { echo "a draft item on the paper"; exit 1; }
		! { grep -q "id=\"m7\"" m.xml && grep -q "id=\"m15\"" m.xml; } || { echo enemies; exit 1; }
	done
'
test_expect_success 'an infeasible blueprint gets a diagnosis naming what binds, and no paper' '
	! tiku --bank mini.db assemble --blueprint "$P/mini-infeasible.xml" --seed 1 -o x.xml 2>err &&
	test_grep "area 服务 needs 45 points; eligible items give at most 35 (1 single, 5 truefalse)" err &&
	test ! -e x.xml
'
test_expect_code 1 'infeasible exits 1' '
	tiku --bank mini.db assemble --blueprint "$P/mini-infeasible.xml" --seed 1 -o x.xml
'
test_expect_code 3 'a blueprint shorter than the standard minimum is refused' '
	tiku --bank mini.db assemble --blueprint "$P/mini-short.xml" --seed 1
'
test_done
