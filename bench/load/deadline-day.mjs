// The deadline day (issue 11): N virtual users, each one browser-like keep-alive connection with
// its own session, 0.5–1.5 s think time, a 70/30 read/write mix over dashboards (pivots), report
// compiles and drafts, activity lists, activity entry and report submission — while M idle
// keep-alive connections and S slow clients (headers trickled, never finished) stay open and a
// probe measures /healthz. Afterwards every write that got a 2xx is read back and checked.
//
//   node bench/load/deadline-day.mjs --base http://127.0.0.1:8080 [--users 300] [--seconds 180]
//        [--idle 2000] [--slow 200] [--out result.json]
//
// Virtual users come from 16 loopback addresses (127.0.0.10–25: offices behind their own
// addresses), idle connections from 127.0.1.x, slow clients from 127.0.2.x, so per-address limits
// apply as they would in the field. Exit code 0 only when every target of the issue is met.
import http from 'node:http';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const BASE = new URL(args.base || 'http://127.0.0.1:8080');
const USERS = Number(args.users || 300);
const SECONDS = Number(args.seconds || 180);
const IDLE = Number(args.idle ?? 2000);
const SLOW = Number(args.slow ?? 200);
const PASSWORD = 'Tai@2026load';
const FIRST_PASSWORD = 'Dau@2026load';  // given by the administrator, changed at first sign-in
const TODAY = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);  // the day in Vietnam
const ADMIN_PASSWORD = args.adminPassword || 'Demo@2026';
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()));

const log = (...m) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...m);

// ----- one request on a given agent -----
function request(agent, method, path, { cookie, csrf, body, timeoutMs = 30_000 } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const headers = { host: BASE.host };
    if (cookie) headers.cookie = cookie;
    if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    if (data) { headers['content-type'] = 'application/json'; headers['content-length'] = data.length; }
    const req = http.request({ host: BASE.hostname, port: BASE.port, method, path, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        if ((res.headers['content-type'] || '').includes('json') && text) { try { json = JSON.parse(text); } catch { /* */ } }
        resolve({ status: res.statusCode, headers: res.headers, json, text, ms: performance.now() - t0 });
      });
      res.on('error', (e) => resolve({ status: 0, error: e.code || e.message, ms: performance.now() - t0 }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (e) => resolve({ status: 0, error: e.code || e.message, ms: performance.now() - t0 }));
    if (data) req.write(data);
    req.end();
  });
}

const agentFor = (localAddress) => new http.Agent({ keepAlive: true, maxSockets: 1, localAddress });

