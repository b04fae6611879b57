#!/bin/sh
# The command line speaks Chinese: every message has a translation, and
# the key cases read in both languages.
. "$(dirname "$0")/lib.sh"

zh() { LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= tiku "$@"; }
en() { LANG=C LC_ALL= LANGUAGE= tiku "$@"; }

test_expect_success 'every message in the source has a Chinese translation' '
	sh "$ROOT/tools/po.sh" check
'
test_expect_success 'the zh_CN.UTF-8 locale is there (make deps makes it)' '
	locale -a | grep -i "^zh_CN.utf-\?8$"
'
test_expect_success 'help: English, and Chinese under LANG=zh_CN.UTF-8' '
	en help >en.out && test_grep "^usage: tiku" en.out && test_grep "^commands:" en.out &&
	zh help >zh.out && test_grep "^用法：" zh.out && test_grep "^命令：" zh.out &&
	test_grep "导入" zh.out
'
test_expect_success 'LANGUAGE=zh_CN gives Chinese too' '
	LANG=C.UTF-8 LC_ALL= LANGUAGE=zh_CN tiku help >out && test_grep "^用法：" out
'
test_expect_success 'a command help and its options in Chinese' '
	zh import --help >out && test_grep "^选项：" out && test_grep -- "--partial" out &&
	test_grep "显示本帮助" out
'
test_expect_success 'usage errors in both languages' '
	! en search --frob 2>err && test_grep "unknown option .--frob." err &&
	! zh search --frob 2>err && test_grep "未知选项.*--frob" err &&
	! zh frobnicate 2>err && test_grep "frobnicate" err && test_grep "命令" err
'
test_expect_success 'errors from the core in both languages' '
	! en --bank nope.db search x 2>err && test_grep "no bank here" err &&
	! zh --bank nope.db search x 2>err && test_grep "nope.db" err && ! grep "no bank here" err
'
test_expect_success 'installed, the binary finds its translations' '
	make -s -C "$ROOT" install DESTDIR="$TRASH/inst" PREFIX=/usr >/dev/null &&
	test -f inst/usr/share/locale/zh_CN/LC_MESSAGES/tiku.mo &&
	LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= inst/usr/bin/tiku help >out &&
	test_grep "^用法：" out
'
test_expect_success 'setup' '
	tiku import -q "$BANKS/miit-kflxzxs/standard.xml" "$BANKS"/miit-kflxzxs/items/junior/*.xml
'
test_expect_success 'lint and coverage reports in Chinese' '
	zh lint >out; test_grep "个错误" out &&
	zh coverage --level 初级 --kind theory >out && test_grep "理论" out
'
# the column where the weights start, in display columns, on every area row
test_expect_success 'report columns line up by display width (CJK is two columns)' '
	for l in C zh_CN.UTF-8; do
		LANG=$l LC_ALL= LANGUAGE= tiku coverage --level 初级 --kind theory >cov || exit 1
		python3 - cov <<-\EOF_PY || exit 1
		import sys, unicodedata
		def width(s):
		    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
		cols = set()
		for line in open(sys.argv[1], encoding="utf-8"):
		    if "%" in line and line[0] != " ":
		        cols.add(width(line[:line.index("%")]))
		print(cols)
		sys.exit(0 if len(cols) == 1 else 1)
		EOF_PY
	done
'
test_done
