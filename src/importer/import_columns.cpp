#include "importer/import_columns.hpp"

#include <algorithm>
#include <set>

#include "domain/text.hpp"

namespace longghep {
namespace {

// Required template columns: title, type, unit, agency, start, end, target group, total.
constexpr int kRequired[] = {1, 2, 3, 4, 5, 6, 7, 8};

// Folded header wordings of each template column (A..P). The template's own headers fold to the
// first entry of each list.
const std::vector<std::vector<std::string>>& synonyms() {
  static const std::vector<std::vector<std::string>> s = {
      /* A key    */ {"ma hoat dong", "ma so hoat dong", "ma"},
      /* B title  */ {"ten hoat dong", "hoat dong", "noi dung hoat dong", "noi dung", "ten", "ten hoat dong noi dung"},
      /* C type   */ {"loai can thiep", "loai hoat dong", "hinh thuc can thiep", "hinh thuc", "hinh thuc hoat dong", "loai"},
      /* D unit   */ {"ma don vi hanh chinh", "don vi hanh chinh", "ma don vi", "don vi", "dia ban", "xa phuong",
                      "xa phuong dac khu", "don vi thuc hien", "dia ban thuc hien", "xa"},
      /* E agency */ {"co quan chu tri", "don vi chu tri", "co quan", "chu tri", "co quan thuc hien", "ma co quan"},
      /* F start  */ {"ngay bat dau", "tu ngay", "bat dau", "thoi gian bat dau", "thoi gian tu ngay"},
      /* G end    */ {"ngay ket thuc", "den ngay", "ket thuc", "thoi gian ket thuc", "thoi gian den ngay"},
      /* H group  */ {"nhom doi tuong", "doi tuong", "nhom", "doi tuong tiep can", "nhom doi tuong tiep can"},
      /* I total  */ {"tong so nguoi", "tong so", "tong", "so nguoi", "so luot nguoi", "so nguoi tham gia",
                      "so nguoi duoc tiep can", "so nguoi tiep can", "so nguoi tong so", "so nguoi tong", "cong"},
      /* J female */ {"nu", "so nu", "trong do nu", "so nguoi nu", "so nguoi trong do nu"},
      /* K male   */ {"nam", "so nam", "trong do nam", "so nguoi nam", "so nguoi trong do nam"},
      /* L sess.  */ {"so buoi", "buoi", "so buoi sinh hoat", "so buoi to chuc", "so cuoc"},
      /* M amount */ {"kinh phi", "so tien", "kinh phi so tien", "tong kinh phi", "kinh phi thuc hien"},
      /* N source */ {"nguon kinh phi", "nguon", "nguon von", "kinh phi nguon", "nguon kinh phi nguon"},
      /* O note   */ {"ghi chu"},
      /* P prog.  */ {"chuong trinh", "chuong trinh du an", "thuoc chuong trinh", "chuong trinh de an"},
  };
  return s;
}

bool is_ascii_punct(unsigned char c) { return c < 0x80 && !std::isalnum(c) && c != ' '; }

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

// A cell folded for a label or code: fold_for_search, trimmed.
std::string value_fold(std::string_view text) { return trim(fold_for_search(trim(text))); }

// Names of administrative types a clerk may write before or leave off a unit's name.
const std::vector<std::string>& unit_prefixes() {
  static const std::vector<std::string> p = {"xa ", "phuong ", "dac khu ", "thi tran ", "tinh ", "thanh pho ",
                                              "huyen ", "quan ", "thi xa "};
  return p;
}

}  // namespace

std::string header_fold(std::string_view text) {
  const std::string f = fold_for_search(text);
  std::string out;
  int depth = 0;
  for (unsigned char c : f) {
    if (c == '(' || c == '[') { ++depth; out += ' '; continue; }
    if (c == ')' || c == ']') { if (depth > 0) --depth; out += ' '; continue; }
    if (depth > 0) continue;
    if (c == '\n' || c == '\r' || c == '\t' || is_ascii_punct(c)) out += ' ';
    else out += static_cast<char>(c);
  }
  std::string collapsed;
  for (char c : out) {
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed += c;
  }
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  return collapsed;
}

int column_of_header(std::string_view text) {
  const std::string f = header_fold(text);
  if (f.empty()) return -1;
  // "Năm" (year) folds to "nam" (men): only the unaccented or the real "Nam" is the male column.
  if (f == "nam" && to_lower_vi(trim(text)).rfind("năm", 0) == 0) return -1;
  const auto& s = synonyms();
  for (size_t c = 0; c < s.size(); ++c)
    if (std::find(s[c].begin(), s[c].end(), f) != s[c].end()) return static_cast<int>(c);
  return -1;
}

bool HeaderMap::complete() const { return missing().empty(); }

std::vector<int> HeaderMap::missing() const {
  std::vector<int> out;
  for (int c : kRequired)
    if (sheet_col[c] < 0) out.push_back(c);
  return out;
}

std::vector<std::string> HeaderMap::canonical(std::vector<std::string>& sheet_cells) const {
  std::vector<std::string> out(kCanonicalColumns);
  for (int c = 0; c < kCanonicalColumns; ++c) {
    const int s = sheet_col[c];
    if (s >= 0 && static_cast<size_t>(s) < sheet_cells.size()) out[c] = std::move(sheet_cells[s]);
  }
  return out;
}

std::string HeaderMap::sheet_letter(const std::string& template_letter) const {
  if (template_letter.size() != 1 || template_letter[0] < 'A' || template_letter[0] >= 'A' + kCanonicalColumns)
    return template_letter;
  const int s = sheet_col[template_letter[0] - 'A'];
  return s < 0 ? template_letter : column_letter(s);
}

std::string column_letter(int index) {
  std::string s;
  for (int n = index + 1; n > 0; n = (n - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
  return s;
}

HeaderMap match_header(const std::vector<std::string>& row) {
  HeaderMap m;
  for (size_t i = 0; i < row.size(); ++i) {
    const int c = column_of_header(row[i]);
    if (c >= 0 && m.sheet_col[c] < 0) m.sheet_col[c] = static_cast<int>(i);
  }
  return m;
}

std::optional<HeaderMap> match_two_row_header(const std::vector<std::string>& top, const std::vector<std::string>& sub) {
  // A group row has header words of its own (a title line above the header has none, or one cell).
  size_t top_cells = 0;
  bool top_header = false;
  for (const auto& t : top)
    if (!trim(t).empty()) {
      ++top_cells;
      if (column_of_header(t) >= 0) top_header = true;
    }
  if (top_cells < 2 || !top_header) return std::nullopt;
  HeaderMap m;
  m.rows = 2;
  bool any_sub = false;
  std::string group;  // the group header over this column (a merged cell's text, carried right)
  const size_t n = std::max(top.size(), sub.size());
  for (size_t i = 0; i < n; ++i) {
    const std::string t = i < top.size() ? trim(top[i]) : "";
    const std::string s = i < sub.size() ? trim(sub[i]) : "";
    if (!t.empty()) group = t;
    int c = -1;
    if (s.empty()) {
      c = t.empty() ? -1 : column_of_header(t);
    } else {
      any_sub = true;
      c = column_of_header(group + " " + s);
      if (c < 0) c = column_of_header(s);
      if (c < 0) return std::nullopt;  // a cell that is no header: `sub` is data, not a sub-header
    }
    if (c >= 0 && m.sheet_col[c] < 0) m.sheet_col[c] = static_cast<int>(i);
  }
  if (!any_sub) return std::nullopt;
  return m;
}

bool is_totals_row(const std::vector<std::string>& cells) {
  static const std::set<std::string> words = {"tong cong", "cong", "tong", "tong so", "total", "grand total",
                                              "cong tong", "tong cong toan bo"};
  for (const auto& c : cells) {
    const std::string f = header_fold(c);
    if (f.empty()) continue;
    return words.count(f) > 0;
  }
  return false;
}

void LabelIndex::add(const std::string& code, const std::string& label, const std::string& display) {
  const size_t i = codes_.size();
  codes_.push_back(code);
  displays_.push_back(display.empty() ? label + " (" + code + ")" : display);
  by_code_.emplace(value_fold(code), i);
  if (!label.empty()) by_label_[value_fold(label)].push_back(i);
}

void LabelIndex::alias(const std::string& code, const std::string& label) {
  auto it = by_code_.find(value_fold(code));
  if (it == by_code_.end() || label.empty()) return;
  auto& v = by_label_[value_fold(label)];
  if (std::find(v.begin(), v.end(), it->second) == v.end()) v.push_back(it->second);
}

LabelIndex::Found LabelIndex::find(std::string_view text) const {
  Found f;
  const std::string k = value_fold(text);
  if (k.empty()) return f;
  if (auto it = by_code_.find(k); it != by_code_.end()) {
    f.code = codes_[it->second];
    return f;
  }
  auto it = by_label_.find(k);
  if (it == by_label_.end()) return f;
  std::set<std::string> codes;
  for (size_t i : it->second) codes.insert(codes_[i]);
  if (codes.size() == 1) {
    f.code = *codes.begin();
  } else {
    for (size_t i : it->second) f.candidates.push_back(displays_[i]);
  }
  return f;
}

UnitFinder::UnitFinder(const Hierarchy& h) : h_(h) {
  for (const auto& u : h.units()) {
    std::set<std::string> names = {value_fold(u.name), value_fold(u.full_name),
                                   value_fold(u.type_label + " " + u.name)};
    for (const auto& p : unit_prefixes()) {
      const std::string n = value_fold(u.name);
      if (n.rfind(p, 0) == 0) names.insert(n.substr(p.size()));
    }
    for (const auto& n : names)
      if (!n.empty()) by_name_[n].push_back(&u);
  }
}

LabelIndex::Found UnitFinder::find(const Scope& scope, std::string_view text, Date day) const {
  LabelIndex::Found f;
  const std::string raw = trim(text);
  if (raw.empty()) return f;
  if (const OrgUnit* u = h_.find(raw, day)) {
    f.code = u->code;
    return f;
  }
  std::string k = value_fold(raw);
  auto it = by_name_.find(k);
  if (it == by_name_.end()) {
    for (const auto& p : unit_prefixes())
      if (k.rfind(p, 0) == 0) {
        it = by_name_.find(k.substr(p.size()));
        if (it != by_name_.end()) break;
      }
  }
  if (it == by_name_.end()) return f;
  std::vector<const OrgUnit*> hits;
  for (const OrgUnit* u : it->second)
    if (u->valid_on(day) && scope.contains(u->id)) hits.push_back(u);
  if (hits.size() == 1) {
    f.code = hits[0]->code;
  } else {
    for (const OrgUnit* u : hits) {
      const OrgUnit* p = h_.parent(*u, day);
      f.candidates.push_back(u->type_label + " " + u->name + " (" + u->code + (p ? ", " + p->name : std::string()) + ")");
    }
  }
  return f;
}

}  // namespace longghep
