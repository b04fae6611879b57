#!/bin/sh
# Items that do not fit their code or their level (issue 17, section 3):
# an item that copies the standard's description of a level asks what
# the standard says, not what its code requires; a stem at a higher level
# half or more like a lower level's repeats that level's content.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
R=$DATA/review

test_expect_success 'set up: the standard and the items' '
	tiku import -q "$S" "$R/words.xml" "$R/levels.xml"
'
test_expect_success 'an item that copies a level description is warned, naming the level' '
	tiku lint >out &&
	test_grep "words.xml:69: warning: item .w-copy.: the item copies the standard.s description of 初级 (\"初级需掌握独立完成客…\")" out
'
test_expect_success 'naming a law the standard lists is no copy of a level description' '
	! grep "w-law" out
'
test_expect_success 'a 高级 stem half like a 初级 one is warned on the 高级 item, with both places' '
	test_grep "levels.xml:13: warning: item .l-senior.: at 高级 it is [5-7][0-9]% like item .l-junior. of 初级 ($R/levels.xml:6)" out
'
test_expect_success 'basics are one requirement at every level: their repeats are left alone' '
	! grep "l-senior-basic" out
'
test_expect_success 'a stem on the same point but of its own level is left alone' '
	! grep "l-senior-other" out
'
test_expect_success 'lint of the items file alone finds the same' '
	tiku lint "$R/levels.xml" >out &&
	test_grep "item .l-senior.: at 高级 it is" out
'
test_expect_success 'the shipped bank: no item copies a level description or repeats a lower level' '
	tiku --bank kf.db import -q "$S" "$BANKS/miit-kflxzxs/glossary.xml" "$BANKS"/miit-kflxzxs/items/*/*.xml &&
	tiku --bank kf.db lint >out &&
	! grep "copies the standard" out &&
	! grep " like item " out
'
test_expect_success 'the shipped bank: the items the review named now fit their codes and levels' '
	tiku --bank kf.db show kf-i-t-1.4.3-03 >out && ! grep -q FABE out &&
	tiku --bank kf.db show kf-s-t-B2.2.1-03 >out && ! grep -q "评价标准" out &&
	tiku --bank kf.db show kf-s-t-3.2.1-01 >out && test_grep "跨部门" out &&
	tiku --bank kf.db show kf-i-t-B2.2.4-04 >out && test_grep "zh、ch、sh、r" out
'
test_done
