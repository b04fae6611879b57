#!/bin/sh
# Lint finds items whose text (stem and options) is another's but for one
# word -- 五笔输入法… and 五笔字型输入法…, 可以 and 不得 -- across levels too,
# where the similarity of character pairs is too low to call them
# near-duplicates (a short stem); a warning on one item naming the other,
# its file and line (and its level when it differs), and the words.  Each
# pair once; texts that differ in more than one place, or in much of
# their length, are not near-duplicates; the same stem is reported as a
# duplicate, not again.
. "$(dirname "$0")/lib.sh"

S=$BANKS/miit-kflxzxs/standard.xml

item() {	# ID LEVEL STEM [OPTION...]
	_id=$1 _lv=$2 _stem=$3
	shift 3
	if [ $# -gt 0 ]; then
		echo "<item id=\"$_id\" type=\"single\" level=\"$_lv\" kind=\"theory\" points=\"1\" difficulty=\"2\" status=\"draft\"><code>B2.2.3</code><stem>$_stem</stem><options>"
		_k=A
		for _o; do
			echo "<option key=\"$_k\">$_o</option>"
			_k=$(echo "$_k" | tr A-D B-E)
		done
		echo "</options><answer>A</answer><explanation>解析。</explanation></item>"
	else
		echo "<item id=\"$_id\" type=\"truefalse\" level=\"$_lv\" kind=\"theory\" points=\"1\" difficulty=\"2\" status=\"draft\"><code>B2.2.7</code><stem>$_stem</stem><answer>true</answer><explanation>解析。</explanation></item>"
	fi
}

test_expect_success 'set up: pairs that differ by a word, and pairs that do not' '
	tiku import -q "$S" &&
	{ echo "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" &&
	  echo "<items xmlns=\"urn:tiku:items:1\" standard=\"miit-kflxzxs\">" &&
	  item wb-1 junior "五笔输入法的录入方法是按字形编码。" &&
	  item wb-2 junior "五笔字型输入法的录入方法是按字形编码。" &&
	  item tp-1 junior "坐席可以向第三方透露客户的通话记录。" &&
	  item tp-2 senior "坐席不得向第三方透露客户的通话记录。" &&
	  item op-1 junior "下列属于计算机输入设备的是（　）。" 键盘 显示器 打印机 音箱 &&
	  item op-2 junior "下列属于计算机输出设备的是（　）。" 键盘 显示器 打印机 音箱 &&
	  item two-1 junior "客户来电时坐席首先应当报工号并热情问候客户。" &&
	  item two-2 junior "客户投诉时坐席首先应当报工号并耐心倾听客户。" &&
	  item far-1 junior "呼叫中心的服务水平指标。" &&
	  item far-2 junior "呼叫中心的平均处理时长指标。" &&
	  item same-1 junior "下列说法正确的是（　）。" 甲乙丙丁 戊己庚辛 壬癸子丑 寅卯辰巳 &&
	  item same-2 senior "下列说法正确的是（　）。" 甲乙丙丁 戊己庚辛 壬癸子丑 寅卯辰午 &&
	  echo "</items>"; } >near.xml &&
	tiku import -q near.xml
'

test_expect_success 'a word more or another word: a warning naming both items and the words' '
	tiku lint >out &&
	test_grep "^near.xml:4: warning: item .wb-2.: near-duplicate: the text of item .wb-1. (near.xml:3) but for one word: “笔字型输” here, “笔输” there$" out &&
	test_grep "^near.xml:6: warning: item .tp-2.: near-duplicate: the text of item .tp-1. (near.xml:5, level junior) but for one word: “席不得向” here, “席可以向” there$" out
'

test_expect_success 'the options count: the same options, one word of the stem changed' '
	test_grep "item .op-2.: near-duplicate: the text of item .op-1. (near.xml:[0-9]*) but for one word: “输出设” here, “输入设” there" out
'

test_expect_success 'each pair once; two places or much of the text changed: none' '
	test "$(grep -c "but for one word" out)" = 3 &&
	! grep "two-[12].*near-duplicate" out &&
	! grep "far-[12].*near-duplicate" out
'

test_expect_success 'the same stem is a duplicate already, not a word apart again' '
	test_grep "item .same-2.: the same stem as item .same-1." out &&
	! grep "same-2.*but for one word" out
'

test_expect_success 'an items file is linted the same, before it is imported' '
	tiku lint near.xml >file-out &&
	test "$(grep -c "but for one word" file-out)" = 3
'

test_expect_success 'the shipped sample bank: near-duplicates are warnings, never errors' '
	export TIKU_BANK=$TRASH/shipped.db &&
	tiku import -q "$S" "$BANKS"/miit-kflxzxs/items/*/*.xml &&
	{ tiku lint >shipped; test $? -le 1; } &&
	! grep "error: .*near-duplicate" shipped
'

test_done
