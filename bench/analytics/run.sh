#!/usr/bin/env bash
# The issue-6 analytics benchmark, end to end (docs/BENCHMARKS.md, "Analytics (issue 6)"):
#   bench/analytics/run.sh
# 1. Release build in build-rel (unless LONGGHEP_BIN is given).
# 2. Data in $BENCH_DIR (default /tmp/anabench; never in the repository), each step skipped when its
#    output is already there and right (so a second run only measures):
#    base.db  = `longghep demo` + `import-units vn-units-2025.json` (3,321 current communes)
#    facts.db = base.db + gen.py: 10,000,000 facts (2 M activities), the server's SQLite schema
#    csv/     = export_csv.sh of facts.db;  facts.duckdb = load_duckdb.mjs of csv/
#    PostgreSQL 15 database `lgbench` in the cluster $LG_PG_DIR (port $LG_PG_PORT) = load_pg.sh
# 3. npm ci (bench/analytics/package.json: @duckdb/node-api, pg).
# 4. measure_server.mjs on base.db and on facts.db: start-up to the first pivot, RSS, meta.
# 5. A server on facts.db (and, for engine-sql-pg, a second one on the PostgreSQL
#    database), then bench.mjs: every query on SQLite, PostgreSQL, DuckDB, the engine, ?via=sql.
# Environment: BENCH_DIR, LONGGHEP_BIN, RUNS (5), FACTS (10000000), NO_ENGINE=1 (SQL engines
# only: for a build without the analytics engine), ONLY (e.g. q1,q3), ENGINES (default
# sqlite,pg,duckdb,engine,engine-sql,engine-sql-pg; e.g. ENGINES=duckdb,engine for a quick pass).
# Cost on the 2-core development machine: ≈ 5 min to generate facts.db (2.9 GB), ≈ 1 min to
# export the CSVs (0.6 GB), ≈ 3 min to load PostgreSQL (≈ 2.5 GB), ≈ 1 min for DuckDB (0.2 GB):
# ≈ 6.5 GB of disk in $BENCH_DIR and the cluster. The measurements take ≈ 15–25 min with RUNS=5
# (SQLite and PostgreSQL need seconds per query and run 6 times each, twice: hand SQL and ?via=sql).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
B=${BENCH_DIR:-/tmp/anabench}
FACTS=${FACTS:-10000000}
RUNS=${RUNS:-5}
export LG_PG_DIR=${LG_PG_DIR:-/tmp/lg-pg-anabench} LG_PG_PORT=${LG_PG_PORT:-54346}
DATA=$ROOT/../shared/data; [ -f "$DATA/vn-units-2025.json" ] || DATA=/work/shared/data
mkdir -p "$B"
log() { printf '\n==> %s\n' "$*" >&2; }
facts_of() { sqlite3 -readonly "$1" "SELECT (SELECT count(*) FROM activities) + (SELECT count(*) FROM activity_reach) + (SELECT count(*) FROM activity_outputs) + (SELECT count(*) FROM activity_costs)" 2>/dev/null || echo 0; }

if [ -z "${LONGGHEP_BIN:-}" ]; then
  source "$ROOT/scripts/lib.sh"
  build_cpp build-rel -DCMAKE_BUILD_TYPE=Release -DLONGGHEP_TESTS=OFF -DLONGGHEP_BENCH=ON
  LONGGHEP_BIN=$ROOT/build-rel/longghep
fi
BIN=$LONGGHEP_BIN

if [ "$(facts_of "$B/facts.db")" != "$FACTS" ]; then
  log "generating $FACTS facts in $B/facts.db"
  rm -f "$B"/base.db* "$B"/facts.db* "$B/facts.duckdb"; rm -rf "$B/csv"
  LONGGHEP_LOG_LEVEL=warn "$BIN" demo --db "sqlite://$B/base.db" >/dev/null
  LONGGHEP_LOG_LEVEL=warn "$BIN" --db "sqlite://$B/base.db" import-units "$DATA/vn-units-2025.json"
  sqlite3 "$B/base.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  cp "$B/base.db" "$B/facts.db"
  /usr/bin/time -f "gen.py: %e s, %M KB peak" python3 "$HERE/gen.py" "$B/facts.db" "$FACTS"
fi
if [ ! -f "$B/csv/activity_costs.csv" ] || [ "$B/csv/activity_costs.csv" -ot "$B/facts.db" ]; then
  log "exporting CSV"; rm -f "$B/facts.duckdb"; "$HERE/export_csv.sh" "$B/facts.db" "$B/csv"
fi

log "npm ci (bench/analytics)"
(cd "$HERE" && npm ci --no-audit --no-fund --silent)
if [ ! -f "$B/facts.duckdb" ]; then log "loading DuckDB"; (cd "$HERE" && node load_duckdb.mjs "$B/csv" "$B/facts.duckdb"); fi

