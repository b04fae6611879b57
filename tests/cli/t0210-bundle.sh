#!/bin/sh
# Course bundles: tiku bundle in html, scorm12 and scorm2004; manifests
# against the official schemas; signed bundles and tiku verify; the same
# bytes from the same course; the wall between official and practice;
# bad input refused with nothing written.
. "$(dirname "$0")/lib.sh"

C=$DATA/course
X=$ROOT/../shared/xsd
ZIPCHECK="python3 $ROOT/tests/tools/zipcheck.py"

test_expect_success 'setup: the test standard and the shop items' '
	tiku import -q "$DATA/std/mini.xml" "$C/barista-items.xml" "$C/shop-items.xml" &&
	tiku keygen -o k --unencrypted >/dev/null
'

# ---- html -------------------------------------------------------------------

test_expect_success 'html: the page, its assets, the course as data, images by content' '
	tiku bundle "$C/shop" --format html -o shop.zip >out &&
	test_grep "^shop.zip: html bundle of shop-l5, 4 lessons, 14 practice items, 1 test, [0-9]* bytes$" out &&
	unzip -Z1 shop.zip | sort >names &&
	printf "%s\n" assets/tiku.css assets/tiku.js data/course.js index.html \
		lesson-basics.html lesson-espresso.html lesson-ethics.html lesson-order.html \
		"media/$(sha256sum "$C/shop/img/beans.png" | cut -c1-20).png" >expect &&
	test_cmp expect names && test ! -e shop.zip.minisig
'
test_expect_success 'html: the page is in Chinese and names the course, escaped' '
	unzip -p shop.zip index.html >index.html &&
	test_grep "<html lang=\"zh-CN\">" index.html &&
	test_grep "<title>咖啡店 &lt;script&gt;window.__xss=1&lt;/script&gt; 五级</title>" index.html &&
	! grep -i "<script>window" index.html
'
test_expect_success 'html: each lesson has its page, its title and text escaped, scripts after it, its links into index.html' '
	for l in basics espresso ethics order; do
		unzip -p shop.zip lesson-$l.html >$l.html &&
		test_grep "<main id=\"main\" tabindex=\"-1\" data-route=\"lesson/$l\">" $l.html &&
		! grep -i "<script>window" $l.html &&
		test "$(grep -c "<script" $l.html)" = 2 || return 1
	done &&
	test_grep "<title>基础知识 - 咖啡店 &lt;script&gt;" basics.html &&
	test_grep "<article class=\"lesson-body\"><h1>基础知识</h1><p class=\"meta lesson-meta\">3 学时 · 要求 B2.2.1 B2.2.2</p>" basics.html &&
	test_grep "href=\"index.html#practice/basics\">做本课练习（3 题）</a>" basics.html &&
	test_grep "<a href=\"index.html#lesson/espresso\" rel=\"next\">" basics.html &&
	test_grep "另见<a href=\"index.html#lesson/basics\">" ethics.html &&
	! grep "href=\"#" basics.html ethics.html | grep -v "href=\"#main\"" &&
	test_grep "&lt;script&gt;window.__xss=1&lt;/script&gt;</a>" basics.html
'
test_expect_success 'html: nothing from the course or bank reaches the page as markup' '
	unzip -p shop.zip data/course.js >course.js &&
	! grep "<" course.js &&
	test_grep "\\\\u003cscript\\\\u003ewindow.__xss=1" course.js
