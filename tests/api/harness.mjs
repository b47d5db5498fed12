// Test harness for the longghep HTTP API: starts the real server binary on a fresh database
// (SQLite file or throwaway PostgreSQL database), and gives a tiny cookie + CSRF aware client.
//
// Environment:
//   LONGGHEP_BIN      server binary (default /work/main/build/longghep, i.e. <repo>/build/longghep)
//   LONGGHEP_DB_KIND  sqlite (default) | postgresql
//   LONGGHEP_PG_URL   base URL printed by scripts/pg-throwaway start (required for postgresql)
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync, existsSync, copyFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { crc32, inflateRawSync } from 'node:zlib';
import { checkExchange, installFetchCheck, rawFetch } from './schema-check.mjs';

// Direct fetch() calls of the tests (downloads) are checked against the contract too.
installFetchCheck();

const run = promisify(execFile);
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const BIN = process.env.LONGGHEP_BIN || join(REPO, 'build', 'longghep');
export const DB_KIND = process.env.LONGGHEP_DB_KIND || 'sqlite';
export const PG_URL = process.env.LONGGHEP_PG_URL || '';
export const DEMO_PASSWORD = 'Demo@2026';
export const DEMO_USERS = ['admin', 'bo', 'tinh.gialai', 'xa.gialai', 'tinh.dongnai', 'coquan.gialai', 'xem.gialai'];
// people supported (issue 16): case workers, a supervisor, police and inspection (the wall)
export const CASE_USERS = ['cm.gialai', 'gs.gialai', 'cm.dongnai', 'congan.gialai', 'thanhtra.gialai'];
export const SHARED_DATA = process.env.LONGGHEP_SHARED_DATA || resolve(REPO, '..', 'shared', 'data');

if (DB_KIND !== 'sqlite' && DB_KIND !== 'postgresql')
  throw new Error(`LONGGHEP_DB_KIND must be sqlite or postgresql, not "${DB_KIND}"`);
if (DB_KIND === 'postgresql' && !PG_URL)
  throw new Error('LONGGHEP_DB_KIND=postgresql needs LONGGHEP_PG_URL (run scripts/pg-throwaway start)');

