// User administration: create, validate, update with optimistic concurrency, reset password,
// deactivate, and the audit trail of every change (docs/API.md, "Users" and "Audit").
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, login, startServer, todayVN, tryLogin, uniq } from './harness.mjs';

describe(`users ${KIND}`, () => {
  let server, admin, tinh;
  const secrets = new Set(); // every plaintext password used here: none may reach the audit log

  before(async () => {
    server = await startServer();
    admin = await login(server.base, 'admin');
    tinh = await login(server.base, 'tinh.gialai');
  });
  after(async () => { await server?.stop(); });

  const valid = (extra = {}) => {
    const username = uniq('u.');
    const password = `Pw${uniq('')}9`;
    secrets.add(password);
    return { username, fullName: 'Nguyễn Thị Thử', email: `${username}@example.vn`, password, orgUnitCode: '52', orgUnitAsOf: todayVN(), roles: ['viewer'], ...extra };
  };

  async function auditOf(id) {
    return (await listAll(admin, `/api/audit?entity=user&entityId=${id}`)).items;
  }

  test('create → 201 User, must change password, audited', async () => {
    const body = valid({ roles: ['commune_officer'], orgUnitCode: '21583' });
    const res = await tinh.post('/api/users', body);
    const u = assertStatus(res, 201);
    for (const k of ['id', 'username', 'fullName', 'email', 'orgUnit', 'agency', 'roles', 'active', 'version', 'createdAt', 'updatedAt'])
      assert.ok(k in u, `User has ${k}`);
    assert.equal(u.username, body.username);
    assert.equal(u.fullName, 'Nguyễn Thị Thử');
    assert.equal(u.email, body.email);
    assert.deepEqual(u.roles, ['commune_officer']);
    assert.equal(u.orgUnit.code, '21583');
    assert.equal(u.orgUnit.name, 'Quy Nhơn');
    assert.equal(u.agency, null);
    assert.equal(u.active, true);
    assert.equal(u.version, 1);
    assert.equal(u.mustChangePassword, true);
    assert.match(u.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(u.createdBy.username, 'tinh.gialai', 'who created the account is recorded (the two-person rule)');
    assert.ok(!JSON.stringify(u).includes(body.password) && !JSON.stringify(u).includes('$argon2'));

    const again = assertStatus(await admin.get(`/api/users/${u.id}`), 200);
    assert.deepEqual(again, u);
    const c = await login(server.base, body.username, body.password);
    assert.equal(c.user.mustChangePassword, true);

    const audit = await auditOf(u.id);
    assert.equal(audit.length, 1);
    const [e] = audit;
    assert.equal(e.action, 'create');
    assert.equal(e.entity, 'user');
    assert.equal(e.entityId, String(u.id));
    assert.equal(e.username, 'tinh.gialai');
    assert.equal(e.orgUnitCode, '21583');
    assert.equal(e.before, null);
    assert.equal(e.after.username, body.username);
    assert.equal(e.after.fullName, body.fullName);
    assert.deepEqual(e.after.roles, ['commune_officer']);
    assert.ok(!('password' in e.after) || !String(e.after.password).includes(body.password));
  });

  test('duplicate username → 409 conflict naming username', async () => {
    const body = valid();
    assertStatus(await admin.post('/api/users', body), 201);
    assertError(await admin.post('/api/users', { ...body, fullName: 'Khác' }), 409, 'conflict', 'username');
    assertError(await admin.post('/api/users', { ...valid(), username: 'admin' }), 409, 'conflict', 'username');
    const list = assertStatus(await admin.get(`/api/users?q=${body.username}`), 200);
    assert.equal(list.total, 1);
  });

  test('parallel creates of one username: one 201, the others 409 conflict (never 500)', async () => {
    const body = valid();
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => admin.post('/api/users', body)));
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409, 409], results.map((r) => `${r.status} ${r.text.slice(0, 120)}`).join('\n'));
    for (const r of results.filter((x) => x.status === 409)) assertError(r, 409, 'conflict', 'username');
    assert.equal(assertStatus(await admin.get(`/api/users?q=${body.username}`), 200).total, 1);
  });

  test('invalid input → 400 naming the field, nothing written', async () => {
    const total = assertStatus(await admin.get('/api/users?pageSize=1'), 200).total;
    const cases = [
      [{ username: 'A' }, 'username'],
      [{ username: 'x' }, 'username'],
      [{ username: 'Upper.Case' }, 'username'],
      [{ username: 'has space' }, 'username'],
      [{ username: 'ngườidùng' }, 'username'],
      [{ username: 'a'.repeat(65) }, 'username'],
      [{ username: undefined }, 'username'],
      [{ username: 42 }, 'username'],
      [{ password: 'short1' }, 'password'],
      [{ password: 'onlyletters' }, 'password'],
      [{ password: '1234567890' }, 'password'],
      [{ password: undefined }, 'password'],
      [{ roles: ['no_such_role'] }, 'roles'],
      [{ roles: [] }, 'roles'],
      [{ roles: 'viewer' }, 'roles'],
      [{ roles: undefined }, 'roles'],
      [{ roles: [1] }, 'roles'],
      [{ orgUnitCode: undefined }, 'orgUnitCode'],
      [{ fullName: '' }, 'fullName'],
      [{ fullName: 'x'.repeat(256) }, 'fullName'],
      [{ email: 'not-an-email' }, 'email'],
      [{ agencyId: 99999999 }, 'agencyId'],
      [{ agencyId: 'one' }, 'agencyId'],
    ];
    for (const [patch, field] of cases) {
      const body = { ...valid(), ...patch };
      assertError(await admin.post('/api/users', body), 400, 'validation_failed', field);
    }
    // unknown or no-longer-current org units
    assertError(await admin.post('/api/users', valid({ orgUnitCode: '99999' })), 400, 'org_unit_not_found', 'orgUnitCode');
    assertError(await admin.post('/api/users', valid({ orgUnitCode: '64' })), 400, 'org_unit_not_found', 'orgUnitCode');
    assertError(await admin.post('/api/users', valid({ orgUnitCode: '540' })), 400, 'org_unit_not_found', 'orgUnitCode');
    assert.equal(assertStatus(await admin.get('/api/users?pageSize=1'), 200).total, total, 'no user created');
  });

  test('update: changes fields, bumps version; a stale version → 409 and nothing changes', async () => {
    const created = assertStatus(await admin.post('/api/users', valid()), 201);
    const upd = { fullName: 'Tên mới', email: 'moi@example.vn', orgUnitCode: '21583', orgUnitAsOf: todayVN(), roles: ['viewer', 'commune_officer'], active: true, version: created.version };
    const u2 = assertStatus(await tinh.put(`/api/users/${created.id}`, { ...upd, username: 'ignored.name' }), 200);
    assert.equal(u2.version, created.version + 1);
    assert.equal(u2.fullName, 'Tên mới');
    assert.equal(u2.email, 'moi@example.vn');
    assert.equal(u2.orgUnit.code, '21583');
    assert.deepEqual([...u2.roles].sort(), ['commune_officer', 'viewer']);
    assert.equal(u2.username, created.username, 'usernames never change');

    // stale: the version we first read
    const stale = await tinh.put(`/api/users/${created.id}`, { ...upd, fullName: 'Ghi đè', roles: ['viewer'], version: created.version });
    assertError(stale, 409, 'conflict');
    const reread = assertStatus(await admin.get(`/api/users/${created.id}`), 200);
    assert.deepEqual(reread, u2, 'nothing changed by the stale update');
    // a version from the future is stale too
    assertError(await tinh.put(`/api/users/${created.id}`, { ...upd, version: u2.version + 5 }), 409, 'conflict');
    assertError(await tinh.put(`/api/users/${created.id}`, { ...upd, version: undefined }), 400, 'validation_failed', 'version');
    assertError(await tinh.put(`/api/users/${created.id}`, { ...upd, version: '2' }), 400, 'validation_failed', 'version');
    assertError(await admin.put('/api/users/99999999', { ...upd, version: 1 }), 404, 'not_found');
    assertError(await admin.put('/api/users/abc', { ...upd, version: 1 }), 404, 'not_found');

    const audit = await auditOf(created.id);
    assert.deepEqual(audit.map((e) => e.action), ['update', 'create'], 'one update audited, newest first');
    const e = audit[0];
    assert.equal(e.username, 'tinh.gialai');
    assert.equal(e.before.fullName, 'Nguyễn Thị Thử');
    assert.equal(e.after.fullName, 'Tên mới');
    assert.deepEqual(e.before.roles, ['viewer']);
    assert.deepEqual([...e.after.roles].sort(), ['commune_officer', 'viewer']);
  });

  test('parallel updates with the same version: exactly one wins', async () => {
    const u = assertStatus(await admin.post('/api/users', valid()), 201);
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) =>
      admin.put(`/api/users/${u.id}`, { fullName: `Người ${i}`, orgUnitCode: '52', roles: ['viewer'], version: u.version })));
    const ok = results.filter((r) => r.status === 200);
    assert.equal(ok.length, 1, results.map((r) => `${r.status} ${r.text.slice(0, 80)}`).join('\n'));
    for (const r of results.filter((x) => x.status !== 200)) assertError(r, 409, 'conflict');
    const final = assertStatus(await admin.get(`/api/users/${u.id}`), 200);
    assert.equal(final.version, u.version + 1);
    assert.equal(final.fullName, ok[0].body.fullName);
    assert.equal((await auditOf(u.id)).length, 2, 'one create, one update');
  });

  test('a role change applies to open sessions at once', async () => {
    // (an account with approval rights is created above the province; the province may take them away)
    const body = valid({ roles: ['province_lead_officer'] });
    const u = assertStatus(await admin.post('/api/users', body), 201);
    const c = await login(server.base, body.username, body.password);
    secrets.add('Changed2026x');
    assertStatus(await c.post('/api/me/password', { currentPassword: body.password, newPassword: 'Changed2026x' }), 204);
    assertStatus(await c.get('/api/users?pageSize=1'), 200);
    const cur = assertStatus(await admin.get(`/api/users/${u.id}`), 200);
    assertStatus(await tinh.put(`/api/users/${u.id}`, { fullName: u.fullName, orgUnitCode: '52', roles: ['viewer'], version: cur.version }), 200);
    assertError(await c.get('/api/users?pageSize=1'), 403, 'forbidden');
    const me = assertStatus(await c.get('/api/me'), 200);
    assert.deepEqual(me.roles, ['viewer']);
    assert.ok(!me.permissions.includes('users.read'));
  });

  test('cannot deactivate oneself', async () => {
    const me = assertStatus(await tinh.get('/api/me'), 200);
    assertError(await tinh.put(`/api/users/${me.id}`, { fullName: me.fullName, orgUnitCode: '52', roles: me.roles, active: false, version: me.version }),
      400, 'validation_failed', 'active');
    assertStatus(await tinh.get('/api/me'), 200);
  });

  test('reset password: old fails, new works, must change, open sessions end', async () => {
    const body = valid();
    const u = assertStatus(await admin.post('/api/users', body), 201);
    const session = await login(server.base, body.username, body.password);
    assertError(await tinh.post(`/api/users/${u.id}/reset-password`, { newPassword: 'weak' }), 400, 'validation_failed', 'newPassword');
    assertError(await tinh.post(`/api/users/${u.id}/reset-password`, {}), 400, 'validation_failed', 'newPassword');
    secrets.add('Reset2026x');
    const res = await tinh.post(`/api/users/${u.id}/reset-password`, { newPassword: 'Reset2026x' });
    assertStatus(res, 204);
    assertError(await session.get('/api/me'), 401, 'unauthenticated');
    assertError((await tryLogin(server.base, body.username, body.password)).res, 401, 'invalid_credentials');
    const c = await login(server.base, body.username, 'Reset2026x');
    assert.equal(c.user.mustChangePassword, true);
    assertError(await admin.post('/api/users/99999999/reset-password', { newPassword: 'Reset2026x' }), 404, 'not_found');

    const audit = await auditOf(u.id);
    assert.equal(audit[0].action, 'update');
    assert.equal(audit[0].username, 'tinh.gialai');
    assert.ok(JSON.stringify(audit[0].after).includes('password'), 'the audit says the password changed');
  });

  test('deactivate → login fails and sessions end; reactivate → login works', async () => {
    const body = valid();
    const u = assertStatus(await admin.post('/api/users', body), 201);
    const session = await login(server.base, body.username, body.password);
    const off = assertStatus(await tinh.put(`/api/users/${u.id}`, { fullName: u.fullName, orgUnitCode: '52', roles: ['viewer'], active: false, version: u.version }), 200);
    assert.equal(off.active, false);
    assertError(await session.get('/api/me'), 401, 'unauthenticated');
    assertError((await tryLogin(server.base, body.username, body.password)).res, 401, 'invalid_credentials');
    // the active filter
    const inactive = (await listAll(admin, '/api/users?active=false')).items.map((x) => x.username);
    assert.ok(inactive.includes(body.username));
    const active = (await listAll(admin, '/api/users?active=true')).items.map((x) => x.username);
    assert.ok(!active.includes(body.username) && active.includes('admin'));
    assertError(await admin.get('/api/users?active=maybe'), 400, 'validation_failed', 'active');

    const on = assertStatus(await tinh.put(`/api/users/${u.id}`, { fullName: u.fullName, orgUnitCode: '52', roles: ['viewer'], active: true, version: off.version }), 200);
    assert.equal(on.active, true);
    await login(server.base, body.username, body.password);

    const audit = await auditOf(u.id);
    assert.deepEqual(audit.map((e) => e.action), ['update', 'update', 'create']);
    assert.equal(audit[1].before.active, true);
    assert.equal(audit[1].after.active, false);
    assert.equal(audit[0].before.active, false);
    assert.equal(audit[0].after.active, true);
  });

  test('list: search without diacritics, role filter, sort, pagination', async () => {
    const a = assertStatus(await admin.post('/api/users', valid({ fullName: 'Đặng Văn Tìm Kiếm' })), 201);
    const hit = assertStatus(await admin.get('/api/users?q=tim%20kiem'), 200);
    assert.deepEqual(hit.items.map((u) => u.id), [a.id]);
    const byRole = (await listAll(admin, '/api/users?role=province_lead_officer')).items.map((u) => u.username);
    assert.ok(byRole.includes('tinh.gialai') && byRole.includes('tinh.dongnai') && !byRole.includes('admin'));
    const sorted = (await listAll(admin, '/api/users')).items.map((u) => u.username);
    assert.deepEqual(sorted, [...sorted].sort());
    const desc = (await listAll(admin, '/api/users?sort=-username')).items.map((u) => u.username);
    assert.deepEqual(desc, [...sorted].reverse());
    const p1 = assertStatus(await admin.get('/api/users?pageSize=2'), 200);
    const p2 = assertStatus(await admin.get('/api/users?pageSize=2&page=2'), 200);
    assert.equal(p1.items.length, 2);
    assert.equal(p1.page, 1);
    assert.equal(p2.page, 2);
    assert.equal(p1.pageSize, 2);
    assert.deepEqual([...p1.items, ...p2.items].map((u) => u.username), sorted.slice(0, 4));
    assertError(await admin.get('/api/users?pageSize=501'), 400, 'validation_failed', 'pageSize');
    for (const bad of ['name', 'password_hash', 'username;drop', '--username'])
      assertError(await admin.get(`/api/users?sort=${encodeURIComponent(bad)}`), 400, 'validation_failed', 'sort');
    const byName = (await listAll(admin, '/api/users?sort=fullName')).items.map((u) => u.fullName);
    assert.equal(byName.length, sorted.length);
    assertStatus(await admin.get('/api/users?sort=-createdAt'), 200);
    assertError(await admin.get('/api/users?orgUnit=99999'), 404, 'org_unit_not_found', 'orgUnit');
    const beyond = assertStatus(await admin.get('/api/users?page=1000'), 200);
    assert.deepEqual(beyond.items, []);
    assert.equal(beyond.total, sorted.length);
    // LIKE wildcards in q are plain characters
    for (const q of ['%', '_', '%25', 'a_m']) assert.equal(assertStatus(await admin.get(`/api/users?q=${encodeURIComponent(q)}`), 200).total, 0, `q=${q}`);
  });

  test('the audit log never contains a password or its hash', async () => {
    const { items } = await listAll(admin, '/api/audit');
    const text = JSON.stringify(items);
    assert.ok(items.length > 10);
    assert.ok(!text.includes('$argon2'), 'no argon2 hash in the audit log');
    assert.ok(!/password_?hash/i.test(text), 'no password hash field in the audit log');
    for (const s of [...secrets, 'Demo@2026']) assert.ok(!text.includes(s), 'no plaintext password in the audit log');
    // audit filters
    const creates = (await listAll(admin, '/api/audit?entity=user&action=create')).items;
    assert.ok(creates.length >= 7 && creates.every((e) => e.entity === 'user' && e.action === 'create'));
    const byTinh = (await listAll(admin, '/api/audit?username=tinh.gialai')).items;
    assert.ok(byTinh.length >= 3 && byTinh.every((e) => e.username === 'tinh.gialai'));
    assertError(await admin.get('/api/audit?action=erase'), 400, 'validation_failed', 'action');
    assertError(await admin.get('/api/audit?from=2025-02-30'), 400, 'validation_failed', 'from');
    // from/to are UTC days, inclusive
    const first = items.at(-1).at.slice(0, 10);
    const last = items[0].at.slice(0, 10);
    assert.equal((await listAll(admin, `/api/audit?from=${first}&to=${last}`)).items.length, items.length);
    const dayBefore = new Date(Date.parse(`${first}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);
    const dayAfter = new Date(Date.parse(`${last}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
    assert.equal(assertStatus(await admin.get(`/api/audit?to=${dayBefore}`), 200).total, 0);
    assert.equal(assertStatus(await admin.get(`/api/audit?from=${dayAfter}`), 200).total, 0);
  });
});
