// Integration plans (guidance 221 §5.2) with their three sections — beneficiaries (target group
// → programme), activities (the inter-agency coordination plan) and resources (budget lines by
// funding source, §4.3) — their versions and their approval history.
//
// A plan is one row per version; the versions of one plan share root_id (the id of version 1).
// Content is written only while the status allows it (PlanWorkflow); every write and transition
// is audited in the caller's transaction, and every transition is kept in plan_transitions.
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/hierarchy.hpp"
#include "domain/plan_workflow.hpp"
#include "storage/audit.hpp"

namespace longghep {

struct PlanBeneficiary {
  std::string target_group;
  long long programme_id = 0;
  std::optional<long long> planned_count;
  std::string note;
};

// One line of a planned activity's budget (issue 19): by funding source and host programme.
struct ActivityBudgetLine {
  std::string funding_source;
  long long programme_id = 0;  // 0 = not from another programme
  long long amount = 0;        // VND, 0 … 10^15
};

struct PlanActivity {
  long long id = 0;  // when read; activities (§5.3) of an approved plan link to it
  std::string intervention_type, target_group;  // target_group optional
  long long programme_id = 0;                    // optional
  std::string description;
  std::optional<long long> planned_quantity;
  std::string quantity_unit;
  std::optional<Date> start, end;
  long long location_unit_id = 0;  // optional
  long long lead_agency_id = 0;
  std::vector<long long> partner_agency_ids;
  std::vector<ActivityBudgetLine> budget;  // issue 19: ≤ 20 lines, one per (source, programme)
};

struct PlanBudgetLine {
  std::string funding_source;
  int year = 0;
  long long amount = 0;       // VND, >= 0
  long long programme_id = 0;  // optional: the programme whose funds are integrated
  std::string note;
};

struct PlanContent {
  std::string title, note;
  std::vector<PlanBeneficiary> beneficiaries;
  std::vector<PlanActivity> activities;
  std::vector<PlanBudgetLine> budget;
};

struct PlanRow {
  long long id = 0, root_id = 0, org_unit_id = 0, agency_id = 0, submitted_by = 0, version = 0;
  int plan_version = 1, year = 0;
  std::string title, note, created_at, updated_at;
  PlanStatus status = PlanStatus::draft;
  PlanDecision decision;  // empty until approved (and on plans approved before migration 0020)
};

// True when any activity carries a budget: the plan's `budget` is then derived from them.
bool budget_by_activity(const PlanContent& c);
// The plan's budget lines derived from its activities (sum by source and programme, year = `year`).
std::vector<PlanBudgetLine> derived_budget(const PlanContent& c, int year);

// Taxonomy codes exist, amounts and counts are not negative, dates are ordered, programmes are of
// a unit in `scope`. Throws validation_failed naming the field, e.g. "activities[2].endDate".
void validate_plan_content(soci::session& s, const PlanContent& c, const Scope& scope);

// Creates version 1 in draft; 409 conflict (field "year") when the unit/agency/year has a plan.
long long create_plan(soci::session& s, long long org_unit_id, long long agency_id, int year, const PlanContent& c,
                      const Actor& actor, const std::string& key = "");
// Replaces the content; 409 plan_locked unless draft/returned, 409 conflict on a stale version.
void update_plan(soci::session& s, long long id, long long version, const PlanContent& c, const Actor& actor);
// submit / approve / return: checks the workflow, records history and audit; approving version n
// supersedes the older approved versions. Returns the new status.
// An approval records `decision` (the caller has validated it) on the plan in the same statement.
PlanStatus transition_plan(soci::session& s, long long id, PlanAction action, const std::string& comment,
                           const Actor& actor, const PlanDecision* decision = nullptr);
// Corrects the decision of an approved plan: 409 invalid_transition unless approved, 409 conflict
// on a stale version; audited (before/after), recorded in the history as "decision".
void update_plan_decision(soci::session& s, long long id, long long version, const PlanDecision& d, const Actor& actor);
// {"body","number","date"} of a plan's decision, or null when it has none.
nlohmann::json decision_json(const PlanDecision& d);
// Copies an approved plan (the latest version) to version n+1 in draft; returns the new id.
long long new_plan_version(soci::session& s, long long id, const Actor& actor);

std::optional<PlanRow> get_plan_row(soci::session& s, long long id);
// The plans of `ids` that exist, in that order, in one statement.
std::vector<PlanRow> plan_rows(soci::session& s, const std::vector<long long>& ids);
// plan_summary_json of each row, with two statements for them all.
std::vector<nlohmann::json> plan_summaries(soci::session& s, const Hierarchy& h, const std::vector<PlanRow>& rows);
nlohmann::json plan_json(soci::session& s, const Hierarchy& h, const PlanRow& p);  // full content
nlohmann::json plan_summary_json(soci::session& s, const Hierarchy& h, const PlanRow& p);
nlohmann::json plan_history(soci::session& s, long long root_id);   // {items:[…]} of every version
nlohmann::json plan_versions(soci::session& s, const Hierarchy& h, long long root_id);
bool is_latest_version(soci::session& s, const PlanRow& p);

struct PlanFilter {
  const Scope* scope = nullptr;   // the caller's scope (required)
  long long only_agency = 0;      // non-zero: only plans of this agency
  long long org_unit_id = 0, agency_id = 0;
  int year = 0;
  std::string status, q;
  bool latest_only = true;        // only the latest version of each plan
  int page = 1, page_size = 50;
  std::string sort = "-year";     // year, -year, title, -title, updatedAt, -updatedAt
};
// {items:[summary…], total, page, pageSize}
nlohmann::json list_plans(soci::session& s, const Hierarchy& h, const PlanFilter& f);
// Every submitted plan in `scope` (for the approver's inbox; the caller filters by rule).
std::vector<PlanRow> submitted_plans(soci::session& s, const Scope& scope);
// When the plan was last submitted (ISO 8601 UTC, from its history); empty if never.
std::string plan_submitted_at(soci::session& s, long long plan_id);

// The approved plans of year `year` of each unit of `unit_ids` (in that order of units, then by id).
std::vector<PlanRow> approved_plans_of(soci::session& s, const std::vector<long long>& unit_ids, int year);

std::vector<ApprovalRule> load_approval_rules(soci::session& s);

// The plan of a stable key (the demo's), if any.
std::optional<long long> plan_id_by_key(soci::session& s, const std::string& key);

}  // namespace longghep
