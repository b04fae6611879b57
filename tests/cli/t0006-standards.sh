#!/bin/sh
# Which standard a command works on, and levels as the standard spells them.
. "$(dirname "$0")/lib.sh"

MINI=$DATA/std/mini.xml

test_expect_success 'setup: two standards with codes, one without' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS/1x-hjzx/standard.xml" &&
	tiku import -q "$BANKS"/miit-kflxzxs/items/junior/*.xml
'
test_expect_success 'a standard without codes never makes a command ambiguous' '
	tiku search --count --level 初级 >out &&
	test "$(cat out)" -gt 0 &&
	tiku standard default >out && test_grep "^miit-kflxzxs$" out
'
test_expect_success 'setup: a second standard with codes' 'tiku import -q "$MINI"'
test_expect_code 2 'with two, a command that needs one is ambiguous' \
	'tiku coverage --level 初级 --kind theory'
test_expect_success 'the error names every standard, once' '
	! tiku coverage --level 初级 --kind theory 2>err &&
	test "$(grep -c "miit-kflxzxs" err)" -eq 1 &&
	test_grep "1x-hjzx, miit-kflxzxs, test-barista" err &&
	test_grep "TIKU_STANDARD" err
'
test_expect_success '--standard chooses' '
	tiku coverage --standard test-barista --level 五级 --kind theory >out &&
	test_grep "咖啡师" out
'
test_expect_success '$TIKU_STANDARD chooses' '
	TIKU_STANDARD=test-barista tiku coverage --level 四级 --kind theory >out &&
	test_grep "咖啡师" out
'
test_expect_code 3 '$TIKU_STANDARD naming no standard is bad input' \
	'TIKU_STANDARD=nope tiku coverage --level 初级 --kind theory'
test_expect_success 'the bank default chooses, and --standard and $TIKU_STANDARD override it' '
	tiku standard default test-barista &&
	tiku standard default >out && test_grep "^test-barista$" out &&
	tiku standard list >out && test_grep "^\* test-barista" out &&
	tiku coverage --level 五级 --kind theory >out && test_grep "咖啡师" out &&
	TIKU_STANDARD=miit-kflxzxs tiku coverage --level 初级 --kind theory >out &&
	test_grep "客服联络咨询师" out &&
	tiku coverage --standard miit-kflxzxs --level 初级 --kind theory >out &&
	test_grep "客服联络咨询师" out
'
test_expect_success 'Lua follows the same rule' '
	tiku run -e "local b = tiku.open(); print(b:count{level = \"五级\"})" >out &&
	test "$(cat out)" = 0 &&
	TIKU_STANDARD=miit-kflxzxs tiku run -e "local b = tiku.open(); print(b:count{level = \"初级\"} == b:count{level = \"junior\"}, b:count{level = \"初级\"} > 0)" >out &&
	test_grep "^true	true$" out
'
test_expect_code 3 'a default naming no standard is refused' 'tiku standard default nope'
test_expect_success 'forgetting the default' '
	tiku standard default - &&
	! tiku coverage --level 初级 --kind theory 2>err &&
	test_grep "choose one" err
'
test_expect_success 'levels by name and by id are the same, everywhere' '
	tiku search --standard miit-kflxzxs --count --level 初级 >a &&
	tiku search --standard miit-kflxzxs --count --level junior >b &&
	test_cmp a b && test "$(cat a)" -gt 0
'
test_expect_code 2 'an unknown level is an error, not an empty list' \
	'tiku search --standard miit-kflxzxs --level 九级'
test_expect_success 'an unknown level in Lua is an error' '
	! tiku run -e "local b = tiku.open(); b:count{standard = \"miit-kflxzxs\", level = \"九级\"}" 2>err &&
	test_grep "unknown level" err
'
test_expect_success 'a CSV imported with a level name and again with its id: the same items' '
	tiku import -q --standard test-barista --level 四级 "$DATA/import/barista.csv" &&
	tiku search --standard test-barista --count >a &&
	tiku import --standard test-barista --level l4 "$DATA/import/barista.csv" >out &&
	test_grep "0 added, 0 changed, 2 unchanged" out &&
	tiku search --standard test-barista --count >b &&
	test_cmp a b && test "$(cat b)" = 2
'
test_expect_code 2 'a CSV level the standard does not have is refused' \
	'tiku import --standard test-barista --level 初级 "$DATA/import/barista.csv"'
test_done
