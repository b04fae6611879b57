#!/bin/sh
# QTI 3.0 packages in a QTI 3 player we did not write: @citolab/
# qti-components (npm, pinned by tests/browser/package-lock.json), its
# published bundle served from node_modules on 127.0.0.1, in Debian's
# Chromium driven by playwright-core (tests/browser/qti3.mjs).  Every item
# loads; every choice and true/false item answered with its keyed options
# scores its points and answered wrong scores 0; every fill item takes
# each accepted text for its points; open items are left to a scorer with
# the rubric.  A paper's test plays in the player's test player, each
# item worth what the paper gives it.  What is right comes from the bank.
. "$(dirname "$0")/lib.sh"

B=$ROOT/tests/browser

# run a browser test; it must pass every check
browser() {
	node "$@" >out 2>&1; rc=$?
	cat out
	test "$rc" = 0 || return 1
	grep -q ", 0 failed$" out
}

test_expect_success 'setup: the player, the test standard and items of every type, the MIIT standard' '
	test -f "$B/node_modules/@citolab/qti-components/cdn/index.js" &&
	test -d "$B/node_modules/playwright-core" && test -x /usr/bin/chromium &&
	tiku import -q "$DATA/std/mini.xml" "$DATA/course/shop-items.xml" \
		"$DATA/course/cc/items.xml" "$DATA/lms/items.xml" "$BANKS/miit-kflxzxs/standard.xml" &&
	tiku export --standard test-barista -o bank.xml &&
	tiku export --standard test-barista --format qti30 --images "$DATA/course/shop/img" -o q3.zip &&
	mkdir q3 && (cd q3 && unzip -q ../q3.zip)
'

test_expect_success 'every item of every type, answered right and wrong in the player' '
	browser "$B/qti3.mjs" q3 bank.xml
'

test_expect_success 'the sample bank'"'"'s 初级 items in the player' '
	S=$BANKS/miit-kflxzxs &&
	TIKU_BANK=$TRASH/sample.db tiku import -q "$S/standard.xml" $(find "$S/items" -name "*.xml" | sort) &&
	TIKU_BANK=$TRASH/sample.db tiku export --level 初级 -o sample.xml &&
	TIKU_BANK=$TRASH/sample.db tiku export --level 初级 --format qti30 -o s3.zip &&
	mkdir s3 && (cd s3 && unzip -q ../s3.zip) &&
	browser "$B/qti3.mjs" s3 sample.xml
'

test_expect_success 'a theory paper plays in the test player' '
	tiku export --format qti30 --paper "$DATA/print/theory.xml" -o t3.zip &&
	mkdir t3 && (cd t3 && unzip -q ../t3.zip) &&
	tiku export --standard miit-kflxzxs -o miit.xml &&
	browser "$B/qti3.mjs" t3 miit.xml "$DATA/print/theory.xml"
'

test_expect_success 'a skill paper (fill, case, task) plays in the test player' '
	tiku export --format qti30 --paper "$DATA/print/skill.xml" -o k3.zip &&
	mkdir k3 && (cd k3 && unzip -q ../k3.zip) &&
	browser "$B/qti3.mjs" k3 miit.xml "$DATA/print/skill.xml"
'

test_expect_success 'the points the paper gives, not the item'"'"'s own, in the player' '
	sed "s/<section type=\"truefalse\" points=\"5\">/<section type=\"truefalse\" points=\"2.5\">/" \
		"$DATA/papers/mini-paper.xml" >half.xml &&
	grep -q "points=\"2.5\"" half.xml &&
	tiku export --format qti30 --paper half.xml -o h3.zip &&
	mkdir h3 && (cd h3 && unzip -q ../h3.zip) &&
	browser "$B/qti3.mjs" h3 bank.xml half.xml &&
	test_grep "points of 80" out
'

test_done
