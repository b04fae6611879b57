#!/bin/sh
# bench/run.sh -- figures on a synthetic bank of realistic size.
# The bank is SYNTHETIC: generated items tagged to the real MIIT codes,
# labelled so (ids syn-*, author "synthetic").  Timings go to standard
# output only; nothing here is a pass/fail test.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
: "${TIKU:=$ROOT/build/tiku}"
: "${SYNTH:=$ROOT/build/synth}"
N=${BENCH_ITEMS:-100000}
W=$(mktemp -d /tmp/tiku-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
STD=$ROOT/banks/miit-kflxzxs/standard.xml

secs() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l | xargs printf "%.3f"; }

echo "tiku bench: synthetic bank of $N items (generated, not real items)"
"$SYNTH" items "$STD" "$N" 42 >"$W/items.xml"
echo "  generated items XML: $(du -h "$W/items.xml" | cut -f1)"
export TIKU_BANK="$W/bench.db"
"$TIKU" import -q "$STD"
t0=$(secs)
"$TIKU" import -q "$W/items.xml"
t1=$(secs)
e=$(elapsed "$t0" "$t1")
echo "  import $N items from XML: ${e} s ($(echo "$N / $e" | bc) items/s; goal < 5 s)"
t0=$(secs)
"$TIKU" import -q "$W/items.xml"
t1=$(secs)
echo "  re-import, nothing changed: $(elapsed "$t0" "$t1") s"
echo "  bank file: $(du -h "$TIKU_BANK" | cut -f1)"
echo "  search latency inside one process (goal < 20 ms):"
"$SYNTH" search "$TIKU_BANK" 21 坐席 投诉 诉 平均处理时长 "客户 情绪" "满意度@senior" 不存在的词 \
	"坐席!" "平均处理时长!" "满意度@senior!"
t0=$(secs)
"$TIKU" search 投诉 >/dev/null
t1=$(secs)
echo "  one 'tiku search 投诉' command, start to end: $(elapsed "$t0" "$t1") s"
"$TIKU" run -e '
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
"$SYNTH" assemble "$TIKU_BANK" "$ROOT/banks/miit-kflxzxs/blueprints/junior-theory.xml" 11 | tee "$W/assemble.txt"
if command -v glpsol >/dev/null 2>&1; then
	# The reference: GLPK's branch-and-bound on the same core model
	# (section counts, area points, mean difficulty, enemies) with a
	# random objective.  It sees fewer rules than tiku (no difficulty
	# bands, exposure or overlap), so it is the easier problem.
	n=$("$SYNTH" mip "$TIKU_BANK" "$ROOT/banks/miit-kflxzxs/blueprints/junior-theory.xml" "$W/paper.lp")
	t0=$(secs)
	glpsol --lp "$W/paper.lp" --tmlim 120 -o "$W/paper.sol" >"$W/glpsol.log" 2>&1 || true
	t1=$(secs)
	g=$(elapsed "$t0" "$t1")
	a=$(sed -n 's/.*one .*median \([0-9.]*\) ms.*/\1/p' "$W/assemble.txt")
	echo "  GLPK (glpsol) on the same paper as a MIP over $n binaries: $g s," \
		"$(grep -o 'INTEGER OPTIMAL SOLUTION FOUND\|TIME LIMIT EXCEEDED\|PROBLEM HAS NO.*' "$W/glpsol.log" | head -n 1 | tr 'A-Z' 'a-z')"
	[ -n "$a" ] && echo "  ratio glpsol / tiku for one paper: $(echo "$g * 1000 / $a" | bc -l | xargs printf "%.0f")x"
else
	echo "  GLPK comparison skipped: glpsol not installed (apt-get install glpk-utils)"
fi
awk 'BEGIN { print "准考证号,姓名,考点"; for (i = 1; i <= 10000; i++) printf "2023%06d,考生%d,考点%d\n", i, i, i % 20 }' >"$W/roster.csv"
"$TIKU" batch new bench --blueprint "$ROOT/banks/miit-kflxzxs/blueprints/junior-theory.xml" --seed 1 >/dev/null
"$TIKU" batch generate bench >/dev/null
t0=$(secs)
"$TIKU" batch papers bench --roster "$W/roster.csv" -o "$W/candidates" >/dev/null
t1=$(secs)
echo "  10,000 per-candidate papers with keys: $(elapsed "$t0" "$t1") s, $(du -sh "$W/candidates" | cut -f1) (goal < 5 s)"
"$TIKU" assemble --blueprint "$ROOT/bench/theory-100.xml" --seed 1 -o "$W/t100.xml" 2>/dev/null
t0=$(secs)
"$TIKU" render "$W/t100.xml" -o "$W/t100.pdf" >"$W/render.txt"
t1=$(secs)
echo "  render one 100-item theory paper to PDF ($(sed 's/.*: //' "$W/render.txt")), start to end: $(elapsed "$t0" "$t1") s (goal < 0.5 s)"
head -n 1001 "$W/roster.csv" >"$W/roster1000.csv"
t0=$(secs)
"$TIKU" render "$W/candidates" --roster "$W/roster1000.csv" --combined -o "$W/all.pdf" >"$W/render.txt"
t1=$(secs)
e=$(elapsed "$t0" "$t1")
pages=$(sed 's/.*: \([0-9]*\) pages/\1/' "$W/render.txt")
echo "  render 1,000 per-candidate papers into one PDF: $e s, $pages pages, $(echo "$pages / $e" | bc) pages/s (goal < 60 s)"
"$TIKU" keygen --unencrypted -o "$W/centre" >/dev/null
t0=$(secs)
"$TIKU" pack "$W/bench-A.xml" --key "$W/centre.key" -o "$W/form-a" >/dev/null
t1=$(secs)
size=$(wc -c <"$W/form-a.zip")
echo "  pack one form (paper and key packages, PDFs rendered, signed): $(elapsed "$t0" "$t1") s, paper package $((size / 1024)) KiB"
p=$("$SYNTH" bigpack "$W/bench-A.xml" "$W/centre.key" "$W/batch.zip" 20)
size=$(wc -c <"$W/batch.zip")
t0=$(secs)
"$TIKU" verify -q "$W/batch.zip" --pub "$W/centre.pub"
t1=$(secs)
v=$(elapsed "$t0" "$t1")
t0=$(secs)
sha256sum "$W/batch.zip" >/dev/null
t1=$(secs)
h=$(elapsed "$t0" "$t1")
echo "  a $((size / 1048576)) MiB package: pack (hash, deflate, sign; in process) $p s, verify (both signatures," \
	"every file's SHA-256; the command) $v s, sha256sum $h s: pack at $(echo "100 * $h / $p" | bc)%," \
	"verify at $(echo "100 * $h / $v" | bc)% of sha256sum's speed (goal >= 50%)"
t0=$(secs)
"$TIKU" export -o "$W/export.xml"
t1=$(secs)
echo "  export $N items: $(elapsed "$t0" "$t1") s"
t0=$(secs)
"$TIKU" lint --errors-only >/dev/null || true
t1=$(secs)
echo "  lint the whole bank (duplicates and near-duplicates included): $(elapsed "$t0" "$t1") s"
t0=$(secs)
"$TIKU" coverage --level 初级 --kind theory >/dev/null
t1=$(secs)
echo "  coverage 初级 theory: $(elapsed "$t0" "$t1") s"
