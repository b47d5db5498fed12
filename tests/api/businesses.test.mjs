// The service business registry (issue 17 §1, §6; docs/api-businesses.md): CRUD, duplicates by
// folded name + address + commune, scope (404 outside), read-only officers, the inspection
// team's writes, the wall (police and the inspection team never reach /api/cases), bad input in
// both languages, optimistic concurrency, dated status history, the demo registry.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, login, startServer, todayVN, uniq, xlsx } from './harness.mjs';

describe(`service business registry ${KIND}`, () => {
  let server, S = {};

  before(async () => {
    server = await startServer();
    for (const u of ['admin', 'tinh.gialai', 'tinh.dongnai', 'xa.gialai', 'xem.gialai', 'congan.gialai', 'doikiemtra.gialai'])
      S[u] = await login(server.base, u);
  });
  after(async () => server?.stop());

  const input = (over = {}) => ({
    typeCode: 'karaoke', name: `Karaoke Thử ${uniq('')}`, address: '1 Lê Lợi', communeCode: '21583', communeAsOf: todayVN(),
    ownerName: 'Nguyễn Văn Chủ', anttPerson: 'Nguyễn Văn Chủ', anttCertNumber: '52/GCN/1', anttCertDate: '2026-01-02',
    anttCertIssuer: 'Công an tỉnh Gia Lai', sectorLicence: 'GP-1', policeNotifiedOn: '2026-01-03', workersFemale: 4, workersMale: 1,
    ...over,
  });

  test('the demo registry: Gia Lai and Đồng Nai, old units before 07/2025, every status', async () => {
    const all = await listAll(S.admin, '/api/businesses');
    assert.ok(all.items.length >= 15, `${all.items.length} demo businesses`);
    const statuses = new Set(all.items.map((b) => b.status));
    for (const s of ['operating', 'suspended', 'closed']) assert.ok(statuses.has(s), s);
    assert.ok(all.items.some((b) => b.commune.asOf < '2025-07-01' && b.commune.orgUnit.validTo), 'one on an old unit');
    const gl = await listAll(S['doikiemtra.gialai'], '/api/businesses');
    assert.ok(gl.items.length >= 10 && gl.items.length < all.items.length, 'the team sees Gia Lai only');
    const suspended = all.items.find((b) => b.status === 'suspended');
    const one = assertStatus(await S.admin.get(`/api/businesses/${suspended.id}`), 200);
    assert.deepEqual(one.statusHistory.map((h) => h.status), ['operating', 'suspended']);
  });

  test('types, create, get, list filters and text search ignoring diacritics', async () => {
    const types = assertStatus(await S['doikiemtra.gialai'].get('/api/business-types'), 200).items;
    assert.ok(types.some((t) => t.code === 'dim_cafe' && t.nameVi === 'Cà phê đèn mờ'));
    const b = assertStatus(await S['doikiemtra.gialai'].post('/api/businesses', input({ name: 'Massage Thiên Đường Xanh', typeCode: 'massage' })), 201);
    assert.equal(b.status, 'operating');
    assert.equal(b.commune.orgUnit.code, '21583');
    assert.equal(b.version, 1);
    assert.equal(b.statusHistory.length, 1);
    const found = assertStatus(await S['tinh.gialai'].get('/api/businesses?q=thien%20duong%20xanh&type=massage&status=operating&orgUnit=21583'), 200);
    assert.deepEqual(found.items.map((x) => x.id), [b.id]);
    assert.equal(assertStatus(await S['tinh.gialai'].get('/api/businesses?q=thien%20duong%20xanh&status=closed'), 200).total, 0);
    assert.equal(assertStatus(await S['xa.gialai'].get(`/api/businesses/${b.id}`), 200).name, 'Massage Thiên Đường Xanh');
    const audit = assertStatus(await S.admin.get(`/api/audit?entity=business&entityId=${b.id}`), 200);
    assert.equal(audit.items[0].action, 'create');
  });

  test('duplicates: 409 with the existing id, unless force', async () => {
    const b = assertStatus(await S['doikiemtra.gialai'].post('/api/businesses', input({ name: 'Nhà nghỉ Bình Yên', address: '9 Hai Bà Trưng', typeCode: 'guest_house' })), 201);
    const dup = await S['doikiemtra.gialai'].post('/api/businesses', input({ name: 'nha nghi  BINH YEN', address: '9 hai ba trung', typeCode: 'guest_house' }));
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.code, 'duplicate_business');
    assert.equal(dup.body.error.existingId, b.id);
    assert.ok(dup.body.error.message && dup.body.error.messageEn);
    assertStatus(await S['doikiemtra.gialai'].post('/api/businesses', input({ name: 'nha nghi BINH YEN', address: '9 hai ba trung', force: true })), 201);
  });

  test('update with version (409 on stale), status change with date and reason, history', async () => {
    const c = S['doikiemtra.gialai'];
    const b = assertStatus(await c.post('/api/businesses', input()), 201);
    const u = assertStatus(await c.put(`/api/businesses/${b.id}`, input({ name: b.name, workersFemale: 7, version: 1 })), 200);
    assert.equal(u.workersFemale, 7);
    assert.equal(u.version, 2);
    assertError(await c.put(`/api/businesses/${b.id}`, input({ name: b.name, version: 1 })), 409, 'conflict');
    assertError(await c.post(`/api/businesses/${b.id}/status`, { version: 2, status: 'suspended', reason: '' }), 400, 'validation_failed', 'reason');
    const s = assertStatus(await c.post(`/api/businesses/${b.id}/status`, { version: 2, status: 'suspended', effectiveOn: todayVN(), reason: 'Vi phạm' }), 200);
    assert.equal(s.status, 'suspended');
    assert.deepEqual(s.statusHistory.map((h) => [h.status, h.reason]), [['operating', ''], ['suspended', 'Vi phạm']]);
    assertError(await c.post(`/api/businesses/${b.id}/status`, { version: 3, status: 'suspended', reason: 'x' }), 409, 'same_status');
    assertStatus(await c.post(`/api/businesses/${b.id}/status`, { version: 3, status: 'closed', reason: 'Ngừng' }), 200);
    assertError(await c.post(`/api/businesses/${b.id}/status`, { version: 4, status: 'operating', reason: 'Mở lại' }), 409, 'business_closed');
  });

  test('bad input: 400 in Vietnamese and English naming the fields', async () => {
    const c = S['doikiemtra.gialai'];
    const e = assertError(await c.post('/api/businesses', input({ name: ' ', workersMale: -2, anttCertDate: '2099-01-01' })), 400, 'validation_failed');
    assert.deepEqual(e.details.map((d) => d.field).sort(), ['anttCertDate', 'name', 'workersMale']);
    assertError(await c.post('/api/businesses', input({ typeCode: 'casino' })), 400, 'validation_failed', 'typeCode');
    assertError(await c.post('/api/businesses', input({ communeCode: '52' })), 400, 'validation_failed', 'communeCode');
    const { name, ...noName } = input();
    assertError(await c.post('/api/businesses', noName), 400, undefined, 'name');
  });

  test('scope: out of scope is 404; officers read only; the team writes; Đồng Nai is not Gia Lai', async () => {
    const dn = assertStatus(await S.admin.post('/api/businesses', input({ communeCode: '25210' })), 201);
    assertError(await S['tinh.gialai'].get(`/api/businesses/${dn.id}`), 404, 'not_found');
    assertError(await S['doikiemtra.gialai'].get(`/api/businesses/${dn.id}`), 404, 'not_found');
    assertError(await S['doikiemtra.gialai'].put(`/api/businesses/${dn.id}`, input({ communeCode: '25210', version: 1 })), 404, 'not_found');
    assertStatus(await S['tinh.dongnai'].get(`/api/businesses/${dn.id}`), 200);
    assert.ok(!(await listAll(S['tinh.gialai'], '/api/businesses')).items.some((b) => b.id === dn.id));
    // the team cannot register outside its province
    assertError(await S['doikiemtra.gialai'].post('/api/businesses', input({ communeCode: '25210' })), 403, 'forbidden');
    const gl = assertStatus(await S['doikiemtra.gialai'].post('/api/businesses', input()), 201);
    for (const u of ['xa.gialai', 'tinh.gialai']) {
      assertStatus(await S[u].get(`/api/businesses/${gl.id}`), 200);
      assertError(await S[u].post('/api/businesses', input()), 403, 'forbidden');
      assertError(await S[u].put(`/api/businesses/${gl.id}`, input({ version: 1 })), 403, 'forbidden');
      assertError(await S[u].post(`/api/businesses/${gl.id}/status`, { version: 1, status: 'closed', reason: 'x' }), 403, 'forbidden');
    }
    for (const u of ['xem.gialai', 'congan.gialai']) assertError(await S[u].get('/api/businesses'), 403, 'forbidden');
  });

  test('import .csv and .xlsx: validate, then commit all or nothing, errors per row in vi + en', async () => {
    const c = S['doikiemtra.gialai'];
    const raw = { raw: true, headers: { 'content-type': 'application/octet-stream' } };
    const header = 'Loại hình,Tên cơ sở,Địa chỉ,Mã xã,Ngày mã xã,Chủ cơ sở,Người ANTT,Số GCN,Ngày cấp,Nơi cấp,Giấy phép,Ngày báo CA,Nữ,Nam';
    const tag = uniq('');
    const good = [`karaoke,Karaoke Nhập ${tag},3 Lê Lợi,21583,${todayVN()},Chủ A,Chủ A,GCN-1,02/01/2026,CA Gia Lai,GP-1,03/01/2026,3,1`,
      `hotel,Khách sạn Nhập ${tag},4 Lê Lợi,21583,${todayVN()},Chủ B,,,,,,,5,2`];
    const bad = [...good, `casino,,5 Lê Lợi,21583,${todayVN()},,,,,,,,-1,x`, `karaoke,karaoke nhap ${tag},3 le loi,21583,${todayVN()},,,,,,,,0,0`];
    const post = (text, q = '') => c.post(`/api/businesses/import?filename=b.csv${q}`, new Uint8Array(Buffer.from([header, ...text].join('\n'))), raw);
    const before = (await listAll(S.admin, '/api/businesses')).items.length;
    let r = assertStatus(await post(bad, '&commit=true'), 422);
    assert.equal(r.committed, false);
    assert.equal(r.rows, 4);
    assert.equal(r.valid, 2, JSON.stringify(r.errors));
    assert.deepEqual([...new Set(r.errors.map((e) => e.row))], [4, 5]);
    for (const e of r.errors) assert.ok(e.message && e.messageEn, 'vi + en');
    assert.ok(r.errors.some((e) => e.row === 5 && e.code === 'duplicate_business'));
    assert.equal((await listAll(S.admin, '/api/businesses')).items.length, before, 'nothing written');
    r = assertStatus(await post(good), 200);
    assert.equal(r.committed, false);
    assert.equal((await listAll(S.admin, '/api/businesses')).items.length, before, 'validation writes nothing');
    r = assertStatus(await post(good, '&commit=true'), 201);
    assert.equal(r.created, 2);
    assert.equal((await listAll(S.admin, '/api/businesses')).items.length, before + 2);
    assertStatus(await post(good, '&commit=true'), 422);  // now duplicates of what is stored
    const file = xlsx([['Cơ sở', [header.split(','), ['massage', `Massage Nhập ${tag}`, '7 Lê Lợi', '21583', todayVN(), '', '', '', '', '', '', '', '2', '0']]]]);
    r = assertStatus(await c.post('/api/businesses/import?filename=b.xlsx&commit=true', file, raw), 201);
    assert.equal(r.created, 1);
    assertError(await S['tinh.gialai'].post('/api/businesses/import?filename=b.csv', new Uint8Array(Buffer.from(header)), raw), 403, 'forbidden');
  });

  test('the wall: police and the inspection team never reach the support records', async () => {
    for (const u of ['congan.gialai', 'doikiemtra.gialai']) {
      assertError(await S[u].get('/api/cases'), 403, 'forbidden');
      assertError(await S[u].post('/api/cases/duplicates', { idNumber: '052190000001' }), 403, 'forbidden');
    }
    const me = assertStatus(await S['doikiemtra.gialai'].get('/api/me'), 200);
    assert.ok(!me.permissions.some((p) => p.startsWith('cases.')), 'no cases.* permission');
    assert.ok(me.permissions.includes('businesses.write'));
  });
});
