#!/bin/sh
# Failed commands change nothing (#18.5): outputs wait under temporary
# names until all are complete, and the bank commits only after them.
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints
P=$DATA/papers

rows() {
	sqlite3 "$TIKU_BANK" "SELECT (SELECT count(*) FROM audit) || '/' ||
		(SELECT count(*) FROM audit_event) || '/' || (SELECT count(*) FROM batch_form) ||
		'/' || (SELECT group_concat(state) FROM batch)"
}

test_expect_success 'set up: the junior bank, a batch, a key' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/junior/*.xml &&
	tiku batch new b1 --blueprint "$BP/junior-theory.xml" --seed 5 >/dev/null &&
	tiku keygen --unencrypted -o centre >/dev/null
'
test_expect_success 'generate into a folder that cannot be made: exit 3, no forms, no state, no audit' '
	before=$(rows) && echo x >plain &&
	{ tiku batch generate b1 -o plain/sub 2>err; test $? = 3; } &&
	test_grep "plain/sub" err &&
	test "$(rows)" = "$before" && test "$before" = "0/1/0/new"
'
test_expect_success 'generate whose second form cannot be written: no file left, bank unchanged' '
	mkdir -p out/b1-B.xml &&
	{ tiku batch generate b1 -o out >log 2>err; test $? = 3; } &&
	test_grep "out/b1-B.xml: cannot write" err &&
	! test -e out/b1-A.xml && test "$(ls -A out)" = b1-B.xml &&
	test "$(rows)" = "0/1/0/new"
'
test_expect_success 'generate with a roster that cannot all be written: nothing at all' '
	rmdir out/b1-B.xml && mkdir out/2023070004.key.csv &&
	{ tiku batch generate b1 -o out --roster "$P/roster.csv" 2>err; test $? = 3; } &&
	test "$(ls -A out)" = 2023070004.key.csv &&
	test "$(rows)" = "0/1/0/new"
'
test_expect_success 'a run that works writes all, then commits' '
	rmdir out/2023070004.key.csv &&
	tiku batch generate b1 -o out --roster "$P/roster.csv" >/dev/null &&
	test "$(ls out | wc -l)" = 10 && test "$(rows)" = "6/3/2/generated"
'
test_expect_success 'batch papers killed midway leaves no candidate file, only the marked scratch folder' '
	{ echo "准考证号,姓名,考点"; i=1; while [ $i -le 4000 ]; do
		printf "2024%06d,考生%d,考点%d\n" $i $i $((i % 3)); i=$((i + 1)); done; } >big.csv &&
	before=$(rows)
	$TIKU batch papers b1 --roster big.csv -o killed >/dev/null 2>&1 &
	pid=$!
	sleep 1; kill -9 $pid 2>/dev/null; wait $pid || :
	n=$(ls killed 2>/dev/null | wc -l) &&
	if [ "$n" = 8000 ]; then
		# every file in place: killed after the move, before or after the
		# bank recorded it (the outputs exist first, then the audit)
		echo "finished before the kill: all of it"
	else
		# killed before the folder was made, while its files waited in
		# the marked scratch folder, or while that folder took its place
		test "$n" = 0 && test "$(rows)" = "$before" &&
		{ ! test -e killed || ls -A killed | grep -q "^\.tiku-batch\." ||
		  ls -d killed.tiku-batch.*; }
	fi
'
test_expect_success 'pack whose key package cannot be written leaves no package, no signature, no audit' '
	before=$(rows) && mkdir pk-key.zip &&
	{ tiku pack --batch b1 --key centre.key -o pk 2>err; test $? = 3; } &&
	test_grep "pk-key.zip: cannot write" err &&
	! test -e pk.zip && ! test -e pk.zip.minisig && ! test -e pk-key.zip.minisig &&
	test -z "$(ls | grep partial)" && test "$(rows)" = "$before"
'
test_expect_success 'pack into a folder that does not exist: exit 3, nothing written' '
	before=$(rows) &&
	{ tiku pack --batch b1 --key centre.key -o nodir/pk 2>err; test $? = 3; } &&
	! test -e nodir && test "$(rows)" = "$before"
'
test_expect_success 'an output that is a device or a pipe is refused, not replaced' '
	mkfifo pipe &&
	{ tiku sign out/b1-A.xml --key centre.key -o pipe 2>err; test $? = 3; } &&
	test_grep "pipe: cannot write: not a regular file" err && test -p pipe
'
# A real, nearly full disk: a 2 MiB tmpfs, when this runs as root and may
# mount one.  The paper package (about 1.8 MB) fits; its key package then
# does not.
test_expect_success 'pack on a full disk: exit 4 (a fault of the machine, not of the input), no package, no signature, no audit' '
	mkdir small &&
	if ! mount -t tmpfs -o size=2m tmpfs small 2>/dev/null; then
		echo "cannot mount a tmpfs here: skipped"; exit 0
	fi &&
	before=$(rows) &&
	{ tiku pack --batch b1 --key centre.key -o small/pk 2>err; rc=$?; } ;
	ls -A small >left; umount small &&
	test "$rc" = 4 && test_grep "small/pk-key.zip: cannot write: No space left on device" err &&
	! test -s left && test "$(rows)" = "$before"
'
test_done
