// Journeys 2–4: the administrative hierarchy on a chosen date (before and after the 1 July 2025
// merger of Bình Định into the new Gia Lai, code 52) and the diacritic-insensitive search.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  expectNoText,
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

/** Tree rows; rc-tree keeps a hidden (aria-hidden) placeholder row for its motion. */
const NODE = '.ant-tree-treenode:not([aria-hidden="true"])';
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The tree row whose title starts with "<name> (<code>)". */
function treeNode(page, name, code) {
  return page
    .getByTestId('org-tree')
    .locator(NODE)
    .filter({ has: page.locator('.ant-tree-title', { hasText: new RegExp(`^${escapeRe(name)} \\(${code}\\)`) }) });
}

/**
 * Opens a tree node (unless it is open already) and waits for `expectChild` to appear under it.
 * The page itself also opens the selected unit's ancestors, so a click can race with that:
 * retry until the child shows instead of trusting one click.
 */
async function expandNode(page, name, code, expectChild) {
  const node = treeNode(page, name, code);
  const child = treeNode(page, ...expectChild);
  await node.waitFor();
  for (let attempt = 0; ; attempt++) {
    if (await child.isVisible()) return;
    const cls = (await node.locator('.ant-tree-switcher').getAttribute('class')) || '';
    if (!cls.includes('ant-tree-switcher_open')) await node.locator('.ant-tree-switcher').click();
    try {
      await child.waitFor({ timeout: 4_000 });
      return;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
}

async function selectNode(page, name, code) {
  await treeNode(page, name, code).locator('.ant-tree-node-content-wrapper').click();
  await expectUrl(page, (u) => u.searchParams.get('code') === code);
}

/** Types a date into the as-of picker and confirms it with Enter. */
async function setAsOf(page, display, iso) {
  const input = page.getByTestId('asof-picker');
  await input.click();
  await input.fill(display);
  await input.press('Enter');
  await expectUrl(page, (u) => u.searchParams.get('asOf') === iso);
  assert.equal(await input.inputValue(), display, 'the picker shows the chosen date as dd/mm/yyyy');
}

/** The rows of a lineage table (predecessors / successors) as whitespace-collapsed text. */
async function lineageRows(page, testId) {
  const rows = page.getByTestId(testId).locator('tbody tr.ant-table-row');
  return (await rows.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
}

describe('hierarchy (tinh.gialai)', () => {
  let server;
  let browser;
  let ctx;

  before(async () => {
    server = await startServer('hierarchy');
    browser = await launchBrowser();
    ctx = await newContext(browser, server.base);
    // One sign-in for the whole file: every journey opens its own page in this session.
    const page = await loginPage(ctx, 'tinh.gialai');
    await page.close();
  });

  after(async () => {
    await ctx?.close();
    await browser?.close();
    await server?.stop();
  });

  test('2. hierarchy as of 30/06/2024: Bình Định (52) with its districts and lead agency', async () => {
    const page = await ctx.newPage();
    await withScreenshotOnFailure('02-hierarchy-2024', ctx, async () => {
      await page.goto('/org-units');
      await page.getByTestId('org-tree').locator(NODE).first().waitFor();
      await setAsOf(page, '30/06/2024', '2024-06-30');

      // Before the merger the country still had the old provinces.
      await expandNode(page, 'Việt Nam', 'VN', ['Bình Định', '52']);
      const tree = page.getByTestId('org-tree');
      await treeNode(page, 'Gia Lai', '64').waitFor();
      await expectNoText(tree, 'Gia Lai (52)', 'code 52 is Bình Định in 2024');

      await selectNode(page, 'Bình Định', '52');
      const detail = page.getByTestId('org-detail');
      await expectText(detail.getByTestId('org-detail-name'), 'Tỉnh Bình Định');
      assert.equal(await textOf(detail.getByTestId('org-detail-code')), '52');
      await expectText(detail.getByTestId('org-lead-agency'), 'Lao động');
      await expectText(detail, '30/06/2025', { message: 'valid-to date shown as dd/mm/yyyy' });
      const successors = await lineageRows(page, 'org-successors');
      assert.equal(successors.length, 1, `one successor: ${JSON.stringify(successors)}`);
      assert.match(successors[0], /Sáp nhập/);
      assert.match(successors[0], /01\/07\/2025/);
      assert.match(successors[0], /Gia Lai \(52\)/);

      // Its districts (2024 had districts between provinces and communes).
      await expandNode(page, 'Bình Định', '52', ['Quy Nhơn', '540']);
      await treeNode(page, 'Hoài Nhơn', '543').waitFor();
      await treeNode(page, 'Vân Canh', '551').waitFor();
      await expectText(treeNode(page, 'Quy Nhơn', '540'), 'Huyện (trước 07/2025)', {
        message: 'district kind tag, named from /api/org-unit-kinds',
      });
      await screenshot(page, '02-hierarchy-2024.png');
    });
    await page.close();
  });

  test('3. hierarchy today: code 52 is the merged Gia Lai, with Quy Nhơn communes and its predecessors', async () => {
    const page = await ctx.newPage();
    const today = todayVN();
    await withScreenshotOnFailure('03-hierarchy-today', ctx, async () => {
      // Start from the 2024 view so that choosing today is a real change of date.
      await page.goto('/org-units?asOf=2024-06-30&code=52');
      await expectText(page.getByTestId('org-detail-name'), 'Tỉnh Bình Định');
      await setAsOf(page, today.display, today.iso);

      await expandNode(page, 'Việt Nam', 'VN', ['Gia Lai', '52']);
      const tree = page.getByTestId('org-tree');
      await expectNoText(tree, 'Bình Định (52)', 'Bình Định no longer exists today');
      await expectNoText(tree, 'Gia Lai (64)', 'old Gia Lai (64) no longer exists today');
      await treeNode(page, 'Đồng Nai', '75').waitFor();

      // The URL kept code=52: the detail now shows the new province.
      const detail = page.getByTestId('org-detail');
      await expectText(detail.getByTestId('org-detail-name'), 'Tỉnh Gia Lai');
      assert.equal(await textOf(detail.getByTestId('org-detail-code')), '52');
      await expectText(detail, '01/07/2025', { message: 'valid-from shown as dd/mm/yyyy' });

      const preds = await lineageRows(page, 'org-predecessors');
      assert.equal(preds.length, 2, `two predecessors: ${JSON.stringify(preds)}`);
      const binhDinh = preds.find((r) => r.includes('Bình Định (52)'));
      const oldGiaLai = preds.find((r) => r.includes('Gia Lai (64)'));
      assert.ok(binhDinh, `predecessor Bình Định (52) in ${JSON.stringify(preds)}`);
      assert.ok(oldGiaLai, `predecessor Gia Lai (64) in ${JSON.stringify(preds)}`);
      for (const row of [binhDinh, oldGiaLai]) {
        assert.match(row, /Sáp nhập/, 'lineage type is shown in Vietnamese');
        assert.match(row, /01\/07\/2025/);
      }

      // Communes directly under the province (no districts since 01/07/2025).
      await expandNode(page, 'Gia Lai', '52', ['Quy Nhơn', '21583']);
      for (const [name, code] of [['Quy Nhơn Bắc', '21553'], ['Quy Nhơn Nam', '21592'], ['Pleiku', '23575']]) {
        await treeNode(page, name, code).waitFor();
      }
      await expectNoText(tree, 'Quy Nhơn (540)', 'the 2024 district Quy Nhơn is gone');
      await screenshot(page, '03-hierarchy-today.png');

      // The current commune 21583 is Phường Quy Nhơn (the code was Thị Nại's before the merger).
      await selectNode(page, 'Quy Nhơn', '21583');
      await expectText(detail.getByTestId('org-detail-name'), 'Phường Quy Nhơn');
      await expectText(detail.getByTestId('org-path'), 'Gia Lai (52)');
      await expectText(page.getByTestId('org-predecessors'), 'Thị Nại (21583)');

      // Following a lineage link shows that unit as it stood on the eve of the merger.
      await selectNode(page, 'Gia Lai', '52');
      await expectText(detail.getByTestId('org-detail-name'), 'Tỉnh Gia Lai');
      await page
        .getByTestId('org-predecessors')
        .getByTestId('lineage-link')
        .filter({ hasText: 'Bình Định (52)' })
        .click();
      await expectUrl(page, (u) => u.searchParams.get('asOf') === '2025-06-30' && u.searchParams.get('code') === '52');
      await expectText(detail.getByTestId('org-detail-name'), 'Tỉnh Bình Định');
      assert.equal(await page.getByTestId('asof-picker').inputValue(), '30/06/2025');
      // Back undoes the jump (the date and unit live in the URL).
      await page.goBack();
      await expectUrl(page, (u) => u.searchParams.get('asOf') === today.iso);
      await expectText(detail.getByTestId('org-detail-name'), 'Tỉnh Gia Lai');
    });
    await page.close();
  });

  test('4. search ignores diacritics: "dong nai" finds Đồng Nai, "da nang" finds Đà Nẵng', async () => {
    const page = await ctx.newPage();
    await withScreenshotOnFailure('04-search', ctx, async () => {
      await page.goto('/org-units');
      await page.getByTestId('org-tree').locator(NODE).first().waitFor();
      const search = page.getByTestId('org-search');
      const results = page.getByTestId('org-search-results');
      const hits = results.getByTestId('org-search-result');

      await search.fill('dong nai');
      await expectText(results, 'Đồng Nai (75)');
      await expectText(results, 'Kết quả tìm kiếm: 1 đơn vị');
      await expectNoText(results, 'Đà Nẵng');
      await hits.filter({ hasText: 'Đồng Nai (75)' }).click();
      await expectUrl(page, (u) => u.searchParams.get('code') === '75');
      await expectText(page.getByTestId('org-detail-name'), 'Tỉnh Đồng Nai');

      await search.fill('da nang');
      await expectText(results, 'Đà Nẵng (48)');
      await expectNoText(results, 'Đồng Nai');
      await hits.filter({ hasText: 'Đà Nẵng (48)' }).click();
      await expectText(page.getByTestId('org-detail-name'), 'Thành phố Đà Nẵng');

      // Codes match too, and a query with diacritics finds the same unit.
      await search.fill('Đà Nẵng');
      await expectText(results, 'Đà Nẵng (48)');
      await search.fill('da nang');
      await expectText(results, 'Đà Nẵng (48)');
      await screenshot(page, '04-search.png');

      // Nothing found is said in Vietnamese, and clearing the search brings the tree back.
      await search.fill('khong co dau zzqx');
      await expectText(results, 'Không tìm thấy đơn vị nào');
      assert.equal(await hits.count(), 0);
      await search.fill('');
      await page.getByTestId('org-tree').locator(NODE).first().waitFor();
    });
    await page.close();
  });
});
