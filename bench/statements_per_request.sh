#!/usr/bin/env bash
# SQL statements one request sends to PostgreSQL (log_statement=all on a throwaway cluster), for
# the activity list (page of 50) and the dashboard pivot, as the province user tinh.gialai.
#   LONGGHEP_PG_URL=$(scripts/pg-throwaway start) bench/statements_per_request.sh
# Each request is sent three times first (caches, the scope table of the connection), then once
# more; the figure is the mean of those last requests. Executed statements are counted apart from
# the DEALLOCATE that SOCI sends after each prepared one. The engine's revision checks (at most
# one pair a second) fall into the window too. LONGGHEP_BIN overrides
# the binary. The cluster's log is read from $LG_PG_DIR/log (default /tmp/lg-pg/log).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${LONGGHEP_BIN:-$ROOT/build/longghep}
: "${LONGGHEP_PG_URL:?LONGGHEP_PG_URL=\$(scripts/pg-throwaway start) is needed}"
LOG=${LG_PG_DIR:-/tmp/lg-pg}/log
TMP=$(mktemp -d); PORT=18${RANDOM:0:3}; PID=""; PGDB=lg_stmts_$$
cleanup() {
  [ -n "$PID" ] && { kill "$PID"; wait "$PID"; } 2>/dev/null
  psql "$LONGGHEP_PG_URL" -qc "DROP DATABASE IF EXISTS $PGDB" >/dev/null 2>&1
  rm -rf "$TMP"
}
trap cleanup EXIT
psql "$LONGGHEP_PG_URL" -qc "CREATE DATABASE $PGDB" >/dev/null
DB=$(echo "$LONGGHEP_PG_URL" | sed -E "s#^(postgres(ql)?://[^/?]*)/[^?]*#\1/$PGDB#")
"$BIN" demo --db "$DB" >/dev/null 2>&1
psql "$DB" -qc "ALTER DATABASE $PGDB SET log_statement = 'all'" >/dev/null
LONGGHEP_LOG_LEVEL=warn "$BIN" serve --db "$DB" --port "$PORT" --web-root /nonexistent >"$TMP/server.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
LOGIN=$(curl -s -D "$TMP/h" -H 'content-type: application/json' \
  -d '{"username":"tinh.gialai","password":"Demo@2026"}' "http://127.0.0.1:$PORT/api/auth/login")
COOKIE=$(grep -i '^set-cookie: lg_session=' "$TMP/h" | sed -E 's/^[Ss]et-[Cc]ookie: (lg_session=[0-9a-f]+).*/\1/')
CSRF=$(echo "$LOGIN" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrfToken"])')
UNIT=$(echo "$LOGIN" | python3 -c 'import json,sys; print(json.load(sys.stdin)["user"]["orgUnit"]["code"])')
LIST="http://127.0.0.1:$PORT/api/activities?page=1&pageSize=50"
PIVOT="http://127.0.0.1:$PORT/api/analytics/pivot"
BODY="{\"measure\":\"reached\",\"rows\":[\"commune\"],\"columns\":[],\"filters\":{\"from\":\"2021-01-01\",\"to\":\"2026-12-31\",\"orgUnit\":\"$UNIT\"}}"
list() { curl -sf -o /dev/null -H "Cookie: $COOKIE" "$LIST"; }
pivot() { curl -sf -o /dev/null -H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF" -H 'content-type: application/json' -d "$BODY" "$PIVOT"; }
count() {  # count FN N: statements logged for this database by N calls of FN, after warming up
  local fn=$1 n=$2
  for _ in 1 2 3; do $fn; done
  sleep 0.3
  local before after
  before=$(grep -c "" "$LOG")
  for _ in $(seq "$n"); do $fn; done
  sleep 0.5
  tail -n +"$((before + 1))" "$LOG" | grep -E "LOG:  (statement|execute [^:]*):" >"$TMP/stmts" || true
  local all dealloc
  all=$(grep -c "" "$TMP/stmts" || true)
  dealloc=$(grep -c "statement: DEALLOCATE" "$TMP/stmts" || true)
  python3 -c "print(f'{($all - $dealloc) / $n:6.1f} statements per request (+ {$dealloc / $n:.1f} DEALLOCATE of SOCI)')"
}
N=16
echo "GET /api/activities?page=1&pageSize=50  $(count list $N)"
echo "POST /api/analytics/pivot                $(count pivot $N)"
