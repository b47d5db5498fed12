// Operations: health and readiness, the OpenAPI document against the routes the server really
// answers, security headers, and graceful shutdown on SIGTERM.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';

import { execFileSync } from 'node:child_process';

import { DB_KIND, KIND, PG_URL, anon, assertError, assertStatus, http, login, startServer } from './harness.mjs';

// Every route the server answers. A route added to the server must be added here (and to the
// access matrix), and it must appear in the OpenAPI document.
const KNOWN_ROUTES = [
  'GET /healthz',
  'GET /readyz',
  'GET /hello',
  'GET /api/openapi.json',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/me',
  'POST /api/me/password',
  'PUT /api/me/signer',
  'GET /api/setup',
  'POST /api/setup',
  'GET /api/org-unit-kinds',
  'GET /api/org-units',
  'POST /api/org-units/import',
  'GET /api/org-units/{code}',
  'GET /api/agency-kinds',
  'GET /api/agencies',
  'POST /api/agencies',
  'GET /api/agencies/{id}',
  'PUT /api/agencies/{id}',
  'GET /api/roles',
  'GET /api/users',
  'POST /api/users',
  'GET /api/users/{id}',
  'PUT /api/users/{id}',
  'POST /api/users/{id}/reset-password',
  'GET /api/audit',
  'GET /api/directive-kinds',
  'GET /api/directives',
  'POST /api/directives',
  'GET /api/directives/{id}',
  'PUT /api/directives/{id}',
  'POST /api/directives/{id}/attachments',
  'GET /api/attachments/{id}',
  'GET /api/tasks',
  'POST /api/tasks',
  'GET /api/tasks/board',
  'GET /api/tasks/overview',
  'GET /api/tasks/{id}',
  'PUT /api/tasks/{id}',
  'POST /api/tasks/{id}/progress',
  // programme review and integration plans (routes_plans.cpp)
  'GET /api/taxonomies/{kind}',
  'PUT /api/taxonomies/{kind}/{code}',
  'GET /api/programmes',
  'POST /api/programmes',
  'GET /api/programmes/{id}',
  'PUT /api/programmes/{id}',
  'GET /api/plans',
  'POST /api/plans',
  'GET /api/plans/inbox',
  'GET /api/plans/{id}',
  'PUT /api/plans/{id}',
  'POST /api/plans/{id}/submit',
  'POST /api/plans/{id}/approve',
  'POST /api/plans/{id}/return',
  'POST /api/plans/{id}/new-version',
  'GET /api/plans/{id}/history',
  'GET /api/plans/{id}/versions',
  'GET /api/plans/{id}/export.xlsx',
  'GET /api/plans/{id}/evaluation',
  'PUT /api/plans/{id}/evaluation',
  'GET /api/plans/{id}/evaluation/document',
  // activities, imports, surveys (routes_activities.cpp)
  'GET /api/activities',
  'POST /api/activities',
  'GET /api/activities/recent',
  'GET /api/activities/export',
  'GET /api/activities/{id}',
  'PUT /api/activities/{id}',
  'DELETE /api/activities/{id}',
  'POST /api/activities/{id}/attachments',
  'GET /api/activity-imports/template',
  'POST /api/activity-imports',
  'GET /api/activity-imports/{id}',
  'POST /api/activity-imports/{id}/commit',
  'GET /api/surveys',
  'PUT /api/surveys',
  'DELETE /api/surveys/{id}',
  // indicators and targets (routes_indicators.cpp)
  'GET /api/indicators',
  'GET /api/indicators/results',
  'GET /api/indicators/scorecard',
  'POST /api/indicators/preview',
  'GET /api/indicator-targets',
  'PUT /api/indicator-targets',
  'DELETE /api/indicator-targets',
  // periodic reports (routes_reports.cpp)
  'GET /api/report-forms',
  'GET /api/report-forms/{code}',
  'GET /api/report-periods',
  'GET /api/reports/acting-units',
  'GET /api/reports/current',
  'PUT /api/reports',
  'GET /api/reports/compile',
  'GET /api/reports/overdue',
  'GET /api/reports/reminders',
  'GET /api/reports/document',
  'POST /api/reports/{id}/submit',
  'POST /api/reports/{id}/accept',
  'POST /api/reports/{id}/return',
  'POST /api/reports/{id}/reopen',
  'GET /api/boundaries',
  'POST /api/boundaries',
  // analytics (routes_analytics.cpp)
  'POST /api/analytics/pivot',
  'POST /api/analytics/pivot/export',
  'GET /api/analytics/meta',
  // ad-hoc report requests (routes_report_requests.cpp)
  'POST /api/report-requests',
  'GET /api/report-requests',
  'GET /api/report-requests/{id}',
  'POST /api/report-requests/{id}/close',
  'GET /api/report-imports/template',
  'POST /api/report-imports',
  'GET /api/report-imports/{id}',
  'POST /api/report-imports/{id}/commit',
];
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
    const hello = await http(server.base, 'GET', '/hello');
    assert.equal(hello.status, 200);
    assert.equal(hello.text, 'hello');
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
    // session routes say so; public ones do not
    for (const key of ['POST /api/auth/login', 'GET /api/setup', 'POST /api/setup', 'GET /api/openapi.json', 'GET /healthz']) {
      const [m, p] = key.split(' ');
      assert.ok(!doc.paths[p][m.toLowerCase()].security, `${key} is public`);
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
