#!/bin/sh
# Keeping last week's items out (#16 §3): tiku assemble --avoid PAPER
# and --avoid-since DATE (the practice log), inside the assembler; paper
# swap's suggestions the same.  Bad inputs: a date that is no date, a
# file that is not a paper, a bank left too small (the diagnosis counts
# the items kept out).  On the MIIT standard and the test-only one.
. "$(dirname "$0")/lib.sh"

P=$DATA/practice
MIIT=$BANKS/miit-kflxzxs

ids() {
	sed -n "s/.*<item [^>]* id=\"\([^\"]*\)\".*/\1/p" "$@" | sort -u
}

test_expect_success 'setup: the junior items, last week.s practice printed' '
	tiku import -q "$MIIT/standard.xml" "$MIIT"/items/junior/*.xml &&
	tiku assemble --blueprint "$P/junior-30.xml" --seed 3 -o week1.xml 2>/dev/null &&
	tiku render week1.xml --class "高二(3)班" --date 2026-12-07 -o week1.pdf >/dev/null &&
	ids week1.xml >seen && test "$(wc -l <seen)" = 30
'
test_expect_success '--avoid PAPER: no item of that paper, for 8 seeds; still valid' '
	for seed in 1 2 3 4 5 6 7 8; do
		tiku assemble --blueprint "$P/junior-30.xml" --seed $seed --avoid week1.xml \
			-o a$seed.xml 2>/dev/null || exit 1
		test "$(ids a$seed.xml | wc -l)" = 30 || exit 1
		ids a$seed.xml | grep -x -F -f seen && exit 1
		tiku validate a$seed.xml >/dev/null || exit 1
	done
'
test_expect_success 'without it the same seeds share items with last week (the avoiding is real)' '
	for seed in 1 2 3 4 5 6 7 8; do
		tiku assemble --blueprint "$P/junior-30.xml" --seed $seed 2>/dev/null || exit 1
	done >free.xml &&
	test "$(ids free.xml | grep -x -F -f seen | wc -l)" -gt 10
'
test_expect_success '--avoid-since DATE: the practice log since then keeps them out; a later date not' '
	for seed in 1 2 3 4 5 6 7 8; do
		tiku assemble --blueprint "$P/junior-30.xml" --seed $seed --avoid-since 2026-12-01 \
			-o s$seed.xml 2>/dev/null || exit 1
		ids s$seed.xml | grep -x -F -f seen && exit 1
		cmp -s s$seed.xml a$seed.xml || exit 1   # the same as naming the paper
	done &&
	for seed in 1 2 3 4 5 6 7 8; do
		tiku assemble --blueprint "$P/junior-30.xml" --seed $seed --avoid-since 2026-12-08 || exit 1
	done >later.xml 2>/dev/null &&
	test "$(ids later.xml | grep -x -F -f seen | wc -l)" -gt 10
'
test_expect_success '--avoid several papers, and with --avoid-since: the union is kept out' '
	tiku assemble --blueprint "$P/junior-30.xml" --seed 9 --avoid week1.xml -o week2.xml 2>/dev/null &&
	ids week1.xml week2.xml >both &&
	tiku assemble --blueprint "$P/junior-30.xml" --seed 10 --avoid week2.xml --avoid-since 2026-12-07 \
		-o w3.xml 2>/dev/null &&
	! ids w3.xml | grep -x -F -f both
'
test_expect_success 'avoiding too much: exit 1, the items kept out counted, no paper' '
	for seed in 11 12 13; do
		tiku assemble --blueprint "$P/junior-30.xml" --seed $seed --avoid week1.xml --avoid week2.xml \
			-o w$seed.xml 2>/dev/null || exit 1
	done &&
	{ tiku assemble --blueprint "$P/junior-30.xml" --seed 14 --avoid week1.xml --avoid week2.xml \
		--avoid w11.xml --avoid w12.xml --avoid w13.xml -o none.xml 2>err; test $? = 1; } &&
	test_grep "初级 theory: area [^ ]* needs [0-9]* points; eligible items give at most" err &&
	test_grep "初级 theory: [0-9]* items are kept out: they are on the papers to avoid or on practice papers printed since the date given" err &&
	test ! -e none.xml
'
test_expect_success 'bad date: a usage error naming it, nothing written' '
	for d in 2026-02-30 2026-12-7 12/07/2026 last-week; do
		{ tiku assemble --blueprint "$P/junior-30.xml" --avoid-since "$d" -o bad.xml 2>err; test $? = 2; } || exit 1
		test_grep "tiku assemble: --avoid-since .$d.: a date is written YYYY-MM-DD (2026-12-07)" err || exit 1
		test ! -e bad.xml || exit 1
	done
'
test_expect_success 'an avoid file that is not a paper: exit 3 naming it, nothing written' '
	{ tiku assemble --blueprint "$P/junior-30.xml" --avoid "$P/junior-30.xml" -o bad.xml 2>err; test $? = 3; } &&
	test_grep "junior-30.xml:8: error: not a paper: the root element is <blueprint>" err &&
	{ tiku assemble --blueprint "$P/junior-30.xml" --avoid week1.pdf -o bad.xml 2>err; test $? = 3; } &&
	test_grep "week1.pdf" err &&
	{ tiku assemble --blueprint "$P/junior-30.xml" --avoid no-such.xml -o bad.xml 2>err; test $? = 3; } &&
	test_grep "no-such.xml" err &&
	test ! -e bad.xml
'
test_expect_success 'paper swap: suggestions leave out what was printed since, or a named paper' '
	tiku paper new q --blueprint "$P/junior-30.xml" >/dev/null &&
	tiku paper add q $(ids a1.xml) >/dev/null &&
	old=$(ids a1.xml | grep "^kf-j-t-B2\.2" | head -1) && test -n "$old" &&
	tiku paper swap q "$old" >all &&
	sed -n "s/^  \([^ ]*\) .*/\1/p" all >all.ids &&
	grep -x -F -f seen all.ids >/dev/null &&
	tiku paper swap q "$old" --avoid-since 2026-12-01 >some &&
	sed -n "s/^  \([^ ]*\) .*/\1/p" some >some.ids &&
	test -s some.ids && ! grep -x -F -f seen some.ids &&
	tiku paper swap q "$old" --avoid week1.xml >named &&
	cmp some named &&
	{ tiku paper swap q "$old" "$(head -1 some.ids)" --avoid week1.xml 2>err; test $? = 2; } &&
	test_grep "choose among the suggestions: name no NEW" err &&
	{ tiku paper swap q "$old" --avoid-since 2026-99-01 2>err; test $? = 2; } &&
	test_grep "a date is written YYYY-MM-DD" err
'
test_expect_success 'second standard: --avoid on the test bank' '
	tiku --bank mini.db import -q "$DATA/std/mini.xml" "$DATA/papers/mini-items.xml" &&
	tiku --bank mini.db assemble --blueprint "$P/mini-30.xml" --seed 1 -o m1.xml 2>/dev/null &&
	tiku --bank mini.db assemble --blueprint "$P/mini-30.xml" --seed 2 --avoid m1.xml -o m2.xml 2>/dev/null &&
	! ids m2.xml | grep -x -F -f "$(ids m1.xml >m1.ids && echo m1.ids)" &&
	tiku --bank mini.db validate m2.xml >out && test_grep "^valid" out
'
test_done
