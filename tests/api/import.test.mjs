// Importing unit lists: idempotent, all-or-nothing with clear messages, admin only; and the
// official lists (../shared/data) loaded into an empty database give the real country.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  KIND, SHARED_DATA, assertError, assertStatus, cli, login, startServer, uniq,
} from './harness.mjs';

const HEADER = 'code,name,full_name,kind,type_label,parent_code,valid_from,valid_to';

describe(`import (demo database) ${KIND}`, () => {
  let server, admin, tinh;
  // A marker no demo unit name contains, so "nothing written" can be checked by search.
  const marker = `Zq${uniq('')}`;

  before(async () => {
    server = await startServer();
    admin = await login(server.base, 'admin');
    tinh = await login(server.base, 'tinh.gialai');
  });
  after(async () => { await server?.stop(); });

  const importCsv = (client, text, query = '?format=csv') =>
    client.post(`/api/org-units/import${query}`, text, { raw: true, headers: { 'content-type': 'text/csv; charset=utf-8' } });
  const found = async (q, asOf = '2026-06-01') =>
    assertStatus(await admin.get(`/api/org-units?q=${encodeURIComponent(q)}&asOf=${asOf}&pageSize=500`), 200).total;
  const auditTotal = async () => assertStatus(await admin.get('/api/audit?pageSize=1'), 200).total;

  const rows = [
    `T${marker.slice(2, 8)}1,${marker} Một,Phường ${marker} Một,commune,Phường,52,2026-01-01,`,
    `T${marker.slice(2, 8)}2,${marker} Hai,Xã ${marker} Hai,commune,Xã,75,2026-01-01,`,
  ];
  const good = `${HEADER}\n${rows.join('\n')}\n`;

  test('a small CSV creates units; the same again changes nothing', async () => {
    const first = assertStatus(await importCsv(admin, good), 200);
    assert.equal(first.created, 2);
    assert.equal(first.updated, 0);
    assert.equal(first.unchanged, 0);
    assert.equal(first.events, 0);
    assert.equal(await found(marker), 2);
    const u = assertStatus(await admin.get(`/api/org-units/T${marker.slice(2, 8)}1?asOf=2026-06-01`), 200);
    assert.equal(u.name, `${marker} Một`);
    assert.deepEqual(u.ancestors.map((a) => a.code), ['VN', '52']);
    assertError(await admin.get(`/api/org-units/T${marker.slice(2, 8)}1?asOf=2025-12-31`), 404, 'org_unit_not_found');
    // the search index knows it without diacritics
    assert.equal(await found(`${marker} mot`), 1);

    const audit = await auditTotal();
    const again = assertStatus(await importCsv(admin, good), 200);
    assert.equal(again.created, 0);
    assert.equal(again.updated, 0);
    assert.equal(again.unchanged, 2);
    assert.equal(await auditTotal(), audit, 'an idempotent import writes no audit entries');
    // format detection without ?format, and a BOM + CRLF file
    const detected = assertStatus(await importCsv(admin, `\uFEFF${good.replace(/\n/g, '\r\n')}`, ''), 200);
    assert.equal(detected.created, 0);
    assert.equal(detected.unchanged, 2);

    // a changed name is an update
    const renamed = good.replace(`${marker} Hai,Xã ${marker} Hai`, `${marker} Hai Mới,Xã ${marker} Hai Mới`);
    const upd = assertStatus(await importCsv(admin, renamed), 200);
    assert.deepEqual([upd.created, upd.updated, upd.unchanged], [0, 1, 1]);
    assert.equal(await found(`${marker} hai moi`), 1);
  });

  test('multipart upload (the documented alternative to a raw body)', async () => {
    const fd = new FormData();
    fd.append('file', new Blob([good], { type: 'text/csv' }), 'units.csv');
    const res = await fetch(`${server.base}/api/org-units/import?format=csv`, {
      method: 'POST', body: fd, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    });
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.equal(body.created, 0);
    assert.equal(body.unchanged + body.updated, 2);
    // a multipart body without a boundary is refused cleanly
    const bad = await admin.post('/api/org-units/import?format=csv', good, { raw: true, headers: { 'content-type': 'multipart/form-data' } });
    assertError(bad, 400, 'bad_request', 'file');
  });

  test('bad files → 400 with a clear message, and nothing is written', async () => {
    const audit = await auditTotal();
    const before = await found(marker);
    const code = () => `B${uniq('').slice(0, 6)}`;
    const fresh = () => `${code()},${marker} Mới,Xã ${marker} Mới,commune,Xã,52,2026-01-01,`;
    const cases = [
      // a second version of 52 overlapping the current Gia Lai (valid from 2025-07-01)
      [`${HEADER}\n${fresh()}\n52,${marker} Trùng,Tỉnh ${marker} Trùng,province,Tỉnh,VN,2026-01-01,\n`,
        'invalid_hierarchy', 'file', /52/],
      // a new code whose two rows overlap each other
      (() => { const c = code(); return [`${HEADER}\n${c},${marker} A,Xã A,commune,Xã,52,2026-01-01,\n${c},${marker} B,Xã B,commune,Xã,52,2026-03-01,\n`,
        'invalid_hierarchy', 'file', new RegExp(c)]; })(),
      [`${HEADER}\n${fresh()}\n${code()},${marker} Ngày,Xã Ngày,commune,Xã,52,2025-02-30,\n`, 'validation_failed', 'valid_from', /line 3.*2025-02-30/i],
      [`${HEADER}\n${code()},${marker} Ngày,Xã Ngày,commune,Xã,52,2026-01-01,31/12/2026\n`, 'validation_failed', 'valid_to', /line 2/i],
      [`code,name,kind\n${code()},${marker},commune\n`, 'invalid_file', 'file', /header/i],
      [`${HEADER.replace('valid_to', 'valid_until')}\n${fresh()}\n`, 'invalid_file', 'file', /header/i],
      [`${HEADER}\n${fresh()}\n${code()},"${marker} unterminated,Xã,commune,Xã,52,2026-01-01,\n`, 'bad_request', 'file', /quote.*line 3/i],
      [`${HEADER}\n${fresh()}\n${code()},${marker} Thiếu,commune\n`, 'validation_failed', 'file', /line 3.*8 columns/i],
      [`${HEADER}\n${fresh()}\n${code()},${marker} Loại,Loại,hamlet,Thôn,52,2026-01-01,\n`, 'validation_failed', 'kind', /hamlet/],
      [`${HEADER}\n${fresh()}\n${code()},${marker} Mồ côi,Mồ côi,commune,Xã,64,2026-01-01,\n`, 'invalid_hierarchy', 'file', /parent 64/],
      [`${HEADER}\n${fresh()}\n${code()},${marker} Ngược,Ngược,commune,Xã,52,2026-05-01,2026-01-01\n`, 'validation_failed', 'valid_to', /before/],
    ];
    for (const [text, errCode, field, message] of cases) {
      const e = assertError(await importCsv(admin, text), 400, errCode, field);
      assert.match(e.messageEn, message, `message for ${errCode}: ${e.messageEn}`);
      assert.ok(e.message.length > 10, 'a Vietnamese message');
    }
    assertError(await importCsv(admin, ''), 400, 'validation_failed', 'file');
    assertError(await importCsv(admin, 'hello world', ''), 400, 'invalid_file', 'file');
    assertError(await importCsv(admin, '{"data": [', '?format=vnpre2025'), 400, 'invalid_file', 'file');
    assertError(await importCsv(admin, good, '?format=xml'), 400, 'validation_failed', 'format');
    assert.equal(await found(marker), before, 'no unit written by a refused file');
    assert.equal(await auditTotal(), audit, 'no audit entry written by a refused file');
    // 52 is still the one Gia Lai
    assert.equal(assertStatus(await admin.get('/api/org-units/52?asOf=2026-06-01'), 200).name, 'Gia Lai');
  });

  test('an import by the CLI into the running server\'s database is picked up within seconds', async () => {
    const code = `C${uniq('').slice(0, 6)}`;
    const file = join(mkdtempSync(join(tmpdir(), 'lg-csv-')), 'units.csv');
    writeFileSync(file, `${HEADER}\n${code},${marker} Dòng lệnh,Xã ${marker} Dòng lệnh,commune,Xã,52,2026-01-01,\n`);
    const { stdout } = await cli(['import-units', file, '--db', server.url]);
    assert.match(stdout, /^csv: 1 created/m);
    const deadline = Date.now() + 10_000;
    let res;
    do {
      res = await admin.get(`/api/org-units/${code}?asOf=2026-06-01`);
      if (res.status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    } while (Date.now() < deadline);
    assert.equal(assertStatus(res, 200).name, `${marker} Dòng lệnh`);
    assert.equal(await found(`${marker} dong lenh`), 1);
  });

  test('only hierarchy.manage may import', async () => {
    const other = `${HEADER}\nN${uniq('').slice(0, 6)},${marker} Cấm,Xã ${marker} Cấm,commune,Xã,52,2026-01-01,\n`;
    assertError(await importCsv(tinh, other), 403, 'forbidden');
    const bo = await login(server.base, 'bo');
    assertError(await importCsv(bo, other), 403, 'forbidden');
    assert.equal(await found(`${marker} cam`), 0);
  });
});

const FILES = ['vn-units-pre2025.json', 'vn-units-2025.json', 'vn-units-2025-merges.json'];
const HAVE_DATA = FILES.every((f) => existsSync(join(SHARED_DATA, f)));
const ABSENT = `shared data absent: ${FILES.join(', ')} not found in ${SHARED_DATA}`;

describe(`import of the official lists ${KIND}`, () => {
  let server, admin;
  const cliOutput = [];

  before(async () => {
    if (!HAVE_DATA) return;
    server = await startServer({
      seed: 'migrate',
      prepare: async (url) => {
        for (const f of FILES) cliOutput.push((await cli(['import-units', join(SHARED_DATA, f), '--db', url])).stdout);
        await cli(['user', 'add', 'admin2', '--full-name', 'Quản trị thử', '--unit', 'VN', '--role', 'system_admin', '--db', url],
          { env: { LONGGHEP_PASSWORD: 'Admin2026x' } });
      },
    });
    admin = await login(server.base, 'admin2', 'Admin2026x');
  });
  after(async () => { await server?.stop(); });

  test('the CLI import created the units and lineage', (t) => {
    if (!HAVE_DATA) return t.skip(ABSENT);
    assert.match(cliOutput[0], /^vnpre2025: [1-9]\d* created/m);
    assert.match(cliOutput[1], /^vn2025: 3355 created/m, '34 provinces + 3,321 communes');
    assert.match(cliOutput[2], /^vnmerges: 0 created, 0 updated, 0 unchanged, [1-9]\d* lineage events added/m);
  });

  test('34 provinces and 3,321 communes on 2026-01-01; 63 provinces on 2025-01-01', async (t) => {
    if (!HAVE_DATA) return t.skip(ABSENT);
    const now = assertStatus(await admin.get('/api/org-units?parent=VN&asOf=2026-01-01&pageSize=500'), 200);
    assert.equal(now.total, 34);
    const communes = now.items.reduce((n, p) => n + p.childCount, 0);
    assert.equal(communes, 3321);
    for (const p of now.items) assert.equal(p.kind, 'province');
    const old = assertStatus(await admin.get('/api/org-units?parent=VN&asOf=2025-01-01&pageSize=500'), 200);
    assert.equal(old.total, 63);
    assert.equal(assertStatus(await admin.get('/api/org-units/52?asOf=2025-01-01'), 200).name, 'Bình Định');
  });

  test('52 on 2026-01-01 has predecessors 52 (Bình Định) and 64 (Gia Lai)', async (t) => {
    if (!HAVE_DATA) return t.skip(ABSENT);
    const u = assertStatus(await admin.get('/api/org-units/52?asOf=2026-01-01'), 200);
    assert.equal(u.name, 'Gia Lai');
    assert.deepEqual(u.predecessors.map((p) => p.unit.code).sort(), ['52', '64']);
    assert.deepEqual(u.predecessors.map((p) => p.unit.name).sort(), ['Bình Định', 'Gia Lai']);
    const search = assertStatus(await admin.get('/api/org-units?q=quy%20nhon&parent=52&asOf=2026-01-01'), 200);
    assert.ok(search.items.some((x) => x.name === 'Quy Nhơn' && x.kind === 'commune'));
  });

  test('re-importing the official lists creates nothing', async (t) => {
    if (!HAVE_DATA) return t.skip(ABSENT);
    for (const [f, format] of [['vn-units-2025.json', 'vn2025'], ['vn-units-2025-merges.json', 'vnmerges']]) {
      const text = readFileSync(join(SHARED_DATA, f));
      const r = assertStatus(await admin.post(`/api/org-units/import?format=${format}`, text, { raw: true }), 200, f);
      assert.equal(r.created, 0, `${f}: created`);
      assert.equal(r.updated, 0, `${f}: updated`);
      assert.equal(r.events, 0, `${f}: events`);
    }
    const { stdout } = await cli(['import-units', join(SHARED_DATA, 'vn-units-pre2025.json'), '--db', server.url]);
    assert.match(stdout, /^vnpre2025: 0 created, 0 updated, [1-9]\d* unchanged/m);
  });
});
