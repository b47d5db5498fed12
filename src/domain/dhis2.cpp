#include "domain/dhis2.hpp"
#include "domain/text.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "domain/reporting.hpp"

namespace longghep::dhis2 {
using nlohmann::json;

namespace {
bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
Error not_exportable(const std::string& code) {
  return Error(400, "period_not_exportable",
               "Kỳ báo cáo '" + code + "' không chuyển được sang DHIS2: chỉ xuất được kỳ 6 tháng (YYYY-H1, YYYY-H2) và kỳ năm (YYYY)",
               "Period '" + code + "' cannot be exported to DHIS2: only six-monthly (YYYY-H1, YYYY-H2) and yearly (YYYY) periods can",
               "period");
}
std::string compact(Date d) {
  std::string s = d.iso();
  s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
  return s;
}
std::string vn_range(const Validity& v) {
  const std::string to = v.to == Date::max() ? std::string("nay") : v.to.vn();
  return v.from.vn() + "–" + to;
}
}  // namespace

Period map_period(const std::string& code) {
  if (code.rfind("adhoc-", 0) == 0)
    throw Error(400, "period_not_exportable",
                "Báo cáo đột xuất (" + code + ") không có kỳ tương ứng trong DHIS2 nên không xuất được",
                "An ad-hoc report period (" + code + ") has no DHIS2 period type and cannot be exported", "period");
  Period p;
  p.code = code;
  if (code.size() == 4 && all_digits(code)) {
    const int y = std::stoi(code);
    if (y < 2000 || y > 2100) throw not_exportable(code);
    p.dhis2 = code;
    p.from = Date::from_ymd(y, 1, 1);
    p.to = Date::from_ymd(y, 12, 31);
    p.adx = p.from.iso() + "/P1Y";
    return p;
  }
  if (code.size() == 7 && all_digits(code.substr(0, 4)) && code.substr(4, 2) == "-H" && (code[6] == '1' || code[6] == '2')) {
    const int y = std::stoi(code.substr(0, 4));
    if (y < 2000 || y > 2100) throw not_exportable(code);
    const bool first = code[6] == '1';
    p.dhis2 = code.substr(0, 4) + (first ? "S1" : "S2");
    p.from = Date::from_ymd(y, first ? 1 : 7, 1);
    p.to = first ? Date::from_ymd(y, 6, 30) : Date::from_ymd(y, 12, 31);
    p.adx = p.from.iso() + "/P6M";
    return p;
  }
  throw not_exportable(code);
}

bool valid_code(std::string_view code) {
  if (code.empty() || code.size() > 50) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

bool valid_attribute_name(std::string_view name) {
  if (name.empty() || name.size() > 50 || !std::isalpha(static_cast<unsigned char>(name[0]))) return false;
  for (const char* own : {"dataElement", "value", "orgUnit", "period", "dataSet", "completeDate", "exported",
                          "categoryOptionCombo", "attributeOptionCombo"})
    if (name == own) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

const ElementMapping* resolve_element(const std::vector<ElementMapping>& rows, const std::string& form,
                                      const std::string& element, Date on) {
  for (const auto& r : rows)
    if (r.form_code == form && r.element_code == element && r.validity.contains(on)) return &r;
  return nullptr;
}

std::string resolve_org_unit(const std::vector<OrgUnitMapping>& rows, const std::string& code, const Validity& unit,
                             bool code_reused, Date on) {
  for (const auto& r : rows)
    if (r.lg_code == code && r.lg_validity.contains(on) && r.validity.contains(on)) return r.dhis2_code;
  if (code_reused && unit.to != Date::max()) return code + "_" + compact(unit.to);
  return code;
}

std::vector<FieldIssue> element_mapping_issues(const ElementMapping& m, const std::vector<ElementMapping>& others) {
  std::vector<FieldIssue> out;
  if (m.element_code.empty() || m.element_code.size() > 64)
    out.push_back({"elementCode", "Hãy chọn chỉ tiêu của biểu mẫu", "Choose an element of the form"});
  if (!valid_code(m.data_element))
    out.push_back({"dataElement", "Mã phần tử dữ liệu DHIS2 gồm 1–50 ký tự A–Z, a–z, 0–9, _ - .",
                   "A DHIS2 data element code is 1–50 characters of A–Z, a–z, 0–9, _ - ."});
  if (!valid_code(m.category_option_combo))
    out.push_back({"categoryOptionCombo", "Mã tổ hợp phân tổ DHIS2 gồm 1–50 ký tự A–Z, a–z, 0–9, _ - .",
                   "A DHIS2 category option combo code is 1–50 characters of A–Z, a–z, 0–9, _ - ."});
  if (m.attributes.size() > 10)
    out.push_back({"attributes", "Tối đa 10 thuộc tính phân tổ", "At most 10 disaggregation attributes"});
  for (const auto& [k, v] : m.attributes) {
    if (!valid_attribute_name(k))
      out.push_back({"attributes", "Tên thuộc tính phân tổ ADX không hợp lệ: " + k, "Invalid ADX disaggregation attribute name: " + k});
    else if (!valid_code(v))
      out.push_back({"attributes", "Mã phương án phân tổ không hợp lệ: " + k, "Invalid category option code for " + k});
  }
  if (m.validity.to < m.validity.from)
    out.push_back({"validTo", "Ngày hết hiệu lực phải từ ngày bắt đầu trở đi", "validTo must not be before validFrom"});
  for (const auto& o : others) {
    if (o.id == m.id || o.form_code != m.form_code || !o.validity.overlaps(m.validity)) continue;
    if (o.element_code == m.element_code) {
      out.push_back({"validFrom", "Chỉ tiêu " + m.element_code + " đã có ánh xạ hiệu lực " + vn_range(o.validity) + " (trùng thời gian)",
                     "Element " + m.element_code + " already has a mapping valid " + vn_range(o.validity) + " (overlapping dates)"});
    } else if (o.data_element == m.data_element && o.category_option_combo == m.category_option_combo) {
      out.push_back({"categoryOptionCombo",
                     "Ô DHIS2 " + m.data_element + "/" + m.category_option_combo + " đã được ánh xạ từ chỉ tiêu " + o.element_code,
                     "DHIS2 cell " + m.data_element + "/" + m.category_option_combo + " is already mapped from " + o.element_code});
    }
  }
  return out;
}

std::vector<FieldIssue> orgunit_mapping_issues(const OrgUnitMapping& m, const std::vector<OrgUnitMapping>& others) {
  std::vector<FieldIssue> out;
  if (m.lg_code.empty() || m.lg_code.size() > 32)
    out.push_back({"orgUnitCode", "Hãy nhập mã đơn vị của longghep", "Give the longghep org unit code"});
  if (!valid_code(m.dhis2_code))
    out.push_back({"dhis2OrgUnit", "Mã đơn vị DHIS2 gồm 1–50 ký tự A–Z, a–z, 0–9, _ - .",
                   "A DHIS2 org unit code is 1–50 characters of A–Z, a–z, 0–9, _ - ."});
  if (m.lg_validity.to < m.lg_validity.from)
    out.push_back({"orgUnitValidTo", "Ngày hết hiệu lực phải từ ngày bắt đầu trở đi", "orgUnitValidTo must not be before orgUnitValidFrom"});
  if (m.validity.to < m.validity.from)
    out.push_back({"validTo", "Ngày hết hiệu lực phải từ ngày bắt đầu trở đi", "validTo must not be before validFrom"});
  for (const auto& o : others) {
    if (o.id == m.id || o.lg_code != m.lg_code) continue;
    if (o.lg_validity.overlaps(m.lg_validity) && o.validity.overlaps(m.validity))
      out.push_back({"validFrom", "Đơn vị " + m.lg_code + " đã có ánh xạ hiệu lực " + vn_range(o.validity) + " (trùng thời gian)",
                     "Org unit " + m.lg_code + " already has a mapping valid " + vn_range(o.validity) + " (overlapping dates)"});
  }
  return out;
}

Export build_export(const ExportInput& in) {
  Export x;
  x.form_code = in.form_code;
  x.dataset_code = in.dataset_code;
  x.period = in.period;
  std::map<std::string, Skipped> skipped;
  std::set<std::tuple<std::string, std::string, std::string>> cells;  // (de, coc, ou)
  for (const auto& r : in.reports) {
    const Date on = std::min(in.period.to, r.unit_validity.to);
    Group g;
    g.unit_code = r.unit_code;
    g.unit_name = r.unit_name;
    g.org_unit = resolve_org_unit(in.orgunit_map, r.unit_code, r.unit_validity, r.code_reused, on);
    g.complete_date = r.accepted_at.size() >= 10 ? r.accepted_at.substr(0, 10) : r.accepted_at;
    for (const auto& e : in.elements) {
      auto it = r.values.is_object() ? r.values.find(e.code) : r.values.end();
      const bool has_value = it != r.values.end() && !it->is_null() && !(it->is_string() && it->get<std::string>().empty());
      if (e.value_type != "number") {
        if (has_value) {
          auto& s = skipped[e.code];
          s.reason = "not_numeric";
          s.element_code = e.code;
          ++s.reports;
        }
        continue;
      }
      const ElementMapping* m = resolve_element(in.element_map, in.form_code, e.code, on);
      const bool suppressed = r.suppressed.count(e.code) > 0;
      if (!m) {
        if (has_value || suppressed) {
          auto& s = skipped[e.code];
          s.reason = "unmapped_element";
          s.element_code = e.code;
          ++s.reports;
        }
        continue;
      }
      if (suppressed) {
        ++x.suppressed;
        continue;
      }
      if (!has_value || !it->is_number()) continue;
      if (!cells.insert({m->data_element, m->category_option_combo, g.org_unit}).second)
        throw Error(409, "dhis2_duplicate_value",
                    "Hai giá trị cùng rơi vào ô DHIS2 " + m->data_element + "/" + m->category_option_combo + " của đơn vị " +
                        g.org_unit + ": hãy sửa bảng ánh xạ",
                    "Two values fall into DHIS2 cell " + m->data_element + "/" + m->category_option_combo + " of org unit " +
                        g.org_unit + ": fix the mapping");
      DataValue v;
      v.element_code = e.code;
      v.data_element = m->data_element;
      v.category_option_combo = m->category_option_combo;
      v.attributes = m->attributes;
      v.value = it->is_number_integer() ? it->get<long long>() : static_cast<long long>(it->get<double>());
      g.values.push_back(std::move(v));
      ++x.values;
    }
    x.groups.push_back(std::move(g));
  }
  std::stable_sort(x.groups.begin(), x.groups.end(), [](const Group& a, const Group& b) { return a.org_unit < b.org_unit; });
  for (const auto& e : in.elements)
    if (auto it = skipped.find(e.code); it != skipped.end()) x.skipped.push_back(it->second);
  return x;
}

json data_value_set_json(const Export& x) {
  json out = {{"dataSet", x.dataset_code}, {"period", x.period.dhis2}};
  if (x.groups.size() == 1) {
    out["orgUnit"] = x.groups[0].org_unit;
    out["completeDate"] = x.groups[0].complete_date;
  }
  json values = json::array();
  for (const auto& g : x.groups)
    for (const auto& v : g.values)
      values.push_back({{"dataElement", v.data_element},
                        {"categoryOptionCombo", v.category_option_combo},
                        {"period", x.period.dhis2},
                        {"orgUnit", g.org_unit},
                        {"value", std::to_string(v.value)}});
  out["dataValues"] = std::move(values);
  return out;
}

std::string adx_xml(const Export& x, const std::string& exported) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"" +
                    xml_escape(exported) + "\">\n";
  for (const auto& g : x.groups) {
    if (g.values.empty()) continue;
    out += "  <group dataSet=\"" + xml_escape(x.dataset_code) + "\" orgUnit=\"" + xml_escape(g.org_unit) + "\" period=\"" +
           xml_escape(x.period.adx) + "\" completeDate=\"" + xml_escape(g.complete_date) + "\">\n";
    for (const auto& v : g.values) {
      out += "    <dataValue dataElement=\"" + xml_escape(v.data_element) + "\" value=\"" + std::to_string(v.value) + "\"";
      for (const auto& [k, a] : v.attributes) out += " " + k + "=\"" + xml_escape(a) + "\"";
      out += "/>\n";
    }
    out += "  </group>\n";
  }
  out += "</adx>\n";
  return out;
}

json export_summary_json(const Export& x) {
  json skipped = json::array();
  for (const auto& s : x.skipped) skipped.push_back({{"reason", s.reason}, {"element", s.element_code}, {"reports", s.reports}});
  json units = json::array();
  for (const auto& g : x.groups)
    units.push_back({{"code", g.unit_code}, {"name", g.unit_name}, {"orgUnit", g.org_unit},
                     {"completeDate", g.complete_date}, {"values", static_cast<long long>(g.values.size())}});
  return {{"form", x.form_code},
          {"dataSet", x.dataset_code},
          {"period", {{"code", x.period.code}, {"dhis2", x.period.dhis2}, {"adx", x.period.adx},
                      {"label", period_name(x.period.code).vi}, {"labelEn", period_name(x.period.code).en}}},
          {"values", x.values},
          {"suppressed", x.suppressed},
          {"skipped", skipped},
          {"units", units}};
}

std::optional<json> read_import_summary(const json& body) {
  if (!body.is_object()) return std::nullopt;
  const json& b = body.contains("response") && body["response"].is_object() ? body["response"] : body;
  if (!b.contains("status") || !b["status"].is_string()) return std::nullopt;
  const std::string status = b["status"].get<std::string>();
  if (status != "SUCCESS" && status != "WARNING" && status != "ERROR" && status != "OK") return std::nullopt;
  json count = {{"imported", 0}, {"updated", 0}, {"ignored", 0}, {"deleted", 0}};
  if (b.contains("importCount") && b["importCount"].is_object())
    for (const char* k : {"imported", "updated", "ignored", "deleted"})
      if (b["importCount"].contains(k) && b["importCount"][k].is_number_integer()) count[k] = b["importCount"][k];
  json conflicts = json::array();
  if (b.contains("conflicts") && b["conflicts"].is_array())
    for (const auto& c : b["conflicts"]) {
      if (conflicts.size() >= 100) break;
      if (!c.is_object()) continue;
      auto str = [&](const char* k) {
        return c.contains(k) && c[k].is_string() ? c[k].get<std::string>().substr(0, 500) : std::string();
      };
      conflicts.push_back({{"object", str("object")}, {"value", str("value")}});
    }
  std::string description;
  if (b.contains("description") && b["description"].is_string()) description = b["description"].get<std::string>().substr(0, 1000);
  return json{{"status", status == "OK" ? "SUCCESS" : status}, {"importCount", count}, {"conflicts", conflicts},
              {"description", description}};
}

}  // namespace longghep::dhis2
