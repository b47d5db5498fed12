// Issue 15 journey, on a desktop and a phone: a plan submitted → the approver (the ministry, by the
// approval rules) sees it in "Việc của tôi" → approves → the submitter's bell shows the
// notification and its my-work page says the plan is approved; every role lands on my work.
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
            // approve through the API of the signed-in page (the plan screens are covered by plans.test.mjs)
            assert.equal((await apiWrite(bo, 'POST', `/api/plans/${p.body.id}/approve`, {})).status, 200);
          } finally {
            await bctx.close();
          }

          // the submitter's bell shows the approval; its my-work says approved, nobody acts next
          await focal.reload();
          await focal.getByTestId('notifications-bell').click();
          const note = focal.getByTestId('notification').filter({ hasText: `Kế hoạch đã được phê duyệt: ${title}` });
          await note.waitFor();
          await screenshot(focal, `my-work-bell-${size}.png`);
          await focal.keyboard.press('Escape');
          const sent = focal.getByTestId('my-work-sent-plan').filter({ hasText: title });
          await sent.waitFor();
          assert.match(await sent.textContent(), /Đã hoàn tất/);
          const width = await focal.evaluate(() => document.documentElement.scrollWidth);
          if (size === 'phone') console.log(`# my-work scrollWidth on a 390 px phone: ${width}`);
          await screenshot(focal, `my-work-focal-${size}.png`);
        });
      } finally {
        await ctx.close();
      }
    });
  }
});
