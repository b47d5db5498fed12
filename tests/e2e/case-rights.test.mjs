// The person's rights on screen (issue 16 §6), on a phone (390×844): the supervisor opens a record
// of Gia Lai, downloads the person's data (JSON), anonymises the record with a reason and a
// confirmation; the record then says it is anonymised and offers no reveal.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectText, launchBrowser, loginPage, newContext, screenshot, startServer, withScreenshotOnFailure } from './harness.mjs';

const PHONE = { width: 390, height: 844 };

describe("the person's rights from the screen (issue 16 §6)", () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer('case-rights');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the supervisor exports the data and anonymises a record on a phone', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('case-rights-01', ctx, async () => {
        const page = await loginPage(ctx, 'gs.gialai');
        await page.setViewportSize(PHONE);
        const list = await page.evaluate(async () => (await (await fetch('/api/cases?sort=-code', { credentials: 'same-origin' })).json()).items);
        const rec = list.find((c) => c.supervisor?.username === 'gs.gialai' && c.status !== 'anonymised');
        assert.ok(rec, 'a record supervised by gs.gialai');
        await page.goto(`/cases/${rec.id}`);
        await page.getByTestId('case-reveal').waitFor();
        await page.getByRole('tab', { name: 'Quyền của người được hỗ trợ' }).click();
        const panel = page.getByTestId('case-rights');
        await panel.waitFor();
        const download = page.waitForEvent('download');
        await page.getByTestId('case-rights-json').click();
        assert.match((await download).suggestedFilename(), new RegExp(`^ho-so-${rec.code}\\.json$`));
        await page.getByTestId('case-rights-anonymise').click();
        await page.getByTestId('case-rights-anonymise-reason').waitFor();
        const submit = page.getByTestId('case-rights-anonymise-submit');
        assert.equal(await submit.isDisabled(), true, 'nothing happens without a reason and the confirmation');
        await page.getByTestId('case-rights-anonymise-reason').fill('Người được hỗ trợ yêu cầu xóa dữ liệu');
        assert.equal(await submit.isDisabled(), true, 'the confirmation is still needed');
        await page.getByTestId('case-rights-anonymise-sure').check();
        await screenshot(page, 'case-rights-01-anonymise-phone.png');
        await submit.click();
        await page.getByTestId('case-rights-anonymised').waitFor();
        await expectText(page.getByTestId('case-rights-anonymised'), 'ẩn danh');
        assert.equal(await page.getByTestId('case-reveal').count(), 0, 'no reveal on an anonymised record');
        const w = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(w <= PHONE.width, `the page is ${w} px wide on a 390 px screen`);
        await screenshot(page, 'case-rights-02-anonymised-phone.png');
      });
    } finally {
      await ctx.close();
    }
  });
});
