#!/bin/sh
# tiku edit and tiku new: the item in the author's editor as a form, saved
# as one undoable command; errors reopen the editor; an empty file aborts.
# The "editors" are scripts that change the form as an author would.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml
unset VISUAL
mkdir -p tmp
export TMPDIR="$TRASH/tmp"

# an item's current version, and a column of its row
version() {
	sqlite3 "$TIKU_BANK" "SELECT version FROM item WHERE id = '$1'"
}
field() {
	sqlite3 "$TIKU_BANK" "SELECT $2 FROM item WHERE id = '$1'"
}

# An editor script: $1 the form; $n how many times it has run (kept in NAME.n).
editor() {
	{
		echo '#!/bin/sh'
		echo 'n=$(cat "$0.n" 2>/dev/null || echo 0); n=$((n + 1)); echo $n >"$0.n"'
		cat
	} >"$1" && chmod +x "$1" && rm -f "$1.n"
}

editor harder.sh <<'EOF'
sed -i 's/^难度：2$/难度：4/; s/^1\. 坐席接听客户来电时/1. 坐席接听投诉来电时/' "$1"
EOF
# first run: an answer naming no option; second run: keep what it saw, fix it
editor fix.sh <<'EOF'
if [ $n = 1 ]; then sed -i 's/^答案：A$/答案：E/' "$1"; exit 0; fi
cp "$1" seen.txt
sed -i 's/^答案：E$/答案：B/' "$1"
EOF
editor stubborn.sh <<'EOF'
sed -i 's/^答案：A$/答案：E/' "$1"
EOF
editor empty.sh <<'EOF'
: >"$1"
EOF
editor comments.sh <<'EOF'
sed -i '/^#/!d' "$1"
EOF
editor keep.sh <<'EOF'
cp "$1" kept.txt
echo "$1" >kept.name
EOF
editor write.sh <<'EOF'
sed -i -e 's/^1\. *$/1. 新来的客户首先应当听到（　）。/' -e 's/^A\. *$/A. 问候语与工号/' \
	-e 's/^B\. *$/B. 业务推荐/' -e 's/^C\. *$//' -e 's/^D\. *$//' -e 's/^答案：$/答案：A/' "$1"
EOF

test_expect_success 'set up' 'tiku import -q "$S" "$DATA/items/good.xml"'

test_expect_success 'edit: the saved form is a new version' '
	EDITOR="$TRASH/harder.sh" tiku edit t-single-1 >out &&
	test_grep "saved t-single-1 version 2" out &&
	test "$(version t-single-1)" = 2 &&
	test "$(field t-single-1 difficulty)" = 4 &&
	test "$(tiku search --count 投诉来电)" = 1 &&
	test "$(tiku search --count 客户来电)" = 0 &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM item_history WHERE id = \"t-single-1\"")" = 1
'
test_expect_success 'edit: the form shows the item; an untouched form changes nothing' '
	before=$(bank_sum) && n=$(tiku log | wc -l) &&
	EDITOR="$TRASH/keep.sh" tiku edit t-fill-1 >out &&
	test_grep "^no changes$" out &&
	test_grep "^编号：t-fill-1$" kept.txt &&
	test_grep "^题型：填空题$" kept.txt &&
	test_grep "^等级：初级$" kept.txt &&
	test_grep "^1\. 接通率 = ____ ÷ ____ × 100%。$" kept.txt &&
	test_grep "^答案：接通量；呼入量|进线量$" kept.txt &&
	test "$(bank_sum)" = "$before" && test "$(tiku log | wc -l)" = "$n"
'
test_expect_success 'edit: the editor may be a command with arguments; VISUAL before EDITOR' '
	EDITOR=false VISUAL="sed -i s/^难度：1\$/难度：2/" tiku edit t-tf-1 >out &&
	test_grep "saved t-tf-1 version 2" out &&
	test "$(field t-tf-1 difficulty)" = 2
