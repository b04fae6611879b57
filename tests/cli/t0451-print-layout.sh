#!/bin/sh
# Printed papers: points per item, fill answers in keys, answer space,
# tables, on two fixed papers (tests/data/print): a theory paper whose
# 简答题 carry different points, and a skill paper with a dialogue table.
. "$(dirname "$0")/lib.sh"

P=$DATA/print

test_expect_success 'set up: the papers and keys' '
	for n in theory skill; do
		tiku render "$P/$n.xml" -o $n.pdf >/dev/null &&
		tiku render --key "$P/$n.xml" -o $n.key.pdf >/dev/null &&
		pdftotext -layout $n.pdf $n.txt &&
		pdftotext -layout $n.key.pdf $n.key.txt || exit 1
	done
'
test_expect_success 'a section whose items differ in points prints each item'"'"'s points' '
	tr -d " \n" <theory.txt >flat &&
	grep -q "五、简答题（共2题，共15分）" flat &&
	grep -q "先处理情绪、再处理问题’的做法。（5分）" flat &&
	grep -q "座席在实施中应当注意哪些问题？（10分）" flat &&
	test "$(grep -o "（[0-9]*分）" flat | wc -l)" = 2
'
test_expect_success 'sections of equal points do not repeat them per item' '
	grep -q "一、单项选择题（共10题，每题1分，共10分）" flat &&
	! grep -q "（1分）" flat && ! grep -q "（2分）" flat
'
test_expect_success 'the key writes fill answers as people write them, blanks numbered' '
	test_grep "21．答案：（1）61.00（或 61）；（2）14.00（或 14）" theory.key.txt &&
	test_grep "22．答案：FCR$" theory.key.txt &&
	! grep -q "|" theory.key.txt skill.key.txt &&
	tr -d " \n" <skill.key.txt | grep -q "参考答案：（1）61.00（或61）；（2）75.00（或75）；（3）10.25"
'
test_expect_success 'sub-questions and their answer lines are numbered （1）（2）' '
	tr -d " \n" <theory.txt | grep -q "（1）什么是首问负责制？（2）座席在实施中应当注意哪些问题？" &&
	test "$(grep -c "^ *（[12]） *$" theory.txt)" = 2
'
test_expect_success 'an answer space is not split across pages' '
	pages=$(pdfinfo theory.pdf | sed -n "s/^Pages: *//p") &&
	pdftotext -layout -f $pages -l $pages theory.pdf last.txt &&
	test "$(grep -c "^ *（[12]） *$" last.txt)" = 2 &&
	pdftotext -layout -f $((pages - 1)) -l $((pages - 1)) theory.pdf before.txt &&
	grep -q "24．" before.txt && ! grep -q "^ *（[12]） *$" before.txt
'
test_expect_success 'a table sets a short column whole: 座席 on one line, its words beside it' '
	test_grep "^ *角色 *内容 *$" skill.txt &&
	test_grep "^ *座席 *您好，2231号很高兴为您服务，请问有什么可以帮您？ *$" skill.txt &&
	test_grep "^ *客户 *我们小区能装500M吗？ *$" skill.txt &&
	! grep -q "^ *[座席客户] *$" skill.txt
'
test_expect_success 'dialogue in a table is set flush left, short entries centred' '
	pdftotext -bbox-layout skill.pdf skill.html &&
	python3 - skill.html <<-\EOF
	import re, sys
	s = open(sys.argv[1]).read()
	def x0(word):
	    m = re.search(r"<word xMin=\"([0-9.]*)\"[^>]*>" + word, s)
	    return float(m.group(1))
	# two lines of dialogue start at the same x; the roles 座席/客户 (short,
	# centred) do too, and the heading 内容 is centred over its column
	a, b = x0("您好，2231号"), x0("我们小区能装")
	assert abs(a - b) < 0.5, (a, b)
	assert x0("内容") > a + 100, (x0("内容"), a)
	EOF
'
test_expect_success 'the skill paper gives every task its points and suggested time' '
	test "$(grep -c "（本题[0-9.]*分，建议用时[0-9]*分钟）" skill.txt)" = 7
'
test_done
