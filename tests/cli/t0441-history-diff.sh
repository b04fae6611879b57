#!/bin/sh
# tiku history, diff and log for authors: every version with who, when and
# which command; the changed fields, Chinese text diffed by character;
# log --item; old → new in the log; columns by display width.  And the
# same from Lua: bank:history, bank:diff, bank:log{item}, tiku.textdiff.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml

# the display width of each line up to its command column (after the
# time, the name and its padding), one a line, duplicates removed
widths_to_command() {
	sed "s/\(Z  [^ ]* *\).*/\1/" | while IFS= read -r l; do
		printf "%s" "$l" | LC_ALL=C.UTF-8 wc -L
	done | sort -u
}

test_expect_success 'set up: three versions of t-single-1 by two people' '
	tiku --by 王老师 import -q "$S" "$DATA/items/good.xml" &&
	tiku --by 王老师 set t-single-1 "stem=坐席接听客户来电时，开头语必须包含（　）。" difficulty=3 >/dev/null &&
	tiku --by alice tag t-single-1 +1.1.7 -1.1.2 >/dev/null
'
test_expect_success 'history: every version, who, when, which command, what changed' '
	tiku history t-single-1 >out &&
	test_grep "^t-single-1: version 3, approved$" out &&
	test_grep "^v1   20[0-9-]*T[0-9:]*Z  王老师     import  .*good.xml$" out &&
	test_grep "^v2   20[0-9-]*T[0-9:]*Z  王老师     set     t-single-1$" out &&
	test_grep "^      difficulty 2 → 3; stem changed$" out &&
	test_grep "^v3   20[0-9-]*T[0-9:]*Z  alice      tag     t-single-1$" out &&
	test_grep "^      codes +1.1.7 -1.1.2$" out
'
test_expect_success 'history: columns line up by display width, Chinese names included' '
	tiku history t-single-1 | grep "^v" | widths_to_command >widths &&
	test "$(wc -l <widths)" = 1
'
test_expect_success 'history: comments and reviews under the version they concern' '
	tiku --by 李老师 review t-single-1 --comment "选项B太明显" >/dev/null &&
	tiku history t-single-1 >out &&
	test_grep -A3 "^v3 " out | test_grep "^      review 20[0-9-]*T[0-9:]*Z  李老师     comment: 选项B太明显$"
'
test_expect_code 3 'history: an unknown item is bad input' 'tiku history nope'
test_expect_code 2 'history: needs exactly one item' 'tiku history t-single-1 t-tf-1'

test_expect_success 'diff: the changed fields; text by character, marked when not a terminal' '
	tiku diff t-single-1 1 3 >out &&
	cat >expect <<-\EOF &&
	t-single-1 v1 → v3
	difficulty: 2 → 3
	codes +1.1.7 -1.1.2
	stem: 坐席接听客户来电时，[-标准-]开头语[-应当-]{+必须+}包含（　）。
	EOF
	test_cmp expect out
'
test_expect_success 'diff: V2 defaults to the current version; v-prefixed versions read' '
	tiku diff t-single-1 v1 >a && tiku diff t-single-1 1 3 >b && test_cmp a b
'
test_expect_success 'diff: the same version has no changes' '
	tiku diff t-single-1 2 2 >out && test_grep "^no changes$" out
'
test_expect_success 'diff: fill answers as people write them, not the storage syntax' '
	cat >fill.lua <<-\EOF &&
	local bank = tiku.open()
	local it = bank:get("t-fill-1")
	it.answer_xml = "<blank>接通量|接听量</blank><blank>呼入量|进线量</blank>"
	it.answer = nil
	assert(bank:save(it))
	EOF
	tiku run fill.lua &&
	v=$(sqlite3 "$TIKU_BANK" "SELECT version FROM item WHERE id = \"t-fill-1\"") &&
	tiku diff t-fill-1 1 $v >out &&
	test_grep "^answer: （1）接通量{+（或 接听量）+}；（2）呼入量（或 进线量）$" out &&
	! grep -e "<blank>" -e "|" out
