// Issue 18 §5: the dashboard's "Phân loại xã, phường lành mạnh" — communes per class (approved),
// the share classified healthy, the decision's downloads for the province — and the map layer
// "communes coloured by class" with its legend, for Gia Lai's province officer; five communes are
// assessed and approved through the real API first; on a desktop and a phone (390 px, no
// horizontal scroll). A role without classification.read (congan.gialai) has no panel.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, loginPage, newContext, noWiderThan, SCREENSHOTS, startServer, withScreenshotOnFailure } from './harness.mjs';

/** A JSON call from inside the signed-in page (its cookie and CSRF token). */
async function call(page, method, path, body) {
  return page.evaluate(async ([method, path, body]) => {
    const me = await (await fetch('/api/me')).json();
    const r = await fetch(path, {
      method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken }, body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) throw new Error(`${method} ${path} ${r.status}: ${await r.text()}`);
    return r.json();
  }, [method, path, body]);
}

/** Assesses (page) then checks and approves (checker: a second person) a commune with every
 * criterion met (healthy) or none (focus). */
async function approve(page, checker, code, year, healthy) {
  let a = await call(page, 'POST', '/api/classification/assessments', { communeCode: code, year });
  const items = a.items.map((it) => ({ key: it.criterionKey, score: healthy ? (it.kind === 'points' ? it.maxPoints : 1) : 0 }));
  a = await call(page, 'PUT', `/api/classification/assessments/${a.id}`, {
    version: a.version, summary: '', items: items.map((x) => ({ criterionKey: x.key, selfScore: x.score, selfNote: 'Đối chiếu hồ sơ' })),
  });
  a = await call(page, 'POST', `/api/classification/assessments/${a.id}/submit`, { version: a.version });
  a = await call(checker, 'PUT', `/api/classification/assessments/${a.id}/check`, {
    version: a.version, items: items.map((x) => ({ criterionKey: x.key, checkScore: x.score, checkComment: '' })),
  });
  return call(checker, 'POST', `/api/classification/assessments/${a.id}/approve`, { version: a.version });
}

describe('classification figures on the dashboard', () => {
  let server, browser;
  before(async () => {
    server = await startServer('classification-figures');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('tinh.gialai sees the classes, % healthy, the decision downloads and the class map; phone-safe', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('classification-figures', ctx, async () => {
        const admin = await loginPage(ctx, 'admin');
        const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).slice(0, 4));
        const before = await call(admin, 'GET', `/api/classification/figures?scope=52&year=${year}`);
        const free = before.units.filter((u) => u.status === 'not_started' && u.unit.code !== '21583').slice(0, 5);
        const checkerCtx = await newContext(browser, server.base);
        const checker = await loginPage(checkerCtx, 'tinh.gialai');
        for (const [i, u] of free.entries()) await approve(admin, checker, u.unit.code, year, i < 3);
        await checkerCtx.close();
        // the demo has no commune boundaries: a grid of squares, one per commune of Gia Lai, so the
        // layer has communes to colour
        const features = before.units.map((u, i) => {
          const x = 107.6 + (i % 4) * 0.3, y = 14.4 - Math.floor(i / 4) * 0.3;
          return { type: 'Feature', properties: { code: u.unit.code, name: u.unit.name },
            geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.29, y], [x + 0.29, y - 0.29], [x, y - 0.29], [x, y]]] } };
        });
        await admin.evaluate(async (fc) => {
          const me = await (await fetch('/api/me')).json();
          const r = await fetch('/api/boundaries?level=commune&filename=test-grid.geojson', {
            method: 'POST', headers: { 'Content-Type': 'application/geo+json', 'X-CSRF-Token': me.csrfToken }, body: JSON.stringify(fc),
          });
          if (!r.ok) throw new Error(`boundaries ${r.status}: ${await r.text()}`);
        }, { type: 'FeatureCollection', features });

        const page = await loginPage(await newContext(browser, server.base), 'tinh.gialai');
        await page.goto('/dashboard');
        const panel = page.getByTestId('classification-figures-panel');
        await panel.waitFor();
        const api = await call(page, 'GET', `/api/classification/figures?scope=52&year=${year}`);
        assert.equal(api.approved, before.approved + 5);
        const pct = `${String(api.healthyPct).replace('.', ',')} %`;
        await panel.getByTestId('clf-healthy-pct').getByText(pct).waitFor();
        await panel.getByTestId('clf-approved').getByText(String(api.approved), { exact: true }).waitFor();
        await panel.getByTestId('echart-clf-classes').locator('canvas').first().waitFor();
        const docx = await panel.getByTestId('clf-decision-docx').getAttribute('href');
        assert.equal(docx, `/api/classification/decision?province=52&year=${year}&format=docx`);
        await page.waitForTimeout(600);
        await panel.screenshot({ path: join(SCREENSHOTS, 'classification-figures-panel.png') });

        // the map layer: communes coloured by class
        await page.getByTestId('dash-map-measure').click();
        const option = page.locator('.ant-select-item-option').filter({ hasText: 'Xã, phường theo kết quả phân loại' });
        for (let i = 0; i < 30 && (await option.count()) === 0; i++) {
          await page.locator('.ant-select-dropdown .rc-virtual-list-holder').hover();
          await page.mouse.wheel(0, 300);
          await page.waitForTimeout(100);
        }
        await option.click();
        await page.getByTestId('chart-map').getByText('Bản đồ: Xã, phường theo kết quả phân loại').waitFor();
        const classified = api.units.filter((u) => u.finalClass).length;
        await page.waitForFunction((n) => document.querySelector('[data-testid="echart-map"]')?.getAttribute('data-coloured') === String(n), classified);
        assert.equal(await page.getByTestId('echart-map').getAttribute('data-areas'), String(api.communes), 'one area per commune');
        await page.waitForTimeout(800);
        await page.getByTestId('chart-map').screenshot({ path: join(SCREENSHOTS, 'classification-figures-map.png') });

        await page.setViewportSize({ width: 390, height: 844 });
        await noWiderThan(page, 390, 'the dashboard with the classification panel');
        const box = await panel.boundingBox();
        assert.ok(box && box.width <= 390, `the panel fits the phone (${box?.width})`);
        await panel.screenshot({ path: join(SCREENSHOTS, 'classification-figures-panel-phone.png') });
        await page.getByTestId('chart-map').screenshot({ path: join(SCREENSHOTS, 'classification-figures-map-phone.png') });

        const police = await loginPage(await newContext(browser, server.base), 'congan.gialai');
        await police.goto('/');
        await police.waitForTimeout(1000);
        assert.equal(await police.getByTestId('classification-figures-panel').count(), 0, 'no classification.read, no panel');
      });
    } finally {
      await ctx.close();
    }
  });
});
