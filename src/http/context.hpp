// The request/response types handlers see, and helpers to read their input strictly.
// A handler is a thin adapter: it reads input here, asks Access, calls storage/domain, and
// returns JSON. It never formats errors itself: it throws Error.
#pragma once
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "domain/date.hpp"

namespace longghep {

class App;
class Hierarchy;
struct OrgUnit;

struct Request {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> cookies;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string body_file;  // bulk uploads (kStreamedUploadPaths): the body on disk instead of in `body`
  std::string remote_ip;
};

// POST bodies of these paths are streamed to a temporary file (Request::body_file), never held in
// memory; a handler that keeps the file renames it, otherwise it is deleted after the request.
inline bool is_streamed_upload(const std::string& method, const std::string& path) {
  return method == "POST" &&
         (path == "/api/activity-imports" || path == "/api/boundaries" || path == "/api/report-imports");
}
inline constexpr size_t kMaxStreamedUploadBytes = size_t{512} << 20;
// A country of communes at full detail is ~60 MB of GeoJSON; the file is parsed whole.
// Past reports: one sheet per unit and period, a few KB each.
inline constexpr size_t kMaxReportImportBytes = size_t{32} << 20;
inline constexpr size_t kMaxBoundaryUploadBytes = size_t{96} << 20;

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Large downloads (exports): when set, the body is written by this function with chunked
  // transfer encoding instead of `body`.
  std::function<void(std::ostream&)> stream;

  static Response json(const nlohmann::json& j, int status = 200) {
    Response r;
    r.status = status;
    r.body = j.dump();
    return r;
  }
  static Response no_content() { Response r; r.status = 204; r.content_type.clear(); return r; }
};

// Strict readers of a request's query parameters, one per kind of parameter. An absent or empty
// parameter is "not given" (nullopt, nullptr or the fallback); a given one that is not of its kind
// is refused before anything is read or written: 400 validation_failed naming the parameter
// (404 org_unit_not_found for a unit code that names no unit). Handlers read them through Ctx.
class QueryParams {
 public:
  explicit QueryParams(const std::map<std::string, std::string>& query) : query_(query) {}

  // The raw value (at most 500 bytes of clean UTF-8, else 400), or `fallback` when absent.
  std::string q(const std::string& key, const std::string& fallback = "") const;
  // YYYY-MM-DD, years 1900–2200.
  std::optional<Date> opt_date(const std::string& key) const;
  Date as_of() const;  // ?asOf=, default today in Vietnam
  // A record id: a positive integer (at most 18 digits).
  std::optional<long long> id_q(const std::string& key) const;
  // An integer from lo to hi (REQUIRES 0 <= lo <= hi < 10^9).
  std::optional<int> int_q(const std::string& key, int lo, int hi) const;
  // ?version= of the record a DELETE removes (optimistic concurrency): required, a non-negative integer.
  long long version_q() const;
  // One of `allowed`; `fallback` when absent or empty.
  std::string enum_q(const std::string& key, const std::vector<std::string>& allowed, const std::string& fallback = "") const;
  // true or false.
  std::optional<bool> bool_q(const std::string& key) const;
  // An org-unit code: the unit of that code on `on` (default: ?asOf=, else today); nullptr when
  // absent; 404 org_unit_not_found naming `key` when the code names no unit that day. The unit
  // belongs to `h`: keep the snapshot alive while using it.
  const OrgUnit* unit_q(const Hierarchy& h, const std::string& key = "orgUnit", std::optional<Date> on = std::nullopt) const;
  int page() const;       // ?page=, 1–1000000, default 1
  int page_size() const;  // ?pageSize=, 1–500, default 50
  // ?sort=: one of `fields`, or one of them prefixed with '-' (descending); default fields[0].
  std::string sort(const std::vector<std::string>& fields) const;

 private:
  const std::map<std::string, std::string>& query_;
};

struct Ctx {
  App& app;
  const Request& req;
  std::vector<std::string> params;         // path parameters, in order
  std::optional<Principal> principal;      // set for authenticated routes
  std::string session_token;

  const Principal& me() const;             // REQUIRES: authenticated route
  std::string param(size_t i) const { return params.at(i); }
  // Query parameters, by kind (QueryParams above says what each accepts and answers).
  QueryParams query() const { return QueryParams(req.query); }
  std::string q(const std::string& key, const std::string& fallback = "") const { return query().q(key, fallback); }
  Date as_of() const { return query().as_of(); }
  std::optional<Date> opt_date(const std::string& key) const { return query().opt_date(key); }
  std::optional<long long> id_q(const std::string& key) const { return query().id_q(key); }
  std::optional<int> int_q(const std::string& key, int lo, int hi) const { return query().int_q(key, lo, hi); }
  long long version_q() const { return query().version_q(); }
  std::string enum_q(const std::string& key, const std::vector<std::string>& allowed, const std::string& fallback = "") const {
    return query().enum_q(key, allowed, fallback);
  }
  std::optional<bool> bool_q(const std::string& key) const { return query().bool_q(key); }
  const OrgUnit* unit_q(const Hierarchy& h, const std::string& key = "orgUnit", std::optional<Date> on = std::nullopt) const {
    return query().unit_q(h, key, on);
  }
  int page() const { return query().page(); }
  int page_size() const { return query().page_size(); }
  std::string sort(const std::vector<std::string>& fields) const { return query().sort(fields); }
  long long id_param(size_t i) const;      // 404 when not a positive integer
  nlohmann::json body() const;             // a JSON object, else 400
};

// A request body as a JSON object (what Ctx::body() returns): 413 json_too_deep when nested deeper
// than kMaxJsonDepth (checked before parsing), 400 invalid_json when not JSON or not an object.
nlohmann::json parse_body_object(const std::string& body);

// Strict field readers over a JSON object body; errors name the field. Strings are returned in
// Unicode NFC (domain/text.hpp to_nfc), whatever form the client sent.
std::string req_string(const nlohmann::json& b, const std::string& field, size_t max_len = 255);
std::string opt_string(const nlohmann::json& b, const std::string& field, size_t max_len = 255);
long long req_int(const nlohmann::json& b, const std::string& field);
std::optional<long long> opt_int(const nlohmann::json& b, const std::string& field);
bool opt_bool(const nlohmann::json& b, const std::string& field, bool fallback);
std::vector<std::string> req_string_array(const nlohmann::json& b, const std::string& field, size_t max_items = 20);
std::optional<Date> opt_json_date(const nlohmann::json& b, const std::string& field);

// Query parameters that are dates wherever they appear (YYYY-MM-DD): App::dispatch validates
// each one present before any handler runs.
inline constexpr const char* kDateQueryParams[] = {"asOf", "from", "to", "today"};

using Handler = std::function<Response(Ctx&)>;

enum class Auth { Public, Session };

struct Route {
  std::string method;
  std::string pattern;  // /api/org-units/{code}
  Auth auth;
  Handler handler;
  std::string summary;  // for the OpenAPI document
  // The permission the route needs, when one does for every caller (perm::k…, domain/access.hpp):
  // App::dispatch checks it first (403 forbidden), after the session and the date parameters;
  // `longghep routes` lists it. nullptr: the handler decides (public routes, own account, record rules).
  const char* permission = nullptr;
};

}  // namespace longghep
