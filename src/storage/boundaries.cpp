#include "storage/boundaries.hpp"

namespace longghep {
using nlohmann::json;

json BoundaryImportResult::to_json() const {
  json un = json::array();
  for (const auto& u : unmatched)
    un.push_back({{"index", u.index}, {"code", u.code.empty() ? json(nullptr) : json(u.code)},
                  {"name", u.name.empty() ? json(nullptr) : json(u.name)}, {"reason", u.reason_vi}, {"reasonEn", u.reason_en}});
  return {{"matched", matched.size()}, {"unmatched", unmatched.size()}, {"matchedCodes", matched},
          {"unmatchedFeatures", un}, {"positionsIn", positions_in}, {"positionsOut", positions_out},
          {"bytes", bytes_out}};
}

BoundaryImportResult import_boundaries(soci::session& s, const Hierarchy& h, const std::string& text,
                                       const BoundaryImportOptions& opt, const Actor& actor) {
  const auto features = parse_boundary_features(text, opt.level);
  const auto m = match_boundaries(features, opt.level, h, opt.as_of);
  const double tol = opt.tolerance < 0 ? default_tolerance(opt.level) : opt.tolerance;
  const std::string level = to_string(opt.level);
  const std::string at = now_iso_utc();
  BoundaryImportResult r;
  r.unmatched = m.unmatched;
  for (const auto& b : m.matched) {
    const json g = simplify_geometry(b.feature->geometry, tol, opt.decimals);
    const std::string text_out = g.dump();
    long long positions = static_cast<long long>(position_count(g));
    r.positions_in += position_count(b.feature->geometry);
    r.positions_out += static_cast<size_t>(positions);
    r.bytes_out += text_out.size();
    const std::string code = b.unit->code, name = b.unit->name;
    s << "DELETE FROM boundaries WHERE level = :l AND org_unit_code = :c", soci::use(level), soci::use(code);
    s << "INSERT INTO boundaries(org_unit_code, level, name, geometry, positions, source, imported_at, imported_by) "
         "VALUES (:c, :l, :n, :g, :p, :s, :a, :b)",
        soci::use(code), soci::use(level), soci::use(name), soci::use(text_out), soci::use(positions),
        soci::use(opt.source), soci::use(at), soci::use(actor.username);
    r.matched.push_back(code);
  }
  if (!r.matched.empty())
    record_audit(s, actor, {"update", "boundaries", level, 0, std::nullopt,
                            json{{"source", opt.source}, {"matched", r.matched}, {"unmatched", r.unmatched.size()},
                                 {"positions", r.positions_out}}});
  return r;
}

std::vector<StoredBoundary> load_boundaries(soci::session& s, BoundaryLevel level) {
  std::vector<StoredBoundary> out;
  const std::string l = to_string(level);
  StoredBoundary b;
  soci::statement st = (s.prepare << "SELECT org_unit_code, name, geometry FROM boundaries WHERE level = :l ORDER BY org_unit_code",
                        soci::into(b.code), soci::into(b.name), soci::into(b.geometry), soci::use(l));
  st.execute();
  while (st.fetch()) out.push_back(b);
  return out;
}

long long boundary_count(soci::session& s, BoundaryLevel level) {
  long long n = 0;
  const std::string l = to_string(level);
  s << "SELECT COUNT(*) FROM boundaries WHERE level = :l", soci::into(n), soci::use(l);
  return n;
}

}  // namespace longghep
