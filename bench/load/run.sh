#!/usr/bin/env bash
# The deadline day, one command (issue 11): builds the release binary if needed, creates the demo
# database (SQLite file or a throwaway PostgreSQL 15 cluster), starts the server with its shipped
# settings and runs bench/load/deadline-day.mjs against it.
#   bench/load/run.sh [sqlite|postgresql] [users=300] [seconds=180] [idle=2000] [slow=200]
# Prints the figures and MET/MISSED per target; exit code 0 when every target is met.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KIND=${1:-sqlite}; USERS=${2:-300}; SECONDS_=${3:-180}; IDLE=${4:-2000}; SLOW=${5:-200}
source "$ROOT/scripts/lib.sh"
[ -x "$ROOT/build/longghep" ] || { install_deps; build_cpp build -DCMAKE_BUILD_TYPE=Release -DLONGGHEP_TESTS=OFF -DLONGGHEP_BENCH=OFF; }
BIN="$ROOT/build/longghep"
TMP=$(mktemp -d); PORT=${PORT:-18080}; PID=""
cleanup() {
  [ -n "$PID" ] && { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; }
  [ "$KIND" = postgresql ] && [ -z "${KEEP_PG:-}" ] && "$ROOT/scripts/pg-throwaway" stop >/dev/null 2>&1 || true
  [ -n "${KEEP_LOG:-}" ] && cp "$TMP/server.log" "$KEEP_LOG"
  rm -rf "$TMP"
}
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
case "$KIND" in
  sqlite) DB="sqlite://$TMP/load.db" ;;
  postgresql)
    PG=$("$ROOT/scripts/pg-throwaway" start)
    psql "$PG" -qc "DROP DATABASE IF EXISTS lg_load" -c "CREATE DATABASE lg_load" >/dev/null
    DB=${PG/\/postgres\?/\/lg_load?} ;;
  *) echo "usage: $0 [sqlite|postgresql] [users] [seconds] [idle] [slow]" >&2; exit 2 ;;
esac
log "demo data on $KIND"
LONGGHEP_LOG_LEVEL=warn "$BIN" demo --db "$DB" >/dev/null
log "server on :$PORT (shipped settings)"
LONGGHEP_LOG_LEVEL=${SERVER_LOG_LEVEL:-warn} "$BIN" serve --db "$DB" --port "$PORT" --web-root /nonexistent >"$TMP/server.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done
RSS0=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
set +e
node "$ROOT/bench/load/deadline-day.mjs" --base "http://127.0.0.1:$PORT" --users "$USERS" --seconds "$SECONDS_" \
  --idle "$IDLE" --slow "$SLOW" --out "${OUT:-$TMP/result.json}"
RC=$?
set -e
RSS1=$(awk '/VmHWM/ {print $2}' /proc/$PID/status)
echo "server RSS: ${RSS0} kB at start, peak ${RSS1} kB; 5xx lines in the server log: $(grep -c 'status=5' "$TMP/server.log" || true)"
exit $RC
