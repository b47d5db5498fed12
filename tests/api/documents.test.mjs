// Official documents to the letter of Decree 30/2020/NĐ-CP, on the demo data and the real server:
// a province department's report (Sở Nội vụ tỉnh Gia Lai, an agency report), a commune's report
// (Ủy ban nhân dân phường Quy Nhơn), the province's compilation (Sở Y tế tỉnh Gia Lai) and the
// ministry's (Cục Bảo trợ xã hội). Each is checked in the .docx and, rendered by LibreOffice, in
// the PDF's text layer (pdftotext): the place line is the issuer's seat, the body's subject is the
// issuing body, the symbol follows the issuer, "Kính gửi" is the first line of "Nơi nhận", the
// signature block has the title and the signer's name (profile, or the download's parameters),
// no table header breaks inside a word, the units listed are as many as the units required.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, loginAll, startServer, unzip } from './harness.mjs';

const hasPdftotext = (() => {
  try { execFileSync('pdftotext', ['-v'], { stdio: 'ignore' }); return true; } catch { return false; }
})();

// Paragraph texts of a .docx (w:t runs joined, w:br as a line break), in document order.
function docxParagraphs(xml) {
  const out = [];
  for (const p of xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []) {
    let t = '';
    for (const m of p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:tab\/>/g))
      t += m[1] !== undefined ? m[1] : m[0] === '<w:br/>' ? '\n' : '\t';
    out.push(decode(t));
  }
  return out;
}
const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const cellText = (tc) => decode([...tc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));

