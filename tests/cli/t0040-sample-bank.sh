#!/bin/sh
# The shipped sample bank: imports, lints clean, covers every area.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml

test_expect_success 'the sample bank imports' '
	tiku import -q "$S" "$BANKS"/miit-kflxzxs/items/*/*.xml &&
	test "$(tiku search --count --limit 0)" -ge 800
'
test_expect_success 'the sample bank has no lint errors' '
	tiku lint >out && test_grep "^0 errors" out
'
for level in 初级 中级 高级; do
	for kind in theory skill; do
		test_expect_success "coverage --strict passes for $level $kind" "
			tiku coverage --level $level --kind $kind --strict >out &&
			test_grep ' 0 of [0-9]* areas cannot supply' out
		"
	done
done
test_expect_success 'theory: every knowledge code and every basic has items' '
	for level in 初级 中级 高级; do
		tiku coverage --level $level --kind theory --gaps >out &&
		! grep "GAP" out || exit 1
	done
'
test_expect_success 'at least 150 theory and 12 skill items per level, all approved' '
	for level in junior intermediate senior; do
		test "$(tiku search --count --level $level --kind theory --status approved)" -ge 150 &&
		test "$(tiku search --count --level $level --kind skill --status approved)" -ge 12 || exit 1
	done
'
test_expect_success 'the whole bank round-trips through export' '
	tiku export -o e1.xml &&
	tiku --bank two.db import -q "$S" e1.xml &&
	tiku --bank two.db export -o e2.xml &&
	cmp e1.xml e2.xml
'
test_expect_success 'the items are marked as sample content' '
	for f in "$BANKS"/miit-kflxzxs/items/*/*.xml; do
		grep -q "sample=\"true\"" "$f" || { echo "$f"; exit 1; }
	done
'
test_expect_success 'make demo'"'"'s script runs on a fresh directory' '
	DEMO_DIR="$TRASH/demo" TIKU="$TIKU" sh "$ROOT/tools/demo.sh" >out 2>&1 &&
	test_grep "业务督导" out &&
	test -s "$TRASH/demo/demo.db"
'
test_done
