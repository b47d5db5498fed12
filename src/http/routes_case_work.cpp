// People supported (issue 16 §4–5; docs/api-cases.md "Case work"): needs assessment, support plan
// with goals and the supervisor's approval, follow-ups, reintegration outcome, closure with the
// supervisor's approval, reopen. A record outside the caller's scope answers 404; the wall
// (police and inspection roles) is Access::has, every permission here being a cases.* one.
// Reading: cases.read; writing: cases.record; deciding on a plan or a closure: cases.supervise,
// the record in scope, and never one's own submission (domain/case_work require_can_decide, the
// two-person rule across accounts). Every answer is the record's whole case work (CaseWork).
#include <set>

#include "domain/case_work.hpp"
#include "domain/error.hpp"
#include "http/app.hpp"
#include "http/case_access.hpp"
#include "http/render.hpp"
#include "storage/case_work.hpp"
#include "storage/cases.hpp"

namespace longghep {
using nlohmann::json;
namespace cw = case_work;

namespace {
// A string member of `o` (an element of a list named by `path`): errors name path.key.
std::string member(const json& o, const std::string& key, const std::string& path, bool required, size_t max_bytes = 64) {
  if (!o.contains(key) || o[key].is_null()) {
    if (required) throw Error::Validation(path + "." + key, "Trường này là bắt buộc", "This field is required");
    return "";
  }
  if (!o[key].is_string()) throw Error::Validation(path + "." + key, "Giá trị phải là chuỗi", "The value must be a string");
  json one = {{"v", o[key]}};
  try {
    return opt_string(one, "v", max_bytes);
  } catch (const Error&) {
    throw Error::Validation(path + "." + key, "Giá trị quá dài hoặc không hợp lệ", "The value is too long or invalid");
  }
}
Date member_date(const json& o, const std::string& key, const std::string& path) {
  const std::string v = member(o, key, path, true, 16);
  auto d = Date::parse(v);
  if (!d) throw Error::Validation(path + "." + key, "Ngày không hợp lệ (YYYY-MM-DD)", "Invalid date (YYYY-MM-DD)");
  return *d;
}
const json& list_of(const json& b, const std::string& key, size_t max_items) {
  if (!b.contains(key) || !b[key].is_array() || b[key].empty() || b[key].size() > max_items)
    throw Error::Validation(key, "Cần từ 1 đến " + std::to_string(max_items) + " mục",
                            "1 to " + std::to_string(max_items) + " entries are needed");
  for (const auto& x : b[key])
    if (!x.is_object()) throw Error::Validation(key, "Mỗi mục là một đối tượng", "Each entry is an object");
  return b[key];
}
std::string note_of(const json& b, const std::string& key, bool required) {
  std::string raw;
  if (b.contains(key) && !b[key].is_null()) {
    if (!b[key].is_string()) throw Error::Validation(key, "Giá trị phải là chuỗi", "The value must be a string");
    raw = b[key].get<std::string>();
    if (raw.size() > static_cast<size_t>(cw::kNoteMax) * 4)
      throw Error::Validation(key, "Tối đa 1000 ký tự", "At most 1000 characters");
    raw = opt_string(b, key, cw::kNoteMax * 4);
  }
  return cw::validate_note(raw, key, required);
}

std::vector<GoalInput> read_goals(const json& b) {
  std::vector<GoalInput> out;
  const json& goals = list_of(b, "goals", cw::kGoalsMax);
  for (size_t i = 0; i < goals.size(); ++i) {
    const std::string path = "goals[" + std::to_string(i) + "]";
    GoalInput g;
    g.domain = member(goals[i], "domain", path, true);
    if (!cw::is_domain(g.domain)) throw Error::Validation(path + ".domain", "Lĩnh vực không hợp lệ", "Unknown domain");
    g.text = cw::validate_note(member(goals[i], "text", path, true, cw::kNoteMax * 4), path + ".text", true);
    g.target_on = member_date(goals[i], "targetOn", path);
    g.status = member(goals[i], "status", path, false);
    if (g.status.empty()) g.status = "not_started";
    if (!cw::is_goal_status(g.status))
      throw Error::Validation(path + ".status", "Trạng thái mục tiêu không hợp lệ", "Unknown goal status");
    out.push_back(std::move(g));
  }
  return out;
}

json work_of(Ctx& c, soci::session& s, long long case_id) {
  return case_work_json(s, *get_case(s, case_id), *c.app.sealer(), Date::today_vn());
}

Response get_work(Ctx& c) {
  auto sealer = c.app.sealer();
  const long long id = c.id_param(0);
  json out;
  c.app.db().with_session([&](soci::session& s) { out = case_work_json(s, visible_case(c, s, id), *sealer, Date::today_vn()); });
  return Response::json(out);
}

Response add_assessment(Ctx& c) {
  auto sealer = c.app.sealer();
  const long long id = c.id_param(0);
  json b = c.body();
  const Date on = opt_json_date(b, "assessedOn").value_or(Date::today_vn());
  if (on > Date::today_vn())
    throw Error::Validation("assessedOn", "Ngày đánh giá không được ở tương lai", "The date cannot be in the future");
  std::vector<AssessmentItem> items;
  std::set<std::string> seen;
  const json& list = list_of(b, "items", std::size(cw::kDomains));
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string path = "items[" + std::to_string(i) + "]";
    AssessmentItem it;
    it.domain = member(list[i], "domain", path, true);
    if (!cw::is_domain(it.domain) || !seen.insert(it.domain).second)
      throw Error::Validation(path + ".domain", "Lĩnh vực không hợp lệ hoặc bị lặp", "Unknown or repeated domain");
    it.level = member(list[i], "level", path, true);
    if (!cw::is_level(it.level))
      throw Error::Validation(path + ".level", "Mức độ nhu cầu: none, low, medium, high", "The level: none, low, medium, high");
    it.note = cw::validate_note(member(list[i], "note", path, false, cw::kNoteMax * 4), path + ".note", false);
    items.push_back(std::move(it));
  }
  json out;
  c.app.db().transact([&](soci::session& s) {
    CaseRow r = visible_case(c, s, id);
    add_case_assessment(s, r, on, items, *sealer, actor_of(c));
    out = work_of(c, s, id);
  });
  return Response::json(out, 201);
}

Response add_plan(Ctx& c) {
  auto sealer = c.app.sealer();
  const long long id = c.id_param(0);
  json b = c.body();
  auto goals = read_goals(b);
  json out;
  c.app.db().transact([&](soci::session& s) {
    CaseRow r = visible_case(c, s, id);
    create_case_plan(s, r, goals, *sealer, actor_of(c));
    out = work_of(c, s, id);
  });
  return Response::json(out, 201);
}

// The plan and its record, the record in scope (else 404).
std::pair<CasePlanRow, CaseRow> visible_plan(Ctx& c, soci::session& s, long long plan_id) {
  auto p = get_case_plan(s, plan_id);
  if (!p) throw Error::NotFound("kế hoạch hỗ trợ", "Support plan");
  auto r = get_case(s, p->case_id);
  if (!r || !Access::can_see_unit(c.me(), r->residence_unit_id)) throw Error::NotFound("kế hoạch hỗ trợ", "Support plan");
  return {*p, *r};
}

Response update_plan(Ctx& c) {
  auto sealer = c.app.sealer();
  const long long id = c.id_param(0);
  json b = c.body();
  const long long version = req_int(b, "version");
  auto goals = read_goals(b);
  json out;
  c.app.db().transact([&](soci::session& s) {
    auto [p, r] = visible_plan(c, s, id);
    update_case_plan(s, r, p, version, goals, *sealer, actor_of(c));
    out = work_of(c, s, r.id);
  });
  return Response::json(out);
}

Response plan_act(Ctx& c, cw::PlanAction a) {
  auto sealer = c.app.sealer();
  const long long id = c.id_param(0);
  json b = c.body();
  const long long version = req_int(b, "version");
  const std::string reason = a == cw::PlanAction::return_ ? note_of(b, "reason", true) : "";
  json out;
  c.app.db().transact([&](soci::session& s) {
    auto [p, r] = visible_plan(c, s, id);
    if (a == cw::PlanAction::approve || a == cw::PlanAction::return_) {
      cw::require_can_decide(c.me(), p.submitted_by ? p.submitted_by : p.created_by);
      TwoPersonRule::require_independent(c.me().created_by, c.me().created_at, p.submitted_by, p.submitted_at);
    }
    transition_case_plan(s, r, p, a, version, reason, *sealer, actor_of(c));
    out = work_of(c, s, r.id);
  });
  return Response::json(out);
}
Response submit_plan(Ctx& c) { return plan_act(c, cw::PlanAction::submit); }
Response approve_plan(Ctx& c) { return plan_act(c, cw::PlanAction::approve); }
Response return_plan(Ctx& c) { return plan_act(c, cw::PlanAction::return_); }

Response add_followup(Ctx& c) {
  auto sealer = c.app.sealer();
  const long long id = c.id_param(0);
  json b = c.body();
  auto due = opt_json_date(b, "dueOn");
  if (!due) throw Error::Validation("dueOn", "Ngày hẹn là bắt buộc", "The due date is required");
  const std::string purpose = note_of(b, "purpose", false);
  json out;
  c.app.db().transact([&](soci::session& s) {
    CaseRow r = visible_case(c, s, id);
    add_case_followup(s, r, *due, purpose, *sealer, actor_of(c));
    out = work_of(c, s, id);
  });
  return Response::json(out, 201);
}

Response followup_act(Ctx& c, cw::FollowupAction a) {
  auto sealer = c.app.sealer();
  const long long id = c.id_param(0);
  json b = c.body();
  const long long version = req_int(b, "version");
  const std::string note = note_of(b, "note", a == cw::FollowupAction::done);
  json out;
  c.app.db().transact([&](soci::session& s) {
    auto f = get_case_followup(s, id);
    if (!f) throw Error::NotFound("lần theo dõi", "Follow-up");
    auto r = get_case(s, f->case_id);
    if (!r || !Access::can_see_unit(c.me(), r->residence_unit_id)) throw Error::NotFound("lần theo dõi", "Follow-up");
    transition_case_followup(s, *r, *f, a, version, note, Date::today_vn(), *sealer, actor_of(c));
    out = work_of(c, s, r->id);
  });
  return Response::json(out);
}
Response followup_done(Ctx& c) { return followup_act(c, cw::FollowupAction::done); }
Response followup_cancel(Ctx& c) { return followup_act(c, cw::FollowupAction::cancel); }

Response put_outcome(Ctx& c) {
  c.app.sealer();
  const long long id = c.id_param(0);
  json b = c.body();
  std::vector<OutcomeInput> items;
  std::set<std::string> seen;
  const json& list = list_of(b, "items", std::size(cw::kOutcomeAreas));
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string path = "items[" + std::to_string(i) + "]";
    OutcomeInput it;
    it.area = member(list[i], "area", path, true);
    if (!cw::is_outcome_area(it.area) || !seen.insert(it.area).second)
      throw Error::Validation(path + ".area", "Lĩnh vực tái hòa nhập không hợp lệ hoặc bị lặp", "Unknown or repeated area");
    it.status = member(list[i], "status", path, true);
    if (!cw::is_outcome_status(it.status))
      throw Error::Validation(path + ".status", "Kết quả: achieved, in_progress, not_achieved",
                              "The result: achieved, in_progress, not_achieved");
    it.as_of = member_date(list[i], "asOf", path);
    if (it.as_of > Date::today_vn())
      throw Error::Validation(path + ".asOf", "Ngày không được ở tương lai", "The date cannot be in the future");
    items.push_back(std::move(it));
  }
  json out;
  c.app.db().transact([&](soci::session& s) {
    CaseRow r = visible_case(c, s, id);
    put_case_outcome(s, r, items, actor_of(c));
    out = work_of(c, s, id);
  });
  return Response::json(out);
}

