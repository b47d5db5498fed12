// The in-memory store of the business and inspection facts (issue 17 bench: "coverage pivot ≤
// DuckDB"): the figures (GET /api/inspection-figures) and the pivot (POST
// /api/analytics/inspections/pivot) read every business and inspection of the database into
// compact fact arrays once, and again only after a write.
//
// Invalidation: every transaction that writes businesses, inspections or inspection violations
// calls bump_inspection_facts_revision (meta.inspection_facts_revision, migration 0032) in that
// transaction. A read takes the committed revision first (one row), then returns the stored facts
// when they were loaded at that revision or later, else loads them again (stamped with the
// revision read before the load: a write committed during the load only makes the next read
// reload). So a write — of this process or another — is visible to the next read, never stale.
//
// Concurrency: the lock guards only the pointer swap; it is never held while a connection is
// waited for or used, and no connection is held while the lock is waited for. Readers keep the
// snapshot they got (shared_ptr) while newer ones replace it; memory is bounded by kMaxFacts
// (above it nothing is stored and every read loads, as before).
#pragma once
#include <soci/soci.h>

#include <memory>
#include <mutex>
#include <vector>

#include "domain/date.hpp"
#include "domain/inspection_figures.hpp"
#include "storage/database.hpp"
#include "storage/reports.hpp"

namespace longghep {

// Takes the next inspection_facts_revision in the caller's transaction (every write of
// businesses, inspections, inspection_violations calls it).
void bump_inspection_facts_revision(soci::session& s);
// The committed revision; -1 when the row is missing (then nothing is cached).
long long inspection_facts_revision(soci::session& s);

struct InspectionFactSet {
  long long revision = -1;
  std::vector<inspection_figures::BusinessFact> businesses;      // by id
  std::vector<inspection_figures::InspectionFact> inspections;   // by id, every day, draft and final
};

class InspectionFactStore {
 public:
  static constexpr size_t kMaxFacts = 5'000'000;
  // The facts of `db` as of at least the revision committed when called (one store per database:
  // App::inspection_facts()).
  std::shared_ptr<const InspectionFactSet> current(Database& db);
  // How many loads from the database (tests: a read after a write reloads, one without does not).
  long long loads() const;

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const InspectionFactSet> facts_;
  long long loads_ = 0;
};

// The businesses of `scope` and the inspections of `scope` inspected within [from, to], from a set.
std::vector<inspection_figures::BusinessFact> businesses_in(const InspectionFactSet& f, const Scope& scope);
std::vector<inspection_figures::InspectionFact> inspections_in(const InspectionFactSet& f, const Scope& scope, Date from,
                                                               Date to);

}  // namespace longghep
