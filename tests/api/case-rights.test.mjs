// The person's rights (issue 16 §6; docs/api-cases.md "The person's rights"): the export of one
// person's data (JSON and .xlsx, the identity only as an audited reveal), correction on request
// (audited without values), anonymisation (the identity wiped for good, then 409
// case_anonymised), retention (`longghep retention run`), and the duplicate search limited and
// logged. Also the planted-name check for what these add: export files, the anonymised record and
// the search log hold no plaintext identity.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

import { DB_KIND, KIND, assertError, assertStatus, cli, listAll, login, startServer, todayVN, unzip } from './harness.mjs';

const run = promisify(execFile);
const PLANTED = 'Nguyễn Thị Kín Đáo';
const PLANTED_ID = '052190123456';
const PLANTED_PHONE = '0912345678';
const LEAK_FORMS = [PLANTED, PLANTED.normalize('NFD'), PLANTED.toUpperCase(), 'nguyen thi kin dao', 'Kín Đáo', 'kin dao',
  PLANTED_ID, '052 190 123 456', PLANTED_PHONE];
const leaks = (text) => {
  const lower = text.toLowerCase();
  return LEAK_FORMS.filter((f) => text.includes(f) || lower.includes(f.toLowerCase()));
};
const addYears = (iso, n) => `${Number(iso.slice(0, 4)) + n}${iso.slice(4)}`;

