#!/bin/sh
# Scripts that travel inside a bank: house lint rules and hooks, run in a
# sandbox with a memory cap and an instruction budget.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
state() {
	sqlite3 "$TIKU_BANK" "SELECT id, version, hash FROM item ORDER BY id" | sha256sum
}
rule() {   # rule NAME BODY: a lint script whose function body is BODY
	printf 'return function(item)\n%s\nend\n' "$2" >"$1.lua"
}

cat >veto.lua <<'LUA'
return function(item)
  if item.difficulty == 5 then error("difficulty 5 needs a review") end
end
LUA
cat >frozen.lua <<'LUA'
return function(item) error("frozen bank") end
LUA
cat >spin-hook.lua <<'LUA'
return function(item) while true do end end
LUA

test_expect_success 'set up' '
	tiku import -q "$S" "$DATA/items/good.xml"
'
test_expect_success 'a house lint rule is stored and run by lint' '
	tiku script add house-style "$ROOT/lua/examples/house_lint.lua" --lint &&
	tiku script list | test_grep "^house-style *lint" &&
	sed "s/问候语、工号与服务意愿/以上都对/" "$DATA/items/good.xml" >lazy.xml &&
	tiku import --partial -q lazy.xml 2>/dev/null;
	! tiku lint >out &&
	test_grep "lazy.xml:3: error: item .t-single-1.: rule house-style: option A says .以上都对." out
'
test_expect_success 'removing the rule is a command: undo brings it back' '
	tiku script rm house-style && ! tiku script list | grep house-style &&
	tiku undo && tiku script list | grep -q house-style &&
	tiku script rm house-style
'
test_expect_success 'a hook vetoes a change with its message; the bank is unchanged' '
	tiku script add no-five veto.lua --hook item.before_save &&
	before=$(state) &&
	! tiku set t-single-1 difficulty=5 2>err &&
	test_grep "difficulty 5 needs a review" err &&
	test "$(state)" = "$before" &&
	tiku set t-single-1 difficulty=4 &&
	tiku script rm no-five
'
test_expect_success 'the hook also guards imports' '
	tiku script add frozen frozen.lua --hook item.before_save &&
	sed "s/status=.approved./status=\"review\"/" "$DATA/items/good.xml" >changed.xml &&
	before=$(state) &&
	! tiku import changed.xml 2>err && test_grep "frozen bank" err &&
	test "$(state)" = "$before" &&
	tiku script rm frozen
'
for lib in io os package debug require dofile loadfile; do
	test_expect_success "the sandbox has no $lib" "
		rule no-$lib 'return { tostring($lib) }' &&
		tiku script add no-$lib no-$lib.lua --lint &&
		tiku lint >out; test_grep 'rule no-$lib: nil' out &&
		tiku script rm no-$lib
	"
done
test_expect_success 'the sandbox loads no bytecode' '
	rule bytecode "return { tostring(load(\"\\27Lua\\84\\0\")) .. \" \" .. tostring(string.dump) }" &&
	tiku script add bytecode bytecode.lua --lint &&
	tiku lint >out; test_grep "rule bytecode: nil nil" out &&
	tiku script rm bytecode
'
test_expect_success 'a runaway loop stops at the instruction budget' '
	rule spin "while true do end" &&
	tiku script add spin spin.lua --lint &&
	! tiku lint >out && test_grep "instruction budget exceeded" out &&
	tiku script rm spin
'
test_expect_success 'a hungry loop stops at the memory cap' '
	rule hungry "local t = {} for i = 1, 1e9 do t[i] = string.rep(\"x\", 1e5) .. i end" &&
	tiku script add hungry hungry.lua --lint &&
	# on a slow (sanitized) build the per-call deadline may come first: either stop is right
	! tiku lint >out && test_grep -E "memory limit exceeded|time limit exceeded" out &&
	tiku script rm hungry
'
test_expect_success 'a runaway hook stops, and the change with it' '
	tiku script add spin-hook spin-hook.lua --hook item.before_save &&
	before=$(state) &&
	! tiku set t-single-1 difficulty=3 2>err &&
	test_grep "instruction budget exceeded" err &&
	test "$(state)" = "$before" &&
	tiku script rm spin-hook
'
test_expect_success 'a script that does not load is refused at add' '
	printf "return function( \n" >broken.lua &&
	! tiku script add broken broken.lua --lint 2>err &&
	test_grep "script .broken." err &&
	printf "return 42\n" >notfn.lua &&
	! tiku script add notfn notfn.lua --lint 2>err &&
	test_grep "must return a function" err
'
test_expect_success 'bank hooks run for tiku run scripts too' '
	tiku script add no-five veto.lua --hook item.before_save &&
	tiku run -e "local b = tiku.open(); local ok, msg = b:set(\"t-single-1\", \"difficulty\", \"5\"); assert(not ok); assert(msg:find(\"needs a review\")); print(\"vetoed\")" >out &&
	test_grep vetoed out &&
	tiku script rm no-five
'
test_done
