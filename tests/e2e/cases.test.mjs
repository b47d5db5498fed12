// Issue 16 journey (people supported), on a desktop (1366×768) and a phone (390×844): the demo
// case worker searches before creating and finds a demo record's duplicate (client code only,
// in scope), creates a record (its identity sealed), records a consent, and finds the new record
// by its CCCD; the supervisor reveals a record's identity with a reason and the reveal shows in
// the access log; a police account has no menu entry and a direct address shows the refusal; a
// case worker of another province gets "not found".
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
  todayVN,
  withScreenshotOnFailure, noWiderThan, apiGet } from './harness.mjs';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const CODE = /^\d{2}-\d{4}-\d{6,}$/;

/** Opens an Ant Design Select, types `typed` into its search and picks the option showing `label`. */
async function pick(page, select, typed, label = typed) {
  await select.click();
  if (typed) await page.keyboard.type(typed);
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: label });
  await option.first().click();
}

describe('people supported from the screen (issue 16)', () => {
  let server;
  let browser;
  // Shared between the steps: the demo record found as a duplicate and the record created.
  let demoCode = '';
  let demoId = 0;
  let newId = 0;
  let newCode = '';
  before(async () => {
    server = await startServer('cases');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('1. the case worker searches before creating, finds a duplicate, creates a record and records a consent', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('cases-01-worker', ctx, async () => {
        const page = await loginPage(ctx, 'cm.gialai');
        await page.setViewportSize(DESKTOP);
        await page.getByTestId('menu-cases').click();
        await expectUrl(page, /^\/cases/);
        const table = page.getByTestId('cases-table');
        await expectText(table, /52-20\d\d-\d{6}/, { message: 'the demo records of Gia Lai by code' });
        // Codes only: none of the demo's (sealed) names is on the list.
        await expectNoText(table, 'Bích Vân', 'no name on the list');
        await expectNoText(table, 'Hồng Nhung', 'no name on the list');
        await expectNoText(table, 'Vũ Thị Ngọc Hà', 'no record of Đồng Nai');
        await screenshot(page, 'cases-01-list-desktop.png');
        await noWiderThan(page, DESKTOP.width, 'case list');

        // Search before create: a demo person, written another way (no diacritics, lower case).
        await page.getByTestId('cases-new').click();
        await expectUrl(page, /^\/cases\/new/);
        await page.getByTestId('case-search-name').fill('le thi bich van');
        await page.getByTestId('case-search-year').fill('1994');
        await page.getByTestId('case-search-submit').click();
        const dup = page.getByTestId('case-duplicate');
        await expectText(dup, /52-2026-\d{6}/);
        await expectText(dup, 'họ tên và năm sinh');
        await expectText(dup, 'trong phạm vi của bạn');
        demoCode = (await dup.first().locator('strong').innerText()).trim();
        assert.match(demoCode, CODE);
        assert.equal(await page.getByTestId('case-create-form').count(), 0, 'no create form before choosing to go on');
        await screenshot(page, 'cases-02-duplicate-found.png');

        // A new person: no duplicate, then the create form with the searched values carried over.
        await page.getByTestId('case-search-name').fill('Nguyễn Thị Thử Giao Diện');
        await page.getByTestId('case-search-year').fill('1999');
        await page.getByTestId('case-search-id').fill('052199009876');
        await page.getByTestId('case-search-submit').click();
        await page.getByTestId('case-no-duplicate').waitFor();
        const form = page.getByTestId('case-create-form');
        await form.waitFor();
        assert.equal(await page.getByTestId('case-name').inputValue(), 'Nguyễn Thị Thử Giao Diện');
        assert.equal(await page.getByTestId('case-id-number').inputValue(), '052199009876');
        await pick(page, page.getByTestId('case-residence'), 'Quy Nhơn', 'Quy Nhơn (21583)');
        await page.keyboard.press('Escape');
        await expectText(page.getByTestId('case-residence'), 'Quy Nhơn (21583)');
        await pick(page, page.getByTestId('case-groups'), '', 'Người nhiễm HIV/AIDS');
        await page.keyboard.press('Escape');
        await page.getByTestId('case-phone').fill('0905123456');
        await screenshot(page, 'cases-03-create-form.png');
        await page.getByTestId('case-create-submit').click();
        await expectUrl(page, /^\/cases\/\d+$/);
        newId = Number(new URL(page.url()).pathname.split('/').pop());
        await expectText(page.getByTestId('case-title'), /52-\d{4}-\d{6}/);
        newCode = (await page.getByTestId('case-title').innerText()).trim();
        assert.match(newCode, CODE);
        const profile = page.getByTestId('case-profile');
        await expectText(profile, 'Quy Nhơn');
        await expectText(profile, todayVN().display);
        await expectText(profile, 'Họ và tên'); // named as sealed…
        await expectNoText(profile, 'Thử Giao Diện', 'the name is not on the record page'); // …never shown
        await expectNoText(profile, '0905123456', 'the phone is not on the record page');
        // The server's answer holds no identity either.
        const got = await apiGet(page, `/api/cases/${newId}`);
        assert.equal(got.status, 200);
        assert.ok(!JSON.stringify(got.body).includes('Thử Giao Diện'), 'no name in GET /api/cases/{id}');
        assert.deepEqual(got.body.sealedFields.sort(), ['fullName', 'idNumber', 'phone']);
        // The case worker is assigned: it may reveal.
        await page.getByTestId('case-reveal').waitFor();

        // Edit a non-identity field (with the record's version).
        await page.getByTestId('case-edit').click();
        await page.getByTestId('case-edit-year').fill('1998');
        await page.getByTestId('case-edit-save').click();
        await expectText(page.getByTestId('case-profile'), '1998');
        const edited = await apiGet(page, `/api/cases/${newId}`);
        assert.equal(edited.body.birthYear, 1998);
        assert.equal(edited.body.version, got.body.version + 1);

        // Consent: none by default; give "services" today.
        await page.getByRole('tab', { name: 'Đồng ý' }).click();
        await page.getByTestId('case-consent-none').waitFor();
        await pick(page, page.getByTestId('case-consent-purpose'), '', 'Cung cấp dịch vụ');
        await page.getByTestId('case-consent-note').fill('Đồng ý bằng lời tại buổi tư vấn');
        await page.getByTestId('case-consent-give').click();
        await expectText(page.getByTestId('case-consent-services'), 'Đồng ý');
        const history = page.getByTestId('case-consent-history');
        await expectText(history, todayVN().display);
        await expectText(history, 'Cung cấp dịch vụ');
        await page.getByTestId('case-consent-withdraw-services').waitFor();
        await screenshot(page, 'cases-04-consent.png');
        const consents = await apiGet(page, `/api/cases/${newId}/consents`);
        assert.equal(consents.body.current.services, true);

        // The new record is found by its CCCD, written with spaces.
        await page.goto('/cases/new');
        await page.getByTestId('case-search-id').fill('0521 9900 9876');
        await page.getByTestId('case-search-submit').click();
        await expectText(page.getByTestId('case-duplicate'), newCode);
        await expectText(page.getByTestId('case-duplicate'), 'số CCCD');
      });
    } finally {
      await ctx.close();
    }
  });

  test('2. the supervisor reveals with a reason on a phone, and the reveal shows in the access log', async () => {
    assert.ok(demoCode, 'step 1 found the demo record');
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('cases-02-supervisor', ctx, async () => {
        const page = await loginPage(ctx, 'gs.gialai');
        await page.setViewportSize(PHONE);
        const list = await apiGet(page, '/api/cases?pageSize=100');
        assert.equal(list.status, 200);
        demoId = list.body.items.find((c) => c.code === demoCode)?.id;
        assert.ok(demoId, `${demoCode} on the supervisor's list`);
        await page.goto('/cases');
        await expectText(page.getByTestId('cases-table'), demoCode);
        await noWiderThan(page, PHONE.width, 'case list on a phone');
        await screenshot(page, 'cases-05-list-phone.png');

        // The record created in step 1 has no supervisor: no reveal button for gs.gialai there.
        await page.goto(`/cases/${newId}`);
        await expectText(page.getByTestId('case-title'), newCode);
        assert.equal(await page.getByTestId('case-reveal').count(), 0, 'no reveal button on a record one is not assigned to');

        await page.goto(`/cases/${demoId}`);
        await expectText(page.getByTestId('case-title'), demoCode);
        await noWiderThan(page, PHONE.width, 'record page on a phone');
        await page.getByTestId('case-reveal').click();
        const submit = page.getByTestId('case-reveal-submit');
        await page.getByTestId('case-reveal-reason').fill('ngắn');
        assert.ok(await submit.isDisabled(), 'a reason under 10 characters is not accepted');
        const reason = 'Xác minh danh tính để chuyển gửi dịch vụ y tế';
        await page.getByTestId('case-reveal-reason').fill(reason);
        await screenshot(page, 'cases-06-reveal-reason-phone.png');
        await submit.click();
        const shown = page.getByTestId('case-revealed');
        await expectText(shown, 'Lê Thị Bích Vân');
        await noWiderThan(page, PHONE.width, 'reveal dialog on a phone');
        await screenshot(page, 'cases-07-revealed-phone.png');
        await page.getByTestId('case-reveal-close').click();
        await expectNoText(page.locator('body'), 'Lê Thị Bích Vân', 'the identity is gone once the dialog is closed');

        await page.getByRole('tab', { name: 'Nhật ký truy cập' }).click();
        const log = page.getByTestId('case-access-log');
        await expectText(log, reason);
        await expectText(log, 'gs.gialai');
        await expectText(log, 'Họ và tên');
        await expectText(log, todayVN().display);
        await noWiderThan(page, PHONE.width, 'access log on a phone');
        await screenshot(page, 'cases-08-access-log-phone.png');
      });
    } finally {
      await ctx.close();
    }
  });

  test('3. the wall: police see no menu entry and are refused the record; another province gets not found', async () => {
    assert.ok(newId, 'step 1 created a record');
    const ctx = await newContext(browser, server.base);
    const ctxDn = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('cases-03-police', ctx, async () => {
        const page = await loginPage(ctx, 'congan.gialai');
        await page.setViewportSize(DESKTOP);
        await page.getByTestId('side-menu').waitFor();
        assert.equal(await page.getByTestId('menu-cases').count(), 0, 'no "Hồ sơ hỗ trợ" menu entry for the police');
        await expectNoText(page.getByTestId('side-menu'), 'Hồ sơ hỗ trợ');
        await page.goto(`/cases/${newId}`);
        await page.getByTestId('forbidden').waitFor();
        await expectNoText(page.locator('body'), newCode, 'no code behind the refusal');
        const api = await apiGet(page, `/api/cases/${newId}`);
        assert.equal(api.status, 403, 'the server refuses the police too');
        await screenshot(page, 'cases-09-police-refused.png');
      });
      await withScreenshotOnFailure('cases-03-dongnai', ctxDn, async () => {
        const page = await loginPage(ctxDn, 'cm.dongnai');
        await page.goto(`/cases/${newId}`);
        await page.getByTestId('not-found').waitFor();
        await expectNoText(page.locator('body'), newCode, 'an out-of-scope record does not show');
        await screenshot(page, 'cases-10-out-of-scope.png');
      });
    } finally {
      await ctx.close();
      await ctxDn.close();
    }
  });
});
