// User administration, scoped: a caller sees and manages only users whose home unit is inside
// the caller's scope, and grants only roles whose permissions the caller holds.
#include "domain/error.hpp"
#include "security/crypto.hpp"
#include "http/app.hpp"
#include "http/render.hpp"
#include "storage/agencies.hpp"

namespace longghep {
using nlohmann::json;

namespace {

Response roles(Ctx& c) {
  Access::require(c.me(), perm::kUsersRead);
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_roles(s); });
  return Response::json(out);
}

Response list(Ctx& c) {
  Access::require(c.me(), perm::kUsersRead);
  HierarchyPtr h = c.app.hierarchy();
  UserFilter f;
  f.q = c.q("q");
  f.role = c.q("role");
  f.active = c.bool_q("active");
  f.sort = c.sort({"username", "fullName", "createdAt"});
  f.page = c.page();
  f.page_size = c.page_size();
  std::optional<Scope> within;
  if (const OrgUnit* u = c.unit_q(*h)) within = c.app.scope_for(u->id);
  json items = json::array();
  long long total = 0;
  c.app.db().with_session([&](soci::session& s) {
    auto [ids, n] = list_user_ids(s, c.me().scope, within ? &*within : nullptr, f);
    total = n;
    for (long long id : ids)
      if (auto u = get_user(s, id)) items.push_back(render_user(c.app, s, *u));
  });
  return Response::json({{"items", items}, {"total", total}, {"page", f.page}, {"pageSize", f.page_size}});
}

UserRow visible_user(Ctx& c, soci::session& s, long long id) {
  auto u = get_user(s, id);
  if (!u || !Access::can_see_unit(c.me(), u->org_unit_id)) throw Error::NotFound("người dùng", "User");
  return *u;
}

Response get(Ctx& c) {
  Access::require(c.me(), perm::kUsersRead);
  long long id = c.id_param(0);
  json out;
  c.app.db().with_session([&](soci::session& s) { out = render_user(c.app, s, visible_user(c, s, id)); });
  return Response::json(out);
}

// Reads the editable fields and checks the caller may assign them.
// The home unit: orgUnitCode as of orgUnitAsOf (YYYY-MM-DD) when given, else today's unit of that
// code — unless the code names different units on different dates (409 ambiguous_org_unit with
// the candidates). `keep`: the user's current unit (an unchanged code keeps it).
// `before`: the roles the user holds now (empty for a new account); approval rights it did not
// have are granted only by holders of users.grant_approval (the two-person rule across accounts).
UserInput read_input(Ctx& c, soci::session& s, const json& b, const OrgUnit* keep = nullptr,
                     const std::set<std::string>& before = {}) {
  HierarchyPtr h = c.app.hierarchy();
  UserInput in;
  in.full_name = req_string(b, "fullName");
  in.email = opt_string(b, "email");
  const std::string code = req_string(b, "orgUnitCode", 32);
  const OrgUnit* u = &resolve_unit_code(*h, code, opt_json_date(b, "orgUnitAsOf"), "orgUnitCode", "orgUnitAsOf", keep);
  Access::require_unit_assignable(c.me(), u->id, "orgUnitCode");
  in.org_unit_id = u->id;
  if (auto agency = opt_int(b, "agencyId")) {
    long long unit = agency_unit(s, *agency).value_or(0);
    if (!unit || !Access::can_see_unit(c.me(), unit))
      throw Error::Validation("agencyId", "Cơ quan không tồn tại hoặc ngoài phạm vi", "Unknown agency or outside your scope");
    in.agency_id = *agency;
  }
  auto roles = req_string_array(b, "roles");
  in.roles = {roles.begin(), roles.end()};
  const auto granted = role_permissions(s, in.roles);
  Access::require_can_grant(c.me(), granted);
  std::set<std::string> all;
  for (const auto& p : granted) all.insert(p.begin(), p.end());
  Access::require_can_grant_approval(c.me(), permissions_of(s, before), all);
  in.active = opt_bool(b, "active", true);
  return in;
}

Response create(Ctx& c) {
  Access::require(c.me(), perm::kUsersManage);
  json b = c.body();
  json out;
  // Hash before the transaction: argon2id inside it would hold the write lock for its duration.
  const std::string password = req_string(b, "password", 128);
  validate_password(password);
  const std::string hash = security::hash_password(password);
  c.app.db().transact([&](soci::session& s) {
    UserInput in = read_input(c, s, b);
    in.username = req_string(b, "username", 64);
    in.password = password;
    in.password_hash = hash;
    long long id = create_user(s, in, true, actor_of(c));
    out = render_user(c.app, s, *get_user(s, id));
  });
  return Response::json(out, 201);
}

Response update(Ctx& c) {
  Access::require(c.me(), perm::kUsersManage);
  long long id = c.id_param(0);
  json b = c.body();
  long long version = req_int(b, "version");
  json out;
  c.app.db().transact([&](soci::session& s) {
    UserRow current = visible_user(c, s, id);
    if (current.id == c.me().user_id && !opt_bool(b, "active", true))
      throw Error::Validation("active", "Không thể tự khóa tài khoản của mình", "You cannot deactivate yourself");
    UserInput in = read_input(c, s, b, c.app.hierarchy()->by_id(current.org_unit_id), current.roles);
    in.username = current.username;
    update_user(s, id, version, in, actor_of(c));
    out = render_user(c.app, s, *get_user(s, id));
  });
  c.app.forget_sessions_of(id);  // roles, scope or active may have changed
  return Response::json(out);
}

Response reset_password(Ctx& c) {
  Access::require(c.me(), perm::kUsersManage);
  long long id = c.id_param(0);
  json b = c.body();
  std::string pw = req_string(b, "newPassword", 128);
  validate_password(pw, "newPassword");
  const std::string hash = security::hash_password(pw);  // before the transaction, never in it
  c.app.db().transact([&](soci::session& s) {
    UserRow u = visible_user(c, s, id);
    set_password_hash(s, u.id, hash, true, actor_of(c));
    delete_user_sessions(s, u.id);
  });
  c.app.forget_sessions_of(id);
  return Response::no_content();
}
}  // namespace

void add_users_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/roles", Auth::Session, roles, "Roles and their permissions", perm::kUsersRead});
  r.push_back({"GET", "/api/users", Auth::Session, list, "Users in the caller's scope", perm::kUsersRead});
  r.push_back({"POST", "/api/users", Auth::Session, create, "Create a user (users.manage, in scope)", perm::kUsersManage});
  r.push_back({"GET", "/api/users/{id}", Auth::Session, get, "One user in scope", perm::kUsersRead});
  r.push_back({"PUT", "/api/users/{id}", Auth::Session, update, "Update a user (optimistic concurrency on version)", perm::kUsersManage});
  r.push_back({"POST", "/api/users/{id}/reset-password", Auth::Session, reset_password, "Set a new password the user must change", perm::kUsersManage});
}

}  // namespace longghep
