#!/bin/sh
# GIFT in: a bank exported as GIFT comes back with every field GIFT
# carries (what it cannot carry was said on export and stays out); a
# GIFT file as teachers write it for Moodle -- valid for gift-pegjs --
# imports all-or-nothing, each question tiku has no form for named with
# its line, and re-importing changes nothing.
. "$(dirname "$0")/lib.sh"

L=$DATA/lms

# GIFT carries no points, status, author, statistics or enemies; an
# essay's reference answer and rubric stay out (said on export)
strip() {
	sed -e 's/ status="[a-z]*"//' -e 's/ author="[^"]*"//' -e 's/ points="[0-9.]*"//' \
		-e '/<stats /d' -e '/<enemy /d' "$1"
}

test_expect_success 'setup: the test standard; items of every type but images' '
	tiku import -q "$DATA/std/mini.xml" "$DATA/course/shop-items.xml" "$L/items.xml" &&
	tiku export -o before.xml &&
	tiku export --format gift -o g.gift 2>warn
'

test_expect_success 'round trip: tiku -> GIFT -> tiku keeps every field GIFT carries' '
	export TIKU_BANK="$TRASH/back.db" &&
	tiku import -q "$DATA/std/mini.xml" && tiku import -q g.gift &&
	tiku export -o after.xml &&
	# what the export said it leaves out: fill items of several blanks,
	# the reference answer and rubric of essays (giftkeep.py)
	sed -n "s/^\([^:]*\): warning: GIFT has no question with .*/\1/p" warn >left-out &&
	test -s left-out &&
	python3 "$ROOT/tests/tools/giftkeep.py" before.xml left-out >b.xml &&
	strip b.xml >b && strip after.xml >a && test_cmp b a
'

test_expect_success 'round trip: importing the same file again changes nothing' '
	export TIKU_BANK="$TRASH/back.db" &&
	before=$(bank_sum) && tiku import -q g.gift && test "$(bank_sum)" = "$before"
'

test_expect_success 'the teachers file is GIFT as gift-pegjs reads it' '
	node -e "
const fs = require(\"fs\");
const { parse } = require(\"$ROOT/tests/formats/node_modules/gift-pegjs\");
const q = parse(fs.readFileSync(process.argv[1], \"utf8\"));
console.log(q.map(x => x.type).join(\" \"));
" "$L/site.gift" >types &&
	test_grep "^Category MC TF MC Short MC Essay Numerical Matching$" types
'

test_expect_code 3 'a question tiku has no form for: nothing imported, each named with its line' '
	export TIKU_BANK="$TRASH/site.db" &&
	tiku import -q "$DATA/std/mini.xml" &&
	tiku import "$L/site.gift" 2>err; rc=$?; cat err;
	grep -q "site.gift:37: error: question .杯数.: a numerical GIFT question has no tiku form" err &&
	grep -q "site.gift:40: error: question .配对.: a matching GIFT question has no tiku form" err &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM item")" = 0 && exit $rc
'

test_expect_success '--partial imports the others, saying what was not kept' '
	export TIKU_BANK="$TRASH/site.db" &&
	tiku import --partial "$L/site.gift" 2>err && cat err &&
	test_grep "question .点单第一步.: not kept: answer feedback" err &&
	test_grep "question .温度.: not kept: answers of part marks" err &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM item")" = 6 &&
	tiku export -o site.xml
'

test_expect_success 'the questions as items: id, types, answers, weights, the gap, escapes' '
	sed -n "/id=\"gift-greet\"/,/<\/item>/p" site.xml >one &&
	test_grep "type=\"single\" level=\"l5\"" one && test_grep "<answer>A</answer>" one &&
	test_grep "<keyword>点单</keyword>" one && test_grep "<explanation>先问候，再点单。</explanation>" one &&
	test_grep "<stem>下列属于<b>点单</b>步骤的有（　）。</stem>" site.xml &&
	test_grep "<answer>AB</answer>" site.xml &&
	test_grep "<stem>拿铁的牛奶一般打发到约<gap/>摄氏度。</stem>" site.xml &&
	test_grep "<blank>65|65℃</blank>" site.xml &&
	test_grep "<stem>配方写作 {1:2}，其中 ~ 表示约等于（　）。</stem>" site.xml &&
	sed -n "/type=\"short\"/,/<\/item>/p" site.xml >essay && test_grep "kind=\"skill\"" essay
'

test_expect_success 'the sample bank round trip: all but what the export named' '
	B=$ROOT/banks/miit-kflxzxs &&
	export TIKU_BANK="$TRASH/sample.db" &&
	tiku import -q "$B/standard.xml" $(find "$B/items" -name "*.xml" | sort) &&
	tiku export --format gift -o s.gift 2>swarn &&
	export TIKU_BANK="$TRASH/sample-back.db" &&
	tiku import -q "$B/standard.xml" && tiku import -q s.gift &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM item")" = \
	     "$(($(grep -c "^::" s.gift)))"
'

test_done
