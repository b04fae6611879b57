#!/bin/sh
# tiku verify X.zip.age --key SITE.key: a sealed package decrypted in
# memory, then both signatures and the manifest checked; and the stock
# route the README shows (age -d, then minisign -Vm).
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints

flip() {
	python3 -c "
import sys
p, i = sys.argv[1], int(sys.argv[2])
b = bytearray(open(p, 'rb').read()); b[i] ^= 1; open(p, 'wb').write(b)" "$1" "$2"
}
test_expect_success 'set up: a form sealed to a site' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/junior/*.xml &&
	tiku batch new b1 --blueprint "$BP/junior-theory.xml" --seed 5 >/dev/null &&
	tiku batch generate b1 -o . >/dev/null && tiku batch commit b1 >/dev/null &&
	tiku keygen --unencrypted -o centre >/dev/null &&
	tiku keygen --unencrypted -o other >/dev/null &&
	tiku keygen --seal -o site >/dev/null && tiku keygen --seal -o site2 >/dev/null &&
	tiku pack b1-A.xml --key centre.key --seal-to site.pub -o pk >/dev/null
'
test_expect_success 'verify --key: good, both packages, nothing written' '
	ls >before &&
	tiku verify pk.zip.age --pub centre.pub --key site.key >out &&
	test_grep "pk.zip.age: package good, 4 files as the signed manifest lists them" out &&
	test_grep "trusted comment: content:paper" out &&
	tiku verify pk-key.zip.age --pub centre.pub --key site.key >out &&
	test_grep "package good, 3 files" out &&
	ls | grep -v "^after$\|^out$" >after && test_cmp before after
'
test_expect_success 'the stock route: age -d, then minisign -Vm' '
	age -d -i site.key -o pk.zip pk.zip.age &&
	minisign -Vm pk.zip -p centre.pub >out && test_grep "Signature and comment signature verified" out &&
	rm pk.zip
'
test_expect_code 2 'sealed, and no site key given: a usage error' '
	tiku verify pk.zip.age --pub centre.pub
'
test_expect_success 'another site'"'"'s key cannot open it (exit 1)' '
	{ tiku verify pk.zip.age --pub centre.pub --key site2.key 2>err; test $? = 1; } &&
	test_grep "not sealed to this site key" err
'
test_expect_success 'another signer'"'"'s public key fails (exit 1)' '
	{ tiku verify pk.zip.age --pub other.pub --key site.key 2>err; test $? = 1; } &&
	test_grep "key" err
'
test_expect_success 'a flipped byte in the sealed file or its signature fails' '
	cp pk.zip.age f.zip.age && cp pk.zip.minisig f.zip.minisig && n=$(wc -c <f.zip.age) &&
	flip f.zip.age $((n / 2)) &&
	{ tiku verify f.zip.age --pub centre.pub --key site.key 2>err; test $? = 1; } &&
	cp pk.zip.age f.zip.age && flip f.zip.minisig 60 &&
	! tiku verify f.zip.age --pub centre.pub --key site.key 2>err
'
test_expect_success 'a sealed file holding no package is no package' '
	age -r "$(cat site.pub)" -o junk.zip.age b1-A.xml && cp pk.zip.minisig junk.zip.minisig &&
	{ tiku verify junk.zip.age --pub centre.pub --key site.key 2>err; test $? = 1; } &&
	test_grep "holds no package" err
'
test_done
