// Issue 15, "every label is a name", on the real server and database: official period names in
// both languages in the pivot's answer and the report periods, the work of units abolished in
// 07/2025 named apart from "Khác", the indicator wording after the reform (migration 0021), the
// report form's English section headings, and the audit log naming the record of a workflow step.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertStatus, listAll, loginAll, startServer } from './harness.mjs';

describe(`names, never codes ${KIND}`, () => {
  let server, S;

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
  });
  after(async () => { await server?.stop(); });

  const pivot = (who, body) => S[who].post('/api/analytics/pivot', body);

  test('pivot period names in the official style, Vietnamese and English', async () => {
    const q = assertStatus(await pivot('tinh.gialai', { measure: 'activities', rows: ['quarter'], columns: ['half'] }), 200);
    const first = q.rowKeys.findIndex((k) => k[0] === '2021-Q1');
    assert.ok(first >= 0, `the demo has activities in 2021-Q1: ${JSON.stringify(q.rowKeys.slice(0, 3))}`);
    assert.deepEqual(q.rowLabels[first], ['Quý I/2021']);
    assert.deepEqual(q.rowLabelsEn[first], ['Q1 2021']);
    const h1 = q.columnKeys.findIndex((k) => k[0] === '2021-H1');
    assert.deepEqual(q.columnLabels[h1], ['6 tháng đầu năm 2021']);
    assert.deepEqual(q.columnLabelsEn[h1], ['First half of 2021']);
    const y = assertStatus(await pivot('tinh.gialai', { measure: 'activities', rows: ['year'] }), 200);
    assert.deepEqual(y.rowLabels[0], [`Năm ${y.rowKeys[0][0]}`]);
    assert.deepEqual(y.rowLabelsEn[0], [`Year ${y.rowKeys[0][0]}`]);
    // taxonomies in English too
    const t = assertStatus(await pivot('tinh.gialai', { measure: 'activities', rows: ['planned'] }), 200);
    assert.ok(t.rowLabelsEn.flat().every((l) => ['Planned', 'Not planned'].includes(l)), JSON.stringify(t.rowLabelsEn));
  });

  test('the work of districts abolished in 07/2025 is named, not "Khác"; totals unchanged', async () => {
    const c = assertStatus(await pivot('tinh.gialai', { measure: 'reached', rows: ['commune'] }), 200);
    const i = c.rowKeys.findIndex((k) => k[0] === '~former');
    assert.ok(i >= 0, `the demo's former districts of Bình Định recorded activities: ${JSON.stringify(c.rowKeys)}`);
    assert.deepEqual(c.rowLabels[i], ['Đơn vị trước sắp xếp (07/2025)']);
    assert.deepEqual(c.rowLabelsEn[i], ['Units before the 07/2025 reorganisation']);
    assert.ok(!c.rowLabels.flat().includes('Khác') || c.rowKeys.some((k) => k[0] === null));
    const p = assertStatus(await pivot('tinh.gialai', { measure: 'reached', rows: ['province'] }), 200);
    assert.equal(c.total, p.total, 'every person still counts in the province');
    // as of 2024 the districts exist: nothing is "before the reorganisation"
    const old = assertStatus(await pivot('bo', { measure: 'reached', rows: ['district'], asOf: '2024-12-31',
      filters: { to: '2024-12-31' } }), 200);
    assert.ok(!old.rowKeys.some((k) => k[0] === '~former'), JSON.stringify(old.rowKeys.slice(0, 5)));
  });

  test('report periods and form sections carry English names', async () => {
    const r = assertStatus(await S['tinh.gialai'].get('/api/report-periods?form=bc_6thang&year=2026'), 200);
    const items = r.items ?? r.periods ?? r;
    const h2 = items.find((p) => p.code === '2026-H2');
    assert.equal(h2.label, '6 tháng cuối năm 2026');
    assert.equal(h2.labelEn, 'Second half of 2026');
    const forms = assertStatus(await S['tinh.gialai'].get('/api/report-forms'), 200);
    const f = (forms.items ?? forms).find((x) => x.code === 'bc_6thang');
    assert.equal(f.sections[0].title, '1. Thông tin, truyền thông, giáo dục');
    assert.equal(f.sections[0].titleEn, '1. Information, communication and education');
  });

  test('indicator wording after the reform (migration 0021)', async () => {
    const r = assertStatus(await S['tinh.gialai'].get('/api/indicators'), 200);
    const list = r.items ?? r.indicators ?? r;
    const ind = list.find((x) => x.code === 'communes_communication');
    assert.match(ind.name, /xã, phường, đặc khu/);
    for (const x of list) {
      assert.doesNotMatch(`${x.name} ${x.source ?? ''}`, /thị trấn/, `${x.code} still says "thị trấn"`);
    }
  });

  test('the audit log names the record of a workflow step by its create entry', async () => {
    const audit = (await listAll(S.admin, '/api/audit?entity=integration_plan')).items;
    const steps = audit.filter((e) => e.action === 'update' && e.after && !e.after.title);
    assert.ok(steps.length > 0, 'the demo has plan workflow steps');
    for (const e of steps) {
      assert.ok(e.createdAs && typeof e.createdAs.title === 'string' && e.createdAs.title.length > 0,
        `plan ${e.entityId}'s step is named: ${JSON.stringify(e.createdAs)}`);
      const created = audit.find((x) => x.entityId === e.entityId && x.action === 'create');
      if (created) assert.equal(e.createdAs.title, created.after.title);
    }
    for (const e of audit.filter((x) => x.action === 'create')) assert.equal(e.createdAs, null);
  });
});
