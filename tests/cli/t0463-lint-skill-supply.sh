#!/bin/sh
# Two parallel skill forms that share no item need two items of every
# skill code (issue 17, section 3: 中级 skill 1.3.1 had none).  Lint warns
# for each skill code with fewer, at the standard's line of the code, in
# a bank that writes skill items for that level.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
R=$DATA/review

test_expect_success 'set up: the standard and 初级 skill items' '
	tiku import -q "$S" "$R/skill.xml" &&
	tiku lint >out
'
test_expect_success 'a code with one item is warned at its line in the standard' '
	line=$(grep -n "<skill code=\"1.1.2\">能够通过电话" "$S" | cut -d: -f1) &&
	test_grep "^$S:$line: warning: skill 1.1.2 at 初级 is assessed by 1 items; two skill forms that share none need 2 or more (tiku coverage --level 初级 --kind skill)" out
'
test_expect_success 'a retired item does not count' '
	grep -q "s-112-r" "$R/skill.xml" &&
	tiku search --count --code 1.1.2 --status retired | grep -qx 1
'
test_expect_success 'a code with two items is not warned; one with none is' '
	! grep "skill 1.1.1 at" out &&
	test_grep "skill 1.1.3 at 初级 is assessed by 0 items" out
'
test_expect_success 'every other 初级 skill code is warned, and no 中级 or 高级 one' '
	# 25 初级 skill codes, all but 1.1.1
	test "$(grep -c "at 初级 is assessed by" out)" = 24 &&
	! grep "at 中级 is assessed by" out &&
	! grep "at 高级 is assessed by" out
'
test_expect_success 'a second approved item on the code ends the warning' '
	sed "s/s-112-r/s-112-b/; s/status=\"retired\"/status=\"approved\"/" "$R/skill.xml" >more.xml &&
	tiku import -q more.xml &&
	tiku lint >out &&
	! grep "skill 1.1.2 at" out
'
test_expect_success 'the shipped bank: every skill code of every level has at least two items' '
	tiku --bank kf.db import -q "$S" "$BANKS"/miit-kflxzxs/items/*/*.xml &&
	tiku --bank kf.db lint >out &&
	! grep "is assessed by" out &&
	for level in 初级 中级 高级; do
		tiku --bank kf.db coverage --level $level --kind skill >cov &&
		! grep -E "^[0-9]\.[0-9.]+ .* (GAP|1 \()" cov || { cat cov; exit 1; }
	done
'
test_done
