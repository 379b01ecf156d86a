#!/bin/sh
# make bench: planpress against Hugo and against the cmark-gfm floor on the
# synthetic förbund site of ../shared/bench, timed in the same run.
#
# Rounds are interleaved (Hugo, floor, planpress, Hugo, ...) and the median
# of each is reported, so a noisy neighbour hurts all three alike. Nine
# rounds by default: on a shared machine about one build in four is slowed
# by others, and the median of nine is far less often one of those than
# the median of five. The range of the rounds' own ratios is shown too. The site
# and the outputs live in /dev/shm when it exists: this measures the tools,
# not the disk (on a slow disk file creation dominates both tools alike).
#
# planpress builds with --no-search, as Hugo does (Pagefind is a separate
# program for both): docs/writing.md gives what search adds.
#
# Environment: BENCH_DIR (default ../shared/bench), PAGES (2000),
# ROUNDS (9), BENCH_WORK (scratch directory).

BENCH_DIR=${BENCH_DIR:-../shared/bench}
PAGES=${PAGES:-2000}
ROUNDS=${ROUNDS:-9}
PLANPRESS=${PLANPRESS:-./planpress}
if [ -z "$BENCH_WORK" ]; then
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then BENCH_WORK=/dev/shm/planpress-bench; else BENCH_WORK=/tmp/planpress-bench; fi
fi

missing=
[ -f "$BENCH_DIR/make-site.py" ] || { echo "bench: no benchmark generator at $BENCH_DIR/make-site.py (set BENCH_DIR)"; exit 1; }
for tool in python3 hugo cmark-gfm; do
	command -v $tool >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
	echo "bench: missing:$missing (apt-get install -y hugo cmark-gfm python3)"
	exit 1
fi

