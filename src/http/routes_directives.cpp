// Directives (văn bản chỉ đạo), their attachments and the tasks they assign (docs/api-directives.md).
// Reading needs directives.read; who sees which record is Access's decision
// (can_see_issued for directives, can_see_assignment for tasks); out of sight answers 404.
#include <Poco/Exception.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>

#include <algorithm>
#include <iterator>
#include <sstream>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "http/app.hpp"
#include "http/uploads.hpp"
#include "http/workflow_notify.hpp"
#include "storage/agencies.hpp"
#include "storage/attachments.hpp"
#include "storage/directives.hpp"
#include "storage/org_units.hpp"
#include "storage/plans.hpp"

namespace longghep {
using nlohmann::json;

namespace {

Visibility visibility(Ctx& c) {
  Visibility v;
  v.p = &c.me();
  v.above = Access::units_above_scope(c.me(), *c.app.hierarchy());
  return v;
}

// The day `overdue` is evaluated on: ?today=YYYY-MM-DD, default today in Vietnam.
Date eval_day(Ctx& c) { return c.opt_date("today").value_or(Date::today_vn()); }

std::vector<long long> id_array(const json& b, const std::string& field, size_t max_items = 100) {
  auto it = b.find(field);
  if (it == b.end() || it->is_null()) return {};
  if (!it->is_array() || it->size() > max_items)
    throw Error::Validation(field, "Trường \"" + field + "\" phải là danh sách mã", "Field \"" + field + "\" must be an array of ids");
  std::vector<long long> out;
  for (const auto& x : *it) {
    if (!x.is_number_integer() || x.get<long long>() <= 0)
      throw Error::Validation(field, "Trường \"" + field + "\" phải chứa các mã số", "Field \"" + field + "\" must hold ids");
    out.push_back(x.get<long long>());
  }
  return out;
}

std::vector<std::string> opt_string_array(const json& b, const std::string& field, size_t max_items, size_t max_len) {
  auto it = b.find(field);
  if (it == b.end() || it->is_null()) return {};
  if (!it->is_array() || it->size() > max_items)
    throw Error::Validation(field, "Trường \"" + field + "\" phải là danh sách", "Field \"" + field + "\" must be an array");
  std::vector<std::string> out;
  for (const auto& x : *it) {
    if (!x.is_string() || x.get<std::string>().size() > max_len || !is_clean_utf8(x.get<std::string>()))
      throw Error::Validation(field, "Trường \"" + field + "\" phải chứa các chuỗi hợp lệ", "Field \"" + field + "\" must hold valid strings");
    out.push_back(x.get<std::string>());
  }
  return out;
}

// ----- directives -----
void require_directive_visible(Ctx& c, const DirectiveRow& d, const Visibility& v) {
  if (!Access::can_see_issued(c.me(), d.in.org_unit_id, v.above, d.related_units)) throw Error::NotFound("văn bản", "Directive");
}

// Visible, and issued inside the caller's scope (writable): 404 when unseen, 403 when only seen.
DirectiveRow writable_directive(Ctx& c, soci::session& s, long long id) {
  auto d = get_directive_row(s, id);
  if (!d) throw Error::NotFound("văn bản", "Directive");
  require_directive_visible(c, *d, visibility(c));
  if (!Access::can_see_unit(c.me(), d->in.org_unit_id)) throw Error::Forbidden();
  return *d;
}

Response list_kinds(Ctx& c) {
  Access::require(c.me(), perm::kDirectivesRead);
  json out;
  c.app.db().with_session([&](soci::session& s) { out = directive_kinds_json(s); });
  return Response::json(out);
}

Response list(Ctx& c) {
  Access::require(c.me(), perm::kDirectivesRead);
  HierarchyPtr h = c.app.hierarchy();
  DirectiveFilter f;
  f.q = c.q("q");
  f.kind = c.q("kind");
  f.year = c.int_q("year", 1900, 2200).value_or(0);
  if (const OrgUnit* u = c.unit_q(*h, "issuingUnit")) f.issued_within = c.app.scope_for(u->id);
  f.implements_id = c.id_q("implements").value_or(0);
  f.plan_id = c.id_q("plan").value_or(0);
  f.sort = c.q("sort").empty() ? "-issueDate" : c.sort({"issueDate", "number"});
  f.page = c.page();
  f.page_size = c.page_size();
  Visibility v = visibility(c);
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_directives(s, *h, v, f); });
  return Response::json(out);
}

