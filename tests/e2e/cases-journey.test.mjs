// Issue 16 journey (people supported, §7 "Playwright journey"): the case worker searches before
// creating and finds a duplicate, creates a record, records consent — a service before consent is
// refused on screen —, adds a service through a host programme and a referral to Sở Y tế Gia Lai,
// sharing no identity; the receiving agency's focal point (tiepnhan.gialai) sees it waiting in "Việc
// của tôi" and accepts it in its inbox, on a phone, seeing the code and the shared fields only; the
// supervisor (gs.gialai) reveals a record with a reason and the reveal shows in its access log, and
// sees the referral accepted; the record joins a club by its client code; a case worker of
// another province gets "not found". Phone (390 px)
// and desktop; screenshots kept in the artefacts directory.
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
const NAME = 'Trần Thị Hành Trình';

async function pick(page, select, typed, label = typed) {
  await select.click();
  if (typed) await page.keyboard.type(typed);
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: label });
  await option.first().click();
}

describe('the people-supported journey (issue 16)', () => {
  let server;
  let browser;
  let newId = 0;
  let newCode = '';
  let demoCode = '';
  const reason = 'Cần khám và điều trị ARV tại cơ sở y tế';
  before(async () => {
    server = await startServer('cases-journey');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('1. the case worker: duplicate found, record created, consent, a service and a referral', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('journey-01-worker', ctx, async () => {
        const page = await loginPage(ctx, 'cm.gialai');
        await page.setViewportSize(DESKTOP);
        // search before create: a demo person, written another way
        await page.goto('/cases/new');
        await page.getByTestId('case-search-name').fill('LE THI BICH VAN');
        await page.getByTestId('case-search-year').fill('1994');
        await page.getByTestId('case-search-submit').click();
        const dup = page.getByTestId('case-duplicate');
        await expectText(dup, /52-2026-\d{6}/);
        demoCode = (await dup.first().locator('strong').innerText()).trim();
        await screenshot(page, 'journey-01-duplicate.png');

        // a new person: created, the identity sealed
        await page.getByTestId('case-search-name').fill(NAME);
        await page.getByTestId('case-search-year').fill('1997');
        await page.getByTestId('case-search-submit').click();
        await page.getByTestId('case-no-duplicate').waitFor();
        await pick(page, page.getByTestId('case-residence'), 'Quy Nhơn', 'Quy Nhơn (21583)');
        await page.keyboard.press('Escape');
        await pick(page, page.getByTestId('case-groups'), '', 'Người bán dâm');
        await page.keyboard.press('Escape');
        await page.getByTestId('case-create-submit').click();
        await expectUrl(page, /^\/cases\/\d+$/);
        newId = Number(new URL(page.url()).pathname.split('/').pop());
        newCode = (await page.getByTestId('case-title').innerText()).trim();
        assert.match(newCode, /^52-\d{4}-\d{6,}$/);

        // a service before any consent: refused, and the screen says why
        await page.getByRole('tab', { name: 'Dịch vụ' }).click();
        await pick(page, page.getByTestId('case-service-code'), 'xét nghiệm', 'Tư vấn, xét nghiệm HIV');
        await pick(page, page.getByTestId('case-service-programme'), 'HIV', 'Phòng, chống HIV/AIDS');
        await pick(page, page.getByTestId('case-service-funding'), 'tỉnh', 'Ngân sách tỉnh');
        await page.getByTestId('case-service-submit').click();
        const refused = page.getByTestId('case-service-consent-required');
        await expectText(refused, 'Chưa có sự đồng ý');
        await expectText(refused, 'nhận dịch vụ');
        await screenshot(page, 'journey-02-service-refused.png');

        // consent: services, and referral to the kind of Sở Y tế Gia Lai
        const agencies = (await apiGet(page, '/api/agencies?pageSize=500')).body.items;
        const soyte = agencies.find((a) => a.key === 'gl-soyte');
        assert.ok(soyte, 'Sở Y tế Gia Lai');
        const kinds = (await apiGet(page, '/api/agency-kinds')).body.items;
        const kindName = kinds.find((k) => k.code === soyte.kind).nameVi;
        await page.getByRole('tab', { name: 'Đồng ý' }).click();
        await pick(page, page.getByTestId('case-consent-purpose'), '', 'Cung cấp dịch vụ');
        await page.getByTestId('case-consent-give').click();
        await expectText(page.getByTestId('case-consent-services'), 'Đồng ý');
        await pick(page, page.getByTestId('case-consent-purpose'), '', `Chuyển gửi: ${kindName}`);
        await page.getByTestId('case-consent-give').click();
        await page.getByTestId(`case-consent-referral:${soyte.kind}`).waitFor();

        // the service, through its host programme
        await page.getByRole('tab', { name: 'Dịch vụ' }).click();
        await pick(page, page.getByTestId('case-service-code'), 'xét nghiệm', 'Tư vấn, xét nghiệm HIV');
        await pick(page, page.getByTestId('case-service-programme'), 'HIV', 'Phòng, chống HIV/AIDS');
        await pick(page, page.getByTestId('case-service-funding'), 'tỉnh', 'Ngân sách tỉnh');
        await page.getByTestId('case-service-submit').click();
        const services = page.getByTestId('case-services');
        await expectText(services, 'Phòng, chống HIV/AIDS');
        await expectText(services, 'Ngân sách tỉnh');
        await expectText(services, todayVN().display);
        await expectText(services, 'cm.gialai');
        await screenshot(page, 'journey-03-services.png');

        // the referral: agency, reason, the year of birth shared (never identity), 7 days
        await page.getByRole('tab', { name: 'Chuyển gửi' }).click();
        await pick(page, page.getByTestId('case-referral-agency'), soyte.name.slice(0, 8), soyte.name);
        await page.getByTestId('case-referral-reason').fill(reason);
        await page.getByTestId('case-referral-shared').getByText('Nhóm đối tượng').click();
        await page.getByTestId('case-referral-submit').click();
        const refs = page.getByTestId('case-referrals');
        await expectText(refs, soyte.name);
        await expectText(refs, 'Đã gửi');
        await expectText(refs, reason);
        await screenshot(page, 'journey-04-referral-sent.png');
        const got = await apiGet(page, `/api/cases/${newId}/referrals`);
        assert.equal(got.body.items.length, 1);
        assert.deepEqual(got.body.items[0].shared, ['targetGroups']);

        // on a phone, the tabs fit
        await page.setViewportSize(PHONE);
        await noWiderThan(page, PHONE.width, 'referrals tab on a phone');
        await screenshot(page, 'journey-05-referrals-phone.png');
      });
    } finally {
      await ctx.close();
    }
  });

  test('2. the receiving agency accepts the referral in its inbox, on a phone, seeing no identity', async () => {
    assert.ok(newCode, 'step 1 created a record');
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('journey-02-inbox', ctx, async () => {
        const page = await loginPage(ctx, 'tiepnhan.gialai');
        await page.setViewportSize(PHONE);
        await page.goto('/my-work');
        const waiting = page.getByTestId('my-work-referrals');
        await expectText(waiting, newCode);
        await screenshot(page, 'journey-06-my-work-phone.png');
        await waiting.getByText(newCode).click();
        await expectUrl(page, /^\/referrals\/inbox/);
        const card = page.getByTestId(`referral-${newCode}`);
        await expectText(card, reason);
        await expectText(card, 'Người bán dâm');
        await expectNoText(page.locator('body'), NAME, 'no name in the inbox');
        await expectNoText(card, 'Năm sinh', 'an unshared field is not shown');
        await noWiderThan(page, PHONE.width, 'inbox on a phone');
        await screenshot(page, 'journey-07-inbox-phone.png');
        await card.getByTestId('referral-accept').click();
        await page.getByTestId('referral-act-submit').click();
        await expectText(page.getByTestId(`referral-${newCode}`).getByTestId('referral-status'), 'Đã tiếp nhận');
        await screenshot(page, 'journey-08-accepted-phone.png');
        // the focal point never opens the record itself
        assert.equal((await apiGet(page, `/api/cases/${newId}`)).status, 403);
      });
    } finally {
      await ctx.close();
    }
  });

  test('3. the supervisor reveals with a reason and it shows in the access log; the referral is accepted', async () => {
    assert.ok(demoCode, 'step 1 found the demo record');
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('journey-03-supervisor', ctx, async () => {
        const page = await loginPage(ctx, 'gs.gialai');
        await page.setViewportSize(PHONE);
        await page.goto(`/cases/${newId}`);
        await page.getByRole('tab', { name: 'Chuyển gửi' }).click();
        await expectText(page.getByTestId('case-referrals'), 'Đã tiếp nhận');
        await noWiderThan(page, PHONE.width, 'record page on a phone');

        const list = await apiGet(page, '/api/cases?pageSize=100');
        const demoId = list.body.items.find((c) => c.code === demoCode)?.id;
        assert.ok(demoId);
        await page.goto(`/cases/${demoId}`);
        await page.getByTestId('case-reveal').click();
        const why = 'Xác minh danh tính trước khi chuyển gửi y tế';
        await page.getByTestId('case-reveal-reason').fill(why);
        await page.getByTestId('case-reveal-submit').click();
        await expectText(page.getByTestId('case-revealed'), 'Lê Thị Bích Vân');
        await page.getByTestId('case-reveal-close').click();
        await page.getByRole('tab', { name: 'Nhật ký truy cập' }).click();
        const log = page.getByTestId('case-access-log');
        await expectText(log, why);
        await expectText(log, 'gs.gialai');
        await noWiderThan(page, PHONE.width, 'access log on a phone');
        await screenshot(page, 'journey-09-access-log-phone.png');
        // the demo record's groups tab lists its club
        await page.getByRole('tab', { name: 'Nhóm' }).click();
        await expectText(page.getByTestId('case-memberships'), 'CLB Hoa Hướng Dương');
      });
    } finally {
      await ctx.close();
    }
  });

  test('5. clubs and peer groups: the new record joins the demo club by its client code, on a phone', async () => {
    assert.ok(newCode, 'step 1 created a record');
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('journey-05-groups', ctx, async () => {
        const page = await loginPage(ctx, 'cm.gialai');
        await page.setViewportSize(PHONE);
        await page.goto('/case-groups');
        const table = page.getByTestId('case-groups-table');
        await expectText(table, 'CLB Hoa Hướng Dương');
        await expectText(table, 'Nhóm tự lực Vươn Lên');
        await noWiderThan(page, PHONE.width, 'groups on a phone');
        await screenshot(page, 'journey-11-groups-phone.png');
        await table.getByText('CLB Hoa Hướng Dương').click();
        await expectUrl(page, /^\/case-groups\/\d+$/);
        await page.getByTestId('case-group-member-code').fill(newCode);
        await page.getByTestId('case-group-member-add').click();
        const members = page.getByTestId('case-group-members');
        await expectText(members, newCode);
        await expectNoText(members, NAME, 'members by code only');
        // a code of another province is refused like an unknown one
        await page.getByTestId('case-group-member-code').fill('75-2026-000001');
        await page.getByTestId('case-group-member-add').click();
        await expectText(page.getByTestId('api-error'), 'trong phạm vi của bạn');
        await noWiderThan(page, PHONE.width, 'a group on a phone');
        await screenshot(page, 'journey-12-group-phone.png');
        // the record's "Nhóm" tab (desktop: on a phone the tab bar scrolls, as step 3 shows)
        await page.setViewportSize(DESKTOP);
        await page.goto(`/cases/${newId}`);
        await page.getByTestId('case-profile').waitFor();
        await page.getByRole('tab', { name: 'Nhóm' }).click();
        await expectText(page.getByTestId('case-memberships'), 'CLB Hoa Hướng Dương');
      });
    } finally {
      await ctx.close();
    }
  });

  test('4. a case worker of another province gets "not found", on a phone', async () => {
    assert.ok(newId, 'step 1 created a record');
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('journey-04-dongnai', ctx, async () => {
        const page = await loginPage(ctx, 'cm.dongnai');
        await page.setViewportSize(PHONE);
        await page.goto(`/cases/${newId}`);
        await page.getByTestId('not-found').waitFor();
        await expectNoText(page.locator('body'), newCode, 'an out-of-scope record does not show');
        assert.equal((await apiGet(page, `/api/cases/${newId}/referrals`)).status, 404);
        await noWiderThan(page, PHONE.width, 'not found on a phone');
        await screenshot(page, 'journey-10-out-of-scope-phone.png');
      });
    } finally {
      await ctx.close();
    }
  });
});
