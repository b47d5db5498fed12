// "Việc của tôi" (my work, issue 15): what waits for the caller — plans to approve (approval
// routing is data: the approval rules, so the ministry sees the province plans that wait for it),
// reports to accept, its own reports due, tasks due or overdue (overdue is derived here, never
// stored) — and what it sent, with its state and who acts next (unit and role). And the in-app
// notifications written by the workflow events (http/workflow_notify.hpp).
#include "domain/error.hpp"
#include "domain/next_actor.hpp"
#include "domain/plan_workflow.hpp"
#include "http/app.hpp"
#include "http/reports_common.hpp"
#include "http/workflow_notify.hpp"
#include "storage/case_services.hpp"
#include "storage/directives.hpp"
#include "storage/notifications.hpp"
#include "storage/plans.hpp"
#include "storage/reports.hpp"
#include "storage/users.hpp"

namespace longghep {
using nlohmann::json;

namespace {

constexpr int kTaskHorizonDays = 14;  // a task is "due" this many days before its deadline

Actor me_actor(Ctx& c) { return {c.me().user_id, c.me().username}; }

json unit_ref(const Hierarchy& h, long long id) {
  const OrgUnit* u = h.by_id(id);
  if (!u) return nullptr;
  return {{"id", u->id}, {"code", u->code}, {"name", u->name}};
}

PlanActor plan_actor(const Principal& p, const Hierarchy& h, long long record_unit_id) {
  PlanActor a;
  a.user_id = p.user_id;
  a.agency_id = p.agency_id;
  a.roles = p.roles;
  a.permissions = p.permissions;
  const OrgUnit* home = h.by_id(p.org_unit_id);
  a.home_unit_kind = home ? home->kind : "";
  a.plan_unit_in_scope = Access::can_see_unit(p, record_unit_id);
  a.created_by = p.created_by;
  a.created_at = p.created_at;
  return a;
}

// A report for the lists: its form, period code, unit, agency, status and who acts next.
json report_item(soci::session& s, const Hierarchy& h, const ReportRow& r,
                 std::map<std::string, std::string>& form_names) {
  if (!form_names.count(r.form_code)) {
    auto f = load_form(s, r.form_code);
    form_names[r.form_code] = f ? f->name_vi : r.form_code;
  }
  long long issuer = 0;
  if (r.period_code.rfind("adhoc-", 0) == 0)
    if (auto rq = get_request(s, std::stoll(r.period_code.substr(6)))) issuer = rq->issuer_unit_id;
  const OrgUnit* u = h.by_id(r.org_unit_id);
  const auto next = u ? WhoActsNext::report(r.status, *u, r.agency_id, h, Date::today_vn(), issuer) : std::vector<NextActor>{};
  return {{"id", r.id},
          {"form", r.form_code},
          {"formName", form_names[r.form_code]},
          {"period", r.period_code},
          {"orgUnit", unit_ref(h, r.org_unit_id)},
          {"agencyId", r.agency_id ? json(r.agency_id) : json(nullptr)},
          {"status", r.status},
          {"submittedAt", r.submitted_at.empty() ? json(nullptr) : json(r.submitted_at)},
          {"submittedBy", r.submitted_by.empty() ? json(nullptr) : json(r.submitted_by)},
          {"returnComment", r.return_comment.empty() ? json(nullptr) : json(r.return_comment)},
          {"nextActors", next_actors_json(s, h, next)}};
}

// The caller's tasks (its agency's, or without one, its home unit's) that are overdue today (the
// real today, never ?today=) each get one notification per due date (kind task_overdue, idempotent
// by its key): written when the caller reads "my work" or its notifications, so no background
// thread races the workflow; an extension moves the due date, and a new overdue tells again.
void notify_overdue_tasks(Ctx& c) {
  const Principal& me = c.me();
  if (!Access::has(me, perm::kDirectivesRead)) return;
  HierarchyPtr h = c.app.hierarchy();
  const Date today = Date::today_vn();
  // read first: a poll with nothing new opens no transaction (a commit would also make every
  // cached answer stale)
  std::vector<std::pair<NotificationInput, std::string>> missing;
  c.app.db().with_session([&](soci::session& s) {
    Visibility v;
    v.p = &me;
    v.above = Access::units_above_scope(me, *h);
    TaskFilter f;
    f.agency_id = me.agency_id;
    TaskRenderer render(s, *h, today);
    for (const auto& t : query_tasks(s, v, f)) {
      if (t.in.status == TaskStatus::done) continue;
      if (!me.agency_id && t.in.org_unit_id != me.org_unit_id) continue;
      const TaskState st = render.state(t);
      if (!st.overdue || !st.current_due) continue;
      std::string key = "task_overdue:" + std::to_string(t.id) + ":" + st.current_due->iso();
      if (has_notification_key(s, me.user_id, key)) continue;
      NotificationInput n{"task_overdue", "task", t.id, t.in.org_unit_id, "", ""};
      n.title_vi = "Nhiệm vụ quá hạn (hạn " + st.current_due->vn() + "): " + t.in.title;
      n.title_en = "Task overdue (due " + st.current_due->vn() + "): " + t.in.title;
      missing.push_back({std::move(n), std::move(key)});
    }
  });
  if (missing.empty()) return;
  c.app.db().transact([&](soci::session& s) {
    for (const auto& [n, key] : missing) notify_once(s, me.user_id, n, key);  // idempotent by key
  });
}

Response my_work(Ctx& c) {
  notify_overdue_tasks(c);
  const Principal& me = c.me();
  HierarchyPtr h = c.app.hierarchy();
  const Date today = c.opt_date("today").value_or(Date::today_vn());
  // the caller's own reports due (its own session: read before ours, never nested)
  json due = json::array();
  if (Access::has(me, perm::kReportsRead)) due = report_reminders_json(c)["items"];
  json plans_wait = json::array(), reports_wait = json::array(), tasks = json::array();
  json plans_sent = json::array(), reports_sent = json::array();
  json referrals_wait = json::array();  // support referrals waiting for the caller's agency (issue 16)
  c.app.db().with_session([&](soci::session& s) {
    const auto rules = load_approval_rules(s);
    // plans that wait for the caller's decision
    if (Access::has(me, perm::kPlansApprove)) {
      std::vector<PlanRow> mine;
      for (const auto& p : submitted_plans(s, me.scope)) {
        const PlanActor a = plan_actor(me, *h, p.org_unit_id);
        const OrgUnit* u = h->by_id(p.org_unit_id);
        if (PlanAccess::can_see(a, perm::kPlansRead, p.agency_id) &&
            PlanAccess::can_decide(a, rules, u ? u->kind : "", p.submitted_by, plan_submitted_at(s, p.id)))
          mine.push_back(p);
      }
      for (auto& j : plan_summaries(s, *h, mine)) plans_wait.push_back(std::move(j));
    }
    // reports that wait for the caller to accept or return them
    std::map<std::string, std::string> form_names;
    if (Access::has(me, perm::kReportsReview) && !Access::assignment_agency(me)) {
      for (long long id : submitted_report_ids(s)) {
        auto r = get_report(s, id);
        if (!r || !Access::can_see_unit(me, r->org_unit_id)) continue;
        const OrgUnit* u = h->by_id(r->org_unit_id);
        if (!u) continue;
        long long issuer = 0;
        if (r->period_code.rfind("adhoc-", 0) == 0)
          if (auto rq = get_request(s, std::stoll(r->period_code.substr(6)))) issuer = rq->issuer_unit_id;
        const auto next = WhoActsNext::report(r->status, *u, r->agency_id, *h, Date::today_vn(), issuer);
        if (r->submitted_by != me.username && WhoActsNext::is_one_of(me.org_unit_id, me.roles, me.permissions, next))
          reports_wait.push_back(report_item(s, *h, *r, form_names));
      }
    }
    // tasks of the caller's agency (or, without one, of its home unit) due soon or overdue
    if (Access::has(me, perm::kDirectivesRead)) {
      Visibility v;
      v.p = &me;
      v.above = Access::units_above_scope(me, *h);
      TaskFilter f;
      f.agency_id = me.agency_id;
      TaskRenderer render(s, *h, today);
      for (const auto& t : query_tasks(s, v, f)) {
        if (t.in.status == TaskStatus::done) continue;
        if (!me.agency_id && t.in.org_unit_id != me.org_unit_id) continue;
        const TaskState st = render.state(t);
        if (!st.current_due) continue;
        if (!st.overdue && st.current_due->days_since_epoch() - today.days_since_epoch() > kTaskHorizonDays) continue;
        tasks.push_back(render.render(t));
      }
    }
    if (Access::has(me, perm::kCasesReferralsReceive) && me.agency_id) {
      json inbox = referral_inbox_json(s, *h, me.agency_id, Date::today_vn());
      for (auto& j : inbox["items"])
        if (j["status"] == "sent") referrals_wait.push_back(std::move(j));
    }
    // what the caller sent: its plans (latest version of each) and reports, with who acts next
    std::set<long long> roots;
    for (const auto& p : plan_rows(s, plan_ids_submitted_by(s, me.user_id))) {
      if (!roots.insert(p.root_id ? p.root_id : p.id).second) continue;
      const OrgUnit* u = h->by_id(p.org_unit_id);
      if (!u) continue;
      json j = plan_summary_json(s, *h, p);
      j["nextActors"] = next_actors_json(s, *h, WhoActsNext::plan(p.status, *u, *h, rules, Date::today_vn()));
      plans_sent.push_back(std::move(j));
    }
    for (long long id : report_ids_submitted_by(s, me.username))
      if (auto r = get_report(s, id)) reports_sent.push_back(report_item(s, *h, *r, form_names));
  });
  const size_t waiting = plans_wait.size() + reports_wait.size() + due.size() + tasks.size() + referrals_wait.size();
  return Response::json({{"waiting",
                          {{"plansToApprove", plans_wait},
                           {"reportsToAccept", reports_wait},
                           {"reportsDue", due},
                           {"tasks", tasks},
                           {"referrals", referrals_wait}}},
                         {"sent", {{"plans", plans_sent}, {"reports", reports_sent}}},
                         {"waitingCount", waiting}});
}

Response list_notifications_route(Ctx& c) {
  const bool unread = c.enum_q("filter", {"all", "unread"}, "all") == "unread";
  const int page = c.page(), size = c.page_size();
  notify_overdue_tasks(c);
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_notifications(s, c.me().user_id, unread, page, size); });
  return Response::json(out);
}

