// Issue 15: the approval decision of a plan (approving body, decision number and date) and the
// links of activities to the plans they implement (a commune implements its province's plan), on
// the real server: approve requires a sound decision and writes nothing otherwise; the approver
// corrects it later (version check, history, audit); quick entry lists the approved plans of the
// unit and the units above it; the server refuses a link to a plan that does not cover the unit,
// is not approved or is of another year.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, decision, listAll, loginAll, startServer, todayVN, unzip } from './harness.mjs';

const addDays = (iso, n) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

function assertInvalid(res, fields) {
  const e = assertError(res, 400, 'validation_failed');
  assert.deepEqual((e.details ?? [{ field: e.field }]).map((d) => d.field), fields, e.messageEn);
  return e;
}

describe(`plan decision and plan links ${KIND}`, () => {
  let server, S, agencies;
  const agency = (name) => agencies.find((a) => a.name === name).id;
  let year = 2060;

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
    agencies = (await listAll(S.admin, '/api/agencies')).items;
  });
  after(async () => { await server?.stop(); });

  /** A plan of Sở Y tế Gia Lai drafted and submitted by coquan.gialai (approved by tinh.gialai). */
  async function submitted(extra = {}) {
    const p = assertStatus(await S['coquan.gialai'].post('/api/plans', {
      orgUnitCode: '52', agencyId: agency('Sở Y tế tỉnh Gia Lai'), year: ++year, title: `Kế hoạch quyết định ${year}`, ...extra }), 201);
    return assertStatus(await S['coquan.gialai'].post(`/api/plans/${p.id}/submit`, {}), 200);
  }

  test('approving needs the decision: body, number ≤ 64, a date neither future nor before the submission', async () => {
    const lead = S['tinh.gialai'];
    const p = await submitted();
    const history = async () => assertStatus(await lead.get(`/api/plans/${p.id}/history`), 200).items.length;
    const before = { h: await history(), n: assertStatus(await S['coquan.gialai'].get('/api/notifications'), 200).items.length };
    const today = todayVN();

    let e = assertInvalid(await lead.post(`/api/plans/${p.id}/approve`, {}), ['decisionBody', 'decisionNumber', 'decisionDate']);
    assert.match(e.message, /cơ quan phê duyệt/);
    assert.match(e.messageEn, /approving body/);
    assertInvalid(await lead.post(`/api/plans/${p.id}/approve`, decision({ decisionBody: '   ' })), ['decisionBody']);
    e = assertInvalid(await lead.post(`/api/plans/${p.id}/approve`, decision({ decisionNumber: '1'.repeat(65) })), ['decisionNumber']);
    assert.match(e.message, /64/);
    e = assertInvalid(await lead.post(`/api/plans/${p.id}/approve`, decision({ decisionDate: addDays(today, 1) })), ['decisionDate']);
    assert.match(e.message, /sau ngày hôm nay/);
    assert.match(e.messageEn, /future/);
    e = assertInvalid(await lead.post(`/api/plans/${p.id}/approve`, decision({ decisionDate: addDays(today, -1) })), ['decisionDate']);
    assert.match(e.message, /trước ngày trình/);
    assert.match(e.messageEn, /before the plan was submitted/);
    assertError(await lead.post(`/api/plans/${p.id}/approve`, decision({ decisionDate: '31/02/2026' })), 400, 'validation_failed', 'decisionDate');

    // nothing written: still submitted, same version, same history, nobody notified
    const still = assertStatus(await lead.get(`/api/plans/${p.id}`), 200);
    assert.equal(still.status, 'submitted');
    assert.equal(still.version, p.version);
    assert.equal(still.decision, null);
    assert.equal(await history(), before.h);
    assert.equal(assertStatus(await S['coquan.gialai'].get('/api/notifications'), 200).items.length, before.n);

    // a sound decision (64 characters at most, trimmed) approves and is shown everywhere
    const number = `${'9'.repeat(52)}/QĐ-UBND`;
    assert.equal([...number].length <= 64 && number.length <= 64, true);
    const ok = assertStatus(await lead.post(`/api/plans/${p.id}/approve`,
      decision({ decisionBody: '  UBND tỉnh Gia Lai ', decisionNumber: number, comment: 'Đồng ý' })), 200);
    assert.equal(ok.status, 'approved');
    assert.deepEqual(ok.decision, { body: 'UBND tỉnh Gia Lai', number, date: today });
    assert.equal(ok.can.editDecision, true);
    const listed = (await listAll(lead, `/api/plans?year=${p.year}`)).items.find((x) => x.id === p.id);
    assert.deepEqual(listed.decision, ok.decision);
    const n = assertStatus(await S['coquan.gialai'].get('/api/notifications'), 200).items
      .find((x) => x.kind === 'plan_approved' && x.subjectId === p.id);
    assert.ok(n, 'the submitter is notified');
    assert.ok(JSON.stringify(n).includes(`Quyết định số ${number} ngày`), JSON.stringify(n));
    // the exported workbook cites it
    const res = await fetch(`${server.base}/api/plans/${p.id}/export.xlsx`, { headers: { cookie: S['coquan.gialai'].cookie } });
    assert.equal(res.status, 200);
    const strings = unzip(Buffer.from(await res.arrayBuffer())).get('xl/sharedStrings.xml').toString('utf8');
    assert.ok(strings.includes(`phê duyệt tại Quyết định số ${number} ngày`), 'the workbook cites the decision');
    assert.ok(strings.includes('của UBND tỉnh Gia Lai'));
  });

  test('the approver corrects the decision later: version check, validation, history and audit; others may not', async () => {
    const lead = S['tinh.gialai'];
    const p = await submitted();
    const approved = assertStatus(await lead.post(`/api/plans/${p.id}/approve`, decision()), 200);
    const submitter = assertStatus(await S['coquan.gialai'].get(`/api/plans/${p.id}`), 200);
    assert.equal(submitter.can.editDecision, false, 'the submitter cannot correct it');
    const put = (client, body) => client.put(`/api/plans/${p.id}/decision`, body);
    const fix = { decisionBody: 'Ủy ban nhân dân tỉnh Gia Lai', decisionNumber: '124/QĐ-UBND', decisionDate: todayVN() };

    assertError(await put(S['coquan.gialai'], { ...fix, version: approved.version }), 403, 'forbidden');
    assertError(await put(S['xa.gialai'], { ...fix, version: approved.version }), 403, 'forbidden');
    assertError(await put(S['tinh.dongnai'], { ...fix, version: approved.version }), 404, 'not_found');
    assertError(await put(lead, { ...fix, version: approved.version - 1 }), 409, 'conflict');
    assertInvalid(await put(lead, { ...fix, decisionNumber: '', version: approved.version }), ['decisionNumber']);
    assertInvalid(await put(lead, { ...fix, decisionDate: addDays(todayVN(), 3), version: approved.version }), ['decisionDate']);
    assert.deepEqual(assertStatus(await lead.get(`/api/plans/${p.id}`), 200).decision, approved.decision, 'nothing written on error');

    const fixed = assertStatus(await put(lead, { ...fix, version: approved.version }), 200);
    assert.deepEqual(fixed.decision, { body: fix.decisionBody, number: fix.decisionNumber, date: fix.decisionDate });
    assert.equal(fixed.version, approved.version + 1);
    assert.equal(fixed.status, 'approved');
    const h = assertStatus(await lead.get(`/api/plans/${p.id}/history`), 200).items;
    assert.equal(h.at(-1).action, 'decision');
    assert.match(h.at(-1).comment, /124\/QĐ-UBND/);
    const audit = assertStatus(await S.admin.get(`/api/audit?entity=integration_plan&entityId=${p.id}`), 200);
    const entry = (audit.items ?? []).find((a) => JSON.stringify(a.after ?? a.diff ?? a).includes('124/QĐ-UBND'));
    assert.ok(entry, `the correction is audited: ${JSON.stringify(audit).slice(0, 400)}`);
    // the same version again is stale
    assertError(await put(lead, { ...fix, version: approved.version }), 409, 'conflict');

    // a plan that is not approved has no decision to correct
    const q = await submitted();
    const qe = await lead.put(`/api/plans/${q.id}/decision`, { ...fix, version: q.version });
    assertError(qe, 409, 'invalid_transition');
  });

  test('quick entry: a commune sees its province\'s approved plans of the year and links an activity to one', async () => {
    const xa = S['xa.gialai'];
    const list = assertStatus(await xa.get('/api/plans/linkable?date=2026-03-10'), 200);
    assert.equal(list.orgUnit.code, '21583');
    assert.equal(list.year, 2026);
    const soyte = list.items.find((p) => p.agency.name === 'Sở Y tế tỉnh Gia Lai');
    assert.ok(soyte, `the province's approved plan is offered: ${JSON.stringify(list.items.map((p) => p.title))}`);
    assert.equal(soyte.orgUnit.code, '52');
    assert.equal(soyte.decision.number, '215/QĐ-UBND');
    assert.ok(soyte.activities.length >= 4);
    assert.ok(!list.items.some((p) => p.agency.name === 'Công an tỉnh Gia Lai'), 'a draft plan is not offered');
    // another year: not offered; a unit outside the scope: refused
    const y2027 = assertStatus(await xa.get('/api/plans/linkable?date=2027-03-10'), 200);
    assert.ok(!y2027.items.some((p) => p.id === soyte.id));
    assertError(await xa.get('/api/plans/linkable?orgUnit=21553&date=2026-03-10'), 400, 'validation_failed', 'orgUnit');
    assertError(await S.bo.get('/api/plans/linkable'), 403, 'forbidden');

    const community = soyte.activities.find((a) => a.interventionType === 'community_sessions');
    const input = (extra) => ({
      title: `Tuyên truyền tại khu phố ${Date.now()}`, interventionTypeCode: 'community_sessions', orgUnitCode: '21583',
      leadAgencyId: agency('Ủy ban nhân dân phường Quy Nhơn'), partnerAgencyIds: [], programmeIds: [], startDate: '2026-03-10', endDate: '2026-03-10',
      reach: [{ targetGroup: 'rural_workers', total: 45, female: 25, male: 20 }], outputs: [{ kind: 'sessions', quantity: 1 }],
      costs: [{ fundingSource: 'commune_budget', amount: 1500000 }], note: '', planActivityId: community.id, ...extra });
    const a = assertStatus(await xa.post('/api/activities', input()), 201);
    assert.equal(a.planActivity.id, community.id);
    assert.equal(a.planned, true);
    // the evaluation of the province's plan counts it
    const ev = assertStatus(await S['tinh.gialai'].get(`/api/plans/${soyte.id}/evaluation`), 200);
    assert.ok(JSON.stringify(ev).includes(String(a.id)) || JSON.stringify(ev).includes(a.title) || ev.activities?.some((x) => x.id === community.id),
      'the evaluation knows the linked activity');

    // another year than the plan's: refused on the dates
    assertInvalid(await xa.post('/api/activities', input({ startDate: '2025-12-30', endDate: '2025-12-30' })), ['startDate', 'endDate']);
  });

  test('the server refuses a link to a plan that does not cover the unit or is not approved', async () => {
    const lead = S['tinh.gialai'];
    // an approved plan of a neighbouring ward (Quy Nhơn Bắc), approved by the ministry level (admin)
    const p = assertStatus(await lead.post('/api/plans', {
      orgUnitCode: '21553', agencyId: agency('Sở Y tế tỉnh Gia Lai'), year: 2026, title: 'Kế hoạch phường Quy Nhơn Bắc',
      activities: [{ interventionType: 'community_sessions', description: 'Tuyên truyền tại phường Quy Nhơn Bắc',
        leadAgencyId: agency('Sở Y tế tỉnh Gia Lai') }] }), 201);
    assertStatus(await lead.post(`/api/plans/${p.id}/submit`, {}), 200);
    const ap = assertStatus(await S.admin.post(`/api/plans/${p.id}/approve`, decision()), 200);
    const paId = ap.activities[0].id;
    const input = (extra) => ({
      title: `Tuyên truyền thử ${Date.now()}`, interventionTypeCode: 'community_sessions', orgUnitCode: '21583',
      leadAgencyId: agency('Ủy ban nhân dân phường Quy Nhơn'), partnerAgencyIds: [], programmeIds: [], startDate: '2026-03-10', endDate: '2026-03-10',
      reach: [{ targetGroup: 'rural_workers', total: 10 }], outputs: [], costs: [], note: '', planActivityId: paId, ...extra });
    // the commune officer cannot even see the neighbour's plan
    let e = assertInvalid(await S['xa.gialai'].post('/api/activities', input()), ['planActivityId']);
    assert.match(e.messageEn, /Unknown plan activity or outside your scope/);
    // the province sees it, but it does not cover Quy Nhơn
    e = assertInvalid(await lead.post('/api/activities', input()), ['planActivityId']);
    assert.match(e.message, /không áp dụng cho Quy Nhơn/);
    assert.match(e.messageEn, /does not cover Quy Nhơn/);
    // …and it does cover its own ward
    assertStatus(await lead.post('/api/activities', input({ orgUnitCode: '21553' })), 201);
    // the draft plan of Công an: not approved
    const congan = (await listAll(lead, '/api/plans?year=2026')).items.find((x) => x.agency.name === 'Công an tỉnh Gia Lai');
    const draft = assertStatus(await lead.get(`/api/plans/${congan.id}`), 200);
    e = assertInvalid(await lead.post('/api/activities', input({ planActivityId: draft.activities[0].id })), ['planActivityId']);
    assert.match(e.messageEn, /approved plan/);
  });
});
