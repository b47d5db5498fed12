// Indicators and targets in the database (tables indicators, indicator_targets; migration 0007),
// and the one evaluation of an indicator's formula over a unit's recorded data in a year — the
// entry point the dashboards and the yearly evaluation reuse. The rules (values, achievement,
// status colours) are pure: domain/indicators.hpp.
//
// Counting is over the unit's subtree as of the year: every version in Hierarchy::scope_of(unit)
// (its children at any time and the old units merged into it through the recorded lineage), so
// today's Hải Phòng in 2024 counts old Hải Phòng and old Hải Dương. Unit counts are of the units
// valid on the year's reference day (31/12, today in the current year, the unit's last day for a
// unit that ended within the year), each credited with the activities of its predecessors.
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/hierarchy.hpp"
#include "domain/indicators.hpp"
#include "storage/analytics_source.hpp"
#include "storage/audit.hpp"

namespace longghep {

std::vector<Indicator> load_indicators(soci::session& s);
std::optional<Indicator> load_indicator(soci::session& s, const std::string& code);
nlohmann::json indicator_json(const Indicator& i);

// The day whose hierarchy a year's unit counts are taken on, for `unit` (see above).
Date indicator_reference_day(const OrgUnit& unit, int year);

// Every active indicator evaluated for `unit` in `year`, in order:
// [{"code","name","nameEn","unit","percent","higherIsBetter","greenAt","amberAt","numerator",
//   "denominator","value","target","targetFrom","achievement","status"}]; value null when the
// denominator is 0, target the unit's own for the year or else the nearest one set above it
// (targetFrom names the unit that set it).
nlohmann::json evaluate_indicators(soci::session& s, const Hierarchy& h, const OrgUnit& unit, int year);

// evaluate_indicators for each of `units` (a scorecard's rows), equal to it unit by unit (issue 20
// item 5): with `engine`, the terms over activities (activities, reached, output, cost,
// units_with_activities, months_with, without a filter on another kind of line) of every unit
// are counted in one pass of the analytics engine (analytics/multi_scan.hpp), the other terms by
// SQL as before; nullptr: every term by SQL, unit by unit.
std::vector<nlohmann::json> evaluate_indicators_many(soci::session& s, const Hierarchy& h, const std::vector<const OrgUnit*>& units,
                                                     int year, AnalyticsIndex* engine);

// One formula term counted for `unit` in `year`, exactly as evaluate_indicators counts it.
double count_indicator_term(soci::session& s, const Hierarchy& h, const OrgUnit& unit, int year, const Term& t);

struct IndicatorTarget {
  long long id = 0, org_unit_id = 0;
  std::string indicator_code, updated_by, updated_at;
  int year = 0;
  double target = 0;
};
std::optional<IndicatorTarget> find_target(soci::session& s, const std::string& indicator, long long unit_id, int year);
// The targets set at `unit_id` (year 0 = every year), by year then indicator position.
std::vector<IndicatorTarget> targets_of(soci::session& s, long long unit_id, int year);
nlohmann::json target_json(const IndicatorTarget& t, const Hierarchy& h);
// Inserts or replaces the target; audited (create/update).
IndicatorTarget set_target(soci::session& s, const std::string& indicator, long long unit_id, int year, double target,
                           const Actor& actor);
// false when there was none; audited.
bool delete_target(soci::session& s, const std::string& indicator, long long unit_id, int year, const Actor& actor);

// The seeds' targets (indicator_default_targets, by unit code) for the units that exist and have
// none yet; returns how many were added. The demo calls it after loading its units.
int apply_default_targets(soci::session& s, const Hierarchy& h, const Actor& actor);

}  // namespace longghep
