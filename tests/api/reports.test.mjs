// Periodic reports (§5.4) on the real server: a commune fills its six-monthly report (computed
// values from its activities, narrative by hand) and submits; the province returns it, the
// commune resubmits, the province accepts; the province's compiled figures are the sum of what
// its units reported; the province submits to the ministry, which accepts; rules block; the
// 2025 reform: a 2024 report on today's Gia Lai compiles old Bình Định and old Gia Lai; the
// official document downloads as .docx / .xlsx.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, loginAll, startServer, todayVN, uniq, unzip } from './harness.mjs';

describe(`periodic reports ${KIND}`, () => {
  let server, S, period;

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
    const p = assertStatus(await S['xa.gialai'].get('/api/report-periods?form=bc_6thang&year=2026'), 200);
    period = p.current;
  });
  after(async () => { await server?.stop(); });

  const current = (who, unit, per = period, form = 'bc_6thang') =>
    S[who].get(`/api/reports/current?form=${form}&period=${per}&orgUnit=${unit}`);

  test('forms are data: sections of computed and hand-entered elements, with rules', async () => {
    const forms = assertStatus(await S['xem.gialai'].get('/api/report-forms'), 200);
    const six = forms.items.find((f) => f.code === 'bc_6thang');
    assert.equal(six.periodKind, 'half_year');
    const elements = six.sections.flatMap((s) => s.elements);
    assert.equal(elements.find((e) => e.code === 'reached_total').source, 'computed');
    assert.equal(elements.find((e) => e.code === 'difficulties').valueType, 'text');
    assert.ok(six.rules.some((r) => r.severity === 'error' && r.expression.includes('reached_total')));
    assertError(await S.admin.get('/api/report-forms/nope'), 404, 'not_found');
  });

  test('periods and deadlines per province: Khánh Hòa 31/5 and 30/11, Đồng Nai and the default 15/6 and 15/12', async () => {
    const kh = assertStatus(await S.bo.get('/api/report-periods?form=bc_6thang&year=2026&orgUnit=56'), 200);
    assert.deepEqual(kh.items.map((p) => [p.code, p.from, p.to, p.deadline]), [
      ['2026-H1', '2026-01-01', '2026-06-30', '2026-05-31'], ['2026-H2', '2026-07-01', '2026-12-31', '2026-11-30']]);
    const dn = assertStatus(await S.bo.get('/api/report-periods?form=bc_6thang&year=2026&orgUnit=75'), 200);
    assert.deepEqual(dn.items.map((p) => p.deadline), ['2026-06-15', '2026-12-15']);
    const gl = assertStatus(await S.bo.get('/api/report-periods?form=bc_nam&year=2025&orgUnit=52'), 200);
    assert.deepEqual(gl.items.map((p) => [p.code, p.deadline]), [['2025', '2025-12-15']]);
    // the data cut-off: Khánh Hòa counts figures to the 15th (15/5 for 31/5), the others to the
    // day before the deadline; a period counts from the day after the previous cut-off
    assert.deepEqual(kh.items.map((p) => [p.dataFrom, p.cutOff]), [['2025-11-16', '2026-05-15'], ['2026-05-16', '2026-11-15']]);
    assert.deepEqual(dn.items.map((p) => [p.dataFrom, p.cutOff]), [['2025-12-15', '2026-06-14'], ['2026-06-15', '2026-12-14']]);
    // "current": the next deadline among the periods that have begun, never one not begun
    const today = todayVN();
    for (const unit of ['56', '75', '52']) {
      const year = Number(today.slice(0, 4));
      const all = [];
      for (const y of [year - 1, year, year + 1])
        all.push(...assertStatus(await S.bo.get(`/api/report-periods?form=bc_6thang&year=${y}&orgUnit=${unit}`), 200).items);
      const cur = assertStatus(await S.bo.get(`/api/report-periods?form=bc_6thang&year=${year}&orgUnit=${unit}`), 200).current;
      const begun = all.filter((p) => p.from <= today);
      const want = begun.find((p) => p.deadline >= today) ?? begun[begun.length - 1];
      assert.equal(cur, want.code, `current period of ${unit} on ${today}`);
    }
    assertError(await S.bo.get('/api/report-periods?form=bc_6thang&year=1800'), 400, 'validation_failed', 'year');
    assertError(await S.bo.get('/api/reports/current?form=bc_6thang&period=2026-H3&orgUnit=52'), 400, 'validation_failed', 'period');
    // a ?orgUnit= that names no unit: 404 as in every list; agency is a positive id
    assertError(await S.bo.get('/api/reports/current?form=bc_6thang&period=2026-H1&orgUnit=ZZ999'), 404, 'org_unit_not_found', 'orgUnit');
    assertError(await S.bo.get('/api/reports/compile?form=bc_6thang&period=2026-H1&orgUnit=ZZ999'), 404, 'org_unit_not_found', 'orgUnit');
    assertError(await S.bo.get('/api/report-periods?form=bc_6thang&orgUnit=ZZ999'), 404, 'org_unit_not_found', 'orgUnit');
    assertError(await S.bo.get('/api/reports/current?form=bc_6thang&period=2026-H1&agency=0'), 400, 'validation_failed', 'agency');
  });

  test('the chain: commune fills and submits, province returns, commune resubmits, province accepts; figures add up; ministry accepts the province', async () => {
    const xa = S['xa.gialai'], tinh = S['tinh.gialai'];
    // a fresh activity in the period shows in the computed values at once
    const before = assertStatus(await current('xa.gialai', '21583'), 200);
    assert.equal(before.status, 'not_started');
    assert.equal(before.id, null);
    assert.ok(before.can.edit && !before.can.accept);
    const me = assertStatus(await xa.get('/api/me'), 200);
    const day = todayVN();
    assertStatus(await xa.post('/api/activities', {
      title: 'Tuyên truyền cho báo cáo', interventionTypeCode: 'community_sessions', orgUnitCode: '21583',
      leadAgencyId: me.agency.id, startDate: day, endDate: day,
      reach: [{ targetGroup: 'service_workers', total: 40, female: 30, male: 10 }], outputs: [{ kind: 'sessions', quantity: 2 }],
      costs: [{ fundingSource: 'commune_budget', amount: 1500000 }],
    }), 201);
    const fresh = assertStatus(await current('xa.gialai', '21583'), 200);
    assert.equal(fresh.values.reached_total, before.values.reached_total + 40);
    assert.equal(fresh.values.reached_female, before.values.reached_female + 30);
    assert.equal(fresh.values.comm_sessions, before.values.comm_sessions + 2);
    assert.equal(fresh.values.cost_total, before.values.cost_total + 1500000);

    // hand-entered values are typed; computed ones are never taken from input; bad input names the element
    assertError(await xa.put('/api/reports', { form: 'bc_6thang', period, orgUnitCode: '21583', values: { results: 12 } }),
      400, 'validation_failed', 'results');
    assertError(await xa.put('/api/reports', { form: 'bc_6thang', period, orgUnitCode: '21583', values: { nope: 1 } }),
      400, 'validation_failed', 'nope');
    assertError(await xa.put('/api/reports', { form: 'bc_6thang', period, orgUnitCode: '52', values: {} }), 404, 'not_found');  // out of scope
    // a body's unit code that names no unit: 400 naming the body field
    assertError(await xa.put('/api/reports', { form: 'bc_6thang', period, orgUnitCode: 'ZZ999', values: {} }), 400, 'org_unit_not_found', 'orgUnitCode');
    assertError(await tinh.put('/api/reports', { form: 'bc_6thang', period, orgUnitCode: '21583', values: {} }), 403, 'forbidden', 'orgUnitCode');
    let r = assertStatus(await xa.put('/api/reports', {
      form: 'bc_6thang', period, orgUnitCode: '21583',
      values: { results: 'Đã tổ chức tuyên truyền', difficulties: 'Kinh phí hạn chế', proposals: '', budget_allocated: 1, reached_total: 999999 },
    }), 200);
    assert.equal(r.status, 'draft');
    assert.equal(r.values.reached_total, fresh.values.reached_total, 'computed, not typed');
    // the budget allocated is computed from issued allocation decisions (migration 0035), not typed
    assert.equal(r.values.budget_allocated, fresh.values.budget_allocated, 'computed, not typed');
    assert.equal(r.values.results, 'Đã tổ chức tuyên truyền');
    assert.ok(r.values.cost_total > r.values.budget_allocated);
    assert.ok(r.issues.some((i) => i.severity === 'warning' && i.field === 'budget_allocated'), 'spent > allocated warns');

    // the province cannot accept a draft; the commune submits (a warning does not block)
    assertError(await tinh.post(`/api/reports/${r.id}/accept`, {}), 409, 'illegal_transition');
    r = assertStatus(await xa.post(`/api/reports/${r.id}/submit`, {}), 200);
    assert.equal(r.status, 'submitted');
    assert.equal(r.submittedBy, 'xa.gialai');
    assert.ok(['on_time', 'late'].includes(r.timeliness));
    assertError(await xa.put('/api/reports', { form: 'bc_6thang', period, orgUnitCode: '21583', values: {} }), 409, 'report_locked');
    assertError(await xa.post(`/api/reports/${r.id}/accept`, {}), 403, 'forbidden');  // not its own

    // the province returns it (a comment is required), the commune resubmits
    assertError(await tinh.post(`/api/reports/${r.id}/return`, {}), 400, 'validation_failed', 'comment');
    r = assertStatus(await tinh.post(`/api/reports/${r.id}/return`, { comment: 'Bổ sung phần đề xuất' }), 200);
    assert.equal(r.status, 'returned');
    assert.equal(r.returnComment, 'Bổ sung phần đề xuất');
    // the ward records the decision allocating its budget (issued, dated in the period's span): the
    // computed row follows it and the warning goes
    const day2 = [todayVN(), r.period.cutOff].sort()[0];
    const grant = Math.max(100000000, r.values.cost_total) - r.values.budget_allocated;
    const dec = assertStatus(await xa.post('/api/allocation-decisions', { orgUnitCode: '21583', year: Number(day2.slice(0, 4)),
      issuingBody: 'UBND phường Quy Nhơn', number: `${uniq('QĐ')}/QĐ-UBND`, decisionDate: day2,
      lines: [{ fundingSource: 'commune_budget', amount: grant }] }), 201);
    assertStatus(await xa.post(`/api/allocation-decisions/${dec.id}/issue`, { version: dec.version }), 200);
    const allocatedBefore = r.values.budget_allocated;
    r = assertStatus(await xa.put('/api/reports', { form: 'bc_6thang', period, orgUnitCode: '21583', version: r.version,
      values: { results: 'Đã tổ chức tuyên truyền', difficulties: 'Kinh phí hạn chế', proposals: 'Tăng kinh phí' } }), 200);
    assert.equal(r.status, 'returned');
    assert.equal(r.values.budget_allocated, allocatedBefore + grant);
    assert.ok(r.values.budget_allocated_state >= grant, 'the commune budget is in the state-budget group');
    assert.deepEqual(r.issues, []);
    r = assertStatus(await xa.post(`/api/reports/${r.id}/submit`, {}), 200);
    r = assertStatus(await tinh.post(`/api/reports/${r.id}/accept`, {}), 200);
    assert.equal(r.status, 'accepted');
    assert.deepEqual(r.history.map((h) => h.action), ['create', 'submit', 'return', 'submit', 'accept']);

    // the province's compilation: completeness, and compiled = the sum of the accepted reports
    const c = assertStatus(await tinh.get(`/api/reports/compile?form=bc_6thang&period=${period}&orgUnit=52`), 200);
    const mine = c.units.find((u) => u.orgUnit.code === '21583');
    assert.equal(mine.status, 'accepted');
    assert.ok(c.completeness.expected >= 2 && c.completeness.accepted === 1 && c.completeness.submitted === 1);
    const accepted = c.units.filter((u) => u.status === 'accepted');
    for (const key of ['reached_total', 'comm_sessions', 'cost_total', 'budget_allocated']) {
      const sum = accepted.reduce((n, u) => n + u.values[key], 0);
      assert.equal(c.compiled[key], sum, `${key}: compiled = sum of the accepted reports`);
      assert.equal(c.total[key], c.compiled[key] + (c.own[key] ?? 0), `${key}: total = compiled + own`);
    }
    assert.equal(c.compiled.reached_total, r.values.reached_total);
    assert.ok(c.computed.reached_total >= c.compiled.reached_total, 'live figures cover every unit');

    // The budget allocated is computed (migration 0035): the ward's accepted report carries the
    // decision it recorded; the province typing the row changes nothing.
    assert.ok(c.compiled.budget_allocated >= r.values.budget_allocated);
    assertStatus(await tinh.put('/api/reports', { form: 'bc_6thang', period, orgUnitCode: '52', values: { budget_allocated: 200000000 } }), 200);
    const c2 = assertStatus(await tinh.get(`/api/reports/compile?form=bc_6thang&period=${period}&orgUnit=52`), 200);
    assert.equal(c2.compiled.budget_allocated, c.compiled.budget_allocated);
    assert.notEqual(c2.own.budget_allocated, 200000000, 'a computed row is never typed');
    for (const key of Object.keys(c2.total)) assert.equal(c2.total[key], c2.compiled[key] + (c2.own[key] ?? 0), `${key}: total = compiled + own`);
    const overdue = assertStatus(await tinh.get(`/api/reports/overdue?form=bc_6thang&period=${period}&orgUnit=52`), 200);
    assert.ok(overdue.items.every((u) => ['late', 'missing'].includes(u.timeliness)));

    // another province sees nothing of it
    assertError(await S['tinh.dongnai'].get(`/api/reports/current?form=bc_6thang&period=${period}&orgUnit=21583`), 404, 'not_found');
    assertError(await S['tinh.dongnai'].post(`/api/reports/${r.id}/reopen`, { comment: 'x' }), 404, 'not_found');

    // the province submits its own report; the ministry accepts it, then reopens it (audited)
    let p = assertStatus(await tinh.put('/api/reports', { form: 'bc_6thang', period, orgUnitCode: '52',
      values: { results: 'Tổng hợp', budget_allocated: 900000000 } }), 200);
    // Its report is its compilation: Σ accepted reports below + its own, on every element. Other
    // communes have not reported: submitting asks for a confirmation, naming them.
    assert.equal(p.values.reached_total, p.compilation.compiled.reached_total + p.compilation.own.reached_total);
    assert.equal(p.values.budget_allocated, c2.compiled.budget_allocated + (p.compilation.own.budget_allocated ?? 0), 'its own part + the units below');
    assert.notEqual(p.compilation.own.budget_allocated, 900000000, 'computed, not typed');
    assert.ok(p.missingUnits.length >= 1 && !p.missingUnits.some((u) => u.orgUnit?.code === '21583'));
    assertError(await tinh.post(`/api/reports/${p.id}/submit`, {}), 409, 'missing_reports', 'confirmMissing');
    p = assertStatus(await tinh.post(`/api/reports/${p.id}/submit`, { confirmMissing: true }), 200);
    assert.equal(p.status, 'submitted');
    assert.equal(p.missingUnits.length, c2.units.length + c2.agencies.length - 1, 'every unit and agency but the one accepted');
    assertError(await tinh.post(`/api/reports/${p.id}/accept`, {}), 403, 'forbidden');
    p = assertStatus(await S.bo.post(`/api/reports/${p.id}/accept`, {}), 200);
    assert.equal(p.status, 'accepted');
    const national = assertStatus(await S.bo.get(`/api/reports/compile?form=bc_6thang&period=${period}&orgUnit=VN`), 200);
    assert.equal(national.completeness.expected, 34);
    assert.equal(national.units.find((u) => u.orgUnit.code === '52').status, 'accepted');
    assert.equal(national.compiled.reached_total, p.values.reached_total);
    p = assertStatus(await S.bo.post(`/api/reports/${p.id}/reopen`, { comment: 'Kiểm tra lại số liệu kinh phí' }), 200);
    assert.equal(p.status, 'returned');
    const audit = assertStatus(await S.admin.get(`/api/audit?entity=report&entityId=${p.id}`), 200);
    assert.ok(audit.items.some((a) => a.after?.action === 'reopen'));
  });

  test('computed figures count the activities of the data span: after the cut-off is the next period\'s', async () => {
    // Khánh Hòa: 2026-H1 counts 16/11/2025–15/05/2026, 2026-H2 from 16/05/2026
    const live = async (per) => assertStatus(await S.admin.get(`/api/reports/current?form=bc_6thang&period=${per}&orgUnit=56&via=sql`), 200).live;
    const agency = assertStatus(await S.admin.get('/api/agencies?pageSize=1'), 200).items[0].id;
    const before = { h1: await live('2026-H1'), h2: await live('2026-H2') };
    for (const [day, total] of [['2026-05-15', 11], ['2026-05-16', 13], ['2025-11-16', 17], ['2025-11-15', 19]])
      assertStatus(await S.admin.post('/api/activities', { title: `Cut-off ${day}`, interventionTypeCode: 'community_sessions',
        orgUnitCode: '56', leadAgencyId: agency, startDate: day, endDate: day, reach: [{ targetGroup: 'service_workers', total, female: total, male: 0 }] }), 201);
    const after = { h1: await live('2026-H1'), h2: await live('2026-H2') };
    assert.equal(after.h1.reached_total - before.h1.reached_total, 11 + 17, '16/11/2025 and 15/05/2026 are in 2026-H1');
    assert.equal(after.h2.reached_total - before.h2.reached_total, 13, '16/05/2026 is in 2026-H2');
    const engine = assertStatus(await S.admin.get('/api/reports/current?form=bc_6thang&period=2026-H1&orgUnit=56'), 200).live;
    assert.deepEqual(engine, after.h1, 'the analytics engine counts the same span');
  });

  // Polls the report until `want` holds (figures come from the analytics engine, which picks up a
  // taxonomy change within seconds), at most 60 s.
  const reportUntil = async (who, unit, want, what) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = assertStatus(await current(who, unit), 200);
      if (want(r)) return r;
      assert.ok(Date.now() < deadline, `${what}: still not so after 60 s: ${JSON.stringify(r.issues)}`);
      await new Promise((res) => setTimeout(res, 500));
    }
  };

  test('validation rules with error severity block the submission, naming the element; nothing is written; it passes once fixed', async () => {
    // The error rule "cost_state_budget + cost_integrated + cost_socialisation <= cost_total" fails
    // when a funding source counts in two parts: an administrator puts "integrated programmes" in
    // the state-budget group, and Đồng Nai records spending from it on the province itself.
    const dn = S['tinh.dongnai'];
    const costRule = (r) => r.issues.find((i) => i.field === 'cost_total');
    // no decision allocates to Đồng Nai in the span: the warning "spending exceeds the budget"
    // fails too, and must not block
    let r = assertStatus(await dn.put('/api/reports', { form: 'bc_6thang', period, orgUnitCode: '75',
      values: { results: 'Báo cáo của tỉnh' } }), 200);
    assert.equal(r.status, 'draft');
    assert.equal(costRule(r), undefined, 'the rule holds before');
    const { code, ...integrated } = assertStatus(await S.admin.get('/api/taxonomies/funding-sources'), 200)
      .items.find((x) => x.code === 'integrated_programmes');
    assert.equal(integrated.group, 'integrated', 'the group of money from other programmes (migration 0035)');
    const regroup = async (group) => assertStatus(await S.admin.put(`/api/taxonomies/funding-sources/${code}`, { ...integrated, group }), 200);
    const me = assertStatus(await dn.get('/api/me'), 200);
    const day = [todayVN(), r.period.cutOff].sort()[0];  // within the period's data span
    assertStatus(await dn.post('/api/activities', {
      title: 'Hội nghị lồng ghép', interventionTypeCode: 'community_sessions', orgUnitCode: '75',
      leadAgencyId: me.agency.id, startDate: day, endDate: day,
      reach: [{ targetGroup: 'service_workers', total: 10, female: 6, male: 4 }],
      costs: [{ fundingSource: 'integrated_programmes', amount: 7000000 }],
    }), 201);
    try {
      await regroup('state_budget');
      r = await reportUntil('tinh.dongnai', '75', (x) => costRule(x), 'the cost rule fails');
      assert.equal(costRule(r).severity, 'error');
      assert.ok(r.values.cost_state_budget + r.values.cost_integrated + r.values.cost_socialisation > r.values.cost_total);
      assert.ok(r.issues.some((i) => i.field === 'budget_allocated' && i.severity === 'warning'));
      assert.ok(r.can.submit, 'the report may be submitted: only its rule stops it');
      const audit = async () => assertStatus(await S.admin.get(`/api/audit?entity=report&entityId=${r.id}`), 200).items.length;
      const audited = await audit();
      // blocked: 400 naming the element and the rule's message, the errors only (not the warning)
      const e = assertError(await dn.post(`/api/reports/${r.id}/submit`, { confirmMissing: true }), 400, 'validation_failed', 'cost_total');
      assert.equal(e.message, 'Các nguồn kinh phí thành phần không được vượt tổng kinh phí');
      assert.equal(e.messageEn, 'The parts cannot exceed the total spent');
      assert.deepEqual(e.details.map((d) => d.field), ['cost_total']);
      // nothing was written: still a draft, same version, no submission, no history, no audit entry
      const still = assertStatus(await current('tinh.dongnai', '75'), 200);
      assert.equal(still.status, 'draft');
      assert.equal(still.version, r.version);
      assert.equal(still.submittedAt, null);
      assert.equal(still.submittedBy, null);
      assert.deepEqual(still.history.map((h) => h.action), r.history.map((h) => h.action));
      assert.equal(await audit(), audited);
    } finally {
      await regroup('integrated');
    }
    // fixed: the rule holds again and the same report goes through (the warning stays, and does not block)
    r = await reportUntil('tinh.dongnai', '75', (x) => !costRule(x), 'the cost rule holds again');
    r = assertStatus(await dn.post(`/api/reports/${r.id}/submit`, { confirmMissing: true }), 200);
    assert.equal(r.status, 'submitted');
    assert.equal(r.submittedBy, 'tinh.dongnai');
    assert.ok(r.issues.some((i) => i.field === 'budget_allocated' && i.severity === 'warning'));
    assert.deepEqual(r.history.map((h) => h.action).slice(-1), ['submit']);
  });

  test('reminders: the own report due soon or overdue', async () => {
    const dn = S['tinh.dongnai'];
    const today = todayVN();
    const year = Number(today.slice(0, 4));
    const days = (iso) => Math.round((Date.parse(iso) - Date.parse(today)) / 86_400_000);
    const home = assertStatus(await current('tinh.dongnai', '75'), 200).orgUnit;
    // What must be reminded of: every period of both forms, this year and the last, begun within
    // the unit's life, whose report is not submitted and whose deadline has passed (missing).
    const overdue = async () => {
      const out = [];
      for (const form of ['bc_6thang', 'bc_nam'])
        for (const y of [year - 1, year])
          for (const p of assertStatus(await dn.get(`/api/report-periods?form=${form}&year=${y}&orgUnit=75`), 200).items) {
            if ((home.validFrom && p.from < home.validFrom) || p.from > today || p.deadline >= today) continue;
            const rep = assertStatus(await current('tinh.dongnai', '75', p.code, form), 200);
            if (!['submitted', 'accepted'].includes(rep.status)) out.push(`${form} ${p.code}`);
          }
      return out.sort();
    };
    const reminded = async () => {
      const rem = assertStatus(await dn.get('/api/reports/reminders'), 200);
      for (const x of rem.items) {
        assert.ok(['due_soon', 'missing'].includes(x.timeliness), x.timeliness);
        assert.ok(!['submitted', 'accepted'].includes(x.status), x.status);
        assert.equal(x.daysLeft, days(x.period.deadline), `${x.form} ${x.period.code}: days left`);
        assert.ok(x.timeliness === 'missing' ? x.daysLeft < 0 : x.daysLeft >= 0);
        assert.ok(x.formName);
      }
      return rem.items.filter((x) => x.timeliness === 'missing' && x.requestId === null).map((x) => `${x.form} ${x.period.code}`).sort();
    };
    const want = await overdue();
    assert.ok(want.length >= 1, `last year's periods are overdue in ${today}: there is something to remind of`);
    assert.deepEqual(await reminded(), want);
    // once submitted (late), a report is no longer reminded of; the others still are
    const [form, per] = want[0].split(' ');
    let r = assertStatus(await dn.put('/api/reports', { form, period: per, orgUnitCode: '75', values: {} }), 200);
    r = assertStatus(await dn.post(`/api/reports/${r.id}/submit`, { confirmMissing: true }), 200);
    assert.equal(r.timeliness, 'late');
    assert.deepEqual(await reminded(), want.slice(1));
    // a viewer files no reports: nothing to remind of
    assert.deepEqual(assertStatus(await S['xem.gialai'].get('/api/reports/reminders'), 200).items, []);
  });

  test('across the 2025 reform: a 2024 report on today\'s Gia Lai compiles old Bình Định and old Gia Lai; a district still opens', async () => {
    const today = todayVN();
    const c = assertStatus(await S['tinh.gialai'].get(`/api/reports/compile?form=bc_nam&period=2024&orgUnit=52&asOf=${today}`), 200);
    assert.equal(c.orgUnit.validFrom, '2025-07-01');
    assert.deepEqual(c.units.map((u) => u.orgUnit.name).sort(), ['Bình Định', 'Gia Lai']);
    assert.ok(c.units.every((u) => u.orgUnit.validTo === '2025-06-30'));
    const old = assertStatus(await S['tinh.gialai'].get('/api/reports/compile?form=bc_nam&period=2024&orgUnit=52'), 200);
    assert.equal(old.orgUnit.name, 'Bình Định');
    const parts = await Promise.all(c.units.map(async (u) =>
      assertStatus(await S['tinh.gialai'].get(`/api/reports/current?form=bc_nam&period=2024&orgUnit=${u.orgUnit.code}&asOf=2024-12-31`), 200)));
    // the live figures (a province's report values are its compilation: nothing accepted here)
    const sum = parts.reduce((n, x) => n + x.live.reached_total, 0);
    assert.ok(sum > 0, 'the demo has 2024 activities on the old units');
    for (const x of parts) assert.equal(x.values.reached_total, x.compilation.compiled.reached_total + x.compilation.own.reached_total);
    assert.equal(c.computed.reached_total, sum, "today's Gia Lai for 2024 = old Gia Lai + old Bình Định");
    // a 2024 report of a district still opens on the district
    const districts = old.units.filter((u) => u.orgUnit.kind === 'district');
    assert.ok(districts.length > 0);
    const d = assertStatus(await S['tinh.gialai'].get(`/api/reports/current?form=bc_nam&period=2024&orgUnit=${districts[0].orgUnit.code}`), 200);
    assert.equal(d.orgUnit.kind, 'district');
    assert.ok(d.values.reached_total >= 0);
  });

  test('computed figures: the analytics engine answers exactly what SQL counts (?via=sql), on every level and period', async () => {
    const cases = [['VN', 'bc_nam', '2025'], ['VN', 'bc_6thang', '2024-H1'], ['52', 'bc_6thang', period], ['52', 'bc_nam', '2024'],
      ['75', 'bc_6thang', '2025-H2'], ['21583', 'bc_nam', '2026']];
    let nonZero = 0;
    for (const [unit, form, per] of cases) {
      const q = `/api/reports/compile?form=${form}&period=${per}&orgUnit=${unit}`;
      const engine = assertStatus(await S.admin.get(q), 200);
      const sql = assertStatus(await S.admin.get(`${q}&via=sql`), 200);
      assert.deepEqual(engine.computed, sql.computed, `${q}: live figures`);
      assert.deepEqual(engine.own, sql.own, `${q}: own figures`);
      // each unit's live figures below (the differences) too; the one-pass compile (issue 20)
      // equals the engine's element-by-element path (?scan=per-term)
      assert.deepEqual(engine.differences, sql.differences, `${q}: differences below`);
      const perTerm = assertStatus(await S.admin.get(`${q}&scan=per-term`), 200);
      for (const k of ['computed', 'own', 'compiled', 'total', 'differences'])
        assert.deepEqual(engine[k], perTerm[k], `${q}: ${k}, one pass vs per term`);
      nonZero += Object.values(engine.computed).filter((v) => v > 0).length;
      const rep = `/api/reports/current?form=${form}&period=${per}&orgUnit=${unit}`;
      const a = assertStatus(await S.admin.get(rep), 200), b = assertStatus(await S.admin.get(`${rep}&via=sql`), 200);
      assert.deepEqual(a.values, b.values, `${rep}: report values`);
    }
    assert.ok(nonZero > 20, `the demo's activities give real figures to compare (${nonZero} non-zero)`);
  });

  test('the official document: .docx in the state format and the .xlsx annex', async () => {
    const download = async (format) => {
      const res = await fetch(`${server.base}/api/reports/document?form=bc_6thang&period=${period}&orgUnit=52&format=${format}`,
        { headers: { cookie: S['tinh.gialai'].cookie } });
      assert.equal(res.status, 200, format);
      return { type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), buf: Buffer.from(await res.arrayBuffer()) };
    };
    const docx = await download('docx');
    assert.match(docx.type, /wordprocessingml/);
    assert.equal(docx.buf.subarray(0, 2).toString(), 'PK');
    assert.match(docx.disposition, /\.docx/);
    const xml = unzip(docx.buf).get('word/document.xml').toString('utf8');
    for (const words of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO', 'Nơi nhận',
      'Kết quả công tác lồng ghép phòng, chống mại dâm', 'Tổng số lượt người được tiếp cận'])
      assert.ok(xml.includes(words), `the document holds "${words}"`);
    const xlsx = await download('xlsx');
    assert.match(xlsx.type, /spreadsheetml/);
    assert.equal(xlsx.buf.subarray(0, 2).toString(), 'PK');
    assert.ok([...unzip(xlsx.buf).keys()].some((k) => k.startsWith('xl/worksheets/')));
    assertError(await S['tinh.gialai'].get(`/api/reports/document?form=bc_6thang&period=${period}&orgUnit=52&format=odt`), 400, 'validation_failed', 'format');
    assertError(await S['tinh.dongnai'].get(`/api/reports/document?form=bc_6thang&period=${period}&orgUnit=52&format=docx`), 404, 'not_found');
  });
});
