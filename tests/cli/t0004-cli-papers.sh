#!/bin/sh
# The paper commands on the command line (assemble, validate, paper,
# batch): help and options from their declarations, and the rules for
# -o: a file of the kind the command writes, a folder made with its
# parents before the work, and nothing left behind by a run that fails.
. "$(dirname "$0")/lib.sh"

BP=$BANKS/miit-kflxzxs/blueprints
P=$DATA/papers
CMDS='assemble
validate
paper
paper new
paper add
paper remove
paper swap
paper show
paper export
paper delete
batch
batch new
batch generate
batch papers
batch commit
batch show
batch list'

test_expect_success 'every command and subcommand has --help' '
	echo "$CMDS" | while IFS= read -r c; do
		tiku $c --help >out || { echo "tiku $c --help failed"; exit 1; }
		test_grep "^usage: tiku $c" out || exit 1
	done
'
test_expect_success 'help COMMAND SUBCOMMAND equals COMMAND SUBCOMMAND --help' '
	tiku help batch generate >help1 && tiku batch generate --help >help2 &&
	test_cmp help1 help2 &&
	tiku help paper export >help1 && tiku paper export --help >help2 && test_cmp help1 help2
'
test_expect_success 'an undeclared option exits 2, naming it' '
	echo "$CMDS" | while IFS= read -r c; do
		{ tiku $c --frob 2>err; test $? = 2; } || { echo "tiku $c --frob"; exit 1; }
		test_grep -e "--frob" err || exit 1
	done
'
test_expect_success 'an option another subcommand declares is refused' '
	{ tiku paper add p1 m1 --title x 2>err; test $? = 2; } && test_grep -e "--title" err &&
	{ tiku batch generate b1 --only 1 2>err; test $? = 2; } && test_grep -e "--only" err &&
	{ tiku batch show b1 -o x 2>err; test $? = 2; } && test_grep -e "-o" err
'
test_expect_success 'short letters the usage never showed are refused' '
	{ tiku assemble -b x.xml 2>err; test $? = 2; } && test_grep -e "-b" err &&
	{ tiku batch new b1 -n name 2>err; test $? = 2; } && test_grep -e "-n" err
'
test_expect_success 'set up: the test standard and its items, the junior items' '
	tiku import -q "$DATA/std/mini.xml" "$P/mini-items.xml" &&
	tiku --bank j.db import -q "$BANKS/miit-kflxzxs/standard.xml" \
		"$BANKS"/miit-kflxzxs/items/junior/*.xml
'
test_expect_code 2 'a seed that is not a whole number is a usage error' '
	tiku assemble --blueprint "$P/mini-blueprint.xml" --seed -1
'
test_expect_code 2 'batch new: a seed that is not a whole number' '
	tiku batch new b1 --blueprint "$P/mini-blueprint.xml" --seed 12x
'
test_expect_code 2 'paper add needs items' 'tiku paper add p1'
test_expect_code 2 'paper swap takes OLD and at most NEW' 'tiku paper swap p1 m1 m2 m3'
test_expect_code 2 'batch list takes no ID' 'tiku batch list b1'

# -o FILE: one XML file
test_expect_success 'assemble -o with another extension: exit 2, no file' '
	{ tiku assemble --blueprint "$P/mini-blueprint.xml" --seed 1 -o p.pdf 2>err; test $? = 2; } &&
	test_grep "p.pdf" err && test ! -e p.pdf &&
	tiku assemble --blueprint "$P/mini-blueprint.xml" --seed 1 -o p.xml 2>err &&
	test_grep "<paper" p.xml
'
test_expect_success 'paper export -o with another extension: exit 2, no file' '
	tiku paper new p1 --blueprint "$P/mini-blueprint.xml" >/dev/null &&
	{ tiku paper export p1 -o p1.docx 2>err; test $? = 2; } &&
	test_grep "p1.docx" err && test ! -e p1.docx &&
	tiku paper export p1 -o p1.xml && test_grep "<paper" p1.xml
'
test_expect_success 'a failing assemble or export leaves no file, not even a temporary one' '
	{ tiku assemble --blueprint "$P/mini-infeasible.xml" --seed 1 -o bad.xml 2>err; test $? = 1; } &&
	{ tiku paper export nope -o bad.xml 2>err; test $? = 3; } &&
	test -z "$(ls | grep "^bad")"
'

# -o DIR: a folder, made first
test_expect_success 'batch generate -o a/b/forms makes the parents' '
	tiku --bank j.db batch new b1 --blueprint "$BP/junior-theory.xml" --seed 3 >/dev/null &&
	tiku --bank j.db batch generate b1 -o a/b/forms >out &&
	test -s a/b/forms/b1-A.xml && test -s a/b/forms/b1-B.xml
'
test_expect_success 'a folder that cannot be made fails before the work' '
	touch plain &&
	{ tiku --bank j.db batch generate b1 -o plain/forms >out 2>err; test $? = 3; } &&
	test_grep "plain/forms" err && test ! -s out
'
test_expect_success 'per-candidate papers without -o: a usage error before the work' '
	{ tiku --bank j.db batch generate b1 --roster "$P/roster.csv" >out 2>err; test $? = 2; } &&
	test ! -s out
'
test_expect_success 'a failing generate leaves no folder it made' '
	! tiku --bank j.db batch generate nope -o new/forms 2>err &&
	test_grep "no batch" err && test ! -e new
'
test_expect_success 'a bad roster fails before any folder is made' '
	! tiku --bank j.db batch papers b1 --roster "$P/roster-dup.csv" -o dup/cand 2>err &&
	test ! -e dup
'
test_expect_success 'a failing run takes back the files it wrote, and only those' '
	mkdir -p site/2023070003.xml && echo mine >site/keep.txt &&
	{ tiku --bank j.db batch generate b1 --roster "$P/roster.csv" -o site >log 2>err; test $? = 3; } &&
	test_grep "form A" log && test_grep "site/2023070003.xml: cannot write" err &&
	(cd site && ls -A) >actual && printf "2023070003.xml\nkeep.txt\n" >expect &&
	test_cmp expect actual && test -d site/2023070003.xml
'
test_expect_success 'a failing run removes the folders it made' '
	{ tiku --bank j.db batch papers nope --roster "$P/roster.csv" -o site/x/y/../z 2>err; test $? = 3; } &&
	test_grep "no batch" err && test ! -e site/x
'
test_expect_success 'a run that succeeds keeps what was there' '
	rm -r site/2023070003.xml &&
	tiku --bank j.db batch papers b1 --roster "$P/roster.csv" -o site >log &&
	test_grep "4 candidate papers and keys in site" log &&
	test -s site/2023070003.xml && test_grep mine site/keep.txt
'
test_done
