// Issue 16 §4–5 on a phone (390×844): the demo case worker drafts a support plan on a Gia Lai
// record (a goal with a domain, a text and a target date) and submits it; the worker sees no
// approval button; the supervisor gs.gialai opens the record, sees the plan waiting and the
// pending closure request, and approves the plan. No horizontal scroll on the way.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectText, launchBrowser, loginPage, newContext, screenshot, startServer, withScreenshotOnFailure, noWiderThan, apiGet } from './harness.mjs';

const PHONE = { width: 390, height: 844 };

async function pick(page, select, label) {
  await select.click();
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: label });
  await option.first().click();
}

describe('case work from the screen (issue 16 §4–5)', () => {
  let server;
  let browser;
  let caseId = 0;
  before(async () => {
    server = await startServer('case-work');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('1. the case worker drafts a support plan and submits it, on a phone', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('case-work-01-worker', ctx, async () => {
        const page = await loginPage(ctx, 'cm.gialai');
        await page.setViewportSize(PHONE);
        // the demo record with a closure request pending and no plan yet
        const list = (await apiGet(page, '/api/cases?pageSize=100')).body.items;
        for (const c of list) {
          const w = (await apiGet(page, `/api/cases/${c.id}/work`)).body;
          if (w.status === 'open' && w.plans.length === 0 && w.closure.pending) caseId = c.id;
        }
        assert.ok(caseId, 'a demo record without a plan, closure pending');
        await page.goto(`/cases/${caseId}`);
        await page.getByRole('tab', { name: 'Kế hoạch hỗ trợ' }).click();
        await page.getByTestId('cw-plan-tab').waitFor();
        await page.getByTestId('cw-plan-new').click();
        await pick(page, page.getByTestId('cw-goal-domain-0'), 'Thu nhập, việc làm');
        await page.getByTestId('cw-goal-text-0').fill('Tham gia lớp học nghề và tìm việc làm ổn định');
        const target = page.getByTestId('cw-goal-target-0');
        await target.click();
        await target.fill('31/12/2027');
        await target.press('Enter');
        await noWiderThan(page, PHONE.width, 'the goals dialog');
        await screenshot(page, 'case-work-01-goals-phone.png');
        await page.getByTestId('cw-goals-save').click();
        const current = page.getByTestId('cw-plan-current');
        await expectText(current.getByTestId('cw-plan-status'), 'Dự thảo');
        await expectText(current, '31/12/2027');
        await page.getByTestId('cw-plan-submit').click();
        await expectText(current.getByTestId('cw-plan-status'), 'Chờ phê duyệt');
        assert.equal(await page.getByTestId('cw-plan-approve').count(), 0, 'the worker has no approval button');
        await noWiderThan(page, PHONE.width, 'the plan tab');
        await screenshot(page, 'case-work-02-submitted-phone.png');
      });
    } finally {
      await ctx.close();
    }
  });

  test('2. the supervisor sees the plan waiting and approves it, on a phone', async () => {
    assert.ok(caseId, 'step 1 submitted a plan');
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('case-work-02-supervisor', ctx, async () => {
        const page = await loginPage(ctx, 'gs.gialai');
        await page.setViewportSize(PHONE);
        await page.goto(`/cases/${caseId}`);
        await expectText(page.getByTestId('cw-closure-pending'), 'Chuyển đi nơi khác');
        await page.getByRole('tab', { name: 'Kế hoạch hỗ trợ' }).click();
        const current = page.getByTestId('cw-plan-current');
        await expectText(current.getByTestId('cw-plan-status'), 'Chờ phê duyệt');
        await expectText(current, 'Tham gia lớp học nghề');
        await noWiderThan(page, PHONE.width, 'the plan waiting for approval');
        await page.getByTestId('cw-plan-approve').click();
        await expectText(current.getByTestId('cw-plan-status'), 'Đã phê duyệt');
        await expectText(current, 'Phê duyệt bởi');
        await noWiderThan(page, PHONE.width, 'the approved plan');
        await screenshot(page, 'case-work-03-approved-phone.png');
        const w = (await apiGet(page, `/api/cases/${caseId}/work`)).body;
        assert.equal(w.plans[0].status, 'approved');
        assert.equal(w.plans[0].decidedBy.username, 'gs.gialai');
        // the follow-up tab: the demo follow-ups of another record show "overdue"; here, the form
        await page.getByRole('tab', { name: 'Theo dõi' }).click();
        await page.getByTestId('cw-outcome-form').waitFor();
        await noWiderThan(page, PHONE.width, 'the follow-up tab');
        await screenshot(page, 'case-work-04-followup-phone.png');
        // the demo record with an overdue follow-up: flagged (derived by the server when reading)
        let lateId = 0;
        for (const c of (await apiGet(page, '/api/cases?pageSize=100')).body.items) {
          const x = (await apiGet(page, `/api/cases/${c.id}/work`)).body;
          if (x.followUps.some((f) => f.overdue)) lateId = c.id;
        }
        assert.ok(lateId, 'a demo record with an overdue follow-up');
        await page.goto(`/cases/${lateId}`);
        await page.getByRole('tab', { name: 'Theo dõi' }).click();
        await expectText(page.getByTestId('cw-followup-overdue').first(), 'Quá hạn');
        await noWiderThan(page, PHONE.width, 'follow-ups with an overdue one');
        await screenshot(page, 'case-work-05-overdue-phone.png');
      });
    } finally {
      await ctx.close();
    }
  });
});
