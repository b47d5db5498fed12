#include "export/official_document.hpp"

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "domain/decree30.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"

extern char** environ;

namespace longghep {
namespace {

Error export_failed(const std::string& vi, const std::string& en) {
  return Error(500, "export_failed", "Không ghi được văn bản: " + vi, "The document could not be written: " + en);
}

// ---------------------------------------------------------------------------------------------
// Text: UTF-8 cleaning, code points, XML escaping.


// Valid UTF-8 that XML 1.0 accepts: invalid sequences and U+FFFE/U+FFFF become U+FFFD, CR LF and
// lone CR become LF, other control characters except tab and LF become a space.
std::string clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp = utf8_next(s, i);
    if (cp == '\r') {
      if (i < s.size() && s[i] == '\n') ++i;
      cp = '\n';
    } else if (cp < 0x20 && cp != '\t' && cp != '\n') {
      cp = ' ';
    } else if (cp == 0xFFFE || cp == 0xFFFF) {
      cp = 0xFFFD;
    }
    utf8_append(out, cp);
  }
  return out;
}

// XML text of already clean UTF-8 (domain/text.hpp).
std::string esc(std::string_view s) { return xml_escape(s); }

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : clean(s)) {
    if (c == '\n') out.push_back(std::move(cur)), cur.clear();
    else cur += c;
  }
  out.push_back(std::move(cur));
  return out;
}

std::string one_line(const std::string& s);

size_t cp_count(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) utf8_next(s, i), ++n;
  return n;
}

