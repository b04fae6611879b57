#!/bin/sh
# Per-candidate papers in one PDF: every page says whose paper it is, so
# that pages of different candidates (and their keys) cannot be mixed up.
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints

test_expect_success 'set up: a batch of four candidates, their papers in one PDF and their keys' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/*/*.xml &&
	tiku batch new b1 --blueprint "$BP/junior-skill.xml" --seed 11 >/dev/null &&
	tiku batch generate b1 >/dev/null &&
	tiku batch papers b1 --roster "$DATA/papers/roster.csv" -o cand >/dev/null &&
	tiku render cand --roster "$DATA/papers/roster.csv" --combined -o all.pdf >/dev/null &&
	tiku render --key cand --roster "$DATA/papers/roster.csv" --combined -o keys.pdf >/dev/null
'
# ids PDF: the paper id at the foot of each page, one line a page
ids() {
	pages=$(pdfinfo "$1" | sed -n "s/^Pages: *//p")
	p=1
	while [ "$p" -le "$pages" ]; do
		pdftotext -layout -f $p -l $p "$1" - | sed -n "s/.*试卷编号 \([^ ]*\) .*/\1/p"
		p=$((p + 1))
	done
}
test_expect_success 'every page of the papers names its candidate'"'"'s paper, in roster order' '
	ids all.pdf >foot &&
	test "$(wc -l <foot)" = "$(pdfinfo all.pdf | sed -n "s/^Pages: *//p")" &&
	uniq foot >order &&
	printf "b1-A-2023070001\nb1-B-2023070002\nb1-A-2023070003\nb1-B-2023070004\n" >expect0 &&
	sed "s/-[AB]-/-X-/" order >got && sed "s/-[AB]-/-X-/" expect0 >want &&
	test_cmp want got
'
test_expect_success 'and so does every page of the keys' '
	ids keys.pdf >kfoot &&
	test "$(wc -l <kfoot)" = "$(pdfinfo keys.pdf | sed -n "s/^Pages: *//p")" &&
	uniq kfoot >korder && test_cmp order korder &&
	test "$(pdftotext -layout keys.pdf - | grep -c "试卷编号 .*参考答案")" = "$(wc -l <kfoot)"
'
test_expect_success 'a candidate'"'"'s own paper asks to check the printed name, not to fill in a 标封' '
	pdftotext -layout -f 1 -l 1 all.pdf first.txt &&
	test_grep "请首先核对试卷首页的准考证号、姓名和考点" first.txt &&
	! grep -q "标封" first.txt
'
test_done
