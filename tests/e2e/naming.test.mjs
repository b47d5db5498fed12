// Issue 15, "every label is a name": official period names in both languages, the pivot opened
// from the dashboard names its unit, no timings in its footer, the work of units abolished by the
// 07/2025 reorganisation is named (not "Khác"), indicators name a zero denominator and use the
// wording after the reform, the audit log names its records, and a province without commune
// boundaries gets its outline (when the reference data gives the demo one) and a hint how to add
// them. Desktop 1366×768 and a 390×844 phone.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import {
  expectNoText,
  expectText,
  launchBrowser,
  loginPage,
  newContext,
  SCREENSHOTS,
  startServer,
  withScreenshotOnFailure,
} from './harness.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED_DATA = process.env.LONGGHEP_SHARED_DATA || resolve(REPO, '..', 'shared', 'data');
const HAVE_GEO = existsSync(join(SHARED_DATA, 'geo', 'provinces-2025'));
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

async function shot(page, name, fullPage = true) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, name), fullPage, animations: 'disabled' });
}

async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'), null, { timeout: 15_000 });
  await page.waitForTimeout(200);
}

async function setLang(page, lang) {
  await page.evaluate((l) => window.localStorage.setItem('longghep.lang', l), lang);
  await page.reload();
  await page.getByTestId('current-user').waitFor();
}

describe('every label is a name (issue 15)', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer('naming');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('province officer: dashboard periods, former units, map fallback, pivot by name; indicators', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('naming-province', ctx, async () => {
        const page = await loginPage(ctx, 'tinh.gialai');
        await page.setViewportSize(DESKTOP);
        await page.goto('/dashboard');
        await settle(page);
        // Period names in the official style: the report card's title and picker.
        await expectText(page.getByTestId('dash-period'), /^6 tháng (đầu|cuối) năm \d{4}$/);
        await expectText(page.getByTestId('chart-area'), 'Đơn vị trước sắp xếp (07/2025)');
        await expectText(page.getByTestId('dash-former-units-note'), 'sắp xếp đơn vị hành chính 07/2025');
        // The demo has no commune boundaries: the hint says how to add them; with the reference
        // data the demo loads province outlines and the map draws Gia Lai's.
        await expectText(page.getByTestId('map-outline-hint'), 'Ranh giới bản đồ');
        if (HAVE_GEO) {
          await expectText(page.getByTestId('map-outline-hint'), 'đang vẽ theo ranh giới tỉnh');
          await page.getByTestId('echart-map').waitFor();
        }
        await shot(page, 'naming-dashboard-vi.png');

        // "Chi tiết" / the pivot link opens the pivot with the unit by name, never "52".
        await page.getByTestId('dash-open-pivot').click();
        await page.waitForURL(/\/analytics\/pivot/);
        await settle(page);
        await expectText(page.getByTestId('pivot-org-unit'), 'Gia Lai (52)');
        const info = await expectText(page.getByTestId('pivot-info'), 'bản ghi hoạt động');
        assert.doesNotMatch(info, /\bms\b/, `no timings in the footer: ${info}`);
        await expectText(page.locator('.ant-table-thead'), 'Năm 2026');
        await shot(page, 'naming-pivot-vi.png', false);

        // Indicators: the wording after the reform; a zero denominator is named.
        await page.goto('/indicators');
        await settle(page);
        const table = page.locator('.ant-table').first();
        await expectText(table, 'xã, phường, đặc khu');
        await expectNoText(table, 'thị trấn');
        const fractions = await page.locator('[data-testid^="fraction-"]').allInnerTexts();
        assert.ok(fractions.length > 0, 'the fractions column is shown');
        for (const f of fractions) assert.doesNotMatch(f, /\/ 0$/, `a bare "/ 0": ${fractions.join(' | ')}`);
        assert.ok(fractions.some((f) => f.includes('chưa có mẫu số')), `the demo has a zero denominator: ${fractions.join(' | ')}`);
        await shot(page, 'naming-indicators-vi.png');

        // English: period names and report headings are English.
        await page.goto('/reports');
        await setLang(page, 'en');
        await settle(page);
        await expectText(page.getByTestId('report-period-select'), /(First|Second) half of \d{4}/);
        await expectText(page.locator('main, body').first(), '1. Information, communication and education');
        await expectNoText(page.getByTestId('report-period-select'), 'tháng');
        await shot(page, 'naming-reports-en.png', false);
        await page.goto('/dashboard');
        await settle(page);
        await expectText(page.getByTestId('dash-period'), /(First|Second) half of \d{4}/);
        await expectText(page.getByTestId('chart-area'), 'Units before the 07/2025 reorganisation');
        await shot(page, 'naming-dashboard-en.png', false);

        // A phone: the dashboard with its hint and notes is no wider than the screen.
        await setLang(page, 'vi');
        await page.setViewportSize(PHONE);
        await settle(page);
        await page.getByTestId('map-outline-hint').waitFor();
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= PHONE.width, `the dashboard is ${width} px wide on a phone`);
        await shot(page, 'naming-dashboard-phone.png');
      });
    } finally {
      await ctx.close();
    }
  });

  test('admin: the audit log names its records', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('naming-audit', ctx, async () => {
        const page = await loginPage(ctx, 'admin');
        await page.setViewportSize(DESKTOP);
        await page.goto('/audit');
        await settle(page);
        const records = await page.getByTestId('audit-record').allInnerTexts();
        assert.ok(records.length > 10, 'audit rows are shown');
        const bare = records.filter((r) => /^#?\S+$/.test(r.trim()));
        assert.deepEqual(bare, [], 'no record is named by a bare id');
        // Filtered to plans: named by their titles.
        await page.goto('/audit?entity=integration_plan');
        await settle(page);
        await expectText(page.getByTestId('audit-record'), 'Kế hoạch');
        await shot(page, 'naming-audit-vi.png', false);
        // A target is named by its indicator, not by its code.
        await page.goto('/audit?entity=indicator_target');
        await settle(page);
        await expectText(page.getByTestId('audit-record'), /^Tỷ lệ .+ — chỉ tiêu năm \d{4}/);
      });
    } finally {
      await ctx.close();
    }
  });
});
