#include "http/app.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/api_tokens.hpp"
#include "domain/error.hpp"
#include "http/mail_sender.hpp"
#include "http/routes.hpp"
#include "security/crypto.hpp"
#include "storage/agencies.hpp"
#include "storage/api_tokens.hpp"
#include "storage/idempotency.hpp"
#include "storage/mail_outbox.hpp"
#include "storage/org_units.hpp"
#include "storage/users.hpp"

namespace longghep {
using nlohmann::json;

namespace {
long long now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}
constexpr long long kCatalogReloadMs = 10000;

bool is_state_changing(const std::string& m) { return m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE"; }
}  // namespace

App::App(HttpOptions opt, std::unique_ptr<Database> db) : opt_(std::move(opt)), db_(std::move(db)) {
  routes_ = all_routes(opt_.bench_routes);
  if (opt_.response_cache_mb > 0)
    response_cache_ = std::make_unique<ResponseCache>(static_cast<size_t>(opt_.response_cache_mb) << 20, kResponseCacheTtlMs,
                                                      kResponseCacheMaxEntry);
  reload_hierarchy();
  analytics_ = std::make_unique<AnalyticsIndex>(*db_);
  analytics_->rebuild();
  watcher_ = std::thread([this] { watch(); });
  set_mail_queueing(opt_.mail.enabled(), opt_.mail.public_url);
  if (opt_.mail.enabled()) {
    mail_sender_ = std::make_unique<MailSender>(*db_, opt_.mail);
    mail_sender_->start();
  }
}

App::~App() { stop_watcher(); }

void App::stop_watcher() {
  if (mail_sender_) mail_sender_->stop();
  {
    std::lock_guard lock(watch_mu_);
    if (stopping_) return;
    stopping_ = true;
    stop_flag_ = true;
  }
  watch_cv_.notify_all();
  if (watcher_.joinable()) watcher_.join();
}

// The background watcher: one connection of its own (never a pooled one), so requests never wait
// for it and it never waits for them. Every AnalyticsIndex::kCheckMs it looks at the two revisions
// another process may move — the hierarchy's and the activities' — and applies what changed.
void App::watch() {
  std::unique_ptr<soci::session> s;
  long long last_catalog = now_ms();
  auto wait = [&](long long ms) {
    std::unique_lock lock(watch_mu_);
    watch_cv_.wait_for(lock, std::chrono::milliseconds(ms), [&] { return stopping_; });
    return !stopping_;
  };
  while (wait(AnalyticsIndex::kCheckMs)) {
    try {
      if (!s) s = db_->open_dedicated();
      long long rev = hierarchy_revision(*s);
      bool stale;
      {
        std::lock_guard lock(mu_);
        stale = rev != revision_;
      }
      if (stale) reload_hierarchy(*s);
      const bool applied = analytics_->catch_up(*s, stop_flag_);
      if (!applied && now_ms() - last_catalog > kCatalogReloadMs) analytics_->reload_catalog(*s);
      if (applied || now_ms() - last_catalog > kCatalogReloadMs) last_catalog = now_ms();
    } catch (const std::exception& e) {
      if (stop_flag_) break;
      spdlog::warn("watcher: {} (retrying)", e.what());
      s.reset();  // a lost connection is opened again on the next round
      if (!wait(2000)) break;
    }
  }
}

void App::reload_hierarchy() {
  db_->with_session([&](soci::session& s) { reload_hierarchy(s); });
}

void App::reload_hierarchy(soci::session& s) {
  const long long rev = hierarchy_revision(s);
  std::shared_ptr<Hierarchy> h = load_hierarchy(s);
  std::shared_ptr<ProgrammeRoles> roles = load_programme_roles(s);
  std::lock_guard lock(mu_);
  if (rev < revision_) return;  // a newer snapshot was installed meanwhile
  hierarchy_ = std::move(h);
  roles_ = std::move(roles);
  revision_ = rev;
  hierarchy_generation_.fetch_add(1, std::memory_order_acq_rel);
  scope_cache_.clear();
  std::lock_guard session_lock(session_mu_);
  session_cache_.clear();  // cached principals carry scopes of the old snapshot
  token_cache_.clear();
}

Response App::cached(const Ctx& c, const std::function<Response()>& compute) {
  if (!response_cache_ || !c.principal || c.req.body.size() > kResponseCacheMaxKeyBody) return compute();
  // The stamp first: an answer computed while a write lands is kept under a stamp already stale.
  const CacheStamp stamp{db_->commits(), analytics_->generation(), hierarchy_generation_.load(std::memory_order_acquire)};
  std::string key;
  key.reserve(128 + c.req.body.size());
  key.append(std::to_string(c.principal->user_id)).append("\x1f").append(c.req.method).append(" ").append(c.req.path);
  // A token's principal holds fewer permissions than its owner's session: never one answer for both.
  if (c.principal->token_id) key.append("\x1ftoken=").append(std::to_string(c.principal->token_id));
  for (const auto& [k, v] : c.req.query) key.append("\x1f").append(k).append("=").append(v);
  key.append("\x1f").append(Date::today_vn().iso()).append("\x1f").append(c.req.body);
  const auto now = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
  };
  if (auto body = response_cache_->get(key, stamp, now())) {
    Response r;
    r.body = *body;
    return r;
  }
  Response r = compute();
  if (r.status == 200 && !r.stream && r.headers.empty() && r.content_type == Response{}.content_type)
    response_cache_->put(key, stamp, now(), r.body);
  return r;
}

