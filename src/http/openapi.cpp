// The OpenAPI 3.1 document is generated from the route table, so it cannot list a route the
// server does not have or miss one it has; schemas for the main resources are written here.
#include "http/app.hpp"

namespace longghep {
using nlohmann::json;

namespace {
json error_schema() {
  json err = {{"type", "object"}, {"required", {"code", "message", "messageEn", "field"}}};
  err["properties"] = {{"code", {{"type", "string"}}},
                       {"message", {{"type", "string"}, {"description", "Vietnamese"}}},
                       {"messageEn", {{"type", "string"}}},
                       {"field", {{"type", {"string", "null"}}}}};
  json out = {{"type", "object"}, {"required", {"error"}}};
  out["properties"] = {{"error", err}};
  return out;
}

json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

json schemas() {
  json date = {{"type", {"string", "null"}}, {"format", "date"}};
  json unit_ref = {{"type", "object"},
                   {"properties", {{"id", {{"type", "integer"}}}, {"code", {{"type", "string"}}}, {"name", {{"type", "string"}}},
                                   {"kind", {{"type", "string"}}}, {"validFrom", date}, {"validTo", date}}}};
  json unit = unit_ref;
  unit["properties"]["fullName"] = {{"type", "string"}};
  unit["properties"]["typeLabel"] = {{"type", "string"}};
  unit["properties"]["parentCode"] = {{"type", {"string", "null"}}};
  unit["properties"]["childCount"] = {{"type", "integer"}};
  json page = [](json item) {
    return json{{"type", "object"},
                {"properties", {{"items", {{"type", "array"}, {"items", item}}}, {"total", {{"type", "integer"}}},
                                {"page", {{"type", "integer"}}}, {"pageSize", {{"type", "integer"}}}}}};
  }(ref("OrgUnit"));
  return {{"Error", error_schema()}, {"OrgUnitRef", unit_ref}, {"OrgUnit", unit}, {"OrgUnitPage", page},
          {"Agency", {{"type", "object"}}}, {"User", {{"type", "object"}}}, {"AuditEntry", {{"type", "object"}}}};
}

json params_for(const Route& r) {
  json params = json::array();
  std::string p = r.pattern;
  for (size_t i = p.find('{'); i != std::string::npos; i = p.find('{', i + 1)) {
    std::string name = p.substr(i + 1, p.find('}', i) - i - 1);
    params.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  }
  if (r.method == "GET" && r.pattern.rfind("/api/", 0) == 0 && r.auth == Auth::Session)
    for (const char* q : {"asOf", "page", "pageSize", "sort", "q"})
      params.push_back({{"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
  return params;
}
}  // namespace

json openapi_document(const std::vector<Route>& routes) {
  json paths = json::object();
  for (const auto& r : routes) {
    std::string method = r.method;
    for (auto& ch : method) ch = static_cast<char>(std::tolower(ch));
    json op = {{"summary", r.summary},
               {"parameters", params_for(r)},
               {"responses",
                {{"200", {{"description", "OK"}, {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}},
                 {"4XX", {{"description", "Error"}, {"content", {{"application/json", {{"schema", ref("Error")}}}}}}}}}};
    if (r.pattern == "/api/org-units") op["responses"]["200"]["content"]["application/json"]["schema"] = ref("OrgUnitPage");
    if (r.pattern == "/api/org-units/{code}") op["responses"]["200"]["content"]["application/json"]["schema"] = ref("OrgUnit");
    if (r.auth == Auth::Session) op["security"] = json::array({{{"session", json::array()}}});
    if (method != "get") op["requestBody"] = {{"required", false}, {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
    paths[r.pattern][method] = op;
  }
  return {{"openapi", "3.1.0"},
          {"info", {{"title", "longghep API"}, {"version", "1"},
                    {"description", "Lồng ghép phòng ngừa mại dâm — see docs/API.md"}}},
          {"paths", paths},
          {"components",
           {{"schemas", schemas()},
            {"securitySchemes", {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "lg_session"}}}}}}}};
}

}  // namespace longghep
