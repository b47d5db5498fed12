// Inspections of service businesses (issue 17 §2–§6; docs/api-inspections.md): the reference
// data (kinds of violation, the dated legal table and its resolution by date, versioned
// checklists), teams, plans with coverage, the inspection record (validation in vi + en, 409 on a
// stale version and on a final record, finalising with a signature or a recorded refusal,
// re-inspection overdue), evidence files, the legal table's import (all or nothing), the demo,
// and who may do what (scope 404, read-only officers, roles without inspections.* 403, the wall).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, login, startServer, todayVN, uniq, xlsx } from './harness.mjs';

const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n'));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const raw = { raw: true, headers: { 'content-type': 'application/octet-stream' } };

describe(`inspections ${KIND}`, () => {
  let server, S = {};
  const T = {};  // shared fixtures

  before(async () => {
    server = await startServer();
    for (const u of ['admin', 'bo', 'tinh.gialai', 'tinh.dongnai', 'xa.gialai', 'xem.gialai', 'congan.gialai', 'thanhtra.gialai',
      'coquan.gialai', 'doikiemtra.gialai', 'doikiemtra.dongnai'])
      S[u] = await login(server.base, u);
    const team = S['doikiemtra.gialai'];
    T.teamGL = assertStatus(await team.get('/api/inspection-teams'), 200).items[0];
    T.teamDN = assertStatus(await S['doikiemtra.dongnai'].get('/api/inspection-teams'), 200).items[0];
    T.biz = assertStatus(await team.post('/api/businesses', { typeCode: 'karaoke', name: `Karaoke Kiểm Tra ${uniq('')}`, address: '2 Lê Lợi',
      communeCode: '21583', communeAsOf: todayVN(), workersFemale: 3, workersMale: 1 }), 201);
    T.hotel = assertStatus(await team.post('/api/businesses', { typeCode: 'hotel', name: `Khách sạn Kiểm Tra ${uniq('')}`, address: '3 Lê Lợi',
      communeCode: '21583', communeAsOf: '2025-07-01', workersFemale: 3, workersMale: 1 }), 201);
    T.bizDN = assertStatus(await S.admin.post('/api/businesses', { typeCode: 'bar', name: `Bar Kiểm Tra ${uniq('')}`, address: '4 Lê Lợi',
      communeCode: '25210', communeAsOf: todayVN() }), 201);
  });
  after(async () => server?.stop());

  const record = (over = {}) => ({
    businessId: T.biz.id, teamId: T.teamGL.id, inspectedOn: '2026-03-02', startedAt: '2026-03-02T21:30', endedAt: '2026-03-02T22:40',
    unannounced: true, representativeName: 'Nguyễn Văn Quản', representativeRole: 'Quản lý',
    membersPresent: [{ memberId: T.teamGL.members[0].id, fullName: T.teamGL.members[0].fullName, position: 'Đội trưởng', agencyName: 'Công an tỉnh' }],
    findings: 'Phòng hát số 3 có chốt trong.', outreach: { informed: 4, healthChecked: 1, referred: 0 }, ...over,
  });

  test('the demo: teams of Gia Lai and Đồng Nai, 2025 and 2026 plans with progress, records under both decrees', async () => {
    const c = S['doikiemtra.gialai'];
    assert.ok(T.teamGL.members.length >= 3 && T.teamGL.agencies.length >= 2, 'members and agencies');
    assert.equal(T.teamGL.orgUnit.code, '52');
    assert.equal(T.teamDN.orgUnit.code, '75');
    const plans = assertStatus(await c.get('/api/inspection-plans'), 200).items;
    assert.deepEqual([...new Set(plans.map((p) => p.year))].sort(), [2025, 2026]);
    const p26 = plans.find((p) => p.year === 2026);
    assert.equal(p26.coverageTargetPct, 60);
    assert.equal(p26.status, 'active');
    assert.ok(p26.progress.businessesInScope > 0 && p26.progress.businessesInspected > 0, JSON.stringify(p26.progress));
    assert.ok(p26.progress.coveragePct > 0 && p26.progress.coveragePct <= 100);
    assert.ok(p26.progress.unannounced > 0);
    const all = await listAll(S.admin, '/api/inspections');
    assert.ok(all.items.length >= 20, `${all.items.length} demo records`);
    assert.ok(all.items.some((i) => i.inspectedOn < '2025-07-01' && i.commune.orgUnit.validTo), 'on an old Bình Định commune');
    const decrees = new Set();
    for (const i of all.items.filter((x) => x.violations > 0)) {
      const one = assertStatus(await S.admin.get(`/api/inspections/${i.id}`), 200);
      for (const v of one.violations) decrees.add(v.legalReference.instrument);
    }
    assert.deepEqual([...decrees].sort(), ['144/2021/NĐ-CP', '282/2025/NĐ-CP']);
    assert.ok(all.items.some((i) => i.reinspectionOverdue), 'an overdue re-inspection');
    const overdue = assertStatus(await c.get('/api/inspections?overdue=true'), 200);
    assert.ok(overdue.items.length >= 1 && overdue.items.every((i) => i.reinspectionOverdue));
    const due = assertStatus(await c.get('/api/inspections/due'), 200);
    assert.ok(due.items.length >= 1);
    const refused = [];
    for (const i of all.items.filter((x) => x.status === 'final').slice(0, 30)) {
      const one = assertStatus(await S.admin.get(`/api/inspections/${i.id}`), 200);
      if (one.signature === 'refused') refused.push(one);
    }
    assert.ok(refused.length >= 1 && refused[0].refusalReason && refused[0].refusalWitness, 'a recorded refusal');
    // Gia Lai's team sees Gia Lai only
    const gl = await listAll(c, '/api/inspections');
    assert.ok(gl.items.length > 0 && gl.items.length < all.items.length);
  });

  test('reference data: topics, the dated legal table, resolution by date (144/2021 → 282/2025)', async () => {
    const c = S['xa.gialai'];
    const topics = assertStatus(await c.get('/api/violation-topics'), 200).items;
    assert.ok(topics.length >= 8 && topics.some((t) => t.code === 'harbouring_prostitution' && t.nameVi === 'Chứa mại dâm'));
    const before = assertStatus(await c.get('/api/legal-references/resolve?topic=buying_sex&on=2025-12-10'), 200);
    assert.equal(before.instrument, '144/2021/NĐ-CP');
    const afterRef = assertStatus(await c.get('/api/legal-references/resolve?topic=buying_sex&on=2025-12-20'), 200);
    assert.equal(afterRef.instrument, '282/2025/NĐ-CP');
    assert.equal(afterRef.article, '32');
    assert.equal(afterRef.validTo, null);
    assert.equal(assertStatus(await c.get('/api/legal-references/resolve?topic=buying_sex&on=2025-12-14'), 200).instrument, '144/2021/NĐ-CP');
    assert.equal(assertStatus(await c.get('/api/legal-references/resolve?topic=buying_sex&on=2025-12-15'), 200).instrument, '282/2025/NĐ-CP');
    const e = assertError(await c.get('/api/legal-references/resolve?topic=buying_sex&on=2021-06-01'), 404, 'no_legal_reference');
    assert.match(e.message, /01\/06\/2021/);
    assertError(await c.get('/api/legal-references/resolve?topic=buying_sex&on=20-12-2025'), 400);
    const on = assertStatus(await c.get('/api/legal-references?on=2026-01-01'), 200).items;
    assert.ok(on.length >= 8 && on.every((r) => r.instrument === '282/2025/NĐ-CP'));
    const every = assertStatus(await c.get('/api/legal-references?topic=harbouring_prostitution'), 200).items;
    assert.equal(every.length, 2);
    for (const r of every) assert.ok(r.sourceNote.length > 0, 'each row says how far it was checked');
  });

  test('checklists: type-specific before all-types, versions by date; a new version never changes a record', async () => {
    const c = S['doikiemtra.gialai'];
    const k = assertStatus(await c.get('/api/checklists?type=karaoke&on=2026-03-01'), 200);
    assert.equal(k.typeCode, 'karaoke');
    assert.ok(k.items.some((i) => i.itemKey === 'no_locks'));
    const h25 = assertStatus(await c.get('/api/checklists?type=hotel&on=2025-12-31'), 200);
    assert.equal(h25.typeCode, null);
    assert.equal(h25.version, 1);
    const h26 = assertStatus(await c.get('/api/checklists?type=hotel&on=2026-01-01'), 200);
    assert.equal(h26.version, 2);
    assert.equal(h26.items.length, h25.items.length + 1);
    assert.ok(h26.items.some((i) => i.itemKey === 'prevention_signage'));
    assertError(await c.get('/api/checklists?type=hotel&on=2020-01-01'), 404, 'no_checklist');
    const versions = assertStatus(await c.get('/api/checklists/versions?type=karaoke'), 200).items;
    assert.ok(versions.length >= 3 && versions.every((v) => !('items' in v)));
    // a record of a hotel made on 2026-03-02 keeps version 2 when version 3 arrives
    const r = assertStatus(await c.post('/api/inspections', record({ businessId: T.hotel.id })), 201);
    assert.equal(r.checklist.version, 2);
    assertError(await c.post('/api/checklists', { typeCode: null, validFrom: '2026-02-01', items: [{ itemKey: 'x', textVi: 'Mục' }] }), 403, 'forbidden');
    const v3 = assertStatus(await S.admin.post('/api/checklists', { typeCode: 'hotel', validFrom: '2026-02-01', note: 'Khách sạn',
      items: [{ itemKey: 'guest_register', textVi: 'Sổ khách', textEn: 'Guest register', topic: 'no_guest_register' }] }), 201);
    assert.equal(v3.version, 1);
    assert.equal(assertStatus(await c.get('/api/checklists?type=hotel&on=2026-03-02'), 200).id, v3.id);
    assert.equal(assertStatus(await c.get(`/api/inspections/${r.id}`), 200).checklist.versionId, r.checklist.versionId);
    assertError(await S.admin.post('/api/checklists', { typeCode: 'casino', validFrom: '2026-02-01', items: [{ itemKey: 'x', textVi: 'Mục' }] }), 400, 'validation_failed', 'typeCode');
  });

  test('teams: create, update with version (members kept, added, deactivated), 409 stale, bad input vi + en', async () => {
    const c = S['doikiemtra.gialai'];
    const agencies = assertStatus(await c.get('/api/agencies?orgUnit=52'), 200).items;
    const t = assertStatus(await c.post('/api/inspection-teams', { orgUnitCode: '52', name: `Đội thử ${uniq('')}`, decisionRef: 'QĐ 1/QĐ-UBND',
      leadAgencyId: agencies[0].id, agencyIds: agencies.slice(0, 2).map((a) => a.id),
      members: [{ fullName: 'Người A', position: 'Đội trưởng', isLead: true }, { fullName: 'Người B', position: 'Thành viên' }] }), 201);
    assert.equal(t.version, 1);
    assert.equal(t.members.length, 2);
    assert.equal(t.leadAgency.id, agencies[0].id);
    const u = assertStatus(await c.put(`/api/inspection-teams/${t.id}`, { orgUnitCode: '52', name: t.name, version: 1, agencyIds: [],
      members: [{ id: t.members[0].id, fullName: 'Người A', position: 'Đội trưởng', isLead: true }, { fullName: 'Người C' }] }), 200);
    assert.equal(u.version, 2);
    assert.deepEqual(u.members.map((m) => [m.fullName, m.active]).sort(), [['Người A', true], ['Người B', false], ['Người C', true]]);
    assertError(await c.put(`/api/inspection-teams/${t.id}`, { orgUnitCode: '52', name: t.name, version: 1 }), 409, 'conflict');
    const e = assertError(await c.post('/api/inspection-teams', { orgUnitCode: '52', name: ' ', members: [{ fullName: ' ' }] }), 400, 'validation_failed');
    assert.deepEqual(e.details.map((d) => d.field).sort(), ['members[0].fullName', 'name']);
    assertError(await c.post('/api/inspection-teams', { orgUnitCode: '75', name: 'Đội ngoài tỉnh' }), 403, 'forbidden');
    const audit = assertStatus(await S.admin.get(`/api/audit?entity=inspection_team&entityId=${t.id}`), 200).items;
    assert.deepEqual(audit.map((a) => a.action), ['update', 'create']);
    assert.equal(audit[1].after.name, t.name);
  });

  test('plans: create, update, status draft → active → closed, coverage, 409', async () => {
    const c = S['doikiemtra.gialai'];
    const input = { teamId: T.teamGL.id, year: 2026, title: `Kế hoạch thử ${uniq('')}`, legalBasis: 'KH 9/KH-ĐKT', legalBasisDate: '2026-01-05',
      coverageTargetPct: 60, unannouncedTarget: 3, mode: 'mixed', typeCodes: ['karaoke'], businessIds: [T.hotel.id] };
    const p = assertStatus(await c.post('/api/inspection-plans', input), 201);
    assert.equal(p.status, 'draft');
    assert.deepEqual(p.typeCodes, ['karaoke']);
    assert.deepEqual(p.businessIds, [T.hotel.id]);
    assert.ok(p.progress.businessesInScope >= 2, 'the province\'s karaoke places plus the named hotel');
    const u = assertStatus(await c.put(`/api/inspection-plans/${p.id}`, { ...input, note: 'Bổ sung', version: 1 }), 200);
    assert.equal(u.note, 'Bổ sung');
    assertError(await c.put(`/api/inspection-plans/${p.id}`, { ...input, version: 1 }), 409, 'conflict');
    assertError(await c.post(`/api/inspection-plans/${p.id}/status`, { version: 2, status: 'closed' }), 409, 'invalid_transition');
    assertStatus(await c.post(`/api/inspection-plans/${p.id}/status`, { version: 2, status: 'active' }), 200);
    // a final inspection of the named hotel in 2026 counts for coverage
    const before = assertStatus(await c.get(`/api/inspection-plans/${p.id}`), 200).progress;
    const r = assertStatus(await c.post('/api/inspections', record({ businessId: T.hotel.id, planId: p.id, signature: 'signed' })), 201);
    assertStatus(await c.post(`/api/inspections/${r.id}/finalise`, { version: r.version }), 200);
    const after = assertStatus(await c.get(`/api/inspection-plans/${p.id}`), 200).progress;
    assert.equal(after.inspections, before.inspections + 1);
    assert.equal(after.unannounced, before.unannounced + 1);
    assert.ok(after.businessesInspected >= 1);
    const closed = assertStatus(await c.post(`/api/inspection-plans/${p.id}/status`, { version: 3, status: 'closed' }), 200);
    assert.equal(closed.status, 'closed');
    const e = assertError(await c.post('/api/inspection-plans', { ...input, year: 1999, mode: 'sometimes', coverageTargetPct: 120 }), 400, 'validation_failed');
    assert.deepEqual(e.details.map((d) => d.field).sort(), ['coverageTargetPct', 'mode', 'year']);
    assertError(await c.post('/api/inspection-plans', { ...input, teamId: T.teamDN.id }), 400, 'validation_failed', 'teamId');
  });

  test('a record: legal references resolved from the date, warnings, update, 409 stale, finalise rules, 409 on a final record', async () => {
    const c = S['doikiemtra.gialai'];
    const cl = assertStatus(await c.get('/api/checklists?type=karaoke&on=2025-12-10'), 200);
    const locks = cl.items.find((i) => i.itemKey === 'no_locks');
    const ref144 = assertStatus(await c.get('/api/legal-references/resolve?topic=harbouring_prostitution&on=2025-12-10'), 200);
    const ref282 = assertStatus(await c.get('/api/legal-references/resolve?topic=harbouring_prostitution&on=2025-12-20'), 200);
    // 10/12/2025 → Decree 144/2021
    const a = assertStatus(await c.post('/api/inspections', record({ inspectedOn: '2025-12-10', startedAt: '2025-12-10T21:00', endedAt: null,
      checklist: [{ itemId: locks.id, result: 'fail', note: 'Phòng 3 có chốt' }],
      violations: [{ topic: 'harbouring_prostitution', description: 'Phòng 3', fineAmount: 30000000 }] })), 201);
    assert.match(a.code, /^KT-2025-\d{6}$/);
    assert.equal(a.status, 'draft');
    assert.equal(a.violations[0].legalReference.id, ref144.id);
    assert.equal(a.fineTotal, 30000000);
    assert.equal(a.checklist.items.find((i) => i.itemId === locks.id).result, 'fail');
    assert.ok(a.warnings.some((w) => w.field === 'checklist[0].result'), 'a failed item without a violation of its kind');
    assert.equal(a.commune.orgUnit.code, '21583');
    // 20/12/2025 → Decree 282/2025
    const b = assertStatus(await c.post('/api/inspections', record({ inspectedOn: '2025-12-20', startedAt: '2025-12-20T21:00',
      violations: [{ topic: 'harbouring_prostitution', fineAmount: 200000000 }] })), 201);
    assert.equal(b.violations[0].legalReference.id, ref282.id);
    assert.ok(b.warnings.some((w) => w.field === 'violations[0].fineAmount'), 'a fine above the range is a warning');
    // a given reference must be in force that day
    assertError(await c.post('/api/inspections', record({ inspectedOn: '2025-12-20', startedAt: '2025-12-20T21:00',
      violations: [{ topic: 'harbouring_prostitution', legalReferenceId: ref144.id }] })), 400, 'legal_reference_not_in_force', 'violations[0].legalReferenceId');
    assertError(await c.post('/api/inspections', record({ inspectedOn: '2021-06-01', startedAt: '2021-06-01T21:00',
      violations: [{ topic: 'buying_sex' }] })), 400, 'no_legal_reference', 'violations[0].topic');
    assertError(await c.post('/api/inspections', record({ violations: [{ topic: 'gambling' }] })), 400, 'validation_failed', 'violations[0].topic');
    // update with version; stale → 409
    const u = assertStatus(await c.put(`/api/inspections/${a.id}`, { ...record({ inspectedOn: '2025-12-10', startedAt: '2025-12-10T21:00' }),
      violations: [{ topic: 'harbouring_prostitution', fineAmount: 25000000, sanctionDecision: 'QĐ 9/QĐ-XPHC' }], version: 1 }), 200);
    assert.equal(u.version, 2);
    assert.equal(u.fineTotal, 25000000);
    assert.equal(u.checklist.versionId, a.checklist.versionId);
    assertError(await c.put(`/api/inspections/${a.id}`, { ...record(), version: 1 }), 409, 'conflict');
    // finalise: pending → 400; refused without witness → 400; refused with reason + witness → final
    assertError(await c.post(`/api/inspections/${a.id}/finalise`, { version: 2 }), 400, 'validation_failed', 'signature');
    const r = assertStatus(await c.put(`/api/inspections/${a.id}`, { ...record({ inspectedOn: '2025-12-10', startedAt: '2025-12-10T21:00' }),
      signature: 'refused', refusalReason: 'Không đồng ý', version: 2 }), 200);
    assertError(await c.post(`/api/inspections/${a.id}/finalise`, { version: r.version }), 400, 'validation_failed', 'refusalWitness');
    const r2 = assertStatus(await c.put(`/api/inspections/${a.id}`, { ...record({ inspectedOn: '2025-12-10', startedAt: '2025-12-10T21:00' }),
      signature: 'refused', refusalReason: 'Không đồng ý', refusalWitness: 'Ông Tổ trưởng', version: r.version }), 200);
    const f = assertStatus(await c.post(`/api/inspections/${a.id}/finalise`, { version: r2.version }), 200);
    assert.equal(f.status, 'final');
    assert.ok(f.finalisedAt);
    assertError(await c.put(`/api/inspections/${a.id}`, { ...record(), version: f.version }), 409, 'inspection_final');
    assertError(await c.post(`/api/inspections/${a.id}/finalise`, { version: f.version }), 409, 'inspection_final');
    assertError(await c.post(`/api/inspections/${a.id}/evidence?filename=a.pdf`, PDF, raw), 409, 'inspection_final');
    const audit = assertStatus(await S.admin.get(`/api/audit?entity=inspection&entityId=${a.id}`), 200).items;
    assert.equal(audit.length, 5);
    assert.equal(audit.at(-1).after.code, a.code);
  });

  test('bad input: every field named, in Vietnamese and English; limits', async () => {
    const c = S['doikiemtra.gialai'];
    const e = assertError(await c.post('/api/inspections', record({ inspectedOn: '2099-01-01', startedAt: '2099-01-01T25:00', endedAt: 'x',
      outreach: { informed: -1, healthChecked: 100001, referred: 0 }, signature: 'maybe', reinspectionDue: '2098-12-31',
      violations: [{ topic: 'buying_sex', fineAmount: -1 }] })), 400, 'validation_failed');
    const fields = e.details.map((d) => d.field);
    for (const f of ['inspectedOn', 'startedAt', 'endedAt', 'outreach.informed', 'outreach.healthChecked', 'signature', 'reinspectionDue', 'violations[0].fineAmount'])
      assert.ok(fields.includes(f), `${f} in ${fields}`);
    for (const d of e.details) assert.ok(d.message && d.messageEn && d.message !== d.messageEn);
    assertError(await c.post('/api/inspections', record({ startedAt: '2026-03-01T21:30' })), 400, 'validation_failed', 'startedAt');
    assertError(await c.post('/api/inspections', record({ findings: 'x'.repeat(10001) })), 400, 'validation_failed', 'findings');
    assertError(await c.post('/api/inspections', record({ checklist: [{ itemId: 999999, result: 'pass' }] })), 400, 'validation_failed', 'checklist[0].itemId');
    assertError(await c.post('/api/inspections', record({ membersPresent: [{ memberId: T.teamDN.members[0].id, fullName: 'X' }] })), 400, 'validation_failed', 'membersPresent[0].memberId');
    assertError(await c.post('/api/inspections', record({ violations: Array.from({ length: 51 }, () => ({ topic: 'other' })) })), 400, 'validation_failed', 'violations');
    assertError(await c.post('/api/inspections', record({ businessId: T.bizDN.id })), 400, 'validation_failed', 'businessId');
    const { inspectedOn, ...noDate } = record();
    assertError(await c.post('/api/inspections', noDate), 400, 'validation_failed', 'inspectedOn');
  });

  test('re-inspection: due after the inspection, overdue until a later final inspection of the business', async () => {
    const c = S['doikiemtra.gialai'];
    const biz = assertStatus(await c.post('/api/businesses', { typeCode: 'massage', name: `Massage Tái Kiểm ${uniq('')}`, address: '8 Lê Lợi',
      communeCode: '21583', communeAsOf: '2025-07-01' }), 201);
    const first = assertStatus(await c.post('/api/inspections', record({ businessId: biz.id, inspectedOn: '2026-01-10', startedAt: '2026-01-10T20:00',
      endedAt: null, reinspectionDue: '2026-02-10', signature: 'signed' })), 201);
    assert.equal(first.reinspectionOverdue, true);
    assertStatus(await c.post(`/api/inspections/${first.id}/finalise`, { version: 1 }), 200);
    let page = assertStatus(await c.get(`/api/inspections?overdue=true&businessId=${biz.id}`), 200);
    assert.deepEqual(page.items.map((i) => i.id), [first.id]);
    assert.ok(assertStatus(await c.get('/api/inspections/due'), 200).items.some((i) => i.id === first.id));
    // a draft re-inspection does not settle it; a final one does
    const again = assertStatus(await c.post('/api/inspections', record({ businessId: biz.id, inspectedOn: '2026-02-20', startedAt: '2026-02-20T20:00',
      endedAt: null, reinspectionOf: first.id, signature: 'signed' })), 201);
    assert.equal(assertStatus(await c.get(`/api/inspections/${first.id}`), 200).reinspectionOverdue, true);
    assertStatus(await c.post(`/api/inspections/${again.id}/finalise`, { version: 1 }), 200);
    assert.equal(assertStatus(await c.get(`/api/inspections/${first.id}`), 200).reinspectionOverdue, false);
    page = assertStatus(await c.get(`/api/inspections?overdue=true&businessId=${biz.id}`), 200);
    assert.equal(page.total, 0);
    assertError(await c.post('/api/inspections', record({ reinspectionOf: first.id })), 400, 'validation_failed', 'reinspectionOf');
  });

  test('list filters and text search ignoring diacritics', async () => {
    const c = S['doikiemtra.gialai'];
    const name = T.biz.name;
    const r = assertStatus(await c.post('/api/inspections', record()), 201);
    const folded = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    const found = assertStatus(await c.get(`/api/inspections?q=${encodeURIComponent(folded)}&year=2026&status=draft&orgUnit=21583`), 200);
    assert.ok(found.items.some((i) => i.id === r.id));
    assert.ok(found.items.every((i) => i.business.id === T.biz.id));
    assert.equal(assertStatus(await c.get(`/api/inspections?businessId=${T.biz.id}&year=2024`), 200).total, 0);
    assertError(await c.get('/api/inspections?status=open'), 400);
  });

  test('evidence: PDF, PNG; not an executable; at most 10 MB; out of scope 404', async () => {
    const c = S['doikiemtra.gialai'];
    const r = assertStatus(await c.post('/api/inspections', record()), 201);
    const a = assertStatus(await c.post(`/api/inspections/${r.id}/evidence?filename=bien-ban.pdf`, PDF, raw), 201);
    const p = assertStatus(await c.post(`/api/inspections/${r.id}/evidence?filename=anh.png`, PNG, raw), 201);
    assert.equal(p.contentType, 'image/png');
    const got = assertStatus(await c.get(`/api/inspections/${r.id}`), 200);
    assert.deepEqual(got.evidence.map((e) => e.id), [a.id, p.id]);
    const file = await S['xa.gialai'].get(`/api/inspections/${r.id}/evidence/${a.id}`);
    assert.equal(file.status, 200);
    assert.equal(file.text.slice(0, 5), '%PDF-');
    assertError(await c.post(`/api/inspections/${r.id}/evidence?filename=x.exe`, new Uint8Array(Buffer.from('MZ\x90\x00')), raw), 400);
    const big = new Uint8Array(10 * 1024 * 1024 + 10);
    big.set(PDF);
    const tooBig = await c.post(`/api/inspections/${r.id}/evidence?filename=big.pdf`, big, raw);
    assert.equal(tooBig.status, 413);
    assertError(await S['tinh.dongnai'].get(`/api/inspections/${r.id}/evidence/${a.id}`), 404, 'not_found');
    assertError(await c.get(`/api/inspections/${r.id}/evidence/999999`), 404, 'not_found');
  });

  test('legal table import: validate, commit all or nothing, overlap and unknown topic are errors', async () => {
    const header = 'code,instrument,article,clause,point,topic,titleVi,titleEn,fineMin,fineMax,validFrom,validTo,sourceNote';
    const tag = uniq('').replace(/[^A-Za-z0-9]/g, '');
    const close = '282-2025-D32,282/2025/NĐ-CP,32,,,buying_sex,Hành vi mua dâm,Buying sex,1000000,2000000,15/12/2025,30/06/2030,thử';
    const next = `NEXT-${tag},999/2030/NĐ-CP,40,,,buying_sex,Hành vi mua dâm,Buying sex,2000000,4000000,01/07/2030,,thử`;
    const post = (rows, q = '') => S.admin.post(`/api/legal-references/import?filename=l.csv${q}`, new Uint8Array(Buffer.from([header, ...rows].join('\n'))), raw);
    // the next decree without closing the open row: overlap (same topic, article, clause, point? no: another article, no overlap)
    const overlap = `OVL-${tag},282/2025/NĐ-CP,32,,,buying_sex,Trùng,Overlap,,,01/01/2027,,thử`;
    const unknown = `UNK-${tag},282/2025/NĐ-CP,99,,,gambling,Đánh bạc,Gambling,,,01/01/2027,,thử`;
    let r = assertStatus(await post([next, overlap, unknown], '&commit=true'), 422);
    assert.equal(r.committed, false);
    assert.deepEqual([...new Set(r.errors.map((e) => `${e.row}:${e.code}`))].sort(), ['3:overlapping_validity', '4:unknown_topic']);
    for (const e of r.errors) assert.ok(e.message && e.messageEn);
    assert.equal(assertStatus(await S.admin.get('/api/legal-references?topic=buying_sex'), 200).items.length, 2, 'nothing written');
    r = assertStatus(await post([close, next]), 200);
    assert.equal(r.valid, 2);
    r = assertStatus(await post([close, next], '&commit=true'), 201);
    assert.deepEqual([r.created, r.updated], [1, 1]);
    const refs = assertStatus(await S.admin.get('/api/legal-references?topic=buying_sex'), 200).items;
    assert.equal(refs.length, 3);
    assert.equal(refs.find((x) => x.code === '282-2025-D32').validTo, '2030-06-30');
    assert.equal(assertStatus(await S.admin.get('/api/legal-references/resolve?topic=buying_sex&on=2030-07-01'), 200).code, `NEXT-${tag}`);
    assert.equal(assertStatus(await S.admin.get('/api/legal-references/resolve?topic=buying_sex&on=2026-07-01'), 200).code, '282-2025-D32');
    const file = xlsx([['Căn cứ', [header.split(','), [`X-${tag}`, '282/2025/NĐ-CP', '77', '1', 'a', 'other', 'Khác', 'Other', '', '', '2026-01-01', '', '']]]]);
    r = assertStatus(await S.admin.post('/api/legal-references/import?filename=l.xlsx&commit=true', file, raw), 201);
    assert.equal(r.created, 1);
    assertError(await S['doikiemtra.gialai'].post('/api/legal-references/import?filename=l.csv', new Uint8Array(Buffer.from(header)), raw), 403, 'forbidden');
    const audit = assertStatus(await S.admin.get('/api/audit?entity=legal_reference'), 200).items;
    assert.ok(audit.length >= 3);
  });

  test('access: commune officers read their commune, ministry and province read, other roles 403, out of scope 404, the wall', async () => {
    const c = S['doikiemtra.gialai'];
    const gl = assertStatus(await c.post('/api/inspections', record()), 201);
    const dn = assertStatus(await S['doikiemtra.dongnai'].post('/api/inspections', { businessId: T.bizDN.id, teamId: T.teamDN.id,
      inspectedOn: '2026-05-05', startedAt: '2026-05-05T20:00' }), 201);
    for (const u of ['xa.gialai', 'tinh.gialai', 'bo', 'admin']) assertStatus(await S[u].get(`/api/inspections/${gl.id}`), 200, u);
    for (const u of ['xa.gialai', 'tinh.gialai', 'doikiemtra.gialai']) assertError(await S[u].get(`/api/inspections/${dn.id}`), 404, 'not_found');
    assertError(await S['doikiemtra.gialai'].put(`/api/inspections/${dn.id}`, { ...record(), version: 1 }), 404, 'not_found');
    assertError(await S['doikiemtra.dongnai'].get(`/api/inspections/${gl.id}`), 404, 'not_found');
    // the commune officer sees only its commune's records, and no province team or plan
    const xa = await listAll(S['xa.gialai'], '/api/inspections');
    // its ward, and the old communes merged into it (closed unit versions)
    assert.ok(xa.items.some((i) => i.commune.orgUnit.code === '21583'));
    assert.ok(xa.items.every((i) => i.commune.orgUnit.code === '21583' || i.commune.orgUnit.validTo), 'own commune only');
    assert.ok(!xa.items.some((i) => i.id === dn.id));
    assertError(await S['xa.gialai'].get(`/api/inspection-teams/${T.teamGL.id}`), 404, 'not_found');
    assert.equal(assertStatus(await S['xa.gialai'].get('/api/inspection-teams'), 200).items.length, 0);
    assertError(await S['tinh.gialai'].get(`/api/inspection-teams/${T.teamDN.id}`), 404, 'not_found');
    // read-only officers cannot write
    for (const u of ['xa.gialai', 'tinh.gialai', 'bo']) {
      assertError(await S[u].post('/api/inspections', record()), 403, 'forbidden');
      assertError(await S[u].put(`/api/inspections/${gl.id}`, { ...record(), version: 1 }), 403, 'forbidden');
      assertError(await S[u].post('/api/inspection-teams', { orgUnitCode: '52', name: 'x' }), 403, 'forbidden');
    }
    // police and inspector roles, the viewer and an agency focal point hold no inspections.*
    for (const u of ['congan.gialai', 'thanhtra.gialai', 'xem.gialai', 'coquan.gialai']) {
      assertError(await S[u].get('/api/inspections'), 403, 'forbidden');
      assertError(await S[u].get('/api/legal-references'), 403, 'forbidden');
      assertError(await S[u].get(`/api/inspections/${gl.id}`), 403, 'forbidden');
    }
    // the inspection team never reaches the support records
    for (const u of ['doikiemtra.gialai', 'doikiemtra.dongnai']) {
      assertError(await S[u].get('/api/cases'), 403, 'forbidden');
      const me = assertStatus(await S[u].get('/api/me'), 200);
      assert.ok(!me.permissions.some((p) => p.startsWith('cases.')));
      assert.ok(me.permissions.includes('inspections.write') && !me.permissions.includes('legal_refs.manage'));
    }
  });
});
