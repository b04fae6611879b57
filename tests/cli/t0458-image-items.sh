#!/bin/sh
# Shipped items with pictures the project draws (banks/miit-kflxzxs/tools/
# mkimages.c): the committed PNGs are what the tool draws, the import
# stores them in the bank, and theory and skill papers and their keys
# print them at their size.
. "$(dirname "$0")/lib.sh"

B=$BANKS/miit-kflxzxs
I=$B/items/images

test_expect_success 'the tool draws the committed pictures again' '
	cc -O1 $(pkg-config --cflags pangocairo) -o mkimages "$B/tools/mkimages.c" \
		$(pkg-config --libs pangocairo) -lm &&
	mkdir drawn && ./mkimages drawn >list &&
	test "$(wc -l <list)" = 10 &&
	(cd drawn && ls *.png) >made &&
	(cd "$I" && ls *.png) >committed &&
	test_cmp committed made &&
	for f in drawn/*.png; do
		"$PNGDIFF" "$I/$(basename "$f")" "$f" 0.1 || exit 1
	done
'
test_expect_success 'every picture is shown by an item, every item names a picture there' '
	grep -o "src=\"[^\"]*\"" "$I/images.xml" | sed "s/src=\"//; s/\"$//" | sort -u >named &&
	test_cmp committed named
'
test_expect_success 'at least a dozen items with pictures, sample content, every level, both kinds' '
	grep -c "<item " "$I/images.xml" >n && test "$(cat n)" -ge 12 &&
	grep -q "<items [^>]*sample=\"true\"" "$I/images.xml" &&
	for l in junior intermediate senior; do
		for k in theory skill; do
			grep -q "level=\"$l\" kind=\"$k\"" "$I/images.xml" || { echo "no $l $k"; exit 1; }
		done
	done
'
test_expect_success 'the shipped import stores the pictures in the bank' '
	tiku import -q "$B/standard.xml" "$B"/items/*/*.xml &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM image")" = 10 &&
	tiku lint >out && test_grep "^0 errors" out &&
	tiku export -o all.xml &&
	grep -o "<img src=\"[^\"]*\"" all.xml | sort -u >srcs &&
	test "$(wc -l <srcs)" = 10 &&
	! grep -v "<img src=\"[0-9a-f]\{64\}\.png\"" srcs &&
	sum=$(sha256sum "$I/kpi-weekly.png" | cut -c1-64) &&
	sed -n "/id=\"kf-i-t-2.1.1-img1\"/,/<\/item>/p" all.xml >kpi && grep -q "$sum.png" kpi
'
test_expect_success 'importing the same file again changes nothing' '
	before=$(bank_sum) &&
	tiku import "$I/images.xml" >out &&
	test_grep "0 added, 0 changed, 19 unchanged" out &&
	test "$(bank_sum)" = "$before"
'
test_expect_success 'a theory paper prints its pictures 420 points wide; the key with 解析 too' '
	tiku paper new jt --blueprint "$B/blueprints/junior-theory.xml" >/dev/null &&
	tiku paper add jt kf-j-t-2.3.6-img1 kf-j-t-3.1.2-img1 kf-j-t-1.3.2-img1 \
		kf-j-t-1.3.1-img1 kf-j-t-2.3.1-img1 kf-j-t-1.1.5-img1 >/dev/null &&
	tiku paper export jt -o jt.xml &&
	tiku render jt.xml -o jt.pdf >/dev/null &&
	pdfimages -list jt.pdf | tail -n +3 >imgs &&
	test "$(wc -l <imgs)" = 6 &&
	awk "{ if (\$4 != 1280 || \$13 < 210 || \$13 > 230) exit 1 }" imgs &&
	pdftotext -layout jt.pdf jt.txt &&
	test_grep "下图为某坐席通话中的工具条" jt.txt &&
	tr -d " \n" <jt.txt | grep -q "身边同事的交谈。（）" &&
	! grep -E "^ *（[ 　]*）" jt.txt &&
	tiku render --key jt.xml -o jk.pdf >/dev/null &&
	test "$(pdfimages -list jk.pdf | tail -n +3 | wc -l)" = 0 &&
	tiku render --key --explanations jt.xml -o jx.pdf >/dev/null &&
	pdfimages -list jx.pdf | tail -n +3 >ximgs &&
	test "$(wc -l <ximgs)" = 1 &&
	awk "{ if (\$4 != 1280 || \$5 != 840 || \$13 < 250 || \$13 > 262) exit 1 }" ximgs
'
test_expect_success 'the Word paper has the pictures, each （　） ends its statement' '
	tiku render jt.xml -o jt.docx >/dev/null &&
	unzip -p jt.docx word/document.xml >doc.xml &&
	test "$(grep -o "<pic:pic" doc.xml | wc -l)" = 6 &&
	python3 - doc.xml <<-\EOF
	import re, sys
	x = open(sys.argv[1], encoding="utf-8").read()
	paras = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p))
	         for p in re.findall(r"<w:p[ >].*?</w:p>", x)]
	assert not [p for p in paras if p.strip() == "（\u3000）"], "a （　） on its own"
	assert any(p.endswith("身边同事的交谈。（\u3000）") for p in paras)
	assert any(p.endswith("及时响应的要求。（\u3000）") for p in paras)
	EOF
