#!/usr/bin/env node
// The issue-6 pivot benchmark: every query of queries.mjs on every engine given, in the same run on
// the same data; answers checked equal cell by cell (exit 1 on the first difference).
//
//   node bench.mjs [--sqlite DB] [--pg-socket DIR --pg-port N --pg-db NAME] [--duckdb FILE]
//                  [--api URL [--via-sql]] [--api-before URL [--api-before-pid PID]] [--api-pg URL] [--runs 5] [--only q1,q3] [--out FILE.json]
//
// Engines: sqlite (hand SQL on one long-lived read-only connection, sqlite_worker.py), pg (hand
// SQL, node-postgres), duckdb (hand SQL, @duckdb/node-api on a database file made by
// load_duckdb.mjs), engine (POST /api/analytics/pivot of a running server, signed in as admin),
// engine-sql (the same with ?via=sql: the server's own SQL on its SQLite database), engine-sql-pg
// (?via=sql of a second server running on the PostgreSQL database).
// Per query: one warm-up run of every engine (answers compared), then --runs rounds in which every
// engine runs once, in turn (the machine's noise hits all alike); the median of the rounds is
// reported, in ms of wall time as the client sees it (HTTP round trip included for the server).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QUERIES, fromSqlRows, fromApi, diff, total } from './queries.mjs';
import { login, pivot } from './api.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = {};
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
  const next = process.argv[i + 1];
  if (next === undefined || next.startsWith('--')) args[a.slice(2)] = true; else { args[a.slice(2)] = next; i++; }
}
const RUNS = Number(args.runs ?? 5);
// An engine whose warm-up of a query took more than --slow-ms (default 15 s) runs that query
// --slow-runs times (default 3) instead of --runs: SQLite needs minutes per query on a loaded machine.
const SLOW_MS = Number(args['slow-ms'] ?? 15000), SLOW_RUNS = Number(args['slow-runs'] ?? 3);
const only = args.only ? new Set(String(args.only).split(',')) : null;
// CPU time of a process, all its threads (ns, from the scheduler): the machine is shared, so wall
// times carry other people's load; CPU time does not (much).
export function cpuNs(pid) {
  let t = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try { t += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]); } catch { /* thread gone */ }
  }
  return t;
}
const withCpu = async (pid, f) => { const c0 = cpuNs(pid); const r = await f(); r.cpuMs = (cpuNs(pid) - c0) / 1e6; return r; };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };

async function sqliteEngine(db) {
  const p = spawn('python3', [join(HERE, 'sqlite_worker.py'), db], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: p.stdout })[Symbol.asyncIterator]();
  const next = async () => { const r = await lines.next(); if (r.done) throw new Error('sqlite worker died'); return JSON.parse(r.value); };
  const hello = await next();
  return {
    name: 'sqlite', label: `SQLite ${hello.version} (SQL)`,
    async run(q) {
      return withCpu(p.pid, async () => {
        p.stdin.write(JSON.stringify({ sql: q.sql('sqlite') }) + '\n');
        const r = await next();
        return { ms: r.ms, answer: fromSqlRows(q, r.rows) };
      });
    },
    close() { p.stdin.end(); },
  };
}

async function pgEngine() {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ host: args['pg-socket'], port: Number(args['pg-port']), database: args['pg-db'], user: args['pg-user'] ?? 'postgres' });
  await c.connect();
  const v = (await c.query('SHOW server_version')).rows[0].server_version;
  const backend = (await c.query('SELECT pg_backend_pid() AS p')).rows[0].p; // parallel workers not counted
  return {
    name: 'pg', label: `PostgreSQL ${v} (SQL)`,
    async run(q) {
      return withCpu(backend, async () => {
        const t = performance.now();
        const r = await c.query({ text: q.sql('pg'), rowMode: 'array' });
        return { ms: performance.now() - t, answer: fromSqlRows(q, r.rows) };
      });
    },
    close() { return c.end(); },
  };
}

async function duckEngine(file) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const c = await inst.connect();
  const v = (await c.runAndReadAll('SELECT version()')).getRows()[0][0];
  const threads = (await c.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
  return {
    name: 'duckdb', label: `DuckDB ${v} (${threads} threads)`,
    async run(q) {
      return withCpu(process.pid, async () => { // DuckDB runs in this process (its 2 threads + node's)
        const t = performance.now();
        const r = await c.runAndReadAll(q.sql('duckdb'));
        const rows = r.getRows();
        return { ms: performance.now() - t, answer: fromSqlRows(q, rows) };
      });
    },
    close() { c.closeSync?.(); },
  };
}