async function login(agent, username, password) {
  for (let attempt = 0; attempt < 20; ++attempt) {
    const r = await request(agent, 'POST', '/api/auth/login', { body: { username, password } });
    if (r.status === 200) {
      const m = /lg_session=([0-9a-f]+)/.exec(String(r.headers['set-cookie'] || ''));
      return { cookie: `lg_session=${m[1]}`, csrf: r.json.csrfToken };
    }
    if (r.status === 503 || r.status === 429) { await sleep(1000 * Number(r.headers?.['retry-after'] || 1)); continue; }
    throw new Error(`login ${username}: ${r.status} ${r.text || r.error}`);
  }
  throw new Error(`login ${username}: still busy`);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ----- statistics -----
const stats = {
  read: [], write: [], status: {}, resets: 0, timeouts: 0, otherErrors: 0, fiveXX: [], unexpected4xx: [],
  byOp: {}, servedUsers: new Set(), health: [],
};
function record(vu, op, kind, r, okStatuses) {
  stats.status[r.status] = (stats.status[r.status] || 0) + 1;
  const o = (stats.byOp[op] ??= { n: 0, ok: 0, ms: [] });
  o.n++;
  if (r.status === 0) {
    if (r.error === 'ECONNRESET' || r.error === 'EPIPE') stats.resets++;
    else if (r.error === 'ETIMEDOUT') stats.timeouts++;
    else stats.otherErrors++;
    return false;
  }
  (kind === 'read' ? stats.read : stats.write).push(r.ms);
  o.ms.push(r.ms);
  if (r.status >= 500) { stats.fiveXX.push(`${op} ${r.status} ${r.text?.slice(0, 160)}`); return false; }
  if (!okStatuses.includes(r.status)) {
    if (stats.unexpected4xx.length < 50) stats.unexpected4xx.push(`${op} ${r.status} ${r.text?.slice(0, 200)}`);
    return false;
  }
  o.ok++;
  stats.servedUsers.add(vu.i);
  return true;
}
const pct = (xs, p) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

// ----- setup: units, agencies, users -----
async function setup() {
  const agent = agentFor('127.0.0.9');
  const admin = await login(agent, 'admin', ADMIN_PASSWORD);
  const communes = [];
  for (const p of ['52', '75']) {
    const r = await request(agent, 'GET', `/api/org-units?parent=${p}`, admin);
    for (const u of r.json.items) if (u.kind === 'commune') communes.push({ code: u.code, province: p });
  }
  if (!communes.length) throw new Error('no communes under 52 and 75: is this the demo database?');
  const ag = await request(agent, 'GET', '/api/agencies?pageSize=200', admin);
  const live = ag.json.items.filter((a) => a.validTo === null);
  const lead = live.find((a) => a.key === 'gl-hlhpn') || live[0];
  const per = await request(agent, 'GET', `/api/report-periods?form=bc_6thang&year=${YEAR}`, admin);
  const period = per.json?.current || `${YEAR}-H2`;
  // Users: commune officers (90%) and province lead officers (10%), created once per database.
  const existing = new Set();
  for (let page = 1; ; ++page) {
    const r = await request(agent, 'GET', `/api/users?pageSize=200&page=${page}&q=load`, admin);
    for (const u of r.json?.items || []) existing.add(u.username);
    if (!r.json || r.json.items.length < 200) break;
  }
  const vus = [];
  for (let i = 0; i < USERS; ++i) {
    const province = i % 10 === 9;
    const c = communes[i % communes.length];
    vus.push({
      i, username: `load${String(i).padStart(4, '0')}`, province,
      unit: province ? c.province : c.code,
      reporter: !province && i < communes.length,  // one reporter per commune
      addr: `127.0.0.${10 + (i % 16)}`,
    });
  }
  const todo = vus.filter((v) => !existing.has(v.username));
  log(`setup: ${communes.length} communes, period ${period}, lead agency ${lead.id}; creating ${todo.length} users`);
  let next = 0;
  await Promise.all(Array.from({ length: 3 }, async () => {
    while (next < todo.length) {
      const v = todo[next++];
      for (;;) {
        // Today's unit of the code (a code may name an older unit too: orgUnitAsOf says which).
        const r = await request(agent, 'POST', '/api/users', {
          ...admin,
          body: { username: v.username, fullName: `Cán bộ thử tải ${v.i}`, password: FIRST_PASSWORD, orgUnitCode: v.unit,
                  orgUnitAsOf: TODAY, roles: [v.province ? 'province_lead_officer' : 'commune_officer'] },
        });
        if (r.status === 201 || r.status === 200) {
          // A new account must change its password before anything else (as a user does at first sign-in).
          const first = await login(agent, v.username, FIRST_PASSWORD);
          const c = await request(agent, 'POST', '/api/me/password',
            { ...first, body: { currentPassword: FIRST_PASSWORD, newPassword: PASSWORD } });
          if (c.status !== 204) throw new Error(`first password change of ${v.username}: ${c.status} ${c.text}`);
          break;
        }
        if (r.status === 503 || r.status === 429) { await sleep(500); continue; }
        throw new Error(`create user ${v.username}: ${r.status} ${r.text}`);
      }
    }
  }));
  return { admin, adminAgent: agent, vus, lead: lead.id, period };
}

// ----- background: idle keep-alive connections, slow clients, the health probe -----
function idleConnections(n, stopAt) {
  const socks = [];
  let open = 0, failed = 0;
  const ping = (s) => s.write(`GET /healthz HTTP/1.1\r\nHost: ${BASE.host}\r\n\r\n`);
  for (let i = 0; i < n; ++i) {
    const s = net.connect({ host: BASE.hostname, port: Number(BASE.port), localAddress: `127.0.1.${1 + (i % 8)}` });
    s.on('connect', () => { open++; ping(s); });
    s.on('data', () => {});
    s.on('error', () => { failed++; });
    s.on('close', () => { open--; });
    socks.push(s);
  }
  const keep = setInterval(() => { for (const s of socks) if (!s.destroyed) ping(s); }, 20_000);
  return { stop: () => { clearInterval(keep); for (const s of socks) s.destroy(); }, counts: () => ({ open, failed }) };
}

function slowClients(n, stopAt) {
  let live = 0, cut = 0, stopped = false;
  const socks = new Set();
  const one = (i) => {
    if (stopped || Date.now() > stopAt) return;
    const s = net.connect({ host: BASE.hostname, port: Number(BASE.port), localAddress: `127.0.2.${1 + (i % 8)}` });
    socks.add(s);
    let timer;
    s.on('connect', () => {
      live++;
      s.write(`GET /healthz HTTP/1.1\r\nHost: ${BASE.host}\r\nX-Slow: `);
      timer = setInterval(() => s.write('a'), 1000);  // a byte a second, headers never end
    });
    s.on('error', () => {});
    s.on('close', () => {
      clearInterval(timer);
      socks.delete(s);
      live = Math.max(0, live - 1);
      cut++;
      setTimeout(() => one(i), 100);  // come back: the server must keep shedding
    });
  };
  for (let i = 0; i < n; ++i) one(i);
  return { stop: () => { stopped = true; for (const s of socks) s.destroy(); }, counts: () => ({ live, cut }) };
}

// In a process of its own (bench/load/probe.mjs): its latencies are the server's, not this event loop's.
function healthProbe(stopAt) {
  return new Promise((resolve) => {
    const seconds = Math.max(1, Math.round((stopAt - Date.now()) / 1000));
    const child = spawn(process.execPath, [new URL('./probe.mjs', import.meta.url).pathname, BASE.href, String(seconds)],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('exit', () => {
      try { stats.health.push(...JSON.parse(out)); } catch { stats.health.push(10_000); }
      resolve();
    });
  });
}

// ----- a virtual user -----
async function virtualUser(vu, ctx, stopAt, written) {
  await sleep(Math.random() * 1500);  // users do not start in lockstep
  const mine = [];  // own activities: {id, version}
  let reportSubmitted = false, report = null;
  const s = { cookie: vu.cookie, csrf: vu.csrf };
  const activity = (extra = {}) => ({
    title: `Tuyên truyền phòng ngừa mại dâm ${vu.username} ${Date.now()}`,
    interventionTypeCode: 'community_sessions', orgUnitCode: vu.unit, leadAgencyId: ctx.lead,
    partnerAgencyIds: [], programmeIds: [], planActivityId: null,
    startDate: `${YEAR}-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`,
    endDate: `${YEAR}-10-28`,
    reach: [{ targetGroup: 'sex_workers', total: 20, female: 15, male: 5 }, { targetGroup: 'students', total: 40 }],
    outputs: [{ kind: 'sessions', quantity: 1 }],
    costs: [{ fundingSource: 'commune_budget', amount: 2_000_000 }],
    note: '',
    ...extra,
  });
  while (Date.now() < stopAt) {
    await sleep(500 + Math.random() * 1000);
    if (Date.now() >= stopAt) break;
    const roll = Math.random();
    if (vu.province) {  // province: dashboards, compiles, lists (read-only in this mix)
      if (roll < 0.4) record(vu, 'pivot', 'read', await request(vu.agent, 'POST', '/api/analytics/pivot',
        { ...s, body: { measure: 'reached', rows: ['commune'], columns: ['targetGroup'], filters: { orgUnit: vu.unit } } }), [200]);
      else if (roll < 0.7) record(vu, 'compile', 'read', await request(vu.agent, 'GET',
        `/api/reports/compile?form=bc_6thang&period=${ctx.period}&orgUnit=${vu.unit}`, s), [200]);
      else record(vu, 'list', 'read', await request(vu.agent, 'GET', `/api/activities?pageSize=50&orgUnit=${vu.unit}`, s), [200]);
      continue;
    }
    if (roll < 0.70) {  // reads
      const r2 = Math.random();
      if (r2 < 0.3) record(vu, 'pivot', 'read', await request(vu.agent, 'POST', '/api/analytics/pivot',
        { ...s, body: { measure: 'activities', rows: ['type'], filters: { from: `${YEAR}-01-01` } } }), [200]);
      else if (r2 < 0.6) record(vu, 'list', 'read', await request(vu.agent, 'GET', '/api/activities?pageSize=50', s), [200]);
      else if (r2 < 0.8) record(vu, 'report', 'read', await request(vu.agent, 'GET',
        `/api/reports/current?form=bc_6thang&period=${ctx.period}&orgUnit=${vu.unit}`, s), [200]);
      else if (mine.length) record(vu, 'activity', 'read', await request(vu.agent, 'GET', `/api/activities/${mine[mine.length - 1].id}`, s), [200]);
      else record(vu, 'reminders', 'read', await request(vu.agent, 'GET', '/api/reports/reminders', s), [200]);
      continue;
    }
    // writes
    const w = Math.random();
    if (vu.reporter && !reportSubmitted && w < 0.35) {
      const values = { results: `Kết quả ${Date.now()}`, difficulties: 'Kinh phí hạn chế', proposals: '', budget_allocated: 100_000_000 };
      const body = { form: 'bc_6thang', period: ctx.period, orgUnitCode: vu.unit, values };
      if (report) body.version = report.version;
      const r = await request(vu.agent, 'PUT', '/api/reports', { ...s, body });
      if (record(vu, 'report_draft', 'write', r, [200])) {
        report = r.json;
        written.reports.set(vu.unit, { id: r.json.id, results: values.results, status: 'draft' });
        if (w < 0.07) {
          const sub = await request(vu.agent, 'POST', `/api/reports/${report.id}/submit`, { ...s, body: {} });
          if (record(vu, 'report_submit', 'write', sub, [200])) {
            reportSubmitted = true;
            written.reports.set(vu.unit, { id: report.id, results: values.results, status: 'submitted' });
          }
        }
      }
    } else if (mine.length && w < 0.45) {
      const a = mine[Math.floor(Math.random() * mine.length)];
      const r = await request(vu.agent, 'PUT', `/api/activities/${a.id}`,
        { ...s, body: { ...activity({ reach: [{ targetGroup: 'students', total: 10 + Math.floor(Math.random() * 50) }] }), version: a.version } });
      if (record(vu, 'activity_update', 'write', r, [200])) {
        a.version = r.json.version;
        written.activities.set(a.id, { version: a.version, reached: r.json.reachedTotal });
      }
    } else {
      const r = await request(vu.agent, 'POST', '/api/activities', { ...s, body: activity() });
      if (record(vu, 'activity_create', 'write', r, [201])) {
        mine.push({ id: r.json.id, version: r.json.version });
        written.activities.set(r.json.id, { version: r.json.version, reached: r.json.reachedTotal });
      }
    }
  }
  vu.agent.destroy();
}

// ----- verification: every 2xx write is there -----
async function verify(ctx, written) {
  const agent = agentFor('127.0.0.9');
  const admin = await login(agent, 'admin', ADMIN_PASSWORD);
  const missing = [];
  const ids = [...written.activities.entries()];
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    const a2 = agentFor('127.0.0.9');
    while (next < ids.length) {
      const [id, want] = ids[next++];
      let r;
      for (;;) {  // the per-address rate limit applies to the checker too: wait as told
        r = await request(a2, 'GET', `/api/activities/${id}`, admin);
        if (r.status !== 429 && r.status !== 503) break;
        await sleep(1000 * Number(r.headers['retry-after'] || 1));
      }
      if (r.status !== 200 || r.json.version !== want.version || r.json.reachedTotal !== want.reached)
        missing.push(`activity ${id}: ${r.status} v${r.json?.version} (want v${want.version})`);
    }
    a2.destroy();
  }));
  for (const [unit, want] of written.reports) {
    let r;
    for (;;) {
      r = await request(agent, 'GET', `/api/reports/current?form=bc_6thang&period=${ctx.period}&orgUnit=${unit}`, admin);
      if (r.status !== 429 && r.status !== 503) break;
      await sleep(1000 * Number(r.headers['retry-after'] || 1));
    }
    if (r.status !== 200 || r.json.values?.results !== want.results || (want.status === 'submitted' && r.json.status !== 'submitted'))
      missing.push(`report ${unit}: ${r.status} ${r.json?.status} ${r.json?.values?.results} (want ${want.status} ${want.results})`);
  }
  agent.destroy();
  return { checked: ids.length + written.reports.size, missing };
}

