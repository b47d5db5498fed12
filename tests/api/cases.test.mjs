// People supported (issue 16; docs/api-cases.md): pseudonymous records, search before create by
// keyed hashes, sealed identities revealed only as an audited act, consent per purpose, the wall
// between support and enforcement, and no plaintext identity anywhere outside the sealed columns.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

import { DB_KIND, KIND, assertError, assertStatus, cli, listAll, login, startServer, todayVN } from './harness.mjs';

const run = promisify(execFile);
const PLANTED = 'Nguyễn Thị Kín Đáo';
const PLANTED_ID = '052190123456';
const PLANTED_PHONE = '0912345678';
const PLANTED_ADDRESS = 'Số 7 hẻm Bí Mật, phường Quy Nhơn';
// every form a leak could take: UTF-8 NFC and NFD, upper case, folded, the identity number plain and grouped
const LEAK_FORMS = [PLANTED, PLANTED.normalize('NFD'), PLANTED.toUpperCase(), 'nguyen thi kin dao', 'Kín Đáo', 'kin dao',
  PLANTED_ID, '052 190 123 456', PLANTED_PHONE, 'Bí Mật', 'bi mat'];

function leaks(text) {
  const lower = text.toLowerCase();
  return LEAK_FORMS.filter((f) => text.includes(f) || lower.includes(f.toLowerCase()));
}

