// Activities and people reached (§5.3), target-group surveys, bulk import and export
// (docs/api-activities.md). Reads need activities.read and a record whose org unit is in the
// caller's scope (else 404); an agency focal point sees only what its agency leads or partners in
// (Access::can_see_assignment). Writes need activities.record / surveys.record, a unit in scope
// valid on the activity's dates, and for a focal point its own agency as lead.
#include <filesystem>
#include <fstream>

#include "domain/error.hpp"
#include "export/sheet_writer.hpp"
#include "http/app.hpp"
#include "http/uploads.hpp"
#include "importer/activity_rows.hpp"
#include "security/crypto.hpp"
#include "storage/activities.hpp"
#include "storage/allocations.hpp"
#include "storage/activity_import.hpp"
#include "storage/agencies.hpp"
#include "storage/attachments.hpp"
#include "storage/org_units.hpp"
#include "storage/programmes.hpp"

namespace longghep {
using nlohmann::json;

namespace {
constexpr size_t kMaxRows = 200;


const json& list_of(const json& b, const std::string& field, json& empty) {
  auto it = b.find(field);
  if (it == b.end() || it->is_null()) return empty;
  if (!it->is_array() || it->size() > kMaxRows)
    throw Error::Validation(field, "Trường \"" + field + "\" phải là danh sách (tối đa 200 dòng)",
                            "Field \"" + field + "\" must be a list (at most 200 rows)");
  return *it;
}

long long count_of(const json& row, const std::string& key, const std::string& field) {
  auto it = row.find(key);
  if (it == row.end() || it->is_null()) throw Error::Validation(field, "Thiếu số liệu", "A number is required");
  if (!it->is_number_integer())
    throw Error::Validation(field, "Phải là số nguyên (không có phần thập phân)", "Must be an integer (no decimals)");
  return it->get<long long>();
}

std::optional<long long> opt_count_of(const json& row, const std::string& key, const std::string& field) {
  auto it = row.find(key);
  if (it == row.end() || it->is_null()) return std::nullopt;
  return count_of(row, key, field);
}

std::string code_of(const json& row, const std::string& key, const std::string& field) {
  auto it = row.find(key);
  if (it == row.end() || !it->is_string() || it->get<std::string>().empty() || it->get<std::string>().size() > 64)
    throw Error::Validation(field, "Thiếu mã danh mục", "A code is required");
  return it->get<std::string>();
}

std::vector<long long> id_list(const json& b, const std::string& field) {
  std::vector<long long> out;
  json empty = json::array();
  for (const auto& x : list_of(b, field, empty)) {
    if (!x.is_number_integer())
      throw Error::Validation(field, "Phải là danh sách số nguyên", "Must be a list of integers");
    out.push_back(x.get<long long>());
  }
  return out;
}

Date req_date(const json& b, const std::string& field) {
  auto d = opt_json_date(b, field);
  if (!d) throw Error::Validation(field, "Chưa nhập ngày", "A date is required");
  return *d;
}

// The JSON body → ActivityInput; type faults name the field (rules are checked afterwards).
ActivityInput parse_input(const json& b) {
  if (!b.is_object()) throw Error::BadRequest("Dữ liệu phải là một đối tượng JSON", "The body must be a JSON object");
  ActivityInput in;
  in.title = opt_string(b, "title", 255);
  in.intervention_type = opt_string(b, "interventionTypeCode", 64);
  in.org_unit_code = opt_string(b, "orgUnitCode", 32);
  in.lead_agency_id = opt_int(b, "leadAgencyId").value_or(0);
  in.partner_agency_ids = id_list(b, "partnerAgencyIds");
  in.programme_ids = id_list(b, "programmeIds");
  in.plan_activity_id = opt_int(b, "planActivityId");
  in.start = req_date(b, "startDate");
  in.end = req_date(b, "endDate");
  in.note = opt_string(b, "note", 4000);
  json empty = json::array();
  const json& reach = list_of(b, "reach", empty);
  for (size_t i = 0; i < reach.size(); ++i) {
    const std::string p = "reach[" + std::to_string(i) + "].";
    const json& r = reach[i];
    if (!r.is_object()) throw Error::Validation("reach[" + std::to_string(i) + "]", "Mỗi dòng phải là một đối tượng", "Each row must be an object");
    ReachRow row;
    row.target_group = code_of(r, "targetGroup", p + "targetGroup");
    row.total = count_of(r, "total", p + "total");
    row.female = opt_count_of(r, "female", p + "female");
    row.male = opt_count_of(r, "male", p + "male");
    if (auto a = r.find("ages"); a != r.end() && !a->is_null()) {
      if (!a->is_object() || a->size() > 20)
        throw Error::Validation(p + "ages", "Nhóm tuổi phải là đối tượng {mã: số người}", "ages must be an object {band: people}");
      for (auto it = a->begin(); it != a->end(); ++it) {
        if (!it->is_number_integer()) throw Error::Validation(p + "ages." + it.key(), "Phải là số nguyên", "Must be an integer");
        row.ages[it.key()] = it->get<long long>();
      }
    }
    in.reach.push_back(std::move(row));
  }
  const json& outputs = list_of(b, "outputs", empty);
  for (size_t i = 0; i < outputs.size(); ++i) {
    const std::string p = "outputs[" + std::to_string(i) + "].";
    if (!outputs[i].is_object()) throw Error::Validation(p + "kind", "Mỗi dòng phải là một đối tượng", "Each row must be an object");
    in.outputs.push_back({code_of(outputs[i], "kind", p + "kind"), count_of(outputs[i], "quantity", p + "quantity")});
  }
  const json& costs = list_of(b, "costs", empty);
  for (size_t i = 0; i < costs.size(); ++i) {
    const std::string p = "costs[" + std::to_string(i) + "].";
    if (!costs[i].is_object()) throw Error::Validation(p + "fundingSource", "Mỗi dòng phải là một đối tượng", "Each row must be an object");
    in.costs.push_back({code_of(costs[i], "fundingSource", p + "fundingSource"), count_of(costs[i], "amount", p + "amount")});
  }
  return in;
}

// Every rule: the pure ones, the unit (in scope, valid on the dates), the agencies, programmes
// and plan activity it refers to. Returns the org unit id; throws Error::Invalid listing all.
long long check_input(Ctx& c, soci::session& s, const Hierarchy& h, const ActivityInput& in) {
  const Principal& me = c.me();
  if (auto only = Access::assignment_agency(me); only && in.lead_agency_id && *only != in.lead_agency_id)
    throw Error(403, "forbidden", "Bạn chỉ được ghi nhận hoạt động do cơ quan mình chủ trì",
                "You may only record activities led by your own agency", "leadAgencyId");
  std::vector<FieldIssue> issues = validate_activity(in, load_activity_rules(s));
  const OrgUnit* u = resolve_activity_unit(h, me.scope, in, issues);
  if (in.lead_agency_id > 0 && !agency_unit(s, in.lead_agency_id))
    issues.push_back({"leadAgencyId", "Cơ quan không tồn tại: " + std::to_string(in.lead_agency_id),
                      "Unknown agency: " + std::to_string(in.lead_agency_id)});
  for (long long a : in.partner_agency_ids)
    if (!agency_unit(s, a)) {
      issues.push_back({"partnerAgencyIds", "Cơ quan phối hợp không tồn tại: " + std::to_string(a),
                        "Unknown partner agency: " + std::to_string(a)});
      break;
    }
  for (long long p : in.programme_ids) {
    auto unit = programme_unit(s, p);
    if (!unit || !Access::can_see_unit(me, *unit)) {
      issues.push_back({"programmeIds", "Chương trình không tồn tại hoặc ngoài phạm vi: " + std::to_string(p),
                        "Unknown programme or outside your scope: " + std::to_string(p)});
      break;
    }
  }
  if (in.plan_activity_id) {
    // A plan of the activity's unit or of an ancestor (a commune implements its province's plan);
    // a plan in the caller's scope that does not cover the unit is named, not hidden.
    auto ref = plan_activity_ref(s, *in.plan_activity_id);
    const bool covers = ref && u && plan_unit_covers(h, *u, ref->org_unit_id, in.start);
    if (!ref || (!covers && !Access::can_see_unit(me, ref->org_unit_id)))
      issues.push_back({"planActivityId", "Hoạt động kế hoạch không tồn tại hoặc ngoài phạm vi",
                        "Unknown plan activity or outside your scope"});
    else if (ref->status != "approved")
      issues.push_back({"planActivityId", "Chỉ liên kết được với hoạt động của kế hoạch đã phê duyệt",
                        "Only an activity of an approved plan can be linked"});
    else if (u && !covers) {
      const OrgUnit* pu = h.by_id(ref->org_unit_id);
      const std::string pname = pu ? pu->name : std::to_string(ref->org_unit_id);
      issues.push_back({"planActivityId",
                        "Kế hoạch của " + pname + " không áp dụng cho " + u->name + " (chỉ kế hoạch của chính đơn vị hoặc cấp trên của đơn vị vào ngày " + in.start.vn() + ")",
                        "The plan of " + pname + " does not cover " + u->name + " (only a plan of the unit itself or of a unit above it on " + in.start.iso() + ")"});
    } else
      check_plan_year(in, ref->year, issues);
  }
  if (!issues.empty()) throw Error::Invalid(issues);
  return u->id;
}

json input_audit(const ActivityInput& in, long long unit) {
  json reach = json::array();
  for (const auto& r : in.reach)
    reach.push_back({{"targetGroup", r.target_group}, {"total", r.total}, {"female", r.female ? json(*r.female) : json(nullptr)},
                     {"male", r.male ? json(*r.male) : json(nullptr)}, {"ages", r.ages}});
  json outputs = json::array(), costs = json::array();
  for (const auto& o : in.outputs) outputs.push_back({{"kind", o.kind}, {"quantity", o.quantity}});
  for (const auto& x : in.costs) costs.push_back({{"fundingSource", x.funding_source}, {"amount", x.amount}});
  return {{"title", in.title}, {"interventionTypeCode", in.intervention_type}, {"orgUnitId", unit},
          {"leadAgencyId", in.lead_agency_id}, {"partnerAgencyIds", in.partner_agency_ids},
          {"programmeIds", in.programme_ids}, {"planActivityId", in.plan_activity_id ? json(*in.plan_activity_id) : json(nullptr)},
          {"startDate", in.start.iso()}, {"endDate", in.end.iso()}, {"reach", reach}, {"outputs", outputs},
          {"costs", costs}, {"note", in.note}};
}

std::vector<long long> agencies_of(const ActivityHead& a) {
  std::vector<long long> v = a.partner_agency_ids;
  v.insert(v.begin(), a.lead_agency_id);
  return v;
}

// The activity, visible to the caller (else 404).
ActivityHead visible_activity(Ctx& c, soci::session& s, long long id) {
  auto a = activity_head(s, id);
  if (!a || !Access::can_see_assignment(c.me(), a->org_unit_id, agencies_of(*a))) throw Error::NotFound("hoạt động", "Activity");
  return *a;
}

// Spending against allocation (issue 19, docs/api-money.md §3): the over-allocation warnings of the
// plan activity the activity implements (none when it implements none).
json money_warnings_of(soci::session& s, const json& activity) {
  const json pa = activity.value("planActivity", json());
  if (pa.is_object() && pa.contains("id") && pa["id"].is_number_integer())
    return money_warnings_for(s, {pa["id"].get<long long>()});
  if (activity.contains("planActivityId") && activity["planActivityId"].is_number_integer())
    return money_warnings_for(s, {activity["planActivityId"].get<long long>()});
  return json::array();
}

// ----- activities -----

Response create(Ctx& c) {
  Access::require(c.me(), perm::kActivitiesRecord);
  ActivityInput in = parse_input(c.body());
  auto h = c.app.hierarchy();
  json out;
  std::shared_ptr<const long long> revision;
  c.app.db().transact([&](soci::session& s) {
    const long long unit = check_input(c, s, *h, in);
    in.key = "f-" + security::random_token(12);
    ActivityWriter w(s);
    revision = w.revision();
    auto id = w.insert(in, unit, "form", 0, c.me().username);
    if (!id) throw Error::Conflict();
    record_audit(s, actor_of(c), {"create", "activity", std::to_string(*id), unit, std::nullopt, input_audit(in, unit)});
    out = *activity_json(s, *h, *id, true);
    out["moneyWarnings"] = money_warnings_of(s, out);
  });
  c.app.analytics().refresh({out["id"].get<long long>()}, *revision);
  return Response::json(out, 201);
}

Response update(Ctx& c) {
  Access::require(c.me(), perm::kActivitiesRecord);
  const long long id = c.id_param(0);
  const json b = c.body();
  const long long version = req_int(b, "version");
  ActivityInput in = parse_input(b);
  auto h = c.app.hierarchy();
  json out;
  std::shared_ptr<const long long> revision;
  c.app.db().transact([&](soci::session& s) {
    ActivityHead head = visible_activity(c, s, id);
    if (auto only = Access::assignment_agency(c.me()); only && *only != head.lead_agency_id) throw Error::Forbidden();
    const long long unit = check_input(c, s, *h, in);
    ActivityWriter w(s);
    revision = w.revision();
    if (!w.update(id, version, in, unit)) throw Error::Conflict();
    record_audit(s, actor_of(c), {"update", "activity", std::to_string(id), unit, std::nullopt, input_audit(in, unit)});
    out = *activity_json(s, *h, id, true);
    out["moneyWarnings"] = money_warnings_of(s, out);
  });
  c.app.analytics().refresh({id}, *revision);
  return Response::json(out);
}

Response remove(Ctx& c) {
  Access::require(c.me(), perm::kActivitiesRecord);
  const long long id = c.id_param(0);
  const long long version = c.version_q();
  long long revision = 0;
  c.app.db().transact([&](soci::session& s) {
    ActivityHead head = visible_activity(c, s, id);
    if (auto only = Access::assignment_agency(c.me()); only && *only != head.lead_agency_id) throw Error::Forbidden();
    revision = delete_activity(s, id, version, actor_of(c));
  });
  c.app.analytics().refresh({id}, revision);
  return Response::no_content();
}

Response get(Ctx& c) {
  Access::require(c.me(), perm::kActivitiesRead);
  const long long id = c.id_param(0);
  auto h = c.app.hierarchy();
  json out;
  c.app.db().with_session([&](soci::session& s) {
    visible_activity(c, s, id);
    out = *activity_json(s, *h, id, true);
    out["moneyWarnings"] = money_warnings_of(s, out);  // as POST/PUT answer it
  });
  return Response::json(out);
}

// The units searched by a list: the caller's scope, narrowed to the subtree (with merged units) of
// ?orgUnit= as of ?asOf= (404 org_unit_not_found when the code names no unit that day).
Scope unit_scope(Ctx& c, const Hierarchy& h) {
  const Principal& me = c.me();
  Scope scope_out = me.scope;
  if (const OrgUnit* u = c.unit_q(h)) {
    Scope sub = h.scope_of(u->id);
    if (!me.scope.all()) {
      std::vector<long long> both;
      const auto& a = sub.all() ? me.scope.ids() : sub.ids();
      for (long long id : a)
        if (me.scope.contains(id) && sub.contains(id)) both.push_back(id);
      scope_out = Scope::of(std::move(both));
    } else {
      scope_out = sub;
    }
  }
  return scope_out;
}

// The filter of the list and the export, from the query string. `scope_out` holds the units
// searched (unit_scope).
ActivityFilter filter_of(Ctx& c, const Hierarchy& h, Scope& scope_out) {
  ActivityFilter f;
  const Principal& me = c.me();
  scope_out = unit_scope(c, h);
  f.scope = &scope_out;
  if (auto only = Access::assignment_agency(me)) f.only_agency = *only ? *only : -1;
  f.from = c.opt_date("from");
  f.to = c.opt_date("to");
  f.intervention_type = c.q("interventionType");
  f.target_group = c.q("targetGroup");
  f.funding_source = c.q("fundingSource");
  f.q = c.q("q");
  if (f.q.size() > 200) throw Error::Validation("q", "Từ khóa tìm kiếm quá dài", "The search text is too long");
  f.agency_id = c.id_q("agencyId").value_or(0);
  f.programme_id = c.id_q("programmeId").value_or(0);
  f.planned = c.bool_q("planned");
  f.sort = c.q("sort").empty() ? "-startDate" : c.sort({"startDate", "title", "reachedTotal", "costTotal"});
  f.page = c.page();
  f.page_size = c.page_size();
  return f;
}

Response list(Ctx& c) {
  Access::require(c.me(), perm::kActivitiesRead);
  return c.app.cached(c, [&] {
    auto h = c.app.hierarchy();
    Scope scope;
    ActivityFilter f = filter_of(c, *h, scope);
    json out;
    c.app.db().with_session([&](soci::session& s) { out = list_activities(s, *h, f); });
    return Response::json(out);
  });
}

Response recent(Ctx& c) {
  Access::require(c.me(), perm::kActivitiesRecord);
  auto h = c.app.hierarchy();
  ActivityFilter f;
  Scope scope = c.me().scope;
  f.scope = &scope;
  f.created_by = c.me().username;
  f.sort = "-createdAt";
  f.page_size = c.int_q("limit", 1, 50).value_or(10);
  json items = json::array();
  c.app.db().with_session([&](soci::session& s) {
    json page = list_activities(s, *h, f);
    for (const auto& a : page["items"]) items.push_back(activity_input_json(s, *h, a["id"].get<long long>()));
  });
  return Response::json({{"items", items}});
}

std::string format_of(Ctx& c) {
  return c.enum_q("format", {"xlsx", "csv"}, "xlsx");
}

std::string temp_path(const std::string& stem) {
  return (std::filesystem::temp_directory_path() / (stem + "-" + security::random_token(8))).string();
}

// Sends a file written by `fill` and deletes it afterwards.
Response file_response(const std::string& path, const std::string& content_type, const std::string& filename) {
  Response r;
  r.content_type = content_type;
  r.headers.push_back({"Content-Disposition", content_disposition(filename)});
  r.stream = [path](std::ostream& os) {
    {
      std::ifstream in(path, std::ios::binary);
      os << in.rdbuf();
    }
    std::remove(path.c_str());
  };
  return r;
}

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kCsvType = "text/csv; charset=utf-8";

std::vector<Cell> cells_of(const std::vector<std::string>& row) {
  static const std::set<size_t> numeric = {8, 9, 10, 11, 12};
  std::vector<Cell> out;
  for (size_t i = 0; i < row.size(); ++i) {
    if (row[i].empty()) out.push_back(Cell{});
    else if (numeric.count(i)) out.push_back(Cell{std::stoll(row[i])});
    else out.push_back(Cell{row[i]});
  }
  return out;
}

Response export_list(Ctx& c) {
  Access::require(c.me(), perm::kActivitiesRead);
  auto h = c.app.hierarchy();
  Scope scope;
  ActivityFilter f = filter_of(c, *h, scope);
  const std::string format = format_of(c);
  const std::string name = "hoat-dong-" + Date::today_vn().iso() + "." + format;
  if (format == "csv") {
    Response r;
    r.content_type = kCsvType;
    r.headers.push_back({"Content-Disposition", content_disposition(name)});
    App* app = &c.app;
    r.stream = [app, h, f, scope](std::ostream& os) mutable {
      f.scope = &scope;
      auto w = csv_writer(os);
      w->header(activity_template_headers());
      app->db().with_session([&](soci::session& s) {
        for_each_activity_row(s, *h, f, [&](const std::vector<std::string>& row) { w->row(cells_of(row)); });
      });
      w->finish();
    };
    return r;
  }
  const std::string path = temp_path("longghep-export");
  {
    XlsxSheetWriter w(path, "Hoạt động");
    w.header(activity_template_headers());
    c.app.db().with_session([&](soci::session& s) {
      for_each_activity_row(s, *h, f, [&](const std::vector<std::string>& row) { w.row(cells_of(row)); });
    });
    w.finish();
  }
  return file_response(path, kXlsxType, name);
}

Response upload_evidence(Ctx& c) {
  Access::require(c.me(), perm::kActivitiesRecord);
  const long long id = c.id_param(0);
  UploadedFile f = uploaded_file(c);
  json out;
  c.app.db().transact([&](soci::session& s) {
    ActivityHead head = visible_activity(c, s, id);
    long long aid = store_attachment(s, "activity", id, head.org_unit_id, f, actor_of(c));
    auto meta = get_attachment(s, aid);
    out = attachment_json(*meta);
  });
  return Response::json(out, 201);
}

// ----- import -----

Response import_template(Ctx& c) {
  Access::require(c.me(), perm::kActivitiesRead);
  const std::string format = format_of(c);
  const std::string name = "mau-nhap-hoat-dong." + format;
  if (format == "csv") {
    std::ostringstream os;
    auto w = csv_writer(os);
    w->header(activity_template_headers());
    w->finish();
    Response r;
    r.content_type = kCsvType;
    r.body = os.str();
    r.headers.push_back({"Content-Disposition", content_disposition(name)});
    return r;
  }
  // The .xlsx shows Vietnamese labels (issue 15): every coded column has a drop-down list of the
  // labels, whose source is a hidden second sheet of codes and labels (one block of rows per list);
  // the importer accepts a label or a code.
  struct List { std::string label; size_t column; std::string prompt; size_t first = 0, last = 0; };
  std::vector<List> lists = {
      {"Loại can thiệp", 2, "Chọn loại can thiệp (hoặc ghi mã)"},
      {"Đơn vị hành chính", 3, "Chọn đơn vị (hoặc ghi mã đơn vị)"},
      {"Cơ quan chủ trì", 4, "Chọn cơ quan chủ trì (hoặc ghi mã cơ quan)"},
      {"Nhóm đối tượng", 7, "Chọn nhóm đối tượng (hoặc ghi mã)"},
      {"Nguồn kinh phí", 13, "Chọn nguồn kinh phí (hoặc ghi mã)"},
      {"Chương trình", 15, "Chọn chương trình (không bắt buộc)"}};
  std::vector<std::vector<std::string>> codes;
  auto block = [&](size_t i, std::vector<std::pair<std::string, std::string>> entries) {
    lists[i].first = codes.size() + 2;  // row 1 is the header
    for (auto& [code, label] : entries) codes.push_back({lists[i].label, std::move(code), std::move(label)});
    lists[i].last = codes.size() + 1;
  };
  auto h = c.app.hierarchy();
  const Date today = Date::today_vn();
  c.app.db().with_session([&](soci::session& s) {
    block(0, active_taxonomy_names(s, "intervention_types"));
    std::vector<std::pair<std::string, std::string>> units;
    for (const auto& u : h->units())
      if (u.valid_on(today) && Access::can_see_unit(c.me(), u.id) && units.size() < 5000)
        units.push_back({u.code, u.kind == "commune" || u.type_label.empty() ? u.type_label + " " + u.name : u.full_name});
    for (auto& u : units)
      if (!u.second.empty() && u.second.front() == ' ') u.second.erase(0, 1);
    block(1, std::move(units));
    std::vector<std::pair<std::string, std::string>> agencies;
    for (const AgencyKey& a : agency_keys(s))
      if (Access::can_see_unit(c.me(), a.org_unit_id)) agencies.push_back({a.key, a.name});
    block(2, std::move(agencies));
    block(3, active_taxonomy_names(s, "target_groups"));
    block(4, active_taxonomy_names(s, "funding_sources"));
    std::vector<std::pair<std::string, std::string>> programmes;
    for (const ProgrammeName& p : programme_names(s))
      if (Access::can_see_unit(c.me(), p.org_unit_id) && programmes.size() < 2000) programmes.push_back({std::to_string(p.id), p.name});
    block(5, std::move(programmes));
  });
  const std::string path = temp_path("longghep-template");
  {
    XlsxSheetWriter w(path, "Hoạt động");
    w.add_reference_sheet("Mã danh mục", {"Danh mục", "Mã", "Tên"}, codes, true);
    for (const auto& l : lists) w.list_validation(l.column, "Mã danh mục", 2, l.first, l.last, l.prompt);
    w.header(activity_template_headers());
    w.finish();
  }
  return file_response(path, kXlsxType, name);
}

Response start_import(Ctx& c) {
  Access::require(c.me(), perm::kActivitiesRecord);
  if (c.req.body_file.empty()) throw Error::Validation("file", "Không có tệp", "No file was sent");
  std::string filename = c.q("filename", "tep-nhap");
  if (filename.size() > 255) filename = filename.substr(0, 255);
  const std::string kept = c.req.body_file + ".import";
  std::filesystem::rename(c.req.body_file, kept);
  auto job = ImportJobs::instance().start(c.app.db(), c.app.hierarchy(), c.me(), filename, kept);
  return Response::json(job->to_json(), 202);
}

Response get_import(Ctx& c) {
  Access::require(c.me(), perm::kActivitiesRecord);
  return Response::json(ImportJobs::instance().status(c.app.db(), c.id_param(0), c.me().user_id));
}

Response commit_import(Ctx& c) {
  Access::require(c.me(), perm::kActivitiesRecord);
  App* app = &c.app;
  return Response::json(ImportJobs::instance().commit(c.app.db(), c.app.hierarchy(), c.id_param(0), c.me(),
                                                      [app](long long, const analytics::FactStore& facts, long long revision) {
                                                        app->analytics().append_import(facts, revision);
                                                      }),
                        202);
}

// ----- surveys -----

Response list_surveys_route(Ctx& c) {
  Access::require(c.me(), perm::kActivitiesRead);
  auto h = c.app.hierarchy();
  Scope scope = unit_scope(c, *h);
  SurveyFilter f;
  f.scope = &scope;
  f.year = c.int_q("year", 2000, 2100).value_or(0);
  f.half = c.int_q("half", 0, 2).value_or(-1);
  f.target_group = c.q("targetGroup");
  f.page = c.page();
  f.page_size = c.page_size();
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_surveys(s, *h, f); });
  return Response::json(out);
}

