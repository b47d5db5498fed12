// Issue 19 journey (docs/api-money.md): money through its stages, each figure typed once.
// The focal point of Sở Y tế Gia Lai breaks the year's approved plan down in a new version whose new
// activity carries a budget by source (the activity's and the plan's totals computed on screen); the province approves it; the province
// records an allocation decision for that planned activity, issues it, then an amending decision
// that cuts it (signed amount), the timeline showing the running totals; an activity linked to the
// planned activity spends more than allocated (the warning with the figures after saving); the
// money page, the dashboard panel and the six-monthly report's "Kinh phí được giao" row show the
// figures by themselves — asserted against what the test typed and what the API answers.
// The decision list and the money page fit a 390 px phone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  SCREENSHOTS, apiGet, expectText, expectUrl, launchBrowser, loginPage, newContext, noWiderThan, screenshot, startServer, todayVN, withScreenshotOnFailure,
} from './harness.mjs';

const PHONE = { width: 390, height: 844 };
const PROVINCE = '52'; // Gia Lai, home unit of tinh.gialai
const FORM = 'bc_6thang';
const TAG = `e2e-${Date.now().toString(36)}`;
const ACTIVITY = `Tuyên truyền phòng, chống mại dâm tại cộng đồng (${TAG})`;
// What the test types, and what follows from it.
const PLANNED_PROVINCIAL = 15_000_000;
const PLANNED_CENTRAL = 5_000_000;
const PLANNED = PLANNED_PROVINCIAL + PLANNED_CENTRAL; // 20.000.000
const ALLOCATED_FIRST = 10_000_000;
const CUT = -2_000_000;
const ALLOCATED = ALLOCATED_FIRST + CUT; // 8.000.000
const SPENT = 12_500_000;

const vnNumber = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const money = (n) => `${n < 0 ? '-' : ''}${vnNumber(Math.abs(n))} đ`;
/** 0.8125 → "81,25 %", 92.075 → "9.207,5 %" (as the screens show rates); null → "—". */
const rate = (r) => {
  if (r === null) return '—';
  const [int, frac] = (Math.round(r * 10000) / 100).toString().split('.');
  return `${vnNumber(int)}${frac ? `,${frac}` : ''} %`;
};

/** A PNG of one part of the page (full-page shots of long forms are too tall to read). */
async function shot(locator, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await locator.screenshot({ path: join(SCREENSHOTS, name), animations: 'disabled' });
}

async function inputOf(locator) {
  const tag = await locator.evaluate((e) => e.tagName);
  return tag === 'INPUT' ? locator : locator.locator('input').first();
}

/** Opens an Ant Design Select, optionally types into its search, and picks the option showing `label`. */
async function pick(page, select, label, typed = '') {
  await select.click();
  if (typed) await page.keyboard.type(typed);
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: label });
  await option.first().click();
}

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

