// The approval workflow of an integration plan (guidance 221 §5.2: "trình cấp có thẩm quyền
// phê duyệt"), as pure logic.
//
//   draft ──submit──▶ submitted ──approve──▶ approved ──(a newer version approved)──▶ superseded
//                       │   ▲                   │
//                    return  resubmit       new_version: a copy as version n+1, in draft
//                       ▼   │
//                     returned (comment required; editable)
//
// Invariants: only draft and returned plans can be edited; approved and superseded plans are
// locked forever (a change is a new version); a return always carries a comment. Who may take
// an action (permissions, approval rules, "not the submitter") is decided by PlanAccess below;
// whether the action is legal in the current status is decided by PlanWorkflow.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/error.hpp"

namespace longghep {

enum class PlanStatus { draft, submitted, returned, approved, superseded };
enum class PlanAction { edit, submit, approve, return_, new_version, supersede };

std::string to_string(PlanStatus s);
std::string to_string(PlanAction a);  // "return" for return_
std::optional<PlanStatus> parse_plan_status(std::string_view s);
std::optional<PlanAction> parse_plan_action(std::string_view s);
std::string status_name_vi(PlanStatus s);  // "dự thảo", "chờ phê duyệt", …

class PlanWorkflow {
 public:
  static constexpr PlanStatus kAllStatuses[] = {PlanStatus::draft, PlanStatus::submitted, PlanStatus::returned,
                                                PlanStatus::approved, PlanStatus::superseded};
  static constexpr PlanAction kAllActions[] = {PlanAction::edit, PlanAction::submit, PlanAction::approve,
                                               PlanAction::return_, PlanAction::new_version, PlanAction::supersede};

  // The status after `a` on a plan in status `s`; nullopt when the action is illegal.
  // edit keeps the status; new_version keeps the status of the source (the copy starts in draft).
  static std::optional<PlanStatus> next(PlanStatus s, PlanAction a);
  static bool editable(PlanStatus s) { return s == PlanStatus::draft || s == PlanStatus::returned; }
  // Like next(), but throws Error 409: `plan_locked` for an edit of a locked plan, else
  // `invalid_transition` naming both statuses.
  static PlanStatus apply(PlanStatus s, PlanAction a);
  // The history label of a submit: "resubmit" when the plan comes back after a return.
  static std::string history_action(PlanStatus from, PlanAction a);
  // Throws validation_failed (field "comment") when a return has no comment.
  static void require_comment(PlanAction a, const std::string& comment);
};

// The approval decision of a plan (§5.2 "trình cấp có thẩm quyền phê duyệt"): the approving body
// ("UBND tỉnh Gia Lai"), the decision's number ("123/QĐ-UBND") and its date.
struct PlanDecision {
  std::string body, number;
  std::optional<Date> date;
};
constexpr size_t kDecisionBodyMax = 255, kDecisionNumberMax = 64;
// Every fault of a decision, as validation issues: body and number required and clean (body at
// most 255, number at most 64 characters), the date required, not after `today` and not before
// the day the plan was submitted (`submitted_on`, when known). Empty when the decision is sound.
std::vector<FieldIssue> plan_decision_issues(const PlanDecision& d, Date today, std::optional<Date> submitted_on);

// Assessment of integration potential (§5.1 đ): high / medium / low / none.
bool is_potential(std::string_view s);

// One row of table approval_rules.
struct ApprovalRule {
  std::string plan_unit_kind, approver_role, approver_unit_kind;
};

// Facts about the caller that plan decisions need (derived from Principal by the caller).
struct PlanActor {
  long long user_id = 0;
  long long agency_id = 0;
  std::set<std::string> roles;
  std::set<std::string> permissions;
  std::string home_unit_kind;
  bool plan_unit_in_scope = false;  // Access::can_see_unit(principal, plan.org_unit_id)
  long long created_by = 0;         // who created the caller's account (TwoPersonRule)
  std::string created_at;           // when (ISO 8601 UTC)
};

class PlanAccess {
 public:
  // A plan (or programme) of `agency_id` at a unit in scope is visible to holders of plans.read
  // (programmes.read) who either hold plans.all_agencies or belong to that agency.
  static bool can_see(const PlanActor& a, std::string_view read_permission, long long record_agency_id);
  // The caller may approve or return a plan of a unit of kind `plan_unit_kind`, submitted by
  // `submitted_by`, when: it holds plans.approve; some rule names one of its roles, the kind of
  // its home unit and the plan's unit kind; the plan's unit is in its scope; it is not the submitter;
  // its account was neither created by the submitter nor after `submitted_at` (TwoPersonRule).
  static bool can_decide(const PlanActor& a, const std::vector<ApprovalRule>& rules,
                         const std::string& plan_unit_kind, long long submitted_by, const std::string& submitted_at = "");
  // Throws a 403 Error saying why can_decide is false.
  static void require_decide(const PlanActor& a, const std::vector<ApprovalRule>& rules,
                             const std::string& plan_unit_kind, long long submitted_by, const std::string& submitted_at = "");
};

}  // namespace longghep
