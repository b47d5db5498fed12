// Administrative boundaries for maps (docs/api-boundaries.md): an administrator uploads a GeoJSON
// FeatureCollection (streamed to disk, matched to units by official code, simplified); any
// signed-in user reads a level as a FeatureCollection whose features carry properties.code and
// properties.name (the unit's name on ?asOf=, default today).
#include <fstream>
#include <sstream>

#include "domain/error.hpp"
#include "http/app.hpp"
#include "storage/boundaries.hpp"

namespace longghep {
using nlohmann::json;

namespace {

BoundaryLevel level_of(const Ctx& c) {
  auto l = boundary_level_of(c.q("level"));
  if (!l) throw Error::Validation("level", "Cấp phải là province hoặc commune", "level must be province or commune");
  return *l;
}

Response list(Ctx& c) {
  Access::require(c.me(), perm::kHierarchyRead);
  const BoundaryLevel level = level_of(c);
  const Date as_of = c.as_of();
  auto h = c.app.hierarchy();
  const OrgUnit* within = c.unit_q(*h, "within", as_of);
  std::vector<StoredBoundary> rows;
  c.app.db().with_session([&](soci::session& s) { rows = load_boundaries(s, level); });
  // The stored geometries are GeoJSON already: written into the answer as they are.
  std::string body = R"({"type":"FeatureCollection","level":)" + json(to_string(level)).dump() + R"(,"asOf":")" +
                     as_of.iso() + R"(","features":[)";
  bool first = true;
  for (const auto& b : rows) {
    const OrgUnit* u = h->find(b.code, as_of);
    if (!u) continue;  // a unit not valid on the day is not on that day's map
    if (within && u->id != within->id && !h->is_within(*u, *within, as_of)) continue;
    if (!first) body += ',';
    first = false;
    json props = {{"code", u->code}, {"name", u->name}, {"fullName", u->full_name}};
    body += R"({"type":"Feature","id":)" + json(u->code).dump() + R"(,"properties":)" + props.dump() +
            R"(,"geometry":)" + b.geometry + "}";
  }
  body += "]}";
  Response r;
  r.content_type = "application/geo+json; charset=utf-8";
  r.body = std::move(body);
  return r;
}

Response upload(Ctx& c) {
  Access::require(c.me(), perm::kBoundariesManage);
  const BoundaryLevel level = level_of(c);
  if (c.req.body_file.empty()) throw Error::Validation("file", "Không có tệp", "No file was sent");
  BoundaryImportOptions opt;
  opt.level = level;
  opt.source = c.q("filename", "upload");
  if (opt.source.size() > 255) opt.source = opt.source.substr(0, 255);
  if (!c.q("tolerance").empty()) {
    try {
      size_t used = 0;
      opt.tolerance = std::stod(c.q("tolerance"), &used);
      if (used != c.q("tolerance").size() || opt.tolerance < 0 || opt.tolerance > 0.1) throw std::invalid_argument("range");
    } catch (const std::exception&) {
      throw Error::Validation("tolerance", "Sai số đơn giản hóa phải từ 0 đến 0,1 độ", "tolerance must be 0 to 0.1 degrees");
    }
  }
  if (auto d = c.opt_date("asOf")) opt.as_of = *d;
  std::ifstream in(c.req.body_file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  BoundaryImportResult r;
  auto h = c.app.hierarchy();
  c.app.db().transact([&](soci::session& s) { r = import_boundaries(s, *h, text, opt, actor_of(c)); });
  json out = r.to_json();
  out["level"] = to_string(level);
  return Response::json(out);
}
}  // namespace

void add_boundaries_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/boundaries", Auth::Session, list, "Boundaries of one level (?level=province|commune&within=CODE&asOf=) as a GeoJSON FeatureCollection", perm::kHierarchyRead});
  r.push_back({"POST", "/api/boundaries", Auth::Session, upload, "Import a GeoJSON FeatureCollection of boundaries (raw body, ?level=&filename=&tolerance=), matched by unit code", perm::kBoundariesManage});
}

}  // namespace longghep
