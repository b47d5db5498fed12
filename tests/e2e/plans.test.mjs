// Issue 3 journeys: an integration plan through the whole approval cycle in the browser — the
// agency focal point drafts and submits, the province lead officer returns it with a comment,
// the focal point revises and resubmits, the approver approves, and the approved plan is locked
// (no edit button, and the API refuses with 409 plan_locked). Then the province lead officer's
// task overview with the overdue tasks marked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  expectText,
  expectUrl,
  launchBrowser,
  loginPage,
  newContext,
  screenshot,
  startServer,
  withScreenshotOnFailure,
} from './harness.mjs';

const TITLE = 'Kế hoạch lồng ghép năm 2027 của Sở Y tế (thử nghiệm e2e)';
const COMMENT = 'Bổ sung kinh phí ngân sách tỉnh cho hoạt động truyền thông';

/** The <input> behind an Ant Design InputNumber, wherever its data-testid landed. */
async function inputOf(locator) {
  const tag = await locator.evaluate((e) => e.tagName);
  return tag === 'INPUT' ? locator : locator.locator('input').first();
}

/** Opens an Ant Design Select and picks the option showing `label`. */
async function pick(page, select, label) {
  await select.click();
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: label });
  await option.first().click();
}

/** What the API answers to a write, with the session's CSRF token, from inside the page. */
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

async function confirmOk(page) {
  await page.getByTestId('plan-confirm-ok').click();
}

