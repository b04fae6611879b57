#!/bin/sh
# QTI packages that are broken or hostile are refused with a message that
# names the file (and the line, the item, the resource), exit 3, nothing
# imported: not a zip, no manifest, a manifest naming files the package
# lacks, an interaction tiku has no form for, a root in the wrong
# namespace, hrefs and pictures that lead out of the package, entries
# that do (and links), a zip bomb, XML that is not well-formed or has a
# DOCTYPE, QTI 1.2, a lone test.  All-or-nothing, --partial, and Word and
# Excel files, which are zips too, still read as what they are.
. "$(dirname "$0")/lib.sh"

NS=http://www.imsglobal.org/xsd/imsqti_v2p1

# pkg NAME FILE... : a zip of the files (made here) under pkg/NAME.zip
pkg() {
	_n=$1
	shift
	(cd src && zip -q "../$_n.zip" "$@")
}

# manifest HREF...: a manifest with an item resource per href
manifest() {
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="M"><organizations/><resources>'
		for h in "$@"; do
			echo "  <resource identifier=\"R-$(echo "$h" | tr -c 'a-zA-Z0-9\n' _)\" type=\"imsqti_item_xmlv2p1\" href=\"$h\"><file href=\"$h\"/></resource>"
		done
		echo '</resources></manifest>'
	}
}

# choice ID [NS]: a good single choice item
choice() {
	cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="${2:-$NS}" identifier="$1" title="$1" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>A</value></correctResponse>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <itemBody>
    <choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">
      <prompt>点单时先做什么？</prompt>
      <simpleChoice identifier="A">问候</simpleChoice>
      <simpleChoice identifier="B">收款</simpleChoice>
    </choiceInteraction>
  </itemBody>
</assessmentItem>
EOF
}

test_expect_success 'setup: the test standard; good and bad items' '
	tiku import -q "$DATA/std/mini.xml" &&
	mkdir -p src/items &&
	choice good >src/items/good.xml &&
	choice wrongns http://www.imsglobal.org/xsd/imsqti_v2p0x >src/items/wrongns.xml &&
	sed -e "s/<choiceInteraction responseIdentifier=\"RESPONSE\" maxChoices=\"1\">/<orderInteraction responseIdentifier=\"RESPONSE\">/" \
	    -e "s|</choiceInteraction>|</orderInteraction>|" -e "s/identifier=\"good\" title=\"good\"/identifier=\"order\" title=\"order\"/" \
	    src/items/good.xml >src/items/order.xml &&
	sed "s|<prompt>|<prompt><img src=\"../../../etc/hostname.png\" alt=\"x\"/>|" src/items/good.xml |
	    sed "s/identifier=\"good\" title=\"good\"/identifier=\"upimg\" title=\"upimg\"/" >src/items/upimg.xml &&
	sed "s|<prompt>|<prompt><b>未闭合</prompt>|" src/items/good.xml |
	    sed "s/identifier=\"good\" title=\"good\"/identifier=\"broken\" title=\"broken\"/" >src/items/broken.xml &&
	{ echo "<?xml version=\"1.0\"?>"; echo "<!DOCTYPE a [<!ENTITY x \"xxxxxxxx\">]>";
	  sed 1d src/items/good.xml | sed "s/点单时先做什么？/\&x;/"; } >src/items/dtd.xml
'

test_expect_code 3 'not a zip: a .zip that is text' '
	echo "not a zip at all" >text.zip &&
	tiku import text.zip 2>err; rc=$?; cat err;
	test_grep "^text.zip:1: error: not a QTI package or item: neither a zip archive nor XML" err && exit $rc
'

test_expect_code 3 'a zip without imsmanifest.xml' '
	pkg nomanifest items/good.xml &&
	tiku import --level 五级 --code 2.1.1 nomanifest.zip 2>err; rc=$?; cat err;
	test_grep "^nomanifest.zip: error: not a QTI package: the zip has no imsmanifest.xml" err && exit $rc
'

test_expect_code 3 'a manifest naming a file the package lacks: the resource and its line' '
	manifest items/good.xml items/gone.xml >src/imsmanifest.xml &&
	pkg missing imsmanifest.xml items/good.xml &&
	tiku import --level 五级 --code 2.1.1 missing.zip 2>err; rc=$?; cat err;
	test_grep "^missing.zip:imsmanifest.xml:4: error: question .R-items_gone_xml.: the package has no file .items/gone.xml." err &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM item")" = 0 && exit $rc
'

test_expect_success '--partial imports the item that is there' '
	tiku import -q --partial --level 五级 --code 2.1.1 missing.zip 2>/dev/null &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT id FROM item")" = good
