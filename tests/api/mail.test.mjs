// E-mail of the notifications (issue 15, item 2: "e-mail is optional: SMTP settings; tests use a
// local SMTP sink"), on the real server with a real SMTP dialogue (tests/api/smtp-sink.mjs):
// a plan submitted → its approvers get the mail in their language, diacritics intact, through
// AUTH; a user who switched e-mail off gets none; SMTP down → the mail stays queued, is retried
// with backoff and sent once the server is back; the system administrator sees the settings
// (never the password) and the outbox, and can send a test mail; without SMTP nothing is queued.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, listAll, loginAll, startServer, todayVN, uniq } from './harness.mjs';
import { startSmtpSink } from './smtp-sink.mjs';

const PASSWORD = 'Smtp-S3cret-pw-7f3a';
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, fn, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait(100);
  }
}

// Gives a demo user an e-mail address (the administrator edits the account).
async function setEmail(admin, username, email) {
  const u = (await listAll(admin, `/api/users?q=${encodeURIComponent(username)}`)).items.find((x) => x.username === username);
  const full = assertStatus(await admin.get(`/api/users/${u.id}`), 200);
  assertStatus(await admin.put(`/api/users/${u.id}`, {
    fullName: full.fullName, email, orgUnitCode: full.orgUnit.code, orgUnitAsOf: todayVN(), roles: full.roles,
    active: full.active, version: full.version, ...(full.agency ? { agencyId: full.agency.id } : {}),
  }), 200);
  return full;
}

async function submitPlan(S, agencies, year, title) {
  const agency = agencies.find((a) => a.name === 'Sở Y tế tỉnh Gia Lai').id;
  const p = assertStatus(await S['coquan.gialai'].post('/api/plans', { orgUnitCode: '52', agencyId: agency, year, title }), 201);
  assertStatus(await S['coquan.gialai'].post(`/api/plans/${p.id}/submit`, {}), 200);
  return p;
}

