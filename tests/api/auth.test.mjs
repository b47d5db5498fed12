// Sign-in, sessions, CSRF, throttling, password change, first-run setup and request-body limits
// (docs/API.md, "Conventions" and "Auth and me").
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  DEMO_PASSWORD, KIND, anon, assertError, assertStatus, cli, http, login, startServer, todayVN, tryLogin, uniq,
} from './harness.mjs';

const PUBLIC_API = new Set(['POST /api/auth/login', 'GET /api/setup', 'POST /api/setup', 'GET /api/openapi.json']);

describe(`auth ${KIND}`, () => {
  let server, admin;

  before(async () => {
    server = await startServer();
    admin = await login(server.base, 'admin');
  });
  after(async () => { await server?.stop(); });

  async function createUser(username, password = 'Start1234', extra = {}) {
    const res = await admin.post('/api/users', {
      username, fullName: `Người thử ${username}`, email: `${username}@example.vn`, password,
      orgUnitCode: '52', orgUnitAsOf: todayVN(), roles: ['viewer'], ...extra,
    });
    return assertStatus(res, 201, `create ${username}`);
  }

  test('login sets an HttpOnly SameSite=Strict session cookie and returns Me + csrfToken', async () => {
    const res = await http(server.base, 'POST', '/api/auth/login', { body: { username: 'tinh.gialai', password: DEMO_PASSWORD } });
    assertStatus(res, 200);
    const cookie = res.headers.get('set-cookie');
    assert.ok(cookie, 'Set-Cookie present');
    assert.match(cookie, /^lg_session=[0-9a-f]{64};/);
    assert.match(cookie, /;\s*HttpOnly/i);
    assert.match(cookie, /;\s*SameSite=Strict/i);
    assert.match(cookie, /;\s*Path=\//);
    assert.equal(typeof res.body.csrfToken, 'string');
    assert.ok(res.body.csrfToken.length >= 32);
    const me = res.body.user;
    for (const k of ['id', 'username', 'fullName', 'email', 'orgUnit', 'agency', 'roles', 'permissions', 'mustChangePassword', 'csrfToken'])
      assert.ok(k in me, `Me has ${k}`);
    assert.equal(me.username, 'tinh.gialai');
    assert.equal(me.orgUnit.code, '52');
    assert.equal(me.orgUnit.name, 'Gia Lai');
    assert.equal(me.agency.name, 'Sở Y tế tỉnh Gia Lai');
    assert.deepEqual(me.roles, ['province_lead_officer']);
    assert.deepEqual([...me.permissions].sort(),
      ['activities.read', 'activities.record', 'agencies.manage', 'agencies.read', 'audit.read', 'businesses.read', 'classification.assess', 'classification.check', 'classification.criteria', 'classification.read', 'directives.manage',
        'directives.read', 'hierarchy.read', 'indicators.manage', 'indicators.read', 'inspections.read', 'interop.export', 'money.allocate', 'plans.all_agencies', 'plans.approve', 'plans.edit', 'plans.read',
        'programmes.manage', 'programmes.read', 'reports.read', 'reports.review', 'reports.submit', 'surveys.record',
        'tasks.update', 'tokens.create', 'users.manage', 'users.read']);
    assert.equal(me.mustChangePassword, false);
    assert.ok(!('passwordHash' in me) && !('password_hash' in me) && !JSON.stringify(me).includes('$argon2'));

    // GET /api/me answers the same user and the same CSRF token
    const m = /lg_session=([^;]*)/.exec(cookie)[1];
    const meRes = await http(server.base, 'GET', '/api/me', { headers: { cookie: `lg_session=${m}` } });
    assertStatus(meRes, 200);
    assert.equal(meRes.body.csrfToken, res.body.csrfToken);
    assert.equal(meRes.body.id, me.id);
    assert.equal(meRes.headers.get('cache-control'), 'no-store');
  });

  test('wrong password and unknown user → 401 invalid_credentials (same answer)', async () => {
    const wrong = (await tryLogin(server.base, 'xem.gialai', 'Wrong@2026')).res;
    const e1 = assertError(wrong, 401, 'invalid_credentials', null);
    assert.equal(wrong.headers.get('set-cookie'), null, 'no cookie on failure');
    const unknown = (await tryLogin(server.base, 'nobody.here', DEMO_PASSWORD)).res;
    const e2 = assertError(unknown, 401, 'invalid_credentials', null);
    assert.equal(e1.messageEn, e2.messageEn, 'an unknown user is not told apart from a wrong password');
    // missing fields → 400 naming the field
    assertError(await http(server.base, 'POST', '/api/auth/login', { body: { username: 'admin' } }), 400, 'validation_failed', 'password');
    assertError(await http(server.base, 'POST', '/api/auth/login', { body: { password: 'x' } }), 400, 'validation_failed', 'username');
  });

  test('5 failures → 429 too_many_attempts, even with the right password; per username', async () => {
    const name = uniq('throttle.');
    await createUser(name, 'Right1234');
    for (let i = 1; i <= 5; ++i)
      assertError((await tryLogin(server.base, name, `Wrong${i}xyz`)).res, 401, 'invalid_credentials');
    assertError((await tryLogin(server.base, name, 'Right1234')).res, 429, 'too_many_attempts');
    assertError((await tryLogin(server.base, name, 'Wrong9xyz')).res, 429, 'too_many_attempts');
    // another user is not affected
    const other = uniq('other.');
    await createUser(other, 'Right1234');
    assertStatus((await tryLogin(server.base, other, 'Right1234')).res, 200);
  });

  test('parallel wrong attempts: at most 5 are tried, the rest → 429', async () => {
    const name = uniq('par.');
    await createUser(name, 'Right1234');
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => tryLogin(server.base, name, `Guess${i}xyz`)));
    const statuses = results.map((r) => r.res.status);
    assert.equal(statuses.filter((s) => s === 401).length, 5, statuses.join(' '));
    assert.equal(statuses.filter((s) => s === 429).length, 7, statuses.join(' '));
    assertError((await tryLogin(server.base, name, 'Right1234')).res, 429, 'too_many_attempts');
  });

  test('4 failures then a success clears the window', async () => {
    const name = uniq('window.');
    await createUser(name, 'Right1234');
    for (let i = 0; i < 4; ++i) assertError((await tryLogin(server.base, name, 'nope1234')).res, 401, 'invalid_credentials');
    assertStatus((await tryLogin(server.base, name, 'Right1234')).res, 200);
    for (let i = 0; i < 4; ++i) assertError((await tryLogin(server.base, name, 'nope1234')).res, 401, 'invalid_credentials');
    assertStatus((await tryLogin(server.base, name, 'Right1234')).res, 200);
  });

  test('signed out: every /api route except login, setup and openapi → 401 unauthenticated', async () => {
    const doc = assertStatus(await anon(server.base).get('/api/openapi.json'), 200);
    let checked = 0;
    for (const [pattern, ops] of Object.entries(doc.paths)) {
      if (!pattern.startsWith('/api/')) continue;
      const path = pattern.replace(/\{[^}]+\}/g, '1');
      for (const method of Object.keys(ops)) {
        const key = `${method.toUpperCase()} ${pattern}`;
        if (PUBLIC_API.has(key)) continue;
        for (const cookie of [undefined, 'lg_session=' + 'a'.repeat(64), 'lg_session=short']) {
          const headers = cookie ? { cookie, 'x-csrf-token': 'x' } : {};
          const body = method === 'get' ? undefined : {};
          const res = await http(server.base, method.toUpperCase(), path, { body, headers });
          assertError(res, 401, 'unauthenticated');
          ++checked;
        }
      }
    }
    assert.ok(checked >= 3 * 15, `checked ${checked} route × cookie combinations`);
    // the public ones answer without a session
    assertStatus(await anon(server.base).get('/api/setup'), 200);
    assertStatus(await anon(server.base).get('/api/openapi.json'), 200);
  });

  test('state-changing requests without or with a wrong X-CSRF-Token → 403 csrf_failed, nothing written', async () => {
    const name = uniq('csrf.');
    const body = { username: name, fullName: 'CSRF', password: 'Start1234', orgUnitCode: '52', orgUnitAsOf: todayVN(), roles: ['viewer'] };
    assertError(await admin.post('/api/users', body, { csrf: false }), 403, 'csrf_failed');
    assertError(await admin.post('/api/users', body, { csrf: 'f'.repeat(48) }), 403, 'csrf_failed');
    assertError(await admin.post('/api/users', body, { csrf: '' }), 403, 'csrf_failed');
    // a token of another session of the same user does not work either
    const admin2 = await login(server.base, 'admin');
    assertError(await admin.post('/api/users', body, { csrf: admin2.csrf }), 403, 'csrf_failed');
    const list = assertStatus(await admin.get(`/api/users?q=${name}`), 200);
    assert.equal(list.total, 0, 'no user was created');
    const audit = assertStatus(await admin.get(`/api/audit?entity=user&action=create&pageSize=500`), 200);
    assert.ok(!JSON.stringify(audit.items).includes(name), 'nothing audited');

    // update: version unchanged
    const target = await createUser(uniq('csrfu.'));
    const put = { fullName: 'Changed', orgUnitCode: '52', roles: ['viewer'], version: target.version };
    assertError(await admin.put(`/api/users/${target.id}`, put, { csrf: false }), 403, 'csrf_failed');
    const after = assertStatus(await admin.get(`/api/users/${target.id}`), 200);
    assert.equal(after.version, target.version);
    assert.equal(after.fullName, target.fullName);

    // own password: unchanged
    const victim = uniq('csrfp.');
    await createUser(victim, 'Start1234');
    const v = await login(server.base, victim, 'Start1234');
    assertError(await v.post('/api/me/password', { currentPassword: 'Start1234', newPassword: 'Other5678' }, { csrf: false }), 403, 'csrf_failed');
    await login(server.base, victim, 'Start1234');
    // logout needs the token too
    assertError(await v.post('/api/auth/logout', undefined, { csrf: false }), 403, 'csrf_failed');
    assertStatus(await v.get('/api/me'), 200, 'still signed in');
    // GET does not need it
    assertStatus(await admin.get('/api/me', { csrf: false }), 200);
  });

  test('logout invalidates the session and clears the cookie', async () => {
    const c = await login(server.base, 'xem.gialai');
    assertStatus(await c.get('/api/me'), 200);
    const res = await c.post('/api/auth/logout');
    assertStatus(res, 204);
    assert.equal(res.text, '');
    const cookie = res.headers.get('set-cookie') || '';
    assert.match(cookie, /^lg_session=;/);
    assert.match(cookie, /Max-Age=0/);
    assertError(await c.get('/api/me'), 401, 'unauthenticated');
    assertError(await c.post('/api/auth/logout'), 401, 'unauthenticated');
  });

  test('change password: wrong current, weak new, then success', async () => {
    const name = uniq('pw.');
    const created = await createUser(name, 'Start1234');
    assert.equal(created.mustChangePassword, true, 'a user created by an admin must change the password');
    const c = await login(server.base, name, 'Start1234');
    assert.equal(c.user.mustChangePassword, true);

    assertError(await c.post('/api/me/password', { currentPassword: 'Wrong1234', newPassword: 'Better5678' }), 400, 'validation_failed', 'currentPassword');
    for (const weak of ['short1', 'onlyletters', '12345678', 'abc1234', 'x'.repeat(120) + '1'.repeat(9)])
      assertError(await c.post('/api/me/password', { currentPassword: 'Start1234', newPassword: weak }), 400, 'validation_failed', 'newPassword');
    assertError(await c.post('/api/me/password', { currentPassword: 'Start1234', newPassword: 'Start1234' }), 400, 'validation_failed', 'newPassword');
    assertError(await c.post('/api/me/password', { currentPassword: 'Start1234' }), 400, 'validation_failed', 'newPassword');
    // none of the failures changed it
    await login(server.base, name, 'Start1234');

    const ok = await c.post('/api/me/password', { currentPassword: 'Start1234', newPassword: 'Better5678' });
    assertStatus(ok, 204);
    assertError((await tryLogin(server.base, name, 'Start1234')).res, 401, 'invalid_credentials');
    const again = await login(server.base, name, 'Better5678');
    assert.equal(again.user.mustChangePassword, false, 'flag cleared after changing');
    // the session that changed it still works
    assertStatus(await c.get('/api/me'), 200);
  });

  test('first-run setup: not needed with demo data; POST refused with 409', async () => {
    const s = assertStatus(await anon(server.base).get('/api/setup'), 200);
    assert.deepEqual(s, { needed: false });
    const name = uniq('setup.');
    const res = await anon(server.base).post('/api/setup', { username: name, password: 'Setup1234', fullName: 'Kẻ lạ' });
    assertError(res, 409, 'conflict');
    assertError((await tryLogin(server.base, name, 'Setup1234')).res, 401, 'invalid_credentials');
  });

  test('malformed JSON → 400 invalid_json', async () => {
    for (const raw of ['{"username":', 'not json', '[1,2]', '"str"', '']) {
      const res = await http(server.base, 'POST', '/api/auth/login', { body: raw, raw: true, headers: { 'content-type': 'application/json' } });
      assertError(res, 400, 'invalid_json');
    }
    assertError(await admin.post('/api/users', '{"username": "x",', { raw: true }), 400, 'invalid_json');
    assertError(await admin.put('/api/agencies/1', '{', { raw: true }), 400, 'invalid_json');
  });

  test('a 2 MiB body → 413 payload_too_large; just under 1 MiB is read', async () => {
    const big = JSON.stringify({ username: 'admin', password: 'x', pad: 'a'.repeat(2 << 20) });
    assertError(await http(server.base, 'POST', '/api/auth/login', { body: big, raw: true, headers: { 'content-type': 'application/json' } }),
      413, 'payload_too_large');
    assertError(await admin.post('/api/users', big, { raw: true }), 413, 'payload_too_large');
    // the server still answers on new connections afterwards
    assertStatus(await admin.get('/api/me'), 200);
    const nearly = JSON.stringify({ username: uniq('nobody.'), password: 'x', pad: 'a'.repeat(1000 * 1000) });
    assertError(await http(server.base, 'POST', '/api/auth/login', { body: nearly, raw: true }), 401, 'invalid_credentials');
  });

  test('a deactivated user cannot sign in and loses open sessions', async () => {
    const name = uniq('gone.');
    const u = await createUser(name, 'Start1234');
    const c = await login(server.base, name, 'Start1234');
    assertStatus(await admin.put(`/api/users/${u.id}`, { fullName: u.fullName, orgUnitCode: '52', roles: ['viewer'], active: false, version: u.version }), 200);
    assertError(await c.get('/api/me'), 401, 'unauthenticated');
    assertError((await tryLogin(server.base, name, 'Start1234')).res, 401, 'invalid_credentials');
  });
});

