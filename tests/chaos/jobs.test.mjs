// kill -9 chaos (issue 13): the server is killed with SIGKILL during an import's commit, during
// an import's validation and during report submissions, ROUNDS times each, and restarted on the
// same database each time. After every restart: the SQLite file passes PRAGMA integrity_check,
// the import is all or nothing (its rows counted), the job answers its true outcome (committed or
// interrupted, never 404), no upload is left in the temporary directory, and no report is
// half-submitted (its status, submitter, time and transitions agree).
//
// Run: LONGGHEP_BIN=build/longghep node --test tests/chaos/jobs.test.mjs (LONGGHEP_DB_KIND=postgresql too)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { DB_KIND, KIND, assertStatus, login, startServer, uniq } from '../api/harness.mjs';

const ROUNDS = Number(process.env.LONGGHEP_CHAOS_ROUNDS || 5);
const ROWS = 6000;  // rows of the import file: long enough to be caught in the middle
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const HEADERS = ['Mã hoạt động (tùy chọn)', 'Tên hoạt động', 'Loại can thiệp (mã)', 'Mã đơn vị hành chính',
  'Cơ quan chủ trì (mã)', 'Ngày bắt đầu', 'Ngày kết thúc', 'Nhóm đối tượng (mã)', 'Tổng số người', 'Nữ', 'Nam',
  'Số buổi', 'Kinh phí (đồng)', 'Nguồn kinh phí (mã)', 'Ghi chú'];

function importFile(tag) {
  const rows = [HEADERS.join(',')];
  for (let i = 0; i < ROWS; ++i) {
    const d = String(1 + (i % 28)).padStart(2, '0');
    rows.push(`,Tuyên truyền ${tag} ${i},community_sessions,21583,gl-ubnd-quynhon,${d}/03/2026,${d}/03/2026,sex_workers,${10 + (i % 7)},5,${5 + (i % 7)},1,100000,commune_budget,`);
  }
  return new Uint8Array(Buffer.from(`${rows.join('\r\n')}\r\n`));
}

/** One SQL query on the test's database (sqlite3 CLI or psql), rows as arrays of strings. */
function sql(url, query) {
  const out = DB_KIND === 'sqlite'
    ? execFileSync('sqlite3', ['-separator', '|', url.replace('sqlite://', ''), query], { encoding: 'utf8' })
    : execFileSync('psql', [url, '-tA', '-F', '|', '-c', query], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('|'));
}