describe(`e-mail of notifications, SMTP configured ${KIND}`, () => {
  let sink, server, S, agencies, tinh;
  const outbox = async () => assertStatus(await S.admin.get('/api/system/mail'), 200).outbox;

  before(async () => {
    sink = await startSmtpSink({ user: 'mailer@example.vn', password: PASSWORD });
    server = await startServer({
      env: {
        LONGGHEP_SMTP_HOST: '127.0.0.1',
        LONGGHEP_SMTP_PORT: String(sink.port),
        LONGGHEP_SMTP_FROM: 'longghep@example.vn',
        LONGGHEP_SMTP_USER: 'mailer@example.vn',
        LONGGHEP_SMTP_PASSWORD: PASSWORD,
        LONGGHEP_SMTP_CONNECT_TIMEOUT_MS: '2000',
        LONGGHEP_SMTP_TIMEOUT_MS: '5000',
        LONGGHEP_MAIL_POLL_MS: '100',
        LONGGHEP_MAIL_RETRY_BASE_MS: '300',
        LONGGHEP_MAIL_RETRY_MAX_MS: '600',
        LONGGHEP_MAIL_MAX_ATTEMPTS: '50',
        LONGGHEP_MAIL_PUBLIC_URL: 'https://longghep.example.vn/',
        LONGGHEP_LOG_LEVEL: 'debug',
      },
    });
    S = await loginAll(server.base);
    agencies = (await listAll(S.admin, '/api/agencies')).items;
    tinh = await setEmail(S.admin, 'tinh.gialai', 'lan.tran@gialai.example.vn');
    await setEmail(S.admin, 'bo', 'bo@molisa.example.vn');
    // the demo administrator has an address and approves plans too: it switches e-mail off
    assertStatus(await S.admin.put('/api/me/mail', { emailNotifications: false }), 200);
  });
  after(async () => {
    if (process.env.MAIL_TEST_LOG) console.log(server?.log().split('\n').filter((l) => /mail/i.test(l) && !/path=/.test(l)).slice(-40).join('\n'));
    await server?.stop();
    await sink?.stop();
  });

  test('the administrator sees the settings and the outbox, never the password; others may not', async () => {
    const res = await S.admin.get('/api/system/mail');
    const m = assertStatus(res, 200);
    assert.equal(m.settings.configured, true);
    assert.equal(m.settings.host, '127.0.0.1');
    assert.equal(m.settings.port, sink.port);
    assert.equal(m.settings.from, 'longghep@example.vn');
    assert.equal(m.settings.user, 'mailer@example.vn');
    assert.equal(m.settings.passwordSet, true);
    assert.equal(m.settings.security, 'none');
    assert.equal(m.settings.publicUrl, 'https://longghep.example.vn/');
    assert.ok(!JSON.stringify(m).includes(PASSWORD), 'no password in the answer');
    for (const who of ['bo', 'tinh.gialai', 'xa.gialai', 'coquan.gialai', 'xem.gialai']) {
      assertError(await S[who].get('/api/system/mail'), 403, 'forbidden');
      assertError(await S[who].post('/api/system/mail/test', {}), 403, 'forbidden');
    }
  });

  test('a plan submitted → its approvers are mailed, in their language, diacritics intact, through AUTH', async () => {
    const me = assertStatus(await S.bo.put('/api/me/mail', { emailNotifications: true, language: 'en' }), 200);
    assert.deepEqual(me, { email: 'bo@molisa.example.vn', emailNotifications: true, language: 'en', mailConfigured: true });
    const title = `Kế hoạch lồng ghép thư điện tử ${uniq('m')}`;
    const p = await submitPlan(S, agencies, 2041, title);

    const vi = await sink.waitFor((x) => x.to.includes('lan.tran@gialai.example.vn') && x.subject.includes(title));
    assert.equal(vi.from, 'longghep@example.vn');
    assert.equal(vi.subject, `[longghep] Kế hoạch chờ phê duyệt: ${title} (Gia Lai)`);
    assert.match(vi.headers['content-type'], /text\/plain;\s*charset="?utf-8"?/i);
    assert.match(vi.body, new RegExp(`^Kính gửi ${tinh.fullName.replace(/[()]/g, '\\$&')},`));
    assert.ok(vi.body.includes(`Kế hoạch chờ phê duyệt: ${title} (Gia Lai)`), vi.body);
    assert.ok(vi.body.includes('Việc của tôi'), vi.body);
    assert.ok(vi.body.includes('https://longghep.example.vn/my-work'), vi.body);
    assert.ok(vi.body.includes('tắt thông báo qua thư điện tử'), 'says how to stop the mails');

    const en = await sink.waitFor((x) => x.to.includes('bo@molisa.example.vn') && x.subject.includes(title));
    assert.equal(en.subject, `[longghep] Plan awaiting approval: ${title} (Gia Lai)`);
    assert.match(en.body, /^Dear Nguyễn Văn Bộ \(Cục Bảo trợ xã hội\),/);

    // the sender authenticated with the configured account; the submitter (no address) got nothing
    assert.ok(sink.auths.length > 0 && sink.auths.every((a) => a.ok && a.user === 'mailer@example.vn'));
    // each mail belongs to its notification, and is recorded as sent
    const notif = assertStatus(await S['tinh.gialai'].get('/api/notifications'), 200).items
      .find((n) => n.kind === 'plan_submitted' && n.subjectId === p.id);
    const ob = await until('both recorded sent', async () => {
      const o = await outbox();
      // the province and the ministry (the system administrator approves too, but switched e-mail off)
      const rows = o.recent.filter((r) => r.subject.includes(title));
      assert.deepEqual(rows.map((r) => r.recipient).sort(), ['bo@molisa.example.vn', 'lan.tran@gialai.example.vn']);
      return rows.every((r) => r.status === 'sent') ? o : null;
    });
    const row = ob.recent.find((r) => r.recipient === 'lan.tran@gialai.example.vn' && r.subject.includes(title));
    assert.equal(row.notificationId, notif.id);
    assert.equal(row.attempts, 1);
    assert.equal(row.lastError, '');
    assert.ok(row.sentAt);
    assert.ok(ob.sent >= 2);
  });

  test('a user who switched e-mail off is not mailed (the in-app notification stays)', async () => {
    assertError(await S['tinh.gialai'].put('/api/me/mail', { emailNotifications: 'no' }), 400, 'validation_failed', 'emailNotifications');
    assertError(await S['tinh.gialai'].put('/api/me/mail', { emailNotifications: false, language: 'fr' }), 400, 'validation_failed', 'language');
    const off = assertStatus(await S['tinh.gialai'].put('/api/me/mail', { emailNotifications: false }), 200);
    assert.equal(off.emailNotifications, false);
    assert.equal(assertStatus(await S['tinh.gialai'].get('/api/me/mail'), 200).emailNotifications, false);
    const title = `Kế hoạch không gửi thư ${uniq('o')}`;
    const p = await submitPlan(S, agencies, 2042, title);
    await sink.waitFor((x) => x.to.includes('bo@molisa.example.vn') && x.subject.includes(title));
    const rows = (await outbox()).recent.filter((r) => r.subject.includes(title));
    assert.deepEqual(rows.map((r) => r.recipient), ['bo@molisa.example.vn'], 'queued for the ministry only');
    assert.ok(!sink.messages.some((x) => x.to.includes('lan.tran@gialai.example.vn') && x.subject.includes(title)));
    assert.ok(assertStatus(await S['tinh.gialai'].get('/api/notifications'), 200).items
      .some((n) => n.kind === 'plan_submitted' && n.subjectId === p.id), 'still notified in the application');
    // the preference change is audited
    const audit = assertStatus(await S.admin.get('/api/audit?entity=user'), 200).items;
    assert.ok(audit.some((a) => a.after?.emailNotifications === false));
    assertStatus(await S['tinh.gialai'].put('/api/me/mail', { emailNotifications: true, language: 'vi' }), 200);
  });

  test('SMTP down → the mail stays queued and is retried with backoff; sent once the server is back', async () => {
    await sink.stop();
    const title = `Kế hoạch chờ máy chủ thư ${uniq('d')}`;
    await submitPlan(S, agencies, 2043, title);
    const retried = await until('two failed attempts', async () => {
      const r = (await outbox()).recent.find((x) => x.recipient === 'lan.tran@gialai.example.vn' && x.subject.includes(title));
      return r && r.attempts >= 2 ? r : null;
    });
    assert.equal(retried.status, 'queued');
    assert.ok(retried.lastError.length > 0, 'the reason is kept');
    assert.ok(retried.nextAttemptAt);
    assert.ok(!retried.lastError.includes(PASSWORD));
    const o = await outbox();
    assert.ok(o.queued >= 1 && o.oldestQueuedAt, JSON.stringify(o));
    // the test mail says so at once
    const t = await S.admin.post('/api/system/mail/test', { to: 'admin@example.vn' });
    assertError(t, 502, 'smtp_failed');
    assert.ok(!JSON.stringify(t.body).includes(PASSWORD));

    await sink.start();  // same port
    const m = await sink.waitFor((x) => x.to.includes('lan.tran@gialai.example.vn') && x.subject.includes(title), 15_000);
    assert.ok(m.body.includes(title));
    const sent = await until('recorded sent', async () => {
      const r = (await outbox()).recent.find((x) => x.recipient === 'lan.tran@gialai.example.vn' && x.subject.includes(title));
      return r?.status === 'sent' ? r : null;
    });
    assert.ok(sent.attempts >= 3, `attempts ${sent.attempts}`);
    assert.equal(sent.lastError, '');
    assert.equal(sink.messages.filter((x) => x.to.includes('lan.tran@gialai.example.vn') && x.subject.includes(title)).length, 1, 'sent once');
  });

  test('the test mail: to the administrator\'s own address or a given one; bad input → 400; audited', async () => {
    await setEmail(S.admin, 'admin', 'quantri@example.vn');
    const own = assertStatus(await S.admin.post('/api/system/mail/test', {}), 200);
    assert.deepEqual(own, { sent: true, to: 'quantri@example.vn' }, 'its own address (even with notifications off)');
    const m = await sink.waitFor((x) => x.to.includes('quantri@example.vn') && x.subject.includes('Thư thử'));
    assert.equal(m.subject, '[longghep] Thư thử / Test e-mail');
    assert.ok(m.body.includes('Đây là thư thử của hệ thống longghep, do admin gửi'), m.body);
    assertStatus(await S.admin.post('/api/system/mail/test', { to: 'khac@example.vn' }), 200);
    await sink.waitFor((x) => x.to.includes('khac@example.vn'));
    assertError(await S.admin.post('/api/system/mail/test', { to: 'không phải địa chỉ' }), 400, 'validation_failed', 'to');
    const audit = assertStatus(await S.admin.get('/api/audit?entity=mail_test'), 200).items;
    assert.ok(audit.some((a) => a.after?.to === 'khac@example.vn' && a.after?.sent === true));
    assert.ok(audit.some((a) => a.after?.sent === false && a.after?.error), 'the failed test too');
  });

  test('the password appears in no log line and no answer', async () => {
    const answers = [
      await S.admin.get('/api/system/mail'), await S.admin.get('/api/audit?pageSize=200'), await S.admin.get('/api/me'),
      await S.admin.get('/api/me/mail'),
    ];
    for (const a of answers) assert.ok(!JSON.stringify(a.body).includes(PASSWORD), a.path);
    const log = server.log();
    assert.ok(log.includes('mail sender started'), 'the sender logged its start');
    assert.ok(!log.includes(PASSWORD), 'no password in the server log');
  });
});

