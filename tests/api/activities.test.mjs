// Activities and people reached (guidance 221 §5.3), target-group surveys, bulk import and export
// (docs/api-activities.md), on the real server: create / read / update with optimistic
// concurrency / delete; validation naming every faulty field; scope (a commune officer's ward, a
// unit valid on the dates, another province, a focal point's own agency); list filters incl. the
// units merged into today's Gia Lai; CSV/XLSX export and template; the streamed bulk import
// (validate → commit all-or-nothing, idempotent by key); surveys.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, loginAll, startServer, todayVN, uniq, unzip } from './harness.mjs';

const HEADERS = ['Mã hoạt động (tùy chọn)', 'Tên hoạt động', 'Loại can thiệp', 'Đơn vị hành chính (mã hoặc tên)',
  'Cơ quan chủ trì', 'Ngày bắt đầu', 'Ngày kết thúc', 'Nhóm đối tượng', 'Tổng số người', 'Nữ', 'Nam',
  'Số buổi', 'Kinh phí (đồng)', 'Nguồn kinh phí', 'Ghi chú', 'Chương trình (tùy chọn)'];
const HEADER_LINE = HEADERS.join(',');
const csvFile = (...rows) => new Uint8Array(Buffer.from([HEADER_LINE, ...rows].join('\r\n') + '\r\n'));
const BOM = [0xef, 0xbb, 0xbf];


/** A validation error with details: status 400, code, `field` = the first detail, every field listed. */
function assertInvalid(res, fields, { first } = {}) {
  const where = `${res.method} ${res.path}`;
  assert.equal(res.status, 400, `${where}: expected 400, got ${res.status} ${res.text.slice(0, 600)}`);
  const e = res.body?.error;
  assert.ok(e, `${where}: error body`);
  assert.equal(e.code, 'validation_failed');
  assert.ok(typeof e.message === 'string' && e.message.length > 0);
  assert.ok(typeof e.messageEn === 'string' && e.messageEn.length > 0);
  assert.ok(Array.isArray(e.details), `${where}: details is a list: ${res.text.slice(0, 300)}`);
  for (const d of e.details) {
    assert.deepEqual(Object.keys(d).sort(), ['field', 'message', 'messageEn']);
    assert.ok(d.message.length > 0 && d.messageEn.length > 0, `messages of ${d.field}`);
  }
  assert.equal(e.field, e.details[0].field, 'field names the first fault');
  assert.equal(e.message, e.details[0].message);
  const got = e.details.map((d) => d.field);
  for (const f of fields) assert.ok(got.includes(f), `${where}: details name ${f}; got ${JSON.stringify(got)}`);
  if (first) assert.equal(e.field, first);
  return e;
}
const detail = (e, field) => e.details.find((d) => d.field === field);

