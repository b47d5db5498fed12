// Money through its stages (issue 19; docs/api-money.md §1–3) on the real server: budgets per
// planned activity (derived plan budget, both typed → 400, every fault listed, nothing written,
// copied by a new version), allocation decisions (create → edit → issue → locked → amend with a
// cut → issue; a cut below 0 refused; drafts never count), scope (Đồng Nai 404), permission
// (viewer 403), audit entries, validation in vi + en with nothing half-written, conflicts, and
// the over-allocation warning of spending against a planned activity.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, loginAll, startServer, todayVN, uniq, unzip, decision } from './harness.mjs';

const TODAY = todayVN();
const YEAR = Number(TODAY.slice(0, 4));
const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'));

describe(`money: activity budgets and allocation decisions ${KIND}`, () => {
  let server, S, agencies, programmes, plan;
  const agency = (name) => agencies.find((a) => a.name === name).id;
  const prog = (fragment) => programmes.find((p) => p.name.includes(fragment)).id;

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
    agencies = (await listAll(S.admin, '/api/agencies')).items;
    programmes = (await listAll(S.admin, '/api/programmes')).items;
    // a plan of this year of its own (the demo's plans carry the demo's decisions), approved so that
    // activities may implement its activities
    const lead = S['tinh.gialai'];
    const p = assertStatus(await lead.post('/api/plans', { orgUnitCode: '52', agencyId: agency('Hội Liên hiệp Phụ nữ tỉnh Gia Lai'), year: YEAR,
      ...planContent({ title: 'Kế hoạch cho quyết định giao kinh phí' }) }), 201);
    assertStatus(await lead.post(`/api/plans/${p.id}/submit`, {}), 200);
    plan = assertStatus(await S.admin.post(`/api/plans/${p.id}/approve`, decision()), 200);
  });
  after(async () => { await server?.stop(); });

  function planContent(extra = {}) {
    return {
      title: 'Kế hoạch có kinh phí theo hoạt động',
      beneficiaries: [],
      activities: [
        { interventionType: 'condoms', description: 'Cấp phát bao cao su', leadAgencyId: agency('Sở Y tế tỉnh Gia Lai'),
          budget: [{ fundingSource: 'provincial_budget', amount: 10000000 },
            { fundingSource: 'integrated_programmes', programmeId: prog('HIV/AIDS tỉnh Gia Lai'), amount: 5000000 }] },
        { interventionType: 'community_sessions', description: 'Tuyên truyền', leadAgencyId: agency('Sở Y tế tỉnh Gia Lai'),
          budget: [{ fundingSource: 'provincial_budget', amount: 2500000 }] },
      ],
      ...extra,
    };
  }

  test('plan budgets per activity: derived total, basis, both typed → 400, every fault listed, nothing written, new version copies', async () => {
    const lead = S['tinh.gialai'];
    const before = assertStatus(await lead.get('/api/plans?pageSize=1'), 200).total;
    // both a top-level budget and activity budgets
    assertError(await lead.post('/api/plans', { orgUnitCode: '52', agencyId: agency('Hội Liên hiệp Phụ nữ tỉnh Gia Lai'), year: YEAR + 3,
      ...planContent({ budget: [{ fundingSource: 'provincial_budget', year: YEAR + 3, amount: 1 }] }) }), 400, 'validation_failed', 'budget');
    // every fault of the activity budgets listed
    const bad = planContent();
    bad.activities[0].budget = [{ fundingSource: 'no_such', amount: 1 }, { fundingSource: 'provincial_budget', amount: -5 },
      { fundingSource: 'provincial_budget', amount: 1 }];
    const e = assertError(await lead.post('/api/plans', { orgUnitCode: '52', agencyId: agency('Hội Liên hiệp Phụ nữ tỉnh Gia Lai'), year: YEAR + 3, ...bad }),
      400, 'validation_failed');
    assert.deepEqual(e.details.map((d) => d.field), ['activities[0].budget[0].fundingSource', 'activities[0].budget[1].amount',
      'activities[0].budget[2].fundingSource']);
    assert.ok(e.details.every((d) => d.message && d.messageEn && d.message !== d.messageEn));
    assert.equal(assertStatus(await lead.get('/api/plans?pageSize=1'), 200).total, before, 'nothing written');

    const p = assertStatus(await lead.post('/api/plans', { orgUnitCode: '52', agencyId: agency('Hội Liên hiệp Phụ nữ tỉnh Gia Lai'), year: YEAR + 3,
      ...planContent() }), 201);
    assert.equal(p.budgetBasis, 'activities');
    assert.equal(p.activities[0].budgetTotal, 15000000);
    assert.equal(p.activities[0].budget[1].programme.id, prog('HIV/AIDS tỉnh Gia Lai'));
    assert.equal(p.budgetTotal, 17500000);
    const prov = p.budget.find((b) => b.fundingSource === 'provincial_budget');
    assert.equal(prov.amount, 12500000);
    assert.equal(prov.year, YEAR + 3);
    // editing: the derived budget follows; typed whole-plan lines again when no activity has a budget
    const edited = planContent();
    edited.activities[1].budget = [];
    const p2 = assertStatus(await lead.put(`/api/plans/${p.id}`, { ...edited, version: p.version }), 200);
    assert.equal(p2.budgetTotal, 15000000);
    const plain = planContent();
    for (const a of plain.activities) delete a.budget;
    const p3 = assertStatus(await lead.put(`/api/plans/${p.id}`, { ...plain, budget: [{ fundingSource: 'provincial_budget', year: YEAR + 3, amount: 7 }],
      version: p2.version }), 200);
    assert.equal(p3.budgetBasis, 'plan');
    assert.equal(p3.budgetTotal, 7);
    const p4 = assertStatus(await lead.put(`/api/plans/${p.id}`, { ...plain, version: p3.version }), 200);
    assert.equal(p4.budgetBasis, 'none');
    const p5 = assertStatus(await lead.put(`/api/plans/${p.id}`, { ...planContent(), version: p4.version }), 200);
    // approve (the administrator), new version copies the activity budgets
    assertStatus(await lead.post(`/api/plans/${p.id}/submit`, {}), 200);
    assertStatus(await S.admin.post(`/api/plans/${p.id}/approve`, decision()), 200);
    const nv = assertStatus(await lead.post(`/api/plans/${p.id}/new-version`, {}), 201);
    assert.equal(nv.budgetBasis, 'activities');
    assert.deepEqual(nv.activities.map((a) => a.budgetTotal), p5.activities.map((a) => a.budgetTotal));
    assert.equal(nv.budgetTotal, 17500000);
    // the workbook holds the lines per activity
    const x = await fetch(`${server.base}/api/plans/${p.id}/export.xlsx`, { headers: { cookie: lead.cookie } });
    assert.equal(x.status, 200);
    const strings = unzip(Buffer.from(await x.arrayBuffer())).get('xl/sharedStrings.xml').toString('utf8');
    for (const s of ['Hoạt động', 'Cấp phát bao cao su', 'Tuyên truyền', 'Tổng theo nguồn kinh phí', 'Ngân sách tỉnh', 'Tổng cộng'])
      assert.ok(strings.includes(s), s);
  });

  test('the demo: decisions of old Bình Định (2024), Gia Lai 2026 with a cut, Đồng Nai; activity budgets; one over-spending', async () => {
    const gl = S['tinh.gialai'];
    const bd = assertStatus(await gl.get('/api/allocation-decisions?year=2024'), 200).items;
    assert.ok(bd.some((d) => d.number === '245/QĐ-UBND' && d.orgUnit.name === 'Bình Định' && d.status === 'issued'), JSON.stringify(bd).slice(0, 300));
    const g26 = assertStatus(await gl.get('/api/allocation-decisions?orgUnit=52&year=2026'), 200).items;
    const orig = g26.find((d) => d.number === '112/QĐ-UBND');
    assert.ok(orig && orig.status === 'issued');
    assert.equal(orig.amendedBy.length, 1);
    assert.equal(orig.effectiveTotal, orig.total - 50000000);
    const dn = assertStatus(await S['tinh.dongnai'].get('/api/allocation-decisions'), 200).items;
    assert.ok(dn.some((d) => d.number === '301/QĐ-UBND'));
    assert.ok(!dn.some((d) => d.number === '112/QĐ-UBND'), 'Đồng Nai does not see Gia Lai');
    const soyte = (await listAll(gl, '/api/plans?year=2026')).items.find((p) => p.agency.name === 'Sở Y tế tỉnh Gia Lai');
    assert.equal(soyte.budgetTotal, 900000000, 'the demo plan keeps its total');
    const full = assertStatus(await gl.get(`/api/plans/${soyte.id}`), 200);
    assert.equal(full.budgetBasis, 'activities');
    assert.equal(full.activities.reduce((s, a) => s + a.budgetTotal, 0), 900000000);
    const w = assertStatus(await gl.get('/api/money/warnings?orgUnit=52&year=2026'), 200).items;
    assert.ok(w.some((x) => x.code === 'over_allocation' && x.spent > x.allocated), 'one plan activity over-spends');
  });

  function decisionBody(extra = {}) {
    return {
      orgUnitCode: '52', year: YEAR, issuingBody: 'UBND tỉnh Gia Lai', number: `${uniq('QĐ')}/QĐ-UBND`, decisionDate: TODAY,
      planId: plan.id, note: 'Giao dự toán phòng, chống mại dâm',
      lines: [{ planActivityId: plan.activities[0].id, fundingSource: 'provincial_budget', amount: 10000000, note: 'Hoạt động 1' },
        { fundingSource: 'commune_budget', amount: 4000000 }],
      ...extra,
    };
  }

  test('decisions: create → edit → issue → locked → amend (a cut) → issue; cut below 0 refused; audit; list and search', async () => {
    const lead = S['tinh.gialai'];
    const d = assertStatus(await lead.post('/api/allocation-decisions', decisionBody()), 201);
    assert.equal(d.status, 'draft');
    assert.equal(d.total, 14000000);
    assert.equal(d.orgUnit.code, '52');
    assert.equal(d.plan.id, plan.id);
    assert.equal(d.lines[0].planActivity.id, plan.activities[0].id);
    assert.deepEqual(d.can, { edit: true, issue: true, amend: false, delete: true, attach: true });
    // the same number, body and date again → 409 conflict naming number
    assertError(await lead.post('/api/allocation-decisions', decisionBody({ number: d.number })), 409, 'conflict', 'number');
    // edit with a stale version → 409 conflict
    assertError(await lead.put(`/api/allocation-decisions/${d.id}`, { ...decisionBody({ number: d.number }), version: d.version + 5 }), 409, 'conflict');
    const e1 = assertStatus(await lead.put(`/api/allocation-decisions/${d.id}`, { ...decisionBody({ number: d.number, note: 'Sửa' }),
      version: d.version }), 200);
    assert.equal(e1.note, 'Sửa');
    // a draft does not count: no warning yet; then issue
    const issued = assertStatus(await lead.post(`/api/allocation-decisions/${d.id}/issue`, { version: e1.version }), 200);
    assert.equal(issued.status, 'issued');
    assert.equal(issued.issuedBy, 'tinh.gialai');
    assert.equal(issued.can.amend, true);
    assertError(await lead.post(`/api/allocation-decisions/${d.id}/issue`, { version: issued.version }), 409, 'invalid_transition');
    assertError(await lead.put(`/api/allocation-decisions/${d.id}`, { ...decisionBody({ number: d.number }), version: issued.version }), 409, 'decision_issued');
    assertError(await lead.request('DELETE', `/api/allocation-decisions/${d.id}`), 409, 'decision_issued');
    // evidence file on an issued decision (any status)
    const att = assertStatus(await lead.post(`/api/allocation-decisions/${d.id}/attachments?filename=qd.pdf`, PDF, { raw: true }), 201);
    assertStatus(await S['xem.gialai'].get(`/api/allocation-decisions/${d.id}/attachments/${att.id}`, { raw: true }), 200);
    assertError(await lead.request('DELETE', `/api/allocation-decisions/${d.id}/attachments/${att.id}`), 409, 'decision_issued');

    // an amendment: a cut of 3.000.000 on the plan activity line
    const amendBody = (amount, extra = {}) => ({ issuingBody: 'UBND tỉnh Gia Lai', number: `${uniq('ĐC')}/QĐ-UBND`, decisionDate: TODAY,
      lines: [{ planActivityId: plan.activities[0].id, fundingSource: 'provincial_budget', amount }], ...extra });
    assertError(await lead.post(`/api/allocation-decisions/${d.id}/amend`, amendBody(0)), 400, 'validation_failed', 'lines[0].amount');
    const big = assertStatus(await lead.post(`/api/allocation-decisions/${d.id}/amend`, amendBody(-30000000)), 201);
    const ebig = assertError(await lead.post(`/api/allocation-decisions/${big.id}/issue`, { version: big.version }), 400, 'validation_failed', 'lines[0].amount');
    assert.match(ebig.message, /30\.000\.000 đồng vượt số đã giao 10\.000\.000 đồng/);
    assertStatus(await lead.request('DELETE', `/api/allocation-decisions/${big.id}`), 204);
    const cut = assertStatus(await lead.post(`/api/allocation-decisions/${d.id}/amend`, amendBody(-3000000)), 201);
    assert.equal(cut.amends.id, d.id);
    assert.equal(cut.total, -3000000);
    assert.equal(cut.orgUnit.code, '52');
    const cutIssued = assertStatus(await lead.post(`/api/allocation-decisions/${cut.id}/issue`, { version: cut.version }), 200);
    assert.equal(cutIssued.status, 'issued');
    const orig = assertStatus(await lead.get(`/api/allocation-decisions/${d.id}`), 200);
    assert.equal(orig.effectiveTotal, 11000000);
    assert.deepEqual(orig.amendedBy.map((a) => [a.id, a.status]), [[cut.id, 'issued']]);
    // amending an amendment amends its original
    const again = assertStatus(await lead.post(`/api/allocation-decisions/${cut.id}/amend`, amendBody(1000000)), 201);
    assert.equal(again.amends.id, d.id);
    // an amendment dated before its original → 400
    assertError(await lead.post(`/api/allocation-decisions/${d.id}/amend`, amendBody(1, { decisionDate: `${YEAR - 1}-01-01` })), 400,
      'validation_failed', 'decisionDate');

    // audit in the same transaction: create, update, issue
    const audit = assertStatus(await S.admin.get(`/api/audit?entity=allocation_decision&entityId=${d.id}`), 200).items;
    assert.deepEqual(audit.map((x) => x.action).sort(), ['create', 'update', 'update']);
    // list: newest first, search without diacritics, filters
    const list = assertStatus(await lead.get(`/api/allocation-decisions?orgUnit=52&year=${YEAR}&planId=${plan.id}`), 200);
    assert.ok(list.items.some((x) => x.id === d.id));
    assert.equal(list.items[0].lines, undefined, 'list items carry no lines');
    const found = assertStatus(await lead.get(`/api/allocation-decisions?q=${encodeURIComponent('ubnd tinh gia lai')}&status=issued`), 200);
    assert.ok(found.items.some((x) => x.id === d.id));
    assert.ok(found.items.every((x) => x.status === 'issued'));
    assert.equal(assertStatus(await lead.get('/api/allocation-decisions?q=khong-co-dau-nao'), 200).total, 0);

    // spending against allocation: 10.000.000 - 3.000.000 = 7.000.000 allocated to the plan activity, spend 12.500.000
    const tag = uniq('ma');
    const act = assertStatus(await lead.post('/api/activities', {
      title: `Theo kế hoạch ${tag}`, interventionTypeCode: 'community_sessions', orgUnitCode: '52', leadAgencyId: agency('Sở Y tế tỉnh Gia Lai'),
      partnerAgencyIds: [], programmeIds: [], planActivityId: plan.activities[0].id, startDate: `${YEAR}-03-10`, endDate: `${YEAR}-03-12`,
      reach: [{ targetGroup: 'sex_workers', total: 30 }], outputs: [], costs: [{ fundingSource: 'provincial_budget', amount: 12500000 }],
    }), 201);
    const w = act.moneyWarnings.filter((x) => x.planActivityId === plan.activities[0].id);
    const bySource = w.find((x) => x.fundingSource === 'provincial_budget');
    assert.ok(bySource, JSON.stringify(act.moneyWarnings));
    assert.equal(bySource.code, 'over_allocation');
    assert.equal(bySource.allocated, 7000000);
    assert.ok(bySource.spent >= 12500000);
    assert.match(bySource.message, /vượt kinh phí được giao 7\.000\.000 đồng/);
    assert.ok(w.some((x) => x.fundingSource === null), 'the total warning');
    const listed = assertStatus(await lead.get(`/api/money/warnings?orgUnit=52&year=${YEAR}`), 200);
    assert.ok(listed.items.some((x) => x.planActivityId === plan.activities[0].id));
    // an activity implementing no plan activity carries no warning
    const free = assertStatus(await lead.post('/api/activities', {
      title: `Ngoài kế hoạch ${tag}`, interventionTypeCode: 'community_sessions', orgUnitCode: '52', leadAgencyId: agency('Sở Y tế tỉnh Gia Lai'),
      partnerAgencyIds: [], programmeIds: [], planActivityId: null, startDate: `${YEAR}-03-10`, endDate: `${YEAR}-03-12`,
      reach: [], outputs: [], costs: [{ fundingSource: 'provincial_budget', amount: 99 }],
    }), 201);
    assert.deepEqual(free.moneyWarnings, []);
  });

  test('scope, permission and bad input: Đồng Nai 404, viewer 403, every fault in vi + en, nothing half-written', async () => {
    const lead = S['tinh.gialai'];
    const d = assertStatus(await lead.post('/api/allocation-decisions', decisionBody()), 201);
    for (const path of [`/api/allocation-decisions/${d.id}`])
      assertError(await S['tinh.dongnai'].get(path), 404, 'not_found');
    assertError(await S['tinh.dongnai'].post(`/api/allocation-decisions/${d.id}/issue`, { version: d.version }), 404, 'not_found');
    assertError(await S['tinh.dongnai'].get('/api/allocation-decisions?orgUnit=52'), 404, 'not_found');
    assert.ok(!assertStatus(await S['tinh.dongnai'].get('/api/allocation-decisions'), 200).items.some((x) => x.id === d.id));
    // the viewer reads, cannot write
    assert.equal(assertStatus(await S['xem.gialai'].get(`/api/allocation-decisions/${d.id}`), 200).can.edit, false);
    assertError(await S['xem.gialai'].post('/api/allocation-decisions', decisionBody()), 403, 'forbidden');
    assertError(await S['xem.gialai'].post(`/api/allocation-decisions/${d.id}/issue`, { version: d.version }), 403, 'forbidden');
    // bad input: every fault listed, in both languages
    const auditBefore = assertStatus(await S.admin.get('/api/audit?entity=allocation_decision&pageSize=1'), 200).total;
    const e = assertError(await lead.post('/api/allocation-decisions', {
      orgUnitCode: '75', year: YEAR, issuingBody: '', number: 'x'.repeat(65), decisionDate: '2999-01-01', planId: plan.id,
      lines: [{ fundingSource: 'provincial_budget', amount: 0 }, { planActivityId: 99999999, fundingSource: 'no_such', amount: 1 }],
    }), 400, 'validation_failed');
    const fields = e.details.map((x) => x.field);
    for (const f of ['issuingBody', 'number', 'decisionDate', 'lines[0].amount', 'orgUnitCode', 'lines[1].fundingSource', 'lines[1].planActivityId'])
      assert.ok(fields.includes(f), `${f} in ${fields}`);
    assert.ok(e.details.every((x) => x.message !== x.messageEn));
    // a plan activity without a plan; a year far from the date
    const e2 = assertError(await lead.post('/api/allocation-decisions', decisionBody({ planId: null, year: YEAR + 3 })), 400, 'validation_failed');
    assert.ok(e2.details.some((x) => x.field === 'lines[0].planActivityId'));
    assert.ok(e2.details.some((x) => x.field === 'year' || x.field === 'decisionDate'));
    assert.equal(assertStatus(await S.admin.get('/api/audit?entity=allocation_decision&pageSize=1'), 200).total, auditBefore, 'nothing written');
    // delete a draft
    assertStatus(await lead.request('DELETE', `/api/allocation-decisions/${d.id}`), 204);
    assertError(await lead.get(`/api/allocation-decisions/${d.id}`), 404, 'not_found');
  });
});
