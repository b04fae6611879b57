#!/bin/sh
# The course handbook (讲义): tiku render COURSE -o HANDBOOK.pdf, read back
# with poppler's tools -- lessons, dialogues, call-outs, tables, practice,
# the mock exam and the answers; the contents' page numbers; the same
# bytes from the same course; bad lessons and images refused by file and
# line with nothing written.
. "$(dirname "$0")/lib.sh"

C=$DATA/course

# flat [OPTIONS] PDF: its text in reading order as one line without
# spaces, so that a check does not depend on how lines break or how
# pdftotext spaces columns
flat() {
	pdftotext -layout "$@" - | tr -d " \n\f" | sed "s/　//g"
}

test_expect_success 'setup: the test standard and the shop items' '
	tiku import -q "$DATA/std/mini.xml" "$C/barista-items.xml" "$C/shop-items.xml"
'
test_expect_success 'the shop course renders as a handbook, its fonts embedded' '
	tiku render "$C/shop" -o hb.pdf >out &&
	test_grep "^hb.pdf: [0-9]* pages$" out &&
	pages=$(sed "s/.*: \([0-9]*\) pages/\1/" out) &&
	pdfinfo hb.pdf >info &&
	test_grep "^Pages: *$pages$" info &&
	test_grep "Page size: *595.276 x 841.89 pts (A4)" info &&
	pdffonts hb.pdf >fonts &&
	test_grep "NotoSerifCJK.* yes yes yes" fonts &&
	test_grep "NotoSansCJK.* yes yes yes" fonts &&
	! grep " no " fonts
'
test_expect_success 'the title page: course, standard and level, hours, version' '
	flat -f 1 -l 1 hb.pdf >p1 &&
	test_grep "^咖啡店<script>window.__xss=1</script>五级培训讲义" p1 &&
	test_grep "职业标准：咖啡师（测试用标准）等级：五级总学时：10学时课程版本：2" p1
'
test_expect_success 'every page is numbered 第 X 页 共 N 页' '
	pages=$(pdfinfo hb.pdf | sed -n "s/^Pages: *//p") &&
	flat -f 1 -l 1 hb.pdf >first && test_grep "第1页共${pages}页$" first &&
	flat -f $pages -l $pages hb.pdf >last && test_grep "第${pages}页共${pages}页$" last &&
	pdftotext -layout hb.pdf - | tr -d " " | sed "s/　//g" >pages.txt &&
	test "$(grep -c "^第[0-9]*页共${pages}页$" pages.txt)" = "$pages"
'
test_expect_success 'the contents: modules, lessons with their hours, on the pages they start' '
	pdftotext -layout -f 2 -l 2 hb.pdf toc.txt &&
	test_grep "目 *录" toc.txt &&
	test_grep "第一单元 *基本要求" toc.txt &&
	test_grep "第2课 *基础知识（3学时）" toc.txt &&
	test_grep "模拟试卷" toc.txt && test_grep "参考答案" toc.txt &&
	for entry in "第1课" "第2课" "第3课" "第4课" "模拟试卷" "参考答案"; do
		pg=$(grep "^ *$entry" toc.txt | sed "s/.* \([0-9][0-9]*\) *$/\1/") &&
		test -n "$pg" &&
		flat -f $pg -l $pg hb.pdf >page &&
		test_grep "$entry" page || exit 1
	done &&
	flat -f 6 -l 6 hb.pdf | test_grep "第4课点单学时：2.5"
'
test_expect_success 'the lessons: text, headings, lists, the raw HTML left out' '
	flat hb.pdf >all &&
	test_grep "咖啡师的职业道德是做好服务的基础。本课讲诚实守信与爱岗敬业，另见基础知识。" all &&
	test_grep "食品安全与咖啡文化是咖啡师的基础知识。" all &&
	test_grep "1.生熟分开2.按时清洁" all &&
	test_grep "•粉量：约18克•时间：约25秒" all &&
	test_grep "萃取参数决定一杯意式浓缩的风味：粉量、研磨度、水温和时间。" all &&
	test_grep "正文里的window.__xss=1和<imgonerror=x>都只是文字。" all
