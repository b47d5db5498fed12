#!/usr/bin/env python3
"""Compiling reports and generating the official document over a national database (issue 5).

  build-rel/longghep --db sqlite:///tmp/bench-rep/rep.db demo
  build-rel/longghep --db sqlite:///tmp/bench-rep/rep.db import-units ../shared/data/vn-units-2025.json
  bench/activities/fill_activities.py /tmp/bench-rep/rep.db 3000000      # ≈ 10 M facts
  bench/reports/report_bench.py /tmp/bench-rep/rep.db [--bin build-rel/longghep] [--runs 5]

--prepare (once) stores an accepted annual report (bc_nam, period YEAR) for every commune valid on
31/12/YEAR and for every province, with deterministic values for each number element (the
compile reads what the units reported; it does not matter here what the numbers are). Then it
starts `longghep serve` on the database, signs in as the ministry officer `bo`, and times, round
robin with GET /hello as the baseline of the same run:
  - the national compile (34 provinces' accepted reports + the live figures over all facts),
  - one province's compile (its communes' reports + its live figures),
  - the full chain: every province compiled, then the nation,
  - the .docx and the .xlsx of a province's report (generated from its compile).
--issue20 (issue 20 item 5, one pass for many answers) times instead, same run, the old path beside
the new one: each compile by one engine scan per element and unit (&scan=per-term) and in one pass
(default); the ministry's and a province's scorecard by SQL term by term, row by row (&via=sql) and
with the terms over activities in one engine pass (default); the load average is printed.
Prints medians (and p95) in ms. Facts are counted as in the analytics contract: one per activity
plus one per reach, output and cost row.
"""
import argparse, http.client, json, os, socket, sqlite3, statistics, subprocess, sys, time

FORM = "bc_nam"