Response closure_act(Ctx& c, cw::ClosureAction a) {
  auto sealer = c.app.sealer();
  const long long id = c.id_param(0);
  json b = c.body();
  std::string code;
  if (a == cw::ClosureAction::request) code = b.contains("reasonCode") ? req_string(b, "reasonCode", 32) : "";
  const std::string note =
      note_of(b, "note", a == cw::ClosureAction::reject || a == cw::ClosureAction::reopen);
  if (a == cw::ClosureAction::request) cw::validate_closure_reason(code, note);
  json out;
  c.app.db().transact([&](soci::session& s) {
    CaseRow r = visible_case(c, s, id);
    if (a == cw::ClosureAction::approve || a == cw::ClosureAction::reject) {
      const auto [requester, requested_at] = case_closure_requester(s, r.id);
      cw::require_can_decide(c.me(), requester);
      TwoPersonRule::require_independent(c.me().created_by, c.me().created_at, requester, requested_at);
    }
    act_case_closure(s, r, a, code, note, Date::today_vn(), *sealer, actor_of(c));
    out = work_of(c, s, id);
  });
  return Response::json(out, a == cw::ClosureAction::request ? 201 : 200);
}
Response closure_request(Ctx& c) { return closure_act(c, cw::ClosureAction::request); }
Response closure_approve(Ctx& c) { return closure_act(c, cw::ClosureAction::approve); }
Response closure_reject(Ctx& c) { return closure_act(c, cw::ClosureAction::reject); }
Response reopen(Ctx& c) { return closure_act(c, cw::ClosureAction::reopen); }
}  // namespace

