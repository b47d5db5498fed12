// One pass for many answers (issue 20 item 5): every term of a report form (or of a set of
// indicators) for every scope of a compile or a scorecard, counted in ONE scan of each kind of
// fact line the terms use, instead of one evaluate() per term and scope. Pure: no I/O.
//
//   MultiQuery q;
//   q.terms  = {{Measure::reached}, {Measure::output, .output_kinds = {"sessions"}}, …};
//   q.scopes = {{&commune_a, from, to}, {&commune_b, from, to}, {&province_own, from, to, 0, {7}}, …};
//   auto v = evaluate_many(store, catalog, q);   // v[scope][term]
//
// Every cell equals what evaluate() answers for the PivotQuery of that term and scope without
// dimensions (measure, from/to, scope, only_agency, agencies, types, type_groups,
// target_group_groups, output_kinds, funding_sources): the same filters over the same columns,
// only the loop is shared (tests/unit/test_multi_scan.cpp compares both on a fixture).
// Scopes may overlap (a province's own unit and its whole subtree): a fact counts in each scope
// that holds its unit.
//
// Also for indicators (storage/indicator_scan.cpp): per-scope, per-month sums (months_with) and
// per-unit-version counts (units_with_activities), and a filter on who recorded the activity:
// the kind of its unit version (levels) or of its lead agency (agency kinds).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "analytics/fact_store.hpp"
#include "analytics/pivot.hpp"
#include "domain/hierarchy.hpp"

namespace longghep::analytics {

struct ScanTerm {
  // activities, reached, female, male, output, cost (others count nothing)
  Measure measure = Measure::activities;
  std::vector<std::string> types, type_groups, target_group_groups, output_kinds, funding_sources;
  // on reach lines (reached/female/male) only: the line's target group is one of these
  std::vector<std::string> target_groups;
  // Who recorded it (indicator terms): unit version kinds and lead agency kinds; both empty: all.
  std::vector<std::string> levels, agency_kinds;
  bool nothing = false;  // counts nothing (e.g. a funding group without a source)
  bool by_month = false;  // also per (scope, month): MultiResult::months
  bool by_unit = false;   // also per (scope, unit version code): MultiResult::units (count of lines)
};

struct ScanScope {
  const Scope* units = nullptr;  // nullptr or all(): every unit version
  Date from = Date::min(), to = Date::max();  // on the activity's start day, inclusive
  std::optional<long long> only_agency;       // as PivotQuery::only_agency
  std::vector<long long> agencies;            // as PivotQuery::agencies (empty: all)
};

struct MultiQuery {
  std::vector<ScanTerm> terms;
  std::vector<ScanScope> scopes;
  // Kinds of unit versions and of agencies (for ScanTerm::levels, agency_kinds): by id.
  const Hierarchy* hierarchy = nullptr;
  const std::vector<std::pair<long long, std::string>>* agency_kinds = nullptr;
};

struct MultiResult {
  size_t terms = 0;
  std::vector<long long> value;  // [scope * terms + term]
  long long at(size_t scope, size_t term) const { return value[scope * terms + term]; }
  // by_month terms: (scope, term) → sum per month key "YYYY-MM" (only months with lines)
  std::vector<std::vector<std::pair<std::string, long long>>> months;  // [scope * terms + term]
  // by_unit terms: (scope, term) → (unit version id, count of lines)
  std::vector<std::vector<std::pair<long long, long long>>> units;  // [scope * terms + term]
};

MultiResult evaluate_many(const FactStore& store, const Catalog& catalog, const MultiQuery& q);

}  // namespace longghep::analytics
