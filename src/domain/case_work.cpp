#include "domain/case_work.hpp"

#include <algorithm>
#include <iterator>

#include "domain/case_rights.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"

namespace longghep::case_work {

namespace {
template <size_t N>
bool in(const char* const (&list)[N], std::string_view s) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* x) { return s == x; });
}
}  // namespace

bool is_domain(std::string_view s) { return in(kDomains, s); }
bool is_level(std::string_view s) { return in(kLevels, s); }
bool is_plan_status(std::string_view s) { return in(kPlanStatuses, s); }
bool is_goal_status(std::string_view s) { return in(kGoalStatuses, s); }
bool is_outcome_area(std::string_view s) { return in(kOutcomeAreas, s); }
bool is_outcome_status(std::string_view s) { return in(kOutcomeStatuses, s); }
bool is_closure_reason(std::string_view s) { return in(kClosureReasons, s); }

std::string validate_note(std::string_view text, const std::string& field, bool required) {
  std::string r(text);
  const size_t a = r.find_first_not_of(" \t\r\n"), e = r.find_last_not_of(" \t\r\n");
  r = a == std::string::npos ? "" : r.substr(a, e - a + 1);
  if (!is_clean_utf8(r)) throw Error::Validation(field, "Văn bản không hợp lệ", "Invalid text");
  size_t chars = 0;
  for (size_t i = 0; i < r.size();) {
    utf8_next(r, i);
    ++chars;
  }
  if (required && chars == 0) throw Error::Validation(field, "Trường này là bắt buộc", "This field is required");
  if (chars > static_cast<size_t>(kNoteMax))
    throw Error::Validation(field, "Tối đa 1000 ký tự", "At most 1000 characters");
  return r;
}

// ----- plan -----
std::optional<PlanAction> plan_action(std::string_view name) {
  for (PlanAction a : kPlanActions)
    if (name == plan_action_name(a)) return a;
  return std::nullopt;
}
const char* plan_action_name(PlanAction a) {
  switch (a) {
    case PlanAction::edit: return "edit";
    case PlanAction::submit: return "submit";
    case PlanAction::approve: return "approve";
    case PlanAction::return_: return "return";
    case PlanAction::supersede: return "supersede";
  }
  return "";
}

namespace {
const char* plan_target(std::string_view s, PlanAction a) {
  switch (a) {
    case PlanAction::edit: return s == "draft" || s == "returned" ? "draft" : nullptr;
    case PlanAction::submit: return s == "draft" || s == "returned" ? "submitted" : nullptr;
    case PlanAction::approve: return s == "submitted" ? "approved" : nullptr;
    case PlanAction::return_: return s == "submitted" ? "returned" : nullptr;
    case PlanAction::supersede: return s == "approved" ? "superseded" : nullptr;
  }
  return nullptr;
}
}  // namespace

bool plan_allowed(std::string_view status, PlanAction a) { return plan_target(status, a) != nullptr; }

std::string plan_next(std::string_view status, PlanAction a) {
  if (const char* t = plan_target(status, a)) return t;
  if (a == PlanAction::edit && status == "approved")
    throw Error(409, "plan_approved", "Kế hoạch đã được phê duyệt, không sửa được: hãy tạo phiên bản mới",
                "The plan is approved and cannot be edited: create a new version");
  throw Error(409, "plan_state",
              "Không thể thực hiện thao tác này với kế hoạch ở trạng thái hiện tại (" + std::string(status) + ")",
              "This action is not possible on a plan in its current status (" + std::string(status) + ")");
}

bool plan_in_progress(std::string_view status) { return status == "draft" || status == "submitted" || status == "returned"; }

void require_can_decide(const Principal& p, long long submitted_by) {
  if (!Access::has(p, perm::kCasesSupervise)) throw Error::Forbidden();
  if (submitted_by != 0 && p.user_id == submitted_by)
    throw Error(403, "own_submission", "Không được tự phê duyệt đề nghị do chính mình gửi",
                "You cannot decide on your own submission");
}

// ----- follow-ups -----
namespace {
const char* followup_target(std::string_view s, FollowupAction a) {
  if (s != "planned") return nullptr;
  return a == FollowupAction::done ? "done" : "cancelled";
}
}  // namespace
bool followup_allowed(std::string_view status, FollowupAction a) { return followup_target(status, a) != nullptr; }
std::string followup_next(std::string_view status, FollowupAction a) {
  if (const char* t = followup_target(status, a)) return t;
  throw Error(409, "followup_state", "Lần theo dõi này đã kết thúc (" + std::string(status) + ")",
              "This follow-up is already finished (" + std::string(status) + ")");
}
bool followup_overdue(std::string_view status, Date due_on, Date today) { return status == "planned" && due_on < today; }

// ----- closure -----
void validate_closure_reason(std::string_view code, std::string_view note) {
  if (!is_closure_reason(code))
    throw Error::Validation("reasonCode", "Lý do đóng hồ sơ không có trong danh sách", "Unknown closure reason");
  if (code == "other" && note.empty())
    throw Error::Validation("note", "Lý do khác: cần ghi rõ", "Other reason: the note is required");
}

namespace {
std::optional<ClosureState> closure_target(const ClosureState& s, ClosureAction a) {
  switch (a) {
    case ClosureAction::request:
      if (s.status == "open" && !s.pending) return ClosureState{"open", true};
      break;
    case ClosureAction::approve:
      if (s.status == "open" && s.pending) return ClosureState{"closed", false};
      break;
    case ClosureAction::reject:
      if (s.status == "open" && s.pending) return ClosureState{"open", false};
      break;
    case ClosureAction::reopen:
      if (s.status == "closed") return ClosureState{"open", false};
      break;
  }
  return std::nullopt;
}
}  // namespace

bool closure_allowed(const ClosureState& s, ClosureAction a) { return closure_target(s, a).has_value(); }

ClosureState closure_next(const ClosureState& s, ClosureAction a) {
  cases::require_not_anonymised(s.status);
  if (auto t = closure_target(s, a)) return *t;
  if (s.status == "closed")
    throw Error(409, "closure_state", "Hồ sơ đã đóng", "The record is closed");
  if (s.pending)
    throw Error(409, "closure_state", "Đã có đề nghị đóng hồ sơ đang chờ phê duyệt",
                "A closure request is already waiting for approval");
  throw Error(409, "closure_state", "Không có đề nghị đóng hồ sơ nào đang chờ", "No closure request is waiting");
}

void require_open(std::string_view record_status) {
  cases::require_not_anonymised(record_status);  // 409 case_anonymised: nothing to reopen
  if (record_status != "open")
    throw Error(409, "case_closed", "Hồ sơ đã đóng: mở lại hồ sơ trước khi ghi thêm", "The record is closed: reopen it first");
}

}  // namespace longghep::case_work
