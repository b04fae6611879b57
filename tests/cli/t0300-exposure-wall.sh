#!/bin/sh
# The exposure wall on every route (#15 §1): once a batch is committed,
# no practice paper -- tiku assemble, paper add, Lua bank:assemble, course
# practice -- takes an item of its forms unless the blueprint allows it,
# and a batch whose exposure rule excludes committed items takes none.
# The rule lives in the assembler and the composer, not in the routes.
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints
W=$DATA/wall
C=$DATA/course

ids() {
	sed -n "s/.*<item [^>]* id=\"\([^\"]*\)\".*/\1/p" "$@" | sort -u
}

test_expect_success 'setup: the sample bank, an official batch committed' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/junior/*.xml &&
	cp "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/junior/*.xml . &&
	sed "/<exposure /d" "$W/official.xml" >quiz.xml &&
	tiku batch new b1 --blueprint quiz.xml --seed 5 >/dev/null &&
	tiku batch generate b1 -o forms >/dev/null &&
	tiku batch commit b1 >/dev/null &&
	ids forms/b1-A.xml forms/b1-B.xml >official &&
	test "$(wc -l <official)" -ge 30
'
test_expect_success 'assemble: a practice paper never takes an official item (8 seeds)' '
	for seed in 1 2 3 4 5 6 7 8; do
		tiku assemble --blueprint "$W/practice.xml" --seed $seed -o p$seed.xml 2>/dev/null &&
		test "$(ids p$seed.xml | wc -l)" = 20 &&
		ids p$seed.xml | grep -x -F -f official && exit 1
		tiku validate p$seed.xml >/dev/null || exit 1
	done
'
test_expect_success 'assemble: a blueprint that allows official items gets them' '
	for seed in 1 2 3 4 5 6 7 8; do
		tiku assemble --blueprint "$W/practice-allow.xml" --seed $seed || exit 1
	done >allowed.xml 2>/dev/null &&
	test "$(ids allowed.xml | grep -x -F -f official | wc -l)" -gt 8
'
test_expect_success 'assemble: when the wall leaves too few items, it says so, and writes nothing' '
	TIKU_BANK="$TRASH/big.db" && export TIKU_BANK &&
	tiku import -q standard.xml theory-*.xml skill.xml &&
	tiku batch new big --blueprint "$BP/junior-theory.xml" --seed 5 >/dev/null &&
	tiku batch generate big >/dev/null && tiku batch commit big >/dev/null &&
	{ tiku assemble --blueprint "$BP/junior-theory.xml" --seed 1 -o none.xml 2>err; test $? = 1; } &&
	test_grep "items are not eligible: they are on committed official forms, and a practice paper takes none unless the blueprint says <practice official-items=.allow./>" err &&
	test_grep "section single needs 60 items" err &&
	test ! -e none.xml
'
test_expect_success 'batch: a later batch whose exposure rule excludes committed items takes none' '
	tiku batch new b2 --blueprint "$W/official.xml" --seed 9 >/dev/null &&
	tiku batch generate b2 -o forms2 >/dev/null &&
	test "$(ids forms2/b2-A.xml | wc -l)" = 20 &&
	! ids forms2/b2-A.xml forms2/b2-B.xml | grep -x -F -f official
'
test_expect_success 'paper add: an official item is refused by hand, naming its batch and form' '
	first=$(ids forms/b1-A.xml | grep "^kf-j-t-1\." | head -1) &&
	test -n "$first" &&
	tiku paper new p1 --blueprint "$W/practice.xml" >/dev/null &&
	{ tiku paper add p1 "$first" 2>err; test $? = 3; } &&
	test_grep "item .$first. is on form A of the committed official batch .b1.: a practice paper takes no official items" err &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM paper_item WHERE paper = '\''p1'\''")" = 0 &&
	tiku paper new p2 --blueprint "$W/practice-allow.xml" >/dev/null &&
	tiku paper add p2 "$first" >out &&
	test_grep "1 items\|1 item," out
'
test_expect_success 'paper swap: official items are neither suggested nor taken' '
	first=$(ids forms/b1-A.xml | grep "^kf-j-t-1\." | head -1) &&
	free=$(ids p1.xml | grep "^kf-j-t-1\." | head -1) &&
	tiku paper add p1 "$free" >/dev/null &&
	tiku paper swap p1 "$free" >out &&
	sed -n "s/^  \([^ ]*\) .*/\1/p" out >suggested &&
	test -s suggested &&
	! grep -x -F -f official suggested &&
	{ tiku paper swap p1 "$free" "$first" 2>err; test $? = 3; } &&
	test_grep "committed official batch .b1." err
'
test_expect_success 'Lua: bank:assemble keeps the wall too' '
	cat >wall.lua <<-EOF &&
	local bank = tiku.open()
	local p = assert(bank:assemble { blueprint = "$W/practice.xml", seed = 11 })
	for _, s in ipairs(p.sections) do
	  for _, it in ipairs(s.items) do print(it.id) end
	end
	EOF
	cat >full.lua <<-EOF &&
	local q, msg = tiku.open():assemble { blueprint = "$BP/junior-theory.xml", seed = 1 }
	assert(q == nil and msg:find("cannot fill"), msg)
	EOF
	TIKU_BANK="$TRASH/big.db" tiku run full.lua &&
	tiku run wall.lua >lua-ids &&
	test "$(wc -l <lua-ids)" = 20 &&
	! grep -x -F -f official lua-ids
'
test_expect_success 'course practice: the mock exam is practice, walled unless its blueprint allows' '
	TIKU_BANK="$TRASH/shop.db" && export TIKU_BANK &&
	tiku import -q "$DATA/std/mini.xml" "$C/shop-items.xml" &&
	tiku batch new off --blueprint "$C/shop/exam.xml" --seed 3 >/dev/null &&
	tiku batch generate off >/dev/null && tiku batch commit off >/dev/null &&
	{ tiku bundle "$C/shop" --format html -o walled.zip 2>err; test $? = 3; } &&
	test_grep "the bank cannot make the exam of blueprint .exam.xml. from practice items" err &&
	test ! -e walled.zip &&
	cp -r "$C/shop" allow &&
	sed -i "/<practice>\$/,/<\/practice>/d" allow/course.xml &&
	! grep -q "<item ref" allow/course.xml &&
	{ tiku bundle allow --format html -o walled.zip 2>err; test $? = 3; } &&
	test_grep "cannot make the exam of blueprint .exam.xml. from practice items" err &&
	sed -i "s|</blueprint>|  <practice official-items=\"allow\"/>\n</blueprint>|" allow/exam.xml &&
	tiku bundle allow --format html -o allowed.zip -q &&
	test -s allowed.zip
'
test_done
