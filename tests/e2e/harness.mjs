// Browser end-to-end harness: the real server binary on a fresh demo SQLite database, serving the
// built web UI, driven by Debian's chromium through playwright-core.
//
// Environment:
//   LONGGHEP_BIN        server binary (default <repo>/build/longghep)
//   LONGGHEP_WEB_ROOT   built web UI (default <repo>/web/dist; build it with `cd web && npm run build`)
//   LONGGHEP_ARTIFACTS  where screenshots (screenshots/*.png) and server logs go
//                       (default <repo>/test-artifacts)
//   LONGGHEP_CHROMIUM   browser executable (default /usr/bin/chromium)
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const run = promisify(execFile);
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const BIN = resolve(process.env.LONGGHEP_BIN || join(REPO, 'build', 'longghep'));
export const WEB_ROOT = resolve(process.env.LONGGHEP_WEB_ROOT || join(REPO, 'web', 'dist'));
export const ARTIFACTS = resolve(process.env.LONGGHEP_ARTIFACTS || join(REPO, 'test-artifacts'));
export const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
export const CHROMIUM = process.env.LONGGHEP_CHROMIUM || '/usr/bin/chromium';
export const DEMO_PASSWORD = 'Demo@2026';
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

// The master key of the sealed identities of people supported (issue 16): the same shared test
// key file as tests/api/harness.mjs, made once and given to `demo` and `serve`
// (LONGGHEP_CASE_KEY_FILE) unless the environment names one. Without it /api/cases answers 503.
export const CASE_KEY_FILE = process.env.LONGGHEP_CASE_KEY_FILE || join(tmpdir(), 'lg-test-case-master.key');
if (!existsSync(CASE_KEY_FILE)) {
  const tmp = `${CASE_KEY_FILE}.${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  try { renameSync(tmp, CASE_KEY_FILE); } catch { rmSync(tmp, { force: true }); }
}

/** Default wait for one UI condition; the whole suite should stay well under two minutes. */
export const UI_TIMEOUT = 15_000;

/** Today in Asia/Ho_Chi_Minh: {iso: "2026-11-24", display: "24/11/2026"}. */
export function todayVN() {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
  const [y, m, d] = iso.split('-');
  return { iso, display: `${d}/${m}/${y}` };
}

async function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/**
 * The demo database, built once per binary, day (Asia/Ho_Chi_Minh) and case key, then copied for
 * each server: what `longghep demo` writes, without running it (≈ 15 s under the sanitizers) for
 * every test file. (tests/api/harness.mjs does the same.)
 */
async function demoTemplate() {
  const keyStamp = createHash('sha256').update(readFileSync(CASE_KEY_FILE)).digest('hex').slice(0, 8);
  const stamp = `${Math.floor(statSync(BIN).mtimeMs)}_${todayVN().iso.replaceAll('-', '')}_${keyStamp}`;
  const tpl = join(tmpdir(), `lg-e2e-demo-${stamp}.db`);
  if (existsSync(tpl)) return tpl;
  const tmp = `${tpl}.${randomBytes(4).toString('hex')}`;
  try {
    await run(BIN, ['demo', '--db', `sqlite://${tmp}`], {
      env: { LONGGHEP_CASE_KEY_FILE: CASE_KEY_FILE, ...process.env, LONGGHEP_LOG_LEVEL: 'warn' },
      timeout: 180_000,
      maxBuffer: 16 << 20,
    });
  } catch (e) {
    throw new Error(`longghep demo failed (exit ${e.code}): ${e.stderr || ''}${e.stdout || ''}`);
  }
  for (const ext of ['-wal', '-shm']) rmSync(tmp + ext, { force: true });
  renameSync(tmp, tpl);
  return tpl;
}

/**
 * Seeds a fresh SQLite database with `longghep demo` and serves it with the web UI.
 * `name` labels the server log copied to the artefacts directory.
 * Returns {base, stop(), log()}; stop() sends SIGTERM and asserts a clean exit (code 0).
 */
