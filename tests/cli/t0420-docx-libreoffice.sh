#!/bin/sh
# Word documents made by another program: LibreOffice turns the banks of
# tests/data/docx/*.html (numbered lists, answers in the stems' brackets,
# options several to a line, full-width marks, a picture, a table; or an
# answer section at the end) into .docx, and tiku imports them -- every
# item field by field, the picture stored in the bank and printed, carried
# by the Moodle and QTI exports.
. "$(dirname "$0")/lib.sh"

D=$DATA/docx
STD=$BANKS/miit-kflxzxs/standard.xml
BP=$BANKS/miit-kflxzxs/blueprints/junior-theory.xml

# lo_docx FILE.html...: LibreOffice makes FILE.docx of each here, with a
# profile of its own (no user's settings, no clash with another soffice)
lo_docx() {
	soffice -env:UserInstallation="file://$TRASH/lo-profile" --headless \
		--convert-to 'docx:MS Word 2007 XML' --outdir "$TRASH" "$@" >lo.log 2>&1 || {
		cat lo.log; return 1; }
	for f in "$@"; do
		test -s "$TRASH/$(basename "$f" .html).docx" || { cat lo.log; return 1; }
	done
}

# the bank's items as XML, a stored picture's name made IMAGE.png
items() {
	tiku export | sed 's/src="[0-9a-f]\{64\}\.png"/src="IMAGE.png"/'
}

test_expect_success 'set up: LibreOffice makes the two documents' '
	lo_docx "$D/teacher.html" "$D/key.html" &&
	# made the way Word makes them: the numbers are list numbering, not text
	unzip -p teacher.docx word/document.xml >doc.xml &&
	test_grep -q "<w:numPr>" doc.xml &&
	grep -o "<w:t[^>]*>[^<]*客户来电时" doc.xml >run && test_grep -q ">客户来电时" run &&
	unzip -l teacher.docx >list && test_grep -q "word/media/" list &&
	tiku import -q "$STD"
'

test_expect_success 'answers in brackets: every item and field as the document says' '
	tiku import --level 初级 teacher.docx >out &&
	test_grep "teacher.docx: 7 items: 7 added, 0 changed, 0 unchanged" out &&
	items >actual &&
	test_cmp "$D/teacher.expect.xml" actual
'

test_expect_success 'the picture is stored in the bank under the SHA-256 of its bytes' '
	unzip -p teacher.docx "word/media/*" >pic &&
	name=$(sha256sum pic | cut -c1-64).png &&
	sqlite3 "$TIKU_BANK" "SELECT name || \" \" || type FROM image" >actual &&
	echo "$name png" >expect && test_cmp expect actual &&
	sqlite3 "$TIKU_BANK" "SELECT hex(data) FROM image" >stored &&
	od -An -v -tx1 pic | tr -d " \\n" | tr a-f A-F >want && echo >>want &&
	test_cmp want stored &&
	tiku export | test_grep -q "<img src=\"$name\" width=\"24\"/>"
'

test_expect_success 're-importing the document changes nothing' '
	before=$(bank_sum) &&
	tiku import --level 初级 teacher.docx >out &&
	test_grep "0 added, 0 changed, 7 unchanged" out &&
	test "$(bank_sum)" = "$before" &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM image")" = 1
'

test_expect_success 'an item with 编号 edited in the document is a new version' '
	sed "s/首问负责制是服务规范。/首问负责制是客户服务的基本规范。/" "$D/teacher.html" >teacher2.html &&
	lo_docx teacher2.html &&
	tiku import --level 初级 teacher2.docx >out &&
	test_grep "0 added, 1 changed, 6 unchanged" out &&
	sqlite3 "$TIKU_BANK" "SELECT version FROM item WHERE id = \"kf-fill-001\";
		SELECT count(*) FROM item_history WHERE id = \"kf-fill-001\"" >actual &&
	printf "2\n1\n" >expect && test_cmp expect actual &&
	tiku export --status draft | test_grep -q "首问负责制是客户服务的基本规范。"
'

test_expect_success 'an answer section at the end, numbers starting again in each section' '
	TIKU_BANK="$TRASH/key.db" tiku import -q "$STD" &&
	TIKU_BANK="$TRASH/key.db" tiku import --level 初级 key.docx >out &&
	test_grep "key.docx: 4 items: 4 added" out &&
	TIKU_BANK="$TRASH/key.db" items >actual &&
	test_cmp "$D/key.expect.xml" actual
'

test_expect_success 'the picture and the table print in a paper rendered away from any folder' '
	export TIKU_BANK="$TRASH/paper.db" &&
	tiku import -q "$STD" &&
	tiku import -q --level 初级 --status approved teacher.docx &&
	pic=$(tiku search 如图所示 | cut -d" " -f1) &&
	tab=$(tiku search 根据下表 | cut -d" " -f1) &&
	tiku paper new p --blueprint "$BP" --title 练习 >/dev/null &&
	tiku paper add p $pic $tab >/dev/null &&
	tiku paper export p -o p.xml &&
	mkdir away && cd away &&
	tiku render ../p.xml -o p.pdf >out &&
	pdfimages -list p.pdf >list &&
	test "$(sed 1,2d list | wc -l)" = 1 &&
	sed 1,2d list | awk "{print \$4 \"x\" \$5}" >size && echo 24x16 >expect && test_cmp expect size &&
	pdftotext p.pdf - | tr -d " \\n" >text &&
	test_grep -q "如图所示，坐席佩戴的设备是" text &&
	test_grep -q "渠道投诉量电话120在线30" text
'

test_expect_success 'Moodle XML and QTI 2.1 exports carry the stored picture' '
	name=$(sha256sum pic | cut -c1-64).png &&
	tiku export --format moodle -o m.xml 2>warn &&
	test_grep -q "<file name=\"$name\" path=\"/\" encoding=\"base64\">" m.xml &&
	tiku export --format qti21 -o q.zip 2>warn &&
	unzip -l q.zip >list && test_grep -q "media/" list &&
	entry=$(sed -n "s|.* \\(media/[^ ]*\\.png\\)\$|\\1|p" list) &&
	unzip -p q.zip "$entry" | cmp - pic
'
test_done
