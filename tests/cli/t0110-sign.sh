#!/bin/sh
# Keys and signatures in minisign's formats, checked against the stock
# minisign and signify.
. "$(dirname "$0")/lib.sh"

test_expect_success 'keygen --unencrypted: a secret key only its owner reads, a public key' '
	tiku keygen --unencrypted -o centre >out &&
	test_grep "centre.key (secret, UNENCRYPTED, mode 0600) and centre.pub: key [0-9A-F]\{16\}" out &&
	test "$(stat -c %a centre.key)" = 600 &&
	head -1 centre.pub | test_grep "^untrusted comment: minisign public key [0-9A-F]\{16\}$" &&
	test "$(wc -l <centre.pub)" = 2
'
test_expect_success 'keygen keeps existing keys unless --force' '
	cp centre.pub before.pub &&
	{ tiku keygen --unencrypted -o centre 2>err; test $? = 3; } &&
	test_grep "centre.key: exists already" err &&
	cmp centre.pub before.pub
'
test_expect_success 'the stock minisign verifies what tiku signs' '
	printf "试卷 A\n" >paper.xml &&
	tiku sign paper.xml --key centre.key >out &&
	test_grep "paper.xml.minisig: signed" out &&
	minisign -Vm paper.xml -p centre.pub >out &&
	test_grep "Signature and comment signature verified" out &&
	test_grep "file:paper.xml" out
'
test_expect_success 'a legacy signature: minisign and signify both verify it' '
	tiku sign --legacy paper.xml --key centre.key -o legacy.minisig >/dev/null &&
	minisign -Vm paper.xml -x legacy.minisig -p centre.pub >/dev/null &&
	signify-openbsd -V -p centre.pub -x legacy.minisig -m paper.xml
'
test_expect_success 'tiku verifies what minisign signs, prehashed and legacy' '
	minisign -G -W -f -p m.pub -s m.key >/dev/null &&
	minisign -S -s m.key -m paper.xml -x m.minisig -t "batch 2023-07 form A" >/dev/null &&
	tiku verify paper.xml --pub m.pub --sig m.minisig >out &&
	test_grep "trusted comment: batch 2023-07 form A" out &&
	minisign -S -l -s m.key -m paper.xml -x ml.minisig >/dev/null &&
	tiku verify paper.xml --pub m.pub --sig ml.minisig >/dev/null
'
test_expect_success 'tiku verifies its own signature and prints the trusted comment' '
	tiku sign paper.xml --key centre.key --comment "batch b1 form B" -o c.minisig >/dev/null &&
	tiku verify paper.xml --pub centre.pub --sig c.minisig >out &&
	test_grep "signature good" out && test_grep "^trusted comment: batch b1 form B$" out
'
# flip(FILE, OFFSET): change one byte of FILE
flip() {
	b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d " ") &&
	printf "$(printf "\\\\%03o" $(( (b + 1) % 256 )))" |
		dd of="$1" bs=1 seek="$2" count=1 conv=notrunc 2>/dev/null
}
test_expect_success 'one changed byte of the data fails, exit 1' '
	cp paper.xml p2.xml && flip p2.xml 3 &&
	{ tiku verify p2.xml --pub centre.pub --sig c.minisig 2>err; test $? = 1; } &&
	test_grep "does not match the data" err
'
test_expect_success 'a changed trusted comment fails' '
	sed "s/form B/form C/" c.minisig >t.minisig &&
	{ tiku verify paper.xml --pub centre.pub --sig t.minisig 2>err; test $? = 1; } &&
	test_grep "trusted comment was changed" err
'
test_expect_success 'a changed byte anywhere in the signed part of the signature file fails' '
	n=$(wc -c <c.minisig) && i=0 && bad=0 &&
	while [ $i -lt $n ]; do
		cp c.minisig s.minisig && flip s.minisig $i &&
		if tiku verify paper.xml --pub centre.pub --sig s.minisig >/dev/null 2>&1; then
			# the untrusted comment is not signed: only it may change
			[ $i -lt 50 ] || { echo "byte $i changed, still verified"; bad=1; }
		fi
		i=$((i + 3))
	done &&
	test $bad = 0
'
test_expect_success 'another key: refused, naming both key ids' '
	{ tiku verify paper.xml --pub m.pub --sig c.minisig 2>err; test $? = 1; } &&
	test_grep "signed with key [0-9A-F]*, not with the given key" err
'
test_expect_success 'an encrypted key: minisign signs with it, a wrong passphrase is refused' '
	echo "correct horse" >pw && echo "wrong horse" >pw2 &&
	tiku keygen --passphrase-file pw -o enc >out 2>/dev/null &&
	test_grep "encrypted" out &&
	tiku sign paper.xml --key enc.key --passphrase-file pw -o e.minisig >/dev/null &&
	minisign -Vm paper.xml -x e.minisig -p enc.pub >/dev/null &&
	echo "correct horse" | minisign -S -s enc.key -m paper.xml -x me.minisig >/dev/null 2>&1 &&
	tiku verify paper.xml --pub enc.pub --sig me.minisig >/dev/null &&
	{ tiku sign paper.xml --key enc.key --passphrase-file pw2 -o x.minisig 2>err; test $? = 3; } &&
	test_grep "wrong passphrase" err && ! test -e x.minisig
'
test_expect_success 'malformed keys and signatures: bad input, exit 3' '
	echo "not a key" >bad.pub &&
	{ tiku verify paper.xml --pub bad.pub --sig c.minisig 2>err; test $? = 3; } &&
	test_grep "bad.pub:1: not a minisign public key" err &&
	head -2 c.minisig >short.minisig &&
	{ tiku verify paper.xml --pub centre.pub --sig short.minisig 2>err; test $? = 3; } &&
	test_grep "not a minisign signature" err
'
test_expect_success 'Lua: keygen, sign and verify' '
	cat >s.lua <<-\EOF &&
	local id = assert(tiku.keygen("lua", { unencrypted = true }))
	local f = assert(io.open("paper.xml", "rb")); local data = f:read("a"); f:close()
	local sig = assert(tiku.sign(data, "lua.key", { comment = "form A" }))
	assert(tiku.verify(data, "lua.pub", sig) == "form A")
	local ok, msg = tiku.verify(data .. "x", "lua.pub", sig)
	assert(ok == nil and msg:find("does not match"))
	print("key " .. id)
	EOF
	tiku run s.lua >out && test_grep "^key [0-9A-F]\{16\}$" out
'
test_expect_code 2 'sign needs a key' 'tiku sign paper.xml'
test_expect_code 2 'keygen needs -o' 'tiku keygen --unencrypted'
test_done
