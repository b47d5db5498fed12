// Figures of service businesses and their inspections (issue 17 §5, docs/api-inspections.md
// "Figures"), as pure rules: what counts, how coverage, violations per 100 inspections and repeat
// violators are computed. No I/O: the facts are read by storage/inspection_figures.hpp, which
// gives only those of the caller's scope (and of the unit's subtree, merges carried by lineage).
//
//   auto f = compute_figures(businesses, inspections, 2026);
//   f.coverage_pct;          // 75    (3 of 4 operating businesses inspected in 2026)
//   f.violations_per_100;    // 66.7  (2 violations in 3 final inspections)
//
// Rules:
//  - only **final** inspections count (a draft record is not yet an inspection), by the day of
//    the inspection within the year;
//  - coverage % = operating businesses with ≥ 1 final inspection in the year ÷ operating
//    businesses × 100, rounded half away from zero to 0.1; no operating business: no value;
//  - violations per 100 inspections = violations ÷ final inspections × 100 (0.1); none: no value;
//  - a repeat violator is a business with violations in ≥ 2 final inspections of the year;
//  - fines are the sum of the final inspections' fine totals (VND);
//  - outreach counts are sums (informed, health checked, referred): counts, never people.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"

namespace longghep::inspection_figures {

// A registered business: its current status and type, and its commune (a unit version id).
struct BusinessFact {
  long long id = 0;
  long long unit_id = 0;
  std::string type_code, status;  // status: operating | suspended | closed
};

// An inspection record with what the figures need of it.
struct InspectionFact {
  long long id = 0;
  long long business_id = 0;
  long long unit_id = 0;   // the record's commune (unit version id, copied from the business)
  Date day = Date::min();  // inspected_on
  bool final = false;
  bool unannounced = false;
  long long violations = 0;
  long long fines = 0;  // fine_total, VND
  long long informed = 0, health_checked = 0, referred = 0;
};

// Coverage % (0.1): inspected ÷ operating × 100; nullopt when there is no operating business.
std::optional<double> coverage_pct(long long inspected, long long operating);
// Violations per 100 final inspections (0.1); nullopt without an inspection.
std::optional<double> per_100(long long violations, long long inspections);
// Businesses with violations in ≥ 2 final inspections dated within `year` (or [from, to]).
long long repeat_violators(const std::vector<InspectionFact>& inspections, int year);
long long repeat_violators(const std::vector<InspectionFact>& inspections, Date from, Date to);

struct Figures {
  long long businesses = 0, operating = 0, suspended = 0, closed = 0;
  std::map<std::string, std::map<std::string, long long>> by_type_status;  // type → status → count
  long long inspections = 0, unannounced = 0;
  long long inspected = 0;  // operating businesses with ≥ 1 final inspection in the year
  std::optional<double> coverage_pct;
  long long violations = 0;
  std::optional<double> violations_per_100;
  long long repeat_violators = 0;
  long long fines = 0;
  long long informed = 0, health_checked = 0, referred = 0;
};

// The figures of a year over facts already restricted to one place (scope and subtree).
// Businesses are counted by their current status; inspections by their day within the year.
Figures compute_figures(const std::vector<BusinessFact>& businesses, const std::vector<InspectionFact>& inspections,
                        int year);
// The same over a span [from, to] (a report period): coverage and repeat violators over the span.
Figures compute_figures(const std::vector<BusinessFact>& businesses, const std::vector<InspectionFact>& inspections,
                        Date from, Date to);

// The figures per key of a unit (e.g. today's commune of each fact's unit version): facts whose
// key is nullopt are left out. An inspection of a business counts towards the business's key for
// coverage (the business's commune), and towards its own key for the other inspection figures.
using UnitKeyer = std::function<std::optional<std::string>(long long unit_id)>;
std::map<std::string, Figures> figures_by_unit(const std::vector<BusinessFact>& businesses,
                                               const std::vector<InspectionFact>& inspections, int year,
                                               const UnitKeyer& key);

// The value of a named figure (the measures of indicator terms and report elements):
// businesses, businesses_operating, inspections, inspections_unannounced, businesses_inspected,
// violations, repeat_violators, fines, outreach_informed, outreach_health_checked,
// outreach_referred; coverage_pct and violations_per_100 (nullopt without a value).
// Unknown names: nullopt.
std::optional<double> figure_value(const Figures& f, const std::string& name);
// Every name figure_value knows, the counts first.
const std::vector<std::string>& figure_names();
// Whether `name` is a count (summable over units) rather than a ratio.
bool is_count(const std::string& name);

}  // namespace longghep::inspection_figures
