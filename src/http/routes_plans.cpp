// Programme review (§5.1) and integration plans with approval (§5.2, §4.3), and the taxonomies
// they are described with. Reads need programmes.read / plans.read and a record whose org unit
// is in the caller's scope (else 404); holders without plans.all_agencies (agency focal points)
// see and edit only their own agency's records. Who approves is data (approval_rules).
#include "domain/error.hpp"
#include "domain/plan_workflow.hpp"
#include "domain/reporting.hpp"
#include "export/plan_xlsx.hpp"
#include "http/app.hpp"
#include "http/workflow_notify.hpp"
#include "storage/agencies.hpp"
#include "storage/org_units.hpp"
#include "storage/plans.hpp"
#include "storage/programmes.hpp"

namespace longghep {
using nlohmann::json;

namespace {
constexpr size_t kMaxRows = 500;


PlanActor plan_actor(Ctx& c, const Hierarchy& h, long long record_unit_id) {
  const Principal& p = c.me();
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

// Agency focal points (no plans.all_agencies) are limited to their own agency; 0 = no limit.
long long own_agency_limit(const Principal& p) {
  if (Access::has(p, perm::kPlansAllAgencies)) return 0;
  return p.agency_id ? p.agency_id : -1;
}

// The day a unit code is resolved on for a year's record: 31/12 of that year, or today if earlier.
Date day_for_year(int year) {
  Date today = Date::today_vn();
  if (year < 1900 || year > 2200) return today;
  Date end = Date::from_ymd(year, 12, 31);
  return end < today ? end : today;
}

// A unit code of a body field as of `d`; 400 org_unit_not_found naming `field` when none.
const OrgUnit& resolve_unit(const Hierarchy& h, const std::string& code, Date d, const std::string& field) {
  const OrgUnit* u = h.find(code, d);
  if (!u) throw Error::OrgUnitFieldNotFound(code, field, d);
  return *u;
}

// The unit of ?orgUnit= as of ?asOf=, else of the listed ?year= (day_for_year); 0 when absent.
long long unit_of_list(Ctx& c, const Hierarchy& h, int year) {
  const OrgUnit* u = c.unit_q(h, "orgUnit", c.opt_date("asOf").value_or(day_for_year(year)));
  return u ? u->id : 0;
}

// Runs a reader on one element of a list, naming the element in the error field.
template <typename F>
auto in_row(const std::string& prefix, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Error& e) {
    if (!e.field()) throw;
    throw Error(e.status(), e.code(), e.message_vi(), e.message_en(), prefix + "." + *e.field());
  }
}

json list_field(const json& b, const std::string& field) {
  auto it = b.find(field);
  if (it == b.end() || it->is_null()) return json::array();
  if (!it->is_array())
    throw Error::Validation(field, "Trường \"" + field + "\" phải là một danh sách", "Field \"" + field + "\" must be an array");
  if (it->size() > kMaxRows)
    throw Error::Validation(field, "Trường \"" + field + "\" có quá nhiều dòng", "Field \"" + field + "\" has too many rows");
  for (size_t i = 0; i < it->size(); ++i)
    if (!(*it)[i].is_object())
      throw Error::Validation(field + "[" + std::to_string(i) + "]", "Mỗi dòng phải là một đối tượng", "Each row must be an object");
  return *it;
}

std::vector<long long> int_list(const json& b, const std::string& field) {
  std::vector<long long> out;
  auto it = b.find(field);
  if (it == b.end() || it->is_null()) return out;
  if (!it->is_array() || it->size() > 100)
    throw Error::Validation(field, "Trường \"" + field + "\" phải là danh sách số nguyên", "Field \"" + field + "\" must be a list of integers");
  for (const auto& x : *it) {
    if (!x.is_number_integer())
      throw Error::Validation(field, "Trường \"" + field + "\" phải chứa số nguyên", "Field \"" + field + "\" must contain integers");
    out.push_back(x.get<long long>());
  }
  return out;
}

int req_year(const json& b, const std::string& field) {
  long long y = req_int(b, field);
  if (y < 2000 || y > 2100) throw Error::Validation(field, "Năm phải trong khoảng 2000–2100", "Year must be between 2000 and 2100");
  return static_cast<int>(y);
}

void require_agency_allowed(soci::session& s, Ctx& c, long long agency_id, const std::string& field) {
  const std::optional<long long> unit = agency_unit(s, agency_id);
  if (!unit)
    throw Error::Validation(field, "Cơ quan không tồn tại: " + std::to_string(agency_id), "Unknown agency: " + std::to_string(agency_id));
  if (!Access::can_see_unit(c.me(), *unit))
    throw Error::Validation(field, "Cơ quan nằm ngoài phạm vi của bạn", "The agency is outside your scope");
  long long limit = own_agency_limit(c.me());
  if (limit && limit != agency_id)
    throw Error(403, "forbidden", "Bạn chỉ được lập, sửa kế hoạch, chương trình của cơ quan mình",
                "You may only edit the records of your own agency", field);
}

// ----- taxonomies -----

Response get_taxonomy(Ctx& c) {
  // Reference data (no unit, no person): readable by whoever reviews programmes or records the
  // people supported (a case worker picks target groups), not by the rest.
  if (!Access::has(c.me(), perm::kProgrammesRead) && !Access::has(c.me(), perm::kCasesRead)) throw Error::Forbidden();
  auto table = taxonomy_table(c.param(0));
  if (!table) throw Error::NotFound("danh mục", "Taxonomy");
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_taxonomy(s, *table); });
  return Response::json(out);
}