describe(`activities, imports and surveys ${KIND}`, () => {
  let server, S, agencies, me;
  const agency = (key) => {
    const a = agencies.find((x) => x.key === key);
    assert.ok(a, `agency ${key}`);
    return a.id;
  };

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
    agencies = (await listAll(S.admin, '/api/agencies')).items;
    me = {};
    for (const u of ['xa.gialai', 'coquan.gialai']) me[u] = assertStatus(await S[u].get('/api/me'), 200);
  });
  after(async () => { await server?.stop(); });

  const agencyOfMe = (u) => me[u].agency?.id ?? me[u].agencyId;

  function input(extra = {}) {
    return {
      title: 'Tuyên truyền phòng chống mại dâm tại khu dân cư',
      interventionTypeCode: 'community_sessions', orgUnitCode: '21583', leadAgencyId: agency('gl-ubnd-quynhon'),
      partnerAgencyIds: [agency('gl-hlhpn')], programmeIds: [], planActivityId: null,
      startDate: '2026-03-10', endDate: '2026-03-12',
      reach: [
        { targetGroup: 'sex_workers', total: 30, female: 25, male: 5, ages: { '18_24': 10, '25_34': 20 } },
        { targetGroup: 'migrant_workers', total: 12 },
      ],
      outputs: [{ kind: 'sessions', quantity: 2 }, { kind: 'leaflets', quantity: 300 }],
      costs: [{ fundingSource: 'commune_budget', amount: 5000000 }, { fundingSource: 'socialisation', amount: 1500000 }],
      note: 'Ghi chú hoạt động',
      ...extra,
    };
  }

  /** Raw bytes of a download (fetch's text() would drop a BOM). */
  async function download(client, path) {
    const res = await fetch(server.base + path, { headers: { cookie: client.cookie } });
    const buf = Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, buf, path };
  }

  async function upload(client, filename, bytes) {
    return client.post(`/api/activity-imports?filename=${encodeURIComponent(filename)}`, bytes,
      { raw: true, headers: { 'content-type': 'application/octet-stream' } });
  }

  async function settle(client, id) {
    for (let i = 0; i < 600; ++i) {
      const j = assertStatus(await client.get(`/api/activity-imports/${id}`), 200);
      if (j.status !== 'validating' && j.status !== 'committing') return j;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`import ${id} did not settle`);
  }

  async function countOf(client, query) {
    return assertStatus(await client.get(`/api/activities?${query}`), 200).total;
  }

  test('create, read, update with version (stale → 409), delete (stale → 409) → 404', async () => {
    const xa = S['xa.gialai'];
    const created = assertStatus(await xa.post('/api/activities', input()), 201);
    assert.equal(created.title, 'Tuyên truyền phòng chống mại dâm tại khu dân cư');
    assert.equal(created.interventionType.code, 'community_sessions');
    assert.equal(created.interventionType.nameVi, 'Tuyên truyền tại cộng đồng');
    assert.equal(created.orgUnit.code, '21583');
    assert.equal(created.orgUnit.name, 'Quy Nhơn');
    assert.equal(created.leadAgency.id, agency('gl-ubnd-quynhon'));
    assert.deepEqual(created.partners.map((p) => p.id), [agency('gl-hlhpn')]);
    assert.equal(created.planned, false);
    assert.equal(created.planActivity, null);
    assert.equal(created.startDate, '2026-03-10');
    assert.equal(created.endDate, '2026-03-12');
    assert.equal(created.year, 2026);
    assert.equal(created.reachedTotal, 42);
    assert.equal(created.costTotal, 6500000);
    const sw = created.reach.find((r) => r.targetGroup === 'sex_workers');
    assert.deepEqual([sw.total, sw.female, sw.male], [30, 25, 5]);
    assert.deepEqual(sw.ages, { '18_24': 10, '25_34': 20 });
    const mw = created.reach.find((r) => r.targetGroup === 'migrant_workers');
    assert.deepEqual([mw.total, mw.female, mw.male], [12, null, null]);
    assert.deepEqual(created.outputs.map((o) => [o.kind, o.quantity]).sort(), [['leaflets', 300], ['sessions', 2]]);
    assert.deepEqual(created.costs.map((c) => [c.fundingSource, c.amount]).sort(),
      [['commune_budget', 5000000], ['socialisation', 1500000]]);
    assert.equal(created.source, 'form');
    assert.equal(created.createdBy, 'xa.gialai');
    assert.equal(created.version, 1);
    assert.deepEqual(created.attachments, []);
    assert.equal(created.note, 'Ghi chú hoạt động');

    const got = assertStatus(await S['tinh.gialai'].get(`/api/activities/${created.id}`), 200);
    assert.deepEqual(got, created, 'GET returns what POST returned');

    // update: new content, version + 1; a stale version is refused and writes nothing
    const upd = assertStatus(await xa.put(`/api/activities/${created.id}`, {
      ...input({ title: 'Tuyên truyền (đã sửa)', reach: [{ targetGroup: 'students', total: 7, female: 3, male: 4 }], costs: [] }),
      version: 1,
    }), 200);
    assert.equal(upd.version, 2);
    assert.equal(upd.title, 'Tuyên truyền (đã sửa)');
    assert.equal(upd.reachedTotal, 7);
    assert.equal(upd.costTotal, 0);
    assert.deepEqual(upd.reach.map((r) => r.targetGroup), ['students']);
    assertError(await xa.put(`/api/activities/${created.id}`, { ...input({ title: 'Cũ' }), version: 1 }), 409, 'conflict');
    const reread = assertStatus(await xa.get(`/api/activities/${created.id}`), 200);
    assert.equal(reread.title, 'Tuyên truyền (đã sửa)');
    assert.equal(reread.version, 2);
    // a version is required
    assert.equal((await xa.put(`/api/activities/${created.id}`, input())).status, 400);

    // delete: version required, stale → 409, then 204 and gone
    assertError(await xa.request('DELETE', `/api/activities/${created.id}`), 400, 'validation_failed', 'version');
    assertError(await xa.request('DELETE', `/api/activities/${created.id}?version=1`), 409, 'conflict');
    assert.equal((await xa.get(`/api/activities/${created.id}`)).status, 200);
    assertStatus(await xa.request('DELETE', `/api/activities/${created.id}?version=2`), 204);
    assertError(await xa.get(`/api/activities/${created.id}`), 404, 'not_found');
    assertError(await xa.request('DELETE', `/api/activities/${created.id}?version=2`), 404, 'not_found');
    assertError(await xa.put(`/api/activities/${created.id}`, { ...input(), version: 2 }), 404, 'not_found');
    // the audit trail has create, update and delete
    const audit = (await listAll(S.admin, `/api/audit?entity=activity&entityId=${created.id}`)).items;
    assert.deepEqual(audit.map((a) => a.action).sort(), ['create', 'delete', 'update']);
  });

  test('validation names every faulty field in details, and a refused write stores nothing', async () => {
    const tinh = S['tinh.gialai'];
    const before = await countOf(S.admin, 'pageSize=1');
    // negative counts, female + male ≠ total, age bands not adding up, duplicate target group
    let e = assertInvalid(await tinh.post('/api/activities', input({
      reach: [
        { targetGroup: 'sex_workers', total: 30, female: 20, male: 5, ages: { '18_24': 10, '25_34': 10 } },
        { targetGroup: 'students', total: 10, female: -1 },
        { targetGroup: 'sex_workers', total: 5 },
        { targetGroup: 'migrant_workers', total: -3 },
      ],
      outputs: [{ kind: 'sessions', quantity: -2 }],
      costs: [{ fundingSource: 'commune_budget', amount: -100 }],
    })), ['reach[0].female', 'reach[0].ages', 'reach[1].female', 'reach[2].targetGroup', 'reach[3].total',
      'outputs[0].quantity', 'costs[0].amount']);
    assert.match(detail(e, 'reach[1].female').message, /không được âm/);
    assert.match(detail(e, 'reach[1].female').messageEn, /negative/);
    assert.match(detail(e, 'reach[0].female').messageEn, /20.*5.*30/);
    assert.match(detail(e, 'reach[0].ages').messageEn, /20.*30/);
    assert.match(detail(e, 'reach[2].targetGroup').messageEn, /twice/);
    assert.equal(e.field, 'reach[0].female', 'the first fault is the first reach row');

    // one sex given: each ≤ total
    e = assertInvalid(await tinh.post('/api/activities', input({ reach: [{ targetGroup: 'students', total: 5, male: 6 }] })),
      ['reach[0].male'], { first: 'reach[0].male' });
    assertStatus(await tinh.post('/api/activities', input({ title: `Một giới ${uniq()}`, reach: [{ targetGroup: 'students', total: 5, female: 5 }] })), 201);
    // unknown codes
    e = assertInvalid(await tinh.post('/api/activities', input({
      interventionTypeCode: 'no_such_type',
      reach: [{ targetGroup: 'no_such_group', total: 1, ages: { no_such_band: 1 } }, { targetGroup: 'students', total: 2, ages: { '99_plus': 2 } }],
      outputs: [{ kind: 'no_such_kind', quantity: 1 }],
      costs: [{ fundingSource: 'no_such_source', amount: 1 }],
    })), ['interventionTypeCode', 'reach[0].targetGroup', 'reach[1].ages', 'outputs[0].kind', 'costs[0].fundingSource'],
    { first: 'interventionTypeCode' });
    assert.match(detail(e, 'interventionTypeCode').messageEn, /no_such_type/);
    // duplicate output kind and funding source, partner = lead
    assertInvalid(await tinh.post('/api/activities', input({
      outputs: [{ kind: 'sessions', quantity: 1 }, { kind: 'sessions', quantity: 2 }],
      costs: [{ fundingSource: 'socialisation', amount: 1 }, { fundingSource: 'socialisation', amount: 2 }],
      partnerAgencyIds: [agency('gl-ubnd-quynhon')],
    })), ['outputs[1].kind', 'costs[1].fundingSource', 'partnerAgencyIds']);
    // dates: end before start, in the future, before 2000
    assertInvalid(await tinh.post('/api/activities', input({ startDate: '2026-03-12', endDate: '2026-03-10' })), ['endDate'], { first: 'endDate' });
    const tomorrow = new Date(Date.parse(`${todayVN()}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
    e = assertInvalid(await tinh.post('/api/activities', input({ startDate: todayVN(), endDate: tomorrow })), ['endDate']);
    assert.match(e.messageEn, /after today/);
    assertInvalid(await tinh.post('/api/activities', input({ startDate: tomorrow, endDate: tomorrow })), ['endDate']);
    assertInvalid(await tinh.post('/api/activities', input({ orgUnitCode: '52', leadAgencyId: agency('gl-soyte'), partnerAgencyIds: [],
      startDate: '1999-12-31', endDate: '2000-01-05' })), ['startDate']);
    assertError(await tinh.post('/api/activities', input({ startDate: '2026-02-30' })), 400, 'validation_failed', 'startDate');
    // title, missing pieces, types
    assertInvalid(await tinh.post('/api/activities', input({ title: '' })), ['title'], { first: 'title' });
    assertInvalid(await tinh.post('/api/activities', input({ leadAgencyId: 99999999 })), ['leadAgencyId']);
    assertInvalid(await tinh.post('/api/activities', input({ partnerAgencyIds: [99999999] })), ['partnerAgencyIds']);
    assertError(await tinh.post('/api/activities', input({ reach: [{ targetGroup: 'students', total: 2.5 }] })), 400, 'validation_failed', 'reach[0].total');
    assertError(await tinh.post('/api/activities', input({ reach: [{ targetGroup: 'students', total: 1e13 }] })), 400, 'validation_failed', 'reach[0].total');
    assertError(await tinh.post('/api/activities', input({ reach: [{ targetGroup: 'students' }] })), 400, 'validation_failed', 'reach[0].total');
    assertError(await tinh.post('/api/activities', input({ endDate: undefined })), 400, 'validation_failed', 'endDate');
    // nothing of the refused writes was stored (one valid activity was)
    assert.equal(await countOf(S.admin, 'pageSize=1'), before + 1);
  });

  test('scope: the commune officer records only in its ward, on a unit valid on the dates', async () => {
    const xa = S['xa.gialai'], tinh = S['tinh.gialai'];
    const own = agencyOfMe('xa.gialai');
    assert.equal(own, agency('gl-ubnd-quynhon'), '/api/me names xa.gialai\'s agency');
    const before = await countOf(S.admin, 'pageSize=1');
    const base = { leadAgencyId: own, partnerAgencyIds: [] };
    // another ward of Gia Lai (Quy Nhơn Bắc), and Đồng Nai
    let e = assertInvalid(await xa.post('/api/activities', input({ ...base, orgUnitCode: '21553' })), ['orgUnitCode'], { first: 'orgUnitCode' });
    assert.match(e.messageEn, /outside your scope/);
    assertInvalid(await xa.post('/api/activities', input({ ...base, orgUnitCode: '52' })), ['orgUnitCode']);
    assertInvalid(await xa.post('/api/activities', input({ ...base, orgUnitCode: '75' })), ['orgUnitCode']);
    // units not valid on the date: the old city Quy Nhơn (540) in 2026; a current ward in 2024
    e = assertInvalid(await xa.post('/api/activities', input({ ...base, orgUnitCode: '540' })), ['orgUnitCode']);
    assert.match(e.messageEn, /No org unit with code 540 on 2026-03-10/);
    e = assertInvalid(await tinh.post('/api/activities', input({ ...base, orgUnitCode: '21553', startDate: '2024-05-01', endDate: '2024-05-02' })), ['orgUnitCode']);
    assert.match(e.messageEn, /21553/);
    assertInvalid(await tinh.post('/api/activities', input({ ...base, orgUnitCode: '540', startDate: '2026-01-05', endDate: '2026-01-05' })), ['orgUnitCode']);
    // an old ward that ceased before the end date (Thị Nại 21583 until 2025-06-30)
    e = assertInvalid(await tinh.post('/api/activities', input({ ...base, orgUnitCode: '21583', startDate: '2025-06-20', endDate: '2025-07-10' })), ['orgUnitCode']);
    assert.match(e.messageEn, /Thị Nại existed only until 2025-06-30/);
    assert.equal(await countOf(S.admin, 'pageSize=1'), before, 'nothing stored');
    // allowed: its own ward today, and the predecessor ward Thị Nại (21583 before 2025-07-01)
    // on a 2024 date; the province lead officer on the old city Quy Nhơn (540) in 2024
    const a = assertStatus(await xa.post('/api/activities', input({ ...base, title: 'Hoạt động phường 2026' })), 201);
    assert.equal(a.orgUnit.name, 'Quy Nhơn');
    const old = assertStatus(await xa.post('/api/activities', input({ ...base, title: 'Hoạt động phường Thị Nại 2024',
      startDate: '2024-04-02', endDate: '2024-04-02' })), 201);
    assert.equal(old.orgUnit.code, '21583');
    assert.equal(old.orgUnit.name, 'Thị Nại');
    const city = assertStatus(await tinh.post('/api/activities', input({ leadAgencyId: agency('binhdinh-ubnd-quynhon'), partnerAgencyIds: [],
      title: 'Hoạt động thành phố Quy Nhơn 2024', orgUnitCode: '540', startDate: '2024-09-01', endDate: '2024-09-30' })), 201);
    assert.equal(city.orgUnit.name, 'Quy Nhơn');
    // xa.gialai cannot read the city's activity (outside its ward), nor edit or delete it
    assertError(await xa.get(`/api/activities/${city.id}`), 404, 'not_found');
    assertError(await xa.put(`/api/activities/${city.id}`, { ...input(base), version: 1 }), 404, 'not_found');
    assertError(await xa.request('DELETE', `/api/activities/${city.id}?version=1`), 404, 'not_found');
    // an edit may not move the activity out of the ward either
    assertInvalid(await xa.put(`/api/activities/${a.id}`, { ...input({ ...base, orgUnitCode: '21553' }), version: a.version }), ['orgUnitCode']);
    assert.equal(assertStatus(await xa.get(`/api/activities/${a.id}`), 200).orgUnit.code, '21583');
  });

  test('another province sees none of Gia Lai\'s activities; read-only roles cannot write', async () => {
    const tinh = S['tinh.gialai'], dn = S['tinh.dongnai'];
    const tag = uniq('dn');
    const ids = [];
    ids.push(assertStatus(await tinh.post('/api/activities', input({ title: `Gia Lai ${tag}`, orgUnitCode: '52', leadAgencyId: agency('gl-soyte'), partnerAgencyIds: [] })), 201).id);
    ids.push(assertStatus(await tinh.post('/api/activities', input({ title: `Bình Định ${tag}`, orgUnitCode: '52', leadAgencyId: agency('binhdinh-soyte'), partnerAgencyIds: [],
      startDate: '2024-03-01', endDate: '2024-03-02' })), 201).id);
    for (const id of ids) {
      assertError(await dn.get(`/api/activities/${id}`), 404, 'not_found');
      assertError(await dn.put(`/api/activities/${id}`, { ...input({ orgUnitCode: '75', leadAgencyId: agency('dn-soyte'), partnerAgencyIds: [] }), version: 1 }), 404, 'not_found');
      assertError(await dn.request('DELETE', `/api/activities/${id}?version=1`), 404, 'not_found');
    }
    const theirs = (await listAll(dn, '/api/activities')).items;
    for (const id of ids) assert.ok(!theirs.some((a) => a.id === id), `activity ${id} is not in Đồng Nai's list`);
    assert.equal(assertStatus(await dn.get(`/api/activities?q=${tag}`), 200).total, 0);
    assert.equal(assertStatus(await dn.get('/api/activities?orgUnit=52'), 200).total, 0, 'a filter outside the scope finds nothing');
    const csv = await download(dn, `/api/activities/export?format=csv&q=${tag}`);
    assert.equal(csv.status, 200);
    assert.ok(!csv.buf.toString('utf8').includes(tag), 'nor in its export');
    // Đồng Nai records in Đồng Nai
    const own = assertStatus(await dn.post('/api/activities', input({ title: `Đồng Nai ${tag}`, orgUnitCode: '75', leadAgencyId: agency('dn-soyte'), partnerAgencyIds: [] })), 201);
    assertError(await tinh.get(`/api/activities/${own.id}`), 404, 'not_found');
    assert.equal(assertStatus(await S.admin.get(`/api/activities?q=${tag}`), 200).total, 3);
    assert.equal(assertStatus(await S.bo.get(`/api/activities?q=${tag}`), 200).total, 3, 'the ministry reads everything');
    assertError(await S.bo.post('/api/activities', input()), 403, 'forbidden');
    assertError(await S['xem.gialai'].post('/api/activities', input()), 403, 'forbidden');
    assertError(await S['xem.gialai'].request('DELETE', `/api/activities/${ids[0]}?version=1`), 403, 'forbidden');
    assert.equal(assertStatus(await S['xem.gialai'].get(`/api/activities/${ids[0]}`), 200).id, ids[0]);
  });

  test('an agency focal point records only with its own agency as lead and sees only its agency\'s activities', async () => {
    const focal = S['coquan.gialai'], tinh = S['tinh.gialai'];
    const own = agencyOfMe('coquan.gialai');
    assert.equal(own, agency('gl-soyte'));
    const tag = uniq('fp');
    const before = await countOf(S.admin, 'pageSize=1');
    assertError(await focal.post('/api/activities', input({ title: `Khác ${tag}`, orgUnitCode: '52', leadAgencyId: agency('gl-hlhpn'), partnerAgencyIds: [own] })),
      403, 'forbidden', 'leadAgencyId');
    assert.equal(await countOf(S.admin, 'pageSize=1'), before);
    const mine = assertStatus(await focal.post('/api/activities', input({ title: `Sở Y tế ${tag}`, orgUnitCode: '52', leadAgencyId: own, partnerAgencyIds: [] })), 201);
    assert.equal(mine.leadAgency.id, own);
    // led by another agency with Sở Y tế as partner: visible; without it: not
    const partner = assertStatus(await tinh.post('/api/activities', input({ title: `Phối hợp ${tag}`, orgUnitCode: '52', leadAgencyId: agency('gl-hlhpn'), partnerAgencyIds: [own] })), 201);
    const other = assertStatus(await tinh.post('/api/activities', input({ title: `Công an ${tag}`, orgUnitCode: '52', leadAgencyId: agency('gl-congan'), partnerAgencyIds: [] })), 201);
    assert.equal(assertStatus(await focal.get(`/api/activities/${partner.id}`), 200).id, partner.id);
    assertError(await focal.get(`/api/activities/${other.id}`), 404, 'not_found');
    const seen = (await listAll(focal, `/api/activities?q=${tag}`)).items.map((a) => a.id).sort((a, b) => a - b);
    assert.deepEqual(seen, [mine.id, partner.id].sort((a, b) => a - b));
    // it may not take over or edit an activity led by another agency
    assertError(await focal.put(`/api/activities/${partner.id}`, { ...input({ orgUnitCode: '52', leadAgencyId: own, partnerAgencyIds: [] }), version: partner.version }), 403, 'forbidden');
    assertError(await focal.put(`/api/activities/${mine.id}`, { ...input({ orgUnitCode: '52', leadAgencyId: agency('gl-congan'), partnerAgencyIds: [] }), version: mine.version }),
      403, 'forbidden', 'leadAgencyId');
    assert.equal(assertStatus(await tinh.get(`/api/activities/${partner.id}`), 200).version, partner.version, 'nothing written');
    assertStatus(await focal.put(`/api/activities/${mine.id}`, { ...input({ title: `Sở Y tế sửa ${tag}`, orgUnitCode: '52', leadAgencyId: own, partnerAgencyIds: [] }), version: mine.version }), 200);
  });

  test('planned=false lists unplanned activities; a missing plan activity is refused', async () => {
    const tinh = S['tinh.gialai'];
    const tag = uniq('pl');
    const a = assertStatus(await tinh.post('/api/activities', input({ title: `Ngoài kế hoạch ${tag}`, orgUnitCode: '52', leadAgencyId: agency('gl-soyte'), partnerAgencyIds: [] })), 201);
    assert.equal(a.planned, false);
    assert.deepEqual((await listAll(tinh, `/api/activities?q=${tag}&planned=false`)).items.map((x) => x.id), [a.id]);
    assert.deepEqual((await listAll(tinh, `/api/activities?q=${tag}&planned=true`)).items, []);
    assertInvalid(await tinh.post('/api/activities', input({ planActivityId: 99999999 })), ['planActivityId']);
    assertError(await tinh.get('/api/activities?planned=maybe'), 400, 'validation_failed', 'planned');
  });

  test('a linked plan activity makes it planned, within the plan year', async () => {
    const tinh = S['tinh.gialai'];
    const plans = (await listAll(tinh, '/api/plans?year=2026')).items;
    const plan = assertStatus(await tinh.get(`/api/plans/${plans.find((p) => p.agency.id === agency('gl-soyte')).id}`), 200);
    const pa = plan.activities[0];
    assert.equal(typeof pa.id, 'number', `plan activities carry their id: ${JSON.stringify(pa).slice(0, 200)}`);
    const tag = uniq('pl');
    const linked = assertStatus(await tinh.post('/api/activities', input({ title: `Theo kế hoạch ${tag}`, orgUnitCode: '52', leadAgencyId: agency('gl-soyte'),
      partnerAgencyIds: [], planActivityId: pa.id })), 201);
    assert.equal(linked.planned, true);
    assert.equal(linked.planActivity.id, pa.id);
    assert.equal(linked.planActivity.planId, plan.id);
    assert.equal(linked.planActivity.planTitle, plan.title);
    const e = assertInvalid(await tinh.post('/api/activities', input({ orgUnitCode: '52', leadAgencyId: agency('gl-soyte'), partnerAgencyIds: [],
      planActivityId: pa.id, startDate: '2025-12-20', endDate: '2026-01-05' })), ['startDate']);
    assert.match(detail(e, 'startDate').message, /ngoài năm kế hoạch/);
    assert.deepEqual((await listAll(tinh, `/api/activities?q=${tag}&planned=true`)).items.map((a) => a.id), [linked.id]);
  });

  test('list filters: period, unit subtree with merged units, type, target group, funding source, agency, text; sort and paging', async () => {
    const tinh = S['tinh.gialai'], xa = S['xa.gialai'];
    const tag = uniq('ls');
    const mk = async (client, extra) => assertStatus(await client.post('/api/activities', input({ partnerAgencyIds: [], ...extra })), 201);
    const own = agency('gl-ubnd-quynhon');
    const a1 = await mk(xa, { title: `Tuyên truyền cộng đồng ${tag}`, leadAgencyId: own, startDate: '2026-02-01', endDate: '2026-02-03',
      reach: [{ targetGroup: 'sex_workers', total: 50 }], costs: [{ fundingSource: 'commune_budget', amount: 300 }] });
    const a2 = await mk(xa, { title: `Khám sức khỏe ${tag}`, interventionTypeCode: 'health_checks', leadAgencyId: own, startDate: '2026-04-10', endDate: '2026-04-10',
      reach: [{ targetGroup: 'migrant_workers', total: 5 }], costs: [{ fundingSource: 'international', amount: 900 }] });
    // 2024 on the old Bình Định: the province (52 then), and the old ward Thị Nại merged into today's Quy Nhơn (21583)
    const a3 = await mk(tinh, { title: `Bình Định tuyên truyền ${tag}`, orgUnitCode: '52', leadAgencyId: agency('binhdinh-soyte'), startDate: '2024-05-01', endDate: '2024-05-31',
      reach: [{ targetGroup: 'students', total: 120 }], costs: [] });
    const a4 = await mk(tinh, { title: `Đống Đa ${tag}`, orgUnitCode: '21556', leadAgencyId: agency('binhdinh-ubnd-quynhon'), startDate: '2024-06-01', endDate: '2024-06-01',
      reach: [{ targetGroup: 'students', total: 1 }], costs: [{ fundingSource: 'commune_budget', amount: 5 }] });
    // a 2026 activity of another ward of Gia Lai
    const a5 = await mk(tinh, { title: `Pleiku ${tag}`, orgUnitCode: '23575', leadAgencyId: agency('gl-hlhpn'), startDate: '2026-01-15', endDate: '2026-03-15',
      reach: [{ targetGroup: 'sex_workers', total: 10 }, { targetGroup: 'students', total: 10 }], costs: [{ fundingSource: 'provincial_budget', amount: 100000 }] });
    const ids = async (query, client = tinh) => (await listAll(client, `/api/activities?q=${tag}&${query}`)).items.map((a) => a.id);
    const set = (...xs) => xs.map((x) => x.id).sort((a, b) => a - b);
    const sorted = (xs) => [...xs].sort((a, b) => a - b);

    assert.deepEqual(await ids(''), [a2, a1, a5, a4, a3].map((x) => x.id), 'default sort: newest start first');
    // from / to: the start date within the range (as the reports count), not an overlap
    assert.deepEqual(sorted(await ids('from=2026-02-01&to=2026-02-01')), set(a1));
    assert.deepEqual(sorted(await ids('from=2026-02-02&to=2026-02-02')), []);
    assert.deepEqual(sorted(await ids('from=2026-03-16')), set(a2));
    assert.deepEqual(sorted(await ids('to=2024-12-31')), set(a3, a4));
    assert.deepEqual(sorted(await ids('from=2024-06-01&to=2026-01-15')), set(a4, a5));
    // orgUnit: today's Gia Lai includes old Bình Định and its communes
    assert.deepEqual(sorted(await ids('orgUnit=52')), set(a1, a2, a3, a4, a5));
    assert.deepEqual(sorted(await ids('orgUnit=21583')), set(a1, a2, a4), 'Phường Quy Nhơn includes Đống Đa merged into it');
    assert.deepEqual(sorted(await ids('orgUnit=23575')), set(a5));
    assert.deepEqual(sorted(await ids('orgUnit=52&asOf=2024-06-30')), set(a3, a4), 'old Bình Định');
    assert.deepEqual(sorted(await ids('orgUnit=540&asOf=2024-06-30')), set(a4), 'the old city Quy Nhơn');
    // a code that names no unit that day: 404, as in every list (directives, agencies, users, …)
    assertError(await tinh.get('/api/activities?orgUnit=540'), 404, 'org_unit_not_found', 'orgUnit');
    assertError(await tinh.get('/api/activities/export?orgUnit=540'), 404, 'org_unit_not_found', 'orgUnit');
    // ids are positive integers, planned is true or false
    for (const q of ['agencyId=0', 'agencyId=-1', 'agencyId=x', 'programmeId=1.5', 'planned=yes'])
      assertError(await tinh.get(`/api/activities?${q}`), 400, 'validation_failed', q.split('=')[0]);
    assert.deepEqual(await ids('orgUnit=75'), []);
    // the commune officer sees its ward, with the merged ward's past
    assert.deepEqual(sorted(await ids('', xa)), set(a1, a2, a4));
    // interventionType, targetGroup, fundingSource, agencyId (lead or partner)
    assert.deepEqual(sorted(await ids('interventionType=health_checks')), set(a2));
    assert.deepEqual(sorted(await ids('targetGroup=students')), set(a3, a4, a5));
    assert.deepEqual(sorted(await ids('targetGroup=sex_workers&from=2026-01-01')), set(a1, a5));
    assert.deepEqual(sorted(await ids('fundingSource=commune_budget')), set(a1, a4));
    assert.deepEqual(sorted(await ids('fundingSource=international')), set(a2));
    assert.deepEqual(sorted(await ids(`agencyId=${agency('gl-hlhpn')}`)), set(a5));
    assert.deepEqual(sorted(await ids(`agencyId=${own}`)), set(a1, a2));
    // q ignores diacritics and case
    for (const q of ['tuyen%20truyen', 'TUY%C3%8AN%20TRUY%E1%BB%80N', 'Tuy%C3%AAn%20truy%E1%BB%81n'])
      assert.deepEqual(sorted((await listAll(tinh, `/api/activities?q=${q}&to=2026-12-31`)).items.filter((a) => a.title.includes(tag)).map((a) => a.id)),
        set(a1, a3), `q=${q}`);
    assert.deepEqual(sorted(await ids('')).length, 5);
    assert.deepEqual(await listAll(tinh, `/api/activities?q=kham%20suc%20khoe%20${tag}`).then((r) => r.items.map((a) => a.id)), [a2.id]);
    // sort
    const order = async (s) => (await listAll(tinh, `/api/activities?q=${tag}&sort=${s}`)).items;
    assert.deepEqual((await order('startDate')).map((a) => a.id), [a3, a4, a5, a1, a2].map((x) => x.id));
    assert.deepEqual((await order('reachedTotal')).map((a) => a.reachedTotal), [1, 5, 20, 50, 120]);
    assert.deepEqual((await order('-reachedTotal')).map((a) => a.reachedTotal), [120, 50, 20, 5, 1]);
    assert.deepEqual((await order('costTotal')).map((a) => a.costTotal), [0, 5, 300, 900, 100000]);
    assert.deepEqual((await order('-costTotal')).map((a) => a.costTotal), [100000, 900, 300, 5, 0]);
    const titles = (await order('title')).map((a) => a.id);
    assert.deepEqual(titles, [a3, a4, a2, a5, a1].map((x) => x.id), 'title order ignores diacritics (Bình, Đống, Khám, Pleiku, Tuyên)');
    assert.deepEqual((await order('-title')).map((a) => a.id), [...titles].reverse());
    assertError(await tinh.get('/api/activities?sort=note'), 400, 'validation_failed', 'sort');
    // paging
    const p1 = assertStatus(await tinh.get(`/api/activities?q=${tag}&pageSize=2&page=1`), 200);
    const p3 = assertStatus(await tinh.get(`/api/activities?q=${tag}&pageSize=2&page=3`), 200);
    assert.deepEqual([p1.total, p1.page, p1.pageSize, p1.totalCapped, p1.items.length], [5, 1, 2, false, 2]);
    assert.deepEqual([p3.total, p3.page, p3.items.length], [5, 3, 1]);
    assert.deepEqual(p1.items.map((a) => a.id), [a2.id, a1.id]);
    assert.deepEqual(p3.items.map((a) => a.id), [a3.id]);
    assert.equal(p1.items[0].attachments, undefined, 'list items carry no attachments');
    assert.equal(p1.items[0].reachedTotal, 5);
    assertError(await tinh.get('/api/activities?pageSize=0'), 400, 'validation_failed', 'pageSize');
    assertError(await tinh.get('/api/activities?from=2026-13-01'), 400, 'validation_failed', 'from');
    assertError(await tinh.get('/api/activities?agencyId=abc'), 400, 'validation_failed', 'agencyId');
  });

  test('export: csv (BOM, Vietnamese headers, one row per target group) and xlsx; template csv and xlsx', async () => {
    const tinh = S['tinh.gialai'];
    const tag = uniq('ex');
    const a = assertStatus(await tinh.post('/api/activities', input({ title: `Xuất ${tag}`, partnerAgencyIds: [] })), 201);
    const csv = await download(tinh, `/api/activities/export?format=csv&q=${tag}`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    assert.match(csv.headers.get('content-disposition') || '', /attachment/);
    assert.deepEqual([...csv.buf.subarray(0, 3)], BOM, 'starts with a UTF-8 BOM (Excel)');
    const lines = csv.buf.subarray(3).toString('utf8').split(/\r?\n/).filter((l) => l.length);
    assert.equal(lines[0], HEADER_LINE);
    assert.equal(lines.length, 3, `header + one row per target group: ${lines.join(' | ')}`);
    const cells = lines.slice(1).map((l) => l.split(','));
    assert.equal(cells[0][0], a.key);
    assert.equal(cells[0][1], `Xuất ${tag}`);
    assert.deepEqual(cells[0].slice(2, 7), ['community_sessions', '21583', 'gl-ubnd-quynhon', '10/03/2026', '12/03/2026']);
    assert.deepEqual(cells.map((c) => [c[7], c[8], c[9], c[10]]).sort(), [['migrant_workers', '12', '', ''], ['sex_workers', '30', '25', '5']]);
    assert.equal(cells[0][11], '2', 'sessions');
    assert.deepEqual(cells.map((c) => [c[12], c[13]]).sort(), [['1500000', 'socialisation'], ['5000000', 'commune_budget']]);
    // xlsx
    const x = await download(tinh, `/api/activities/export?format=xlsx&q=${tag}`);
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
    assert.equal(x.buf.subarray(0, 2).toString('latin1'), 'PK');
    const files = unzip(x.buf);
    const text = [...files.entries()].filter(([n]) => n.startsWith('xl/')).map(([, b]) => b.toString('utf8')).join('\n');
    assert.ok(text.includes(`Xuất ${tag}`), 'the title is in the workbook');
    assert.ok(text.includes('Tên hoạt động'), 'Vietnamese headers');
    const d = await download(tinh, '/api/activities/export'); // xlsx by default
    assert.equal(d.buf.subarray(0, 2).toString('latin1'), 'PK');
    assertError(await tinh.get('/api/activities/export?format=pdf'), 400, 'validation_failed', 'format');
    // template
    const tc = await download(S['xem.gialai'], '/api/activity-imports/template?format=csv');
    assert.equal(tc.status, 200);
    assert.deepEqual([...tc.buf.subarray(0, 3)], BOM);
    assert.deepEqual(tc.buf.subarray(3).toString('utf8').split(/\r?\n/).filter((l) => l), [HEADER_LINE]);
    const tx = await download(tinh, '/api/activity-imports/template?format=xlsx');
    assert.equal(tx.status, 200);
    assert.equal(tx.buf.subarray(0, 2).toString('latin1'), 'PK');
    const tfiles = unzip(tx.buf);
    const sheets = [...tfiles.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    assert.equal(sheets.length, 2, `two sheets: ${sheets}`);
    const all = [...tfiles.entries()].filter(([n]) => n.startsWith('xl/')).map(([, b]) => b.toString('utf8')).join('\n');
    for (const code of ['community_sessions', 'sex_workers', 'commune_budget', 'gl-soyte', '21583', 'Tổng số người'])
      assert.ok(all.includes(code), `template holds ${code}`);
    assert.ok(!all.includes('dn-soyte'), 'only the agencies of the caller\'s scope');
    assertError(await tinh.get('/api/activity-imports/template?format=ods'), 400, 'validation_failed', 'format');
  });

  test('bulk import: a bad row → invalid naming row and column, commit refused, nothing written', async () => {
    const xa = S['xa.gialai'];
    const tag = uniq('bad');
    const before = await countOf(S.admin, 'pageSize=1');
    const file = csvFile(
      `,Tuyên truyền ${tag} 1,community_sessions,21583,gl-ubnd-quynhon,10/03/2026,10/03/2026,sex_workers,30,20,10,1,1000000,commune_budget,`,
      `,Tuyên truyền ${tag} 2,community_sessions,21583,gl-ubnd-quynhon,11/03/2026,11/03/2026,sex_workers,30,20,5,1,,,`,
      `,Tuyên truyền ${tag} 3,community_sessions,21583,gl-ubnd-quynhon,2026-03-12,2026-03-12,students,8,,,,,,`,
    );
    const started = await upload(xa, `${tag}.csv`, file);
    assertStatus(started, 202);
    assert.equal(started.body.filename, `${tag}.csv`);
    assert.equal(started.body.format, 'csv');
    assert.ok(['validating', 'invalid'].includes(started.body.status));
    const j = await settle(xa, started.body.id);
    assert.equal(j.status, 'invalid');
    assert.equal(j.rowsTotal, 3);
    assert.equal(j.errorCount, 1, JSON.stringify(j.errors));
    assert.deepEqual([j.errors[0].row, j.errors[0].column], [3, 'J'], 'row 3 (header = 1), column J (Nữ)');
    assert.match(j.errors[0].messageEn, /20.*5.*30/);
    assert.ok(j.errors[0].message.length > 0);
    assert.match(j.messageEn, /1 error/);
    assert.equal(j.preview.length, 3);
    const e = assertError(await xa.post(`/api/activity-imports/${j.id}/commit`, {}), 409, 'import_not_ready');
    assert.match(e.messageEn, /invalid/);
    assert.equal((await settle(xa, j.id)).status, 'invalid');
    assert.equal(await countOf(S.admin, 'pageSize=1'), before, 'nothing written');
    assert.equal(await countOf(S.admin, `q=${tag}`), 0);

    // a row outside the uploader's scope, an unknown agency, a bad date, a bad number
    const k = await settle(xa, assertStatus(await upload(xa, 'scope.csv', csvFile(
      `,Ngoài phường ${tag},community_sessions,21553,gl-ubnd-quynhon,10/03/2026,10/03/2026,sex_workers,3,,,,,,`,
      `,Cơ quan lạ ${tag},community_sessions,21583,no-such-agency,10/03/2026,10/03/2026,sex_workers,3,,,,,,`,
      `,Ngày sai ${tag},community_sessions,21583,gl-ubnd-quynhon,31/02/2026,10/03/2026,sex_workers,3,,,,,,`,
      `,Số sai ${tag},community_sessions,21583,gl-ubnd-quynhon,10/03/2026,10/03/2026,sex_workers,ba,,,,,,`,
    )), 202).id);
    assert.equal(k.status, 'invalid');
    const at = (row) => k.errors.filter((x) => x.row === row).map((x) => x.column);
    assert.ok(at(2).includes('D'), `row 2 names column D: ${JSON.stringify(k.errors)}`);
    assert.ok(at(3).includes('E'), 'row 3 names column E');
    assert.ok(at(4).includes('F'), 'row 4 names column F');
    assert.ok(at(5).includes('I'), 'row 5 names column I');
    assert.equal(await countOf(S.admin, `q=${tag}`), 0);
  });

  test('bulk import: a good file → ready → commit → committed, rows listed; re-upload is all duplicates', async () => {
    const xa = S['xa.gialai'];
    const tag = uniq('ok');
    const key = `K-${tag}`;
    const rows = [
      // one activity over two rows (same key): two target groups, sessions summed, one cost
      `${key},Tuyên truyền ${tag},community_sessions,21583,gl-ubnd-quynhon,10/03/2026,12/03/2026,sex_workers,30,20,10,2,"1.000.000",commune_budget,Nhập từ tệp`,
      `${key},,,,,,,students,15,,,1,,,`,
      `,Khám sức khỏe ${tag},health_checks,21583,gl-ubnd-quynhon,2026-04-01,2026-04-01,migrant_workers,7,,,,,,`,
      `,Thị Nại ${tag},community_sessions,21583,gl-ubnd-quynhon,02/04/2024,02/04/2024,students,4,4,0,,,,`,
    ];
    const file = csvFile(...rows);
    const j = await settle(xa, assertStatus(await upload(xa, `${tag}.csv`, file), 202).id);
    assert.equal(j.status, 'ready', JSON.stringify(j.errors));
    assert.deepEqual([j.rowsTotal, j.newRows, j.duplicateRows, j.errorCount], [4, 4, 0, 0]);
    assert.equal(j.preview.length, 3, 'three activities');
    assert.equal(j.preview[0].key, key);
    assert.equal(j.preview[0].reachedTotal, 45);
    assert.equal(await countOf(S.admin, `q=${tag}`), 0, 'nothing written before the commit');
    // another user cannot see nor commit it
    assertError(await S['tinh.gialai'].get(`/api/activity-imports/${j.id}`), 404, 'not_found');
    assertError(await S['tinh.gialai'].post(`/api/activity-imports/${j.id}/commit`, {}), 404, 'not_found');
    assertError(await S.admin.get(`/api/activity-imports/${j.id}`), 404, 'not_found');
    assertError(await S['xem.gialai'].get(`/api/activity-imports/${j.id}`), 403, 'forbidden');

    const c = assertStatus(await xa.post(`/api/activity-imports/${j.id}/commit`, {}), 202);
    assert.ok(['committing', 'committed'].includes(c.status));
    const done = await settle(xa, j.id);
    assert.equal(done.status, 'committed', done.messageEn);
    assert.equal(done.committedCount, 3);
    assertError(await xa.post(`/api/activity-imports/${j.id}/commit`, {}), 409, 'import_not_ready');
    const listed = (await listAll(xa, `/api/activities?q=${tag}&sort=startDate`)).items;
    assert.deepEqual(listed.map((a) => a.title), [`Thị Nại ${tag}`, `Tuyên truyền ${tag}`, `Khám sức khỏe ${tag}`]);
    const first = listed[1];
    assert.equal(first.key, key);
    assert.equal(first.source, 'import');
    assert.equal(first.createdBy, 'xa.gialai');
    assert.equal(first.reachedTotal, 45);
    assert.equal(first.costTotal, 1000000);
    assert.deepEqual(first.reach.map((r) => [r.targetGroup, r.total, r.female, r.male]).sort(),
      [['sex_workers', 30, 20, 10], ['students', 15, null, null]]);
    assert.deepEqual(first.outputs, [{ kind: 'sessions', quantity: 3 }]);
    assert.equal(first.note, 'Nhập từ tệp');
    assert.equal(listed[0].orgUnit.name, 'Thị Nại', 'the 2024 row is recorded on the old ward');
    // one audit record for the import
    const audit = (await listAll(S.admin, '/api/audit?entity=activity_import')).items;
    assert.equal(audit.filter((a) => a.username === 'xa.gialai').length, 1);

    // the same file again: every row is a duplicate; committing writes nothing
    const again = await settle(xa, assertStatus(await upload(xa, `${tag}-again.csv`, file), 202).id);
    assert.equal(again.status, 'ready');
    assert.deepEqual([again.newRows, again.duplicateRows], [0, 4]);
    assertStatus(await xa.post(`/api/activity-imports/${again.id}/commit`, {}), 202);
    const done2 = await settle(xa, again.id);
    assert.equal(done2.status, 'committed');
    assert.equal(done2.committedCount, 0);
    assert.equal(await countOf(S.admin, `q=${tag}`), 3, 'no duplicates');
    // the exported xlsx of these activities is itself a valid import: all duplicates by key
    const x = await download(xa, `/api/activities/export?format=xlsx&q=${tag}`);
    const back = await settle(xa, assertStatus(await upload(xa, 'xuat.xlsx', new Uint8Array(x.buf)), 202).id);
    assert.equal(back.format, 'xlsx');
    assert.equal(back.status, 'ready', `${back.messageEn} ${JSON.stringify(back.errors)}`);
    assert.equal(back.newRows, 0);
    assert.equal(back.duplicateRows, back.rowsTotal);
    assert.equal(back.rowsTotal, 4);
  });

  test('bulk import: wrong header, header only, empty file, PDF → invalid with a message', async () => {
    const xa = S['xa.gialai'];
    const before = await countOf(S.admin, 'pageSize=1');
    const wrong = HEADERS.map((h, i) => (i === 2 ? 'Loại hình' : h)).join(',');
    const w = await settle(xa, assertStatus(await upload(xa, 'sai.csv', new Uint8Array(Buffer.from(`${wrong}\n,X,community_sessions,21583,gl-ubnd-quynhon,10/03/2026,10/03/2026,students,1,,,,,,\n`))), 202).id);
    assert.equal(w.status, 'invalid');
    assert.match(w.messageEn, /column C/);
    assert.match(w.message, /Loại can thiệp/);
    const h = await settle(xa, assertStatus(await upload(xa, 'trong.csv', csvFile()), 202).id);
    assert.equal(h.status, 'invalid');
    assert.match(h.messageEn, /header row only/);
    const empty = assertStatus(await upload(xa, 'rong.csv', new Uint8Array(0)), 202);
    const ee = await settle(xa, empty.id);
    assert.equal(ee.status, 'invalid');
    assert.match(ee.messageEn, /empty/);
    const pdf = await settle(xa, assertStatus(await upload(xa, 'bao-cao.pdf', new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n'))), 202).id);
    assert.equal(pdf.status, 'invalid');
    assert.match(pdf.messageEn, /not an \.xlsx or \.csv/);
    // a truncated xlsx (a zip cut in half)
    const tpl = await download(xa, '/api/activity-imports/template?format=xlsx');
    const cut = await settle(xa, assertStatus(await upload(xa, 'hong.xlsx', new Uint8Array(tpl.buf.subarray(0, Math.floor(tpl.buf.length / 2)))), 202).id);
    assert.equal(cut.status, 'invalid');
    assert.ok(cut.messageEn.length > 0);
    for (const x of [w, h, ee, pdf, cut]) assertError(await xa.post(`/api/activity-imports/${x.id}/commit`, {}), 409, 'import_not_ready');
    assert.equal(await countOf(S.admin, 'pageSize=1'), before);
    assertError(await S.bo.post('/api/activity-imports?filename=x.csv', csvFile(), { raw: true }), 403, 'forbidden');
    assertError(await xa.get('/api/activity-imports/99999999'), 404, 'not_found');
  });

  test('evidence files and the caller\'s recent activities', async () => {
    const xa = S['xa.gialai'];
    const a = assertStatus(await xa.post('/api/activities', input({ title: `Bằng chứng ${uniq()}` })), 201);
    const att = assertStatus(await xa.post(`/api/activities/${a.id}/attachments?filename=anh.pdf`, new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n')), { raw: true }), 201);
    const got = assertStatus(await xa.get(`/api/activities/${a.id}`), 200);
    assert.deepEqual(got.attachments.map((x) => x.id), [att.id]);
    assert.equal((await S['tinh.gialai'].get(`/api/attachments/${att.id}`)).status, 200);
    assertError(await S['tinh.dongnai'].get(`/api/attachments/${att.id}`), 404, 'not_found');
    assertError(await xa.post(`/api/activities/${a.id}/attachments?filename=x.exe`, new Uint8Array(Buffer.from('MZ\x90\x00')), { raw: true }), 400);
    assertError(await S['tinh.dongnai'].post(`/api/activities/${a.id}/attachments?filename=anh.pdf`, new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n')), { raw: true }), 404, 'not_found');
    assert.equal(assertStatus(await xa.get(`/api/activities/${a.id}`), 200).attachments.length, 1, 'refused files are not stored');
    const recent = assertStatus(await xa.get('/api/activities/recent?limit=3'), 200).items;
    assert.equal(recent.length, 3);
    for (const limit of ['0', '51', 'ten'])
      assertError(await xa.get(`/api/activities/recent?limit=${limit}`), 400, 'validation_failed', 'limit');
    assert.equal(recent[0].id, a.id);
    assert.equal(recent[0].orgUnitCode, '21583');
    assert.equal(recent[0].interventionTypeCode, 'community_sessions');
    assert.deepEqual(recent[0].partnerAgencyIds, [agency('gl-hlhpn')]);
    assert.equal(recent[0].reach.find((r) => r.targetGroup === 'sex_workers').total, 30);
    assert.deepEqual(recent[0].reach.find((r) => r.targetGroup === 'sex_workers').ages, { '18_24': 10, '25_34': 20 });
    assertError(await S['xem.gialai'].get('/api/activities/recent'), 403, 'forbidden');
  });

  test('evidence photos (JPEG/PNG) are accepted on an activity', async () => {
    const xa = S['xa.gialai'];
    const a = assertStatus(await xa.post('/api/activities', input({ title: `Ảnh ${uniq()}` })), 201);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
    const p = assertStatus(await xa.post(`/api/activities/${a.id}/attachments?filename=anh.png`, new Uint8Array(png), { raw: true, headers: { 'content-type': 'image/png' } }), 201);
    const j = assertStatus(await xa.post(`/api/activities/${a.id}/attachments?filename=anh.jpg`, new Uint8Array(jpeg), { raw: true, headers: { 'content-type': 'image/jpeg' } }), 201);
    assert.deepEqual(assertStatus(await xa.get(`/api/activities/${a.id}`), 200).attachments.map((x) => x.id).sort((m, n) => m - n), [p.id, j.id].sort((m, n) => m - n));
  });

  test('surveys: put creates then replaces with version (stale → 409), validation, scope, delete', async () => {
    const xa = S['xa.gialai'], tinh = S['tinh.gialai'];
    const seed = new Set((await listAll(S.admin, '/api/surveys')).items.map((x) => x.id)); // the demo's surveys
    const body = { orgUnitCode: '21583', year: 2026, half: 1, targetGroup: 'sex_workers', count: 40, female: 30, male: 10, surveyDate: '2026-06-15', note: 'Rà soát đầu năm' };
    const s1 = assertStatus(await xa.put('/api/surveys', body), 200);
    assert.equal(s1.orgUnit.code, '21583');
    assert.deepEqual([s1.year, s1.half, s1.period, s1.targetGroup, s1.count, s1.female, s1.male, s1.surveyDate, s1.note, s1.version],
      [2026, 1, '2026-H1', 'sex_workers', 40, 30, 10, '2026-06-15', 'Rà soát đầu năm', 1]);
    const s2 = assertStatus(await xa.put('/api/surveys', { ...body, count: 45, female: 35, version: 1 }), 200);
    assert.equal(s2.id, s1.id, 'one row per unit, period and target group');
    assert.deepEqual([s2.count, s2.female, s2.version], [45, 35, 2]);
    assertError(await xa.put('/api/surveys', { ...body, count: 1, female: null, male: null, version: 1 }), 409, 'conflict');
    assertError(await xa.put('/api/surveys', { ...body, targetGroup: 'students', version: 3 }), 409, 'conflict');
    const whole = assertStatus(await tinh.put('/api/surveys', { ...body, orgUnitCode: '52', half: 0, count: 400, female: null, male: null }), 200);
    assert.equal(whole.period, '2026');
    // validation
    let e = assertInvalid(await xa.put('/api/surveys', { ...body, count: 40, female: 30, male: 5 }), ['female']);
    assert.match(e.messageEn, /30.*5.*40/);
    assertInvalid(await xa.put('/api/surveys', { ...body, count: -1, female: null, male: null }), ['count']);
    assertInvalid(await xa.put('/api/surveys', { ...body, female: -2, male: 42 }), ['female']);
    assertInvalid(await xa.put('/api/surveys', { ...body, targetGroup: 'no_such_group' }), ['targetGroup']);
    assertInvalid(await xa.put('/api/surveys', { ...body, half: 3 }), ['half']);
    const tomorrow = new Date(Date.parse(`${todayVN()}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
    assertInvalid(await xa.put('/api/surveys', { ...body, surveyDate: tomorrow }), ['surveyDate']);
    assertError(await xa.put('/api/surveys', { ...body, count: undefined }), 400, 'validation_failed', 'count');
    // scope: the commune officer only in its ward; the focal point and read-only roles not at all
    assertError(await xa.put('/api/surveys', { ...body, orgUnitCode: '21553' }), 403, 'forbidden', 'orgUnitCode');
    assertError(await tinh.put('/api/surveys', { ...body, orgUnitCode: '75' }), 403, 'forbidden', 'orgUnitCode');
    assertError(await tinh.put('/api/surveys', { ...body, orgUnitCode: '540' }), 400, 'org_unit_not_found', 'orgUnitCode');
    assertError(await S['coquan.gialai'].put('/api/surveys', body), 403, 'forbidden');
    assertError(await S.bo.put('/api/surveys', body), 403, 'forbidden');
    // nothing of the refused writes stored
    const mine = (await listAll(tinh, '/api/surveys?year=2026')).items.filter((x) => !seed.has(x.id));
    assert.deepEqual(mine.map((x) => [x.orgUnit.code, x.period, x.targetGroup, x.count]).sort(),
      [['21583', '2026-H1', 'sex_workers', 45], ['52', '2026', 'sex_workers', 400]]);
    assert.equal((await listAll(S.admin, '/api/surveys')).items.filter((x) => !seed.has(x.id)).length, 2);
    // filters
    const half1 = (await listAll(tinh, '/api/surveys?half=1')).items;
    assert.ok(half1.some((x) => x.id === s1.id) && !half1.some((x) => x.id === whole.id));
    assert.ok(half1.every((x) => x.half === 1 && x.period.endsWith('-H1')));
    const ward = (await listAll(tinh, '/api/surveys?orgUnit=21583')).items;
    assert.ok(ward.some((x) => x.id === s1.id) && !ward.some((x) => x.id === whole.id));
    const wardCodes = new Set(['21583', '21556', '21562', '21580']);
    assert.ok(ward.every((x) => wardCodes.has(x.orgUnit.code)), `only Quy Nhơn and its predecessors: ${[...new Set(ward.map((x) => x.orgUnit.code))]}`);
    const own = (await listAll(xa, '/api/surveys')).items;
    assert.ok(own.some((x) => x.id === s1.id), 'the ward sees its own');
    assert.ok(own.every((x) => wardCodes.has(x.orgUnit.code)), 'and nothing of other wards');
    const students = (await listAll(tinh, '/api/surveys?targetGroup=students')).items;
    assert.ok(students.every((x) => x.targetGroup === 'students') && !students.some((x) => x.id === s1.id));
    assert.ok((await listAll(tinh, '/api/surveys?year=2025')).items.every((x) => x.year === 2025));
    assertError(await tinh.get('/api/surveys?half=5'), 400, 'validation_failed', 'half');
    assertError(await tinh.get('/api/surveys?year=1999'), 400, 'validation_failed', 'year');
    assertError(await tinh.get('/api/surveys?orgUnit=540'), 404, 'org_unit_not_found', 'orgUnit');
    // the surveys' own filter: the activity list's parameters are not its own and are ignored,
    // as every list ignores parameters it does not take (they once answered 400 here)
    const plain = (await listAll(tinh, '/api/surveys?year=2026')).items.map((x) => x.id);
    assert.ok(plain.length > 0);
    const extra = `q=${'x'.repeat(300)}&planned=maybe&agencyId=abc&sort=nosuchfield`;
    assert.deepEqual((await listAll(tinh, `/api/surveys?year=2026&${extra}`)).items.map((x) => x.id), plain);
    const dnSees = (await listAll(S['tinh.dongnai'], '/api/surveys')).items;
    assert.ok(!dnSees.some((x) => x.id === s1.id || x.id === whole.id), 'Đồng Nai sees none of Gia Lai\'s surveys');
    assert.ok(dnSees.every((x) => !['52', '21583'].includes(x.orgUnit.code)));
    // delete: version required and current; another province 404
    assertError(await xa.request('DELETE', `/api/surveys/${s1.id}`), 400, 'validation_failed', 'version');
    assertError(await xa.request('DELETE', `/api/surveys/${s1.id}?version=v2`), 400, 'validation_failed', 'version');
    assertError(await xa.request('DELETE', `/api/surveys/${s1.id}?version=1`), 409, 'conflict');
    assertError(await S['tinh.dongnai'].request('DELETE', `/api/surveys/${s1.id}?version=2`), 404, 'not_found');
    assertError(await xa.request('DELETE', `/api/surveys/${whole.id}?version=1`), 404, 'not_found', undefined);
    assertStatus(await xa.request('DELETE', `/api/surveys/${s1.id}?version=2`), 204);
    assertError(await xa.request('DELETE', `/api/surveys/${s1.id}?version=2`), 404, 'not_found');
    const left = (await listAll(tinh, '/api/surveys')).items.filter((x) => !seed.has(x.id));
    assert.deepEqual(left.map((x) => x.id), [whole.id]);
    const audit = (await listAll(S.admin, `/api/audit?entity=survey&entityId=${s1.id}`)).items;
    assert.deepEqual(audit.map((a) => a.action).sort(), ['create', 'delete', 'update']);
  });
});
