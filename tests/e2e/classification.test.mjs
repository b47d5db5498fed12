// Issue 18 §2–§3 end to end: the commune officer of phường Quy Nhơn (xa.gialai, commune 21583) on a
// PHONE-sized screen starts the current year's self-assessment, sees every criterion's suggested
// score and evidence (as the API computed them; "không có dữ liệu" where the metric is null),
// overrides one suggestion (the note is asked for before saving), attaches a file, submits; the
// province (tinh.gialai) finds the commune without diacritics in the completeness list, checks
// beside the self scores, returns it once; the commune fixes and resubmits; the province approves;
// the result is shown locked. Nothing is wider than the phone's screen at any step of the commune.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  apiGet, expectText, launchBrowser, loginPage, newContext, noWiderThan, screenshot, startServer, todayVN, withScreenshotOnFailure,
} from './harness.mjs';

const PHONE = { width: 390, height: 844 };
const COMMUNE = '21583';
/** A one-page PDF. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

const scoreText = (item, s) => (item.kind === 'pass_fail' ? (s === 1 ? 'Đạt' : 'Không đạt') : `${s}/${item.maxPoints}`);

async function assessment(page, id) {
  const r = await apiGet(page, `/api/classification/assessments/${id}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

/** Sets one score in a criterion card: a number, or Đạt/Không đạt. */
async function setScore(card, testId, item, score) {
  const input = card.getByTestId(testId);
  if (item.kind === 'pass_fail') {
    await input.getByText(score === 1 ? 'Đạt' : 'Không đạt', { exact: true }).click();
  } else {
    const box = (await input.evaluate((el) => el.tagName)) === 'INPUT' ? input : input.locator('input');
    await box.fill(String(score));
    await box.blur();
  }
}

