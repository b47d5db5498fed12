// Issue 15 journey, on a desktop and a phone: a province officer issues a directive from the screen
// and assigns tasks to two agencies (picked by name typed without diacritics); the agency's focal
// point finds the overdue one in "Việc của tôi" and in its notifications, and reports progress;
// the province extends the deadline with a reason and the history shows it. And the coordination
// plan of an approved plan (guidance 221 §5.2), pre-filled with one task per plan activity.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  UI_TIMEOUT,
  expectText,
  expectUrl,
  launchBrowser,
  loginPage,
  newContext,
  screenshot,
  startServer,
  todayVN,
  withScreenshotOnFailure,
} from './harness.mjs';

const addDays = (iso, n) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const dmy = (iso) => iso.split('-').reverse().join('/');

/** Opens an Ant Design Select, types `typed` into its search and picks the option showing `label`. */
async function pick(page, select, typed, label = typed) {
  await select.click();
  if (typed) await page.keyboard.type(typed);
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: label });
  await option.first().click();
}

/** Types a date (dd/mm/yyyy) into a DatePicker and confirms it. */
async function typeDate(page, input, iso) {
  await input.click();
  await input.fill(dmy(iso));
  await input.press('Enter');
}

async function noWiderThan(page, width, what) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= width, `${what}: the page is ${w} px wide on a ${width} px screen`);
}

async function apiGet(page, path) {
  return page.evaluate(async (path) => (await fetch(path, { credentials: 'same-origin' })).json(), path);
}

