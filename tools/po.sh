#!/bin/sh
# po.sh -- the messages of the source, for translators.
#
#   sh tools/po.sh pot FILE      extract every translatable message to FILE
#   sh tools/po.sh update        merge them into po/*.po (new ones empty)
#   sh tools/po.sh check         exit 1 when a message has no translation
#
# Messages are marked with _() and N_(); the formats of tk_error_set(),
# tk_diags_add() and cli_usage() are translated by those functions, so
# they are extracted by keyword.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

pot() {
	find editor export lua cli -name '*.[ch]' | LC_ALL=C sort >"$1.files"
	xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS \
		--keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=tk_error_set:5 \
		--keyword=tk_diags_add:5 --keyword=cli_usage:2 \
		--keyword=IERR:1 --keyword=IWARN:1 --keyword=BAD:1 --keyword=problem:3 --keyword=bad:3 \
		--keyword=tk_import_problem:2 \
		--flag=tk_error_set:5:c-format --flag=tk_diags_add:5:c-format \
		--flag=cli_usage:2:c-format --flag=IERR:1:c-format --flag=IWARN:1:c-format \
		--flag=BAD:1:c-format --flag=problem:3:c-format --flag=bad:3:c-format \
		--flag=tk_import_problem:2:c-format \
		--package-name=tiku --msgid-bugs-address=tiku --sort-by-file \
		--files-from="$1.files" -o "$1"
	rm -f "$1.files"
}

case $1 in
pot)
	pot "$2"
	;;
update)
	tmp=$(mktemp)
	pot "$tmp"
	for po in po/*.po; do
		msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" "$tmp"
	done
	rm -f "$tmp"
	;;
check)
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	pot "$tmp/tiku.pot"
	bad=0
	for po in po/*.po; do
		msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$po" "$tmp/tiku.pot"
		# messages with no translation, or only a fuzzy one
		msgattrib --untranslated --no-obsolete "$tmp/merged.po" >"$tmp/un.po"
		msgattrib --only-fuzzy --no-obsolete "$tmp/merged.po" >"$tmp/fz.po"
		n=$( (grep -c '^msgid ' "$tmp/un.po" || true) )
		f=$( (grep -c '^msgid ' "$tmp/fz.po" || true) )
		# the header counts as one entry in each listing
		[ "$n" -gt 0 ] && n=$((n - 1))
		[ "$f" -gt 0 ] && f=$((f - 1))
		if [ "$n" -gt 0 ] || [ "$f" -gt 0 ]; then
			echo "$po: $n messages without a translation, $f fuzzy:"
			grep -A1 '^#: ' "$tmp/un.po" "$tmp/fz.po" | grep -v '^--$' | head -40
			bad=1
		fi
		msgfmt --check -o /dev/null "$tmp/merged.po" || bad=1
	done
	exit $bad
	;;
*)
	echo "usage: sh tools/po.sh pot FILE | update | check" >&2
	exit 2
	;;
esac