Response put_survey_route(Ctx& c) {
  Access::require(c.me(), perm::kSurveysRecord);
  const json b = c.body();
  SurveyInput in;
  in.year = static_cast<int>(req_int(b, "year"));
  in.half = static_cast<int>(opt_int(b, "half").value_or(0));
  in.target_group = req_string(b, "targetGroup", 64);
  in.count = req_int(b, "count");
  in.female = opt_int(b, "female");
  in.male = opt_int(b, "male");
  in.note = opt_string(b, "note", 2000);
  in.version = opt_int(b, "version");
  in.survey_date = opt_json_date(b, "surveyDate").value_or(Date::today_vn());
  const std::string code = req_string(b, "orgUnitCode", 32);
  auto h = c.app.hierarchy();
  const Date on = in.year >= 2000 && in.year <= 2100 ? std::min(Date::from_ymd(in.year, in.half == 1 ? 6 : 12, 30), Date::today_vn())
                                                     : Date::today_vn();
  const OrgUnit* u = h->find(code, on);
  if (!u) throw Error::OrgUnitFieldNotFound(code, "orgUnitCode", on);
  Access::require_unit_assignable(c.me(), u->id, "orgUnitCode");
  in.org_unit_id = u->id;
  json out;
  c.app.db().transact([&](soci::session& s) { out = put_survey(s, *h, in, actor_of(c)); });
  return Response::json(out);
}

