// Figures and documents of the commune classification (issue 18 §5; docs/api-classification.md
// "Figures and documents"): GET /api/classification/figures (communes per class from APPROVED
// assessments, assessed, approved, healthy %, the communes for the map, byProvince for VN), the
// indicator communes_healthy_pct, and the province's decision with its annex (.docx/.xlsx/.pdf).
// Hand-counted: four communes of Gia Lai without an assessment of the year are assessed through
// the real API — one scored healthy, one basic, one focus (all three checked and approved), one
// only submitted — and every figure must move by exactly that. Scope: a commune officer sees only
// their commune, another province's officer gets 404, a role without classification.read 403.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, login, startServer, todayVN, unzip } from './harness.mjs';

const docxText = (buf) => unzip(buf).get('word/document.xml').toString('utf8');
const round2 = (x) => Math.round(x * 100) / 100;

describe(`classification figures ${KIND}`, () => {
  let server, S = {}, year, f0, picked = [];

  before(async () => {
    server = await startServer();
    for (const u of ['admin', 'bo', 'tinh.gialai', 'tinh.dongnai', 'xa.gialai', 'xem.gialai', 'congan.gialai'])
      S[u] = await login(server.base, u);
    year = Number(todayVN().slice(0, 4));
  });
  after(async () => server?.stop());

  // scores of every criterion for a class: healthy = everything met; basic = 70..89 points and two
  // drug criteria; focus = nothing
  const scores = (items, target) => items.map((it) => {
    let s;
    if (target === 'healthy') s = it.kind === 'points' ? it.maxPoints : 1;
    else if (target === 'focus') s = 0;
    else if (it.kind === 'points') s = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'D1'].includes(it.criterionKey) ? it.maxPoints : 0;  // 85
    else s = ['E1', 'E2', 'D3'].includes(it.criterionKey) ? 1 : 0;
    return { criterionKey: it.criterionKey, score: s };
  });

  async function assess(code, target, approve = true) {
    let a = assertStatus(await S.admin.post('/api/classification/assessments', { communeCode: code, year }), 201);
    const sc = scores(a.items, target);
    a = assertStatus(await S.admin.put(`/api/classification/assessments/${a.id}`, {
      version: a.version, summary: `Tự chấm ${target}`,
      items: sc.map((x) => ({ criterionKey: x.criterionKey, selfScore: x.score, selfNote: 'Đối chiếu hồ sơ của xã' })),
    }), 200);
    a = assertStatus(await S.admin.post(`/api/classification/assessments/${a.id}/submit`, { version: a.version }), 200);
    if (!approve) return a;
    a = assertStatus(await S['tinh.gialai'].put(`/api/classification/assessments/${a.id}/check`, {
      version: a.version, items: sc.map((x) => ({ criterionKey: x.criterionKey, checkScore: x.score, checkComment: '' })),
    }), 200);
    a = assertStatus(await S['tinh.gialai'].post(`/api/classification/assessments/${a.id}/approve`, { version: a.version }), 200);
    assert.equal(a.finalClass?.code, target);
    return a;
  }

  test('four communes assessed through the API: figures per class, assessed, approved and healthy % move by exactly that', async () => {
    f0 = assertStatus(await S['tinh.gialai'].get(`/api/classification/figures?scope=52&year=${year}`), 200);
    assert.equal(f0.scope.code, '52');
    assert.equal(f0.referenceDay, `${year}-12-31`);
    assert.ok(f0.communes > 4 && f0.units.length === f0.communes, 'every commune of Gia Lai on 31/12, one row each');
    assert.ok(f0.units.every((u) => u.unit.kind === 'commune'));
    assert.deepEqual(f0.classes.slice(0, 3).map((c) => [c.code, c.rank, c.healthy]), [['healthy', 1, true], ['basic', 2, false], ['focus', 3, false]]);
    assert.equal(f0.classes[0].labelVi, 'Lành mạnh không có tệ nạn ma túy, mại dâm');
    assert.equal(f0.byProvince, undefined, 'byProvince only for VN');
    // never phường Quy Nhơn (21583), which the demo keeps free for a browser journey
    picked = f0.units.filter((u) => u.status === 'not_started' && u.unit.code !== '21583').slice(0, 4).map((u) => u.unit);
    assert.equal(picked.length, 4, 'four communes of Gia Lai without an assessment this year');

    const healthy = await assess(picked[0].code, 'healthy');
    assert.equal(healthy.checkTotal, 100);
    await assess(picked[1].code, 'basic');
    await assess(picked[2].code, 'focus');
    await assess(picked[3].code, 'basic', false);

    const f = assertStatus(await S['tinh.gialai'].get(`/api/classification/figures?scope=52&year=${year}`), 200);
    assert.equal(f.communes, f0.communes);
    assert.equal(f.assessed, f0.assessed + 4);
    assert.equal(f.approved, f0.approved + 3);
    assert.equal(f.healthy, f0.healthy + 1);
    const count = (x, code) => x.classes.find((c) => c.code === code).communes;
    for (const code of ['healthy', 'basic', 'focus']) assert.equal(count(f, code), count(f0, code) + 1, code);
    assert.equal(f.classes.reduce((n, c) => n + c.communes, 0), f.approved, 'every approved commune in one class');
    assert.equal(f.healthyPct, round2((100 * f.healthy) / f.communes));
    const row = (code) => f.units.find((u) => u.unit.code === code);
    assert.equal(row(picked[0].code).status, 'approved');
    assert.equal(row(picked[0].code).finalClass.code, 'healthy');
    assert.equal(row(picked[0].code).checkTotal, 100);
    assert.equal(row(picked[1].code).finalClass.code, 'basic');
    assert.equal(row(picked[1].code).checkTotal, 85);
    assert.equal(row(picked[2].code).finalClass.code, 'focus');
    assert.equal(row(picked[3].code).status, 'submitted');
    assert.equal(row(picked[3].code).finalClass, null, 'a class counts only once approved');

    // one commune as the scope
    const one = assertStatus(await S['tinh.gialai'].get(`/api/classification/figures?scope=${picked[0].code}&year=${year}`), 200);
    assert.deepEqual([one.communes, one.approved, one.healthy, one.healthyPct], [1, 1, 1, 100]);
  });

  test('VN: every province with byProvince; the indicator communes_healthy_pct equals healthyPct', async () => {
    const vn = assertStatus(await S.bo.get(`/api/classification/figures?scope=VN&year=${year}`), 200);
    assert.ok(Array.isArray(vn.byProvince) && vn.byProvince.length >= 2);
    assert.equal(vn.byProvince.reduce((n, p) => n + p.communes, 0), vn.communes);
    assert.equal(vn.byProvince.reduce((n, p) => n + p.approved, 0), vn.approved);
    const gl = vn.byProvince.find((p) => p.province.code === '52');
    const f = assertStatus(await S['tinh.gialai'].get(`/api/classification/figures?scope=52&year=${year}`), 200);
    assert.deepEqual([gl.communes, gl.assessed, gl.approved, gl.healthy, gl.healthyPct], [f.communes, f.assessed, f.approved, f.healthy, f.healthyPct]);

    const r = assertStatus(await S['tinh.gialai'].get(`/api/indicators/results?orgUnit=52&year=${year}`), 200);
    const ind = r.items.find((i) => i.code === 'communes_healthy_pct');
    assert.ok(ind, 'the indicator is evaluated');
    assert.equal(ind.value, f.healthyPct);
    const sc = assertStatus(await S['tinh.gialai'].get(`/api/indicators/scorecard?orgUnit=52&year=${year}`), 200);
    assert.ok(sc.indicators.some((i) => i.code === 'communes_healthy_pct'), 'on the scorecard');
  });

  test('the demo year 2025 of Gia Lai: every commune approved, counted once per class; its decision names them all', async () => {
    const f = assertStatus(await S['tinh.gialai'].get('/api/classification/figures?scope=52&year=2025'), 200);
    assert.ok(f.communes > 0);
    assert.equal(f.approved, f.units.filter((u) => u.status === 'approved').length);
    assert.equal(f.assessed, f.units.filter((u) => u.status !== 'not_started').length);
    assert.equal(f.classes.reduce((n, c) => n + c.communes, 0), f.approved);
    for (const c of f.classes) assert.equal(c.communes, f.units.filter((u) => u.finalClass?.code === c.code).length, c.code);
    assert.equal(f.healthy, f.units.filter((u) => u.finalClass?.healthy).length);
    assert.equal(f.healthyPct, round2((100 * f.healthy) / f.communes));
    const res = await fetch(`${server.base}/api/classification/decision?province=52&year=2025&format=docx`, { headers: { cookie: S['tinh.gialai'].cookie } });
    assert.equal(res.status, 200);
    const text = docxText(Buffer.from(await res.arrayBuffer()));
    assert.match(text, /năm 2025/);
    assert.ok(text.includes(`Công nhận ${f.healthy} xã, phường`), 'Điều 1 counts the communes recognised');
    for (const u of f.units) assert.ok(text.includes(u.unit.name), `the annex names ${u.unit.name}`);
  });

  test('access: a commune officer sees only their commune, another province 404, no classification.read 403', async () => {
    assertError(await S['xa.gialai'].get(`/api/classification/figures?scope=52&year=${year}`), 404, 'not_found');
    const own = assertStatus(await S['xa.gialai'].get(`/api/classification/figures?year=${year}`), 200);
    assert.equal(own.communes, 1, 'without scope: the caller\'s own unit');
    assertError(await S['tinh.dongnai'].get(`/api/classification/figures?scope=52&year=${year}`), 404, 'not_found');
    assertError(await S['tinh.dongnai'].get(`/api/classification/decision?province=52&year=${year}&format=docx`), 404, 'not_found');
    assertError(await S['congan.gialai'].get(`/api/classification/figures?scope=52&year=${year}`), 403, 'forbidden');
    assertError(await S['congan.gialai'].get(`/api/classification/decision?province=52&year=${year}`), 403, 'forbidden');
    assertStatus(await S['xem.gialai'].get(`/api/classification/figures?scope=52&year=${year}`), 200);
    assertError(await S['tinh.gialai'].get(`/api/classification/figures?scope=52&year=1999`), 400, 'validation_failed', 'year');
  });

  test('the decision with its annex: .docx, .xlsx and PDF name the communes; 422 nothing_approved', async () => {
    const e = assertError(await S['tinh.dongnai'].get(`/api/classification/decision?province=75&year=${year}&format=docx`), 422, 'nothing_approved');
    assert.match(e.message, new RegExp(String(year)));
    assertError(await S['tinh.gialai'].get(`/api/classification/decision?province=52&year=${year}&format=odt`), 400, 'validation_failed', 'format');
    const get = async (format) => {
      const res = await fetch(`${server.base}/api/classification/decision?province=52&year=${year}&format=${format}`, { headers: { cookie: S['tinh.gialai'].cookie } });
      assert.equal(res.status, 200, format);
      return { type: res.headers.get('content-type'), disp: res.headers.get('content-disposition') || '', buf: Buffer.from(await res.arrayBuffer()) };
    };
    const docx = await get('docx');
    assert.match(docx.type, /wordprocessingml/);
    const text = docxText(docx.buf);
    assert.match(text, /QUYẾT ĐỊNH/);
    assert.match(text, new RegExp(`lành mạnh không có tệ nạn ma túy, mại dâm năm ${year}`));
    assert.match(text, /ỦY BAN NHÂN DÂN/);
    assert.match(text, /Điểm thẩm định/);
    for (const u of picked) assert.ok(text.includes(u.name), `the annex names ${u.name}`);
    assert.ok(text.includes('Lành mạnh không có tệ nạn ma túy, mại dâm'), 'the class of a commune');

    const xlsx = await get('xlsx');
    assert.match(xlsx.type, /spreadsheetml/);
    const files = unzip(xlsx.buf);
    const strings = [...files.entries()].filter(([n]) => n.startsWith('xl/')).map(([, b]) => b.toString('utf8')).join('\n');
    for (const u of picked) assert.ok(strings.includes(u.name), `the .xlsx names ${u.name}`);

    const pdf = await get('pdf');
    assert.match(pdf.type, /pdf/);
    assert.equal(pdf.buf.subarray(0, 5).toString('latin1'), '%PDF-');
  });
});
