#!/bin/sh
# One size limit for every field (#18.3): 1 MiB as stored.  A bigger one
# is refused wherever it comes in (CSV, text, XML, a command, Lua) with
# its file and line, and nothing is written; one just under the limit
# goes through import, lint, export and import again, and retire.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml

# big N CHAR: N copies of CHAR
big() {
	python3 -c "import sys; sys.stdout.write(sys.argv[2] * int(sys.argv[1]))" "$1" "$2"
}
csv_with_stem() {   # csv_with_stem FILE STEM-FILE
	{ printf "题型,题干,选项A,选项B,答案,难度,代码,分值,编号\n单选题,"; cat "$2"
	  printf "（　）。,甲,乙,A,2,1.1.2,1,$3\n"; } >"$1"
}

test_expect_success 'set up' 'tiku import -q "$S" "$DATA/items/good.xml"'

test_expect_success 'a 10 MB CSV field: exit 3 at its line, nothing stored' '
	big 3500000 字 >huge.txt &&
	csv_with_stem huge.csv huge.txt huge-1 &&
	test $(wc -c <huge.csv) -gt 10000000 &&
	before=$(bank_sum) &&
	{ tiku import --level junior huge.csv 2>err; rc=$?; } &&
	test $rc = 3 && test "$(bank_sum)" = "$before" &&
	test_grep "huge.csv:2: error: row 2: the stem is 105000[0-9][0-9] bytes, more than the 1048576 a field may hold (1 MiB)" err
'
test_expect_success 'the same in the text layout: exit 3 at the item line' '
	{ printf "一、单项选择题\n\n1. "; cat huge.txt; printf "（　）\nA. 甲\nB. 乙\n答案：A\n"; } >huge.text.txt &&
	before=$(bank_sum) &&
	{ tiku import --level junior --format text huge.text.txt 2>err; rc=$?; } &&
	test $rc = 3 && test "$(bank_sum)" = "$before" &&
	test_grep "huge.text.txt:3: error: .*the stem is [0-9]* bytes, more than the 1048576" err
'
test_expect_success 'an XML item with a 2 MB stem: exit 3 at the item line' '
	{ printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<items xmlns=\"urn:tiku:items:1\" standard=\"miit-kflxzxs\">\n"
	  printf "  <item id=\"x-big\" type=\"single\" level=\"junior\" kind=\"theory\" points=\"1\" difficulty=\"2\">\n"
	  printf "    <code>1.1.2</code>\n    <stem>"; big 700000 字
	  printf "（　）。</stem>\n    <options><option key=\"A\">甲</option><option key=\"B\">乙</option></options>\n"
	  printf "    <answer>A</answer>\n  </item>\n</items>\n"; } >big.xml &&
	{ tiku import big.xml 2>err; rc=$?; } &&
	test $rc = 3 && test_grep "big.xml:3: .*item .x-big.: the stem is 2100[0-9][0-9][0-9] bytes, more than" err
'
test_expect_success 'a field just under the limit is stored' '
	big 349500 字 >under.txt &&
	csv_with_stem under.csv under.txt under-1 &&
	tiku import --level junior under.csv >out &&
	test_grep "1 added" out &&
	n=$(sqlite3 "$TIKU_BANK" "SELECT length(CAST(xml AS BLOB)) FROM item WHERE id = '\''under-1'\''") &&
	test "$n" -gt 1048000
'
test_expect_success '... lint reads it' '
	{ tiku lint >lint.out 2>&1; rc=$?; } &&
	test $rc -le 1 && ! grep -i "huge\|not well-formed" lint.out
'
test_expect_success '... export writes it and import reads the export back' '
	tiku export -o all.xml &&
	grep -q "id=\"under-1\"" all.xml &&
	TIKU_BANK=$TRASH/other.db tiku import -q "$S" all.xml &&
	test "$(sqlite3 "$TRASH/other.db" "SELECT hash FROM item WHERE id = '\''under-1'\''")" = \
	     "$(sqlite3 "$TIKU_BANK" "SELECT hash FROM item WHERE id = '\''under-1'\''")"
'
test_expect_success '... and retire changes it as any other item' '
	tiku retire under-1 &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT status FROM item WHERE id = '\''under-1'\''")" = retired
'
test_expect_success 'a command or a script cannot store a bigger field either' '
	cat >grow.lua <<-\EOT &&
	local bank = assert(tiku.open())
	local ok, msg = bank:set("t-single-1", "stem", string.rep("字", 400000))
	assert(not ok and msg:find("the stem is %d+ bytes, more than the 1048576"), msg)
	local it = bank:get("t-single-1")
	it.explanation = string.rep("a", 1048577)
	ok, msg = bank:save(it)
	assert(not ok and msg:find("the explanation is 10485%d%d bytes"), msg)
	print("refused")
	EOT
	v=$(sqlite3 "$TIKU_BANK" "SELECT version FROM item WHERE id = '\''t-single-1'\''") &&
	tiku run grow.lua >out && test "$(cat out)" = refused &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT version FROM item WHERE id = '\''t-single-1'\''")" = "$v"
'

test_done
