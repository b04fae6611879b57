#!/bin/sh
# The plain-text layout, answers not beside the items: inside the stem's
# bracket ("（ B ）", "（√）", "（×）": taken out, the （　） left) and in an
# answer section after the items ("参考答案" then "1.B 2.AC 3.√", per
# section or for all, "1-2 BA" ranges, 解析 and 难度 lines there).  Every
# item checked field by field against the file; bad answers refused with
# their lines, nothing imported.
. "$(dirname "$0")/lib.sh"

I=$DATA/import
STD=$BANKS/miit-kflxzxs/standard.xml

# fresh NAME: a bank of its own holding the standard
fresh() {
	export TIKU_BANK="$TRASH/$1.db"
	tiku import -q "$STD"
}

test_expect_success 'answers in the stems: brackets emptied, the answer taken' '
	fresh stem &&
	tiku import --level 初级 "$I/answers-stem.txt" >out &&
	test_grep "7 items: 7 added" out &&
	tiku export >actual &&
	test_cmp "$I/answers-stem.expect.xml" actual
'

test_expect_success 'a bracket that is not the answer (答案 says otherwise) stays in the stem' '
	fresh stem &&
	tiku export >all.xml &&
	test_grep -q "<stem>在维生素（C）的宣传中，坐席应当（　）。</stem>" all.xml &&
	! grep -q "（ A ）\|（ABC）\|（×）\|（ √ ）\|(B)" all.xml
'

test_expect_success 'an answer section at the end, under the sections'"'"' headings' '
	fresh key &&
	tiku import --level 初级 "$I/answers-key.txt" >out &&
	test_grep "8 items: 8 added" out &&
	tiku export >actual &&
	test_cmp "$I/answers-key.expect.xml" actual
'

test_expect_success '参考答案：1.B 2.AC 3.√ on one line' '
	fresh oneline &&
	tiku import --level 初级 "$I/answers-oneline.txt" >out &&
	test_grep "3 items: 3 added" out &&
	tiku export >actual &&
	test_cmp "$I/answers-oneline.expect.xml" actual
'

test_expect_success 'an answer section after each section' '
	fresh sections &&
	tiku import --level 初级 "$I/answers-sections.txt" >out &&
	test_grep "4 items: 4 added" out &&
	tiku export >actual &&
	test_cmp "$I/answers-sections.expect.xml" actual
'

test_expect_success 're-importing changes nothing' '
	fresh key && before=$(bank_sum) &&
	tiku import --level 初级 "$I/answers-key.txt" >out &&
	test_grep "0 added, 0 changed, 8 unchanged" out &&
	test "$(bank_sum)" = "$before"
'

test_expect_success 'bad answers: each named with its line, nothing imported' '
	fresh bad && before=$(bank_sum) &&
	test_expect_code_3() { "$@"; test $? = 3; } &&
	test_expect_code_3 tiku import --level 初级 "$I/answers-bad.txt" 2>err &&
	test_grep "answers-bad.txt:2: error: item 1: 答案 .A. on line 4, but the answer section gives .B. (line 13)" err &&
	test_grep "answers-bad.txt:6: error: item 2: no 答案 (answer)" err &&
	test_grep "answers-bad.txt:14: error: .2-3 ABC.: a range of answers gives one answer for each number" err &&
	test_grep "answers-bad.txt:13: warning: the answer section answers 9, but no item 9 comes before it" err &&
	test_grep "nothing imported: 4 errors" err &&
	test "$(bank_sum)" = "$before"
'

test_expect_success 'the layout is documented in tiku help import' '
	tiku help import >help &&
	test_grep -q "（√）" help && test_grep -q "参考答案：1.B 2.AC 3.√" help &&
	test_grep -q "知识点 or 代码" help && test_grep -q "docx" help
'
test_done
