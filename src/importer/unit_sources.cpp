#include "importer/unit_sources.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "importer/csv.hpp"
#include "util/json_input.hpp"

namespace longghep {
namespace {
using nlohmann::json;

Error format_error(const std::string& vi, const std::string& en) {
  return Error(400, "invalid_file", "Tệp danh mục không đúng định dạng: " + vi,
               "The unit list is not in the expected format: " + en, "file");
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string())
    throw format_error(std::string("thiếu trường \"") + key + "\"", std::string("missing field \"") + key + "\"");
  return to_nfc(it->get<std::string>());
}

// "Huyện Tuy Phước" with type "Huyện" → "Tuy Phước".
std::string short_name(const std::string& full, const std::string& type) {
  if (!type.empty() && full.rfind(type + " ", 0) == 0) return full.substr(type.size() + 1);
  for (const char* t : {"Thành phố ", "Tỉnh ", "Thị xã ", "Huyện ", "Quận ", "Phường ", "Xã ", "Thị trấn ", "Đặc khu "})
    if (full.rfind(t, 0) == 0) return full.substr(std::string(t).size());
  return full;
}

json parse_json(std::string_view text) {
  check_json_depth(text, "file");
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    throw format_error("JSON lỗi (" + std::string(e.what()) + ")", "malformed JSON (" + std::string(e.what()) + ")");
  }
}

UnitBatch read_vn2025(const json& j, const ImportOptions& opt) {
  UnitBatch b;
  b.units.push_back(central_root());
  Validity v{opt.reform_date, Date::max()};
  for (const auto& p : j) {
    UnitRecord pr{str(p, "Code"), str(p, "Name"), str(p, "FullName"), "province",
                  p.value("AdministrativeUnitShortName", ""), "VN", v};
    b.units.push_back(pr);
    if (!p.contains("Wards") || !p["Wards"].is_array()) throw format_error("tỉnh thiếu \"Wards\"", "province without \"Wards\"");
    for (const auto& w : p["Wards"])
      b.units.push_back({str(w, "Code"), str(w, "Name"), str(w, "FullName"), "commune",
                         w.value("AdministrativeUnitShortName", ""), pr.code, v});
  }
  return b;
}

UnitBatch read_vnpre2025(const json& j, const ImportOptions& opt) {
  UnitBatch b;
  b.units.push_back(central_root());
  Validity v{Date::min(), opt.reform_date.add_days(-1)};
  for (const auto& p : j.at("data")) {
    std::string pt = p.value("type", "");
    std::string pname = str(p, "name");
    std::string pcode = str(p, "level1_id");
    b.units.push_back({pcode, short_name(pname, pt), pname, "province", pt, "VN", v});
    for (const auto& d : p.value("level2s", json::array())) {
      std::string dt = d.value("type", ""), dname = str(d, "name"), dcode = str(d, "level2_id");
      b.units.push_back({dcode, short_name(dname, dt), dname, "district", dt, pcode, v});
      for (const auto& c : d.value("level3s", json::array())) {
        std::string ct = c.value("type", ""), cname = str(c, "name");
        b.units.push_back({str(c, "level3_id"), short_name(cname, ct), cname, "commune", ct, dcode, v});
      }
    }
  }
  return b;
}

// One level of the merges file: entries {id_key, name, merges:[{old_id, name, type}]}.
void read_merge_level(const json& entries, const char* id_key, bool province_level, Date date,
                      std::vector<LinkRecord>& out) {
  std::map<std::string, int> successors;  // old id -> number of new units it went into
  for (const auto& e : entries)
    for (const auto& m : e.value("merges", json::array())) successors[str(m, "old_id")]++;
  for (const auto& e : entries) {
    const auto merges = e.value("merges", json::array());
    const std::string to = str(e, id_key), to_name = str(e, "name");
    for (const auto& m : merges) {
      const std::string from = str(m, "old_id");
      std::string type;
      if (merges.size() > 1) type = "merge";
      else if (successors[from] > 1) type = "split";
      else if (str(m, "name") != to_name) type = "rename";
      else type = province_level ? "merge" : "reparent";
      out.push_back({type, date, from, to, m.value("type", "full") == "partial"});
    }
  }
}

UnitBatch read_vnmerges(const json& j, const ImportOptions& opt) {
  UnitBatch b;
  const auto& data = j.at("data");
  read_merge_level(data, "level1_id", true, opt.reform_date, b.links);
  for (const auto& p : data) read_merge_level(p.value("level2s", json::array()), "level2_id", false, opt.reform_date, b.links);
  return b;
}

