// Imports in Vietnamese (issue 15, item 4), on the real server: a clerk's own .xlsx — a cover
// sheet before the data, a title line, a header over two rows (merged group headers above
// sub-headers) in the clerk's wording, Vietnamese labels instead of codes (with and without
// diacritics, any case), units and agencies by name, a "Tổng cộng" row — imports with the right
// numbers; a wrong label is a row error naming the sheet's column; the downloaded template (labels
// in drop-down lists from a hidden sheet of codes) round-trips: filled with its labels, imported.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertStatus, listAll, loginAll, startServer, uniq, unzip, xlsx } from './harness.mjs';

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replaceAll('đ', 'd').replaceAll('Đ', 'D');

/** The rows of one worksheet of an .xlsx as arrays of cell texts (shared or inline strings, numbers). */
function sheetRows(files, entry) {
  const sst = [];
  const sstXml = files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '';
  for (const m of sstXml.matchAll(/<si>([\s\S]*?)<\/si>/g))
    sst.push([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''));
  const unesc = (s) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
  const rows = [];
  for (const r of files.get(entry).toString('utf8').matchAll(/<row [^>]*r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells = [];
    for (const c of r[2].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const col = c[1].charCodeAt(0) - 65;
      const body = c[3] ?? '';
      let v = '';
      if (/t="s"/.test(c[2])) v = sst[Number(body.match(/<v>(\d+)<\/v>/)[1])];
      else if (/t="inlineStr"/.test(c[2])) v = [...body.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('');
      else v = body.match(/<v>([\s\S]*?)<\/v>/)?.[1] ?? '';
      cells[col] = unesc(v);
    }
    rows[Number(r[1]) - 1] = Array.from(cells, (x) => x ?? '');
  }
  return rows;
}

describe(`imports in Vietnamese ${KIND}`, () => {
  let server, S;
  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
  });
  after(async () => { await server?.stop(); });

  async function download(client, path) {
    const res = await fetch(server.base + path, { headers: { cookie: client.cookie } });
    return { status: res.status, buf: Buffer.from(await res.arrayBuffer()) };
  }
  async function upload(client, filename, bytes) {
    return client.post(`/api/activity-imports?filename=${encodeURIComponent(filename)}`, new Uint8Array(bytes),
      { raw: true, headers: { 'content-type': 'application/octet-stream' } });
  }
  async function settle(client, id) {
    for (let i = 0; i < 600; ++i) {
      const j = assertStatus(await client.get(`/api/activity-imports/${id}`), 200);
      if (j.status !== 'validating' && j.status !== 'committing') return j;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`import ${id} did not settle`);
  }
  /** The template of `client`: headers, the hidden list sheet as {kind: [{code, label}]}, the workbook parts. */
  async function template(client) {
    const t = await download(client, '/api/activity-imports/template?format=xlsx');
    assert.equal(t.status, 200);
    const files = unzip(t.buf);
    const header = sheetRows(files, 'xl/worksheets/sheet1.xml')[0];
    const lists = {};
    for (const [kind, code, label] of sheetRows(files, 'xl/worksheets/sheet2.xml').slice(1))
      (lists[kind] ??= []).push({ code, label });
    return { files, header, lists };
  }
  const labelOf = (lists, kind, code) => {
    const e = lists[kind].find((x) => x.code === code);
    assert.ok(e, `${kind} ${code} in the template's lists`);
    return e.label;
  };

  test('template: Vietnamese headers, drop-down lists of labels on every coded column, codes on a hidden sheet', async () => {
    const { files, header, lists } = await template(S['xa.gialai']);
    assert.deepEqual(header.slice(0, 4), ['Mã hoạt động (tùy chọn)', 'Tên hoạt động', 'Loại can thiệp', 'Đơn vị hành chính (mã hoặc tên)']);
    assert.ok(!header.some((h) => /\(mã\)/.test(h)), `no header asks for a code: ${header}`);
    const wb = files.get('xl/workbook.xml').toString('utf8');
    assert.match(wb, /<sheet name="Mã danh mục"[^>]*state="hidden"/, 'the list sheet is hidden');
    const dv = files.get('xl/worksheets/sheet1.xml').toString('utf8');
    const validations = [...dv.matchAll(/<dataValidation [^>]*type="list"[^>]*sqref="([A-Z]+)2:[A-Z]+65536"[^>]*>[\s\S]*?<formula1>([^<]*)<\/formula1>/g)];
    assert.deepEqual(validations.map((v) => v[1]).sort(), ['C', 'D', 'E', 'H', 'N', 'P'], 'a list on C, D, E, H, N and P');
    for (const [, , f] of validations) assert.match(f, /^'Mã danh mục'!\$C\$\d+:\$C\$\d+$/, `list source ${f}`);
    assert.equal(labelOf(lists, 'Loại can thiệp', 'community_sessions').length > 3, true);
    assert.ok(lists['Đơn vị hành chính'].some((u) => u.code === '21583'), 'the commune in the unit list');
    assert.ok(lists['Cơ quan chủ trì'].some((a) => a.code === 'gl-ubnd-quynhon'));
    // each list's rows are one block: the formula's range holds exactly that list's labels
    const refRows = sheetRows(files, 'xl/worksheets/sheet2.xml');
    for (const [, col, f] of validations) {
      const [, a, b] = f.match(/\$(\d+):\$C\$(\d+)/);
      const kinds = new Set(refRows.slice(Number(a) - 1, Number(b)).map((r) => r[0]));
      assert.equal(kinds.size, 1, `column ${col}: one list in ${f}`);
    }
  });

  test('a clerk .xlsx: cover sheet, title, two header rows, labels, units by name, totals row → right numbers', async () => {
    const xa = S['xa.gialai'];
    const tag = uniq('vn');
    const { lists } = await template(xa);
    const unitLabel = lists['Đơn vị hành chính'].find((u) => u.code === '21583').label;
    const agencyLabel = labelOf(lists, 'Cơ quan chủ trì', 'gl-ubnd-quynhon');
    const top = ['STT', 'Nội dung hoạt động', 'Hình thức', 'Địa bàn (xã/phường)', 'Đơn vị chủ trì', 'Thời gian', '',
      'Đối tượng', 'Số người tham gia (người)', '', '', 'Số buổi', 'Kinh phí', '', 'Ghi chú:'];
    const sub = ['', '', '', '', '', 'Từ ngày', 'Đến ngày', '', 'Tổng số', 'Trong đó nữ', 'Nam', '', 'Số tiền (đồng)', 'Nguồn', ''];
    const rows = [
      ['BÁO CÁO KẾT QUẢ HOẠT ĐỘNG PHÒNG, CHỐNG MẠI DÂM NĂM 2026'],
      [],
      top,
      sub,
      [1, `Tuyên truyền ${tag}`, labelOf(lists, 'Loại can thiệp', 'community_sessions').toUpperCase(), unitLabel, agencyLabel,
        '10/03/2026', '12/03/2026', labelOf(lists, 'Nhóm đối tượng', 'sex_workers'), 30, 20, 10, 2, 1500000,
        fold(labelOf(lists, 'Nguồn kinh phí', 'commune_budget')), 'Ghi chú của xã'],
      [2, `Khám sức khỏe ${tag}`, 'health_checks', fold(unitLabel).toLowerCase(), 'gl-ubnd-quynhon',
        46113, 46113, fold(labelOf(lists, 'Nhóm đối tượng', 'migrant_workers')), 7, '', '', '', '', '', ''],
      ['', 'Tổng cộng', '', '', '', '', '', '', 37, 20, 10, 2, 1500000, '', ''],
    ];
    const file = xlsx([
      // a cover sheet longer than the header search (30 rows), with header words but no header
      ['Bìa', [['ỦY BAN NHÂN DÂN'], ['Báo cáo năm 2026'], ['Tên hoạt động', 'Ghi chú'],
        ...Array.from({ length: 40 }, (_, i) => [`Dòng giới thiệu ${i + 1}`])]],
      ['Số liệu', rows],
    ]);
    const j = await settle(xa, assertStatus(await upload(xa, `${tag}.xlsx`, file), 202).id);
    assert.equal(j.status, 'ready', JSON.stringify([j.message, j.errors]));
    assert.deepEqual([j.rowsTotal, j.newRows, j.errorCount], [2, 2, 0]);
    assert.deepEqual(j.notes.map((n) => n.row), [7], 'the totals row is noted');
    assert.match(j.notes[0].message, /tổng cộng/);
    assert.match(j.notes[0].messageEn, /totals row/);
    assertStatus(await xa.post(`/api/activity-imports/${j.id}/commit`, {}), 202);
    const done = await settle(xa, j.id);
    assert.equal(done.status, 'committed', done.messageEn);
    assert.equal(done.committedCount, 2);
    const listed = (await listAll(xa, `/api/activities?q=${tag}&sort=startDate`)).items;
    assert.equal(listed.length, 2, 'the totals row is not an activity');
    const [a, b] = listed;
    assert.equal(a.title, `Tuyên truyền ${tag}`);
    assert.equal(a.interventionType.code, 'community_sessions');
    assert.equal(a.orgUnit.code, '21583');
    const agencies = (await listAll(S.admin, '/api/agencies')).items;
    assert.equal(a.leadAgency.id, agencies.find((x) => x.key === 'gl-ubnd-quynhon').id, 'the agency by its name');
    assert.deepEqual([a.startDate, a.endDate], ['2026-03-10', '2026-03-12']);
    assert.deepEqual(a.reach.map((r) => [r.targetGroup, r.total, r.female, r.male]), [['sex_workers', 30, 20, 10]]);
    assert.deepEqual(a.outputs, [{ kind: 'sessions', quantity: 2 }]);
    assert.deepEqual(a.costs, [{ fundingSource: 'commune_budget', amount: 1500000 }]);
    assert.equal(a.note, 'Ghi chú của xã');
    assert.equal(b.title, `Khám sức khỏe ${tag}`);
    assert.equal(b.startDate, '2026-04-01');
    assert.equal(b.orgUnit.code, '21583');
    assert.deepEqual(b.reach.map((r) => [r.targetGroup, r.total]), [['migrant_workers', 7]]);
    assert.equal(a.reachedTotal + b.reachedTotal, 37, 'the numbers add up to the clerk\'s total');
  });

  test('a label that is no entry: a row error in the sheet\'s own column, in both languages; nothing written', async () => {
    const xa = S['xa.gialai'];
    const tag = uniq('vnbad');
    const rows = [
      ['STT', 'Tên hoạt động', 'Đơn vị', 'Cơ quan chủ trì', 'Loại hoạt động', 'Ngày bắt đầu', 'Ngày kết thúc',
        'Nhóm đối tượng', 'Tổng số người (người)'],
      [1, `Sai ${tag}`, '21583', 'Cơ quan không có thật', 'community_sessions', '10/03/2026', '10/03/2026', 'students', 5],
      [2, `Đúng ${tag}`, '21583', 'gl-ubnd-quynhon', 'Một loại không có', '10/03/2026', '10/03/2026', 'students', 5],
    ];
    const j = await settle(xa, assertStatus(await upload(xa, `${tag}.xlsx`, xlsx([['Sheet1', rows]])), 202).id);
    assert.equal(j.status, 'invalid');
    const at = j.errors.map((e) => [e.row, e.column]).sort();
    assert.deepEqual(at, [[2, 'D'], [3, 'E']], JSON.stringify(j.errors));
    for (const e of j.errors) assert.ok(e.message.length > 0 && e.messageEn.length > 0);
    assertStatus(await xa.post(`/api/activity-imports/${j.id}/commit`, {}), 409);
    assert.equal((await listAll(xa, `/api/activities?q=${tag}`)).items.length, 0);
  });

  test('the downloaded template round-trips: filled with its own labels, it imports', async () => {
    const tinh = S['tinh.gialai'];
    const tag = uniq('tpl');
    const { header, lists, files } = await template(tinh);
    const ref = sheetRows(files, 'xl/worksheets/sheet2.xml');
    const unit = lists['Đơn vị hành chính'].find((u) => u.code === '21583');
    const prog = (lists['Chương trình'] ?? [])[0];
    assert.ok(prog, 'the province sees programmes in the template');
    const row = [`K-${tag}`, `Mẫu ${tag}`, labelOf(lists, 'Loại can thiệp', 'community_sessions'), unit.label,
      labelOf(lists, 'Cơ quan chủ trì', 'gl-ubnd-quynhon'), '05/03/2026', '05/03/2026',
      labelOf(lists, 'Nhóm đối tượng', 'students'), 12, 7, 5, 1, 250000, labelOf(lists, 'Nguồn kinh phí', 'commune_budget'),
      'Từ mẫu', prog ? prog.label : ''];
    const more = [`K-${tag}`, '', '', '', '', '', '', labelOf(lists, 'Nhóm đối tượng', 'sex_workers'), 3, '', '', '', '', '', '', ''];
    const file = xlsx([['Hoạt động', [header, row, more]], ['Mã danh mục', ref]]);
    const j = await settle(tinh, assertStatus(await upload(tinh, `${tag}.xlsx`, file), 202).id);
    assert.equal(j.status, 'ready', JSON.stringify([j.message, j.errors]));
    assert.deepEqual([j.rowsTotal, j.newRows, j.errorCount, j.notes.length], [2, 2, 0, 0]);
    assertStatus(await tinh.post(`/api/activity-imports/${j.id}/commit`, {}), 202);
    assert.equal((await settle(tinh, j.id)).committedCount, 1);
    const [a] = (await listAll(tinh, `/api/activities?q=${tag}`)).items;
    assert.equal(a.key, `K-${tag}`);
    assert.equal(a.orgUnit.code, '21583');
    assert.deepEqual(a.reach.map((r) => [r.targetGroup, r.total]).sort(), [['sex_workers', 3], ['students', 12]]);
    assert.equal(a.costTotal, 250000);
    assert.deepEqual(a.programmes.map((p) => p.name), [prog.label], 'the programme by its name');
  });
});
