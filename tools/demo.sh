#!/bin/sh
# demo.sh -- the main job on the shipped bank, as `make demo` runs it:
# import the MIIT standard and its sample items into a fresh bank, check
# them, print the coverage report for every level and paper kind, draw,
# print and pack an exam batch, print the panel's scoring sheets, and
# bundle the sample course.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TIKU=${TIKU:-$ROOT/tiku}
OUT=${DEMO_DIR:-$ROOT/demo}
mkdir -p "$OUT"
BANK=$OUT/demo.db
rm -f "$BANK" "$BANK-wal" "$BANK-shm"
export TIKU_BANK="$BANK"

echo "== tiku demo: bank $BANK"
echo "== import the standards"
$TIKU import "$ROOT"/banks/miit-kflxzxs/standard.xml "$ROOT"/banks/1x-hjzx/standard.xml
echo "== import the sample items (practice items written for this project) and the bank's glossary"
$TIKU import "$ROOT"/banks/miit-kflxzxs/glossary.xml "$ROOT"/banks/miit-kflxzxs/items/*/*.xml
echo "== lint the standards and the bank (errors only; 'tiku lint' shows warnings too)"
$TIKU lint --errors-only
echo "== coverage against the 权重表"
for level in 初级 中级 高级; do
	for kind in theory skill; do
		echo
		$TIKU coverage --standard miit-kflxzxs --level $level --kind $kind
	done
done
echo
echo "== the standard's own inconsistencies, as lint sees them"
$TIKU lint "$ROOT"/banks/miit-kflxzxs/standard.xml || true
echo
echo "== an exam batch: two parallel forms (A卷, B卷) of the 初级 theory paper, exact to the 权重表"
$TIKU batch new 2023-07 --name 2023年第七次统考 --seed 2023 \
	--blueprint "$ROOT/banks/miit-kflxzxs/blueprints/junior-theory.xml"
$TIKU batch generate 2023-07 -o "$OUT"
echo "== validate both forms, independently of the assembler"
$TIKU validate "$OUT/2023-07-A.xml" "$OUT/2023-07-B.xml"
echo "== print both forms and their answer keys (A4 PDF, fonts embedded)"
for f in A B; do
	$TIKU render --seal-line "$OUT/2023-07-$f.xml" -o "$OUT/2023-07-$f.pdf"
	$TIKU render --key --explanations "$OUT/2023-07-$f.xml" -o "$OUT/2023-07-$f.key.pdf"
done
echo "== the scoring sheets (评分表) of 002's 中级 实践考核 and 高级 综合评审, from their rubrics (sample content)"
$TIKU render --standard miit-kflxzxs --sheet miit-002-intermediate-plan -o "$OUT/sheet-intermediate-plan.pdf"
$TIKU render --standard miit-kflxzxs --sheet miit-002-senior-review -o "$OUT/sheet-senior-review.pdf"
echo "== pack both forms for the exam sites, signed with a demo key (unencrypted: a demo only)"
$TIKU keygen --unencrypted --force -o "$OUT/demo-centre"
for f in A B; do
	$TIKU pack "$OUT/2023-07-$f.xml" --key "$OUT/demo-centre.key" -o "$OUT/2023-07-$f"
done
echo "== what a site does: verify each package against the centre's public key"
for f in A B; do
	$TIKU verify "$OUT/2023-07-$f.zip" --pub "$OUT/demo-centre.pub"
	$TIKU verify "$OUT/2023-07-$f-key.zip" --pub "$OUT/demo-centre.pub"
done
echo
echo "== the 初级 course: 48 class hours, every requirement code taught"
COURSE=$ROOT/banks/miit-kflxzxs/courses/junior
$TIKU course lint "$COURSE"
echo "== its bundles for learners, signed: an offline site and one SCORM 1.2 package"
for fmt in html scorm12; do
	$TIKU bundle "$COURSE" --format $fmt -o "$OUT/junior-$fmt.zip" --key "$OUT/demo-centre.key"
	$TIKU verify "$OUT/junior-$fmt.zip" --pub "$OUT/demo-centre.pub"
done
echo
echo "== search: 投诉"
$TIKU search 投诉 --limit 5
echo
echo "demo bank: $BANK (try: TIKU_BANK=$BANK ./tiku search 坐席)"
