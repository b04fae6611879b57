#!/bin/sh
# bench/run.sh -- figures on a synthetic bank of realistic size.
# The bank is SYNTHETIC: generated items tagged to the real MIIT codes,
# labelled so (ids syn-*, author "synthetic").  Timings go to standard
# output only; nothing here is a pass/fail test of speed -- but every
# step must succeed: any failure stops the bench with a non-zero exit
# (tests/cli/t0900-bench.sh runs it small to keep it working).
#
# Knobs (environment):
#   TIKU, SYNTH          the binaries (TIKU may be a command with arguments)
#   BENCH_ITEMS          items in the bank (default 100000)
#   BENCH_CANDIDATES     per-candidate papers of the batch
#                        (default BENCH_ITEMS / 10, at most 10000, at least 10)
#   BENCH_RENDER         of those, how many are rendered into one PDF
#                        (default BENCH_CANDIDATES / 10, at most 1000)
#   BENCH_REPEAT         how often each in-process assembly is timed, each
#                        search twice that less one (default 11)
#   BENCH_PACK_MB        size of the big package verified (default 20)
#   BENCH_GLPK_SECONDS   glpsol's time limit (default 120)
# The defaults at 100,000 items are the sizes the goals are quoted for.
# Below 10,000 items the run is a smoke test (make check runs it at 2,000,
# under ASan too), so the steps whose cost does not follow the bank's
# size default smaller: 5 papers rendered, 3 repeats, a 4 MiB package.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
: "${TIKU:=$ROOT/build/tiku}"
: "${SYNTH:=$ROOT/build/synth}"
N=${BENCH_ITEMS:-100000}
C=${BENCH_CANDIDATES:-$((N / 10 > 10000 ? 10000 : N / 10 < 10 ? 10 : N / 10))}
if [ "$N" -lt 10000 ]; then
	R=${BENCH_RENDER:-$((C < 5 ? C : 5))}
	REPEAT=${BENCH_REPEAT:-3}
	MB=${BENCH_PACK_MB:-4}
else
	R=${BENCH_RENDER:-$((C / 10 > 1000 ? 1000 : C / 10 < 1 ? 1 : C / 10))}
	REPEAT=${BENCH_REPEAT:-11}
	MB=${BENCH_PACK_MB:-20}
fi
GLPK_SECONDS=${BENCH_GLPK_SECONDS:-120}
[ "$R" -le "$C" ] || { echo "bench: BENCH_RENDER ($R) > BENCH_CANDIDATES ($C)" >&2; exit 2; }
W=$(mktemp -d /tmp/tiku-bench.XXXXXX)
trap 'rc=$?; rm -rf "$W"; [ "$rc" -eq 0 ] || echo "bench: FAILED (exit $rc)" >&2; exit "$rc"' EXIT
trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 141' PIPE; trap 'exit 143' TERM
STD=$ROOT/banks/miit-kflxzxs/standard.xml
BP=$ROOT/banks/miit-kflxzxs/blueprints/junior-theory.xml

# as tests/cli/lib.sh: TIKU may be "valgrind ... tiku"
tiku() {
	$TIKU "$@"
}

# quiet LOG CMD...: CMD's output goes to LOG, shown when CMD fails
quiet() {
	_log=$1
	shift
	if "$@" >"$_log" 2>&1; then
		return 0
	else
		_rc=$?
		cat "$_log" >&2
		echo "bench: exit $_rc: $*" >&2
		exit "$_rc"
	fi
}

secs() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l | xargs printf "%.3f"; }
# ratio A B [SCALE]: SCALE * A / B, whole below 10 to one decimal ("-" when B is 0)
ratio() {
	if [ "$(echo "$2 == 0" | bc)" -eq 1 ]; then
		echo -
	else
		_r=$(echo "${3:-1} * $1 / $2" | bc -l)
		if [ "$(echo "$_r < 10" | bc)" -eq 1 ]; then
			printf "%.1f" "$_r"
		else
			printf "%.0f" "$_r"
		fi
	fi
}
# 10000 -> 10,000
thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
# goal TEXT COND: " (goal TEXT)" when the sizes are the ones it is quoted for
goal() { if [ "$2" = yes ]; then echo " (goal $1)"; fi; }
# the goals hold for the default sizes only
gi=no gc=no gr=no
if [ "$N" -eq 100000 ]; then gi=yes; fi
if [ "$C" -eq 10000 ]; then gc=yes; fi
if [ "$R" -eq 1000 ]; then gr=yes; fi

