// The yearly evaluation of an approved plan (guidance 221 §5.4, docs/api-evaluation.md), on the
// real server: a plan built, submitted and approved through the API, activities recorded under it
// (and one outside it) with costs and reach, and the exact figures — planned against achieved
// per activity, people per target group, budget executed per source, cost per person; the
// narrative with optimistic concurrency and length limits; scope; the official document.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, loginAll, startServer, todayVN, uniq, unzip, decision } from './harness.mjs';

describe(`yearly evaluation of a plan ${KIND}`, () => {
  let server, S, programmes, agencyId, plan, acts;
  const tag = uniq('dg');

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
    programmes = (await listAll(S.admin, '/api/programmes?year=2026')).items;
    const tinh = S['tinh.gialai'];
    // An agency of its own, so that no demo activity is among its "unplanned" ones.
    agencyId = assertStatus(await tinh.post('/api/agencies', { name: `Ban Quản lý khu kinh tế ${tag}`, kind: 'ban', orgUnitCode: '52', orgUnitAsOf: todayVN() }), 201).id;
    const hiv = programmes.find((p) => p.name.includes('HIV/AIDS')).id;
    const row = (interventionType, description, plannedQuantity, quantityUnit) =>
      ({ interventionType, targetGroup: 'sex_workers', description, plannedQuantity, quantityUnit, leadAgencyId: agencyId,
        startDate: '2026-01-01', endDate: '2026-12-31' });
    const created = assertStatus(await tinh.post('/api/plans', {
      orgUnitCode: '52', agencyId, year: 2026, title: `Kế hoạch lồng ghép năm 2026 ${tag}`,
      beneficiaries: [{ targetGroup: 'sex_workers', programmeId: hiv, plannedCount: 150 }],
      activities: [
        row('community_sessions', 'Tuyên truyền tại cộng đồng', 4, 'đợt'),
        row('condoms', 'Cấp phát bao cao su', 1000, 'chiếc'),
        row('staff_training', 'Tập huấn đồng đẳng viên', 200, 'lượt người'),
        { ...row('media', 'Chuyên mục phát thanh', null, ''), plannedQuantity: undefined },
      ],
      budget: [
        { fundingSource: 'provincial_budget', year: 2026, amount: 100000000 },
        { fundingSource: 'integrated_programmes', year: 2026, amount: 50000000, programmeId: hiv },
        { fundingSource: 'international', year: 2027, amount: 80000000 },
      ],
    }), 201);
    plan = created;
    // not yet approved: nothing to evaluate
    assertError(await tinh.get(`/api/plans/${plan.id}/evaluation`), 409, 'plan_not_approved');
    assertStatus(await tinh.post(`/api/plans/${plan.id}/submit`, {}), 200);
    assertError(await tinh.get(`/api/plans/${plan.id}/evaluation`), 409, 'plan_not_approved');
    plan = assertStatus(await S.admin.post(`/api/plans/${plan.id}/approve`, decision({ comment: 'Đồng ý' })), 200);
    assert.equal(plan.status, 'approved');

    const pa = plan.activities.map((a) => a.id);
    const record = async (extra) => assertStatus(await tinh.post('/api/activities', {
      interventionTypeCode: 'community_sessions', orgUnitCode: '52', leadAgencyId: agencyId, partnerAgencyIds: [], programmeIds: [],
      outputs: [], note: '', ...extra }), 201);
    acts = {
      a1: await record({ title: `Tuyên truyền đợt 2 ${tag}`, planActivityId: pa[0], startDate: '2026-03-02', endDate: '2026-03-02',
        reach: [{ targetGroup: 'sex_workers', total: 30, female: 25, male: 5 }], costs: [{ fundingSource: 'provincial_budget', amount: 3000000 }] }),
      a2: await record({ title: `Tuyên truyền đợt 1 ${tag}`, planActivityId: pa[0], startDate: '2026-02-01', endDate: '2026-02-03', orgUnitCode: '21583',
        reach: [{ targetGroup: 'sex_workers', total: 20 }, { targetGroup: 'service_workers', total: 5 }],
        costs: [{ fundingSource: 'provincial_budget', amount: 2000000 }] }),
      a3: await record({ title: `Cấp phát bao cao su ${tag}`, interventionTypeCode: 'condoms', planActivityId: pa[1],
        startDate: '2026-04-01', endDate: '2026-04-30', reach: [{ targetGroup: 'sex_workers', total: 40 }],
        outputs: [{ kind: 'condoms', quantity: 1200 }],
        costs: [{ fundingSource: 'integrated_programmes', amount: 1500000 }, { fundingSource: 'socialisation', amount: 500000 }] }),
      // outside the plan: led by the agency in the province, the same year; and one of 2025 (not this year)
      u1: await record({ title: `Nói chuyện chuyên đề ${tag}`, interventionTypeCode: 'talks_zones_schools', planActivityId: null,
        startDate: '2026-05-01', endDate: '2026-05-01', reach: [{ targetGroup: 'students', total: 60 }],
        costs: [{ fundingSource: 'provincial_budget', amount: 700000 }] }),
      u0: await record({ title: `Năm trước ${tag}`, planActivityId: null, startDate: '2025-11-01', endDate: '2025-11-01',
        reach: [{ targetGroup: 'students', total: 9 }], costs: [] }),
    };
  });
  after(async () => { await server?.stop(); });

  test('planned against achieved per activity: the measure, completion, status, people, money and the linked activities', async () => {
    const e = assertStatus(await S['tinh.gialai'].get(`/api/plans/${plan.id}/evaluation`), 200);
    assert.equal(e.plan.id, plan.id);
    assert.equal(e.plan.status, 'approved');
    assert.equal(e.year, 2026);
    // The indicator results of the plan's unit for the plan year: the same as the indicators API.
    const ind = assertStatus(await S['tinh.gialai'].get(`/api/indicators/results?orgUnit=${e.plan.orgUnit?.code ?? '52'}&year=2026`), 200);
    assert.ok(e.indicators.length >= 6, `the seeded indicators are evaluated (${e.indicators.length})`);
    assert.deepEqual(e.indicators.map((r) => [r.code, r.value, r.target, r.status]), ind.items.map((r) => [r.code, r.value, r.target, r.status]));
    assert.equal(e.activities.length, 4);
    const [sessions, condoms, training, media] = e.activities;
    assert.deepEqual(sessions.planned, { quantity: 4, unit: 'đợt', measure: 'activities' });
    assert.deepEqual(sessions.achieved, { quantity: 2, activities: 2, people: 55, outputs: [], spent: 5000000 });
    assert.equal(sessions.completion, 50);
    assert.equal(sessions.status, 'partly');
    assert.equal(sessions.costPerPerson, 90909);  // 5.000.000 ÷ 55 = 90.909,09
    assert.deepEqual(sessions.linkedActivities.map((a) => a.id), [acts.a2.id, acts.a1.id], 'by start date');
    assert.deepEqual(sessions.linkedActivities[0], { id: acts.a2.id, title: acts.a2.title, startDate: '2026-02-01', endDate: '2026-02-03',
      orgUnit: acts.a2.orgUnit, reached: 25, spent: 2000000 });
    assert.equal(sessions.planActivity.id, plan.activities[0].id);
    assert.equal(sessions.planActivity.description, 'Tuyên truyền tại cộng đồng');

    assert.deepEqual(condoms.planned, { quantity: 1000, unit: 'chiếc', measure: 'output:condoms' });
    assert.equal(condoms.achieved.quantity, 1200);
    assert.deepEqual(condoms.achieved.outputs, [{ kind: 'condoms', quantity: 1200 }]);
    assert.equal(condoms.completion, 120);
    assert.equal(condoms.status, 'over');
    assert.equal(condoms.costPerPerson, 50000);

    assert.equal(training.planned.measure, 'people');
    assert.equal(training.achieved.quantity, 0);
    assert.equal(training.completion, 0);
    assert.equal(training.status, 'not_started');
    assert.equal(training.costPerPerson, null, 'nobody reached: no cost per person');
    assert.deepEqual(training.linkedActivities, []);

    assert.deepEqual(media.planned, { quantity: null, unit: '', measure: 'activities' });
    assert.equal(media.completion, null, 'no target: no percentage');
    assert.equal(media.status, 'not_started');
  });

  test('people per target group, budget executed per source, totals, cost per person, the unplanned', async () => {
    const e = assertStatus(await S['tinh.gialai'].get(`/api/plans/${plan.id}/evaluation`), 200);
    assert.deepEqual(e.beneficiaries, [{ targetGroup: 'sex_workers', planned: 150, reached: 90, completion: 60, status: 'partly' }]);
    assert.deepEqual(e.budget, [
      // nothing allocated to this plan yet (docs/api-money.md §5): allocated 0, spentRate null
      { source: 'provincial_budget', planned: 100000000, allocated: 0, spent: 5000000, execution: 5, allocatedRate: 0, spentRate: null },
      { source: 'integrated_programmes', planned: 50000000, allocated: 0, spent: 1500000, execution: 3, allocatedRate: 0, spentRate: null },
      { source: 'socialisation', planned: 0, allocated: 0, spent: 500000, execution: null, allocatedRate: null, spentRate: null },  // spent without a plan line
    ], 'the 2027 line is not this year\'s money; the unplanned activity\'s cost is not in it');
    assert.deepEqual(e.totals, {
      plannedActivities: 4, activitiesHeld: 3, byStatus: { not_started: 2, partly: 1, done: 0, over: 1 },
      reached: 95, plannedBudget: 150000000, allocated: 0, spent: 7000000, budgetExecution: 4.7,  // 4,666…% → 4,7%
      unplanned: { count: 1, reached: 60, spent: 700000 },
    });
    assert.equal(e.costPerPerson, 73684);  // 7.000.000 ÷ 95 = 73.684,2
    assert.deepEqual(e.unplanned.map((a) => a.id), [acts.u1.id], 'the 2025 activity is not of this year');
    assert.equal(e.unplanned[0].reached, 60);
    assert.equal(e.unplanned[0].spent, 700000);
    assert.equal(e.unplannedCapped, false);
    assert.deepEqual(e.outsideYear, []);
  });

  test('scope: another province and another agency get 404; a viewer reads but cannot write', async () => {
    assertError(await S['tinh.dongnai'].get(`/api/plans/${plan.id}/evaluation`), 404, 'not_found');
    assertError(await S['tinh.dongnai'].put(`/api/plans/${plan.id}/evaluation`, { version: 0, results: 'x' }), 404, 'not_found');
    assertError(await S['tinh.dongnai'].get(`/api/plans/${plan.id}/evaluation/document?format=docx`), 404, 'not_found');
    assertError(await S['coquan.gialai'].get(`/api/plans/${plan.id}/evaluation`), 404, 'not_found');  // Sở Y tế's focal point
    assertError(await S['tinh.gialai'].get('/api/plans/99999999/evaluation'), 404, 'not_found');
    const v = assertStatus(await S['xem.gialai'].get(`/api/plans/${plan.id}/evaluation`), 200);
    assert.equal(v.can.editNarrative, false);
    assertError(await S['xem.gialai'].put(`/api/plans/${plan.id}/evaluation`, { version: 0, results: 'x' }), 403, 'forbidden');
    assert.equal(assertStatus(await S['bo'].get(`/api/plans/${plan.id}/evaluation`), 200).totals.spent, 7000000);
  });

  test('the narrative: created at version 0, a stale version is 409, limits name the field, audited', async () => {
    const tinh = S['tinh.gialai'];
    let e = assertStatus(await tinh.get(`/api/plans/${plan.id}/evaluation`), 200);
    assert.deepEqual(e.narrative, { results: '', limitations: '', causes: '', lessons: '', proposals: '', version: 0, updatedBy: null, updatedAt: null });
    assert.equal(e.can.editNarrative, true);
    const text = { results: 'Đã tổ chức 3 hoạt động, tiếp cận 95 lượt người.', limitations: 'Chưa tập huấn đồng đẳng viên.',
      causes: 'Kinh phí giao muộn.', lessons: 'Phối hợp sớm với Hội Phụ nữ.', proposals: 'Bố trí kinh phí từ quý I.' };
    const n1 = assertStatus(await tinh.put(`/api/plans/${plan.id}/evaluation`, { ...text, version: 0 }), 200);
    assert.equal(n1.version, 1);
    assert.equal(n1.updatedBy, 'tinh.gialai');
    assert.equal(n1.results, text.results);
    assertError(await tinh.put(`/api/plans/${plan.id}/evaluation`, { ...text, version: 0 }), 409, 'conflict');
    const n2 = assertStatus(await tinh.put(`/api/plans/${plan.id}/evaluation`, { ...text, lessons: 'Bài học mới', version: 1 }), 200);
    assert.equal(n2.version, 2);
    assertError(await tinh.put(`/api/plans/${plan.id}/evaluation`, { ...text, version: 1 }), 409, 'conflict');
    e = assertStatus(await tinh.get(`/api/plans/${plan.id}/evaluation`), 200);
    assert.equal(e.narrative.lessons, 'Bài học mới');
    assert.equal(e.narrative.version, 2);

    // validation: the field is named, every fault listed, nothing written
    assertError(await tinh.put(`/api/plans/${plan.id}/evaluation`, { ...text }), 400, 'validation_failed', 'version');
    assertError(await tinh.put(`/api/plans/${plan.id}/evaluation`, { ...text, version: -1 }), 400, 'validation_failed', 'version');
    const long = assertError(await tinh.put(`/api/plans/${plan.id}/evaluation`, { ...text, causes: 'ă'.repeat(10001), proposals: 5, version: 2 }),
      400, 'validation_failed', 'causes');
    assert.deepEqual(long.details.map((d) => d.field), ['causes', 'proposals']);
    assert.match(long.messageEn, /20000 bytes/);
    assert.equal(assertStatus(await tinh.put(`/api/plans/${plan.id}/evaluation`, { ...text, causes: 'a'.repeat(20000), version: 2 }), 200).version, 3,
      'exactly the limit is accepted');
    assert.equal(assertStatus(await tinh.get(`/api/plans/${plan.id}/evaluation`), 200).narrative.version, 3);

    const audit = assertStatus(await S.admin.get(`/api/audit?entity=plan_evaluation&entityId=${plan.id}`), 200).items;
    assert.deepEqual(audit.map((x) => x.action), ['update', 'update', 'create']);
    assert.equal(audit[2].username, 'tinh.gialai');
  });

  test('the official document: .docx with the tables, the .xlsx annex, the PDF', async () => {
    const download = async (format) => {
      const res = await fetch(`${server.base}/api/plans/${plan.id}/evaluation/document?format=${format}`, { headers: { cookie: S['tinh.gialai'].cookie } });
      const buf = Buffer.from(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), buf };
    };
    const docx = await download('docx');
    assert.equal(docx.status, 200);
    assert.match(docx.type, /wordprocessingml/);
    assert.match(docx.disposition, new RegExp(`danh-gia-ke-hoach-2026-52-${plan.id}\\.docx`));
    const xml = unzip(docx.buf).get('word/document.xml').toString('utf8');
    for (const words of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO', 'Nơi nhận',
      'Đánh giá kết quả thực hiện kế hoạch lồng ghép các hoạt động phòng, chống mại dâm năm 2026',
      'Tuyên truyền tại cộng đồng', 'Vượt kế hoạch', '120%', '4 đợt', '1.200 chiếc', '5.000.000', '73.684 đồng',
      'Ngân sách tỉnh', '100.000.000', '4,7%', 'HOẠT ĐỘNG NGOÀI KẾ HOẠCH', `Nói chuyện chuyên đề ${tag}`, 'Phối hợp sớm với Hội Phụ nữ.', 'Người bán dâm',
      'phê duyệt tại Quyết định số 123/QĐ-UBND ngày', 'của UBND tỉnh Gia Lai'])
      assert.ok(xml.includes(words), `the document holds "${words}"`);
    // Decree 30: the plan's agency issues it under the province's committee, from the province's
    // seat, to the province's lead agency, which heads "Nơi nhận"; the body's subject is the agency
    for (const words of ['UBND TỈNH GIA LAI', `BAN QUẢN LÝ KHU KINH TẾ ${tag.toUpperCase()}`, 'Gia Lai, ngày ',
      'Kính gửi: Sở Y tế tỉnh Gia Lai.', '- Sở Y tế tỉnh Gia Lai;', `, Ban Quản lý khu kinh tế ${tag} báo cáo đánh giá`, 'TRƯỞNG BAN'])
      assert.ok(xml.includes(words), `the document holds "${words}"`);
    assert.ok(!xml.includes('Việt Nam, ngày') && !xml.includes('Nước Cộng hòa'));
    const xlsx = await download('xlsx');
    assert.equal(xlsx.status, 200);
    assert.match(xlsx.type, /spreadsheetml/);
    const sheets = [...unzip(xlsx.buf).keys()].filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k));
    assert.equal(sheets.length, 4, 'activities, people, budget, unplanned');
    const bad = await S['tinh.gialai'].get(`/api/plans/${plan.id}/evaluation/document?format=odt`);
    assertError(bad, 400, 'validation_failed', 'format');
    const pdf = await download('pdf');
    if (pdf.status === 503) return;  // LibreOffice not installed here (pdf_unavailable)
    assert.equal(pdf.status, 200);
    assert.equal(pdf.buf.subarray(0, 5).toString(), '%PDF-');
  });

  test('a superseded version keeps its evaluation readable, its narrative closed', async () => {
    const tinh = S['tinh.gialai'];
    const v2 = assertStatus(await tinh.post(`/api/plans/${plan.id}/new-version`, {}), 201);
    // a draft has no evaluation
    assertError(await tinh.get(`/api/plans/${v2.id}/evaluation`), 409, 'plan_not_approved');
    assertStatus(await tinh.post(`/api/plans/${v2.id}/submit`, {}), 200);
    assertStatus(await S.admin.post(`/api/plans/${v2.id}/approve`, decision()), 200);
    const old = assertStatus(await tinh.get(`/api/plans/${plan.id}/evaluation`), 200);
    assert.equal(old.plan.status, 'superseded');
    assert.equal(old.totals.spent, 7000000, 'the figures of the version the activities were recorded under');
    assert.equal(old.can.editNarrative, false);
    assertError(await tinh.put(`/api/plans/${plan.id}/evaluation`, { version: 3, results: 'x' }), 409, 'plan_superseded');
    const fresh = assertStatus(await tinh.get(`/api/plans/${v2.id}/evaluation`), 200);
    assert.equal(fresh.narrative.version, 0, 'each version has its own narrative');
    assert.equal(fresh.totals.activitiesHeld, 0, 'activities stay linked to the version they were recorded under');
  });
});
