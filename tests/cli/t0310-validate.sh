#!/bin/sh
# validate finds the blueprint a paper was drawn from (its file, the bank's
# copy, or --blueprint), trusts none of the paper's own claims, keeps a
# committed form valid when its items change later, and paper show takes
# its targets from the blueprint.
. "$(dirname "$0")/lib.sh"

P=$DATA/papers

test_expect_success 'set up: the test standard and its items' '
	tiku import -q "$DATA/std/mini.xml" "$P/mini-items.xml" &&
	cp "$P/mini-blueprint.xml" bp.xml
'
test_expect_success 'a paper records the blueprint file it was drawn from' '
	tiku assemble --blueprint bp.xml --seed 1 -o a.xml 2>/dev/null &&
	test_grep "blueprint-file=\"bp.xml\"" a.xml &&
	tiku validate a.xml >out && test_grep "^valid: 0 checks failed" out
'
test_expect_success 'a blueprint found nowhere fails the paper, naming --blueprint' '
	mv bp.xml moved.xml &&
	! tiku validate a.xml >out &&
	test_grep "blueprint *mini-l5 .*not found (--blueprint) *FAIL" out &&
	tiku validate --blueprint moved.xml a.xml >out && test_grep "^valid" out
'
test_expect_success 'a blueprint file changed since is not the paper blueprint' '
	sed "s/<duration>30</<duration>40</" moved.xml >bp.xml &&
	! tiku validate a.xml >out && test_grep "blueprint *mini-l5 .*not found" out &&
	! tiku validate --blueprint bp.xml a.xml >out &&
	test_grep "^  blueprint *mini-l5 .*FAIL" out &&
	test_grep "duration *minutes *want 40 *got 30 .*FAIL" out
'
test_expect_code 3 'a --blueprint that does not read is an input error' '
	echo "<blueprint/>" >bad.xml && tiku validate --blueprint bad.xml a.xml
'
test_expect_success 'the paper claim for its points is checked, not used' '
	sed -e "s|<points>100</points>|<points>90</points>|" a.xml >claims.xml &&
	! tiku validate --blueprint moved.xml claims.xml >out &&
	test_grep "total *points *want 100 *got 100 (the paper says 90) *FAIL" out
'
test_expect_success 'batch forms carry no file: the bank keeps their blueprint' '
	tiku batch new b1 --blueprint moved.xml --seed 4 >/dev/null &&
	tiku batch generate b1 -o . >/dev/null &&
	! grep -q "blueprint-file" b1-A.xml &&
	rm moved.xml bp.xml &&
	tiku validate b1-A.xml >out && test_grep "^valid" out
'
test_expect_success 'an item edited after its form was committed: a warning, the form stays valid' '
	tiku batch commit b1 >/dev/null &&
	id=$(grep -o "id=\"m[0-9]*\"" b1-A.xml | sed -n 2p | cut -d\" -f2) &&
	tiku set "$id" difficulty=5 &&
	tiku validate b1-A.xml >out && test_grep "^valid" out &&
	test_grep "warning: changed: item .$id.: version 1 on the committed form, 2 in the bank" out
'
test_expect_success 'validate --json names each check by its rule' '
	tiku validate --json b1-A.xml >out.json &&
	python3 -c "
import json
d = json.load(open(\"out.json\"))
assert d[\"valid\"], d
checks = {r[\"check\"] for r in d[\"rows\"]}
for rule in (\"section\", \"area\", \"total\", \"duration\", \"time\", \"status\", \"enemies\",
             \"exposure\", \"edited\", \"changed\"):
    assert rule in checks, (rule, checks)
assert any(p.startswith(\"changed: \") for p in d[\"problems\"]), d[\"problems\"]
"
'
test_expect_success 'paper show takes each section target from the blueprint' '
	tiku paper new p1 --blueprint "$P/mini-blueprint.xml" >/dev/null &&
	tiku paper add p1 m1 m2 >/dev/null &&
	tiku paper show p1 >out &&
	test_grep "section *single *want 6 × 10 = 60 *got 2 items, 20 *--" out &&
	test_grep "section *truefalse *want 8 × 5 = 40 *got 0 items, 0 *--" out &&
	test_grep "^not valid yet" out
'
test_done
