#include "importer/activity_rows.hpp"

#include <algorithm>

#include "domain/text.hpp"
#include "importer/sheet_reader.hpp"
#include "security/crypto.hpp"

namespace longghep {
namespace {

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return s.substr(b, e - b);
}

const char* kColumns = "ABCDEFGHIJKLMNOP";
std::string col(int i) { return std::string(1, kColumns[i]); }

// Index of a list element in a field such as "reach[2].total"; -1 when none.
int element_index(const std::string& field) {
  auto a = field.find('['), b = field.find(']');
  if (a == std::string::npos || b == std::string::npos || b < a) return -1;
  return std::stoi(field.substr(a + 1, b - a - 1));
}

}  // namespace

const std::vector<std::string>& activity_template_headers() {
  // Labels or codes are accepted in C, D, E, H, N and P (issue 15): the headers say what, not "(mã)".
  static const std::vector<std::string> h = {
      "Mã hoạt động (tùy chọn)", "Tên hoạt động", "Loại can thiệp", "Đơn vị hành chính (mã hoặc tên)",
      "Cơ quan chủ trì", "Ngày bắt đầu", "Ngày kết thúc", "Nhóm đối tượng", "Tổng số người",
      "Nữ", "Nam", "Số buổi", "Kinh phí (đồng)", "Nguồn kinh phí", "Ghi chú", "Chương trình (tùy chọn)"};
  return h;
}

std::string column_of_field(const std::string& field) {
  static const std::vector<std::pair<std::string, std::string>> map = {
      {"title", "B"}, {"interventionTypeCode", "C"}, {"orgUnitCode", "D"}, {"leadAgencyId", "E"},
      {"startDate", "F"}, {"endDate", "G"}, {".targetGroup", "H"}, {".total", "I"}, {".female", "J"},
      {".male", "K"}, {".ages", "I"}, {"outputs", "L"}, {".amount", "M"}, {".fundingSource", "N"}, {"note", "O"},
      {"programmeIds", "P"}};
  for (const auto& [k, c] : map)
    if (k[0] == '.' ? field.find(k) != std::string::npos : field.rfind(k, 0) == 0) return c;
  return "";
}

std::optional<long long> parse_count_cell(const std::string& raw) {
  std::string s = trim(raw);
  if (s.empty()) return std::nullopt;
  bool neg = false;
  if (s[0] == '-') { neg = true; s = s.substr(1); }
  // Excel writes integral numbers as "12" or "12.0"; people write 1.234.567 or 1,234,567.
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s = s.substr(0, s.size() - 2);
  std::string digits;
  const size_t sep_at = s.find_first_of(".,");
  if (sep_at != std::string::npos) {
    // Groups of three digits after a first group of 1–3: "1.234.567".
    const char sep = s[sep_at];
    if (sep_at == 0 || sep_at > 3 || (s.size() - sep_at) % 4 != 0) return std::nullopt;
    for (size_t i = sep_at; i < s.size(); i += 4)
      if (s[i] != sep) return std::nullopt;
    for (char c : s)
      if (c != sep) digits += c;
  } else {
    digits = s;
  }
  const std::optional<long long> v = parse_digits(digits, 15);
  if (!v) return std::nullopt;
  return neg ? -*v : *v;
}

std::optional<Date> parse_date_cell(const std::string& raw) {
  const std::string s = trim(raw);
  if (auto d = Date::parse(s)) return d;
  if (s.size() >= 8 && s.size() <= 10) {
    auto a = s.find('/'), b = s.rfind('/');
    if (a != std::string::npos && b != a) {
      const std::string dd = s.substr(0, a), mm = s.substr(a + 1, b - a - 1), yy = s.substr(b + 1);
      auto two = [](const std::string& x) { return x.size() == 1 ? "0" + x : x; };
      if (yy.size() == 4 && dd.size() <= 2 && mm.size() <= 2) return Date::parse(yy + "-" + two(mm) + "-" + two(dd));
    }
  }
  // An Excel date cell read as its serial day number (days since 1899-12-30), also with a time of
  // day (46124.375): the day, the time dropped.
  if (auto iso = excel_serial_to_iso(s)) return Date::parse(*iso);
  return std::nullopt;
}

ActivityRowAssembler::ActivityRowAssembler(const std::unordered_map<std::string, long long>& agency_keys, Emit emit,
                                           std::vector<ImportIssue>& issues, const ImportLabels* labels)
    : agency_keys_(agency_keys), labels_(labels), emit_(std::move(emit)), issues_(issues) {}

namespace {
std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size() && i < 5; ++i) s += (i ? "; " : "") + v[i];
  if (v.size() > 5) s += "; …";
  return s;
}
}  // namespace

