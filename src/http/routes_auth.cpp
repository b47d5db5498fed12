// Sign-in, sign-out, the current user, password change, and first-run setup.
#include <spdlog/spdlog.h>

#include "domain/error.hpp"
#include "http/app.hpp"
#include "http/reports_document.hpp"
#include "http/render.hpp"
#include "security/crypto.hpp"
#include "storage/users.hpp"

namespace longghep {
using nlohmann::json;

namespace {
std::string session_cookie(const App& app, const std::string& token, long long max_age) {
  std::string c = "lg_session=" + token + "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" + std::to_string(max_age);
  if (app.options().cookie_secure) c += "; Secure";
  return c;
}

Response login(Ctx& c) {
  json b = c.body();
  std::string username = req_string(b, "username", 64), password = req_string(b, "password", 128);
  const long long since = now_unix() - LoginThrottle::kWindowSeconds;
  std::optional<UserRow> user;
  int failures = 0;
  // The attempt counts as a failure until the password is verified, so that parallel attempts
  // count against each other; a success then clears the failures.
  c.app.db().transact([&](soci::session& s) {
    lock_login_attempts(s);
    failures = recent_login_failures(s, username, since);
    if (LoginThrottle::allowed(failures)) record_login_attempt(s, username, c.req.remote_ip, false);
  });
  if (!LoginThrottle::allowed(failures))
    throw Error(429, "too_many_attempts", "Đăng nhập sai quá nhiều lần, vui lòng thử lại sau 15 phút",
                "Too many failed sign-in attempts; try again in 15 minutes");
  c.app.db().with_session([&](soci::session& s) { user = find_user(s, username); });
  // Verify against a dummy hash when the user does not exist, so timing does not reveal it.
  static const std::string dummy = security::hash_password("not-a-real-password-1");
  bool ok = security::verify_password(user ? user->password_hash : dummy, password) && user && user->active;
  if (ok) c.app.db().transact([&](soci::session& s) { record_login_attempt(s, username, c.req.remote_ip, true); });
  if (!ok) {
    spdlog::warn("failed login for {} from {}", username, c.req.remote_ip);
    throw Error(401, "invalid_credentials", "Tên đăng nhập hoặc mật khẩu không đúng", "Wrong username or password");
  }
  std::pair<std::string, std::string> tokens;
  c.app.db().transact([&](soci::session& s) { tokens = create_session(s, user->id, c.app.options().session_ttl_seconds); });
  json me;
  c.app.db().with_session([&](soci::session& s) {
    me = render_me(c.app, s, *user, tokens.second);
    // The key material of the web app's encrypted local store (docs/ARCHITECTURE.md "Offline"):
    // only to the session's own user, in the answer that set its cookie; never logged.
    if (auto session = find_session(s, tokens.first)) me["offlineSecret"] = session->offline_secret;
  });
  Response r = Response::json({{"user", me}, {"csrfToken", tokens.second}});
  r.headers.push_back({"Set-Cookie", session_cookie(c.app, tokens.first, c.app.options().session_ttl_seconds)});
  return r;
}

Response logout(Ctx& c) {
  c.app.db().with_session([&](soci::session& s) { delete_session(s, c.session_token); });
  c.app.forget_session(c.session_token);
  Response r = Response::no_content();
  r.headers.push_back({"Set-Cookie", session_cookie(c.app, "", 0)});
  return r;
}

Response me(Ctx& c) {
  json out;
  c.app.db().with_session([&](soci::session& s) {
    auto u = get_user(s, c.me().user_id);
    auto session = find_session(s, c.session_token);
    out = render_me(c.app, s, *u, session ? session->csrf_token : "");
    // Only over the cookie session (a call made with another credential has no session token).
    if (session && !c.session_token.empty()) out["offlineSecret"] = session->offline_secret;
  });
  return Response::json(out);
}

// The signer the official documents print for the caller (Decree 30 signature block).
Response put_signer(Ctx& c) {
  json b = c.body();
  auto field = [&](const char* k) {
    if (!b.contains(k) || b[k].is_null()) return std::string();
    if (!b[k].is_string()) throw Error::Validation(k, std::string(k) + " phải là chuỗi", std::string(k) + " must be a string");
    return b[k].get<std::string>();
  };
  const std::string title = checked_signer_title(field("signerTitle")), name = checked_signer_name(field("signerName"));
  c.app.db().transact([&](soci::session& s) { set_signer(s, c.me().user_id, title, name, actor_of(c)); });
  return me(c);
}

Response change_password(Ctx& c) {
  json b = c.body();
  std::string current = req_string(b, "currentPassword", 128), next = req_string(b, "newPassword", 128);
  validate_password(next, "newPassword");
  if (current == next)
    throw Error::Validation("newPassword", "Mật khẩu mới phải khác mật khẩu cũ", "The new password must differ from the current one");
  // Verify and hash outside any transaction (argon2id takes ~0.1 s); the write then checks that
  // the password verified is still the one stored.
  std::optional<UserRow> u;
  c.app.db().with_session([&](soci::session& s) { u = get_user(s, c.me().user_id); });
  if (!u) throw Error::Unauthenticated();
  if (!security::verify_password(u->password_hash, current))
    throw Error::Validation("currentPassword", "Mật khẩu hiện tại không đúng", "The current password is wrong");
  const std::string hash = security::hash_password(next);
  c.app.db().transact([&](soci::session& s) {
    auto now = get_user(s, u->id);
    if (!now || now->password_hash != u->password_hash) throw Error::Conflict();
    set_password_hash(s, u->id, hash, false, Actor{u->id, u->username});
    delete_other_sessions(s, u->id, c.session_token);  // this session stays; every other one ends
  });
  c.app.forget_sessions_of(c.me().user_id);
  return Response::no_content();
}

Response setup_status(Ctx& c) {
  long long n = 0;
  c.app.db().with_session([&](soci::session& s) { n = count_users(s); });
  return Response::json({{"needed", n == 0}});
}

Response setup(Ctx& c) {
  json b = c.body();
  UserInput in;
  in.username = req_string(b, "username", 64);
  in.password = req_string(b, "password", 128);
  in.full_name = req_string(b, "fullName");
  in.roles = {"system_admin"};
  HierarchyPtr h = c.app.hierarchy();
  auto roots = h->roots(Date::today_vn());
  if (roots.empty())
    throw Error(409, "conflict", "Chưa có đơn vị hành chính gốc; hãy chạy longghep import-units hoặc demo trước",
                "No root org unit yet; run longghep import-units or demo first");
  in.org_unit_id = roots.front()->id;
  validate_password(in.password);
  in.password_hash = security::hash_password(in.password);  // before the transaction, never in it
  long long id = 0;
  c.app.db().transact([&](soci::session& s) {
    lock_users(s);  // concurrent setups: only the first may create an administrator
    if (count_users(s) > 0)
      throw Error(409, "conflict", "Hệ thống đã có quản trị viên", "The system already has an administrator");
    id = create_user(s, in, false, Actor{0, "setup"});
  });
  return Response::json({{"id", id}, {"username", in.username}}, 201);
}
}  // namespace

void add_auth_routes(std::vector<Route>& r) {
  r.push_back({"POST", "/api/auth/login", Auth::Public, login, "Sign in; sets the lg_session cookie"});
  r.push_back({"POST", "/api/auth/logout", Auth::Session, logout, "Sign out"});
  r.push_back({"GET", "/api/me", Auth::Session, me, "The signed-in user, permissions and CSRF token"});
  r.push_back({"POST", "/api/me/password", Auth::Session, change_password, "Change own password"});
  r.push_back({"PUT", "/api/me/signer", Auth::Session, put_signer, "Set the signer's title and name printed on own official documents"});
  r.push_back({"GET", "/api/setup", Auth::Public, setup_status, "Whether first-run setup is needed"});
  r.push_back({"POST", "/api/setup", Auth::Public, setup, "Create the first system administrator"});
}

}  // namespace longghep
