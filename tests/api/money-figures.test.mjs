// Money through its stages, the figures (issue 19; docs/api-money.md §4–5) on the real server with
// real data built through the API: a ward's plan with budgets per activity (approved), allocation
// decisions (issued, an issued cut, a draft that never counts), activities spending against the
// planned activities. Execution by source / plan activity / programme / unit / level with exact
// figures and rates computed by hand (null on zero denominators), the integrated share, cost per
// result by target group (spending shared by people reached), the .xlsx exports, scope (404) and
// the report's computed budget_allocated rows, frozen at submission.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, loginAll, startServer, todayVN, uniq, decision, unzip } from './harness.mjs';

const TODAY = todayVN();
const YEAR = Number(TODAY.slice(0, 4));
const WARD = '21583';  // xa.gialai's ward (Quy Nhơn), in Gia Lai (52)
const PERIOD = `${YEAR}-H${Number(TODAY.slice(5, 7)) <= 6 ? 1 : 2}`;
const INTEGRATED = ['national_target_programmes', 'integrated_programmes'];

describe(`money figures ${KIND}`, () => {
  let server, S, xa, progX, agencyId, base = {}, plan;
  const exec = (by, unit = WARD, who = 'xa.gialai') => S[who].get(`/api/money/execution?orgUnit=${unit}&year=${YEAR}&by=${by}`);
  const row = (t, key) => t.rows.find((r) => r.key === key) ?? { planned: 0, allocated: 0, spent: 0, reached: 0, outputQuantity: 0, activities: 0 };
  const download = async (client, path) => {
    const res = await fetch(server.base + path, { headers: { cookie: client.cookie } });
    return { status: res.status, headers: res.headers, buf: Buffer.from(await res.arrayBuffer()) };
  };
  const xl = (buf) => [...unzip(buf).entries()].filter(([n]) => n.startsWith('xl/')).map(([, b]) => b.toString('utf8')).join('\n');
  const report = () => xa.get(`/api/reports/current?form=bc_6thang&period=${PERIOD}&orgUnit=${WARD}`);

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
    xa = S['xa.gialai'];
    agencyId = assertStatus(await xa.get('/api/me'), 200).agency.id;
    // a programme the ward may name (its own or one above it)
    progX = (await listAll(xa, `/api/programmes?year=${YEAR}`)).items[0].id;
    // the demo's figures before the fixtures (the ward spends without a plan in the demo)
    for (const by of ['source', 'planActivity', 'programme']) base[by] = assertStatus(await exec(by), 200);
    base.unit = assertStatus(await exec('unit', '52', 'tinh.gialai'), 200);
    base.level = assertStatus(await exec('level', '52', 'tinh.gialai'), 200);
    base.tg = assertStatus(await xa.get(`/api/money/cost-per-result?orgUnit=${WARD}&year=${YEAR}&by=targetGroup`), 200);
    base.report = assertStatus(await report(), 200);
  });
  after(async () => { await server?.stop(); });

  test('fixtures: an approved plan with activity budgets, decisions with an issued cut and a draft, activities against it', async () => {
    let p = assertStatus(await xa.post('/api/plans', {
      orgUnitCode: WARD, agencyId, year: YEAR, title: `Kế hoạch kinh phí ${uniq('kh')}`, beneficiaries: [],
      activities: [
        { interventionType: 'community_sessions', description: 'Tuyên truyền cộng đồng', leadAgencyId: agencyId,
          budget: [{ fundingSource: 'commune_budget', amount: 20000000 },
            { fundingSource: 'integrated_programmes', programmeId: progX, amount: 8000000 }] },
        { interventionType: 'community_sessions', description: 'Nói chuyện chuyên đề', leadAgencyId: agencyId,
          budget: [{ fundingSource: 'commune_budget', amount: 12000000 }] },
      ],
    }), 201);
    assert.equal(p.budgetTotal, 40000000);
    // a plan not approved plans nothing
    let t = assertStatus(await exec('source'), 200);
    assert.equal(t.total.planned, base.source.total.planned);
    assertStatus(await xa.post(`/api/plans/${p.id}/submit`, {}), 200);
    p = assertStatus(await S.admin.post(`/api/plans/${p.id}/approve`, decision()), 200);
    plan = assertStatus(await xa.get(`/api/plans/${p.id}`), 200);
    const [a1, a2] = plan.activities.map((a) => a.id);

    const body = (lines, extra = {}) => ({ orgUnitCode: WARD, year: YEAR, issuingBody: 'UBND phường Quy Nhơn',
      number: `${uniq('QĐ')}/QĐ-UBND`, decisionDate: TODAY, planId: plan.id, lines, ...extra });
    const d = assertStatus(await xa.post('/api/allocation-decisions', body([
      { planActivityId: a1, fundingSource: 'commune_budget', amount: 16000000 },
      { planActivityId: a1, fundingSource: 'integrated_programmes', programmeId: progX, amount: 8000000 },
      { fundingSource: 'commune_budget', amount: 6000000 }])), 201);
    // a draft counts nothing
    t = assertStatus(await exec('source'), 200);
    assert.equal(t.total.allocated, base.source.total.allocated);
    const issued = assertStatus(await xa.post(`/api/allocation-decisions/${d.id}/issue`, { version: d.version }), 200);
    const cut = assertStatus(await xa.post(`/api/allocation-decisions/${d.id}/amend`, { issuingBody: 'UBND phường Quy Nhơn',
      number: `${uniq('QĐ')}/QĐ-UBND`, decisionDate: TODAY, lines: [{ planActivityId: a1, fundingSource: 'commune_budget', amount: -4000000 }] }), 201);
    assertStatus(await xa.post(`/api/allocation-decisions/${cut.id}/issue`, { version: cut.version }), 200);
    assert.ok(issued.status === 'issued');
    // a draft that is never issued
    assertStatus(await xa.post('/api/allocation-decisions', body([{ planActivityId: a2, fundingSource: 'commune_budget', amount: 50000000 }])), 201);

    const act = (title, planActivityId, costs, reach, outputs) => xa.post('/api/activities', {
      title: `${title} ${uniq('hd')}`, interventionTypeCode: 'community_sessions', orgUnitCode: WARD, leadAgencyId: agencyId,
      partnerAgencyIds: [], programmeIds: [], planActivityId, startDate: `${YEAR}-03-10`, endDate: `${YEAR}-03-12`, reach, outputs, costs });
    assertStatus(await act('Tuyên truyền', a1,
      [{ fundingSource: 'commune_budget', amount: 9000000 }, { fundingSource: 'integrated_programmes', amount: 3000000 }],
      [{ targetGroup: 'service_workers', total: 30 }, { targetGroup: 'unemployed_youth', total: 10 }], [{ kind: 'sessions', quantity: 4 }]), 201);
    assertStatus(await act('Nói chuyện', a2, [{ fundingSource: 'commune_budget', amount: 5000000 }],
      [{ targetGroup: 'service_workers', total: 20 }], [{ kind: 'sessions', quantity: 1 }]), 201);
  });

  test('execution by planned activity: planned, allocated (cut, no draft), spent and the rates by hand; null on zero', async () => {
    const t = assertStatus(await exec('planActivity'), 200);
    assert.equal(t.year, YEAR);
    assert.equal(t.orgUnit.code, WARD);
    const [a1, a2] = plan.activities.map((a) => String(a.id));
    assert.deepEqual(row(t, a1), { key: a1, label: 'Tuyên truyền cộng đồng', labelEn: 'Tuyên truyền cộng đồng',
      planned: 28000000, allocated: 20000000, spent: 12000000, allocatedRate: 0.7143, spentRate: 0.6, spentOfPlanned: 0.4286 });
    assert.deepEqual(row(t, a2), { key: a2, label: 'Nói chuyện chuyên đề', labelEn: 'Nói chuyện chuyên đề',
      planned: 12000000, allocated: 0, spent: 5000000, allocatedRate: 0, spentRate: null, spentOfPlanned: 0.4167 });
    const none = row(t, 'none'), none0 = row(base.planActivity, 'none');
    assert.equal(none.allocated - none0.allocated, 6000000, 'allocated to the plan, not to an activity');
    assert.equal(none.spent, none0.spent, 'the demo spending with no planned activity is unchanged');
    assert.equal(t.total.planned - base.planActivity.total.planned, 40000000);
    assert.equal(t.total.allocated - base.planActivity.total.allocated, 26000000);
    assert.equal(t.total.spent - base.planActivity.total.spent, 17000000);
    for (const k of ['planned', 'allocated', 'spent']) assert.equal(t.rows.reduce((n, r) => n + r[k], 0), t.total[k], `${k}: rows add up`);
  });

  test('execution by source and programme; the integrated share', async () => {
    const t = assertStatus(await exec('source'), 200);
    const cb = row(t, 'commune_budget'), cb0 = row(base.source, 'commune_budget');
    assert.deepEqual([cb.planned - cb0.planned, cb.allocated - cb0.allocated, cb.spent - cb0.spent], [32000000, 18000000, 14000000]);
    assert.equal(cb.label, 'Ngân sách xã');
    const ip = row(t, 'integrated_programmes'), ip0 = row(base.source, 'integrated_programmes');
    assert.deepEqual([ip.planned - ip0.planned, ip.allocated - ip0.allocated, ip.spent - ip0.spent], [8000000, 8000000, 3000000]);
    const integrated = t.rows.filter((r) => INTEGRATED.includes(r.key)).reduce((n, r) => n + r.spent, 0);
    assert.equal(t.integratedShare, Math.round((integrated / t.total.spent) * 10000) / 10000);
    assert.equal(integrated - base.source.rows.filter((r) => INTEGRATED.includes(r.key)).reduce((n, r) => n + r.spent, 0), 3000000);
    const total = t.total;
    assert.equal(total.allocatedRate, total.planned ? Math.round((total.allocated / total.planned) * 10000) / 10000 : null);
    assert.equal(total.spentRate, total.allocated ? Math.round((total.spent / total.allocated) * 10000) / 10000 : null);

    const pg = assertStatus(await exec('programme'), 200);
    const x = row(pg, String(progX)), x0 = row(base.programme, String(progX));
    assert.equal(x.planned - x0.planned, 8000000);
    assert.equal(x.allocated - x0.allocated, 8000000);
    assert.ok(x.label && x.label !== String(progX), 'labelled with the programme name');
  });

  test('execution of the province by unit and level: the ward counts in its own row', async () => {
    const t = assertStatus(await exec('unit', '52', 'tinh.gialai'), 200);
    const w = row(t, WARD), w0 = row(base.unit, WARD);
    assert.deepEqual([w.planned - w0.planned, w.allocated - w0.allocated, w.spent - w0.spent], [40000000, 26000000, 17000000]);
    assert.equal(w.label, 'Quy Nhơn');
    assert.equal(t.rows[0].key, '52', 'the province\'s own level first');
    const l = assertStatus(await exec('level', '52', 'tinh.gialai'), 200);
    const c = row(l, 'commune'), c0 = row(base.level, 'commune');
    assert.deepEqual([c.planned - c0.planned, c.allocated - c0.allocated, c.spent - c0.spent], [40000000, 26000000, 17000000]);
    assert.equal(c.label, 'Cấp xã');
    assert.equal(l.total.spent, t.total.spent);
  });

  test('cost per result by target group: spending shared by people reached', async () => {
    const t = assertStatus(await xa.get(`/api/money/cost-per-result?orgUnit=${WARD}&year=${YEAR}&by=targetGroup`), 200);
    const sw = row(t, 'service_workers'), sw0 = row(base.tg, 'service_workers');
    // activity 1: 12.000.000 and 4 sessions over 30 + 10 people → 9.000.000 / 3 and 3.000.000 / 1; activity 2 all to service workers
    assert.deepEqual([sw.spent - sw0.spent, sw.reached - sw0.reached, sw.outputQuantity - sw0.outputQuantity, sw.activities - sw0.activities],
      [14000000, 50, 4, 2]);
    const uy = row(t, 'unemployed_youth'), uy0 = row(base.tg, 'unemployed_youth');
    assert.deepEqual([uy.spent - uy0.spent, uy.reached - uy0.reached, uy.outputQuantity - uy0.outputQuantity], [3000000, 10, 1]);
    assert.equal(sw.costPerPerson, sw.reached ? Math.round((sw.spent / sw.reached) * 100) / 100 : null);
    assert.deepEqual([t.total.spent - base.tg.total.spent, t.total.reached - base.tg.total.reached, t.total.activities - base.tg.total.activities],
      [17000000, 60, 2]);
    assert.equal(t.rows.reduce((n, r) => n + r.spent, 0), t.total.spent, 'shares add up to the total');
    const it = assertStatus(await xa.get(`/api/money/cost-per-result?orgUnit=${WARD}&year=${YEAR}&by=interventionType`), 200);
    assert.equal(it.total.spent, t.total.spent);
    // a year with nothing: zeros and nulls, never NaN
    const empty = assertStatus(await xa.get(`/api/money/cost-per-result?orgUnit=${WARD}&year=2001`), 200);
    assert.deepEqual(empty.rows, []);
    assert.equal(empty.total.costPerPerson, null);
    const e2 = assertStatus(await xa.get(`/api/money/execution?orgUnit=${WARD}&year=2001`), 200);
    assert.deepEqual([e2.total.allocatedRate, e2.total.spentRate, e2.total.spentOfPlanned, e2.integratedShare], [null, null, null, null]);
  });

  test('the plan\'s yearly evaluation: planned (activity budgets), allocated (decisions for the plan) and spent by source', async () => {
    const ev = assertStatus(await xa.get(`/api/plans/${plan.id}/evaluation`), 200);
    const src = (code) => ev.budget.find((b) => b.source === code);
    assert.deepEqual(src('commune_budget'), { source: 'commune_budget', planned: 32000000, allocated: 18000000, spent: 14000000,
      execution: 43.8, allocatedRate: 0.5625, spentRate: 0.7778 });
    assert.deepEqual(src('integrated_programmes'), { source: 'integrated_programmes', planned: 8000000, allocated: 8000000, spent: 3000000,
      execution: 37.5, allocatedRate: 1, spentRate: 0.375 });
    assert.deepEqual([ev.totals.plannedBudget, ev.totals.allocated, ev.totals.spent], [40000000, 26000000, 17000000]);
  });

  test('exports, scope and bad input', async () => {
    const x = await download(xa, `/api/money/execution.xlsx?orgUnit=${WARD}&year=${YEAR}&by=planActivity`);
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
    const text = xl(x.buf);
    assert.match(text, /0\.00%/);
    assert.match(text, /#,##0/);
    assert.match(text, /Kế hoạch \(đồng\)/);
    assert.match(text, /Tuyên truyền cộng đồng/);
    assert.match(text, /<v>28000000<\/v>/);
    assert.match(text, /<v>0\.7143<\/v>/);
    const c = await download(xa, `/api/money/cost-per-result.xlsx?orgUnit=${WARD}&year=${YEAR}&by=targetGroup`);
    assert.equal(c.status, 200);
    assert.match(xl(c.buf), /Chi phí\/người/);
    assertError(await S['tinh.dongnai'].get(`/api/money/execution?orgUnit=${WARD}&year=${YEAR}`), 404, 'not_found');
    assertError(await S['tinh.dongnai'].get(`/api/money/cost-per-result.xlsx?orgUnit=52&year=${YEAR}`), 404, 'not_found');
    assertError(await xa.get(`/api/money/execution?orgUnit=52&year=${YEAR}`), 404, 'not_found');
    assertError(await xa.get(`/api/money/execution?orgUnit=${WARD}&year=${YEAR}&by=nope`), 400, 'validation_failed', 'by');
    assertError(await xa.get(`/api/money/execution?orgUnit=${WARD}&year=1800`), 400, 'validation_failed', 'year');
  });

  test('the report computes budget_allocated from issued decisions, by group, and freezes it at submission', async () => {
    const b = base.report.values;
    let r = assertStatus(await report(), 200);
    assert.equal(r.values.budget_allocated - b.budget_allocated, 26000000);
    assert.equal(r.values.budget_allocated_state - b.budget_allocated_state, 18000000);
    assert.equal(r.values.budget_allocated_integrated - b.budget_allocated_integrated, 8000000);
    // typed, it is not taken
    r = assertStatus(await xa.put('/api/reports', { form: 'bc_6thang', period: PERIOD, orgUnitCode: WARD,
      values: { results: 'Báo cáo kinh phí', difficulties: '', proposals: '', budget_allocated: 1 } }), 200);
    assert.equal(r.values.budget_allocated - b.budget_allocated, 26000000);
    r = assertStatus(await xa.post(`/api/reports/${r.id}/submit`, { confirmMissing: true }), 200);
    const frozen = r.values.budget_allocated;
    const d = assertStatus(await xa.post('/api/allocation-decisions', { orgUnitCode: WARD, year: YEAR, issuingBody: 'UBND phường Quy Nhơn',
      number: `${uniq('QĐ')}/QĐ-UBND`, decisionDate: TODAY, lines: [{ fundingSource: 'commune_budget', amount: 1000000 }] }), 201);
    assertStatus(await xa.post(`/api/allocation-decisions/${d.id}/issue`, { version: d.version }), 200);
    assert.equal(assertStatus(await report(), 200).values.budget_allocated, frozen, 'frozen at submission');
    const live = assertStatus(await exec('source'), 200);
    assert.equal(live.total.allocated - base.source.total.allocated, 27000000, 'the live figures move on');
  });
});