std::string trim(std::string s) {
  const char* ws = " \t\n";
  s.erase(0, s.find_first_not_of(ws));
  s.erase(s.find_last_not_of(ws) + 1);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Estimated widths of Times New Roman text (advance widths in em, from the font's metrics,
// rounded), to size the rules under the issuing body, the motto and the subject.

double letter_em(char lower, bool upper, bool bold) {
  static const double regular_lower[26] = {.44, .50, .44, .50, .44, .33, .50, .50, .28, .28, .50, .28, .78,
                                          .50, .50, .50, .50, .33, .39, .28, .50, .50, .72, .50, .50, .44};
  static const double bold_lower[26] = {.50, .56, .44, .56, .44, .33, .50, .56, .28, .33, .56, .28, .83,
                                       .56, .50, .56, .56, .44, .39, .33, .56, .50, .72, .50, .50, .44};
  static const double regular_upper[26] = {.72, .67, .67, .72, .61, .56, .72, .72, .33, .39, .72, .61, .89,
                                          .72, .72, .56, .72, .67, .56, .61, .72, .72, .94, .72, .72, .61};
  static const double bold_upper[26] = {.72, .67, .72, .72, .67, .61, .78, .78, .39, .50, .78, .67, .94,
                                       .72, .78, .61, .78, .72, .56, .67, .72, .72, 1.0, .72, .72, .67};
  const int k = lower - 'a';
  if (k < 0 || k >= 26) return .5;
  return upper ? (bold ? bold_upper : regular_upper)[k] : (bold ? bold_lower : regular_lower)[k];
}

// Whether a precomposed Latin letter of Vietnamese is upper case.
bool is_upper_cp(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return true;
  if (cp == 0x1AF || cp == 0x1B0) return cp == 0x1AF;  // Ư ư
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if ((cp >= 0x100 && cp <= 0x17F) || (cp >= 0x1A0 && cp <= 0x1B0) || (cp >= 0x1EA0 && cp <= 0x1EF9)) return cp % 2 == 0;
  return false;
}

double text_em(std::string_view s, bool bold) {
  double em = 0;
  for (size_t i = 0; i < s.size();) {
    const size_t start = i;
    const char32_t cp = utf8_next(s, i);
    if (cp >= 0x300 && cp <= 0x36F) continue;  // combining marks
    if (cp == ' ') em += .25;
    else if (cp >= '0' && cp <= '9') em += .5;
    else if (cp == ',' || cp == '.') em += .25;
    else if (cp == '-' || cp == ':' || cp == ';' || cp == '/' || cp == '(' || cp == ')') em += .33;
    else if (cp == '%') em += .83;
    else if (cp == '&') em += .78;
    else if (cp == 0x2014) em += 1.0;  // —
    else if (cp == 0x2013) em += .5;   // –
    else if (cp < 0x80 && !std::isalpha(static_cast<int>(cp))) em += .5;
    else {
      const bool upper = is_upper_cp(cp);
      std::string base = cp < 0x80 ? std::string(1, static_cast<char>(std::tolower(static_cast<int>(cp))))
                                   : fold_for_search(s.substr(start, i - start));
      em += letter_em(base.empty() ? 'n' : base[0], upper, bold);
    }
  }
  return em;
}

int text_twips(std::string_view s, double pt, bool bold) { return static_cast<int>(std::lround(text_em(s, bold) * pt * 20)); }

// ---------------------------------------------------------------------------------------------
// WordprocessingML pieces. Sizes in half-points (28 = 14 pt), lengths in twips (1 mm ≈ 56.7).

constexpr int kPageW = 11906, kPageH = 16838;                   // A4
constexpr int kTop = 1134, kBottom = 1134, kLeft = 1701, kRight = 851;  // 20, 20, 30, 15 mm
constexpr int kTextW = kPageW - kLeft - kRight;                 // 9354 twips = 165 mm
constexpr int kSignLeftW = 4500, kSignRightW = kTextW - kSignLeftW;
constexpr int kCellMar = 57;  // 1 mm either side in the borderless layout tables

struct Font {
  int half_pt = 28;
  bool bold = false, italic = false;
};

std::string rpr(const Font& f) {
  std::string x = "<w:rPr>";
  if (f.bold) x += "<w:b/><w:bCs/>";
  if (f.italic) x += "<w:i/><w:iCs/>";
  x += "<w:sz w:val=\"" + std::to_string(f.half_pt) + "\"/><w:szCs w:val=\"" + std::to_string(f.half_pt) + "\"/></w:rPr>";
  return x;
}

// Runs of `text`: '\n' breaks the line, '\t' is a tab.
std::string runs(const std::string& text, const Font& f) {
  const std::string c = clean(text);
  std::string x = "<w:r>" + rpr(f);
  std::string chunk;
  auto flush = [&] {
    if (!chunk.empty()) x += "<w:t xml:space=\"preserve\">" + esc(chunk) + "</w:t>";
    chunk.clear();
  };
  for (char ch : c) {
    if (ch == '\n') flush(), x += "<w:br/>";
    else if (ch == '\t') flush(), x += "<w:tab/>";
    else chunk += ch;
  }
  flush();
  return x + "</w:r>";
}

struct Para {
  const char* jc = "both";
  int first_line = 0, ind_left = 0, ind_right = 0;
  int before = 0, after = 0;
  int line = 240;  // auto: 240 = single
  bool keep_next = false;
  std::string border;  // a w:pBdr element
};

std::string para(const Para& p, const std::string& content, const Font& mark = {}) {
  std::string x = "<w:p><w:pPr>";
  if (p.keep_next) x += "<w:keepNext/>";
  x += p.border;
  x += "<w:spacing w:before=\"" + std::to_string(p.before) + "\" w:after=\"" + std::to_string(p.after) + "\" w:line=\"" +
       std::to_string(p.line) + "\" w:lineRule=\"auto\"/>";
  if (p.first_line || p.ind_left || p.ind_right)
    x += "<w:ind w:left=\"" + std::to_string(p.ind_left) + "\" w:right=\"" + std::to_string(p.ind_right) +
         "\" w:firstLine=\"" + std::to_string(p.first_line) + "\"/>";
  x += "<w:jc w:val=\"" + std::string(p.jc) + "\"/>";
  x += rpr(mark);  // the paragraph mark's size sets the height of an empty paragraph
  x += "</w:pPr>" + content + "</w:p>";
  return x;
}

std::string centred(const std::string& text, const Font& f, int before = 0, int after = 0) {
  Para p;
  p.jc = "center";
  p.before = before;
  p.after = after;
  return para(p, runs(text, f), f);
}

// A thin horizontal rule of `width` twips centred in a column (or the text) of `column` twips:
// an empty, 3 pt high paragraph with a top border, indented from both sides.
std::string rule(int width, int column) {
  width = std::clamp(width, 400, column);
  const int ind = (column - width) / 2;
  Para p;
  p.jc = "center";
  p.ind_left = p.ind_right = ind;
  p.before = 50;  // clear of the descenders of the line above
  p.line = 240;
  p.border = "<w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>";
  return para(p, "", Font{6});
}

std::string borders(const char* val) {
  std::string x = "<w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    x += "<w:" + std::string(side) + " w:val=\"" + val + "\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  return x + "</w:tblBorders>";
}

// A borderless layout table of two columns, one row per pair of cell contents.
std::string layout_table(int left_w, int right_w, const std::vector<std::pair<std::string, std::string>>& rows) {
  std::string x = "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(left_w + right_w) +
                  "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>" + borders("nil") +
                  "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"" +
                  std::to_string(kCellMar) + "\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"" +
                  std::to_string(kCellMar) + "\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"0000\"/></w:tblPr>";
  x += "<w:tblGrid><w:gridCol w:w=\"" + std::to_string(left_w) + "\"/><w:gridCol w:w=\"" + std::to_string(right_w) +
       "\"/></w:tblGrid>";
  for (const auto& [l, r] : rows) {
    x += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (const auto& [w, content] : {std::pair{left_w, &l}, std::pair{right_w, &r}})
      x += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(w) + "\" w:type=\"dxa\"/></w:tcPr>" +
           (content->empty() ? para(Para{}, "") : *content) + "</w:tc>";
    x += "</w:tr>";
  }
  return x + "</w:tbl>";
}

int widest_line(const std::string& text, double pt, bool bold) {
  int w = 0;
  for (const auto& l : lines_of(text)) w = std::max(w, text_twips(l, pt, bold));
  return w;
}

// The header's column widths and type sizes: the national title (12–13 pt) must fit its column
// on one line, and so should every line of the issuing body (12–13 pt); 13 pt for both when
// they fit side by side, else the title at 12 pt, else both at 12 pt (a longer name wraps).
struct HeaderLayout {
  int left_w, right_w, title_pt, body_pt;
};

const char* kNationalTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const char* kMotto = "Độc lập - Tự do - Hạnh phúc";

HeaderLayout header_layout(const OfficialDocument& d) {
  constexpr int kSlack = 2 * kCellMar + 60, kDefaultLeft = 3700;
  auto need_left = [&](int pt) {
    return std::max({widest_line(d.superior_body, pt, false), widest_line(d.issuing_body, pt, true),
                     widest_line(d.number_symbol, 13, false)}) + kSlack;
  };
  auto need_right = [&](int pt) {
    return std::max(text_twips(kNationalTitle, pt, true), text_twips(kMotto, 14, true)) + kSlack;
  };
  for (auto [title_pt, body_pt] : {std::pair{13, 13}, std::pair{12, 13}, std::pair{12, 12}}) {
    const int left = std::max(kDefaultLeft, need_left(body_pt));
    if (left + need_right(title_pt) <= kTextW) return {left, kTextW - left, title_pt, body_pt};
  }
  const int right = need_right(12);
  return {kTextW - right, right, 12, 12};
}

std::string header_block(const OfficialDocument& d) {
  const HeaderLayout h = header_layout(d);
  std::string left, right;
  if (!trim(d.superior_body).empty()) left += centred(d.superior_body, Font{h.body_pt * 2});
  left += centred(d.issuing_body, Font{h.body_pt * 2, true});
  // Decree 30: a rule of 1/3 to 1/2 of the issuing body's line, centred under it.
  left += rule(widest_line(d.issuing_body, h.body_pt, true) * 2 / 5, h.left_w - 2 * kCellMar);

  right += centred(kNationalTitle, Font{h.title_pt * 2, true});
  right += centred(kMotto, Font{28, true});
  // The motto's rule is as long as the motto.
  right += rule(text_twips(kMotto, 14, true), h.right_w - 2 * kCellMar);

  Para p;
  p.jc = "center";
  p.before = 120;
  const std::string number = para(p, runs(d.number_symbol, Font{26}), Font{26});
  const std::string when = para(p, runs(place_and_date(d.place, d.date), Font{28, false, true}), Font{28});
  return layout_table(h.left_w, h.right_w, {{left, right}, {number, when}});
}

std::string title_block(const OfficialDocument& d) {
  std::string x = centred(d.doc_kind, Font{28, true}, 480, 0);
  x += centred(d.subject, Font{28, true});
  int line = 0;
  for (const auto& l : lines_of(d.subject)) line = std::max(line, std::min(text_twips(l, 14, true), kTextW));
  x += rule(line * 2 / 5, kTextW);

  std::vector<std::string> r;
  for (const auto& s : d.recipients_line)
    if (!trim(s).empty()) r.push_back(trim(s));
  if (r.empty()) return x;
  Para p;
  p.before = 120;
  if (r.front().rfind("Kính gửi", 0) == 0) {
    p.jc = r.size() == 1 ? "center" : "left";
    p.ind_left = r.size() == 1 ? 0 : 1701;
    for (const auto& s : r) x += para(p, runs(s, Font{28}), Font{28}), p.before = 0;
  } else if (r.size() == 1) {
    p.jc = "center";
    std::string s = r.front();
    if (s.back() != '.') s += '.';
    x += para(p, runs("Kính gửi: " + s, Font{28}), Font{28});
  } else {
    p.jc = "left";
    p.ind_left = 1701;
    x += para(p, runs("Kính gửi:", Font{28}), Font{28});
    p.before = 0;
    p.ind_left = 2835;  // the list under the colon
    for (size_t i = 0; i < r.size(); ++i) {
      std::string s = r[i];
      while (!s.empty() && (s.back() == ';' || s.back() == '.')) s.pop_back();
      x += para(p, runs("- " + s + (i + 1 == r.size() ? "." : ";"), Font{28}), Font{28});
    }
  }
  return x;
}

// Words of a cell, split at spaces (a line breaks only there).
std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(clean(s));
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

constexpr int kTableCellMar = 80;  // left and right, in the bordered tables
constexpr double kTablePt = 13;

std::string table_block(const DocTable& t, const ColumnLayout& layout) {
  std::string x;
  if (!trim(t.title).empty()) {
    Para p;
    p.jc = "center";
    p.before = 120;
    p.after = 60;
    p.keep_next = true;
    x += para(p, runs(t.title, Font{26, true}), Font{26});
  }
  const size_t cols = layout.widths.size();
  if (cols == 0) return x;
  const std::vector<int>& width = layout.widths;
  int total = 0;
  for (int w : width) total += w;

  const bool any_header = !t.header.empty();
  x += "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(total) + "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>" +
       borders("single") +
       "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"20\" w:type=\"dxa\"/><w:left w:w=\"" +
       std::to_string(kTableCellMar) + "\" w:type=\"dxa\"/><w:bottom w:w=\"20\" w:type=\"dxa\"/><w:right w:w=\"" +
       std::to_string(kTableCellMar) + "\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>";
  for (int w : width) x += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  x += "</w:tblGrid>";
  auto row = [&](const std::vector<std::string>& cells, bool header) {
    x += header ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (size_t c = 0; c < cols; ++c) {
      const bool numeric = c < t.numeric.size() && t.numeric[c];
      Para p;
      p.jc = header ? "center" : numeric ? "right" : "left";
      p.before = p.after = 20;
      const Font f{layout.half_pt, header};
      x += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width[c]) + "\" w:type=\"dxa\"/><w:vAlign w:val=\"" +
           (header ? "center" : "top") + "\"/></w:tcPr>" + para(p, c < cells.size() ? runs(cells[c], f) : "", f) + "</w:tc>";
    }
    x += "</w:tr>";
  };
  if (any_header) row(t.header, true);
  for (const auto& r : t.rows) row(r, false);
  x += "</w:tbl>";
  // A paragraph after every table: two tables in a row would be joined into one (the borders of
  // the later one winning), and it gives the text below some room.
  x += para(Para{}, "", Font{12});
  return x;
}

std::string roman(size_t n) {
  static const std::pair<int, const char*> parts[] = {{10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}};
  std::string out;
  for (const auto& [v, s] : parts)
    while (n >= static_cast<size_t>(v)) out += s, n -= v;
  return out;
}

// The body; the tables too wide for the portrait page go to `annexes` (set landscape after the
// signature) with a line in the body that points to them.
std::string body_block(const OfficialDocument& d, std::vector<std::pair<const DocTable*, ColumnLayout>>& annexes) {
  std::string x;
  Para text;
  text.first_line = 567;  // 1 cm
  text.before = 120;      // 6 pt between paragraphs
  for (const auto& b : d.body) {
    switch (b.kind) {
      case DocBlock::heading: {
        Para h = text;
        h.keep_next = true;
        x += para(h, runs(b.text, Font{28, true}), Font{28, true});
        break;
      }
      case DocBlock::paragraph: {
        // a record's last paragraph goes with its parties' signatures: never a page of signatures alone
        Para p = text;
        p.keep_next = !d.signatures.empty() && &b == &d.body.back();
        x += para(p, runs(b.text, Font{28}), Font{28});
        break;
      }
      case DocBlock::table: {
        ColumnLayout layout = table_columns(b.table_data);
        if (layout.landscape) {
          annexes.emplace_back(&b.table_data, std::move(layout));
          const std::string title = trim(one_line(b.table_data.title));
          x += para(text, runs("(" + (title.empty() ? std::string("Chi tiết") : title) + ": tại Phụ lục " +
                                   roman(annexes.size()) + " kèm theo.)",
                               Font{28, false, true}),
                    Font{28});
        } else {
          x += table_block(b.table_data, layout);
        }
        break;
      }
    }
  }
  return x;
}

std::string section_properties(bool landscape, bool with_header) {
  const int w = landscape ? kPageH : kPageW, h = landscape ? kPageW : kPageH;
  return std::string("<w:sectPr>") + (with_header ? "<w:headerReference w:type=\"default\" r:id=\"rId3\"/>" : "") +
         "<w:pgSz w:w=\"" + std::to_string(w) + "\" w:h=\"" + std::to_string(h) + "\"" +
         (landscape ? " w:orient=\"landscape\"" : "") + "/><w:pgMar w:top=\"" + std::to_string(kTop) + "\" w:right=\"" +
         std::to_string(kRight) + "\" w:bottom=\"" + std::to_string(kBottom) + "\" w:left=\"" + std::to_string(kLeft) +
         "\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>" + (with_header ? "<w:titlePg/>" : "") + "</w:sectPr>";
}

// The annexes (Decree 30, Annex I §IV): "Phụ lục I", the title, "(Kèm theo Báo cáo số …)", the
// table, each on landscape pages.
std::string annex_block(const OfficialDocument& d, const std::vector<std::pair<const DocTable*, ColumnLayout>>& annexes) {
  std::string x;
  std::string symbol = trim(d.number_symbol);
  if (const std::string so = "Số:"; symbol.rfind(so, 0) == 0) symbol = "số" + symbol.substr(so.size());
  for (size_t i = 0; i < annexes.size(); ++i) {
    if (i > 0) x += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>";
    x += centred("Phụ lục " + roman(i + 1), Font{28, true}, 0, 0);
    const std::string title = trim(one_line(annexes[i].first->title));
    if (!title.empty()) x += centred(title, Font{28, true});
    x += centred("(Kèm theo " + decree30::sentence_case(one_line(d.doc_kind)) + " " + symbol + " ngày " + d.date.vn() + ")",
                 Font{28, false, true}, 0, 120);
    DocTable untitled = *annexes[i].first;
    untitled.title.clear();
    x += table_block(untitled, annexes[i].second);
  }
  return x;
}

// One party's signature: title, note, the space to sign, name; all centred in its column.
std::string party_signature(const DocSignature& s) {
  std::string x = centred(s.title, Font{28, true}, 240, 0);
  if (!trim(s.note).empty()) x += centred(s.note, Font{26, false, true});
  for (int i = 0; i < 4; ++i) x += centred("", Font{28});
  x += centred(s.name, Font{28, true});
  return x;
}

std::string signature_block(const OfficialDocument& d) {
  if (!d.signatures.empty()) {  // a record: the parties side by side, two to a row
    std::vector<std::pair<std::string, std::string>> rows;
    for (size_t i = 0; i < d.signatures.size(); i += 2)
      rows.push_back({party_signature(d.signatures[i]), i + 1 < d.signatures.size() ? party_signature(d.signatures[i + 1]) : ""});
    return layout_table(kTextW / 2, kTextW - kTextW / 2, rows);
  }
  std::string left;
  if (!d.noi_nhan.empty()) {
    Para p;
    p.jc = "left";
    p.before = 240;
    left += para(p, runs("Nơi nhận:", Font{24, true, true}), Font{24});
    p.before = 0;
    for (const auto& n : d.noi_nhan) left += para(p, runs(n, Font{22}), Font{22});
  }
  std::string right = centred(d.signer_title, Font{28, true}, 240, 0);
  for (int i = 0; i < 5; ++i) right += centred("", Font{28});  // the space to sign and stamp
  right += centred(d.signer_name, Font{28, true});
  return layout_table(kSignLeftW, kSignRightW, {{left, right}});
}

std::string document_xml(const OfficialDocument& d) {
  std::string x =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>";
  std::vector<std::pair<const DocTable*, ColumnLayout>> annexes;
  x += header_block(d);
  x += title_block(d);
  x += body_block(d, annexes);
  x += signature_block(d);
  if (annexes.empty()) {
    x += section_properties(false, true);
  } else {
    // the portrait section ends with the signature; the annexes are a landscape section
    x += "<w:p><w:pPr>" + section_properties(false, true) + "</w:pPr></w:p>";
    x += annex_block(d, annexes);
    x += section_properties(true, true);
  }
  return x + "</w:body></w:document>";
}

// Page numbers: centred in the top margin, from page 2 on (w:titlePg leaves page 1 without).
const char* kHeaderXml =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>2</w:t></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>)";

