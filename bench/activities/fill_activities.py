#!/usr/bin/env python3
"""Fills a demo SQLite database with N activities (default 10,000,000) for the list benchmark.

  build-rel/longghep demo --db sqlite:///tmp/bench/list.db
  bench/activities/fill_activities.py /tmp/bench/list.db [N=10000000]

Bulk INSERT ... SELECT over a recursive CTE (minutes, not the hours of row-by-row inserts), into
the schema of migrations/sqlite/0004_activities.sql, with what the server would have written:
each activity on a commune or district of the demo hierarchy valid on its dates (old units until
2025-06-30, current ones after), dates 2021-01-01 .. today, a lead agency, title and folded title
("<intervention type> tại <unit> đợt k/yyyy"), 1 reach row (2 for 30 %), reached_total = their
sum, one cost row and cost_total. Secondary indexes are dropped during the fill and rebuilt
after it (same final state, sorted builds). Ends with ANALYZE-free stats: the server never runs
ANALYZE, so neither does this script (plans are those a real deployment gets).
"""
import datetime as dt, sqlite3, sys, time, unicodedata


def fold(s):
    s = unicodedata.normalize("NFD", s).replace("Đ", "d").replace("đ", "d")
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).lower().split())


def main():
    path, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-1000000")
    db.execute("PRAGMA temp_store=FILE")
    t0 = time.time()
    today = dt.date.today().isoformat()
    db.execute("BEGIN")
    db.execute("CREATE TEMP TABLE fu(i INTEGER PRIMARY KEY, id INTEGER, jd0 INTEGER, span INTEGER, name TEXT, folded TEXT)")
    rows = db.execute("SELECT id, name, name_folded, valid_from, valid_to FROM org_units WHERE kind IN ('commune','district')").fetchall()
    i = 0
    for uid, name, folded, vf, vt in rows:
        a, b = max(vf, "2021-01-01"), min(vt, today)
        if a > b:
            continue
        jd0 = dt.date.fromisoformat(a).toordinal()
        span = dt.date.fromisoformat(b).toordinal() - jd0 - 30  # leaves room for a 30-day activity
        if span < 1:
            continue
        db.execute("INSERT INTO fu VALUES(?,?,?,?,?,?)", (i, uid, jd0, span, name, folded))
        i += 1
    nu = i
    db.execute("CREATE TEMP TABLE ft(i INTEGER PRIMARY KEY, code TEXT, title TEXT, folded TEXT)")
    types = db.execute("SELECT code, name_vi FROM intervention_types WHERE active = 1 ORDER BY sort_order").fetchall()
    for j, (code, name) in enumerate(types):
        db.execute("INSERT INTO ft VALUES(?,?,?,?)", (j, code, name, fold(name)))
    nt = len(types)
    db.execute("CREATE TEMP TABLE fa(i INTEGER PRIMARY KEY, id INTEGER)")
    for j, (aid,) in enumerate(db.execute("SELECT id FROM agencies ORDER BY id").fetchall()):
        db.execute("INSERT INTO fa VALUES(?,?)", (j, aid))
    na = db.execute("SELECT COUNT(*) FROM fa").fetchone()[0]
    groups = [g for (g,) in db.execute("SELECT code FROM target_groups WHERE active = 1 ORDER BY sort_order")]
    sources = [s for (s,) in db.execute("SELECT code FROM funding_sources WHERE active = 1 ORDER BY sort_order")]
    db.execute("CREATE TEMP TABLE fg(i INTEGER PRIMARY KEY, code TEXT)")
    db.executemany("INSERT INTO fg VALUES(?,?)", list(enumerate(groups)))
    db.execute("CREATE TEMP TABLE fs(i INTEGER PRIMARY KEY, code TEXT)")
    db.executemany("INSERT INTO fs VALUES(?,?)", list(enumerate(sources)))
    ng, ns = len(groups), len(sources)
    base = db.execute("SELECT COALESCE(MAX(id), 0) FROM activities").fetchone()[0]
    print(f"{nu} units, {nt} types, {na} agencies, {ng} groups; activities from id {base + 1}", flush=True)

    secondary = db.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND "
                           "tbl_name IN ('activities','activity_reach','activity_costs')").fetchall()
    for name, _ in secondary:
        db.execute(f"DROP INDEX {name}")
    now = dt.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")
    # x = a 64-bit mix of the row number: every "random" choice is a function of the id.
    db.execute(f"""
      WITH RECURSIVE seq(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM seq WHERE k < {n}),
      r AS (SELECT k + {base} AS id, ((k * 2654435761) % 4294967296) AS x, ((k * 40503) % 65521) AS y FROM seq),
      p AS (SELECT r.id, r.x, r.y, fu.id AS unit, fu.name, fu.folded AS ufold,
                   date(fu.jd0 + (r.x / 7) % fu.span + 1721424.5) AS sd,
                   ((r.y * 13) % 100) AS len FROM r JOIN fu ON fu.i = r.x % {nu})
      INSERT INTO activities(id, key, org_unit_id, title, title_folded, intervention_type_code, lead_agency_id,
                             start_date, end_date, reached_total, cost_total, note, source, created_by, version,
                             created_at, updated_at)
      SELECT p.id, 'fill-' || p.id, p.unit,
             ft.title || ' tại ' || p.name || ' đợt ' || (1 + p.y % 12) || '/' || substr(p.sd, 1, 4),
             ft.folded || ' tai ' || p.ufold || ' dot ' || (1 + p.y % 12) || '/' || substr(p.sd, 1, 4),
             ft.code, fa.id, p.sd,
             date(p.sd, '+' || (CASE WHEN p.len < 50 THEN 0 WHEN p.len < 70 THEN 1 WHEN p.len < 85 THEN 6 ELSE 29 END) || ' days'),
             (5 + (p.id * 7919) % 396) + (CASE WHEN p.id % 10 < 3 THEN 5 + (p.id * 104729) % 396 ELSE 0 END),
             1000 * (500 + (p.id * 31337) % 49500), '', 'import', 'bench', 1, '{now}', '{now}'
      FROM p JOIN ft ON ft.i = (p.y / 3) % {nt} JOIN fa ON fa.i = (p.x / 11) % {na}""")
    t1 = time.time(); print(f"activities: {t1 - t0:.0f} s", flush=True)
    db.execute(f"""INSERT INTO activity_reach(activity_id, target_group_code, total, female, male)
      SELECT a.id, fg.code, 5 + (a.id * 7919) % 396, ((5 + (a.id * 7919) % 396) * (a.id % 8)) / 8,
             (5 + (a.id * 7919) % 396) - ((5 + (a.id * 7919) % 396) * (a.id % 8)) / 8
      FROM activities a JOIN fg ON fg.i = a.id % {ng} WHERE a.id > {base}""")
    db.execute(f"""INSERT INTO activity_reach(activity_id, target_group_code, total, female, male)
      SELECT a.id, fg.code, 5 + (a.id * 104729) % 396, NULL, NULL
      FROM activities a JOIN fg ON fg.i = (a.id / {ng} + 1 + a.id) % {ng} WHERE a.id > {base} AND a.id % 10 < 3
        AND (a.id / {ng} + 1 + a.id) % {ng} <> a.id % {ng}""")
    # keep reached_total equal to the reach rows where the second group collided with the first
    db.execute(f"""UPDATE activities SET reached_total = 5 + (id * 7919) % 396
      WHERE id > {base} AND id % 10 < 3 AND (id / {ng} + 1 + id) % {ng} = id % {ng}""")
    db.execute(f"""INSERT INTO activity_costs(activity_id, funding_source_code, amount)
      SELECT a.id, fs.code, a.cost_total FROM activities a JOIN fs ON fs.i = (a.id / 3) % {ns} WHERE a.id > {base}""")
    db.execute(f"""INSERT INTO activity_outputs(activity_id, output_kind_code, quantity)
      SELECT a.id, 'sessions', 1 + a.id % 10 FROM activities a WHERE a.id > {base}""")
    t2 = time.time(); print(f"reach, costs, outputs: {t2 - t1:.0f} s", flush=True)
    for name, sql in secondary:
        db.execute(sql)
    db.execute("COMMIT")
    t3 = time.time(); print(f"indexes: {t3 - t2:.0f} s", flush=True)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(db.execute("SELECT COUNT(*), MIN(start_date), MAX(end_date) FROM activities").fetchone(),
          db.execute("SELECT COUNT(*) FROM activity_reach").fetchone(), f"total {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