'

test_expect_code 3 'an order interaction: the item named, nothing imported' '
	export TIKU_BANK="$TRASH/order.db" && tiku import -q "$DATA/std/mini.xml" &&
	manifest items/good.xml items/order.xml >src/imsmanifest.xml &&
	pkg order imsmanifest.xml items/good.xml items/order.xml &&
	tiku import --level 五级 --code 2.1.1 order.zip 2>err; rc=$?; cat err;
	test_grep "^order.zip:items/order.xml:2: error: question .order.: orderInteraction: tiku has no form for it" err &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM item")" = 0 && exit $rc
'

test_expect_code 3 '--partial that keeps nothing is no import' '
	export TIKU_BANK="$TRASH/order.db" &&
	manifest items/order.xml >src/imsmanifest.xml &&
	pkg onlyorder imsmanifest.xml items/order.xml &&
	tiku import --partial --level 五级 --code 2.1.1 onlyorder.zip 2>err; rc=$?; cat err;
	test_grep "nothing imported: all 1 items were rejected" err && exit $rc
'

test_expect_code 3 'an item in the wrong namespace' '
	manifest items/wrongns.xml >src/imsmanifest.xml &&
	pkg wrongns imsmanifest.xml items/wrongns.xml &&
	tiku import --level 五级 --code 2.1.1 wrongns.zip 2>err; rc=$?; cat err;
	test_grep "^wrongns.zip:items/wrongns.xml:2: error: question .wrongns.: the root element <assessmentItem> is in the namespace .http://www.imsglobal.org/xsd/imsqti_v2p0x., not QTI.s" err &&
	exit $rc
'

for href in ../../etc/passwd /etc/passwd http://example.com/item.xml items/%2e%2e/%2e%2e/x.xml 'C:\\items\\x.xml'; do
	test_expect_code 3 "a manifest href that leads out: $href" '
		manifest "'"$href"'" >src/imsmanifest.xml &&
		pkg out imsmanifest.xml items/good.xml &&
		tiku import --level 五级 --code 2.1.1 out.zip 2>err; rc=$?; cat err; rm -f out.zip;
		test_grep "^out.zip:imsmanifest.xml:3: error: question .R-.*: the resource.s href .*leads out of the package" err &&
		exit $rc
	'
done

test_expect_code 3 'an unpacked manifest reads nothing above its folder either' '
	mkdir -p deep/pkg && manifest ../outside.xml >deep/pkg/imsmanifest.xml &&
	choice outside >deep/outside.xml &&
	tiku import --level 五级 --code 2.1.1 deep/pkg/imsmanifest.xml 2>err; rc=$?; cat err;
	test_grep "^deep/pkg/imsmanifest.xml:3: error: question .R-___outside_xml.: the resource.s href .../outside.xml. leads out" err &&
	exit $rc
'

test_expect_code 3 'a picture that leads out of the package' '
	manifest items/upimg.xml >src/imsmanifest.xml &&
	pkg upimg imsmanifest.xml items/upimg.xml &&
	tiku import --level 五级 --code 2.1.1 upimg.zip 2>err; rc=$?; cat err;
	test_grep "^upimg.zip:items/upimg.xml:2: error: question .upimg.: the image .../../../etc/hostname.png. is outside the package" err &&
	exit $rc
'

test_expect_code 3 'an item that is not well-formed: its file and line' '
	manifest items/good.xml items/broken.xml >src/imsmanifest.xml &&
	pkg broken imsmanifest.xml items/good.xml items/broken.xml &&
	tiku import --level 五级 --code 2.1.1 broken.zip 2>err; rc=$?; cat err;
	test_grep "^broken.zip:items/broken.xml:9: error: question .R-items_broken_xml.: not well-formed XML: Opening and ending tag mismatch" err &&
	exit $rc
'

test_expect_code 3 'an item with a DOCTYPE (entities): refused' '
	manifest items/dtd.xml >src/imsmanifest.xml &&
	pkg dtd imsmanifest.xml items/dtd.xml &&
	tiku import --level 五级 --code 2.1.1 dtd.zip 2>err; rc=$?; cat err;
	test_grep "^dtd.zip:items/dtd.xml:1: error: question .R-items_dtd_xml.: DOCTYPE declarations are not allowed" err &&
	exit $rc
'

