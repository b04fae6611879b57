#!/bin/sh
# Numbers are read whole and in range (#18.4): a count, a weight, an
# item's time or version that does not fit is refused with its file and
# line, never wrapped round (4294967301 read as 5) or passed on to
# arithmetic that overflows.  Nothing is written.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
BP=$BANKS/miit-kflxzxs/blueprints/junior-theory.xml

test_expect_success 'set up' 'tiku import -q "$S" "$BANKS"/miit-kflxzxs/items/*/*.xml'

test_expect_code 3 'a standard weight of 4294967301 is refused' '
	sed "362s/weight=\"5\"/weight=\"4294967301\"/" "$S" >std.xml &&
	before=$(bank_sum) &&
	tiku import std.xml 2>err; rc=$?
	test "$(bank_sum)" = "$before" || exit 9
	exit $rc
'
test_expect_success '... naming the file, the line and the range' '
	test_grep "std.xml:362: .*weight=\"4294967301\" must be a whole number from 0 to 100" err
'

test_expect_code 3 'a blueprint section count of 2147483708 is refused' '
	sed "s/count=\"60\"/count=\"2147483708\"/" "$BP" >bp.xml &&
	tiku assemble --blueprint bp.xml --seed 1 -o p.xml 2>err; rc=$?
	test ! -e p.xml || exit 9
	exit $rc
'
test_expect_success '... at its line' '
	test_grep "bp.xml:10: .*count=\"2147483708\" must be a whole number from 0 to 1000" err
'

test_expect_success 'blueprint points, forms and tolerance are checked too, at their lines' '
	sed "s|<points>100</points>|<points>99999999999</points>|" "$BP" >bp2.xml &&
	{ tiku assemble --blueprint bp2.xml --seed 1 -o p.xml 2>err2; rc=$?; } &&
	test $rc = 3 && test_grep "bp2.xml:8: .*points=\"99999999999\" must be a whole number" err2 &&
	sed "s|<forms count=\"2\"|<forms count=\"4294967298\"|" "$BP" >bp3.xml &&
	{ tiku assemble --blueprint bp3.xml --seed 1 -o p.xml 2>err3; rc=$?; } &&
	test $rc = 3 && test_grep "bp3.xml:26: .*count=\"4294967298\"" err3 &&
	sed "s|<weights tolerance=\"0\"/>|<weights tolerance=\"99999999999999999999\"/>|" "$BP" >bp4.xml &&
	{ tiku assemble --blueprint bp4.xml --seed 1 -o p.xml 2>err4; rc=$?; } &&
	test $rc = 3 && test_grep "bp4.xml:22: .*tolerance=\"99999999999999999999\" must be a number" err4 &&
	test ! -e p.xml
'

items_with() {   # items_with ATTRS: the first item of good.xml with ATTRS added
	sed "3s|status=\"approved\"|status=\"approved\" $1|" "$DATA/items/good.xml" |
		sed "s/id=\"t-/id=\"n-/"
}

for bad in 'version="4294967297"' 'time="99999999999"' 'time="86401"' 'version="0"'; do
	test_expect_success "an item with $bad is refused at its line, nothing stored" "
		items_with '$bad' >bad.xml &&
		before=\$(bank_sum) &&
		{ tiku import bad.xml 2>err; rc=\$?; } &&
		test \$rc = 3 &&
		test \"\$(bank_sum)\" = \"\$before\" &&
		test_grep 'bad.xml:3: ' err
	"
done

test_expect_success 'an item statistic count out of range is refused' '
	sed "0,/<\/explanation>/s|</explanation>|</explanation><stats n=\"3000000000\"/>|" "$DATA/items/good.xml" |
		sed "s/id=\"t-/id=\"s-/" >stats.xml &&
	{ tiku import stats.xml 2>err; rc=$?; } &&
	test $rc = 3 && test_grep "stats.xml:[0-9]*: .*n=\"3000000000\" must be a whole number" err
'

test_expect_success 'an item time within the day is still read' '
	items_with "time=\"86400\"" | sed "s/time=\"45\" //" >ok.xml &&
	tiku import -q ok.xml &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT time FROM item WHERE id = '\''n-single-1'\''")" = 86400
'

test_expect_success 'a CSV 用时 beyond a day is a problem of its row' '
	printf "题型,题干,选项A,选项B,答案,难度,代码,分值,用时\n单选题,题干（　）。,甲,乙,A,2,1.1.2,1,100000\n" >t.csv &&
	{ tiku import --level junior t.csv 2>err; rc=$?; } &&
	test $rc = 3 && test_grep "t.csv:2: .*用时" err
'

test_expect_code 2 'tiku set refuses a time beyond a day' 'tiku set n-single-1 time=4294967301'

test_expect_success 'a paper whose points overflow is refused at its line' '
	sed "s|<points>100</points>|<points>4294967396</points>|" "$DATA/papers/mini-paper.xml" >paper.xml &&
	{ tiku validate paper.xml >out 2>err; rc=$?; } &&
	test $rc = 3 && test_grep "paper.xml:4: .*points=\"4294967396\"" err
'

test_done
