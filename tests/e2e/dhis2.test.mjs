// Issue 21 item 2: "Liên thông DHIS2" on a phone (390 px): the ministry officer picks the form, the
// period and a province, sees the preview (values, suppressed cells, elements not exported) with
// the download links; the administrator sees the mapping tables and the server settings (token
// never shown); nothing wider than the screen.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, loginPage, newContext, screenshot, startServer, withScreenshotOnFailure } from './harness.mjs';

describe('DHIS2 exchange page', () => {
  let server, browser;
  before(async () => {
    server = await startServer('dhis2');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const noOverflow = async (page) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scroll at 390 px (${overflow})`);
  };

  test('the ministry previews an export at 390 px; the admin sees the mappings', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('dhis2', ctx, async () => {
        const page = await loginPage(ctx, 'bo');
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto('/interop/dhis2');
        await page.getByTestId('dhis2-page').getByText('Liên thông DHIS2').first().waitFor();
        await page.getByTestId('dhis2-period').click();
        await page.locator('.ant-select-item-option').filter({ hasText: /6 tháng đầu năm 2025/ }).click();
        await page.getByTestId('dhis2-unit').click();
        await page.keyboard.type('Gia Lai');
        await page.locator('.ant-select-item-option').filter({ hasText: 'Gia Lai' }).first().click();
        const preview = page.getByTestId('dhis2-preview');
        await preview.waitFor();
        assert.match(await preview.innerText(), /LG_BC_6THANG · 2025S1/);
        await page.getByTestId('dhis2-download-adx').waitFor();
        await noOverflow(page);
        await screenshot(page, 'dhis2-phone.png');
        assert.deepEqual(ctx.pageErrors, []);
        const admin = await loginPage(await newContext(browser, server.base), 'admin');
        await admin.setViewportSize({ width: 390, height: 844 });
        await admin.goto('/interop/dhis2');
        await admin.getByRole('tab', { name: 'Ánh xạ mã' }).click();
        await admin.getByTestId('dhis2-mappings').getByText('LG_BUDGET_ALLOCATED').first().waitFor();
        await admin.getByTestId('dhis2-base-url').waitFor();
        await noOverflow(admin);
        await screenshot(admin, 'dhis2-mappings-phone.png');
      });
    } finally {
      await ctx.close();
    }
  });
});
