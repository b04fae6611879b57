#!/bin/sh
# Parallel forms (#15 §2): a batch's forms are drawn together, so that
# parallel skill forms are found for every seed when the bank can supply
# them -- on the shipped skill blueprints and on a second standard's --
# each valid, within the overlap limit and with mean difficulties within
# the blueprint's forms tolerance (0.1) of each other; when the bank
# cannot, the short cells are named.
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints
F=$DATA/forms

# the mean difficulty of a paper's items
mean() {
	sed -n "s/.*<item [^>]* difficulty=\"\([0-9]\)\".*/\1/p" "$1" |
		awk '{ s += $1; n++ } END { printf "%.4f\n", s / n }'
}
# every pair of means within $1
close() {
	tol=$1; shift
	for a in "$@"; do for b in "$@"; do
		awk -v a="$(mean "$a")" -v b="$(mean "$b")" -v t="$tol" \
			"BEGIN { d = a - b; if (d < 0) d = -d; exit d > t + 1e-9 }" || {
			echo "$a $(mean "$a") / $b $(mean "$b")"; return 1; }
	done; done
}

test_expect_success 'setup: the sample bank and a second standard with skill items' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/*/*.xml &&
	tiku import -q "$F/florist.xml" "$F/florist-items.xml"
'
for level in junior intermediate senior; do
	test_expect_success "$level skill: parallel forms for every one of 8 seeds, valid and close" "
		for seed in 1 2 3 4 5 6 7 8; do
			tiku batch new $level\$seed --blueprint \"\$BP/$level-skill.xml\" --seed \$seed >/dev/null &&
			tiku batch generate $level\$seed -o $level >/dev/null 2>err || { cat err; exit 1; }
			tiku validate $level/$level\$seed-A.xml $level/$level\$seed-B.xml >out &&
			test_grep '^valid' out && test_grep 'overlap *A / B .*ok' out &&
			close 0.1 $level/$level\$seed-A.xml $level/$level\$seed-B.xml || exit 1
		done
	"
done
test_expect_success 'a second standard: three skill forms of different sizes, 8 seeds' '
	for seed in 1 2 3 4 5 6 7 8; do
		tiku batch new f$seed --blueprint "$F/skill.xml" --seed $seed >/dev/null &&
		tiku batch generate f$seed -o fl >/dev/null 2>err || { cat err; exit 1; }
		tiku validate fl/f$seed-A.xml fl/f$seed-B.xml fl/f$seed-C.xml >out &&
		test_grep "^valid" out &&
		test "$(grep -c "overlap .* ok$" out)" = 3 &&
		close 0.1 fl/f$seed-A.xml fl/f$seed-B.xml fl/f$seed-C.xml || exit 1
	done &&
	for seed in 1 2 3 4 5 6 7 8; do grep -c "<item " fl/f$seed-A.xml fl/f$seed-B.xml; done |
		sed "s/.*://" | sort -u >sizes &&
	test "$(wc -l <sizes)" -gt 1
'
test_expect_success 'the same batch seed gives the same forms, byte for byte' '
	mkdir again && tiku batch generate f3 -o again >/dev/null &&
	cmp fl/f3-A.xml again/f3-A.xml && cmp fl/f3-C.xml again/f3-C.xml
'
test_expect_success 'the forms tolerance is the blueprint'"'"'s: 0 means equal means, or a difficulty failure' '
	sed "s|<forms count=\"3\" max-shared=\"0.5\"/>|<forms count=\"3\" max-shared=\"0.5\" tolerance=\"0\"/>|" \
		"$F/skill.xml" >exact.xml &&
	tiku batch new ex --blueprint exact.xml --seed 4 >/dev/null &&
	if tiku batch generate ex -o ex >/dev/null 2>err; then
		close 0 ex/ex-A.xml ex/ex-B.xml ex/ex-C.xml &&
		! close 0 fl/f1-A.xml fl/f1-B.xml fl/f1-C.xml fl/f2-A.xml fl/f2-B.xml >/dev/null
	else
		test_grep "difficulty: mean" err
	fi &&
	tiku batch generate --help >help && tr -s " \n" "  " <help | test_grep "0.1 unless <forms tolerance> says"
'
test_expect_success 'when the bank cannot supply the forms, the short cells are named, nothing kept' '
	sed "s|<forms count=\"3\" max-shared=\"0.5\"/>|<forms count=\"4\" max-shared=\"0\"/>|" \
		"$F/skill.xml" >four.xml &&
	tiku batch new four --blueprint four.xml --seed 1 >/dev/null &&
	{ tiku batch generate four -o four 2>err; test $? = 1; } &&
	test_grep "三级 skill: forms: area 花材处理 is short: form D needs 40 points there, items on no earlier form give 10" err &&
	test ! -e four &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM batch_form WHERE batch = '\''four'\''")" = 0
'
test_done
