#include "domain/boundary.hpp"

#include <cmath>
#include <set>

#include "domain/error.hpp"
#include "util/json_input.hpp"

namespace longghep {
using nlohmann::json;

std::optional<BoundaryLevel> boundary_level_of(std::string_view text) {
  if (text == "province") return BoundaryLevel::province;
  if (text == "commune") return BoundaryLevel::commune;
  return std::nullopt;
}

std::string to_string(BoundaryLevel level) { return level == BoundaryLevel::province ? "province" : "commune"; }

double default_tolerance(BoundaryLevel level) { return level == BoundaryLevel::province ? 0.005 : 0.0005; }

namespace {

double distance_to_segment(const Point& p, const Point& a, const Point& b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  if (len2 == 0) return std::hypot(p.x - a.x, p.y - a.y);
  double t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2;
  t = std::max(0.0, std::min(1.0, t));
  return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

// Iterative (an explicit stack) so a ring of 100,000 points cannot overflow the call stack.
void mark_kept(const std::vector<Point>& line, double tolerance, std::vector<char>& keep) {
  std::vector<std::pair<size_t, size_t>> stack{{0, line.size() - 1}};
  while (!stack.empty()) {
    auto [first, last] = stack.back();
    stack.pop_back();
    if (last <= first + 1) continue;
    double worst = -1;
    size_t at = first;
    for (size_t i = first + 1; i < last; ++i) {
      const double d = distance_to_segment(line[i], line[first], line[last]);
      if (d > worst) { worst = d; at = i; }
    }
    if (worst > tolerance) {
      keep[at] = 1;
      stack.push_back({first, at});
      stack.push_back({at, last});
    }
  }
}

double round_to(double v, double scale) { return std::round(v * scale) / scale; }

Error bad_geometry(const std::string& field, const std::string& vi, const std::string& en) {
  return Error::Validation(field, vi, en);
}

std::vector<Point> ring_points(const json& ring, const std::string& field) {
  if (!ring.is_array() || ring.size() < 4)
    throw bad_geometry(field, "Vòng đa giác phải có ít nhất 4 điểm", "A polygon ring needs at least 4 positions");
  std::vector<Point> out;
  out.reserve(ring.size());
  for (const auto& pos : ring) {
    if (!pos.is_array() || pos.size() < 2 || !pos[0].is_number() || !pos[1].is_number())
      throw bad_geometry(field, "Tọa độ không hợp lệ (cần [kinh độ, vĩ độ])", "Invalid position (expected [lon, lat])");
    const double x = pos[0].get<double>(), y = pos[1].get<double>();
    if (!std::isfinite(x) || !std::isfinite(y) || x < -180 || x > 180 || y < -90 || y > 90)
      throw bad_geometry(field, "Tọa độ ngoài phạm vi kinh độ/vĩ độ", "Position outside longitude/latitude range");
    out.push_back({x, y});
  }
  return out;
}

void check_polygon(const json& poly, const std::string& field) {
  if (!poly.is_array() || poly.empty())
    throw bad_geometry(field, "Đa giác phải là mảng các vòng", "A polygon must be an array of rings");
  for (size_t i = 0; i < poly.size(); ++i) ring_points(poly[i], field + "[" + std::to_string(i) + "]");
}

// A simplified ring, or an empty one when it collapses below a closed triangle.
json simplify_ring(const json& ring, double tolerance, double scale) {
  std::vector<Point> pts;
  pts.reserve(ring.size());
  for (const auto& pos : ring) pts.push_back({pos[0].get<double>(), pos[1].get<double>()});
  std::vector<Point> kept = simplify_line(pts, tolerance);
  json out = json::array();
  for (const auto& p : kept) {
    json pos = json::array({round_to(p.x, scale), round_to(p.y, scale)});
    if (!out.empty() && out.back() == pos) continue;  // rounding made two neighbours one
    out.push_back(std::move(pos));
  }
  if (out.size() < 4) return json::array();
  return out;
}

json simplify_polygon(const json& poly, double tolerance, double scale, bool keep_outer) {
  json out = json::array();
  for (size_t i = 0; i < poly.size(); ++i) {
    json r = simplify_ring(poly[i], tolerance, scale);
    if (r.empty() && i == 0) {
      if (!keep_outer) return json::array();
      // The outer ring of the only polygon: keep it at full detail rather than lose the unit.
      r = simplify_ring(poly[i], 0, scale);
      if (r.empty()) r = poly[i];
    }
    if (!r.empty()) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

std::vector<Point> simplify_line(const std::vector<Point>& line, double tolerance) {
  if (line.size() <= 2 || tolerance <= 0) return line;
  std::vector<char> keep(line.size(), 0);
  keep.front() = keep.back() = 1;
  const bool closed = line.front().x == line.back().x && line.front().y == line.back().y;
  if (closed && line.size() > 3) {
    // A closed ring's chord from its first to its last point is a point: split it at the
    // position farthest from the start, which any simplification keeps.
    size_t far = 1;
    double worst = -1;
    for (size_t i = 1; i + 1 < line.size(); ++i) {
      const double d = std::hypot(line[i].x - line[0].x, line[i].y - line[0].y);
      if (d > worst) { worst = d; far = i; }
    }
    keep[far] = 1;
    std::vector<Point> a(line.begin(), line.begin() + static_cast<long>(far) + 1);
    std::vector<Point> b(line.begin() + static_cast<long>(far), line.end());
    std::vector<char> ka(a.size(), 0), kb(b.size(), 0);
    mark_kept(a, tolerance, ka);
    mark_kept(b, tolerance, kb);
    for (size_t i = 0; i < ka.size(); ++i) keep[i] |= ka[i];
    for (size_t i = 0; i < kb.size(); ++i) keep[far + i] |= kb[i];
  } else {
    mark_kept(line, tolerance, keep);
  }
  std::vector<Point> out;
  for (size_t i = 0; i < line.size(); ++i)
    if (keep[i]) out.push_back(line[i]);
  return out;
}

json simplify_geometry(const json& geometry, double tolerance, int decimals) {
  const double scale = std::pow(10.0, decimals);
  const std::string type = geometry.at("type").get<std::string>();
  if (type == "Polygon")
    return {{"type", "Polygon"}, {"coordinates", simplify_polygon(geometry.at("coordinates"), tolerance, scale, true)}};
  json polys = json::array();
  const json& in = geometry.at("coordinates");
  for (const auto& p : in) {
    json s = simplify_polygon(p, tolerance, scale, false);
    if (!s.empty()) polys.push_back(std::move(s));
  }
  if (polys.empty() && !in.empty()) {
    // Every part was smaller than the tolerance (a unit of islets): keep the largest as it is.
    size_t best = 0;
    for (size_t i = 1; i < in.size(); ++i)
      if (in[i].at(0).size() > in[best].at(0).size()) best = i;
    polys.push_back(simplify_polygon(in[best], 0, scale, true));
  }
  return {{"type", "MultiPolygon"}, {"coordinates", polys}};
}

size_t position_count(const json& geometry) {
  size_t n = 0;
  const json& c = geometry.at("coordinates");
  auto rings = [&](const json& poly) {
    for (const auto& r : poly) n += r.size();
  };
  if (geometry.at("type") == "Polygon") rings(c);
  else
    for (const auto& p : c) rings(p);
  return n;
}

std::string feature_code(const json& feature, int digits) {
  auto text_of = [&](const json& v) -> std::string {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer() || v.is_number_unsigned()) {
      std::string s = std::to_string(v.get<long long>());
      if (static_cast<int>(s.size()) < digits) s.insert(0, static_cast<size_t>(digits) - s.size(), '0');
      return s;
    }
    return "";
  };
  if (feature.contains("properties") && feature["properties"].is_object()) {
    const json& p = feature["properties"];
    for (const char* key : {"code", "ma", "maTinh", "maXa", "Code"})
      if (p.contains(key)) {
        std::string c = text_of(p[key]);
        if (!c.empty()) return c;
      }
  }
  if (feature.contains("id")) return text_of(feature["id"]);
  return "";
}

std::vector<BoundaryFeature> parse_boundary_features(const std::string& text, BoundaryLevel level) {
  json doc;
  check_json_depth(text, "file");  // 413 before a hostile nesting allocates hundreds of MiB
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    throw Error::Validation("file", std::string("Tệp không phải JSON hợp lệ (vị trí byte ") + std::to_string(e.byte) + ")",
                            std::string("The file is not valid JSON (at byte ") + std::to_string(e.byte) + ")");
  } catch (const json::exception&) {  // out_of_range 406: a number beyond double (found by fuzz_geojson)
    throw Error::Validation("file", "Tệp JSON có số quá lớn", "The JSON file holds a number out of range");
  }
  if (!doc.is_object() || !doc.contains("type") || doc["type"] != "FeatureCollection")
    throw Error::Validation("type", "Tệp phải là một GeoJSON FeatureCollection", "The file must be a GeoJSON FeatureCollection");
  if (!doc.contains("features") || !doc["features"].is_array() || doc["features"].empty())
    throw Error::Validation("features", "FeatureCollection không có đối tượng nào", "The FeatureCollection has no features");
  const json& fs = doc["features"];
  if (fs.size() > kMaxBoundaryFeatures)
    throw Error::Validation("features", "Quá nhiều đối tượng (tối đa " + std::to_string(kMaxBoundaryFeatures) + ")",
                            "Too many features (at most " + std::to_string(kMaxBoundaryFeatures) + ")");
  const int digits = level == BoundaryLevel::province ? 2 : 5;
  std::vector<BoundaryFeature> out;
  out.reserve(fs.size());
  for (size_t i = 0; i < fs.size(); ++i) {
    const std::string at = "features[" + std::to_string(i) + "]";
    const json& f = fs[i];
    if (!f.is_object() || f.value("type", "") != "Feature")
      throw Error::Validation(at, "Phần tử không phải một Feature", "The element is not a Feature");
    if (!f.contains("geometry") || !f["geometry"].is_object())
      throw Error::Validation(at + ".geometry", "Đối tượng không có hình học", "The feature has no geometry");
    const json& g = f["geometry"];
    const std::string type = g.value("type", "");
    if (type != "Polygon" && type != "MultiPolygon")
      throw Error::Validation(at + ".geometry.type", "Hình học phải là Polygon hoặc MultiPolygon, không phải \"" + type + "\"",
                              "The geometry must be a Polygon or MultiPolygon, not \"" + type + "\"");
    if (!g.contains("coordinates") || !g["coordinates"].is_array() || g["coordinates"].empty())
      throw Error::Validation(at + ".geometry.coordinates", "Thiếu tọa độ", "Coordinates are missing");
    if (type == "Polygon") check_polygon(g["coordinates"], at + ".geometry.coordinates");
    else
      for (size_t k = 0; k < g["coordinates"].size(); ++k)
        check_polygon(g["coordinates"][k], at + ".geometry.coordinates[" + std::to_string(k) + "]");
    BoundaryFeature b;
    b.index = i;
    b.code = feature_code(f, digits);
    if (f.contains("properties") && f["properties"].is_object() && f["properties"].contains("name") &&
        f["properties"]["name"].is_string())
      b.name = f["properties"]["name"].get<std::string>();
    b.geometry = g;
    out.push_back(std::move(b));
  }
  return out;
}

BoundaryMatching match_boundaries(const std::vector<BoundaryFeature>& features, BoundaryLevel level,
                                  const Hierarchy& h, Date as_of) {
  BoundaryMatching m;
  std::set<std::string> seen;
  const std::string kind = to_string(level);
  for (const auto& f : features) {
    auto miss = [&](std::string vi, std::string en) {
      m.unmatched.push_back({f.index, f.code, f.name, std::move(vi), std::move(en)});
    };
    if (f.code.empty()) {
      miss("Đối tượng không ghi mã đơn vị (properties.code hoặc id)", "The feature names no unit code (properties.code or id)");
      continue;
    }
    const OrgUnit* u = h.find(f.code, as_of);
    if (!u) {
      miss("Không có đơn vị mã " + f.code + " vào ngày " + as_of.vn(), "No org unit with code " + f.code + " on " + as_of.iso());
      continue;
    }
    if (u->kind != kind) {
      miss("Đơn vị mã " + f.code + " không phải cấp " + (level == BoundaryLevel::province ? "tỉnh" : "xã"),
           "Unit " + f.code + " is not a " + kind);
      continue;
    }
    if (!seen.insert(f.code).second) {
      miss("Mã " + f.code + " đã có ở một đối tượng trước", "Code " + f.code + " already given by an earlier feature");
      continue;
    }
    m.matched.push_back({&f, u});
  }
  return m;
}

}  // namespace longghep
