// Issue 6 journey: the ministry officer's dashboard and the pivot (docs/api-analytics.md,
// docs/api-boundaries.md). `bo` signs in and lands on the dashboard; its figures are the API's
// own; the map colours the provinces; a pivot is rearranged (rows → province, columns → year) and
// exported, and the download is a real .xlsx holding the table.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import {
  expectText,
  expectUrl,
  launchBrowser,
  loginPage,
  newContext,
  SCREENSHOTS,
  screenshot,
  startServer,
  submitLogin,
  todayVN,
  withScreenshotOnFailure,
} from './harness.mjs';
import { unzip } from '../api/harness.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED_DATA = process.env.LONGGHEP_SHARED_DATA || resolve(REPO, '..', 'shared', 'data');
const HAVE_GEO = existsSync(join(SHARED_DATA, 'geo', 'provinces-2025'));

/** 1234567 → "1.234.567" (the UI's number format). */
const vn = (n) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** POST /api/analytics/pivot from inside the signed-in page (its cookie and CSRF token). */
async function pivot(page, body) {
  return page.evaluate(async (b) => {
    const me = await (await fetch('/api/me')).json();
    const r = await fetch('/api/analytics/pivot', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken }, body: JSON.stringify(b),
    });
    if (!r.ok) throw new Error(`pivot ${r.status}: ${await r.text()}`);
    return r.json();
  }, body);
}

