// Issue 17 §2–§6 on a phone (390 px): the Gia Lai inspection team opens its active 2026 plan,
// records an inspection of a business found without diacritics, fails a checklist item and takes
// the suggested violation, sees the legal reference follow the inspection date (Decree 144/2021
// on 10/12/2025, Decree 282/2025 on 20/12/2025), signs, finalises, gets the biên bản links, and
// the plan's coverage counts the business. Nothing is wider than the screen at any step.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import {
  SCREENSHOTS, apiGet, expectText, launchBrowser, loginPage, newContext, noWiderThan, screenshot, startServer, todayVN, withScreenshotOnFailure,
} from './harness.mjs';

const PHONE = { width: 390, height: 844 };
const BUSINESS = 'Karaoke Ngôi Sao';
/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

async function pick(page, select, typed, label = typed) {
  await select.click();
  if (typed) await page.keyboard.type(typed);
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: label });
  await option.first().click();
}

async function setDate(page, testId, display) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(display);
  await input.press('Enter');
}

/** The active 2026 plan of the Gia Lai team, with its progress, from the API. */
async function glPlan(page, year) {
  const r = await apiGet(page, `/api/inspection-plans?year=${year}&status=active`);
  assert.equal(r.status, 200);
  const plan = r.body.items.find((p) => p.team.name.includes('Gia Lai'));
  assert.ok(plan, 'an active Gia Lai plan');
  return plan;
}