'
test_expect_success 'html: lessons: dialogue, call-outs, tables, images, links between lessons' '
	node -e "
	global.window = {};
	eval(require(\"fs\").readFileSync(\"course.js\", \"utf8\"));
	const d = window.TIKU_DATA, h = d.lessons.map(l => l.html).join(\"\");
	const need = [\"<div class=\\\"dialogue\\\" role=\\\"group\\\" aria-label=\\\"话术\\\">\",
		\"<div class=\\\"turn agent\\\"><span class=\\\"who\\\">坐席</span>\",
		\"<aside class=\\\"callout key\\\"><p class=\\\"callout-title\\\">要点：两条守则</p>\",
		\"<aside class=\\\"callout caution\\\">\", \"<aside class=\\\"callout case\\\">\",
		\"<th class=\\\"al-r\\\">做法</th>\", \"<a href=\\\"#lesson/basics\\\">\",
		\"<img src=\\\"media/\", \"alt=\\\"一袋咖啡豆\\\"\",
		\"正文里的 window.__xss=1 和 <code>&lt;img onerror=x&gt;</code>\"];
	for (const n of need) if (!h.includes(n)) { console.log(\"missing: \" + n); process.exit(1); }
	if (d.format !== \"html\" || d.course.pass !== 60 || d.course.hours !== \"10\") process.exit(1);
	"
'
test_expect_success 'html: practice as given and as drawn; the exam from its blueprint' '
	node -e "
	global.window = {};
	eval(require(\"fs\").readFileSync(\"course.js\", \"utf8\"));
	const d = window.TIKU_DATA, ok = c => { if (!c) { console.log(new Error().stack); process.exit(1); } };
	ok(d.lessons[0].practice.join() === \"shop-xss,shop-multi,shop-fill,shop-short,shop-basics-t1\");
	ok(d.lessons[1].practice.length === 3 && d.lessons[2].practice.length === 4);
	ok(JSON.stringify(d.items[\"shop-fill\"].answer) === JSON.stringify([[\"18\", \"十八\"], [\"25\"]]));
	ok(d.items[\"shop-multi\"].answer === \"AC\" && d.items[\"shop-basics-t1\"].answer === \"true\");
	ok(d.items[\"shop-short\"].answer === null && d.items[\"shop-short\"].reference.includes(\"评分要点\"));
	const e = d.tests[0];
	ok(e.kind === \"exam\" && e.minutes === 30 && e.sections.length === 2);
	ok(e.sections[0].title === \"一、单项选择题（共6题，每题10分，共60分）\" && e.sections[0].points === 10);
	ok(e.sections[0].items.length === 6 && e.sections[1].items.length === 8);
	for (const s of e.sections) for (const id of s.items) ok(d.items[id]);
	"
'
test_expect_success 'the same course, bank and seeds give the same bytes' '
	tiku bundle "$C/shop" --format html -o again.zip -q &&
	cmp shop.zip again.zip &&
	SOURCE_DATE_EPOCH= TZ=Asia/Shanghai tiku bundle "$C/shop" --format html -o tz.zip -q &&
	cmp shop.zip tz.zip
'

# ---- SCORM --------------------------------------------------------------------

test_expect_success 'scorm12: one SCO listing every file; valid against the official schemas' '
	tiku bundle "$C/shop" --format scorm12 -o s12.zip -q &&
	unzip -p s12.zip imsmanifest.xml >m12.xml &&
	xmllint --noout --nonet --schema "$X/scorm12/scorm12_all.xsd" m12.xml &&
	test_grep "<schemaversion>1.2</schemaversion>" m12.xml &&
	test_grep "adlcp:scormtype=\"sco\" href=\"index.html\"" m12.xml &&
	test "$(grep -c "<item " m12.xml)" = 1 &&
	$ZIPCHECK s12.zip &&
	unzip -p s12.zip data/course.js | grep -q "\"format\":\"scorm12\""
'
test_expect_success 'scorm2004: the same, 4th edition' '
	tiku bundle "$C/shop" --format scorm2004 -o s04.zip -q &&
	unzip -p s04.zip imsmanifest.xml >m04.xml &&
	xmllint --noout --nonet --schema "$X/scorm2004/scorm2004_all.xsd" m04.xml &&
	test_grep "<schemaversion>2004 4th Edition</schemaversion>" m04.xml &&
	test_grep "adlcp:scormType=\"sco\"" m04.xml &&
	$ZIPCHECK s04.zip &&
	unzip -p s04.zip data/course.js | grep -q "\"format\":\"scorm2004\""
'

# ---- signed -------------------------------------------------------------------

test_expect_success 'signed: a manifest inside, the zip signed beside; tiku verify and minisign agree' '
	tiku bundle "$C/shop" --format scorm12 -o signed.zip --key k.key >out &&
	test_grep "^signed: signed.zip.minisig$" out &&
	tiku verify signed.zip --pub k.pub >out &&
	test_grep "^signed.zip: bundle good, 8 files as the signed manifest lists them$" out &&
	test_grep "content:course	course:shop-l5	format:scorm12" out &&
	minisign -Vm signed.zip -p k.pub &&
	unzip -p signed.zip manifest.xml >man.xml &&
	xmllint --noout --relaxng "$ROOT/schema/manifest.rng" man.xml &&
	test_grep "<course id=\"shop-l5\" version=\"2\" .* format=\"scorm12\" bank-digest=\"[0-9a-f]\{64\}\">" man.xml &&
	test_grep "<draw lesson=\"basics\" seed=\"7\"/>" man.xml &&
	test_grep "<test id=\"exam\" seed=\"3\" blueprint-digest=\"[0-9a-f]\{64\}\"/>" man.xml &&
	$ZIPCHECK signed.zip
'
test_expect_success 'signed: the zip repeats; only the detached signature carries a time' '
	tiku bundle "$C/shop" --format scorm12 -o signed2.zip --key k.key -q &&
	cmp signed.zip signed2.zip
'
test_expect_code 1 'signed: a flipped byte and tiku verify fails' '
	cp signed.zip flipped.zip && cp signed.zip.minisig flipped.zip.minisig &&
	printf "\\377" | dd of=flipped.zip bs=1 seek=200 conv=notrunc 2>/dev/null &&
	tiku verify flipped.zip --pub k.pub
'
test_expect_success 'unsigned again: a stale signature beside it is taken away' '
	tiku bundle "$C/shop" --format scorm12 -o signed.zip -q &&
	test ! -e signed.zip.minisig
'

# ---- Lua -------------------------------------------------------------------------

test_expect_success 'Lua: tiku.bundle writes the bytes tiku bundle writes; course_practice agrees' '
	cat >b.lua <<-EOF &&
	local path, size = assert(tiku.bundle("$C/shop", "lua.zip", {format = "html"}))
	assert(path == "lua.zip" and size > 1000)
	local p = assert(tiku.course_practice("$C/shop"))
	assert(table.concat(p.lessons.ethics, ",") == "shop-xss,shop-multi,shop-fill,shop-short,shop-basics-t1")
	assert(#p.lessons.basics == 3 and #p.lessons.espresso == 4)
	assert(p.tests[1].id == "exam" and p.tests[1].minutes == 30 and p.tests[1].seed == 3)
	assert(#p.tests[1].sections == 2 and #p.tests[1].sections[2].items == 8)
	assert(#p.bank_digest == 64)
	local ok, msg = tiku.bundle("$C/shop", "x.zip", {format = "html"}, assert(tiku.open("other.db")))
	assert(ok == nil and msg:find("test-barista", 1, true), msg)
	EOF
	tiku --bank other.db import -q "$ROOT/banks/miit-kflxzxs/standard.xml" &&
	tiku run b.lua && cmp lua.zip shop.zip && test ! -e x.zip
'
test_expect_success 'Lua: a script writes a course, a lesson per code from the standard text' '
	cat >gen.lua <<-\EOF &&
	local b = tiku.open()
	local s = assert(b:standard("test-barista"))
	local lessons = {}
	for _, r in ipairs(s.requirements) do
		if r.level == "l5" and r.type == "knowledge" then
			lessons[#lessons + 1] = {id = "k" .. r.code, title = r.text, hours = 1,
				codes = {r.code}, text = "# " .. r.text .. "\n\n本课讲" .. r.text .. "。\n",
				practice = {draw = {count = 1, seed = 9, types = {"single", "truefalse"}}}}
		end
	end
	assert(#lessons > 0)
	assert(tiku.write_course("gen", {id = "gen", standard = "test-barista", level = "五级",
		title = "按要求生成", pass = 70, version = "1",
		modules = {{id = "all", title = "全部", lessons = lessons}}}))
	local c = assert(tiku.read_course("gen"))
	assert(#c.lessons == #lessons and c.pass == 70)
	local ok, msg = tiku.write_course("gen", {id = "gen", standard = "test-barista",
		level = "五级", title = "x", modules = {}})
	assert(ok == nil and msg:find("gen"), msg)
	EOF
	tiku run gen.lua &&
	xmllint --noout --relaxng "$ROOT/schema/course.rng" gen/course.xml &&
	test_grep "^本课讲研磨度的知识。$" gen/lessons/k1.1.2.md &&
	tiku bundle gen --format html -o gen.zip -q
'

# ---- bad input: clear errors, nothing written ----------------------------------

test_expect_code 2 'an unknown format is a usage error' \
	'tiku bundle "$C/shop" --format pdf -o x.zip'
test_expect_code 2 '-o names another kind of file' \
	'tiku bundle "$C/shop" --format html -o x.pdf'
test_expect_success 'a missing image: file and line, exit 3, nothing written' '
	cp -r "$C/shop" noimg && rm noimg/img/beans.png &&
	{ tiku bundle noimg --format html -o noimg.zip 2>err; test $? = 3; } &&
	test_grep "noimg/lessons/basics.md:5: .*is not there" err &&
	test ! -e noimg.zip
'
test_expect_success 'a link out of the course folder: refused' '
	cp -r "$C/shop" leak && echo "[x](../../secret.txt)" >>leak/lessons/order.md &&
	{ tiku bundle leak --format html -o leak.zip 2>err; test $? = 3; } &&
	test_grep "leak/lessons/order.md:[0-9]*: link .../../secret.txt. leaves the course folder" err &&
	test ! -e leak.zip
'
test_expect_success 'a draw the bank cannot fill: the course line, exit 3' '
	cp -r "$C/shop" big && sed -i "s/<draw count=\"3\"/<draw count=\"300\"/" big/course.xml &&
	{ tiku bundle big --format html -o big.zip 2>err; test $? = 3; } &&
	test_grep "^big/course.xml:[0-9]*: error: lesson .basics. draws 300 practice items, but the bank has [0-9]* that fit" err &&
	test ! -e big.zip
'

# ---- the wall ---------------------------------------------------------------------

test_expect_success 'setup: an official batch from the same blueprint, committed' '
	tiku batch new off --blueprint "$C/shop/exam.xml" --seed 3 >/dev/null &&
	tiku batch generate off -o forms >/dev/null &&
	tiku batch commit off >/dev/null &&
	sed -n "s/.*<item [^>]* id=\"\([^\"]*\)\".*/\1/p" forms/off-A.xml | sort >official &&
	test "$(wc -l <official)" = 14
'
test_expect_success 'the mock exam is never made of official items: here it cannot be made' '
	{ tiku bundle "$C/shop" --format html -o wall.zip 2>err; test $? = 3; } &&
	test_grep "course.xml:[0-9]*: error: the bank cannot make the exam of blueprint .exam.xml. from practice items" err &&
	test ! -e wall.zip
'
test_expect_success 'and no official item is drawn into practice' '
	cp -r "$C/shop" noexam && sed -i "/<exam /d; /shop-basics-t1\|shop-serve-s1/d" noexam/course.xml &&
	sed -i "s/shop-serve-t2/shop-fill/" noexam/course.xml &&
	sed -i "s/<draw count=\"4\" /<draw count=\"8\" /" noexam/course.xml &&
	tiku bundle noexam --format html -o wall.zip -q &&
	unzip -p wall.zip data/course.js >wall.js &&
	node -e "
	global.window = {};
	eval(require(\"fs\").readFileSync(\"wall.js\", \"utf8\"));
	console.log(Object.keys(window.TIKU_DATA.items).join(\"\\n\"));" | sort >used &&
	test "$(wc -l <used)" -ge 14 &&
	! comm -12 official used | grep .
'
test_expect_success 'an official item named in practice: refused, naming the batch' '
	cp -r "$C/shop" wall && id=$(head -1 official) &&
	sed -i "s|<item ref=\"shop-serve-s1\"/>|<item ref=\"$id\"/>|" wall/course.xml &&
	{ tiku bundle wall --format html -o w.zip 2>err; test $? = 3; } &&
	test_grep "wall/course.xml:[0-9]*: error: practice item .$id. is on the committed official batch .off.: items of official papers are never practice" err &&
	test ! -e w.zip
'

test_done
