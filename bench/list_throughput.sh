#!/usr/bin/env bash
# Throughput of the activity list (GET /api/activities?page=1&pageSize=50) and of a dashboard
# pivot (POST /api/analytics/pivot, people reached by commune over 2021–2026, as the dashboard
# of a province user asks it) against the bare /hello handler of the same server, in one run,
# with wrk, as the province user tinh.gialai of the demo.
#   bench/list_throughput.sh [sqlite|postgresql] [duration_seconds=10] [connections=16]
# PostgreSQL: LONGGHEP_PG_URL=$(scripts/pg-throwaway start) bench/list_throughput.sh postgresql
#   (a database lg_bench_<pid> is created on that cluster and dropped afterwards).
# LONGGHEP_BIN overrides the binary (default: the release build in build/).
# Prints the rates and their ratio to hello-world (target >= 30 % each).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KIND=${1:-sqlite}; DUR=${2:-10}; CONN=${3:-16}
BIN=${LONGGHEP_BIN:-$ROOT/build/longghep}
TMP=$(mktemp -d); PORT=18${RANDOM:0:3}; PID=""; PGDB=""
cleanup() {
  [ -n "$PID" ] && { kill "$PID"; wait "$PID"; } 2>/dev/null
  [ -n "$PGDB" ] && psql "$LONGGHEP_PG_URL" -qc "DROP DATABASE IF EXISTS $PGDB" >/dev/null 2>&1
  rm -rf "$TMP"
}
trap cleanup EXIT
case "$KIND" in
  sqlite) DB="sqlite://$TMP/bench.db" ;;
  postgresql)
    : "${LONGGHEP_PG_URL:?LONGGHEP_PG_URL=\$(scripts/pg-throwaway start) is needed}"
    PGDB=lg_bench_$$
    psql "$LONGGHEP_PG_URL" -qc "CREATE DATABASE $PGDB" >/dev/null
    DB=$(echo "$LONGGHEP_PG_URL" | sed -E "s#^(postgres(ql)?://[^/?]*)/[^?]*#\1/$PGDB#")
    ;;
  *) echo "usage: $0 [sqlite|postgresql] [duration] [connections]" >&2; exit 2 ;;
esac
"$BIN" demo --db "$DB" >/dev/null 2>&1
# One wrk client is one address: lift the per-address rate limit (200/s), or 429s are counted.
LONGGHEP_RATE_PER_IP=1000000 LONGGHEP_RATE_BURST_PER_IP=1000000 LONGGHEP_LOG_LEVEL=warn "$BIN" serve --bench-routes --db "$DB" --port "$PORT" --web-root /nonexistent >"$TMP/server.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
LOGIN=$(curl -s -D "$TMP/h" -H 'content-type: application/json' \
  -d '{"username":"tinh.gialai","password":"Demo@2026"}' "http://127.0.0.1:$PORT/api/auth/login")
COOKIE=$(grep -i '^set-cookie: lg_session=' "$TMP/h" | sed -E 's/^[Ss]et-[Cc]ookie: (lg_session=[0-9a-f]+).*/\1/')
CSRF=$(echo "$LOGIN" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrfToken"])')
UNIT=$(echo "$LOGIN" | python3 -c 'import json,sys; print(json.load(sys.stdin)["user"]["orgUnit"]["code"])')
[ -n "$COOKIE" ] || { echo "login failed" >&2; exit 1; }
LIST="http://127.0.0.1:$PORT/api/activities?page=1&pageSize=50"
PIVOT="http://127.0.0.1:$PORT/api/analytics/pivot"
BODY="{\"measure\":\"reached\",\"rows\":[\"commune\"],\"columns\":[],\"filters\":{\"from\":\"2021-01-01\",\"to\":\"2026-12-31\",\"orgUnit\":\"$UNIT\"}}"
N=$(curl -s -H "Cookie: $COOKIE" "$LIST" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
[ "$N" = 50 ] || { echo "the list did not answer 50 items ($N)" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF" \
  -H 'content-type: application/json' -d "$BODY" "$PIVOT")" = 200 ] || { echo "pivot failed" >&2; exit 1; }
cat >"$TMP/pivot.lua" <<EOF
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "$COOKIE"
wrk.headers["X-CSRF-Token"] = "$CSRF"
EOF
# Requests per second; a run with any answer other than 2xx/3xx is an error, not a rate.
rate() {
  local out
  out=$(wrk -t2 -c"$CONN" -d"${DUR}s" "$@")
  if grep -q 'Non-2xx' <<<"$out"; then echo "non-2xx answers in a run: $(grep Non-2xx <<<"$out")" >&2; exit 1; fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}
# Warm up, then alternate so drift on a shared machine hits all alike.
rate -d2s "http://127.0.0.1:$PORT/hello" >/dev/null
rate -d2s -H "Cookie: $COOKIE" "$LIST" >/dev/null
H1=$(rate "http://127.0.0.1:$PORT/hello")
L1=$(rate -H "Cookie: $COOKIE" "$LIST")
P1=$(rate -s "$TMP/pivot.lua" "$PIVOT")
H2=$(rate "http://127.0.0.1:$PORT/hello")
L2=$(rate -H "Cookie: $COOKIE" "$LIST")
P2=$(rate -s "$TMP/pivot.lua" "$PIVOT")
grep -E '"(status|code)": ?5[0-9][0-9]' "$TMP/server.log" | head -3 || true
python3 - "$KIND" "$H1" "$H2" "$L1" "$L2" "$P1" "$P2" <<'PY'
import sys
kind = sys.argv[1]
h1, h2, l1, l2, p1, p2 = map(float, sys.argv[2:])
h, l, p = (h1 + h2) / 2, (l1 + l2) / 2, (p1 + p2) / 2
print(f"[{kind}] hello-world                    {h:9.0f} req/s  (runs: {h1:.0f}, {h2:.0f})")
print(f"[{kind}] GET /api/activities (50/page)  {l:9.0f} req/s  (runs: {l1:.0f}, {l2:.0f})  {l / h * 100:5.1f} % of hello")
print(f"[{kind}] POST /api/analytics/pivot      {p:9.0f} req/s  (runs: {p1:.0f}, {p2:.0f})  {p / h * 100:5.1f} % of hello")
PY
