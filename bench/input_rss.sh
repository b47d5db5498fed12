#!/usr/bin/env bash
# Server memory around large refused and large processed inputs (issue 13, item 1): VmRSS before,
# VmHWM (peak) and VmRSS after, and the answer, for
#   1. a 20 MB deeply nested JSON ("[[[[…]]]]") sent by the admin to POST /api/org-units/import,
#   2. the same to POST /api/boundaries?level=province,
#   3. a 6 MB valid but unknown JSON unit list (parsed in full, then refused),
#   4. 1 MiB of nesting in a JSON body (POST /api/auth/login).
#   bench/input_rss.sh      (SQLite demo database; LONGGHEP_BIN overrides the binary)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${LONGGHEP_BIN:-$ROOT/build/longghep}
TMP=$(mktemp -d); PORT=19${RANDOM:0:3}; PID=""
trap '[ -n "$PID" ] && { kill $PID; wait $PID; } 2>/dev/null; rm -rf "$TMP"' EXIT
"$BIN" demo --db "sqlite://$TMP/b.db" >/dev/null 2>&1
LONGGHEP_LOG_LEVEL=warn "$BIN" serve --db "sqlite://$TMP/b.db" --port "$PORT" --web-root /nonexistent >"$TMP/server.log" 2>&1 &
PID=$!
B="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -sf "$B/readyz" >/dev/null && break; sleep 0.1; done
rss() { awk -v k="$1:" '$1 == k {printf "%.0f", $2 / 1024}' "/proc/$PID/status"; }
python3 - "$TMP" <<'PY'
import sys, json
d = sys.argv[1]
open(f"{d}/deep.json", "w").write("[" * 10_000_000 + "]" * 10_000_000)
open(f"{d}/deep-body.json", "w").write('{"username":' + "[" * 500_000 + "]" * 500_000 + "}")
open(f"{d}/wide.json", "w").write(json.dumps({"units": [{"code": str(i), "name": "Xã số %d" % i, "extra": list(range(10))} for i in range(60_000)]}))
PY
curl -s -c "$TMP/c" -H 'content-type: application/json' -d '{"username":"admin","password":"Demo@2026"}' "$B/api/auth/login" >"$TMP/login"
CSRF=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrfToken"])' "$TMP/login")
post() {  # label path file
  local before after code t
  before=$(rss VmRSS)
  read -r code t < <(curl -s -b "$TMP/c" -H "x-csrf-token: $CSRF" -H 'content-type: application/json' \
    --data-binary "@$3" -o /dev/null -w '%{http_code} %{time_total}\n' "$B$2")
  sleep 0.3
  printf '%-44s %s in %5.2f s; RSS %4s MiB before, %4s MiB after, peak %4s MiB\n' "$1" "$code" "$t" "$before" "$(rss VmRSS)" "$(rss VmHWM)"
}
post "20 MB nested JSON → /api/org-units/import" /api/org-units/import "$TMP/deep.json"
post "20 MB nested JSON → /api/boundaries" "/api/boundaries?level=province" "$TMP/deep.json"
post "$(du -m "$TMP/wide.json" | cut -f1) MB valid JSON, unknown format → import" /api/org-units/import "$TMP/wide.json"
post "1 MB nested JSON body → /api/auth/login" /api/auth/login "$TMP/deep-body.json"
