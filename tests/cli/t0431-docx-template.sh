#!/bin/sh
# A school's template (render --template T.docx): its page, header and
# styles carried into the Word paper, ours added where it has none; the
# template made by LibreOffice from tests/data/docx-out/school.fodt.
. "$(dirname "$0")/lib.sh"

D=$DATA/docx-out
FMT=$ROOT/tests/formats
LO="-env:UserInstallation=file://$TRASH/lo"

test_expect_success 'set up: a paper; the school template written by LibreOffice' '
	cp "$D"/mixed.xml "$D"/*.png "$D"/*.jpg "$D"/*.gif . &&
	soffice "$LO" --headless --convert-to "docx:MS Word 2007 XML" "$D/school.fodt" >lo.log 2>&1 &&
	unzip -Z1 school.docx | test_grep -qx word/header1.xml
'
test_expect_success 'the paper takes the school page: 184 x 260 mm, its margins' '
	tiku render mixed.xml --template school.docx -o paper.docx >out &&
	test_grep "^paper.docx: 6 items$" out &&
	unzip -p paper.docx word/document.xml | grep -o "<w:sectPr>.*</w:sectPr>" >sect &&
	test_grep -q "<w:pgSz w:w=\"10431\" w:h=\"14740\"" sect &&
	test_grep -q "<w:pgMar w:left=\"1701\" w:right=\"1417\"[^>]* w:top=\"1435\"" sect &&
	soffice "$LO" --headless --convert-to pdf paper.docx >>lo.log 2>&1 &&
	pdfinfo paper.pdf | test_grep "Page size: *522 x 737"
'
test_expect_success 'its header on every page, our page numbers in the footer' '
	pages=$(pdfinfo paper.pdf | sed -n "s/^Pages: *//p") &&
	test "$pages" -ge 2 &&
	for p in $(seq 1 $pages); do
		pdftotext -f $p -l $p paper.pdf - | tr -d " \n" >p.txt &&
		test_grep -q "明德职业技术学校期末考试专用" p.txt &&
		test_grep -q "第${p}页　*共${pages}页" p.txt || exit 1
	done &&
	unzip -Z1 paper.docx | test_grep -qx word/header1.xml &&
	! unzip -Z1 paper.docx | grep -q tiku-header
'
test_expect_success 'its styles, ours added; the content read by mammoth and printed in order' '
	unzip -p paper.docx word/styles.xml >styles.xml &&
	test_grep -q "w:styleId=\"SchoolMotto\"" styles.xml &&
	test_grep -q "<w:name w:val=\"School Motto\"/>" styles.xml &&
	for s in TikuTitle TikuSection TikuItem TikuOption TikuAnswer TikuTable; do
		test_grep -q "w:styleId=\"$s\"" styles.xml || exit 1
	done &&
	node "$FMT/docx.mjs" mixed.xml paper paper.docx paper.pdf >check &&
	test_grep "0 failed" check
'
test_expect_success 'the key with the template: the same page, header and styles' '
	tiku render --key mixed.xml --template school.docx -o key.docx >/dev/null &&
	soffice "$LO" --headless --convert-to pdf key.docx >>lo.log 2>&1 &&
	pdfinfo key.pdf | test_grep "Page size: *522 x 737" &&
	pdftotext key.pdf - | tr -d " \n" | test_grep -q "明德职业技术学校期末考试专用" &&
	node "$FMT/docx.mjs" mixed.xml key key.docx key.pdf >check &&
	test_grep "0 failed" check
'
# 试题 as a school wants it: on their motto style, 14 pt
cat >"$TRASH/restyle.py" <<'EOF'
import re, sys
f = sys.argv[1]
s = open(f, encoding="utf-8").read()
s, n = re.subn(r'(w:styleId="TikuItem"><w:name w:val="试题"/>)(.*?)<w:sz w:val="21"/>',
               r'\1<w:basedOn w:val="SchoolMotto"/>\2<w:sz w:val="28"/>', s, count=1)
assert n == 1
open(f, "w", encoding="utf-8").write(s)
EOF
test_expect_success 'a paper restyled in Word and given back as the template prints in its styles' '
	mkdir restyle && (cd restyle && unzip -q ../paper.docx) &&
	python3 "$TRASH/restyle.py" restyle/word/styles.xml &&
	(cd restyle && zip -qrX ../restyled.docx .) &&
	tiku render mixed.xml --template restyled.docx -o again.docx >/dev/null &&
	unzip -p again.docx word/styles.xml >styles2.xml &&
	test "$(grep -o "w:styleId=\"TikuItem\"" styles2.xml | wc -l)" = 1 &&
	grep -o "w:styleId=\"TikuItem\">.*" styles2.xml | sed "s|</w:style>.*||" >item-style &&
	test_grep -q "<w:name w:val=\"试题\"/><w:basedOn w:val=\"SchoolMotto\"/>" item-style &&
	test_grep -q "<w:sz w:val=\"28\"/>" item-style &&
	unzip -p again.docx word/document.xml | grep -o "<w:sectPr>.*</w:sectPr>" >sect2 &&
	test_grep -q "<w:pgSz w:w=\"10431\" w:h=\"14740\"" sect2 &&
	test_grep -q "headerReference" sect2 && test_grep -q "footerReference" sect2
'
test_expect_success 'the template numbering kept, the items in a list of their own' '
	unzip -p again.docx word/numbering.xml >num.xml &&
	test "$(grep -o "<w:abstractNum " num.xml | wc -l)" = 2 &&
	test_grep -q "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"2\"/>" num.xml &&
	unzip -p again.docx word/document.xml | test_grep -q "<w:numId w:val=\"2\"/>" &&
	soffice "$LO" --headless --convert-to pdf again.docx >>lo.log 2>&1 &&
	node "$FMT/docx.mjs" mixed.xml paper again.docx again.pdf >check &&
	test_grep "0 failed" check
'
test_expect_success 'Lua: tiku.render with a template gives the same bytes' '
	cat >t.lua <<-\EOF &&
	local n = assert(tiku.render("mixed.xml", "lua.docx", { template = "school.docx", images = "." }))
	print("items " .. n)
	EOF
	tiku run t.lua >out &&
	test_grep "^items 6$" out &&
	cmp lua.docx paper.docx
'
test_done
