// Org units and lineage events in the database, and the import of unit batches.
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "domain/hierarchy.hpp"
#include "importer/unit_sources.hpp"
#include "storage/audit.hpp"

namespace longghep {

std::shared_ptr<Hierarchy> load_hierarchy(soci::session& s);
long long hierarchy_revision(soci::session& s);

struct ImportResult {
  int created = 0, updated = 0, unchanged = 0, events = 0, events_unchanged = 0;
  std::vector<std::string> unresolved;  // links skipped under LinkPolicy::ReportUnresolved
  nlohmann::json to_json() const {
    return {{"created", created}, {"updated", updated}, {"unchanged", unchanged}, {"events", events},
            {"eventsUnchanged", events_unchanged}, {"unresolvedLinks", unresolved}};
  }
};

// Strict: a link naming a unit that does not exist on its date fails the whole import.
// ReportUnresolved: such links are skipped and listed. The official merges file needs this: it
// disagrees with the official current list on a few codes (e.g. Xã Ba Chẽ is 06970 in one and
// 06978 in the other), and one bad code must not block 10,000 good links.
enum class LinkPolicy { Strict, ReportUnresolved };

// Upserts units by (code, valid_from) and inserts missing lineage events, auditing each change.
// Validates the resulting hierarchy (Hierarchy::validate) and every link; throws Error(400)
// naming the first problems, in which case the caller's transaction must roll back.
ImportResult apply_unit_batch(soci::session& s, const UnitBatch& batch, const Actor& actor,
                              LinkPolicy policy = LinkPolicy::Strict);

nlohmann::json org_unit_json(const OrgUnit& u);                         // no childCount
nlohmann::json org_unit_ref(const OrgUnit& u);
// The unit kinds: [{code, nameVi, nameEn, level}] by level.
nlohmann::json org_unit_kinds_json(soci::session& s);

}  // namespace longghep
