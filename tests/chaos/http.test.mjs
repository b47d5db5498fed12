// Chaos tests of the HTTP layer (src/http/server.cpp), at small scale against the real server:
// idle keep-alive connections cost no thread, slow clients are cut off by the header/body
// timeouts, per-address connection cap and rate limit, SIGTERM within 10 s with slow clients
// open, no silent sharing of a port, and 413 / streamed answers still work.
//
// Run: LONGGHEP_BIN=build/longghep node --test tests/chaos/http.test.mjs
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import nodeHttp from 'node:http';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';

import { BIN, KIND, assertError, assertStatus, http, login, startServer } from '../api/harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A raw TCP connection; resolves once connected. `closedAt` is set when the server closes it. */
function connect(port, localAddress = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ port, host: '127.0.0.1', localAddress });
    sock.received = '';
    sock.closedAt = null;
    sock.whenClosed = new Promise((res) => sock.once('close', () => { sock.closedAt = Date.now(); res(); }));
    sock.on('data', (d) => { sock.received += d; });
    sock.on('error', () => {});
    sock.once('connect', () => resolve(sock));
    sock.once('error', reject);
  });
}

/** Sends one request on a raw socket and waits for a complete (Content-Length) answer. */
async function exchange(sock, request, timeoutMs = 5000) {
  const start = sock.received.length;
  sock.write(request);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = sock.received.slice(start);
    const head = text.indexOf('\r\n\r\n');
    if (head >= 0) {
      const m = /content-length: (\d+)/i.exec(text.slice(0, head));
      if (m && text.length >= head + 4 + Number(m[1])) return text;
    }
    if (sock.closedAt) return text;
    if (Date.now() > deadline) throw new Error(`no answer within ${timeoutMs} ms: ${text.slice(0, 200)}`);
    await sleep(5);
  }
}

