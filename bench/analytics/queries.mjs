// The fixed pivot queries of the issue-6 benchmark: each as the API body (POST /api/analytics/pivot)
// and as SQL for SQLite, PostgreSQL and DuckDB over the server's tables (same table and column
// names in all three; DuckDB holds start_date as a DATE, the server's schema as ISO text).
//
// Every SQL answer is rows of (row key..., column key..., value), grouped by the keys, zero groups
// absent. The hand-written SQL takes the direct path this dataset allows (every fact is on a
// current commune, whose parent_code is its province), i.e. no hierarchy-as-of or lineage mapping:
// that favours the SQL engines, not the server's engine.

const ISO = {
  year: 'substr(a.start_date, 1, 4)',
  half: "substr(a.start_date, 1, 4) || '-H' || (CASE WHEN substr(a.start_date, 6, 2) <= '06' THEN 1 ELSE 2 END)",
  quarter: "substr(a.start_date, 1, 4) || '-Q' || ((CAST(substr(a.start_date, 6, 2) AS INTEGER) + 2) / 3)",
  month: 'substr(a.start_date, 1, 7)',
};
const PERIOD = {
  sqlite: ISO,
  pg: ISO,
  duckdb: {
    year: "strftime(a.start_date, '%Y')",
    half: "strftime(a.start_date, '%Y') || '-H' || (CASE WHEN month(a.start_date) <= 6 THEN 1 ELSE 2 END)",
    quarter: "strftime(a.start_date, '%Y') || '-Q' || quarter(a.start_date)",
    month: "strftime(a.start_date, '%Y-%m')",
  },
};

// SQLite only: scan the fact table in rowid (= activity) order instead of through its
// target-group / funding-source index, which its planner (no ANALYZE, as the server runs) picks for
// the GROUP BY and which turns the join into random reads (q4: 102 s → see BENCHMARKS).
const NI = (d) => (d === 'sqlite' ? ' NOT INDEXED' : '');

const AS_OF = '2026-12-01';
const ALL = { from: '2021-01-01', to: '2026-12-31' };

