// The person's rights over a support record (issue 16 §6; docs/api-cases.md "The person's
// rights"): the export of one person's data (JSON or .xlsx), anonymisation by a supervisor, and
// the log of duplicate searches. Correction is PUT /api/cases/{id}/identity with a
// correctionRequest (routes_cases.cpp); retention is `longghep retention run` (app/main.cpp).
// The wall is Access::has; a record outside the caller's scope answers 404.
#include <filesystem>
#include <fstream>

#include "domain/case_rights.hpp"
#include "domain/cases.hpp"
#include "domain/error.hpp"
#include "export/sheet_writer.hpp"
#include "http/app.hpp"
#include "http/case_access.hpp"
#include "http/render.hpp"
#include "security/crypto.hpp"
#include "storage/attachments.hpp"
#include "storage/case_rights.hpp"
#include "storage/cases.hpp"

namespace longghep {
using nlohmann::json;

namespace {
// The body of an export: {"includeIdentity": bool, "reason": "…"} — the reason is required with
// the identity (the identity is opened as a reveal: assigned worker or supervisor, logged, limited).
struct ExportRequest {
  bool identity = false;
  std::string reason;
};
ExportRequest read_export_request(Ctx& c) {
  json b = c.body();
  ExportRequest e;
  if (b.contains("includeIdentity") && !b["includeIdentity"].is_null()) {
    if (!b["includeIdentity"].is_boolean())
      throw Error::Validation("includeIdentity", "includeIdentity phải là true hoặc false", "includeIdentity must be a boolean");
    e.identity = b["includeIdentity"].get<bool>();
  }
  if (e.identity) {
    e.reason = cases::validate_reason(req_string(b, "reason", 4000));
    cases::require_no_identifier(e.reason, "reason");
  }
  return e;
}

// The export, assembled in one transaction: the sections, the identity (a reveal) when asked, and
// the audit of the export itself.
json build_export(Ctx& c, long long id, const ExportRequest& e, const std::string& format) {
  auto sealer = c.app.sealer();
  HierarchyPtr h = c.app.hierarchy();
  json out;
  c.app.db().transact([&](soci::session& s) {
    CaseRow r = visible_case(c, s, id);
    out = {{"code", r.code}, {"exportedAt", now_iso_utc()}, {"exportedBy", c.me().username}};
    std::vector<std::string> names;
    if (e.identity) {
      cases::require_not_anonymised(r.status);
      cases::require_can_reveal(c.me(), r.case_worker_id, r.supervisor_id);
      std::vector<std::string> fields;
      for (const auto& f : cases::kSealedFields)
        if (r.sealed_present.count(f.name)) fields.push_back(f.name);
      CaseIdentity v = reveal_case(s, r, fields, e.reason, *sealer, actor_of(c));
      json identity = json::object();
      for (const auto& f : cases::kSealedFields)
        identity[f.name] = v.count(f.name) && !v[f.name].empty() ? json(v[f.name]) : json(nullptr);
      out["identity"] = identity;
      r = *get_case(s, id);  // the reveal is in the access log section too
    }
    json sections = case_rights_export_json(s, *h, r, *sealer);
    for (const auto& [k, v] : sections.items()) {
      out[k] = v;
      names.push_back(k);
    }
    audit_rights_export(s, r, names, e.identity, format, actor_of(c));
  });
  return out;
}

Response rights_export(Ctx& c) {
  const long long id = c.id_param(0);
  ExportRequest e = read_export_request(c);
  return Response::json(build_export(c, id, e, "json"));
}

// A JSON value as rows (section, field path, value): objects by key, arrays by index.
void flatten(const json& v, const std::string& path, std::vector<std::pair<std::string, std::string>>& rows) {
  if (v.is_object()) {
    if (v.empty()) rows.emplace_back(path, "");
    for (const auto& [k, x] : v.items()) flatten(x, path.empty() ? k : path + "." + k, rows);
  } else if (v.is_array()) {
    if (v.empty()) rows.emplace_back(path, "");
    for (size_t i = 0; i < v.size(); ++i) flatten(v[i], path + "[" + std::to_string(i + 1) + "]", rows);
  } else if (v.is_string()) {
    rows.emplace_back(path, v.get<std::string>());
  } else if (v.is_null()) {
    rows.emplace_back(path, "");
  } else {
    rows.emplace_back(path, v.dump());
  }
}

Response rights_export_xlsx(Ctx& c) {
  const long long id = c.id_param(0);
  ExportRequest e = read_export_request(c);
  json data = build_export(c, id, e, "xlsx");
  const std::string path =
      (std::filesystem::temp_directory_path() / ("longghep-rights-" + security::random_token(8))).string();
  {
    XlsxSheetWriter w(path, "Dữ liệu cá nhân");
    w.header({"Phần / Section", "Trường / Field", "Giá trị / Value"});
    for (const auto& [section, v] : data.items()) {
      std::vector<std::pair<std::string, std::string>> rows;
      flatten(v, "", rows);
      for (const auto& [field, value] : rows) w.row({Cell{section}, Cell{field}, Cell{value}});
    }
    w.finish();
  }
  Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.headers.push_back({"Content-Disposition", content_disposition("ho-so-" + data["code"].get<std::string>() + ".xlsx")});
  r.stream = [path](std::ostream& os) {
    {
      std::ifstream in(path, std::ios::binary);
      os << in.rdbuf();
    }
    std::remove(path.c_str());
  };
  return r;
}

Response anonymise(Ctx& c) {
  c.app.sealer();
  const long long id = c.id_param(0);
  json b = c.body();
  const std::string reason = cases::validate_rights_reason(req_string(b, "reason", 4000), "reason");
  const long long version = req_int(b, "version");
  json out;
  c.app.db().transact([&](soci::session& s) {
    CaseRow r = visible_case(c, s, id);
    cases::require_not_anonymised(r.status);
    if (r.version != version) throw Error::Conflict();
    anonymise_case(s, r, reason, actor_of(c));
    out = case_json(s, *c.app.hierarchy(), *get_case(s, id));
  });
  return Response::json(out);
}

Response search_log(Ctx& c) {
  c.app.sealer();
  const int limit = c.int_q("limit", 1, 1000).value_or(200);
  json out;
  c.app.db().with_session([&](soci::session& s) { out = case_search_log_json(s, &c.me().scope, limit); });
  return Response::json(out);
}
}  // namespace

void add_case_rights_routes(std::vector<Route>& r) {
  r.push_back({"POST", "/api/cases/{id}/rights-export", Auth::Session, rights_export,
               "Export one person's data for a request (identity only as an audited reveal by the assigned worker or supervisor)",
               perm::kCasesRecord});
  r.push_back({"POST", "/api/cases/{id}/rights-export/xlsx", Auth::Session, rights_export_xlsx,
               "The same export as an .xlsx workbook", perm::kCasesRecord});
  r.push_back({"POST", "/api/cases/{id}/anonymise", Auth::Session, anonymise,
               "Erase the identity for good, keeping the pseudonymous statistics fields (supervisor, with a reason)",
               perm::kCasesSupervise});
  r.push_back({"GET", "/api/case-search-log", Auth::Session, search_log,
               "Who searched for duplicate records, when, how many matches (never the query)", perm::kCasesSupervise});
}

}  // namespace longghep