echo "tiku bench: synthetic bank of $N items (generated, not real items)"
"$SYNTH" items "$STD" "$N" 42 >"$W/items.xml"
s=$(du -h "$W/items.xml" | cut -f1)
echo "  generated items XML: $s"
export TIKU_BANK="$W/bench.db"
tiku import -q "$STD"
t0=$(secs)
tiku import -q "$W/items.xml"
t1=$(secs)
e=$(elapsed "$t0" "$t1")
echo "  import $N items from XML: ${e} s ($(ratio "$N" "$e") items/s)$(goal "< 5 s" $gi)"
t0=$(secs)
tiku import -q "$W/items.xml"
t1=$(secs)
echo "  re-import, nothing changed: $(elapsed "$t0" "$t1") s"
s=$(du -h "$TIKU_BANK" | cut -f1)
echo "  bank file: $s"
# a Word bank of 2,000 items, numbered by Word, the answers at the end
# (tests/tools/mkdocx.py), into a bank of its own
python3 "$ROOT/tests/tools/mkdocx.py" big 2000 "$W/big.docx"
(export TIKU_BANK="$W/docx.db" && tiku import -q "$STD")
t0=$(secs)
(export TIKU_BANK="$W/docx.db" && tiku import -q --level 初级 "$W/big.docx")
t1=$(secs)
echo "  import 2,000 items from a Word document ($(($(wc -c <"$W/big.docx") / 1024)) KiB .docx):" \
	"$(elapsed "$t0" "$t1") s (goal < 2 s)"
echo "  search latency inside one process (goal < 20 ms):"
"$SYNTH" search "$TIKU_BANK" $((2 * REPEAT - 1)) 坐席 投诉 诉 平均处理时长 "客户 情绪" "满意度@senior" 不存在的词 \
	"坐席!" "平均处理时长!" "满意度@senior!"
t0=$(secs)
tiku search 投诉 >/dev/null
t1=$(secs)
echo "  one 'tiku search 投诉' command, start to end: $(elapsed "$t0" "$t1") s"
tiku run -e '
local bank = tiku.open()
local t0 = os.clock()
local n, hard = 0, 0
for item in bank:items() do
  n = n + 1
  if item.difficulty >= 4 and item.kind == "theory" and item.codes[1]:sub(1, 1) ~= "B" then
    hard = hard + 1
  end
end
local t1 = os.clock()
local m = 0
for item in bank:items { level = "senior", type = "single" } do
  if item.options[2].text:find("客户", 1, true) then m = m + 1 end
end
local t2 = os.clock()
print(string.format("  Lua: iterate and filter %d items: %.3f s (goal < 1 s); %d match", n, t1 - t0, hard))
print(string.format("  Lua: %d senior single items with their options loaded: %.3f s", m, t2 - t1))
'
"$SYNTH" assemble "$TIKU_BANK" "$BP" "$REPEAT" >"$W/assemble.txt"
cat "$W/assemble.txt"
if command -v glpsol >/dev/null 2>&1; then
	# The reference: GLPK's branch-and-bound on the same core model
	# (section counts, area points, mean difficulty, enemies) with a
	# random objective.  It sees fewer rules than tiku (no difficulty
	# bands, exposure or overlap), so it is the easier problem.
	n=$("$SYNTH" mip "$TIKU_BANK" "$BP" "$W/paper.lp")
	t0=$(secs)
	quiet "$W/glpsol.log" glpsol --lp "$W/paper.lp" --tmlim "$GLPK_SECONDS" -o "$W/paper.sol"
	t1=$(secs)
	g=$(elapsed "$t0" "$t1")
	a=$(sed -n 's/.*one .*median \([0-9.]*\) ms.*/\1/p' "$W/assemble.txt")
	st=$(grep -o 'INTEGER OPTIMAL SOLUTION FOUND\|TIME LIMIT EXCEEDED\|PROBLEM HAS NO.*' "$W/glpsol.log" |
		head -n 1 | tr 'A-Z' 'a-z')
	echo "  GLPK (glpsol) on the same paper as a MIP over $n binaries: $g s, ${st:-no verdict found in its log}"
	if [ -n "$a" ]; then
		echo "  ratio glpsol / tiku for one paper: $(ratio "$g" "$a" 1000)x"
	fi
