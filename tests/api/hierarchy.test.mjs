// The administrative hierarchy over time: codes are addressed by code + date (docs/API.md,
// "Hierarchy"). Province 52 is Bình Định until 2025-06-30 and the new Gia Lai from 2025-07-01.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, login, startServer, todayVN } from './harness.mjs';

const OLD_BINH_DINH_DISTRICTS = ['540', '543', '551'];
const NEW_GIA_LAI_COMMUNES = ['21553', '21583', '21589', '21592', '21601', '21607', '21637', '21640', '21994', '21997', '22006', '23575'];

describe(`hierarchy ${KIND}`, () => {
  let server, viewer;

  before(async () => {
    server = await startServer();
    viewer = await login(server.base, 'xem.gialai'); // the weakest role: hierarchy is readable by all
  });
  after(async () => { await server?.stop(); });

  const get = (path) => viewer.get(path);

  test('org-unit kinds are data with levels', async () => {
    const body = assertStatus(await get('/api/org-unit-kinds'), 200);
    const province = body.items.find((k) => k.code === 'province');
    assert.deepEqual(province, { code: 'province', nameVi: 'Tỉnh, thành phố', nameEn: 'Province', level: 1 });
    assert.deepEqual(body.items.map((k) => k.code), ['central', 'province', 'district', 'commune']);
  });

  test('52 on 2024-06-30 is Bình Định with its districts as children', async () => {
    const u = assertStatus(await get('/api/org-units/52?asOf=2024-06-30'), 200);
    assert.equal(u.code, '52');
    assert.equal(u.name, 'Bình Định');
    assert.equal(u.fullName, 'Tỉnh Bình Định');
    assert.equal(u.kind, 'province');
    assert.equal(u.parentCode, 'VN');
    assert.equal(u.validFrom, null);
    assert.equal(u.validTo, '2025-06-30');
    assert.equal(u.childCount, 3);
    assert.deepEqual(u.ancestors.map((a) => a.code), ['VN']);
    assert.deepEqual(u.predecessors, []);
    assert.equal(u.successors.length, 1);
    assert.equal(u.successors[0].type, 'merge');
    assert.equal(u.successors[0].date, '2025-07-01');
    assert.equal(u.successors[0].unit.code, '52');
    assert.equal(u.successors[0].unit.name, 'Gia Lai');

    const kids = assertStatus(await get('/api/org-units?parent=52&asOf=2024-06-30'), 200);
    assert.equal(kids.total, 3);
    assert.deepEqual(kids.items.map((k) => k.code).sort(), OLD_BINH_DINH_DISTRICTS);
    for (const k of kids.items) {
      assert.equal(k.kind, 'district');
      assert.equal(k.parentCode, '52');
    }
    const quyNhon = kids.items.find((k) => k.code === '540');
    assert.equal(quyNhon.name, 'Quy Nhơn');
    assert.equal(quyNhon.childCount, 5);
  });

  test('52 on 2026-01-01 is the new Gia Lai, merged from Bình Định (52) and Gia Lai (64)', async () => {
    const u = assertStatus(await get('/api/org-units/52?asOf=2026-01-01'), 200);
    assert.equal(u.name, 'Gia Lai');
    assert.equal(u.validFrom, '2025-07-01');
    assert.equal(u.validTo, null);
    assert.deepEqual(u.ancestors.map((a) => a.code), ['VN']);
    const preds = u.predecessors.map((p) => [p.unit.code, p.unit.name, p.type, p.date, p.partial]).sort();
    assert.deepEqual(preds, [
      ['52', 'Bình Định', 'merge', '2025-07-01', false],
      ['64', 'Gia Lai', 'merge', '2025-07-01', false],
    ]);
    for (const p of u.predecessors) assert.equal(p.unit.validTo, '2025-06-30');
    assert.deepEqual(u.successors, []);
  });

  test('children of 52 today are the new communes, including 21583 Phường Quy Nhơn', async () => {
    const kids = assertStatus(await get('/api/org-units?parent=52'), 200);
    assert.equal(kids.asOf, todayVN(), 'asOf defaults to today in Asia/Ho_Chi_Minh');
    assert.deepEqual(kids.items.map((k) => k.code).sort(), NEW_GIA_LAI_COMMUNES);
    assert.equal(kids.total, NEW_GIA_LAI_COMMUNES.length);
    for (const k of kids.items) assert.equal(k.kind, 'commune');
    const qn = kids.items.find((k) => k.code === '21583');
    assert.equal(qn.name, 'Quy Nhơn');
    assert.equal(qn.fullName, 'Phường Quy Nhơn');
    assert.equal(qn.typeLabel, 'Phường');
    assert.equal(qn.childCount, 0);
    // sorted by name by default; sort=code and -code work
    const byCode = assertStatus(await get('/api/org-units?parent=52&sort=code'), 200);
    assert.deepEqual(byCode.items.map((k) => k.code), [...NEW_GIA_LAI_COMMUNES]);
    const byCodeDesc = assertStatus(await get('/api/org-units?parent=52&sort=-code'), 200);
    assert.deepEqual(byCodeDesc.items.map((k) => k.code), [...NEW_GIA_LAI_COMMUNES].reverse());
  });

  test('list shape and pagination', async () => {
    const p1 = assertStatus(await get('/api/org-units?parent=52&sort=code&pageSize=5'), 200);
    assert.equal(p1.page, 1);
    assert.equal(p1.pageSize, 5);
    assert.equal(p1.total, 12);
    assert.deepEqual(p1.items.map((k) => k.code), NEW_GIA_LAI_COMMUNES.slice(0, 5));
    const p3 = assertStatus(await get('/api/org-units?parent=52&sort=code&pageSize=5&page=3'), 200);
    assert.deepEqual(p3.items.map((k) => k.code), NEW_GIA_LAI_COMMUNES.slice(10));
    for (const k of p1.items)
      for (const key of ['id', 'code', 'name', 'fullName', 'kind', 'typeLabel', 'parentCode', 'validFrom', 'validTo', 'childCount'])
        assert.ok(key in k, `OrgUnit has ${key}`);
  });

  test('without parent or q: the roots (VN)', async () => {
    const roots = assertStatus(await get('/api/org-units'), 200);
    assert.deepEqual(roots.items.map((r) => r.code), ['VN']);
    assert.equal(roots.items[0].parentCode, null);
    assert.equal(roots.items[0].childCount, 34, '34 provinces today');
    const old = assertStatus(await get('/api/org-units?asOf=2024-06-30'), 200);
    assert.equal(old.items[0].code, 'VN');
    const provinces = assertStatus(await get('/api/org-units?parent=VN&pageSize=500'), 200);
    assert.equal(provinces.total, 34);
    const oldProvinces = assertStatus(await get('/api/org-units?parent=VN&asOf=2024-06-30&pageSize=500'), 200);
    assert.deepEqual(oldProvinces.items.map((p) => p.code).sort(), ['30', '31', '52', '56', '58', '64', '70', '75']);
  });

  test('ancestors (path, root first) over time', async () => {
    const old = assertStatus(await get('/api/org-units/21583?asOf=2024-06-30'), 200);
    assert.equal(old.name, 'Thị Nại', '21583 was Phường Thị Nại before the reform');
    assert.deepEqual(old.ancestors.map((a) => [a.code, a.name]), [['VN', 'Việt Nam'], ['52', 'Bình Định'], ['540', 'Quy Nhơn']]);
    for (const a of old.ancestors)
      assert.deepEqual(Object.keys(a).sort(), ['code', 'id', 'kind', 'name', 'validFrom', 'validTo']);
    assert.deepEqual(old.successors.map((s) => [s.type, s.unit.code, s.unit.name]), [['merge', '21583', 'Quy Nhơn']]);

    const now = assertStatus(await get('/api/org-units/21583'), 200);
    assert.equal(now.name, 'Quy Nhơn');
    assert.deepEqual(now.ancestors.map((a) => [a.code, a.name]), [['VN', 'Việt Nam'], ['52', 'Gia Lai']]);
    assert.deepEqual(now.predecessors.map((p) => p.unit.code).sort(), ['21556', '21562', '21580', '21583']);
    assert.ok(now.predecessors.every((p) => p.type === 'merge' && p.date === '2025-07-01'));
  });

  test('search ignores diacritics and case, and respects asOf and parent', async () => {
    for (const q of ['dong nai', 'DONG NAI', 'Đồng Nai', 'đồng nai']) {
      const r = assertStatus(await get(`/api/org-units?q=${encodeURIComponent(q)}`), 200);
      const codes = r.items.map((u) => [u.code, u.name]);
      assert.ok(codes.some(([c, n]) => c === '75' && n === 'Đồng Nai'), `"${q}" finds Đồng Nai: ${JSON.stringify(codes)}`);
    }
    const qn = assertStatus(await get('/api/org-units?q=quy%20nhon'), 200);
    const names = qn.items.map((u) => u.name);
    assert.ok(qn.items.some((u) => u.code === '21583' && u.name === 'Quy Nhơn'), JSON.stringify(names));
    assert.ok(names.every((n) => n.startsWith('Quy Nhơn')), JSON.stringify(names));
    assert.equal(qn.total, 5, 'Quy Nhơn, Quy Nhơn Bắc/Nam/Đông/Tây today');
    const qnUpper = assertStatus(await get('/api/org-units?q=QUY%20NHON'), 200);
    assert.deepEqual(qnUpper.items.map((u) => u.id), qn.items.map((u) => u.id));
    // on an earlier date the city (district) Quy Nhơn is found, not today's communes
    const qnOld = assertStatus(await get('/api/org-units?q=quy%20nhon&asOf=2024-06-30'), 200);
    assert.deepEqual(qnOld.items.map((u) => [u.code, u.kind]), [['540', 'district']]);
    // within a parent's subtree
    const inDongNai = assertStatus(await get('/api/org-units?q=quy%20nhon&parent=75'), 200);
    assert.equal(inDongNai.total, 0);
    const inGiaLai = assertStatus(await get('/api/org-units?q=quy%20nhon&parent=52'), 200);
    assert.equal(inGiaLai.total, 5);
    // decomposed (NFD) input is the same text
    const nfd = assertStatus(await get(`/api/org-units?q=${encodeURIComponent('Đồng Nai'.normalize('NFD'))}`), 200);
    assert.ok(nfd.items.some((u) => u.code === '75'));
    // codes match too
    const byCode = assertStatus(await get('/api/org-units?q=21583'), 200);
    assert.deepEqual(byCode.items.map((u) => u.name), ['Quy Nhơn']);
    // kind filter
    const prov = assertStatus(await get('/api/org-units?q=gia%20lai&kind=province&asOf=2024-06-30'), 200);
    assert.deepEqual(prov.items.map((u) => u.code), ['64']);
  });

  test('unknown code, or a code on a date it did not exist → 404 org_unit_not_found', async () => {
    assertError(await get('/api/org-units/99999'), 404, 'org_unit_not_found');
    assertError(await get('/api/org-units/99999?asOf=2024-06-30'), 404, 'org_unit_not_found');
    // Phường Quy Nhơn Bắc (21553) only exists from 2025-07-01
    assertError(await get('/api/org-units/21553?asOf=2024-01-01'), 404, 'org_unit_not_found');
    assertStatus(await get('/api/org-units/21553?asOf=2025-07-01'), 200);
    // the old Gia Lai (64) ended on 2025-06-30
    assertStatus(await get('/api/org-units/64?asOf=2025-06-30'), 200);
    assertError(await get('/api/org-units/64?asOf=2025-07-01'), 404, 'org_unit_not_found');
    // parent that does not exist on that date
    assertError(await get('/api/org-units?parent=64'), 404, 'org_unit_not_found', 'parent');
    assertError(await get('/api/org-units?parent=540'), 404, 'org_unit_not_found', 'parent');
    const e = assertError(await get('/api/org-units/21553?asOf=2024-01-01'), 404, 'org_unit_not_found');
    assert.match(e.messageEn, /21553/);
  });

  test('bad asOf → 400 validation_failed naming asOf', async () => {
    for (const bad of ['2025-02-30', 'abc', '1800-01-01', '2025-13-01', '2025-1-1', '20250101']) {
      assertError(await get(`/api/org-units/52?asOf=${bad}`), 400, 'validation_failed', 'asOf');
      assertError(await get(`/api/org-units?asOf=${bad}`), 400, 'validation_failed', 'asOf');
      assertError(await get(`/api/org-units?parent=52&asOf=${bad}`), 400, 'validation_failed', 'asOf');
    }
    // leap day exists in 2024
    assertStatus(await get('/api/org-units/52?asOf=2024-02-29'), 200);
  });

  test('bad paging and sort → 400 naming the parameter', async () => {
    assertError(await get('/api/org-units?pageSize=0'), 400, 'validation_failed', 'pageSize');
    assertError(await get('/api/org-units?pageSize=501'), 400, 'validation_failed', 'pageSize');
    assertError(await get('/api/org-units?pageSize=-1'), 400, 'validation_failed', 'pageSize');
    assertError(await get('/api/org-units?pageSize=x'), 400, 'validation_failed', 'pageSize');
    assertError(await get('/api/org-units?page=0'), 400, 'validation_failed', 'page');
    assertError(await get('/api/org-units?sort=fullName'), 400, 'validation_failed', 'sort');
    assertStatus(await get('/api/org-units?pageSize=500'), 200);
    const defaults = assertStatus(await get('/api/org-units?parent=VN'), 200);
    assert.equal(defaults.page, 1);
    assert.equal(defaults.pageSize, 50);
    // query text must be clean UTF-8 of sane length
    assertError(await get('/api/org-units?q=%FF%FE'), 400, 'validation_failed', 'q');
    assertError(await get(`/api/org-units?q=${'a'.repeat(501)}`), 400, 'validation_failed', 'q');
    assertStatus(await get('/api/org-units?pageSize=1'), 200);
  });

  test('lead agency of 52 follows the programme over time', async () => {
    const cases = [
      ['2024-06-30', 'Sở Lao động - Thương binh và Xã hội tỉnh Bình Định'],
      ['2025-02-28', 'Sở Lao động - Thương binh và Xã hội tỉnh Bình Định'],
      ['2025-03-01', 'Sở Nội vụ tỉnh Bình Định'],
      ['2025-04-01', 'Sở Nội vụ tỉnh Bình Định'],
      ['2025-06-30', 'Sở Nội vụ tỉnh Bình Định'],
      ['2025-07-01', 'Sở Y tế tỉnh Gia Lai'],
      [todayVN(), 'Sở Y tế tỉnh Gia Lai'],
    ];
    for (const [d, name] of cases) {
      const u = assertStatus(await get(`/api/org-units/52?asOf=${d}`), 200);
      assert.ok(u.leadAgency, `lead agency of 52 on ${d}`);
      assert.equal(u.leadAgency.name, name, `lead agency of 52 on ${d}`);
      assert.equal(typeof u.leadAgency.id, 'number');
    }
    const today = assertStatus(await get('/api/org-units/52'), 200);
    assert.equal(today.leadAgency.name, 'Sở Y tế tỉnh Gia Lai');
    // a unit without a lead agency answers null
    const commune = assertStatus(await get('/api/org-units/21583'), 200);
    assert.equal(commune.leadAgency, null);
  });

  test('lineage of a partial split (21997 Canh Liên)', async () => {
    const old = assertStatus(await get('/api/org-units/21997?asOf=2025-06-30'), 200);
    const succ = old.successors.map((s) => [s.type, s.unit.code, s.unit.name, s.partial]).sort();
    assert.deepEqual(succ, [['merge', '22006', 'Canh Vinh', true], ['split', '21997', 'Canh Liên', true]]);
  });
});
