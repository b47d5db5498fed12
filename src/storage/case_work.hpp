// People supported (issue 16 §4–5, the case work): needs assessments, support plans and goals,
// follow-ups, reintegration outcome, closure and reopen. Free text that may hold a name (notes,
// goal text, reasons) is sealed with the record's sealing keys (security/sealing.hpp), the
// record's code + field name as associated data, and opened only to answer a reader of the
// record; the audit holds codes, levels, statuses and dates, never that text. Rules in
// domain/case_work.hpp; who may call what in http/routes_case_work.cpp. docs/api-cases.md "Case work".
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "domain/case_work.hpp"
#include "security/sealing.hpp"
#include "storage/audit.hpp"
#include "storage/cases.hpp"

namespace longghep {

// Everything of the case work of one record, notes opened (docs/api-cases.md "CaseWork").
nlohmann::json case_work_json(soci::session& s, const CaseRow& r, const security::Sealer& sealer, Date today);

struct AssessmentItem {
  std::string domain, level, note;
};
long long add_case_assessment(soci::session& s, const CaseRow& r, Date assessed_on, const std::vector<AssessmentItem>& items,
                              const security::Sealer& sealer, const Actor& actor);

struct GoalInput {
  std::string domain, text, status = "not_started";
  Date target_on = Date::min();
};
struct CasePlanRow {
  long long id = 0, case_id = 0, plan_no = 0, version = 0, created_by = 0, submitted_by = 0;
  std::string status, submitted_at;
};
std::optional<CasePlanRow> get_case_plan(soci::session& s, long long id);
// A new draft (the next version number); 409 plan_in_progress while another plan is a draft,
// submitted or returned.
long long create_case_plan(soci::session& s, const CaseRow& r, const std::vector<GoalInput>& goals,
                           const security::Sealer& sealer, const Actor& actor);
// Replaces the goals of a draft or returned plan (domain: edit); 409 on a stale version.
void update_case_plan(soci::session& s, const CaseRow& r, const CasePlanRow& p, long long version,
                      const std::vector<GoalInput>& goals, const security::Sealer& sealer, const Actor& actor);
// submit, approve (the previously approved plan becomes superseded) or return_ (with a reason).
// Who may decide is the caller's check.
void transition_case_plan(soci::session& s, const CaseRow& r, const CasePlanRow& p, case_work::PlanAction a, long long version,
                          const std::string& reason, const security::Sealer& sealer, const Actor& actor);

struct CaseFollowupRow {
  long long id = 0, case_id = 0, version = 0;
  std::string status;
};
std::optional<CaseFollowupRow> get_case_followup(soci::session& s, long long id);
long long add_case_followup(soci::session& s, const CaseRow& r, Date due_on, const std::string& purpose,
                            const security::Sealer& sealer, const Actor& actor);
void transition_case_followup(soci::session& s, const CaseRow& r, const CaseFollowupRow& f, case_work::FollowupAction a,
                              long long version, const std::string& note, Date today, const security::Sealer& sealer,
                              const Actor& actor);

struct OutcomeInput {
  std::string area, status;
  Date as_of = Date::min();
};
void put_case_outcome(soci::session& s, const CaseRow& r, const std::vector<OutcomeInput>& items, const Actor& actor);

// The record's closure state: its status and whether a closure request is pending.
case_work::ClosureState case_closure_state(soci::session& s, const CaseRow& r);
// request (reason code + note), approve (status closed, closed_on = today), reject (note),
// reopen (note; status open, closed_on cleared). The record's version moves on when its status does.
void act_case_closure(soci::session& s, const CaseRow& r, case_work::ClosureAction a, const std::string& reason_code,
                      const std::string& note, Date today, const security::Sealer& sealer, const Actor& actor);
// Who asked for the pending closure and when (ISO 8601 UTC); {0, ""} when none is pending.
std::pair<long long, std::string> case_closure_requester(soci::session& s, long long case_id);

}  // namespace longghep
