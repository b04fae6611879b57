#!/bin/sh
# A Word document written the way Word writes it (tests/data/docx/word.docx,
# made by tests/tools/mkdocx.py): headings numbered by their style, items
# by lists that start again in each section (w:lvlOverride), a sub-list
# "（1）" in an answer, runs split mid-word, options on tabs and line
# breaks, a Wingdings check mark, a table with merged cells, a JPEG, and
# the answers of two sections at the end.
. "$(dirname "$0")/lib.sh"

D=$DATA/docx
STD=$BANKS/miit-kflxzxs/standard.xml
BP=$BANKS/miit-kflxzxs/blueprints/junior-theory.xml

test_expect_success 'the committed document is what its script makes' '
	python3 "$ROOT/tests/tools/mkdocx.py" word again.docx &&
	cmp "$D/word.docx" again.docx &&
	unzip -p "$D/word.docx" word/numbering.xml >num.xml &&
	test_grep -q "w:startOverride" num.xml && test_grep -q "chineseCounting" num.xml
'

test_expect_success 'every item and field as Word shows the document' '
	tiku import -q "$STD" &&
	tiku import --level 初级 "$D/word.docx" >out &&
	test_grep "word.docx: 8 items: 8 added, 0 changed, 0 unchanged" out &&
	tiku export >actual &&
	test_cmp "$D/word.expect.xml" actual
'

test_expect_success 'the JPEG is stored in the bank, by the SHA-256 of its bytes' '
	unzip -p "$D/word.docx" word/media/image1.jpeg >pic.jpg &&
	echo "$(sha256sum pic.jpg | cut -c1-64).jpg jpeg" >expect &&
	sqlite3 "$TIKU_BANK" "SELECT name || \" \" || type FROM image" >actual &&
	test_cmp expect actual
'

test_expect_success '--format docx reads a document whatever its name' '
	cp "$D/word.docx" bank.bin &&
	before=$(bank_sum) &&
	tiku import --level 初级 --format docx bank.bin >out &&
	test_grep "bank.bin: 8 items: 0 added, 0 changed, 8 unchanged" out &&
	test "$(bank_sum)" = "$before"
'

test_expect_success 'the JPEG prints in the PDF as it is, the merged table as a table' '
	export TIKU_BANK="$TRASH/paper.db" &&
	tiku import -q "$STD" &&
	tiku import -q --level 初级 --status approved "$D/word.docx" &&
	tiku paper new p --blueprint "$BP" >/dev/null &&
	tiku paper add p $(tiku search 如图所示 | cut -d" " -f1) \
		$(tiku search 根据下表 | cut -d" " -f1) >/dev/null &&
	tiku paper export p -o p.xml &&
	tiku render p.xml -o p.pdf >/dev/null &&
	pdfimages -list p.pdf | sed 1,2d | awk "{print \$4, \$5, \$9}" >actual &&
	echo "24 16 jpeg" >expect && test_cmp expect actual &&
	pdfimages -j p.pdf img && cmp img-000.jpg pic.jpg &&
	pdftotext -layout p.pdf - >text &&
	# each row of the table on a line of its own, the merged cell (电话
	# over two rows) beside the first of them
	test_grep -q "渠道 *月份 *投诉量" text &&
	test_grep -q "电话 *一月 *120" text && test_grep -q "二月 *80" text &&
	test_grep -q "在线 *一月 *30" text && test_grep -q "合计 *230" text
'

test_expect_success 'pack prints the bank'"'"'s picture in the packaged paper' '
	export TIKU_BANK="$TRASH/pack.db" &&
	BPJ="$BANKS/miit-kflxzxs/blueprints/junior-theory.xml" &&
	tiku import -q "$STD" "$BANKS"/miit-kflxzxs/items/junior/*.xml &&
	tiku import -q --level 初级 --status approved "$D/word.docx" &&
	img=$(sqlite3 "$TIKU_BANK" "SELECT name FROM image") &&
	tiku assemble --blueprint "$BPJ" --seed 5 -o p0.xml >/dev/null &&
	# the first single item of the paper shows the picture, as a new version
	python3 - "$img" <<-\EOF &&
	import re, sys
	s = open("p0.xml").read()
	it = re.search(r"<item xmlns=\"urn:tiku:items:1\" [^>]*type=\"single\".*?</item>", s, re.S).group(0)
	it = re.sub(r"<stem>.*?</stem>", "<stem><p>看图作答：</p><img src=\"%s\" alt=\"图\"/>"
		    "<p>下列说法正确的是（　）。</p></stem>" % sys.argv[1], it, flags=re.S)
	open("one.xml", "w").write("<items xmlns=\"urn:tiku:items:1\" standard=\"miit-kflxzxs\">"
				   + it.replace(" xmlns=\"urn:tiku:items:1\"", "") + "</items>")
	EOF
	tiku import -q one.xml &&
	tiku assemble --blueprint "$BPJ" --seed 5 -o p1.xml >/dev/null &&
	grep -q "$img" p1.xml &&
	tiku keygen --unencrypted -o centre >/dev/null &&
	mkdir elsewhere && cp p1.xml elsewhere/ &&
	tiku pack elsewhere/p1.xml --key centre.key -o pk >/dev/null &&
	test -s pk-key.zip && mkdir pk && (cd pk && unzip -q ../pk.zip) &&
	pdfimages -list pk/*.pdf | sed 1,2d | awk "{print \$9}" >enc &&
	echo jpeg >expect && test_cmp expect enc
'

test_expect_success 'the reader is deterministic: the same document, the same bytes' '
	export TIKU_BANK="$TRASH/again.db" &&
	tiku import -q "$STD" && tiku import -q --level 初级 "$D/word.docx" &&
	tiku export >again.xml && test_cmp "$D/word.expect.xml" again.xml
'
test_done
