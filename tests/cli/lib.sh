# lib.sh -- what every CLI test script sources, in the manner of git's
# t/test-lib.sh: each test runs in a fresh scratch directory under /tmp,
# with its own bank, and reports "ok - ..." or "not ok - ..." lines.
#
#   test_expect_success 'what it checks' '
#       tiku import x.xml &&
#       tiku search 坐席 >actual &&
#       test_cmp expect actual
#   '
#   test_done

T=$(basename "$0" .sh)
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
export ROOT
: "${TIKU:=$ROOT/build/tiku}"
: "${PNGDIFF:=$ROOT/build/pngdiff}"
DATA=$ROOT/tests/data
BANKS=$ROOT/banks
TRASH=$(mktemp -d "/tmp/tiku-$T.XXXXXX")
export TIKU_BANK="$TRASH/tiku.db"
cd "$TRASH" || exit 1
trap 'rm -rf "$TRASH"' EXIT

tiku() {
	$TIKU "$@"
}

test_expect_success() {
	_desc=$1
	_body=$2
	if (set -e; eval "$_body") >"$TRASH/.log" 2>&1; then
		echo "ok - $T: $_desc"
	else
		echo "not ok - $T: $_desc"
		sed 's/^/#   /' "$TRASH/.log" | head -40
	fi
}

# test_expect_code CODE 'what' 'command': the command exits with CODE.
test_expect_code() {
	_code=$1
	_desc=$2
	_body=$3
	(eval "$_body") >"$TRASH/.log" 2>&1
	_got=$?
	if [ "$_got" -eq "$_code" ]; then
		echo "ok - $T: $_desc"
	else
		echo "not ok - $T: $_desc (exit $_got, expected $_code)"
		sed 's/^/#   /' "$TRASH/.log" | head -40
	fi
}

# test_cmp EXPECTED ACTUAL: identical files, else show the difference.
test_cmp() {
	diff -u "$1" "$2"
}

# grep that prints what it searched when it fails.
test_grep() {
	if ! grep "$@"; then
		_f=$(eval echo "\${$#}")
		echo "no match for '$*' in:"
		cat "$_f"
		return 1
	fi
}

# Checksum of a bank's logical content (the dump), to show it unchanged.
bank_sum() {
	sqlite3 "$TIKU_BANK" "SELECT id, version, hash FROM item ORDER BY id;
	  SELECT id, hash FROM standard ORDER BY id; SELECT * FROM item_history ORDER BY id, version" 2>/dev/null |
	  sha256sum | cut -c1-64
}

test_done() {
	:
}