json directive_full(Ctx& c, soci::session& s, const DirectiveRow& d, const Visibility& v) {
  HierarchyPtr h = c.app.hierarchy();
  json j = directive_json(s, *h, d, true);
  DirectiveFilter f;
  f.implements_id = d.id;
  f.sort = "issueDate";
  f.page_size = 500;
  json by = json::array();
  const json implementing = list_directives(s, *h, v, f);
  for (const auto& x : implementing["items"])
    by.push_back({{"id", x["id"]}, {"number", x["number"]}, {"kind", x["kind"]}, {"subject", x["subject"]},
                  {"issueDate", x["issueDate"]}, {"orgUnit", x["orgUnit"]}});
  j["implementedBy"] = by;
  // the screen opens it editable (directive and its tasks) only for those who may change it
  j["editable"] = Access::has(c.me(), perm::kDirectivesManage) && Access::can_see_unit(c.me(), d.in.org_unit_id);
  return j;
}

Response get(Ctx& c) {
  Access::require(c.me(), perm::kDirectivesRead);
  long long id = c.id_param(0);
  Visibility v = visibility(c);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    auto d = get_directive_row(s, id);
    if (!d) throw Error::NotFound("văn bản", "Directive");
    require_directive_visible(c, *d, v);
    out = directive_full(c, s, *d, v);
  });
  return Response::json(out);
}

DirectiveInput read_directive(Ctx& c, soci::session& s, const json& b, long long self_id) {
  HierarchyPtr h = c.app.hierarchy();
  DirectiveInput in;
  in.number = req_string(b, "number", 100);
  in.kind = req_string(b, "kind", 32);
  in.subject = req_string(b, "subject", 1000);
  auto issue = opt_json_date(b, "issueDate");
  if (!issue) throw Error::Validation("issueDate", "Ngày ban hành là bắt buộc", "The issue date is required");
  in.issue_date = *issue;
  const std::string code = req_string(b, "orgUnitCode", 32);
  Date as_of = opt_json_date(b, "orgUnitAsOf").value_or(in.issue_date);
  const OrgUnit* u = h->find(code, as_of);
  if (!u) throw Error::OrgUnitFieldNotFound(code, "orgUnitCode", as_of);
  Access::require_unit_assignable(c.me(), u->id, "orgUnitCode");
  in.org_unit_id = u->id;
  in.issuing_agency_id = opt_int(b, "issuingAgencyId").value_or(0);
  in.recipient_agency_ids = id_array(b, "recipientAgencyIds");
  in.recipient_lines = opt_string_array(b, "recipientLines", 50, 255);
  in.implements_id = opt_int(b, "implementsId").value_or(0);
  if (in.implements_id) {
    if (in.implements_id == self_id)
      throw Error::Validation("implementsId", "Văn bản không thể thực hiện chính nó", "A directive cannot implement itself");
    auto parent = get_directive_row(s, in.implements_id);
    if (!parent || !Access::can_see_issued(c.me(), parent->in.org_unit_id, visibility(c).above, parent->related_units))
      throw Error::Validation("implementsId", "Không có văn bản được thực hiện này", "No such implemented directive");
  }
  in.plan_id = opt_int(b, "planId").value_or(0);
  if (in.plan_id) {
    auto plan = get_plan_row(s, in.plan_id);
    if (!plan || !Access::can_see_unit(c.me(), plan->org_unit_id))
      throw Error::Validation("planId", "Không có kế hoạch lồng ghép này trong phạm vi của bạn", "No such integration plan in your scope");
  }
  return in;
}