else
	echo "  GLPK comparison skipped: glpsol not installed (apt-get install glpk-utils)"
fi
awk -v n="$C" 'BEGIN { print "准考证号,姓名,考点"; for (i = 1; i <= n; i++) printf "2023%06d,考生%d,考点%d\n", i, i, i % 20 }' >"$W/roster.csv"
# a batch of 100-item papers: the size the print and pack figures are quoted for
tiku batch new bench --blueprint "$ROOT/bench/theory-100.xml" --seed 1 >/dev/null
# the forms as bench-A.xml ... in $W/forms (made here: older tiku
# requires the directory to exist)
mkdir -p "$W/forms"
tiku batch generate bench -o "$W/forms" >/dev/null
if [ ! -s "$W/forms/bench-A.xml" ]; then
	echo "bench: batch generate wrote no $W/forms/bench-A.xml" >&2
	exit 1
fi
mkdir -p "$W/candidates"
t0=$(secs)
tiku batch papers bench --roster "$W/roster.csv" -o "$W/candidates" >/dev/null
t1=$(secs)
s=$(du -sh "$W/candidates" | cut -f1)
echo "  $(thousands "$C") per-candidate papers with keys: $(elapsed "$t0" "$t1") s, $s$(goal "< 5 s" $gc)"
quiet "$W/assemble.log" tiku assemble --blueprint "$ROOT/bench/theory-100.xml" --seed 1 -o "$W/t100.xml"
t0=$(secs)
tiku render "$W/t100.xml" -o "$W/t100.pdf" >"$W/render.txt"
t1=$(secs)
s=$(sed 's/.*: //' "$W/render.txt")
echo "  render one 100-item theory paper to PDF ($s), start to end: $(elapsed "$t0" "$t1") s (goal < 0.5 s)"
# the same paper as a Word document to edit (render -o PAPER.docx)
t0=$(secs)
tiku render "$W/t100.xml" -o "$W/t100.docx" >"$W/docx.txt"
t1=$(secs)
if [ ! -s "$W/t100.docx" ]; then
	echo "bench: render wrote no $W/t100.docx" >&2
	exit 1
fi
echo "  render one 100-item theory paper to Word (.docx, $(($(wc -c <"$W/t100.docx") / 1024)) KiB)," \
	"start to end: $(elapsed "$t0" "$t1") s (goal < 0.3 s)"
head -n "$((R + 1))" "$W/roster.csv" >"$W/roster-render.csv"
t0=$(secs)
tiku render "$W/candidates" --roster "$W/roster-render.csv" --combined -o "$W/all.pdf" >"$W/render.txt"
t1=$(secs)
e=$(elapsed "$t0" "$t1")
pages=$(sed -n 's/.*: \([0-9]*\) pages*$/\1/p' "$W/render.txt")
if [ -z "$pages" ] || [ ! -s "$W/all.pdf" ]; then
	echo "bench: render --combined wrote no PDF or no page count:" >&2
	cat "$W/render.txt" >&2
	exit 1
fi
echo "  render $(thousands "$R") per-candidate papers into one PDF: $e s, $pages pages, $(ratio "$pages" "$e") pages/s$(goal ">= 1,000 pages/s" $gr)"
# beside it the same on one thread (older tiku draws on one anyway)
if tiku render --help 2>/dev/null | grep -q -- --threads; then
	t0=$(secs)
	tiku render "$W/candidates" --roster "$W/roster-render.csv" --combined --threads 1 \
		-o "$W/all1.pdf" >/dev/null
	t1=$(secs)
	if ! cmp -s "$W/all.pdf" "$W/all1.pdf"; then
		echo "bench: render on one thread wrote other bytes than on every core" >&2
		exit 1
	fi
	e1=$(elapsed "$t0" "$t1")
	echo "    the same on one thread: $e1 s, $(ratio "$pages" "$e1") pages/s (the same bytes)"
