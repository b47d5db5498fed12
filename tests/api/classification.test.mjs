// Commune classification (issue 18; docs/api-classification.md): criteria sets (CRUD, publish,
// immutability, overlapping validity, the set in force), the whole assessment workflow (create →
// save with an override without a note → submit incomplete → submit → check → return → resubmit →
// approve → locked → reopen), classes derived through the API, completeness, the history through
// the 2025 merge (the demo: 21583's 2024 from its predecessors under the 'lowest' rule), access
// (another commune's officer 404, the viewer 403, the province checks) and bad input (422 vi + en,
// nothing half-written).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertStatus, login, startServer, todayVN, uniq } from './harness.mjs';

const YEAR = Number(todayVN().slice(0, 4));

/** An error answer with code and both languages; returns error. */
function err(res, status, code) {
  assert.equal(res.status, status, `${res.method} ${res.path}: expected ${status}, got ${res.status} ${res.text.slice(0, 400)}`);
  const e = res.body.error;
  assert.equal(e.code, code, `${res.method} ${res.path}: ${res.text.slice(0, 400)}`);
  assert.ok(e.message && e.messageEn && e.message !== e.messageEn, 'vi + en');
  return e;
}

const DEF = {
  sections: [{ key: 'A', titleVi: 'Nhóm A', titleEn: 'Group A' }, { key: 'E', titleVi: 'Ma túy', titleEn: 'Drugs' }],
  criteria: [
    { key: 'A1', section: 'A', kind: 'points', maxPoints: 60, partial: true, textVi: 'Hoạt động truyền thông', textEn: 'Communication',
      evidence: { metric: 'comm_activities', fullAt: 4, partialAt: 2, ifNoData: 'zero' } },
    { key: 'A2', section: 'A', kind: 'points', maxPoints: 40, partial: false, textVi: 'Kế hoạch', textEn: 'Plan' },
    { key: 'E1', section: 'E', kind: 'pass_fail', textVi: 'e1', textEn: 'e1' },
    { key: 'E2', section: 'E', kind: 'pass_fail', textVi: 'e2', textEn: 'e2' },
  ],
  classes: [
    { code: 'healthy', rank: 1, healthy: true, labelVi: 'Lành mạnh', labelEn: 'Healthy', minPoints: 90, mustPass: [], kOfN: [{ criteria: ['E1', 'E2'], k: 2 }] },
    { code: 'basic', rank: 2, healthy: false, labelVi: 'Cơ bản', labelEn: 'Basic', minPoints: 50, mustPass: ['A2'], kOfN: [] },
    { code: 'focus', rank: 3, healthy: false, labelVi: 'Tập trung', labelEn: 'Focus', mustPass: [], kOfN: [] },
  ],
  mergeRule: 'lowest',
};

