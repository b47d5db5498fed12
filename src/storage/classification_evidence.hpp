// Evidence for commune classification (issue 18 §2): what the registers hold about one commune in
// one year, as metric values the criteria's evidence rules turn into suggested scores
// (domain/classification.hpp). Counts and lists of records only; never a person: people supported
// appear as counts, never as records or codes. docs/api-classification.md "Evidence".
#pragma once
#include <soci/soci.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/hierarchy.hpp"

namespace longghep {

// A record behind a figure (an activity, an inspection, a report, a club), to open from the screen.
struct EvidenceSource {
  std::string kind;   // "activity" | "inspection" | "report" | "group" | "plan"
  long long id = 0;
  std::string code;   // the record's code where it has one
  std::string title;  // what the screen shows
  std::string date;   // YYYY-MM-DD
};

struct EvidenceValue {
  std::string metric;
  std::optional<double> value;       // nullopt: no data to judge (e.g. no operating business)
  std::string label_vi, label_en;    // what was counted, in words
  std::string unit_vi, unit_en;      // "hoạt động"/"activities", "%", …
  std::vector<EvidenceSource> sources;  // at most 20, newest first
  long long sources_total = 0;          // how many records are behind the figure
};

// The metric codes the criteria sets may name (same list as classification::known_metrics()).
const std::vector<std::string>& evidence_metric_codes();

// Metric values for the commune `commune_unit_id` (the unit version valid on 31/12 of `year`) over
// 01/01–31/12 of `year`, counting the data recorded during the year on the commune and on its
// predecessors (lineage, transitively; partial splits included and flagged in the label).
std::map<std::string, EvidenceValue> classification_evidence(soci::session& s, const Hierarchy& h,
                                                             long long commune_unit_id, int year);

nlohmann::json evidence_json(const EvidenceValue& v);  // the wire form (docs/api-classification.md)

}  // namespace longghep
