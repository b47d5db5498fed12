#!/usr/bin/env python3
"""Latency of GET /api/activities with a fixed set of filters, against GET /hello and /healthz
of the same server in the same run (round-robin, so the shared machine's noise hits all alike).

  bench/activities/list_bench.py DB [--bin build-rel/longghep] [--runs 30] [--user admin]

DB: a filled SQLite database (bench/activities/fill_activities.py), or a postgresql:// URL of its
copy (load_pg_list.sh). Starts `longghep serve` on a
free port, signs in (password Demo@2026), warms up, then runs every request --runs times over one
keep-alive connection and prints p50 / p95 in ms and p50 as a multiple of /hello's p50.
"""
import argparse, hashlib, http.client, json, os, socket, statistics, subprocess, sys, time

QUERIES = [
    ("baseline /hello", "/hello", False),
    ("baseline /healthz", "/healthz", False),
    ("no filter", "/api/activities", True),
    ("province subtree orgUnit=52", "/api/activities?orgUnit=52", True),
    ("one commune orgUnit=21583", "/api/activities?orgUnit=21583", True),
    ("interventionType=community_sessions", "/api/activities?interventionType=community_sessions", True),
    ("targetGroup=sex_workers", "/api/activities?targetGroup=sex_workers", True),
    ("from/to 2024 Q2", "/api/activities?from=2024-04-01&to=2024-06-30", True),
    ("q=tuyen truyen (common)", "/api/activities?q=tuy%C3%AAn%20truy%E1%BB%81n", True),
    ("q=quy nhon (selective)", "/api/activities?q=quy%20nh%C6%A1n", True),
    ("q=thi nai (rare: one old commune)", "/api/activities?q=th%E1%BB%8B%20n%E1%BA%A1i", True),
    ("sort=-reachedTotal", "/api/activities?sort=-reachedTotal", True),
    ("orgUnit=52 + 2024 Q2 + sort=-reachedTotal", "/api/activities?orgUnit=52&from=2024-04-01&to=2024-06-30&sort=-reachedTotal", True),
]


def pct(xs, p):
    xs = sorted(xs)
    k = (len(xs) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "../../build-rel/longghep"))
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--user", default="admin")
    ap.add_argument("--cache", action="store_true", help="keep the server's response cache on")
    ap.add_argument("--only", default="", help="comma-separated substrings of query names")
    a = ap.parse_args()
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    env = dict(os.environ, LONGGHEP_LOG_LEVEL="warn")
    # The response cache (http/response_cache.hpp) would answer repeated identical requests from
    # memory: off, so that every request measures the list's SQL (--cache keeps it on).
    cfg = os.path.join("/tmp", f"list_bench_{os.getpid()}.conf")
    with open(cfg, "w") as fh: fh.write("" if a.cache else "response_cache_mb = 0\n")
    url = a.db if a.db.startswith("postgresql://") else "sqlite://" + os.path.abspath(a.db)
    srv = subprocess.Popen([a.bin, "--config", cfg, "serve", "--bench-routes", "--db", url, "--port", str(port),
                            "--web-root", "/nonexistent"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        t_start = time.time()
        while time.time() - t_start < 900:  # /readyz: 503 while the analytics engine loads
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=600); c.request("GET", "/readyz")
                if c.getresponse().status == 200: break
            except OSError:
                pass
            time.sleep(0.2)
        print(f"ready after {time.time() - t_start:.1f} s")
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        c.request("POST", "/api/auth/login", json.dumps({"username": a.user, "password": "Demo@2026"}),
                  {"content-type": "application/json"})
        r = c.getresponse(); r.read()
        cookie = [v for k, v in r.getheaders() if k.lower() == "set-cookie" and v.startswith("lg_session=")][0].split(";")[0]
        qs = [q for q in QUERIES if not a.only or not q[2] or any(o in q[0] for o in a.only.split(","))]
        def get(path, auth):
            t = time.perf_counter()
            c.request("GET", path, headers={"Cookie": cookie} if auth else {})
            r = c.getresponse(); body = r.read()
            dt = (time.perf_counter() - t) * 1000
            if r.status != 200: sys.exit(f"{path}: HTTP {r.status} {body[:300]!r}")
            return dt, body
        info = {}
        for name, path, auth in qs:  # warm-up (and the figures of each answer)
            for _ in range(2): dt, body = get(path, auth)
            if auth:
                d = json.loads(body)
                ids = ",".join(str(i["id"]) for i in d["items"])  # the page's ids: old and new code compared
                info[name] = (d["total"], d["totalCapped"], len(d["items"]), hashlib.sha1(ids.encode()).hexdigest()[:8])
        times = {q[0]: [] for q in qs}
        for _ in range(a.runs):
            for name, path, auth in qs:
                times[name].append(get(path, auth)[0])
        base = statistics.median(times["baseline /hello"])
        print(f"{a.runs} runs each, user {a.user}, db {a.db} ({os.path.getsize(a.db) / 1e9 if os.path.exists(a.db) else 0:.2f} GB)")
        print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}; bin {a.bin}")
        print(f"{'request':44} {'p50 ms':>8} {'p95 ms':>8} {'p50/hello':>10}  total (capped) items page-ids-sha1")
        for name, _, _ in qs:
            xs = times[name]; p50 = statistics.median(xs)
            extra = "  %s%s %d %s" % (info[name][0], "+" if info[name][1] else "", info[name][2], info[name][3]) if name in info else ""
            print(f"{name:44} {p50:8.2f} {pct(xs, 0.95):8.2f} {p50 / base:9.0f}x{extra}")
    finally:
        srv.terminate(); srv.wait()


if __name__ == "__main__":
    main()
