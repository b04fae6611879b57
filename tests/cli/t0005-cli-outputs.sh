#!/bin/sh
# The rule for -o of the commands that write documents: render (one PDF,
# or a directory with --each), keygen (a key pair), sign (a signature),
# pack (a package pair), open (a new directory).  What -o names is what
# is written; a name for another format is a usage error; every file is
# written whole, and a command that fails leaves nothing behind.
. "$(dirname "$0")/lib.sh"

P=$DATA/papers
R=$DATA/render

# nothing_left: no scratch file or directory of a run is left anywhere here
nothing_left() {
	! find . -name "*.partial.*" -o -name "*.tmp.*" -o -name ".tiku-render.*" \
		-o -name "*.new.*" | grep .
}

# every command: --help, and an undeclared option named in the error
test_expect_success 'each command has --help and refuses an undeclared option' '
	for c in render keygen sign verify pack open; do
		tiku $c --help >out && test_grep "^usage: tiku $c" out || exit 1
		{ tiku $c --frobnicate x 2>err; test $? = 2; } || exit 1
		test_grep "unknown option .--frobnicate." err || exit 1
	done
'
test_expect_success 'short letters the usage never showed are refused' '
	{ tiku render -k "$P/mini-paper.xml" -o k.pdf 2>err; test $? = 2; } &&
	test_grep "unknown option .-k." err &&
	{ tiku verify x -p y 2>err; test $? = 2; } && test_grep "unknown option .-p." err &&
	! test -e k.pdf
'

# ---- render -----------------------------------------------------------

test_expect_success 'render -o NAME.pdf writes exactly that' '
	mkdir r1 && cd r1 &&
	tiku render "$P/mini-paper.xml" -o paper.pdf >out &&
	test_grep "^paper.pdf: [0-9]* pages\?$" out &&
	test "$(ls)" = "$(printf "out\npaper.pdf")" &&
	pdfinfo paper.pdf >/dev/null
'
test_expect_success 'render -o for another format: usage error naming PDF and Word, nothing written' '
	{ tiku render "$P/mini-paper.xml" -o q.odt 2>err; test $? = 2; } &&
	test_grep "q.odt" err && test_grep "\.pdf" err && test_grep "\.docx" err && ! test -e q.odt &&
	{ tiku render "$P/mini-paper.xml" "$R/hard.xml" --combined -o all.zip 2>err; test $? = 2; } &&
	! test -e all.zip
'
test_expect_success 'render --combined -o ALL.pdf: one file' '
	mkdir r2 && cd r2 &&
	tiku render "$R/hard.xml" "$P/mini-paper.xml" --combined -o all.pdf >out &&
	test "$(ls)" = "$(printf "all.pdf\nout")" &&
	pages=$(sed -n "s/^all.pdf: \([0-9]*\) pages$/\1/p" out) &&
	pdfinfo all.pdf | test_grep "Pages: *$pages$"
'
test_expect_success 'render --each -o DIR: the directory and its parents are made' '
	tiku render "$P/mini-paper.xml" "$R/hard.xml" --each -o a/b/pdfs >out &&
	test_grep "^a/b/pdfs: 2 PDFs, [0-9]* pages$" out &&
	test "$(ls a/b/pdfs)" = "$(printf "hard.pdf\nmini-paper.pdf")" &&
	tiku render --key "$R/hard.xml" --each -o a/b/pdfs >/dev/null &&
	test -s a/b/pdfs/hard.key.pdf && test -s a/b/pdfs/hard.pdf &&
	nothing_left
'
test_expect_success 'render --each that fails: no PDF, no directory of its own left' '
	{ tiku render "$P/mini-paper.xml" "$R/missing-image.xml" --each -o x/y/z 2>err;
	  test $? = 3; } &&
	test_grep "cannot read the image" err && ! test -e x &&
	mkdir keep && echo mine >keep/other.txt &&
	{ tiku render "$P/mini-paper.xml" "$R/missing-image.xml" --each -o keep 2>/dev/null;
	  test $? = 3; } &&
	test "$(ls -A keep)" = "other.txt" && nothing_left
'
test_expect_success 'render --each: two papers of one name would be one file, a usage error' '
	mkdir other && cp "$P/mini-paper.xml" other/ &&
	{ tiku render "$P/mini-paper.xml" other/mini-paper.xml --each -o dup 2>err; test $? = 2; } &&
	test_grep "mini-paper.pdf" err && ! test -e dup
'
test_expect_success 'render: a PDF that cannot be put in place leaves the others out too' '
	mkdir -p blocked/hard.pdf &&
	{ tiku render "$P/mini-paper.xml" "$R/hard.xml" --each -o blocked 2>err; test $? = 3; } &&
	test_grep "blocked/hard.pdf: cannot write" err &&
	! test -e blocked/mini-paper.pdf && nothing_left &&
	echo old >old.pdf && cp old.pdf blocked/mini-paper.pdf &&
	{ tiku render "$P/mini-paper.xml" "$R/hard.xml" --each -o blocked 2>/dev/null; test $? = 3; } &&
	cmp old.pdf blocked/mini-paper.pdf
