#!/bin/sh
# Word papers and keys (tiku render -o X.docx), read by software we did
# not write: LibreOffice prints each to PDF (poppler reads its text and
# pages) and mammoth reads each document (tests/formats/docx.mjs).
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints
D=$DATA/docx-out
FMT=$ROOT/tests/formats
# a LibreOffice profile of this run's own, so that runs do not clash
LO="-env:UserInstallation=file://$TRASH/lo"

test_expect_success 'set up: the sample bank, a paper of each shipped blueprint' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/*/*.xml &&
	for b in "$BP"/*.xml; do
		n=$(basename "$b" .xml) &&
		tiku assemble --blueprint "$b" --seed 5 -o $n.xml >/dev/null || exit 1
	done &&
	cp "$D"/mixed.xml "$D"/*.png "$D"/*.jpg "$D"/*.gif . &&
	ls *.xml >papers && test $(wc -l <papers) = 7
'
test_expect_success 'every paper and its key as Word: one line each, the items written' '
	for x in $(cat papers); do
		n=${x%.xml}
		tiku render $x -o $n.docx >out || exit 1
		items=$(tiku run -e "local p = tiku.read_paper(\"$x\") local n = 0
			for _, s in ipairs(p.sections) do n = n + #s.items end print(n)")
		test_grep "^$n.docx: $items items$" out || exit 1
		case $n in
		*skill*|mixed) tiku render --key --explanations $x -o $n.key.docx ;;
		*) tiku render --key $x -o $n.key.docx ;;
		esac >/dev/null || exit 1
	done &&
	test $(ls *.docx | wc -l) = 14
'
test_expect_success 'a valid package: the parts Word needs, every XML part well-formed' '
	for f in junior-theory.docx mixed.docx mixed.key.docx; do
		unzip -Z1 $f | sort >parts &&
		for p in "[Content_Types].xml" _rels/.rels word/document.xml word/_rels/document.xml.rels \
			 word/styles.xml word/settings.xml word/tiku-footer.xml; do
			test_grep -qxF "$p" parts || exit 1
		done &&
		mkdir -p x/$f && (cd x/$f && unzip -q ../../$f) &&
		find x/$f -name "*.xml" -o -name "*.rels" | xargs xmllint --noout || exit 1
	done &&
	unzip -Z1 mixed.docx | test_grep -qxF word/numbering.xml &&
	test "$(unzip -Z1 mixed.docx | grep -c "^word/media/tiku-image[123]\.\(png\|jpeg\|gif\)$")" = 3
'
test_expect_success 'LibreOffice prints every document' '
	soffice "$LO" --headless --convert-to pdf --outdir pdf *.docx >lo.log 2>&1 &&
	test $(ls pdf/*.pdf | wc -l) = 14
'
for x in junior-theory intermediate-theory senior-theory junior-skill intermediate-skill \
	 senior-skill mixed; do
	test_expect_success "$x: mammoth reads it without a warning; every stem and option in order in print, 第X页 共N页" "
		node '$FMT/docx.mjs' $x.xml paper $x.docx pdf/$x.pdf >check &&
		test_grep '0 failed' check
	"
	case $x in *skill*|mixed) m=key+explanations ;; *) m=key ;; esac
	test_expect_success "$x key: every answer as people write it, rubrics, no storage syntax" "
		node '$FMT/docx.mjs' $x.xml $m $x.key.docx pdf/$x.key.pdf >check &&
		test_grep '0 failed' check
	"
done
test_expect_success 'the key writes fill answers as people do: 2（或 2.0）, numbered blanks' '
	pdftotext pdf/mixed.key.pdf - | tr -d " \n" >key.txt &&
	test_grep -q "（1）2（或2.0）；（2）1.20（或1.2）" key.txt &&
	! grep -q "|" key.txt
'
test_expect_success 'mixed points: each item its own; true/false with （　）; an empty section not printed' '
	pdftotext -layout pdf/mixed.pdf - | tr -d " " >mixed.txt &&
	test_grep "5．（10分）一份浓缩咖啡" mixed.txt &&
	test_grep "6．（20分）顾客投诉拿铁" mixed.txt &&
	test_grep "一、单项选择题（共2题，每题10分，共20分）" mixed.txt &&
	test_grep "二、判断题" mixed.txt && test_grep "三、计算与简答（共2题，共30分）" mixed.txt &&
	! grep -q "多项选择题" mixed.txt &&
	test_grep "研磨度与萃取时间无关。（　*）" mixed.txt &&
	test_grep "题号一二三总分" mixed.txt &&
	test_grep "得分" mixed.txt && test_grep "评分人" mixed.txt && test_grep "复核人" mixed.txt
'
test_expect_success 'the 注意事项 of a Word paper, which has no seal line, do not name the 标封' '
	test_grep "请首先在试卷首页填写您的姓名" mixed.txt &&
	! grep -q "标封" mixed.txt
'
test_expect_success 'the stem table is a Word table, its columns as wide as their contents' '
	unzip -p mixed.docx word/document.xml >doc.xml &&
	grep -o "<w:tblGrid>[^t]*</w:tblGrid>" doc.xml | sed -n 3p | grep -o "w:w=\"[0-9]*\"" |
		tr -dc "0-9\n" >cols &&
	test $(wc -l <cols) = 3 &&
	c1=$(sed -n 1p cols) c2=$(sed -n 2p cols) c3=$(sed -n 3p cols) &&
	test "$c3" -gt "$c2" && test "$c1" -gt "$c2" && test $((c1 + c2 + c3)) -lt 6000
'
test_expect_success 'fonts only in named styles: 宋体 body, 黑体 headings, eastAsia set; none on the text' '
	unzip -p mixed.docx word/styles.xml >styles.xml &&
	for s in 试卷标题 大题标题 试题 选项 答案 评分标准 解析 注意事项; do
		test_grep -q "<w:name w:val=\"$s\"/>" styles.xml || exit 1
	done &&
	grep -o "<w:style [^>]*w:styleId=\"TikuItem\".*" styles.xml | sed "s|</w:style>.*||" |
		test_grep -q "w:eastAsia=\"宋体\"" &&
	grep -o "<w:style [^>]*w:styleId=\"TikuSection\".*" styles.xml | sed "s|</w:style>.*||" |
		test_grep -q "w:eastAsia=\"黑体\"" &&
	! grep -q "<w:rFonts" doc.xml && ! grep -q "<w:sz " doc.xml &&
	unzip -p mixed.docx word/tiku-footer.xml | test_grep -q "PAGE.*NUMPAGES"
'
test_expect_success '--font names the body font of the styles' '
	tiku render --font "仿宋" mixed.xml -o font.docx >/dev/null &&
	unzip -p font.docx word/styles.xml |
		grep -o "<w:style [^>]*w:styleId=\"TikuItem\".*" | sed "s|</w:style>.*||" |
		test_grep -q "w:eastAsia=\"仿宋\""
'
test_done
