#!/bin/sh
# run.sh -- run every test: the C unit tests, then each CLI test script
# tests/cli/tNNNN-*.sh.  Every test prints "ok - ..." or "not ok - ...";
# this script counts them and ends with the line "N passed, N failed".
#
# TIKU names the binary under test and TIKU_UNIT the unit-test binary
# (both may be commands with arguments, e.g. valgrind ...).
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export ROOT
: "${TIKU:=$ROOT/build/tiku}"
: "${TIKU_UNIT:=$ROOT/build/unit}"
export TIKU TIKU_UNIT
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

run() {
	"$@" 2>&1 | tee -a "$LOG" | grep -v '^ok ' || true
}

cd "$ROOT" || exit 1
echo "unit tests"
run $TIKU_UNIT
for t in tests/cli/t[0-9]*.sh; do
	[ -f "$t" ] || continue
	echo "$t"
	run sh "$t"
done
passed=$(grep -c '^ok ' "$LOG")
failed=$(grep -c '^not ok ' "$LOG")
# a script or binary that died without reporting counts as a failure
if grep -q '^# died' "$LOG"; then
	failed=$((failed + $(grep -c '^# died' "$LOG")))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
