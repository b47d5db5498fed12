// The yearly evaluation of an approved integration plan (guidance 221 §5.4): for each activity of
// the plan, what was planned against what the activities recorded under it (§5.3) achieved; the
// people planned per target group against the people reached; the budget planned per funding
// source against what was spent; the cost per person reached; and the unit's activities of the
// year that were not in the plan ("ngoài kế hoạch"). Pure: the plan and the recorded activities
// are passed in; nothing is read or written here.
//
//   EvaluationInput in{2026, plan_activities, beneficiaries, budget_lines, recorded};
//   Evaluation e = evaluate_plan(in);
//   e.activities[0].status;          // CompletionStatus::partly
//   e.cost_per_person;               // std::nullopt when nobody was reached
//
// Rules (each tested in tests/unit/evaluation_test.cpp):
// - An activity counts in the year it starts in (as in the periodic reports). A linked activity
//   starting outside the plan's year is left out of every figure and listed in `outside_year`.
// - What a plan activity's planned quantity counts depends on its unit (`measure_for`): people
//   ("người", "lượt người", "học viên"…), an output kind ("chiếc" → condoms, "tờ" → leaflets,
//   "bài" / "tin" → press articles, "buổi" → sessions, an activity recording no sessions counting
//   as one), otherwise the number of activities held ("đợt", "kỳ", "lớp", "cuộc", none…).
// - Percentages are kept in tenths of a percent, rounded half up, computed in integers; a
//   percentage of a zero or absent target is absent, never infinite.
// - The planned budget of a source is the sum of the plan's budget lines of the plan's year (a
//   line for another year is not this year's money); spent is what the linked activities of the
//   year cost from that source. Unplanned activities are reported apart, never in the execution.
// - Status of a plan activity with a target: not started (0 achieved), partly (< target), done
//   (= target), over (> target). Without a target (none or 0): done once one activity is held.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"

namespace longghep {

struct PlannedActivity {
  long long id = 0;
  std::string intervention_type, target_group, description, quantity_unit;
  std::optional<long long> planned_quantity;
};

struct PlannedBeneficiaries {
  std::string target_group;
  std::optional<long long> planned_count;
};

struct PlannedBudget {
  std::string funding_source;
  int year = 0;
  long long amount = 0;  // VND
};

// A recorded activity as the evaluation sees it. plan_activity_id 0 = not linked to this plan.
struct RecordedActivity {
  long long id = 0, plan_activity_id = 0;
  std::string title;
  Date start = Date::min(), end = Date::min();
  std::map<std::string, long long> reach;    // target group → people
  std::map<std::string, long long> outputs;  // output kind → quantity
  std::map<std::string, long long> costs;    // funding source → VND
  long long reached() const;
  long long spent() const;
};

struct EvaluationInput {
  int year = 0;
  std::vector<PlannedActivity> activities;
  std::vector<PlannedBeneficiaries> beneficiaries;
  std::vector<PlannedBudget> budget;
  std::vector<RecordedActivity> recorded;  // linked to the plan's activities, and the unplanned
};

enum class CompletionStatus { not_started, partly, done, over };
std::string to_string(CompletionStatus s);    // not_started | partly | done | over
std::string status_name_vi(CompletionStatus s);  // "Chưa thực hiện", "Đang thực hiện", …

// What the planned quantity of a plan activity counts.
struct Measure {
  enum Kind { activities, people, output } kind = activities;
  std::string output_kind;  // for Kind::output
};
Measure measure_for(const std::string& quantity_unit);
std::string to_string(const Measure& m);  // activities | people | output:<kind>

// round(100 * part / whole) in tenths of a percent (855 = 85,5%), half up; nullopt when whole <= 0.
// REQUIRES: part >= 0.
std::optional<long long> percent_tenths(long long part, long long whole);
// round(num / den), half up; nullopt when den <= 0. REQUIRES: num >= 0.
std::optional<long long> divide_rounded(long long num, long long den);
// The status of `achieved` against an optional target (see the rules above); `held` = activities.
CompletionStatus completion_status(long long achieved, std::optional<long long> target, long long held);

struct ActivityEvaluation {
  PlannedActivity planned;
  Measure measure;
  long long achieved = 0;  // in the measure
  long long held = 0;      // linked activities of the year
  long long reached = 0, spent = 0;
  std::map<std::string, long long> outputs;
  std::optional<long long> completion_tenths, cost_per_person;
  CompletionStatus status = CompletionStatus::not_started;
  std::vector<long long> linked;  // ids of the linked activities of the year, by start date
};

struct BeneficiaryEvaluation {
  std::string target_group;
  std::optional<long long> planned;  // sum over the plan's rows of the group; nullopt if none gives a count
  long long reached = 0;
  std::optional<long long> completion_tenths;
  CompletionStatus status = CompletionStatus::not_started;
};

struct BudgetExecution {
  std::string funding_source;
  long long planned = 0, spent = 0;
  std::optional<long long> execution_tenths;
};

struct EvaluationTotals {
  long long planned_activities = 0, held = 0, reached = 0, spent = 0, planned_budget = 0;
  std::optional<long long> budget_execution_tenths;
  std::map<CompletionStatus, long long> by_status;  // every status present, 0 when none
  long long unplanned_count = 0, unplanned_reached = 0, unplanned_spent = 0;
};

struct Evaluation {
  std::vector<ActivityEvaluation> activities;      // in plan order
  std::vector<BeneficiaryEvaluation> beneficiaries;  // in plan order, one per target group
  std::vector<BudgetExecution> budget;  // planned sources in plan order, then sources only spent (by code)
  std::vector<RecordedActivity> unplanned;  // of the year, by start date
  std::vector<long long> outside_year;       // linked activities starting outside the year
  EvaluationTotals totals;
  std::optional<long long> cost_per_person;  // spent ÷ reached over the linked activities of the year
};

Evaluation evaluate_plan(const EvaluationInput& in);

}  // namespace longghep
