#!/usr/bin/env python3
"""Deterministic synthetic dataset for the issue-6 pivot benchmark: exactly N facts (default
10,000,000) over the 3,321 current communes and six years, written into a server database.

  bench/analytics/gen.py DB [FACTS=10000000]

DB: a SQLite database made by `longghep demo` + `longghep import-units vn-units-2025.json`
(run.sh does both). The demo's own activities are deleted first, so every fact is synthetic.

A fact is (as in docs/api-analytics contract) 1 per activity + 1 per activity_reach row
+ 1 per activity_outputs row + 1 per activity_costs row. Every activity k = 1 .. FACTS/5 has:
- a current commune (valid 2025-07-01 ..), a start date uniform over 2021-01-01 .. 2026-12-31
  (end = start .. start+29), one of the 24 active intervention types, one of the agencies;
- r = 1..3 reach rows (distinct target groups g0, g0+5, g0+10 mod 16), total 5..400, female/male
  splitting the total (both NULL on every 10th row);
- 1 output row (one of the 13 output kinds, quantity 1..100);
- c = 3 - r cost rows (distinct funding sources), amount 500,000 .. 49,999,000 VND;
so 1 + r + 1 + c = 5 facts each. Every choice is a function of k (no random state): the same
FACTS gives the same database, byte for byte in its rows. reached_total and cost_total are the
sums of the child rows, as the server keeps them. No programmes, no plan links, no age rows.

Bulk INSERT ... SELECT over a recursive CTE in one transaction, secondary indexes dropped during
the fill and rebuilt after it (same final state as row-by-row writes).
"""
import datetime as dt, sqlite3, sys, time, unicodedata


def fold(s):
    s = unicodedata.normalize("NFD", s).replace("Đ", "d").replace("đ", "d")
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).lower().split())


