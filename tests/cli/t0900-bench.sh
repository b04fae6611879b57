#!/bin/sh
# make bench, small, so that it cannot rot: every step of bench/run.sh
# runs and succeeds on a synthetic bank of 2,000 items.  Its figures are
# ignored -- timings are never asserted.
. "$(dirname "$0")/lib.sh"
: "${SYNTH:=$ROOT/build/synth}"
export TIKU SYNTH

test_expect_success 'the bench runs to its last line at 2,000 items' '
	if BENCH_ITEMS=2000 sh "$ROOT/bench/run.sh" >out 2>err; then
		:
	else
		echo "bench exited $?"; tail -n 15 out; tail -n 25 err; exit 1
	fi &&
	tail -n 1 out >last &&
	test_grep -x "tiku bench: done" last &&
	# each LMS format imported back whole
	test "$(grep -c "file back into a new bank: .*, 2000 items" out)" = 4
'
test_expect_success 'a failing step stops the bench with a non-zero exit' '
	printf "#!/bin/sh\nexit 4\n" >broken-tiku && chmod +x broken-tiku &&
	if TIKU="$TRASH/broken-tiku" BENCH_ITEMS=100 sh "$ROOT/bench/run.sh" >out 2>err; then
		echo "the bench succeeded with a broken tiku"; exit 1
	fi &&
	! grep "tiku bench: done" out &&
	test_grep "FAILED" err
'
test_done
