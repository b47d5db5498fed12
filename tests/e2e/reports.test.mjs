// Issue 5 journey: periodic reports in the browser (docs/api-reports.md). The commune officer
// opens the six-monthly report of the current period, sees the computed figures the server
// counted, types the narrative and submits; the province officer finds it in the compilation and
// returns it with a comment; the commune officer sees the comment and resubmits; the province
// officer accepts it, sees the completeness and the compiled figures add up, and downloads the
// Word document.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  expectText,
  expectUrl,
  launchBrowser,
  loginPage,
  newContext,
  screenshot,
  startServer,
  textOf,
  todayVN,
  withScreenshotOnFailure,
} from './harness.mjs';

const FORM = 'bc_6thang';
const WARD = '21583'; // phường Quy Nhơn, home unit of xa.gialai
const PROVINCE = '52'; // Gia Lai, home unit of tinh.gialai
const RETURN_COMMENT = 'Đề nghị bổ sung khó khăn, vướng mắc cụ thể về kinh phí (e2e)';
const NARRATIVE = [
  'Tổ chức tuyên truyền phòng, chống mại dâm tại các tổ dân phố, trường học (e2e).',
  'Kinh phí hạn chế, thiếu cán bộ chuyên trách (e2e).',
  'Đề nghị tỉnh hỗ trợ tập huấn cho cán bộ cơ sở (e2e).',
];

/** 1234567 → "1.234.567", as the UI shows numbers. */
function vnNumber(n) {
  if (n === null || n === undefined) return '—';
  const [i, f = ''] = Math.abs(n).toFixed(2).split('.');
  const frac = f.replace(/0+$/, '');
  const body = i.replace(/\B(?=(\d{3})+(?!\d))/g, '.') + (frac ? `,${frac}` : '');
  return n < 0 && body !== '0' ? `-${body}` : body;
}

/** The <input> behind an Ant Design Input.Search, wherever its data-testid landed. */
async function inputOf(locator) {
  const tag = await locator.evaluate((e) => e.tagName);
  return tag === 'INPUT' ? locator : locator.locator('input').first();
}

async function getJson(page, url) {
  const r = await page.request.get(url);
  assert.equal(r.status(), 200, `GET ${url}: ${r.status()} ${await r.text()}`);
  return r.json();
}

/** The compilation table's row of the ward, after searching for its code. */
async function wardRow(page) {
  const search = await inputOf(page.getByTestId('compile-units-search'));
  await search.fill(WARD);
  const row = page.getByTestId('compile-units').locator('tbody tr.ant-table-row', { hasText: `(${WARD})` });
  await row.first().waitFor();
  return row.first();
}

async function stat(page, key) {
  const el = page.getByTestId(`compile-stat-${key}`);
  await expectText(el, /^\d[\d.]*$/);
  return Number((await textOf(el)).replace(/\./g, ''));
}