def main():
    path = sys.argv[1]
    facts = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
    if facts % 5:
        sys.exit("FACTS must be a multiple of 5 (5 facts per activity)")
    n = facts // 5
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-1000000")
    db.execute("PRAGMA foreign_keys=ON")
    t0 = time.time()
    db.execute("BEGIN")
    for t in ("activity_partners", "activity_programmes", "activity_reach_ages", "activity_reach",
              "activity_outputs", "activity_costs", "activities"):
        db.execute(f"DELETE FROM {t}")
    units = db.execute("""SELECT id, name FROM org_units WHERE kind = 'commune' AND valid_from <= '2026-12-01'
                          AND valid_to >= '2026-12-01' ORDER BY code""").fetchall()
    if len(units) != 3321:
        sys.exit(f"expected the 3,321 current communes, found {len(units)} (import vn-units-2025.json first)")
    db.execute("CREATE TEMP TABLE fu(i INTEGER PRIMARY KEY, id INTEGER, name TEXT, folded TEXT)")
    db.executemany("INSERT INTO fu VALUES(?,?,?,?)", [(i, u, nm, fold(nm)) for i, (u, nm) in enumerate(units)])
    types = db.execute("SELECT code, name_vi FROM intervention_types WHERE active = 1 ORDER BY sort_order, code").fetchall()
    db.execute("CREATE TEMP TABLE ft(i INTEGER PRIMARY KEY, code TEXT, title TEXT, folded TEXT)")
    db.executemany("INSERT INTO ft VALUES(?,?,?,?)", [(j, c, nm, fold(nm)) for j, (c, nm) in enumerate(types)])
    agencies = [a for (a,) in db.execute("SELECT id FROM agencies ORDER BY id")]
    db.execute("CREATE TEMP TABLE fa(i INTEGER PRIMARY KEY, id INTEGER)")
    db.executemany("INSERT INTO fa VALUES(?,?)", list(enumerate(agencies)))
    groups = [g for (g,) in db.execute("SELECT code FROM target_groups WHERE active = 1 ORDER BY sort_order, code")]
    sources = [s for (s,) in db.execute("SELECT code FROM funding_sources WHERE active = 1 ORDER BY sort_order, code")]
    kinds = [s for (s,) in db.execute("SELECT code FROM output_kinds WHERE active = 1 ORDER BY sort_order, code")]
    if (len(groups), len(sources)) != (16, 7):
        sys.exit(f"expected 16 target groups and 7 funding sources, found {len(groups)}, {len(sources)}")
    for name, vals in (("fg", groups), ("fs", sources), ("fk", kinds)):
        db.execute(f"CREATE TEMP TABLE {name}(i INTEGER PRIMARY KEY, code TEXT)")
        db.executemany(f"INSERT INTO {name} VALUES(?,?)", list(enumerate(vals)))
    db.execute("CREATE TEMP TABLE fj(j INTEGER PRIMARY KEY)")
    db.executemany("INSERT INTO fj VALUES(?)", [(0,), (1,), (2,)])
    nu, nt, na, nk = len(units), len(types), len(agencies), len(kinds)
    print(f"{nu} communes, {nt} types, {na} agencies, {len(groups)} groups, {len(sources)} sources, "
          f"{nk} output kinds; {n:,} activities = {facts:,} facts", flush=True)

    secondary = db.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND tbl_name IN "
                           "('activities','activity_reach','activity_costs','activity_outputs')").fetchall()
    for name, _ in secondary:
        db.execute(f"DROP INDEX {name}")
    jd0 = dt.date(2021, 1, 1).toordinal() + 1721424.5  # SQLite julian day of 2021-01-01
    span = (dt.date(2026, 12, 31) - dt.date(2021, 1, 1)).days + 1  # 2,191 days
    # h1, h2: two hashes of k; every choice below is a function of k (and j for child rows).
    db.execute(f"""CREATE TEMP TABLE g AS
      WITH RECURSIVE seq(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM seq WHERE k < {n})
      SELECT k, (k * 2654435761) % 4294967296 AS h1, (k * 40503 + 12345) % 65521 AS h2 FROM seq""")
    db.execute(f"""CREATE TEMP TABLE reach AS
      SELECT g.k, fj.j, fg.code AS grp, 5 + (g.k * 7919 + fj.j * 104729) % 396 AS total,
             (g.k + fj.j) % 10 = 0 AS nosex, (g.h1 / 23 + fj.j) % 8 AS fem8
      FROM g JOIN fj ON fj.j < 1 + g.h2 % 3 JOIN fg ON fg.i = (g.h1 / 17 + 5 * fj.j) % 16""")
    db.execute(f"""CREATE TEMP TABLE costs AS
      SELECT g.k, fs.code AS src, 1000 * (500 + (g.k * 31337 + fj.j * 7) % 49500) AS amount
      FROM g JOIN fj ON fj.j < 2 - g.h2 % 3 JOIN fs ON fs.i = (g.h1 / 19 + 3 * fj.j) % 7""")
    db.execute("CREATE INDEX reach_k ON reach(k)")
    db.execute("CREATE INDEX costs_k ON costs(k)")
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    db.execute(f"""
      INSERT INTO activities(id, key, org_unit_id, title, title_folded, intervention_type_code, lead_agency_id,
                             start_date, end_date, reached_total, cost_total, note, source, created_by, version,
                             created_at, updated_at)
      SELECT g.k, 'ana-' || g.k, fu.id, ft.title || ' tại ' || fu.name, ft.folded || ' tai ' || fu.folded,
             ft.code, fa.id, date({jd0} + (g.h1 / 7) % {span}),
             date({jd0} + min((g.h1 / 7) % {span} + (g.h2 / 5) % 30, {span - 1})),
             (SELECT sum(total) FROM reach WHERE reach.k = g.k),
             coalesce((SELECT sum(amount) FROM costs WHERE costs.k = g.k), 0),
             '', 'import', 'bench', 1, '{now}', '{now}'
      FROM g JOIN fu ON fu.i = g.h1 % {nu} JOIN ft ON ft.i = (g.h2 / 3) % {nt} JOIN fa ON fa.i = (g.h1 / 13) % {na}
      ORDER BY g.k""")
    t1 = time.time(); print(f"activities: {t1 - t0:.0f} s", flush=True)
    db.execute("""INSERT INTO activity_reach(activity_id, target_group_code, total, female, male)
      SELECT k, grp, total, CASE WHEN nosex THEN NULL ELSE total * fem8 / 8 END,
             CASE WHEN nosex THEN NULL ELSE total - total * fem8 / 8 END FROM reach ORDER BY k, j""")
    db.execute("INSERT INTO activity_costs(activity_id, funding_source_code, amount) SELECT k, src, amount FROM costs ORDER BY k")
    db.execute(f"""INSERT INTO activity_outputs(activity_id, output_kind_code, quantity)
      SELECT g.k, fk.code, 1 + (g.k * 31) % 100 FROM g JOIN fk ON fk.i = (g.h2 / 7) % {nk} ORDER BY g.k""")
    t2 = time.time(); print(f"reach, costs, outputs: {t2 - t1:.0f} s", flush=True)
    for name, sql in secondary:
        db.execute(sql)
    got = db.execute("""SELECT (SELECT count(*) FROM activities) + (SELECT count(*) FROM activity_reach)
                             + (SELECT count(*) FROM activity_outputs) + (SELECT count(*) FROM activity_costs)""").fetchone()[0]
    if got != facts:
        db.execute("ROLLBACK")
        sys.exit(f"fact count {got:,} != {facts:,}")
    db.execute("COMMIT")
    t3 = time.time(); print(f"indexes: {t3 - t2:.0f} s", flush=True)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print("activities, reach, outputs, costs:",
          [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
           for t in ("activities", "activity_reach", "activity_outputs", "activity_costs")],
          db.execute("SELECT min(start_date), max(start_date) FROM activities").fetchone(),
          f"facts {got:,}, total {time.time() - t0:.0f} s", flush=True)


if __name__ == "__main__":
    main()
