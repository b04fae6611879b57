#!/bin/sh
# Items as an IMS QTI 2.1 content package: every item and the manifest
# valid against the official schemas (xmllint --nonet); every item's
# responses, mappings, points and scorer rubric the bank's; the package
# converted to QTI 3.0 by @citolab/qti-convert without error and still
# the bank's; images carried; the same bytes twice.
. "$(dirname "$0")/lib.sh"

CHECK="node $ROOT/tests/formats/check.mjs"
CONVERT="node $ROOT/tests/formats/node_modules/@citolab/qti-convert/dist/qti-convert-pkg.mjs"
X=$ROOT/../shared/xsd/qti
IMG=$DATA/course/shop/img

test_expect_success 'setup: the test standard and items of every type' '
	tiku import -q "$DATA/std/mini.xml" "$DATA/course/shop-items.xml" \
		"$DATA/course/cc/items.xml" "$DATA/lms/items.xml" &&
	tiku export -o bank.xml
'

test_expect_success 'qti21: a package with a manifest, an item file each, the image' '
	tiku export --format qti21 --images "$IMG" -o q.zip &&
	mkdir q && (cd q && unzip -q ../q.zip) &&
	test -f q/imsmanifest.xml &&
	test "$(ls q/items | wc -l)" = "$(grep -c "<item " bank.xml)" &&
	test "$(ls q/media)" = "$(sha256sum "$IMG/beans.png" | cut -c1-20).png" &&
	cmp q/media/*.png "$IMG/beans.png" &&
	test_grep "src=\"../media/$(sha256sum "$IMG/beans.png" | cut -c1-20).png\"" q/items/cc-task.xml
'

test_expect_success 'qti21: the manifest (with its LOM) against imscp_v1p1.xsd' '
	xmllint --noout --nonet --schema "$X/imscp_v1p1.xsd" q/imsmanifest.xml &&
	test_grep "<imsmd:id>2.1.1</imsmd:id>" q/imsmanifest.xml &&
	test_grep "<imsmd:langstring xml:lang=\"x-none\">very easy</imsmd:langstring>" q/imsmanifest.xml
'

test_expect_success 'qti21: every item against imsqti_v2p1.xsd' '
	for f in q/items/*.xml; do
		xmllint --noout --nonet --schema "$X/qtiv2p1/imsqti_v2p1.xsd" "$f" 2>>errs || echo "$f" >>bad
	done; cat errs; test ! -s bad
'

test_expect_success 'qti21: every item is the bank'"'"'s (responses, mappings, points, rubric)' '
	$CHECK qti q bank.xml
'

test_expect_success 'qti21: markup in the bank stays text' '
	test_grep -F "&lt;script&gt;alert(1)&lt;/script&gt;" q/items/lms-single.xml &&
	! grep -q "<script" q/items/*.xml
'

test_expect_success 'qti30: @citolab/qti-convert converts the package, and it is still the bank'"'"'s' '
	$CONVERT q.zip >out 2>&1; rc=$?; cat out; test $rc = 0 &&
	test_grep "Successfully converted the package" out && ! grep -qi error out &&
	mkdir q3 && (cd q3 && unzip -q ../q-qti3.zip) &&
	test_grep "<qti-assessment-item" q3/items/lms-fill2.xml &&
	$CHECK qti q3 bank.xml >out; rc=$?; cat out; test $rc = 0 && test_grep "QTI 3.0" out
'

test_expect_success 'the same bytes twice' '
	tiku export --format qti21 --images "$IMG" -o q2.zip && cmp q.zip q2.zip
'

test_expect_code 2 'a package needs -o FILE.zip' '
	tiku export --format qti21 --images "$IMG"
'

test_expect_success 'the sample bank: every item valid and the bank'"'"'s' '
	B=$ROOT/banks/miit-kflxzxs &&
	TIKU_BANK=$TRASH/sample.db tiku import -q "$B/standard.xml" $(find "$B/items" -name "*.xml" | sort) &&
	TIKU_BANK=$TRASH/sample.db tiku export -o sample.xml &&
	TIKU_BANK=$TRASH/sample.db tiku export --format qti21 -o s.zip &&
	mkdir s && (cd s && unzip -q ../s.zip) &&
	xmllint --noout --nonet --schema "$X/imscp_v1p1.xsd" s/imsmanifest.xml &&
	xmllint --noout --nonet --schema "$X/qtiv2p1/imsqti_v2p1.xsd" s/items/*.xml 2>errs >/dev/null; rc=$?;
	grep -v " validates$" errs; test $rc = 0 &&
	$CHECK qti s sample.xml
'

test_done
