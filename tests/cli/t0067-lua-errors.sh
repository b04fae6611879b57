#!/bin/sh
# The Lua boundary: misuse raises clear errors, expected failures return
# nil and a message, and nothing leaks or breaks when a binding fails
# halfway (the suite also runs under ASan and valgrind).
. "$(dirname "$0")/lib.sh"

lua() {   # lua 'CODE': run CODE, which must print ok
	tiku run -e "$1" >out 2>err && test_grep "^ok$" out
}

cat >args.lua <<'LUA'
print(select("#", ...), arg[0], arg[1], arg[2])
LUA
cat >session.txt <<'LUA'
bank:count()
x = bank:get("t-tf-1")
x.answer
for i = 1, 2 do
print(i)
end
LUA

test_expect_success 'set up' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$DATA/items/good.xml"
'
test_expect_success 'wrong argument types raise, naming the argument' '
	lua "local b = tiku.open()
	     local ok, e = pcall(b.get, b, {})
	     assert(not ok and e:find(\"bad argument #2\") and e:find(\"string expected\"), e)
	     ok, e = pcall(b.items, b, 42)
	     assert(not ok and e:find(\"table expected\"), e)
	     ok, e = pcall(tiku.open, {})
	     assert(not ok)
	     print(\"ok\")"
'
test_expect_success 'a closed bank raises when used' '
	lua "local b = tiku.open(); b:close()
	     local ok, e = pcall(b.count, b)
	     assert(not ok and e:find(\"closed bank\"), e)
	     b:close()  -- twice is fine
	     print(\"ok\")"
'
test_expect_success 'bad item tables raise before anything is stored' '
	lua "local b = tiku.open()
	     for _, bad in ipairs {
	       { type = \"single\" },                                     -- no id
	       { id = \"x\", type = \"essay\", level = \"初级\", stem = \"s\" },
	       { id = \"x\", type = \"single\", level = \"初级\", stem = {} },
	       { id = \"x\", type = \"single\", level = \"初级\", stem = \"s\", points = 0.25 },
	       { id = \"x\", type = \"single\", level = \"初级\", stem = \"s\", options = { {}, 3 } },
	       { id = \"x\", type = \"case\", level = \"初级\", stem = \"s\", rubric = { \"x\" } },
	     } do
	       local ok = pcall(b.save, b, bad)
	       assert(not ok)
	     end
	     assert(b:count() == 5 and #b:log() == 1)
	     print(\"ok\")"
'
test_expect_success 'a hook that raises a non-string error is reported' '
	lua "local b = tiku.open()
	     b:on(\"item.before_save\", function() error({}) end)
	     local ok, msg = b:set(\"t-tf-1\", \"difficulty\", 2)
	     assert(not ok and msg:find(\"refused by a hook\"), msg)
	     print(\"ok\")"
'
test_expect_success 'an error inside a batch, inside a hook, leaves the bank as it was' '
	before=$(bank_sum) &&
	! tiku run -e "local b = tiku.open()
	     b:on(\"item.saved\", function(item) if item.id == \"t-task-1\" then error(\"late veto\") end end)
	     b:batch(\"x\", function()
	       assert(b:set(\"t-tf-1\", \"difficulty\", 2))
	       assert(b:set(\"t-task-1\", \"difficulty\", 2))
	     end)" 2>err &&
	test_grep "late veto" err &&
	test "$(bank_sum)" = "$before"
'
test_expect_success 'iterating half a query and dropping it is fine' '
	lua "local b = tiku.open()
	     for i = 1, 200 do
	       for item in b:items() do break end
	     end
	     collectgarbage()
	     assert(b:set(\"t-tf-1\", \"difficulty\", 2))
	     print(\"ok\")"
'
test_expect_success 'a script error exits 1 with a traceback' '
	! tiku run -e "local function f() error(\"boom\") end f()" 2>err &&
	test_grep "boom" err && test_grep "stack traceback" err
'
test_expect_success 'tiku run passes arguments' '
	tiku run args.lua 甲 "b c" >out &&
	test_grep "^2	args.lua	甲	b c$" out
'
test_expect_success 'the shell evaluates expressions and statements from standard input' '
	tiku shell <session.txt >out &&
	test_grep "^5$" out && test_grep "^\"true\"$" out && test_grep "^2$" out
'
test_done
