#include "http/workflow_notify.hpp"

#include "domain/next_actor.hpp"
#include "storage/notifications.hpp"
#include "storage/users.hpp"

namespace longghep {

nlohmann::json next_actors_json(soci::session& s, const Hierarchy& h, const std::vector<NextActor>& next) {
  using nlohmann::json;
  json out = json::array();
  if (next.empty()) return out;
  const json roles = list_roles(s)["items"];
  for (const auto& a : next) {
    json role = nullptr;
    for (const auto& r : roles)
      if (r.value("code", "") == a.role) role = {{"code", a.role}, {"nameVi", r.value("nameVi", a.role)}, {"nameEn", r.value("nameEn", a.role)}};
    const OrgUnit* u = h.by_id(a.unit_id);
    out.push_back({{"unit", u ? json{{"id", u->id}, {"code", u->code}, {"name", u->name}} : json(nullptr)},
                   {"role", role},
                   {"permission", a.permission},
                   {"action", a.action}});
  }
  return out;
}

void notify_plan_event(soci::session& s, const Hierarchy& h, const PlanRow& p, PlanAction action, long long submitted_by,
                       const Actor& actor) {
  const OrgUnit* u = h.by_id(p.org_unit_id);
  if (!u) return;
  const std::string unit = u->name;
  NotificationInput n{"", "plan", p.id, p.org_unit_id, "", ""};
  std::set<long long> to;
  if (action == PlanAction::submit) {
    n.kind = "plan_submitted";
    n.title_vi = "Kế hoạch chờ phê duyệt: " + p.title + " (" + unit + ")";
    n.title_en = "Plan awaiting approval: " + p.title + " (" + unit + ")";
    to = users_acting(s, WhoActsNext::plan(PlanStatus::submitted, *u, h, load_approval_rules(s), Date::today_vn()));
  } else if (action == PlanAction::approve || action == PlanAction::return_) {
    const bool ok = action == PlanAction::approve;
    n.kind = ok ? "plan_approved" : "plan_returned";
    n.title_vi = std::string(ok ? "Kế hoạch đã được phê duyệt: " : "Kế hoạch bị trả lại: ") + p.title + " (" + unit + ")";
    n.title_en = std::string(ok ? "Plan approved: " : "Plan returned: ") + p.title + " (" + unit + ")";
    if (ok && !p.decision.number.empty()) {  // the decision's number and date, as the submitter will cite them
      const std::string day_vi = p.decision.date ? " ngày " + p.decision.date->vn() : "";
      const std::string day_en = p.decision.date ? " of " + p.decision.date->iso() : "";
      n.title_vi += " — Quyết định số " + p.decision.number + day_vi;
      n.title_en += " — decision " + p.decision.number + day_en;
    }
    if (submitted_by) to.insert(submitted_by);
  } else {
    return;
  }
  notify(s, to, n, actor);
}

void notify_report_event(soci::session& s, const Hierarchy& h, long long report_id, const OrgUnit& unit,
                         long long agency_id, long long issuer_unit_id, const std::string& action,
                         const std::string& submitter_username, const std::string& title_vi, const std::string& title_en,
                         const Actor& actor) {
  NotificationInput n{"", "report", report_id, unit.id, "", ""};
  std::set<long long> to;
  if (action == "submit") {
    n.kind = "report_submitted";
    n.title_vi = "Báo cáo chờ tiếp nhận: " + title_vi;
    n.title_en = "Report awaiting acceptance: " + title_en;
    to = users_acting(s, WhoActsNext::report("submitted", unit, agency_id, h, Date::today_vn(), issuer_unit_id));
  } else if (action == "accept" || action == "return") {
    const bool ok = action == "accept";
    n.kind = ok ? "report_accepted" : "report_returned";
    n.title_vi = std::string(ok ? "Báo cáo đã được tiếp nhận: " : "Báo cáo bị trả lại: ") + title_vi;
    n.title_en = std::string(ok ? "Report accepted: " : "Report returned: ") + title_en;
    if (!submitter_username.empty())
      if (auto u = find_user(s, submitter_username)) to.insert(u->id);
  } else {
    return;
  }
  notify(s, to, n, actor);
}

void notify_task_event(soci::session& s, const TaskRow& t, bool extended, const Actor& actor) {
  std::set<long long> to;
  for (long long a : t.agencies())
    for (long long u : users_of_agency(s, a)) to.insert(u);
  NotificationInput n{extended ? "task_extended" : "task_assigned", "task", t.id, t.in.org_unit_id, "", ""};
  n.title_vi = std::string(extended ? "Nhiệm vụ được gia hạn: " : "Nhiệm vụ được giao: ") + t.in.title;
  n.title_en = std::string(extended ? "Task deadline extended: " : "Task assigned: ") + t.in.title;
  notify(s, to, n, actor);
}

}  // namespace longghep
