#!/bin/sh
# The commands of cli/edit.c and cli/script.c as the command line sees
# them: help, usage errors, options, and what goes through to the core
# and to scripts.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
EDIT="new edit set tag keyword retire merge undo redo log"
LUA="run shell script"

test_expect_success 'help lists every command' '
	tiku help >out &&
	for c in $EDIT $LUA; do test_grep "^  $c " out || exit 1; done
'
test_expect_success '--help works for every command and subcommand' '
	for c in $EDIT $LUA "script add" "script list" "script show" "script rm"; do
		tiku $c --help >out && test_grep "^usage: tiku $c" out || exit 1
	done
'
test_expect_success 'help COMMAND equals COMMAND --help' '
	for c in set log run "script add"; do
		tiku help $c >a && tiku $c --help >b && test_cmp a b || exit 1
	done
'
test_expect_success 'an undeclared option is a usage error that names it' '
	for c in $EDIT run shell "script add" "script list" "script show" "script rm"; do
		rc=0 && tiku $c --frob x y 2>err || rc=$?
		test $rc = 2 && test_grep "tiku $c: unknown option .--frob." err || exit 1
	done
'
test_expect_code 2 'script with an unknown subcommand is a usage error' 'tiku script frob'
test_expect_code 2 'script with no subcommand is a usage error' 'tiku script'
# short options the old program took without documenting them are gone
test_expect_code 2 'new has no -t' 'tiku new -t single --level 初级 --code 1.1.2'
test_expect_code 2 'script add has no -l' 'tiku script add x x.lua -l'
test_expect_code 2 'new without --code is a usage error' 'tiku new --type single --level 初级'
test_expect_code 2 'new with an unknown type is a usage error' \
	'tiku new --type frob --level 初级 --code 1.1.2'
test_expect_code 2 'set without FIELD=VALUE is a usage error' 'tiku set t-single-1 difficulty'
test_expect_code 2 'tag without + or - is a usage error' 'tiku tag t-single-1 1.1.3'
test_expect_code 2 'merge takes two items' 'tiku merge t-single-1'
test_expect_code 2 'undo takes no argument' 'tiku undo now'
test_expect_code 2 'log -n takes a number' 'tiku log -n many'
test_expect_code 2 'log -n takes no negative number' 'tiku log -n -1'
test_expect_code 2 'run needs a script' 'tiku run'
test_expect_code 2 'script add needs --lint or --hook' 'tiku script add x x.lua'
test_expect_code 2 'script add knows the events' 'tiku script add x x.lua --hook item.frob'

test_expect_success 'set up' 'tiku import -q "$S" "$DATA/items/good.xml"'
test_expect_success 'set, then undo: log shows both, the set marked undone' '
	tiku set t-single-1 difficulty=4 status=review &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT difficulty FROM item WHERE id = \"t-single-1\"")" = 4 &&
	tiku undo >out &&
	test_grep "^undid #[0-9]* set: t-single-1 (1 change, " out &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT difficulty FROM item WHERE id = \"t-single-1\"")" != 4 &&
	tiku log >out &&
	head -1 out | test_grep "set *t-single-1 (1 change)  \[undone\]$" &&
	tiku redo | test_grep "^redid #[0-9]* set: t-single-1"
'
test_expect_success 'log -n N and --limit N show the N newest' '
	tiku log -n 1 >out && test "$(grep -c "^#" out)" = 1 && test_grep "set *t-single-1" out &&
	tiku log --limit 2 >out && test "$(grep -c "^#" out)" = 2
'
test_expect_success 'tag -CODE: an argument starting with a dash is not an option' '
	tiku tag t-single-1 +1.1.3 && tiku tag t-single-1 -1.1.3 &&
	tiku log -n 1 | test_grep "remove code 1.1.3 from t-single-1"
'
test_expect_success 'keyword adds and removes, one command each' '
	tiku keyword t-single-1 +礼仪 && tiku keyword t-single-1 -礼仪 &&
	tiku undo | test_grep "^undid .* keyword" && tiku undo | test_grep "^undid .* keyword"
'
test_expect_success 'retire several items: one command, one undo' '
	tiku retire t-tf-1 t-fill-1 &&
	tiku log -n 1 | test_grep "retire *t-tf-1 (2 changes)" &&
	tiku undo >/dev/null &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM item WHERE status = \"retired\"")" = 0
'
test_expect_success 'a refused edit says nothing changed' '
	! tiku set t-single-1 answer=AB 2>err && test_grep "nothing changed" err
'
test_expect_success 'run -e passes what follows, options included, to the code' '
	tiku run -e "print(select(\"#\", ...), ...)" -x --help a >out &&
	test_grep "^3	-x	--help	a$" out
'
test_expect_success 'run SCRIPT passes what follows to the script' '
	echo "print(arg[0], ...)" >args.lua &&
	tiku run args.lua -x >out && test_grep "^args.lua	-x$" out
'
test_expect_success 'shell BANK opens that bank' '
	echo "print(bank ~= nil)" | tiku shell "$TIKU_BANK" >out && test_grep "^true$" out
'
test_expect_success 'script add, list, show, rm' '
	echo "return function(item) return nil end" >quiet.lua &&
	tiku script add quiet quiet.lua --lint &&
	tiku script list | test_grep "^quiet *lint" &&
	tiku script show quiet >out && test_cmp quiet.lua out &&
	tiku script rm quiet && ! tiku script list | grep quiet
'
test_expect_code 3 'script show of an unknown script is bad input' 'tiku script show nope'
test_expect_code 3 'script rm of an unknown script is bad input' 'tiku script rm nope'
test_done
