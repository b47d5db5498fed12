// The contract check itself (schema-check.mjs): every answer of the suite is validated against
// GET /api/openapi.json, so these tests prove that the check catches a wrong answer — a missing
// required field, a wrong type, a wrong enum value, an undeclared status or content type — and
// that the document declares something for every operation of the server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertStatus, login, startServer } from './harness.mjs';
import { SchemaChecker, findOperation } from './schema-check.mjs';

describe(`contract ${KIND}`, () => {
  let server, admin, doc, checker;

  before(async () => {
    server = await startServer();
    admin = await login(server.base, 'admin');
    const res = await admin.get('/api/openapi.json');
    assertStatus(res, 200);
    doc = res.body;
    checker = new SchemaChecker(doc);
  });
  after(async () => { await server?.stop(); });

  test('every operation declares a success answer and the Error schema for 4XX and 5XX', () => {
    let ops = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        ops++;
        const success = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s));
        assert.ok(success.length >= 1, `${method} ${path} declares no success answer`);
        for (const s of success) {
          if (s === '204') assert.equal(op.responses[s].content, undefined, `${method} ${path} 204 has content`);
          else assert.ok(Object.keys(op.responses[s].content || {}).length, `${method} ${path} ${s} has no content type`);
          const json = op.responses[s].content?.['application/json']?.schema;
          if (json) assert.notDeepEqual(json, { type: 'object' }, `${method} ${path} ${s}: a schema that says nothing`);
        }
        for (const s of ['4XX', '5XX'])
          assert.equal(op.responses[s].content['application/json'].schema.$ref, '#/components/schemas/Error');
      }
    }
    assert.ok(ops > 100, `only ${ops} operations`);
  });

  test('a real answer conforms; the same answer tampered with is rejected, naming operation, status and path', async () => {
    const res = await admin.get('/api/users?pageSize=5');  // validated by the harness on the way in
    assertStatus(res, 200);
    const ok = { status: 200, contentType: 'application/json', body: res.body };
    assert.deepEqual(checker.check('GET', '/api/users?pageSize=5', ok), []);

    const missing = structuredClone(res.body);
    delete missing.items[0].username;
    let problems = checker.check('GET', '/api/users', { ...ok, body: missing });
    assert.ok(problems.length >= 1);
    assert.equal(problems[0].where, 'GET /api/users → 200');
    assert.match(problems[0].message, /^\/items\/0 must have required property 'username'/);

    const wrongType = structuredClone(res.body);
    wrongType.total = String(wrongType.total);
    problems = checker.check('GET', '/api/users', { ...ok, body: wrongType });
    assert.ok(problems.some((p) => /^\/total must be integer/.test(p.message)), JSON.stringify(problems));

    const me = await admin.get('/api/me');
    assertStatus(me, 200);
    const wrongNull = structuredClone(me.body);
    wrongNull.permissions = null;
    problems = checker.check('GET', '/api/me', { status: 200, contentType: 'application/json', body: wrongNull });
    assert.ok(problems.some((p) => p.where === 'GET /api/me → 200' && /^\/permissions must be array/.test(p.message)),
      JSON.stringify(problems));
  });

  test('an error body of the wrong shape, an undeclared status and an undeclared content type are rejected', async () => {
    const res = await admin.get('/api/users/999999999');
    assertStatus(res, 404);
    assert.deepEqual(checker.check('GET', '/api/users/999999999', { status: 404, contentType: 'application/json', body: res.body }), []);
    const bad = { error: { code: 'not_found', message: 'x' } };
    const problems = checker.check('GET', '/api/users/1', { status: 404, contentType: 'application/json', body: bad });
    assert.ok(problems.some((p) => /must have required property 'messageEn'/.test(p.message)), JSON.stringify(problems));

    assert.match(checker.check('GET', '/api/users/1', { status: 302, contentType: 'text/html', body: undefined })[0].message,
      /status 302 is not declared/);
    assert.match(checker.check('GET', '/api/users/1', { status: 200, contentType: 'text/html', body: undefined })[0].message,
      /content type text\/html not declared/);
    // a download declares its file types: .xlsx passes, JSON in its place does not
    assert.deepEqual(checker.check('GET', '/api/plans/1/export.xlsx',
      { status: 200, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), []);
    assert.match(checker.check('GET', '/api/plans/1/export.xlsx', { status: 200, contentType: 'application/json', body: {} })[0].message,
      /content type application\/json not declared/);
  });

  test('paths resolve to the most specific operation', () => {
    assert.equal(findOperation(doc, 'GET', '/api/activities/recent?x=1').key, 'GET /api/activities/recent');
    assert.equal(findOperation(doc, 'GET', '/api/activities/12').key, 'GET /api/activities/{id}');
    assert.equal(findOperation(doc, 'POST', '/api/reports/3/submit').key, 'POST /api/reports/{id}/submit');
    assert.equal(findOperation(doc, 'GET', '/api/nothing-here'), null);
  });
});
