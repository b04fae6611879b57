#!/bin/sh
# Time (#15 §3): the items' expected times add up to no more than the
# paper's duration (plus the blueprint's tolerance), on every shipped
# blueprint and seed; items without a time count their type's default,
# which a blueprint may override; the composer refuses an item past the
# time; the printed skill paper gives each task's suggested time.
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints
TD=$DATA/time
P=$DATA/papers

# seconds the items of paper XML files take (their own time attributes)
seconds() {
	sed -n "s/.*<item [^>]* time=\"\([0-9]*\)\".*/\1/p" "$1" | awk '{ s += $1 } END { print s + 0 }'
}

test_expect_success 'setup: the sample bank and the test standard' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/*/*.xml &&
	tiku import -q "$DATA/std/mini.xml" "$P/mini-items.xml"
'
test_expect_success 'every shipped blueprint assembles papers that can be sat in their time (8 seeds)' '
	for bp in "$BP"/*.xml; do
		minutes=$(sed -n "s/.*<duration>\([0-9]*\)<.*/\1/p" "$bp") &&
		for seed in 1 2 3 4 5 6 7 8; do
			tiku assemble --blueprint "$bp" --seed $seed -o p.xml 2>err || {
				cat err; exit 1; }
			n=$(grep -c "<item " p.xml) &&
			t=$(grep -c "<item [^>]* time=" p.xml) &&
			test "$n" = "$t" &&
			s=$(seconds p.xml) &&
			test "$s" -gt 0 && test "$s" -le $((minutes * 60)) || {
				echo "$bp seed $seed: $s seconds, $minutes minutes"; exit 1; }
		done
	done
'
test_expect_success 'the shipped skill items expect at most 72 seconds a point' '
	for f in "$BANKS"/miit-kflxzxs/items/*/skill.xml; do
		sed -n "s/.*<item [^>]* points=\"\([0-9]*\)\"[^>]* time=\"\([0-9]*\)\".*/\1 \2/p" "$f"
	done >pt &&
	# every skill item gives its time (104 of them since issue 17)
	test "$(wc -l <pt)" = "$(cat "$BANKS"/miit-kflxzxs/items/*/skill.xml | grep -c "<item ")" &&
	test "$(wc -l <pt)" -ge 104 &&
	awk "\$2 > \$1 * 72 { bad++ } END { exit bad > 0 }" pt
'
test_expect_success 'tasks that cannot be sat in the duration: no paper, the time named' '
	{ tiku assemble --blueprint "$TD/skill-60.xml" --seed 1 -o none.xml 2>err; test $? = 1; } &&
	test_grep "中级 skill: time: the closest draw.s items take [0-9]* minutes; the paper has 60, and 0 minutes. tolerance" err &&
	test ! -e none.xml
'
test_expect_success 'items without a time count their type default, which the blueprint overrides' '
	tiku assemble --blueprint "$P/mini-blueprint.xml" --seed 1 -o mini.xml 2>/dev/null &&
	! grep -q "<item [^>]* time=" mini.xml &&
	{ tiku assemble --blueprint "$TD/slow.xml" --seed 1 2>err; test $? = 1; } &&
	test_grep "五级 theory: time: the closest draw.s items take 34 minutes; the paper has 30, and 0 minutes. tolerance" err
'
test_expect_success 'the blueprint time tolerance lets the items run over the duration' '
	tiku assemble --blueprint "$TD/slow-tolerance.xml" --seed 1 -o tol.xml 2>/dev/null &&
	test "$(grep -c "<item " tol.xml)" = 14
'
test_expect_success 'paper add refuses an item past the time' '
	tiku paper new slow --blueprint "$TD/slow.xml" >/dev/null &&
	tiku paper add slow m1 m2 m3 m5 m6 >/dev/null &&
	tiku paper add slow m8 >/dev/null &&
	{ tiku paper add slow m16 2>err; test $? = 3; } &&
	test_grep "item .m16. would make the items take 31 minutes; the paper has 30" err
'
test_expect_success 'a bad time in a blueprint is refused, naming the file and line' '
	sed "s|<time>|<time tolerance=\"ten\">|" "$TD/slow.xml" >bad.xml &&
	{ tiku assemble --blueprint bad.xml --seed 1 2>err; test $? = 3; } &&
	test_grep "^bad.xml:10: error: does not match the schema: Invalid attribute tolerance for element time" err
'
test_expect_success 'the printed skill paper gives each task its suggested time' '
	tiku assemble --blueprint "$BP/intermediate-skill.xml" --seed 2 -o skill.xml 2>/dev/null &&
	tiku render skill.xml -o skill.pdf >/dev/null &&
	pdftotext skill.pdf - | tr -d " " >skill.txt &&
	test "$(grep -c "建议用时[0-9]*分钟" skill.txt)" = "$(grep -c "<item " skill.xml)" &&
	first=$(sed -n "s/.*<item [^>]* time=\"\([0-9]*\)\".*/\1/p" skill.xml | head -1) &&
	grep -q "建议用时$(( (first + 30) / 60 ))分钟" skill.txt
'
test_done
