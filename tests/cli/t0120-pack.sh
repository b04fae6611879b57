#!/bin/sh
# Signed paper packages: built reproducibly, verified whole, hostile
# archives refused.
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints

test_expect_success 'set up: a paper and the centre key' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/junior/*.xml &&
	tiku batch new b1 --blueprint "$BP/junior-theory.xml" --seed 3 >/dev/null &&
	tiku batch generate b1 -o . >/dev/null &&
	tiku keygen --unencrypted -o centre >/dev/null
'
test_expect_success 'pack: a paper package and a separate key package, each signed' '
	tiku pack b1-A.xml --key centre.key -o pkg >out &&
	test_grep "pkg.zip (paper package" out && test_grep "pkg-key.zip (answer key package" out &&
	id=$(sed -n "s/^<paper [^>]* id=\"\([^\"]*\)\".*/\1/p" b1-A.xml) &&
	unzip -Z1 pkg.zip | LC_ALL=C sort >paper.list &&
	unzip -Z1 pkg-key.zip | LC_ALL=C sort >key.list &&
	printf "$id.pdf\n$id.xml\nmanifest.xml\nmanifest.xml.minisig\n" | LC_ALL=C sort >expect &&
	test_cmp expect paper.list &&
	printf "$id.key.pdf\nmanifest.xml\nmanifest.xml.minisig\n" | LC_ALL=C sort >expect &&
	test_cmp expect key.list
'
test_expect_success 'the manifest names where the paper comes from, each file with its hash' '
	unzip -p pkg.zip manifest.xml >manifest.xml &&
	test_grep "content=\"paper\"" manifest.xml && test_grep "batch=\"b1\"" manifest.xml &&
	test_grep "form=\"A\"" manifest.xml && test_grep "seed=\"[0-9]*\"" manifest.xml &&
	test_grep "bank-digest=\"[0-9a-f]\{64\}\"" manifest.xml &&
	test_grep "tool=\"tiku " manifest.xml &&
	id=$(sed -n "s/^<paper [^>]* id=\"\([^\"]*\)\".*/\1/p" b1-A.xml) &&
	unzip -p pkg.zip "$id.xml" >inner.xml && cmp inner.xml b1-A.xml &&
	sum=$(sha256sum <inner.xml | cut -c1-64) &&
	test_grep "name=\"$id.xml\" size=\"$(wc -c <inner.xml)\" sha256=\"$sum\"" manifest.xml
'
test_expect_success 'the stock minisign verifies both packages; so does tiku' '
	minisign -Vm pkg.zip -p centre.pub >out && test_grep "batch:b1" out &&
	minisign -Vm pkg-key.zip -p centre.pub >/dev/null &&
	tiku verify pkg.zip --pub centre.pub >out &&
	test_grep "package good, 4 files" out &&
	tiku verify pkg-key.zip --pub centre.pub >/dev/null
'
test_expect_success 'packages are reproducible, zip and tar.gz, in any time zone' '
	TZ=Asia/Shanghai tiku pack b1-A.xml --key centre.key -o again >/dev/null &&
	cmp pkg.zip again.zip && cmp pkg-key.zip again-key.zip &&
	tiku pack b1-A.xml --key centre.key -o t1 --format tar.gz >/dev/null &&
	tiku pack b1-A.xml --key centre.key -o t2 --format tar.gz >/dev/null &&
	cmp t1.tar.gz t2.tar.gz && gzip -t t1.tar.gz &&
	tiku verify t1.tar.gz --pub centre.pub >/dev/null
'
flip() {
	b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d " ") &&
	printf "$(printf "\\\\%03o" $(( (b + 1) % 256 )))" |
		dd of="$1" bs=1 seek="$2" count=1 conv=notrunc 2>/dev/null
}
test_expect_success 'one flipped byte anywhere in the package fails verify' '
	n=$(wc -c <pkg-key.zip) && step=$((n / 40 + 1)) && i=0 &&
	while [ $i -lt $n ]; do
		cp pkg-key.zip f.zip && cp pkg-key.zip.minisig f.zip.minisig && flip f.zip $i &&
		if tiku verify f.zip --pub centre.pub >/dev/null 2>&1; then
			echo "byte $i flipped, still verified"; exit 1
		fi
		i=$((i + step))
	done
'
test_expect_success 'one flipped byte of the signature fails verify' '
	n=$(wc -c <pkg.zip.minisig) && i=50 &&
	while [ $i -lt $n ]; do
		cp pkg.zip f.zip && cp pkg.zip.minisig f.zip.minisig && flip f.zip.minisig $i &&
		if tiku verify f.zip --pub centre.pub >/dev/null 2>&1; then
			echo "byte $i flipped, still verified"; exit 1
		fi
		i=$((i + 5))
	done
