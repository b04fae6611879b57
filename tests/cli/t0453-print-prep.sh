#!/bin/sh
# The 准备通知单 (render --prep): what the site prepares for a skill paper,
# from its items' <materials>; and materials as items carry them.
. "$(dirname "$0")/lib.sh"

P=$DATA/print

test_expect_success 'the notice lists each need once, with the items that need it' '
	tiku render --prep "$P/skill.xml" -o prep.pdf >out &&
	test_grep "^prep.pdf: 1 page$" out &&
	pdftotext -layout prep.pdf prep.txt &&
	test_grep "准备通知单" prep.txt &&
	test_grep "^一、场地与机考环境" prep.txt &&
	test_grep "^二、设备" prep.txt && test_grep "^三、材料" prep.txt &&
	test_grep "序号 *名称及要求 *数量 *用于试题 *核对" prep.txt &&
	test_grep "1 *机考系统：考生账号已开通，本题已导入 *1、5、6$" prep.txt &&
	test_grep "1 *计算机（装有电子表格软件） *每人1台 *1、5$" prep.txt &&
	test_grep "2 *耳机（用于收听通话录音） *每人1副 *6$" prep.txt &&
	test_grep "1 *营销活动方案模板（电子版，放在考生桌面） *每人1份 *5$" prep.txt &&
	test "$(grep -c "机考系统" prep.txt)" = 1 &&
	test_grep "准备人签字" prep.txt &&
	test_grep "试卷编号 miit-intermediate-skill-2 *种子 2 *准备通知单" prep.txt
'
test_expect_success 'the item numbers are the paper'"'"'s' '
	tiku render "$P/skill.xml" -o paper.pdf >/dev/null &&
	pdftotext -layout paper.pdf - | tr -d " \n" >flat &&
	grep -q "5．某电商平台会员中心" flat &&
	grep -q "6．你在监听初级座席小郑的通话" flat
'
test_expect_success 'a paper whose items need nothing says so under each head' '
	tiku render --prep "$P/theory.xml" -o none.pdf >/dev/null &&
	pdftotext -layout none.pdf none.txt &&
	test "$(grep -c "本试卷各题未要求准备。" none.txt)" = 3
'
test_expect_success 'the same paper gives the same bytes' '
	tiku render --prep "$P/skill.xml" -o again.pdf >/dev/null &&
	cmp prep.pdf again.pdf
'
test_expect_success '--each writes NAME.prep.pdf' '
	cp "$P/skill.xml" s.xml &&
	tiku render --prep --each s.xml -o dir >/dev/null &&
	test -s dir/s.prep.pdf && cmp dir/s.prep.pdf prep.pdf
'
test_expect_code 2 '--key or --prep, not both' 'tiku render --key --prep "$P/skill.xml" -o x.pdf'
test_expect_success 'the help says what --prep prints' '
	tiku render --help >help &&
	test_grep -- "--prep" help && test_grep "准备通知单" help
'
test_expect_success 'materials: imported, stored, exported and read back the same' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" &&
	cat >items.xml <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<items xmlns="urn:tiku:items:1" standard="miit-kflxzxs">
	  <item id="m-1" type="task" level="intermediate" kind="skill" points="10" difficulty="3" status="approved">
	    <code>1.2.1</code>
	    <stem><p>按要求完成客户档案表。</p></stem>
	    <answer><p>略。</p></answer>
	    <rubric><criterion points="10">档案完整。</criterion></rubric>
	    <materials>
	      <site>机考系统</site>
	      <equipment quantity="每人1台">计算机</equipment>
	      <material>客户档案模板 &amp; 说明</material>
	    </materials>
	  </item>
	</items>
	EOF
	tiku import -q items.xml &&
	tiku export -o out.xml &&
	grep -A4 "<materials>" out.xml >got &&
	grep -A4 "<materials>" items.xml | sed "s/^	//" >want &&
	test_cmp want got &&
	cat >m.lua <<-\EOF &&
	local bank = tiku.open()
	local it = bank:get("m-1")
	for _, m in ipairs(it.materials) do print(m.kind, m.text, m.quantity) end
	EOF
	tiku run m.lua >lua.out &&
	printf "site\t机考系统\tnil\nequipment\t计算机\t每人1台\nmaterial\t客户档案模板 & 说明\tnil\n" >expect &&
	test_cmp expect lua.out
'
test_expect_success 'an unknown kind of material is refused with its file and line' '
	sed "s/<site>机考系统<\/site>/<tool>耳麦<\/tool>/" items.xml >bad.xml &&
	{ tiku import bad.xml 2>err; test $? = 3; } &&
	test_grep "bad.xml:[0-9]" err
'
test_done
