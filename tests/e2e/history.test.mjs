// Issue 12 journey: history through the successors in the browser (docs/api-reports.md, "Báo cáo
// thay cho đơn vị cũ"). The officer of today's Gia Lai back-fills the 2023 six-monthly report of
// old Gia Lai (64), a province merged into theirs in 07/2025: picks the year, the period and the
// old unit, sees the "on behalf" banner, types the narrative, submits with the day the paper
// report was submitted and the reason; the report shows "Nhập thay cho Gia Lai bởi tinh.gialai",
// the paper date, and is on time by that date. Screenshots at desktop and phone (390x844) width.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import { xlsx } from '../api/harness.mjs';
import { SCREENSHOTS, expectText, launchBrowser, loginPage, newContext, screenshot, startServer, withScreenshotOnFailure } from './harness.mjs';

const FORM = 'bc_6thang';
const PERIOD = '2023-H1';
const OLD = '64'; // old Gia Lai, merged into today's Gia Lai (52) on 01/07/2025
const REASON = 'Nhập bổ sung báo cáo giấy lưu trữ của tỉnh Gia Lai cũ (e2e)';

async function getJson(page, url) {
  const r = await page.request.get(url);
  assert.equal(r.status(), 200, `GET ${url}: ${r.status()} ${await r.text()}`);
  return r.json();
}

