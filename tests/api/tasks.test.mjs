// Tasks assigned by directives (docs/api-directives.md): who sees which task (the province its
// own, an agency focal point its agency's, another province nothing), `overdue` derived on read,
// the board per agency and the overview for the province lead department, CRUD with validation
// and versions, progress updates with evidence files.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, login, startServer, todayVN } from './harness.mjs';

// The demo's overdue facts are stated for this day (?today= pins the evaluation day).
const DAY = '2026-11-23';
const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n'));
const PNG = new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));

describe(`tasks ${KIND}`, () => {
  let server, admin, tinh, dongnai, focal, commune, viewer, bo;
  const D = {}, A = {};

  before(async () => {
    server = await startServer();
    admin = await login(server.base, 'admin');
    tinh = await login(server.base, 'tinh.gialai');
    dongnai = await login(server.base, 'tinh.dongnai');
    focal = await login(server.base, 'coquan.gialai');
    commune = await login(server.base, 'xa.gialai');
    viewer = await login(server.base, 'xem.gialai');
    bo = await login(server.base, 'bo');
    for (const d of (await listAll(admin, '/api/directives')).items) if (d.key) D[d.key] = d;
    for (const a of (await listAll(admin, '/api/agencies')).items) if (a.key) A[a.key] = a;
  });
  after(async () => { await server?.stop(); });

  const tasksOf = async (c, query = '') => (await listAll(c, `/api/tasks?today=${DAY}${query ? `&${query}` : ''}`)).items;
  const label = (t) => `${t.directive.number} ${t.code}`;
  const glTask = async (code) => (await tasksOf(admin, `directiveId=${D['gialai-kh-2026'].id}`)).find((t) => t.code === code);

  test('the province lead officer sees its plan by agency with the overdue ones marked', async () => {
    const gl = await tasksOf(tinh, `directiveId=${D['gialai-kh-2026'].id}`);
    assert.deepEqual(gl.map((t) => t.code).sort(), ['1', '2', '3', '4', '5', '6', '7']);
    const overdue = Object.fromEntries(gl.map((t) => [t.code, t.overdue]));
    assert.deepEqual(overdue, { 1: false, 2: false, 3: true, 4: true, 5: true, 6: false, 7: false });
    const t3 = gl.find((t) => t.code === '3');
    assert.equal(t3.currentDue, '2026-09-30');
    assert.equal(t3.daysOverdue, 54);
    assert.equal(t3.leadAgency.name, 'Công an tỉnh Gia Lai');
    const t5 = gl.find((t) => t.code === '5');
    assert.equal(t5.deadline.recurrence, 'monthly');
    assert.equal(t5.currentDue, '2026-10-25', 'the October broadcast was never reported');
    const t1 = gl.find((t) => t.code === '1');
    assert.deepEqual(t1.deadline.dueDays, ['06-15', '12-15']);
    assert.equal(t1.currentDue, '2026-12-15');
    assert.equal(gl.find((t) => t.code === '2').status, 'done');
    // overdue=true lists exactly those (old Bình Định tasks are all reported)
    assert.deepEqual((await tasksOf(tinh, 'overdue=true')).map(label).sort(), ['45/KH-UBND 3', '45/KH-UBND 4', '45/KH-UBND 5']);
    // the whole scope: Gia Lai 2026 and old Bình Định 2023, nothing else
    const mine = await tasksOf(tinh);
    assert.deepEqual([...new Set(mine.map((t) => t.directive.number))].sort(), ['45/KH-UBND', '…/UBND-VX']);
    // the evaluation day defaults to today in Vietnam
    assert.equal(assertStatus(await tinh.get('/api/tasks?pageSize=1'), 200).today, todayVN());
  });

  test('overview for the lead department: per agency counts and the overdue tasks listed', async () => {
    const o = assertStatus(await tinh.get(`/api/tasks/overview?orgUnit=52&today=${DAY}`), 200);
    assert.equal(o.orgUnit.name, 'Gia Lai');
    assert.equal(o.counts.overdue, 3);
    assert.equal(o.counts.total, 11);
    const by = Object.fromEntries(o.agencies.map((a) => [a.agency.name, a.counts]));
    assert.deepEqual(by['Công an tỉnh Gia Lai'], { total: 1, notStarted: 0, inProgress: 1, done: 0, overdue: 1 });
    assert.deepEqual(by['Sở Y tế tỉnh Gia Lai'], { total: 2, notStarted: 1, inProgress: 1, done: 0, overdue: 0 });
    assert.ok(o.agencies[0].counts.overdue >= o.agencies.at(-1).counts.overdue, 'the late first');
    assert.deepEqual(o.overdue.map((t) => t.code), ['3', '5', '4'], 'longest overdue first');
    // the default unit is the caller's; another province's overview is not found
    assert.equal(assertStatus(await tinh.get(`/api/tasks/overview?today=${DAY}`), 200).counts.total, 11);
    assertError(await dongnai.get('/api/tasks/overview?orgUnit=52'), 404, 'not_found');
    assertError(await tinh.get('/api/tasks/overview?orgUnit=99999'), 404, 'org_unit_not_found');
    // Đồng Nai's officer sees Đồng Nai's (old province merged in), not Gia Lai's
    const dn = assertStatus(await dongnai.get(`/api/tasks/overview?today=${DAY}`), 200);
    assert.equal(dn.counts.total, 9);
    assert.ok(dn.agencies.every((a) => /Đồng Nai|Biên Hòa/.test(a.agency.name)));
  });

  test('another province sees none of Gia Lai\'s tasks: 404 on direct access', async () => {
    const dn = await tasksOf(dongnai);
    assert.ok(dn.length === 9 && dn.every((t) => t.directive.number === '…/KH-SLĐTBXH'));
    const t3 = await glTask('3');
    assertError(await dongnai.get(`/api/tasks/${t3.id}`), 404, 'not_found');
    assertError(await dongnai.post(`/api/tasks/${t3.id}/progress`, { note: 'x', status: 'done' }), 404, 'not_found');
    assertError(await dongnai.put(`/api/tasks/${t3.id}`, { code: '3', title: 'x', leadAgencyId: t3.leadAgency.id, version: t3.version }), 404, 'not_found');
    assertError(await dongnai.get(`/api/tasks/board?agencyId=${A['gl-congan'].id}`), 404, 'not_found');
    assertError(await tinh.get('/api/tasks/99999999'), 404, 'not_found');
  });

  test('an agency focal point sees and updates only its agency\'s tasks', async () => {
    const mine = await tasksOf(focal);
    const soyte = A['gl-soyte'].id;
    assert.deepEqual(mine.map((t) => t.code).sort(), ['1', '2', '3', '7']);
    for (const t of mine) assert.ok(t.leadAgency.id === soyte || t.coAgencies.some((a) => a.id === soyte), label(t));
    const b = assertStatus(await focal.get(`/api/tasks/board?today=${DAY}`), 200);
    assert.equal(b.agency.id, soyte);
    assert.deepEqual(b.counts, { total: 4, notStarted: 1, inProgress: 2, done: 1, overdue: 1 });
    assert.deepEqual(b.columns.done.map((t) => t.code), ['2']);
    assertError(await focal.get(`/api/tasks/board?agencyId=${A['gl-hlhpn'].id}`), 404, 'not_found');
    const t4 = await glTask('4');
    assertError(await focal.get(`/api/tasks/${t4.id}`), 404, 'not_found');
    assertError(await focal.post(`/api/tasks/${t4.id}/progress`, { note: 'x' }), 404, 'not_found');
    const t7 = await glTask('7');
    const after = assertStatus(await focal.post(`/api/tasks/${t7.id}/progress`, { note: 'Đã tư vấn cho 25 người.', status: 'in_progress' }), 201);
    assert.equal(after.status, 'in_progress');
    assert.equal(after.updates[0].note, 'Đã tư vấn cho 25 người.');
    assert.equal(after.updates[0].username, 'coquan.gialai');
    // the focal point reads but does not assign
    assertError(await focal.post('/api/tasks', { directiveId: D['gialai-kh-2026'].id, code: 'X', title: 'x', leadAgencyId: soyte }), 403, 'forbidden');
  });

  test('a commune officer updates the tasks of its commune only', async () => {
    const mine = await tasksOf(commune);
    assert.deepEqual(mine.map(label), ['45/KH-UBND 6']);
    assertStatus(await commune.post(`/api/tasks/${mine[0].id}/progress`, { note: 'Khảo sát thêm 6 cơ sở.' }), 201);
    const t3 = await glTask('3');
    assertError(await commune.get(`/api/tasks/${t3.id}`), 404, 'not_found');
    assertError(await viewer.post(`/api/tasks/${mine[0].id}/progress`, { note: 'x' }), 403, 'forbidden');
    assertError(await bo.post(`/api/tasks/${mine[0].id}/progress`, { note: 'x' }), 403, 'forbidden');
  });

  test('board of an agency by the province officer; filters', async () => {
    const b = assertStatus(await tinh.get(`/api/tasks/board?agencyId=${A['gl-hlhpn'].id}&today=${DAY}`), 200);
    assert.deepEqual(b.columns.not_started.map((t) => [t.code, t.overdue]), [['4', true]]);
    assertError(await viewer.get('/api/tasks/board'), 400, 'validation_failed', 'agencyId');
    assert.equal(assertStatus(await tinh.get('/api/tasks/board'), 200).agency.id, A['gl-soyte'].id, 'default: the caller\'s agency');
    assertError(await tinh.get('/api/tasks/board?agencyId=99999999'), 404, 'not_found');
    assert.deepEqual((await tasksOf(tinh, `agencyId=${A['gl-congan'].id}`)).map((t) => t.code).sort(), ['3', '7']);
    assert.deepEqual((await tasksOf(tinh, 'status=done')).length, 5);
    assert.deepEqual((await tasksOf(tinh, 'orgUnit=21583')).map((t) => t.code), ['6']);
    assert.deepEqual((await tasksOf(tinh, `q=${encodeURIComponent('kiem tra lien nganh')}`)).map((t) => t.code), ['3']);
    assertError(await tinh.get('/api/tasks?status=overdue'), 400, 'validation_failed', 'status');
    assertError(await tinh.get('/api/tasks?overdue=yes'), 400, 'validation_failed', 'overdue');
    assertError(await tinh.get('/api/tasks?agencyId=0'), 400, 'validation_failed', 'agencyId');
    assertError(await tinh.get('/api/tasks?directiveId=x'), 400, 'validation_failed', 'directiveId');
    assertError(await tinh.get('/api/tasks?orgUnit=540'), 404, 'org_unit_not_found', 'orgUnit');
    assertError(await tinh.get('/api/tasks?sort=title'), 400, 'validation_failed', 'sort');
    assertError(await tinh.get('/api/tasks?today=2026-13-01'), 400, 'validation_failed', 'today');
    const due = (await tasksOf(tinh, `directiveId=${D['gialai-kh-2026'].id}&sort=dueDate`)).map((t) => t.currentDue).filter(Boolean);
    assert.deepEqual(due, [...due].sort());
    const hd = await tasksOf(admin, `directiveId=${D['haiduong-kh-2021'].id}&sort=code`);
    assert.deepEqual(hd.map((t) => t.code), Array.from({ length: 14 }, (_, i) => `IV.${i + 1}`), 'natural order of codes');
    // the missed annual report of 2021 keeps IV.12 overdue
    assert.deepEqual(hd.filter((t) => t.overdue).map((t) => t.code), ['IV.12']);
  });

  test('create and update tasks: validation with field, duplicate code, stale version', async () => {
    const dir = D['gialai-kh-2026'].id;
    const base = { directiveId: dir, code: 'T.1', title: 'Tập huấn cán bộ cấp xã', leadAgencyId: A['gl-snoivu'].id,
      coAgencyIds: [A['gl-hlhpn'].id], recurrence: 'semiannual', dueDays: ['05-31', '11-30'] };
    const t = assertStatus(await tinh.post('/api/tasks', base), 201);
    assert.equal(t.orgUnit.code, '52');
    assert.equal(t.deadline.startsOn, '2026-01-20', 'recurrence starts with the directive by default');
    assert.equal(t.status, 'not_started');
    assert.deepEqual(t.coAgencies.map((a) => a.id), [A['gl-hlhpn'].id]);
    assertError(await tinh.post('/api/tasks', base), 409, 'conflict', 'code');
    const bad = async (patch, field, status = 400, code = 'validation_failed') =>
      assertError(await tinh.post('/api/tasks', { ...base, code: 'T.x', ...patch }), status, code, field);
    await bad({ title: '' }, 'title');
    await bad({ code: undefined }, 'code');
    await bad({ leadAgencyId: 99999999 }, 'leadAgencyId');
    await bad({ coAgencyIds: [A['gl-snoivu'].id] }, 'coAgencyIds');
    await bad({ dueDays: ['05-31'] }, 'dueDays');
    await bad({ dueDays: ['02-30', '11-30'] }, 'dueDays');
    await bad({ recurrence: 'weekly' }, 'recurrence');
    await bad({ recurrence: 'none', dueDays: [], dueDate: '2026-02-30' }, 'dueDate');
    await bad({ endsOn: '2025-01-01' }, 'endsOn');
    await bad({ status: 'overdue' }, 'status');
    await bad({ directiveId: D['dongnai-kh-2023'].id }, 'directiveId');
    await bad({ orgUnitCode: '75', orgUnitAsOf: '2026-01-01' }, 'orgUnitCode', 403, 'forbidden');
    assertError(await dongnai.post('/api/tasks', { ...base, code: 'T.y' }), 400, 'validation_failed', 'directiveId');
    // update: one-off deadline, stale version refused and nothing written
    const u = assertStatus(await tinh.put(`/api/tasks/${t.id}`, { ...base, recurrence: 'none', dueDays: [], dueDate: '2026-12-20', version: t.version }), 200);
    assert.equal(u.deadline.dueDate, '2026-12-20');
    assert.equal(u.deadline.recurrence, 'none');
    assert.equal(u.version, t.version + 1);
    assertError(await tinh.put(`/api/tasks/${t.id}`, { ...base, title: 'Cũ', version: t.version }), 409, 'conflict');
    assert.equal(assertStatus(await tinh.get(`/api/tasks/${t.id}`), 200).title, base.title);
    assertError(await viewer.put(`/api/tasks/${t.id}`, { ...base, version: u.version }), 403, 'forbidden');
    const audit = assertStatus(await admin.get(`/api/audit?entity=task&entityId=${t.id}`), 200).items;
    assert.deepEqual(audit.map((e) => e.action), ['update', 'create']);
  });

  test('overdue is derived: a progress update that finishes the task clears it; evidence files', async () => {
    const yesterday = new Date(Date.now() + 7 * 3600e3 - 86400e3).toISOString().slice(0, 10);
    const t = assertStatus(await tinh.post('/api/tasks', { directiveId: D['gialai-kh-2026'].id, code: 'T.2', title: 'Báo cáo đột xuất',
      leadAgencyId: A['gl-soyte'].id, dueDate: yesterday }), 201);
    assert.equal(t.overdue, true);
    assert.equal(t.daysOverdue, 1);
    assert.equal(assertStatus(await tinh.get(`/api/tasks/${t.id}?today=${yesterday}`), 200).overdue, false, 'due today is not overdue');
    // a refused evidence file stores nothing: no update, status unchanged
    const badForm = new FormData();
    badForm.append('note', 'Kèm ảnh');
    badForm.append('status', 'done');
    badForm.append('file', new Blob([PNG], { type: 'image/png' }), 'anh.png');
    assertError(await focal.post(`/api/tasks/${t.id}/progress`, badForm, { raw: true }), 400, 'invalid_file', 'file');
    const empty = new FormData();
    empty.append('note', 'Kèm tệp rỗng');
    empty.append('file', new Blob([]), 'rong.pdf');
    assertError(await focal.post(`/api/tasks/${t.id}/progress`, empty, { raw: true }), 400, 'validation_failed', 'file');
    let cur = assertStatus(await focal.get(`/api/tasks/${t.id}`), 200);
    assert.deepEqual(cur.updates, []);
    assert.equal(cur.status, 'not_started');
    assertError(await focal.post(`/api/tasks/${t.id}/progress`, { note: '' }), 400, 'validation_failed', 'note');
    assertError(await focal.post(`/api/tasks/${t.id}/progress`, { note: 'x', date: '2999-01-01' }), 400, 'validation_failed', 'date');
    assertError(await focal.post(`/api/tasks/${t.id}/progress`, { note: 'x', status: 'late' }), 400, 'validation_failed', 'status');
    assertError(await focal.post(`/api/tasks/${t.id}/progress`, { note: 'x', version: cur.version + 5 }), 409, 'conflict');
    // multipart with evidence
    const f = new FormData();
    f.append('note', 'Đã gửi báo cáo, kèm bản ký.');
    f.append('status', 'done');
    f.append('version', String(cur.version));
    f.append('file', new Blob([PDF], { type: 'application/pdf' }), 'Báo cáo đột xuất.pdf');
    const done = assertStatus(await focal.post(`/api/tasks/${t.id}/progress`, f, { raw: true }), 201);
    assert.equal(done.status, 'done');
    assert.equal(done.overdue, false, 'done is never overdue');
    assert.equal(done.lastUpdateOn, todayVN());
    const ev = done.updates[0].evidence;
    assert.equal(ev.filename, 'Báo cáo đột xuất.pdf');
    const res = await fetch(server.base + ev.url, { headers: { cookie: tinh.cookie } });
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), Buffer.from(PDF));
    assertError(await dongnai.get(ev.url), 404, 'not_found');
    assertError(await commune.get(ev.url), 404, 'not_found');
    // each update audited
    const audit = assertStatus(await admin.get('/api/audit?entity=task_update'), 200).items;
    assert.ok(audit.some((e) => e.username === 'coquan.gialai' && e.after.taskId === t.id && e.after.attachmentId === ev.id));
    cur = assertStatus(await tinh.get(`/api/tasks/${t.id}`), 200);
    assert.equal(cur.updates.length, 1);
  });

  test('other methods on /api/tasks/board and /overview are 405', async () => {
    assertError(await admin.put('/api/tasks/board', {}), 405, 'method_not_allowed');
    assertError(await admin.post('/api/tasks/overview', {}), 405, 'method_not_allowed');
  });
});
