// Reading the amounts of money through its stages (issue 19, docs/api-money.md §4–5): what was
// planned, allocated and spent in a unit's subtree for a year, the results of the activities for
// the cost per result, and the allocated figure of report elements. The arithmetic is pure:
// domain/money_figures.hpp.
//
// The subtree is a Scope of unit versions (Hierarchy::scope_of: every version linked into it by a
// lineage event), so a former unit's plans, decisions and activities count for its successor, as
// the analytics engine and the report computations count them.
#pragma once
#include <soci/soci.h>

#include <map>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/hierarchy.hpp"
#include "domain/money_figures.hpp"
#include "storage/reports.hpp"

namespace longghep {

// Planned: the budgets of the planned activities of the approved (latest) plans of `year` held by
// units of `units`; a plan none of whose activities carries a budget counts its whole-plan lines
// (plan_budget_lines of that year, budgetBasis "plan"; plan_activity_id 0).
// Allocated: the lines of issued decisions of `year` (their budget year) received by units of
// `units`, and of their issued amendments (signed).
// Spent: the costs of the activities of `units` started in `year`; the programme of a cost is the
// programme of the plan activity it carries out, else the activity's programme when it has exactly
// one, else none.
std::vector<money_figures::Line> load_money_lines(soci::session& s, const Scope& units, int year);

// One activity of `units` started in `year`, with its results.
struct ResultFact {
  long long activity_id = 0, unit_id = 0;
  std::string intervention_type;
  long long spent = 0, output_quantity = 0;
  std::map<std::string, long long> reached;  // by target group
};
std::vector<ResultFact> load_result_facts(soci::session& s, const Scope& units, int year);

// The allocated figures of the form's computed elements of measure 'allocated': Σ lines of issued
// decisions (and issued amendments) dated within [from, to], received by units of `units`, of the
// element's funding group / source. `lead_agency` ≠ 0: only decisions to that agency; each of
// `except_agencies`: not decisions to it.
std::map<std::string, long long> compute_allocated_values(soci::session& s, const ReportForm& form, const Scope& units,
                                                          Date from, Date to, long long lead_agency = 0,
                                                          const std::vector<long long>& except_agencies = {});

// What issued decisions (and their issued amendments) allocated to a plan, by funding source: the
// decisions naming any version of the plan (same unit, agency and year).
std::map<std::string, long long> allocated_to_plan(soci::session& s, long long plan_id);

// Labels of codes and ids a figure names.
struct MoneyLabels {
  struct Label { std::string vi, en, group; int sort = 0; };
  std::map<std::string, Label> sources, types, target_groups;
  std::map<long long, std::string> programmes, plan_activities;
};
MoneyLabels load_money_labels(soci::session& s, const std::vector<long long>& programme_ids,
                              const std::vector<long long>& plan_activity_ids);

}  // namespace longghep
