// Issue 16 §3–4: the dashboard panel "Dịch vụ theo chương trình lồng ghép" — services and people
// by host programme from records consenting to statistics, small cells shown "<5" — for a role
// with cases.read (the administrator here), absent for one without (the ministry officer); on a
// desktop and a phone (390 px, no horizontal scroll).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertStatus, listAll, login } from '../api/harness.mjs';
import { launchBrowser, loginPage, newContext, SCREENSHOTS, screenshot, startServer, withScreenshotOnFailure } from './harness.mjs';

describe('case statistics on the dashboard', () => {
  let server, browser;
  before(async () => {
    server = await startServer('case-stats');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('admin sees the panel with the API figures ("<5" where suppressed); bo does not', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('case-stats', ctx, async () => {
        // records of our own: 6 consenting to statistics, served through HIV (6) and poverty reduction (2)
        const cm = await login(server.base, 'cm.gialai');
        const users = Object.fromEntries((await listAll(await login(server.base, 'admin'), '/api/users')).items.map((u) => [u.username, u.id]));
        for (let i = 0; i < 6; i++) {
          const c = assertStatus(await cm.post('/api/cases', { residenceUnitCode: '21583', residenceAsOf: '2026-02-01', birthYear: 1995, sex: 'female',
            targetGroups: ['sex_workers'], caseWorkerId: users['cm.gialai'], registeredOn: '2026-02-01', identity: { fullName: `Người E2E ${i}` } }), 201);
          for (const purpose of ['services', 'statistics']) assertStatus(await cm.post(`/api/cases/${c.id}/consents`, { purpose, effectiveOn: '2026-02-01' }), 201);
          const svc = (serviceCode, hostProgrammeCode) => cm.post(`/api/cases/${c.id}/services`, { serviceCode, hostProgrammeCode, fundingSourceCode: 'provincial_budget', deliveredOn: '2026-03-01' });
          assertStatus(await svc('sti_hiv_testing', 'hiv_aids'), 201);
          if (i < 2) assertStatus(await svc('vocational_training', 'poverty_ntp'), 201);
        }
        const page = await loginPage(ctx, 'admin');
        await page.goto('/dashboard');
        const panel = page.getByTestId('case-stats-panel');
        await panel.waitFor();
        const api = await page.evaluate(async () => {
          const me = await (await fetch('/api/me')).json();
          const y = new Date().getFullYear();
          const r = await fetch('/api/analytics/cases/pivot', {
            method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
            body: JSON.stringify({ measure: 'caseServices', rows: ['hostProgramme'], filters: { from: '2021-01-01', to: `${y}-12-31`, orgUnit: me.orgUnit?.code ?? 'VN' } }),
          });
          return r.json();
        });
        assert.ok(api.rowKeys.length >= 2, 'our services are counted');
        if (api.rowKeys.length) {
          await panel.getByTestId('echart-case-stats').locator('canvas').first().waitFor();
          const totals = await panel.getByTestId('case-stats-totals').innerText();
          assert.match(totals, /Lượt dịch vụ: (<5|[\d.]+)/);
          if (api.totalSuppressed) assert.match(totals, /Lượt dịch vụ: <5/);
          else assert.match(totals, new RegExp(`Lượt dịch vụ: ${api.total.toLocaleString('vi-VN').replace('.', '\\.')}`));
        } else {
          await panel.getByTestId('case-stats-empty').waitFor();
        }
        await page.waitForTimeout(600);
        await panel.screenshot({ path: join(SCREENSHOTS, 'case-stats-panel.png') });
        // a phone: no horizontal scroll
        await page.setViewportSize({ width: 390, height: 844 });
        await page.waitForTimeout(400);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `no horizontal scroll at 390 px (${overflow})`);
        await panel.screenshot({ path: join(SCREENSHOTS, 'case-stats-panel-phone.png') });

        const bo = await loginPage(await newContext(browser, server.base), 'bo');
        await bo.goto('/dashboard');
        await bo.getByTestId('dashboard-page').waitFor();
        assert.equal(await bo.getByTestId('case-stats-panel').count(), 0, 'no cases.read, no panel');
      });
    } finally {
      await ctx.close();
    }
  });
});
