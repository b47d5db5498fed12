// History through the successors (issue 12, item 2 and 6) on the real server: today's officers
// carry a 2023 round of the units abolished or merged in 07/2025. The officer of the new ward
// Quy Nhơn (21583) fills and submits the reports of the four old wards merged into it, with the
// dates their paper reports were submitted; the Gia Lai province officer, on behalf of the old
// city Quy Nhơn (540), returns one and accepts them after resubmission, files the city's report
// and accepts it on behalf of old Bình Định, whose own report goes to the ministry. Every step is
// marked "Nhập thay cho <đơn vị cũ> bởi <người dùng>" in the report, its history and the audit log;
// timeliness is judged on the paper dates. Refusals for units never merged into the user's, for
// periods after a unit ceased; codes reused after 07/2025 are never resolved silently; the import
// of past reports from .xlsx (validate, commit, all or nothing); old provinces' agencies by date.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, loginAll, startServer, todayVN, uniq, xlsx } from './harness.mjs';

describe(`history through the successors ${KIND}`, () => {
  let server, S;
  const today = todayVN();
  const P = '2023-H1';

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
  });
  after(async () => { await server?.stop(); });

  const current = (who, unit, asOf, per = P) =>
    S[who].get(`/api/reports/current?form=bc_6thang&period=${per}&orgUnit=${unit}${asOf ? `&asOf=${asOf}` : ''}`);
  const fill = (who, unit, values = {}, per = P) =>
    S[who].put('/api/reports', { form: 'bc_6thang', period: per, orgUnitCode: unit, asOf: '2025-06-30', values });

  test('which units a user may report for in 2023: the units merged into theirs; the province officer every abolished unit in its care', async () => {
    const xa = assertStatus(await S['xa.gialai'].get(`/api/reports/acting-units?form=bc_6thang&period=${P}`), 200);
    const onBehalf = xa.items.filter((u) => u.acting === 'on_behalf').map((u) => u.code).sort();
    assert.deepEqual(onBehalf, ['21556', '21562', '21580', '21583'], 'the four old wards merged into today\'s Quy Nhơn');
    const tinh = assertStatus(await S['tinh.gialai'].get(`/api/reports/acting-units?form=bc_6thang&period=${P}`), 200);
    const codes = new Set(tinh.items.filter((u) => u.acting === 'on_behalf').map((u) => `${u.kind}:${u.code}`));
    for (const k of ['province:52', 'province:64', 'district:540', 'district:543', 'commune:21556', 'commune:21607'])
      assert.ok(codes.has(k), `the province officer acts for ${k}`);
    assert.ok(![...codes].some((k) => k.startsWith('commune:') && tinh.items.find((u) => `${u.kind}:${u.code}` === k).validTo === null),
      'never for a unit that exists today');
    // after the reform: nothing to act for on behalf
    const later = assertStatus(await S['xa.gialai'].get('/api/reports/acting-units?form=bc_6thang&period=2026-H1'), 200);
    assert.deepEqual(later.items.filter((u) => u.acting === 'on_behalf'), []);
  });

  test('refusals: a unit never merged into the officer\'s, a period after the unit ceased, another province, a paper date out of range', async () => {
    // 21607 Nhơn Châu was re-parented, not merged into Quy Nhơn; the old city 540 is a district:
    // neither is the ward officer's to see (404, existence not leaked), let alone to fill
    assertError(await fill('xa.gialai', '21607'), 404, 'not_found');
    assertError(await fill('xa.gialai', '540'), 404, 'not_found');
    // the province officer sees today's ward but does not fill its report (it exists: its own officer does)
    assertError(await S['tinh.gialai'].put('/api/reports', { form: 'bc_6thang', period: '2026-H1', orgUnitCode: '21583', values: {} }),
      403, 'forbidden', 'orgUnitCode');
    // old Thị Nại ceased on 30/06/2025: no report for 2025-H2
    assertError(await fill('xa.gialai', '21583', {}, '2025-H2'), 409, 'unit_ceased', 'period');
    // another province's officer does not even see Gia Lai's old units
    assertError(await fill('tinh.dongnai', '540'), 404, 'not_found');
    // a viewer of Gia Lai may not fill
    assertError(await fill('xem.gialai', '540'), 403, 'forbidden');

    const r = assertStatus(await fill('xa.gialai', '21562', { results: 'Báo cáo giấy 2023' }), 200);
    assert.equal(r.acting.fill, 'on_behalf');
    for (const [body, field] of [
      [{ paperSubmittedOn: '2999-01-01', reason: 'nhập bổ sung' }, 'paperSubmittedOn'],
      [{ paperSubmittedOn: '2022-12-31', reason: 'nhập bổ sung' }, 'paperSubmittedOn'],
      [{ paperSubmittedOn: '2023-06-10' }, 'reason'],
      [{ paperSubmittedOn: '2023-06-10', reason: '   ' }, 'reason'],
      [{ reason: 'không có ngày' }, 'paperSubmittedOn'],
      [{ paperSubmittedOn: '10/06/2023', reason: 'sai định dạng' }, 'paperSubmittedOn'],
    ]) assertError(await S['xa.gialai'].post(`/api/reports/${r.id}/submit`, body), 400, 'validation_failed', field);
    const still = assertStatus(await current('xa.gialai', '21562', '2025-06-30'), 200);
    assert.equal(still.status, 'draft', 'a refused submit writes nothing');
  });

  test('a full 2023 round by today\'s successors: communes → district → province → ministry, one returned and resubmitted, timeliness from the paper dates', async () => {
    const xa = S['xa.gialai'], tinh = S['tinh.gialai'], bo = S.bo;
    const wards = ['21556', '21562', '21580', '21583'];
    const probe = assertStatus(await current('xa.gialai', '21556', '2025-06-30'), 200);
    const deadline = probe.period.deadline;
    assert.equal(probe.orgUnit.name, 'Đống Đa');
    assert.equal(probe.acting.fill, 'on_behalf');
    assert.equal(probe.acting.fillLabel, 'Nhập thay cho Đống Đa bởi xa.gialai');
    assert.equal(probe.timeliness, 'missing', 'an unreported 2023 report is missing');
    const dayBefore = (iso, n) => new Date(Date.parse(iso) - n * 86400000).toISOString().slice(0, 10);
    const paper = { '21556': dayBefore(deadline, 5), '21562': dayBefore(deadline, 1), '21580': dayBefore(deadline, 3), '21583': dayBefore(deadline, -20) };
    const ids = {};
    for (const w of wards) {
      const saved = assertStatus(await fill('xa.gialai', w, { results: `Kết quả 2023 của ${w}`, budget_allocated: 1000000 }), 200);
      assert.equal(saved.onBehalf.by, 'xa.gialai');
      assert.match(saved.onBehalf.label, /^Nhập thay cho .+ bởi xa\.gialai$/);
      const sub = assertStatus(await xa.post(`/api/reports/${saved.id}/submit`,
        { paperSubmittedOn: paper[w], reason: 'Nhập bổ sung từ báo cáo giấy lưu trữ' }), 200);
      assert.equal(sub.status, 'submitted');
      assert.equal(sub.paperSubmittedOn, paper[w]);
      assert.equal(sub.paperReason, 'Nhập bổ sung từ báo cáo giấy lưu trữ');
      assert.equal(sub.timeliness, w === '21583' ? 'late' : 'on_time', `${w}: judged on its paper date`);
      const hist = sub.history.map((h) => [h.action, h.onBehalfLabel]);
      assert.deepEqual(hist.at(-1), ['submit', `Nhập thay cho ${sub.orgUnit.name} bởi xa.gialai`]);
      ids[w] = sub.id;
    }
    // the commune officer cannot review; the province officer reviews on behalf of the old city
    assertError(await xa.post(`/api/reports/${ids['21556']}/accept`, {}), 403, 'forbidden');
    const seen = assertStatus(await current('tinh.gialai', '21580', '2025-06-30'), 200);
    assert.equal(seen.can.accept, true);
    assert.equal(seen.acting.reviewLevel.code, '540');
    assert.equal(seen.acting.reviewOnBehalf, true);
    assert.equal(seen.can.edit, false, 'a submitted report is not edited');
    const ret = assertStatus(await tinh.post(`/api/reports/${ids['21580']}/return`, { comment: 'Thiếu số liệu kinh phí' }), 200);
    assert.equal(ret.status, 'returned');
    assert.deepEqual([ret.history.at(-1).action, ret.history.at(-1).onBehalfLabel], ['return', 'Nhập thay cho Quy Nhơn bởi tinh.gialai']);
    assertStatus(await fill('xa.gialai', '21580', { results: 'Bổ sung kinh phí', budget_allocated: 1200000 }), 200);
    const resub = assertStatus(await xa.post(`/api/reports/${ids['21580']}/submit`,
      { paperSubmittedOn: dayBefore(deadline, -2), reason: 'Bản giấy gửi lại sau khi bị trả' }), 200);
    assert.equal(resub.timeliness, 'late', 'resubmitted on paper after the deadline');
    for (const w of wards) {
      const acc = assertStatus(await tinh.post(`/api/reports/${ids[w]}/accept`, {}), 200);
      assert.equal(acc.status, 'accepted');
      assert.equal(acc.history.at(-1).onBehalfOf.code, '540');
    }
    // the city's compilation: four wards accepted, Nhơn Châu missing; timeliness from paper dates
    const comp = assertStatus(await tinh.get(`/api/reports/compile?form=bc_6thang&period=${P}&orgUnit=540&asOf=2025-06-30`), 200);
    const byCode = Object.fromEntries(comp.units.map((u) => [u.orgUnit.code, u]));
    assert.equal(comp.completeness.accepted, 4);
    assert.equal(byCode['21607'].status, 'not_started');
    assert.equal(byCode['21607'].timeliness, 'missing');
    assert.equal(byCode['21556'].timeliness, 'on_time');
    assert.equal(byCode['21580'].timeliness, 'late');
    assert.equal(byCode['21583'].timeliness, 'late');

    // the old city's own report, by the province officer on its behalf
    const city = assertStatus(await fill('tinh.gialai', '540', { results: 'Tổng hợp thành phố Quy Nhơn 2023' }), 200);
    assert.equal(city.onBehalf.label, 'Nhập thay cho Quy Nhơn bởi tinh.gialai');
    // Nhơn Châu never reported: the city's compilation goes up without it, confirmed
    assertError(await tinh.post(`/api/reports/${city.id}/submit`, { paperSubmittedOn: dayBefore(deadline, 0), reason: 'Nhập lịch sử' }), 409, 'missing_reports');
    const citySub = assertStatus(await tinh.post(`/api/reports/${city.id}/submit`, { paperSubmittedOn: dayBefore(deadline, 0), reason: 'Nhập lịch sử', confirmMissing: true }), 200);
    assert.deepEqual(citySub.missingUnits.map((m) => m.name), ['Nhơn Châu']);
    assert.equal(citySub.timeliness, 'on_time');
    const cityAcc = assertStatus(await tinh.post(`/api/reports/${city.id}/accept`, {}), 200);
    assert.equal(cityAcc.history.at(-1).onBehalfLabel, 'Nhập thay cho Bình Định bởi tinh.gialai');

    // old Bình Định's report: the successor province files it, the ministry (not the successor) accepts it
    const prov = assertStatus(await fill('tinh.gialai', '52', { results: 'Báo cáo tỉnh Bình Định 2023' }), 200);
    assert.equal(prov.orgUnit.name, 'Bình Định');
    assert.equal(prov.onBehalf.label, 'Nhập thay cho Bình Định bởi tinh.gialai');
    const provSub = assertStatus(await tinh.post(`/api/reports/${prov.id}/submit`, { paperSubmittedOn: dayBefore(deadline, 2), reason: 'Nhập lịch sử', confirmMissing: true }), 200);
    assertError(await tinh.post(`/api/reports/${prov.id}/accept`, {}), 403, 'forbidden');
    const provAcc = assertStatus(await bo.post(`/api/reports/${provSub.id}/accept`, {}), 200);
    assert.equal(provAcc.status, 'accepted');
    assert.equal(provAcc.history.at(-1).onBehalfOf, null, 'the ministry accepts as itself');
    assert.equal(provAcc.timeliness, 'on_time');

    // the audit log says on whose behalf
    const audit = assertStatus(await tinh.get(`/api/audit?entity=report&entityId=${ids['21580']}&pageSize=50`), 200);
    const labels = audit.items.map((e) => e.after?.onBehalfLabel).filter(Boolean);
    assert.ok(labels.includes('Nhập thay cho Trần Phú bởi xa.gialai'), JSON.stringify(labels));
    assert.ok(labels.includes('Nhập thay cho Quy Nhơn bởi tinh.gialai'));
    const paperAudit = audit.items.find((e) => e.after?.action === 'submit' && e.after?.paperSubmittedOn);
    assert.ok(paperAudit, 'the paper date is audited');
    assert.equal(paperAudit.after.paperReason.length > 0, true);
  });

  test('a submission without a paper date is today\'s, as ever', async () => {
    const r = assertStatus(await fill('xa.gialai', '21562', { results: 'Không có ngày giấy' }, '2023-H2'), 200);
    const sub = assertStatus(await S['xa.gialai'].post(`/api/reports/${r.id}/submit`), 200);
    assert.equal(sub.paperSubmittedOn, null);
    assert.equal(sub.submittedAt.slice(0, 4), today.slice(0, 4));
    assert.equal(sub.timeliness, 'late', 'a 2023 report submitted today is late');
  });

  test('a code that names different units over time is never resolved silently (users)', async () => {
    const admin = S.admin;
    const base = { fullName: 'Cán bộ lịch sử', password: 'History2026', roles: ['viewer'] };
    const amb = assertError(await admin.post('/api/users', { ...base, username: uniq('h.'), orgUnitCode: '52' }), 409, 'ambiguous_org_unit', 'orgUnitCode');
    const cands = amb.candidates.map((c) => [c.name, c.validFrom, c.validTo]);
    assert.deepEqual(cands, [['Bình Định', null, '2025-06-30'], ['Gia Lai', '2025-07-01', null]]);
    assert.ok(amb.candidates.every((c) => Number.isInteger(c.id)));
    const old = assertStatus(await admin.post('/api/users', { ...base, username: uniq('h.'), orgUnitCode: '52', orgUnitAsOf: '2023-01-01' }), 201);
    assert.equal(old.orgUnit.name, 'Bình Định');
    const now = assertStatus(await admin.post('/api/users', { ...base, username: uniq('h.'), orgUnitCode: '52', orgUnitAsOf: today }), 201);
    assert.equal(now.orgUnit.name, 'Gia Lai');
    assertError(await admin.post('/api/users', { ...base, username: uniq('h.'), orgUnitCode: '52', orgUnitAsOf: '1800-01-01' }), 400, 'validation_failed', 'orgUnitAsOf');
    assertError(await admin.post('/api/users', { ...base, username: uniq('h.'), orgUnitCode: '540', orgUnitAsOf: today }), 400, 'org_unit_not_found', 'orgUnitCode');
    // a ward re-parented under its old name is one unit: not ambiguous
    const nc = assertStatus(await admin.post('/api/users', { ...base, username: uniq('h.'), orgUnitCode: '21607' }), 201);
    assert.equal(nc.orgUnit.validTo, null);
    // old Thị Nại and today's Quy Nhơn share 21583
    assertError(await admin.post('/api/users', { ...base, username: uniq('h.'), orgUnitCode: '21583' }), 409, 'ambiguous_org_unit');
    // an edit that keeps the code keeps the unit without asking; a change of version needs the day
    const kept = assertStatus(await admin.put(`/api/users/${old.id}`, { fullName: 'Đổi tên', orgUnitCode: '52', roles: ['viewer'], active: true, version: old.version }), 200);
    assert.equal(kept.orgUnit.name, 'Bình Định');
    const moved = assertStatus(await admin.put(`/api/users/${old.id}`, { fullName: 'Đổi tên', orgUnitCode: '52', orgUnitAsOf: today, roles: ['viewer'], active: true, version: kept.version }), 200);
    assert.equal(moved.orgUnit.name, 'Gia Lai');
  });

  test('old provinces\' agencies are listable by date (item 6)', async () => {
    const r = assertStatus(await S.admin.get('/api/agencies?orgUnit=30&asOf=2021-06-30'), 200);
    assert.ok(Array.isArray(r.items));
    assertError(await S.admin.get('/api/agencies?orgUnit=30'), 404, 'org_unit_not_found');
    const gl = assertStatus(await S.admin.get('/api/agencies?orgUnit=64&asOf=2024-01-01'), 200);
    assert.ok(Array.isArray(gl.items));
  });

  test('import of past reports from .xlsx: every fault by sheet and row, then all or nothing, on behalf and with the paper dates', async () => {
    const tinh = S['tinh.gialai'];
    const tpl = await tinh.get('/api/report-imports/template?form=bc_6thang');
    assert.equal(tpl.status, 200);
    assert.equal(tpl.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const upload = (buf, name = 'bao-cao-2023.xlsx') =>
      tinh.post(`/api/report-imports?filename=${name}`, buf, { raw: true, headers: { 'content-type': 'application/octet-stream' } });
    const wait = async (id) => {
      for (let i = 0; i < 200; i++) {
        const j = assertStatus(await tinh.get(`/api/report-imports/${id}`), 200);
        if (!['validating', 'committing'].includes(j.status)) return j;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('import did not finish');
    };
    const sheet = (unit, period, paper, extra = [], status = 'submitted') => [
      ['code', 'value', 'label'], ['orgUnit', unit], ['form', 'bc_6thang'], ['period', period],
      ['paperSubmittedOn', paper], ['reason', 'Nhập từ hồ sơ lưu trữ'], ['status', status],
      ['results', `Báo cáo ${unit} ${period}`], ['budget_allocated', 500000], ...extra,
    ];
    const good = [['Hoài Nhơn H2', sheet('543', '2023-H2', '10/12/2023')], ['Pleiku H2', sheet('622', '2023-H2', '2023-12-12', [], 'accepted')]];
    const bad = [
      ...good,
      ['Sai', [['code', 'value'], ['orgUnit', '75'], ['form', 'bc_6thang'], ['period', '2023-H9'], ['paperSubmittedOn', '2999-01-01'],
        ['reason', 'x'], ['nope', 1], ['budget_allocated', -3]]],
      ['Thiếu', [['code', 'value'], ['orgUnit', '21637'], ['period', '2023-H2'], ['budget_allocated', 'abc'], ['budget_allocated', 2]]],
      ['Đã gửi', sheet('21556', '2023-H1', '2023-06-01')],
      ['Tương lai', sheet('21637', '2025-H2', '2025-12-01')],
    ];
    const v1 = await wait(assertStatus(await upload(xlsx(bad)), 202).id);
    assert.equal(v1.status, 'invalid');
    const where = (s) => v1.errors.filter((e) => e.sheet === s).map((e) => e.field).sort();
    assert.deepEqual(where('Sai'), ['period']);  // the period stops the sheet's check
    assert.deepEqual(where('Thiếu'), ['budget_allocated', 'budget_allocated', 'paperSubmittedOn', 'reason'].sort());
    assert.deepEqual(where('Đã gửi'), ['orgUnit'], 'an accepted report is not imported over');
    assert.deepEqual(where('Tương lai'), ['orgUnit'], 'Tam Quan ceased before 2025-H2');
    assert.ok(v1.errors.every((e) => e.message && e.messageEn));
    assert.deepEqual(where('Hoài Nhơn H2'), []);
    assertError(await tinh.post(`/api/report-imports/${v1.id}/commit`, {}), 409, 'import_not_ready');
    // nothing was written by the invalid file
    const none = assertStatus(await current('tinh.gialai', '543', '2025-06-30', '2023-H2'), 200);
    assert.equal(none.status, 'not_started');

    // the commune officer may not import for units never merged into theirs
    const xaUp = await S['xa.gialai'].post('/api/report-imports?filename=x.xlsx', xlsx([good[0]]), { raw: true, headers: { 'content-type': 'application/octet-stream' } });
    const xaJob = assertStatus(xaUp, 202);
    let xj;
    for (let i = 0; i < 200; i++) {
      xj = assertStatus(await S['xa.gialai'].get(`/api/report-imports/${xaJob.id}`), 200);
      if (xj.status !== 'validating') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(xj.status, 'invalid');
    // someone else's import is not found
    assertError(await S['xa.gialai'].get(`/api/report-imports/${v1.id}`), 404, 'not_found');

    const v2 = await wait(assertStatus(await upload(xlsx(good)), 202).id);
    assert.equal(v2.status, 'ready', JSON.stringify(v2.errors));
    assert.deepEqual(v2.preview.map((p) => [p.orgUnit.code, p.period, p.status, p.paperSubmittedOn]),
      [['543', '2023-H2', 'submitted', '2023-12-10'], ['622', '2023-H2', 'accepted', '2023-12-12']]);
    assert.equal(v2.preview[0].onBehalf.label, 'Nhập thay cho Hoài Nhơn bởi tinh.gialai');
    // all or nothing: a report of the batch submitted meanwhile makes the commit write none
    const racer = assertStatus(await fill('tinh.gialai', '622', { results: 'nộp trước' }, '2023-H2'), 200);
    assertStatus(await tinh.post(`/api/reports/${racer.id}/submit`, { confirmMissing: true }), 200);
    const c1 = await wait(assertStatus(await tinh.post(`/api/report-imports/${v2.id}/commit`, {}), 202).id);
    assert.equal(c1.status, 'failed');
    assert.equal(assertStatus(await current('tinh.gialai', '543', '2025-06-30', '2023-H2'), 200).status, 'not_started', 'nothing written');
    assertStatus(await tinh.post(`/api/reports/${racer.id}/return`, { comment: 'để nhập từ tệp' }), 200);

    const v3 = await wait(assertStatus(await upload(xlsx(good)), 202).id);
    assert.equal(v3.status, 'ready', JSON.stringify(v3.errors));
    const c2 = await wait(assertStatus(await tinh.post(`/api/report-imports/${v3.id}/commit`, {}), 202).id);
    assert.equal(c2.status, 'committed', c2.message);
    assert.equal(c2.committedCount, 2);
    const hn = assertStatus(await current('tinh.gialai', '543', '2025-06-30', '2023-H2'), 200);
    assert.equal(hn.status, 'submitted');
    assert.equal(hn.paperSubmittedOn, '2023-12-10');
    assert.equal(hn.values.budget_allocated, 500000);
    assert.equal(hn.onBehalf.label, 'Nhập thay cho Hoài Nhơn bởi tinh.gialai');
    assert.deepEqual(hn.history.map((h) => h.action), ['import', 'submit']);
    const pk = assertStatus(await current('tinh.gialai', '622', '2025-06-30', '2023-H2'), 200);
    assert.equal(pk.status, 'accepted');
    assert.equal(pk.history.at(-1).onBehalfLabel, 'Nhập thay cho Gia Lai bởi tinh.gialai', 'accepted on behalf of old Gia Lai (64)');
  });
});
