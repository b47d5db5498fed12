// The response cache of the activity list and the pivots (http/response_cache.hpp, issue 11): an
// answer kept for repeated identical requests is never one that a write has made stale — not
// after this server's own writes (activity, agency renamed), not for another user of another
// scope, and not beyond 2 s after a write of a second server on the same database.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertStatus, listAll, login, loginAll, startServer, todayVN, uniq } from './harness.mjs';

describe(`response cache ${KIND}`, () => {
  let server, S, me, agencies;
  before(async () => {
    server = await startServer();
    S = await loginAll(server.base, ['admin', 'tinh.gialai', 'xa.gialai', 'bo']);
    me = assertStatus(await S['xa.gialai'].get('/api/me'), 200);
    agencies = (await listAll(S.admin, '/api/agencies')).items;
  });
  after(async () => { await server?.stop(); });

  const activity = (extra = {}) => ({
    title: `Tuyên truyền ${uniq()}`, interventionTypeCode: 'community_sessions', orgUnitCode: '21583',
    leadAgencyId: me.agency.id, startDate: DAY, endDate: DAY,
    reach: [{ targetGroup: 'students', total: 7 }], ...extra,
  });
  // newest start first, then newest id: an activity of today heads the list
  const DAY = todayVN();
  const LIST = '/api/activities?page=1&pageSize=50';

  test('a list repeated after a write shows the write at once', async () => {
    const tinh = S['tinh.gialai'];
    const first = assertStatus(await tinh.get(LIST), 200);
    const again = assertStatus(await tinh.get(LIST), 200);
    assert.deepEqual(again, first, 'identical requests, nothing written: the same answer');
    const made = assertStatus(await S['xa.gialai'].post('/api/activities', activity()), 201);
    const after1 = assertStatus(await tinh.get(LIST), 200);
    assert.equal(after1.total, first.total + 1);
    assert.equal(after1.items[0].id, made.id, 'the new activity heads the list');
    const updated = assertStatus(await S['xa.gialai'].put(`/api/activities/${made.id}`,
      { ...activity({ title: `Đổi tên ${uniq()}` }), version: made.version }), 200);
    assert.equal(assertStatus(await tinh.get(LIST), 200).items[0].title, updated.title);
    assertStatus(await S['xa.gialai'].request('DELETE', `/api/activities/${made.id}?version=${updated.version}`), 204);
    const gone = assertStatus(await tinh.get(LIST), 200);
    assert.equal(gone.total, first.total);
    assert.ok(!gone.items.some((a) => a.id === made.id));
  });

  test('renaming an agency shows in the next list', async () => {
    const tinh = S['tinh.gialai'];
    const lead = agencies.find((a) => a.id === me.agency.id);
    assertStatus(await S['xa.gialai'].post('/api/activities', activity()), 201);
    const before = assertStatus(await tinh.get(LIST), 200);
    assert.equal(before.items[0].leadAgency.id, lead.id);
    const cur = assertStatus(await S.admin.get(`/api/agencies/${lead.id}`), 200);
    const name = `${cur.name} ${uniq('')}`;
    assertStatus(await S.admin.put(`/api/agencies/${lead.id}`, {
      name, shortName: cur.shortName ?? '', kind: cur.kind?.code ?? cur.kind, orgUnitCode: cur.orgUnit?.code ?? cur.orgUnitCode,
      version: cur.version,
    }), 200);
    assert.equal(assertStatus(await tinh.get(LIST), 200).items[0].leadAgency.name, name);
  });

  test('one user\'s kept answer is never another\'s: same request, other scope', async () => {
    const province = assertStatus(await S['tinh.gialai'].get(LIST), 200);
    const commune = assertStatus(await S['xa.gialai'].get(LIST), 200);
    const ministry = assertStatus(await S.bo.get(LIST), 200);
    assert.ok(commune.total < province.total, `commune ${commune.total} < province ${province.total}`);
    assert.ok(province.total < ministry.total, `province ${province.total} < ministry ${ministry.total}`);
    const units = new Set(commune.items.map((a) => a.orgUnit.code));
    assert.ok(!province.items.every((a) => units.has(a.orgUnit.code)), 'the province sees units the commune does not');
  });

  test('a pivot repeated after a write shows it', async () => {
    const body = { measure: 'reached', rows: ['commune'], filters: { orgUnit: '52', from: DAY, to: DAY, targetGroups: ['students'] } };
    const at = (t) => { const i = t.rowKeys.findIndex((k) => k[0] === '21583'); return i < 0 ? 0 : t.cells[i][0]; };
    const first = at(assertStatus(await S.bo.post('/api/analytics/pivot', body), 200));
    assert.equal(at(assertStatus(await S.bo.post('/api/analytics/pivot', body), 200)), first);
    assertStatus(await S['xa.gialai'].post('/api/activities', activity({ reach: [{ targetGroup: 'students', total: 11 }] })), 201);
    assert.equal(at(assertStatus(await S.bo.post('/api/analytics/pivot', body), 200)), first + 11);
  });

  test('a write of a second server on the same database shows within 2.5 s', async () => {
    const other = await startServer({ shareWith: server });
    try {
      const xa2 = await login(other.base, 'xa.gialai');
      const tinh = S['tinh.gialai'];
      const first = assertStatus(await tinh.get(LIST), 200);
      assertStatus(await tinh.get(LIST), 200);  // kept
      const made = assertStatus(await xa2.post('/api/activities', activity()), 201);
      const t0 = Date.now();
      let seen = false;
      while (Date.now() - t0 < 2500) {
        const now = assertStatus(await tinh.get(LIST), 200);
        if (now.items[0]?.id === made.id) { seen = true; break; }
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(seen, `the other server's activity ${made.id} shows within 2.5 s (total was ${first.total})`);
    } finally {
      await other.stop();
    }
  });
});
