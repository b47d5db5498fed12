// Deadline extensions with a reason (issue 15, migration 0019), overdue-task notifications (once
// per task and due date, written when the agency user reads its notifications or "my work") and
// the coordination plan of guidance 221 §5.2 (a directive of kind coordination_plan linked to an
// integration plan in the caller's scope). docs/api-directives.md.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, login, startServer, todayVN } from './harness.mjs';

const addDays = (iso, n) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

describe(`task extensions and coordination plans ${KIND}`, () => {
  let server, admin, tinh, dongnai, focal, viewer, commune;
  const D = {}, A = {};

  before(async () => {
    server = await startServer();
    admin = await login(server.base, 'admin');
    tinh = await login(server.base, 'tinh.gialai');
    dongnai = await login(server.base, 'tinh.dongnai');
    focal = await login(server.base, 'coquan.gialai');
    viewer = await login(server.base, 'xem.gialai');
    commune = await login(server.base, 'xa.gialai');
    for (const d of (await listAll(admin, '/api/directives')).items) if (d.key) D[d.key] = d;
    for (const a of (await listAll(admin, '/api/agencies')).items) if (a.key) A[a.key] = a;
  });
  after(async () => { await server?.stop(); });

  const notes = async (c) => (await listAll(c, '/api/notifications')).items;

  test('an overdue task notifies its agency once per due date; an extension moves the due date, is kept with its reason and notifies', async () => {
    const today = todayVN();
    const past = addDays(today, -3);
    const t = assertStatus(await tinh.post('/api/tasks', { directiveId: D['gialai-kh-2026'].id, code: 'GH.1',
      title: 'Báo cáo rà soát cơ sở kinh doanh dịch vụ', leadAgencyId: A['gl-soyte'].id, dueDate: past }), 201);
    assert.equal(t.overdue, true);
    assert.deepEqual(t.extensions, []);
    // the focal point of Sở Y tế reads its notifications: one task_overdue for this task and date
    const overdueOf = (items) => items.filter((n) => n.kind === 'task_overdue' && n.subjectId === t.id);
    let mine = overdueOf(await notes(focal));
    assert.equal(mine.length, 1);
    assert.match(mine[0].titleVi, /quá hạn/);
    assert.ok(mine[0].titleVi.includes(past.split('-').reverse().join('/')), 'the due date in dd/mm/yyyy');
    // read again, and through "my work" (twice, concurrently): still one
    const [w1] = await Promise.all([focal.get('/api/my-work'), focal.get('/api/my-work'), focal.get('/api/notifications')]);
    assert.ok(assertStatus(w1, 200).waiting.tasks.some((x) => x.id === t.id && x.overdue));
    assert.equal(overdueOf(await notes(focal)).length, 1);
    // another province's officer is not told
    assert.equal(overdueOf(await notes(dongnai)).length, 0);

    // extension refused: not later, no reason, too long, stale or missing version, bad date; nothing written
    const bad = async (c, body, status, code, field) =>
      assertError(await c.post(`/api/tasks/${t.id}/extensions`, body), status, code, field);
    const ok = { newDueDate: addDays(today, 30), reason: 'Chờ kinh phí bổ sung từ ngân sách tỉnh', version: t.version };
    await bad(tinh, { ...ok, newDueDate: past }, 400, 'validation_failed', 'newDueDate');
    await bad(tinh, { ...ok, newDueDate: addDays(past, -1) }, 400, 'validation_failed', 'newDueDate');
    await bad(tinh, { ...ok, newDueDate: '2026-02-30' }, 400, 'validation_failed', 'newDueDate');
    await bad(tinh, { ...ok, newDueDate: undefined }, 400, 'validation_failed', 'newDueDate');
    await bad(tinh, { ...ok, reason: '' }, 400, 'validation_failed', 'reason');
    await bad(tinh, { ...ok, reason: '   ' }, 400, 'validation_failed', 'reason');
    await bad(tinh, { ...ok, reason: 'ệ'.repeat(1001) }, 400, 'validation_failed', 'reason');
    await bad(tinh, { ...ok, version: t.version + 7 }, 409, 'conflict');
    await bad(tinh, { ...ok, version: undefined }, 400, 'validation_failed', 'version');
    // who may: directives.manage on a task in scope
    await bad(focal, ok, 403, 'forbidden');
    await bad(viewer, ok, 403, 'forbidden');
    await bad(dongnai, ok, 404, 'not_found');
    const still = assertStatus(await tinh.get(`/api/tasks/${t.id}`), 200);
    assert.deepEqual(still.extensions, []);
    assert.equal(still.deadline.dueDate, past);
    assert.equal(still.version, t.version);
    assertError(await tinh.post('/api/tasks/99999999/extensions', ok), 404, 'not_found');

    // granted: 1000 Vietnamese characters are within the limit
    const e = assertStatus(await tinh.post(`/api/tasks/${t.id}/extensions`, ok), 201);
    assert.equal(e.deadline.dueDate, ok.newDueDate);
    assert.equal(e.currentDue, ok.newDueDate, 'the current due date is the latest extension');
    assert.equal(e.overdue, false, 'overdue is derived from the current due date');
    assert.equal(e.version, t.version + 1);
    assert.equal(e.extensions.length, 1);
    assert.deepEqual({ ...e.extensions[0], id: 0, createdAt: '' },
      { id: 0, previousDue: past, newDue: ok.newDueDate, reason: ok.reason, username: 'tinh.gialai', createdAt: '' });
    // a second extension, the history oldest first
    const later = addDays(today, 60);
    const e2 = assertStatus(await tinh.post(`/api/tasks/${t.id}/extensions`,
      { newDueDate: later, reason: 'ệ'.repeat(1000), version: e.version }), 201);
    assert.deepEqual(e2.extensions.map((x) => [x.previousDue, x.newDue]), [[past, ok.newDueDate], [ok.newDueDate, later]]);
    assert.equal(e2.currentDue, later);
    // the list shows the new due date and no longer lists it overdue
    const listed = (await listAll(tinh, `/api/tasks?directiveId=${D['gialai-kh-2026'].id}&overdue=true`)).items;
    assert.ok(!listed.some((x) => x.id === t.id));
    // the agency was told, twice
    const ext = (await notes(focal)).filter((n) => n.kind === 'task_extended' && n.subjectId === t.id);
    assert.equal(ext.length, 2);
    // audited
    const audit = assertStatus(await admin.get('/api/audit?entity=task_extension&pageSize=10'), 200).items;
    const forTask = audit.filter((a) => (a.after?.taskId ?? a.after?.task_id) === t.id);
    assert.equal(forTask.length, 2);
    assert.equal(forTask.find((a) => a.after.dueDate === ok.newDueDate).after.reason, ok.reason);
  });

  test('a recurring task cannot be extended; a commune officer cannot extend its commune task', async () => {
    const t5 = (await listAll(tinh, `/api/tasks?directiveId=${D['gialai-kh-2026'].id}`)).items.find((x) => x.code === '5');
    assert.equal(t5.deadline.recurrence, 'monthly');
    assertError(await tinh.post(`/api/tasks/${t5.id}/extensions`, { newDueDate: '2030-01-01', reason: 'x', version: t5.version }),
      400, 'validation_failed', 'newDueDate');
    const mine = (await listAll(commune, '/api/tasks')).items[0];
    assertError(await commune.post(`/api/tasks/${mine.id}/extensions`, { newDueDate: '2030-01-01', reason: 'x', version: mine.version }),
      403, 'forbidden');
  });

  test('a coordination plan: a directive of kind coordination_plan linked to an integration plan in scope', async () => {
    const kinds = assertStatus(await tinh.get('/api/directive-kinds'), 200).items;
    assert.deepEqual(kinds.find((k) => k.code === 'coordination_plan'), { code: 'coordination_plan', nameVi: 'Kế hoạch phối hợp', nameEn: 'Coordination plan' });
    const plans = (await listAll(tinh, '/api/plans')).items;
    const plan = plans.find((p) => p.agency.name === 'Sở Y tế tỉnh Gia Lai' && p.year === 2026);
    const body = { number: '12/KH-UBND', kind: 'coordination_plan', subject: 'Kế hoạch phối hợp thực hiện lồng ghép năm 2026',
      issueDate: todayVN(), orgUnitCode: '52', planId: plan.id };
    const d = assertStatus(await tinh.post('/api/directives', body), 201);
    assert.deepEqual(d.plan, { id: plan.id, title: plan.title, year: 2026, status: 'approved' });
    assert.equal(d.kindName, 'Kế hoạch phối hợp');
    // the screen opens it editable for the issuing province only
    assert.equal(assertStatus(await tinh.get(`/api/directives/${d.id}`), 200).editable, true);
    assert.equal(assertStatus(await viewer.get(`/api/directives/${d.id}`), 200).editable, false);
    assert.equal(assertStatus(await tinh.get(`/api/directives/${D['bo-221-2023'].id}`), 200).editable, false, 'issued above: read only');
    const linked = (await listAll(tinh, `/api/directives?plan=${plan.id}`)).items;
    assert.deepEqual(linked.map((x) => x.id), [d.id]);
    // another province's plan, or none, is refused and nothing written
    const dnUnit = assertStatus(await dongnai.get('/api/me'), 200);
    assertError(await dongnai.post('/api/directives', { ...body, orgUnitCode: dnUnit.orgUnit?.code ?? '75', planId: plan.id }),
      400, 'validation_failed', 'planId');
    assertError(await tinh.post('/api/directives', { ...body, planId: 99999999 }), 400, 'validation_failed', 'planId');
    assertError(await tinh.post('/api/directives', { ...body, planId: 'x' }), 400, 'validation_failed', 'planId');
    assert.equal((await listAll(tinh, `/api/directives?plan=${plan.id}`)).items.length, 1);
    // the link is kept on edit and can be removed
    const u = assertStatus(await tinh.put(`/api/directives/${d.id}`, { ...body, planId: null, version: d.version }), 200);
    assert.equal(u.plan, null);
    assert.equal((await listAll(tinh, `/api/directives?plan=${plan.id}`)).items.length, 0);
  });
});
