#!/usr/bin/env python3
"""Latency of the business registry list (first page, filtered) and of the inspection figures
(coverage per commune of a province), against GET /hello of the same server in the same run
(round-robin, so the shared machine's noise hits all alike).

  bench/businesses/list_bench.py DB_URL [--bin build/longghep] [--runs 30] [--user tinh.gialai]

DB_URL: sqlite:///path.db or postgresql://… holding the demo and the seeded businesses
(bench/businesses/seed.py). Starts `longghep serve --bench-routes`, signs in, warms up, runs every
GET --runs times over one keep-alive connection. Prints p50 / p95 in ms and p50 as a multiple of
/hello's.
"""
import argparse, http.client, json, os, socket, statistics, subprocess, sys, time

QUERIES = [
    ("baseline /hello", "/hello", False),
    ("list first page (50, by name)", "/api/businesses", True),
    ("list status=suspended", "/api/businesses?status=suspended", True),
    ("list type=massage", "/api/businesses?type=massage", True),
    ("list q=karaoke do 1234", "/api/businesses?q=karaoke%20do%201234", True),
    ("list one commune orgUnit=21583", "/api/businesses?orgUnit=21583", True),
    ("figures province 52 (per commune)", "/api/inspection-figures?orgUnit=52&year=2026", True),
    ("figures one commune 21583", "/api/inspection-figures?orgUnit=21583&year=2026", True),
]


def pct(xs, p):
    xs = sorted(xs)
    k = (len(xs) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "../../build/longghep"))
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--user", default="tinh.gialai")
    a = ap.parse_args()
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    env = dict(os.environ, LONGGHEP_LOG_LEVEL="warn")
    srv = subprocess.Popen([a.bin, "serve", "--bench-routes", "--db", a.db, "--port", str(port), "--web-root", "/nonexistent"],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=600); c.request("GET", "/readyz")
                if c.getresponse().status == 200: break
            except OSError:
                time.sleep(0.1)
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        c.request("POST", "/api/auth/login", json.dumps({"username": a.user, "password": "Demo@2026"}), {"content-type": "application/json"})
        r = c.getresponse(); body = json.loads(r.read())
        cookie = [v for k, v in r.getheaders() if k.lower() == "set-cookie" and v.startswith("lg_session=")][0].split(";")[0]
        h = {"Cookie": cookie, "X-CSRF-Token": body.get("csrfToken", "")}

        def call(path, auth=True):
            t = time.perf_counter()
            c.request("GET", path, headers=h if auth else {})
            r = c.getresponse(); out = r.read()
            dt = (time.perf_counter() - t) * 1000
            if r.status != 200: sys.exit(f"GET {path}: HTTP {r.status} {out[:300]!r}")
            return dt, out

        info = {}
        for name, path, auth in QUERIES:
            for _ in range(2): dt, body = call(path, auth)
            if auth:
                d = json.loads(body)
                if "total" in d: info[name] = "total %d, %d items" % (d["total"], len(d["items"]))
                else:
                    f = d["figures"]
                    info[name] = "%d businesses, %d inspections, coverage %s %%, %d units" % (
                        f["businesses"], f["inspections"], f["coveragePct"], len(d["units"]))
        times = {q[0]: [] for q in QUERIES}
        for _ in range(a.runs):
            for name, path, auth in QUERIES:
                times[name].append(call(path, auth)[0])
        base = statistics.median(times["baseline /hello"])
        print(f"{a.runs} runs each, db {a.db.split('?')[0]}, as {a.user}")
        print(f"{'request':40} {'p50 ms':>8} {'p95 ms':>8} {'p50/hello':>10}  answer")
        for name, _, _ in QUERIES:
            xs = times[name]; p50 = statistics.median(xs)
            print(f"{name:40} {p50:8.2f} {pct(xs, 0.95):8.2f} {p50 / base:9.1f}x  {info.get(name, '')}")
    finally:
        srv.terminate(); srv.wait()


if __name__ == "__main__":
    main()
