// Integration plans (guidance 221 §5.2) and their approval workflow, on the real server:
// draft → submit → return (comment required) → edit → resubmit → approve → locked →
// new version → the old one superseded; access by scope, agency and approval rule; validation
// naming the field; the .xlsx export.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, loginAll, startServer, unzip, decision } from './harness.mjs';

describe(`integration plans ${KIND}`, () => {
  let server, S, agencies, programmes;
  const agency = (name) => agencies.find((a) => a.name === name).id;
  const prog = (fragment) => programmes.find((p) => p.name.includes(fragment)).id;

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
    agencies = (await listAll(S.admin, '/api/agencies')).items;
    programmes = (await listAll(S.admin, '/api/programmes')).items;
  });
  after(async () => { await server?.stop(); });

  function content(extra = {}) {
    return {
      title: 'Kế hoạch lồng ghép thử nghiệm',
      note: 'Ghi chú',
      beneficiaries: [{ targetGroup: 'sex_workers', programmeId: prog('HIV/AIDS tỉnh Gia Lai'), plannedCount: 120 }],
      activities: [{
        interventionType: 'condoms', targetGroup: 'sex_workers', programmeId: prog('HIV/AIDS tỉnh Gia Lai'),
        description: 'Cấp phát bao cao su', plannedQuantity: 5000, quantityUnit: 'chiếc',
        startDate: '2027-02-01', endDate: '2027-06-30', locationCode: '21583',
        leadAgencyId: agency('Sở Y tế tỉnh Gia Lai'), partnerAgencyIds: [agency('Hội Liên hiệp Phụ nữ tỉnh Gia Lai')],
      }],
      budget: [{ fundingSource: 'provincial_budget', year: 2027, amount: 1234567890 }],
      ...extra,
    };
  }

  test('the demo: an approved 2026 plan of Sở Y tế Gia Lai with its history, a draft of Công an, Bình Định 2024', async () => {
    const all = (await listAll(S['tinh.gialai'], '/api/plans')).items;
    const soyte = all.find((p) => p.agency.name === 'Sở Y tế tỉnh Gia Lai' && p.year === 2026);
    assert.equal(soyte.status, 'approved');
    assert.equal(soyte.orgUnit.code, '52');
    assert.equal(soyte.budgetTotal, 900000000);
    const full = assertStatus(await S['tinh.gialai'].get(`/api/plans/${soyte.id}`), 200);
    assert.equal(full.beneficiaries.length, 3);
    assert.equal(full.activities.length, 9);  // 4 of Sở Y tế, 5 inter-agency (issue 15: the demo activities implement them)
    assert.equal(full.activities[0].leadAgency.name, 'Sở Y tế tỉnh Gia Lai');
    assert.ok(full.activities[0].partners.length >= 1);
    assert.equal(full.submittedBy, 'coquan.gialai');
    const h = assertStatus(await S['tinh.gialai'].get(`/api/plans/${soyte.id}/history`), 200).items;
    assert.deepEqual(h.map((x) => x.action), ['create', 'submit', 'return', 'resubmit', 'approve']);
    assert.ok(h[2].comment.length > 0);
    assert.equal(all.find((p) => p.agency.name === 'Công an tỉnh Gia Lai').status, 'draft');
    // old Bình Định (52 until 30/06/2025) is inside the new Gia Lai's scope
    const bd = all.find((p) => p.year === 2024);
    assert.equal(bd.orgUnit.name, 'Bình Định');
    assert.equal(bd.status, 'approved');
    const bh = assertStatus(await S['tinh.gialai'].get(`/api/plans/${bd.id}/history`), 200).items;
    assert.deepEqual(bh.map((x) => x.action), ['create', 'submit', 'approve']);
    // filters
    assert.equal(assertStatus(await S['tinh.gialai'].get('/api/plans?year=2024'), 200).total, 1);
    // an unknown unit, year, agency or versions is refused, naming the parameter
    assertError(await S['tinh.gialai'].get('/api/plans?orgUnit=540'), 404, 'org_unit_not_found', 'orgUnit');
    assertError(await S['tinh.gialai'].get('/api/programmes?orgUnit=540&year=2026'), 404, 'org_unit_not_found', 'orgUnit');
    for (const q of ['year=20x4', 'agencyId=0', 'versions=some'])
      assertError(await S['tinh.gialai'].get(`/api/plans?${q}`), 400, 'validation_failed', q.split('=')[0]);
    assertError(await S['tinh.gialai'].get('/api/programmes?year=99'), 400, 'validation_failed', 'year');
    assert.ok(assertStatus(await S['tinh.gialai'].get('/api/plans?status=approved'), 200).items.every((p) => p.status === 'approved'));
    assert.equal(assertStatus(await S['tinh.gialai'].get('/api/plans?q=cong%20an%20tinh%20gia%20lai'), 200).total, 1, 'search without diacritics');
    assertError(await S['tinh.gialai'].get('/api/plans?status=rejected'), 400, 'validation_failed', 'status');
  });

  test('the full cycle: draft → submit → return → edit → resubmit → approve → locked → new version → superseded', async () => {
    const focal = S['coquan.gialai'], lead = S['tinh.gialai'];
    const created = assertStatus(await focal.post('/api/plans', {
      orgUnitCode: '52', agencyId: agency('Sở Y tế tỉnh Gia Lai'), year: 2027, ...content(),
    }), 201);
    assert.equal(created.status, 'draft');
    assert.equal(created.planVersion, 1);
    assert.equal(created.can.edit, true);
    assert.equal(created.budget[0].amount, 1234567890);
    assert.equal(created.activities[0].location.code, '21583');
    const id = created.id;

    // duplicate for the same unit, agency and year
    assertError(await focal.post('/api/plans', { orgUnitCode: '52', agencyId: agency('Sở Y tế tỉnh Gia Lai'), year: 2027, ...content() }),
      409, 'conflict', 'year');
    // approving a draft is an illegal transition, named
    const e = assertError(await lead.post(`/api/plans/${id}/approve`, {}), 409, 'invalid_transition');
    assert.match(e.messageEn, /from draft to approved/);

    let p = assertStatus(await focal.post(`/api/plans/${id}/submit`, {}), 200);
    assert.equal(p.status, 'submitted');
    assertError(await focal.put(`/api/plans/${id}`, { ...content(), version: p.version }), 409, 'plan_locked');
    assertError(await focal.post(`/api/plans/${id}/submit`, {}), 409, 'invalid_transition');
    // the inbox of the province lead officer holds it; the focal point has no inbox
    assert.ok(assertStatus(await lead.get('/api/plans/inbox'), 200).items.some((x) => x.id === id));
    assertError(await focal.get('/api/plans/inbox'), 403, 'forbidden');

    // return needs a comment
    assertError(await lead.post(`/api/plans/${id}/return`, {}), 400, 'validation_failed', 'comment');
    assertError(await lead.post(`/api/plans/${id}/return`, { comment: '   ' }), 400, 'validation_failed', 'comment');
    p = assertStatus(await lead.post(`/api/plans/${id}/return`, { comment: 'Bổ sung kinh phí xã hội hóa' }), 200);
    assert.equal(p.status, 'returned');
    assert.equal(p.can.approve, false);
    assert.ok(!assertStatus(await lead.get('/api/plans/inbox'), 200).items.some((x) => x.id === id), 'left the inbox');

    // edited by the focal point (stale version refused), then resubmitted
    const stale = p.version - 1;
    assertError(await focal.put(`/api/plans/${id}`, { ...content(), version: stale }), 409, 'conflict');
    const edited = content({ budget: [...content().budget, { fundingSource: 'socialisation', year: 2027, amount: 50000000 }] });
    p = assertStatus(await focal.put(`/api/plans/${id}`, { ...edited, version: p.version }), 200);
    assert.equal(p.status, 'returned');
    assert.equal(p.budgetTotal, 1234567890 + 50000000);
    p = assertStatus(await focal.post(`/api/plans/${id}/submit`, {}), 200);
    assert.equal(p.status, 'submitted');
    assert.equal(p.submittedBy, 'coquan.gialai');

    // neither the commune officer (no plans.approve) nor another province may decide
    assertError(await S['xa.gialai'].post(`/api/plans/${id}/approve`, {}), 403, 'forbidden');
    assertError(await S['tinh.dongnai'].post(`/api/plans/${id}/approve`, {}), 404, 'not_found');
    p = assertStatus(await lead.post(`/api/plans/${id}/approve`, decision({ comment: 'Đồng ý' })), 200);
    assert.equal(p.status, 'approved');
    assert.equal(p.can.newVersion, true);

    // locked: any edit is refused with plan_locked, in both languages
    const locked = assertError(await focal.put(`/api/plans/${id}`, { ...content(), version: p.version }), 409, 'plan_locked');
    assert.match(locked.message, /phiên bản mới/);
    assertError(await lead.put(`/api/plans/${id}`, { ...content(), version: p.version }), 409, 'plan_locked');
    assertError(await lead.post(`/api/plans/${id}/return`, { comment: 'x' }), 409, 'invalid_transition');
    assert.equal(assertStatus(await focal.get(`/api/plans/${id}`), 200).budgetTotal, 1234567890 + 50000000, 'nothing written');

    // a new version: a draft copy as version 2; only one newer version at a time
    const v2 = assertStatus(await focal.post(`/api/plans/${id}/new-version`, {}), 201);
    assert.equal(v2.planVersion, 2);
    assert.equal(v2.status, 'draft');
    assert.equal(v2.rootId, id);
    assert.equal(v2.budgetTotal, 1234567890 + 50000000);
    assert.equal(v2.activities[0].partners.length, 1);
    assertError(await focal.post(`/api/plans/${id}/new-version`, {}), 409, 'conflict');
    // the list shows the latest version; versions=all shows both
    const latest = (await listAll(focal, '/api/plans?year=2027')).items;
    assert.deepEqual(latest.map((x) => x.id), [v2.id]);
    assert.equal((await listAll(focal, '/api/plans?year=2027&versions=all')).items.length, 2);

    let q = assertStatus(await focal.put(`/api/plans/${v2.id}`, { ...content({ title: 'Kế hoạch điều chỉnh' }), version: v2.version }), 200);
    q = assertStatus(await focal.post(`/api/plans/${v2.id}/submit`, {}), 200);
    // the submitter cannot approve their own plan, even holding plans.approve
    assertError(await lead.post(`/api/plans/${v2.id}/new-version`, {}), 409, 'invalid_transition');
    q = assertStatus(await lead.post(`/api/plans/${v2.id}/approve`, decision()), 200);
    assert.equal(q.status, 'approved');
    assert.equal(assertStatus(await focal.get(`/api/plans/${id}`), 200).status, 'superseded');

    // every version and the whole history stay readable
    const versions = assertStatus(await focal.get(`/api/plans/${v2.id}/versions`), 200).items;
    assert.deepEqual(versions.map((x) => [x.planVersion, x.status]), [[1, 'superseded'], [2, 'approved']]);
    const h = assertStatus(await focal.get(`/api/plans/${id}/history`), 200).items;
    assert.deepEqual(h.map((x) => `${x.planVersion}:${x.action}`),
      ['1:create', '1:submit', '1:return', '1:resubmit', '1:approve', '2:new_version', '2:submit', '2:approve', '1:supersede']);
    assert.equal(h[2].comment, 'Bổ sung kinh phí xã hội hóa');
    assert.equal(h[2].username, 'tinh.gialai');
    assert.equal(h[3].fromStatus, 'returned');
    for (const x of h) assert.match(x.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(assertStatus(await focal.get(`/api/plans/${v2.id}/history`), 200).items, h);
    // the audit trail has the transitions
    const audit = (await listAll(S.admin, `/api/audit?entity=integration_plan&entityId=${id}`)).items;
    assert.ok(audit.length >= 7, `audit entries: ${audit.length}`);
  });

  test('the submitter cannot approve their own plan', async () => {
    const lead = S['tinh.gialai'];
    const p = assertStatus(await lead.post('/api/plans', {
      orgUnitCode: '52', agencyId: agency('Hội Liên hiệp Phụ nữ tỉnh Gia Lai'), year: 2027, ...content(),
    }), 201);
    assertStatus(await lead.post(`/api/plans/${p.id}/submit`, {}), 200);
    const e = assertError(await lead.post(`/api/plans/${p.id}/approve`, {}), 403, 'forbidden');
    assert.match(e.messageEn, /submitter/);
    assertError(await lead.post(`/api/plans/${p.id}/return`, { comment: 'x' }), 403, 'forbidden');
    assert.ok(!assertStatus(await lead.get('/api/plans/inbox'), 200).items.some((x) => x.id === p.id));
    // the system administrator may decide by rule (central → province plans)
    assert.ok(assertStatus(await S.admin.get('/api/plans/inbox'), 200).items.some((x) => x.id === p.id));
    assert.equal(assertStatus(await S.admin.post(`/api/plans/${p.id}/approve`, decision()), 200).status, 'approved');
  });

  test('access: own agency for a focal point, the province for its officer, nothing across provinces', async () => {
    const all = (await listAll(S.admin, '/api/plans?year=2026')).items;
    const soyte = all.find((p) => p.agency.name === 'Sở Y tế tỉnh Gia Lai');
    const congan = all.find((p) => p.agency.name === 'Công an tỉnh Gia Lai');
    // the focal point of Sở Y tế sees its plan, not Công an's
    const mine = (await listAll(S['coquan.gialai'], '/api/plans')).items;
    assert.ok(mine.length >= 1);
    assert.ok(mine.every((p) => p.agency.name === 'Sở Y tế tỉnh Gia Lai'), 'only own agency');
    assertStatus(await S['coquan.gialai'].get(`/api/plans/${soyte.id}`), 200);
    assertError(await S['coquan.gialai'].get(`/api/plans/${congan.id}`), 404, 'not_found');
    assertError(await S['coquan.gialai'].get(`/api/plans/${congan.id}/history`), 404, 'not_found');
    assertError(await S['coquan.gialai'].put(`/api/plans/${congan.id}`, { ...content(), version: 1 }), 404, 'not_found');
    // nor may it draft a plan for another agency
    assertError(await S['coquan.gialai'].post('/api/plans', {
      orgUnitCode: '52', agencyId: agency('Công an tỉnh Gia Lai'), year: 2031, ...content(),
    }), 403, 'forbidden', 'agencyId');
    // the province lead officer sees both; Đồng Nai sees nothing of Gia Lai
    assertStatus(await S['tinh.gialai'].get(`/api/plans/${congan.id}`), 200);
    assert.equal(assertStatus(await S['tinh.dongnai'].get('/api/plans'), 200).total, 0);
    for (const path of [`/api/plans/${soyte.id}`, `/api/plans/${soyte.id}/history`, `/api/plans/${soyte.id}/versions`,
      `/api/plans/${soyte.id}/export.xlsx`])
      assertError(await S['tinh.dongnai'].get(path), 404, 'not_found');
    assertError(await S['tinh.dongnai'].post('/api/plans', {
      orgUnitCode: '52', agencyId: agency('Sở Y tế tỉnh Gia Lai'), year: 2031, ...content(),
    }), 403, 'forbidden', 'orgUnitCode');
    // a viewer reads but cannot write; the commune officer cannot approve
    assertStatus(await S['xem.gialai'].get(`/api/plans/${congan.id}`), 200);
    assertError(await S['xem.gialai'].post(`/api/plans/${congan.id}/submit`, {}), 403, 'forbidden');
    assertError(await S['xa.gialai'].get('/api/plans/inbox'), 403, 'forbidden');
    // bo (ministry) reads every plan, writes none
    assert.equal(assertStatus(await S.bo.get('/api/plans?pageSize=1'), 200).total,
      assertStatus(await S.admin.get('/api/plans?pageSize=1'), 200).total);
    assertError(await S.bo.post(`/api/plans/${congan.id}/submit`, {}), 403, 'forbidden');
    assertError(await S['tinh.gialai'].get('/api/plans/99999999'), 404, 'not_found');
  });

  test('validation names the field and writes nothing', async () => {
    const lead = S['tinh.gialai'];
    const base = { orgUnitCode: '52', agencyId: agency('Sở Nội vụ tỉnh Gia Lai'), year: 2028 };
    const c = content();
    const cases = [
      [{ ...c, budget: [{ fundingSource: 'provincial_budget', year: 2028, amount: -1 }] }, 'budget[0].amount'],
      [{ ...c, budget: [{ fundingSource: 'lottery', year: 2028, amount: 1 }] }, 'budget[0].fundingSource'],
      [{ ...c, budget: [{ fundingSource: 'provincial_budget', year: 2028, amount: 1.5 }] }, 'budget[0].amount'],
      [{ ...c, beneficiaries: [{ targetGroup: 'aliens', programmeId: c.beneficiaries[0].programmeId }] }, 'beneficiaries[0].targetGroup'],
      [{ ...c, beneficiaries: [{ targetGroup: 'students', programmeId: 99999999 }] }, 'beneficiaries[0].programmeId'],
      [{ ...c, activities: [{ ...c.activities[0], interventionType: 'magic' }] }, 'activities[0].interventionType'],
      [{ ...c, activities: [{ ...c.activities[0], startDate: '2028-02-30' }] }, 'activities[0].startDate'],
      [{ ...c, activities: [{ ...c.activities[0], endDate: '31/12/2028' }] }, 'activities[0].endDate'],
      [{ ...c, activities: [{ ...c.activities[0], startDate: '2028-06-01', endDate: '2028-05-01' }] }, 'activities[0].endDate'],
      [{ ...c, activities: [{ ...c.activities[0], plannedQuantity: -3 }] }, 'activities[0].plannedQuantity'],
      [{ ...c, activities: [{ ...c.activities[0], leadAgencyId: 99999999 }] }, 'activities[0].leadAgencyId'],
      [{ ...c, activities: [{ ...c.activities[0], locationCode: '99999' }] }, 'activities[0].locationCode'],
      [{ ...c, activities: 'none' }, 'activities'],
      [{ ...c, title: '' }, 'title'],
    ];
    for (const [body, field] of cases) {
      const res = await lead.post('/api/plans', { ...base, ...body });
      assert.equal(res.status, 400, `${field}: ${res.text}`);
      assert.equal(res.body.error.field, field, res.text);
    }
    assertError(await lead.post('/api/plans', { ...base, ...c, year: 1999 }), 400, 'validation_failed', 'year');
    assertError(await lead.post('/api/plans', { ...base, ...c, agencyId: 99999999 }), 400, 'validation_failed', 'agencyId');
    assertError(await lead.post('/api/plans', { ...base, ...c, agencyId: agency('Sở Y tế tỉnh Đồng Nai') }), 400, 'validation_failed', 'agencyId');
    assertError(await lead.post('/api/plans', { ...base, ...c, orgUnitCode: '00000' }), 400, 'org_unit_not_found', 'orgUnitCode');
    assert.equal(assertStatus(await lead.get('/api/plans?year=2028'), 200).total, 0, 'nothing was written');
  });

  test('export: a valid .xlsx with the three Vietnamese sheets', async () => {
    const soyte = (await listAll(S['coquan.gialai'], '/api/plans?year=2026')).items[0];
    const res = await fetch(`${server.base}/api/plans/${soyte.id}/export.xlsx`, { headers: { cookie: S['coquan.gialai'].cookie } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(res.headers.get('content-disposition'), /^attachment; filename="ke-hoach-long-ghep-52-2026-v1\.xlsx"$/);
    const buf = Buffer.from(await res.arrayBuffer());
    assert.equal(buf.subarray(0, 2).toString('latin1'), 'PK');
    const files = unzip(buf);
    assert.ok(files.has('xl/workbook.xml'));
    const wb = files.get('xl/workbook.xml').toString('utf8');
    for (const name of ['Đối tượng', 'Hoạt động', 'Nguồn lực']) assert.ok(wb.includes(`name="${name}"`), name);
    const strings = files.get('xl/sharedStrings.xml').toString('utf8');
    for (const s of ['Nhóm đối tượng', 'Người bán dâm', 'Cơ quan chủ trì', 'Nguồn kinh phí', 'Ngân sách tỉnh', 'Sở Y tế tỉnh Gia Lai'])
      assert.ok(strings.includes(s), s);
    const styles = files.get('xl/styles.xml').toString('utf8');
    assert.ok(styles.includes('dd/mm/yyyy') && styles.includes('#,##0'), 'date and amount formats');
  });
});
