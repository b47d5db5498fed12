// People supported (issue 16 items 4–5; docs/api-cases.md "Services" and "Referrals"): services
// delivered through host programmes (consent to services required), referrals to receiving
// agencies (consent to referral for the agency's kind required), the state machine, the derived
// overdue flag, and the receiving agency that sees only what a referral shares.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, login, startServer, todayVN } from './harness.mjs';

const addDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

describe(`case services and referrals ${KIND}`, () => {
  let server, S = {}, users = {}, agencies = {};

  before(async () => {
    server = await startServer();
    for (const u of ['admin', 'cm.gialai', 'gs.gialai', 'cm.dongnai', 'congan.gialai', 'thanhtra.gialai', 'coquan.gialai', 'tiepnhan.gialai', 'xem.gialai'])
      S[u] = await login(server.base, u);
    for (const u of (await listAll(S.admin, '/api/users')).items) users[u.username] = u;
    for (const a of (await listAll(S.admin, '/api/agencies')).items) agencies[a.name] = a;
  });
  after(async () => server?.stop());

  let n = 0;
  const newCase = async () => assertStatus(await S['cm.gialai'].post('/api/cases', {
    residenceUnitCode: '21583', residenceAsOf: todayVN(), birthYear: 1991, sex: 'female', targetGroups: ['sex_workers'],
    caseWorkerId: users['cm.gialai'].id, supervisorId: users['gs.gialai'].id, registeredOn: '2026-01-05',
    identity: { fullName: `Người Dịch Vụ ${++n} ${Date.now()}` },
  }), 201);
  const consent = async (id, purpose, effectiveOn = '2026-01-05') =>
    assertStatus(await S['cm.gialai'].post(`/api/cases/${id}/consents`, { purpose, effectiveOn }), 201);
  const service = (over = {}) => ({ serviceCode: 'sti_hiv_testing', hostProgrammeCode: 'hiv_aids', fundingSourceCode: 'provincial_budget',
    deliveredOn: '2026-02-01', note: 'Xét nghiệm nhanh tại trạm y tế', ...over });

  test('the service taxonomy of the seeds, Vietnamese and English, with host programmes and funding sources', async () => {
    const cat = assertStatus(await S['cm.gialai'].get('/api/case-services'), 200);
    const codes = cat.services.map((s) => s.code);
    for (const c of ['sti_hiv_testing', 'condoms', 'gbv_counselling', 'legal_aid', 'psych_counselling', 'health_check', 'health_insurance',
      'vocational_training', 'job_placement', 'loans', 'labour_contract_si', 'shelter']) assert.ok(codes.includes(c), c);
    assert.ok(cat.services.every((s) => s.nameVi && s.nameEn && s.nameVi !== s.nameEn));
    assert.ok(cat.hostProgrammes.some((p) => p.code === 'poverty_ntp') && cat.hostProgrammes.some((p) => p.code === 'hiv_aids'));
    assert.ok(cat.fundingSources.some((p) => p.code === 'provincial_budget'));
    // editable: the taxonomy editor adds an entry, and the catalogue follows
    const tx = assertStatus(await S.admin.get('/api/taxonomies/case-services'), 200);
    assert.ok(tx.items.some((x) => x.code === 'shelter'));
    assertStatus(await S.admin.put('/api/taxonomies/case-services/peer_support', { nameVi: 'Hỗ trợ đồng đẳng', nameEn: 'Peer support', group: 'social', sortOrder: 130, active: true }), 200);
    const cat2 = assertStatus(await S['cm.gialai'].get('/api/case-services'), 200);
    assert.equal(cat2.services.find((s) => s.code === 'peer_support')?.nameEn, 'Peer support');
    // the wall and roles without cases.read
    for (const u of ['congan.gialai', 'thanhtra.gialai', 'xem.gialai']) assertError(await S[u].get('/api/case-services'), 403, 'forbidden');
  });

  test('a service needs consent to services on its date, names its host programme, and is audited without identity', async () => {
    const c = await newCase();
    // no consent: refused, nothing written
    let e = assertError(await S['cm.gialai'].post(`/api/cases/${c.id}/services`, service()), 409, 'consent_required');
    assert.match(e.message, /đồng ý/);
    assert.match(e.messageEn, /consent/);
    assert.deepEqual(assertStatus(await S['cm.gialai'].get(`/api/cases/${c.id}/services`), 200).items, []);
    await consent(c.id, 'services', '2026-01-20');
    // before the consent's date: still refused
    assertError(await S['cm.gialai'].post(`/api/cases/${c.id}/services`, service({ deliveredOn: '2026-01-10' })), 409, 'consent_required');
    const out = assertStatus(await S['cm.gialai'].post(`/api/cases/${c.id}/services`, service()), 201);
    assert.equal(out.items.length, 1);
    const s = out.items[0];
    assert.equal(s.service.code, 'sti_hiv_testing');
    assert.equal(s.hostProgramme.code, 'hiv_aids');
    assert.equal(s.fundingSource.code, 'provincial_budget');
    assert.equal(s.deliveredOn, '2026-02-01');
    assert.equal(s.recordedBy, 'cm.gialai');
    // the host programme is required and must be one of the taxonomy
    assertError(await S['cm.gialai'].post(`/api/cases/${c.id}/services`, service({ hostProgrammeCode: undefined })), 400, 'validation_failed', 'hostProgrammeCode');
    assertError(await S['cm.gialai'].post(`/api/cases/${c.id}/services`, service({ hostProgrammeCode: 'nope' })), 400, 'validation_failed', 'hostProgrammeCode');
    assertError(await S['cm.gialai'].post(`/api/cases/${c.id}/services`, service({ serviceCode: 'nope' })), 400, 'validation_failed', 'serviceCode');
    assertError(await S['cm.gialai'].post(`/api/cases/${c.id}/services`, service({ fundingSourceCode: 'nope' })), 400, 'validation_failed', 'fundingSourceCode');
    assertError(await S['cm.gialai'].post(`/api/cases/${c.id}/services`, service({ deliveredOn: addDays(todayVN(), 1) })), 400, 'validation_failed', 'deliveredOn');
    assertError(await S['cm.gialai'].post(`/api/cases/${c.id}/services`, service({ note: 'x'.repeat(501) })), 400, 'validation_failed', 'note');
    assert.equal(assertStatus(await S['cm.gialai'].get(`/api/cases/${c.id}/services`), 200).items.length, 1, 'bad input wrote nothing');
    // withdrawn consent: services after the withdrawal are refused
    const cs = assertStatus(await S['cm.gialai'].get(`/api/cases/${c.id}/consents`), 200);
    const given = cs.items.find((x) => x.purpose === 'services');
    assertStatus(await S['cm.gialai'].post(`/api/cases/${c.id}/consents/${given.id}/withdraw`, { effectiveOn: '2026-03-01' }), 201);
    assertError(await S['cm.gialai'].post(`/api/cases/${c.id}/services`, service({ deliveredOn: '2026-03-02' })), 409, 'consent_required');
    assertStatus(await S['cm.gialai'].post(`/api/cases/${c.id}/services`, service({ deliveredOn: '2026-02-15', serviceCode: 'condoms' })), 201);
    // the audit: codes, no note, no identity
    const audit = (await listAll(S.admin, '/api/audit?entity=case_service')).items.filter((a) => a.after?.caseId === c.id);
    assert.equal(audit.length, 2);
    for (const a of audit) {
      assert.equal(a.after.code, c.code);
      assert.equal(a.after.hostProgramme, 'hiv_aids');
      assert.ok(!JSON.stringify(a).includes('Người Dịch Vụ') && !JSON.stringify(a).includes('trạm y tế'), JSON.stringify(a));
    }
    // out of scope 404, the wall 403
    assertError(await S['cm.dongnai'].get(`/api/cases/${c.id}/services`), 404, 'not_found');
    assertError(await S['cm.dongnai'].post(`/api/cases/${c.id}/services`, service()), 404, 'not_found');
    for (const u of ['congan.gialai', 'thanhtra.gialai']) {
      assertError(await S[u].get(`/api/cases/${c.id}/services`), 403, 'forbidden');
      assertError(await S[u].post(`/api/cases/${c.id}/services`, service()), 403, 'forbidden');
    }
  });

  test('referrals: consent per agency kind, shared fields only, the state machine with versions, derived overdue', async () => {
    const soyte = Object.values(agencies).find((a) => a.key === 'gl-soyte');  // the agency of tiepnhan.gialai
    assert.ok(soyte, 'the agency of tiepnhan.gialai');
    const hoiPN = agencies['Hội Liên hiệp Phụ nữ tỉnh Gia Lai'];
    const c = await newCase();
    const body = { agencyId: soyte.id, reason: 'Cần điều trị ARV', shared: ['sex', 'birthYear'], responseDays: 7 };
    // no consent to referral to this kind: refused, nothing written
    const e = assertError(await S['cm.gialai'].post(`/api/cases/${c.id}/referrals`, body), 409, 'consent_required');
    assert.match(e.message, /đồng ý/);
    await consent(c.id, `referral:${soyte.kind}`);
    // consent for one kind does not cover another
    if (hoiPN.kind !== soyte.kind)
      assertError(await S['cm.gialai'].post(`/api/cases/${c.id}/referrals`, { ...body, agencyId: hoiPN.id }), 409, 'consent_required');
    // identity is never shareable; bad input writes nothing
    for (const f of ['fullName', 'idNumber', 'phone', 'address', 'notes'])
      assertError(await S['cm.gialai'].post(`/api/cases/${c.id}/referrals`, { ...body, shared: [f] }), 400, 'validation_failed', 'shared');
    assertError(await S['cm.gialai'].post(`/api/cases/${c.id}/referrals`, { ...body, responseDays: 0 }), 400, 'validation_failed', 'responseDays');
    assertError(await S['cm.gialai'].post(`/api/cases/${c.id}/referrals`, { ...body, reason: '  ' }), 400, 'validation_failed', 'reason');
    assertError(await S['cm.gialai'].post(`/api/cases/${c.id}/referrals`, { ...body, agencyId: 999999 }), 400, 'validation_failed', 'agencyId');
    assert.deepEqual(assertStatus(await S['cm.gialai'].get(`/api/cases/${c.id}/referrals`), 200).items, []);

    const r = assertStatus(await S['cm.gialai'].post(`/api/cases/${c.id}/referrals`, body), 201);
    assert.equal(r.status, 'sent');
    assert.equal(r.sentOn, todayVN());
    assert.equal(r.dueOn, addDays(todayVN(), 7));
    assert.equal(r.overdue, false);
    assert.deepEqual(r.shared, ['birthYear', 'sex']);
    assert.equal(r.code, c.code);

    // the receiving agency's inbox: the code, the shared fields, reason, due — nothing else
    const inbox = assertStatus(await S['tiepnhan.gialai'].get('/api/referrals/inbox'), 200).items;
    const mine = inbox.find((x) => x.id === r.id);
    assert.ok(mine, 'in the inbox of the receiving agency');
    assert.deepEqual(Object.keys(mine).sort(), ['code', 'dueOn', 'id', 'overdue', 'reason', 'sentOn', 'shared', 'status', 'statusReason', 'version']);
    assert.deepEqual(mine.shared, { birthYear: 1991, sex: 'female' });
    assert.equal(mine.reason, 'Cần điều trị ARV');
    assert.ok(!JSON.stringify(inbox).includes('Người Dịch Vụ'));
    // the receiving agency does not read the record itself
    assertError(await S['tiepnhan.gialai'].get(`/api/cases/${c.id}`), 403, 'forbidden');
    assertError(await S['tiepnhan.gialai'].get(`/api/cases/${c.id}/referrals`), 403, 'forbidden');
    // the case roles and the wall have no inbox
    for (const u of ['cm.gialai', 'congan.gialai', 'thanhtra.gialai', 'xem.gialai', 'coquan.gialai'])
      assertError(await S[u].get('/api/referrals/inbox'), 403, 'forbidden');

    // a referral to another agency: not in this inbox, and this focal point cannot answer it (404)
    await consent(c.id, `referral:${hoiPN.kind}`).catch(() => {});
    const other = assertStatus(await S['cm.gialai'].post(`/api/cases/${c.id}/referrals`, { ...body, agencyId: hoiPN.id }), 201);
    assert.ok(!assertStatus(await S['tiepnhan.gialai'].get('/api/referrals/inbox'), 200).items.some((x) => x.id === other.id));
    assertError(await S['tiepnhan.gialai'].post(`/api/referrals/${other.id}/accept`, { version: other.version }), 404, 'not_found');
    // the referring side cannot accept its own referral (not the receiving agency)
    assertError(await S['cm.gialai'].post(`/api/referrals/${r.id}/accept`, { version: r.version }), 403, 'forbidden');

    // done before accepted: refused; stale version: 409 conflict
    assertError(await S['tiepnhan.gialai'].post(`/api/referrals/${r.id}/done`, { version: r.version }), 409, 'referral_transition_refused');
    assertError(await S['tiepnhan.gialai'].post(`/api/referrals/${r.id}/accept`, { version: r.version + 5 }), 409, 'conflict');
    // "Việc của tôi" of the focal point lists it while it waits (the inbox's view: code, no record id)
    const waiting = assertStatus(await S['tiepnhan.gialai'].get('/api/my-work'), 200).waiting.referrals;
    assert.ok(waiting.some((x) => x.id === r.id && x.code === c.code && !('caseId' in x)), 'the referral waits in my work');
    assert.deepEqual(assertStatus(await S['cm.gialai'].get('/api/my-work'), 200).waiting.referrals, [], 'not for the referring side');
    const acc = assertStatus(await S['tiepnhan.gialai'].post(`/api/referrals/${r.id}/accept`, { version: r.version }), 200);
    assert.equal(acc.status, 'accepted');
    assertError(await S['tiepnhan.gialai'].post(`/api/referrals/${r.id}/reject`, { version: acc.version, reason: 'Quá tải' }), 409, 'referral_transition_refused');
    assert.ok(!assertStatus(await S['tiepnhan.gialai'].get('/api/my-work'), 200).waiting.referrals.some((x) => x.id === r.id), 'answered: no longer waiting');
    const done = assertStatus(await S['tiepnhan.gialai'].post(`/api/referrals/${r.id}/done`, { version: acc.version, reason: 'Đã khám và điều trị' }), 200);
    assert.equal(done.status, 'done');
    assert.equal(done.statusReason, 'Đã khám và điều trị', 'done keeps the outcome note');
    assertError(await S['cm.gialai'].post(`/api/referrals/${r.id}/revoke`, { version: done.version }), 409, 'referral_transition_refused');

    // reject needs a reason; revoke by the referring side; out of scope 404; the wall 403
    const r2 = assertStatus(await S['cm.gialai'].post(`/api/cases/${c.id}/referrals`, body), 201);
    assertError(await S['tiepnhan.gialai'].post(`/api/referrals/${r2.id}/reject`, { version: r2.version }), 400, 'validation_failed', 'reason');
    const rej = assertStatus(await S['tiepnhan.gialai'].post(`/api/referrals/${r2.id}/reject`, { version: r2.version, reason: 'Không đúng chuyên môn' }), 200);
    assert.equal(rej.status, 'rejected');
    assert.equal(rej.statusReason, 'Không đúng chuyên môn');
    const r3 = assertStatus(await S['cm.gialai'].post(`/api/cases/${c.id}/referrals`, body), 201);
    assertError(await S['cm.dongnai'].post(`/api/referrals/${r3.id}/revoke`, { version: r3.version }), 404, 'not_found');
    for (const u of ['congan.gialai', 'thanhtra.gialai']) {
      assertError(await S[u].post(`/api/referrals/${r3.id}/revoke`, { version: r3.version }), 403, 'forbidden');
      assertError(await S[u].post(`/api/cases/${c.id}/referrals`, body), 403, 'forbidden');
      assertError(await S[u].get(`/api/cases/${c.id}/referrals`), 403, 'forbidden');
    }
    assertError(await S['cm.dongnai'].get(`/api/cases/${c.id}/referrals`), 404, 'not_found');
    const rev = assertStatus(await S['gs.gialai'].post(`/api/referrals/${r3.id}/revoke`, { version: r3.version, reason: 'Đã có nơi khác hỗ trợ' }), 200);
    assert.equal(rev.status, 'revoked');
    // revoked referrals leave the inbox
    assert.ok(!assertStatus(await S['tiepnhan.gialai'].get('/api/referrals/inbox'), 200).items.some((x) => x.id === r3.id));
    const list = assertStatus(await S['cm.gialai'].get(`/api/cases/${c.id}/referrals`), 200).items;
    assert.deepEqual(list.filter((x) => x.agency.id === soyte.id).map((x) => x.status).sort(), ['done', 'rejected', 'revoked']);
    // the audit: statuses and codes, no identity, no reason text of the person
    const audit = (await listAll(S.admin, '/api/audit?entity=case_referral')).items.filter((a) => [r.id, r2.id, r3.id].map(String).includes(String(a.entityId)));
    assert.ok(audit.length >= 6, `${audit.length} audit entries`);
    assert.ok(!JSON.stringify(audit).includes('Người Dịch Vụ'));
  });
});