'
test_expect_success 'the 话术: each turn, the speaker beside the words, in order' '
	pdftotext -layout hb.pdf all.txt &&
	grep -E "^ *(坐席|客户) " all.txt | sed "s/^ *//; s/  */ /" >turns &&
	cat >expect <<-\EOF &&
	坐席 您好，欢迎光临，请问喝点什么？
	客户 一杯拿铁，少糖。
	坐席 好的，一杯少糖拿铁，请稍等。
	EOF
	test_cmp expect turns
'
test_expect_success 'the call-outs with their labels and titles, the table by rows' '
	test_grep "要点两条守则诚实守信：不以次充好。爱岗敬业：不随意离岗。" all &&
	test_grep "注意过期原料一律不用。" all &&
	test_grep "案例流速过快一位新手把研磨调得太粗" all &&
	test_grep "^ *守则  *做法 *$" all.txt &&
	test_grep "^ *诚实守信  *足量出品 *$" all.txt &&
	test_grep "^ *爱岗敬业  *按时到岗 *$" all.txt
'
test_expect_success 'the image is in the PDF, with its alt text under it' '
	pdfimages -list hb.pdf >imgs &&
	test "$(grep -c " image " imgs)" = 1 &&
	test_grep "一袋咖啡豆" all
'
test_expect_success 'each lesson'"'"'s practice, numbered, stems and options' '
	test_grep "练习题1．页面把<script>window.__xss=1</script><imgsrc=xonerror=\"window.__xss=1\">当作" all &&
	test_grep "A．文字<bonmouseover=\"window.__xss=1\">B．脚本2．咖啡师的职业守则包括" all &&
	test_grep "A．诚实守信B．以次充好C．爱岗敬业D．随意离岗" all &&
	test_grep "3．一杯意式浓缩约用咖啡粉" all &&
	test_grep "4．简述接待顾客投诉时的三个步骤。" all &&
	test_grep "练习题1．关于点单，下列做法正确的是" all
'
test_expect_success 'the mock exam as a paper' '
	test_grep "咖啡师五级理论考试时间：30分钟满分：100分" all &&
	test_grep "一、单项选择题（共6题，每题10分，共60分）" all &&
	test_grep "二、判断题（共8题，每题5分，共40分）" all &&
	test_grep "14．" all
'
test_expect_success '参考答案: answers, blanks, the reference with its rubric, 解析' '
	sed "s/.*参考答案第1课/第1课/" all >answers &&
	test_grep "^第1课职业道德<script>window.__xss=1</script>1．答案：A解析：</script><script>window.__xss=1</script>也只是文字。2．答案：AC" answers &&
	test_grep "3．答案：（1）18或十八（2）25解析：常见参数为18克粉、25秒左右。" answers &&
	test_grep "4．参考答案：倾听、致歉、解决。评分标准：（2分）先耐心倾听（3分）致歉并提出解决办法" answers &&
	test_grep "5．答案：√解析：卫生应当按规范操作。" answers &&
	test_grep "第4课点单1．答案：A解析：点单要按规范操作。2．答案：×" answers &&
	test_grep "咖啡师五级理论参考答案及评分标准" answers &&
	test "$(grep -o "解析：" answers | wc -l)" -ge 28
'
test_expect_success 'the same course, bank and seeds give the same bytes' '
	tiku render "$C/shop" -o again.pdf >/dev/null &&
	cmp hb.pdf again.pdf &&
	SOURCE_DATE_EPOCH= TZ=Asia/Shanghai tiku render "$C/shop" -o tz.pdf >/dev/null &&
	cmp hb.pdf tz.pdf
'
test_expect_success '<script> in titles and items is text: the PDF stays whole' '
	pdfinfo hb.pdf >info && test_grep "^Title: *咖啡店 <script>window.__xss=1</script> 五级$" info &&
	test_grep "^Pages:" info &&
	! grep -i "javascript: *yes" info &&
	test "$(pdftotext hb.pdf - | grep -c "<script>window.__xss=1</script>")" -ge 5
'
test_expect_success '--a3: two pages to a sheet' '
	tiku render --a3 "$C/shop" -o a3.pdf >out &&
	pages=$(sed "s/.*: \([0-9]*\) pages/\1/" out) &&
	pdfinfo a3.pdf >info &&
	test_grep "Pages: *$(( (pages + 1) / 2 ))$" info &&
	test_grep "Page size: *1190.55 x 841.89 pts (A3)" info