const char* kStylesXml =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/></w:style></w:styles>)";

const char* kSettingsXml =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>)";

const char* kContentTypesXml =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>)";

const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>)";

const char* kDocumentRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>)";

const char* kAppXml =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>longghep</Application></Properties>)";

std::string one_line(const std::string& s) {
  std::string out;
  for (const auto& l : lines_of(s)) out += (out.empty() ? "" : " ") + trim(l);
  return out;
}

std::string core_xml(const OfficialDocument& d) {
  const std::string when = d.date.iso() + "T00:00:00Z";
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         "\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>" +
         esc(one_line(d.doc_kind + " " + d.subject)) + "</dc:title><dc:creator>" + esc(one_line(d.issuing_body)) +
         "</dc:creator><dc:language>vi-VN</dc:language><dcterms:created xsi:type=\"dcterms:W3CDTF\">" + when +
         "</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + when +
         "</dcterms:modified></cp:coreProperties>";
}

// ---------------------------------------------------------------------------------------------
// Annex helpers.

struct Number {
  double value;
  int decimals;
  bool percent;
};

// "1.234.567", "1234567", "-12", "12,5", "85,5%" (dots group thousands, a comma marks decimals).
std::optional<Number> parse_vn_number(std::string s) {
  s = trim(s);
  // Non-breaking and narrow non-breaking spaces used as separators are dropped.
  for (const char* sp : {"\xC2\xA0", "\xE2\x80\xAF", " "})
    for (size_t p; (p = s.find(sp)) != std::string::npos;) s.erase(p, std::strlen(sp));
  Number n{0, 0, false};
  if (!s.empty() && s.back() == '%') n.percent = true, s.pop_back();
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) negative = s[0] == '-', s.erase(0, 1);
  const size_t comma = s.find(',');
  std::string int_part = s.substr(0, comma), frac = comma == std::string::npos ? "" : s.substr(comma + 1);
  if (int_part.empty() || (comma != std::string::npos && frac.empty())) return std::nullopt;
  if (!std::all_of(frac.begin(), frac.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  std::string digits;
  if (int_part.find('.') == std::string::npos) {
    digits = int_part;
  } else {
    // Groups of three after a first group of one to three digits.
    size_t start = 0;
    bool first = true;
    while (true) {
      const size_t dot = int_part.find('.', start);
      const std::string g = int_part.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      if (g.empty() || g.size() > 3 || (!first && g.size() != 3)) return std::nullopt;
      digits += g;
      first = false;
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
  }
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  if (digits.size() + frac.size() > 15) return std::nullopt;  // not exact in Excel: keep the text
  n.value = std::stod(digits + (frac.empty() ? "" : "." + frac));
  n.decimals = static_cast<int>(frac.size());
  if (negative) n.value = -n.value;
  if (n.percent) n.value /= 100;
  return n;
}

std::string sheet_name(const std::string& title, size_t index, std::set<std::string>& used) {
  std::string base;
  for (char c : one_line(title)) base += std::strchr("[]:*?/\\", c) ? ' ' : c;
  // Collapse runs of spaces; an apostrophe may not start or end the name.
  std::string collapsed;
  for (char c : base)
    if (!(c == ' ' && (collapsed.empty() || collapsed.back() == ' '))) collapsed += c;
  base = trim(collapsed);
  while (!base.empty() && base.front() == '\'') base.erase(0, 1);
  auto cut = [](std::string s, size_t chars) {
    size_t i = 0, n = 0;
    while (i < s.size() && n < chars) utf8_next(s, i), ++n;
    s.resize(i);
    while (!s.empty() && (s.back() == '\'' || s.back() == ' ')) s.pop_back();
    return s;
  };
  base = cut(base, 31);
  if (base.empty()) base = "Biểu " + std::to_string(index);
  std::string name = base;
  for (int k = 2; used.count(fold_for_search(name)) || fold_for_search(name) == "history"; ++k) {
    const std::string suffix = " (" + std::to_string(k) + ")";
    name = cut(base, 31 - suffix.size()) + suffix;
  }
  used.insert(fold_for_search(name));
  return name;
}

// ---------------------------------------------------------------------------------------------
// LibreOffice.

bool executable(const std::string& p) { return !p.empty() && access(p.c_str(), X_OK) == 0; }

std::string find_soffice() {
  if (const char* e = std::getenv("LONGGHEP_SOFFICE"); e && *e) return executable(e) ? e : "";
  if (const char* path = std::getenv("PATH")) {
    std::string p = path;
    for (size_t start = 0; start <= p.size();) {
      size_t colon = p.find(':', start);
      if (colon == std::string::npos) colon = p.size();
      const std::string dir = p.substr(start, colon - start);
      if (!dir.empty()) {
        for (const char* name : {"soffice", "libreoffice"})
          if (executable(dir + "/" + name)) return dir + "/" + name;
      }
      start = colon + 1;
    }
  }
  for (const char* p : {"/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"})
    if (executable(p)) return p;
  return "";
}

std::string file_uri(const std::string& path) {
  std::string out = "file://";
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::strchr("/-_.~", c)) out += static_cast<char>(c);
    else out += '%', out += hex[c >> 4], out += hex[c & 15];
  }
  return out;
}

