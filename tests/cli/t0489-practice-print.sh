#!/bin/sh
# A practice paper printed (#16 §3): the class header -- the teacher's
# title line, 班级 and 日期, blanks for 姓名 and 学号 -- and none of the
# exam's fields (准考证号, 考点, 标封), in the PDF as poppler reads it and
# in the Word document as LibreOffice prints it.  Bad inputs: a date that
# is no date, a class on an official paper, a seal line on a practice one.
. "$(dirname "$0")/lib.sh"

P=$DATA/practice
MIIT=$BANKS/miit-kflxzxs
LO="-env:UserInstallation=file://$TRASH/lo"

test_expect_success 'setup: a practice paper and an official one, of two standards' '
	tiku import -q "$MIIT/standard.xml" "$MIIT"/items/junior/*.xml &&
	tiku assemble --blueprint "$P/junior-30.xml" --seed 3 -o p.xml 2>/dev/null &&
	tiku assemble --blueprint "$MIIT/blueprints/junior-theory.xml" --seed 1 -o off.xml 2>/dev/null &&
	tiku --bank mini.db import -q "$DATA/std/mini.xml" "$DATA/papers/mini-items.xml" &&
	tiku --bank mini.db assemble --blueprint "$P/mini-30.xml" --seed 1 -o m.xml 2>/dev/null
'
test_expect_success 'PDF: the class header, the teacher.s title line, no exam fields' '
	tiku render p.xml --class "高二(3)班" --date 2026-12-07 --title "第三周随堂练习" -o p.pdf >out &&
	test_grep "^p.pdf: [0-9]* pages$" out &&
	pdftotext p.pdf p.txt &&
	test_grep "第三周随堂练习" p.txt &&
	test_grep "班级：高二(3)班" p.txt &&
	test_grep "日期：2026年12月7日" p.txt &&
	test_grep "时间：30分钟" p.txt && test_grep "满分：30分" p.txt &&
	test_grep "姓名：" p.txt && test_grep "学号：" p.txt &&
	test_grep "请首先在试卷首页填写您的姓名和学号" p.txt &&
	! grep -q "准考证号\|考点\|标封\|考试时间\|批次" p.txt &&
	! grep -q "初级理论随堂练习" p.txt
'
test_expect_success 'PDF: without class and date, blanks for them to fill in' '
	tiku render p.xml --no-log -o blank.pdf >/dev/null &&
	pdftotext -layout blank.pdf - | sed -n 1,6p >head.txt &&
	test_grep "初级理论随堂练习" head.txt &&
	test_grep "班级： *日期： *姓名： *学号：" head.txt &&
	! grep -q "准考证号\|考点" head.txt
'
test_expect_success 'the official paper keeps the exam header' '
	tiku render off.xml -o off.pdf >/dev/null &&
	pdftotext off.pdf off.txt &&
	test_grep "准考证号" off.txt && test_grep "考点" off.txt && test_grep "考试时间：90分钟" off.txt &&
	! grep -q "班级\|学号" off.txt
'
test_expect_success 'the key of a practice paper: the class line, no blanks' '
	tiku render p.xml --key --class "高二(3)班" -o k.pdf >/dev/null &&
	pdftotext k.pdf k.txt &&
	test_grep "参考答案" k.txt && test_grep "班级：高二(3)班" k.txt &&
	! grep -q "姓名\|学号\|准考证号" k.txt
'
test_expect_success 'the same paper and options, the same bytes' '
	tiku render p.xml --class "高二(3)班" --date 2026-12-07 --title "第三周随堂练习" -o p2.pdf >/dev/null &&
	cmp p.pdf p2.pdf
'
test_expect_success 'second standard: the class header too' '
	tiku --bank mini.db render m.xml --class "咖啡一班" --date 2027-01-04 -o m.pdf >/dev/null &&
	pdftotext m.pdf m.txt &&
	test_grep "咖啡师五级小测" m.txt && test_grep "班级：咖啡一班" m.txt &&
	test_grep "日期：2027年1月4日" m.txt && ! grep -q "准考证号\|考点" m.txt
'
test_expect_success 'Word: the same header, as LibreOffice prints it' '
	tiku render p.xml --class "高二(3)班" --date 2026-12-07 --title "第三周随堂练习" -o p.docx >out &&
	test_grep "^p.docx: 30 items$" out &&
	soffice "$LO" --headless --convert-to pdf --outdir lo p.docx >lo.log 2>&1 &&
	pdftotext lo/p.pdf w.txt &&
	test_grep "第三周随堂练习" w.txt &&
	test_grep "班级：高二(3)班" w.txt &&
	test_grep "日期：2026 *年 *12 *月 *7 *日" w.txt &&
	test_grep "姓名：" w.txt && test_grep "学号：" w.txt &&
	! grep -q "准考证号\|考点\|标封\|批次" w.txt &&
	unzip -p p.docx word/header1.xml word/header2.xml word/header3.xml docProps/core.xml 2>/dev/null |
		grep -q "第三周随堂练习"
'
test_expect_success 'bad date: a usage error naming it, nothing written' '
	for d in 2026-02-30 2026-13-01 26-12-07 2026/12/07 tomorrow; do
		{ tiku render p.xml --date "$d" -o bad.pdf 2>err; test $? = 2; } || exit 1
		test_grep "tiku render: --date .$d.: a date is written YYYY-MM-DD (2026-12-07)" err || exit 1
		test ! -e bad.pdf || exit 1
	done
'
test_expect_success 'a class, date or title on an official paper: refused, nothing written' '
	{ tiku render off.xml --class "高二(3)班" -o bad.pdf 2>err; test $? = 3; } &&
	test_grep "off.xml: paper .miit-junior-theory-1. is official: a class, date or title line goes on a practice paper" err &&
	{ tiku render off.xml --title 练习 -o bad.docx 2>err; test $? = 3; } &&
	test_grep "is official" err &&
	test ! -e bad.pdf && test ! -e bad.docx
'
test_expect_success 'a seal line (标封) on a practice paper: refused; on an official one as before' '
	{ tiku render p.xml --seal-line -o bad.pdf 2>err; test $? = 3; } &&
	test_grep "p.xml: paper .junior-quiz-30-3. is a practice paper: it has no seal line (标封), which is for exams" err &&
	test ! -e bad.pdf &&
	tiku render off.xml --seal-line -o seal.pdf >/dev/null && pdftotext seal.pdf - | grep -q "标封"
'
test_expect_success 'a practice paper among official ones (--combined) with a class: refused whole' '
	{ tiku render p.xml off.xml --combined --class "高二(3)班" -o all.pdf 2>err; test $? = 3; } &&
	test_grep "is official" err && test ! -e all.pdf
'
test_done
