#!/usr/bin/env python3
# Build a SQLite FTS5 (trigram) index of a bench corpus (JSON lines {id, section, text})
# and time a few searches, for comparison with reportsearch's BenchmarkBuildScale.
# Usage: python3 scripts/fts5.py CORPUS.jsonl DB QUERY...
import json, sqlite3, sys, time, os, resource
path, db = sys.argv[1], sys.argv[2]
docs = [json.loads(l) for l in open(path, encoding='utf-8')]
if os.path.exists(db): os.remove(db)
c = sqlite3.connect(db); c.execute("PRAGMA journal_mode=OFF"); c.execute("PRAGMA synchronous=OFF")
c.execute("CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, section UNINDEXED, text, tokenize='trigram')")
r0 = resource.getrusage(resource.RUSAGE_SELF); t0 = time.time()
c.executemany("INSERT INTO t VALUES (?,?,?)", ((d['id'], d['section'], d['text']) for d in docs)); c.commit()
t = time.time() - t0; r1 = resource.getrusage(resource.RUSAGE_SELF)
cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
print(f"{len(docs)} docs in {t:.1f}s = {len(docs)/t:.0f} docs/s; cpu {cpu*1e6/len(docs):.0f} µs/doc")
for q in sys.argv[3:]:
    lat = []
    for i in range(200):
        t0 = time.perf_counter()
        c.execute("SELECT id, highlight(t, 2, '<mark>', '</mark>') FROM t WHERE t MATCH ? ORDER BY rank LIMIT 10", (q,)).fetchall()
        c.execute("SELECT count(*) FROM t WHERE t MATCH ?", (q,)).fetchone()
        lat.append(time.perf_counter() - t0)
    lat.sort(); print(f"{q}: p50 {lat[100]*1e3:.2f} ms p99 {lat[198]*1e3:.2f} ms")