Response put_taxonomy(Ctx& c) {
  Access::require(c.me(), perm::kTaxonomiesManage);
  auto table = taxonomy_table(c.param(0));
  if (!table) throw Error::NotFound("danh mục", "Taxonomy");
  const std::string code = c.param(1);
  if (code.size() > 64 || code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
    throw Error::Validation("code", "Mã danh mục gồm tối đa 64 ký tự a-z, 0-9, _", "A code is up to 64 characters of a-z, 0-9, _");
  json b = c.body();
  TaxonomyEntry e{code, req_string(b, "nameVi"), req_string(b, "nameEn"), opt_string(b, "group", 64),
                  opt_int(b, "sortOrder").value_or(0), opt_bool(b, "active", true)};
  json out;
  c.app.db().transact([&](soci::session& s) {
    upsert_taxonomy(s, *table, e, actor_of(c));
    out = list_taxonomy(s, *table);
  });
  return Response::json(out);
}

// ----- programmes -----

Potential read_potential(const json& b, const char* key) {
  Potential p;
  auto it = b.find("potential");
  if (it == b.end() || it->is_null()) return p;
  if (!it->is_object()) throw Error::Validation("potential", "\"potential\" phải là một đối tượng", "\"potential\" must be an object");
  auto k = it->find(key);
  if (k == it->end() || k->is_null()) return p;
  if (!k->is_object())
    throw Error::Validation(std::string("potential.") + key, "Đánh giá phải là một đối tượng", "An assessment must be an object");
  return in_row(std::string("potential.") + key, [&] {
    Potential x;
    x.assessment = opt_string(*k, "assessment", 16);
    if (x.assessment.empty()) x.assessment = "none";
    if (!is_potential(x.assessment))
      throw Error::Validation("assessment", "Đánh giá phải là high, medium, low hoặc none", "The assessment is one of high, medium, low, none");
    x.note = opt_string(*k, "note", 4000);
    return x;
  });
}

ProgrammeInput read_programme(Ctx& c, const Hierarchy& h, const json& b) {
  ProgrammeInput in;
  in.year = req_year(b, "year");
  const std::string code = req_string(b, "orgUnitCode", 32);
  Date d = opt_json_date(b, "orgUnitAsOf").value_or(day_for_year(in.year));
  const OrgUnit& u = resolve_unit(h, code, d, "orgUnitCode");
  Access::require_unit_assignable(c.me(), u.id, "orgUnitCode");
  in.org_unit_id = u.id;
  in.name = req_string(b, "name");
  in.category_code = req_string(b, "categoryCode", 64);
  in.lead_agency_id = req_int(b, "leadAgencyId");
  in.target_groups = b.contains("targetGroups") && !b["targetGroups"].is_null() ? req_string_array(b, "targetGroups", 50) : std::vector<std::string>{};
  in.intervention_types = b.contains("interventionTypes") && !b["interventionTypes"].is_null() ? req_string_array(b, "interventionTypes", 50) : std::vector<std::string>{};
  in.interventions_note = opt_string(b, "interventionsNote", 4000);
  const json rows = list_field(b, "budget");
  for (size_t i = 0; i < rows.size(); ++i)
    in.budget.push_back(in_row("budget[" + std::to_string(i) + "]", [&] {
      const json& r = rows[i];
      return BudgetAmount{req_string(r, "fundingSource", 64), static_cast<int>(req_int(r, "year")), req_int(r, "amount")};
    }));
  in.beneficiaries = read_potential(b, "beneficiaries");
  in.interventions = read_potential(b, "interventions");
  in.resources = read_potential(b, "resources");
  in.note = opt_string(b, "note", 4000);
  return in;
}

void require_programme_visible(Ctx& c, const Hierarchy& h, const ProgrammeHead& p, const char* read_perm) {
  if (!PlanAccess::can_see(plan_actor(c, h, p.org_unit_id), read_perm, p.lead_agency_id))
    throw Error::NotFound("chương trình", "Programme");
}

Response list_programmes_route(Ctx& c) {
  Access::require(c.me(), perm::kProgrammesRead);
  HierarchyPtr h = c.app.hierarchy();
  ProgrammeFilter f;
  f.scope = &c.me().scope;
  f.only_agency = own_agency_limit(c.me());
  f.year = c.int_q("year", 1900, 2200).value_or(0);
  f.org_unit_id = unit_of_list(c, *h, f.year);
  f.category = c.q("category");
  f.q = c.q("q");
  f.sort = c.sort({"name", "year"});
  f.page = c.page();
  f.page_size = c.page_size();
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_programmes(s, *h, f); });
  return Response::json(out);
}