HierarchyPtr App::hierarchy() {
  std::lock_guard lock(mu_);
  return hierarchy_;
}

ProgrammeRolesPtr App::programme_roles() {
  hierarchy();  // refreshes both snapshots when stale
  std::lock_guard lock(mu_);
  return roles_;
}

Scope App::scope_for(long long home_unit_id) {
  HierarchyPtr h = hierarchy();
  {
    std::lock_guard lock(mu_);
    if (auto it = scope_cache_.find(home_unit_id); it != scope_cache_.end()) return it->second;
  }
  Scope s = h->scope_of(home_unit_id);
  std::lock_guard lock(mu_);
  scope_cache_[home_unit_id] = s;
  return s;
}

Principal App::load_principal(long long user_id) {
  Principal p;
  db_->with_session([&](soci::session& s) {
    auto u = get_user(s, user_id);
    if (!u || !u->active) throw Error::Unauthenticated();
    p.user_id = u->id;
    p.username = u->username;
    p.org_unit_id = u->org_unit_id;
    p.agency_id = u->agency_id;
    p.roles = u->roles;
    p.permissions = permissions_of(s, u->roles);
    p.created_by = u->created_by;
    p.created_at = u->created_at;
    p.must_change_password = u->must_change_password;
  });
  p.scope = scope_for(p.org_unit_id);
  return p;
}

std::optional<App::CachedSession> App::session_for(const std::string& token) {
  const long long now = now_ms();
  std::optional<CachedSession> cached;
  {
    std::lock_guard lock(session_mu_);
    auto it = session_cache_.find(token);
    if (it != session_cache_.end()) {
      if (now - it->second.cached_ms < kSessionCacheMs) return it->second;
      cached = it->second;
    }
  }
  std::optional<SessionRow> row;
  db_->with_session([&](soci::session& s) { row = find_session(s, token); });
  if (!row || !row->user_active) {
    forget_session(token);
    return std::nullopt;
  }
  // The session is still live: when its user has not changed since, the cached principal stands
  // (one statement every kSessionCacheMs instead of re-reading user, roles and permissions).
  CachedSession cs;
  if (cached && cached->principal.user_id == row->user_id && cached->user_version == row->user_version &&
      cached->csrf == row->csrf_token) {
    cs = *cached;
    cs.cached_ms = now;
  } else {
    cs = CachedSession{load_principal(row->user_id), row->csrf_token, now, row->user_version};
  }
  std::lock_guard lock(session_mu_);
  if (session_cache_.size() > 10000) session_cache_.clear();  // bound memory; entries reload
  session_cache_[token] = cs;
  return cs;
}