Response create(Ctx& c) {
  Access::require(c.me(), perm::kDirectivesManage);
  json b = c.body();
  long long id = 0;
  c.app.db().transact([&](soci::session& s) { id = create_directive(s, read_directive(c, s, b, 0), actor_of(c)); });
  json out;
  Visibility v = visibility(c);
  c.app.db().with_session([&](soci::session& s) { out = directive_full(c, s, *get_directive_row(s, id), v); });
  return Response::json(out, 201);
}

Response update(Ctx& c) {
  Access::require(c.me(), perm::kDirectivesManage);
  long long id = c.id_param(0);
  json b = c.body();
  long long version = req_int(b, "version");
  c.app.db().transact([&](soci::session& s) {
    writable_directive(c, s, id);
    update_directive(s, id, version, read_directive(c, s, b, id), actor_of(c));
  });
  json out;
  Visibility v = visibility(c);
  c.app.db().with_session([&](soci::session& s) { out = directive_full(c, s, *get_directive_row(s, id), v); });
  return Response::json(out);
}

Response upload(Ctx& c) {
  Access::require(c.me(), perm::kDirectivesManage);
  long long id = c.id_param(0);
  // Existence and rights first, so that an unseen directive answers 404 whatever the file.
  c.app.db().with_session([&](soci::session& s) { writable_directive(c, s, id); });
  UploadedFile f = uploaded_file(c);
  long long att = 0;
  c.app.db().transact([&](soci::session& s) {
    DirectiveRow d = writable_directive(c, s, id);
    att = store_attachment(s, "directive", id, d.in.org_unit_id, f, actor_of(c));
  });
  json out;
  c.app.db().with_session([&](soci::session& s) { out = attachment_json(*get_attachment(s, att)); });
  return Response::json(out, 201);
}

// ----- tasks -----
TaskRow visible_task(Ctx& c, soci::session& s, long long id) {
  auto t = get_task_row(s, id);
  if (!t || !Access::can_see_assignment(c.me(), t->in.org_unit_id, t->agencies())) throw Error::NotFound("nhiệm vụ", "Task");
  return *t;
}

Response download(Ctx& c) {
  Access::require(c.me(), perm::kDirectivesRead);
  long long id = c.id_param(0);
  Response r;
  c.app.db().with_session([&](soci::session& s) {
    auto a = get_attachment(s, id);
    if (!a) throw Error::NotFound("tệp đính kèm", "Attachment");
    try {
      if (a->owner_kind == "directive") {
        auto d = get_directive_row(s, a->owner_id);
        if (!d) throw Error::NotFound("văn bản", "Directive");
        require_directive_visible(c, *d, visibility(c));
      } else if (a->owner_kind == "activity") {
        if (!activity_visible(c, s, a->owner_id)) throw Error::NotFound("hoạt động", "Activity");
      } else {
        auto task = task_of_update(s, a->owner_id);
        if (!task) throw Error::NotFound("nhiệm vụ", "Task");
        visible_task(c, s, *task);
      }
    } catch (const Error&) {
      throw Error::NotFound("tệp đính kèm", "Attachment");
    }
    r.body = attachment_content(s, id);
    r.content_type = a->content_type;
    r.headers.push_back({"Content-Disposition", content_disposition(a->filename)});
    r.headers.push_back({"X-Checksum-SHA256", a->sha256});
  });
  return r;
}

