// DHIS2 export (issue 21 item 2, docs/INTEROP.md) on the real server, both databases: a commune's
// report is accepted through the chain; its export as dataValueSets JSON and as ADX is compared to
// the golden files in tests/api/golden/ with figures derived by hand (the activity recorded here
// adds 40 people reached, 30 women, 10 men, 2 sessions, 1.500.000 đồng); the ADX validates against
// docs/interop/adx.xsd (xmllint); ad-hoc periods, commune officers and units outside the scope are
// refused; mappings are data (overlaps and bad codes refused, an org-unit row changes the code);
// a 2025-H1 report of Bình Định (code 52 before the July 2025 reform, Gia Lai after) resolves to its
// own DHIS2 unit; the push goes to a local stand-in (tests/support/dhis2-standin.mjs) that follows
// DHIS2's import summary contract: a real push needs a dry run of the same payload first, the
// dry run stores nothing, the summary is kept with the export, and the token is never read back.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startStandin } from '../support/dhis2-standin.mjs';
import { KIND, assertError, assertStatus, http, loginAll, startServer, todayVN, uniq } from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const XSD = join(HERE, '..', '..', 'docs', 'interop', 'adx.xsd');
const golden = (name, vars) => readFileSync(join(HERE, 'golden', name), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, k) => {
  assert.ok(k in vars, `golden variable ${k}`);
  return String(vars[k]);
});
const validateAdx = (xml) => {
  const f = join(tmpdir(), `lg-adx-${uniq('x')}.xml`);
  writeFileSync(f, xml);
  execFileSync('xmllint', ['--noout', '--schema', XSD, f], { stdio: 'pipe' });
};
const dhisPeriod = (p) => (p.length === 4 ? p : `${p.slice(0, 4)}S${p.slice(6)}`);
const adxPeriod = (p) => (p.length === 4 ? `${p}-01-01/P1Y` : `${p.slice(0, 4)}-${p.endsWith('1') ? '01' : '07'}-01/P6M`);