void App::forget_sessions_of(long long user_id) {
  std::lock_guard lock(session_mu_);
  std::erase_if(session_cache_, [&](const auto& kv) { return kv.second.principal.user_id == user_id; });
  std::erase_if(token_cache_, [&](const auto& kv) { return kv.second.principal.user_id == user_id; });
}

void App::forget_api_token(long long token_id) {
  std::lock_guard lock(session_mu_);
  std::erase_if(token_cache_, [&](const auto& kv) { return kv.second.principal.token_id == token_id; });
}

namespace {
Error token_error(const std::string& code, const std::string& vi, const std::string& en) {
  return Error(401, code, vi, en);
}
Error token_invalid(const std::string& why_vi = "", const std::string& why_en = "") {
  return token_error("token_invalid",
                     "Mã truy cập API không hợp lệ" + (why_vi.empty() ? std::string() : ": " + why_vi),
                     "Invalid API token" + (why_en.empty() ? std::string() : ": " + why_en));
}
}  // namespace

App::CachedToken App::token_for(const std::string& bearer, long long& token_id) {
  if (!api_tokens::well_formed(bearer)) throw token_invalid();
  const std::string hash = security::sha256_hex(bearer);
  const long long now = now_ms();
  std::optional<CachedToken> cached;
  {
    std::lock_guard lock(session_mu_);
    auto it = token_cache_.find(hash);
    if (it != token_cache_.end()) {
      cached = it->second;
      token_id = cached->principal.token_id;
    }
  }
  if (cached && now - cached->cached_ms < kSessionCacheMs) {
    if (cached->expires_at <= now_unix())
      throw token_error("token_expired", "Mã truy cập API đã hết hạn", "The API token has expired");
    return *cached;
  }
  std::optional<ApiTokenAuth> row;
  db_->with_session([&](soci::session& s) { row = find_api_token(s, hash); });
  auto drop = [&] {
    std::lock_guard lock(session_mu_);
    token_cache_.erase(hash);
  };
  if (!row) {  // found by the hash of the secret: an unknown token has no row
    drop();
    throw token_invalid();
  }
  token_id = row->token.id;
  if (!row->token.revoked_at.empty()) {
    drop();
    throw token_error("token_revoked", "Mã truy cập API đã bị thu hồi", "The API token has been revoked");
  }
  if (row->token.expires_at <= now_unix()) {
    drop();
    throw token_error("token_expired", "Mã truy cập API đã hết hạn", "The API token has expired");
  }
  if (!row->user_active) {
    drop();
    throw token_invalid("tài khoản chủ sở hữu đã bị khóa", "its owner's account is disabled");
  }
  if (row->user_must_change_password) {
    drop();
    throw token_invalid("chủ sở hữu phải đổi mật khẩu trước", "its owner must change their password first");
  }
  CachedToken ct;
  if (cached && cached->user_version == row->user_version && cached->token_version == row->token.version) {
    ct = *cached;
  } else {
    ct.principal = load_principal(row->token.user_id);
    Access::restrict_to_token(ct.principal, {row->token.permissions.begin(), row->token.permissions.end()}, row->token.id);
    ct.methods = row->token.methods;
    ct.address_ranges = row->token.address_ranges;
    ct.expires_at = row->token.expires_at;
    ct.user_version = row->user_version;
    ct.token_version = row->token.version;
  }
  ct.cached_ms = now;
  std::lock_guard lock(session_mu_);
  if (token_cache_.size() > 10000) token_cache_.clear();
  token_cache_[hash] = ct;
  return ct;
}

void App::forget_session(const std::string& token) {
  std::lock_guard lock(session_mu_);
  session_cache_.erase(token);
}