def pct(xs, p):
    xs = sorted(xs)
    k = (len(xs) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def prepare(path, year):
    db = sqlite3.connect(path, isolation_level=None)
    end = f"{year}-12-31"
    codes = [r[0] for r in db.execute(
        "SELECT code FROM report_elements WHERE form_code = ? AND value_type = 'number' ORDER BY position", (FORM,))]
    units = db.execute(
        "SELECT id, code, kind FROM org_units WHERE kind IN ('commune', 'province') AND valid_from <= ? AND valid_to >= ?",
        (end, end)).fetchall()
    db.execute("BEGIN")
    db.execute("DELETE FROM reports WHERE form_code = ? AND period_code = ?", (FORM, str(year)))
    now = "2026-01-05T02:00:00Z"
    for uid, code, kind in units:
        h = int(code) * 2654435761 % 2**32
        values = {c: (h >> (i % 24)) % (1000 if kind == "commune" else 50000) for i, c in enumerate(codes)}
        db.execute(
            "INSERT INTO reports(form_code, period_code, org_unit_id, status, values_json, submitted_at, submitted_by, "
            "version, created_at, updated_at) VALUES(?, ?, ?, 'accepted', ?, ?, 'bench', 2, ?, ?)",
            (FORM, str(year), uid, json.dumps(values), "2025-12-10T02:00:00Z", now, now))
    db.execute("COMMIT")
    print(f"prepared {len(units)} accepted reports ({sum(1 for u in units if u[2] == 'commune')} communes, "
          f"{sum(1 for u in units if u[2] == 'province')} provinces), {len(codes)} number elements")


def facts(path):
    db = sqlite3.connect(path)
    n = 0
    for t in ("activities", "activity_reach", "activity_outputs", "activity_costs"):
        n += db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
    provinces = [r[0] for r in db.execute("SELECT code FROM org_units WHERE kind = 'province' AND valid_to = '9999-12-31' ORDER BY code")]
    return n, provinces


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "../../build-rel/longghep"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--province", default="52")
    ap.add_argument("--prepare", action="store_true")
    ap.add_argument("--issue20", action="store_true", help="old vs new path: per-term compile and SQL scorecard beside one pass")
    ap.add_argument("--old-runs", type=int, default=1, help="--issue20: runs of the old paths (slow)")
    ap.add_argument("--no-sql-scorecard", action="store_true", help="--issue20: leave out the old SQL scorecards (minutes each)")
    ap.add_argument("--no-chain", action="store_true", help="skip the full chain (34 compiles + national)")
    a = ap.parse_args()
    if a.prepare:
        prepare(a.db, a.year)
    n_facts, provinces = facts(a.db)
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    env = dict(os.environ, LONGGHEP_LOG_LEVEL="warn")
    srv = subprocess.Popen([a.bin, "serve", "--bench-routes", "--db", "sqlite://" + os.path.abspath(a.db), "--port", str(port),
                            "--web-root", "/nonexistent"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=600); c.request("GET", "/readyz")
                if c.getresponse().status == 200: break
            except OSError:
                time.sleep(0.1)
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        c.request("POST", "/api/auth/login", json.dumps({"username": "bo", "password": "Demo@2026"}),
                  {"content-type": "application/json"})
        r = c.getresponse(); r.read()
        cookie = [v for k, v in r.getheaders() if k.lower() == "set-cookie" and v.startswith("lg_session=")][0].split(";")[0]

        def get(path, auth=True):
            t = time.perf_counter()
            c.request("GET", path, headers={"Cookie": cookie} if auth else {})
            r = c.getresponse(); body = r.read()
            dt = (time.perf_counter() - t) * 1000
            if r.status != 200: sys.exit(f"{path}: HTTP {r.status} {body[:300]!r}")
            return dt, body

        q = f"form={FORM}&period={a.year}"
        national = f"/api/reports/compile?{q}&orgUnit=VN"
        province = f"/api/reports/compile?{q}&orgUnit={a.province}"
        docx = f"/api/reports/document?{q}&orgUnit={a.province}&format=docx"
        xlsx = f"/api/reports/document?{q}&orgUnit={a.province}&format=xlsx"

        def chain():
            t = time.perf_counter()
            for p in provinces: get(f"/api/reports/compile?{q}&orgUnit={p}")
            get(national)
            return (time.perf_counter() - t) * 1000

        def doc_pair():
            return get(docx)[0] + get(xlsx)[0]

        def chain_of(extra):
            def run():
                t = time.perf_counter()
                for p in provinces: get(f"/api/reports/compile?{q}&orgUnit={p}{extra}")
                get(national + extra)
                return (time.perf_counter() - t) * 1000
            return run

        card = f"/api/indicators/scorecard?year={a.year}"
        if a.issue20:
            cases = [("baseline /hello", lambda: get("/hello", False)[0]),
                     ("national compile, per term (old)", lambda: get(national + "&scan=per-term")[0]),
                     ("national compile, one pass", lambda: get(national)[0]),
                     (f"province {a.province} compile, per term (old)", lambda: get(province + "&scan=per-term")[0]),
                     (f"province {a.province} compile, one pass", lambda: get(province)[0]),
                     ("ministry scorecard, SQL per row (old)", lambda: get(card + "&orgUnit=VN&via=sql")[0]),
                     ("ministry scorecard, one pass", lambda: get(card + "&orgUnit=VN")[0]),
                     (f"province {a.province} scorecard, SQL per row (old)", lambda: get(card + f"&orgUnit={a.province}&via=sql")[0]),
                     (f"province {a.province} scorecard, one pass", lambda: get(card + f"&orgUnit={a.province}")[0])]
            if not a.no_chain:  # the old chain is 34 × the old province compile (≈ 1 min each at 10 M facts): not run
                cases += [("full chain: 34 province compiles + national, one pass", chain_of(""))]
            # the answers are equal (old vs new) before anything is timed
            checks = [(national, "&scan=per-term"), (province, "&scan=per-term")]
            if not a.no_sql_scorecard:
                checks += [(card + "&orgUnit=VN", "&via=sql"), (card + f"&orgUnit={a.province}", "&via=sql")]
            else:  # the SQL scorecard row by row takes minutes at 10 M facts (equality: tests/api/indicators.test.mjs)
                cases = [x for x in cases if "SQL per row" not in x[0]]
            for path, old_extra in checks:
                new_a, old_a = json.loads(get(path)[1]), json.loads(get(path + old_extra)[1])
                if new_a != old_a: sys.exit(f"{path}: the one-pass answer differs from {old_extra}")
            print("answers equal: compiles (one pass = per term), scorecards (one pass = SQL)", flush=True)
            print("load before:", open("/proc/loadavg").read().strip())
        else:
          cases = [("baseline /hello", lambda: get("/hello", False)[0]),
                 ("national compile (34 provinces + live)", lambda: get(national)[0]),
                 (f"province {a.province} compile", lambda: get(province)[0]),
                 (f"province {a.province} .docx", lambda: get(docx)[0]),
                 (f"province {a.province} .xlsx", lambda: get(xlsx)[0]),
                 (f"province {a.province} .docx + .xlsx", doc_pair)]
          if not a.no_chain:
            cases.append(("full chain: 34 province compiles + national", chain))
        # warm-up, and the answer's shape
        nat = json.loads(get(national)[1])
        prov = json.loads(get(province)[1])
        old_runs = a.old_runs if a.issue20 else a.runs
        for n, f in cases:
            if not (a.issue20 and "(old)" in n): f()  # warm-up (the old paths were warmed by the equality check)
        times = {n: [] for n, _ in cases}
        for r in range(a.runs):
            for n, f in cases:
                if "(old)" in n and r >= old_runs: continue
                times[n].append(f())
                if a.issue20: print(f"  run {r + 1}: {n}: {times[n][-1]:.1f} ms", flush=True)
        print(f"{a.runs} runs each, db {a.db} ({os.path.getsize(a.db) / 1e9:.2f} GB), {n_facts:,} facts, "
              f"national: {nat['completeness']}, province {a.province}: {prov['completeness']['expected']} units below")
        print(f"{'request':56} {'p50 ms':>9} {'p95 ms':>9}")
        for n, _ in cases:
            xs = times[n]
            print(f"{n:56} {statistics.median(xs):9.1f} {pct(xs, 0.95):9.1f}")
        print("load after:", open("/proc/loadavg").read().strip())
    finally:
        srv.terminate(); srv.wait()


if __name__ == "__main__":
    main()
