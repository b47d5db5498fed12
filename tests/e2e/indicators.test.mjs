// Indicators in the browser (docs/api-indicators.md): the ministry officer opens "Chỉ tiêu" for
// 2025 and sees the national targets with coloured statuses and the provinces' scorecard; the
// province officer of Gia Lai sets the province's own target inline and the status follows it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectText, expectUrl, launchBrowser, loginPage, newContext, screenshot, startServer, withScreenshotOnFailure } from './harness.mjs';

async function getJson(page, url) {
  const r = await page.request.get(url);
  assert.equal(r.status(), 200, `GET ${url}: ${r.status()} ${await r.text()}`);
  return r.json();
}

const STATUS_VI = { green: 'Đạt', amber: 'Gần đạt', red: 'Chưa đạt', grey: 'Chưa đánh giá' };

describe('indicators: results against targets, the scorecard, a target set inline', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer('indicators');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the ministry sees the provinces against the national targets; a province sets its own target', async () => {
    const ministry = await newContext(browser, server.base);
    const province = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('indicators-ministry', ministry, async () => {
        const page = await loginPage(ministry, 'bo');
        await page.getByTestId('menu-indicators').click();
        await expectUrl(page, /^\/indicators/);
        await page.goto('/indicators?orgUnit=VN&year=2025');
        const api = await getJson(page, '/api/indicators/results?orgUnit=VN&year=2025');
        for (const r of api.items) {
          await expectText(page.getByTestId(`status-${r.code}`), STATUS_VI[r.status], { message: r.code });
        }
        const communes = api.items.find((r) => r.code === 'communes_communication');
        await expectText(page.getByTestId('target-communes_communication'), '70%');
        await expectText(page.getByTestId('value-communes_communication'), `${String(communes.value).replace('.', ',')}%`);
        const card = await getJson(page, '/api/indicators/scorecard?orgUnit=VN&year=2025');
        const first = card.units[0];
        const cell = page.getByTestId(`cell-${first.orgUnit.code}-communes_communication`);
        await cell.waitFor();
        assert.equal(await cell.getAttribute('data-status'), first.results.find((c) => c.code === 'communes_communication').status);
        await screenshot(page, 'indicators-ministry-2025.png');
      });

      await withScreenshotOnFailure('indicators-province', province, async () => {
        const page = await loginPage(province, 'tinh.gialai');
        await page.goto('/indicators?orgUnit=52&year=2025');
        const api = await getJson(page, '/api/indicators/results?orgUnit=52&year=2025');
        const r = api.items.find((x) => x.code === 'communes_communication');
        assert.ok(r.value !== null && r.value > 0, 'Gia Lai has a value for 2025');
        // a target equal to the value: met, green; the target is now the province's own
        await page.getByTestId('target-open-communes_communication').click();
        const input = page.getByTestId('target-input-communes_communication');
        await input.fill(String(Math.min(100, r.value)).replace('.', ','));
        await page.getByTestId('target-save-communes_communication').click();
        await expectText(page.getByTestId('status-communes_communication'), 'Đạt');
        await page.getByTestId('target-remove-communes_communication').waitFor();
        const now = await getJson(page, '/api/indicators/results?orgUnit=52&year=2025');
        const mine = now.items.find((x) => x.code === 'communes_communication');
        assert.equal(mine.targetFrom.code, '52');
        assert.equal(mine.status, 'green');
        await screenshot(page, 'indicators-province-target.png');
      });
    } finally {
      await ministry.close();
      await province.close();
    }
  });
});
