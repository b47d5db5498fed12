// Indicators and targets (issue 5 item 5) on the real server: the seeds' indicators with the
// national 2021–2025 and Hải Dương 2021 targets; a commune that records its first communication
// activity raises the province's "% of communes" by exactly 1/N; a denominator of 0 gives no
// value; across the 2025 reform today's Hải Phòng counts old Hải Phòng and old Hải Dương; targets
// are set and removed by managers for units in their scope only, audited, validated with the
// field named; the scorecard's colours follow the thresholds.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, loginAll, startServer, todayVN } from './harness.mjs';

const YEAR = Number(todayVN().slice(0, 4));
const round2 = (x) => Math.round(x * 100 + 1e-9 * Math.max(1, Math.abs(x * 100))) / 100;

describe(`indicators and targets ${KIND}`, () => {
  let server, S;

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
  });
  after(async () => { await server?.stop(); });

  const results = async (who, unit, year, extra = '') => {
    const r = assertStatus(await S[who].get(`/api/indicators/results?orgUnit=${unit}&year=${year}${extra}`), 200);
    return Object.fromEntries(r.items.map((i) => [i.code, i]));
  };

  test('the seeds ship as data: nine indicators, formulas as terms, thresholds 100 / 80', async () => {
    const defs = assertStatus(await S['xem.gialai'].get('/api/indicators'), 200).items;
    assert.deepEqual(defs.map((d) => d.code), ['communes_communication', 'press_monthly', 'agencies_integration_plan',
      'inspections', 'industrial_workers_reached', 'students_reached', 'case_people_supported',
      'business_inspection_coverage', 'communes_healthy_pct']);
    assert.deepEqual(defs[6].numerator, { measure: 'case_people' });  // people supported (0027, issue 16)
    const c = defs[0];
    assert.equal(c.percent, true);
    assert.equal(c.unit, '%');
    assert.deepEqual(c.numerator, { measure: 'units_with_activities', unitKind: 'commune', interventionGroup: 'a', minCount: 1 });
    assert.deepEqual(c.denominator, { measure: 'units', unitKind: 'commune' });
    assert.deepEqual(defs[1].denominator, { measure: 'constant', constant: 12 });
    // Hải Dương's "báo chí cấp tỉnh … ít nhất một tháng một lần": province-level or press agencies only
    assert.deepEqual(defs[1].numerator, { measure: 'months_with', outputKind: 'press_articles', minCount: 1,
      recordedBy: { levels: ['province'], agencyKinds: ['bao_chi'] } });
    assert.deepEqual(defs[4].numerator, { measure: 'reached', targetGroup: 'industrial_workers' });
    assert.deepEqual(defs[4].denominator, { measure: 'surveyed', targetGroup: 'industrial_workers' });
    assert.equal(defs[3].denominator, null);
    for (const d of defs) assert.deepEqual([d.greenAt, d.amberAt, d.higherIsBetter], [100, 80, true]);
  });

  test('national targets 2021–2025 on the ministry hold every province; Hải Dương 2021 has its own', async () => {
    for (const year of [2021, 2025]) {
      const vn = await results('bo', 'VN', year);
      assert.equal(vn.communes_communication.target, 70);
      assert.equal(vn.industrial_workers_reached.target, 60);
      assert.equal(vn.students_reached.target, 70);
      assert.equal(vn.communes_communication.targetFrom.code, 'VN');
      const gl = await results('tinh.gialai', '52', year);
      assert.equal(gl.communes_communication.target, 70, 'inherited from the ministry');
      assert.equal(gl.communes_communication.targetFrom.code, 'VN');
    }
    const after2025 = await results('bo', 'VN', 2026);
    assert.equal(after2025.communes_communication.target, null);
    assert.equal(after2025.communes_communication.status, 'grey');

    const hd = await results('admin', '30', 2021);
    assert.equal(hd.communes_communication.target, 100);
    assert.equal(hd.communes_communication.targetFrom.code, '30');
    assert.equal(hd.press_monthly.target, 100);
    assert.equal(hd.agencies_integration_plan.target, 100);
    assert.equal(hd.inspections.target, null, 'the seed sets no number of inspections');
    assert.equal(hd.press_monthly.denominator, 12);
    assert.ok(hd.press_monthly.numerator >= 0 && hd.press_monthly.numerator <= 12);
    const c = hd.communes_communication;
    assert.ok(c.denominator > 0, 'old Hải Dương had communes in 2021');
    assert.equal(c.value, round2((c.numerator / c.denominator) * 100));
    assert.ok(Math.abs(c.achievement - c.value) <= 0.05 + 1e-9, 'achievement against 100% is the value, to 0.1');
  });

  test('across the 2025 reform: today\'s Hải Phòng in 2021 counts the communes of old Hải Phòng and old Hải Dương', async () => {
    const oldHd = await results('admin', '30', 2021);
    const oldHp = await results('admin', '31', 2021);  // 31 on 31/12/2021 is old Hải Phòng
    const newHp = await results('admin', '31', 2021, `&asOf=${todayVN()}`);
    for (const code of ['communes_communication', 'inspections']) {
      assert.equal(newHp[code].numerator, oldHd[code].numerator + oldHp[code].numerator, code);
    }
    assert.equal(newHp.communes_communication.denominator,
      oldHd.communes_communication.denominator + oldHp.communes_communication.denominator);
    const card = assertStatus(await S.admin.get(`/api/indicators/scorecard?orgUnit=31&year=2021&asOf=${todayVN()}`), 200);
    assert.deepEqual(card.units.map((u) => u.orgUnit.code).sort(), ['30', '31'], 'the units merged into it');
  });

  test('a commune records its first communication activity: the province\'s % of communes rises by exactly 1/N', async () => {
    const tinh = S['tinh.gialai'];
    const before0 = (await results('tinh.gialai', '52', YEAR)).communes_communication;
    // a new commune of Gia Lai, valid since 01/01 of this year, with nothing recorded yet
    const code = '99731';
    const csv = 'code,name,full_name,kind,type_label,parent_code,valid_from,valid_to\n' +
      `${code},Thử Chỉ Tiêu,Xã Thử Chỉ Tiêu,commune,Xã,52,${YEAR}-01-01,\n`;
    assertStatus(await S.admin.post('/api/org-units/import?format=csv', csv, { raw: true }), 200);
    const added = (await results('tinh.gialai', '52', YEAR)).communes_communication;
    assert.equal(added.denominator, before0.denominator + 1, 'one more commune');
    assert.equal(added.numerator, before0.numerator, 'the new commune has no activity yet');
    const own = (await results('tinh.gialai', code, YEAR)).communes_communication;
    assert.deepEqual([own.numerator, own.denominator, own.value], [0, 1, 0]);

    // an activity of another group does not count; a communication one does
    const me = assertStatus(await tinh.get('/api/me'), 200);
    const day = todayVN();
    const activity = (type, title) => ({ title, interventionTypeCode: type, orgUnitCode: code, leadAgencyId: me.agency.id,
      startDate: day, endDate: day, reach: [{ targetGroup: 'rural_workers', total: 25 }], outputs: [], costs: [] });
    assertStatus(await tinh.post('/api/activities', activity('inspections', 'Kiểm tra liên ngành xã thử')), 201);
    assert.equal((await results('tinh.gialai', '52', YEAR)).communes_communication.numerator, before0.numerator);
    assertStatus(await tinh.post('/api/activities', activity('community_sessions', 'Tuyên truyền tại xã thử')), 201);
    const after1 = (await results('tinh.gialai', '52', YEAR)).communes_communication;
    assert.equal(after1.numerator, added.numerator + 1);
    assert.equal(after1.denominator, added.denominator);
    assert.equal(after1.value, round2(((added.numerator + 1) / added.denominator) * 100));
    assert.ok(Math.abs(after1.value - added.value - 100 / added.denominator) < 0.011, 'exactly one N-th, to the rounding');
    // a second one in the same commune changes nothing (≥ 1 activity)
    assertStatus(await tinh.post('/api/activities', activity('media', 'Phát thanh tại xã thử')), 201);
    assert.equal((await results('tinh.gialai', '52', YEAR)).communes_communication.numerator, after1.numerator);
    // the commune's own row on the scorecard is now 100%
    const card = assertStatus(await tinh.get(`/api/indicators/scorecard?orgUnit=52&year=${YEAR}`), 200);
    const row = card.units.find((u) => u.orgUnit.code === code);
    assert.equal(row.results.find((c) => c.code === 'communes_communication').value, 100);
    assert.equal(card.units.length, after1.denominator, 'the units below a province are its communes');
    assert.equal(card.total.results.find((c) => c.code === 'communes_communication').value, after1.value);
  });

  test('a denominator of 0 gives no value and the grey status, not an error; a survey gives it one', async () => {
    const gl = await results('tinh.gialai', '52', YEAR);
    const iz = gl.industrial_workers_reached;
    assert.equal(iz.denominator, 0, 'the demo surveys no industrial-zone workers');
    assert.equal(iz.value, null);
    assert.equal(iz.achievement, null);
    assert.equal(iz.status, 'grey');
    assertStatus(await S['xa.gialai'].put('/api/surveys', { orgUnitCode: '21583', year: YEAR, half: 0, targetGroup: 'industrial_workers',
      count: 400, surveyDate: `${YEAR}-03-01`, note: 'Rà soát công nhân' }), 200);
    const now = (await results('tinh.gialai', '52', YEAR)).industrial_workers_reached;
    assert.equal(now.denominator, 400);
    assert.equal(now.numerator, iz.numerator);
    assert.equal(now.value, round2((now.numerator / 400) * 100));
  });

  test('targets: a manager sets and removes them for units in scope, audited; others cannot', async () => {
    const tinh = S['tinh.gialai'];
    const put = (who, body) => S[who].put('/api/indicator-targets', body);
    const body = { indicator: 'students_reached', orgUnitCode: '52', year: 2025, target: 85.5 };
    const t = assertStatus(await put('tinh.gialai', body), 200);
    assert.deepEqual([t.indicator, t.orgUnit.code, t.year, t.target, t.updatedBy], ['students_reached', '52', 2025, 85.5, 'tinh.gialai']);
    let gl = await results('tinh.gialai', '52', 2025);
    assert.equal(gl.students_reached.target, 85.5);
    assert.equal(gl.students_reached.targetFrom.code, '52', 'its own target wins over the national one');
    assert.equal(gl.communes_communication.targetFrom.code, 'VN');
    const again = assertStatus(await put('tinh.gialai', { ...body, target: 90 }), 200);
    assert.equal(again.id, t.id, 'replaced, not duplicated');
    const list = assertStatus(await tinh.get('/api/indicator-targets?orgUnit=52&year=2025'), 200).items;
    assert.deepEqual(list.map((x) => [x.indicator, x.target]), [['students_reached', 90]]);
    assert.equal(assertStatus(await S['xem.gialai'].get('/api/indicator-targets?orgUnit=52'), 200).items.length, 1);

    // scope: another province, the national target → 404; without the permission → 403
    assertError(await put('tinh.gialai', { ...body, orgUnitCode: '75' }), 404, 'not_found');
    assertError(await put('tinh.gialai', { ...body, orgUnitCode: 'VN' }), 404, 'not_found');
    assertError(await put('tinh.dongnai', body), 404, 'not_found');
    assertError(await put('xa.gialai', body), 403, 'forbidden');
    assertError(await put('coquan.gialai', body), 403, 'forbidden');
    assertError(await put('xem.gialai', body), 403, 'forbidden');
    assertError(await S['tinh.dongnai'].get('/api/indicators/results?orgUnit=52&year=2025'), 404, 'not_found');
    assertError(await S['tinh.dongnai'].request('DELETE', '/api/indicator-targets?indicator=students_reached&orgUnit=52&year=2025'), 404, 'not_found');
    assertStatus(await put('bo', { ...body, orgUnitCode: '75', target: 60 }), 200);  // the ministry sees every province

    // validation names the field
    assertError(await put('tinh.gialai', { ...body, target: 100.5 }), 400, 'validation_failed', 'target');
    assertError(await put('tinh.gialai', { ...body, target: -1 }), 400, 'validation_failed', 'target');
    assertError(await put('tinh.gialai', { ...body, target: '70' }), 400, 'validation_failed', 'target');
    assertError(await put('tinh.gialai', { ...body, year: 1999 }), 400, 'validation_failed', 'year');
    assertError(await put('tinh.gialai', { ...body, year: 2101 }), 400, 'validation_failed', 'year');
    assertError(await put('tinh.gialai', { ...body, year: '2025' }), 400, 'validation_failed', 'year');
    assertError(await put('tinh.gialai', { ...body, indicator: 'nope' }), 400, 'validation_failed', 'indicator');
    assertError(await put('tinh.gialai', { ...body, orgUnitCode: 'ZZ999' }), 400, 'org_unit_not_found', 'orgUnitCode');
    assertStatus(await put('tinh.gialai', { indicator: 'inspections', orgUnitCode: '52', year: 2025, target: 250 }), 200);  // counts: not capped at 100
    assertError(await tinh.get('/api/indicators/results?orgUnit=52&year=abc'), 400, 'validation_failed', 'year');
    // a ?orgUnit= that names no unit: 404, as in every list; a body's orgUnitCode stays 400
    assertError(await tinh.get('/api/indicators/results?orgUnit=ZZ999&year=2025'), 404, 'org_unit_not_found', 'orgUnit');
    assertError(await tinh.get('/api/indicator-targets?orgUnit=540&year=2025&asOf=2025-07-01'), 404, 'org_unit_not_found', 'orgUnit');

    // removal: the unit follows the national target again; removing twice is 404
    assert.equal((await tinh.request('DELETE', '/api/indicator-targets?indicator=students_reached&orgUnit=52&year=2025')).status, 204);
    gl = await results('tinh.gialai', '52', 2025);
    assert.equal(gl.students_reached.target, 70);
    assert.equal(gl.students_reached.targetFrom.code, 'VN');
    assertError(await tinh.request('DELETE', '/api/indicator-targets?indicator=students_reached&orgUnit=52&year=2025'), 404, 'not_found');

    const audit = assertStatus(await S.admin.get('/api/audit?entity=indicator_target&pageSize=100'), 200).items
      .filter((e) => e.entityId === String(t.id));
    assert.deepEqual(audit.map((e) => e.action).sort(), ['create', 'delete', 'update']);
  });

  test('the scorecard: the provinces below the ministry, colours following the thresholds', async () => {
    const card = assertStatus(await S.bo.get('/api/indicators/scorecard?orgUnit=VN&year=2025'), 200);
    assert.equal(card.orgUnit.code, 'VN');
    assert.equal(card.indicators.length, 9);  // 6 + people supported (0027) + inspection coverage (0031) + communes healthy (0033)
    assert.ok(card.units.length > 0 && card.units.every((u) => u.orgUnit.kind === 'province'));
    const expected = (c, d) => (c.achievement === null ? 'grey' : c.achievement >= d.greenAt ? 'green' : c.achievement >= d.amberAt ? 'amber' : 'red');
    const defs = Object.fromEntries(card.indicators.map((d) => [d.code, d]));
    for (const row of [card.total, ...card.units])
      for (const c of row.results) assert.equal(c.status, expected(c, defs[c.code]), `${row.orgUnit.code} ${c.code}`);

    // targets chosen to land on each colour: achievement 100 → green, 90 → amber, 50 → red, none → grey
    const withInspections = card.units.filter((u) => u.results.find((c) => c.code === 'inspections').value >= 2);
    assert.ok(withInspections.length >= 4, 'provinces with inspections in 2025');
    const [g, a, r, grey] = withInspections.map((u) => u.orgUnit.code);
    const valueOf = (code) => card.units.find((u) => u.orgUnit.code === code).results.find((c) => c.code === 'inspections').value;
    const set = (unit, target) => S.bo.put('/api/indicator-targets', { indicator: 'inspections', orgUnitCode: unit, year: 2025, target });
    assertStatus(await set(g, valueOf(g)), 200);
    assertStatus(await set(a, valueOf(a) / 0.9), 200);
    assertStatus(await set(r, valueOf(r) * 2), 200);
    const after = assertStatus(await S.bo.get('/api/indicators/scorecard?orgUnit=VN&year=2025'), 200);
    const cell = (code) => after.units.find((u) => u.orgUnit.code === code).results.find((c) => c.code === 'inspections');
    assert.deepEqual([cell(g).status, cell(g).achievement], ['green', 100]);
    assert.deepEqual([cell(a).status, cell(a).achievement], ['amber', 90]);
    assert.deepEqual([cell(r).status, cell(r).achievement], ['red', 50]);
    assert.deepEqual([cell(grey).status, cell(grey).target], ['grey', null]);
    // the ministry's own row equals its results
    const vn = await results('bo', 'VN', 2025);
    for (const c of after.total.results) assert.equal(c.value, vn[c.code].value, c.code);
  });

  test('one pass (issue 20): the scorecard and the results by the engine equal every term counted by SQL (?via=sql)', async () => {
    const cases = [['VN', 2025, ''], ['VN', 2021, ''], ['VN', YEAR, ''], ['52', 2025, ''], ['52', YEAR, ''],
      ['31', 2021, `&asOf=${todayVN()}`], ['30', 2021, '']];
    let values = 0;
    for (const [unit, year, extra] of cases) {
      const q = `/api/indicators/scorecard?orgUnit=${unit}&year=${year}${extra}`;
      const engine = assertStatus(await S.bo.get(q), 200), sql = assertStatus(await S.bo.get(`${q}&via=sql`), 200);
      assert.deepEqual(engine, sql, q);
      values += [engine.total, ...engine.units].flatMap((r) => r.results).filter((c) => c.value !== null && c.value > 0).length;
      const r = `/api/indicators/results?orgUnit=${unit}&year=${year}${extra}`;
      assert.deepEqual(assertStatus(await S.bo.get(r), 200), assertStatus(await S.bo.get(`${r}&via=sql`), 200), r);
    }
    assert.ok(values > 50, `the demo gives real values to compare (${values} non-zero)`);
  });

  test('terms filter by who recorded an activity: the level of its unit, the kind of its lead agency', async () => {
    const day = todayVN();
    const valid = (a) => (!a.validFrom || a.validFrom <= day) && (!a.validTo || a.validTo >= day);
    const press = assertStatus(await S.admin.get('/api/agencies?kind=bao_chi&pageSize=200'), 200).items.find(valid);
    const dept = assertStatus(await S.admin.get('/api/agencies?kind=so&pageSize=200'), 200).items.find(valid);
    assert.ok(press && dept, 'the demo has a press agency and a department valid today');
    const terms = {
      all: { measure: 'output', outputKind: 'press_articles' },
      province: { measure: 'output', outputKind: 'press_articles', recordedBy: { levels: ['province'] } },
      pressAgencies: { measure: 'output', outputKind: 'press_articles', recordedBy: { agencyKinds: ['bao_chi'] } },
      either: { measure: 'output', outputKind: 'press_articles', recordedBy: { levels: ['province'], agencyKinds: ['bao_chi'] } },
    };
    const count = async () => {
      const out = {};
      for (const [k, numerator] of Object.entries(terms))
        out[k] = assertStatus(await S['tinh.gialai'].post('/api/indicators/preview', { orgUnitCode: '52', year: YEAR, numerator }), 200).counts.numerator;
      return out;
    };
    const article = (orgUnitCode, leadAgencyId, quantity) => S.admin.post('/api/activities', {
      title: 'Tin bài phòng, chống mại dâm', interventionTypeCode: 'community_sessions', orgUnitCode, leadAgencyId,
      startDate: day, endDate: day, outputs: [{ kind: 'press_articles', quantity }] });
    const before = await count();
    assert.ok(before.all >= before.either && before.either >= Math.max(before.province, before.pressAgencies));
    assertStatus(await article('21583', dept.id, 3), 201);   // a commune, a department: counted by none of the filters
    assertStatus(await article('21583', press.id, 5), 201);  // a commune, a press agency
    assertStatus(await article('52', dept.id, 7), 201);      // the province unit, a department
    const now = await count();
    assert.deepEqual(
      Object.fromEntries(Object.keys(terms).map((k) => [k, now[k] - before[k]])),
      { all: 15, province: 7, pressAgencies: 5, either: 12 });

    // validated: unknown level or kind, unknown key, a measure not over activities → 400 naming the field
    const bad = (numerator) => S['tinh.gialai'].post('/api/indicators/preview', { orgUnitCode: '52', year: YEAR, numerator });
    let e = assertError(await bad({ measure: 'activities', recordedBy: { levels: ['county'] } }), 400, 'validation_failed', 'numerator.recordedBy.levels');
    assert.match(e.message, /county/);
    assert.match(e.messageEn, /one of: central, province, district, commune/);
    e = assertError(await bad({ measure: 'activities', recordedBy: { agencyKinds: ['newspaper'] } }), 400, 'validation_failed', 'numerator.recordedBy.agencyKinds');
    assert.match(e.messageEn, /bao_chi/);
    assertError(await bad({ measure: 'activities', recordedBy: { levels: 'province' } }), 400, 'validation_failed', 'numerator.recordedBy.levels');
    assertError(await bad({ measure: 'activities', recordedBy: { who: ['province'] } }), 400, 'validation_failed', 'numerator.recordedBy.who');
    assertError(await bad({ measure: 'units', unitKind: 'commune', recordedBy: { levels: ['province'] } }), 400, 'validation_failed', 'numerator.recordedBy');
    assertError(await S['tinh.gialai'].post('/api/indicators/preview', { orgUnitCode: '52', year: YEAR, numerator: terms.all,
      denominator: { measure: 'constant', constant: 12, recordedBy: {} } }), 400, 'validation_failed', 'denominator.recordedBy');
    assertError(await S['tinh.dongnai'].post('/api/indicators/preview', { orgUnitCode: '52', year: YEAR, numerator: terms.all }), 404, 'not_found');
    // the shipped indicator counts only those months
    const hd = await results('tinh.gialai', '52', YEAR);
    assert.ok(hd.press_monthly.numerator >= 1, 'this month has a province-level article now');
  });
});
