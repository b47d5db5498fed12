#!/usr/bin/env bash
# HTTP throughput of an authenticated GET /api/org-units/{code} against the bare /hello handler
# of the same server, in one run (same process, same machine load), with wrk.
#   bench/http_throughput.sh [duration_seconds=10] [connections=16]
# Prints both rates and their ratio. Uses the release build in build/.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DUR=${1:-10}; CONN=${2:-16}
BIN="$ROOT/build/longghep"
TMP=$(mktemp -d); PORT=18${RANDOM:0:3}; PID=""
trap '[ -n "$PID" ] && { kill $PID; wait $PID; } 2>/dev/null; rm -rf "$TMP"' EXIT
"$BIN" demo --db "sqlite://$TMP/bench.db" >/dev/null 2>&1
# One wrk client is one address: lift the per-address rate limit (200/s), or 429s are counted.
LONGGHEP_RATE_PER_IP=1000000 LONGGHEP_RATE_BURST_PER_IP=1000000 LONGGHEP_LOG_LEVEL=warn "$BIN" serve --bench-routes --db "sqlite://$TMP/bench.db" --port "$PORT" --web-root /nonexistent >"$TMP/server.log" 2>&1 &
PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
COOKIE=$(curl -s -D - -o /dev/null -H 'content-type: application/json' \
  -d '{"username":"tinh.gialai","password":"Demo@2026"}' "http://127.0.0.1:$PORT/api/auth/login" |
  grep -i '^set-cookie: lg_session=' | sed -E 's/^[Ss]et-[Cc]ookie: (lg_session=[0-9a-f]+).*/\1/')
[ -n "$COOKIE" ] || { echo "login failed" >&2; exit 1; }
URL="http://127.0.0.1:$PORT/api/org-units/52?asOf=2026-01-01"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$URL")" = 200 ] || { echo "authenticated GET failed" >&2; exit 1; }
# Requests per second; a run with any answer other than 2xx/3xx is an error, not a rate.
rate() {
  local out
  out=$(wrk -t2 -c"$CONN" -d"${DUR}s" "$@")
  if grep -q 'Non-2xx' <<<"$out"; then echo "non-2xx answers in a run: $(grep Non-2xx <<<"$out")" >&2; exit 1; fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}
# Warm up both, then alternate so drift on a shared machine hits both alike.
rate -d2s "http://127.0.0.1:$PORT/hello" >/dev/null
H1=$(rate "http://127.0.0.1:$PORT/hello")
A1=$(rate -H "Cookie: $COOKIE" "$URL")
H2=$(rate "http://127.0.0.1:$PORT/hello")
A2=$(rate -H "Cookie: $COOKIE" "$URL")
python3 - "$H1" "$H2" "$A1" "$A2" <<'PY'
import sys
h1, h2, a1, a2 = map(float, sys.argv[1:])
h, a = (h1 + h2) / 2, (a1 + a2) / 2
print(f"hello-world            {h:10.0f} req/s  (runs: {h1:.0f}, {h2:.0f})")
print(f"GET /api/org-units/52  {a:10.0f} req/s  (runs: {a1:.0f}, {a2:.0f}; authenticated, SQLite)")
print(f"ratio                  {a / h * 100:9.1f} %   (target >= 50 %)")
PY
