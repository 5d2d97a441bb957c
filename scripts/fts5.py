#!/usr/bin/env python3
# Build a SQLite FTS5 (trigram) index of a bench corpus (JSON lines {id, section, text}),
# streamed (never held in memory), and time a few searches, for comparison with
# reportsearch's BenchmarkBuildScale (which streams its corpus as well).
# Usage: python3 scripts/fts5.py [--limit N] [--queries FILE] CORPUS.jsonl DB [QUERY...]
#   --limit N       index only the first N lines
#   --queries FILE  also run every query of FILE (one a line) once after one warm-up pass
#                   and print p50/p99 (a query is passed to MATCH as "word" "word")
# Prints: docs, build seconds, CPU µs per document (user+sys of the build, JSON
# decoding included), the database's size and the process's peak RSS.
import json, sqlite3, sys, time, os, resource, itertools
args = sys.argv[1:]
limit, qfile = None, None
while args and args[0].startswith('--'):
    opt = args.pop(0)
    if opt == '--limit': limit = int(args.pop(0))
    elif opt == '--queries': qfile = args.pop(0)
    else: sys.exit(f"unknown option {opt}")
path, db = args[0], args[1]
if os.path.exists(db): os.remove(db)
c = sqlite3.connect(db); c.execute("PRAGMA journal_mode=OFF"); c.execute("PRAGMA synchronous=OFF")
c.execute("CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, section UNINDEXED, text, tokenize='trigram')")
n = 0
def docs():
    global n
    with open(path, encoding='utf-8') as f:
        for line in itertools.islice(f, limit):
            d = json.loads(line); n += 1
            yield (d['id'], d['section'], d['text'])
r0 = resource.getrusage(resource.RUSAGE_SELF); t0 = time.time()
c.executemany("INSERT INTO t VALUES (?,?,?)", docs()); c.commit()
t = time.time() - t0; r1 = resource.getrusage(resource.RUSAGE_SELF)
cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
print(f"{n} docs in {t:.1f}s = {n/t:.0f} docs/s; cpu {cpu*1e6/n:.0f} µs/doc; "
      f"size {os.path.getsize(db)/1e6:.0f} MB; peak RSS {r1.ru_maxrss/1024:.0f} MB")
def search(q):
    c.execute("SELECT id, highlight(t, 2, '<mark>', '</mark>') FROM t WHERE t MATCH ? ORDER BY rank LIMIT 10", (q,)).fetchall()
    c.execute("SELECT count(*) FROM t WHERE t MATCH ?", (q,)).fetchone()
for q in args[2:]:
    lat = []
    for i in range(200):
        t0 = time.perf_counter(); search(q); lat.append(time.perf_counter() - t0)
    lat.sort(); print(f"{q}: p50 {lat[100]*1e3:.2f} ms p99 {lat[198]*1e3:.2f} ms")
if qfile:
    qs = [' '.join('"%s"' % w for w in l.split()) for l in open(qfile, encoding='utf-8') if l.strip()]
    for q in qs: search(q)
    lat = []
    for q in qs:
        t0 = time.perf_counter(); search(q); lat.append(time.perf_counter() - t0)
    lat.sort(); print(f"log {qfile}: {len(qs)} queries p50 {lat[len(lat)//2]*1e3:.2f} ms p99 {lat[len(lat)*99//100]*1e3:.2f} ms")