void add_case_work_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/cases/{id}/work", Auth::Session, get_work,
               "The case work of a person: assessments, support plans, follow-ups, reintegration outcome, closure",
               perm::kCasesRead});
  r.push_back({"POST", "/api/cases/{id}/assessments", Auth::Session, add_assessment,
               "Record a needs assessment (a level per domain; notes sealed)", perm::kCasesRecord});
  r.push_back({"POST", "/api/cases/{id}/plans", Auth::Session, add_plan,
               "Start a support plan (a draft; a new version when one is approved)", perm::kCasesRecord});
  r.push_back({"PUT", "/api/case-plans/{id}", Auth::Session, update_plan,
               "Replace the goals of a draft or returned plan (an approved plan is never edited)", perm::kCasesRecord});
  r.push_back({"POST", "/api/case-plans/{id}/submit", Auth::Session, submit_plan, "Submit a plan for the supervisor's approval",
               perm::kCasesRecord});
  r.push_back({"POST", "/api/case-plans/{id}/approve", Auth::Session, approve_plan,
               "Approve a submitted plan (a supervisor, never the submitter)", perm::kCasesSupervise});
  r.push_back({"POST", "/api/case-plans/{id}/return", Auth::Session, return_plan,
               "Return a submitted plan with a reason (a supervisor, never the submitter)", perm::kCasesSupervise});
  r.push_back({"POST", "/api/cases/{id}/follow-ups", Auth::Session, add_followup, "Plan a follow-up with a due date",
               perm::kCasesRecord});
  r.push_back({"POST", "/api/case-follow-ups/{id}/done", Auth::Session, followup_done, "Mark a follow-up done, with a note",
               perm::kCasesRecord});
  r.push_back({"POST", "/api/case-follow-ups/{id}/cancel", Auth::Session, followup_cancel, "Cancel a planned follow-up",
               perm::kCasesRecord});
  r.push_back({"PUT", "/api/cases/{id}/outcome", Auth::Session, put_outcome,
               "Record the reintegration outcome (job, housing, family, health, legal papers)", perm::kCasesRecord});
  r.push_back({"POST", "/api/cases/{id}/closure/request", Auth::Session, closure_request,
               "Ask for the record's closure with a reason", perm::kCasesRecord});
  r.push_back({"POST", "/api/cases/{id}/closure/approve", Auth::Session, closure_approve,
               "Approve the pending closure (a supervisor, never the requester): the record is closed", perm::kCasesSupervise});
  r.push_back({"POST", "/api/cases/{id}/closure/reject", Auth::Session, closure_reject,
               "Reject the pending closure with a reason (a supervisor)", perm::kCasesSupervise});
  r.push_back({"POST", "/api/cases/{id}/reopen", Auth::Session, reopen, "Reopen a closed record with a reason",
               perm::kCasesRecord});
}

}  // namespace longghep