// ----- main -----
const ctx = await setup();
// The morning: every user signs in (argon2id; the server hashes at most 2 at a time and answers
// 503/429 with Retry-After beyond, which login() honours). Timed apart from the measured phase —
// sign-ins are a few per user per day, the working requests are the deadline day.
const loginStart = Date.now();
const loginMs = [];
{
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < ctx.vus.length) {
      const vu = ctx.vus[next++];
      vu.agent = agentFor(vu.addr);
      const t = performance.now();
      Object.assign(vu, await login(vu.agent, vu.username, PASSWORD));
      loginMs.push(performance.now() - t);
    }
  }));
}
log(`sign-in: ${USERS} users in ${((Date.now() - loginStart) / 1000).toFixed(1)} s, p50 ${pct(loginMs, 50).toFixed(0)} ms, p99 ${pct(loginMs, 99).toFixed(0)} ms`);
const t0 = Date.now();
const stopAt = t0 + SECONDS * 1000;
log(`load: ${USERS} users for ${SECONDS} s, ${IDLE} idle connections, ${SLOW} slow clients`);
const idle = idleConnections(IDLE, stopAt);
const slow = slowClients(SLOW, stopAt);
const written = { activities: new Map(), reports: new Map() };
const ticker = setInterval(() => {
  log(`t+${Math.round((Date.now() - t0) / 1000)} s: ${stats.read.length} reads, ${stats.write.length} writes, ` +
      `served ${stats.servedUsers.size}/${USERS}, 5xx ${stats.fiveXX.length}, resets ${stats.resets}, ` +
      `idle ${JSON.stringify(idle.counts())}, slow ${JSON.stringify(slow.counts())}`);
}, 15_000);
const vuErrors = [];
await Promise.all([
  healthProbe(stopAt),
  ...ctx.vus.map((vu) => virtualUser(vu, ctx, stopAt, written).catch((e) => vuErrors.push(`${vu.username}: ${e.message}`))),
]);
clearInterval(ticker);
const idleAtEnd = idle.counts();
idle.stop();
slow.stop();
const slowCounts = slow.counts();
log('verifying writes');
const v = await verify(ctx, written);

