#!/bin/sh
# The command table itself: every command and subcommand has --help, every
# option it declares is accepted, and an undeclared one is a usage error
# naming it.  The table comes from `tiku help --options`.
. "$(dirname "$0")/lib.sh"

# empty fields as "-", for read (a tab is whitespace to IFS: runs collapse)
tiku help --options | sed 's/\t\t/\t-\t/g; s/\t\t/\t-\t/g; s/\t$/\t-/' >table

test_expect_success 'the table lists every command of tiku help' '
	tiku help | sed -n "s/^  \([a-z]*\) .*/\1/p" >cmds &&
	test "$(wc -l <cmds)" -ge 25 &&
	while read -r c; do
		grep -q "^$c[	 ]" table || { echo "$c missing"; exit 1; }
	done <cmds
'
test_expect_success 'every command and subcommand has --help and -h' '
	cut -f1 table | sort -u >names &&
	while read -r name; do
		tiku $name --help >out || { echo "$name --help failed"; exit 1; }
		grep -q "^usage: tiku $name" out || { echo "$name: no usage line"; cat out; exit 1; }
		tiku $name -h >out2 && cmp -s out out2 || { echo "$name -h differs"; exit 1; }
	done <names
'
# accepted: the parser takes it (a value it checks at once may still be refused)
accepted() {
	tiku "$@" --help >out 2>err && return 0
	! grep -q "unknown option\|needs an argument" err
}
test_expect_success 'every declared option is accepted (by long and short name)' '
	while IFS="	" read -r name long short arg; do
		[ "$long" = --help ] && continue
		set -- $long
		[ "$arg" != - ] && set -- "$@" 1
		accepted $name "$@" || { echo "$name $long: refused"; cat err; exit 1; }
		if [ "$short" != - ]; then
			set -- $short
			[ "$arg" != - ] && set -- "$@" 1
			accepted $name "$@" || { echo "$name $short: refused"; cat err; exit 1; }
		fi
	done <table
'
test_expect_success 'every declared option appears in its command help' '
	while IFS="	" read -r name long short arg; do
		tiku $name --help | grep -q -- "$long" || { echo "$name: $long not in help"; exit 1; }
	done <table
'
test_expect_success 'an undeclared option is a usage error naming it' '
	while read -r name; do
		tiku $name --no-such-option >out 2>err; rc=$?
		[ $rc -eq 2 ] || { echo "$name: exit $rc"; exit 1; }
		grep -q -- "--no-such-option" err || { echo "$name: not named"; cat err; exit 1; }
	done <names
'
test_expect_success 'a missing option argument is a usage error naming the option' '
	tiku export -o 2>err; test $? -eq 2 && test_grep -- "-o" err
'
test_done