fi
tiku keygen --unencrypted -o "$W/centre" >/dev/null
# -o NAME without extension: tiku writes NAME.zip and NAME-key.zip
# (-o NAME.zip means NAME.zip only in newer versions)
t0=$(secs)
tiku pack "$W/forms/bench-A.xml" --key "$W/centre.key" -o "$W/form-a" >/dev/null
t1=$(secs)
for f in "$W/form-a.zip" "$W/form-a-key.zip"; do
	if [ ! -s "$f" ]; then
		echo "bench: tiku pack wrote no $f" >&2
		exit 1
	fi
done
size=$(wc -c <"$W/form-a.zip")
echo "  pack one form (paper and key packages, PDFs rendered, signed): $(elapsed "$t0" "$t1") s, paper package $((size / 1024)) KiB"
# what the exam sites get: each site's candidates' papers and keys, each
# as one PDF, sealed to the site (300 candidates at 3 sites)
# (the smoke test: a few)
if [ "$N" -lt 10000 ]; then S=$((C < 15 ? C : 15)); else S=$((C < 300 ? C : 300)); fi
awk -v n="$S" 'BEGIN { print "准考证号,姓名,考点"; for (i = 1; i <= n; i++) printf "2023%06d,考生%d,考点%d\n", i, i, i % 3 }' >"$W/sites.csv"
t0=$(secs)
for k in 0 1 2; do
	quiet "$W/seal.log" tiku keygen --seal -o "$W/site$k"
	quiet "$W/site.log" tiku pack --batch bench --site "考点$k" --roster "$W/sites.csv" \
		--seal-to "$W/site$k.pub" --key "$W/centre.key" -o "$W/site$k"
done
t1=$(secs)
echo "  pack $S candidates' papers and keys for 3 sites (rendered, signed, sealed): $(elapsed "$t0" "$t1") s$(goal "< 10 s" $gc)"
p=$("$SYNTH" bigpack "$W/forms/bench-A.xml" "$W/centre.key" "$W/batch.zip" "$MB")
size=$(wc -c <"$W/batch.zip")
t0=$(secs)
tiku verify -q "$W/batch.zip" --pub "$W/centre.pub"
t1=$(secs)
v=$(elapsed "$t0" "$t1")
t0=$(secs)
sha256sum "$W/batch.zip" >/dev/null
t1=$(secs)
h=$(elapsed "$t0" "$t1")
echo "  a $((size / 1048576)) MiB package: pack (hash, deflate, sign; in process) $p s, verify (both signatures," \
	"every file's SHA-256; the command) $v s, sha256sum $h s: pack at $(ratio "$h" "$p" 100)%," \
	"verify at $(ratio "$h" "$v" 100)% of sha256sum's speed (goal >= 50%)"