TaskInput read_task(Ctx& c, soci::session& s, const json& b, const TaskRow* current) {
  HierarchyPtr h = c.app.hierarchy();
  TaskInput in;
  if (current) {
    in.directive_id = current->in.directive_id;  // a task stays with its directive
  } else {
    in.directive_id = req_int(b, "directiveId");
  }
  auto d = get_directive_row(s, in.directive_id);
  if (!d || !Access::can_see_issued(c.me(), d->in.org_unit_id, visibility(c).above, d->related_units))
    throw Error::Validation("directiveId", "Không có văn bản này", "No such directive");
  in.code = req_string(b, "code", 32);
  in.title = req_string(b, "title", 255);
  in.description = opt_string(b, "description", 4000);
  in.lead_agency_id = req_int(b, "leadAgencyId");
  in.co_agency_ids = id_array(b, "coAgencyIds", 50);
  const std::string code = opt_string(b, "orgUnitCode", 32);
  if (code.empty()) {
    in.org_unit_id = current ? current->in.org_unit_id : d->in.org_unit_id;
  } else {
    Date as_of = opt_json_date(b, "orgUnitAsOf").value_or(d->in.issue_date);
    const OrgUnit* u = h->find(code, as_of);
    if (!u) throw Error::OrgUnitFieldNotFound(code, "orgUnitCode", as_of);
    in.org_unit_id = u->id;
  }
  Access::require_unit_assignable(c.me(), in.org_unit_id, "orgUnitCode");
  const std::string rec = opt_string(b, "recurrence", 16);
  auto starts = opt_json_date(b, "startsOn");
  if (!starts && !rec.empty() && rec != "none") starts = d->in.issue_date;
  in.schedule = make_schedule(opt_json_date(b, "dueDate"), rec, opt_string_array(b, "dueDays", 12, 5), starts,
                              opt_json_date(b, "endsOn"));
  const std::string status = opt_string(b, "status", 16);
  if (status.empty()) {
    in.status = current ? current->in.status : TaskStatus::not_started;
  } else {
    auto st = parse_task_status(status);
    if (!st) throw Error::Validation("status", "Trạng thái không hợp lệ (not_started, in_progress, done)", "Invalid status (not_started, in_progress, done)");
    in.status = *st;
  }
  return in;
}

json render_task(Ctx& c, soci::session& s, long long id, Date today) {
  TaskRenderer r(s, *c.app.hierarchy(), today);
  return r.render(*get_task_row(s, id), true);
}

// /api/tasks/board and /api/tasks/overview share the path of /api/tasks/{id}: other methods there
// are 405, not "no task board".
long long task_id_param(Ctx& c) {
  const std::string& v = c.params.at(0);
  if (v == "board" || v == "overview")
    throw Error(405, "method_not_allowed", "Phương thức không được hỗ trợ", "Method not allowed");
  return c.id_param(0);
}

Response list_tasks(Ctx& c) {
  Access::require(c.me(), perm::kDirectivesRead);
  HierarchyPtr h = c.app.hierarchy();
  TaskFilter f;
  f.directive_id = c.id_q("directiveId").value_or(0);
  f.agency_id = c.id_q("agencyId").value_or(0);
  if (const OrgUnit* u = c.unit_q(*h)) f.within = c.app.scope_for(u->id);
  f.status = c.q("status");
  if (!f.status.empty() && !parse_task_status(f.status))
    throw Error::Validation("status", "Trạng thái không hợp lệ (not_started, in_progress, done)", "Invalid status (not_started, in_progress, done)");
  f.q = c.q("q");
  const std::optional<bool> overdue = c.bool_q("overdue");
  const std::string sort = c.sort({"dueDate", "code", "updatedAt"});
  const int page = c.page(), page_size = c.page_size();
  const Date today = eval_day(c);
  Visibility v = visibility(c);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    std::vector<TaskRow> rows = query_tasks(s, v, f);
    TaskRenderer r(s, *c.app.hierarchy(), today);
    std::vector<std::pair<TaskState, const TaskRow*>> kept;
    for (const auto& t : rows) {
      TaskState st = r.state(t);
      if (overdue && st.overdue != *overdue) continue;
      kept.push_back({st, &t});
    }
    const bool desc = sort[0] == '-';
    const std::string key = desc ? sort.substr(1) : sort;
    if (key == "dueDate") {
      std::stable_sort(kept.begin(), kept.end(), [&](const auto& a, const auto& b) {
        const Date far = Date::max();
        Date x = a.first.current_due.value_or(far), y = b.first.current_due.value_or(far);
        return desc ? y < x : x < y;
      });
    } else if (key == "updatedAt") {
      std::stable_sort(kept.begin(), kept.end(), [&](const auto& a, const auto& b) {
        return desc ? b.second->updated_at < a.second->updated_at : a.second->updated_at < b.second->updated_at;
      });
    } else if (desc) {
      std::reverse(kept.begin(), kept.end());  // rows come in directive + natural code order
    }
    json items = json::array();
    const size_t from = static_cast<size_t>(page - 1) * page_size;
    for (size_t i = from; i < kept.size() && i < from + page_size; ++i) items.push_back(r.render(*kept[i].second));
    out = {{"items", items}, {"total", kept.size()}, {"page", page}, {"pageSize", page_size}, {"today", today.iso()}};
  });
  return Response::json(out);
}

