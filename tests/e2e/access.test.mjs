// Journeys 1, 5 and 6: signing in, scope and permission refusals, and the language toggle.
// Every user gets a fresh browser context (own cookies and localStorage).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  expectNoText,
  expectText,
  expectUrl,
  launchBrowser,
  loginPage,
  newContext,
  screenshot,
  startServer,
  submitLogin,
  textOf,
  withScreenshotOnFailure,
} from './harness.mjs';

const DMY = /\d{2}\/\d{2}\/\d{4}/;
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

describe('sign-in, scope and language', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer('access');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('1. login as tinh.gialai: wrong password refused in Vietnamese, right one lands in the app', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      const page = await ctx.newPage();
      await withScreenshotOnFailure('01-login', ctx, async () => {
        // Signed out, the app sends you to the sign-in form.
        await page.goto('/org-units');
        await expectUrl(page, /^\/login/);
        await expectText(page.locator('.lg-login-card'), 'Đăng nhập');

        await submitLogin(page, 'tinh.gialai', 'Sai@2026x');
        const err = page.getByTestId('login-error');
        await expectText(err, 'không đúng');
        await expectText(err, 'Tên đăng nhập hoặc mật khẩu không đúng');
        assert.equal(new URL(page.url()).pathname, '/login', 'still on the sign-in page');
        await screenshot(page, '01-login-wrong-password.png');

        await submitLogin(page, 'tinh.gialai');
        const who = page.getByTestId('current-user');
        await expectText(who, 'Trần Thị Lan');
        await expectText(who, 'Gia Lai');
        await expectUrl(page, /^\/org-units/);
        assert.equal(await page.getByTestId('login-error').count(), 0, 'error gone after signing in');
        // A province lead officer sees every menu entry, in Vietnamese.
        const menu = page.getByTestId('side-menu');
        await expectText(menu, 'Đơn vị hành chính');
        await expectText(menu, 'Cơ quan, đơn vị');
        await expectText(menu, 'Người dùng');
        await expectText(menu, 'Nhật ký');
        await page.getByTestId('org-tree').locator('.ant-tree-treenode:not([aria-hidden="true"])').first().waitFor();
        await expectText(page.getByTestId('org-tree'), 'Việt Nam (VN)');
        await screenshot(page, '01-after-login.png');

        // The session survives a reload.
        await page.reload();
        await expectText(page.getByTestId('current-user'), 'Trần Thị Lan');
      });
    } finally {
      await ctx.close();
    }
  });

  test('5. out of scope: a commune officer is refused the users page and API; a province officer sees only its province', async () => {
    const ctxXa = await newContext(browser, server.base);
    const ctxTinh = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('05-forbidden', ctxXa, async () => {
        const page = await loginPage(ctxXa, 'xa.gialai');
        await expectText(page.getByTestId('current-user'), 'Quy Nhơn');
        const menu = page.getByTestId('side-menu');
        await page.getByTestId('menu-org-units').waitFor();
        await page.getByTestId('menu-agencies').waitFor();
        assert.equal(await page.getByTestId('menu-users').count(), 0, 'no Users menu entry for a commune officer');
        assert.equal(await page.getByTestId('menu-audit').count(), 0, 'no Audit menu entry for a commune officer');
        await expectNoText(menu, 'Người dùng');

        await page.goto('/users');
        const forbidden = page.getByTestId('forbidden');
        await expectText(forbidden, '403');
        assert.equal(await page.getByTestId('users-table').count(), 0, 'no users table behind the refusal');

        // The refusal is the server's, not only the UI's.
        const api = await page.evaluate(async () => {
          const r = await fetch('/api/users', { credentials: 'same-origin' });
          return { status: r.status, body: await r.json().catch(() => null) };
        });
        assert.equal(api.status, 403, `GET /api/users as xa.gialai: ${JSON.stringify(api)}`);
        assert.equal(api.body?.error?.code, 'forbidden');
        const audit = await page.request.get('/api/audit');
        assert.equal(audit.status(), 403, 'GET /api/audit as xa.gialai');
        await screenshot(page, '05-forbidden.png');

        await page.goto('/audit');
        await page.getByTestId('forbidden').waitFor();
      });

      await withScreenshotOnFailure('05-users-in-scope', ctxTinh, async () => {
        const page = await loginPage(ctxTinh, 'tinh.gialai');
        await page.getByTestId('menu-users').click();
        await expectUrl(page, /^\/users/);
        const table = page.getByTestId('users-table');
        const rows = table.locator('tbody tr.ant-table-row');
        await rows.filter({ hasText: 'xa.gialai' }).waitFor();
        const texts = (await rows.allInnerTexts()).map((s) => s.replace(/\s+/g, ' '));
        const names = texts.map((s) => s.split(' ')[0]).sort();
        assert.deepEqual(
          names,
          ['cm.gialai', 'congan.gialai', 'coquan.gialai', 'doikiemtra.gialai', 'gs.gialai', 'thanhtra.gialai', 'tiepnhan.gialai', 'tinh.gialai', 'xa.gialai', 'xem.gialai'],
          `users in Gia Lai's scope: ${JSON.stringify(texts)}`,
        );
        await expectNoText(table, 'tinh.dongnai', 'a Đồng Nai user is outside Gia Lai');
        await expectNoText(table, 'admin');
        const xa = texts.find((s) => s.startsWith('xa.gialai'));
        assert.match(xa, /Quy Nhơn \(21583\)/, `xa.gialai's unit shown: ${xa}`);
        await screenshot(page, '05-users-in-scope.png');
      });
    } finally {
      await ctxXa.close();
      await ctxTinh.close();
    }
  });

  test('6. English toggle switches the menu and back; audit dates are dd/mm/yyyy', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      const page = await loginPage(ctx, 'admin');
      await withScreenshotOnFailure('06-audit-en', ctx, async () => {
        const menu = page.getByTestId('side-menu');
        const toggle = page.getByTestId('lang-toggle');
        await expectText(menu, 'Đơn vị hành chính');
        await expectText(toggle, 'English');

        await toggle.click();
        await expectText(page.getByTestId('menu-org-units'), 'Administrative units');
        await expectText(page.getByTestId('menu-agencies'), 'Agencies');
        await expectText(page.getByTestId('menu-users'), 'Users');
        await expectText(page.getByTestId('menu-audit'), 'Audit log');
        await expectNoText(menu, 'Đơn vị hành chính');
        await expectText(toggle, 'Tiếng Việt');
        assert.equal(await page.locator('html').getAttribute('lang'), 'en');

        await page.getByTestId('menu-audit').click();
        await expectUrl(page, /^\/audit/);
        const table = page.getByTestId('audit-table');
        const rows = table.locator('tbody tr.ant-table-row');
        await rows.first().waitFor();
        await expectText(table.locator('thead'), 'Time');
        const texts = (await rows.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
        assert.ok(texts.length >= 7, `the demo's creations are audited (${texts.length} rows)`);
        for (const row of texts) {
          assert.match(row, DMY, `audit row shows a dd/mm/yyyy date: ${row}`);
          assert.doesNotMatch(row, ISO_DATE, `no ISO date leaks into the table: ${row}`);
        }
        assert.match(texts[0], /\b(Create|Update|Delete)\b/, `action in English: ${texts[0]}`);
        await screenshot(page, '06-audit-en.png');

        // The choice is remembered across a reload…
        await page.reload();
        await expectText(page.getByTestId('menu-audit'), 'Audit log');
        await expectText(page.getByTestId('audit-table').locator('thead'), 'Time');

        // …and the toggle switches back to Vietnamese, dates unchanged.
        await page.getByTestId('lang-toggle').click();
        await expectText(page.getByTestId('menu-org-units'), 'Đơn vị hành chính');
        await expectText(page.getByTestId('menu-audit'), 'Nhật ký');
        await expectText(page.getByTestId('audit-table').locator('thead'), 'Thời gian');
        await expectText(page.getByTestId('lang-toggle'), 'English');
        assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
        const firstVi = await textOf(page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first());
        assert.match(firstVi, DMY);
        assert.match(firstVi, /Thêm mới|Cập nhật|Xóa/, `action in Vietnamese: ${firstVi}`);
        assert.doesNotMatch(firstVi, /\b(create|update|delete|boundaries)\b/, `no raw codes: ${firstVi}`);
      });
    } finally {
      await ctx.close();
    }
  });
});
