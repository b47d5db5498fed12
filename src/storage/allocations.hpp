// Allocation decisions (issue 19, docs/api-money.md §2–3): decisions granting money to a unit by
// source and programme, optionally for a plan and its activities; amendments as new dated decisions
// with signed lines. Rules in domain/money.hpp; who may call what in http/routes_allocations.cpp.
// Every change is audited in the caller's transaction (entity allocation_decision, before/after).
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/hierarchy.hpp"
#include "domain/money.hpp"
#include "storage/audit.hpp"

namespace longghep {

struct AllocationHead {
  long long id = 0, org_unit_id = 0, agency_id = 0, plan_id = 0, amends_id = 0, version = 0;
  int year = 0;
  std::string status, issuing_body, number, decision_date, note;
};
std::optional<AllocationHead> get_allocation_head(soci::session& s, long long id);

// A decision as written (validated by the caller).
struct AllocationWrite {
  long long org_unit_id = 0, agency_id = 0, plan_id = 0, amends_id = 0;
  money::DecisionInput in;
};

// The lines of a decision as typed, for the amendment rule.
std::vector<money::LineInput> allocation_lines_of(soci::session& s, long long decision_id);
// The original's lines plus its issued amendments (other than `except`), by key.
std::map<money::LineKey, long long> allocation_current_totals(soci::session& s, long long original_id, long long except = 0);

// 409 conflict field number when (issuingBody, number, decisionDate) is taken by another decision.
long long create_allocation(soci::session& s, const AllocationWrite& w, const Actor& actor);
void update_allocation(soci::session& s, long long id, long long version, const AllocationWrite& w, const Actor& actor);
void delete_allocation(soci::session& s, long long id, const Actor& actor);
void issue_allocation(soci::session& s, long long id, long long version, const Actor& actor);

// The wire form; `may_write`: the caller holds money.allocate (narrows `can`).
nlohmann::json allocation_json(soci::session& s, const Hierarchy& h, long long id, bool may_write, bool with_lines = true);

struct AllocationFilter {
  const Scope* units = nullptr;  // the receivers searched (nullptr: every unit)
  std::optional<int> year;
  long long plan_id = 0;
  std::string status, q;
  int page = 1, page_size = 50;
};
nlohmann::json list_allocations(soci::session& s, const Hierarchy& h, const AllocationFilter& f, bool may_write);

// ----- spending against allocation (§3) -----
// The over-allocation warnings of these plan activities (planned from plan_activity_budget,
// allocated from counted decision lines, spent from the costs of the linked activities).
nlohmann::json money_warnings_for(soci::session& s, const std::vector<long long>& plan_activity_ids);
// The plan activities of the plans of `units` for `year` (any version) that carry allocation lines.
std::vector<long long> plan_activities_with_allocation(soci::session& s, const Scope& units, int year);

}  // namespace longghep
