// People supported (issue 16 §4–5; docs/api-cases.md "Case work"): needs assessment, support plan
// with the supervisor's approval (never one's own), follow-ups with the derived overdue flag,
// reintegration outcome, closure with the supervisor's approval and reopen; a closed record
// refuses new work; the wall, roles and scope; sealed notes stay out of the audit.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

import { DB_KIND, KIND, assertError, assertStatus, listAll, login, startServer, todayVN } from './harness.mjs';

const PLANTED = 'Nguyễn Thị Kín Đáo';

const addDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const DOMAINS = ['health', 'safety', 'housing', 'income', 'legal_papers', 'family', 'psychosocial'];

describe(`case work ${KIND}`, () => {
  let server, S = {}, users = {};

  before(async () => {
    server = await startServer();
    for (const u of ['admin', 'tinh.gialai', 'cm.gialai', 'gs.gialai', 'cm.dongnai', 'congan.gialai', 'thanhtra.gialai', 'xem.gialai'])
      S[u] = await login(server.base, u);
    for (const u of (await listAll(S.admin, '/api/users')).items) users[u.username] = u;
  });
  after(async () => server?.stop());

  let n = 0;
  const newCase = async () => assertStatus(await S['cm.gialai'].post('/api/cases', {
    residenceUnitCode: '21583', residenceAsOf: todayVN(), birthYear: 1990, sex: 'female', targetGroups: ['sex_workers'],
    caseWorkerId: users['cm.gialai'].id, supervisorId: users['gs.gialai'].id, registeredOn: '2026-01-05',
    identity: { fullName: `Người Kế Hoạch ${++n} ${Date.now()}` },
  }), 201);
  const cm = () => S['cm.gialai'];
  const gs = () => S['gs.gialai'];
  const goals = [
    { domain: 'health', text: 'Xét nghiệm HIV định kỳ cùng chị Nguyễn Thị Kín Đáo', targetOn: '2026-12-31' },
    { domain: 'income', text: 'Học nghề may', targetOn: '2027-03-31', status: 'in_progress' },
  ];

  test('the demo: an approved plan, a plan waiting for gs.gialai, an overdue follow-up, a closed record, a pending closure', async () => {
    const list = (await listAll(cm(), '/api/cases')).items;
    const works = [];
    for (const c of list) works.push(assertStatus(await gs().get(`/api/cases/${c.id}/work`), 200));
    assert.ok(works.some((w) => w.plans.some((p) => p.status === 'approved' && p.goals.length >= 2) && w.assessments.length >= 2));
    const waiting = works.find((w) => w.plans.some((p) => p.status === 'submitted'));
    assert.ok(waiting, 'a submitted plan');
    assert.equal(waiting.plans[0].submittedBy.username, 'cm.gialai');
    assert.ok(works.some((w) => w.followUps.some((f) => f.overdue && f.status === 'planned')), 'an overdue follow-up');
    const closed = works.find((w) => w.status === 'closed');
    assert.ok(closed?.closedOn && closed.outcome.length === 5 && closed.closure.events[0].kind === 'approve');
    assert.ok(works.some((w) => w.closure.pending && w.closure.events[0].reasonCode === 'moved_away'));
    // gs.gialai approves the waiting plan
    const p = waiting.plans[0];
    const out = assertStatus(await gs().post(`/api/case-plans/${p.id}/approve`, { version: p.version }), 200);
    assert.equal(out.plans[0].status, 'approved');
    assert.equal(out.plans[0].decidedBy.username, 'gs.gialai');
  });

  test('assessment: a level per domain, notes sealed and kept out of the audit, history latest first; bad input 400', async () => {
    const c = await newCase();
    const items = DOMAINS.map((d, i) => ({ domain: d, level: ['none', 'low', 'medium', 'high'][i % 4], note: i ? '' : 'Gặp chị Nguyễn Thị Kín Đáo' }));
    let w = assertStatus(await cm().post(`/api/cases/${c.id}/assessments`, { assessedOn: '2026-01-10', items }), 201);
    assert.equal(w.assessments.length, 1);
    assert.equal(w.assessments[0].items.length, 7);
    assert.equal(w.assessments[0].items[0].note, 'Gặp chị Nguyễn Thị Kín Đáo');
    w = assertStatus(await cm().post(`/api/cases/${c.id}/assessments`, { assessedOn: '2026-02-10', items: [{ domain: 'health', level: 'low' }] }), 201);
    assert.deepEqual(w.assessments.map((a) => a.assessedOn), ['2026-02-10', '2026-01-10']);
    assert.equal(w.assessments[0].assessedBy.username, 'cm.gialai');
    // bad input: both languages, field named, nothing written
    const bad = [
      [{ items: [] }, 'items'],
      [{ items: [{ domain: 'sport', level: 'low' }] }, 'items[0].domain'],
      [{ items: [{ domain: 'health', level: 'extreme' }] }, 'items[0].level'],
      [{ items: [{ domain: 'health', level: 'low' }, { domain: 'health', level: 'high' }] }, 'items[1].domain'],
      [{ items: [{ domain: 'health', level: 'low', note: 'x'.repeat(1001) }] }, 'items[0].note'],
      [{ assessedOn: addDays(todayVN(), 1), items: [{ domain: 'health', level: 'low' }] }, 'assessedOn'],
      [{ assessedOn: '2025-12-31', items: [{ domain: 'health', level: 'low' }] }, 'assessedOn'],
    ];
    for (const [body, field] of bad) {
      const e = assertError(await cm().post(`/api/cases/${c.id}/assessments`, body), 400, 'validation_failed', field);
      assert.ok(e.message && e.messageEn && e.message !== e.messageEn);
    }
    assert.equal(assertStatus(await cm().get(`/api/cases/${c.id}/work`), 200).assessments.length, 2, 'bad input wrote nothing');
    const audit = (await listAll(S.admin, '/api/audit?entity=case_assessment')).items.filter((a) => a.after?.caseId === c.id);
    assert.equal(audit.length, 2);
    assert.ok(audit.every((a) => a.after.code === c.code && !JSON.stringify(a).includes('Kín Đáo')));
    assert.equal(audit.find((a) => a.after.assessedOn === '2026-01-10').after.levels.health, 'none');
  });

  test('plan: draft → submitted → returned (reason) → draft → submitted → approved by the supervisor; a new version supersedes', async () => {
    const c = await newCase();
    let w = assertStatus(await cm().post(`/api/cases/${c.id}/plans`, { goals }), 201);
    let p = w.plans[0];
    assert.equal(p.status, 'draft');
    assert.equal(p.planNo, 1);
    assert.equal(p.goals[0].text, goals[0].text);
    assert.equal(p.goals[0].status, 'not_started');
    // one plan in progress at a time
    assertError(await cm().post(`/api/cases/${c.id}/plans`, { goals }), 409, 'plan_in_progress');
    // a draft is edited; a stale version is refused
    w = assertStatus(await cm().put(`/api/case-plans/${p.id}`, { version: p.version, goals: [goals[0]] }), 200);
    assertError(await cm().put(`/api/case-plans/${p.id}`, { version: p.version, goals }), 409, 'conflict');
    p = w.plans[0];
    assert.equal(p.goals.length, 1);
    // only a submitted plan is decided on
    assertError(await gs().post(`/api/case-plans/${p.id}/approve`, { version: p.version }), 409, 'plan_state');
    w = assertStatus(await cm().post(`/api/case-plans/${p.id}/submit`, { version: p.version }), 200);
    p = w.plans[0];
    assert.equal(p.status, 'submitted');
    assertError(await cm().put(`/api/case-plans/${p.id}`, { version: p.version, goals }), 409, 'plan_state');
    // the case worker cannot approve (no cases.supervise)
    assertError(await cm().post(`/api/case-plans/${p.id}/approve`, { version: p.version }), 403, 'forbidden');
    // a return needs a reason
    assertError(await gs().post(`/api/case-plans/${p.id}/return`, { version: p.version }), 400, 'validation_failed', 'reason');
    w = assertStatus(await gs().post(`/api/case-plans/${p.id}/return`, { version: p.version, reason: 'Thêm mục tiêu về giấy tờ' }), 200);
    p = w.plans[0];
    assert.equal(p.status, 'returned');
    assert.equal(p.returnReason, 'Thêm mục tiêu về giấy tờ');
    w = assertStatus(await cm().put(`/api/case-plans/${p.id}`, { version: p.version, goals: [...goals, { domain: 'legal_papers', text: 'Làm căn cước', targetOn: '2026-09-30' }] }), 200);
    p = w.plans[0];
    assert.equal(p.status, 'draft');
    assert.equal(p.returnReason, '');
    w = assertStatus(await cm().post(`/api/case-plans/${p.id}/submit`, { version: p.version }), 200);
    p = w.plans[0];
    w = assertStatus(await gs().post(`/api/case-plans/${p.id}/approve`, { version: p.version }), 200);
    p = w.plans[0];
    assert.equal(p.status, 'approved');
    assert.equal(p.goals.length, 3);
    // an approved plan is never edited: a new version
    assertError(await cm().put(`/api/case-plans/${p.id}`, { version: p.version, goals }), 409, 'plan_approved');
    w = assertStatus(await cm().post(`/api/cases/${c.id}/plans`, { goals: [{ ...goals[0], status: 'achieved' }] }), 201);
    const v2 = w.plans[0];
    assert.equal(v2.planNo, 2);
    assert.equal(w.plans[1].status, 'approved', 'the approved version stays in force until the new one is approved');
    w = assertStatus(await cm().post(`/api/case-plans/${v2.id}/submit`, { version: v2.version }), 200);
    w = assertStatus(await gs().post(`/api/case-plans/${v2.id}/approve`, { version: w.plans[0].version }), 200);
    assert.deepEqual(w.plans.map((x) => x.status), ['approved', 'superseded']);
    // the audit: statuses and codes, never the goal text
    const audit = (await listAll(S.admin, '/api/audit?entity=case_plan')).items.filter((a) => a.after?.code === c.code);
    assert.ok(audit.length >= 8);
    assert.ok(audit.every((a) => !JSON.stringify(a).includes('Kín Đáo') && !JSON.stringify(a).includes('Học nghề')));
    // bad goals: both languages
    for (const [body, field] of [
      [{ goals: [] }, 'goals'],
      [{ goals: [{ ...goals[0], domain: 'x' }] }, 'goals[0].domain'],
      [{ goals: [{ ...goals[0], text: ' ' }] }, 'goals[0].text'],
      [{ goals: [{ ...goals[0], targetOn: '31/12/2026' }] }, 'goals[0].targetOn'],
      [{ goals: [{ ...goals[0], status: 'done' }] }, 'goals[0].status'],
    ]) assertError(await cm().post(`/api/cases/${c.id}/plans`, body), 400, 'validation_failed', field);
  });

  test('a supervisor never approves a plan or a closure they submitted', async () => {
    const c = await newCase();
    let w = assertStatus(await gs().post(`/api/cases/${c.id}/plans`, { goals }), 201);
    w = assertStatus(await gs().post(`/api/case-plans/${w.plans[0].id}/submit`, { version: w.plans[0].version }), 200);
    const e = assertError(await gs().post(`/api/case-plans/${w.plans[0].id}/approve`, { version: w.plans[0].version }), 403, 'own_submission');
    assert.ok(e.message && e.messageEn);
    assertStatus(await gs().post(`/api/cases/${c.id}/closure/request`, { reasonCode: 'declined' }), 201);
    assertError(await gs().post(`/api/cases/${c.id}/closure/approve`, {}), 403, 'own_submission');
    // nor an account created after the submission (the two-person rule across accounts)
    await new Promise((r) => setTimeout(r, 1100));
    const username = `gs.moi${Date.now()}`;
    assertStatus(await S.admin.post('/api/users', { username, fullName: 'Giám sát mới', password: 'Second1234', orgUnitCode: '52',
      orgUnitAsOf: todayVN(), roles: ['case_supervisor'] }), 201);
    const late = await login(server.base, username, 'Second1234');
    assertStatus(await late.post('/api/me/password', { currentPassword: 'Second1234', newPassword: 'Second12345' }), 204);
    assertError(await late.post(`/api/case-plans/${w.plans[0].id}/approve`, { version: w.plans[0].version }), 403, 'not_independent');
    assertError(await late.post(`/api/cases/${c.id}/closure/approve`, {}), 403, 'not_independent');
    // the admin (cases.supervise, all scope) may
    assertStatus(await S.admin.post(`/api/case-plans/${w.plans[0].id}/approve`, { version: w.plans[0].version }), 200);
    assertStatus(await S.admin.post(`/api/cases/${c.id}/closure/approve`, {}), 200);
  });

  test('follow-ups: planned → done (note) | cancelled; overdue derived', async () => {
    const c = await newCase();
    let w = assertStatus(await cm().post(`/api/cases/${c.id}/follow-ups`, { dueOn: addDays(todayVN(), -3), purpose: 'Gọi điện' }), 201);
    w = assertStatus(await cm().post(`/api/cases/${c.id}/follow-ups`, { dueOn: addDays(todayVN(), 5) }), 201);
    const [late, soon] = w.followUps;
    assert.equal(late.overdue, true);
    assert.equal(late.purpose, 'Gọi điện');
    assert.equal(soon.overdue, false);
    assertError(await cm().post(`/api/cases/${c.id}/follow-ups`, {}), 400, 'validation_failed', 'dueOn');
    assertError(await cm().post(`/api/case-follow-ups/${late.id}/done`, { version: late.version }), 400, 'validation_failed', 'note');
    w = assertStatus(await cm().post(`/api/case-follow-ups/${late.id}/done`, { version: late.version, note: 'Đã gặp, ổn' }), 200);
    const done = w.followUps.find((f) => f.id === late.id);
    assert.equal(done.status, 'done');
    assert.equal(done.overdue, false);
    assert.equal(done.result, 'Đã gặp, ổn');
    assert.equal(done.doneOn, todayVN());
    assertError(await cm().post(`/api/case-follow-ups/${late.id}/cancel`, { version: done.version }), 409, 'followup_state');
    w = assertStatus(await cm().post(`/api/case-follow-ups/${soon.id}/cancel`, { version: soon.version }), 200);
    assert.equal(w.followUps.find((f) => f.id === soon.id).status, 'cancelled');
    assertError(await S['cm.dongnai'].post(`/api/case-follow-ups/${soon.id}/cancel`, { version: 1 }), 404, 'not_found');
  });

  test('closure: PUT cannot change the status; request → rejected, request → approved (closed_on); closed refuses new work; reopen', async () => {
    const c = await newCase();
    const e = assertError(await cm().put(`/api/cases/${c.id}`, {
      residenceUnitCode: '21583', targetGroups: ['sex_workers'], status: 'closed', version: c.version }), 409, 'closure_required');
    assert.match(e.message, /đóng/);
    assert.match(e.messageEn, /closure/);
    assertError(await cm().post(`/api/cases/${c.id}/closure/request`, {}), 400, 'validation_failed', 'reasonCode');
    assertError(await cm().post(`/api/cases/${c.id}/closure/request`, { reasonCode: 'bored' }), 400, 'validation_failed', 'reasonCode');
    assertError(await cm().post(`/api/cases/${c.id}/closure/request`, { reasonCode: 'other' }), 400, 'validation_failed', 'note');
    assertError(await gs().post(`/api/cases/${c.id}/closure/approve`, {}), 409, 'closure_state');
    let w = assertStatus(await cm().post(`/api/cases/${c.id}/closure/request`, { reasonCode: 'other', note: 'Chuyển chương trình khác' }), 201);
    assert.equal(w.closure.pending, true);
    assertError(await cm().post(`/api/cases/${c.id}/closure/request`, { reasonCode: 'declined' }), 409, 'closure_state');
    assertError(await cm().post(`/api/cases/${c.id}/closure/approve`, {}), 403, 'forbidden');
    assertError(await gs().post(`/api/cases/${c.id}/closure/reject`, {}), 400, 'validation_failed', 'note');
    w = assertStatus(await gs().post(`/api/cases/${c.id}/closure/reject`, { note: 'Còn mục tiêu chưa đạt' }), 200);
    assert.equal(w.closure.pending, false);
    assert.equal(w.status, 'open');
    assertStatus(await cm().post(`/api/cases/${c.id}/closure/request`, { reasonCode: 'goals_met' }), 201);
    w = assertStatus(await gs().post(`/api/cases/${c.id}/closure/approve`, {}), 200);
    assert.equal(w.status, 'closed');
    assert.equal(w.closedOn, todayVN());
    assert.deepEqual(w.closure.events.map((x) => x.kind), ['approve', 'request', 'reject', 'request']);
    assert.equal(w.closure.events[3].note, 'Chuyển chương trình khác');
    assert.equal(assertStatus(await cm().get(`/api/cases/${c.id}`), 200).status, 'closed');
    // a closed record refuses new plans, follow-ups, services, referrals — 409 case_closed in both languages
    const agency = (await listAll(S.admin, '/api/agencies')).items.find((a) => a.key === 'gl-soyte');
    for (const [path, body] of [
      [`/api/cases/${c.id}/plans`, { goals }],
      [`/api/cases/${c.id}/follow-ups`, { dueOn: todayVN() }],
      [`/api/cases/${c.id}/assessments`, { items: [{ domain: 'health', level: 'low' }] }],
      [`/api/cases/${c.id}/services`, { serviceCode: 'condoms', hostProgrammeCode: 'hiv_aids', fundingSourceCode: 'provincial_budget' }],
      [`/api/cases/${c.id}/referrals`, { agencyId: agency.id, reason: 'Hỗ trợ', responseDays: 7 }],
    ]) {
      const x = assertError(await cm().post(path, body), 409, 'case_closed');
      assert.ok(x.message && x.messageEn, path);
    }
    // the outcome is still recorded on a closed record
    w = assertStatus(await cm().put(`/api/cases/${c.id}/outcome`, { items: [
      { area: 'job', status: 'achieved', asOf: '2026-06-01' }, { area: 'legal_papers', status: 'in_progress', asOf: '2026-06-01' }] }), 200);
    assert.deepEqual(w.outcome.map((o) => [o.area, o.status]), [['job', 'achieved'], ['legal_papers', 'in_progress']]);
    assertError(await cm().put(`/api/cases/${c.id}/outcome`, { items: [{ area: 'job', status: 'great', asOf: '2026-06-01' }] }), 400, 'validation_failed', 'items[0].status');
    assertError(await cm().put(`/api/cases/${c.id}/outcome`, { items: [{ area: 'car', status: 'achieved', asOf: '2026-06-01' }] }), 400, 'validation_failed', 'items[0].area');
    // reopen (the worker, with a reason)
    assertError(await cm().post(`/api/cases/${c.id}/reopen`, {}), 400, 'validation_failed', 'note');
    w = assertStatus(await cm().post(`/api/cases/${c.id}/reopen`, { note: 'Quay lại xin hỗ trợ' }), 200);
    assert.equal(w.status, 'open');
    assert.equal(w.closedOn, null);
    assertError(await cm().post(`/api/cases/${c.id}/reopen`, { note: 'Lần nữa' }), 409, 'closure_state');
    assertStatus(await cm().post(`/api/cases/${c.id}/follow-ups`, { dueOn: todayVN() }), 201);
    const audit = (await listAll(S.admin, '/api/audit?entity=case_closure')).items.filter((a) => a.after?.caseId === c.id);
    assert.equal(audit.length, 5);
    assert.ok(audit.every((a) => !JSON.stringify(a).includes('Chuyển chương trình') && !JSON.stringify(a).includes('Quay lại')));
  });

  test('the wall, roles and scope: police and inspection 403, no cases.read 403, out of scope 404', async () => {
    const c = await newCase();
    let w = assertStatus(await cm().post(`/api/cases/${c.id}/plans`, { goals }), 201);
    const p = w.plans[0];
    w = assertStatus(await cm().post(`/api/cases/${c.id}/follow-ups`, { dueOn: todayVN() }), 201);
    const f = w.followUps[0];
    const calls = [
      ['get', `/api/cases/${c.id}/work`],
      ['post', `/api/cases/${c.id}/assessments`, { items: [{ domain: 'health', level: 'low' }] }],
      ['post', `/api/cases/${c.id}/plans`, { goals }],
      ['put', `/api/case-plans/${p.id}`, { version: p.version, goals }],
      ['post', `/api/case-plans/${p.id}/submit`, { version: p.version }],
      ['post', `/api/case-plans/${p.id}/approve`, { version: p.version }],
      ['post', `/api/case-plans/${p.id}/return`, { version: p.version, reason: 'x' }],
      ['post', `/api/cases/${c.id}/follow-ups`, { dueOn: todayVN() }],
      ['post', `/api/case-follow-ups/${f.id}/done`, { version: f.version, note: 'x' }],
      ['post', `/api/case-follow-ups/${f.id}/cancel`, { version: f.version }],
      ['put', `/api/cases/${c.id}/outcome`, { items: [{ area: 'job', status: 'achieved', asOf: todayVN() }] }],
      ['post', `/api/cases/${c.id}/closure/request`, { reasonCode: 'goals_met' }],
      ['post', `/api/cases/${c.id}/closure/approve`, {}],
      ['post', `/api/cases/${c.id}/closure/reject`, { note: 'x' }],
      ['post', `/api/cases/${c.id}/reopen`, { note: 'x' }],
    ];
    for (const [m, path, body] of calls) {
      for (const u of ['congan.gialai', 'thanhtra.gialai', 'xem.gialai']) assertError(await S[u][m](path, body), 403, 'forbidden');
      const needsSupervise = /approve|reject|return/.test(path);
      if (!needsSupervise) assertError(await S['cm.dongnai'][m](path, body), 404, 'not_found');
      else assertError(await S['cm.dongnai'][m](path, body), 403, 'forbidden');
    }
    // nothing changed
    w = assertStatus(await cm().get(`/api/cases/${c.id}/work`), 200);
    assert.equal(w.plans.length, 1);
    assert.equal(w.plans[0].status, 'draft');
    assert.equal(w.followUps[0].status, 'planned');
    assert.equal(w.closure.events.length, 0);
    // the audit of case work is hidden from those who may not read support records
    const seen = (await listAll(S['tinh.gialai'], '/api/audit')).items;
    assert.ok(seen.length > 0 && !seen.some((a) => String(a.entity).startsWith('case_')));
  });

  test('free text is sealed: a planted name in every note is in no database byte, audit entry or log line', async () => {
    const c = await newCase();
    const note = `Gặp ${PLANTED} tại nhà`;
    assertStatus(await cm().post(`/api/cases/${c.id}/assessments`, { items: [{ domain: 'family', level: 'high', note }] }), 201);
    let w = assertStatus(await cm().post(`/api/cases/${c.id}/plans`, { goals: [{ domain: 'family', text: note, targetOn: '2027-01-01' }] }), 201);
    w = assertStatus(await cm().post(`/api/case-plans/${w.plans[0].id}/submit`, { version: w.plans[0].version }), 200);
    w = assertStatus(await gs().post(`/api/case-plans/${w.plans[0].id}/return`, { version: w.plans[0].version, reason: note }), 200);
    assert.equal(w.plans[0].returnReason, note);
    w = assertStatus(await cm().post(`/api/cases/${c.id}/follow-ups`, { dueOn: todayVN(), purpose: note }), 201);
    assertStatus(await cm().post(`/api/case-follow-ups/${w.followUps[0].id}/done`, { version: 1, note }), 200);
    assertStatus(await cm().post(`/api/cases/${c.id}/closure/request`, { reasonCode: 'other', note }), 201);
    w = assertStatus(await gs().post(`/api/cases/${c.id}/closure/reject`, { note }), 200);
    assert.ok(JSON.stringify(w).split(PLANTED).length >= 8, 'the readers of the record get the text back');
    const forms = [PLANTED, PLANTED.normalize('NFD'), 'Kín Đáo', 'kin dao'];
    if (DB_KIND === 'sqlite') {
      const file = server.url.replace('sqlite://', '');
      const stored = ['', '-wal'].filter((x) => existsSync(file + x)).map((x) => readFileSync(file + x).toString('latin1')).join('\n');
      const bytes = (s) => Buffer.from(s, 'utf8').toString('latin1');
      assert.deepEqual(forms.filter((f) => stored.toLowerCase().includes(bytes(f).toLowerCase())), [], 'the SQLite file and its WAL');
      assert.ok(stored.includes(c.code));
    } else {
      const { stdout } = await promisify(execFile)('pg_dump', ['--no-owner', server.url], { maxBuffer: 512 << 20 });
      assert.deepEqual(forms.filter((f) => stdout.toLowerCase().includes(f.toLowerCase())), [], 'pg_dump');
      assert.ok(stdout.includes(c.code));
    }
    const audit = JSON.stringify((await listAll(S.admin, '/api/audit?pageSize=500')).items);
    assert.ok(audit.includes(c.code));
    assert.deepEqual(forms.filter((f) => audit.toLowerCase().includes(f.toLowerCase())), [], 'audit');
    assert.deepEqual(forms.filter((f) => server.log().includes(f)), [], 'server log');
  });
});
