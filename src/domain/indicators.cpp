#include "domain/indicators.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "domain/error.hpp"

namespace longghep {
using nlohmann::json;

namespace {
struct MeasureName {
  TermMeasure m;
  const char* name;
};
constexpr MeasureName kMeasures[] = {
    {TermMeasure::activities, "activities"},
    {TermMeasure::reached, "reached"},
    {TermMeasure::output, "output"},
    {TermMeasure::cost, "cost"},
    {TermMeasure::units, "units"},
    {TermMeasure::units_with_activities, "units_with_activities"},
    {TermMeasure::months_with, "months_with"},
    {TermMeasure::surveyed, "surveyed"},
    {TermMeasure::report_element, "report_element"},
    {TermMeasure::agencies, "agencies"},
    {TermMeasure::agencies_with_plan, "agencies_with_plan"},
    {TermMeasure::constant, "constant"},
    {TermMeasure::case_people, "case_people"},
    {TermMeasure::case_services, "case_services"},
    {TermMeasure::businesses, "businesses"},
    {TermMeasure::businesses_inspected, "businesses_inspected"},
    {TermMeasure::inspections, "inspections"},
    {TermMeasure::inspections_unannounced, "inspections_unannounced"},
    {TermMeasure::violations, "violations"},
    {TermMeasure::repeat_violators, "repeat_violators"},
    {TermMeasure::fines, "fines"},
    {TermMeasure::outreach_informed, "outreach_informed"},
    {TermMeasure::outreach_health_checked, "outreach_health_checked"},
    {TermMeasure::outreach_referred, "outreach_referred"},
    {TermMeasure::communes_classified_healthy, "communes_classified_healthy"},
};

// JSON key → the Term field it sets (strings only).
struct StringKey {
  const char* key;
  std::string Term::*field;
};
const StringKey kStringKeys[] = {
    {"interventionGroup", &Term::intervention_group}, {"interventionType", &Term::intervention_type},
    {"targetGroup", &Term::target_group},             {"targetGroupGroup", &Term::target_group_group},
    {"outputKind", &Term::output_kind},               {"fundingGroup", &Term::funding_group},
    {"fundingSource", &Term::funding_source},         {"unitKind", &Term::unit_kind},
    {"agencyKind", &Term::agency_kind},               {"form", &Term::form},
    {"element", &Term::element},                      {"hostProgramme", &Term::host_programme},
    {"businessType", &Term::business_type},           {"businessStatus", &Term::business_status},
};

bool code_like(const std::string& s) {
  if (s.size() > 64) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}
}  // namespace

bool over_cases(TermMeasure m) { return m == TermMeasure::case_people || m == TermMeasure::case_services; }
bool term_suppressed(const Term& t, double count) { return over_cases(t.measure) && count > 0 && count < 5; }

bool over_businesses(TermMeasure m) {
  return m == TermMeasure::businesses || m == TermMeasure::businesses_inspected || m == TermMeasure::inspections ||
         m == TermMeasure::inspections_unannounced || m == TermMeasure::violations || m == TermMeasure::repeat_violators ||
         m == TermMeasure::fines || m == TermMeasure::outreach_informed || m == TermMeasure::outreach_health_checked ||
         m == TermMeasure::outreach_referred;
}

std::string figure_of(TermMeasure m) {
  switch (m) {
    case TermMeasure::businesses: return "businesses";
    case TermMeasure::businesses_inspected: return "businesses_inspected";
    case TermMeasure::inspections: return "inspections";
    case TermMeasure::inspections_unannounced: return "inspections_unannounced";
    case TermMeasure::violations: return "violations";
    case TermMeasure::repeat_violators: return "repeat_violators";
    case TermMeasure::fines: return "fines";
    case TermMeasure::outreach_informed: return "outreach_informed";
    case TermMeasure::outreach_health_checked: return "outreach_health_checked";
    case TermMeasure::outreach_referred: return "outreach_referred";
    default: return "";
  }
}

bool over_activities(TermMeasure m) {
  return m == TermMeasure::activities || m == TermMeasure::reached || m == TermMeasure::output || m == TermMeasure::cost ||
         m == TermMeasure::units_with_activities || m == TermMeasure::months_with;
}

std::string to_string(TermMeasure m) {
  for (const auto& x : kMeasures)
    if (x.m == m) return x.name;
  return "activities";
}

std::optional<TermMeasure> term_measure_from(const std::string& s) {
  for (const auto& x : kMeasures)
    if (s == x.name) return x.m;
  return std::nullopt;
}

Term parse_term(const json& j, const std::string& field) {
  if (!j.is_object())
    throw Error::Validation(field, "Vế của công thức phải là một đối tượng", "A formula term must be an object");
  Term t;
  auto m = j.find("measure");
  if (m == j.end() || !m->is_string() || !term_measure_from(m->get<std::string>()))
    throw Error::Validation(field + ".measure", "Đại lượng đếm không hợp lệ", "Unknown measure");
  t.measure = *term_measure_from(m->get<std::string>());
  std::set<std::string> known{"measure", "minCount", "constant", "recordedBy"};
  for (const auto& k : kStringKeys) {
    known.insert(k.key);
    auto it = j.find(k.key);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_string() || !code_like(it->get<std::string>()))
      throw Error::Validation(field + "." + k.key, "Phải là một mã (chữ thường, số, gạch dưới)",
                              "Must be a code (lower-case letters, digits, underscores)");
    t.*(k.field) = it->get<std::string>();
  }
  for (auto it = j.begin(); it != j.end(); ++it)
    if (!known.count(it.key()))
      throw Error::Validation(field + "." + it.key(), "Công thức không có thuộc tính \"" + it.key() + "\"",
                              "Unknown formula key \"" + it.key() + "\"");
  if (auto it = j.find("minCount"); it != j.end()) {
    if (!it->is_number_integer() || it->get<long long>() < 1 || it->get<long long>() > 1000000)
      throw Error::Validation(field + ".minCount", "Ngưỡng tối thiểu là số nguyên từ 1 đến 1.000.000",
                              "minCount must be an integer from 1 to 1,000,000");
    t.min_count = it->get<long long>();
  }
  if (t.measure == TermMeasure::constant) {
    auto it = j.find("constant");
    if (it == j.end() || !it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < 0)
      throw Error::Validation(field + ".constant", "Hằng số phải là số không âm", "constant must be a non-negative number");
    t.constant = it->get<double>();
  }
  if (auto it = j.find("recordedBy"); it != j.end() && !it->is_null()) {
    const std::string f = field + ".recordedBy";
    if (!it->is_object())
      throw Error::Validation(f, "recordedBy phải là một đối tượng {levels, agencyKinds}",
                              "recordedBy must be an object {levels, agencyKinds}");
    if (!over_activities(t.measure))
      throw Error::Validation(f, "Chỉ lọc theo cấp, loại cơ quan ghi nhận với đại lượng đếm hoạt động",
                              "Only a measure over activities can filter by who recorded them");
    auto list = [&](const char* key, const std::vector<std::string>& allowed, const char* what_vi, const char* what_en) {
      std::vector<std::string> out;
      auto v = it->find(key);
      if (v == it->end() || v->is_null()) return out;
      if (!v->is_array() || v->size() > allowed.size())
        throw Error::Validation(f + "." + key, std::string("Phải là danh sách ") + what_vi,
                                std::string("Must be a list of ") + what_en);
      std::string names;
      for (const auto& a : allowed) names += (names.empty() ? "" : ", ") + a;
      for (const auto& x : *v) {
        if (!x.is_string() || std::find(allowed.begin(), allowed.end(), x.get<std::string>()) == allowed.end())
          throw Error::Validation(f + "." + key,
                                  std::string("Không có ") + what_vi + " \"" + (x.is_string() ? x.get<std::string>() : x.dump()) +
                                      "\" (chọn trong: " + names + ")",
                                  std::string("Unknown ") + what_en + " \"" + (x.is_string() ? x.get<std::string>() : x.dump()) +
                                      "\" (one of: " + names + ")");
        if (std::find(out.begin(), out.end(), x.get<std::string>()) == out.end()) out.push_back(x.get<std::string>());
      }
      return out;
    };
    for (auto k = it->begin(); k != it->end(); ++k)
      if (k.key() != "levels" && k.key() != "agencyKinds")
        throw Error::Validation(f + "." + k.key(), "recordedBy không có thuộc tính \"" + k.key() + "\"",
                                "Unknown recordedBy key \"" + k.key() + "\"");
    t.levels = list("levels", kIndicatorLevels, "cấp đơn vị", "org unit level");
    t.agency_kinds = list("agencyKinds", kIndicatorAgencyKinds, "loại cơ quan", "agency kind");
  }
  auto require = [&](const std::string& v, const char* key, const char* vi, const char* en) {
    if (v.empty()) throw Error::Validation(field + "." + key, vi, en);
  };
  if (t.measure == TermMeasure::units || t.measure == TermMeasure::units_with_activities)
    require(t.unit_kind, "unitKind", "Cần chọn cấp đơn vị được đếm", "unitKind is required");
  if (t.measure == TermMeasure::output)
    require(t.output_kind, "outputKind", "Cần chọn loại kết quả đầu ra", "outputKind is required");
  if ((!t.business_type.empty() || !t.business_status.empty()) && !over_businesses(t.measure))
    throw Error::Validation(field + (t.business_type.empty() ? ".businessStatus" : ".businessType"),
                            "Chỉ lọc theo loại hình, trạng thái cơ sở với đại lượng về cơ sở kinh doanh dịch vụ",
                            "Only a measure over service businesses can filter by business type or status");
  if (!t.business_status.empty() && t.measure != TermMeasure::businesses)
    throw Error::Validation(field + ".businessStatus", "Chỉ lọc theo trạng thái khi đếm số cơ sở",
                            "Only the businesses measure filters by status");
  if (!t.business_status.empty() && t.business_status != "operating" && t.business_status != "suspended" &&
      t.business_status != "closed")
    throw Error::Validation(field + ".businessStatus", "Trạng thái là operating, suspended hoặc closed",
                            "The status is operating, suspended or closed");
  if (t.measure == TermMeasure::report_element) {
    require(t.form, "form", "Cần chọn biểu mẫu báo cáo", "form is required");
    require(t.element, "element", "Cần chọn chỉ tiêu của biểu mẫu", "element is required");
  }
  return t;
}

