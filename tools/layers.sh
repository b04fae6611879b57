#!/bin/sh
# layers.sh -- check that dependencies point one way through the layers:
#
#   editor/ (and editor/import/)  the core: includes only the core
#   export/                       writers: the core and export/
#   lua/                          the binding: the core, export/, lua/
#   cli/                          the program: everything
#
# and that only lua/ includes Lua's own headers.  Prints each include
# that crosses the wrong way as FILE:LINE: what, and exits 1 if any does.
#
#   sh tools/layers.sh [ROOT]
ROOT=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$ROOT" || exit 2

rank() {
	case $1 in
	editor/*) echo 0 ;;
	export/*) echo 1 ;;
	lua/*) echo 2 ;;
	cli/*) echo 3 ;;
	*) echo 9 ;;
	esac
}

# where a quoted include resolves: the first layer directory holding it
where() {
	for d in editor editor/import export lua cli; do
		if [ -f "$d/$1" ]; then
			echo "$d/$1"
			return
		fi
	done
}

TMPBAD=$(mktemp)
trap 'rm -f "$TMPBAD"' EXIT
for f in $(find editor export lua cli -name '*.[ch]' | sort); do
	rf=$(rank "$f")
	grep -n '^[[:space:]]*#[[:space:]]*include' "$f" | while IFS= read -r line; do
		n=${line%%:*}
		inc=${line#*:}
		case $inc in
		*'<lua.h>'*|*'<lauxlib.h>'*|*'<lualib.h>'*)
			if [ "$rf" != 2 ]; then
				echo "$f:$n: Lua's headers belong to lua/ only"
				echo x >>"$TMPBAD"
			fi
			continue ;;
		*'"'*) ;;
		*) continue ;;
		esac
		name=$(echo "$inc" | sed 's/.*"\(.*\)".*/\1/')
		target=$(where "$name")
		[ -n "$target" ] || continue
		rt=$(rank "$target")
		if [ "$rt" -gt "$rf" ]; then
			echo "$f:$n: includes $target, a layer above it"
			echo x >>"$TMPBAD"
		fi
	done
done
[ ! -s "$TMPBAD" ]
