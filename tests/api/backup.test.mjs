// Backups (issue 13): `longghep backup` of a demo database while its server runs and takes
// requests, `longghep restore` into a fresh database, then the same rows in every table and the
// same figures through the API; restore refuses a database that is not empty unless --force.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { DB_KIND, KIND, assertStatus, cli, freshDatabase, login, startServer } from './harness.mjs';

/** One SQL query on a database (sqlite3 CLI or psql), rows as arrays of strings. */
function sql(url, query) {
  const out = DB_KIND === 'sqlite'
    ? execFileSync('sqlite3', ['-separator', '|', url.replace('sqlite://', ''), query], { encoding: 'utf8' })
    : execFileSync('psql', [url, '-tA', '-F', '|', '-c', query], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('|'));
}

function rowCounts(url) {
  const tables = (DB_KIND === 'sqlite'
    ? sql(url, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    : sql(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"))
    .map(([t]) => t);
  const counts = {};
  for (const t of tables) counts[t] = Number(sql(url, `SELECT COUNT(*) FROM "${t}"`)[0][0]);
  return counts;
}

describe(`backup and restore ${KIND}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'lg-backup-'));
  const file = join(dir, 'longghep.backup');
  let source, restored;

  before(async () => { source = await startServer(); });
  after(async () => {
    await restored?.stop();
    await source?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const figures = async (base) => {
    const bo = await login(base, 'bo');
    const acts = assertStatus(await bo.get('/api/activities?pageSize=1'), 200).total;
    const units = assertStatus(await bo.get('/api/org-units?asOf=2026-06-01&pageSize=1'), 200).total;
    const users = assertStatus(await (await login(base, 'admin')).get('/api/users?pageSize=1'), 200).total;
    const gl = assertStatus(await bo.get('/api/activities?orgUnit=52&pageSize=1'), 200).total;
    return { acts, units, users, gl };
  };

  test('a backup taken while the server answers requests restores to the same rows and figures', async () => {
    const want = await figures(source.base);
    assert.ok(want.acts > 1000, `the demo's activities (${want.acts})`);
    // requests keep coming while the backup runs
    let stop = false, served = 0;
    const tinh = await login(source.base, 'tinh.gialai');
    const load = (async () => {
      while (!stop) {
        assertStatus(await tinh.get('/api/activities?pageSize=50'), 200);
        served += 1;
      }
    })();
    const out = await cli(['backup', '--db', source.url, '--out', file]);
    stop = true;
    await load;
    assert.match(out.stdout, DB_KIND === 'sqlite' ? /sqlite3_backup/ : /pg_dump/);
    assert.ok(existsSync(file) && statSync(file).size > 10_000, 'a backup file');
    assert.ok(!existsSync(`${file}.partial`), 'no partial file left');
    assert.ok(served > 0, 'the server answered during the backup');

    restored = await startServer({ seed: 'none', prepare: (url) => cli(['restore', '--db', url, '--in', file]) });
    assert.deepEqual(rowCounts(restored.url), rowCounts(source.url), 'every table holds the same number of rows');
    assert.deepEqual(await figures(restored.base), want, 'the same figures through the API');
    if (DB_KIND === 'sqlite') assert.deepEqual(sql(restored.url, 'PRAGMA integrity_check'), [['ok']]);
  });

  test('restore refuses a database that is not empty unless --force; a file that is no backup is refused', async () => {
    await assert.rejects(cli(['restore', '--db', source.url, '--in', file]), (e) => {
      assert.equal(e.code, 2);
      assert.match(e.message, /đã có dữ liệu/);
      assert.match(e.message, /is not empty; nothing was overwritten/);
      return true;
    });
    const target = await freshDatabase();
    try {
      const junk = join(dir, 'junk.backup');
      writeFileSync(junk, randomBytes(5000));
      await assert.rejects(cli(['restore', '--db', target.url, '--in', junk, '--force']), /backup|pg_restore/i);
      await cli(['restore', '--db', target.url, '--in', file]);
      await assert.rejects(cli(['restore', '--db', target.url, '--in', file]), /is not empty/);
      await cli(['restore', '--db', target.url, '--in', file, '--force']);
      assert.deepEqual(rowCounts(target.url), rowCounts(source.url), '--force replaced the content with the backup');
    } finally {
      await target.drop();
    }
  });
});
