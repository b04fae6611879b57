#!/bin/sh
# A bank of 3,000 synthetic items (bench/synth.c, the MIIT standard's
# codes) through each LMS format and back: a package that large is read
# on two threads and every format's items are checked by the schema a
# thousand at a time, so this is where those seams would show.  The QTI
# package comes back field by field, Moodle XML and GIFT with every item
# in its order; a package with a bad item in each half names both.
. "$(dirname "$0")/lib.sh"

: "${SYNTH:=$ROOT/build/synth}"
STD=$ROOT/banks/miit-kflxzxs/standard.xml

strip() {
	sed -e 's/ status="[a-z]*"//' -e 's/ author="[^"]*"//' -e '/<stats /d' -e '/<enemy /d' "$1"
}

test_expect_success 'setup: 3,000 synthetic items, exported to QTI 2.1, Moodle XML and GIFT' '
	"$SYNTH" items "$STD" 3000 7 >items.xml &&
	tiku import -q "$STD" items.xml && tiku export -o before.xml &&
	tiku export --format qti21 -o e.zip && tiku export --format moodle -o e.xml 2>/dev/null &&
	tiku export --format gift -o e.gift 2>/dev/null &&
	grep -o "<item id=\"[^\"]*\"" before.xml >ids && test "$(wc -l <ids)" = 3000
'

test_expect_success 'QTI 2.1: every item back, every field QTI carries' '
	export TIKU_BANK="$TRASH/qti.db" &&
	tiku import -q "$STD" && tiku import e.zip >out && cat out &&
	test_grep "e.zip: 3000 items: 3000 added, 0 changed, 0 unchanged" out &&
	tiku export -o qti.xml && strip before.xml >b && strip qti.xml >a && test_cmp b a
'

test_expect_success 'QTI 2.1 again, into another bank: the same items (two threads, one order)' '
	export TIKU_BANK="$TRASH/qti2.db" &&
	tiku import -q "$STD" e.zip && tiku export -o qti2.xml && cmp qti.xml qti2.xml
'

for f in xml gift; do
	test_expect_success "$f: every item back, in its order" '
		export TIKU_BANK="$TRASH/'$f'.db" &&
		tiku import -q "$STD" && tiku import e.'$f' >out 2>/dev/null && cat out &&
		test_grep "e.'$f': 3000 items: 3000 added" out &&
		tiku export -o back.xml && grep -o "<item id=\"[^\"]*\"" back.xml >back-ids &&
		test_cmp ids back-ids
	'
done

test_expect_code 3 'a bad item in each half of a big package: both named, nothing imported' '
	export TIKU_BANK="$TRASH/bad.db" && tiku import -q "$STD" &&
	mkdir u && (cd u && unzip -q ../e.zip) &&
	first=$(grep -o "items/[^\"]*\.xml" u/imsmanifest.xml | sed -n 2p) &&
	last=$(grep -o "items/[^\"]*\.xml" u/imsmanifest.xml | sed -n 5999p) &&
	test "$first" != "$last" &&
	for i in "$first" "$last"; do
		sed -i "s/<itemBody>/<itemBody><matchInteraction responseIdentifier=\"M\"\/>/" "u/$i" || exit 1
	done &&
	(cd u && zip -qr ../bad.zip .) &&
	tiku import bad.zip 2>err; rc=$?; tail -3 err;
	test "$(grep -c "matchInteraction: tiku has no form for it" err)" = 2 &&
	test_grep "^bad.zip:$first:[0-9]*: error: question" err &&
	test_grep "^bad.zip:$last:[0-9]*: error: question" err &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM item")" = 0 && exit $rc
'

test_done
