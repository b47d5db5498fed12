#!/usr/bin/env bash
# EXPLAIN QUERY PLAN and time (sqlite3 CLI) of the SQL that list_activities runs for the filters
# of list_bench.py: the capped count and the page of ids, as src/storage/activities.cpp builds them
# (values inlined; the server binds them). scope_ids = the subtree of Gia Lai 52 with the units
# merged into it (old Bình Định 52, old Gia Lai 64), as the server fills it for orgUnit=52.
#   bench/activities/explain.sh DB [filter-name]
set -euo pipefail
DB=$1; ONLY=${2:-}
SCOPE="CREATE TEMP TABLE scope_ids (id BIGINT PRIMARY KEY);
WITH RECURSIVE t(code) AS (SELECT '52' UNION SELECT '64' UNION SELECT u.code FROM org_units u JOIN t ON u.parent_code = t.code AND u.kind <> 'province')
INSERT OR IGNORE INTO scope_ids SELECT u.id FROM org_units u JOIN t ON u.code = t.code;"
run() {  # name, where, order
  [ -n "$ONLY" ] && [[ "$1" != *"$ONLY"* ]] && return 0
  echo "=== $1"
  sqlite3 "$DB" <<SQL
$SCOPE
.timer on
EXPLAIN QUERY PLAN SELECT COUNT(*) FROM (SELECT 1 AS one FROM activities a WHERE 1=1 $2 LIMIT 10001) c;
SELECT COUNT(*) FROM (SELECT 1 AS one FROM activities a WHERE 1=1 $2 LIMIT 10001) c;
EXPLAIN QUERY PLAN SELECT a.id FROM activities a WHERE 1=1 $2 $3 LIMIT 50 OFFSET 0;
SELECT COUNT(*) FROM (SELECT a.id FROM activities a WHERE 1=1 $2 $3 LIMIT 50 OFFSET 0);
SQL
}
D="ORDER BY a.start_date DESC, a.id DESC"
S="AND a.org_unit_id IN (SELECT id FROM scope_ids)"
run "no filter" "" "$D"
run "province 52" "$S" "$D"
run "interventionType" "AND a.intervention_type_code = 'community_sessions'" "$D"
run "targetGroup" "AND EXISTS (SELECT 1 FROM activity_reach r WHERE r.activity_id = a.id AND r.target_group_code = 'sex_workers')" "$D"
run "quarter" "AND a.end_date >= '2024-04-01' AND a.start_date <= '2024-06-30'" "$D"
run "q selective" "AND a.title_folded LIKE '%quy nhon%' ESCAPE '\\'" "$D"
run "q common" "AND a.title_folded LIKE '%tuyen truyen%' ESCAPE '\\'" "$D"
run "q rare" "AND a.title_folded LIKE '%thi nai%' ESCAPE '\\'" "$D"
run "-reachedTotal" "" "ORDER BY a.reached_total DESC, a.id DESC"
run "52 quarter -reachedTotal" "$S AND a.end_date >= '2024-04-01' AND a.start_date <= '2024-06-30'" "ORDER BY a.reached_total DESC, a.id DESC"
