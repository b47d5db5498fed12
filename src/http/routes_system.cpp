// Health, readiness, the OpenAPI document, the audit log, and the bare hello-world handler the
// throughput benchmarks compare against (only with the bench_routes switch: add_bench_routes).
#include "domain/error.hpp"
#include "http/app.hpp"
#include "http/routes.hpp"
#include "storage/audit.hpp"

namespace longghep {
using nlohmann::json;

namespace {
Response healthz(Ctx&) { return Response::json({{"status", "ok"}}); }

Response readyz(Ctx& c) {
  if (!c.app.db().ping())
    throw Error(503, "not_ready", "Cơ sở dữ liệu chưa sẵn sàng", "The database is not reachable");
  return Response::json({{"status", "ready"}});
}

Response hello(Ctx&) {
  Response r;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "hello";
  return r;
}

Response openapi(Ctx& c) { return Response::json(openapi_document(c.app.routes())); }

Response audit(Ctx& c) {
  Access::require(c.me(), perm::kAuditRead);
  AuditQuery q;
  q.entity = c.q("entity");
  q.entity_id = c.q("entityId");
  q.username = c.q("username");
  q.action = c.q("action");
  if (!q.action.empty() && q.action != "create" && q.action != "update" && q.action != "delete")
    throw Error::Validation("action", "action phải là create, update hoặc delete", "action must be create, update or delete");
  if (auto d = c.opt_date("from")) q.from = d->iso();
  if (auto d = c.opt_date("to")) q.to = d->iso();
  q.page = c.page();
  q.page_size = c.page_size();
  // the audit of support records (entities case*) is for those who may read them (the wall, issue 16)
  q.support_records = Access::has(c.me(), perm::kCasesRead);
  json out;
  HierarchyPtr h = c.app.hierarchy();
  c.app.db().with_session([&](soci::session& s) { out = list_audit(s, q, c.me().scope, *h); });
  return Response::json(out);
}
}  // namespace

void add_system_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/healthz", Auth::Public, healthz, "Liveness"});
  r.push_back({"GET", "/readyz", Auth::Public, readyz, "Readiness: the database answers"});
  r.push_back({"GET", "/api/openapi.json", Auth::Public, openapi, "This document"});
  r.push_back({"GET", "/api/audit", Auth::Session, audit, "Audit log entries in the caller's scope, newest first", perm::kAuditRead});
}

void add_bench_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/hello", Auth::Public, hello, "Bare hello-world (benchmark baseline; bench_routes only)"});
}

}  // namespace longghep
