// Ad-hoc report requests and agency reports (§5.4, docs/api-reports.md) on the real server.
// The ministry asks Gia Lai and Đồng Nai for a report over a span by a deadline: Gia Lai submits
// on time, Đồng Nai is missing, then late; completeness and timeliness are exact; a unit not asked
// gets 404. A province agency (coquan.gialai, Sở Y tế Gia Lai) fills and submits its own report;
// the province accepts it and compiles it beside its units, the figure being the sum of the
// accepted reports with the agency's activities on the units below not counted twice.
//
// Time passing is simulated in the database (a deadline and a submission moved into the past),
// since a new request's deadline cannot lie before today.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

import { DB_KIND, KIND, assertError, assertStatus, loginAll, startServer, todayVN } from './harness.mjs';

const run = promisify(execFile);

async function sql(url, statement) {
  if (DB_KIND === 'sqlite') await run('sqlite3', ['-cmd', '.timeout 10000', url.replace('sqlite://', ''), statement]);
  else await run('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', statement]);
}

const addDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

describe(`ad-hoc requests and agency reports ${KIND}`, () => {
  let server, S;
  const today = todayVN();
  const year = today.slice(0, 4);

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
  });
  after(async () => { await server?.stop(); });

  test('issuing a request is validated: dates, deadline ≥ today, units directly below, permission', async () => {
    const ok = { form: 'bc_6thang', title: 'Tình hình mại dâm tại cơ sở lưu trú', from: `${year}-01-01`, to: today, deadline: today };
    assertError(await S.bo.post('/api/report-requests', { ...ok, to: addDays(ok.from, -1) }), 400, 'validation_failed', 'to');
    assertError(await S.bo.post('/api/report-requests', { ...ok, deadline: addDays(today, -1) }), 400, 'validation_failed', 'deadline');
    assertError(await S.bo.post('/api/report-requests', { ...ok, deadline: addDays(today, 400) }), 400, 'validation_failed', 'deadline');
    assertError(await S.bo.post('/api/report-requests', { ...ok, deadline: '31/12/2026' }), 400, 'validation_failed', 'deadline');
    assertError(await S.bo.post('/api/report-requests', { ...ok, unitCodes: ['21583'] }), 400, 'validation_failed', 'unitCodes');
    assertError(await S.bo.post('/api/report-requests', { ...ok, form: 'nope' }), 400, 'validation_failed', 'form');
    assertError(await S.bo.post('/api/report-requests', { ...ok, title: ' ' }), 400, 'validation_failed', 'title');
    assertError(await S.bo.post('/api/report-requests', { ...ok, title: 'x'.repeat(301) }), 400, 'validation_failed', 'title');
    assertError(await S['xa.gialai'].post('/api/report-requests', ok), 403, 'forbidden');
    assertError(await S['coquan.gialai'].post('/api/report-requests', ok), 403, 'forbidden');
    // a province asks its own communes (all of them when no unitCodes)
    const all = assertStatus(await S['tinh.gialai'].post('/api/report-requests', { ...ok, title: 'Rà soát cơ sở kinh doanh dịch vụ' }), 201);
    assert.equal(all.issuer.code, '52');
    const below = assertStatus(await S['tinh.gialai'].get('/api/org-units?parent=52&pageSize=500'), 200);
    assert.ok(below.total > 1);
    assert.equal(all.unitCount, below.total, 'every unit directly below Gia Lai is asked');
    assert.equal(all.completeness.expected, all.unitCount);
    assertStatus(await S['xa.gialai'].get(`/api/report-requests/${all.id}`), 200);
    assertError(await S['tinh.dongnai'].get(`/api/report-requests/${all.id}`), 404, 'not_found');
  });

  test('the ministry asks two provinces: one on time, one missing then late; a unit not asked gets 404', async () => {
    const bo = S.bo, gl = S['tinh.gialai'], dn = S['tinh.dongnai'];
    let rq = assertStatus(await bo.post('/api/report-requests', {
      form: 'bc_6thang', title: 'Kết quả đợt cao điểm', from: `${year}-01-01`, to: today, deadline: today, unitCodes: ['52', '75'],
    }), 201);
    const period = `adhoc-${rq.id}`;
    assert.equal(rq.period, period);
    assert.equal(rq.unitCount, 2);
    assert.deepEqual(rq.completeness, { expected: 2, submitted: 0, accepted: 0, onTime: 0, late: 0, missing: 0 });
    assert.deepEqual(rq.units.map((u) => [u.orgUnit.code, u.status, u.timeliness]).sort(),
      [['52', 'not_started', 'due_soon'], ['75', 'not_started', 'due_soon']]);

    // the asked provinces see it in their list and reminders; another unit does not
    const mine = assertStatus(await gl.get('/api/report-requests'), 200).items.find((x) => x.id === rq.id);
    assert.equal(mine.asked, true);
    assert.equal(mine.myReport.status, 'not_started');
    assert.equal(mine.completeness, undefined, 'an asked unit does not see the others');
    const rem = assertStatus(await gl.get('/api/reports/reminders'), 200).items.find((x) => x.requestId === rq.id);
    assert.equal(rem.period.code, period);
    assert.equal(rem.timeliness, 'due_soon');
    assert.ok(!assertStatus(await S['xa.gialai'].get('/api/report-requests'), 200).items.some((x) => x.id === rq.id));
    assertError(await S['xa.gialai'].get(`/api/report-requests/${rq.id}`), 404, 'not_found');

    // the report of an asked unit: the request's span and deadline, computed over from–to
    const cur = (who, unit, extra = '') => S[who].get(`/api/reports/current?period=${period}&orgUnit=${unit}${extra}`);
    const r0 = assertStatus(await cur('tinh.gialai', '52'), 200);
    assert.deepEqual([r0.period.from, r0.period.to, r0.period.deadline], [`${year}-01-01`, today, today]);
    assert.equal(r0.form, 'bc_6thang');
    assert.equal(r0.requestId, rq.id);
    assert.ok(r0.can.edit);
    const me = assertStatus(await S['xa.gialai'].get('/api/me'), 200);
    assertStatus(await S['xa.gialai'].post('/api/activities', {
      title: 'Tuyên truyền đột xuất', interventionTypeCode: 'community_sessions', orgUnitCode: '21583',
      leadAgencyId: me.agency.id, startDate: today, endDate: today,
      reach: [{ targetGroup: 'service_workers', total: 33, female: 20, male: 13 }],
    }), 201);
    const r1 = assertStatus(await cur('tinh.gialai', '52'), 200);
    assert.equal(r1.values.reached_total, r0.values.reached_total + 33, 'counted over the request span');
    assertError(await cur('tinh.gialai', '52', '&form=bc_nam'), 400, 'validation_failed', 'form');

    // units not asked: 404 for reading, filling and compiling
    assertError(await cur('admin', '56'), 404, 'not_found');
    assertError(await cur('xa.gialai', '21583'), 404, 'not_found');
    assertError(await S['xa.gialai'].put('/api/reports', { period, orgUnitCode: '21583', values: {} }), 404, 'not_found');
    assertError(await S['xa.gialai'].get(`/api/reports/compile?period=${period}&orgUnit=21583`), 404, 'not_found');
    assertError(await S.admin.get(`/api/reports/document?period=${period}&orgUnit=56&format=docx`), 404, 'not_found');
    assertError(await cur('tinh.gialai', '52', '&agency=1'), 400, 'validation_failed', 'agency');

    // Gia Lai fills and submits through the same chain; the ministry returns, then accepts it
    let r = assertStatus(await gl.put('/api/reports', { period, orgUnitCode: '52', values: { results: 'Đã kiểm tra 12 cơ sở' } }), 200);
    assert.equal(r.status, 'draft');
    assertError(await bo.put('/api/reports', { period, orgUnitCode: 'VN', values: {} }), 403, 'forbidden');  // the issuer has no report
    r = assertStatus(await gl.post(`/api/reports/${r.id}/submit`, {}), 200);
    assert.equal(r.timeliness, 'on_time');
    r = assertStatus(await bo.post(`/api/reports/${r.id}/return`, { comment: 'Bổ sung số liệu' }), 200);
    r = assertStatus(await gl.post(`/api/reports/${r.id}/submit`, {}), 200);
    r = assertStatus(await bo.post(`/api/reports/${r.id}/accept`, {}), 200);
    assert.equal(r.status, 'accepted');
    assert.deepEqual(r.history.map((h) => h.action), ['create', 'submit', 'return', 'submit', 'accept']);

    // two days pass: Gia Lai had submitted the day before the deadline, which is now yesterday
    const twoDaysAgo = new Date(Date.now() - 2 * 86400e3).toISOString().slice(0, 19) + 'Z';
    await sql(server.url, `UPDATE report_requests SET deadline = '${addDays(today, -1)}' WHERE id = ${rq.id}`);
    await sql(server.url, `UPDATE reports SET submitted_at = '${twoDaysAgo}' WHERE id = ${r.id}`);
    rq = assertStatus(await bo.get(`/api/report-requests/${rq.id}`), 200);
    assert.deepEqual(rq.completeness, { expected: 2, submitted: 1, accepted: 1, onTime: 1, late: 0, missing: 1 });
    assert.deepEqual(rq.units.map((u) => [u.orgUnit.code, u.status, u.timeliness]).sort(),
      [['52', 'accepted', 'on_time'], ['75', 'not_started', 'missing']]);
    const c = assertStatus(await bo.get(`/api/reports/compile?period=${period}&orgUnit=VN`), 200);
    assert.deepEqual(c.completeness, rq.completeness);
    assert.equal(c.compiled.reached_total, r.values.reached_total, 'compiled = the accepted report');
    assert.equal(c.compiled.comm_sessions, r.values.comm_sessions);
    const od = assertStatus(await bo.get(`/api/reports/overdue?period=${period}&orgUnit=VN`), 200);
    assert.deepEqual(od.items.map((u) => [u.orgUnit.code, u.timeliness]), [['75', 'missing']]);
    const listed = assertStatus(await bo.get('/api/report-requests?status=open'), 200).items.find((x) => x.id === rq.id);
    assert.deepEqual(listed.completeness, rq.completeness);
    const dnRem = assertStatus(await dn.get('/api/reports/reminders'), 200).items.find((x) => x.requestId === rq.id);
    assert.equal(dnRem.timeliness, 'missing');

    // Đồng Nai submits after the deadline: late
    let d = assertStatus(await dn.put('/api/reports', { period, orgUnitCode: '75', values: { results: 'Báo cáo muộn' } }), 200);
    d = assertStatus(await dn.post(`/api/reports/${d.id}/submit`, {}), 200);
    assert.equal(d.timeliness, 'late');
    rq = assertStatus(await bo.get(`/api/report-requests/${rq.id}`), 200);
    assert.deepEqual(rq.completeness, { expected: 2, submitted: 2, accepted: 1, onTime: 1, late: 1, missing: 0 });

    // the document of an ad-hoc report
    const res = await fetch(`${server.base}/api/reports/document?period=${period}&orgUnit=VN&format=docx`, { headers: { cookie: bo.cookie } });
    assert.equal(res.status, 200);

    // closing: only the issuer; then nothing more is filled in
    assertError(await gl.post(`/api/report-requests/${rq.id}/close`, {}), 403, 'forbidden');
    assertError(await S['xa.gialai'].post(`/api/report-requests/${rq.id}/close`, {}), 403, 'forbidden');
    rq = assertStatus(await bo.post(`/api/report-requests/${rq.id}/close`, {}), 200);
    assert.equal(rq.status, 'closed');
    assertError(await bo.post(`/api/report-requests/${rq.id}/close`, {}), 409, 'illegal_transition');
    d = assertStatus(await bo.post(`/api/reports/${d.id}/return`, { comment: 'Sửa lại' }), 200);
    assertError(await dn.put('/api/reports', { period, orgUnitCode: '75', values: {} }), 409, 'request_closed');
    assert.ok(!assertStatus(await bo.get('/api/report-requests?status=open'), 200).items.some((x) => x.id === rq.id));
    assertError(await bo.get('/api/report-requests?status=nope'), 400, 'validation_failed', 'status');
    const audit = assertStatus(await S.admin.get(`/api/audit?entity=report_request&entityId=${rq.id}`), 200);
    assert.deepEqual(audit.items.map((a) => a.action).sort(), ['create', 'update']);
  });

  test('an agency reports to its province: the focal point fills and submits, the province accepts and compiles without double counting', async () => {
    const co = S['coquan.gialai'], gl = S['tinh.gialai'];
    const period = assertStatus(await gl.get('/api/report-periods?form=bc_6thang'), 200).current;
    const me = assertStatus(await co.get('/api/me'), 200);
    const agency = me.agency.id;
    const cur = (who, extra = '') => S[who].get(`/api/reports/current?form=bc_6thang&period=${period}&agency=${agency}${extra}`);
    const compile = async () => assertStatus(await gl.get(`/api/reports/compile?form=bc_6thang&period=${period}&orgUnit=52`), 200);

    const a0 = assertStatus(await cur('coquan.gialai'), 200);
    assert.equal(a0.agency.id, agency);
    assert.equal(a0.orgUnit.code, '52');
    assert.ok(a0.can.edit && !a0.can.accept);
    const c0 = await compile();
    assert.ok(c0.agencies.length > 0 && c0.agencies.some((x) => x.agency.id === agency));
    assert.equal(c0.completeness.expected, c0.units.length + c0.agencies.length, 'completeness counts the agencies');

    // the agency's activities: one on the province unit itself, one on a ward
    for (const [unit, total] of [['52', 25], ['21583', 15]])
      assertStatus(await co.post('/api/activities', {
        title: `Hoạt động của Sở Y tế (${unit})`, interventionTypeCode: 'community_sessions', orgUnitCode: unit,
        leadAgencyId: agency, startDate: today, endDate: today,
        reach: [{ targetGroup: 'service_workers', total, female: total, male: 0 }],
      }), 201);
    const a1 = assertStatus(await cur('coquan.gialai'), 200);
    assert.equal(a1.values.reached_total, a0.values.reached_total + 40, 'every activity the agency leads in the province');

    // permissions: the agency's own focal point fills it; it cannot fill the province's report
    assertError(await co.put('/api/reports', { form: 'bc_6thang', period, orgUnitCode: '52', values: {} }), 403, 'forbidden', 'orgUnitCode');
    assertError(await S['tinh.dongnai'].put('/api/reports', { form: 'bc_6thang', period, agencyId: agency, values: {} }), 404, 'not_found');
    assertError(await S['xem.gialai'].put('/api/reports', { form: 'bc_6thang', period, agencyId: agency, values: {} }), 403, 'forbidden');
    let r = assertStatus(await co.put('/api/reports', { form: 'bc_6thang', period, agencyId: agency,
      values: { results: 'Sở Y tế đã phối hợp tuyên truyền', budget_allocated: 900000000 } }), 200);
    assert.equal(r.status, 'draft');
    assert.equal(r.agency.id, agency);
    r = assertStatus(await co.post(`/api/reports/${r.id}/submit`, {}), 200);
    assert.equal(r.status, 'submitted');
    assertError(await co.post(`/api/reports/${r.id}/accept`, {}), 403, 'forbidden');
    assertError(await S.bo.post(`/api/reports/${r.id}/accept`, {}), 403, 'forbidden');  // agencies report to their province
    const own0 = (await compile()).own.reached_total;
    r = assertStatus(await gl.post(`/api/reports/${r.id}/accept`, {}), 200);
    assert.equal(r.status, 'accepted');
    // the province's own unit report is untouched by the agency's
    assert.equal(assertStatus(await gl.get(`/api/reports/current?form=bc_6thang&period=${period}&orgUnit=52`), 200).agency, null);

    // the ward reports too, with the agency's activity on it
    const xa = S['xa.gialai'];
    let w = assertStatus(await xa.put('/api/reports', { form: 'bc_6thang', period, orgUnitCode: '21583',
      values: { results: 'Phường báo cáo', budget_allocated: 900000000 } }), 200);
    w = assertStatus(await xa.post(`/api/reports/${w.id}/submit`, {}), 200);
    w = assertStatus(await gl.post(`/api/reports/${w.id}/accept`, {}), 200);

    const c = await compile();
    const mine = c.agencies.find((x) => x.agency.id === agency);
    assert.equal(mine.status, 'accepted');
    assert.equal(mine.values.reached_total, r.values.reached_total);
    assert.ok(mine.counted.reached_total >= 25 && mine.counted.reached_total < mine.values.reached_total,
      'only the part on the province unit itself counts');
    assert.equal(c.own.reached_total, own0 - mine.counted.reached_total, 'the counted part leaves the province\'s own figures');
    const accUnits = c.units.filter((u) => u.status === 'accepted');
    const accAgencies = c.agencies.filter((x) => x.status === 'accepted');
    assert.ok(accUnits.some((u) => u.orgUnit.code === '21583'));
    for (const key of ['reached_total', 'reached_female', 'comm_sessions', 'budget_allocated']) {
      const sum = accUnits.reduce((n, u) => n + u.values[key], 0) + accAgencies.reduce((n, x) => n + (x.counted[key] ?? 0), 0);
      assert.equal(c.compiled[key], sum, `${key}: compiled = accepted units + the counted part of accepted agencies`);
      assert.equal(c.total[key], c.compiled[key] + (c.own[key] ?? 0), `${key}: total = compiled + own`);
    }
    assert.equal(c.completeness.accepted, accUnits.length + accAgencies.length);
    // nothing is counted twice: once every unit and agency has reported, total = the live figure
    assert.ok(c.total.reached_total <= c.computed.reached_total);

    // reminders of the focal point are its agency's
    for (const x of assertStatus(await co.get('/api/reports/reminders'), 200).items) assert.equal(x.agency.id, agency);
  });
});
