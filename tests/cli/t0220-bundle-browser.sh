#!/bin/sh
# Bundles in the software learners open them in: the html site from
# file:// in Debian's Chromium, and the SCORM 1.2 and 2004 packages as a
# SCO under scorm-again's real LMS API, driven by playwright-core (npm,
# pinned by tests/browser/package-lock.json; make deps installs both).
# Nothing here is skipped: the shop course has an exam, every item type
# and markup in its text, so every check of tests/browser runs.
. "$(dirname "$0")/lib.sh"

C=$DATA/course
B=$ROOT/tests/browser

# run a browser test; it must pass every check and skip none
browser() {
	node "$@" >out 2>&1; rc=$?
	cat out
	test "$rc" = 0 || return 1
	! grep "# SKIP" out || return 1
	grep -q ", 0 failed$" out
}

test_expect_success 'setup: the test standard, the shop items, the three bundles unpacked' '
	test -d "$B/node_modules/playwright-core" && test -d "$B/node_modules/scorm-again" &&
	test -x /usr/bin/chromium &&
	tiku import -q "$DATA/std/mini.xml" "$C/barista-items.xml" "$C/shop-items.xml" &&
	for f in html scorm12 scorm2004; do
		tiku bundle "$C/shop" --format $f -o $f.zip -q &&
		mkdir $f && (cd $f && unzip -q ../$f.zip) || return 1
	done
'
test_expect_success 'html from file://: navigation, marking, progress, keyboard, XSS, 360 px' '
	browser "$B/html.mjs" "$TRASH/html" "$TRASH/shots" &&
	for s in lesson-1280 lesson-360 quiz-1280 quiz-360; do test -s shots/$s.png || return 1; done
'
test_expect_success 'SCORM 1.2 in the LMS API: status, score, interactions, bookmark, resume' '
	browser "$B/scorm.mjs" --version 12 "$TRASH/scorm12"
'
test_expect_success 'SCORM 2004 4th edition: the same in its terms' '
	browser "$B/scorm.mjs" --version 2004 "$TRASH/scorm2004"
'
test_expect_success 'the shipped course too: the html site works from file://' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/junior/*.xml &&
	tiku bundle "$BANKS/miit-kflxzxs/courses/junior" --format html -o junior.zip -q &&
	mkdir junior && (cd junior && unzip -q ../junior.zip) &&
	node "$B/html.mjs" "$TRASH/junior" "$TRASH/jshots" >out 2>&1; rc=$?; cat out; test $rc = 0
'

test_done