async function getOk(page, path) {
  const r = await apiGet(page, path);
  assert.equal(r.status, 200, `GET ${path}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Fills a DatePicker (dd/mm/yyyy) and confirms it. */
async function fillDate(page, picker, iso) {
  const [y, m, d] = iso.split('-');
  const box = await inputOf(picker);
  await box.click();
  await box.fill(`${d}/${m}/${y}`);
  await box.press('Enter');
}

describe('money through its stages: plan budgets → allocation → spending → figures → report', () => {
  let server, browser;
  before(async () => {
    server = await startServer('money');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the journey', async () => {
    const today = todayVN().iso;
    const year = Number(today.slice(0, 4));
    const focal = await newContext(browser, server.base);
    const province = await newContext(browser, server.base);
    try {
      let planId;
      // 1. The focal point drafts a plan whose activity has a budget by source; totals on screen.
      await withScreenshotOnFailure('money-plan', focal, async () => {
        const page = await loginPage(focal, 'coquan.gialai');
        // The agency's approved plan of the year is broken down in a new version (one plan per agency and year).
        const mine = (await getOk(page, `/api/plans?year=${year}&pageSize=100`)).items.find((p) => p.status === 'approved');
        assert.ok(mine, 'the demo holds an approved plan of the year for Sở Y tế Gia Lai');
        await page.goto(`/plans/${mine.id}`);
        await page.getByTestId('plan-new-version').click();
        await page.getByTestId('plan-confirm-ok').click();
        await expectUrl(page, (u) => /^\/plans\/\d+$/.test(u.pathname) && u.pathname !== `/plans/${mine.id}`);
        planId = Number(new URL(page.url()).pathname.split('/').pop());
        // The new version carries the budgets of the approved one; the new activity adds to them.
        const draft = await getOk(page, `/api/plans/${planId}`);
        const lines = draft.activities.flatMap((a) => a.budget ?? []);
        const had = (src) => lines.filter((l) => l.fundingSource === src).reduce((s, l) => s + l.amount, 0);
        const hadTotal = lines.reduce((s, l) => s + l.amount, 0);
        await page.getByTestId('plan-edit').click();
        await page.getByTestId('plan-add-activity').click();
        const row = page.getByTestId('plan-activity-row').last();
        await pick(page, row.getByTestId('plan-activity-type'), 'Tuyên truyền tại cộng đồng');
        await row.getByTestId('plan-activity-description').fill(ACTIVITY);
        await row.getByTestId('plan-activity-add-budget').click();
        await row.getByTestId('plan-activity-add-budget').click();
        await pick(page, row.getByTestId('plan-activity-budget-source').nth(0), 'Ngân sách tỉnh');
        await (await inputOf(row.getByTestId('plan-activity-budget-amount').nth(0))).fill(String(PLANNED_PROVINCIAL));
        await pick(page, row.getByTestId('plan-activity-budget-source').nth(1), 'Ngân sách trung ương');
        await (await inputOf(row.getByTestId('plan-activity-budget-amount').nth(1))).fill(String(PLANNED_CENTRAL));
        await row.getByTestId('plan-activity-budget-amount').nth(1).locator('input').blur().catch(() => {});
        // Computed on screen as typed: the activity's total and the plan's totals by source.
        await expectText(row.getByTestId('plan-activity-budget-total'), money(PLANNED));
        await expectText(page.getByTestId('plan-derived-total'), money(hadTotal + PLANNED));
        await expectText(page.getByTestId('plan-derived-source').filter({ hasText: 'Ngân sách tỉnh' }), money(had('provincial_budget') + PLANNED_PROVINCIAL));
        await expectText(page.getByTestId('plan-derived-source').filter({ hasText: 'Ngân sách trung ương' }), money(had('central_budget') + PLANNED_CENTRAL));
        assert.equal(await page.getByTestId('plan-add-budget').count(), 0, 'no whole-plan typing once activities carry budgets');
        await shot(row, 'money-01a-activity-budget.png');
        await shot(page.getByTestId('plan-derived-budget'), 'money-01b-plan-derived-totals.png');
        await page.getByTestId('plan-edit-save').click();
        await page.getByTestId('plan-activity-budget-view').first().waitFor();
        await expectText(page.getByTestId('plan-activities').locator('tr', { hasText: ACTIVITY }).getByTestId('plan-activity-budget-view-total'), money(PLANNED));
        await page.getByTestId('plan-budget-basis-activities').waitFor();
        const plan = await getOk(page, `/api/plans/${planId}`);
        assert.equal(plan.budgetBasis, 'activities');
        assert.equal(plan.activities.find((a) => a.description === ACTIVITY).budgetTotal, PLANNED);
        assert.equal(plan.budget.reduce((s, l) => s + l.amount, 0), hadTotal + PLANNED, 'the plan total is derived from its activities');
        await page.getByTestId('plan-submit').click();
        await page.getByTestId('plan-confirm-ok').click();
        await expectText(page.getByTestId('plan-status'), 'Chờ phê duyệt');
      });

      const pp = await loginPage(province, 'tinh.gialai');
      // 2. The province approves it.
      await withScreenshotOnFailure('money-approve', province, async () => {
        await pp.goto(`/plans/${planId}`);
        await pp.getByTestId('plan-approve').click();
        await pp.getByTestId('plan-decision-body').fill('UBND tỉnh Gia Lai');
        await pp.getByTestId('plan-decision-number').fill(`${TAG}/QĐ-UBND`);
        await pp.getByTestId('plan-decision-ok').click();
        await expectText(pp.getByTestId('plan-status'), 'Đã phê duyệt');
      });
      const plan = await getOk(pp, `/api/plans/${planId}`);
      const planActivity = plan.activities.find((a) => a.description === ACTIVITY);
      const TITLE_SHOWN = plan.title;

      // The six-monthly report's allocated figure before any decision of this journey.
      const periods = (await getOk(pp, `/api/report-periods?form=${FORM}&orgUnit=${PROVINCE}&year=${year}`)).items;
      const period = periods.find((p) => p.from <= today && today <= p.to);
      assert.ok(period, 'a six-monthly period holds today');
      const reportBefore = await getOk(pp, `/api/reports/current?form=${FORM}&period=${period.code}&orgUnit=${PROVINCE}`);
      const allocatedBefore = Number(reportBefore.values.budget_allocated ?? 0);

      // 3. An allocation decision for the planned activity: draft → issued.
      let decisionId;
      await withScreenshotOnFailure('money-decision', province, async () => {
        await pp.getByTestId('menu-allocation-decisions').click();
        await expectUrl(pp, /^\/allocation-decisions$/);
        await pp.getByTestId('alloc-new').click();
        await expectUrl(pp, /^\/allocation-decisions\/new$/);
        await pp.getByTestId('alloc-issuing-body').fill('Sở Tài chính tỉnh Gia Lai');
        await pp.getByTestId('alloc-number').fill(`${TAG}/QĐ-STC`);
        await fillDate(pp, pp.getByTestId('alloc-date'), today);
        await pick(pp, pp.getByTestId('alloc-plan'), TITLE_SHOWN);
        const line = pp.getByTestId('alloc-line').first();
        await pick(pp, line.getByTestId('alloc-line-activity'), ACTIVITY);
        await pick(pp, line.getByTestId('alloc-line-source'), 'Ngân sách tỉnh');
        await (await inputOf(line.getByTestId('alloc-line-amount'))).fill(String(ALLOCATED_FIRST));
        await expectText(pp.getByTestId('alloc-form-total'), money(ALLOCATED_FIRST));
        await screenshot(pp, 'money-02-decision-form.png');
        await pp.getByTestId('alloc-save').click();
        await expectUrl(pp, /^\/allocation-decisions\/\d+$/);
        decisionId = Number(new URL(pp.url()).pathname.split('/').pop());
        await expectText(pp.getByTestId('alloc-status'), 'Dự thảo');
        await pp.getByTestId('alloc-issue').click();
        await pp.getByTestId('alloc-issue-ok').click();
        await expectText(pp.getByTestId('alloc-status'), 'Đã ban hành');
        await expectText(pp.getByTestId('alloc-total'), money(ALLOCATED_FIRST));
        await expectText(pp.getByTestId('alloc-effective-total'), money(ALLOCATED_FIRST));
        assert.equal(await pp.getByTestId('alloc-edit').count(), 0, 'an issued decision is not edited');
      });

      // 4. An amending decision cuts it: a signed amount; the original's effective total and timeline follow.
      await withScreenshotOnFailure('money-amend', province, async () => {
        await pp.getByTestId('alloc-amend').click();
        await expectUrl(pp, /\/amend$/);
        await pp.getByTestId('alloc-number').fill(`${TAG}b/QĐ-STC`);
        await fillDate(pp, pp.getByTestId('alloc-date'), today);
        const line = pp.getByTestId('alloc-line').first();
        await (await inputOf(line.getByTestId('alloc-line-amount'))).fill(String(CUT));
        await expectText(pp.getByTestId('alloc-form-total'), money(CUT));
        await pp.getByTestId('alloc-save').click();
        await expectUrl(pp, /^\/allocation-decisions\/\d+$/);
        await expectText(pp.getByTestId('alloc-total'), `-${vnNumber(-CUT)} đ`);
        await pp.getByTestId('alloc-issue').click();
        await pp.getByTestId('alloc-issue-ok').click();
        await expectText(pp.getByTestId('alloc-status'), 'Đã ban hành');
        await pp.goto(`/allocation-decisions/${decisionId}`);
        await expectText(pp.getByTestId('alloc-effective-total'), money(ALLOCATED));
        const running = pp.getByTestId('alloc-running');
        await expectText(running.nth(0), money(ALLOCATED_FIRST));
        await expectText(running.nth(1), money(ALLOCATED));
        const d = await getOk(pp, `/api/allocation-decisions/${decisionId}`);
        assert.equal(d.effectiveTotal, ALLOCATED);
        await screenshot(pp, 'money-03-decision-timeline.png');
      });

      // 5. An activity linked to the planned activity spends more than allocated: the warning with the figures.
      await withScreenshotOnFailure('money-activity', province, async () => {
        const created = await apiWrite(pp, 'POST', '/api/activities', {
          title: `Tuyên truyền tại tổ dân phố (${TAG})`, interventionTypeCode: planActivity.interventionType, orgUnitCode: PROVINCE,
          leadAgencyId: plan.agency.id, partnerAgencyIds: [], programmeIds: [], planActivityId: planActivity.id,
          startDate: today, endDate: today, reach: [{ targetGroup: 'sex_workers', total: 25 }], outputs: [],
          costs: [{ fundingSource: 'provincial_budget', amount: SPENT }], note: '',
        });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        const warnings = created.body.moneyWarnings ?? [];
        const bySource = warnings.find((w) => w.fundingSource === 'provincial_budget');
        assert.ok(bySource, `an over-allocation warning by source: ${JSON.stringify(warnings)}`);
        assert.deepEqual([bySource.planned, bySource.allocated, bySource.spent], [PLANNED_PROVINCIAL, ALLOCATED, SPENT]);
        // Saved again from the form: the warning shows with its figures.
        await pp.goto(`/activities/${created.body.id}/edit`);
        await pp.getByTestId('activity-save').click();
        const shown = pp.getByTestId('money-warning').first();
        await shown.waitFor();
        await expectText(pp.getByTestId('money-warnings'), money(SPENT));
        await expectText(pp.getByTestId('money-warnings'), money(ALLOCATED));
        await shot(pp.locator('.ant-modal-content').first(), 'money-04-over-allocation-warning.png');
        await pp.locator('.ant-modal-confirm-btns button').first().click();
      });

      // 6. The money page: the planned activity's row is exactly what was typed; totals as the API answers.
      await withScreenshotOnFailure('money-page', province, async () => {
        await pp.goto(`/money?year=${year}&orgUnit=${PROVINCE}`);
        const exec = await getOk(pp, `/api/money/execution?orgUnit=${PROVINCE}&year=${year}&by=source`);
        await expectText(pp.getByTestId('money-total-planned'), money(exec.total.planned));
        await expectText(pp.getByTestId('money-total-allocated'), money(exec.total.allocated));
        await expectText(pp.getByTestId('money-total-spent'), money(exec.total.spent));
        await expectText(pp.getByTestId('money-allocated-rate'), rate(exec.total.allocatedRate));
        await expectText(pp.getByTestId('money-integrated-share'), rate(exec.integratedShare));
        const byActivity = await getOk(pp, `/api/money/execution?orgUnit=${PROVINCE}&year=${year}&by=planActivity`);
        const mine = byActivity.rows.find((r) => String(r.key) === String(planActivity.id));
        assert.ok(mine, 'the planned activity has its row');
        assert.deepEqual([mine.planned, mine.allocated, mine.spent], [PLANNED, ALLOCATED, SPENT]);
        assert.equal(mine.allocatedRate, ALLOCATED / PLANNED);
        await pp.getByTestId('money-by').getByText('Hoạt động kế hoạch').click();
        const tr = pp.getByTestId('money-execution-table').locator('tr', { hasText: ACTIVITY });
        await expectText(tr, money(PLANNED));
        await expectText(tr, money(ALLOCATED));
        await expectText(tr, money(SPENT));
        await expectText(tr, '40 %');
        const cost = await getOk(pp, `/api/money/cost-per-result?orgUnit=${PROVINCE}&year=${year}&by=interventionType`);
        if (cost.total.costPerPerson !== null) await expectText(pp.getByTestId('money-cost-per-person'), money(Math.round(cost.total.costPerPerson)));
        const xlsx = await pp.request.get(`/api/money/execution.xlsx?orgUnit=${PROVINCE}&year=${year}&by=source`);
        assert.equal(xlsx.status(), 200);
        await screenshot(pp, 'money-05-money-page.png');
      });

      // 7. The dashboard panel shows the same figures and links to the money page.
      await withScreenshotOnFailure('money-dashboard', province, async () => {
        await pp.goto('/dashboard');
        const exec = await getOk(pp, `/api/money/execution?orgUnit=${PROVINCE}&year=${year}&by=source`);
        const panel = pp.getByTestId('money-panel');
        await panel.scrollIntoViewIfNeeded();
        await expectText(panel.getByTestId('money-panel-planned'), money(exec.total.planned));
        await expectText(panel.getByTestId('money-panel-allocated'), money(exec.total.allocated));
        await expectText(panel.getByTestId('money-panel-spent'), money(exec.total.spent));
        await expectText(panel.getByTestId('money-panel-spent-rate'), rate(exec.total.spentRate));
        assert.ok(exec.total.allocated >= ALLOCATED && exec.total.spent >= SPENT && exec.total.planned >= PLANNED);
        await shot(panel, 'money-06-dashboard-panel.png');
        await panel.getByTestId('money-panel-link').click();
        await expectUrl(pp, /^\/money/);
      });

      // 8. On a phone: the decision list and the money page fit the screen.
      await withScreenshotOnFailure('money-phone', province, async () => {
        await pp.setViewportSize(PHONE);
        await pp.goto('/allocation-decisions');
        await pp.getByTestId('alloc-table').waitFor();
        await expectText(pp.getByTestId('alloc-table'), `${TAG}/QĐ-STC`);
        await noWiderThan(pp, PHONE.width, 'the decision list');
        await screenshot(pp, 'money-08-decisions-phone.png');
        await pp.goto(`/allocation-decisions/${decisionId}`);
        await pp.getByTestId('alloc-detail').waitFor();
        await noWiderThan(pp, PHONE.width, 'a decision');
        await pp.goto(`/money?year=${year}&orgUnit=${PROVINCE}`);
        await pp.getByTestId('money-total-planned').waitFor();
        await noWiderThan(pp, PHONE.width, 'the money page');
        await screenshot(pp, 'money-09-money-phone.png');
        await pp.setViewportSize({ width: 1440, height: 900 });
      });
      // 9. The six-monthly report's "Kinh phí được giao" grew by exactly the issued decisions, by itself.
      await withScreenshotOnFailure('money-report', province, async () => {
        const after = await getOk(pp, `/api/reports/current?form=${FORM}&period=${period.code}&orgUnit=${PROVINCE}`);
        assert.equal(Number(after.values.budget_allocated) - allocatedBefore, ALLOCATED, 'Σ issued decisions of the period');
        await pp.goto(`/reports?form=${FORM}&period=${period.code}`);
        await expectText(pp.getByTestId('report-row-budget_allocated'), 'Kinh phí được giao');
        await expectText(pp.getByTestId('report-value-budget_allocated'), vnNumber(after.values.budget_allocated));
        assert.equal(await pp.getByTestId('report-field-budget_allocated').count(), 0, 'computed: no input');
        await shot(pp.getByTestId('report-row-budget_allocated'), 'money-07-report-row.png');
      });

    } finally {
      await focal.close();
      await province.close();
    }
  });
});
