#include "domain/access.hpp"

#include <algorithm>
#include <set>

#include "domain/error.hpp"

namespace longghep {

bool Access::behind_wall(const std::set<std::string>& roles) {
  for (const char* r : kEnforcementRoles)
    if (roles.count(r)) return true;
  return false;
}

bool Access::is_support_permission(std::string_view permission) { return permission.substr(0, 6) == "cases."; }

bool Access::has(const Principal& p, std::string_view permission) {
  if (is_support_permission(permission) && behind_wall(p.roles)) return false;  // the wall
  return p.permissions.count(std::string(permission)) > 0;
}

void Access::require_role(const Principal& p, const std::string& role) {
  if (!p.roles.count(role)) throw Error::Forbidden();
}

void Access::require(const Principal& p, std::string_view permission) {
  if (!has(p, permission)) throw Error::Forbidden();
}

bool Access::can_see_unit(const Principal& p, long long unit_id) { return p.scope.contains(unit_id); }

void Access::require_unit_visible(const Principal& p, long long unit_id, const std::string& what_vi,
                                  const std::string& what_en) {
  if (!can_see_unit(p, unit_id)) throw Error::NotFound(what_vi, what_en);
}

void Access::require_unit_assignable(const Principal& p, long long unit_id, const std::string& field) {
  if (!can_see_unit(p, unit_id))
    throw Error(403, "forbidden", "Đơn vị nằm ngoài phạm vi quản lý của bạn", "The org unit is outside your scope", field);
}

std::vector<long long> Access::units_above_scope(const Principal& p, const Hierarchy& h) {
  std::vector<long long> out;
  if (p.scope.all()) return out;
  for (long long id : p.scope.ids()) {
    const OrgUnit* u = h.by_id(id);
    if (!u) continue;
    for (Date d : {u->validity.from, u->validity.to})
      for (const OrgUnit* a : h.ancestors(*u, d))
        if (!p.scope.contains(a->id)) out.push_back(a->id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool Access::can_see_issued(const Principal& p, long long issuing_unit, const std::vector<long long>& above,
                            const std::vector<long long>& related_units) {
  if (can_see_unit(p, issuing_unit) || std::binary_search(above.begin(), above.end(), issuing_unit)) return true;
  for (long long u : related_units)
    if (can_see_unit(p, u)) return true;
  return false;
}

std::optional<long long> Access::assignment_agency(const Principal& p) {
  if (p.roles.count("agency_focal_point") && !has(p, perm::kDirectivesManage)) return p.agency_id;
  return std::nullopt;
}

bool Access::can_see_assignment(const Principal& p, long long unit_id, const std::vector<long long>& agencies) {
  if (!can_see_unit(p, unit_id)) return false;
  auto only = assignment_agency(p);
  if (!only) return true;
  return *only != 0 && std::find(agencies.begin(), agencies.end(), *only) != agencies.end();
}

void Access::require_can_grant(const Principal& p,
                               const std::vector<std::set<std::string>>& role_permissions) {
  for (const auto& perms : role_permissions)
    for (const auto& x : perms)
      if (!has(p, x))
        throw Error(403, "forbidden", "Bạn không thể cấp vai trò có quyền mà bạn không có",
                    "You cannot grant a role with permissions you do not hold", "roles");
}

bool Access::is_predecessor_of_home(const Principal& p, const Hierarchy& h, long long unit_id) {
  if (unit_id == p.org_unit_id) return true;
  std::set<long long> seen{p.org_unit_id};
  std::vector<long long> stack{p.org_unit_id};
  while (!stack.empty() && seen.size() < 100000) {
    const long long x = stack.back();
    stack.pop_back();
    for (const LineageEvent* e : h.predecessors(x)) {
      if (e->from_id == unit_id) return true;
      if (seen.insert(e->from_id).second) stack.push_back(e->from_id);
    }
  }
  return false;
}

Access::ActingFor Access::acting_for(const Principal& p, const Hierarchy& h, const OrgUnit& u, Date from, Date to,
                                     Date today) {
  if (u.id == p.org_unit_id) return {Acting::own, ""};
  if (assignment_agency(p)) return {Acting::none, "not_successor"};
  const bool ended = u.validity.to < today;
  const bool successor = ended && is_predecessor_of_home(p, h, u.id);
  const OrgUnit* home = h.by_id(p.org_unit_id);
  const bool province_officer = ended && home && home->kind == "province" && has(p, perm::kReportsReview) &&
                                can_see_unit(p, u.id);
  if (!successor && !province_officer) return {Acting::none, "not_successor"};
  if (from > u.validity.to || to < u.validity.from) return {Acting::none, "unit_ceased"};
  return {Acting::on_behalf, ""};
}

const OrgUnit* Access::reviewing_level(const Principal& p, const Hierarchy& h, const OrgUnit& u, Date from, Date to,
                                       Date today, Acting* how) {
  const Date on = std::min(to, u.validity.to);
  auto chain = h.ancestors(u, on);  // root first
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const ActingFor a = acting_for(p, h, **it, from, to, today);
    if (a.how != Acting::none) {
      if (how) *how = a.how;
      return *it;
    }
  }
  return nullptr;
}

bool Access::carries_approval(const std::set<std::string>& permissions) {
  for (const char* a : perm::kApprovalPermissions)
    if (permissions.count(a)) return true;
  return false;
}

void Access::require_can_grant_approval(const Principal& p, const std::set<std::string>& before,
                                        const std::set<std::string>& granted) {
  if (has(p, perm::kUsersGrantApproval)) return;
  for (const char* a : perm::kApprovalPermissions)
    if (granted.count(a) && !before.count(a))
      throw Error(403, "forbidden",
                  "Chỉ cấp trên cấp tỉnh (Bộ, quản trị hệ thống) mới tạo hoặc cấp tài khoản có quyền phê duyệt, tiếp nhận",
                  "Only above the province (the ministry, a system administrator) may create or grant accounts with "
                  "approval rights",
                  "roles");
}

bool Access::allowed_while_password_change_required(const std::string& method, const std::string& path) {
  return (method == "GET" && path == "/api/me") || (method == "POST" && path == "/api/me/password") ||
         (method == "POST" && path == "/api/auth/logout");
}

void Access::restrict_to_token(Principal& owner, const std::set<std::string>& token_permissions, long long token_id) {
  std::set<std::string> both;
  for (const auto& x : owner.permissions)
    if (token_permissions.count(x)) both.insert(x);
  owner.permissions = std::move(both);
  owner.token_id = token_id;
}

bool Access::allowed_with_token(const std::string& method, const std::string& pattern) {
  (void)method;
  return !(pattern == "/api/tokens" || pattern.rfind("/api/tokens/", 0) == 0 || pattern.rfind("/api/auth/", 0) == 0 ||
           pattern == "/api/setup" || pattern == "/api/me/password" || pattern == "/api/users/{id}/reset-password");
}

void Access::require_can_create_token(const Principal& caller, const Principal& owner,
                                      const std::vector<std::string>& permissions) {
  require(caller, perm::kTokensCreate);
  std::string missing;
  for (const auto& x : permissions)
    if (!has(owner, x)) missing += (missing.empty() ? "" : ", ") + x;
  if (!missing.empty())
    throw Error::Validation("permissions", "Chủ mã truy cập không có các quyền: " + missing,
                            "The token's owner does not hold these permissions: " + missing);
  for (const auto& x : permissions)
    if (!has(caller, x))
      throw Error(403, "forbidden", "Bạn không thể trao quyền mà bạn không có: " + x,
                  "You cannot hand on a permission you do not hold: " + x, "permissions");
}

bool TwoPersonRule::independent(long long approver_created_by, const std::string& approver_created_at, long long submitter_id,
                                const std::string& submitted_at) {
  try {
    require_independent(approver_created_by, approver_created_at, submitter_id, submitted_at);
    return true;
  } catch (const Error&) {
    return false;
  }
}

void TwoPersonRule::require_independent(long long created_by, const std::string& created_at, long long submitter_id,
                                        const std::string& submitted_at) {
  if (submitter_id != 0 && created_by == submitter_id)
    throw Error(403, "not_independent",
                "Tài khoản của bạn do chính người gửi tạo nên không được phê duyệt, tiếp nhận hoặc trả lại hồ sơ này "
                "(nguyên tắc hai người)",
                "Your account was created by the submitter, so it cannot approve, accept or return this submission "
                "(two-person rule)");
  // ISO 8601 UTC strings of one format compare as times.
  if (!submitted_at.empty() && !created_at.empty() && created_at > submitted_at)
    throw Error(403, "not_independent",
                "Tài khoản của bạn được tạo sau khi hồ sơ được gửi nên không được phê duyệt, tiếp nhận hoặc trả lại hồ "
                "sơ này (nguyên tắc hai người)",
                "Your account was created after this was submitted, so it cannot approve, accept or return it "
                "(two-person rule)");
}

void validate_password(const std::string& pw, const std::string& field) {
  bool letter = false, digit = false;
  for (unsigned char c : pw) {
    if (std::isalpha(c) || c >= 0x80) letter = true;
    if (std::isdigit(c)) digit = true;
  }
  if (pw.size() < 8 || pw.size() > 128 || !letter || !digit)
    throw Error::Validation(field, "Mật khẩu phải có 8–128 ký tự, gồm cả chữ và số",
                            "Password must be 8–128 characters with letters and digits");
}

void validate_username(const std::string& u) {
  bool ok = u.size() >= 2 && u.size() <= 64;
  for (char c : u)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) ok = false;
  if (!ok)
    throw Error::Validation("username", "Tên đăng nhập gồm 2–64 ký tự a-z, 0-9, dấu chấm, gạch dưới, gạch ngang",
                            "Username must be 2–64 characters of a-z, 0-9, '.', '_', '-'");
}

}  // namespace longghep