export const QUERIES = [
  {
    id: 'q1', name: 'province × intervention type, 2025, people reached',
    body: { measure: 'reached', rows: ['province'], columns: ['type'], filters: { from: '2025-01-01', to: '2025-12-31' }, asOf: AS_OF },
    nr: 1, nc: 1,
    sql: () => `SELECT u.parent_code, a.intervention_type_code, SUM(r.total)
      FROM activities a JOIN activity_reach r ON r.activity_id = a.id JOIN org_units u ON u.id = a.org_unit_id
      WHERE a.start_date BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY 1, 2`,
  },
  {
    id: 'q2', name: 'province × target group × quarter, 2021–2026, people reached',
    body: { measure: 'reached', rows: ['province', 'targetGroup'], columns: ['quarter'], filters: ALL, asOf: AS_OF },
    nr: 2, nc: 1,
    sql: (d) => `SELECT u.parent_code, r.target_group_code, ${PERIOD[d].quarter}, SUM(r.total)
      FROM activities a JOIN activity_reach r${NI(d)} ON r.activity_id = a.id JOIN org_units u ON u.id = a.org_unit_id
      GROUP BY 1, 2, 3`,
  },
  {
    id: 'q3', name: "one province's communes × month (Hồ Chí Minh, 168 communes), activities",
    body: { measure: 'activities', rows: ['commune'], columns: ['month'], filters: { ...ALL, orgUnit: '79' }, asOf: AS_OF },
    nr: 1, nc: 1,
    sql: (d) => `SELECT u.code, ${PERIOD[d].month}, COUNT(*)
      FROM activities a JOIN org_units u ON u.id = a.org_unit_id WHERE u.parent_code = '79' GROUP BY 1, 2`,
  },
  {
    id: 'q4', name: 'target group × year, national, female reached',
    body: { measure: 'female', rows: ['targetGroup'], columns: ['year'], filters: ALL, asOf: AS_OF },
    nr: 1, nc: 1,
    sql: (d) => `SELECT r.target_group_code, ${PERIOD[d].year}, SUM(r.female)
      FROM activities a JOIN activity_reach r${NI(d)} ON r.activity_id = a.id GROUP BY 1, 2`,
  },
  {
    id: 'q5', name: 'target group × year, national, male reached',
    body: { measure: 'male', rows: ['targetGroup'], columns: ['year'], filters: ALL, asOf: AS_OF },
    nr: 1, nc: 1,
    sql: (d) => `SELECT r.target_group_code, ${PERIOD[d].year}, SUM(r.male)
      FROM activities a JOIN activity_reach r${NI(d)} ON r.activity_id = a.id GROUP BY 1, 2`,
  },
  {
    id: 'q6', name: 'funding source × year, cost (VND)',
    body: { measure: 'cost', rows: ['fundingSource'], columns: ['year'], filters: ALL, asOf: AS_OF },
    nr: 1, nc: 1,
    sql: (d) => `SELECT c.funding_source_code, ${PERIOD[d].year}, SUM(c.amount)
      FROM activities a JOIN activity_costs c${NI(d)} ON c.activity_id = a.id GROUP BY 1, 2`,
  },
  {
    id: 'q7', name: 'output kind × half-year, output quantity',
    body: { measure: 'output', rows: ['outputKind'], columns: ['half'], filters: ALL, asOf: AS_OF },
    nr: 1, nc: 1,
    sql: (d) => `SELECT o.output_kind_code, ${PERIOD[d].half}, SUM(o.quantity)
      FROM activities a JOIN activity_outputs o${NI(d)} ON o.activity_id = a.id GROUP BY 1, 2`,
  },
  {
    id: 'q8', name: 'province × intervention-type group, 2024 Q2, activities',
    body: { measure: 'activities', rows: ['province'], columns: ['typeGroup'], filters: { from: '2024-04-01', to: '2024-06-30' }, asOf: AS_OF },
    nr: 1, nc: 1,
    sql: () => `SELECT u.parent_code, t.grp, COUNT(*)
      FROM activities a JOIN org_units u ON u.id = a.org_unit_id JOIN intervention_types t ON t.code = a.intervention_type_code
      WHERE a.start_date BETWEEN '2024-04-01' AND '2024-06-30' GROUP BY 1, 2`,
  },
];

const SEP = '\u241f';

/** SQL rows (keys..., value) → Map "r0␟r1|c0␟c1" → Number, zero and null values dropped. */
export function fromSqlRows(q, rows) {
  const m = new Map();
  for (const row of rows) {
    const v = row[q.nr + q.nc] == null ? 0 : Number(row[q.nr + q.nc]);
    if (v === 0) continue;
    const k = row.slice(0, q.nr).map(String).join(SEP) + '|' + row.slice(q.nr, q.nr + q.nc).map(String).join(SEP);
    m.set(k, (m.get(k) ?? 0) + v);
  }
  return m;
}

/** API answer → the same Map, zero and null cells dropped. */
export function fromApi(ans) {
  const m = new Map();
  ans.rowKeys.forEach((rk, i) => ans.columnKeys.forEach((ck, j) => {
    const v = ans.cells[i][j];
    if (v == null || v === 0) return;
    m.set(rk.map(String).join(SEP) + '|' + ck.map(String).join(SEP), Number(v));
  }));
  return m;
}

/** Differences between two answers (at most `limit` listed). */
export function diff(a, b, limit = 5) {
  const out = [];
  for (const [k, v] of a) if (b.get(k) !== v) out.push(`${k}: ${v} vs ${b.get(k)}`);
  for (const [k, v] of b) if (!a.has(k)) out.push(`${k}: ${a.get(k)} vs ${v}`);
  return { count: out.length, first: out.slice(0, limit) };
}

export function total(m) { let s = 0; for (const v of m.values()) s += v; return s; }