'

# ---- keygen and sign ----------------------------------------------------

test_expect_success 'keygen -o NAME, NAME.key or NAME.pub: NAME.key and NAME.pub' '
	mkdir k && cd k &&
	tiku keygen --unencrypted -o one >/dev/null &&
	tiku keygen --unencrypted -o two.key >out &&
	test_grep "^two.key (secret, UNENCRYPTED, mode 0600) and two.pub: key" out &&
	tiku keygen --unencrypted -o three.pub >/dev/null &&
	tiku keygen --seal -o site.pub >out && test_grep "^site.key (age identity" out &&
	test "$(ls | grep -v "^out$" | tr "\n" " ")" = \
		"one.key one.pub site.key site.pub three.key three.pub two.key two.pub " &&
	test "$(stat -c %a two.key)" = 600 && test "$(stat -c %a site.key)" = 600
'
test_expect_success 'keygen -o for another format is a usage error' '
	{ tiku keygen --unencrypted -o k.zip 2>err; test $? = 2; } &&
	test_grep "k.zip" err && ! ls k.* 2>/dev/null &&
	{ tiku keygen --unencrypted -o keys/ 2>err; test $? = 2; } && test_grep "names no file" err &&
	{ tiku keygen --unencrypted -o .pub 2>/dev/null; test $? = 2; } && ! ls -A | grep "^\.pub"
'
test_expect_success 'keygen: either file there already refuses the pair, writing nothing' '
	mkdir k2 && cd k2 &&
	echo mine >half.pub &&
	{ tiku keygen --unencrypted -o half 2>err; test $? = 3; } &&
	test_grep "half.pub: exists already" err &&
	! test -e half.key && test "$(cat half.pub)" = mine &&
	{ tiku keygen --seal -o half 2>/dev/null; test $? = 3; } && ! test -e half.key &&
	nothing_left
'
test_expect_success 'keygen --force replaces both files whole' '
	mkdir k3 && cd k3 &&
	tiku keygen --unencrypted -o c >/dev/null && cp c.pub old.pub &&
	tiku keygen --unencrypted --force -o c.key >/dev/null &&
	! cmp -s c.pub old.pub && test "$(stat -c %a c.key)" = 600 &&
	printf "x\n" >f && tiku sign f --key c.key >/dev/null && tiku verify f --pub c.pub >/dev/null &&
	nothing_left
'
test_expect_success 'keygen into a directory that is not there: an error, nothing left' '
	{ tiku keygen --unencrypted -o nodir/c 2>err; test $? = 3; } &&
	test_grep "nodir/c.key: cannot write" err && ! test -e nodir && nothing_left
'
test_expect_success 'sign: FILE.minisig by default, -o FILE.minisig as named, not another format' '
	mkdir s && cd s &&
	tiku keygen --unencrypted -o c >/dev/null && printf "试卷\n" >paper.xml &&
	tiku sign paper.xml --key c.key >out && test_grep "^paper.xml.minisig: signed$" out &&
	tiku sign paper.xml --key c.key -o named.minisig >out &&
	test_grep "^named.minisig: signed$" out &&
	tiku verify paper.xml --pub c.pub --sig named.minisig >/dev/null &&
	{ tiku sign paper.xml --key c.key -o sig.pdf 2>err; test $? = 2; } &&
	test_grep "\.minisig" err && ! test -e sig.pdf
'

# ---- pack and open ------------------------------------------------------

# pack validates every paper against the bank first: the paper's own bank
test_expect_success 'set up: the centre key, a site key, the bank the paper comes from' '
	tiku import -q "$DATA/std/mini.xml" "$P/mini-items.xml" &&
	tiku keygen --unencrypted -o centre >/dev/null &&
	tiku keygen --seal -o site >/dev/null &&
	cp "$P/mini-blueprint.xml" bp.xml &&
	tiku assemble --blueprint bp.xml --seed 1 -o paper.xml 2>/dev/null
'
test_expect_success 'pack -o pkg.zip and -o pkg: pkg.zip and pkg-key.zip, the same bytes' '
	tiku pack paper.xml --key centre.key -o pkg.zip >out &&
	test_grep "^pkg.zip (paper package, 1 paper, [0-9]* bytes) and pkg.zip.minisig$" out &&
	test_grep "^pkg-key.zip (answer key package, 1 paper" out &&
	! test -e pkg.zip.zip && ! test -e pkg.zip-key.zip &&
	mkdir again && tiku pack paper.xml --key centre.key -o again/pkg >/dev/null &&
	for f in pkg.zip pkg-key.zip; do cmp $f again/$f || exit 1; done &&
	test "$(ls again | tr "\n" " ")" = "pkg-key.zip pkg-key.zip.minisig pkg.zip pkg.zip.minisig " &&
	tiku verify pkg.zip --pub centre.pub >/dev/null &&
	tiku verify pkg-key.zip --pub centre.pub >/dev/null && nothing_left
