// Statistics of people supported (issue 16 §3–4; docs/api-cases.md "Statistics"): the case
// measures count only records consenting to statistics on the computation day, withdrawal removes
// a record from the next pivot, cells of 1..4 are suppressed (with the totals that would give them
// back), the wall refuses police and inspection, and the reports' computed case elements are
// frozen at submission. The test makes its own data: a service type of its own isolates its
// pivots from the demo and from other tests' records.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, login, startServer, todayVN, uniq, unzip } from './harness.mjs';

describe(`case statistics ${KIND}`, () => {
  let server, S = {}, users = {};
  const svc = `stat_${uniq('').slice(0, 6)}`, svc2 = `${svc}_b`;

  before(async () => {
    server = await startServer();
    for (const u of ['admin', 'cm.gialai', 'gs.gialai', 'congan.gialai', 'thanhtra.gialai', 'xem.gialai', 'xa.gialai', 'tinh.gialai'])
      S[u] = await login(server.base, u);
    for (const u of (await listAll(S.admin, '/api/users')).items) users[u.username] = u;
    for (const [code, sort] of [[svc, 900], [svc2, 901]])
      assertStatus(await S.admin.put(`/api/taxonomies/case-services/${code}`, { nameVi: `Dịch vụ thử ${code}`, nameEn: `Test service ${code}`, group: 'social', sortOrder: sort, active: true }), 200);
  });
  after(async () => server?.stop());

  let n = 0;
  const newCase = async (purposes, on = '2026-07-01') => {
    const c = assertStatus(await S['cm.gialai'].post('/api/cases', {
      residenceUnitCode: '21583', residenceAsOf: todayVN(), birthYear: 1990, sex: n % 2 ? 'male' : 'female', targetGroups: ['sex_workers'],
      caseWorkerId: users['cm.gialai'].id, supervisorId: users['gs.gialai'].id, registeredOn: on,
      identity: { fullName: `Người Thống Kê ${++n} ${Date.now()}` },
    }), 201);
    for (const purpose of purposes)
      assertStatus(await S['cm.gialai'].post(`/api/cases/${c.id}/consents`, { purpose, effectiveOn: on }), 201);
    return c;
  };
  const addService = (id, serviceCode, hostProgrammeCode, deliveredOn = '2026-09-01') =>
    S['cm.gialai'].post(`/api/cases/${id}/services`, { serviceCode, hostProgrammeCode, fundingSourceCode: 'provincial_budget', deliveredOn });
  const pivot = (body, who = 'cm.gialai') => S[who].post('/api/analytics/cases/pivot', body);

  const consenting = [], refusing = [];
  test('counts only records consenting to statistics; small cells and the totals that give them back are suppressed', async () => {
    for (let i = 0; i < 6; i++) consenting.push(await newCase(['services', 'statistics']));
    for (let i = 0; i < 2; i++) refusing.push(await newCase(['services']));
    for (const c of [...consenting, ...refusing]) assertStatus(await addService(c.id, svc, 'hiv_aids'), 201);
    for (const c of consenting.slice(0, 3)) assertStatus(await addService(c.id, svc2, 'poverty_ntp'), 201);

    // services of this test's type: 6 of the 8 delivered count (2 records did not consent)
    let t = assertStatus(await pivot({ measure: 'caseServices', filters: { services: [svc] } }), 200);
    assert.equal(t.total, 6);
    assert.equal(t.totalSuppressed, false);
    assert.equal(t.suppressed, false);
    assert.equal(t.consentOn, todayVN());
    // people by host programme: hiv_aids 6, poverty_ntp 3 → suppressed; the column total (6 distinct)
    // would not give 3 back exactly, but the rule hides a group total with exactly one suppressed cell
    t = assertStatus(await pivot({ measure: 'casePeople', rows: ['hostProgramme'], filters: { services: [svc, svc2] } }), 200);
    const row = (code) => t.rowKeys.findIndex((k) => k[0] === code);
    assert.equal(t.cells[row('hiv_aids')][0], 6);
    assert.equal(t.cells[row('poverty_ntp')][0], null);
    assert.equal(t.cellsSuppressed[row('poverty_ntp')][0], true);
    assert.equal(t.cellsSuppressed[row('hiv_aids')][0], false);
    assert.equal(t.rowTotals[row('poverty_ntp')], null);
    assert.equal(t.columnTotals[0], null, 'secondary suppression: the only suppressed cell of the column');
    assert.equal(t.columnTotalsSuppressed[0], true);
    assert.equal(t.total, null);
    assert.equal(t.suppressed, true);
    assert.ok(t.rowLabels[row('hiv_aids')][0].includes('HIV'));
    // no client code, no identity anywhere in the answer
    const text = JSON.stringify(t);
    for (const c of consenting) assert.ok(!text.includes(c.code), 'no client code');
    assert.ok(!text.includes('Người Thống Kê'));
    // by sex and month; a zero stays 0
    t = assertStatus(await pivot({ measure: 'caseServices', rows: ['sex'], columns: ['month'], filters: { services: [svc], from: '2026-09-01', to: '2026-09-30' } }), 200);
    assert.deepEqual(t.columnKeys, [['2026-09']]);
    assert.equal(t.total, 6);
    t = assertStatus(await pivot({ measure: 'caseServices', filters: { services: [svc], from: '2026-10-01' } }), 200);
    assert.equal(t.total, 0);
    assert.equal(t.suppressed, false);
    // the org-unit dimensions, as of a date
    t = assertStatus(await pivot({ measure: 'casePeople', rows: ['commune'], filters: { services: [svc], orgUnit: '52' } }), 200);
    assert.deepEqual(t.rowKeys, [['21583']]);
    assert.equal(t.cells[0][0], 6);
    // bad input
    assertError(await pivot({ measure: 'nope' }), 400, 'validation_failed', 'measure');
    assertError(await pivot({ measure: 'caseReferrals', rows: ['hostProgramme'] }), 400, 'validation_failed', 'rows');
    assertError(await pivot({ measure: 'casePeople', rows: ['colour'] }), 400, 'validation_failed', 'rows');
    assertError(await pivot({ measure: 'casePeople', filters: { services: ['nope'] } }), 400, 'validation_failed', 'filters.services');
    assertError(await pivot({ measure: 'casePeople', filters: { who: 1 } }), 400, 'validation_failed', 'filters.who');
  });

  test('withdrawing consent to statistics removes the record from the next pivot', async () => {
    const c = consenting[5];
    const cs = assertStatus(await S['cm.gialai'].get(`/api/cases/${c.id}/consents`), 200);
    const stat = cs.items.find((x) => x.purpose === 'statistics' && x.action === 'given');
    assertStatus(await S['cm.gialai'].post(`/api/cases/${c.id}/consents/${stat.id}/withdraw`, { note: 'Không đồng ý dùng cho thống kê' }), 201);
    const t = assertStatus(await pivot({ measure: 'caseServices', filters: { services: [svc] } }), 200);
    assert.equal(t.total, 5);
    // and consent given again counts again (a new version)
    assertStatus(await S['cm.gialai'].post(`/api/cases/${c.id}/consents`, { purpose: 'statistics', effectiveOn: todayVN() }), 201);
    assert.equal(assertStatus(await pivot({ measure: 'caseServices', filters: { services: [svc] } }), 200).total, 6);
  });

  test('the wall: police and inspection roles, and roles without cases.read, are refused', async () => {
    for (const u of ['congan.gialai', 'thanhtra.gialai', 'xem.gialai'])
      assertError(await pivot({ measure: 'casePeople' }, u), 403, 'forbidden');
  });

  test('report elements: people by host programme and services, computed for the unit, frozen at submission, suppressed as shown', async () => {
    const xa = S['xa.gialai'];
    const periods = assertStatus(await xa.get('/api/report-periods?form=bc_6thang&orgUnit=21583&year=2026'), 200);
    const period = periods.items.find((p) => p.dataFrom <= '2026-09-01' && p.cutOff >= '2026-09-01');
    assert.ok(period, 'a period counts 2026-09-01');
    const span = { orgUnit: '21583', from: period.dataFrom, to: period.cutOff };
    const live = async (measure, extra = {}) => assertStatus(await pivot({ measure, filters: { ...span, ...extra } }), 200).total;
    // two more people through poverty_ntp: 5, shown; one through drug prevention: suppressed
    for (const c of consenting.slice(3, 5)) assertStatus(await addService(c.id, svc2, 'poverty_ntp'), 201);
    assertStatus(await addService(consenting[5].id, svc2, 'drug_prevention'), 201);
    let r = assertStatus(await xa.get(`/api/reports/current?form=bc_6thang&period=${period.code}&orgUnit=21583`), 200);
    const people = await live('casePeople'), services = await live('caseServices');
    assert.ok(people >= 6 && services >= 11, 'this test\'s records are in the unit');
    assert.equal(r.values.case_services, services);
    assert.ok(Array.isArray(r.suppressedElements));
    // per host programme: the pivot's figure, or null and listed when 1..4 (the screens show "<5")
    const programmes = assertStatus(await S['cm.gialai'].get('/api/case-services'), 200).hostProgrammes.map((p) => p.code);
    let small = 0;
    for (const code of programmes) {
      const v = await live('casePeople', { hostProgrammes: [code] });
      assert.equal(r.values[`case_people_${code}`], v, code);
      assert.equal(r.suppressedElements.includes(`case_people_${code}`), v === null, code);
      if (v === null) small++;
    }
    assert.ok(await live('casePeople', { hostProgrammes: ['poverty_ntp'] }) >= 5);
    assert.equal(r.values.case_people_drug_prevention, null);
    assert.ok(r.suppressedElements.includes('case_people_drug_prevention'));
    // the total of people: shown, unless exactly one programme is suppressed (secondary suppression)
    if (small === 1) {
      assert.equal(r.values.case_people, null);
      assert.ok(r.suppressedElements.includes('case_people'));
    } else {
      assert.equal(r.values.case_people, people);
    }
    const form = assertStatus(await xa.get('/api/report-forms/bc_6thang'), 200);
    const section = form.sections.find((s) => s.elements.some((e) => e.code === 'case_people'));
    assert.equal(section.title, '7. Người được hỗ trợ thông qua lồng ghép');
    assert.ok(section.elements.some((e) => e.code === 'case_people_hiv_aids' && e.source === 'computed'));

    // submit: the figures are frozen; a withdrawal afterwards changes the pivot, not the report
    r = assertStatus(await xa.put('/api/reports', { form: 'bc_6thang', period: period.code, orgUnitCode: '21583',
      values: { results: 'Kết quả', difficulties: '', proposals: '', budget_allocated: 999999999999 } }), 200);
    r = assertStatus(await xa.post(`/api/reports/${r.id}/submit`, {}), 200);
    assert.equal(r.status, 'submitted');
    assert.equal(r.values.case_services, services);
    const c = consenting[0];
    const cs = assertStatus(await S['cm.gialai'].get(`/api/cases/${c.id}/consents`), 200);
    const stat = cs.items.filter((x) => x.purpose === 'statistics').at(-1);
    assertStatus(await S['cm.gialai'].post(`/api/cases/${c.id}/consents/${stat.id}/withdraw`, {}), 201);
    assert.equal(await live('caseServices'), services - 2, 'the next pivot no longer counts its two services');
    r = assertStatus(await xa.get(`/api/reports/current?form=bc_6thang&period=${period.code}&orgUnit=21583`), 200);
    assert.equal(r.values.case_services, services, 'the submitted report keeps its figures');

    // the document prints "<5" for a suppressed element, never the figure
    const res = await fetch(`${server.base}/api/reports/document?form=bc_6thang&period=${period.code}&orgUnit=21583&format=docx`, { headers: { cookie: xa.cookie } });
    assert.equal(res.status, 200);
    const xml = unzip(Buffer.from(await res.arrayBuffer())).get('word/document.xml').toString('utf8');
    assert.ok(xml.includes('Người được hỗ trợ thông qua lồng ghép'));
    assert.ok(xml.includes('&lt;5'), 'a suppressed element reads <5');

    // the province compiles the accepted commune report: exact sums, shown with the same suppression
    r = assertStatus(await S['tinh.gialai'].post(`/api/reports/${r.id}/accept`, {}), 200);
    const comp = assertStatus(await S['tinh.gialai'].get(`/api/reports/compile?form=bc_6thang&period=${period.code}&orgUnit=52`), 200);
    const mine = comp.units.find((u) => u.orgUnit.code === '21583');
    assert.equal(mine.values.case_services, services);
    assert.ok(Array.isArray(comp.suppressedElements));
    if (!comp.suppressedElements.includes('case_services')) {
      assert.ok(comp.compiled.case_services >= services);
      assert.equal(comp.total.case_services, comp.compiled.case_services + (comp.own.case_services ?? 0));
    } else {
      assert.equal(comp.compiled.case_services, null);
      assert.equal(comp.total.case_services, null);
    }
    for (const k of comp.suppressedElements) {
      assert.equal(comp.compiled[k] ?? null, null);
      assert.equal(comp.total[k] ?? null, null);
    }
  });

  test('indicators: people supported through mainstreaming, from consenting records, small counts suppressed', async () => {
    const span = { orgUnit: '21583', from: '2026-01-01', to: todayVN() };
    const people = assertStatus(await pivot({ measure: 'casePeople', filters: span }), 200).total;
    const r = assertStatus(await S['tinh.gialai'].get('/api/indicators/results?orgUnit=21583&year=2026'), 200);
    const ind = (r.results ?? r.items).find((x) => x.code === 'case_people_supported');
    assert.ok(ind, 'the seeded indicator');
    assert.equal(ind.name, 'Số người được hỗ trợ thông qua lồng ghép');
    assert.equal(ind.numerator, people);
    assert.equal(ind.suppressed, people === null);
    // a term by host programme: the preview counts the same way; a small count is suppressed
    for (const hostProgramme of ['hiv_aids', 'poverty_ntp', 'anti_trafficking']) {
      const v = assertStatus(await pivot({ measure: 'casePeople', filters: { ...span, hostProgrammes: [hostProgramme] } }), 200).total;
      const p = assertStatus(await S['tinh.gialai'].post('/api/indicators/preview', { orgUnitCode: '21583', year: 2026, numerator: { measure: 'case_people', hostProgramme } }), 200);
      assert.equal(p.counts.numerator, v, hostProgramme);
      assert.equal(p.suppressed, v === null, hostProgramme);
    }
  });
});