Response get_programme_route(Ctx& c) {
  Access::require(c.me(), perm::kProgrammesRead);
  const long long id = c.id_param(0);
  HierarchyPtr h = c.app.hierarchy();
  json out;
  c.app.db().with_session([&](soci::session& s) {
    auto head = programme_head(s, id);
    if (!head) throw Error::NotFound("chương trình", "Programme");
    require_programme_visible(c, *h, *head, perm::kProgrammesRead);
    out = *get_programme(s, *h, id);
  });
  return Response::json(out);
}

Response create_programme_route(Ctx& c) {
  Access::require(c.me(), perm::kProgrammesManage);
  HierarchyPtr h = c.app.hierarchy();
  ProgrammeInput in = read_programme(c, *h, c.body());
  json out;
  c.app.db().transact([&](soci::session& s) {
    require_agency_allowed(s, c, in.lead_agency_id, "leadAgencyId");
    long long id = create_programme(s, in, actor_of(c));
    out = *get_programme(s, *h, id);
  });
  return Response::json(out, 201);
}

Response update_programme_route(Ctx& c) {
  Access::require(c.me(), perm::kProgrammesManage);
  const long long id = c.id_param(0);
  HierarchyPtr h = c.app.hierarchy();
  json b = c.body();
  json out;
  c.app.db().transact([&](soci::session& s) {
    auto head = programme_head(s, id);
    if (!head) throw Error::NotFound("chương trình", "Programme");
    require_programme_visible(c, *h, *head, perm::kProgrammesRead);
    const long long version = req_int(b, "version");
    ProgrammeInput in = read_programme(c, *h, b);
    require_agency_allowed(s, c, in.lead_agency_id, "leadAgencyId");
    update_programme(s, id, version, in, actor_of(c));
    out = *get_programme(s, *h, id);
  });
  return Response::json(out);
}

// ----- plans -----

