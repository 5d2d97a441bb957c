#!/usr/bin/env bash
# The cost curve (issue 16): for each corpus size N, build an on-disk index of
# the first N lines of a bench corpus (streamed), alternating with SQLite FTS5
# (ours, FTS5, ours again), then search it with the query log; one line of
# results per run is appended to OUT (tab-separated, with a header when new).
#
# Usage: CORPUS=FILE.jsonl scripts/curve.sh [N ...]      (default N: 10000 100000 1000000)
#   CORPUS   JSON lines {id, section, text}, at least max(N) lines:
#            ../shared/bench/make_corpus.sh 10000000 shuffled-repeat
#   QUERIES  the query log (default ../shared/bench/queries-common-1000.txt)
#   OUT      results (default docs/curve.tsv); plot them with scripts/plot-curve.sh
#   WORK     where indexes are built (default: a new temporary folder, removed at the end)
#   ALTERNATE_MAX  largest N with the second run of ours (default 1000000)
#   FTS5_MAX       largest N with an FTS5 build (default 1000000)
#   SEARCH_PASSES  passes over the query log, after one warm-up pass (default 3)
# Run from the repository root. Columns: when the run ended, the commit, N,
# the engine (ours, fts5, ours-search), wall seconds, CPU µs per document
# (user+sys of the whole process over the documents: reading the JSON lines
# included), index size (MB), peak RSS (MB), search p50/p99 (ms) with facets
# and highlighting, the same as the searching thread's CPU time (the latency
# on a core of its own, which the machine's load does not change), the
# 1-minute load average before the run.
set -euo pipefail
CORPUS=${CORPUS:?set CORPUS to a JSON-lines bench corpus}
QUERIES=${QUERIES:-../shared/bench/queries-common-1000.txt}
OUT=${OUT:-docs/curve.tsv}
ALTERNATE_MAX=${ALTERNATE_MAX:-1000000}
FTS5_MAX=${FTS5_MAX:-1000000}
SEARCH_PASSES=${SEARCH_PASSES:-3}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
own_work=
if [ -z "${WORK:-}" ]; then WORK=$(mktemp -d); own_work=1; fi
mkdir -p "$(dirname "$OUT")"
[ -s "$OUT" ] || printf 'date\tcommit\tdocs\tengine\twall_s\tcpu_us_per_doc\tindex_mb\tpeak_rss_mb\tp50_ms\tp99_ms\tload1\tcpu_p50_ms\tcpu_p99_ms\n' >"$OUT"
commit=$(git rev-parse --short HEAD)
test_bin=$WORK/index.test
go test -c -o "$test_bin" ./index/

load1() { cut -d' ' -f1 /proc/loadavg; }
metric() { # metric NAME < benchmark output: the value printed before NAME
	awk -v m="$1" '{for (i = 2; i <= NF; i++) if ($i == m) print $(i-1)}' | tail -1
}

ours() { # ours N: build, append a line
	local n=$1 load out
	load=$(load1)
	out=$(REPORTSEARCH_BENCH_CORPUS=$CORPUS REPORTSEARCH_BENCH_LIMIT=$n REPORTSEARCH_BENCH_OUT=$WORK/idx$n \
		"$test_bin" -test.run XXX -test.bench '^BenchmarkBuildScale$' -test.benchtime 1x)
	echo "$out" | grep Benchmark >&2
	local ns cpu mb rss
	ns=$(echo "$out" | metric ns/op)
	cpu=$(echo "$out" | metric cpu-µs/bullet)
	mb=$(echo "$out" | metric index-MB)
	rss=$(echo "$out" | metric peak-rss-MB)
	printf '%s\t%s\t%s\tours\t%.1f\t%s\t%s\t%s\t\t\t%s\n' "$(date -u +%FT%TZ)" "$commit" "$n" \
		"$(echo "$ns / 1000000000" | bc -l)" "$cpu" "$mb" "$rss" "$load" >>"$OUT"
}

fts5() { # fts5 N: build, append a line
	local n=$1 load out
	load=$(load1)
	out=$(python3 scripts/fts5.py --limit "$n" "$CORPUS" "$WORK/fts$n.db")
	echo "fts5 $n: $out" >&2
	# "N docs in T s = … docs/s; cpu C µs/doc; size S MB; peak RSS R MB"
	echo "$out" | awk -v d="$(date -u +%FT%TZ)" -v c="$commit" -v n="$n" -v l="$load" '
		{ t = $4; sub(/s$/, "", t); printf "%s\t%s\t%s\tfts5\t%s\t%s\t%s\t%s\t\t\t%s\n", d, c, n, t, $9, $12, $16, l }' >>"$OUT"
	rm -f "$WORK/fts$n.db"
}

search() { # search N: the query log on ours, append a line
	local n=$1 load out nq
	load=$(load1)
	nq=$(grep -c . "$QUERIES")
	out=$(REPORTSEARCH_BENCH_INDEX=$WORK/idx$n REPORTSEARCH_BENCH_QUERYLOG=$QUERIES \
		"$test_bin" -test.run XXX -test.bench '^BenchmarkSearchLog$' -test.benchtime "$((nq * SEARCH_PASSES))x")
	echo "$out" | grep Benchmark >&2
	ms() { echo "$out" | metric "$1" | awk '{ if ($1 != "") printf "%.3f", $1 / 1000 }'; }
	printf '%s\t%s\t%s\tours-search\t\t\t\t\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$commit" "$n" \
		"$(ms p50-µs)" "$(ms p99-µs)" "$load" "$(ms cpu-p50-µs)" "$(ms cpu-p99-µs)" >>"$OUT"
}

for n in "${sizes[@]}"; do
	ours "$n"
	if [ "$n" -le "$FTS5_MAX" ]; then fts5 "$n"; fi
	if [ "$n" -le "$ALTERNATE_MAX" ]; then ours "$n"; fi
	search "$n"
	rm -rf "$WORK/idx$n"
done
if [ -n "$own_work" ]; then rm -rf "$WORK"; fi