/** GET over a new connection from `localAddress` (node:http, no keep-alive pool). */
function getFrom(port, path, localAddress) {
  return new Promise((resolve, reject) => {
    const req = nodeHttp.get({ host: '127.0.0.1', port, path, localAddress, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
  });
}

/** p99 (and max) of `n` sequential GETs of /healthz, in ms; every answer must be 200. */
async function healthzLatency(base, n = 50) {
  const times = [];
  for (let i = 0; i < n; ++i) {
    const t0 = performance.now();
    const r = await fetch(`${base}/healthz`);
    await r.text();
    times.push(performance.now() - t0);
    assert.equal(r.status, 200);
  }
  times.sort((a, b) => a - b);
  return { p99: times[Math.min(times.length - 1, Math.ceil(times.length * 0.99) - 1)], max: times[times.length - 1] };
}

function threadsOf(pid) {
  return Number(/^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
}

const HEALTHZ = 'GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n';

describe(`HTTP layer: idle connections, slow clients, 413, streamed answers ${KIND}`, () => {
  let server, admin;
  before(async () => {
    server = await startServer({
      env: {
        LONGGHEP_HEADER_TIMEOUT_MS: '1000',
        LONGGHEP_BODY_TIMEOUT_MS: '1000',
        LONGGHEP_MAX_CONNECTIONS_PER_IP: '2000',
        LONGGHEP_LOG_LEVEL: 'warn',
      },
    });
    admin = await login(server.base, 'admin');
  });
  after(async () => { await server?.stop(); });

  test('500 idle keep-alive connections: each cost no thread, /healthz p99 < 200 ms', async () => {
    const socks = [];
    for (let i = 0; i < 500; ++i) socks.push(await connect(server.port));
    // one request on each, so that every one is a kept-alive connection between requests
    for (let i = 0; i < socks.length; i += 100)
      await Promise.all(socks.slice(i, i + 100).map(async (s) => assert.match(await exchange(s, HEALTHZ), /^HTTP\/1\.1 200/)));
    const threads = threadsOf(server.pid);
    const { p99, max } = await healthzLatency(server.base, 50);
    assert.ok(p99 < 200, `/healthz p99 ${p99.toFixed(1)} ms (max ${max.toFixed(1)}) with 500 idle connections`);
    assert.ok(threads < 64, `${threads} threads with 500 open connections`);
    assert.equal(socks.filter((s) => s.closedAt).length, 0, 'idle connections are kept (idle timeout 60 s)');
    // and they are still usable
    assert.match(await exchange(socks[499], HEALTHZ), /^HTTP\/1\.1 200/);
    for (const s of socks) s.destroy();
  });

  test('50 slow clients are cut off by the header and body timeouts; /healthz stays fast', async () => {
    const t0 = Date.now();
    const slow = [];
    const trickle = [];
    for (let i = 0; i < 50; ++i) {
      const s = await connect(server.port);
      s.kind = ['header', 'short body', 'endless chunks'][i % 3];
      if (s.kind === 'header') {  // headers never finished: one byte every 200 ms
        const text = 'GET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: ' + 'a'.repeat(100);
        let k = 0;
        trickle.push(setInterval(() => { if (!s.closedAt && k < text.length) s.write(text[k++]); }, 200));
      } else if (s.kind === 'short body') {  // a body shorter than its Content-Length
        s.write('POST /api/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"username":');
      } else {  // a chunked body that never ends
        s.write('POST /api/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"use\r\n');
      }
      slow.push(s);
    }
    try {
      const { p99, max } = await healthzLatency(server.base, 50);
      assert.ok(p99 < 200, `/healthz p99 ${p99.toFixed(1)} ms (max ${max.toFixed(1)}) with 50 slow clients`);
      const all = Promise.all(slow.map((s) => s.whenClosed));
      await Promise.race([all, sleep(6000)]);
      for (const s of slow) {
        assert.ok(s.closedAt, `a slow client (${s.kind}) is still connected after ${Date.now() - t0} ms`);
        assert.ok(s.closedAt - t0 >= 800, `a slow client (${s.kind}) was cut off before its timeout`);
        assert.ok(!/^HTTP\/1\.1 200/.test(s.received), `a slow client (${s.kind}) was answered: ${s.received.slice(0, 100)}`);
      }
    } finally {
      for (const t of trickle) clearInterval(t);
      for (const s of slow) s.destroy();
    }
  });

  test('HTTP/1.0 and Connection: close end the connection after the answer; keep-alive reuses it', async () => {
    const s10 = await connect(server.port);
    assert.match(await exchange(s10, 'GET /healthz HTTP/1.0\r\n\r\n'), /^HTTP\/1\.0 200/);
    await Promise.race([s10.whenClosed, sleep(2000)]);
    assert.ok(s10.closedAt, 'HTTP/1.0 without keep-alive: closed');
    const sc = await connect(server.port);
    assert.match(await exchange(sc, 'GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n'), /connection: close/i);
    await Promise.race([sc.whenClosed, sleep(2000)]);
    assert.ok(sc.closedAt, 'Connection: close: closed');
    const ka = await connect(server.port);
    for (let i = 0; i < 3; ++i) assert.match(await exchange(ka, HEALTHZ), /^HTTP\/1\.1 200/);
    // two pipelined requests in one write: two answers in order
    const both = await exchange(ka, `${HEALTHZ}GET /readyz HTTP/1.1\r\nHost: t\r\n\r\n`);
    await sleep(100);
    assert.match(ka.received, /"status":"ok"[\s\S]*"status":"ready"/, both);
    assert.equal(ka.closedAt, null);
    ka.destroy();
  });

  test('a too-large body → 413 and the connection closes; a streamed export still streams', async () => {
    const big = new Uint8Array(2 << 20).fill(0x20);
    const r = await admin.post('/api/users', big, { raw: true, headers: { 'content-type': 'application/json' } });
    assertError(r, 413, 'payload_too_large');
    assert.equal(r.headers.get('connection'), 'close');
    // a Content-Length beyond the limit with Expect: 100-continue is refused before the body is sent
    const s = await connect(server.port);
    const ans = await exchange(s, 'POST /api/users HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 99999999\r\nExpect: 100-continue\r\n\r\n');
    assert.match(ans, /^HTTP\/1\.1 413/);
    await Promise.race([s.whenClosed, sleep(2000)]);
    assert.ok(s.closedAt, 'closed after the 413');

    const exp = await admin.get('/api/activities/export');
    assert.equal(exp.status, 200, exp.text.slice(0, 200));
    assert.equal(exp.headers.get('transfer-encoding'), 'chunked');
    assert.match(exp.headers.get('content-disposition') || '', /attachment/);
    assert.equal(exp.headers.get('cache-control'), 'no-store');
    assert.equal(exp.headers.get('x-content-type-options'), 'nosniff');
    const raw = await fetch(`${server.base}/api/activities/export`, { headers: { cookie: admin.cookie } });
    const bytes = Buffer.from(await raw.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an .xlsx (zip) file');
    assert.ok(bytes.length > 10_000, `export of the demo activities: ${bytes.length} bytes`);
    assertStatus(await http(server.base, 'GET', '/healthz'), 200);
  });

  test('a second server on the same port fails instead of sharing it', async () => {
    const child = spawn(BIN, ['serve', '--db', server.url, '--port', String(server.port), '--web-root', '/nonexistent'], {
      env: { ...process.env, LONGGHEP_BIND: '127.0.0.1', LONGGHEP_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
    const result = await Promise.race([exited, sleep(20_000).then(() => null)]);
    if (!result) child.kill('SIGKILL');
    assert.ok(result, `the second server is still running:\n${out.slice(-2000)}`);
    assert.notEqual(result.code, 0, `exit code of the second server:\n${out}`);
    assert.match(out, /cannot listen on 127\.0\.0\.1:\d+: .*in use/i);
    for (let i = 0; i < 20; ++i) assertStatus(await http(server.base, 'GET', '/healthz'), 200, 'the first server keeps the port');
  });
});

describe(`HTTP layer: per-address connection cap and rate limit ${KIND}`, () => {
  let server;
  before(async () => {
    server = await startServer({
      seed: 'migrate',
      env: {
        LONGGHEP_MAX_CONNECTIONS_PER_IP: '20',
        LONGGHEP_RATE_PER_IP: '5',
        LONGGHEP_RATE_BURST_PER_IP: '10',
        LONGGHEP_LOG_LEVEL: 'warn',
      },
    });
  });
  after(async () => { await server?.stop(); });

  test('one address over its connection cap is closed at accept; another address is served', async () => {
    const held = [];
    for (let i = 0; i < 20; ++i) held.push(await connect(server.port, '127.0.0.2'));
    await sleep(200);
    assert.equal(held.filter((s) => s.closedAt).length, 0, 'the first 20 are kept');
    const over = await connect(server.port, '127.0.0.2');
    over.write(HEALTHZ);
    await Promise.race([over.whenClosed, sleep(3000)]);
    assert.ok(over.closedAt, 'the 21st connection from 127.0.0.2 is closed');
    assert.equal(over.received, '', 'and gets no answer');
    const other = await getFrom(server.port, '/healthz', '127.0.0.3');
    assert.equal(other.status, 200, 'another address is still served');
    for (const s of held) s.destroy();
    await sleep(300);
    const again = await getFrom(server.port, '/healthz', '127.0.0.2');
    assert.equal(again.status, 200, 'once its connections closed, the address is served again');
  });

  test('one address over its rate → 429 with Retry-After; another address is served', async () => {
    const statuses = [];
    let refused;
    for (let i = 0; i < 30; ++i) {
      const r = await getFrom(server.port, '/healthz', '127.0.0.4');
      statuses.push(r.status);
      if (r.status === 429) refused = r;
    }
    assert.ok(statuses.slice(0, 10).every((s) => s === 200), `the burst of 10 is served: ${statuses}`);
    assert.ok(statuses.filter((s) => s === 429).length >= 15, `beyond the burst at 5/s: 429 (${statuses})`);
    assert.ok(Number(refused.headers['retry-after']) >= 1, `Retry-After: ${refused.headers['retry-after']}`);
    const body = JSON.parse(refused.body);
    assert.equal(body.error.code, 'too_many_requests');
    const other = await getFrom(server.port, '/healthz', '127.0.0.5');
    assert.equal(other.status, 200, 'another address is still served');
    await sleep(1100);
    assert.equal((await getFrom(server.port, '/healthz', '127.0.0.4')).status, 200, 'served again after Retry-After');
  });
});

describe(`HTTP layer: SIGTERM with slow clients and idle connections ${KIND}`, () => {
  test('exits 0 within 10 s; idle connections closed at once; no longer accepting', async () => {
    const server = await startServer({
      seed: 'migrate',
      env: {  // slow clients that would outlive the grace period
        LONGGHEP_HEADER_TIMEOUT_MS: '60000',
        LONGGHEP_BODY_TIMEOUT_MS: '60000',
        LONGGHEP_LOG_LEVEL: 'warn',
      },
    });
    const idle = [];
    const slow = [];
    try {
      for (let i = 0; i < 200; ++i) idle.push(await connect(server.port));
      for (let i = 0; i < idle.length; i += 100)
        await Promise.all(idle.slice(i, i + 100).map(async (s) => assert.match(await exchange(s, HEALTHZ), /^HTTP\/1\.1 200/)));
      for (let i = 0; i < 20; ++i) {
        const s = await connect(server.port);
        s.write(i % 2 ? 'GET /healthz HTTP/1.1\r\nHost: t\r\n' : 'POST /api/auth/login HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{');
        slow.push(s);
      }
      await sleep(200);
    } catch (e) {
      await server.stop();
      throw e;
    }
    const t0 = Date.now();
    const stopping = server.stop();  // SIGTERM; asserts exit code 0
    await Promise.race([Promise.all(idle.map((s) => s.whenClosed)), sleep(2000)]);
    const idleOpen = idle.filter((s) => !s.closedAt).length;
    await assert.rejects(connect(server.port), 'no longer accepting');
    await stopping;
    const took = Date.now() - t0;
    for (const s of [...idle, ...slow]) s.destroy();
    assert.equal(idleOpen, 0, `${idleOpen} idle connections still open 2 s after SIGTERM`);
    assert.ok(took < 10_000, `exit took ${took} ms`);
  });
});