// The tables of a .docx: grid widths, header cells, body rows.
function docxTables(xml) {
  return (xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).map((tbl) => {
    const grid = [...tbl.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    const rows = (tbl.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? []).map((tr) => ({
      header: tr.includes('<w:tblHeader/>'), cells: (tr.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map(cellText),
    }));
    return { grid, header: rows.find((r) => r.header)?.cells ?? [], rows: rows.filter((r) => !r.header).map((r) => r.cells), bordered: tbl.includes('w:val="single"') };
  });
}

// The PDF's text layer: -layout text and the words (pdftotext -bbox).
function pdfText(buf) {
  const dir = mkdtempSync(join(tmpdir(), 'lg-doc-'));
  try {
    writeFileSync(join(dir, 'd.pdf'), buf);
    const layout = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', join(dir, 'd.pdf'), '-'], { encoding: 'utf8' }).normalize('NFC');
    const plain = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'd.pdf'), '-'], { encoding: 'utf8' }).normalize('NFC');
    const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', join(dir, 'd.pdf'), '-'], { encoding: 'utf8' });
    const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
      .map((m) => ({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], text: decode(m[5]).normalize('NFC') }));
    const pages = [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">/g)].map((m) => ({ w: +m[1], h: +m[2] }));
    return { layout, plain, words, pages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const count = (arr, w) => arr.filter((x) => x === w).length;

describe(`official documents by Decree 30 ${KIND}`, () => {
  let server, S, period, noiVu;

  before(async () => {
    server = await startServer();
    S = await loginAll(server.base);
    period = assertStatus(await S['xa.gialai'].get('/api/report-periods?form=bc_6thang&year=2026'), 200).current;
    const list = assertStatus(await S.admin.get('/api/agencies?orgUnit=52&q=Sở Nội vụ tỉnh Gia Lai&pageSize=50'), 200);
    noiVu = list.items.find((a) => a.name === 'Sở Nội vụ tỉnh Gia Lai');
    assert.ok(noiVu, 'the demo has Sở Nội vụ tỉnh Gia Lai');
  });
  after(async () => { await server?.stop(); });

  const url = (q) => `/api/reports/document?form=bc_6thang&period=${period}&${q}`;
  const download = async (who, q) => {
    const res = await fetch(`${server.base}${url(q)}`, { headers: { cookie: S[who].cookie } });
    const buf = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) return { status: res.status, body: buf.toString('utf8') };
    return { status: 200, buf };
  };
  const docx = async (who, q) => {
    const d = await download(who, `${q}&format=docx`);
    assert.equal(d.status, 200, d.body);
    const xml = unzip(d.buf).get('word/document.xml').toString('utf8');
    return { xml, paras: docxParagraphs(xml), tables: docxTables(xml) };
  };

  // What every document must hold: seat, symbol, subject, Kính gửi = first of Nơi nhận, signature.
  function checkDecree30(doc, { seat, symbol, subject, recipient, governing, issuing, signerTitle, signerName }) {
    const text = doc.paras.join('\n');
    assert.match(text, new RegExp(`^${seat}, ngày \\d{2} tháng \\d{1,2} năm \\d{4}$`, 'm'), `the place line is "${seat}, ngày …"`);
    assert.ok(!/Việt Nam, ngày/.test(text), 'never "Việt Nam, ngày"');
    assert.ok(text.includes(`Số:       /BC-${symbol}`), `the symbol /BC-${symbol}`);
    assert.ok(text.includes(`, ${subject} báo cáo kết quả`), `the body's subject is "${subject}"`);
    assert.ok(!/Nước Cộng hòa|, Tỉnh |Ủy ban nhân dân Tỉnh/.test(text), 'no "Nước Cộng hòa…" and no upper-case "Tỉnh" inside a sentence');
    // header: governing body once, issuing body below it
    const header = docxTables(doc.xml)[0];
    const left = doc.paras.slice(0, 4).join('\n');
    if (governing) assert.ok(left.startsWith(governing + '\n' + issuing), `header "${governing}" / "${issuing}": ${left}`);
    else assert.ok(left.startsWith(issuing), `header "${issuing}": ${left}`);
    assert.ok(header);
    const top = doc.paras.slice(0, 3).join('\n');
    for (const line of (governing ? [governing] : []))
      assert.equal(top.split(line).length - 1, 1, `"${line}" printed once at the top`);
    // Kính gửi = the first line of Nơi nhận, then Lưu
    assert.ok(doc.paras.includes(`Kính gửi: ${recipient}.`), `Kính gửi: ${recipient}.`);
    const i = doc.paras.indexOf('Nơi nhận:');
    assert.ok(i > 0, 'Nơi nhận');
    assert.equal(doc.paras[i + 1], `- ${recipient};`, 'Nơi nhận starts with the recipient of Kính gửi');
    assert.equal(doc.paras[i + 2], `- Lưu: VT, ${symbol}.`);
    // signature: title, room to sign, name
    const t = doc.paras.indexOf(signerTitle);
    assert.ok(t > i, `the signature title "${signerTitle.replace('\n', ' / ')}"`);
    assert.ok(doc.paras.slice(t + 1, t + 6).every((p) => p === ''), 'room to sign');
    assert.equal(doc.paras[t + 6], signerName, 'the signer\'s name under the space');
  }

  // Every table: as wide as the text, and no column narrower than its header's longest word.
  function checkTables(doc) {
    for (const tb of doc.tables.filter((t) => t.bordered)) {
      const total = tb.grid.reduce((a, b) => a + b, 0);
      assert.ok(total === 9354 || total === 14286, `a table spans the text width (${total})`);
      tb.header.forEach((h, c) => {
        const longest = Math.max(...h.split(/\s+/).map((w) => [...w].length));
        // Times New Roman bold 13 pt: even "W" is under 1 em = 260 twips; a letter averages ~150
        assert.ok(tb.grid[c] >= longest * 150 + 160, `column "${h}" (${tb.grid[c]} twips) holds its longest word`);
      });
    }
  }

  // The PDF: the same text, no header word broken across lines.
  async function checkPdf(who, q, doc, expect) {
    const d = await download(who, `${q}&format=pdf`);
    if (d.status === 503) {
      assert.ok(!process.env.CI, 'LibreOffice must be installed in CI (scripts/lib.sh install_deps)');
      console.log('# SKIP PDF checks: LibreOffice (soffice) is not installed here');
      return;
    }
    assert.equal(d.status, 200, d.body);
    assert.equal(d.buf.subarray(0, 5).toString(), '%PDF-');
    if (!hasPdftotext) {
      assert.ok(!process.env.CI, 'pdftotext (poppler-utils) must be installed in CI');
      console.log('# SKIP PDF text checks: pdftotext (poppler-utils) is not installed here');
      return;
    }
    const pdf = pdfText(d.buf);
    const flat = pdf.plain.replace(/\s+/g, ' ');
    assert.match(flat, new RegExp(`${expect.seat}, ngày \\d{2} tháng \\d{1,2} năm \\d{4}`), 'PDF: the place line');
    assert.ok(flat.includes(`/BC-${expect.symbol}`), 'PDF: the symbol');
    assert.ok(flat.includes(`${expect.subject} báo cáo kết quả`), 'PDF: the subject sentence');
    assert.ok(flat.includes(`Kính gửi: ${expect.recipient}.`), 'PDF: Kính gửi');
    assert.ok(flat.includes(`- ${expect.recipient};`), 'PDF: the recipient heads Nơi nhận');
    assert.ok(flat.includes(expect.signerName), 'PDF: the signer\'s name');
    for (const line of expect.signerTitle.split('\n')) assert.ok(flat.includes(line), `PDF: "${line}"`);
    assert.ok(!flat.includes('Việt Nam, ngày'));
    // every word of every table header is whole in the PDF: as many times as the .docx has it
    const docxWords = doc.paras.flatMap((p) => p.split(/\s+/)).filter(Boolean).map((w) => w.normalize('NFC'));
    const pdfWords = pdf.words.map((w) => w.text);
    for (const tb of doc.tables.filter((t) => t.bordered))
      for (const h of tb.header)
        for (const w of h.split(/\s+/).filter(Boolean)) {
          const n = count(docxWords, w.normalize('NFC'));
          assert.ok(count(pdfWords, w.normalize('NFC')) >= n, `PDF: the header word "${w}" is never broken (${n} in the .docx)`);
        }
    // and no header column is narrower in the PDF than its widest header word's box
    const portrait = pdf.pages.every((p) => p.h > p.w);
    if (doc.tables.every((t) => !t.bordered || t.grid.reduce((a, b) => a + b, 0) === 9354)) assert.ok(portrait, 'portrait pages');
    return pdf;
  }

  test('the signer on the profile: PUT /api/me/signer, validated, in /api/me', async () => {
    const me = assertStatus(await S['tinh.gialai'].put('/api/me/signer', { signerTitle: 'KT. Giám đốc\nPhó Giám đốc', signerName: '  Trần Thị Lan ' }), 200);
    assert.equal(me.signerTitle, 'KT. Giám đốc\nPhó Giám đốc');
    assert.equal(me.signerName, 'Trần Thị Lan');
    assert.equal(assertStatus(await S['tinh.gialai'].get('/api/me'), 200).signerName, 'Trần Thị Lan');
    assertError(await S['tinh.gialai'].put('/api/me/signer', { signerTitle: 'A\nB\nC\nD', signerName: 'X' }), 400, 'validation_failed', 'signerTitle');
    assertError(await S['tinh.gialai'].put('/api/me/signer', { signerTitle: '', signerName: 'x'.repeat(101) }), 400, 'validation_failed', 'signerName');
    assertError(await S['tinh.gialai'].put('/api/me/signer', { signerName: 5 }), 400, 'validation_failed', 'signerName');
    assert.equal(assertStatus(await S['tinh.gialai'].get('/api/me'), 200).signerTitle, 'KT. Giám đốc\nPhó Giám đốc', 'a refused change writes nothing');
    const audit = assertStatus(await S.admin.get(`/api/audit?entity=user&entityId=${me.id}`), 200);
    assert.ok(audit.items.some((e) => e.after?.signerName === 'Trần Thị Lan'), 'the change is audited');
  });

  test('the province compilation (Sở Y tế tỉnh Gia Lai → Bộ Y tế): .docx and PDF; the units listed = the units required', async () => {
    const q = 'orgUnit=52';
    const doc = await docx('tinh.gialai', q);
    const expect = {
      seat: 'Gia Lai', symbol: 'SYT', subject: 'Sở Y tế tỉnh Gia Lai', recipient: 'Bộ Y tế (Cục Bảo trợ xã hội)',
      governing: 'UBND TỈNH GIA LAI', issuing: 'SỞ Y TẾ', signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC', signerName: 'Trần Thị Lan',
    };
    checkDecree30(doc, expect);
    checkTables(doc);
    // the units required to report: the count and the list agree, units and agencies alike
    const comp = assertStatus(await S['tinh.gialai'].get(`/api/reports/compile?form=bc_6thang&period=${period}&orgUnit=52`), 200);
    const required = comp.completeness.expected;
    assert.equal(required, comp.units.length + comp.agencies.length);
    assert.ok(comp.units.length > 0 && comp.agencies.length > 0, 'the demo province has units and agencies to report');
    const sentence = doc.paras.find((p) => p.startsWith('Số đơn vị phải báo cáo: '));
    assert.equal(Number(sentence.match(/^Số đơn vị phải báo cáo: ([\d.]+)/)[1].replace(/\./g, '')), required);
    const list = doc.tables.find((t) => t.header[1] === 'Đơn vị, cơ quan');
    assert.equal(list.rows.length, required, `"Số đơn vị phải báo cáo: ${required}" lists ${required} units and agencies`);
    for (const u of comp.units) assert.ok(list.rows.some((r) => r[1].endsWith(u.orgUnit.name)), `${u.orgUnit.name} is listed`);
    for (const a of comp.agencies) assert.ok(list.rows.some((r) => r[1] === a.agency.name), `${a.agency.name} is listed`);
    assert.deepEqual(list.rows.map((r) => r[0]), list.rows.map((_, i) => String(i + 1)), 'numbered 1…N');

    const pdf = await checkPdf('tinh.gialai', q, doc, expect);
    if (pdf) {
      const flat = pdf.plain.replace(/\s+/g, ' ');
      assert.ok(flat.includes(`Số đơn vị phải báo cáo: ${required}`));
      // the listed rows in the PDF: every agency name is there
      for (const a of comp.agencies) assert.ok(flat.includes(a.agency.name), `PDF lists ${a.agency.name}`);
    }
  });

  test('the signer can be changed for one download; bad values are refused with the parameter named', async () => {
    const doc = await docx('tinh.gialai', `orgUnit=52&signerTitle=${encodeURIComponent('Giám đốc')}&signerName=${encodeURIComponent('Nguyễn Văn Ánh')}`);
    const t = doc.paras.indexOf('GIÁM ĐỐC');
    assert.ok(t > 0, 'the title of the download, upper case');
    assert.equal(doc.paras[t + 6], 'Nguyễn Văn Ánh');
    assert.ok(!doc.paras.includes('Trần Thị Lan'), 'the profile\'s name is not printed');
    // the web UI's encoding (URLSearchParams: '+' for a space, %0A between the title's lines)
    const ui = await docx('tinh.gialai', `orgUnit=52&${new URLSearchParams({ signerTitle: 'KT. Giám đốc\nPhó Giám đốc', signerName: 'Nguyễn Văn Ánh' })}`);
    const k = ui.paras.indexOf('KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC');
    assert.ok(k > 0, 'the title over two lines');
    assert.equal(ui.paras[k + 6], 'Nguyễn Văn Ánh');
    const recipient = await docx('tinh.gialai', `orgUnit=52&recipient=${encodeURIComponent('Ủy ban nhân dân tỉnh Gia Lai')}`);
    assert.ok(recipient.paras.includes('Kính gửi: Ủy ban nhân dân tỉnh Gia Lai.'));
    assert.ok(recipient.paras.includes('- Ủy ban nhân dân tỉnh Gia Lai;'));
    assertError(await S['tinh.gialai'].get(url(`orgUnit=52&format=docx&signerName=${'x'.repeat(101)}`)), 400, 'validation_failed', 'signerName');
    assertError(await S['tinh.gialai'].get(url(`orgUnit=52&format=docx&signerTitle=${encodeURIComponent('A\nB\nC\nD')}`)), 400, 'validation_failed', 'signerTitle');
    assertError(await S['tinh.gialai'].get(url(`orgUnit=52&format=docx&signerName=${encodeURIComponent('a\u0001b')}`)), 400, 'validation_failed', 'signerName');
    assertError(await S['tinh.gialai'].get(url(`orgUnit=52&format=docx&recipient=${'y'.repeat(201)}`)), 400, 'validation_failed', 'recipient');
  });

  test('a province department\'s report (Sở Nội vụ tỉnh Gia Lai → Sở Y tế tỉnh Gia Lai); its abbreviation and seat are data', async () => {
    const q = `orgUnit=52&agency=${noiVu.id}`;
    assert.deepEqual(noiVu.document, { abbreviation: 'SNV', seat: 'Gia Lai' }, 'derived while nothing is stored');
    const expect = {
      seat: 'Gia Lai', symbol: 'SNV', subject: 'Sở Nội vụ tỉnh Gia Lai', recipient: 'Sở Y tế tỉnh Gia Lai',
      governing: 'UBND TỈNH GIA LAI', issuing: 'SỞ NỘI VỤ', signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC', signerName: 'Trần Thị Lan',
    };
    const doc = await docx('tinh.gialai', q);
    checkDecree30(doc, expect);
    checkTables(doc);
    assert.ok(!doc.paras.some((p) => p.startsWith('Số đơn vị phải báo cáo')), 'an agency compiles no unit');
    await checkPdf('tinh.gialai', q, doc, expect);

    // the abbreviation and the seat are edited on the agency (validated), and the document follows
    const body = { name: noiVu.name, shortName: noiVu.shortName, kind: noiVu.kind, orgUnitCode: '52', validFrom: noiVu.validFrom, validTo: noiVu.validTo };
    assertError(await S.admin.put(`/api/agencies/${noiVu.id}`, { ...body, version: noiVu.version, abbreviation: 'S N/V' }), 400, 'validation_failed', 'abbreviation');
    assertError(await S.admin.put(`/api/agencies/${noiVu.id}`, { ...body, version: noiVu.version, seat: 'a\nb' }), 400, 'validation_failed', 'seat');
    let a = assertStatus(await S.admin.put(`/api/agencies/${noiVu.id}`, { ...body, version: noiVu.version, abbreviation: 'SNVGL', seat: 'Pleiku' }), 200);
    assert.equal(a.abbreviation, 'SNVGL');
    assert.deepEqual(a.document, { abbreviation: 'SNVGL', seat: 'Pleiku' });
    const edited = await docx('tinh.gialai', q);
    assert.ok(edited.paras.includes('Số:       /BC-SNVGL'));
    assert.ok(edited.paras.some((p) => /^Pleiku, ngày \d{2}/.test(p)));
    assert.ok(edited.paras.includes('- Lưu: VT, SNVGL.'));
    // an update that does not name them keeps them; empty strings go back to the derived ones
    a = assertStatus(await S.admin.put(`/api/agencies/${noiVu.id}`, { ...body, version: a.version }), 200);
    assert.equal(a.abbreviation, 'SNVGL');
    a = assertStatus(await S.admin.put(`/api/agencies/${noiVu.id}`, { ...body, version: a.version, abbreviation: '', seat: '' }), 200);
    assert.deepEqual(a.document, { abbreviation: 'SNV', seat: 'Gia Lai' });
  });

  test('the lead department\'s own agency report goes to the province\'s People\'s Committee', async () => {
    const list = assertStatus(await S.admin.get('/api/agencies?orgUnit=52&q=Sở Y tế tỉnh Gia Lai&pageSize=50'), 200);
    const soYte = list.items.find((a) => a.name === 'Sở Y tế tỉnh Gia Lai' && a.validTo === null);
    const doc = await docx('tinh.gialai', `orgUnit=52&agency=${soYte.id}`);
    assert.ok(doc.paras.includes('Kính gửi: Ủy ban nhân dân tỉnh Gia Lai.'), 'not to itself: to the committee');
    assert.ok(doc.paras.includes('- Ủy ban nhân dân tỉnh Gia Lai;'));
    assert.ok(doc.paras.includes('Số:       /BC-SYT'));
  });

  test('a commune\'s report (Ủy ban nhân dân phường Quy Nhơn → Sở Y tế tỉnh Gia Lai)', async () => {
    const q = 'orgUnit=21583';
    const expect = {
      seat: 'Quy Nhơn', symbol: 'UBND', subject: 'Ủy ban nhân dân phường Quy Nhơn', recipient: 'Sở Y tế tỉnh Gia Lai',
      governing: '', issuing: 'ỦY BAN NHÂN DÂN\nPHƯỜNG QUY NHƠN', signerTitle: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH', signerName: 'Lê Văn Hùng',
    };
    const doc = await docx('xa.gialai', q);
    checkDecree30(doc, expect);
    checkTables(doc);
    await checkPdf('xa.gialai', q, doc, expect);
  });

  test('an ad-hoc request: the asked commune\'s report goes to the issuer, its compilation lists every unit asked', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const rq = assertStatus(await S['tinh.gialai'].post('/api/report-requests', {
      form: 'bc_6thang', title: 'Rà soát cơ sở lưu trú', from: `${today.slice(0, 4)}-01-01`, to: today, deadline: today, unitCodes: ['21583', '21553'],
    }), 201);
    const adhoc = `adhoc-${rq.id}`;
    const get = async (who, q) => {
      const res = await fetch(`${server.base}/api/reports/document?period=${adhoc}&${q}&format=docx`, { headers: { cookie: S[who].cookie } });
      assert.equal(res.status, 200, await res.clone().text());
      const xml = unzip(Buffer.from(await res.arrayBuffer())).get('word/document.xml').toString('utf8');
      return { xml, paras: docxParagraphs(xml), tables: docxTables(xml) };
    };
    const commune = await get('xa.gialai', 'orgUnit=21583');
    assert.ok(commune.paras.includes('Kính gửi: Sở Y tế tỉnh Gia Lai.'), 'the asked unit reports to the request\'s issuer');
    assert.ok(commune.paras.includes('- Sở Y tế tỉnh Gia Lai;'));
    assert.ok(commune.paras.includes('Số:       /BC-UBND'));
    assert.ok(commune.paras.some((p) => /^Quy Nhơn, ngày \d{2}/.test(p)));
    const issuer = await get('tinh.gialai', 'orgUnit=52');
    assert.ok(issuer.paras.includes('Số:       /BC-SYT'));
    assert.ok(issuer.paras.includes('Kính gửi: Bộ Y tế (Cục Bảo trợ xã hội).'));
    const sentence = issuer.paras.find((p) => p.startsWith('Số đơn vị phải báo cáo: '));
    assert.ok(sentence.startsWith('Số đơn vị phải báo cáo: 2;'), sentence);
    const list = issuer.tables.find((t) => t.header[1] === 'Đơn vị, cơ quan');
    assert.deepEqual(list.rows.map((r) => r[1]).sort(), ['Phường Quy Nhơn', 'Phường Quy Nhơn Bắc']);
    checkTables(issuer);
  });

  test('the ministry\'s compilation (Cục Bảo trợ xã hội, Bộ Y tế): Hà Nội, the ministry printed once', async () => {
    const q = 'orgUnit=VN';
    const expect = {
      seat: 'Hà Nội', symbol: 'CBTXH', subject: 'Cục Bảo trợ xã hội', governing: 'BỘ Y TẾ', issuing: 'CỤC BẢO TRỢ XÃ HỘI',
      signerTitle: 'CỤC TRƯỞNG', signerName: 'Nguyễn Văn Bộ',
    };
    const doc = await docx('bo', q);
    const text = doc.paras.join('\n');
    assert.match(text, /^Hà Nội, ngày \d{2} tháng \d{1,2} năm \d{4}$/m);
    assert.ok(text.startsWith('BỘ Y TẾ\nCỤC BẢO TRỢ XÃ HỘI\n'), text.slice(0, 80));
    assert.equal(text.split('BỘ Y TẾ').length - 1, 1, 'the ministry is printed once');
    assert.ok(text.includes('Số:       /BC-CBTXH'));
    assert.ok(text.includes(', Cục Bảo trợ xã hội báo cáo kết quả'));
    assert.ok(!text.includes('Nước Cộng hòa') && !text.includes('Việt Nam, ngày'));
    const t = doc.paras.indexOf('CỤC TRƯỞNG');
    assert.equal(doc.paras[t + 6], 'Nguyễn Văn Bộ');
    checkTables(doc);
    const comp = assertStatus(await S.bo.get(`/api/reports/compile?form=bc_6thang&period=${period}&orgUnit=VN`), 200);
    const list = doc.tables.find((x) => x.header[1] === 'Đơn vị, cơ quan');
    assert.equal(list.rows.length, comp.completeness.expected);
    assert.ok(expect);
  });
});