Response read_one(Ctx& c) {
  const long long id = c.id_param(0);
  long long unread = 0;
  c.app.db().transact([&](soci::session& s) {
    if (!mark_read(s, c.me().user_id, id, me_actor(c))) throw Error::NotFound("thông báo", "Notification");
    unread = unread_count(s, c.me().user_id);
  });
  return Response::json({{"id", id}, {"unread", unread}});
}

Response read_all(Ctx& c) {
  long long marked = 0;
  c.app.db().transact([&](soci::session& s) { marked = mark_all_read(s, c.me().user_id, me_actor(c)); });
  return Response::json({{"marked", marked}, {"unread", 0}});
}

}  // namespace

void add_my_work_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/my-work", Auth::Session, my_work,
               "What waits for the caller (plans to approve, reports to accept, reports due, tasks due or overdue) and what it sent, with who acts next"});
  r.push_back({"GET", "/api/notifications", Auth::Session, list_notifications_route, "The caller's notifications, newest first, with the unread count"});
  r.push_back({"POST", "/api/notifications/read-all", Auth::Session, read_all, "Mark all the caller's notifications read"});
  r.push_back({"POST", "/api/notifications/{id}/read", Auth::Session, read_one, "Mark one of the caller's notifications read"});
}

}  // namespace longghep
