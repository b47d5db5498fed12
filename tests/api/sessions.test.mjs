// Sessions (issue 13 §3): changing one's password ends every other session of that user (the
// current one stays); an administrator's reset ends all of them; a session whose password must be
// changed may only read /api/me, change the password and sign out.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, login, startServer, tryLogin, uniq, todayVN } from './harness.mjs';

describe(`sessions ${KIND}`, () => {
  let server, admin;
  before(async () => {
    server = await startServer();
    admin = await login(server.base, 'admin');
  });
  after(async () => { await server?.stop(); });

  // A new account (it must change its password) with the password already changed to `pw`.
  async function account(pw = 'Session1234') {
    const username = uniq('s.');
    assertStatus(await admin.post('/api/users', { username, fullName: 'Người thử phiên', password: 'First1234', orgUnitCode: '52', orgUnitAsOf: todayVN(),
      roles: ['viewer'] }), 201);
    const c = await login(server.base, username, 'First1234');
    assertStatus(await c.post('/api/me/password', { currentPassword: 'First1234', newPassword: pw }), 204);
    return { username, id: assertStatus(await c.get('/api/me'), 200).id, client: c };
  }

  test('mustChangePassword: only GET /api/me, the password change and sign-out are answered', async () => {
    const username = uniq('m.');
    assertStatus(await admin.post('/api/users', { username, fullName: 'Người mới', password: 'First1234', orgUnitCode: '52', orgUnitAsOf: todayVN(),
      roles: ['viewer'] }), 201);
    const c = await login(server.base, username, 'First1234');
    const me = assertStatus(await c.get('/api/me'), 200);
    assert.equal(me.mustChangePassword, true);
    for (const [method, path, body] of [['GET', '/api/org-units'], ['GET', '/api/plans'], ['GET', '/api/activities'],
      ['PUT', '/api/me/signer', { signerTitle: 'GIÁM ĐỐC', signerName: 'X' }], ['GET', '/api/analytics/meta']]) {
      const e = assertError(await c.request(method, path, body), 403, 'password_change_required');
      assert.match(e.messageEn, /change your password/);
      assert.match(e.message, /đổi mật khẩu/);
    }
    // a wrong current password is still judged (400), then the change frees the session
    assertError(await c.post('/api/me/password', { currentPassword: 'Wrong1234', newPassword: 'Second1234' }), 400, 'validation_failed');
    assertStatus(await c.post('/api/me/password', { currentPassword: 'First1234', newPassword: 'Second1234' }), 204);
    assert.equal(assertStatus(await c.get('/api/me'), 200).mustChangePassword, false);
    assertStatus(await c.get('/api/org-units'), 200);
    assertStatus(await c.get('/api/plans'), 200);
    // sign-out is allowed while the change is required
    const username2 = uniq('m.');
    assertStatus(await admin.post('/api/users', { username: username2, fullName: 'Người mới 2', password: 'First1234', orgUnitCode: '52', orgUnitAsOf: todayVN(),
      roles: ['viewer'] }), 201);
    const d = await login(server.base, username2, 'First1234');
    assertStatus(await d.post('/api/auth/logout', {}), 204);
    assertError(await d.get('/api/me'), 401, 'unauthenticated');
  });

  test('changing one\'s own password ends every other session; the current one stays', async () => {
    const { username, client: a } = await account();
    const b = await login(server.base, username, 'Session1234');
    const c = await login(server.base, username, 'Session1234');
    assertStatus(await b.get('/api/org-units'), 200);  // b is cached
    assertStatus(await a.post('/api/me/password', { currentPassword: 'Session1234', newPassword: 'Session12345' }), 204);
    assertStatus(await a.get('/api/me'), 200);
    assertStatus(await a.get('/api/org-units'), 200);
    assertStatus(await a.put('/api/me/signer', { signerTitle: '', signerName: '' }), 200);  // its CSRF token still holds
    for (const other of [b, c]) assertError(await other.get('/api/me'), 401, 'unauthenticated');
    assert.equal((await tryLogin(server.base, username, 'Session1234')).res.status, 401);
    await login(server.base, username, 'Session12345');
  });

  test('an administrator\'s reset ends all the sessions; the next sign-in must change the password', async () => {
    const { username, id, client: a } = await account();
    const b = await login(server.base, username, 'Session1234');
    assertStatus(await a.get('/api/org-units'), 200);
    assertStatus(await admin.post(`/api/users/${id}/reset-password`, { newPassword: 'Reset12345' }), 204);
    for (const s of [a, b]) assertError(await s.get('/api/me'), 401, 'unauthenticated');
    const n = await login(server.base, username, 'Reset12345');
    assert.equal(assertStatus(await n.get('/api/me'), 200).mustChangePassword, true);
    assertError(await n.get('/api/org-units'), 403, 'password_change_required');
  });
});
