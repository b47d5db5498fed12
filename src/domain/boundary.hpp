// Administrative boundaries for maps (issue 6): reading a GeoJSON FeatureCollection, simplifying
// its polygons so that a map of 34 provinces stays a few hundred kB, and matching each feature to
// the org unit of the same official code. Pure (no I/O): the importer and the routes call it.
//
// Example:
//   auto fs = parse_boundary_features(text);                  // Error (400) naming the fault
//   auto m = match_boundaries(fs, BoundaryLevel::province, h, Date::today_vn());
//   for (auto& b : m.matched) store(b.unit->code, simplify_geometry(b.feature.geometry, 0.005, 4));
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/hierarchy.hpp"

namespace longghep {

enum class BoundaryLevel { province, commune };
std::optional<BoundaryLevel> boundary_level_of(std::string_view text);  // "province" | "commune"
std::string to_string(BoundaryLevel level);
// The default simplification tolerance in degrees: ~500 m for provinces, ~50 m for communes.
double default_tolerance(BoundaryLevel level);

struct Point { double x = 0, y = 0; };

// Douglas–Peucker: keeps the first and last points and every point farther than `tolerance`
// from the chord of the points kept around it. tolerance <= 0 keeps every point.
std::vector<Point> simplify_line(const std::vector<Point>& line, double tolerance);

// A Polygon or MultiPolygon with every ring simplified (a closed ring stays closed and keeps at
// least 4 positions; a ring or polygon that collapses below that is dropped, the outer ring of a
// polygon never is) and every coordinate rounded to `decimals` places (4 ≈ 11 m).
nlohmann::json simplify_geometry(const nlohmann::json& geometry, double tolerance, int decimals);
size_t position_count(const nlohmann::json& geometry);

// One feature of an uploaded collection: its index in `features`, the official code it names
// (properties.code, else properties.ma/maTinh/maXa, else the feature id; numbers are written
// with leading zeros: 2 digits for provinces, 5 for communes) and its geometry.
struct BoundaryFeature {
  size_t index = 0;
  std::string code;   // empty when the feature names none
  std::string name;   // properties.name when present
  nlohmann::json geometry;
};

// Parses a GeoJSON FeatureCollection whose features are Polygons or MultiPolygons. Throws
// Error (400, the field named: "features[3].geometry") on anything else: not JSON, not a
// FeatureCollection, no features, more than kMaxBoundaryFeatures, a geometry of another type or
// with malformed coordinates. A feature without a code is kept (reported unmatched).
inline constexpr size_t kMaxBoundaryFeatures = 20000;
std::vector<BoundaryFeature> parse_boundary_features(const std::string& text, BoundaryLevel level);
// The official code a feature names ("" if none); `digits` pads numeric codes.
std::string feature_code(const nlohmann::json& feature, int digits);

struct BoundaryMatch {
  const BoundaryFeature* feature = nullptr;
  const OrgUnit* unit = nullptr;
};
struct UnmatchedFeature {
  size_t index = 0;
  std::string code, name;
  std::string reason_vi, reason_en;
};
struct BoundaryMatching {
  std::vector<BoundaryMatch> matched;
  std::vector<UnmatchedFeature> unmatched;
};
// Each feature against the unit of its code valid on `as_of` whose kind is the level; a code
// named twice matches once (the later feature is reported as a duplicate).
BoundaryMatching match_boundaries(const std::vector<BoundaryFeature>& features, BoundaryLevel level,
                                  const Hierarchy& h, Date as_of);

}  // namespace longghep