bool ActivityRowAssembler::check_header(long long row, const std::vector<std::string>& cells) {
  const auto& want = activity_template_headers();
  for (size_t i = 0; i < want.size(); ++i) {
    const std::string got = i < cells.size() ? trim(cells[i]) : "";
    if (fold_for_search(got) != fold_for_search(want[i])) {
      issues_.push_back({row, col(static_cast<int>(i)),
                         {"file",
                          "Không đúng mẫu: cột " + col(static_cast<int>(i)) + " phải là \"" + want[i] + "\", tệp có \"" + got +
                              "\". Hãy tải mẫu nhập liệu và dùng đúng các cột.",
                          "Not the template: column " + col(static_cast<int>(i)) + " must be \"" + want[i] + "\", the file has \"" +
                              got + "\". Download the template and keep its columns."}});
      return false;
    }
  }
  return true;
}

void ActivityRowAssembler::add_row(long long row, std::vector<std::string>& cells) {
  for (auto& c : cells) c = to_nfc(trim(c));  // every imported text is stored as NFC
  if (std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return c.empty(); })) return;  // blank row
  cells.resize(std::max(cells.size(), static_cast<size_t>(kCanonicalColumns)));
  ++data_rows_;
  auto issue = [&](int column, std::string vi, std::string en) {
    issues_.push_back({row, col(column), {std::string(), std::move(vi), std::move(en)}});
    current_bad_ = true;
  };
  // A label (or a code) of a list → its code; an unknown text is left for validation to name.
  auto coded = [&](const LabelIndex& index, int column, const char* what_vi, const char* what_en) {
    std::string& cell = cells[column];
    if (cell.empty()) return;
    LabelIndex::Found f = index.find(cell);
    if (!f.code.empty()) {
      cell = f.code;
    } else if (!f.candidates.empty()) {
      issue(column, std::string("\"") + cell + "\" ứng với nhiều " + what_vi + ": " + joined(f.candidates) + "; hãy ghi mã",
            std::string("\"") + cell + "\" matches several " + what_en + ": " + joined(f.candidates) + "; write the code");
    }
  };
  std::string key = cells[0];
  if (!is_clean_utf8(key) || key.size() > 100) {
    issue(0, "Mã hoạt động tối đa 100 ký tự", "The activity key is at most 100 characters");
    key.clear();
  }
  std::string hash_input;
  for (const auto& c : cells) hash_input += c + '\x1f';
  if (labels_) {
    coded(labels_->intervention_types, 2, "loại can thiệp", "intervention types");
    coded(labels_->target_groups, 7, "nhóm đối tượng", "target groups");
    coded(labels_->funding_sources, 13, "nguồn kinh phí", "funding sources");
  }
  const bool continues = current_ && !key.empty() && current_->in.key == key;
  if (!continues) {
    flush();
    current_bad_ = false;
    AssembledActivity a;
    a.first_row = row;
    if (key.empty()) {
      // The row as written; a file of the 15 template columns hashes as before (no column P).
      if (cells[kColProgramme].empty()) {
        hash_input.clear();
        for (size_t c = 0; c < cells.size(); ++c)
          if (c != static_cast<size_t>(kColProgramme)) hash_input += cells[c] + '\x1f';
      }
      a.in.key = "h-" + security::sha256_hex(hash_input).substr(0, 32);
    } else {
      a.in.key = key;
    }
    ActivityInput& in = a.in;
    in.title = cells[1];
    in.intervention_type = cells[2];
    in.org_unit_code = cells[3];
    LabelIndex::Found agency;
    if (labels_ && !cells[4].empty()) agency = labels_->agencies.find(cells[4]);
    if (cells[4].empty()) {
      issue(4, "Thiếu cơ quan chủ trì", "The lead agency is missing");
    } else if (!agency.code.empty()) {
      in.lead_agency_id = std::stoll(agency.code);
    } else if (!agency.candidates.empty()) {
      issue(4, "\"" + cells[4] + "\" ứng với nhiều cơ quan: " + joined(agency.candidates) + "; hãy ghi mã cơ quan",
            "\"" + cells[4] + "\" matches several agencies: " + joined(agency.candidates) + "; write the agency's key");
    } else if (auto it = agency_keys_.find(cells[4]); it != agency_keys_.end()) {
      in.lead_agency_id = it->second;
    } else {
      issue(4, "Không có cơ quan \"" + cells[4] + "\" (ghi tên cơ quan trong phạm vi của bạn, hoặc mã cơ quan)",
            "No agency \"" + cells[4] + "\" (write the name of an agency within your scope, or its key)");
    }
    for (int c : {5, 6}) {
      auto d = parse_date_cell(cells[c]);
      if (!d) {
        issue(c, "Ngày không hợp lệ: \"" + cells[c] + "\" (dd/mm/yyyy)", "Not a date: \"" + cells[c] + "\" (dd/mm/yyyy)");
      } else {
        (c == 5 ? in.start : in.end) = *d;
      }
    }
    in.note = cells[14];
    a.programme_text = cells[kColProgramme];
    first_cells_.assign(cells.begin() + 1, cells.begin() + 7);
    current_ = std::move(a);
    keys_seen_.push_back({stable_hash64(current_->in.key), row});
  } else {
    for (int c = 1; c <= 6; ++c)
      if (!cells[c].empty() && cells[c] != first_cells_[c - 1])
        issue(c, "Khác với dòng " + std::to_string(current_->first_row) + " của cùng hoạt động " + key,
              "Differs from row " + std::to_string(current_->first_row) + " of the same activity " + key);
  }
  AssembledActivity& a = *current_;
  a.rows.push_back(row);
  // H–K: people reached of one target group.
  if (!cells[7].empty() || !cells[8].empty()) {
    ReachRow r;
    r.target_group = cells[7];
    if (r.target_group.empty()) issue(7, "Thiếu nhóm đối tượng", "The target group is missing");
    auto total = parse_count_cell(cells[8]);
    if (!total) issue(8, "Tổng số người phải là số nguyên: \"" + cells[8] + "\"", "The total must be an integer: \"" + cells[8] + "\"");
    r.total = total.value_or(0);
    for (int c : {9, 10}) {
      if (cells[c].empty()) continue;
      auto v = parse_count_cell(cells[c]);
      if (!v) issue(c, "Phải là số nguyên: \"" + cells[c] + "\"", "Must be an integer: \"" + cells[c] + "\"");
      (c == 9 ? r.female : r.male) = v;
    }
    a.in.reach.push_back(std::move(r));
    a.reach_rows.push_back(row);
  } else if (!cells[9].empty() || !cells[10].empty()) {
    issue(7, "Có số nữ/nam nhưng thiếu nhóm đối tượng và tổng số", "Women/men given without a target group and total");
  }
  // L: sessions, summed over the activity's rows.
  if (!cells[11].empty()) {
    auto v = parse_count_cell(cells[11]);
    if (!v) {
      issue(11, "Số buổi phải là số nguyên: \"" + cells[11] + "\"", "Sessions must be an integer: \"" + cells[11] + "\"");
    } else {
      auto it = std::find_if(a.in.outputs.begin(), a.in.outputs.end(), [](const OutputRow& o) { return o.kind == "sessions"; });
      if (it == a.in.outputs.end()) a.in.outputs.push_back({"sessions", *v});
      else it->quantity += *v;
    }
  }
  // M–N: a cost by funding source.
  if (!cells[12].empty() || !cells[13].empty()) {
    auto amount = parse_count_cell(cells[12]);
    if (cells[12].empty()) issue(12, "Thiếu số tiền của nguồn kinh phí", "The amount of the funding source is missing");
    else if (!amount) issue(12, "Kinh phí phải là số nguyên (đồng): \"" + cells[12] + "\"", "The amount must be an integer (VND): \"" + cells[12] + "\"");
    if (cells[13].empty()) issue(13, "Thiếu nguồn kinh phí", "The funding source is missing");
    a.in.costs.push_back({cells[13], amount.value_or(0)});
    a.cost_rows.push_back(row);
  }
}

