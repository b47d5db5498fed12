// People supported (issue 16 §4–5, the case work): needs assessment, support plan and its
// approval, follow-ups, reintegration outcome, closure and reopen. The pure rules, no I/O:
// storage/case_work applies them, http/routes_case_work decides who calls what.
// docs/api-cases.md "Case work".
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "domain/access.hpp"
#include "domain/date.hpp"

namespace longghep::case_work {

// ----- needs assessment -----
inline constexpr const char* kDomains[] = {"health", "safety", "housing", "income", "legal_papers", "family", "psychosocial"};
inline constexpr const char* kLevels[] = {"none", "low", "medium", "high"};
bool is_domain(std::string_view s);
bool is_level(std::string_view s);

// Free text next to a person (notes, goal text, reasons): sealed when stored; bounded here.
inline constexpr int kNoteMax = 1000;  // characters (code points)
// Trimmed; 400 validation_failed naming `field` when longer than kNoteMax characters, or empty
// when `required`.
std::string validate_note(std::string_view text, const std::string& field, bool required);

// ----- support plan -----
inline constexpr const char* kPlanStatuses[] = {"draft", "submitted", "approved", "returned", "superseded"};
inline constexpr const char* kGoalStatuses[] = {"not_started", "in_progress", "achieved", "dropped"};
inline constexpr int kGoalsMax = 20;
bool is_plan_status(std::string_view s);
bool is_goal_status(std::string_view s);
// edit: the author changes the goals (draft, returned → draft); submit: draft, returned →
// submitted; approve / return_: the supervisor decides on a submitted plan (→ approved /
// returned); supersede: an approved plan replaced by a newer approved version (→ superseded).
// An approved plan is never edited: a change is a new version (a new plan, approved in turn).
enum class PlanAction { edit, submit, approve, return_, supersede };
inline constexpr PlanAction kPlanActions[] = {PlanAction::edit, PlanAction::submit, PlanAction::approve,
                                              PlanAction::return_, PlanAction::supersede};
std::optional<PlanAction> plan_action(std::string_view name);
const char* plan_action_name(PlanAction a);
bool plan_allowed(std::string_view status, PlanAction a);
// The new status, or 409 plan_state (vi + en) for a refused transition (an approved plan: 409
// plan_approved, "create a new version").
std::string plan_next(std::string_view status, PlanAction a);
// A plan still being worked on (draft, submitted, returned): a case has at most one.
bool plan_in_progress(std::string_view status);

// Who decides (approve, return a plan; approve, reject a closure): a holder of cases.supervise
// (the record's supervisor, or a supervisor with the record in scope — scope is the caller's
// check), never the person who submitted it. Throws 403 forbidden / 403 own_submission.
void require_can_decide(const Principal& p, long long submitted_by);

// ----- follow-ups -----
inline constexpr const char* kFollowupStatuses[] = {"planned", "done", "cancelled"};
enum class FollowupAction { done, cancel };
// planned → done | cancelled; done and cancelled are final. The new status, else 409 followup_state.
std::string followup_next(std::string_view status, FollowupAction a);
bool followup_allowed(std::string_view status, FollowupAction a);
// Derived at read time, never stored: still planned after its due date.
bool followup_overdue(std::string_view status, Date due_on, Date today);

// ----- reintegration outcome -----
inline constexpr const char* kOutcomeAreas[] = {"job", "housing", "family", "health", "legal_papers"};
inline constexpr const char* kOutcomeStatuses[] = {"achieved", "in_progress", "not_achieved"};
bool is_outcome_area(std::string_view s);
bool is_outcome_status(std::string_view s);

// ----- closure -----
inline constexpr const char* kClosureReasons[] = {"goals_met", "moved_away", "declined", "lost_contact", "deceased", "other"};
bool is_closure_reason(std::string_view s);
// "other" needs a note (400 validation_failed "note").
void validate_closure_reason(std::string_view code, std::string_view note);
// The record's closure state: its status (open, closed) and whether a request is pending.
struct ClosureState {
  std::string status = "open";
  bool pending = false;
  bool operator==(const ClosureState&) const = default;
};
enum class ClosureAction { request, approve, reject, reopen };
inline constexpr ClosureAction kClosureActions[] = {ClosureAction::request, ClosureAction::approve, ClosureAction::reject,
                                                    ClosureAction::reopen};
// request: open, none pending → pending; approve: pending → closed; reject: pending → open;
// reopen: closed → open. Else 409 closure_state (vi + en).
ClosureState closure_next(const ClosureState& s, ClosureAction a);
bool closure_allowed(const ClosureState& s, ClosureAction a);

// A closed record refuses new work (plans, follow-ups, assessments, services, referrals):
// 409 case_closed (vi + en).
void require_open(std::string_view record_status);

}  // namespace longghep::case_work
