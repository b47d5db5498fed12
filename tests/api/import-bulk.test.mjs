// The bulk write path of an activity import (issue 20): with a batch of 2 activities
// (LONGGHEP_IMPORT_BATCH), a commit spans several batches and still writes every activity with its
// children, skips keys already recorded, answers in the analytics engine exactly what SQL counts
// (?via=sql) right after the commit, and a commit failing in a late batch writes nothing (no
// activity, no audit entry, figures unchanged).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, loginAll, startServer, uniq } from './harness.mjs';

const HEADERS = ['Mã hoạt động (tùy chọn)', 'Tên hoạt động', 'Loại can thiệp', 'Đơn vị hành chính (mã hoặc tên)',
  'Cơ quan chủ trì', 'Ngày bắt đầu', 'Ngày kết thúc', 'Nhóm đối tượng', 'Tổng số người', 'Nữ', 'Nam',
  'Số buổi', 'Kinh phí (đồng)', 'Nguồn kinh phí', 'Ghi chú', 'Chương trình (tùy chọn)'];
const csvFile = (...rows) => new Uint8Array(Buffer.from([HEADERS.join(','), ...rows].join('\r\n') + '\r\n'));

describe(`bulk import in batches ${KIND}`, () => {
  let server, S;
  before(async () => {
    server = await startServer({ env: { LONGGHEP_IMPORT_BATCH: '2' } });
    S = await loginAll(server.base);
  });
  after(async () => { await server?.stop(); });

  const upload = (client, filename, bytes) => client.post(`/api/activity-imports?filename=${encodeURIComponent(filename)}`,
    bytes, { raw: true, headers: { 'content-type': 'application/octet-stream' } });
  async function settle(client, id) {
    for (let i = 0; i < 600; ++i) {
      const j = assertStatus(await client.get(`/api/activity-imports/${id}`), 200);
      if (j.status !== 'validating' && j.status !== 'committing') return j;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`import ${id} did not settle`);
  }
  async function importFile(client, name, bytes) {
    const j = await settle(client, assertStatus(await upload(client, name, bytes), 202).id);
    assert.equal(j.status, 'ready', `${j.messageEn} ${JSON.stringify(j.errors)}`);
    assertStatus(await client.post(`/api/activity-imports/${j.id}/commit`, {}), 202);
    return { checked: j, done: await settle(client, j.id) };
  }
  const pivot = (body, via = '') => S.admin.post(`/api/analytics/pivot${via ? `?via=${via}` : ''}`, body);
  const comparable = (t) => ({ rowKeys: t.rowKeys, columnKeys: t.columnKeys, cells: t.cells, total: t.total, facts: t.facts });
  const PIVOTS = [
    { measure: 'activities', rows: ['commune'], columns: ['type'] },
    { measure: 'reached', rows: ['targetGroup'], columns: ['year'] },
    { measure: 'female', rows: ['targetGroup'] },
    { measure: 'male', rows: ['commune'] },
    { measure: 'output', rows: ['type'] },
    { measure: 'cost', rows: ['fundingSource'], columns: ['agency'] },
  ];
  async function figures() {
    const out = [];
    for (const p of PIVOTS) {
      const engine = assertStatus(await pivot(p), 200), sql = assertStatus(await pivot(p, 'sql'), 200);
      assert.deepEqual(comparable(engine), comparable(sql), `engine = SQL for ${JSON.stringify(p)}`);
      out.push(engine.total);
    }
    return out;
  }
  const countOf = async (q) => assertStatus(await S.admin.get(`/api/activities?q=${encodeURIComponent(q)}`), 200).total;
  const auditTotal = async () => assertStatus(await S.admin.get('/api/audit?entity=activity_import&pageSize=1'), 200).total;

  test('a commit over several batches writes every activity and child row; engine figures equal SQL at once', async () => {
    const xa = S['xa.gialai'];
    const tag = uniq('Lo');
    const before = await figures();
    // One activity recorded beforehand under a key the file repeats: skipped by the commit.
    const pre = await importFile(xa, `${tag}-pre.csv`, csvFile(
      `${tag}-k3,Trước ${tag},media,21583,gl-ubnd-quynhon,05/01/2025,05/01/2025,students,9,,,1,,,`));
    assert.equal(pre.done.committedCount, 1);
    const rows = [];
    for (let i = 1; i <= 7; ++i) {
      const key = `${tag}-k${i}`;
      rows.push(`${key},Hoạt động ${i} ${tag},community_sessions,21583,gl-ubnd-quynhon,1${i}/03/2026,1${i}/03/2026,sex_workers,${10 * i},${6 * i},${4 * i},${i},${1000000 * i},commune_budget,Ghi chú ${i}`);
      if (i % 2) rows.push(`${key},,,,,,,students,${i},,,,,,`);  // a second target group
    }
    rows.push(`,Không mã ${tag},health_checks,21583,gl-ubnd-quynhon,2026-04-01,2026-04-01,migrant_workers,7,,,,250000,socialisation,`);
    const audit = await auditTotal();
    const { checked, done } = await importFile(xa, `${tag}.csv`, csvFile(...rows));
    assert.deepEqual([checked.newRows, checked.duplicateRows], [rows.length - 2, 2]);
    assert.equal(done.status, 'committed', done.messageEn);
    assert.equal(done.committedCount, 7, 'seven new activities (k3 was recorded before)');
    assert.equal(await auditTotal(), audit + 1, 'one audit entry for the import');
    const listed = (await listAll(S.admin, `/api/activities?q=${encodeURIComponent(tag)}&sort=startDate`)).items;
    assert.equal(listed.length, 8);
    const k5 = listed.find((a) => a.key === `${tag}-k5`);
    assert.equal(k5.title, `Hoạt động 5 ${tag}`);
    assert.equal(k5.source, 'import');
    assert.equal(k5.createdBy, 'xa.gialai');
    assert.equal(k5.reachedTotal, 55);
    assert.equal(k5.costTotal, 5000000);
    assert.equal(k5.note, 'Ghi chú 5');
    assert.deepEqual(k5.reach.map((r) => [r.targetGroup, r.total, r.female, r.male]).sort(),
      [['sex_workers', 50, 30, 20], ['students', 5, null, null]]);
    assert.deepEqual(k5.outputs, [{ kind: 'sessions', quantity: 5 }]);
    const full = assertStatus(await S.admin.get(`/api/activities/${k5.id}`), 200);
    assert.deepEqual(full.costs, [{ fundingSource: 'commune_budget', amount: 5000000 }]);
    assert.equal(listed.find((a) => a.key === `${tag}-k3`).title, `Trước ${tag}`, 'the recorded k3 is untouched');
    // search by the folded title finds them without diacritics
    assert.equal(await countOf(`hoat dong 7 ${tag}`), 1);
    const after = await figures();  // equal to SQL, cell by cell
    const [acts, reached] = after;
    assert.equal(acts, before[0] + 8);
    // k3 of the file is skipped (recorded before with 9 people)
    assert.equal(reached, before[1] + 9 + (10 + 20 + 40 + 50 + 60 + 70) + (1 + 5 + 7) + 7);
    // an imported activity deleted right after: the engine follows
    const v = assertStatus(await S.admin.get(`/api/activities/${k5.id}`), 200);
    assertStatus(await S.admin.request('DELETE', `/api/activities/${k5.id}?version=${v.version}`), 204);
    const gone = await figures();
    assert.equal(gone[0], after[0] - 1);
  });

  test('a commit failing in a late batch writes nothing: no activity, no audit entry, figures unchanged', async () => {
    const tag = uniq('Lf');
    const code = `tg_${tag.toLowerCase().replace(/[^a-z0-9]/g, '')}`.slice(0, 60);
    const put = (active) => S.admin.put(`/api/taxonomies/target-groups/${code}`,
      { nameVi: `Nhóm ${tag}`, nameEn: `Group ${tag}`, group: 'prevention', sortOrder: 99, active });
    assertStatus(await put(true), 200);
    const rows = [];
    for (let i = 1; i <= 6; ++i)
      rows.push(`${tag}-k${i},Hoạt động ${i} ${tag},media,21583,gl-ubnd-quynhon,0${i}/02/2026,0${i}/02/2026,students,${i},,,,,,`);
    rows.push(`${tag}-k7,Cuối ${tag},media,21583,gl-ubnd-quynhon,07/02/2026,07/02/2026,${code},5,,,,,,`);
    const j = await settle(S.admin, assertStatus(await upload(S.admin, `${tag}.csv`, csvFile(...rows)), 202).id);
    assert.equal(j.status, 'ready', `${j.messageEn} ${JSON.stringify(j.errors)}`);
    // The last activity's target group is withdrawn between the check and the commit: the commit
    // has written three batches of two when it meets it.
    assertStatus(await put(false), 200);
    const before = await figures();
    const audit = await auditTotal();
    assertStatus(await S.admin.post(`/api/activity-imports/${j.id}/commit`, {}), 202);
    const done = await settle(S.admin, j.id);
    assert.equal(done.status, 'failed');
    assert.match(done.messageEn, /nothing was written/);
    assert.equal(await countOf(tag), 0, 'no activity of the file');
    assert.equal(await auditTotal(), audit, 'no audit entry');
    assert.deepEqual(await figures(), before, 'figures unchanged (engine = SQL)');
    assertError(await S.admin.post(`/api/activity-imports/${j.id}/commit`, {}), 409, 'import_not_ready');
  });
});
