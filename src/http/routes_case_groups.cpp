// Clubs and peer groups of people supported (câu lạc bộ, nhóm tự lực; issue 16 item 5;
// docs/api-cases.md "Clubs and peer groups"). A group belongs to a unit and is seen within the
// caller's scope (out of scope: 404). Members are records named by client code only; a member
// must be a record in the caller's scope (else 400, whether or not the code exists elsewhere:
// existence does not leak). cases.read reads, cases.record changes; the wall (police and
// inspection roles) is Access::has, since both are cases.* permissions. Every change is audited
// (case_group, case_group_member: codes, never identity).
#include "domain/case_groups.hpp"
#include "domain/error.hpp"
#include "http/app.hpp"
#include "http/render.hpp"
#include "storage/case_groups.hpp"
#include "storage/cases.hpp"

namespace longghep {
using nlohmann::json;

namespace {
CaseGroupRow visible_group(Ctx& c, soci::session& s, long long id) {
  auto g = get_case_group(s, id);
  if (!g || !Access::can_see_unit(c.me(), g->org_unit_id)) throw Error::NotFound("câu lạc bộ, nhóm", "Group");
  return *g;
}

// The fields of a create (keep = nullptr: the unit is read) or an update (the unit stays).
CaseGroupInput read_input(Ctx& c, const json& b, const CaseGroupRow* keep) {
  CaseGroupInput in;
  if (keep) {
    in.org_unit_id = keep->org_unit_id;
  } else {
    HierarchyPtr h = c.app.hierarchy();
    const std::string code = req_string(b, "orgUnitCode", 32);
    const OrgUnit& u = resolve_unit_code(*h, code, opt_json_date(b, "orgUnitAsOf"), "orgUnitCode", "orgUnitAsOf");
    Access::require_unit_assignable(c.me(), u.id, "orgUnitCode");
    in.org_unit_id = u.id;
  }
  in.name = case_groups::validate_name(req_string(b, "name", case_groups::kNameMax * 4));
  in.kind = req_string(b, "kind", 32);
  case_groups::validate_kind(in.kind);
  if (b.contains("hostProgrammeCode") && !b["hostProgrammeCode"].is_null()) in.host_programme_code = req_string(b, "hostProgrammeCode", 64);
  in.founded_on = opt_json_date(b, "foundedOn").value_or(keep ? keep->in.founded_on : Date::today_vn());
  in.active = opt_bool(b, "active", keep ? keep->in.active : true);
  return in;
}

Response list(Ctx& c) {
  HierarchyPtr h = c.app.hierarchy();
  CaseGroupFilter f;
  f.scope = &c.me().scope;
  f.within = c.unit_q(*h);
  if (f.within) Access::require_unit_visible(c.me(), f.within->id, "đơn vị " + f.within->code, "Org unit " + f.within->code);
  f.kind = c.enum_q("kind", {"club", "peer_group"});
  f.active = c.bool_q("active");
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_case_groups(s, *h, f, Date::today_vn()); });
  return Response::json(out);
}

Response get(Ctx& c) {
  const long long id = c.id_param(0);
  json out;
  c.app.db().with_session([&](soci::session& s) { out = case_group_json(s, *c.app.hierarchy(), visible_group(c, s, id), Date::today_vn()); });
  return Response::json(out);
}

Response create(Ctx& c) {
  json b = c.body();
  CaseGroupInput in = read_input(c, b, nullptr);
  const Date today = Date::today_vn();
  json out;
  c.app.db().transact([&](soci::session& s) {
    const long long id = create_case_group(s, in, today, actor_of(c));
    out = case_group_json(s, *c.app.hierarchy(), *get_case_group(s, id), today);
  });
  return Response::json(out, 201);
}

Response update(Ctx& c) {
  const long long id = c.id_param(0);
  json b = c.body();
  const long long version = req_int(b, "version");
  if (b.contains("orgUnitCode"))
    throw Error::Validation("orgUnitCode", "Không đổi được đơn vị của nhóm", "A group's unit cannot be changed");
  const Date today = Date::today_vn();
  json out;
  c.app.db().transact([&](soci::session& s) {
    CaseGroupRow g = visible_group(c, s, id);
    update_case_group(s, g, read_input(c, b, &g), version, today, actor_of(c));
    out = case_group_json(s, *c.app.hierarchy(), *get_case_group(s, id), today);
  });
  return Response::json(out);
}

Response add_member(Ctx& c) {
  const long long id = c.id_param(0);
  json b = c.body();
  const std::string code = req_string(b, "code", 40);
  const Date today = Date::today_vn();
  const Date joined = opt_json_date(b, "joinedOn").value_or(today);
  json out;
  c.app.db().transact([&](soci::session& s) {
    CaseGroupRow g = visible_group(c, s, id);
    auto cid = case_id_by_code(s, code);
    auto r = cid ? get_case(s, *cid) : std::nullopt;
    // a record out of scope answers as one that does not exist
    if (!r || !Access::can_see_unit(c.me(), r->residence_unit_id))
      throw Error::Validation("code", "Không có hồ sơ mã " + code + " trong phạm vi của bạn",
                              "No record with code " + code + " in your scope");
    add_case_group_member(s, g, *r, joined, today, actor_of(c));
    out = case_group_json(s, *c.app.hierarchy(), g, today);
  });
  return Response::json(out, 201);
}

Response end_member(Ctx& c) {
  const long long id = c.id_param(0), member = c.id_param(1);
  json b = c.body();
  const Date today = Date::today_vn();
  const Date left = opt_json_date(b, "leftOn").value_or(today);
  json out;
  c.app.db().transact([&](soci::session& s) {
    CaseGroupRow g = visible_group(c, s, id);
    end_case_group_member(s, g, member, left, today, actor_of(c));
    out = case_group_json(s, *c.app.hierarchy(), g, today);
  });
  return Response::json(out);
}

Response memberships(Ctx& c) {
  const long long id = c.id_param(0);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    auto r = get_case(s, id);
    if (!r || !Access::can_see_unit(c.me(), r->residence_unit_id)) throw Error::NotFound("hồ sơ hỗ trợ", "Support record");
    out = case_memberships_json(s, *c.app.hierarchy(), id, Date::today_vn());
  });
  return Response::json(out);
}
}  // namespace

void add_case_groups_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/case-groups", Auth::Session, list, "Clubs and peer groups in scope, with their current member counts",
               perm::kCasesRead});
  r.push_back({"POST", "/api/case-groups", Auth::Session, create, "Create a club or peer group in a unit of one's scope",
               perm::kCasesRecord});
  r.push_back({"GET", "/api/case-groups/{id}", Auth::Session, get, "One group with its members (client codes only)",
               perm::kCasesRead});
  r.push_back({"PUT", "/api/case-groups/{id}", Auth::Session, update, "Update a group (optimistic concurrency on version)",
               perm::kCasesRecord});
  r.push_back({"POST", "/api/case-groups/{id}/members", Auth::Session, add_member,
               "Add a member by client code (a record in one's scope)", perm::kCasesRecord});
  r.push_back({"POST", "/api/case-groups/{id}/members/{memberId}/end", Auth::Session, end_member, "End a membership",
               perm::kCasesRecord});
  r.push_back({"GET", "/api/cases/{id}/groups", Auth::Session, memberships, "The clubs and peer groups of a person",
               perm::kCasesRead});
}

}  // namespace longghep