PlanContent read_content(Ctx& c, const Hierarchy& h, const json& b, int year) {
  PlanContent pc;
  pc.title = req_string(b, "title");
  pc.note = opt_string(b, "note", 4000);
  const json ben = list_field(b, "beneficiaries");
  for (size_t i = 0; i < ben.size(); ++i)
    pc.beneficiaries.push_back(in_row("beneficiaries[" + std::to_string(i) + "]", [&] {
      const json& r = ben[i];
      PlanBeneficiary x;
      x.target_group = req_string(r, "targetGroup", 64);
      x.programme_id = req_int(r, "programmeId");
      x.planned_count = opt_int(r, "plannedCount");
      x.note = opt_string(r, "note", 4000);
      return x;
    }));
  const json act = list_field(b, "activities");
  for (size_t i = 0; i < act.size(); ++i)
    pc.activities.push_back(in_row("activities[" + std::to_string(i) + "]", [&] {
      const json& r = act[i];
      PlanActivity x;
      x.intervention_type = req_string(r, "interventionType", 64);
      x.target_group = opt_string(r, "targetGroup", 64);
      x.programme_id = opt_int(r, "programmeId").value_or(0);
      x.description = req_string(r, "description", 4000);
      x.planned_quantity = opt_int(r, "plannedQuantity");
      x.quantity_unit = opt_string(r, "quantityUnit", 64);
      x.start = opt_json_date(r, "startDate");
      x.end = opt_json_date(r, "endDate");
      const std::string loc = opt_string(r, "locationCode", 32);
      if (!loc.empty()) x.location_unit_id = resolve_unit(h, loc, day_for_year(year), "locationCode").id;
      x.lead_agency_id = req_int(r, "leadAgencyId");
      x.partner_agency_ids = int_list(r, "partnerAgencyIds");
      const json lines = list_field(r, "budget");
      for (size_t j = 0; j < lines.size() && j <= 20; ++j)
        x.budget.push_back(in_row("budget[" + std::to_string(j) + "]", [&] {
          const json& l = lines[j];
          ActivityBudgetLine y;
          y.funding_source = req_string(l, "fundingSource", 64);
          y.programme_id = opt_int(l, "programmeId").value_or(0);
          y.amount = req_int(l, "amount");
          return y;
        }));
      return x;
    }));
  const json bud = list_field(b, "budget");
  for (size_t i = 0; i < bud.size(); ++i)
    pc.budget.push_back(in_row("budget[" + std::to_string(i) + "]", [&] {
      const json& r = bud[i];
      PlanBudgetLine x;
      x.funding_source = req_string(r, "fundingSource", 64);
      x.year = static_cast<int>(req_int(r, "year"));
      x.amount = req_int(r, "amount");
      x.programme_id = opt_int(r, "programmeId").value_or(0);
      x.note = opt_string(r, "note", 4000);
      return x;
    }));
  (void)c;
  return pc;
}

// The plan if the caller may read it; 404 otherwise (existence does not leak).
PlanRow visible_plan(Ctx& c, soci::session& s, const Hierarchy& h, long long id) {
  auto p = get_plan_row(s, id);
  if (!p || !PlanAccess::can_see(plan_actor(c, h, p->org_unit_id), perm::kPlansRead, p->agency_id))
    throw Error::NotFound("kế hoạch", "Plan");
  return *p;
}

// The full plan with what the caller may do with it now.
json plan_for(Ctx& c, soci::session& s, const Hierarchy& h, const PlanRow& p) {
  json out = plan_json(s, h, p);
  const Principal& me = c.me();
  const bool edit = Access::has(me, perm::kPlansEdit);
  const OrgUnit* u = h.by_id(p.org_unit_id);
  const bool decide = p.status == PlanStatus::submitted &&
                      PlanAccess::can_decide(plan_actor(c, h, p.org_unit_id), load_approval_rules(s), u ? u->kind : "", p.submitted_by,
                                             plan_submitted_at(s, p.id));
  out["can"] = {{"edit", edit && PlanWorkflow::editable(p.status)},
                {"submit", edit && PlanWorkflow::next(p.status, PlanAction::submit).has_value()},
                {"approve", decide}, {"return", decide},
                {"editDecision", p.status == PlanStatus::approved &&
                                     PlanAccess::can_decide(plan_actor(c, h, p.org_unit_id), load_approval_rules(s), u ? u->kind : "",
                                                            p.submitted_by, plan_submitted_at(s, p.id))},
                {"newVersion", edit && p.status == PlanStatus::approved && out.value("latest", false)}};
  // who acts next: by the approval rules (a submitted plan), the plan's own unit (draft, returned)
  out["nextActors"] = u ? next_actors_json(s, h, WhoActsNext::plan(p.status, *u, h, load_approval_rules(s), Date::today_vn()))
                        : json::array();
  return out;
}