Error pdf_unavailable(const std::string& vi, const std::string& en) {
  return Error(503, "pdf_unavailable", "Không tạo được bản PDF: " + vi, "The PDF is unavailable: " + en);
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

// ---------------------------------------------------------------------------------------------

int text_width_twips(const std::string& text, double pt, bool bold) { return text_twips(clean(text), pt, bold); }

ColumnLayout table_columns(const DocTable& t) {
  size_t cols = t.header.size();
  for (const auto& r : t.rows) cols = std::max(cols, r.size());
  ColumnLayout out;
  if (cols == 0) return out;
  // Estimates of the font's widths err by a few per cent: 8% more, and the cell's margins.
  auto need = [](int twips) { return static_cast<int>(twips * 1.08) + 2 * kTableCellMar + 40; };
  std::vector<int> minimum, one_line_w;
  auto measure = [&](double pt) {
    minimum.assign(cols, need(text_twips("000", pt, false)));
    one_line_w.assign(cols, 0);
    auto consider = [&](size_t c, const std::string& cell, bool bold, bool whole) {
      const std::string s = clean(cell);
      int longest = 0;
      if (whole) longest = text_twips(one_line(s), pt, bold);
      else
        for (const auto& w : words_of(s)) longest = std::max(longest, text_twips(w, pt, bold));
      int line = 0;
      for (const auto& l : lines_of(s)) line = std::max(line, text_twips(l, pt, bold));
      minimum[c] = std::max(minimum[c], need(longest));
      one_line_w[c] = std::max(one_line_w[c], need(line));
    };
    for (size_t c = 0; c < t.header.size(); ++c) consider(c, t.header[c], true, false);
    for (const auto& r : t.rows)
      for (size_t c = 0; c < r.size(); ++c) consider(c, r[c], false, c < t.numeric.size() && t.numeric[c]);
    long long sum = 0;
    for (int m : minimum) sum += m;
    return sum;
  };
  // 13 pt portrait; else landscape at 13, 11 or 10 pt, the first whose narrowest widths fit
  long long min_sum = measure(kTablePt);
  out.landscape = min_sum > kPortraitTextWidth;
  for (int half_pt : {26, 22, 20}) {
    if (half_pt != 26) min_sum = measure(half_pt / 2.0);
    out.half_pt = half_pt;
    if (min_sum <= (out.landscape ? kLandscapeTextWidth : kPortraitTextWidth)) break;
  }
  const int avail = out.landscape ? kLandscapeTextWidth : kPortraitTextWidth;
  std::vector<int> width(minimum);
  if (min_sum > avail) {  // too wide even landscape: in proportion to the narrowest widths
    for (size_t c = 0; c < cols; ++c) width[c] = static_cast<int>(static_cast<long long>(avail) * minimum[c] / min_sum);
  } else {
    // first toward one line per cell, in proportion to what each column lacks; then what is
    // left over to every column in proportion to its width
    long long lack = 0;
    for (size_t c = 0; c < cols; ++c) lack += std::max(0, one_line_w[c] - minimum[c]);
    const long long spare = avail - min_sum;
    if (lack > 0) {
      const long long give = std::min(spare, lack);
      for (size_t c = 0; c < cols; ++c) width[c] += static_cast<int>(give * std::max(0, one_line_w[c] - minimum[c]) / lack);
    }
    long long used = 0;
    for (int w : width) used += w;
    if (used < avail) {
      const long long rest = avail - used;
      // the room left goes to the text (non-numeric) columns, else to all
      long long base = 0;
      for (size_t c = 0; c < cols; ++c)
        if (!(c < t.numeric.size() && t.numeric[c])) base += width[c];
      for (size_t c = 0; c < cols; ++c) {
        const bool text_col = !(c < t.numeric.size() && t.numeric[c]);
        if (base > 0 && text_col) width[c] += static_cast<int>(rest * width[c] / base);
        else if (base == 0) width[c] += static_cast<int>(rest * width[c] / used);
      }
    }
  }
  long long used = 0;
  for (int w : width) used += w;
  width.back() += static_cast<int>(avail - used);
  out.widths = std::move(width);
  out.minimum = std::move(minimum);
  return out;
}

std::string place_and_date(const std::string& place, Date date) {
  auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  const int m = date.month();
  return one_line(place) + ", ngày " + two(date.day()) + " tháng " + (m <= 2 ? two(m) : std::to_string(m)) + " năm " +
         std::to_string(date.year());
}

void write_docx(const OfficialDocument& doc, std::ostream& out) {
  std::ostringstream zipped;
  {
    Poco::Zip::Compress zip(zipped, true);
    const Poco::DateTime when(doc.date.year(), doc.date.month(), doc.date.day());
    auto add = [&](const char* name, const std::string& content) {
      std::istringstream in(content);
      zip.addFile(in, when, Poco::Path(name, Poco::Path::PATH_UNIX), Poco::Zip::ZipCommon::CM_DEFLATE,
                  Poco::Zip::ZipCommon::CL_NORMAL);
    };
    add("[Content_Types].xml", kContentTypesXml);
    add("_rels/.rels", kRootRels);
    add("word/document.xml", document_xml(doc));
    add("word/_rels/document.xml.rels", kDocumentRels);
    add("word/styles.xml", kStylesXml);
    add("word/settings.xml", kSettingsXml);
    add("word/header1.xml", kHeaderXml);
    add("docProps/core.xml", core_xml(doc));
    add("docProps/app.xml", kAppXml);
    zip.close();
  }
  const std::string bytes = zipped.str();
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw export_failed("lỗi ghi luồng ra", "the output stream failed");
}

void write_annex_xlsx(const OfficialDocument& doc, const std::string& path) {
  lxw_workbook_options options = {LXW_FALSE, nullptr, LXW_FALSE};
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (!wb) throw export_failed("không tạo được tệp phụ lục", "cannot create the annex workbook");
  struct Guard {
    lxw_workbook*& wb;
    ~Guard() {
      if (wb) workbook_close(wb);
    }
  } guard{wb};

  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 13);
  lxw_format* subtitle = workbook_add_format(wb);
  format_set_bold(subtitle);
  format_set_italic(subtitle);
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_CENTER);
  format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* text = workbook_add_format(wb);
  format_set_border(text, LXW_BORDER_THIN);
  format_set_text_wrap(text);
  format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* right_text = workbook_add_format(wb);
  format_set_border(right_text, LXW_BORDER_THIN);
  format_set_align(right_text, LXW_ALIGN_RIGHT);
  format_set_align(right_text, LXW_ALIGN_VERTICAL_TOP);
  std::map<std::string, lxw_format*> number_formats;
  auto number_format = [&](const Number& n) {
    std::string code = n.percent ? "0" : "#,##0";
    if (n.decimals > (n.percent ? 2 : 0)) code += "." + std::string(n.decimals - (n.percent ? 2 : 0), '0');
    if (n.percent) code += "%";
    auto& f = number_formats[code];
    if (!f) {
      f = workbook_add_format(wb);
      format_set_num_format(f, code.c_str());
      format_set_border(f, LXW_BORDER_THIN);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    }
    return f;
  };

  const std::string subject = one_line(trim(doc.doc_kind + " " + doc.subject));
  std::set<std::string> used;
  size_t index = 0;
  for (const auto& block : doc.body) {
    if (block.kind != DocBlock::table) continue;
    const DocTable& t = block.table_data;
    const std::string name = sheet_name(t.title, ++index, used);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    if (!ws) throw export_failed("tên trang tính không hợp lệ: " + name, "invalid sheet name: " + name);
    worksheet_write_string(ws, 0, 0, clean(subject).c_str(), title);
    if (!trim(t.title).empty()) worksheet_write_string(ws, 1, 0, one_line(t.title).c_str(), subtitle);
    size_t cols = t.header.size();
    for (const auto& r : t.rows) cols = std::max(cols, r.size());
    cols = std::min<size_t>(cols, 16384);
    std::vector<double> width(cols, 6);
    lxw_row_t row = 3;
    for (size_t c = 0; c < t.header.size() && c < cols; ++c) {
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), clean(t.header[c]).c_str(), header);
      std::istringstream words(clean(t.header[c]));
      for (std::string w; words >> w;) width[c] = std::max(width[c], static_cast<double>(cp_count(w)) + 2);
    }
    if (!t.header.empty()) {
      worksheet_freeze_panes(ws, 4, 0);
      ++row;
    }
    for (const auto& r : t.rows) {
      for (size_t c = 0; c < r.size() && c < cols; ++c) {
        const bool numeric = c < t.numeric.size() && t.numeric[c];
        const std::string cell = clean(r[c]);
        width[c] = std::max(width[c], std::min(60.0, static_cast<double>(cp_count(cell)) + 2));
        if (numeric) {
          if (auto n = parse_vn_number(cell)) {
            worksheet_write_number(ws, row, static_cast<lxw_col_t>(c), n->value, number_format(*n));
            continue;
          }
        }
        worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), cell.c_str(), numeric ? right_text : text);
      }
      if (++row >= 1'048'576) break;
    }
    for (size_t c = 0; c < cols; ++c)
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), std::min(width[c], 60.0), nullptr);
  }
  if (index == 0) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Phụ lục");
    worksheet_write_string(ws, 0, 0, clean(subject).c_str(), title);
  }
  lxw_workbook* w = wb;
  wb = nullptr;
  if (lxw_error e = workbook_close(w); e != LXW_NO_ERROR)
    throw export_failed(std::string("không ghi được tệp phụ lục (") + lxw_strerror(e) + ")",
                        std::string("cannot write the annex workbook (") + lxw_strerror(e) + ")");
}

