// Reading the facts of the case statistics (issue 16 §3–4, docs/api-cases.md "Statistics"): one
// CaseFact per service delivered (or referral sent) in a span, of the records in a scope whose
// consent to the `statistics` purpose is in force on the computation day. The rules (consent at a
// date, counting, suppression) are pure: analytics/case_stats.hpp.
#pragma once
#include <soci/soci.h>

#include <vector>

#include "analytics/case_stats.hpp"
#include "domain/hierarchy.hpp"
#include "storage/reports.hpp"

namespace longghep {

// kind: services (people and services measures) or referrals. `scope`: the record's residence
// unit version must be in it. `consent_on`: the day consent to statistics must be in force.
std::vector<analytics::CaseFact> load_case_facts(soci::session& s, analytics::CaseMeasure kind, const Scope& scope, Date from,
                                                 Date to, Date consent_on);

// Labels of the small dimensions of the case measures: code → (vi, en, sort).
struct CaseStatsCatalog {
  struct Entry { std::string vi, en; int sort = 0; };
  std::map<std::string, Entry> host_programmes, services, target_groups;
};
CaseStatsCatalog load_case_stats_catalog(soci::session& s);

// The case elements of a form (measure case_people / case_services).
std::vector<analytics::CaseElement> case_elements(const ReportForm& form);
// Their exact counts over the records residing in `units` with services delivered within
// [from, to], consenting to statistics on `consent_on` (the computation day: a report's figures
// are computed until it is submitted, then frozen). Exact: suppression is applied where the
// figures are shown (http/reports_case_stats.hpp), so that compilation adds exact figures up.
std::map<std::string, long long> compute_case_values(soci::session& s, const ReportForm& form, const Scope& units, Date from,
                                                     Date to, Date consent_on);

}  // namespace longghep
