// PLACEHOLDER until the evidence queries land (helper branch clf-evidence replaces this file):
// every metric answers "no data". docs/api-classification.md "Evidence".
#include "storage/classification_evidence.hpp"

namespace longghep {

const std::vector<std::string>& evidence_metric_codes() {
  static const std::vector<std::string> codes = {
      "approved_plan",        "comm_activities",       "people_reached", "reports_on_time_pct",
      "active_groups",        "services_delivered",    "people_supported", "businesses_operating",
      "business_coverage_pct", "violations",           "repeat_violators", "prostitution_violations"};
  return codes;
}

std::map<std::string, EvidenceValue> classification_evidence(soci::session&, const Hierarchy&, long long, int) {
  std::map<std::string, EvidenceValue> out;
  for (const auto& m : evidence_metric_codes()) out[m] = EvidenceValue{m, std::nullopt, m, m, "", "", {}, 0};
  return out;
}

nlohmann::json evidence_json(const EvidenceValue& v) {
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& x : v.sources)
    sources.push_back({{"kind", x.kind}, {"id", x.id}, {"code", x.code}, {"title", x.title}, {"date", x.date}});
  return {{"metric", v.metric},
          {"value", v.value ? nlohmann::json(*v.value) : nlohmann::json(nullptr)},
          {"labelVi", v.label_vi},
          {"labelEn", v.label_en},
          {"unitVi", v.unit_vi},
          {"unitEn", v.unit_en},
          {"sources", sources},
          {"sourcesTotal", v.sources_total}};
}

}  // namespace longghep