test_expect_code 3 'a manifest with a DOCTYPE: refused' '
	{ echo "<?xml version=\"1.0\"?>"; echo "<!DOCTYPE manifest SYSTEM \"http://example.com/x.dtd\">";
	  manifest items/good.xml | sed 1d; } >src/imsmanifest.xml &&
	pkg mdtd imsmanifest.xml items/good.xml &&
	tiku import --level 五级 --code 2.1.1 mdtd.zip 2>err; rc=$?; cat err;
	test_grep "^mdtd.zip:imsmanifest.xml:1: error: DOCTYPE declarations are not allowed" err &&
	exit $rc
'

test_expect_code 3 'zip entries that lead up, or are links: the archive refused' '
	python3 - <<-EOF &&
	import zipfile, stat
	with zipfile.ZipFile("up.zip", "w") as z:
	    z.writestr("imsmanifest.xml", open("src/imsmanifest.xml").read())
	    z.writestr("../evil.xml", "x")
	with zipfile.ZipFile("link.zip", "w") as z:
	    i = zipfile.ZipInfo("imsmanifest.xml")
	    i.external_attr = (stat.S_IFLNK | 0o777) << 16
	    z.writestr(i, "/etc/passwd")
	EOF
	tiku import up.zip 2>err; rc=$?; cat err; test $rc = 3 &&
	test_grep "^up.zip: error: a path that is absolute or leads up (.../evil.xml.)" err &&
	tiku import link.zip 2>err; rc=$?; cat err;
	test_grep "^link.zip: error: a link (.imsmanifest.xml.)" err && exit $rc
'

test_expect_code 3 'a zip bomb: refused by the unpack limits, quickly' '
	head -c 300000000 /dev/zero >src/zeros.xml &&
	manifest items/good.xml >src/imsmanifest.xml &&
	pkg bomb imsmanifest.xml items/good.xml zeros.xml && rm src/zeros.xml &&
	test "$(wc -c <bomb.zip)" -lt 1000000 &&
	start=$(date +%s) &&
	tiku import --level 五级 --code 2.1.1 bomb.zip 2>err; rc=$?; cat err;
	test $(($(date +%s) - start)) -lt 60 &&
	test_grep "^bomb.zip: error: a compression ratio no real package has (a zip bomb?)" err &&
	exit $rc
'

test_expect_code 3 'QTI 1.2 is not read, and says so' '
	{ echo "<?xml version=\"1.0\"?>"
	  echo "<manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" identifier=\"M\"><resources>"
	  echo "<resource identifier=\"q1\" type=\"imsqti_xmlv1p2\" href=\"q1.xml\"><file href=\"q1.xml\"/></resource>"
	  echo "</resources></manifest>"; } >src/imsmanifest.xml &&
	echo "<questestinterop/>" >src/q1.xml &&
	pkg qti12 imsmanifest.xml q1.xml &&
	tiku import qti12.zip 2>err; rc=$?; cat err;
	test_grep "^qti12.zip:imsmanifest.xml:1: error: the package holds QTI 1.2 items, which tiku does not read" err &&
	exit $rc
'

test_expect_code 3 'a test on its own names no items to read' '
	printf "<?xml version=\"1.0\"?>\n<assessmentTest xmlns=\"%s\" identifier=\"t\" title=\"t\"/>\n" "$NS" >test.xml &&
	tiku import --format qti test.xml 2>err; rc=$?; cat err;
	test_grep "^test.xml:1: error: a QTI test names its items in other files" err && exit $rc
'

test_expect_code 3 'a manifest that is no IMS content package' '
	echo "<manifest xmlns=\"http://www.imsproject.org/xsd/other\"/>" >src/imsmanifest.xml &&
	pkg other imsmanifest.xml &&
	tiku import other.zip 2>err; rc=$?; cat err;
	test_grep "^other.zip:imsmanifest.xml:1: error: not an IMS content package manifest" err && exit $rc
'

test_expect_success 'Word and Excel files are zips too, and still read as what they are' '
	export TIKU_BANK="$TRASH/office.db" &&
	tiku import -q "$ROOT/banks/miit-kflxzxs/standard.xml" &&
	cp "$DATA/docx/word.docx" word.bin &&
	tiku import -q --level 初级 "$DATA/docx/word.docx" &&
	tiku import --level 初级 word.bin >out 2>&1 && cat out && test_grep "unchanged" out &&
	! grep -qi qti out &&
	export TIKU_BANK="$TRASH/excel.db" &&
	tiku import -q "$DATA/std/mini.xml" &&
	cp "$DATA/xlsx/mixed.xlsx" mixed.bin &&
	tiku import mixed.bin >out 2>&1 && cat out &&
	test_grep "mixed.bin: 3 items: 3 added" out
'

test_done
