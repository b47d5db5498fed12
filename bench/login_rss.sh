#!/usr/bin/env bash
# Peak memory of the server under 32 parallel failed logins (argon2id, 64 MiB per verification):
# VmRSS before, VmHWM (peak) after, and the answers' status codes.
#   bench/login_rss.sh [parallel=32]      (SQLite demo database; LONGGHEP_BIN overrides the binary)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-32}
BIN=${LONGGHEP_BIN:-$ROOT/build/longghep}
TMP=$(mktemp -d); PORT=18${RANDOM:0:3}; PID=""
trap '[ -n "$PID" ] && { kill $PID; wait $PID; } 2>/dev/null; rm -rf "$TMP"' EXIT
"$BIN" demo --db "sqlite://$TMP/b.db" >/dev/null 2>&1
LONGGHEP_LOG_LEVEL=warn "$BIN" serve --bench-routes --db "sqlite://$TMP/b.db" --port "$PORT" --web-root /nonexistent >"$TMP/server.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
curl -s -o /dev/null "http://127.0.0.1:$PORT/hello"
rss() { awk -v k="$1:" '$1 == k {printf "%.0f", $2 / 1024}' "/proc/$PID/status"; }
BEFORE=$(rss VmRSS)
for i in $(seq "$N"); do
  curl -s -o /dev/null -w '%{http_code}\n' -H 'content-type: application/json' \
    -d "{\"username\":\"nobody.$i\",\"password\":\"Wrong-password-1\"}" "http://127.0.0.1:$PORT/api/auth/login" &
done >"$TMP/codes"
wait $(jobs -p | grep -v "^$PID$") 2>/dev/null || true
sleep 0.2
echo "$N parallel failed logins: RSS ${BEFORE} MiB before, peak (VmHWM) $(rss VmHWM) MiB; answers: $(sort "$TMP/codes" | uniq -c | tr -s ' \n' ' ')"
