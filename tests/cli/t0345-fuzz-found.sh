#!/bin/sh
# What the fuzzers found (make fuzz), kept as tests of the real binary:
# a blueprint whose kind or section type has white space around it (the
# schema takes it, the reader indexed the weight tables with -1); Moodle
# HTML with a dropped image's alt text before a paragraph, bytes that are
# not UTF-8, and empty text runs.  Their inputs are in tests/fuzz/corpus/,
# which every make fuzz replays first.
. "$(dirname "$0")/lib.sh"

P=$DATA/papers

test_expect_success 'a blueprint with kind="theory" spelt with white space around it' '
	tiku import -q "$DATA/std/mini.xml" "$P/mini-items.xml" &&
	sed -e "s/kind=\"theory\"/kind=\"\n theory \"/" -e "s/type=\"single\"/type=\" single\"/" \
		"$P/mini-blueprint.xml" >ws.xml &&
	! cmp -s ws.xml "$P/mini-blueprint.xml" &&
	tiku assemble --blueprint ws.xml --seed 1 -o p.xml 2>err; cat err &&
	tiku validate p.xml >out && test_grep "^valid" out
'

test_expect_success 'Moodle HTML: a dropped image, bytes not UTF-8, empty runs: items the schema takes' '
	cat >q.xml <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<quiz>
	  <question type="category"><category><text>$course$/咖啡师/五级</text></category></question>
	  <question type="truefalse">
	    <name><text>alt</text></name>
	    <questiontext format="html"><text><![CDATA[<img src="http://x/a.png" alt="柜台">前文<p dir="ltr">段落</p><b></b>]]></text></questiontext>
	    <answer fraction="100"><text>true</text></answer>
	    <answer fraction="0"><text>false</text></answer>
	    <tags><tag><text>2.1.1</text></tag></tags>
	  </question>
	</quiz>
	EOF
	tiku import q.xml 2>err; rc=$?; cat err; test $rc = 0 &&
	test_grep "not kept: images" err &&
	tiku export -o back.xml && test_grep "<stem><p>柜台前文</p><p>段落</p></stem>" back.xml
'

test_done