'
# hostile PKG MODE: an archive made by hand and signed with the centre's
# own key, so that only the checks inside the package can refuse it.
cat >"$TRASH/hostile.py" <<'EOF'
import hashlib, io, sys, tarfile, zipfile
out, mode = sys.argv[1], sys.argv[2]
body = b"<paper/>\n"
def manifest(files):
    s = '<?xml version="1.0" encoding="UTF-8"?>\n<manifest xmlns="urn:tiku:manifest:1" content="paper" tool="test">\n  <paper id="p" standard="s" level="l" kind="theory" seed="1" bank-digest="%s" blueprint-digest="%s"/>\n' % ("0" * 64, "0" * 64)
    for name, data in files:
        s += '  <file name="%s" size="%d" sha256="%s"/>\n' % (name, len(data), hashlib.sha256(data).hexdigest())
    return (s + "</manifest>\n").encode()
files = [("p.xml", body)]
listed = files
if mode == "extra":
    files = files + [("extra.txt", b"x")]
if mode == "missing":
    listed = files + [("gone.pdf", b"y")]
if mode == "changed":
    files = [("p.xml", b"<pap3r/>\n")]   # the same size: only the hash tells
m = manifest(listed)
open(out + ".manifest", "wb").write(m)
if mode in ("symlink", "device", "abs-tar"):
    t = tarfile.open(out, "w:gz")
    def add(name, data, kind=tarfile.REGTYPE, link=""):
        ti = tarfile.TarInfo(name); ti.size = len(data); ti.type = kind; ti.linkname = link
        t.addfile(ti, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
    add("manifest.xml", m); add("p.xml", body)
    if mode == "symlink": add("evil", b"", tarfile.SYMTYPE, "/etc/passwd")
    if mode == "device": add("dev", b"", tarfile.CHRTYPE)
    if mode == "abs-tar": add("/tmp/evil", b"x")
    t.close()
    sys.exit(0)
z = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
z.writestr("manifest.xml", m)
for name, data in files:
    z.writestr(name, data)
if mode == "dotdot": z.writestr("../evil.txt", b"x")
if mode == "abs": z.writestr("/etc/evil", b"x")
if mode == "dup": z.writestr("p.xml", body)
if mode == "bomb": z.writestr("zeros.bin", b"\0" * (60 << 20))
z.close()
EOF
hostile() {
	python3 "$TRASH/hostile.py" "$1" "$2" &&
	tiku sign "$1.manifest" --key centre.key -o "$1.msig" >/dev/null &&
	if [ "$2" = nosig ]; then :; else
		python3 -c "
import sys, zipfile, tarfile
p, s = sys.argv[1], open(sys.argv[2], 'rb').read()
if p.endswith('.zip'):
    z = zipfile.ZipFile(p, 'a'); z.writestr('manifest.xml.minisig', s); z.close()
" "$1" "$1.msig"
	fi &&
	tiku sign "$1" --key centre.key >/dev/null
}
refused() {
	: >err && : >after && ls >before &&
	{ tiku verify "$1" --pub centre.pub 2>err; test $? = 1; } &&
	ls >after && test_cmp before after &&
	test_grep "$2" err
}
test_expect_success 'refused: a path leading up' '
	hostile up.zip dotdot && refused up.zip "leads up"
'
test_expect_success 'refused: an absolute path' '
	hostile abs.zip abs && refused abs.zip "absolute"
'
test_expect_success 'refused: a name twice' '
	hostile dup.zip dup 2>/dev/null && refused dup.zip "a name twice"
'
test_expect_success 'refused: a link, a device, an absolute tar path' '
	hostile link.tar.gz symlink && refused link.tar.gz "a link" &&
	hostile dev.tar.gz device && refused dev.tar.gz "device" &&
	hostile abst.tar.gz abs-tar && refused abst.tar.gz "absolute"
'
test_expect_success 'refused: a bomb of zeros' '
	hostile bomb.zip bomb && refused bomb.zip "compression ratio"
'
test_expect_success 'refused: a file more, a file missing, a file changed' '
	hostile extra.zip extra && refused extra.zip "does not list" &&
	hostile missing.zip missing && refused missing.zip "is missing" &&
	hostile changed.zip changed && refused changed.zip "SHA-256 differs"
'
test_expect_success 'refused: a manifest signed by another key' '
	tiku keygen --unencrypted -o other >/dev/null &&
	python3 "$TRASH/hostile.py" forged.zip ok &&
	tiku sign forged.zip.manifest --key other.key -o forged.msig >/dev/null &&
	python3 -c "
import zipfile, sys
z = zipfile.ZipFile(\"forged.zip\", \"a\"); z.writestr(\"manifest.xml.minisig\", open(\"forged.msig\", \"rb\").read()); z.close()" &&
	tiku sign forged.zip --key centre.key >/dev/null &&
	refused forged.zip "manifest.xml.minisig: signed with key"
'
test_expect_success 'a well-formed hand-made package passes (the checks are not blanket refusals)' '
	hostile fine.zip ok &&
	tiku verify fine.zip --pub centre.pub >out && test_grep "package good, 3 files" out
'
test_expect_success 'open: verify, then the files appear in a new directory' '
	tiku open pkg.zip --pub centre.pub -o site >out &&
	test_grep "package good; 4 files in site" out &&
	id=$(sed -n "s/^<paper [^>]* id=\"\([^\"]*\)\".*/\1/p" b1-A.xml) &&
	cmp site/$id.xml b1-A.xml && test -s site/$id.pdf &&
	! ls -d site.partial.* 2>/dev/null
'
test_expect_success 'open refuses an existing directory and a bad package, writing nothing' '
	{ tiku open pkg.zip --pub centre.pub -o site 2>err; test $? = 3; } &&
	test_grep "exists already" err &&
	cp pkg.zip g.zip && cp pkg.zip.minisig g.zip.minisig && flip g.zip 100 &&
	{ tiku open g.zip --pub centre.pub -o site2 2>err; test $? = 1; } &&
	! test -e site2 && ! ls -d site2.partial.* 2>/dev/null
'
test_expect_success 'sealed to a site: the stock age opens it, and the package inside verifies' '
	tiku keygen --seal -o site >out && test_grep "site.key (age identity, mode 0600)" out &&
	test "$(stat -c %a site.key)" = 600 &&
	test "$(age-keygen -y site.key)" = "$(cat site.pub)" &&
	tiku pack b1-A.xml --key centre.key -o sealed --seal-to site.pub >out &&
	test_grep "sealed.zip.age (paper package, sealed" out &&
	! test -e sealed.zip && ! unzip -l sealed.zip.age >/dev/null 2>&1 &&
	age -d -i site.key sealed.zip.age >sealed.zip &&
	cmp sealed.zip pkg.zip &&
	minisign -Vm sealed.zip -p centre.pub >/dev/null &&
	age -d -i site.key sealed-key.zip.age | cmp - pkg-key.zip
'
test_expect_success 'tiku open decrypts what age seals, with age-keygen keys too' '
	tiku open sealed.zip.age --key site.key --pub centre.pub -o s1 >/dev/null &&
	age-keygen -o ak.key 2>/dev/null &&
	age -r "$(age-keygen -y ak.key)" -o byage.zip.age pkg.zip &&
	cp pkg.zip.minisig byage.zip.minisig &&
	tiku open byage.zip.age --key ak.key --pub centre.pub -o s2 >out &&
	test_grep "package good; 4 files in s2" out && cmp s1/manifest.xml s2/manifest.xml
'
test_expect_success 'several sites; a site not among them cannot open it' '
	tiku keygen --seal -o site2 >/dev/null &&
	tiku pack b1-A.xml --key centre.key -o multi --seal-to site.pub --seal-to site2.pub >/dev/null &&
	age -d -i site.key multi.zip.age | cmp - pkg.zip &&
	age -d -i site2.key multi.zip.age | cmp - pkg.zip &&
	{ tiku open multi.zip.age --key ak.key --pub centre.pub -o s3 2>err; test $? = 1; } &&
	test_grep "not sealed to this site key" err && ! test -e s3 &&
	{ tiku open multi.zip.age --pub centre.pub -o s3 2>err; test $? = 2; } &&
	test_grep "give the site.s key" err
'
test_expect_success 'a changed byte of a sealed package: refused' '
	n=$(wc -c <sealed-key.zip.age) &&
	for i in 40 100 $((n / 2)) $((n - 3)); do
		cp sealed-key.zip.age c.zip.age && cp sealed-key.zip.minisig c.zip.minisig &&
		flip c.zip.age $i &&
		if tiku open c.zip.age --key site.key --pub centre.pub -o c$i 2>/dev/null; then
			echo "byte $i changed, still opened"; exit 1
		fi
		! test -e c$i || exit 1
	done
'
test_expect_success 'a whole batch: every form in one package, their keys in another' '
	tiku pack --batch b1 --key centre.key -o batch >out &&
	test_grep "batch.zip (paper package, 2 papers" out &&
	unzip -Z1 batch.zip | grep -c "\.pdf$" | test_grep "^2$" &&
	unzip -Z1 batch-key.zip | grep -c "\.key\.pdf$" | test_grep "^2$" &&
	! unzip -Z1 batch-key.zip | grep -v "^manifest" | grep -q "\.xml$" &&
	unzip -p batch.zip manifest.xml | grep -c "<paper " | test_grep "^2$" &&
	tiku verify batch.zip --pub centre.pub >out && test_grep "form:A,B" out
'
test_expect_success '--legacy: signify verifies the package signature too' '
	tiku pack b1-A.xml --key centre.key -o leg --legacy >/dev/null &&
	signify-openbsd -V -p centre.pub -x leg.zip.minisig -m leg.zip &&
	minisign -Vm leg.zip -p centre.pub >/dev/null &&
	tiku verify leg.zip --pub centre.pub >/dev/null
'
test_expect_code 2 'pack needs a key and an output' 'tiku pack b1-A.xml'
test_done
