// The OpenAPI 3.1 document is generated from the route table, so it cannot list a route the
// server does not have or miss one it has. Its schemas come from the per-resource files
// src/http/schemas/<resource>.json, embedded into the binary (cmake/embed.cmake), each holding
//   "components": {"Name": <JSON Schema>, ...}       schemas, $ref "#/components/schemas/Name"
//   "operations": {"METHOD /pattern": {
//       "request": "Name" | {"schema": {...}, "required": false} | {"content": ["media/type"]},
//       "responses": {"200": "Name" | {"schema": {...}} | {"component": "Name", "media": "application/geo+json"}
//                            | {"content": ["media/type", ...]} | null}}}
// A string names a component (JSON body), "content" lists non-JSON media types (files), null is
// an answer without a body (204). Every operation also answers 4XX/5XX with the Error schema.
// openapi_schema_problems() lists routes without an entry and names that resolve to nothing; a
// unit test keeps it empty, and the API suite validates every answer against this document.
#include <set>

#include "http/app.hpp"

namespace longghep {
namespace api_schemas { const std::map<std::string, std::string>& all(); }
using nlohmann::json;

namespace {
constexpr const char* kSchemaDir = "src/http/schemas/";

struct SchemaFiles {
  json components = json::object();
  json operations = json::object();
  std::vector<std::string> problems;  // duplicate names, unreadable files
};

const SchemaFiles& schema_files() {
  static const SchemaFiles files = [] {
    SchemaFiles out;
    for (const auto& [path, text] : api_schemas::all()) {
      if (path.rfind(kSchemaDir, 0) != 0 || path.size() < 5 || path.substr(path.size() - 5) != ".json") continue;
      json f = json::parse(text, nullptr, false);
      if (f.is_discarded() || !f.is_object()) {
        out.problems.push_back(path + ": not a JSON object");
        continue;
      }
      const json components = f.value("components", json::object()), operations = f.value("operations", json::object());
      for (auto& [name, schema] : components.items()) {
        if (out.components.contains(name)) out.problems.push_back(path + ": component " + name + " defined twice");
        out.components[name] = schema;
      }
      for (auto& [key, spec] : operations.items()) {
        if (out.operations.contains(key)) out.problems.push_back(path + ": operation " + key + " described twice");
        out.operations[key] = spec;
      }
    }
    return out;
  }();
  return files;
}

json schema_ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

// {"application/json": {"schema": ...}} or one binary entry per media type.
json content_of(const json& spec) {
  if (spec.is_string()) return {{"application/json", {{"schema", schema_ref(spec.get<std::string>())}}}};
  if (spec.contains("schema")) return {{"application/json", {{"schema", spec["schema"]}}}};
  json out = json::object();
  // a component, and optionally further (file) media types of the same answer ("content")
  if (spec.contains("component"))
    out[spec.value("media", "application/json")] = {{"schema", schema_ref(spec["component"].get<std::string>())}};
  for (const auto& media : spec.value("content", json::array()))
    out[media.get<std::string>()] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
  return out;
}

const char* description_of(const std::string& status) {
  if (status == "200") return "OK";
  if (status == "201") return "Created";
  if (status == "202") return "Accepted";
  if (status == "204") return "No content";
  return "Answer";
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

std::string key_of(const Route& r) { return r.method + " " + r.pattern; }

// Every "$ref" below j that does not name a component.
void dangling_refs(const json& j, const json& components, const std::string& where, std::vector<std::string>& out) {
  if (j.is_object()) {
    for (auto& [k, v] : j.items()) {
      if (k == "$ref" && v.is_string()) {
        const std::string s = v.get<std::string>(), prefix = "#/components/schemas/";
        if (s.rfind(prefix, 0) != 0 || !components.contains(s.substr(prefix.size())))
          out.push_back(where + ": $ref " + s + " resolves to nothing");
      } else {
        dangling_refs(v, components, where, out);
      }
    }
  } else if (j.is_array()) {
    for (const auto& v : j) dangling_refs(v, components, where, out);
  }
}
}  // namespace

std::vector<std::string> openapi_schema_problems(const std::vector<Route>& routes) {
  const auto& files = schema_files();
  std::vector<std::string> out = files.problems;
  std::set<std::string> keys;
  for (const auto& r : routes) {
    keys.insert(key_of(r));
    if (!files.operations.contains(key_of(r))) {
      out.push_back(key_of(r) + ": no entry in src/http/schemas/*.json");
      continue;
    }
    const json& spec = files.operations[key_of(r)];
    if (!spec.contains("responses") || !spec["responses"].is_object() || spec["responses"].empty())
      out.push_back(key_of(r) + ": no responses");
    json parts = spec.value("responses", json::object());
    if (spec.contains("request")) parts["request"] = spec["request"];
    for (auto& [status, s] : parts.items()) {
      const json name = s.is_object() && s.contains("component") ? s["component"] : s;
      if (name.is_string() && !files.components.contains(name.get<std::string>()))
        out.push_back(key_of(r) + " " + status + ": component " + name.get<std::string>() + " is not defined");
      else if (s.is_object() && !s.contains("component") && !s.contains("schema") && s.value("content", json::array()).empty())
        out.push_back(key_of(r) + " " + status + ": neither a component, a schema nor a content type");
      if (s.is_object() && s.contains("schema")) dangling_refs(s["schema"], files.components, key_of(r), out);
    }
  }
  for (auto& [name, schema] : files.components.items()) dangling_refs(schema, files.components, name, out);
  return out;
}

json openapi_document(const std::vector<Route>& routes) {
  const auto& files = schema_files();
  json paths = json::object();
  for (const auto& r : routes) {
    std::string method = r.method;
    for (auto& ch : method) ch = static_cast<char>(std::tolower(ch));
    const json spec = files.operations.value(key_of(r), json::object());
    json responses = json::object();
    const json declared = spec.value("responses", json::object());
    for (auto& [status, s] : declared.items()) {
      json resp = {{"description", description_of(status)}};
      if (!s.is_null()) resp["content"] = content_of(s);
      responses[status] = resp;
    }
    for (const char* status : {"4XX", "5XX"})
      responses[status] = {{"description", "Error"}, {"content", {{"application/json", {{"schema", schema_ref("Error")}}}}}};
    json op = {{"summary", r.summary}, {"operationId", key_of(r)}, {"parameters", params_for(r)}, {"responses", responses}};
    if (r.auth == Auth::Session) op["security"] = json::array({{{"session", json::array()}}});
    if (spec.contains("request")) {
      const json& req = spec["request"];
      op["requestBody"] = {{"required", req.is_object() ? req.value("required", true) : true}, {"content", content_of(req)}};
    }
    paths[r.pattern][method] = op;
  }
  return {{"openapi", "3.1.0"},
          {"info", {{"title", "longghep API"}, {"version", "1"},
                    {"description", "Lồng ghép phòng ngừa mại dâm — see docs/API.md"}}},
          {"paths", paths},
          {"components",
           {{"schemas", files.components},
            {"securitySchemes", {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "lg_session"}}}}}}}};
}

}  // namespace longghep
