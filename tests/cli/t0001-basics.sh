#!/bin/sh
# The command line itself: help, usage errors, exit codes.
. "$(dirname "$0")/lib.sh"

test_expect_success 'help lists every command' '
	tiku help >out &&
	for c in import export lint search coverage; do test_grep "^  $c " out; done
'
test_expect_success '--help works for every command' '
	for c in import export lint search coverage help version; do
		tiku $c --help >out && test_grep "^usage: tiku" out || exit 1
	done
'
test_expect_success 'help COMMAND equals COMMAND --help' '
	tiku help import >a && tiku import --help >b && test_cmp a b
'
test_expect_code 2 'no command is a usage error' 'tiku'
test_expect_code 2 'an unknown command is a usage error' 'tiku frobnicate'
test_expect_code 2 'an unknown option is a usage error' 'tiku search --frob x'
test_expect_code 2 'import with no file is a usage error' 'tiku import'
test_expect_code 3 'reading a missing bank is bad input' 'tiku --bank nope.db search x'
test_expect_success 'a read command does not create the bank' '
	! tiku --bank nope.db search x && test ! -e nope.db
'
test_expect_success 'the bank comes from --bank, then $TIKU_BANK' '
	tiku --bank a.db import -q "$BANKS/miit-kflxzxs/standard.xml" &&
	test -s a.db && test ! -e "$TIKU_BANK" &&
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" && test -s "$TIKU_BANK"
'
test_expect_success 'version' 'tiku version | test_grep "^tiku [0-9]"'
test_done
