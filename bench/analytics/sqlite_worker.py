#!/usr/bin/env python3
"""Runs SQL for bench.mjs on one long-lived read-only SQLite connection (the system libsqlite3,
as the server uses): one JSON line {"sql": ...} in, one JSON line {"ms": ..., "rows": [...]} out.
  sqlite_worker.py DB"""
import json, sqlite3, sys, time

db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, check_same_thread=False)
db.execute("PRAGMA cache_size=-1000000")  # 1 GB page cache: the file stays in memory between runs
print(json.dumps({"ready": True, "version": sqlite3.sqlite_version}), flush=True)
for line in sys.stdin:
    sql = json.loads(line)["sql"]
    t = time.perf_counter()
    rows = db.execute(sql).fetchall()
    ms = (time.perf_counter() - t) * 1000
    print(json.dumps({"ms": ms, "rows": rows}), flush=True)