describe('commune classification: self-assessment on a phone → check → return → resubmit → approve', () => {
  let server, browser;
  before(async () => {
    server = await startServer('classification');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the journey', async () => {
    const year = Number(todayVN().iso.slice(0, 4));
    const communeCtx = await newContext(browser, server.base);
    const provinceCtx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('classification-commune', communeCtx, async () => {
        const page = await loginPage(communeCtx, 'xa.gialai');
        await page.setViewportSize(PHONE);

        // 1. The page of the year: nothing yet for this year, "Bắt đầu tự chấm điểm".
        await page.goto('/classification');
        await expectText(page.getByTestId('clf-year'), String(year));
        await expectText(page.getByTestId('clf-mine'), 'Chưa tự chấm điểm năm này');
        // Its results through the merge: the predecessors' approved classes and the derived one, with the rule stated.
        const history = await apiGet(page, `/api/classification/history?commune=${COMMUNE}`);
        assert.equal(history.status, 200);
        const merged = history.body.years.find((y) => y.derivedClass);
        assert.ok(merged, 'the demo holds approved results of the predecessors');
        const derived = page.getByTestId('clf-history-year').filter({ hasText: String(merged.year) }).getByTestId('clf-derived');
        await expectText(derived, merged.derivedClass.labelVi);
        await expectText(derived, 'lấy loại thấp nhất của các xã trước sáp nhập');
        await noWiderThan(page, PHONE.width, 'the classification page');
        await screenshot(page, 'classification-01-commune-start-phone.png');
        await page.getByTestId('clf-start').click();
        await page.waitForURL(/\/classification\/assessments\/\d+$/);
        const id = Number(page.url().split('/').pop());
        let a = await assessment(page, id);
        assert.equal(a.commune.code, COMMUNE);
        assert.equal(a.year, year);
        assert.equal(a.status, 'draft');
        assert.ok(a.items.length > 0);

        // 2. Every criterion: the suggestion and the evidence the server computed.
        for (const item of a.items) {
          const card = page.getByTestId(`clf-item-${item.criterionKey}`);
          await expectText(card.getByTestId('clf-suggested'), item.suggestedScore === null ? 'không gợi ý' : scoreText(item, item.suggestedScore));
          if (item.evidence) {
            if (item.evidence.value === null) await expectText(card.getByTestId('clf-no-data'), 'không có dữ liệu');
            else await expectText(card.getByTestId('clf-evidence-value'), new Intl.NumberFormat('vi-VN').format(item.evidence.value));
            assert.equal(await card.getByTestId('clf-sources').locator('li').count(), Math.min(20, item.evidence.sources.length));
          }
        }
        await noWiderThan(page, PHONE.width, 'the assessment on a phone');
        await screenshot(page, 'classification-02-suggestions-phone.png');

        // 3. Take the suggestions, score the rest by hand, override one (a note is asked for first).
        for (const item of a.items) {
          const card = page.getByTestId(`clf-item-${item.criterionKey}`);
          if (item.suggestedScore !== null) {
            if ((await card.getByTestId('clf-use-suggestion').count()) > 0) await card.getByTestId('clf-use-suggestion').click();
          } else {
            await setScore(card, 'clf-self', item, item.kind === 'pass_fail' ? 1 : item.maxPoints);
          }
        }
        const over = a.items.find((i) => i.kind === 'points' && i.suggestedScore !== null);
        assert.ok(over, 'a points criterion with a suggestion');
        const overScore = over.suggestedScore > 0 ? over.suggestedScore - 1 : 1;
        const overCard = page.getByTestId(`clf-item-${over.criterionKey}`);
        await setScore(overCard, 'clf-self', over, overScore);
        await expectText(overCard.getByTestId('clf-note-required'), 'cần ghi chú');
        assert.equal(await page.getByTestId('clf-submit').isDisabled(), true, 'no submit while a note is missing');
        await screenshot(page, 'classification-03-note-required-phone.png');
        await overCard.getByTestId('clf-note').fill('Có thêm hoạt động ghi trong sổ của xã, chưa nhập phần mềm.');
        assert.equal(await overCard.getByTestId('clf-note-required').count(), 0);
        await page.getByTestId('clf-save').click();
        await expectText(page.getByTestId('clf-self-total'), '/');
        await page.waitForFunction(async (id) => {
          const r = await fetch(`/api/classification/assessments/${id}`);
          const b = await r.json();
          return b.items.every((i) => i.selfScore !== null);
        }, id);

        // 4. A file for the overridden criterion.
        await page.getByTestId(`clf-attach-${over.criterionKey}`).setInputFiles({ name: 'so-theo-doi.pdf', mimeType: 'application/pdf', buffer: PDF });
        await expectText(overCard.getByTestId('clf-attachment'), 'so-theo-doi.pdf');
        await noWiderThan(page, PHONE.width, 'the filled assessment');
        await screenshot(page, 'classification-04-filled-phone.png');

        // 5. Submit.
        await page.getByTestId('clf-submit').click();
        await expectText(page.getByTestId('clf-status'), 'Đã gửi, chờ thẩm định');
        a = await assessment(page, id);
        assert.equal(a.status, 'submitted');
        const saved = a.items.find((i) => i.criterionKey === over.criterionKey);
        assert.equal(saved.selfScore, overScore);
        assert.equal(saved.overridden, true);
        assert.equal(saved.attachments.length, 1);
        assert.ok(a.selfClass, 'a self class once complete');
        await screenshot(page, 'classification-05-submitted-phone.png');

        // 6. The province: completeness, found without diacritics; check beside the self score; return.
        await withScreenshotOnFailure('classification-province', provinceCtx, async () => {
          const prov = await loginPage(provinceCtx, 'tinh.gialai');
          await prov.goto('/classification');
          const search = prov.getByTestId('clf-search');
          await ((await search.evaluate((el) => el.tagName)) === 'INPUT' ? search : search.locator('input')).fill('quy nhon');
          const row = prov.getByTestId('clf-table').locator('tr, .ant-card', { hasText: COMMUNE }).first();
          await expectText(row, 'Đã gửi, chờ thẩm định');
          await screenshot(prov, 'classification-06-province-completeness.png');
          await row.getByTestId('clf-commune-link').click();
          await prov.waitForURL(new RegExp(`/classification/assessments/${id}$`));
          await prov.getByTestId('clf-copy-self').click();
          const checkCard = prov.getByTestId(`clf-item-${over.criterionKey}`);
          await setScore(checkCard, 'clf-check', over, over.suggestedScore);
          await checkCard.getByTestId('clf-check-comment').fill('Chưa có biên bản hoạt động kèm theo; giữ điểm gợi ý.');
          await prov.getByTestId('clf-save-check').click();
          await expectText(checkCard.getByTestId('clf-check-block'), 'Khác điểm tự chấm');
          await prov.getByTestId('clf-return').click();
          await prov.getByTestId('clf-dialog-text').fill('Bổ sung biên bản các buổi truyền thông ghi trong sổ.');
          await prov.getByTestId('clf-dialog-ok').click();
          await expectText(prov.getByTestId('clf-status'), 'Trả lại');
          await screenshot(prov, 'classification-07-province-returned.png');
        });

        // 7. The commune sees why, takes the suggestion back, resubmits.
        await page.reload();
        await expectText(page.getByTestId('clf-return-comment'), 'Bổ sung biên bản');
        await overCard.getByTestId('clf-use-suggestion').click();
        await noWiderThan(page, PHONE.width, 'the returned assessment');
        await screenshot(page, 'classification-08-returned-phone.png');
        await page.getByTestId('clf-submit').click();
        await expectText(page.getByTestId('clf-status'), 'Đã gửi, chờ thẩm định');
        a = await assessment(page, id);
        assert.equal(a.items.find((i) => i.criterionKey === over.criterionKey).overridden, false);

        // 8. The province approves with a decision.
        await withScreenshotOnFailure('classification-province', provinceCtx, async () => {
          const prov = provinceCtx.pages()[0];
          await prov.reload();
          await prov.getByTestId('clf-copy-self').click();
          await prov.getByTestId('clf-approve').click();
          await prov.getByTestId('clf-decision-number').fill(`125/QĐ-UBND`);
          await prov.getByTestId('clf-dialog-ok').click();
          await expectText(prov.getByTestId('clf-locked'), 'Đã khóa');
          await screenshot(prov, 'classification-09-province-approved.png');
        });
        a = await assessment(page, id);
        assert.equal(a.status, 'approved');
        assert.equal(a.editable, false);
        assert.deepEqual(a.finalClass, a.checkClass);
        assert.equal(a.decisionNumber, '125/QĐ-UBND');
        assert.deepEqual(a.transitions.filter((x) => x.fromStatus !== x.toStatus && x.toStatus !== 'draft').map((x) => x.toStatus), ['submitted', 'returned', 'submitted', 'approved']);

        // 9. Locked for the commune: the class, no inputs.
        await page.reload();
        await expectText(page.getByTestId('clf-locked'), 'Đã khóa');
        await expectText(page.getByTestId('clf-final'), a.finalClass.labelVi);
        assert.equal(await page.getByTestId('clf-save').count(), 0);
        assert.equal(await page.getByTestId('clf-self').count(), 0);
        await noWiderThan(page, PHONE.width, 'the locked result');
        await screenshot(page, 'classification-10-locked-phone.png');
        await page.goto('/classification');
        await expectText(page.getByTestId('clf-mine'), 'Đã phê duyệt');
      });
    } finally {
      await communeCtx.close();
      await provinceCtx.close();
    }
  });

  test('the province types in a paper self-assessment from the completeness list, submits it, and is not offered the check', async () => {
    const year = Number(todayVN().iso.slice(0, 4));
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('classification-paper', ctx, async () => {
        const page = await loginPage(ctx, 'tinh.gialai');
        const comp = (await apiGet(page, `/api/classification/completeness?province=52&year=${year}`)).body;
        const free = comp.communes.find((c) => c.status === 'not_started' && c.commune.code !== COMMUNE);
        assert.ok(free, 'a Gia Lai commune not started this year');
        await page.goto('/classification');
        const search = page.getByTestId('clf-search');
        await ((await search.evaluate((el) => el.tagName)) === 'INPUT' ? search : search.locator('input')).fill(free.commune.code);
        const row = page.getByTestId('clf-table').locator('tr, .ant-card', { hasText: free.commune.code }).first();
        await expectText(row, 'Chưa chấm');
        await row.getByTestId('clf-start-paper').click();
        await page.waitForURL(/\/classification\/assessments\/\d+$/);
        const id = Number(new URL(page.url()).pathname.split('/').pop());
        let a = await assessment(page, id);
        assert.equal(a.commune.code, free.commune.code, "the commune's assessment");
        assert.equal(a.status, 'draft');
        await expectText(page.getByTestId('clf-assessment'), free.commune.name);
        assert.ok(await page.getByTestId('clf-save').isVisible(), 'the province types the paper form in');

        // Submitted through the API as the screen would (scoring on screen is the journey's part);
        // the page then offers no check to the one who submitted it, and says why.
        const items = a.items.map((i) => ({ criterionKey: i.criterionKey, selfScore: i.suggestedScore ?? (i.kind === 'points' ? 0 : 1),
          selfNote: i.suggestedScore == null ? 'Theo phiếu giấy của xã' : '' }));
        a = await page.evaluate(async ({ id, body }) => {
          const me = await (await fetch('/api/me')).json();
          const h = { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken };
          const r1 = await fetch(`/api/classification/assessments/${id}`, { method: 'PUT', headers: h, body: JSON.stringify(body) });
          const saved = await r1.json();
          const r2 = await fetch(`/api/classification/assessments/${id}/submit`, { method: 'POST', headers: h, body: JSON.stringify({ version: saved.version }) });
          return r2.json();
        }, { id, body: { version: a.version, summary: 'Phiếu giấy', items } });
        assert.equal(a.status, 'submitted', JSON.stringify(a).slice(0, 300));
        await page.reload();
        await page.getByTestId('clf-submitted-by-you').waitFor();
        assert.equal(await page.getByTestId('clf-save-check').count(), 0, 'no check controls for the submitter');
        assert.equal(await page.getByTestId('clf-return').count(), 0, 'no return for the submitter');
        await screenshot(page, 'classification-11-paper-submitter.png');
      });
    } finally {
      await ctx.close();
    }
  });
});

