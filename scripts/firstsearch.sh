#!/usr/bin/env bash
# Time from process start to the first answered search, and RSS after it and
# after 200 more searches. Usage: scripts/firstsearch.sh BINARY PORT (loopback).
bin=$1; port=$2
start=$(date +%s.%N)
$bin serve --addr 127.0.0.1:$port 2>/dev/null & pid=$!
until curl -sf "http://127.0.0.1:$port/api/search?q=%E5%85%BB%E8%80%81" -o /dev/null; do sleep 0.005; done
end=$(date +%s.%N)
echo "first search after $(echo "$end - $start" | bc) s; RSS $(grep VmRSS /proc/$pid/status | awk '{print $2/1024}') MB"
for i in $(seq 200); do curl -s "http://127.0.0.1:$port/api/search?q=%E4%BC%81%E4%B8%9A" -o /dev/null; done
echo "after 200 searches: RSS $(grep VmRSS /proc/$pid/status | awk '{print $2/1024}') MB"
kill $pid; wait $pid 2>/dev/null
