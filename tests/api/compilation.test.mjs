// A level's report is its compilation (issue 12, docs/api-reports.md): a round communes →
// district → province on a tree made for the test (imported units, users homed on them), with one
// commune missing and one report returned and resubmitted. Every level's submitted report, its
// compile page, and its .docx and .xlsx carry the same numbers, and on every row "Tổng cộng" =
// "Tổng hợp từ đơn vị cấp dưới" + "Của đơn vị". Submitting with units missing asks for a
// confirmation, and the confirmed list is on the report and in its documents.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, login, startServer, todayVN, uniq, unzip } from './harness.mjs';

const HEADER = 'code,name,full_name,kind,type_label,parent_code,valid_from,valid_to';

// ----- reading the documents (zip files) -----
const unescapeXml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const textOf = (xml) => unescapeXml([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
/** Every table row of a .docx as its cells' text. */
function docxRows(buf) {
  const xml = unzip(buf).get('word/document.xml').toString('utf8');
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => textOf(tc[0])));
}
function docxText(buf) {
  return textOf(unzip(buf).get('word/document.xml').toString('utf8'));
}
/** Every row of every sheet of an .xlsx as its cells (strings, or numbers for numeric cells). */
function xlsxRows(buf) {
  const files = unzip(buf);
  const shared = files.has('xl/sharedStrings.xml')
    ? [...files.get('xl/sharedStrings.xml').toString('utf8').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
      unescapeXml([...m[1].matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((t) => t[1]).join('')))
    : [];
  const rows = [];
  for (const [name, data] of files) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    for (const r of data.toString('utf8').matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
      const cells = [];
      for (const c of r[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const col = [...c[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
        const v = /<v>([^<]*)<\/v>/.exec(c[3] ?? '')?.[1];
        const inline = /<t[^>]*>([^<]*)<\/t>/.exec(c[3] ?? '')?.[1];
        cells[col] = /t="s"/.test(c[2]) ? shared[Number(v)] : /t="(inlineStr|str)"/.test(c[2]) ? unescapeXml(inline ?? v ?? '') : v === undefined ? '' : Number(v);
      }
      rows.push(cells.map((x) => x ?? ''));
    }
  }
  return rows;
}
/** "1.234.567" → 1234567; "" → null. */
const vnNumber = (s) => (typeof s === 'number' ? s : s === '' ? null : Number(String(s).replace(/\./g, '')));

describe(`a level's report is its compilation ${KIND}`, () => {
  let server, admin, S, period, day, codes, agencyId;

  before(async () => {
    server = await startServer();
    admin = await login(server.base, 'admin');
    // a province P with districts D1 (communes C1, C2, C3) and D2 (commune C4), valid today
    const m = uniq('').slice(0, 6).toUpperCase();
    codes = { P: `P${m}`, D1: `D1${m}`, D2: `D2${m}`, C1: `C1${m}`, C2: `C2${m}`, C3: `C3${m}`, C4: `C4${m}` };
    const from = '2026-01-01';
    const rows = [
      `${codes.P},Tỉnh Thử ${m},Tỉnh Thử ${m},province,Tỉnh,VN,${from},`,
      `${codes.D1},Huyện Một ${m},Huyện Một ${m},district,Huyện,${codes.P},${from},`,
      `${codes.D2},Huyện Hai ${m},Huyện Hai ${m},district,Huyện,${codes.P},${from},`,
      `${codes.C1},Xã Một ${m},Xã Một ${m},commune,Xã,${codes.D1},${from},`,
      `${codes.C2},Xã Hai ${m},Xã Hai ${m},commune,Xã,${codes.D1},${from},`,
      `${codes.C3},Xã Ba ${m},Xã Ba ${m},commune,Xã,${codes.D1},${from},`,
      `${codes.C4},Xã Bốn ${m},Xã Bốn ${m},commune,Xã,${codes.D2},${from},`,
    ];
    assertStatus(await admin.post('/api/org-units/import?format=csv', `${HEADER}\n${rows.join('\n')}\n`,
      { raw: true, headers: { 'content-type': 'text/csv; charset=utf-8' } }), 200);
    S = {};
    for (const [who, role] of [['P', 'province_lead_officer'], ['D1', 'province_lead_officer'], ['D2', 'province_lead_officer'],
      ['C1', 'commune_officer'], ['C2', 'commune_officer'], ['C3', 'commune_officer'], ['C4', 'commune_officer']]) {
      const username = uniq(`${who.toLowerCase()}.`);
      assertStatus(await admin.post('/api/users', { username, fullName: `Cán bộ ${who}`, password: 'Start1234', orgUnitCode: codes[who], orgUnitAsOf: todayVN(), roles: [role] }), 201);
      S[who] = await login(server.base, username, 'Start1234');
      // a new account must change its password before anything else
      assertStatus(await S[who].post('/api/me/password', { currentPassword: 'Start1234', newPassword: 'Start12345' }), 204);
    }
    const p = assertStatus(await S.P.get('/api/report-periods?form=bc_6thang'), 200);
    period = p.items.find((x) => x.code === p.current);
    assert.ok(period.cutOff && period.dataFrom, 'a period carries its data cut-off');
    // activities inside the period's data span
    const today = todayVN();
    day = today < period.cutOff ? today : period.cutOff;
    agencyId = assertStatus(await admin.get('/api/agencies?pageSize=1'), 200).items[0].id;
  });
  after(async () => { await server?.stop(); });

  const record = async (unit, total, amount) => assertStatus(await admin.post('/api/activities', {
    title: `Tuyên truyền ${unit}`, interventionTypeCode: 'community_sessions', orgUnitCode: codes[unit], leadAgencyId: agencyId,
    startDate: day, endDate: day, reach: [{ targetGroup: 'service_workers', total, female: total - 1, male: 1 }],
    outputs: [{ kind: 'sessions', quantity: 1 }], costs: [{ fundingSource: 'commune_budget', amount }],
  }), 201);
  const current = async (who, unit = who) =>
    assertStatus(await S[who].get(`/api/reports/current?form=bc_6thang&period=${period.code}&orgUnit=${codes[unit]}`), 200);
  const compilePage = async (who, unit = who) =>
    assertStatus(await S[who].get(`/api/reports/compile?form=bc_6thang&period=${period.code}&orgUnit=${codes[unit]}`), 200);
  const download = async (who, format) => {
    const res = await fetch(`${server.base}/api/reports/document?form=bc_6thang&period=${period.code}&orgUnit=${codes[who]}&format=${format}`,
      { headers: { cookie: S[who].cookie } });
    assert.equal(res.status, 200, format);
    return Buffer.from(await res.arrayBuffer());
  };
  // The budget allocated is computed from issued allocation decisions (migration 0035): a unit's
  // budget is a decision dated in the period's data span, recorded and issued by the administrator.
  const allocate = async (unit, amount) => {
    const d = assertStatus(await admin.post('/api/allocation-decisions', { orgUnitCode: codes[unit], year: Number(day.slice(0, 4)),
      issuingBody: `UBND ${unit}`, number: `${uniq('QĐ')}/QĐ-UBND`, decisionDate: day,
      lines: [{ fundingSource: 'commune_budget', amount }] }), 201);
    assertStatus(await admin.post(`/api/allocation-decisions/${d.id}/issue`, { version: d.version }), 200);
  };
  // a leaf's report, submitted after `budget` more was allocated to it
  const submitLeaf = async (who, budget) => {
    if (budget) await allocate(who, budget);
    const r = assertStatus(await S[who].put('/api/reports', { form: 'bc_6thang', period: period.code, orgUnitCode: codes[who],
      values: { results: `Kết quả ${who}` } }), 200);
    return assertStatus(await S[who].post(`/api/reports/${r.id}/submit`, {}), 200);
  };

  /** The report, its compile page and both documents of a level carry one set of numbers. */
  async function sameNumbersEverywhere(who, form) {
    const rep = await current(who);
    const comp = await compilePage(who);
    const numeric = form.sections.flatMap((s) => s.elements).filter((e) => e.valueType === 'number');
    for (const e of numeric) {
      assert.equal(rep.values[e.code], comp.total[e.code], `${who} ${e.code}: report = compile total`);
      assert.equal(rep.compilation.total[e.code], rep.values[e.code], `${who} ${e.code}: the report's total`);
      assert.equal(comp.total[e.code], comp.compiled[e.code] + (comp.own[e.code] ?? 0), `${who} ${e.code}: total = compiled + own`);
      assert.equal(rep.compilation.compiled[e.code], comp.compiled[e.code], `${who} ${e.code}: compiled part`);
      assert.equal(rep.compilation.own[e.code], comp.own[e.code], `${who} ${e.code}: own part`);
    }
    // the .docx: one row per numeric element, label | compiled | own | total, adding up
    const byLabel = new Map(numeric.map((e) => [e.labelVi ?? e.label, e]));
    const docRows = docxRows(await download(who, 'docx')).filter((r) => r.length === 5 && byLabel.has(r[1]));
    assert.equal(docRows.length, numeric.length, `${who}: every numeric element is a row of the .docx`);
    for (const r of docRows) {
      const e = byLabel.get(r[1]);
      const [c, o, tot] = r.slice(2).map(vnNumber);
      assert.equal(tot, (c ?? 0) + (o ?? 0), `${who} .docx "${r[1]}": Tổng cộng = Tổng hợp từ đơn vị cấp dưới + Của đơn vị`);
      assert.equal(tot, rep.values[e.code], `${who} .docx "${r[1]}": the report's figure`);
      assert.equal(c, comp.compiled[e.code], `${who} .docx "${r[1]}": compiled`);
    }
    const header = docxRows(await download(who, 'docx')).find((r) => r.includes('Tổng cộng'));
    assert.deepEqual(header.slice(2), ['Tổng hợp từ đơn vị cấp dưới', 'Của đơn vị', 'Tổng cộng']);
    // the .xlsx annex: the same rows
    const xRows = xlsxRows(await download(who, 'xlsx')).filter((r) => r.length >= 5 && byLabel.has(r[1]));
    assert.equal(xRows.length, numeric.length, `${who}: every numeric element is a row of the .xlsx`);
    for (const r of xRows) {
      const e = byLabel.get(r[1]);
      const [c, o, tot] = r.slice(2, 5).map(vnNumber);
      assert.equal(tot, (c ?? 0) + (o ?? 0), `${who} .xlsx "${r[1]}": total = its two parts`);
      assert.equal(tot, rep.values[e.code], `${who} .xlsx "${r[1]}": the report's figure`);
    }
    return { rep, comp };
  }

  test('communes → district → province: one missing, one returned and resubmitted; every figure agrees', async () => {
    const form = assertStatus(await S.P.get('/api/report-forms/bc_6thang'), 200);
    await record('C1', 40, 1000000);
    await record('C2', 25, 2000000);
    await record('C3', 13, 3000000);  // C3 never reports
    await record('C4', 9, 500000);
    await record('D1', 7, 4000000);   // recorded on the district itself: its own part
    await record('P', 5, 6000000);

    // C1 submits, D1 accepts; C2 submits, is returned, resubmits, is accepted
    const c1 = await submitLeaf('C1', 10000000);
    assert.equal(c1.compilation, null, 'a commune has nothing below: its own figures');
    assert.equal(c1.values.reached_total, 40);
    assertStatus(await S.D1.post(`/api/reports/${c1.id}/accept`, {}), 200);
    let c2 = await submitLeaf('C2', 20000000);
    assert.equal(c2.values.budget_allocated, 20000000);
    assertStatus(await S.D1.post(`/api/reports/${c2.id}/return`, { comment: 'Bổ sung số liệu' }), 200);
    await record('C2', 6, 100000);  // corrected before resubmitting
    c2 = await submitLeaf('C2', 5000000);  // and 5.000.000 more allocated
    assert.equal(c2.values.budget_allocated, 25000000);
    assert.equal(c2.values.reached_total, 31);
    assertStatus(await S.D1.post(`/api/reports/${c2.id}/accept`, {}), 200);

    // the district's report, while a draft: its compilation, the live figure beside it, explained
    await allocate('D1', 5000000);  // allocated to the district itself: its own part
    assertStatus(await S.D1.put('/api/reports', { form: 'bc_6thang', period: period.code, orgUnitCode: codes.D1,
      values: { results: 'Tổng hợp huyện', budget_allocated: 1 } }), 200);  // typed: not taken
    let d1 = await current('D1');
    assert.equal(d1.values.reached_total, 40 + 31 + 7, 'Σ accepted below + own');
    assert.deepEqual([d1.compilation.compiled.reached_total, d1.compilation.own.reached_total], [71, 7]);
    assert.equal(d1.values.budget_allocated, 10000000 + 25000000 + 5000000, 'Σ below + its own decisions');
    assert.equal(d1.compilation.own.budget_allocated, 5000000);
    assert.equal(d1.live.reached_total, 40 + 31 + 13 + 7, 'the live figure counts every activity');
    const c3 = d1.compilation.differences.find((d) => d.orgUnit.code === codes.C3);
    assert.deepEqual([c3.reason, c3.message, c3.messageEn, c3.difference.reached_total], ['not_reported', 'Chưa báo cáo', 'Not yet reported', 13]);
    assert.equal(d1.compilation.differences.find((d) => d.orgUnit.code === codes.C1).reason, 'none');
    assert.deepEqual(d1.missingUnits.map((u) => u.orgUnit.code), [codes.C3]);

    // submitting without the confirmation: 409 naming the missing commune, nothing written
    assert.equal(d1.status, 'draft');
    const refused = assertError(await S.D1.post(`/api/reports/${d1.id}/submit`, {}), 409, 'missing_reports', 'confirmMissing');
    assert.match(refused.message, new RegExp(`Xã Ba ${codes.C3.slice(2)}.*chưa lập`));
    assert.match(refused.messageEn, /not started/);
    assert.equal((await current('D1')).status, 'draft');
    assertError(await S.D1.post(`/api/reports/${d1.id}/submit`, { confirmMissing: 'yes' }), 400, 'validation_failed', 'confirmMissing');
    d1 = assertStatus(await S.D1.post(`/api/reports/${d1.id}/submit`, { confirmMissing: true }), 200);
    assert.equal(d1.status, 'submitted');
    assert.equal(d1.values.reached_total, 78);
    assert.deepEqual(d1.missingUnits.map((u) => [u.orgUnit.code, u.status]), [[codes.C3, 'not_started']]);
    const docD1 = docxText(await download('D1', 'docx'));
    assert.ok(docD1.includes(`Đơn vị chưa báo cáo: Xã Ba ${codes.C3.slice(2)}.`), 'the confirmed missing units are in the notes');
    await sameNumbersEverywhere('D1', form);

    // activities recorded after C1's acceptance: the district's frozen figures stay, the
    // cross-check explains the difference
    await record('C1', 4, 100000);
    const frozen = await compilePage('D1');
    assert.equal(frozen.frozen, true);
    assert.equal(frozen.total.reached_total, 78, 'the submitted figure does not move');
    assert.equal(frozen.computed.reached_total, 95, 'the live figure does');
    const c1Gap = frozen.differences.find((d) => d.orgUnit.code === codes.C1);
    assert.deepEqual([c1Gap.reason, c1Gap.difference.reached_total], ['recorded_after_acceptance', 4]);
    assert.equal(c1Gap.message, 'Hoạt động ghi nhận sau khi báo cáo được tiếp nhận');
    await sameNumbersEverywhere('D1', form);

    // the province: D1 accepted, D2 (whose commune C4 only submitted) missing
    const c4 = await submitLeaf('C4', 1000000);
    assert.equal(c4.status, 'submitted');
    assertStatus(await S.P.post(`/api/reports/${d1.id}/accept`, {}), 200);
    let p = assertStatus(await S.P.put('/api/reports', { form: 'bc_6thang', period: period.code, orgUnitCode: codes.P,
      values: { results: 'Tổng hợp tỉnh' } }), 200);
    assert.equal(p.values.reached_total, 78 + 5, "the province: D1's accepted report + its own");
    assert.equal(p.values.budget_allocated, 40000000, 'nothing allocated to the province itself: the compiled part only');
    assert.equal(p.compilation.own.budget_allocated, 0);
    assert.equal(p.live.reached_total, 95 + 9 + 5);
    const d2 = p.compilation.differences.find((d) => d.orgUnit.code === codes.D2);
    assert.deepEqual([d2.reason, d2.difference.reached_total], ['not_reported', 9]);
    const d1Gap = p.compilation.differences.find((d) => d.orgUnit.code === codes.D1);
    assert.deepEqual([d1Gap.reason, d1Gap.difference.reached_total], ['recorded_after_acceptance', 95 - 78]);
    assertError(await S.P.post(`/api/reports/${p.id}/submit`, {}), 409, 'missing_reports');
    p = assertStatus(await S.P.post(`/api/reports/${p.id}/submit`, { confirmMissing: true }), 200);
    assert.deepEqual(p.missingUnits.map((u) => u.orgUnit.code), [codes.D2]);
    const { comp } = await sameNumbersEverywhere('P', form);
    assert.equal(comp.total.reached_total, 83);
    assert.ok(docxText(await download('P', 'docx')).includes(`Đơn vị chưa báo cáo: Huyện Hai ${codes.D2.slice(2)}.`));
    // the confirmation is audited
    const audit = assertStatus(await admin.get(`/api/audit?entity=report&entityId=${p.id}`), 200);
    assert.ok(audit.items.some((a) => a.after?.action === 'confirm_missing' && a.after.missingUnits.length === 1));

    // the ministry reopens the province's report: its own figures are computed again, and its next
    // submission compiles again (now with D2 still missing)
    p = assertStatus(await admin.post(`/api/reports/${p.id}/accept`, {}), 200);
    p = assertStatus(await admin.post(`/api/reports/${p.id}/reopen`, { comment: 'Bổ sung' }), 200);
    assert.equal(p.status, 'returned');
    assert.equal(p.values.budget_allocated, 40000000, 'not doubled: the own part is its own decisions (none)');
    await allocate('P', 3000000);
    p = assertStatus(await S.P.put('/api/reports', { form: 'bc_6thang', period: period.code, orgUnitCode: codes.P,
      version: p.version, values: { results: 'Tổng hợp tỉnh (bổ sung)' } }), 200);
    assert.equal(p.values.budget_allocated, 43000000);
    p = assertStatus(await S.P.post(`/api/reports/${p.id}/submit`, { confirmMissing: true }), 200);
    assert.equal(p.values.budget_allocated, 43000000);
    await sameNumbersEverywhere('P', form);
  });

  test('a district sees nothing of a commune of another district; the missing commune may still fill its own report', async () => {
    const r = await current('C3');
    assert.equal(r.can.submit, true);
    assertError(await S.D2.put('/api/reports', { form: 'bc_6thang', period: period.code, orgUnitCode: codes.C3, values: {} }), 404, 'not_found');
  });
});