json term_json(const Term& t) {
  json j{{"measure", to_string(t.measure)}};
  for (const auto& k : kStringKeys)
    if (!(t.*(k.field)).empty()) j[k.key] = t.*(k.field);
  if (t.measure == TermMeasure::units_with_activities || t.measure == TermMeasure::months_with) j["minCount"] = t.min_count;
  if (t.measure == TermMeasure::constant) j["constant"] = t.constant;
  if (!t.levels.empty() || !t.agency_kinds.empty())
    j["recordedBy"] = {{"levels", t.levels}, {"agencyKinds", t.agency_kinds}};
  return j;
}

std::string to_string(IndicatorStatus s) {
  switch (s) {
    case IndicatorStatus::green: return "green";
    case IndicatorStatus::amber: return "amber";
    case IndicatorStatus::red: return "red";
    case IndicatorStatus::grey: break;
  }
  return "grey";
}

double round_to(double x, int decimals) {
  const double f = std::pow(10.0, decimals);
  // nudge by a relative epsilon so that 2.675 (stored as 2.67499…) rounds as written
  const double scaled = x * f;
  return std::round(scaled + (scaled >= 0 ? 1 : -1) * 1e-9 * std::max(1.0, std::fabs(scaled))) / f;
}

std::optional<double> indicator_value(const Indicator& i, double numerator, std::optional<double> denominator) {
  if (!i.denominator) return round_to(numerator, 2);
  if (!denominator || *denominator == 0) return std::nullopt;
  return round_to(numerator / *denominator * (i.percent ? 100.0 : 1.0), 2);
}

