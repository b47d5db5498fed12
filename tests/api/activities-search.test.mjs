// Text search of the activity list by index (issue 20, storage/text_search.hpp, migration 0036):
// the answers are those of the substring search over the folded title it replaces — checked here
// against that definition computed over every activity of the database (diacritics, case, short
// terms, '%', '_', quotes, backslash) — and the index follows every write: an activity created,
// its title edited, deleted, and one imported are found or not accordingly. The plan that uses
// the index is checked in tests/unit/search_index_test.cpp.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertStatus, listAll, loginAll, startServer, uniq } from './harness.mjs';

/** fold_for_search (domain/text.cpp): NFD, marks dropped, Đ/đ → d, lower case, spaces collapsed. */
const fold = (s) => s.normalize('NFD').replace(/\p{Mn}/gu, '').replace(/[Đđ]/g, 'd').toLowerCase()
  .replace(/\s+/gu, ' ').trim();

describe(`activity search by index ${KIND}`, () => {
  let server, S, agencies;
  const agency = (key) => agencies.find((x) => x.key === key).id;
  const input = (title) => ({
    title, interventionTypeCode: 'community_sessions', orgUnitCode: '21583', leadAgencyId: agency('gl-ubnd-quynhon'),
    partnerAgencyIds: [], programmeIds: [], planActivityId: null, startDate: '2026-03-10', endDate: '2026-03-10',
    reach: [{ targetGroup: 'sex_workers', total: 3 }], outputs: [], costs: [], note: '',
  });
  const search = async (q, query = '') =>
    (await listAll(S.admin, `/api/activities?q=${encodeURIComponent(q)}${query}`)).items.map((a) => a.id).sort((a, b) => a - b);

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
    agencies = (await listAll(S.admin, '/api/agencies')).items;
  });
  after(async () => { await server?.stop(); });

  test('answers equal the substring search over folded titles (diacritics, short terms, % _ quotes \\)', async () => {
    const tag = uniq('fts');
    const xa = S['xa.gialai'];
    for (const t of [`Tuyên truyền ${tag} tại ĐỒNG Tháp`, `Kinh phí 100% ${tag} a_b`, `Tập huấn ${tag} 1000 axb`,
      `Trao đổi "nhóm" ${tag} O'Brien`, `Đường dây ${tag} x\\y  nóng`, `${tag} Ab`])
      assertStatus(await xa.post('/api/activities', input(t)), 201);
    const all = (await listAll(S.admin, '/api/activities')).items;
    assert.ok(all.length > 2000, 'the demo activities and ours');
    const expected = (q) => all.filter((a) => fold(a.title).includes(fold(q))).map((a) => a.id).sort((a, b) => a - b);
    const queries = [tag, `${tag} tại đồng tháp`, 'ĐỒNG THÁP', 'dong thap', 'Quy Nhơn', 'thị nại', 'tuyên truyền',
      '100%', '%', '_', 'a_b', `${tag} a_b`, '"nhóm"', "o'brien", "'", '"', 'x\\y', '\\', 'ab', 'đ', 'y', `  ${tag}   ab `,
      'ngân sách', 'zzzz-không-có'];
    for (const q of queries) {
      const want = expected(q);
      const got = await search(q);
      assert.deepEqual(got, want, `q=${JSON.stringify(q)}: ${got.length} found, ${want.length} expected`);
      const page = assertStatus(await S.admin.get(`/api/activities?q=${encodeURIComponent(q)}&pageSize=5`), 200);
      assert.equal(page.total, Math.min(want.length, 10000), `q=${JSON.stringify(q)}: total`);
      assert.equal(page.totalCapped, want.length > 10000);
    }
    // with other filters: the same set narrowed by them
    const inScope = (await listAll(S['xa.gialai'], `/api/activities?q=${encodeURIComponent(tag)}`)).items.map((a) => a.id);
    assert.equal(inScope.length, 6);
    const typed = await search('tuyên truyền', '&interventionType=community_sessions&from=2026-01-01&sort=-reachedTotal');
    assert.deepEqual(typed, all.filter((a) => fold(a.title).includes('tuyen truyen') && a.interventionType.code === 'community_sessions'
      && a.startDate >= '2026-01-01').map((a) => a.id).sort((a, b) => a - b));
  });

  test('created, edited, deleted and imported activities are found accordingly', async () => {
    const xa = S['xa.gialai'];
    const tag = uniq('ix'), other = uniq('iy');
    const a = assertStatus(await xa.post('/api/activities', input(`Hội thảo ${tag} Phường Ghềnh Ráng`)), 201);
    assert.deepEqual(await search(`${tag} phuong ghenh`), [a.id]);
    const edited = assertStatus(await xa.put(`/api/activities/${a.id}`, { ...input(`Hội thảo ${other}`), version: a.version }), 200);
    assert.deepEqual(await search(tag), [], 'the old title is not found');
    assert.deepEqual(await search(`hội thảo ${other}`), [a.id], 'the new title is');
    assertStatus(await xa.request('DELETE', `/api/activities/${a.id}?version=${edited.version}`), 204);
    assert.deepEqual(await search(other), [], 'deleted');

    const imp = uniq('im');
    const header = ['Mã hoạt động (tùy chọn)', 'Tên hoạt động', 'Loại can thiệp', 'Đơn vị hành chính (mã hoặc tên)',
      'Cơ quan chủ trì', 'Ngày bắt đầu', 'Ngày kết thúc', 'Nhóm đối tượng', 'Tổng số người', 'Nữ', 'Nam', 'Số buổi',
      'Kinh phí (đồng)', 'Nguồn kinh phí', 'Ghi chú', 'Chương trình (tùy chọn)'].join(',');
    const csv = [header, `,Nhập từ tệp ${imp} Thị Nại,community_sessions,21583,gl-ubnd-quynhon,02/04/2026,02/04/2026,students,4,4,0,,,,`]
      .join('\r\n') + '\r\n';
    const up = assertStatus(await xa.post(`/api/activity-imports?filename=${imp}.csv`, new Uint8Array(Buffer.from(csv)),
      { raw: true, headers: { 'content-type': 'application/octet-stream' } }), 202);
    const settle = async () => {
      for (let i = 0; i < 600; ++i) {
        const j = assertStatus(await xa.get(`/api/activity-imports/${up.id}`), 200);
        if (j.status !== 'validating' && j.status !== 'committing') return j;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('import did not settle');
    };
    assert.equal((await settle()).status, 'ready');
    assertStatus(await xa.post(`/api/activity-imports/${up.id}/commit`, {}), 202);
    assert.equal((await settle()).status, 'committed');
    const found = (await listAll(S.admin, `/api/activities?q=${encodeURIComponent(`tệp ${imp} thi nai`)}`)).items;
    assert.deepEqual(found.map((x) => x.title), [`Nhập từ tệp ${imp} Thị Nại`]);
  });
});