describe(`DHIS2 export ${KIND}`, () => {
  let server, S, period, report, standin;
  const q = (unit, per = period, form = 'bc_6thang') => `form=${form}&period=${per}&orgUnit=${unit}`;

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
    period = assertStatus(await S['xa.gialai'].get('/api/report-periods?form=bc_6thang&year=2026'), 200).current;
    standin = await startStandin({
      token: 'd2pat_standin_secret',
      dataElements: ['LG_REACHED_TOTAL', 'LG_REACHED_SEX', 'LG_COMM_SESSIONS', 'LG_COST_TOTAL', 'LG_COMM_ACTIVITIES'],
      categoryOptionCombos: ['default', 'LG_SEX_F', 'LG_SEX_M'],
      orgUnits: ['21583', 'VN_XA_21583'],
      periods: [dhisPeriod(period)],
    });
  });
  after(async () => { await server?.stop(); await standin?.close(); });

  test('a commune report accepted through the chain exports as dataValueSets JSON and ADX, figures by hand', async () => {
    const xa = S['xa.gialai'], tinh = S['tinh.gialai'];
    // nothing accepted yet: an empty set, not an error
    const empty = assertStatus(await S.bo.get(`/api/interop/dhis2/preview?${q('21583')}`), 200);
    assert.equal(empty.values, 0);
    const cur = (u) => xa.get(`/api/reports/current?form=bc_6thang&period=${period}&orgUnit=${u}`);
    const before = assertStatus(await cur('21583'), 200);
    const me = assertStatus(await xa.get('/api/me'), 200);
    const day = todayVN();
    assertStatus(await xa.post('/api/activities', {
      title: 'Tuyên truyền cho DHIS2', interventionTypeCode: 'community_sessions', orgUnitCode: '21583',
      leadAgencyId: me.agency.id, startDate: day, endDate: day,
      reach: [{ targetGroup: 'service_workers', total: 40, female: 30, male: 10 }], outputs: [{ kind: 'sessions', quantity: 2 }],
      costs: [{ fundingSource: 'commune_budget', amount: 1500000 }],
    }), 201);
    let r = assertStatus(await xa.put('/api/reports', { form: 'bc_6thang', period, orgUnitCode: '21583', values: { results: 'Đã làm', budget_allocated: 1 } }), 200);
    r = assertStatus(await xa.post(`/api/reports/${r.id}/submit`, {}), 200);
    // submitted is not accepted: still nothing to export
    assert.equal(assertStatus(await S.bo.get(`/api/interop/dhis2/preview?${q('21583')}`), 200).values, 0);
    r = assertStatus(await tinh.post(`/api/reports/${r.id}/accept`, {}), 200);
    assert.equal(r.status, 'accepted');
    report = r;
    const acceptedAt = r.history.filter((h) => h.action === 'accept').at(-1).at;

    // the figures, by hand: the unit's figures before + the activity recorded above
    const want = {
      period: dhisPeriod(period), adxPeriod: adxPeriod(period), completeDate: acceptedAt.slice(0, 10),
      reached_total: before.values.reached_total + 40, reached_female: before.values.reached_female + 30,
      reached_male: before.values.reached_male + 10, comm_sessions: before.values.comm_sessions + 2,
      cost_total: before.values.cost_total + 1500000,
    };
    const res = await S['tinh.gialai'].get(`/api/interop/dhis2/dataValueSets?${q('21583')}`);
    assertStatus(res, 200);
    const set = res.body;
    const g = JSON.parse(golden('dhis2-commune.json', want));
    assert.equal(set.dataSet, g.dataSet);
    assert.equal(set.period, g.period);
    assert.equal(set.orgUnit, g.orgUnit);
    assert.equal(set.completeDate, g.completeDate);
    for (const v of g.dataValues) {
      const got = set.dataValues.find((x) => x.dataElement === v.dataElement && x.categoryOptionCombo === v.categoryOptionCombo);
      assert.deepEqual(got, { ...v, period: g.period, orgUnit: g.orgUnit }, `${v.dataElement}/${v.categoryOptionCombo}`);
    }
    // every other value is the accepted report's own figure, as a string; small cells never go out
    const suppressed = new Set(r.suppressedElements ?? []);
    for (const v of set.dataValues) {
      const code = v.categoryOptionCombo === 'LG_SEX_F' ? 'reached_female' : v.categoryOptionCombo === 'LG_SEX_M' ? 'reached_male'
        : v.dataElement.slice(3).toLowerCase();
      assert.ok(!suppressed.has(code), `${code} is suppressed and must not be exported`);
      assert.equal(v.value, String(r.values[code]), code);
    }
    // the narrative never leaves: text elements are listed as skipped, not sent
    assert.ok(!set.dataValues.some((v) => v.dataElement === 'LG_RESULTS'));
    assert.match(res.headers.get('x-dhis2-skipped'), /results;reason=not_numeric;reports=1/);
    assert.equal(res.headers.get('x-dhis2-values'), String(set.dataValues.length));
    assert.equal(res.headers.get('x-dhis2-suppressed'), String(suppressed.size));

    const adx = await S['tinh.gialai'].get(`/api/interop/dhis2/dataValueSets?${q('21583')}&format=adx`);
    assertStatus(adx, 200);
    assert.match(adx.headers.get('content-type'), /application\/adx\+xml/);
    validateAdx(adx.text);
    const exported = /exported="([^"]+)"/.exec(adx.text)[1];
    const ga = golden('dhis2-commune.adx.xml', { ...want, exported }).split('\n').filter(Boolean);
    const lines = adx.text.split('\n').map((l) => l.trimEnd());
    for (const l of ga) assert.ok(lines.includes(l), `ADX has: ${l}`);
    assert.equal(lines.filter((l) => l.includes('<dataValue ')).length, set.dataValues.length);

    // the province pulls itself and everything below: the commune's group is there
    const prov = assertStatus(await S.bo.get(`/api/interop/dhis2/preview?${q('52')}`), 200);
    assert.ok(prov.units.some((u) => u.code === '21583' && u.orgUnit === '21583' && u.values === set.dataValues.length));
    assert.equal(prov.period.dhis2, dhisPeriod(period));
  });

  test('a ministry system pulls a province\'s accepted figures with an API token, in both formats (issue 21 "done when")', async () => {
    assert.ok(report, 'the accepted report of the first test');
    const pull = (secret, path, method = 'GET') => http(server.base, method, path, { headers: { authorization: `Bearer ${secret}` } });
    // the ministry officer mints a read-only token holding only the export permission
    const t = assertStatus(await S.bo.post('/api/tokens', {
      name: uniq('Kho dữ liệu Bộ '), days: 30, methods: ['GET'], permissions: ['interop.export'],
    }), 201);
    // the token's answer is the officer's answer, byte for byte apart from the export time stamp
    const byCookie = assertStatus(await S.bo.get(`/api/interop/dhis2/dataValueSets?${q('52')}`), 200);
    const byToken = assertStatus(await pull(t.secret, `/api/interop/dhis2/dataValueSets?${q('52')}`), 200);
    assert.deepEqual(byToken.dataValues, byCookie.dataValues);
    const mine = byToken.dataValues.filter((v) => v.orgUnit === '21583');
    assert.ok(mine.length > 0, 'the accepted commune report is in the province pull');
    assert.equal(mine.find((v) => v.dataElement === 'LG_REACHED_TOTAL').value, String(report.values.reached_total));
    const adx = await pull(t.secret, `/api/interop/dhis2/dataValueSets?${q('52')}&format=adx`);
    assertStatus(adx, 200);
    validateAdx(adx.text);
    assert.equal((adx.text.match(/<dataValue /g) || []).length, byToken.dataValues.length);
    // the token holds nothing else: no activity list, no push (a GET-only token), no token minting
    assertError(await pull(t.secret, '/api/activities?orgUnit=52'), 403, 'forbidden');
    assertError(await pull(t.secret, '/api/interop/dhis2/exports', 'POST'), 403, 'token_method_not_allowed');
    // a province token stays in its province: another province is not found, as for its owner
    const pt = assertStatus(await S['tinh.gialai'].post('/api/tokens', {
      name: uniq('Tỉnh Gia Lai '), days: 1, methods: ['GET'], permissions: ['interop.export'],
    }), 201);
    assertStatus(await pull(pt.secret, `/api/interop/dhis2/preview?${q('52')}`), 200);
    assertError(await pull(pt.secret, `/api/interop/dhis2/preview?${q('75')}`), 404, 'not_found');
    // revoked: the next pull is refused
    assertStatus(await S.bo.post(`/api/tokens/${t.id}/revoke`, {}), 200);
    assertError(await pull(t.secret, `/api/interop/dhis2/dataValueSets?${q('52')}`), 401, 'token_revoked');
  });

  test('refusals: ad-hoc periods, commune officers, units outside the scope, the wrong period kind', async () => {
    assertError(await S.bo.get('/api/interop/dhis2/dataValueSets?form=bc_6thang&period=adhoc-3&orgUnit=52'), 400, 'period_not_exportable', 'period');
    assertError(await S.bo.get('/api/interop/dhis2/dataValueSets?form=bc_6thang&period=2025&orgUnit=52'), 400, 'validation_failed', 'period');
    assertError(await S['xa.gialai'].get(`/api/interop/dhis2/dataValueSets?${q('21583')}`), 403, 'forbidden');
    assertError(await S['tinh.dongnai'].get(`/api/interop/dhis2/dataValueSets?${q('21583')}`), 404);
    assertError(await S['tinh.gialai'].get(`/api/interop/dhis2/dataValueSets?${q('75')}`), 404);
  });

  test('mappings are data: overlaps and bad codes refused; an org-unit row gives the commune its DHIS2 code', async () => {
    const admin = S.admin;
    const m = assertStatus(await admin.get('/api/interop/dhis2/mappings?form=bc_6thang'), 200);
    const female = m.elements.find((e) => e.elementCode === 'reached_female');
    assert.deepEqual([female.dataElement, female.categoryOptionCombo, female.attributes], ['LG_REACHED_SEX', 'LG_SEX_F', { SEX: 'F' }]);
    assertError(await admin.post('/api/interop/dhis2/mappings/elements',
      { form: 'bc_6thang', elementCode: 'reached_total', dataElement: 'LG_OTHER', validFrom: '2025-01-01' }), 400, 'validation_failed', 'validFrom');
    assertError(await admin.post('/api/interop/dhis2/mappings/elements',
      { form: 'bc_6thang', elementCode: 'results', dataElement: 'LG_RESULTS' }), 400, 'validation_failed', 'elementCode');
    assertError(await admin.post('/api/interop/dhis2/mappings/org-units', { orgUnitCode: '21583', dhis2OrgUnit: 'có dấu' }), 400, 'validation_failed', 'dhis2OrgUnit');
    assertError(await S.bo.post('/api/interop/dhis2/mappings/org-units', { orgUnitCode: '21583', dhis2OrgUnit: 'VN_XA_21583' }), 403, 'forbidden');
    const row = assertStatus(await admin.post('/api/interop/dhis2/mappings/org-units', { orgUnitCode: '21583', dhis2OrgUnit: 'VN_XA_21583' }), 201);
    assertError(await admin.post('/api/interop/dhis2/mappings/org-units', { orgUnitCode: '21583', dhis2OrgUnit: 'VN_XA_2' }), 400, 'validation_failed', 'validFrom');
    const set = assertStatus(await S.bo.get(`/api/interop/dhis2/dataValueSets?${q('21583')}`), 200);
    assert.equal(set.orgUnit, 'VN_XA_21583');
    assert.ok(set.dataValues.every((v) => v.orgUnit === 'VN_XA_21583'));
    // audited
    const audit = assertStatus(await admin.get('/api/audit?entity=dhis2_orgunit_map'), 200);
    assert.ok(audit.items.some((a) => a.entityId === String(row.id) && a.action === 'create'));
    assertError(await admin.request('DELETE', `/api/interop/dhis2/mappings/org-units/${row.id}?version=${row.version + 1}`), 409);
    assertStatus(await admin.request('DELETE', `/api/interop/dhis2/mappings/org-units/${row.id}?version=${row.version}`), 204);
    assert.equal(assertStatus(await S.bo.get(`/api/interop/dhis2/dataValueSets?${q('21583')}`), 200).orgUnit, '21583');
  });

  test('across the July 2025 reform: a unit whose code now names another unit resolves to its own DHIS2 code', async () => {
    // 52 is Bình Định until 30/06/2025 and Gia Lai after (a different unit): the old one's reports go
    // to "52_20250630" by default, never into today's Gia Lai; a row can name it otherwise.
    const admin = S.admin;
    const p = assertStatus(await S.bo.get('/api/interop/dhis2/preview?form=bc_6thang&period=2025-H1&orgUnit=52'), 200);
    assert.equal(p.orgUnit.name, 'Bình Định');
    for (const u of p.units) if (u.code === '52') assert.equal(u.orgUnit, '52_20250630');
    const row = assertStatus(await admin.post('/api/interop/dhis2/mappings/org-units',
      { orgUnitCode: '52', orgUnitValidTo: '2025-06-30', dhis2OrgUnit: 'VN_BINHDINH' }), 201);
    assert.equal(row.orgUnitValidTo, '2025-06-30');
    // today's Gia Lai is not touched by that row: a row for it on its own dates does not overlap
    assertStatus(await admin.post('/api/interop/dhis2/mappings/org-units',
      { orgUnitCode: '52', orgUnitValidFrom: '2025-07-01', dhis2OrgUnit: 'VN_GIALAI' }), 201);
    const after = assertStatus(await S.bo.get('/api/interop/dhis2/preview?form=bc_6thang&period=2025-H1&orgUnit=52'), 200);
    for (const u of after.units) if (u.code === '52') assert.equal(u.orgUnit, 'VN_BINHDINH');
  });

  test('push: settings sealed and masked, dry run first, the import summary stored, the token sent as ApiToken', async () => {
    const admin = S.admin, bo = S.bo;
    assertError(await bo.post('/api/interop/dhis2/exports', { form: 'bc_6thang', period, orgUnit: '21583', dryRun: true }), 409, 'dhis2_not_configured');
    const s0 = assertStatus(await admin.get('/api/interop/dhis2/settings'), 200);
    assertError(await admin.put('/api/interop/dhis2/settings', { baseUrl: 'ftp://x', version: s0.version }), 400, 'validation_failed', 'baseUrl');
    const s1 = assertStatus(await admin.put('/api/interop/dhis2/settings',
      { baseUrl: standin.url, token: 'd2pat_standin_secret', timeoutMs: 5000, version: s0.version }), 200);
    assert.equal(s1.tokenSet, true);
    assert.ok(!JSON.stringify(s1).includes('standin_secret'));
    assert.ok(!assertStatus(await admin.get('/api/interop/dhis2/settings'), 200).token.includes('secret'));
    const audit = assertStatus(await admin.get('/api/audit?entity=dhis2_settings'), 200);
    assert.ok(audit.items.length >= 1 && !JSON.stringify(audit.items).includes('standin_secret'));

    const body = { form: 'bc_6thang', period, orgUnit: '21583' };
    assertError(await bo.post('/api/interop/dhis2/exports', { ...body, dryRun: false }), 409, 'dhis2_dry_run_required');
    const dry = assertStatus(await bo.post('/api/interop/dhis2/exports', { ...body, dryRun: true }), 201);
    assert.equal(dry.pushed, true);
    assert.ok(['SUCCESS', 'WARNING'].includes(dry.status), JSON.stringify(dry.importSummary));
    assert.equal(standin.stored.size, 0, 'a dry run stores nothing');
    const last = standin.requests.at(-1);
    assert.equal(last.headers.authorization, 'ApiToken d2pat_standin_secret');
    assert.equal(last.query.dryRun, 'true');
    assert.equal(last.query.idScheme, 'CODE');
    assert.equal(last.query.importStrategy, 'CREATE_AND_UPDATE');
    // the stand-in knows a few elements only: the others come back as conflicts, counted ignored
    const sent = JSON.parse(last.body).dataValues.length;
    const c = dry.importSummary.importCount;
    assert.equal(c.imported + c.updated + c.ignored, sent);
    assert.equal(c.ignored, dry.importSummary.conflicts.length);
    assert.ok(c.imported >= 5);

    const real = assertStatus(await bo.post('/api/interop/dhis2/exports', { ...body, dryRun: false }), 201);
    assert.equal(real.payloadSha256, dry.payloadSha256);
    assert.equal(real.importSummary.importCount.imported, c.imported);
    assert.equal(standin.stored.get(`LG_REACHED_TOTAL|default|21583|${dhisPeriod(period)}`), String(report.values.reached_total));
    assert.equal(standin.stored.get(`LG_REACHED_SEX|LG_SEX_F|21583|${dhisPeriod(period)}`), String(report.values.reached_female));
    // a second real push of the same payload updates
    const again = assertStatus(await bo.post('/api/interop/dhis2/exports', { ...body, dryRun: false }), 201);
    assert.equal(again.importSummary.importCount.updated, c.imported);

    const hist = assertStatus(await bo.get('/api/interop/dhis2/exports'), 200);
    assert.deepEqual(hist.items.slice(0, 3).map((e) => [e.dryRun, e.status === dry.status || e.status === real.status]), [[false, true], [false, true], [true, true]]);
    assert.equal(hist.items[0].importSummary.importCount.updated, c.imported);
    // Đồng Nai does not see Gia Lai's pushes
    assert.ok(!assertStatus(await S['tinh.dongnai'].get('/api/interop/dhis2/exports'), 200).items.some((e) => e.orgUnit.code === '21583'));
    const pa = assertStatus(await admin.get('/api/audit?entity=dhis2_export'), 200);
    assert.ok(pa.items.length >= 3);

    // a server that does not answer: a clear failure, stored, never a hang
    const s2 = assertStatus(await admin.get('/api/interop/dhis2/settings'), 200);
    assertStatus(await admin.put('/api/interop/dhis2/settings', { baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000, version: s2.version }), 200);
    const down = assertStatus(await bo.post('/api/interop/dhis2/exports', { ...body, dryRun: true }), 201);
    assert.equal(down.status, 'FAILED');
    assert.equal(down.pushed, false);
    assert.ok(down.error.length > 0);
    // over HTTPS the same (POCO NetSSL; nothing listens there)
    const s3 = assertStatus(await admin.get('/api/interop/dhis2/settings'), 200);
    assertStatus(await admin.put('/api/interop/dhis2/settings', { baseUrl: 'https://127.0.0.1:9', version: s3.version }), 200);
    const tls = assertStatus(await bo.post('/api/interop/dhis2/exports', { ...body, dryRun: true }), 201);
    assert.equal(tls.status, 'FAILED');
    assert.ok(tls.error.length > 0);
  });
});
