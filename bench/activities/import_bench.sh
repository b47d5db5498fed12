#!/usr/bin/env bash
# Times a bulk activity import through the real server: upload (POST /api/activity-imports),
# validation (poll until "ready"), commit (POST …/commit, poll until "committed"), and the
# server's peak RSS (VmHWM) before / after each pass, against the file size.
#   bench/activities/import_bench.sh FILE.csv|FILE.xlsx [BIN=build-rel/longghep] [DBDIR=/tmp/bench]
# Make FILE with bench/activities/gen_import.py. Creates a fresh demo database each run.
# PostgreSQL: PG_URL=postgresql://… (an empty throwaway database, e.g. scripts/pg-throwaway) runs
# the same against it. After the import, the database's own floor for the same rows is measured in
# the same run (issue 20): the imported rows are copied out, deleted, and written back —
# SQLite: INSERT … SELECT from a temp copy (sqlite3 shell); PostgreSQL: COPY FROM a file (psql \copy).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FILE=$1; BIN=${2:-$ROOT/build-rel/longghep}; DIR=${3:-/tmp/bench}
mkdir -p "$DIR"; DB="$DIR/import-$(basename "$FILE").db"; rm -f "$DB" "$DB-wal" "$DB-shm"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
PID=""; trap '[ -n "$PID" ] && { kill $PID; wait $PID; } 2>/dev/null || true' EXIT
if [ -n "${PG_URL:-}" ]; then DBURL=$PG_URL; else DBURL="sqlite://$DB"; fi
"$BIN" demo --db "$DBURL" >/dev/null 2>&1
LONGGHEP_LOG_LEVEL=info "$BIN" serve --db "$DBURL" --port "$PORT" --web-root /nonexistent >"$DIR/server-import.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
B="http://127.0.0.1:$PORT"
curl -s -D "$DIR/login.h" -o "$DIR/login.json" -H 'content-type: application/json' \
  -d '{"username":"admin","password":"Demo@2026"}' "$B/api/auth/login"
COOKIE=$(grep -i '^set-cookie: lg_session=' "$DIR/login.h" | sed -E 's/^[Ss]et-[Cc]ookie: (lg_session=[0-9a-f]+).*/\1/')
CSRF=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrfToken"])' "$DIR/login.json")
[ -n "$COOKIE" ] || { echo "login failed" >&2; exit 1; }
hwm() { awk '/VmHWM/ {print $2}' /proc/$PID/status; }
cpu() { awk '{print ($14 + $15) / 100}' /proc/$PID/stat; }  # the server's CPU seconds (user + system)
now() { date +%s.%N; }
field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get(sys.argv[1]))' "$1"; }
wait_for() {  # $1 id, $2 wanted status; prints the final JSON to $DIR/import-status.json
  while :; do
    curl -s -H "Cookie: $COOKIE" "$B/api/activity-imports/$1" >"$DIR/import-status.json"
    st=$(field status <"$DIR/import-status.json")
    [ "$st" = "$2" ] && return 0
    case "$st" in validating|committing) sleep 0.1 ;; *) echo "status $st" >&2; head -c 2000 "$DIR/import-status.json" >&2; exit 1 ;; esac
  done
}
H0=$(hwm)
T0=$(now)
curl -s -H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF" -H 'content-type: application/octet-stream' --data-binary "@$FILE" \
  "$B/api/activity-imports?filename=$(basename "$FILE")" >"$DIR/import-post.json"