Response list_plans_route(Ctx& c) {
  Access::require(c.me(), perm::kPlansRead);
  HierarchyPtr h = c.app.hierarchy();
  PlanFilter f;
  f.scope = &c.me().scope;
  f.only_agency = own_agency_limit(c.me());
  f.year = c.int_q("year", 1900, 2200).value_or(0);
  f.org_unit_id = unit_of_list(c, *h, f.year);
  f.agency_id = c.id_q("agencyId").value_or(0);
  f.status = c.q("status");
  if (!f.status.empty() && !parse_plan_status(f.status))
    throw Error::Validation("status", "Trạng thái không hợp lệ: " + f.status, "Unknown status: " + f.status);
  f.latest_only = c.enum_q("versions", {"latest", "all"}, "latest") == "latest";
  f.q = c.q("q");
  f.sort = c.sort({"-year", "year", "title", "-title", "updatedAt", "-updatedAt"});
  f.page = c.page();
  f.page_size = c.page_size();
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_plans(s, *h, f); });
  return Response::json(out);
}

Response inbox(Ctx& c) {
  Access::require(c.me(), perm::kPlansApprove);
  HierarchyPtr h = c.app.hierarchy();
  json items = json::array();
  c.app.db().with_session([&](soci::session& s) {
    const auto rules = load_approval_rules(s);
    std::vector<PlanRow> mine;
    for (const auto& p : submitted_plans(s, c.me().scope)) {
      const PlanActor a = plan_actor(c, *h, p.org_unit_id);
      const OrgUnit* u = h->by_id(p.org_unit_id);
      if (PlanAccess::can_see(a, perm::kPlansRead, p.agency_id) &&
          PlanAccess::can_decide(a, rules, u ? u->kind : "", p.submitted_by, plan_submitted_at(s, p.id)))
        mine.push_back(p);
    }
    for (auto& j : plan_summaries(s, *h, mine)) items.push_back(std::move(j));
  });
  return Response::json({{"items", items}, {"total", items.size()}});
}

// The approved plans an activity at ?orgUnit= (default: the caller's home unit) starting on ?date=
// (default: today) may implement: those of the unit and of every unit above it on that day, of the
// date's year, each with its activities — what quick entry offers (a commune sees its province's plan).
Response linkable(Ctx& c) {
  Access::require(c.me(), perm::kActivitiesRecord);
  HierarchyPtr h = c.app.hierarchy();
  const Date d = c.opt_date("date").value_or(Date::today_vn());
  const OrgUnit* u = c.unit_q(*h, "orgUnit", d);
  if (!u) u = h->by_id(c.me().org_unit_id);
  if (!u) throw Error::Validation("orgUnit", "Chưa chọn đơn vị hành chính", "Choose the org unit");
  if (!Access::can_see_unit(c.me(), u->id))
    throw Error::Validation("orgUnit", "Đơn vị " + u->name + " nằm ngoài phạm vi của bạn", "The unit " + u->name + " is outside your scope");
  std::vector<long long> units{u->id};
  for (const OrgUnit* a : h->ancestors(*u, d)) units.push_back(a->id);
  json items = json::array();
  c.app.db().with_session([&](soci::session& s) {
    for (const PlanRow& p : approved_plans_of(s, units, d.year())) {
      json full = plan_json(s, *h, p);
      json acts = json::array();
      for (const auto& a : full["activities"])
        acts.push_back({{"id", a["id"]}, {"description", a["description"]}, {"interventionType", a["interventionType"]},
                        {"targetGroup", a["targetGroup"]}, {"plannedQuantity", a["plannedQuantity"]},
                        {"quantityUnit", a["quantityUnit"]}, {"startDate", a["startDate"]}, {"endDate", a["endDate"]},
                        {"location", a["location"]}, {"leadAgency", a["leadAgency"]}});
      items.push_back({{"id", p.id}, {"title", p.title}, {"year", p.year}, {"planVersion", p.plan_version},
                       {"orgUnit", full["orgUnit"]}, {"agency", full["agency"]}, {"decision", full["decision"]},
                       {"activities", acts}});
    }
  });
  return Response::json({{"items", items}, {"orgUnit", org_unit_ref(*u)}, {"year", d.year()}, {"date", d.iso()}});
}

