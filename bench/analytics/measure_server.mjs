#!/usr/bin/env node
// Start-up and memory of the server with the analytics engine:
//   node measure_server.mjs BIN DBURL [--out FILE.json]
// Starts `BIN serve` on a free port and measures: time from spawn to /readyz 200, and to the first
// pivot answered 200 (POST /api/analytics/pivot, province × year of activities, signed in as admin;
// retried every 50 ms while the server answers anything else); then VmRSS and VmHWM of the server
// (/proc/PID/status) and GET /api/analytics/meta (the engine's own accounting, if it has any).
// Stops the server (SIGTERM) before it exits.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { login, pivot } from './api.mjs';

const [bin, db] = process.argv.slice(2);
const outIdx = process.argv.indexOf('--out');
const port = await new Promise((res) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
const base = `http://127.0.0.1:${port}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const status = (pid) => Object.fromEntries(readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').filter((l) => /^Vm(RSS|HWM):/.test(l)).map((l) => [l.split(':')[0], Number(l.split(/\s+/)[1])]));

const t0 = performance.now();
const srv = spawn(bin, ['serve', '--db', db, '--port', String(port), '--web-root', '/nonexistent'], {
  env: { ...process.env, LONGGHEP_LOG_LEVEL: process.env.LONGGHEP_LOG_LEVEL ?? 'info' }, stdio: ['ignore', 'ignore', 'pipe'],
});
let log = '';
srv.stderr.on('data', (d) => { log += d; });
srv.on('exit', (code) => { if (code !== null && code !== 0) { console.error(`server exited ${code}\n${log.slice(-2000)}`); process.exit(1); } });
const out = { db, bin };
try {
  for (;;) {
    try { const r = await fetch(`${base}/readyz`); if (r.status === 200) break; } catch { /* not listening yet */ }
    if (performance.now() - t0 > 600_000) throw new Error('no /readyz in 600 s');
    await sleep(20);
  }
  out.readyzMs = performance.now() - t0;
  const auth = await login(base);
  const body = { measure: 'activities', rows: ['province'], columns: ['year'], filters: {}, asOf: '2026-12-01' };
  for (;;) {
    try { const r = await pivot(base, auth, body); out.facts = r.ans.facts; out.firstPivotServerMs = r.ans.elapsedMs; out.firstPivotTotal = r.ans.total; break; } catch (e) {
      out.lastError = String(e.message).slice(0, 200);
      if (performance.now() - t0 > 600_000) throw new Error(`no pivot in 600 s: ${out.lastError}`);
      await sleep(50);
    }
  }
  out.firstPivotMs = performance.now() - t0;
  delete out.lastError;
  Object.assign(out, status(srv.pid));
  const m = await fetch(`${base}/api/analytics/meta`, { headers: { cookie: auth.cookie } });
  if (m.status === 200) {
    const meta = await m.json();
    const acct = {};
    for (const [k, v] of Object.entries(meta)) if (typeof v === 'number' || (v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number'))) acct[k] = v;
    out.metaNumbers = acct; // whatever numeric accounting the engine exposes (facts, bytes, ...)
  } else out.metaStatus = m.status;
  out.logLines = log.split('\n').filter((l) => /analytic|fact|engine/i.test(l)).slice(-10);
} finally {
  srv.kill('SIGTERM');
  await new Promise((r) => srv.once('exit', r));
}
console.log(JSON.stringify(out));
if (outIdx > 0) writeFileSync(process.argv[outIdx + 1], JSON.stringify(out, null, 1));
