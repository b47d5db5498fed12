// The analytics pivots (issue 6) on the real server and database: the in-memory engine answers
// exactly what the same query in SQL answers (random pivots, cell by cell); what a commune records,
// edits or deletes shows in the ministry's pivot at once; a province sees only its province;
// bad requests are clear 400s; the export is a real .xlsx.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, loginAll, startServer, todayVN, uniq, unzip } from './harness.mjs';

// A small deterministic generator: a failing case can be replayed from its seed.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe(`analytics pivots ${KIND}`, () => {
  let server, S, meta;

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
    meta = assertStatus(await S.bo.get('/api/analytics/meta'), 200);
  });
  after(async () => { await server?.stop(); });

  const pivot = (who, body, via = '') => S[who].post(`/api/analytics/pivot${via ? `?via=${via}` : ''}`, body);
  const comparable = (t) => ({
    rowKeys: t.rowKeys, columnKeys: t.columnKeys, cells: t.cells, rowTotals: t.rowTotals,
    columnTotals: t.columnTotals, total: t.total, facts: t.facts, rowLabels: t.rowLabels, columnLabels: t.columnLabels,
  });

  test('meta lists measures, dimensions and the members of the small dimensions, bilingual', () => {
    assert.deepEqual(meta.measures.map((m) => m.code), ['activities', 'reached', 'female', 'male', 'age', 'output', 'cost', 'planned', 'allocated']);
    const planned = meta.measures.find((m) => m.code === 'planned');
    assert.equal(planned.label, 'Kinh phí kế hoạch (đồng)');
    assert.deepEqual(planned.dimensions, ['province', 'district', 'commune', 'unit', 'level', 'type', 'typeGroup', 'targetGroup',
      'targetGroupGroup', 'programme', 'fundingSource', 'fundingGroup', 'year']);
    assert.deepEqual(meta.members.fundingGroup.map((g) => g.code), ['integrated', 'state_budget']);
    assert.ok(meta.members.fundingSource.some((f) => f.code === 'integrated_programmes' && f.group === 'integrated'));
    const reached = meta.measures.find((m) => m.code === 'reached');
    assert.equal(reached.label, 'Số người được tiếp cận');
    assert.equal(reached.labelEn, 'People reached');
    assert.ok(reached.dimensions.includes('targetGroup') && !reached.dimensions.includes('fundingSource'));
    assert.ok(meta.dimensions.some((d) => d.code === 'province' && d.kind === 'orgUnit'));
    assert.ok(meta.dimensions.some((d) => d.code === 'quarter' && d.kind === 'period'));
    assert.ok(meta.members.type.some((t) => t.code === 'media' && t.group === 'a'));
    assert.ok(meta.members.targetGroupGroup.some((g) => g.code === 'harm_reduction'));
    assert.equal(meta.limits.maxCells, 20000);
    assert.ok(meta.engine.activities > 2000, `demo activities loaded: ${meta.engine.activities}`);
    assert.ok(meta.engine.bytesPerFact > 0 && meta.engine.bytesPerFact < 64, `bytes per fact ${meta.engine.bytesPerFact}`);
  });

  test('the engine answers what SQL answers: 48 random pivots, cell by cell', async () => {
    const seed = Number(process.env.ANALYTICS_SEED || 20261201);
    const rand = rng(seed);
    const pick = (xs) => xs[Math.floor(rand() * xs.length)];
    const some = (xs, max) => xs.filter(() => rand() < max / xs.length);
    const agencies = [...new Set((await (async () => {
      const t = assertStatus(await pivot('admin', { measure: 'activities', rows: ['agency'] }), 200);
      return t.rowKeys.map((k) => Number(k[0]));
    })()))];
    const today = todayVN();
    let nonEmpty = 0;
    const activityMeasures = meta.measures.filter((m) => !['planned', 'allocated'].includes(m.code));
    for (let i = 0; i < 48; ++i) {
      const measure = pick(activityMeasures);
      const dims = measure.dimensions.filter((d) => d !== 'day' || rand() < 0.2);
      const shuffled = dims.map((d) => [rand(), d]).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
      const nr = Math.floor(rand() * 4), nc = Math.floor(rand() * 3);
      const rows = shuffled.slice(0, nr), columns = shuffled.slice(nr, nr + nc);
      const filters = {};
      if (rand() < 0.5) filters.from = `${pick(['2023', '2024', '2025'])}-${pick(['01', '04', '07'])}-01`;
      if (rand() < 0.4) filters.to = `${pick(['2025', '2026'])}-${pick(['03', '06', '12'])}-${pick(['15', '28'])}`;
      if (rand() < 0.3) filters.types = some(meta.members.type.map((t) => t.code), 5);
      if (rand() < 0.2) filters.typeGroups = some(['a', 'b', 'c', 'other'], 2);
      if (rand() < 0.3 && measure.dimensions.includes('targetGroup')) filters.targetGroups = some(meta.members.targetGroup.map((t) => t.code), 6);
      if (rand() < 0.2 && measure.dimensions.includes('targetGroup')) filters.targetGroupGroups = [pick(['prevention', 'harm_reduction'])];
      if (rand() < 0.3 && measure.code === 'cost') filters.fundingSources = some(meta.members.fundingSource.map((t) => t.code), 3);
      if (rand() < 0.3 && measure.code === 'output') filters.outputKinds = some(meta.members.outputKind.map((t) => t.code), 5);
      if (rand() < 0.3 && measure.code === 'age') filters.ageBands = some(meta.members.ageBand.map((t) => t.code), 3);
      if (rand() < 0.2) filters.agencies = some(agencies, 8);
      if (rand() < 0.2) filters.planned = rand() < 0.5;
      const asOf = rand() < 0.5 ? today : `2024-${pick(['01-01', '06-30', '12-31'])}`;
      if (rand() < 0.35) filters.orgUnit = asOf === today ? pick(['52', '75', '56', '21583', 'VN']) : pick(['52', '64', '75', 'VN']);
      const body = { measure: measure.code, rows, columns, filters, asOf };
      const who = rand() < 0.8 ? 'admin' : 'admin';
      const mem = await pivot(who, body);
      const sql = await pivot(who, body, 'sql');
      const label = `case ${i} (seed ${seed}): ${JSON.stringify(body)}`;
      assert.equal(mem.status, sql.status, `${label}: status ${mem.status} vs ${sql.status} ${JSON.stringify(mem.body).slice(0, 300)}`);
      if (mem.status !== 200) {
        assert.equal(mem.body.error.code, sql.body.error.code, label);
        continue;
      }
      assert.equal(mem.body.engine, 'memory');
      assert.equal(sql.body.engine, 'sql');
      assert.deepEqual(comparable(mem.body), comparable(sql.body), label);
      if (mem.body.total > 0) ++nonEmpty;
    }
    assert.ok(nonEmpty >= 30, `most random pivots have data (${nonEmpty} of 48)`);
  });

  test('money measures: the engine answers what SQL answers on random pivots (planned, allocated)', async () => {
    const seed = Number(process.env.ANALYTICS_SEED || 20261219);
    const rand = rng(seed);
    const pick = (xs) => xs[Math.floor(rand() * xs.length)];
    const some = (xs, max) => xs.filter(() => rand() < max / xs.length);
    const today = todayVN();
    let nonEmpty = 0;
    for (let i = 0; i < 24; ++i) {
      const measure = pick(meta.measures.filter((m) => ['planned', 'allocated'].includes(m.code)));
      const shuffled = measure.dimensions.map((d) => [rand(), d]).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
      const nr = Math.floor(rand() * 3), nc = Math.floor(rand() * 3);
      const rows = shuffled.slice(0, nr), columns = shuffled.slice(nr, nr + nc);
      const filters = {};
      if (rand() < 0.4) filters.from = `${pick(['2024', '2025', '2026'])}-${pick(['01', '07'])}-01`;
      if (rand() < 0.3) filters.to = `${pick(['2025', '2026'])}-12-31`;
      if (rand() < 0.3) filters.fundingSources = some(meta.members.fundingSource.map((t) => t.code), 3);
      if (rand() < 0.2) filters.types = some(meta.members.type.map((t) => t.code), 5);
      if (rand() < 0.2) filters.targetGroupGroups = [pick(['prevention', 'harm_reduction'])];
      const asOf = rand() < 0.5 ? today : '2024-12-31';
      if (rand() < 0.35) filters.orgUnit = asOf === today ? pick(['52', '75', 'VN']) : pick(['52', '64', 'VN']);
      const body = { measure: measure.code, rows, columns, filters, asOf };
      const mem = await pivot('admin', body);
      const sql = await pivot('admin', body, 'sql');
      const label = `money case ${i} (seed ${seed}): ${JSON.stringify(body)}`;
      assert.equal(mem.status, sql.status, `${label}: ${JSON.stringify(mem.body).slice(0, 300)}`);
      if (mem.status !== 200) {
        assert.equal(mem.body.error.code, sql.body.error.code, label);
        continue;
      }
      assert.deepEqual(comparable(mem.body), comparable(sql.body), label);
      if (mem.body.total !== 0) ++nonEmpty;
    }
    assert.ok(nonEmpty >= 6, `money pivots have the demo's budgets and decisions (${nonEmpty} of 24 non-empty)`);
    // The demo's Gia Lai plan of Sở Y tế (900.000.000 đồng by activity) is in the planned money of 2026.
    const gl = assertStatus(await pivot('bo', { measure: 'planned', rows: ['year'], columns: ['fundingGroup'], filters: { orgUnit: '52' } }), 200);
    const y = gl.rowKeys.findIndex((k) => k[0] === '2026');
    assert.ok(y >= 0 && gl.rowTotals[y] >= 900000000, JSON.stringify(gl.rowTotals));
    // Dimensions and filters that do not apply to money are clear 400s.
    for (const [body, field] of [
      [{ measure: 'planned', rows: ['month'] }, 'rows'],
      [{ measure: 'allocated', columns: ['agency'] }, 'columns'],
      [{ measure: 'allocated', rows: ['ageBand'] }, 'rows'],
      [{ measure: 'planned', filters: { agencies: [1] } }, 'filters.agencies'],
      [{ measure: 'allocated', filters: { planned: true } }, 'filters.planned'],
      [{ measure: 'planned', filters: { outputKinds: ['sessions'] } }, 'filters.outputKinds'],
    ]) {
      const e = assertError(await pivot('bo', body), 400, 'validation_failed', field);
      assert.ok(e.message && e.messageEn && e.message !== e.messageEn, JSON.stringify(e));
    }
  });

  test('money: a decision issued through the API is in the next allocated pivot, by source and unspecified type', async () => {
    const lead = S['tinh.gialai'];
    const year = Number(todayVN().slice(0, 4));
    const plans = assertStatus(await lead.get(`/api/plans?year=${year}&pageSize=100`), 200).items;
    const approved = plans.filter((p) => p.status === 'approved');
    assert.ok(approved.length > 0, 'the demo has approved plans this year');
    const plan = assertStatus(await lead.get(`/api/plans/${approved[0].id}`), 200);
    const body = { measure: 'allocated', rows: ['fundingSource'], columns: ['type'], filters: { orgUnit: '52', from: `${year}-01-01`, to: `${year}-12-31` } };
    const cell = (t, src, type) => {
      const r = t.rowKeys.findIndex((k) => k[0] === src), c = t.columnKeys.findIndex((k) => k[0] === type);
      return r < 0 || c < 0 ? 0 : t.cells[r][c];
    };
    const before = assertStatus(await pivot('bo', body), 200);
    const act = plan.activities[0];
    const d = assertStatus(await lead.post('/api/allocation-decisions', {
      orgUnitCode: plan.orgUnit.code, year, issuingBody: 'UBND tỉnh Gia Lai', number: `${uniq('QĐ')}/QĐ-UBND`, decisionDate: todayVN(),
      planId: plan.id, lines: [{ planActivityId: act.id, fundingSource: 'provincial_budget', amount: 7000000 },
        { fundingSource: 'commune_budget', amount: 3000000 }],
    }), 201);
    const draft = assertStatus(await pivot('bo', body), 200);
    assert.equal(draft.total, before.total, 'a draft never counts');
    assertStatus(await lead.post(`/api/allocation-decisions/${d.id}/issue`, { version: d.version }), 200);
    const after = assertStatus(await pivot('bo', body), 200);
    assert.equal(after.total, before.total + 10000000);
    assert.equal(cell(after, 'provincial_budget', act.interventionType),
      cell(before, 'provincial_budget', act.interventionType) + 7000000);
    assert.equal(cell(after, 'commune_budget', null), cell(before, 'commune_budget', null) + 3000000, 'a line without plan activity: unspecified');
    const sql = assertStatus(await pivot('admin', body, 'sql'), 200);
    const mem = assertStatus(await pivot('admin', body), 200);
    assert.deepEqual(comparable(mem), comparable(sql));
    // the export of a money pivot
    const res = await fetch(`${server.base}/api/analytics/pivot/export`, {
      method: 'POST', body: JSON.stringify({ measure: 'allocated', columns: ['year'] }),
      headers: { cookie: S.bo.cookie, 'x-csrf-token': S.bo.csrf, 'content-type': 'application/json' },
    });
    assert.equal(res.status, 200);
    const files = unzip(Buffer.from(await res.arrayBuffer()));
    const strings = [...files.entries()].filter(([n]) => n.startsWith('xl/')).map(([, b]) => b.toString('utf8')).join('\n');
    assert.match(strings, /Kinh phí được giao \(đồng\)/);
    assert.match(strings, /Tổng cộng/);
  });

  test('2024 activities on today\'s merged Gia Lai, and on 2024\'s Bình Định and Gia Lai', async () => {
    const body = { measure: 'activities', rows: ['province'], filters: { from: '2024-01-01', to: '2024-12-31' } };
    const now = assertStatus(await pivot('bo', body), 200);
    const then = assertStatus(await pivot('bo', { ...body, asOf: '2024-12-31' }), 200);
    const at = (t, code) => t.cells[t.rowKeys.findIndex((k) => k[0] === code)]?.[0] ?? 0;
    const labelOf = (t, code) => t.rowLabels[t.rowKeys.findIndex((k) => k[0] === code)]?.[0];
    assert.equal(labelOf(now, '52'), 'Gia Lai');
    assert.equal(labelOf(then, '52'), 'Bình Định');
    assert.ok(at(then, '52') > 0);
    assert.equal(at(now, '52'), at(then, '52') + at(then, '64'), 'today\'s Gia Lai is the sum of the two old provinces');
    // Hải Phòng (31) took in Hải Dương (30): the demo's 2024 activities of Hải Dương are Hải Phòng's today.
    assert.equal(labelOf(then, '30'), 'Hải Dương');
    assert.equal(at(now, '31'), at(then, '30') + at(then, '31'));
    assert.equal(labelOf(now, '30'), undefined);
    assert.equal(now.total, then.total);
  });

  test('a commune records, edits and deletes; the ministry\'s pivot follows within a second', async () => {
    const xa = S['xa.gialai'];
    const me = assertStatus(await xa.get('/api/me'), 200);
    const day = todayVN();
    const body = { measure: 'reached', rows: ['commune'], filters: { orgUnit: '52', from: day, to: day, targetGroups: ['students'] } };
    const reachedAt = async () => {
      const t = assertStatus(await pivot('bo', body), 200);
      const i = t.rowKeys.findIndex((k) => k[0] === '21583');
      return i < 0 ? 0 : t.cells[i][0];
    };
    const waitFor = async (want) => {
      const t0 = Date.now();
      let got;
      while (Date.now() - t0 <= 1000) {
        got = await reachedAt();
        if (got === want) return Date.now() - t0;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.fail(`pivot shows ${got}, expected ${want} within 1 s`);
    };
    const base = await reachedAt();
    const input = (total) => ({
      title: `Tuyên truyền ${uniq()}`, interventionTypeCode: 'community_sessions', orgUnitCode: '21583',
      leadAgencyId: me.agency.id, startDate: day, endDate: day, reach: [{ targetGroup: 'students', total }],
    });
    const a = assertStatus(await xa.post('/api/activities', input(37)), 201);
    await waitFor(base + 37);
    const edited = assertStatus(await xa.put(`/api/activities/${a.id}`, { ...input(5), version: a.version }), 200);
    await waitFor(base + 5);
    assertStatus(await xa.request('DELETE', `/api/activities/${a.id}?version=${edited.version}`), 204);
    await waitFor(base);
  });

  test('scope: a province officer\'s pivot holds only its province; another province is 404', async () => {
    const t = assertStatus(await pivot('tinh.gialai', { measure: 'activities', rows: ['province'] }), 200);
    assert.deepEqual(t.rowKeys, [['52']]);
    const all = assertStatus(await pivot('bo', { measure: 'activities', rows: ['province'] }), 200);
    assert.ok(all.rowKeys.length > 1, 'the ministry sees several provinces');
    assert.ok(t.total < all.total);
    const units = assertStatus(await pivot('tinh.gialai', { measure: 'activities', rows: ['unit'] }), 200);
    assert.ok(units.rowKeys.every((k) => k[0] === null || k[0] === '~former' || k[0].length === 5), 'the children of Gia Lai are communes (or the work of units before the 07/2025 reorganisation)');
    assertError(await pivot('tinh.gialai', { measure: 'activities', filters: { orgUnit: '75' } }), 404, 'not_found');
    // a system administrator only may ask SQL
    assertError(await pivot('bo', { measure: 'activities' }, 'sql'), 403, 'forbidden');
  });

  test('bad requests are 400s naming the field, in both languages', async () => {
    const bad = async (body, code, field) => {
      const e = assertError(await pivot('bo', body), 400, code, field);
      assert.ok(e.message && e.messageEn && e.message !== e.messageEn, JSON.stringify(e));
      return e;
    };
    await bad({ measure: 'nope' }, 'validation_failed', 'measure');
    await bad({ measure: 'reached', rows: ['nope'] }, 'validation_failed', 'rows');
    await bad({ measure: 'reached', rows: ['province'], columns: ['province'] }, 'validation_failed', 'columns');
    await bad({ measure: 'cost', rows: ['targetGroup'] }, 'validation_failed', 'rows');
    await bad({ measure: 'reached', rows: ['year', 'month', 'day', 'type'] }, 'validation_failed', 'rows');
    await bad({ measure: 'reached', filters: { types: ['no_such_type'] } }, 'validation_failed', 'filters.types');
    await bad({ measure: 'reached', filters: { agencies: [999999] } }, 'validation_failed', 'filters.agencies');
    await bad({ measure: 'reached', filters: { from: '2024-02-30' } }, 'validation_failed', 'filters.from');
    await bad({ measure: 'reached', filters: { nope: 1 } }, 'validation_failed', 'filters.nope');
    await bad({ measure: 'reached', asOf: '31/12/2024' }, 'validation_failed', 'asOf');
    await bad({ measure: 'reached', filters: { orgUnit: 'XX' } }, 'org_unit_not_found', 'filters.orgUnit');
    const e = await bad({ measure: 'activities', rows: ['day'], columns: ['agency', 'type'] }, 'too_many_cells', 'rows');
    assert.match(e.messageEn, /day, agency, type/);
  });

  test('small people counts are suppressed on request', async () => {
    const body = { measure: 'reached', rows: ['commune'], columns: ['day'], filters: { orgUnit: '52' } };
    const plain = assertStatus(await pivot('bo', body), 200);
    const hidden = assertStatus(await pivot('bo', { ...body, suppressBelow: 1000 }), 200);
    assert.equal(plain.suppressed, false);
    assert.equal(hidden.suppressed, true);
    const shown = hidden.cells.flat(), all = plain.cells.flat();
    assert.ok(shown.includes(null));
    assert.ok(shown.every((v, i) => (v === null ? all[i] >= 1 && all[i] < 1000 : v === all[i])));
  });

  test('export: the same table as a valid .xlsx with labels and totals', async () => {
    const body = { measure: 'reached', rows: ['province'], columns: ['year'] };
    const res = await fetch(`${server.base}/api/analytics/pivot/export`, {
      method: 'POST', body: JSON.stringify(body),
      headers: { cookie: S.bo.cookie, 'x-csrf-token': S.bo.csrf, 'content-type': 'application/json' },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /spreadsheetml/);
    const buf = Buffer.from(await res.arrayBuffer());
    assert.equal(buf.subarray(0, 2).toString('latin1'), 'PK');
    const files = unzip(buf);
    assert.ok(files.has('xl/workbook.xml'));
    const strings = [...files.entries()].filter(([n]) => n.startsWith('xl/')).map(([, b]) => b.toString('utf8')).join('\n');
    assert.match(strings, /Tỉnh, thành phố/);
    assert.match(strings, /Tổng cộng/);
    assert.match(strings, /Gia Lai/);
  });
});
