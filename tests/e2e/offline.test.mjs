// Offline entry for communes (issue 21) on a phone (390×844): the commune officer loads the app
// once, loses the network, records two activities and a report draft (they wait, encrypted, in
// IndexedDB; the banner says so), reloads without a network (the shell from the service worker,
// the queue decrypted from IndexedDB), gets the network back and sees them sent — exactly once on
// the server. A report draft edited offline while a second session changes it shows the conflict
// side by side; "keep mine" and "take the server's" both end with exactly the chosen values on
// the server. The records in IndexedDB are ciphertext; sign-out wipes the store.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectText, launchBrowser, newContext, screenshot, startServer, submitLogin, todayVN, withScreenshotOnFailure } from './harness.mjs';

const PHONE = { width: 390, height: 844 };
const FORM = 'bc_6thang';
const WARD = '21583';

async function inputOf(locator) {
  const tag = await locator.evaluate((e) => e.tagName);
  return tag === 'INPUT' ? locator : locator.locator('input').first();
}
async function pick(page, select, typed, label = typed) {
  await select.click();
  if (typed) await page.keyboard.type(typed);
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: label });
  await option.first().click();
}
/** JSON of `path` through Node (not the page: it may be offline), with a session cookie. */
async function api(base, cookie, method, path, body, csrf) {
  const headers = { cookie, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrf) headers['x-csrf-token'] = csrf;
  const r = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, body: await r.json().catch(() => null) };
}
async function apiLogin(base, username) {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Demo@2026' }) });
  assert.equal(r.status, 200);
  const cookie = /lg_session=[^;]*/.exec(r.headers.get('set-cookie'))[0];
  return { cookie, csrf: (await r.json()).csrfToken };
}
/** The states of the outbox's items, as listed on /offline. */
async function states(page) {
  return page.getByTestId('offline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
}
async function waitStates(page, pred, what, timeout = 30_000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await states(page);
    if (pred(last)) return last;
    await page.waitForTimeout(250);
  }
  assert.fail(`${what}: the outbox shows ${JSON.stringify(last)}`);
}
/** The raw rows of an IndexedDB store, their ciphertext as text (to look for clear text in it). */
async function rawRows(page, store) {
  return page.evaluate(async (store) => {
    const dbs = await indexedDB.databases();
    if (!dbs.some((d) => d.name === 'longghep-offline')) return null;
    const db = await new Promise((res, rej) => {
      const r = indexedDB.open('longghep-offline');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    if (!db.objectStoreNames.contains(store)) { db.close(); return []; }
    const rows = await new Promise((res) => {
      const r = db.transaction(store).objectStore(store).getAll();
      r.onsuccess = () => res(r.result);
    });
    db.close();
    return rows.map((row) => ({
      id: row.id,
      keys: Object.keys(row),
      text: row.ct ? new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(row.ct)) : JSON.stringify(row),
    }));
  }, store);
}

/** Waits until the app has kept (sealed) the reads it needs for entry without a network. */
async function keptLists(page, prefixes, timeout = 20_000) {
  const end = Date.now() + timeout;
  let ids = [];
  while (Date.now() < end) {
    ids = ((await rawRows(page, 'refs')) ?? []).map((r) => r.id);
    if (prefixes.every((p) => ids.some((id) => id.startsWith(p)))) return;
    await page.waitForTimeout(200);
  }
  assert.fail(`the reads kept for offline entry: ${JSON.stringify(ids)}`);
}

describe('offline entry for communes: queue, sync, conflicts, encrypted store', () => {
  let server, browser;
  before(async () => {
    server = await startServer('offline');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('installable: the manifest and the service worker are served fresh, the assets immutable', async () => {
    const sw = await fetch(`${server.base}/sw.js`);
    assert.equal(sw.status, 200);
    assert.match(sw.headers.get('content-type'), /javascript/);
    assert.equal(sw.headers.get('cache-control'), 'no-cache');
    const src = await sw.text();
    const list = JSON.parse(/const PRECACHE = (\[[\s\S]*?\]);/.exec(src)[1]);
    assert.ok(list.includes('/index.html') && list.some((u) => /^\/assets\/.+\.js$/.test(u)), 'the build\'s assets are precached');
    assert.ok(!list.some((u) => u.startsWith('/api/')), 'no API address in the precache list');
    const asset = list.find((u) => u.startsWith('/assets/'));
    assert.match((await fetch(server.base + asset)).headers.get('cache-control'), /immutable/);
    const mf = await fetch(`${server.base}/manifest.webmanifest`);
    assert.equal(mf.headers.get('content-type'), 'application/manifest+json');
    assert.equal(mf.headers.get('cache-control'), 'no-cache');
    const m = await mf.json();
    assert.equal(m.name, 'Lồng ghép PCMD');
    assert.equal(m.lang, 'vi');
    assert.equal(m.display, 'standalone');
    assert.equal(m.start_url, '/');
    for (const icon of m.icons) assert.equal((await fetch(server.base + icon.src)).status, 200, icon.src);
  });

  test('two activities and a report draft offline, a reload offline, sync once; a conflict resolved both ways; sign-out wipes', async () => {
    const ctx = await newContext(browser, server.base);
    const stamp = Date.now().toString(36);
    const TITLES = [`Tuyên truyền ngoại tuyến A ${stamp}`, `Tuyên truyền ngoại tuyến B ${stamp}`];
    const today = todayVN().iso;
    const year = Number(today.slice(0, 4));
    let page;
    try {
      page = await ctx.newPage();
      await page.setViewportSize(PHONE);
      await withScreenshotOnFailure('offline', ctx, async () => {
        await page.goto('/login');
        await submitLogin(page, 'xa.gialai');
        await page.getByTestId('menu-toggle').waitFor();
        // the service worker takes the page; the entry pages are loaded once online
        await page.evaluate(async () => { await navigator.serviceWorker.ready; });
        await page.reload();
        await page.getByTestId('menu-toggle').waitFor();
        assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'the service worker controls the page');
        const form = (await api(server.base, '', 'GET', `/api/report-forms/${FORM}`)).body;
        void form;
        await page.goto('/activities/new');
        await page.getByTestId('activity-title').waitFor();
        await page.waitForLoadState('networkidle');
        await keptLists(page, ['/api/taxonomies/intervention-types', '/api/taxonomies/target-groups', '/api/agencies']);
        await page.goto('/reports');
        await page.getByTestId('report-save').waitFor();
        await page.waitForLoadState('networkidle');
        await keptLists(page, ['/api/reports/current', '/api/report-periods', '/api/report-forms']);
        const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
        const fdef = (await api(server.base, cookie, 'GET', `/api/report-forms/${FORM}`)).body;
        const narrative = fdef.sections.flatMap((s) => s.elements).filter((e) => e.source === 'manual' && e.valueType === 'text');
        const periods = (await api(server.base, cookie, 'GET', `/api/report-periods?form=${FORM}&orgUnit=${WARD}&year=${year}`)).body.items;
        const period = periods.find((p) => p.from <= today && today <= p.to) ?? periods[periods.length - 1];
        const field = narrative[0].code;

        // 1. The network drops: two activities and a report draft go to the outbox.
        await ctx.setOffline(true);
        for (const title of TITLES) {
          await page.goto('/activities/new');
          await page.getByTestId('activity-title').fill(title);
          await pick(page, page.getByTestId('activity-type'), 'cộng đồng', 'Tuyên truyền tại cộng đồng');
          await pick(page, page.getByTestId('activity-reach-group').first(), 'Học sinh', 'Học sinh, sinh viên');
          await (await inputOf(page.getByTestId('activity-reach-total-input').first())).fill('40');
          await page.getByTestId('activity-save').click();
          await page.getByTestId('offline-queue').waitFor();
        }
        await page.goto('/reports');
        await page.getByTestId(`report-field-${field}`).fill('Kết quả ghi khi mất mạng (e2e)');
        await page.getByTestId('report-save').click();
        await page.getByTestId('offline-banner').waitFor();
        await expectText(page.getByTestId('offline-banner'), /Đang ngoại tuyến — 3 mục chờ gửi/);
        await screenshot(page, 'offline-banner-390.png');
        await page.goto('/offline');
        assert.deepEqual(await waitStates(page, (s) => s.length === 3, 'three items'), ['waiting', 'waiting', 'waiting']);
        await screenshot(page, 'offline-queue-waiting-390.png');

        // 2. What is in IndexedDB is ciphertext: no title in clear, no plain fields.
        const rows = await rawRows(page, 'items');
        assert.equal(rows.length, 3);
        for (const r of rows) {
          assert.deepEqual(r.keys.sort(), ['ct', 'id', 'iv']);
          for (const t of TITLES) assert.ok(!r.text.includes(t) && !r.text.includes('ngoại tuyến'), 'no clear text in the stored record');
        }
        const meta = await page.evaluate(async () => {
          const db = await new Promise((res) => { const r = indexedDB.open('longghep-offline'); r.onsuccess = () => res(r.result); });
          const k = await new Promise((res) => { const r = db.transaction('meta').objectStore('meta').get('key'); r.onsuccess = () => res(r.result); });
          db.close();
          let exported = true;
          try { await crypto.subtle.exportKey('raw', k.key); } catch { exported = false; }
          return { type: k.key.type, extractable: k.key.extractable, alg: k.key.algorithm.name, exported };
        });
        assert.deepEqual(meta, { type: 'secret', extractable: false, alg: 'AES-GCM', exported: false }, 'the key cannot be exported');

        // 3. A reload with no network: the shell from the service worker, the queue decrypted.
        await page.reload();
        await page.getByTestId('offline-queue').waitFor();
        assert.deepEqual(await waitStates(page, (s) => s.length === 3, 'after the reload'), ['waiting', 'waiting', 'waiting']);
        await expectText(page.getByTestId('offline-banner'), /3 mục chờ gửi/);

        // 4. The network is back: sent in order, once.
        await ctx.setOffline(false);
        assert.deepEqual(await waitStates(page, (s) => s.length === 3 && s.every((x) => x === 'sent'), 'all sent'), ['sent', 'sent', 'sent']);
        await screenshot(page, 'offline-queue-sent-390.png');
        for (const title of TITLES) {
          const list = (await api(server.base, cookie, 'GET', `/api/activities?q=${encodeURIComponent(title)}&pageSize=50`)).body;
          assert.equal(list.items.filter((a) => a.title === title).length, 1, `exactly one "${title}"`);
        }
        let current = (await api(server.base, cookie, 'GET', `/api/reports/current?form=${FORM}&period=${period.code}&orgUnit=${WARD}`)).body;
        assert.equal(current.values[field], 'Kết quả ghi khi mất mạng (e2e)');
        await page.getByTestId('offline-clear-sent').click();
        await waitStates(page, (s) => s.length === 0, 'sent items cleared');

        // 4b. Sent while its page stays open: the page takes the server's new version, so the next
        // save online is accepted (not refused as stale).
        await page.goto('/reports');
        await page.getByTestId(`report-field-${field}`).waitFor();
        await page.waitForLoadState('networkidle');
        await ctx.setOffline(true);
        await page.getByTestId(`report-field-${field}`).fill('Lần hai, khi mất mạng (e2e)');
        await page.getByTestId('report-save').click();
        await expectText(page.getByTestId('offline-banner'), /1 mục chờ gửi/);
        const refetched = page.waitForResponse((r) => r.url().includes('/api/reports/current') && r.status() === 200, { timeout: 30_000 });
        await ctx.setOffline(false);
        await refetched;
        current = (await api(server.base, cookie, 'GET', `/api/reports/current?form=${FORM}&period=${period.code}&orgUnit=${WARD}`)).body;
        assert.equal(current.values[field], 'Lần hai, khi mất mạng (e2e)');
        await page.getByTestId(`report-field-${field}`).fill('Lần ba, có mạng (e2e)');
        await page.getByTestId('report-save').click();
        await page.getByText('Đã lưu báo cáo').first().waitFor();
        current = (await api(server.base, cookie, 'GET', `/api/reports/current?form=${FORM}&period=${period.code}&orgUnit=${WARD}`)).body;
        assert.equal(current.values[field], 'Lần ba, có mạng (e2e)');
        await page.goto('/offline');
        await page.getByTestId('offline-clear-sent').click();
        await waitStates(page, (s) => s.length === 0, 'sent items cleared');

        // 5. Conflicts: the draft edited offline while a second session changes it.
        const other = await apiLogin(server.base, 'xa.gialai');
        const otherSave = async (text) => {
          const cur = (await api(server.base, other.cookie, 'GET', `/api/reports/current?form=${FORM}&period=${period.code}&orgUnit=${WARD}`)).body;
          const values = {};
          for (const el of narrative) values[el.code] = cur.values[el.code] ?? null;
          values[field] = text;
          const r = await api(server.base, other.cookie, 'PUT', '/api/reports', { form: FORM, period: period.code, orgUnitCode: WARD, values, version: cur.version }, other.csrf);
          assert.equal(r.status, 200, JSON.stringify(r.body));
        };
        for (const choice of ['mine', 'theirs']) {
          const MINE = `Bản của tôi (${choice}, e2e)`, THEIRS = `Bản phiên khác (${choice}, e2e)`;
          await page.goto('/reports');
          await page.getByTestId(`report-field-${field}`).waitFor();
          await page.waitForLoadState('networkidle');
          await ctx.setOffline(true);
          await page.getByTestId(`report-field-${field}`).fill(MINE);
          await page.getByTestId('report-save').click();
          await page.getByTestId('offline-banner').waitFor();
          await otherSave(THEIRS);
          await page.goto('/offline').catch(() => undefined);
          await page.getByTestId('offline-queue').waitFor();
          await ctx.setOffline(false);
          await waitStates(page, (s) => s.filter((x) => x !== 'sent').join() === 'conflict', 'a conflict');
          const row = page.getByTestId(`conflict-row-${field}`);
          await row.waitFor();
          assert.equal(await row.getAttribute('data-differs'), '1', 'the changed field is marked');
          await expectText(row.getByTestId('conflict-mine'), MINE);
          await expectText(row.getByTestId('conflict-theirs'), THEIRS);
          await screenshot(page, `offline-conflict-${choice}-390.png`);
          if (choice === 'mine') {
            await page.getByTestId('conflict-keep-mine').click();
            await waitStates(page, (s) => s.length >= 1 && s.every((x) => x === 'sent'), 'mine sent');
          } else {
            await page.getByTestId('conflict-take-theirs').click();
            await page.getByTestId('conflict-take-theirs-ok').click();
            await waitStates(page, (s) => s.every((x) => x === 'sent'), 'mine discarded');
          }
          current = (await api(server.base, cookie, 'GET', `/api/reports/current?form=${FORM}&period=${period.code}&orgUnit=${WARD}`)).body;
          assert.equal(current.values[field], choice === 'mine' ? MINE : THEIRS, `the server holds exactly the chosen value (${choice})`);
          if (choice === 'mine') await page.getByTestId('offline-clear-sent').click();
          await waitStates(page, (s) => s.length === 0, 'the outbox emptied');
        }

        // 6. The session ends on the server while an item waits: it is kept, the sign-in page says
        // how many would be lost; signing in again sends it (once).
        const TITLE_C = `Tuyên truyền ngoại tuyến C ${stamp}`;
        await ctx.setOffline(true);
        await page.goto('/activities/new');
        await page.getByTestId('activity-title').fill(TITLE_C);
        await pick(page, page.getByTestId('activity-type'), 'cộng đồng', 'Tuyên truyền tại cộng đồng');
        await pick(page, page.getByTestId('activity-reach-group').first(), 'Học sinh', 'Học sinh, sinh viên');
        await (await inputOf(page.getByTestId('activity-reach-total-input').first())).fill('12');
        await page.getByTestId('activity-save').click();
        await page.getByTestId('offline-queue').waitFor();
        const noWider = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(noWider <= PHONE.width, `the outbox is ${noWider} px wide on a 390 px screen`);
        const meNow = (await api(server.base, cookie, 'GET', '/api/me')).body;
        assert.equal((await api(server.base, cookie, 'POST', '/api/auth/logout', {}, meNow.csrfToken)).status, 204);
        await ctx.setOffline(false);
        await page.getByTestId('unsent-notice').waitFor({ timeout: 30_000 });
        await expectText(page.getByTestId('unsent-notice'), /1 mục chưa gửi/);
        await screenshot(page, 'offline-session-ended-390.png');
        await submitLogin(page, 'xa.gialai');
        await page.getByTestId('menu-toggle').waitFor();
        await page.goto('/offline');
        await waitStates(page, (s) => s.length === 1 && s[0] === 'sent', 'sent after signing in again');
        const cookie2 = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
        const listC = (await api(server.base, cookie2, 'GET', `/api/activities?q=${encodeURIComponent(TITLE_C)}&pageSize=50`)).body;
        assert.equal(listC.items.filter((a) => a.title === TITLE_C).length, 1, 'exactly one after the session ended and came back');

        // 7. Sign-out wipes the local store.
        assert.ok((await rawRows(page, 'meta')).length > 0, 'a key before sign-out');
        await page.getByTestId('menu-toggle').click();
        await page.getByTestId('logout').last().click();
        await page.getByTestId('login-username').waitFor();
        const after = await rawRows(page, 'items');
        assert.ok(after === null || after.length === 0, 'no records in IndexedDB after sign-out');
        const keys = await rawRows(page, 'meta');
        assert.ok(keys === null || keys.length === 0, 'no key in IndexedDB after sign-out');
        // nothing of the API in Cache Storage
        const cached = await page.evaluate(async () => {
          const out = [];
          for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) out.push(new URL(r.url).pathname);
          return out;
        });
        assert.ok(cached.length > 0, 'the shell is precached');
        assert.deepEqual(cached.filter((p) => p.startsWith('/api/')), [], 'no API answer in Cache Storage');
      });
      assert.deepEqual(ctx.pageErrors, [], 'no uncaught page errors');
    } finally {
      await ctx.close();
    }
  });
});
