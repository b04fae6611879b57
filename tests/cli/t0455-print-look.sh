#!/bin/sh
# Printed papers look as the approved reference pages do (tests/data/print
# *.png, rendered at 40 dpi in grey): a theory paper's first page (header,
# 注意事项, score table, section box) and its page of true/false, fill and
# short items; a skill paper's first page, its dialogue table, the first
# page of its key (评分记录表) and its 准备通知单.
. "$(dirname "$0")/lib.sh"

P=$DATA/print

# look PDF PAGE REF: page PAGE of PDF matches the reference image REF
look() {
	pdftoppm -r 40 -gray -png -f "$2" -l "$2" -singlefile "$1" got-"$3" &&
	"$PNGDIFF" "$P/$3.png" got-"$3".png
}

test_expect_success 'set up: the papers, the key and the notice' '
	tiku render "$P/theory.xml" -o theory.pdf >/dev/null &&
	tiku render "$P/skill.xml" -o skill.pdf >/dev/null &&
	tiku render --key "$P/skill.xml" -o skill-key.pdf >/dev/null &&
	tiku render --prep "$P/skill.xml" -o skill-prep.pdf >/dev/null
'
test_expect_success 'the theory paper: first page' 'look theory.pdf 1 theory-1'
test_expect_success 'the theory paper: true/false, fill and short items' 'look theory.pdf 4 theory-4'
test_expect_success 'the skill paper: first page' 'look skill.pdf 1 skill-1'
test_expect_success 'the skill paper: the dialogue table' 'look skill.pdf 5 skill-5'
test_expect_success 'the skill key: a task, its answer and 评分记录表' 'look skill-key.pdf 1 skill-key-1'
test_expect_success 'the 准备通知单' 'look skill-prep.pdf 1 skill-prep-1'
test_done