describe('directives and tasks from the screen (issue 15)', () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer('directives');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [size, viewport] of [['desktop', { width: 1366, height: 768 }], ['phone', { width: 390, height: 844 }]]) {
    const phone = size === 'phone';
    test(`${size}: a directive with tasks to two agencies → the agency reports progress → the overdue task notifies → extended with a reason`, async () => {
      const today = todayVN().iso;
      const past = addDays(today, -5);
      const later = addDays(today, 40);
      const number = phone ? '77/KH-UBND' : '76/KH-UBND';
      const title1 = `Rà soát cơ sở kinh doanh dịch vụ nhạy cảm (${size})`;
      const title2 = `Kiểm tra liên ngành cơ sở lưu trú (${size})`;
      const ctx = await newContext(browser, server.base);
      try {
        await withScreenshotOnFailure(`directives-${size}`, ctx, async () => {
          const page = await loginPage(ctx, 'tinh.gialai');
          await page.setViewportSize(viewport);
          await page.goto(`${server.base}/directives`);
          await page.getByTestId('directive-add').click();
          const form = page.getByTestId('directive-form');
          await form.waitFor();
          await page.getByTestId('dir-form-number').fill(number);
          await page.getByTestId('dir-form-subject').fill(`Kế hoạch kiểm tra liên ngành năm ${today.slice(0, 4)} (${size})`);
          await pick(page, page.getByTestId('dir-form-recipients'), 'so y te', 'Sở Y tế tỉnh Gia Lai');
          await page.keyboard.press('Escape');
          if (phone) await noWiderThan(page, 390, 'the directive form');
          await screenshot(page, `directives-form-${size}.png`);
          await page.getByTestId('dir-form-save').click();

          // the new directive opens, editable, with no task yet
          const drawer = page.getByTestId('directive-drawer');
          await expectText(drawer.locator('.ant-drawer-title'), number);
          await expectText(drawer, /Sở Y tế tỉnh Gia Lai|Sở Y tế/);

          // two tasks: Sở Y tế (due five days ago) and Công an (recurring quarterly), agencies typed without diacritics
          const addTask = async (code, title, agencyTyped, agencyName, fill) => {
            await page.getByTestId('directive-add-task').click();
            const modal = page.getByTestId('task-form-code');
            await modal.waitFor();
            await page.getByTestId('task-form-code').fill(code);
            await page.getByTestId('task-form-title').fill(title);
            await pick(page, page.getByTestId('task-form-lead'), agencyTyped, agencyName);
            await fill();
            if (phone) await noWiderThan(page, 390, 'the task form');
            await screenshot(page, `directives-task-form-${code}-${size}.png`);
            await page.getByTestId('task-form-save').click();
            await modal.waitFor({ state: 'hidden' });
            await expectText(page.getByTestId('directive-tasks'), title);
          };
          await addTask('1', title1, 'so y te', 'Sở Y tế tỉnh Gia Lai', async () => {
            await typeDate(page, page.getByTestId('task-form-due'), past);
          });
          await addTask('2', title2, 'cong an tinh', 'Công an tỉnh Gia Lai', async () => {
            await page.getByTestId('task-form-mode').getByText('Định kỳ').click();
            await pick(page, page.getByTestId('task-form-recurrence'), '', 'Hằng quý');
            await page.getByTestId('task-form-duedays').fill('31/03, 30/06, 30/09, 31/12');
          });
          const rows = page.getByTestId('directive-tasks');
          const row1 = rows.locator('tr, .lg-card-row', { hasText: title1 });
          await expectText(row1, /Quá hạn/);
          await expectText(rows.locator('tr, .lg-card-row', { hasText: title2 }), /Công an/);
          if (phone) await noWiderThan(page, 390, 'the directive with its tasks');
          await screenshot(page, `directives-drawer-${size}.png`);

          const dir = (await apiGet(page, `/api/directives?q=${encodeURIComponent(number)}`)).items[0];
          const tasks = (await apiGet(page, `/api/tasks?directiveId=${dir.id}`)).items;
          assert.deepEqual(tasks.map((t) => [t.code, t.leadAgency.name, t.deadline.recurrence]).sort(),
            [['1', 'Sở Y tế tỉnh Gia Lai', 'none'], ['2', 'Công an tỉnh Gia Lai', 'quarterly']]);
          const t1 = tasks.find((t) => t.code === '1');
          assert.equal(t1.deadline.dueDate, past);
          assert.deepEqual(tasks.find((t) => t.code === '2').deadline.dueDays, ['03-31', '06-30', '09-30', '12-31']);

          // the agency's focal point: the task in "my work" (overdue), in its notifications, and reports progress
          const fctx = await newContext(browser, server.base);
          try {
            const focal = await loginPage(fctx, 'coquan.gialai');
            await focal.setViewportSize(viewport);
            await expectUrl(focal, /^\/my-work/);
            const item = focal.getByTestId('my-work-task').filter({ hasText: title1 });
            await item.waitFor({ timeout: UI_TIMEOUT });
            await expectText(item, /Quá hạn/);
            await focal.getByTestId('notifications-bell').click();
            const overdue = focal.getByTestId('notification').filter({ hasText: `Nhiệm vụ quá hạn (hạn ${dmy(past)}): ${title1}` });
            await overdue.waitFor({ timeout: UI_TIMEOUT });
            await focal.getByTestId('notification').filter({ hasText: `Nhiệm vụ được giao: ${title1}` }).first().waitFor();
            if (phone) await noWiderThan(focal, 390, 'my work with the notifications');
            await screenshot(focal, `directives-focal-notifications-${size}.png`);
            await focal.keyboard.press('Escape');
            // once per task and due date: reading again adds none
            const n1 = (await apiGet(focal, '/api/notifications?pageSize=200')).items.filter((n) => n.kind === 'task_overdue' && n.subjectId === t1.id);
            await focal.reload();
            const n2 = (await apiGet(focal, '/api/notifications?pageSize=200')).items.filter((n) => n.kind === 'task_overdue' && n.subjectId === t1.id);
            assert.equal(n1.length, 1);
            assert.equal(n2.length, 1);

            await focal.goto(`${server.base}/tasks`);
            const card = focal.getByTestId('task-card').filter({ hasText: title1 });
            await expectText(card, /Quá hạn/);
            await card.getByTestId('task-update').click();
            await focal.getByTestId('task-update-note').fill('Đã rà soát 12 cơ sở, còn 3 cơ sở chưa kiểm tra.');
            await focal.getByTestId('task-update-ok').click();
            await expectText(focal.getByTestId('tasks-col-in_progress'), title1);
            if (phone) await noWiderThan(focal, 390, 'the task board');
            await screenshot(focal, `directives-focal-board-${size}.png`);
          } finally {
            await fctx.close();
          }

          // the province extends the deadline with a reason; the task is no longer overdue, the history shows it
          await page.reload();
          await page.goto(`${server.base}/directives?q=${encodeURIComponent(number)}`);
          const listed = phone ? page.getByText(number).first() : page.getByTestId('directives-table').locator('tr', { hasText: number });
          await listed.click();
          const row = page.getByTestId('directive-tasks').locator('tr, .lg-card-row', { hasText: title1 });
          await expectText(row, /Đang thực hiện/);
          await row.getByTestId('task-extend').click();
          await typeDate(page, page.getByTestId('extend-date'), later);
          await page.getByTestId('extend-reason').fill('Chờ kết quả kiểm tra của đoàn liên ngành');
          await screenshot(page, `directives-extend-${size}.png`);
          await page.getByTestId('extend-ok').click();
          await page.getByTestId('extend-reason').waitFor({ state: 'hidden' });
          await expectText(row, dmy(later));
          const after = await apiGet(page, `/api/tasks/${t1.id}`);
          assert.equal(after.currentDue, later);
          assert.equal(after.overdue, false);
          assert.deepEqual(after.extensions.map((e) => [e.previousDue, e.newDue, e.reason]),
            [[past, later, 'Chờ kết quả kiểm tra của đoàn liên ngành']]);
          if (phone) await noWiderThan(page, 390, 'the directive after the extension');

          // edit the directive and a task: the forms open filled in, and save
          await page.getByTestId('directive-edit').click();
          await expectText(page.getByTestId('directive-form').locator('.ant-drawer-title'), number);
          assert.match(await page.getByTestId('dir-form-subject').inputValue(), /Kế hoạch kiểm tra liên ngành/);
          await page.getByTestId('dir-form-subject').fill(`Kế hoạch kiểm tra liên ngành (sửa đổi, ${size})`);
          await page.getByTestId('dir-form-save').click();
          await expectText(page.getByTestId('directive-drawer').locator('.ant-descriptions'), `(sửa đổi, ${size})`);
          const row2 = page.getByTestId('directive-tasks').locator('tr, .lg-card-row', { hasText: title2 });
          await row2.getByTestId('task-edit').click();
          assert.equal(await page.getByTestId('task-form-duedays').inputValue(), '31/03, 30/06, 30/09, 31/12');
          await page.getByTestId('task-form-title').fill(`${title2} — bổ sung`);
          await page.getByTestId('task-form-save').click();
          await page.getByTestId('task-form-code').waitFor({ state: 'hidden' });
          await expectText(page.getByTestId('directive-tasks'), `${title2} — bổ sung`);
          const t2 = (await apiGet(page, `/api/tasks?directiveId=${dir.id}`)).items.find((t) => t.code === '2');
          assert.equal(t2.deadline.recurrence, 'quarterly', 'the recurrence kept on edit');
          assert.deepEqual(t2.deadline.dueDays, ['03-31', '06-30', '09-30', '12-31']);
        });
      } finally {
        await ctx.close();
      }
    });
  }

  test('phone: a task assigned from "Nhiệm vụ", the directive and the agency picked by name', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('tasks-create-phone', ctx, async () => {
        const page = await loginPage(ctx, 'tinh.gialai');
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`${server.base}/tasks`);
        await page.getByTestId('task-add').click();
        await page.getByTestId('task-form-code').waitFor();
        await pick(page, page.getByTestId('task-form-directive'), '45/KH', '45/KH-UBND');
        await page.getByTestId('task-form-code').fill('8');
        await page.getByTestId('task-form-title').fill('Truyền thông phòng ngừa mại dâm tại khu công nghiệp');
        await pick(page, page.getByTestId('task-form-lead'), 'hoi lien hiep phu nu', 'Hội Liên hiệp Phụ nữ tỉnh Gia Lai');
        const due = addDays(todayVN().iso, 20);
        await typeDate(page, page.getByTestId('task-form-due'), due);
        await noWiderThan(page, 390, 'the task form on the tasks page');
        await screenshot(page, 'tasks-create-phone.png');
        await page.getByTestId('task-form-save').click();
        await page.getByTestId('task-form-code').waitFor({ state: 'hidden' });
        const dir = (await apiGet(page, '/api/directives?q=45%2FKH-UBND')).items[0];
        const made = (await apiGet(page, `/api/tasks?directiveId=${dir.id}&q=khu%20cong%20nghiep`)).items;
        assert.equal(made.length, 1);
        assert.equal(made[0].leadAgency.name, 'Hội Liên hiệp Phụ nữ tỉnh Gia Lai');
        assert.equal(made[0].deadline.dueDate, due);
        await noWiderThan(page, 390, 'the tasks page');
        await screenshot(page, 'tasks-page-phone.png');
      });
    } finally {
      await ctx.close();
    }
  });

  test('a directive opens read-only for those who may not manage it', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('directives-readonly', ctx, async () => {
        const page = await loginPage(ctx, 'xem.gialai');
        await page.setViewportSize({ width: 1366, height: 768 });
        await page.goto(`${server.base}/directives`);
        await page.getByTestId('directives-table').locator('tr.ant-table-row').first().click();
        await page.getByTestId('directive-drawer').locator('.ant-descriptions').waitFor();
        assert.equal(await page.getByTestId('directive-add').count(), 0);
        assert.equal(await page.getByTestId('directive-edit').count(), 0);
        assert.equal(await page.getByTestId('directive-add-task').count(), 0);
      });
    } finally {
      await ctx.close();
    }
  });

  test('desktop and phone: a coordination plan issued from an approved plan, one task per plan activity', async () => {
    for (const [size, viewport] of [['desktop', { width: 1366, height: 768 }], ['phone', { width: 390, height: 844 }]]) {
      const ctx = await newContext(browser, server.base);
      try {
        await withScreenshotOnFailure(`coordination-${size}`, ctx, async () => {
          const page = await loginPage(ctx, 'tinh.gialai');
          await page.setViewportSize(viewport);
          const plans = (await apiGet(page, '/api/plans?pageSize=100')).items;
          const plan = plans.find((p) => p.agency?.name === 'Sở Y tế tỉnh Gia Lai' && p.year === 2026 && p.status === 'approved');
          const full = await apiGet(page, `/api/plans/${plan.id}`);
          await page.goto(`${server.base}/plans/${plan.id}`);
          const card = page.getByTestId('coord-plans');
          await card.waitFor();
          await card.getByTestId('coord-issue').click();
          const form = page.getByTestId('directive-form');
          await form.waitFor();
          const tasks = page.getByTestId('coord-task');
          await tasks.first().waitFor();
          assert.equal(await tasks.count(), full.activities.length, 'one task per plan activity');
          assert.equal(await tasks.first().getByTestId('coord-task-title').inputValue(), full.activities[0].description);
          // drop the last one, keep the others as pre-filled
          await tasks.last().getByRole('button').first().click();
          const number = size === 'phone' ? '91/KH-UBND' : '90/KH-UBND';
          await page.getByTestId('dir-form-number').fill(number);
          if (size === 'phone') await noWiderThan(page, 390, 'the coordination plan form');
          await screenshot(page, `coordination-form-${size}.png`);
          await page.getByTestId('dir-form-save').click();
          await form.waitFor({ state: 'hidden' });
          await expectText(card, number);
          await screenshot(page, `coordination-plan-page-${size}.png`);
          const d = (await apiGet(page, `/api/directives?plan=${plan.id}`)).items.find((x) => x.number === number);
          assert.equal(d.kind, 'coordination_plan');
          const made = (await apiGet(page, `/api/tasks?directiveId=${d.id}&sort=code`)).items;
          assert.equal(made.length, full.activities.length - 1);
          const a0 = full.activities[0];
          const t0 = made.find((t) => t.code === '1');
          assert.equal(t0.leadAgency.id, a0.leadAgency.id, 'the lead agency of the plan activity');
          assert.equal(t0.deadline.dueDate, a0.endDate, 'due at the activity end');
        });
      } finally {
        await ctx.close();
      }
    }
  });
});
