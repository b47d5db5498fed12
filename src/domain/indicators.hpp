// Indicators (chỉ số) and their targets (chỉ tiêu), as pure rules: what a formula counts, how a
// result becomes a value, how a value against a target becomes an achievement and a colour.
//
//   Indicator i = ...;                       // "% of communes with ≥ 1 communication activity"
//   auto v = indicator_value(i, 57, 60);     // 95 (percent: 57 ÷ 60 × 100, rounded to 0.01)
//   auto a = achievement(i, v, 100);         // 95
//   status_of(i, a);                          // IndicatorStatus::amber (≥ 80, < 100)
//
// A formula is numerator ÷ denominator (× 100 for a percentage); each side is one Term over the
// recorded data of a unit's subtree in a year (counted by storage/indicators.cpp). A missing
// denominator means the numerator is the value (a count). A denominator of 0 gives no value —
// never a division by zero — and no value means the grey status.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace longghep {

// What a term counts. Filters left empty match anything.
enum class TermMeasure {
  activities,             // activities starting in the year
  reached,                // people reached (activity_reach.total)
  output,                 // sum of an output kind's quantity
  cost,                   // spending (activity_costs.amount)
  units,                  // units of kind `unit_kind` valid on the reference day
  units_with_activities,  // those of them with ≥ min_count matching activities in the year
  months_with,            // months of the year with ≥ min_count matching activities (or output)
  surveyed,               // surveyed count of a target group (target_group_surveys)
  report_element,         // an element's value summed over the year's accepted reports
  agencies,               // agencies valid in the year
  agencies_with_plan,     // of them, those with an approved integration plan for the year
  constant,               // a fixed number (e.g. 12 months)
  // people supported (issue 16, migration 0027): over the support records of the subtree that
  // consent to statistics on the computation day, with a service delivered in the year (through
  // `host_programme` when set); small counts (1..4) are suppressed where shown
  case_people,            // distinct people
  case_services,          // services delivered
  // service businesses and their inspections (issue 17 §5, domain/inspection_figures.hpp): over
  // the businesses of the subtree (current status; `business_type`, `business_status` filters) and
  // the FINAL inspection records of the year
  businesses,               // registered businesses (of a type / status when set)
  businesses_inspected,     // operating businesses with ≥ 1 final inspection in the year (coverage's numerator)
  inspections,              // final inspections in the year
  inspections_unannounced,  // of them, unannounced
  violations,               // violations recorded in them
  repeat_violators,         // businesses with violations in ≥ 2 of them
  fines,                    // sum of their fines (VND)
  outreach_informed, outreach_health_checked, outreach_referred,  // outreach counts
  // commune classification (issue 18 §5, domain/classification_figures.hpp): communes of the
  // subtree valid on the reference day with an APPROVED assessment of the year whose final class
  // is marked healthy in its criteria set
  communes_classified_healthy,
};

struct Term {
  TermMeasure measure = TermMeasure::activities;
  std::string intervention_group, intervention_type;  // §4.2 a/b/c/other, or a type code
  std::string target_group, target_group_group;       // a target-group code, or prevention/harm_reduction
  std::string output_kind;
  std::string funding_group, funding_source;
  std::string unit_kind;  // units, units_with_activities
  std::string agency_kind;  // agencies, agencies_with_plan
  std::string form, element;  // report_element
  std::string host_programme;  // case_people, case_services (programme_categories code; JSON "hostProgramme")
  std::string business_type, business_status;  // measures over businesses (JSON "businessType", "businessStatus")
  long long min_count = 1;    // units_with_activities, months_with
  double constant = 0;        // constant
  // Who recorded the activities that count (measures over activities only; JSON "recordedBy":
  // {"levels":["province"],"agencyKinds":["bao_chi"]}): an activity counts when the unit it was
  // recorded on is of one of `levels` or its lead agency is of one of `agency_kinds`; both empty:
  // every activity. Levels: kIndicatorLevels; agency kinds: kIndicatorAgencyKinds.
  std::vector<std::string> levels, agency_kinds;
};

// The org unit kinds and agency kinds a term may filter by (tables org_unit_kinds, agency_kinds).
inline const std::vector<std::string> kIndicatorLevels{"central", "province", "district", "commune"};
inline const std::vector<std::string> kIndicatorAgencyKinds{"bo", "cuc", "so", "ban", "nganh", "doan_the", "ubnd", "bao_chi"};
// Whether a measure counts activities (and so may filter by who recorded them).
bool over_activities(TermMeasure m);
// Whether a measure counts support records (small counts suppressed where shown).
bool over_cases(TermMeasure m);
// Whether a measure counts service businesses or their inspections (issue 17 §5).
bool over_businesses(TermMeasure m);
// The name of the figure (domain/inspection_figures.hpp figure_value) a business measure counts.
std::string figure_of(TermMeasure m);
// Small-cell suppression of a term's count: a count of support records of 1..4 is never shown
// (nor a value computed from it: the indicator is grey).
bool term_suppressed(const Term& t, double count);

std::string to_string(TermMeasure m);
std::optional<TermMeasure> term_measure_from(const std::string& s);

// A term from its JSON form ({"measure":"units_with_activities","unitKind":"commune",
// "interventionGroup":"a","minCount":1}); throws Error::Validation naming `field` (e.g.
// "numerator.measure") for an unknown measure or key, a missing required filter or a bad number.
Term parse_term(const nlohmann::json& j, const std::string& field);
nlohmann::json term_json(const Term& t);

enum class IndicatorStatus { grey, red, amber, green };
std::string to_string(IndicatorStatus s);

struct Indicator {
  std::string code, name_vi, name_en;
  std::string unit_label;  // unit of measure as shown: "%", "tháng", "cuộc"
  bool percent = false;    // value = numerator ÷ denominator × 100
  Term numerator;
  std::optional<Term> denominator;
  bool higher_is_better = true;
  double green_at = 100;  // achievement % from which the status is green …
  double amber_at = 80;   // … and amber; below: red
  int position = 0;
};

// Half away from zero to `decimals` places.
double round_to(double x, int decimals);

// The indicator's value from its counted terms: numerator, or numerator ÷ denominator (× 100 when
// a percentage), rounded to 0.01; nullopt when the denominator is 0.
std::optional<double> indicator_value(const Indicator& i, double numerator, std::optional<double> denominator);

// Achievement % of a value against its target, rounded to 0.1; nullopt without a value or target.
// Higher is better: value ÷ target × 100 (a target of 0 is met by any value: 100).
// Lower is better: target ÷ value × 100 (a value of 0 meets any target: 100; a value above a
// target of 0 achieves 0).
std::optional<double> achievement(const Indicator& i, std::optional<double> value, std::optional<double> target);

// green ≥ green_at, amber ≥ amber_at, red below, grey without an achievement.
IndicatorStatus status_of(const Indicator& i, std::optional<double> achievement);

// Thresholds and target bounds an indicator must keep; throws Error::Validation naming the field.
void validate_thresholds(double green_at, double amber_at);
// A target for `i`: 0–100 for a percentage, 0–10^12 otherwise; field "target".
void validate_target(const Indicator& i, double target);

}  // namespace longghep
