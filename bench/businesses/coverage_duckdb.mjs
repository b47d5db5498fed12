#!/usr/bin/env node
// The coverage pivot (operating businesses of each commune of Gia Lai inspected at least once in
// 2026, final records only) by this server's engine vs DuckDB on the same data, round-robin in one
// run with GET /hello as the baseline (docs/BENCHMARKS.md "Service businesses").
//
//   node bench/businesses/coverage_duckdb.mjs SQLITE_FILE [BIN] [RUNS]
//
// DuckDB (@duckdb/node-api from bench/analytics: `cd bench/analytics && npm ci`) reads the
// businesses, the final inspections and the units from the SQLite file through CSV exports
// (sqlite3 CLI), in memory, 2 threads. The answers are compared commune by commune (operating,
// inspected, coverage %) before timing. Facts are all on units valid today (no lineage mapping,
// which favours DuckDB's hand-written SQL).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../analytics/package.json'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));
const [db, bin = join(here, '../../build/longghep'), runsArg = '15'] = process.argv.slice(2);
const RUNS = Number(runsArg);

const dir = mkdtempSync(join(tmpdir(), 'lg-cov-'));
const exp = (name, sql) => execFileSync('sh', ['-c', `sqlite3 -header -csv '${db}' "${sql}" > '${dir}/${name}.csv'`]);
exp('b', 'SELECT id, commune_unit_id, type_code, status FROM businesses');
exp('i', "SELECT business_id, commune_unit_id, inspected_on, status FROM inspections WHERE inspected_on BETWEEN '2026-01-01' AND '2026-12-31'");
exp('u', "SELECT id, code FROM org_units WHERE kind = 'commune' AND parent_code = '52' AND valid_from <= '2026-12-04' AND valid_to >= '2026-12-04'");
const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
const c = await inst.connect();
await c.run(`CREATE TABLE b AS SELECT * FROM read_csv('${dir}/b.csv', header = true)`);
await c.run(`CREATE TABLE i AS SELECT business_id::BIGINT AS business_id, commune_unit_id::BIGINT AS commune_unit_id, inspected_on::DATE AS inspected_on, status::VARCHAR AS status FROM read_csv('${dir}/i.csv', header = true)`);
await c.run(`CREATE TABLE u AS SELECT id::BIGINT AS id, code::VARCHAR AS code FROM read_csv('${dir}/u.csv', header = true, all_varchar = true)`);
const SQL = `WITH op AS (SELECT b.id, u.code FROM b JOIN u ON u.id = b.commune_unit_id WHERE b.status = 'operating'),
  seen AS (SELECT DISTINCT business_id FROM i WHERE status = 'final' AND inspected_on BETWEEN DATE '2026-01-01' AND DATE '2026-12-31')
  SELECT op.code, COUNT(*) AS operating, COUNT(seen.business_id) AS inspected,
         round(100.0 * COUNT(seen.business_id) / COUNT(*), 1) AS pct
  FROM op LEFT JOIN seen ON seen.business_id = op.id GROUP BY op.code ORDER BY op.code`;

const port = await new Promise((res) => { const s = createServer().listen(0, () => { const p = s.address().port; s.close(() => res(p)); }); });
const srv = spawn(bin, ['serve', '--bench-routes', '--db', `sqlite://${db}`, '--port', String(port), '--web-root', '/nonexistent'],
  { env: { ...process.env, LONGGHEP_LOG_LEVEL: 'warn' }, stdio: 'ignore' });
const base = `http://127.0.0.1:${port}`;
try {
  for (let k = 0; k < 600; k++) { try { if ((await fetch(`${base}/readyz`)).ok) break; } catch { /* starting */ } await new Promise((r) => setTimeout(r, 100)); }
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'tinh.gialai', password: 'Demo@2026' }) });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const csrf = (await login.json()).csrfToken;
  const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
  const body = JSON.stringify({ measure: 'coverage_pct', rows: ['commune'], filters: { orgUnit: '52', from: '2026-01-01', to: '2026-12-31' } });
  const engine = async () => { const r = await fetch(`${base}/api/analytics/inspections/pivot`, { method: 'POST', headers, body }); if (!r.ok) throw new Error(await r.text()); return r.json(); };
  const figures = async () => { const r = await fetch(`${base}/api/inspection-figures?orgUnit=52&year=2026`, { headers }); if (!r.ok) throw new Error(await r.text()); return r.json(); };
  const hello = async () => (await fetch(`${base}/hello`)).text();
  const duck = async () => (await c.runAndReadAll(SQL)).getRowObjects();
  // the answers, commune by commune
  const e = await engine(), f = await figures(), d = await duck();
  const want = new Map(d.map((r) => [r.code, Number(r.pct)]));
  let same = 0;
  e.rowKeys.forEach((k, j) => { if (want.has(k[0]) && want.get(k[0]) === e.cells[j][0]) same++; });
  const fig = new Map(f.units.map((u) => [u.orgUnit.code, u.coveragePct]));
  const sameFig = [...want].filter(([k, v]) => fig.get(k) === v).length;
  console.log(`communes: duckdb ${want.size}, engine rows ${e.rowKeys.length} (${same} equal), figures units ${f.units.length} (${sameFig} equal); facts ${e.facts}`);
  const t = { hello: [], engine: [], figures: [], duckdb: [] };
  const time = async (k, fn) => { const t0 = performance.now(); await fn(); t[k].push(performance.now() - t0); };
  for (let r = 0; r < RUNS; r++) { await time('hello', hello); await time('engine', engine); await time('figures', figures); await time('duckdb', duck); }
  const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  const h = med(t.hello);
  console.log(`${RUNS} rounds, medians (ms) and ratio to /hello:`);
  for (const [k, label] of [['hello', 'GET /hello'], ['engine', 'POST /api/analytics/inspections/pivot coverage × commune'],
    ['figures', 'GET /api/inspection-figures?orgUnit=52 (all figures, per commune)'], ['duckdb', 'DuckDB, same coverage × commune (in process)']])
    console.log(`${label.padEnd(66)} ${med(t[k]).toFixed(2).padStart(9)} ${(med(t[k]) / h).toFixed(1).padStart(8)}x`);
} finally {
  srv.kill();
  rmSync(dir, { recursive: true, force: true });
}