'
test_expect_success 'a missing image: the lesson file and line, exit 3, no PDF' '
	cp -r "$C/shop" noimg && rm noimg/img/beans.png &&
	{ tiku render noimg -o noimg.pdf 2>err; test $? = 3; } &&
	test_grep "noimg/lessons/basics.md:5: image .\.\./img/beans.png. cannot be read" err &&
	! test -e noimg.pdf
'
test_expect_success 'an image that is not a PNG, or outside the course: refused by line' '
	cp -r "$C/shop" jpeg && printf "\377\330\377\340JFIF..............." >jpeg/img/beans.jpg &&
	sed -i "s/beans.png/beans.jpg/" jpeg/lessons/basics.md &&
	{ tiku render jpeg -o jpeg.pdf 2>err; rc=$?; test $rc = 3 || { echo "exit $rc"; cat err; false; }; } &&
	test_grep "jpeg/lessons/basics.md:5: image .\.\./img/beans.jpg. is not a PNG" err &&
	{ ! test -e jpeg.pdf || { echo "jpeg.pdf written"; false; }; } &&
	cp -r "$C/shop" outside &&
	sed -i "s#\.\./img/beans.png#../../../beans.png#" outside/lessons/basics.md &&
	{ tiku render outside -o outside.pdf 2>err; rc=$?; test $rc = 3 || { echo "exit $rc"; cat err; false; }; } &&
	test_grep "outside/lessons/basics.md:5: image .* is not a file inside the course folder" err &&
	{ ! test -e outside.pdf || { echo "outside.pdf written"; false; }; }
'
test_expect_success 'a lesson that cannot be read: course.xml and its line, exit 3, no PDF' '
	cp -r "$C/shop" nolesson && rm nolesson/lessons/order.md &&
	{ tiku render nolesson -o nolesson.pdf 2>err; test $? = 3; } &&
	test_grep "nolesson/course.xml:[0-9]*: lesson .order.: cannot read its body" err &&
	! test -e nolesson.pdf &&
	cp -r "$C/shop" badcall && printf "# 点单\n\n> [!提示]\n> 先问候。\n" >badcall/lessons/order.md &&
	{ tiku render badcall -o badcall.pdf 2>err; test $? = 3; } &&
	test_grep "badcall/lessons/order.md:3: unknown call-out" err &&
	! test -e badcall.pdf
'
test_expect_success 'a failed render leaves an earlier handbook as it was' '
	cp hb.pdf keep.pdf &&
	{ tiku render noimg -o keep.pdf 2>err; rc=$?; test $rc = 3 || { echo "exit $rc"; cat err; false; }; } &&
	cmp hb.pdf keep.pdf
'
test_expect_success 'an item that shows an image: needs --images, then prints it' '
	cat >img-item.xml <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<items xmlns="urn:tiku:items:1" standard="test-barista">
	  <item id="shop-img" type="single" level="五级" kind="theory" points="2" difficulty="2" status="approved">
	    <code>B2.1.1</code>
	    <stem><p>图中的咖啡豆是（　）。</p><img src="beans.png" alt="咖啡豆"/></stem>
	    <options><option key="A">熟豆</option><option key="B">生豆</option></options>
	    <answer>A</answer>
	  </item>
	</items>
	EOF
	tiku import -q img-item.xml &&
	cp -r "$C/shop" withimg &&
	sed -i "s#<item ref=\"shop-multi\"/>#<item ref=\"shop-img\"/>#" withimg/course.xml &&
	line=$(grep -n "shop-img" withimg/course.xml | cut -d: -f1) &&
	{ tiku render withimg -o withimg.pdf 2>err; test $? = 3; } &&
	test_grep "withimg/course.xml:$line: item .shop-img. shows an image: .*--images" err &&
	! test -e withimg.pdf &&
	tiku render --images "$C/shop/img" withimg -o withimg.pdf >/dev/null &&
	test "$(pdfimages -list withimg.pdf | grep -c " image ")" = 2
'
test_expect_code 2 'paper options are refused for a course' \
	'tiku render --key "$C/shop" -o x.pdf'
test_expect_code 2 'the output must be a PDF' \
	'tiku render "$C/shop" -o x.docx'
test_expect_code 2 'a course is rendered alone' \
	'tiku render "$C/shop" "$C/shop" -o x.pdf'
test_done
