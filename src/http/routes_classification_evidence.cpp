// The evidence of commune classification (issue 18 §2, docs/api-classification.md "Evidence"):
// GET /api/classification/evidence?commune=<code>&year= — what the registers hold about one
// commune (and its predecessors) in one year. A thin adapter over storage/classification_evidence.
// Needs classification.read; a commune outside the caller's scope is 404.
#include <string>

#include "domain/access.hpp"
#include "domain/classification.hpp"
#include "domain/error.hpp"
#include "http/app.hpp"
#include "storage/classification_evidence.hpp"
#include "storage/org_units.hpp"

namespace longghep {
using nlohmann::json;

namespace {

bool digits(const std::string& s) {
  if (s.empty() || s.size() > 10) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// GET /api/classification/evidence?commune=&year=
Response evidence(Ctx& c) {
  Access::require(c.me(), perm::kClassificationRead);
  const Date today = Date::today_vn();
  const std::string year_s = c.q("year");
  const int max_year = today.year();
  const int first = classification::kFirstYear;  // the same first year as the assessments
  if (!digits(year_s) || year_s.size() != 4 || std::stoi(year_s) < first || std::stoi(year_s) > max_year)
    throw Error(422, "year_out_of_range", "Năm phải từ " + std::to_string(first) + " đến " + std::to_string(max_year),
                "The year must be from " + std::to_string(first) + " to " + std::to_string(max_year), "year");
  const int year = std::stoi(year_s);
  const std::string code = c.q("commune");
  HierarchyPtr h = c.app.hierarchy();
  const Date ref = Date::from_ymd(year, 12, 31);
  const OrgUnit* u = digits(code) ? h->find(code, ref) : nullptr;
  if (!u || u->kind != "commune")
    throw Error(422, "not_a_commune", "Mã " + code + " không phải là một xã, phường vào ngày 31/12/" + year_s,
                "Code " + code + " is not a commune on 31/12/" + year_s, "commune");
  Access::require_unit_visible(c.me(), u->id, "xã " + u->code, "Commune " + u->code);
  std::map<std::string, EvidenceValue> ev;
  c.app.db().with_session([&](soci::session& s) { ev = classification_evidence(s, *h, u->id, year); });
  json metrics = json::object();
  for (const auto& [k, v] : ev) metrics[k] = evidence_json(v);
  return Response::json({{"commune", org_unit_ref(*u)},
                         {"year", year},
                         {"metrics", metrics}});
}

}  // namespace

void add_classification_evidence_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/classification/evidence", Auth::Session, evidence,
               "Evidence of commune classification: what the registers hold about a commune and its predecessors in a "
               "year (plans, communication activities, reports on time, clubs, people supported and services, "
               "businesses, inspections and violations); counts only, never a person",
               perm::kClassificationRead});
}

}  // namespace longghep
