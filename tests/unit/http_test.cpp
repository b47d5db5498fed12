// Pure pieces of the HTTP layer: route matching, the OpenAPI document, configuration.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "app/codegen.hpp"
#include "app/config.hpp"
#include "domain/error.hpp"
#include "http/admission.hpp"
#include "http/app.hpp"
#include "http/routes.hpp"
#include "storage/database.hpp"

using namespace longghep;

TEST(Routes, PatternsMatchWholeSegments) {
  std::vector<std::string> params;
  EXPECT_TRUE(match_route("/api/org-units/{code}", "/api/org-units/52", params));
  EXPECT_EQ(params, std::vector<std::string>{"52"});
  EXPECT_FALSE(match_route("/api/org-units/{code}", "/api/org-units/52/x", params));
  EXPECT_FALSE(match_route("/api/org-units/{code}", "/api/org-units/", params));
  EXPECT_TRUE(match_route("/api/users/{id}/reset-password", "/api/users/3/reset-password", params));
  EXPECT_EQ(params, std::vector<std::string>{"3"});
  EXPECT_FALSE(match_route("/api/me", "/api/me/password", params));
}

TEST(OpenApi, DescribesEveryRouteOfTheServer) {
  const std::vector<Route> routes = all_routes();
  auto doc = openapi_document(routes);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::string> described;
  for (auto& [path, ops] : doc["paths"].items())
    for (auto& [method, op] : ops.items()) described.insert(method + " " + path);
  EXPECT_EQ(described.size(), routes.size());
  for (const auto& r : routes) {
    std::string m = r.method;
    for (auto& c : m) c = static_cast<char>(std::tolower(c));
    EXPECT_TRUE(described.count(m + " " + r.pattern)) << r.method << " " << r.pattern;
    EXPECT_FALSE(r.summary.empty()) << r.pattern;
  }
  EXPECT_TRUE(doc["components"]["schemas"].contains("Error"));
  // Every route has an entry in src/http/schemas/*.json, and every name there resolves.
  EXPECT_EQ(openapi_schema_problems(routes), std::vector<std::string>{});
}

