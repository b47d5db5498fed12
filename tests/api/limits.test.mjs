// Bounded costly work (issue 11, part 4), on the real server: import jobs beyond a user's limit
// are refused with 429 + Retry-After and their upload deleted, status polls stay fast while jobs
// run; concurrent user creations all succeed (no password hashing inside the write transaction);
// 32 parallel failed logins keep the server's peak memory bounded (argon2id takes 64 MiB each).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { KIND, anon, assertStatus, login, startServer, todayVN, uniq } from './harness.mjs';

// The server writes uploads to its temporary directory: a private one, to watch for leftovers.
const serverTmp = mkdtempSync(join(tmpdir(), 'lg-limits-'));
process.env.TMPDIR = serverTmp;

const HEADER_LINE = ['Mã hoạt động (tùy chọn)', 'Tên hoạt động', 'Loại can thiệp (mã)', 'Mã đơn vị hành chính',
  'Cơ quan chủ trì (mã)', 'Ngày bắt đầu', 'Ngày kết thúc', 'Nhóm đối tượng (mã)', 'Tổng số người', 'Nữ', 'Nam',
  'Số buổi', 'Kinh phí (đồng)', 'Nguồn kinh phí (mã)', 'Ghi chú'].join(',');

function bigCsv(tag, rows) {
  const lines = [HEADER_LINE];
  for (let i = 0; i < rows; ++i)
    lines.push(`,Tuyên truyền ${tag} ${i},community_sessions,21583,gl-ubnd-quynhon,10/03/2026,10/03/2026,sex_workers,30,20,10,1,1000000,commune_budget,`);
  return new Uint8Array(Buffer.from(lines.join('\r\n') + '\r\n'));
}

const peakRssMiB = (pid) => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m[1]) / 1024;
};

describe(`bounded costly work [${KIND}]`, () => {
  let server, admin, xa;

  before(async () => {
    server = await startServer();
    admin = await login(server.base, 'admin');
    xa = await login(server.base, 'xa.gialai');
  });
  after(async () => { await server?.stop(); });

  const upload = (client, name, bytes) => client.post(`/api/activity-imports?filename=${encodeURIComponent(name)}`, bytes,
    { raw: true, headers: { 'content-type': 'application/octet-stream' } });
  // a streamed upload, then the durable job's file (storage/jobs.hpp)
  const uploadsOnDisk = () => readdirSync(serverTmp).filter((n) => n.startsWith('longghep-upload-') || n.startsWith('longghep-job-'));

  async function settle(client, id) {
    for (let i = 0; i < 2400; ++i) {
      const j = assertStatus(await client.get(`/api/activity-imports/${id}`), 200);
      if (j.status !== 'validating' && j.status !== 'committing') return j;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`import ${id} did not settle`);
  }

  test('imports beyond the per-user limit → 429 with Retry-After, upload deleted; polls stay fast', async () => {
    const tag = uniq('lim');
    const file = bigCsv(tag, 60_000);  // seconds of validation each
    const answers = await Promise.all([1, 2, 3, 4, 5].map((i) => upload(xa, `${tag}-${i}.csv`, file)));
    const accepted = answers.filter((r) => r.status === 202);
    const refused = answers.filter((r) => r.status === 429);
    assert.equal(accepted.length + refused.length, answers.length,
      `202 or 429 only: ${answers.map((r) => `${r.status} ${r.text.slice(0, 200)}`).join(' | ')}`);
    assert.ok(refused.length >= 1, 'at least one upload beyond the limit of 2 is refused');
    assert.ok(accepted.length >= 2, 'the first two are taken');
    for (const r of refused) {
      assert.equal(r.body.error.code, 'too_many_requests');
      assert.ok(Number(r.headers.get('retry-after')) > 0, 'Retry-After on 429');
    }
    // While the jobs validate, a status poll answers at once (no lock held over a job's work).
    const running = accepted.filter((r) => r.body.status === 'validating');
    if (running.length) {
      const t0 = Date.now();
      const j = assertStatus(await xa.get(`/api/activity-imports/${running[0].body.id}`), 200);
      assert.ok(Date.now() - t0 < 1000, `a poll took ${Date.now() - t0} ms`);
      assert.ok(['validating', 'ready'].includes(j.status));
    }
    // Only the accepted jobs keep their upload; the refused ones are deleted at once.
    assert.equal(uploadsOnDisk().length, accepted.length, `files: ${uploadsOnDisk().join(', ')}`);
    for (const r of accepted) assert.equal((await settle(xa, r.body.id)).status, 'ready');
    // Room again once they are done.
    const again = assertStatus(await upload(xa, `${tag}-again.csv`, bigCsv(tag, 10)), 202);
    assert.equal((await settle(xa, again.id)).status, 'ready');
  });

  test('8 concurrent user creations all succeed (no hashing inside the write transaction)', async () => {
    const bodies = [1, 2, 3, 4, 5, 6, 7, 8].map(() => {
      const username = uniq('lim.');
      return { username, fullName: 'Người Thử', email: `${username}@example.vn`, password: `Pw${uniq('')}9x`,
        orgUnitCode: '52', orgUnitAsOf: todayVN(), roles: ['viewer'] };
    });
    const answers = await Promise.all(bodies.map((b) => admin.post('/api/users', b)));
    for (const r of answers) assertStatus(r, 201);
    // and each can sign in with its password
    for (const b of bodies) await login(server.base, b.username, b.password);
  });

  test('32 parallel failed logins: no 5xx but busy, peak memory bounded', async () => {
    const before = peakRssMiB(server.pid);
    const c = anon(server.base);
    const answers = await Promise.all(Array.from({ length: 32 }, (_, i) =>
      c.post('/api/auth/login', { username: `nobody.${uniq('')}.${i}`, password: 'Wrong-password-1' })));
    for (const r of answers) assert.ok([401, 503].includes(r.status), `${r.status} ${r.text.slice(0, 200)}`);
    assert.ok(answers.filter((r) => r.status === 401).length >= 2, 'answered in turn, two at a time');
    const peak = peakRssMiB(server.pid);
    // Unbounded, 32 argon2id verifications at once took the server from 59 to 868 MiB; two at a
    // time add at most ~130 MiB.
    assert.ok(peak - before < 300, `peak RSS ${before.toFixed(0)} → ${peak.toFixed(0)} MiB`);
  });
});