describe(`e-mail of notifications, no SMTP configured ${KIND}`, () => {
  let server, S, agencies;
  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
    agencies = (await listAll(S.admin, '/api/agencies')).items;
    await setEmail(S.admin, 'tinh.gialai', 'lan.tran@gialai.example.vn');
  });
  after(async () => { await server?.stop(); });

  test('no SMTP → notifications as before, no outbox rows, the test mail says it is not configured', async () => {
    const before = assertStatus(await S['tinh.gialai'].get('/api/notifications'), 200).unread;
    const p = await submitPlan(S, agencies, 2044, `Kế hoạch không có SMTP ${uniq('n')}`);
    const after = assertStatus(await S['tinh.gialai'].get('/api/notifications'), 200);
    assert.equal(after.unread, before + 1);
    assert.ok(after.items.some((n) => n.subjectId === p.id));
    const m = assertStatus(await S.admin.get('/api/system/mail'), 200);
    assert.equal(m.settings.configured, false);
    assert.equal(m.settings.passwordSet, false);
    assert.deepEqual({ q: m.outbox.queued, s: m.outbox.sent, f: m.outbox.failed, r: m.outbox.recent.length }, { q: 0, s: 0, f: 0, r: 0 });
    assertError(await S.admin.post('/api/system/mail/test', { to: 'admin@example.vn' }), 409, 'conflict');
    const pref = assertStatus(await S['tinh.gialai'].get('/api/me/mail'), 200);
    assert.equal(pref.mailConfigured, false);
    assert.ok(!server.log().includes('mail sender started'));
  });
});

