#!/bin/sh
# The shipped Lua examples run and do what they say.
. "$(dirname "$0")/lib.sh"

EX=$ROOT/lua/examples

test_expect_success 'set up' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$DATA/items/good.xml"
'
test_expect_success 'school_import.lua imports a school format as one command' '
	tiku run "$EX/school_import.lua" "$DATA/school/items.txt" sch >out &&
	test_grep "imported 3 items" out &&
	test "$(tiku search --count --status draft)" = 4 &&
	tiku log -n 1 | test_grep "script *school import" &&
	tiku undo && test "$(tiku search --count --status draft)" = 1
'
test_expect_success 'school_import.lua: a bad item stops it, nothing kept' '
	before=$(bank_sum) &&
	! tiku run "$EX/school_import.lua" "$DATA/school/bad.txt" bad 2>err &&
	test_grep "bad.txt:1: .*needs at least 2 options" err &&
	test "$(bank_sum)" = "$before"
'
test_expect_success 'report.lua: items per code per status as CSV' '
	tiku run "$EX/report.lua" 初级 theory >report.csv &&
	head -1 report.csv | test_grep "^level,kind,code,requirement,draft,review,approved,retired,total$" &&
	test_grep "^初级,theory,1.1.2,服务用语的规范,0,0,1,0,1$" report.csv &&
	test_grep "^初级,theory,B2.2.7,法律法规,0,0,1,0,1$" report.csv &&
	test "$(grep -c ",0,0,0,0,0$" report.csv)" -gt 40
'
test_expect_success 'house_lint.lua loads in the sandbox and flags lazy options' '
	tiku script add house "$EX/house_lint.lua" --lint &&
	tiku lint >out; test_grep "rule house" out || true
'
test_done
