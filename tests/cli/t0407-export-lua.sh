#!/bin/sh
# Every export format and --paper from Lua: bank:export { format = F,
# paper = P, images = DIR, encoding = E, path = OUT, filters } gives the
# bytes tiku export writes, returns or writes them, and lists what the
# format cannot carry; misuse raises, a failure is nil, msg.
. "$(dirname "$0")/lib.sh"

IMG=$DATA/course/shop/img
P=$DATA/print/theory.xml

test_expect_success 'setup: the test standard and items of every type, the MIIT standard' '
	tiku import -q "$DATA/std/mini.xml" "$DATA/course/shop-items.xml" \
		"$DATA/course/cc/items.xml" "$DATA/lms/items.xml" "$BANKS/miit-kflxzxs/standard.xml"
'

test_expect_success 'every format, returned and written, is what tiku export writes' '
	for f in xml moodle gift qti21 qti30 csv xlsx; do
		case $f in moodle) e=xml ;; qti*) e=zip ;; *) e=$f ;; esac
		tiku export --standard test-barista --format $f --images "$IMG" -o cli-$f.$e 2>/dev/null || return 1
	done &&
	tiku export --standard test-barista --format csv --encoding gb18030 -o cli-gbk.csv &&
	cat >all.lua <<-EOF &&
	local bank = tiku.open()
	local ext = { xml = "xml", moodle = "xml", gift = "gift", qti21 = "zip", qti30 = "zip", csv = "csv", xlsx = "xlsx" }
	for _, f in ipairs { "xml", "moodle", "gift", "qti21", "qti30", "csv", "xlsx" } do
	  local data, warnings = bank:export { standard = "test-barista", format = f, images = "$IMG" }
	  assert(data, warnings)
	  local h = assert(io.open("lua-" .. f .. "." .. ext[f], "wb")); h:write(data); h:close()
	  assert(bank:export { standard = "test-barista", format = f, images = "$IMG",
	                       path = "path-" .. f .. "." .. ext[f] } == true)
	  print(f, #warnings)
	end
	assert(bank:export { standard = "test-barista", format = "csv", encoding = "gb18030",
	                     path = "lua-gbk.csv" })
	EOF
	tiku run all.lua >out && cat out &&
	for f in xml moodle gift qti21 qti30 csv xlsx; do
		case $f in moodle) e=xml ;; qti*) e=zip ;; *) e=$f ;; esac
		cmp cli-$f.$e lua-$f.$e && cmp cli-$f.$e path-$f.$e || return 1
	done &&
	cmp cli-gbk.csv lua-gbk.csv
'

test_expect_success 'what a format cannot carry comes back item by item' '
	test_grep "^qti30	0$" out && test_grep "^gift	[1-9]" out &&
	cat >warn.lua <<-EOF &&
	local bank = tiku.open()
	local gift, w = bank:export { standard = "test-barista", format = "gift", type = "fill" }
	local by = {}
	for _, p in ipairs(w) do by[p.file] = p end
	assert(by["lms-fill2"].severity == "warning" and by["lms-fill2"].message:find("2 blanks"), "left out")
	assert(not gift:find("::lms-fill2::", 1, true))
	print("lua ok")
	EOF
	tiku run warn.lua >out2 && test_grep "^lua ok" out2
'

test_expect_success 'a paper (a file or its XML) in each format that holds one, as tiku export --paper' '
	for f in moodle gift qti21 qti30; do
		tiku export --format $f --paper "$P" -o cli-paper-$f.out 2>/dev/null ||
		tiku export --format $f --paper "$P" >cli-paper-$f.out 2>/dev/null || return 1
	done &&
	cat >paper.lua <<-EOF &&
	local bank = tiku.open()
	local h = assert(io.open("$P")); local xml = h:read("a"); h:close()
	for _, f in ipairs { "moodle", "gift", "qti21", "qti30" } do
	  local data = assert(bank:export { format = f, paper = "$P" })
	  local h = assert(io.open("lua-paper-" .. f .. ".out", "wb")); h:write(data); h:close()
	  assert(bank:export { format = f, paper = xml } == data, "the paper as XML text")
	end
	print("lua ok")
	EOF
	tiku run paper.lua >out && test_grep "^lua ok" out &&
	for f in moodle gift qti21 qti30; do cmp cli-paper-$f.out lua-paper-$f.out || return 1; done
'

test_expect_success 'misuse raises; a failure is nil and a message' '
	cat >bad.lua <<-EOF &&
	local bank = tiku.open()
	local function raises(opts, what)
	  local ok, msg = pcall(bank.export, bank, opts)
	  assert(not ok and msg:find(what, 1, true), tostring(msg))
	end
	raises({ format = "pdf" }, "unknown format")
	raises({ format = "csv", paper = "$P" }, "a paper goes to qti21, qti30, moodle or gift, not csv")
	raises({ format = "qti21", paper = "$P", level = "初级" }, "the filters are for the bank")
	raises({ format = "xml", encoding = "gbk" }, "encoding is for format csv")
	raises({ format = 21 }, "must be a string")
	raises({ level = "九级", standard = "test-barista" }, "unknown level")
	local none, msg = bank:export { format = "qti21", paper = "no-such-paper.xml" }
	assert(none == nil and msg:find("no-such-paper.xml", 1, true), msg)
	none, msg = bank:export { standard = "test-barista", format = "qti30", path = "x.zip" }
	assert(none == nil and msg:find("image"), msg)
	assert(io.open("x.zip") == nil, "nothing written")
	print("lua ok")
	EOF
	tiku run bad.lua >out 2>&1; cat out; test_grep "^lua ok" out
'

test_done