describe(`e-mail with smtp_security = starttls against a server without STARTTLS ${KIND}`, () => {
  let sink, server, S;
  before(async () => {
    sink = await startSmtpSink();
    server = await startServer({
      env: {
        LONGGHEP_SMTP_HOST: '127.0.0.1', LONGGHEP_SMTP_PORT: String(sink.port), LONGGHEP_SMTP_FROM: 'longghep@example.vn',
        LONGGHEP_SMTP_SECURITY: 'starttls', LONGGHEP_MAIL_POLL_MS: '100',
      },
    });
    S = await loginAll(server.base, ['admin']);
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('the mail is refused rather than sent in clear; the reason says STARTTLS', async () => {
    const m = assertStatus(await S.admin.get('/api/system/mail'), 200);
    assert.equal(m.settings.security, 'starttls');
    assert.equal(m.settings.starttlsSupported, true);
    const res = await S.admin.post('/api/system/mail/test', { to: 'admin@example.vn' });
    assertError(res, 502, 'smtp_failed');
    assert.match(res.body.error.messageEn, /STARTTLS/);
    assert.equal(sink.messages.length, 0, 'nothing sent in clear');
  });
});

describe(`e-mail with a wrong SMTP password read from smtp_password_file ${KIND}`, () => {
  const WRONG = 'Wrong-Smtp-Pw-from-file-42';
  let sink, server, S, agencies, dir;
  before(async () => {
    sink = await startSmtpSink({ user: 'mailer', password: 'the-right-one' });
    dir = mkdtempSync(join(tmpdir(), 'lg-smtp-'));
    const file = join(dir, 'smtp-password');
    writeFileSync(file, `${WRONG}\n`, { mode: 0o600 });
    server = await startServer({
      env: {
        LONGGHEP_SMTP_HOST: '127.0.0.1', LONGGHEP_SMTP_PORT: String(sink.port), LONGGHEP_SMTP_FROM: 'longghep@example.vn',
        LONGGHEP_SMTP_USER: 'mailer', LONGGHEP_SMTP_PASSWORD: '', LONGGHEP_SMTP_PASSWORD_FILE: file,
        LONGGHEP_MAIL_POLL_MS: '100', LONGGHEP_MAIL_RETRY_BASE_MS: '200', LONGGHEP_MAIL_RETRY_MAX_MS: '400',
        LONGGHEP_MAIL_MAX_ATTEMPTS: '2', LONGGHEP_LOG_LEVEL: 'debug',
      },
    });
    S = await loginAll(server.base, ['admin', 'coquan.gialai', 'tinh.gialai']);
    agencies = (await listAll(S.admin, '/api/agencies')).items;
    await setEmail(S.admin, 'tinh.gialai', 'lan.tran@gialai.example.vn');
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('refused by the server: the test mail says why, the mail fails after mail_max_attempts; the password is nowhere', async () => {
    const m = assertStatus(await S.admin.get('/api/system/mail'), 200);
    assert.equal(m.settings.passwordSet, true, 'read from the file');
    assert.ok(m.settings.passwordFile.endsWith('smtp-password'));
    const t = await S.admin.post('/api/system/mail/test', { to: 'admin@example.vn' });
    assertError(t, 502, 'smtp_failed');
    assert.match(t.body.error.messageEn, /535/);
    const title = `Kế hoạch mật khẩu sai ${uniq('w')}`;
    await submitPlan(S, agencies, 2045, title);
    const failed = await until('failed after 2 attempts', async () => {
      const r = assertStatus(await S.admin.get('/api/system/mail'), 200).outbox.recent
        .find((x) => x.recipient === 'lan.tran@gialai.example.vn' && x.subject.includes(title));
      return r?.status === 'failed' ? r : null;
    });
    assert.equal(failed.attempts, 2);
    assert.match(failed.lastError, /535/);
    assert.ok(sink.auths.length >= 3 && sink.auths.every((a) => !a.ok && a.user === 'mailer'), 'AUTH tried, refused');
    assert.equal(sink.messages.length, 0);
    const everything = JSON.stringify([
      assertStatus(await S.admin.get('/api/system/mail'), 200), assertStatus(await S.admin.get('/api/audit?pageSize=200'), 200),
    ]) + server.log();
    assert.ok(!everything.includes(WRONG), 'the password is in no answer and no log line');
  });
});