bool pdf_conversion_available() { return !find_soffice().empty(); }

std::string docx_to_pdf(const std::string& docx_bytes) {
  namespace fs = std::filesystem;
  const std::string soffice = find_soffice();
  if (soffice.empty())
    throw pdf_unavailable("máy chủ chưa cài LibreOffice", "LibreOffice (soffice) is not installed on the server");

  std::string dir = (fs::temp_directory_path() / "longghep-pdf-XXXXXX").string();
  if (!mkdtemp(dir.data())) throw pdf_unavailable("không tạo được thư mục tạm", "cannot create a temporary directory");
  struct Cleanup {
    std::string d;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(d, ec);
    }
  } cleanup{dir};

  const std::string input = dir + "/document.docx", output = dir + "/document.pdf", log = dir + "/soffice.log";
  {
    std::ofstream f(input, std::ios::binary);
    f.write(docx_bytes.data(), static_cast<std::streamsize>(docx_bytes.size()));
    if (!f) throw pdf_unavailable("không ghi được tệp tạm", "cannot write a temporary file");
  }
  std::vector<std::string> args = {soffice,
                                   "-env:UserInstallation=" + file_uri(dir + "/profile"),
                                   "--headless",
                                   "--norestore",
                                   "--nologo",
                                   "--nodefault",
                                   "--nolockcheck",
                                   "--convert-to",
                                   "pdf:writer_pdf_Export",
                                   "--outdir",
                                   dir,
                                   input};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawnattr_init(&attr);
  // Its own process group, so a timeout kills LibreOffice's children too; default signals.
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int s : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD}) sigaddset(&defaults, s);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, soffice.c_str(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0)
    throw pdf_unavailable("không chạy được LibreOffice", "cannot start LibreOffice: " + std::string(std::strerror(rc)));

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int status = 0;
  bool timed_out = false;
  while (true) {
    const pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) {
      status = -1;
      break;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      timed_out = true;
      kill(-pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  kill(-pid, SIGKILL);  // whatever LibreOffice left behind in its group
  if (timed_out) throw pdf_unavailable("LibreOffice chạy quá 60 giây", "LibreOffice took longer than 60 s");

  std::error_code ec;
  std::string pdf = fs::exists(output, ec) ? read_file(output) : std::string();
  if (pdf.size() < 5 || pdf.compare(0, 5, "%PDF-") != 0) {
    std::string detail = read_file(log);
    if (detail.size() > 300) detail = detail.substr(detail.size() - 300);
    const std::string exit = WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status))
                             : WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status))
                                                   : "unknown status";
    throw pdf_unavailable("LibreOffice không chuyển được văn bản", "LibreOffice failed to convert (" + exit + "): " + clean(detail));
  }
  return pdf;
}

}  // namespace longghep
