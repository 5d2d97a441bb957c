#!/usr/bin/env bash
# Plot the cost curve written by scripts/curve.sh (docs/curve.tsv) into an SVG
# (docs/curve.svg): for each size, the median of its runs. Needs gnuplot
# (Debian: apt-get install gnuplot-nox).
# Usage: scripts/plot-curve.sh [IN.tsv [OUT.svg]]
set -euo pipefail
IN=${1:-docs/curve.tsv}
OUT=${2:-docs/curve.svg}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# medians per (engine, docs) of a column; rows: docs value
median() { # median ENGINE COLUMN
	awk -F'\t' -v e="$1" -v c="$2" 'NR > 1 && $4 == e && $c != "" { print $3 "\t" $c }' "$IN" |
		sort -k1,1n -k2,2g |
		awk -F'\t' '{ v[$1] = v[$1] " " $2 } END { for (d in v) { n = split(v[d], a, " "); print d "\t" a[int((n + 1) / 2)] } }' |
		sort -k1,1n
}
for col in 5:wall 6:cpu 7:size 8:rss; do
	median ours "${col%%:*}" >"$tmp/ours-${col#*:}"
	median fts5 "${col%%:*}" >"$tmp/fts5-${col#*:}"
done
median ours-search 9 >"$tmp/p50"
median ours-search 10 >"$tmp/p99"
median ours-search 12 >"$tmp/cpu-p50"
median ours-search 13 >"$tmp/cpu-p99"
# extrapolated points (engine "ours-extrapolated"), if any
awk -F'\t' 'NR > 1 && $4 == "ours-extrapolated"' "$IN" >"$tmp/extra"

gnuplot <<EOF
set terminal svg size 1000,760 dynamic font "sans,12" background "white"
set output "$OUT"
set multiplot layout 2,2 title "reportsearch cost curve (shuffled-repeat corpus; median of runs; FTS5 = SQLite trigram)"
set logscale x 10
set xrange [5000:20000000]
set xtics ("10 k" 1e4, "100 k" 1e5, "1 M" 1e6, "10 M" 1e7)
set xlabel "documents"
set grid
set key top left Left reverse samplen 2 font ",10"
set datafile separator "\t"
set datafile missing ""
dat(f) = "$tmp/" . f

set title "build: wall time (s)"
set logscale y 10
plot dat("ours-wall") u 1:2 w lp lw 2 pt 7 t "ours", \
     dat("fts5-wall") u 1:2 w lp lw 2 pt 5 t "FTS5", \
     dat("extra") u 3:5 w p pt 6 ps 1.5 t "ours, extrapolated"
unset logscale y

set title "build: CPU per document (µs, user+sys)"
set key bottom right
set yrange [0:*]
plot dat("ours-cpu") u 1:2 w lp lw 2 pt 7 t "ours", \
     dat("fts5-cpu") u 1:2 w lp lw 2 pt 5 t "FTS5", \
     dat("extra") u 3:6 w p pt 6 ps 1.5 t "ours, extrapolated"

set title "index size and peak RSS of the build (MB)"
set key top left
set logscale y 10
set yrange [*:*]
plot dat("ours-size") u 1:2 w lp lw 2 pt 7 t "ours: index", \
     dat("fts5-size") u 1:2 w lp lw 2 pt 5 t "FTS5: database", \
     dat("ours-rss") u 1:2 w lp lw 2 pt 9 dt 2 t "ours: peak RSS", \
     dat("fts5-rss") u 1:2 w lp lw 2 pt 11 dt 2 t "FTS5: peak RSS", \
     dat("extra") u 3:7 w p pt 6 ps 1.5 t "ours: index, extrapolated"

set title "search on the 1000-query log (ms; facets + highlighting)"
set key bottom right
plot dat("p50") u 1:2 w lp lw 2 pt 7 t "p50 (wall)", \
     dat("p99") u 1:2 w lp lw 2 pt 5 t "p99 (wall)", \
     dat("cpu-p50") u 1:2 w lp lw 2 pt 6 dt 2 t "p50 (thread CPU)", \
     dat("cpu-p99") u 1:2 w lp lw 2 pt 4 dt 2 t "p99 (thread CPU)", \
     5 w l dt 3 lw 2 lc rgb "red" t "p99 goal 5 ms", \
     dat("extra") u 3:13 w p pt 6 ps 1.5 t "p99 (thread CPU), extrapolated"
unset multiplot
EOF
echo "wrote $OUT"
