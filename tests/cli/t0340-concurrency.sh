#!/bin/sh
# Concurrent writers lose nothing (#18.1): every command reads what it
# changes under the bank's write lock, so writers on one item queue up
# instead of starting from the same version; a writer that waits out the
# busy timeout says who holds the bank, exits 4 and changes nothing.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
I=t-single-1
# writers queue: give them time on a slow (valgrind) run; the tests of
# the timeout set their own
export TIKU_BUSY_SECONDS=600

version() {
	sqlite3 "$TIKU_BANK" "SELECT version FROM item WHERE id = '$1'"
}
keywords() {    # the item's stored XML, where its keywords are
	sqlite3 "$TIKU_BANK" "SELECT xml FROM item WHERE id = '$1'"
}

test_expect_success 'set up' 'tiku import -q "$S" "$DATA/items/good.xml"'

test_expect_success '20 concurrent keyword writers on one item: every keyword survives' '
	v0=$(version $I) && j0=$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM journal") &&
	for n in $(seq 1 20); do
		(tiku keyword $I +kw$n >out.$n 2>&1; echo $? >rc.$n) &
	done &&
	wait &&
	cat rc.* | sort -u >rcs && echo 0 >expect && test_cmp expect rcs &&
	keywords $I >x.xml &&
	for n in $(seq 1 20); do
		grep -q "<keyword>kw$n</keyword>" x.xml || { echo "kw$n lost"; exit 1; }
	done &&
	test "$(version $I)" = $((v0 + 20)) &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM journal")" = $((j0 + 20)) &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM item_history WHERE id = '\''$I'\''")" \
		= $((v0 + 20 - 1))
'

test_expect_success 'mixed set and tag on one item: no change is lost, 10 trials' '
	for trial in $(seq 1 10); do
		d=$(( trial % 5 + 1 ))
		tiku set $I difficulty=$d author=a$trial >/dev/null 2>&1 &
		tiku keyword $I +m$trial >/dev/null 2>&1 &
		tiku set $I time=$(( 60 + trial )) >/dev/null 2>&1 &
		wait &&
		keywords $I >y.xml &&
		grep -q "<keyword>m$trial</keyword>" y.xml &&
		test "$(sqlite3 "$TIKU_BANK" "SELECT difficulty || author || time FROM item WHERE id = '\''$I'\''")" \
			= "${d}a$trial$(( 60 + trial ))" || { echo "trial $trial lost a change"; cat y.xml; exit 1; }
	done
'

test_expect_success 'writers on many items at once all land' '
	ids="t-single-1 t-multi-1 t-tf-1 t-fill-1 t-task-1" &&
	for id in $ids; do
		eval "v_$(echo $id | tr - _)=$(version $id)"
	done &&
	for id in $ids; do
		for n in 1 2 3 4; do
			tiku keyword $id +many$n >/dev/null 2>&1 &
		done
	done &&
	wait &&
	for id in $ids; do
		v=$(eval echo "\$v_$(echo $id | tr - _)") &&
		test "$(version $id)" = $((v + 4)) || { echo "$id at $(version $id), not $((v + 4))"; exit 1; }
		keywords $id | grep -c "<keyword>many" | grep -qx 4 || { echo "$id lost a keyword"; exit 1; }
	done
'

test_expect_success 'Lua writers read under the lock too: get, change, save conflicts' '
	cat >conflict.lua <<-\EOT &&
	local bank = assert(tiku.open())
	local it = bank:get("t-tf-1")
	assert(bank:set("t-tf-1", "author", "someone else"))
	it.explanation = "我的解析"
	local ok, msg = bank:save(it)
	assert(not ok and msg:find("changed while you edited it"), msg)
	it = bank:get("t-tf-1")
	it.explanation = "我的解析"
	assert(bank:save(it))
	it.explanation = "再改一次"
	assert(bank:save(it))   -- the table learnt the version it stored
	print(bank:get("t-tf-1").version)
	EOT
	v=$(version t-tf-1) &&
	tiku run conflict.lua >out &&
	test "$(cat out)" = $((v + 3))
'

test_expect_success 'tiku edit: a change made while the form was open is not overwritten' '
	mkdir -p tmp &&
	cat >meanwhile.sh <<-\EOT &&
	#!/bin/sh
	$TIKU set t-fill-1 author=colleague >/dev/null
	sed -i "s/^难度：.*/难度：5/" "$1"
	EOT
	chmod +x meanwhile.sh &&
	v=$(version t-fill-1) &&
	{ TMPDIR="$TRASH/tmp" EDITOR="$TRASH/meanwhile.sh" TIKU=$TIKU tiku edit t-fill-1 2>err; rc=$?; } &&
	test $rc = 3 &&
	test_grep "changed while you edited it: version $v was read, the bank now holds version $((v + 1))" err &&
	test "$(version t-fill-1)" = $((v + 1)) &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT author FROM item WHERE id = '\''t-fill-1'\''")" = colleague &&
	kept=$(ls "$TRASH"/tmp/tiku-t-fill-1-*.txt) && test_grep "your form is kept in $kept" err &&
	test_grep "^难度：5$" "$kept"