bool match_route(const std::string& pattern, const std::string& path, std::vector<std::string>& params) {
  params.clear();
  size_t i = 0, j = 0;
  while (i < pattern.size() && j <= path.size()) {
    if (pattern[i] == '{') {
      size_t close = pattern.find('}', i);
      size_t end = path.find('/', j);
      if (end == std::string::npos) end = path.size();
      if (end == j) return false;
      params.push_back(path.substr(j, end - j));
      i = close + 1;
      j = end;
      continue;
    }
    if (j >= path.size() || pattern[i] != path[j]) return false;
    ++i;
    ++j;
  }
  return i == pattern.size() && j == path.size();
}

Actor actor_of(const Ctx& c) { return Actor{c.me().user_id, c.me().username, c.me().token_id}; }

json error_json(const Error& e) {
  json out = {{"error", {{"code", e.code()}, {"message", e.message_vi()}, {"messageEn", e.message_en()},
                         {"field", e.field() ? json(*e.field()) : json(nullptr)}}}};
  if (!e.details().empty()) {
    json d = json::array();
    for (const auto& i : e.details()) d.push_back({{"field", i.field}, {"message", i.message_vi}, {"messageEn", i.message_en}});
    out["error"]["details"] = d;
  }
  if (!e.extra_json().empty()) {
    json x = json::parse(e.extra_json(), nullptr, false);
    if (x.is_object())
      for (auto it = x.begin(); it != x.end(); ++it) out["error"][it.key()] = it.value();
  }
  return out;
}

Response error_response(const Error& e) {
  Response r = Response::json(error_json(e), e.status());
  if (e.retry_after() > 0) r.headers.emplace_back("Retry-After", std::to_string(e.retry_after()));
  return r;
}

Response App::handle(const Request& req) {
  long long token_id = 0;
  Response r;
  try {
    r = dispatch(req, token_id);
  } catch (const Error& e) {
    r = error_response(e);
  } catch (const std::exception& e) {
    spdlog::error("unhandled error on {} {}: {}", req.method, req.path, e.what());
    Error internal(500, "internal", "Lỗi hệ thống, vui lòng thử lại sau", "Internal error, please try again later");
    r = Response::json(error_json(internal), 500);
  }
  // Every call made with a known API token is logged (also the refused ones), after its answer
  // is decided and outside its transaction: the log never holds up or rolls back the call.
  if (token_id) {
    try {
      db_->transact([&](soci::session& s) { record_api_token_use(s, token_id, req.method, req.path, r.status, req.remote_ip); });
    } catch (const std::exception& e) {
      spdlog::warn("api token use of {} not logged: {}", token_id, e.what());
    }
  }
  return r;
}

// The Bearer credential of a request ("Authorization: Bearer lg_…"); nullopt without one. Another
// scheme (Basic, added by a reverse proxy's own sign-in) is not ours: ignored, the cookie decides.
static std::optional<std::string> bearer_of(const Request& req) {
  auto h = req.headers.find("authorization");
  if (h == req.headers.end()) return std::nullopt;
  const std::string& v = h->second;
  if (v.size() < 7) return std::nullopt;
  std::string scheme = v.substr(0, 7);
  for (auto& ch : scheme) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (scheme != "bearer ") return std::nullopt;
  size_t b = 7;
  while (b < v.size() && v[b] == ' ') ++b;
  size_t e = v.size();
  while (e > b && v[e - 1] == ' ') --e;
  return v.substr(b, e - b);
}

