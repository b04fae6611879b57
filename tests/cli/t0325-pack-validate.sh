#!/bin/sh
# pack validates every paper first (#18.6): a changed answer or an item the
# bank does not have is refused with exit 3 and nothing is signed.
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints

test_expect_success 'set up: a committed batch and its form A' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/junior/*.xml &&
	tiku batch new b1 --blueprint "$BP/junior-theory.xml" --seed 5 >/dev/null &&
	tiku batch generate b1 -o . >/dev/null && tiku batch commit b1 >/dev/null &&
	tiku keygen --unencrypted -o centre >/dev/null &&
	tiku pack b1-A.xml --key centre.key -o good >/dev/null && test -s good.zip
'
# refused PAPER: exit 3, it says the paper is not valid, nothing written,
# no pack in the audit
refused() {
	n=$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM audit_event WHERE command = 'pack'") &&
	{ tiku pack "$1" --key centre.key -o bad 2>err; test $? = 3; } &&
	test_grep "is not valid: .*(tiku validate says all): nothing packed" err &&
	! test -e bad.zip && ! test -e bad-key.zip && ! test -e bad.zip.minisig &&
	test -z "$(ls | grep partial)" &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM audit_event WHERE command = 'pack'")" = "$n"
}
test_expect_success 'a paper whose answer was changed is refused' '
	awk "!done && /<answer>[A-D]<\/answer>/ { if (/<answer>A</) sub(/<answer>A</, \"<answer>B<\");
		else sub(/<answer>[BCD]</, \"<answer>A<\"); done = 1 } { print }" b1-A.xml >answer.xml &&
	! cmp -s answer.xml b1-A.xml &&
	! tiku validate answer.xml >/dev/null &&
	refused answer.xml && test_grep "differs from version 1 in the bank" err
'
test_expect_success 'a paper naming an item the bank does not have is refused' '
	id=$(sed -n "s/.*<item [^>]*id=\"\([^\"]*\)\".*/\1/p" b1-A.xml | head -1) &&
	sed "s/id=\"$id\"/id=\"no-such-item-1\"/" b1-A.xml >unknown.xml &&
	! tiku validate unknown.xml >/dev/null &&
	refused unknown.xml
'
test_expect_success 'a batch whose stored form was tampered with is refused too' '
	sqlite3 "$TIKU_BANK" "UPDATE batch_form SET xml = replace(xml, \"<answer>A</answer>\", \"<answer>C</answer>\") WHERE form = \"B\"" &&
	{ tiku pack --batch b1 --key centre.key -o bad 2>err; test $? = 3; } &&
	test_grep "not valid" err && ! test -e bad.zip
'
test_expect_success 'Lua: bank:pack refuses the same paper, nothing written' '
	cat >p.lua <<-\EOF &&
	local bank = tiku.open()
	local ok, msg = bank:pack("answer.xml", "centre.key", "luabad")
	assert(ok == nil and msg:find("is not valid"), msg)
	assert(io.open("luabad.zip") == nil)
	assert(bank:pack("b1-A.xml", "centre.key", "luagood"))
	print("refused, then packed")
	EOF
	tiku run p.lua >out && test_grep "^refused, then packed$" out &&
	! test -e luabad.zip && test -s luagood.zip
'
test_done
