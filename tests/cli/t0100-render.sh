#!/bin/sh
# Printing: papers and keys as PDF, read back with poppler's tools.
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints
P=$DATA/papers

# in_order PDF PAPER [key]: every item's number and the start of its stem
# (options too), or with "key" its number and answer, appear in the PDF's
# text in paper order.
cat >"$TRASH/in_order.lua" <<'EOF'
local pdf, paper, key = ...
local f = assert(io.open(pdf)); local text = f:read("a"); f:close()
text = text:gsub("%s", ""):gsub("\u{3000}", "")
local p = assert(tiku.read_paper(paper))
local pos, n = 1, 0
local function want(s, alt)
  local a, b = text:find(s, pos, true)
  if not a and alt then a, b = text:find(alt, pos, true) end
  if not a then error(("not found after byte %d: %s"):format(pos, s)) end
  pos = b + 1
end
-- the first few characters of a text, before any gap or line break
local function start(s)
  s = s:gsub("%s", ""):gsub("\u{3000}", "")
  s = s:match("^[^_]*")
  local out, k = {}, 0
  for _, c in utf8.codes(s) do
    k = k + 1; if k > 8 then break end
    out[#out + 1] = utf8.char(c)
  end
  return table.concat(out)
end
for _, sec in ipairs(p.sections) do
  for _, item in ipairs(sec.items) do
    n = n + 1
    if key then
      local a = item.answer
      if item.type == "truefalse" then a = (a == "true") and "√" or "×" end
      if p.kind == "skill" then
        -- a skill key gives each task again, then its answer
        want(n .. "．" .. start(item.stem))
        want("参考答案：")
      elseif item.type == "single" or item.type == "multiple" or item.type == "truefalse" then
        want(n .. "．" .. a, n .. "．答案：" .. a)
      else
        want(n .. "．答案：")
      end
    else
      want(n .. "．" .. start(item.stem))
      for _, o in ipairs(item.options or {}) do want(o.key .. "．" .. start(o.text)) end
    end
  end
end
print(n .. " items in order")
EOF

test_expect_success 'set up: the sample bank and two papers' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/*/*.xml &&
	tiku assemble --blueprint "$BP/junior-theory.xml" --seed 7 -o theory.xml &&
	tiku assemble --blueprint "$BP/intermediate-skill.xml" --seed 3 -o skill.xml
'
test_expect_success 'a theory paper renders, its fonts embedded' '
	tiku render theory.xml -o theory.pdf >out &&
	test_grep "^theory.pdf: [0-9]* pages$" out &&
	pdffonts theory.pdf >fonts &&
	test_grep "NotoSerifCJK.* yes yes yes" fonts &&
	test_grep "NotoSansCJK.* yes yes yes" fonts &&
	! grep " no " fonts
'
test_expect_success 'pdftotext gives back every stem and option, numbered, in paper order' '
	pdftotext -layout theory.pdf theory.txt &&
	tiku run "$TRASH/in_order.lua" theory.txt theory.xml >out &&
	test_grep "^90 items in order$" out &&
	test_grep "一、单项选择题（共60题，每题1分，共60分）" theory.txt &&
	test_grep "第 *1 *页 *共 *[0-9]* *页" theory.txt
'
test_expect_success 'the header, notice and score table are on the first page' '
	pdftotext -f 1 -l 1 theory.pdf first.txt &&
	test_grep "客服联络咨询师（初级）理论知识考试" first.txt &&
	test_grep "考试时间：90分钟" first.txt &&
	test_grep "注" first.txt && test_grep "题号" first.txt && test_grep "得分" first.txt
'
test_expect_success 'the same paper gives the same bytes' '
	tiku render theory.xml -o again.pdf >/dev/null &&
	cmp theory.pdf again.pdf
'
test_expect_success 'the key: every answer, numbered as on the paper' '
	tiku render --key theory.xml -o key.pdf >/dev/null &&
	pdftotext -layout key.pdf key.txt &&
	tiku run "$TRASH/in_order.lua" key.txt theory.xml key >out &&
	test_grep "^90 items in order$" out &&
	test_grep "参考答案及评分标准" key.txt &&
	! grep -q "解析" key.txt
'
test_expect_success 'the key with explanations' '
	tiku render --key --explanations theory.xml -o keyx.pdf >/dev/null &&
	pdftotext -layout keyx.pdf keyx.txt &&
	tiku run "$TRASH/in_order.lua" keyx.txt theory.xml key >/dev/null &&
	test_grep "解析：" keyx.txt
'
test_expect_success 'a skill paper: tables, gaps, ruled answer space; its key has rubrics' '
	tiku render skill.xml -o skill.pdf >/dev/null &&
	pdftotext -layout skill.pdf skill.txt &&
	tiku run "$TRASH/in_order.lua" skill.txt skill.xml >/dev/null &&
	tiku render --key skill.xml -o skill-key.pdf >/dev/null &&
	pdftotext -layout skill-key.pdf skill-key.txt &&
	tiku run "$TRASH/in_order.lua" skill-key.txt skill.xml key >/dev/null &&
	test_grep "评分标准" skill-key.txt &&
	test_grep "评分记录表" skill-key.txt &&
	test_grep "序号 *评分标准 *配分 *扣分 *得分" skill-key.txt
'
test_expect_success 'a seal line down the margin' '
	tiku render --seal-line theory.xml -o seal.pdf >/dev/null &&
	pdftotext seal.pdf - | tr -d " \n" | test_grep "密"
'
test_expect_success 'no closing punctuation starts a line, no opening one ends it' '
	for f in theory.pdf key.pdf skill.pdf; do
		pdftotext -layout $f - || exit 1
	done >all.txt &&
	! sed "s/^ *//" all.txt | grep -E "^(，|。|、|；|：|？|！|）|》|」|』|”|’)" &&
	! sed "s/ *$//" all.txt | grep -E "(（|《|「|『|“|‘)$"
'
R=$DATA/render
test_expect_success 'a long stem, a table, an image and 8 long options: laid out as the reference pages' '
	tiku render "$R/hard.xml" -o hard.pdf >out &&
	test_grep "hard.pdf: 3 pages" out &&
	pdftoppm -r 40 -gray -png hard.pdf page &&
	"$PNGDIFF" "$R/hard-1.png" page-1.png &&
	"$PNGDIFF" "$R/hard-2.png" page-2.png &&
	"$PNGDIFF" "$R/hard-3.png" page-3.png
'
test_expect_success 'an item that fits on a page is not split from its options' '
	pdftotext -layout -f 2 -l 2 hard.pdf p2.txt &&
	grep -v "^ *$" p2.txt | sed -n 2p | test_grep "^ *2．某呼叫中心" &&
	test_grep "H．应当以系统导出的报表为准" p2.txt &&
	pdftotext -layout -f 1 -l 1 hard.pdf p1.txt && ! grep -q "某呼叫中心" p1.txt
'
test_expect_success 'the image is in the PDF' '
	pdfimages -list hard.pdf >imgs &&
	test "$(grep -c "image" imgs)" -ge 1 && grep -q " 240 *140 " imgs
'
test_expect_success 'images that are missing, too large or outside: refused, nothing written' '
	for f in missing huge escape; do
		{ tiku render "$R/$f-image.xml" -o $f.pdf 2>err; test $? = 3; } &&
		! test -e $f.pdf || exit 1
		cat err
	done >errs &&
	test_grep "missing.png: cannot read the image" errs &&
	test_grep "huge.png: image too large" errs &&
	test_grep "chart.png: image path leaves the images directory" errs
'
test_expect_success '--images names where the images are' '
	cp "$R/hard.xml" elsewhere.xml &&
	! tiku render elsewhere.xml -o e.pdf 2>/dev/null &&
	tiku render --images "$R" elsewhere.xml -o e.pdf >/dev/null &&
	cmp e.pdf hard.pdf
'
test_expect_success '--a3: two A4 pages to a landscape A3 sheet' '
	tiku render --a3 theory.xml -o a3.pdf >out &&
	pages=$(sed "s/.*: \([0-9]*\) pages/\1/" out) &&
	pdfinfo a3.pdf >info &&
	test_grep "Pages: *$(( (pages + 1) / 2 ))$" info &&
	test_grep "Page size: *1190.55 x 841.89 pts (A3)" info &&
	pdftotext -layout -f 1 -l 1 a3.pdf - >sheet1 &&
	test_grep "第 *1 *页.*第 *2 *页" sheet1
'
test_expect_success 'an unknown font is refused, and nothing is written' '
	{ tiku render --font "No Such Font" theory.xml -o nofont.pdf 2>err; test $? = 3; } &&
	test_grep "unknown font .No Such Font." err &&
	! test -e nofont.pdf
'
test_expect_success 'an output that cannot be written: a clear error, no half file' '
	mkdir -p ro/theory.pdf &&
	{ tiku render theory.xml -o ro/theory.pdf 2>err; test $? -ne 0; } &&
	test_grep "ro/theory.pdf: cannot write" err &&
	test "$(ls ro/theory.pdf)" = ""
'
test_expect_success 'a bad paper names its file and line' '
	printf "<paper xmlns=\"urn:tiku:paper:1\">\n<oops/>\n</paper>\n" >bad.xml &&
	{ tiku render bad.xml -o bad.pdf 2>err; test $? = 3; } &&
	test_grep "bad.xml:[0-9]" err && ! test -e bad.pdf
'
test_expect_success 'per-candidate papers: one PDF each, or one in roster order' '
	tiku batch new b1 --blueprint "$BP/junior-theory.xml" --seed 11 >/dev/null &&
	tiku batch generate b1 >/dev/null &&
	tiku batch papers b1 --roster "$P/roster.csv" -o cand >/dev/null &&
	tiku render cand --roster "$P/roster.csv" --each -o pdf >out &&
	test_grep "^pdf: 4 PDFs" out &&
	for a in 2023070001 2023070002 2023070003 2023070004; do
		pdftotext -f 1 -l 1 pdf/$a.pdf - | test_grep "准考证号：$a" || exit 1
	done &&
	tiku render cand --roster "$P/roster.csv" --combined -o all.pdf >/dev/null &&
	pdftotext all.pdf all.txt &&
	grep -o "准考证号：20230700[0-9]*" all.txt | uniq >order &&
	printf "准考证号：2023070001\n准考证号：2023070002\n准考证号：2023070003\n准考证号：2023070004\n" >expect &&
	test_cmp expect order &&
	tiku render --key --each -o keys cand/2023070002.xml >/dev/null &&
	test -s keys/2023070002.key.pdf
'
test_expect_success 'Lua: tiku.render from a paper table' '
	cat >r.lua <<-\EOF &&
	local p = assert(tiku.read_paper("theory.xml"))
	local pages = assert(tiku.render(p, "lua.pdf", { key = true }))
	print("pages " .. pages)
	local ok, msg = tiku.render(p, "x.pdf", { font = "No Such Font" })
	print(ok, msg)
	EOF
	tiku run r.lua >out &&
	test_grep "^pages [0-9]" out &&
	test_grep "unknown font" out &&
	cmp lua.pdf key.pdf
'
test_expect_code 2 'several papers need --each or --combined' 'tiku render a.xml b.xml -o x.pdf'
test_expect_code 2 '--explanations goes with --key' 'tiku render --explanations a.xml -o x.pdf'
test_done
