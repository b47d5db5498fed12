// Chaos: the deadline-day deadlock (issue 11). Two server processes on one database, each with
// a pool of only 2 connections and many more workers, take concurrent activity writes (create,
// update, delete), engine reads (pivots, report compiles) and each other's catch-ups for a
// bounded time. Every request must be answered (no hang) with 2xx, 409 or 503 busy + Retry-After
// — never another 5xx; afterwards both engines must agree with SQL, and both servers must stop
// on SIGTERM within 10 s.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertStatus, loginAll, startServer, todayVN, uniq } from '../api/harness.mjs';

const SECONDS = Number(process.env.CHAOS_SECONDS || 20);
const ENV = { LONGGHEP_DB_POOL: '2', LONGGHEP_DB_LEASE_TIMEOUT_MS: '1500', LONGGHEP_THREADS: '24', LONGGHEP_LOG_LEVEL: 'warn' };
const REQUEST_TIMEOUT_MS = 20_000;  // a request unanswered this long is a hang

describe(`chaos: writers, engine readers and catch-ups on two processes ${KIND}`, () => {
  let A, B, SA, SB, agencies;

  before(async () => {
    A = await startServer({ env: ENV });
    B = await startServer({ env: ENV, shareWith: A });
    SA = await loginAll(A.base, ['admin', 'xa.gialai', 'tinh.gialai', 'bo']);
    SB = await loginAll(B.base, ['admin', 'xa.gialai', 'tinh.gialai', 'bo']);
    const list = assertStatus(await SA.admin.get('/api/agencies?pageSize=200'), 200);
    const byKey = Object.fromEntries((list.items ?? list).map((a) => [a.key, a.id]));
    agencies = { lead: byKey['gl-ubnd-quynhon'], partner: byKey['gl-hlhpn'] };
    assert.ok(agencies.lead && agencies.partner, 'demo agencies found');
  });
  after(async () => {
    await B?.stop();
    await A?.stop();
  });

  const input = (extra = {}) => ({
    title: `Hoạt động thử tải ${uniq()}`,
    interventionTypeCode: 'community_sessions', orgUnitCode: '21583', leadAgencyId: agencies.lead,
    partnerAgencyIds: [agencies.partner], programmeIds: [], planActivityId: null,
    startDate: '2026-03-10', endDate: '2026-03-12',
    reach: [{ targetGroup: 'sex_workers', total: 30, female: 25, male: 5, ages: { '18_24': 10, '25_34': 20 } }],
    outputs: [{ kind: 'sessions', quantity: 2 }],
    costs: [{ fundingSource: 'commune_budget', amount: 5000000 }],
    note: '',
    ...extra,
  });

  test('bounded chaos: every request answered, only 2xx/409/503 busy, engines equal SQL, SIGTERM < 10 s', async () => {
    const stats = { ok: 0, conflict: 0, busy: 0, bad: [], hung: 0 };
    const live = new Map();  // id → {version, server}: activities that should exist at the end
    const deadline = Date.now() + SECONDS * 1000;

    async function call(client, method, path, body) {
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), REQUEST_TIMEOUT_MS);
      try {
        const headers = { cookie: client.cookie };
        if (method !== 'GET') headers['x-csrf-token'] = client.csrf;
        if (body !== undefined) headers['content-type'] = 'application/json';
        const res = await fetch(client.base + path, {
          method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: ctl.signal,
        });
        const text = await res.text();
        if (res.status === 503) {
          const j = JSON.parse(text);
          assert.equal(j.error.code, 'busy', `503 is busy: ${text}`);
          assert.ok(Number(res.headers.get('retry-after')) > 0, '503 busy carries Retry-After');
          stats.busy++;
        } else if (res.status === 409) stats.conflict++;
        else if (res.status >= 200 && res.status < 300) stats.ok++;
        else stats.bad.push(`${method} ${path} → ${res.status} ${text.slice(0, 200)}`);
        return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
      } catch (e) {
        if (e.name === 'AbortError') stats.hung++;
        else stats.bad.push(`${method} ${path} → ${e.message}`);
        return { status: 0 };
      } finally {
        clearTimeout(timer);
      }
    }

    async function writer(S) {
      const me = S === SA ? 'A' : 'B';
      while (Date.now() < deadline) {
        const r = await call(S['xa.gialai'], 'POST', '/api/activities', input());
        if (r.status !== 201) continue;
        live.set(r.body.id, { version: r.body.version, server: me });
        const roll = Math.random();
        if (roll < 0.4) {
          const u = await call(S['xa.gialai'], 'PUT', `/api/activities/${r.body.id}`,
            { ...input({ reach: [{ targetGroup: 'students', total: 7 }] }), version: r.body.version });
          if (u.status === 200) live.set(r.body.id, { version: u.body.version, server: me });
        } else if (roll < 0.6) {
          const d = await call(S['xa.gialai'], 'DELETE', `/api/activities/${r.body.id}?version=${r.body.version}`);
          if (d.status === 204) live.delete(r.body.id);
        }
      }
    }
    async function reader(S) {
      const year = Number(todayVN().slice(0, 4));
      while (Date.now() < deadline) {
        await call(S.tinh, 'POST', '/api/analytics/pivot', { measure: 'reached', rows: ['province'], columns: ['targetGroup'] });
        await call(S.bo, 'POST', '/api/analytics/pivot', { measure: 'activities', rows: ['type'] });
        await call(S.tinh, 'GET', `/api/activities?pageSize=20`);
        await call(S.tinh, 'GET', `/api/reports/compile?form=bc_6thang&period=${year}-H1&orgUnit=52`);
        await call(S.tinh, 'GET', `/api/indicators/results?year=${year}&orgUnit=52`);
      }
    }
    for (const S of [SA, SB]) S.tinh = S['tinh.gialai'];
    await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => writer(i % 2 ? SB : SA)),
      ...Array.from({ length: 4 }, (_, i) => reader(i % 2 ? SB : SA)),
    ]);
    assert.equal(stats.hung, 0, `requests unanswered for ${REQUEST_TIMEOUT_MS} ms`);
    assert.deepEqual(stats.bad, [], 'only 2xx, 409 and 503 busy');
    console.log(`# chaos stats ${JSON.stringify({ ...stats, bad: stats.bad.length, live: live.size })}`);
    assert.ok(stats.ok > 50, `work got done: ${JSON.stringify({ ...stats, bad: stats.bad.length })}`);

    // Every activity a 2xx said exists is there, on both servers, at its version.
    for (const [id, { version }] of live) {
      for (const S of [SA, SB]) {
        const r = assertStatus(await S.admin.get(`/api/activities/${id}`), 200);
        assert.equal(r.version, version);
      }
    }
    // Both engines converge on what SQL says (within a few catch-up rounds).
    const body = { measure: 'reached', rows: ['province', 'targetGroup'] };
    let last = '';
    for (let i = 0; i < 50; ++i) {
      const sql = assertStatus(await SA.admin.post('/api/analytics/pivot?via=sql', body), 200);
      const ea = assertStatus(await SA.admin.post('/api/analytics/pivot', body), 200);
      const eb = assertStatus(await SB.admin.post('/api/analytics/pivot', body), 200);
      const same = (t) => JSON.stringify([t.rowKeys, t.cells, t.total]);
      if (same(ea) === same(sql) && same(eb) === same(sql)) { last = ''; break; }
      last = `sql ${sql.total} A ${ea.total} B ${eb.total}`;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(last, '', `engines converge on SQL: ${last}`);

    // SIGTERM completes within 10 s on both.
    for (const S of [B, A]) {
      const t0 = Date.now();
      await S.stop();
      assert.ok(Date.now() - t0 < 10_000, `stopped in ${Date.now() - t0} ms`);
    }
    A = B = null;
  });
});
