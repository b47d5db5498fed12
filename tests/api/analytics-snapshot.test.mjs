// The engine's snapshot start-up (issue 20, docs/OPERATIONS.md "Analytics snapshot"): a server
// started again on the same database starts from the snapshot plus the activities changed since
// and answers the same pivots as the server that wrote it; a damaged or truncated snapshot is
// refused (logged) and the full load answers the same.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { KIND, assertStatus, loginAll, startServer, todayVN, uniq } from './harness.mjs';

describe(`analytics snapshot ${KIND}`, () => {
  // One snapshot directory for every server of this test (PostgreSQL has none by default).
  const dir = mkdtempSync(join(tmpdir(), 'lg-snap-'));
  const env = { LONGGHEP_ANALYTICS_SNAPSHOT_DIR: dir };
  let server, S;
  before(async () => {
    server = await startServer({ env });
    S = await loginAll(server.base);
  });
  after(async () => { await server?.stop(); });

  const bodies = [
    { measure: 'activities', rows: ['province'], columns: ['year'] },
    { measure: 'reached', rows: ['commune'], columns: ['quarter'], filters: { orgUnit: '52' } },
    { measure: 'cost', rows: ['fundingSource'], columns: ['typeGroup'], filters: { from: '2024-04-01', to: '2025-06-30' } },
  ];
  const answers = async (sessions) => {
    const out = [];
    for (const b of bodies) {
      const t = assertStatus(await sessions.bo.post('/api/analytics/pivot', b), 200);
      out.push({ rowKeys: t.rowKeys, columnKeys: t.columnKeys, cells: t.cells, total: t.total, facts: t.facts });
    }
    return out;
  };
  const snapshotFile = () => join(dir, readdirSync(dir).find((f) => f.endsWith('.snapshot')));
  const again = async () => {
    const s = await startServer({ shareWith: server, env });
    return { s, S2: await loginAll(s.base) };
  };

  test('a restarted server starts from the snapshot plus the delta and answers the same', async () => {
    // The watcher writes the snapshot in its first round after the full load.
    for (let i = 0; i < 200 && !/snapshot of revision \d+ written/.test(server.log()); ++i) await new Promise((r) => setTimeout(r, 50));
    assert.match(server.log(), /snapshot of revision \d+ written/);
    // A change after the snapshot: the next start applies it as the delta.
    const xa = S['xa.gialai'];
    const me = assertStatus(await xa.get('/api/me'), 200);
    const day = todayVN();
    assertStatus(await xa.post('/api/activities', {
      title: `Tuyên truyền ${uniq()}`, interventionTypeCode: 'community_sessions', orgUnitCode: '21583',
      leadAgencyId: me.agency.id, startDate: day, endDate: day, reach: [{ targetGroup: 'students', total: 41 }],
    }), 201);
    const want = await answers(S);
    const { s, S2 } = await again();
    try {
      assert.match(s.log(), /from the snapshot of revision \d+ \(\d+ ms[^)]*\) \+ 1 changed since/);
      assert.deepEqual(await answers(S2), want);
    } finally {
      await s.stop();
    }
  });

  test('a damaged or truncated snapshot is refused and the full load answers the same', async () => {
    const want = await answers(S);
    const file = snapshotFile();
    const bytes = readFileSync(file);
    for (const [name, damage, why] of [
      ['a flipped byte', () => { const b = Buffer.from(bytes); b[b.length - 100] ^= 0x55; writeFileSync(file, b); }, /checksum mismatch/],
      ['a truncated file', () => { writeFileSync(file, bytes); truncateSync(file, Math.floor(bytes.length / 2)); }, /truncated/],
      ['another database', () => { const b = Buffer.from(bytes); b[16] ^= 0x01; writeFileSync(file, b); }, /of another database/],
      // A snapshot whose revision is ahead of the database's (the database was restored from an
      // older copy): its header says revision 10^12.
      ['a revision ahead of the database', () => {
        const b = Buffer.from(bytes);
        b.writeBigInt64LE(10n ** 12n, 16 + b.readUInt32LE(12));
        writeFileSync(file, b);
      }, /ahead of the database/],
    ]) {
      damage();
      const { s, S2 } = await again();
      try {
        assert.match(s.log(), why, name);
        assert.match(s.log(), /full load/, name);
        assert.deepEqual(await answers(S2), want, name);
      } finally {
        await s.stop();
      }
    }
  });
});