const summary = {
  users: USERS, seconds: SECONDS, loginSeconds: (t0 - loginStart) / 1000, loginP50: pct(loginMs, 50), loginP99: pct(loginMs, 99), idleConnections: IDLE, idleOpenAtEnd: idleAtEnd.open, slowClients: SLOW,
  slowClientsCut: slowCounts.cut,
  servedUsers: stats.servedUsers.size, vuErrors: vuErrors.slice(0, 10),
  reads: stats.read.length, writes: stats.write.length,
  readP50: pct(stats.read, 50), readP99: pct(stats.read, 99), writeP50: pct(stats.write, 50), writeP99: pct(stats.write, 99),
  healthP99: pct(stats.health, 99), healthN: stats.health.length,
  fiveXX: stats.fiveXX.length, fiveXXSample: stats.fiveXX.slice(0, 10), resets: stats.resets, timeouts: stats.timeouts,
  otherErrors: stats.otherErrors, unexpected4xx: stats.unexpected4xx.slice(0, 10), status: stats.status,
  byOp: Object.fromEntries(Object.entries(stats.byOp).map(([k, o]) => [k, { n: o.n, ok: o.ok, p50: pct(o.ms, 50), p99: pct(o.ms, 99) }])),
  writesChecked: v.checked, writesMissing: v.missing.length, writesMissingSample: v.missing.slice(0, 10),
};
const targets = {
  'every user served': summary.servedUsers === USERS && vuErrors.length === 0,
  'zero 5xx': summary.fiveXX === 0,
  'zero resets': summary.resets === 0 && summary.timeouts === 0 && summary.otherErrors === 0,
  'read p99 < 200 ms': summary.readP99 < 200,
  'write p99 < 500 ms': summary.writeP99 < 500,
  '/healthz p99 < 50 ms with slow clients': summary.healthP99 < 50,
  'idle connections held': IDLE === 0 || idleAtEnd.open >= IDLE * 0.99,
  'every 2xx write present': summary.writesMissing === 0,
};
summary.targets = targets;
if (args.out) writeFileSync(args.out, JSON.stringify(summary, null, 2));
const f = (x) => `${x.toFixed(1)} ms`;
console.log(`deadline day: ${USERS} users × ${SECONDS} s; ${summary.reads} reads (p50 ${f(summary.readP50)}, p99 ${f(summary.readP99)}), ` +
  `${summary.writes} writes (p50 ${f(summary.writeP50)}, p99 ${f(summary.writeP99)}); /healthz p99 ${f(summary.healthP99)}; ` +
  `served ${summary.servedUsers}/${USERS}; 5xx ${summary.fiveXX}; resets ${summary.resets}; idle open ${idleAtEnd.open}/${IDLE}; ` +
  `slow clients cut ${slowCounts.cut}; writes checked ${v.checked}, missing ${v.missing.length}`);
for (const [op, o] of Object.entries(summary.byOp)) console.log(`  ${op.padEnd(16)} n=${o.n} ok=${o.ok} p50=${f(o.p50)} p99=${f(o.p99)}`);
if (summary.unexpected4xx.length) console.log('  unexpected 4xx:', summary.unexpected4xx.slice(0, 5));
if (summary.fiveXXSample.length) console.log('  5xx:', summary.fiveXXSample.slice(0, 5));
let failed = 0;
for (const [t, ok] of Object.entries(targets)) { console.log(`  ${ok ? 'MET   ' : 'MISSED'} ${t}`); if (!ok) failed++; }
process.exit(failed ? 1 : 0);