describe(`classification ${KIND}`, () => {
  let server;
  const S = {};

  before(async () => {
    server = await startServer();
    for (const u of ['admin', 'bo', 'tinh.gialai', 'tinh.dongnai', 'xa.gialai', 'xem.gialai', 'congan.gialai']) S[u] = await login(server.base, u);
    // a commune officer of another Gia Lai commune (Quy Nhơn Bắc)
    const username = uniq('xa.qnb.');
    assertStatus(await S.admin.post('/api/users', { username, fullName: 'Cán bộ Quy Nhơn Bắc', password: 'Khac@12345', orgUnitCode: '21553',
      orgUnitAsOf: todayVN(), roles: ['commune_officer'] }), 201);
    S.other = await login(server.base, username, 'Khac@12345');
    assertStatus(await S.other.post('/api/me/password', { currentPassword: 'Khac@12345', newPassword: 'Khac@123456' }), 204);
  });
  after(async () => server?.stop());

  test('the seeded national default: published, 100 points, in force for every year; drafts hidden from readers', async () => {
    const sets = assertStatus(await S['xem.gialai'].get('/api/classification/sets'), 200).items;
    const def = sets.find((s) => s.isDefault);
    assert.ok(def, 'the default set');
    assert.equal(def.status, 'published');
    assert.equal(def.maxPoints, 100);
    assert.equal(def.ownerUnit, null);
    assert.match(def.sourceNote, /01\/2008/);
    const full = assertStatus(await S['xa.gialai'].get(`/api/classification/sets/${def.id}`), 200);
    assert.equal(full.definition.criteria.length, 13);
    const inForce = assertStatus(await S['xa.gialai'].get(`/api/classification/sets/in-force?commune=21583&year=${YEAR}`), 200);
    assert.equal(inForce.id, def.id);
    err(await S['xa.gialai'].get('/api/classification/sets/in-force?commune=21583&year=2019'), 404, 'no_criteria_set');  // before the default's validity
  });

  test('sets: create (version per owner), validation 422 with paths, edit draft, publish, immutability, overlap, delete, in force', async () => {
    const tinh = S['tinh.gialai'];
    // bad definitions: every fault, with paths, nothing written
    const before = assertStatus(await tinh.get('/api/classification/sets?owner=52'), 200).items.length;
    const bad = structuredClone(DEF);
    bad.criteria[0].evidence.metric = 'nope';
    bad.criteria[1].maxPoints = 0;
    bad.classes[0].kOfN[0].k = 3;
    bad.mergeRule = 'average';
    const e = err(await tinh.post('/api/classification/sets', { ownerUnitCode: '52', title: 'Sai', validFrom: '2030-01-01', definition: bad }),
      422, 'invalid_criteria_set');
    const paths = e.errors.map((x) => `${x.path}:${x.code}`);
    for (const p of ['criteria[0].evidence.metric:unknown_metric', 'criteria[1].maxPoints:out_of_range', 'classes[0].kOfN[0].k:out_of_range',
      'mergeRule:invalid_merge_rule']) assert.ok(paths.includes(p), `${p} in ${paths}`);
    assert.ok(e.errors.every((x) => x.message && x.messageEn));
    assert.equal(assertStatus(await tinh.get('/api/classification/sets?owner=52'), 200).items.length, before, 'nothing written');
    // the province may not write the national set nor another province's
    err(await tinh.post('/api/classification/sets', { ownerUnitCode: null, title: 'QG', validFrom: '2030-01-01', definition: DEF }), 403, 'forbidden');
    err(await tinh.post('/api/classification/sets', { ownerUnitCode: '75', title: 'ĐN', validFrom: '2030-01-01', definition: DEF }), 403, 'forbidden');
    err(await S['xa.gialai'].post('/api/classification/sets', { ownerUnitCode: '52', title: 'x', validFrom: '2030-01-01', definition: DEF }), 403, 'forbidden');

    const a = assertStatus(await tinh.post('/api/classification/sets', { ownerUnitCode: '52', title: 'Bộ tiêu chí Gia Lai 2025', validFrom: '2025-01-01',
      validTo: '2025-12-31', sourceNote: 'Quyết định của UBND tỉnh', definition: DEF }), 201);
    assert.equal(a.status, 'draft');
    assert.equal(a.ownerUnit.code, '52');
    assert.equal(a.maxPoints, 100);
    const b = assertStatus(await tinh.post('/api/classification/sets', { ownerUnitCode: '52', title: 'Bản sao', validFrom: '2025-06-01', copyFrom: a.id }), 201);
    assert.equal(b.version, a.version + 1);
    assert.deepEqual(b.definition, a.definition);
    // drafts: hidden from the viewer and from another province
    err(await S['xem.gialai'].get(`/api/classification/sets/${a.id}`), 404, 'not_found');
    err(await S['tinh.dongnai'].get(`/api/classification/sets/${a.id}`), 404, 'not_found');
    // edit the draft: stale rowVersion 409
    const edited = assertStatus(await tinh.put(`/api/classification/sets/${a.id}`, { rowVersion: a.rowVersion, title: 'Bộ tiêu chí Gia Lai 2025 (sửa)',
      validFrom: '2025-01-01', validTo: '2025-12-31', definition: DEF }), 200);
    assert.equal(edited.title, 'Bộ tiêu chí Gia Lai 2025 (sửa)');
    err(await tinh.put(`/api/classification/sets/${a.id}`, { rowVersion: a.rowVersion, title: 'x', validFrom: '2024-01-01', definition: DEF }), 409, 'version_conflict');
    // publish; then immutable; an overlapping one refused
    const pub = assertStatus(await tinh.post(`/api/classification/sets/${a.id}/publish`, {}), 200);
    assert.equal(pub.status, 'published');
    assert.ok(pub.publishedAt);
    err(await tinh.put(`/api/classification/sets/${a.id}`, { rowVersion: pub.rowVersion, title: 'x', validFrom: '2024-01-01', definition: DEF }), 409,
      'published_set_immutable');
    err(await tinh.request('DELETE', `/api/classification/sets/${a.id}`), 409, 'published_set_immutable');
    err(await tinh.post(`/api/classification/sets/${b.id}/publish`, {}), 422, 'overlapping_validity');
    assertStatus(await tinh.request('DELETE', `/api/classification/sets/${b.id}`), 204);
    err(await tinh.get(`/api/classification/sets/${b.id}`), 404, 'not_found');
    // visible now to readers; in force for a Gia Lai commune in 2025, not in 2024 (the old province
    // Bình Định, another unit) nor in the current year (validTo), nor for Đồng Nai
    assertStatus(await S['xem.gialai'].get(`/api/classification/sets/${a.id}`), 200);
    assert.equal(assertStatus(await S.admin.get('/api/classification/sets/in-force?commune=21583&year=2025'), 200).id, a.id);
    assert.notEqual(assertStatus(await S.admin.get('/api/classification/sets/in-force?commune=21556&year=2024'), 200).id, a.id);
    assert.notEqual(assertStatus(await S.admin.get(`/api/classification/sets/in-force?commune=21583&year=${YEAR}`), 200).id, a.id);
    assert.notEqual(assertStatus(await S.admin.get('/api/classification/sets/in-force?commune=25210&year=2025'), 200).id, a.id);
    const audit = assertStatus(await S.admin.get(`/api/audit?entity=classification_set&entityId=${a.id}`), 200);
    assert.ok(audit.items.length >= 3, 'create, update, publish audited');
  });

  test('the workflow: create, override without a note, incomplete, submit, check, return, resubmit, approve, locked, reopen', async () => {
    const xa = S['xa.gialai'], tinh = S['tinh.gialai'];
    const bad = await xa.post('/api/classification/assessments', { communeCode: '21583', year: YEAR + 1 });
    err(bad, 422, 'year_out_of_range');
    err(await xa.post('/api/classification/assessments', { communeCode: '52', year: YEAR }), 403, 'forbidden');
    err(await S['xem.gialai'].post('/api/classification/assessments', { communeCode: '21583', year: YEAR }), 403, 'forbidden');
    let a = assertStatus(await xa.post('/api/classification/assessments', { communeCode: '21583', year: YEAR }), 201);
    assert.equal(a.status, 'draft');
    assert.equal(a.commune.code, '21583');
    assert.equal(a.province.code, '52');
    assert.equal(a.items.length, 13);
    assert.ok(a.editable && !a.checkable);
    assert.ok(a.items.every((i) => i.selfScore === null));
    const b1 = a.items.find((i) => i.criterionKey === 'B1');
    assert.equal(b1.evidence.metric, 'comm_activities');
    assert.equal(a.transitions[0].action, 'create');
    const dup = err(await xa.post('/api/classification/assessments', { communeCode: '21583', year: YEAR }), 409, 'assessment_exists');
    assert.equal(dup.id, a.id);
    // another commune's officer: 404; the viewer reads but cannot write
    err(await S.other.get(`/api/classification/assessments/${a.id}`), 404, 'not_found');
    err(await S.other.put(`/api/classification/assessments/${a.id}`, { version: a.version, items: [] }), 404, 'not_found');
    const seen = assertStatus(await S['xem.gialai'].get(`/api/classification/assessments/${a.id}`), 200);
    assert.ok(!seen.editable && !seen.checkable);
    err(await S['xem.gialai'].put(`/api/classification/assessments/${a.id}`, { version: a.version, items: [] }), 403, 'forbidden');
    err(await S['tinh.dongnai'].get(`/api/classification/assessments/${a.id}`), 404, 'not_found');

    // an override without a note → 422 per item; an out-of-range score → 422; nothing written
    const withSug = a.items.find((i) => i.suggestedScore !== null && i.kind === 'points');
    const other = withSug.suggestedScore === 0 ? withSug.maxPoints : 0;
    let e = err(await xa.put(`/api/classification/assessments/${a.id}`, { version: a.version, summary: 'x',
      items: [{ criterionKey: withSug.criterionKey, selfScore: other, selfNote: '' }] }), 422, 'override_note_required');
    assert.equal(e.errors[0].criterionKey, withSug.criterionKey);
    e = err(await xa.put(`/api/classification/assessments/${a.id}`, { version: a.version,
      items: [{ criterionKey: 'A1', selfScore: 11, selfNote: 'n' }, { criterionKey: 'D3', selfScore: 2, selfNote: 'n' }] }), 422, 'score_out_of_range');
    assert.deepEqual(e.errors.map((x) => x.criterionKey), ['A1', 'D3']);
    const still = assertStatus(await xa.get(`/api/classification/assessments/${a.id}`), 200);
    assert.equal(still.version, a.version);
    assert.equal(still.summary, '');

    // a partial save, then submit incomplete
    a = assertStatus(await xa.put(`/api/classification/assessments/${a.id}`, { version: a.version, summary: 'Tự đánh giá',
      items: [{ criterionKey: withSug.criterionKey, selfScore: other, selfNote: 'Theo hồ sơ lưu tại phường' }] }), 200);
    const item = a.items.find((i) => i.criterionKey === withSug.criterionKey);
    assert.ok(item.overridden);
    assert.equal(a.selfClass, null, 'incomplete: no class');
    e = err(await xa.post(`/api/classification/assessments/${a.id}/submit`, { version: a.version }), 422, 'incomplete_assessment');
    assert.equal(e.missing.length, 12);
    // stale version
    err(await xa.put(`/api/classification/assessments/${a.id}`, { version: a.version - 1, items: [] }), 409, 'version_conflict');
    // every criterion at full marks (notes where the suggestion differs) → healthy
    const full = a.items.map((i) => {
      const score = i.kind === 'points' ? i.maxPoints : 1;
      return { criterionKey: i.criterionKey, selfScore: score, selfNote: i.suggestedScore !== null && i.suggestedScore !== score ? 'Có hồ sơ' : '' };
    });
    a = assertStatus(await xa.put(`/api/classification/assessments/${a.id}`, { version: a.version, summary: 'Tự đánh giá', items: full }), 200);
    assert.equal(a.selfTotal, 100);
    assert.equal(a.selfClass.code, 'healthy');
    // the province cannot check a draft
    err(await tinh.put(`/api/classification/assessments/${a.id}/check`, { version: a.version, items: [] }), 409, 'invalid_transition');
    a = assertStatus(await xa.post(`/api/classification/assessments/${a.id}/submit`, { version: a.version }), 200);
    assert.equal(a.status, 'submitted');
    assert.equal(a.submittedBy.username, 'xa.gialai');
    assert.ok(!a.editable);
    err(await xa.put(`/api/classification/assessments/${a.id}`, { version: a.version, items: [] }), 409, 'invalid_transition');
    // the commune officer cannot check; the province checks: D3 failed → not healthy (mustPass), 3 of E → basic threshold
    err(await xa.put(`/api/classification/assessments/${a.id}/check`, { version: a.version, items: [] }), 403, 'forbidden');
    const check = full.map((i) => ({ criterionKey: i.criterionKey, checkScore: i.selfScore, checkComment: '' }));
    check.find((i) => i.criterionKey === 'D3').checkScore = 0;
    check.find((i) => i.criterionKey === 'D3').checkComment = 'Có vụ chứa mại dâm';
    const tinhView = assertStatus(await tinh.get(`/api/classification/assessments/${a.id}`), 200);
    assert.ok(tinhView.checkable && !tinhView.editable);
    a = assertStatus(await tinh.put(`/api/classification/assessments/${a.id}/check`, { version: a.version, items: check.slice(0, 5) }), 200);
    assert.equal(a.checkClass, null, 'check incomplete');
    err(await tinh.post(`/api/classification/assessments/${a.id}/approve`, { version: a.version }), 422, 'incomplete_check');
    // return needs a comment
    err(await tinh.post(`/api/classification/assessments/${a.id}/return`, { version: a.version, comment: ' ' }), 422, 'comment_required');
    a = assertStatus(await tinh.post(`/api/classification/assessments/${a.id}/return`, { version: a.version, comment: 'Bổ sung minh chứng D3' }), 200);
    assert.equal(a.status, 'returned');
    assert.equal(a.returnComment, 'Bổ sung minh chứng D3');
    assert.ok(assertStatus(await xa.get(`/api/classification/assessments/${a.id}`), 200).editable);
    a = assertStatus(await xa.post(`/api/classification/assessments/${a.id}/submit`, { version: a.version }), 200);
    a = assertStatus(await tinh.put(`/api/classification/assessments/${a.id}/check`, { version: a.version, items: check }), 200);
    assert.equal(a.checkTotal, 100);
    assert.equal(a.checkClass.code, 'basic', 'D3 failed: the healthy class needs it');
    a = assertStatus(await tinh.post(`/api/classification/assessments/${a.id}/approve`, { version: a.version, decisionNumber: '12/QĐ-UBND',
      decisionDate: todayVN() }), 200);
    assert.equal(a.status, 'approved');
    assert.equal(a.finalClass.code, 'basic');
    assert.equal(a.approvedBy.username, 'tinh.gialai');
    assert.equal(a.decisionNumber, '12/QĐ-UBND');
    // locked
    err(await xa.put(`/api/classification/assessments/${a.id}`, { version: a.version, items: [] }), 409, 'invalid_transition');
    err(await tinh.put(`/api/classification/assessments/${a.id}/check`, { version: a.version, items: [] }), 409, 'invalid_transition');
    err(await xa.post(`/api/classification/assessments/${a.id}/reopen`, { version: a.version, reason: 'x' }), 403, 'forbidden');
    err(await tinh.post(`/api/classification/assessments/${a.id}/reopen`, { version: a.version, reason: '' }), 422, 'reason_required');
    a = assertStatus(await tinh.post(`/api/classification/assessments/${a.id}/reopen`, { version: a.version, reason: 'Sai sót điểm D3' }), 200);
    assert.equal(a.status, 'submitted');
    assert.equal(a.finalClass, null);
    assert.deepEqual(a.transitions.map((t) => t.action),
      ['create', 'save', 'save', 'submit', 'check', 'return', 'submit', 'check', 'approve', 'reopen']);
    const audit = assertStatus(await S.admin.get(`/api/audit?entity=commune_assessment&entityId=${a.id}`), 200);
    assert.equal(audit.items.length, 10);
    // listed, filtered by class and name (diacritics ignored)
    const listed = assertStatus(await tinh.get(`/api/classification/assessments?province=52&year=${YEAR}&q=quy nhon`), 200).items;
    assert.ok(listed.some((x) => x.id === a.id));
    assert.ok(listed.every((x) => !('items' in x)));
    const byStatus = assertStatus(await tinh.get(`/api/classification/assessments?year=${YEAR}&status=approved`), 200).items;
    assert.ok(!byStatus.some((x) => x.id === a.id));
    // refresh evidence is for drafts and returned ones only
    err(await xa.post(`/api/classification/assessments/${a.id}/refresh-evidence`, {}), 409, 'invalid_transition');
  });

  test('attachments of a criterion: upload, download, delete while editable', async () => {
    const tinh = S['tinh.gialai'];
    const c = S['tinh.gialai'];
    const list = assertStatus(await c.get(`/api/classification/assessments?province=52&year=${YEAR}&status=draft`), 200).items;
    assert.ok(list.length >= 1, 'a demo draft');
    const draft = list[0];
    const admin = S.admin;
    const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n'));
    const up = assertStatus(await admin.post(`/api/classification/assessments/${draft.id}/items/B1/attachments?filename=bien-ban.pdf`, PDF, { raw: true }), 201);
    assert.equal(up.filename, 'bien-ban.pdf');
    const one = assertStatus(await tinh.get(`/api/classification/assessments/${draft.id}`), 200);
    assert.deepEqual(one.items.find((i) => i.criterionKey === 'B1').attachments.map((x) => x.id), [up.id]);
    const got = await tinh.get(`/api/classification/assessments/${draft.id}/items/B1/attachments/${up.id}`);
    assert.equal(got.status, 200);
    err(await tinh.get(`/api/classification/assessments/${draft.id}/items/B2/attachments/${up.id}`), 404, 'not_found');
    err(await S['xem.gialai'].request('DELETE', `/api/classification/assessments/${draft.id}/items/B1/attachments/${up.id}`), 403, 'forbidden');
    assertStatus(await admin.request('DELETE', `/api/classification/assessments/${draft.id}/items/B1/attachments/${up.id}`), 204);
    // refresh-evidence on a draft: suggestions recomputed, self scores kept, a transition written
    const cur = assertStatus(await admin.get(`/api/classification/assessments/${draft.id}`), 200);
    const refreshed = assertStatus(await admin.post(`/api/classification/assessments/${draft.id}/refresh-evidence`, { version: cur.version }), 200);
    assert.equal(refreshed.version, cur.version + 1);
    assert.deepEqual(refreshed.items.map((i) => i.selfScore), cur.items.map((i) => i.selfScore));
    assert.equal(refreshed.transitions.at(-1).action, 'refresh_evidence');
    err(await admin.post(`/api/classification/assessments/${draft.id}/refresh-evidence`, { version: cur.version }), 409, 'version_conflict');
    const approved = assertStatus(await c.get('/api/classification/assessments?province=52&year=2025&status=approved'), 200).items[0];
    err(await admin.post(`/api/classification/assessments/${approved.id}/items/B1/attachments?filename=x.pdf`, PDF, { raw: true }), 409, 'invalid_transition');
    err(await admin.post(`/api/classification/assessments/${draft.id}/items/ZZ/attachments?filename=x.pdf`, PDF, { raw: true }), 404, 'not_found');
  });

  test('completeness of Gia Lai: every commune valid on 31/12, with status; the demo 2025 all approved', async () => {
    const tinh = S['tinh.gialai'];
    const c25 = assertStatus(await tinh.get('/api/classification/completeness?province=52&year=2025'), 200);
    assert.equal(c25.province.code, '52');
    assert.ok(c25.counts.communes >= 10);
    assert.equal(c25.counts.approved, c25.counts.communes);
    assert.ok(c25.communes.every((x) => x.status === 'approved' && x.finalClass));
    const classes = new Set(c25.communes.map((x) => x.finalClass.code));
    assert.deepEqual([...classes].sort(), ['basic', 'focus', 'healthy']);
    const cNow = assertStatus(await tinh.get(`/api/classification/completeness?province=52&year=${YEAR}`), 200);
    assert.ok(cNow.counts.notStarted >= 1);
    assert.equal(cNow.counts.communes, cNow.counts.notStarted + cNow.counts.draft + cNow.counts.submitted + cNow.counts.returned + cNow.counts.approved);
    err(await S['tinh.dongnai'].get('/api/classification/completeness?province=52&year=2025'), 404, 'not_found');
    // a commune officer sees its own commune only
    const mine = assertStatus(await S['xa.gialai'].get('/api/classification/completeness?province=52&year=2025'), 200);
    assert.deepEqual(mine.communes.map((x) => x.commune.code), ['21583']);
  });

  test('history through the merge: 21583 in 2024 from its predecessors, derived under the lowest rule', async () => {
    const h = assertStatus(await S['xa.gialai'].get('/api/classification/history?commune=21583'), 200);
    assert.equal(h.commune.code, '21583');
    const y24 = h.years.find((y) => y.year === 2024);
    assert.equal(y24.own, null);
    const codes = y24.predecessors.map((p) => p.unit.code).sort();
    assert.deepEqual(codes, ['21556', '21562', '21580', '21583']);
    assert.ok(y24.predecessors.every((p) => p.assessment && p.assessment.status === 'approved'));
    const worst = y24.predecessors.map((p) => p.assessment.finalClass).sort((a, b) => b.rank - a.rank)[0];
    assert.equal(y24.derivedRule, 'lowest');
    assert.equal(y24.derivedClass.code, worst.code);
    assert.equal(y24.derivedClass.code, 'basic');  // 21562 Hải Cảng was basic in the demo
    const y25 = h.years.find((y) => y.year === 2025);
    assert.ok(y25.own && y25.own.status === 'approved');
    assert.deepEqual(y25.predecessors, []);
    err(await S.other.get('/api/classification/history?commune=21583'), 404, 'not_found');
  });

  test('the second person: a province officer who entered a paper self-assessment may not check, return or approve it', async () => {
    const tinh = S['tinh.gialai'];
    const comp = assertStatus(await tinh.get(`/api/classification/completeness?province=52&year=${YEAR}`), 200);
    const free = comp.communes.find((c) => c.status === 'not_started' && c.commune.code !== '21583');
    assert.ok(free, 'a Gia Lai commune without an assessment this year');
    const a = assertStatus(await tinh.post('/api/classification/assessments', { communeCode: free.commune.code, year: YEAR }), 201);
    const items = a.items.map((i) => ({ criterionKey: i.criterionKey, selfScore: i.suggestedScore ?? (i.kind === 'points' ? 0 : 1),
      selfNote: i.suggestedScore == null ? 'Chấm theo biên bản giấy của xã' : '' }));
    const saved = assertStatus(await tinh.put(`/api/classification/assessments/${a.id}`, { version: a.version, summary: 'Phiếu giấy', items }), 200);
    const sub = assertStatus(await tinh.post(`/api/classification/assessments/${a.id}/submit`, { version: saved.version }), 200);
    const checks = sub.items.map((i) => ({ criterionKey: i.criterionKey, checkScore: i.selfScore, checkComment: '' }));
    err(await tinh.put(`/api/classification/assessments/${a.id}/check`, { version: sub.version, items: checks }), 403, 'not_independent');
    err(await tinh.post(`/api/classification/assessments/${a.id}/return`, { version: sub.version, comment: 'x' }), 403, 'not_independent');
    err(await tinh.post(`/api/classification/assessments/${a.id}/approve`, { version: sub.version }), 403, 'not_independent');
    const still = assertStatus(await tinh.get(`/api/classification/assessments/${a.id}`), 200);
    assert.equal(still.status, 'submitted');
    assert.equal(still.version, sub.version, 'nothing written');
    // the screen is told the same: not checkable by the one who submitted it (one answer, one list)
    assert.equal(sub.checkable, false, 'the submit answer: not checkable by its submitter');
    assert.equal(still.checkable, false, 'not checkable by its submitter');
    const listed = assertStatus(await tinh.get(`/api/classification/assessments?year=${YEAR}&status=submitted`), 200)
      .items.find((x) => x.id === a.id);
    assert.ok(listed, 'in the province list');
    assert.equal(listed.checkable, false, 'the list says the same');
    assert.equal(assertStatus(await S.admin.get(`/api/classification/assessments/${a.id}`), 200).checkable, true,
      'another checker may');
    // another checker (the administrator) may
    const checked = assertStatus(await S.admin.put(`/api/classification/assessments/${a.id}/check`, { version: sub.version, items: checks }), 200);
    assert.equal(assertStatus(await S.admin.post(`/api/classification/assessments/${a.id}/approve`, { version: checked.version }), 200).status, 'approved');
  });

  test('bad input: 422/400 with vi + en', async () => {
    const xa = S['xa.gialai'];
    err(await xa.post('/api/classification/assessments', { communeCode: '21583' }), 400, 'validation_failed');
    err(await xa.post('/api/classification/assessments', { communeCode: '21583', year: 2020 }), 422, 'year_out_of_range');
    err(await S.admin.post('/api/classification/assessments', { communeCode: '52', year: YEAR }), 422, 'not_a_commune');
    err(await xa.get('/api/classification/completeness?province=52'), 400, 'validation_failed');
    err(await xa.get('/api/classification/assessments/999999'), 404, 'not_found');
    err(await S['congan.gialai'].get('/api/classification/assessments'), 403, 'forbidden');
  });
});