describe('periodic reports: fill, submit, return, resubmit, accept, compile, download', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer('reports');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a ward report travels to the province and back, is accepted and compiled into the official document', async () => {
    const commune = await newContext(browser, server.base);
    const province = await newContext(browser, server.base);
    try {
      const cp = await loginPage(commune, 'xa.gialai');
      const pp = await loginPage(province, 'tinh.gialai');
      const year = Number(todayVN().iso.slice(0, 4));
      const today = todayVN().iso;

      const form = await getJson(cp, `/api/report-forms/${FORM}`);
      const elements = form.sections.flatMap((s) => s.elements);
      const computedNumbers = elements.filter((e) => e.source === 'computed' && e.valueType === 'number');
      const narrative = elements.filter((e) => e.source === 'manual' && e.valueType === 'text');
      assert.ok(computedNumbers.length > 0, 'the six-monthly form has computed figures');
      assert.ok(narrative.length >= 3, 'the six-monthly form has the narrative (results, difficulties, proposals)');
      const periods = (await getJson(cp, `/api/report-periods?form=${FORM}&orgUnit=${WARD}&year=${year}`)).items;
      const period = periods.find((p) => p.from <= today && today <= p.to) ?? periods[periods.length - 1];
      assert.ok(period, 'a period of this year');

      // 1. The commune officer opens the current six-monthly report and sees the computed figures.
      await withScreenshotOnFailure('reports-commune-submit', commune, async () => {
        await cp.getByTestId('menu-reports').click();
        await expectUrl(cp, /^\/reports/);
        await expectText(cp.getByTestId('report-period-select'), period.label);
        await expectText(cp.getByTestId('report-period-label'), period.label);
        const [y, m, d] = period.deadline.split('-');
        await expectText(cp.getByTestId('report-deadline'), `${d}/${m}/${y}`);
        await expectText(cp.getByTestId('report-status-tag'), 'Chưa lập');

        const current = await getJson(cp, `/api/reports/current?form=${FORM}&period=${period.code}&orgUnit=${WARD}`);
        for (const el of computedNumbers) {
          await expectText(cp.getByTestId(`report-value-${el.code}`), vnNumber(current.values[el.code]), {
            message: `computed ${el.code}`,
          });
        }
        // Computed figures are read-only: no input for them.
        assert.equal(await cp.getByTestId(`report-field-${computedNumbers[0].code}`).count(), 0);

        // The in-app reminders the server lists show on the page and in the header badge.
        const rem = await getJson(cp, '/api/reports/reminders');
        const remItems = Array.isArray(rem) ? rem : rem.items;
        if (remItems.length > 0) {
          await cp.getByTestId('report-reminders').waitFor();
          await expectText(cp.getByTestId('report-reminders-badge'), String(remItems.length));
        }
        await screenshot(cp, 'reports-commune-open.png');

        // Types the narrative, saves the draft, submits.
        for (const [i, el] of narrative.entries()) {
          await cp.getByTestId(`report-field-${el.code}`).fill(NARRATIVE[i % NARRATIVE.length]);
        }
        await cp.getByTestId('report-unsaved').waitFor();
        await cp.getByTestId('report-save').click();
        await expectText(cp.getByTestId('report-status-tag'), 'Đang soạn');
        await cp.getByTestId('report-submit').click();
        await cp.getByTestId('report-confirm-ok').click();
        // Submitting computes and freezes every figure: slower than a save on a loaded machine
        // (CI's sanitizer build), so this one wait is longer; a refusal shows in the message.
        await expectText(cp.getByTestId('report-status-tag'), 'Đã gửi', { timeout: 40_000 });
        await cp.getByTestId('report-locked').waitFor();
        assert.equal(await cp.getByTestId('report-save').count(), 0, 'no Lưu once submitted');
        await expectText(cp.getByTestId(`report-text-${narrative[0].code}`), NARRATIVE[0]);
        await expectText(cp.getByTestId('report-history'), 'Gửi báo cáo');
        await screenshot(cp, 'reports-commune-submitted.png');
      });

      // 2. The province officer finds it in the compilation and returns it with a comment.
      await withScreenshotOnFailure('reports-province-return', province, async () => {
        await pp.getByTestId('menu-reports-compile').click();
        await expectUrl(pp, /^\/reports\/compile/);
        await expectText(pp.getByTestId('report-period-select'), period.label);
        await pp.getByTestId('compile-completeness').waitFor();
        assert.ok((await stat(pp, 'submitted')) >= 1, 'the submitted report is counted');
        const row = await wardRow(pp);
        await expectText(row, 'Đã gửi');
        await screenshot(pp, 'reports-compile-submitted.png');

        await row.getByTestId('compile-return').click();
        const ok = pp.getByTestId('report-return-ok');
        assert.equal(await ok.isDisabled(), true, 'a return needs a comment');
        await pp.getByTestId('report-return-comment').fill(RETURN_COMMENT);
        await ok.click();
        await expectText(await wardRow(pp), 'Bị trả lại');
      });

      // 3. The commune officer sees the comment, completes the narrative and resubmits.
      await withScreenshotOnFailure('reports-commune-resubmit', commune, async () => {
        await cp.reload();
        await expectText(cp.getByTestId('report-status-tag'), 'Bị trả lại');
        await expectText(cp.getByTestId('report-returned-comment'), RETURN_COMMENT);
        await expectText(cp.getByTestId('report-history'), RETURN_COMMENT);
        const difficulties = cp.getByTestId(`report-field-${narrative[1].code}`);
        assert.equal(await difficulties.inputValue(), NARRATIVE[1], 'the saved narrative is kept');
        await difficulties.fill(`${NARRATIVE[1]} Thiếu kinh phí cho tuyên truyền tại tổ dân phố.`);
        await screenshot(cp, 'reports-commune-returned.png');
        await cp.getByTestId('report-submit').click();
        await cp.getByTestId('report-confirm-ok').click();
        await expectText(cp.getByTestId('report-status-tag'), 'Đã gửi');
      });

      // 4. The province officer accepts it, sees completeness and the figures, downloads the .docx.
      await withScreenshotOnFailure('reports-province-accept', province, async () => {
        await pp.reload();
        await pp.getByTestId('compile-completeness').waitFor();
        const acceptedBefore = await stat(pp, 'accepted');
        let row = await wardRow(pp);
        await expectText(row, 'Đã gửi');

        // The officer reads the resubmitted narrative before accepting.
        await row.getByTestId('compile-view').click();
        const drawer = pp.getByTestId('compile-drawer');
        await drawer.getByTestId('report-view').waitFor();
        // Read-only for the level above: the narrative as text, no inputs.
        await expectText(drawer.getByTestId(`report-text-${narrative[1].code}`), 'Thiếu kinh phí cho tuyên truyền');
        assert.equal(await drawer.getByTestId(`report-field-${narrative[1].code}`).count(), 0);
        await expectText(drawer.getByTestId('report-history'), RETURN_COMMENT);
        await screenshot(pp, 'reports-compile-drawer.png');
        await drawer.getByTestId('report-accept').click();
        await pp.getByTestId('report-confirm-ok').click();
        await expectText(drawer.getByTestId('report-status-tag'), 'Đã tiếp nhận');
        await pp.locator('.ant-drawer-close').click();
        await drawer.waitFor({ state: 'detached' });

        row = await wardRow(pp);
        await expectText(row, 'Đã tiếp nhận');
        await expectText(row, 'Đúng hạn', { message: 'submitted before the deadline' });
        await expectText(pp.getByTestId('compile-stat-accepted'), vnNumber(acceptedBefore + 1));

        // The figures add up: what the page shows is the server's total = compiled + own.
        const c = await getJson(pp, `/api/reports/compile?form=${FORM}&period=${period.code}&orgUnit=${PROVINCE}`);
        assert.ok(c.completeness.accepted >= 1);
        assert.ok(c.completeness.expected >= c.completeness.submitted);
        const ward = c.units.find((u) => u.orgUnit.code === WARD);
        assert.equal(ward?.status, 'accepted');
        for (const el of computedNumbers) {
          const total = c.total[el.code] ?? 0;
          assert.equal(total, (c.compiled[el.code] ?? 0) + (c.own[el.code] ?? 0), `total of ${el.code} = compiled + own`);
          await expectText(pp.getByTestId(`compile-total-${el.code}`), vnNumber(c.total[el.code]), { message: `total ${el.code}` });
          // The accepted ward's own figures are inside the compiled ones.
          assert.ok((c.compiled[el.code] ?? 0) >= (ward.values[el.code] ?? 0), `compiled ${el.code} includes the ward`);
        }
        await (await inputOf(pp.getByTestId('compile-units-search'))).fill('');
        await screenshot(pp, 'reports-compile-accepted.png');

        const [download] = await Promise.all([
          pp.waitForEvent('download'),
          pp.getByTestId('report-download-docx').click(),
        ]);
        const stream = await download.createReadStream();
        const chunks = [];
        for await (const chunk of stream) chunks.push(chunk);
        const bytes = Buffer.concat(chunks);
        assert.ok(bytes.length > 1000, `the .docx has content (${bytes.length} bytes)`);
        assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a .docx is a ZIP package');
        assert.match(download.suggestedFilename(), /\.docx$/);

        // The province submits its own report: it is its compilation (compiled + own = total
        // beside the live figure), and the confirmation lists the units with no accepted report.
        await pp.goto(`/reports?form=${FORM}&period=${period.code}`);
        const card = pp.getByTestId('report-compilation');
        await card.waitFor();
        const mine = await getJson(pp, `/api/reports/current?form=${FORM}&period=${period.code}&orgUnit=${PROVINCE}`);
        assert.ok(mine.compilation, "a province's report carries its compilation");
        await expectText(card.getByTestId('report-compilation-reached_total'), vnNumber(mine.values.reached_total));
        assert.ok(mine.missingUnits.length >= 1 && !mine.missingUnits.some((u) => u.orgUnit?.code === WARD));
        await pp.getByTestId('report-submit').click();
        const listed = pp.getByTestId('report-confirm-missing');
        await listed.waitFor();
        assert.equal(await listed.getByTestId('report-missing-unit').count(), mine.missingUnits.length);
        await expectText(listed, mine.missingUnits[0].name);
        await screenshot(pp, 'reports-province-submit-missing.png');
        await pp.getByTestId('report-confirm-ok').click();
        await pp.getByTestId('report-locked').waitFor();
        const sent = await getJson(pp, `/api/reports/current?form=${FORM}&period=${period.code}&orgUnit=${PROVINCE}`);
        assert.equal(sent.status, 'submitted');
        assert.deepEqual(sent.missingUnits.map((u) => u.name), mine.missingUnits.map((u) => u.name));
      });
    } finally {
      await commune.close();
      await province.close();
    }
  });
});
