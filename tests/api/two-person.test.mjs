// The two-person rule across accounts (issue 13 §2). The attack: a province officer creates a
// second province_lead_officer account and approves its own plan with it. Now creating (or
// granting) accounts with approval rights is held above the province, and an approval by an
// account created by the submitter, or created after the submission, is refused with 403.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, login, loginAll, startServer, uniq, todayVN, decision } from './harness.mjs';

describe(`two-person rule across accounts ${KIND}`, () => {
  let server, S, agencies, programmes;
  before(async () => {
    server = await startServer();
    S = await loginAll(server.base, ['admin', 'tinh.gialai', 'coquan.gialai', 'bo']);
    agencies = (await listAll(S.admin, '/api/agencies')).items;
    programmes = (await listAll(S.admin, '/api/programmes')).items;
  });
  after(async () => { await server?.stop(); });

  const agency = (name) => agencies.find((a) => a.name === name).id;
  const prog = (name) => programmes.find((p) => p.name.includes(name)).id;
  let year = 2040;
  const plan = async (client, agencyName) => assertStatus(await client.post('/api/plans', {
    orgUnitCode: '52', agencyId: agency(agencyName), year: ++year, title: 'Kế hoạch hai người', note: '',
    beneficiaries: [{ targetGroup: 'sex_workers', programmeId: prog('HIV/AIDS tỉnh Gia Lai'), plannedCount: 10 }],
    activities: [], budget: [],
  }), 201);
  // Signs in a new account (which must change its password first) and changes it.
  const firstLogin = async (username) => {
    const c = await login(server.base, username, 'Second1234');
    assertStatus(await c.post('/api/me/password', { currentPassword: 'Second1234', newPassword: 'Second12345' }), 204);
    return c;
  };

  test('the attack: a province officer cannot make a second approver account and approve its own plan with it', async () => {
    const lead = S['tinh.gialai'];
    const username = uniq('tinh.gialai.2.');
    const res = await lead.post('/api/users', { username, fullName: 'Tài khoản thứ hai', password: 'Second1234', orgUnitCode: '52', orgUnitAsOf: todayVN(),
      roles: ['province_lead_officer'] });
    const e = assertError(res, 403, 'forbidden', 'roles');
    assert.match(e.messageEn, /approval rights/);
    assert.match(e.message, /phê duyệt/);
    assert.equal((await listAll(S.admin, `/api/users?q=${username}`)).items.length, 0, 'the refusal wrote nothing');
    // nor by granting the role to an account without approval rights it created
    const viewer = assertStatus(await lead.post('/api/users', { username, fullName: 'Tài khoản thứ hai', password: 'Second1234',
      orgUnitCode: '52', orgUnitAsOf: todayVN(), roles: ['viewer'] }), 201);
    assertError(await lead.put(`/api/users/${viewer.id}`, { fullName: viewer.fullName, orgUnitCode: '52',
      roles: ['province_lead_officer'], active: true, version: viewer.version }), 403, 'forbidden', 'roles');
    assert.deepEqual(assertStatus(await S.admin.get(`/api/users/${viewer.id}`), 200).roles, ['viewer']);
    // the plan it submits stays waiting for an independent approver
    const p = await plan(lead, 'Hội Liên hiệp Phụ nữ tỉnh Gia Lai');
    assertStatus(await lead.post(`/api/plans/${p.id}/submit`, {}), 200);
    const second = await firstLogin(username);
    assertError(await second.post(`/api/plans/${p.id}/approve`, {}), 403, 'forbidden');
    assert.equal(assertStatus(await S.admin.get(`/api/plans/${p.id}`), 200).status, 'submitted');
  });

  test('an account created by the submitter may not approve or return its submission', async () => {
    // The system administrator may create approvers; when it also submits, the approver it made is not independent.
    const username = uniq('pheduyet.');
    const made = assertStatus(await S.admin.post('/api/users', { username, fullName: 'Người phê duyệt', password: 'Second1234',
      orgUnitCode: '52', orgUnitAsOf: todayVN(), roles: ['province_lead_officer'] }), 201);
    assert.equal(made.createdBy.username, 'admin');
    const approver = await firstLogin(username);
    const p = await plan(S.admin, 'Sở Y tế tỉnh Gia Lai');
    assertStatus(await S.admin.post(`/api/plans/${p.id}/submit`, {}), 200);
    for (const [action, body] of [['approve', {}], ['return', { comment: 'Trả lại' }]]) {
      const e = assertError(await approver.post(`/api/plans/${p.id}/${action}`, body), 403, 'not_independent');
      assert.match(e.messageEn, /created by the submitter/);
      assert.match(e.message, /người gửi/);
    }
    const seen = assertStatus(await approver.get(`/api/plans/${p.id}`), 200);
    assert.equal(seen.can.approve, false);
    assert.ok(!assertStatus(await approver.get('/api/plans/inbox'), 200).items.some((x) => x.id === p.id));
    // the province officer, whose account the submitter did not create, decides
    assert.equal(assertStatus(await S['tinh.gialai'].post(`/api/plans/${p.id}/approve`, decision()), 200).status, 'approved');
  });

  test('an account created after the submission may not approve it; an older one may', async () => {
    const p = await plan(S['coquan.gialai'], 'Sở Y tế tỉnh Gia Lai');
    assertStatus(await S['coquan.gialai'].post(`/api/plans/${p.id}/submit`, {}), 200);
    await new Promise((r) => setTimeout(r, 1100));  // timestamps are to the second
    const username = uniq('moi.');
    assertStatus(await S.admin.post('/api/users', { username, fullName: 'Người mới', password: 'Second1234', orgUnitCode: '52', orgUnitAsOf: todayVN(),
      roles: ['province_lead_officer'] }), 201);
    const late = await firstLogin(username);
    const e = assertError(await late.post(`/api/plans/${p.id}/approve`, {}), 403, 'not_independent');
    assert.match(e.messageEn, /created after/);
    assert.equal(assertStatus(await late.get(`/api/plans/${p.id}`), 200).can.approve, false);
    // a plan submitted after the account was created is its to decide
    const q = await plan(S['tinh.gialai'], 'Công an tỉnh Gia Lai');
    await new Promise((r) => setTimeout(r, 1100));
    assertStatus(await S['tinh.gialai'].post(`/api/plans/${q.id}/submit`, {}), 200);
    assert.equal(assertStatus(await late.get(`/api/plans/${q.id}`), 200).can.approve, true);
    assert.equal(assertStatus(await late.post(`/api/plans/${q.id}/approve`, decision()), 200).status, 'approved');
    assert.equal(assertStatus(await S['tinh.gialai'].post(`/api/plans/${p.id}/approve`, decision()), 200).status, 'approved');
  });

  test('reports: an account created after the submission may not accept or return it', async () => {
    const lead = S['tinh.gialai'];
    const r = assertStatus(await lead.put('/api/reports', { form: 'bc_6thang', period: '2039-H1', orgUnitCode: '52',
      values: { results: 'Báo cáo hai người' } }), 200);
    assertStatus(await lead.post(`/api/reports/${r.id}/submit`, { confirmMissing: true }), 200);
    await new Promise((res) => setTimeout(res, 1100));
    const username = uniq('bo.moi.');
    assertStatus(await S.admin.post('/api/users', { username, fullName: 'Cán bộ Bộ mới', password: 'Second1234', orgUnitCode: 'VN', orgUnitAsOf: todayVN(),
      roles: ['ministry_officer'] }), 201);
    const late = await firstLogin(username);
    for (const [action, body] of [['accept', {}], ['return', { comment: 'Thiếu số liệu' }]]) {
      const e = assertError(await late.post(`/api/reports/${r.id}/${action}`, body), 403, 'not_independent');
      assert.match(e.messageEn, /created after/);
    }
    assert.equal(assertStatus(await S.bo.post(`/api/reports/${r.id}/accept`, {}), 200).status, 'accepted');
  });
});