describe(`people supported ${KIND}`, () => {
  let server, S = {}, users = {}, planted;

  before(async () => {
    server = await startServer();
    for (const u of ['admin', 'tinh.gialai', 'xem.gialai', 'cm.gialai', 'gs.gialai', 'cm.dongnai', 'congan.gialai', 'thanhtra.gialai'])
      S[u] = await login(server.base, u);
    for (const u of (await listAll(S.admin, '/api/users')).items) users[u.username] = u;
  });
  after(async () => server?.stop());

  const input = (over = {}) => ({
    residenceUnitCode: '21583', residenceAsOf: todayVN(), birthYear: 1990, sex: 'female', targetGroups: ['sex_workers'],
    caseWorkerId: users['cm.gialai'].id, supervisorId: users['gs.gialai'].id, ...over,
  });

  test('the demo: pseudonymous records of Gia Lai, some recorded in old Bình Định before 07/2025', async () => {
    const gl = (await listAll(S['cm.gialai'], '/api/cases')).items;
    assert.ok(gl.length >= 5, `${gl.length} records`);
    const codes = gl.map((c) => c.code);
    assert.ok(codes.includes('52-2024-000001') && codes.includes('52-2025-000001'), codes.join(' '));
    const old = gl.find((c) => c.code === '52-2024-000001');
    assert.equal(old.residence.orgUnit.code, '21637');
    assert.equal(old.residence.orgUnit.validTo, '2025-06-30', 'the commune version of that time (old Bình Định)');
    assert.equal(old.residence.asOf, '2024-11-05');
    assert.deepEqual(old.sealedFields, ['fullName', 'idNumber']);
    for (const c of gl) {
      assert.match(c.code, /^52-20\d\d-\d{6}$/);
      assert.equal(c.identity, undefined);
      assert.equal(c.fullName, undefined);
    }
    // Đồng Nai's case worker sees only Đồng Nai
    const dn = (await listAll(S['cm.dongnai'], '/api/cases')).items;
    assert.ok(dn.length >= 1 && dn.every((c) => c.code.startsWith('75-')), dn.map((c) => c.code).join(' '));
    assertError(await S['cm.dongnai'].get(`/api/cases/${old.id}`), 404, 'not_found');
    // the old record is found with the old commune as filter, and with the new province
    assert.ok((await listAll(S['cm.gialai'], '/api/cases?orgUnit=21637&asOf=2024-11-05')).items.some((c) => c.id === old.id));
    assertError(await S['cm.gialai'].get('/api/cases?orgUnit=75'), 404, 'not_found');
  });

  test('search before create: keyed hashes of name + birth year and of the CCCD find codes only', async () => {
    const dup = async (client, body) => assertStatus(await client.post('/api/cases/duplicates', body), 200).items;
    let m = await dup(S['cm.gialai'], { fullName: 'Lê Thị Bích Vân', birthYear: 1994 });
    assert.equal(m.length, 1);
    assert.deepEqual(Object.keys(m[0]).sort(), ['code', 'inScope', 'matchedOn']);
    assert.deepEqual(m[0].matchedOn, ['name']);
    assert.equal(m[0].inScope, true);
    // typed differently, decomposed, upper case, extra blanks: the same person
    for (const n of ['le thi bich van', 'LÊ THỊ BÍCH VÂN', '  Lê  Thị Bích Vân ', 'Lê Thị Bích Vân'.normalize('NFD')])
      assert.equal((await dup(S['cm.gialai'], { fullName: n, birthYear: 1994 }))[0]?.code, m[0].code, n);
    assert.deepEqual(await dup(S['cm.gialai'], { fullName: 'Lê Thị Bích Vân', birthYear: 1995 }), []);
    m = await dup(S['cm.gialai'], { idNumber: '052 191 000 101' });
    assert.deepEqual(m.map((x) => x.code), ['52-2024-000001']);
    // a case worker of another province learns the code exists, not where it is visible
    m = await dup(S['cm.dongnai'], { idNumber: '052191000101' });
    assert.equal(m[0].inScope, false);
    assertError(await S['cm.gialai'].post('/api/cases/duplicates', { fullName: 'Lê Thị Bích Vân' }), 400, 'validation_failed', 'birthYear');
    assertError(await S['cm.gialai'].post('/api/cases/duplicates', {}), 400, 'validation_failed', 'idNumber');
    assertError(await S['cm.gialai'].post('/api/cases/duplicates', { idNumber: '1234' }), 400, 'validation_failed', 'idNumber');
  });

  test('create: a client code per province and year, the identity sealed, never answered', async () => {
    const res = await S['cm.gialai'].post('/api/cases', {
      ...input(), identity: { fullName: PLANTED, idNumber: '052 190 123 456', phone: PLANTED_PHONE, address: PLANTED_ADDRESS, notes: 'Ghi chú: Kín Đáo cần hỗ trợ' },
    });
    planted = assertStatus(res, 201);
    assert.deepEqual(leaks(res.text), []);
    const year = todayVN().slice(0, 4);
    assert.match(planted.code, new RegExp(`^52-${year}-\\d{6}$`));
    assert.deepEqual(planted.sealedFields, ['fullName', 'idNumber', 'phone', 'address', 'notes']);
    assert.equal(planted.caseWorker.username, 'cm.gialai');
    assert.equal(planted.supervisor.username, 'gs.gialai');
    assert.equal(planted.status, 'open');
    // codes of one province and year follow each other
    const next = assertStatus(await S['cm.gialai'].post('/api/cases', { ...input(), identity: { fullName: 'Trần Thị Thử' } }), 201);
    assert.equal(Number(next.code.split('-')[2]), Number(planted.code.split('-')[2]) + 1);
    // concurrent creates take different numbers
    const many = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      S['cm.gialai'].post('/api/cases', { ...input(), identity: { fullName: `Người đồng thời ${i}` } })));
    const seqs = many.map((r) => assertStatus(r, 201).code);
    assert.equal(new Set(seqs).size, 8);
    // found by search before create, by name and by CCCD
    const m = assertStatus(await S['cm.gialai'].post('/api/cases/duplicates', { fullName: 'nguyen thi kin dao', birthYear: 1990, idNumber: PLANTED_ID }), 200).items;
    assert.deepEqual(m.map((x) => [x.code, x.matchedOn.sort()]), [[planted.code, ['idNumber', 'name']]]);
    // lists and reads never carry identity
    for (const path of ['/api/cases?pageSize=500', `/api/cases/${planted.id}`, `/api/cases/${planted.id}/consents`])
      assert.deepEqual(leaks((await S['cm.gialai'].get(path)).text), [], path);
    // bad input: 400 naming the field, nothing written
    const before = assertStatus(await S.admin.get('/api/cases?pageSize=1'), 200).total;
    for (const [body, field] of [
      [{ ...input(), identity: {} }, 'identity.fullName'],
      [{ ...input(), identity: { fullName: 'A', shoeSize: '40' } }, 'identity.shoeSize'],
      [{ ...input(), identity: { fullName: 'A', idNumber: '12ab' } }, 'idNumber'],
      [{ ...input({ targetGroups: ['students'] }), identity: { fullName: 'A' } }, 'targetGroups'],
      [{ ...input({ birthYear: 1800 }), identity: { fullName: 'A' } }, 'birthYear'],
      [{ ...input({ sex: 'x' }), identity: { fullName: 'A' } }, 'sex'],
      [{ ...input({ caseWorkerId: users['xem.gialai'].id }), identity: { fullName: 'A' } }, 'caseWorkerId'],
      [{ ...input({ caseWorkerId: users['cm.dongnai'].id }), identity: { fullName: 'A' } }, 'caseWorkerId'],
      [{ ...input({ supervisorId: users['cm.gialai'].id }), identity: { fullName: 'A' } }, 'supervisorId'],
      [{ ...input({ residenceUnitCode: '52' }), identity: { fullName: 'A' } }, 'residenceUnitCode'],
    ]) {
      const r = await S['cm.gialai'].post('/api/cases', body);
      assertError(r, 400, 'validation_failed', field);
      assert.deepEqual(leaks(r.text), []);
    }
    assertError(await S['cm.gialai'].post('/api/cases', { ...input({ residenceUnitCode: '25210' }), identity: { fullName: 'A' } }), 403, 'forbidden', 'residenceUnitCode');
    assert.equal(assertStatus(await S.admin.get('/api/cases?pageSize=1'), 200).total, before);
  });

  test('list filters: status, commune, target group; paged', async () => {
    const all = (await listAll(S['cm.gialai'], '/api/cases')).items;
    const hiv = (await listAll(S['cm.gialai'], '/api/cases?targetGroup=people_with_hiv')).items;
    assert.ok(hiv.length >= 2 && hiv.every((c) => c.targetGroups.includes('people_with_hiv')));
    assert.deepEqual(hiv.map((c) => c.id).sort(), all.filter((c) => c.targetGroups.includes('people_with_hiv')).map((c) => c.id).sort());
    // a commune's records include those of the communes merged into it (old Bình Định's Đống Đa)
    const qn = (await listAll(S['cm.gialai'], '/api/cases?orgUnit=21583')).items;
    assert.ok(qn.some((c) => c.id === planted.id));
    assert.ok(qn.some((c) => c.code === '52-2025-000001' && c.residence.orgUnit.code === '21556'));
    assert.ok(qn.every((c) => ['21583', '21556', '21562', '21580'].includes(c.residence.orgUnit.code)), qn.map((c) => c.residence.orgUnit.code).join(' '));
    assert.ok(qn.length < all.length);
    const p1 = assertStatus(await S['cm.gialai'].get('/api/cases?pageSize=2&page=1&sort=code'), 200);
    const p2 = assertStatus(await S['cm.gialai'].get('/api/cases?pageSize=2&page=2&sort=code'), 200);
    assert.equal(p1.total, all.length);
    assert.ok(p1.items[1].code < p2.items[0].code);
    assertError(await S['cm.gialai'].get('/api/cases?status=lost'), 400, 'validation_failed', 'status');
  });

  test('update: non-sealed fields with a version; sealed fields by the assigned worker only', async () => {
    const cur = assertStatus(await S['cm.gialai'].get(`/api/cases/${planted.id}`), 200);
    const body = { ...input({ birthYear: 1991, targetGroups: ['sex_workers', 'people_with_hiv'] }), version: cur.version };
    const upd = assertStatus(await S['gs.gialai'].put(`/api/cases/${planted.id}`, body), 200);
    assert.equal(upd.birthYear, 1991);
    assert.equal(upd.version, cur.version + 1);
    assertError(await S['gs.gialai'].put(`/api/cases/${planted.id}`, body), 409, 'conflict');
    // the name hash follows the birth year
    const dup = async (y) => assertStatus(await S['cm.gialai'].post('/api/cases/duplicates', { fullName: PLANTED, birthYear: y }), 200).items.map((x) => x.code);
    assert.deepEqual(await dup(1990), []);
    assert.deepEqual(await dup(1991), [planted.code]);
    assertError(await S['cm.gialai'].put(`/api/cases/${planted.id}`, { ...body, version: upd.version, identity: { fullName: 'X' } }), 400, 'validation_failed', 'identity');
    // identity: the assigned worker; admin (cases.record, not assigned) is refused
    assertError(await S.admin.put(`/api/cases/${planted.id}/identity`, { identity: { phone: '0900000000' }, version: upd.version }), 403, 'forbidden');
    const idu = assertStatus(await S['cm.gialai'].put(`/api/cases/${planted.id}/identity`, { identity: { phone: '0987654321' }, version: upd.version }), 200);
    assert.equal(idu.version, upd.version + 1);
    assert.deepEqual(idu.sealedFields, ['fullName', 'idNumber', 'phone', 'address', 'notes']);
    const r = assertStatus(await S['cm.gialai'].post(`/api/cases/${planted.id}/reveal`, { reason: 'Kiểm tra số điện thoại mới cập nhật', fields: ['phone'] }), 200);
    assert.deepEqual(r.identity, { phone: '0987654321' });
    // put the planted phone back, for the leak check
    assertStatus(await S['cm.gialai'].put(`/api/cases/${planted.id}/identity`, { identity: { phone: PLANTED_PHONE }, version: idu.version }), 200);
  });

  test('reveal is an act: assigned worker or supervisor, a reason, logged, shown on the access log', async () => {
    const reason = 'Đối chiếu hồ sơ để chuyển gửi dịch vụ y tế';
    assertError(await S['cm.gialai'].post(`/api/cases/${planted.id}/reveal`, { reason: 'ngắn' }), 400, 'validation_failed', 'reason');
    assertError(await S['cm.gialai'].post(`/api/cases/${planted.id}/reveal`, {}), 400, 'validation_failed', 'reason');
    assertError(await S['cm.gialai'].post(`/api/cases/${planted.id}/reveal`, { reason, fields: ['shoeSize'] }), 400, 'validation_failed', 'fields');
    const r = assertStatus(await S['cm.gialai'].post(`/api/cases/${planted.id}/reveal`, { reason }), 200);
    assert.deepEqual(r.identity, { fullName: PLANTED, idNumber: PLANTED_ID, phone: PLANTED_PHONE, address: PLANTED_ADDRESS, notes: 'Ghi chú: Kín Đáo cần hỗ trợ' });
    assert.equal(r.code, planted.code);
    const s = assertStatus(await S['gs.gialai'].post(`/api/cases/${planted.id}/reveal`, { reason: 'Giám sát: xác minh danh tính khi duyệt kế hoạch', fields: ['fullName'] }), 200);
    assert.deepEqual(s.identity, { fullName: PLANTED });
    // nobody else: admin and the province officer (not assigned / no permission), another case
    // worker of the province, police and inspection (the wall)
    const other = assertStatus(await S.admin.post('/api/users', { username: 'cm2.gialai', fullName: 'Cán bộ khác', password: 'Other12345',
      orgUnitCode: '52', orgUnitAsOf: todayVN(), roles: ['case_worker'] }), 201);
    const cm2 = await login(server.base, 'cm2.gialai', 'Other12345');
    assertStatus(await cm2.post('/api/me/password', { currentPassword: 'Other12345', newPassword: 'Other123456' }), 204);
    assert.ok(other.id);
    // another case worker of the province cannot take the record over to reveal it: only a supervisor reassigns
    const cur = assertStatus(await S['cm.gialai'].get(`/api/cases/${planted.id}`), 200);
    const take = { ...input({ birthYear: cur.birthYear, targetGroups: cur.targetGroups, caseWorkerId: other.id }), version: cur.version };
    assertError(await cm2.put(`/api/cases/${planted.id}`, take), 403, 'forbidden', 'caseWorkerId');
    assertError(await S['cm.gialai'].put(`/api/cases/${planted.id}`, take), 403, 'forbidden', 'caseWorkerId');
    assert.equal(assertStatus(await S['cm.gialai'].get(`/api/cases/${planted.id}`), 200).version, cur.version, 'nothing written');
    for (const [who, client, status] of [['admin', S.admin, 403], ['tinh.gialai', S['tinh.gialai'], 403], ['cm2.gialai', cm2, 403],
      ['congan.gialai', S['congan.gialai'], 403], ['thanhtra.gialai', S['thanhtra.gialai'], 403], ['cm.dongnai', S['cm.dongnai'], 404]]) {
      const x = await client.post(`/api/cases/${planted.id}/reveal`, { reason });
      assert.equal(x.status, status, who);
      assert.deepEqual(leaks(x.text), [], who);
    }
    // the access log: who, when, which fields, why — newest first; readable by the assigned and supervisors
    const log = assertStatus(await S['cm.gialai'].get(`/api/cases/${planted.id}/access-log`), 200).items;
    assert.deepEqual(log.slice(0, 2).map((e) => [e.user.username, e.fields, e.reason]),
      [['gs.gialai', ['fullName'], 'Giám sát: xác minh danh tính khi duyệt kế hoạch'], ['cm.gialai', ['fullName', 'idNumber', 'phone', 'address', 'notes'], reason]]);
    assert.ok(log.every((e) => e.action === 'reveal' && /^\d{4}-\d\d-\d\dT/.test(e.at)));
    assert.equal(log.length, 3, 'refused attempts reveal nothing and are not reveals');
    assertError(await cm2.get(`/api/cases/${planted.id}/access-log`), 403, 'forbidden');
    assertStatus(await S['gs.gialai'].get(`/api/cases/${planted.id}/access-log`), 200);
    // the audit records the reveal (who, fields, why), never the values
    const audit = (await listAll(S.admin, '/api/audit?entity=case_reveal')).items;
    assert.ok(audit.some((e) => e.after.code === planted.code && e.after.reason === reason && e.username === 'cm.gialai'));
  });

  test('consent per purpose: never by default, dated, versioned, withdrawable', async () => {
    const path = `/api/cases/${planted.id}/consents`;
    let c = assertStatus(await S['cm.gialai'].get(path), 200);
    assert.deepEqual(c, { items: [], current: {} });
    c = assertStatus(await S['cm.gialai'].post(path, { purpose: 'statistics', effectiveOn: todayVN() }), 201);
    assert.deepEqual(c.current, { statistics: true });
    assertError(await S['cm.gialai'].post(path, { purpose: 'statistics' }), 409, 'consent_already_given');
    c = assertStatus(await S['cm.gialai'].post(path, { purpose: 'referral:so', note: 'Đồng ý chuyển gửi Sở Y tế' }), 201);
    assert.deepEqual(c.current, { statistics: true, 'referral:so': true });
    assertError(await S['cm.gialai'].post(path, { purpose: 'referral:nowhere' }), 400, 'validation_failed', 'purpose');
    assertError(await S['cm.gialai'].post(path, { purpose: 'marketing' }), 400, 'validation_failed', 'purpose');
    assertError(await S['cm.gialai'].post(path, { purpose: 'services', effectiveOn: '2000-01-01' }), 400, 'validation_failed', 'effectiveOn');
    const stat = c.items.find((x) => x.purpose === 'statistics');
    c = assertStatus(await S['gs.gialai'].post(`${path}/${stat.id}/withdraw`, { note: 'Rút lại' }), 201);
    assert.deepEqual(c.current, { statistics: false, 'referral:so': true });
    assert.deepEqual(c.items.filter((x) => x.purpose === 'statistics').map((x) => [x.action, x.version]), [['given', 1], ['withdrawn', 2]]);
    assertError(await S['gs.gialai'].post(`${path}/${stat.id}/withdraw`, {}), 409, 'consent_not_given');
    assertError(await S['gs.gialai'].post(`${path}/999999/withdraw`, {}), 404, 'not_found');
    c = assertStatus(await S['cm.gialai'].post(path, { purpose: 'statistics' }), 201);
    assert.equal(c.items.filter((x) => x.purpose === 'statistics').at(-1).version, 3);
    assertError(await S['cm.dongnai'].get(path), 404, 'not_found');
  });

  test('a case worker reads the shared taxonomies (target groups) without programmes.read; police does not', async () => {
    const groups = assertStatus(await S['cm.gialai'].get('/api/taxonomies/target-groups'), 200);
    assert.ok(Array.isArray(groups.items ?? groups) && (groups.items ?? groups).length > 0, 'target groups listed');
    assertError(await S['congan.gialai'].get('/api/taxonomies/target-groups'), 403, 'forbidden');
  });

  test('the wall: police and inspection never read support records, whatever roles they are given', async () => {
    const routes = [['GET', '/api/cases'], ['GET', `/api/cases/${planted.id}`], ['GET', `/api/cases/${planted.id}/consents`],
      ['GET', `/api/cases/${planted.id}/access-log`], ['POST', '/api/cases/duplicates', { idNumber: PLANTED_ID }]];
    for (const who of ['congan.gialai', 'thanhtra.gialai'])
      for (const [m, p, b] of routes) assertError(await S[who].request(m, p, b), 403, 'forbidden');
    // given a case worker role besides: still refused, and the web sees no cases permission
    const u = users['congan.gialai'];
    assertStatus(await S.admin.put(`/api/users/${u.id}`, { fullName: u.fullName, orgUnitCode: '52', roles: ['police_officer', 'case_worker'],
      active: true, version: assertStatus(await S.admin.get(`/api/users/${u.id}`), 200).version }), 200);
    const police = await login(server.base, 'congan.gialai');
    const me = assertStatus(await police.get('/api/me'), 200);
    assert.ok(me.roles.includes('case_worker'));
    assert.deepEqual(me.permissions.filter((p) => p.startsWith('cases.')), []);
    for (const [m, p, b] of routes) assertError(await police.request(m, p, b), 403, 'forbidden');
    assertError(await police.post(`/api/cases/${planted.id}/reveal`, { reason: 'Điều tra vụ việc liên quan' }), 403, 'forbidden');
    // nor can such an account be assigned a record
    assertError(await S['cm.gialai'].post('/api/cases', { ...input({ caseWorkerId: u.id }), identity: { fullName: 'A' } }), 400, 'validation_failed', 'caseWorkerId');
  });

  test('no plaintext identity anywhere: database file (and WAL) or pg_dump, audit, server log', async () => {
    let stored;
    if (DB_KIND === 'sqlite') {
      const file = server.url.replace('sqlite://', '');
      stored = ['', '-wal'].filter((x) => existsSync(file + x)).map((x) => readFileSync(file + x).toString('latin1')).join('\n');
      // latin1 keeps bytes; the UTF-8 forms are searched as their bytes
      const bytes = (s) => Buffer.from(s, 'utf8').toString('latin1');
      const hits = LEAK_FORMS.filter((f) => stored.includes(bytes(f)) || stored.toLowerCase().includes(bytes(f).toLowerCase()));
      assert.deepEqual(hits, [], 'the SQLite file and its WAL');
      assert.ok(stored.includes(planted.code), 'the file is the one written (it holds the code)');
    } else {
      const { stdout } = await run('pg_dump', ['--no-owner', server.url], { maxBuffer: 512 << 20 });
      assert.deepEqual(leaks(stdout), [], 'pg_dump');
      assert.ok(stdout.includes(planted.code), 'the dump is of the database written (it holds the code)');
    }
    const audit = (await listAll(S.admin, '/api/audit?pageSize=500')).items;
    assert.ok(audit.some((e) => e.entity === 'case' && e.after?.code === planted.code));
    assert.deepEqual(leaks(JSON.stringify(audit)), [], 'audit');
    assert.deepEqual(leaks(server.log()), [], 'server log');
  });

  test('reveals are rate-limited: 20 per user per hour', async () => {
    const reason = 'Kiểm tra giới hạn số lần xem danh tính';
    const done = assertStatus(await S['gs.gialai'].get(`/api/cases/${planted.id}/access-log`), 200).items.filter((e) => e.user.username === 'gs.gialai').length;
    for (let i = done; i < 20; ++i) assertStatus(await S['gs.gialai'].post(`/api/cases/${planted.id}/reveal`, { reason, fields: ['fullName'] }), 200);
    const r = await S['gs.gialai'].post(`/api/cases/${planted.id}/reveal`, { reason, fields: ['fullName'] });
    assertError(r, 429, 'too_many_reveals');
    assert.deepEqual(leaks(r.text), []);
    const n = assertStatus(await S['gs.gialai'].get(`/api/cases/${planted.id}/access-log`), 200).items.filter((e) => e.user.username === 'gs.gialai').length;
    assert.equal(n, 20, 'the refused reveal is not logged as one');
    assertStatus(await S['cm.gialai'].post(`/api/cases/${planted.id}/reveal`, { reason, fields: ['fullName'] }), 200);  // per user
  });
});