PGURL=$("$ROOT/scripts/pg-throwaway" start)
SOCK=$LG_PG_DIR/sock
pg_facts=$(psql -X -h "$SOCK" -p "$LG_PG_PORT" -U postgres -d lgbench -A -t -c "SELECT (SELECT count(*) FROM activities) + (SELECT count(*) FROM activity_reach) + (SELECT count(*) FROM activity_outputs) + (SELECT count(*) FROM activity_costs)" 2>/dev/null || echo 0)
if [ "$pg_facts" != "$FACTS" ] || [ "$B/csv/activity_costs.csv" -nt "$B/pg.loaded" ]; then
  log "loading PostgreSQL (database lgbench)"
  /usr/bin/time -f "load_pg.sh: %e s" "$HERE/load_pg.sh" "$BIN" "$B/facts.db" "$B/csv" "$SOCK" "$LG_PG_PORT" lgbench
  touch "$B/pg.loaded"
fi
PG_DB_URL="postgresql:///lgbench?host=$SOCK&port=$LG_PG_PORT&user=postgres"
# Migrations of this binary first (e.g. an index on activities), so no start-up measured below pays for them.
for u in "sqlite://$B/base.db" "sqlite://$B/facts.db" "$PG_DB_URL"; do LONGGHEP_LOG_LEVEL=warn "$BIN" --db "$u" migrate; done

ENGINES=${ENGINES:-sqlite,pg,duckdb,engine,engine-sql,engine-sql-pg}
on() { [[ ",$ENGINES," == *",$1,"* ]]; }
SQLARGS=(--runs "$RUNS")
on sqlite && SQLARGS+=(--sqlite "$B/facts.db")
on pg && SQLARGS+=(--pg-socket "$SOCK" --pg-port "$LG_PG_PORT" --pg-db lgbench)
on duckdb && SQLARGS+=(--duckdb "$B/facts.duckdb")
[ -n "${ONLY:-}" ] && SQLARGS+=(--only "$ONLY")
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
if [ "${NO_ENGINE:-0}" = 1 ]; then
  log "SQL engines only"
  (cd "$HERE" && node bench.mjs "${SQLARGS[@]}" --out "$B/results-sql-$STAMP.json")
  exit 0
fi

log "start-up and memory: the server on base.db (no synthetic facts), then on facts.db ($FACTS facts)"
(cd "$HERE" && node measure_server.mjs "$BIN" "sqlite://$B/base.db" --out "$B/server-base-$STAMP.json")
(cd "$HERE" && node measure_server.mjs "$BIN" "sqlite://$B/facts.db" --out "$B/server-facts-$STAMP.json")
node -e '
  const [b, f] = process.argv.slice(1).map((p) => JSON.parse(require("fs").readFileSync(p, "utf8")));
  const nf = (x) => x.metaNumbers?.engine?.facts ?? x.facts; const d = (f.VmRSS - b.VmRSS) * 1024, n = nf(f) - nf(b);
  console.log(`start-up with ${nf(f)} facts: /readyz ${(f.readyzMs / 1000).toFixed(2)} s, first pivot ${(f.firstPivotMs / 1000).toFixed(2)} s (empty: ${(b.firstPivotMs / 1000).toFixed(2)} s)`);
  console.log(`RSS ${b.VmRSS} KB -> ${f.VmRSS} KB (HWM ${f.VmHWM} KB): ${(d / n).toFixed(1)} bytes per fact over ${n} facts`);
  console.log("engine accounting:", JSON.stringify(f.metaNumbers ?? null), f.logLines ?? []);
' "$B/server-base-$STAMP.json" "$B/server-facts-$STAMP.json"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
P1=$(free_port)
LONGGHEP_LOG_LEVEL=warn "$BIN" serve --db "sqlite://$B/facts.db" --port "$P1" --web-root /nonexistent >/dev/null 2>"$B/server-sqlite.log" &
S1=$!
S2=
trap 'kill $S1 ${S2:-} 2>/dev/null || true' EXIT
APIARGS=(--api "http://127.0.0.1:$P1" --api-pid "$S1")
on engine-sql && APIARGS+=(--via-sql)
if on engine-sql-pg; then
  P2=$(free_port)
  LONGGHEP_LOG_LEVEL=warn "$BIN" serve --db "$PG_DB_URL" --port "$P2" --web-root /nonexistent >/dev/null 2>"$B/server-pg.log" &
  S2=$!
  APIARGS+=(--api-pg "http://127.0.0.1:$P2")
fi
for p in $P1 ${P2:-}; do
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$p/readyz" >/dev/null && break; sleep 0.2; done
done
log "pivot benchmark: $RUNS runs after a warm-up, answers checked equal"
(cd "$HERE" && node bench.mjs "${SQLARGS[@]}" "${APIARGS[@]}" --out "$B/results-$STAMP.json")
echo "results: $B/results-$STAMP.json, $B/server-facts-$STAMP.json"