Response get_plan(Ctx& c) {
  Access::require(c.me(), perm::kPlansRead);
  const long long id = c.id_param(0);
  HierarchyPtr h = c.app.hierarchy();
  json out;
  c.app.db().with_session([&](soci::session& s) { out = plan_for(c, s, *h, visible_plan(c, s, *h, id)); });
  return Response::json(out);
}

Response create_plan_route(Ctx& c) {
  Access::require(c.me(), perm::kPlansEdit);
  HierarchyPtr h = c.app.hierarchy();
  json b = c.body();
  const int year = req_year(b, "year");
  const std::string code = req_string(b, "orgUnitCode", 32);
  const OrgUnit& u = resolve_unit(*h, code, opt_json_date(b, "orgUnitAsOf").value_or(day_for_year(year)), "orgUnitCode");
  Access::require_unit_assignable(c.me(), u.id, "orgUnitCode");
  const long long agency = req_int(b, "agencyId");
  PlanContent content = read_content(c, *h, b, year);
  json out;
  c.app.db().transact([&](soci::session& s) {
    require_agency_allowed(s, c, agency, "agencyId");
    validate_plan_content(s, content, c.me().scope);
    long long id = create_plan(s, u.id, agency, year, content, actor_of(c));
    out = plan_for(c, s, *h, *get_plan_row(s, id));
  });
  return Response::json(out, 201);
}

Response update_plan_route(Ctx& c) {
  Access::require(c.me(), perm::kPlansEdit);
  const long long id = c.id_param(0);
  HierarchyPtr h = c.app.hierarchy();
  json b = c.body();
  json out;
  c.app.db().transact([&](soci::session& s) {
    PlanRow p = visible_plan(c, s, *h, id);
    PlanWorkflow::apply(p.status, PlanAction::edit);  // a locked plan is refused before its input is judged
    const long long version = req_int(b, "version");
    PlanContent content = read_content(c, *h, b, p.year);
    validate_plan_content(s, content, c.me().scope);
    update_plan(s, id, version, content, actor_of(c));
    out = plan_for(c, s, *h, *get_plan_row(s, id));
  });
  return Response::json(out);
}

// The decision fields of a body (decisionBody, decisionNumber, decisionDate), judged against today and
// the day the plan was last submitted; throws validation_failed listing every fault.
PlanDecision read_decision(soci::session& s, const json& b, long long plan_id) {
  PlanDecision d;
  d.body = opt_string(b, "decisionBody", 4000);
  d.number = opt_string(b, "decisionNumber", 4000);
  d.date = opt_json_date(b, "decisionDate");
  auto trim = [](std::string& x) {
    const auto a = x.find_first_not_of(" \t\r\n"), e = x.find_last_not_of(" \t\r\n");
    x = a == std::string::npos ? "" : x.substr(a, e - a + 1);
  };
  trim(d.body);
  trim(d.number);
  auto issues = plan_decision_issues(d, Date::today_vn(), vn_day_of(plan_submitted_at(s, plan_id)));
  if (!issues.empty()) throw Error::Invalid(issues);
  return d;
}

