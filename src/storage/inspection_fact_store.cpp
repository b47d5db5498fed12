#include "storage/inspection_fact_store.hpp"

#include <string>

#include "storage/inspection_figures.hpp"

namespace longghep {
namespace fig = inspection_figures;

void bump_inspection_facts_revision(soci::session& s) {
  s << "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE key = 'inspection_facts_revision'";
}

long long inspection_facts_revision(soci::session& s) {
  std::string v;
  soci::indicator ind = soci::i_null;
  s << "SELECT value FROM meta WHERE key = 'inspection_facts_revision'", soci::into(v, ind);
  if (!s.got_data() || ind == soci::i_null) return -1;
  try {
    return std::stoll(v);
  } catch (...) {
    return -1;
  }
}

std::shared_ptr<const InspectionFactSet> InspectionFactStore::current(Database& db) {
  long long rev = -1;
  db.with_session([&](soci::session& s) { rev = inspection_facts_revision(s); });
  if (rev >= 0) {
    std::lock_guard<std::mutex> lock(mu_);
    if (facts_ && facts_->revision >= rev) return facts_;
  }
  auto fresh = std::make_shared<InspectionFactSet>();
  db.with_session([&](soci::session& s) {
    // the revision before the facts: a write committed during the load only makes the next read reload
    fresh->revision = inspection_facts_revision(s);
    fresh->businesses = load_business_facts(s, Scope::everything());
    fresh->inspections = load_inspection_facts(s, Scope::everything(), Date::min(), Date::max());
  });
  std::shared_ptr<const InspectionFactSet> out = fresh;
  std::lock_guard<std::mutex> lock(mu_);
  ++loads_;
  const bool keep = fresh->revision >= 0 && fresh->businesses.size() + fresh->inspections.size() <= kMaxFacts;
  if (!keep) facts_.reset();
  else if (!facts_ || facts_->revision <= fresh->revision) facts_ = out;
  return out;
}

long long InspectionFactStore::loads() const {
  std::lock_guard<std::mutex> lock(mu_);
  return loads_;
}

std::vector<fig::BusinessFact> businesses_in(const InspectionFactSet& f, const Scope& scope) {
  if (scope.all()) return f.businesses;
  std::vector<fig::BusinessFact> out;
  out.reserve(f.businesses.size());
  for (const auto& b : f.businesses)
    if (scope.contains(b.unit_id)) out.push_back(b);
  return out;
}

std::vector<fig::InspectionFact> inspections_in(const InspectionFactSet& f, const Scope& scope, Date from, Date to) {
  std::vector<fig::InspectionFact> out;
  out.reserve(f.inspections.size());
  for (const auto& i : f.inspections)
    if (!(i.day < from) && !(to < i.day) && (scope.all() || scope.contains(i.unit_id))) out.push_back(i);
  return out;
}

}  // namespace longghep
