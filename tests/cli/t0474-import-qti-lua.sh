#!/bin/sh
# The Lua API reaches the QTI reader as tiku import does: bank:import of
# a package by its extension or with format = "qti21" / "qti30" / "qti",
# level, code and partial as options, each bad item a problem with its
# file and line, and the bank unchanged after a refusal.
. "$(dirname "$0")/lib.sh"

P=$DATA/qti

test_expect_success 'setup: the test standard; a QTI 2.1 package of ours, a TAO-style one' '
	tiku import -q "$DATA/std/mini.xml" "$DATA/lms/items.xml" &&
	tiku export --format qti21 -o lms.zip &&
	tiku export -o before.xml &&
	(cd "$P/tao-2.1" && zip -qr "$TRASH/tao.zip" .) &&
	(cd "$P/qti-3.0" && zip -qr "$TRASH/q3.zip" .) &&
	export TIKU_BANK="$TRASH/lua.db" && tiku import -q "$DATA/std/mini.xml"
'

test_expect_success 'bank:import of QTI packages: by extension, by format, with level, code, partial' '
	export TIKU_BANK="$TRASH/lua.db" && cp lms.zip lms.dat &&
	cat >imp.lua <<-EOF &&
	local bank = tiku.open()
	local st = assert(bank:import("lms.zip"))
	assert(st.added == 4 and st.rejected == 0, "by extension")
	st = assert(bank:import("lms.dat", { format = "qti21" }))
	assert(st.added == 0 and st.unchanged == 4, "by format")
	st = assert(bank:import("q3.zip", { format = "qti" }))
	assert(st.added == 5, "QTI 3.0")
	local item = bank:get("ratio-04")
	assert(item.type == "fill" and item.points == 2 and item.codes[1] == "1.1.1", "a 3.0 item")
	local ok, msg, problems = bank:import("tao.zip", { level = "五级", code = "2.1.1" })
	assert(not ok and #problems == 1, msg)
	assert(problems[1].file == "tao.zip:items/i006/qti.xml" and problems[1].line == 2, problems[1].file)
	assert(problems[1].message:find("hotspotInteraction: tiku has no form for it", 1, true))
	assert(bank:get("i1601234567890101") == nil, "nothing imported")
	st = assert(bank:import("tao.zip", { level = "五级", code = "2.1.1", partial = true }))
	assert(st.added == 5 and st.rejected == 1, "partial")
	item = bank:get("i1601234567890104")
	assert(item.type == "fill" and item.codes[1] == "2.1.1" and item.level == "l5", "code and level")
	ok, msg = bank:import("q3.zip", { format = "qti21" })
	assert(not ok and msg, "3.0 under qti21")
	ok, msg = bank:import("lms.zip", { format = "qti22" })
	assert(not ok and msg:find("unknown format", 1, true), msg)
	print("lua ok")
	EOF
	tiku run imp.lua >out 2>&1; cat out; test_grep "^lua ok" out
'

test_expect_success 'what Lua imported is what tiku import gives' '
	TIKU_BANK="$TRASH/lua.db" tiku export -o after.xml &&
	for id in lms-single lms-multi lms-tf lms-fill2; do
		sed -n "/<item id=\"$id\"/,/<\/item>/p" before.xml | sed "s/ status=\"[a-z]*\"//" >b &&
		sed -n "/<item id=\"$id\"/,/<\/item>/p" after.xml | sed "s/ status=\"[a-z]*\"//" >a &&
		test -s b && test_cmp b a || exit 1
	done
'

test_done
