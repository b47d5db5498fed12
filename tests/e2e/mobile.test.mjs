// A phone (390×844): the commune officer and the province officer open every page of their menu.
// The side menu is a drawer opened by the header's hamburger, sign-out and the language switch are
// reachable, and no page is wider than the screen (document.documentElement.scrollWidth). At
// 1366×768 the side menu stays open beside the page and no hamburger shows.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expectUrl, launchBrowser, loginPage, newContext, SCREENSHOTS, startServer, submitLogin, withScreenshotOnFailure } from './harness.mjs';

const PHONE = { width: 390, height: 844 };

/** Saves what the screen shows (the first screen, as a phone user sees it) to screenshots/<name>. */
async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, name), animations: 'disabled' });
}

/** Signs in on a phone-sized page; resolves once the header's hamburger shows. */
async function phoneLogin(ctx, username) {
  const page = await ctx.newPage();
  await page.setViewportSize(PHONE);
  await page.goto('/login');
  await page.getByTestId('login-username').waitFor();
  const { scrollWidth } = await widthOf(page);
  assert.ok(scrollWidth <= PHONE.width, `the login page is ${scrollWidth} px wide`);
  await submitLogin(page, username);
  await page.getByTestId('menu-toggle').waitFor();
  return page;
}

/** Waits until the page has no pending request and no spinning loader. */
async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), null, { timeout: 15_000 });
  // Let antd's resize observers and the last render run.
  await page.waitForTimeout(200);
}

/** The page's width as the browser lays it out, and what makes it wider than the screen. */
async function widthOf(page) {
  return page.evaluate(() => {
    const limit = window.innerWidth;
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > limit + 1 && wide.length < 5) {
        wide.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ').slice(0, 2).join('.')} → ${Math.round(r.right)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, wide };
  });
}

async function openMenu(page) {
  await page.getByTestId('menu-toggle').click();
  const drawer = page.getByTestId('menu-drawer');
  await drawer.waitFor({ state: 'visible' });
  return drawer;
}

/** Opens every entry of the caller's menu from the drawer; returns the paths visited. */
async function visitMenu(page, who) {
  const drawer = await openMenu(page);
  const entries = await drawer.locator('a[data-testid^="menu-"]').evaluateAll((as) =>
    as.map((a) => ({ testId: a.getAttribute('data-testid'), path: new URL(a.href).pathname })),
  );
  assert.ok(entries.length >= 3, `${who}: the drawer lists the menu (${entries.length} entries)`);
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  const seen = [];
  for (const { testId, path } of entries) {
    await openMenu(page);
    await page.getByTestId(testId).click();
    await expectUrl(page, (u) => u.pathname === path);
    // The drawer closes once a page is picked.
    await page.getByTestId('menu-drawer').waitFor({ state: 'hidden' });
    await settle(page);
    const { scrollWidth, wide } = await widthOf(page);
    await screenshot(page, `mobile-${who}${path.replaceAll('/', '-')}.png`);
    assert.ok(scrollWidth <= PHONE.width, `${who} ${path}: page ${scrollWidth} px wide on a ${PHONE.width} px screen; widest: ${wide.join('; ')}`);
    seen.push(path);
  }
  return seen;
}

