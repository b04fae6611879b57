#!/bin/sh
# The README's session, as written there, with both shipped standards in
# the bank, in English and in Chinese.
. "$(dirname "$0")/lib.sh"

# the lines of the first ```sh block after "A session:"
awk '/^A session:/ { want = 1 } want && /^```sh$/ { inside = 1; next }
     inside && /^```$/ { exit } inside { print }' "$ROOT/README.md" |
	sed 's/[[:space:]]*#.*$//' >session.sh
cp "$DATA/import/good.csv" 题库.csv
# the session runs in a shell of its own: tiku on its PATH
mkdir bin && printf '#!/bin/sh\nexec %s "$@"\n' "$TIKU" >bin/tiku && chmod +x bin/tiku
PATH=$TRASH/bin:$PATH

test_expect_success 'the README has a session' '
	test_grep "^tiku import banks/\*/standard.xml" session.sh &&
	test "$(wc -l <session.sh)" -ge 5
'
for lang in C zh_CN.UTF-8; do
	test_expect_success "the README session runs ($lang)" "
		rm -rf s-$lang && mkdir s-$lang && cd s-$lang &&
		ln -s \"\$ROOT/banks\" banks && cp ../题库.csv . &&
		LANG=$lang LC_ALL= LANGUAGE= TIKU_BANK=\$PWD/s.db sh -e ../session.sh >out 2>err &&
		test -s all.xml &&
		test \"\$(sqlite3 s.db 'SELECT count(*) FROM standard')\" = 2
	"
done
test_expect_success 'the session speaks the language of the locale' '
	test_grep "errors, .* warnings" s-C/out &&
	test_grep "个错误" s-zh_CN.UTF-8/out
'
test_done