describe('inspections on a phone', () => {
  let server, browser;
  before(async () => {
    server = await startServer('inspections');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('plan → record → failed item → violation under the decree of the day → sign → finalise → coverage', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('inspections', ctx, async () => {
        const page = await loginPage(ctx, 'doikiemtra.gialai');
        await page.setViewportSize(PHONE);
        const today = todayVN();
        const year = Number(today.iso.slice(0, 4));
        const before = await glPlan(page, year);

        // 1. The plans page: the active plan with its coverage.
        await page.goto('/inspection-plans');
        const card = page.getByTestId('plan-card').filter({ hasText: before.title });
        await expectText(card.getByTestId('plan-status'), 'Đang thực hiện');
        await expectText(card.getByTestId('plan-progress'), `Đã kiểm tra ${before.progress.businessesInspected}/${before.progress.businessesInScope} cơ sở`);
        await noWiderThan(page, PHONE.width, 'the plans page');
        await screenshot(page, 'inspections-01-plans-phone.png');

        // 2. "Lập biên bản" from the plan: the team comes with it; the business is found without diacritics.
        await card.getByTestId('plan-inspect').click();
        await page.waitForURL(/\/inspections\/new\?planId=/);
        await expectText(page.getByTestId('insp-team'), 'Gia Lai');
        await pick(page, page.getByTestId('insp-business'), 'ngoi sao', BUSINESS);
        const members = page.getByTestId('insp-members');
        await members.locator('.ant-checkbox-wrapper').nth(0).click();
        await members.locator('.ant-checkbox-wrapper').nth(1).click();
        await page.getByTestId('insp-rep-name').fill('Nguyễn Văn Chủ');
        await page.getByTestId('insp-rep-role').fill('Chủ cơ sở');
        await setDate(page, 'insp-date', '10/12/2025');
        await noWiderThan(page, PHONE.width, 'the record form');
        await screenshot(page, 'inspections-02-form-phone.png');

        // 3. The checklist in force: fail "the person responsible", take the suggested violation.
        const item = page.getByTestId('check-item').filter({ hasText: 'Người chịu trách nhiệm về ANTT' });
        await item.getByText('Không đạt', { exact: true }).click();
        const suggestion = page.getByTestId('insp-suggestion');
        await expectText(suggestion, 'người chịu trách nhiệm');
        await suggestion.getByTestId('insp-suggestion-add').click();
        const violation = page.getByTestId('violation-card').first();
        await expectText(violation.getByTestId('violation-topic'), 'Không có người chịu trách nhiệm về an ninh, trật tự');

        // 4. On 10/12/2025 the reference in force is Decree 144/2021; on 20/12/2025, Decree 282/2025.
        await expectText(violation.getByTestId('legal-ref-instrument'), 'Nghị định 144/2021/NĐ-CP, Điều 12, khoản 2, điểm a');
        await expectText(violation.getByTestId('legal-ref'), '3.000.000 – 5.000.000 đ');
        await violation.scrollIntoViewIfNeeded();
        await noWiderThan(page, PHONE.width, 'a violation under Decree 144/2021');
        await screenshot(page, 'inspections-03-violation-144-2021-phone.png');
        await violation.screenshot({ path: join(SCREENSHOTS, 'inspections-03b-violation-card-144-2021.png') });
        await page.getByTestId('insp-date').scrollIntoViewIfNeeded();
        await setDate(page, 'insp-date', '20/12/2025');
        await expectText(violation.getByTestId('legal-ref-instrument'), 'Nghị định 282/2025/NĐ-CP, Điều 12, khoản 2, điểm a');
        await expectText(violation.getByTestId('legal-ref'), 'áp dụng cho ngày 20/12/2025');
        await violation.scrollIntoViewIfNeeded();
        await screenshot(page, 'inspections-04-violation-282-2025-phone.png');
        await violation.screenshot({ path: join(SCREENSHOTS, 'inspections-04b-violation-card-282-2025.png') });

        // 5. The record itself is made today (it counts for this year's plan): 282/2025 still.
        await page.getByTestId('insp-date').scrollIntoViewIfNeeded();
        await setDate(page, 'insp-date', today.display);
        await expectText(violation.getByTestId('legal-ref-instrument'), 'Nghị định 282/2025/NĐ-CP');
        await violation.getByTestId('violation-description').fill('Người chịu trách nhiệm về ANTT vắng mặt, không ủy quyền');
        await violation.getByTestId('violation-fine').fill('4000000');
        await violation.getByTestId('violation-fine').blur();
        await expectText(page.getByTestId('insp-fine-total'), '4.000.000 đ');
        await page.getByTestId('insp-outreach-informed').fill('6');
        await page.getByTestId('insp-outreach-healthChecked').fill('2');
        await page.getByTestId('insp-signed').click();
        await page.getByTestId('insp-save').click();
        await page.waitForURL(/\/inspections\/\d+$/);
        const id = Number(new URL(page.url()).pathname.split('/').pop());
        await expectText(page.getByTestId('insp-status-tag'), 'Bản nháp');
        // Evidence on the draft: a photo taken on site.
        await page.getByTestId('insp-evidence-file').setInputFiles({ name: 'hien-truong.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') });
        await expectText(page.getByTestId('insp-evidence'), 'hien-truong.png');
        await noWiderThan(page, PHONE.width, 'the saved draft');
        await screenshot(page, 'inspections-05-draft-phone.png');

        // 6. Finalise (confirmed): read-only, with the biên bản links.
        await page.getByTestId('insp-finalise').click();
        await page.getByTestId('insp-finalise-ok').click();
        await expectText(page.getByTestId('insp-status-tag'), 'Đã hoàn tất');
        const docx = page.getByTestId('insp-doc-docx');
        const pdf = page.getByTestId('insp-doc-pdf');
        assert.equal(await docx.getAttribute('href'), `/api/inspections/${id}/document?format=docx`);
        assert.equal(await pdf.getAttribute('href'), `/api/inspections/${id}/document?format=pdf`);
        assert.equal(await page.getByTestId('insp-finalise').count(), 0, 'a final record has no finalise button');
        await expectText(page.getByTestId('legal-ref-instrument'), 'Nghị định 282/2025/NĐ-CP');
        const saved = await apiGet(page, `/api/inspections/${id}`);
        assert.equal(saved.body.status, 'final');
        assert.equal(saved.body.signature, 'signed');
        assert.equal(saved.body.fineTotal, 4_000_000);
        assert.deepEqual(saved.body.outreach, { informed: 6, healthChecked: 2, referred: 0 });
        assert.deepEqual(saved.body.evidence.map((e) => e.filename), ['hien-truong.png']);
        assert.equal(saved.body.membersPresent.length, 2);
        assert.equal(saved.body.checklist.items.find((i) => i.itemKey === 'responsible_person').result, 'fail');
        assert.match(saved.body.violations[0].legalReference.instrument, /282\/2025/);
        // The biên bản downloads as a Word document.
        const doc = await page.evaluate(async (path) => {
          const r = await fetch(path, { credentials: 'same-origin' });
          return { status: r.status, type: r.headers.get('Content-Type') ?? '', size: (await r.arrayBuffer()).byteLength };
        }, `/api/inspections/${id}/document?format=docx`);
        assert.equal(doc.status, 200);
        assert.match(doc.type, /wordprocessingml/);
        assert.ok(doc.size > 1000);
        await noWiderThan(page, PHONE.width, 'the final record');
        await screenshot(page, 'inspections-06-final-phone.png');

        // 7. The plan counts the business as inspected.
        const after = await glPlan(page, year);
        assert.equal(after.progress.businessesInspected, before.progress.businessesInspected + 1);
        await page.goto('/inspection-plans');
        const card2 = page.getByTestId('plan-card').filter({ hasText: after.title });
        await expectText(card2.getByTestId('plan-progress'), `Đã kiểm tra ${after.progress.businessesInspected}/${after.progress.businessesInScope} cơ sở`);
        await noWiderThan(page, PHONE.width, 'the plans page after');
        await screenshot(page, 'inspections-07-coverage-phone.png');

        // 8. The list shows it, final, with its tags; cards on a phone.
        await page.goto('/inspections');
        const row = page.getByTestId('insp-table').locator('.lg-card-row').filter({ hasText: BUSINESS }).first();
        await expectText(row, 'Đã hoàn tất');
        await noWiderThan(page, PHONE.width, 'the inspections list');
        await screenshot(page, 'inspections-08-list-phone.png');
      });
    } finally {
      await ctx.close();
    }
  });
  test('a commune officer reads the records of the commune without writing; the province plans are outside its scope', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('inspections-commune', ctx, async () => {
        const page = await loginPage(ctx, 'xa.gialai');
        await page.setViewportSize(PHONE);
        await page.goto('/inspection-plans');
        // The plans belong to the province's team: outside a commune's scope.
        await page.getByText('Chưa có kế hoạch').waitFor();
        assert.equal(await page.getByTestId('plan-new').count(), 0);
        await page.goto('/inspections');
        const first = page.getByTestId('insp-table').locator('.lg-card-row').first();
        await first.waitFor();
        assert.equal(await page.getByTestId('insp-new').count(), 0);
        await first.getByTestId('insp-open').click();
        await page.waitForURL(/\/inspections\/\d+$/);
        await page.getByTestId('insp-checklist').waitFor();
        assert.equal(await page.getByTestId('insp-save').count(), 0, 'no save for a reader');
        await expectText(page.getByTestId('insp-team'), 'Đội kiểm tra liên ngành');
        assert.equal(await page.getByTestId('insp-finalise').count(), 0);
        await noWiderThan(page, PHONE.width, 'a record read by a commune officer');
        await screenshot(page, 'inspections-09-commune-reader-phone.png');
      });
    } finally {
      await ctx.close();
    }
  });

  test('the administrator imports legal references: errors per row first, then a clean file committed', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('inspections-legal-import', ctx, async () => {
        const page = await loginPage(ctx, 'admin');
        await page.setViewportSize(PHONE);
        await page.goto('/legal-references');
        await page.getByTestId('legal-table').getByText('Nghị định 282/2025/NĐ-CP, Điều 32').first().waitFor();
        await page.getByTestId('legal-import').click();
        const header = 'code,instrument,article,clause,point,topic,titleVi,titleEn,fineMin,fineMax,validFrom,validTo,sourceNote';
        const good = 'E2E-999-D99,999/2026/NĐ-CP,99,,,other,Vi phạm thử nghiệm,Test violation,100000,200000,2026-01-01,,e2e';
        const file = (rows) => ({ name: 'can-cu.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) });
        const input = page.getByTestId('legal-import-panel-file');
        await input.setInputFiles(file([good, 'E2E-999-D98,999/2026/NĐ-CP,98,,,no_such_topic,Sai,Wrong,1,2,2026-01-01,,e2e']));
        await expectText(page.getByTestId('legal-import-panel-invalid'), 'chưa ghi gì');
        await page.getByTestId('legal-import-panel-errors').waitFor();
        await noWiderThan(page, PHONE.width, 'legal import errors');
        await screenshot(page, 'inspections-10-legal-import-errors-phone.png');
        await input.setInputFiles(file([good]));
        await page.getByTestId('legal-import-panel-commit').click();
        await expectText(page.getByTestId('legal-import-panel-done'), 'Đã nhập 1 dòng');
        await page.keyboard.press('Escape');
        await page.getByTestId('legal-table').getByText('Nghị định 999/2026/NĐ-CP, Điều 99').first().waitFor();
        await screenshot(page, 'inspections-11-legal-imported-phone.png');
      });
    } finally {
      await ctx.close();
    }
  });
});
