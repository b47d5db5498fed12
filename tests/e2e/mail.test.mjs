// E-mail of the notifications (issue 15), on a desktop and a phone: the system administrator opens
// Quản trị → Thư điện tử, sees the SMTP settings (never the password) and the outbox, and sends a
// test mail that reaches a local SMTP sink; a province officer switches e-mail off from the header
// (the drawer on a phone). Nothing wider than a 390 px screen.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, loginPage, newContext, screenshot, startServer, withScreenshotOnFailure } from './harness.mjs';
import { startSmtpSink } from '../api/smtp-sink.mjs';

const PASSWORD = 'E2e-Smtp-Pw-91c';

describe('e-mail settings and preference (issue 15)', () => {
  let server, browser, sink;
  const saved = {};
  before(async () => {
    sink = await startSmtpSink({ user: 'mailer', password: PASSWORD });
    const env = {
      LONGGHEP_SMTP_HOST: '127.0.0.1', LONGGHEP_SMTP_PORT: String(sink.port), LONGGHEP_SMTP_FROM: 'longghep@example.vn',
      LONGGHEP_SMTP_USER: 'mailer', LONGGHEP_SMTP_PASSWORD: PASSWORD, LONGGHEP_MAIL_POLL_MS: '200',
    };
    for (const [k, v] of Object.entries(env)) { saved[k] = process.env[k]; process.env[k] = v; }
    try {
      server = await startServer('mail');
    } finally {
      for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await sink?.stop();
  });

  for (const [size, viewport] of [['desktop', { width: 1366, height: 768 }], ['phone', { width: 390, height: 844 }]]) {
    test(`${size}: the administrator sees the settings and sends a test mail; an officer switches e-mail off`, async () => {
      const ctx = await newContext(browser, server.base);
      await withScreenshotOnFailure(`mail-${size}`, ctx, async () => {
        const admin = await loginPage(ctx, 'admin');
        await admin.setViewportSize(viewport);
        await admin.goto('/system/mail');
        const settings = admin.getByTestId('mail-settings');
        await settings.waitFor();
        const text = await settings.innerText();
        assert.match(text, new RegExp(`127\\.0\\.0\\.1:${sink.port}`));
        assert.match(text, /longghep@example\.vn/);
        assert.match(text, /Đã đặt \(không hiển thị\)/);
        assert.ok(!(await admin.content()).includes(PASSWORD), 'no password on the page');
        const to = `thu.thu.${size}@example.vn`;
        await admin.getByTestId('mail-test-to').fill(to);
        await admin.getByTestId('mail-test-send').click();
        await admin.getByText(`Đã gửi thư thử đến ${to}`).waitFor();
        const m = await sink.waitFor((x) => x.to.includes(to));
        assert.equal(m.subject, '[longghep] Thư thử / Test e-mail');
        // a plan submitted (by the agency's focal point): its approvers, who have demo addresses, are mailed
        const fctx = await newContext(browser, server.base);
        const title = `Kế hoạch gửi thư ${size}`;
        try {
          const focal = await loginPage(fctx, 'coquan.gialai');
          const status = await focal.evaluate(async (title) => {
            const me = await (await fetch('/api/me')).json();
            const h = { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken };
            const ag = (await (await fetch('/api/agencies?pageSize=500')).json()).items.find((a) => a.name === 'Sở Y tế tỉnh Gia Lai');
            const year = title.endsWith('desktop') ? 2046 : 2047;
            const p = await (await fetch('/api/plans', { method: 'POST', headers: h, body: JSON.stringify({ orgUnitCode: '52', agencyId: ag.id, year, title }) })).json();
            return (await fetch(`/api/plans/${p.id}/submit`, { method: 'POST', headers: h, body: '{}' })).status;
          }, title);
          assert.equal(status, 200);
        } finally {
          await fctx.close();
        }
        await sink.waitFor((x) => x.subject.includes(title));
        await admin.waitForTimeout(500);  // the sender records the result after the dialogue
        await admin.getByRole('button', { name: /Tải lại/ }).click();
        await admin.getByTestId('mail-outbox').getByText('Đã gửi').first().waitFor();
        if (size === 'phone') {
          const w = await admin.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(w <= 390, `the e-mail page is ${w} px wide on a phone`);
        }
        await screenshot(admin, `mail-settings-${size}.png`);

        const octx = await newContext(browser, server.base);
        try {
          const tinh = await loginPage(octx, 'tinh.gialai');
          await tinh.setViewportSize(viewport);
          if (size === 'phone') await tinh.getByTestId('menu-toggle').click();
          await tinh.getByTestId('mail-pref').click();
          const sw = tinh.getByTestId('mail-pref-switch');
          await sw.waitFor();
          assert.equal(await sw.getAttribute('aria-checked'), 'true');
          await sw.click();
          await screenshot(tinh, `mail-preference-${size}.png`);
          if (size === 'phone') {
            const w = await tinh.evaluate(() => document.documentElement.scrollWidth);
            assert.ok(w <= 390, `the preference dialog is ${w} px wide on a phone`);
          }
          await tinh.locator('#mail-pref-save').click();
          await tinh.getByText('Đã lưu').waitFor();
          const pref = await tinh.evaluate(async () => (await fetch('/api/me/mail')).json());
          assert.equal(pref.emailNotifications, false);
          // back on for the other size
          await tinh.evaluate(async () => {
            const me = await (await fetch('/api/me')).json();
            await fetch('/api/me/mail', { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
              body: JSON.stringify({ emailNotifications: true, language: 'vi' }) });
          });
        } finally {
          await octx.close();
        }
      });
      await ctx.close();
    });
  }
});