rm -rf "$BENCH_WORK"
mkdir -p "$BENCH_WORK"
SITE=$BENCH_WORK/site
python3 "$BENCH_DIR/make-site.py" --pages "$PAGES" "$SITE" || exit 1
# the same site with one CSV table per page: the budget file the generator
# writes beside each page, shown with a computed total
TSITE=$BENCH_WORK/site-tables
cp -R "$SITE" "$TSITE"
find "$TSITE/content" -name '*.md' | while read -r f; do
	n=${f##*-}
	n=${n%.md}
	printf '\n```table\nfile: budget-%s.csv\ncaption: Budget\ncolumns:\n  Plats: text\n  Antal deltagare: number\n  Förbundsmedel, tkr: tkr\ntotal: Summa\n```\n' "$n" >> "$f"
done

# A command's wall time, CPU time and peak memory, as /usr/bin/time -f
# "%e %U %S %M" gives them but to the microsecond rather than the
# hundredth of a second: a build of 0.25 s is then not rounded by up to 2 %.
# The times of the processes it waits for count, as with time(1).
cat > "$BENCH_WORK/timer.py" <<'PY'
import os, sys, time
out = sys.argv[1]
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - t0
with open(out, "w") as f:
    f.write("%.6f %.6f %.6f %d\n" % (wall, ru.ru_utime, ru.ru_stime, ru.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8)
PY
measure() { # output-file cmd...
	python3 "$BENCH_WORK/timer.py" "$@"
}

timed() { # label cmd...
	label=$1
	shift
	measure "$BENCH_WORK/t" "$@" > /dev/null 2> "$BENCH_WORK/err" || {
		echo "bench: $label failed:"
		cat "$BENCH_WORK/err"
		exit 1
	}
	echo "$label $(tail -n 1 "$BENCH_WORK/t")" >> "$BENCH_WORK/times"
}

: > "$BENCH_WORK/times"
# one warm-up of each, not counted: fills the page cache
hugo --quiet -s "$SITE" -d "$BENCH_WORK/out-hugo" > /dev/null 2>&1
"$PLANPRESS" build -q --no-search -o "$BENCH_WORK/out-pp" "$SITE" 2> /dev/null
"$PLANPRESS" build -q --no-search -o "$BENCH_WORK/out-pt" "$TSITE" 2> /dev/null || {
	echo "bench: the site with tables does not build:"
	"$PLANPRESS" build -q --no-search -o "$BENCH_WORK/out-pt" "$TSITE" 2>&1 | head -5
	exit 1
}
r=1
while [ $r -le "$ROUNDS" ]; do
	# cold builds: no output, and neither tool's cache (Hugo's
	# resources/, planpress's .planpress/) from the round before
	rm -rf "$BENCH_WORK/out-hugo" "$BENCH_WORK/out-pp" "$BENCH_WORK/out-pt" "$SITE/resources" \
		"$SITE/.planpress" "$TSITE/.planpress"
	timed hugo hugo --quiet -s "$SITE" -d "$BENCH_WORK/out-hugo"
	timed floor sh -c "find '$SITE/content' -name '*.md' -print0 | xargs -0 cat | cmark-gfm -e table -e footnotes"
	timed planpress "$PLANPRESS" build -q --no-search -o "$BENCH_WORK/out-pp" "$SITE"
	timed tables "$PLANPRESS" build -q --no-search -o "$BENCH_WORK/out-pt" "$TSITE"
	r=$((r + 1))
done

pages=$(find "$BENCH_WORK/out-pp" -name index.html | wc -l)
awk -v pages="$pages" -v rounds="$ROUNDS" -v cores="$(nproc)" '
function median(a, n,   i, j, t) {
	for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{ n[$1]++; wall[$1, n[$1]] = $2; cpu[$1, n[$1]] = $3 + $4; mem[$1, n[$1]] = $5 / 1024 }
END {
	split("hugo floor planpress tables", tools, " ")
	for (k = 1; k <= 4; k++) {
		t = tools[k]
		for (i = 1; i <= n[t]; i++) { w[i] = wall[t, i]; c[i] = cpu[t, i]; m[i] = mem[t, i] }
		W[t] = median(w, n[t]); C[t] = median(c, n[t]); M[t] = median(m, n[t])
	}
	printf "bench: %d pages written by planpress, %d rounds, %d cores, medians\n\n", pages, rounds, cores
	printf "  %-18s %9s %9s %12s\n", "", "wall s", "CPU s", "peak MiB"
	printf "  %-18s %9.3f %9.3f %12.1f\n", "Hugo", W["hugo"], C["hugo"], M["hugo"]
	printf "  %-18s %9.3f %9.3f %12.1f\n", "cmark-gfm floor", W["floor"], C["floor"], M["floor"]
	printf "  %-18s %9.3f %9.3f %12.1f\n", "planpress", W["planpress"], C["planpress"], M["planpress"]
	printf "  %-18s %9.3f %9.3f %12.1f\n", "planpress + tables", W["tables"], C["tables"], M["tables"]
	printf "\nratios from this run:\n"
	printf "  planpress : Hugo   wall %.3f (%.2fx faster)  CPU %.2f  memory %.2f\n",
		W["planpress"] / W["hugo"], W["hugo"] / W["planpress"], C["planpress"] / C["hugo"], M["planpress"] / M["hugo"]
	lo = hi = wall["hugo", 1] / wall["planpress", 1]
	for (i = 2; i <= n["planpress"]; i++) {
		x = wall["hugo", i] / wall["planpress", i]
		if (x < lo) lo = x
		if (x > hi) hi = x
	}
	printf "  (planpress : Hugo in wall time, round by round: %.2fx to %.2fx faster)\n", lo, hi
	printf "  planpress : floor  wall %.2f  CPU %.2f\n", W["planpress"] / W["floor"], C["planpress"] / C["floor"]
	printf "  one CSV table per page adds %+.0f %% wall, %+.0f %% CPU to the Markdown-only build\n",
		(W["tables"] / W["planpress"] - 1) * 100, (C["tables"] / C["planpress"] - 1) * 100
}' "$BENCH_WORK/times"

# An author's edit: one page changed, the site built again with the cache
# the last build left (the output of the last round is there). Five
# different pages, one at a time; the median is reported.
: > "$BENCH_WORK/inc"
k=1
for f in $(find "$SITE/content" -name '*.md' | sort | awk 'NR % 397 == 1' | head -n 5); do
	printf '\nEn rad till, ändring %d.\n' "$k" >> "$f"
	measure "$BENCH_WORK/t" "$PLANPRESS" build -q --no-search -o "$BENCH_WORK/out-pp" "$SITE" \
		> /dev/null 2> "$BENCH_WORK/err" || { echo "bench: the rebuild failed:"; cat "$BENCH_WORK/err"; exit 1; }
	grep -q '(1 rendered' "$BENCH_WORK/err" || { echo "bench: the rebuild was not incremental: $(tail -n 1 "$BENCH_WORK/err")"; exit 1; }
	cat "$BENCH_WORK/t" >> "$BENCH_WORK/inc"
	k=$((k + 1))
done
sort -n "$BENCH_WORK/inc" | awk '{ v[NR] = $1 } END { printf "  one page changed, rebuilt with the cache: %.3f s wall (median of %d; each rendered 1 page)\n", v[int((NR + 1) / 2)], NR }'
rm -rf "$BENCH_WORK"