// The master key of the sealed identities of people supported (issue 16; docs/api-cases.md): one
// test key file, made once, given to every CLI run and server (LONGGHEP_CASE_KEY_FILE) unless the
// environment names one. Its id is part of the demo template's name, so a new key never meets a
// database sealed under another.
export const CASE_KEY_FILE = process.env.LONGGHEP_CASE_KEY_FILE || join(tmpdir(), 'lg-test-case-master.key');
if (!existsSync(CASE_KEY_FILE)) {
  const tmp = `${CASE_KEY_FILE}.${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  try { renameSync(tmp, CASE_KEY_FILE); } catch { rmSync(tmp, { force: true }); }
}
const CASE_KEY_STAMP = createHash('sha256').update(readFileSync(CASE_KEY_FILE)).digest('hex').slice(0, 8);

/** Today in Asia/Ho_Chi_Minh as YYYY-MM-DD (the server's default asOf). */
export function todayVN() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

/** The approval decision a plan's approve needs (issue 15): body, number, date (today by default). */
export function decision(extra = {}) {
  return { decisionBody: 'UBND tỉnh Gia Lai', decisionNumber: '123/QĐ-UBND', decisionDate: todayVN(), ...extra };
}

/** A label for test names, e.g. "[sqlite]". */
export const KIND = `[${DB_KIND}]`;

export function uniq(prefix = 't') {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

async function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

function pgUrlFor(dbName) {
  // postgresql:///postgres?host=… → postgresql:///<dbName>?host=…
  const m = /^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?(\?.*)?$/.exec(PG_URL);
  if (!m) throw new Error(`cannot parse LONGGHEP_PG_URL ${PG_URL}`);
  return `${m[1]}/${dbName}${m[3] || ''}`;
}

async function psql(sql) {
  await run('psql', [PG_URL, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { timeout: 30_000 });
}

/** Creates an empty database and returns {url, drop(), dir}. */
export async function freshDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'lg-api-'));
  if (DB_KIND === 'sqlite') {
    return { url: `sqlite://${dir}/x.db`, dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `lg_${randomBytes(6).toString('hex')}`;
  await psql(`CREATE DATABASE ${name}`);
  return {
    url: pgUrlFor(name),
    name,
    dir,
    drop: async () => {
      await psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Seeds `db` with the demo. The demo (with its ~2,200 generated activities) is built once per
 * binary, day and database kind, then copied: a file copy on SQLite, CREATE DATABASE … TEMPLATE on
 * PostgreSQL. Each test still gets its own database; the copy is what `longghep demo` writes.
 */
async function seedDemo(db) {
  const stamp = `${Math.floor(statSync(BIN).mtimeMs)}_${new Date().toISOString().slice(0, 10).replaceAll('-', '')}_${CASE_KEY_STAMP}`;
  if (DB_KIND === 'sqlite') {
    const tpl = join(tmpdir(), `lg-demo-${stamp}.db`);
    if (!existsSync(tpl)) {
      const tmp = `${tpl}.${randomBytes(4).toString('hex')}`;
      await cli(['demo', '--db', `sqlite://${tmp}`]);
      for (const ext of ['-wal', '-shm']) rmSync(tmp + ext, { force: true });
      renameSync(tmp, tpl);
    }
    copyFileSync(tpl, db.url.replace('sqlite://', ''));
    return;
  }
  const tpl = `lg_demo_tpl_${stamp}`;
  const { stdout } = await run('psql', [PG_URL, '-tAc', `SELECT 1 FROM pg_database WHERE datname = '${tpl}'`]);
  if (stdout.trim() !== '1') {
    const tmp = `${tpl}_${randomBytes(3).toString('hex')}`;
    await psql(`CREATE DATABASE ${tmp}`);
    await cli(['demo', '--db', pgUrlFor(tmp)]);
    await psql(`ALTER DATABASE ${tmp} RENAME TO ${tpl}`);
  }
  await psql(`DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`);
  await psql(`CREATE DATABASE ${db.name} TEMPLATE ${tpl}`);
}

/** Runs a CLI subcommand of the binary, e.g. cli(['import-units', file, '--db', url]). */
export async function cli(args, { env = {}, timeout = 300_000 } = {}) {
  try {
    return await run(BIN, args, {
      env: { LONGGHEP_CASE_KEY_FILE: CASE_KEY_FILE, ...process.env, LONGGHEP_LOG_LEVEL: 'warn', ...env },
      timeout,
      maxBuffer: 64 << 20,
    });
  } catch (e) {
    e.message = `longghep ${args.join(' ')} failed (exit ${e.code}): ${e.stderr || ''}${e.stdout || ''}`;
    throw e;
  }
}

/**
 * Starts `longghep serve` on a fresh database.
 *   seed: 'demo' (default) runs `longghep demo`; 'migrate' only applies migrations; 'none' nothing.
 *   prepare(url): optional async hook run after seeding, before serving.
 *   env: extra environment of the server (e.g. LONGGHEP_HEADER_TIMEOUT_MS, LONGGHEP_DB_POOL).
 *   shareWith: a running server of this harness: serve its database too (a second process on one
 *     database); its stop() does not drop the database, the first server's does.
 * The per-address rate limit is lifted (every test client is 127.0.0.1) unless env or the caller's
 * environment sets LONGGHEP_RATE_PER_IP / LONGGHEP_RATE_BURST_PER_IP.
 * Returns {base, port, url, stop(), log(), db}; stop() sends SIGTERM, asserts exit code 0, drops the db.
 */
export async function startServer({ seed = 'demo', prepare, env = {}, shareWith = null } = {}) {
  const owned = !shareWith;
  const db = owned ? await freshDatabase() : { ...shareWith.db, dir: mkdtempSync(join(tmpdir(), 'lg-api-')) };
  if (!owned) db.drop = async () => rmSync(db.dir, { recursive: true, force: true });
  let child;
  try {
    if (owned && seed === 'demo') await seedDemo(db);
    else if (owned && seed === 'migrate') await cli(['migrate', '--db', db.url]);
    if (prepare) await prepare(db.url);
    const logFile = join(db.dir, 'server.log');
    const log = () => {
      try { return readFileSync(logFile, 'utf8'); } catch { return ''; }
    };
    // The free port is found, released, then bound by the server: another process (the other
    // database's suite runs alongside, scripts/test) can take it in between. A server that exits
    // because its port is taken is started again on a new one (at most 3 times).
    let port, base, exited, done;
    for (let attempt = 1; ; ++attempt) {
      port = await freePort();
      const before = log().length;
      const fd = openSync(logFile, 'a');
      child = spawn(BIN, ['serve', '--db', db.url, '--port', String(port), '--web-root', '/nonexistent'], {
        stdio: ['ignore', fd, fd],
        env: {
          LONGGHEP_CASE_KEY_FILE: CASE_KEY_FILE,
          LONGGHEP_RATE_PER_IP: '1000000',
          LONGGHEP_RATE_BURST_PER_IP: '1000000',
          ...process.env,
          LONGGHEP_BIND: '127.0.0.1',
          ...env,
        },
      });
      closeSync(fd);
      const proc = child;
      exited = new Promise((res) => proc.once('exit', (code, signal) => res({ code, signal })));
      base = `http://127.0.0.1:${port}`;
      done = null;
      exited.then((x) => { done = x; });
      const deadline = Date.now() + 20_000;
      let retry = false;
      for (;;) {
        if (done) {
          const tail = log().slice(before);
          if (attempt < 3 && /address already in use|EADDRINUSE/i.test(tail)) { retry = true; break; }
          throw new Error(`server exited early (${JSON.stringify(done)}):\n${log().slice(-4000)}`);
        }
        try {
          const r = await fetch(`${base}/readyz`);
          if (r.status === 200) break;
        } catch { /* not listening yet */ }
        if (Date.now() > deadline) throw new Error(`server not ready after 20 s:\n${log().slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      if (!retry) break;
    }
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const { code, signal } = await exited;
      clearTimeout(timer);
      const nested = log().split('\n').filter((l) => l.includes('nested database lease'));
      await db.drop();
      // A request that holds a pooled connection and asks for another is the deadline-day
      // deadlock in waiting (issue 11): the server logs it, every test fails on it.
      assert.deepEqual(nested, [], 'no nested database lease');
      assert.equal(signal, null, `server killed by ${signal} instead of exiting on SIGTERM`);
      assert.equal(code, 0, `server exit code after SIGTERM:\n${log().slice(-3000)}`);
    };
    return { base, port, url: db.url, stop, log, pid: child.pid, exited, db };
  } catch (e) {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await db.drop().catch(() => {});
    throw e;
  }
}

/** One HTTP exchange; the body is parsed as JSON when it is JSON, and checked against the contract. */
export async function http(base, method, path, { body, headers = {}, raw = false } = {}) {
  const init = { method, headers: { ...headers }, redirect: 'manual' };
  if (body !== undefined) {
    if (raw || typeof body === 'string' || body instanceof Uint8Array) init.body = body;
    else {
      init.body = JSON.stringify(body);
      init.headers['content-type'] ??= 'application/json';
    }
  }
  // A kept-alive connection the server closed while idle (its idle timeout) can be picked for the
  // next request before the client has seen the close — when a synchronous step (psql, sqlite3)
  // held the event loop longer than that timeout. The request never reached the server ("other
  // side closed" with nothing sent back), so it is sent once more on a new connection.
  let res;
  try {
    res = await rawFetch(base + path, init);
  } catch (e) {
    if (e?.cause?.code !== 'UND_ERR_SOCKET' || !/other side closed/.test(e.cause.message || '')) throw e;
    res = await rawFetch(base + path, init);
  }
  const text = await res.text();
  let json;
  if ((res.headers.get('content-type') || '').includes('application/json') && text) {
    try { json = JSON.parse(text); } catch { json = undefined; }
  }
  const out = { status: res.status, headers: res.headers, text, body: json, method, path };
  // Every answer is checked against the operation's schema in /api/openapi.json (schema-check.mjs).
  await checkExchange(base, method, path, out, init.headers['content-type'] === 'application/json' ? body : undefined);
  return out;
}

/** A client holding (optionally) a session cookie and CSRF token. */
export class Client {
  constructor(base, { cookie = null, csrf = null, user = null, username = null } = {}) {
    this.base = base;
    this.cookie = cookie;
    this.csrf = csrf;
    this.user = user;
    this.username = username;
  }

  /** opts.csrf: true (default: send own token), false (omit header), or a string to send. */
  request(method, path, body, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    if (this.cookie) headers.cookie = this.cookie;
    const csrf = opts.csrf === undefined ? true : opts.csrf;
    if (csrf === true && this.csrf) headers['x-csrf-token'] = this.csrf;
    else if (typeof csrf === 'string') headers['x-csrf-token'] = csrf;
    return http(this.base, method, path, { body, headers, raw: opts.raw });
  }
  get(path, opts) { return this.request('GET', path, undefined, opts); }
  post(path, body, opts) { return this.request('POST', path, body, opts); }
  put(path, body, opts) { return this.request('PUT', path, body, opts); }
}

export function anon(base) {
  return new Client(base);
}

/** Signs in; returns the raw response and the client. */
export async function tryLogin(base, username, password) {
  const res = await http(base, 'POST', '/api/auth/login', { body: { username, password } });
  let client = null;
  if (res.status === 200) {
    const setCookie = res.headers.get('set-cookie') || '';
    const m = /lg_session=([^;]*)/.exec(setCookie);
    client = new Client(base, {
      cookie: m ? `lg_session=${m[1]}` : null,
      csrf: res.body?.csrfToken ?? null,
      user: res.body?.user ?? null,
      username,
    });
  }
  return { res, client };
}

/** Signs in and returns a Client; fails the test if sign-in does not answer 200. */
export async function login(base, username, password = DEMO_PASSWORD) {
  const { res, client } = await tryLogin(base, username, password);
  assert.equal(res.status, 200, `login ${username}: ${res.status} ${res.text}`);
  assert.ok(client.cookie, 'login sets the lg_session cookie');
  assert.ok(client.csrf, 'login returns a csrfToken');
  return client;
}

/** Signs in every demo user once (sessions are reused across tests: argon2 is slow). */
export async function loginAll(base, users = DEMO_USERS) {
  const out = {};
  for (const u of users) out[u] = await login(base, u);
  return out;
}

/** Asserts the documented error shape and (optionally) code and field. */
export function assertError(res, status, code, field) {
  const where = `${res.method} ${res.path}`;
  assert.equal(res.status, status, `${where}: expected ${status}, got ${res.status} ${res.text.slice(0, 500)}`);
  assert.ok(res.body && typeof res.body === 'object', `${where}: error body is JSON: ${res.text.slice(0, 200)}`);
  assert.deepEqual(Object.keys(res.body), ['error'], `${where}: body is {"error":…}`);
  const e = res.body.error;
  // `candidates`: the units an ambiguous code names (409 ambiguous_org_unit)
  const keys = Object.keys(e).filter((k) => k !== 'details' && k !== 'candidates').sort();
  assert.deepEqual(keys, ['code', 'field', 'message', 'messageEn'], `${where}: error keys`);
  if ('details' in e) {  // every fault of an input: a non-empty list whose first entry is the error's field
    assert.ok(Array.isArray(e.details) && e.details.length > 0, `${where}: details is a non-empty list`);
    for (const d of e.details) assert.ok(typeof d.field === 'string' && d.message && d.messageEn, `${where}: a detail names its field`);
    assert.equal(e.details[0].field, e.field, `${where}: the first detail is the error's field`);
  }
  assert.equal(typeof e.message, 'string');
  assert.ok(e.message.length > 0, 'Vietnamese message present');
  assert.equal(typeof e.messageEn, 'string');
  assert.ok(e.messageEn.length > 0, 'English message present');
  assert.ok(e.field === null || typeof e.field === 'string', 'field is string or null');
  if (code !== undefined) assert.equal(e.code, code, `${where}: error code (${e.messageEn})`);
  if (field !== undefined) assert.equal(e.field, field, `${where}: error field (${e.messageEn})`);
  return e;
}

/** Asserts a status, showing the body on failure. */
export function assertStatus(res, status, msg = '') {
  assert.equal(res.status, status, `${msg}${msg ? ': ' : ''}${res.method} ${res.path} → ${res.status} ${res.text.slice(0, 500)}`);
  return res.body;
}

/** Reads every page of a list endpoint (pageSize 500). */
export async function listAll(client, path) {
  const items = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 1; ; ++page) {
    const res = await client.get(`${path}${sep}page=${page}&pageSize=500`);
    assertStatus(res, 200, 'listAll');
    items.push(...res.body.items);
    if (res.body.items.length < 500 || items.length >= res.body.total) return { items, total: res.body.total };
  }
}

/** The entries of a zip archive: name → bytes (stored or deflated). */
export function unzip(buf) {
  const out = new Map();
  // end of central directory
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) --eocd;
  assert.ok(eocd >= 0, 'zip has an end-of-central-directory record');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; ++i) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nlen).toString('utf8');
    const lnlen = buf.readUInt16LE(local + 26), lxlen = buf.readUInt16LE(local + 28);
    const data = buf.subarray(local + 30 + lnlen + lxlen, local + 30 + lnlen + lxlen + csize);
    out.set(name, method === 8 ? inflateRawSync(data) : data);
    p += 46 + nlen + xlen + clen;
  }
  return out;
}


/** A minimal .xlsx (stored zip, inline strings, numbers as numbers): one sheet per [name, rows]. */
function zipStored(files) {
  const locals = [], centrals = [];
  let offset = 0;
  for (const [name, text] of files) {
    const data = Buffer.from(text, 'utf8'), fname = Buffer.from(name, 'utf8'), crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fname.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8); central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24); central.writeUInt16LE(fname.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, fname, data);
    centrals.push(central, fname);
    offset += 30 + fname.length + data.length;
  }
  const cd = Buffer.concat(centrals), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
const esc = (s) => String(s).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const col = (i) => String.fromCharCode(65 + i);
export function xlsx(sheets) {
  const files = [
    ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`],
    ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map(([n], i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`],
    ...sheets.map(([, rows], i) => [`xl/worksheets/sheet${i + 1}.xml`,
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.map((r, ri) => `<row r="${ri + 1}">${r.map((v, ci) => (v === null || v === undefined || v === '' ? '' : typeof v === 'number' ? `<c r="${col(ci)}${ri + 1}"><v>${v}</v></c>` : `<c r="${col(ci)}${ri + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`)).join('')}</row>`).join('')}</sheetData></worksheet>`]),
  ];
  return zipStored(files);
}

