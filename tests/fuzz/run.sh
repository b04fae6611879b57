#!/bin/sh
# run.sh BINDIR SECONDS -- run every libFuzzer harness built in BINDIR for
# SECONDS each, from its seed corpus under tests/fuzz/corpus/ (never
# written to: new inputs go to a scratch copy).  A crash, leak, timeout or
# sanitizer report stops that target; its input is kept in
# BINDIR/crashes/ to become a regression test.  Ends with one line:
# "fuzz: N targets, N runs, N failed".
set -u
BIN=$1
SECS=$2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
mkdir -p "$BIN/crashes"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
targets=0 failed=0 runs=0
for f in "$BIN"/fuzz_*; do
	[ -x "$f" ] || continue
	t=${f##*/fuzz_}
	targets=$((targets + 1))
	mkdir -p "$W/$t"
	if "$f" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$BIN/crashes/$t-" \
		"$W/$t" "tests/fuzz/corpus/$t" >"$W/$t.log" 2>&1; then
		n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$W/$t.log")
		runs=$((runs + ${n:-0}))
		echo "fuzz $t: ${n:-0} inputs, no failure"
	else
		failed=$((failed + 1))
		echo "fuzz $t: FAILED"
		grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$W/$t.log" | head -n 12 | sed 's/^/  /'
	fi
done
echo "fuzz: $targets targets, $runs runs, $failed failed"
[ "$failed" -eq 0 ] && [ "$targets" -gt 0 ]
