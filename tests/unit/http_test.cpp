// Pure pieces of the HTTP layer: route matching, the OpenAPI document, configuration.
#include <gtest/gtest.h>

#include <set>

#include "app/config.hpp"
#include "domain/error.hpp"
#include "http/app.hpp"
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
  std::vector<Route> routes;
  add_system_routes(routes);
  add_auth_routes(routes);
  add_org_unit_routes(routes);
  add_agency_routes(routes);
  add_user_routes(routes);
  add_audit_routes(routes);
  add_directive_routes(routes);
  add_plan_routes(routes);
  add_activity_routes(routes);
  add_evaluation_routes(routes);
  add_report_routes(routes);
  add_analytics_routes(routes);
  add_boundary_routes(routes);
  add_indicator_routes(routes);
  add_report_request_routes(routes);
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