'
test_expect_success 'edit: an error reopens the editor with it at the top, the text kept' '
	EDITOR="$TRASH/fix.sh" tiku edit t-single-1 >out 2>err &&
	test "$(cat fix.sh.n)" = 2 &&
	test_grep "tiku: the item has 1 error; reopening the editor" err &&
	test_grep "^# error: file line [0-9]*: 答案 .E. names no option" seen.txt &&
	line=$(sed -n "s/^# error: file line \([0-9]*\): 答案 .E. names no option.*/\1/p" seen.txt) &&
	test "$(sed -n "${line}p" seen.txt)" = "答案：E" &&
	test_grep "^1\. 坐席接听投诉来电时" seen.txt &&
	test_grep "saved t-single-1 version 3" out &&
	field t-single-1 xml | test_grep -q "<answer>B</answer>"
'
test_expect_success 'edit: tiku undo takes the edit back' '
	tiku undo >out &&
	test_grep "undid .* edit t-single-1" out &&
	test "$(version t-single-1)" = 2 &&
	field t-single-1 xml | test_grep -q "<answer>A</answer>"
'
test_expect_code 1 'edit: an empty file aborts with status 1' '
	EDITOR="$TRASH/empty.sh" tiku edit t-single-1
'
test_expect_success 'edit: an empty file or only comments leave the bank as it was' '
	before=$(bank_sum) &&
	! EDITOR="$TRASH/empty.sh" tiku edit t-single-1 2>err &&
	test_grep "empty form: aborted" err &&
	! EDITOR="$TRASH/comments.sh" tiku edit t-task-1 2>err &&
	test_grep "empty form: aborted" err &&
	test "$(bank_sum)" = "$before"
'
test_expect_success 'edit: an editor that fails aborts' '
	before=$(bank_sum) &&
	! EDITOR="$TRASH/harder.sh; false" tiku edit t-single-1 2>err &&
	test_grep "exited with status 1" err &&
	test "$(bank_sum)" = "$before"
'
test_expect_code 3 'edit: saving the errors again unfixed aborts' '
	EDITOR="$TRASH/stubborn.sh" tiku edit t-single-1
'
test_expect_success 'edit: ... after opening the editor twice, bank unchanged' '
	before=$(bank_sum) && rm -f stubborn.sh.n &&
	! EDITOR="$TRASH/stubborn.sh" tiku edit t-single-1 2>err &&
	test "$(cat stubborn.sh.n)" = 2 &&
	test_grep "saved again with its errors" err &&
	test "$(bank_sum)" = "$before"
'
test_expect_code 3 'edit: an unknown item' 'EDITOR=true tiku edit no-such-item'
test_expect_success 'edit: the form is a .txt file in $TMPDIR, gone after' '
	EDITOR="$TRASH/keep.sh" tiku edit t-task-1 &&
	case $(cat kept.name) in "$TMPDIR"/tiku-t-task-1-*.txt) ;; *) false ;; esac &&
	! EDITOR="$TRASH/empty.sh" tiku edit t-task-1 &&
	! EDITOR="$TRASH/stubborn.sh" tiku edit t-single-1 &&
	test -z "$(ls tmp)"
'
test_expect_success 'new: a filled-in form is a draft item' '
	before=$(tiku search --count --status draft) &&
	EDITOR="$TRASH/write.sh" tiku new --type single --level 初级 --code 1.1.2 >out &&
	test_grep "^added " out &&
	test "$(tiku search --count --status draft)" = $((before + 1)) &&
	test "$(tiku search --count 新来的客户)" = 1 &&
	id=$(sed -n "s/^added //p" out) &&
	test "$(version "$id")" = 1 &&
	test "$(field "$id" status)" = draft &&
	test "$(field "$id" level)" = junior &&
	test "$(field "$id" points)" = 10
'
test_expect_success 'new: undo removes the new item' '
	n=$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM item") &&
	tiku undo >/dev/null &&
	test "$(sqlite3 "$TIKU_BANK" "SELECT count(*) FROM item")" = $((n - 1))
'
test_expect_success 'new: the form left as it was, or emptied, creates nothing' '
	before=$(bank_sum) &&
	! EDITOR=true tiku new --type truefalse --level 初级 --code 1.1.2 2>err &&
	test_grep "left as it was" err &&
	! EDITOR="$TRASH/empty.sh" tiku new --type short --level 初级 --code 1.1.2 2>err &&
	test_grep "empty form: aborted" err &&
	test "$(bank_sum)" = "$before"
'
test_done
