// Agencies over time: the orgUnit filter covers the unit's subtree over time (scope closure: the
// new Gia Lai includes what old Bình Định recorded), asOf filters agencies valid that day
// (docs/API.md, "Agencies").
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, login, startServer, todayVN, uniq } from './harness.mjs';

const BINH_DINH_2024 = [
  'Công an tỉnh Bình Định',
  'Sở Lao động - Thương binh và Xã hội tỉnh Bình Định',
  'Sở Nội vụ tỉnh Bình Định',
  'Sở Thông tin và Truyền thông tỉnh Bình Định',
  'Sở Văn hóa và Thể thao tỉnh Bình Định',
  'Sở Y tế tỉnh Bình Định',
  'Ủy ban nhân dân thành phố Quy Nhơn',
  'Ủy ban nhân dân thị xã Hoài Nhơn',
  'Ủy ban nhân dân tỉnh Bình Định',
];
const GIA_LAI_NOW = [
  'Báo và Phát thanh, Truyền hình Gia Lai',
  'Công an tỉnh Gia Lai',
  'Hội Liên hiệp Phụ nữ tỉnh Gia Lai',
  'Sở Nội vụ tỉnh Gia Lai',
  'Sở Y tế tỉnh Gia Lai',
  'Ủy ban nhân dân phường Quy Nhơn',
  'Ủy ban nhân dân tỉnh Gia Lai',
];
const ENDED_2025_02_28 = ['Sở Lao động - Thương binh và Xã hội tỉnh Bình Định', 'Sở Thông tin và Truyền thông tỉnh Bình Định'];

const names = (items) => items.map((a) => a.name).sort();
const sorted = (xs) => [...xs].sort();