describe('phone layout (390×844)', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer('mobile');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [who, username, mustSee] of [
    ['commune', 'xa.gialai', ['/activities', '/activities/new', '/reports']],
    ['province', 'tinh.gialai', ['/dashboard', '/activities', '/plans', '/programmes', '/reports']],
  ]) {
    test(`${who} officer: every menu page fits the phone; the menu is a drawer; sign-out is reachable`, async () => {
      const ctx = await newContext(browser, server.base);
      try {
        await withScreenshotOnFailure(`mobile-${who}`, ctx, async () => {
          const p = await phoneLogin(ctx, username);
          await settle(p);
          // No side menu beside the page: the hamburger opens it.
          assert.equal(await p.getByTestId('side-menu').count(), 0, 'no side menu at phone width');
          const home = await widthOf(p);
          assert.ok(home.scrollWidth <= PHONE.width, `home page ${home.scrollWidth} px wide: ${home.wide.join('; ')}`);

          const seen = await visitMenu(p, who);
          for (const path of mustSee) assert.ok(seen.includes(path), `${who}: ${path} in the menu (saw ${seen.join(', ')})`);

          // The language switch and sign-out are in the drawer.
          const drawer = await openMenu(p);
          await screenshot(p, `mobile-${who}-drawer.png`);
          await drawer.getByTestId('lang-toggle').click();
          await drawer.getByText('Sign out').waitFor();
          await drawer.getByTestId('lang-toggle').click();
          await drawer.getByTestId('logout').click();
          await expectUrl(p, /^\/login/);
        });
      } finally {
        await ctx.close();
      }
    });
  }

  test('commune officer: the activity filters hide behind "Bộ lọc"; a list is cards; the quick-entry form fits', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      const page = await phoneLogin(ctx, 'xa.gialai');
      await withScreenshotOnFailure('mobile-activities', ctx, async () => {
        await page.goto('/activities');
        await settle(page);
        const toggle = page.getByTestId('filters-toggle');
        await toggle.waitFor();
        assert.match(await toggle.innerText(), /Bộ lọc/);
        assert.equal(await page.locator('.lg-filters').isVisible(), false, 'the filters are folded away');
        // Rows are cards, not a table.
        await page.locator('[data-testid="activities-table"] .lg-card-row').first().waitFor();
        assert.equal(await page.locator('[data-testid="activities-table"] table').count(), 0, 'no table at phone width');
        await toggle.click();
        await page.locator('.lg-filters').waitFor({ state: 'visible' });
        await settle(page);
        await screenshot(page, 'mobile-commune-activities-filters.png');
        assert.ok((await widthOf(page)).scrollWidth <= PHONE.width, 'open filters fit');

        await page.goto('/activities/new');
        await settle(page);
        const { scrollWidth, wide } = await widthOf(page);
        assert.ok(scrollWidth <= PHONE.width, `quick entry ${scrollWidth} px wide: ${wide.join('; ')}`);
        // Every field stays inside its card.
        const spill = await page.evaluate(() => {
          const out = [];
          for (const card of document.querySelectorAll('.ant-card')) {
            const c = card.getBoundingClientRect();
            for (const f of card.querySelectorAll('input, .ant-select, .ant-picker, .ant-input-number')) {
              const r = f.getBoundingClientRect();
              if (r.width > 0 && (r.right > c.right + 1 || r.left < c.left - 1)) out.push(`${f.className} ${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(c.left)}–${Math.round(c.right)}`);
            }
          }
          return out;
        });
        assert.deepEqual(spill, [], 'quick-entry fields inside their cards');
        // A label never wraps a letter per line: each form label is wider than a few letters.
        const narrow = await page.evaluate(() =>
          [...document.querySelectorAll('.ant-form-item-label > label, .ant-space-item, .ant-typography')]
            .filter((l) => l.textContent.trim().length > 4)
            .filter((l) => {
              const r = l.getBoundingClientRect();
              return r.width > 0 && r.width < 24 && r.height > 40;
            })
            .map((l) => l.textContent.trim()),
        );
        assert.deepEqual(narrow, [], 'no label squeezed to a letter per line');

        // "Biểu mẫu:" stays on one line beside its choice.
        await page.goto('/reports');
        await settle(page);
        const label = page.getByTestId('report-picker').getByText('Biểu mẫu:', { exact: true });
        const box = await label.boundingBox();
        assert.ok(box && box.height < 30 && box.width > 40, `"Biểu mẫu:" on one line (${JSON.stringify(box)})`);
        assert.ok((await widthOf(page)).scrollWidth <= PHONE.width, 'the report page fits');

        // An activity's details fit too.
        await page.goto('/activities');
        await settle(page);
        await page.locator('[data-testid="activities-table"] .lg-card-row').first().click();
        await page.locator('.ant-drawer-open').waitFor();
        await settle(page);
        await screenshot(page, 'mobile-commune-activity-details.png');
        const details = await widthOf(page);
        assert.ok(details.scrollWidth <= PHONE.width, `activity details ${details.scrollWidth} px wide: ${details.wide.join('; ')}`);
        const drawerBox = await page.locator('.ant-drawer-open .ant-drawer-content-wrapper').boundingBox();
        assert.ok(drawerBox && drawerBox.width <= PHONE.width, `the details drawer fits (${drawerBox?.width} px)`);
        await page.keyboard.press('Escape');

        // A dialog's form is one column within the screen.
        await page.goto('/surveys');
        await settle(page);
        await page.getByTestId('survey-create').click();
        const dialog = page.locator('.ant-modal-content');
        await dialog.waitFor();
        await page.waitForTimeout(300);
        await screenshot(page, 'mobile-commune-survey-dialog.png');
        const outside = await page.evaluate((limit) =>
          [...document.querySelectorAll('.ant-modal-content input, .ant-modal-content .ant-select, .ant-modal-content .ant-picker')]
            .map((e) => e.getBoundingClientRect())
            .filter((r) => r.width > 0 && (r.left < 0 || r.right > limit))
            .map((r) => `${Math.round(r.left)}–${Math.round(r.right)}`), PHONE.width);
        assert.deepEqual(outside, [], 'dialog fields within the screen');
      });
    } finally {
      await ctx.close();
    }
  });

  test('province officer: a plan opened from its card fits the phone', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      const page = await phoneLogin(ctx, 'tinh.gialai');
      await withScreenshotOnFailure('mobile-plan', ctx, async () => {
        await page.goto('/plans');
        await settle(page);
        await page.locator('[data-testid="plans-table"] .lg-card-row a').first().click();
        await expectUrl(page, /^\/plans\/\d+$/);
        await settle(page);
        await screenshot(page, 'mobile-province-plan-view.png');
        const plan = await widthOf(page);
        assert.ok(plan.scrollWidth <= PHONE.width, `a plan ${plan.scrollWidth} px wide: ${plan.wide.join('; ')}`);
      });
    } finally {
      await ctx.close();
    }
  });

  test('desktop 1366×768: the side menu stays, no hamburger, no page wider than the screen', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      const page = await loginPage(ctx, 'tinh.gialai');
      await page.setViewportSize({ width: 1366, height: 768 });
      await withScreenshotOnFailure('mobile-desktop', ctx, async () => {
        for (const path of ['/activities', '/programmes', '/plans', '/reports']) {
          await page.goto(path);
          await settle(page);
          await page.getByTestId('side-menu').waitFor({ state: 'visible' });
          assert.equal(await page.getByTestId('menu-toggle').count(), 0, 'no hamburger on a desktop');
          const { scrollWidth, wide } = await widthOf(page);
          assert.ok(scrollWidth <= 1366, `${path}: ${scrollWidth} px wide: ${wide.join('; ')}`);
          await screenshot(page, `desktop-1366${path.replaceAll('/', '-')}.png`);
        }
        // The programme names read as lines of words, not a word per line.
        await page.goto('/programmes');
        await settle(page);
        const squeezed = await page.evaluate(() =>
          [...document.querySelectorAll('[data-testid="programmes-table"] tbody td')]
            .map((td) => ({ td, w: td.getBoundingClientRect().width }))
            .filter(({ td }) => td.textContent.trim().split(/\s+/).length >= 6)
            .filter(({ w }) => w < 160)
            .map(({ td, w }) => `${Math.round(w)} px: ${td.textContent.trim().slice(0, 40)}`),
        );
        assert.deepEqual(squeezed, [], 'long names get a column wide enough');
      });
    } finally {
      await ctx.close();
    }
  });
});
