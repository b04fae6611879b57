#!/bin/sh
# Every ```lua example of docs/lua.md runs, on a fresh bank holding the
# MIIT standard and tests/data/items/good.xml, and its asserts hold.
. "$(dirname "$0")/lib.sh"

tiku --bank base.db import -q "$BANKS/miit-kflxzxs/standard.xml" "$DATA/items/good.xml"
awk -v dir="$TRASH" '
	/^##+ / { title = $0; sub(/^#+ /, "", title) }
	/^```lua$/ { n++; file = sprintf("%s/ex%02d.lua", dir, n); print title > (file ".title"); inside = 1; next }
	/^```$/ && inside { inside = 0; close(file); next }
	inside { print > file }
' "$ROOT/docs/lua.md"

test_expect_success 'docs/lua.md has examples' 'test -f ex01.lua && test -f ex19.lua'
for ex in ex*.lua; do
	title=$(cat "$ex.title")
	test_expect_success "docs example $ex: $title" "
		rm -f bank.db bank.db-wal bank.db-shm &&
		cp base.db bank.db &&
		TIKU_BANK=bank.db tiku run $ex
	"
done
test_done