'
test_expect_code 3 'diff: an unknown version is bad input' 'tiku diff t-single-1 1 9'
test_expect_code 3 'diff: an unknown item is bad input' 'tiku diff nope 1 2'
test_expect_code 2 'diff: a version that is no number is a usage error' 'tiku diff t-single-1 one 2'
test_expect_code 2 'diff: needs an item and a version' 'tiku diff t-single-1'

test_expect_success 'log --item: only the commands that changed the item, newest first' '
	tiku log --item t-single-1 >out &&
	grep "^#" out >entries &&
	test "$(wc -l <entries)" = 3 &&
	head -1 entries | test_grep "alice *tag" &&
	tail -1 entries | test_grep "王老师 *import" &&
	tiku log --item t-single-1 -n 1 | grep -c "^#" | test_grep "^1$"
'
test_expect_code 3 'log --item: an unknown item is bad input' 'tiku log --item nope'
test_expect_code 2 'log --item needs its argument' 'tiku log --item'
test_expect_success 'log: old → new under each command that changed few items' '
	tiku log >out &&
	test_grep -A1 "alice *tag *remove code 1.1.2 from t-single-1\|alice *tag *t-single-1" out |
		test_grep "^       t-single-1 v3: codes +1.1.7 -1.1.2$" &&
	test_grep -A1 "王老师 *set" out | test_grep "^       t-single-1 v2: difficulty 2 → 3; stem changed$"
'
test_expect_success 'log: an import of many items is one line, no details' '
	tiku log | tail -1 | test_grep "^#1 .*import .*good.xml (6 changes)$"
'
test_expect_success 'log: the command column lines up after Chinese and Latin names' '
	tiku log | grep "^#" | widths_to_command >widths &&
	test "$(wc -l <widths)" = 1
'
test_expect_success 'Lua: bank:history, bank:diff, bank:log{item}, tiku.textdiff' '
	cat >hist.lua <<-\EOF &&
	local bank = tiku.open()
	local versions, reviews = bank:history("t-single-1")
	assert(#versions == 3)
	assert(versions[1].user == "王老师" and versions[1].command == "import" and versions[1].changes == nil)
	assert(versions[2].user == "王老师" and versions[2].command == "set")
	assert(versions[3].user == "alice" and versions[3].command == "tag")
	local c = versions[3].changes[1]
	assert(c.field == "codes" and c.before == "1.1.2" and c.after == "1.1.7")
	assert(#reviews == 1 and reviews[1].action == "comment" and reviews[1].comment == "选项B太明显")
	local d = bank:diff("t-single-1", 1, 2)
	assert(d[1].field == "difficulty" and d[1].before == "2" and d[1].after == "3")
	assert(d[2].field == "stem" and d[2].marked == "坐席接听客户来电时，[-标准-]开头语[-应当-]{+必须+}包含（　）。")
	assert(#bank:diff("t-single-1", 3) == 0)
	local none, msg = bank:diff("t-single-1", 1, 9)
	assert(none == nil and msg:find("no version 9"))
	none, msg = bank:history("nope")
	assert(none == nil and msg:find("no item"))
	assert(#bank:log { item = "t-single-1" } == 3 and bank:log { item = "t-single-1", limit = 1 }[1].user == "alice")
	none, msg = bank:log { item = "nope" }
	assert(none == nil and msg:find("no item"))
	assert(tiku.textdiff("接通率", "呼损率") == "[-接通-]{+呼损+}率")
	assert(tiku.textdiff("相同", "相同") == "相同")
	assert(not pcall(tiku.textdiff, "a"))
	assert(not pcall(tiku.textdiff, "a", {}))
	assert(not pcall(bank.diff, bank, "t-single-1"))
	assert(not pcall(bank.diff, bank, "t-single-1", 0))
	assert(not pcall(bank.diff, bank, "t-single-1", 1, 0))
	assert(not pcall(bank.history, bank))
	assert(not pcall(bank.log, bank, { item = 5 > 4 }))
	assert(not pcall(bank.log, bank, -1))
	print("ok")
	EOF
	tiku run hist.lua >out && test_grep "^ok$" out
'
test_done
