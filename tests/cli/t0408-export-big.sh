#!/bin/sh
# A bank's worth of items as QTI packages: past 8,000 items the package
# is deflated at the fastest level by the stream's own thread while the
# items are made (export/pack.c, tk_pack_stream).  The zip is whole
# (unzip -t), holds every item once with the manifest last, is the same
# bytes twice, and the 3.0 package says what the 2.1 one says.  The bank
# is synthetic (build/synth, as make bench makes it).
. "$(dirname "$0")/lib.sh"

: "${SYNTH:=$ROOT/build/synth}"
N=${BIG_ITEMS:-9000}

test_expect_success "setup: a synthetic bank of $N items" '
	test -x "$SYNTH" &&
	"$SYNTH" items "$BANKS/miit-kflxzxs/standard.xml" $N 7 >items.xml &&
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" items.xml
'

for v in 21 30; do
	test_expect_success "qti$v: the zip is whole, every item once and deflated, the manifest last" '
		tiku export --format qti'$v' -o q'$v'.zip 2>err && test ! -s err &&
		unzip -tq q'$v'.zip &&
		unzip -Z1 q'$v'.zip >names &&
		test "$(grep -c "^items/syn-.*\.xml$" names)" = '$N' &&
		test "$(sort names | uniq -d | wc -l)" = 0 &&
		test "$(tail -n 1 names)" = imsmanifest.xml &&
		unzip -v q'$v'.zip | sed -n "4p" | grep -q " Defl:"
	'
	test_expect_success "qti$v: the same bytes twice" '
		tiku export --format qti'$v' -o again'$v'.zip && cmp q'$v'.zip again'$v'.zip
	'
done

test_expect_success 'qti30 says what qti21 says, item by item' '
	mkdir q21 q30 && (cd q21 && unzip -q ../q21.zip) && (cd q30 && unzip -q ../q30.zip) &&
	node "$ROOT/tests/formats/qti-pair.mjs" q21 q30
'

test_done
