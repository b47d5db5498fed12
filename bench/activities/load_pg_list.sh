#!/usr/bin/env bash
# A PostgreSQL copy of a filled list database (fill_activities.py) for list_bench.py --pg:
#   load_pg_list.sh LONGGHEP_BIN SQLITE_DB PGSOCKETDIR PGPORT DBNAME
# Creates DBNAME afresh with `longghep demo` (the same step as the SQLite database, so units,
# agencies and taxonomies get the same ids: checked), exports the activity tables of SQLITE_DB as
# CSV (bench/analytics/export_csv.sh), deletes the demo's activities, COPYs them in one
# transaction (foreign-key triggers off: the rows come from a database that checked them), moves
# the id sequence past them and runs VACUUM ANALYZE. The binary decides the schema version: load
# with the old binary to measure the old code, then start the new one (it migrates).
set -euo pipefail
BIN=$1 SQLITE=$2 SOCK=$3 PORT=$4 NAME=$5
HERE=$(cd "$(dirname "$0")" && pwd)
CSV=$(mktemp -d)
trap 'rm -rf "$CSV"' EXIT
"$HERE/../analytics/export_csv.sh" "$SQLITE" "$CSV" >/dev/null
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PORT" -U postgres)
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $NAME" -c "CREATE DATABASE $NAME"
URL="postgresql:///$NAME?host=$SOCK&port=$PORT&user=postgres"
LONGGHEP_LOG_LEVEL=warn "$BIN" demo --db "$URL" >/dev/null
for q in "SELECT id, code, valid_from, parent_code, kind FROM org_units ORDER BY id" \
         "SELECT id, key FROM agencies ORDER BY id" "SELECT code, grp FROM intervention_types ORDER BY code"; do
  a=$(sqlite3 -readonly -list -separator , "$SQLITE" "$q" | md5sum)
  b=$("${PSQL[@]}" -d "$NAME" -A -F, -t -c "$q" | md5sum)
  [ "$a" = "$b" ] || { echo "load_pg_list: SQLite and PostgreSQL differ on: $q" >&2; exit 1; }
done
cols() { head -1 "$CSV/$1.csv"; }
"${PSQL[@]}" -d "$NAME" <<SQL
BEGIN;
SET session_replication_role = replica;
DELETE FROM activity_partners; DELETE FROM activity_programmes; DELETE FROM activity_reach_ages;
DELETE FROM activity_reach; DELETE FROM activity_outputs; DELETE FROM activity_costs; DELETE FROM activities;
\copy activities($(cols activities)) FROM '$CSV/activities.csv' WITH (FORMAT csv, HEADER true)
\copy activity_reach($(cols activity_reach)) FROM '$CSV/activity_reach.csv' WITH (FORMAT csv, HEADER true)
\copy activity_outputs($(cols activity_outputs)) FROM '$CSV/activity_outputs.csv' WITH (FORMAT csv, HEADER true)
\copy activity_costs($(cols activity_costs)) FROM '$CSV/activity_costs.csv' WITH (FORMAT csv, HEADER true)
SELECT setval(pg_get_serial_sequence('activities', 'id'), (SELECT MAX(id) FROM activities));
COMMIT;
VACUUM ANALYZE activities; VACUUM ANALYZE activity_reach; VACUUM ANALYZE activity_outputs; VACUUM ANALYZE activity_costs;
SQL
"${PSQL[@]}" -d "$NAME" -A -t -c "SELECT count(*) FROM activities"
