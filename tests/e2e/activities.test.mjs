// Issue 4 journeys: activities and people reached in the browser. The commune officer records an
// activity by quick entry — the client names a female + male ≠ total fault on its field, the
// draft survives a reload, the saved activity shows in the list (and in its drawer) and the draft
// is gone; it records a target-group survey. The province lead officer imports a CSV with one bad row (the error names the row and
// nothing is written), then a good one, commits it and finds the rows in the list.
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
  textOf,
  todayVN,
  withScreenshotOnFailure,
} from './harness.mjs';
import { xlsx } from '../api/harness.mjs';

const TITLE = 'Tuyên truyền phòng, chống mại dâm tại tổ dân phố 3 (thử nghiệm e2e)';
const IMPORT_TITLE_1 = 'Nói chuyện chuyên đề nhập từ tệp e2e tại trường THPT';
const IMPORT_TITLE_2 = 'Sinh hoạt nhóm đồng đẳng nhập từ tệp e2e';

/** The <input> behind an Ant Design InputNumber or Input.Search, wherever its data-testid landed. */
async function inputOf(locator) {
  const tag = await locator.evaluate((e) => e.tagName);
  return tag === 'INPUT' ? locator : locator.locator('input').first();
}

/** Opens an Ant Design Select, types `typed` into its search and picks the option showing `label`. */
async function pick(page, select, typed, label = typed) {
  await select.click();
  if (typed) await page.keyboard.type(typed);
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: label });
  await option.first().click();
}

/** The number the list shows as its total ("1.234" → 1234). */
async function listTotal(page) {
  const el = page.getByTestId('activities-total');
  await expectText(el, /^\d[\d.]*$/);
  return Number((await textOf(el)).replace(/\./g, ''));
}

