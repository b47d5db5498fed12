// "Việc của tôi" (my work) and in-app notifications (issue 15, item 2), on the real server:
// a plan submitted → its approvers (the province and, by the approval rules, the ministry) see it
// waiting and are notified → the ministry approves → the submitter is notified and sees who acted;
// a report submitted → the province sees it waiting → returns it → the commune is notified;
// notifications are private, paged, counted and marked read (one or all).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, loginAll, startServer, decision } from './harness.mjs';

describe(`my work and notifications ${KIND}`, () => {
  let server, S, agencies;
  const agency = (name) => agencies.find((a) => a.name === name).id;
  const notes = async (who, q = '') => assertStatus(await S[who].get(`/api/notifications${q}`), 200);
  const work = async (who) => assertStatus(await S[who].get('/api/my-work'), 200);

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
    agencies = (await listAll(S.admin, '/api/agencies')).items;
  });
  after(async () => { await server?.stop(); });

  test('every role has a my-work page (the ministry too): no 403, signed out 401', async () => {
    for (const who of Object.keys(S)) {
      const w = await work(who);
      assert.deepEqual(Object.keys(w.waiting).sort(), ['plansToApprove', 'referrals', 'reportsDue', 'reportsToAccept', 'tasks']);
      assert.equal(w.waitingCount, w.waiting.plansToApprove.length + w.waiting.reportsToAccept.length +
        w.waiting.reportsDue.length + w.waiting.tasks.length);
    }
    const res = await fetch(`${server.base}/api/my-work`);
    assert.equal(res.status, 401);
  });

  test('plan submitted → the province and the ministry see it waiting and are notified → the ministry approves → the submitter is notified', async () => {
    const focal = S['coquan.gialai'];
    const before = { bo: (await notes('bo')).unread, tinh: (await notes('tinh.gialai')).unread, focal: (await notes('coquan.gialai')).unread };
    const p = assertStatus(await focal.post('/api/plans', {
      orgUnitCode: '52', agencyId: agency('Sở Y tế tỉnh Gia Lai'), year: 2031, title: 'Kế hoạch việc của tôi',
    }), 201);
    // a draft waits for its own unit; nobody is notified of a draft
    let sent = (await work('coquan.gialai')).sent.plans;
    assert.ok(!sent.some((x) => x.id === p.id), 'not sent yet');
    assertStatus(await focal.post(`/api/plans/${p.id}/submit`, {}), 200);

    // who acts next, as the submitter sees it: the province lead officer of Gia Lai and the ministry
    sent = (await work('coquan.gialai')).sent.plans;
    const mine = sent.find((x) => x.id === p.id);
    assert.equal(mine.status, 'submitted');
    const next = mine.nextActors.map((a) => `${a.unit.code}:${a.role?.code}:${a.action}`).sort();
    assert.ok(next.includes('52:province_lead_officer:approve'), JSON.stringify(next));
    assert.ok(next.includes('VN:ministry_officer:approve'), JSON.stringify(next));
    const ministry = mine.nextActors.find((a) => a.role?.code === 'ministry_officer');
    // the plan itself says so too (every workflow screen)
    const full = assertStatus(await focal.get(`/api/plans/${p.id}`), 200);
    assert.deepEqual(full.nextActors.map((a) => `${a.unit.code}:${a.role?.code}:${a.action}`).sort(), next);
    assert.equal(ministry.role.nameVi, 'Cán bộ Bộ');

    // it waits for the province and for the ministry, not for the submitter, not for Đồng Nai
    assert.ok((await work('tinh.gialai')).waiting.plansToApprove.some((x) => x.id === p.id));
    assert.ok((await work('bo')).waiting.plansToApprove.some((x) => x.id === p.id), 'the ministry sees what waits for it');
    assert.ok(!(await work('coquan.gialai')).waiting.plansToApprove.some((x) => x.id === p.id));
    assert.ok(!(await work('tinh.dongnai')).waiting.plansToApprove.some((x) => x.id === p.id));
    assert.ok(assertStatus(await S.bo.get('/api/plans/inbox'), 200).items.some((x) => x.id === p.id), 'the ministry inbox, no 403');

    // the approvers were notified (written with the submission), the submitter was not
    const bo = await notes('bo');
    assert.equal(bo.unread, before.bo + 1);
    const n = bo.items.find((x) => x.kind === 'plan_submitted' && x.subjectId === p.id);
    assert.ok(n, 'the ministry is notified');
    assert.equal(n.subjectKind, 'plan');
    assert.equal(n.readAt, null);
    assert.match(n.titleVi, /Kế hoạch việc của tôi/);
    assert.equal((await notes('tinh.gialai')).unread, before.tinh + 1);
    assert.equal((await notes('coquan.gialai')).unread, before.focal);

    // the ministry approves: the submitter is notified; it no longer waits anywhere
    const approved = assertStatus(await S.bo.post(`/api/plans/${p.id}/approve`, decision()), 200);
    assert.equal(approved.status, 'approved');
    const f = await notes('coquan.gialai');
    assert.equal(f.unread, before.focal + 1);
    const a = f.items.find((x) => x.kind === 'plan_approved' && x.subjectId === p.id);
    assert.ok(a, 'the submitter is notified of the approval');
    assert.match(a.titleEn, /Plan approved/);
    assert.ok(!(await work('tinh.gialai')).waiting.plansToApprove.some((x) => x.id === p.id));
    const done = (await work('coquan.gialai')).sent.plans.find((x) => x.id === p.id);
    assert.equal(done.status, 'approved');
    assert.deepEqual(done.nextActors, [], 'nobody acts on an approved plan');

    // a notification is its recipient's only: read by another user is 404, by its owner 200
    assertError(await S['tinh.gialai'].post(`/api/notifications/${a.id}/read`, {}), 404, 'not_found');
    const r = assertStatus(await S['coquan.gialai'].post(`/api/notifications/${a.id}/read`, {}), 200);
    assert.equal(r.unread, before.focal);
    assert.notEqual((await notes('coquan.gialai')).items.find((x) => x.id === a.id).readAt, null);
    assertStatus(await S['coquan.gialai'].post(`/api/notifications/${a.id}/read`, {}), 200);  // idempotent
    assertError(await S['coquan.gialai'].post('/api/notifications/abc/read', {}), 404, 'not_found');  // as every {id}
  });

  test('a plan returned notifies its submitter; the returned plan waits for its own unit', async () => {
    const focal = S['coquan.gialai'];
    const p = assertStatus(await focal.post('/api/plans', {
      orgUnitCode: '52', agencyId: agency('Sở Y tế tỉnh Gia Lai'), year: 2032, title: 'Kế hoạch trả lại',
    }), 201);
    assertStatus(await focal.post(`/api/plans/${p.id}/submit`, {}), 200);
    // a refused decision (no comment) writes no notification
    const n0 = (await notes('coquan.gialai')).total;
    assertError(await S['tinh.gialai'].post(`/api/plans/${p.id}/return`, {}), 400, 'validation_failed', 'comment');
    assert.equal((await notes('coquan.gialai')).total, n0);
    assertStatus(await S['tinh.gialai'].post(`/api/plans/${p.id}/return`, { comment: 'Bổ sung kinh phí' }), 200);
    assert.ok((await notes('coquan.gialai')).items.some((x) => x.kind === 'plan_returned' && x.subjectId === p.id));
    const mine = (await work('coquan.gialai')).sent.plans.find((x) => x.id === p.id);
    assert.equal(mine.status, 'returned');
    assert.deepEqual(mine.nextActors.map((a) => [a.unit.code, a.action]), [['52', 'edit']]);
  });

  test('report submitted → the province sees it waiting → returns it → the commune is notified', async () => {
    const xa = S['xa.gialai'], tinh = S['tinh.gialai'];
    const period = assertStatus(await xa.get('/api/report-periods?form=bc_6thang&year=2026'), 200).current;
    let r = assertStatus(await xa.put('/api/reports', { form: 'bc_6thang', period, orgUnitCode: '21583',
      values: { results: 'Đã tổ chức tuyên truyền', difficulties: '', proposals: '' } }), 200);
    const unreadTinh = (await notes('tinh.gialai')).unread;
    r = assertStatus(await xa.post(`/api/reports/${r.id}/submit`, {}), 200);
    assert.equal(r.status, 'submitted');
    // the province is notified and sees it waiting, with the commune's unit named
    const tn = await notes('tinh.gialai');
    assert.equal(tn.unread, unreadTinh + 1);
    assert.ok(tn.items.some((x) => x.kind === 'report_submitted' && x.subjectId === r.id));
    const waiting = (await work('tinh.gialai')).waiting.reportsToAccept.find((x) => x.id === r.id);
    assert.ok(waiting, 'the report waits for the province');
    assert.equal(waiting.orgUnit.code, '21583');
    assert.equal(waiting.submittedBy, 'xa.gialai');
    assert.ok(!(await work('tinh.dongnai')).waiting.reportsToAccept.some((x) => x.id === r.id), 'not for another province');
    // what the commune sent says who acts next: Gia Lai, reviewing
    assert.deepEqual(r.nextActors.map((a) => [a.unit.code, a.action]), [['52', 'review']], 'the report says who acts next');
    let sent = (await work('xa.gialai')).sent.reports.find((x) => x.id === r.id);
    assert.deepEqual(sent.nextActors.map((a) => [a.unit.code, a.action]), [['52', 'review']]);

    const unreadXa = (await notes('xa.gialai')).unread;
    assertStatus(await tinh.post(`/api/reports/${r.id}/return`, { comment: 'Bổ sung phần đề xuất' }), 200);
    const xn = await notes('xa.gialai');
    assert.equal(xn.unread, unreadXa + 1);
    const ret = xn.items.find((x) => x.kind === 'report_returned' && x.subjectId === r.id);
    assert.ok(ret, 'the commune is notified of the return');
    assert.match(ret.titleVi, /Báo cáo bị trả lại/);
    sent = (await work('xa.gialai')).sent.reports.find((x) => x.id === r.id);
    assert.equal(sent.status, 'returned');
    assert.equal(sent.returnComment, 'Bổ sung phần đề xuất');
    assert.deepEqual(sent.nextActors.map((a) => [a.unit.code, a.action]), [['21583', 'submit']]);
    assert.ok(!(await work('tinh.gialai')).waiting.reportsToAccept.some((x) => x.id === r.id), 'left the province');
  });

  test('notifications: paged, unread filter, read-all; bad paging refused', async () => {
    const all = await notes('tinh.gialai', '?pageSize=1');
    assert.equal(all.items.length, 1);
    assert.ok(all.total >= 2);
    const unread = await notes('tinh.gialai', '?filter=unread');
    assert.ok(unread.items.every((x) => x.readAt === null));
    assert.equal(unread.total, unread.unread);
    assertError(await S['tinh.gialai'].get('/api/notifications?filter=maybe'), 400, 'validation_failed', 'filter');
    assertError(await S['tinh.gialai'].get('/api/notifications?pageSize=0'), 400, 'validation_failed', 'pageSize');
    const r = assertStatus(await S['tinh.gialai'].post('/api/notifications/read-all', {}), 200);
    assert.equal(r.marked, unread.unread);
    assert.equal((await notes('tinh.gialai')).unread, 0);
    assert.equal(assertStatus(await S['tinh.gialai'].post('/api/notifications/read-all', {}), 200).marked, 0);
    // the read is audited
    const audit = assertStatus(await S['tinh.gialai'].get('/api/audit?entity=notification'), 200);
    assert.ok(audit.total >= 1);
  });

  test('a task assigned notifies its agency; an extended deadline too; due tasks wait in my work', async () => {
    const tinh = S['tinh.gialai'];
    const soyte = agency('Sở Y tế tỉnh Gia Lai');
    const dir = (await listAll(tinh, '/api/directives')).items.find((d) => d.orgUnit?.code === '52') ??
      (await listAll(tinh, '/api/directives')).items[0];
    const before = (await notes('coquan.gialai')).unread;
    const soon = new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10);
    const task = assertStatus(await tinh.post('/api/tasks', {
      directiveId: dir.id, code: 'MW.1', title: 'Nhiệm vụ thử việc của tôi', leadAgencyId: soyte, orgUnitCode: '52', dueDate: soon,
    }), 201);
    const f = await notes('coquan.gialai');
    assert.equal(f.unread, before + 1);
    assert.ok(f.items.some((x) => x.kind === 'task_assigned' && x.subjectId === task.id), 'the lead agency is notified');
    assert.ok((await work('coquan.gialai')).waiting.tasks.some((x) => x.id === task.id), 'due within two weeks: waits');
    const later = new Date(Date.now() + 40 * 86400_000).toISOString().slice(0, 10);
    assertStatus(await tinh.put(`/api/tasks/${task.id}`, {
      directiveId: dir.id, code: 'MW.1', title: 'Nhiệm vụ thử việc của tôi', leadAgencyId: soyte, orgUnitCode: '52', dueDate: later,
      version: task.version,
    }), 200);
    assert.ok((await notes('coquan.gialai')).items.some((x) => x.kind === 'task_extended' && x.subjectId === task.id));
    assert.ok(!(await work('coquan.gialai')).waiting.tasks.some((x) => x.id === task.id), 'not due for weeks: not waiting');
    // overdue is derived when listing, never stored: the day after the deadline it waits as overdue
    const after = new Date(Date.parse(later) + 2 * 86400_000).toISOString().slice(0, 10);
    const late = assertStatus(await S['coquan.gialai'].get(`/api/my-work?today=${after}`), 200).waiting.tasks.find((x) => x.id === task.id);
    assert.ok(late, 'overdue tasks wait');
    assert.equal(late.overdue, true);
    assert.equal(late.daysOverdue, 2);
    assertError(await S['coquan.gialai'].get('/api/my-work?today=31/12/2026'), 400, 'validation_failed', 'today');
  });
});
