// The administrative hierarchy: readable by every signed-in user, answered as of a date from
// the in-memory snapshot (App::hierarchy), imported by holders of hierarchy.manage.
#include <Poco/Exception.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>

#include <iterator>
#include <sstream>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "http/app.hpp"
#include "storage/agencies.hpp"
#include "storage/org_units.hpp"

namespace longghep {
using nlohmann::json;

namespace {
json unit_json(const Hierarchy& h, const OrgUnit& u, Date as_of) {
  json j = org_unit_json(u);
  j["childCount"] = h.child_count(u, as_of);
  return j;
}

Response list_kinds(Ctx& c) {
  Access::require(c.me(), perm::kHierarchyRead);
  json items;
  c.app.db().with_session([&](soci::session& s) { items = org_unit_kinds_json(s); });
  return Response::json({{"items", items}});
}

Response list_units(Ctx& c) {
  Access::require(c.me(), perm::kHierarchyRead);
  HierarchyPtr h = c.app.hierarchy();
  const Date d = c.as_of();
  const std::string query = c.q("q"), kind = c.q("kind"), sort = c.sort({"name", "code"});
  const OrgUnit* parent = c.unit_q(*h, "parent", d);
  std::vector<const OrgUnit*> units;
  if (!query.empty()) units = h->search(fold_for_search(query), d, parent);
  else if (parent) units = h->children(*parent, d);
  else units = h->roots(d);
  if (!kind.empty())
    std::erase_if(units, [&](const OrgUnit* u) { return u->kind != kind; });
  if (sort == "code" || sort == "-code")
    std::stable_sort(units.begin(), units.end(), [](auto* a, auto* b) { return a->code < b->code; });
  if (sort[0] == '-') std::reverse(units.begin(), units.end());
  const int page = c.page(), size = c.page_size();
  json items = json::array();
  for (size_t i = static_cast<size_t>(page - 1) * size; i < units.size() && items.size() < static_cast<size_t>(size); ++i)
    items.push_back(unit_json(*h, *units[i], d));
  return Response::json({{"items", items}, {"total", units.size()}, {"page", page}, {"pageSize", size}, {"asOf", d.iso()}});
}

json lineage_json(const Hierarchy& h, const LineageEvent& e, long long other_id) {
  const OrgUnit* other = h.by_id(other_id);
  return {{"type", e.type}, {"date", e.date.iso()}, {"partial", e.partial},
          {"unit", other ? org_unit_ref(*other) : json(nullptr)}};
}

Response get_unit(Ctx& c) {
  Access::require(c.me(), perm::kHierarchyRead);
  HierarchyPtr h = c.app.hierarchy();
  const Date d = c.as_of();
  const std::string code = c.param(0);
  const OrgUnit* u = h->find(code, d);
  if (!u) throw Error::OrgUnitNotFound(code.size() > 32 ? code.substr(0, 32) : code, "code", d);
  json j = unit_json(*h, *u, d);
  j["asOf"] = d.iso();
  j["ancestors"] = json::array();
  for (auto* a : h->ancestors(*u, d)) j["ancestors"].push_back(org_unit_ref(*a));
  j["predecessors"] = json::array();
  for (auto* e : h->predecessors(u->id)) j["predecessors"].push_back(lineage_json(*h, *e, e->from_id));
  j["successors"] = json::array();
  for (auto* e : h->successors(u->id)) j["successors"].push_back(lineage_json(*h, *e, e->to_id));
  j["leadAgency"] = agency_ref_json(c.app.programme_roles()->holder(u->id, "lead", d));
  return Response::json(j);
}

// The uploaded file: the raw body, or for multipart/form-data the part named "file" (else the
// first part).
std::string uploaded_file(const Request& req) {
  auto ct = req.headers.find("content-type");
  if (ct == req.headers.end()) return req.body;
  try {
    Poco::Net::MediaType type(ct->second);
    if (!type.matches("multipart", "form-data")) return req.body;
    std::istringstream in(req.body);
    Poco::Net::MultipartReader reader(in, type.getParameter("boundary"));
    std::optional<std::string> first;
    while (reader.hasNextPart()) {
      Poco::Net::MessageHeader part;
      reader.nextPart(part);
      std::string content{std::istreambuf_iterator<char>(reader.stream()), std::istreambuf_iterator<char>()};
      std::string disposition;
      Poco::Net::NameValueCollection params;
      Poco::Net::MessageHeader::splitParameters(part.get("Content-Disposition", ""), disposition, params);
      if (params.get("name", "") == "file") return content;
      if (!first) first = std::move(content);
    }
    if (first) return *first;
  } catch (const Poco::Exception& e) {
    throw Error::BadRequest("Biểu mẫu tải tệp không hợp lệ", "Malformed multipart upload: " + e.displayText(), "file");
  }
  throw Error::Validation("file", "Biểu mẫu không có tệp", "The form holds no file");
}

Response import_units(Ctx& c) {
  Access::require(c.me(), perm::kHierarchyManage);
  const std::string file = uploaded_file(c.req);
  if (file.empty())
    throw Error::Validation("file", "Tệp rỗng", "The file is empty");
  std::string format = c.q("format");
  if (format.empty()) format = detect_unit_format(file);
  UnitBatch batch = read_units(file, format);
  ImportResult result;
  c.app.db().transact([&](soci::session& s) {
    result = apply_unit_batch(s, batch, actor_of(c),
                              format == "vnmerges" ? LinkPolicy::ReportUnresolved : LinkPolicy::Strict);
  });
  c.app.reload_hierarchy();
  return Response::json(result.to_json());
}
}  // namespace

void add_org_units_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/org-unit-kinds", Auth::Session, list_kinds, "Kinds of org units (data)", perm::kHierarchyRead});
  r.push_back({"GET", "/api/org-units", Auth::Session, list_units, "Roots, children of `parent`, or search `q`, as of `asOf`", perm::kHierarchyRead});
  r.push_back({"POST", "/api/org-units/import", Auth::Session, import_units, "Import an official unit list (vn2025, vnpre2025, vnmerges, csv, lineagecsv)", perm::kHierarchyManage});
  r.push_back({"GET", "/api/org-units/{code}", Auth::Session, get_unit, "One org unit by code as of `asOf`, with path, lineage and lead agency", perm::kHierarchyRead});
}

}  // namespace longghep