describe(`agencies ${KIND}`, () => {
  let server, admin, tinh, viewer;

  before(async () => {
    server = await startServer();
    admin = await login(server.base, 'admin');
    tinh = await login(server.base, 'tinh.gialai');
    viewer = await login(server.base, 'xem.gialai');
  });
  after(async () => { await server?.stop(); });

  const all = (path) => listAll(viewer, path);

  test('agency kinds are data', async () => {
    const k = assertStatus(await viewer.get('/api/agency-kinds'), 200);
    assert.deepEqual(k.items.find((x) => x.code === 'so'), { code: 'so', nameVi: 'Sở', nameEn: 'Provincial department' });
    assert.deepEqual(k.items.map((x) => x.code).sort(), ['ban', 'bao_chi', 'bo', 'cuc', 'doan_the', 'nganh', 'so', 'ubnd']);
  });

  test('orgUnit=52&asOf=2024-06-30: Bình Định and its districts, valid then', async () => {
    const r = await all('/api/agencies?orgUnit=52&asOf=2024-06-30');
    assert.deepEqual(names(r.items), sorted(BINH_DINH_2024));
    assert.equal(r.total, BINH_DINH_2024.length);
  });

  test('orgUnit=52 (no asOf): new Gia Lai plus the agencies of the units merged into it', async () => {
    const r = await all('/api/agencies?orgUnit=52');
    assert.deepEqual(names(r.items), sorted([...GIA_LAI_NOW, ...BINH_DINH_2024]));
    for (const a of r.items) assert.ok(!/Đồng Nai|Khánh Hòa|Ninh Thuận|Hải Phòng|Hải Dương|Bộ|Cục/.test(a.name), a.name);
  });

  test('asOf filters agencies valid on that day', async () => {
    assert.deepEqual(names((await all(`/api/agencies?orgUnit=52&asOf=${todayVN()}`)).items), sorted(GIA_LAI_NOW));
    assert.deepEqual(names((await all('/api/agencies?orgUnit=52&asOf=2025-04-01')).items),
      sorted(BINH_DINH_2024.filter((n) => !ENDED_2025_02_28.includes(n))));
    assert.deepEqual(names((await all('/api/agencies?orgUnit=52&asOf=2025-02-28')).items), sorted(BINH_DINH_2024));
    const early = names((await all('/api/agencies?asOf=2024-06-30')).items);
    assert.ok(early.includes('Bộ Lao động - Thương binh và Xã hội') && !early.includes('Cục Bảo trợ xã hội (Bộ Y tế)'));
    const later = names((await all('/api/agencies?asOf=2025-04-01')).items);
    assert.ok(!later.includes('Bộ Lao động - Thương binh và Xã hội') && later.includes('Cục Bảo trợ xã hội (Bộ Y tế)'));
    for (const a of (await all('/api/agencies?asOf=2025-04-01')).items) {
      assert.ok(a.validFrom === null || a.validFrom <= '2025-04-01', `${a.name} began by then`);
      assert.ok(a.validTo === null || a.validTo >= '2025-04-01', `${a.name} not ended by then`);
    }
    const every = (await all('/api/agencies')).items.length;
    assert.equal(every, (await all('/api/agencies?orgUnit=VN')).items.length, 'the root unit does not filter');
    assert.ok(every >= 99);
  });

  test('orgUnit of a commune or district, and unknown units', async () => {
    assert.deepEqual(names((await all('/api/agencies?orgUnit=21583')).items), ['Ủy ban nhân dân phường Quy Nhơn']);
    assert.deepEqual(names((await all('/api/agencies?orgUnit=540&asOf=2024-06-30')).items), ['Ủy ban nhân dân thành phố Quy Nhơn']);
    assertError(await viewer.get('/api/agencies?orgUnit=99999'), 404, 'org_unit_not_found', 'orgUnit');
    assertError(await viewer.get('/api/agencies?orgUnit=64'), 404, 'org_unit_not_found', 'orgUnit');
    assertError(await viewer.get('/api/agencies?asOf=2025-02-30'), 400, 'validation_failed', 'asOf');
    assertError(await viewer.get('/api/agencies?pageSize=0'), 400, 'validation_failed', 'pageSize');
  });

  test('q ignores diacritics and case; kind filter; sort', async () => {
    for (const q of ['so y te', 'SO Y TE', 'Sở Y tế']) {
      const r = await all(`/api/agencies?q=${encodeURIComponent(q)}`);
      assert.ok(r.items.length >= 7, `"${q}": ${r.items.length}`);
      assert.ok(r.items.some((a) => a.name === 'Sở Y tế tỉnh Gia Lai'));
      for (const a of r.items) assert.match(a.name, /^Sở Y tế/);
    }
    assert.deepEqual(names((await all('/api/agencies?q=so%20y%20te&orgUnit=52')).items), ['Sở Y tế tỉnh Bình Định', 'Sở Y tế tỉnh Gia Lai']);
    const ubnd = (await all(`/api/agencies?kind=ubnd&orgUnit=52&asOf=${todayVN()}`)).items;
    assert.deepEqual(names(ubnd), ['Ủy ban nhân dân phường Quy Nhơn', 'Ủy ban nhân dân tỉnh Gia Lai']);
    const desc = (await all('/api/agencies?orgUnit=52&sort=-name')).items.map((a) => a.name);
    const asc = (await all('/api/agencies?orgUnit=52&sort=name')).items.map((a) => a.name);
    assert.deepEqual(desc, [...asc].reverse());
    const byStart = (await all('/api/agencies?orgUnit=52&sort=validFrom')).items.map((a) => a.validFrom ?? '');
    assert.deepEqual(byStart, [...byStart].sort());
    for (const bad of ['kind', 'id', 'name desc', '-'])
      assertError(await viewer.get(`/api/agencies?sort=${encodeURIComponent(bad)}`), 400, 'validation_failed', 'sort');
  });

  test('q treats % and _ as plain characters', async () => {
    for (const q of ['%', '_', '__', 'so%te']) assert.equal((await all(`/api/agencies?q=${encodeURIComponent(q)}`)).total, 0, `q=${q}`);
    const a = assertStatus(await tinh.post('/api/agencies', { name: `Quỹ hỗ trợ 100% vốn ${uniq('')}`, kind: 'ban', orgUnitCode: '52', orgUnitAsOf: todayVN() }), 201);
    assert.deepEqual((await all(`/api/agencies?q=${encodeURIComponent('100%')}`)).items.map((x) => x.id), [a.id]);
    assert.deepEqual((await all(`/api/agencies?q=${encodeURIComponent('quy ho tro 100% von')}`)).items.map((x) => x.id), [a.id]);
  });

  test('Agency shape and programme roles', async () => {
    const [a] = (await all('/api/agencies?q=so%20y%20te%20tinh%20gia%20lai')).items;
    for (const k of ['id', 'name', 'shortName', 'kind', 'orgUnit', 'validFrom', 'validTo', 'version', 'roles'])
      assert.ok(k in a, `Agency has ${k}`);
    assert.equal(a.kind, 'so');
    assert.equal(a.orgUnit.code, '52');
    assert.equal(a.orgUnit.name, 'Gia Lai');
    assert.equal(a.validFrom, '2025-07-01');
    assert.equal(a.validTo, null);
    assert.deepEqual(a.roles.map((r) => [r.role, r.orgUnit.code, r.orgUnit.name, r.validFrom, r.validTo]), [['lead', '52', 'Gia Lai', '2025-07-01', null]]);
    assert.deepEqual(assertStatus(await viewer.get(`/api/agencies/${a.id}`), 200), a);
    assertError(await viewer.get('/api/agencies/99999999'), 404, 'not_found');
    assertError(await viewer.get('/api/agencies/abc'), 404, 'not_found');
  });

  test('create: 201, validated, attached to a unit version by code + date', async () => {
    const name = `Trung tâm Công tác xã hội ${uniq('')}`;
    const a = assertStatus(await tinh.post('/api/agencies', { name, shortName: 'TT CTXH', kind: 'so', orgUnitCode: '52', orgUnitAsOf: todayVN(), validFrom: '2025-08-01' }), 201);
    assert.equal(a.name, name);
    assert.equal(a.version, 1);
    assert.equal(a.orgUnit.name, 'Gia Lai');
    assert.equal(a.validFrom, '2025-08-01');
    assert.equal(a.validTo, null);
    assert.deepEqual(a.roles, []);
    // an agency of old Bình Định (52 on 2024-01-01), inside tinh.gialai's scope through the merge
    const old = assertStatus(await tinh.post('/api/agencies', { name: `Chi cục cũ ${uniq('')}`, kind: 'so', orgUnitCode: '52', orgUnitAsOf: '2024-01-01', validTo: '2025-06-30' }), 201);
    assert.equal(old.orgUnit.name, 'Bình Định');
    assert.equal(old.validFrom, null);
    assert.equal(old.validTo, '2025-06-30');
    assert.ok(names((await all('/api/agencies?orgUnit=52&asOf=2024-06-30')).items).includes(old.name));

    const total = (await all('/api/agencies')).total;
    const ok = { name: 'X', kind: 'so', orgUnitCode: '52', orgUnitAsOf: todayVN() };
    const cases = [
      [{ name: undefined }, 400, 'validation_failed', 'name'],
      [{ name: 'x'.repeat(256) }, 400, 'validation_failed', 'name'],
      [{ kind: 'nope' }, 400, 'validation_failed', 'kind'],
      [{ kind: undefined }, 400, 'validation_failed', 'kind'],
      [{ orgUnitCode: undefined }, 400, 'validation_failed', 'orgUnitCode'],
      [{ orgUnitCode: '99999' }, 400, 'org_unit_not_found', 'orgUnitCode'],
      [{ orgUnitCode: '64' }, 400, 'org_unit_not_found', 'orgUnitCode'],
      // a code reused after 07/2025 is never resolved silently: which 52?
      [{ orgUnitAsOf: undefined }, 409, 'ambiguous_org_unit', 'orgUnitCode'],
      [{ orgUnitAsOf: '2025-02-30' }, 400, 'validation_failed', 'orgUnitAsOf'],
      [{ validFrom: '2025-13-01' }, 400, 'validation_failed', 'validFrom'],
      [{ validFrom: '2026-01-01', validTo: '2025-01-01' }, 400, 'validation_failed', 'validTo'],
      [{ orgUnitCode: '75' }, 403, 'forbidden', 'orgUnitCode'],
    ];
    for (const [patch, status, code, field] of cases)
      assertError(await tinh.post('/api/agencies', { ...ok, ...patch }), status, code, field);
    assert.equal((await all('/api/agencies')).total, total, 'nothing created by the failures');

    const audit = (await listAll(admin, `/api/audit?entity=agency&entityId=${a.id}`)).items;
    assert.equal(audit.length, 1);
    assert.equal(audit[0].action, 'create');
    assert.equal(audit[0].username, 'tinh.gialai');
    assert.equal(audit[0].orgUnitCode, '52');
    assert.equal(audit[0].before, null);
    assert.equal(audit[0].after.name, name);
  });

  test('update: version bump; stale version → 409 and nothing changes', async () => {
    const a = assertStatus(await tinh.post('/api/agencies', { name: `Ban thử ${uniq('')}`, kind: 'ban', orgUnitCode: '52', orgUnitAsOf: todayVN() }), 201);
    const body = { name: `${a.name} (đổi tên)`, shortName: 'BT', kind: 'ban', orgUnitCode: '52', version: a.version };
    const b = assertStatus(await tinh.put(`/api/agencies/${a.id}`, body), 200);
    assert.equal(b.version, a.version + 1);
    assert.equal(b.name, body.name);
    assert.equal(b.shortName, 'BT');
    // the new name is searchable without diacritics
    assert.ok(names((await all(`/api/agencies?q=${encodeURIComponent('doi ten')}`)).items).includes(body.name));

    assertError(await tinh.put(`/api/agencies/${a.id}`, { ...body, name: 'Ghi đè', version: a.version }), 409, 'conflict');
    assert.deepEqual(assertStatus(await viewer.get(`/api/agencies/${a.id}`), 200), b, 'unchanged after the stale write');
    assertError(await tinh.put(`/api/agencies/${a.id}`, { ...body, version: undefined }), 400, 'validation_failed', 'version');
    assertError(await tinh.put('/api/agencies/99999999', { ...body, version: 1 }), 404, 'not_found');

    const audit = (await listAll(admin, `/api/audit?entity=agency&entityId=${a.id}`)).items;
    assert.deepEqual(audit.map((e) => e.action), ['update', 'create']);
    assert.equal(audit[0].before.name, a.name);
    assert.equal(audit[0].after.name, body.name);
  });
});
