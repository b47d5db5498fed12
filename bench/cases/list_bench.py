#!/usr/bin/env python3
"""Latency of the support-record list (first page, filtered) and of a reveal, against GET /hello
of the same server in the same run (round-robin, so the shared machine's noise hits all alike).

  bench/cases/list_bench.py DB_URL [--bin build-bench/longghep] [--runs 30]

DB_URL: sqlite:///path.db or postgresql://… holding the demo and the seeded records
(bench/cases_seed_bench.cpp). LONGGHEP_CASE_KEY_FILE must name the key file the seed used.
Starts `longghep serve --bench-routes`, signs in cm.gialai and gs.gialai, warms up, runs every
GET --runs times over one keep-alive connection each, then reveals: at most 20 per user per hour
(the rate limit), so 19 timed reveals per user after one warm-up. Prints p50 / p95 in ms and p50
as a multiple of /hello's; a reveal's server time is estimated as its p50 minus /hello's p50.
"""
import argparse, http.client, json, os, socket, statistics, subprocess, sys, time

QUERIES = [
    ("baseline /hello", "/hello", False),
    ("list first page (50, -code)", "/api/cases", True),
    ("list status=closed", "/api/cases?status=closed", True),
    ("list targetGroup=people_who_use_drugs", "/api/cases?targetGroup=people_who_use_drugs", True),
    ("list status=open + targetGroup + sort=code", "/api/cases?status=open&targetGroup=sex_workers&sort=code", True),
    ("list one commune orgUnit=21583", "/api/cases?orgUnit=21583", True),
]


def pct(xs, p):
    xs = sorted(xs)
    k = (len(xs) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "../../build-bench/longghep"))
    ap.add_argument("--runs", type=int, default=30)
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

        def session(user):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            c.request("POST", "/api/auth/login", json.dumps({"username": user, "password": "Demo@2026"}), {"content-type": "application/json"})
            r = c.getresponse(); body = json.loads(r.read())
            cookie = [v for k, v in r.getheaders() if k.lower() == "set-cookie" and v.startswith("lg_session=")][0].split(";")[0]
            return c, {"Cookie": cookie, "X-CSRF-Token": body.get("csrfToken", ""), "content-type": "application/json"}

        c, h = session("cm.gialai")

        def call(conn, headers, method, path, body=None, auth=True):
            t = time.perf_counter()
            conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers if auth else {})
            r = conn.getresponse(); out = r.read()
            dt = (time.perf_counter() - t) * 1000
            if r.status != 200: sys.exit(f"{method} {path}: HTTP {r.status} {out[:300]!r}")
            return dt, out

        info = {}
        for name, path, auth in QUERIES:
            for _ in range(2): dt, body = call(c, h, "GET", path, auth=auth)
            if auth: d = json.loads(body); info[name] = (d["total"], len(d["items"]))
        times = {q[0]: [] for q in QUERIES}
        for _ in range(a.runs):
            for name, path, auth in QUERIES:
                times[name].append(call(c, h, "GET", path, auth=auth)[0])
        # reveals: records of the first page (assigned to cm.gialai, gs.gialai supervising)
        ids = [x["id"] for x in json.loads(call(c, h, "GET", "/api/cases?pageSize=50")[1])["items"]]
        reveal, hello = [], []
        for user in ("cm.gialai", "gs.gialai"):
            rc, rh = (c, h) if user == "cm.gialai" else session(user)
            for i in range(20):
                body = {"reason": "Đo thời gian xem danh tính (benchmark)", "fields": ["fullName", "idNumber", "phone"]}
                dt, _ = call(rc, rh, "POST", f"/api/cases/{ids[i % len(ids)]}/reveal", body)
                if i: reveal.append(dt)
                hello.append(call(rc, rh, "GET", "/hello", auth=False)[0])
        base = statistics.median(times["baseline /hello"])
        print(f"{a.runs} runs each (reveal: {len(reveal)}), db {a.db.split('?')[0]}")
        print(f"{'request':44} {'p50 ms':>8} {'p95 ms':>8} {'p50/hello':>10}  total items")
        for name, _, _ in QUERIES:
            xs = times[name]; p50 = statistics.median(xs)
            extra = "  %d %d" % info[name] if name in info else ""
            print(f"{name:44} {p50:8.2f} {pct(xs, 0.95):8.2f} {p50 / base:9.1f}x{extra}")
        rb = statistics.median(hello); rp = statistics.median(reveal)
        print(f"{'reveal (3 fields; /hello beside it: %.2f)' % rb:44} {rp:8.2f} {pct(reveal, 0.95):8.2f} {rp / rb:9.1f}x"
              f"  server ≈ {rp - rb:.2f} ms")
    finally:
        srv.terminate(); srv.wait()


if __name__ == "__main__":
    main()
