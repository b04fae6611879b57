#!/bin/sh
# A file large enough to be read on two cores at once (over 1 MiB): the
# schema check runs beside the import, and a failure of either undoes all.
. "$(dirname "$0")/lib.sh"

# N items on the MIIT standard's 初级 code 1.1.2, the last one optionally bad
make_items() {
	awk -v n="$1" -v bad="$2" 'BEGIN {
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		print "<items xmlns=\"urn:tiku:items:1\" standard=\"miit-kflxzxs\">"
		for (i = 1; i <= n; i++) {
			diff = (bad && i == n) ? "9" : "2"
			printf "  <item id=\"big-%05d\" type=\"truefalse\" level=\"junior\" kind=\"theory\" points=\"1\" difficulty=\"%s\" status=\"approved\">\n", i, diff
			print "    <code>1.1.2</code>"
			printf "    <stem>第%d题：坐席应使用规范的服务用语，做到语言文明、礼貌、准确，并且耐心倾听客户的诉求。</stem>\n", i
			print "    <answer>true</answer>"
			print "    <explanation>服务用语规范是呼入应答的基本要求，体现对客户的尊重和专业形象。</explanation>"
			print "  </item>"
		}
		print "</items>"
	}'
}

test_expect_success 'set up: the standard and a 1.5 MiB file' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" &&
	make_items 4000 0 >big.xml &&
	test "$(wc -c <big.xml)" -gt 1100000
'
test_expect_success 'a big file imports' '
	tiku import big.xml >out &&
	test_grep "4000 items: 4000 added" out &&
	test "$(tiku search --count 坐席)" = 4000
'
test_expect_success 'a big file with one schema error at the end changes nothing' '
	make_items 4001 1 >bad.xml &&
	before=$(bank_sum) &&
	! tiku import bad.xml 2>err &&
	test_grep "bad.xml:[0-9]*: error: does not match the schema" err &&
	test "$(bank_sum)" = "$before" &&
	test "$(tiku search --count 坐席)" = 4000
'
test_expect_success 'a big file cut short changes nothing' '
	head -c 1300000 big.xml | sed "s/big-/cut-/" >cut.xml &&
	before=$(bank_sum) &&
	! tiku import cut.xml 2>err &&
	test_grep "cut.xml:[0-9]*: error: not well-formed" err &&
	test "$(bank_sum)" = "$before"
'
test_expect_success 'the same check, file read on one core, gives the same verdict' '
	make_items 20 1 >small-bad.xml &&
	! tiku import small-bad.xml 2>err &&
	test_grep "small-bad.xml:[0-9]*: error: does not match the schema" err
'
test_done
