#!/bin/sh
# Word papers: what render refuses (an output it cannot write, a template
# that is no Word document, options that are for PDF), with nothing
# written; and the same paper giving the same bytes.
. "$(dirname "$0")/lib.sh"

D=$DATA/docx-out

test_expect_success 'set up: a paper and its images' '
	cp "$D"/mixed.xml "$D"/*.png "$D"/*.jpg "$D"/*.gif .
'
test_expect_code 2 'an output neither .pdf nor .docx: a usage error' \
	'tiku render mixed.xml -o paper.odt'
test_expect_success 'the usage error names the two formats; nothing written' '
	{ tiku render mixed.xml -o paper.odt 2>err; test $? = 2; } &&
	test_grep "paper.odt" err && test_grep "\.pdf" err && test_grep "\.docx" err &&
	{ tiku render mixed.xml -o paper 2>err; test $? = 2; } &&
	test_grep "\.docx" err &&
	test "$(ls)" = "$(printf "chart.png\nerr\nlogo.gif\nmixed.xml\nroute.jpg")"
'
test_expect_success 'a template that is not a zip: exit 3, named, nothing written' '
	echo "not a Word document" >notzip.docx &&
	{ tiku render mixed.xml --template notzip.docx -o a.docx 2>err; test $? = 3; } &&
	test_grep "notzip.docx: not a Word document (.docx) to take as the template" err &&
	! test -e a.docx
'
test_expect_success 'a template that is a zip with no document in it: exit 3, nothing written' '
	mkdir nodoc && echo hello >nodoc/readme.txt && (cd nodoc && zip -q ../nodoc.docx readme.txt) &&
	{ tiku render mixed.xml --template nodoc.docx -o b.docx 2>err; test $? = 3; } &&
	test_grep "nodoc.docx: .*no main document (word/document.xml)" err &&
	! test -e b.docx
'
test_expect_success 'a template whose document is not WordprocessingML: exit 3, nothing written' '
	mkdir -p bad/word && echo "<html/>" >bad/word/document.xml &&
	(cd bad && zip -qr ../bad.docx word) &&
	{ tiku render mixed.xml --template bad.docx -o c.docx 2>err; test $? = 3; } &&
	test_grep "bad.docx: .*not a WordprocessingML document" err &&
	printf "<w:document xmlns:w=\"x\"" >bad/word/document.xml &&
	rm bad.docx && (cd bad && zip -qr ../bad.docx word) &&
	{ tiku render mixed.xml --template bad.docx -o c.docx 2>err; test $? = 3; } &&
	! test -e c.docx
'
test_expect_success 'a missing template: exit 3' '
	{ tiku render mixed.xml --template none.docx -o d.docx 2>err; test $? = 3; } &&
	test_grep "none.docx" err && ! test -e d.docx
'
test_expect_code 2 '--template goes with a .docx output' \
	'tiku render mixed.xml --template x.docx -o paper.pdf'
test_expect_code 2 '--a3 is for PDF' 'tiku render mixed.xml --a3 -o paper.docx'
test_expect_code 2 '--seal-line is for PDF' 'tiku render mixed.xml --seal-line -o paper.docx'
test_expect_code 2 'one paper to a Word document' \
	'tiku render mixed.xml mixed.xml --combined -o all.docx'
test_expect_success 'an image that is missing: exit 3 naming the item, nothing written' '
	mkdir elsewhere && cp mixed.xml elsewhere/ &&
	{ tiku render elsewhere/mixed.xml -o elsewhere/p.docx 2>err; test $? = 3; } &&
	test_grep "item .w1. shows image .chart.png." err &&
	! test -e elsewhere/p.docx &&
	tiku render --images . elsewhere/mixed.xml -o elsewhere/p.docx >/dev/null &&
	tiku render mixed.xml -o here.docx >/dev/null && cmp here.docx elsewhere/p.docx
'
test_expect_success 'an image that is no image: exit 3 naming it' '
	mkdir fake && cp mixed.xml route.jpg logo.gif fake/ && echo "not a png" >fake/chart.png &&
	{ tiku render fake/mixed.xml -o fake/p.docx 2>err; test $? = 3; } &&
	test_grep "chart.png.*not a PNG, JPEG, GIF or WebP" err && ! test -e fake/p.docx
'
test_expect_success 'an output that cannot be written: a clear error, no half file' '
	mkdir -p ro/paper.docx &&
	{ tiku render mixed.xml -o ro/paper.docx 2>err; test $? -ne 0; } &&
	test_grep "ro/paper.docx: cannot write" err && test "$(ls ro/paper.docx)" = ""
'
test_expect_success 'the same paper gives the same bytes, in any time zone, key and template too' '
	tiku render mixed.xml -o one.docx >/dev/null &&
	TZ=Asia/Shanghai tiku render mixed.xml -o two.docx >/dev/null &&
	cmp one.docx two.docx &&
	tiku render --key --explanations mixed.xml -o k1.docx >/dev/null &&
	tiku render --key --explanations mixed.xml -o k2.docx >/dev/null &&
	cmp k1.docx k2.docx &&
	tiku render mixed.xml --template one.docx -o t1.docx >/dev/null &&
	TZ=America/New_York tiku render mixed.xml --template one.docx -o t2.docx >/dev/null &&
	cmp t1.docx t2.docx
'
test_expect_success 'the help tells of Word and --template' '
	tiku help render >help &&
	test_grep "\-\-template T.docx" help && test_grep "PAPER.docx" help
'
test_done