describe('history: a successor province back-fills a 2023 report of a predecessor province', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer('history');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('choose the old unit and period, fill, give the paper date and reason, submit', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      const page = await loginPage(ctx, 'tinh.gialai');
      await withScreenshotOnFailure('history-backfill', ctx, async () => {
        const acting = await getJson(page, `/api/reports/acting-units?form=${FORM}&period=${PERIOD}`);
        const old = acting.items.find((u) => u.code === OLD && u.acting === 'on_behalf');
        assert.ok(old, 'old Gia Lai is offered on behalf');
        await page.goto(`/reports?form=${FORM}&year=2023&period=${PERIOD}`);
        await expectText(page.getByTestId('report-period-select'), '6 tháng đầu năm 2023');
        // the picker lists only the units the officer may act for
        await page.getByTestId('report-actfor-select').click();
        await page.keyboard.type('Gia Lai');
        const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: 'đơn vị cũ' });
        await option.filter({ hasText: 'Gia Lai' }).first().click();
        await expect(page, /unit=64/);
        await expectText(page.getByTestId('report-on-behalf-pending'), 'Nhập thay cho Gia Lai bởi tinh.gialai');
        await expectText(page.getByTestId('report-status-tag'), 'Chưa lập');
        await expectText(page.getByTestId('report-period-label'), '6 tháng đầu năm 2023');

        const report = await getJson(page, `/api/reports/current?form=${FORM}&period=${PERIOD}&orgUnit=${OLD}&asOf=${old.asOf}`);
        assert.equal(report.orgUnit.name, 'Gia Lai');
        assert.equal(report.orgUnit.validTo, '2025-06-30');
        const deadline = report.period.deadline;
        const form = await getJson(page, `/api/report-forms/${FORM}`);
        const narrative = form.sections.flatMap((s) => s.elements).filter((e) => e.source === 'manual' && e.valueType === 'text');
        await page.getByTestId(`report-field-${narrative[0].code}`).fill('Tỉnh Gia Lai (cũ) tổ chức tuyên truyền tại 17 huyện (e2e).');
        await screenshot(page, 'history-backfill-open.png');

        await page.getByTestId('report-submit').click();
        await page.getByTestId('report-paper-reason').waitFor();
        // a paper date without a reason is refused in the form
        const [y, m, d] = deadline.split('-');
        const paperDay = `${String(Number(d) - 5).padStart(2, '0')}/${m}/${y}`;
        const picker = page.locator('.ant-modal .ant-picker input').first();
        await picker.click();
        await picker.fill(paperDay);
        await picker.press('Enter');
        await page.getByTestId('report-confirm-ok').click();
        await expectText(page.locator('.ant-modal'), 'Cần ghi lý do');
        await page.getByTestId('report-paper-reason').fill(REASON);
        await screenshot(page, 'history-backfill-paper-date.png');
        await page.getByTestId('report-confirm-ok').click();

        await expectText(page.getByTestId('report-status-tag'), 'Đã gửi');
        await expectText(page.getByTestId('report-on-behalf'), 'Nhập thay cho Gia Lai bởi tinh.gialai');
        await expectText(page.getByTestId('report-paper-date'), `${paperDay} — lý do: ${REASON}`);
        await expectText(page.getByTestId('report-timeliness').first(), 'Đúng hạn');
        await expectText(page.getByTestId('report-history'), 'Nhập thay cho Gia Lai bởi tinh.gialai');
        await screenshot(page, 'history-backfill-submitted.png');

        const after = await getJson(page, `/api/reports/current?form=${FORM}&period=${PERIOD}&orgUnit=${OLD}&asOf=${old.asOf}`);
        assert.equal(after.status, 'submitted');
        assert.equal(after.paperSubmittedOn, `${y}-${m}-${paperDay.slice(0, 2)}`);
        assert.equal(after.paperReason, REASON);
        assert.equal(after.timeliness, 'on_time');
        assert.equal(after.onBehalf.by, 'tinh.gialai');

        // the same report on a phone
        await page.setViewportSize({ width: 390, height: 844 });
        await page.reload();
        await expectText(page.getByTestId('report-on-behalf'), 'Nhập thay cho Gia Lai');
        await screenshot(page, 'history-backfill-phone.png');
        await page.screenshot({ path: join(SCREENSHOTS, 'history-backfill-phone-top.png'), animations: 'disabled' });
        // the old-unit picker and the banners fit the phone's width (the header's own overflow aside)
        for (const id of ['report-on-behalf', 'report-paper-date']) {
          const box = await page.getByTestId(id).boundingBox();
          assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${id} fits the phone: ${JSON.stringify(box)}`);
        }
        const pick = await page.getByTestId('report-actfor-select').boundingBox();
        assert.ok(pick && pick.x + pick.width <= 390 + 1, `the old-unit picker fits the phone: ${JSON.stringify(pick)}`);
      });
    } finally {
      await ctx.close();
    }
  });

  test('a user homed on a reused code: the form asks which unit (Bình Định until 2025 or Gia Lai since)', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      const page = await loginPage(ctx, 'admin');
      await withScreenshotOnFailure('history-user-ambiguous', ctx, async () => {
        const username = `lichsu.${Date.now().toString(36)}`;
        await page.goto('/users');
        await page.getByTestId('user-create').click();
        await page.getByTestId('user-username').fill(username);
        await page.getByTestId('user-fullname').fill('Cán bộ lưu trữ Bình Định (e2e)');
        await page.getByTestId('user-password').fill('Luutru2026x');
        await page.getByTestId('user-orgunit').click();
        await page.keyboard.type('Gia Lai');
        await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '(52)' }).first().click();
        await page.getByTestId('user-roles').click();
        // eleven roles since the people-supported ones: the list is virtual, so filter it first
        await page.keyboard.type('Người xem');
        await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: 'Người xem' }).first().click();
        await page.keyboard.press('Escape');
        await page.locator('.ant-modal-footer .ant-btn-primary').click();
        // 409 ambiguous_org_unit: the form asks which unit the code means
        await page.getByTestId('user-orgunit-asof').click();
        const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
        await expectText(options.first(), 'Bình Định');
        await expectText(options.nth(1), 'Gia Lai');
        await screenshot(page, 'history-user-ambiguous.png');
        await options.first().click();
        await page.locator('.ant-modal-footer .ant-btn-primary').click();
        await page.locator('.ant-modal').waitFor({ state: 'hidden' });
        const list = await getJson(page, `/api/users?q=${username}`);
        assert.equal(list.items.length, 1);
        assert.equal(list.items[0].orgUnit.name, 'Bình Định');
        assert.equal(list.items[0].orgUnit.validTo, '2025-06-30');
      });
    } finally {
      await ctx.close();
    }
  });

  test('past reports from a workbook: the faults by sheet and row, then one commit for every sheet', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      const page = await loginPage(ctx, 'tinh.gialai');
      await withScreenshotOnFailure('history-import', ctx, async () => {
        const sheet = (unit, paper) => [['code', 'value', 'label'], ['orgUnit', unit], ['form', 'bc_6thang'], ['period', '2022-H2'],
          ['paperSubmittedOn', paper], ['reason', 'Nhập từ hồ sơ lưu trữ (e2e)'], ['results', `Báo cáo ${unit} 2022`], ['budget_allocated', 750000]];
        await page.goto('/reports/import-history');
        await page.getByTestId('history-template').waitFor();
        const file = (name, book) => ({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: book });
        await page.getByTestId('history-file').setInputFiles(
          file('sai.xlsx', xlsx([['Quy Nhơn', sheet('540', '12/12/2022')], ['Sai', sheet('540', '01/01/2030')]])));
        await expectText(page.getByTestId('history-import-status'), 'Không hợp lệ');
        await expectText(page.getByTestId('history-import-errors'), 'Ngày gửi bản giấy không được ở tương lai');
        await expectText(page.getByTestId('history-import-errors'), 'Sai');
        await screenshot(page, 'history-import-errors.png');
        await page.getByTestId('history-file').setInputFiles(
          file('dung.xlsx', xlsx([['Quy Nhơn', sheet('540', '12/12/2022')], ['Hoài Nhơn', sheet('543', '2022-12-20')]])));
        await expectText(page.getByTestId('history-import-status'), 'Sẵn sàng ghi');
        await expectText(page.getByTestId('history-import-preview'), 'Đã gửi');
        await expectText(page.getByTestId('history-import-preview'), 'Nhập thay cho Hoài Nhơn bởi tinh.gialai');
        await screenshot(page, 'history-import-ready.png');
        await page.getByTestId('history-import-commit').click();
        await expectText(page.getByTestId('history-import-status'), 'Đã ghi');
        await expectText(page.getByTestId('history-import-message'), 'Đã ghi 2 báo cáo');
        const r = await getJson(page, `/api/reports/current?form=${FORM}&period=2022-H2&orgUnit=540&asOf=2025-06-30`);
        assert.equal(r.status, 'submitted');
        assert.equal(r.paperSubmittedOn, '2022-12-12');
        assert.equal(r.onBehalf.label, 'Nhập thay cho Quy Nhơn bởi tinh.gialai');
      });
    } finally {
      await ctx.close();
    }
  });

  test('the province officer accepts an old ward\'s 2024 report on behalf of the old city, from the compilation', async () => {
    const ward = await newContext(browser, server.base);
    const province = await newContext(browser, server.base);
    try {
      const wp = await loginPage(ward, 'xa.gialai');
      // the successor ward's officer files old Đống Đa's report (API, as the UI does)
      const saved = await apiAs(wp, 'PUT', '/api/reports', { form: FORM, period: '2024-H1', orgUnitCode: '21556', asOf: '2025-06-30',
        values: { results: 'Đống Đa 6 tháng đầu năm 2024 (e2e)' } });
      await apiAs(wp, 'POST', `/api/reports/${saved.id}/submit`, { paperSubmittedOn: '2024-06-10', reason: 'Nhập lại từ bản giấy (e2e)' });
      const pp = await loginPage(province, 'tinh.gialai');
      await withScreenshotOnFailure('history-compile-accept', province, async () => {
        await pp.goto(`/reports/compile?form=${FORM}&year=2024&period=2024-H1&orgUnit=540`);
        const row = pp.getByTestId('compile-units').locator('tbody tr.ant-table-row', { hasText: '(21556)' }).first();
        await expectText(row, 'Đã gửi');
        await row.getByTestId('compile-view').click();
        const drawer = pp.getByTestId('compile-drawer');
        await expectText(drawer.getByTestId('report-on-behalf'), 'Nhập thay cho Đống Đa bởi xa.gialai');
        await expectText(drawer.getByTestId('report-paper-date'), '10/06/2024');
        await drawer.getByTestId('report-accept').click();
        await pp.getByTestId('report-confirm-ok').click();
        await expectText(drawer.getByTestId('report-status-tag'), 'Đã tiếp nhận');
        await expectText(drawer.getByTestId('report-history'), 'Nhập thay cho Quy Nhơn bởi tinh.gialai');
        await screenshot(pp, 'history-compile-accepted.png');
      });
    } finally {
      await ward.close();
      await province.close();
    }
  });
});

/** A write through the API in the page's session (the CSRF token from /api/me). */
async function apiAs(page, method, url, body) {
  const me = await getJson(page, '/api/me');
  const r = await page.request.fetch(url, { method, headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' }, data: body });
  assert.ok(r.status() < 300, `${method} ${url}: ${r.status()} ${await r.text()}`);
  return r.json();
}

async function expect(page, re) {
  const deadline = Date.now() + 15_000;
  while (!re.test(page.url())) {
    if (Date.now() > deadline) throw new Error(`address ${page.url()} does not match ${re}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