async function waitForTotal(page, expected) {
  const deadline = Date.now() + 15_000;
  let seen;
  for (;;) {
    seen = await listTotal(page);
    if (seen === expected) return;
    if (Date.now() > deadline) assert.fail(`list total: expected ${expected}, saw ${seen}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('activities: quick entry, list and bulk import', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer('activities');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a commune officer records an activity by quick entry; the draft survives a reload; the list shows it', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      const page = await loginPage(ctx, 'xa.gialai');
      await withScreenshotOnFailure('activities-quick-entry', ctx, async () => {
        await page.getByTestId('menu-activities-new').click();
        await expectUrl(page, /^\/activities\/new$/);
        const today = todayVN();
        // Defaults from the signed-in user: the ward, its People's Committee, today.
        await expectText(page.getByTestId('activity-org'), 'Quy Nhơn');
        await expectText(page.getByTestId('activity-lead'), 'UBND phường Quy Nhơn');
        assert.equal(await (await inputOf(page.getByTestId('activity-start'))).inputValue(), today.display);
        assert.equal(await (await inputOf(page.getByTestId('activity-end'))).inputValue(), today.display);

        await page.getByTestId('activity-title').fill(TITLE);
        await pick(page, page.getByTestId('activity-type'), 'cộng đồng', 'Tuyên truyền tại cộng đồng');
        await pick(page, page.getByTestId('activity-reach-group').first(), 'Học sinh', 'Học sinh, sinh viên');
        await (await inputOf(page.getByTestId('activity-reach-total-input').first())).fill('40');
        await (await inputOf(page.getByTestId('activity-reach-female').first())).fill('25');
        await (await inputOf(page.getByTestId('activity-reach-male').first())).fill('12');
        // The client names the fault on the field as you type.
        const sumError = page.locator('.ant-form-item-explain-error', { hasText: 'phải bằng tổng số' });
        await sumError.first().waitFor();
        await expectText(sumError, 'Nữ (25) + nam (12) = 37, phải bằng tổng số 40');
        await expectText(page.getByTestId('activity-reach-total'), '40');
        await expectText(page.getByTestId('activity-draft-status'), 'Bản nháp đã được lưu');
        await screenshot(page, 'activities-quick-entry-error.png');

        // A reload (a dropped connection, a closed tab) loses nothing.
        await page.reload();
        await page.getByTestId('activity-draft-restored').waitFor();
        assert.equal(await page.getByTestId('activity-title').inputValue(), TITLE, 'title restored from the draft');
        assert.equal(await (await inputOf(page.getByTestId('activity-reach-female').first())).inputValue(), '25');
        await expectText(page.getByTestId('activity-type'), 'Tuyên truyền tại cộng đồng');

        await (await inputOf(page.getByTestId('activity-reach-male').first())).fill('15');
        await page.waitForFunction(
          () => ![...document.querySelectorAll('.ant-form-item-explain-error')].some((e) => e.textContent?.includes('tổng số')),
        );
        await page.getByTestId('activity-add-output').click();
        await pick(page, page.getByTestId('activity-output-kind').first(), 'tuyên truyền', 'Số buổi tuyên truyền');
        await (await inputOf(page.getByTestId('activity-output-quantity').first())).fill('2');
        await page.getByTestId('activity-add-cost').click();
        await pick(page, page.getByTestId('activity-cost-source').first(), '', 'Ngân sách xã');
        await (await inputOf(page.getByTestId('activity-cost-amount').first())).fill('1500000');
        await screenshot(page, 'activities-quick-entry.png');

        await page.getByTestId('activity-save').click();
        await expectUrl(page, /^\/activities$/);
        const table = page.getByTestId('activities-table');
        await expectText(table, TITLE);
        const row = table.locator('tbody tr.ant-table-row', { hasText: TITLE });
        await expectText(row, '40');
        await expectText(row, '1.500.000');
        await expectText(row, today.display);
        await expectText(row, 'Ngoài kế hoạch');
        assert.equal(
          await page.evaluate(() => localStorage.getItem('longghep.activityDraft.xa.gialai.new')),
          null,
          'the draft is dropped after a successful save',
        );

        // Search without diacritics finds it (the server folds them).
        const search = await inputOf(page.getByTestId('activities-search'));
        await search.fill('to dan pho 3');
        await search.press('Enter');
        // The table showed the title before the search too: wait for the filtered total, not the row.
        await waitForTotal(page, 1);
        await expectText(table, TITLE);
        await screenshot(page, 'activities-list.png');

        await row.click();
        const drawer = page.getByTestId('activity-drawer');
        await expectText(drawer, 'Học sinh, sinh viên');
        await expectText(page.getByTestId('activity-reach'), '25');
        await expectText(page.getByTestId('activity-outputs'), 'Số buổi tuyên truyền');
        await expectText(page.getByTestId('activity-costs'), '1.500.000');
        await screenshot(page, 'activities-drawer.png');
        await page.keyboard.press('Escape');

        // The ward's survey of the target group: the denominator of coverage.
        await page.getByTestId('menu-surveys').click();
        await expectUrl(page, /^\/surveys$/);
        await page.getByTestId('survey-create').click();
        await pick(page, page.getByTestId('survey-group'), 'Học sinh', 'Học sinh, sinh viên');
        await (await inputOf(page.getByTestId('survey-count'))).fill('250');
        await (await inputOf(page.getByTestId('survey-female'))).fill('130');
        await (await inputOf(page.getByTestId('survey-male'))).fill('121');
        await expectText(page.locator('.ant-modal .ant-form-item-explain-error'), 'phải bằng tổng số 250');
        await (await inputOf(page.getByTestId('survey-male'))).fill('120');
        await page.getByTestId('survey-save').click();
        const surveys = page.getByTestId('surveys-table');
        await expectText(surveys, 'Học sinh, sinh viên');
        const srow = surveys
          .locator('tbody tr.ant-table-row')
          .filter({ hasText: new RegExp(`^Quy Nhơn\\s*Năm ${today.iso.slice(0, 4)}`) })
          .filter({ hasText: 'Học sinh, sinh viên' });
        await expectText(srow, '250');
        await expectText(srow, '130');
        await expectText(srow, 'Quy Nhơn');
        await screenshot(page, 'surveys.png');
      });
    } finally {
      await ctx.close();
    }
  });

  test('the province officer imports a CSV: a bad row is named and nothing written; a good file is committed and listed', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      const page = await loginPage(ctx, 'tinh.gialai');
      await withScreenshotOnFailure('activities-import', ctx, async () => {
        await page.getByTestId('menu-activities').click();
        await expectUrl(page, /^\/activities$/);
        await page.getByTestId('activities-table').waitFor();
        const before = await listTotal(page);

        // The template's own header row, so the test follows the server's columns.
        const tpl = await page.request.get('/api/activity-imports/template?format=csv');
        assert.equal(tpl.status(), 200);
        const header = (await tpl.text()).split(/\r?\n/)[0];
        const sep = header.includes(';') && !header.includes(',') ? ';' : ',';
        const d = todayVN().display;
        const csv = (rows) => Buffer.from([header, ...rows.map((r) => r.join(sep))].join('\r\n') + '\r\n', 'utf8');
        const good1 = ['E2E-IMP-1', IMPORT_TITLE_1, 'talks_zones_schools', '21583', 'gl-soyte', d, d, 'students', '40', '25', '15', '2', '1500000', 'provincial_budget', 'e2e'];
        const good1b = ['E2E-IMP-1', IMPORT_TITLE_1, 'talks_zones_schools', '21583', 'gl-soyte', d, d, 'unemployed_youth', '5', '', '', '', '', '', ''];
        const good2 = ['E2E-IMP-2', IMPORT_TITLE_2, 'clubs_peer_groups', '21583', 'gl-soyte', d, d, 'sex_workers', '12', '12', '0', '1', '', '', ''];
        // Row 3 of the file: 8 women + 5 men ≠ 10.
        const bad = ['E2E-IMP-2', IMPORT_TITLE_2, 'clubs_peer_groups', '21583', 'gl-soyte', d, d, 'sex_workers', '10', '8', '5', '1', '', '', ''];

        // 1. One bad row: the error names row 3, nothing can be committed, the list is unchanged.
        await page.getByTestId('menu-activities-import').click();
        await expectUrl(page, /^\/activities\/import/);
        await page.getByTestId('import-file').setInputFiles({ name: 'hoat-dong-loi.csv', mimeType: 'text/csv', buffer: csv([good1, bad]) });
        await expectText(page.getByTestId('import-status-tag'), 'Không hợp lệ');
        await page.getByTestId('import-invalid').waitFor();
        const errors = page.getByTestId('import-errors');
        const first = errors.locator('tbody tr.ant-table-row').first();
        assert.equal(await textOf(first.locator('td').nth(0)), '3', 'the error names the spreadsheet row');
        await expectText(first, 'phải bằng tổng số');
        await expectText(page.getByTestId('import-count-errors'), '1');
        assert.equal(await page.getByTestId('import-commit').isDisabled(), true, 'no commit with errors');
        await screenshot(page, 'activities-import-errors.png');

        await page.getByTestId('menu-activities').click();
        await expectUrl(page, /^\/activities$/);
        await waitForTotal(page, before);

        // 2. A good file: validated, committed in one go, and listed.
        await page.getByTestId('menu-activities-import').click();
        await expectUrl(page, /^\/activities\/import$/);
        await page.getByTestId('import-file').setInputFiles({ name: 'hoat-dong.csv', mimeType: 'text/csv', buffer: csv([good1, good1b, good2]) });
        await expectText(page.getByTestId('import-status-tag'), 'Sẵn sàng ghi');
        await expectText(page.getByTestId('import-count-new'), '3');
        await expectText(page.getByTestId('import-count-errors'), '0');
        await expectText(page.getByTestId('import-preview'), IMPORT_TITLE_1);
        await screenshot(page, 'activities-import-ready.png');
        const commit = page.getByTestId('import-commit');
        assert.equal(await commit.isDisabled(), false, 'a clean file can be committed');
        await commit.click();
        await page.getByTestId('import-committed').waitFor();
        await expectText(page.getByTestId('import-committed'), 'Đã ghi 2 hoạt động');
        await screenshot(page, 'activities-import-committed.png');

        await page.getByTestId('import-to-list').click();
        await expectUrl(page, /^\/activities$/);
        await waitForTotal(page, before + 2);
        const search = await inputOf(page.getByTestId('activities-search'));
        await search.fill('nhap tu tep e2e');
        await search.press('Enter');
        const table = page.getByTestId('activities-table');
        await expectText(table, IMPORT_TITLE_1);
        await expectText(table, IMPORT_TITLE_2);
        await expectText(table.locator('tbody tr.ant-table-row', { hasText: IMPORT_TITLE_1 }), '45');
        await waitForTotal(page, 2);
        await screenshot(page, 'activities-list-imported.png');
      });
    } finally {
      await ctx.close();
    }
  });

  test('a commune officer imports a clerk\'s .xlsx (cover sheet, two header rows, Vietnamese labels, a totals row)', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      const page = await loginPage(ctx, 'xa.gialai');
      await withScreenshotOnFailure('activities-import-clerk', ctx, async () => {
        const d = todayVN().display;
        const title = 'Tuyên truyền tại khu phố (mẫu của xã, e2e)';
        const top = ['STT', 'Nội dung hoạt động', 'Hình thức', 'Địa bàn', 'Đơn vị chủ trì', 'Thời gian', '',
          'Đối tượng', 'Số người (người)', '', '', 'Kinh phí', ''];
        const sub = ['', '', '', '', '', 'Từ ngày', 'Đến ngày', '', 'Tổng số', 'Nữ', 'Nam', 'Số tiền', 'Nguồn'];
        const rows = [['BÁO CÁO HOẠT ĐỘNG'], top, sub,
          [1, title, 'community_sessions', '21583', 'gl-ubnd-quynhon', d, d, 'sex_workers', 9, 6, 3, 200000, 'commune_budget'],
          ['', 'Tổng cộng', '', '', '', '', '', '', 9, 6, 3, 200000, '']];
        const file = xlsx([['Bìa', [['ỦY BAN NHÂN DÂN PHƯỜNG'], ['Báo cáo quý']]], ['Số liệu', rows]]);
        await page.getByTestId('menu-activities-import').click();
        await expectUrl(page, /^\/activities\/import/);
        await page.getByTestId('import-file').setInputFiles({ name: 'bao-cao-xa.xlsx',
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
        await expectText(page.getByTestId('import-status-tag'), 'Sẵn sàng ghi');
        await expectText(page.getByTestId('import-count-new'), '1');
        await expectText(page.getByTestId('import-notes'), 'Dòng 5 là dòng tổng cộng');
        await screenshot(page, 'activities-import-clerk-notes.png');
        await page.getByTestId('import-commit').click();
        await expectText(page.getByTestId('import-committed'), 'Đã ghi 1 hoạt động');
      });
    } finally {
      await ctx.close();
    }
  });
});
