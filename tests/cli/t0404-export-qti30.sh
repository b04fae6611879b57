#!/bin/sh
# Items as an IMS QTI 3.0 content package (--format qti30): the QTI 3
# packaging (its namespace, resource types, LOM 1.3 and QTI metadata),
# every item a qti-assessment-item; every item the bank's (responses,
# mappings, points, rubric: tests/formats/check.mjs, with xmldom); and
# the same item mapping as --format qti21, said in QTI 3's names
# (tests/formats/qti-pair.mjs).  @citolab/qti-convert converts only
# QTI 2.x to 3.0 (its API and its commands have no way back), so the
# 3.0 items are not taken back to 2.1 for the 2.1 schema; the QTI 3
# player of t0405 is their test by software we did not write.
. "$(dirname "$0")/lib.sh"

CHECK="node $ROOT/tests/formats/check.mjs"
PAIR="node $ROOT/tests/formats/qti-pair.mjs"
IMG=$DATA/course/shop/img

test_expect_success 'setup: the test standard and items of every type' '
	tiku import -q "$DATA/std/mini.xml" "$DATA/course/shop-items.xml" \
		"$DATA/course/cc/items.xml" "$DATA/lms/items.xml" &&
	tiku export -o bank.xml
'

test_expect_success 'qti30: a package with a manifest, an item file each, the image' '
	tiku export --format qti30 --images "$IMG" -o q3.zip 2>err &&
	mkdir q3 && (cd q3 && unzip -q ../q3.zip) &&
	test "$(ls q3/items | wc -l)" = "$(grep -c "<item " bank.xml)" &&
	test "$(ls q3/media)" = "$(sha256sum "$IMG/beans.png" | cut -c1-20).png" &&
	cmp q3/media/*.png "$IMG/beans.png" &&
	test_grep "src=\"../media/$(sha256sum "$IMG/beans.png" | cut -c1-20).png\"" q3/items/cc-task.xml
'

test_expect_success 'qti30: nothing of these items is lost, so nothing is reported' '
	test ! -s err
'

test_expect_success 'qti30: the manifest is QTI 3 packaging, with LOM 1.3 and QTI metadata' '
	M=q3/imsmanifest.xml &&
	xmllint --noout --nonet $M &&
	x() { xmllint --nonet --xpath "$1" $M; } &&
	test "$(x "namespace-uri(/*)")" = http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1 &&
	test "$(x "string(/*/*[local-name()=\"metadata\"]/*[local-name()=\"schema\"])")" = "QTI Package" &&
	test "$(x "string(/*/*[local-name()=\"metadata\"]/*[local-name()=\"schemaversion\"])")" = 3.0.0 &&
	test "$(x "count(//*[local-name()=\"resource\"][@type=\"imsqti_item_xmlv3p0\"])")" = "$(grep -c "<item " bank.xml)" &&
	test "$(x "count(//*[local-name()=\"resource\"][@type!=\"imsqti_item_xmlv3p0\"])")" = 0 &&
	test "$(x "count(//*[namespace-uri()=\"http://ltsc.ieee.org/xsd/LOM\" and local-name()=\"lom\"])")" = "$(grep -c "<item " bank.xml)" &&
	R="//*[local-name()=\"resource\"][@identifier=\"shop-make-s1\"]" &&
	test "$(x "string($R//*[local-name()=\"taxon\"][2]/*[local-name()=\"id\"])")" = theory &&
	test "$(x "string($R//*[local-name()=\"taxon\"][3]/*[local-name()=\"id\"])")" = 1.1.1 &&
	test "$(x "string($R//*[local-name()=\"taxon\"][1]/*[local-name()=\"entry\"]/*[local-name()=\"string\"])")" = 五级 &&
	test "$(x "string($R//*[local-name()=\"difficulty\"]/*[local-name()=\"value\"])")" = "very easy" &&
	test "$(x "string($R//*[local-name()=\"interactionType\"])")" = choiceInteraction &&
	R="//*[local-name()=\"resource\"][@identifier=\"cc-task\"]" &&
	test "$(x "string($R//*[local-name()=\"scoringMode\"])")" = human
'

test_expect_success 'qti30: every item is a qti-assessment-item in the QTI 3 namespace, no 2.1 name left' '
	for f in q3/items/*.xml; do
		xmllint --noout --nonet "$f" &&
		test "$(xmllint --nonet --xpath "concat(namespace-uri(/*), \" \", local-name(/*))" "$f")" = \
			"http://www.imsglobal.org/xsd/imsqtiasi_v3p0 qti-assessment-item" || return 1
	done &&
	! grep -l "<[a-z]*[A-Z]" q3/items/*.xml &&
	! grep -l " [a-z]*[A-Z][a-zA-Z]*=\"" q3/items/*.xml
'

test_expect_success 'qti30: every item is the bank'"'"'s (responses, mappings, points, rubric)' '
	$CHECK qti q3 bank.xml >out; rc=$?; cat out; test $rc = 0 && test_grep "QTI 3.0" out
'

test_expect_success 'qti30 says what qti21 says, in QTI 3 names (one walk, two vocabularies)' '
	tiku export --format qti21 --images "$IMG" -o q2.zip &&
	mkdir q2 && (cd q2 && unzip -q ../q2.zip) &&
	$PAIR q2 q3
'

test_expect_success 'qti30: scorer rubric blocks and feedback hold their content in a body' '
	test_grep -F "<qti-rubric-block use=\"scoring\" view=\"scorer\"><qti-content-body>" q3/items/cc-task.xml &&
	test_grep -F "<qti-modal-feedback outcome-identifier=\"FEEDBACK\" identifier=\"EXPLAIN\" show-hide=\"show\" title=\"解析\"><qti-content-body>" q3/items/cc-task.xml &&
	test_grep -F "<qti-text-entry-interaction response-identifier=\"RESPONSE1\" expected-length=\"12\"/>" q3/items/lms-fill2.xml
'

test_expect_success 'qti30: markup in the bank stays text' '
	test_grep -F "&lt;script&gt;alert(1)&lt;/script&gt;" q3/items/lms-single.xml &&
	! grep -q "<script" q3/items/*.xml
'

test_expect_success 'qti30: the filters choose the items' '
	tiku export --format qti30 --type single -o single.zip &&
	unzip -l single.zip >list &&
	test "$(grep -c " items/" list)" = "$(grep -c "type=\"single\"" bank.xml)"
'

test_expect_success 'the same bytes twice' '
	tiku export --format qti30 --images "$IMG" -o q3b.zip && cmp q3.zip q3b.zip
'

test_expect_code 2 'a package needs -o FILE.zip' '
	tiku export --format qti30 --images "$IMG"
'

test_expect_code 2 'a package is not written to another name' '
	tiku export --format qti30 -o q3.xml
'

test_expect_code 3 'an image the package cannot have: exit 3, nothing written' '
	tiku export --format qti30 -o nope.zip; rc=$?; test ! -e nope.zip; exit $rc
'

test_expect_success 'the sample bank: every item the bank'"'"'s, and what qti21 says' '
	B=$BANKS/miit-kflxzxs &&
	TIKU_BANK=$TRASH/sample.db tiku import -q "$B/standard.xml" $(find "$B/items" -name "*.xml" | sort) &&
	TIKU_BANK=$TRASH/sample.db tiku export -o sample.xml &&
	TIKU_BANK=$TRASH/sample.db tiku export --format qti30 -o s3.zip 2>err && test ! -s err &&
	TIKU_BANK=$TRASH/sample.db tiku export --format qti21 -o s2.zip &&
	mkdir s3 s2 && (cd s3 && unzip -q ../s3.zip) && (cd s2 && unzip -q ../s2.zip) &&
	$CHECK qti s3 sample.xml && $PAIR s2 s3
'

test_done