TEST(OpenApi, SchemasComeFromTheResourceFiles) {
  std::vector<Route> routes;
  for (const RouteTable& t : route_tables())
    if (std::string(t.name) == "org_units") t.add(routes);
  ASSERT_FALSE(routes.empty());
  auto doc = openapi_document(routes);
  const auto& schemas = doc["components"]["schemas"];
  EXPECT_EQ(doc["paths"]["/api/org-units"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/OrgUnitPage");
  EXPECT_TRUE(schemas.contains("OrgUnitDetail"));
  EXPECT_TRUE(schemas.contains("Activity"));  // all files, whatever the routes
  EXPECT_EQ(doc["paths"]["/api/org-units"]["get"]["responses"]["4XX"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Error");
  // a route without an entry is named
  routes.push_back({"GET", "/api/not-described", Auth::Session, nullptr, "nothing"});
  auto problems = openapi_schema_problems(routes);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("GET /api/not-described"), std::string::npos);
}

// The table is collected from every src/http/routes_<name>.cpp (generated: cmake/routes.cmake).
TEST(Routes, CollectedFromEveryRoutesFile) {
  std::set<std::string> names;
  for (const RouteTable& t : route_tables()) {
    std::vector<Route> own;
    t.add(own);
    EXPECT_FALSE(own.empty()) << "routes_" << t.name << ".cpp declares no route";
    names.insert(t.name);
  }
  EXPECT_EQ(names.size(), route_tables().size());
  for (const char* name : {"system", "auth", "users", "activities", "reports", "report_imports", "report_requests", "indicators"})
    EXPECT_TRUE(names.count(name)) << name;
  size_t total = 0;
  for (const RouteTable& t : route_tables()) {
    std::vector<Route> own;
    t.add(own);
    total += own.size();
  }
  EXPECT_EQ(all_routes().size(), total);
}

TEST(Routes, HelloOnlyWithTheBenchSwitch) {
  auto has_hello = [](const std::vector<Route>& routes) {
    return std::any_of(routes.begin(), routes.end(), [](const Route& r) { return r.pattern == "/hello"; });
  };
  EXPECT_FALSE(has_hello(all_routes()));
  EXPECT_TRUE(has_hello(all_routes(true)));
  EXPECT_EQ(all_routes(true).size(), all_routes().size() + 1);
}

// No two routes of one method take the same request, so the order of the tables never matters.
TEST(Routes, NoTwoRoutesTakeTheSameRequest) {
  EXPECT_EQ(route_conflicts(all_routes(true)), std::vector<std::string>{});
  Handler h = [](Ctx&) { return Response{}; };
  std::vector<Route> clash = {{"GET", "/api/x/{a}/y", Auth::Session, h, "a"}, {"GET", "/api/x/z/{b}", Auth::Session, h, "b"},
                              {"POST", "/api/x/z/{b}", Auth::Session, h, "c"}, {"GET", "/api/x/z/w", Auth::Session, h, "d"},
                              {"GET", "/api/x/{a}", Auth::Session, h, "e"}};
  EXPECT_EQ(route_conflicts(clash), std::vector<std::string>{"GET /api/x/{a}/y and GET /api/x/z/{b}"});
  clash.push_back({"GET", "/api/x/{a}", Auth::Public, h, "f"});
  EXPECT_EQ(route_conflicts(clash).size(), 2u);
}

// A route's declared permission is one of the catalogue, and only session routes declare one.
TEST(Routes, DeclaredPermissionsComeFromTheCatalogue) {
  const std::set<std::string> catalogue(std::begin(perm::kAll), std::end(perm::kAll));
  size_t declared = 0;
  for (const Route& r : all_routes(true)) {
    if (!r.permission) continue;
    ++declared;
    EXPECT_TRUE(catalogue.count(r.permission)) << r.method << " " << r.pattern << ": " << r.permission;
    EXPECT_EQ(r.auth, Auth::Session) << r.method << " " << r.pattern;
  }
  EXPECT_GT(declared, all_routes().size() / 2);
}

TEST(Routes, ListedAsJsonForTheTests) {
  const auto j = routes_json(all_routes());
  ASSERT_EQ(j.size(), all_routes().size());
  bool login = false;
  for (const auto& r : j) {
    EXPECT_TRUE(r["auth"] == "public" || r["auth"] == "session");
    if (r["method"] == "POST" && r["path"] == "/api/auth/login") login = r["auth"] == "public";
    if (r["method"] == "GET" && r["path"] == "/api/users") EXPECT_EQ(r["permission"], "users.read");
  }
  EXPECT_TRUE(login);
}

TEST(Permissions, TypeScriptCatalogueHasEveryPermission) {
  EXPECT_EQ(permission_key("plans.all_agencies"), "plansAllAgencies");
  EXPECT_EQ(permission_key("users.grant_approval"), "usersGrantApproval");
  const std::string ts = permissions_typescript();
  for (const char* code : perm::kAll)
    EXPECT_NE(ts.find("  " + permission_key(code) + ": '" + code + "',\n"), std::string::npos) << code;
}

TEST(ErrorShape, CodeMessagesAndField) {
  auto j = error_json(Error::Validation("asOf", "Ngày không hợp lệ", "Invalid date"));
  EXPECT_EQ(j["error"]["code"], "validation_failed");
  EXPECT_EQ(j["error"]["message"], "Ngày không hợp lệ");
  EXPECT_EQ(j["error"]["messageEn"], "Invalid date");
  EXPECT_EQ(j["error"]["field"], "asOf");
  EXPECT_TRUE(error_json(Error::Forbidden())["error"]["field"].is_null());
}

TEST(Config, FileThenEnvironmentThenFlags) {
  Config cfg;
  apply_config(cfg, parse_config_text("# comment\nport = 9090\ndb = sqlite:///x.db\n\ncookie_secure = true\n"));
  EXPECT_EQ(cfg.port, 9090);
  EXPECT_EQ(cfg.db_url, "sqlite:///x.db");
  EXPECT_TRUE(cfg.cookie_secure);
  EXPECT_THROW(apply_config(cfg, {{"port", "99999"}}), Error);
  EXPECT_THROW(apply_config(cfg, {{"port", "80a"}}), Error);
  EXPECT_THROW(apply_config(cfg, {{"colour", "blue"}}), Error);
  EXPECT_THROW(parse_config_text("port 9090"), Error);
}

TEST(Migrations, ScriptsSplitOutsideQuotesAndComments) {
  auto parts = split_sql_script("CREATE TABLE a(x TEXT); -- a comment; with a semicolon\nINSERT INTO a VALUES ('x;y');\n\n");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_NE(parts[1].find("'x;y'"), std::string::npos);
}

// --- admission control of the HTTP layer (http/admission.hpp) -------------------------------

TEST(Admission, TokenBucketAllowsABurstThenTheSustainedRate) {
  TokenBucket b(10, 20, 0);  // 10/s, burst 20
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(b.take(0)) << i;
  EXPECT_FALSE(b.take(0));
  EXPECT_EQ(b.retry_after_s(0), 1);  // one token comes back in 100 ms: at least a whole second
  EXPECT_FALSE(b.take(50));
  EXPECT_TRUE(b.take(100));          // 10/s: one token per 100 ms
  EXPECT_FALSE(b.take(100));
  EXPECT_FALSE(b.full(1000));
  EXPECT_TRUE(b.full(2100));         // refills to the burst, never beyond it
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(b.take(60000)) << i;
  EXPECT_FALSE(b.take(60000));
}

TEST(Admission, RetryAfterCoversTheWaitForOneToken) {
  TokenBucket slow(0.25, 1, 0);  // one request per 4 s
  EXPECT_TRUE(slow.take(0));
  EXPECT_FALSE(slow.take(0));
  EXPECT_EQ(slow.retry_after_s(0), 4);
  EXPECT_EQ(slow.retry_after_s(3500), 1);
  EXPECT_TRUE(slow.take(4000));
}

TEST(Admission, ConnectionsAreCappedPerAddressAndInAll) {
  AddressLimiter lim(/*total*/ 5, /*per address*/ 2, 100, 100);
  using A = AddressLimiter::Admit;
  EXPECT_EQ(lim.open("10.0.0.1", 0), A::Ok);
  EXPECT_EQ(lim.open("10.0.0.1", 0), A::Ok);
  EXPECT_EQ(lim.open("10.0.0.1", 0), A::TooManyFromAddress);  // the third from one address
  EXPECT_EQ(lim.open("10.0.0.2", 0), A::Ok);                  // another address is still served
  EXPECT_EQ(lim.open("10.0.0.2", 0), A::Ok);
  EXPECT_EQ(lim.open("10.0.0.3", 0), A::Ok);
  EXPECT_EQ(lim.open("10.0.0.4", 0), A::TooManyTotal);        // 5 in all
  EXPECT_EQ(lim.connections(), 5);
  lim.close("10.0.0.1");
  EXPECT_EQ(lim.open("10.0.0.1", 0), A::Ok);                  // a closed connection frees its place
  lim.close("10.0.0.9");                                      // unknown address: no effect
  EXPECT_EQ(lim.connections(), 5);
}

TEST(Admission, RequestRateIsPerAddressAndForgottenWhenIdle) {
  AddressLimiter lim(100, 100, /*rate*/ 1, /*burst*/ 3);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(lim.request("10.0.0.1", 0), 0) << i;
  EXPECT_EQ(lim.request("10.0.0.1", 0), 1);   // refused: retry after 1 s
  EXPECT_EQ(lim.request("10.0.0.2", 1000), 0);  // another address has its own bucket
  EXPECT_EQ(lim.request("10.0.0.1", 1000), 0);
  EXPECT_EQ(lim.addresses(), 2u);
  lim.sweep(1500);                             // buckets not yet full: remembered
  EXPECT_EQ(lim.addresses(), 2u);
  EXPECT_EQ(lim.open("10.0.0.1", 10000), AddressLimiter::Admit::Ok);
  lim.sweep(10000);                            // 10.0.0.2 is full again and has no connection
  EXPECT_EQ(lim.addresses(), 1u);
  lim.close("10.0.0.1");
  lim.sweep(10000);
  EXPECT_EQ(lim.addresses(), 0u);
}

TEST(Admission, WorkerPoolQueueIsBoundedAndRefusesBeyondIt) {
  WorkerPool pool(/*threads*/ 1, /*queue_limit*/ 2);
  std::mutex m;
  std::condition_variable cv;
  bool release = false, started = false;
  std::atomic<int> ran{0};
  ASSERT_TRUE(pool.try_submit([&] {
    std::unique_lock lock(m);
    started = true;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });
    ++ran;
  }));
  {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return started; });  // the only worker is busy
  }
  EXPECT_TRUE(pool.try_submit([&] { ++ran; }));
  EXPECT_TRUE(pool.try_submit([&] { ++ran; }));
  EXPECT_FALSE(pool.try_submit([&] { ++ran; }));  // two waiting: the third is refused
  EXPECT_EQ(pool.pending(), 3u);
  EXPECT_FALSE(pool.wait_idle(std::chrono::steady_clock::now() + std::chrono::milliseconds(50)));
  {
    std::lock_guard lock(m);
    release = true;
  }
  cv.notify_all();
  EXPECT_TRUE(pool.wait_idle(std::chrono::steady_clock::now() + std::chrono::seconds(10)));
  EXPECT_EQ(ran.load(), 3);
  EXPECT_EQ(pool.pending(), 0u);
  pool.stop();
  EXPECT_FALSE(pool.try_submit([&] { ++ran; }));  // stopped: refuses
}

TEST(Admission, WorkerPoolSurvivesAThrowingJob) {
  WorkerPool pool(2, 8);
  std::atomic<int> ran{0};
  EXPECT_TRUE(pool.try_submit([] { throw std::runtime_error("boom"); }));
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(pool.try_submit([&] { ++ran; }));
  EXPECT_TRUE(pool.wait_idle(std::chrono::steady_clock::now() + std::chrono::seconds(10)));
  EXPECT_EQ(ran.load(), 4);
}
