// Operations: health and readiness, the OpenAPI document against the routes the server really
// answers, security headers, and graceful shutdown on SIGTERM.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';

import { execFileSync } from 'node:child_process';

import { BIN, DB_KIND, KIND, PG_URL, anon, assertError, assertStatus, http, login, startServer } from './harness.mjs';

// Every route the server answers, from its own route table (http/routes.hpp: one routes_<name>.cpp
// per resource) through `longghep routes --json`: the OpenAPI document must list exactly these,
// every one must answer, and nothing else may (405/404). A route added to the server needs a row
// in the access matrix (access-matrix.test.mjs) and nothing here.
const TABLE = JSON.parse(execFileSync(BIN, ['routes', '--json'], { env: { ...process.env, LONGGHEP_LOG_LEVEL: 'warn', LONGGHEP_BENCH_ROUTES: 'false' } }).toString());
const KNOWN_ROUTES = TABLE.map((r) => `${r.method} ${r.path}`);
// The routes anyone may call signed out: a specification, not a copy of the table (a route that
// becomes public by mistake fails here).
const PUBLIC_ROUTES = ['GET /healthz', 'GET /readyz', 'GET /api/openapi.json', 'POST /api/auth/login', 'GET /api/setup', 'POST /api/setup'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const SAMPLE = { code: '52', id: '1' };
const fill = (pattern) => pattern.replace(/\{(\w+)\}/g, (_, n) => SAMPLE[n] ?? '1');
const isRouteNotFound = (res) => res.status === 404 && res.body?.error?.code === 'not_found' && /^Route not found/.test(res.body.error.messageEn);

describe(`ops ${KIND}`, () => {
  let server, admin, doc;

  before(async () => {
    server = await startServer();
    admin = await login(server.base, 'admin');
    doc = assertStatus(await anon(server.base).get('/api/openapi.json'), 200);
  });
  after(async () => { await server?.stop(); });

  test('/healthz and /readyz', async () => {
    const h = await http(server.base, 'GET', '/healthz');
    assert.deepEqual(assertStatus(h, 200), { status: 'ok' });
    const r = await http(server.base, 'GET', '/readyz');
    assert.deepEqual(assertStatus(r, 200), { status: 'ready' });
  });

  test('GET /hello (the benchmarks\' baseline) only with the bench_routes switch', async () => {
    assert.ok(!KNOWN_ROUTES.includes('GET /hello'), 'not in the production route table');
    assert.ok(!doc.paths['/hello'], 'not documented');
    const plain = await http(server.base, 'GET', '/hello');
    assert.notEqual(plain.text, 'hello', 'a plain server treats /hello as a page of the web UI');
    const bench = await startServer({ shareWith: server, env: { LONGGHEP_BENCH_ROUTES: 'true' } });
    try {
      const hello = await http(bench.base, 'GET', '/hello');
      assert.equal(hello.status, 200);
      assert.equal(hello.text, 'hello');
    } finally {
      await bench.stop();
    }
  });

  test('GET /api/openapi.json is OpenAPI 3.1 listing exactly the known routes', async () => {
    assert.match(doc.openapi, /^3\.1\.\d+$/);
    assert.equal(typeof doc.info?.title, 'string');
    assert.equal(typeof doc.info?.version, 'string');
    assert.ok(doc.components?.schemas?.Error, 'the error schema is described');
    assert.deepEqual(doc.components.schemas.Error.properties.error.required, ['code', 'message', 'messageEn', 'field']);
    const documented = [];
    for (const [pattern, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        documented.push(`${m.toUpperCase()} ${pattern}`);
        assert.equal(typeof op.summary, 'string', `${m} ${pattern} has a summary`);
        assert.ok(op.responses, `${m} ${pattern} has responses`);
        for (const name of pattern.match(/\{(\w+)\}/g) || [])
          assert.ok(op.parameters.some((p) => p.in === 'path' && `{${p.name}}` === name), `${m} ${pattern} documents ${name}`);
      }
    }
    assert.deepEqual([...documented].sort(), [...KNOWN_ROUTES].sort());
    assert.ok(KNOWN_ROUTES.length >= 100, `${KNOWN_ROUTES.length} routes`);
    // session routes say so; public ones do not; the public ones are exactly PUBLIC_ROUTES
    assert.deepEqual(TABLE.filter((r) => r.auth === 'public').map((r) => `${r.method} ${r.path}`).sort(), [...PUBLIC_ROUTES].sort());
    for (const r of TABLE) {
      const op = doc.paths[r.path][r.method.toLowerCase()];
      assert.equal(Boolean(op.security), r.auth === 'session', `${r.method} ${r.path} is ${r.auth}`);
      assert.equal(op.summary, r.summary);
    }
    assert.ok(doc.paths['/api/users'].get.security, 'GET /api/users needs a session');
  });

  test('every documented route answers (never "route not found"), signed in and signed out', async () => {
    for (const [pattern, ops] of Object.entries(doc.paths)) {
      for (const m of Object.keys(ops)) {
        const method = m.toUpperCase();
        const body = method === 'GET' ? undefined : {};
        for (const client of [admin, anon(server.base)]) {
          // no CSRF token: a state-changing session route answers 403/401, a public one its own answer
          const res = await client.request(method, fill(pattern), body, { csrf: false });
          assert.ok(!isRouteNotFound(res), `${method} ${pattern} answered route-not-found`);
          assert.notEqual(res.status, 405, `${method} ${pattern} answered 405`);
          assert.ok(res.status < 500, `${method} ${pattern} → ${res.status} ${res.text.slice(0, 200)}`);
        }
      }
    }
  });

  test('nothing undocumented answers: other methods → 405, other paths → 404', async () => {
    const documented = new Set(KNOWN_ROUTES);
    for (const pattern of new Set(KNOWN_ROUTES.map((r) => r.split(' ')[1]))) {
      for (const method of METHODS) {
        if (documented.has(`${method} ${pattern}`)) continue;
        const res = await admin.request(method, fill(pattern), method === 'GET' ? undefined : {});
        // a path named literally by a route (/api/plans/inbox) is never taken by /api/plans/{id}
        assert.equal(res.status, 405, `${method} ${pattern} → ${res.status} ${res.text.slice(0, 200)}`);
        assertError(res, 405);
      }
    }
    for (const path of ['/api/nope', '/api/users/1/roles', '/api/agencies/1/roles', '/api/org-units/52/children',
      '/api/audit/1', '/api/metrics', '/api/health', '/api/version', '/api/', '/api/users/1/reset-password/x']) {
      for (const method of ['GET', 'POST']) {
        const res = await admin.request(method, path, method === 'GET' ? undefined : {});
        assert.ok(isRouteNotFound(res), `${method} ${path} → ${res.status} ${res.text.slice(0, 200)}`);
        assertError(res, 404, 'not_found');
      }
    }
  });

  test('security headers on API answers, errors and non-API paths', async () => {
    const responses = [
      await http(server.base, 'GET', '/healthz'),
      await admin.get('/api/me'),
      await http(server.base, 'GET', '/api/me'),
      await http(server.base, 'GET', '/api/nope'),
      await http(server.base, 'GET', '/some/page'),
    ];
    for (const res of responses) {
      const where = `${res.path} (${res.status})`;
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', where);
      const csp = res.headers.get('content-security-policy') || '';
      assert.match(csp, /default-src 'self'/, where);
      assert.match(csp, /frame-ancestors 'none'/, where);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', where);
      assert.ok(res.headers.get('referrer-policy'), where);
    }
    for (const res of responses.slice(1, 4)) assert.equal(res.headers.get('cache-control'), 'no-store', `${res.path} is not cached`);
    assert.match(responses[1].headers.get('content-type'), /^application\/json/);
  });

  test('PostgreSQL connections lost: 503 not_ready while down, full recovery without a restart', async (t) => {
    if (DB_KIND !== 'postgresql') return t.skip('PostgreSQL only (SQLite has no connection to lose)');
    const db = /^postgres(?:ql)?:\/\/[^/]*\/([^?]+)/.exec(server.url)[1];
    const psql = (sql) => execFileSync('psql', [PG_URL, '-qAtc', sql]).toString();
    const xem = await login(server.base, 'xem.gialai');
    psql(`ALTER DATABASE ${db} ALLOW_CONNECTIONS false`);
    try {
      psql(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${db}'`);
      assertError(await http(server.base, 'GET', '/readyz'), 503, 'not_ready');
      assertStatus(await http(server.base, 'GET', '/healthz'), 200, 'the process itself is alive');
      for (let i = 0; i < 3; ++i) assertError(await admin.get('/api/users?pageSize=1'), 503, 'not_ready');
      assertError(await http(server.base, 'POST', '/api/auth/login', { body: { username: 'bo', password: 'Demo@2026' } }), 503, 'not_ready');
    } finally {
      psql(`ALTER DATABASE ${db} ALLOW_CONNECTIONS true`);
    }
    // every pooled connection heals on first use: no request fails once the database is back
    assert.deepEqual(assertStatus(await http(server.base, 'GET', '/readyz'), 200), { status: 'ready' });
    for (let i = 0; i < 20; ++i) {
      assertStatus(await admin.get('/api/users?pageSize=1'), 200, `request ${i} after recovery`);
      assertStatus(await xem.get('/api/org-units/52'), 200, `request ${i} after recovery`);
    }
    await login(server.base, 'bo');
  });

  test('SIGTERM: the request in flight finishes, then the process exits 0', async () => {
    const s2 = await startServer({ seed: 'migrate' });
    const port = Number(new URL(s2.base).port);
    const body = JSON.stringify({ username: 'nobody', password: 'Nobody1234' });
    const sock = net.connect(port, '127.0.0.1');
    let reply = '';
    sock.on('data', (d) => { reply += d; });
    const closed = new Promise((res) => sock.on('close', res));
    await new Promise((res) => sock.once('connect', res));
    sock.write(`POST /api/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((r) => setTimeout(r, 150));
    const stopping = s2.stop(); // SIGTERM, then asserts exit code 0 and drops the database
    await new Promise((r) => setTimeout(r, 300));
    sock.end(body.slice(10));
    let timer;
    await Promise.race([closed, new Promise((r) => { timer = setTimeout(r, 10_000); })]);
    clearTimeout(timer);
    assert.match(reply, /^HTTP\/1\.1 401/, `the request in flight was answered: ${reply.slice(0, 200)}`);
    assert.match(reply, /invalid_credentials/);
    await stopping;
    // and no longer listening
    await assert.rejects(fetch(`${s2.base}/healthz`));
  });
});