Response transition(Ctx& c, PlanAction action) {
  Access::require(c.me(), action == PlanAction::approve || action == PlanAction::return_ ? perm::kPlansApprove : perm::kPlansEdit);
  const long long id = c.id_param(0);
  HierarchyPtr h = c.app.hierarchy();
  json b = c.req.body.empty() ? json::object() : c.body();
  const std::string comment = opt_string(b, "comment", 4000);
  json out;
  int status = 200;
  c.app.db().transact([&](soci::session& s) {
    PlanRow p = visible_plan(c, s, *h, id);
    if (action == PlanAction::approve || action == PlanAction::return_) {
      const OrgUnit* u = h->by_id(p.org_unit_id);
      PlanAccess::require_decide(plan_actor(c, *h, p.org_unit_id), load_approval_rules(s), u ? u->kind : "", p.submitted_by,
                                 plan_submitted_at(s, p.id));
    }
    if (action == PlanAction::new_version) {
      long long nid = new_plan_version(s, id, actor_of(c));
      out = plan_for(c, s, *h, *get_plan_row(s, nid));
      status = 201;
      return;
    }
    std::optional<PlanDecision> decision;
    if (action == PlanAction::approve) {
      PlanWorkflow::apply(p.status, action);  // a plan not awaiting approval is refused before its decision is judged
      decision = read_decision(s, b, p.id);
    }
    transition_plan(s, id, action, comment, actor_of(c), decision ? &*decision : nullptr);
    const PlanRow after = *get_plan_row(s, id);
    notify_plan_event(s, *h, after, action, p.submitted_by, actor_of(c));  // in the event's transaction
    out = plan_for(c, s, *h, after);
  });
  return Response::json(out, status);
}

// Corrects the approval decision of an approved plan: whoever may decide the plan's unit (approval
// rules, not the submitter), on the current version.
Response put_decision(Ctx& c) {
  Access::require(c.me(), perm::kPlansApprove);
  const long long id = c.id_param(0);
  HierarchyPtr h = c.app.hierarchy();
  json b = c.body();
  json out;
  c.app.db().transact([&](soci::session& s) {
    PlanRow p = visible_plan(c, s, *h, id);
    const OrgUnit* u = h->by_id(p.org_unit_id);
    PlanAccess::require_decide(plan_actor(c, *h, p.org_unit_id), load_approval_rules(s), u ? u->kind : "", p.submitted_by,
                               plan_submitted_at(s, p.id));
    if (p.status != PlanStatus::approved)
      throw Error(409, "invalid_transition", "Chỉ sửa được quyết định phê duyệt của kế hoạch đang ở trạng thái đã phê duyệt",
                  "Only the decision of a plan in status approved can be corrected");
    const long long version = req_int(b, "version");
    const PlanDecision d = read_decision(s, b, p.id);
    update_plan_decision(s, id, version, d, actor_of(c));
    out = plan_for(c, s, *h, *get_plan_row(s, id));
  });
  return Response::json(out);
}

Response submit(Ctx& c) { return transition(c, PlanAction::submit); }
Response approve(Ctx& c) { return transition(c, PlanAction::approve); }
Response return_plan(Ctx& c) { return transition(c, PlanAction::return_); }
Response new_version(Ctx& c) { return transition(c, PlanAction::new_version); }

Response history(Ctx& c) {
  Access::require(c.me(), perm::kPlansRead);
  const long long id = c.id_param(0);
  HierarchyPtr h = c.app.hierarchy();
  json out;
  c.app.db().with_session([&](soci::session& s) { out = plan_history(s, visible_plan(c, s, *h, id).root_id); });
  return Response::json(out);
}

Response versions(Ctx& c) {
  Access::require(c.me(), perm::kPlansRead);
  const long long id = c.id_param(0);
  HierarchyPtr h = c.app.hierarchy();
  json out;
  c.app.db().with_session([&](soci::session& s) { out = plan_versions(s, *h, visible_plan(c, s, *h, id).root_id); });
  return Response::json(out);
}

