#!/usr/bin/env bash
# The HTTP layer under idle connections and slow clients (docs/HTTP-SERVER.md):
#   bench/http_server.sh [BIN=build/longghep] [duration_seconds=10]
# On one demo SQLite database, with the per-address rate limit lifted (wrk and the clients are all
# 127.0.0.1):
#   1. wrk -t2 -c16 on GET /hello and on an authenticated GET /api/org-units/52 (req/s, p99)
#   2. the same while 2,000 idle keep-alive connections are held (bench/http_clients.mjs hold)
#   3. /healthz latency over one keep-alive connection while 200 slowloris clients trickle
#      header bytes (bench/http_clients.mjs slowloris), and whether they are cut off
# Run it for the old and the new binary on the same machine state; wrk shares the 2 cores.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/longghep}; DUR=${2:-10}
TMP=$(mktemp -d); PORT=19${RANDOM:0:3}; PID=""; HELPERS=()
cleanup() {
  for h in "${HELPERS[@]}"; do kill "$h" 2>/dev/null || true; done
  [ -n "$PID" ] && { kill "$PID"; wait "$PID"; } 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
"$BIN" demo --db "sqlite://$TMP/bench.db" >/dev/null 2>&1
LONGGHEP_LOG_LEVEL=warn LONGGHEP_RATE_PER_IP=1000000 LONGGHEP_RATE_BURST_PER_IP=1000000 \
  LONGGHEP_MAX_CONNECTIONS_PER_IP=10000 \
  "$BIN" serve --bench-routes --db "sqlite://$TMP/bench.db" --port "$PORT" --web-root /nonexistent >"$TMP/server.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
COOKIE=$(curl -s -D - -o /dev/null -H 'content-type: application/json' \
  -d '{"username":"tinh.gialai","password":"Demo@2026"}' "http://127.0.0.1:$PORT/api/auth/login" |
  grep -i '^set-cookie: lg_session=' | sed -E 's/^[Ss]et-[Cc]ookie: (lg_session=[0-9a-f]+).*/\1/')
[ -n "$COOKIE" ] || { echo "login failed" >&2; exit 1; }
URL="http://127.0.0.1:$PORT/api/org-units/52?asOf=2026-01-01"
threads() { awk '/^Threads:/ {print $2}' "/proc/$PID/status"; }
rss() { awk '/^VmRSS:/ {print $2 " kB"}' "/proc/$PID/status"; }
bench() {  # label, wrk args…
  local label=$1; shift
  local out
  out=$(timeout $((DUR + 20)) wrk -t2 -c16 -d"${DUR}s" --latency --timeout 5s "$@" 2>&1 || true)
  printf '%-34s %9s req/s  p50 %8s  p99 %8s  errors: %s\n' "$label" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
    "$(grep -E 'Socket errors|Non-2xx' <<<"$out" | tr '\n' ' ' | sed 's/  */ /g')"
}
echo "binary: $BIN"
timeout 20 wrk -t2 -c16 -d2s "http://127.0.0.1:$PORT/hello" >/dev/null 2>&1 || true  # warm-up
bench "GET /hello" "http://127.0.0.1:$PORT/hello"
bench "GET /api/org-units/52 (auth)" -H "Cookie: $COOKIE" "$URL"
echo "threads $(threads), RSS $(rss)"

node "$ROOT/bench/http_clients.mjs" hold "$PORT" 2000 >"$TMP/hold.log" 2>&1 &
HELPERS+=($!)
for _ in $(seq 150); do grep -q answered "$TMP/hold.log" && break; sleep 0.1; done
cat "$TMP/hold.log"
echo "with 2,000 idle connections: threads $(threads), RSS $(rss)"
bench "GET /hello + 2,000 idle" "http://127.0.0.1:$PORT/hello"
bench "GET /api/org-units/52 + 2,000 idle" -H "Cookie: $COOKIE" "$URL"
kill "${HELPERS[0]}" 2>/dev/null || true
sleep 1

node "$ROOT/bench/http_clients.mjs" slowloris "$PORT" 200 >"$TMP/slow.log" 2>&1 &
HELPERS+=($!)
sleep 1
timeout 120 node "$ROOT/bench/http_clients.mjs" latency "$PORT" /healthz 200 || true
sleep 11
tail -1 "$TMP/slow.log"