describe('integration plan approval and task overview', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer('plans');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a plan is drafted, submitted, returned with a comment, revised, approved and then locked', async () => {
    const focal = await newContext(browser, server.base);
    const approver = await newContext(browser, server.base);
    try {
      let planPath = '';
      // 1. The focal point of Sở Y tế Gia Lai drafts a plan and adds a budget line.
      await withScreenshotOnFailure('plans-focal', focal, async () => {
        const page = await loginPage(focal, 'coquan.gialai');
        await page.getByTestId('menu-plans').click();
        await expectUrl(page, /^\/plans$/);
        await page.getByTestId('plans-table').waitFor();
        assert.equal(await page.getByTestId('menu-plans-inbox').count(), 0, 'a focal point has no approval inbox');
        await page.getByTestId('plan-create').click();
        await page.getByTestId('plan-create-title').fill(TITLE);
        const year = await inputOf(page.getByTestId('plan-create-year'));
        await year.fill('2027');
        await page.getByTestId('plan-create-ok').click();
        await expectUrl(page, /^\/plans\/\d+$/);
        planPath = new URL(page.url()).pathname;
        await expectText(page.getByTestId('plan-title'), TITLE);
        await expectText(page.getByTestId('plan-status'), 'Dự thảo');

        await page.getByTestId('plan-edit').click();
        await page.getByTestId('plan-add-budget').click();
        await pick(page, page.getByTestId('plan-budget-source').first(), 'Ngân sách tỉnh');
        await (await inputOf(page.getByTestId('plan-budget-amount').first())).fill('50000000');
        await page.getByTestId('plan-edit-save').click();
        await expectText(page.getByTestId('plan-budget'), '50.000.000');
        await expectText(page.getByTestId('plan-budget'), 'Ngân sách tỉnh');
        await screenshot(page, 'plans-draft.png');

        await page.getByTestId('plan-submit').click();
        await confirmOk(page);
        await expectText(page.getByTestId('plan-status'), 'Chờ phê duyệt');
        assert.equal(await page.getByTestId('plan-edit').count(), 0, 'no edit button once submitted');
        assert.equal(await page.getByTestId('plan-approve').count(), 0, 'the submitter cannot approve');
      });

      // 2. The province lead officer finds it in the inbox and returns it with a comment.
      let approverPage;
      await withScreenshotOnFailure('plans-approver', approver, async () => {
        approverPage = await loginPage(approver, 'tinh.gialai');
        const page = approverPage;
        await page.getByTestId('menu-plans-inbox').click();
        await expectUrl(page, /^\/plans\/inbox/);
        const inbox = page.getByTestId('inbox-table');
        await expectText(inbox, TITLE);
        await screenshot(page, 'plans-inbox.png');
        await inbox.getByTestId('plan-link').filter({ hasText: TITLE }).click();
        await expectUrl(page, new RegExp(`^${planPath}$`));
        await expectText(page.getByTestId('plan-status'), 'Chờ phê duyệt');
        await page.getByTestId('plan-return').click();
        assert.equal(await page.getByTestId('plan-return-ok').isDisabled(), true, 'a return needs a comment');
        await page.getByTestId('plan-return-comment').fill(COMMENT);
        await page.getByTestId('plan-return-ok').click();
        await expectText(page.getByTestId('plan-status'), 'Bị trả lại');
        await expectText(page.getByTestId('plan-history'), COMMENT);
      });

      // 3. The focal point sees the comment, revises and resubmits.
      await withScreenshotOnFailure('plans-focal-revise', focal, async () => {
        const page = focal.pages()[0];
        await page.reload();
        await expectText(page.getByTestId('plan-status'), 'Bị trả lại');
        await expectText(page.getByTestId('plan-returned-comment'), COMMENT);
        await screenshot(page, 'plans-returned.png');
        await page.getByTestId('plan-edit').click();
        await page.getByTestId('plan-add-budget').click();
        await pick(page, page.getByTestId('plan-budget-source').nth(1), 'Ngân sách xã');
        await (await inputOf(page.getByTestId('plan-budget-amount').nth(1))).fill('20000000');
        await page.getByTestId('plan-edit-save').click();
        await expectText(page.getByTestId('plan-budget'), '70.000.000');
        await page.getByTestId('plan-submit').click();
        await confirmOk(page);
        await expectText(page.getByTestId('plan-status'), 'Chờ phê duyệt');
      });

      // 4. The approver approves.
      await withScreenshotOnFailure('plans-approve', approver, async () => {
        const page = approverPage;
        await page.reload();
        await expectText(page.getByTestId('plan-status'), 'Chờ phê duyệt');
        await page.getByTestId('plan-approve').click();
        await page.getByTestId('plan-decision-body').fill('UBND tỉnh Gia Lai');
        await page.getByTestId('plan-decision-number').fill('77/QĐ-UBND');
        await page.getByTestId('plan-decision-ok').click();  // the date defaults to today
        await expectText(page.getByTestId('plan-status'), 'Đã phê duyệt');
        await expectText(page.getByTestId('plan-decision'), '77/QĐ-UBND');
        const history = page.getByTestId('plan-history');
        await expectText(history, 'Gửi lại phê duyệt');
        await expectText(history, 'Phê duyệt');
        await expectText(history, 'tinh.gialai');
      });

      // 5. The approved plan is locked for the focal point: no edit, and the API says 409 plan_locked.
      await withScreenshotOnFailure('plans-locked', focal, async () => {
        const page = focal.pages()[0];
        await page.reload();
        await expectText(page.getByTestId('plan-status'), 'Đã phê duyệt');
        await page.getByTestId('plan-locked').waitFor();
        assert.equal(await page.getByTestId('plan-edit').count(), 0, 'no edit button on an approved plan');
        assert.equal(await page.getByTestId('plan-edit-save').count(), 0, 'no save button on an approved plan');
        assert.equal(await page.getByTestId('plan-submit').count(), 0, 'no submit on an approved plan');
        await page.getByTestId('plan-new-version').waitFor();
        const history = page.getByTestId('plan-history');
        await expectText(history, 'Trả lại');
        await expectText(history, COMMENT);
        await screenshot(page, 'plans-approved.png');

        const id = planPath.split('/').pop();
        const plan = await page.evaluate(async (p) => (await fetch(`/api/plans/${p}`)).json(), id);
        const put = await apiWrite(page, 'PUT', `/api/plans/${id}`, {
          title: `${TITLE} (sửa)`,
          note: '',
          beneficiaries: [],
          activities: [],
          budget: [],
          version: plan.version,
        });
        assert.equal(put.status, 409, `PUT on an approved plan: ${JSON.stringify(put)}`);
        assert.equal(put.body?.error?.code, 'plan_locked');
        // The export is offered and answers a workbook.
        const xlsx = await page.request.get(`/api/plans/${id}/export.xlsx`);
        assert.equal(xlsx.status(), 200);
        assert.match(xlsx.headers()['content-type'] ?? '', /spreadsheetml|octet-stream/);
      });
    } finally {
      await focal.close();
      await approver.close();
    }
  });

  test("the province lead officer sees the tasks by agency, overdue ones marked; the directives register lists the seeds", async () => {
    const ctx = await newContext(browser, server.base);
    try {
      const page = await loginPage(ctx, 'tinh.gialai');
      await withScreenshotOnFailure('tasks-overview', ctx, async () => {
        await page.getByTestId('menu-tasks').click();
        await expectUrl(page, /^\/tasks/);
        const overview = page.getByTestId('tasks-overview');
        await expectText(overview, 'Sở Y tế tỉnh Gia Lai');
        const marks = overview.getByTestId('task-overdue');
        await marks.first().waitFor();
        assert.ok((await marks.count()) >= 1, 'at least one overdue task marked');
        await expectText(marks.first(), 'Quá hạn');
        await screenshot(page, 'tasks-overview.png');

        await page.getByTestId('menu-directives').click();
        await expectUrl(page, /^\/directives/);
        const table = page.getByTestId('directives-table');
        await table.locator('tbody tr.ant-table-row').first().waitFor();
        const search = await inputOf(page.getByTestId('directives-search'));
        await search.fill('ke hoach');
        await search.press('Enter');
        await expectText(table, 'Kế hoạch');
        await table.locator('tbody tr.ant-table-row').first().click();
        await page.getByTestId('directive-drawer').waitFor();
        await screenshot(page, 'directives-drawer.png');
      });
    } finally {
      await ctx.close();
    }
  });
});
