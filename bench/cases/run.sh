#!/usr/bin/env bash
# The people-supported benchmarks (docs/BENCHMARKS.md "People supported"): a demo database on
# SQLite and on PostgreSQL, 100,000 sealed records seeded by bench/cases_seed_bench.cpp, then
# bench/cases/list_bench.py on each.
#   bench/cases/run.sh [COUNT] [PG_URL]   (build first: cmake -B build-bench -DLONGGHEP_BENCH=ON …)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${BIN:-$ROOT/build-bench/longghep}
SEED=${SEED:-$ROOT/build-bench/cases_seed_bench}
COUNT=${1:-100000}
PG_URL=${2:-}
WORK=$(mktemp -d /tmp/lg-cases-bench.XXXX)
export LONGGHEP_CASE_KEY_FILE=$WORK/case.key LONGGHEP_LOG_LEVEL=warn
"$BIN" keys init --key-file "$LONGGHEP_CASE_KEY_FILE" > /dev/null
run() {
  local url=$1
  "$BIN" demo --db "$url" > /dev/null
  "$SEED" --db "$url" --count "$COUNT"
  python3 "$ROOT/bench/cases/list_bench.py" "$url" --bin "$BIN"
}
echo "== SQLite"; run "sqlite://$WORK/b.db"
if [ -n "$PG_URL" ]; then echo "== PostgreSQL"; run "$PG_URL"; fi
rm -rf "$WORK"