Response App::dispatch(const Request& req, long long& token_id) {
  const std::optional<std::string> bearer = bearer_of(req);
  // Outside /api/, only the paths a route names (/healthz, /readyz) are routed; the rest is the web UI.
  if (req.path.rfind("/api/", 0) != 0 &&
      std::none_of(routes_.begin(), routes_.end(), [&](const Route& r) { return r.pattern == req.path; }))
    return serve_static(req);
  bool path_known = false;
  // A path that some route names literally (/api/activities/recent) belongs to those routes: a
  // pattern with a parameter (/api/activities/{id}) does not take it, so another method is 405.
  bool literal = false;
  for (const auto& route : routes_)
    if (route.pattern == req.path) literal = true;
  for (const auto& route : routes_) {
    Ctx ctx{*this, req, {}, std::nullopt, ""};
    if (literal && route.pattern != req.path) continue;
    if (!match_route(route.pattern, req.path, ctx.params)) continue;
    path_known = true;
    if (route.method != req.method) continue;
    if (bearer && !Access::allowed_with_token(req.method, route.pattern))
      throw Error(403, "token_not_allowed",
                  "Không dùng mã truy cập API cho thao tác này (quản lý mã truy cập, đăng nhập, đăng xuất, đổi mật khẩu)",
                  "API tokens cannot be used for this (managing tokens, signing in or out, changing passwords)");
    if (route.auth == Auth::Session && bearer) {
      // A Bearer token wins over a cookie sent with it (the cookie is ignored); no CSRF token is
      // needed: a browser never adds an Authorization header on its own (docs/ARCHITECTURE.md).
      CachedToken t = token_for(*bearer, token_id);
      if (!api_tokens::method_allowed(t.methods, req.method))
        throw Error(403, "token_method_not_allowed", "Mã truy cập API không được dùng phương thức " + req.method,
                    "The API token does not allow the method " + req.method);
      if (!api_tokens::address_allowed(t.address_ranges, req.remote_ip))
        throw Error(403, "token_address_not_allowed", "Mã truy cập API không được dùng từ địa chỉ " + req.remote_ip,
                    "The API token may not be used from the address " + req.remote_ip);
      ctx.principal = std::move(t.principal);
    } else if (route.auth == Auth::Session) {
      auto it = req.cookies.find("lg_session");
      if (it == req.cookies.end() || it->second.size() != 64) throw Error::Unauthenticated();
      std::optional<CachedSession> session = session_for(it->second);
      if (!session) throw Error::Unauthenticated();
      if (is_state_changing(req.method)) {
        auto h = req.headers.find("x-csrf-token");
        if (h == req.headers.end() || !security::constant_time_equal(h->second, session->csrf))
          throw Error(403, "csrf_failed", "Phiên làm việc không hợp lệ (CSRF), vui lòng tải lại trang",
                      "Missing or invalid CSRF token; reload the page");
      }
      if (session->principal.must_change_password &&
          !Access::allowed_while_password_change_required(req.method, route.pattern))
        throw Error(403, "password_change_required",
                    "Bạn phải đổi mật khẩu trước khi tiếp tục (chỉ được xem thông tin tài khoản, đổi mật khẩu hoặc đăng xuất)",
                    "You must change your password first (only your profile, the password change and sign-out are allowed)");
      ctx.principal = std::move(session->principal);
      ctx.session_token = it->second;
    }
    // Date parameters are validated on every route, whether or not the handler reads them in
    // this case (an invalid ?asOf= next to no ?orgUnit= was silently ignored): 400 naming it.
    for (const char* key : kDateQueryParams)
      if (req.query.count(key)) ctx.opt_date(key);
    if (route.permission) Access::require(ctx.me(), route.permission);
    if (req.method == "POST" && ctx.principal && !is_streamed_upload(req.method, req.path))
      if (auto h = req.headers.find("idempotency-key"); h != req.headers.end()) return idempotent(ctx, route, h->second);
    return route.handler(ctx);
  }
  if (path_known)
    throw Error(405, "method_not_allowed", "Phương thức không được hỗ trợ", "Method not allowed");
  throw Error::NotFound("đường dẫn", "Route");
}

