#!/bin/sh
# The Lua API reaches the Excel import as tiku import does: bank:import
# with format = "xlsx" or by extension, sheet = NAME, and the same errors.
. "$(dirname "$0")/lib.sh"

X=$DATA/xlsx

test_expect_success 'setup: the test standard' '
	tiku import -q "$DATA/std/mini.xml"
'

test_expect_success 'bank:import of a workbook, its second sheet, a workbook under another name' '
	cp "$X/mixed.xlsx" book.dat &&
	cat >imp.lua <<-EOF &&
	local bank = tiku.open()
	local st = assert(bank:import("$X/mixed.xlsx"))
	assert(st.added == 3 and st.rejected == 0, "first sheet")
	st = assert(bank:import("$X/mixed.xlsx", { sheet = "补充" }))
	assert(st.added == 1, "second sheet")
	st = assert(bank:import("book.dat", { format = "xlsx" }))
	assert(st.added == 0 and st.unchanged == 3, "by format")
	local ok, msg = bank:import("$X/mixed.xlsx", { sheet = "成绩" })
	assert(not ok and msg:find("no sheet .成绩. in the workbook"), msg)
	ok, msg = bank:import("$X/no-workbook.xlsx")
	assert(not ok and msg:find("no workbook in the archive", 1, true), msg)
	print("lua ok")
	EOF
	tiku run imp.lua >out 2>&1; cat out; test_grep "^lua ok" out
'

test_done