Response delete_survey_route(Ctx& c) {
  Access::require(c.me(), perm::kSurveysRecord);
  const long long id = c.id_param(0);
  const long long version = c.version_q();
  c.app.db().transact([&](soci::session& s) {
    auto unit = survey_unit(s, id);
    if (!unit || !Access::can_see_unit(c.me(), *unit)) throw Error::NotFound("phiếu rà soát", "Survey");
    delete_survey(s, id, version, actor_of(c));
  });
  return Response::no_content();
}

}  // namespace

// Used by the attachment download (routes_directives.cpp): may the caller see this activity?
bool activity_visible(Ctx& c, soci::session& s, long long id) {
  auto a = activity_head(s, id);
  return a && Access::can_see_assignment(c.me(), a->org_unit_id, agencies_of(*a));
}

void add_activities_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/activities", Auth::Session, list, "Activities in the caller's scope: period, unit subtree, type, target group, agency, programme, funding source, planned, text; sorted, paged", perm::kActivitiesRead});
  r.push_back({"POST", "/api/activities", Auth::Session, create, "Record an activity (activities.record; unit in scope and valid on its dates)", perm::kActivitiesRecord});
  r.push_back({"GET", "/api/activities/recent", Auth::Session, recent, "The caller's own latest activities in input shape (copy a previous activity)", perm::kActivitiesRecord});
  r.push_back({"GET", "/api/activities/export", Auth::Session, export_list, "The filtered list as .xlsx or .csv in the import template's columns", perm::kActivitiesRead});
  r.push_back({"GET", "/api/activities/{id}", Auth::Session, get, "One activity with its evidence files", perm::kActivitiesRead});
  r.push_back({"PUT", "/api/activities/{id}", Auth::Session, update, "Replace an activity (optimistic concurrency on version)", perm::kActivitiesRecord});
  r.push_back({"DELETE", "/api/activities/{id}", Auth::Session, remove, "Delete an activity (?version=)", perm::kActivitiesRecord});
  r.push_back({"POST", "/api/activities/{id}/attachments", Auth::Session, upload_evidence, "Attach an evidence file (PDF, DOCX or JPEG/PNG photo, at most 10 MiB)", perm::kActivitiesRecord});
  r.push_back({"GET", "/api/activity-imports/template", Auth::Session, import_template, "The import template (.xlsx with the valid codes, or .csv)", perm::kActivitiesRead});
  r.push_back({"POST", "/api/activity-imports", Auth::Session, start_import, "Upload a spreadsheet (raw body, ?filename=) to check it in the background", perm::kActivitiesRecord});
  r.push_back({"GET", "/api/activity-imports/{id}", Auth::Session, get_import, "Progress, errors by row and column, and preview of an import", perm::kActivitiesRecord});
  r.push_back({"POST", "/api/activity-imports/{id}/commit", Auth::Session, commit_import, "Write a checked import in one transaction (all or nothing)", perm::kActivitiesRecord});
  r.push_back({"GET", "/api/surveys", Auth::Session, list_surveys_route, "Target-group surveys in the caller's scope", perm::kActivitiesRead});
  r.push_back({"PUT", "/api/surveys", Auth::Session, put_survey_route, "Create or replace the survey of a unit, period and target group", perm::kSurveysRecord});
  r.push_back({"DELETE", "/api/surveys/{id}", Auth::Session, delete_survey_route, "Delete a survey (?version=)", perm::kSurveysRecord});
}

}  // namespace longghep
