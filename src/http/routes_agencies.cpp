// Agencies: readable by every signed-in user; created and edited within one's scope by holders
// of agencies.manage, with optimistic concurrency on `version`.
#include "domain/error.hpp"
#include "http/app.hpp"
#include "http/render.hpp"
#include "storage/agencies.hpp"

namespace longghep {
using nlohmann::json;

namespace {
Response list_kinds(Ctx& c) {
  Access::require(c.me(), perm::kAgenciesRead);
  json items;
  c.app.db().with_session([&](soci::session& s) { items = agency_kinds_json(s); });
  return Response::json({{"items", items}});
}

Response list(Ctx& c) {
  Access::require(c.me(), perm::kAgenciesRead);
  HierarchyPtr h = c.app.hierarchy();
  AgencyFilter f;
  f.as_of = c.opt_date("asOf");
  f.within = c.unit_q(*h);
  f.q = c.q("q");
  f.kind = c.q("kind");
  f.sort = c.sort({"name", "validFrom"});
  f.page = c.page();
  f.page_size = c.page_size();
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_agencies(s, *h, f); });
  return Response::json(out);
}

Response get(Ctx& c) {
  Access::require(c.me(), perm::kAgenciesRead);
  long long id = c.id_param(0);
  std::optional<json> a;
  c.app.db().with_session([&](soci::session& s) { a = get_agency(s, *c.app.hierarchy(), id); });
  if (!a) throw Error::NotFound("cơ quan", "Agency");
  return Response::json(*a);
}

// The unit: orgUnitCode as of orgUnitAsOf; without it today's unit of the code, unless the code
// names different units on different dates (409 ambiguous_org_unit, render.hpp). `keep`: the
// agency's current unit on an update (an unchanged code keeps it).
AgencyInput read_input(Ctx& c, const json& b, const OrgUnit* keep = nullptr) {
  HierarchyPtr h = c.app.hierarchy();
  AgencyInput in;
  in.name = req_string(b, "name");
  in.short_name = opt_string(b, "shortName");
  for (auto [key, field] : {std::pair{"abbreviation", &in.abbreviation}, std::pair{"seat", &in.seat}}) {
    if (!b.contains(key) || b[key].is_null()) continue;
    if (!b[key].is_string()) throw Error::Validation(key, std::string(key) + " phải là chuỗi", std::string(key) + " must be a string");
    std::string v = b[key].get<std::string>();
    const size_t a = v.find_first_not_of(' '), e = v.find_last_not_of(' ');
    *field = a == std::string::npos ? "" : v.substr(a, e - a + 1);
  }
  in.kind = req_string(b, "kind", 32);
  const std::string code = req_string(b, "orgUnitCode", 32);
  const OrgUnit* u = &resolve_unit_code(*h, code, opt_json_date(b, "orgUnitAsOf"), "orgUnitCode", "orgUnitAsOf", keep);
  Access::require_unit_assignable(c.me(), u->id, "orgUnitCode");
  in.org_unit_id = u->id;
  in.validity = {opt_json_date(b, "validFrom").value_or(Date::min()), opt_json_date(b, "validTo").value_or(Date::max())};
  return in;
}

Response create(Ctx& c) {
  Access::require(c.me(), perm::kAgenciesManage);
  AgencyInput in = read_input(c, c.body());
  long long id = 0;
  c.app.db().transact([&](soci::session& s) { id = create_agency(s, in, actor_of(c)); });
  c.app.reload_hierarchy();
  std::optional<json> a;
  c.app.db().with_session([&](soci::session& s) { a = get_agency(s, *c.app.hierarchy(), id); });
  return Response::json(*a, 201);
}

Response update(Ctx& c) {
  Access::require(c.me(), perm::kAgenciesManage);
  long long id = c.id_param(0);
  json b = c.body();
  long long version = req_int(b, "version");
  c.app.db().transact([&](soci::session& s) {
    long long unit = agency_unit(s, id).value_or(0);
    if (!unit) throw Error::NotFound("cơ quan", "Agency");
    Access::require_unit_visible(c.me(), unit, "cơ quan", "Agency");
    AgencyInput in = read_input(c, b, c.app.hierarchy()->by_id(unit));
    update_agency(s, id, version, in, actor_of(c));
  });
  c.app.reload_hierarchy();
  std::optional<json> a;
  c.app.db().with_session([&](soci::session& s) { a = get_agency(s, *c.app.hierarchy(), id); });
  return Response::json(*a);
}
}  // namespace

void add_agencies_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/agency-kinds", Auth::Session, list_kinds, "Kinds of agencies (data)", perm::kAgenciesRead});
  r.push_back({"GET", "/api/agencies", Auth::Session, list, "Agencies, filtered by unit subtree, date, kind, text", perm::kAgenciesRead});
  r.push_back({"POST", "/api/agencies", Auth::Session, create, "Create an agency (agencies.manage, in scope)", perm::kAgenciesManage});
  r.push_back({"GET", "/api/agencies/{id}", Auth::Session, get, "One agency with its programme roles", perm::kAgenciesRead});
  r.push_back({"PUT", "/api/agencies/{id}", Auth::Session, update, "Update an agency (optimistic concurrency on version)", perm::kAgenciesManage});
}

}  // namespace longghep
