#!/bin/sh
# Parallel forms keep the blueprint's own difficulty target as well as
# the forms tolerance between them: on a bank whose items run harder
# than the target, a form B drawn within 0.1 of an A near the edge of
# the blueprint's tolerance used to drift past it, and every later form
# then failed validation (found by the bench's synthetic bank).
. "$(dirname "$0")/lib.sh"
: "${SYNTH:=$ROOT/build/synth}"

BP=$BANKS/miit-kflxzxs/blueprints/junior-theory.xml

test_expect_success 'setup: a synthetic bank of 3,000 items (generated, not real ones)' '
	"$SYNTH" items "$BANKS/miit-kflxzxs/standard.xml" 3000 7 >items.xml &&
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" items.xml
'
test_expect_success 'every form of four seeds valid alone against the blueprint' '
	for seed in 1 2 3 4; do
		tiku batch new b$seed --blueprint "$BP" --seed $seed >/dev/null &&
		mkdir f$seed && tiku batch generate b$seed -o f$seed >/dev/null || return 1
		for f in f$seed/*.xml; do
			tiku validate "$f" >v.txt || { cat v.txt; return 1; }
		done
	done &&
	test "$(ls f*/*.xml | wc -l)" -ge 8
'
test_expect_success 'and within the forms tolerance of each other' '
	for seed in 1 2 3 4; do
		tiku validate f$seed/*.xml >v.txt || { cat v.txt; return 1; }
	done
'
test_done
