// Issue 5 item 6 journey: the province lead officer opens the approved 2026 plan of Sở Y tế Gia
// Lai, goes to its yearly evaluation, sees planned against achieved for the activities recorded
// under the plan, the budget by source and the cost per person, writes the narrative of
// effectiveness and has the Word document ready to download.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectText, expectUrl, launchBrowser, loginPage, newContext, screenshot, startServer, withScreenshotOnFailure } from './harness.mjs';

/** A JSON request with the session's CSRF token, from inside the page. */
async function apiCall(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/me', { credentials: 'same-origin' })).json();
      const r = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, type: r.headers.get('content-type'), body: r.headers.get('content-type')?.includes('json') ? await r.json() : null };
    },
    { method, path, body },
  );
}

describe('yearly evaluation of a plan', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer('evaluation');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the evaluation of the approved plan: figures, narrative, document', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('evaluation', ctx, async () => {
        const page = await loginPage(ctx, 'tinh.gialai');
        const plans = await apiCall(page, 'GET', '/api/plans?year=2026&status=approved');
        const summary = plans.body.items.find((p) => p.agency.name === 'Sở Y tế tỉnh Gia Lai');
        const plan = (await apiCall(page, 'GET', `/api/plans/${summary.id}`)).body;
        const [sti, condoms] = plan.activities;
        // The demo links most of its 2026 activities to this plan (issue 15): what it already
        // counts is read first, and the two activities recorded here must add to it.
        const base = (await apiCall(page, 'GET', `/api/plans/${plan.id}/evaluation`)).body;
        assert.ok(base.totals.activitiesHeld > 0, 'the demo plan evaluates to real figures');
        const record = (extra) => apiCall(page, 'POST', '/api/activities', {
          interventionTypeCode: 'sti_counselling', orgUnitCode: '52', leadAgencyId: plan.agency.id, partnerAgencyIds: [], programmeIds: [],
          outputs: [], note: '', ...extra });
        assert.equal((await record({ title: 'Tư vấn, khám STI đợt 1', planActivityId: sti.id, startDate: '2026-03-10', endDate: '2026-03-12',
          reach: [{ targetGroup: 'sex_workers', total: 40, female: 38, male: 2 }], costs: [{ fundingSource: 'provincial_budget', amount: 12000000 }] })).status, 201);
        assert.equal((await record({ title: 'Cấp phát bao cao su quý II', interventionTypeCode: 'condoms', planActivityId: condoms.id,
          startDate: '2026-05-01', endDate: '2026-06-30', reach: [{ targetGroup: 'sex_workers', total: 120 }],
          outputs: [{ kind: 'condoms', quantity: 8000 }], costs: [{ fundingSource: 'international', amount: 24000000 }] })).status, 201);
        const now = (await apiCall(page, 'GET', `/api/plans/${plan.id}/evaluation`)).body;
        const row = (e, id) => e.activities.find((a) => a.planActivity.id === id);
        assert.equal(row(now, condoms.id).achieved.quantity, row(base, condoms.id).achieved.quantity + 8000);
        assert.equal(row(now, sti.id).achieved.activities, row(base, sti.id).achieved.activities + 1);
        assert.equal(now.totals.spent, base.totals.spent + 36000000);
        assert.equal(now.totals.activitiesHeld, base.totals.activitiesHeld + 2);
        const vn = (n) => new Intl.NumberFormat('vi-VN').format(n);

        await page.goto(`/plans/${plan.id}`);
        await page.getByTestId('plan-evaluation').click();
        await expectUrl(page, new RegExp(`^/plans/${plan.id}/evaluation$`));
        await expectText(page.getByTestId('eval-title'), 'Đánh giá kết quả thực hiện kế hoạch năm 2026');
        const table = page.getByTestId('eval-activities');
        await expectText(table, 'Cấp phát bao cao su miễn phí');
        await expectText(table, `${vn(row(now, condoms.id).achieved.quantity)} chiếc`);
        await expectText(table, 'Thực hiện một phần');
        await expectText(table, 'Chưa thực hiện');  // the training of staff: nothing held yet
        await expectText(page.getByTestId('eval-cost-per-person'), /\d{1,3}(\.\d{3})*(,\d+)?đ\/người/);
        await expectText(page.getByTestId('eval-budget'), 'Ngân sách tỉnh');
        await expectText(page.getByTestId('eval-budget-spent'), vn(now.totals.spent));

        await page.getByTestId('eval-narrative-results').fill('Đã tư vấn, khám cho 40 người bán dâm và cấp phát 8.000 bao cao su.');
        await page.getByTestId('eval-narrative-proposals').fill('Đề nghị bổ sung kinh phí truyền thông quý IV.');
        await page.getByTestId('eval-narrative-save').click();
        await expectText(page.getByTestId('eval-narrative-version'), 'Lần lưu thứ 1');
        await screenshot(page, 'evaluation.png');

        const href = await page.getByTestId('eval-download-docx').getAttribute('href');
        assert.equal(href, `/api/plans/${plan.id}/evaluation/document?format=docx`);
        const doc = await apiCall(page, 'GET', href);
        assert.equal(doc.status, 200);
        assert.match(doc.type, /wordprocessingml/);
      });
    } finally {
      await ctx.close();
    }
  });
});
