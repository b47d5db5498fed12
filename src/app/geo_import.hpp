// Boundary files from disk (the `import-geo` subcommand and the demo): a GeoJSON file, or a
// folder of them (e.g. shared/data/geo/provinces-2025, one FeatureCollection per province),
// imported in one transaction.
#pragma once
#include <string>
#include <vector>

#include "storage/boundaries.hpp"
#include "storage/database.hpp"

namespace longghep {

// The .geojson/.json files a path names: itself, or the sorted files of a folder.
std::vector<std::string> boundary_files(const std::string& path);
// Imports every file (all or nothing); the results are added up.
BoundaryImportResult import_boundary_files(Database& db, const std::vector<std::string>& files,
                                           BoundaryImportOptions opt, const Actor& actor);

}  // namespace longghep
