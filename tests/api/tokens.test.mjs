// API tokens (issue 21 §1): machine access without a clerk's password. A token acts as its owner,
// within the owner's scope, with at most the permissions chosen at creation (and only those the
// owner still holds), only its methods, only from its address ranges, until it expires or is
// revoked. The secret is shown once; only its hash is stored. Every use is logged; changes made
// with a token are audited as the owner, marked with the token.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

import { DB_KIND, KIND, assertError, assertStatus, http, login, startServer, todayVN, uniq } from './harness.mjs';

const run = promisify(execFile);

describe(`API tokens ${KIND}`, () => {
  let server, admin, tinh, tinhDN;
  before(async () => {
    server = await startServer();
    admin = await login(server.base, 'admin');
    tinh = await login(server.base, 'tinh.gialai');
    tinhDN = await login(server.base, 'tinh.dongnai');
  });
  after(async () => { await server?.stop(); });

  const bearer = (secret) => ({ authorization: `Bearer ${secret}` });
  const call = (secret, method, path, body, headers = {}) =>
    http(server.base, method, path, { body, headers: { ...bearer(secret), ...headers } });

  async function sql(query) {
    if (DB_KIND === 'sqlite') {
      const { stdout } = await run('sqlite3', [server.url.replace('sqlite://', ''), query]);
      return stdout;
    }
    const { stdout } = await run('psql', [server.url, '-tAc', query]);
    return stdout;
  }

  async function token(client, body) {
    return assertStatus(await client.post('/api/tokens', { name: uniq('Hệ thống Bộ '), days: 30, methods: ['GET'], ...body }), 201);
  }

  async function userId(username) {
    const res = assertStatus(await admin.get(`/api/users?q=${encodeURIComponent(username)}`), 200);
    return res.items.find((u) => u.username === username).id;
  }

  test('created once with its secret; listed without it; only its hash is stored', async () => {
    const t = await token(tinh, { name: 'Kho dữ liệu Bộ', permissions: ['hierarchy.read', 'users.read'] });
    assert.match(t.secret, /^lg_[A-Za-z0-9_-]{43}$/);
    assert.equal(t.prefix, t.secret.slice(3, 11));
    assert.equal(t.status, 'active');
    assert.deepEqual(t.permissions, ['hierarchy.read', 'users.read']);
    assert.deepEqual(t.methods, ['GET']);
    assert.equal(t.username, 'tinh.gialai');
    const days = (Date.parse(t.expiresAt) - Date.now()) / 86400e3;
    assert.ok(days > 29.9 && days <= 30, `expires in 30 days: ${t.expiresAt}`);
    const list = assertStatus(await tinh.get('/api/tokens'), 200);
    const row = list.items.find((x) => x.id === t.id);
    assert.ok(row && !('secret' in row));
    assert.ok(!JSON.stringify(list).includes(t.secret));
    // another user does not see it
    assert.ok(!assertStatus(await tinhDN.get('/api/tokens'), 200).items.some((x) => x.id === t.id));
    // the database holds the SHA-256, never the secret (nor in the audit trail)
    const hash = createHash('sha256').update(t.secret).digest('hex');
    assert.equal((await sql(`SELECT secret_hash FROM api_tokens WHERE id = ${t.id}`)).trim(), hash);
    if (DB_KIND === 'sqlite') {
      const file = server.url.replace('sqlite://', '');
      for (const f of [file, `${file}-wal`])
        if (existsSync(f)) assert.ok(!readFileSync(f).includes(Buffer.from(t.secret)), `${f} does not contain the secret`);
    } else {
      const dump = await sql('SELECT t::text FROM api_tokens t UNION ALL SELECT a::text FROM audit_log a');
      assert.ok(!dump.includes(t.secret));
    }
    const audit = assertStatus(await admin.get(`/api/audit?entity=api_token&entityId=${t.id}`), 200);
    assert.equal(audit.items.length, 1);
    assert.equal(audit.items[0].action, 'create');
    assert.equal(audit.items[0].after.prefix, t.prefix);
    assert.ok(!JSON.stringify(audit).includes(t.secret));
  });

  test('a Bearer call is the owner, in the owner\'s scope', async () => {
    const t = await token(tinh, { permissions: ['hierarchy.read', 'users.read'] });
    const me = assertStatus(await call(t.secret, 'GET', '/api/me'), 200);
    assert.equal(me.username, 'tinh.gialai');
    const users = assertStatus(await call(t.secret, 'GET', '/api/users?pageSize=500'), 200);
    const byCookie = assertStatus(await tinh.get('/api/users?pageSize=500'), 200);
    assert.deepEqual(users.items.map((u) => u.id).sort(), byCookie.items.map((u) => u.id).sort());
    assert.ok(!users.items.some((u) => u.username === 'tinh.dongnai'));
    // another province's user: 404 as for the owner
    const dn = await userId('tinh.dongnai');
    assertError(await tinh.get(`/api/users/${dn}`), 404, 'not_found');
    assertError(await call(t.secret, 'GET', `/api/users/${dn}`), 404, 'not_found');
    assertStatus(await call(t.secret, 'GET', `/api/users/${await userId('xa.gialai')}`), 200);
  });

  test('only the token\'s permissions: 403 where the owner passes', async () => {
    const t = await token(tinh, { permissions: ['hierarchy.read'] });
    assertStatus(await tinh.get('/api/users'), 200);
    assertError(await call(t.secret, 'GET', '/api/users'), 403, 'forbidden');
    assertStatus(await tinh.get('/api/plans'), 200);
    assertError(await call(t.secret, 'GET', '/api/plans'), 403, 'forbidden');
    assertStatus(await call(t.secret, 'GET', '/api/org-units'), 200);
  });

  test('creation: permissions the owner holds, methods, ranges, expiry; errors name the field', async () => {
    const before = (await sql('SELECT COUNT(*) FROM api_tokens')).trim();
    let e = assertError(await tinh.post('/api/tokens', { name: 'x', days: 10, permissions: ['hierarchy.read', 'system.manage', 'hierarchy.manage'] }),
      400, 'validation_failed', 'permissions');
    assert.match(e.messageEn, /system\.manage/);
    assert.match(e.message, /system\.manage/);
    assertError(await tinh.post('/api/tokens', { name: 'x', days: 10, permissions: ['no.such'] }), 400, 'validation_failed', 'permissions');
    assertError(await tinh.post('/api/tokens', { name: 'x', days: 10, permissions: [] }), 400, 'validation_failed', 'permissions');
    assertError(await tinh.post('/api/tokens', { name: '', days: 10, permissions: ['hierarchy.read'] }), 400, 'validation_failed', 'name');
    assertError(await tinh.post('/api/tokens', { name: 'x', days: 10, permissions: ['hierarchy.read'], methods: ['PATCH'] }), 400, 'validation_failed', 'methods');
    assertError(await tinh.post('/api/tokens', { name: 'x', days: 10, permissions: ['hierarchy.read'], addressRanges: ['10.0.0.1/8'] }),
      400, 'validation_failed', 'addressRanges');
    assertError(await tinh.post('/api/tokens', { name: 'x', days: 10, permissions: ['hierarchy.read'], addressRanges: ['300.1.1.1'] }),
      400, 'validation_failed', 'addressRanges');
    assertError(await tinh.post('/api/tokens', { name: 'x', permissions: ['hierarchy.read'] }), 400, 'validation_failed', 'expiresAt');
    assertError(await tinh.post('/api/tokens', { name: 'x', days: 366, permissions: ['hierarchy.read'] }), 400, 'validation_failed', 'days');
    const yesterday = new Date(Date.now() - 2 * 86400e3).toISOString().slice(0, 10);
    e = assertError(await tinh.post('/api/tokens', { name: 'x', expiresAt: yesterday, permissions: ['hierarchy.read'] }), 400, 'validation_failed', 'expiresAt');
    assert.match(e.messageEn, /future/);
    const far = new Date(Date.now() + 400 * 86400e3).toISOString().slice(0, 10);
    assertError(await tinh.post('/api/tokens', { name: 'x', expiresAt: far, permissions: ['hierarchy.read'] }), 400, 'validation_failed', 'expiresAt');
    // commune officers and viewers hold no tokens.create
    for (const u of ['xa.gialai', 'xem.gialai']) {
      const c = await login(server.base, u);
      assertError(await c.post('/api/tokens', { name: 'x', days: 10, permissions: ['hierarchy.read'] }), 403, 'forbidden');
      assertStatus(await c.get('/api/tokens'), 200);
    }
    assert.equal((await sql('SELECT COUNT(*) FROM api_tokens')).trim(), before, 'nothing written');
    // a date: valid to the end of that day in Vietnam; IPv6 and bare addresses are ranges
    const t = await token(tinh, { name: 'y', days: undefined, expiresAt: todayVN(), permissions: ['hierarchy.read'],
      addressRanges: ['2001:db8::/32', '127.0.0.1', '192.168.1.0/24'] });
    assert.deepEqual(t.addressRanges, ['2001:db8:0:0:0:0:0:0/32', '127.0.0.1/32', '192.168.1.0/24']);
    assert.equal(new Date(Date.parse(t.expiresAt) + 7 * 3600e3).toISOString().slice(0, 19), `${todayVN()}T23:59:59`);
  });

  test('methods: a GET-only token cannot POST', async () => {
    const t = await token(tinh, { permissions: ['agencies.read', 'agencies.manage'], methods: ['GET'] });
    assertStatus(await call(t.secret, 'GET', '/api/agencies'), 200);
    const e = assertError(await call(t.secret, 'POST', '/api/agencies', { name: 'CQ', shortName: 'CQ', kind: 'so', orgUnitCode: '52', orgUnitAsOf: todayVN() }),
      403, 'token_method_not_allowed');
    assert.match(e.message, /POST/);
  });

  test('address ranges: 127.0.0.1/32 allowed, 10.0.0.0/8 refused', async () => {
    const ok = await token(tinh, { permissions: ['hierarchy.read'], addressRanges: ['127.0.0.1/32'] });
    assertStatus(await call(ok.secret, 'GET', '/api/org-units'), 200);
    const no = await token(tinh, { permissions: ['hierarchy.read'], addressRanges: ['10.0.0.0/8', '2001:db8::/32'] });
    const e = assertError(await call(no.secret, 'GET', '/api/org-units'), 403, 'token_address_not_allowed');
    assert.match(e.messageEn, /127\.0\.0\.1/);
  });

  test('expiry: a token whose lifetime passes is refused with token_expired', async () => {
    const t = await token(tinh, { days: undefined, expiresInSeconds: 2, permissions: ['hierarchy.read'] });
    assertStatus(await call(t.secret, 'GET', '/api/org-units'), 200);
    await new Promise((r) => setTimeout(r, 2600));
    const e = assertError(await call(t.secret, 'GET', '/api/org-units'), 401, 'token_expired');
    assert.match(e.message, /hết hạn/);
    const row = assertStatus(await tinh.get('/api/tokens'), 200).items.find((x) => x.id === t.id);
    assert.equal(row.status, 'expired');
  });

  test('revocation takes effect at once; idempotent; audited once', async () => {
    const t = await token(tinh, { permissions: ['hierarchy.read'] });
    assertStatus(await call(t.secret, 'GET', '/api/org-units'), 200);  // cached now
    const r = assertStatus(await tinh.post(`/api/tokens/${t.id}/revoke`, {}), 200);
    assert.equal(r.status, 'revoked');
    assert.equal(r.revokedBy, 'tinh.gialai');
    const e = assertError(await call(t.secret, 'GET', '/api/org-units'), 401, 'token_revoked');
    assert.match(e.message, /thu hồi/);
    assertStatus(await tinh.post(`/api/tokens/${t.id}/revoke`, {}), 200);
    const audit = assertStatus(await admin.get(`/api/audit?entity=api_token&entityId=${t.id}`), 200);
    assert.deepEqual(audit.items.map((a) => a.action), ['update', 'create']);
    assert.ok(audit.items[0].after.revokedAt);
    // another province cannot see or revoke it (404); the admin can act on it
    assertError(await tinhDN.post(`/api/tokens/${t.id}/revoke`, {}), 404, 'not_found');
    assertError(await tinhDN.get(`/api/tokens/${t.id}/uses`), 404, 'not_found');
    assertStatus(await admin.get(`/api/tokens/${t.id}/uses`), 200);
    // unknown and malformed tokens
    assertError(await call(`lg_${'A'.repeat(43)}`, 'GET', '/api/org-units'), 401, 'token_invalid');
    assertError(await call('nonsense', 'GET', '/api/org-units'), 401, 'token_invalid');
    // another scheme (a reverse proxy's Basic sign-in) is not a token: the cookie decides
    assertError(await http(server.base, 'GET', '/api/org-units', { headers: { authorization: 'Basic eDp5' } }), 401, 'unauthenticated');
    assertStatus(await tinh.get('/api/org-units', { headers: { authorization: 'Basic eDp5' } }), 200);
  });

  test('CSRF: a cookie POST needs X-CSRF-Token, a Bearer POST does not; Bearer wins over a cookie', async () => {
    const body = () => ({ name: uniq('Cơ quan token '), shortName: 'CQT', kind: 'so', orgUnitCode: '52', orgUnitAsOf: todayVN() });
    assertError(await tinh.post('/api/agencies', body(), { csrf: false }), 403, 'csrf_failed');
    const t = await token(tinh, { name: 'Nhập liệu', permissions: ['agencies.read', 'agencies.manage'], methods: ['GET', 'POST', 'PUT'] });
    const created = assertStatus(await call(t.secret, 'POST', '/api/agencies', body()), 201);
    // the change is the owner's, marked with the token
    const audit = assertStatus(await admin.get(`/api/audit?entity=agency&entityId=${created.id}`), 200);
    assert.equal(audit.items[0].username, 'tinh.gialai');
    assert.deepEqual(audit.items[0].token, { id: t.id, name: 'Nhập liệu' });
    const byCookie = assertStatus(await tinh.post('/api/agencies', body()), 201);
    assert.equal(assertStatus(await admin.get(`/api/audit?entity=agency&entityId=${byCookie.id}`), 200).items[0].token, null);
    // both: the Bearer token decides (a viewer's cookie beside it changes nothing), no CSRF asked
    const xem = await login(server.base, 'xem.gialai');
    assertStatus(await call(t.secret, 'POST', '/api/agencies', body(), { cookie: xem.cookie }), 201);
    const ro = await token(tinh, { permissions: ['hierarchy.read'] });
    assertError(await call(ro.secret, 'GET', '/api/users', undefined, { cookie: tinh.cookie }), 403, 'forbidden');
    // uses logged (also the refused one), last use kept
    assertError(await call(t.secret, 'DELETE', '/api/allocation-decisions/999999'), 403, 'token_method_not_allowed');
    const uses = assertStatus(await tinh.get(`/api/tokens/${t.id}/uses`), 200).items;
    assert.ok(uses.length >= 3);
    assert.deepEqual({ method: uses[0].method, path: uses[0].path, ip: uses[0].ip }, { method: 'DELETE', path: '/api/allocation-decisions/999999', ip: '127.0.0.1' });
    assert.equal(uses[0].status, 403);
    assert.ok(uses.some((u) => u.method === 'POST' && u.status === 201));
    const row = assertStatus(await tinh.get('/api/tokens'), 200).items.find((x) => x.id === t.id);
    assert.equal(row.lastUsedIp, '127.0.0.1');
    assert.ok(row.lastUsedAt);
  });

  test('a token cannot manage tokens, change passwords or sign in/out', async () => {
    const t = await token(admin, { permissions: ['tokens.create', 'users.manage', 'users.read'], methods: ['GET', 'POST', 'PUT', 'DELETE'] });
    for (const [m, p, b] of [['POST', '/api/tokens', { name: 'x', days: 1, permissions: ['users.read'] }], ['GET', '/api/tokens'],
      ['POST', `/api/tokens/${t.id}/revoke`, {}], ['GET', `/api/tokens/${t.id}/uses`],
      ['POST', '/api/me/password', { currentPassword: 'x', newPassword: 'Another1234' }], ['POST', '/api/auth/logout', {}],
      ['POST', '/api/auth/login', { username: 'admin', password: 'Demo@2026' }],
      ['POST', `/api/users/${await userId('xem.gialai')}/reset-password`, { newPassword: 'Reset12345' }]]) {
      const e = assertError(await call(t.secret, m, p, b), 403, 'token_not_allowed');
      assert.match(e.message, /mã truy cập/);
    }
    assertStatus(await call(t.secret, 'GET', '/api/users'), 200);
  });

  test('an administrator\'s token for a service account; the owner\'s changes reach the token', async () => {
    const username = uniq('svc.');
    const svc = assertStatus(await admin.post('/api/users', { username, fullName: 'Tài khoản hệ thống Bộ', password: 'First1234',
      orgUnitCode: '52', orgUnitAsOf: todayVN(), roles: ['province_lead_officer'] }), 201);
    // must change its password first: a token of it is refused until then
    const early = assertStatus(await admin.post('/api/tokens', { name: 'Bộ kéo số liệu', userId: svc.id, days: 90, permissions: ['users.read'] }), 201);
    assertError(await call(early.secret, 'GET', '/api/users'), 401, 'token_invalid');
    const c = await login(server.base, username, 'First1234');
    assertStatus(await c.post('/api/me/password', { currentPassword: 'First1234', newPassword: 'Second1234' }), 204);
    // the target owner's permissions bound the token, not the creator's
    assertError(await admin.post('/api/tokens', { name: 'x', userId: svc.id, days: 90, permissions: ['system.manage'] }), 400, 'validation_failed', 'permissions');
    // another province's administrator cannot (404), a province officer of the same province can
    assertError(await tinhDN.post('/api/tokens', { name: 'x', userId: svc.id, days: 9, permissions: ['users.read'] }), 404, 'not_found');
    assertError(await tinhDN.get(`/api/tokens?user=${svc.id}`), 404, 'not_found');
    const t = assertStatus(await tinh.post('/api/tokens', { name: 'Bộ kéo số liệu', userId: svc.id, days: 90, permissions: ['users.read', 'hierarchy.read'] }), 201);
    assert.equal(t.username, username);
    assert.equal(t.createdBy, 'tinh.gialai');
    assert.ok(assertStatus(await admin.get(`/api/tokens?user=${svc.id}`), 200).items.some((x) => x.id === t.id));
    assertStatus(await call(t.secret, 'GET', '/api/users'), 200);
    assertStatus(await call(early.secret, 'GET', '/api/users'), 200);
    // the owner loses users.read: so does the token, at once
    const cur = assertStatus(await admin.get(`/api/users/${svc.id}`), 200);
    assertStatus(await admin.put(`/api/users/${svc.id}`, { fullName: cur.fullName, email: cur.email, orgUnitCode: '52', roles: ['viewer'],
      active: true, version: cur.version }), 200);
    assertError(await call(t.secret, 'GET', '/api/users'), 403, 'forbidden');
    assertStatus(await call(t.secret, 'GET', '/api/org-units'), 200);
    // the owner is disabled: 401
    const cur2 = assertStatus(await admin.get(`/api/users/${svc.id}`), 200);
    assertStatus(await admin.put(`/api/users/${svc.id}`, { fullName: cur2.fullName, email: cur2.email, orgUnitCode: '52', roles: ['viewer'],
      active: false, version: cur2.version }), 200);
    const e = assertError(await call(t.secret, 'GET', '/api/org-units'), 401, 'token_invalid');
    assert.match(e.messageEn, /disabled/);
  });
});