void ActivityRowAssembler::flush() {
  if (!current_) return;
  AssembledActivity a = std::move(*current_);
  current_.reset();
  emit_(std::move(a));  // also when a cell failed to parse: validation then reports every other fault
}

void ActivityRowAssembler::finish() {
  flush();
  std::sort(keys_seen_.begin(), keys_seen_.end());
  for (size_t i = 1; i < keys_seen_.size(); ++i)
    if (keys_seen_[i].first == keys_seen_[i - 1].first)
      issues_.push_back({keys_seen_[i].second, "A",
                         {"", "Mã hoạt động đã dùng ở dòng " + std::to_string(keys_seen_[i - 1].second) +
                                  " (các dòng của một hoạt động phải liền nhau)",
                          "The activity key was used at row " + std::to_string(keys_seen_[i - 1].second) +
                              " (the rows of one activity must be consecutive)"}});
}

// Maps a validation issue of an assembled activity to the row and column it came from.
ImportIssue locate_issue(const AssembledActivity& a, const FieldIssue& f) {
  ImportIssue out{a.first_row, column_of_field(f.field), f};
  const int i = element_index(f.field);
  if (i >= 0 && f.field.rfind("reach", 0) == 0 && static_cast<size_t>(i) < a.reach_rows.size()) out.row = a.reach_rows[i];
  if (i >= 0 && f.field.rfind("costs", 0) == 0 && static_cast<size_t>(i) < a.cost_rows.size()) out.row = a.cost_rows[i];
  return out;
}

}  // namespace longghep