json counts_json(int total, int not_started, int in_progress, int done, int overdue) {
  return {{"total", total}, {"notStarted", not_started}, {"inProgress", in_progress}, {"done", done}, {"overdue", overdue}};
}

Response board(Ctx& c) {
  Access::require(c.me(), perm::kDirectivesRead);
  long long agency = c.id_q("agencyId").value_or(0);
  if (!agency) agency = c.me().agency_id;
  if (!agency) throw Error::Validation("agencyId", "Cần chọn cơ quan (agencyId)", "agencyId is required");
  const Date today = eval_day(c);
  Visibility v = visibility(c);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    long long unit = agency_unit(s, agency).value_or(0);
    auto only = Access::assignment_agency(c.me());
    if (!unit || (only ? *only != agency : !Access::can_see_unit(c.me(), unit))) throw Error::NotFound("cơ quan", "Agency");
    TaskFilter f;
    f.agency_id = agency;
    TaskRenderer r(s, *c.app.hierarchy(), today);
    json columns = {{"not_started", json::array()}, {"in_progress", json::array()}, {"done", json::array()}};
    int n[3] = {0, 0, 0}, overdue = 0, total = 0;
    for (const auto& t : query_tasks(s, v, f)) {
      json j = r.render(t);
      overdue += j["overdue"].get<bool>();
      ++total;
      ++n[static_cast<int>(t.in.status)];
      columns[to_string(t.in.status)].push_back(std::move(j));
    }
    out = {{"agency", r.agency_ref(agency)}, {"today", today.iso()}, {"counts", counts_json(total, n[0], n[1], n[2], overdue)},
           {"columns", columns}};
  });
  return Response::json(out);
}

Response overview(Ctx& c) {
  Access::require(c.me(), perm::kDirectivesRead);
  HierarchyPtr h = c.app.hierarchy();
  const OrgUnit* u = c.unit_q(*h);
  if (!u) u = h->by_id(c.me().org_unit_id);
  if (!u || !Access::can_see_unit(c.me(), u->id)) throw Error::NotFound("đơn vị hành chính", "Org unit");
  const Date today = eval_day(c);
  Visibility v = visibility(c);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    TaskFilter f;
    f.within = c.app.scope_for(u->id);
    TaskRenderer r(s, *h, today);
    struct Row { int total = 0, n[3] = {0, 0, 0}, overdue = 0; };
    std::map<long long, Row> per;
    Row all;
    std::vector<std::pair<int, json>> late;
    for (const auto& t : query_tasks(s, v, f)) {
      TaskState st = r.state(t);
      for (Row* x : {&per[t.in.lead_agency_id], &all}) {
        ++x->total;
        ++x->n[static_cast<int>(t.in.status)];
        x->overdue += st.overdue;
      }
      if (st.overdue) late.push_back({st.days_overdue, r.render(t)});
    }
    std::vector<std::pair<long long, Row>> agencies(per.begin(), per.end());
    std::vector<std::string> names;
    json rows = json::array();
    for (auto& [id, x] : agencies) {
      json ref = r.agency_ref(id);
      rows.push_back({{"agency", ref}, {"counts", counts_json(x.total, x.n[0], x.n[1], x.n[2], x.overdue)}});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const json& a, const json& b) {
      int x = a["counts"]["overdue"], y = b["counts"]["overdue"];
      if (x != y) return x > y;
      return a["agency"]["name"].get<std::string>() < b["agency"]["name"].get<std::string>();
    });
    std::stable_sort(late.begin(), late.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    json overdue = json::array();
    for (auto& [days, j] : late) overdue.push_back(std::move(j));
    out = {{"orgUnit", org_unit_ref(*u)}, {"today", today.iso()},
           {"counts", counts_json(all.total, all.n[0], all.n[1], all.n[2], all.overdue)},
           {"agencies", rows}, {"overdue", overdue}};
  });
  return Response::json(out);
}

