#!/usr/bin/env bash
# Exports the facts of a filled SQLite database (gen.py) to CSV for PostgreSQL's COPY and DuckDB:
#   export_csv.sh DB OUTDIR
# Files: activities.csv (every column, the server's schema), activity_reach.csv, activity_outputs.csv,
# activity_costs.csv, org_units.csv, intervention_types.csv (header rows; NULL = empty, '' = "").
set -euo pipefail
DB=$1 OUT=$2
mkdir -p "$OUT"
for t in activities activity_reach activity_outputs activity_costs org_units intervention_types; do
  sqlite3 -readonly -csv -header "$DB" "SELECT * FROM $t ORDER BY rowid" > "$OUT/$t.csv"
done
wc -l "$OUT"/*.csv