describe('dashboard and pivot (ministry officer)', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer('dashboard');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('bo lands on my work, opens the dashboard; figures equal the API; the map is coloured; a pivot is rearranged and exported', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      const page = await ctx.newPage();
      await withScreenshotOnFailure('dashboard', ctx, async () => {
        await page.goto('/login');
        await submitLogin(page, 'bo');
        // every role lands on "Việc của tôi" (issue 15); the dashboard is one click away
        await expectUrl(page, /^\/my-work/);
        await page.getByTestId('menu-dashboard').click();
        await expectUrl(page, /^\/dashboard/);
        await page.getByTestId('dashboard-page').waitFor();

        // The dashboard's figures are the pivot's: the caller's home (VN), 2021 to this year.
        const year = todayVN().iso.slice(0, 4);
        const filters = { from: '2021-01-01', to: `${year}-12-31`, orgUnit: 'VN' };
        const reached = await pivot(page, { measure: 'reached', rows: [], columns: ['quarter'], filters });
        const activities = await pivot(page, { measure: 'activities', rows: [], columns: [], filters });
        assert.ok(reached.total > 1000, `the demo reached people (${reached.total})`);
        await expectText(page.getByTestId('kpi-reached'), vn(reached.total));
        await expectText(page.getByTestId('kpi-activities'), vn(activities.total));
        for (const id of ['echart-trend', 'echart-type', 'echart-group', 'echart-area'])
          await page.getByTestId(id).locator('canvas').first().waitFor();
        await expectText(page.getByTestId('chart-completeness'), /Đầy đủ|Completeness|Không có dữ liệu|No data/);

        // The map: 34 provinces, those with people reached coloured.
        if (HAVE_GEO) {
          const map = page.getByTestId('echart-map');
          await map.locator('canvas').first().waitFor();
          const byProvince = await pivot(page, { measure: 'reached', rows: ['province'], columns: [], filters });
          const withPeople = byProvince.rowKeys.filter((k, i) => k[0] !== null && byProvince.rowTotals[i] > 0).length;
          assert.ok(withPeople >= 3, `the demo has people reached in several provinces (${withPeople})`);
          await page.waitForFunction(
            (n) => document.querySelector('[data-testid="echart-map"]')?.getAttribute('data-coloured') === String(n),
            withPeople,
            { timeout: 15_000 },
          );
          assert.equal(await map.getAttribute('data-areas'), '34');
          await page.waitForTimeout(800); // the map's entry animation
          await screenshot(page, 'dashboard-bo.png');
          await map.screenshot({ path: join(SCREENSHOTS, 'dashboard-map.png') });
        } else {
          console.log(`# ${SHARED_DATA}/geo not found: the map shows its empty state`);
          await page.getByTestId('map-empty').waitFor();
          await screenshot(page, 'dashboard-bo.png');
        }
        // The scorecard: the 34 provinces (and the whole country) against targets, status colours
        // equal to the API's.
        const card = await page.evaluate(async (y) => (await fetch(`/api/indicators/scorecard?orgUnit=VN&year=${y}`)).json(), year);
        assert.equal(card.units.length, 34, 'the scorecard lists the 34 provinces');
        await page.getByTestId('scorecard-table').waitFor();
        const ind = card.indicators.find((d) => d.code === 'communes_communication') ?? card.indicators[0];
        for (const u of card.units.slice(0, 5)) {
          const cell = u.results.find((r) => r.code === ind.code);
          assert.equal(await page.getByTestId(`score-${u.orgUnit.code}-${ind.code}`).getAttribute('data-status'), cell.status);
        }
        // The map coloured by that indicator: the provinces with a value above 0.
        if (HAVE_GEO) {
          await page.getByTestId('dash-map-measure').click();
          await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: ind.name }).first().click();
          const withValue = card.units.filter((u) => (u.results.find((r) => r.code === ind.code)?.value ?? 0) > 0).length;
          assert.ok(withValue >= 1, `some province has a value of ${ind.code}`);
          await page.waitForFunction(
            (n) => document.querySelector('[data-testid="echart-map"]')?.getAttribute('data-coloured') === String(n),
            withValue,
            { timeout: 15_000 },
          );
          await page.waitForTimeout(800);
          await page.getByTestId('echart-map').screenshot({ path: join(SCREENSHOTS, 'dashboard-map-indicator.png') });
        }
        await page.getByTestId('scorecard').screenshot({ path: join(SCREENSHOTS, 'dashboard-scorecard.png') });

        // The pivot: start from target group × quarter, then rows → province, columns → year.
        await page.goto('/analytics/pivot?measure=reached&rows=targetGroup&cols=quarter', { waitUntil: 'domcontentloaded' });
        await page.getByTestId('pivot-page').waitFor();
        await page.getByTestId('pivot-grand-total').waitFor();
        const rows = page.getByTestId('pivot-rows');
        await rows.locator('.ant-select-selection-item-remove').first().click();
        await rows.click();
        await page.getByTestId('pivot-rows-opt-province').click();
        await page.keyboard.press('Escape');
        const cols = page.getByTestId('pivot-columns');
        await cols.locator('.ant-select-selection-item-remove').first().click();
        await cols.click();
        await page.getByTestId('pivot-columns-opt-year').click();
        await page.keyboard.press('Escape');
        // the address keeps the pivot (history.replaceState: no navigation event, so poll it)
        await page.waitForFunction(() => {
          const u = new URL(location.href);
          return u.searchParams.get('rows') === 'province' && u.searchParams.get('cols') === 'year';
        }, null, { timeout: 15_000 }).catch(() => assert.fail(`the address keeps the pivot: ${page.url()}`));

        const expected = await pivot(page, { measure: 'reached', rows: ['province'], columns: ['year'], filters: { from: '2021-01-01', to: `${year}-12-31` } });
        await expectText(page.getByTestId('pivot-grand-total'), vn(expected.total));
        const table = page.getByTestId('pivot-table');
        await expectText(table, 'Gia Lai');
        await expectText(table, '2024');
        // the state survives a reload
        await page.reload();
        await expectText(page.getByTestId('pivot-grand-total'), vn(expected.total));
        await screenshot(page, 'pivot-province-year.png');

        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pivot-export').click()]);
        const chunks = [];
        for await (const chunk of await download.createReadStream()) chunks.push(chunk);
        const bytes = Buffer.concat(chunks);
        assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx is a ZIP package');
        assert.match(download.suggestedFilename(), /\.xlsx$/);
        const files = unzip(bytes);
        assert.ok(files.has('xl/workbook.xml'), `workbook in ${[...files.keys()]}`);
        const text = [...files.entries()].filter(([n]) => n.startsWith('xl/')).map(([, b]) => b.toString('utf8')).join('\n');
        assert.match(text, /Gia Lai/, 'the export holds the province rows');
        assert.match(text, /2024/, 'and the year columns');
      });
    } finally {
      await ctx.close();
    }
  });

  test('the administrator uploads a GeoJSON boundary file in the UI: matched by code, reported', { skip: !HAVE_GEO && 'no ../shared/data/geo' }, async () => {
    const ctx = await newContext(browser, server.base);
    try {
      const page = await loginPage(ctx, 'admin');
      await withScreenshotOnFailure('boundaries-upload', ctx, async () => {
        await page.goto('/boundaries', { waitUntil: 'domcontentloaded' });
        await page.getByTestId('boundaries-page').waitFor();
        await page.locator('[data-testid="boundaries-page"] input[type="file"]').setInputFiles(join(SHARED_DATA, 'geo', 'provinces-2025', '52_gia_lai.geojson'));
        await expectText(page.getByTestId('geo-matched'), '1');
        await screenshot(page, 'boundaries-upload.png');
      });
    } finally {
      await ctx.close();
    }
  });
});
