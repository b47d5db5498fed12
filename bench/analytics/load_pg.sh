#!/usr/bin/env bash
# Loads the facts exported by export_csv.sh into a PostgreSQL database of the server's schema:
#   load_pg.sh LONGGHEP_BIN SQLITE_DB CSVDIR PGSOCKETDIR PGPORT DBNAME
# Creates DBNAME afresh with `longghep demo` + `import-units vn-units-2025.json` (the same steps as
# the SQLite database, so org units, agencies and taxonomies get the same ids: checked), deletes the
# demo's activities, then COPYs the four fact tables in one transaction (foreign-key triggers off
# for the load: the rows come from a database that checked them) and runs VACUUM ANALYZE.
set -euo pipefail
BIN=$1 SQLITE=$2 CSV=$3 SOCK=$4 PORT=$5 NAME=$6
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${LONGGHEP_SHARED_DATA:-$HERE/../../../shared/data}
[ -f "$DATA/vn-units-2025.json" ] || DATA=/work/shared/data
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PORT" -U postgres)
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $NAME" -c "CREATE DATABASE $NAME"
URL="postgresql:///$NAME?host=$SOCK&port=$PORT&user=postgres"
LONGGHEP_LOG_LEVEL=warn "$BIN" demo --db "$URL" >/dev/null
LONGGHEP_LOG_LEVEL=warn "$BIN" --db "$URL" import-units "$DATA/vn-units-2025.json"
for q in "SELECT id, code, valid_from, parent_code, kind FROM org_units ORDER BY id" \
         "SELECT id, key FROM agencies ORDER BY id" "SELECT code, grp FROM intervention_types ORDER BY code"; do
  a=$(sqlite3 -readonly -list -separator , "$SQLITE" "$q" | md5sum)
  b=$("${PSQL[@]}" -d "$NAME" -A -F, -t -c "$q" | md5sum)
  [ "$a" = "$b" ] || { echo "load_pg: SQLite and PostgreSQL differ on: $q" >&2; exit 1; }
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
COMMIT;
VACUUM ANALYZE activities; VACUUM ANALYZE activity_reach; VACUUM ANALYZE activity_outputs; VACUUM ANALYZE activity_costs;
SQL
"${PSQL[@]}" -d "$NAME" -A -t -c "SELECT (SELECT count(*) FROM activities) + (SELECT count(*) FROM activity_reach) + (SELECT count(*) FROM activity_outputs) + (SELECT count(*) FROM activity_costs) AS facts"
