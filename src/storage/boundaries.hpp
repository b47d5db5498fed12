// Administrative boundaries in the database (table `boundaries`, migration 0007): the import of a
// GeoJSON FeatureCollection (parsed, matched and simplified by domain/boundary.hpp) and the read
// of one level as a FeatureCollection for maps.
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/boundary.hpp"
#include "storage/audit.hpp"

namespace longghep {

struct BoundaryImportOptions {
  BoundaryLevel level = BoundaryLevel::province;
  std::string source;          // file name or "upload", kept with each row
  double tolerance = -1;       // degrees; < 0: default_tolerance(level)
  int decimals = 4;
  Date as_of = Date::today_vn();  // the day codes are matched on
};

struct BoundaryImportResult {
  std::vector<std::string> matched;  // codes written
  std::vector<UnmatchedFeature> unmatched;
  size_t positions_in = 0, positions_out = 0;  // coordinates before and after simplification
  size_t bytes_out = 0;                        // stored GeoJSON geometry text
  nlohmann::json to_json() const;
};

// Parses, matches and simplifies `text`, then replaces the stored geometry of every matched
// unit (others are left alone) and records one audit entry. Throws Error(400) before writing
// anything when the file is not a valid FeatureCollection; REQUIRES: a transaction.
BoundaryImportResult import_boundaries(soci::session& s, const Hierarchy& h, const std::string& text,
                                       const BoundaryImportOptions& opt, const Actor& actor);

struct StoredBoundary {
  std::string code, name, geometry;  // geometry: GeoJSON text
};
std::vector<StoredBoundary> load_boundaries(soci::session& s, BoundaryLevel level);
long long boundary_count(soci::session& s, BoundaryLevel level);

}  // namespace longghep