describe(`kill -9 during imports and submissions ${KIND}`, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'lg-chaos-jobs-'));
  const env = { TMPDIR: tmp };
  let first, server, xa;
  const survived = { commit: 0, validation: 0, submission: 0, committedAtKill: 0, interruptedAtKill: 0 };

  before(async () => {
    first = await startServer({ env });
    server = first;
    xa = await login(server.base, 'xa.gialai');
  });
  after(async () => {
    if (server && server !== first) await server.stop();
    else if (first) await first.stop();
    if (server !== first) await first.db.drop();  // the first one was killed: its database is ours to drop
    rmSync(tmp, { recursive: true, force: true });
    console.log(`# rounds survived: ${JSON.stringify(survived)}`);
  });

  async function killAndRestart() {
    process.kill(server.pid, 'SIGKILL');
    await server.exited;
    if (server !== first) await server.db.drop();  // only the per-process folder
    server = await startServer({ shareWith: first, env });
    xa = await login(server.base, 'xa.gialai');
  }

  function checkIntegrity() {
    if (DB_KIND !== 'sqlite') return;
    assert.deepEqual(sql(first.url, 'PRAGMA integrity_check'), [['ok']], 'SQLite integrity');
  }

  /** Files in the server's temporary directory that are uploads or job files. */
  const leftovers = () => readdirSync(tmp).filter((f) => f.startsWith('longghep-'));

  const countTag = async (tag) => assertStatus(await xa.get(`/api/activities?q=${encodeURIComponent(tag)}&pageSize=1`), 200).total;

  async function upload(tag) {
    const r = await xa.post(`/api/activity-imports?filename=${tag}.csv`, importFile(tag),
      { raw: true, headers: { 'content-type': 'application/octet-stream' } });
    return assertStatus(r, 202);
  }
  async function settle(id, until = ['validating', 'committing']) {
    for (let i = 0; i < 2400; ++i) {
      const j = assertStatus(await xa.get(`/api/activity-imports/${id}`), 200);
      if (!until.includes(j.status)) return j;
      await sleep(25);
    }
    throw new Error(`import ${id} did not settle`);
  }

  let commitMs = 1000, validateMs = 1000;
  test('calibration: one import without a kill (ids from the database, file deleted at the end)', async () => {
    const tag = uniq('cal');
    let t0 = Date.now();
    const j = await upload(tag);
    const ready = await settle(j.id);
    validateMs = Date.now() - t0;
    assert.equal(ready.status, 'ready', JSON.stringify(ready.errors?.slice(0, 3)));
    assert.equal(ready.rowsTotal, ROWS);
    assert.equal(leftovers().length, 1, 'the validated file is kept for the commit');
    t0 = Date.now();
    assertStatus(await xa.post(`/api/activity-imports/${j.id}/commit`, {}), 202);
    const done = await settle(j.id);
    commitMs = Date.now() - t0;
    assert.equal(done.status, 'committed', done.messageEn);
    assert.equal(done.committedCount, ROWS);
    assert.equal(await countTag(tag), ROWS);
    assert.deepEqual(leftovers(), [], 'the file is deleted when the job ends');
    console.log(`# ${ROWS} rows: validation ${validateMs} ms, commit ${commitMs} ms`);
  });

  test(`kill -9 during the commit, ${ROUNDS} rounds: all or nothing, the job says which`, async () => {
    const seen = new Set();
    for (let round = 0; round < ROUNDS; ++round) {
      const tag = uniq(`kc${round}`);
      const j = await upload(tag);
      assert.ok(!seen.has(j.id), `job id ${j.id} is never reused`);
      seen.add(j.id);
      assert.equal((await settle(j.id)).status, 'ready');
      assertStatus(await xa.post(`/api/activity-imports/${j.id}/commit`, {}), 202);
      // early in the commit, or at a random point up to its usual end (it may have committed)
      await sleep(round % 2 === 0 ? 30 : Math.random() * commitMs * 1.2);
      await killAndRestart();
      checkIntegrity();
      const after = assertStatus(await xa.get(`/api/activity-imports/${j.id}`), 200);
      const n = await countTag(tag);
      assert.ok(['committed', 'interrupted'].includes(after.status), `round ${round}: ${after.status}`);
      survived[after.status === 'committed' ? 'committedAtKill' : 'interruptedAtKill'] += 1;
      if (after.status === 'committed') {
        assert.equal(n, ROWS, `round ${round}: committed means every row`);
        assert.equal(after.committedCount, ROWS);
      } else {
        assert.equal(n, 0, `round ${round}: interrupted means nothing written`);
        assert.match(after.message, /chưa ghi/);
        assert.match(after.messageEn, /nothing was written/);
      }
      assert.deepEqual(leftovers(), [], `round ${round}: no upload left in the temporary directory`);
      survived.commit += 1;
    }
  });

  test(`kill -9 during the validation, ${ROUNDS} rounds: interrupted, nothing written, file gone`, async () => {
    for (let round = 0; round < ROUNDS; ++round) {
      const tag = uniq(`kv${round}`);
      const j = await upload(tag);
      await sleep(Math.random() * Math.min(validateMs / 2, 300));
      await killAndRestart();
      checkIntegrity();
      const after = assertStatus(await xa.get(`/api/activity-imports/${j.id}`), 200);
      assert.ok(['interrupted', 'ready'].includes(after.status), `round ${round}: ${after.status}`);
      assert.equal(await countTag(tag), 0);
      if (after.status === 'interrupted') {
        assert.deepEqual(leftovers(), [], `round ${round}: no upload left`);
        assertStatus(await xa.post(`/api/activity-imports/${j.id}/commit`, {}), 409);
      } else {
        // validated before the kill: its file is kept for the commit, which still works
        assert.equal(leftovers().length, 1);
        assertStatus(await xa.post(`/api/activity-imports/${j.id}/commit`, {}), 202);
        assert.equal((await settle(j.id)).status, 'committed');
        assert.equal(await countTag(tag), ROWS);
        assert.deepEqual(leftovers(), []);
      }
      survived.validation += 1;
    }
  });

  test(`kill -9 during report submissions, ${ROUNDS} rounds: no report half-submitted`, async () => {
    // The commune's reports of three periods; each round the province returns the submitted ones,
    // the commune submits all three at once and the server is killed in the middle.
    const periods = [['bc_6thang', '2026-H1'], ['bc_6thang', '2026-H2'], ['bc_nam', '2026']];
    const ids = [], where = {};
    for (const [form, period] of periods) {
      const r = assertStatus(await xa.put('/api/reports', { form, period, orgUnitCode: '21583', values: { results: 'Vòng 0' } }), 200);
      ids.push(r.id);
      where[r.id] = `/api/reports/current?form=${form}&period=${period}&orgUnit=21583`;
    }
    const rows = () => sql(first.url,
      "SELECT r.id, r.status, COALESCE(r.submitted_at, ''), COALESCE(r.submitted_by, ''), " +
      "(SELECT COUNT(*) FROM report_transitions t WHERE t.report_id = r.id AND t.action = 'submit'), " +
      "(SELECT COUNT(*) FROM report_transitions t WHERE t.report_id = r.id AND t.action = 'return') " +
      `FROM reports r WHERE r.id IN (${ids.join(',')}) ORDER BY r.id`);
    let submittedSeen = 0;
    for (let round = 0; round < ROUNDS; ++round) {
      const tinh = await login(server.base, 'tinh.gialai');
      for (const id of ids) {
        const r = assertStatus(await xa.get(where[id]), 200);
        if (r.status === 'submitted') assertStatus(await tinh.post(`/api/reports/${id}/return`, { comment: `Vòng ${round}: bổ sung` }), 200);
      }
      const sent = ids.map((id) => xa.post(`/api/reports/${id}/submit`, {}).catch(() => null));
      await sleep(Math.random() * 40);
      await killAndRestart();
      await Promise.all(sent);
      checkIntegrity();
      const got = rows();
      assert.equal(got.length, ids.length);
      for (const [id, status, at, by, submits, returns] of got) {
        const pending = status === 'submitted' ? 1 : 0;
        assert.ok(['submitted', 'draft', 'returned'].includes(status), `report ${id}: ${status}`);
        assert.equal(Number(submits), Number(returns) + pending,
          `report ${id} (${status}): every submission but the pending one was returned (${submits} submit, ${returns} return)`);
        if (pending) {
          assert.ok(at && by === 'xa.gialai', `report ${id}: submitted with its time and submitter`);
          submittedSeen += 1;
        }
        const api = assertStatus(await xa.get(where[id]), 200);
        assert.equal(api.status, status, `report ${id}: the API agrees with the table`);
        assert.equal(api.history.filter((h) => h.action === 'submit').length, Number(submits));
      }
      survived.submission += 1;
    }
    console.log(`# report submissions that landed before a kill: ${submittedSeen}`);
  });
});
