// Issue 17 §1: the service business registry on a phone (390 px): the inspection team of Gia Lai
// finds a demo business ignoring diacritics, edits its worker counts, suspends it with a reason
// and reads the dated history; a commune officer reads without write buttons; no horizontal scroll.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectText, launchBrowser, loginPage, newContext, screenshot, startServer, todayVN, withScreenshotOnFailure } from './harness.mjs';

describe('service business registry', () => {
  let server, browser;
  before(async () => {
    server = await startServer('businesses');
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

  test('the inspection team searches, edits and suspends a business at 390 px', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('businesses', ctx, async () => {
        const page = await loginPage(ctx, 'doikiemtra.gialai');
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto('/businesses');
        const list = page.getByTestId('businesses-table');
        await list.getByText('Karaoke Ngôi Sao').first().waitFor();
        await noOverflow(page);
        await screenshot(page, 'businesses-phone.png');
        await page.getByTestId('businesses-search').fill('ngoi sao');
        await page.getByTestId('businesses-search').press('Enter');
        await page.waitForFunction(() => !document.body.innerText.includes('Bar Đêm Trắng'));
        await list.getByText('Karaoke Ngôi Sao').first().waitFor();

        await list.getByTestId('business-edit').first().click();
        const female = page.getByTestId('business-female');
        await female.fill('9');
        await page.getByTestId('business-save').click();
        await list.getByText(/9 nữ/).first().waitFor();

        await list.getByTestId('business-status').first().click();
        await page.getByTestId('business-new-status').click();
        await page.locator('.ant-select-item-option').filter({ hasText: 'Tạm đình chỉ' }).click();
        await page.getByTestId('business-reason').fill('Vi phạm phát hiện khi kiểm tra liên ngành');
        await page.getByTestId('business-status-save').click();
        await list.getByText(/Tạm đình chỉ/).first().waitFor();

        await list.getByTestId('business-history').first().click();
        const history = page.getByTestId('business-history-list');
        await history.getByText(/Vi phạm phát hiện khi kiểm tra liên ngành/).waitFor();
        assert.match(await history.innerText(), /Đang hoạt động/);
        await noOverflow(page);
        await screenshot(page, 'businesses-history-phone.png');
        assert.deepEqual(ctx.pageErrors, []);
      });
    } finally {
      await ctx.close();
    }
  });

  test('a commune officer reads the registry without write buttons', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('businesses-commune', ctx, async () => {
        const page = await loginPage(ctx, 'xa.gialai');
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto('/businesses');
        await page.getByTestId('businesses-table').getByText('Bar Đêm Trắng').first().waitFor();
        assert.equal(await page.getByTestId('businesses-new').count(), 0);
        assert.equal(await page.getByTestId('business-edit').count(), 0);
        await noOverflow(page);
      });
    } finally {
      await ctx.close();
    }
  });
  test('the import screen: a file with errors shows them per row and writes nothing; a clean file is validated, then committed', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('businesses-import', ctx, async () => {
        const page = await loginPage(ctx, 'doikiemtra.gialai');
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto('/businesses');
        await page.getByTestId('businesses-import').click();
        const panel = page.getByTestId('businesses-import-panel');
        const header = 'Loại hình,Tên cơ sở,Địa chỉ,Mã xã,Ngày mã xã,Chủ cơ sở,Người ANTT,Số GCN,Ngày cấp,Nơi cấp,Giấy phép,Ngày báo CA,Nữ,Nam';
        const good = [`karaoke,Karaoke Nhập Tệp,3 Lê Lợi,21583,${todayVN().iso},Chủ A,Chủ A,GCN-1,02/01/2026,CA Gia Lai,GP-1,03/01/2026,3,1`];
        const file = (rows) => ({ name: 'co-so.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) });
        await page.getByTestId('businesses-import-panel-file').setInputFiles(file([...good, `casino,,5 Lê Lợi,21583,${todayVN().iso},,,,,,,,-1,x`]));
        await expectText(page.getByTestId('businesses-import-panel-invalid'), 'chưa ghi gì');
        await expectText(page.getByTestId('businesses-import-panel-errors'), '3');
        await noOverflow(page);
        await screenshot(page, 'businesses-import-errors-phone.png');
        await page.getByTestId('businesses-import-panel-file').setInputFiles(file(good));
        await expectText(page.getByTestId('businesses-import-panel-valid'), '1 dòng');
        await page.getByTestId('businesses-import-panel-commit').click();
        await expectText(page.getByTestId('businesses-import-panel-done'), 'Đã nhập 1 dòng');
        await noOverflow(page);
        await screenshot(page, 'businesses-import-done-phone.png');
        await page.keyboard.press('Escape');
        await page.getByTestId('businesses-search').fill('karaoke nhap tep');
        await page.getByTestId('businesses-search').press('Enter');
        await page.getByTestId('businesses-table').getByText('Karaoke Nhập Tệp').first().waitFor();
      });
    } finally {
      await ctx.close();
    }
  });
});
