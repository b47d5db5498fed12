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
  Date from = Date::min(), to = Date::max();
  long long lead_agency = 0;
  std::vector<long long> except_agencies;
};
std::vector<std::map<std::string, long long>> compute_values_engine_many(AnalyticsIndex& index, const ReportForm& form,
                                                                         const std::vector<ValuesRequest>& requests);

// The figures values_of adds beside the engine's, for every request at once (issue 20 item 5): the
// allocated money (as compute_allocated_values), and for a unit's request (lead_agency 0) the
// case elements (compute_case_values, consent as of `consent_on`) and the inspection figures
// (compute_inspection_values) — each table read once for the union of the scopes and spans, then
// split per request with the same predicates, instead of a few statements per unit below.
// out[i] holds exactly the keys and values those functions give for request i.
std::vector<std::map<std::string, long long>> compute_sql_values_many(soci::session& s, const ReportForm& form,
                                                                      const std::vector<ValuesRequest>& requests, Date consent_on);

}  // namespace longghep
