// Reading the facts of the business and inspection figures (issue 17 §5, docs/api-inspections.md
// "Figures"): the businesses and the inspection records of a set of unit versions (a scope: the
// caller's, narrowed to a unit's subtree with the units merged into it through lineage). The rules
// (what counts, coverage, per 100, repeat violators) are pure: domain/inspection_figures.hpp.
#pragma once
#include <soci/soci.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/hierarchy.hpp"
#include "domain/inspection_figures.hpp"
#include "storage/reports.hpp"

namespace longghep {

// The businesses whose commune is in `scope` (everything when all()).
std::vector<inspection_figures::BusinessFact> load_business_facts(soci::session& s, const Scope& scope);
// The inspection records (final and draft; the rules count the final ones) of the communes in
// `scope` inspected within [from, to], with their violation counts.
std::vector<inspection_figures::InspectionFact> load_inspection_facts(soci::session& s, const Scope& scope, Date from,
                                                                      Date to);
// Both, and the figures of `year`, for `scope`.
inspection_figures::Figures figures_of(soci::session& s, const Scope& scope, int year);

// The active inspection plan of `year` nearest to `unit` (the unit itself, else its nearest
// ancestor as of `on` with one): its id, title, unit and coverage target. nullopt when none.
struct PlanTarget {
  long long id = 0;
  std::string title;
  long long org_unit_id = 0;
  std::optional<double> coverage_target_pct;
  std::optional<long long> unannounced_target;
};
std::optional<PlanTarget> active_plan_target(soci::session& s, const Hierarchy& h, const OrgUnit& unit, int year, Date on);

// Business types: code → (vi, en, sort order), for labels.
struct BusinessTypeLabel { std::string vi, en; int sort = 0; };
std::map<std::string, BusinessTypeLabel> load_business_type_labels(soci::session& s);

// ----- computed report elements (migration 0031) -----
// Whether a report element's measure is one of the inspection figures (`insp_<figure>`, e.g.
// insp_inspections, insp_violations, insp_fines, insp_coverage_pct).
bool is_inspection_measure(const std::string& measure);
// The inspection elements of a form over the businesses of `units` and their final inspections
// within [from, to] (coverage and repeat violators over the whole span). Report values are whole
// numbers that compilation adds up, so forms carry counts (coverage = insp_businesses_inspected ÷
// insp_businesses_operating); a ratio element would hold its value rounded to a whole number.
std::map<std::string, long long> compute_inspection_values(soci::session& s, const ReportForm& form, const Scope& units,
                                                           Date from, Date to);

}  // namespace longghep
