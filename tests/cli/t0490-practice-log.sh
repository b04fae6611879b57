#!/bin/sh
# Practice exposure (#16 §3): printing a practice paper (tiku render, PDF
# or Word; not its key) logs its items in the bank for that class and
# date, apart from the official exposure of committed batches; tiku show
# lists both.  A print that fails logs nothing, and a log that cannot be
# written leaves no file.
. "$(dirname "$0")/lib.sh"

P=$DATA/practice
MIIT=$BANKS/miit-kflxzxs
W=$DATA/wall

q() {
	sqlite3 "$TIKU_BANK" "$1"
}
first_item() {
	sed -n "s/.*<item [^>]* id=\"\([^\"]*\)\".*/\1/p" "$1" | head -1
}

test_expect_success 'setup: the junior items, two practice papers' '
	tiku import -q "$MIIT/standard.xml" "$MIIT"/items/junior/*.xml &&
	tiku assemble --blueprint "$P/junior-30.xml" --seed 3 -o p.xml 2>/dev/null &&
	tiku assemble --blueprint "$P/junior-30.xml" --seed 4 -o p4.xml 2>/dev/null &&
	test "$(q "SELECT count(*) FROM practice_print")" = 0
'
test_expect_success 'a printed practice paper is logged: its 30 items, the class and the date' '
	tiku render p.xml --class "高二(3)班" --date 2026-12-07 -o p.pdf >out &&
	test_grep "^1 practice paper logged as printed for 高二(3)班, 2026-12-07$" out &&
	test "$(q "SELECT paper, class, date FROM practice_print")" = "junior-quiz-30-3|高二(3)班|2026-12-07" &&
	test "$(q "SELECT count(*) FROM practice_exposure")" = 30 &&
	test "$(q "SELECT count(*) FROM practice_exposure WHERE version = 1")" = 30
'
test_expect_success 'the same paper for the same class and date: logged once; for another class: again' '
	tiku render p.xml --class "高二(3)班" --date 2026-12-07 -o p.docx >out &&
	test_grep "^practice exposure already logged for 高二(3)班, 2026-12-07$" out &&
	test "$(q "SELECT count(*) FROM practice_print")" = 1 &&
	tiku render p.xml --class "高二(4)班" --date 2026-12-08 -o p4b.docx >out &&
	test_grep "^1 practice paper logged as printed for 高二(4)班, 2026-12-08$" out &&
	test "$(q "SELECT count(*) FROM practice_print")" = 2
'
test_expect_success 'without --date the log says today' '
	tiku render p4.xml -o p4.pdf >out &&
	today=$(date +%F) &&
	test_grep "^1 practice paper logged as printed for no class named, $today$" out &&
	test "$(q "SELECT class, date FROM practice_print WHERE paper = '\''junior-quiz-30-4'\''")" = "|$today"
'
test_expect_success 'the key, --no-log and an official paper are not practice exposure' '
	before=$(q "SELECT count(*) FROM practice_print") &&
	tiku render p.xml --key --date 2026-12-09 -o k.pdf >out && ! grep -q logged out &&
	tiku render p.xml --no-log --date 2026-12-09 -o n.pdf >out && ! grep -q logged out &&
	tiku assemble --blueprint "$MIIT/blueprints/junior-theory.xml" --seed 1 -o off.xml 2>/dev/null &&
	tiku render off.xml -o off.pdf >out && ! grep -q logged out &&
	test "$(q "SELECT count(*) FROM practice_print")" = "$before"
'
test_expect_success '--each and --combined: each practice paper logged, the official one not' '
	tiku assemble --blueprint "$P/junior-30.xml" --seed 5 -o p5.xml 2>/dev/null &&
	tiku assemble --blueprint "$P/junior-30.xml" --seed 6 -o p6.xml 2>/dev/null &&
	tiku render p5.xml p6.xml --each --class 三班 --date 2026-12-10 -o each >out &&
	test_grep "^2 practice papers logged as printed for 三班, 2026-12-10$" out &&
	test -e each/p5.pdf && test -e each/p6.pdf &&
	tiku render p5.xml off.xml p6.xml --combined -o all.pdf >out &&
	test_grep "^2 practice papers logged as printed for no class named, $(date +%F)$" out &&
	test "$(q "SELECT count(*) FROM practice_print WHERE date = '\''2026-12-10'\''")" = 2 &&
	test "$(q "SELECT count(*) FROM practice_print WHERE paper IN ('\''junior-quiz-30-5'\'',
		'\''junior-quiz-30-6'\'')")" = 4 &&
	test "$(q "SELECT count(*) FROM practice_print WHERE paper LIKE '\''miit-%'\''")" = 0
'
test_expect_success 'tiku show: the practice papers printed, apart from official forms' '
	id=$(first_item p.xml) &&
	tiku show "$id" >out &&
	test_grep "^  committed official forms: none$" out &&
	test_grep "^  printed for practice: 2026-12-07 junior-quiz-30-3 (高二(3)班), 2026-12-08 junior-quiz-30-3 (高二(4)班)" out &&
	other=$(sqlite3 "$TIKU_BANK" "SELECT id FROM item WHERE level = '\''junior'\'' AND kind = '\''theory'\''
		AND id NOT IN (SELECT item FROM practice_exposure) ORDER BY id LIMIT 1") &&
	tiku show "$other" >out &&
	test_grep "^  printed for practice: none$" out
'
test_expect_success 'official exposure stays apart: a committed batch is not practice exposure' '
	before=$(q "SELECT count(*) FROM practice_exposure") &&
	sed "/<exposure /d" "$W/official.xml" >quiz.xml &&
	tiku batch new b1 --blueprint quiz.xml --seed 5 >/dev/null &&
	tiku batch generate b1 -o forms >/dev/null && tiku batch commit b1 >/dev/null &&
	test "$(q "SELECT count(*) FROM practice_exposure")" = "$before" &&
	id=$(first_item forms/b1-A.xml) &&
	tiku show "$id" >out &&
	test_grep "^  committed official forms: b1 form A" out &&
	if grep -q "^  printed for practice: none$" out; then
		test "$(q "SELECT count(*) FROM practice_exposure WHERE item = '\''$id'\''")" = 0
	fi
'
test_expect_success 'a print that fails logs nothing' '
	before=$(q "SELECT count(*) FROM practice_print") &&
	{ tiku render p6.xml --font "No Such Font" --date 2026-12-11 -o f.pdf 2>err; test $? = 3; } &&
	test ! -e f.pdf &&
	mkdir -p ro && chmod 555 ro &&
	if [ "$(id -u)" != 0 ]; then
		{ tiku render p6.xml --date 2026-12-11 -o ro/f.pdf 2>err; test $? != 0; } &&
		test ! -e ro/f.pdf
	fi &&
	test "$(q "SELECT count(*) FROM practice_print")" = "$before"
'
test_expect_success 'a log that cannot be written (the bank busy): no file, nothing logged' '
	before=$(q "SELECT count(*) FROM practice_print") &&
	TIKU="$TIKU" python3 -c "
import sqlite3, subprocess, os, sys
db = sqlite3.connect(os.environ[\"TIKU_BANK\"], isolation_level=None)
db.execute(\"BEGIN IMMEDIATE\")
env = dict(os.environ, TIKU_BUSY_SECONDS=\"0\")
r = subprocess.run([os.environ[\"TIKU\"], \"render\", \"p6.xml\", \"--date\", \"2026-12-12\",
                    \"-o\", \"busy.pdf\"], env=env, capture_output=True, text=True)
db.execute(\"ROLLBACK\")
sys.stderr.write(r.stderr)
sys.exit(0 if r.returncode == 4 else 1)
" 2>err &&
	test_grep "busy\|lock" err &&
	test ! -e busy.pdf &&
	test "$(q "SELECT count(*) FROM practice_print")" = "$before"
'
test_expect_success 'no bank: the print says how to go on, and --no-log prints' '
	{ TIKU_BANK="$TRASH/none.db" tiku render p6.xml -o nb.pdf 2>err; test $? = 3; } &&
	test_grep "paper .junior-quiz-30-6. is a practice paper, whose printing is logged in the bank, and there is no bank here: name it with --bank, or print with --no-log" err &&
	test ! -e nb.pdf && test ! -e "$TRASH/none.db" &&
	TIKU_BANK="$TRASH/none.db" tiku render p6.xml --no-log -o nb.pdf >/dev/null &&
	test -e nb.pdf && test ! -e "$TRASH/none.db"
'
test_done