Response get_task(Ctx& c) {
  long long id = task_id_param(c);
  Access::require(c.me(), perm::kDirectivesRead);
  const Date today = eval_day(c);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    visible_task(c, s, id);
    out = render_task(c, s, id, today);
  });
  return Response::json(out);
}

Response create_task_route(Ctx& c) {
  Access::require(c.me(), perm::kDirectivesManage);
  json b = c.body();
  long long id = 0;
  c.app.db().transact([&](soci::session& s) {
    id = create_task(s, read_task(c, s, b, nullptr), actor_of(c));
    notify_task_event(s, *get_task_row(s, id), false, actor_of(c));  // in the event's transaction
  });
  json out;
  c.app.db().with_session([&](soci::session& s) { out = render_task(c, s, id, Date::today_vn()); });
  return Response::json(out, 201);
}

Response update_task_route(Ctx& c) {
  long long id = task_id_param(c);
  Access::require(c.me(), perm::kDirectivesManage);
  json b = c.body();
  long long version = req_int(b, "version");
  c.app.db().transact([&](soci::session& s) {
    TaskRow t = visible_task(c, s, id);
    update_task(s, id, version, read_task(c, s, b, &t), actor_of(c));
    // a deadline moved later is an extension: the task's agencies are told (in this transaction)
    const TaskRow now = *get_task_row(s, id);
    const auto& was = t.in.schedule;
    const auto& is = now.in.schedule;
    if ((was.due_date && is.due_date && *is.due_date > *was.due_date) || (is.ends_on > was.ends_on))
      notify_task_event(s, now, true, actor_of(c));
  });
  json out;
  c.app.db().with_session([&](soci::session& s) { out = render_task(c, s, id, Date::today_vn()); });
  return Response::json(out);
}

// A deadline extended with a reason (migration 0019): directives.manage, the task writable (in the
// caller's scope: visible and its unit assignable), version check; the task's agency users are told.
Response extend(Ctx& c) {
  long long id = task_id_param(c);
  Access::require(c.me(), perm::kDirectivesManage);
  json b = c.body();
  const long long version = req_int(b, "version");
  auto due = opt_json_date(b, "newDueDate");
  if (!due) throw Error::Validation("newDueDate", "Hạn mới là bắt buộc", "The new due date is required");
  ExtensionInput in;
  in.new_due = *due;
  in.reason = opt_string(b, "reason", 4000);
  const size_t first = in.reason.find_first_not_of(" \t\r\n");
  in.reason = first == std::string::npos ? "" : in.reason.substr(first, in.reason.find_last_not_of(" \t\r\n") - first + 1);
  c.app.db().transact([&](soci::session& s) {
    TaskRow t = visible_task(c, s, id);
    if (!Access::can_see_unit(c.me(), t.in.org_unit_id)) throw Error::Forbidden();
    extend_task(s, t, version, in, actor_of(c));
    notify_task_event(s, *get_task_row(s, id), true, actor_of(c));  // in the event's transaction
  });
  json out;
  c.app.db().with_session([&](soci::session& s) { out = render_task(c, s, id, Date::today_vn()); });
  return Response::json(out, 201);
}