void expect_header(const std::vector<CsvRow>& rows, const CsvRow& header) {
  if (rows.empty() || rows[0] != header) {
    std::string h;
    for (auto& x : header) h += (h.empty() ? "" : ",") + x;
    throw format_error("dòng tiêu đề phải là: " + h, "the header row must be: " + h);
  }
}

Date csv_date(const std::string& s, Date open, size_t line, const char* col) {
  if (s.empty()) return open;
  auto d = Date::parse(s);
  if (!d)
    throw Error::Validation(col, "Dòng " + std::to_string(line) + ", cột " + col + ": ngày không hợp lệ \"" + s + "\"",
                            "Line " + std::to_string(line) + ", column " + col + ": invalid date \"" + s + "\"");
  return *d;
}

UnitBatch read_units_csv(std::string_view text) {
  auto rows = parse_csv(text);
  expect_header(rows, {"code", "name", "full_name", "kind", "type_label", "parent_code", "valid_from", "valid_to"});
  UnitBatch b;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const size_t line = i + 1;
    if (r.size() != 8)
      throw Error::Validation("file", "Dòng " + std::to_string(line) + ": cần 8 cột, có " + std::to_string(r.size()),
                              "Line " + std::to_string(line) + ": expected 8 columns, found " + std::to_string(r.size()));
    if (r[0].empty() || r[1].empty())
      throw Error::Validation("code", "Dòng " + std::to_string(line) + ": thiếu mã hoặc tên",
                              "Line " + std::to_string(line) + ": code and name are required");
    b.units.push_back({r[0], to_nfc(r[1]), to_nfc(r[2].empty() ? r[1] : r[2]), r[3], to_nfc(r[4]), r[5],
                       {csv_date(r[6], Date::min(), line, "valid_from"), csv_date(r[7], Date::max(), line, "valid_to")}});
  }
  return b;
}

UnitBatch read_lineage_csv(std::string_view text) {
  auto rows = parse_csv(text);
  expect_header(rows, {"type", "date", "from_code", "to_code", "partial"});
  UnitBatch b;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const size_t line = i + 1;
    if (r.size() != 5 || (r[0] != "merge" && r[0] != "split" && r[0] != "rename" && r[0] != "reparent"))
      throw Error::Validation("file", "Dòng " + std::to_string(line) + ": sự kiện không hợp lệ",
                              "Line " + std::to_string(line) + ": invalid lineage event");
    b.links.push_back({r[0], csv_date(r[1], Date::min(), line, "date"), r[2], r[3], r[4] == "1" || r[4] == "true"});
  }
  return b;
}
}  // namespace

UnitRecord central_root() {
  return {"VN", "Việt Nam", "Nước Cộng hòa xã hội chủ nghĩa Việt Nam", "central", "Trung ương", "", {}};
}

std::string detect_unit_format(std::string_view text) {
  size_t i = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  std::string_view rest = text.substr(i);
  if (rest.rfind("code,name,", 0) == 0) return "csv";
  if (rest.rfind("type,date,from_code", 0) == 0) return "lineagecsv";
  if (!rest.empty() && rest[0] == '[') return "vn2025";
  if (!rest.empty() && rest[0] == '{') {
    if (rest.find("\"merges\"") != std::string_view::npos) return "vnmerges";
    if (rest.find("\"level2s\"") != std::string_view::npos) return "vnpre2025";
  }
  throw format_error("không nhận ra định dạng (vn2025, vnpre2025, vnmerges, csv)",
                     "unrecognised format (vn2025, vnpre2025, vnmerges, csv)");
}

UnitBatch read_units(std::string_view text, const std::string& format, const ImportOptions& opt) {
  if (format == "csv") return read_units_csv(text);
  if (format == "lineagecsv") return read_lineage_csv(text);
  try {
    if (format == "vn2025") return read_vn2025(parse_json(text), opt);
    if (format == "vnpre2025") return read_vnpre2025(parse_json(text), opt);
    if (format == "vnmerges") return read_vnmerges(parse_json(text), opt);
  } catch (const json::exception& e) {
    throw format_error(e.what(), e.what());
  }
  throw Error::Validation("format", "Định dạng không hỗ trợ: " + format, "Unsupported format: " + format);
}

}  // namespace longghep
