// Two servers on one database (issue 13 §7): a write on server A is seen on server B within 2 s —
// sessions (sign-out, password change, deactivation, role change), the response cache, the
// hierarchy snapshot and the analytics engine. Runs on PostgreSQL and on SQLite (two processes on
// one file). The bounds are documented in docs/ARCHITECTURE.md ("Several servers on one database").
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, KIND, assertError, assertStatus, login, startServer, uniq, todayVN } from './harness.mjs';

const BOUND_MS = 2000;

// The same session (cookie and CSRF token) used against the other server.
const on = (server, c) => new Client(server.base, { cookie: c.cookie, csrf: c.csrf, username: c.username });

// Polls check() until it returns true; fails unless that happens within BOUND_MS of `since`.
async function within(what, since, check) {
  for (;;) {
    const started = Date.now();
    if (await check()) {
      const took = Date.now() - since;
      assert.ok(took <= BOUND_MS + 500, `${what}: seen after ${took} ms`);
      return took;
    }
    assert.ok(started - since <= BOUND_MS, `${what}: not seen on the other server within ${BOUND_MS} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`two servers on one database ${KIND}`, () => {
  let A, B, adminA, adminB;
  before(async () => {
    A = await startServer();
    B = await startServer({ shareWith: A });
    adminA = await login(A.base, 'admin');
    adminB = await login(B.base, 'admin');
  });
  after(async () => {
    await B?.stop();
    await A?.stop();
  });

  // A fresh account with its password already changed (no mustChangePassword).
  async function account(roles = ['viewer']) {
    const username = uniq('hai.');
    const u = assertStatus(await adminA.post('/api/users', { username, fullName: 'Người hai máy', password: 'First1234',
      orgUnitCode: '52', orgUnitAsOf: todayVN(), roles }), 201);
    const c = await login(A.base, username, 'First1234');
    assertStatus(await c.post('/api/me/password', { currentPassword: 'First1234', newPassword: 'Second1234' }), 204);
    return { username, id: u.id, a: c };
  }

  test('sign-out on A ends the session on B', async () => {
    const { a } = await account();
    const b = on(B, a);
    assertStatus(await b.get('/api/org-units?kind=province'), 200);  // cached on B
    assertStatus(await a.post('/api/auth/logout', {}), 204);
    const since = Date.now();
    await within('sign-out', since, async () => (await b.get('/api/org-units?kind=province')).status === 401);
  });

  test('a password change on A ends the other sessions on B; the current one stays', async () => {
    const { username, a } = await account();
    const other = await login(B.base, username, 'Second1234');
    assertStatus(await other.get('/api/me'), 200);
    const sameOnB = on(B, a);
    assertStatus(await sameOnB.get('/api/me'), 200);
    assertStatus(await a.post('/api/me/password', { currentPassword: 'Second1234', newPassword: 'Third12345' }), 204);
    const since = Date.now();
    await within('password change', since, async () => (await other.get('/api/me')).status === 401);
    assertStatus(await sameOnB.get('/api/me'), 200);
  });

  test('deactivation and a role change on A are seen by B', async () => {
    const { id, a } = await account();
    const b = on(B, a);
    assertError(await b.get('/api/users'), 403, 'forbidden');  // viewer: no users.read
    let cur = assertStatus(await adminA.get(`/api/users/${id}`), 200);
    assertStatus(await adminA.put(`/api/users/${id}`, { fullName: cur.fullName, orgUnitCode: '52', roles: ['ministry_officer'],
      active: true, version: cur.version }), 200);
    let since = Date.now();
    await within('role change', since, async () => (await b.get('/api/users')).status === 200);
    cur = assertStatus(await adminA.get(`/api/users/${id}`), 200);
    assertStatus(await adminA.put(`/api/users/${id}`, { fullName: cur.fullName, orgUnitCode: '52', roles: ['ministry_officer'],
      active: false, version: cur.version }), 200);
    since = Date.now();
    await within('deactivation', since, async () => (await b.get('/api/me')).status === 401);
  });

  test('an agency renamed on A is listed renamed by B', async () => {
    const list = assertStatus(await adminB.get('/api/agencies?orgUnit=52&pageSize=200'), 200).items;
    const ag = assertStatus(await adminA.get(`/api/agencies/${list[0].id}`), 200);
    const name = `${ag.name.split(' #')[0]} #${uniq('')}`;
    assertStatus(await adminB.get(`/api/agencies/${ag.id}`), 200);  // cached on B
    assertStatus(await adminA.put(`/api/agencies/${ag.id}`, { name, shortName: ag.shortName, kind: ag.kind, orgUnitCode: ag.orgUnit.code,
      validFrom: ag.validFrom, validTo: ag.validTo, version: ag.version }), 200);
    const since = Date.now();
    await within('agency rename (one)', since, async () => assertStatus(await adminB.get(`/api/agencies/${ag.id}`), 200).name === name);
    await within('agency rename (list)', since, async () =>
      assertStatus(await adminB.get('/api/agencies?orgUnit=52&pageSize=200'), 200).items.some((x) => x.name === name));
  });

  test('a unit renamed on A is in B\'s hierarchy', async () => {
    const u = assertStatus(await adminA.get('/api/org-units/21583'), 200);
    assertStatus(await adminB.get('/api/org-units/21583'), 200);
    const name = `Phường thử ${uniq('')}`;
    const row = [u.code, name, `${name} (đổi tên)`, u.kind, u.typeLabel ?? '', u.parent?.code ?? u.parentCode ?? '',
      u.validFrom ?? '', u.validTo ?? ''].join(',');
    const res = assertStatus(await adminA.post('/api/org-units/import?format=csv',
      `code,name,full_name,kind,type_label,parent_code,valid_from,valid_to\n${row}\n`, { raw: true }), 200);
    assert.equal(res.updated, 1, JSON.stringify(res));
    const since = Date.now();
    await within('unit rename', since, async () => assertStatus(await adminB.get('/api/org-units/21583'), 200).name === name);
  });

  test('an activity recorded on A is in B\'s pivot', async () => {
    const body = { measure: 'activities', rows: ['year'], columns: [], filters: { orgUnit: '52' } };
    const before = assertStatus(await adminB.post('/api/analytics/pivot', body), 200).total;
    const agencies = assertStatus(await adminA.get('/api/agencies?orgUnit=52&pageSize=200'), 200).items;
    assertStatus(await adminA.post('/api/activities', {
      title: `Hoạt động hai máy ${uniq('')}`, interventionTypeCode: 'community_sessions', orgUnitCode: '21583',
      leadAgencyId: agencies[0].id, startDate: '2026-03-10', endDate: '2026-03-10',
      reach: [{ targetGroup: 'sex_workers', total: 30, female: 20, male: 10 }],
      outputs: [{ kind: 'sessions', quantity: 1 }], costs: [{ fundingSource: 'commune_budget', amount: 1000000 }], note: '',
    }), 201);
    const since = Date.now();
    await within('activity in the pivot', since, async () =>
      assertStatus(await adminB.post('/api/analytics/pivot', body), 200).total === before + 1);
  });
});
