#!/bin/sh
# Section instructions that conflict with the items (issue 17, section 3):
# a paper's section titles and instructions come from its blueprint, so
# lint checks a blueprint against the items it may draw -- a section that
# keeps other decimals than its items ask for, a 计算题 over items that
# are no calculation -- and the shipped blueprints say what all their
# items share.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
BP=$BANKS/miit-kflxzxs/blueprints
R=$DATA/review

test_expect_code 1 'a blueprint needs a bank to be checked against' '
	tiku lint "$BP/junior-skill.xml"
'
test_expect_success '... and says so' '
	! tiku lint "$BP/junior-skill.xml" >out &&
	test_grep "no bank to check the blueprint against" out
'
test_expect_success 'set up: the sample bank' '
	tiku import -q "$S" "$BANKS"/miit-kflxzxs/items/*/*.xml
'
test_expect_success 'the blueprint as shipped before: both conflicts, at the section line' '
	tiku lint "$R/junior-skill-old.xml" >out &&
	test_grep "junior-skill-old.xml:9: warning: section .计算题. says to keep 两位小数, item .kf-j-s-3.1.3-01. (.*junior/skill.xml:[0-9]*) asks for 一位小数 (1 such items)" out &&
	test_grep "junior-skill-old.xml:9: warning: section .计算题. speaks of calculation, but item .kf-j-s-1.1.1-01. (.*) is none (1 such items)" out
'
test_expect_success 'every shipped blueprint lints clean against the shipped bank' '
	tiku lint "$BP"/*.xml >out &&
	test_grep "^0 errors, 0 warnings" out
'
test_expect_success 'the shipped skill papers print the fill section as 填空题, the rounding left to the items' '
	for level in junior intermediate senior; do
		tiku assemble --blueprint "$BP/$level-skill.xml" --seed 3 -o p.xml 2>/dev/null &&
		! grep -q "计算题\|保留两位小数" p.xml || exit 1
	done
'
test_expect_success 'every calculation fill item of the shipped bank says how far to round' '
	for id in $(grep -h -o "id=\"kf-[jis]-s-[^\"]*\" type=\"fill\"" "$BANKS"/miit-kflxzxs/items/*/skill.xml |
		    sed "s/id=\"\([^\"]*\)\".*/\1/"); do
		tiku show $id >out &&
		if grep -q "计算\|÷" out; then grep -q "保留\|取整" out || { echo "$id"; exit 1; }; fi
	done
'
test_expect_success 'a blueprint that does not parse is an error with its line' '
	printf "<blueprint xmlns=\"urn:tiku:blueprint:1\" id=\"x\">\n<points>1</points>\n</blueprint>\n" >bad.xml &&
	! tiku lint bad.xml >out &&
	test_grep "bad.xml:[0-9]*: error:" out
'
test_done
