#!/bin/sh
# Appraisals (a part of a scheme a panel scores by a rubric: 002's 中级
# 实践考核 and 高级 综合评审) declared in the standard, checked by lint and
# printed as scoring sheets (render --sheet); a second standard's own.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
D=$DATA/sheets

# sheet.lua TEXT STANDARD ID: every criterion of the appraisal is on the
# sheet with its points on its row, the points add up to the appraisal's
# and the 合计 row says so.
cat >sheet.lua <<-\EOF
	local text, std, id = ...
	local s = assert(tiku.read_standard(std))
	local a
	for _, x in ipairs(s.appraisals) do if x.id == id then a = x end end
	assert(a, "no appraisal " .. id)
	local lines = {}
	for l in io.lines(text) do lines[#lines + 1] = l end
	local sum = 0
	for k, c in ipairs(a.criteria) do
		-- its row: its number, then its name (a long one wraps in its
		-- column: the first six characters)
		local head = c.name:sub(1, utf8.offset(c.name, 7) and utf8.offset(c.name, 7) - 1 or #c.name)
		local found
		for _, l in ipairs(lines) do
			local no, rest = l:match("^%s*(%d+)%s+(.*)$")
			if tonumber(no) == k and rest:sub(1, #head) == head then
				local last = l:match("([%d%.]+)%s*$")
				assert(tonumber(last) == c.points,
				       c.name .. ": points " .. tostring(last) .. " on the row, not " .. c.points)
				found = true
				break
			end
		end
		assert(found, "criterion " .. c.name .. " is not on the sheet")
		sum = sum + c.points
	end
	assert(sum == a.points, "the criteria add up to " .. sum .. ", not " .. a.points)
	local total
	for _, l in ipairs(lines) do
		if l:match("^%s*合计") then total = tonumber(l:match("(%d+)%s*$")) end
	end
	assert(total == a.points, "合计 " .. tostring(total))
	print(("%d criteria, %g points"):format(#a.criteria, sum))
EOF

test_expect_success 'the shipped standard declares both appraisals and lints clean' '
	tiku lint "$S" >out; test $? = 0 &&
	test_grep "^0 errors" out &&
	cat >list.lua <<-\EOF &&
	local s = assert(tiku.read_standard(os.getenv("ROOT") .. "/banks/miit-kflxzxs/standard.xml"))
	for _, a in ipairs(s.appraisals) do
		print(a.id, a.assessment, a.level, a.kind, a.points, a.pass, a.panel, a.panel_odd,
		      a.sample, #a.criteria)
	end
	EOF
	tiku run list.lua >got &&
	printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" \
		miit-002-intermediate-plan miit-002 intermediate submission 100 80 3 true true 6 \
		miit-002-senior-review miit-002 senior defence 100 80 3 true true 5 >want &&
	test_cmp want got
'
test_expect_success 'what 002 states is encoded; where it is silent, the file says so' '
	test_grep "由评审小组根据所提交计划完善度、可行度等进行打分" "$S" &&
	test_grep "提交申报材料，通过答辩等方式，进行评议和审查" "$S" &&
	test_grep "<panel min=\"3\" odd=\"true\"/>" "$S" &&
	test "$(grep -c "<rubric sample=\"true\">" "$S")" = 2 &&
	test_grep "未规定申报材料的内容、答辩时长、评审项目及配分" "$S" &&
	! grep "<appraisal[^>]*duration=" "$S"
'
test_expect_success 'the 中级 实践考核 prints as a one-page scoring sheet' '
	tiku render "$S" --sheet miit-002-intermediate-plan -o plan.pdf >out &&
	test_grep "^plan.pdf: 1 page$" out &&
	pdftotext -layout plan.pdf plan.txt &&
	test_grep "客服联络咨询师（中级）" plan.txt &&
	test_grep "实践考核（工作改善计划）评分表" plan.txt &&
	test_grep "评审方式：提交材料评审 *满分：100分 *合格：80分（含）以上" plan.txt &&
	test_grep "评审小组：3人" plan.txt &&
	test_grep "姓 *名 .*准考证号" plan.txt &&
	test_grep "考 *点 .*评审日期" plan.txt &&
	test_grep "考核要求：应用培训课程所学，提交工作改善计划" plan.txt &&
	test_grep "序号 *评分项目 *评分要点 *配分 *得分 *评语" plan.txt &&
	test_grep "注：本表评分项目及配分为示例内容（样例）" plan.txt &&
	test_grep "评审结果：□ 合格 *□ 不合格 *（80分（含）以上为合格）" plan.txt &&
	test_grep "评委1签字：.*评委2签字：.*评委3签字：" plan.txt &&
	! grep -q "评委4" plan.txt &&
	test_grep "评审组长签字：.*日期：" plan.txt &&
	test_grep "第 *1 *页 *共 *1 *页" plan.txt &&
	test_grep "标准 miit-kflxzxs *评审项目 miit-002-intermediate-plan" plan.txt &&
	tiku run sheet.lua plan.txt "$S" miit-002-intermediate-plan >out &&
	test_grep "^6 criteria, 100 points$" out
'
test_expect_success 'the 高级 综合评审 (答辩) prints with a panel of five' '
	tiku render "$S" --sheet miit-002-senior-review --panel 5 -o review.pdf >out &&
	test_grep "^review.pdf: 1 page$" out &&
	pdftotext -layout review.pdf review.txt &&
	test_grep "客服联络咨询师（高级）" review.txt &&
	test_grep "综合评审（申报材料与答辩）评分表" review.txt &&
	test_grep "评审方式：答辩" review.txt &&
	test_grep "评审小组：5人" review.txt &&
	test_grep "评委4签字：.*评委5签字：" review.txt && ! grep -q "评委6" review.txt &&
	tiku run sheet.lua review.txt "$S" miit-002-senior-review >out &&
	test_grep "^5 criteria, 100 points$" out &&
	pdffonts review.pdf | grep -c "yes yes" >n && test "$(cat n)" -ge 2
'
test_expect_success 'from the bank: the same sheet as from the file' '
	tiku import -q "$S" "$BANKS/1x-hjzx/standard.xml" &&
	tiku render --sheet miit-002-senior-review --panel 5 --standard miit-kflxzxs -o bank.pdf >/dev/null &&
	cmp bank.pdf review.pdf &&
	tiku standard default miit-kflxzxs >/dev/null &&
	tiku render --sheet miit-002-intermediate-plan -o bank2.pdf >/dev/null &&
	cmp bank2.pdf plan.pdf
'
test_expect_success 'the same input gives the same bytes' '
	tiku render "$S" --sheet miit-002-intermediate-plan -o again.pdf >/dev/null &&
	cmp again.pdf plan.pdf
'
test_expect_success 'a roster: a page per candidate, their name and number printed' '
	printf "准考证号,姓名,考点\nK2024001,张晓明,北京一中\nK2024002,李华,北京一中\nK2024003,王芳,上海二中\n" >roster.csv &&
	tiku render "$S" --sheet miit-002-intermediate-plan --roster roster.csv -o all.pdf >out &&
	test_grep "^all.pdf: 3 pages$" out &&
	pdftotext -layout -f 2 -l 2 all.pdf p2.txt &&
	test_grep "姓 *名 *李华 *准考证号 *K2024002" p2.txt &&
	test_grep "考 *点 *北京一中" p2.txt &&
	test_grep "第 *1 *页 *共 *1 *页" p2.txt &&
	test_grep "准考证号 K2024002" p2.txt &&
	pdftotext -layout -f 3 -l 3 all.pdf p3.txt && test_grep "王芳" p3.txt && ! grep -q "李华" p3.txt
'
test_expect_success 'a second standard: its own kinds, half points, time and panel' '
	tiku lint "$D/barista.xml" >out && test_grep "^0 errors" out &&
	tiku render "$D/barista.xml" --sheet latte-art -o latte.pdf >/dev/null &&
	pdftotext -layout latte.pdf latte.txt &&
	test_grep "咖啡师（测试用标准）（四级）" latte.txt &&
	test_grep "拉花现场操作评分表" latte.txt &&
	test_grep "评审方式：现场操作 *满分：50分 *合格：30分（含）以上" latte.txt &&
	test_grep "时间：20分钟 *评审小组：5人" latte.txt &&
	test_grep "评委5签字" latte.txt &&
	! grep -q "示例内容" latte.txt &&
	tiku run sheet.lua latte.txt "$D/barista.xml" latte-art >out &&
	test_grep "^4 criteria, 50 points$" out &&
	tiku render "$D/barista.xml" --sheet shop-interview -o talk.pdf >/dev/null &&
	pdftotext -layout talk.pdf talk.txt &&
	test_grep "评审方式：面试 *满分：20分$" talk.txt &&
	test_grep "评审小组：3人" talk.txt &&
	test_grep "示例内容" talk.txt &&
	! grep -q "合格：" talk.txt &&
	tiku run sheet.lua talk.txt "$D/barista.xml" shop-interview >out &&
	test_grep "^2 criteria, 20 points$" out
'
test_expect_success 'an unknown appraisal: named with the file and line, nothing written' '
	{ tiku render "$S" --sheet miit-002-junior-plan -o x.pdf 2>err; test $? = 3; } &&
	test_grep "standard.xml:10: standard .miit-kflxzxs. has no appraisal .miit-002-junior-plan. (it has miit-002-intermediate-plan, miit-002-senior-review)" err &&
	! test -e x.pdf &&
	{ tiku render "$BANKS/1x-hjzx/standard.xml" --sheet any -o x.pdf 2>err; test $? = 3; } &&
	test_grep "has no appraisal .any. (it has none" err && ! test -e x.pdf
'
test_expect_success 'criteria that do not add up: lint and render name the line; import refuses' '
	{ tiku lint "$D/bad.xml" >out; test $? = 1; } &&
	test_grep "bad.xml:13: error: appraisal .short.: the criteria add up to 95 points, not the 100 of the appraisal" out &&
	test_grep "bad.xml:18: error: appraisal .twice.: the pass mark 12 is above its 10 points" out &&
	test_grep "bad.xml:20: warning: appraisal .twice.: an odd panel of at least 4 members has at least 5" out &&
	test_grep "bad.xml:23: error: appraisal .twice.: criterion .完整. is named twice (also line 22)" out &&
	test_grep "bad.xml:26: error: appraisal id .short. is used twice (also line 11)" out &&
	{ tiku render "$D/bad.xml" --sheet twice -o x.pdf 2>err; test $? = 3; } &&
	test_grep "bad.xml:18: appraisal .twice.: the pass mark 12" err && ! test -e x.pdf &&
	{ tiku render "$D/bad.xml" --sheet short -o x.pdf 2>err; test $? = 3; } &&
	test_grep "bad.xml:26: appraisal id .short. is used twice" err && ! test -e x.pdf &&
	sed "/id=\"short\" level=\"l1\" kind=\"interview\"/,/<\/appraisal>/d" "$D/bad.xml" >sum.xml &&
	{ tiku render sum.xml --sheet short -o x.pdf 2>err; test $? = 3; } &&
	test_grep "sum.xml:13: appraisal .short.: the criteria add up to 95 points" err && ! test -e x.pdf &&
	{ tiku --bank bad.db import "$D/bad.xml" 2>err; test $? = 3; } &&
	test_grep "bad.xml:13: error: appraisal .short." err
'
test_expect_success 'a schema violation in an appraisal is named with its line' '
	sed "s/kind=\"practical\"/kind=\"exam\"/" "$D/barista.xml" >kind.xml &&
	{ tiku render kind.xml --sheet latte-art -o x.pdf 2>err; test $? = 3; } &&
	test_grep "kind.xml:31:" err && ! test -e x.pdf
'
test_expect_success 'a panel the appraisal does not allow is refused' '
	{ tiku render "$S" --sheet miit-002-senior-review --panel 4 -o x.pdf 2>err; test $? = 2; } &&
	test_grep "standard.xml:[0-9]*: appraisal .miit-002-senior-review. has a panel of an odd number of members, not 4" err &&
	{ tiku render "$D/barista.xml" --sheet latte-art --panel 3 -o x.pdf 2>err; test $? = 2; } &&
	test_grep "barista.xml:34: appraisal .latte-art. has a panel of at least 5 members, not 3" err &&
	! test -e x.pdf
'
test_expect_code 2 '--sheet with --key' 'tiku render "$S" --sheet miit-002-senior-review --key -o x.pdf'
test_expect_code 2 '--panel without --sheet' 'tiku render "$DATA/print/theory.xml" --panel 3 -o x.pdf'
test_expect_code 2 '--sheet writes a PDF' 'tiku render "$S" --sheet miit-002-senior-review -o x.docx'
test_expect_code 2 '--sheet from one standard' 'tiku render "$S" "$S" --sheet miit-002-senior-review -o x.pdf'
test_expect_code 2 '--panel takes a number' 'tiku render "$S" --sheet miit-002-senior-review --panel x -o x.pdf'
test_expect_success 'the help says what --sheet prints' '
	tiku render --help >help &&
	test_grep -- "--sheet ID" help && test_grep "评分表" help && test_grep -- "--panel N" help
'
test_expect_success 'Lua: the appraisals of a standard, and their sheets' '
	cat >l.lua <<-\EOF &&
	local std = os.getenv("ROOT") .. "/banks/miit-kflxzxs/standard.xml"
	local s = assert(tiku.read_standard(std))
	local a = s.appraisals[2]
	assert(a.id == "miit-002-senior-review" and a.kind == "defence" and a.level == "senior")
	assert(a.criteria[4].name == "答辩：专业知识" and a.criteria[4].points == 25)
	assert(tiku.render_sheet(std, a.id, "lua.pdf", { panel = 5 }) == 1)
	local bank = tiku.open()
	assert(tiku.render_sheet(bank, "miit-002-intermediate-plan", "lua2.pdf") == 1)
	local none, msg = tiku.render_sheet(std, "nope", "no.pdf")
	assert(none == nil and msg:find("standard.xml:10: standard .miit.kflxzxs. has no appraisal .nope."))
	none, msg = tiku.render_sheet(std, a.id, "no.pdf", { panel = 2 })
	assert(none == nil and msg:find("at least 3 members, not 2"))
	local ok, err = pcall(tiku.render_sheet, std, a.id, "no.pdf", { panel = "x" })
	assert(not ok and err:find("panel must be a whole number"))
	print("ok")
	EOF
	tiku run l.lua >out && test_grep "^ok$" out &&
	cmp lua.pdf review.pdf && cmp lua2.pdf plan.pdf && ! test -e no.pdf
'
test_done