T1=$(now)
ID=$(field id <"$DIR/import-post.json")
wait_for "$ID" ready
T2=$(now); H1=$(hwm)
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("rows", d["rowsTotal"], "new", d["newRows"], "dup", d["duplicateRows"], "errors", d["errorCount"])' "$DIR/import-status.json"
C2=$(cpu); T2b=$(now); curl -s -o /dev/null -w "commit POST %{http_code} %{time_total}s\n" -X POST -d "" -H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF" "$B/api/activity-imports/$ID/commit"
T3=$(now)
wait_for "$ID" committed
T4=$(now); H2=$(hwm); C4=$(cpu)
echo "commit CPU      $(python3 -c "print(f'{$C4 - $C2:.2f}')") s of the server (user + system; wall time depends on the load: $(cut -d' ' -f1-3 /proc/loadavg))"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("committed", d["committedCount"], d["messageEn"])' "$DIR/import-status.json"
kill $PID; wait $PID 2>/dev/null || true; PID=""
grep -E "activities committed in" "$DIR/server-import.log" | sed -E 's/.*(import [0-9]+:)/\1/' || true
CH="activity_reach activity_reach_ages activity_outputs activity_costs activity_partners activity_programmes"
if [ -n "${PG_URL:-}" ]; then
  Q() { psql -qAtX "$PG_URL" -c "$1"; }
  ACTS=$(Q "SELECT COUNT(*) FROM activities WHERE source='import'")
  REACH=$(Q "SELECT COUNT(*) FROM activity_reach r JOIN activities a ON a.id=r.activity_id WHERE a.source='import'")
  # The floor: COPY of the same rows (files written first, outside the timing), all tables, one transaction.
  for t in activities $CH; do
    w="activity_id IN (SELECT id FROM activities WHERE source='import')"; [ $t = activities ] && w="source='import'"
    Q "\\copy (SELECT * FROM $t WHERE $w) TO '$DIR/floor-$t.copy'" >/dev/null 2>&1 || psql -qAtX "$PG_URL" -c "\\copy (SELECT * FROM $t WHERE $w) TO '$DIR/floor-$t.copy'"
  done
  Q "BEGIN; $(for t in $CH; do echo "DELETE FROM $t WHERE activity_id IN (SELECT id FROM activities WHERE source='import');"; done) DELETE FROM activities WHERE source='import'; COMMIT;" >/dev/null
  Q "VACUUM ANALYZE activities" >/dev/null
  F0=$(now)
  { echo "BEGIN;"; echo "\\timing on"; for t in activities $CH; do echo "\\copy $t FROM '$DIR/floor-$t.copy'"; done; echo "COMMIT;"; } | psql -qAtX "$PG_URL" >"$DIR/floor.log"
  echo "floor (COPY, statements only) $(awk '/^Time:/ {s += $2} END {printf "%.3f", s / 1000}' "$DIR/floor.log") s"
  F1=$(now)
else
  ACTS=$(sqlite3 "$DB" "SELECT COUNT(*) FROM activities WHERE source='import'")
  REACH=$(sqlite3 "$DB" "SELECT COUNT(*) FROM activity_reach r JOIN activities a ON a.id=r.activity_id WHERE a.source='import'")
  # The floor: INSERT … SELECT of the same rows from temp copies (made outside the timing), all
  # tables, one transaction, foreign keys on, the same page cache as the commit.
  { echo "PRAGMA foreign_keys=ON; PRAGMA cache_size=-262144;"
    echo "CREATE TEMP TABLE f_activities AS SELECT * FROM activities WHERE source='import' ORDER BY id;"
    for t in $CH; do echo "CREATE TEMP TABLE f_$t AS SELECT * FROM $t WHERE activity_id IN (SELECT id FROM f_activities);"; done
    echo "BEGIN; $(for t in $CH; do echo "DELETE FROM $t WHERE activity_id IN (SELECT id FROM f_activities);"; done) DELETE FROM activities WHERE source='import'; COMMIT;"
    echo ".timer on"
    echo "BEGIN; INSERT INTO activities SELECT * FROM f_activities;"
    for t in $CH; do echo "INSERT INTO $t SELECT * FROM f_$t;"; done
    echo "COMMIT;"; } >"$DIR/floor.sql"
  F0=$(now); /usr/bin/time -f "floor CPU       %U s user + %S s system (sqlite3 shell, incl. the temp copies)" sqlite3 "$DB" <"$DIR/floor.sql" >"$DIR/floor.log"; F1=$(now)
  FLOOR_S=$(awk '/^Run Time/ {s += $4} END {print s}' "$DIR/floor.log")
  echo "floor (sqlite3 INSERT…SELECT, statements only) ${FLOOR_S} s"
fi
python3 - "$FILE" "$T0" "$T1" "$T2" "$T3" "$T4" "$H0" "$H1" "$H2" "$ACTS" "$REACH" "$F0" "$F1" <<'PY'
import os, sys
f = sys.argv[1]; t0, t1, t2, t3, t4 = map(float, sys.argv[2:7]); h0, h1, h2 = (int(x) / 1024 for x in sys.argv[7:10])
size = os.path.getsize(f) / 1e6
print(f"file            {os.path.basename(f)}: {size:.1f} MB")
print(f"upload          {t1 - t0:6.2f} s")
print(f"validation      {t2 - t1:6.2f} s  (202 -> ready)")
print(f"upload+validate {t2 - t0:6.2f} s")
print(f"commit          {t4 - t3:6.2f} s  (commit -> committed)")
print(f"total           {t4 - t0:6.2f} s  (target: validation + commit <= 20 s: {t2 - t1 + t4 - t3:.2f} s)")
print(f"peak RSS        start {h0:.0f} MB, after validation {h1:.0f} MB, after commit {h2:.0f} MB (file {size:.0f} MB)")
print(f"written         {sys.argv[10]} activities, {sys.argv[11]} reach rows")
f0, f1 = float(sys.argv[12]), float(sys.argv[13])
print(f"floor           {f1 - f0:6.2f} s  (the database's own bulk write of the same rows; commit / floor = {(t4 - t3) / (f1 - f0):.2f})")
PY
