#include "http/render.hpp"

#include "domain/error.hpp"

#include "storage/agencies.hpp"
#include "storage/org_units.hpp"

namespace longghep {
using nlohmann::json;

json unit_ref_or_null(const Hierarchy& h, long long id) {
  const OrgUnit* u = h.by_id(id);
  return u ? org_unit_ref(*u) : json(nullptr);
}

const OrgUnit& resolve_unit_code(const Hierarchy& h, const std::string& code, std::optional<Date> as_of,
                                 const std::string& field, const std::string& as_of_field, const OrgUnit* keep) {
  if (as_of) {
    const OrgUnit* u = h.find(code, *as_of);
    if (!u) throw Error::OrgUnitFieldNotFound(code, field, *as_of);
    return *u;
  }
  if (keep && keep->code == code) return *keep;
  if (h.code_is_ambiguous(code)) {
    json candidates = json::array();
    for (const OrgUnit* v : h.versions(code)) candidates.push_back(org_unit_ref(*v));
    Error e(409, "ambiguous_org_unit",
            "Mã " + code + " là của nhiều đơn vị khác nhau theo thời gian; hãy chọn đơn vị (ghi " + as_of_field + ")",
            "The code " + code + " names different units on different dates; choose one (give " + as_of_field + ")", field);
    e.with_extra_json(json{{"candidates", candidates}}.dump());
    throw e;
  }
  const Date today = Date::today_vn();
  const OrgUnit* u = h.find(code, today);
  if (!u) throw Error::OrgUnitFieldNotFound(code, field, today);
  return *u;
}

json render_user(App& app, soci::session& s, const UserRow& u) {
  HierarchyPtr h = app.hierarchy();
  json agency = nullptr;
  if (u.agency_id)
    if (auto a = agency_head(s, u.agency_id)) agency = {{"id", u.agency_id}, {"name", a->name}, {"shortName", a->short_name}};
  const SignerProfile signer = signer_profile(s, u.id);
  json created_by = nullptr;  // who created the account (the two-person rule); null: setup, CLI, older
  if (u.created_by)
    if (auto name = username_of(s, u.created_by)) created_by = {{"id", u.created_by}, {"username", *name}};
  return {{"id", u.id}, {"username", u.username}, {"fullName", u.full_name}, {"email", u.email},
          {"signerTitle", signer.title}, {"signerName", signer.name},
          {"orgUnit", unit_ref_or_null(*h, u.org_unit_id)}, {"agency", agency}, {"roles", u.roles},
          {"active", u.active}, {"mustChangePassword", u.must_change_password}, {"version", u.version},
          {"createdAt", u.created_at}, {"createdBy", created_by}, {"updatedAt", u.updated_at}};
}

json render_me(App& app, soci::session& s, const UserRow& u, const std::string& csrf) {
  json j = render_user(app, s, u);
  // what the web shows follows Access::has: the wall hides the support permissions (issue 16)
  json perms = json::array();
  for (const auto& p : permissions_of(s, u.roles))
    if (!(Access::is_support_permission(p) && Access::behind_wall(u.roles))) perms.push_back(p);
  j["permissions"] = perms;
  j["csrfToken"] = csrf;
  return j;
}

}  // namespace longghep