t0=$(secs)
tiku export -o "$W/export.xml"
t1=$(secs)
echo "  export $N items: $(elapsed "$t0" "$t1") s"
# the formats LMSs read (what they cannot carry is warned of, item by item)
for f in moodle:xml gift:gift qti21:zip qti30:zip; do
	t0=$(secs)
	tiku export --format "${f%%:*}" -o "$W/export-${f%%:*}.${f#*:}" 2>/dev/null
	t1=$(secs)
	echo "  export $N items as ${f%%:*}: $(elapsed "$t0" "$t1") s," \
		"$(($(wc -c <"$W/export-${f%%:*}.${f#*:}") / 1048576)) MiB$(goal "< 10 s" $gi)"
done
# and back: each file imported into a new bank of its own (what the
# format does not carry, e.g. GIFT's rubrics, is warned of and left out)
for f in moodle:xml gift:gift qti21:zip qti30:zip; do
	b="$W/back-${f%%:*}.db"
	TIKU_BANK=$b tiku import -q "$STD"
	t0=$(secs)
	TIKU_BANK=$b tiku import -q "$W/export-${f%%:*}.${f#*:}" 2>/dev/null
	t1=$(secs)
	n=$(TIKU_BANK=$b tiku search --count)
	echo "  import the ${f%%:*} file back into a new bank: $(elapsed "$t0" "$t1") s," \
		"$n items$(goal "< 15 s" $gi)"
	rm -f "$b"
done
# lint exits 1 when it finds errors (the synthetic bank has duplicates);
# anything else is a failure
t0=$(secs)
rc=0
tiku lint --errors-only >/dev/null || rc=$?
t1=$(secs)
if [ "$rc" -gt 1 ]; then
	echo "bench: tiku lint failed (exit $rc)" >&2
	exit "$rc"
fi
echo "  lint the whole bank (duplicates and near-duplicates included): $(elapsed "$t0" "$t1") s"
t0=$(secs)
tiku coverage --level 初级 --kind theory >/dev/null
t1=$(secs)
echo "  coverage 初级 theory: $(elapsed "$t0" "$t1") s"
# tiku suggest on real items: the shipped sample bank, each item's codes
# hidden (bench/suggest.lua); every 10th item on a smoke-test run
(
	export TIKU_BANK="$W/shipped.db"
	tiku import -q "$STD" "$ROOT"/banks/miit-kflxzxs/items/*/*.xml
	step=$([ "$N" -ge 10000 ] && echo 1 || echo 10)
	set -- $(tiku run "$ROOT/bench/suggest.lua" "$step")
	if [ "$#" -ne 6 ] || [ "$1" -eq 0 ]; then
		echo "bench: bench/suggest.lua gave no figures" >&2
		exit 1
	fi
	pct() { echo "100 * $1 / $2" | bc -l | xargs printf "%.1f"; }
	echo "  suggest on the shipped sample bank, each item's codes hidden ($1 items$([ "$step" -gt 1 ] &&
		echo ", every ${step}th")): its code first $(pct "$2" "$1")%, in the top 3" \
		"$(pct "$3" "$1")%$(goal "top-3 >= 80%" "$([ "$step" -eq 1 ] && echo yes)");" \
		"skill items in the top 3 $(pct "$5" "$4")% of $4;" \
		"$(echo "1000 * $6 / $1" | bc -l | xargs printf "%.1f") ms an item"
)
# the sample 48-hour course, its draws raised so that it carries about 500
# practice items (3 each on a smoke-test bank), bundled in every format
cp -r "$ROOT/banks/miit-kflxzxs/courses/junior" "$W/course"
per=$([ "$N" -ge 10000 ] && echo 30 || echo 3)
sed -i "s/<draw count=\"[0-9]*\"/<draw count=\"$per\"/" "$W/course/course.xml"
cp "$BP" "$W/course/exam.xml"
sed -i "s|blueprint=\"[^\"]*\"|blueprint=\"exam.xml\"|" "$W/course/course.xml"
for fmt in html scorm12 scorm2004 imscc; do
	t0=$(secs)
	tiku bundle "$W/course" --format $fmt -o "$W/course-$fmt.zip" --key "$W/centre.key" >"$W/bundle.out"
	t1=$(secs)
	items=$(sed -n 's/.*lessons, \([0-9]*\) practice items.*/\1/p' "$W/bundle.out")
	echo "  bundle the 48-hour sample course, $items practice items and the mock exam, as $fmt (signed):" \
		"$(elapsed "$t0" "$t1") s, $(($(wc -c <"$W/course-$fmt.zip") / 1024)) KiB (goal < 1 s)"
done
js=$(unzip -p "$W/course-html.zip" assets/tiku.js | wc -c)
css=$(unzip -p "$W/course-html.zip" assets/tiku.css | wc -c)
echo "  the bundle page's own JS + CSS: $(((js + css) / 1024)) KiB ($js + $css bytes; goal < 100 KB)"
mkdir "$W/site" && (cd "$W/site" && unzip -q "$W/course-html.zip")
node "$ROOT/tests/browser/load.mjs" "$W/site" >"$W/load.out"
sed 's/^/  /' "$W/load.out"
echo "tiku bench: done"
