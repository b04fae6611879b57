#!/bin/sh
# The sample bank as a reviewer left it (issue 17, section 3), fixed:
# imported with its glossary, lint finds nothing to say of any item (only
# the standard's own inconsistencies, which are the source's); every
# shipped blueprint draws valid papers, and two skill forms that share no
# item; no shipped file names a path of the machine it was written on.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
BP=$BANKS/miit-kflxzxs/blueprints

test_expect_success 'set up: the shipped bank with its glossary' '
	tiku import "$S" "$BANKS/1x-hjzx/standard.xml" "$BANKS/miit-kflxzxs/glossary.xml" \
		"$BANKS"/miit-kflxzxs/items/*/*.xml >out &&
	test_grep "glossary.xml: glossary added" out
'
test_expect_success 'lint: no errors, and no warning about any item' '
	tiku lint >out &&
	test_grep "^0 errors" out &&
	! grep -v "^$S:\|^$BANKS/1x-hjzx/standard.xml:\|^[0-9]* errors" out
'
test_expect_success 'no stem holds straight quotes, no text of an item holds ASCII double quotes but formulas' '
	! grep "straight quotes" out &&
	grep -h "<stem>" "$BANKS"/miit-kflxzxs/items/*/*.xml | sed "s/<[^>]*>//g" >stems &&
	! grep "\"" stems &&
	! grep -h "<p>[^<=]*\"" "$BANKS"/miit-kflxzxs/items/*/*.xml
'
test_expect_success 'lint of the shipped blueprints: their sections fit their items' '
	tiku lint "$BP"/*.xml >out &&
	test_grep "^0 errors, 0 warnings" out
'
for level in junior intermediate senior; do
	for kind in theory skill; do
		test_expect_success "$level $kind: valid papers for several seeds" "
			for seed in 11 12 13 14 15; do
				tiku assemble --blueprint $BP/$level-$kind.xml --seed \$seed -o p.xml 2>err || { cat err; exit 1; }
				tiku validate p.xml >out || { cat out; exit 1; }
			done
		"
	done
	test_expect_success "$level skill: two forms that share no item" "
		sed 's/max-shared=\"[0-9.]*\"/max-shared=\"0\"/' $BP/$level-skill.xml >$level-disjoint.xml &&
		for seed in 1 2 3; do
			tiku batch new d$level\$seed --blueprint $level-disjoint.xml --seed \$seed >/dev/null &&
			tiku batch generate d$level\$seed -o d >/dev/null 2>err || { cat err; exit 1; }
			tiku validate d/d$level\$seed-A.xml d/d$level\$seed-B.xml >out &&
			test_grep 'overlap .*got 0 .*ok' out || exit 1
		done
	"
done
test_expect_success 'no shipped file names a path of the machine it was written on' '
	cd "$ROOT" &&
	! git ls-files banks docs lua schema po README.md Makefile tools |
		xargs grep -n -E "/(work|home|root|Users)/" 2>/dev/null
'
test_expect_success 'the standard names its sources by their own names' '
	test_grep "004_227e3e9355f203b7.txt (the evaluation standard" "$S" &&
	! grep -q "seeds/" "$S"
'
test_expect_success 'the items per level and kind, for the README' '
	for level in junior intermediate senior; do
		for kind in theory skill; do
			printf "%s %s %s\n" $level $kind "$(tiku search --count --level $level --kind $kind)"
		done
	done >counts &&
	cat counts &&
	test "$(awk "\$2 == \"skill\" && \$3 < 33" counts | wc -l)" = 0 &&
	test "$(awk "\$2 == \"theory\" && \$3 < 150" counts | wc -l)" = 0
'
test_done
