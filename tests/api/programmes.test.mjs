// The programme review (guidance 221 §5.1) and the taxonomies: each related programme of a unit
// and year is reviewed on beneficiaries, interventions, lead agency, budget by source and year,
// and integration potential per content.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, loginAll, startServer } from './harness.mjs';

describe(`programme review ${KIND}`, () => {
  let server, S, agencies;
  const agency = (name) => agencies.find((a) => a.name === name).id;

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
    agencies = (await listAll(S.admin, '/api/agencies')).items;
  });
  after(async () => { await server?.stop(); });

  const body = (extra = {}) => ({
    orgUnitCode: '52', year: 2027, name: 'Chương trình việc làm tỉnh Gia Lai 2027', categoryCode: 'employment',
    leadAgencyId: agency('Sở Nội vụ tỉnh Gia Lai'), targetGroups: ['unemployed_youth', 'migrant_workers'],
    interventionTypes: ['job_placement'], interventionsNote: 'Sàn giao dịch việc làm hằng tháng',
    budget: [{ fundingSource: 'provincial_budget', year: 2027, amount: 3000000000 },
      { fundingSource: 'central_budget', year: 2028, amount: 9000000000 }],
    potential: { beneficiaries: { assessment: 'high', note: 'Thanh niên thất nghiệp' },
      interventions: { assessment: 'medium', note: '' }, resources: { assessment: 'low', note: 'Kinh phí hạn hẹp' } },
    ...extra,
  });

  test('taxonomies are data, in Vietnamese and English', async () => {
    const expect = {
      'programme-categories': ['socio_economic', 'poverty_ntp', 'vocational_rural', 'employment', 'loans', 'social_assistance',
        'drug_prevention', 'anti_trafficking', 'hiv_aids', 'campaign'],
      'target-groups': ['unemployed_youth', 'service_workers', 'sex_workers', 'people_with_hiv', 'trafficking_victims'],
      'intervention-types': ['media', 'vocational_training', 'condoms', 'staff_training', 'inspections', 'pilot_models', 'clubs_peer_groups'],
      'funding-sources': ['central_budget', 'provincial_budget', 'commune_budget', 'national_target_programmes',
        'integrated_programmes', 'socialisation', 'international'],
    };
    for (const [kind, codes] of Object.entries(expect)) {
      const items = assertStatus(await S['xem.gialai'].get(`/api/taxonomies/${kind}`), 200).items;
      for (const c of codes) assert.ok(items.some((x) => x.code === c), `${kind} has ${c}`);
      for (const x of items) assert.ok(x.nameVi && x.nameEn, `${kind} ${x.code} named`);
    }
    const tg = assertStatus(await S.admin.get('/api/taxonomies/target-groups'), 200).items;
    assert.deepEqual([...new Set(tg.map((x) => x.group))].sort(), ['harm_reduction', 'prevention']);
    assertError(await S.admin.get('/api/taxonomies/colours'), 404, 'not_found');
    // managed with taxonomies.manage
    const put = assertStatus(await S.admin.put('/api/taxonomies/funding-sources/enterprise_csr',
      { nameVi: 'Doanh nghiệp tài trợ', nameEn: 'Corporate sponsorship', group: '', sortOrder: 65 }), 200);
    assert.ok(put.items.some((x) => x.code === 'enterprise_csr' && x.nameVi === 'Doanh nghiệp tài trợ'));
    assertError(await S['tinh.gialai'].put('/api/taxonomies/funding-sources/x', { nameVi: 'X', nameEn: 'X' }), 403, 'forbidden');
    assertError(await S.admin.put('/api/taxonomies/funding-sources/Bad-Code', { nameVi: 'X', nameEn: 'X' }), 400, 'validation_failed', 'code');
  });

  test('the demo review of Gia Lai 2026 and search without diacritics', async () => {
    const items = (await listAll(S['tinh.gialai'], '/api/programmes?year=2026')).items;
    assert.ok(items.length >= 5, `${items.length} programmes`);
    const hiv = items.find((p) => p.category.code === 'hiv_aids');
    assert.equal(hiv.leadAgency.name, 'Sở Y tế tỉnh Gia Lai');
    assert.ok(hiv.targetGroups.includes('sex_workers'));
    assert.equal(hiv.potential.beneficiaries.assessment, 'high');
    assert.equal(hiv.budgetTotal, 4050000000);
    const found = assertStatus(await S['tinh.gialai'].get('/api/programmes?q=CHONG%20MA%20TUY&year=2026'), 200).items;
    assert.deepEqual(found.map((p) => p.category.code), ['drug_prevention']);
    assert.equal(assertStatus(await S['tinh.gialai'].get('/api/programmes?q=100%25'), 200).total, 0);
    // the old Bình Định's 2024 review is in the new Gia Lai's scope
    const old = assertStatus(await S['tinh.gialai'].get('/api/programmes?orgUnit=52&year=2024'), 200).items;
    assert.equal(old.length, 1);
    assert.equal(old[0].orgUnit.name, 'Bình Định');
    assert.equal(assertStatus(await S['tinh.gialai'].get('/api/programmes?category=hiv_aids&year=2026'), 200).total, 1);
    const byYear = assertStatus(await S['tinh.gialai'].get('/api/programmes?sort=-year&pageSize=1'), 200).items;
    assert.equal(byYear[0].year, 2026);
    assertError(await S['tinh.gialai'].get('/api/programmes?sort=budget'), 400, 'validation_failed', 'sort');
  });

  test('create and update with optimistic concurrency; every criterion round-trips', async () => {
    const p = assertStatus(await S['tinh.gialai'].post('/api/programmes', body()), 201);
    assert.equal(p.orgUnit.code, '52');
    assert.equal(p.category.code, 'employment');
    assert.deepEqual(p.targetGroups, ['migrant_workers', 'unemployed_youth']);
    assert.deepEqual(p.interventionTypes, ['job_placement']);
    assert.equal(p.budgetTotal, 12000000000);
    assert.deepEqual(p.budget.map((b) => [b.fundingSource, b.year, b.amount]),
      [['provincial_budget', 2027, 3000000000], ['central_budget', 2028, 9000000000]]);
    assert.deepEqual(p.potential.resources, { assessment: 'low', note: 'Kinh phí hạn hẹp' });
    assert.equal(p.version, 1);
    const u = assertStatus(await S['tinh.gialai'].put(`/api/programmes/${p.id}`,
      body({ name: 'Chương trình việc làm (điều chỉnh)', budget: [], version: 1 })), 200);
    assert.equal(u.version, 2);
    assert.equal(u.budgetTotal, 0);
    assertError(await S['tinh.gialai'].put(`/api/programmes/${p.id}`, body({ version: 1 })), 409, 'conflict');
    assert.equal(assertStatus(await S['tinh.gialai'].get(`/api/programmes/${p.id}`), 200).name, 'Chương trình việc làm (điều chỉnh)');
    const audit = (await listAll(S.admin, `/api/audit?entity=programme&entityId=${p.id}`)).items;
    assert.deepEqual(audit.map((a) => a.action), ['update', 'create']);
  });

  test('validation names the field', async () => {
    const cases = [
      [{ categoryCode: 'astrology' }, 'categoryCode'],
      [{ targetGroups: ['aliens'] }, 'targetGroups'],
      [{ interventionTypes: ['magic'] }, 'interventionTypes'],
      [{ budget: [{ fundingSource: 'provincial_budget', year: 2027, amount: -5 }] }, 'budget[0].amount'],
      [{ budget: [{ fundingSource: 'lottery', year: 2027, amount: 5 }] }, 'budget[0].fundingSource'],
      [{ budget: [{ fundingSource: 'provincial_budget', year: 2027 }] }, 'budget[0].amount'],
      [{ potential: { interventions: { assessment: 'huge' } } }, 'potential.interventions.assessment'],
      [{ year: 1890 }, 'year'],
      [{ name: '' }, 'name'],
      [{ leadAgencyId: 99999999 }, 'leadAgencyId'],
      [{ leadAgencyId: -1 }, 'leadAgencyId'],
    ];
    for (const [extra, field] of cases) {
      const res = await S['tinh.gialai'].post('/api/programmes', body(extra));
      assert.equal(res.status, 400, `${field}: ${res.text}`);
      assert.equal(res.body.error.field, field, res.text);
    }
    assertError(await S['tinh.gialai'].post('/api/programmes', body({ leadAgencyId: agency('Sở Y tế tỉnh Đồng Nai') })),
      400, 'validation_failed', 'leadAgencyId');
    assertError(await S['tinh.gialai'].post('/api/programmes', body({ orgUnitCode: '75' })), 403, 'forbidden', 'orgUnitCode');
  });

  test('access: scope and own agency', async () => {
    const gl = (await listAll(S['tinh.gialai'], '/api/programmes?year=2026')).items;
    const congan = gl.find((p) => p.leadAgency.name === 'Công an tỉnh Gia Lai');
    const soyte = gl.find((p) => p.leadAgency.name === 'Sở Y tế tỉnh Gia Lai');
    assert.equal(assertStatus(await S['tinh.dongnai'].get('/api/programmes'), 200).total, 0);
    assertError(await S['tinh.dongnai'].get(`/api/programmes/${soyte.id}`), 404, 'not_found');
    // a focal point sees and edits the programmes its agency leads
    const mine = (await listAll(S['coquan.gialai'], '/api/programmes')).items;
    assert.ok(mine.length >= 1 && mine.every((p) => p.leadAgency.name === 'Sở Y tế tỉnh Gia Lai'));
    assertError(await S['coquan.gialai'].get(`/api/programmes/${congan.id}`), 404, 'not_found');
    assertError(await S['coquan.gialai'].post('/api/programmes', body()), 403, 'forbidden', 'leadAgencyId');
    assertStatus(await S['coquan.gialai'].post('/api/programmes', body({ leadAgencyId: agency('Sở Y tế tỉnh Gia Lai') })), 201);
    // the commune officer sees its commune only; the viewer reads; bo reads all
    const xa = (await listAll(S['xa.gialai'], '/api/programmes')).items;
    assert.ok(xa.length >= 1 && xa.every((p) => p.orgUnit.code === '21583'));
    assertError(await S['xem.gialai'].post('/api/programmes', body()), 403, 'forbidden');
    assertStatus(await S.bo.get(`/api/programmes/${soyte.id}`), 200);
    assertError(await S.bo.put(`/api/programmes/${soyte.id}`, body({ version: soyte.version })), 403, 'forbidden');
  });
});
