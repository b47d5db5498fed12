// The application as the HTTP layer sees it: its options, the database, the hierarchy snapshot
// and the route table. One App per process; it is shared by all request threads.
//
// The hierarchy snapshot is a read-only cache of the org_units/lineage_events tables (and of
// agency programme roles). It is
// replaced (never mutated) when meta.hierarchy_revision changes: immediately after an import in
// this process, and within AnalyticsIndex::kCheckMs for changes made by another process (the
// background watcher, which also keeps the analytics engine current, on a connection of its own).
// Reading a snapshot never touches the database.
#pragma once
#include <atomic>
#include <condition_variable>
#include <thread>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "domain/hierarchy.hpp"
#include "domain/mail.hpp"
#include "domain/programme_roles.hpp"
#include "http/context.hpp"
#include "http/response_cache.hpp"
#include "storage/analytics_source.hpp"
#include "storage/audit.hpp"
#include "storage/case_keys.hpp"
#include "storage/database.hpp"
#include "storage/inspection_fact_store.hpp"

namespace longghep {

// What the HTTP layer needs of the configuration (app/config.hpp reads it, with the database and
// logging settings, from the config file, the environment and the flags).
struct HttpOptions {
  int port = 8080;
  std::string bind = "0.0.0.0";
  std::string web_root = "web/dist";
  // HTTP (http/server.cpp): handler workers, I/O threads, limits and timeouts.
  int threads = 16;                       // workers running handlers (bounded pool)
  int io_threads = 2;                     // threads driving the sockets
  int max_connections = 10000;            // open connections in all; beyond: refused at accept
  int max_connections_per_ip = 512;       // open connections from one address
  int rate_per_ip = 200;                  // requests per second from one address (sustained) …
  int rate_burst_per_ip = 400;            // … and in a burst; beyond: 429 with Retry-After
  int queue_limit = 1024;                 // requests waiting for a worker; beyond: 503 busy
  long long header_timeout_ms = 5000;     // a started request's headers must arrive within this
  long long body_timeout_ms = 10000;      // each piece of a body must arrive within this
  long long idle_timeout_ms = 60000;      // an idle keep-alive connection is closed after this
  long long write_timeout_ms = 30000;     // each piece of an answer must be taken within this
  bool reuse_port = false;                // SO_REUSEPORT: only when explicitly configured
  // Answers of the activity list and pivots kept for identical requests (http/response_cache.hpp);
  // 0 turns the cache off.
  int response_cache_mb = 32;
  size_t max_body_bytes = 1 << 20;
  long long session_ttl_seconds = 12 * 3600;
  bool cookie_secure = false;
  // GET /hello, the benchmarks' baseline (add_bench_routes): off in production, set by bench/.
  bool bench_routes = false;
  // E-mail of the notifications (domain/mail.hpp, http/mail_sender.hpp): off without smtp_host.
  MailOptions mail;
};

class App {
 public:
  App(HttpOptions opt, std::unique_ptr<Database> db);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;
  // Stops the background watcher (at shutdown; also done by the destructor). Bounded: the
  // watcher stops between chunks of its work.
  void stop_watcher();

  const HttpOptions& options() const { return opt_; }
  Database& db() { return *db_; }
  HierarchyPtr hierarchy();          // current snapshot
  ProgrammeRolesPtr programme_roles();  // snapshot loaded with the hierarchy
  void reload_hierarchy();           // after a write in this process (leases a connection)
  Scope scope_for(long long home_unit_id);

  // Signed-in sessions are cached for kSessionCacheMs so a request costs no session/user/role
  // queries; a change to a user in this process drops that user's entries at once, another
  // process's change (sign-out, password change, role change, deactivation) is seen within
  // kSessionCacheMs: one statement per signed-in session per 1.5 s, so that two servers on one
  // database agree within 2 s (docs/ARCHITECTURE.md, "Several servers on one database").
  static constexpr long long kSessionCacheMs = 1500;
  void forget_sessions_of(long long user_id);  // also the user's API tokens' cached principals
  void forget_session(const std::string& token);
  // API tokens (issue 21 §1) are cached like sessions (by the SHA-256 of the secret, checked again
  // every kSessionCacheMs); a revocation in this process drops the token's entry at once.
  void forget_api_token(long long token_id);

  // The in-memory analytics engine (storage/analytics_source.hpp): loaded at start; routes that
  // write activities call analytics().refresh(ids) after their transaction committed.
  AnalyticsIndex& analytics() { return *analytics_; }
  // The business and inspection facts of the figures and the pivot (storage/inspection_fact_store.hpp):
  // reloaded by the first read after any write.
  InspectionFactStore& inspection_facts() { return inspection_facts_; }

  // The answer of a costly read for this request: from the response cache when an identical
  // request of the same user was answered since nothing it depends on changed (and within 2 s),
  // else compute() — kept when it is a plain 200. See http/response_cache.hpp.
  Response cached(const Ctx& c, const std::function<Response()>& compute);
  static constexpr long long kResponseCacheTtlMs = 2000;
  static constexpr size_t kResponseCacheMaxEntry = size_t{2} << 20, kResponseCacheMaxKeyBody = 16384;
  ResponseCache* response_cache() { return response_cache_.get(); }