'

test_expect_success 'tiku new: an item of the same id added meanwhile is not overwritten' '
	cat >other.lua <<-\EOT &&
	local bank = assert(tiku.open())
	assert(bank:save { id = "new-junior-theory-1.1.2-001", type = "truefalse", level = "junior",
	  kind = "theory", codes = { "1.1.2" }, points = 1, stem = "同事先写好的题。", answer = true })
	EOT
	cat >write-new.sh <<-\EOT &&
	#!/bin/sh
	$TIKU run other.lua
	sed -i -e "s/^1\. *$/1. 新来的客户首先应当听到（　）。/" -e "s/^A\. *$/A. 问候语与工号/" \
		-e "s/^B\. *$/B. 业务推荐/" -e "s/^C\. *$//" -e "s/^D\. *$//" -e "s/^答案：$/答案：A/" "$1"
	EOT
	chmod +x write-new.sh &&
	{ TMPDIR="$TRASH/tmp" EDITOR="$TRASH/write-new.sh" TIKU=$TIKU \
		tiku new --type single --level junior --code 1.1.2 2>err; rc=$?; } &&
	test $rc = 3 && test_grep "nothing saved" err &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT type || version FROM item WHERE id = '\''new-junior-theory-1.1.2-001'\''")" = truefalse1
'

# Hold the write lock from outside tiku (sqlite3) for a few seconds.
hold_with_sqlite() {
	( { echo "BEGIN IMMEDIATE; UPDATE meta SET value = value WHERE 0;" &&
	    sleep "$1" && echo "COMMIT;"; } | sqlite3 "$TIKU_BANK" ) &
	sleep 0.5
}

test_expect_code 4 'a writer waiting out TIKU_BUSY_SECONDS exits 4' '
	hold_with_sqlite 6 &&
	TIKU_BUSY_SECONDS=1 tiku keyword $I +late 2>err; rc=$?; wait; exit $rc
'
test_expect_success 'its message names the busy bank and the way out; nothing changed' '
	test_grep "the bank is busy: waited 1 s for another program" err &&
	test_grep "TIKU_BUSY_SECONDS" err &&
	! keywords $I | grep -q "<keyword>late</keyword>"
'

test_expect_success 'any other write that waits too long says the same (standard default)' '
	hold_with_sqlite 6 &&
	{ TIKU_BUSY_SECONDS=1 tiku standard default miit-kflxzxs 2>err; rc=$?; } &&
	wait && test $rc = 4 &&
	test_grep "the bank is busy: waited 1 s for another program" err
'

test_expect_success 'held by a tiku command, the message says which, by whom, its pid' '
	cat >slow.lua <<-\EOT &&
	local bank = assert(tiku.open())
	bank:batch("slow batch", function()
	  assert(bank:keyword("t-multi-1", "+slow"))
	  os.execute("sleep 6")
	end)
	EOT
	tiku --by holder run slow.lua >slow.out 2>&1 &
	i=0 && until grep -q holder "$TIKU_BANK-writer" 2>/dev/null; do
		sleep 0.2; i=$((i + 1)); test $i -lt 300 || exit 1
	done &&
	{ TIKU_BUSY_SECONDS=1 tiku keyword $I +late2 2>err; rc=$?; } &&
	wait &&
	test $rc = 4 &&
	test_grep "holder.s command .script. (slow batch)" err &&
	test_grep "(process [0-9]*)" err &&
	keywords t-multi-1 | grep -q "<keyword>slow</keyword>" &&
	! keywords $I | grep -q "<keyword>late2</keyword>"
'

test_expect_success 'a writer waits for a short holder instead of failing' '
	hold_with_sqlite 2 &&
	TIKU_BUSY_SECONDS=20 tiku keyword $I +patient &&
	keywords $I | grep -q "<keyword>patient</keyword>" &&
	wait
'

test_expect_code 2 'TIKU_BUSY_SECONDS is checked' 'TIKU_BUSY_SECONDS=1e9 tiku keyword $I +x'

# a paper composed by hand is read under the write lock too: twelve
# concurrent paper add on one paper leave all twelve on it
test_expect_success 'concurrent paper add on one paper: every item is on it' '
	export TIKU_BANK="$TRASH/compose.db" &&
	tiku import -q "$DATA/std/mini.xml" "$DATA/papers/mini-items.xml" &&
	tiku paper new p1 --blueprint "$DATA/papers/mini-blueprint.xml" >/dev/null &&
	for i in m1 m2 m3 m4 m5 m6 m8 m9 m10 m11 m12 m15; do
		(tiku paper add p1 $i >add.$i 2>&1; echo $? >prc.$i) &
	done &&
	wait &&
	cat prc.* | sort -u >rcs && echo 0 >expect && test_cmp expect rcs &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM paper_item WHERE paper = '"'"'p1'"'"'")" = 12
'

test_done