describe('criteria sets: the default and its note, a provincial copy, a 422 per path, publish', () => {
  let server, browser;
  before(async () => {
    server = await startServer('classification-sets');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('copy → edit → error beside the field → fix → publish', async () => {
    const ctx = await newContext(browser, server.base);
    try {
      await withScreenshotOnFailure('classification-sets', ctx, async () => {
        const page = await loginPage(ctx, 'tinh.gialai');
        await page.setViewportSize(PHONE);
        await page.goto('/classification/sets');
        await expectText(page.getByTestId('clf-source-note'), 'Bộ tiêu chí mặc định, chưa đối chiếu văn bản gốc');
        await expectText(page.getByTestId('clf-class-healthy'), 'tổng điểm từ 90 trở lên; đạt tiêu chí D3; đạt ít nhất 3/4 tiêu chí E1, E2, E3, E4');
        await expectText(page.getByTestId('clf-criterion-B1'), '15 điểm khi giá trị ≥ 4; 7 điểm khi ≥ 2; còn lại 0 điểm');
        await noWiderThan(page, PHONE.width, 'the criteria sets on a phone');
        await screenshot(page, 'classification-sets-01-default-phone.png');

        // The province's own version: a copy of the default, a draft.
        await page.getByTestId('clf-set-copy').click();
        await page.getByTestId('clf-copy-title').fill('Bộ tiêu chí xã, phường lành mạnh tỉnh Gia Lai');
        await page.locator('.ant-modal-footer .ant-btn-primary').click();
        await expectText(page.getByTestId('clf-set-view'), 'Bộ tiêu chí xã, phường lành mạnh tỉnh Gia Lai');
        await expectText(page.getByTestId('clf-set-view'), 'Dự thảo');
        const id = new URL(page.url()).searchParams.get('id');
        assert.ok(id);

        // Edit: an emptied criterion text is refused by the server, shown beside the criterion.
        await page.getByTestId('clf-set-edit').click();
        const b1 = page.getByTestId('clf-criterion-B1');
        await b1.locator('textarea').first().fill('');
        await page.getByTestId('clf-max-B1').fill('20');
        await page.getByTestId('clf-min-healthy').fill('95');
        await page.getByTestId('clf-set-save').click();
        await expectText(page.getByTestId('clf-set-error'), 'criteria[2].textVi');
        await expectText(b1.getByTestId('clf-field-error'), '');
        await noWiderThan(page, PHONE.width, 'the draft with an error');
        await screenshot(page, 'classification-sets-02-error-phone.png');
        await b1.locator('textarea').first().fill('Tổ chức ít nhất 4 hoạt động tuyên truyền trong năm');
        await page.getByTestId('clf-set-save').click();
        await expectText(page.getByTestId('clf-criterion-B1'), 'Tổ chức ít nhất 4 hoạt động tuyên truyền trong năm');
        const saved = await apiGet(page, `/api/classification/sets/${id}`);
        assert.equal(saved.status, 200);
        assert.equal(saved.body.definition.criteria.find((c) => c.key === 'B1').maxPoints, 20);
        assert.equal(saved.body.definition.classes.find((c) => c.code === 'healthy').minPoints, 95);
        assert.equal(saved.body.maxPoints, 105);
        await expectText(page.getByTestId('clf-class-healthy'), 'tổng điểm từ 95 trở lên');

        // Publish.
        await page.getByTestId('clf-set-publish').click();
        await page.locator('.ant-popover .ant-btn-primary').click();
        await expectText(page.getByTestId('clf-set-view'), 'Đã ban hành');
        const pub = await apiGet(page, `/api/classification/sets/${id}`);
        assert.equal(pub.body.status, 'published');
        await screenshot(page, 'classification-sets-03-published-phone.png');
      });
    } finally {
      await ctx.close();
    }
  });
});