describe(`first-run setup on an empty database ${KIND}`, () => {
  let server;

  before(async () => { server = await startServer({ seed: 'migrate' }); });
  after(async () => { await server?.stop(); });

  test('needed; refused without a root unit; then exactly one of parallel setups wins', async () => {
    const a = anon(server.base);
    assert.deepEqual(assertStatus(await a.get('/api/setup'), 200), { needed: true });
    const e = assertError(await a.post('/api/setup', { username: 'first', password: 'First1234', fullName: 'Người đầu' }), 409, 'conflict');
    assert.match(e.messageEn, /import-units|demo/);
    assert.deepEqual(assertStatus(await a.get('/api/setup'), 200), { needed: true });

    // another process loads a root unit; the server notices within seconds
    const file = join(mkdtempSync(join(tmpdir(), 'lg-csv-')), 'root.csv');
    writeFileSync(file, 'code,name,full_name,kind,type_label,parent_code,valid_from,valid_to\nVN,Việt Nam,Nước Cộng hòa xã hội chủ nghĩa Việt Nam,central,Trung ương,,,\n');
    await cli(['import-units', file, '--db', server.url]);
    const deadline = Date.now() + 10_000;
    let probe;
    do {
      // a weak password: refused by validation once the root exists, so nothing is created while polling
      probe = await a.post('/api/setup', { username: 'probe', password: 'weak', fullName: 'Thăm dò' });
      if (probe.status !== 409) break;
      await new Promise((r) => setTimeout(r, 200));
    } while (Date.now() < deadline);
    assertError(probe, 400, 'validation_failed', 'password');
    assertError(await a.post('/api/setup', { username: 'Bad Name', password: 'First1234', fullName: 'X' }), 400, 'validation_failed', 'username');
    assertError(await a.post('/api/setup', { username: 'first', password: 'First1234' }), 400, 'validation_failed', 'fullName');
    assert.deepEqual(assertStatus(await a.get('/api/setup'), 200), { needed: true });

    const names = ['first.a', 'first.b', 'first.c', 'first.d'];
    const results = await Promise.all(names.map((username) =>
      a.post('/api/setup', { username, password: 'First1234', fullName: 'Quản trị đầu tiên' })));
    const won = results.filter((r) => r.status === 201);
    assert.equal(won.length, 1, results.map((r) => `${r.status} ${r.text.slice(0, 120)}`).join('\n'));
    for (const r of results.filter((x) => x.status !== 201)) assertError(r, 409, 'conflict');
    assert.deepEqual(assertStatus(await a.get('/api/setup'), 200), { needed: false });

    const winner = won[0].body.username;
    const c = await login(server.base, winner, 'First1234');
    assert.deepEqual(c.user.roles, ['system_admin']);
    assert.equal(c.user.orgUnit.code, 'VN');
    assert.equal(c.user.mustChangePassword, false);
    const users = assertStatus(await c.get('/api/users'), 200);
    assert.deepEqual(users.items.map((u) => u.username), [winner], 'exactly one administrator exists');
    for (const n of names.filter((x) => x !== winner))
      assertError((await tryLogin(server.base, n, 'First1234')).res, 401, 'invalid_credentials');
  });
});
