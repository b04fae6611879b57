#!/bin/sh
# tiku pack --batch ID --site NAME: one exam site's candidates' papers and,
# apart, their keys, sealed to the site's key.
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints

test_expect_success 'set up: a committed batch, a roster of three sites, keys' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/junior/*.xml &&
	tiku batch new b1 --blueprint "$BP/junior-theory.xml" --seed 5 >/dev/null &&
	tiku batch generate b1 >/dev/null && tiku batch commit b1 >/dev/null &&
	tiku keygen --unencrypted -o centre >/dev/null &&
	tiku keygen --seal -o bj >/dev/null && tiku keygen --seal -o sh >/dev/null &&
	cat >roster.csv <<-\EOT
	准考证号,姓名,考点
	2024000001,张三,北京一中
	2024000002,李四,上海二中
	2024000003,王五,北京一中
	2024000004,赵六,广州三中
	2024000005,钱七,上海二中
	EOT
'
test_expect_success 'a site package holds exactly that site'"'"'s candidates, keys apart' '
	tiku pack --batch b1 --site 北京一中 --roster roster.csv --seal-to bj.pub \
		--key centre.key -o bj >out 2>err &&
	test_grep "bj.zip.age (paper package, sealed, 2 papers" out &&
	test_grep "bj-key.zip.age (answer key package, sealed, 2 papers" out &&
	age -d -i bj.key bj.zip.age >bj.zip && age -d -i bj.key bj-key.zip.age >bj-key.zip &&
	unzip -Z1 bj.zip | LC_ALL=C sort >list &&
	test "$(grep -c "2024000001\.xml$\|2024000003\.xml$" list)" = 2 &&
	! grep -q "2024000002\|2024000004\|2024000005" list &&
	grep -q "^papers\.pdf$" list && ! grep -q "key" list &&
	test "$(unzip -Z1 bj-key.zip | LC_ALL=C sort | tr "\n" " ")" = \
		"keys.pdf manifest.xml manifest.xml.minisig "
'
test_expect_success 'the site prints one PDF: its candidates in roster order, keys apart' '
	unzip -p bj.zip papers.pdf >papers.pdf && unzip -p bj-key.zip keys.pdf >keys.pdf &&
	pdftotext papers.pdf - | grep -o "2024000001\|2024000003" | uniq >order &&
	printf "2024000001\n2024000003\n" >expect && test_cmp expect order &&
	pdftotext keys.pdf - | test_grep "参考答案\|答案"
'
test_expect_success 'the papers are the candidates'"'"' own, as batch papers makes them' '
	tiku batch papers b1 --roster roster.csv -o cand >/dev/null &&
	id=$(unzip -Z1 bj.zip | grep "2024000003\.xml$") &&
	unzip -p bj.zip "$id" >inner.xml && cmp inner.xml cand/2024000003.xml &&
	unzip -p bj.zip manifest.xml >manifest.xml &&
	test_grep "candidate=\"2024000001\" site=\"北京一中\"" manifest.xml &&
	minisign -Vm bj.zip -p centre.pub >/dev/null
'
test_expect_success 'another site cannot open it; its own package opens with its key' '
	! age -d -i sh.key bj.zip.age >/dev/null 2>&1 &&
	tiku pack --batch b1 --site 上海二中 --roster roster.csv --seal-to sh.pub \
		--key centre.key -o sh >/dev/null &&
	tiku verify sh.zip.age --pub centre.pub --key sh.key >out &&
	test_grep "package good, 5 files" out
'
test_expect_success 'the site pack is audited: the papers made, the pack and the sealing' '
	tiku log >log &&
	test_grep "^audit .* papers  b1: 2 candidate papers (bank" log &&
	test_grep "^audit .* pack    b1: bj.zip and bj-key.zip: 2 papers of site 北京一中" log &&
	test_grep "^audit .* seal    b1: bj.zip.age and bj-key.zip.age sealed to 1 site key, site 北京一中" log
'
test_expect_code 2 'a site pack must be sealed' '
	tiku pack --batch b1 --site 北京一中 --roster roster.csv --key centre.key -o x
'
test_expect_code 2 'a site needs a roster and a batch' '
	tiku pack --batch b1 --site 北京一中 --seal-to bj.pub --key centre.key -o x
'
test_expect_success 'a site no candidate sits at is refused, nothing written' '
	{ tiku pack --batch b1 --site 深圳四中 --roster roster.csv --seal-to bj.pub \
		--key centre.key -o x 2>err; test $? = 2; } &&
	test_grep "no candidate of the roster sits at site" err && ! test -e x.zip.age
'
test_expect_success 'a roster whose header misnames the site column is an error, not a drop' '
	printf "准考证号,姓名,考场\n2024000001,张三,北京一中\n" >bad.csv &&
	{ tiku pack --batch b1 --site 北京一中 --roster bad.csv --seal-to bj.pub \
		--key centre.key -o x 2>err; test $? = 3; } &&
	test_grep "bad.csv:1: the header names no known column: .考场." err && ! test -e x.zip.age
'
test_done