describe(`the person's rights ${KIND}`, () => {
  let server, S = {}, users = {}, planted;

  before(async () => {
    server = await startServer();
    for (const u of ['admin', 'cm.gialai', 'gs.gialai', 'cm.dongnai', 'congan.gialai', 'thanhtra.gialai', 'xem.gialai'])
      S[u] = await login(server.base, u);
    for (const u of (await listAll(S.admin, '/api/users')).items) users[u.username] = u;
  });
  after(async () => server?.stop());

  const input = (over = {}) => ({
    residenceUnitCode: '21583', residenceAsOf: todayVN(), birthYear: 1990, sex: 'female', targetGroups: ['sex_workers'],
    caseWorkerId: users['cm.gialai'].id, supervisorId: users['gs.gialai'].id, registeredOn: '2026-01-05', ...over,
  });
  const newCase = async (identity) => assertStatus(await S['cm.gialai'].post('/api/cases', { ...input(), identity }), 201);
  const download = async (client, path, body) => {
    const res = await fetch(server.base + path, {
      method: 'POST', body: JSON.stringify(body),
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': 'application/json' },
    });
    return { status: res.status, type: res.headers.get('content-type') || '', buf: Buffer.from(await res.arrayBuffer()) };
  };
  const xlsxText = (buf) => [...unzip(buf).entries()].filter(([n]) => n.endsWith('.xml')).map(([, b]) => b.toString('utf8')).join('\n');

  test('export of one person\'s data: sections without identity; with it only as an audited reveal', async () => {
    planted = await newCase({ fullName: PLANTED, idNumber: '052 190 123 456', phone: PLANTED_PHONE });
    assertStatus(await S['cm.gialai'].post(`/api/cases/${planted.id}/consents`, { purpose: 'services', effectiveOn: '2026-01-05', note: 'Đồng ý tại buổi tư vấn' }), 201);
    assertStatus(await S['cm.gialai'].post(`/api/cases/${planted.id}/services`, {
      serviceCode: 'sti_hiv_testing', hostProgrammeCode: 'hiv_aids', fundingSourceCode: 'provincial_budget', deliveredOn: '2026-02-01', note: 'Xét nghiệm nhanh',
    }), 201);
    // without identity: every section, no plaintext
    const res = await S['cm.gialai'].post(`/api/cases/${planted.id}/rights-export`, {});
    const ex = assertStatus(res, 200);
    assert.deepEqual(leaks(res.text), []);
    assert.equal(ex.identity, undefined);
    assert.equal(ex.record.code, planted.code);
    for (const s of ['record', 'consents', 'services', 'referrals', 'accessLog']) assert.ok(s in ex, s);
    assert.equal(ex.consents.items[0].purpose, 'services');
    assert.equal(ex.services.items[0].service.code ?? ex.services.items[0].serviceCode ?? 'sti_hiv_testing', 'sti_hiv_testing');
    // with identity: a reason, the assigned worker or supervisor only, logged as a reveal
    assertError(await S['cm.gialai'].post(`/api/cases/${planted.id}/rights-export`, { includeIdentity: true }), 400, 'validation_failed', 'reason');
    const reason = 'Yêu cầu của người được hỗ trợ ngày hôm nay';
    assertError(await S.admin.post(`/api/cases/${planted.id}/rights-export`, { includeIdentity: true, reason }), 403, 'forbidden');
    const full = assertStatus(await S['gs.gialai'].post(`/api/cases/${planted.id}/rights-export`, { includeIdentity: true, reason }), 200);
    assert.equal(full.identity.fullName, PLANTED);
    assert.equal(full.identity.idNumber, PLANTED_ID);
    assert.ok(full.accessLog.items.some((e) => e.user.username === 'gs.gialai' && e.reason === reason), 'the reveal is in the access log');
    // the xlsx: the same sections; without identity no plaintext
    const x = await download(S['cm.gialai'], `/api/cases/${planted.id}/rights-export/xlsx`, {});
    assert.equal(x.status, 200);
    assert.match(x.type, /spreadsheetml/);
    const xt = xlsxText(x.buf);
    assert.ok(xt.includes(planted.code) && xt.includes('consents') && xt.includes('services'));
    assert.deepEqual(leaks(xt), [], 'xlsx without identity');
    const xi = await download(S['gs.gialai'], `/api/cases/${planted.id}/rights-export/xlsx`, { includeIdentity: true, reason });
    assert.ok(xlsxText(xi.buf).includes(PLANTED), 'the person\'s own export holds the name');
    // the workbook written on the server is deleted once sent
    assert.deepEqual(readdirSync(tmpdir()).filter((f) => f.startsWith('longghep-rights-')), [], 'no export file left behind');
    // audited: the export (sections, identity or not) and the reveals, never values
    const audit = (await listAll(S.admin, '/api/audit?pageSize=500')).items;
    const exports = audit.filter((e) => e.entity === 'case_rights_export' && e.after?.code === planted.code);
    assert.equal(exports.length, 4);
    assert.deepEqual(exports.map((e) => e.after.identityIncluded).sort(), [false, false, true, true]);
    assert.ok(audit.filter((e) => e.entity === 'case_reveal' && e.after?.code === planted.code).length >= 2);
    assert.deepEqual(leaks(JSON.stringify(audit)), [], 'audit');
    // scope and the wall
    assertError(await S['cm.dongnai'].post(`/api/cases/${planted.id}/rights-export`, {}), 404, 'not_found');
    for (const u of ['congan.gialai', 'thanhtra.gialai', 'xem.gialai']) assertError(await S[u].post(`/api/cases/${planted.id}/rights-export`, {}), 403, 'forbidden');
  });

  test('correction on request: the reference audited, never the values', async () => {
    const c = assertStatus(await S['cm.gialai'].get(`/api/cases/${planted.id}`), 200);
    const ref = 'Yêu cầu đính chính số YC-07/2026';
    const res = await S['cm.gialai'].put(`/api/cases/${planted.id}/identity`, { identity: { address: 'Tổ 3, phường Quy Nhơn' }, version: c.version, correctionRequest: ref });
    planted = assertStatus(res, 200);
    const audit = (await listAll(S.admin, '/api/audit?pageSize=500')).items;
    const corr = audit.find((e) => e.entity === 'case_correction' && e.after?.code === planted.code);
    assert.equal(corr.after.correctionRequest, ref);
    assert.deepEqual(corr.after.changedFields, ['address']);
    assert.ok(!JSON.stringify(audit).includes('Tổ 3'), 'no value in the audit');
    // an identifier in the reference is refused: it is kept in the clear
    assertError(await S['cm.gialai'].put(`/api/cases/${planted.id}/identity`, { identity: { phone: '0900000000' }, version: planted.version, correctionRequest: `CCCD ${PLANTED_ID} xin sửa` }), 400, 'validation_failed', 'correctionRequest');
  });

  test('reveal reasons and consent notes refuse identity numbers and phone numbers (stored in the clear)', async () => {
    let r = await S['cm.gialai'].post(`/api/cases/${planted.id}/reveal`, { reason: `Gọi lại số ${PLANTED_PHONE} để hẹn`, fields: ['phone'] });
    assertError(r, 400, 'validation_failed', 'reason');
    assert.deepEqual(leaks(r.text), []);
    r = await S['cm.gialai'].post(`/api/cases/${planted.id}/consents`, { purpose: 'statistics', note: `CCCD 052 190 123 456` });
    assertError(r, 400, 'validation_failed', 'note');
    assert.deepEqual(leaks(r.text), []);
  });

  test('anonymise: supervisor only, with a reason; identity wiped; then 409 case_anonymised in both languages', async () => {
    const reason = 'Người được hỗ trợ yêu cầu xóa dữ liệu';
    assertError(await S['cm.gialai'].post(`/api/cases/${planted.id}/anonymise`, { reason, version: planted.version }), 403, 'forbidden');
    assertError(await S['gs.gialai'].post(`/api/cases/${planted.id}/anonymise`, { reason: 'ngắn', version: planted.version }), 400, 'validation_failed', 'reason');
    assertError(await S['gs.gialai'].post(`/api/cases/${planted.id}/anonymise`, { reason, version: planted.version - 1 }), 409, 'conflict');
    // case work with the name in its sealed notes (migration 0025): anonymisation erases them too
    assertStatus(await S['cm.gialai'].post(`/api/cases/${planted.id}/assessments`, { items: [{ domain: 'health', level: 'high', note: `Gặp ${PLANTED}` }] }), 201);
    assertStatus(await S['cm.gialai'].post(`/api/cases/${planted.id}/follow-ups`, { dueOn: todayVN(), purpose: `Gọi ${PLANTED}` }), 201);
    assertStatus(await S['cm.gialai'].post(`/api/cases/${planted.id}/closure/request`, { reasonCode: 'other', note: `Theo yêu cầu của ${PLANTED}` }), 201);
    const withWork = assertStatus(await S['cm.gialai'].post(`/api/cases/${planted.id}/rights-export`, {}), 200);
    assert.ok(JSON.stringify(withWork.caseWork).includes(PLANTED), 'the person\'s own export holds their notes');
    assert.ok(Array.isArray(withWork.groups?.items ?? withWork.groups), 'group memberships section');
    planted = assertStatus(await S['cm.gialai'].get(`/api/cases/${planted.id}`), 200);
    const a = assertStatus(await S['gs.gialai'].post(`/api/cases/${planted.id}/anonymise`, { reason, version: planted.version }), 200);
    const work = assertStatus(await S['cm.gialai'].get(`/api/cases/${planted.id}/work`), 200);
    assert.deepEqual(leaks(JSON.stringify(work)), [], 'no note of the case work survives');
    assert.equal(work.assessments[0].items.find((i) => i.domain === 'health').level, 'high', 'levels stay');
    for (const [client, path, b] of [
      ['cm.gialai', `/api/cases/${planted.id}/assessments`, { items: [{ domain: 'health', level: 'low' }] }],
      ['cm.gialai', `/api/cases/${planted.id}/follow-ups`, { dueOn: todayVN() }],
      ['gs.gialai', `/api/cases/${planted.id}/closure/approve`, {}],
      ['cm.gialai', `/api/cases/${planted.id}/reopen`, { note: 'Mở lại thử' }],
    ]) assertError(await S[client].post(path, b), 409, 'case_anonymised');
    assert.equal(a.status, 'anonymised');
    assert.deepEqual(a.sealedFields, []);
    assert.equal(a.code, planted.code);
    assert.equal(a.birthYear, 1990);
    assert.deepEqual(a.targetGroups, ['sex_workers']);
    // the statistics fields stay: consents and services by code and date; their free text is gone
    const ex = assertStatus(await S['cm.gialai'].post(`/api/cases/${planted.id}/rights-export`, {}), 200);
    assert.equal(ex.services.items.length, 1);
    assert.equal(ex.services.items[0].note, '');
    assert.equal(ex.consents.items[0].note, '');
    // nothing to decrypt and nothing to match
    const dup = assertStatus(await S['cm.gialai'].post('/api/cases/duplicates', { fullName: PLANTED, birthYear: 1990, idNumber: PLANTED_ID }), 200);
    assert.deepEqual(dup.items, []);
    const body = { reason: 'Kiểm tra sau khi ẩn danh hồ sơ', fields: ['fullName'] };
    for (const [client, method, path, b] of [
      ['cm.gialai', 'post', `/api/cases/${planted.id}/reveal`, body],
      ['gs.gialai', 'post', `/api/cases/${planted.id}/rights-export`, { includeIdentity: true, reason: body.reason }],
      ['cm.gialai', 'put', `/api/cases/${planted.id}/identity`, { identity: { fullName: PLANTED }, version: a.version }],
      ['cm.gialai', 'put', `/api/cases/${planted.id}`, { ...input(), version: a.version }],
      ['cm.gialai', 'post', `/api/cases/${planted.id}/services`, { serviceCode: 'condoms', hostProgrammeCode: 'hiv_aids', fundingSourceCode: 'provincial_budget' }],
      ['cm.gialai', 'post', `/api/cases/${planted.id}/referrals`, { agencyId: 1, reason: 'Chuyển gửi thử', responseDays: 5 }],
      ['gs.gialai', 'post', `/api/cases/${planted.id}/anonymise`, { reason, version: a.version }],
    ]) {
      const e = assertError(await S[client][method](path, b), 409, 'case_anonymised');
      assert.match(e.message, /ẩn danh/);
      assert.match(e.messageEn, /anonymised/);
    }
    // the audit says who anonymised, with the reason
    const audit = (await listAll(S.admin, '/api/audit?pageSize=500')).items;
    const an = audit.find((e) => e.entity === 'case' && e.after?.code === planted.code && e.after.status === 'anonymised');
    assert.equal(an.after.reason, reason);
    assert.deepEqual(an.after.sealedFields, []);
    assert.ok(an.before.sealedFields.includes('fullName'));
    // the list filters by the new status
    assert.ok((await listAll(S['cm.gialai'], '/api/cases?status=anonymised')).items.some((c) => c.id === planted.id));
  });

  test('retention: closed records older than case_retention_years are anonymised by the system (dry run first)', async () => {
    const c = await newCase({ fullName: 'Người Đóng Hồ Sơ Lâu' });
    // closed through the workflow (migration 0025): the worker asks, the supervisor approves; the
    // closure day (closedOn) is what retention counts from
    assertStatus(await S['cm.gialai'].post(`/api/cases/${c.id}/closure/request`, { reasonCode: 'goals_met' }), 201);
    assertStatus(await S['gs.gialai'].post(`/api/cases/${c.id}/closure/approve`, {}), 200);
    // a later change of a closed record (the outcome may still be recorded) does not postpone it
    assertStatus(await S['cm.gialai'].put(`/api/cases/${c.id}/outcome`, { items: [{ area: 'job', status: 'achieved', asOf: todayVN() }] }), 200);
    const closed = assertStatus(await S['cm.gialai'].get(`/api/cases/${c.id}`), 200);
    assert.equal(closed.status, 'closed');
    const today = todayVN();
    // closed today: not yet
    let out = await cli(['retention', 'run', '--dry-run', '--db', server.url]);
    assert.match(out.stdout, /retention: \d+ closed record\(s\)/);
    const countOf = (s) => Number(/retention: (\d+)/.exec(s)[1]);
    const now = countOf(out.stdout);
    // six years on, it is past 5 years: counted, not touched by a dry run
    out = await cli(['retention', 'run', '--dry-run', '--as-of', addYears(today, 6), '--db', server.url]);
    assert.match(out.stdout, /dry run, none anonymised/);
    const later = countOf(out.stdout);
    assert.ok(later >= now + 1, out.stdout);
    assert.equal(assertStatus(await S['cm.gialai'].get(`/api/cases/${c.id}`), 200).status, 'closed');
    // a longer retention (config) keeps it
    out = await cli(['retention', 'run', '--dry-run', '--as-of', addYears(today, 6), '--db', server.url], { env: { LONGGHEP_CASE_RETENTION_YEARS: '10' } });
    assert.equal(countOf(out.stdout), now);
    out = await cli(['retention', 'run', '--as-of', addYears(today, 6), '--db', server.url]);
    assert.match(out.stdout, new RegExp(`${later} anonymised`));
    const after = assertStatus(await S['cm.gialai'].get(`/api/cases/${c.id}`), 200);
    assert.equal(after.status, 'anonymised');
    assert.deepEqual(after.sealedFields, []);
    assert.equal(after.version, closed.version + 1);
    const audit = (await listAll(S.admin, '/api/audit?pageSize=500')).items;
    const e = audit.find((x) => x.entity === 'case' && x.after?.code === c.code && x.after.status === 'anonymised');
    assert.ok(e, 'audited');
    assert.match(JSON.stringify(e), /retention/);
    out = await cli(['retention', 'run', '--dry-run', '--as-of', addYears(today, 6), '--db', server.url]);
    assert.equal(countOf(out.stdout), 0);
  });

  test('duplicate search: logged without the query, visible to supervisors; 60 per user per hour, then 429', async () => {
    // a demo record that stays open (the retention test above anonymises the demo's closed one)
    assertStatus(await S['cm.gialai'].post('/api/cases/duplicates', { fullName: 'Đinh Thị Thu Trang', birthYear: 1998 }), 200);
    const res = await S['gs.gialai'].get('/api/case-search-log');
    const log = assertStatus(res, 200).items;
    const mine = log.find((e) => e.user.username === 'cm.gialai');
    assert.deepEqual(mine.criteria, ['name']);
    assert.equal(mine.matches, 1);
    assert.ok(!res.text.includes('Thu Trang') && !res.text.toLowerCase().includes('thu trang'), 'never the query');
    assert.deepEqual(leaks(res.text), []);
    for (const u of ['cm.gialai', 'xem.gialai', 'congan.gialai', 'thanhtra.gialai']) assertError(await S[u].get('/api/case-search-log'), 403, 'forbidden');
    // the limit: 60 per user per hour
    const done = log.filter((e) => e.user.username === 'gs.gialai').length;
    for (let i = done; i < 60; ++i) assertStatus(await S['gs.gialai'].post('/api/cases/duplicates', { idNumber: '052191000101' }), 200);
    const r = await S['gs.gialai'].post('/api/cases/duplicates', { idNumber: '052191000101' });
    const e = assertError(r, 429, 'too_many_searches');
    assert.match(e.message, /60 lần/);
    assert.match(e.messageEn, /60 times/);
    const n = assertStatus(await S.admin.get('/api/case-search-log?limit=1000'), 200).items.filter((x) => x.user.username === 'gs.gialai').length;
    assert.equal(n, 60, 'the refused search is not logged');
    assertStatus(await S['cm.gialai'].post('/api/cases/duplicates', { idNumber: '052191000101' }), 200);  // per user
  });

  test('no plaintext identity in the database file (or pg_dump) after anonymisation, nor in the server log', async () => {
    if (DB_KIND === 'sqlite') {
      const file = server.url.replace('sqlite://', '');
      const stored = ['', '-wal'].filter((x) => existsSync(file + x)).map((x) => readFileSync(file + x).toString('latin1')).join('\n');
      const bytes = (s) => Buffer.from(s, 'utf8').toString('latin1');
      assert.deepEqual(LEAK_FORMS.filter((f) => stored.includes(bytes(f))), [], 'the SQLite file and its WAL');
      // the anonymised row holds no sealed text and no hash: nothing left to decrypt or match
      const { stdout } = await run('sqlite3', [file, `SELECT COALESCE(full_name_sealed, '') || COALESCE(id_number_sealed, '') || COALESCE(phone_sealed, '') || COALESCE(address_sealed, '') || COALESCE(notes_sealed, '') || COALESCE(name_hash, '') || COALESCE(id_number_hash, '') || '|' || status FROM case_records WHERE code = '${planted.code}'`]);
      assert.equal(stdout.trim(), '|anonymised');
    } else {
      const { stdout } = await run('pg_dump', ['--no-owner', server.url], { maxBuffer: 512 << 20 });
      assert.deepEqual(leaks(stdout), [], 'pg_dump');
      assert.ok(stdout.includes(planted.code));
      // the anonymised row holds no sealed text and no hash
      const copy = stdout.slice(stdout.indexOf('COPY public.case_records '));
      const row = copy.slice(0, copy.indexOf('\n\\.')).split('\n').find((l) => l.includes(planted.code) && l.includes('anonymised'));
      assert.ok(row, 'the anonymised record is in the dump');
      // no sealed text and no hash left in it (base64 / hex of ≥ 40 characters): nothing to decrypt or match
      assert.deepEqual(row.split('\t').filter((f) => f.length >= 40), [], 'the anonymised row');
    }
    assert.deepEqual(leaks(server.log()), [], 'server log');
  });
});
