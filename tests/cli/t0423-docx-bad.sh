#!/bin/sh
# Word documents that must not import: not a zip, no word/document.xml,
# an item with no answer anywhere (named by its paragraph), hostile zips
# (a path leading up, a bomb), a picture tiku cannot keep.  Each exits 3
# with its reason and leaves the bank as it was.
. "$(dirname "$0")/lib.sh"

D=$DATA/docx
MK=$ROOT/tests/tools/mkdocx.py

# refused FILE PATTERN: import exits 3, says PATTERN, changes nothing
refused() {
	before=$(bank_sum)
	images=$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM image")
	tiku import --level 初级 "$1" >out 2>err
	rc=$?
	if [ "$rc" != 3 ]; then
		echo "exit $rc, not 3"; cat out err; return 1
	fi
	test_grep "$2" err &&
	test_grep -q "nothing imported" err &&
	test "$(bank_sum)" = "$before" &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM image")" = "$images"
}

test_expect_success 'set up: the standard and one good document' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" &&
	tiku import -q --level 初级 "$D/word.docx"
'

test_expect_success 'a file that is not a zip' '
	printf "1. 这不是 Word 文档\n答案：A\n" >text.docx &&
	refused text.docx "^text.docx: error: not a Word document (.docx): "
'

test_expect_success 'a zip with no word/document.xml' '
	python3 "$MK" nodoc nodoc.docx &&
	refused nodoc.docx "^nodoc.docx: error: not a Word document (.docx): it has no word/document.xml"
'

test_expect_success 'an item with no answer anywhere is named by its paragraph' '
	refused "$D/noanswer.docx" \
		"^.*noanswer.docx: paragraph 6: error: item 2: no 答案 (answer)$" &&
	test "$(grep -c "error:" err)" = 1
'

test_expect_success '--partial keeps the good items of that document' '
	tiku import --partial --level 初级 "$D/noanswer.docx" >out 2>err &&
	test_grep "1 items rejected" out &&
	tiku search 坐席接听电话时应当使用 >found && test "$(wc -l <found)" = 1
'

test_expect_success 'a zip with a path leading up' '
	python3 "$MK" hostile hostile.docx &&
	unzip -l hostile.docx >list && test_grep -q "\.\./\.\./evil.xml" list &&
	refused hostile.docx "^hostile.docx: error: not a Word document (.docx): " &&
	test ! -e ../evil.xml && test ! -e ../../evil.xml
'

test_expect_success 'a zip bomb: a document that unpacks a thousandfold' '
	python3 "$MK" bomb bomb.docx &&
	test "$(wc -c <bomb.docx)" -lt 400000 &&
	refused bomb.docx "^bomb.docx: error: not a Word document (.docx): "
'

test_expect_success 'a document whose XML is broken names the part' '
	python3 - "$D/word.docx" broken.docx <<-\EOF &&
	import sys, zipfile
	src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
	for i in src.infolist():
	    data = src.read(i.filename)
	    if i.filename == "word/document.xml":
	        data = data.replace(b"</w:body>", b"</w:bod>")
	    dst.writestr(i, data)
	dst.close()
	EOF
	refused broken.docx "^broken.docx: error: word/document.xml:[0-9]*: not well-formed XML"
'

test_expect_success 'a picture tiku cannot keep (not PNG or JPEG) refuses its item' '
	python3 - "$D/word.docx" gif.docx <<-\EOF &&
	import sys, zipfile
	src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
	for i in src.infolist():
	    data = src.read(i.filename)
	    if i.filename == "word/media/image1.jpeg":
	        data = b"GIF89a" + data[6:]
	    dst.writestr(i, data)
	dst.close()
	EOF
	refused gif.docx "^gif.docx: paragraph 10: error: item 2: the picture .word/media/image1.jpeg. is not PNG or JPEG"
'
test_done
