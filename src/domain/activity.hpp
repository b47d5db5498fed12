// An activity (hoạt động, guidance 221 §5.3): what was done, where, by which agencies, for whom
// (people reached by target group, by sex and age band), with what outputs and money — and the
// rules an input must satisfy. Pure: the codes, the hierarchy and the scope are passed in, so
// the same rules serve the form, the API and a million-row import.
//
//   ActivityRules rules = …;                       // taxonomy codes, today
//   auto issues = validate_activity(in, rules);    // empty = valid
//   const OrgUnit* u = resolve_activity_unit(h, scope, in, issues);
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/hierarchy.hpp"

namespace longghep {

struct ReachRow {
  std::string target_group;
  long long total = 0;
  std::optional<long long> female, male;
  std::map<std::string, long long> ages;  // age band code → people; empty = not disaggregated
};

struct OutputRow {
  std::string kind;
  long long quantity = 0;
};

struct CostRow {
  std::string funding_source;
  long long amount = 0;  // VND
};

struct ActivityInput {
  std::string key;  // stable identity for imports and the demo; empty for the form
  std::string title, intervention_type, org_unit_code, note;
  long long lead_agency_id = 0;
  std::vector<long long> partner_agency_ids, programme_ids;
  std::optional<long long> plan_activity_id;
  Date start = Date::min(), end = Date::min();
  std::vector<ReachRow> reach;
  std::vector<OutputRow> outputs;
  std::vector<CostRow> costs;

  long long reached_total() const;
  long long cost_total() const;
};

// What the rules need to know of the world: active taxonomy codes and today.
struct ActivityRules {
  std::set<std::string> intervention_types, target_groups, age_bands, output_kinds, funding_sources;
  Date today = Date::min();
  Date earliest = Date::from_ymd(2000, 1, 1);
};

inline constexpr long long kMaxCount = 1'000'000'000'000LL;  // 10^12: counts and VND amounts

// Every fault of `in` against the rules, fields named as in the API ("reach[1].female").
std::vector<FieldIssue> validate_activity(const ActivityInput& in, const ActivityRules& rules);

// The unit the activity is recorded on: `org_unit_code` resolved on the start date, inside
// `scope` and valid through the end date. Adds an issue on field orgUnitCode and returns nullptr
// otherwise.
const OrgUnit* resolve_activity_unit(const Hierarchy& h, const Scope& scope, const ActivityInput& in,
                                     std::vector<FieldIssue>& issues);

// A linked plan activity's plan year must contain both dates (issues on startDate/endDate).
void check_plan_year(const ActivityInput& in, int plan_year, std::vector<FieldIssue>& issues);
// Whether a plan of unit `plan_unit_id` covers an activity at `activity_unit` on `on`: the plan's
// unit is the activity's unit or one of its ancestors (district, province) on that day.
bool plan_unit_covers(const Hierarchy& h, const OrgUnit& activity_unit, long long plan_unit_id, Date on);

// Counts of people with optional sex split: female + male = total when both are given, each at
// most total when one is. Used by reach rows and by target-group surveys. `prefix` names the row.
void check_sex_split(const std::string& prefix, long long total, std::optional<long long> female,
                     std::optional<long long> male, std::vector<FieldIssue>& issues);

}  // namespace longghep
