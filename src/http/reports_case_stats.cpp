#include "http/reports_case_stats.hpp"

namespace longghep {
using nlohmann::json;
namespace an = analytics;

namespace {
std::map<std::string, long long> numbers(const std::vector<an::CaseElement>& elements, const json& values) {
  std::map<std::string, long long> out;
  if (!values.is_object()) return out;
  for (const auto& e : elements)
    if (auto it = values.find(e.code); it != values.end() && it->is_number_integer()) out[e.code] = it->get<long long>();
  return out;
}
json null_out(const std::set<std::string>& codes, json& values) {
  json list = json::array();
  for (const auto& c : codes) {
    list.push_back(c);
    if (values.is_object() && values.contains(c)) values[c] = nullptr;
  }
  return list;
}
}  // namespace

json suppress_case_values(const std::vector<an::CaseElement>& elements, json& values) {
  if (elements.empty() || !values.is_object()) return json::array();
  return null_out(an::suppressed_elements(elements, numbers(elements, values)), values);
}

void suppress_case_compilation(const std::vector<an::CaseElement>& elements, json& parts) {
  if (!parts.is_object()) return;
  if (elements.empty()) {
    parts["suppressedElements"] = json::array();
    parts["liveSuppressed"] = json::array();
    return;
  }
  json empty = json::object();
  json& compiled = parts.contains("compiled") ? parts["compiled"] : empty;
  json& own = parts.contains("own") ? parts["own"] : empty;
  json& total = parts.contains("total") ? parts["total"] : empty;
  const auto s = an::suppressed_in_compilation(elements, numbers(elements, compiled), numbers(elements, own),
                                               numbers(elements, total));
  null_out(s, compiled);
  null_out(s, own);
  parts["suppressedElements"] = null_out(s, total);
  if (parts.contains("live")) parts["liveSuppressed"] = suppress_case_values(elements, parts["live"]);
  else parts["liveSuppressed"] = json::array();
}

}  // namespace longghep
