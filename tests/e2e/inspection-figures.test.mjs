// Issue 17 §5: the dashboard's "Kiểm tra cơ sở kinh doanh dịch vụ" — coverage against the active
// plan's target, inspections, violations per 100, fines (1.234.567 đ), repeat violators, the
// businesses by type and status — for a role with inspections.read (Gia Lai's province officer, on
// the demo's inspections), the map's coverage layer per commune, absent for a role without
// (xem.gialai); on a desktop and a phone (390 px, no horizontal scroll).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, loginPage, newContext, SCREENSHOTS, startServer, withScreenshotOnFailure } from './harness.mjs';

const vnNumber = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

describe('inspection figures on the dashboard', () => {
  let server, browser;
  before(async () => {
    server = await startServer('inspection-figures');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('tinh.gialai sees the figures of the API and the coverage map; xem.gialai does not', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('inspection-figures', ctx, async () => {
        const page = await loginPage(ctx, 'tinh.gialai');
        await page.goto('/dashboard');
        const panel = page.getByTestId('inspection-figures-panel');
        await panel.waitFor();
        const api = await page.evaluate(async () => {
          const y = new Date().getFullYear();
          return (await fetch(`/api/inspection-figures?orgUnit=52&year=${y}`)).json();
        });
        assert.ok(api.figures.businesses > 0, 'the demo registry of Gia Lai');
        await panel.getByTestId('insp-fines').getByText(`${vnNumber(api.figures.fines)} đ`).waitFor();
        await panel.getByTestId('insp-inspections').getByText(vnNumber(api.figures.inspections), { exact: true }).waitFor();
        const target = await panel.getByTestId('insp-target').innerText();
        if (api.plan?.coverageTargetPct != null) assert.match(target, new RegExp(`Chỉ tiêu kế hoạch: ${api.plan.coverageTargetPct} %`));
        else assert.match(target, /Chưa có kế hoạch/);
        await panel.getByTestId('echart-insp-types').locator('canvas').first().waitFor();
        await page.waitForTimeout(600);
        await panel.screenshot({ path: join(SCREENSHOTS, 'inspection-figures-panel.png') });

        // the map's coverage layer
        await page.getByTestId('dash-map-measure').click();
        // the list is virtual: scroll it until the layer is rendered (the last options)
        const option = page.locator('.ant-select-item-option').filter({ hasText: 'Tỷ lệ cơ sở được kiểm tra (%)' });
        for (let i = 0; i < 20 && (await option.count()) === 0; i++) {
          await page.locator('.ant-select-dropdown .rc-virtual-list-holder').hover();
          await page.mouse.wheel(0, 300);
          await page.waitForTimeout(100);
        }
        await option.click();
        await page.getByTestId('chart-map').getByText('Bản đồ: Tỷ lệ cơ sở được kiểm tra (%)').waitFor();
        await page.waitForTimeout(600);
        await page.getByTestId('chart-map').screenshot({ path: join(SCREENSHOTS, 'inspection-figures-map.png') });

        // a phone: no horizontal scroll
        await page.setViewportSize({ width: 390, height: 844 });
        await page.waitForTimeout(500);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `no horizontal scroll at 390 px (${overflow})`);
        const box = await panel.boundingBox();
        assert.ok(box && box.width <= 390, `the panel fits the phone (${box?.width})`);
        await panel.screenshot({ path: join(SCREENSHOTS, 'inspection-figures-panel-phone.png') });

        const xem = await loginPage(await newContext(browser, server.base), 'xem.gialai');
        await xem.goto('/dashboard');
        await xem.getByTestId('dashboard-page').waitFor();
        assert.equal(await xem.getByTestId('inspection-figures-panel').count(), 0, 'no inspections.read, no panel');
      });
    } finally {
      await ctx.close();
    }
  });
});