export async function startServer(name) {
  assert.ok(existsSync(BIN), `server binary ${BIN} missing: build it (cd build && ninja longghep) or set LONGGHEP_BIN`);
  assert.ok(
    existsSync(join(WEB_ROOT, 'index.html')),
    `web UI not built: ${WEB_ROOT}/index.html missing (cd web && npm run build, or set LONGGHEP_WEB_ROOT)`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'lg-e2e-'));
  const db = `sqlite://${dir}/e2e.db`;
  const logFile = join(dir, 'server.log');
  const log = () => {
    try { return readFileSync(logFile, 'utf8'); } catch { return ''; }
  };
  let child;
  try {
    copyFileSync(await demoTemplate(), `${dir}/e2e.db`);
    const port = await freePort();
    const fd = openSync(logFile, 'a');
    child = spawn(BIN, ['serve', '--db', db, '--port', String(port), '--web-root', WEB_ROOT], {
      stdio: ['ignore', fd, fd],
      env: { LONGGHEP_CASE_KEY_FILE: CASE_KEY_FILE, ...process.env, LONGGHEP_BIND: '127.0.0.1' },
    });
    closeSync(fd);
    let done = null;
    const exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
    exited.then((x) => { done = x; });
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (done) throw new Error(`server exited early (${JSON.stringify(done)}):\n${log().slice(-4000)}`);
      try {
        const r = await fetch(`${base}/readyz`);
        if (r.status === 200) break;
      } catch { /* not listening yet */ }
      if (Date.now() > deadline) throw new Error(`server not ready after 30 s:\n${log().slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const { code, signal } = await exited;
      clearTimeout(timer);
      try {
        mkdirSync(ARTIFACTS, { recursive: true });
        copyFileSync(logFile, join(ARTIFACTS, `e2e-server-${name}.log`));
      } catch { /* artefacts are best effort */ }
      rmSync(dir, { recursive: true, force: true });
      assert.equal(signal, null, `server killed by ${signal} instead of exiting on SIGTERM`);
      assert.equal(code, 0, 'server exit code after SIGTERM');
    };
    return { base, stop, log };
  } catch (e) {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/**
 * A fresh browser context (own cookies and localStorage) in Vietnam's time zone, wide enough for
 * the desktop layout. Uncaught page errors are collected in `ctx.pageErrors`.
 */
export async function newContext(browser, base) {
  const ctx = await browser.newContext({
    baseURL: base,
    locale: 'vi-VN',
    timezoneId: TIME_ZONE,
    viewport: { width: 1440, height: 900 },
    // The app honours the system's reduced-motion setting (no animations): a click never lands on
    // a dialog still zooming in (its OK was seen lost under load: no request sent).
    reducedMotion: 'reduce',
  });
  ctx.setDefaultTimeout(UI_TIMEOUT);
  ctx.pageErrors = [];
  ctx.on('page', (page) => page.on('pageerror', (err) => ctx.pageErrors.push(String(err?.stack || err))));
  return ctx;
}

/** Fills the login form on the current page and submits it. */
export async function submitLogin(page, username, password = DEMO_PASSWORD) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in through the UI in a new page of `ctx`; resolves once the signed-in frame shows. */
export async function loginPage(ctx, username, password = DEMO_PASSWORD) {
  const page = await ctx.newPage();
  await page.goto('/login');
  await submitLogin(page, username, password);
  await page.getByTestId('current-user').waitFor();
  return page;
}

/** Saves a full-page PNG to <artefacts>/screenshots/<name>. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, name);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/**
 * Runs a test body with a page; on failure saves FAILED-<label>.png before rethrowing,
 * and at the end asserts the page threw no uncaught JavaScript error.
 */
export async function withScreenshotOnFailure(label, ctx, fn) {
  try {
    await fn();
  } catch (e) {
    for (const [i, p] of ctx.pages().entries()) {
      await screenshot(p, `FAILED-${label}${i ? `-${i}` : ''}.png`).catch(() => {});
    }
    throw e;
  }
  assert.deepEqual(ctx.pageErrors, [], 'uncaught errors in the page');
  // Passed: drop failure screenshots a previous run may have left for this journey.
  try {
    for (const f of readdirSync(SCREENSHOTS)) {
      if (f.startsWith(`FAILED-${label}`)) rmSync(join(SCREENSHOTS, f), { force: true });
    }
  } catch { /* no screenshots directory yet */ }
}

/** The visible text of a locator, whitespace collapsed. */
export async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** Waits until the locator's text contains `expected` (string or RegExp); fails with the text seen. */
export async function expectText(locator, expected, { timeout = UI_TIMEOUT, message = '' } = {}) {
  const ok = (s) => (expected instanceof RegExp ? expected.test(s) : s.includes(expected));
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    try {
      last = await textOf(locator.first());
      if (ok(last)) return last;
    } catch (e) {
      last = `<${e.message.split('\n')[0]}>`;
    }
    if (Date.now() > deadline) {
      const alerts = await visibleAlerts(locator.page());
      assert.fail(`${message ? `${message}: ` : ''}expected text ${expected} in ${locator}, saw: ${last.slice(0, 1500)}` +
        (alerts ? `\n  the page shows: ${alerts}` : ''));
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The error alerts, messages and notifications the page shows now (a failed action explains itself
 * there): joined, for a failing assertion's message. Never throws.
 */
export async function visibleAlerts(page) {
  try {
    const texts = await page
      .locator('.ant-alert-error, .ant-message-notice, .ant-notification-notice, .ant-form-item-explain-error, .ant-modal-content')
      .evaluateAll((els) => els.filter((e) => e.offsetParent !== null || e.getClientRects().length > 0)
        .map((e) => e.innerText.replace(/\s+/g, ' ').trim()).filter(Boolean));
    return texts.join(' | ').slice(0, 1500);
  } catch {
    return '';
  }
}

/** Asserts the locator's current text does not contain `unexpected`. */
export async function expectNoText(locator, unexpected, message = '') {
  const s = await textOf(locator.first());
  const hit = unexpected instanceof RegExp ? unexpected.test(s) : s.includes(unexpected);
  assert.ok(!hit, `${message ? `${message}: ` : ''}did not expect ${unexpected} in ${locator}, saw: ${s.slice(0, 1500)}`);
}

/** Waits until the page URL satisfies `pred` (a RegExp or function of URL). */
export async function expectUrl(page, pred, timeout = UI_TIMEOUT) {
  const test = pred instanceof RegExp ? (u) => pred.test(u.pathname + u.search) : pred;
  await page.waitForURL((u) => test(u), { timeout });
}

/**
 * Fails when the page is wider than `width` (a phone layout that scrolls sideways).
 * Right after a viewport change the layout settles asynchronously (Ant Design's tabs and
 * tables re-measure through ResizeObserver), so the width is polled until it fits; a page that
 * never fits fails after UI_TIMEOUT and names the elements that stick out.
 */
export async function noWiderThan(page, width, what, timeout = UI_TIMEOUT) {
  const deadline = Date.now() + timeout;
  let w = 0;
  for (;;) {
    w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w <= width || Date.now() > deadline) break;
    await page.waitForTimeout(100);
  }
  if (w <= width) return;
  const culprits = await page.evaluate((width) => {
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && r.width > 0) {
        const cls = typeof el.className === 'string' ? el.className.split(' ').slice(0, 2).join('.') : '';
        out.push(`${el.tagName.toLowerCase()}${cls ? '.' + cls : ''}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} right=${Math.round(r.right)}`);
        if (out.length >= 8) break;
      }
    }
    return out;
  }, width);
  assert.fail(`${what}: the page is ${w} px wide on a ${width} px screen; sticking out: ${culprits.join(', ')}`);
}

/** GET `path` with the page's session: {status, body}. */
export async function apiGet(page, path) {
  return page.evaluate(async (path) => {
    const r = await fetch(path, { credentials: 'same-origin' });
    return { status: r.status, body: await r.json().catch(() => null) };
  }, path);
}
