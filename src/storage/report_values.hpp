// The computed elements of a report form, counted by the analytics engine instead of SQL: the
// same definitions as compute_values (storage/reports.hpp) — the activities of the scope's unit
// versions starting within [from, to], filtered per element — answered from the in-memory fact
// store, so a national compile over millions of facts costs milliseconds (docs/BENCHMARKS.md).
// tests/api/reports.test.mjs checks both paths give the same figures (?via=sql on compile).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "domain/hierarchy.hpp"
#include "storage/analytics_source.hpp"
#include "storage/reports.hpp"

namespace longghep {

std::map<std::string, long long> compute_values_engine(AnalyticsIndex& index, const Hierarchy& h, const ReportForm& form,
                                                       const Scope& units, Date from, Date to, long long lead_agency = 0,
                                                       const std::vector<long long>& except_agencies = {});

// Many compute_values_engine at once (issue 20 item 5): every computed element for every request
// (a scope with its data span and agency filter), in one pass over each kind of fact line
// (analytics/multi_scan.hpp) instead of one scan per element and request. out[i] equals
// compute_values_engine(index, h, form, *requests[i].units, from, to, lead_agency, except_agencies).
struct ValuesRequest {
  const Scope* units = nullptr;
  Date from, to;
  long long lead_agency = 0;
  std::vector<long long> except_agencies;
};
std::vector<std::map<std::string, long long>> compute_values_engine_many(AnalyticsIndex& index, const ReportForm& form,
                                                                         const std::vector<ValuesRequest>& requests);

}  // namespace longghep
