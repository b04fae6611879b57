#!/bin/sh
# The layers of the source tree: dependencies point one way.
. "$(dirname "$0")/lib.sh"

test_expect_success 'no include crosses the layers the wrong way' '
	sh "$ROOT/tools/layers.sh" "$ROOT"
'
# a copy of the tree with one wrong include each way must be refused
test_expect_success 'the check finds an include from the core into export/' '
	mkdir tree && cp -r "$ROOT/editor" "$ROOT/export" "$ROOT/lua" "$ROOT/cli" tree/ &&
	sed -i "1i #include \"render.h\"" tree/editor/bank.c &&
	! sh "$ROOT/tools/layers.sh" tree >out &&
	test_grep "^editor/bank.c:1: includes export/render.h" out
'
test_expect_success 'the check finds export/ including the binding, and lua.h outside lua/' '
	rm -rf tree && mkdir tree && cp -r "$ROOT/editor" "$ROOT/export" "$ROOT/lua" "$ROOT/cli" tree/ &&
	sed -i "1i #include \"lua_sandbox.h\"" tree/export/pack.c &&
	sed -i "1i #include <lua.h>" tree/editor/item.c &&
	! sh "$ROOT/tools/layers.sh" tree >out &&
	test_grep "^export/pack.c:1: includes lua/lua_sandbox.h" out &&
	test_grep "^editor/item.c:1: Lua" out
'
test_expect_success 'the binding does not include the program' '
	rm -rf tree && mkdir tree && cp -r "$ROOT/editor" "$ROOT/export" "$ROOT/lua" "$ROOT/cli" tree/ &&
	echo "/* a header of the program */" >tree/cli/cmdtab.h &&
	sed -i "1i #include \"cmdtab.h\"" tree/lua/lua_cli.c &&
	! sh "$ROOT/tools/layers.sh" tree >out &&
	test_grep "^lua/lua_cli.c:1: includes cli/cmdtab.h" out
'
test_done
