// The list kit: a list page's filters, sort, page and page size live in the address, so a
// reload keeps them, back/forward step through them, and a shared link opens the same list —
// paged and sorted by the server as the address says.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectText, expectUrl, launchBrowser, loginPage, newContext, screenshot, startServer, withScreenshotOnFailure } from './harness.mjs';

const params = (page) => new URL(page.url()).searchParams;

describe('list pages keep their state in the address', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer('lists');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('activities: search and sort survive a reload and unwind with back', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      const page = await loginPage(ctx, 'tinh.gialai');
      await withScreenshotOnFailure('lists-activities', ctx, async () => {
        await page.setViewportSize({ width: 1366, height: 768 });
        await page.getByTestId('menu-activities').click();
        await expectUrl(page, /^\/activities$/);
        const total = page.getByTestId('activities-total');
        await expectText(total, /^\d/);
        const all = await total.innerText();

        const search = page.locator('input[data-testid="activities-search"]');
        await search.fill('tap huan');
        await search.press('Enter');
        await expectUrl(page, (u) => u.searchParams.get('q') === 'tap huan');
        await expectText(total, /^\d/);
        await page.waitForFunction((before) => document.querySelector('[data-testid="activities-total"]')?.textContent !== before, all);
        const found = await total.innerText();

        // Sorting by name: the address names it, the header shows it.
        await page.getByTestId('activities-table').locator('thead th', { hasText: 'Tên hoạt động' }).click();
        await expectUrl(page, (u) => u.searchParams.get('sort') === 'title');
        const th = page.getByTestId('activities-table').locator('thead th[aria-sort]');
        assert.match(await th.first().innerText(), /Tên hoạt động/);
        await page.getByTestId('filters-clear').waitFor();
        await page.screenshot({ path: await screenshot(page, 'lists-activities-1366.png').then((p) => p.replace('.png', '-viewport.png')) });

        // A reload shows the same list.
        await page.reload();
        await page.getByTestId('current-user').waitFor();
        assert.equal(await search.inputValue(), 'tap huan');
        await expectText(total, found);
        assert.equal(params(page).get('sort'), 'title');
        assert.equal(await th.first().getAttribute('aria-sort'), 'ascending');

        // Back undoes the sort, then the search.
        await page.goBack();
        await expectUrl(page, (u) => u.searchParams.get('q') === 'tap huan' && !u.searchParams.has('sort'));
        await page.goBack();
        await expectUrl(page, (u) => u.pathname === '/activities' && u.search === '');
        await expectText(total, all);
        assert.equal(await search.inputValue(), '');
        assert.equal(await page.getByTestId('filters-clear').count(), 0, 'no "clear filters" without a filter');
      });
    } finally {
      await ctx.close();
    }
  });

  test('agencies: a shared link opens the page, size and order it names, as the server answers them', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      const page = await loginPage(ctx, 'tinh.gialai');
      await withScreenshotOnFailure('lists-agencies', ctx, async () => {
        await page.setViewportSize({ width: 1366, height: 768 });
        await page.goto('/agencies?sort=-name&pageSize=20&page=2');
        const table = page.getByTestId('agencies-table');
        await table.locator('tbody tr.ant-table-row').first().waitFor();
        const expected = await page.evaluate(async () => {
          const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
          const r = await fetch(`/api/agencies?asOf=${today}&sort=-name&page=2&pageSize=20`);
          return r.json();
        });
        assert.ok(expected.total > 20, `enough agencies for a second page (${expected.total})`);
        await expectText(table.locator('tbody tr.ant-table-row').first(), expected.items[0].name);
        assert.equal(await table.locator('tbody tr.ant-table-row').count(), expected.items.length);
        await expectText(page.locator('.ant-pagination-item-active'), '2');
        assert.equal(await table.locator('thead th[aria-sort]').first().getAttribute('aria-sort'), 'descending');
        await page.screenshot({ path: await screenshot(page, 'lists-agencies-1366.png').then((p) => p.replace('.png', '-viewport.png')) });

        // Paging back: page 1 is the default, so it leaves the address; the order stays.
        await page.locator('.ant-pagination-prev').click();
        await expectUrl(page, (u) => !u.searchParams.has('page') && u.searchParams.get('sort') === '-name');
        const first = await page.evaluate(async () => {
          const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
          return (await (await fetch(`/api/agencies?asOf=${today}&sort=-name&page=1&pageSize=20`)).json()).items[0].name;
        });
        await expectText(table.locator('tbody tr.ant-table-row').first(), first);
        await page.goBack();
        await expectUrl(page, (u) => u.searchParams.get('page') === '2');
        // A filter change goes back to page 1.
        await page.locator('input[data-testid="agency-filter-text"]').fill('xã');
        await page.locator('input[data-testid="agency-filter-text"]').press('Enter');
        await expectUrl(page, (u) => u.searchParams.get('q') === 'xã' && !u.searchParams.has('page') && u.searchParams.get('pageSize') === '20');
      });
    } finally {
      await ctx.close();
    }
  });
});
