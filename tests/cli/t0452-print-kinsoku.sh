#!/bin/sh
# Chinese line breaking (禁则) in print: no line starts with closing
# punctuation, a blank （　） never wraps alone.  The fixture's stems,
# options and table cells are long and shifted one character at a time,
# so that every punctuation mark meets a line's end in some item; one
# table squeezes a column of short answers beside a very long one.
. "$(dirname "$0")/lib.sh"

P=$DATA/print

test_expect_success 'set up: the paper and its key' '
	tiku render "$P/kinsoku.xml" -o k.pdf >/dev/null &&
	tiku render --key --explanations "$P/kinsoku.xml" -o kk.pdf >/dev/null &&
	pdftotext -layout k.pdf k.txt && pdftotext -layout kk.pdf kk.txt
'
test_expect_success 'no line of the text starts with closing punctuation' '
	cat k.txt kk.txt | sed "s/^ *//" >all &&
	! grep -nE "^(，|。|、|；|：|？|！|）|》|」|』|”|’)" all
'
test_expect_success 'no line of a table cell does either' '
	for f in k kk; do
		pdftotext -bbox-layout $f.pdf $f.html &&
		python3 "$P/linestarts.py" <$f.html >bad &&
		test_cmp /dev/null bad || exit 1
	done
'
test_expect_success 'a blank （　） stays on the line of the word before it' '
	! grep -nE "^（[ 　]*）" all &&
	test "$(tr -d " \n　" <k.txt | grep -o "（）" | wc -l)" -ge 96
'
test_expect_success 'the short column is set whole: no answer stacks character by character' '
	for a in "好。" "是，" "对！" "（略）" "“是”。"; do
		grep -q "^ *$a " k.txt || { echo "not whole: $a"; exit 1; }
	done
'
test_expect_success 'the checker finds what it looks for' '
	printf "%s\n" "<page width=\"595\" height=\"842\">" \
	"<line xMin=\"62\" yMin=\"100\" xMax=\"500\" yMax=\"110\"><word xMin=\"62\" yMin=\"100\" xMax=\"500\" yMax=\"110\">。然后</word></line>" \
	"<line xMin=\"62\" yMin=\"120\" xMax=\"70\" yMax=\"130\"><word xMin=\"62\" yMin=\"120\" xMax=\"70\" yMax=\"130\">（</word></line>" \
	"<line xMin=\"90\" yMin=\"120\" xMax=\"100\" yMax=\"130\"><word xMin=\"90\" yMin=\"120\" xMax=\"100\" yMax=\"130\">）。</word></line>" \
	"<line xMin=\"62\" yMin=\"140\" xMax=\"300\" yMax=\"150\"><word xMin=\"62\" yMin=\"140\" xMax=\"300\" yMax=\"150\">正确的是</word></line>" \
	"<line xMin=\"300\" yMin=\"140\" xMax=\"310\" yMax=\"150\"><word xMin=\"300\" yMin=\"140\" xMax=\"310\" yMax=\"150\">（</word></line>" \
	"<line xMin=\"330\" yMin=\"140\" xMax=\"340\" yMax=\"150\"><word xMin=\"330\" yMin=\"140\" xMax=\"340\" yMax=\"150\">）。</word></line>" \
	| python3 "$P/linestarts.py" >found &&
	printf "1: 。然后\n1: （\n" >expect &&
	test_cmp expect found
'
test_done
