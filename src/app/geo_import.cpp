#include "app/geo_import.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/error.hpp"
#include "storage/org_units.hpp"

namespace longghep {
namespace fs = std::filesystem;

std::vector<std::string> boundary_files(const std::string& path) {
  std::vector<std::string> out;
  if (fs::is_directory(path)) {
    for (const auto& e : fs::directory_iterator(path)) {
      const std::string ext = e.path().extension().string();
      if (e.is_regular_file() && (ext == ".geojson" || ext == ".json")) out.push_back(e.path().string());
    }
    std::sort(out.begin(), out.end());
  } else {
    out.push_back(path);
  }
  return out;
}

BoundaryImportResult import_boundary_files(Database& db, const std::vector<std::string>& files,
                                           BoundaryImportOptions opt, const Actor& actor) {
  BoundaryImportResult total;
  db.transact([&](soci::session& s) {
    auto h = load_hierarchy(s);
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      if (!in) throw Error::BadRequest("Không đọc được tệp " + f, "Cannot read file " + f, "file");
      std::ostringstream ss;
      ss << in.rdbuf();
      opt.source = fs::path(f).filename().string();
      BoundaryImportResult r;
      try {
        r = import_boundaries(s, *h, ss.str(), opt, actor);
      } catch (const Error& e) {
        throw Error(e.status(), e.code(), opt.source + ": " + e.message_vi(), opt.source + ": " + e.message_en(), e.field());
      }
      total.matched.insert(total.matched.end(), r.matched.begin(), r.matched.end());
      total.unmatched.insert(total.unmatched.end(), r.unmatched.begin(), r.unmatched.end());
      total.positions_in += r.positions_in;
      total.positions_out += r.positions_out;
      total.bytes_out += r.bytes_out;
    }
  });
  return total;
}

}  // namespace longghep
