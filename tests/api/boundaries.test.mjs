// Boundaries for maps: an administrator imports GeoJSON FeatureCollections matched to units by
// official code (simplified on the way in); every signed-in user reads a level, optionally within
// a unit, as a FeatureCollection whose features carry properties.code and properties.name.
// Uses the real boundary files of ../shared/data/geo (skipped, with a message, when absent).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { KIND, SHARED_DATA, anon, assertError, assertStatus, cli, login, startServer } from './harness.mjs';

const PROVINCES = join(SHARED_DATA, 'geo', 'provinces-2025');
const HAI_PHONG = join(SHARED_DATA, 'geo', 'communes-2025-31_hai_phong');
const UNITS_2025 = join(SHARED_DATA, 'vn-units-2025.json');
const haveData = existsSync(PROVINCES) && existsSync(HAI_PHONG) && existsSync(UNITS_2025);
if (!haveData) console.log(`# boundaries: ${SHARED_DATA}/geo not found — the tests with real boundaries are skipped`);

/** The 34 province files as one FeatureCollection (what an administrator would upload). */
function provinceCollection() {
  const features = [];
  for (const f of readdirSync(PROVINCES).filter((n) => n.endsWith('.geojson')).sort())
    features.push(...JSON.parse(readFileSync(join(PROVINCES, f), 'utf8')).features);
  return { type: 'FeatureCollection', features };
}

const square = (x, y, d = 0.5) => ({
  type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]],
});
const feature = (properties, geometry) => ({ type: 'Feature', properties, geometry });
const collection = (features) => JSON.stringify({ type: 'FeatureCollection', features });

const upload = (client, level, text, extra = '') =>
  client.post(`/api/boundaries?level=${level}${extra}`, text, { raw: true, headers: { 'content-type': 'application/geo+json' } });
const read = async (client, query) => {
  const res = await client.get(`/api/boundaries?${query}`);
  assert.equal(res.status, 200, `GET /api/boundaries?${query} → ${res.status} ${res.text.slice(0, 300)}`);
  assert.match(res.headers.get('content-type'), /^application\/geo\+json/);
  return { fc: JSON.parse(res.text), bytes: res.text.length };
};