// A POST with an Idempotency-Key (storage/idempotency.hpp, docs/ARCHITECTURE.md "Offline"): the
// first request claims the key and its successful answer is stored; the same key and request
// again get that answer back (nothing done twice); the key with another request is 422; the key
// while its first request is still running is 409. A failed request releases its key. Each step
// has its own connection lease: none is held while the handler runs.
Response App::idempotent(Ctx& ctx, const Route& route, const std::string& key) {
  if (!Idempotency::valid_key(key))
    throw Error(400, "idempotency_key_invalid", "Khóa chống gửi trùng (Idempotency-Key) không hợp lệ: 1–128 ký tự ASCII, không dấu cách",
                "Invalid Idempotency-Key: 1 to 128 printable ASCII characters without spaces");
  std::string material = ctx.req.method + " " + ctx.req.path;
  for (const auto& [k, v] : ctx.req.query) material.append("\x1f").append(k).append("=").append(v);
  material.append("\n").append(ctx.req.body);
  const std::string hash = security::sha256_hex(material);
  const long long user_id = ctx.me().user_id;
  std::optional<IdempotencyRecord> existing;
  bool claimed = false;
  db_->transact([&](soci::session& s) { claimed = claim_idempotency_key(s, user_id, key, hash, existing); });
  if (!claimed) {
    if (!existing)  // the claim was released between the two statements: the request may be sent again
      throw Error(409, "idempotency_in_progress", "Yêu cầu với khóa này đang được xử lý, vui lòng thử lại sau giây lát",
                  "A request with this Idempotency-Key is being handled; try again shortly");
    if (existing->request_hash != hash)
      throw Error(422, "idempotency_key_reused", "Khóa chống gửi trùng (Idempotency-Key) đã được dùng cho một yêu cầu khác",
                  "This Idempotency-Key was used for a different request");
    if (existing->status == 0)
      throw Error(409, "idempotency_in_progress", "Yêu cầu với khóa này đang được xử lý, vui lòng thử lại sau giây lát",
                  "A request with this Idempotency-Key is being handled; try again shortly");
    Response r;
    r.status = existing->status;
    r.content_type = existing->content_type;
    r.body = existing->response;
    r.headers.emplace_back("Idempotent-Replayed", "true");
    return r;
  }
  auto release = [&] {
    try {
      db_->with_session([&](soci::session& s) { release_idempotency_key(s, user_id, key); });
    } catch (const std::exception& e) {
      spdlog::warn("idempotency key release failed: {}", e.what());
    }
  };
  Response r;
  try {
    r = route.handler(ctx);
  } catch (...) {
    release();
    throw;
  }
  if (r.status >= 400 || r.stream || r.body.size() > opt_.max_body_bytes) {
    release();
    return r;
  }
  db_->with_session([&](soci::session& s) { complete_idempotency_key(s, user_id, key, r.status, r.content_type, r.body); });
  return r;
}

namespace {
std::string mime_for(const std::string& ext) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".json", "application/json"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".ico", "image/x-icon"},              {".woff2", "font/woff2"},
      {".woff", "font/woff"},                {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},        {".webmanifest", "application/manifest+json"}};
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}
}  // namespace

Response App::serve_static(const Request& req) {
  namespace fs = std::filesystem;
  if (req.method != "GET" && req.method != "HEAD") throw Error::NotFound("đường dẫn", "Route");
  if (req.path.find("..") != std::string::npos || req.path.find('\0') != std::string::npos)
    throw Error::NotFound("tệp", "File");
  fs::path root = fs::weakly_canonical(opt_.web_root);
  fs::path file = root / req.path.substr(1);
  std::error_code ec;
  bool is_asset = !req.path.empty() && req.path != "/" && fs::is_regular_file(file, ec);
  if (!is_asset) file = root / "index.html";  // SPA: the client router handles the path
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    Response r;
    r.status = 503;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "Giao diện web chưa được xây dựng (web/dist). The web UI is not built.";
    return r;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  Response r;
  r.content_type = mime_for(file.extension().string());
  r.body = ss.str();
  // Hashed asset names may be cached for long; index.html, the service worker (/sw.js) and the
  // web manifest must always be revalidated (a new build's worker is then found at once).
  r.headers.push_back({"Cache-Control", req.path.rfind("/assets/", 0) == 0 ? "public, max-age=31536000, immutable" : "no-cache"});
  if (req.path == "/sw.js") r.headers.push_back({"Service-Worker-Allowed", "/"});
  return r;
}

}  // namespace longghep
