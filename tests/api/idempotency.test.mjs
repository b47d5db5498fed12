// Idempotency keys of POST requests (issue 21, offline entry; storage/idempotency.hpp): the web
// app's offline queue names each create with an Idempotency-Key, so a create sent again after
// its answer was lost with the network is not made twice. A replay returns the stored answer and
// creates nothing; the key with another body is 422; keys are per user; the length is bounded;
// keys older than 24 h are pruned. And the per-session offline secret of the encrypted store.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { DB_KIND, KIND, PG_URL, assertError, assertStatus, http, listAll, login, loginAll, startServer } from './harness.mjs';

function sql(url, query) {
  const out = DB_KIND === 'sqlite'
    ? execFileSync('sqlite3', ['-separator', '|', url.replace('sqlite://', ''), query], { encoding: 'utf8' })
    : execFileSync('psql', [url, '-tA', '-F', '|', '-c', query], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('|'));
}
void PG_URL;

describe(`idempotency keys ${KIND}`, () => {
  let server, S, agencies, me;
  const agency = (key) => {
    const a = agencies.find((x) => x.key === key);
    assert.ok(a, `agency ${key}`);
    return a.id;
  };
  function input(extra = {}) {
    return {
      title: `Tuyên truyền ngoại tuyến ${randomUUID().slice(0, 8)}`,
      interventionTypeCode: 'community_sessions', orgUnitCode: '21583', leadAgencyId: agency('gl-ubnd-quynhon'),
      partnerAgencyIds: [], programmeIds: [], planActivityId: null,
      startDate: '2026-03-10', endDate: '2026-03-12',
      reach: [{ targetGroup: 'sex_workers', total: 30, female: 25, male: 5 }],
      outputs: [{ kind: 'sessions', quantity: 2 }],
      costs: [],
      note: '',
      ...extra,
    };
  }
  async function countTitled(client, title) {
    const r = assertStatus(await client.get(`/api/activities?q=${encodeURIComponent(title)}&pageSize=50`), 200);
    return r.items.filter((a) => a.title === title).length;
  }

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base, ['admin', 'xa.gialai', 'tinh.gialai']);
    agencies = (await listAll(S.admin, '/api/agencies')).items;
    me = assertStatus(await S['xa.gialai'].get('/api/me'), 200);
  });
  after(async () => { await server?.stop(); });

  test('a replay returns the same answer and creates nothing more', async () => {
    const xa = S['xa.gialai'];
    const key = randomUUID();
    const body = input();
    const first = await xa.post('/api/activities', body, { headers: { 'idempotency-key': key } });
    const created = assertStatus(first, 201);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    for (let i = 0; i < 3; ++i) {
      const again = await xa.post('/api/activities', body, { headers: { 'idempotency-key': key } });
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(again.body, created, 'the stored answer, byte for byte the same record');
    }
    assert.equal(await countTitled(xa, body.title), 1, 'exactly one activity');
    // without a key, the same body creates a second one (the key is what makes it idempotent)
    assertStatus(await xa.post('/api/activities', body), 201);
    assert.equal(await countTitled(xa, body.title), 2);
  });

  test('the same key with another body is 422 and creates nothing', async () => {
    const xa = S['xa.gialai'];
    const key = randomUUID();
    const a = input(), b = input();
    assertStatus(await xa.post('/api/activities', a, { headers: { 'idempotency-key': key } }), 201);
    const e = assertError(await xa.post('/api/activities', b, { headers: { 'idempotency-key': key } }), 422, 'idempotency_key_reused');
    assert.match(e.message, /Idempotency-Key/);
    assert.match(e.messageEn, /different request/);
    assert.equal(await countTitled(xa, b.title), 0);
    // the same body at another address (here: a query added) is another request too
    assertError(await xa.post('/api/activities?x=1', a, { headers: { 'idempotency-key': key } }), 422, 'idempotency_key_reused');
  });

  test('keys are per user', async () => {
    const xa = S['xa.gialai'], tinh = S['tinh.gialai'];
    const key = randomUUID();
    const a = input(), b = input();
    const ra = assertStatus(await xa.post('/api/activities', a, { headers: { 'idempotency-key': key } }), 201);
    const rb = assertStatus(await tinh.post('/api/activities', b, { headers: { 'idempotency-key': key } }), 201);
    assert.notEqual(ra.id, rb.id, 'another user with the same key gets its own create');
    assert.equal(await countTitled(xa, a.title), 1);
    assert.equal(await countTitled(tinh, b.title), 1);
  });

  test('a failed request releases its key: the corrected request with the same key goes through', async () => {
    const xa = S['xa.gialai'];
    const key = randomUUID();
    const bad = input({ title: '' });
    assertError(await xa.post('/api/activities', bad, { headers: { 'idempotency-key': key } }), 400, 'validation_failed');
    assertError(await xa.post('/api/activities', bad, { headers: { 'idempotency-key': key } }), 400, 'validation_failed');
    const [[n]] = sql(server.url, `SELECT COUNT(*) FROM idempotency_keys WHERE idem_key = '${key}'`);
    assert.equal(Number(n), 0, 'no key is kept for a failed request');
  });

  test('the key length and characters are bounded', async () => {
    const xa = S['xa.gialai'];
    const body = input();
    for (const key of ['x'.repeat(129), 'cl\u00e9', 'a b']) {
      const e = assertError(await xa.post('/api/activities', body, { headers: { 'idempotency-key': key } }), 400, 'idempotency_key_invalid');
      assert.match(e.message, /1–128/);
    }
    assert.equal(await countTitled(xa, body.title), 0, 'nothing created by a refused key');
    assertStatus(await xa.post('/api/activities', body, { headers: { 'idempotency-key': 'k'.repeat(128) } }), 201);
  });

  test('keys older than 24 hours are pruned; the same key is then a new request', async () => {
    const xa = S['xa.gialai'];
    const key = randomUUID();
    const body = input();
    assertStatus(await xa.post('/api/activities', body, { headers: { 'idempotency-key': key } }), 201);
    const old = Math.floor(Date.now() / 1000) - 24 * 3600 - 5;
    sql(server.url, `UPDATE idempotency_keys SET created_at = ${old} WHERE idem_key = '${key}'`);
    // any new claim prunes every expired key
    assertStatus(await xa.post('/api/activities', input(), { headers: { 'idempotency-key': randomUUID() } }), 201);
    const [[n]] = sql(server.url, `SELECT COUNT(*) FROM idempotency_keys WHERE idem_key = '${key}'`);
    assert.equal(Number(n), 0, 'the expired key is gone');
    assertStatus(await xa.post('/api/activities', body, { headers: { 'idempotency-key': key } }), 201);
    assert.equal(await countTitled(xa, body.title), 2, 'after expiry the key no longer replays');
  });

  test('the offline secret: 32 random bytes per session, only to the signed-in user over the cookie', async () => {
    const a = await login(server.base, 'xa.gialai');
    const b = await login(server.base, 'xa.gialai');
    assert.match(a.user.offlineSecret, /^[0-9a-f]{64}$/);
    assert.notEqual(a.user.offlineSecret, b.user.offlineSecret, 'each session its own secret');
    const meA = assertStatus(await a.get('/api/me'), 200);
    assert.equal(meA.offlineSecret, a.user.offlineSecret, 'GET /api/me returns the session\'s own secret');
    assert.equal(me.offlineSecret !== a.user.offlineSecret, true);
    // signed out: the session (and its secret) is gone
    assertStatus(await a.post('/api/auth/logout'), 204);
    assertStatus(await a.get('/api/me'), 401);
    assert.equal((await http(server.base, 'GET', '/api/me')).status, 401);
    assert.ok(!server.log().includes(b.user.offlineSecret), 'the secret is never logged');
  });
});
