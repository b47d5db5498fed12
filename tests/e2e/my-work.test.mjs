// Issue 15 journey, on a desktop and a phone: a plan submitted → the approver (the ministry, by the
// approval rules) sees it in "Việc của tôi" → approves → the submitter's bell shows the
// notification and its my-work page says the plan is approved; every role lands on my work. The
// approval is made on the screen with its decision (approving body, number, dd/mm/yyyy date).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectUrl, launchBrowser, loginPage, newContext, screenshot, startServer, withScreenshotOnFailure } from './harness.mjs';

async function apiWrite(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/me', { credentials: 'same-origin' })).json();
      const r = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
        body: JSON.stringify(body),
      });
      return { status: r.status, body: await r.json().catch(() => null) };
    },
    { method, path, body },
  );
}

async function apiGet(page, path) {
  return page.evaluate(async (path) => (await fetch(path, { credentials: 'same-origin' })).json(), path);
}

describe('my work and notifications (issue 15)', () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer('my-work');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [size, viewport] of [['desktop', { width: 1366, height: 768 }], ['phone', { width: 390, height: 844 }]]) {
    test(`${size}: plan submitted → the ministry sees it in my work → approves → the submitter is notified`, async () => {
      const ctx = await newContext(browser, server.base);
      try {
        await withScreenshotOnFailure(`my-work-${size}`, ctx, async () => {
          const focal = await loginPage(ctx, 'coquan.gialai');
          await focal.setViewportSize(viewport);
          await expectUrl(focal, /^\/my-work/);
          const agencies = (await apiGet(focal, '/api/agencies?pageSize=500')).items;
          const soyte = agencies.find((a) => a.name === 'Sở Y tế tỉnh Gia Lai').id;
          const year = size === 'desktop' ? 2033 : 2034;
          const title = `Kế hoạch chờ Bộ duyệt ${year}`;
          const p = await apiWrite(focal, 'POST', '/api/plans', { orgUnitCode: '52', agencyId: soyte, year, title });
          assert.equal(p.status, 201);
          assert.equal((await apiWrite(focal, 'POST', `/api/plans/${p.body.id}/submit`, {})).status, 200);

          // the ministry officer lands on my work and finds the plan waiting for it
          const bctx = await newContext(browser, server.base);
          try {
            const bo = await loginPage(bctx, 'bo');
            await bo.setViewportSize(viewport);
            await expectUrl(bo, /^\/my-work/);
            const item = bo.getByTestId('my-work-plan').filter({ hasText: title });
            await item.waitFor();
            assert.ok(Number(await bo.getByTestId('notifications-badge').locator('.ant-badge-count').first().getAttribute('title')) >= 1);
            await screenshot(bo, `my-work-bo-${size}.png`);
            await item.getByRole('link', { name: title }).click();
            await expectUrl(bo, new RegExp(`^/plans/${p.body.id}`));
            const next = await bo.getByTestId('plan-next-actors').textContent();
            assert.match(next, /Cán bộ Bộ/);
            // approve on the screen: the dialog asks for the decision (body, number, dd/mm/yyyy date)
            await bo.getByTestId('plan-approve').click();
            const dialog = bo.locator('.ant-modal').filter({ has: bo.getByTestId('plan-decision-form') });
            await dialog.waitFor();
            await bo.getByTestId('plan-decision-body').fill('Bộ Lao động - Thương binh và Xã hội');
            await bo.getByTestId('plan-decision-number').fill('');
            await bo.getByTestId('plan-decision-ok').click();  // refused: no number, the dialog stays open
            await dialog.locator('.ant-form-item-explain-error').first().waitFor();
            assert.equal(await dialog.isVisible(), true);
            const number = `${year}/QĐ-BLĐTBXH`;
            await bo.getByTestId('plan-decision-number').fill(number);
            const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());  // dd/mm/yyyy
            const date = bo.getByTestId('plan-decision-date');
            await date.click();
            await date.fill(day);
            await date.press('Enter');  // Enter picks the date; it does not send the dialog
            assert.equal(await dialog.isVisible(), true);
            if (size === 'phone') {
              assert.ok(await bo.evaluate(() => document.documentElement.scrollWidth) <= 390, 'the approve dialog fits a 390 px phone');
            }
            await screenshot(bo, `my-work-approve-dialog-${size}.png`);
            await bo.getByTestId('plan-decision-ok').click();
            await dialog.waitFor({ state: 'hidden' });
            const card = bo.getByTestId('plan-decision');
            await card.waitFor();
            assert.equal(await bo.getByTestId('plan-decision-number-text').textContent(), number);
            assert.equal(await bo.getByTestId('plan-decision-date-text').textContent(), day);
            assert.match(await bo.getByTestId('plan-status').textContent(), /Đã phê duyệt/);
            await screenshot(bo, `my-work-approved-${size}.png`);
            const saved = await apiGet(bo, `/api/plans/${p.body.id}`);
            assert.deepEqual(saved.decision.number, number);
          } finally {
            await bctx.close();
          }

          // the submitter's bell shows the approval; its my-work says approved, nobody acts next
          await focal.reload();
          await focal.getByTestId('notifications-bell').click();
          const note = focal.getByTestId('notification').filter({ hasText: `Kế hoạch đã được phê duyệt: ${title}` })
            .filter({ hasText: `Quyết định số ${year}/QĐ-BLĐTBXH` });
          await note.waitFor();
          await screenshot(focal, `my-work-bell-${size}.png`);
          await focal.keyboard.press('Escape');
          const sent = focal.getByTestId('my-work-sent-plan').filter({ hasText: title });
          await sent.waitFor();
          assert.match(await sent.textContent(), /Đã hoàn tất/);
          const width = await focal.evaluate(() => document.documentElement.scrollWidth);
          if (size === 'phone') assert.ok(width <= 390, `my-work scrollWidth on a 390 px phone: ${width}`);
          await screenshot(focal, `my-work-focal-${size}.png`);
        });
      } finally {
        await ctx.close();
      }
    });
  }
});
