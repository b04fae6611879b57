#!/bin/sh
# deps.sh -- install what tiku needs to build and test, on Debian 12.
# Idempotent: asks pkg-config and dpkg first and calls apt-get only for
# what is missing.  Needs root (or sudo) only when something is missing.
set -e

PKGS=""
need_pc() { pkg-config --exists "$1" 2>/dev/null || PKGS="$PKGS $2"; }
need_cmd() { command -v "$1" >/dev/null 2>&1 || PKGS="$PKGS $2"; }
need_deb() { dpkg -s "$1" >/dev/null 2>&1 || PKGS="$PKGS $1"; }

need_cmd pkg-config pkg-config
need_cmd cc gcc
need_cmd make make
need_pc libxml-2.0 libxml2-dev
need_pc libarchive libarchive-dev
need_pc lua5.4 liblua5.4-dev
need_pc sqlite3 libsqlite3-dev
need_pc pangocairo libpango1.0-dev
need_pc cairo libcairo2-dev
need_pc fontconfig libfontconfig-dev
need_pc libsodium libsodium-dev
need_pc libedit libedit-dev
# lesson bodies: CommonMark with GitHub tables (its .pc links the extensions)
need_pc libcmark-gfm libcmark-gfm-dev
need_deb libcmark-gfm-extensions-dev
need_deb fonts-noto-cjk
# messages in Chinese: msgfmt at build time, the zh_CN.UTF-8 locale
need_cmd msgfmt gettext
need_cmd xgettext gettext
need_deb locales
# used by the tests
need_cmd xmllint libxml2-utils
need_cmd iconv libc-bin
need_cmd sqlite3 sqlite3
need_cmd pdftotext poppler-utils
need_cmd qpdf qpdf
# the stock tools signatures must agree with
need_cmd minisign minisign
need_cmd signify-openbsd signify-openbsd
need_cmd age age
# make fuzz: libFuzzer harnesses, built with clang and its runtime
need_cmd clang clang
need_deb libclang-rt-14-dev
# test helpers: hand-made hostile archives, listings
need_cmd python3 python3
need_cmd unzip unzip
# course bundles are tested in the browser and LMS runtime learners use:
# Debian's Chromium, driven by npm packages pinned in tests/browser
need_cmd chromium chromium
need_cmd node nodejs
need_cmd npm npm
# Word and Excel exports are tested with the office suite teachers open
# them in: LibreOffice, headless
need_cmd soffice "libreoffice-writer libreoffice-calc"
need_deb libreoffice-writer
need_deb libreoffice-calc
# the reference solver `make bench` compares the assembler with
need_cmd glpsol glpk-utils
need_cmd bc bc

# gettext ignores translations under a locale the system lacks
has_zh() { locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; }

make_zh() {
	has_zh && return 0
	echo "deps: generating the zh_CN.UTF-8 locale"
	$SUDO localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
}

# the npm packages of the browser and format tests, exactly as each
# lockfile pins them
npm_deps() {
	for d in browser formats; do
		dir=$(cd "$(dirname "$0")/.." && pwd)/tests/$d
		stamp=$dir/node_modules/.package-lock.json
		if [ -f "$stamp" ] && [ ! "$dir/package-lock.json" -nt "$stamp" ]; then
			continue
		fi
		echo "deps: npm ci in tests/$d"
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || return 1
	done
}

SUDO=
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then
	SUDO=sudo
fi
if [ -z "$PKGS" ]; then
	if ! has_zh && [ "$(id -u)" != 0 ] && [ -z "$SUDO" ]; then
		echo "deps: the zh_CN.UTF-8 locale is missing; run 'make deps' as root" >&2
		exit 1
	fi
	make_zh
	npm_deps
	exit 0
fi
echo "deps: installing$PKGS"
SUDO=
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 || {
		echo "deps: missing$PKGS; run 'make deps' as root" >&2
		exit 1
	}
	SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $PKGS
make_zh
npm_deps
