// The official document (văn bản hành chính) of a periodic report, in the state format of
// Decree 30/2020/NĐ-CP, Annex I: national title and motto, issuing body, number/symbol, place and
// date, kind and subject, recipients, body with figures and tables, "Nơi nhận" and the signature
// block. Three outputs: the .docx (OOXML written by hand, zipped with Poco::Zip), an annex .xlsx
// of its tables (libxlsxwriter) and a PDF (LibreOffice headless, converting the .docx).
// Pure adapter: a value in, bytes out; no database. All text is UTF-8; anything is accepted
// (XML-escaped; control characters and invalid UTF-8 are replaced, never passed through).
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "domain/date.hpp"

namespace longghep {

struct DocTable {
  std::string title;                          // a bold centred line above the table (may be empty)
  std::vector<std::string> header;            // one bold header row (repeated on every page)
  std::vector<std::vector<std::string>> rows;  // cells as displayed ("1.234.567")
  std::vector<bool> numeric;                  // per column: right-aligned; a number in the annex
};

// The member is `table_data`, not `table`: a member cannot share the name of the enumerator
// DocBlock::table. Built positionally: {DocBlock::table, "", t}, {DocBlock::paragraph, "…", {}}.
struct DocBlock {
  enum Kind { heading, paragraph, table };
  Kind kind = paragraph;
  std::string text;     // heading / paragraph ('\n' breaks the line)
  DocTable table_data;  // table
};

// One signature of a record signed by several parties (a biên bản): the party's title in bold
// capitals ("ĐẠI DIỆN CƠ SỞ"), an italic note under it ("(Ký, ghi rõ họ tên)" or "Đại diện cơ
// sở từ chối ký"), the space to sign, then the name in bold (may be empty: the space stays).
struct DocSignature {
  std::string title;
  std::string note;
  std::string name;
};

struct OfficialDocument {
  std::string superior_body;  // cơ quan chủ quản, e.g. "UBND TỈNH GIA LAI" (may be empty)
  std::string issuing_body;   // e.g. "SỞ Y TẾ" ('\n' splits a long name over lines)
  std::string number_symbol;  // e.g. "Số: 123/BC-SYT" or "Số:      /BC-SYT" before numbering
  std::string place;          // "Gia Lai"
  Date date = Date::today_vn();
  std::string doc_kind;  // "BÁO CÁO"
  std::string subject;   // trích yếu
  // "Kính gửi": one recipient → "Kính gửi: X." on one line; several → "Kính gửi:" then "- X;"
  // lines. A first entry that already starts with "Kính gửi" is written as given, every line.
  std::vector<std::string> recipients_line;
  std::vector<DocBlock> body;
  std::vector<std::string> noi_nhan;  // "- Sở Y tế tỉnh Gia Lai;", "- Lưu: VT, SYT."
  std::string signer_title;           // "GIÁM ĐỐC" / "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
  std::string signer_name;            // may be empty: the space for the signature stays
  // A record signed by its parties (biên bản): when not empty, these signatures are set side by
  // side, two to a row, in place of "Nơi nhận" and the single signer above (which are ignored).
  std::vector<DocSignature> signatures;
};

// The columns of a table in twips, from its text (Times New Roman 13 pt, as tables are set): no
// column is narrower than its longest word (bold in the header; a numeric cell does not wrap at
// all), so no header breaks letter by letter; the room left over goes to the columns whose text
// wraps, in proportion to how much more they would take on one line. A table whose narrowest
// widths do not fit the portrait text width (165 mm) is set landscape (252 mm) as an annex, at
// 11 or 10 pt if 13 pt still does not fit (beyond that the columns shrink in proportion).
constexpr int kPortraitTextWidth = 9354, kLandscapeTextWidth = 14286;
struct ColumnLayout {
  std::vector<int> widths;  // sum = the text width of the orientation
  std::vector<int> minimum; // the narrowest each column may be (its longest word)
  bool landscape = false;
  int half_pt = 26;         // the table's type size: 13 pt, in landscape 11 or 10 pt when needed
};
ColumnLayout table_columns(const DocTable& t);
// The estimated width of `text` on one line, in twips (Times New Roman metrics).
int text_width_twips(const std::string& text, double pt, bool bold);

// "Gia Lai, ngày 05 tháng 01 năm 2026": days below 10 and months 1 and 2 with a leading zero
// (Decree 30, Annex I §II.5).
std::string place_and_date(const std::string& place, Date date);

// A complete .docx (OOXML: [Content_Types].xml, _rels/.rels, word/document.xml,
// word/_rels/document.xml.rels, word/styles.xml, word/settings.xml, docProps/core.xml,
// docProps/app.xml) written to `out`. Layout per Decree 30 Annex I: A4, margins top/bottom
// 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt (Liberation Serif renders it on Debian);
// header as a borderless 2-column table (issuing body / national title and motto, each with a
// short rule; number and symbol / place and date on one line); kind and subject bold, centred,
// a short rule under the subject; body justified with a 1 cm first-line indent; tables with
// borders, bold header, numeric columns right-aligned; "Nơi nhận" and the signature block as a
// borderless 2-column table. Throws Error(500, "export_failed") if `out` fails.
void write_docx(const OfficialDocument& doc, std::ostream& out);

// The annex: every table of the document as a sheet of an .xlsx at `path` (sheet names from the
// table titles, at most 31 characters, none of []:*?/\, unique; "Biểu 1"… when untitled), the
// subject as a title row, the table title below it, header bold, numeric columns as numbers
// ("1.234.567" and "12,5" read in the Vietnamese way, "85,5%" as a percentage; anything else
// stays text). A document without tables gets one sheet with the title only.
// Throws Error(500, "export_failed") when the file cannot be written.
void write_annex_xlsx(const OfficialDocument& doc, const std::string& path);

// The PDF of a .docx via LibreOffice headless (`soffice --headless --norestore --convert-to pdf`,
// $LONGGHEP_SOFFICE or soffice on the PATH) in a private temporary directory with its own
// profile (-env:UserInstallation), so parallel conversions do not collide; at most 60 s, then the
// whole LibreOffice process group is killed. Returns the PDF bytes.
// Throws Error(503, "pdf_unavailable") when LibreOffice is not installed, fails or times out.
std::string docx_to_pdf(const std::string& docx_bytes);

// Whether docx_to_pdf can run here (soffice found), for tests and health checks.
bool pdf_conversion_available();

}  // namespace longghep
