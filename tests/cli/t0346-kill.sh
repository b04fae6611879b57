#!/bin/sh
# Crash safety: import, an edit, batch commit, pack and bundle are each
# killed (SIGKILL) at many points of their run.  After every kill the bank
# passes SQLite's integrity check and holds exactly what it held before
# or exactly what a whole run leaves (all-or-nothing, never between), and
# every output is either absent or byte for byte the whole run's.
. "$(dirname "$0")/lib.sh"

BANK=$BANKS/miit-kflxzxs
C=$DATA/course
# kill points, seconds after the start: from before the first write to
# past the end of the slowest command here
# the same bytes from a whole run and a killed one: one clock for both
export SOURCE_DATE_EPOCH=1700000000
POINTS="0.01 0.03 0.06 0.1 0.15 0.25 0.4 0.6 0.9 1.4"

# the logical content of bank $1 (items, history, journal, batches, audit)
state() {
	sqlite3 "$1" "SELECT id, version, hash FROM item ORDER BY id;
	  SELECT id, version FROM item_history ORDER BY id, version;
	  SELECT seq, command, state FROM journal ORDER BY seq;
	  SELECT id, state FROM batch ORDER BY id;
	  SELECT count(*) FROM exposure; SELECT count(*) FROM audit_event" | sha256sum | cut -c1-64
}

# trial NAME BASE.db 'ARGS' OUTPUTS...: for every kill point, tiku ARGS
# runs on a copy of BASE.db in a fresh folder and is killed (the tiku
# process itself: exec); checks as above against a whole run of the same
# command (its bank state and outputs).
trial() {
	_name=$1 _base=$2 _cmd=$3
	shift 3
	rm -rf whole && mkdir whole && cp "$_base" whole/bank.db &&
	(cd whole && TIKU_BANK=$TRASH/whole/bank.db exec $TIKU $_cmd >/dev/null 2>&1) || {
		echo "$_name: the whole run failed"; return 1; }
	_before=$(state "$_base") _after=$(state whole/bank.db)
	_n=0 _mid=0
	for _p in $POINTS; do
		rm -rf k && mkdir k && cp "$_base" k/bank.db
		(cd k && TIKU_BANK=$TRASH/k/bank.db exec $TIKU $_cmd >/dev/null 2>&1) &
		_pid=$!
		sleep "$_p"
		kill -9 "$_pid" 2>/dev/null && _mid=$((_mid + 1))
		wait "$_pid" 2>/dev/null
		test "$(sqlite3 k/bank.db 'PRAGMA integrity_check')" = ok || {
			echo "$_name at $_p s: integrity check fails"; return 1; }
		_s=$(state k/bank.db)
		test "$_s" = "$_before" || test "$_s" = "$_after" || {
			echo "$_name at $_p s: the bank is neither before nor after"; return 1; }
		for _o in "$@"; do
			case $_o in
			*.minisig)
				# a signature carries the time it was made: it must be
				# there exactly when its package is, and verify it
				_pkg=${_o%.minisig}
				if test -e "k/$_o" || test -e "k/$_pkg"; then
					$TIKU verify "k/$_pkg" --pub "$TRASH/centre.pub" >/dev/null 2>&1 || {
						echo "$_name at $_p s: $_pkg and its signature do not verify"; return 1; }
				fi;;
			*)
				if test -e "k/$_o"; then
					cmp -s "k/$_o" "whole/$_o" || {
						echo "$_name at $_p s: $_o is there but not whole"; return 1; }
				fi;;
			esac
		done
		# all or none: a run leaves every output or not one
		_had=0
		for _o in "$@"; do test -e "k/$_o" && _had=$((_had + 1)); done
		test "$_had" = 0 || test "$_had" = $# || {
			echo "$_name at $_p s: $_had of $# outputs"; return 1; }
		_n=$((_n + 1))
	done
	echo "$_name: $_n kill points, $_mid of them mid-run"
	# at least one kill must land before the end, or nothing was tried
	test "$_mid" -gt 0
}

test_expect_success 'set up: a bank with the standard, one with the junior items, a batch, keys' '
	tiku import -q "$BANK/standard.xml" "$DATA/std/mini.xml" && cp "$TIKU_BANK" std.db &&
	tiku import -q "$BANK"/items/junior/*.xml "$C/shop-items.xml" &&
	tiku batch new b1 --blueprint "$BANK/blueprints/junior-theory.xml" --seed 3 >/dev/null &&
	tiku batch generate b1 >/dev/null && cp "$TIKU_BANK" generated.db &&
	tiku batch commit b1 >/dev/null && cp "$TIKU_BANK" committed.db &&
	tiku keygen --unencrypted -o "$TRASH/centre" >/dev/null
'

test_expect_success 'import of every junior item, killed at every point' '
	cat "$BANK"/items/junior/*.xml >/dev/null &&
	trial import std.db "import -q $BANK/items/junior/*.xml"
'

test_expect_success 'an edit, killed at every point' '
	trial set committed.db "set shop-make-s1 difficulty=5"
'

test_expect_success 'batch commit, killed at every point' '
	trial commit generated.db "batch commit b1"
'

test_expect_success 'pack of a committed batch, killed at every point: four files or none' '
	trial pack committed.db "pack --batch b1 --key $TRASH/centre.key -o pk" \
		pk.zip pk.zip.minisig pk-key.zip pk-key.zip.minisig
'

test_expect_success 'bundle of a course, killed at every point: the zip whole or absent' '
	trial bundle committed.db "bundle $C/shop --format html -o c.zip" c.zip
'

test_done
