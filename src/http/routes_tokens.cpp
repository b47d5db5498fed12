// API tokens (issue 21 §1; domain/api_tokens.hpp, docs/ARCHITECTURE.md "Authentication"):
// a user's tokens for machine access, each with a subset of the owner's permissions, a set of HTTP
// methods, optional address ranges and an expiry of at most 365 days. The secret is returned once,
// by the create call; only its SHA-256 is stored. An administrator (users.manage) lists, creates
// and revokes the tokens of the users in scope (a service account). A token itself can never call
// these routes (App::dispatch, Access::allowed_with_token).
#include <algorithm>

#include "domain/api_tokens.hpp"
#include "domain/error.hpp"
#include "http/app.hpp"
#include "security/crypto.hpp"
#include "storage/api_tokens.hpp"
#include "storage/users.hpp"

namespace longghep {
using nlohmann::json;

namespace {

std::string status_of(const ApiTokenRow& t, long long now) {
  if (!t.revoked_at.empty()) return "revoked";
  if (t.expires_at <= now) return "expired";
  return "active";
}

json render(soci::session& s, const ApiTokenRow& t) {
  auto name_of = [&](long long id) { return id ? json(username_of(s, id).value_or("")) : json(nullptr); };
  return {{"id", t.id},
          {"userId", t.user_id},
          {"username", username_of(s, t.user_id).value_or("")},
          {"name", t.name},
          {"prefix", t.prefix},
          {"permissions", t.permissions},
          {"methods", t.methods},
          {"addressRanges", t.address_ranges},
          {"expiresAt", iso_of_unix(t.expires_at)},
          {"createdAt", t.created_at},
          {"createdBy", name_of(t.created_by)},
          {"lastUsedAt", t.last_used_at.empty() ? json(nullptr) : json(t.last_used_at)},
          {"lastUsedIp", t.last_used_ip.empty() ? json(nullptr) : json(t.last_used_ip)},
          {"revokedAt", t.revoked_at.empty() ? json(nullptr) : json(t.revoked_at)},
          {"revokedBy", name_of(t.revoked_by)},
          {"status", status_of(t, now_unix())},
          {"version", t.version}};
}

// The owner a caller acts on: itself, or (users.manage) a user whose home unit is in scope —
// 404 outside it, so existence does not leak.
UserRow owner_for(Ctx& c, soci::session& s, long long user_id) {
  if (user_id != c.me().user_id) Access::require(c.me(), perm::kUsersManage);
  auto u = get_user(s, user_id);
  if (!u || (user_id != c.me().user_id && !Access::can_see_unit(c.me(), u->org_unit_id)))
    throw Error::NotFound("người dùng", "User");
  return *u;
}

// The token of `id` if the caller may act on it (its owner, or users.manage over the owner's unit).
std::pair<ApiTokenRow, UserRow> visible_token(Ctx& c, soci::session& s, long long id) {
  auto t = get_api_token(s, id);
  if (!t) throw Error::NotFound("mã truy cập API", "API token");
  if (t->user_id != c.me().user_id) {
    auto u = get_user(s, t->user_id);
    if (!Access::has(c.me(), perm::kUsersManage) || !u || !Access::can_see_unit(c.me(), u->org_unit_id))
      throw Error::NotFound("mã truy cập API", "API token");
    return {*t, *u};
  }
  return {*t, *get_user(s, t->user_id)};
}

Response list(Ctx& c) {
  const long long user = c.id_q("user").value_or(c.me().user_id);
  json items = json::array();
  c.app.db().with_session([&](soci::session& s) {
    owner_for(c, s, user);
    for (const auto& t : list_api_tokens(s, user)) items.push_back(render(s, t));
  });
  return Response::json({{"items", items}});
}

// An optional array of strings (absent: `fallback`), at most `max` items of at most `len` bytes.
std::vector<std::string> string_list(const json& b, const std::string& field, size_t max, std::vector<std::string> fallback) {
  if (!b.contains(field) || b[field].is_null()) return fallback;
  return req_string_array(b, field, max);
}

Response create(Ctx& c) {
  json b = c.body();
  const std::string name = req_string(b, "name", 100);
  if (name.find_first_not_of(" \t") == std::string::npos)
    throw Error::Validation("name", "Tên mã truy cập không được để trống", "The token's name must not be empty");
  const long long owner_id = opt_int(b, "userId").value_or(c.me().user_id);

  std::vector<std::string> permissions = req_string_array(b, "permissions", std::size(perm::kAll));
  std::sort(permissions.begin(), permissions.end());
  permissions.erase(std::unique(permissions.begin(), permissions.end()), permissions.end());
  if (permissions.empty())
    throw Error::Validation("permissions", "Chọn ít nhất một quyền cho mã truy cập", "Choose at least one permission");
  for (const auto& p : permissions)
    if (std::none_of(std::begin(perm::kAll), std::end(perm::kAll), [&](const char* k) { return p == k; }))
      throw Error::Validation("permissions", "Quyền không tồn tại: " + p, "Unknown permission: " + p);

  std::vector<std::string> methods = string_list(b, "methods", 4, {"GET"});
  if (methods.empty())
    throw Error::Validation("methods", "Chọn ít nhất một phương thức (GET, POST, PUT, DELETE)",
                            "Choose at least one method (GET, POST, PUT, DELETE)");
  for (const auto& m : methods)
    if (!api_tokens::known_method(m))
      throw Error::Validation("methods", "Phương thức không hợp lệ: " + m + " (chỉ GET, POST, PUT, DELETE)",
                              "Unknown method: " + m + " (only GET, POST, PUT, DELETE)");
  {
    std::vector<std::string> ordered;
    for (const char* m : api_tokens::kMethods)
      if (std::find(methods.begin(), methods.end(), m) != methods.end()) ordered.push_back(m);
    methods = ordered;
  }

  std::vector<std::string> ranges;
  for (const auto& r : string_list(b, "addressRanges", api_tokens::kMaxRanges, {})) {
    auto cidr = api_tokens::parse_cidr(r);
    if (!cidr)
      throw Error::Validation("addressRanges",
                              "Dải địa chỉ không hợp lệ: " + r + " (dạng 192.168.1.0/24, 2001:db8::/32 hoặc một địa chỉ)",
                              "Invalid address range: " + r + " (e.g. 192.168.1.0/24, 2001:db8::/32 or one address)");
    const std::string t = cidr->text();
    if (std::find(ranges.begin(), ranges.end(), t) == ranges.end()) ranges.push_back(t);
  }

  // The expiry: exactly one of expiresAt (a day: valid to its end, Vietnam time), days, expiresInSeconds.
  const long long now = now_unix();
  const bool has_at = b.contains("expiresAt") && !b["expiresAt"].is_null();
  const bool has_days = b.contains("days") && !b["days"].is_null();
  const bool has_secs = b.contains("expiresInSeconds") && !b["expiresInSeconds"].is_null();
  if (int(has_at) + int(has_days) + int(has_secs) != 1)
    throw Error::Validation("expiresAt", "Cho biết hạn dùng: ngày hết hạn (expiresAt) hoặc số ngày (days)",
                            "Give the expiry: a date (expiresAt) or a number of days (days)");
  long long expires_at = 0;
  std::string expiry_field = "expiresAt";
  if (has_at) {
    const Date d = Date::parse_or_throw(req_string(b, "expiresAt", 10), "expiresAt");
    expires_at = (static_cast<long long>(d.days_since_epoch()) + 1) * 86400 - 7 * 3600 - 1;  // 23:59:59 UTC+7
  } else if (has_days) {
    expiry_field = "days";
    const long long days = req_int(b, "days");
    if (days < 1 || days > 365)
      throw Error::Validation("days", "Số ngày hiệu lực phải từ 1 đến 365", "Days must be from 1 to 365");
    expires_at = now + days * 86400;
  } else {
    expiry_field = "expiresInSeconds";
    const long long secs = req_int(b, "expiresInSeconds");
    if (secs < 1 || secs > api_tokens::kMaxLifetimeSeconds)
      throw Error::Validation("expiresInSeconds", "Thời hạn phải từ 1 giây đến 365 ngày",
                              "The lifetime must be from 1 second to 365 days");
    expires_at = now + secs;
  }
  if (expires_at <= now)
    throw Error::Validation(expiry_field, "Ngày hết hạn phải sau thời điểm hiện tại", "The expiry must be in the future");
  if (expires_at > now + api_tokens::kMaxLifetimeSeconds + 86400)  // a date: up to the end of its day
    throw Error::Validation(expiry_field, "Mã truy cập API có hạn tối đa 365 ngày", "An API token lasts at most 365 days");

  const std::string secret = std::string(api_tokens::kPrefix) + security::random_token_b64url(32);
  json out;
  c.app.db().transact([&](soci::session& s) {
    const UserRow owner = owner_for(c, s, owner_id);
    if (!owner.active)
      throw Error::Validation("userId", "Tài khoản đã bị khóa, không thể tạo mã truy cập", "The account is disabled");
    Principal op;
    op.user_id = owner.id;
    op.roles = owner.roles;
    op.permissions = permissions_of(s, owner.roles);
    Access::require_can_create_token(c.me(), op, permissions);
    if (count_live_api_tokens(s, owner.id, now) >= static_cast<long long>(api_tokens::kMaxActivePerUser))
      throw Error::Validation("name", "Mỗi tài khoản có tối đa 50 mã truy cập còn hạn; hãy thu hồi mã không dùng",
                              "An account has at most 50 live tokens; revoke unused ones");
    ApiTokenInput in;
    in.user_id = owner.id;
    in.owner_unit_id = owner.org_unit_id;
    in.name = name;
    in.prefix = api_tokens::shown_prefix(secret);
    in.secret_hash = security::sha256_hex(secret);
    in.permissions = permissions;
    in.methods = methods;
    in.address_ranges = ranges;
    in.expires_at = expires_at;
    const long long id = create_api_token(s, in, actor_of(c));
    out = render(s, *get_api_token(s, id));
  });
  out["secret"] = secret;  // shown once
  return Response::json(out, 201);
}

Response revoke(Ctx& c) {
  const long long id = c.id_param(0);
  json out;
  c.app.db().transact([&](soci::session& s) {
    auto [t, owner] = visible_token(c, s, id);
    revoke_api_token(s, id, owner.org_unit_id, actor_of(c));  // idempotent: nothing written twice
    out = render(s, *get_api_token(s, id));
  });
  c.app.forget_api_token(id);  // the next call with it is refused at once
  return Response::json(out);
}

Response uses(Ctx& c) {
  const long long id = c.id_param(0);
  const int limit = c.int_q("limit", 1, 1000).value_or(100);
  json items = json::array();
  c.app.db().with_session([&](soci::session& s) {
    visible_token(c, s, id);
    for (const auto& u : list_api_token_uses(s, id, limit))
      items.push_back({{"at", u.at}, {"method", u.method}, {"path", u.path}, {"status", u.status}, {"ip", u.ip}});
  });
  return Response::json({{"items", items}});
}
}  // namespace

void add_tokens_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/tokens", Auth::Session, list, "API tokens of the caller (?user= of a user in scope: users.manage)"});
  r.push_back({"POST", "/api/tokens", Auth::Session, create,
               "Create an API token (tokens.create; userId: users.manage in scope); the secret is returned once",
               perm::kTokensCreate});
  r.push_back({"POST", "/api/tokens/{id}/revoke", Auth::Session, revoke, "Revoke an API token (owner, or users.manage in scope)"});
  r.push_back({"GET", "/api/tokens/{id}/uses", Auth::Session, uses, "Recent uses of an API token (owner, or users.manage in scope)"});
}

}  // namespace longghep
