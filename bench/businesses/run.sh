#!/usr/bin/env bash
# The service business benchmarks (docs/BENCHMARKS.md "Service businesses"): a demo database on
# SQLite (and PostgreSQL when a URL is given), COUNT businesses with their inspections seeded by
# bench/businesses/seed.py, then bench/businesses/list_bench.py on each. Not part of the tests.
#   bench/businesses/run.sh [COUNT] [PG_URL]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${BIN:-$ROOT/build/longghep}
COUNT=${1:-200000}
PG_URL=${2:-}
WORK=$(mktemp -d /tmp/lg-biz-bench.XXXX)
export LONGGHEP_LOG_LEVEL=warn
echo "== SQLite"
"$BIN" demo --db "sqlite://$WORK/b.db" > /dev/null
t0=$(date +%s.%N); python3 "$ROOT/bench/businesses/seed.py" "$COUNT" | sqlite3 "$WORK/b.db"
echo "seeded $COUNT in $(echo "$(date +%s.%N) - $t0" | bc) s"
python3 "$ROOT/bench/businesses/list_bench.py" "sqlite://$WORK/b.db" --bin "$BIN"
if [ -n "$PG_URL" ]; then
  echo "== PostgreSQL"
  "$BIN" demo --db "$PG_URL" > /dev/null
  t0=$(date +%s.%N); python3 "$ROOT/bench/businesses/seed.py" "$COUNT" | psql -q -v ON_ERROR_STOP=1 "$PG_URL" > /dev/null
  psql -q "$PG_URL" -c "ANALYZE" > /dev/null
  echo "seeded $COUNT in $(echo "$(date +%s.%N) - $t0" | bc) s"
  python3 "$ROOT/bench/businesses/list_bench.py" "$PG_URL" --bin "$BIN"
fi
rm -rf "$WORK"
