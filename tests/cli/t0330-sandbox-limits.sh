#!/bin/sh
# The bank's scripts cannot hang a command: loops behind pcall, xpcall,
# __tostring and coroutines, the C pattern matcher, finalizers, slow
# rules on many items, and floods of print() all stop, quickly, with an
# error naming the script, and the bank unchanged.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
state() {
	sqlite3 "$TIKU_BANK" "SELECT id, version, hash FROM item ORDER BY id" | sha256sum
}
rule() {   # rule NAME BODY: a script whose function body is BODY
	printf 'return function(item)\n%s\nend\n' "$2" >"$1.lua"
}
# quick ARGS...: run tiku ARGS, which must end within 10 s (a hang fails)
quick() {
	timeout 10 $TIKU "$@"
	rc=$?
	[ $rc -ne 124 ] || { echo "# '$*' did not stop within 10 s" >&2; return 99; }
	return $rc
}
# stops NAME BODY MESSAGE: the lint rule stops lint with MESSAGE, naming NAME
stops() {
	rule "$1" "$2" &&
	tiku script add "$1" "$1.lua" --lint || return 1
	quick lint >out
	rc=$?
	tiku script rm "$1" &&
	test $rc -eq 1 &&
	test_grep "script '$1': .*$3" out
}

test_expect_success 'set up' '
	tiku import -q "$S" "$DATA/items/good.xml"
'
test_expect_success 'a loop behind pcall cannot catch the budget' '
	stops pcall-spin "while true do pcall(function() while true do end end) end" \
		"\(instruction budget\|time limit\) exceeded"
'
test_expect_success 'nor behind xpcall, even with a handler that loops' '
	stops xpcall-spin "while true do xpcall(function() while true do end end, function(e) while true do end end) end" \
		"\(instruction budget\|time limit\) exceeded"
'
test_expect_success 'nor a __tostring that loops, called through pcall' '
	stops tostring-spin "local o = setmetatable({}, {__tostring = function() while true do end end}) while true do pcall(tostring, o) end" \
		"\(instruction budget\|time limit\) exceeded"
'
test_expect_success 'nor a coroutine that swallows the error' '
	stops co-spin "while true do coroutine.resume(coroutine.create(function() while true do end end)) end" \
		"\(instruction budget\|time limit\) exceeded"
'
test_expect_success 'a pattern that would backtrack for ever is refused' '
	stops backtrack "return tostring(string.find(string.rep(\"a\", 3000), \".-.-.-.-.-.-b\"))" \
		"pattern .* is too costly on a subject of 3000 bytes"
'
test_expect_success 'the same pattern as a method, in gsub and gmatch' '
	stops method "return tostring((\"a\"):rep(3000):match(\".-.-.-.-b\"))" "pattern .* is too costly" &&
	stops gsub "return tostring(string.gsub((\"a\"):rep(3000), \"a-a-a-b\", \"\"))" "pattern .* is too costly" &&
	stops gmatch "for w in ((\"a\"):rep(3000)):gmatch(\"%a*%a*%a*b\") do end" "pattern .* is too costly"
'
test_expect_success 'ordinary patterns on item text still work' '
	rule words "local n = 0 for w in item.stem:gmatch(\"[^%s]+\") do n = n + 1 end
	  if item.stem:find(\"^%s*(.-)%s*$\") and n > 0 and not item.stem:find(\"xyz\", 1, true) then return nil end
	  return \"no words\"" &&
	tiku script add words words.lua --lint &&
	quick lint >out &&
	! grep "rule words" out &&
	tiku script rm words
'
test_expect_success 'finalizers are refused: at add, as a rule and as a hook' '
	cat >gc-top.lua <<-\LUA &&
	setmetatable({}, {__gc = function() while true do end end})
	return function() end
	LUA
	! quick script add gc-top gc-top.lua --lint 2>err &&
	test_grep "script .gc-top.: .*finalizers (__gc) are not allowed" err &&
	! tiku script list | grep gc-top &&
	stops gc-rule "setmetatable({}, {__gc = false})" "finalizers" &&
	rule gc-hook "setmetatable({}, {__gc = function() while true do end end})" &&
	tiku script add gc-hook gc-hook.lua --hook item.before_save &&
	before=$(state) &&
	! quick set t-single-1 difficulty=3 2>err &&
	test_grep "finalizers (__gc) are not allowed" err &&
	test "$(state)" = "$before" &&
	tiku script rm gc-hook
'
test_expect_success 'a hook that loops behind pcall stops, and the change with it' '
	rule pcall-hook "while true do pcall(function() while true do end end) end" &&
	tiku script add pcall-hook pcall-hook.lua --hook item.before_save &&
	before=$(state) &&
	! quick set t-single-1 difficulty=3 2>err &&
	test_grep "script .pcall-hook.: \(instruction budget\|time limit\) exceeded" err &&
	test "$(state)" = "$before" &&
	tiku script rm pcall-hook
'
test_expect_success 'a slow rule on every item stops at the command total' '
	rule slow "for i = 1, 3e7 do end" &&
	tiku script add slow slow.lua --lint &&
	start=$(date +%s) &&
	{ TIKU_SCRIPT_SECONDS=0.3 timeout 10 $TIKU lint >out; test $? -eq 1 || { echo "lint exit $?"; false; }; } &&
	test $(($(date +%s) - start)) -le 4 &&
	test_grep "script .slow.: the bank.s scripts used up this command.s 0.3 s" out &&
	tiku script rm slow
'
test_expect_success 'TIKU_SCRIPT_SECONDS must be a time' '
	{ TIKU_SCRIPT_SECONDS=soon $TIKU lint 2>err; test $? -eq 2; } &&
	test_grep "TIKU_SCRIPT_SECONDS must be seconds" err
'
test_expect_success 'print output is capped' '
	rule chatty "for i = 1, 1e5 do print(string.rep(\"x\", 100)) end" &&
	tiku script add chatty chatty.lua --lint &&
	quick lint >out 2>err;
	test $(wc -c <err) -lt 70000 &&
	test_grep "print output cut at 65536 bytes" err &&
	tiku script rm chatty
'
test_done
