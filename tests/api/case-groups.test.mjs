// Clubs and peer groups of people supported (issue 16 item 5; docs/api-cases.md "Clubs and peer
// groups"): groups in a unit of the caller's scope, members by client code only (a record in scope),
// memberships ended not deleted, the record's memberships, the wall, out of scope 404, bad input
// 400 in both languages, and the audit hidden from non-case roles.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, login, startServer, todayVN } from './harness.mjs';

describe(`case groups ${KIND}`, () => {
  let server, S = {}, users = {};

  before(async () => {
    server = await startServer();
    for (const u of ['admin', 'cm.gialai', 'gs.gialai', 'cm.dongnai', 'congan.gialai', 'thanhtra.gialai', 'tiepnhan.gialai', 'xem.gialai'])
      S[u] = await login(server.base, u);
    for (const u of (await listAll(S.admin, '/api/users')).items) users[u.username] = u;
  });
  after(async () => server?.stop());

  let n = 0;
  const newCase = async (who = 'cm.gialai', unit = '21583') => assertStatus(await S[who].post('/api/cases', {
    residenceUnitCode: unit, residenceAsOf: todayVN(), birthYear: 1993, sex: 'female', targetGroups: ['sex_workers'],
    caseWorkerId: users[who].id, registeredOn: '2026-01-05', identity: { fullName: `Thành Viên Nhóm ${++n} ${Date.now()}` },
  }), 201);
  const group = (over = {}) => ({ orgUnitCode: '21583', orgUnitAsOf: todayVN(), name: 'CLB Hoa Hướng Dương', kind: 'club', hostProgrammeCode: 'hiv_aids',
    foundedOn: '2026-01-01', ...over });

  test('create, list, read and update a club; the wall 403; another province 404', async () => {
    const g = assertStatus(await S['cm.gialai'].post('/api/case-groups', group()), 201);
    assert.equal(g.name, 'CLB Hoa Hướng Dương');
    assert.equal(g.kind, 'club');
    assert.equal(g.orgUnit.code, '21583');
    assert.equal(g.hostProgrammeCode, 'hiv_aids');
    assert.equal(g.active, true);
    assert.equal(g.memberCount, 0);
    assert.deepEqual(g.members, []);
    const peer = assertStatus(await S['gs.gialai'].post('/api/case-groups', group({ name: '  Nhóm tự lực Quy Nhơn  ', kind: 'peer_group', hostProgrammeCode: null })), 201);
    assert.equal(peer.name, 'Nhóm tự lực Quy Nhơn', 'trimmed');
    assert.equal(peer.hostProgrammeCode, null);

    const list = assertStatus(await S['gs.gialai'].get('/api/case-groups'), 200).items;
    assert.ok(list.some((x) => x.id === g.id) && list.some((x) => x.id === peer.id));
    assert.ok(assertStatus(await S['gs.gialai'].get('/api/case-groups?kind=peer_group'), 200).items.every((x) => x.kind === 'peer_group'));
    assert.ok(!assertStatus(await S['cm.dongnai'].get('/api/case-groups'), 200).items.some((x) => x.id === g.id), 'not listed out of scope');
    assertError(await S['cm.dongnai'].get(`/api/case-groups/${g.id}`), 404, 'not_found');
    assertError(await S['cm.dongnai'].put(`/api/case-groups/${g.id}`, { ...group(), orgUnitCode: undefined, orgUnitAsOf: undefined, version: g.version }), 404, 'not_found');
    // creating in another province's unit is refused
    assertError(await S['cm.gialai'].post('/api/case-groups', group({ orgUnitCode: '25210' })), 403, 'forbidden');

    // the wall and roles without cases.*
    for (const u of ['congan.gialai', 'thanhtra.gialai', 'tiepnhan.gialai', 'xem.gialai']) {
      assertError(await S[u].get('/api/case-groups'), 403, 'forbidden');
      assertError(await S[u].get(`/api/case-groups/${g.id}`), 403, 'forbidden');
      assertError(await S[u].post('/api/case-groups', group()), 403, 'forbidden');
    }

    const up = assertStatus(await S['cm.gialai'].put(`/api/case-groups/${g.id}`, { name: 'CLB Hướng Dương', kind: 'club', foundedOn: '2026-01-02', version: g.version }), 200);
    assert.equal(up.name, 'CLB Hướng Dương');
    assert.equal(up.version, g.version + 1);
    assert.equal(up.hostProgrammeCode, null, 'an update states the host programme (absent: none)');
    assertError(await S['cm.gialai'].put(`/api/case-groups/${g.id}`, { name: 'x', kind: 'club', version: g.version }), 409, 'conflict');
    assertError(await S['cm.gialai'].put(`/api/case-groups/${g.id}`, { orgUnitCode: '21583', name: 'x', kind: 'club', version: up.version }), 400, 'validation_failed', 'orgUnitCode');
  });

  test('bad input: 400 naming the field, in Vietnamese and English, nothing written', async () => {
    const before = assertStatus(await S['cm.gialai'].get('/api/case-groups'), 200).items.length;
    const bad = [
      [group({ name: '   ' }), 'name'],
      [group({ name: 'x'.repeat(201) }), 'name'],
      [group({ kind: 'team' }), 'kind'],
      [group({ hostProgrammeCode: 'nope' }), 'hostProgrammeCode'],
      [group({ foundedOn: '2999-01-01' }), 'foundedOn'],
      [group({ foundedOn: '01/02/2026' }), 'foundedOn'],
      [group({ orgUnitCode: undefined }), 'orgUnitCode'],
    ];
    for (const [body, field] of bad) {
      const e = assertError(await S['cm.gialai'].post('/api/case-groups', body), 400, undefined, field);
      assert.ok(e.message && e.messageEn && e.message !== e.messageEn, `${field}: both languages`);
    }
    assert.equal(assertStatus(await S['cm.gialai'].get('/api/case-groups'), 200).items.length, before, 'nothing written');
  });

  test('members by client code: in scope only, one open membership, ended not deleted, the record lists its groups', async () => {
    const g = assertStatus(await S['cm.gialai'].post('/api/case-groups', group({ name: `Nhóm đồng đẳng ${Date.now()}`, kind: 'peer_group' })), 201);
    const a = await newCase(), b = await newCase();
    const dn = await newCase('cm.dongnai', '25210');
    let out = assertStatus(await S['cm.gialai'].post(`/api/case-groups/${g.id}/members`, { code: a.code, joinedOn: '2026-02-01' }), 201);
    out = assertStatus(await S['gs.gialai'].post(`/api/case-groups/${g.id}/members`, { code: b.code }), 201);
    assert.equal(out.memberCount, 2);
    assert.deepEqual(out.members.map((m) => m.code).sort(), [a.code, b.code].sort());
    for (const m of out.members) {
      assert.deepEqual(Object.keys(m).sort(), ['caseId', 'code', 'current', 'id', 'joinedOn', 'leftOn'], 'code only, no identity');
      assert.equal(m.current, true);
    }
    assert.ok(!JSON.stringify(out).includes('Thành Viên Nhóm'));
    // a record of another province: refused as if it did not exist (existence does not leak)
    const e1 = assertError(await S['cm.gialai'].post(`/api/case-groups/${g.id}/members`, { code: dn.code }), 400, 'validation_failed', 'code');
    const e2 = assertError(await S['cm.gialai'].post(`/api/case-groups/${g.id}/members`, { code: '52-2026-999999' }), 400, 'validation_failed', 'code');
    assert.equal(e1.messageEn.replace(dn.code, 'X'), e2.messageEn.replace('52-2026-999999', 'X'));
    // twice: 409; before the group's founding or the record's registration: 400
    assertError(await S['cm.gialai'].post(`/api/case-groups/${g.id}/members`, { code: a.code }), 409, 'already_member');
    const c = await newCase();
    assertError(await S['cm.gialai'].post(`/api/case-groups/${g.id}/members`, { code: c.code, joinedOn: '2025-12-01' }), 400, 'validation_failed', 'joinedOn');
    // out of scope: the group itself 404 for members too
    assertError(await S['cm.dongnai'].post(`/api/case-groups/${g.id}/members`, { code: dn.code }), 404, 'not_found');
    for (const u of ['congan.gialai', 'thanhtra.gialai'])
      assertError(await S[u].post(`/api/case-groups/${g.id}/members`, { code: a.code }), 403, 'forbidden');

    // end a membership; the record lists its groups
    const ma = out.members.find((m) => m.code === a.code);
    assertError(await S['cm.gialai'].post(`/api/case-groups/${g.id}/members/${ma.id}/end`, { leftOn: '2026-01-15' }), 400, 'validation_failed', 'leftOn');
    out = assertStatus(await S['cm.gialai'].post(`/api/case-groups/${g.id}/members/${ma.id}/end`, { leftOn: todayVN() }), 200);
    assert.equal(out.memberCount, 1);
    assert.equal(out.members.find((m) => m.id === ma.id).leftOn, todayVN());
    assertError(await S['cm.gialai'].post(`/api/case-groups/${g.id}/members/${ma.id}/end`, {}), 409, 'membership_ended');
    assertError(await S['cm.gialai'].post(`/api/case-groups/${g.id}/members/999999/end`, {}), 404, 'not_found');
    // rejoining after leaving is a new membership
    out = assertStatus(await S['cm.gialai'].post(`/api/case-groups/${g.id}/members`, { code: a.code }), 201);
    assert.equal(out.members.filter((m) => m.code === a.code).length, 2);
    const mine = assertStatus(await S['cm.gialai'].get(`/api/cases/${a.id}/groups`), 200).items;
    assert.equal(mine.length, 2);
    assert.ok(mine.every((m) => m.group.id === g.id && m.group.kind === 'peer_group'));
    assertError(await S['cm.dongnai'].get(`/api/cases/${a.id}/groups`), 404, 'not_found');
    assertError(await S['congan.gialai'].get(`/api/cases/${a.id}/groups`), 403, 'forbidden');

    // the audit: every change, codes only, hidden from non-case roles
    const audit = (await listAll(S.admin, '/api/audit?entity=case_group_member')).items.filter((x) => x.after?.groupId === g.id);
    assert.ok(audit.length >= 4, `${audit.length} entries`);
    assert.ok(!JSON.stringify(audit).includes('Thành Viên Nhóm'));
    assert.ok((await listAll(S.admin, '/api/audit?entity=case_group')).items.some((x) => x.entityId === String(g.id)));
  });
});
