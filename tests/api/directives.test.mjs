// Directives (văn bản chỉ đạo) and their attachments (docs/api-directives.md): visibility by
// scope (issued in or above the caller's area, or concerning it), search without diacritics,
// filters, CRUD with validation and optimistic concurrency, and uploads: PDF/DOCX only, 10 MiB,
// checksum, download identical to the upload, and a refused upload stores nothing.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, http, listAll, login, startServer, uniq } from './harness.mjs';

// A minimal ZIP (stored entries) — enough to look like a .docx: [Content_Types].xml + word/document.xml.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function zip(files) {
  const locals = [], centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const n = Buffer.from(name), data = Buffer.from(text), crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(centrals.length / 2, 8); end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}
const DOCX = zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document>Báo cáo</w:document>' });
const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n% Kế hoạch\n%%EOF\n'));
const PNG = new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function form(bytes, filename, type) {
  const f = new FormData();
  f.append('file', new Blob([bytes], { type }), filename);
  return f;
}

describe(`directives ${KIND}`, () => {
  let server, admin, tinh, dongnai, viewer, bo;
  const D = {}; // demo directives by key

  before(async () => {
    server = await startServer();
    admin = await login(server.base, 'admin');
    tinh = await login(server.base, 'tinh.gialai');
    dongnai = await login(server.base, 'tinh.dongnai');
    viewer = await login(server.base, 'xem.gialai');
    bo = await login(server.base, 'bo');
    for (const d of (await listAll(admin, '/api/directives')).items) if (d.key) D[d.key] = d;
  });
  after(async () => { await server?.stop(); });

  test('directive kinds are data, in Vietnamese', async () => {
    const k = assertStatus(await viewer.get('/api/directive-kinds'), 200).items;
    assert.deepEqual(k.map((x) => x.code), ['cong_van', 'ke_hoach', 'quyet_dinh', 'chi_thi', 'thong_bao', 'coordination_plan']);
    assert.equal(k[0].nameVi, 'Công văn');
  });

  test('the demo holds the five seed documents and the 2026 Gia Lai plan', async () => {
    assert.deepEqual(Object.keys(D).sort(),
      ['binhdinh-cv-2023', 'bo-221-2023', 'dongnai-kh-2023', 'gialai-kh-2026', 'haiduong-kh-2021', 'ninhthuan-cv-2023']);
    const g = D['bo-221-2023'];
    assert.equal(g.number, '221/LĐTBXH-PCTNXH');
    assert.equal(g.issueDate, '2023-01-31');
    assert.equal(g.orgUnit.code, 'VN');
    assert.equal(g.issuingAgency.name, 'Cục Phòng, chống tệ nạn xã hội (Bộ Lao động - Thương binh và Xã hội)');
    for (const k of ['binhdinh-cv-2023', 'ninhthuan-cv-2023', 'dongnai-kh-2023', 'gialai-kh-2026'])
      assert.equal(D[k].implements.id, g.id, `${k} implements 221`);
    assert.equal(D['haiduong-kh-2021'].taskCount, 14);
    assert.equal(D['ninhthuan-cv-2023'].taskCount, 6);
    assert.equal(D['dongnai-kh-2023'].taskCount, 9);
    assert.equal(D['binhdinh-cv-2023'].taskCount, 4);
    assert.equal(D['binhdinh-cv-2023'].orgUnit.name, 'Bình Định');
  });

  test('visibility: own province (with the units merged into it), directives from above, nothing of another province', async () => {
    const keys = async (c) => (await listAll(c, '/api/directives')).items.map((d) => d.key).sort();
    assert.deepEqual(await keys(tinh), ['binhdinh-cv-2023', 'bo-221-2023', 'gialai-kh-2026']);
    assert.deepEqual(await keys(viewer), ['binhdinh-cv-2023', 'bo-221-2023', 'gialai-kh-2026']);
    assert.deepEqual(await keys(dongnai), ['bo-221-2023', 'dongnai-kh-2023']);
    assert.equal((await keys(bo)).length, 6);
    assertError(await dongnai.get(`/api/directives/${D['gialai-kh-2026'].id}`), 404, 'not_found');
    assertError(await dongnai.get(`/api/directives/${D['binhdinh-cv-2023'].id}`), 404, 'not_found');
    assertError(await tinh.get(`/api/directives/${D['dongnai-kh-2023'].id}`), 404, 'not_found');
    assertError(await tinh.get('/api/directives/99999999'), 404, 'not_found');
    // 221 as seen from Gia Lai lists only the plans Gia Lai may see
    const g = assertStatus(await tinh.get(`/api/directives/${D['bo-221-2023'].id}`), 200);
    assert.deepEqual(g.implementedBy.map((x) => x.number).sort(), ['45/KH-UBND', '…/UBND-VX']);
    const all = assertStatus(await admin.get(`/api/directives/${D['bo-221-2023'].id}`), 200);
    assert.equal(all.implementedBy.length, 4);
  });

  test('search ignores diacritics and case, over number and subject; filters and sorting', async () => {
    const numbers = async (c, q) => (await listAll(c, `/api/directives?${q}`)).items.map((d) => d.number);
    assert.deepEqual(await numbers(admin, `q=${encodeURIComponent('ke hoach phong, chong mai dam nam 2021')}`), ['…/KH-BCĐ']);
    assert.deepEqual(await numbers(admin, 'q=221%2FLDTBXH'), ['221/LĐTBXH-PCTNXH']);
    assert.deepEqual(await numbers(admin, `q=${encodeURIComponent('LỒNG GHÉP')}&year=2026`), ['45/KH-UBND']);
    assert.deepEqual(await numbers(admin, 'q=%25'), [], '% is literal');
    assert.equal((await listAll(admin, '/api/directives?kind=ke_hoach')).total, 3);
    assert.equal((await listAll(admin, '/api/directives?year=2023')).total, 4);
    assert.equal((await listAll(admin, `/api/directives?implements=${D['bo-221-2023'].id}`)).total, 4);
    assert.deepEqual(await numbers(admin, 'issuingUnit=52&asOf=2024-01-01'), ['…/UBND-VX']);
    // the new Gia Lai's subtree over time includes old Bình Định
    assert.deepEqual((await numbers(admin, 'issuingUnit=52')).sort(), ['45/KH-UBND', '…/UBND-VX']);
    const dates = (await listAll(admin, '/api/directives')).items.map((d) => d.issueDate);
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first by default');
    const asc = (await listAll(admin, '/api/directives?sort=issueDate')).items.map((d) => d.issueDate);
    assert.deepEqual(asc, [...asc].sort());
    assertError(await admin.get('/api/directives?sort=subject'), 400, 'validation_failed', 'sort');
    assertError(await admin.get('/api/directives?year=20x6'), 400, 'validation_failed', 'year');
    assertError(await admin.get('/api/directives?issuingUnit=99999'), 404, 'org_unit_not_found', 'issuingUnit');
    assertError(await admin.get('/api/directives?implements=abc'), 400, 'validation_failed', 'implements');
  });

  const valid = () => ({
    number: `${uniq('')}/KH-UBND`, kind: 'ke_hoach', subject: 'Kế hoạch kiểm tra liên ngành năm 2026',
    issueDate: '2026-03-01', orgUnitCode: '52', recipientLines: ['Các sở, ngành'],
  });

  test('create, read, update with version; validation names the field', async () => {
    const gl = (await listAll(admin, '/api/agencies?orgUnit=52&asOf=2026-01-01')).items;
    const ubnd = gl.find((a) => a.key === 'gl-ubnd'), soyte = gl.find((a) => a.key === 'gl-soyte');
    const body = { ...valid(), issuingAgencyId: ubnd.id, recipientAgencyIds: [soyte.id], implementsId: D['bo-221-2023'].id };
    const d = assertStatus(await tinh.post('/api/directives', body), 201);
    assert.equal(d.orgUnit.name, 'Gia Lai');
    assert.equal(d.issuingAgency.id, ubnd.id);
    assert.deepEqual(d.recipients, { agencies: [{ id: soyte.id, name: soyte.name, shortName: soyte.shortName }], lines: ['Các sở, ngành'] });
    assert.equal(d.implements.number, '221/LĐTBXH-PCTNXH');
    assert.equal(d.kindName, 'Kế hoạch');
    assert.equal(d.version, 1);
    assert.deepEqual(d.attachments, []);
    // visible to the province, not to Đồng Nai
    assertStatus(await viewer.get(`/api/directives/${d.id}`), 200);
    assertError(await dongnai.get(`/api/directives/${d.id}`), 404, 'not_found');
    // update with the version read; a stale version is refused and writes nothing
    const u = assertStatus(await tinh.put(`/api/directives/${d.id}`, { ...body, subject: 'Trích yếu mới', version: 1 }), 200);
    assert.equal(u.version, 2);
    assertError(await tinh.put(`/api/directives/${d.id}`, { ...body, subject: 'Cũ', version: 1 }), 409, 'conflict');
    assert.equal(assertStatus(await tinh.get(`/api/directives/${d.id}`), 200).subject, 'Trích yếu mới');
    // a directive cannot implement itself
    assertError(await tinh.put(`/api/directives/${d.id}`, { ...body, implementsId: d.id, version: 2 }), 400, 'validation_failed', 'implementsId');
    // validation
    const bad = async (patch, field, status = 400, code = 'validation_failed') =>
      assertError(await tinh.post('/api/directives', { ...valid(), ...patch }), status, code, field);
    await bad({ number: '' }, 'number');
    await bad({ subject: undefined }, 'subject');
    await bad({ kind: 'nghi_quyet' }, 'kind');
    await bad({ issueDate: '2026-02-30' }, 'issueDate');
    await bad({ issueDate: undefined }, 'issueDate');
    await bad({ issuingAgencyId: 99999999 }, 'issuingAgencyId');
    await bad({ recipientAgencyIds: [99999999] }, 'recipientAgencyIds');
    await bad({ recipientAgencyIds: 'x' }, 'recipientAgencyIds');
    await bad({ recipientLines: [''] }, 'recipientLines');
    await bad({ implementsId: D['dongnai-kh-2023'].id }, 'implementsId'); // not visible = unknown
    await bad({ orgUnitCode: '75' }, 'orgUnitCode', 403, 'forbidden');
    await bad({ orgUnitCode: '99999' }, 'orgUnitCode', 400, 'org_unit_not_found');
    assertError(await tinh.post('/api/directives', '{"number":', { raw: true, headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
    // permissions: viewers read only; a directive from above can be read but not edited
    assertError(await viewer.post('/api/directives', valid()), 403, 'forbidden');
    const g = D['bo-221-2023'];
    assertError(await tinh.put(`/api/directives/${g.id}`, { ...valid(), orgUnitCode: '52', version: g.version }), 403, 'forbidden');
    assertError(await dongnai.put(`/api/directives/${d.id}`, { ...body, version: 2 }), 404, 'not_found');
    // audited
    const audit = assertStatus(await admin.get(`/api/audit?entity=directive&entityId=${d.id}`), 200).items;
    assert.deepEqual(audit.map((e) => e.action), ['update', 'create']);
  });

  test('attachments: PDF and DOCX stored with checksum, downloaded byte for byte', async () => {
    const d = assertStatus(await tinh.post('/api/directives', valid()), 201);
    const pdfName = 'Kế hoạch số 45 (bản ký).pdf';
    const a = assertStatus(await tinh.post(`/api/directives/${d.id}/attachments`, form(PDF, pdfName, 'application/pdf'), { raw: true }), 201);
    assert.equal(a.filename, pdfName);
    assert.equal(a.contentType, 'application/pdf');
    assert.equal(a.size, PDF.length);
    assert.equal(a.sha256, sha256(PDF));
    const res = await fetch(server.base + a.url, { headers: { cookie: viewer.cookie } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const cd = res.headers.get('content-disposition');
    assert.match(cd, /^attachment; filename="[ -~]+"; filename\*=UTF-8''/);
    assert.equal(decodeURIComponent(cd.split("filename*=UTF-8''")[1]), pdfName);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual(Buffer.from(bytes), Buffer.from(PDF));
    assert.equal(sha256(bytes), a.sha256);
    // raw body with ?filename=, DOCX
    const docName = 'Báo cáo 6 tháng.docx';
    const b = assertStatus(await tinh.post(`/api/directives/${d.id}/attachments?filename=${encodeURIComponent(docName)}`, DOCX,
      { raw: true, headers: { 'content-type': DOCX_TYPE } }), 201);
    assert.equal(b.contentType, DOCX_TYPE);
    assert.equal(b.filename, docName);
    const res2 = await fetch(server.base + b.url, { headers: { cookie: tinh.cookie } });
    assert.equal(res2.headers.get('content-type'), DOCX_TYPE);
    assert.equal(sha256(new Uint8Array(await res2.arrayBuffer())), sha256(DOCX));
    const full = assertStatus(await tinh.get(`/api/directives/${d.id}`), 200);
    assert.deepEqual(full.attachments.map((x) => x.filename), [pdfName, docName]);
    // out of scope: 404 for the file as for its directive
    assertError(await dongnai.get(a.url), 404, 'not_found');
    assertError(await dongnai.post(`/api/directives/${d.id}/attachments`, form(PDF, 'x.pdf', 'application/pdf'), { raw: true }), 404, 'not_found');
    assertError(await viewer.post(`/api/directives/${d.id}/attachments`, form(PDF, 'x.pdf', 'application/pdf'), { raw: true }), 403, 'forbidden');
    assertError(await tinh.get('/api/attachments/99999999'), 404, 'not_found');
  });

  test('bad uploads are refused with a clear error and store nothing', async () => {
    const d = assertStatus(await tinh.post('/api/directives', valid()), 201);
    const url = `/api/directives/${d.id}/attachments`;
    const auditBefore = assertStatus(await admin.get('/api/audit?entity=attachment&pageSize=1'), 200).total;
    const up = (bytes, name, type) => tinh.post(url, form(bytes, name, type), { raw: true });
    assertError(await up(PNG, 'anh.png', 'image/png'), 400, 'invalid_file', 'file');
    assertError(await up(PNG, 'anh.pdf', 'application/pdf'), 400, 'invalid_file', 'file');
    assertError(await up(new Uint8Array(Buffer.from('not a zip at all')), 'gia.docx', DOCX_TYPE), 400, 'invalid_file', 'file');
    assertError(await up(zip({ 'a.txt': 'x' }), 'zip.docx', DOCX_TYPE), 400, 'invalid_file', 'file');
    assertError(await up(DOCX, 'ok.docx', 'image/png'), 400, 'invalid_file', 'file');
    assertError(await up(DOCX, 'renamed.pdf', 'application/pdf'), 400, 'invalid_file', 'file');
    assertError(await up(PDF, 'no-extension', 'application/pdf'), 400, 'invalid_file', 'file');
    assertError(await up(new Uint8Array(0), 'empty.pdf', 'application/pdf'), 400, 'validation_failed', 'file');
    assertError(await tinh.post(url, new Uint8Array(0), { raw: true, headers: { 'content-type': 'application/pdf' } }), 400, 'validation_failed', 'file');
    assertError(await tinh.post(url, PDF, { raw: true, headers: { 'content-type': 'application/pdf' } }), 400, 'validation_failed', 'file'); // no ?filename=
    const noFile = new FormData();
    noFile.append('other', 'x');
    assertError(await tinh.post(url, noFile, { raw: true }), 400, 'validation_failed', 'file');
    // 10 MiB + 1 byte of PDF: refused by the handler; a body far beyond: refused by the server
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    const tooBig = await up(big, 'lon.pdf', 'application/pdf');
    assertError(tooBig, 413, 'payload_too_large');
    const huge = new Uint8Array(12 * 1024 * 1024);
    huge.set(PDF);
    assertError(await tinh.post(`${url}?filename=lon.pdf`, huge, { raw: true, headers: { 'content-type': 'application/pdf' } }), 413, 'payload_too_large');
    // exactly 10 MiB is fine
    const max = new Uint8Array(10 * 1024 * 1024);
    max.set(PDF);
    const ok = assertStatus(await tinh.post(`${url}?filename=max.pdf`, max, { raw: true, headers: { 'content-type': 'application/pdf' } }), 201);
    assert.equal(ok.size, 10 * 1024 * 1024);
    assert.equal(ok.sha256, sha256(max));
    // nothing of the refused uploads was stored
    const atts = assertStatus(await tinh.get(`/api/directives/${d.id}`), 200).attachments;
    assert.deepEqual(atts.map((x) => x.filename), ['max.pdf']);
    const auditAfter = assertStatus(await admin.get('/api/audit?entity=attachment&pageSize=1'), 200).total;
    assert.equal(auditAfter, auditBefore + 1);
  });

  test('signed out: 401', async () => {
    assertError(await http(server.base, 'GET', '/api/directives'), 401, 'unauthenticated');
    assertError(await http(server.base, 'GET', '/api/attachments/1'), 401, 'unauthenticated');
  });
});