describe(`boundaries ${KIND}`, () => {
  let server, admin, bo, tinh;

  before(async () => {
    server = await startServer({
      // the demo plus the official 2025 list, so that the communes of Hải Phòng exist
      prepare: haveData ? async (url) => { await cli(['import-units', UNITS_2025, '--db', url]); } : undefined,
    });
    admin = await login(server.base, 'admin');
    bo = await login(server.base, 'bo');
    tinh = await login(server.base, 'tinh.gialai');
  });
  after(async () => { await server?.stop(); });

  test('the real province file: 34 features matched to the 34 provinces, simplified to a small payload', { skip: !haveData }, async () => {
    const fc = provinceCollection();
    const text = JSON.stringify(fc);
    assert.equal(fc.features.length, 34);
    const r = assertStatus(await upload(admin, 'province', text, '&filename=provinces-2025.geojson'), 200);
    assert.equal(r.level, 'province');
    assert.equal(r.matched, 34);
    assert.equal(r.unmatched, 0);
    assert.deepEqual(r.unmatchedFeatures, []);
    assert.ok(r.positionsOut * 5 < r.positionsIn, `simplified: ${r.positionsIn} → ${r.positionsOut} positions`);

    const { fc: map, bytes } = await read(bo, 'level=province');
    assert.equal(map.type, 'FeatureCollection');
    assert.equal(map.features.length, 34);
    assert.ok(bytes < 1_000_000 && bytes * 4 < text.length, `payload ${bytes} bytes (upload ${text.length})`);
    const gl = map.features.find((f) => f.properties.code === '52');
    assert.equal(gl.properties.name, 'Gia Lai');
    assert.equal(gl.id, '52');
    assert.ok(['Polygon', 'MultiPolygon'].includes(gl.geometry.type));
    // every position is rounded to 4 decimals
    const first = gl.geometry.type === 'Polygon' ? gl.geometry.coordinates[0][0] : gl.geometry.coordinates[0][0][0];
    for (const v of first) assert.equal(Math.round(v * 1e4) / 1e4, v);
    // a province user reads the same map; within its own province only itself
    const { fc: own } = await read(tinh, 'level=province&within=52');
    assert.deepEqual(own.features.map((f) => f.properties.code), ['52']);
    // the import is audited once
    const audit = assertStatus(await admin.get('/api/audit?entity=boundaries&pageSize=5'), 200);
    assert.ok(audit.items.some((e) => e.entityId === 'province' || e.entity_id === 'province'), JSON.stringify(audit.items[0]));
  });

  test('commune boundaries of Hải Phòng (CLI, a folder of files): 114 matched; within=31 gives them, within=52 none', { skip: !haveData }, async () => {
    // the CLI writes into the same database the server reads
    const { stdout } = await cli(['import-geo', '--level', 'commune', '--file', HAI_PHONG, '--db', server.url]);
    assert.match(stdout, /114 matched, 0 unmatched/);
    const { fc } = await read(tinh, 'level=commune&within=31');
    assert.equal(fc.features.length, 114);
    for (const f of fc.features) {
      assert.match(f.properties.code, /^\d{5}$/);
      assert.ok(f.properties.name.length > 0);
    }
    assert.equal((await read(tinh, 'level=commune&within=52')).fc.features.length, 0);
  });

  test('unmatched features are reported with the reason; matched ones written', async () => {
    const text = collection([
      feature({ code: '75', name: 'Đồng Nai' }, square(106.8, 11.0)),
      feature({ code: '99', name: 'Không có' }, square(105, 10)),
      feature({ code: '21583' }, square(109, 13.7)),   // a commune, not a province
      feature({ name: 'no code' }, square(107, 12)),
      feature({ code: '75' }, square(106, 11)),          // the same code again
    ]);
    const r = assertStatus(await upload(admin, 'province', text), 200);
    assert.equal(r.matched, 1);
    assert.deepEqual(r.matchedCodes, ['75']);
    assert.equal(r.unmatched, 4);
    assert.deepEqual(r.unmatchedFeatures.map((u) => [u.index, u.code]), [[1, '99'], [2, '21583'], [3, null], [4, '75']]);
    for (const u of r.unmatchedFeatures) assert.ok(u.reason && u.reasonEn, 'bilingual reason');
    const { fc } = await read(bo, 'level=province');
    const dn = fc.features.find((f) => f.properties.code === '75');
    assert.deepEqual(dn.geometry.coordinates[0][0], [106.8, 11]);
  });

  test('bad input → 400 naming the problem, nothing written', async () => {
    const before = JSON.stringify((await read(bo, 'level=province')).fc);
    assertError(await upload(admin, 'province', '{"type":"FeatureCollection","features":[{"type":'), 400, 'validation_failed', 'file');
    assertError(await upload(admin, 'province', '{"type":"Feature"}'), 400, 'validation_failed', 'type');
    assertError(await upload(admin, 'province', collection([])), 400, 'validation_failed', 'features');
    // a good first feature and a broken second one: the whole file is refused
    const e = assertError(await upload(admin, 'province', collection([
      feature({ code: '52' }, square(108, 14)),
      feature({ code: '75' }, { type: 'LineString', coordinates: [[1, 2], [3, 4]] }),
    ])), 400, 'validation_failed', 'features[1].geometry.type');
    assert.match(e.message, /Polygon/);
    assertError(await upload(admin, 'province', collection([
      feature({ code: '52' }, { type: 'Polygon', coordinates: [[[108, 14], [400, 14], [109, 15], [108, 14]]] }),
    ])), 400, 'validation_failed', 'features[0].geometry.coordinates[0]');
    assertError(await upload(admin, 'district', collection([feature({ code: '52' }, square(108, 14))])), 400, 'validation_failed', 'level');
    assertError(await upload(admin, 'province', collection([feature({ code: '52' }, square(108, 14))]), '&tolerance=5'), 400, 'validation_failed', 'tolerance');
    assert.equal(JSON.stringify((await read(bo, 'level=province')).fc), before, 'nothing written');
    assertError(await admin.get('/api/boundaries'), 400, 'validation_failed', 'level');
    assertError(await admin.get('/api/boundaries?level=province&within=XX'), 404, 'org_unit_not_found', 'within');
  });

  test('only an administrator imports; every signed-in user reads; nobody anonymous', async () => {
    const text = collection([feature({ code: '52' }, square(108, 14))]);
    for (const c of [bo, tinh]) assertError(await upload(c, 'province', text), 403, 'forbidden');
    assertError(await anon(server.base).get('/api/boundaries?level=province'), 401, 'unauthenticated');
  });
});