std::optional<double> achievement(const Indicator& i, std::optional<double> value, std::optional<double> target) {
  if (!value || !target) return std::nullopt;
  if (i.higher_is_better) {
    if (*target == 0) return 100.0;
    return round_to(*value / *target * 100.0, 1);
  }
  if (*value == 0) return 100.0;
  if (*target == 0) return 0.0;
  return round_to(*target / *value * 100.0, 1);
}

IndicatorStatus status_of(const Indicator& i, std::optional<double> a) {
  if (!a) return IndicatorStatus::grey;
  if (*a >= i.green_at) return IndicatorStatus::green;
  if (*a >= i.amber_at) return IndicatorStatus::amber;
  return IndicatorStatus::red;
}

void validate_thresholds(double green_at, double amber_at) {
  if (!std::isfinite(green_at) || green_at <= 0 || green_at > 1000)
    throw Error::Validation("greenAt", "Ngưỡng đạt phải trong khoảng (0, 1000]", "greenAt must be in (0, 1000]");
  if (!std::isfinite(amber_at) || amber_at < 0 || amber_at > green_at)
    throw Error::Validation("amberAt", "Ngưỡng cảnh báo phải trong khoảng [0, ngưỡng đạt]",
                            "amberAt must be between 0 and greenAt");
}

void validate_target(const Indicator& i, double target) {
  if (!std::isfinite(target) || target < 0)
    throw Error::Validation("target", "Chỉ tiêu phải là số không âm", "The target must be a non-negative number");
  if (i.percent && target > 100)
    throw Error::Validation("target", "Chỉ tiêu tỷ lệ phải trong khoảng 0–100 (%)", "A percentage target must be 0–100");
  if (!i.percent && target > 1e12)
    throw Error::Validation("target", "Chỉ tiêu không được vượt 1.000.000.000.000", "The target cannot exceed 10^12");
}

}  // namespace longghep
