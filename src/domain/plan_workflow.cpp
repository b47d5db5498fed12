#include "domain/plan_workflow.hpp"

#include "domain/access.hpp"

#include "domain/error.hpp"
#include "domain/text.hpp"

namespace longghep {

std::string to_string(PlanStatus s) {
  switch (s) {
    case PlanStatus::draft: return "draft";
    case PlanStatus::submitted: return "submitted";
    case PlanStatus::returned: return "returned";
    case PlanStatus::approved: return "approved";
    case PlanStatus::superseded: return "superseded";
  }
  return "draft";
}

std::string to_string(PlanAction a) {
  switch (a) {
    case PlanAction::edit: return "edit";
    case PlanAction::submit: return "submit";
    case PlanAction::approve: return "approve";
    case PlanAction::return_: return "return";
    case PlanAction::new_version: return "new_version";
    case PlanAction::supersede: return "supersede";
  }
  return "edit";
}

std::optional<PlanStatus> parse_plan_status(std::string_view s) {
  for (PlanStatus x : PlanWorkflow::kAllStatuses)
    if (to_string(x) == s) return x;
  return std::nullopt;
}

std::optional<PlanAction> parse_plan_action(std::string_view s) {
  for (PlanAction x : PlanWorkflow::kAllActions)
    if (to_string(x) == s) return x;
  return std::nullopt;
}

std::string status_name_vi(PlanStatus s) {
  switch (s) {
    case PlanStatus::draft: return "dự thảo";
    case PlanStatus::submitted: return "chờ phê duyệt";
    case PlanStatus::returned: return "bị trả lại";
    case PlanStatus::approved: return "đã phê duyệt";
    case PlanStatus::superseded: return "đã được thay thế";
  }
  return "";
}

namespace {
std::string action_name_vi(PlanAction a) {
  switch (a) {
    case PlanAction::edit: return "sửa";
    case PlanAction::submit: return "gửi";
    case PlanAction::approve: return "phê duyệt";
    case PlanAction::return_: return "trả lại";
    case PlanAction::new_version: return "tạo phiên bản mới";
    case PlanAction::supersede: return "thay thế";
  }
  return "";
}
}  // namespace

std::optional<PlanStatus> PlanWorkflow::next(PlanStatus s, PlanAction a) {
  using S = PlanStatus;
  switch (a) {
    case PlanAction::edit:
      if (editable(s)) return s;
      return std::nullopt;
    case PlanAction::submit:
      if (s == S::draft || s == S::returned) return S::submitted;
      return std::nullopt;
    case PlanAction::approve:
      if (s == S::submitted) return S::approved;
      return std::nullopt;
    case PlanAction::return_:
      if (s == S::submitted) return S::returned;
      return std::nullopt;
    case PlanAction::new_version:
      if (s == S::approved) return S::approved;
      return std::nullopt;
    case PlanAction::supersede:
      if (s == S::approved) return S::superseded;
      return std::nullopt;
  }
  return std::nullopt;
}

PlanStatus PlanWorkflow::apply(PlanStatus s, PlanAction a) {
  if (auto n = next(s, a)) return *n;
  if (a == PlanAction::edit)
    throw Error(409, "plan_locked",
                "Kế hoạch đang ở trạng thái \"" + status_name_vi(s) +
                    "\" nên không thể sửa; kế hoạch đã phê duyệt chỉ thay đổi được bằng cách tạo phiên bản mới",
                "The plan is " + to_string(s) + " and cannot be edited; an approved plan changes only through a new version");
  std::string to_en = a == PlanAction::submit ? "submitted" : a == PlanAction::approve ? "approved"
                      : a == PlanAction::return_ ? "returned" : a == PlanAction::supersede ? "superseded"
                                                                                          : "a new version";
  std::string to_vi = a == PlanAction::submit ? status_name_vi(PlanStatus::submitted)
                      : a == PlanAction::approve ? status_name_vi(PlanStatus::approved)
                      : a == PlanAction::return_ ? status_name_vi(PlanStatus::returned)
                      : a == PlanAction::supersede ? status_name_vi(PlanStatus::superseded)
                                                   : "phiên bản mới";
  throw Error(409, "invalid_transition",
              "Không thể " + action_name_vi(a) + " kế hoạch: không chuyển được từ \"" + status_name_vi(s) +
                  "\" sang \"" + to_vi + "\"",
              "Cannot " + to_string(a) + " the plan: no transition from " + to_string(s) + " to " + to_en);
}

std::string PlanWorkflow::history_action(PlanStatus from, PlanAction a) {
  if (a == PlanAction::submit && from == PlanStatus::returned) return "resubmit";
  return to_string(a);
}

void PlanWorkflow::require_comment(PlanAction a, const std::string& comment) {
  if (a != PlanAction::return_) return;
  if (comment.find_first_not_of(" \t\r\n") == std::string::npos)
    throw Error::Validation("comment", "Trả lại kế hoạch phải kèm ý kiến (lý do, nội dung cần sửa)",
                            "Returning a plan requires a comment");
}

std::vector<FieldIssue> plan_decision_issues(const PlanDecision& d, Date today, std::optional<Date> submitted_on) {
  std::vector<FieldIssue> out;
  auto blank = [](const std::string& x) { return x.find_first_not_of(" \t\r\n") == std::string::npos; };
  if (blank(d.body))
    out.push_back({"decisionBody", "Chưa nhập cơ quan phê duyệt (ví dụ: UBND tỉnh Gia Lai)",
                   "The approving body is required (e.g. UBND tỉnh Gia Lai)"});
  else if (d.body.size() > kDecisionBodyMax || !is_clean_utf8(d.body))
    out.push_back({"decisionBody", "Cơ quan phê duyệt tối đa 255 ký tự", "The approving body is at most 255 characters"});
  if (blank(d.number))
    out.push_back({"decisionNumber", "Chưa nhập số quyết định phê duyệt (ví dụ: 123/QĐ-UBND)",
                   "The decision number is required (e.g. 123/QĐ-UBND)"});
  else if (d.number.size() > kDecisionNumberMax || !is_clean_utf8(d.number))
    out.push_back({"decisionNumber", "Số quyết định tối đa 64 ký tự", "The decision number is at most 64 characters"});
  if (!d.date)
    out.push_back({"decisionDate", "Chưa nhập ngày quyết định phê duyệt", "The decision date is required"});
  else if (*d.date > today)
    out.push_back({"decisionDate", "Ngày quyết định " + d.date->vn() + " sau ngày hôm nay (" + today.vn() + ")",
                   "The decision date " + d.date->iso() + " is in the future (today is " + today.iso() + ")"});
  else if (submitted_on && *d.date < *submitted_on)
    out.push_back({"decisionDate", "Ngày quyết định " + d.date->vn() + " trước ngày trình kế hoạch (" + submitted_on->vn() + ")",
                   "The decision date " + d.date->iso() + " is before the plan was submitted (" + submitted_on->iso() + ")"});
  return out;
}

bool is_potential(std::string_view s) { return s == "high" || s == "medium" || s == "low" || s == "none"; }

bool PlanAccess::can_see(const PlanActor& a, std::string_view read_permission, long long record_agency_id) {
  if (!a.permissions.count(std::string(read_permission)) || !a.plan_unit_in_scope) return false;
  return a.permissions.count(perm::kPlansAllAgencies) || (a.agency_id != 0 && a.agency_id == record_agency_id);
}

bool PlanAccess::can_decide(const PlanActor& a, const std::vector<ApprovalRule>& rules,
                            const std::string& plan_unit_kind, long long submitted_by, const std::string& submitted_at) {
  try {
    require_decide(a, rules, plan_unit_kind, submitted_by, submitted_at);
    return true;
  } catch (const Error&) {
    return false;
  }
}

void PlanAccess::require_decide(const PlanActor& a, const std::vector<ApprovalRule>& rules,
                                const std::string& plan_unit_kind, long long submitted_by, const std::string& submitted_at) {
  if (!a.permissions.count(perm::kPlansApprove) || !a.plan_unit_in_scope) throw Error::Forbidden();
  bool matched = false;
  for (const auto& r : rules)
    if (r.plan_unit_kind == plan_unit_kind && r.approver_unit_kind == a.home_unit_kind && a.roles.count(r.approver_role))
      matched = true;
  if (!matched)
    throw Error(403, "forbidden", "Bạn không phải cấp có thẩm quyền phê duyệt kế hoạch của đơn vị này",
                "You are not the approving authority for plans of this unit");
  if (submitted_by != 0 && submitted_by == a.user_id)
    throw Error(403, "forbidden", "Người gửi kế hoạch không được tự phê duyệt hoặc trả lại kế hoạch của mình",
                "The submitter cannot approve or return their own plan");
  TwoPersonRule::require_independent(a.created_by, a.created_at, submitted_by, submitted_at);
}

}  // namespace longghep