'
test_expect_success 'a skill paper prints them, and its key with each task again' '
	tiku paper new is --blueprint "$B/blueprints/intermediate-skill.xml" >/dev/null &&
	tiku paper add is kf-i-s-2.1.1-img1 kf-i-s-3.2.2-img1 >/dev/null &&
	tiku paper export is -o is.xml &&
	tiku render is.xml -o is.pdf >/dev/null &&
	pdfimages -list is.pdf | tail -n +3 >imgs &&
	test "$(wc -l <imgs)" = 2 &&
	awk "{ if (\$4 != 1280 || \$13 < 210 || \$13 > 230) exit 1 }" imgs &&
	tiku render --key is.xml -o ik.pdf >/dev/null &&
	test "$(pdfimages -list ik.pdf | tail -n +3 | wc -l)" = 2 &&
	pdftotext -layout ik.pdf ik.txt &&
	test_grep "评分记录表" ik.txt && test_grep "3400" ik.txt &&
	tiku render is.xml -o is.docx >/dev/null &&
	unzip -l is.docx | grep -c "word/media/" >n && test "$(cat n)" -ge 2
'
test_expect_success 'drawn papers that hold such items print every picture they name' '
	for kind in theory skill; do
		found=
		for seed in 1 2 3 4 5 6 7 8 9 10; do
			tiku assemble --blueprint "$B/blueprints/intermediate-$kind.xml" --seed $seed \
				-o p.xml >/dev/null || exit 1
			n=$(grep -o "<img " p.xml | wc -l)
			if [ "$n" -gt 0 ]; then found=$seed; break; fi
		done
		test -n "$found" || { echo "no $kind paper with a picture in ten seeds"; exit 1; }
		tiku render p.xml -o p.pdf >/dev/null &&
		test "$(pdfimages -list p.pdf | tail -n +3 | wc -l)" = "$n" || exit 1
	done
'
test_expect_success 'Lua prints them with the bank asked for its images' '
	cat >r.lua <<-\EOF &&
	local bank = tiku.open()
	local none, msg = tiku.render("jt.xml", "no.pdf")
	assert(none == nil and msg:find("cannot read the image"), msg)
	assert(tiku.render("jt.xml", "lua.pdf", { bank = bank }) == 4)
	assert(tiku.render("jt.xml", "lua.docx", { bank = bank }) == 6)
	local ok, err = pcall(tiku.render, "jt.xml", "x.pdf", { bank = "tiku.db" })
	assert(not ok and err:find("bank must be an open bank"))
	print("ok")
	EOF
	tiku run r.lua >out && test_grep "^ok$" out &&
	cmp lua.pdf jt.pdf && ! test -e no.pdf
'
test_expect_success 'pictures an items file names: outside its folder, not images: refused' '
	mkdir -p set/pics &&
	cp "$I/softphone.png" set/pics/ok.png &&
	printf "not a picture" >set/pics/text.png &&
	cp "$I/softphone.png" secret.png &&
	ln -s "$TRASH/secret.png" set/pics/link.png &&
	item() {
		cat <<-EOF
		<?xml version="1.0" encoding="UTF-8"?>
		<items xmlns="urn:tiku:items:1" standard="miit-kflxzxs">
		  <item id="pic-$1" type="truefalse" level="junior" kind="theory" points="1" difficulty="2">
		    <code>3.1.2</code>
		    <stem><p>看图判断。</p><img src="$2"/></stem>
		    <answer>true</answer>
		  </item>
		</items>
		EOF
	} &&
	item a pics/ok.png >set/ok.xml &&
	tiku import set/ok.xml >/dev/null &&
	tiku export -o ok.out.xml &&
	sed -n "/id=\"pic-a\"/,/<\/item>/p" ok.out.xml | grep -q "$(sha256sum set/pics/ok.png | cut -c1-64).png" &&
	item b ../secret.png >set/up.xml &&
	{ tiku import set/up.xml 2>err; test $? = 3; } &&
	test_grep "up.xml:3: error: item .pic-b.: image .\.\./secret.png. is outside the items file.s folder" err &&
	item c pics/link.png >set/link.xml &&
	{ tiku import set/link.xml 2>err; test $? = 3; } &&
	test_grep "link.xml:3: error: item .pic-c.: image .pics/link.png. is outside" err &&
	item d pics/text.png >set/text.xml &&
	{ tiku import set/text.xml 2>err; test $? = 3; } &&
	test_grep "text.xml:3: error: item .pic-d.: image .pics/text.png. is not a PNG or JPEG image" err &&
	! tiku show pic-b 2>/dev/null && ! tiku show pic-c 2>/dev/null && ! tiku show pic-d 2>/dev/null &&
	item e elsewhere.png >set/none.xml &&
	tiku import set/none.xml >/dev/null &&
	tiku export -o none.out.xml &&
	sed -n "/id=\"pic-e\"/,/<\/item>/p" none.out.xml | grep -q "src=\"elsewhere.png\""
'
test_done
