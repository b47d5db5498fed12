// API tokens (issue 21) in the UI, on a desktop and a phone: a province officer opens "Mã truy cập
// API" from the header (the drawer on a phone), creates a token with one permission and GET only,
// sees the secret once (with its warning), the secret works as a Bearer token, then revokes it
// with a confirmation and the token is refused. Nothing wider than a 390 px screen.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, loginPage, newContext, noWiderThan, screenshot, startServer, withScreenshotOnFailure } from './harness.mjs';

describe('API tokens (issue 21)', () => {
  let server, browser;
  before(async () => {
    server = await startServer('tokens');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [size, viewport] of [['desktop', { width: 1366, height: 768 }], ['phone', { width: 390, height: 844 }]]) {
    test(`${size}: create a token, see its secret once, use it, revoke it`, async () => {
      const ctx = await newContext(browser, server.base);
      await withScreenshotOnFailure(`tokens-${size}`, ctx, async () => {
        const page = await loginPage(ctx, 'tinh.gialai');
        await page.setViewportSize(viewport);
        if (size === 'phone') await page.getByTestId('menu-toggle').click();
        await page.getByTestId('my-tokens').click();
        await page.getByText('Mã truy cập API', { exact: false }).first().waitFor();
        await page.getByTestId('token-new').click();
        const name = `Hệ thống Bộ ${size}`;
        await page.getByTestId('token-name').fill(name);
        await page.getByTestId('token-perm-hierarchy.read').check();
        await page.getByTestId('token-ranges').fill('127.0.0.1/32, ::1');
        if (size === 'phone') await noWiderThan(page, 390, 'the create dialog');
        await screenshot(page, `tokens-create-${size}.png`);
        await page.getByTestId('token-create').click();
        const secretBox = page.getByTestId('token-secret');
        await secretBox.waitFor();
        const secret = (await secretBox.innerText()).trim();
        assert.match(secret, /^lg_[A-Za-z0-9_-]{43}$/);
        await page.getByText('chỉ hiển thị một lần').waitFor();
        if (size === 'phone') await noWiderThan(page, 390, 'the secret dialog');
        await screenshot(page, `tokens-secret-${size}.png`);
        await page.getByTestId('token-secret-done').click();
        await secretBox.waitFor({ state: 'detached' });
        // the secret works as a Bearer token, without the cookie
        const status = await page.evaluate(async (s) =>
          (await fetch('/api/org-units', { credentials: 'omit', headers: { Authorization: `Bearer ${s}` } })).status, secret);
        assert.equal(status, 200);
        const list = await page.evaluate(async () => (await (await fetch('/api/tokens')).json()).items);
        const tk = list.find((x) => x.name === name);
        assert.ok(tk);
        const row = page.getByTestId(`token-row-${tk.id}`);
        await row.getByText('Còn hạn').waitFor();
        assert.ok(!(await page.content()).includes(secret), 'the secret is no longer on the page');
        if (size === 'phone') await noWiderThan(page, 390, 'the token list');
        await screenshot(page, `tokens-list-${size}.png`);
        // recent uses
        await page.reload();
        await page.getByTestId(`token-uses-${tk.id}`).click();
        await page.getByTestId('token-uses-table').getByText('GET /api/org-units').waitFor();
        await page.keyboard.press('Escape');
        // revoke, with a confirmation
        await page.getByTestId(`token-revoke-${tk.id}`).click();
        await page.getByTestId('token-revoke-ok').click();
        await page.getByTestId(`token-row-${tk.id}`).getByText('Đã thu hồi').waitFor();
        const after = await page.evaluate(async (s) =>
          (await (await fetch('/api/org-units', { credentials: 'omit', headers: { Authorization: `Bearer ${s}` } })).json()).error.code, secret);
        assert.equal(after, 'token_revoked');
        if (size === 'phone') await noWiderThan(page, 390, 'the token list after revoking');
        await screenshot(page, `tokens-revoked-${size}.png`);
      });
      await ctx.close();
    });
  }
});
