#!/bin/sh
# Straight quotes in Chinese text: print turns them (“” ‘’), and lint
# warns of them in stems so that the source says which quote opens.
. "$(dirname "$0")/lib.sh"

Q=$DATA/print/quotes.xml

# quotes.xml's items as a paper
{
	echo '<paper xmlns="urn:tiku:paper:1" id="q" standard="miit-kflxzxs" level="junior" kind="theory" blueprint="q" blueprint-digest="0000000000000000000000000000000000000000000000000000000000000000" bank-digest="0000000000000000000000000000000000000000000000000000000000000000" seed="1">'
	echo '<title>引号</title><points>3</points><duration>10</duration><rules tolerance="0" status="approved"/><section type="truefalse" points="1">'
	sed -n '/<item /,/<\/item>/p' "$DATA/print/quotes.xml" |
	sed 's/<item /<item xmlns="urn:tiku:items:1" version="1" /'
	echo '</section></paper>'
} >"$TRASH/q.xml"
# what the English item must still print: its quotes and apostrophe as written
printf '%s\n' "Theagentsaid\"it'sfine\"atonce." >"$TRASH/english"

test_expect_success 'set up: items with straight, turned and English quotes' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$Q"
'
test_expect_success 'lint warns of straight quotes in a Chinese stem, and only there' '
	{ tiku lint >out || :; } &&
	grep "straight quotes" out >warned &&
	test "$(wc -l <warned)" = 1 &&
	test_grep "quotes.xml:3: warning: item .q-straight.: the stem has straight quotes" warned
'
test_expect_success 'print turns them, opening and closing in turn; English keeps its own' '
	tiku render "$TRASH/q.xml" -o q.pdf >/dev/null &&
	pdftotext -layout q.pdf - | tr -d " \n" >flat &&
	grep -q "客户说“系统又出错了”，座席答‘请稍候’，这是“先情后理”的做法。" flat &&
	grep -q "客户说“系统又出错了”，座席答‘请稍候’。" flat &&
	grep -qF -f "$TRASH/english" flat &&
	! grep -q "客户说\"" flat
'
test_done