describe(`people supported without keys ${KIND}`, () => {
  test('no master key: the server starts, case routes answer 503 in both languages; a wrong key too', async () => {
    const server = await startServer({ env: { LONGGHEP_CASE_KEY_FILE: '', LONGGHEP_CASE_MASTER_KEY: '' } });
    try {
      const admin = await login(server.base, 'admin');
      assertStatus(await admin.get('/api/me'), 200);
      for (const [m, p] of [['GET', '/api/cases'], ['GET', '/api/cases/1'], ['POST', '/api/cases/duplicates']]) {
        const r = await admin.request(m, p, m === 'POST' ? { idNumber: '052191000101' } : undefined);
        assertError(r, 503, 'case_keys_unavailable');
        assert.match(r.body.error.message, /khóa/);
        assert.match(r.body.error.messageEn, /key/);
      }
    } finally {
      await server.stop();
    }
    // another master key than the one that sealed the data keys: 503 too, nothing opened
    const other = join(tmpdir(), `lg-other-${randomBytes(4).toString('hex')}.key`);
    writeFileSync(other, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    const wrong = await startServer({ env: { LONGGHEP_CASE_KEY_FILE: other } });
    try {
      const admin = await login(wrong.base, 'admin');
      const r = await admin.get('/api/cases');
      assertError(r, 503, 'case_keys_unavailable');
      assert.match(r.body.error.messageEn, /does not open/);
    } finally {
      await wrong.stop();
      rmSync(other, { force: true });
    }
  });

  test('keys rotate: a new master key re-wraps the data keys; records open with it, not with the old one', async () => {
    const keyFile = join(tmpdir(), `lg-rot-${randomBytes(4).toString('hex')}.key`);
    await cli(['keys', 'init', '--key-file', keyFile]);
    const first = readFileSync(keyFile, 'utf8');
    const server = await startServer({ seed: 'none', prepare: async (url) => {
      await cli(['demo', '--db', url], { env: { LONGGHEP_CASE_KEY_FILE: keyFile } });
    }, env: { LONGGHEP_CASE_KEY_FILE: keyFile } });
    try {
      const cm = await login(server.base, 'cm.gialai');
      const c = (await listAll(cm, '/api/cases')).items.find((x) => x.code === '52-2025-000001');
      const reveal = async (client) => client.post(`/api/cases/${c.id}/reveal`, { reason: 'Kiểm tra sau khi xoay khóa chính', fields: ['fullName'] });
      const before = assertStatus(await reveal(cm), 200).identity.fullName;
      const out = await cli(['keys', 'rotate', '--db', server.url], { env: { LONGGHEP_CASE_KEY_FILE: keyFile } });
      assert.match(out.stdout, /re-wrapped under master key [0-9a-f]{16}/);
      const second = readFileSync(keyFile, 'utf8');
      assert.notEqual(second, first);
      assert.equal(second.split('\n').filter((l) => /^[0-9a-f]{64}$/.test(l)).length, 1, 'only the new key is left');
      // the running server keeps working (no downtime)
      assert.equal(assertStatus(await reveal(cm), 200).identity.fullName, before);
      const st = await cli(['keys', 'status', '--db', server.url], { env: { LONGGHEP_CASE_KEY_FILE: keyFile } });
      assert.match(st.stdout, /the configured key opens the data keys/);
      // the old key no longer opens them
      const oldFile = `${keyFile}.old`;
      writeFileSync(oldFile, first, { mode: 0o600 });
      const st2 = await cli(['keys', 'status', '--db', server.url], { env: { LONGGHEP_CASE_KEY_FILE: oldFile } });
      assert.match(st2.stdout, /not usable/);
      rmSync(oldFile, { force: true });
      // a second server on the rotated key opens the same records
      const again = await startServer({ shareWith: server, env: { LONGGHEP_CASE_KEY_FILE: keyFile } });
      try {
        const cm2 = await login(again.base, 'cm.gialai');
        assert.equal(assertStatus(await reveal(cm2), 200).identity.fullName, before);
      } finally {
        await again.stop();
      }
    } finally {
      await server.stop();
      rmSync(keyFile, { force: true });
    }
  });
});
