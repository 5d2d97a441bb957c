#!/bin/sh
# load.sh builds reportsearch, serves the embedded report on a free loopback
# port, sends it a realistic mix of requests with cmd/loadtest (100,000 at 64
# connections by default); then, if wrk is installed (Debian: apt-get install
# wrk), runs the searches of that mix for 20 s with wrk, a load generator
# light enough to leave the server most of the CPU; and stops the server. The whole run is bounded in
# time: the server must come up within 60 s and the load stops after 5 min.
#
#	scripts/load.sh            # N=100000 C=64
#	N=20000 C=16 scripts/load.sh
#
# The load generator runs on the same machine and shares its cores with the
# server; record that next to the numbers.
set -eu
cd "$(dirname "$0")/.."

N=${N:-100000}
C=${C:-64}
W=2000 # warm-up requests, sent before measuring
tmp=$(mktemp -d)
pid=
cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

echo "building…"
go build -o "$tmp/reportsearch" ./cmd/reportsearch
go build -o "$tmp/loadtest" ./cmd/loadtest

# Port 0: the kernel picks a free port, which the server logs.
"$tmp/reportsearch" serve --addr 127.0.0.1:0 2>"$tmp/serve.log" &
pid=$!
url=
i=0
while [ -z "$url" ]; do
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "the server exited:" >&2
		cat "$tmp/serve.log" >&2
		exit 1
	fi
	i=$((i + 1))
	if [ "$i" -gt 600 ]; then
		echo "the server did not start within 60 s" >&2
		exit 1
	fi
	sleep 0.1
	url=$(sed -n 's/.*msg=serving url=\(http:[^ ]*\)\/.*/\1/p' "$tmp/serve.log" | head -n 1)
done
echo "serving $url (pid $pid); $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# cpu prints the server's CPU time so far (user + system) in seconds.
cpu() {
	awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$pid/stat"
}
before=$(cpu)
"$tmp/loadtest" -url "$url" -n "$N" -c "$C" -warmup "$W" -pid "$pid" -max-time 5m
after=$(cpu)
awk -v a="$before" -v b="$after" -v n="$((N + W))" 'BEGIN { printf "server CPU: %.1f s for %d requests with the warm-up: %.0f µs per request\n", b - a, n, (b - a) * 1e6 / n }'

if command -v wrk >/dev/null 2>&1; then
	echo "wrk, searches only (scripts/wrk-mix.lua), 64 connections, 20 s:"
	before=$(cpu)
	timeout 60 wrk -t1 -c"$C" -d20s -s scripts/wrk-mix.lua "$url" | sed -n '/^searches:/,$p'
	after=$(cpu)
	awk -v a="$before" -v b="$after" 'BEGIN { printf "server CPU during wrk: %.1f s of 40 s (2 cores × 20 s)\n", b - a }'
else
	echo "wrk not installed: skipping the searches-only run"
fi

errors=$(grep -c 'level=ERROR' "$tmp/serve.log" || true)
echo "server errors logged: $errors"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
