#!/bin/sh
# The README's teacher walk-through (#16), as written there: questions
# pasted as text come in untagged, their codes are suggested and taken
# or named by hand, a colleague approves them, and a 30-point practice
# paper is printed for a class, leaving out what the class saw the week
# before.
. "$(dirname "$0")/lib.sh"

# the lines of the first ```sh block after "### A teacher's week"
awk '/^### A teacher.s week/ { want = 1 } want && /^```sh$/ { inside = 1; next }
     inside && /^```$/ { exit } inside { print }' "$ROOT/README.md" >walk.sh
mkdir bin && printf '#!/bin/sh\nexec %s "$@"\n' "$TIKU" >bin/tiku && chmod +x bin/tiku
PATH=$TRASH/bin:$PATH

ids() {
	sed -n "s/.*<item [^>]* id=\"\([^\"]*\)\".*/\1/p" "$@" | sort -u
}

test_expect_success 'the README has the walk-through' '
	test_grep "^tiku import --level 初级 --kind theory --suggest" walk.sh &&
	test_grep "^tiku assemble --blueprint quiz-30.xml --avoid-since" walk.sh
'
test_expect_success 'it runs as written' '
	mkdir w && cd w && ln -s "$ROOT/banks" banks &&
	TIKU_BANK=$PWD/w.db sh -e ../walk.sh >../out 2>../err ||
	{ cat ../out ../err; exit 1; }
'
test_expect_success 'the pasted items came in untagged, with suggestions' '
	test_grep "3 untagged items, drafts until tagged" out &&
	test_grep "^wk3-1 .*坐席接听来电时" out &&
	test_grep "^  1  [0-9B.]* " out
'
test_expect_success 'tagged, then approved by the colleague' '
	for id in wk3-1 wk3-2 wk3-3; do
		TIKU_BANK=w/w.db tiku show $id >show || exit 1
		test_grep "approved" show || exit 1
	done &&
	TIKU_BANK=w/w.db tiku show wk3-1 >show && test_grep "1\.1\.2" show
'
test_expect_success 'week 2 draws nothing of week 1, is valid, and prints for the class' '
	ids w/week1.xml >w1 && test "$(wc -l <w1)" = 30 &&
	! ids w/week2.xml | grep -x -F -f w1 &&
	(cd w && TIKU_BANK=w.db tiku validate week2.xml) >v && test_grep "^valid" v &&
	pdftotext w/week2.pdf - >p.txt &&
	test_grep "班级：高二(3)班" p.txt && ! grep -q "准考证号" p.txt &&
	test -s w/week2-key.pdf
'
test_done