  // The sealed identities of the people supported (storage/case_keys.hpp, issue 16): set once by
  // the app layer before serving. sealer() throws 503 case_keys_unavailable (vi + en, saying why)
  // when no master key is configured or it does not open the stored data keys.
  void set_case_keys(CaseKeyState k) { case_keys_ = std::move(k); }
  std::shared_ptr<const security::Sealer> sealer() const {
    if (!case_keys_.sealer)
      throw Error(503, "case_keys_unavailable",
                  "Hồ sơ hỗ trợ tạm thời không dùng được: " +
                      (case_keys_.problem_vi.empty() ? std::string("chưa cấu hình khóa mã hóa") : case_keys_.problem_vi),
                  "Support records are unavailable: " +
                      (case_keys_.problem_en.empty() ? std::string("no encryption key is configured") : case_keys_.problem_en));
    return case_keys_.sealer;
  }

  const std::vector<Route>& routes() const { return routes_; }
  // Routes the request: auth, CSRF, handler, errors → Response. Never throws.
  Response handle(const Request& req);

 private:
  // `token_id`: set to the API token the request named (found, even when refused) for its use log.
  Response dispatch(const Request& req, long long& token_id);
  void reload_hierarchy(soci::session& s);
  void watch();
  Response serve_static(const Request& req);
  Response idempotent(Ctx& ctx, const Route& route, const std::string& key);
  Principal load_principal(long long user_id);
  struct CachedSession {
    Principal principal;
    std::string csrf;
    long long cached_ms = 0;
    long long user_version = 0;  // the user's version the principal was built from
  };
  // The session of a cookie token: from the cache, else from the database; nullopt if none.
  std::optional<CachedSession> session_for(const std::string& token);
  struct CachedToken {
    Principal principal;  // the owner's, restricted to the token's permissions
    std::vector<std::string> methods, address_ranges;
    long long expires_at = 0;  // unix seconds
    long long cached_ms = 0, user_version = 0, token_version = 0;
  };
  // The principal of a Bearer token: throws 401 token_invalid / token_expired / token_revoked
  // (vi + en) when it does not authenticate; sets token_id once the token is known.
  CachedToken token_for(const std::string& bearer, long long& token_id);

  HttpOptions opt_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<AnalyticsIndex> analytics_;
  InspectionFactStore inspection_facts_;
  std::vector<Route> routes_;
  std::mutex mu_;                     // guards hierarchy_, revision_, scope_cache_
  HierarchyPtr hierarchy_;
  ProgrammeRolesPtr roles_;
  long long revision_ = -1;
  std::map<long long, Scope> scope_cache_;
  std::atomic<uint64_t> hierarchy_generation_{0};  // snapshots installed (a response-cache stamp)
  std::unique_ptr<ResponseCache> response_cache_;  // null when response_cache_mb is 0
  CaseKeyState case_keys_;                          // set before serving, then only read
  std::mutex session_mu_;             // guards session_cache_
  std::unordered_map<std::string, CachedSession> session_cache_;
  std::unordered_map<std::string, CachedToken> token_cache_;  // by secret hash; guarded by session_mu_
  // The watcher (declared last: started after, stopped before, everything above).
  std::mutex watch_mu_;
  std::condition_variable watch_cv_;
  bool stopping_ = false;                 // guarded by watch_mu_
  std::atomic<bool> stop_flag_{false};    // polled inside long work
  std::thread watcher_;
  // The e-mail sender (http/mail_sender.hpp): only when SMTP is configured; stopped by stop_watcher().
  std::unique_ptr<class MailSender> mail_sender_;
};

// The route table: http/routes.hpp (all_routes(), one add_<name>_routes per http/routes_<name>.cpp).
// May the caller see this activity (for its attachments)? (routes_activities.cpp)
bool activity_visible(Ctx& c, soci::session& s, long long id);
// The plan version if the caller may read it (plans.read, scope, own agency); 404 otherwise,
// so existence does not leak. (routes_plans.cpp)
struct PlanRow;
PlanRow readable_plan(Ctx& c, soci::session& s, long long id);
// The signed-in caller as the actor of audited writes. REQUIRES: an authenticated route.
Actor actor_of(const Ctx& c);
nlohmann::json openapi_document(const std::vector<Route>& routes);
// What the schema files (src/http/schemas/*.json) lack for these routes; empty when complete.
std::vector<std::string> openapi_schema_problems(const std::vector<Route>& routes);

// Matches "/api/org-units/{code}" against a path; fills params.
bool match_route(const std::string& pattern, const std::string& path, std::vector<std::string>& params);
nlohmann::json error_json(const class Error& e);
// The JSON answer of an Error, with Retry-After when the error carries one.
Response error_response(const class Error& e);

}  // namespace longghep