Response progress(Ctx& c) {
  long long id = task_id_param(c);
  Access::require(c.me(), perm::kTasksUpdate);
  c.app.db().with_session([&](soci::session& s) { visible_task(c, s, id); });
  // JSON {date, note, status, version}, or multipart with those parts and an optional `file`.
  json b = json::object();
  std::optional<UploadedFile> evidence;
  if (auto parts = multipart_parts(c.req)) {
    for (auto& [name, p] : *parts) {
      if (name == "file") {
        if (!p.is_file) throw Error::Validation("file", "Phần \"file\" phải là một tệp", "Part \"file\" must be a file");
        evidence = UploadedFile{p.filename, p.content_type, std::move(p.content)};
      } else if (name == "version") {
        auto v = parse_digits(p.content, 18);
        if (!v) throw Error::Validation("version", "version phải là số nguyên", "version must be an integer");
        b["version"] = *v;
      } else if (name == "date" || name == "note" || name == "status") {
        b[name] = p.content;
      }
    }
  } else {
    b = c.body();
  }
  ProgressInput in;
  const Date today = Date::today_vn();
  in.date = opt_json_date(b, "date").value_or(today);
  if (in.date > today) throw Error::Validation("date", "Ngày cập nhật không được sau hôm nay", "The update date cannot be in the future");
  in.note = req_string(b, "note", 4000);
  auto version = opt_int(b, "version");
  const std::string status = opt_string(b, "status", 16);
  in.evidence = std::move(evidence);
  if (in.evidence) {  // refuse a bad file before touching the database
    std::string name;
    check_upload(*in.evidence, name);
  }
  long long uid = 0;
  c.app.db().transact([&](soci::session& s) {
    TaskRow t = visible_task(c, s, id);
    if (version && *version != t.version) throw Error::Conflict();
    if (status.empty()) {
      in.status = t.in.status;
    } else {
      auto st = parse_task_status(status);
      if (!st) throw Error::Validation("status", "Trạng thái không hợp lệ (not_started, in_progress, done)", "Invalid status (not_started, in_progress, done)");
      in.status = *st;
    }
    uid = add_progress(s, t, in, actor_of(c));
  });
  json out;
  c.app.db().with_session([&](soci::session& s) { out = render_task(c, s, id, today); });
  out["updateId"] = uid;
  return Response::json(out, 201);
}
}  // namespace

void add_directives_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/directive-kinds", Auth::Session, list_kinds, "Kinds of directives (data)", perm::kDirectivesRead});
  r.push_back({"GET", "/api/directives", Auth::Session, list, "Directives visible to the caller: search, kind, year, issuing unit, implements", perm::kDirectivesRead});
  r.push_back({"POST", "/api/directives", Auth::Session, create, "Register a directive (directives.manage, issuing unit in scope)", perm::kDirectivesManage});
  r.push_back({"GET", "/api/directives/{id}", Auth::Session, get, "One directive with attachments and the directives implementing it", perm::kDirectivesRead});
  r.push_back({"PUT", "/api/directives/{id}", Auth::Session, update, "Update a directive (optimistic concurrency on version)", perm::kDirectivesManage});
  r.push_back({"POST", "/api/directives/{id}/attachments", Auth::Session, upload, "Attach a PDF or DOCX (multipart part `file` or raw body with ?filename=), at most 10 MiB", perm::kDirectivesManage});
  r.push_back({"GET", "/api/attachments/{id}", Auth::Session, download, "Download an attachment (the bytes as uploaded)", perm::kDirectivesRead});
  r.push_back({"GET", "/api/tasks", Auth::Session, list_tasks, "Tasks visible to the caller: directive, agency, org unit, status, derived overdue", perm::kDirectivesRead});
  r.push_back({"POST", "/api/tasks", Auth::Session, create_task_route, "Assign a task (directives.manage)", perm::kDirectivesManage});
  r.push_back({"GET", "/api/tasks/board", Auth::Session, board, "Task board of one agency grouped by status", perm::kDirectivesRead});
  r.push_back({"GET", "/api/tasks/overview", Auth::Session, overview, "Per lead agency: tasks, done, overdue; the overdue tasks listed", perm::kDirectivesRead});
  r.push_back({"GET", "/api/tasks/{id}", Auth::Session, get_task, "One task with its progress updates"});
  r.push_back({"PUT", "/api/tasks/{id}", Auth::Session, update_task_route, "Update a task (directives.manage, optimistic concurrency on version)"});
  r.push_back({"POST", "/api/tasks/{id}/extensions", Auth::Session, extend,
               "Extend a task's one-off deadline with a reason (directives.manage, version check); notifies its agencies"});
  r.push_back({"POST", "/api/tasks/{id}/progress", Auth::Session, progress, "Report progress (tasks.update): date, note, status, optional evidence file"});
}

}  // namespace longghep
