#!/bin/sh
# One term per bank (issue 17, section 3): a glossary imported into the
# bank names the preferred form of a term and the forms to avoid; lint
# warns where an item writes an avoided one, with the glossary's line.
# The shipped bank has a glossary (坐席, not 座席) and keeps to it.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
R=$DATA/review

test_expect_code 3 'a glossary of a standard the bank does not hold is refused' '
	tiku import "$S" "$R/glossary-other.xml"
'
test_expect_success '... naming the standard, and nothing of that import is kept' '
	! tiku import "$S" "$R/glossary-other.xml" 2>err &&
	test_grep "glossary-other.xml: error: a glossary of standard .no-such-standard., which the bank does not hold" err &&
	tiku standard list >out 2>&1 || true &&
	! grep miit-kflxzxs out
'
test_expect_success 'a glossary imports after its standard, and again changes nothing' '
	tiku import "$S" "$R/glossary.xml" >out &&
	test_grep "glossary.xml: glossary added" out &&
	tiku import "$R/glossary.xml" >out &&
	test_grep "glossary.xml: glossary unchanged" out
'
test_expect_success 'importing it is an audit line in tiku log' '
	tiku log >out &&
	test_grep "glossary of miit-kflxzxs from $R/glossary.xml" out
'
test_expect_success 'lint names the avoided form, where in the item, and the glossary line' '
	tiku import -q "$R/words.xml" &&
	tiku lint >out &&
	test_grep "words.xml:29: warning: item .w-term-option.: .座席. (option B): the bank writes .坐席. ($R/glossary.xml:4)" out &&
	test_grep "item .w-term-rubric.: .坐台. (rubric): the bank writes .坐席." out &&
	test_grep "item .w-term-bare.: .经理. (stem): the bank writes .客户经理. ($R/glossary.xml:8)" out
'
test_expect_success 'a preferred form that holds an avoided one is no avoided form' '
	! grep "w-term-inside" out
'
test_expect_success 'lint of an items file checks it against the bank'"'"'s glossary too' '
	tiku lint "$R/words.xml" >out &&
	test_grep "w-term-option.: .座席. (option B)" out
'
test_expect_success 'a changed glossary replaces the old one' '
	tiku import "$R/glossary-cues.xml" >out &&
	test_grep "glossary changed" out &&
	tiku lint >out &&
	test_grep "w-term-option.: .座席." out &&
	! grep "w-term-bare" out
'
test_expect_code 3 'a glossary that contradicts itself is refused' '
	tiku import "$R/glossary-bad.xml"
'
test_expect_success '... naming each contradiction with its line' '
	! tiku import "$R/glossary-bad.xml" 2>err &&
	test_grep "glossary-bad.xml:3: error: term .坐席. is preferred here but avoided at line 6" err &&
	test_grep "glossary-bad.xml:6: error: term .座席. is preferred here but avoided at line 3" err &&
	test_grep "glossary-bad.xml:9: error: cue .…越.: .…. goes between two parts" err &&
	! tiku lint "$R/glossary-bad.xml" >out &&
	test_grep "is preferred here but avoided" out
'
test_expect_success 'a glossary that breaks the schema is refused with its line' '
	printf "<glossary xmlns=\"urn:tiku:glossary:1\" standard=\"miit-kflxzxs\">\n<term prefer=\"坐席\"/>\n</glossary>\n" >g.xml &&
	! tiku import g.xml 2>err &&
	test_grep "g.xml:2: error: does not match the schema" err
'
test_expect_success 'the shipped glossary is valid, lints clean and prefers 坐席' '
	xmllint --noout --relaxng "$ROOT/schema/glossary.rng" "$BANKS/miit-kflxzxs/glossary.xml" &&
	tiku lint "$BANKS/miit-kflxzxs/glossary.xml" >out &&
	test_grep "^0 errors, 0 warnings" out &&
	test_grep "<term prefer=\"坐席\">" "$BANKS/miit-kflxzxs/glossary.xml"
'
test_expect_success 'the shipped bank writes one term: no item says 座席' '
	tiku --bank kf.db import -q "$S" "$BANKS/miit-kflxzxs/glossary.xml" "$BANKS"/miit-kflxzxs/items/*/*.xml &&
	tiku --bank kf.db lint >out &&
	! grep "the bank writes" out &&
	! grep -l "座席" "$BANKS"/miit-kflxzxs/items/*/*.xml
'
test_done
