// The evidence of commune classification (issue 18 §2, docs/api-classification.md "Evidence"): what
// the registers hold about one commune and its predecessors in one year. (b) On the demo, the values
// of phường Quy Nhơn (21583) and commune 25210 of Đồng Nai for 2025 equal counts made by hand from
// the demo sources; (a) a small world built through the API moves each metric by exactly what was
// recorded, including data recorded on a predecessor commune before the merge of 01/07/2025; and
// who may read it (scope 404, no classification.read 403, bad input 422).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, decision, assertStatus, listAll, login, startServer, todayVN, uniq } from './harness.mjs';

const METRICS = ['approved_plan', 'comm_activities', 'people_reached', 'reports_on_time_pct', 'active_groups', 'services_delivered',
  'people_supported', 'businesses_operating', 'business_coverage_pct', 'violations', 'repeat_violators', 'prostitution_violations'];
const round1 = (x) => Math.round(x * 10) / 10;

describe(`classification evidence ${KIND}`, () => {
  let server;
  const S = {};
  const users = {};
  const TODAY = todayVN();
  const YEAR = Number(TODAY.slice(0, 4));

  before(async () => {
    server = await startServer();
    for (const u of ['admin', 'xa.gialai', 'tinh.gialai', 'tinh.dongnai', 'cm.gialai', 'gs.gialai', 'doikiemtra.gialai', 'coquan.gialai',
      'xem.gialai', 'congan.gialai'])
      S[u] = await login(server.base, u);
    for (const u of (await listAll(S.admin, '/api/users')).items) users[u.username] = u;
  });
  after(async () => server?.stop());

  const evidence = async (who, code, year) => assertStatus(await S[who].get(`/api/classification/evidence?commune=${code}&year=${year}`), 200);
  const values = (e) => Object.fromEntries(METRICS.map((m) => [m, e.metrics[m].value]));

  // Counted by hand from the demo generator (src/app/demo_*.cpp) and cross-checked by listing the
  // records through the public list APIs (GET /api/activities?orgUnit=21583&asOf=2025-12-31&from=
  // 2025-01-01&to=2025-12-31, /api/inspections?orgUnit=…&year=2025 with each record's violations,
  // /api/businesses/{id} status histories, /api/cases + services + consents, /api/case-groups, /api/plans):
  //
  // 21583 (Quy Nhơn, 2025 = the old communes 21556, 21562, 21580, 21583 until 30/06 + the new 21583):
  //  - activities starting in 2025: 18 on those units, 7 of them of group a (communication), reach 1956;
  //  - no integration plan of those units (the demo's plans are the province's) → 0;
  //  - no report in the demo: bc_6thang 2025-H1 due on each of the 4 old communes, 2025-H2 and bc_nam
  //    2025 on the new one, none submitted → 0 %;
  //  - the only club (CLB Hoa Hướng Dương) was founded 01/02/2026 → 0 groups in 2025;
  //  - one person supported residing on 21556 (52-2025-000001, consent to statistics 10/03/2025) with
  //    services on 13/03, 19/04 and 07/08/2025 → 1 person, 3 services (the 2026 cases have none in 2025);
  //  - businesses by their status history on 31/12/2025: Massage Hồng Phát (21556, from 10/03/2025,
  //    suspended only in 09/2026), Nhà nghỉ Hoa Sen (21556, 20/01/2025), Xông hơi Sen Vàng (20/08/2025,
  //    closed 30/06/2026), Karaoke Ngôi Sao (02/10/2025) → 4 (Bar Đêm Trắng and Cà phê Góc Nhỏ opened in 2026);
  //  - final inspections in 2025: KT-2025-000003 (Massage, facilitating_prostitution), -000004 (Hoa Sen,
  //    no_guest_register), -000005 (Massage, none), -000006 (Sen Vàng, no_worker_records), -000007
  //    (Ngôi Sao, antt_conditions_not_met), -000010 (Ngôi Sao, buying_sex) → all 4 businesses inspected:
  //    100 %; 5 violations; Ngôi Sao has violations in 2 inspections → 1 repeat violator; 2 about
  //    prostitution (facilitating, buying sex).
  // 25210 (Đồng Nai, no predecessor):
  //  - 6 activities in 2025, 2 of group a, reach 662; no plan, no report (bc_6thang H1, H2, bc_nam due) → 0 %;
  //  - no group; its only person supported (75-2026-000001) registered in 2026 → 0 people, services null;
  //  - businesses on 31/12/2025: Khách sạn Sông Đồng (01/09/2025), Bar Ánh Trăng (18/11/2025, closed
  //    only 01/08/2026) → 2; final inspections 2025: KT-2025-000008 (Sông Đồng, none), KT-2025-000009
  //    (Ánh Trăng, police_not_notified) → 100 %, 1 violation, 0 repeat, 0 about prostitution.
  test('the demo: 2025 values of 21583 (with its predecessors) and 25210 equal the hand counts', async () => {
    const qn = await evidence('xa.gialai', '21583', 2025);
    assert.equal(qn.commune.code, '21583');
    assert.equal(qn.year, 2025);
    assert.deepEqual(values(qn), {
      approved_plan: 0, comm_activities: 7, people_reached: 1956, reports_on_time_pct: 0, active_groups: 0, services_delivered: 3,
      people_supported: 1, businesses_operating: 4, business_coverage_pct: 100, violations: 5, repeat_violators: 1, prostitution_violations: 2,
    });
    // the sources: records, newest first, never a person
    assert.equal(qn.metrics.comm_activities.sourcesTotal, 7);
    assert.equal(qn.metrics.people_reached.sourcesTotal, 18);
    const v = qn.metrics.violations;
    assert.deepEqual(v.sources.map((x) => x.code), ['KT-2025-000010', 'KT-2025-000007', 'KT-2025-000006', 'KT-2025-000004', 'KT-2025-000003']);
    assert.ok(v.sources.every((x) => x.kind === 'inspection' && x.title && x.date.startsWith('2025-')));
    assert.deepEqual(qn.metrics.prostitution_violations.sources.map((x) => x.code), ['KT-2025-000010', 'KT-2025-000003']);
    assert.deepEqual(qn.metrics.repeat_violators.sources.map((x) => x.code), ['KT-2025-000010', 'KT-2025-000007']);
    for (const m of ['services_delivered', 'people_supported']) {
      assert.deepEqual(qn.metrics[m].sources, [], 'never a person');
      assert.equal(qn.metrics[m].sourcesTotal, 0);
    }
    const dates = qn.metrics.people_reached.sources.map((x) => x.date);
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
    for (const m of METRICS) {
      const x = qn.metrics[m];
      assert.equal(x.metric, m);
      assert.ok(x.labelVi && x.labelEn && x.labelVi !== x.labelEn, m);
      assert.ok(x.sources.length <= 20 && x.sourcesTotal >= x.sources.length, m);
    }

    const dn = await evidence('tinh.dongnai', '25210', 2025);
    assert.deepEqual(values(dn), {
      approved_plan: 0, comm_activities: 2, people_reached: 662, reports_on_time_pct: 0, active_groups: 0, services_delivered: null,
      people_supported: 0, businesses_operating: 2, business_coverage_pct: 100, violations: 1, repeat_violators: 0, prostitution_violations: 0,
    });
  });

  test('access: classification.read, the caller\'s scope (404), a commune valid on 31/12 of the year (422), the year (422)', async () => {
    // a commune officer of another commune, another province's officer: 404
    assertError(await S['xa.gialai'].get('/api/classification/evidence?commune=21607&year=2025'), 404);
    assertError(await S['tinh.dongnai'].get('/api/classification/evidence?commune=21583&year=2025'), 404);
    // without classification.read: 403
    for (const u of ['coquan.gialai', 'cm.gialai', 'congan.gialai'])
      assertError(await S[u].get('/api/classification/evidence?commune=21583&year=2025'), 403, 'forbidden');
    // readers of the province and the viewer read it
    for (const u of ['tinh.gialai', 'xem.gialai', 'admin']) await evidence(u, '21583', 2025);
    // not a commune on 31/12 of the year: a province, an old commune merged on 01/07/2025, no such code
    for (const code of ['52', '21556', 'ZZ999', '', '2158%']) {
      const e = assertError(await S.admin.get(`/api/classification/evidence?commune=${encodeURIComponent(code)}&year=2025`), 422, 'not_a_commune');
      assert.ok(e.message && e.messageEn && e.message !== e.messageEn);
    }
    // … but 21556 is a commune of 2024
    await evidence('admin', '21556', 2024);
    for (const y of ['2020', String(YEAR + 1), 'abc', '', '20255'])
      assertError(await S.admin.get(`/api/classification/evidence?commune=21583&year=${y}`), 422, 'year_out_of_range');
  });

  test('a small world through the API moves each metric by exactly what was recorded; a predecessor\'s data counts', async () => {
    const xa = S['xa.gialai'], team = S['doikiemtra.gialai'], cm = S['cm.gialai'];
    const before0 = await evidence('xa.gialai', '21583', YEAR);
    const b = values(before0);

    // activities: 2 of group a (reach 30 + 20), 1 of group c (reach 15)
    const me = assertStatus(await xa.get('/api/me'), 200);
    const activity = (type, title, total) => ({ title, interventionTypeCode: type, orgUnitCode: '21583', leadAgencyId: me.agency.id,
      startDate: TODAY, endDate: TODAY, reach: [{ targetGroup: 'service_workers', total }], outputs: [], costs: [] });
    assertStatus(await xa.post('/api/activities', activity('community_sessions', `Tuyên truyền ${uniq('')}`, 30)), 201);
    assertStatus(await xa.post('/api/activities', activity('media', `Phát thanh ${uniq('')}`, 20)), 201);
    const cond = assertStatus(await xa.post('/api/activities', activity('condoms', `Cấp phát ${uniq('')}`, 15)), 201);

    // a club founded this year
    const club = assertStatus(await cm.post('/api/case-groups', { orgUnitCode: '21583', orgUnitAsOf: TODAY, name: `CLB ${uniq('')}`,
      kind: 'club', hostProgrammeCode: 'hiv_aids', foundedOn: `${YEAR}-01-02` }), 201);

    // a person supported consenting to statistics with 2 services; another without that consent (1 service: not counted)
    const newCase = async (name) => assertStatus(await cm.post('/api/cases', {
      residenceUnitCode: '21583', residenceAsOf: TODAY, birthYear: 1995, sex: 'female', targetGroups: ['sex_workers'],
      caseWorkerId: users['cm.gialai'].id, supervisorId: users['gs.gialai'].id, registeredOn: `${YEAR}-01-02`,
      identity: { fullName: `${name} ${Date.now()}` } }), 201);
    const service = (deliveredOn) => ({ serviceCode: 'sti_hiv_testing', hostProgrammeCode: 'hiv_aids', fundingSourceCode: 'provincial_budget',
      deliveredOn, note: 'Xét nghiệm' });
    const p1 = await newCase('Người Bằng Chứng Một');
    for (const purpose of ['services', 'statistics'])
      assertStatus(await cm.post(`/api/cases/${p1.id}/consents`, { purpose, effectiveOn: `${YEAR}-01-02` }), 201);
    assertStatus(await cm.post(`/api/cases/${p1.id}/services`, service(`${YEAR}-01-03`)), 201);
    assertStatus(await cm.post(`/api/cases/${p1.id}/services`, service(TODAY)), 201);
    const p2 = await newCase('Người Bằng Chứng Hai');
    assertStatus(await cm.post(`/api/cases/${p2.id}/consents`, { purpose: 'services', effectiveOn: `${YEAR}-01-02` }), 201);
    assertStatus(await cm.post(`/api/cases/${p2.id}/services`, service(`${YEAR}-01-03`)), 201);

    // two businesses; the first inspected twice with violations (one about prostitution), the second
    // only in a draft record with a violation (a draft counts for nothing)
    const teamGL = assertStatus(await team.get('/api/inspection-teams'), 200).items[0];
    const biz = async (typeCode, name, communeCode = '21583', communeAsOf = TODAY) => assertStatus(await team.post('/api/businesses', {
      typeCode, name: `${name} ${uniq('')}`, address: '9 Lê Lợi', communeCode, communeAsOf, statusSince: communeAsOf, workersFemale: 2, workersMale: 1 }), 201);
    const record = (businessId, day, violations, extra = {}) => ({
      businessId, teamId: teamGL.id, inspectedOn: day, startedAt: `${day}T09:00`, endedAt: `${day}T10:00`, unannounced: false,
      representativeName: 'Nguyễn Văn Quản', representativeRole: 'Quản lý',
      membersPresent: [{ memberId: teamGL.members[0].id, fullName: teamGL.members[0].fullName, position: 'Đội trưởng', agencyName: 'Công an tỉnh' }],
      findings: 'Kiểm tra', outreach: { informed: 0, healthChecked: 0, referred: 0 }, violations, signature: 'signed', ...extra });
    const final = async (body) => {
      const r = assertStatus(await team.post('/api/inspections', body), 201);
      return assertStatus(await team.post(`/api/inspections/${r.id}/finalise`, { version: r.version }), 200);
    };
    const k = await biz('karaoke', 'Karaoke Bằng Chứng');
    const h = await biz('hotel', 'Khách sạn Bằng Chứng');
    const i1 = await final(record(k.id, TODAY, [{ topic: 'harbouring_prostitution', description: 'Phòng 2', fineAmount: 0 },
      { topic: 'no_guest_register', fineAmount: 0 }]));
    const i2 = await final(record(k.id, TODAY, [{ topic: 'no_worker_records', fineAmount: 0 }]));
    assertStatus(await team.post('/api/inspections', record(h.id, TODAY, [{ topic: 'buying_sex', fineAmount: 0 }])), 201);  // draft

    // a report submitted now, against its deadline (the periods and deadlines as the reports API gives them)
    const periods = [];
    for (const form of ['bc_6thang', 'bc_nam'])
      for (const p of assertStatus(await xa.get(`/api/report-periods?form=${form}&year=${YEAR}&orgUnit=21583`), 200).items) periods.push({ form, ...p });
    const dueBefore = periods.filter((p) => p.deadline < TODAY).length;
    assert.equal(b.reports_on_time_pct, dueBefore ? 0 : null, 'the demo has no report: every due one is missing');
    const h2 = periods.find((p) => p.form === 'bc_6thang' && p.code === `${YEAR}-H2`);
    let rep = assertStatus(await xa.put('/api/reports', { form: 'bc_6thang', period: h2.code, orgUnitCode: '21583', values: {} }), 200);
    rep = assertStatus(await xa.post(`/api/reports/${rep.id}/submit`, {}), 200);
    const onTime = rep.timeliness === 'on_time' ? 1 : 0;
    assert.equal(onTime, TODAY <= h2.deadline ? 1 : 0);
    const dueAfter = dueBefore + (h2.deadline < TODAY ? 0 : 1);

    // an integration plan of the ward, submitted and approved by the province
    const plan = assertStatus(await xa.post('/api/plans', { orgUnitCode: '21583', agencyId: me.agency.id, year: YEAR,
      title: `Kế hoạch lồng ghép phường Quy Nhơn ${uniq('')}`, note: '', beneficiaries: [], activities: [], budget: [] }), 201);
    assertStatus(await xa.post(`/api/plans/${plan.id}/submit`, {}), 200);
    assertStatus(await S['tinh.gialai'].post(`/api/plans/${plan.id}/approve`, decision()), 200);

    const after1 = await evidence('xa.gialai', '21583', YEAR);
    const a = values(after1);
    assert.equal(a.approved_plan, b.approved_plan + 1);
    assert.ok(after1.metrics.approved_plan.sources.some((x) => x.kind === 'plan' && x.id === plan.id));
    assert.equal(a.comm_activities, b.comm_activities + 2);
    assert.equal(a.people_reached, b.people_reached + 65);
    assert.ok(after1.metrics.people_reached.sources.some((x) => x.id === cond.id && x.kind === 'activity'));
    assert.ok(!after1.metrics.comm_activities.sources.some((x) => x.id === cond.id), 'group c is not communication');
    assert.equal(a.active_groups, b.active_groups + 1);
    assert.ok(after1.metrics.active_groups.sources.some((x) => x.kind === 'group' && x.id === club.id));
    assert.equal(a.people_supported, b.people_supported + 1, 'the second person does not consent to statistics');
    assert.equal(a.services_delivered, (b.services_delivered ?? 0) + 2);
    assert.equal(a.businesses_operating, b.businesses_operating + 2);
    const inspectedBefore = b.business_coverage_pct === null ? 0 : Math.round((b.business_coverage_pct * b.businesses_operating) / 100);
    assert.equal(a.business_coverage_pct, round1((100 * (inspectedBefore + 1)) / (b.businesses_operating + 2)));
    assert.equal(a.violations, b.violations + 3);
    assert.equal(a.prostitution_violations, b.prostitution_violations + 1);
    assert.equal(a.repeat_violators, (b.repeat_violators ?? 0) + 1);
    assert.deepEqual(after1.metrics.repeat_violators.sources.filter((x) => [i1.id, i2.id].includes(x.id)).length, 2);
    assert.ok(after1.metrics.prostitution_violations.sources.some((x) => x.code === i1.code && x.kind === 'inspection'));
    assert.equal(a.reports_on_time_pct, round1((100 * onTime) / dueAfter));
    assert.ok(after1.metrics.reports_on_time_pct.sources.some((x) => x.kind === 'report' && x.id === rep.id));
    assert.deepEqual(after1.metrics.people_supported.sources, []);

    // before the merge: a business of the old commune 21556 inspected on 02/04/2025 counts for the new 21583 in 2025
    const q0 = values(await evidence('xa.gialai', '21583', 2025));
    const old = await biz('massage', 'Massage Trước Sáp Nhập', '21556', '2025-03-01');
    const i3 = await final(record(old.id, '2025-04-02', [{ topic: 'harbouring_prostitution', fineAmount: 0 }]));
    const q1e = await evidence('xa.gialai', '21583', 2025);
    const q1 = values(q1e);
    assert.equal(q1.businesses_operating, q0.businesses_operating + 1);
    assert.equal(q1.violations, q0.violations + 1);
    assert.equal(q1.prostitution_violations, q0.prostitution_violations + 1);
    assert.equal(q1.business_coverage_pct, 100, 'still every operating business inspected');
    assert.ok(q1e.metrics.violations.sources.some((x) => x.code === i3.code));
    // … and not for a commune it was never part of, nor for 2024
    assert.ok(!(await evidence('admin', '21553', 2025)).metrics.violations.sources.some((x) => x.code === i3.code));
    assert.equal(values(await evidence('admin', '21556', 2024)).violations, 0);

    // a commune with no business: coverage and repeat violators have no value
    const empty = values(await evidence('tinh.gialai', '21607', YEAR));
    assert.equal(empty.businesses_operating, 0);
    assert.equal(empty.business_coverage_pct, null);
    assert.equal(empty.repeat_violators, null);
    assert.equal(empty.violations, 0);
  });
});