'
test_expect_success 'pack -o x.tar.gz means tar.gz; --format tar.gz -o x the same' '
	tiku pack paper.xml --key centre.key -o t1.tar.gz >/dev/null &&
	gzip -t t1.tar.gz && gzip -t t1-key.tar.gz && ! test -e t1.tar.gz.zip &&
	tiku pack paper.xml --key centre.key --format tar.gz -o t2 >/dev/null &&
	cmp t1.tar.gz t2.tar.gz && cmp t1-key.tar.gz t2-key.tar.gz &&
	tiku verify t1-key.tar.gz --pub centre.pub >/dev/null
'
test_expect_success 'pack: a name that contradicts the format is a usage error, nothing written' '
	{ tiku pack paper.xml --key centre.key --format zip -o c1.tar.gz 2>err; test $? = 2; } &&
	test_grep "c1.tar.gz" err &&
	{ tiku pack paper.xml --key centre.key --format tar.gz -o c2.zip 2>/dev/null; test $? = 2; } &&
	{ tiku pack paper.xml --key centre.key -o c3.pdf 2>/dev/null; test $? = 2; } &&
	{ tiku pack paper.xml --key centre.key -o c4.zip.age 2>/dev/null; test $? = 2; } &&
	{ tiku pack paper.xml --key centre.key --format rar -o c5 2>/dev/null; test $? = 2; } &&
	! ls c1* c2* c3* c4* c5* 2>/dev/null
'
test_expect_success 'pack --seal-to: the names get .age, -o NAME.zip.age names them too' '
	tiku pack paper.xml --key centre.key --seal-to site.pub -o s1.zip >out &&
	test_grep "^s1.zip.age (paper package, sealed, 1 paper" out &&
	test_grep "^s1-key.zip.age (answer key package, sealed, 1 paper, [0-9]* bytes) and s1-key.zip.minisig$" out &&
	test "$(ls s1* | tr "\n" " ")" = "s1-key.zip.age s1-key.zip.minisig s1.zip.age s1.zip.minisig " &&
	tiku pack paper.xml --key centre.key --seal-to site.pub -o s2.tar.gz.age >/dev/null &&
	test "$(ls s2* | tr "\n" " ")" = "s2-key.tar.gz.age s2-key.tar.gz.minisig s2.tar.gz.age s2.tar.gz.minisig " &&
	age -d -i site.key s1.zip.age | cmp - pkg.zip
'
test_expect_success 'pack: when the key package cannot be written, the paper package is not left' '
	mkdir f-key.zip &&
	{ tiku pack paper.xml --key centre.key -o f 2>err; test $? = 3; } &&
	test_grep "f-key.zip: cannot write" err &&
	! test -e f.zip && ! test -e f.zip.minisig && ! test -e f-key.zip.minisig &&
	mkdir g-key.zip.minisig &&
	{ tiku pack paper.xml --key centre.key -o g.zip 2>/dev/null; test $? = 3; } &&
	! test -e g.zip && ! test -e g.zip.minisig && ! test -e g-key.zip &&
	nothing_left
'
test_expect_success 'pack: a failed run keeps nothing of its own, and an older package stays' '
	cp pkg.zip h.zip && mkdir h-key.zip &&
	{ tiku pack paper.xml --key centre.key -o h 2>/dev/null; test $? = 3; } &&
	cmp pkg.zip h.zip && ! test -e h.zip.minisig && nothing_left
'
test_expect_success 'open -o DIR: its parents are made' '
	tiku open pkg.zip --pub centre.pub -o sites/one/a >out &&
	test_grep "package good; 4 files in sites/one/a" out &&
	test -s sites/one/a/manifest.xml && nothing_left
'
test_expect_success 'open: DIR must not exist; a bad package makes no directory at all' '
	{ tiku open pkg.zip --pub centre.pub -o sites/one/a 2>err; test $? = 3; } &&
	test_grep "exists already" err &&
	cp pkg.zip bad.zip && printf "x" >>bad.zip && cp pkg.zip.minisig bad.zip.minisig &&
	{ tiku open bad.zip --pub centre.pub -o new/dir/x 2>/dev/null; test $? = 1; } &&
	! test -e new && nothing_left
'
test_expect_success 'Lua: bank:pack(paper, key, name) writes name.zip and name-key.zip' '
	cat >p.lua <<-\EOF &&
	local p = assert(tiku.read_paper("paper.xml"))
	local a, b = assert(tiku.open():pack(p, "centre.key", "lua"))
	print(a, b)
	EOF
	tiku run p.lua >out && test_grep "^lua.zip	lua-key.zip$" out &&
	cmp lua.zip pkg.zip
'
test_done
