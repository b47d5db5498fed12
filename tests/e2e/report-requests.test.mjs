// Ad-hoc reports in the browser (docs/api-reports.md, "Ad-hoc requests", "Agency reports"): the
// ministry officer issues a request to two provinces from the "Báo cáo đột xuất" tab; the Gia Lai
// officer sees it addressed to the province, fills and submits it; the ministry sees the
// submissions; the agency focal point's report page is its agency's report.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  expectText,
  launchBrowser,
  loginPage,
  newContext,
  screenshot,
  startServer,
  textOf,
  todayVN,
  withScreenshotOnFailure,
} from './harness.mjs';

describe('ad-hoc report requests and agency reports', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer('report-requests');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the ministry asks two provinces; Gia Lai fills and submits; the ministry sees 1 of 2 submitted', async () => {
    const ministry = await newContext(browser, server.base);
    const province = await newContext(browser, server.base);
    const agency = await newContext(browser, server.base);
    const title = `Tình hình cơ sở lưu trú ${Date.now() % 100000}`;
    try {
      const mp = await loginPage(ministry, 'bo');
      await withScreenshotOnFailure('adhoc-ministry-issue', ministry, async () => {
        await mp.goto('/reports?tab=adhoc');
        await mp.getByTestId('adhoc-new').click();
        await mp.getByTestId('adhoc-new-title').fill(title);
        const { display } = todayVN();
        const start = `01/01/${display.slice(6)}`;
        // Ant Design puts a picker's data-testid on its (first) input
        const span = mp.locator('.ant-modal .ant-picker-range input');
        await span.nth(0).click();
        await span.nth(0).fill(start);
        await span.nth(0).press('Enter');
        await span.nth(1).fill(display);
        await span.nth(1).press('Enter');
        const deadline = mp.getByTestId('adhoc-new-deadline');
        await deadline.click();
        await deadline.fill(display);
        await deadline.press('Enter');
        const units = mp.getByTestId('adhoc-new-units');
        for (const name of ['Gia Lai', 'Đồng Nai']) {
          await units.click();
          await mp.keyboard.type(name);
          await mp.locator('.ant-select-item-option', { hasText: name }).first().click();
        }
        await mp.keyboard.press('Escape');
        await screenshot(mp, 'adhoc-1-ministry-new-request.png');
        await mp.getByTestId('adhoc-new-ok').click();
        await mp.getByTestId('adhoc-detail').waitFor();
        await expectText(mp.getByTestId('adhoc-completeness'), /Đã nộp 0\/2/);
        assert.equal(await mp.getByTestId('adhoc-units').locator('tbody tr').count(), 2);
      });

      const pp = await loginPage(province, 'tinh.gialai');
      await withScreenshotOnFailure('adhoc-province-fill', province, async () => {
        await pp.goto('/reports?tab=adhoc');
        const row = pp.getByTestId('adhoc-list').locator('tr', { hasText: title });
        await expectText(row.getByTestId('adhoc-my-report'), /Chưa lập/);
        await screenshot(pp, 'adhoc-2-province-list.png');
        await row.getByTestId('adhoc-open-btn').click();
        await pp.getByTestId('report-view').waitFor();
        await pp.getByTestId('report-field-results').fill('Đã rà soát 24 cơ sở lưu trú, phát hiện 2 vi phạm');
        await pp.getByTestId('report-submit').click();
        const ok = pp.getByTestId('report-confirm-ok');
        if (await ok.isVisible().catch(() => false)) await ok.click();
        await expectText(pp.getByTestId('report-status-tag').first(), /Đã gửi/);
        await screenshot(pp, 'adhoc-3-province-submitted.png');
      });

      await withScreenshotOnFailure('adhoc-ministry-list', ministry, async () => {
        await mp.goto('/reports?tab=adhoc');
        const row = mp.getByTestId('adhoc-list').locator('tr', { hasText: title });
        await expectText(row.getByTestId('adhoc-completeness'), /Đã nộp 1\/2 · đúng hạn 1 · muộn 0 · chưa nộp 0/);
        await screenshot(mp, 'adhoc-4-ministry-list.png');
      });

      const ap = await loginPage(agency, 'coquan.gialai');
      await withScreenshotOnFailure('adhoc-agency-report', agency, async () => {
        await ap.goto('/reports');
        await ap.getByTestId('report-view').waitFor();
        const head = await textOf(ap.locator('.lg-page-title'));
        assert.match(head, /Báo cáo của cơ quan: Sở Y tế/);
        assert.ok(await ap.getByTestId('report-save').isVisible(), 'the focal point fills its agency report');
        await screenshot(ap, 'adhoc-5-agency-report.png');
      });
    } finally {
      await ministry.close();
      await province.close();
      await agency.close();
    }
  });
});
