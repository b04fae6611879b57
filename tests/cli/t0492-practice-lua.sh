#!/bin/sh
# Practice papers from Lua (#16 §3), as from the command line: a practice
# blueprint's paper with its purpose and targets, bank:assemble's avoid
# and avoid_since, bank:render logging practice exposure (tiku.render
# not), the class header's options, bank:show's printed, paper_swap's
# avoiding; and the bad inputs: a date that is no date, a file that is
# not a paper, an infeasible small paper, a class on an official paper.
. "$(dirname "$0")/lib.sh"

P=$DATA/practice
MIIT=$BANKS/miit-kflxzxs

test_expect_success 'setup: the junior items; the test standard in a bank of its own' '
	tiku import -q "$MIIT/standard.xml" "$MIIT"/items/junior/*.xml &&
	tiku --bank mini.db import -q "$DATA/std/mini.xml" "$DATA/papers/mini-items.xml"
'
test_expect_success 'Lua: a practice paper, its targets, rendered and logged, then avoided' '
	cat >practice.lua <<-EOF &&
	local bank = tiku.open()
	local bp = "$P/junior-30.xml"
	local p = assert(bank:assemble { blueprint = bp, seed = 3 })
	assert(p.purpose == "practice" and p.points == 30 and p.duration == 30)
	local want = { ethics = 1, fundamentals = 11, answering = 6, handling = 9, equipment = 3 }
	assert(#p.targets == 5)
	for _, t in ipairs(p.targets) do assert(want[t.area] == t.points, t.area) end
	assert(bank:validate(p.xml))
	-- tiku.render prints the class header but logs nothing; bank:render logs
	assert(tiku.render(p, "draft.pdf", { class = "高二(3)班" }) > 0)
	local id = p.sections[1].items[1].id
	assert(#bank:show(id).printed == 0)
	local pages, logged = bank:render(p, "week1.pdf", { class = "高二(3)班", date = "2026-12-07",
	                                                   title = "第三周随堂练习" })
	assert(pages > 0 and logged == true)
	local again, logged2 = bank:render(p, "week1.docx", { class = "高二(3)班", date = "2026-12-07" })
	assert(again == 30 and logged2 == false)
	local printed = bank:show(id).printed
	assert(#printed == 1 and printed[1].class == "高二(3)班" and printed[1].date == "2026-12-07"
	       and printed[1].paper == p.id and printed[1].version == 1)
	assert(bank:show(id).text:find("printed for practice: 2026-12-07 " .. p.id, 1, true))
	-- last week kept out: by the log, by the paper (table, path or XML)
	local seen = {}
	for _, s in ipairs(p.sections) do for _, it in ipairs(s.items) do seen[it.id] = true end end
	local function none_seen(q)
	  for _, s in ipairs(q.sections) do
	    for _, it in ipairs(s.items) do assert(not seen[it.id], it.id) end
	  end
	end
	for seed = 1, 4 do
	  local a = assert(bank:assemble { blueprint = bp, seed = seed, avoid_since = "2026-12-01" })
	  none_seen(a)
	  local b = assert(bank:assemble { blueprint = bp, seed = seed, avoid = { p } })
	  assert(b.xml == a.xml)
	end
	local f = io.open("week1.xml", "w") f:write(p.xml) f:close()
	none_seen(assert(bank:assemble { blueprint = bp, seed = 9, avoid = { "week1.xml", p.xml } }))
	-- paper_swap suggests nothing seen
	assert(bank:paper_new("q", { blueprint = bp }))
	local a = assert(bank:assemble { blueprint = bp, seed = 2, avoid = { p } })
	local ids = {}
	for _, s in ipairs(a.sections) do for _, it in ipairs(s.items) do ids[#ids + 1] = it.id end end
	assert(bank:paper_add("q", ids))
	local all = bank:paper_swap("q", ids[1])
	local some = bank:paper_swap("q", ids[1], { avoid_since = "2026-12-01" })
	assert(#some > 0 and #some < #all)
	for _, c in ipairs(some) do assert(not seen[c], c) end
	print("ok")
	EOF
	tiku run practice.lua >out && test_grep "^ok$" out &&
	pdftotext week1.pdf - | grep -q "班级：高二(3)班" &&
	pdftotext week1.pdf - | grep -q "第三周随堂练习" &&
	! pdftotext week1.pdf - | grep -q "准考证号\|考点" &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM practice_print")" = 1
'
test_expect_success 'Lua: bad inputs -- a bad date raises, a non-paper and an official paper fail' '
	cat >bad.lua <<-EOF &&
	local bank = tiku.open()
	local bp = "$P/junior-30.xml"
	local ok, err = pcall(bank.assemble, bank, { blueprint = bp, avoid_since = "2026-02-30" })
	assert(not ok and err:find("avoid_since is a date written YYYY%-MM%-DD"), err)
	ok, err = pcall(bank.assemble, bank, { blueprint = bp, avoid_since = 20261207 })
	assert(not ok and err:find("YYYY%-MM%-DD"), err)
	ok, err = pcall(bank.assemble, bank, { blueprint = bp, avoid = "week1.xml" })
	assert(not ok and err:find("avoid is a list of papers"), err)
	local none, msg = bank:assemble { blueprint = bp, avoid = { bp } }
	assert(none == nil and msg:find("not a paper: the root element is <blueprint>"), msg)
	none, msg = bank:assemble { blueprint = bp, avoid = { "no-such.xml" } }
	assert(none == nil and msg:find("no%-such.xml"), msg)
	local p = assert(bank:assemble { blueprint = bp, seed = 5 })
	ok, err = pcall(tiku.render, p, "x.pdf", { date = "2026-13-01" })
	assert(not ok and err:find("a date is written YYYY%-MM%-DD"), err)
	none, msg = tiku.render(p, "x.pdf", { seal_line = true })
	assert(none == nil and msg:find("is a practice paper: it has no seal line"), msg)
	local off = assert(bank:assemble { blueprint = "$MIIT/blueprints/junior-theory.xml", seed = 1 })
	assert(off.purpose == "official" and #off.targets == 0)
	none, msg = bank:render(off, "x.pdf", { class = "高二(3)班" })
	assert(none == nil and msg:find("is official: a class, date or title line goes on a practice paper"), msg)
	none, msg = bank:render(off, "x.docx", { title = "练习" })
	assert(none == nil and msg:find("is official"), msg)
	assert(io.open("x.pdf") == nil and io.open("x.docx") == nil)
	ok, err = pcall(bank.paper_swap, bank, "q", "x", { avoid_since = "soon" })
	assert(not ok and err:find("YYYY%-MM%-DD"), err)
	print("ok")
	EOF
	tiku run bad.lua >out && test_grep "^ok$" out &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM practice_print")" = 1
'
test_expect_success 'Lua: second standard, an infeasible small paper names its area and supply' '
	cat >mini.lua <<-EOF &&
	local bank = tiku.open()
	local m = assert(bank:assemble { blueprint = "$P/mini-30.xml", seed = 1 })
	for _, t in ipairs(m.targets) do assert(t.points == 10, t.area) end
	local none, msg, problems = bank:assemble { blueprint = "$P/mini-short.xml", seed = 1 }
	assert(none == nil and msg:find("cannot fill"), msg)
	local found = false
	for _, pr in ipairs(problems) do
	  found = found or pr.message:find("area 基础知识 needs 15 points; eligible items give at most 10 %(2 truefalse%)") ~= nil
	end
	assert(found)
	local _, logged = assert(bank:render(m, "m.pdf", { class = "咖啡一班", date = "2027-01-04" }))
	assert(logged)
	print("ok")
	EOF
	TIKU_BANK=mini.db tiku run mini.lua >out && test_grep "^ok$" out &&
	pdftotext m.pdf - | grep -q "班级：咖啡一班"
'
test_done