Response export_xlsx(Ctx& c) {
  Access::require(c.me(), perm::kPlansRead);
  const long long id = c.id_param(0);
  HierarchyPtr h = c.app.hierarchy();
  json plan;
  TaxonomyNames names;
  c.app.db().with_session([&](soci::session& s) {
    plan = plan_json(s, *h, visible_plan(c, s, *h, id));
    for (const char* t : {"target_groups", "intervention_types", "funding_sources"}) {
      const json entries = list_taxonomy(s, t);
      for (const auto& e : entries["items"]) names[t][e["code"].get<std::string>()] = e["nameVi"].get<std::string>();
    }
  });
  Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.body = render_plan_xlsx(plan, names);
  r.headers.push_back({"Content-Disposition", "attachment; filename=\"" + plan_xlsx_filename(plan) + "\""});
  r.headers.push_back({"Cache-Control", "no-store"});
  return r;
}
}  // namespace

PlanRow readable_plan(Ctx& c, soci::session& s, long long id) { return visible_plan(c, s, *c.app.hierarchy(), id); }

void add_plans_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/taxonomies/{kind}", Auth::Session, get_taxonomy,
               "Taxonomy entries (programme-categories, target-groups, intervention-types, funding-sources): programmes.read or cases.read"});
  r.push_back({"PUT", "/api/taxonomies/{kind}/{code}", Auth::Session, put_taxonomy,
               "Create or replace a taxonomy entry (taxonomies.manage)", perm::kTaxonomiesManage});
  r.push_back({"GET", "/api/programmes", Auth::Session, list_programmes_route,
               "Related programmes under review (§5.1), by unit, year, category, text", perm::kProgrammesRead});
  r.push_back({"POST", "/api/programmes", Auth::Session, create_programme_route, "Record a reviewed programme (programmes.manage)", perm::kProgrammesManage});
  r.push_back({"GET", "/api/programmes/{id}", Auth::Session, get_programme_route, "One reviewed programme", perm::kProgrammesRead});
  r.push_back({"PUT", "/api/programmes/{id}", Auth::Session, update_programme_route,
               "Update a reviewed programme (optimistic concurrency on version)", perm::kProgrammesManage});
  r.push_back({"GET", "/api/plans", Auth::Session, list_plans_route, "Integration plans (latest versions by default)", perm::kPlansRead});
  r.push_back({"POST", "/api/plans", Auth::Session, create_plan_route, "Draft an integration plan (plans.edit)", perm::kPlansEdit});
  r.push_back({"GET", "/api/plans/inbox", Auth::Session, inbox, "Plans awaiting the caller's approval", perm::kPlansApprove});
  r.push_back({"GET", "/api/plans/linkable", Auth::Session, linkable,
               "Approved plans (with their activities) an activity at a unit on a date may implement: the unit's and its ancestors' of that year",
               perm::kActivitiesRecord});
  r.push_back({"GET", "/api/plans/{id}", Auth::Session, get_plan, "One plan version with its sections", perm::kPlansRead});
  r.push_back({"PUT", "/api/plans/{id}", Auth::Session, update_plan_route,
               "Replace a draft or returned plan's content (optimistic concurrency on version)", perm::kPlansEdit});
  r.push_back({"POST", "/api/plans/{id}/submit", Auth::Session, submit, "Submit a plan for approval"});
  r.push_back({"POST", "/api/plans/{id}/approve", Auth::Session, approve, "Approve a submitted plan (approval rules) with its decision: approving body, number, date"});
  r.push_back({"PUT", "/api/plans/{id}/decision", Auth::Session, put_decision,
               "Correct the approval decision (body, number, date) of an approved plan (optimistic concurrency on version)",
               perm::kPlansApprove});
  r.push_back({"POST", "/api/plans/{id}/return", Auth::Session, return_plan, "Return a submitted plan with a comment"});
  r.push_back({"POST", "/api/plans/{id}/new-version", Auth::Session, new_version,
               "Copy an approved plan to a new draft version"});
  r.push_back({"GET", "/api/plans/{id}/history", Auth::Session, history, "Workflow history of every version of the plan", perm::kPlansRead});
  r.push_back({"GET", "/api/plans/{id}/versions", Auth::Session, versions, "All versions of the plan", perm::kPlansRead});
  r.push_back({"GET", "/api/plans/{id}/export.xlsx", Auth::Session, export_xlsx, "The plan as an Excel workbook", perm::kPlansRead});
}

}  // namespace longghep