async function apiEngine(name, label, base, via, pid) {
  const auth = await login(base);
  for (let t0 = performance.now(); ;) { // the engine may still be loading its facts
    try { await pivot(base, auth, QUERIES[0].body, via); break; } catch (e) {
      if (performance.now() - t0 > 600_000) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    name, label,
    async run(q) {
      const c0 = pid ? cpuNs(pid) : 0;
      const { ms, ans } = await pivot(base, auth, q.body, via);
      const cpuMs = pid ? (cpuNs(pid) - c0) / 1e6 : undefined; // the server's threads (HTTP + engine)
      return { ms, cpuMs, serverMs: ans.elapsedMs, facts: ans.facts, engine: ans.engine, answer: fromApi(ans) };
    },
    close() {},
  };
}

const engines = [];
if (args.sqlite) engines.push(await sqliteEngine(args.sqlite));
if (args['pg-db']) engines.push(await pgEngine());
if (args.duckdb) engines.push(await duckEngine(args.duckdb));
if (args.api) {
  engines.push(await apiEngine('engine', 'this engine (HTTP API)', args.api, '', Number(args['api-pid'] || 0)));
  if (args['via-sql']) engines.push(await apiEngine('engine-sql', 'API ?via=sql (SQLite)', args.api, '?via=sql', Number(args['api-pid'] || 0)));
}
// --api-before URL [--api-before-pid PID]: a second server of the same data running an older
// binary (issue 20: the engine before and after a change, measured in the same rounds).
if (args['api-before']) engines.push(await apiEngine('engine-before', 'the engine before (older binary)', args['api-before'], '', Number(args['api-before-pid'] || 0)));
if (args['api-pg']) engines.push(await apiEngine('engine-sql-pg', 'API ?via=sql (PostgreSQL)', args['api-pg'], '?via=sql', 0));
if (!engines.length) { console.error('no engine given'); process.exit(2); }
console.log(`engines: ${engines.map((e) => e.label).join('; ')}; ${RUNS} runs after 1 warm-up`);

const results = [];
let failed = false;
for (const q of QUERIES) {
  if (only && !only.has(q.id)) continue;
  const res = { id: q.id, name: q.name, body: q.body, times: {}, cpu: {}, serverMs: {}, warmupMs: {}, cells: 0, total: 0 };
  let ref = null;
  for (const e of engines) { // warm-up, and the answers compared
    const r = await e.run(q);
    res.times[e.name] = []; res.cpu[e.name] = []; res.warmupMs[e.name] = r.ms;
    if (r.serverMs !== undefined) { res.serverMs[e.name] = []; res.facts = r.facts; }
    if (!ref) { ref = { e, m: r.answer }; res.cells = r.answer.size; res.total = total(r.answer); continue; }
    const d = diff(ref.m, r.answer);
    if (d.count) {
      console.error(`MISMATCH ${q.id} (${q.name}): ${ref.e.name} vs ${e.name}: ${d.count} cells differ, e.g.\n  ${d.first.join('\n  ')}`);
      failed = true;
    }
  }
  if (failed) break;
  for (let i = 0; i < RUNS; i++) {
    for (const e of engines) {
      if (i >= SLOW_RUNS && res.warmupMs[e.name] > SLOW_MS) continue;
      const r = await e.run(q);
      res.times[e.name].push(r.ms);
      if (r.cpuMs !== undefined) res.cpu[e.name].push(r.cpuMs);
      if (r.serverMs !== undefined) res.serverMs[e.name].push(r.serverMs);
    }
  }
  res.median = Object.fromEntries(Object.entries(res.times).map(([k, v]) => [k, median(v)]));
  res.cpuMedian = Object.fromEntries(Object.entries(res.cpu).filter(([, v]) => v.length).map(([k, v]) => [k, median(v)]));
  res.runs = Object.fromEntries(Object.entries(res.times).map(([k, v]) => [k, v.length]));
  res.serverMedian = Object.fromEntries(Object.entries(res.serverMs).map(([k, v]) => [k, median(v)]));
  results.push(res);
  console.log(`${q.id} ${q.name}: ${res.cells} non-zero cells, total ${res.total.toLocaleString('en')}, answers equal on ${engines.length} engines; medians ` +
    engines.map((e) => `${e.name} ${res.median[e.name].toFixed(1)} ms (cpu ${res.cpuMedian[e.name]?.toFixed(1) ?? '?'}, n=${res.runs[e.name]})`).join(', ') +
    (Object.keys(res.serverMedian).length ? ` (server-side: ${Object.entries(res.serverMedian).map(([k, v]) => `${k} ${Number(v).toFixed(2)} ms`).join(', ')})` : ''));
}
for (const e of engines) await e.close();
if (args.out) writeFileSync(args.out, JSON.stringify({ date: new Date().toISOString(), runs: RUNS, engines: engines.map((e) => ({ name: e.name, label: e.label })), results }, null, 1));
if (failed) { console.error('FAILED: the engines disagree'); process.exit(1); }

// The table of medians and the ratios against SQLite and DuckDB.
const has = (n) => engines.some((e) => e.name === n);
const cols = engines.map((e) => e.name);
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
console.log(`\n| query | ${cols.map((c) => `${c} ms`).join(' | ')}${has('engine') && has('sqlite') ? ' | SQLite ÷ engine' : ''}${has('engine') && has('duckdb') ? ' | engine ÷ DuckDB' : ''} |`);
console.log(`| --- | ${cols.map(() => '---:').join(' | ')}${has('engine') && has('sqlite') ? ' | ---:' : ''}${has('engine') && has('duckdb') ? ' | ---:' : ''} |`);
for (const r of results) {
  let line = `| ${r.id} ${r.name} | ${cols.map((c) => fmt(r.median[c])).join(' | ')}`;
  if (has('engine') && has('sqlite')) line += ` | ${(r.median.sqlite / r.median.engine).toFixed(0)}×`;
  if (has('engine') && has('duckdb')) line += ` | ${(r.median.engine / r.median.duckdb).toFixed(2)}`;
  console.log(line + ' |');
}
console.log(`\nCPU time (ms, median): | query | ${cols.join(' | ')} |`);
for (const r of results) console.log(`| ${r.id} | ${cols.map((c) => (r.cpuMedian[c] === undefined ? '–' : fmt(r.cpuMedian[c]))).join(' | ')} |`);
